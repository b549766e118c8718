//! Emails: the checks only an email allows (who it claims to be from versus its
//! addresses, where replies and bounces go, what links show versus where they lead), on
//! top of the text analysis of its subject and body.
//!
//! The email is laid out as one plain *document* (the header lines that matter, the
//! subject, the body, then each link as `shown text -> target`), and every evidence span
//! points into that document, which the caller shows with the result. Headers that are
//! missing are left out: a missing header is never evidence.

use indicator::{Indicator, Kind};
use mail::Email;
use verify::{Technique, Verdict, Verification};

use crate::findings::evidence;
use crate::passes::damping::List;
use crate::{Analysis, Evidence, MAX_TEXT_BYTES, ReasonCode, Scorer, Tactic, run};

/// Most links listed in the document.
const MAX_DOCUMENT_LINKS: usize = 30;
/// Longest link text or target shown in the document, in bytes.
const MAX_LINK_PART: usize = 300;

/// The analysis of an email and the document its evidence spans point into.
#[derive(Debug, Clone)]
pub struct EmailAnalysis<'i> {
    /// The email as analyzed: header lines, subject, body, links.
    pub document: String,
    /// The analysis; offsets are into [`EmailAnalysis::document`].
    pub analysis: Analysis<'i>,
}

/// Where each part sits in the document.
#[derive(Default)]
struct Layout {
    from_name: Option<(usize, usize)>,
    from_address: Option<(usize, usize)>,
    reply_to: Vec<(usize, usize)>,
    return_path: Option<(usize, usize)>,
    /// (span of the shown text, span of the target)
    links: Vec<((usize, usize), (usize, usize))>,
    /// The line of each attachment listed, in the order of `Email::attachments`.
    attachments: Vec<(usize, usize)>,
    /// The line of each form that asks for a secret.
    forms: Vec<(usize, usize)>,
    /// The subject and the body: what the sender wrote.
    written: (usize, usize),
}

fn push(doc: &mut String, s: &str) -> (usize, usize) {
    let start = doc.len();
    doc.push_str(s);
    (start, doc.len())
}

fn clip(s: &str, max: usize) -> &str {
    &s[..s.floor_char_boundary(max)]
}

/// Writes the document. Header values cannot contain line breaks (the parser unfolds
/// them), and the body is cut so that the whole stays within [`MAX_TEXT_BYTES`].
fn layout(email: &Email) -> (String, Layout) {
    let mut doc = String::new();
    let mut at = Layout::default();
    if let Some(from) = &email.from {
        doc.push_str("From: ");
        if let Some(name) = &from.name {
            at.from_name = Some(push(&mut doc, clip(name, 200)));
            doc.push_str(" <");
            at.from_address = Some(push(&mut doc, clip(&from.address, 200)));
            doc.push_str(">\n");
        } else {
            at.from_address = Some(push(&mut doc, clip(&from.address, 200)));
            doc.push('\n');
        }
    }
    if !email.reply_to.is_empty() {
        doc.push_str("Reply-To: ");
        for (i, m) in email.reply_to.iter().enumerate() {
            if i > 0 {
                doc.push_str(", ");
            }
            at.reply_to.push(push(&mut doc, clip(&m.address, 200)));
        }
        doc.push('\n');
    }
    if let Some(rp) = &email.return_path {
        doc.push_str("Return-Path: ");
        at.return_path = Some(push(&mut doc, clip(rp, 200)));
        doc.push('\n');
    }
    let written_start = doc.len();
    if let Some(subject) = &email.subject {
        doc.push_str("Subject: ");
        doc.push_str(clip(subject, 500));
        doc.push('\n');
    }
    doc.push('\n');

    let mut links = String::new();
    let mut link_spans = Vec::new();
    if !email.links.is_empty() {
        links.push_str("\n\nLinks:\n");
        for link in email.links.iter().take(MAX_DOCUMENT_LINKS) {
            let text = clip(&link.text, MAX_LINK_PART);
            let shown = push(&mut links, if text.is_empty() { "(no text)" } else { text });
            links.push_str(" -> ");
            let target = push(&mut links, clip(&link.href, MAX_LINK_PART));
            links.push('\n');
            link_spans.push((shown, target));
        }
    }
    let mut attachment_spans = Vec::new();
    if !email.attachments.is_empty() {
        links.push_str("\n\nAttachments:\n");
        for a in &email.attachments {
            let name = clip(&a.name, MAX_LINK_PART);
            let line = format!(
                "{} ({})",
                if name.is_empty() { "(no name)" } else { name },
                clip(&a.content_type, 100)
            );
            attachment_spans.push(push(&mut links, &line));
            links.push('\n');
        }
    }
    let mut form_spans = Vec::new();
    if !email.secret_forms.is_empty() {
        links.push_str("\n\nForms:\n");
        for f in &email.secret_forms {
            let action = clip(&f.action, MAX_LINK_PART);
            form_spans.push(push(
                &mut links,
                &format!(
                    "<form> -> {}",
                    if action.is_empty() {
                        "(no target)"
                    } else {
                        action
                    }
                ),
            ));
            links.push('\n');
        }
    }
    let room = MAX_TEXT_BYTES.saturating_sub(doc.len() + links.len());
    doc.push_str(clip(email.text.trim(), room));
    let base = doc.len();
    at.written = (written_start, base);
    doc.push_str(&links);
    let shift = |(a, b): (usize, usize)| (base + a, base + b);
    at.links = link_spans
        .into_iter()
        .map(|(shown, target)| (shift(shown), shift(target)))
        .collect();
    at.attachments = attachment_spans.into_iter().map(shift).collect();
    at.forms = form_spans.into_iter().map(shift).collect();
    (doc, at)
}

/// The registrable domain of an address or URL, lowercased.
fn site(s: &str, hint: Option<Kind>) -> Option<String> {
    let opts = indicator::ParseOptions {
        default_region: None,
        hint,
    };
    let parsed = indicator::parse(s, &opts).ok()?;
    let domain = match &parsed {
        Indicator::Email(e) => e.domain(),
        other => other.domain()?,
    };
    Some(domain.registrable().to_owned())
}

/// Whether `href` has the shape of a mail service's click tracking for `shown_site`: it
/// identifies the click (a query), and its host does not spell the shown site in its own
/// labels (`paypal.com.resolution-center.example` dresses as the site it hides).
fn tracking_link(href: &str, shown_site: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    rest.contains('?') && !host.contains(shown_site)
}

/// The address a redirecting link carries to (`…/url?q=https://…`, a mail filter's
/// `safelinks…?url=https%3A%2F%2F…`, `urldefense…/__https://…__`), percent-decoded.
fn embedded_target(href: &str) -> Option<String> {
    let decoded = percent_decode(href).replace("-3A__", "://");
    let lower = decoded.to_ascii_lowercase();
    // Past the link's own scheme.
    let from = lower.find("://").map_or(0, |i| i + 3);
    let at = ["https://", "http://"]
        .iter()
        .filter_map(|p| lower[from..].find(p).map(|i| from + i))
        .min()?;
    let rest = &decoded[at..];
    let end = rest
        .find(|c: char| c == '&' || c.is_whitespace() || c == '"')
        .unwrap_or(rest.len());
    Some(rest[..end].to_owned())
}

/// `%XX` escapes decoded (bytes that do not form UTF-8 are replaced).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The site a display name names as a word of its own (`Amazon.com`, `"PayPal.com
/// Service"`): a dotted word ending in letters that reads as a domain.
fn named_site(name: &str) -> Option<String> {
    name.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"' | ',' | '|' | '<' | '>'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            w.contains('.')
                && w.rsplit('.').next().is_some_and(|tld| {
                    tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
                })
                && w.split('.').all(|l| !l.is_empty())
        })
        .find_map(|w| site(w, Some(Kind::Domain)))
}

/// Whether an address is on the named site, or on a host that has the site's name as a
/// label of its own (`PGConf.EU` sending from `pgconf.mailer.example`): a brand's
/// name merely inside a longer label (`amazon-order-services.co`) is not its site.
fn sent_from(address: &str, named: &str) -> bool {
    let host = address
        .rsplit_once('@')
        .map_or(address, |(_, h)| h)
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let label = named.split('.').next().unwrap_or_default();
    host == named || host.ends_with(&format!(".{named}")) || host.split('.').any(|l| l == label)
}

/// The words of a display name that could name someone: three letters or more, not a
/// desk's or a filler word.
fn own_words(name: &str) -> impl Iterator<Item = String> + '_ {
    const FILLER: &str = "the and via from for your online inc ltd llc group no-reply";
    name.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !has_word(FILLER, w))
        .filter(|w| !names_a_desk(w))
}

/// Whether a display name names someone its address does not show: none of its own
/// words is in the address. A person's name is in their address (`Dennis Okafor`
/// <`dennis.okafor72@…`>), a company's in its domain (`Harbor Bank`
/// <`news@news.harborbank.com`>).
fn names_another(name: &str, address: &str) -> bool {
    let address = address.to_lowercase();
    let mut words = own_words(name).peekable();
    words.peek().is_some() && !words.any(|w| address.contains(&w))
}

/// Words of accounts, documents and deliveries that a look-alike domain dresses a
/// brand in (`dropbox-sign-docs`, `account-netflix-billing`).
const DRESS: &str = "secure security account accounts verify verification login signin \
    support service services help helpdesk alert alerts notice notices notification \
    update billing payment pay refund tracking track delivery redelivery parcel \
    shipment docs doc document documents file files share online center centre \
    portal auth recovery protect protection renew renewal membership admin webmail \
    customer care kyc claim reward rewards";

/// Whether the address's host dresses the display name's brand in account words: a
/// label of hyphenated parts, one the name's own word and another a word of accounts,
/// documents or deliveries (`Dropbox Sign` at `dropbox-sign-docs.…`, `Netflix` at
/// `account-netflix-billing.…`). A company's own domain adds its trade, not these
/// (`brightlane-design`, `skyways-air`).
pub(crate) fn dresses_brand(name: &str, address: &str) -> bool {
    let host = address
        .rsplit_once('@')
        .map_or(address, |(_, h)| h)
        .to_lowercase();
    let words: Vec<String> = own_words(name).collect();
    // Every word of the name, fillers too: "Docs Online" at `docs-online` is its own.
    let all: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .collect();
    host.split('.').any(|label| {
        let parts: Vec<&str> = label.split('-').collect();
        parts.len() >= 2
            && parts.iter().any(|p| words.iter().any(|w| w == p))
            && parts
                .iter()
                .any(|p| !all.iter().any(|w| w == p) && has_word(DRESS, p))
    })
}

/// Whether `word` is one of the space-separated `words`.
fn has_word(words: &str, word: &str) -> bool {
    words.split(' ').any(|w| w == word)
}

/// Free mail services, where anyone gets an address: a person writes from one, an
/// organisation's desk does not. Matched on the registrable domain; the services with
/// a domain per country by their first label.
fn free_mail(site: &str) -> bool {
    const SITES: &str = "gmail.com googlemail.com outlook.com live.com msn.com aol.com icloud.com \
        me.com mac.com ymail.com rocketmail.com mail.com gmx.com gmx.net gmx.de web.de \
        protonmail.com proton.me pm.me zoho.com yandex.ru yandex.com mail.ru inbox.ru \
        list.ru bk.ru qq.com 163.com 126.com sina.com naver.com hanmail.net \
        tutanota.com rediffmail.com libero.it seznam.cz wp.pl o2.pl ukr.net rambler.ru";
    let first = site.split('.').next().unwrap_or_default();
    has_word(SITES, site) || matches!(first, "hotmail" | "yahoo" | "outlook" | "windowslive")
}

/// Whether a display name is an organisation's desk, team or service rather than a
/// person ("Webmail Support", "Billing Department", "Security Team", "Customer Care").
fn names_a_desk(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| has_word(DESK, &w.to_lowercase()))
}

/// The words of an organisation's desks and teams.
const DESK: &str = "support team service services security admin administrator helpdesk desk \
    department dept billing account accounts notification notifications alert \
    alerts verification webmail mailbox postmaster customer official";

/// Whether a site's registrable label is written only in words of desks, accounts and
/// mail (`mailboxcenter`, `account-security`, `securemail`): it names nobody, so a display
/// name that spells it ("Mailbox Center") is no sender's own name.
fn generic_site(site: &str) -> bool {
    const MAIL: &str = "mail email e-mail inbox web online center centre info notice it net \
        system systems office";
    let label: String = site
        .split('.')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let generic = |w: &str| has_word(DESK, w) || has_word(DRESS, w) || has_word(MAIL, w);
    // Whether `label[..i]` splits into such words, for each `i`.
    let mut split = vec![false; label.len() + 1];
    split[0] = true;
    for end in 1..=label.len() {
        split[end] = (0..end).any(|start| split[start] && generic(&label[start..end]));
    }
    !label.is_empty() && split[label.len()]
}

/// Whether an email is a conversation among people: written from a person's free
/// mailbox (its name in the address) to two or more people, each named and at a free
/// mailbox, with no link, written address, attachment or form and no reply elsewhere. A
/// family or friends' thread retells what a scammer said ("they asked him to install
/// AnyDesk"); it is read as a discussion, whose quoted scripts are words (bound medium).
/// A scam that runs its script on a relative writes to that one person.
fn conversation(email: &Email, from_site: Option<&str>, replies_elsewhere: bool) -> bool {
    let person = |m: &mail::Mailbox| {
        m.name
            .as_deref()
            .is_some_and(|n| !names_another(n, &m.address) && !names_a_desk(n))
            && site(&m.address, Some(Kind::Email)).is_some_and(|s| free_mail(&s))
    };
    from_site.is_some_and(free_mail)
        && email.from.as_ref().is_some_and(person)
        && email.to.len() >= 2
        && email.to.iter().all(person)
        && !replies_elsewhere
        && email.links.is_empty()
        && written_urls(&email.text).next().is_none()
        && email.attachments.is_empty()
        && email.secret_forms.is_empty()
}

/// Whether an email is its sender's own notice, and how that is known (see
/// [`own_notice`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Own {
    /// Not a notice of the sender's own.
    No,
    /// Signed and aligned: its bounces go to the sender's site and a DKIM signature names
    /// it.
    Signed,
    /// Everything but the proof of who sent it: no signature of the sender's site (and
    /// no failure reported), bounces on that site or not given. A forger of the site
    /// could send the reader only to the site itself, so the mail is an own notice when
    /// it also gives nothing else to act on (see [`nothing_else_to_act_on`]).
    Plain,
}

/// Whether an email is a service's own notice: its sender is on a site of its own (no
/// free mail service), named by the display name as the site's registrable label
/// (`ParcelWay` at `parcelway.…`, `Royal Mail` at `royalmail.…`; a brand dressed in
/// account words, `dhl-express-redelivery`, is not named so); every link, the
/// address it shows or carries, and every address written in the text are on that site;
/// nothing opens as a page and no form asks for a secret; bulk mail only when it names no
/// list and unsubscribes on that site. It is [`Own::Signed`] when its bounces
/// (`Return-Path`) go to that site and a DKIM signature names it (and when the receiving
/// server's results are given, it passed there and nothing failed); [`Own::Plain`] when
/// that is not shown but nothing failed either and its bounces, if given, go to the site
/// too: a small sender's plain mail (a receipt, a club's newsletter without list headers).
/// Self-hosted phishing gets all of that but the name: its domain dresses the brand,
/// names another, or names a brand of the registry it is not the site of (see
/// [`claims_a_brand`]); and it could sign its own domain as well, so the signature only
/// tells a forgery of someone else's site apart. Unsigned, a domain written only in words
/// of desks and accounts (`mailboxcenter`, see [`generic_site`]) names no sender.
fn own_notice(
    email: &Email,
    from_site: Option<&str>,
    return_site: Option<&str>,
    signed_sites: &[String],
    index: &verify::Index,
) -> Own {
    let (Some(own), Some(from)) = (from_site, email.from.as_ref()) else {
        return Own::No;
    };
    let Some(name) = from.name.as_deref() else {
        return Own::No;
    };
    let on_site = |s: &str, hint: Option<Kind>| site(s, hint).as_deref() == Some(own);
    let signed = signed_sites.iter().any(|s| s == own)
        && (!email.auth.results
            || (!email.auth.failed
                && email
                    .auth
                    .dkim_pass
                    .iter()
                    .any(|d| on_site(d, Some(Kind::Domain)))));
    // Each link, the address it carries and the address it shows (when it shows one).
    let links_here = email.links.iter().all(|l| {
        let shown = l.text.trim();
        let shows_address = shown.contains('.') && !shown.contains(' ');
        on_site(&l.href, None)
            && embedded_target(&l.href).is_none_or(|u| on_site(&u, None))
            && (!shows_address || site(shown, None).is_none_or(|s| s == own))
    });
    let written_here = written_urls(&email.text).all(|u| on_site(u, None));
    // A sender's own bulk mail names no list and unsubscribes on its own site.
    let own_list = email.list.as_ref().is_none_or(|l| {
        l.id.is_none()
            && l.unsubscribe_targets
                .iter()
                .all(|t| on_site(t, None) || on_site(t, Some(Kind::Email)))
    });
    let own_site = own_list
        && !free_mail(own)
        && return_site.is_none_or(|r| r == own)
        && links_here
        && written_here
        && email
            .reply_to
            .iter()
            .all(|m| on_site(&m.address, Some(Kind::Email)))
        && !email.attachments.iter().any(mail::Attachment::is_active)
        && email.secret_forms.is_empty()
        && names_its_site(name, own)
        && !dresses_brand(name, &from.address)
        && !claims_a_brand(index, own, name);
    if !own_site {
        Own::No
    } else if signed && return_site == Some(own) {
        Own::Signed
    } else if !email.auth.failed && !generic_site(own) {
        Own::Plain
    } else {
        Own::No
    }
}

/// Whether a plain notice (see [`Own::Plain`]) gives nothing to act on but its sender's
/// site, as a text's own notice must ([`text_own_notice`]): every indicator of the
/// document (its header lines, links and every address written) is a link or an address
/// on `own`, and there is no number to call, no account and no wallet. A forger of the
/// site who writes a number to call ("if this wasn't you, call …") or an address
/// elsewhere keeps the bound of direct mail.
fn nothing_else_to_act_on(doc: &str, own: &str, index: &verify::Index) -> bool {
    crate::extract::indicators(doc, index).iter().all(|f| {
        let kind = f.verification.kind();
        matches!(kind, Some(Kind::Domain | Kind::Url | Kind::Email))
            && site(&f.text, kind).as_deref() == Some(own)
    })
}

/// Whether a sender's site or display name names a brand of the registry that the site
/// is not an official site of, or verify finds the site imitates one: what a phisher
/// who signs and aligns a domain of their own (`coinbasesupport.net`, "Kraken" at
/// `krakenalerts.com`, a look-alike) still cannot hide. Alignment proves who sent the
/// mail, not that the sender is the brand it names. A brand of five letters or more is
/// named anywhere in the site's label; a shorter one (`OKX`, `Gate`) as the label
/// itself, one of its hyphenated parts, or glued to a word of accounts (`okxsupport`).
fn claims_a_brand(index: &verify::Index, own: &str, name: &str) -> bool {
    let verdict = index.verify(own, Some(Kind::Domain)).verdict;
    if matches!(
        verdict,
        Verdict::Impersonation | Verdict::ReportedScam | Verdict::OfficialCompromised
    ) {
        return true;
    }
    if verdict == Verdict::Official {
        return false;
    }
    let label = own.split('.').next().unwrap_or_default();
    let glued = label.replace('-', "");
    let words = name_words(name);
    index.brand_names().any(|brand| {
        let key: String = brand
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if key.chars().count() < 3 {
            return false;
        }
        let in_label = if key.chars().count() >= 5 {
            glued.contains(&key)
        } else {
            glued == key
                || label.split('-').any(|p| p == key)
                || glued
                    .strip_prefix(key.as_str())
                    .or_else(|| glued.strip_suffix(key.as_str()))
                    .is_some_and(|rest| has_word(DRESS, rest))
        };
        in_label || spells(&words, &key)
    })
}

/// The longest name a text may open with as its signature ("Royal Mail: …"), in bytes.
const SIGNED_NAME: usize = 30;

/// Whether a short text is a service's own notice, as an email's (see [`own_notice`]):
/// it opens with its sender's name ("Royal Mail: your parcel…", "Thames Water: …"),
/// every indicator in it is a link or an address on the one site that name spells
/// (`royalmail.com`; a brand dressed in other words, `royalmail-redelivery.com`, is
/// not), there is at least one, and nothing else (a number to call, a wallet, an
/// account) is given to act on. What it says of parcels and payments sends the reader
/// only where the name already would; a site that imitates a brand of the registry, or
/// names one it is not the official site of, is no own site.
pub(crate) fn text_own_notice(
    text: &str,
    indicators: &[crate::Found<'_>],
    index: &verify::Index,
) -> bool {
    let Some((name, _)) = text.split_once(':') else {
        return false;
    };
    let name = name.trim();
    if name.is_empty()
        || name.len() > SIGNED_NAME
        || !name
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '&' || c == '-' || c == '.')
    {
        return false;
    }
    let mut sites = indicators.iter().map(|f| {
        let v = &f.verification;
        let link = matches!(v.kind(), Some(Kind::Domain | Kind::Url | Kind::Email));
        let sane = !matches!(
            v.verdict,
            Verdict::Impersonation | Verdict::ReportedScam | Verdict::OfficialCompromised
        );
        (link && sane).then(|| site(&f.text, v.kind())).flatten()
    });
    let Some(Some(own)) = sites.next() else {
        return false;
    };
    sites.all(|s| s.as_deref() == Some(own.as_str()))
        && !free_mail(&own)
        && names_its_site(name, &own)
        && !claims_a_brand(index, &own, name)
}

/// Whether a display name names the site's registrable label: one of its words, or
/// words of it written together (`Royal Mail` for `royalmail`).
fn names_its_site(name: &str, site: &str) -> bool {
    let label = site.split('.').next().unwrap_or_default().replace('-', "");
    label.chars().count() >= 3 && spells(&name_words(name), &label)
}

/// The words of a display name, lowercased.
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether consecutive words, written together, spell `key` (`royal`, `mail` for
/// `royalmail`).
fn spells(words: &[String], key: &str) -> bool {
    (0..words.len()).any(|i| {
        let mut joined = String::new();
        words[i..].iter().any(|w| {
            joined.push_str(w);
            joined == key
        })
    })
}

/// How far after a pretext's words its link may start, in bytes, to carry it.
const PRETEXT_LINK_REACH: usize = 120;

/// Whether a link's shown text says a pretext's ask ("Verify now", "Sign in to keep
/// your mailbox", "Claim").
fn asks_in_button(text: &str) -> bool {
    const ASKS: &str = "verify confirm validate revalidate login log sign signin unlock \
        restore reactivate update claim release keep secure";
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| has_word(ASKS, &w.to_lowercase()))
}

/// The web addresses written in a text (`http://…`, `https://…`, `www.…`).
fn written_urls(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')'))
        .filter(|w| {
            let lower = w.get(..8).unwrap_or(w).to_ascii_lowercase();
            lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("www.")
        })
        .take(MAX_DOCUMENT_LINKS)
}

/// A pretext of credential harvesting: a word of its theme and a word of its state close
/// together (a few words apart, in one sentence), in any order: "your mailbox has
/// exceeded", "unusual sign-in", "parcel … customs fee", "shared a document".
struct Lure {
    /// The theme's words, separated by spaces.
    theme: &'static str,
    /// The state's words, separated by spaces.
    state: &'static str,
    tactic: Tactic,
    reason: ReasonCode,
    confidence: f32,
    /// Read in direct mail even when it offers no link, file or form: the ask is answered
    /// by a reply or a payment ("reply with your password", "our bank details changed").
    by_reply: bool,
    /// Read in a plain message (SMS, chat) too, with a link or a "click"/"tap": the
    /// pretexts no real service sends as a bare text with a link to sign in ("your
    /// mailbox is full", "your account is suspended").
    in_messages: bool,
}

/// The pretexts, by theme. Words are whole words, lowercased; `-` joins a word ("sign-in"
/// is one word, and "sign in" reads as "sign" near "in"). English first, then the words
/// of the same themes in Spanish, Portuguese, German, French and Italian, where much
/// phishing is written.
const LURES: &[Lure] = &[
    // Account, mailbox or card threatened.
    Lure {
        theme: "account access mailbox membership subscription card page profile wallet email \
            e-mail service \
            cuenta conta konto compte conto acceso acesso zugang tarjeta cartão karte carte",
        state: "suspended suspend suspension limited locked restricted hold disabled \
            deactivated deactivation deactivate frozen terminated deleted deletion blocked \
            closed cancelled canceled \
            suspendida suspendido suspensa suspenso bloqueada bloqueado gesperrt \
            eingeschränkt suspendu suspendue bloqué bloquée sospeso sospesa bloccato \
            bloccata restringida restrita limitada limitado desactivada desativada deaktiviert",
        tactic: Tactic::Urgency,
        reason: ReasonCode::UrgencyAccountThreat,
        confidence: 0.6,
        by_reply: false,
        in_messages: true,
    },
    // An unusual sign-in.
    Lure {
        theme: "sign-in signin login log-in logon sign-on sign log activity \
            acceso acesso anmeldung \
            connexion accesso sesión sessão inicio",
        state: "unusual suspicious unrecognized unrecognised unknown unauthorized unauthorised \
            failed attempt attempts foreign \
            inusual incomum inusitado sospechoso suspeito \
            ungewöhnliche ungewöhnlichen verdächtige inhabituelle suspecte insolito sospetto",
        tactic: Tactic::Phishing,
        reason: ReasonCode::PhishingLogin,
        confidence: 0.6,
        by_reply: false,
        in_messages: false,
    },
    // A mailbox full, a password expiring.
    Lure {
        theme: "mailbox quota storage inbox password e-mail email",
        state: "full exceeded exceeds exceed limit upgrade increase revalidate re-validate \
            validate expires expire expired expiry expiration keep current",
        tactic: Tactic::Phishing,
        reason: ReasonCode::PhishingLogin,
        confidence: 0.6,
        by_reply: false,
        in_messages: true,
    },
    // Identity, account or payment details to confirm.
    Lure {
        theme: "verify confirm validate update reactivate re-activate restore unlock secure \
            review revalidate re-validate \
            verificar verifique confirmar confirme bestätigen \
            vérifier confirmer actualizar atualizar aktualisieren verificare confermare \
            aggiornare desbloquear",
        state: "account identity information details access wallet credentials ownership \
            billing payment activity \
            cuenta conta konto compte identidad identidade \
            identität identité datos dados daten données información informações",
        tactic: Tactic::Phishing,
        reason: ReasonCode::PhishingLogin,
        confidence: 0.6,
        by_reply: false,
        in_messages: false,
    },
    // A document, fax or voice message waiting.
    Lure {
        theme: "document documents file files pdf folder fax agreement contract voicemail \
            voice audio recording",
        state: "shared share sent review sign view secure encrypted received listen play \
            waiting pending",
        tactic: Tactic::Phishing,
        reason: ReasonCode::PhishingLogin,
        confidence: 0.5,
        by_reply: false,
        in_messages: false,
    },
    // A payment failed or overdue.
    Lure {
        theme: "payment billing invoice remittance bank card \
            pago pagamento zahlung \
            paiement factura fatura rechnung facture",
        state: "declined failed overdue outstanding unpaid due changed problem trouble unable \
            rechazado \
            recusado fallido falhou abgelehnt fehlgeschlagen refusé échoué impayée",
        tactic: Tactic::Urgency,
        reason: ReasonCode::UrgencyDeadline,
        confidence: 0.5,
        by_reply: false,
        in_messages: false,
    },
    // A parcel held for a fee.
    Lure {
        theme: "parcel package shipment delivery customs courier redelivery waybill \
            paquete \
            pacote encomenda envío envio paket sendung lieferung colis livraison pacco \
            spedizione aduana alfândega zoll douane",
        state: "fee charge duty duties pay unpaid outstanding \
            tasa taxa tarifa gebühr gebühren \
            frais tassa pagar zahlen payer",
        tactic: Tactic::QuidProQuo,
        reason: ReasonCode::QuidProQuoFee,
        confidence: 0.6,
        by_reply: false,
        in_messages: false,
    },
    // A tax refund to claim.
    Lure {
        theme: "tax refund rebate \
            impuestos impostos steuer impôts reembolso restitución \
            restituição rückerstattung remboursement rimborso",
        state: "refund rebate eligible claim pending entitled \
            reembolso rückerstattung \
            remboursement rimborso elegible elegível berechtigt éligible",
        tactic: Tactic::Baiting,
        reason: ReasonCode::BaitPrize,
        confidence: 0.5,
        by_reply: false,
        in_messages: false,
    },
];

/// The pretexts of account activity read in plain messages only: in mail a real notice of
/// the same words comes from its own domain, judged by the sign-in lure and the own-notice
/// bound.
const MESSAGE_LURES: &[Lure] = &[
    // Activity on the account the reader may not know of, to undo on a page ("a payment
    // of £749 was attempted", "a new device has been added"): a bank's real notice sends
    // the reader to its app or its own site, which a signed text names (see
    // `text_own_notice`). In mail the sign-in lure and the own-notice bound judge these.
    Lure {
        theme: "payment payments transaction transactions purchase charge device devices \
            withdrawal transfer payee beneficiary login sign-in",
        state: "attempted unrecognised unrecognized unauthorised unauthorized added",
        tactic: Tactic::Urgency,
        reason: ReasonCode::UrgencyAccountThreat,
        confidence: 0.6,
        by_reply: false,
        in_messages: true,
    },
    // A road toll or penalty unpaid ("an outstanding toll balance"): collected by the
    // operator's own site or app, never by a link in a text.
    Lure {
        theme: "toll tolls penalty penalties citation fines",
        state: "unpaid outstanding overdue balance",
        tactic: Tactic::Urgency,
        reason: ReasonCode::UrgencyDeadline,
        confidence: 0.6,
        by_reply: false,
        in_messages: true,
    },
];

/// The pretexts read even when the mail offers no way to act but a reply or a payment.
const REPLY_LURES: &[Lure] = &[
    // A secret asked for by reply.
    Lure {
        theme: "password passwords passcode pin username credentials login",
        state: "reply provide submit",
        tactic: Tactic::SecretRequest,
        reason: ReasonCode::SecretCode,
        confidence: 0.6,
        by_reply: true,
        in_messages: false,
    },
    // A payee's bank details changed (business email compromise).
    Lure {
        theme: "bank banking beneficiary",
        state: "changed change changing updated update",
        tactic: Tactic::PaymentInstruction,
        reason: ReasonCode::PaymentTransfer,
        confidence: 0.5,
        by_reply: true,
        in_messages: false,
    },
];

/// Words that turn a sentence into a warning ("we will never ask you to reply with your
/// password"): a reply lure in such a sentence asks nothing.
const NEGATIONS: &str = "never not no don't won't do-not cannot";

/// Words that deny an ask when an asking verb follows them closely ("we will never ask
/// you to pay a fee", "Royal Mail won't ask"): a service's own warning of the pretext.
const DENIALS: &str = "never not won't wont";

/// Verbs of asking that a denial denies.
const ASKING: &str = "ask asks";

/// From this many bytes a line of plain text is one the sender's mail program wrapped.
const WRAPPED_LINE: usize = 55;

/// How many words apart a lure's two words may be.
const LURE_REACH: usize = 6;

/// The lures in `doc[start..end]`, each theme at most once.
fn lures(doc: &str, start: usize, end: usize) -> Vec<(Tactic, f32, Evidence)> {
    find_lures(LURES, doc, start, end)
}

/// The credential-harvesting pretexts of mail that a plain message carries too (those
/// marked `in_messages`), in the whole of `text`.
pub(crate) fn message_lures(text: &str) -> Vec<(Tactic, f32, Evidence)> {
    let table: Vec<&Lure> = LURES
        .iter()
        .filter(|l| l.in_messages)
        .chain(MESSAGE_LURES)
        .collect();
    find_lures(table, text, 0, text.len())
}

/// The lures of `table` in `doc[start..end]`, each theme at most once; a reply lure not
/// in a sentence that negates it, and no lure in a sentence that denies the ask ("we
/// will never ask you to pay a fee to redeliver a parcel", see [`DENIALS`]): a carrier's
/// warning names the pretext it warns of. A negation alone does not deny a pretext ("if
/// you do not update your payment details, your account will be suspended" is one).
fn find_lures<'t>(
    table: impl IntoIterator<Item = &'t Lure>,
    doc: &str,
    start: usize,
    end: usize,
) -> Vec<(Tactic, f32, Evidence)> {
    let text = doc.get(start..end).unwrap_or_default();
    // Words with their spans and the sentence they are in.
    let mut words: Vec<(usize, usize, usize)> = Vec::new();
    let mut sentence = 0;
    let mut line_start = 0;
    let mut word_start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let part = c.is_alphanumeric() || (c == '-' && word_start.is_some());
        match (part, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(s)) => {
                // Sums and counts are not words between a theme and its state ("a payment
                // of £612.40 … was attempted").
                if !text[s..i].bytes().all(|b| b.is_ascii_digit()) {
                    words.push((s, i, sentence));
                }
                word_start = None;
            }
            _ => {}
        }
        // A line break ends a sentence unless it wraps a long line of plain text (mail
        // is wrapped at about 72 columns, mid-sentence: "Our bank details\nchanged").
        if c == '\n' {
            let wrapped =
                i - line_start >= WRAPPED_LINE && text[i + 1..].starts_with(char::is_alphanumeric);
            if !wrapped {
                sentence += 1;
            }
            line_start = i + 1;
        } else if matches!(c, '.' | '!' | '?' | ';' | '。' | '！' | '？')
            // A point inside a sum or an address ("£612.40", "example.com") ends nothing.
            && !text[i + c.len_utf8()..].starts_with(char::is_alphanumeric)
        {
            sentence += 1;
        }
    }
    let lower: Vec<String> = words
        .iter()
        .map(|&(s, e, _)| text[s..e].trim_end_matches('-').to_lowercase())
        .collect();
    // The sentences that deny an ask: a denial, then within two words a verb of asking.
    let denied: Vec<usize> = (0..words.len())
        .filter(|&i| {
            // "won't" is read as "won" and "t".
            let denial = has_word(DENIALS, &lower[i])
                || (lower[i] == "won" && lower.get(i + 1).is_some_and(|w| w == "t"));
            denial
                && (i + 1..(i + 4).min(words.len()))
                    .any(|j| words[j].2 == words[i].2 && has_word(ASKING, &lower[j]))
        })
        .map(|i| words[i].2)
        .collect();
    let mut out = Vec::new();
    for lure in table {
        let found = (0..words.len()).find_map(|i| {
            if !has_word(lure.theme, &lower[i]) {
                return None;
            }
            let negated = lure.by_reply
                && (0..words.len())
                    .filter(|&j| words[j].2 == words[i].2)
                    .any(|j| has_word(NEGATIONS, &lower[j]) || lower[j].ends_with("n't"));
            if negated || denied.contains(&words[i].2) {
                return None;
            }
            let near = i.saturating_sub(LURE_REACH)..(i + LURE_REACH + 1).min(words.len());
            near.filter(|&j| j != i && words[j].2 == words[i].2)
                .find(|&j| has_word(lure.state, &lower[j]))
                .map(|j| (words[i.min(j)].0, words[i.max(j)].1))
        });
        if let Some((s, e)) = found {
            out.push((
                lure.tactic,
                lure.confidence,
                evidence(doc, start + s, start + e, lure.reason),
            ));
        }
    }
    out
}

/// Analyzes a parsed email. Never panics. The wording scorer is not applied to emails
/// (measured: see `analyze_email_with` and BENCHMARKS.md, branch `model`).
pub fn analyze_email<'i>(email: &Email, index: &'i verify::Index) -> EmailAnalysis<'i> {
    analyze_email_with(email, index, Scorer::Off)
}

/// [`analyze_email`] with a wording scorer on the document (for measuring it).
pub fn analyze_email_with<'i>(
    email: &Email,
    index: &'i verify::Index,
    scorer: Scorer<'_>,
) -> EmailAnalysis<'i> {
    let (doc, at) = layout(email);
    let mut early: Vec<(Tactic, f32, Evidence)> = Vec::new();

    // The sender, with its display name: verify reads a name that claims a brand.
    let sender: Option<Verification<'i>> = email.from.as_ref().map(|from| {
        let written = match &from.name {
            Some(name) => format!("\"{}\" <{}>", name.replace('"', "'"), from.address),
            None => from.address.clone(),
        };
        index.verify(&written, Some(Kind::Email))
    });
    let from_site = email
        .from
        .as_ref()
        .and_then(|f| site(&f.address, Some(Kind::Email)));
    if let (Some(v), Some((s, e))) = (&sender, at.from_address) {
        let display = v.technique == Some(Technique::DisplayName);
        match v.verdict {
            Verdict::Impersonation if display => {
                if let Some((ns, ne)) = at.from_name {
                    early.push((
                        Tactic::Pretexting,
                        0.85,
                        evidence(&doc, ns, ne, ReasonCode::EmailDisplayName),
                    ));
                }
            }
            Verdict::Impersonation | Verdict::ReportedScam => early.push((
                Tactic::Pretexting,
                0.9,
                evidence(&doc, s, e, ReasonCode::EmailLookalikeSender),
            )),
            Verdict::OfficialCompromised => early.push((
                Tactic::Pretexting,
                0.9,
                evidence(&doc, s, e, ReasonCode::CompromisedOfficial),
            )),
            _ => {}
        }
    }
    // A display name that is itself an address other than the sender's.
    if let (Some(from), Some((ns, ne))) = (&email.from, at.from_name)
        && let Some(name) = &from.name
        && name.contains('@')
        && let Some(named) = name
            .split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '"'))
            .find(|w| w.contains('@'))
        && site(named, Some(Kind::Email)).is_some_and(|s| Some(&s) != from_site.as_ref())
    {
        early.push((
            Tactic::Pretexting,
            0.9,
            evidence(&doc, ns, ne, ReasonCode::EmailDisplayName),
        ));
    }
    // A display name that names a site (`Amazon.com`) the sender is not on, or an
    // organisation's desk or team writing from a free mail service: organisations send
    // from their own domains.
    if let (Some(from), Some((ns, ne))) = (&email.from, at.from_name)
        && let Some(name) = &from.name
        && !name.contains('@')
        && (named_site(name).is_some_and(|named| !sent_from(&from.address, &named))
            || (from_site.as_deref().is_some_and(free_mail) && names_a_desk(name)))
    {
        early.push((
            Tactic::Pretexting,
            0.85,
            evidence(&doc, ns, ne, ReasonCode::EmailDisplayName),
        ));
    }
    // A mailing list: replies go to the list and bounces to its server by design. The
    // `List-*` headers are written by whoever sends the mail, so a list is believed only
    // when it is consistent: its `List-Id` names the site the mail came from (the `From`
    // address, as when a list rewrites it, or the `Return-Path`, where the list server
    // takes its bounces) or the list the post was addressed or replied to (`To`,
    // `Reply-To`). Headers that name another site are a forgery's or a relay's: they
    // still mark bulk mail (weak words stay bounded) but quote nothing.
    let return_site = email
        .return_path
        .as_deref()
        .and_then(|rp| site(rp, Some(Kind::Email)));
    let id_site = email
        .list
        .as_ref()
        .and_then(|l| l.id.as_deref())
        .and_then(|id| site(id, Some(Kind::Domain)));
    let consistent = id_site.as_ref().is_some_and(|id| {
        Some(id) == from_site.as_ref()
            || Some(id) == return_site.as_ref()
            || email
                .to
                .iter()
                .chain(&email.reply_to)
                .any(|m| site(&m.address, Some(Kind::Email)).as_ref() == Some(id))
    });
    let list_sites: Vec<String> = email
        .list
        .iter()
        .filter(|_| consistent)
        .flat_map(|l| {
            let post = l.post.as_deref().and_then(|p| site(p, Some(Kind::Email)));
            [id_site.clone(), post]
        })
        .flatten()
        .collect();
    let list_mail = email.list.is_some();
    // Replies and bounces that go elsewhere; only comparable when From was given.
    let mut replies_elsewhere = false;
    if let Some(from_site) = &from_site {
        for (m, &(s, e)) in email.reply_to.iter().zip(&at.reply_to) {
            if site(&m.address, Some(Kind::Email))
                .is_some_and(|r| &r != from_site && !list_sites.contains(&r))
            {
                replies_elsewhere = true;
                early.push((
                    Tactic::Pretexting,
                    0.5,
                    evidence(&doc, s, e, ReasonCode::EmailReplyTo),
                ));
            }
        }
        if let (Some(rp), Some((s, e))) = (&email.return_path, at.return_path)
            && !list_mail
            && site(rp, Some(Kind::Email)).is_some_and(|r| &r != from_site)
        {
            early.push((
                Tactic::Pretexting,
                0.2,
                evidence(&doc, s, e, ReasonCode::EmailReturnPath),
            ));
        }
    }
    // Links that show one site and lead to another. Two kinds of link lead elsewhere by
    // design: a redirector that carries the shown address (a mail filter's safe link, a
    // search engine's `url?q=`), and the click tracking of a bulk sender's own mail
    // service (the site its bounces or unsubscriptions go to).
    let service_sites: Vec<String> = match &email.list {
        Some(l) if l.unsubscribe => l
            .unsubscribe_targets
            .iter()
            .filter_map(|t| site(t, None))
            .chain(return_site.clone())
            .collect(),
        _ => Vec::new(),
    };
    let brand_sender = sender.as_ref().is_some_and(|v| {
        matches!(
            v.verdict,
            Verdict::Official
                | Verdict::OfficialCompromised
                | Verdict::Impersonation
                | Verdict::ReportedScam
                | Verdict::FormerlyOfficial
        )
    });
    for (link, &((ts, te), _)) in email.links.iter().zip(&at.links) {
        let shown = link.text.trim();
        let looks_like_address = shown.contains('.') && !shown.contains(' ');
        if !looks_like_address {
            continue;
        }
        let (Some(shown_site), Some(target_site)) = (site(shown, None), site(&link.href, None))
        else {
            continue;
        };
        if shown_site == target_site {
            continue;
        }
        // A small sender's newsletter may carry no `List-*` header, yet its service
        // tracks the clicks: the link shows the sender's own site and leads to the site
        // that takes its bounces. Not for a brand's name (official or imitated): a
        // spoofed brand is what that shape would hide, and brands' bulk mail names its
        // unsubscription.
        let own_site_tracked = Some(&shown_site) == from_site.as_ref()
            && Some(&target_site) == return_site.as_ref()
            && !brand_sender
            && tracking_link(&link.href, &shown_site);
        let lies = match embedded_target(&link.href).and_then(|u| site(&u, None)) {
            Some(carried) => carried != shown_site,
            None => !service_sites.contains(&target_site) && !own_site_tracked,
        };
        if lies {
            early.push((
                Tactic::Phishing,
                0.9,
                evidence(&doc, ts, te, ReasonCode::EmailLinkMismatch),
            ));
        }
    }
    // Files that open as pages or run as programs, and forms that collect secrets.
    for (a, &(s, e)) in email.attachments.iter().zip(&at.attachments) {
        if a.is_active() {
            early.push((
                Tactic::Phishing,
                0.8,
                evidence(&doc, s, e, ReasonCode::EmailAttachment),
            ));
        }
    }
    for &(s, e) in &at.forms {
        early.push((
            Tactic::SecretRequest,
            0.9,
            evidence(&doc, s, e, ReasonCode::EmailSecretForm),
        ));
    }
    // The pretexts of credential harvesting, in mail that came through no list and
    // offers a way to act (a link, a file that opens as a page, a form). They are words
    // a real service's notice also writes ("unusual sign-in"), so they stay under the
    // bound on words; what lifts an email is the mail's own checks. A sender whose name
    // names someone else ("Microsoft account team" at `account-security-alerts.online`,
    // "Dropbox Sign" at `dropbox-sign-docs.…`) is also claiming to be that service, and
    // the unknown link that carries the ask elsewhere is marked.
    if email.list.is_none() {
        let elsewhere =
            |target: &str| site(target, None).is_some_and(|t| Some(&t) != from_site.as_ref());
        let links = email.links.iter().map(|l| l.href.as_str());
        let mut targets = links.chain(written_urls(&email.text));
        let foreign_name = email.from.as_ref().is_some_and(|f| {
            f.name
                .as_deref()
                .is_some_and(|n| names_another(n, &f.address) || dresses_brand(n, &f.address))
        });
        // A reply that goes to another site than the sender's is a way to act too: a
        // bank-details change "from" a colleague whose replies go to a free mailbox, or
        // one written from a free mailbox to an organisation's address.
        let personal_to_organisation = from_site.as_deref().is_some_and(free_mail)
            && email.to.iter().any(|m| {
                site(&m.address, Some(Kind::Email))
                    .is_some_and(|t| !free_mail(&t) && Some(&t) != from_site.as_ref())
            });
        let acts = targets.next().is_some()
            || replies_elsewhere
            || personal_to_organisation
            || email.attachments.iter().any(mail::Attachment::is_active)
            || !email.secret_forms.is_empty();
        let (start, end) = at.written;
        early.extend(find_lures(REPLY_LURES, &doc, start, end));
        if acts {
            let found = lures(&doc, start, end);
            if !found.is_empty()
                && foreign_name
                && let Some((ns, ne)) = at.from_name
            {
                early.push((
                    Tactic::Pretexting,
                    0.5,
                    evidence(&doc, ns, ne, ReasonCode::PretextSupport),
                ));
            }
            // The link that carries the pretext's ask: the first one elsewhere (any
            // one, from a sender named for someone else) that verify knows nothing of.
            let ask = email.links.iter().zip(&at.links).find(|(l, _)| {
                (foreign_name || elsewhere(&l.href))
                    && index.verify(&l.href, None).verdict == Verdict::Unknown
            });
            if !found.is_empty()
                && let Some((_, &(_, (ts, te)))) = ask
            {
                early.push((
                    Tactic::Phishing,
                    0.5,
                    evidence(&doc, ts, te, ReasonCode::PhishingLink),
                ));
            }
            early.extend(found);
        }
    }
    // A member's post is addressed to the list (its `List-Id` site); a brand's bulk mail
    // and a forgery of it to the reader. It also arrives through the list's server: the
    // server takes its bounces (`Return-Path` on the list's site) or signs it (a DKIM
    // `d=` there), a `List-Post` address is on the list's site, and the sender's name
    // does not dress a brand in account words. Each is a header the sender writes, but
    // the envelope (`Return-Path`) of a list's real site is one a forger cannot send
    // from without failing its SPF, so a forger still gets the bound only by sending the
    // whole mail from a domain of their own named in every list header (with no link
    // that lies, no look-alike, nothing that opens as a page), or when the reader pastes
    // the mail without its envelope: a missing header is no evidence either way.
    let signed_sites: Vec<String> = email
        .auth
        .dkim_domains
        .iter()
        .chain(&email.auth.dkim_pass)
        .filter_map(|d| site(d, Some(Kind::Domain)))
        .collect();
    let through_server = id_site.as_ref().is_some_and(|id| {
        return_site.as_ref() == Some(id) || signed_sites.contains(id) || email.return_path.is_none()
    });
    // A post whose pretext carries its own link, to a site that is neither the list's
    // nor the sender's and that verify knows nothing of, is the shape of the phishing a
    // post would discuss: it keeps the bound of list mail (medium). The link carries the
    // pretext when it follows it closely in the text ("verify your account at https://…")
    // or its button says the ask ("Verify now"); a post's link to documentation, a few
    // sentences after the words it discusses, does not.
    let pretext_elsewhere = email.list.is_some() && {
        let away = |u: &str| {
            let carried = embedded_target(u).unwrap_or_else(|| u.to_owned());
            site(&carried, None).is_some_and(|t| {
                Some(&t) != id_site.as_ref()
                    && Some(&t) != from_site.as_ref()
                    && Some(&t) != return_site.as_ref()
            }) && index.verify(&carried, None).verdict == Verdict::Unknown
        };
        let (start, end) = at.written;
        let written = doc.get(start..end).unwrap_or_default();
        let found = lures(&doc, start, end);
        let follows = written_urls(written).filter(|u| away(u)).any(|u| {
            // The URL's place in the document: `written_urls` yields slices of it.
            let at_url = start + (u.as_ptr() as usize - written.as_ptr() as usize);
            found
                .iter()
                .any(|(_, _, ev)| ev.end <= at_url && at_url - ev.end <= PRETEXT_LINK_REACH)
        });
        let button = !found.is_empty()
            && email
                .links
                .iter()
                .any(|l| away(&l.href) && asks_in_button(&l.text));
        follows || button
    };
    let posted = id_site.as_ref().is_some_and(|id| {
        let addressed = email
            .to
            .iter()
            .any(|m| site(&m.address, Some(Kind::Email)).as_ref() == Some(id));
        let post_here = email
            .list
            .as_ref()
            .and_then(|l| l.post.as_deref())
            .is_none_or(|p| site(p, Some(Kind::Email)).as_ref() == Some(id));
        let dressed = email.from.as_ref().is_some_and(|f| {
            f.name
                .as_deref()
                .is_some_and(|n| dresses_brand(n, &f.address))
        });
        addressed && through_server && post_here && !dressed && !pretext_elsewhere
    });
    // A service's own notice: no list (or its own bulk mail, unsubscribed on its site),
    // and the sender's bounces, signature and every link and address written are on the
    // one site its display name names (`ParcelWay` at `parcelway.…`), a site that names
    // or imitates no brand it is not the official site of, with nothing that opens as a
    // page, no form and no reply elsewhere (see `own_notice`). Without the signature (a
    // small sender's plain mail), only when it also gives no number to call, account or
    // wallet. Its bound does not hold when it asks for a secret or a payment (see
    // `List::OwnNotice`).
    let own = if replies_elsewhere {
        Own::No
    } else {
        own_notice(
            email,
            from_site.as_deref(),
            return_site.as_deref(),
            &signed_sites,
            index,
        )
    };
    let own = match (own, from_site.as_deref()) {
        (Own::Plain, Some(site)) if nothing_else_to_act_on(&doc, site, index) => Own::Plain,
        (Own::Plain, _) => Own::No,
        (own, _) => own,
    };
    let sender = sender.filter(|v| v.verdict != Verdict::Invalid);
    let list = match &email.list {
        _ if own != Own::No => List::OwnNotice,
        None if conversation(email, from_site.as_deref(), replies_elsewhere) => List::Discussion,
        None => List::Direct,
        Some(l) if l.id.is_some() && consistent && posted => List::Posted,
        // Not through the list's server, a consistent list is still a discussion: its
        // quoted scripts stay words (bulk mail would count them), under medium's bound.
        Some(l) if l.id.is_some() && consistent => List::Discussion,
        Some(_) => List::Bulk,
    };
    let mut analysis = run(&doc, sender, early, list, index, scorer);
    analysis.truncated |= email.truncated;
    // The language is the subject's and body's, not the header lines'.
    let written = format!("{} {}", email.subject.as_deref().unwrap_or(""), email.text);
    analysis.language = crate::language::language(&written);
    EmailAnalysis {
        document: doc,
        analysis,
    }
}

#[cfg(test)]
#[path = "email_tests.rs"]
mod tests;
