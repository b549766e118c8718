# Input and request errors: error-<code>, where <code> is a stable error code
# (for input errors, indicator::ParseError::code).

error-empty = Please paste a website, email address, phone number, account or wallet address to check.
error-too_long =
    This is too long: paste only the link, address or name to check, at most { $max ->
        [one] one character
       *[other] { $max } characters
    }.
error-binary = This contains control characters or binary data. Please paste it again as plain text.
error-bad_punycode = The part “{ $label }” of this web address is not a valid international name.
error-invalid_domain = This is not a valid website address.
error-invalid_url = This is not a valid link.
error-label_too_long = A part of this web address is too long: each part between dots can have at most 63 characters.
error-invalid_character = This web address contains a character that is not allowed in website names.
error-bad_checksum = The checksum of this { $chain } address is wrong: a character was changed or mistyped. Check it character by character against the original.
error-invalid_address = This is not a valid wallet address.
error-invalid_phone = This is not a valid phone number.
error-missing_region = Please add the country code to the phone number, for example +852 for Hong Kong.
error-invalid_email = This is not a valid email address.
error-invalid_handle = This is not a valid account name.
error-unrecognized = This is not a website, email address, phone number, account or wallet address.
error-not_of_kind = This is not a valid { $kind }.
error-too_many =
    Too many inputs in one request: send at most { $max ->
        [one] one
       *[other] { $max }
    } at a time.
error-bad_request = We could not understand this request. Please check it and try again.
error-unauthorized = You need to sign in or give a valid access key to do this.
error-forbidden = You are not allowed to do this.
error-not_found = We could not find what you are looking for.
error-internal = Something went wrong on our side. Please try again later.
