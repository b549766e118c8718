//! Classic SMS spam by the marks of its trade rather than by its wording (issue 11): a
//! premium-rate or reverse-billed service, a mobile-content club, a prize to claim.
//!
//! One mark alone is everyday text (a price per day, "Reply YES", "18+", a ringtone, "you
//! won"); the service is two marks of different classes together:
//!
//! - **strong marks**, each already a sign of a paid service: a small charge per unit
//!   ([`premium::charges`]), a keyword to a short code ([`premium::short_codes`]), a
//!   premium-rate or personal (UK 070) number, a club ended by its own code ("End? Reply
//!   END SPTV", [`premium::service_stops`]);
//! - **weak marks**, the rest of such a message: a keyword to send back in capitals
//!   ([`premium::reply_keywords`]), the footer the regulator asks for (a PO box, an age
//!   limit, a helpline, "stop to end", a "FreeMsg" header), a lure (content, chat, prize
//!   words), a shared-cost number, a stranger who claims to know the reader ("I've found
//!   your number again!"), a quiz's prompt ("Correct or Incorrect?").
//!
//! Two strong marks, or one strong and one weak, make a service; so do a premium-rate
//! number with a word of calling, a content noun with a subscription term ("Ringtone
//! Club", "polys … every week"), and a prize said to be the reader's ("your mobile has
//! won", "u hav been chosen 2 receive £1500") with a way to claim it and somewhere to
//! claim it (a number, a code, an address, a link, a PO box).
//!
//! Words are read after text speak is normalised (`u`→you, `ur`→your, `2`→to, `4`→for,
//! `txt`→text, `mob`→mobile…), so one class entry serves every spelling.

use indicator::{Indicator, LineType};

use crate::extract::region_hint;
use crate::premium;
use crate::{Found, ReasonCode, Tactic};

mod offers;

/// Text speak and the word it stands for.
const SPEAK: &[(&str, &str)] = &[
    ("u", "you"),
    ("ya", "you"),
    ("ur", "your"),
    ("yr", "your"),
    ("r", "are"),
    ("hav", "have"),
    ("av", "have"),
    ("4", "for"),
    ("2", "to"),
    ("b4", "before"),
    ("txt", "text"),
    ("xt", "text"),
    ("txting", "texting"),
    ("msg", "message"),
    ("msgs", "messages"),
    ("mob", "mobile"),
    ("fone", "phone"),
    ("wk", "week"),
    ("wkly", "weekly"),
    ("nite", "night"),
    ("2nite", "tonight"),
    ("2day", "today"),
    ("2moro", "tomorrow"),
    ("pls", "please"),
    ("plz", "please"),
    ("gr8", "great"),
    ("frm", "from"),
    ("ans", "answer"),
    ("n", "and"),
    ("recd", "received"),
    ("rcvd", "received"),
    ("congrats", "congratulations"),
    ("num", "number"),
    ("tel", "telephone"),
];

/// The reader, as the owner of a prize ("you", "your mobile", "ur no.").
const YOU: &[&str] = &["you", "your", "yours"];

/// A prize said to be won.
const WON: &[&str] = &[
    "won",
    "winner",
    "winners",
    "winning",
    "awarded",
    "unclaimed",
    "unredeemed",
];

/// Chosen for something, which is a prize only next to a prize noun.
const CHOSEN: &[&str] = &[
    "selected",
    "chosen",
    "picked",
    "entitled",
    "eligible",
    "qualify",
    "guaranteed",
    "due",
];

/// Words before a word of choosing that make the reader the one chosen.
const PASSIVE: &[&str] = &[
    "been",
    "are",
    "is",
    "was",
    "were",
    "be",
    "re",
    "m",
    "s",
    "being",
    "get",
    "got",
    "specially",
    "randomly",
    "maybe",
    "now",
    "also",
    "today",
    "just",
    "you",
];

/// Things given as prizes.
const PRIZE: &[&str] = &[
    "winner", "prize", "prizes", "cash", "award", "reward", "rewards", "voucher", "vouchers",
    "holiday", "cruise", "bonus", "gift", "jackpot", "lottery", "draw", "points",
];

/// Claiming a prize.
const CLAIM: &[&str] = &[
    "claim",
    "claims",
    "claiming",
    "collect",
    "collection",
    "redeem",
    "accept",
    "receive",
    "identifier",
];

/// What a mobile-content club sells.
const CONTENT: &[&str] = &[
    "ringtone",
    "ringtones",
    "tone",
    "tones",
    "poly",
    "polys",
    "polyphonic",
    "wallpaper",
    "wallpapers",
    "logo",
    "logos",
    "videosound",
    "videosounds",
    "wap",
    // "mobile content": see `content_noun`.
    "content",
];

/// Terms of a subscription or an order of content.
const SUBSCRIPTION: &[&str] = &[
    "club",
    "weekly",
    "order",
    "ordered",
    "credit",
    "credits",
    "subscription",
    "subscriber",
    "subscribers",
    "members",
    "download",
    "unsubscribe",
    "renewed",
    "received",
    "receive",
    "receiving",
    "recieve",
];

/// What a club sends besides content, named where it is ended.
const NOTICES: &[&str] = &["alerts", "notifications", "updates"];

/// Lures of paid services: content, chat and dating, prizes and offers. Everyday words
/// alone; they count only beside a strong mark.
const LURE: &[&str] = &[
    "video",
    "videos",
    "vid",
    "vids",
    "pic",
    "pics",
    "game",
    "games",
    "chat",
    "chatting",
    "date",
    "dates",
    "dating",
    "singles",
    "flirt",
    "flirting",
    "sexy",
    "sex",
    "xxx",
    "girls",
    "babes",
    "horny",
    "naughty",
    "dogging",
    "adult",
    "win",
    "won",
    "winner",
    "prize",
    "cash",
    "voucher",
    "award",
    "holiday",
    "cruise",
    "free",
    "bonus",
    "competition",
    "comp",
    "quiz",
    "draw",
    "reward",
    "offer",
    "offers",
    "upgrade",
];

/// Words of calling, which make a premium-rate number something to call.
const CALL: &[&str] = &[
    "call",
    "calling",
    "ring",
    "dial",
    "phone",
    "telephone",
    "missed",
    "voicemail",
    "contact",
];

/// The footer of a premium service (ASCII, lowercase): a PO box, an age limit, a
/// helpline, the ways to end it.
const FOOTER: &[&str] = &[
    "po box",
    "pobox",
    "p.o. box",
    "p.o box",
    "16+",
    "18+",
    "18 +",
    "over 18s",
    "over 16s",
    "18 only",
    "age16",
    "age 16",
    "age18",
    "stop to end",
    "end service",
    "call2optout",
    "billing msg",
    "subscription",
    "helpline",
    "helpdesk",
    "help desk",
    "cust care",
    "stop this service",
    "from this service",
    "end this service",
    // The header the regulator asks of a service's messages that cost nothing.
    "free msg",
    "freemsg",
];

/// Handsets offered unasked ("latest camera phones 4 free", "new video handset").
const HANDSET: &[&str] = &[
    "upgrade",
    "upgrading",
    "latest",
    "camera",
    "colour",
    "handset",
    "handsets",
    "mobiles",
    "phones",
    "bluetooth",
    "camcorder",
];

/// The plan that comes with them ("750 anytime mins", "half price line rental").
const PLAN: &[&str] = &[
    "mins",
    "minutes",
    "txts",
    "texts",
    "rental",
    "linerental",
    "tariff",
    "tariffs",
];

/// Terms and conditions: in a service's footer, but in any shop's too, so no evidence.
const TERMS: &[&str] = &["t&c", "t&cs", "ts&cs", "tscs", "tncs"];

/// Adult lures: with a keyword to send or a service's footer, an adult chat line.
const ADULT: &[&str] = &[
    "sex", "sexy", "sexychat", "dogging", "xxx", "horny", "naughty", "filthy", "explicit", "adult",
];

/// A word of the text: its byte span and its normalised form.
struct Word<'t> {
    start: usize,
    end: usize,
    norm: &'t str,
}

/// The words of `lower` (the text in ASCII lowercase): runs of ASCII letters and digits,
/// text speak read as the word it stands for. A negative contraction is read whole
/// ("won't" is no "won").
fn words(lower: &str) -> Vec<Word<'_>> {
    runs(lower, u8::is_ascii_alphanumeric)
        .map(|(start, end)| {
            let w = &lower[start..end];
            let contracted = ["'t", "\u{2019}t"].iter().find_map(|c| {
                let after = lower.get(end..)?.strip_prefix(c)?;
                (!after.starts_with(|ch: char| ch.is_ascii_alphanumeric()))
                    .then(|| &lower[start..end + c.len()])
            });
            let norm = contracted
                .unwrap_or_else(|| SPEAK.iter().find(|(k, _)| *k == w).map_or(w, |&(_, v)| v));
            Word { start, end, norm }
        })
        .collect()
}

/// The byte spans of the maximal runs of bytes of `text` that `keep` accepts.
fn runs(text: &str, keep: fn(&u8) -> bool) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !keep(&b[i]) {
            i += 1;
        }
        let s = i;
        while i < b.len() && keep(&b[i]) {
            i += 1;
        }
        (i > s).then_some((s, i))
    })
}

/// What made a message a paid service or a prize claim: spans with the tactic and reason
/// they are evidence of, and a confidence.
pub(crate) type Mark = (usize, usize, Tactic, ReasonCode, f32);

/// How many words before a prize word its owner may stand ("your mobile number has won").
const OWNER_REACH: usize = 5;

/// The longest text read for these marks, in bytes: an SMS (a long one of several parts)
/// is shorter; in newsletters and discussions the marks meet by chance, and the bound
/// keeps the cost of the word tables small.
pub(crate) const MAX_SMS_BYTES: usize = 1000;

/// The marks of a premium service or a prize claim in `text`, when they make one; empty
/// otherwise, and for texts of [`MAX_SMS_BYTES`] or more. `sms`: the text is no email,
/// where offers are also read by their register ([`offers`]). `warned` says whether a position is warned against ("if you reply you
/// get premium rate msgs"): a mark there does not count.
pub(crate) fn marks(
    text: &str,
    indicators: &[Found<'_>],
    sms: bool,
    warned: impl Fn(usize) -> bool,
) -> Vec<Mark> {
    if text.len() >= MAX_SMS_BYTES {
        return Vec::new();
    }
    let lower = text.to_ascii_lowercase();
    let words = words(&lower);
    let has = |class: &[&str]| words.iter().find(|w| class.contains(&w.norm));
    let keep = |v: Vec<(usize, usize)>| -> Vec<(usize, usize)> {
        v.into_iter().filter(|&(s, _)| !warned(s)).collect()
    };

    // An email's prices per unit are a shop's (see `actions::premium_rate`).
    let charges = keep(if sms {
        premium::charges(text)
    } else {
        Vec::new()
    });
    let codes = keep(if sms {
        premium::short_codes(text)
    } else {
        Vec::new()
    });
    let stops = keep(premium::service_stops(text));
    let keywords = keep(premium::reply_keywords(text));
    let line = |f: &Found<'_>| match &f.verification.indicator {
        Some(Indicator::Phone(p)) => Some(p.line_type()),
        _ => None,
    };
    let mut premium_numbers: Vec<(usize, usize)> = indicators
        .iter()
        .filter(|f| {
            matches!(
                line(f),
                Some(LineType::PremiumRate | LineType::PersonalNumber)
            ) && !warned(f.start)
        })
        .map(|f| (f.start, f.end))
        .collect();
    premium_numbers.extend(
        unread_numbers(text, PREMIUM_PREFIXES)
            .into_iter()
            .filter(|&(s, _)| !warned(s) && !indicators.iter().any(|f| f.start <= s && s < f.end)),
    );
    let shared = indicators
        .iter()
        .any(|f| line(f) == Some(LineType::SharedCost));
    let shared_unread = !unread_numbers(text, SHARED_COST_PREFIXES).is_empty();
    let footer = FOOTER.iter().chain(TERMS).any(|f| lower.contains(f));

    // A keyword to send back under the regulator's footer or beside a lure ("For a FREE
    // link just reply with SING"): how a service is joined. An adult lure with either.
    let lure = has(LURE).is_some();
    // A menu choice ("Reply C to confirm") is no word to join by beside a lure.
    let word_keyword = keywords.iter().any(|&(s, e)| e - s >= 2);
    // "Free" alone is how carriers' own codes say they cost nothing ("text USAGE to 4444,
    // free"), no lure to join by.
    let lure_not_free = words
        .iter()
        .any(|w| LURE.contains(&w.norm) && w.norm != "free");
    let joined = (!keywords.is_empty() && footer)
        || (word_keyword && lure_not_free)
        || (has(ADULT).is_some() && (!keywords.is_empty() || footer));
    // A message billed at a premium rate is the service's own billing line: a second
    // strong mark besides its charge.
    let message_charged = sms
        && premium::message_charges(text)
            .into_iter()
            .any(|(s, _)| !warned(s));
    let strong = usize::from(!charges.is_empty())
        + usize::from(message_charged)
        + usize::from(!codes.is_empty())
        + usize::from(!premium_numbers.is_empty())
        + usize::from(!stops.is_empty());
    // The opt-out line of a bulk sender is its register too ("text stop to 61610 to
    // unsubscribe" under a premium helpline); so are a stranger who claims to know the
    // reader ("I've found your number again!") and a quiz's prompt ("Correct or
    // Incorrect?").
    let weak = !keywords.is_empty()
        || footer
        || shared
        || lure
        || premium::opt_out_line(text)
        || offers::any_seq(&words, offers::PAGER)
        || offers::any_seq(&words, offers::QUIZ_PROMPTS)
        // A club ended by its code names what it sends ("2 end bid alerts reply END BIDS").
        || (!stops.is_empty() && has(&[SUBSCRIPTION, NOTICES].concat()).is_some());
    let to_call = !premium_numbers.is_empty() && has(CALL).is_some();
    let content = content_noun(&words)
        .filter(|_| has(SUBSCRIPTION).is_some())
        .filter(|w| !warned(w.start));
    // A handset and a plan offered with a number to call: the unsolicited upgrade.
    let handset = has(HANDSET)
        .filter(|_| has(PLAN).is_some() && has(CALL).is_some() && digit_run(&lower, 10))
        .filter(|w| !warned(w.start));
    let prize = prize_claim(text, &lower, &words, indicators).filter(|p| !warned(p.0.0));
    // Classic spam without any of the marks above: an offer, an act and its register.
    let owned = owned_prize(text, &lower, &words)
        .or_else(|| offers::is_yours(&words))
        .map(|w| (w.start, w.end));
    let offer = offers::offer(
        &offers::Input {
            text,
            lower: &lower,
            words: &words,
            keyword: !keywords.is_empty(),
            money: !charges.is_empty() || amount(text),
            opt_out: premium::opt_out_line(text),
            shared_cost: shared || shared_unread,
        },
        owned,
    )
    .filter(|o| sms && !warned(o.what.0) && !warned(o.act.start));

    let mut out: Vec<Mark> = Vec::new();
    if strong >= 2 || (strong == 1 && weak) || to_call || joined || content.is_some() {
        let premium = |(s, e): (usize, usize), conf| {
            (
                s,
                e,
                Tactic::PaymentInstruction,
                ReasonCode::PaymentPremiumRate,
                conf,
            )
        };
        out.extend(charges.iter().map(|&span| premium(span, 0.5)));
        out.extend(codes.iter().map(|&span| premium(span, 0.4)));
        out.extend(premium_numbers.iter().map(|&span| premium(span, 0.5)));
        out.extend(stops.iter().map(|&span| premium(span, 0.4)));
        out.extend(keywords.iter().map(|&(s, e)| {
            (
                s,
                e,
                Tactic::PaymentInstruction,
                ReasonCode::CallToAction,
                0.3,
            )
        }));
        if let Some(w) = content {
            out.push(premium((w.start, w.end), 0.4));
        }
        // The footer is the service's own words ("stop this service", "18+", "PO Box").
        if let Some((s, f)) = FOOTER
            .iter()
            .filter_map(|f| lower.find(f).map(|s| (s, f)))
            .min()
        {
            out.push(premium((s, s + f.len()), 0.3));
        }
        if let Some(w) = has(ADULT).filter(|_| joined) {
            out.push((w.start, w.end, Tactic::Baiting, ReasonCode::BaitPrize, 0.4));
        }
    }
    // A stock tipped to soar, sent to anyone: the pump of a pump-and-dump.
    if let Some((s, e)) = stock_tip(&lower, &words).filter(|&(s, _)| sms && !warned(s)) {
        out.push((
            s,
            e,
            Tactic::TooGoodToBeTrue,
            ReasonCode::TooGoodReturns,
            0.6,
        ));
    }
    if let Some(w) = handset {
        out.push((
            w.start,
            w.end,
            Tactic::Baiting,
            ReasonCode::BaitGiveaway,
            0.5,
        ));
    }
    if let Some(((ps, pe), (cs, ce))) = prize {
        out.push((ps, pe, Tactic::Baiting, ReasonCode::BaitPrize, 0.8));
        out.push((cs, ce, Tactic::Baiting, ReasonCode::CallToAction, 0.5));
    } else if let Some(o) = offer {
        let reason = if o.prize {
            ReasonCode::BaitPrize
        } else {
            ReasonCode::BaitGiveaway
        };
        let conf = if o.prize { 0.8 } else { 0.6 };
        out.push((o.what.0, o.what.1, Tactic::Baiting, reason, conf));
        out.push((
            o.act.start,
            o.act.end,
            Tactic::Baiting,
            ReasonCode::CallToAction,
            0.5,
        ));
    }
    out
}

/// Words of a listed share ("Nasdaq symbol CDGT", "penny shares").
const STOCK: &[&str] = &[
    "stock", "stocks", "shares", "symbol", "ticker", "nasdaq", "nyse", "otc", "otcbb", "penny",
];

/// Verbs and adverbs of a price rising ("set to soar 400%", "up over 300%").
const RISE: &[&str] = &[
    "up",
    "soar",
    "soars",
    "soaring",
    "jump",
    "jumps",
    "jumping",
    "rise",
    "rises",
    "rising",
    "climb",
    "climbs",
    "climbing",
    "explode",
    "explodes",
    "exploding",
    "rocket",
    "rockets",
    "skyrocket",
    "surge",
    "surges",
    "surging",
    "gain",
    "gains",
];

/// How a tip is pitched: picked for members, a rise still to come ("set to", "get in
/// before"), a rating ("strong buy"). A broker's price alert reports a move, and pitches
/// nothing.
const TIPPED: &[&[&str]] = &[
    &["pick"],
    &["picks"],
    &["tip"],
    &["tips"],
    &["explosive"],
    &["members"],
    &["insider"],
    &["strong", "buy"],
    &["set", "to"],
    &["about", "to"],
    &["expected", "to"],
    &["get", "in"],
];

/// How many words a rise may stand before its percentage ("up over 300%").
const RISE_REACH: usize = 3;

/// A stock tipped to rise by 100 % or more: a word of a listed share, a rise of at least
/// a hundred per cent, and the pitch of a tip (see [`TIPPED`]). The span runs from the
/// rise to its percentage.
fn stock_tip(lower: &str, words: &[Word<'_>]) -> Option<(usize, usize)> {
    if !words.iter().any(|w| STOCK.contains(&w.norm)) || !offers::any_seq(words, TIPPED) {
        return None;
    }
    words.iter().enumerate().find_map(|(i, w)| {
        let big = w.norm.len() <= 6 && w.norm.parse::<u32>().is_ok_and(|n| n >= 100);
        let percent = lower[w.end..].starts_with('%')
            || lower[w.end..].starts_with(" %")
            || words.get(i + 1).is_some_and(|n| n.norm == "percent");
        if !big || !percent {
            return None;
        }
        let rise = words[i.saturating_sub(RISE_REACH)..i]
            .iter()
            .find(|r| RISE.contains(&r.norm) && !sentence_between(lower, r.end, w.start))?;
        let end = lower[w.end..].find('%').map_or(w.end, |p| w.end + p + 1);
        Some((rise.start, end))
    })
}

/// British premium-rate (090, 091, 0871–0873) and personal (070) numbers.
const PREMIUM_PREFIXES: &[&str] = &["090", "091", "0871", "0872", "0873", "070"];

/// British shared-cost numbers whose caller pays the owner a share (0842–0845, 0870):
/// how a holiday or a cheap-call offer is booked, no premium rate by itself.
const SHARED_COST_PREFIXES: &[&str] = &["0842", "0843", "0844", "0845", "0870"];

/// British numbers starting with one of `prefixes` as written, for those the phone parser
/// did not read (the caller drops the others): glued to their rate or to a word ("call
/// 0871277810910p/min", "Help08718728876", "08704439680Ts&Cs"), in groups or in one run
/// in a text that declares no country ("call me on 09098 123 456", "07008009200"): 11
/// digits (a glued run may go on with the pence of the rate, `p` after 12 to 14 digits).
/// Not in a text that declares another country (an Indian mobile is written 09…). The
/// span is the number.
fn unread_numbers(text: &str, prefixes: &[&str]) -> Vec<(usize, usize)> {
    if matches!(region_hint(text), Some(r) if r != "GB") {
        return Vec::new();
    }
    let b = text.as_bytes();
    let premium = |digits: &str| prefixes.iter().any(|p| digits.starts_with(p));
    // A group follows at `end` when one space or dash separates it.
    let next_group = |end: usize, next: Option<&(usize, usize)>| {
        next.is_some_and(|&(ns, _)| ns == end + 1 && matches!(b[end], b' ' | b'-'))
    };
    let runs: Vec<(usize, usize)> = runs(text, u8::is_ascii_digit).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < runs.len() {
        let (s, e) = runs[k];
        let run = &text[s..e];
        let with_rate = (12..=14).contains(&run.len()) && b.get(e) == Some(&b'p');
        if premium(run) && (run.len() == 11 || with_rate) {
            out.push((s, s + 11));
            k += 1;
            continue;
        }
        // Groups: "09098 123 456", "0871-222-5100".
        let mut digits = run.to_owned();
        let mut end = e;
        let mut m = k + 1;
        while digits.len() < 11 && next_group(end, runs.get(m)) {
            let (ns, ne) = runs[m];
            digits.push_str(&text[ns..ne]);
            end = ne;
            m += 1;
        }
        if m > k + 1 && digits.len() == 11 && premium(&digits) && !next_group(end, runs.get(m)) {
            out.push((s, end));
            k = m;
        } else {
            k += 1;
        }
    }
    out
}

/// The first word of content sold by a club ("ringtone", "polys"); "content" only as
/// "mobile content".
fn content_noun<'w, 't>(words: &'w [Word<'t>]) -> Option<&'w Word<'t>> {
    words.iter().enumerate().find_map(|(i, w)| {
        let sold = CONTENT.contains(&w.norm)
            && (w.norm != "content" || i > 0 && words[i - 1].norm == "mobile");
        sold.then_some(w)
    })
}

/// How many words after a word of claiming the reader's prize may stand ("to claim ur
/// med holiday").
const CLAIMED_REACH: usize = 4;

/// A prize said to be the reader's, a word of claiming it and somewhere to claim it:
/// the spans of the prize word and of the claim word.
fn prize_claim(
    text: &str,
    lower: &str,
    words: &[Word<'_>],
    indicators: &[Found<'_>],
) -> Option<((usize, usize), (usize, usize))> {
    let owned = owned_prize(text, lower, words)?;
    // The word of claiming as evidence ("claim", "collect"), else of receiving.
    let claim = CLAIM
        .iter()
        .find_map(|c| words.iter().find(|w| w.norm == *c))?;
    let somewhere = !indicators.is_empty()
        || lower.contains("po box")
        || lower.contains("pobox")
        || lower.bytes().filter(u8::is_ascii_digit).count() >= 4 && digit_run(lower, 4)
        || (lower.contains('@') && lower.contains('.'));
    somewhere.then_some(((owned.start, owned.end), (claim.start, claim.end)))
}

/// A prize said to be the reader's: won by "you" or "your mobile" a few words before,
/// or chosen for a prize named in the text ("u have been selected 2 receive £900"), or
/// claimed as "your prize". The word that says so.
fn owned_prize<'w, 't>(text: &str, lower: &str, words: &'w [Word<'t>]) -> Option<&'w Word<'t>> {
    let prize_noun = words.iter().any(|w| PRIZE.contains(&w.norm)) || amount(text);
    let owned = words.iter().enumerate().find(|&(i, w)| {
        // Chosen by someone else: "been selected", "u r entitled", "you qualify" (not
        // "you've hand-picked").
        let passive = i > 0 && (PASSIVE.contains(&words[i - 1].norm) || w.norm == "qualify");
        let won = WON.contains(&w.norm) || (CHOSEN.contains(&w.norm) && prize_noun && passive);
        won && words[i.saturating_sub(OWNER_REACH)..i]
            .iter()
            .any(|o| YOU.contains(&o.norm) && !sentence_between(lower, o.end, w.start))
    });
    // "claim your prize", "to claim ur med holiday": the prize is the reader's.
    let claimed = || {
        words.iter().enumerate().find_map(|(i, w)| {
            if !CLAIM.contains(&w.norm) {
                return None;
            }
            let after = &words[i + 1..(i + 1 + CLAIMED_REACH).min(words.len())];
            let you = after.iter().position(|o| YOU.contains(&o.norm))?;
            after[you + 1..]
                .iter()
                .find(|o| PRIZE.contains(&o.norm) && !sentence_between(lower, w.end, o.start))
        })
    };
    owned.map(|(_, w)| w).or_else(claimed)
}

/// Whether a sentence ends between `from` and `to` ("You? I won." is not the reader's).
fn sentence_between(lower: &str, from: usize, to: usize) -> bool {
    lower
        .get(from..to)
        .is_some_and(|s| s.contains(['.', '!', '?', '\n']))
}

/// Whether `lower` holds a run of at least `n` digits (a number or a code to claim by).
fn digit_run(lower: &str, n: usize) -> bool {
    runs(lower, u8::is_ascii_digit).any(|(s, e)| e - s >= n)
}

/// Whether the text names an amount of money with its currency (`£500`, `$1000`,
/// `Rs 5000`, `HK$20,000`, `1000 pounds`).
fn amount(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let b = lower.as_bytes();
    lower.char_indices().any(|(i, c)| {
        let after = lower.get(i + c.len_utf8()..).unwrap_or("").trim_start();
        let digit_after = after.as_bytes().first().is_some_and(u8::is_ascii_digit);
        match c {
            '£' | '$' | '€' | '₹' => digit_after,
            'r' => {
                (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                    && lower[i..].starts_with("rs")
                    && lower
                        .get(i + 2..)
                        .unwrap_or("")
                        .trim_start_matches(['.', ' '])
                        .as_bytes()
                        .first()
                        .is_some_and(u8::is_ascii_digit)
            }
            _ => false,
        }
    }) || lower.contains(" pounds")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the marks make a service or a claim, without indicators (numbers are the
    /// analyzer tests' part).
    fn fires(text: &str) -> bool {
        !marks(text, &[], true, |_| false).is_empty()
    }

    /// The numbers with `prefixes` the phone parser left unread, as written.
    fn unread<'t>(text: &'t str, prefixes: &[&str]) -> Vec<&'t str> {
        unread_numbers(text, prefixes)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn unread_premium_numbers_table() {
        for (text, want) in [
            ("call 0871277810910p/min (18+)", vec!["08712778109"]),
            ("Help08718728876 now", vec!["08718728876"]),
            ("Netcollex Ltd 08700621170150p per msg", vec![]),
            ("call 09061743386b4 midnight", vec!["09061743386"]),
            // In groups.
            (
                "Call me on 09098 123 456 when u get this",
                vec!["09098 123 456"],
            ),
            ("ring 0871-222-5100 today", vec!["0871-222-5100"]),
            ("Missed call alert: 07008009200", vec!["07008009200"]),
            ("call 09061743386 now", vec!["09061743386"]),
            // Other numbers are not premium; a longer number is another one.
            ("call 07700900123 now", vec![]),
            ("call 09845012345 now", vec![]),
            ("Rs. 500 off, call 0901 234 5678", vec![]),
            ("call 01632 960 441 now", vec![]),
            ("sort code 09 12 34 acc 123", vec![]),
            ("ref 0906 711 2340 123", vec![]),
            ("ref 0987654321234 ok", vec![]),
            ("call 07700900123x", vec![]),
            ("call 08704439680 now", vec![]),
        ] {
            assert_eq!(unread(text, PREMIUM_PREFIXES), want, "{text}");
        }
    }

    #[test]
    fn unread_shared_cost_numbers_table() {
        for (text, want) in [
            ("Call 08704439680Ts&Cs apply", vec!["08704439680"]),
            ("dial 0844 861 85 85 first", vec!["0844 861 85 85"]),
            ("dial 0844-861-8585 first", vec!["0844-861-8585"]),
            ("call 0800 123 4567", vec![]),
            ("call 09061743386 now", vec![]),
        ] {
            assert_eq!(unread(text, SHARED_COST_PREFIXES), want, "{text}");
        }
    }

    #[test]
    fn text_speak_is_read_as_words() {
        let lower = "ur mob has won 2nite, txt 4 info";
        let norm: Vec<&str> = words(lower).iter().map(|w| w.norm).collect();
        assert_eq!(
            norm,
            [
                "your", "mobile", "has", "won", "tonight", "text", "for", "info"
            ]
        );
        let lower = "i won't forget, u won";
        let norm: Vec<&str> = words(lower).iter().map(|w| w.norm).collect();
        assert_eq!(norm, ["i", "won't", "t", "forget", "you", "won"]);
    }

    #[test]
    fn services_and_claims_table() {
        for (text, want) in [
            // A charge and a keyword to send back.
            (
                "Lonely? Just txt back NAME and AGE to join the community (120p/SMS)",
                true,
            ),
            // A charge and a lure.
            ("Get the top chart tones, only 150p per tone, 16+", true),
            // A short code and a lure.
            ("Fancy a chat? Text HOT to 69123 now", true),
            // A billing notice and a footer.
            (
                "Starz: you have been billed 150p. Co Ltd PO Box 99 AB1 2CD",
                true,
            ),
            // A content club.
            ("Tone Club: gr8 new polys sent 2 ur phone every week!", true),
            (
                "This is your weekly tones alert: 3 new ringtones ready to download",
                true,
            ),
            // A prize owned by the reader, a way and a place to claim it.
            (
                "U hav been chosen 2 receive a £900 voucher. Call 08001234567",
                true,
            ),
            (
                "Your mobile number was picked as a winner! Email claims@prizes.example",
                true,
            ),
            (
                "ur awarded a city break! claim by post: PO Box 12, Leeds",
                true,
            ),
            ("To claim ur med holiday write to PO Box 113, Bray", true),
            // A keyword to send back under the regulator's footer.
            ("New people near you! Reply DATE to start. 18 only", true),
            (
                "For your chance to WIN a FREE headset just reply back with \"ZAP\"",
                true,
            ),
            // An adult lure with a service's footer.
            (
                "Horny girls are waiting 4 u. send STOP to stop this service",
                true,
            ),
            // A content order.
            ("This msg is for your mobile content order, resent", true),
            ("U will be receiving this week's new ringtone shortly", true),
            // A handset and a plan with a number to call.
            (
                "Double mins & txts on the latest phones! Call MobUpd on 08001234567",
                true,
            ),
            // A prize said to be the reader's, an act and one mark of bulk register, with
            // no number or code to claim at.
            (
                "Congratulations! Ur mobile No. has been awarded a bonus prize. To claim call our team from a landline",
                true,
            ),
            (
                "WINNER! U have been specially chosen to receive a cash award. Claim code QX9, valid 12hrs",
                true,
            ),
            (
                "Great news! Your number was picked in our draw and you have won a games console. Call now",
                true,
            ),
            (
                "Congrats! A weekend spa break for 2 is yours. Call now and quote your claim code",
                true,
            ),
            (
                "As a valued customer you have been selected for a FREE gift card. Reply YES to claim",
                true,
            ),
            // The same words, but the reader picked, or a friend tells of a win.
            (
                "You've hand-picked great deals worth £30! Earn points on every order. Click to see",
                false,
            ),
            (
                "Mum said u won the raffle!! call me, what was the prize?",
                false,
            ),
            ("U won the office sweepstake! £30 in the kitty 4 u", false),
            // A prize handed over in person, not claimed through a service.
            (
                "You have won the staff raffle! £25, come collect from Priya lol",
                false,
            ),
            (
                "U won the bake-off prize!! £10 voucher, collect it from reception",
                false,
            ),
            (
                "You have won a £500 prize! To collect, call 09061701461 now",
                true,
            ),
            ("Did u claim ur prize from the quiz? Call me later", false),
            // A premium helpline under a bulk sender's opt-out line.
            (
                "Hope you liked your new tones. Text stop to 61234 to unsubscribe. Help: 09061234567",
                true,
            ),
            // A club ended by its code, with a keyword or a quiz's prompt.
            (
                "Zodiac: bold moves pay off 2day. Ask a psychic? Reply ASK. End? Reply END ZODI",
                true,
            ),
            (
                "Sports quiz: Arsenal have won the league 13 times. True or false? End? Reply END SPQZ",
                true,
            ),
            (
                "U were outbid on the Sony hi-fi. 2 bid again visit our site. 2 end bid alerts reply END BIDS",
                true,
            ),
            // Ended by its code, but nothing else of a club.
            ("Footy news: Spurs beat Leeds 2-0. Reply END FOOTY", false),
            // A stranger who found the reader's number, under a charge; the same words
            // from a friend.
            (
                "OMG I finally found ur number! Txt me back babe, msgs cst std ntwk chg £1.50",
                true,
            ),
            ("I found your number in my old phone! text me back x", false),
            // A billing notice under a free message's header; the bill alone.
            ("FreeMsg: you have been billed 150p for your alerts", true),
            ("you have been billed 150p for your alerts", false),
            // An offer booked on a shared-cost number; a bank's number alone.
            (
                "Romantic Rome! 3 nights + flights from £99. Book now on 0870 123 4567",
                true,
            ),
            (
                "Your bank: call us on 0845 123 4567 about your account",
                false,
            ),
            (
                "The flights were £99 each, book ours by Fri, I'll call u",
                false,
            ),
            // Everyone's opt-out is no club's.
            ("Reply STOP ALL to leave every list. Reply END ALL", false),
            // Everyday texts with one mark or none.
            (
                "I won the pub quiz!! claim the pot later, call me on 07700900123",
                false,
            ),
            ("Reply YES to confirm your appointment on Tue", false),
            ("Parking is £1.50 per day at the station", false),
            ("my new ringtone is so annoying lol", false),
            ("Did you claim your prize? The raffle was great", false),
            ("Reply YES to confirm. T&Cs apply", false),
            ("love u, text me back later xxx", false),
            ("Reply C to confirm your free check-up", false),
            ("the content of your order is below", false),
            ("my phone has 300 mins left, call me on 07700900123", false),
            ("Text STOP to 80010 to opt out", false),
            ("Check usage by texting USAGE to 4444 (free)", false),
            ("You? I won. Claim it tomorrow at 1234 High St", false),
            (
                "the quiz is £2 entry per person, winner takes the pot",
                false,
            ),
            // A message billed at a premium rate, in figures or in words, is the service's
            // billing line; a standard text's price, and a charge per week alone, are not.
            (
                "Thinking of u every day... sweet dreams from ur secret admirer @ one gbp/sms",
                true,
            ),
            ("Daily luv quotes 2 brighten ur day, 150p per msg", true),
            ("my texts abroad cost 10p per text, annoying", false),
            ("parking permit costs £1.50 per week now", false),
            // "won't" wins nothing: a charge with no lure.
            ("I won't be late, bus is 2 pounds per day now", false),
        ] {
            assert_eq!(fires(text), want, "{text}");
        }
    }

    #[test]
    fn stock_tips_table() {
        for (text, want) in [
            // A share, a rise of 100 % or more, and the pitch of a tip.
            (
                "HOT PICK: ticker BRVX set to soar 350% by Friday. Get in early!",
                true,
            ),
            (
                "Our members' penny shares tip QMTR jumping 180 percent next wk",
                true,
            ),
            (
                "(Analysts issue Strong-Buy) symbol LKWD could be up over 500% soon",
                true,
            ),
            // Twins: a broker's alert reports a move and pitches nothing; a small rise;
            // a tip with no share; a rise said of something else than a share.
            (
                "Price alert: NVDA shares are up 104% this year. Open the app for more",
                false,
            ),
            (
                "Stock tip from dad: VWRL is set to rise 6% says his paper lol",
                false,
            ),
            (
                "Tip: ur step count is up 120% this week, keep going!",
                false,
            ),
            (
                "My shares are up 150% since I bought them in 2019, should have sold lol",
                false,
            ),
        ] {
            assert_eq!(fires(text), want, "{text}");
        }
    }

    #[test]
    fn long_texts_are_no_sms() {
        let sms = "Tone Club: gr8 new polys sent 2 ur phone every week! ";
        assert!(fires(sms));
        let long = sms.repeat(MAX_SMS_BYTES / sms.len() + 1);
        assert!(!fires(&long));
    }

    #[test]
    fn warned_marks_do_not_count() {
        let text = "If you reply you get premium msgs at 150p/msg, 16+ subscription";
        assert!(
            !marks(text, &[], true, |_| true)
                .iter()
                .any(|m| m.2 == Tactic::PaymentInstruction)
        );
    }
}
