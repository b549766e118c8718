//! Pass: where sentences and clauses end, and which of them warn or ask.

use crate::ReasonCode;
use crate::phrases::{self, Class, Phrase};
use crate::scripts::{Step, StepPhrase};

use super::matching::Hit;

/// Sentences and clauses, and what the phrases found say about them. A phrase warns
/// in its own sentence ("Do not share it with anyone"), so a secret or a pretext
/// named next to a warning is not asked for.
pub(crate) struct Context {
    /// Sentence ends: byte offsets after each end.
    sentences: Vec<usize>,
    /// Clause ends, likewise.
    clauses: Vec<usize>,
    /// Sentences holding a negation or warning.
    negated: Vec<usize>,
    /// Clauses holding a negation or warning.
    negated_clauses: Vec<usize>,
    /// Sentences describing scams ("…的，都是诈骗").
    described: Vec<usize>,
    /// Requests to hand something over, in order.
    asks: Vec<Ask>,
    /// Byte spans of words reported in quotation marks after a verb of saying
    /// ("對方會說「爸，我換號了…」", `they said "move your funds"`): someone else's
    /// words, quoted to describe them.
    quoted: Vec<(usize, usize)>,
    /// Whether the text delivers a one-time code ("你嘅一次性密碼係 730164"): its "tell
    /// no one" is the notice's warning, not a script's secrecy.
    code_delivered: bool,
    /// Sentences that deny an ask ("警方唔會要求", "本行絕不會以短訊要求").
    disclaimed: Vec<usize>,
    /// Clauses that deny an ask: the ask inside one is the one denied ("任何以電話要求的
    /// 匯款一律不予受理"); one clause further on, an ask is made again.
    disclaimed_clauses: Vec<usize>,
    /// Sentences that are a service's own safety line (see [`own_line`]).
    own_lines: Vec<usize>,
    /// Clauses that record a completed transfer (see [`record`]).
    records: Vec<usize>,
    /// Byte spans of the sender's signature in brackets ("【微信支付】").
    signatures: Vec<(usize, usize)>,
    /// Whether the text sends the reader to an anti-fraud hotline (see [`hotline`]).
    hotline: bool,
    /// Whether the text is a job to do in person (see [`in_person`]).
    in_person: bool,
    /// Byte offsets after each help-line condition (see [`HELP`]).
    helps: Vec<usize>,
    /// Sentences that put a payment on hold (see [`held`]).
    held: Vec<usize>,
}

/// A workplace the reader must go to, in both scripts and Cantonese ("到门市面试",
/// "現場上班", "上嚟搵經理", "面試請攜帶身分證"): a shop hiring, whose part-time hours
/// and hourly pay are no task scam's; those are done from home, for a platform.
const IN_PERSON: &[&str] = &[
    "到门市",
    "到門市",
    "到店面试",
    "到店面試",
    "门市面试",
    "門市面試",
    "到站点",
    "到站點",
    "站点面试",
    "站點面試",
    "现场上班",
    "現場上班",
    "到店上班",
    "上嚟搵经理",
    "上嚟搵經理",
    "上来找经理",
    "上來找經理",
    "携带身份证",
    "攜帶身分證",
    "攜帶身份證",
    "带身份证",
    "帶身份證",
    "帶身分證",
    // Tutoring, at a centre or at the pupil's home ("補習社請兼職導師", "誠徵補習老師",
    // "家教", "上門教小學生").
    "补习",
    "補習",
    "家教",
    "上门",
    "上門",
];

/// Whether `text` is a job to do in person ([`IN_PERSON`]), not one "without interview".
fn in_person(text: &str) -> bool {
    IN_PERSON.iter().any(|w| text.contains(w))
        && !["无需面试", "無需面試", "免面试", "免面試", "居家", "在家"]
            .iter()
            .any(|w| text.contains(w))
}

/// The condition of a notice's help line, in both scripts ("如有疑问，请致电…", "如需幫助
/// 可致電客服熱線…", "若有疑問請洽…"): a number offered in case the reader needs it, not
/// one the reader is pressed to call.
const HELP: &[&str] = &[
    "有疑问",
    "有疑問",
    "有任何疑问",
    "有任何疑問",
    "有疑惑",
    "如有问题",
    "如有問題",
    "若有问题",
    "若有問題",
    "如有任何问题",
    "如有任何問題",
    "有问题请",
    "有問題請",
    "如需帮助",
    "如需幫助",
    "如需协助",
    "如需協助",
    "如有查询",
    "如有查詢",
    "如需查询",
    "如需查詢",
    "如需咨询",
    "如需諮詢",
];

/// How far (bytes: twenty Chinese characters) after a help-line condition its call may
/// stand ("如需帮助或有任何疑问，请致电…").
const HELP_REACH: usize = 60;

/// A payment put on hold, in both scripts and Cantonese ("你先别付款，等法务看完再说",
/// "那筆貨款先不要匯", "嗰張單唔使住過數"): the opposite of an ask to pay.
const HOLD: &[&str] = &[
    "先别付",
    "先別付",
    "先别转",
    "先別轉",
    "先别汇",
    "先別匯",
    "先不要付",
    "先不要转",
    "先不要轉",
    "先不要汇",
    "先不要匯",
    "先不用付",
    "先不用转",
    "先不用轉",
    "先不用汇",
    "先不用匯",
    "先不付",
    "先不转",
    "先不轉",
    "先不汇",
    "先不匯",
    "暂时不要付",
    "暫時不要付",
    "暂时不要转",
    "暫時不要轉",
    "暂时不要汇",
    "暫時不要匯",
    "暂停付款",
    "暫停付款",
    "暂停支付",
    "暫停支付",
    "暂缓付款",
    "暫緩付款",
    "暂缓支付",
    "暫緩支付",
    "暂不付",
    "暫不付",
    "唔使住过数",
    "唔使住過數",
    "唔好住过数",
    "唔好住過數",
    "唔使住俾",
    "唔使住畀",
    "先唔好过数",
    "先唔好過數",
    "先唔好俾",
    "先唔好畀",
    "先唔好转",
    "先唔好轉",
];

/// Words of an account to pay into instead ("先别转旧账户，转到这个新账户"): a hold beside
/// one is a change of payee, the boss scam's own move.
const PAYEE: &[&str] = &[
    "账户", "賬戶", "帳戶", "账号", "賬號", "帳號", "户口", "戶口", "卡号", "卡號", "以下", "新账",
    "新賬", "新帳",
];

/// Whether `sentence` puts a payment on hold ([`HOLD`]) and names no account to pay
/// instead ([`PAYEE`]).
fn held(sentence: &str) -> bool {
    HOLD.iter().any(|w| sentence.contains(w)) && !PAYEE.iter().any(|w| sentence.contains(w))
}

/// An ask denied, in both scripts and Cantonese: the sender says what it never asks.
const DISCLAIMERS: &[&str] = &[
    "不会要求",
    "不會要求",
    "唔会要求",
    "唔會要求",
    "从不要求",
    "從不要求",
    "绝不会",
    "絕不會",
    "决不会",
    "決不會",
    "不会透过",
    "不會透過",
    // "不会通过电话、Telegram或WhatsApp要求您…": the channel named between.
    "不会通过",
    "不會通過",
    "唔会透过",
    "唔會透過",
    "不会以",
    "不會以",
    // A refusal of policy ("一律不予受理"): what is asked that way is never done.
    "不予受理",
    "不予办理",
    "不予辦理",
    "will never ask",
    "will ever ask",
    "will ever tell you",
    "will never tell you",
    "never tell you to",
    "will never request",
    "would never ask",
    "never asks",
    "will not ask",
    "won't ever ask",
    "never ask for",
];

/// Names of one-time codes, in both scripts.
const CODES: &[&str] = &[
    "验证码",
    "驗證碼",
    "一次性密码",
    "一次性密碼",
    "动态码",
    "動態碼",
    "密码",
    "密碼",
    "校验码",
    "校驗碼",
];

/// Whether a code's name is followed, within a few characters ("係 ", "为：", "是"), by
/// its four to eight digits.
fn delivers_code(text: &str) -> bool {
    CODES.iter().any(|c| {
        text.match_indices(c).any(|(p, _)| {
            let rest = &text[p + c.len()..];
            let lead: usize = rest
                .char_indices()
                .take_while(|&(i, ch)| i < 12 && !ch.is_ascii_digit() && !"，。,.".contains(ch))
                .map(|(_, ch)| ch.len_utf8())
                .sum();
            (4..=8).contains(&code_digits(&rest[lead..]))
        })
    })
}

/// The digits of a code at the start of `s`, written whole ("730164") or in groups of
/// two to four joined by a hyphen or a space ("482-913", "48 29 13"), as apps send them.
fn code_digits(s: &str) -> usize {
    let mut digits = 0;
    let mut group = 0;
    let mut bytes = s.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b.is_ascii_digit() {
            digits += 1;
            group += 1;
        } else if (b == b'-' || b == b' ')
            && (2..=4).contains(&group)
            && bytes.peek().is_some_and(u8::is_ascii_digit)
        {
            group = 0;
        } else {
            break;
        }
    }
    digits
}

/// Verbs of saying that introduce a quotation (both Chinese scripts, and English).
const SAYING: &[&str] = &[
    "说", "說", "话", "話", "讲", "講", "称", "稱", "写着", "寫著", "say", "says", "said", "saying",
];

/// How far a quotation may run, in bytes, and how far before it its verb may stand.
const QUOTE_REACH: usize = 400;
const VERB_REACH: usize = 12;

/// Spans in quotation marks (「」, 『』, “”, or ASCII double quotes) closed within
/// [`QUOTE_REACH`] bytes: the byte offset of the opening mark, and the span inside.
fn quotes(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find(['「', '『', '“', '"']) {
        let open = from + p;
        let c = text[open..].chars().next().map_or('"', |c| c);
        let close_char = match c {
            '「' => '」',
            '『' => '』',
            '“' => '”',
            _ => '"',
        };
        let body = open + c.len_utf8();
        let limit = text.floor_char_boundary(body.saturating_add(QUOTE_REACH).min(text.len()));
        let Some(q) = text[body..limit].find(close_char) else {
            from = body;
            continue;
        };
        let close = body + q;
        out.push((open, body, close));
        from = close + close_char.len_utf8();
    }
    out
}

/// Spans in quotation marks that follow a verb of saying within [`VERB_REACH`] bytes
/// ("會說：「", "said, \"").
fn quotations(text: &str) -> Vec<(usize, usize)> {
    quotes(text)
        .into_iter()
        .filter(|&(open, _, _)| {
            let before = text.floor_char_boundary(open.saturating_sub(VERB_REACH));
            let lead = text[before..open].to_ascii_lowercase();
            SAYING.iter().any(|v| lead.contains(v))
        })
        .map(|(_, body, close)| (body, close))
        .collect()
}

/// Words naming an impostor ("有人冒充交易所客服") that describe a scam, unless the
/// sender names itself as the one impersonated ("有人冒充我们的名义向您索要…"): that
/// warning is a fake service's opening as often as a real one's, so the word alone
/// warns of nothing (a real one's other words still do: "聲稱", "不會").
const IMPOSTOR: &[&str] = &["冒充", "假冒", "假扮"];

/// The sender itself, right after an impostor word ("冒充我們", "假冒本公司").
const OURSELVES: &[&str] = &[
    "我们",
    "我們",
    "我司",
    "本公司",
    "本行",
    "本平台",
    "本店",
    "我哋",
    "我行",
];

/// The speaker denying that he is a scam ("我哋唔係呃人", "我们平台绝对不是诈骗",
/// "本公司並非騙子"): what a scam says of itself, no warning to the reader. The
/// description's hit may hold the denial's 係 ("係呃人" in "唔係呃人").
fn self_denied(text: &str, h: &Hit<Phrase>) -> bool {
    const DENY: &[&str] = &[
        "不是", "不係", "不系", "唔係", "唔系", "并非", "並非", "绝非", "絕非", "唔",
    ];
    const SELF: &[&str] = &["我", "本公司", "本平台", "本司"];
    let before = &text[..h.start];
    let Some(deny) = DENY
        .iter()
        .find(|d| before.ends_with(*d) && (**d != "唔" || h.phrase.0.starts_with(['係', '系'])))
    else {
        return false;
    };
    let head = &before[..before.len() - deny.len()];
    // The speaker within six characters before the denial, in the same clause
    // ("我们平台绝对不是", "我哋真係唔係").
    let start = head.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
    let window = &head[start..];
    let window = window
        .rfind(['，', '。', ',', '！', '？', '；'])
        .map_or(window, |i| &window[i..]);
    SELF.iter().any(|w| window.contains(w))
}

/// "您被骗的48万USDT": the reader's own loss, named to sell its recovery, describes no
/// scam (unlike "如果您被骗了").
fn own_loss(text: &str, h: &Hit<Phrase>, recovery: bool) -> bool {
    let loss = text[h.start..h.end].starts_with('被');
    let before = text[..h.start].ends_with(['你', '您']);
    let after = text[h.end..].starts_with(['的', '嘅']);
    // "鎖定咗騙子嘅錢包": the culprit's assets, named by whoever sells their recovery.
    let culprit = CULPRITS.contains(&h.phrase.0) && after;
    (loss && before && after)
        || (recovery && (LOSSES.contains(&h.phrase.0) || culprit) && !supposed(text, h))
        || lost_to_culprit(text, h)
}

/// "He recovered my stolen ETH … anyone who lost money to these scammers should contact
/// him": in a text telling of money got back, the culprits to whom it was lost describe
/// no scam (the text is the recoverer's advertisement).
fn lost_to_culprit(text: &str, h: &Hit<Phrase>) -> bool {
    if !matches!(h.phrase.0, "scammers" | "scammer" | "fraudsters") {
        return false;
    }
    let lower = text.to_lowercase();
    let got_back = ["recovered", "got back", "get back", "got every", "got all"]
        .iter()
        .any(|w| lower.contains(w));
    let before = text[..h.start].to_lowercase();
    let to_them = ["to these", "to the", "to", "by these", "by the", "by"]
        .iter()
        .find_map(|w| before.trim_end().strip_suffix(w))
        .is_some_and(|rest| {
            let from = rest.char_indices().rev().nth(29).map_or(0, |(i, _)| i);
            ["lost", "scammed", "stolen"]
                .iter()
                .any(|w| rest[from..].contains(w))
        });
    got_back && to_them
}

/// Getting lost money back, in both scripts and Cantonese. A text that offers it names
/// the reader's loss to sell it ("被騙款項已追回", "被骗了别着急，我们可以帮您追回").
const RECOVERY: &[&str] = &[
    "追回", "追返", "追討", "追讨", "攞返", "拿回", "取回", "挽回", "討回", "讨回", "拿返",
    // Returned to the reader, and the desks that say so ("被騙資金…可申請返還",
    // "追款個案…退返俾你", "反詐追贓中心").
    "返还", "返還", "退还", "退還", "退返", "追款", "追赃", "追贓", "追损", "追損",
];

/// The names of the culprit ([`phrases::DESCRIPTIONS`]) whose assets a recovery offer
/// has traced.
const CULPRITS: &[&str] = &["骗子", "騙徒"];

/// The loss words ([`phrases::DESCRIPTIONS`]) that a recovery offer names.
const LOSSES: &[&str] = &["被骗", "骗了"];

/// Whether a loss is supposed, as a warning supposes it ("如果您被骗了", "一旦被騙",
/// "防止被骗").
fn supposed(text: &str, h: &Hit<Phrase>) -> bool {
    let before = text[..h.start].trim_end_matches(['你', '您', '被']);
    [
        "如果", "如", "若", "一旦", "万一", "萬一", "防止", "避免", "以免", "防",
    ]
    .iter()
    .any(|w| before.ends_with(w))
        // "被骗后…": advice for afterwards.
        || text[h.end..].starts_with(['后', '後'])
}

/// "唔好郁手機", "不要動手機": keeping the reader's hands off a phone that is being
/// controlled (a remote session's order), not a warning.
fn hands_off(text: &str, h: &Hit<Phrase>) -> bool {
    let rest = text[h.end..].trim_start_matches(['再', '去', '乱', '亂']);
    // "唔好閂咗個畫面", "不要关掉页面": the session kept open.
    rest.starts_with([
        '郁', '动', '動', '碰', '掂', '摸', '閂', '闩', '关', '關', '熄',
    ])
}

fn own_impostors(text: &str, h: &Hit<Phrase>) -> bool {
    IMPOSTOR.contains(&h.phrase.0)
        && text
            .get(h.end..)
            .is_some_and(|rest| OURSELVES.iter().any(|w| rest.starts_with(w)))
}

/// Receiving, the medium, and saying: someone else's call or message retold, in both
/// scripts and Cantonese ("收到一條短訊話…", "接到個電話說…", "收到條WhatsApp話…").
const RECEIVED: &[&str] = &["收到", "接到"];
const MEDIUM: &[&str] = &[
    "电话", "電話", "短信", "短訊", "短讯", "信息", "訊息", "讯息", "来电", "來電", "whatsapp",
    "WhatsApp", "微信",
];
const SAID: &[char] = &['说', '說', '话', '話', '讲', '講', '称', '稱'];

/// Byte offsets of every retold call or message: a verb of receiving, within four
/// characters its medium, within three more a verb of saying, and not about the reader.
fn hearsay(text: &str) -> Vec<usize> {
    let near = |from: usize, n: usize| {
        let end = text[from..]
            .char_indices()
            .nth(n)
            .map_or(text.len(), |(i, _)| from + i);
        &text[from..end]
    };
    let mut out = Vec::new();
    for verb in RECEIVED {
        for (p, _) in text.match_indices(verb) {
            let after = p + verb.len();
            let window = near(after, 4 + 3 + 4);
            let Some((m, len)) = MEDIUM
                .iter()
                .filter_map(|w| window.find(w).map(|m| (m, w.len())))
                .filter(|&(m, _)| window[..m].chars().count() <= 4)
                .min()
            else {
                continue;
            };
            let rest = near(after + m + len, 3);
            // "接到電話通知說你涉嫌…": what was said is about the reader, so the sender
            // is reporting it to them (a pretext), not retelling someone else's call.
            let Some(s) = rest.find(SAID) else { continue };
            let said = after + m + len + s;
            let about = near(said, 3);
            if !about.contains(['你', '您']) {
                out.push(p);
            }
        }
    }
    out
}

/// When a report says something was announced ("今日", "近日"), and the verbs of
/// announcing ("宣布", "公布", "通報"), in both scripts: "證監會今日宣布…", "公安部近日
///通报…" is news of what a body said, not the body speaking to the reader.
const NEWS_WHEN: &[&str] = &[
    "今日", "今天", "昨日", "昨天", "近日", "日前", "早前", "今早", "昨晚", "本周", "本週", "上周",
    "上週",
];
const ANNOUNCED: &[&str] = &[
    "宣布", "公布", "表示", "指出", "通报", "通報", "发布", "發布", "批出", "批准", "透露", "披露",
    "统计", "統計",
];

/// The people a news item tells of in the third person, in both scripts: a victim
/// ("一男子", "七旬婦人"), never the reader. (Not "受害人": a recovery scam writes to its
/// "受害人" as a class.)
const THIRD_PERSON: &[&str] = &[
    "一男子",
    "一女子",
    "一名男子",
    "一名女子",
    "男子被骗",
    "女子被骗",
    "男子被騙",
    "女子被騙",
    "婦人",
    "妇人",
];

/// Byte offsets of every sentence reported as news, not addressing the reader (no
/// "你", "您"): an announcement (a word of [`NEWS_WHEN`] right before one of
/// [`ANNOUNCED`]: "證監會今日宣布批出首批以太幣現貨ETF") or a victim told of in the third
/// person ([`THIRD_PERSON`]: "一男子网上兼职…先后转账12次"). A fake regulator speaks to
/// "您" ("证监会今日通报：您的账户涉嫌违规").
fn announced(text: &str, sentences: &[usize]) -> Vec<usize> {
    let announcements = NEWS_WHEN.iter().flat_map(|when| {
        text.match_indices(when)
            .filter(|&(p, w)| {
                let rest = &text[p + w.len()..];
                ANNOUNCED.iter().any(|v| rest.starts_with(v))
            })
            .map(|(p, _)| p)
    });
    let victims = THIRD_PERSON
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(p, _)| p));
    announcements
        .chain(victims)
        .filter(|&p| {
            let k = sentence_of(sentences, p);
            let start = if k == 0 { 0 } else { sentences[k - 1] };
            let end = sentences.get(k).copied().unwrap_or(text.len());
            let sentence = text.get(start..end).unwrap_or("");
            !["你", "您", "閣下", "阁下"]
                .iter()
                .any(|w| sentence.contains(w))
        })
        .collect()
}

/// "If this was not you", in both scripts and Cantonese: the line a service's notice of
/// account activity ends with.
const NOT_YOU: &[&str] = &[
    "非本人",
    "非您本人",
    "非你本人",
    "不是您本人",
    "不是你本人",
    "唔係你本人",
    "唔系你本人",
    "唔係你做",
    "唔系你做",
    "非閣下本人",
    "非阁下本人",
    "if this wasn't you",
    "if this was not you",
    "if it wasn't you",
];

/// Whether `sentence` is a service's own safety line: "if this was not you" with no
/// number of its own to call ("如非本人操作，请立即在App内冻结账户", "…请立即拨打95555").
/// A national service code of five digits (95555, 96110) reaches the real service
/// whoever writes it, so a callback script must give a number of seven digits or more;
/// the freezing and hurrying in such a line are the reader's own protection.
fn own_line(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    NOT_YOU.iter().any(|w| lower.contains(w)) && longest_number(sentence) < 7
}

/// [`own_line`] in a bank's calm record of one transaction (see [`calm_record`]): there
/// the line may also give the bank's own number in full, where banks publish one: a fixed
/// line of Hong Kong or Taiwan ("如非本人交易，請立即撥打客服專線(02)2745-8080", "請即致電
/// 2233 3000"). Never a mobile ("請致電0975-318-204"), a number of another country, or a
/// mainland landline or 400 number: a mainland bank's line is its five-digit service code
/// ("95566", read by [`own_line`]), and a callback scam gives one of those others
/// ("请立即致电 021-60853317 冻结").
fn own_line_of_record(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    NOT_YOU.iter().any(|w| lower.contains(w))
        && numbers(sentence)
            .iter()
            .filter(|(digits, _)| digits.len() >= 7)
            .all(|(digits, plus)| bank_line(digits, *plus))
}

/// Words of a callback scam's pressure, in both scripts: a consequence threatened
/// ("否則將自動扣款", "逾期將停用帳戶", "影响征信"), a deadline in hours, a person to call
/// instead of a line ("专员", "客戶經理"). A bank's notice of a transaction has none.
const PRESSED: &[&str] = &[
    "否则",
    "否則",
    "不然",
    "逾期",
    "以免",
    "将被",
    "將被",
    "已被",
    "会被",
    "會被",
    "停用",
    "注销",
    "註銷",
    "征信",
    "徵信",
    "自动扣",
    "自動扣",
    "专员",
    "專員",
    "经理",
    "經理",
    "小时内",
    "小時內",
    "小时之内",
    "小時之內",
];

/// Coins and exchanges, in both scripts (matched in lower case): an exchange's alert
/// sends the reader to its app, never to a number; a withdrawal of coins with a number
/// to call is the callback scam's ("申請出金 5800 USDT…請即刻撥打客服專線").
const COIN_WORDS: &[&str] = &[
    "usdt",
    "btc",
    "eth",
    "提币",
    "提幣",
    "出金",
    "提领",
    "提領",
    "币安",
    "幣安",
    "binance",
    "coinbase",
    "okx",
    "交易所",
    "钱包",
    "錢包",
];

/// Whether `text` records one transaction of the reader's calmly: the account named by
/// its masked digits ("尾号8826", "末四碼5208") or an event dated to the minute ("於06/04
/// 13:22"), none of the pressure of [`PRESSED`], and no coins ([`COIN_WORDS`]). A bank's
/// alert; its "if this was not you" line gives the bank's own number.
fn calm_record(text: &str, clauses: &[usize]) -> bool {
    let lower = text.to_lowercase();
    (super::actions::masked_account(text) || !pieces_where(text, clauses, stamped).is_empty())
        && !PRESSED.iter().any(|w| text.contains(w))
        && !COIN_WORDS.iter().any(|w| lower.contains(w))
}

/// The numbers written in `s` (groups joined as in [`longest_number`]): their digits, and
/// whether a plus sign leads them.
fn numbers(s: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut digits = String::new();
    let mut plus = false;
    for c in s.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() => plus = true,
            c if NUMBER_GAP.contains(&c) => {}
            _ => {
                if !digits.is_empty() {
                    out.push((std::mem::take(&mut digits), plus));
                }
                plus = false;
            }
        }
    }
    if !digits.is_empty() {
        out.push((digits, plus));
    }
    out
}

/// Whether `digits` (led by a plus sign: `plus`) is a fixed line of Hong Kong (eight
/// digits from 2 or 3; "+852 2233 3000") or Taiwan (an area code and nine or ten digits in
/// all, free phones included: "(02)2745-8080", "0800-024-365") by its shape: where banks
/// publish such numbers. Not a mobile (Hong Kong's other eight digits, Taiwan's "09…"), a
/// mainland number (landlines of eleven or twelve digits, "400…"), nor another country's.
fn bank_line(digits: &str, plus: bool) -> bool {
    let hong_kong = |d: &str| d.len() == 8 && d.starts_with(['2', '3']);
    let taiwan = |d: &str| (9..=10).contains(&d.len()) && !d.starts_with("09");
    if !plus {
        return hong_kong(digits) || (digits.starts_with('0') && taiwan(digits));
    }
    if let Some(rest) = digits.strip_prefix("852") {
        hong_kong(rest)
    } else if let Some(rest) = digits.strip_prefix("886") {
        !rest.starts_with('9') && (8..=9).contains(&rest.len())
    } else {
        false
    }
}

/// What joins the groups of one written number ("+852 6455 0921", "(02)2745-5000",
/// "159 2301 8846").
const NUMBER_GAP: &[char] = &[' ', '-', '.', '(', ')', '+', '（', '）'];

/// The most digits of one number in `s`: digits joined by spaces, dashes, dots, brackets
/// and plus signs ("+852 6455 0921", "(02)2745-5000") are one number.
fn longest_number(s: &str) -> usize {
    let mut best = 0;
    let mut digits = 0;
    for c in s.chars() {
        match c {
            '0'..='9' => digits += 1,
            c if NUMBER_GAP.contains(&c) => continue,
            _ => digits = 0,
        }
        best = best.max(digits);
    }
    best
}

/// Words saying a transfer is done, in both scripts ("已成功提现", "已原路退回", "轉賬
/// 已到賬", "收到一筆"): a record of money moved, not an ask to move it.
const DONE: &[&str] = &[
    "成功",
    "已完成",
    "已經完成",
    "已经完成",
    "完成：",
    "完成:",
    "已到账",
    "已到賬",
    "已退回",
    "已原路",
    "已收到",
    "已经收到",
    "已經收到",
    "收到一笔",
    "收到一筆",
    "已转入",
    "已轉入",
    // A credit to the reader's account ("已存入HKD 21,600.00（薪金）").
    "已存入",
    "已發放",
    "已发放",
    "共计",
    "共計",
    "先后",
    "先後",
];

/// Words that make a clause ask all the same ("请", "需", "成功后…"): an imperative, a
/// need, or a condition of something still to do.
const STILL_TO_DO: &[&str] = &[
    "请", "請", "需", "须", "須", "要", "麻烦", "麻煩", "后", "後", "才", "先",
];

/// A service opened or subscribed to ("成功开通极速提现服务"): its charges are still to
/// come, the opening of a fake subscription's script, whatever it says is done.
const OPENED: &[&str] = &[
    "开通", "開通", "订阅", "訂閱", "办理", "辦理", "签约", "簽約",
];

/// Whether `clause` dates an event to the minute ("于今日09:41在新手机上登录网银",
/// "於 12/07 10:15"): a notice of something that happened.
fn stamped(clause: &str) -> bool {
    clause.find(['于', '於']).is_some_and(|p| {
        let b = &clause.as_bytes()[p..];
        b.windows(4).any(|w| {
            w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
        })
    })
}

/// Whether `clause` records a completed transfer and asks for nothing ("您申请的退款已
/// 原路退回": what the reader applied for is no ask of the sender's).
fn record(clause: &str) -> bool {
    let asked = DONE
        .iter()
        .chain(&["申请", "申請"])
        .fold(clause.to_owned(), |c, w| c.replace(w, ""));
    let folded = crate::fold::fold(clause);
    let paid = paid_to_reader(&folded.text);
    (DONE.iter().any(|w| clause.contains(w)) || stamped(clause) || paid)
        && !STILL_TO_DO.iter().any(|w| asked.contains(w))
        && !OPENED.iter().any(|w| clause.contains(w))
        || received_payout(&folded.text)
}

/// Money sent to the reader, in the folded script and Cantonese: a transfer done
/// ("生活费给你转过去了", "我轉咗畀你$3000", "用FPS過咗數畀你", "匯了一萬到你的帳戶"), a
/// refund on its way back ("¥129.00将原路退回至您的支付账户").
const PAID_TO_YOU: &[&str] = &[
    "给你转过去了",
    "给您转过去了",
    "给你转了",
    "给您转了",
    "转给你了",
    "转给您了",
    "转过去了",
    "转回去了",
    "转回给你",
    "打到你卡",
    "打到你的卡",
    "发你了",
    "发给你了",
    "转咗畀你",
    "转咗俾你",
    "转咗比你",
    "过咗数畀你",
    "过咗数俾你",
    "过咗数比你",
    "入咗你",
    "汇了",
    "原路退回",
    "原路返回",
    "原路返还",
    "退回至您",
    "退回至你",
    "退回到您",
    "退回到你",
    "退回原付款",
];

/// Whether a folded clause pays the reader (see [`PAID_TO_YOU`]), or records money
/// received ("喺 25/05 收到 HK$28,600 轉賬", "收到他人转账2,000.00元"): "收到" and,
/// within a few characters, a sum or a payer.
fn paid_to_reader(clause: &str) -> bool {
    PAID_TO_YOU.iter().any(|w| clause.contains(w))
        || clause.match_indices("收到").any(|(p, w)| {
            let rest = &clause[p + w.len()..];
            let near: String = rest
                .chars()
                .take(6)
                .collect::<String>()
                .to_ascii_lowercase();
            near.contains(|c: char| c.is_ascii_digit())
                || ["$", "¥", "￥", "人民币", "港币", "他人转账", "转账"]
                    .iter()
                    .any(|m| near.contains(m))
        })
}

/// Words that ask the reader to take money sent to them ("微信转账记得收一下").
const TAKE_IT: &[&str] = &["记得收", "收一下", "记得收下"];

/// The money taken: a transfer, a red packet.
const MONEY_SENT: &[&str] = &["转账", "红包", "钱", "过数"];

/// The most characters of a clause that only asks the reader to take money sent to them
/// (a call-centre script runs on for a hundred characters without a comma, and its "请
/// 注意查收" comes with the rest of the script).
const TAKE_IT_CLAUSE: usize = 16;

/// Whether a short folded clause asks the reader to take money sent to them (see
/// [`TAKE_IT`]) and names no fee: a payout.
fn received_payout(clause: &str) -> bool {
    clause.chars().count() <= TAKE_IT_CLAUSE
        && TAKE_IT.iter().any(|w| clause.contains(w))
        && MONEY_SENT.iter().any(|w| clause.contains(w))
        && !["费", "押金", "保证金", "税"]
            .iter()
            .any(|w| clause.contains(w))
}

/// The spans inside a bracketed signature ("【微信支付】", "[HSBC]") at the start or the
/// end of the text: the sender's name, not an app it invites the reader to.
fn signatures(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let t = text.trim();
    let offset = text.len() - text.trim_start().len();
    for (open, close) in [('【', '】'), ('[', ']')] {
        if t.starts_with(open)
            && let Some(e) = t.find(close)
            && t[..e].chars().count() <= 20
        {
            out.push((offset, offset + e));
        }
        if t.ends_with(close)
            && let Some(s) = t.rfind(open)
            && t[s..].chars().count() <= 20
        {
            out.push((offset + s, offset + t.len()));
        }
    }
    out
}

/// The anti-fraud hotlines of the mainland (96110), Taiwan (165) and Hong Kong (18222),
/// and the UK's (159, the banks' "Stop Scams" line; 0300 123 2040, Action Fraud; 101,
/// the police's non-emergency line):
/// whoever writes them, a call to one reaches the real anti-fraud centre. With each, how
/// many characters before it its verb may start: a Chinese verb and its particle
/// ("拨打"), an English verb and its space ("call 159").
const HOTLINES: &[(&str, usize)] = &[
    ("96110", 4),
    ("18222", 4),
    ("165", 4),
    ("159", 6),
    ("0300 123 2040", 6),
    ("101", 6),
];

/// Verbs that send the reader to a number: dial, call, through, ask.
const DIAL: &[&str] = &[
    "拨打", "撥打", "致电", "致電", "打", "通过", "通過", "联系", "聯絡", "聯繫", "联络", "咨询",
    "諮詢", "查询", "查詢", "call", "dial",
];

/// Byte offsets of the anti-fraud hotlines the text sends the reader to: one of
/// [`HOTLINES`] as a whole number, a verb of [`DIAL`] within its characters before it
/// ("拨打96110", "有疑問撥打165", "通过96110与您联系"). A fake officer does not send his
/// victim to the real centre (he warns them off it: "不要接听96110的电话").
fn hotline(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for &(h, back) in HOTLINES {
        for (p, _) in text.match_indices(h) {
            // A whole number only: "159 2301 8846" and "101-555-0148" are phone numbers
            // written in groups that start like a hotline, not the hotline.
            let end = p + h.len();
            let digit_before = text[..p]
                .trim_end_matches(NUMBER_GAP)
                .ends_with(|c: char| c.is_ascii_digit());
            let digit_after = text[end..]
                .trim_start_matches(NUMBER_GAP)
                .starts_with(|c: char| c.is_ascii_digit());
            if digit_before || digit_after {
                continue;
            }
            let from = text[..p]
                .char_indices()
                .rev()
                .nth(back - 1)
                .map_or(0, |(i, _)| i);
            let lead = text[from..p].to_lowercase();
            if DIAL.iter().any(|v| lead.contains(v)) {
                out.push(p);
            }
        }
    }
    out
}

/// The longest quoted term (characters) a text naming scams holds up as an example.
const TERM: usize = 12;

/// Short spans in quotation marks (「保證獲利」, "刷单返利", “安全账户”): in a text that
/// names scams (see [`names_scams`]), terms held up as examples, not words addressed
/// to the reader.
fn terms(text: &str) -> Vec<(usize, usize)> {
    quotes(text)
        .into_iter()
        .filter(|&(_, body, close)| text[body..close].chars().count() <= TERM)
        .map(|(_, body, close)| (body, close))
        .collect()
}

/// Whether the text names scams in its own words: a Chinese word of
/// [`Class::AboutScams`](phrases::Class::AboutScams) ("诈骗", "骗局", "反诈"; the English
/// ones, "reported", "campaign", are everyday words of notices too) outside quotation
/// marks, and not denied ("我们不是诈骗" is what a scam says of itself).
fn names_scams(text: &str, hits: &[Hit<Phrase>]) -> bool {
    let quotes = terms(text);
    hits.iter().any(|h| {
        h.phrase.1 == Class::AboutScams
            && !h.phrase.0.is_ascii()
            && !quotes.iter().any(|&(s, e)| s <= h.start && h.start < e)
            && !["不是", "并非", "並非", "绝非", "絕非", "唔係", "唔系", "非"]
                .iter()
                .any(|w| text[..h.start].ends_with(w))
    })
}

/// A request to hand something over ("send me", "提供").
struct Ask {
    sentence: usize,
    start: usize,
    end: usize,
}

impl Context {
    /// Reads the sentences of `text` and the negations, descriptions of scams and asks
    /// among its phrases; `quiet` are the spans of demands for secrecy found by concept
    /// ("請勿向家人或銀行透露"), whose negations are no warnings either.
    pub(crate) fn new(
        text: &str,
        hits: &[Hit<Phrase>],
        steps: &[Hit<StepPhrase>],
        quiet: &[(usize, usize)],
    ) -> Context {
        let sentences = ends::<false>(text);
        let clauses = ends::<true>(text);
        // A demand for secrecy ("唔好同人講", "不要告诉家人") is pressure, not a warning:
        // a negation inside one does not cancel the asks around it.
        let secrecy = |h: &Hit<Phrase>| {
            quiet.iter().any(|&(s, e)| s <= h.start && h.end <= e)
                || steps.iter().any(|st| {
                    st.phrase.2 == Step::Pressure
                        && st.phrase.4 == ReasonCode::UrgencyLegal
                        && st.start <= h.start
                        && h.end <= st.end
                })
        };
        // Offered to the reader, or by a sender speaking for itself: news of money the
        // police got back describes a scam.
        let recovery = RECOVERY.iter().any(|w| text.contains(w))
            && (text.contains(['你', '您'])
                || ["我们", "我們", "我哋", "咨询", "諮詢"]
                    .iter()
                    .any(|w| text.contains(w)));
        let negations = || {
            hits.iter().filter(move |h| {
                h.phrase.1 == Class::Negation
                    && !secrecy(h)
                    && !own_impostors(text, h)
                    && !own_loss(text, h, recovery)
                    && !hands_off(text, h)
                    && !self_denied(text, h)
            })
        };
        let mut retold = hearsay(text);
        retold.extend(announced(text, &sentences));
        let denials = || DISCLAIMERS.iter().flat_map(|d| text.match_indices(d));
        let disclaimed = denials().map(|(p, _)| sentence_of(&sentences, p)).collect();
        // A denial runs on over a list ("不会通过电话、Telegram或WhatsApp要求您…"): the
        // clauses its enumeration commas end are the same denial's.
        let disclaimed_clauses = denials()
            .flat_map(|(p, _)| {
                let first = sentence_of(&clauses, p);
                let listed = clauses[first..]
                    .iter()
                    .take_while(|&&end| text[..end].ends_with('、'))
                    .count();
                first..=first + listed
            })
            .collect();
        let negated = negations()
            .map(|h| sentence_of(&sentences, h.start))
            .chain(retold.iter().map(|&p| sentence_of(&sentences, p)))
            .collect();
        let negated_clauses: Vec<usize> = negations()
            .map(|h| sentence_of(&clauses, h.start))
            .chain(retold.iter().map(|&p| sentence_of(&clauses, p)))
            .collect();
        let described = negations()
            .filter(|h| phrases::DESCRIPTIONS.contains(&h.phrase.0))
            .map(|h| sentence_of(&sentences, h.start))
            .chain(retold.iter().map(|&p| sentence_of(&sentences, p)))
            .collect();
        let asks = hits
            .iter()
            .filter(|h| h.phrase.1 == Class::Ask)
            .map(|h| Ask {
                sentence: sentence_of(&sentences, h.start),
                start: h.start,
                end: h.end,
            })
            .collect();
        let own_lines = if calm_record(text, &clauses) {
            pieces_where(text, &sentences, own_line_of_record)
        } else {
            pieces_where(text, &sentences, own_line)
        };
        let records = pieces_where(text, &clauses, record);
        let hotline = hotline(text)
            .into_iter()
            .any(|p| !negated_clauses.contains(&sentence_of(&clauses, p)));
        let mut quoted = quotations(text);
        if names_scams(text, hits) {
            quoted.extend(terms(text));
        }
        let helps = HELP
            .iter()
            .flat_map(|w| text.match_indices(w).map(|(p, w)| p + w.len()))
            .collect();
        Context {
            held: pieces_where(text, &sentences, held),
            helps,
            in_person: in_person(text),
            hotline,
            own_lines,
            records,
            signatures: signatures(text),
            sentences,
            clauses,
            negated,
            negated_clauses,
            described,
            asks,
            quoted,
            code_delivered: delivers_code(text),
            disclaimed,
            disclaimed_clauses,
        }
    }

    /// The index of the sentence holding byte `pos`.
    pub(crate) fn sentence(&self, pos: usize) -> usize {
        sentence_of(&self.sentences, pos)
    }

    /// Whether the sentence holding `pos` holds a negation or warning.
    pub(crate) fn negated(&self, pos: usize) -> bool {
        self.negated.contains(&self.sentence(pos))
    }

    /// Whether the sentence numbered `sentence` holds a negation or warning.
    pub(crate) fn sentence_negated(&self, sentence: usize) -> bool {
        self.negated.contains(&sentence)
    }

    /// Whether something at `pos` is warned against: a negation in its own clause
    /// (Chinese runs whole paragraphs into one sentence of commas: "…转20000块，事成之后
    /// 不会亏待你"), or a description of scams anywhere in its sentence ("陌生人要求
    /// 下载会议软件、开启屏幕共享的，都是诈骗"), or words quoted after a verb of saying.
    /// Script steps and instructions are cancelled by it.
    pub(crate) fn warned(&self, pos: usize) -> bool {
        self.own_line(pos)
            || self
                .negated_clauses
                .contains(&sentence_of(&self.clauses, pos))
            || self.described.contains(&self.sentence(pos))
            || self.quoted.iter().any(|&(s, e)| s <= pos && pos < e)
    }

    /// The index of the clause holding byte `pos`.
    pub(crate) fn clause(&self, pos: usize) -> usize {
        sentence_of(&self.clauses, pos)
    }

    /// Whether the clause holding `pos` holds a negation or warning, or retells what
    /// someone else received: a contact given there is one warned of.
    pub(crate) fn clause_negated(&self, pos: usize) -> bool {
        self.negated_clauses
            .contains(&sentence_of(&self.clauses, pos))
    }

    /// Whether any sentence of the text denies an ask ("Ledger will never ask for it"):
    /// the text is advice, and its mentions of secrets are the advice's subject.
    pub(crate) fn any_disclaimed(&self) -> bool {
        !self.disclaimed.is_empty()
    }

    /// Whether the sentence holding `pos` denies an ask (see [`DISCLAIMERS`]).
    pub(crate) fn disclaimed(&self, pos: usize) -> bool {
        self.disclaimed.contains(&self.sentence(pos))
    }

    /// Whether the clause holding `pos` denies an ask: an ask there is the one denied
    /// ("no genuine firm will ever tell you to move your money").
    pub(crate) fn ask_disclaimed(&self, pos: usize) -> bool {
        self.disclaimed_clauses
            .contains(&sentence_of(&self.clauses, pos))
    }

    /// Whether the text is a job to do in person (see [`in_person`]).
    pub(crate) fn in_person(&self) -> bool {
        self.in_person
    }

    /// Whether the sentence holding `pos` is a service's own safety line (see
    /// [`own_line`]): its hurry, its freezing and its support are the reader's
    /// protection, warned of like the rest of a warning.
    pub(crate) fn own_line(&self, pos: usize) -> bool {
        self.own_lines.contains(&self.sentence(pos))
    }

    /// Whether the sentence holding `pos` puts a payment on hold (see [`held`]): its
    /// payments are the ones held, not asked for.
    pub(crate) fn held(&self, pos: usize) -> bool {
        self.held.contains(&self.sentence(pos))
    }

    /// Whether `pos` follows a help-line condition of its sentence (see [`HELP`],
    /// [`HELP_REACH`]): a call offered there, and the desk it names, are the notice's own.
    pub(crate) fn help_line(&self, pos: usize) -> bool {
        let here = self.sentence(pos);
        self.helps
            .iter()
            .any(|&h| h <= pos && pos - h <= HELP_REACH && self.sentence(h) == here)
    }

    /// Whether the clause holding `pos` records a completed transfer (see [`record`]):
    /// a transfer named there happened, none is asked for.
    pub(crate) fn record(&self, pos: usize) -> bool {
        self.records.contains(&sentence_of(&self.clauses, pos))
    }

    /// Whether `pos` lies in the sender's bracketed signature (see [`signatures`]).
    pub(crate) fn signature(&self, pos: usize) -> bool {
        self.signatures.iter().any(|&(s, e)| s <= pos && pos < e)
    }

    /// Whether the text sends the reader to an anti-fraud hotline, not in a clause
    /// that warns against it (see [`hotline`]): a public-service warning or the real
    /// centre's follow-up, whose scam words are what it warns of.
    pub(crate) fn hotline(&self) -> bool {
        self.hotline
    }

    /// Whether the text delivers a one-time code (see [`delivers_code`]).
    pub(crate) fn code_delivered(&self) -> bool {
        self.code_delivered
    }

    /// Whether the sentence holding `pos` describes scams ("騙徒冒充公安，話你涉嫌洗黑錢"):
    /// the threats it names are reported, not made.
    pub(crate) fn described(&self, pos: usize) -> bool {
        self.described.contains(&self.sentence(pos)) || self.own_line(pos)
    }

    /// The span of the first ask in sentence `sentence`.
    pub(crate) fn ask_in(&self, sentence: usize) -> Option<(usize, usize)> {
        self.asks
            .iter()
            .find(|a| a.sentence == sentence)
            .map(|a| (a.start, a.end))
    }
}

/// Sentence ends: `.` before whitespace, `!`, `?`, newlines and Chinese full stops; with
/// `CLAUSES`, also commas, colons and semicolons. (A constant, so that each kind compiles
/// to its own tight loop: this reads every character of the text twice.)
fn ends<const CLAUSES: bool>(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut ends = Vec::new();
    let mut line_start = 0;
    for (i, c) in text.char_indices() {
        let end = match c {
            '.' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            '\n' => {
                let soft = soft_wrap(&text[line_start..i], &text[i + 1..]);
                line_start = i + 1;
                !soft || CLAUSES
            }
            '!' | '?' | '。' | '！' | '？' | '；' => true,
            // A thousands separator ("200,000 元", "$1,200") ends nothing.
            ',' if i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) =>
            {
                false
            }
            // A time's colon ("21:05") ends nothing either.
            ':' if i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) =>
            {
                false
            }
            ';' | '，' | ',' | '、' | ':' | '：' => CLAUSES,
            _ => false,
        };
        if end {
            ends.push(i + c.len_utf8());
        }
    }
    ends
}

/// Whether the newline between `line` and `rest` only wraps a long line (email bodies
/// are wrapped at 72–80 columns, mid-sentence): the line is long and ends without
/// punctuation, and the next line goes on with text, not a blank line or a list item.
fn soft_wrap(line: &str, rest: &str) -> bool {
    let line = line.trim_end();
    let wide = line
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum::<usize>();
    let next = rest.trim_start_matches([' ', '\t']);
    wide >= 60
        && !line.ends_with(['.', '!', '?', ':', '。', '！', '？', '：', '；'])
        && next.chars().next().is_some_and(|c| {
            !matches!(c, '\n' | '\r' | '-' | '*' | '>' | '•') && !c.is_ascii_digit()
        })
}

/// The indices of the pieces of `text` (sentences or clauses, given their `ends`) for
/// which `keep` holds.
fn pieces_where(text: &str, ends: &[usize], keep: fn(&str) -> bool) -> Vec<usize> {
    let mut start = 0;
    let mut out = Vec::new();
    for (i, end) in ends.iter().copied().chain([text.len()]).enumerate() {
        let end = end.max(start);
        if keep(text.get(start..end).unwrap_or("")) {
            out.push(i);
        }
        start = end;
    }
    out
}

/// The index of the sentence (or clause) holding byte `pos`, given their ends.
fn sentence_of(ends: &[usize], pos: usize) -> usize {
    ends.partition_point(|&e| e <= pos)
}
