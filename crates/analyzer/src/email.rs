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
use crate::{Analysis, Evidence, MAX_TEXT_BYTES, ReasonCode, Tactic, run};

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
    let room = MAX_TEXT_BYTES.saturating_sub(doc.len() + links.len());
    doc.push_str(clip(email.text.trim(), room));
    let base = doc.len();
    doc.push_str(&links);
    at.links = link_spans
        .into_iter()
        .map(|((a, b), (c, d))| ((base + a, base + b), (base + c, base + d)))
        .collect();
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

/// Analyzes a parsed email. Never panics.
pub fn analyze_email<'i>(email: &Email, index: &'i verify::Index) -> EmailAnalysis<'i> {
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
    if let Some(from_site) = &from_site {
        for (m, &(s, e)) in email.reply_to.iter().zip(&at.reply_to) {
            if site(&m.address, Some(Kind::Email))
                .is_some_and(|r| &r != from_site && !list_sites.contains(&r))
            {
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
    // Links that show one site and lead to another.
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
        if shown_site != target_site {
            early.push((
                Tactic::Phishing,
                0.9,
                evidence(&doc, ts, te, ReasonCode::EmailLinkMismatch),
            ));
        }
    }
    let sender = sender.filter(|v| v.verdict != Verdict::Invalid);
    let list = match &email.list {
        None => List::None,
        Some(l) if l.id.is_some() && consistent => List::Discussion,
        Some(_) => List::Bulk,
    };
    let mut analysis = run(&doc, sender, early, list, index);
    analysis.truncated |= email.truncated;
    // The language is the subject's and body's, not the header lines'.
    let written = format!("{} {}", email.subject.as_deref().unwrap_or(""), email.text);
    analysis.language = crate::language::language(&written);
    EmailAnalysis {
        document: doc,
        analysis,
    }
}
