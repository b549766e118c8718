# Verification results: verdicts, advice, kinds, reasons and impersonation techniques.
#
# Variables hold plain values (a brand name, a domain, an address) or text already
# localized by the caller ($kind is a formatted kind-* message, $severity a severity-*
# message, $pairs a list of pair messages joined with list-separator).

## Verdicts: the headline of a result.

verdict-official = Official
verdict-formerly_official = Formerly official
verdict-impersonation = Impersonation
verdict-reported_scam = Reported scam
verdict-unknown = No record
verdict-invalid = Not recognized

## Advice: what to do next, one per verdict.

advice-official = This belongs to { $brand }. Even so, never share your password, 2FA codes or recovery phrase with anyone, not even { $brand } staff.
advice-formerly_official = { $brand } no longer uses this, so do not trust messages that come from it. To reach { $brand }, use only the channels listed on its official website.
advice-impersonation = This imitates { $brand }: do not click, reply, pay or share anything. Report it, and contact { $brand } only through its official channels.
advice-reported_scam = Other people have reported this as a scam: stop all contact and do not send any money or crypto. If you have lost money, report it to the police (in Hong Kong, call the Anti-Scam Helpline 18222).
advice-unknown = We have no record of this, and no record is not proof that it is safe. Check with the official channels before you act.
advice-invalid = We could not read this as a website, email address, phone number, account or wallet address. Please check it and try again.

## Kinds of input, used as $kind inside sentences.

kind-domain = website
kind-url = link
kind-ip = IP address
kind-email = email address
kind-email_domain = mail domain
kind-phone = phone number
kind-x = X (Twitter) account
kind-telegram = Telegram account
kind-instagram = Instagram account
kind-facebook = Facebook account
kind-youtube = YouTube channel
kind-tiktok = TikTok account
kind-discord = Discord invite
kind-whatsapp = WhatsApp number
kind-handle = account
kind-address = wallet address

## Severity of a scam report, used as $severity in reason-reported.

severity-suspected = by several people; not yet reviewed by an analyst
severity-confirmed = confirmed by an analyst

## Reasons: full sentences explaining a verdict.

reason-official = This is an official { $kind } of { $brand }.
reason-official-parent = { $value } is part of { $parent }, an official domain of { $brand }.
reason-official-mail = { $domain } is an official mail domain of { $brand }. Sender addresses can be forged, so still never share your password, codes or recovery phrase.
reason-retired = { $brand } used this { $kind } in the past but no longer does: someone else may control it now.
reason-website-not-mail = { $domain } is a website of { $brand }, but { $brand } does not send email from it.
reason-reported =
    { $count ->
        [one] Reported once as a scam
       *[other] Reported { $count } times as a scam
    } ({ $severity }). First seen { $first_seen }, last seen { $last_seen }.
reason-reported-parent = Its parent domain { $parent } is reported as a scam.
reason-reported-domain = The domain { $domain } of this { $kind } is reported as a scam.
reason-no-record = We have no record of this. That does not prove it is safe.
reason-userinfo = The link seems to lead to { $shown }, but everything before “@” is ignored: it really opens { $real }.
reason-invalid = { $problem }

## Impersonation techniques: how a lookalike imitates an official channel ($target) of $brand.

technique-homoglyph = This imitates { $target }, an official channel of { $brand }, with look-alike characters: { $pairs }.
# One look-alike character pair, joined with list-separator into $pairs.
pair = “{ $found }” instead of “{ $expected }”
list-separator = {", "}
technique-insertion = This imitates { $target }, an official channel of { $brand }, by adding “{ $found }”.
technique-omission = This imitates { $target }, an official channel of { $brand }, by leaving out “{ $expected }”.
technique-replacement = This imitates { $target }, an official channel of { $brand }, by putting “{ $found }” where “{ $expected }” should be.
technique-replacement-keyboard = This imitates { $target }, an official channel of { $brand }, by putting “{ $found }” where “{ $expected }” should be: they are neighbouring keys on a keyboard, so the change is easy to miss.
technique-transposition = This imitates { $target }, an official channel of { $brand }, by swapping two letters (“{ $found }” instead of “{ $expected }”).
technique-repetition = This imitates { $target }, an official channel of { $brand }, by doubling “{ $found }”.
technique-vowel_swap = This imitates { $target }, an official channel of { $brand }, by changing the vowel “{ $expected }” to “{ $found }”.
technique-bit_flip = This imitates { $target }, an official channel of { $brand }, with “{ $found }” instead of “{ $expected }”: a one-bit difference that computers can produce by mistake (bitsquatting).
technique-hyphenation = This imitates { $target }, an official channel of { $brand }, by adding a hyphen.
technique-plural = This imitates { $target }, an official channel of { $brand }, by adding “{ $found }” at the end.
technique-combosquatting = This uses the name “{ $token }” of { $brand } with added words ({ $extra }) to look official. The real address of { $brand } is { $target }.
technique-subdomain_abuse = This puts { $target } at the front of another site's address to look like { $brand }, but the site really is { $registrable }.
technique-tld_swap = This copies { $target }, an official address of { $brand }, but ends in “.{ $found }” instead of “.{ $expected }”.
technique-separator = This imitates the account { $target } of { $brand } by adding separators (_ . -).
technique-display_name = The sender name claims to be { $brand }, but the address is at { $domain }, which does not belong to { $brand }.
technique-freemail_brand = This address uses the name of { $brand } at a free email provider ({ $domain }). { $brand } does not write to you from free email services.
technique-address_poisoning = This address starts with { $start } and ends with { $end }, like the address { $target } of { $brand }, but it is a different address. Scammers create look-alike addresses to poison your transaction history: always compare the whole address.
technique-userinfo_trick = This link hides { $target } before an “@” to look like { $brand }, but browsers ignore that part.

## Short technique names for labels.

technique-name-homoglyph = Look-alike characters
technique-name-insertion = Added character
technique-name-omission = Missing character
technique-name-replacement = Replaced character
technique-name-transposition = Swapped letters
technique-name-repetition = Doubled letter
technique-name-vowel_swap = Changed vowel
technique-name-bit_flip = One-bit difference
technique-name-hyphenation = Added hyphen
technique-name-plural = Added ending
technique-name-combosquatting = Brand name with extra words
technique-name-subdomain_abuse = Brand name in front of another site
technique-name-tld_swap = Different domain ending
technique-name-separator = Added separators
technique-name-display_name = Fake sender name
technique-name-freemail_brand = Brand name on free email
technique-name-address_poisoning = Look-alike wallet address
technique-name-userinfo_trick = Disguised link

## Added for issue 11: a dot inserted into an official name.

technique-dot_insertion = This imitates { $target }, an official address of { $brand }, by splitting its name with a dot, but the site really is { $registrable }.
technique-name-dot_insertion = Dot inside the name
reason-listed = Listed as a scam by the feed { $sources }. First seen { $first_seen }, last seen { $last_seen }.
source-unnamed = an unnamed source

## A compromised official channel (issue 14).

verdict-official_compromised = Official but compromised
advice-official_compromised = This { $brand } channel has been controlled by someone else since { $since }. Do not follow its instructions, do not click its links, and do not send it money, crypto, passwords or codes. Reach { $brand } only through its other official channels: { $channels }.
advice-compromised-no-channels = the channels shown in its official app
reason-compromised = { $brand } reports that this { $kind } has been taken over by someone else since { $since }: it is still the brand's, but messages from it are not.
