use proptest::prelude::*;

use crate::{MAX_EMAIL_BYTES, MailError, parse};

fn email(raw: &str) -> crate::Email {
    match parse(raw.as_bytes()) {
        Ok(e) => e,
        Err(e) => panic!("{e}: {raw}"),
    }
}

#[test]
fn headers_are_read_and_missing_ones_stay_none() {
    let e = email(
        "From: \"Example Exchange Support\" <support@examp1e.com>\r\n\
         To: Dev list <dev@lists.example.org>, you@mail.example\r\n\
         Reply-To: Helpdesk <help@other.example>, second@third.example\r\n\
         Return-Path: <bounce@mailer.example>\r\n\
         Subject: Your account\r\n\r\nHello",
    );
    let from = e.from.expect("from");
    assert_eq!(from.name.as_deref(), Some("Example Exchange Support"));
    assert_eq!(from.address, "support@examp1e.com");
    let replies: Vec<&str> = e.reply_to.iter().map(|m| m.address.as_str()).collect();
    assert_eq!(replies, ["help@other.example", "second@third.example"]);
    let to: Vec<&str> = e.to.iter().map(|m| m.address.as_str()).collect();
    assert_eq!(to, ["dev@lists.example.org", "you@mail.example"]);
    assert_eq!(e.return_path.as_deref(), Some("bounce@mailer.example"));
    assert_eq!(e.subject.as_deref(), Some("Your account"));
    assert_eq!(e.text.trim(), "Hello");

    let bare = email("Subject: hi\r\n\r\nbody");
    assert_eq!(bare.from, None);
    assert!(bare.reply_to.is_empty());
    assert!(bare.to.is_empty());
    assert_eq!(bare.return_path, None);
}

#[test]
fn transfer_encodings_and_charsets_decode() {
    // (raw email, a phrase the decoded subject + text must contain)
    let cases = [
        (
            "Subject: qp\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\r\n\
             Dear user, your account is frozen. Verify now: caf=C3=A9\r\n",
            "Verify now: café",
        ),
        (
            "Subject: big5\r\nContent-Type: text/plain; charset=big5\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n\
             p0GqurFipOGkd7NRreG1sqFBvdCl36dZxefD0qFD\r\n",
            "你的帳戶已被凍結，請立即驗證。",
        ),
        (
            "Subject: =?gb2312?B?1cu7p7CyyKvNqNaq?=\r\n\
             Content-Type: text/plain; charset=gbk\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n\
             x+vM4bmp1vq8x7TK0tS94raz1cu7pw==\r\n",
            "账户安全通知 请提供助记词以解冻账户",
        ),
        (
            "Subject: html only\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
             <html><body><p>Claim your <b>airdrop</b></p><script>x()</script></body></html>",
            "Claim your airdrop",
        ),
    ];
    for (raw, want) in cases {
        let e = email(raw);
        let all = format!(
            "{} {}",
            e.subject.unwrap_or_default(),
            e.text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert!(all.contains(want), "{all:?} lacks {want:?}");
    }
}

#[test]
fn multipart_alternative_keeps_text_and_html_links() {
    let raw = "From: a@b.example\r\nSubject: m\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/alternative; boundary=\"XX\"\r\n\r\n\
        --XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
        Log in at https://www.example.com\r\n\
        --XX\r\nContent-Type: text/html; charset=utf-8\r\n\
        Content-Transfer-Encoding: base64\r\n\r\n\
        PGEgaHJlZj0iaHR0cHM6Ly9ldmlsLmV4YW1wbGUvbG9naW4iPmh0dHBzOi8vd3d3LmV4YW1wbGUuY29tPC9hPg==\r\n\
        --XX--\r\n";
    let e = email(raw);
    assert!(e.text.contains("Log in at https://www.example.com"));
    assert_eq!(e.links.len(), 1);
    assert_eq!(e.links[0].text, "https://www.example.com");
    assert_eq!(e.links[0].href, "https://evil.example/login");
}

#[test]
fn bad_inputs_are_named() {
    assert_eq!(parse(b""), Err(MailError::Empty));
    assert_eq!(parse(b"  \r\n"), Err(MailError::Empty));
    let big = vec![b'a'; MAX_EMAIL_BYTES + 1];
    assert!(matches!(parse(&big), Err(MailError::TooLarge { .. })));
    assert_eq!(MailError::NotAnEmail.code(), "not_an_email");
}

#[test]
fn long_bodies_are_cut_and_flagged() {
    let raw = format!("Subject: x\r\n\r\n{}", "é".repeat(crate::MAX_TEXT_BYTES));
    let e = email(&raw);
    assert!(e.truncated);
    assert!(e.text.len() <= crate::MAX_TEXT_BYTES);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_bytes(raw in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&raw);
    }

    #[test]
    fn never_panics_on_mime_like_text(
        body in "(From: [a-z<>@\". ]{0,30}\r\n|Content-Type: (text/html|multipart/mixed; boundary=b)\r\n|--b\r\n|<a href=[a-z:/.\"]{0,20}>[a-z ]{0,10}</a>|=\\?[a-z0-9]{0,6}\\?[BQ]\\?[A-Za-z0-9=]{0,12}\\?=|\r\n){0,24}"
    ) {
        let _ = parse(body.as_bytes());
    }
}

#[test]
fn mailing_list_headers_are_read() {
    // (raw headers, list id, post address, unsubscribe)
    let cases: [(&str, Option<&str>, Option<&str>, bool); 4] = [
        (
            "List-Id: Rust users <users.lists.example.org>\r\n\
             List-Post: <mailto:users@lists.example.org>\r\n\
             List-Unsubscribe: <mailto:users-leave@lists.example.org>\r\n",
            Some("users.lists.example.org"),
            Some("users@lists.example.org"),
            true,
        ),
        (
            "List-Unsubscribe: <https://news.example.com/u/1>, <mailto:u@news.example.com>\r\n",
            None,
            None,
            true,
        ),
        (
            "List-Id: plain-id.example.net\r\n",
            Some("plain-id.example.net"),
            None,
            false,
        ),
        ("X-Other: 1\r\n", None, None, false),
    ];
    for (headers, id, post, unsubscribe) in cases {
        let e = email(&format!(
            "From: a@example.org\r\n{headers}Subject: s\r\n\r\nbody"
        ));
        match e.list {
            None => assert!(id.is_none() && post.is_none() && !unsubscribe, "{headers}"),
            Some(l) => {
                assert_eq!(l.id.as_deref(), id, "{headers}");
                assert_eq!(l.post.as_deref(), post, "{headers}");
                assert_eq!(l.unsubscribe, unsubscribe, "{headers}");
            }
        }
    }
    let e = email(
        "From: a@example.org\r\nList-Unsubscribe: <https://news.example.com/u/1>, \
         <mailto:u@news.example.com?subject=unsubscribe>\r\nSubject: s\r\n\r\nbody",
    );
    let targets = e.list.map(|l| l.unsubscribe_targets).unwrap_or_default();
    assert_eq!(
        targets,
        ["https://news.example.com/u/1", "u@news.example.com"]
    );
}

#[test]
fn attachments_are_listed_and_active_ones_told_apart() {
    let mail = |parts: &str| {
        format!(
            "From: a@b.example\r\nSubject: files\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n\
             --B\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n{parts}--B--\r\n"
        )
    };
    let part = |ctype: &str, disposition: &str| {
        format!(
            "--B\r\nContent-Type: {ctype}\r\n{disposition}Content-Transfer-Encoding: base64\r\n\r\nPGh0bWw+PC9odG1sPg==\r\n"
        )
    };
    // (parts, (name, active) of each attachment)
    let cases: Vec<(String, Vec<(&str, bool)>)> = vec![
        (
            part(
                "application/pdf; name=\"invoice.pdf\"",
                "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n",
            ),
            vec![("invoice.pdf", false)],
        ),
        (
            part(
                "text/html; name=\"Play_VM.htm\"",
                "Content-Disposition: attachment; filename=\"Play_VM.htm\"\r\n",
            ),
            vec![("Play_VM.htm", true)],
        ),
        (
            // A disguised second extension: the last one is what opens.
            part(
                "application/octet-stream",
                "Content-Disposition: attachment; filename=\"INV-2231.pdf.shtml\"\r\n",
            ),
            vec![("INV-2231.pdf.shtml", true)],
        ),
        (
            part("application/zip; name=\"photos.zip\"", ""),
            vec![("photos.zip", false)],
        ),
        (
            // A logo shown inline in the body is no attachment.
            part(
                "image/png",
                "Content-ID: <logo@x>\r\nContent-Disposition: inline\r\n",
            ),
            vec![],
        ),
    ];
    for (parts, want) in cases {
        let e = email(&mail(&parts));
        let got: Vec<(&str, bool)> = e
            .attachments
            .iter()
            .map(|a| (a.name.as_str(), a.is_active()))
            .collect();
        assert_eq!(got, want, "{parts}");
        assert!(e.text.contains("See attached"), "{parts}");
    }
}

#[test]
fn a_secret_form_in_the_html_body_is_found() {
    let e = email(
        "From: a@b.example\r\nSubject: card\r\nContent-Type: text/html\r\n\r\n\
         <p>Reactivate</p><form action=\"http://x.example/r.php\"><input name=cvv></form>",
    );
    assert_eq!(e.secret_forms.len(), 1);
    assert_eq!(e.secret_forms[0].action, "http://x.example/r.php");
    let plain = email("From: a@b.example\r\nSubject: hi\r\n\r\n<form><input type=password></form>");
    assert!(plain.secret_forms.is_empty(), "a text body has no forms");
}

#[test]
fn an_mbox_separator_line_before_the_headers_is_skipped() {
    let e = email(
        "From someone@lists.example.org  Tue Mar 11 09:14:02 2025\r\n\
         From: Karine <k@lists.example.org>\r\nSubject: Re: login\r\n\r\nHello list",
    );
    assert_eq!(
        e.from.map(|m| m.address).as_deref(),
        Some("k@lists.example.org")
    );
    assert_eq!(e.subject.as_deref(), Some("Re: login"));
}

#[test]
fn signatures_and_the_receiving_servers_results_are_read() {
    let e = email(
        "Authentication-Results: mx.reader.example; dkim=pass (2048-bit key)\r\n \
         header.d=shop.example header.i=@shop.example; spf=pass smtp.mailfrom=bounce.shop.example;\r\n \
         dmarc=pass (p=REJECT) header.from=shop.example\r\n\
         Authentication-Results: forged.example; dmarc=fail header.from=x.example\r\n\
         DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; D=Shop.Example; s=s1;\r\n \
         h=from:to; bh=YWJj; b=ZGVm\r\n\
         DKIM-Signature: v=1; a=rsa-sha256; d=esp.example; s=k; bh=x; b=y\r\n\
         From: Shop <news@shop.example>\r\nSubject: hi\r\n\r\nbody",
    );
    assert_eq!(e.auth.dkim_domains, ["shop.example", "esp.example"]);
    assert!(e.auth.results);
    assert_eq!(e.auth.dkim_pass, ["shop.example"]);
    // The forged results below the receiver's are not read.
    assert!(!e.auth.failed);

    // (header, whether a failure is reported)
    let cases = [
        (
            "mx.r.example; dmarc=fail (p=none) header.from=bank.example",
            true,
        ),
        ("mx.r.example; spf=fail smtp.mailfrom=bank.example", true),
        ("mx.r.example; dkim=fail header.d=bank.example", true),
        // A list's footer breaks the author's signature; the list's own passes.
        (
            "mx.r.example; dkim=fail header.d=author.example; dkim=pass header.d=lists.example",
            false,
        ),
        (
            "mx.r.example; dkim=none; spf=softfail smtp.mailfrom=x.example",
            false,
        ),
    ];
    for (header, failed) in cases {
        let e = email(&format!(
            "Authentication-Results: {header}\r\nSubject: s\r\n\r\nb"
        ));
        assert_eq!(e.auth.failed, failed, "{header}");
    }
    // (header, the passing signers read): the signing domain, else the identity's.
    let signers: [(&str, &[&str]); 5] = [
        (
            "mx.r.example; dkim=pass header.d=shop.example",
            &["shop.example"],
        ),
        (
            "mx.r.example; dkim=pass header.i=@mail.shop.example header.s=k1",
            &["mail.shop.example"],
        ),
        (
            "mx.r.example; dkim=pass header.i=alerts@bank.example; spf=pass",
            &["bank.example"],
        ),
        // The domain wins over the identity when both are written.
        (
            "mx.r.example; dkim=pass header.i=@esp.example header.d=shop.example",
            &["shop.example"],
        ),
        // A failing signature's identity is no signer; nor is an identity without a
        // domain.
        (
            "mx.r.example; dkim=fail header.i=@shop.example; dkim=pass header.i=nobody",
            &[],
        ),
    ];
    for (header, pass) in signers {
        let e = email(&format!(
            "Authentication-Results: {header}\r\nSubject: s\r\n\r\nb"
        ));
        assert_eq!(e.auth.dkim_pass, pass, "{header}");
    }
    let bare = email("Subject: s\r\n\r\nb");
    assert_eq!(bare.auth, crate::Authentication::default());
}
