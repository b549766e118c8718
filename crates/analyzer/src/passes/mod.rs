//! The passes of the analysis, in the order [`crate::run`] calls them. Each reads the
//! text and what earlier passes found, and adds findings to one
//! [`Findings`](crate::findings::Findings); the order matters, since of two reasons for
//! one span the first added is kept.

pub(crate) mod actions;
pub(crate) mod combinations;
pub(crate) mod context;
pub(crate) mod damping;
pub(crate) mod families;
pub(crate) mod matching;
pub(crate) mod obfuscation;
pub(crate) mod score;
pub(crate) mod tactics;
pub(crate) mod told;
pub(crate) mod verdicts;
pub(crate) mod wording;

use crate::MAX_TEXT_BYTES;

/// The start of `text` that is analyzed: at most [`MAX_TEXT_BYTES`], cut at a character
/// boundary, and whether it was cut.
pub(crate) fn truncate(text: &str) -> (&str, bool) {
    let truncated = text.len() > MAX_TEXT_BYTES;
    let text = if truncated {
        &text[..text.floor_char_boundary(MAX_TEXT_BYTES)]
    } else {
        text
    };
    (text, truncated)
}
