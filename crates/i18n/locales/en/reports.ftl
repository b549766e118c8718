# Scam reports and disputes (issue 5): receipts and the problems of each field.
# report-field-<code>: reports::FieldError::code (indicator errors use error-<code>).

report-received = Thank you. Your report was received with reference { $reference }. Keep it: the police may ask for it.
dispute-received = Your dispute was received with reference { $reference }. An analyst will review the listing.

report-field-missing_content = Please give at least one website, number, account or address, or the message you received.
report-field-too_many_indicators =
    Please send at most { $max ->
        [one] one indicator
       *[other] { $max } indicators
    } in one report.
report-field-text_too_long =
    The message is too long: at most { $max ->
        [one] one character
       *[other] { $max } characters
    }.
report-field-invalid_text = The message contains control characters or binary data. Please paste it again as plain text.
report-field-unknown_channel = Please choose how the scammer contacted you from the list.
report-field-unknown_region = Please choose a country or region from the list.
report-field-invalid_amount = Please write the amount lost as a plain number, such as 1500 or 0.25.
report-field-missing_amount = Please give the amount lost together with the currency or coin.
report-field-invalid_asset = Please write the currency or coin as its code, such as USDT, BTC or HKD.
report-field-missing_asset = Please give the currency or coin lost together with the amount.
report-field-invalid_date = Please give the date and time it happened.
report-field-date_out_of_range = The date cannot be in the future or before 2000.
report-field-missing_contact = To be contacted by the police, please give a phone number or an email address.
report-field-contact_too_long =
    The contact detail is too long: at most { $max ->
        [one] one character
       *[other] { $max } characters
    }.
report-field-invalid_contact = The contact detail contains control characters. Please type it again.
report-field-missing_reason = Please explain why this listing is wrong.
report-field-reason_too_long =
    The explanation is too long: at most { $max ->
        [one] one character
       *[other] { $max } characters
    }.
