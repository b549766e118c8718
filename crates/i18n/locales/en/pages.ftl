# The public pages (issue 13): the layout, the Verify card, the analyze page's extras,
# the report form and its status page, Know Your Scam and the official channels.

ui-skip-link = Skip to the content
ui-nav-label = Pages
ui-learn-nav = Know your scam
ui-official-nav = Official channels
ui-optional = (optional)

ui-verdict-label = Verdict:
ui-compare-heading = Spot the difference
ui-compare-input = What you checked
ui-compare-official = The real one ({ $brand })
ui-compare-note = The highlighted characters are different.
ui-report-summary =
    { $count ->
        [one] Reported once
       *[other] Reported { $count } times
    }, first on { $first }, last on { $last }.
ui-next-heading = What to do next
ui-report-this = Report it to us

ui-analyze-file-label = Or upload an email file (.eml)
ui-analyze-file-hint = Save the email from your mail app as a file, then choose it here. It is read, not stored.
ui-analyze-file-error = We could not read this file as an email. Save it again as .eml, or paste the text instead.
ui-analyze-highlighted = The message, with the warning signs highlighted
ui-analyze-tactics = Tricks found in the message
ui-analyze-missing = Please paste a message, or choose an email file.
ui-analyze-too-long =
    This is too long: we read at most { $max ->
        [one] one byte
       *[other] { $max } bytes
    }. Paste the part with the links and the request.

ui-report-title = Report a scam
ui-report-intro = Tell us about a scam website, number, account or message. Analysts review every report, and confirmed scams are listed so that everyone who checks them is warned.
ui-report-indicators-label = Websites, phone numbers, accounts or wallet addresses
ui-report-indicators-hint = One on each line. You may leave this empty and paste the message below instead.
ui-report-text-label = The message you received
ui-report-channel-label = How did they contact you?
ui-report-channel-unset = Choose…
ui-report-region-label = Your country or region
ui-report-region-hint = Two letters, such as HK, TW or SG.
ui-report-loss-legend = Did you lose money?
ui-report-amount-label = Amount
ui-report-asset-label = Currency or coin
ui-report-when-label = When did it happen?
ui-report-contact-legend = May the police contact you?
ui-report-consent-label = Yes, the police may contact me about this report.
ui-report-contact-label = Your phone number or email
ui-report-contact-hint = Kept only with your consent, and shown only to the police partner of your region. Never published.
ui-report-submit = Send the report
ui-report-errors = Please check the fields marked below.
ui-report-done = Report sent
ui-report-status-link = See the status of your report

ui-status-title = Report { $reference }
ui-status-received-at = Received on { $date }.
ui-status-received = Received
ui-status-received-description = We have your report. Analysts read it together with the other reports from your region.
ui-status-under_review = Under review
ui-status-under_review-description = What you reported is in our analysts' queue. It is listed as a scam once confirmed.
ui-status-listed = Listed as a scam
ui-status-listed-description = What you reported is on our list of scams: everyone who checks it is warned. Thank you.
ui-status-rejected = Not listed
ui-status-rejected-description = Our analysts reviewed what you reported and did not list it. If you lost money, report it to the police all the same.
ui-status-not-found = We have no report with this reference. Please check it and try again.
ui-status-privacy = This page shows the status only: never your message or your contact details.
ui-status-lookup-heading = Already reported?
ui-status-lookup-label = Your report's reference
ui-status-lookup-submit = See its status

channel-sms = Text message (SMS)
channel-phone = Phone call
channel-email = Email
channel-website = Website
channel-chat = Chat app
channel-dm = Direct message
channel-group = Chat or social group
channel-social = Social network
channel-telegram = Telegram
channel-whatsapp = WhatsApp
channel-x = X (Twitter)
channel-instagram = Instagram
channel-facebook = Facebook
channel-youtube = YouTube
channel-tiktok = TikTok
channel-discord = Discord
channel-wechat = WeChat
channel-line = LINE
channel-signal = Signal
channel-dating = Dating app or site
channel-in_person = In person
channel-app = In an app (a message or notification)
channel-other = Something else

ui-learn-title = Know your scam
ui-learn-intro = Scammers use the same few tricks again and again. Learn to spot them, and what to do when you meet one.
ui-learn-families = Common scams
family-fake-authority-title = Fake police or regulator
family-fake-authority-description = Someone claiming to be the police, a regulator or a court says your account is involved in a crime. To "clear your name" you must keep it secret and move your money to a "safe account".
family-loan-fee-title = Loan with a fee first
family-loan-fee-description = Your loan is "approved", but first you must pay a fee, a deposit or an "unfreezing" transfer. The loan never comes.
family-fake-service-title = Fake customer service
family-fake-service-description = A refund, compensation or a subscription to cancel, and then a transfer, a code, an app to install or a screen to share.
family-acquaintance-title = "It's me, with a new number"
family-acquaintance-description = A relative, friend or boss with a new number needs money quickly, and cannot talk on the phone.
family-task-title = Paid online tasks
family-task-description = An easy online job (liking videos, rating shops) pays at first, then every new task needs a bigger deposit.
family-investment-title = Investment grooming
family-investment-description = A mentor, a group or a platform shows steady, guaranteed returns. You can deposit but never withdraw.
family-callback-title = Call this number
family-callback-description = An alarming transaction or withdrawal "in your name", and a phone number to call if it was not you. The number is the scammer's.
ui-learn-todo = What to do
ui-learn-todo-stop = Stop. Do not pay, click, or share any code, password or recovery phrase.
ui-learn-todo-check = Check the link, number or account on this site, or in the official app.
ui-learn-todo-call = In doubt, call the Anti-Scam Helpline 18222.
ui-learn-todo-report = Report it, so that others are warned.
ui-learn-todo-lost = If you already paid, contact your bank or exchange and the police at once.

ui-official-title = Official channels
ui-official-intro = The websites, email domains, phone numbers, accounts and wallet addresses each brand really uses. Anything else that uses its name is not the brand.
ui-official-active = In use
ui-official-retired = Retired: no longer used
ui-official-status = Status
ui-official-empty = No official channels are registered yet.
