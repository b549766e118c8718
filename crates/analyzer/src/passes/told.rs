//! Pass: a Chinese text that tells of a scam rather than runs one. A news report
//! ("据报道，一名72岁婆婆…转账共380万"), an anti-fraud campaign ("守网者提提你：骗徒会
//! 冒充公安…"), a community warning and an anecdote ("我妈昨天接到一个自称公安的电话，叫她
//! 转账，幸好她挂了") name the pretexts, the threats and the asks of a script in its own
//! words, but of someone else: the scammers, a victim, the public. Such a text is bounded
//! *low* like a public warning (see [`crate::passes::damping`]) unless it also runs a
//! script of its own on the reader: an ask outside what it narrates, a way to reach the
//! sender that is no official one (a link, a number, an account, a chat handle), or a
//! sender who introduces himself ("我是…民警", "这里是…客服").

use crate::findings::Findings;
use crate::fold::Folded;
use crate::{Found, Tactic};
use verify::Verdict;

use super::context::Context;

/// Who tells: a news service, a reporter's formula, an anti-fraud campaign or desk, in
/// the folded (Simplified) script. Any sentence holding one that does not speak to the
/// reader (see [`addresses`]) is narrated.
const TELLERS: &[&str] = &[
    // News.
    "据报道",
    "据报导",
    "据了解",
    "据悉",
    "记者",
    "中央社",
    "新华社",
    "中新社",
    "明报",
    "央视",
    "人民日报",
    "专讯",
    "新闻",
    "报道",
    "报导",
    "通报",
    // Anti-fraud campaigns and the police speaking to the public.
    "守网者",
    "反诈",
    "防骗",
    "警方提醒",
    "警方呼吁",
    "警方提示",
    "警方表示",
    "民警提醒",
    "民警提示",
    "警察提醒",
    "呼吁市民",
    "呼吁民众",
    "提醒市民",
    "提醒民众",
    "刑事局",
];

/// Someone else as the subject: the scammers, their victims, the public, in the folded
/// script and Cantonese. A sentence with one that does not speak to the reader is
/// narrated.
const OTHERS: &[&str] = &[
    "骗徒",
    "骗子",
    "诈骗集团",
    "诈骗团伙",
    "诈团",
    "诈骗分子",
    "歹徒",
    "不法分子",
    "犯罪分子",
    "有市民",
    "市民",
    "民众",
    "事主",
    "受害人",
    "受害者",
    "男子",
    "女子",
    "婆婆",
    "老伯",
    "长者",
    "好多人",
    "不少人",
    "很多人",
    // Someone hypothetical or reported posing ("如果有人打嚟話…", "有人冒充公安"), not
    // "有人追债" in the sender's own story.
    "如果有人",
    "若有人",
    "如有人",
    "要是有人",
    "有人冒充",
    "有人假冒",
    "有人自称",
    "有人扮",
];

/// The sender as the one who gets what is asked ("帮我转3万", "借我", "畀我"): an ask
/// in a clause with one is the sender's own, whatever the sentence narrates.
const FOR_ME: &[&str] = &[
    "帮我",
    "给我",
    "借我",
    "畀我",
    "俾我",
    "转我",
    "汇我",
    "帮下我",
    "同我",
];

/// People an anecdote is about, and the third person, in the folded script and
/// Cantonese ("我妈", "邻居", "佢"): with an event of [`EVENTS`] in a sentence that does
/// not speak to the reader, someone else's experience.
const THIRD: &[&str] = &[
    "我妈",
    "我爸",
    "我朋友",
    "我同事",
    "我老公",
    "我老婆",
    "我表",
    "我阿",
    "我姐",
    "我哥",
    "我弟",
    "我妹",
    "我外婆",
    "我奶奶",
    "我婆婆",
    "邻居",
    "朋友",
    "同事",
    "她",
    "他",
    "佢",
];

/// What happened in an anecdote, in the folded script and Cantonese: a call or message
/// received, when, its outcome ("幸好她挂了", "差点就填了", "报咗警", "钱就拿不回来了").
const EVENTS: &[&str] = &[
    "接到",
    "收到",
    "差点",
    "差啲",
    "险些",
    "幸好",
    "还好",
    "好彩",
    "报了警",
    "报咗警",
    "报警",
    "上当",
    "挂了",
    "收线",
    "才知道",
    "才发现",
    "拦下",
    "被骗",
    "受骗",
    "拉进",
    "拿不回",
    "拿唔返",
    "追不回",
    "上个月",
    "上星期",
    "上礼拜",
    "上周",
    "前几天",
    "前段时间",
    "昨天",
    "琴日",
    "寻日",
    "早排",
];

/// A first-person anecdote: a call or message received, and its outcome ("昨天我收到一封
/// 简讯说…，我差点就填了"), anywhere in the text.
const RECEIVED: &[&str] = &["接到", "收到"];
const OUTCOMES: &[&str] = &[
    "差点",
    "差啲",
    "险些",
    "幸好",
    "还好",
    "好彩",
    "报了警",
    "报咗警",
    "挂了",
    "挂断了",
    "收线",
    "才知道",
    "才发现",
    "根本没",
    "根本冇",
    "没上当",
    "冇上当",
];

/// Words that call what was told fake ("…的投资群组都是假的", "都係呃人嘅"): a warning's
/// verdict on the scam it describes.
const FAKE: &[&str] = &[
    "都是假的",
    "都系假的",
    "都系假嘅",
    "全是假的",
    "是假的",
    "系假嘅",
    "都是骗人的",
    "系呃人",
    "都系呃人",
];

/// The reader, in the folded script.
const YOU: &[&str] = &["你", "您", "阁下"];

/// The reader as the object of a verb of the scammers' in a warning or a story ("骗徒会
/// …要你转钱", "叫你讲埋验证码"), and reminders addressed to the reader ("提提你",
/// "提醒您"): the generic "you" of a warning, not the sender's own address.
const GENERIC_YOU: &[&str] = &[
    "提提你",
    "提醒你",
    "提醒您",
    "提示你",
    "提示您",
    "要你",
    "要您",
    "叫你",
    "让你",
    "令你",
    "话你",
    "说你",
    "骗你",
    "诱导你",
    "要求你",
    "要求您",
    "问你",
];

/// A sender introducing himself ("我是市公安局民警", "这里是快递客服", "呢度係警務處") or
/// speaking for his own platform ("本平台今晚开放内部名额"): a script performed on the
/// reader, whatever it narrates besides.
const INTRODUCTIONS: &[&str] = &[
    "我是",
    "我系",
    "我们是",
    "我哋系",
    "这里是",
    "呢度系",
    "本人是",
    "我这边是",
    "本平台",
    "我们平台",
    "我哋平台",
    "本群",
    "本团队",
    "我们团队",
    "我哋团队",
];

/// Chat apps and messengers whose handle, written after them, reaches the sender.
const MESSENGERS: &[&str] = &[
    "微信", "wechat", "vx", "qq", "line", "telegram", "tg", "whatsapp", "飞机", "skype",
];

/// The tactics whose evidence asks the reader for something (money, a secret, another
/// app, a fee, a log-in).
const ASKS: &[Tactic] = &[
    Tactic::PaymentInstruction,
    Tactic::SecretRequest,
    Tactic::OffPlatform,
    Tactic::QuidProQuo,
    Tactic::Phishing,
];

/// Whether `text` tells of a scam rather than runs one (see the module documentation):
/// some sentence narrates (a teller of [`TELLERS`], someone else of [`OTHERS`], an
/// anecdote), no sentence introduces the sender, every ask found lies in a narrated
/// sentence or one that warns, and no unofficial contact is given outside a warning.
pub(crate) fn told(
    text: &str,
    folded: &Folded<'_>,
    ctx: &Context,
    indicators: &[Found<'_>],
    findings: &Findings,
) -> bool {
    // Chinese texts only: the tellers, subjects and anecdotes are read in Chinese (an
    // English text's descriptions of scams have rules of their own).
    let f = folded.text.as_ref();
    if !f.chars().any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}')) {
        return false;
    }
    let lower = f.to_ascii_lowercase();
    let anecdote = lower.contains('我') && has(&lower, RECEIVED) && has(&lower, OUTCOMES);
    let mut narrated: Vec<(usize, usize)> = Vec::new();
    for (s, e) in sentences(&lower) {
        let sentence = &lower[s..e];
        if introduces(sentence) {
            return false;
        }
        let (o_s, o_e) = folded.original(text, s, e);
        let tells = narrates(sentence)
            || (anecdote && (sentence.contains('我') || has(sentence, THIRD)))
            || ctx.described(o_s);
        if tells && !addresses(sentence) {
            // `lower` keeps the byte offsets of `f`: only ASCII letters change case.
            narrated.push((o_s, o_e));
        }
    }
    if narrated.is_empty() {
        return false;
    }
    let in_narration = |pos: usize| narrated.iter().any(|&(s, e)| s <= pos && pos < e);
    let police: Vec<usize> = police_calls(text)
        .into_iter()
        .map(|p| ctx.clause(p))
        .collect();
    let excused = |pos: usize| {
        in_narration(pos)
            || police.contains(&ctx.clause(pos))
            || ctx.warned(pos)
            || ctx.negated(pos)
            || ctx.ask_disclaimed(pos)
            || ctx.help_line(pos)
            || ctx.own_line(pos)
            || ctx.record(pos)
            || ctx.held(pos)
    };
    let clauses_for_me: Vec<usize> = FOR_ME
        .iter()
        .flat_map(|w| lower.match_indices(w).map(|(p, _)| p))
        .map(|p| ctx.clause(folded.original(text, p, p + 1).0))
        .collect();
    let own_ask = findings
        .iter()
        .filter(|f| ASKS.contains(&f.tactic))
        .flat_map(|f| f.evidence.iter())
        .any(|e| !excused(e.start) || clauses_for_me.contains(&ctx.clause(e.start)));
    if own_ask {
        return false;
    }
    // A way to reach the sender that is no official one, outside a warning.
    let contact_excused =
        |pos: usize| ctx.clause_negated(pos) || ctx.help_line(pos) || ctx.own_line(pos);
    let link = indicators
        .iter()
        .any(|i| i.verification.verdict != Verdict::Official && !contact_excused(i.start));
    let handle = handles(&lower)
        .into_iter()
        .any(|p| !contact_excused(folded.original(text, p, p + 1).0));
    let number = long_numbers(text).into_iter().any(|p| !contact_excused(p));
    !(link || handle || number)
}

/// The police's emergency numbers (110 on the mainland and in Taiwan, 999 in Hong
/// Kong), and the verbs that dial them or report to them.
const POLICE: &[&str] = &["110", "999"];
const DIAL_POLICE: &[&str] = &[
    "拨打", "撥打", "打", "致电", "致電", "报警", "報警", "call", "dial",
];

/// Byte offsets of calls to the police in `text` ("接到这种电话直接挂断，拨打110核实",
/// "即刻打999報警"): a whole number of [`POLICE`] within four characters after a verb of
/// [`DIAL_POLICE`]. A warning's advice; in a text that tells of a scam, the check it asks
/// for ("核实") is the reader's protection.
fn police_calls(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for n in POLICE {
        for (p, _) in text.match_indices(n) {
            let end = p + n.len();
            let whole = !text[..p].ends_with(|c: char| c.is_ascii_digit())
                && !text[end..].starts_with(|c: char| c.is_ascii_digit());
            let from = text[..p].char_indices().rev().nth(3).map_or(0, |(i, _)| i);
            let lead = text[from..p].to_ascii_lowercase();
            if whole && DIAL_POLICE.iter().any(|v| lead.contains(v)) {
                out.push(p);
            }
        }
    }
    out
}

/// Whether `s` holds one of `words`.
fn has(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// Whether a sentence narrates: a teller, someone else as its subject, an anecdote's
/// event told of someone else, or a verdict that what it tells of is fake.
fn narrates(sentence: &str) -> bool {
    has(sentence, TELLERS)
        || has(sentence, OTHERS)
        || (has(sentence, THIRD) && has(sentence, EVENTS))
        || has(sentence, FAKE)
}

/// Whether a sentence speaks to the reader: "你", "您", "阁下" outside quotation marks
/// (「帶你操作穩賺」 quotes the scammers), except the generic "you" of [`GENERIC_YOU`].
fn addresses(sentence: &str) -> bool {
    let mut rest = unquoted(sentence);
    for g in GENERIC_YOU {
        rest = rest.replace(g, "");
    }
    YOU.iter().any(|y| rest.contains(y))
}

/// `s` without what it holds in quotation marks (「」, 『』, “”, "").
fn unquoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut close: Option<char> = None;
    for c in s.chars() {
        match close {
            Some(q) if c == q => close = None,
            Some(_) => {}
            None => match c {
                '「' => close = Some('」'),
                '『' => close = Some('』'),
                '“' => close = Some('”'),
                '"' => close = Some('"'),
                _ => out.push(c),
            },
        }
    }
    // An unclosed quotation mark quotes nothing: keep the text.
    if close.is_some() { s.to_owned() } else { out }
}

/// Whether a sentence introduces its sender ("我是…", "这里是…"), not asks ("我是否",
/// "我是不是").
fn introduces(sentence: &str) -> bool {
    INTRODUCTIONS.iter().any(|w| {
        sentence.match_indices(w).any(|(p, _)| {
            let rest = &sentence[p + w.len()..];
            !rest.starts_with(['否', '不', '咪'])
        })
    })
}

/// Sentence spans of the folded text: ends at full stops, exclamation and question marks
/// and new lines, in both widths.
fn sentences(f: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in f.char_indices() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '；') {
            let end = i + c.len_utf8();
            out.push((start, end));
            start = end;
        }
    }
    if start < f.len() {
        out.push((start, f.len()));
    }
    out
}

/// Byte offsets (in `lower`) of chat handles written after a messenger's name ("微信
/// jc_zhang0571", "LINE ID: tw-police165", "QQ 2874113905", "TG @hk_job88").
fn handles(lower: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for m in MESSENGERS {
        for (p, _) in lower.match_indices(m) {
            // An ASCII messenger name must be a word of its own ("line", not "online").
            let end = p + m.len();
            if m.is_ascii()
                && (lower[..p].ends_with(|c: char| c.is_ascii_alphanumeric())
                    || lower[end..].starts_with(|c: char| c.is_ascii_alphanumeric()))
            {
                continue;
            }
            // A few separators or words between ("号", "ID", "：", "群").
            let mut rest = &lower[end..];
            loop {
                let trimmed = rest.trim_start_matches(|c: char| {
                    c.is_whitespace() || ":：@号號码碼群".contains(c)
                });
                let trimmed = match trimmed.strip_prefix("id") {
                    Some(r) if !r.starts_with(|c: char| c.is_ascii_alphanumeric()) => r,
                    _ => trimmed,
                };
                if trimmed.len() == rest.len() {
                    break;
                }
                rest = trimmed;
            }
            let lead = lower.len() - rest.len() - end;
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == '.')
                .collect();
            let letters = id.chars().filter(char::is_ascii_alphabetic).count();
            let digits = id.chars().filter(char::is_ascii_digit).count();
            if id.len() >= 5 && (digits >= 5 || (letters >= 1 && digits >= 1) || id.contains('_')) {
                out.push(end + lead);
            }
        }
    }
    for (p, _) in lower.match_indices('@') {
        let id = lower[p + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .count();
        let email = lower[..p].ends_with(|c: char| c.is_ascii_alphanumeric());
        if id >= 3 && !email {
            out.push(p);
        }
    }
    out
}

/// Byte offsets of numbers of seven digits or more in `text` (digits joined by spaces,
/// dashes, dots and brackets: a phone or an account number), not an amount (a currency
/// before, a decimal point, a unit after) nor a reference (letters or "#" before:
/// "#HK83921", "HD-2024-031").
fn long_numbers(text: &str) -> Vec<usize> {
    const GAP: &[char] = &[' ', '-', '(', ')', '+', '（', '）'];
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() && bytes[i] != b'+' && bytes[i] != b'(' {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = 0;
        let mut end = i;
        let mut j = i;
        for (k, c) in text[i..].char_indices() {
            if c.is_ascii_digit() {
                digits += 1;
                end = i + k + 1;
            } else if !GAP.contains(&c) {
                break;
            }
            j = i + k + c.len_utf8();
        }
        let before = &text[..start];
        let after = &text[end..];
        let reference = before.ends_with(|c: char| c.is_ascii_alphabetic() || "#-/".contains(c));
        let amount = after.starts_with(['.', ',', '元', '块', '万', '%'])
            || before.trim_end().ends_with(['$', '¥', '￥']);
        if digits >= 7 && !reference && !amount && !date(&text[start..end]) {
            out.push(start);
        }
        i = j.max(start + 1);
    }
    out
}

/// Whether a number is a date written with dashes ("2024-06-10").
fn date(number: &str) -> bool {
    let groups: Vec<&str> = number.split('-').map(str::trim).collect();
    groups.len() == 3
        && groups[0].len() == 4
        && groups[1..].iter().all(|g| (1..=2).contains(&g.len()))
}
