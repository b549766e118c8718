//! Pass: the tactics the verified indicators show.

use indicator::Kind;
use verify::{Verdict, Verification};

use crate::findings::{Findings, evidence};
use crate::{Found, ReasonCode, Tactic};

use super::context::Context;
use super::tactics::Cue;

/// Hosts where anyone can publish a page or a form under a trusted name.
const TRUSTED_HOSTS: &[&str] = &[
    "docs.google.com",
    "forms.gle",
    "drive.google.com",
    "sites.google.com",
    "forms.office.com",
    "github.io",
    "notion.site",
    "pages.dev",
    "web.app",
    "firebaseapp.com",
    "vercel.app",
    "netlify.app",
    "blogspot.com",
    "wixsite.com",
    "weebly.com",
    "linktr.ee",
    "dropbox.com",
];

/// What the indicators (and the sender) say beyond their findings.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Verdicts {
    /// An indicator or the sender was reported as a scam.
    pub reported: bool,
    /// An indicator or the sender imitates an official one.
    pub impersonation: bool,
    /// A link that is not official.
    pub suspicious_link: bool,
}

impl Verdicts {
    /// Adds the sender's verdict (a sender is not a link).
    pub(crate) fn with_sender(mut self, sender: Option<&Verification<'_>>) -> Verdicts {
        if let Some(v) = sender {
            self.reported |= v.verdict == Verdict::ReportedScam;
            self.impersonation |= matches!(
                v.verdict,
                Verdict::Impersonation | Verdict::OfficialCompromised
            );
        }
        self
    }
}

/// Whether an indicator of this kind is a link (suspicious unless official).
pub(crate) fn is_link(kind: Option<Kind>) -> bool {
    matches!(kind, Some(Kind::Url | Kind::Domain | Kind::Ip))
}

/// Adds what each indicator shows: reported or look-alike links are phishing, links on
/// trusted hosts a watering hole, charged numbers and wallet addresses (reported, or
/// unknown next to "send", "pay") payment instructions, other impersonating indicators
/// pretexting, Telegram and WhatsApp contacts off-platform. Official ones show nothing.
pub(crate) fn indicator_findings(
    text: &str,
    indicators: &[Found<'_>],
    actions: &[Cue],
    ctx: &Context,
    findings: &mut Findings,
) -> Verdicts {
    let mut out = Verdicts::default();
    for f in indicators {
        let v = &f.verification;
        let kind = v.kind();
        let verdict = v.verdict;
        out.reported |= verdict == Verdict::ReportedScam;
        // A hijacked official channel speaks as the brand without being it: as strong
        // a signal as an imitation, never the reassurance of an official link.
        out.impersonation |=
            verdict == Verdict::Impersonation || verdict == Verdict::OfficialCompromised;
        let ev = |reason| evidence(text, f.start, f.end, reason);
        if verdict == Verdict::OfficialCompromised {
            let tactic = if is_link(kind) {
                out.suspicious_link = true;
                Tactic::Phishing
            } else {
                Tactic::Pretexting
            };
            findings.add(tactic, 0.9, ev(ReasonCode::CompromisedOfficial));
            continue;
        }
        if is_link(kind) {
            if verdict == Verdict::Official {
                continue;
            }
            out.suspicious_link = true;
            match verdict {
                Verdict::ReportedScam => {
                    findings.add(Tactic::Phishing, 0.9, ev(ReasonCode::PhishingReported))
                }
                Verdict::Impersonation => {
                    findings.add(Tactic::Phishing, 0.9, ev(ReasonCode::PhishingLookalike))
                }
                _ => {}
            }
            let host = v
                .indicator
                .as_ref()
                .and_then(|i| i.domain())
                .map(|d| d.as_str());
            if let Some(host) = host
                && TRUSTED_HOSTS
                    .iter()
                    .any(|t| host == *t || host.strip_suffix(t).is_some_and(|p| p.ends_with('.')))
            {
                findings.add(
                    Tactic::WateringHole,
                    0.4,
                    ev(ReasonCode::WateringTrustedHost),
                );
            }
        } else {
            if let Some(indicator::Indicator::Phone(p)) = &v.indicator
                && p.line_type().is_charged()
                && verdict != Verdict::Official
            {
                findings.add(
                    Tactic::PaymentInstruction,
                    0.5,
                    ev(ReasonCode::PaymentPremiumRate),
                );
            }
            // An unknown wallet address with "send", "pay", "transfer" in its sentence.
            if kind == Some(Kind::Address)
                && verdict == Verdict::Unknown
                && actions
                    .iter()
                    .any(|a| ctx.sentence(a.start) == ctx.sentence(f.start))
            {
                findings.add(
                    Tactic::PaymentInstruction,
                    0.7,
                    ev(ReasonCode::PaymentTransfer),
                );
            }
            match (kind, verdict) {
                (_, Verdict::Official) => {}
                (Some(Kind::Address), Verdict::ReportedScam | Verdict::Impersonation) => findings
                    .add(
                        Tactic::PaymentInstruction,
                        0.9,
                        ev(ReasonCode::PaymentReportedAddress),
                    ),
                (_, Verdict::Impersonation | Verdict::ReportedScam | Verdict::FormerlyOfficial) => {
                    findings.add(
                        Tactic::Pretexting,
                        0.9,
                        ev(ReasonCode::PretextImpersonation),
                    );
                }
                (Some(Kind::Telegram | Kind::Whatsapp), _) => {
                    findings.add(Tactic::OffPlatform, 0.6, ev(ReasonCode::OffPlatformContact));
                }
                _ => {}
            }
        }
    }
    out
}
