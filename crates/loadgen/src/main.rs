//! `loadgen`: the screening load of the benchmarks (`scripts/nodes_bench.sh`), cheaper
//! than `wrk` with `scripts/screen.lua` and with exact pacing.
//!
//! ```text
//! ANTISCAM_KEY=ask_… loadgen --url http://127.0.0.1:28601 [--url …] \
//!     [--connections 8] [--seconds 15] [--rate 2000] [--seed 1]
//! ```
//!
//! It sends `POST /v1/withdrawals/screen` with the request mix of `scripts/screen.lua`
//! (100,000 distinct users, one withdrawal in ten to a new destination, one in fifty
//! after a recent security change, amounts 10-5,000), each connection on a thread of its
//! own with blocking sockets: a request costs a few microseconds of formatting and two
//! system calls, where `wrk`'s Lua builds each body with `string.format` and
//! `math.random` on the cores it measures.
//!
//! - **Closed loop** (no `--rate`): each connection sends its next request as soon as it
//!   has the answer; latency runs from the send.
//! - **Open loop** (`--rate R`, requests per second over all URLs): request *i* of a URL
//!   is due at `start + i / (R / URLs)`; a free connection takes the next due request,
//!   sleeps until it is due and sends it. Latency runs from the **due** time, so a
//!   request that waited for a connection (the server fell behind) counts its wait
//!   (no coordinated omission), and the achieved rate is R unless the server cannot
//!   keep up.
//!
//! Prints, per URL and combined: requests per second, latency percentiles, answers
//! other than `200` and I/O errors, then the generator's own CPU time.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What the command line asked for.
struct Args {
    urls: Vec<String>,
    connections: usize,
    seconds: u64,
    rate: f64,
    seed: u64,
    key: String,
}

fn usage() -> String {
    "usage: loadgen --url http://HOST:PORT [--url …] [--connections N (per URL, 8)] \
     [--seconds S (15)] [--rate R (requests/s over all URLs; none: closed loop)] \
     [--seed N]; the API key in ANTISCAM_KEY"
        .to_owned()
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        urls: Vec::new(),
        connections: 8,
        seconds: 15,
        rate: 0.0,
        seed: 1,
        key: std::env::var("ANTISCAM_KEY").unwrap_or_default(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(usage)?;
        let bad = |_| format!("bad value for {flag}: {value}");
        match flag.as_str() {
            "--url" => args.urls.push(value.clone()),
            "--connections" => args.connections = value.parse().map_err(bad)?,
            "--seconds" => args.seconds = value.parse().map_err(bad)?,
            "--rate" => args.rate = value.parse().map_err(|_| format!("bad rate {value}"))?,
            "--seed" => args.seed = value.parse().map_err(bad)?,
            _ => return Err(usage()),
        }
    }
    if args.urls.is_empty() || args.connections == 0 || args.seconds == 0 {
        return Err(usage());
    }
    Ok(args)
}

/// `host:port` of an `http://host:port[/]` URL.
fn authority(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("not an http:// URL: {url}"))?;
    Ok(rest.trim_end_matches('/').to_owned())
}

/// xorshift64*: fast, and good enough to draw users and amounts.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Never zero; spread nearby seeds apart.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi` (like Lua's `math.random(lo, hi)`).
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

const DESTINATIONS: [&str; 3] = [
    "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd",
    "0x1111111111111111111111111111111111111111",
    "0x2222222222222222222222222222222222222222",
];

/// Writes one screening request (head and body) into `out`, drawn as
/// `scripts/screen.lua` draws it.
fn write_request(out: &mut Vec<u8>, body: &mut Vec<u8>, rng: &mut Rng, host: &str, key: &str) {
    let user = rng.between(1, 100_000);
    let new = rng.between(1, 10) == 1;
    let change = if rng.between(1, 50) == 1 {
        ", \"security_change_hours\": 5"
    } else {
        ""
    };
    let amount = rng.between(10, 5000);
    let amount_usd = rng.between(10, 5000);
    let destination = DESTINATIONS[usize::try_from(rng.between(0, 2)).unwrap_or(0)];
    body.clear();
    // Writing into a Vec cannot fail.
    let _ = write!(
        body,
        "{{\"user\": \"user-{user}\", \"region\": \"HK\", \"locale\": \"zh-Hant\", \
         \"asset\": \"USDT\", \"network\": \"ethereum\", \"amount\": \"{amount}.50\", \
         \"amount_usd\": {amount_usd}.5, \"destination\": \"{destination}\", \
         \"context\": {{\"new_destination\": {new}, \"account_age_days\": 400, \
         \"median_withdrawal_usd_90d\": 300{change}, \"recent_counterparties\": [\"{}\"]}}}}",
        DESTINATIONS[0]
    );
    out.clear();
    let _ = write!(
        out,
        "POST /v1/withdrawals/screen HTTP/1.1\r\nHost: {host}\r\n\
         Authorization: Bearer {key}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    out.extend_from_slice(body);
}

/// Reads one HTTP/1.1 response with a `Content-Length` from `stream`; returns its
/// status and body.
fn read_response<'b>(
    stream: &mut TcpStream,
    buf: &'b mut Vec<u8>,
) -> std::io::Result<(u16, &'b [u8])> {
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "bad response head");
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| bad())?;
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .ok_or_else(bad)?;
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok((status, &buf[head_end..head_end + length]))
}

/// What one connection saw.
#[derive(Default)]
struct Tally {
    /// Latencies of `200` answers, in microseconds.
    latencies: Vec<u32>,
    other_status: u64,
    errors: u64,
    samples: Vec<String>,
}

/// The shared schedule of one URL in the open loop.
struct Schedule {
    start: Instant,
    end: Instant,
    /// Nanoseconds between two requests of this URL; zero: closed loop.
    interval_ns: f64,
    next: AtomicU64,
}

fn connection(host: &str, key: &str, seed: u64, schedule: &Schedule) -> Tally {
    let mut tally = Tally::default();
    let mut rng = Rng::new(seed);
    let (mut request, mut body, mut buf) = (Vec::new(), Vec::new(), Vec::new());
    let mut stream: Option<TcpStream> = None;
    let now = Instant::now();
    if schedule.start > now {
        std::thread::sleep(schedule.start - now);
    }
    loop {
        let due = if schedule.interval_ns > 0.0 {
            let i = schedule.next.fetch_add(1, Ordering::Relaxed);
            // Precision is not at stake: i stays far below 2^52.
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
            let offset = Duration::from_nanos((i as f64 * schedule.interval_ns) as u64);
            let due = schedule.start + offset;
            if due >= schedule.end {
                break;
            }
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
            due
        } else {
            let now = Instant::now();
            if now >= schedule.end {
                break;
            }
            now
        };
        write_request(&mut request, &mut body, &mut rng, host, key);
        if stream.is_none() {
            match TcpStream::connect(host) {
                Ok(s) => {
                    let _ = s.set_nodelay(true);
                    stream = Some(s);
                }
                Err(e) => {
                    tally.errors += 1;
                    if tally.samples.len() < 3 {
                        tally.samples.push(format!("connect: {e}"));
                    }
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
            }
        }
        let Some(s) = stream.as_mut() else { continue };
        let answer = s
            .write_all(&request)
            .and_then(|()| read_response(s, &mut buf).map(|(st, b)| (st, b.to_vec())));
        match answer {
            Ok((200, _)) => {
                let micros = due.elapsed().as_micros();
                tally
                    .latencies
                    .push(u32::try_from(micros).unwrap_or(u32::MAX));
            }
            Ok((status, body)) => {
                tally.other_status += 1;
                if tally.samples.len() < 3 {
                    tally.samples.push(format!(
                        "status {status}: {}",
                        String::from_utf8_lossy(&body)
                    ));
                }
            }
            Err(e) => {
                tally.errors += 1;
                if tally.samples.len() < 3 {
                    tally.samples.push(format!("i/o: {e}"));
                }
                stream = None;
            }
        }
    }
    tally
}

/// Prints one line of figures for `tallies` over `seconds`.
fn report(name: &str, tallies: &[&Tally], seconds: u64) {
    let mut all: Vec<u32> = tallies
        .iter()
        .flat_map(|t| t.latencies.iter().copied())
        .collect();
    all.sort_unstable();
    let other: u64 = tallies.iter().map(|t| t.other_status).sum();
    let errors: u64 = tallies.iter().map(|t| t.errors).sum();
    let pct = |p: f64| -> f64 {
        if all.is_empty() {
            return 0.0;
        }
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let i = ((p * all.len() as f64).ceil() as usize).clamp(1, all.len()) - 1;
        f64::from(all[i]) / 1000.0
    };
    #[allow(clippy::cast_precision_loss)]
    let rate = all.len() as f64 / seconds as f64;
    println!(
        "{name}: {} ok, {rate:.0} requests/s; latency ms p50 {:.2} p90 {:.2} p99 {:.2} \
         p99.9 {:.2} max {:.2}; non-200 {other}, i/o errors {errors}",
        all.len(),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(0.999),
        pct(1.0),
    );
    for t in tallies {
        for s in &t.samples {
            println!("  {s}");
        }
    }
}

/// This process's CPU time (user + system), in seconds, from `/proc/self/stat`.
fn own_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the line: 12 and 13 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Clock ticks are 100 a second on Linux.
    #[allow(clippy::cast_precision_loss)]
    Some(ticks as f64 / 100.0)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let hosts: Vec<String> = match args.urls.iter().map(|u| authority(u)).collect() {
        Ok(hosts) => hosts,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let start = Instant::now() + Duration::from_millis(100);
    let end = start + Duration::from_secs(args.seconds);
    #[allow(clippy::cast_precision_loss)]
    let per_url = args.rate / hosts.len() as f64;
    let key: Arc<str> = Arc::from(args.key.as_str());
    let mut handles = Vec::new();
    for (u, host) in hosts.iter().enumerate() {
        let schedule = Arc::new(Schedule {
            start,
            end,
            interval_ns: if per_url > 0.0 { 1e9 / per_url } else { 0.0 },
            next: AtomicU64::new(0),
        });
        for c in 0..args.connections {
            let (host, key, schedule) = (host.clone(), Arc::clone(&key), Arc::clone(&schedule));
            let seed = args.seed ^ ((u as u64) << 32 | c as u64).wrapping_add(1);
            handles.push((
                u,
                std::thread::spawn(move || connection(&host, &key, seed, &schedule)),
            ));
        }
    }
    let mut tallies: Vec<(usize, Tally)> = Vec::new();
    for (u, h) in handles {
        match h.join() {
            Ok(t) => tallies.push((u, t)),
            Err(_) => eprintln!("a connection thread panicked"),
        }
    }
    let mode = if args.rate > 0.0 {
        format!("open loop at {} requests/s", args.rate)
    } else {
        "closed loop".to_owned()
    };
    println!(
        "loadgen: {mode}, {} connections per URL, {} s",
        args.connections, args.seconds
    );
    for (u, url) in args.urls.iter().enumerate() {
        let mine: Vec<&Tally> = tallies
            .iter()
            .filter(|(i, _)| *i == u)
            .map(|(_, t)| t)
            .collect();
        report(url, &mine, args.seconds);
    }
    if args.urls.len() > 1 {
        let all: Vec<&Tally> = tallies.iter().map(|(_, t)| t).collect();
        report("combined", &all, args.seconds);
    }
    if let Some(cpu) = own_cpu_seconds() {
        println!("loadgen CPU: {cpu:.2} s");
    }
}
