//! The `antiscam` binary as a user runs it: a fresh SQLite file per test, real processes.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

#[path = "cli/nodes.rs"]
mod nodes;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A scratch directory with its own database, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "antiscam-cli-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_antiscam"));
        cmd.current_dir(&self.0)
            .env(
                "ANTISCAM_DATABASE_URL",
                format!("sqlite:{}", self.0.join("t.db").display()),
            )
            .env_remove("ANTISCAM_CONFIG")
            .env_remove("ANTISCAM_DEFAULT_REGION")
            .env_remove("ANTISCAM_DEMO");
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run antiscam")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn verify_json_on_the_demo_data() {
    let s = Scratch::new();
    let cases = [
        ("example.com", "official"),
        ("examp1e.com", "impersonation"),
        ("x.com/ExampleOld", "formerly_official"),
        ("t.me/ExampleSupportDesk", "reported_scam"),
        ("nothing-known.org", "unknown"),
        ("xn--a.com", "invalid"),
    ];
    for (input, verdict) in cases {
        let o = s.run(&["verify", "--format", "json", input]);
        assert!(
            o.status.success(),
            "{input}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let j: serde_json::Value =
            serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
        assert_eq!(j["verdict"], verdict, "{input}: {j}");
    }
}

#[test]
fn verify_text_and_languages() {
    let s = Scratch::new();
    let en = s.run(&["verify", "examp1e.com"]);
    assert!(en.status.success());
    assert!(stdout(&en).contains("Impersonation"), "{}", stdout(&en));
    let zh = s.run(&["verify", "--lang", "zh-Hant", "examp1e.com"]);
    assert_ne!(stdout(&en), stdout(&zh));
    let bad = s.run(&["verify", "--lang", "klingon", "examp1e.com"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unsupported language"));
}

#[test]
fn verify_stdin_streams_json_lines() {
    let s = Scratch::new();
    let mut child = s
        .command()
        .args(["verify", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    // One line in, one answer out, before the input ends: it streams.
    for (input, verdict) in [
        ("example.com", "official"),
        ("examp1e.com", "impersonation"),
    ] {
        writeln!(stdin, "{input}").expect("write");
        stdin.flush().expect("flush");
        let line = lines.next().expect("an answer").expect("read");
        let j: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
        assert_eq!(j["verdict"], verdict);
    }
    writeln!(stdin, "\n{}", "a".repeat(5000)).expect("write");
    drop(stdin);
    let rest: Vec<String> = lines.map(|l| l.expect("read")).collect();
    assert_eq!(rest.len(), 1, "blank lines are skipped: {rest:?}");
    assert!(
        rest[0].contains("\"error_code\":\"too_long\""),
        "{}",
        rest[0]
    );
    assert!(child.wait().expect("wait").success());
}

#[test]
fn verify_with_registry_and_blocklist_files() {
    let s = Scratch::new();
    std::fs::write(
        s.0.join("reg.toml"),
        "[[brand]]\nname = \"Nimbus\"\ndomains = [\"nimbus.io\"]\n",
    )
    .expect("write");
    std::fs::write(
        s.0.join("block.txt"),
        "# scams\nbad-site.com\nnot valid at all!\n",
    )
    .expect("write");
    let o = s.run(&[
        "verify",
        "--format",
        "json",
        "--registry",
        "reg.toml",
        "--blocklist",
        "block.txt",
        "nimbus.io",
        "login.bad-site.com",
        "example.com",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let verdicts: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["verdict"].to_string())
        .collect();
    assert_eq!(
        verdicts,
        ["\"official\"", "\"reported_scam\"", "\"unknown\""]
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("block.txt:3: skipped"));

    let missing = s.run(&["verify", "--registry", "nope.toml", "a.com"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.toml"));
    std::fs::write(
        s.0.join("bad.toml"),
        "[[brand]]\nname = \"X\"\ntelgram = [\"a\"]\n",
    )
    .expect("write");
    let bad = s.run(&["verify", "--registry", "bad.toml", "a.com"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("telgram"));
}

#[test]
fn keys_are_printed_once_and_listed_without_secret() {
    let s = Scratch::new();
    let o = s.run(&["keys", "create", "--role", "admin", "--label", "ops"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let key = stdout(&o);
    assert_eq!(key.lines().count(), 1);
    assert!(key.starts_with("ask_"));
    let list = stdout(&s.run(&["keys", "list"]));
    assert!(list.contains("admin") && list.contains("ops"));
    assert!(!list.contains(key.trim()));
    let partner = s.run(&["keys", "create", "--role", "partner"]);
    assert!(!partner.status.success());
    assert!(String::from_utf8_lossy(&partner.stderr).contains("--region"));
    assert!(s.run(&["keys", "revoke", "1"]).status.success());
    assert!(!s.run(&["keys", "revoke", "99"]).status.success());
}

#[test]
fn analyze_a_message_from_a_file_and_from_stdin() {
    let s = Scratch::new();
    let path = s.0.join("sms.txt");
    std::fs::write(
        &path,
        "Example Exchange support: your account is frozen. Send your seed phrase at examp1e.com within 24 hours.",
    )
    .expect("write");
    let o = s.run(&["analyze", "--format", "json", path.to_str().expect("path")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(j["risk"], "critical");
    assert!(j["indicators"][0]["verdict"] == "impersonation", "{j}");

    let mut child = s
        .command()
        .args(["analyze", "--lang", "zh-Hans"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"See you at lunch tomorrow!")
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("NONE"), "{text}");
    assert!(
        text.contains("未发现"),
        "answer in Simplified Chinese: {text}"
    );

    let missing = s.run(&["analyze", "no-such-file.txt"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot open no-such-file.txt"));
}

#[test]
fn analyze_a_raw_email() {
    let s = Scratch::new();
    let path = s.0.join("mail.eml");
    std::fs::write(
        &path,
        "From: \"Example Exchange\" <help@desk-mail.net>\r\nSubject: Verify\r\n\
         Content-Type: text/html; charset=utf-8\r\n\r\n\
         <p>Your account is frozen.</p><a href=\"https://examp1e.com/login\">https://www.example.com/login</a>",
    )
    .expect("write");
    let o = s.run(&[
        "analyze",
        "--email",
        "--format",
        "json",
        path.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let codes = j["tactics"].to_string();
    assert!(codes.contains("email-link-mismatch"), "{codes}");
    assert!(codes.contains("email-display-name"), "{codes}");
    assert!(
        j["text"]
            .as_str()
            .is_some_and(|t| t.contains("From: Example Exchange"))
    );
}

#[test]
fn analyze_jsonl_streams_one_result_per_line_and_names_bad_lines() {
    let s = Scratch::new();
    let mut child = s
        .command()
        .args(["analyze", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    // One request in, one answer out before the input ends: it streams.
    writeln!(
        stdin,
        r#"{{"text": "Claim your airdrop at examp1e.com now", "channel": "sms"}}"#
    )
    .expect("write");
    stdin.flush().expect("flush");
    let first: serde_json::Value =
        serde_json::from_str(&lines.next().expect("answer").expect("read")).expect("JSON");
    assert!(
        first["risk"] == "high" || first["risk"] == "critical",
        "{first}"
    );
    writeln!(stdin, r#"{{"email": "Subject: hi\r\n\r\nlunch?"}}"#).expect("write");
    writeln!(stdin, "not json").expect("write");
    writeln!(stdin, r#"{{"text": "a", "channel": "fax"}}"#).expect("write");
    drop(stdin);
    let rest: Vec<serde_json::Value> = lines
        .map(|l| serde_json::from_str(&l.expect("read")).expect("JSON"))
        .collect();
    assert_eq!(rest.len(), 3, "{rest:?}");
    assert_eq!(rest[0]["risk"], "none");
    assert_eq!(rest[1]["error"]["code"], "bad_json");
    assert_eq!(rest[1]["line"], 3);
    assert_eq!(rest[2]["error"]["code"], "bad_channel");
    assert!(child.wait().expect("wait").success());
}

#[test]
fn eval_analyze_prints_the_confusion_matrix() {
    let s = Scratch::new();
    let path = s.0.join("labelled.csv");
    std::fs::write(
        &path,
        "LABEL,TEXT,URL\nham,\"see you, at 7\",No\nsmishing,\"You have won a prize! Call 09061701461 to claim\",No\n",
    )
    .expect("write");
    let registry = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/eval/registry.toml");
    let o = s.run(&[
        "eval",
        "analyze",
        path.to_str().expect("path"),
        "--registry",
        registry,
        "--region",
        "GB",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let row = |label: &str| {
        out.lines()
            .find(|l| l.starts_with(label))
            .map(|l| l.split_whitespace().last().unwrap_or("").to_owned())
    };
    assert_eq!(row("ham").as_deref(), Some("0.0%"), "{out}");
    assert_eq!(row("smishing").as_deref(), Some("100.0%"), "{out}");
    let bad = s.0.join("bad.csv");
    std::fs::write(&bad, "A,B\n1,2\n").expect("write");
    let o = s.run(&[
        "eval",
        "analyze",
        bad.to_str().expect("path"),
        "--registry",
        registry,
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("LABEL,TEXT"));
}

/// The number after `label` in an import report.
fn count(report: &str, label: &str) -> u64 {
    report
        .lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .and_then(|rest| rest.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {label} in {report}"))
}

#[test]
fn import_is_idempotent_and_feeds_verify_and_export() {
    let s = Scratch::new();
    let feed = s.0.join("all.json");
    std::fs::write(
        &feed,
        r#"{"allow": ["ddns.net"], "deny": ["scam-one.io", "scam-two.io", "ddns.net", "bad domain"],
            "denySub": ["twitter.com/FakeSupportDesk"]}"#,
    )
    .expect("feed");
    let feed = feed.display().to_string();
    let first = s.run(&["import", "--format", "polkadot", "--region", "HK", &feed]);
    assert!(first.status.success(), "{first:?}");
    let report = stdout(&first);
    assert_eq!(count(&report, "added"), 3, "{report}");
    assert_eq!(count(&report, "rejected"), 2, "{report}");
    assert!(report.contains("allowlisted: 1"), "{report}");
    let again = s.run(&["import", "--format", "polkadot", &feed]);
    let report = stdout(&again);
    assert_eq!(
        (
            count(&report, "added"),
            count(&report, "updated"),
            count(&report, "unchanged")
        ),
        (0, 0, 3),
        "{report}"
    );
    for (input, verdict) in [
        ("scam-one.io", "reported_scam"),
        ("https://login.scam-two.io/x", "reported_scam"),
        ("x.com/FakeSupportDesk", "reported_scam"),
        ("ddns.net", "unknown"),
        ("example.com", "official"),
    ] {
        let out = s.run(&["verify", "--format", "json", input]);
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(j["verdict"], verdict, "{input}");
    }
    // The source was given region HK: an HK export has the feed's entries, and of the
    // demo entries only the Hong Kong phone number.
    let out = s.run(&["export", "--format", "csv", "--region", "HK"]);
    assert!(out.status.success(), "{out:?}");
    let csv = stdout(&out);
    let mut values: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    values.sort_unstable();
    assert_eq!(
        values,
        [
            "+85255550123",
            "fakesupportdesk",
            "scam-one.io",
            "scam-two.io"
        ],
        "{csv}"
    );
    let path = s.0.join("out.json");
    let out = s.run(&[
        "export",
        "--format",
        "stix2",
        "--output",
        &path.display().to_string(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let bundle: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("output")).expect("json");
    assert_eq!(bundle["type"], "bundle");
    // The bundle imports back: nothing new.
    let out = s.run(&["import", "--format", "stix", &path.display().to_string()]);
    let report = stdout(&out);
    assert_eq!(count(&report, "added"), 0, "{report}");
    assert_eq!(count(&report, "rejected"), 0, "{report}");
}

/// The operator's allowlist: a dry run says what would change and changes nothing; an
/// import names who vouches, turns the impersonations it lists into `unknown`, refuses
/// official channels; entries are listed, removed with a reason, and every change is in
/// the audit log.
#[test]
fn allowlist_is_reviewed_attributed_audited_and_reversible() {
    let s = Scratch::new();
    let verdict = |input: &str| {
        let out = s.run(&["verify", "--format", "json", input]);
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        j["verdict"].as_str().unwrap_or("").to_owned()
    };
    assert_eq!(verdict("examp1e.com"), "impersonation");
    let file = s.0.join("partners.txt");
    std::fs::write(
        &file,
        "# our partners\nexamp1e.com\nexample.com\nnot a domain at all\n",
    )
    .expect("file");
    let file = file.display().to_string();
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "import",
            "--format",
            "allowlist",
            "--by",
            "alice",
            "--note",
            "a partner's site",
        ];
        a.extend_from_slice(extra);
        a
    };
    let mut dry = args(&["--dry-run"]);
    dry.push(&file);
    let out = s.run(&dry);
    assert!(out.status.success(), "{out:?}");
    let report = stdout(&out);
    assert!(
        report.contains("domain:examp1e.com  (was: Example Exchange"),
        "{report}"
    );
    assert_eq!(count(&report, "rejected"), 2, "{report}");
    assert_eq!(verdict("examp1e.com"), "impersonation");

    let mut real = args(&[]);
    real.push(&file);
    let out = s.run(&real);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(count(&stdout(&out), "added"), 1, "{}", stdout(&out));
    assert_eq!(verdict("examp1e.com"), "unknown");
    assert_eq!(verdict("https://login.examp1e.com/x"), "unknown");
    assert_eq!(verdict("examp1e.net"), "impersonation");

    let out = s.run(&["allowlist", "list"]);
    let list = stdout(&out);
    assert!(
        list.contains("domain:examp1e.com") && list.contains("\"alice\""),
        "{list}"
    );
    let out = s.run(&["blocklist", "audit"]);
    assert!(stdout(&out).contains("allowlist.add"), "{}", stdout(&out));

    // Without who vouches, or with feed options, nothing is imported.
    let out = s.run(&["import", "--format", "allowlist", "--note", "x", &file]);
    assert!(!out.status.success());
    let out = s.run(&["import", "--format", "text", "--by", "alice", &file]);
    assert!(!out.status.success());

    let out = s.run(&[
        "allowlist",
        "remove",
        "examp1e.com",
        "--reason",
        "partnership ended",
    ]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(verdict("examp1e.com"), "impersonation");
    let out = s.run(&["blocklist", "audit"]);
    assert!(
        stdout(&out).contains("partnership ended"),
        "{}",
        stdout(&out)
    );
    let out = s.run(&["allowlist", "remove", "examp1e.com", "--reason", "again"]);
    assert!(!out.status.success());
}

#[test]
fn import_refuses_bad_documents_and_arguments() {
    let s = Scratch::new();
    let bad = s.0.join("bad.json");
    std::fs::write(&bad, "[1, 2]").expect("file");
    let out = s.run(&["import", "--format", "metamask", &bad.display().to_string()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid metamask document"));
    let out = s.run(&["import", "--format", "yaml", "x"]);
    assert!(!out.status.success());
    let out = s.run(&["import", "--format", "text", "missing.txt"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read missing.txt"));
}

#[test]
fn registry_is_published_signed_and_verified_offline() {
    let s = Scratch::new();
    let dir = s.0.join("pub");
    let out = s.run(&["registry", "publish", &dir.display().to_string()]);
    assert!(out.status.success(), "{out:?}");
    let file = dir.join("registry.json").display().to_string();
    let sig = dir.join("registry.json.sig").display().to_string();
    let key = dir.join("registry-key").display().to_string();
    let out = s.run(&["registry", "verify", &file, &sig, &key]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("good signature"));
    // The key inline works too, and `key show` prints the same key.
    let shown = stdout(&s.run(&["registry", "key", "show"]));
    let inline = std::fs::read_to_string(dir.join("registry-key")).expect("key");
    assert_eq!(shown.trim(), inline.trim());
    assert!(
        s.run(&["registry", "verify", &file, &sig, inline.trim()])
            .status
            .success()
    );
    // Tampering, or another key, fails.
    let mut text = std::fs::read_to_string(&file).expect("registry");
    text = text.replace("example.com", "examp1e.com");
    let forged = s.0.join("forged.json");
    std::fs::write(&forged, text).expect("forged");
    let out = s.run(&[
        "registry",
        "verify",
        &forged.display().to_string(),
        &sig,
        &key,
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOT verified"));
    let rotated = stdout(&s.run(&["registry", "key", "rotate"]));
    assert_ne!(rotated.trim(), inline.trim());
    assert!(
        !s.run(&["registry", "verify", &file, &sig, rotated.trim()])
            .status
            .success()
    );
}

/// Starts `antiscam serve` on a free port and returns the child and its address.
fn serve(scratch: &Scratch) -> (std::process::Child, String) {
    serve_args(scratch, &[])
}

/// [`serve`] with more arguments before `serve` (e.g. `--database URL`).
fn serve_args(scratch: &Scratch, global: &[&str]) -> (std::process::Child, String) {
    let mut child = scratch
        .command()
        .args(global)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("ANTISCAM_REPORT_RATE", "0")
        .env("RUST_LOG", "warn")
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("serve exited early")
            .expect("stderr line");
        if let Some(rest) = line.strip_prefix("antiscam: serving http://") {
            break rest
                .trim_end_matches(|c| c != '/')
                .trim_end_matches('/')
                .to_owned();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, addr)
}

/// A minimal HTTP/1.1 exchange; returns the status and the body.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    if stream.write_all(request.as_bytes()).is_err() {
        return (0, String::new());
    }
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

#[test]
fn acknowledged_reports_survive_a_killed_server() {
    let scratch = Scratch::new();
    let (mut child, addr) = serve(&scratch);
    // Eight clients post reports concurrently; the server is killed (SIGKILL, no
    // shutdown) as soon as 120 have been acknowledged, with others in flight.
    let (acks, acked) = std::sync::mpsc::channel::<String>();
    let mut clients = Vec::new();
    for c in 0..8 {
        let acks = acks.clone();
        let addr = addr.clone();
        clients.push(std::thread::spawn(move || {
            for i in 0..40 {
                let body =
                    format!(r#"{{"indicators": ["crash-{c}-{i}.example"], "region": "HK"}}"#);
                let (status, body) = http(&addr, "POST", "/v1/reports", &[], &body);
                if status != 201 {
                    return; // the server is gone
                }
                let j: serde_json::Value = serde_json::from_str(&body).expect("json");
                let reference = j["reference"].as_str().expect("reference").to_owned();
                if acks.send(reference).is_err() {
                    return;
                }
            }
        }));
    }
    drop(acks);
    let mut references: Vec<String> = acked.iter().take(120).collect();
    child.kill().expect("kill");
    let _ = child.wait();
    // Acknowledgements that raced the kill count too.
    references.extend(acked.try_iter());
    for c in clients {
        let _ = c.join();
    }
    assert!(references.len() >= 120);

    // Restart on the same file and read every report back as an analyst.
    let key = stdout(&scratch.run(&["keys", "create", "--role", "analyst"]));
    let (mut child, addr) = serve(&scratch);
    let auth = format!("Bearer {}", key.trim());
    let (status, body) = http(
        &addr,
        "GET",
        "/v1/reports?limit=500",
        &[("Authorization", &auth)],
        "",
    );
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(status, 200, "{body}");
    let j: serde_json::Value = serde_json::from_str(&body).expect("json");
    let stored: std::collections::HashSet<&str> = j["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|r| r["reference"].as_str())
        .collect();
    let lost: Vec<&String> = references
        .iter()
        .filter(|r| !stored.contains(r.as_str()))
        .collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged reports lost: {lost:?}",
        lost.len()
    );
}

#[test]
fn campaign_demo_list_create_status_and_stats() {
    let s = Scratch::new();
    // The demo database has the active Hong Kong campaign.
    let o = s.run(&["campaign", "list", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let demo = &list["campaigns"][0];
    assert_eq!(demo["status"], "active");
    assert_eq!(demo["regions"], serde_json::json!(["HK"]));
    assert!(
        demo["partner"]
            .as_str()
            .is_some_and(|p| p.contains("Anti-Deception"))
    );
    assert_eq!(
        demo["variants"][0]["content"]["zh-Hant"]["contacts"][0]["phone"],
        "18222"
    );

    let file = s.0.join("c.json");
    std::fs::write(
        &file,
        serde_json::json!({
            "name": "Singapore test", "partner": "SPF", "regions": ["SG"],
            "starts_at": "2025-01-01T00:00:00Z",
            "variants": [{"key": "a", "content": {"en": {"title": "T", "message": "M"}}}]
        })
        .to_string(),
    )
    .expect("write");
    let o = s.run(&["campaign", "create", file.to_str().expect("path")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout(&o).trim(), "2");
    let o = s.run(&["campaign", "status", "2", "active"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&s.run(&["campaign", "list"]));
    assert!(text.contains("active   SG"), "{text}");

    let o = s.run(&["campaign", "stats", "1", "--format", "json"]);
    assert!(o.status.success());
    let stats: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(stats["exposed"]["screenings"], 0);
    assert!(stats["exposed"]["reconsidered"]["rate"].is_null());
    let text = stdout(&s.run(&["campaign", "stats", "1"]));
    assert!(text.contains("Holdout share of users"), "{text}");

    // Errors name what is wrong.
    std::fs::write(&file, r#"{"name": "x"}"#).expect("write");
    let o = s.run(&["campaign", "create", file.to_str().expect("path")]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("partner: is required"));
    let o = s.run(&["campaign", "status", "1", "live"]);
    assert!(!o.status.success());
    let o = s.run(&["campaign", "stats", "99"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no campaign 99"));
}

/// Synthetic users with known true rates, through the server's screening and outcome
/// code and the store: the measured rates, uplifts and holdout share are covered by
/// their 95 % intervals about 95 % of the time.
#[test]
fn campaign_simulation_recovers_the_truth() {
    let s = Scratch::new();
    let o = s.run(&[
        "campaign", "simulate", "--users", "1500", "--runs", "4", "--format", "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let intervals = j["coverage"]["intervals"].as_u64().expect("intervals");
    let covered = j["coverage"]["covered"].as_u64().expect("covered");
    assert_eq!(intervals, 32);
    // Nominal 95 % (30.4 expected); 26 or fewer would be a real defect.
    assert!(covered >= 27, "{j}");
    for run in j["runs"].as_array().expect("runs") {
        for check in run["checks"].as_array().expect("checks") {
            assert!(check["measured"].is_number(), "{check}");
        }
    }
}

/// POSTs JSON with a blocking HTTP/1.1 request; returns the status and the body.
fn post(addr: &str, path: &str, key: &str, body: &str) -> std::io::Result<(u16, String)> {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(addr)?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Authorization: Bearer {key}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = raw.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    Ok((status, body))
}

/// The server is killed with SIGKILL while screenings are in flight: every screening it
/// had acknowledged is in the database afterwards (group commit answers only after the
/// batch's commit).
#[test]
fn acknowledged_screenings_survive_a_crash() {
    use std::sync::atomic::{AtomicBool, AtomicUsize};
    use std::sync::{Arc, Mutex};

    let s = Scratch::new();
    let o = s.run(&["keys", "create", "--role", "integrator"]);
    assert!(o.status.success());
    let key = stdout(&o).trim().to_owned();
    let mut child = s
        .command()
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("RUST_LOG", "warn")
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let addr = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split("http://").nth(1).map(|a| {
                a.trim_end_matches(|c| c != '/')
                    .trim_end_matches('/')
                    .to_owned()
            })
        })
        .expect("listening address");

    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let sent = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..6)
        .map(|t| {
            let (acked, sent, stop, addr, key) = (
                Arc::clone(&acked),
                Arc::clone(&sent),
                Arc::clone(&stop),
                addr.clone(),
                key.clone(),
            );
            std::thread::spawn(move || {
                for i in 0..10_000 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let body = serde_json::json!({
                        "user": format!("crash-{t}-{i}"), "region": "HK", "asset": "USDT",
                        "network": "ethereum", "amount": "10", "amount_usd": 10.0,
                        "destination": "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd"
                    })
                    .to_string();
                    sent.fetch_add(1, Ordering::Relaxed);
                    match post(&addr, "/v1/withdrawals/screen", &key, &body) {
                        Ok((200, b)) => {
                            let j: serde_json::Value = serde_json::from_str(&b).expect("JSON");
                            let id = j["screening_id"].as_str().expect("id").to_owned();
                            acked.lock().expect("lock").push(id);
                        }
                        // No answer: the server was killed.
                        Ok((0, _)) | Err(_) => break,
                        Ok((status, b)) => panic!("status {status}: {b}"),
                    }
                }
            })
        })
        .collect();
    // Kill once a few hundred screenings were acknowledged, with more in flight.
    while acked.lock().expect("lock").len() < 300 {
        std::thread::yield_now();
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().expect("worker");
    }
    let acked = acked.lock().expect("lock").len() as u64;
    let sent = sent.load(Ordering::Relaxed) as u64;

    // Every screening of a new user is eligible for the demo campaign: the stats count
    // the stored ones.
    let o = s.run(&["campaign", "stats", "1", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let stored = j["exposed"]["screenings"].as_u64().expect("n")
        + j["holdout"]["screenings"].as_u64().expect("n");
    assert!(
        acked <= stored && stored <= sent,
        "acknowledged {acked}, stored {stored}, sent {sent}"
    );
}

/// A key listed again after the first batch of an import is merged into the stored
/// entry, not dropped: the category only the later line gives is kept.
#[test]
fn import_keeps_what_a_later_batch_adds_to_a_key() {
    let s = Scratch::new();
    let feed = s.0.join("late.csv");
    let mut csv = String::from("indicator,categories\nlate-dup.io,phishing\n");
    for i in 0..20_010 {
        csv.push_str(&format!("filler-{i}.io,phishing\n"));
    }
    csv.push_str("late-dup.io,fake_support\n");
    std::fs::write(&feed, csv).expect("feed");
    let out = s.run(&["import", "--format", "csv", feed.to_str().expect("path")]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(count(&stdout(&out), "duplicates"), 1, "{}", stdout(&out));
    let out = s.run(&["verify", "--format", "json", "late-dup.io"]);
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let categories = j["report"]["categories"].to_string();
    assert!(
        categories.contains("phishing") && categories.contains("fake_support"),
        "{j}"
    );
}

#[test]
fn operator_actions_are_audited() {
    let s = Scratch::new();
    let o = s.run(&["keys", "create", "--role", "partner", "--region", "HK"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = s.run(&["keys", "rotate", "1"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rotated = stdout(&o);
    assert!(rotated.trim().starts_with("ask_") && rotated.lines().count() == 1);
    assert!(
        !s.run(&["keys", "rotate", "1"]).status.success(),
        "rotated twice"
    );
    assert!(s.run(&["keys", "revoke", "2"]).status.success());
    let feed = s.0.join("scams.txt");
    std::fs::write(&feed, "scam-one.io\nscam-two.io\n").expect("feed");
    let o = s.run(&["import", "--format", "text", &feed.display().to_string()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = s.run(&["export", "--format", "csv", "--region", "HK"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let audit = stdout(&s.run(&["blocklist", "audit"]));
    for action in ["key.create", "key.rotate", "key.revoke", "import", "export"] {
        assert!(
            audit
                .lines()
                .any(|l| l.split_whitespace().any(|w| w == action) && l.contains("cli")),
            "no {action} record by cli in:\n{audit}"
        );
    }
    assert!(audit.contains(r#""added":2"#), "{audit}");
    assert!(audit.contains(r#""region":"HK""#), "{audit}");
}

/// SIGTERM while one client holds a half-sent request head and another a half-sent
/// body: the server still exits 0 within its shutdown deadline.
#[test]
fn sigterm_exits_in_time_whatever_clients_do() {
    let scratch = Scratch::new();
    let (mut child, addr) = serve(&scratch);
    let mut head = std::net::TcpStream::connect(&addr).expect("connect");
    head.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .expect("write");
    let mut body = std::net::TcpStream::connect(&addr).expect("connect");
    body.write_all(
        b"POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 100\r\n\r\n{\"indic",
    )
    .expect("write");
    // A complete request first, so both connections above are surely accepted.
    assert_eq!(http(&addr, "GET", "/healthz", &[], "").0, 200);
    let started = std::time::Instant::now();
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(term.success());
    let (tx, rx) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let status = child.wait();
        let _ = tx.send(());
        (child, status)
    });
    let exited = rx.recv_timeout(std::time::Duration::from_secs(12)).is_ok();
    assert!(exited, "the server did not exit within 12 s of SIGTERM");
    let (_, status) = waiter.join().expect("waiter");
    assert!(status.expect("status").success(), "exit status");
    assert!(
        started.elapsed() <= std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    drop((head, body));
}

/// The two-person rule at the command line: a proposal is applied only by another
/// admin's key, and a reported scam cannot be proposed without a reason.
#[test]
fn registry_proposals_need_a_second_admin() {
    let s = Scratch::new();
    let key = |role: &str| {
        let o = s.run(&["keys", "create", "--role", role]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o).trim().to_owned()
    };
    let (author, approver, analyst) = (key("admin"), key("admin"), key("analyst"));
    let file = s.0.join("next.toml");
    std::fs::write(
        &file,
        "[[brand]]\nname = \"Example Exchange\"\ndomains = [\"example.com\", \"example-pay.com\"]\n",
    )
    .expect("write");
    let file = file.to_str().expect("utf-8 path");
    let o = s.run(&["registry", "propose", file, "--key", &analyst]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let proposal: serde_json::Value =
        serde_json::from_str(stdout(&o).trim()).expect("proposal json");
    assert_eq!(proposal["state"], "pending");
    let id = proposal["id"].to_string();
    let verdict = |q: &str| {
        let o = s.run(&["verify", "--format", "json", q]);
        let j: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("json");
        j["verdict"].as_str().unwrap_or_default().to_owned()
    };
    assert_ne!(
        verdict("example-pay.com"),
        "official",
        "not before approval"
    );
    let o = s.run(&["registry", "approve", &id, "--key", &analyst]);
    assert!(!o.status.success(), "an analyst cannot approve");
    let o = s
        .command()
        .args(["registry", "approve", &id])
        .env("ANTISCAM_KEY", &approver)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(verdict("example-pay.com"), "official");
    let listed = stdout(&s.run(&["registry", "proposals", "--state", "approved"]));
    assert_eq!(listed.lines().count(), 1);

    // The author of a proposal cannot approve it.
    std::fs::write(
        s.0.join("next2.toml"),
        "[[brand]]\nname = \"Example Exchange\"\ndomains = [\"example.com\"]\n",
    )
    .expect("write");
    let file2 = s.0.join("next2.toml");
    let o = s.run(&[
        "registry",
        "propose",
        file2.to_str().expect("path"),
        "--key",
        &author,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let id2 = serde_json::from_str::<serde_json::Value>(stdout(&o).trim()).expect("json")["id"]
        .to_string();
    let o = s.run(&["registry", "approve", &id2, "--key", &author]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot approve"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = s.run(&["registry", "approve", &id2, "--key", "ask_not-a-key"]);
    assert!(!o.status.success());
    // An analyst withdraws only their own proposals, here as over HTTP.
    let o = s.run(&["registry", "reject", &id2, "--key", &analyst]);
    assert!(
        !o.status.success(),
        "an analyst rejected an admin's proposal"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("only their own"));
    let o = s.run(&["registry", "reject", &id2, "--key", &approver]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// The references of every report in the database at `url`, read through a server.
fn stored_references(scratch: &Scratch, url: &str) -> std::collections::HashSet<String> {
    let key = stdout(&scratch.run(&["--database", url, "keys", "create", "--role", "analyst"]));
    let (mut child, addr) = serve_args(scratch, &["--database", url]);
    let auth = format!("Bearer {}", key.trim());
    let (status, body) = http(
        &addr,
        "GET",
        "/v1/reports?limit=500",
        &[("Authorization", &auth)],
        "",
    );
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(status, 200, "{body}");
    let j: serde_json::Value = serde_json::from_str(&body).expect("json");
    j["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|r| r["reference"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn backup_of_a_running_server_under_writes_restores_every_acknowledged_report() {
    let scratch = Scratch::new();
    let (mut child, addr) = serve(&scratch);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (acks, acked) = std::sync::mpsc::channel::<String>();
    let mut clients = Vec::new();
    for c in 0..4 {
        let (acks, addr, stop) = (acks.clone(), addr.clone(), stop.clone());
        clients.push(std::thread::spawn(move || {
            for i in 0..100 {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let body =
                    format!(r#"{{"indicators": ["backup-{c}-{i}.example"], "region": "HK"}}"#);
                let (status, body) = http(&addr, "POST", "/v1/reports", &[], &body);
                assert_eq!(status, 201, "{body}");
                let j: serde_json::Value = serde_json::from_str(&body).expect("json");
                let _ = acks.send(j["reference"].as_str().expect("reference").to_owned());
            }
        }));
    }
    drop(acks);
    // Once 60 are acknowledged, back up while the writers go on.
    let mut before: Vec<String> = acked.iter().take(60).collect();
    before.extend(acked.try_iter());
    let backup = scratch.0.join("backup.db");
    let o = scratch.run(&["backup", &backup.display().to_string()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("integrity ok"), "{}", stdout(&o));
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().expect("client");
    }
    let after: Vec<String> = acked.try_iter().collect();
    #[cfg(unix)]
    assert_eq!(mode(&backup), 0o600, "the backup is private");
    // A backup never overwrites.
    let o = scratch.run(&["backup", &backup.display().to_string()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("exists"));

    // Restore into a fresh path: every report acknowledged before the backup is there.
    let fresh = scratch.0.join("restored.db");
    let fresh_url = format!("sqlite:{}", fresh.display());
    let o = scratch.run(&[
        "--database",
        &fresh_url,
        "restore",
        &backup.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    #[cfg(unix)]
    assert_eq!(mode(&fresh), 0o600, "the restored database is private");
    let stored = stored_references(&scratch, &fresh_url);
    let lost: Vec<&String> = before.iter().filter(|r| !stored.contains(*r)).collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged reports missing: {lost:?}",
        lost.len()
    );
    assert!(stored.len() >= before.len());
    assert!(stored.len() <= before.len() + after.len() + 4);
    // The restore is audited in the restored database.
    let audit = stdout(&scratch.run(&["--database", &fresh_url, "blocklist", "audit"]));
    assert!(
        audit
            .lines()
            .any(|l| l.contains("restore") && l.contains("cli")),
        "{audit}"
    );

    // An existing database is replaced only with --force, and never while in use.
    let o = scratch.run(&["restore", &backup.display().to_string()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let o = scratch.run(&["restore", "--force", &backup.display().to_string()]);
    assert!(!o.status.success(), "replaced a database in use");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("in use"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    child.kill().expect("kill");
    let _ = child.wait();
    let o = scratch.run(&["restore", "--force", &backup.display().to_string()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".replaced-"));

    // Not a database, or not an antiscam one: refused before anything is touched.
    let junk = scratch.0.join("junk.db");
    std::fs::write(&junk, vec![7u8; 8192]).expect("junk");
    let o = scratch.run(&[
        "--database",
        &format!("sqlite:{}", scratch.0.join("x.db").display()),
        "restore",
        &junk.display().to_string(),
    ]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not a SQLite database"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!scratch.0.join("x.db").exists());
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// An older version's database: the three secrets in `meta`.
#[test]
fn secrets_move_from_an_old_database_to_a_private_key_file() {
    let s = Scratch::new();
    let url = format!("sqlite:{}", s.0.join("t.db").display());
    runtime().block_on(async {
        let store = store::open(&url).await.expect("store");
        for (meta, byte) in [
            ("reporter_hmac_key", 1u8),
            ("pseudonym_key", 2),
            ("registry_signing_key", 3),
        ] {
            store
                .set_meta(meta, &hex::encode([byte; 32]))
                .await
                .expect("meta");
        }
        store.close().await;
    });
    let o = s.run(&["registry", "key", "show"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The signing key is the one the database had.
    let seed = [3u8; 32];
    assert_eq!(
        stdout(&o).trim(),
        service::signing::public_key_hex(&seed),
        "the signing key moved"
    );
    let key_file = s.0.join("antiscam.keys");
    #[cfg(unix)]
    assert_eq!(mode(&key_file), 0o600, "the key file is private");
    let loaded = secrets::Secrets::load(&key_file, 0).expect("key file");
    assert_eq!(
        loaded.ring(secrets::Purpose::Reporter).current().secret(),
        &[1; 32]
    );
    assert_eq!(
        loaded.ring(secrets::Purpose::User).current().secret(),
        &[2; 32]
    );
    assert_eq!(loaded.ring(secrets::Purpose::User).current().id(), 1);
    runtime().block_on(async {
        let store = store::open(&url).await.expect("store");
        for meta in ["reporter_hmac_key", "pseudonym_key", "registry_signing_key"] {
            assert_eq!(
                store.get_meta(meta).await.expect("meta"),
                None,
                "{meta} left the database"
            );
        }
        store.close().await;
    });
    // No secret bytes remain in the database files.
    for file in ["t.db", "t.db-wal"] {
        if let Ok(bytes) = std::fs::read(s.0.join(file)) {
            for secret in [
                hex::encode([1u8; 32]),
                hex::encode([2u8; 32]),
                hex::encode([3u8; 32]),
            ] {
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "{file} still holds a secret"
                );
            }
        }
    }
    let audit = stdout(&s.run(&["blocklist", "audit"]));
    assert!(audit.contains("secrets.move"), "{audit}");

    // A database secret the existing key file lacks is refused, not overwritten.
    runtime().block_on(async {
        let store = store::open(&url).await.expect("store");
        store
            .set_meta("pseudonym_key", &hex::encode([4u8; 32]))
            .await
            .expect("meta");
        store.close().await;
    });
    let o = s.run(&["secrets", "show"]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("still holds the user key"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    runtime().block_on(async {
        let store = store::open(&url).await.expect("store");
        store.delete_meta("pseudonym_key").await.expect("meta");
        store.close().await;
    });

    // A key file others can read is refused, with the fix.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let o = s.run(&["registry", "key", "show"]);
        assert!(!o.status.success());
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("chmod 600"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    // Secrets from the environment instead of the file.
    let generated = stdout(&s.run(&["secrets", "generate"]));
    let o = s
        .command()
        .env("ANTISCAM_SECRETS", &generated)
        .env(
            "ANTISCAM_DATABASE_URL",
            format!("sqlite:{}", s.0.join("env.db").display()),
        )
        .args(["secrets", "show"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("ANTISCAM_SECRETS"), "{}", stdout(&o));
    assert!(
        !stdout(&o).contains(&generated[generated.len() - 80..]),
        "no secret shown"
    );
}

#[test]
fn rotated_keys_keep_pseudonyms_linkable_and_servers_pick_them_up() {
    let s = Scratch::new();
    let url = format!("sqlite:{}", s.0.join("t.db").display());
    let key = stdout(&s.run(&["keys", "create", "--role", "integrator"]));
    let key = key.trim();
    let (mut child, addr) = serve(&s);
    let screen = |user: &str| {
        let body = format!(
            r#"{{"user": "{user}", "region": "HK", "locale": "en", "asset": "USDT",
            "network": "ethereum", "amount": "50", "amount_usd": 50,
            "destination": "0x52908400098527886E0F7030069857D2E4169EE7"}}"#
        );
        let (status, body) = post(&addr, "/v1/withdrawals/screen", key, &body).expect("post");
        assert_eq!(status, 200, "{body}");
    };
    screen("u-old");
    let public_before = http(&addr, "GET", "/.well-known/antiscam/registry-key", &[], "").1;

    for purpose in ["pseudonyms", "signing"] {
        let o = s.run(&["secrets", "rotate", purpose]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let show = stdout(&s.run(&["secrets", "show"]));
    for purpose in ["reporter", "user", "signing"] {
        let lines: Vec<&str> = show.lines().filter(|l| l.starts_with(purpose)).collect();
        assert_eq!(lines.len(), 2, "{show}");
        assert!(
            lines[1].contains("current") && !lines[0].contains("current"),
            "{show}"
        );
    }
    // The running server uses the new keys within a second.
    std::thread::sleep(std::time::Duration::from_millis(1_200));
    let public_after = http(&addr, "GET", "/.well-known/antiscam/registry-key", &[], "").1;
    assert_ne!(
        public_before, public_after,
        "the server signs with the new key"
    );
    screen("u-old");
    screen("u-new");
    child.kill().expect("kill");
    let _ = child.wait();

    let keys = secrets::Secrets::load(&s.0.join("antiscam.keys"), 0).expect("key file");
    let ring = keys.ring(secrets::Purpose::User);
    let old = ring.get(1).expect("key 1");
    let new = ring.get(2).expect("key 2");
    runtime().block_on(async {
        let store = store::open(&url).await.expect("store");
        let c = store.campaigns();
        let under = |k: &secrets::Key, user: &str| campaign::pseudonymize(k.secret(), user);
        // The known user keeps the pseudonym of the old key; the new one gets the new key.
        assert_eq!(
            c.known_user(&[under(old, "u-old")]).await.expect("q"),
            Some(0)
        );
        assert_eq!(c.known_user(&[under(new, "u-old")]).await.expect("q"), None);
        assert_eq!(
            c.known_user(&[under(new, "u-new")]).await.expect("q"),
            Some(0)
        );
        assert_eq!(c.known_user(&[under(old, "u-new")]).await.expect("q"), None);
        store.close().await;
    });
    let audit = stdout(&s.run(&["blocklist", "audit"]));
    for purpose in ["reporter", "user", "signing"] {
        assert!(
            audit.lines().any(|l| l.contains("secrets.rotate")
                && l.contains("cli")
                && l.contains(&format!("secret:{purpose}"))),
            "{audit}"
        );
    }
}

#[test]
fn registry_verify_refuses_weak_keys() {
    let s = Scratch::new();
    let file = s.0.join("registry.json");
    std::fs::write(&file, "{}").expect("write");
    // The identity point as the key and (R = identity, S = 0) as the signature: the
    // lax check accepts it for any message.
    let key = format!("01{}", "00".repeat(31));
    let sig = format!("01{}", "00".repeat(63));
    let o = s.run(&[
        "registry",
        "verify",
        &file.display().to_string(),
        &sig,
        &key,
    ]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("weak"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Read-only commands never create a database or a key file where there is none: they
/// check against the demo data (or `--registry`).
#[test]
fn read_only_commands_create_nothing() {
    let s = Scratch::new();
    let o = s.run(&["verify", "--format", "json", "examp1e.com"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("json");
    assert_eq!(j["verdict"], "impersonation", "the demo registry: {j}");
    let o = s
        .command()
        .args(["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin
                .take()
                .expect("stdin")
                .write_all(b"send your seed phrase to examp1e.com")?;
            c.wait_with_output()
        })
        .expect("analyze");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let left: Vec<_> = std::fs::read_dir(&s.0)
        .expect("scratch")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(left.is_empty(), "read-only commands left {left:?}");
}

/// `antiscam … | head`: a reader that stops early ends the command quietly (the status
/// a shell gives a process ended by SIGPIPE), never with a panic, whichever way the
/// command writes (`verify -` through its own handle, `allowlist list` with `print!`).
#[test]
fn a_reader_that_stops_early_is_no_panic() {
    let s = Scratch::new();
    // Enough allowlist entries that the output outgrows a pipe's buffer.
    let mut list = String::new();
    for i in 0..1_000 {
        list.push_str(&format!("partner-{i}.example\n"));
    }
    std::fs::write(s.0.join("allow.txt"), &list).expect("allowlist");
    let o = s.run(&[
        "import",
        "--format",
        "allowlist",
        "--by",
        "tester",
        "--note",
        "a test",
        "allow.txt",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for args in [
        &["verify", "--format", "json", "-"][..],
        &["allowlist", "list"][..],
    ] {
        let mut child = s
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        let input = list.clone();
        let feeder = std::thread::spawn(move || {
            // `verify -` reads these; `allowlist list` reads nothing (a closed stdin
            // is no error for it). Writes fail once the command has ended.
            for _ in 0..20 {
                if stdin.write_all(input.as_bytes()).is_err() {
                    break;
                }
            }
        });
        let mut first = String::new();
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        reader.read_line(&mut first).expect("first line");
        assert!(!first.is_empty(), "{args:?} printed nothing");
        drop(reader);
        let o = child.wait_with_output().expect("wait");
        feeder.join().expect("feeder");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(o.status.code(), Some(141), "{args:?}: {stderr}");
    }
}

/// `antiscam triage` acts with the analyst's own key: a confirmation that would list
/// an indicator waits for a second analyst, its author cannot approve it, and the
/// approval changes what Verify answers.
#[test]
fn triage_from_the_command_line_keeps_the_two_person_rule() {
    let s = Scratch::new();
    let (mut child, addr) = serve(&s);
    let report = r#"{"indicators": ["queue-scam.example"], "region": "HK",
        "contact": {"consent": true, "detail": "me@example.org"}}"#;
    let (status, body) = http(&addr, "POST", "/v1/reports", &[], report);
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(status, 201, "{body}");
    let lines = |o: &Output| -> Vec<serde_json::Value> {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(o)
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect()
    };
    let verdict = |q: &str| {
        let o = s.run(&["verify", "--format", "json", q]);
        let j: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("json");
        j["verdict"].as_str().unwrap_or_default().to_owned()
    };

    let queue = lines(&s.run(&["triage", "queue", "--state", "new"]));
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0]["key"], "domain:queue-scam.example", "{queue:?}");
    let shown = s.run(&["triage", "show", "queue-scam.example"]);
    assert!(
        !stdout(&shown).contains("me@example.org"),
        "a contact shown"
    );
    assert_eq!(lines(&shown).len(), 2, "the group and its one report");

    let key = |role: &[&str]| {
        let o = s.run(&[&["keys", "create", "--role"], role].concat());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o).trim().to_owned()
    };
    let (author, second, partner) = (
        key(&["analyst"]),
        key(&["analyst"]),
        key(&["partner", "--region", "HK"]),
    );
    let o = s.run(&[
        "triage",
        "act",
        "queue-scam.example",
        "confirm",
        "--key",
        &partner,
    ]);
    assert!(!o.status.success(), "a partner triaged");
    let o = s.run(&[
        "triage",
        "act",
        "queue-scam.example",
        "confirm",
        "--key",
        "ask_nope",
    ]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown or revoked"));
    let o = s.run(&[
        "triage",
        "act",
        "queue-scam.example",
        "bless",
        "--key",
        &author,
    ]);
    assert!(!o.status.success(), "an unknown action was accepted");

    let o = s.run(&[
        "triage",
        "act",
        "queue-scam.example",
        "confirm",
        "--key",
        &author,
    ]);
    let pending = lines(&o);
    assert_eq!(pending[0]["state"], "pending", "{pending:?}");
    let id = pending[0]["id"].to_string();
    assert_eq!(
        verdict("queue-scam.example"),
        "unknown",
        "listed before review"
    );
    let listed = lines(&s.run(&["triage", "decisions"]));
    assert_eq!(listed.len(), 1, "{listed:?}");

    let o = s.run(&["triage", "approve", &id, "--key", &author]);
    assert!(
        !o.status.success(),
        "the author approved their own decision"
    );
    let o = s
        .command()
        .args(["triage", "approve", &id])
        .env("ANTISCAM_KEY", &second)
        .output()
        .expect("run");
    let decided = lines(&o);
    assert_eq!(decided[0]["decision"]["state"], "approved", "{decided:?}");
    assert_eq!(decided[0]["blocklist_changed"], true, "{decided:?}");
    assert_ne!(verdict("queue-scam.example"), "unknown");
    let audit = stdout(&s.run(&["blocklist", "audit"]));
    assert!(audit.contains("queue-scam.example"), "{audit}");
}
