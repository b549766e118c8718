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
