//! Script steps by concept rather than by phrase (English).
//!
//! A step phrase ("move your savings to a safe account") holds one wording; a scam
//! written in other words ("relocate them to the secure holding account", "fund the
//! shortfall") slips past it. Here a step is two concept classes close together in one
//! sentence: a money-movement verb and a money object make an ask for money, an
//! authority domain and an office make a fake-authority pretext, a keeping verb and a
//! secret make secrecy. Each class is a table of words; a rule pairs two classes with
//! the step, families, tactic, reason and confidence it stands for, as the step phrases
//! of [`crate::scripts`] do. The families pass counts these steps like phrase steps
//! (warnings cancel them but secrecy), and the evidence names the step's reason with the
//! span from the first word to the second.

use crate::scripts::{ACQUAINTANCE, AUTHORITY, Families, INVESTMENT, LOAN, SERVICE, Step, TASK};
use crate::{ReasonCode as R, Tactic as T};

/// A class of words standing for one concept. An entry is one or more words; a final
/// `*` matches any ending of the last word ("saving*": saving, savings).
type Class = &'static [&'static str];

/// Verbs that move money somewhere (imperatives and infinitives, not past tenses: "I've
/// sent you the 150 back" reports, it does not ask).
const MOVE: Class = &[
    "send",
    "transfer",
    "move",
    "relocate",
    "shift",
    "deposit",
    "wire",
    "park",
    "place",
    "put",
    "load",
    "fund",
    "top up",
    "top-up",
    "topup",
    "recharge",
    "replenish",
];

/// Verbs that pay something off.
const PAY: Class = &[
    "pay",
    "cover",
    "settle",
    "clear",
    "top up",
    "top-up",
    "topup",
    "recharge",
    "replenish",
    "fund",
    "make a",
    "make the",
];

/// The victim's money as a whole.
const MONEY: Class = &[
    "balance",
    "funds",
    "saving*",
    "deposits",
    "money",
    "cash",
    "usdt",
    "usdc",
    "crypto",
    "bitcoin",
    "remaining",
    "everything",
    "whole amount",
    "assets",
];

/// A charge that stands between the victim and something promised or threatened.
const FEE: Class = &[
    "fee",
    "fees",
    "charge",
    "duty",
    "tax",
    "shortfall",
    "deficit",
    "gap",
    "difference",
    "bail",
    "bond",
    "invoice",
    "deposit",
    "thaw",
    "unfreez*",
    "clearance",
    "insurance",
    "outstanding",
    "negative",
];

/// Adjectives that make an account a place the victim's money is "safe".
const SHIELD: Class = &[
    "safe",
    "secure",
    "secured",
    "protected",
    "protection",
    "shielded",
    "safekeeping",
    "holding",
    "custody",
    "custodial",
    "compliance",
    "supervis*",
    "temporary",
    "government",
    "federal",
    "reserve",
    "escrow",
];

/// Where money is kept.
const ACCOUNT: Class = &[
    "account", "accounts", "wallet", "wallets", "vault", "address",
];

/// The domain of an investigating authority.
const DOMAIN: Class = &[
    "fraud",
    "crime",
    "crimes",
    "criminal",
    "cyber",
    "cybercrime",
    "laundering",
    "anti-money-laundering",
    "aml",
    "police",
    "customs",
    "revenue",
    "enforcement",
    "investigation*",
    "federal",
    "national",
    "financial",
];

/// An office or officer of an authority.
const OFFICE: Class = &[
    "bureau",
    "division",
    "unit",
    "squad",
    "task force",
    "office",
    "officer",
    "inspector",
    "detective",
    "agent",
    "agency",
    "department",
    "investigator",
];

/// Verbs of keeping something to oneself.
const KEEP: Class = &[
    "keep it",
    "keep this",
    "keep that",
    "keep everything",
    "keep all",
    "keep our",
    "stay",
    "stays",
    "remain",
    "remains",
    "handle",
];

/// What is kept: a secret.
const SECRET: Class = &[
    "quiet",
    "quietly",
    "confidential",
    "secret",
    "between us",
    "off email",
    "to yourself",
    "discreet",
    "discreetly",
    "hush",
];

/// Telling someone: what secrecy forbids.
const TELL_NOT: Class = &["don't", "do not", "dont", "nobody", "no one"];

/// Verbs of telling.
const TELL: Class = &[
    "tell", "mention", "discuss", "speak", "call", "word", "inform",
];

/// Doing something with money.
const HANDLE: Class = &[
    "send", "transfer", "wire", "pay", "settle", "buy", "move", "process", "handle",
];

/// Doing it without others knowing.
const UNSEEN: Class = &[
    "discreetly",
    "quietly",
    "secretly",
    "confidentially",
    "privately",
];

/// Verbs that send an amount ("deposit 1,840", "wire 12,500"); not "put" or "pay", which
/// share out ("let's each put in 20") or settle known bills.
const REMIT: Class = &["send", "transfer", "deposit", "wire", "remit", "zelle"];

/// A number: an amount when it follows a verb that sends money.
const AMOUNT: Class = &["#"];

/// Verbs that set money free.
const RELEASE: Class = &[
    "release", "unlock", "unfreeze", "withdraw", "free", "cash out",
];

/// Money promised to the victim, held back until a fee is paid.
const PAYOUT: Class = &[
    "payout",
    "payouts",
    "earnings",
    "commission",
    "commissions",
    "profit",
    "profits",
    "winnings",
    "bonus",
    "loan",
    "frozen",
];

/// Handing something over to the sender.
const HAND_OVER: Class = &[
    "read out", "read me", "give me", "send me", "tell me", "text me", "forward", "share",
    "give us", "send us",
];

/// Codes that unlock an account or a card.
const CODE: Class = &[
    "code",
    "codes",
    "otp",
    "passcode",
    "pin",
    "numbers on the back",
];

/// Putting an app on the victim's device.
const INSTALL: Class = &["install", "download", "open", "allow", "get", "use"];

/// Tools that let another person control or watch the device.
const REMOTE: Class = &[
    "screen-sharing",
    "screen sharing",
    "screenshare",
    "remote access",
    "remote-access",
    "anydesk",
    "teamviewer",
    "quicksupport",
    "rustdesk",
    "supremo",
    "ultraviewer",
];

/// A concept rule: two classes in one sentence, the second within `window` words after
/// the first (`either`: in either order), and the step they make.
pub(crate) struct Rule {
    pub first: Class,
    pub second: Class,
    pub window: usize,
    pub either: bool,
    pub families: Families,
    pub step: Step,
    pub tactic: T,
    pub reason: R,
    pub conf: f32,
}

/// The money asks of every family but callbacks (which ask for a call).
const ASKING: Families = AUTHORITY | LOAN | SERVICE | ACQUAINTANCE | TASK | INVESTMENT;

/// Every concept rule.
pub(crate) const RULES: &[Rule] = &[
    // "relocate them to the secure holding account": money moved to a "safe" place.
    Rule {
        first: SHIELD,
        second: ACCOUNT,
        window: 2,
        either: false,
        families: AUTHORITY | SERVICE | LOAN,
        step: Step::Ask,
        tactic: T::PaymentInstruction,
        reason: R::PaymentTransfer,
        conf: 0.6,
    },
    // "shift your remaining balance", "park your USDT", "fund the account with savings".
    Rule {
        first: MOVE,
        second: MONEY,
        window: 3,
        either: false,
        families: ASKING,
        step: Step::Ask,
        tactic: T::PaymentInstruction,
        reason: R::PaymentTransfer,
        conf: 0.5,
    },
    // "deposit 1,840 to the platform", "wire 12,500 to the vendor".
    Rule {
        first: REMIT,
        second: AMOUNT,
        window: 2,
        either: false,
        families: ASKING,
        step: Step::Ask,
        tactic: T::PaymentInstruction,
        reason: R::PaymentTransfer,
        conf: 0.5,
    },
    // "release the payout", "the system unlocks your frozen earnings": the promise an
    // advance fee stands before.
    Rule {
        first: RELEASE,
        second: PAYOUT,
        window: 3,
        either: false,
        families: LOAN | TASK | INVESTMENT,
        step: Step::Pressure,
        tactic: T::QuidProQuo,
        reason: R::QuidProQuoFee,
        conf: 0.4,
    },
    // "read out the code we send", "send me the codes".
    Rule {
        first: HAND_OVER,
        second: CODE,
        window: 3,
        either: false,
        families: SERVICE | AUTHORITY | ACQUAINTANCE | LOAN,
        step: Step::Ask,
        tactic: T::SecretRequest,
        reason: R::SecretCode,
        conf: 0.5,
    },
    // "install the screen-sharing app", "allow our technician remote access".
    Rule {
        first: INSTALL,
        second: REMOTE,
        window: 4,
        either: false,
        families: SERVICE | AUTHORITY,
        step: Step::Ask,
        tactic: T::SecretRequest,
        reason: R::SecretRemote,
        conf: 0.6,
    },
    // "cover the insurance fee", "top up the shortfall", "make a thaw payment".
    Rule {
        first: PAY,
        second: FEE,
        window: 4,
        either: false,
        families: ASKING,
        step: Step::Ask,
        tactic: T::QuidProQuo,
        reason: R::QuidProQuoFee,
        conf: 0.5,
    },
    // "National Fraud Bureau", "Financial Crimes Division", "customs officer".
    Rule {
        first: DOMAIN,
        second: OFFICE,
        window: 2,
        either: false,
        families: AUTHORITY,
        step: Step::Pretext,
        tactic: T::Pretexting,
        reason: R::PretextAuthority,
        conf: 0.5,
    },
    // "keep it quiet", "stays between us", "handle a supplier payment quietly".
    Rule {
        first: KEEP,
        second: SECRET,
        window: 4,
        either: false,
        families: AUTHORITY | ACQUAINTANCE | INVESTMENT,
        step: Step::Pressure,
        tactic: T::Urgency,
        reason: R::UrgencyLegal,
        conf: 0.5,
    },
    // "settle an invoice discreetly", "wire it quietly".
    Rule {
        first: HANDLE,
        second: UNSEEN,
        window: 5,
        either: false,
        families: AUTHORITY | ACQUAINTANCE | INVESTMENT,
        step: Step::Pressure,
        tactic: T::Urgency,
        reason: R::UrgencyLegal,
        conf: 0.5,
    },
    // "don't mention it to dad", "not a word to the team", "tell nobody".
    Rule {
        first: TELL_NOT,
        second: TELL,
        window: 2,
        either: true,
        families: AUTHORITY | ACQUAINTANCE | INVESTMENT,
        step: Step::Pressure,
        tactic: T::Urgency,
        reason: R::UrgencyLegal,
        conf: 0.5,
    },
];

/// A word of the text: its byte span and its lowercase form ('’' read as '\'').
struct Word {
    start: usize,
    end: usize,
    lower: String,
    /// The number of the sentence it is in.
    sentence: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// The words of `text` with their sentences: `.`, `!`, `?`, `;` and line breaks end a
/// sentence (a `.` between digits does not: "1.99").
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut sentence = 0;
    let mut start: Option<usize> = None;
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        // "1,840", "1.99": one number.
        let inside_number =
            matches!(c, ',' | '.') && prev.is_ascii_digit() && next.is_ascii_digit();
        if is_word_char(c) || (inside_number && start.is_some()) {
            start.get_or_insert(i);
        } else {
            if let Some(s) = start.take() {
                push(&mut out, text, s, i, sentence);
            }
            let ends = matches!(c, '!' | '?' | ';' | '\n' | '。' | '！' | '？' | '；')
                || (c == '.' && !(prev.is_ascii_digit() && next.is_ascii_digit()));
            if ends {
                sentence += 1;
            }
        }
        prev = c;
    }
    if let Some(s) = start {
        push(&mut out, text, s, text.len(), sentence);
    }
    out
}

fn push(out: &mut Vec<Word>, text: &str, s: usize, e: usize, sentence: usize) {
    let raw = text[s..e].trim_matches(['\'', '’', '-']);
    if raw.is_empty() {
        return;
    }
    let lead = text[s..e].len() - text[s..e].trim_start_matches(['\'', '’', '-']).len();
    let start = s + lead;
    out.push(Word {
        start,
        end: start + raw.len(),
        lower: raw.to_ascii_lowercase().replace('’', "'"),
        sentence,
    });
}

/// Every class the rules use, and for each word that can begin an entry, the entries
/// it begins: built once, so that a text's words are looked up once each instead of
/// compared with every entry of every class ([`Memo`]).
struct Index {
    /// A class's number, by its address and length (see [`key`]).
    classes: std::collections::HashMap<(usize, usize), usize>,
    /// Entries (their words) by their first word, with their class's number.
    exact: std::collections::HashMap<&'static str, Vec<(usize, Vec<&'static str>)>>,
    /// Entries whose first word is a number (`#`) or a stem (`saving*`).
    loose: Vec<(usize, Vec<&'static str>)>,
}

fn index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut ix = Index {
            classes: std::collections::HashMap::new(),
            exact: std::collections::HashMap::new(),
            loose: Vec::new(),
        };
        let all = RULES
            .iter()
            .flat_map(|r| [r.first, r.second])
            .chain([REPORTING, OWNED]);
        for class in all {
            let next = ix.classes.len();
            let c = *ix.classes.entry(key(class)).or_insert(next);
            if c != next {
                continue;
            }
            for entry in class {
                let parts: Vec<&'static str> = entry.split(' ').collect();
                let first = parts.first().copied().unwrap_or_default();
                if first == "#" || (parts.len() == 1 && first.ends_with('*')) {
                    ix.loose.push((c, parts));
                } else {
                    ix.exact.entry(first).or_default().push((c, parts));
                }
            }
        }
        ix
    })
}

fn key(class: Class) -> (usize, usize) {
    (class.as_ptr() as usize, class.len())
}

/// Where each class of [`index`] matches in one text: for each class, at each word, how
/// many words its longest entry starting there covers.
struct Memo {
    /// One byte a cell (an entry covers a few words): a 64 KiB text of one-letter words
    /// costs its classes a few megabytes, not tens.
    rows: Vec<Vec<Option<u8>>>,
}

impl Memo {
    fn new(words: &[Word]) -> Memo {
        let ix = index();
        let mut rows = vec![vec![None; words.len()]; ix.classes.len()];
        for (i, w) in words.iter().enumerate() {
            let exact = ix
                .exact
                .get(w.lower.as_str())
                .map_or(&[][..], Vec::as_slice);
            for (c, parts) in exact.iter().chain(&ix.loose) {
                if let Some(n) = parts_at(parts, words, i) {
                    let c = *c;
                    let n = u8::try_from(n).unwrap_or(u8::MAX);
                    let cell = &mut rows[c][i];
                    *cell = Some(cell.map_or(n, |m: u8| m.max(n)));
                }
            }
        }
        Memo { rows }
    }

    /// The matches of `class` at each word: looked up once per rule, then each word in
    /// constant time (a class outside the index, which the rules never use, is matched
    /// here word by word).
    fn row(&self, class: Class, words: &[Word]) -> std::borrow::Cow<'_, [Option<u8>]> {
        match index().classes.get(&key(class)) {
            Some(&c) => std::borrow::Cow::Borrowed(&self.rows[c]),
            None => (0..words.len())
                .map(|i| at(class, words, i).map(|n| u8::try_from(n).unwrap_or(u8::MAX)))
                .collect(),
        }
    }
}

/// Whether the entry's words `parts` match from `words[i]`, in one sentence: how many.
fn parts_at(parts: &[&str], words: &[Word], i: usize) -> Option<usize> {
    let first = words.get(i)?;
    let n = parts.len();
    let span = words.get(i..i + n)?;
    parts
        .iter()
        .zip(span)
        .enumerate()
        .all(|(k, (p, w))| w.sentence == first.sentence && matches(p, &w.lower, k + 1 == n))
        .then_some(n)
}

/// How many words `entry` covers from `words[i]`, if it matches there (in one sentence).
fn entry_at(entry: &str, words: &[Word], i: usize) -> Option<usize> {
    let first = words.get(i)?;
    let n = entry.split(' ').count();
    let span = words.get(i..i + n)?;
    entry
        .split(' ')
        .zip(span)
        .enumerate()
        .all(|(k, (p, w))| w.sentence == first.sentence && matches(p, &w.lower, k + 1 == n))
        .then_some(n)
}

/// How many words of `class` start at `words[i]`, if one does (the longest entry).
fn at(class: Class, words: &[Word], i: usize) -> Option<usize> {
    let first = words.get(i)?;
    class
        .iter()
        .filter_map(|entry| {
            // Most entries fail on their first byte: test it before anything else.
            let &lead = entry.as_bytes().first()?;
            if lead != b'#' && first.lower.as_bytes().first() != Some(&lead) {
                return None;
            }
            entry_at(entry, words, i)
        })
        .max()
}

/// Whether a word of a class entry matches a word of the text: `#` any number, a final
/// `*` any ending of the entry's last word.
fn matches(part: &str, word: &str, last: bool) -> bool {
    if part == "#" {
        return word.starts_with(|c: char| c.is_ascii_digit());
    }
    match part.strip_suffix('*') {
        Some(stem) if last => word.starts_with(stem),
        _ => word == part,
    }
}

/// Words that report someone else's request ("they ask you to move", "asking to pay").
const REPORTING: Class = &[
    "ask",
    "asks",
    "asked",
    "asking",
    "tell",
    "tells",
    "told",
    "telling",
    "needed",
    "wanted",
    "wants",
    "want",
    "claim",
    "claims",
    "claiming",
    "urge",
    "urged",
    "urging",
    "pressure",
    "pressured",
    "demand",
    "demanded",
    "demanding",
    "instruct",
    "instructed",
];

/// Whether the word at `i` is the object of a reporting verb within the three words
/// before it, in its sentence.
fn reported(reporting: &[Option<u8>], words: &[Word], i: usize) -> bool {
    (i.saturating_sub(3)..i)
        .filter(|&j| words[j].sentence == words[i].sentence)
        .any(|j| reporting[j].is_some())
}

/// Words that make an adjective a verb's object ("secure your account"): a protected
/// account is named with an article or nothing, not with a possessive.
const OWNED: Class = &["your", "my", "his", "her", "their", "its"];

/// The first occurrence of `second` within `window` words after the `n` words at `i`,
/// in the same sentence: the index past its last word.
fn after(
    seconds: &[Option<u8>],
    words: &[Word],
    i: usize,
    n: usize,
    window: usize,
) -> Option<usize> {
    let from = i + n;
    (from..(from + window).min(words.len()))
        .take_while(|&j| words[j].sentence == words[i].sentence)
        .find_map(|j| seconds[j].map(|m| j + usize::from(m)))
}

/// Every concept step in `text` (English words): byte spans and their rule.
pub(crate) fn steps(text: &str) -> Vec<(usize, usize, &'static Rule)> {
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let words = words(text);
    let memo = Memo::new(&words);
    let reporting = memo.row(REPORTING, &words);
    let owned = memo.row(OWNED, &words);
    let mut out = Vec::new();
    for rule in RULES {
        let firsts = memo.row(rule.first, &words);
        if firsts.iter().all(Option::is_none) {
            continue;
        }
        let seconds = memo.row(rule.second, &words);
        for i in 0..words.len() {
            let Some(n) = firsts[i].map(usize::from) else {
                continue;
            };
            // "ask you to move money", "she needed to move her money": an ask reported,
            // not made.
            // "your deposit of 1,000.00": a noun, not a verb.
            let noun = words
                .get(i + n)
                .is_some_and(|w| w.lower == "of" && w.sentence == words[i].sentence);
            if rule.step == Step::Ask && (noun || reported(&reporting, &words, i)) {
                continue;
            }
            // "secure your account" secures it; "the secure account" is a place.
            if rule.first == SHIELD
                && words
                    .get(i + n)
                    .is_some_and(|w| owned[i + n].is_some() && w.sentence == words[i].sentence)
            {
                continue;
            }
            if let Some(end) = after(&seconds, &words, i, n, rule.window) {
                out.push((words[i].start, words[end - 1].end, rule));
                break;
            }
            if rule.either
                && let Some(m) = (i.saturating_sub(rule.window)..i)
                    .filter(|&j| words[j].sentence == words[i].sentence)
                    .find(|&j| seconds[j].is_some_and(|m| j + usize::from(m) <= i))
            {
                out.push((words[m].start, words[i + n - 1].end, rule));
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reasons and steps found in `text`.
    fn found(text: &str) -> Vec<(Step, &str)> {
        steps(text)
            .into_iter()
            .map(|(s, e, r)| (r.step, &text[s..e]))
            .collect()
    }

    #[test]
    fn concept_steps_table() {
        use Step::*;
        let cases: &[(&str, &[(Step, &str)])] = &[
            (
                "Please fund the shortfall today.",
                &[(Ask, "fund the shortfall")],
            ),
            (
                "Relocate them to the secure holding account we give you.",
                &[(Ask, "secure holding account")],
            ),
            (
                "Settle an invoice discreetly, I'll explain later.",
                &[
                    (Ask, "Settle an invoice"),
                    (Pressure, "Settle an invoice discreetly"),
                ],
            ),
            (
                "Shift your remaining balance into a wallet.",
                &[(Ask, "Shift your remaining")],
            ),
            (
                "This is the Financial Crimes Division calling.",
                &[(Pretext, "Financial Crimes Division")],
            ),
            ("Keep this quiet for now.", &[(Pressure, "Keep this quiet")]),
            // Keeping one's own code secret is advice, not secrecy about the sender.
            ("Keep your PIN secret and private.", &[]),
            ("Don't mention it to dad.", &[(Pressure, "Don't mention")]),
            ("Tell nobody about it.", &[(Pressure, "Tell nobody")]),
            (
                "Top-up the negative amount to withdraw.",
                &[(Ask, "Top-up the negative")],
            ),
            // A verb secures the reader's account; a place is "the secure account".
            ("Secure your account at the site.", &[]),
            // Asks reported, not made.
            ("Criminals ask you to move money to keep it safe.", &[]),
            ("She needed to move her savings.", &[]),
            (
                "Deposit 1,840 to the platform to release the payout.",
                &[(Ask, "Deposit 1,840"), (Pressure, "release the payout")],
            ),
            (
                "Please read out the code we send.",
                &[(Ask, "read out the code")],
            ),
            (
                "Install the screen-sharing app now.",
                &[(Ask, "Install the screen-sharing")],
            ),
            ("Your deposit of 1,000.00 USD has been credited.", &[]),
            // Sharing out a gift is not a transfer of an amount.
            ("Let's each put in 20 for the flowers.", &[]),
            // Past tenses report; they do not ask.
            ("I've sent you the 150 back.", &[]),
            ("I moved 500 from savings into the joint account.", &[]),
            // A sentence end separates the classes.
            ("Please pay. The fee table is online.", &[]),
            // Decimal points do not end a sentence.
            ("Clear the 1.99 duty now", &[(Ask, "Clear the 1.99 duty")]),
            // Chinese has no English concept words.
            ("请把钱转到安全账户", &[]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), want.to_vec(), "{text}");
        }
    }
}
