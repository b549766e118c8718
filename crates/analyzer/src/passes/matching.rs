//! Pass: fold the text and match every phrase and script step in one scan.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::phrases::{Class, PHRASES, Phrase};
use crate::scripts::{STEPS, StepPhrase};
use crate::{Found, ReasonCode, fold};

/// One automaton over every phrase and then every script step, folded (see `fold`):
/// pattern `i` is `PHRASES[i]`, or `STEPS[i - PHRASES.len()]`.
static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(
            PHRASES
                .iter()
                .map(|p| p.0)
                .chain(STEPS.iter().map(|p| p.0))
                .map(fold::fold_phrase),
        )
        .expect("the phrase automaton builds")
});

/// A phrase (or script step) found at `start..end` of the original text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit<P: 'static> {
    /// Byte offset of the first original byte.
    pub start: usize,
    /// Byte offset after the last original byte.
    pub end: usize,
    /// What was found.
    pub phrase: &'static P,
}

/// What the scan found.
pub(crate) struct Matches<'t> {
    /// The folded text; the money-and-kin shapes read it too.
    pub folded: fold::Folded<'t>,
    /// Phrases, in the order the automaton reports them.
    pub phrases: Vec<Hit<Phrase>>,
    /// Script steps, in the same order.
    pub steps: Vec<Hit<StepPhrase>>,
    /// Original spans of words disguised with look-alike letters or invisible characters,
    /// and of phrases found only through a fold that changed what the user sees; unsorted,
    /// may repeat.
    pub obfuscated: Vec<(usize, usize)>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Whether a word goes on as a negative contraction ("won't", "can’t"): the phrase that
/// ends before the apostrophe is the stem of another word ("won" in "won't be covered"
/// wins nothing).
fn contraction(after: &str) -> bool {
    after
        .strip_prefix('\'')
        .or_else(|| after.strip_prefix('\u{2019}'))
        .and_then(|r| r.strip_prefix(['t', 'T']))
        .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric()))
}

/// Whether `before` ends in a date or time after "于" ("于05/12 14:32 ", "于05月15日"):
/// an account alert's record of a deed done.
fn dated(before: &str) -> bool {
    // "于" in both scripts once folded, "喺" in Cantonese; "请于15:00前" asks.
    let Some((head, stamp)) = before.rsplit_once(['于', '喺']) else {
        return false;
    };
    let stamp = stamp.trim_end();
    !head.ends_with(['请', '要'])
        && stamp.len() <= 24
        && stamp.chars().any(|c| c.is_ascii_digit())
        && stamp
            .chars()
            .all(|c| c.is_ascii_digit() || " /:-.年月日号时分".contains(c))
}

/// Whether `before` ends in a receipt ("收到", "已收", optionally "一笔"): the money
/// step after it ("收到转账 HKD 3,200") was paid to the reader, a record, no ask.
fn received(before: &str) -> bool {
    let before = before.trim_end();
    let before = ["一笔", "笔", "一单"]
        .iter()
        .find_map(|m| before.strip_suffix(m))
        .unwrap_or(before);
    ["收到", "已收", "收妥"].iter().any(|r| before.ends_with(r))
}

/// Folds `text` and matches phrases and steps in it, overlapping: ASCII phrases only on
/// word boundaries, and nothing inside an indicator (a URL path, an email), whose words
/// are not phrases.
pub(crate) fn find<'t>(text: &'t str, indicators: &[Found<'_>]) -> Matches<'t> {
    let folded = fold::fold(text);
    let fbytes = folded.text.as_bytes();
    let mut phrases: Vec<Hit<Phrase>> = Vec::new();
    let mut steps: Vec<Hit<StepPhrase>> = Vec::new();
    let mut obfuscated: Vec<(usize, usize)> = fold::obfuscated_words(text);
    for m in MATCHER.find_overlapping_iter(folded.text.as_ref()) {
        let id = m.pattern().as_usize();
        let (fs, fe) = (m.start(), m.end());
        let (p, digit_before, digit_after) = match PHRASES.get(id) {
            // Rates follow their amount ("150ppm", "10p/min"); a verb may be glued to
            // the number it asks to call ("call09050000337").
            Some(phrase) => (
                phrase.0,
                phrase.2 == ReasonCode::PaymentPremiumRate,
                phrase.1 == Class::Action,
            ),
            None => (STEPS[id - PHRASES.len()].0, false, false),
        };
        let glued = |b: u8, digit_ok: bool| is_word_byte(b) && !(digit_ok && b.is_ascii_digit());
        let pb = p.as_bytes();
        if pb.first().is_some_and(|&b| is_word_byte(b))
            && fs > 0
            && glued(fbytes[fs - 1], digit_before)
        {
            continue;
        }
        if pb.last().is_some_and(|&b| is_word_byte(b))
            && (fbytes.get(fe).is_some_and(|&b| glued(b, digit_after))
                || contraction(&folded.text[fe..]))
        {
            continue;
        }
        // "台灣大哥大", "用大哥大打": the 哥 of a mobile phone (and the carrier named
        // after it) addresses no brother.
        if p == "哥" && folded.text[..fs].ends_with('大') && folded.text[fe..].starts_with('大')
        {
            continue;
        }
        // "你上次借我的書": a lending step followed by 的 names a thing lent, no ask.
        if p.starts_with('借') && folded.text[fe..].starts_with('的') {
            continue;
        }
        // "您的帳戶於05/12 14:32 轉出…": a deed dated by the sender is a record of it, no ask.
        if PHRASES.get(id).is_none() && dated(&folded.text[..fs]) {
            continue;
        }
        let reason = PHRASES
            .get(id)
            .map_or_else(|| STEPS[id - PHRASES.len()].4, |phrase| phrase.2);
        if reason == ReasonCode::PaymentTransfer && received(&folded.text[..fs]) {
            continue;
        }
        let (start, end) = folded.original(text, fs, fe);
        if indicators.iter().any(|f| start < f.end && f.start < end) {
            continue;
        }
        // A phrase written in a disguise of its own ("bl0cked") matches the plain word
        // too ("blocked"), which disguises nothing: compare with the phrase as folded.
        if fold::is_obfuscated(&text[start..end], p)
            && !(p.is_ascii() && text[start..end].eq_ignore_ascii_case(&fold::fold_phrase(p)))
        {
            obfuscated.push((start, end));
        }
        match PHRASES.get(id) {
            Some(phrase) => phrases.push(Hit { start, end, phrase }),
            None => steps.push(Hit {
                start,
                end,
                phrase: &STEPS[id - PHRASES.len()],
            }),
        }
    }
    Matches {
        folded,
        phrases,
        steps,
        obfuscated,
    }
}
