//! Table tests of the email checks of issue 11: links through redirectors and trackers,
//! display names, attachments, forms, credential-harvesting pretexts, and the bound on
//! what words alone make of an email.

use crate::tests::index_for_snapshots;
use crate::{Analysis, ReasonCode as R, Risk, analyze_email};

fn run(raw: &str) -> Analysis<'static> {
    let email = mail::parse(raw.as_bytes()).expect("test emails parse");
    let e = analyze_email(&email, index_for_snapshots());
    // Every span points into the document and holds the text it claims.
    for f in &e.analysis.tactics {
        for ev in &f.evidence {
            assert_eq!(
                e.document.get(ev.start..ev.end),
                Some(ev.text.as_str()),
                "{raw}"
            );
        }
    }
    e.analysis
}

fn has(a: &Analysis<'_>, reason: R) -> bool {
    a.tactics
        .iter()
        .any(|f| f.evidence.iter().any(|e| e.reason == reason))
}

fn has_text(a: &Analysis<'_>, text: &str) -> bool {
    a.tactics
        .iter()
        .any(|f| f.evidence.iter().any(|e| e.text == text))
}

fn html(headers: &str, body: &str) -> String {
    format!("{headers}Subject: news\r\nContent-Type: text/html\r\n\r\n{body}")
}

#[test]
fn redirectors_and_bulk_trackers_are_not_lying_links() {
    let bulk = "From: Shop <news@shop.sample.com>\r\n\
                List-Unsubscribe: <https://shop.esp-mail.sample.net/u?x=1>\r\n";
    // (headers, link, whether it lies)
    let cases: &[(&str, &str, bool)] = &[
        // A mail filter's safe link and a search engine's redirect carry the shown site.
        (
            "From: Ana <ana@uni.sample.edu>\r\n",
            "<a href=\"https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.python.org%2Fdownloads&data=x\">www.python.org/downloads</a>",
            false,
        ),
        (
            "From: Ana <ana@uni.sample.edu>\r\n",
            "<a href=\"https://www.google.com/url?q=https://github.com/rust-lang/rust&sa=D\">github.com/rust-lang/rust</a>",
            false,
        ),
        (
            "From: Ana <ana@uni.sample.edu>\r\n",
            "<a href=\"https://urldefense.com/v3/__https://lists.debian.org/x__;!!abc\">https://lists.debian.org/x</a>",
            false,
        ),
        // A redirect that carries another site than the one shown lies.
        (
            "From: Ana <ana@uni.sample.edu>\r\n",
            "<a href=\"https://www.google.com/url?q=https://paypa1-login.sample.ru/\">www.paypal.com</a>",
            true,
        ),
        // A bulk sender's own click tracking (its unsubscribe site).
        (
            bulk,
            "<a href=\"https://shop.esp-mail.sample.net/track/click?id=22\">www.shop.sample.com</a>",
            false,
        ),
        // The same tracker without an unsubscribe header, or another site, lies.
        (
            "From: Shop <news@shop.sample.com>\r\n",
            "<a href=\"https://shop.esp-mail.sample.net/track/click?id=22\">www.shop.sample.com</a>",
            true,
        ),
        (
            bulk,
            "<a href=\"https://login-verify.sample.org/a\">www.shop.sample.com</a>",
            true,
        ),
        // A small sender's newsletter with no `List-*` header: the service that takes
        // its bounces tracks the click to the sender's own site.
        (
            "Return-Path: <bounces@r7.esp-mail.sample.net>\r\nFrom: Shelter <news@shelter.sample.org>\r\n",
            "<a href=\"https://r7.esp-mail.sample.net/c.jsp?f=01&amp;c=9\">www.shelter.sample.org/donate</a>",
            false,
        ),
        // The same shape dressing the shown site in the link's host, or identifying no
        // click, or under a brand's name, lies.
        (
            "Return-Path: <www@srv2.host-ua.sample.net>\r\nFrom: Pay <service@pay.sample.org>\r\n",
            "<a href=\"http://pay.sample.org.resolution.host-ua.sample.net/u?x=1\">https://www.pay.sample.org/login</a>",
            true,
        ),
        (
            "Return-Path: <www@srv2.host-ua.sample.net>\r\nFrom: Pay <service@pay.sample.org>\r\n",
            "<a href=\"http://srv2.host-ua.sample.net/update/index.php\">https://www.pay.sample.org/login</a>",
            true,
        ),
        (
            "Return-Path: <bounces@r7.esp-mail.sample.net>\r\nFrom: Example <news@example.com>\r\n",
            "<a href=\"https://r7.esp-mail.sample.net/c.jsp?f=01\">www.example.com/offers</a>",
            true,
        ),
    ];
    for (headers, link, lies) in cases {
        let a = run(&html(headers, &format!("<p>Read it here: {link}</p>")));
        assert_eq!(has(&a, R::EmailLinkMismatch), *lies, "{headers}{link}");
    }
}

#[test]
fn display_names_that_claim_a_site_or_a_desk() {
    // (From header, whether the display name claims what the address is not)
    let cases: &[(&str, bool)] = &[
        (
            "\"Amazon.com\" <account-update@amazon-order-services.sample>",
            true,
        ),
        ("\"Amazon.com\" <shipment-tracking@amazon.com>", false),
        (
            "\"PGConf.EU Organisers\" <contact@pgconf.mailer.sample>",
            false,
        ),
        ("\"Webmail Support\" <helpdesk.mail2025@gmail.com>", true),
        (
            "\"Billing Department\" <billing.dept.invoices@outlook.com>",
            true,
        ),
        ("\"Security Team\" <team@yahoo.co.uk>", true),
        ("Dennis Okafor <dennis.okafor72@gmail.com>", false),
        ("\"Maple Street Neighbors\" <maplestreet@gmail.com>", false),
        ("\"Webmail Support\" <help@it.uni.sample.edu>", false),
        ("\"Mr. J. R. Smith\" <jrs@mail.sample.com>", false),
    ];
    for (from, claims) in cases {
        let a = run(&format!(
            "From: {from}\r\nSubject: hello\r\n\r\nSee you soon."
        ));
        assert_eq!(has(&a, R::EmailDisplayName), *claims, "{from}");
    }
}

#[test]
fn active_attachments_and_secret_forms_are_evidence_on_their_own() {
    let mixed = |name: &str, ctype: &str| {
        format!(
            "From: Voice Service <vm@pbx-notify.sample.com>\r\nSubject: New voicemail\r\n\
             Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
             --b\r\nContent-Type: text/plain\r\n\r\nYou have a new voice message.\r\n\
             --b\r\nContent-Type: {ctype}\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\nPGh0bWw+\r\n--b--\r\n"
        )
    };
    let page = run(&mixed("Play_Message.htm", "text/html"));
    assert!(has(&page, R::EmailAttachment), "{page:?}");
    assert!(page.risk >= Risk::Medium, "{:?} {}", page.risk, page.score);
    for (name, ctype) in [
        ("message.wav", "audio/wav"),
        ("Invoice_2231.pdf", "application/pdf"),
    ] {
        let a = run(&mixed(name, ctype));
        assert!(!has(&a, R::EmailAttachment), "{name}");
        assert!(a.risk < Risk::High, "{name}: {:?} {}", a.risk, a.score);
    }
    let form = run(&html(
        "From: Card Services <alerts@card-services.sample.com>\r\n",
        "<p>Your card is suspended. Reactivate it below.</p>\
         <form action=\"http://card-services.sample.com/r.php\">Card <input name=cc> \
         PIN <input type=password name=p><input type=submit></form>",
    ));
    assert!(has(&form, R::EmailSecretForm), "{form:?}");
    assert!(form.risk >= Risk::High, "{:?} {}", form.risk, form.score);
}

#[test]
fn credential_pretexts_are_read_in_direct_mail_with_a_way_to_act() {
    // A sender naming another's brand, with the pretexts of credential harvesting: each
    // is flagged, whatever the words.
    let phish = |from: &str, subject: &str, body: &str, href: &str| {
        html(
            &format!("From: {from}\r\nSubject: {subject}\r\n"),
            &format!("<p>{body}</p><p><a href=\"{href}\">Continue</a></p>"),
        )
        .replacen("Subject: news\r\n", "", 1)
    };
    let cases = [
        (
            "\"Microsoft account team\" <no-reply@account-alerts.sample.online>",
            "Unusual sign-in activity",
            "We detected something unusual about a recent sign-in. Review recent activity.",
            "https://account-alerts.sample.online/r",
        ),
        (
            "\"OneDrive\" <jmathers1977@outlook.com>",
            "Jen shared a file with you",
            "Here is the document that Jen shared with you.",
            "https://docs-2025.sample.app/view",
        ),
        (
            "\"Mail Administrator\" <l.perez@school.sample.org>",
            "Storage notice",
            "Your mailbox has exceeded the storage limit set by your administrator.",
            "https://quota.sample-forms.com/",
        ),
        (
            "\"Parcel Service\" <info@ship-notice.sample.ru>",
            "Delivery on hold",
            "Your parcel is held until the customs fee of 2.99 EUR is paid.",
            "https://pay.sample-parcel.top/",
        ),
    ];
    for (from, subject, body, href) in cases {
        let a = run(&phish(from, subject, body, href));
        assert!(
            a.risk >= Risk::Medium,
            "{from}: {:?} {} {a:?}",
            a.risk,
            a.score
        );
    }
    // A real service's notice in the same words, linking to its own site, reads as the
    // pretext too, but stays below high (words alone) and marks no link as the ask.
    let own = html(
        "From: Example Accounts <no-reply@accounts.example.com>\r\n",
        "<p>We noticed an unusual sign-in to your account. If this was you, you don't \
         need to do anything.</p><p><a href=\"https://myaccount.example.com/activity\">Check \
         activity</a></p>",
    );
    let a = run(&own);
    assert!(has_text(&a, "unusual sign-in"), "{a:?}");
    assert!(a.risk < Risk::High, "{:?} {} {a:?}", a.risk, a.score);
    assert!(!has(&a, R::PhishingLink), "{a:?}");
    // A list's mail is never read for them: a post discusses them.
    let listed = own.replacen(
        "Subject:",
        "List-Id: <sec.lists.sample.org>\r\nTo: sec@lists.sample.org\r\nSubject:",
        1,
    );
    assert!(!has_text(&run(&listed), "unusual sign-in"));
}

#[test]
fn words_alone_keep_an_email_below_high_and_checks_lift_it() {
    // Short, with every alarming word a real notice also uses, linking to its own site.
    let words = "From: Example Security <security@example.com>\r\nSubject: Verify your device\r\n\r\n\
                 Urgent: a sign in attempt requires verification. Enter the verification \
                 code on your device. If you did not sign in, your password may be \
                 compromised: change it now at https://example.com/settings/security";
    let a = run(words);
    assert!(a.risk < Risk::High, "{:?} {} {a:?}", a.risk, a.score);
    assert!(a.risk >= Risk::Low, "{:?} {}", a.risk, a.score);
    // The same with a link that shows one site and leads to another is high.
    let lying = html(
        "From: Example Security <security@example.com>\r\n",
        "<p>Urgent: verify your account now or it will be suspended.</p>\
         <a href=\"https://examp1e-verify.sample.ru/x\">https://www.example.com/verify</a>",
    );
    let a = run(&lying);
    assert!(a.risk >= Risk::High, "{:?} {}", a.risk, a.score);
}

#[test]
fn gift_cards_are_a_prize_in_bulk_mail_and_strong_in_a_direct_one() {
    let mail = |extra: &str| {
        format!(
            "From: Shop <news@shop.sample.com>\r\n{extra}Subject: Last chance\r\n\r\n\
             Win a $500 gift card! Every order before Sunday enters the draw. Hurry, offer \
             ends today. Free shipping on orders over $50. Log in and shop now at \
             https://www.shop.sample.com"
        )
    };
    // Sent to one reader, a gift card is strong evidence and lifts the bound on words.
    let direct = run(&mail(""));
    assert!(has(&direct, R::PaymentGiftCard), "{direct:?}");
    assert!(
        direct.risk >= Risk::High,
        "{:?} {}",
        direct.risk,
        direct.score
    );
    // The same from a bulk sender is a prize on offer.
    let bulk = run(&mail("List-Unsubscribe: <https://shop.sample.com/u>\r\n"));
    assert!(bulk.risk < Risk::High, "{:?} {}", bulk.risk, bulk.score);
}

#[test]
fn a_pretext_whose_link_leads_elsewhere_marks_that_link() {
    let share = |href: &str| {
        html(
            "From: Docs Online <no-reply@docs-online.sample.net>\r\n",
            &format!(
                "<p>Anna has shared a file with you: Proposal.docx</p>\
                 <p><a href=\"{href}\">Open</a></p>"
            ),
        )
    };
    let away = run(&share(
        "https://gateway.sample-ipfs.io/ipfs/bafy/index.html",
    ));
    assert!(has(&away, R::PhishingLink), "{away:?}");
    assert!(away.risk >= Risk::Medium, "{:?} {}", away.risk, away.score);
    // On the sender's own site the same words mark no link.
    let own = run(&share("https://files.docs-online.sample.net/d/88"));
    assert!(!has(&own, R::PhishingLink), "{own:?}");
}

#[test]
fn a_warning_not_to_click_or_enter_a_password_asks_for_nothing() {
    let warning = "From: Information Security <security@uni.sample.edu>\r\n\
                   Subject: Phishing alert\r\n\r\n\
                   Fake emails ask you to re-enroll your MFA within 24 hours. Do not click \
                   the links or enter your password. If you did, change it at \
                   https://password.uni.sample.edu and call the service desk.";
    let a = run(warning);
    assert!(!has(&a, R::AskForSecret), "{a:?}");
    assert!(a.risk < Risk::High, "{:?} {}", a.risk, a.score);
    // The ask itself, without the warning, is still one.
    let ask = warning.replace(
        "Do not click the links or enter",
        "Click the link and enter",
    );
    assert!(has(&run(&ask), R::AskForSecret));
}

#[test]
fn a_brand_dressed_in_account_words_is_not_its_own_domain() {
    use crate::email::dresses_brand;
    // (display name, address, whether the host dresses the name's brand)
    let cases: &[(&str, &str, bool)] = &[
        ("Dropbox Sign", "noreply@dropbox-sign-docs.sample.org", true),
        ("Netflix", "info@account-netflix-billing.sample.com", true),
        ("DHL Express", "noreply@dhl-shipment-notice.sample.ru", true),
        // A company's own hyphenated domain adds its trade, not account words.
        (
            "Brightlane Phone System",
            "voicemail@pbx.brightlane-design.co",
            false,
        ),
        ("SkyWays Rewards", "rewards@email.skyways-air.com", false),
        ("Netflix", "info@mailer.netflix.com", false),
        ("Dennis Okafor", "dennis.okafor72@gmail.com", false),
    ];
    for (name, address, dressed) in cases {
        assert_eq!(dresses_brand(name, address), *dressed, "{name} <{address}>");
    }
}

#[test]
fn pretexts_are_read_in_the_languages_phishing_is_written_in() {
    let mail = |subject: &str, body: &str| {
        html(
            &format!(
                "From: \"Banco\" <avisos@banco-seguridad.sample.es>\r\nSubject: {subject}\r\n"
            ),
            &format!("<p>{body}</p><p><a href=\"https://verify.sample-bank.top/x\">OK</a></p>"),
        )
        .replacen("Subject: news\r\n", "", 1)
    };
    for (subject, body) in [
        (
            "Aviso de seguridad",
            "Hemos detectado un acceso inusual y su cuenta ha sido bloqueada. Verifique su identidad.",
        ),
        (
            "Wichtig",
            "Aufgrund einer ungewöhnlichen Anmeldung wurde Ihr Konto gesperrt. Bitte bestätigen Sie Ihre Daten.",
        ),
        (
            "Encomenda retida",
            "A sua encomenda aguarda o pagamento da taxa alfandegária.",
        ),
    ] {
        let a = run(&mail(subject, body));
        assert!(
            a.risk >= Risk::Medium,
            "{subject}: {:?} {} {a:?}",
            a.risk,
            a.score
        );
    }
    // An ordinary note in the same language with a link is no lure.
    let note = run(&mail(
        "Horario",
        "La oficina abre a las nueve. Gracias por su visita.",
    ));
    assert!(
        note.risk < Risk::Medium,
        "{:?} {} {note:?}",
        note.risk,
        note.score
    );
}

#[test]
fn a_post_to_a_discussion_list_stays_low_on_words_and_its_checks_still_lift_it() {
    // A list post that debugs a log-in and quotes a lure: words are what it discusses.
    let post = "From: Ana <ana@lists.sample.org>\r\nTo: users@lists.sample.org\r\n\
                Return-Path: <users-bounces@lists.sample.org>\r\n\
                List-Id: <users.lists.sample.org>\r\nSubject: Re: login fails, urgent\r\n\r\n\
                Urgent: after the upgrade every login fails and users are told to verify \
                their account or it will be suspended. Has anyone seen this? The log says \
                the password expired immediately after the change.";
    let a = run(post);
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    // The same list, with a link that shows one site and leads to another.
    let lying = html(
        "From: Ana <ana@lists.sample.org>\r\nTo: users@lists.sample.org\r\n\
         List-Id: <users.lists.sample.org>\r\n",
        "<p>Urgent: verify your account now or it will be suspended.</p>\
         <a href=\"https://examp1e-verify.sample.ru/x\">https://www.example.com/verify</a>",
    );
    let a = run(&lying);
    assert!(a.risk >= Risk::High, "{:?} {}", a.risk, a.score);
}

/// A phishing mail dressed as a post to a list of the phisher's own (`lists.evil-host`),
/// with the list headers given.
fn list_phish(headers: &str) -> String {
    list_mail(
        headers,
        "Your mailbox is full and incoming mail is on hold. Verify your account at \
         https://mail-quota.sample.top/login within 24 hours or it will be suspended.",
    )
}

fn list_mail(headers: &str, body: &str) -> String {
    format!(
        "From: Mail Admin <admin@lists.evil-host.sample>\r\n{headers}\
         Subject: Mailbox quota\r\n\r\n{body}"
    )
}

#[test]
fn a_list_post_is_believed_only_when_it_came_through_the_lists_server() {
    let list = "List-Id: <staff.lists.evil-host.sample>\r\nTo: staff@lists.evil-host.sample\r\n";
    let servers = [
        "Return-Path: <staff-bounces@lists.evil-host.sample>\r\n",
        "Return-Path: <x@elsewhere.sample>\r\n\
         DKIM-Signature: v=1; a=rsa-sha256; d=evil-host.sample; s=k; bh=x; b=y\r\n",
        // Pasted without its envelope: a missing header is no evidence either way.
        "",
    ];
    // A post whose pretext carries its own link elsewhere keeps the bound of list mail,
    // even through the list's server.
    for server in servers {
        let a = run(&list_phish(&format!("{list}{server}")));
        assert!(a.risk >= Risk::Medium, "{server}: {:?} {}", a.risk, a.score);
    }
    // What a forger who sends from a domain of their own, consistently, still gets: the
    // post's bound (words alone stay low) when the link stands apart from the pretext,
    // as a discussion's link to documentation does. Every header here is theirs.
    let apart = "After the upgrade my mailbox is full and incoming mail is on hold, and the \
                 web client says my account will be suspended. The quota was raised last \
                 month, so this looks like a bug in the new storage backend to me. The \
                 backend's documentation: https://docs.storage.sample.top/quota";
    for server in servers {
        let a = run(&list_mail(&format!("{list}{server}"), apart));
        assert!(a.risk < Risk::Medium, "{server}: {:?} {}", a.risk, a.score);
    }
    // Without the list's server (bounces elsewhere, no signature of the list's site), a
    // `List-Post` on another site, or a sender dressing a brand, it is not a member's
    // post: the bound on words stays at medium and the words count.
    let forged = [
        format!("{list}Return-Path: <bulk@sender.sample-mailer.net>\r\n"),
        format!(
            "{list}Return-Path: <bulk@sender.sample-mailer.net>\r\n\
             DKIM-Signature: v=1; a=rsa-sha256; d=sample-mailer.net; s=k; bh=x; b=y\r\n"
        ),
        format!(
            "{list}Return-Path: <b@lists.evil-host.sample>\r\n\
             List-Post: <mailto:staff@other-list.sample>\r\n"
        ),
    ];
    for headers in &forged {
        let a = run(&list_mail(headers, apart));
        assert!(
            a.risk >= Risk::Medium,
            "{headers}: {:?} {}",
            a.risk,
            a.score
        );
    }
    let dressed = list_mail(
        &format!("{list}Return-Path: <b@lists.evil-host.sample>\r\n"),
        apart,
    )
    .replace(
        "From: Mail Admin <admin@lists.evil-host.sample>",
        "From: Evil Host <admin@evil-host-support.sample>",
    );
    let a = run(&dressed);
    assert!(a.risk >= Risk::Medium, "{:?} {}", a.risk, a.score);
    // A secret asked for: not through the list's server it keeps list mail's bound
    // (medium); through it, the post's bound (low) holds.
    let ask = |server: &str| {
        run(&list_mail(
            &format!("{list}{server}"),
            "Reply with your password and PIN to keep your mailbox active.",
        ))
    };
    let a = ask("Return-Path: <bulk@sender.sample-mailer.net>\r\n");
    assert!(a.risk >= Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    let a = ask(servers[0]);
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
}

#[test]
fn a_reply_to_elsewhere_is_a_way_to_act_on_a_pretext() {
    let mail = |reply_to: &str, body: &str| {
        format!(
            "From: Angela Brooks <angela.brooks@dental-group.sample.com>\r\n{reply_to}\
             To: payables@dental-group.sample.com\r\nSubject: Supplier invoices\r\n\r\n{body}"
        )
    };
    let change = "Our supplier's bank account has changed after an audit. Please update the \
                  beneficiary details before this week's payment run and pay the open \
                  invoices to the new account below. Confirm by email once done.";
    // Replies to a free mailbox: the payment-change pretext is read.
    let a = run(&mail("Reply-To: <angela.brooks.cfo@gmail.com>\r\n", change));
    assert!(a.risk >= Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    // Replies to the sender's own site, or an ordinary note replying elsewhere, are not.
    let a = run(&mail("Reply-To: <ap@dental-group.sample.com>\r\n", change));
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    let a = run(&mail(
        "Reply-To: <angela.brooks.home@gmail.com>\r\n",
        "I'm working from home on Friday, so reply here if you need me. The team lunch \
         moves to next week.",
    ));
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
}

#[test]
fn a_services_own_notice_stays_low_and_self_hosted_phishing_does_not() {
    let notice = |from: &str, extra: &str, link: &str| {
        html(
            &format!("From: {from}\r\n{extra}"),
            &format!(
                "<p>We weren't able to charge your card for your subscription: your bank \
                 declined the payment. To avoid an interruption, update your payment \
                 method.</p><p><a href=\"{link}\">Update payment method</a></p>"
            ),
        )
    };
    let own = "PixelForge Billing <billing@pixelforge.io>";
    let aligned = "Return-Path: <bounces@mail.pixelforge.io>\r\n\
                   DKIM-Signature: v=1; a=rsa-sha256; d=pixelforge.io; s=s1; bh=x; b=y\r\n";
    let link = "https://app.pixelforge.io/settings/billing";
    let a = run(&notice(own, aligned, link));
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    // Two words of the name written together, and the receiving server's pass.
    let a = run(&notice(
        "Royal Mail <no-reply@royalmail.co.uk>",
        "Return-Path: <b@royalmail.co.uk>\r\nDKIM-Signature: d=royalmail.co.uk; s=a\r\n\
         Authentication-Results: mx.me.sample; dkim=pass header.d=royalmail.co.uk; \
         dmarc=pass header.from=royalmail.co.uk\r\n",
        "https://www.royalmail.co.uk/pay",
    ));
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    // The receiving server names the signer by its identity (`header.i=@…`), as large
    // mailbox providers write it.
    let by_identity = |signer: &str| {
        format!(
            "Return-Path: <b@mail.pixelforge.io>\r\nDKIM-Signature: d=pixelforge.io; s=a\r\n\
             Authentication-Results: mx.me.sample; dkim=pass header.i=@{signer} \
             header.s=s1; spf=pass smtp.mailfrom=mail.pixelforge.io; dmarc=pass \
             header.from=pixelforge.io\r\n"
        )
    };
    let a = run(&notice(own, &by_identity("pixelforge.io"), link));
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    // Unsigned, or signed only by another domain (a mail service), with nothing
    // failed: a small sender's plain mail. A forger of `pixelforge.io` could send the
    // reader only to `pixelforge.io`, so it is an own notice too when it gives nothing
    // else to act on (no number to call, no address elsewhere).
    let esp_signed = by_identity("esp-sender.sample.net");
    for extra in [
        esp_signed.as_str(),
        "Return-Path: <bounces@mail.pixelforge.io>\r\n",
        "",
    ] {
        let a = run(&notice(own, extra, link));
        assert!(
            a.risk < Risk::Medium,
            "{extra}: {:?} {} {a:?}",
            a.risk,
            a.score
        );
    }
    // Each missing piece keeps the bound of direct mail (medium).
    let unsigned = "Return-Path: <bounces@mail.pixelforge.io>\r\n";
    let cases = [
        // A link elsewhere.
        (own, aligned, "https://pixelforge-billing.sample.top/update"),
        // Bounces elsewhere.
        (
            own,
            "Return-Path: <x@vps.sample-host.net>\r\nDKIM-Signature: d=pixelforge.io; s=a\r\n",
            link,
        ),
        // The receiving server found a failure.
        (
            own,
            "Return-Path: <bounces@mail.pixelforge.io>\r\nDKIM-Signature: d=pixelforge.io; s=a\r\n\
             Authentication-Results: mx.me.sample; dkim=pass header.d=pixelforge.io; \
             dmarc=fail header.from=pixelforge.io\r\n",
            link,
        ),
        // Self-hosted phishing: every piece on its own domain, which dresses the brand
        // or is not the one the name names.
        (
            "PixelForge <billing@pixelforge-billing.io>",
            "Return-Path: <b@pixelforge-billing.io>\r\nDKIM-Signature: d=pixelforge-billing.io; s=a\r\n",
            "https://pixelforge-billing.io/update",
        ),
        (
            "PixelForge <billing@pxf-payments.io>",
            "Return-Path: <b@pxf-payments.io>\r\nDKIM-Signature: d=pxf-payments.io; s=a\r\n",
            "https://pxf-payments.io/update",
        ),
    ];
    for (from, extra, link) in cases {
        let a = run(&notice(from, extra, link));
        assert!(
            a.risk >= Risk::Medium,
            "{from} {extra} {link}: {:?} {}",
            a.risk,
            a.score
        );
    }
    // Unsigned, the same notice with a number to call or an address elsewhere to write
    // to keeps the bound of direct mail; signed, its number is the sender's own.
    let notice_with = |extra: &str, also: &str| {
        notice(own, extra, link).replace(
            "update your payment method.</p>",
            &format!("update your payment method. {also}</p>"),
        )
    };
    for also in [
        "Questions? Call our billing team on +44 20 7946 0958.",
        "Questions? Write to billing-help@pxf-payments.io.",
    ] {
        let a = run(&notice_with(unsigned, also));
        assert!(a.risk >= Risk::Medium, "{also}: {:?} {}", a.risk, a.score);
    }
    let a = run(&notice_with(
        aligned,
        "Questions? Call our billing team on +44 20 7946 0958.",
    ));
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
}

#[test]
fn a_small_senders_plain_mail_is_its_own_notice() {
    // Unsigned mail of small senders, every link on the site the name names, nothing else
    // to act on: a club's renewal reminder without list headers, a shop's shipping notice,
    // an app's password notice. Words a phish shares ("renew", "won't be covered",
    // "parcel", "password was changed") stay low.
    let plain = |from: &str, subject: &str, body: &str| {
        format!("From: {from}\r\nTo: reader@sample-mail.net\r\nSubject: {subject}\r\n\r\n{body}")
    };
    let low = [
        plain(
            "Fernlea Cycling Club <membership@fernleacycling.org.uk>",
            "Membership renewal",
            "Club membership runs out on 30 June. Renew online at \
             https://fernleacycling.org.uk/renew or pay cash at the Thursday ride. If you don't \
             renew by the end of July you won't be covered by the club's insurance, so please \
             don't leave it too late.",
        ),
        plain(
            "Copperleaf Tea <orders@copperleaftea.com>",
            "Your parcel is on its way",
            "Your parcel has left our warehouse and delivery is expected on Thursday. Track \
             your package at https://copperleaftea.com/track/5521. We will never ask you to pay \
             a fee to redeliver a parcel.",
        ),
        plain(
            "Tally Notes <support@tallynotes.app>",
            "Your password was changed",
            "The password for your account was changed today. If this was you, there is \
             nothing to do. If not, reset it at https://tallynotes.app/reset and secure your \
             account.",
        ),
    ];
    for raw in &low {
        let a = run(raw);
        assert!(
            a.risk < Risk::Medium,
            "{raw}: {:?} {} {a:?}",
            a.risk,
            a.score
        );
    }
    // The same shapes as phishing: a site the name does not name or that names nobody
    // (only words of desks and mail), a link elsewhere, a number to call, a reply
    // elsewhere, or a payment asked; each keeps medium.
    let medium = [
        plain(
            "Mailbox Center <admin@mailboxcenter.net>",
            "Mailbox full",
            "Your mailbox has exceeded its storage limit. Sign in at \
             https://mailboxcenter.net/login to upgrade your quota or new mail will be held.",
        ),
        plain(
            "Copperleaf Tea <orders@copperleaf-delivery.com>",
            "Your parcel is on hold",
            "Your parcel is on hold until a redelivery fee of £1.45 is paid at \
             https://copperleaf-delivery.com/pay within 48 hours.",
        ),
        plain(
            "Tally Notes <support@tallynotes.app>",
            "Unusual sign-in",
            "We noticed an unusual sign-in to your account. Verify your account at \
             https://tallynotes-verify.sample.top/login within 24 hours or it will be suspended.",
        ),
        plain(
            "Tally Notes <support@tallynotes.app>",
            "Unusual sign-in",
            "We noticed an unusual sign-in to your account and it has been suspended. To \
             restore access call our security team on +44 20 7946 0958 today.",
        ),
        format!(
            "Reply-To: tallynotes.help@gmail.com\r\n{}",
            plain(
                "Tally Notes <support@tallynotes.app>",
                "Unusual sign-in",
                "We noticed an unusual sign-in and your account has been suspended. Reply \
                 with your username and password to restore access.",
            )
        ),
        plain(
            "Fernlea Cycling Club <membership@fernleacycling.org.uk>",
            "Bank details changed",
            "Our bank details have changed. Please pay your renewal of £25 to our new \
             account, sort code 04-00-75, account number 61839204, today.",
        ),
    ];
    for raw in &medium {
        let a = run(raw);
        assert!(
            a.risk >= Risk::Medium,
            "{raw}: {:?} {} {a:?}",
            a.risk,
            a.score
        );
    }
    // A carrier's warning denies the fee it names; a notice that asks for one does not,
    // and nor does a threat written with a negation.
    let fee = |body: &str| {
        run(&plain(
            "Parcel Desk <notices@parceldesk.sample.net>",
            "Delivery",
            &format!("{body} See https://pay.parcel-fees.sample.top/ for details."),
        ))
    };
    assert!(!has(
        &fee("We will never ask you to pay a fee by text or email to redeliver a parcel."),
        R::QuidProQuoFee
    ));
    assert!(has(
        &fee("Your parcel is held until you pay a redelivery fee of £2.99."),
        R::QuidProQuoFee
    ));
    assert!(has(
        &fee("If you do not pay the customs fee today, your parcel will be returned."),
        R::QuidProQuoFee
    ));
}

#[test]
fn a_services_own_gift_card_notice_is_no_gift_card_scam() {
    let aligned = |from_address: &str, body: &str| {
        let domain = from_address.rsplit_once('@').map_or("", |(_, d)| d);
        format!(
            "From: Brightbox Books <{from_address}>\r\nReturn-Path: <b@{domain}>\r\n\
             DKIM-Signature: v=1; a=rsa-sha256; d={domain}; s=s1; bh=x; b=y\r\n\
             Subject: A gift for you\r\n\r\n{body}"
        )
    };
    // A bookshop's own notice of a gift card a friend sent: the card is its product.
    let sent = "Anna sent you a Brightbox Books gift card! $25.00. To use your gift card, \
                enter the claim code at checkout. Gift cards never expire.";
    let a = run(&aligned("gift-cards@brightboxbooks.com", sent));
    assert!(a.risk < Risk::High, "{:?} {} {a:?}", a.risk, a.score);
    // From a domain it does not name, the same words stay strong; and an aligned sender
    // asking to be paid in gift cards keeps the bound of direct mail.
    let a = run(&aligned("gift-cards@brightbox-cards.sample.top", sent));
    assert!(has(&a, R::PaymentGiftCard), "{a:?}");
    assert!(a.risk >= Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    let pay = "Your order is on hold. To release it, buy two Apple gift cards of $100 and \
               reply with the codes today.";
    let a = run(&aligned("orders@brightboxbooks.com", pay));
    assert!(a.risk >= Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
}

#[test]
fn an_emails_prices_per_item_are_no_premium_charges() {
    let email = "From: Oakfield PTA <events@oakfieldprimary.sample.org>\r\n\
                 Subject: Summer fair\r\n\r\n\
                 Raffle tickets are £1 each or £5 for a strip of six. First prize is a family \
                 pass to the zoo! Please return the money by Friday.";
    let a = run(email);
    assert!(!has(&a, R::PaymentPremiumRate), "{a:?}");
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
}

#[test]
fn a_short_direct_email_is_no_offer_and_a_small_senders_newsletter_still_is() {
    let parcel = |extra: &str| {
        format!(
            "From: 郵政速遞 <notice@post-parcel.sample.top>\r\n{extra}Subject: 包裹派送通知\r\n\r\n\
             優惠通知：閣下的包裹因地址不完整未能派送，請於24小時內點擊以下連結更新地址並繳付\
             HK$15附加費，否則包裹將被退回：https://post-parcel.sample.top/pay 限時免費重新派送！"
        )
    };
    let direct = run(&parcel(""));
    assert!(
        direct.risk >= Risk::Medium,
        "{:?} {}",
        direct.risk,
        direct.score
    );
    // The same as bulk mail, which names its unsubscription, is an offer.
    let bulk = run(&parcel(
        "List-Unsubscribe: <mailto:u@post-parcel.sample.top>\r\n",
    ));
    assert!(bulk.risk < Risk::Medium, "{:?} {}", bulk.risk, bulk.score);
    // A long newsletter with no list headers, full of offers and links, stays an offer.
    let newsletter = "From: Riverside Animal Shelter <news@riverside-shelter.sample.org>\r\n\
        Subject: Spring news: free adoption weekend and a volunteer award\r\n\r\n\
        Free adoption weekend! All adoption fees are waived this Saturday and Sunday, \
        while places last. Our volunteer of the year award goes to Sam, congratulations! \
        Win a family ticket to the zoo in our spring raffle: every donation this month \
        enters you into the draw. Shop our new charity store for mugs and tote bags, with \
        free delivery on orders over £20, limited time only. Renew your membership online \
        at https://www.riverside-shelter.sample.org/join and get 10% off in the store. \
        Sign up for the dog walking rota at https://www.riverside-shelter.sample.org/walk. \
        Thank you for your support, and see you at the open day on 12 May, free entry for \
        everyone, with cake and a prize draw. You are receiving this because you are a \
        supporter; to unsubscribe, reply with \"unsubscribe\".";
    let a = run(newsletter);
    assert!(a.risk < Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
}

#[test]
fn a_secret_asked_by_reply_is_read_without_a_link_and_a_warning_is_not() {
    let mail = |body: &str| {
        format!(
            "From: Mail Center <no-reply@mailcenter-quota.sample.com>\r\nTo: me@example.org\r\n\
             Subject: Mailbox storage\r\n\r\n{body}"
        )
    };
    // Hard-wrapped at 72 columns, as mail programs send plain text.
    let ask = mail(
        "Your mailbox storage is full and you will stop receiving new emails soon. To\n\
         upgrade your quota for free, reply to this email with your username and\n\
         password.",
    );
    let a = run(&ask);
    assert!(has(&a, R::SecretCode), "{a:?}");
    assert!(a.risk >= Risk::Medium, "{:?} {} {a:?}", a.risk, a.score);
    // A notice that warns of the ask asks nothing.
    let warning = mail(
        "We will never ask you to reply to an email with your password. If a message\n\
         asks for it, delete it.",
    );
    assert!(!has(&run(&warning), R::SecretCode));
    // A supplier's changed bank details, with no link: the reply and the payment are
    // the ask.
    let change = mail(
        "Following up on the invoice below, which is now overdue. Our bank details\n\
         changed last month, so please pay to the new account and let me know once\n\
         the payment has been sent.",
    );
    assert!(has(&run(&change), R::PaymentTransfer));
}

#[test]
fn a_newsletters_safety_column_quotes_the_ask_without_making_it() {
    let mail = |extra: &str| {
        format!(
            "From: Town Library <events@townlibrary.sample.org>\r\n{extra}\
             Subject: Free workshops this month\r\n\r\n\
             Free workshop: spotting scam emails. Learn why a message asking you to update \
             your password is a warning sign. Log in to your library account to book a \
             place: https://www.townlibrary.sample.org/events"
        )
    };
    let bulk = run(&mail(
        "List-Unsubscribe: <https://mail.townlibrary.sample.org/u?id=1>\r\n",
    ));
    assert!(
        bulk.risk < Risk::High,
        "{:?} {} {bulk:?}",
        bulk.risk,
        bulk.score
    );
}

#[test]
fn alignment_proves_the_sender_not_the_brand_it_names() {
    // A notice whose every piece (bounces, signature, links) is on the sender's domain.
    let aligned = |from: &str, body: &str| {
        let address = from
            .rsplit_once('<')
            .map_or(from, |(_, a)| a.trim_end_matches('>'));
        let domain = address.rsplit_once('@').map_or(address, |(_, d)| d);
        html(
            &format!(
                "From: {from}\r\nReturn-Path: <bounces@{domain}>\r\n\
                 DKIM-Signature: v=1; a=rsa-sha256; d={domain}; s=s1; bh=x; b=y\r\n"
            ),
            &body.replace("DOMAIN", domain),
        )
    };
    let billing = "<p>We weren't able to charge your card for your subscription. To avoid \
                   an interruption, update your payment method.</p>\
                   <p><a href=\"https://DOMAIN/settings/billing\">Update payment method</a></p>";
    let sign_in = "<p>Someone signed in to your account from a new device. If this wasn't \
                   you, sign in and review your security settings.</p>\
                   <p><a href=\"https://DOMAIN/account/security\">Review activity</a></p>";
    let new_bank = "<p>Please note our bank details have changed. Kindly pay invoice \
                    INV-2231 to our new account, sort code 04-00-75, account number \
                    61839204, and confirm once the payment is made.</p>";
    let reply_secret = "<p>Thank you for contacting us about your missing tokens. Our engineers \
                        need to resync your wallet. Please reply to this email with your \
                        12-word recovery phrase so we can restore the balance.</p>";
    // (from, body, whether the bound of a service's own notice keeps it low)
    let cases: &[(&str, &str, bool)] = &[
        // Ordinary companies' own notices, and the brand's own official domain.
        ("PixelForge Billing <billing@pixelforge.io>", billing, true),
        (
            "Gatehouse Dental <hello@gatehousedental.co.uk>",
            sign_in,
            true,
        ),
        ("Nimbus Wallet <security@nimbuswallet.io>", sign_in, true),
        // A self-named domain that names a brand of the registry it is not the site of:
        // glued to account words, hyphenated, or the display name naming the brand.
        (
            "Nimbus Wallet Support <help@nimbuswalletsupport.com>",
            sign_in,
            false,
        ),
        ("Nimbus Wallet <team@nimbus-wallet.app>", billing, false),
        (
            "Example Exchange <alerts@exampleexchange.net>",
            sign_in,
            false,
        ),
        // An aligned domain of no brand that asks for a secret by reply (on main, the
        // bound kept it low), or for a payment to a new account.
        (
            "Brightwell Supplies <accounts@brightwellsupplies.com>",
            new_bank,
            false,
        ),
        ("Walletcare <help@walletcare.app>", reply_secret, false),
    ];
    for &(from, body, low) in cases {
        let a = run(&aligned(from, body));
        if low {
            assert!(a.risk < Risk::Medium, "{from}: {:?} {}", a.risk, a.score);
        } else {
            assert!(a.risk >= Risk::Medium, "{from}: {:?} {}", a.risk, a.score);
        }
    }
}

#[test]
fn a_sender_own_newsletter_is_its_notice_and_a_relayed_one_is_bulk() {
    let news = |unsubscribe: &str| {
        html(
            &format!(
                "From: Eastvale Police Alerts <bulletin@eastvalepolice.org>\r\n\
                 Return-Path: <b@alerts.eastvalepolice.org>\r\n\
                 DKIM-Signature: d=eastvalepolice.org; s=a\r\n\
                 List-Unsubscribe: <{unsubscribe}>\r\n"
            ),
            "<p>Courier fraud: callers claiming to be police officers say your card was \
             cloned and ask you to transfer money to a safe account or hand your card to a \
             courier. Fake parcel texts ask for a small fee. Police will never ask for your \
             PIN or your money.</p>\
             <p><a href=\"https://www.eastvalepolice.org/fraud\">Fraud advice</a></p>",
        )
    };
    let own = run(&news("https://alerts.eastvalepolice.org/unsubscribe"));
    let relayed = run(&news("https://esp.sample-mailer.net/u?id=1"));
    assert!(own.risk < Risk::Medium, "{:?} {}", own.risk, own.score);
    assert!(
        own.score <= relayed.score,
        "{} {}",
        own.score,
        relayed.score
    );
}

#[test]
fn a_thread_among_relatives_retells_a_scam_and_a_message_to_one_runs_it() {
    let story = "They called Dad saying his computer was infected, asked him to install \
                 AnyDesk and to log in to his bank to verify the refund, then asked for the \
                 code from his phone. He hung up. Can one of you visit him on Tuesday?";
    let mail = |to: &str, body: &str| {
        format!(
            "From: Raj Patel <raj.patel.home@gmail.com>\r\nTo: {to}\r\n\
             Subject: Dad\r\n\r\n{body}\r\n"
        )
    };
    let family = "Anita Patel <anita.patel@gmail.com>, Dev Patel <devpatel@yahoo.com>";
    let a = run(&mail(family, story));
    assert!(a.risk < Risk::High, "{:?} {}", a.risk, a.score);
    // The same account of it written to one person, and a script run on a relative.
    let ask = "Hi Mum, this is my new number, my phone broke. Can you send 900 to this \
               account today, sort code 04-00-75, account 61839204? I'll pay you back.";
    for (to, body) in [("Anita Patel <anita.patel@gmail.com>", ask), (family, ask)] {
        let a = run(&mail(to, body));
        assert!(a.risk >= Risk::Medium, "{to}: {:?} {}", a.risk, a.score);
    }
}
