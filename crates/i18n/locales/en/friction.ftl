# The friction ladder (issue 14): why a withdrawal is held, and what the exchange sends
# to the trusted contact the user named.
friction-hold-reason = We are holding this withdrawal for { $hours ->
    [one] one hour
   *[other] { $hours } hours
} because it looks like a scam. You can cancel it at any time. Before it goes ahead, talk to someone you trust or call the anti-scam hotline.
friction-hold-escalated = Your answers match what scammers tell people to say, so we are holding this withdrawal for { $hours ->
    [one] one hour
   *[other] { $hours } hours
}. You can cancel it at any time. Nobody genuine will ask you to move crypto in a hurry: call the anti-scam hotline before it goes ahead.
friction-contact-notification = Someone who named you as their trusted contact has a crypto withdrawal on hold for { $hours ->
    [one] one hour
   *[other] { $hours } hours
} because it looks like a scam. Please call them and talk it through before the money is sent.
