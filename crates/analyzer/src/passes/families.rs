//! Passes: script steps tallied per scam family, and the family whose script the message
//! runs.

use crate::findings::{Findings, evidence};
use crate::fold::{self, Folded};
use crate::scripts::{self, FAMILIES, Families, Step, StepPhrase};
use crate::{ReasonCode, Tactic};

use super::context::Context;
use super::matching::Hit;

const N: usize = FAMILIES.len();

/// How far apart (characters) the steps of a script may be in a long text: a short
/// paragraph.
const NEAR: usize = 200;

/// Below this, a relative's or boss's ask is an everyday word, not a request for money.
const WEAK_ASK: f32 = 0.4;

/// Below this, a relative's or boss's pressure is politeness ("麻烦你帮忙"), not a story
/// (a hospital, 0.2, is one).
const POLITE: f32 = 0.2;

/// A text this short (characters) is one direct message, where one strong ask is the
/// whole script ([`crate::concepts::Rule::strong`]): a DM or an SMS, not a notice.
const SHORT: usize = 240;

/// From this, a sender claims to be an acquaintance in words ("是我", "我是你的…"), not
/// only by addressing the reader ("爸，"); "我是" alone (0.2) claims nothing.
const CLAIMED: f32 = 0.3;

/// The steps seen of each family (index as in [`FAMILIES`]); slots are pretext,
/// pressure, ask.
#[derive(Default)]
pub(crate) struct FamilyTally {
    /// The steps seen, as [`Step`] bits.
    steps: [u8; N],
    /// The first span of each step.
    spans: [[Option<(usize, usize)>; 3]; N],
    /// The confidences of each step's phrases, combined (noisy-or).
    weight: [[f32; 3]; N],
    /// The highest confidence of one phrase of each step: several everyday words do
    /// not make one real ask.
    peak: [[f32; 3]; N],
    /// A self-introduction ("我是…", "I am from…") was seen: a loan offered unasked.
    intro: bool,
    /// The strongest acquaintance pretext said in words ("it's me", "换号了", "我是你…"),
    /// beside the reader addressed as a relative or boss ("爸，", "王总：").
    claimed: f32,
    /// The reader was addressed as a relative or boss ("爸，", "Mum,", "王总：").
    addressed: bool,
    /// The families and confidence of a strong ask not warned against nor denied in
    /// its sentence ("send me your seed phrase", "reply with the 2FA code").
    lone: Option<(Families, f32)>,
    /// A claimed officer demanded secrecy ("Detective Ruiz here… keep this between us"):
    /// the fake authority's pressure, a script before any ask.
    hushed: bool,
    /// The spans of the acquaintance's pretexts, to count the claims of a story.
    told: Vec<(usize, usize)>,
    /// Why the sender writes from another phone was told ("dropped my phone", "phone
    /// died"): the story's middle, which a relative's plain new-number notice lacks.
    accident: bool,
}

/// From this, an acquaintance's pretext alone is the script, when it makes several
/// separate claims ([`CLAIMS`]): "Hi Mum, it's me, dropped my phone, this is my new
/// number" is the new-number story, not one everyday word.
const STORY: f32 = 0.85;

/// Separate claims of the story: the relative addressed, "it's me", why from another
/// phone, the new number ("Dad, my new number is in the group chat, the old phone
/// broke" tells three, and no one claims to be anyone).
const CLAIMS: usize = 4;

/// From this, an authority's pretext names an office or rank ("detective", "Financial
/// Crimes Unit"), not only the word "police".
const RANK: f32 = 0.5;

/// The script a message runs: the family with the most steps, then the most weight.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Script {
    /// The family's index in [`FAMILIES`].
    family: usize,
    /// How many of its steps were seen (2 or 3).
    pub steps: u32,
    /// Their weights, summed.
    weight: f32,
}

/// The slot of a step in [`FamilyTally`]'s spans and weights.
fn slot(step: Step) -> usize {
    match step {
        Step::Pretext => 0,
        Step::Pressure => 1,
        Step::Ask => 2,
    }
}

impl FamilyTally {
    /// Counts a step at `s..e` for every family of `families`.
    fn count(&mut self, families: Families, step: Step, (s, e): (usize, usize), conf: f32) {
        let slot = slot(step);
        for (i, &(family, _, _)) in FAMILIES.iter().enumerate() {
            if families & family != 0 {
                if family == scripts::ACQUAINTANCE && step == Step::Pretext {
                    self.told.push((s, e));
                }
                self.steps[i] |= step as u8;
                self.spans[i][slot].get_or_insert((s, e));
                let w = &mut self.weight[i][slot];
                *w = 1.0 - (1.0 - *w) * (1.0 - conf);
                let p = &mut self.peak[i][slot];
                *p = p.max(conf);
            }
        }
    }

    /// The families of `families` whose ask has been seen.
    fn asking(&self, families: Families) -> Families {
        FAMILIES
            .iter()
            .zip(self.steps)
            .filter(|&(&(family, _, _), steps)| {
                families & family != 0 && steps & Step::Ask as u8 != 0
            })
            .fold(0, |acc, (&(family, _, _), _)| acc | family)
    }

    /// Script steps: each counts on its own (weakly) and towards its families. Warnings
    /// cancel every step but pressure (secrecy is a warning turned around: "don't tell
    /// anyone").
    pub(crate) fn add_steps(
        &mut self,
        text: &str,
        steps: &[Hit<StepPhrase>],
        ctx: &Context,
        findings: &mut Findings,
    ) {
        for &Hit {
            start: s,
            end: e,
            phrase: &(phrase, families, step, tactic, reason, conf),
        } in steps
        {
            // A pretext in a sentence that denies an ask ("【香港警務處】提提你：警方唔會
            // 要求…") is the real authority's notice.
            if step != Step::Pressure
                && (ctx.warned(s)
                    || (tactic == Tactic::SecretRequest && ctx.negated(s))
                    || (step == Step::Pretext && ctx.disclaimed(s))
                    || (step == Step::Ask && ctx.ask_disclaimed(s)))
            {
                continue;
            }
            // "别着急", "唔使急", "不用急": hurry denied calms the reader.
            if step == Step::Pressure
                && reason == ReasonCode::UrgencyDeadline
                && phrase.contains('急')
                && calmed(&text[..s])
            {
                continue;
            }
            // "老闆說…", "阿媽話…": a boss or relative talked about claims nobody.
            if step == Step::Pretext
                && families == scripts::ACQUAINTANCE
                && talked_about(text, s, e)
            {
                continue;
            }
            // "那个供应商的合同，你先别付款": the payment is held, not asked for.
            // "係你幫我買藥嘅錢": what money was for, named, asks for nothing.
            if step == Step::Ask
                && reason == ReasonCode::PaymentTransfer
                && (ctx.held(s) || (buys(phrase) && money_for(&text[e..])))
            {
                continue;
            }
            // A record of money moved ("已成功提现") asks for none; the sender's
            // signature ("【微信】") invites to no app; a code delivered's notice warns
            // ("请勿告知他人，包括客服人员") and names nobody.
            // A job done in person ("到门市面试") is no task scam, whatever it pays.
            // A job's teacher ("補習社請兼職導師") is no trading mentor either.
            if (step == Step::Ask && ctx.record(s))
                || (families == scripts::TASK && ctx.in_person())
                || (reason == ReasonCode::TooGoodInsider && ctx.in_person())
                || (tactic == Tactic::OffPlatform && ctx.signature(s))
                || (ctx.code_delivered() && ctx.negated(s))
            {
                continue;
            }
            // A threat inside a description of scams is reported, not made; "tell no
            // one" after a code delivered keeps the code.
            if step == Step::Pressure
                && (ctx.described(s)
                    || (reason == ReasonCode::UrgencyLegal && ctx.code_delivered()))
            {
                continue;
            }
            // "can you send me the wifi password", "…the photos": what is sent is named,
            // and it is no money.
            if step == Step::Ask
                && reason == ReasonCode::PaymentTransfer
                && phrase.ends_with("send")
                && sends_no_money(&text[e..])
            {
                continue;
            }
            self.intro |= families == scripts::ALL && step == Step::Pretext;
            if families & scripts::ACQUAINTANCE != 0 && step == Step::Pretext {
                self.claimed = self.claimed.max(conf);
            }
            // Everyday words ("transaction", "我是", "帮我") count only towards a script.
            if conf >= 0.2 {
                findings.add(tactic, conf, evidence(text, s, e, reason));
            }
            // A code delivered ("验证码：482913") is named, not asked for: no step.
            if ctx.code_delivered() && reason == ReasonCode::SecretCode {
                continue;
            }
            self.count(families, step, (s, e), conf);
        }
    }

    /// Steps by shape: "转5000", "轉三千蚊", a transfer with its amount, asks for money;
    /// "爸，" "Mum," at the start addresses the reader as a relative (the acquaintance
    /// pretext).
    pub(crate) fn add_money_and_kin(
        &mut self,
        text: &str,
        folded: &Folded<'_>,
        ctx: &Context,
        findings: &mut Findings,
    ) {
        for (fs, fe, step, reason, conf) in fold::money_and_kin(&folded.text) {
            let (s, e) = folded.original(text, fs, fe);
            if (step != Step::Pressure && ctx.warned(s))
                || (step == Step::Ask && (ctx.record(s) || ctx.held(s)))
            {
                continue;
            }
            self.addressed |= step == Step::Pretext;
            let (families, tactic) = match step {
                Step::Pretext => (scripts::ACQUAINTANCE, Tactic::Pretexting),
                _ => (
                    scripts::ACQUAINTANCE | scripts::AUTHORITY | scripts::LOAN | scripts::SERVICE,
                    Tactic::PaymentInstruction,
                ),
            };
            findings.add(tactic, conf, evidence(text, s, e, reason));
            self.count(families, step, (s, e), conf);
        }
    }

    /// Steps by concept ([`crate::concepts`]): two classes of words close together in
    /// one sentence ("fund the shortfall", "Financial Crimes Division", "keep it quiet"),
    /// counted like step phrases: warnings cancel every step but secrecy.
    pub(crate) fn add_concepts(
        &mut self,
        text: &str,
        folded: &Folded<'_>,
        ctx: &Context,
        findings: &mut Findings,
    ) {
        let mut found = crate::concepts::steps(&folded.text);
        // Asks first: secrecy by concept (its reason is legal pressure) counts only for a
        // family whose ask is seen ("don't tell her, it's a surprise" keeps a gift secret,
        // not a transfer), or from an officer who claims a rank.
        found.sort_by_key(|&(_, _, rule)| rule.step != Step::Ask);
        let authority = FAMILIES
            .iter()
            .position(|f| f.0 == scripts::AUTHORITY)
            .unwrap_or_default();
        let ranked = self.peak[authority][slot(Step::Pretext)] >= RANK
            || found.iter().any(|&(fs, _, r)| {
                r.step == Step::Pretext
                    && r.families & scripts::AUTHORITY != 0
                    && r.conf >= RANK
                    && !ctx.warned(folded.original(text, fs, fs).0)
            });
        for (fs, fe, rule) in found {
            let (s, e) = folded.original(text, fs, fe);
            // A step whose own words negate ("unable to deliver") is warned against only
            // where a scam is described.
            let warned = if crate::concepts::negative_by_nature(rule) {
                ctx.described(s)
            } else {
                ctx.warned(s)
            };
            if (rule.step != Step::Pressure && warned)
                || (rule.step == Step::Ask && (ctx.ask_disclaimed(s) || ctx.record(s)))
            {
                continue;
            }
            // "please don't ever share the OTP": a strong ask must not be denied anywhere
            // in its sentence.
            if rule.strong && !ctx.negated(s) {
                self.lone.get_or_insert((rule.families, rule.conf));
            }
            self.accident |= crate::concepts::accident(rule);
            let families = if rule.step == Step::Pressure && rule.reason == ReasonCode::UrgencyLegal
            {
                let hushing = ranked
                    && crate::concepts::hushes(rule)
                    && rule.families & scripts::AUTHORITY != 0
                    && !ctx.described(s);
                self.hushed |= hushing;
                self.asking(rule.families) | if hushing { scripts::AUTHORITY } else { 0 }
            } else {
                rule.families
            };
            // Everyday words (a callback's "reach our team") count only towards a script;
            // a step a phrase already shows ("send me your seed phrase") adds its
            // confidence but is not shown twice.
            let shown = findings.iter().any(|f| {
                f.evidence
                    .iter()
                    .any(|ev| ev.reason == rule.reason && ev.start < e && s < ev.end)
            });
            if rule.conf >= 0.2 && shown {
                findings.boost(rule.tactic, rule.conf);
            } else if rule.conf >= 0.2 {
                findings.add(rule.tactic, rule.conf, evidence(text, s, e, rule.reason));
            }
            self.count(families, rule.step, (s, e), rule.conf);
        }
    }

    /// Steps by concept in Chinese and Cantonese ([`crate::zh_concepts`]): two classes of
    /// words a few characters apart in one sentence ("暂存至监管钱包", "补齐差额",
    /// "刑事局偵查隊"), counted like step phrases: warnings cancel every step but
    /// pressure, and secrecy counts only for a family whose ask is seen.
    pub(crate) fn add_zh_concepts(
        &mut self,
        text: &str,
        found: &[(usize, usize, &'static crate::zh_concepts::ZhRule)],
        ctx: &Context,
        findings: &mut Findings,
    ) {
        let mut found = found.to_vec();
        found.sort_by_key(|&(_, _, rule)| rule.step != Step::Ask);
        for (s, e, rule) in found {
            if (rule.step != Step::Pressure && ctx.warned(s))
                || (rule.step == Step::Pretext && ctx.disclaimed(s))
                || (rule.step == Step::Ask && (ctx.ask_disclaimed(s) || ctx.record(s)))
                || (rule.reason == ReasonCode::PaymentTransfer && ctx.held(s))
                || (rule.step == Step::Pressure && ctx.described(s))
                || (rule.tactic == Tactic::OffPlatform && ctx.signature(s))
                || (rule.families == scripts::TASK && ctx.in_person())
            {
                continue;
            }
            if crate::zh_concepts::needs_ask(rule) && ctx.code_delivered() {
                continue;
            }
            let families = if crate::zh_concepts::needs_ask(rule) {
                self.asking(rule.families)
            } else {
                rule.families
            };
            // "请把钱转到安全账户": one strong ask not denied in its sentence.
            if crate::zh_concepts::strong(rule) && !ctx.negated(s) {
                self.lone.get_or_insert((families, rule.conf));
            }
            self.accident |= crate::zh_concepts::accident(rule);
            // "换手机号了" claims who the sender is, like "换号了".
            if families & scripts::ACQUAINTANCE != 0 && rule.step == Step::Pretext {
                self.claimed = self.claimed.max(rule.conf);
            }
            // Callback steps count only towards their script, as their phrases do.
            if rule.conf >= 0.2 {
                findings.add(rule.tactic, rule.conf, evidence(text, s, e, rule.reason));
            }
            self.count(families, rule.step, (s, e), rule.conf);
        }
    }

    /// Promised rates of return by shape ("每天稳定收益2%"): the lure of investment and
    /// task scams, however the words around it run.
    pub(crate) fn add_returns(
        &mut self,
        text: &str,
        folded: &Folded<'_>,
        ctx: &Context,
        findings: &mut Findings,
    ) {
        for (fs, fe) in fold::promised_returns(&folded.text) {
            let (s, e) = folded.original(text, fs, fe);
            if ctx.warned(s) {
                continue;
            }
            findings.add(
                Tactic::TooGoodToBeTrue,
                0.6,
                evidence(text, s, e, ReasonCode::TooGoodReturns),
            );
            self.count(
                scripts::INVESTMENT | scripts::TASK,
                Step::Pressure,
                (s, e),
                0.6,
            );
        }
    }

    /// The first span of the callback family's ask, after which a number to call should
    /// follow.
    pub(crate) fn callback_ask(&self) -> Option<(usize, usize)> {
        FAMILIES
            .iter()
            .position(|f| f.0 == scripts::CALLBACK)
            .and_then(|i| self.spans[i][slot(Step::Ask)])
    }

    /// The script: two steps of one family, carried by more than everyday words
    /// (`marketing` needs more, its own words read as steps). Fake police, fake service
    /// and callback phishing must ask for something (a callback needs `phone`, a number
    /// to call that is not official); a loan must ask for a fee or come from a caller
    /// introducing themselves. A text `about_scams` describes scripts rather than running
    /// one.
    ///
    /// In a `long` text (a newsletter, a list post, a discussion) the steps must also be
    /// near each other: a pretext in one paragraph and an everyday ask three paragraphs
    /// later are two topics, not a script. A parent or a boss only addressed by name
    /// ("爸，", "陳總：") with everyday money words ("学费", "报销", "WhatsApp") and no
    /// pressure but politeness ("麻烦你帮忙") is family or office chat: the sender must claim who they are, press, or
    /// really ask for money.
    pub(crate) fn best(
        &self,
        text: &str,
        about_scams: bool,
        marketing: bool,
        phone: bool,
        long: bool,
    ) -> Option<Script> {
        // A neighbour of the reader's group, with no money or link: no script.
        if community_intro(text) {
            return None;
        }
        let needed = if marketing { 1.2 } else { 0.6 };
        let mut script: Option<Script> = None;
        for (i, &bits) in self.steps.iter().enumerate() {
            let n = bits.count_ones();
            let (family, _, _) = FAMILIES[i];
            let weight: f32 = self.weight[i].iter().sum();
            // A callback is judged by its shape (all three steps and a number), not by words.
            // The new-number story told in full, to a relative addressed by name.
            let story = family == scripts::ACQUAINTANCE
                && bits == Step::Pretext as u8
                && self.accident
                && self.claims() >= CLAIMS
                && !marketing
                && !long
                && self.weight[i][slot(Step::Pretext)] >= STORY
                && !borrowed_only(text);
            let n = if story { 2 } else { n };
            let enough = if family == scripts::CALLBACK {
                n == 3
            } else {
                n >= 2 && (weight >= needed || story)
            };
            if !enough
                || about_scams
                || (family & (scripts::AUTHORITY | scripts::SERVICE | scripts::CALLBACK) != 0
                    && bits & Step::Ask as u8 == 0
                    && !(family == scripts::AUTHORITY && self.hushed))
                || (family == scripts::CALLBACK && !phone)
                // A loan advertised is not one offered by a caller who then asks for a fee.
                || (family == scripts::LOAN && bits & Step::Ask as u8 == 0 && !self.intro)
                || (family == scripts::ACQUAINTANCE
                    && self.peak[i][slot(Step::Pressure)] < POLITE
                    && self.addressed
                    && !self.intro
                    && self.claimed < CLAIMED
                    && self.peak[i][slot(Step::Ask)] < WEAK_ASK)
                || (family == scripts::ACQUAINTANCE && usual_account(text))
                || (long && !self.near(i, text))
                || script.is_some_and(|b| b.steps > n || (b.steps == n && b.weight >= weight))
            {
                continue;
            }
            script = Some(Script {
                family: i,
                steps: n,
                weight,
            });
        }
        script.or_else(|| self.lone(text, about_scams || marketing || long))
    }

    /// How many separate claims the acquaintance's pretexts make: the most spans that
    /// do not overlap ("Dad", "it's me" and "Dad, it's" are two claims, not three).
    fn claims(&self) -> usize {
        let mut spans = self.told.clone();
        spans.sort_unstable_by_key(|&(s, e)| (e, s));
        let mut end = 0;
        let mut n = 0;
        for (s, e) in spans {
            if s >= end {
                n += 1;
                end = e;
            }
        }
        n
    }

    /// One strong ask as the script of a short direct text: a scam DM needs no pretext
    /// to ask for a one-time code or the seed words, and nobody else asks for them.
    /// Texts about scams, marketing and long texts describe or quote such asks.
    fn lone(&self, text: &str, describes: bool) -> Option<Script> {
        let (families, weight) = self.lone?;
        if describes || text.chars().count() > SHORT {
            return None;
        }
        // Fake support first: the family that asks for codes, seeds and access.
        let family = FAMILIES
            .iter()
            .position(|f| f.0 == scripts::SERVICE && families & scripts::SERVICE != 0)
            .or_else(|| FAMILIES.iter().position(|f| families & f.0 != 0))?;
        Some(Script {
            family,
            steps: 2,
            weight,
        })
    }

    /// Whether the first spans of family `i`'s steps lie within [`NEAR`] characters.
    fn near(&self, i: usize, text: &str) -> bool {
        let spans = self.spans[i].iter().flatten();
        let start = spans.clone().map(|s| s.0).min();
        let end = spans.map(|s| s.1).max();
        match (start, end) {
            (Some(s), Some(e)) => text.get(s..e).is_none_or(|t| t.chars().count() <= NEAR),
            _ => true,
        }
    }

    /// Shows the script under its family's tactic: named once, on its first step (the
    /// steps' own evidence follows), and raising the tactic's confidence.
    pub(crate) fn name(&self, script: Script, text: &str, findings: &mut Findings) {
        let (_, reason, tactic) = FAMILIES[script.family];
        findings.boost(tactic, 0.5);
        if let Some(&(s, e)) = self.spans[script.family].iter().flatten().min() {
            findings.note(tactic, evidence(text, s, e, reason));
        }
    }
}

/// Things sent between family and colleagues that are no money: named right after an
/// ask to send ("can you send me the photos"), they make it no payment.
const NOT_MONEY: &[&str] = &[
    "photo",
    "photos",
    "pic",
    "pics",
    "picture",
    "pictures",
    "video",
    "videos",
    "link",
    "links",
    "recipe",
    "file",
    "files",
    "wifi",
    "wi-fi",
    "address",
    "location",
    "screenshot",
    "notes",
    "list",
    "slides",
    "agenda",
    "doc",
    "docs",
    "document",
    "documents",
    "schedule",
    "menu",
];

/// Whether the words just after an ask to send name a thing of [`NOT_MONEY`], within
/// its object ("me the", "us your", "over the").
fn sends_no_money(after: &str) -> bool {
    after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_lowercase)
        .take_while(|w| !matches!(w.as_str(), "and" | "or" | "to" | "for" | "so"))
        .any(|w| NOT_MONEY.contains(&w.as_str()))
}

/// Groups a neighbour belongs to, met in person: the sender introduces herself as one of
/// the reader's ("it's Priya from the choir").
const COMMUNITY: &[&str] = &[
    "book club",
    "running club",
    "walking club",
    "cycling club",
    "choir",
    "church",
    "parish",
    "allotment",
    "parkrun",
    "pta",
    "residents' association",
    "residents association",
    "neighbourhood watch",
    "neighborhood watch",
];

/// What a grooming opener turns to, unlike a neighbour's message: money, trading and
/// links.
const MONEY_WORDS: &[&str] = &[
    "$", "£", "€", "invest", "trading", "trade", "crypto", "bitcoin", "btc", "usdt", "profit",
    "http", "www", "loan", "pay", "money", "send",
];

/// Whether a short text introduces its sender by a community group of the reader's
/// ("it's Sarah from the book club", "this is Tom from the running club") and names no
/// money, trading or link: a neighbour moving the group's chat to an app, whose
/// "add you on WhatsApp" and "got your number from Linda" run no script.
fn community_intro(text: &str) -> bool {
    if text.chars().count() > SHORT {
        return false;
    }
    let lower = text.to_lowercase().replace('’', "'");
    let introduced = ["it's ", "this is ", "it is "].iter().any(|intro| {
        lower.match_indices(intro).any(|(p, _)| {
            let after = &lower[p + intro.len()..];
            let head: String = after.chars().take(40).collect();
            head.find(" from the ")
                .or_else(|| head.find(" from "))
                .is_some_and(|f| {
                    let group = &head[f..];
                    COMMUNITY.iter().any(|c| group.contains(c))
                })
        })
    });
    introduced
        && !MONEY_WORDS.iter().any(|w| {
            lower
                .match_indices(w)
                .any(|(p, _)| !w.chars().all(char::is_alphabetic) || word_start(&lower, p))
        })
}

/// Whether byte `p` of `s` starts a word.
fn word_start(s: &str, p: usize) -> bool {
    s[..p]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The account a relative always pays into ("same account as always", "the usual
/// account"): the new-number story needs a new one.
const USUAL_ACCOUNT: &[&str] = &[
    "same account",
    "usual account",
    "same bank details",
    "usual bank details",
    "same details as last time",
    "same details as always",
];

/// What the story needs that a payment to the usual account lacks: a new phone or
/// account, or its hurry.
const STORY_WORDS: &[&str] = &[
    "new number",
    "new phone",
    "new account",
    "new bank",
    "urgent",
    "asap",
    "right now",
    "immediately",
];

/// Whether a relative's ask for money goes to the account the reader always pays
/// ("transfer me the £40 like we said, same account as always"), with no new phone,
/// new account or hurry: the acquaintance script does not run.
fn usual_account(text: &str) -> bool {
    let lower = text.to_lowercase();
    USUAL_ACCOUNT.iter().any(|w| lower.contains(w))
        && !STORY_WORDS.iter().any(|w| lower.contains(w))
}

/// Someone's phone, in both scripts and Cantonese ("室友的手机", "阿芝部電話"): borrowed
/// when it is not the sender's own nor the reader's (see [`borrowed_only`]).
const PHONE_OF: &[&str] = &[
    "的手机",
    "的手機",
    "嘅手机",
    "嘅手機",
    "的电话",
    "的電話",
    "嘅电话",
    "嘅電話",
    "部电话",
    "部電話",
    "部机",
    "部機",
];

/// Whose phone it is not: the sender's, the reader's, a new or old one.
const NOT_BORROWED: &[char] = &[
    '我', '你', '您', '新', '旧', '舊', '个', '個', '一', '呢', '这', '這',
];

/// Phones borrowed in so many words ("用緊阿芝部電話", "借用同事手机").
const BORROWING: &[&str] = &["用紧", "用緊", "借用"];

/// A new channel claimed as the sender's own, or asked to be kept ("这是我新号码",
/// "換咗新號碼", "存一下", "加我新LINE", "舊的不用了"): what the new-number story sets up.
const NEW_CHANNEL: &[&str] = &[
    "新号",
    "新號",
    "新手机号",
    "新手機號",
    "换号",
    "換號",
    "换了号",
    "換了號",
    "新电话",
    "新電話",
    "新微信",
    "新line",
    "新LINE",
    "新Line",
    "新whatsapp",
    "新WhatsApp",
    "新帐号",
    "新账号",
    "新賬號",
    "新帳號",
    "存一下",
    "存低",
    "存起来",
    "存起來",
    "加我",
    "旧号",
    "舊號",
    "旧的",
    "舊的",
    "不用了",
];

/// Whether the sender writes from a borrowed phone and claims no new channel
/// ([`PHONE_OF`], [`BORROWING`], [`NEW_CHANNEL`]): a relative's one message from a friend's phone,
/// which sets up nothing to ask through later.
fn borrowed_only(text: &str) -> bool {
    let someones = PHONE_OF.iter().any(|w| {
        text.match_indices(w).any(|(p, _)| {
            text[..p]
                .chars()
                .next_back()
                .is_some_and(|c| !NOT_BORROWED.contains(&c) && !c.is_ascii_punctuation())
        })
    });
    (someones || BORROWING.iter().any(|w| text.contains(w)))
        && !NEW_CHANNEL.iter().any(|w| text.contains(w))
}

/// Negations that turn a word of hurry into its opposite, in both scripts and Cantonese
/// ("别着急", "不用急", "唔使急", "冇咁急").
const CALMING: &[&str] = &[
    "别", "別", "不用", "不必", "无需", "無需", "不须", "不須", "唔使", "唔駛", "唔洗", "不", "没",
    "沒", "冇", "唔", "不是", "唔係", "唔系",
];

/// Words that end in a character of [`CALMING`] and deny nothing ("特别着急" presses).
const NOT_CALMING: &[&str] = &[
    "特别",
    "特別",
    "分别",
    "分別",
    "区别",
    "區別",
    "个别",
    "個別",
    "级别",
    "級別",
    "类别",
    "類別",
    "差别",
    "差別",
    "识别",
    "識別",
    "告别",
    "告別",
    "性别",
    "性別",
    "不得不",
    "要不",
];

/// Whether the text just before a word of hurry denies it ("付款的事等周一，别着急",
/// "唔使咁急", "不是很急"; not "特别着急").
fn calmed(before: &str) -> bool {
    let before = before.trim_end_matches(['太', '咁', '很', '那', '么', '麼']);
    CALMING.iter().any(|w| before.ends_with(w)) && !NOT_CALMING.iter().any(|w| before.ends_with(w))
}

/// Whether the role word at `s..e` ("老闆", "阿媽") is followed by a verb of saying
/// ("老闆說下週發獎金", "領導表示…"): someone talked about in the third person, not the
/// sender's claim of who he is ("我是你老闆" stays a claim).
fn talked_about(text: &str, s: usize, e: usize) -> bool {
    const SAYS: &[&str] = &["说", "說", "话", "話", "讲", "講", "表示", "提到"];
    const CLAIMS: &[&str] = &["是", "係", "系"];
    let before = text[..s].trim_end_matches(['你', '您', '的', '嘅']);
    SAYS.iter().any(|w| text[e..].starts_with(w)) && !CLAIMS.iter().any(|w| before.ends_with(w))
}

/// Whether a step phrase asks the reader to buy something ("帮我买").
fn buys(phrase: &str) -> bool {
    phrase.contains(['买', '買'])
}

/// Whether the words after an ask to buy close a noun phrase of what money was for,
/// within a few characters of its clause ("係你幫我買藥嘅錢", "你帮我买机票的钱我转回去
/// 了"): the purchase is named as done, not asked for.
fn money_for(after: &str) -> bool {
    let clause = &after[..after
        .find(|c: char| "，,。！!？?；;：:\n".contains(c))
        .unwrap_or(after.len())];
    let near = &clause[..clause.floor_char_boundary(8 * '钱'.len_utf8())];
    ["嘅錢", "嘅钱", "的錢", "的钱", "嘅數", "嘅数"]
        .iter()
        .any(|w| {
            near.match_indices(w).any(|(p, _)| {
                // "畀你嘅錢包": a wallet, not money.
                !clause[p + w.len()..].starts_with(['包', '庄', '莊'])
            })
        })
}
