# Withdrawal screening: the risk signals of a withdrawal (`campaign-signal-<code>`),
# shown to the user in plain language.

campaign-signal-reported_scam = This address has been reported as a scam { $count ->
    [one] once
   *[other] { $count } times
}. Do not send money to it: once sent, it usually cannot be recovered.
campaign-signal-address_poisoning = This address looks like { $counterparty }, an address you sent to before, but it is a different one. Scammers create look-alike addresses hoping you copy the wrong one: check every character against a trusted source.
campaign-signal-imitates_official = This address imitates an official address of { $brand } but does not belong to them.
campaign-signal-official_compromised = This address belongs to { $brand }, but { $brand } reported it out of its control since { $since }: anything sent there is lost. Do not send to it; check the address with { $brand } through its other official channels.
campaign-signal-new_destination = You have never sent funds to this address before.
campaign-signal-first_withdrawal = This is your first withdrawal from your account.
campaign-signal-large_amount = This amount is { $ratio } times what you usually withdraw.
campaign-signal-recent_security_change = Your password, two-factor authentication, device or email changed { $hours ->
    [one] an hour
   *[other] { $hours } hours
} ago. If you did not make this change, stop and contact us.
campaign-signal-young_account = Your account was opened { $days ->
    [one] a day
   *[other] { $days } days
} ago.
campaign-signal-reported_scam-suspected = This address was reported as a scam by several people { $count ->
    [one] once
   *[other] { $count } times
}; analysts have not confirmed it yet. Do not send money to it unless you are sure who owns it.
