#!/usr/bin/env python3
"""Signed webhooks under outages and restarts: the figures of issue 15.

    cargo build --release -p antiscam
    python3 scripts/webhooks_bench.py [--binary target/release/antiscam] [--decisions 300]

Runs `antiscam serve` (release, one scratch SQLite database, loopback, rate limits
off, private targets allowed), a receiver in this process that checks every
signature (Standard Webhooks, from the header values), and an analyst who confirms
`--decisions` reported domains through the API at a steady pace, each approved by a
second analyst (the two-person rule: the events come from the approval). Meanwhile the
receiver goes down 10 times (answering 503 for 2 s) and the server is restarted 5
times (SIGTERM, then started again on the same database). Each decision's latency is
from the second analyst's approval request to the receiver's first 2xx of its
`listing.confirmed` event (which often comes before the approval's answer).
At the end it waits (at most 120 s) for every expected event and reports p50, p99,
the events lost (expected and never received), duplicates and bad signatures. An
event decided while the receiver is down must wait for it: `while_down` gives, for
those decisions, the time from the receiver's return to the event (what the sender
adds), and `while_up` the latency of the others.
Standard library only.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import http.server
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time


def request(port, method, path, body=None, key=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = "Bearer " + key
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers=headers)
        r = conn.getresponse()
        return r.status, r.read()
    except OSError:
        return 0, b""
    finally:
        conn.close()


def start(binary, env):
    p = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0"], env=env,
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in p.stderr:
        if line.startswith("antiscam: serving http://"):
            port = int(line.split(":")[-1].split("/")[0])
            threading.Thread(target=lambda: [None for _ in p.stderr], daemon=True).start()
            return p, port
    raise SystemExit("the server did not start")


class Receiver:
    def __init__(self):
        self.up = True
        self.secret = None
        self.lock = threading.Lock()
        self.arrived = {}  # (indicator, type) -> first arrival (monotonic)
        self.ids = {}  # webhook-id -> count
        self.bad = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if not outer.up:
                    self.send_response(503)
                    self.end_headers()
                    return
                now = time.monotonic()
                mid = self.headers.get("webhook-id", "")
                ts = self.headers.get("webhook-timestamp", "")
                sig = self.headers.get("webhook-signature", "")
                key = base64.b64decode(outer.secret[len("whsec_"):])
                mac = hmac.new(key, f"{mid}.{ts}.".encode() + body, hashlib.sha256).digest()
                ok = any(s == "v1," + base64.b64encode(mac).decode() for s in sig.split(" "))
                event = json.loads(body)
                with outer.lock:
                    if not ok:
                        outer.bad += 1
                    outer.ids[mid] = outer.ids.get(mid, 0) + 1
                    k = (event["data"].get("indicator"), event["type"])
                    outer.arrived.setdefault(k, now)
                self.send_response(204)
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="target/release/antiscam")
    ap.add_argument("--decisions", type=int, default=300)
    ap.add_argument("--pace", type=float, default=0.1, help="seconds between decisions")
    ap.add_argument("--outages", type=int, default=10)
    ap.add_argument("--restarts", type=int, default=5)
    args = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="antiscam-webhooks-")
    env = dict(os.environ, ANTISCAM_DATABASE_URL="sqlite:" + os.path.join(scratch, "wh.db"),
               ANTISCAM_KEY_FILE=os.path.join(scratch, "antiscam.keys"),
               ANTISCAM_RATE_LIMITS="off", ANTISCAM_DEMO="false", RUST_LOG="error",
               ANTISCAM_TRUSTED_PROXIES="", ANTISCAM_WEBHOOK_ALLOW_PRIVATE="true")

    def key(role):
        out = subprocess.run([args.binary, "keys", "create", "--role", role], env=env,
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()

    admin, analyst, second = key("admin"), key("analyst"), key("analyst")
    receiver = Receiver()
    server, port = start(args.binary, env)
    status, body = request(port, "POST", "/v1/webhooks", {
        "url": f"http://127.0.0.1:{receiver.port}/hook",
        "events": ["listing.created", "listing.confirmed"]}, admin)
    if status != 201:
        raise SystemExit(f"subscribe: {status} {body!r}")
    receiver.secret = json.loads(body)["secret"]

    n = args.decisions
    outage_at = {int(n * (i + 0.5) / args.outages) for i in range(args.outages)}
    restart_at = {int(n * (i + 0.75) / args.restarts) for i in range(args.restarts)}
    decided = {}  # indicator -> monotonic time of the triage answer
    outages = restarts = 0
    outage_end = 0.0
    windows = []  # [start, end] of each outage (monotonic)
    for i in range(n):
        now = time.monotonic()
        if not receiver.up and now >= outage_end:
            receiver.up = True
            windows[-1].append(now)
        if i in outage_at:
            receiver.up = False
            outage_end = now + 2.0
            windows.append([now])
            outages += 1
        if i in restart_at:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            server, port = start(args.binary, env)
            restarts += 1
        domain = f"scam-{i}.example"
        status, body = request(port, "POST", "/v1/reports",
                               {"indicators": [domain], "region": "HK"})
        if status != 201:
            raise SystemExit(f"report: {status} {body!r}")
        status, body = request(port, "POST", f"/v1/triage/{domain}", {"action": "confirm"},
                               analyst)
        if status != 202:
            raise SystemExit(f"triage: {status} {body!r}")
        decision = json.loads(body)["id"]
        sent = time.monotonic()
        status, body = request(port, "POST", f"/v1/triage-decisions/{decision}/approve", {},
                               second)
        if status != 200:
            raise SystemExit(f"approve: {status} {body!r}")
        # From the approval's request (the event often arrives before its answer).
        decided[f"domain:{domain}"] = sent
        time.sleep(args.pace)
    if not receiver.up:
        windows[-1].append(time.monotonic())
    receiver.up = True
    deadline = time.monotonic() + 120
    expected = [(k, t) for k in decided for t in ("listing.created", "listing.confirmed")]
    while time.monotonic() < deadline:
        with receiver.lock:
            if all(e in receiver.arrived for e in expected):
                break
        time.sleep(0.2)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    with receiver.lock:
        lost = [e for e in expected if e not in receiver.arrived]
        latencies = [receiver.arrived[(k, "listing.confirmed")] - t
                     for k, t in decided.items() if (k, "listing.confirmed") in receiver.arrived]
        duplicates = sum(c - 1 for c in receiver.ids.values())
        bad = receiver.bad
        after_back, while_up = [], []
        for k, t in decided.items():
            at = receiver.arrived.get((k, "listing.confirmed"))
            if at is None:
                continue
            down = [end for start, end in windows if start <= t < end]
            if down:
                after_back.append(at - down[0])
            else:
                while_up.append(at - t)

    def summary(values):
        if not values:
            return None
        return {"n": len(values), "p50_s": round(percentile(values, 50), 3),
                "p99_s": round(percentile(values, 99), 3), "max_s": round(max(values), 3)}
    print(json.dumps({
        "decisions": n, "events_expected": len(expected), "events_lost": len(lost),
        "receiver_outages": outages, "server_restarts": restarts,
        "p50_s": round(percentile(latencies, 50), 3) if latencies else None,
        "p99_s": round(percentile(latencies, 99), 3) if latencies else None,
        "max_s": round(max(latencies), 3) if latencies else None,
        "duplicates": duplicates, "bad_signatures": bad,
        "while_down": summary(after_back), "while_up": summary(while_up),
    }, indent=1))
    return 1 if lost or bad else 0


if __name__ == "__main__":
    sys.exit(main())
