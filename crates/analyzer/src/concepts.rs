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
//!
//! Words are read as classes need them: a hyphen splits ("government-protected"), an
//! amount keeps its currency sign or percent ("$500", "3%"), a possessive "'s" is dropped
//! ("my uncle's"). A step is someone else's, or denied, when a third person's word or a
//! negation stands between its two words ("get *their* money back", "returns are *not*
//! guaranteed"), or a negation just before an ask or a pretext ("*no* upfront fees",
//! "*nobody* from HR").

use crate::scripts::{
    ACQUAINTANCE, AUTHORITY, CALLBACK, Families, INVESTMENT, LOAN, SERVICE, Step, TASK,
};
use crate::{ReasonCode as R, Tactic as T};
use Step::{Ask, Pressure, Pretext};

/// A class of words standing for one concept. An entry is one or more words; a final
/// `*` matches any ending of the last word ("saving*": saving, savings). Classes are
/// statics, not constants: the index knows a class by its address, and a constant may
/// be copied wherever it is used (then every lookup fell back to a scan of the class).
type Class = &'static [&'static str];

/// Verbs that move money somewhere (imperatives and infinitives, not past tenses: "I've
/// sent you the 150 back" reports, it does not ask).
static MOVE: Class = &[
    "add",
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
    "topup",
    "recharge",
    "replenish",
];

/// Verbs that pay something off.
static PAY: Class = &[
    "pay",
    "cover",
    "settle",
    "clear",
    "top up",
    "topup",
    "recharge",
    "replenish",
    "fund",
    "make a",
    "make the",
    "make up",
    "submit",
];

/// The victim's money as a whole.
static MONEY: Class = &[
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
    "coins",
    "tokens",
    "holdings",
    "portfolio",
    "your crypto",
    "your eth",
    "your btc",
];

/// A charge that stands between the victim and something promised or threatened.
static FEE: Class = &[
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
    "levy",
    "premium",
    "retainer",
    "surcharge",
    "penalty",
    "fine",
    "debt",
    "debts",
    "arrears",
    "settlement",
    "upgrade",
];

/// Adjectives that make an account a place the victim's money is "safe".
static SHIELD: Class = &[
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
    "verification",
    "validation",
    "activation",
    "designated",
    "audit",
    "monitored",
    "partner",
    "migration",
    "payroll",
    "cold",
];

/// Where money is kept.
static ACCOUNT: Class = &[
    "account", "accounts", "wallet", "wallets", "vault", "address",
];

/// The domain of an investigating authority.
static DOMAIN: Class = &[
    "fraud",
    "crime",
    "crimes",
    "criminal",
    "cyber",
    "cybercrime",
    "laundering",
    "aml",
    "police",
    "customs",
    "revenue",
    "enforcement",
    "investigation*",
    "federal",
    "national",
    "financial",
    "recovery",
    "asset",
    "tax",
    "immigration",
    "border",
    "visa",
];

/// An office or officer of an authority.
static OFFICE: Class = &[
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
    "authority",
    "authorities",
    "team",
    "centre",
    "center",
    "command",
    "commission",
    "ministry",
    "court",
    "administration",
    "directorate",
    "inspectorate",
    "prosecutor*",
    "marshal*",
    "regulator",
    "watchdog",
    "tribunal",
];

/// Verbs of keeping something to oneself.
static KEEP: Class = &[
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
static SECRET: Class = &[
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
static TELL_NOT: Class = &[
    "don't",
    "do not",
    "dont",
    "nobody",
    "no one",
    "must not",
    "mustn't",
    "should not",
    "shouldn't",
];

/// Verbs of telling.
static TELL: Class = &[
    "tell", "mention", "discuss", "speak", "call", "word", "inform", "talk", "say", "loop",
    "involve", "alert", "notify", "find out",
];

/// Doing something with money.
static HANDLE: Class = &[
    "send",
    "transfer",
    "wire",
    "pay",
    "settle",
    "buy",
    "move",
    "process",
    "handle",
    "take care of",
    "deal with",
    "sort out",
];

/// Doing it without others knowing.
static UNSEEN: Class = &[
    "discreetly",
    "quietly",
    "secretly",
    "confidentially",
    "privately",
];

/// Verbs that send an amount ("deposit 1,840", "wire 12,500"); not "put" or "pay", which
/// share out ("let's each put in 20") or settle known bills.
static REMIT: Class = &[
    "send",
    "transfer",
    "deposit",
    "wire",
    "remit",
    "zelle",
    "recharge",
    "top up",
    "topup",
    "replenish",
    "topping up",
    "lend me",
    "paying",
    "prepay",
    "pre pay",
];

/// A number: an amount when it follows a verb that sends money.
static AMOUNT: Class = &["#"];

/// Verbs that set money free.
static RELEASE: Class = &[
    "release", "unlock", "unfreeze", "withdraw", "free", "cash out", "pay out", "unlocks",
    "unlock", "take out",
];

/// Money set free, said after it ("all commissions are released", "the 86,000 can be
/// released"): the same promise in the passive.
static RELEASED: Class = &[
    "released",
    "unlocked",
    "unfrozen",
    "withdrawable",
    "withdrawn",
    "will arrive",
    "will land",
    "will be credited",
    "will be paid out",
];

/// Money promised to the victim, held back until a fee is paid.
static PAYOUT: Class = &[
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
    "earned",
    "principal",
    "withdrawal",
    "assets",
    "wages",
    "salary",
];

/// The promised money, or an amount of it, before a verb of setting it free.
static PAYOUT_OR_AMOUNT: Class = &[
    "payout",
    "payouts",
    "earnings",
    "commission",
    "commissions",
    "profit",
    "profits",
    "winnings",
    "bonus",
    "principal",
    "#",
];

/// Handing something over to the sender.
static HAND_OVER: Class = &[
    "read out",
    "read me",
    "give me",
    "send me",
    "tell me",
    "text me",
    "forward",
    "share",
    "give us",
    "send us",
    "read it back",
    "read it to me",
    "read back",
    "reply with",
    "reply w",
    "pass on",
    "pass it on",
    "pass it to me",
    "pass it back",
    "send it back",
    "send back",
    "send it to me",
    "forward it",
    "forward it to me",
];

/// Codes that unlock an account or a card.
static CODE: Class = &[
    "code",
    "codes",
    "2fa",
    "authenticator",
    "otp",
    "passcode",
    "pin",
    "numbers on the back",
    "digit number",
];

/// Putting an app on the victim's device.
static INSTALL: Class = &[
    "install", "download", "open", "allow", "get", "use", "enter", "type",
];

/// Tools that let another person control or watch the device.
static REMOTE: Class = &[
    "screen sharing",
    "screenshare",
    "remote access",
    "anydesk",
    "teamviewer",
    "quicksupport",
    "rustdesk",
    "supremo",
    "ultraviewer",
    "session code",
    "session id",
    "connection code",
    "support code",
    // Not meeting apps: "open Zoom at three" is a meeting; a scam's Zoom call is caught by
    // its screen sharing or its control app.
    "remote tool",
    "remote control",
];

/// Verbs that put money into an account or a platform.
static TOP_UP: Class = &[
    "add",
    "recharge",
    "top up",
    "topup",
    "load",
    "fund",
    "replenish",
    "deposit",
    "send",
    "transfer",
    "wire",
    "invest",
    "stake",
];

/// An amount with its currency ("260 USDT", "$500", "5k"): money even without a money
/// noun ("add 260 USDT to your account").
static CASH_AMOUNT: Class = &[
    "¤",
    "# usdt",
    "# usdc",
    "# usd",
    "# btc",
    "# eth",
    "# bnb",
    "# trx",
    "# sol",
    "# gbp",
    "# eur",
    "# dollars",
    "# pounds",
    "# euros",
    "# bucks",
    "# quid",
];

/// Giving money back that the sender says was paid by mistake.
static GIVE_BACK: Class = &[
    "return",
    "send back",
    "pay back",
    "give back",
    "transfer back",
    "reverse",
];

/// A paper payment to the reader (the mystery-shopper and overpayment scripts).
static CHEQUE: Class = &[
    "cheque",
    "cheques",
    "check for",
    "money order",
    "cashier check",
    "cashier cheque",
    "certified check",
];

/// What the reader does with the cheque, or how it reaches them.
static CHEQUE_ARRIVES: Class = &[
    "deposit",
    "deposited",
    "cash",
    "clears",
    "cleared",
    "mail you",
    "send you",
    "post you",
    "courier you",
    // "you will receive a check for $2,950".
    "receive",
    "will receive",
    "you'll receive",
];

/// The part of a sum left after the reader's share ("use the rest", "the remaining
/// balance").
static THE_REST: Class = &[
    "the rest",
    "the remaining",
    "the remaining balance",
    "the remaining funds",
    "the remainder",
    "the balance",
    "what is left",
    "the leftover",
];

/// Spending it or sending it on.
static SPEND_ON: Class = &[
    "buy",
    "purchase",
    "wire",
    "send",
    "transfer",
    "use",
    "send back",
    "wire back",
    "return",
];

/// Money paid by mistake (the overpayment refund scam).
static EXCESS: Class = &[
    "surplus",
    "excess",
    "overpayment",
    "overpaid",
    "extra",
    "mistaken",
    "accidental",
    "erroneous",
    "difference",
    "remainder",
    "overage",
    "too much",
    "wrong amount",
    "extra amount",
];

/// Charges named as such.
static CHARGE: Class = &[
    "deposit",
    "fee",
    "fees",
    "levy",
    "premium",
    "retainer",
    "surcharge",
    "penalty",
    "upgrade",
    "activation",
    "tax",
    "taxes",
    "margin",
    "guarantee",
    "collateral",
    "bond",
    "payment",
];

/// A charge demanded before anything else, said after it ("is required upfront", "must
/// be paid", "charges a small fee first").
static DUE: Class = &[
    "must be paid",
    "must be settled",
    "needs to be paid",
    "has to be paid",
    "is required",
    "are required",
    "upfront",
    "up front",
    "in advance",
    "first",
    "beforehand",
    "must be made",
    "must be sent",
    "must be deposited",
    "must be transferred",
    "is needed",
    "are needed",
    "needed",
    "applies",
    "apply",
];

/// A charge demanded, said before it ("the platform requires a one-time upgrade").
static REQUIRES: Class = &[
    "requires",
    "require",
    "required",
    "you must pay",
    "you need to pay",
    "you have to pay",
    "have to pay",
    "need to pay",
];

/// Getting lost money back.
static RECOVER: Class = &[
    "recover",
    "retrieve",
    "reclaim",
    "trace",
    "track down",
    "claw back",
    "get",
    "got",
    "getting",
    "recovered",
    "recovering",
    "traced",
    "located",
];

/// Money lost to a scam.
static LOST: Class = &[
    // "got mine back" (the recoverer's testimony), not "get it back" (any report).
    "mine back",
    "my # back",
    "my ¤ back",
    "it all back",
    "everything back",
    "lost",
    "stolen",
    "scammed",
    "defrauded",
    "missing",
    "money back",
    "funds back",
    "crypto back",
    "coins back",
    "locked",
    "frozen",
];

/// Taking cash out of the bank.
static CASH_OUT: Class = &[
    "withdraw",
    "take out",
    "draw out",
    "withdrawing",
    "taking out",
];

/// Cash as such.
static CASH: Class = &[
    "cash",
    "money",
    "savings",
    "funds",
    "everything",
    "all of it",
    "it all",
];

/// Handing something over in person.
static HAND: Class = &["hand", "give", "pass", "handing", "giving"];

/// Someone sent to collect it.
static COLLECTOR: Class = &[
    "courier",
    "officer",
    "agent",
    "driver",
    "collector",
    "representative",
    "associate",
];

/// Getting in touch with someone.
static CONTACT: Class = &[
    "call",
    "ring",
    "phone",
    "dial",
    "contact",
    "reach",
    "talk to",
    "speak to",
    "speak with",
    "get in touch with",
    "message",
    "text",
    "whatsapp",
];

/// A desk that answers (a callback's number).
static HELPDESK: Class = &[
    "advisor",
    "adviser",
    "representative",
    "operator",
    "consultant",
    "someone",
    "support",
    "team",
    "desk",
    "line",
    "helpline",
    "hotline",
    "department",
    "agent",
    "specialist",
    "centre",
    "center",
    "care",
    "us",
    "security",
    "billing",
    "dispute",
    "disputes",
    "cancellation",
    "refund",
    "refunds",
    "fraud",
    "office",
    "protection",
];

/// Denial of an event ("not you", "don't recognise", "not authorised by you").
static NOT: Class = &[
    "not", "didn't", "did not", "don't", "do not", "wasn't", "was not", "weren't",
];

/// The reader as the one who acted.
static BY_YOU: Class = &[
    "you",
    "authoris*",
    "authoriz*",
    "recognis*",
    "recogniz*",
    "request*",
    "initiate*",
    "made",
    "make",
    "do",
    "perform*",
    "your",
    "yours",
];

/// Events of an account that alarm.
static EVENT: Class = &[
    "phone number",
    "2fa",
    "recovery email",
    "api key",
    "whitelist",
    "withdrawal address",
    "withdrawal",
    "withdrawals",
    "transfer",
    "payment",
    "purchase",
    "login",
    "sign in",
    "order",
    "renewal",
    "charge",
    "email",
    "password",
    "payee",
    "device",
    "transaction",
    "plan",
    "subscription",
    "membership",
    "licence",
    "license",
];

/// States of such an event.
static STATE: Class = &[
    "pending",
    "turned off",
    "turned on",
    "switched off",
    "deactivated",
    "updated",
    "modified",
    "added",
    "removed",
    "reset",
    "started",
    "attempted",
    "activated",
    "disabled",
    "linked",
    "awaiting",
    "submitted",
    "on hold",
    "under review",
    "being processed",
    "scheduled",
    "processed",
    "initiated",
    "requested",
    "changed",
    "detected",
    "approved",
    "queued",
    "charged",
    "debited",
    "placed",
    "renewed",
    "new",
    "renewed",
    "authorised",
    "authorized",
    "confirmed",
    // Held by "us", the caller ("we've paused a transfer"), not a maintenance notice's
    // "withdrawals will be paused".
    "we've paused",
    "we have paused",
    "we paused",
    "we've held",
    "we have held",
    "we've stopped",
    "we have stopped",
    "flagged",
    "scheduled for closure",
    "scheduled for permanent closure",
    "scheduled for suspension",
    "scheduled for termination",
];

/// Handing over a wallet's words.
static ENTER: Class = &[
    "enter",
    "type",
    "fill in",
    "submit",
    "provide",
    "reply with",
    "send",
    "share",
    "give",
    "confirm",
    "verify",
    "validate",
    "import",
    "input",
    "paste",
    "tell",
    "read out",
    "sync",
];

/// A wallet's secret words.
static SEED: Class = &[
    "seed",
    "recovery sheet",
    "recovery card",
    "backup card",
    "backup sheet",
    "seed phrase",
    "passphrase",
    "wallet phrase",
    "your phrase",
    "keystore",
    "backup words",
    "words on your card",
    "words from your card",
    "twelve words",
    "twenty four words",
    "twenty-four words",
    "secret phrase",
    "recovery phrase",
    "recovery words",
    "mnemonic",
    "private key",
    "private keys",
    "# words",
    "# word",
    "recovery key",
    "backup phrase",
    "secret key",
    "wallet key",
    "secret words",
    "seed words",
    "# secret words",
];

/// Verbs of what may happen to money.
static BE: Class = &[
    "will be",
    "may be",
    "could be",
    "would be",
    "might be",
    "be",
    "get",
    "being",
    "is",
    "are",
    "has been",
    "have been",
    "gets",
];

/// What may happen to it.
static LOSS: Class = &[
    "lost",
    "seized",
    "confiscated",
    "frozen",
    "forfeited",
    "wiped",
    "deleted",
    "burned",
    "liquidated",
    "on hold",
    "suspended",
    "deactivated",
];

/// A contact by mistake: the pig-butchering opener.
static WRONG: Class = &["wrong", "mistaken", "meant for", "intended for"];

/// What was mistaken.
static RECIPIENT: Class = &[
    "number", "person", "contact", "chat", "this", "message", "text",
];

/// Meeting someone.
static MET: Class = &["met", "talked", "chatted", "chatting", "spoke", "matched"];

/// Where people meet.
static VENUE: Class = &[
    "conference",
    "summit",
    "expo",
    "event",
    "party",
    "wedding",
    "gym",
    "yoga",
    "meetup",
    "seminar",
    "tinder",
    "hinge",
    "bumble",
    "last night",
];

/// Someone close who trades: the grooming's source of wealth.
static CLOSE: Class = &[
    "my uncle",
    "my aunt",
    "my auntie",
    "my aunty",
    "my godfather",
    "my tutor",
    "my coach",
    "my boss",
    "my husband",
    "my wife",
    "my grandpa",
    "my grandfather",
    "my mentor",
    "my cousin",
    "my teacher",
    "my brother",
    "my sister",
    "insider",
    "analyst",
    "professor",
    "my family",
    "my father",
    "my dad",
    "my friend",
    "my mother",
    "my mom",
    "my advisor",
    "my financial advisor",
    "my broker",
];

/// Trading and its tools.
static TRADING: Class = &[
    "fund",
    "hedge fund",
    "investment bank",
    "forex",
    "options",
    "stocks",
    "bitcoin",
    "trades",
    "trading",
    "signals",
    "platform",
    "pool",
    "arbitrage",
    "quant",
    "strategy",
    "mining",
    "crypto",
    "signal",
    "exchange",
    "contracts",
    "contract",
    "futures",
    "gold",
    "market",
];

/// Markets of investment lures.
static MARKET: Class = &[
    "crypto",
    "forex",
    "gold",
    "bitcoin",
    "btc",
    "futures",
    "ai",
    "quant",
    "copy",
    "quantitative",
];

/// Trading them.
static TRADE: Class = &[
    "trading",
    "trade",
    "investing",
    "arbitrage",
    "signals",
    "mining",
    "futures",
];

/// A percentage.
static PERCENT: Class = &["#%", "# %", "# percent", "# per cent"];

/// A short period: a rate per day, week or month is a promised return ("3% daily");
/// a rate per year is interest.
static PERIOD: Class = &[
    "every single day",
    "daily",
    "a day",
    "per day",
    "each day",
    "every day",
    "a week",
    "per week",
    "weekly",
    "each week",
    "every week",
    "a month",
    "per month",
    "monthly",
    "an hour",
    "per hour",
    "last month",
    "last week",
];

/// Doing a payment.
static MAKE: Class = &[
    "make",
    "handle",
    "take care of",
    "sort out",
    "sort",
    "push through",
    "organise",
    "organize",
    "process",
    "arrange",
    "initiate",
    "complete",
    "execute",
    "do",
    "sending",
    "making",
    "transferring",
    "approve",
    "authorise",
    "authorize",
    "action",
    "send out",
    "push",
];

/// A payment as a thing done.
static PAYMENT: Class = &[
    "payment",
    "transfer",
    "wire",
    "remittance",
    "settlement",
    "wire transfer",
    "bank transfer",
    "crypto transfer",
    "usdt transfer",
    "payment run",
    "funds transfer",
];

/// Asking help with a bill.
static HELP: Class = &[
    "help me with",
    "help me pay",
    "help with",
    "help me cover",
    "help me out with",
    "sort out",
    "sort",
];

/// Bills.
static BILL: Class = &[
    "bill", "payment", "invoice", "rent", "fee", "fine", "ticket", "deposit", "repair", "contract",
];

/// A loan or credit line.
static CREDIT: Class = &["loan", "credit", "application", "financing", "#"];

/// Granted.
static GRANTED: Class = &["approved", "granted", "passed", "accepted", "successful"];

/// Being glad of a new contact: the grooming's warmth.
static GLAD: Class = &["glad", "nice", "happy", "lovely", "pleasure"];

/// Talking.
static TALKING: Class = &[
    "meet",
    "met",
    "meeting",
    "talking",
    "chatting",
    "talk",
    "chat",
    "matched",
    "connected",
];

/// Rating things for money: the task scam's "job".
static RATE: Class = &[
    "rate",
    "rating",
    "review",
    "reviewing",
    "like",
    "liking",
    "boost",
    "boosting",
    "optimise",
    "optimize",
    "optimising",
    "optimizing",
    "follow",
    "following",
    "subscribe",
];

/// What is rated.
static ITEMS: Class = &[
    "movies",
    "films",
    "hotels",
    "products",
    "apps",
    "videos",
    "posts",
    "listings",
    "orders",
    "merchants",
    "restaurants",
    "channels",
    "accounts",
    "pages",
    "stores",
    "product",
];

/// Putting money into an account (with no money noun: "top up the work account").
static REFILL: Class = &[
    "recharge",
    "top up",
    "topup",
    "replenish",
    "fund",
    "topping up",
];

/// The reader.
static YOU: Class = &["you", "you've"];

/// What the reader supposedly did: a callback's alarming event.
static DID: Class = &[
    "sent",
    "paid",
    "purchased",
    "ordered",
    "bought",
    "subscribed",
    "transferred",
    "withdrew",
];

/// A mistake the sender claims.
static MISTAKE: Class = &[
    "accidentally",
    "mistakenly",
    "erroneously",
    "wrongly",
    "by mistake",
    "by accident",
];

/// Money that went to the reader.
static CREDITED: Class = &[
    "credited",
    "sent",
    "paid",
    "transferred",
    "deposited",
    "refunded",
];

/// Buying what scammers take as cash.
static BUY: Class = &["buy", "purchase", "pick up", "get me", "need", "grab"];

/// Cards whose codes are as good as cash.
static CARDS: Class = &[
    "google play",
    "steam",
    "apple gift",
    "apple cards",
    "itunes",
    "amazon gift",
    "amazon cards",
    "razer",
    "gift cards",
    "gift card",
    "vouchers",
    "store cards",
];

/// Stopping an alarming event: a callback's reason to call.
static TO_STOP: Class = &[
    "to stop",
    "to cancel",
    "to block",
    "to reverse",
    "to dispute",
    "to freeze",
    "to prevent",
];

/// What is stopped.
static IT: Class = &[
    "it",
    "this",
    "that",
    "the",
    "them",
    "renewal",
    "charge",
    "payment",
    "order",
    "transaction",
    "withdrawal",
];

/// A desk's number given: "reachable at +1 …", "on 0800 …".
static AT_NUMBER: Class = &["at #", "on #", "reachable", "toll free", "via #"];

/// The least one can put in.
static MINIMUM: Class = &["minimum", "min"];

/// Putting it in.
static START: Class = &[
    "to start",
    "to join",
    "to invest",
    "to begin",
    "deposit",
    "investment",
    "stake",
    "entry",
    "top up",
    // "minimum ticket is $5k", "min buy-in": a cold pitch's entry.
    "ticket",
    "buy in",
];

/// Gains claimed.
static GAINED: Class = &[
    "made", "gained", "earned", "profit", "profits", "profited", "are up", "is up", "i'm up",
    "we're up",
];

/// Caring about the reader's day: the grooming's intimacy.
static CARE: Class = &["have you", "did you"];

/// What is cared about.
static MEALS: Class = &[
    "eaten",
    "eat",
    "slept",
    "sleep",
    "rested",
    "had lunch",
    "had dinner",
];

/// Teaching the reader.
static GUIDE: Class = &["guide", "teach", "coach", "mentor", "walk", "show"];

/// Step by step.
static STEPWISE: Class = &[
    "step by step",
    "through",
    "how",
    "thru",
    "through it",
    "thru it",
    "the process",
    "each step",
    "every step",
];

/// Returns.
static RETURNS: Class = &["returns", "profits", "income", "gains", "yield", "tokens"];

/// Said to be certain.
static STEADY: Class = &[
    "steady",
    "stable",
    "guaranteed",
    "consistent",
    "fixed",
    "reliable",
    "risk free",
];

/// Verbs of setting money free, said of a fee ("a correction fee releases it").
static RELEASES: Class = &[
    "releases",
    "unlocks",
    "unfreezes",
    "restores",
    "activates",
    "reactivates",
    "frees",
];

/// Financial regulators and enforcement agencies by their initials.
static AGENCY: Class = &[
    "sec", "fca", "irs", "hmrc", "cftc", "finra", "doj", "nca", "interpol", "europol", "ftc",
    "asic", "fbi",
];

/// What such an agency sends or runs.
static ACTION: Class = &[
    "enforcement",
    "notice",
    "investigation",
    "officer",
    "agent",
    "department",
    "division",
    "compliance",
    "warrant",
    "case",
    "officers",
    "agents",
    "warning",
];

/// A money-recovery trade.
static TRACED: Class = &[
    "asset",
    "assets",
    "fund",
    "funds",
    "crypto",
    "scam",
    "blockchain",
    "bitcoin",
    "wallet",
];

/// Its name.
static TRACING: Class = &[
    "tracing",
    "recovery",
    "retrieval",
    "recoveries",
    "forensics",
    "forensic",
    "investigator",
    "investigators",
];

/// A phone lost or broken: the "new number" pretext.
static BROKE: Class = &[
    "smashed", "broke", "broken", "lost", "dropped", "cracked", "died", "stolen", "repair",
    "repaired", "fell",
];

/// The phone.
static PHONE: Class = &["phone", "screen", "mobile", "sim", "wallet", "purse", "bag"];

/// Handing control over.
static GRANT: Class = &["give", "grant", "allow"];

/// Control of the device or account.
static ACCESS: Class = &["access", "control", "permission"];

/// Someone else acting on the reader's account.
static SOMEONE: Class = &[
    "someone",
    "somebody",
    "hacker",
    "hackers",
    "criminals",
    "fraudsters",
    "scammers",
];

/// What they did.
static INTRUDED: Class = &[
    "ordered",
    "placed",
    "used",
    "accessed",
    "logged",
    "tried",
    "attempted",
    "opened",
];

/// The reader's money or account.
static HOLDINGS: Class = &[
    "files", "data", "photos", "funds", "savings", "money", "assets", "wallet", "account", "coins",
    "holdings", "balance",
];

/// In danger.
static AT_RISK: Class = &[
    "at risk",
    "exposed",
    "compromised",
    "in danger",
    "unsafe",
    "not safe",
    "vulnerable",
];

/// The task scam's special orders.
static LUCKY: Class = &[
    "lucky",
    "combination",
    "combo",
    "bundle",
    "premium",
    "special",
    "super",
    "golden",
    "vip",
    "triple",
    "double",
];

/// Orders and sets.
static ORDER: Class = &[
    "order", "orders", "bundle", "set", "task", "tasks", "product",
];

/// Work done.
static DONE: Class = &["completed", "finished", "done"];

/// Task units.
static UNITS: Class = &[
    "tasks",
    "assignments",
    "missions",
    "jobs",
    "rounds",
    "likes",
    "clicks",
    "orders",
    "submissions",
    "sets",
    "ratings",
    "reviews",
    "data",
    "level",
    "levels",
];

/// Someone at the office: HR, payroll, the boss.
static FROM: Class = &["from", "it's", "this is", "here is"];

/// Offices a boss or colleague writes from.
static ROLE: Class = &[
    "hr",
    "payroll",
    "finance",
    "accounts",
    "ceo",
    "cfo",
    "director",
    "manager",
    "boss",
    "head",
    "md",
    "managing director",
    "exec",
    "executive",
    "executives",
    "exec team",
    "leadership",
    "treasury",
    "procurement",
    "accounting",
    "chairman",
    "president",
    "founder",
    "vp",
    "chief",
    "ceo office",
    "cfo office",
    "finance director",
    "legal",
];

/// A fee to get in.
static ENTRY: Class = &[
    "entry",
    "joining",
    "membership",
    "vip",
    "registration",
    "signup",
];

/// Its name.
static FEE_WORD: Class = &["fee", "fees", "cost", "price"];

/// A group that trades on tips.
static TIPS: Class = &[
    "signal",
    "signals",
    "vip",
    "trading",
    "insider",
    "pump",
    "alpha",
    "calls",
    "copy trading",
];

/// Where tips are shared.
static GROUP: Class = &["group", "room", "channel", "club", "community"];

/// A robocall's menu.
static PRESS: Class = &["press"];

/// A key to press.
static KEY: Class = &["#", "one"];

/// Something of the reader's that stopped working: why the relative cannot pay.
static MINE: Class = &["my app", "my card", "my bank", "my banking", "my account"];

/// Stopped working.
static STUCK: Class = &[
    "locked",
    "blocked",
    "frozen",
    "isn't working",
    "not working",
    "declined",
    "won't let",
    "won't work",
    "doesn't work",
    "isn't going through",
    "locked me out",
];

/// A device.
static DEVICE: Class = &[
    "pc", "computer", "device", "laptop", "router", "windows", "network",
];

/// Trouble with it.
static INFECTED: Class = &[
    "sending out spam",
    "sending spam",
    "spam",
    "errors",
    "infected",
    "virus",
    "viruses",
    "hacked",
    "malware",
    "compromised",
    "hackers",
];

/// Watching the screen.
static VIEW: Class = &["view", "see", "share", "show", "watch", "mirror"];

/// The reader's screen.
static SCREEN: Class = &[
    "your screen",
    "your desktop",
    "your computer screen",
    "your ? screen",
    "your whole screen",
    "your entire screen",
    "your full screen",
    "your phone screen",
    "your laptop screen",
    "your ? desktop",
];

/// Pay for each unit of a task ("45 each" alone is a price shared).
static EACH: Class = &[
    "per task",
    "per order",
    "per review",
    "per screenshot",
    "per like",
    "per download",
    "per click",
    "per video",
    "per follow",
];

/// A sum said to be required.
static REQUIRED: Class = &["the required", "required"];

/// Needing something done.
static NEED: Class = &["need", "needs", "i need", "require"];

/// Investing.
static INVEST: Class = &["invest", "investing", "trade", "trading"];

/// Noticing the reader online: the grooming's or the fake helper's first contact.
static NOTICED: Class = &["saw", "found", "came across", "noticed"];

/// What was noticed.
static PROFILE: Class = &["your profile", "your photo", "your picture", "your post"];

/// More money on top.
static MORE: Class = &["# more"];

/// Opening an account for someone.
static OPENED: Class = &["opened", "created", "set up", "registered"];

/// For the reader.
static FOR_YOU: Class = &["account for you", "an account for you", "wallet for you"];

/// The sender's new phone or number: the relative's pretext (not "upgrade to a new
/// phone").
static NEW: Class = &["my new"];

/// Phones.
static HANDSET: Class = &["phone", "number", "mobile", "sim"];

/// Reaching into a device.
static INTO: Class = &["access", "control", "log into"];

/// Getting onto a device, after someone asks to be let on ([`LET_US`]): "connect to"
/// alone is also what an IT desk says it will do at an agreed time.
static ONTO: Class = &[
    "access",
    "control",
    "log into",
    "log onto",
    "get onto",
    "get into",
    "get on",
    "take over",
    "take control of",
    "remote into",
    "dial into",
    "connect to",
    "onto",
];

/// The reader's device.
static YOUR_DEVICE: Class = &[
    "your screen",
    "your desktop",
    "your mac",
    "your macbook",
    "your tablet",
    "your ipad",
    "your machine",
    "your system",
    "your computer",
    "your pc",
    "your laptop",
    "your device",
    "your phone",
];

/// Checking an account.
static VERIFY: Class = &[
    "validate",
    "verify",
    "re verify",
    "confirm",
    "authenticate",
    "sync",
    "synchronise",
    "synchronize",
];

/// The reader's security.
static YOUR_SECURITY: Class = &[
    "your authenticator",
    "your google authenticator",
    "your wallet",
    "your identity",
];

/// A reason a service gives.
static BECAUSE: Class = &["due to", "during", "because of", "following"];

/// Events that a fake notice blames.
static EVENT_OF_SERVICE: Class = &[
    "upgrade",
    "migration",
    "maintenance",
    "audit",
    "merger",
    "breach",
    "leak",
    "security",
    "regulations",
    "regulation",
    "compliance",
];

/// Earning.
static EARN: Class = &["earn", "earning", "make", "get paid"];

/// Pay named as a noun ("earnings 150-400 daily"): a lure only with a daily rate
/// ([`PER_DAY`]), not a statement ("your earnings of 512.30 will be paid on Monday") nor a
/// job advert's yearly salary.
static PAY_NOUN: Class = &[
    "earnings", "income", "salary", "wage", "wages", "paid", "pay",
];

/// A daily rate.
static PER_DAY: Class = &["daily", "a day", "per day", "each day", "every day", "day"];

/// Money promised back.
static RECEIVE: Class = &["receive", "get", "earn"];

/// An amount coming back.
static BACK: Class = &[
    "# back",
    "# eth back",
    "# btc back",
    "# usdt back",
    "# bnb back",
    "# sol back",
    "double back",
];

/// A tier to buy.
static PACKAGE: Class = &["package", "plan", "level", "membership", "tier"];

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
    /// One clear ask for what no one else may hold or do (a one-time code, the seed
    /// words, control of the device, all the money): in a short direct text it runs the
    /// script on its own.
    pub strong: bool,
    /// A third class that must stand with the pair, between its words or within this
    /// many words after it ("tell me *the digits* your *authenticator* shows": a code
    /// named by where it comes from, which "tell me the number" alone is not).
    pub near: Option<(Class, usize)>,
}

/// Coming for the money.
static COLLECT: Class = &["collect", "will collect", "pick up", "come for"];

/// An amount held for the reader ("your 31,000", "the $500").
static HELD_AMOUNT: Class = &["your #", "the #", "¤"];

/// For a charge: what a service costs.
static FOR: Class = &["for"];

/// A fee by name ("for a payment of 1,200" is a transaction, not a price).
static FEE_NAMED: Class = &["fee", "fees", "retainer", "surcharge"];

/// Tapping a permission.
static TAP: Class = &["tap", "click", "press"];

/// The permission.
static ALLOW: Class = &["allow", "accept", "approve"];

/// Running a group.
static ADMIN: Class = &["admin", "administrator", "moderator", "mod"];

/// The group.
static COMMUNITY: Class = &["group", "channel", "community", "official", "support"];

/// Raising a store's standing: the task scam's "job".
static RAISE: Class = &[
    "raise", "boost", "improve", "increase", "lift", "push", "pump", "grow", "enhance", "bump",
    "optimise", "optimize", "drive", "promote",
];

/// A store's standing.
static RANKING: Class = &[
    "rankings",
    "rating",
    "exposure",
    "engagement",
    "views",
    "ranking",
    "ratings",
    "visibility",
    "sales",
    "traffic",
];

/// Gains claimed as money.
static EARNED: Class = &["earned", "gained", "profited", "profit", "profits"];

/// Words of endearment: the grooming's address.
static ENDEAR: Class = &[
    "sweetie",
    "honey",
    "dear",
    "darling",
    "babe",
    "baby",
    "sweetheart",
];

/// The two of them.
static PERSON: Class = &["i", "you", "we"];

/// Charging a fee (the sender's price, in a recovery offer).
static CHARGING: Class = &["charge", "charges", "charging"];

/// Victims named as such: a recovery offer's audience.
static SCAM_KIND: Class = &["scam", "fraud", "crypto", "investment"];

/// Victims.
static VICTIMS: Class = &["victims", "victim"];

/// Things of the reader's that an intruder uses.
static YOURS: Class = &[
    "your icloud",
    "your card",
    "your id",
    "your identity",
    "your name",
    "your passport",
    "your account",
    "your details",
    "your number",
    "your wallet",
    "your ? wallet",
];

/// Used by someone else.
static USED: Class = &[
    "was used",
    "has been used",
    "were used",
    "is being used",
    "is linked",
    "was linked",
    "appears",
    "was flagged",
    "has been flagged",
    "was compromised",
    "has been compromised",
    "was accessed",
    "has been accessed",
    "were accessed",
    "was used in",
    "used in",
    "is involved",
    "was involved",
    "has been involved",
    "is connected",
    "was connected",
    "has been connected",
    "has been linked",
    "is associated",
    "was associated",
    "is under investigation",
    "is under review",
    "was hijacked",
    "was breached",
    "has been breached",
];

/// A way of working that job lures sell.
static WORKSTYLE: Class = &[
    "part time",
    "flexible",
    "home based",
    "from home",
    "online",
    "remote",
    "simple",
];

/// A job.
static JOB: Class = &[
    "job",
    "jobs",
    "work",
    "role",
    "position",
    "staff",
    "tasks",
    "assistant",
    "assistants",
    "helpers",
    "workers",
    "freelancers",
    "part-timers",
    "boosters",
    "testers",
    "raters",
    "openings",
    "vacancies",
    "positions",
    "reviewers",
];

/// A relative named at the start, before the sender names themselves ("Mom it's Ethan").
static KIN: Class = &[
    "mom", "mum", "mummy", "mommy", "dad", "daddy", "grandma", "grandpa", "gran", "nan", "nana",
    "granny", "grandad", "auntie", "aunty", "uncle",
];

/// Naming oneself.
static ITS: Class = &["it's", "it is", "this is"];

/// Changing where pay goes.
static CHANGE: Class = &["change", "update", "switch"];

/// One's own pay details.
static MY_PAY: Class = &[
    "my salary",
    "my bank details",
    "my payroll",
    "my account details",
    "my direct deposit",
];

/// Reconnecting after a long time: an old friend's opener.
static LONG_TIME: Class = &["long time"];

/// Not seen.
static NO_SEE: Class = &["no see", "no talk", "no chat"];

/// An invitation into a platform.
static INVITE: Class = &["invite", "invitation", "referral"];

/// Its code or link.
static INVITE_CODE: Class = &["code", "link"];

/// Connecting.
static CONNECT: Class = &["connect", "log in", "access", "get in"];

/// From afar.
static REMOTELY: Class = &["remotely"];

/// Money moved in the passive ("all assets must be transferred").
static MOVED: Class = &[
    "must be transferred",
    "must be moved",
    "must be sent",
    "need to be transferred",
    "needs to be transferred",
];

/// A balance below zero: the task scam's trap ("insufficient funds" is a bank's word for
/// a declined card).
static SHORT: Class = &["negative"];

/// Of the balance.
static BALANCE: Class = &["funds", "balance", "account"];

/// Scratching a card: its code is the payment.
static SCRATCH: Class = &["scratch", "scratch off"];

/// Sending what was scratched.
static SNAP: Class = &[
    "photograph",
    "photo",
    "photos",
    "picture",
    "pictures",
    "send",
    "codes",
    "snap",
    "numbers",
    "pic",
    "pics",
];

/// Busy where a boss cannot be called.
static BUSY: Class = &[
    "i'm in",
    "i am in",
    "stuck in",
    "stuck with",
    "tied up in",
    "tied up with",
    "i'm on",
    "boarding",
    "i'm travelling",
    "i'm traveling",
    "i am travelling",
    "i am traveling",
    "travelling",
    "traveling",
    "i'm abroad",
    "i'm overseas",
    "on a plane",
    "in the air",
    "in transit",
];

/// Meetings and flights.
static MEETING: Class = &[
    "meeting",
    "meetings",
    "conference",
    "flight",
    "audit",
    "auditors",
    "a flight",
    "investors",
    "clients",
    "the board",
    "so text only",
    "text only",
];

/// Having saved the reader's number: a mistaken contact.
static SAVED: Class = &["saved", "stored", "got"];

/// The reader's contact.
static YOUR_NUMBER: Class = &["your number", "your contact"];

/// Flattery.
static FLATTER: Class = &["nice", "lovely", "beautiful", "cute", "great"];

/// Of a picture.
static PICTURE: Class = &["profile", "photo", "picture", "smile", "pic"];

/// Asking about the reader's trading.
static INTO_IT: Class = &["into", "do you", "you ever"];

/// Trading.
static TRADING_VERB: Class = &["trading", "trade", "invest", "investing", "crypto"];

/// A recovery trade by name.
static FIRM: Class = &[
    "agency",
    "firm",
    "specialists",
    "experts",
    "team",
    "service",
    "company",
];

/// Before anything else.
static UPFRONT: Class = &["upfront", "up front", "advance"];

/// Help that comes with a support desk's name.
static THIS_IS: Class = &[
    "this is",
    "i'm from",
    "we are",
    "hello from",
    "hi from",
    "greetings from",
    "reaching out from",
    "contacting you from",
    "writing from",
    "writing to you from",
    "calling from",
    "messaging from",
    "here from",
    "we're from",
    "i am from",
    "we're",
    "here at",
    "on behalf of",
];

/// A support desk.
static DESK: Class = &[
    "support",
    "customer service",
    "help desk",
    "security team",
    "vip support",
    "support team",
    "support desk",
    "helpdesk",
    "customer support",
    "customer care",
    "technical support",
    "tech support",
    "safety team",
    "trust and safety",
    "fraud team",
    "fraud department",
    "security department",
    "risk team",
    "risk department",
    "compliance team",
    "account team",
    "accounts team",
    "verification team",
    "wallet support",
    "care team",
];

/// Gains named after a multiple or an amount ("6x profit", "5x commission").
static GAINS: Class = &["profit", "profits", "commission", "commissions", "returns"];

/// What a rule stands for: the step, the tactic it shows on its own, the reason.
type Meaning = (Step, T, R);

/// An ask to send money.
const PAYING: Meaning = (Ask, T::PaymentInstruction, R::PaymentTransfer);

/// An ask for a fee.
const FEE_ASKED: Meaning = (Ask, T::QuidProQuo, R::QuidProQuoFee);

/// Money promised once a fee is paid.
const FEE_PROMISE: Meaning = (Pressure, T::QuidProQuo, R::QuidProQuoFee);

/// An ask for a code.
const CODE_ASKED: Meaning = (Ask, T::SecretRequest, R::SecretCode);

/// An ask for access to the device.
const REMOTE_ASKED: Meaning = (Ask, T::SecretRequest, R::SecretRemote);

/// An ask for a wallet's secret words.
const SEED_ASKED: Meaning = (Ask, T::SecretRequest, R::SecretSeed);

/// An authority claimed.
const AUTHORITY_CLAIMED: Meaning = (Pretext, T::Pretexting, R::PretextAuthority);

/// Secrecy demanded.
const SECRECY: Meaning = (Pressure, T::Urgency, R::UrgencyLegal);

/// A callback's ask: a desk to call.
const DESK_ASKED: Meaning = (Ask, T::Pretexting, R::PretextSupport);

/// A service's pretext, or a callback's alarming event.
const SUPPORT_CLAIMED: Meaning = (Pretext, T::Pretexting, R::PretextSupport);

/// A threat to the account or its money.
const THREAT: Meaning = (Pressure, T::Urgency, R::UrgencyAccountThreat);

/// Lost money offered back.
const RECOVERY_OFFERED: Meaning = (Pretext, T::TooGoodToBeTrue, R::TooGoodRecovery);

/// Someone close, or soon close, claimed.
const FRIEND_CLAIMED: Meaning = (Pretext, T::Pretexting, R::PretextFriend);

/// Insider knowledge offered.
const INSIDER_LURE: Meaning = (Pressure, T::TooGoodToBeTrue, R::TooGoodInsider);

/// Returns promised.
const RETURNS_LURE: Meaning = (Pressure, T::TooGoodToBeTrue, R::TooGoodReturns);

/// A paid job offered.
const JOB_LURE: Meaning = (Pretext, T::TooGoodToBeTrue, R::TooGoodReturns);

/// An ask for gift cards.
const GIFT_CARDS: Meaning = (Ask, T::PaymentInstruction, R::PaymentGiftCard);

/// An ask to call or press a key.
const CALL_ASKED: Meaning = (Ask, T::OffPlatform, R::OffPlatformContact);

/// Hurry or trouble.
const HURRY: Meaning = (Pressure, T::Urgency, R::UrgencyDeadline);

/// Instructions to come by phone: fake police's hold on the reader, their ask.
const INSTRUCTED: Meaning = (Ask, T::Urgency, R::UrgencyLegal);

/// A lender's threat to shame the borrower: the demand itself.
const EXTORTION: Meaning = (Ask, T::Urgency, R::UrgencyAccountThreat);

/// A task scam's special order.
const TASK_ORDER: Meaning = (Pretext, T::QuidProQuo, R::QuidProQuoFee);

/// A rule whose second class follows the first.
const fn rule(
    first: Class,
    second: Class,
    window: usize,
    families: Families,
    (step, tactic, reason): Meaning,
    conf: f32,
) -> Rule {
    Rule {
        first,
        second,
        window,
        either: false,
        families,
        step,
        tactic,
        reason,
        conf,
        strong: false,
        near: None,
    }
}

/// A rule that also needs `class` with its pair ([`Rule::near`]).
const fn near(rule: Rule, class: Class, window: usize) -> Rule {
    Rule {
        near: Some((class, window)),
        ..rule
    }
}

/// A rule whose ask is strong enough to make a script alone ([`Rule::strong`]).
const fn strong(rule: Rule) -> Rule {
    Rule {
        strong: true,
        ..rule
    }
}

/// A rule whose classes may come in either order.
const fn either(
    first: Class,
    second: Class,
    window: usize,
    families: Families,
    meaning: Meaning,
    conf: f32,
) -> Rule {
    Rule {
        either: true,
        ..rule(first, second, window, families, meaning, conf)
    }
}

/// One-time codes named so that no other code is meant (not a meme's, a door's or the
/// wifi's), or described by how they arrive ("the numbers we text you").
static OTP: Class = &[
    "2fa",
    "otp",
    "otps",
    "one-time",
    "one time code",
    "verification code",
    "verification codes",
    "security code",
    "login code",
    "sms code",
    "authenticator code",
    "# digit code",
    "digit code",
    "numbers get texted",
    "numbers texted",
    "numbers we text*",
    "numbers we sen*",
    "digits we sen*",
    "digits texted",
    "code we sen*",
    "code we just sen*",
    "code we text*",
    "code we just text*",
    "codes we sen*",
    "code you receive",
    "codes you receive",
    "code you get",
    "codes you get",
];

/// Handing over or typing in the seed words (not "confirm", "verify": a wallet's own
/// setup asks to confirm the phrase the reader wrote down).
static GIVE_SEED: Class = &[
    "reply with",
    "reply w",
    "respond with",
    "send",
    "send over",
    "write back",
    "forward",
    "email me",
    "email us",
    "dm me",
    "dm us",
    "message me",
    "whatsapp me",
    "read me",
    "read out",
    "let me have",
    "hand over",
    "upload",
    // An instrumental gerund asks ("verify by sending your seed phrase"); a bare one
    // is a tip's subject ("typing your seed phrase anywhere gets you drained").
    "by sending",
    "by typing",
    "by entering",
    "by sharing",
    "by submitting",
    "by providing",
    "by uploading",
    "send me",
    "send us",
    "give me",
    "give us",
    "tell me",
    "text me",
    "share",
    "reply with",
    "enter",
    "type",
    "paste",
    "submit",
    "fill in",
    "provide",
    "input",
];

/// Installing, and nothing weaker ("open", "use" are everyday verbs before "Zoom").
static INSTALL_APP: Class = &[
    "install",
    "download",
    "installing",
    "downloading",
    "get",
    "grab",
    "put",
    "set up",
    "add",
    "get hold of",
];

/// Apps made for controlling another's device (not meeting apps).
static CONTROL_APP: Class = &[
    "airdroid",
    "splashtop",
    "anyviewer",
    "quick assist",
    "quickassist",
    "logmein",
    "connectwise",
    "screenconnect",
    "zoho assist",
    "chrome remote desktop",
    "ammyy",
    "aeroadmin",
    "getscreen",
    "remotepc",
    "hoptodesk",
    "anydesk",
    "teamviewer",
    "quicksupport",
    "rustdesk",
    "supremo",
    "ultraviewer",
    "remote access",
    "remote desktop",
    "remote control",
];

/// Verbs that send money away (not "put", "add", "load": things are put away too).
static SEND_AWAY: Class = &["move", "transfer", "send", "shift", "relocate", "wire"];

/// All of the reader's money, said so.
static ALL_FUNDS: Class = &[
    "all your funds",
    "all your money",
    "all your crypto",
    "all your coins",
    "all your savings",
    "all your assets",
    "all your balance",
    "all of your funds",
    "all of your money",
    "all of your crypto",
    "all of your savings",
    "all of your assets",
    "your entire balance",
    "your whole balance",
    "the entire balance",
    "the whole balance",
    "everything in your account",
    "everything in your wallet",
    "all funds",
    "all assets",
];

/// A destination given in the message ("to this address", "to the wallet below").
static GIVEN_PLACE: Class = &[
    "to this address",
    "to this wallet",
    "to this account",
    "to the address below",
    "to the wallet below",
    "to the account below",
    "to the following address",
    "to the following wallet",
    "to the following account",
    "to this new address",
    "to this new wallet",
];

/// Verbs that get lost money back, and nothing weaker ("get" is in [`RECOVER`]).
static RECOVER_VERB: Class = &[
    "recover",
    "retrieve",
    "reclaim",
    "claw back",
    "recovered",
    "retrieved",
    "reclaimed",
    "recovers",
    "retrieves",
];

/// What a recovery service claims to get back.
static ASSETS_BACK: Class = &[
    "crypto",
    "funds",
    "money",
    "coins",
    "assets",
    "bitcoin",
    "usdt",
    "investment",
    "investments",
    "deposits",
    "savings",
    "losses",
];

/// The event of a callback named by its amount ("a card payment of 749.99 … is being
/// processed").
static OF_AMOUNT: Class = &["of #", "of ¤"];

/// Covering a deficit ("cover it today"), not paying a bill or handing in a form ("pay
/// it", "submit it").
static COVER: Class = &["cover", "settle", "top up", "topup", "replenish", "make up"];

/// The deficit just named.
static IT_ALONE: Class = &["it"];

/// Keeping the victim's money back as a threat ("or the platform keeps your earnings").
static WITHHOLDS: Class = &[
    "keeps",
    "keep",
    "withholds",
    "withhold",
    "forfeit*",
    "confiscat*",
    "seizes",
    "seize",
];

/// Asking the reader, directly, to hand a code over ("tell me", "read me", "what's",
/// "we need"): not "you'll need the code to sign in", a service's own instruction.
static ASK_CODE: Class = &[
    "read out",
    "read me",
    "read us",
    "read it",
    "give me",
    "give us",
    "send me",
    "send us",
    "send it back",
    "send back",
    "send over",
    "tell me",
    "tell us",
    "text me",
    "text us",
    "forward",
    "share",
    "pass me",
    "pass on",
    "let me have",
    "let me know",
    "reply with",
    "what's",
    "what is",
    "what are",
    "we need",
    "i need",
    "i'll need",
    "we'll need",
    "just need",
];

/// A code as such, or the digits a code is made of.
static CODE_NOUN: Class = &[
    "code",
    "codes",
    "digits",
    "figures",
    "pin",
    "otp",
    "passcode",
    "numbers",
    "number in it",
    "number in the text",
    "number in that text",
    "number in the message",
    "number in the sms",
    "number it shows",
    "number on the screen",
    "number on your screen",
    "number displayed",
    "number showing",
];

/// Where a one-time code comes from, named instead of the code ("the six digits your
/// *authenticator* shows", "the code that *just arrived*", "the number *in it*").
static CODE_SOURCE: Class = &[
    "authenticator",
    "authy",
    "texted",
    "text message",
    "a text",
    "the text",
    "that text",
    "sms",
    "we sent",
    "we just sent",
    "just sent",
    "sent to",
    "sent you",
    "arrived",
    "arrives",
    "came through",
    "came to",
    "just came",
    "shows",
    "showing",
    "shown",
    "displays",
    "displayed",
    "on screen",
    "on your screen",
    "in it",
    "you got",
    "you just got",
    "you received",
    "you just received",
    "you'll get",
    "you'll receive",
    "you will get",
    "you will receive",
    "you get",
    "you receive",
];

/// The number a remote-control app shows, by which its owner lets someone in.
static ACCESS_ID: Class = &[
    "connection id",
    "session id",
    "session code",
    "connection code",
    "partner id",
    "remote id",
    "access id",
    "support id",
    "anydesk id",
    "anydesk address",
    "anydesk code",
    "anydesk number",
    "teamviewer id",
    "teamviewer password",
    "# digit id",
    "digit id",
    "desk id",
    "id it shows",
    "id on your screen",
];

/// Someone asking to be let onto the reader's device ("let me", "allow our", "I'll
/// need to").
static LET_US: Class = &[
    "let me",
    "let us",
    "let our",
    "allow me",
    "allow us",
    "allow our",
    "give me",
    "give us",
    "i need to",
    "we need to",
    "i'll need to",
    "we'll need to",
    "i have to",
    "we have to",
    "i must",
    "we must",
];

/// Moving a chat to another app ("add me on", "reach you on", "let's talk on").
static MOVE_CHAT: Class = &[
    "add me on",
    "add me",
    "message me on",
    "text me on",
    "reach me on",
    "find me on",
    "contact me on",
    "dm me on",
    "hit me up on",
    "write to me on",
    "chat on",
    "talk on",
    "continue on",
    "move to",
    "switch to",
    "let's move to",
    "reach you on",
    "contact you on",
    "text you on",
    "message you on",
    "add you on",
    "chat with you on",
    "talk to you on",
    "here's my",
    "here is my",
    "add my",
    "using",
    "i'm on",
    "texting from",
    "messaging from",
    "texting you from",
    "writing from",
];

/// Chat apps a scam moves its victim to.
static CHAT_APP: Class = &[
    "telegram", "whatsapp", "signal", "wechat", "kik", "viber", "snapchat", "skype", "wickr",
    "threema",
];

/// A suggestion to the reader ("you should", "shall I", "I could ask her to").
static SUGGEST: Class = &[
    "want me to",
    "do you want me to",
    "you should",
    "u should",
    "you really should",
    "u really should",
    "you could",
    "u could",
    "why don't you",
    "why not",
    "shall i",
    "i could",
    "i can",
    "i'll",
    "let me",
    "ask her to",
    "ask him to",
    "get her to",
    "get him to",
    "send you",
    "show you",
];

/// Getting the reader onto the platform.
static ONBOARD: Class = &[
    "get you a seat",
    "save you a seat",
    "get you a spot",
    "save you a spot",
    "add you to the group",
    "get you into the group",
    "set up a login",
    "set up an account",
    "open an account for you",
    "make you an account",
    "create you an account",
    "open an account",
    "open one",
    "sign up",
    "register",
    "register you",
    "create an account",
    "start investing",
    "start trading",
    "include you",
    "let you in",
    "bring you in",
    "get you in",
    "sign you up",
    "put you in",
    "set you up",
    "platform link",
    "the platform",
    "trading app",
    "investment app",
    "trading site",
];

/// Being kept from one's own money ("won't let you cash out", "unable to withdraw").
static CANT: Class = &[
    "won't let you",
    "will not let you",
    "can't",
    "cannot",
    "can not",
    "unable to",
    "not able to",
    "won't be able to",
    "will not be able to",
    "blocked from",
    "locked out of",
    "not allowed to",
    "won't allow you to",
    "will not allow you to",
    "doesn't let you",
    "does not let you",
    "prevents you from",
    "stops you from",
];

/// Taking one's money out.
static WITHDRAW_WORD: Class = &[
    "cash out",
    "withdraw",
    "withdrawal",
    "withdrawals",
    "payout",
    "pay out",
    "collect your",
    "access your funds",
    "access your earnings",
    "access your profits",
    "receive your",
    "get your money",
];

/// Money of the reader's kept back, said to be theirs ("withdrawals will be paused" is
/// an exchange's maintenance notice to everyone).
static HELD_MONEY: Class = &[
    "your withdrawal",
    "your withdrawals",
    "your payout",
    "your profit",
    "your profits",
    "your earnings",
    "your commission",
    "your commissions",
    "your winnings",
    "your usdt",
    "your funds",
    "your balance",
];

/// Kept back.
static HELD: Class = &[
    "on hold",
    "frozen",
    "locked",
    "blocked",
    "suspended",
    "restricted",
    "held",
    "stuck",
    "withheld",
];

/// A condition before something happens ("until", "once", "unless").
static UNTIL: Class = &[
    "until",
    "till",
    "unless",
    "once",
    "after",
    "as soon as",
    "when",
];

/// A charge paid, in the passive ("until the tax *is cleared*").
static PAID_PASSIVE: Class = &[
    "is paid",
    "is cleared",
    "is settled",
    "is covered",
    "is received",
    "is deposited",
    "is topped up",
    "are paid",
    "are cleared",
    "are settled",
    "has been paid",
    "has been cleared",
    "has been settled",
    "have been paid",
    "gets paid",
];

/// A charge that stands before money held back (not an invoice or a debt: a shop holds
/// an order until its invoice is paid).
static CHARGE_HELD: Class = &[
    "fee",
    "fees",
    "tax",
    "taxes",
    "charge",
    "charges",
    "duty",
    "levy",
    "deposit",
    "penalty",
    "fine",
    "bond",
    "premium",
    "retainer",
    "surcharge",
    "shortfall",
    "deficit",
    "margin",
    "insurance",
    "clearance",
];

/// Getting something sent back.
static GET_BACK: Class = &[
    "get",
    "receive",
    "receives",
    "get back",
    "we'll send",
    "we will send",
    "you'll get",
    "you will get",
    "you'll receive",
    "you will receive",
    "return",
    "returned",
    "send back",
    "sent back",
    "we return",
];

/// More than was sent (the giveaway that doubles).
static DOUBLE: Class = &[
    "double", "doubled", "2x", "x2", "twice", "triple", "tripled", "3x", "x3",
];

/// Growing an amount ("turned 3,000 into 11,000", "grew 5k to 20k").
static TURNED: Class = &[
    "turned #",
    "turned ¤",
    "turn #",
    "grew #",
    "grown #",
    "flipped #",
    "flip #",
];

/// What the amount became.
static INTO_AMOUNT: Class = &["into #", "into ¤", "to #", "to ¤"];

/// Carrying on with a stranger reached by mistake ("you seem nice", "where are you
/// based", "may I know your name").
static CHAT_ON: Class = &[
    "what you do",
    "what do you do",
    "can i ask",
    "how old are you",
    "are you single",
    "you seem",
    "you sound",
    "where are you",
    "may i know",
    "can i know",
    "could i know",
    "can we be",
    "could we be",
    "shall we be",
    "we could be",
    "get to know",
    "maybe we can",
    "maybe we could",
];

/// What a stranger carries on about.
static CHAT_WHAT: Class = &[
    "nice",
    "kind",
    "friendly",
    "lovely",
    "sweet",
    "based",
    "from",
    "located",
    "living",
    "your name",
    "friends",
    "you",
    "chat",
    "talk",
    "for work",
    "for a living",
    "what",
];

/// A loan's money, and nothing else ("your bill of 32.50 is ready" is a bill).
static LOAN_MONEY: Class = &[
    "loan",
    "microloan",
    "financing",
    "disbursement",
    "credit line",
    "advance",
];

/// Ready to be paid out.
static READY: Class = &[
    "ready",
    "ready for payout",
    "ready for disbursement",
    "pre-approved",
    "preapproved",
];

/// "If" before an event denied in one word ("if unauthorised").
static IF: Class = &["if"];

/// An event denied in one word.
static UNAUTHORISED: Class = &["unauthoris*", "unauthoriz*", "unrecognis*", "unrecogniz*"];

/// Signing up through the sender ("sign up through my link").
static SIGN_UP: Class = &[
    "sign up",
    "register",
    "join",
    "open an account",
    "create an account",
];

/// The sender's own link or code.
static MY_LINK: Class = &[
    "my link",
    "my referral",
    "my code",
    "my invite",
    "my invitation",
];

/// Sending an amount named after its noun ("deposit a refundable security amount of
/// 300").
static OF_SUM: Class = &["of #", "of ¤"];

/// What a charge is said to let the reader do next ("recharge 640 *to submit the next
/// one*", "deposit 300 *to proceed*"): not "to continue" (a prepaid top-up's words).
static TO_PROCEED: Class = &[
    "to submit",
    "to unlock",
    "to release",
    "to withdraw",
    "to cash out",
    "to proceed",
    "to receive your funds",
    "to receive the funds",
    "to receive your loan",
    "to receive your earnings",
    "to receive your commission",
    "to claim your",
];

/// Paying or sending money in.
static PAY_IN: Class = &[
    "pay", "deposit", "recharge", "top up", "topup", "send", "transfer", "fund",
];

/// Entering a code someone else reads out (a remote-support session's code).
static KEY_IN: Class = &["key in", "type in", "enter", "input", "type"];

/// A code to enter.
static THE_CODE: Class = &[
    "the access code",
    "the session code",
    "the code",
    "the pin",
    "the number",
    "the # digit code",
    "the digits",
];

/// Someone giving the code ("the code *our agent gives you*"): not "the code we send
/// you", a service's own sign-in.
static GIVER: Class = &[
    "gives you",
    "give you",
    "i give",
    "we give",
    "i'll give",
    "we'll give",
    "our agent",
    "the agent",
    "our technician",
    "the technician",
    "our engineer",
    "the engineer",
];

/// Letting the sender see or reach the device ("so I can see what's on your computer").
static SO_I_CAN: Class = &[
    "so i can",
    "so we can",
    "so that i can",
    "so that we can",
    "for me to",
    "allowing me to",
    "allowing us to",
];

/// Seeing or reaching a device.
static SEE: Class = &[
    "see", "view", "look at", "check", "access", "control", "fix", "clean",
];

/// Which code: the one about to arrive ("tell me those digits *once they arrive*").
static DIGITS: Class = &[
    "those digits",
    "the digits",
    "these digits",
    "those numbers",
    "the numbers",
    "that code",
    "the code",
];

/// Arriving on the reader's phone.
static ARRIVE: Class = &[
    "once they arrive",
    "when they arrive",
    "as soon as they arrive",
    "once it arrives",
    "when it arrives",
    "as soon as it arrives",
    "once you get it",
    "once you get them",
    "when you get it",
    "when you get them",
    "once received",
];

/// Handing something over, in one bare verb: counted only with a code the reader's
/// screen shows now ([`SHOWING`]).
static SUBMIT: Class = &["send", "provide", "submit", "share", "give"];

/// A code on the reader's screen now: not one "we will send".
static SHOWING: Class = &[
    "currently showing",
    "showing now",
    "now showing",
    "showing",
    "on your screen",
    "currently displayed",
];

/// An employer's records of staff: what a fake boss asks for.
static STAFF_RECORDS: Class = &[
    "w 2",
    "w2",
    "w 2s",
    "w2s",
    "payroll data",
    "payroll records",
    "payroll details",
    "employee records",
    "staff records",
    "p60s",
    "p60",
    "salary details",
    "tax forms",
];

/// Secrecy demanded of an errand ("discretion is required").
static DISCRETION: Class = &["discretion", "confidentiality"];

/// Demanded.
static REQUIRED_BE: Class = &[
    "is required",
    "is expected",
    "is essential",
    "is key",
    "please",
    "required",
];

/// A task given in secret ("a small confidential errand").
static ERRAND: Class = &["errand", "favour", "favor", "task", "assignment"];

/// A confidential one.
static HUSH: Class = &["confidential", "discreet", "private", "secret", "sensitive"];

/// Stopping by calling ("to cancel call our review desk").
static CALL: Class = &["call", "phone", "ring", "dial", "contact"];

/// Confirming or undoing an event on the phone: a callback's choice.
static CONFIRM_OR: Class = &["to confirm or", "confirm or"];

/// Undoing.
static UNDO: Class = &["reverse", "cancel", "dispute", "decline", "block", "stop"];

/// A least amount to send ("at least 5,000 USDT").
static AT_LEAST: Class = &[
    "at least #",
    "a minimum of #",
    "minimum of #",
    "no less than #",
    "min #",
    "minimum #",
];

/// Where an investment lives.
static STAKE_PLACE: Class = &[
    "sub account",
    "round",
    "pool",
    "pledge",
    "trading account",
    "the platform",
    "your account",
    "the plan",
    "the package",
    "the tier",
    "apy",
    "node",
];

/// A pledge that must be at least an amount ("the liquidity pledge needs to be at least
/// 10k").
static PLEDGE: Class = &[
    "pledge",
    "stake",
    "staking",
    "liquidity",
    "deposit",
    "margin",
    "collateral",
];

/// Needs to be.
static MUST_BE: Class = &[
    "needs to be",
    "need to be",
    "has to be",
    "must be",
    "should be",
];

/// A charge that cannot come out of the money held ("tax can't be deducted from the
/// balance"): the fee must be sent in.
static CANNOT_BE: Class = &[
    "can't be",
    "cannot be",
    "can not be",
    "won't be",
    "will not be",
];

/// Taken out of the money held.
static DEDUCTED: Class = &["deducted", "taken out", "subtracted", "paid from", "offset"];

/// Carrying on with the trades for the sender ("keep going with the trades").
static KEEP_GOING: Class = &[
    "keep going with",
    "keep on with",
    "carry on with",
    "continue with",
    "keep doing",
];

/// Trades.
static TRADES: Class = &["trades", "trading", "investing"];

/// A future shared with the sender: the romance's goal.
static OUR_FUTURE: Class = &[
    "our house",
    "our home",
    "our future",
    "our wedding",
    "our life",
    "our dream",
    "our goal",
];

/// Dismissing the reader's family ("why are you listening to your son").
static DISMISS: Class = &[
    "why are you listening to",
    "why listen to",
    "why do you listen to",
    "don't listen to",
    "dont listen to",
    "do not listen to",
    "stop listening to",
    "ignore",
];

/// Those who would warn the reader.
static WARNERS: Class = &[
    "your son",
    "your daughter",
    "your kids",
    "your children",
    "your family",
    "your wife",
    "your husband",
    "your friends",
    "your bank",
    "your brother",
    "your sister",
];

/// Stopping now.
static IF_STOP: Class = &[
    "if you stop",
    "if you quit",
    "if you withdraw now",
    "if you give up",
    "if you leave now",
];

/// Losing everything.
static LOSE_ALL: Class = &[
    "lose everything",
    "lose it all",
    "lose all",
    "lose your",
    "forfeit",
];

/// A lender's threat ("or we will contact all people in your contacts list").
static OR_WE: Class = &[
    "or we will",
    "or we'll",
    "otherwise we will",
    "otherwise we'll",
    "or else we will",
    "or we",
];

/// Shaming the borrower before the people they know.
static SHAME: Class = &[
    "your contacts",
    "your contact list",
    "your contacts list",
    "your phonebook",
    "everyone you know",
    "your family and friends",
    "your photo",
    "your relatives",
    "your employer",
];

/// Someone else's account for the reader's money ("to my landlord's account").
static THIRD_ACCOUNT: Class = &[
    "landlord account",
    "friend account",
    "mate account",
    "agent account",
    "this account",
    "his account",
    "her account",
    "their account",
];

/// Paying back soon: a relative's promise.
static PAY_YOU_BACK: Class = &[
    "give u back",
    "give you back",
    "pay u back",
    "pay you back",
    "send it back",
    "pay it back",
];

/// Soon.
static SOON: Class = &[
    "friday",
    "monday",
    "tomorrow",
    "tmrw",
    "next week",
    "later",
    "tonight",
    "payday",
    "i promise",
];

/// A large favour ("can you do me a massive favour").
static BIG: Class = &["massive", "huge", "big", "quick", "small", "little"];

/// A favour.
static FAVOUR: Class = &["favour", "favor"];

/// Approving what an app asks for.
static PERMISSIONS: Class = &[
    "the permissions",
    "permissions",
    "all permissions",
    "access",
];

/// Fixing from afar ("our engineer will patch it remotely").
static FIX_REMOTELY: Class = &[
    "patch it remotely",
    "fix it remotely",
    "repair it remotely",
    "do it remotely",
    "sort it remotely",
    "remotely",
];

/// Starting a screen broadcast (a phone's screen shared out).
static BROADCAST: Class = &[
    "start broadcast",
    "start broadcasting",
    "broadcast",
    "screen share app",
    "screen sharing app",
    "screen recording",
];

/// Paying in before the tasks pay ("pay in 1000 first").
static FIRST: Class = &["# first", "first", "upfront"];

/// What pays more after.
static TASKS_PAY: Class = &["tasks", "orders", "commission", "commissions", "the tasks"];

/// Pay per small act ("3 dollars a like").
static PER_ACT: Class = &[
    "a like",
    "per like",
    "each like",
    "a review",
    "per review",
    "a video",
    "per video",
    "a task",
    "per task",
    "a follow",
    "per follow",
];

/// An amount of pay.
static PAY_AMOUNT: Class = &["# dollars", "# usd", "# usdt", "#", "¤"];

/// Tasks paid before they are done.
static PREPAID: Class = &["prepaid", "pre paid", "paid"];

/// Tasks.
static TASKS_NOUN: Class = &["tasks", "task", "missions", "orders"];

/// Replying with a number to join ("reply 1 to join").
static REPLY: Class = &["reply", "text", "send"];

/// To join.
static TO_JOIN: Class = &["# to join", "# to start", "# to begin", "# to sign up"];

/// Compensation offered for a parcel.
static COMPENSATION: Class = &["as compensation", "in compensation", "to compensate"];

/// Paying the reader.
static PAY_YOU: Class = &["pay you", "refund you", "send you", "give you"];

/// Linking a card to an app.
static LINK: Class = &["link", "bind", "connect"];

/// The reader's card.
static YOUR_CARD: Class = &[
    "your bank card",
    "your card",
    "your debit card",
    "your credit card",
    "your bank account",
];

/// Verifying by a payment.
static VERIFY_BY: Class = &["verify", "validate"];

/// By sending.
static BY_SENDING: Class = &[
    "by sending",
    "by depositing",
    "by transferring",
    "by paying",
];

/// Dropping a contact ("delete the old one", "remove my old number").
static DROP: Class = &[
    "delete", "remove", "bin", "erase", "forget", "block", "lose",
];

/// The sender's old number or contact, to be dropped for the new one.
static OLD_CONTACT: Class = &[
    "the old one",
    "the old number",
    "my old number",
    "my old one",
    "the other one",
    "the other number",
    "my other number",
    "my old contact",
    "the old contact",
    "old number",
];

/// An ask to drop the real contact for the new one: the "new number" scam's first ask
/// (it cuts the real relative out of the conversation).
const CONTACT_SWAPPED: Meaning = (Ask, T::Pretexting, R::PretextFriend);

/// A new phone.
static NEW_PHONE: Class = &["new phone", "new number", "new mobile"];

/// A new number.
static NEW_NUMBER: Class = &["new number", "new phone number", "new mobile number"];

/// Building a life.
static BUILD: Class = &["build", "building", "plan", "planning", "start"];

/// A future with the reader.
static FUTURE_WITH: Class = &[
    "a future with you",
    "a future w you",
    "a life with you",
    "a future together",
    "a life together",
];

/// Getting into a session.
static TO_ENTER: Class = &["to join", "to enter", "to get into", "to take part in"];

/// A trading session one buys into.
static ROUND: Class = &["round", "pool", "session", "signal group"];

/// Gains on a position ("2,900 up on the pair").
static UP_ON: Class = &[
    "up on",
    "up today",
    "up this week",
    "up already",
    "in profit",
];

/// The reader's money said to be idle: the invitation to move it.
static IDLE_MONEY: Class = &[
    "stop leaving your money",
    "leaving your money",
    "let your money sit",
    "letting your money sit",
    "your money asleep",
    "your money sleeping",
];

/// Late.
static OVERDUE: Class = &["is overdue", "overdue", "past due", "in arrears"];

/// Restoring with something ("restore w/ recovery phrase").
static RESTORE_WITH: Class = &[
    "restore w",
    "restore with",
    "resync with",
    "re sync with",
    "validate with",
    "verify with",
    "verify w",
];

/// Calling the reader back.
static CALL_YOU: Class = &[
    "i'll call you",
    "i will call you",
    "we'll call you",
    "we will call you",
    "an officer will call you",
    "expect my call",
    "expect our call",
    "wait for my call",
    "wait for our call",
];

/// With orders.
static INSTRUCTIONS: Class = &[
    "with instructions",
    "with further instructions",
    "with your instructions",
];

/// Third persons naming a change.
static THEY: Class = &["they", "they've", "they have"];

/// An account.
static ACCT: Class = &["account", "wallet", "membership"];

/// Closing it.
static CLOSURE: Class = &[
    "closure",
    "permanent closure",
    "suspension",
    "termination",
    "deactivation",
];

/// Money held out to the reader ("to receive your 118,450").
static TO_RECEIVE_YOUR: Class = &[
    "to receive your",
    "to withdraw your",
    "to release your",
    "to unlock your",
    "to collect your",
];

/// The platform.
static PLATFORM: Class = &[
    "the platform",
    "this platform",
    "the exchange",
    "our platform",
];

/// Vouched for.
static VOUCHED: Class = &[
    "is regulated",
    "is licensed",
    "is registered",
    "is legit",
    "is 100% safe",
];

/// An app.
static APP: Class = &["app", "application"];

/// Linking the reader's card to it.
static LINK_YOUR_CARD: Class = &[
    "link your bank card",
    "link your card",
    "bind your bank card",
    "bind your card",
    "add your bank card",
    "link your bank account",
    "connect your bank account",
];

/// Needing it done.
static NEED_DONE: Class = &[
    "need it done",
    "needs to be done",
    "get it done",
    "have it done",
];

/// Soon.
static WITHIN: Class = &[
    "in the next hour",
    "within the hour",
    "within an hour",
    "in the next # minutes",
    "within # minutes",
    "asap",
    "before noon",
];

/// Chance made into fate ("since fate connected us").
static FATE: Class = &["fate", "destiny", "the universe"];

/// What fate did.
static FATED: Class = &["connected", "brought", "led", "meant", "sent", "introduced"];

/// Denying that a number is the one meant ("this isn't Emma's number").
static ISNT: Class = &["isn't", "is not", "not", "wasn't"];

/// A number or a contact.
static WHOSE: Class = &["number", "phone", "contact"];

/// Referring the reader to someone off the platform ("DM me", "want his WhatsApp?"):
/// counted only beside a recovery offer ([`steps`]), where it is the ask.
static CONTACT_VERB: Class = &[
    "give you",
    "send you",
    // "send us a private message", "send me a DM".
    "send",
    "dm",
    "message",
    "contact",
    "inbox",
    "text",
    "whatsapp",
    "telegram",
    "write to",
    "reach out to",
    "reach",
    "want",
    "get",
    "email",
];

/// The one to contact.
static CONTACT_WHOM: Class = &[
    "me",
    "us",
    "him",
    "her",
    "his whatsapp",
    "his telegram",
    "his number",
    "his contact",
    "her whatsapp",
    "her telegram",
    "her number",
    "her contact",
    "their whatsapp",
    "their number",
    "his email",
    "her email",
    "his details",
    "her details",
    "his info",
    "his link",
    "now",
    "today",
    "us today",
    "us now",
    "us directly",
    "me directly",
];

/// Finishing what is left of a set.
static FINISH: Class = &["complete", "finish", "do"];

/// What is left of a set of tasks.
static REMAINING: Class = &[
    "the remaining",
    "your remaining",
    "the rest of",
    "the last",
    "the final",
    "remaining",
];

/// A login secret other than a one-time code: asked for by a person, never by a
/// service that has its own login form ("enter your password" is that form's words, so
/// only verbs of handing over read here, [`ASK_CODE`]).
///
/// The reader's own, said so: "what's the wifi password" is a guest's question.
static CREDENTIAL: Class = &[
    "your password",
    "your passwords",
    "your current password",
    "your account password",
    "your login",
    "your login details",
    "your log in details",
    "your sign in details",
    "your credentials",
    "your pin",
    "your card pin",
    "your security answers",
    "your memorable word",
    "your card details",
    "your cvv",
    "your cvc",
    "your online banking",
];

/// A legal threat: what a fake officer says is coming ("an arrest order", "papers go
/// out", "a warrant in your name").
static LEGAL: Class = &[
    "warrant",
    "arrest",
    "arrest order",
    "arrest papers",
    "summons",
    "subpoena",
    "prosecution",
    "detention",
    "court order",
    "legal action",
    "lawsuit",
    "criminal charges",
];

/// The threat carried out or pending.
static ISSUED: Class = &[
    "issued",
    "filed",
    "pending",
    "go out",
    "goes out",
    "against you",
    "in your name",
    "will be",
    "is being",
    "imminent",
    "avoid",
    "prevent",
];

/// A number the sender writes from instead of the usual one.
static OTHER: Class = &[
    "different",
    "another",
    "temporary",
    "temp",
    "spare",
    "borrowed",
    // "friend's", "mate's": the possessive is dropped.
    "friend",
    "mate",
];

/// Keeping someone out of it ("keep your bank out of this").
static KEEP_OUT: Class = &["keep", "leave"];

/// Out of it.
static OUT_OF_IT: Class = &["out of this", "out of it", "out of the loop"];

/// Asking for a payee's bank details to be changed ("update their details to the
/// account below").
static UPDATE: Class = &["update", "change", "amend", "switch", "replace", "edit"];

/// A payee's bank details, or the sender's own (not "update your bank details in the
/// HR portal": the reader's own, which payroll asks for).
static BANK_DETAILS: Class = &[
    "their details",
    "their bank details",
    "their account details",
    "their payment details",
    "his details",
    "his bank details",
    "her details",
    "her bank details",
    "the bank details",
    "the account details",
    "the payment details",
    "the payee details",
    "the details",
    "the sort code",
    "the iban",
    "my bank details",
    "my account details",
    "my details",
    "our bank details",
    "our account details",
    "payee details",
    "supplier details",
    "vendor details",
];

/// One who is paid by the business.
static PAYEE: Class = &[
    "supplier",
    "suppliers",
    "vendor",
    "vendors",
    "landlord",
    "payee",
    "contractor",
    "client",
    "beneficiary",
];

/// A payee's new bank: why the payment goes elsewhere.
static CHANGED_BANKS: Class = &[
    "changed banks",
    "changed bank",
    "changed their bank",
    "switched banks",
    "has a new bank",
    "new bank details",
    "new account",
    "new bank account",
    "updated bank details",
    "updated their bank details",
    "updated their details",
    "changed bank details",
    "changed their bank details",
    "new payment details",
];

/// Those who say they get money back.
static RECOVERERS: Class = &[
    "hackers",
    "ethical hackers",
    "experts",
    "specialists",
    "investigators",
    "lawyers",
    "our team",
    "our agents",
    "forensics",
    "forensic team",
    "forensics team",
    "recovery team",
    "recovery experts",
    "recovery agents",
    "recovery specialists",
    "recovery unit",
    "analysts",
];

/// Getting money back, as such a team says it does.
static GET_IT_BACK: Class = &[
    "recover",
    "retrieve",
    "reclaim",
    "trace",
    "track down",
    "claw back",
    "get back",
    "get it back",
    "recover*",
    "retriev*",
    "reclaim*",
    "traced",
    "tracked down",
    "clawed back",
    "got back",
    "returned",
];

/// A desk or role naming itself ("Coinbase agent here", "Ledger help desk here").
static DESK_ROLE: Class = &[
    "agent",
    "support",
    "security",
    "help desk",
    "helpdesk",
    "desk",
    "compliance",
    "risk",
    "team",
];

/// Here.
static HERE: Class = &["here"];

/// A wallet's words counted out ("the 12 words", "all 24 of them").
static COUNTED_WORDS: Class = &["# words", "all # words", "# of them", "twelve words"];

/// Where a wallet's words were kept or come from.
static WORDS_KEPT: Class = &[
    "wrote", "written", "noted", "saved", "backup", "card", "sheet", "paper", "recovery", "wallet",
    "seed", "ledger", "metamask",
];

/// Words of a wallet named by the wallet's own words only ("the words from your backup
/// card"): with no count, only a wallet's backup names them.
static THE_WORDS: Class = &["the words", "your words", "those words"];

/// A wallet's backup.
static BACKUP: Class = &[
    "backup", "recovery", "seed", "wallet", "ledger", "metamask", "trezor",
];

/// Moving the chat to another app: pressure of grooming, task and relative scams.
const OFF_APP: Meaning = (Pressure, T::OffPlatform, R::OffPlatformContact);

/// The reader invited onto the platform: investment grooming's ask.
const INVITED: Meaning = (Ask, T::TooGoodToBeTrue, R::TooGoodInsider);

/// Carrying on a chat begun by mistake: grooming's second step.
const KEEP_CHATTING: Meaning = (Pressure, T::Pretexting, R::PretextFriend);

/// A referral to a recovery "expert" elsewhere: the recovery offer's ask.
const REFERRED: Meaning = (Ask, T::OffPlatform, R::OffPlatformContact);

/// The money asks of every family but callbacks (which ask for a call).
const ASKING: Families = AUTHORITY | LOAN | SERVICE | ACQUAINTANCE | TASK | INVESTMENT;

/// Verbs that hand a wallet to a site: connecting it, or "validating", "syncing" or
/// "restoring" it there (what a drainer asks for; a wallet's own app never asks so in a
/// message).
static WALLET_VERB: Class = &[
    "connect",
    "reconnect",
    "link",
    "relink",
    "sync",
    "resync",
    "synchronise",
    "synchronize",
    "validate",
    "revalidate",
    "verify",
    "reverify",
    "confirm",
    "authenticate",
    "authorise",
    "authorize",
    "rectify",
    "whitelist",
    "reactivate",
];

/// A wallet as the object of those verbs ("your wallet", "the affected wallet"; not "the
/// wallet address", see [`steps`]).
static WALLET_OBJ: Class = &[
    "wallet",
    "wallets",
    "your wallet",
    "the wallet",
    "your ? wallet",
    "the ? wallet",
    "your wallets",
    "your ? wallets",
];

/// Signing or approving a transaction: what a drainer asks a wallet to do ("sign the
/// transaction", "approve the claim transaction").
static SIGN_TX: Class = &[
    "sign the transaction",
    "sign this transaction",
    "sign the ? transaction",
    "approve the transaction",
    "approve this transaction",
    "approve the ? transaction",
    "sign the message",
    "sign the approval",
];

/// The wallet a transaction is signed in, by kind or app name.
static WALLET_APP: Class = &[
    "wallet",
    "metamask",
    "phantom",
    "trust wallet",
    "rabby",
    "ledger",
];

/// The kinds of charge that stand before a payout, a release or a service (advance
/// fees): a charge named by what it "unlocks", secures or clears.
static FEE_KIND: Class = &[
    "security",
    "guarantee",
    "guaranty",
    "filing",
    "processing",
    "clearance",
    "release",
    "activation",
    "unfreezing",
    "unfreeze",
    "unlocking",
    "unlock",
    "insurance",
    "verification",
    "legal",
    "registration",
    "training",
    "upgrade",
    "gas",
    "customs",
    "escrow",
    "refundable",
    "compliance",
    "handling",
    "admin",
    "administration",
    "certification",
    "validation",
    "stamp",
    "tax",
];

/// The charge itself.
static FEE_NOUN: Class = &[
    "fee", "fees", "deposit", "charge", "charges", "payment", "duty",
];

/// Lost money named, as it is "located" or "traced" in a recovery offer.
static LOST_FUNDS: Class = &[
    "stolen funds",
    "lost funds",
    "stolen crypto",
    "lost crypto",
    "stolen assets",
    "lost assets",
    "stolen coins",
    "lost coins",
    "stolen money",
    "lost money",
    "stolen bitcoin",
    "lost bitcoin",
    "missing funds",
    "funds you lost",
    "money you lost",
    "crypto you lost",
    "the funds",
];

/// Found again.
static FOUND: Class = &[
    "located",
    "traced",
    "found",
    "identified",
    "tracked",
    "recovered",
    "retrieved",
    "recoverable",
    "retrievable",
    // "we track stolen funds across wallets and recover them".
    "recover",
];

/// Starting an investment with a sum ("start with 1,000", "try a small amount first").
static START_WITH: Class = &[
    "start with",
    "start off with",
    "start small with",
    "begin with",
    "try with",
    "try it with",
    "test with",
    "start by putting",
];

/// The sum to start with.
static STARTING_SUM: Class = &[
    "¤",
    "a small amount",
    "small amount",
    "a small sum",
    "a little",
    "a few hundred",
    "a few thousand",
    "a small deposit",
    "a small investment",
];

/// The sender's own gains or stakes, told as a lure ("I made 41k", "I put in another 20k").
static I_MADE: Class = &[
    "i made",
    "i've made",
    "i have made",
    "we made",
    "made me",
    "i pulled",
    "i cleared",
    "i netted",
    "i took home",
    "i put in",
    "i've put in",
    "i invested",
    "i withdrew",
    "i cashed out",
];

/// A rate of winning claimed for signals or a bot.
static WIN_RATE: Class = &[
    "win rate",
    "winning rate",
    "success rate",
    "hit rate",
    "accuracy",
    "accurate",
    "win ratio",
    "profitable",
];

/// Putting money into a pool or vault the sender runs.
static STAKE_IN: Class = &[
    "stake", "deposit", "invest", "lock", "put", "transfer", "send", "move", "allocate", "add",
];

/// The sender's pool.
static OUR_POOL: Class = &[
    "our vault",
    "our pool",
    "the vault",
    "the pool",
    "liquidity pool",
    "the liquidity pool",
    "our fund",
    "staking pool",
    "mining pool",
    "our node",
    "our contract",
    "the smart contract",
];

/// A sum, not a rate ("400", "$150"; "3% daily" is a rate of return, read apart).
static SUM: Class = &["#n"];

/// Pay by the day: the task lure ("$150-400 daily", "$80 a day").
static DAILY: Class = &["daily", "per day", "each day", "every day"];

/// A sum written with its currency sign ("$80", "£60"): pay, where "2 BTC per day" is
/// an exchange's limit.
static SIGNED_SUM: Class = &["¤"];

/// Pay by the day after a sum with its currency sign.
static A_DAY: Class = &[
    "a day",
    "daily",
    "per day",
    "each day",
    "every day",
    "a shift",
];

/// Asking a favour, or asking something not yet said ("need a favour", "ask you
/// something"): a relative's or boss's ask before the money.
static ASK_FAVOUR: Class = &["need", "ask", "asking", "do me", "owe me", "beg"];

/// The favour.
static FAVOUR_WHAT: Class = &[
    "a favour",
    "a favor",
    "a quick favour",
    "a quick favor",
    "a small favour",
    "a small favor",
    "a big favour",
    "a big favor",
    "you something",
    "something",
    "your help",
];

/// A call ("can't talk", "can't take calls": a boss or relative out of reach).
static TALK: Class = &[
    "talk",
    "take calls",
    "take a call",
    "answer",
    "call",
    "speak",
    "pick up",
];

/// The reader's own line, asked for off the work channel: the first step of a boss's
/// or stranger's move to a private chat.
static PERSONAL_NUMBER: Class = &[
    "your personal number",
    "your personal mobile",
    "your personal phone",
    "your personal cell",
    "your personal email",
    "your private number",
    "your private email",
    "your cell number",
    "your whatsapp number",
    "your whatsapp",
    "your mobile number",
];

/// Nouns an amount buys or moves, not gains: "a $212.50 purchase" is a transaction.
static TRANSACTION: Class = &[
    "purchase",
    "payment",
    "transaction",
    "charge",
    "order",
    "withdrawal",
    "transfer",
    "deposit",
    "refund",
    "bill",
    "invoice",
    "subscription",
];

/// The sender itself ("we have changed our bank").
static WE: Class = &["we", "we've", "we have", "we recently", "we've recently"];

/// A business's own bank changed, in its own plain words.
static OUR_BANK_CHANGED: Class = &[
    "changed our bank",
    "changed our banks",
    "changed our banking",
    "changed our bank account",
    "changed our bank details",
    "changed our account",
    "changed our account details",
    "changed banking provider",
    "changed banking providers",
    "switched our bank",
    "switched banking provider",
    "moved our bank",
    "moved our account",
    "moved our banking",
    "updated our bank details",
    "updated our banking details",
    "updated our account details",
    "new banking provider",
    "a new bank",
];

/// A business's bank details, named as its own or a third party's ("their banking
/// details", "the supplier's bank account"), never the reader's or the writer's ("my",
/// "your": an employee updating a payroll record).
static THEIR_BANK_DETAILS: Class = &[
    "their bank",
    "their bank details",
    "their banking details",
    "their bank account",
    "their bank account details",
    "their account details",
    "their banking",
    "its bank details",
    "its banking details",
    "its bank account",
    "our bank details",
    "our banking details",
    "our bank account details",
    // Not "the supplier's bank details" (read "supplier bank details"): a colleague's
    // own mail relays that routinely (email_tests: a reply to elsewhere).
];

/// Bank details changed, before or after the words that name them ("changed their
/// banking details", "their bank details have changed").
static DETAILS_CHANGED: Class = &[
    "changed",
    "have changed",
    "has changed",
    "have been changed",
    "have been updated",
    "has been updated",
    "were changed",
    "were updated",
    "updated",
    "switched",
    "new",
];

/// Paying a business (its invoices and payments), as its customers do.
static PAY_VERB: Class = &[
    "pay",
    "paid",
    "send",
    "sent",
    "remit",
    "remitted",
    "settle",
    "settled",
    "use",
    "direct",
    "make",
    "made",
    "transfer",
    "transferred",
    "process",
    "wire",
    "release",
];

/// Invoices and payments owed to the sender.
static INVOICES: Class = &[
    "invoice",
    "invoices",
    "future invoices",
    "outstanding invoices",
    "payments",
    "future payments",
    "all payments",
    "remittance",
    "remittances",
    // What is owed, whatever the word: "the outstanding balance", "the pending payment".
    "balance",
    "outstanding balance",
    "overdue balance",
    "payment",
    "pending payment",
    "amount due",
    "outstanding amount",
];

/// The sender's new account, named as the sender's or "the" one (not "your new
/// account": a bank opening the reader's own, whose payments move by themselves).
static THE_NEW_ACCOUNT: Class = &[
    "the new account",
    "our new account",
    "this new account",
    "the new bank account",
    "our new bank account",
    "the new bank details",
    "our new bank details",
    "the new account details",
    "our new account details",
    "the new details",
    "our new details",
    "the new banking details",
    "our new banking details",
    // Issue 11 (en9): the destination said in other words.
    "the account below",
    "the account details below",
    "the bank details below",
    "the details below",
    "the account provided",
    "the updated account",
    "the updated account details",
    "the updated bank details",
    "the updated details",
    "our updated account",
    "our updated account details",
    "our updated bank details",
    "our updated details",
    "the alternative account",
    "our alternative account",
    "the alternate account",
    "our alternate account",
    "the new beneficiary",
    "the new beneficiary account",
    "our new beneficiary",
    "our new beneficiary account",
    "the beneficiary account",
    "the beneficiary account below",
    "the following account",
    "the attached account details",
    "the attached bank details",
    "the attached bank information",
    "the attached details",
    "our new iban",
    "the new iban",
];

/// A code handed back by its pronoun, once the code was named ("I'm sending a code to
/// your phone, please read it back to me").
static RELAY_IT: Class = &[
    "read it back",
    "read it to me",
    "read it out to me",
    "read it to us",
    "share it with me",
    "share it with us",
    "share it with this agent",
    "share it with the agent",
    "share it with our agent",
    "give it to me",
    "give it to us",
    "pass it to me",
    "send it back",
    "send it to me",
    "send it to us",
    "forward it to me",
    "forward it to us",
    "text it to me",
    "text it back",
    "tell it to me",
];

/// What a courier carries.
static SHIPMENT: Class = &[
    "parcel", "parcels", "package", "packages", "shipment", "item", "delivery", "order",
];

/// A delivery that failed (not "held": customs hold parcels for duty that is really
/// due, and say so).
static UNDELIVERED: Class = &[
    "could not be delivered",
    "couldn't be delivered",
    "cannot be delivered",
    "can't be delivered",
    "was not delivered",
    "wasn't delivered",
    "failed delivery",
    "delivery failed",
    "undeliverable",
    "unable to deliver",
    "could not deliver",
    "couldn't deliver",
    "incomplete address",
    "invalid address",
    "insufficient address",
    "address is incomplete",
    "address information is incomplete",
];

/// A charge to get a parcel delivered after all.
static DELIVERY_CHARGE: Class = &[
    "redelivery fee",
    "redelivery charge",
    "re-delivery fee",
    "rescheduling fee",
    "reschedule fee",
    "handling fee",
    "shipping fee",
    "delivery fee",
    "storage fee",
    "postage fee",
    "postage charge",
];

/// What such a charge is said to be.
static OWED: Class = &[
    "is due",
    "is required",
    "is payable",
    "is outstanding",
    "must be paid",
    "applies",
];

/// Paying such a charge, asked ("pay the redelivery fee").
static PAY_IT: Class = &["pay", "to pay", "settle", "cover"];

/// Putting a parcel's details right.
static FIX_ADDRESS: Class = &["update", "correct", "reschedule", "rebook"];

/// A deadline in hours, as a courier's impostor sets it ("within 12 hrs").
static IN_HOURS: Class = &[
    "within # hours",
    "within # hrs",
    "within # hr",
    "within #h",
    "within # h",
    "in # hours",
    "in # hrs",
    "within #hrs",
    "within #hours",
];

/// One who got the writer's money back, telling of it ("he got back all my USDT").
static HE_GOT: Class = &[
    "got",
    "got back",
    "recovered",
    "retrieved",
    "he got",
    "she got",
    "they got",
    "he got back",
    "she got back",
    "they got back",
    "he recovered",
    "she recovered",
    "they recovered",
    "he retrieved",
    "she retrieved",
    "helped me recover",
    "helped me get",
    "helped me get back",
];

/// The writer's own money, all of it.
static ALL_MINE: Class = &[
    "all my",
    "my usdt",
    "my btc",
    "my eth",
    "my bitcoin",
    "my crypto",
    "my coins",
    "my funds",
    "my money",
    "my savings",
    "every penny",
    "every cent",
    // "helped me get every coin back", "recovered my stolen ETH", "got back my $40k".
    "every coin",
    "every single coin",
    "my stolen",
    "my ¤",
    // "got back my 3.4 BTC" (its coin follows, [`MONEY_BACK`]).
    "my #",
];

/// Money, or its coming back, next to the writer's "all my" (not "all my messages").
static MONEY_BACK: Class = &[
    "back", "usdt", "btc", "eth", "bitcoin", "crypto", "coins", "funds", "money", "savings",
];

/// A free first step offered to a victim ("free consultation", "book a case review").
static FREE_STEP: Class = &[
    "free",
    "book a",
    "book your",
    "schedule a",
    "get a",
    "request a",
];

/// What a recovery firm offers first.
static CONSULTATION: Class = &[
    "consultation",
    "consult",
    "case review",
    "case evaluation",
    "assessment",
];

/// Being named among those owed ("you are listed as a claimant").
static LISTED: Class = &["listed as", "named as", "registered as", "included as"];

/// Those owed money back.
static CLAIMANT: Class = &[
    "a claimant",
    "a victim",
    "a beneficiary",
    "a class member",
    "an affected party",
    "an eligible claimant",
];

/// Needing a fee before acting for the reader.
static WE_NEED: Class = &[
    "we need",
    "we require",
    "we'll need",
    "requires",
    "required",
];

/// A lawyer's or recoverer's fee up front.
static RETAINER: Class = &[
    "a retainer",
    "retainer",
    "a retainer fee",
    "an upfront fee",
    "a filing fee",
    "a legal fee",
    "an administration fee",
];

/// A call announced from a desk.
static WILL_CALL: Class = &[
    "will call you",
    "will be calling you",
    "will ring you",
    "will phone you",
    "is going to call you",
    "will call",
];

/// Making the reader's money "safe": the opening of a safe-account call.
static SECURE_FUNDS: Class = &[
    "secure your funds",
    "secure your money",
    "secure your savings",
    "secure your balance",
    "protect your funds",
    "protect your money",
    "protect your savings",
    "safeguard your funds",
    "safeguard your money",
];

/// How a sum is to be paid ("payable in Amazon vouchers", "paid by gift cards").
static PAYABLE: Class = &[
    "payable in",
    "payable by",
    "payable with",
    "payable as",
    "paid in",
    "paid by",
    "paid with",
    "in the form of",
];

/// Asking to confirm or read out what an authenticator shows.
static CONFIRM_TELL: Class = &[
    "confirm", "read", "read out", "tell us", "tell me", "provide",
];

/// An authenticator's code named by its app.
static AUTH_NUMBER: Class = &[
    "authenticator number",
    "authenticator code",
    "authenticator digits",
    "google authenticator number",
    "google authenticator code",
    "google authenticator digits",
    "2fa number",
    "2fa code",
    "2fa digits",
];

/// A prize told of as the writer's own, to pass the link on ("I just got $500 from the
/// survey, you should try it too").
static I_GOT: Class = &[
    "i got",
    "i just got",
    "i received",
    "i just received",
    "i won",
    "i just won",
    "i claimed",
    "i just claimed",
];

/// Where such a prize came from.
static FREEBIE: Class = &[
    "survey",
    "giveaway",
    "promo",
    "promotion",
    "reward",
    "rewards",
    "voucher",
    "gift card",
];

/// Urging the reader to do the same.
static TRY_TOO: Class = &[
    "try it too",
    "try it",
    "do it too",
    "should try",
    "you should too",
    "get yours",
    "claim yours",
];

/// A lure passed on by a friend.
const PASSED_ON: Meaning = (Pretext, T::Baiting, R::BaitGiveaway);

/// Replying or reopening a text so that its link becomes clickable: a filter's
/// safeguard undone on the sender's instruction ("reply Y, then reopen this message").
static REOPEN: Class = &[
    "reopen",
    "re-open",
    "reopen this message",
    "reopen this text",
    "open this message again",
    "open this text again",
    "reply y",
    "reply yes",
];

/// A link made clickable.
static ACTIVATE_LINK: Class = &[
    "activate the link",
    "activate this link",
    "activate link",
    "enable the link",
    "enable this link",
    "make the link work",
    "the link will activate",
    "the link becomes active",
    "unlock the link",
];

/// A link that the reader is made to enable.
const LINK_UNLOCKED: Meaning = (Ask, T::Phishing, R::CallToAction);

// Issue 11 (en9): classes read from set 5's remaining misses, by class.

/// A question about the stranger's own life ("are you from around here?", "where do you
/// live?", "do you work in town?"): after a message sent to the wrong number, the sender
/// stays to chat, where a real mistake ends with an apology.
static ABOUT_YOU: Class = &[
    "are you",
    "are u",
    "do you",
    "do u",
    "where do you",
    "where do u",
    "what do you",
    "what do u",
];

/// What such a question asks about: where the reader lives, works, or whether single.
static YOUR_LIFE: Class = &[
    "from",
    "originally from",
    "based",
    "live",
    "living",
    "single",
    "married",
    "retired",
    "do for a living",
    "do for work",
];

/// A recoverer saying what he got back, all of it ("he recovered everything", "they
/// retrieved it all"): the testimony of a recovery scam, whatever the money.
static HE_RECOVERED: Class = &[
    "he recovered",
    "she recovered",
    "they recovered",
    "he retrieved",
    "she retrieved",
    "they retrieved",
    "he got back",
    "she got back",
    "they got back",
];

/// All of the writer's money, named by its whole.
static EVERYTHING: Class = &[
    "everything",
    "it all",
    "all of it",
    "every penny",
    "every cent",
    "every coin",
];

/// Everything lost, said recovered ("lost funds, hacked accounts, all recovered",
/// "everything was recovered").
static ALL_OF_IT: Class = &[
    "all",
    "everything",
    "every penny",
    "every cent",
    "every coin",
];

/// The recovery, in the past.
static RECOVERED_PP: Class = &[
    "recovered",
    "retrieved",
    "reclaimed",
    "was recovered",
    "were recovered",
    "was retrieved",
];

/// What a recoverer calls himself ("ethical hacker", "cyber expert", "recovery wizard",
/// "H.A.C.K.E.R" once the letters are joined): a skill for hire, before its title.
static SKILLED: Class = &[
    "ethical",
    "cyber",
    "recovery",
    "crypto recovery",
    "fund recovery",
    "funds recovery",
    "asset recovery",
    "certified",
    "expert",
    "professional",
    "legit",
    "genuine",
];

/// The recoverer's title.
static HACKER: Class = &[
    "hacker", "hackers", "expert", "wizard", "genius", "guru", "master",
];

/// An e-mail address spelled out to slip past filters ("recoveryexpert (at) gmail dot
/// com", "name [at] outlook [dot] com"): the brackets are not words, so "at", any one
/// word and "dot" remain.
static AT_DOMAIN_DOT: Class = &["at ? dot", "at ? ? dot"];

/// The common top-level domains that end such an address.
static TLD: Class = &[
    "com", "net", "org", "co", "io", "me", "info", "biz", "uk", "us", "ca", "au", "in",
];

/// A payee's coordinates, whoever's they are ("remittance details", "beneficiary
/// account", "banking information").
static PAYMENT_COORDS: Class = &[
    "remittance details",
    "remittance information",
    "remittance instructions",
    "remittance info",
    "payment details",
    "payment information",
    "payment instructions",
    "payment info",
    "wire instructions",
    "wiring instructions",
    "wire details",
    "banking details",
    "bank details",
    "bank information",
    "banking information",
    "bank info",
    "banking info",
    "account details",
    "account information",
    "beneficiary details",
    "beneficiary account",
    "beneficiary information",
    "beneficiary bank",
    "receiving account",
    "bank account",
    "banking arrangements",
    "banking provider",
    "banks",
];

/// Those coordinates changed ("have been updated", "our new beneficiary details").
static COORDS_CHANGED: Class = &[
    "changed",
    "have changed",
    "has changed",
    "have been changed",
    "has been changed",
    "updated",
    "have been updated",
    "has been updated",
    "been updated",
    "been changed",
    "new",
    "revised",
    "amended",
    "modified",
    "switched",
    "moved",
    "alternative",
    "alternate",
];

/// A sum a projection is made for ("expected return 35%", "projected 12x at listing",
/// "target yield of 18%").
static PROJECTED_RETURN: Class = &[
    "expected return",
    "expected returns",
    "projected return",
    "projected returns",
    "projected",
    "estimated return",
    "estimated returns",
    "target return",
    "target returns",
    "targeted return",
    "anticipated return",
    "anticipated returns",
    "potential return",
    "potential returns",
    "expected yield",
    "projected yield",
    "target yield",
    "expected roi",
    "projected roi",
    "guaranteed return",
    "guaranteed returns",
];

/// A projection before a multiple ("projected 12x at listing", "potential 50x").
static PROJECTED: Class = &["projected", "expected", "potential", "estimated"];

/// A multiple of the stake ("12x").
static MULTIPLE: Class = &["#x"];

/// The figure: a percentage or a multiple ("35%", "12x").
static GAIN_FIGURE: Class = &["#%", "# %", "#x", "of #%", "of #x", "is #%", "is #x"];

/// A few chosen ("a handful of", "a select few", "invitation-only"): the cold pitch's
/// flattery of exclusivity.
static SELECT_FEW: Class = &[
    "a handful of",
    "a select few",
    "a select group of",
    "a select number of",
    "a small number of",
    "a limited number of",
    "a few select",
    "select",
    "invitation only",
    "invite only",
    "private",
    "exclusive",
    "limited private",
    "small private",
];

/// What the few are let into: an allocation or a place among investors.
static ALLOCATION: Class = &[
    "allocation",
    "allocations",
    "co-investors",
    "co-investment",
    "investors",
    "individuals",
    "wealth circle",
    "investment circle",
    "pre ipo",
    "token allocation",
];

/// Pay by the day, named before its sum ("daily salary 150-800 USD").
static DAILY_PAY: Class = &[
    "daily salary",
    "daily pay",
    "daily income",
    "daily wage",
    "daily wages",
    "daily earnings",
    "salary per day",
];

/// Where the few come from: a private fund's desk talking to a stranger.
const EXCLUSIVE: Meaning = (Pressure, T::TooGoodToBeTrue, R::TooGoodInsider);

/// Every concept rule.
pub(crate) static RULES: &[Rule] = &[
    // "relocate them to the secure holding account": money moved to a "safe" place.
    rule(
        SHIELD,
        ACCOUNT,
        2,
        AUTHORITY | SERVICE | LOAN | TASK | INVESTMENT,
        PAYING,
        0.6,
    ),
    // "shift your remaining balance", "park your USDT", "fund the account with savings".
    rule(MOVE, MONEY, 3, ASKING, PAYING, 0.5),
    // "deposit 1,840 to the platform", "wire 12,500 to the vendor".
    rule(REMIT, AMOUNT, 2, ASKING, PAYING, 0.5),
    // "release the payout", "the system unlocks your frozen earnings": the promise an
    // advance fee stands before.
    rule(
        RELEASE,
        PAYOUT,
        4,
        LOAN | TASK | INVESTMENT,
        FEE_PROMISE,
        0.4,
    ),
    // "read out the code we send", "send me the codes".
    either(
        HAND_OVER,
        CODE,
        6,
        SERVICE | AUTHORITY | ACQUAINTANCE | LOAN,
        CODE_ASKED,
        0.5,
    ),
    // "install the screen-sharing app", "allow our technician remote access".
    rule(INSTALL, REMOTE, 4, SERVICE | AUTHORITY, REMOTE_ASKED, 0.6),
    // "cover the insurance fee", "top up the shortfall", "make a thaw payment".
    rule(PAY, FEE, 6, ASKING, FEE_ASKED, 0.5),
    // "National Fraud Bureau", "Financial Crimes Division", "customs officer".
    rule(DOMAIN, OFFICE, 2, AUTHORITY, AUTHORITY_CLAIMED, 0.5),
    // "keep it quiet", "stays between us", "handle a supplier payment quietly".
    rule(
        KEEP,
        SECRET,
        4,
        AUTHORITY | ACQUAINTANCE | INVESTMENT,
        SECRECY,
        0.5,
    ),
    // "settle an invoice discreetly", "wire it quietly".
    rule(
        HANDLE,
        UNSEEN,
        6,
        AUTHORITY | ACQUAINTANCE | INVESTMENT,
        SECRECY,
        0.5,
    ),
    // "don't mention it to dad", "not a word to the team", "tell nobody".
    either(
        TELL_NOT,
        TELL,
        2,
        AUTHORITY | ACQUAINTANCE | INVESTMENT,
        SECRECY,
        0.5,
    ),
    // "all commissions are released", "the 86,000 can be released".
    rule(
        PAYOUT_OR_AMOUNT,
        RELEASED,
        4,
        LOAN | TASK | INVESTMENT,
        FEE_PROMISE,
        0.4,
    ),
    // "add 260 USDT to your account", "top up $500": money without a money noun.
    rule(TOP_UP, CASH_AMOUNT, 2, ASKING, PAYING, 0.5),
    // "we will mail you a cheque", "deposit the check": a payment to the reader, the
    // first step of the mystery-shopper script (the cheque bounces after the reader
    // has spent the rest).
    either(CHEQUE, CHEQUE_ARRIVES, 3, TASK | SERVICE, JOB_LURE, 0.4),
    // "use the rest to buy gift cards", "buy bitcoin with the rest", "send the remaining
    // balance to our agent".
    // "buy Apple gift cards with the rest": the thing bought may take a few words.
    rule(SPEND_ON, THE_REST, 5, TASK | SERVICE, PAYING, 0.5),
    // "return the surplus", "send back the overpayment".
    rule(GIVE_BACK, EXCESS, 3, SERVICE | AUTHORITY, PAYING, 0.5),
    // "a retainer is required upfront", "charges a small fee first", "premium of 180
    // must be paid".
    rule(
        CHARGE,
        DUE,
        4,
        LOAN | TASK | INVESTMENT | SERVICE | AUTHORITY,
        FEE_ASKED,
        0.5,
    ),
    // "the platform requires a one-time membership upgrade".
    rule(
        REQUIRES,
        CHARGE,
        6,
        LOAN | TASK | INVESTMENT | SERVICE | AUTHORITY,
        FEE_ASKED,
        0.5,
    ),
    // "retrieve your stolen funds", "got my money back": the recovery offer.
    rule(RECOVER, LOST, 4, SERVICE | AUTHORITY, RECOVERY_OFFERED, 0.5),
    // "withdraw the cash", "take out your savings".
    rule(
        CASH_OUT,
        CASH,
        3,
        AUTHORITY | SERVICE | ACQUAINTANCE,
        PAYING,
        0.5,
    ),
    // "hand it to the courier", "give the money to our agent".
    rule(HAND, COLLECTOR, 5, AUTHORITY | SERVICE, PAYING, 0.5),
    // "contact our dispute line", "reach our team": a callback's ask (judged by its
    // shape: all three steps and a number that is not official).
    rule(CONTACT, HELPDESK, 4, CALLBACK, DESK_ASKED, 0.05),
    // "not authorised by you?", "don't recognise this change".
    rule(NOT, BY_YOU, 2, CALLBACK, THREAT, 0.05),
    // "outgoing transfer of 2,300 USDT scheduled", "email was changed".
    either(EVENT, STATE, 6, CALLBACK, SUPPORT_CLAIMED, 0.05),
    // "fill in your secret phrase", "confirm your seed words".
    rule(
        ENTER,
        SEED,
        4,
        SERVICE | AUTHORITY | INVESTMENT,
        SEED_ASKED,
        0.6,
    ),
    // "your assets will be seized", "tokens may be lost".
    rule(
        BE,
        LOSS,
        2,
        AUTHORITY | SERVICE | LOAN | TASK | INVESTMENT,
        THREAT,
        0.4,
    ),
    // "wrong number", "texted the wrong person": the grooming opener.
    either(
        WRONG,
        RECIPIENT,
        2,
        INVESTMENT | ACQUAINTANCE,
        FRIEND_CLAIMED,
        0.4,
    ),
    // "we talked at the fintech summit", "chatting with you last night".
    rule(
        MET,
        VENUE,
        4,
        INVESTMENT | ACQUAINTANCE,
        FRIEND_CLAIMED,
        0.3,
    ),
    // "my uncle runs a quant desk", "my mentor's signals".
    either(CLOSE, TRADING, 8, INVESTMENT, INSIDER_LURE, 0.4),
    // "crypto trading on the side", "AI arbitrage".
    rule(MARKET, TRADE, 2, INVESTMENT, RETURNS_LURE, 0.3),
    // "3% daily", "30 % a week": a promised return.
    rule(PERCENT, PERIOD, 1, INVESTMENT | TASK, RETURNS_LURE, 0.6),
    // "make a payment of 47,500", "process an urgent transfer".
    rule(
        MAKE,
        PAYMENT,
        3,
        ACQUAINTANCE | AUTHORITY | SERVICE,
        PAYING,
        0.4,
    ),
    // "help me with a bill", "help me cover the rent".
    rule(HELP, BILL, 3, ACQUAINTANCE, PAYING, 0.35),
    // "your credit application passed review", "loan approved".
    either(CREDIT, GRANTED, 3, LOAN, SUPPORT_CLAIMED, 0.4),
    // "so glad we started talking", "nice to meet you anyway".
    rule(GLAD, TALKING, 3, INVESTMENT, FRIEND_CLAIMED, 0.3),
    // "rate movies on an app", "liking TikTok posts", "boost products".
    rule(RATE, ITEMS, 3, TASK, JOB_LURE, 0.4),
    // "top up the work account", "recharge your task account".
    rule(REFILL, ACCOUNT, 3, TASK | INVESTMENT, PAYING, 0.5),
    // "You sent 749.00 USD to CryptoWorld": the event a callback alarms with.
    rule(YOU, DID, 1, CALLBACK, SUPPORT_CLAIMED, 0.05),
    // "we accidentally credited 900 to your account".
    rule(
        MISTAKE,
        CREDITED,
        2,
        SERVICE | ACQUAINTANCE,
        SUPPORT_CLAIMED,
        0.4,
    ),
    // "buy six Google Play cards", "pick up some Steam vouchers".
    rule(
        BUY,
        CARDS,
        4,
        ACQUAINTANCE | AUTHORITY | SERVICE,
        GIFT_CARDS,
        0.6,
    ),
    // "to stop it", "to cancel this renewal": a callback's reason to call.
    rule(TO_STOP, IT, 2, CALLBACK, THREAT, 0.05),
    // "our billing office is reachable at +1 …", "support team at 0800 …".
    rule(HELPDESK, AT_NUMBER, 3, CALLBACK, DESK_ASKED, 0.05),
    // "the minimum to start is only 300", "minimum stake 500".
    rule(MINIMUM, START, 3, INVESTMENT | TASK, PAYING, 0.4),
    // "I made 18%", "gained 40% this month".
    rule(GAINED, PERCENT, 2, INVESTMENT, RETURNS_LURE, 0.3),
    // "have you eaten?", "did you sleep well?": intimacy before the pitch.
    rule(CARE, MEALS, 1, INVESTMENT, FRIEND_CLAIMED, 0.3),
    // "I can guide you step by step", "let me show you how".
    rule(GUIDE, STEPWISE, 3, INVESTMENT, INSIDER_LURE, 0.3),
    // "the returns are steady", "guaranteed profits".
    either(RETURNS, STEADY, 3, INVESTMENT | TASK, RETURNS_LURE, 0.5),
    // "a small correction fee of 120 releases it".
    rule(
        CHARGE,
        RELEASES,
        4,
        LOAN | TASK | INVESTMENT | SERVICE,
        FEE_ASKED,
        0.5,
    ),
    // "SEC enforcement notice", "IRS case officer".
    rule(AGENCY, ACTION, 3, AUTHORITY, AUTHORITY_CLAIMED, 0.5),
    // "a licensed asset tracing firm", "fund recovery".
    rule(
        TRACED,
        TRACING,
        1,
        SERVICE | AUTHORITY,
        RECOVERY_OFFERED,
        0.5,
    ),
    // "smashed my screen", "phone died": why the relative writes from a new number.
    either(BROKE, PHONE, 3, ACQUAINTANCE, FRIEND_CLAIMED, 0.5),
    // "give them access", "allow us control".
    rule(GRANT, ACCESS, 3, SERVICE | AUTHORITY, REMOTE_ASKED, 0.5),
    // "someone placed an order using your account", "hackers accessed".
    rule(
        SOMEONE,
        INTRUDED,
        2,
        SERVICE | AUTHORITY | CALLBACK,
        THREAT,
        0.3,
    ),
    // "your funds are at risk", "wallet has been exposed".
    either(HOLDINGS, AT_RISK, 3, SERVICE | AUTHORITY, THREAT, 0.4),
    // "the lucky bundle", "a combination order".
    rule(LUCKY, ORDER, 2, TASK, TASK_ORDER, 0.4),
    // "you completed 35/40 data submissions".
    rule(DONE, UNITS, 3, TASK, JOB_LURE, 0.3),
    // "complete the remaining 12 assignments": the set a task scam pushes to finish
    // (not "complete the tasks before your first day").
    rule(FINISH, REMAINING, 1, TASK, JOB_LURE, 0.3),
    // "it's Sarah from HR", "this is the CFO".
    rule(FROM, ROLE, 3, ACQUAINTANCE, FRIEND_CLAIMED, 0.35),
    // "the entry fee is 250", "VIP membership fee".
    rule(ENTRY, FEE_WORD, 1, INVESTMENT | TASK, FEE_ASKED, 0.4),
    // "my signal group", "the VIP trading room".
    rule(TIPS, GROUP, 1, INVESTMENT, INSIDER_LURE, 0.4),
    // "press 1 to speak with an agent": a robocall.
    rule(PRESS, KEY, 1, AUTHORITY | SERVICE | LOAN, CALL_ASKED, 0.5),
    // "my app is locked", "my card isn't working": why the relative cannot pay.
    rule(MINE, STUCK, 3, ACQUAINTANCE, HURRY, 0.3),
    // "your PC has reported critical errors", "the router is infected".
    either(DEVICE, INFECTED, 4, SERVICE | AUTHORITY, THREAT, 0.4),
    // "we'll have to view your screen".
    rule(VIEW, SCREEN, 2, SERVICE | AUTHORITY, REMOTE_ASKED, 0.5),
    // "3 to 8 usd each", "5 per screenshot": pay per unit of a task.
    rule(AMOUNT, EACH, 2, TASK, RETURNS_LURE, 0.4),
    // "deposit the required 2,140".
    rule(
        REQUIRED,
        AMOUNT,
        1,
        TASK | INVESTMENT | LOAN,
        FEE_ASKED,
        0.4,
    ),
    // "I need an urgent payment", "needs a wire sent".
    rule(
        NEED,
        PAYMENT,
        3,
        ACQUAINTANCE | AUTHORITY | SERVICE,
        PAYING,
        0.4,
    ),
    // "I invest part time in crypto futures".
    rule(INVEST, MARKET, 3, INVESTMENT, RETURNS_LURE, 0.3),
    // "I saw your profile", "came across your post".
    rule(
        NOTICED,
        PROFILE,
        2,
        INVESTMENT | SERVICE,
        FRIEND_CLAIMED,
        0.3,
    ),
    // "add 2,000 more to reach the level".
    rule(TOP_UP, MORE, 2, INVESTMENT | TASK, PAYING, 0.5),
    // "I opened an account for you on the platform".
    rule(OPENED, FOR_YOU, 2, INVESTMENT, FRIEND_CLAIMED, 0.4),
    // "this is my new phone", "new number".
    rule(NEW, HANDSET, 1, ACQUAINTANCE, FRIEND_CLAIMED, 0.4),
    // "let our engineer access your computer", "log into your PC".
    rule(INTO, YOUR_DEVICE, 2, SERVICE | AUTHORITY, REMOTE_ASKED, 0.5),
    // "we need to validate your Google Authenticator".
    rule(VERIFY, YOUR_SECURITY, 2, SERVICE, SUPPORT_CLAIMED, 0.3),
    // "during the upgrade", "due to a system migration".
    rule(
        BECAUSE,
        EVENT_OF_SERVICE,
        3,
        SERVICE | AUTHORITY,
        SUPPORT_CLAIMED,
        0.3,
    ),
    // "earn an extra 1,000-3,000 a week".
    rule(EARN, AMOUNT, 3, TASK, RETURNS_LURE, 0.3),
    // "you'll receive 390 back".
    rule(RECEIVE, BACK, 1, TASK | INVESTMENT, RETURNS_LURE, 0.4),
    // "buy the package of 300", "purchase the VIP level".
    rule(BUY, PACKAGE, 3, TASK | INVESTMENT, PAYING, 0.4),
    // "a police courier will collect it".
    rule(COLLECTOR, COLLECT, 2, AUTHORITY | SERVICE, PAYING, 0.5),
    // "send a minimum of 0.5 ETH".
    rule(MINIMUM, CASH_AMOUNT, 2, INVESTMENT | TASK, PAYING, 0.4),
    // "will only release your 31,000 after…" (not "Release 2.4").
    rule(
        RELEASE,
        HELD_AMOUNT,
        1,
        LOAN | TASK | INVESTMENT,
        FEE_PROMISE,
        0.4,
    ),
    // "recover it for a small fee", "for a fee of 500 we will file your case".
    rule(
        FOR,
        FEE_NAMED,
        3,
        LOAN | TASK | INVESTMENT | SERVICE | AUTHORITY,
        FEE_ASKED,
        0.4,
    ),
    // "tap 'allow' when asked".
    rule(TAP, ALLOW, 2, SERVICE | AUTHORITY, REMOTE_ASKED, 0.4),
    // "an admin from the official Binance group".
    rule(ADMIN, COMMUNITY, 3, SERVICE, SUPPORT_CLAIMED, 0.4),
    // "orders that raise store rankings", "improve their app store visibility".
    rule(RAISE, RANKING, 3, TASK, JOB_LURE, 0.4),
    // "Yesterday I earned 9k" (not "you made a $45.20 transaction").
    rule(EARNED, CASH_AMOUNT, 2, INVESTMENT, RETURNS_LURE, 0.3),
    // "Sweetie, I trust you", "Good morning dear, have you eaten?": everyday words
    // between people who know each other, so they count only towards a script.
    rule(ENDEAR, PERSON, 2, INVESTMENT, FRIEND_CLAIMED, 0.15),
    // "our investigators charge a refundable filing fee".
    rule(
        CHARGING,
        FEE_NAMED,
        3,
        SERVICE | AUTHORITY | LOAN,
        FEE_ASKED,
        0.4,
    ),
    // "Scam victims: we recovered 3.2M".
    rule(
        SCAM_KIND,
        VICTIMS,
        1,
        SERVICE | AUTHORITY,
        RECOVERY_OFFERED,
        0.4,
    ),
    // "your iCloud was used to buy 3 iPhones", "your name appears in an investigation".
    rule(YOURS, USED, 2, SERVICE | AUTHORITY, THREAT, 0.3),
    // "simple product boosting jobs from home", "flexible online role".
    either(WORKSTYLE, JOB, 2, TASK, JOB_LURE, 0.3),
    // "Mom it's Ethan", "Dad, it's me".
    rule(KIN, ITS, 2, ACQUAINTANCE, FRIEND_CLAIMED, 0.4),
    // "change my salary bank details to this new account".
    rule(CHANGE, MY_PAY, 2, ACQUAINTANCE, PAYING, 0.4),
    // "Long time no see!".
    rule(LONG_TIME, NO_SEE, 1, INVESTMENT, FRIEND_CLAIMED, 0.3),
    // "I can send you an invite code".
    rule(INVITE, INVITE_CODE, 1, INVESTMENT | TASK, PAYING, 0.3),
    // "our technician needs to connect remotely to your PC".
    rule(CONNECT, REMOTELY, 1, SERVICE | AUTHORITY, REMOTE_ASKED, 0.5),
    // "all assets must be transferred to your verified sub-wallet".
    rule(
        MONEY,
        MOVED,
        2,
        AUTHORITY | SERVICE | LOAN | TASK | INVESTMENT,
        PAYING,
        0.5,
    ),
    // "your balance is negative", "a negative balance".
    either(SHORT, BALANCE, 2, TASK | INVESTMENT, FEE_PROMISE, 0.4),
    // "withdrawing 6,000 and handing it over".
    rule(
        CASH_OUT,
        AMOUNT,
        1,
        AUTHORITY | SERVICE | ACQUAINTANCE,
        PAYING,
        0.5,
    ),
    // "scratch them and photograph them for me".
    rule(
        SCRATCH,
        SNAP,
        5,
        ACQUAINTANCE | AUTHORITY | SERVICE,
        GIFT_CARDS,
        0.6,
    ),
    // "pay … using Google Play vouchers" (not "Apple Pay").
    rule(
        PAY,
        CARDS,
        5,
        ACQUAINTANCE | AUTHORITY | SERVICE,
        GIFT_CARDS,
        0.6,
    ),
    // "I'm in a client meeting", "boarding a flight": a boss who cannot be called.
    rule(BUSY, MEETING, 3, ACQUAINTANCE, HURRY, 0.3),
    // "I saved your number as my yoga teacher's".
    rule(
        SAVED,
        YOUR_NUMBER,
        1,
        INVESTMENT | ACQUAINTANCE,
        FRIEND_CLAIMED,
        0.4,
    ),
    // "you have a nice profile picture".
    rule(FLATTER, PICTURE, 2, INVESTMENT, FRIEND_CLAIMED, 0.3),
    // "are you into trading?", "do you invest?".
    rule(INTO_IT, TRADING_VERB, 2, INVESTMENT, RETURNS_LURE, 0.3),
    // "a US-licensed recovery agency".
    rule(TRACING, FIRM, 1, SERVICE | AUTHORITY, RECOVERY_OFFERED, 0.5),
    // "a small upfront fee" (not "no upfront fees").
    rule(
        UPFRONT,
        FEE_NAMED,
        1,
        LOAN | TASK | INVESTMENT | SERVICE | AUTHORITY,
        FEE_ASKED,
        0.4,
    ),
    // "I need 800 for an emergency passport".
    rule(NEED, AMOUNT, 1, ACQUAINTANCE, PAYING, 0.4),
    // "this is Binance VIP support".
    rule(THIS_IS, DESK, 3, SERVICE, SUPPORT_CLAIMED, 0.3),
    // "returned to you with 6x profit", "earn 5x commission".
    rule(AMOUNT, GAINS, 1, TASK | INVESTMENT, RETURNS_LURE, 0.4),
    // "reply with the 6-digit code we sent", "forward me the numbers we text you".
    strong(either(
        HAND_OVER,
        OTP,
        6,
        SERVICE | AUTHORITY | ACQUAINTANCE | LOAN,
        CODE_ASKED,
        0.6,
    )),
    // "send me your seed phrase", "type your 12 recovery words".
    strong(rule(
        GIVE_SEED,
        SEED,
        4,
        SERVICE | AUTHORITY | INVESTMENT,
        SEED_ASKED,
        0.6,
    )),
    // "install AnyDesk", "download TeamViewer".
    strong(rule(
        INSTALL_APP,
        CONTROL_APP,
        4,
        SERVICE | AUTHORITY,
        REMOTE_ASKED,
        0.6,
    )),
    // "move all your funds", "transfer your entire balance".
    strong(rule(SEND_AWAY, ALL_FUNDS, 2, ASKING, PAYING, 0.6)),
    // "move it to this address", "send the USDT to the wallet below".
    rule(SEND_AWAY, GIVEN_PLACE, 10, ASKING, PAYING, 0.5),
    // "our hackers recover crypto", "we retrieve lost investments".
    rule(
        RECOVER_VERB,
        ASSETS_BACK,
        3,
        SERVICE | AUTHORITY,
        RECOVERY_OFFERED,
        0.5,
    ),
    // "a card payment of 749.99 to … is being processed": the callback's event by its
    // amount and its pending state (not "your payment of 1,500.00 has been sent", a
    // receipt).
    rule(OF_AMOUNT, STATE, 6, CALLBACK, SUPPORT_CLAIMED, 0.05),
    // "cover it today" after a deficit.
    rule(COVER, IT_ALONE, 1, TASK | INVESTMENT, FEE_ASKED, 0.3),
    // "or the platform keeps your earnings".
    rule(WITHHOLDS, PAYOUT, 2, TASK | INVESTMENT, THREAT, 0.4),
    // "tell me the six digits your authenticator shows", "read me the number in it",
    // "what's the code that just arrived": a one-time code named by where it comes from.
    strong(near(
        rule(
            ASK_CODE,
            CODE_NOUN,
            4,
            SERVICE | AUTHORITY | ACQUAINTANCE | LOAN,
            CODE_ASKED,
            0.6,
        ),
        CODE_SOURCE,
        5,
    )),
    // "give me the connection ID", "read me your AnyDesk address".
    strong(rule(
        ASK_CODE,
        ACCESS_ID,
        4,
        SERVICE | AUTHORITY,
        REMOTE_ASKED,
        0.6,
    )),
    // "let me take over your screen", "allow our technician onto your laptop", "I'll
    // need to get onto your PC".
    strong(near(
        rule(LET_US, ONTO, 3, SERVICE | AUTHORITY, REMOTE_ASKED, 0.6),
        YOUR_DEVICE,
        3,
    )),
    // "Dial 0203 …", "phone 020 …": a callback's number with no desk named.
    rule(CONTACT, AMOUNT, 2, CALLBACK, DESK_ASKED, 0.05),
    // "add me on Telegram", "a coordinator will reach you on WhatsApp".
    rule(
        MOVE_CHAT,
        CHAT_APP,
        2,
        INVESTMENT | TASK | ACQUAINTANCE,
        OFF_APP,
        0.3,
    ),
    // "u should open an account", "I'll send you the platform link", "I could ask her
    // to include you".
    rule(SUGGEST, ONBOARD, 3, INVESTMENT, INVITED, 0.3),
    // "the system won't let you cash out", "you are unable to withdraw".
    rule(
        CANT,
        WITHDRAW_WORD,
        3,
        TASK | INVESTMENT | LOAN,
        FEE_PROMISE,
        0.4,
    ),
    // "your withdrawal is on hold", "commission frozen".
    either(
        HELD_MONEY,
        HELD,
        3,
        TASK | INVESTMENT | LOAN,
        FEE_PROMISE,
        0.3,
    ),
    // "until the 15% tax on profits is cleared", "once the deposit is paid".
    near(
        rule(
            UNTIL,
            PAID_PASSIVE,
            8,
            LOAN | TASK | INVESTMENT | SERVICE | AUTHORITY,
            FEE_ASKED,
            0.5,
        ),
        CHARGE_HELD,
        0,
    ),
    // "reply with your password", "tell me your login details".
    strong(rule(
        ASK_CODE,
        CREDENTIAL,
        3,
        SERVICE | AUTHORITY | ACQUAINTANCE,
        (Ask, T::SecretRequest, R::SecretPassword),
        0.6,
    )),
    // "an arrest order against you", "arrest papers go out": a threat, counted only for
    // a family whose ask is seen (as secrecy is, see `add_concepts`).
    either(LEGAL, ISSUED, 3, AUTHORITY, SECRECY, 0.5),
    // "on a different number", "my mate's phone".
    rule(OTHER, HANDSET, 1, ACQUAINTANCE, FRIEND_CLAIMED, 0.4),
    // "keep your bank out of this".
    rule(
        KEEP_OUT,
        OUT_OF_IT,
        3,
        AUTHORITY | ACQUAINTANCE,
        SECRECY,
        0.5,
    ),
    // "earnings 150-400 daily", "paid 300 a day".
    near(
        rule(PAY_NOUN, AMOUNT, 2, TASK, RETURNS_LURE, 0.3),
        PER_DAY,
        2,
    ),
    // "get double back", "you'll receive 2x".
    rule(GET_BACK, DOUBLE, 2, INVESTMENT, RETURNS_LURE, 0.5),
    // "turned 3,000 into 11,000".
    rule(TURNED, INTO_AMOUNT, 1, INVESTMENT, RETURNS_LURE, 0.4),
    // "you seem nice, where are you based?" after a message sent to the wrong number.
    rule(CHAT_ON, CHAT_WHAT, 2, INVESTMENT, KEEP_CHATTING, 0.25),
    // "this isn't Emma's number".
    rule(ISNT, WHOSE, 2, INVESTMENT, FRIEND_CLAIMED, 0.4),
    // "since fate connected us".
    rule(FATE, FATED, 2, INVESTMENT, KEEP_CHATTING, 0.25),
    // "update their details to the account below", "change the bank details".
    rule(UPDATE, BANK_DETAILS, 3, ACQUAINTANCE | SERVICE, PAYING, 0.4),
    // "our supplier changed banks".
    rule(PAYEE, CHANGED_BANKS, 3, ACQUAINTANCE, FRIEND_CLAIMED, 0.4),
    // "our team of ethical hackers can trace and recover it".
    rule(
        RECOVERERS,
        GET_IT_BACK,
        3,
        SERVICE | AUTHORITY,
        RECOVERY_OFFERED,
        0.5,
    ),
    // "Coinbase agent here", "Ledger help desk here".
    rule(DESK_ROLE, HERE, 1, SERVICE, SUPPORT_CLAIMED, 0.3),
    // "we'll need the recovery sheet", "tell me your seed phrase".
    strong(rule(
        ASK_CODE,
        SEED,
        4,
        SERVICE | AUTHORITY | INVESTMENT,
        SEED_ASKED,
        0.6,
    )),
    // "write back the 12 words you noted down", "send all 24 of them from the card".
    strong(near(
        rule(
            GIVE_SEED,
            COUNTED_WORDS,
            3,
            SERVICE | AUTHORITY | INVESTMENT,
            SEED_ASKED,
            0.6,
        ),
        WORDS_KEPT,
        4,
    )),
    // "type the words from your backup card".
    strong(near(
        rule(
            GIVE_SEED,
            THE_WORDS,
            2,
            SERVICE | AUTHORITY | INVESTMENT,
            SEED_ASKED,
            0.6,
        ),
        BACKUP,
        4,
    )),
    // "your 5,000 loan is ready for payout".
    either(LOAN_MONEY, READY, 4, LOAN, SUPPORT_CLAIMED, 0.4),
    // "If unauthorised, contact …".
    rule(IF, UNAUTHORISED, 1, CALLBACK, THREAT, 0.05),
    // "sign up through my link".
    rule(SIGN_UP, MY_LINK, 3, INVESTMENT | TASK, INVITED, 0.3),
    // "deposit a refundable security amount of 300".
    rule(REMIT, OF_SUM, 6, ASKING, PAYING, 0.5),
    // "recharge 640 to submit the next one", "deposit 300 to proceed".
    rule(
        PAY_IN,
        TO_PROCEED,
        8,
        TASK | INVESTMENT | LOAN,
        FEE_PROMISE,
        0.3,
    ),
    // "key in the access code our agent gives you".
    strong(near(
        rule(KEY_IN, THE_CODE, 2, SERVICE | AUTHORITY, REMOTE_ASKED, 0.6),
        GIVER,
        3,
    )),
    // "installing a tool so I can see what's on your computer".
    near(
        rule(SO_I_CAN, SEE, 2, SERVICE | AUTHORITY, REMOTE_ASKED, 0.5),
        YOUR_DEVICE,
        4,
    ),
    // "tell me those digits once they arrive".
    strong(near(
        rule(
            HAND_OVER,
            DIGITS,
            3,
            SERVICE | AUTHORITY | ACQUAINTANCE | LOAN,
            CODE_ASKED,
            0.6,
        ),
        ARRIVE,
        3,
    )),
    // "send … the Google Authenticator code currently showing".
    strong(near(
        rule(SUBMIT, OTP, 10, SERVICE | AUTHORITY, CODE_ASKED, 0.6),
        SHOWING,
        2,
    )),
    // "send me the employee W-2 forms".
    rule(HAND_OVER, STAFF_RECORDS, 4, ACQUAINTANCE, PAYING, 0.5),
    // "discretion is required".
    rule(
        DISCRETION,
        REQUIRED_BE,
        2,
        ACQUAINTANCE | AUTHORITY,
        SECRECY,
        0.5,
    ),
    // "a small confidential errand for you".
    // "a task for me today, confidential".
    either(HUSH, ERRAND, 4, ACQUAINTANCE, PAYING, 0.4),
    // "To cancel call our review desk".
    rule(TO_STOP, CALL, 1, CALLBACK, THREAT, 0.05),
    // "phone us back … to confirm or reverse".
    rule(CONFIRM_OR, UNDO, 1, CALLBACK, THREAT, 0.05),
    // "transfer at least 5,000 USDT to your sub-account".
    near(
        rule(PAY_IN, AT_LEAST, 2, INVESTMENT | TASK, PAYING, 0.5),
        STAKE_PLACE,
        6,
    ),
    // "the liquidity pledge needs to be at least 10k".
    near(
        rule(PLEDGE, MUST_BE, 2, INVESTMENT | TASK, FEE_ASKED, 0.5),
        AT_LEAST,
        2,
    ),
    // "tax can't be deducted from the balance".
    rule(
        CANNOT_BE,
        DEDUCTED,
        1,
        INVESTMENT | TASK | LOAN,
        FEE_ASKED,
        0.5,
    ),
    // "keep going with the trades".
    rule(KEEP_GOING, TRADES, 2, INVESTMENT, PAYING, 0.4),
    // "for our house", "our future together".
    rule(FOR, OUR_FUTURE, 1, INVESTMENT, FRIEND_CLAIMED, 0.3),
    // "why are you listening to your son".
    rule(DISMISS, WARNERS, 1, INVESTMENT | ACQUAINTANCE, HURRY, 0.4),
    // "if you stop now you lose everything".
    rule(IF_STOP, LOSE_ALL, 4, INVESTMENT | TASK, THREAT, 0.4),
    // "or we will contact all people in your contacts list".
    rule(OR_WE, SHAME, 8, LOAN, EXTORTION, 0.5),
    // "send it to my landlord's account".
    rule(REMIT, THIRD_ACCOUNT, 5, ACQUAINTANCE, PAYING, 0.4),
    // "I'll give u back friday".
    rule(PAY_YOU_BACK, SOON, 2, ACQUAINTANCE, HURRY, 0.3),
    // "do me a massive favour".
    rule(BIG, FAVOUR, 1, ACQUAINTANCE, PAYING, 0.3),
    // "approve the permissions, and our engineer will patch it remotely".
    near(
        rule(
            ALLOW,
            PERMISSIONS,
            2,
            SERVICE | AUTHORITY,
            REMOTE_ASKED,
            0.5,
        ),
        FIX_REMOTELY,
        8,
    ),
    // "tap on 'start broadcast' … so i can see".
    near(
        rule(
            TAP,
            BROADCAST,
            3,
            SERVICE | AUTHORITY | INVESTMENT,
            REMOTE_ASKED,
            0.5,
        ),
        SO_I_CAN,
        8,
    ),
    // "u pay in 1000 first … then the tasks pay".
    near(
        rule(PAY_IN, FIRST, 3, TASK | INVESTMENT, PAYING, 0.5),
        TASKS_PAY,
        10,
    ),
    // "3 dollars a like".
    rule(PAY_AMOUNT, PER_ACT, 1, TASK, JOB_LURE, 0.4),
    // "prepaid tasks".
    rule(PREPAID, TASKS_NOUN, 1, TASK, JOB_LURE, 0.3),
    // "reply 1 to join".
    rule(REPLY, TO_JOIN, 1, TASK | INVESTMENT, CALL_ASKED, 0.3),
    // "as compensation we will pay you 280".
    rule(
        COMPENSATION,
        PAY_YOU,
        4,
        SERVICE | AUTHORITY,
        SUPPORT_CLAIMED,
        0.4,
    ),
    // "install our claims app and link your bank card".
    rule(LINK, YOUR_CARD, 2, SERVICE | AUTHORITY, PAYING, 0.5),
    // "verify your wallet by sending 0.05 BTC".
    rule(VERIFY_BY, BY_SENDING, 4, ASKING, PAYING, 0.5),
    // "I'll call you in 10 minutes with instructions": the officer's next step.
    rule(CALL_YOU, INSTRUCTIONS, 6, AUTHORITY, INSTRUCTED, 0.4),
    // "they updated bank details".
    rule(THEY, CHANGED_BANKS, 2, ACQUAINTANCE, FRIEND_CLAIMED, 0.4),
    // "ur account is scheduled for permanent closure".
    rule(ACCT, CLOSURE, 6, CALLBACK, SUPPORT_CLAIMED, 0.05),
    // "To receive your 118,450 USDT, …".
    rule(
        TO_RECEIVE_YOUR,
        AMOUNT,
        1,
        INVESTMENT | TASK | LOAN,
        FEE_PROMISE,
        0.3,
    ),
    // "the platform is regulated".
    rule(PLATFORM, VOUCHED, 1, INVESTMENT, SUPPORT_CLAIMED, 0.3),
    // "install our claims app and link your bank card".
    rule(APP, LINK_YOUR_CARD, 3, SERVICE | AUTHORITY, PAYING, 0.5),
    // "Sarah here, new phone", "it's Jess, new number" (not "upgrade to a new phone").
    rule(HERE, NEW_PHONE, 1, ACQUAINTANCE, FRIEND_CLAIMED, 0.4),
    rule(ITS, NEW_NUMBER, 3, ACQUAINTANCE, FRIEND_CLAIMED, 0.4),
    // "save this and delete the old one", "remove my old number from your contacts"
    // (not "the old one stops working Friday": nothing asked).
    rule(DROP, OLD_CONTACT, 2, ACQUAINTANCE, CONTACT_SWAPPED, 0.5),
    // "I want to build a future w you".
    rule(BUILD, FUTURE_WITH, 1, INVESTMENT, FRIEND_CLAIMED, 0.3),
    // "to join today's arbitrage round".
    rule(TO_ENTER, ROUND, 4, INVESTMENT | TASK, INSIDER_LURE, 0.3),
    // "already 2,900 up on the gold-BTC pair".
    rule(AMOUNT, UP_ON, 1, INVESTMENT, RETURNS_LURE, 0.3),
    // "you should stop leaving your money asleep in the bank".
    rule(SUGGEST, IDLE_MONEY, 3, INVESTMENT, INVITED, 0.3),
    // "your microloan is overdue".
    rule(LOAN_MONEY, OVERDUE, 3, LOAN, HURRY, 0.3),
    // "restore w/ recovery phrase" (not strong: a wallet's own restore reads so too).
    rule(RESTORE_WITH, SEED, 3, SERVICE | AUTHORITY, SEED_ASKED, 0.5),
    // "need it done in the next hour".
    rule(NEED_DONE, WITHIN, 3, ACQUAINTANCE, HURRY, 0.3),
    // "DM me", "want his WhatsApp?" beside a recovery offer.
    rule(
        CONTACT_VERB,
        CONTACT_WHOM,
        1,
        SERVICE | AUTHORITY,
        REFERRED,
        0.3,
    ),
    // Issue 11 (generalisation): steps each family was missing, by class.
    // "connect your wallet", "validate the affected wallet", "confirm your wallet in
    // the link": a wallet handed to a site, the drainer's ask.
    strong(rule(
        WALLET_VERB,
        WALLET_OBJ,
        2,
        SERVICE | AUTHORITY | INVESTMENT | TASK,
        (Ask, T::Phishing, R::PhishingLogin),
        0.5,
    )),
    // "sign the transaction with your MetaMask to reserve your pass", "approve the claim
    // transaction in your wallet": a drainer's signature (not "never sign a
    // transaction you don't understand": a strong ask is denied by its negation).
    strong(rule(
        SIGN_TX,
        WALLET_APP,
        4,
        SERVICE | AUTHORITY | INVESTMENT | TASK,
        (Ask, T::Phishing, R::PhishingLogin),
        0.5,
    )),
    // "a security deposit of $400", "the legal filing fee of 0.05 ETH": an advance fee
    // named by what it unlocks, with its sum.
    near(
        rule(
            FEE_KIND,
            FEE_NOUN,
            2,
            LOAN | TASK | INVESTMENT | SERVICE | AUTHORITY,
            FEE_ASKED,
            0.4,
        ),
        AMOUNT,
        3,
    ),
    // "the stolen funds have been located", "lost crypto traced".
    rule(
        LOST_FUNDS,
        FOUND,
        4,
        SERVICE | AUTHORITY,
        RECOVERY_OFFERED,
        0.5,
    ),
    // "start with 1,000", "try with a small amount first".
    rule(START_WITH, STARTING_SUM, 3, INVESTMENT, INVITED, 0.4),
    // "I made 41k last month", "I put in another 20k".
    rule(I_MADE, CASH_AMOUNT, 2, INVESTMENT, RETURNS_LURE, 0.3),
    // "92% win rate", "accuracy of 95%".
    either(PERCENT, WIN_RATE, 3, INVESTMENT, RETURNS_LURE, 0.5),
    // "stake into our vault", "lock it in the liquidity pool".
    rule(STAKE_IN, OUR_POOL, 4, INVESTMENT | TASK, PAYING, 0.4),
    // "$150-400 daily", "$80 a day": pay by the day.
    rule(SUM, DAILY, 1, TASK, RETURNS_LURE, 0.4),
    rule(SIGNED_SUM, A_DAY, 1, TASK, RETURNS_LURE, 0.4),
    // "I need a favour", "need to ask you something".
    rule(ASK_FAVOUR, FAVOUR_WHAT, 3, ACQUAINTANCE, PAYING, 0.3),
    // "what's your personal mobile number?", "text me your WhatsApp".
    rule(ASK_CODE, PERSONAL_NUMBER, 3, ACQUAINTANCE, OFF_APP, 0.3),
    // "I can't talk", "can't take calls right now": a boss or relative out of reach.
    rule(CANT, TALK, 1, ACQUAINTANCE, HURRY, 0.3),
    // "we have changed our banking provider": a supplier's new bank, the pretext of an
    // invoice redirected.
    rule(WE, OUR_BANK_CHANGED, 3, ACQUAINTANCE, FRIEND_CLAIMED, 0.4),
    // "our supplier changed their banking details", "their bank details have changed":
    // the same pretext told of a third party (a colleague relaying it, or the impostor
    // naming the supplier).
    either(
        THEIR_BANK_DETAILS,
        DETAILS_CHANGED,
        3,
        ACQUAINTANCE,
        FRIEND_CLAIMED,
        0.4,
    ),
    // "pay future invoices into the new account", "use our new account details for all
    // future payments".
    near(
        rule(
            PAY_VERB,
            THE_NEW_ACCOUNT,
            9,
            ACQUAINTANCE | SERVICE,
            PAYING,
            0.5,
        ),
        INVOICES,
        4,
    ),
    // "all future invoices should be paid to the new account".
    near(
        rule(
            INVOICES,
            THE_NEW_ACCOUNT,
            8,
            ACQUAINTANCE | SERVICE,
            PAYING,
            0.5,
        ),
        PAY_VERB,
        0,
    ),
    // "your parcel could not be delivered", "unable to deliver your package": a failed
    // delivery, a courier impostor's pretext (its fee or deadline is the ask).
    either(SHIPMENT, UNDELIVERED, 4, SERVICE, SUPPORT_CLAIMED, 0.3),
    // "a redelivery fee of £1.45 is due", "pay the handling fee".
    rule(DELIVERY_CHARGE, OWED, 4, SERVICE, FEE_ASKED, 0.4),
    rule(PAY_IT, DELIVERY_CHARGE, 3, SERVICE, FEE_ASKED, 0.4),
    // "please update within 12 hrs", "confirm your address within 24 hours".
    rule(FIX_ADDRESS, IN_HOURS, 4, SERVICE, HURRY, 0.4),
    // "he got back all my USDT", "she helped me recover my BTC": a recoverer vouched
    // for (its contact, "DM him", is the ask).
    near(
        rule(
            HE_GOT,
            ALL_MINE,
            2,
            SERVICE | AUTHORITY,
            RECOVERY_OFFERED,
            0.5,
        ),
        MONEY_BACK,
        2,
    ),
    // "free consultation today" beside a recovery offer (kept only with one, below).
    rule(
        FREE_STEP,
        CONSULTATION,
        1,
        SERVICE | AUTHORITY,
        REFERRED,
        0.3,
    ),
    // "you are listed as a claimant": a class action or compensation list, the pretext
    // of a recovery fee.
    rule(
        LISTED,
        CLAIMANT,
        1,
        SERVICE | AUTHORITY,
        AUTHORITY_CLAIMED,
        0.3,
    ),
    // "to file on your behalf we need a retainer".
    rule(WE_NEED, RETAINER, 2, SERVICE | AUTHORITY, FEE_ASKED, 0.5),
    // "a fraud specialist will call you shortly to secure your funds".
    strong(rule(
        WILL_CALL,
        SECURE_FUNDS,
        8,
        SERVICE | AUTHORITY,
        DESK_ASKED,
        0.5,
    )),
    // "reply Y, then exit and reopen this message to activate the link".
    strong(rule(REOPEN, ACTIVATE_LINK, 8, SERVICE, LINK_UNLOCKED, 0.6)),
    // "I just got $500 from the Walmart survey, you should try it too".
    near(rule(I_GOT, FREEBIE, 6, SERVICE, PASSED_ON, 0.6), TRY_TOO, 8),
    // "repayments upfront, payable in Amazon vouchers": a sum owed in gift cards.
    rule(
        PAYABLE,
        CARDS,
        2,
        LOAN | AUTHORITY | SERVICE | ACQUAINTANCE | TASK,
        GIFT_CARDS,
        0.6,
    ),
    // "please confirm the Google Authenticator number currently displayed".
    strong(rule(
        CONFIRM_TELL,
        AUTH_NUMBER,
        2,
        SERVICE | AUTHORITY,
        CODE_ASKED,
        0.6,
    )),
    // "I'm sending a code to your phone, please read it back to me" (not "share it
    // with your friends": a promo code is passed on to others, not to the sender).
    strong(rule(
        CODE,
        RELAY_IT,
        10,
        SERVICE | AUTHORITY | ACQUAINTANCE | LOAN,
        CODE_ASKED,
        0.6,
    )),
    // Issue 11 (en9).
    // "sorry, wrong number … are you from around here?": staying to chat after the
    // mistake.
    rule(ABOUT_YOU, YOUR_LIFE, 1, INVESTMENT, KEEP_CHATTING, 0.25),
    // "he recovered everything", "they got back every penny".
    rule(
        HE_RECOVERED,
        EVERYTHING,
        2,
        SERVICE | AUTHORITY,
        RECOVERY_OFFERED,
        0.5,
    ),
    // "lost funds, hacked accounts, all recovered", "everything was recovered".
    rule(
        ALL_OF_IT,
        RECOVERED_PP,
        1,
        SERVICE | AUTHORITY,
        RECOVERY_OFFERED,
        0.4,
    ),
    // "the ethical hacker Mr Kevin", "a recovery wizard", "cyber expert".
    rule(
        SKILLED,
        HACKER,
        1,
        SERVICE | AUTHORITY,
        RECOVERY_OFFERED,
        0.4,
    ),
    // "recoveryexpert (at) gmail dot com": an address spelled out, counted only beside a
    // recovery offer (below), where it is the contact asked for.
    rule(AT_DOMAIN_DOT, TLD, 1, SERVICE | AUTHORITY, REFERRED, 0.4),
    // "WhatsApp +1 (646) 555 0193" beside a recovery offer (kept only with one, below).
    rule(CHAT_APP, AMOUNT, 1, SERVICE | AUTHORITY, REFERRED, 0.3),
    // "our remittance details have been updated", "our new beneficiary details", "our
    // finance department changed banks": a payee's coordinates changed (not the
    // reader's own, [`readers_own`]).
    either(
        PAYMENT_COORDS,
        COORDS_CHANGED,
        3,
        ACQUAINTANCE,
        FRIEND_CLAIMED,
        0.4,
    ),
    // "expected return 35% in 90 days", "target yield of 18%".
    rule(
        PROJECTED_RETURN,
        GAIN_FIGURE,
        2,
        INVESTMENT,
        RETURNS_LURE,
        0.5,
    ),
    // "projected 12x at listing".
    rule(PROJECTED, MULTIPLE, 1, INVESTMENT, RETURNS_LURE, 0.5),
    // "Daily salary 150-800 USD": pay by the day named before its sum.
    rule(DAILY_PAY, SUM, 2, TASK, RETURNS_LURE, 0.4),
    // "onboarding a handful of individuals", "a limited private allocation".
    rule(SELECT_FEW, ALLOCATION, 3, INVESTMENT, EXCLUSIVE, 0.4),
];

/// A word of the text: its byte span and its lowercase form ('’' read as '\'').
struct Word {
    start: usize,
    end: usize,
    lower: String,
    /// The number of the sentence it is in.
    sentence: usize,
}

/// Letters, digits and apostrophes; a hyphen splits ("government-protected" is two
/// words, so its parts meet their classes), a percent sign ends a number ("3%").
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\'' || c == '’' || c == '%'
}

/// Currency signs, read as part of the amount they start ("$500", "£1,200").
fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥')
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
        // "2023-08-03", "04:21:17": a date or a time is one word and no amount.
        if start.is_none()
            && c.is_ascii_digit()
            && let Some(len) = date_or_time(&text[i..])
        {
            out.push(Word {
                start: i,
                end: i + len,
                lower: DATE.to_string(),
                sentence,
            });
            while chars.peek().is_some_and(|&(j, _)| j < i + len) {
                chars.next();
            }
            prev = '0';
            continue;
        }
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        // "1,840", "1.99": one number.
        let inside_number =
            matches!(c, ',' | '.') && prev.is_ascii_digit() && next.is_ascii_digit();
        let currency = is_currency(c) && next.is_ascii_digit();
        if is_word_char(c) || currency || (inside_number && start.is_some()) {
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

/// The word a date or a time stands as: no class holds it, so no rule reads it as an
/// amount ("Deposit confirmed - 2023-08-03" asks for nothing).
const DATE: &str = "<date>";

/// The length of a date or a time at the start of `s`, if one is there: `2023-08-03`,
/// `3/8/2023`, `03.08.23` (three groups of digits joined by one separator) or `04:21`,
/// `04:21:17`; never glued to a further digit or letter.
fn date_or_time(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let first = digits(0);
    let sep = *b.get(first)?;
    let len = if sep == b':' && (1..=2).contains(&first) {
        let minutes = digits(first + 1);
        if minutes != 2 {
            return None;
        }
        let mut len = first + 1 + 2;
        if b.get(len) == Some(&b':') && digits(len + 1) == 2 {
            len += 3;
        }
        len
    } else if matches!(sep, b'-' | b'/' | b'.') && (1..=4).contains(&first) {
        let second = digits(first + 1);
        let at = first + 1 + second;
        if !(1..=2).contains(&second) || b.get(at) != Some(&sep) {
            return None;
        }
        let third = digits(at + 1);
        let year_first = first == 4 && third <= 2;
        let year_last = first <= 2 && (third == 2 || third == 4);
        if third == 0 || !(year_first || year_last) {
            return None;
        }
        at + 1 + third
    } else {
        return None;
    };
    let glued = b.get(len).is_some_and(|c| c.is_ascii_alphanumeric());
    (!glued).then_some(len)
}

fn push(out: &mut Vec<Word>, text: &str, s: usize, e: usize, sentence: usize) {
    let raw = text[s..e].trim_matches(['\'', '’']);
    if raw.is_empty() {
        return;
    }
    let lead = text[s..e].len() - text[s..e].trim_start_matches(['\'', '’']).len();
    let start = s + lead;
    out.push(Word {
        start,
        end: start + raw.len(),
        lower: lower(raw),
        sentence,
    });
}

/// A word as classes read it: lowercase, '’' as '\'', without a possessive "'s" ("my
/// uncle's strategy" is my uncle's).
fn lower(raw: &str) -> String {
    let mut w = raw.to_ascii_lowercase().replace('’', "'");
    // "it's", "that's": a verb, not a possessive.
    let contraction = matches!(
        w.as_str(),
        "it's" | "that's" | "what's" | "he's" | "she's" | "there's" | "here's" | "let's"
    );
    if w.len() > 2 && w.ends_with("'s") && !contraction {
        w.truncate(w.len() - 2);
    }
    w
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
            .flat_map(|r| [Some(r.first), Some(r.second), r.near.map(|n| n.0)])
            .flatten()
            .chain([REPORTING, OWNED, THIRD, NONE, TRANSACTION]);
        for class in all {
            let next = ix.classes.len();
            let c = *ix.classes.entry(key(class)).or_insert(next);
            if c != next {
                continue;
            }
            for entry in class {
                let parts: Vec<&'static str> = entry.split(' ').collect();
                let first = parts.first().copied().unwrap_or_default();
                if first.starts_with(['#', '¤']) || (parts.len() == 1 && first.ends_with('*')) {
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
            // Entries starting with a number only at numbers, stems only at their letter.
            let number = w
                .lower
                .starts_with(|c: char| c.is_ascii_digit() || is_currency(c));
            let lead = w.lower.as_bytes().first().copied();
            let loose = ix.loose.iter().filter(|(_, parts)| {
                let first = parts.first().map_or("", |p| *p);
                if first.starts_with(['#', '¤']) {
                    number
                } else {
                    first.as_bytes().first().copied() == lead
                }
            });
            for (c, parts) in exact.iter().chain(loose) {
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
            let pattern = entry.starts_with(['#', '¤']);
            if !pattern && first.lower.as_bytes().first() != Some(&lead) {
                return None;
            }
            entry_at(entry, words, i)
        })
        .max()
}

/// Whether a word of a class entry matches a word of the text: `#` any number, a final
/// `*` any ending of the entry's last word.
fn matches(part: &str, word: &str, last: bool) -> bool {
    let number = word.starts_with(|c: char| c.is_ascii_digit());
    match part {
        "#" => return number || currency_amount(word),
        // "$500", "£1,200", "5k": an amount of money by its shape.
        "¤" => return currency_amount(word) || (number && word.ends_with('k')),
        // "3%", "0.5%".
        "#%" => return number && word.ends_with('%'),
        // "12x", "1.5x": a multiple.
        "#x" => {
            return number
                && word.strip_suffix('x').is_some_and(|n| {
                    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                });
        }
        // A sum, not a rate: "400" but not "3%".
        "#n" => return (number && !word.ends_with('%')) || currency_amount(word),
        // Any one word between two ("your Coinbase account", "your whole screen").
        "?" => return !last,
        _ => {}
    }
    match part.strip_suffix('*') {
        Some(stem) if last => word.starts_with(stem),
        _ => word == part,
    }
}

/// Whether `word` is an amount written with its currency sign ("$500", "£1,200").
fn currency_amount(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(is_currency) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// Words that report someone else's request ("they ask you to move", "asking to pay").
static REPORTING: Class = &[
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
/// before it, in its sentence ("if *you want*, I can set you up" is the reader's wish,
/// not a request reported).
fn reported(reporting: &[Option<u8>], words: &[Word], i: usize) -> bool {
    (i.saturating_sub(3)..i)
        .filter(|&j| words[j].sentence == words[i].sentence)
        .filter(|&j| !(words[j].lower == "want" && j > 0 && words[j - 1].lower == "you"))
        // "our claims app": a noun, not someone's claim.
        .filter(|&j| {
            !(matches!(words[j].lower.as_str(), "claim" | "claims")
                && words.get(j + 1).is_some_and(|w| {
                    matches!(w.lower.as_str(), "app" | "form" | "portal" | "department")
                }))
        })
        .any(|j| reporting[j].is_some())
}

/// Words that make an adjective a verb's object ("secure your account"): a protected
/// account is named with an article or nothing, not with a possessive.
static OWNED: Class = &["your", "my", "his", "her", "their", "its"];

/// Words that deny what follows ("no upfront fees", "didn't make this payment").
static NONE: Class = &[
    "no", "without", "zero", "never", "not", "didn't", "don't", "did not", "do not", "nobody",
    "no one",
];

/// A third person's: between two classes, it makes the step someone else's ("get their
/// money back", "send his savings").
static THIRD: Class = &["their", "his", "her"];

/// The first occurrence of `second` within `window` words after the `n` words at `i`,
/// in the same sentence: the index of its first word and past its last.
fn after(
    seconds: &[Option<u8>],
    words: &[Word],
    i: usize,
    n: usize,
    window: usize,
) -> Option<(usize, usize)> {
    let from = i + n;
    (from..(from + window).min(words.len()))
        .take_while(|&j| words[j].sentence == words[i].sentence)
        .find_map(|j| seconds[j].map(|m| (j, j + usize::from(m))))
}

/// Whether a wallet handed over is only its address ("verify the wallet address
/// before sending"): the word after the pair names the address or the balance.
fn wallet_address(rule: &Rule, words: &[Word], end: usize) -> bool {
    std::ptr::eq(rule.second, WALLET_OBJ)
        && words.get(end).is_some_and(|w| {
            w.sentence == words[end - 1].sentence
                && matches!(
                    w.lower.as_str(),
                    "address" | "addresses" | "balance" | "app" | "apps" | "extension"
                )
        })
}

/// Whether money got back is the writer's own doing ("I got all my money back from the
/// airline"): a refund told of, not a recoverer vouched for ("I got it all back
/// *thanks to* Ray", "*he* got all my BTC back" still vouch).
fn self_told(rule: &Rule, words: &[Word], i: usize) -> bool {
    let sentence = words[i].sentence;
    let vouched = words.iter().filter(|w| w.sentence == sentence).any(|w| {
        matches!(
            w.lower.as_str(),
            "thanks" | "help" | "helped" | "via" | "through"
        )
    });
    // "I trace and return stolen bitcoin" is a recoverer's own offer: only getting back.
    let got = matches!(
        words[i].lower.as_str(),
        "got" | "get" | "getting" | "got back"
    );
    (std::ptr::eq(rule.first, HE_GOT) || std::ptr::eq(rule.first, RECOVER))
        && got
        && !vouched
        && i.checked_sub(1).is_some_and(|j| {
            words[j].sentence == sentence && matches!(words[j].lower.as_str(), "i" | "i've")
        })
}

/// Words that make a sum after them a cap on what the reader may move ("your new
/// deposit *limit* is $100,000 per day", "*deposit up to* $50,000 per day"), not pay.
static CAP: Class = &["limit", "limits", "maximum", "max", "cap"];

/// What a cap limits: money the reader moves, not money earned ("earn up to $500 a
/// day" stays a lure).
static MOVED_UP_TO: Class = &[
    "deposit up to",
    "withdraw up to",
    "spend up to",
    "buy up to",
    "send up to",
    "transfer up to",
    "sell up to",
    "trade up to",
];

/// Whether a lure's sum per day is an account's limit: a cap word or a movement "up
/// to" just before the sum, in its sentence.
fn a_cap(rule: &Rule, memo: &Memo, words: &[Word], i: usize) -> bool {
    if !(std::ptr::eq(rule.first, SUM) || std::ptr::eq(rule.first, SIGNED_SUM)) {
        return false;
    }
    let cap = memo.row(CAP, words);
    let moved = memo.row(MOVED_UP_TO, words);
    (i.saturating_sub(4)..i)
        .filter(|&j| words[j].sentence == words[i].sentence)
        .any(|j| cap[j].is_some() || moved[j].is_some_and(|m| j + usize::from(m) == i))
}

/// Whether a lure's sum is a transaction's ("did you make a $212.50 purchase"): the
/// word after it names what was bought or moved, not what was gained.
fn transaction(rule: &Rule, memo: &Memo, words: &[Word], end: usize) -> bool {
    rule.reason == R::TooGoodReturns
        && words.get(end).is_some_and(|w| {
            w.sentence == words[end - 1].sentence && memo.row(TRANSACTION, words)[end].is_some()
        })
}

/// Whether a payee's changed coordinates are not the sender's own, or not changed:
/// the reader's or the writer's ("*your* bank details have been updated", "I updated
/// *my* bank details in the portal": a bank's or an employee's notice), a third party's
/// ("our *supplier's* bank account has changed": told of, which en8's rule reads), or
/// denied ("the bank details *haven't* changed").
fn readers_own(rule: &Rule, words: &[Word], from: usize, to: usize) -> bool {
    (std::ptr::eq(rule.first, PAYMENT_COORDS) || std::ptr::eq(rule.second, PAYMENT_COORDS))
        // The two words before may end a hard-wrapped line ("If you\nchanged banks").
        && (from.saturating_sub(2)..to)
            .any(|k| {
                let w = words[k].lower.as_str();
                w.ends_with("n't")
                    || matches!(
                        w,
                        "your"
                            | "my"
                            | "you"
                            | "ur"
                            | "their"
                            | "his"
                            | "her"
                            | "its"
                            | "supplier"
                            | "suppliers"
                            | "vendor"
                            | "vendors"
                            | "landlord"
                            | "contractor"
                            | "not"
                            | "never"
                            | "no"
                            | "unchanged"
                            | "if"
                    )
            })
}

/// Whether a rule's own words are a negation ("we were *unable* to deliver your
/// parcel", "it *could not* be delivered"): that negation is the step, not a warning.
pub(crate) fn negative_by_nature(rule: &Rule) -> bool {
    std::ptr::eq(rule.first, UNDELIVERED) || std::ptr::eq(rule.second, UNDELIVERED)
}

/// Whether a rule tells why the sender has another phone ("dropped my phone").
pub(crate) fn accident(rule: &Rule) -> bool {
    std::ptr::eq(rule.first, BROKE) || std::ptr::eq(rule.second, BROKE)
}

/// Whether a pressure rule demands secrecy ("keep this between us", "tell no one"),
/// rather than threatening with the law: from a claimed officer, secrecy alone is the
/// script's pressure.
pub(crate) fn hushes(rule: &Rule) -> bool {
    rule.step == Step::Pressure
        && rule.reason == R::UrgencyLegal
        && !std::ptr::eq(rule.first, LEGAL)
}

/// Inabilities that deny the recovery after them ("we were unable to recover your
/// funds", "the bank couldn't get the money back"): a case closed, not an offer.
const UNABLE: &[&str] = &[
    "unable to",
    "not able to",
    "couldn't",
    "could not",
    "cannot",
    "can't",
    "can not",
    "failed to",
    "impossible to",
    "no way to",
    "not possible to",
];

/// Words that make an inability a supposition ("*if* we are unable to recover your
/// funds, you pay nothing"): the no-win-no-fee pitch of a recovery offer still offers.
const SUPPOSING: &[&str] = &[
    "if",
    "unless",
    "should",
    "in case",
    "even if",
    "where others",
];

/// Whether an inability stands right before the recovery word at byte `pos`, in its
/// clause and not supposed: a recovery denied, in both the phrases and the concepts.
pub(crate) fn recovery_denied(text: &str, pos: usize) -> bool {
    let pos = text.floor_char_boundary(pos.min(text.len()));
    let start = text[..pos]
        .rfind(['.', '!', '?', ';', ',', '\n', ':'])
        .map_or(0, |p| p + 1);
    let clause = text[start..pos].to_ascii_lowercase();
    // The inability within the last three words ("unable to fully recover").
    let tail: Vec<&str> = clause.split_whitespace().collect();
    let near = tail[tail.len().saturating_sub(4)..].join(" ");
    let padded = format!(" {near} ");
    let Some(at) = UNABLE
        .iter()
        .filter_map(|u| padded.find(&format!(" {u} ")))
        .min()
    else {
        return false;
    };
    // What comes before the inability in its clause: a supposition keeps the offer.
    let before = format!(
        " {} ",
        tail[..tail.len().saturating_sub(4)].join(" ") + " " + &padded[..at]
    );
    !SUPPOSING.iter().any(|w| before.contains(&format!(" {w} ")))
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
    let third = memo.row(THIRD, &words);
    let none = memo.row(NONE, &words);
    let mut out = Vec::new();
    for rule in RULES {
        let firsts = memo.row(rule.first, &words);
        if firsts.iter().all(Option::is_none) {
            continue;
        }
        let seconds = memo.row(rule.second, &words);
        let nears = rule
            .near
            .map(|(class, window)| (memo.row(class, &words), window));
        // The third class between the pair's words or just after them, in their
        // sentence; a third person's word on the way makes it theirs ("the digits from
        // *his* authenticator").
        let near_ok = |from: usize, to: usize| {
            let Some((row, window)) = &nears else {
                return true;
            };
            (from..(to + window).min(words.len()))
                .take_while(|&k| words[k].sentence == words[from].sentence)
                .find(|&k| row[k].is_some())
                .is_some_and(|k| !(from..k).any(|m| third[m].is_some()))
        };
        for i in 0..words.len() {
            let Some(n) = firsts[i].map(usize::from) else {
                continue;
            };
            // "ask you to move money", "she needed to move her money": an ask reported,
            // not made.
            // "your deposit of 1,000.00": a noun, not a verb.
            let noun = !std::ptr::eq(rule.first, CHARGE)
                && !std::ptr::eq(rule.first, DELIVERY_CHARGE)
                && words
                    .get(i + n)
                    .is_some_and(|w| w.lower == "of" && w.sentence == words[i].sentence);
            // "no upfront fees", "if you didn't make this payment": an ask denied.
            let denied = i
                .checked_sub(1)
                .is_some_and(|j| none[j].is_some() && words[j].sentence == words[i].sentence);
            // "nobody from HR will ask": a pretext denied too.
            if rule.step == Step::Pretext && denied {
                continue;
            }
            // "we were unable to recover your funds": a recovery denied.
            if rule.reason == R::TooGoodRecovery
                && (recovery_denied(text, words[i].start) || self_told(rule, &words, i))
            {
                continue;
            }
            // "your deposit limit is $100,000 per day": a cap, not pay.
            if rule.reason == R::TooGoodReturns && a_cap(rule, &memo, &words, i) {
                continue;
            }
            if rule.step == Step::Ask && (noun || denied || reported(&reporting, &words, i)) {
                continue;
            }
            // "please don't ever share the OTP": a strong ask stands alone, so a negation
            // anywhere before it in its sentence denies it.
            if rule.strong
                && (0..i).any(|j| none[j].is_some() && words[j].sentence == words[i].sentence)
            {
                continue;
            }
            // "secure your account" secures it; "the secure account" is a place.
            if std::ptr::eq(rule.first, SHIELD)
                && words
                    .get(i + n)
                    .is_some_and(|w| owned[i + n].is_some() && w.sentence == words[i].sentence)
            {
                continue;
            }
            // "promising to get their money back": someone else's story, not the reader's
            // (a lure may name others' things: "rating their products", "his fund");
            // "returns are not guaranteed": the concept denied.
            let lure = matches!(
                rule.reason,
                R::TooGoodReturns | R::TooGoodInsider | R::OffPlatformContact
            );
            let theirs = |from: usize, to: usize| {
                (from..to).any(|k| (third[k].is_some() && !lure) || none[k].is_some())
            };
            // Between the two words: a second word may name the third person itself
            // ("update *their details*").
            if let Some((start, end)) = after(&seconds, &words, i, n, rule.window)
                && !theirs(i + n, start)
                // "our analysts were unable to trace it".
                && !(rule.reason == R::TooGoodRecovery
                    && recovery_denied(text, words[start].start))
                && near_ok(i, end)
                && !wallet_address(rule, &words, end)
                && !transaction(rule, &memo, &words, end)
                && !readers_own(rule, &words, i, end)
            {
                out.push((words[i].start, words[end - 1].end, rule));
                break;
            }
            if rule.either
                && let Some(m) = (i.saturating_sub(rule.window)..i)
                    .filter(|&j| words[j].sentence == words[i].sentence)
                    .find(|&j| seconds[j].is_some_and(|m| j + usize::from(m) <= i))
                && !theirs(m, i)
                && near_ok(m, i + n)
                && !readers_own(rule, &words, m, i + n)
            {
                out.push((words[m].start, words[i + n - 1].end, rule));
                break;
            }
        }
    }
    // A code asked back by its pronoun that a nearer rule read already ("send you a
    // code, please read it back") is that one step, not a second.
    let relayed: Vec<(usize, usize)> = out
        .iter()
        .filter(|(_, _, r)| !std::ptr::eq(r.second, RELAY_IT) && r.reason == R::SecretCode)
        .map(|&(s, e, _)| (s, e))
        .collect();
    out.retain(|&(s, e, r)| !(std::ptr::eq(r.second, RELAY_IT) && relayed.contains(&(s, e))));
    // "DM me", "want his WhatsApp?" ask only for a recovery offered in the text: the
    // same words end every other kind of message.
    if !out.iter().any(|(_, _, r)| r.reason == R::TooGoodRecovery) {
        out.retain(|(_, _, r)| {
            let offer_only = std::ptr::eq(r.first, CONTACT_VERB)
                || std::ptr::eq(r.first, FREE_STEP)
                || std::ptr::eq(r.first, AT_DOMAIN_DOT)
                || (std::ptr::eq(r.first, CHAT_APP) && std::ptr::eq(r.second, AMOUNT));
            !offer_only
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_no_amounts() {
        for (text, want) in [
            ("2023-08-03 04:21", Some(10)),
            ("3/8/2023 ok", Some(8)),
            ("03.08.23", Some(8)),
            ("04:21:17(UTC)", Some(8)),
            ("9:30 pm", Some(4)),
            ("1,500.00", None),
            ("150-400 daily", None),
            ("24/7", None),
            ("1.99", None),
            ("2023-08-03x", None),
            ("12:5", None),
        ] {
            assert_eq!(date_or_time(text), want, "{text}");
        }
        // A deposit dated by its receipt asks for nothing; one with its amount does.
        assert!(found("USDT deposit confirmed - 2023-08-03 04:21:17").is_empty());
        assert!(!found("deposit 1,840 to the platform today").is_empty());
    }

    /// The reasons and steps found in `text`.
    fn found(text: &str) -> Vec<(Step, &str)> {
        steps(text)
            .into_iter()
            .map(|(s, e, r)| (r.step, &text[s..e]))
            .collect()
    }

    /// Every class the rules and guards read is found in the index by its address, so
    /// a text's words are looked up once (a class copied at its use would be scanned
    /// word by word: six times slower).
    #[test]
    fn every_class_is_indexed() {
        let ix = index();
        let guards = [REPORTING, OWNED, THIRD, NONE, TRANSACTION];
        let classes = RULES
            .iter()
            .flat_map(|r| [Some(r.first), Some(r.second), r.near.map(|n| n.0)])
            .flatten();
        for class in classes.chain(guards) {
            assert!(ix.classes.contains_key(&key(class)), "{class:?}");
        }
    }

    /// Every entry's words are written as [`lower`] reads a text's words: an entry
    /// with a capital or a possessive "'s" could never match.
    #[test]
    fn entries_are_written_as_words_are_read() {
        for parts in index().exact.values().flatten().chain(&index().loose) {
            for word in &parts.1 {
                if word.starts_with(['#', '¤']) || word.ends_with('*') {
                    continue;
                }
                assert_eq!(lower(word), *word, "{:?}", parts.1);
            }
        }
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
                &[
                    (Ask, "Top-up the negative"),
                    (Pressure, "Top-up the negative amount to withdraw"),
                ],
            ),
            // A verb secures the reader's account; a place is "the secure account".
            ("Secure your account at the site.", &[]),
            // Asks reported, not made.
            ("Criminals ask you to move money to keep it safe.", &[]),
            ("She needed to move her savings.", &[]),
            (
                "Deposit 1,840 to the platform to release the payout.",
                &[
                    (Ask, "Deposit 1,840"),
                    (Pressure, "release the payout"),
                    (Pressure, "Deposit 1,840 to the platform to release"),
                ],
            ),
            (
                "Please read out the code we send.",
                &[
                    (Ask, "read out the code"),
                    (Ask, "read out the code we send"),
                ],
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
            // Money without a money noun: an amount with its currency.
            (
                "Add 260 USDT to your account first.",
                &[(Ask, "Add 260 USDT"), (Ask, "Add 260 USDT")],
            ),
            (
                "Top up $500 today.",
                &[(Ask, "Top up $500"), (Ask, "Top up $500")],
            ),
            // Adding numbers is not adding money.
            ("Add 2 cups of flour.", &[]),
            // The overpayment refund.
            (
                "Please return the surplus to the agent.",
                &[(Ask, "return the surplus")],
            ),
            // A charge demanded first, either way round.
            (
                "A 15% retainer is required upfront.",
                &[(Ask, "retainer is required")],
            ),
            (
                "The platform requires a one-time membership upgrade.",
                &[(Ask, "requires a one-time membership upgrade")],
            ),
            // A charge denied is no ask.
            ("No fees are payable upfront.", &[]),
            (
                "Complete the tasks before your first day: tax form, laptop.",
                &[],
            ),
            // The recovery offer, and someone else's story of one.
            (
                "We can retrieve your stolen funds.",
                &[
                    (Pretext, "retrieve your stolen"),
                    (Pretext, "retrieve your stolen funds"),
                ],
            ),
            ("Firms promise to get their money back.", &[]),
            // Cash handed to a courier.
            (
                "Withdraw the cash and hand it to the courier.",
                &[(Ask, "Withdraw the cash"), (Ask, "hand it to the courier")],
            ),
            // A callback's three steps: the event, its denial, the desk to call.
            (
                "Outgoing transfer of 2,300 USDT scheduled.",
                &[
                    (Pretext, "transfer of 2,300 USDT scheduled"),
                    (Pretext, "of 2,300 USDT scheduled"),
                ],
            ),
            ("Not authorised by you?", &[(Pressure, "Not authorised")]),
            (
                "Contact our dispute line now.",
                &[(Ask, "Contact our dispute")],
            ),
            // The seed phrase asked for in other words.
            (
                "Fill in your secret phrase below.",
                &[
                    (Ask, "Fill in your secret phrase"),
                    (Ask, "Fill in your secret phrase"),
                ],
            ),
            // Threats to the money.
            (
                "Your assets will be seized.",
                &[(Pressure, "will be seized")],
            ),
            // Grooming: the opener, the warmth, the rich relative, the rate.
            ("Sorry, wrong number!", &[(Pretext, "wrong number")]),
            (
                "So glad we started talking.",
                &[(Pretext, "glad we started talking")],
            ),
            (
                "My uncle's strategy made me rich.",
                &[(Pressure, "My uncle's strategy")],
            ),
            ("The pool gives 3% daily.", &[(Pressure, "3% daily")]),
            // A yearly rate, or a rate and a payment schedule, is interest.
            ("Estimated APR 4.5%, rewards paid daily.", &[]),
            ("Staking pays 3.1% per year.", &[]),
            // Split words meet their classes.
            (
                "Move them to a government-protected wallet.",
                &[(Ask, "government-protected wallet")],
            ),
            // Reported and denied payments.
            // The ask denied; only a callback's "not by you" is left (it counts only
            // beside a number to call and an alarming event).
            (
                "If you didn't make this payment, log in.",
                &[(Pressure, "didn't make")],
            ),
            (
                "Make a payment of 47,500 today.",
                &[(Ask, "Make a payment")],
            ),
            // Gift cards by brand.
            (
                "Buy 6 Google Play cards of 100 each.",
                &[(Ask, "Buy 6 Google Play")],
            ),
            // A callback desk with its number.
            (
                "Our billing office is reachable at +1 888 555 0176.",
                &[(Ask, "billing office is reachable")],
            ),
            // Grooming: care, the lure, the entry ticket; denied returns are no lure.
            ("Have you eaten yet?", &[(Pretext, "Have you eaten")]),
            (
                "The minimum to start is only 300.",
                &[(Ask, "minimum to start")],
            ),
            (
                "The returns are steady.",
                &[(Pressure, "returns are steady")],
            ),
            ("Returns are not guaranteed.", &[]),
            // A fee that sets money free.
            (
                "A small correction fee of 120 releases it.",
                &[(Ask, "fee of 120 releases")],
            ),
            // Agencies by their initials, not a second.
            ("SEC enforcement notice.", &[(Pretext, "SEC enforcement")]),
            ("Wait a sec, I'm coming.", &[]),
            // The relative's broken phone.
            (
                "Smashed my screen, borrowing a friend's phone.",
                &[(Pretext, "Smashed my screen"), (Pretext, "friend's phone")],
            ),
            // Money at risk, and an account's safety denied in a warning.
            (
                "Your funds are at risk until you do.",
                &[(Pressure, "funds are at risk")],
            ),
            ("Your account is not at risk.", &[]),
            // The task scam's special orders.
            (
                "The lucky bundle you received is worth 1,870.",
                &[(Pretext, "lucky bundle")],
            ),
            // A colleague's office, and its denial in a payroll notice.
            (
                "Hi, it's Sarah from HR.",
                &[(Pretext, "it's Sarah from HR")],
            ),
            ("Nobody from HR will ask for it.", &[]),
            // A robocall's menu.
            (
                "Press 1 to speak with an agent.",
                &[(Ask, "speak with an agent"), (Ask, "Press 1")],
            ),
            // A price shared is not pay per task.
            ("The tickets are 45 each, I paid for both.", &[]),
            // Pay per unit of a task.
            (
                "You get 5 per screenshot.",
                &[(Pressure, "5 per screenshot")],
            ),
            // A code read back, said after the code; a warning not to share it.
            (
                "I will send you a code by SMS, please read it back to me.",
                &[(Ask, "code by SMS, please read it back")],
            ),
            ("Your code is 4821. Never share this code with anyone.", &[]),
            // The relative's new phone, not a phone shop's.
            (
                "This is my new phone, save it.",
                &[(Pretext, "my new phone")],
            ),
            ("Get Netflix when you upgrade to a new phone.", &[]),
            // A tool into the reader's computer.
            (
                "Let our engineer access your computer.",
                &[
                    (Ask, "access your computer"),
                    (Ask, "Let our engineer access"),
                ],
            ),
            // Money promised back, and the tier to buy first.
            (
                "Buy the package of 300 and you'll receive 390 back.",
                &[(Pressure, "receive 390 back"), (Ask, "Buy the package")],
            ),
            // A courier sent for the cash.
            (
                "A police courier will collect it.",
                &[(Ask, "courier will collect")],
            ),
            // A fee stated as the price of a service.
            (
                "We recover it for a small fee.",
                &[(Ask, "for a small fee")],
            ),
            // The task scam's job: raising a store's standing.
            (
                "Complete orders that raise store rankings.",
                &[(Pretext, "raise store rankings")],
            ),
            // Money claimed as earned, not a transaction made.
            ("Yesterday I earned 9k.", &[(Pressure, "earned 9k")]),
            ("You made a $45.20 transaction.", &[]),
            // The reader's things used by someone else.
            (
                "Your iCloud was used to buy 3 iPhones.",
                &[(Pressure, "Your iCloud was used")],
            ),
            // Not knowing is not keeping a secret.
            ("They don't know that I am here.", &[]),
            // A relative naming themselves; a payroll diversion.
            ("Mom it's Ethan, new phone.", &[(Pretext, "Mom it's")]),
            (
                "Please change my salary bank details.",
                &[(Ask, "change my salary")],
            ),
            // A negative balance is a task scam's trap; insufficient funds are a bank's.
            (
                "Your balance is negative.",
                &[(Pressure, "balance is negative")],
            ),
            (
                "Declined due to insufficient funds. Top up in the app.",
                &[],
            ),
            // Money moved in the passive.
            (
                "All assets must be transferred to the address below.",
                &[(Ask, "assets must be transferred")],
            ),
            // Gift cards paid with, not Apple Pay.
            (
                "Pay within 2 hours using Google Play vouchers.",
                &[(Ask, "Pay within 2 hours using Google Play")],
            ),
            ("Pay with Apple Pay at the till.", &[]),
            // Fees before anything else; none at all.
            ("We work on a small upfront fee.", &[(Ask, "upfront fee")]),
            ("There are no upfront fees.", &[]),
            // A lure may name others' things; an offer about others' money is their story.
            (
                "Help brands by rating their products.",
                &[(Pretext, "rating their products")],
            ),
            ("It is returned with 6x profit.", &[(Pressure, "6x profit")]),
            // One-time codes by name or by how they arrive; other codes are not them.
            (
                "Forward me whatever numbers get texted to you.",
                &[
                    (Ask, "Forward me whatever numbers get texted"),
                    (Ask, "Forward me whatever numbers"),
                ],
            ),
            ("Never share your verification code.", &[]),
            // (The older code rule reads only the word before its verb.)
            (
                "Please don't ever share the OTP.",
                &[(Ask, "share the OTP")],
            ),
            // Seed words handed over; a wallet's own setup confirms them.
            (
                "Send me your seed phrase now.",
                &[
                    (Ask, "Send me your seed phrase"),
                    (Ask, "Send me your seed phrase"),
                    (Ask, "Send me your seed phrase"),
                ],
            ),
            (
                "Confirm your recovery phrase to finish the backup.",
                &[(Ask, "Confirm your recovery phrase")],
            ),
            // An app made for control, installed; a meeting app opened is not one.
            (
                "Download TeamViewer please.",
                &[(Ask, "Download TeamViewer"), (Ask, "Download TeamViewer")],
            ),
            // All the money sent away, or money sent to a place the message gives.
            (
                "Transfer your entire balance today.",
                &[
                    (Ask, "Transfer your entire balance"),
                    (Ask, "Transfer your entire balance"),
                ],
            ),
            (
                "Move it to this address please.",
                &[(Ask, "Move it to this address")],
            ),
            // Lost money got back by a service; "cannot" is not read here.
            (
                "Our team can recover crypto in days.",
                &[
                    (Pretext, "recover crypto"),
                    (Pretext, "Our team can recover"),
                ],
            ),
            // A callback's event by its amount and pending state; a receipt is not one.
            (
                "A card payment of 749.99 to ACME is being processed.",
                &[
                    (Pretext, "payment of 749.99 to ACME is being processed"),
                    (Pretext, "of 749.99 to ACME is being processed"),
                ],
            ),
            ("Your payment of 1,500.00 to J Smith has been sent.", &[]),
            ("Submit it in the HR portal.", &[]),
            // A deficit covered, and the earnings kept back as a threat.
            (
                "Cover it today or the platform keeps your earnings.",
                &[(Ask, "Cover it"), (Pressure, "keeps your earnings")],
            ),
            // Chinese has no English concept words.
            ("请把钱转到安全账户", &[]),
            ("", &[]),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(text, want)| found(text) != want.to_vec())
            .map(|(text, want)| format!("{text}\n  found {:?}\n  want  {want:?}", found(text)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Every case finds at least its wanted steps, and a case that wants none finds
    /// none.
    fn expect_steps(cases: &[(&str, &[(Step, &str)])]) {
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(text, want)| {
                let got = found(text);
                want.iter().any(|w| !got.contains(w)) || (want.is_empty() && !got.is_empty())
            })
            .map(|(text, want)| format!("{text}\n  found {:?}\n  want  {want:?}", found(text)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Whether `text` holds a strong ask (one that stands alone in a short DM).
    fn strong_ask(text: &str) -> bool {
        steps(text).iter().any(|(_, _, r)| r.strong)
    }

    /// Asks for a secret or for access named by their whole field (a code by where it
    /// comes from, the seed words by how they were kept, the device by getting onto
    /// it), beside the look-alikes that must not be read as asks.
    #[test]
    fn secret_and_access_asks_by_field() {
        let asks = [
            "We need the six digits your authenticator shows right now.",
            "Just read me the number in it so I can cancel the payment.",
            "What's the code that just arrived on your phone?",
            "Tell me the 6 figures the app displays.",
            "Forward the code you received a minute ago.",
            "Write back the 12 words you noted down when you set it up.",
            "Verify now by sending your seed phrase to support.",
            "Please let me take over your screen so I can renew it.",
            "Allow our technician onto your laptop to fix it.",
            "I'll need to get onto your PC for a moment.",
            "Give me the connection ID it shows.",
            "Grab the app called AirDroid and open it.",
            "Reply with your password so we can verify ownership.",
            "Tell me your PIN quickly.",
            "To finish your ticket we'll need the recovery sheet details.",
            "Please type the words from your backup card into the form below.",
            "Write back the 24 words you wrote down.",
            "Download it and key in the access code our agent gives you.",
        ];
        let look_alikes = [
            // A service's own instructions and warnings.
            "You'll need the code we text you to sign in.",
            "Google: your sign-in code is 774201. Don't share it.",
            "We will send a code to your phone to confirm it's you.",
            "Never share the six digits your authenticator shows with anyone.",
            "Never send your seed phrase to anyone.",
            "Typing your seed phrase into a website is how wallets get drained.",
            "To restore, import your wallet with the 12 words you wrote down.",
            // Someone else's code, or another number.
            "He asked my brother to read out the six digits from his authenticator.",
            "Can you send me the number you got for the plumber?",
            "Tell me your phone number and I'll add you.",
            // Everyday access.
            "Let me know if you can access your computer from home.",
            "Can you share your screen in the Teams call?",
            "Let me take over your shift on Friday.",
            "IT helpdesk: we'll connect to your laptop with the remote tool at 2pm as agreed.",
            "What's the wifi password?",
            "Never share your password or PIN.",
            "Can you send me your id and password for the library site?",
            "Send me the words you wrote in the birthday card.",
            "Your recovery sheet is the only backup of your 24 words.",
            "Enter the code we send you to sign in.",
            "Share your screen so we can see the slides.",
        ];
        let wrong: Vec<String> = asks
            .iter()
            .filter(|t| !strong_ask(t))
            .map(|t| format!("missed: {t} {:?}", found(t)))
            .chain(
                look_alikes
                    .iter()
                    .filter(|t| strong_ask(t))
                    .map(|t| format!("read as an ask: {t} {:?}", found(t))),
            )
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// The steps of scripts by their field: moving the chat, the platform offered, money
    /// held back for a charge, doubled giveaways, a chat carried on after a wrong number,
    /// a referral beside a recovery offer, a callback's bare number.
    #[test]
    fn script_steps_by_field() {
        use Step::*;
        let cases: &[(&str, &[(Step, &str)])] = &[
            (
                "Add me on Telegram instead.",
                &[(Pressure, "Add me on Telegram")],
            ),
            (
                "A coordinator will reach you on WhatsApp.",
                &[(Pressure, "reach you on WhatsApp")],
            ),
            ("My WhatsApp is broken today.", &[]),
            (
                "u should open an account",
                &[(Ask, "u should open an account")],
            ),
            (
                "The system won't let you cash out yet.",
                &[(Pressure, "won't let you cash out")],
            ),
            (
                "Your withdrawal is on hold until the 15% tax on profits is cleared.",
                &[
                    (Pressure, "Your withdrawal is on hold"),
                    (Ask, "until the 15% tax on profits is cleared"),
                ],
            ),
            ("Deposits and withdrawals will be paused tonight.", &[]),
            // A shop holds an order for its invoice: no charge before money held back.
            ("Your order ships once the invoice is paid.", &[]),
            ("Send ETH and get double back.", &[(Pressure, "get double")]),
            (
                "Last week I turned 3,000 into 11,000.",
                &[(Pressure, "turned 3,000 into 11,000")],
            ),
            (
                "You seem nice though, where are you based?",
                &[(Pressure, "You seem nice")],
            ),
            (
                "Looks like this isn't Emma's number.",
                &[(Pretext, "isn't Emma's number")],
            ),
            (
                "Our blockchain forensics team got mine back. DM me.",
                &[
                    (Pretext, "blockchain forensics"),
                    (Pretext, "got mine back"),
                    (Ask, "DM me"),
                ],
            ),
            // A statement of earnings is no daily rate.
            ("Your earnings of 512.30 will be paid on Monday.", &[]),
            (
                "Remote assistants wanted, earnings 150-400 daily.",
                &[(Pressure, "earnings 150")],
            ),
            // A report of someone's recovery scam is no offer.
            ("Then they asked for 2k to get it back.", &[]),
            (
                "There's an arrest order against you.",
                &[(Pressure, "arrest order against you")],
            ),
            (
                "Hey dad its me on a different number.",
                &[(Pretext, "different number")],
            ),
            (
                "Stay on the line and keep your bank out of this.",
                &[(Pressure, "keep your bank out of this")],
            ),
            (
                "Since fate connected us, can I ask what you do for work?",
                &[(Pressure, "fate connected"), (Pressure, "can I ask what")],
            ),
            (
                "Our supplier changed banks, please update their details to the account below.",
                &[
                    (Pretext, "supplier changed banks"),
                    (Ask, "update their details"),
                ],
            ),
            (
                "Our team of ethical hackers can trace and recover it.",
                &[(Pretext, "ethical hackers can trace")],
            ),
            ("Coinbase agent here.", &[(Pretext, "agent here")]),
            (
                "Move your coins there until the breach is fixed.",
                &[(Ask, "Move your coins")],
            ),
            (
                "If you want I can set up a login for you tonight.",
                &[(Ask, "I can set up a login")],
            ),
            ("Payroll: update your bank details in the HR portal.", &[]),
            (
                "Withdrawal address added to whitelist. If unauthorised, contact our hotline.",
                &[(Pressure, "If unauthorised")],
            ),
            (
                "Sign up through my link and we both get a bonus.",
                &[(Ask, "Sign up through my link")],
            ),
            (
                "Deposit a refundable security amount of 300 to proceed.",
                &[(Ask, "Deposit a refundable security amount of 300")],
            ),
            (
                "Please recharge 640 to submit the next one.",
                &[(Pressure, "recharge 640 to submit")],
            ),
            ("Your bill of 32.50 is ready.", &[]),
            ("Portfolio value 52,310 USD, up 1.2% this month.", &[]),
            (
                "Your loan of 5,000 is ready for payout.",
                &[(Pretext, "loan of 5,000 is ready for payout")],
            ),
            // A prepaid top-up's words.
            ("Top up 10 to continue calling.", &[(Ask, "Top up 10")]),
            (
                "Installing a tool so I can see what's on your computer.",
                &[(Ask, "so I can see")],
            ),
            (
                "A cyber lawyer got my 40k back. I can give you his email.",
                &[(Pretext, "got my 40k back"), (Ask, "give you his email")],
            ),
            // Without a recovery offer, "DM me" ends any message.
            ("Loved the photos, DM me.", &[]),
            (
                "Not you? Dial 0203 996 1174 now.",
                &[(Pressure, "Not you"), (Ask, "Dial 0203")],
            ),
            (
                "Complete the remaining 12 assignments today.",
                &[(Pretext, "Complete the remaining")],
            ),
        ];
        expect_steps(cases);
    }

    /// Issue 11, generalisation: the steps families lacked, each by its field, beside
    /// the everyday sentences that share its words.
    #[test]
    fn missing_steps_by_field() {
        use Step::*;
        let cases: &[(&str, &[(Step, &str)])] = &[
            // A wallet handed to a site.
            (
                "Link your hardware wallet on the portal.",
                &[(Ask, "Link your hardware wallet")],
            ),
            ("Please sync the wallet now.", &[(Ask, "sync the wallet")]),
            ("Always verify the wallet address before you send.", &[]),
            ("Never connect your wallet to unknown sites.", &[]),
            // Advance fees named by what they unlock, with their sum.
            (
                "We need a guarantee deposit of 350 first.",
                &[(Ask, "guarantee deposit")],
            ),
            (
                "A processing fee of $75 applies.",
                &[(Ask, "processing fee")],
            ),
            ("Your security deposit is refundable.", &[]),
            // Lost money "found" again.
            (
                "Your lost crypto has been traced by our unit.",
                &[(Pretext, "lost crypto has been traced")],
            ),
            (
                "Our forensics team recovered 2 BTC last week.",
                &[(Pretext, "forensics team recovered")],
            ),
            ("I found my lost keys.", &[]),
            // Grooming: a start sum, one's own gains, a win rate, a pool.
            ("Just begin with $250 to see.", &[(Ask, "begin with $250")]),
            ("I'm going to start with 100 a month.", &[]),
            (
                "Honestly I cleared 12k in March.",
                &[(Pressure, "I cleared 12k")],
            ),
            (
                "The bot has an 88% success rate.",
                &[(Pressure, "88% success rate")],
            ),
            (
                "Lock it in the staking pool for a month.",
                &[(Ask, "Lock it in the staking pool")],
            ),
            // A task's pay by the day.
            (
                "Pay is $90 a day, from your phone.",
                &[(Pressure, "$90 a day")],
            ),
            ("Take 2 tablets daily.", &[]),
            // A relative's or boss's favour, a boss out of reach, a move off the channel.
            ("I need a small favour.", &[(Ask, "need a small favour")]),
            ("Can't talk, boarding now.", &[(Pressure, "Can't talk")]),
            (
                "What's your personal number?",
                &[(Pressure, "What's your personal number")],
            ),
            (
                "I'm travelling so text only.",
                &[(Pressure, "I'm travelling so text only")],
            ),
            // An office named with one word between.
            (
                "This is the Federal Trade Commission.",
                &[(Pretext, "Federal Trade Commission")],
            ),
            (
                "Share your whole screen with me.",
                &[(Ask, "Share your whole screen")],
            ),
            // A sum that names a transaction is no gain.
            ("Did you make a $40 purchase?", &[]),
        ];
        expect_steps(cases);
    }
}
