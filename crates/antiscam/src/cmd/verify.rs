//! `antiscam verify`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use i18n::Locale;
use registry::Registry;
use wire::VerifyResult;

use crate::config::Config;
use crate::data;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Verify websites, emails, phone numbers, accounts or wallet addresses.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Registry TOML (or .json) file to verify against, instead of the database's.
    #[arg(long)]
    registry: Option<PathBuf>,
    /// Blocklist text file (one indicator per line), added to the database's.
    #[arg(long)]
    blocklist: Option<PathBuf>,
    /// Output: text (default for arguments) or json (default for `-`: JSON Lines).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Read every input as this kind (e.g. telegram for a plain name).
    #[arg(long)]
    kind: Option<String>,
    /// Language of reasons and advice: en, zh-Hant, zh-Hans.
    #[arg(long, default_value = "en")]
    lang: String,
    /// Inputs to verify; `-` reads one per line from standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
}

/// Runs `verify`; every input gets an answer (invalid ones too), so the exit code is 0
/// unless the data could not be loaded or the output could not be written.
pub fn run(config: &Config, args: Args) -> anyhow::Result<()> {
    let locale = Locale::parse(&args.lang).with_context(|| {
        format!(
            "unsupported language {:?}: use en, zh-Hant or zh-Hans",
            args.lang
        )
    })?;
    let kind = match args.kind.as_deref() {
        Some(k) => Some(verify::parse_kind(k).with_context(|| format!("unknown kind {k:?}"))?),
        None => None,
    };
    let index = build_index(config, args.registry.as_deref(), args.blocklist.as_deref())?;
    let stdin_mode = args.inputs.iter().any(|i| i == "-");
    let format = args.format.unwrap_or(if stdin_mode {
        Format::Json
    } else {
        Format::Text
    });
    // Answers go into one buffer, written out in large pieces: JSON lines through
    // `wire::LineWriter`, which renders each constant sentence once (the same bytes as
    // serializing `wire::verify_result`).
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut buf: Vec<u8> = Vec::with_capacity(OUT_CHUNK + 4096);
    let mut lines = wire::LineWriter::new(locale);
    // Answers are for now: a channel marked compromised since a later time is still
    // official.
    let now = service::Runtime::default().clock.now();
    let mut emit = |input: &str, buf: &mut Vec<u8>| -> anyhow::Result<()> {
        let v = index.verify_at(input, kind, now);
        match format {
            Format::Json => lines.write(buf, input, &v),
            Format::Text => write_text(buf, &wire::verify_result(input, &v, locale))?,
        }
        Ok(())
    };
    for input in &args.inputs {
        if input != "-" {
            emit(input, &mut buf)?;
            continue;
        }
        // Our own buffer, so we can see whether another line is already waiting.
        let mut reader = std::io::BufReader::with_capacity(64 * 1024, std::io::stdin().lock());
        let mut line = String::new();
        loop {
            line.clear();
            // Bounded read: a line longer than the input limit is answered as too long
            // without holding an unbounded line in memory.
            let n = read_line_bounded(&mut reader, &mut line, indicator::MAX_INPUT_BYTES + 8)?;
            if n == 0 {
                break;
            }
            let input = line.trim_end_matches(['\n', '\r']);
            if input.trim().is_empty() {
                continue;
            }
            emit(input, &mut buf)?;
            // Stream: write out whenever the input has no more buffered lines, so a caller
            // that writes one line and waits gets its answer; otherwise in large pieces.
            let waiting = reader.buffer().contains(&b'\n');
            if buf.len() >= OUT_CHUNK || !waiting {
                out.write_all(&buf)?;
                buf.clear();
                if !waiting {
                    out.flush()?;
                }
            }
        }
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(())
}

/// Output is written to standard output in pieces of about this size.
const OUT_CHUNK: usize = 64 * 1024;

/// Reads one line, keeping at most `cap` bytes of it (the rest of an over-long line is
/// consumed and dropped, so the kept part still fails as too long); returns the bytes
/// consumed, 0 at the end of the input.
pub fn read_line_bounded(
    reader: &mut impl BufRead,
    line: &mut String,
    cap: usize,
) -> std::io::Result<usize> {
    // Fast path: the whole line is already buffered, valid UTF-8 and within the cap.
    let buf = reader.fill_buf()?;
    if let Some(i) = buf.iter().position(|&b| b == b'\n')
        && i < cap
        && let Ok(s) = std::str::from_utf8(&buf[..=i])
    {
        line.push_str(s);
        reader.consume(i + 1);
        return Ok(i + 1);
    }
    let mut bytes = Vec::new();
    let mut total = 0;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let room = cap.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = chunk.len();
        total += used;
        reader.consume(used);
        if done {
            break;
        }
    }
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(total)
}

/// The verification index: the database's registry (or `registry`'s) and blocklist,
/// plus the entries of `blocklist`. A read-only command never creates a database (nor
/// a key file): where the configured SQLite file does not exist, it uses the demo
/// registry and blocklist (unless `ANTISCAM_DEMO=false`) or `registry`.
pub fn build_index(
    config: &Config,
    registry: Option<&Path>,
    blocklist: Option<&Path>,
) -> anyhow::Result<verify::Index> {
    let settings = data::service_settings(config);
    let add_file = |builder: &mut blocklist::Builder| match blocklist {
        Some(path) => data::read_blocklist(path, config, &mut |e| builder.push(e)),
        None => Ok(()),
    };
    let missing = data::sqlite_file(&config.database_url).is_some_and(|f| !f.exists());
    if missing {
        let mut builder = blocklist::Builder::default();
        let registry = match registry {
            Some(path) => data::read_registry(path)?,
            None if config.demo => {
                let demo = data::demo()?;
                for e in demo.blocklist {
                    builder.push(e);
                }
                demo.registry
            }
            None => Registry::empty(),
        };
        add_file(&mut builder)?;
        return Ok(service::offline::local_index(&registry, builder, &settings));
    }
    let registry = registry.map(data::read_registry).transpose()?;
    super::runtime()?.block_on(async {
        let service = data::open_reader(config).await?;
        let index = service.index_with(registry, add_file).await;
        service.close().await;
        index
    })
}

fn write_text(out: &mut impl Write, r: &VerifyResult) -> std::io::Result<()> {
    let kind = r.kind.map_or("-", |k| k.as_str());
    writeln!(out, "{}  [{}]  {}", r.input, kind, r.title)?;
    if let (Some(target), Some(brand)) = (&r.target, &r.brand) {
        writeln!(out, "  {brand}: {target}")?;
    }
    for reason in &r.reasons {
        writeln!(out, "  - {reason}")?;
    }
    writeln!(out, "  > {}", r.advice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines() {
        let long = "a".repeat(10_000);
        let text = format!("one\r\n{long}\nlast");
        let mut reader = std::io::Cursor::new(text.into_bytes());
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            if read_line_bounded(&mut reader, &mut line, indicator::MAX_INPUT_BYTES + 8)
                .expect("read")
                == 0
            {
                break;
            }
            lines.push(line);
        }
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "one\r\n");
        assert_eq!(lines[1].len(), indicator::MAX_INPUT_BYTES + 8);
        assert_eq!(lines[2], "last");
    }
}
