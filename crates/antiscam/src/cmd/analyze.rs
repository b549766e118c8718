//! `antiscam analyze`: one message from a file or standard input, or a stream of JSON
//! Lines requests.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

use anyhow::Context;
use i18n::Locale;
use wire::{AnalysisResult, AnalyzeRequest};

use crate::cmd::verify::{build_index, read_line_bounded};
use crate::config::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Longest JSON Lines request read, in bytes: a raw email at its limit, escaped.
const MAX_JSONL_LINE: usize = 2 * mail::MAX_EMAIL_BYTES + 4096;

/// Analyze a suspicious message: the manipulation tactics it uses and every indicator in it.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The message: a file, or `-` (the default) for standard input.
    input: Option<PathBuf>,
    /// The input is a raw email (RFC 5322, as saved from a mail client: .eml).
    #[arg(long, conflicts_with = "jsonl")]
    email: bool,
    /// Read JSON Lines requests (`{"text": "...", "channel": "sms"}` or `{"email": "..."}`)
    /// and write one JSON result per line.
    #[arg(long)]
    jsonl: bool,
    /// Output: text (default) or json; --jsonl always writes JSON.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Where the message came from: sms, chat, dm, email, call, group, social, web, other.
    #[arg(long, conflicts_with = "jsonl")]
    channel: Option<String>,
    /// Who sent it, as shown (a number, an account, an address).
    #[arg(long, conflicts_with = "jsonl")]
    sender: Option<String>,
    /// Language of the answer: en, zh-Hant, zh-Hans (default: the message's, else en).
    #[arg(long)]
    lang: Option<String>,
    /// Registry TOML (or .json) file to verify against, instead of the database's.
    #[arg(long)]
    registry: Option<PathBuf>,
    /// Blocklist text file (one indicator per line), added to the database's.
    #[arg(long)]
    blocklist: Option<PathBuf>,
}

/// Runs `analyze`.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let lang = match &args.lang {
        Some(tag) => Some(Locale::parse(tag).with_context(|| {
            format!("unsupported language {tag:?}: use en, zh-Hant or zh-Hans")
        })?),
        None => None,
    };
    let index = build_index(config, args.registry.as_deref(), args.blocklist.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let from_stdin = args.input.as_deref().is_none_or(|p| p.as_os_str() == "-");
    let source: Box<dyn Read> = if from_stdin {
        Box::new(std::io::stdin().lock())
    } else {
        let path = args.input.as_deref().unwrap_or(std::path::Path::new("-"));
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        Box::new(file)
    };
    let mut reader = BufReader::with_capacity(64 * 1024, source);

    if args.jsonl {
        return jsonl(&mut reader, &mut out, &index, lang);
    }

    let max = if args.email {
        mail::MAX_EMAIL_BYTES
    } else {
        wire::MAX_REQUEST_TEXT_BYTES
    };
    let mut bytes = Vec::new();
    (&mut reader)
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .context("cannot read the message")?;
    if bytes.len() > max {
        anyhow::bail!("the message is larger than the {max} bytes accepted");
    }
    let request = if args.email {
        // Raw bytes may be in any charset: the email's own headers say which.
        let raw = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        AnalyzeRequest {
            email: Some(raw),
            ..AnalyzeRequest::default()
        }
    } else {
        AnalyzeRequest {
            text: Some(String::from_utf8_lossy(&bytes).into_owned()),
            channel: args.channel.clone(),
            sender: args.sender.clone(),
            ..AnalyzeRequest::default()
        }
    };
    let (input, _) = request.validate().map_err(|e| anyhow::anyhow!("{e}"))?;
    let result = wire::analyze(&input, &index, lang, Locale::En);
    match args.format.unwrap_or(Format::Text) {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &result)?;
            out.write_all(b"\n")?;
        }
        Format::Text => write_text(&mut out, &result)?,
    }
    out.flush()?;
    Ok(())
}

/// One request per line, one result (or error) per line, streaming.
fn jsonl(
    reader: &mut BufReader<Box<dyn Read>>,
    out: &mut impl Write,
    index: &verify::Index,
    lang: Option<Locale>,
) -> anyhow::Result<()> {
    let mut line = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let n = read_line_bounded(reader, &mut line, MAX_JSONL_LINE + 1)?;
        if n == 0 {
            break;
        }
        number += 1;
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        let answer = if n > MAX_JSONL_LINE {
            Err((
                "too_long".to_owned(),
                format!("the line is {n} bytes, more than the {MAX_JSONL_LINE} accepted"),
            ))
        } else {
            serde_json::from_str::<AnalyzeRequest>(text)
                .map_err(|e| ("bad_json".to_owned(), e.to_string()))
                .and_then(|r| {
                    let asked = match r.lang.as_deref() {
                        Some(_) => None,
                        None => lang,
                    };
                    r.validate()
                        .map(|(input, l)| (input, l.or(asked)))
                        .map_err(|e| (e.code().to_owned(), e.to_string()))
                })
                .map(|(input, l)| wire::analyze(&input, index, l, Locale::En))
        };
        match answer {
            Ok(result) => serde_json::to_writer(&mut *out, &result)?,
            Err((code, message)) => serde_json::to_writer(
                &mut *out,
                &serde_json::json!({"line": number, "error": {"code": code, "message": message}}),
            )?,
        }
        out.write_all(b"\n")?;
        if !reader.buffer().contains(&b'\n') {
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(())
}

fn write_text(out: &mut impl Write, r: &AnalysisResult) -> std::io::Result<()> {
    writeln!(
        out,
        "{} ({}/100): {}",
        r.risk.as_str().to_uppercase(),
        r.score,
        r.risk_title
    )?;
    if r.truncated {
        writeln!(out, "(only the start of this long message was analyzed)")?;
    }
    for t in &r.tactics {
        writeln!(out, "\n* {} ({:.0}%)", t.title, t.confidence * 100.0)?;
        for e in &t.evidence {
            writeln!(out, "    \"{}\": {}", e.text, e.reason)?;
        }
        for tip in &t.tips {
            writeln!(out, "    > {tip}")?;
        }
    }
    if !r.indicators.is_empty() {
        writeln!(out)?;
        for i in &r.indicators {
            let v = &i.verification;
            let kind = v.kind.map_or("-", |k| k.as_str());
            writeln!(out, "- {}  [{kind}]  {}", v.input, v.title)?;
            for reason in &v.reasons {
                writeln!(out, "    {reason}")?;
            }
        }
    }
    writeln!(out, "\n{}", r.advice)
}
