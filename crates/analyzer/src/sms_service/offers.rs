//! Unsolicited offers by their register (issue 11): classic spam that carries no charge,
//! short code or premium number ("URGENT! Your mobile No. has been awarded a bonus prize,
//! call now from a landline", "Orange customer, you are entitled to a free camera phone",
//! "Hot singles in your area… call the chatline now").
//!
//! Three classes of words make one:
//!
//! - **what is offered**: a prize or benefit said to be the reader's, a lure (prizes,
//!   free goods, loans, debts written off, content), a handset, a chat or dating line, a
//!   competition's question with lettered answers ("A-…, B-…, C-… Send A, B or C");
//! - **an act**: an imperative verb of calling, texting, replying, claiming or visiting,
//!   or "hit the link" ("did you claim", "I'll call" and "ur call" are no imperative; "call me" is a
//!   person's, and counts only for a chat line posing as one);
//! - **the register of bulk marketing**, marks of several kinds: lure words in
//!   capitals, an address to a customer, a terms footer or an opt-out, claim codes and
//!   deadlines, a stranger who "found your number", a price, the reader's *number* as
//!   the winner, "in your area", an act "now", a keyword to send back (also a menu in
//!   any case: "reply lionm 4 mono or lionp 4 poly"), a shared-cost number to book on, a
//!   debt manager's pitch ("write off up to 70%").
//!
//! One mark of register is everyday text ("T&Cs apply", "Dear customer", "call now"),
//! and so is an offer or an act alone ("u won the raffle!", "call me later"). A prize said
//! to be the reader's, with an act and one mark, is the spam; so is a handset offered
//! free with an act, a dating lure with an act and one mark (an explicit one with its
//! number written out), a lettered question with an act that sends the letters and a
//! mark or a fact to name ("name the band"), and any lure with an act and marks of two
//! kinds.

use super::{CHOSEN, PRIZE, WON, Word, YOU, sentence_between};
use crate::premium;

/// Imperative verbs of acting on an offer.
const ACT: &[&str] = &[
    "call", "ring", "dial", "text", "reply", "send", "claim", "collect", "redeem", "visit", "goto",
    "click", "quote", "book", "order", "join", "enter", "activate", "apply", "register", "contact",
    // "Msg me back" (text speak is read as the word).
    "message",
];

/// Words before a verb that make it no imperative: a subject ("I'll call", "can u txt"),
/// a determiner of the noun ("ur call", "my txt", "free text messages"), a tense.
const NOT_IMPERATIVE: &[&str] = &[
    "i", "ll", "we", "you", "they", "he", "she", "it", "did", "do", "does", "will", "can", "could",
    "would", "should", "gonna", "wanna", "to", "my", "your", "the", "a", "an", "this", "that",
    "his", "her", "our", "their", "new", "free", "no", "not", "dont", "didnt", "cant", "wont", "d",
    "s", "m", "re", "and", "or", "ve", "must", "may", "might",
];

/// Verbs after an act word that make it a noun ("the call is at 10").
const NOUN_BEFORE: &[&str] = &["is", "was", "has", "had", "will", "went", "s", "got"];

/// Where the verb's object is a person: "call me", "text u back".
const PERSONAL: &[&str] = &["me", "you", "him", "her", "them", "mum", "dad"];

/// Lure words of the register when written in capitals ("URGENT!", "WINNER!!", "FREE").
const CAPS_LURE: &[&str] = &[
    "urgent",
    "winner",
    "win",
    "won",
    "free",
    "prize",
    "prizes",
    "cash",
    "award",
    "bonus",
    "congratulations",
    "congrats",
    "private",
    "important",
    "guaranteed",
    "claim",
    "xmas",
    "nothing",
    "offer",
    "latest",
    "sexy",
    "hot",
    "chat",
    "reward",
    "holiday",
    "voucher",
    "gift",
    "jackpot",
    "exclusive",
    "special",
    "final",
    "chance",
    "attention",
    "winners",
];

/// How bulk senders address the reader (each a sequence of words).
const ADDRESS: &[&[&str]] = &[
    &["valued", "customer"],
    &["valued", "network", "customer"],
    &["valued", "customers"],
    &["dear", "customer"],
    &["dear", "subscriber"],
    &["dear", "winner"],
    &["lucky", "winner"],
    &["voucher", "holder"],
    &["network", "customer"],
    &["orange", "customer"],
    &["orange", "customers"],
    &["o2", "customer"],
    &["o2", "customers"],
    &["o2", "users"],
    &["vodafone", "customer"],
    &["vodafone", "customers"],
    &["voda", "customer"],
    &["t", "mobile", "customer"],
    &["tmobile", "customer"],
    &["virgin", "customer"],
];

/// The footer of bulk marketing (words in sequence): terms, an opt-out, customer care.
const FOOTER: &[&[&str]] = &[
    &["opt", "out"],
    &["optout"],
    &["unsub"],
    &["unsubscribe"],
    &["sae"],
    &["cust", "care"],
    &["customer", "care"],
    &["customer", "service"],
    &["customer", "services"],
    &["lines", "open"],
    &["freephone"],
    &["po", "box"],
    &["pobox"],
    &["helpline"],
    &["18"],
    &["16"],
];

/// Terms and conditions: in a service's footer, but in any shop's too.
const TERMS: &[&[&str]] = &[
    &["t", "c"],
    &["t", "cs"],
    &["ts", "cs"],
    &["tscs"],
    &["tncs"],
    &["terms", "apply"],
];

/// Claim codes, deadlines and the reader reached on purpose.
const CLAIMING: &[&[&str]] = &[
    &["claim", "code"],
    &["claims", "team"],
    &["claims", "line"],
    &["claims", "dept"],
    &["claims", "department"],
    &["identifier", "code"],
    &["quote", "code"],
    &["quote", "your"],
    &["valid", "12hrs"],
    &["expires"],
    &["2nd", "attempt"],
    &["second", "attempt"],
    &["final", "attempt"],
    &["attempt", "to", "contact"],
    &["trying", "to", "contact"],
    &["trying", "to", "reach"],
    &["landline"],
    &["guaranteed"],
    &["specially", "selected"],
    &["unredeemed"],
    &["un", "redeemed"],
    &["unclaimed"],
    &["awaits", "collection"],
    &["delivery", "within"],
];

/// A stranger posing as someone who knows the reader, the lure of a pager-style chat
/// line ("I've found your number again!", "remember me?", "been trying to reach you").
pub(super) const PAGER: &[&[&str]] = &[
    &["found", "your", "number"],
    &["saw", "your", "number"],
    &["got", "your", "number"],
    &["found", "your", "no"],
    &["got", "your", "no"],
    &["remember", "me"],
    &["trying", "to", "reach", "you"],
    &["trying", "to", "contact", "you"],
];

/// Hours and days of a deadline ("valid 12hrs only", "valid for 48 hours").
const DEADLINE_UNITS: &[&str] = &["hrs", "hr", "hours", "hour", "days", "only"];

/// Where people are offered to meet.
const DATING_PLACE: &[&[&str]] = &[
    &["in", "your", "area"],
    &["near", "you"],
    &["new", "people"],
    &["local", "girls"],
    &["local", "singles"],
    &["local", "ladies"],
    &["local", "women"],
    &["looking", "for", "fun"],
    &["looking", "for", "some", "fun"],
    // A stranger new to the reader's town, and a meeting without ties.
    &["new", "in", "town"],
    &["no", "strings"],
];

/// How a chat service is joined: "reply with ur name and age".
const JOINING: &[&[&str]] = &[
    &["name", "and", "age"],
    &["name", "age"],
    &["age", "and", "gender"],
    &["signed", "you", "up"],
];

/// A competition's question: the quiz of a premium line ("if u know which country…",
/// "answer 1 easy question"); not "any questions?".
const QUIZZES: &[&[&str]] = &[&["quiz"], &["answers"], &["if", "you", "know"], &["answer"]];

/// The prompt of a quiz service's statement to judge ("… play Ice Hockey. Correct or
/// Incorrect?").
pub(super) const QUIZ_PROMPTS: &[&[&str]] =
    &[&["correct", "or", "incorrect"], &["true", "or", "false"]];

/// What a competition's question bids the reader do with a fact: "name the band…",
/// "complete the landmark…".
const TRIVIA: &[&[&str]] = &[
    &["name", "the"],
    &["complete", "the"],
    &["guess", "the"],
    &["identify", "the"],
    &["unscramble"],
];

/// How debt managers pitch: debts written off or cut, by a scheme ("write off up to 70%
/// of what you owe", "government-backed scheme", "become debt free").
const DEBT_PITCHES: &[&[&str]] = &[
    &["write", "off"],
    &["written", "off"],
    &["wipe", "out"],
    &["debt", "free"],
    &["iva"],
    &["govt", "scheme"],
    &["government", "scheme"],
    &["government", "backed"],
    &["reduced", "by", "up", "to"],
    &["reduce", "your", "debts"],
    &["see", "if", "you", "qualify"],
    &["find", "out", "if", "you", "qualify"],
];

/// How lenders pitch to anyone: "no credit check", "homeowners + tenants welcome".
const LOAN_PITCHES: &[&[&str]] = &[
    &["no", "credit", "check"],
    &["no", "credit", "checks"],
    &["bad", "credit"],
    &["ccj"],
    &["ccjs"],
    &["homeowners"],
    &["tenants"],
    &["previously", "refused"],
    &["any", "purpose"],
    &["need", "a", "loan"],
    &["need", "cash"],
];

/// Lures of chat and dating lines.
const DATING: &[&str] = &[
    "single",
    "singles",
    "lonely",
    "flirt",
    "flirty",
    "flirting",
    "sexy",
    "horny",
    "naughty",
    "dating",
    "chatline",
    "chatlines",
    "dateline",
    "babes",
    "xxx",
    "knickers",
    "filthy",
];

/// Lures of chat and dating lines written in several words: a stranger "looking for
/// someone to chat with", "want to get laid tonight?".
const DATING_PHRASES: &[&[&str]] = &[
    &["someone", "to", "chat"],
    &["someone", "to", "flirt"],
    &["get", "laid"],
];

/// Dating lures that are explicit, never a room or a ticket ("single") nor a kiss ("xxx").
const EXPLICIT: &[&str] = &[
    "horny",
    "naughty",
    "knickers",
    "filthy",
    "chatline",
    "chatlines",
    "dateline",
];

/// Lures of offers besides those of a paid service (`super::LURE`).
const OFFER_LURE: &[&str] = &[
    "loan",
    "loans",
    "ticket",
    "tickets",
    "cinema",
    "hotel",
    "hotels",
    "membership",
    "refund",
    "ringtone",
    "ringtones",
    "tones",
    "camera",
    "playstation",
    "ipod",
    "dvd",
    "break",
    "trip",
    "flights",
    "compensation",
    "debt",
    "debts",
    // A message said to wait, to be heard by calling back ("1 new voicemail… lines open").
    "voicemail",
];

/// What a handset offer names.
const HANDSET: &[&str] = &[
    "camera",
    "colour",
    "color",
    "video",
    "latest",
    "upgrade",
    "upgrading",
    "upgrades",
    "handset",
    "nokia",
    "motorola",
    "samsung",
    "ericsson",
    "blackberry",
    "bluetooth",
    "camcorder",
    "3g",
];

/// The phone itself.
const PHONE: &[&str] = &[
    "phone", "phones", "mobile", "mobiles", "handset", "handsets",
];

/// Kinds of register (bits).
const CAPS: u16 = 1;
const ADDRESSED: u16 = 1 << 1;
const FOOTED: u16 = 1 << 2;
const CLAIM_CODE: u16 = 1 << 3;
const MONEY: u16 = 1 << 4;
const NUMBER_WON: u16 = 1 << 5;
const DATING_MARK: u16 = 1 << 6;
const ACT_NOW: u16 = 1 << 7;
const KEYWORD: u16 = 1 << 8;
const QUIZ: u16 = 1 << 9;
const JOIN: u16 = 1 << 10;
const TERMED: u16 = 1 << 11;
const DELIVERED: u16 = 1 << 12;
const LOAN_PITCH: u16 = 1 << 13;
const SHARED_COST: u16 = 1 << 14;
const DEBT_PITCH: u16 = 1 << 15;

/// Kinds every shop's offer carries too: a price, its terms.
const GENERIC: u16 = MONEY | TERMED;

/// An imperative act: the verb's span and whether its object is a person.
#[derive(Clone, Copy)]
pub(super) struct Act {
    pub(super) start: usize,
    pub(super) end: usize,
    personal: bool,
}

/// What the register reader needs from the caller.
pub(super) struct Input<'a, 't> {
    pub(super) text: &'a str,
    pub(super) lower: &'a str,
    pub(super) words: &'a [Word<'t>],
    /// A keyword in capitals to send back (`premium::reply_keywords`).
    pub(super) keyword: bool,
    /// An amount of money or a charge.
    pub(super) money: bool,
    /// A bulk sender's opt-out line (`premium::opt_out_line`).
    pub(super) opt_out: bool,
    /// A shared-cost number to call (UK 0844, 0870: the caller pays the sender a share).
    pub(super) shared_cost: bool,
}

/// An offer found: the span of what is offered, its reason, and the act.
pub(super) struct Offer {
    pub(super) what: (usize, usize),
    /// A prize (else a giveaway: goods, a chat line).
    pub(super) prize: bool,
    pub(super) act: Act,
}

/// The offer in the text, when an offer, an act and enough register meet (see the module
/// documentation). `owned` is the word of a prize said to be the reader's, if any.
pub(super) fn offer(input: &Input<'_, '_>, owned: Option<(usize, usize)>) -> Option<Offer> {
    let words = input.words;
    let acts = acts(input.text, input.lower, words);
    let service_act = acts.iter().find(|a| !a.personal).copied();
    let kinds = register(input, &acts);
    let count = kinds.count_ones();

    // A prize said to be the reader's, an act and one mark.
    if let (Some(what), Some(act)) = (owned, service_act)
        && count >= 1
    {
        return Some(Offer {
            what,
            prize: true,
            act,
        });
    }
    // A handset offered free, with an act.
    let has = |class: &[&str]| words.iter().find(|w| class.contains(&w.norm));
    if let (Some(h), Some(act)) = (has(HANDSET), service_act)
        && has(PHONE).is_some()
        && words.iter().enumerate().any(|(i, _)| free_offer(words, i))
    {
        return Some(Offer {
            what: (h.start, h.end),
            prize: false,
            act,
        });
    }
    // A chat or dating line, which may pose as a person ("text me back babe"), with one
    // mark, or an explicit one with the number to call written out (a person's number is
    // in the reader's phone).
    if let (Some(d), Some(act)) = (
        has(DATING).or_else(|| first_seq(words, DATING_PHRASES)),
        acts.first().copied(),
    ) && (count >= 1 || (has(EXPLICIT).is_some() && number_written(input.lower)))
    {
        return Some(Offer {
            what: (d.start, d.end),
            prize: true,
            act,
        });
    }
    // How a chat service is joined ("reply with your age and gender"), with an act.
    if let (Some(j), Some(act)) = (first_seq(words, JOINING), service_act) {
        return Some(Offer {
            what: (j.start, j.end),
            prize: false,
            act,
        });
    }
    // Mobile content (a tone, a wallpaper) with an act and one mark ("Get an England
    // tone on ur phone! Click…").
    if let (Some(c), Some(act)) = (has(super::CONTENT), service_act)
        && count >= 1
        && c.norm != "content"
    {
        return Some(Offer {
            what: (c.start, c.end),
            prize: false,
            act,
        });
    }
    // A competition's question with lettered answers to send back.
    if let Some((what, act)) = lettered_quiz(input.text, words, &acts)
        && (count >= 1 || any_seq(words, TRIVIA))
    {
        return Some(Offer {
            what,
            prize: false,
            act,
        });
    }
    // Any lure with an act and marks of two kinds, not only a shop's price and terms.
    let lure = words.iter().enumerate().find(|&(i, w)| {
        (super::LURE.contains(&w.norm) || OFFER_LURE.contains(&w.norm) || DATING.contains(&w.norm))
            && (w.norm != "free" || free_offer(words, i))
            && (w.norm != "win" || win_offer(words, i))
    });
    if let (Some((_, l)), Some(act)) = (lure, service_act)
        && count >= 2
        && kinds & !GENERIC != 0
    {
        return Some(Offer {
            what: (l.start, l.end),
            prize: false,
            act,
        });
    }
    None
}

/// The imperative acts of the text, in order.
fn acts(text: &str, lower: &str, words: &[Word<'_>]) -> Vec<Act> {
    words
        .iter()
        .enumerate()
        .filter(|&(i, w)| ACT.contains(&w.norm) || hit_link(words, i))
        .filter(|&(i, w)| {
            i == 0
                || clause_between(lower, words[i - 1].end, w.start)
                || !NOT_IMPERATIVE.contains(&words[i - 1].norm)
        })
        // A noun before its verb: "the client call is at 10".
        .filter(|&(i, _)| {
            !words
                .get(i + 1)
                .is_some_and(|n| NOUN_BEFORE.contains(&n.norm))
        })
        .map(|(i, w)| {
            let personal = words.get(i + 1).is_some_and(|n| {
                PERSONAL.contains(&n.norm) && !sentence_between(lower, w.end, n.start)
            }) || collected_from_someone(text, words, i);
            Act {
                start: w.start,
                end: w.end,
                personal,
            }
        })
        // An opt-out line asks nothing ("Text STOP to 2732 to opt out").
        .filter(|a| !premium::opts_out(text, a.end))
        .collect()
}

/// Whether "hit" at `i` bids the reader open a link ("Hit the link to get…").
fn hit_link(words: &[Word<'_>], i: usize) -> bool {
    words[i].norm == "hit"
        && (seq_at(words, i + 1, &["the", "link"])
            || seq_at(words, i + 1, &["this", "link"])
            || seq_at(words, i + 1, &["link"]))
}

/// Whether the act at `i` is picking something up from a person or a place in the
/// office ("come collect from Gary", "collect it from reception"): a prize handed over in
/// person, where a service names a number, a code or a link to claim by.
fn collected_from_someone(text: &str, words: &[Word<'_>], i: usize) -> bool {
    const HANDED: &[&str] = &["reception", "office", "desk", "front"];
    if !matches!(words[i].norm, "collect" | "pick") {
        return false;
    }
    let from = (i + 1..words.len().min(i + 4)).find(|&j| words[j].norm == "from");
    let Some(who) = from.and_then(|j| words.get(j + 1)) else {
        return false;
    };
    // A name: a capital then small letters ("Gary", not "ANY" or "our").
    let mut letters = text[who.start..who.end].chars();
    let named = letters.next().is_some_and(char::is_uppercase)
        && letters.clone().next().is_some()
        && letters.all(char::is_lowercase);
    named || PERSONAL.contains(&who.norm) || HANDED.contains(&who.norm)
}

/// Whether a clause ends between `from` and `to` ("near u, reply with…").
fn clause_between(lower: &str, from: usize, to: usize) -> bool {
    lower
        .get(from..to)
        .is_some_and(|s| s.contains(['.', '!', '?', '\n', ',', ';', ':', '-']))
}

/// Whether the words from `i` on are the sequence `seq`.
fn seq_at(words: &[Word<'_>], i: usize, seq: &[&str]) -> bool {
    words.len() >= i + seq.len() && seq.iter().zip(&words[i..]).all(|(s, w)| w.norm == *s)
}

/// The first word of the first of `seqs` to occur in `words`.
fn first_seq<'w, 't>(words: &'w [Word<'t>], seqs: &[&[&str]]) -> Option<&'w Word<'t>> {
    (0..words.len())
        .find(|&i| seqs.iter().any(|s| seq_at(words, i, s)))
        .map(|i| &words[i])
}

/// Whether any of `seqs` occurs in `words`.
pub(super) fn any_seq(words: &[Word<'_>], seqs: &[&[&str]]) -> bool {
    (0..words.len()).any(|i| seqs.iter().any(|s| seq_at(words, i, s)))
}

/// The marks found by their phrases alone, with their kinds.
const PHRASE_MARKS: &[(&[&[&str]], u16)] = &[
    (ADDRESS, ADDRESSED),
    (DATING_PLACE, DATING_MARK),
    (LOAN_PITCHES, LOAN_PITCH),
    (TERMS, TERMED),
    (JOINING, JOIN),
    (QUIZZES, QUIZ),
    (QUIZ_PROMPTS, QUIZ),
    (DEBT_PITCHES, DEBT_PITCH),
];

/// The kinds of register marks in the text (bits).
fn register(input: &Input<'_, '_>, acts: &[Act]) -> u16 {
    let Input {
        text,
        lower,
        words,
        keyword,
        money,
        opt_out,
        shared_cost,
    } = *input;
    let mut kinds = 0;
    // Lure words in capitals, unless the whole text shouts.
    let upper = text.bytes().filter(u8::is_ascii_uppercase).count();
    let lower_letters = text.bytes().filter(u8::is_ascii_lowercase).count();
    let caps = upper < lower_letters
        && words.iter().any(|w| {
            let raw = text.get(w.start..w.end).unwrap_or("");
            raw.len() >= 3
                && raw.bytes().all(|b| b.is_ascii_uppercase())
                && CAPS_LURE.contains(&w.norm)
        });
    if caps {
        kinds |= CAPS;
    }
    // Marks that are a phrase and nothing more.
    for &(seqs, kind) in PHRASE_MARKS {
        if any_seq(words, seqs) {
            kinds |= kind;
        }
    }
    if opt_out || any_seq(words, FOOTER) && footer_ages(lower, words) {
        kinds |= FOOTED;
    }
    if any_seq(words, CLAIMING)
        || any_seq(words, PAGER)
        || deadline(lower, words)
        || to_claim(lower, words)
    {
        kinds |= CLAIM_CODE;
    }
    if money {
        kinds |= MONEY;
    }
    if number_won(words) {
        kinds |= NUMBER_WON;
    }
    if delivered(words) {
        kinds |= DELIVERED;
    }
    if shared_cost {
        kinds |= SHARED_COST;
    }
    // Calling, texting or claiming "now" (a shop's "visit now" is any shop's).
    let now = acts.iter().filter(|a| !a.personal).any(|a| {
        let verb = lower.get(a.start..a.end).unwrap_or("");
        !matches!(
            verb,
            "visit" | "goto" | "click" | "book" | "order" | "join" | "enter" | "apply" | "register"
        ) && words
            .iter()
            .skip_while(|w| w.start < a.end)
            .take(3)
            .take_while(|w| !sentence_between(lower, a.end, w.start))
            .any(|w| matches!(w.norm, "now" | "today" | "immediately"))
    });
    if now {
        kinds |= ACT_NOW;
    }
    let yes = words.iter().enumerate().any(|(i, w)| {
        matches!(w.norm, "reply" | "text" | "send")
            && words
                .get(i + 1)
                .is_some_and(|n| text.get(n.start..n.end) == Some("YES"))
    });
    if keyword || yes || keyword_menu(words) {
        kinds |= KEYWORD;
    }
    kinds
}

/// Whether the footer found is more than an age or number standing alone: "18" and "16"
/// count only as "18+" / "16+".
fn footer_ages(lower: &str, words: &[Word<'_>]) -> bool {
    (0..words.len()).any(|i| {
        FOOTER.iter().any(|s| {
            seq_at(words, i, s)
                && (!matches!(s, [a] if *a == "18" || *a == "16")
                    || lower.as_bytes().get(words[i].end) == Some(&b'+'))
        })
    })
}

/// A menu of keywords in any case: "reply lionm for mono or lionp for poly" (a verb of
/// texting, a keyword, "for" a thing, "or" another keyword "for" another).
fn keyword_menu(words: &[Word<'_>]) -> bool {
    words.windows(8).any(|w| {
        matches!(w[0].norm, "reply" | "text" | "send")
            && w[2].norm == "for"
            && w[4].norm == "or"
            && w[6].norm == "for"
            && w[1].norm != w[5].norm
    })
}

/// Whether a phone number is written out: a run of ten or more digits, in groups or not
/// ("01223 585236", "07781234567").
fn number_written(lower: &str) -> bool {
    let b = lower.as_bytes();
    let mut digits = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 10 {
                return true;
            }
        } else if !(c == b' ' && digits > 0 && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            digits = 0;
        }
    }
    false
}

/// A competition's question with lettered answers to send back: options "A" to "C" in
/// order, each a capital followed by `-`, `)`, `.` or `:` and its answer ("A-Green Day,
/// B-Blue Day, C-Red Day", "A)Blue B)Green"), and an act whose object is the letters
/// ("Send A, B or C"). The span of the first option, and the act.
fn lettered_quiz(text: &str, words: &[Word<'_>], acts: &[Act]) -> Option<((usize, usize), Act)> {
    let raw = |w: &Word<'_>| text.get(w.start..w.end).unwrap_or("");
    let option = |w: &Word<'_>, letter: &str| {
        raw(w) == letter && matches!(text.as_bytes().get(w.end), Some(b'-' | b')' | b'.' | b':'))
    };
    let a = words.iter().position(|w| option(w, "A"))?;
    let b = a + 1 + words[a + 1..].iter().position(|w| option(w, "B"))?;
    words[b + 1..].iter().find(|w| option(w, "C"))?;
    // The act: a verb of sending right before the letters A, B (and C).
    let act = acts.iter().copied().find(|act| {
        let i = words.iter().position(|w| w.start == act.start);
        i.is_some_and(|i| {
            words.get(i + 1).is_some_and(|w| raw(w) == "A")
                && words.get(i + 2).is_some_and(|w| raw(w) == "B")
        })
    })?;
    Some(((words[a].start, words[a].end), act))
}

/// Content sent to the reader's handset: "on ur phone", "straight to your mob", "for
/// your mobile".
fn delivered(words: &[Word<'_>]) -> bool {
    words.windows(3).any(|w| {
        matches!(w[0].norm, "on" | "to" | "for")
            && w[1].norm == "your"
            && matches!(w[2].norm, "phone" | "mobile" | "handset")
    })
}

/// A deadline to claim by: "valid" then within three words hours or days ("valid 12hrs
/// only", "valid for 48 hours").
fn deadline(lower: &str, words: &[Word<'_>]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        w.norm == "valid"
            && words[i + 1..]
                .iter()
                .take(3)
                .take_while(|n| !sentence_between(lower, w.end, n.start))
                .any(|n| {
                    DEADLINE_UNITS.contains(&n.norm)
                        || DEADLINE_UNITS.iter().any(|u| {
                            n.norm.strip_suffix(u).is_some_and(|d| {
                                !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
                            })
                        })
                })
    })
}

/// "To claim…" opening a sentence: the purpose of the instruction that follows.
fn to_claim(lower: &str, words: &[Word<'_>]) -> bool {
    words.windows(2).enumerate().any(|(i, pair)| {
        pair[0].norm == "to"
            && matches!(pair[1].norm, "claim" | "collect" | "redeem")
            && (i == 0 || sentence_between(lower, words[i - 1].end, pair[0].start))
    })
}

/// The reader's number as the winner: "your mobile number has been awarded", "your
/// number was picked", "numbers ending 7548 are selected".
fn number_won(words: &[Word<'_>]) -> bool {
    const NUMBER: &[&str] = &["number", "no", "mobile", "phone", "numbers"];
    words.iter().enumerate().any(|(i, w)| {
        NUMBER.contains(&w.norm)
            && words[i.saturating_sub(2)..i]
                .iter()
                .any(|o| YOU.contains(&o.norm) || o.norm == "todays")
            && words[i + 1..]
                .iter()
                .take(4)
                .any(|n| WON.contains(&n.norm) || CHOSEN.contains(&n.norm) || n.norm == "drawn")
    }) || any_seq(words, &[&["numbers", "ending"]])
}

/// Whether `free` at `i` offers something rather than says someone is available ("are
/// u free tomorrow?", "free for lunch").
pub(super) fn free_offer(words: &[Word<'_>], i: usize) -> bool {
    const BE: &[&str] = &[
        "are", "am", "is", "be", "you", "i", "im", "if", "when", "re", "m", "s",
    ];
    const AFTER: &[&str] = &[
        "for", "tomorrow", "tonight", "today", "now", "later", "on", "at", "this", "to", "then",
        "after", "after", "till", "until", "all", "most",
    ];
    words[i].norm == "free"
        && !(i > 0 && BE.contains(&words[i - 1].norm))
        && !words.get(i + 1).is_some_and(|n| AFTER.contains(&n.norm))
}

/// Whether `win` at `i` offers a prize ("Win a top DVD player", "win £500") rather than
/// hopes ("we might win").
fn win_offer(words: &[Word<'_>], i: usize) -> bool {
    words.get(i + 1).is_some_and(|n| {
        matches!(
            n.norm,
            "a" | "an" | "the" | "top" | "cash" | "prize" | "brand" | "free" | "big"
        ) || n.norm.bytes().all(|b| b.is_ascii_digit())
    })
}

/// A prize said to be the reader's by "is yours" ("1 year cinema pass for 2 is yours"):
/// the word "yours".
pub(super) fn is_yours<'w, 't>(words: &'w [Word<'t>]) -> Option<&'w Word<'t>> {
    words
        .windows(2)
        .find(|p| matches!(p[0].norm, "is" | "are") && p[1].norm == "yours")
        .map(|p| &p[1])
        .filter(|_| {
            words
                .iter()
                .any(|w| PRIZE.contains(&w.norm) || OFFER_LURE.contains(&w.norm))
        })
}

#[cfg(test)]
mod tests {
    use super::super::words;
    use super::*;

    fn input_offer(text: &str) -> bool {
        let lower = text.to_ascii_lowercase();
        let words = words(&lower);
        let input = Input {
            text,
            lower: &lower,
            words: &words,
            keyword: false,
            money: text.contains('£'),
            opt_out: crate::premium::opt_out_line(text),
            shared_cost: false,
        };
        offer(&input, None).is_some()
    }

    #[test]
    fn acts_are_imperatives() {
        for (text, want) in [
            ("Call now to claim", vec!["call"]),
            ("I'll call u later", vec![]),
            ("can u txt me when ur home", vec![]),
            ("Did u get my txt? Reply when u can", vec!["reply"]),
            ("the client call is at 10", vec![]),
            ("To claim, call our team", vec!["call"]),
            ("500 free text messages", vec![]),
            ("Fancy a chat? Msg me back x", vec!["msg"]),
            ("ur msg was lovely", vec![]),
        ] {
            let lower = text.to_ascii_lowercase();
            let words = words(&lower);
            let got: Vec<&str> = acts(text, &lower, &words)
                .iter()
                .map(|a| &lower[a.start..a.end])
                .collect();
            let want: Vec<String> = want.iter().map(|s: &&str| s.to_string()).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn lures_handsets_and_dating_lines_table() {
        for (text, want) in [
            // Handsets offered free, with an act.
            (
                "Do you want a brand new Nokia video phone with free camera? Call our upgrade line now",
                true,
            ),
            (
                "Get your free Motorola handset with 300 mins. Call free to order",
                true,
            ),
            // A dating line posing as a person, with one mark.
            (
                "Hi its Jade, been trying 2 reach u. Im single n bored. Text me back hun",
                true,
            ),
            (
                "Lonely? Loads of singles in your area waiting. Call the chatline now",
                true,
            ),
            // A lure, an act and marks of two kinds.
            (
                "Need cash fast? Loans with no credit check. Reply YES, or STOP to opt out",
                true,
            ),
            (
                "Dear Voucher Holder, to claim your free meal visit our site. T&Cs apply",
                true,
            ),
            (
                "Quiz time! WIN a top hi-fi if u know the capital of Peru. Reply now. T&Cs apply",
                true,
            ),
            (
                "Ur mate signed u up 4 a free chat! Meet people near u, reply with ur name and age",
                true,
            ),
            (
                "You have 1 new voicemail. Please call back now to hear it, lines open 24hrs",
                true,
            ),
            // Joining a chat service.
            (
                "Welcome! Please reply with your AGE and GENDER to begin",
                true,
            ),
            // Mobile content with an act and one mark.
            (
                "Show ur support! Get the Lions anthem tone on ur phone! Click the next msg for info",
                true,
            ),
            // Everyday texts: an offer, an act or one mark, not together.
            ("Got a free upgrade on my phone lol, call me later", false),
            ("my new phone has a great camera, text me", false),
            ("Im single again lol, text me when ur home", false),
            ("Hey sexy, call me now x", false),
            ("Are u free tomorrow? Call me", false),
            (
                "Free pizza in the office today! Call now if u want some",
                false,
            ),
            ("Pub quiz tonight, reply if ur in, we might win", false),
            ("Meet new people at salsa class! Reply if ur coming", false),
            ("You have 1 new voicemail. Call 901 to listen", false),
            ("my new ringtone is on my phone, text me", false),
            ("Send me that tone, its on ur phone", false),
            ("What's ur name and age again? lol", false),
            (
                "Reply YES to confirm your appointment. Reply STOP to opt out",
                false,
            ),
            (
                "Dear customer, your parcel is on its way. Track it at our site",
                false,
            ),
            (
                "Your loan payment of £120 is due on 1st. Call us with any questions",
                false,
            ),
            (
                "Loans from £500 to £25,000, homeowners and tenants welcome. Call free today",
                true,
            ),
            (
                "Your loan of £2,000 was approved. Call us if you have questions",
                false,
            ),
            // A competition's question with lettered answers to send back, asking a fact
            // or with a mark; a poll among friends, and answers read out, are none.
            (
                "Film quiz! Name the wizard school in Harry Potter? A-Hogwarts, B-Narnia, C-Oz. (Send A, B or C)",
                true,
            ),
            (
                "Which singer sang Toxic? A) Britney B) Kylie C) Madonna. Text A, B or C. T&Cs apply",
                true,
            ),
            (
                "BBQ sat or sun? A) sat B) sun C) either. Reply A, B or C x",
                false,
            ),
            (
                "Q3 was A) 12 B) 14 C) 16, I put B. Send me ur answers later",
                false,
            ),
            // An adult line posing as a person, with its number written out; a
            // single room to book is none.
            (
                "Missed u babe, im all alone in my knickers. Call me on 01632 960 123 xx",
                true,
            ),
            (
                "Can u book me a single room? Call the hotel on 01632 960123",
                false,
            ),
            // Content by a link, with a mark; a friend's link is none.
            ("Hit the link for a FREE Shrek wallpaper 4 ur mobile!", true),
            ("hit the link i sent u for the wallpaper lol", false),
            // Content by a menu of keywords in any case; a surgery's menu offers nothing.
            (
                "Get the Eastenders theme tone! Reply ender 4 mono or enderp 4 poly",
                true,
            ),
            ("Reply 1 for yes or 2 for no to confirm ur appt", false),
            // Debts written off, with an opt-out; a friend's question about a debt.
            (
                "Debts over £5k? A government-backed scheme could write off up to 70%. Reply INFO, STOP to opt out",
                true,
            ),
            (
                "Can they write off the debt? Call the council tomorrow",
                false,
            ),
            // A stranger's chat line: a dating lure in several words or a message asked
            // back, with one mark (a meeting without ties, a stranger new in town or who
            // saw the reader's number); the same words among friends carry no mark.
            (
                "Hi, Tanya here. Just moved, new in town and looking 4 someone 2 chat with ;) txt me back",
                true,
            ),
            (
                "Bored? Wanna get laid 2nite? No strings. Text me back babe",
                true,
            ),
            (
                "Hey its Gemma, I saw ur number on the singles page. Fancy a flirt? Msg me back x",
                true,
            ),
            (
                "I'm new in town and looking for someone to share a flat. Text me back",
                false,
            ),
            (
                "We need someone to chat to the new parents at the open day, text me if u can",
                false,
            ),
            ("lol did u get laid last night? text me later", false),
            (
                "Saw ur number on the class list, msg me back about the trip",
                false,
            ),
            // Joining a dating service by name and age.
            (
                "Thanks for joining our dating club. Reply with ur name, age & town to meet people",
                true,
            ),
            // A carrier's own offer under its opt-out line; a legitimate contest.
            (
                "Get unlimited data for £15/month. Upgrade in the app. Text STOP to 2732 to opt out",
                false,
            ),
            (
                "Our photo competition has a £500 prize! Register on our site. Terms apply",
                false,
            ),
        ] {
            assert_eq!(input_offer(text), want, "{text}");
        }
    }

    #[test]
    fn register_kinds() {
        for (text, want) in [
            (
                "URGENT! call now from a landline",
                CAPS | CLAIM_CODE | ACT_NOW,
            ),
            ("As a valued customer. T&Cs apply", ADDRESSED | TERMED),
            ("Your mobile number has been awarded", NUMBER_WON),
            ("valid 12hrs only. Claim code X1", CLAIM_CODE),
            ("valid for 48 hours", CLAIM_CODE),
            ("Hot singles in your area", DATING_MARK),
            ("write off up to 70% of your debts", DEBT_PITCH),
            ("Ice hockey is played on grass. True or false?", QUIZ),
            ("reply lionm 4 mono or lionp 4 poly", KEYWORD),
            ("OMG i found ur number again!", CLAIM_CODE),
            ("new tones straight to ur mob", DELIVERED),
            ("reply with ur name and age", JOIN),
            ("Win a car if u know the answer", QUIZ),
            ("18+ only", FOOTED),
            ("I'm 18 today", 0),
            ("ALL CAPS SHOUTING FREE", 0),
            ("call me now", 0),
            ("free for lunch? call me", 0),
        ] {
            let lower = text.to_ascii_lowercase();
            let words = words(&lower);
            let input = Input {
                text,
                lower: &lower,
                words: &words,
                keyword: false,
                money: false,
                opt_out: false,
                shared_cost: false,
            };
            let acts = acts(text, &lower, &words);
            assert_eq!(register(&input, &acts), want, "{text}");
        }
    }
}
