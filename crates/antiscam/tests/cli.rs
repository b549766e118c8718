//! The `antiscam` binary as a user runs it: a fresh SQLite file per test, real processes.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

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

/// Starts `antiscam serve` on a free port and returns the child and its address.
fn serve(scratch: &Scratch) -> (std::process::Child, String) {
    let mut child = scratch
        .command()
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
