//! Links of an HTML body: `<a href="…">shown text</a>`. A tolerant scanner rather than
//! an HTML parser: scam mail is often malformed on purpose, and all we need is each
//! anchor's target and visible text.

use crate::{Link, SecretForm};

/// Most forms looked at in one body.
const MAX_FORMS: usize = 10;

/// Longest link text or target kept, in bytes.
const MAX_PART_BYTES: usize = 2048;

/// Appends the links of `html` to `out`, at most `max` in all; says whether some were
/// left out.
pub(crate) fn links(html: &str, out: &mut Vec<Link>, max: usize) -> bool {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(open) = find_tag(bytes, i, b"<a") {
        // `<a` must be followed by whitespace (not `<abbr>`).
        let after = open + 2;
        if !bytes.get(after).is_some_and(u8::is_ascii_whitespace) {
            i = after;
            continue;
        }
        let Some(tag_end) = tag_end(bytes, after) else {
            break;
        };
        let href = attribute(&html[after..tag_end], "href");
        let content_start = tag_end + 1;
        let content_end = find_tag(bytes, content_start, b"</a").unwrap_or(bytes.len());
        i = content_end;
        let Some(href) = href else { continue };
        let href = clip(decode_entities(href.trim()));
        if href.is_empty() || href.starts_with('#') || starts_with_ci(&href, "javascript:") {
            continue;
        }
        if out.len() >= max {
            return true;
        }
        let text = clip(visible_text(&html[content_start..content_end]));
        out.push(Link { text, href });
    }
    false
}

/// Appends the forms of `html` that ask for a secret: an `<input>` of type `password`,
/// or one named for a password, PIN, card number or card code (`cvv`, `cc`). A search
/// box or a newsletter sign-up asks for no secret.
pub(crate) fn secret_forms(html: &str, out: &mut Vec<SecretForm>) {
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut seen = 0;
    while let Some(open) = find_tag(bytes, i, b"<form") {
        seen += 1;
        if seen > MAX_FORMS {
            break;
        }
        let after = open + 5;
        let Some(tag_end) = tag_end(bytes, after) else {
            break;
        };
        let action = attribute(&html[after..tag_end], "action")
            .map(|a| clip(decode_entities(a.trim())))
            .unwrap_or_default();
        let end = find_tag(bytes, tag_end, b"</form").unwrap_or(bytes.len());
        i = end;
        if asks_for_secret(&html[tag_end..end]) {
            out.push(SecretForm { action });
        }
    }
}

/// Whether the inputs of a form's body ask for a secret.
fn asks_for_secret(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(open) = find_tag(bytes, i, b"<input") {
        let after = open + 6;
        let Some(end) = tag_end(bytes, after) else {
            return false;
        };
        i = end;
        let attrs = &body[after..end];
        if attribute(attrs, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("password")) {
            return true;
        }
        let name = attribute(attrs, "name")
            .unwrap_or_default()
            .to_ascii_lowercase();
        // "pin" only as the whole name or at an end ("shipping" is no PIN).
        let secret = ["pass", "cvv", "cvc", "card", "ssn"]
            .iter()
            .any(|w| name.contains(w))
            || name.starts_with("pin")
            || name.ends_with("pin")
            || matches!(name.as_str(), "cc" | "pw" | "pwd" | "exp");
        if secret {
            return true;
        }
    }
    false
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

fn clip(mut s: String) -> String {
    if s.len() > MAX_PART_BYTES {
        let end = s.floor_char_boundary(MAX_PART_BYTES);
        s.truncate(end);
    }
    s
}

/// The next `needle` (ASCII, case-insensitive) at or after `from`.
fn find_tag(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle.first()?;
    let mut i = from;
    while i + needle.len() <= bytes.len() {
        let rest = bytes.get(i..)?;
        let k = rest.iter().position(|b| b == first)?;
        i += k;
        if bytes
            .get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The `>` that closes a tag whose attributes start at `from`, skipping quoted values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(k),
            None => {}
        }
    }
    None
}

/// The value of attribute `name` in the attribute text of a tag.
fn attribute<'h>(attrs: &'h str, name: &str) -> Option<&'h str> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the start of an attribute name.
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>')
        {
            i += 1;
        }
        let attr = &attrs[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            if i == name_start {
                i += 1;
            }
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value, next) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let end = bytes[start..]
                    .iter()
                    .position(|&b| b == q)
                    .map_or(bytes.len(), |p| start + p);
                (&attrs[start..end], end + 1)
            }
            _ => {
                let start = i;
                let end = bytes[start..]
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .map_or(bytes.len(), |p| start + p);
                (&attrs[start..end], end)
            }
        };
        if attr.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        i = next;
    }
    None
}

/// The text a reader sees: tags removed, entities decoded, whitespace collapsed.
fn visible_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => raw.push(c),
            _ => {}
        }
    }
    decode_entities(&raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Decodes the common named entities and numeric references.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let semi = tail.get(..12).unwrap_or(tail).find(';');
        let decoded = semi.and_then(|end| {
            let entity = &tail[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = entity.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(html: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        links(html, &mut out, 10);
        out.into_iter().map(|l| (l.text, l.href)).collect()
    }

    #[test]
    fn reads_anchors_in_their_many_forms() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                r#"<a href="https://evil.example/x">https://www.example.com</a>"#,
                &[("https://www.example.com", "https://evil.example/x")],
            ),
            (
                "<A HREF='https://a.example/?x=1&amp;y=2'><b>Log</b> in</A>",
                &[("Log in", "https://a.example/?x=1&y=2")],
            ),
            (
                "<a class=btn href=https://b.example>Go</a>",
                &[("Go", "https://b.example")],
            ),
            (
                r#"<a title="x > y" href="https://c.example">C</a>"#,
                &[("C", "https://c.example")],
            ),
            ("<abbr>no</abbr><a name=top>anchor</a>", &[]),
            (
                r##"<a href="#top">top</a><a href="javascript:x()">js</a>"##,
                &[],
            ),
            (
                "<a href=\"https://d.example\">unterminated",
                &[("unterminated", "https://d.example")],
            ),
            ("<a href=\"https://e.example\"", &[]),
            (
                "<a href=\"https://f.example\">&#x4E2D;&#25991; &nbsp;text</a>",
                &[("中文 text", "https://f.example")],
            ),
        ];
        for (html, want) in cases {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(t, h)| ((*t).to_owned(), (*h).to_owned()))
                .collect();
            assert_eq!(all(html), want, "{html}");
        }
    }

    #[test]
    fn forms_that_ask_for_secrets_are_found_and_others_are_not() {
        let cases: &[(&str, &[&str])] = &[
            (
                r#"<form action="https://x.example/p.php" method=post>Card <input name=cc> <input type="PASSWORD" name=x></form>"#,
                &["https://x.example/p.php"],
            ),
            (
                "<FORM action='https://y.example/'><input name=\"cardnumber\"><input name=cvv></FORM>",
                &["https://y.example/"],
            ),
            ("<form><input type=password></form>", &[""]),
            // A search box and a newsletter sign-up ask for no secret.
            (
                r#"<form action="https://shop.example/search"><input name=q type=text></form>"#,
                &[],
            ),
            (
                r#"<form action="https://news.example/join"><input type=email name=email><input type=submit></form>"#,
                &[],
            ),
            // A password field outside any form is not a form.
            ("<p>Your password</p><input type=password>", &[]),
        ];
        for (html, want) in cases {
            let mut out = Vec::new();
            secret_forms(html, &mut out);
            let got: Vec<&str> = out.iter().map(|f| f.action.as_str()).collect();
            assert_eq!(got, *want, "{html}");
        }
    }

    #[test]
    fn stops_at_the_limit_and_says_so() {
        let html = "<a href=\"https://x.example\">x</a>".repeat(5);
        let mut out = Vec::new();
        assert!(links(&html, &mut out, 3));
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn entities_decode_or_stay() {
        for (input, want) in [
            ("a &amp; b", "a & b"),
            ("&lt;x&gt;", "<x>"),
            ("&bogus; &", "&bogus; &"),
            ("&#99999999;", "&#99999999;"),
            ("&#65;", "A"),
        ] {
            assert_eq!(decode_entities(input), want);
        }
    }
}
