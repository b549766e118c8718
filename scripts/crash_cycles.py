#!/usr/bin/env python3
"""Kill the server while it writes, restart it, and check that nothing acknowledged
was lost: the "20 SIGKILL/restart cycles under mixed writes" figure of issue 10.

    cargo build --release -p antiscam
    python3 scripts/crash_cycles.py [--binary target/release/antiscam] [--cycles 20]

Each cycle starts `antiscam serve` on one scratch SQLite database (loopback only, rate
limits off), runs four writers at once (public reports, withdrawal screenings, outcomes
of acknowledged screenings, registry proposals), kills the server with SIGKILL after a
random 0.5 to 2 s, and then reads the database file: every write that was answered
2xx must be there. Bounded: at most --cycles cycles of a few seconds each. Standard
library only.
"""

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import http.client


def request(port, method, path, body, key=None, timeout=5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = "Bearer " + key
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="target/release/antiscam")
    ap.add_argument("--cycles", type=int, default=20)
    args = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="antiscam-crash-")
    db = os.path.join(scratch, "crash.db")
    env = dict(os.environ, ANTISCAM_DATABASE_URL="sqlite:" + db, ANTISCAM_RATE_LIMITS="off",
               ANTISCAM_DEMO="true", RUST_LOG="error", ANTISCAM_TRUSTED_PROXIES="")
    def key(role):
        out = subprocess.run([args.binary, "keys", "create", "--role", role], env=env,
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    integrator, admin = key("integrator"), key("analyst")
    acked = {"reports": set(), "screenings": set(), "outcomes": set(), "proposals": set()}
    lock = threading.Lock()
    totals = {k: 0 for k in acked}
    for cycle in range(args.cycles):
        server, port = start(args.binary, env)
        stop = threading.Event()

        def reports():
            n = 0
            while not stop.is_set():
                n += 1
                s, b = request(port, "POST", "/v1/reports",
                               {"indicators": [f"crash-{cycle}-{n}.example"], "channel": "sms"})
                if s == 201:
                    with lock:
                        acked["reports"].add(json.loads(b)["reference"])

        def screenings():
            n = 0
            while not stop.is_set():
                n += 1
                s, b = request(port, "POST", "/v1/withdrawals/screen", {
                    "user": f"u{cycle}-{n}", "region": "HK", "locale": "en", "asset": "USDT",
                    "network": "ethereum", "amount": "100", "amount_usd": 100,
                    "destination": "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd",
                    "context": {"new_destination": True}}, integrator)
                if s == 200:
                    sid = json.loads(b)["screening_id"]
                    with lock:
                        acked["screenings"].add(sid)
                    s, _ = request(port, "POST", f"/v1/screenings/{sid}/outcome",
                                   {"action": "cancelled"}, integrator)
                    if s == 200:
                        with lock:
                            acked["outcomes"].add(sid)

        def proposals():
            n = 0
            while not stop.is_set():
                n += 1
                s, b = request(port, "POST", "/v1/registry/proposals", {"changes": [
                    {"op": "add", "brand": "Example Exchange", "kind": "domains",
                     "value": f"example-crash-{cycle}-{n}.com"}]}, admin)
                if s in (200, 201):
                    with lock:
                        acked["proposals"].add(json.loads(b)["id"])

        workers = [threading.Thread(target=f) for f in (reports, reports, screenings, proposals)]
        for w in workers:
            w.start()
        time.sleep(random.uniform(0.5, 2.0))  # the moment of the crash, not synchronization
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for w in workers:
            w.join()
        con = sqlite3.connect(db)
        have = {
            "reports": {r[0] for r in con.execute("SELECT reference FROM reports")},
            "screenings": {r[0] for r in con.execute("SELECT id FROM screenings")},
            "outcomes": {r[0] for r in con.execute("SELECT id FROM screenings WHERE outcomes != 0")},
            "proposals": {r[0] for r in con.execute("SELECT id FROM registry_proposals")},
        }
        con.close()
        lost = {k: len(acked[k] - have[k]) for k in acked}
        print(f"cycle {cycle + 1}: acknowledged " +
              ", ".join(f"{k} {len(acked[k])}" for k in acked) +
              "; lost " + ", ".join(f"{k} {v}" for k, v in lost.items()), flush=True)
        if any(lost.values()):
            sys.exit(f"acknowledged writes lost in cycle {cycle + 1}: {lost}")
    print(f"{args.cycles} SIGKILL cycles: 0 acknowledged writes lost "
          f"({', '.join(f'{len(v)} {k}' for k, v in acked.items())})")


if __name__ == "__main__":
    main()
