//! Verification: is this website, email, phone number, account or wallet address really
//! a brand's, an imitation of one, or a reported scam?
//!
//! [`Index`] is built once from a validated [`registry::Registry`] and a
//! [`blocklist::Index`], then answers [`Index::verify`] without I/O: the server and the
//! CLI swap a new index in whenever the registry or the blocklist changes, so the hot
//! path never touches a database.
//!
//! Every answer is a [`Verification`] with one [`Verdict`] and the structured
//! [`Reason`]s behind it. Reasons are data, not prose: the edges render them in the
//! user's language from the message catalogues.
//!
//! Precedence, strongest first, and why:
//! 1. `invalid`: nothing else can be said of input we cannot read.
//! 2. `official_compromised`, then `official`: an exact registry entry (or a subdomain
//!    of an official domain, an address on an official mail domain). Official channels
//!    are never blocklisted (the report pipeline refuses that), so a report against one
//!    is a takeover alert for analysts, not a verdict for users. When analysts marked the
//!    channel compromised (a hijacked account; see the `registry` crate) and the check is
//!    at or after the time since when, the answer is `official_compromised`, never plain
//!    `official`: it is the brand's channel, but someone else speaks through it. The
//!    answer carries the time and the brand's other active channels to use instead.
//! 3. `reported_scam`: a blocklist entry for the indicator, a parent domain, or the
//!    domain an email or link lives on. It beats `formerly_official` because scammers
//!    take over abandoned handles, and it beats `impersonation` because a report is
//!    direct evidence; the impersonation found is still given as a reason.
//! 4. `formerly_official`: a retired registry entry.
//! 5. `impersonation`: a lookalike of an official channel (see the `lookalike` crate).
//! 6. `unknown`: always with the reason that no record is not proof of safety.
//!
//! The operator's allowlist ([`Index::with_allowlist`]) vetoes only step 5: an allowlisted
//! domain (or a subdomain of one), URL, email address, account or wallet address is never
//! called an impersonation; it stays `unknown` ("no record is not proof of safety") unless
//! it is reported. Precision comes from the matcher; the allowlist is the operator's
//! correction on top.

use hashbrown::HashMap;
use std::str::FromStr;

pub use blocklist::Hit as Report;
use blocklist::{Entry, Severity};
use indicator::{Account, Address, Chain, Domain, Email, Host, Indicator, Kind, ParseError};
use indicator::{ParseOptions, Platform, Url};
pub use lookalike::Technique;
use lookalike::{BrandToken, Detail, DomainTarget, DomainView, HandleTarget, Matcher};
use registry::{ChannelKind, Registry, Status};

/// The seven grades of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// An active official channel of a brand.
    Official,
    /// An official channel of a brand that someone else controls since a time (a
    /// hijacked account): do not follow it.
    OfficialCompromised,
    /// A channel the brand used to have.
    FormerlyOfficial,
    /// A lookalike of an official channel.
    Impersonation,
    /// Listed on the blocklist.
    ReportedScam,
    /// No record; never proof of safety.
    Unknown,
    /// Not readable as any indicator.
    Invalid,
}

impl Verdict {
    /// The snake_case name used in JSON and message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Official => "official",
            Verdict::OfficialCompromised => "official_compromised",
            Verdict::FormerlyOfficial => "formerly_official",
            Verdict::Impersonation => "impersonation",
            Verdict::ReportedScam => "reported_scam",
            Verdict::Unknown => "unknown",
            Verdict::Invalid => "invalid",
        }
    }

    /// Whether the input is the brand's own channel, compromised or not (the report
    /// pipeline and the feeds never list those).
    pub fn is_official_channel(self) -> bool {
        matches!(self, Verdict::Official | Verdict::OfficialCompromised)
    }

    /// All verdicts, strongest first.
    pub const ALL: [Verdict; 7] = [
        Verdict::Invalid,
        Verdict::OfficialCompromised,
        Verdict::Official,
        Verdict::ReportedScam,
        Verdict::FormerlyOfficial,
        Verdict::Impersonation,
        Verdict::Unknown,
    ];
}

/// An official channel an answer refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'i> {
    /// The brand's name.
    pub brand: &'i str,
    /// The kind of channel.
    pub kind: ChannelKind,
    /// The official value, e.g. `example.com` or `exampleex`.
    pub value: &'i str,
}

/// Why a verdict was given. Rendered into sentences by the edges.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason<'i> {
    /// The input is an official channel itself.
    Official {
        /// The channel.
        target: Target<'i>,
    },
    /// The input is a subdomain (or a link) under an official domain.
    OfficialParent {
        /// The official domain it lives under.
        target: Target<'i>,
    },
    /// The email's domain is an official mail domain.
    OfficialMail {
        /// The mail domain.
        target: Target<'i>,
    },
    /// The official channel concerned is compromised since `since` (Unix seconds).
    Compromised {
        /// The channel.
        target: Target<'i>,
        /// Since when.
        since: i64,
    },
    /// A retired channel.
    Retired {
        /// The retired channel.
        target: Target<'i>,
    },
    /// The email comes from a brand's website domain that does not send mail.
    WebsiteNotMail {
        /// The website domain.
        target: Target<'i>,
    },
    /// The indicator itself is blocklisted.
    Reported(Report<'i>),
    /// A parent domain is blocklisted.
    ReportedParent {
        /// The parent domain.
        parent: String,
        /// Its listing.
        report: Report<'i>,
    },
    /// The domain of an email address or a link is blocklisted.
    ReportedDomain {
        /// The listed domain.
        domain: String,
        /// Its listing.
        report: Report<'i>,
    },
    /// A lookalike of an official channel.
    Imitates {
        /// The channel imitated.
        target: Target<'i>,
        /// How.
        technique: Technique,
        /// The evidence.
        detail: Detail,
        /// For subdomain abuse: the registrable domain the input really belongs to.
        real: Option<String>,
    },
    /// A link whose userinfo shows an official name while the host is another.
    Userinfo {
        /// What the link seems to be (the userinfo).
        shown: String,
        /// The host it really opens.
        real: String,
    },
    /// No record anywhere.
    NoRecord,
    /// The input could not be read.
    Invalid(ParseError),
}

/// The answer for one input.
#[derive(Debug, Clone)]
pub struct Verification<'i> {
    /// The parsed indicator, when the input could be read.
    pub indicator: Option<Indicator>,
    /// The grade.
    pub verdict: Verdict,
    /// The official channel concerned (official, formerly official, imitated).
    pub target: Option<Target<'i>>,
    /// The impersonation technique, when one was found.
    pub technique: Option<Technique>,
    /// The blocklist listing that decided a `reported_scam` verdict.
    pub report: Option<Report<'i>>,
    /// Why: at least one reason per answer.
    pub reasons: Vec<Reason<'i>>,
    /// For `official_compromised`: since when (Unix seconds).
    pub compromised_since: Option<i64>,
    /// For `official_compromised`: the brand's other active channels, not compromised,
    /// at most [`MAX_ALTERNATIVES`].
    pub alternatives: Vec<Target<'i>>,
    /// The time the answer is for (Unix seconds; `i64::MAX` when not given: every
    /// compromise mark applies).
    pub as_of: i64,
}

/// Most other channels given with an `official_compromised` answer.
pub const MAX_ALTERNATIVES: usize = 8;

impl Verification<'_> {
    /// The indicator's kind, when the input could be read.
    pub fn kind(&self) -> Option<Kind> {
        self.indicator.as_ref().map(Indicator::kind)
    }

    /// The parse error of an `invalid` answer.
    pub fn error(&self) -> Option<&ParseError> {
        self.reasons.iter().find_map(|r| match r {
            Reason::Invalid(e) => Some(e),
            _ => None,
        })
    }
}

/// Settings of an index.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// ISO 3166 region for phone numbers written without a country code.
    pub default_region: Option<String>,
}

/// Free-mail providers: a brand's name in the local part there is a claim no brand makes.
const FREEMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.com.hk",
    "ymail.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.net",
    "mail.com",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "qq.com",
    "foxmail.com",
    "163.com",
    "126.com",
    "sina.com",
    "yeah.net",
    "naver.com",
    "zoho.com",
    "tutanota.com",
    "hushmail.com",
];

/// Hosts where anyone publishes a site under a path, with the number of path segments that
/// name the site (`sites.google.com/view/NAME`: 2); 0 for IPFS gateways, whose content id is
/// random and whose next segment is the file a victim sees (`ipfs/CID/NAME.html`).
const SHARED_HOSTS: &[(&str, usize)] = &[
    ("sites.google.com", 2),
    ("ipfs.io", 0),
    ("dweb.link", 0),
    ("cloudflare-ipfs.com", 0),
    ("gateway.pinata.cloud", 0),
    ("ipfs.w3s.link", 0),
    ("nftstorage.link", 0),
    ("storage.googleapis.com", 1),
    ("telegra.ph", 1),
    ("linktr.ee", 1),
];

/// Leading and trailing characters an address must share with an official one to be
/// called a poisoning attempt. Wallets show about four of each; attackers grind
/// vanity addresses to match them. Three of each already makes a chance match
/// unlikely (1 in 16^6 for hex), so this errs towards warning.
const POISON_PREFIX: usize = 3;
const POISON_SUFFIX: usize = 3;

/// How a registry entry was reached, which decides the reason given.
#[derive(Debug, Clone, Copy)]
enum Via {
    Exact,
    Parent,
    Mail,
}

#[derive(Debug, Clone, Copy)]
struct RegistryEntry {
    target: u32,
    status: Status,
    /// Since when the channel is compromised.
    compromised: Option<i64>,
}

#[derive(Debug)]
struct TargetInfo {
    brand: u32,
    kind: ChannelKind,
    value: Box<str>,
}

/// The in-memory verification index. Immutable: build a new one to change it.
#[derive(Debug)]
pub struct Index {
    brands: Vec<Box<str>>,
    targets: Vec<TargetInfo>,
    /// Official and retired websites, by ASCII host.
    domains: HashMap<Box<str>, RegistryEntry>,
    /// Official and retired mail domains.
    mail_domains: HashMap<Box<str>, RegistryEntry>,
    /// Brands whose registry lists mail domains: for the others, websites send mail.
    brands_with_mail: Vec<bool>,
    /// Everything else, by indicator key (`"phone:+852…"`, `"x:exampleex"`, …).
    exact: HashMap<Box<str>, RegistryEntry>,
    /// Active official addresses by chain, first and last characters.
    addresses: HashMap<(Chain, Box<str>, Box<str>), Vec<u32>>,
    /// Each brand's active channels (target, compromised since), in registry order.
    brand_channels: Vec<Vec<(u32, Option<i64>)>>,
    matcher: Matcher,
    blocklist: blocklist::Index,
    parse: ParseOptions,
    /// Keys (`domain:example.org`, `x:name`) the operator vouches are no impersonation.
    allowed: hashbrown::HashSet<Box<str>>,
}

impl Index {
    /// Builds an index over a registry and a blocklist.
    pub fn build(registry: &Registry, blocklist: blocklist::Index, options: Options) -> Index {
        let mut index = Index {
            brands: Vec::new(),
            targets: Vec::new(),
            domains: HashMap::new(),
            mail_domains: HashMap::new(),
            brands_with_mail: Vec::new(),
            exact: HashMap::new(),
            addresses: HashMap::new(),
            brand_channels: Vec::new(),
            matcher: Matcher::new(Vec::new(), Vec::new(), Vec::new()),
            blocklist,
            parse: ParseOptions {
                default_region: options.default_region,
                hint: None,
            },
            allowed: hashbrown::HashSet::new(),
        };
        let mut domain_targets = Vec::new();
        let mut handle_targets = Vec::new();
        let mut tokens = Vec::new();
        let mut seen_registrable: HashMap<String, ()> = HashMap::new();
        for (b, brand) in registry.brands().iter().enumerate() {
            let b = u32::try_from(b).unwrap_or(u32::MAX);
            index.brands.push(brand.name.as_str().into());
            index.brands_with_mail.push(
                brand
                    .channels
                    .iter()
                    .any(|c| c.kind == ChannelKind::EmailDomain || c.kind == ChannelKind::Email),
            );
            let brand_target = index.add_target(b, ChannelKind::Domain, &brand.name);
            tokens.push(BrandToken {
                id: brand_target,
                token: brand.name.to_lowercase(),
            });
            index.brand_channels.push(Vec::new());
            for channel in &brand.channels {
                let id = index.add_target(b, channel.kind, &channel.value);
                let compromised = channel.compromised.as_ref().map(|c| c.since);
                let entry = RegistryEntry {
                    target: id,
                    status: channel.status,
                    compromised,
                };
                let active = channel.status == Status::Active;
                if active && let Some(list) = index.brand_channels.last_mut() {
                    list.push((id, compromised));
                }
                match channel.kind {
                    ChannelKind::Domain | ChannelKind::EmailDomain => {
                        let map = if channel.kind == ChannelKind::Domain {
                            &mut index.domains
                        } else {
                            &mut index.mail_domains
                        };
                        map.insert(channel.value.as_str().into(), entry);
                        let Ok(domain) = Domain::parse(&channel.value) else {
                            continue;
                        };
                        if active
                            && seen_registrable
                                .insert(domain.registrable().to_owned(), ())
                                .is_none()
                        {
                            let reg_id =
                                index.add_target(b, ChannelKind::Domain, domain.registrable());
                            domain_targets.push(DomainTarget {
                                id: reg_id,
                                domain: domain.registrable().to_owned(),
                                label: domain.unicode_label().to_owned(),
                                suffix: domain.suffix().to_owned(),
                            });
                            tokens.push(BrandToken {
                                id: reg_id,
                                token: domain.unicode_label().to_owned(),
                            });
                        }
                    }
                    ChannelKind::Email => {
                        index
                            .exact
                            .insert(format!("email:{}", channel.value).into(), entry);
                    }
                    ChannelKind::Phone => {
                        index
                            .exact
                            .insert(format!("phone:{}", channel.value).into(), entry);
                    }
                    ChannelKind::Account(platform) => {
                        index.exact.insert(
                            format!("{}:{}", platform.kind().as_str(), channel.value).into(),
                            entry,
                        );
                        if active && platform != Platform::Discord {
                            handle_targets.push(HandleTarget {
                                id,
                                handle: channel.value.clone(),
                            });
                        }
                    }
                    ChannelKind::Address => {
                        let Some(chain) = channel.chain else { continue };
                        index.exact.insert(
                            format!("address:{}:{}", chain.as_str(), channel.value).into(),
                            entry,
                        );
                        if active && let Some(ends) = address_ends(&channel.value) {
                            index
                                .addresses
                                .entry((chain, ends.0.into(), ends.1.into()))
                                .or_default()
                                .push(id);
                        }
                    }
                }
            }
        }
        index.matcher = Matcher::new(domain_targets, handle_targets, tokens);
        index
    }

    /// The index with the operator's allowlist: indicator keys as [`Indicator::key`] writes
    /// them (`domain:example.org`, `url:https://…`, `email:…`, `x:name`, `handle:name`,
    /// `address:evm:0x…`) that are never called impersonations. An allowlisted domain
    /// covers its subdomains and the email addresses and links on it; an allowlisted URL
    /// covers the pages under it.
    pub fn with_allowlist<I: IntoIterator<Item = String>>(mut self, keys: I) -> Index {
        self.allowed = keys.into_iter().map(String::into_boxed_str).collect();
        self
    }

    /// How many keys the allowlist holds.
    pub fn allowlist_len(&self) -> usize {
        self.allowed.len()
    }

    fn allowed(&self, key: &str) -> bool {
        !self.allowed.is_empty() && self.allowed.contains(key)
    }

    /// Whether the domain or one of its parents is allowlisted.
    fn allowed_domain(&self, d: &Domain) -> bool {
        if self.allowed.is_empty() {
            return false;
        }
        let mut key = String::with_capacity(7 + d.as_str().len());
        d.parents().any(|p| {
            key.clear();
            key.push_str("domain:");
            key.push_str(p);
            self.allowed.contains(key.as_str())
        })
    }

    fn add_target(&mut self, brand: u32, kind: ChannelKind, value: &str) -> u32 {
        let id = u32::try_from(self.targets.len()).unwrap_or(u32::MAX);
        self.targets.push(TargetInfo {
            brand,
            kind,
            value: value.into(),
        });
        id
    }

    fn target(&self, id: u32) -> Option<Target<'_>> {
        let t = self.targets.get(id as usize)?;
        Some(Target {
            brand: self.brands.get(t.brand as usize).map_or("", |b| b),
            kind: t.kind,
            value: &t.value,
        })
    }

    /// Number of brands.
    pub fn brand_count(&self) -> usize {
        self.brands.len()
    }

    /// Brand names, in registry order.
    pub fn brand_names(&self) -> impl Iterator<Item = &str> {
        self.brands.iter().map(|b| &**b)
    }

    /// The blocklist this index answers from.
    pub fn blocklist(&self) -> &blocklist::Index {
        &self.blocklist
    }

    /// The parse options inputs are read with.
    pub fn parse_options(&self) -> &ParseOptions {
        &self.parse
    }

    /// Verifies one untrusted input. `hint` tells the kind when the user chose it
    /// (a plain name is then read as, say, a Telegram account). Every compromise mark
    /// applies: see [`Index::verify_at`] to answer for a time.
    pub fn verify(&self, input: &str, hint: Option<Kind>) -> Verification<'_> {
        self.verify_at(input, hint, i64::MAX)
    }

    /// [`Index::verify`] at `at` (Unix seconds, the caller's clock): a channel marked
    /// compromised since a later time still answers `official`.
    pub fn verify_at(&self, input: &str, hint: Option<Kind>, at: i64) -> Verification<'_> {
        let parsed = if hint.is_some() {
            let opts = ParseOptions {
                default_region: self.parse.default_region.clone(),
                hint,
            };
            indicator::parse(input, &opts)
        } else {
            indicator::parse(input, &self.parse)
        };
        match parsed {
            Ok(indicator) => self.verify_indicator_at(indicator, at),
            Err(e) => Verification {
                indicator: None,
                verdict: Verdict::Invalid,
                target: None,
                technique: None,
                report: None,
                reasons: vec![Reason::Invalid(e)],
                compromised_since: None,
                alternatives: Vec::new(),
                as_of: at,
            },
        }
    }

    /// Verifies an already parsed indicator (the message analyzer extracts them);
    /// every compromise mark applies.
    pub fn verify_indicator(&self, indicator: Indicator) -> Verification<'_> {
        self.verify_indicator_at(indicator, i64::MAX)
    }

    /// [`Index::verify_indicator`] at `at` (Unix seconds).
    pub fn verify_indicator_at(&self, indicator: Indicator, at: i64) -> Verification<'_> {
        let mut v = Verification {
            indicator: None,
            verdict: Verdict::Unknown,
            target: None,
            technique: None,
            report: None,
            reasons: Vec::new(),
            compromised_since: None,
            alternatives: Vec::new(),
            as_of: at,
        };
        match &indicator {
            Indicator::Domain(d) => self.check_domain(d, &mut v),
            Indicator::Url(u) => self.check_url(u, &mut v),
            Indicator::Ip(ip) => {
                let key = format!("ip:{ip}");
                self.check_exact(&key, &mut v);
            }
            Indicator::Email(e) => self.check_email(e, &mut v),
            Indicator::Phone(p) => {
                self.check_exact(&format!("phone:{}", p.as_str()), &mut v);
            }
            Indicator::Account(a) => self.check_account(a, &mut v),
            Indicator::Address(a) => self.check_address(a, &mut v),
        }
        // "No record is not proof of safety" goes with every unknown, even one that
        // carries another remark (a brand website that does not send mail).
        if v.verdict == Verdict::Unknown {
            v.reasons.push(Reason::NoRecord);
        }
        v.indicator = Some(indicator);
        v
    }

    /// Official or retired exact entry, then blocklist, for keyed kinds.
    fn check_exact<'s>(&'s self, key: &str, v: &mut Verification<'s>) {
        if let Some(entry) = self.exact.get(key)
            && self.official(*entry, v, Via::Exact)
        {
            return;
        }
        if let Some(hit) = self.blocklist.get(key) {
            self.reported(v, Reason::Reported(hit), hit);
        }
    }

    /// Applies a registry entry: official (returns true: nothing more to check) or
    /// retired (recorded; a blocklist hit may still override it).
    fn official<'s>(&'s self, entry: RegistryEntry, v: &mut Verification<'s>, via: Via) -> bool {
        let Some(target) = self.target(entry.target) else {
            return false;
        };
        v.target = Some(target);
        match entry.status {
            Status::Active => {
                v.verdict = Verdict::Official;
                v.reasons.push(match via {
                    Via::Exact => Reason::Official { target },
                    Via::Parent => Reason::OfficialParent { target },
                    Via::Mail => Reason::OfficialMail { target },
                });
                if let Some(since) = entry.compromised.filter(|since| v.as_of >= *since) {
                    v.verdict = Verdict::OfficialCompromised;
                    v.compromised_since = Some(since);
                    v.reasons.push(Reason::Compromised { target, since });
                    v.alternatives = self.alternatives(entry.target, v.as_of);
                }
                true
            }
            Status::Retired => {
                v.verdict = Verdict::FormerlyOfficial;
                v.reasons.push(Reason::Retired { target });
                false
            }
        }
    }

    /// The other active channels of the brand of `target` that are not compromised at
    /// `at`, at most [`MAX_ALTERNATIVES`].
    fn alternatives(&self, target: u32, at: i64) -> Vec<Target<'_>> {
        let Some(brand) = self.targets.get(target as usize).map(|t| t.brand) else {
            return Vec::new();
        };
        self.brand_channels
            .get(brand as usize)
            .into_iter()
            .flatten()
            .filter(|(id, since)| *id != target && since.is_none_or(|s| at < s))
            .filter_map(|(id, _)| self.target(*id))
            .take(MAX_ALTERNATIVES)
            .collect()
    }

    fn reported<'s>(&'s self, v: &mut Verification<'s>, reason: Reason<'s>, hit: Report<'s>) {
        if v.verdict != Verdict::ReportedScam {
            v.verdict = Verdict::ReportedScam;
            v.report = Some(hit);
        }
        v.reasons.push(reason);
    }

    /// Official (exact or parent), retired, then blocklisted (itself or a parent).
    /// Returns true when the domain is official.
    fn domain_records<'s>(&'s self, d: &Domain, v: &mut Verification<'s>) -> bool {
        for (i, parent) in d.parents().enumerate() {
            if let Some(entry) = self.domains.get(parent) {
                let via = if i == 0 { Via::Exact } else { Via::Parent };
                if self.official(*entry, v, via) {
                    return true;
                }
                break;
            }
        }
        for (i, parent) in d.parents().enumerate() {
            if let Some(hit) = self.blocklist.get_parts("domain:", parent) {
                let reason = if i == 0 {
                    Reason::Reported(hit)
                } else {
                    Reason::ReportedParent {
                        parent: parent.to_owned(),
                        report: hit,
                    }
                };
                self.reported(v, reason, hit);
                break;
            }
        }
        false
    }

    fn check_domain<'s>(&'s self, d: &Domain, v: &mut Verification<'s>) {
        if self.domain_records(d, v) {
            return;
        }
        self.lookalike_domain(d, v);
    }

    fn lookalike_domain<'s>(&'s self, d: &Domain, v: &mut Verification<'s>) {
        if self.allowed_domain(d) {
            return;
        }
        let unicode = d.unicode();
        // The Unicode subdomain is the prefix of the Unicode host before the label.
        let label = d.unicode_label();
        let sub_len = unicode
            .len()
            .saturating_sub(label.len() + d.suffix().len() + usize::from(!label.is_empty()));
        let subdomain = if d.subdomain().is_some() && sub_len > 1 {
            unicode.get(..sub_len - 1)
        } else {
            None
        };
        let view = DomainView {
            host: unicode,
            label,
            suffix: d.suffix(),
            subdomain,
        };
        if let Some(m) = self.matcher.match_domain(&view) {
            let real = matches!(
                m.technique,
                Technique::SubdomainAbuse | Technique::DotInsertion
            )
            .then(|| d.registrable().to_owned());
            self.imitates(v, m.target, m.technique, m.detail, real);
        }
    }

    fn imitates<'s>(
        &'s self,
        v: &mut Verification<'s>,
        target: u32,
        technique: Technique,
        detail: Detail,
        real: Option<String>,
    ) {
        // A retired channel matched exactly is that channel, not an imitation of another.
        if v.verdict == Verdict::FormerlyOfficial {
            return;
        }
        let Some(target) = self.target(target) else {
            return;
        };
        if v.verdict == Verdict::Unknown {
            v.verdict = Verdict::Impersonation;
            v.target = Some(target);
        }
        if v.technique.is_none() {
            v.technique = Some(technique);
        }
        v.reasons.push(Reason::Imitates {
            target,
            technique,
            detail,
            real,
        });
    }

    fn check_url<'s>(&'s self, u: &Url, v: &mut Verification<'s>) {
        if let Some(hit) = self.blocklist.get_parts("url:", u.as_str()) {
            self.reported(v, Reason::Reported(hit), hit);
        } else {
            self.reported_path_prefix(u, v);
        }
        match u.host() {
            Host::Domain(d) => {
                if self.domain_records(d, v) {
                    return;
                }
                if let Some(shown) = u.userinfo() {
                    self.userinfo_trick(shown, d, v);
                }
                if v.technique.is_none() {
                    self.lookalike_domain(d, v);
                }
                if v.technique.is_none() && !self.allowed_url(u) {
                    self.shared_host_site(u, d, v);
                }
            }
            Host::Ip(ip) => {
                if let Some(hit) = self.blocklist.get(&format!("ip:{ip}")) {
                    self.reported(
                        v,
                        Reason::ReportedDomain {
                            domain: ip.to_string(),
                            report: hit,
                        },
                        hit,
                    );
                }
            }
        }
    }

    /// A listed URL that is a path prefix of this one (`sites.google.com/view/x` lists
    /// `sites.google.com/view/x/home`; an IPFS gateway path lists the files under it): the
    /// site's pages are the site.
    fn reported_path_prefix<'s>(&'s self, u: &Url, v: &mut Verification<'s>) {
        let mut found = None;
        path_prefixes(u, &mut |key| {
            found = self
                .blocklist
                .get_parts("url:", key)
                .map(|hit| (key.to_owned(), hit));
            found.is_some()
        });
        if let Some((parent, hit)) = found {
            self.reported(
                v,
                Reason::ReportedParent {
                    parent,
                    report: hit,
                },
                hit,
            );
        }
    }

    /// Whether the URL, or a URL it lies under, is allowlisted.
    fn allowed_url(&self, u: &Url) -> bool {
        if self.allowed.is_empty() {
            return false;
        }
        if self.allowed(&format!("url:{}", u.as_str())) {
            return true;
        }
        let mut key = String::new();
        let mut found = false;
        path_prefixes(u, &mut |prefix| {
            key.clear();
            key.push_str("url:");
            key.push_str(prefix);
            found = self.allowed.contains(key.as_str());
            found
        });
        found
    }

    /// On a host where anyone can publish a site under a path (`sites.google.com/view/NAME`,
    /// IPFS gateways), the site's name is checked like a domain label: a brand's name there is
    /// the brand put in front of someone else's site.
    fn shared_host_site<'s>(&'s self, u: &Url, d: &Domain, v: &mut Verification<'s>) {
        let Some(&(host, depth)) = SHARED_HOSTS
            .iter()
            .find(|(h, _)| d.as_str() == *h || d.as_str().ends_with(&format!(".{h}")))
        else {
            return;
        };
        let Some(mut segments) = u.as_url().path_segments() else {
            return;
        };
        // The site's name is the last segment of its prefix (`view/NAME`); for IPFS, the
        // file or folder names after the content id (`ipfs/CID/binance-login.html`), or the
        // first segment when the content id is in the host (a subdomain gateway,
        // `CID.ipfs.dweb.link/binance-login.html`), or the name an IPNS path resolves
        // (`ipns/binance-claim.eth`).
        let name = if depth == 0 {
            let first = segments.next();
            if d.as_str() != host {
                first
            } else if first == Some("ipns") {
                segments.next()
            } else {
                segments.nth(1)
            }
        } else {
            segments.nth(depth - 1)
        };
        let Some(name) = name.filter(|n| !n.is_empty() && n.len() <= 63) else {
            return;
        };
        let name = name.split('.').next().unwrap_or(name).to_lowercase();
        let view = DomainView {
            host: &name,
            label: &name,
            suffix: "",
            subdomain: None,
        };
        if let Some(m) = self.matcher.match_domain(&view) {
            let Some(target) = self.target(m.target) else {
                return;
            };
            let detail = Detail::Contains {
                token: target.value.to_owned(),
                extra: vec![name.clone()],
            };
            self.imitates(
                v,
                m.target,
                Technique::SubdomainAbuse,
                detail,
                Some(d.registrable().to_owned()),
            );
        }
    }

    /// `https://example.com@evil.io/`: the part before `@` is what a reader sees.
    fn userinfo_trick<'s>(&'s self, shown: &str, real: &Domain, v: &mut Verification<'s>) {
        let shown_domain = Domain::parse(shown.split(':').next().unwrap_or(shown)).ok();
        let target = shown_domain.as_ref().and_then(|sd| {
            sd.parents()
                .find_map(|p| self.domains.get(p))
                .map(|e| e.target)
                .or_else(|| self.matcher.contains_brand(sd.unicode_label()))
        });
        let target = target.or_else(|| self.matcher.contains_brand(shown));
        if let Some(t) = target {
            v.reasons.push(Reason::Userinfo {
                shown: shown.to_owned(),
                real: real.as_str().to_owned(),
            });
            self.imitates(
                v,
                t,
                Technique::UserinfoTrick,
                Detail::None,
                Some(real.as_str().to_owned()),
            );
        }
    }

    fn check_email<'s>(&'s self, e: &Email, v: &mut Verification<'s>) {
        let key = format!("email:{}", e.as_str());
        if let Some(entry) = self.exact.get(key.as_str())
            && self.official(*entry, v, Via::Exact)
        {
            return;
        }
        let domain = e.domain();
        if let Some(entry) = self.mail_domains.get(domain.as_str())
            && self.official(*entry, v, Via::Mail)
        {
            return;
        }
        // A brand that lists no mail domains sends mail from its websites.
        if let Some(entry) = domain.parents().find_map(|p| self.domains.get(p)) {
            let brand_has_mail = self
                .targets
                .get(entry.target as usize)
                .and_then(|t| self.brands_with_mail.get(t.brand as usize))
                .copied()
                .unwrap_or(false);
            if !brand_has_mail
                && domain.as_str() == self.target(entry.target).map_or("", |t| t.value)
            {
                if self.official(*entry, v, Via::Mail) {
                    return;
                }
            } else if entry.status == Status::Active
                && let Some(target) = self.target(entry.target)
            {
                v.target = Some(target);
                v.reasons.push(Reason::WebsiteNotMail { target });
            }
        }
        if let Some(hit) = self.blocklist.get(&key) {
            self.reported(v, Reason::Reported(hit), hit);
        }
        for parent in domain.parents() {
            if let Some(hit) = self.blocklist.get_parts("domain:", parent) {
                let reason = Reason::ReportedDomain {
                    domain: parent.to_owned(),
                    report: hit,
                };
                self.reported(v, reason, hit);
                break;
            }
        }
        if v.target.is_some() && v.verdict != Verdict::ReportedScam {
            // The domain is the brand's own website: not a lookalike of it.
            return;
        }
        if self.allowed(&key) {
            return;
        }
        self.lookalike_domain(domain, v);
        if v.technique.is_some() {
            return;
        }
        if let Some(name) = e.display_name()
            && let Some(t) = self.matcher.claims_brand(name)
        {
            self.imitates(
                v,
                t,
                Technique::DisplayName,
                Detail::None,
                Some(domain.as_str().to_owned()),
            );
            return;
        }
        if FREEMAIL.contains(&domain.registrable())
            && let Some(t) = self.matcher.contains_brand(e.local())
        {
            self.imitates(
                v,
                t,
                Technique::FreemailBrand,
                Detail::None,
                Some(domain.as_str().to_owned()),
            );
        }
    }

    fn check_account<'s>(&'s self, a: &Account, v: &mut Verification<'s>) {
        // A handle of unknown platform is checked against every platform's registry.
        let own: Vec<Platform> = match a.platform() {
            Some(p) => vec![p],
            None => Platform::ALL.to_vec(),
        };
        let mut keys: Vec<String> = own
            .iter()
            .map(|p| format!("{}:{}", p.kind().as_str(), a.handle()))
            .collect();
        for key in &keys {
            if let Some(entry) = self.exact.get(key.as_str()) {
                if self.official(*entry, v, Via::Exact) {
                    return;
                }
                break;
            }
        }
        keys.push(format!("handle:{}", a.handle()));
        if let Some(hit) = keys.iter().find_map(|k| self.blocklist.get(k)) {
            self.reported(v, Reason::Reported(hit), hit);
        }
        if keys.iter().any(|k| self.allowed(k)) {
            return;
        }
        if a.platform() == Some(Platform::Discord) || a.platform() == Some(Platform::Whatsapp) {
            return;
        }
        // A Telegram invite code (`t.me/+AbC…`) is random: no name to imitate.
        if a.platform() == Some(Platform::Telegram) && a.handle().starts_with('+') {
            return;
        }
        if let Some(m) = self.matcher.match_handle(a.display()) {
            self.imitates(v, m.target, m.technique, m.detail, None);
        }
    }

    fn check_address<'s>(&'s self, a: &Address, v: &mut Verification<'s>) {
        let key = format!("address:{}:{}", a.chain().as_str(), a.as_str());
        self.check_exact(&key, v);
        if v.verdict.is_official_channel() || self.allowed(&key) {
            return;
        }
        if let Some((start, end)) = address_ends(a.as_str())
            && let Some(ids) = self.addresses.get(&(a.chain(), start.into(), end.into()))
        {
            for &id in ids {
                let Some(t) = self.target(id) else { continue };
                if let Some(detail) =
                    lookalike::poisons(a.as_str(), t.value, POISON_PREFIX, POISON_SUFFIX)
                {
                    self.imitates(v, id, Technique::AddressPoisoning, detail, None);
                    break;
                }
            }
        }
    }
}

/// Calls `f` with every URL this one lies under (`https://host/a/b/` for
/// `https://host/a/b/c`), longest first, with and without a trailing slash, without query or
/// fragment, from the first path segment on, at most eight prefixes; stops when `f` says so.
fn path_prefixes(u: &Url, f: &mut dyn FnMut(&str) -> bool) {
    let url = u.as_url();
    let Some(host) = url.host_str() else { return };
    let path = url.path();
    if path.len() <= 1 {
        return;
    }
    let base = format!("{}://{host}", url.scheme());
    let base = match url.port() {
        Some(p) => format!("{base}:{p}"),
        None => base,
    };
    let trimmed = path.trim_end_matches('/');
    let mut ends: Vec<usize> = trimmed
        .match_indices('/')
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .collect();
    ends.push(trimmed.len());
    let mut key = String::with_capacity(base.len() + path.len() + 1);
    for &end in ends.iter().rev().take(8) {
        let prefix = trimmed.get(..end).unwrap_or("");
        for slash in ["", "/"] {
            key.clear();
            key.push_str(&base);
            key.push_str(prefix);
            key.push_str(slash);
            if key != u.as_str() && f(&key) {
                return;
            }
        }
    }
}

/// The leading and trailing characters of an address that poisoning copies, after a
/// `0x` prefix (EVM addresses are compared in lowercase, their canonical form).
fn address_ends(address: &str) -> Option<(&str, &str)> {
    let body = address.strip_prefix("0x").unwrap_or(address);
    if !body.is_ascii() || body.len() < POISON_PREFIX + POISON_SUFFIX + 1 {
        return None;
    }
    Some((
        body.get(..POISON_PREFIX)?,
        body.get(body.len() - POISON_SUFFIX..)?,
    ))
}

/// Does this address poison (imitate the ends of) one of `known`, being different?
/// Used by withdrawal screening against a user's recent counterparties.
pub fn poisoned<'k>(candidate: &Address, known: &'k [Address]) -> Option<(&'k Address, Detail)> {
    known.iter().find_map(|k| {
        if k.chain() != candidate.chain() || k.as_str() == candidate.as_str() {
            return None;
        }
        lookalike::poisons(candidate.as_str(), k.as_str(), POISON_PREFIX, POISON_SUFFIX)
            .map(|d| (k, d))
    })
}

/// Reads a blocklist text file lazily: one indicator per line; blank lines and lines
/// starting with `#` are skipped. Yields an entry per readable line and, for each
/// unreadable one, its number and error. `now` (Unix seconds) stamps first and last
/// seen. Lazy, so a million-line file streams into [`blocklist::Builder`].
pub fn blocklist_lines<'t>(
    text: &'t str,
    source: &'t str,
    now: i64,
    options: &'t ParseOptions,
) -> impl Iterator<Item = Result<Entry, (usize, ParseError)>> + 't {
    text.lines().enumerate().filter_map(move |(n, line)| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        Some(
            indicator::parse(line, options)
                .map(|ind| Entry {
                    key: ind.key(),
                    severity: Severity::Confirmed,
                    categories: Vec::new(),
                    report_count: 1,
                    first_seen: now,
                    last_seen: now,
                    sources: vec![source.to_owned()],
                })
                .map_err(|e| (n + 1, e)),
        )
    })
}

/// [`blocklist_lines`], collected: the entries and the unreadable lines.
pub fn blocklist_from_lines(
    text: &str,
    source: &str,
    now: i64,
    options: &ParseOptions,
) -> (Vec<Entry>, Vec<(usize, ParseError)>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for item in blocklist_lines(text, source, now, options) {
        match item {
            Ok(e) => entries.push(e),
            Err(e) => errors.push(e),
        }
    }
    (entries, errors)
}

/// Parses a kind name given by a user (`--kind telegram`, `?kind=x`).
pub fn parse_kind(s: &str) -> Option<Kind> {
    Kind::from_str(s).ok()
}

mod conflicts;
pub use conflicts::{Conflict, ConflictCode};

#[cfg(test)]
mod snapshots;
#[cfg(test)]
mod tests;
