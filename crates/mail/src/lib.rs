//! Reads a raw email (RFC 5322, MIME) into the parts a scam check needs: who it claims
//! to be from, where replies and bounces really go, the subject, the readable text, and
//! every link with the text it shows.
//!
//! Decoding (MIME structure, quoted-printable and base64, RFC 2047 encoded words, 41
//! charsets including Big5 and GB2312/GBK, HTML to text) is `mail-parser`'s work; this
//! crate adds the link extraction from HTML (the shown text versus the real target,
//! which `mail-parser`'s HTML-to-text conversion drops) and the limits.
//!
//! Pure and bounded: the input is capped at [`MAX_EMAIL_BYTES`], the text at
//! [`MAX_TEXT_BYTES`], links at [`MAX_LINKS`]. Headers that are missing stay `None`:
//! a pasted email often lacks them, and a missing header is not evidence of anything.
//!
//! ```
//! let raw = b"From: \"Example Support\" <help@examp1e-support.com>\r\n\
//! Reply-To: collect@mailbox.example.net\r\n\
//! Subject: Account frozen\r\n\
//! Content-Type: text/html; charset=utf-8\r\n\r\n\
//! <p>Verify at <a href=\"https://examp1e-login.com/x\">https://www.example.com</a></p>";
//! let email = mail::parse(raw)?;
//! assert_eq!(email.from.as_ref().and_then(|f| f.name.as_deref()), Some("Example Support"));
//! assert_eq!(email.reply_to[0].address, "collect@mailbox.example.net");
//! assert_eq!(email.links[0].text, "https://www.example.com");
//! assert_eq!(email.links[0].href, "https://examp1e-login.com/x");
//! # Ok::<(), mail::MailError>(())
//! ```

use mail_parser::{Address, MessageParser};

mod html;
#[cfg(test)]
mod tests;

/// Largest raw email accepted, in bytes.
pub const MAX_EMAIL_BYTES: usize = 2 * 1024 * 1024;
/// Longest body text kept, in bytes; longer text is cut at a character boundary.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Most links kept from the HTML body.
pub const MAX_LINKS: usize = 100;
/// Most attachments listed.
pub const MAX_ATTACHMENTS: usize = 20;
/// Longest header value kept (display names, subjects), in bytes.
const MAX_HEADER_BYTES: usize = 1024;

/// Why an email could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    /// The input is empty.
    #[error("the email is empty")]
    Empty,
    /// The input is larger than [`MAX_EMAIL_BYTES`].
    #[error("the email is {size} bytes, more than the {max} accepted")]
    TooLarge {
        /// Size of the input.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Neither headers nor a body could be read.
    #[error("this is not an email: no header or body could be read")]
    NotAnEmail,
}

impl MailError {
    /// A stable code for APIs: `email_empty`, `email_too_large`, `not_an_email`.
    pub fn code(&self) -> &'static str {
        match self {
            MailError::Empty => "email_empty",
            MailError::TooLarge { .. } => "email_too_large",
            MailError::NotAnEmail => "not_an_email",
        }
    }
}

/// A mailbox: an optional display name and an address as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// The display name ("Example Support"), when there is one.
    pub name: Option<String>,
    /// The address (`help@example.com`), as written.
    pub address: String,
}

/// A link of the HTML body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The text shown to the reader, tags removed and whitespace collapsed.
    pub text: String,
    /// The target (`href`), entities decoded.
    pub href: String,
}

/// An attached file, as named by the sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file name (`Content-Disposition` `filename`, else `Content-Type` `name`), or
    /// empty when none was given.
    pub name: String,
    /// The declared media type, lowercased (`application/pdf`).
    pub content_type: String,
}

impl Attachment {
    /// Opens as a web page or runs as a program when the reader opens it: an HTML or
    /// SVG page (a local copy of a sign-in form), a script, an executable, a disk image
    /// or a document with macros. Legitimate mail sends documents, not pages or programs.
    pub fn is_active(&self) -> bool {
        // The last extension is what the system opens ("invoice.pdf.html" is a page).
        let ext = self
            .name
            .rsplit_once('.')
            .map(|(_, e)| e.trim().to_ascii_lowercase())
            .unwrap_or_default();
        const ACTIVE: [&str; 26] = [
            "htm", "html", "shtml", "xhtml", "mht", "svg", "js", "vbs", "vbe", "wsf", "hta", "exe",
            "scr", "bat", "cmd", "com", "pif", "msi", "jar", "iso", "img", "vhd", "lnk", "docm",
            "xlsm", "pptm",
        ];
        ACTIVE.contains(&ext.as_str())
            || matches!(
                self.content_type.as_str(),
                "text/html" | "image/svg+xml" | "application/x-msdownload" | "application/hta"
            )
    }
}

/// A form in the HTML body that asks for a secret (a password, a card number or its
/// code, a PIN): mail that collects secrets in itself, which no service sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretForm {
    /// Where the form sends what is typed (`action`), or empty when it names nowhere.
    pub action: String,
}

/// What the `List-*` headers (RFC 2369, RFC 2919) say about the list an email came
/// through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailingList {
    /// The `List-Id` value (`<dev.lists.example.org>` without brackets).
    pub id: Option<String>,
    /// The address of `List-Post` (`mailto:` removed), where posts to the list go.
    pub post: Option<String>,
    /// A `List-Unsubscribe` header is present.
    pub unsubscribe: bool,
    /// The targets of `List-Unsubscribe` (URLs, `mailto:` removed from addresses), at
    /// most four: the bulk sender's own mail service, which also tracks its links.
    pub unsubscribe_targets: Vec<String>,
}

/// What the mail says of its own authentication: the domains that signed it and what
/// the receiving server found. Nothing here is verified (no DNS is asked): a sender
/// writes its own `DKIM-Signature`, and only the receiving server's
/// `Authentication-Results` (the topmost, which it adds above what arrived) tells what
/// a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authentication {
    /// The `d=` domains of the `DKIM-Signature` headers, lowercased, at most four: the
    /// domains that claim to have signed the mail (a list server re-signs with its own).
    pub dkim_domains: Vec<String>,
    /// The topmost `Authentication-Results` header was present.
    pub results: bool,
    /// The domains it found a passing DKIM signature for (`dkim=pass header.d=…`, or the
    /// domain of `header.i=` when no `header.d=` is given), at most four.
    pub dkim_pass: Vec<String>,
    /// It reports a failure: `dmarc=fail`, `spf=fail`, or `dkim=fail` with no passing
    /// signature.
    pub failed: bool,
}

/// What was read from an email.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Email {
    /// The `From` mailbox.
    pub from: Option<Mailbox>,
    /// The `Reply-To` mailboxes.
    pub reply_to: Vec<Mailbox>,
    /// The `To` mailboxes (a post to a mailing list is addressed to the list).
    pub to: Vec<Mailbox>,
    /// The `Return-Path` address (where bounces go: the envelope sender).
    pub return_path: Option<String>,
    /// The subject, decoded.
    pub subject: Option<String>,
    /// The readable body: the plain-text part, or the HTML part converted to text.
    pub text: String,
    /// The links of the HTML body, in order, at most [`MAX_LINKS`].
    pub links: Vec<Link>,
    /// The attached files, at most [`MAX_ATTACHMENTS`] (inline images left out).
    pub attachments: Vec<Attachment>,
    /// Forms of the HTML body that ask for a secret.
    pub secret_forms: Vec<SecretForm>,
    /// Mailing-list headers (`List-Id`, `List-Unsubscribe`, `List-Post`), when the
    /// email came through a list or a newsletter service.
    pub list: Option<MailingList>,
    /// The signatures and the receiving server's checks, as written in the headers.
    pub auth: Authentication,
    /// The body was longer than [`MAX_TEXT_BYTES`] (or had more links than
    /// [`MAX_LINKS`]) and was cut.
    pub truncated: bool,
}

/// Reads a raw email. Never panics; linear in the input size.
pub fn parse(raw: &[u8]) -> Result<Email, MailError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(MailError::Empty);
    }
    if raw.len() > MAX_EMAIL_BYTES {
        return Err(MailError::TooLarge {
            size: raw.len(),
            max: MAX_EMAIL_BYTES,
        });
    }
    let message = MessageParser::default()
        .parse(raw)
        .ok_or(MailError::NotAnEmail)?;

    let from = message.from().and_then(first_mailbox);
    let reply_to = message.reply_to().map(mailboxes).unwrap_or_default();
    let to = message.to().map(mailboxes).unwrap_or_default();
    let return_path = message
        .return_path()
        .as_text()
        .map(|s| s.trim().trim_matches(['<', '>']).to_owned())
        .filter(|s| !s.is_empty())
        .map(|s| cap(s, MAX_HEADER_BYTES).0);
    let subject = message
        .subject()
        .map(|s| cap(s.trim().to_owned(), MAX_HEADER_BYTES).0)
        .filter(|s| !s.is_empty());

    let mut truncated = false;
    let text = message
        .body_text(0)
        .map(|t| {
            let (t, cut) = cap(t.into_owned(), MAX_TEXT_BYTES);
            truncated |= cut;
            t
        })
        .unwrap_or_default();
    let mut links = Vec::new();
    let mut secret_forms = Vec::new();
    if let Some(body) = message.body_html(0) {
        let end = body.floor_char_boundary(MAX_TEXT_BYTES * 4);
        truncated |= html::links(&body[..end], &mut links, MAX_LINKS);
        html::secret_forms(&body[..end], &mut secret_forms);
    }
    let attachments = attachments(&message);
    let header = |name: &'static str| {
        message
            .header_raw(name)
            .map(|v| cap(v.trim().to_owned(), MAX_HEADER_BYTES).0)
            .filter(|v| !v.is_empty())
    };
    let id = header("List-Id").map(|v| {
        // "Developers <dev.lists.example.org>": the part in brackets.
        match (v.rfind('<'), v.rfind('>')) {
            (Some(a), Some(b)) if a < b => v[a + 1..b].trim().to_owned(),
            _ => v,
        }
    });
    let post = header("List-Post").and_then(|v| {
        let start = v.find("mailto:")? + "mailto:".len();
        let rest = &v[start..];
        let end = rest.find(['>', '?', ',', ' ']).unwrap_or(rest.len());
        Some(rest[..end].to_owned()).filter(|a| a.contains('@'))
    });
    let unsubscribe_header = header("List-Unsubscribe");
    let unsubscribe = unsubscribe_header.is_some();
    let unsubscribe_targets = unsubscribe_header
        .as_deref()
        .map(bracketed)
        .unwrap_or_default();
    let list = (id.is_some() || post.is_some() || unsubscribe).then_some(MailingList {
        id,
        post,
        unsubscribe,
        unsubscribe_targets,
    });
    let auth = authentication(&message);
    if from.is_none() && subject.is_none() && text.trim().is_empty() && links.is_empty() {
        return Err(MailError::NotAnEmail);
    }
    Ok(Email {
        from,
        reply_to,
        to,
        return_path,
        subject,
        text,
        links,
        attachments,
        secret_forms,
        list,
        auth,
        truncated,
    })
}

/// The `d=` domains of the DKIM signatures and the topmost `Authentication-Results`.
fn authentication(message: &mail_parser::Message<'_>) -> Authentication {
    let mut auth = Authentication::default();
    let mut first_results = true;
    for (name, value) in message.headers_raw() {
        let value = &value[..value.floor_char_boundary(MAX_HEADER_BYTES * 4)];
        if name.eq_ignore_ascii_case("DKIM-Signature") {
            if let Some(d) = tag(value, "d=").filter(|d| d.contains('.'))
                && auth.dkim_domains.len() < 4
                && !auth.dkim_domains.contains(&d)
            {
                auth.dkim_domains.push(d);
            }
        } else if name.eq_ignore_ascii_case("Authentication-Results") && first_results {
            // Only the topmost: the receiving server adds it above whatever the sender
            // wrote, which may be a forged "pass".
            first_results = false;
            auth.results = true;
            let mut dkim_failed = false;
            // "mx.example; dkim=pass header.d=a.example; spf=pass …; dmarc=fail …"
            for clause in value.split(';').skip(1) {
                let clause = clause.trim().to_ascii_lowercase();
                let result = |method: &str| {
                    clause
                        .strip_prefix(method)
                        .map(|r| r.split(|c: char| c.is_whitespace() || c == '(').next())
                        .unwrap_or(None)
                        .map(str::to_owned)
                };
                if let Some(r) = result("dkim=") {
                    if r == "pass" {
                        // The signing domain, or else the signing identity's domain
                        // (`header.i=@shop.example`, how some receivers write it): the
                        // identity is within the domain that signed.
                        let signer = tag(&clause, "header.d=").or_else(|| {
                            tag(&clause, "header.i=")
                                .and_then(|i| i.rsplit('@').next().map(str::to_owned))
                                .filter(|d| d.contains('.'))
                        });
                        if let Some(d) = signer
                            && auth.dkim_pass.len() < 4
                        {
                            auth.dkim_pass.push(d);
                        }
                    } else if r == "fail" {
                        dkim_failed = true;
                    }
                } else if result("dmarc=").is_some_and(|r| r == "fail")
                    || result("spf=").is_some_and(|r| r == "fail")
                {
                    auth.failed = true;
                }
            }
            auth.failed |= dkim_failed && auth.dkim_pass.is_empty();
        }
    }
    auth
}

/// The value of a `tag=` (`d=example.com`) in a header of `;`- or space-separated
/// tags, lowercased, without the `@` of an identity.
fn tag(value: &str, tag: &str) -> Option<String> {
    value
        .split([';', ' ', '\t', '\r', '\n'])
        .map(str::trim)
        .find_map(|t| {
            t.get(..tag.len())
                .filter(|p| p.eq_ignore_ascii_case(tag))
                .map(|_| &t[tag.len()..])
        })
        .map(|v| v.trim().trim_start_matches('@').to_ascii_lowercase())
        .filter(|v| !v.is_empty())
}

/// The attached files; images shown inline in the body (a logo, with a `Content-ID` and
/// no file name) are part of the body, not attachments.
fn attachments(message: &mail_parser::Message<'_>) -> Vec<Attachment> {
    use mail_parser::MimeHeaders;
    message
        .attachments()
        .filter_map(|part| {
            let name = part
                .attachment_name()
                .map(|n| cap(n.trim().to_owned(), MAX_HEADER_BYTES).0)
                .unwrap_or_default();
            let content_type = part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{sub}", ct.ctype()),
                    None => ct.ctype().to_owned(),
                })
                .unwrap_or_default()
                .to_ascii_lowercase();
            let inline_image = name.is_empty() && content_type.starts_with("image/");
            (!inline_image).then_some(Attachment {
                name,
                content_type: cap(content_type, 100).0,
            })
        })
        .take(MAX_ATTACHMENTS)
        .collect()
}

/// The values in angle brackets of a `List-*` header (`<https://…>, <mailto:…>`), with
/// `mailto:` and its query removed, at most four.
fn bracketed(value: &str) -> Vec<String> {
    value
        .split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(v, _)| v.trim()))
        .map(|v| match v.strip_prefix("mailto:") {
            Some(address) => address.split('?').next().unwrap_or_default(),
            None => v,
        })
        .filter(|v| !v.is_empty())
        .take(4)
        .map(str::to_owned)
        .collect()
}

fn to_mailbox(addr: &mail_parser::Addr<'_>) -> Option<Mailbox> {
    let address = addr.address()?.trim();
    if address.is_empty() {
        return None;
    }
    let name = addr
        .name()
        .map(|n| n.trim().trim_matches('"').trim())
        .filter(|n| !n.is_empty())
        .map(|n| cap(n.to_owned(), MAX_HEADER_BYTES).0);
    Some(Mailbox {
        name,
        address: cap(address.to_owned(), MAX_HEADER_BYTES).0,
    })
}

fn first_mailbox(address: &Address<'_>) -> Option<Mailbox> {
    address.first().and_then(to_mailbox)
}

fn mailboxes(address: &Address<'_>) -> Vec<Mailbox> {
    let list: Vec<Mailbox> = match address {
        Address::List(list) => list.iter().filter_map(to_mailbox).collect(),
        Address::Group(groups) => groups
            .iter()
            .flat_map(|g| g.addresses.iter())
            .filter_map(to_mailbox)
            .collect(),
    };
    list.into_iter().take(10).collect()
}

/// Cuts `s` to at most `max` bytes at a character boundary; says whether it cut.
fn cap(mut s: String, max: usize) -> (String, bool) {
    if s.len() <= max {
        return (s, false);
    }
    let end = s.floor_char_boundary(max);
    s.truncate(end);
    (s, true)
}
