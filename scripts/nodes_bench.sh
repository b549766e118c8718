#!/usr/bin/env bash
# Screening and report throughput on PostgreSQL, one node against two (issue 12).
#
#   scripts/nodes_bench.sh [PG_URL_BASE] [SECONDS]
#
# PG_URL_BASE is a server URL without database (default postgres://postgres@127.0.0.1:5432);
# a fresh database `antiscam_bench` is made on it. Needs a release build
# (`cargo build --release -p antiscam`) and wrk. Prints wrk's summaries:
#   1. one node, closed loop (saturation), 8 connections;
#   2. two nodes, closed loop, 8 connections each (two wrk processes at once);
#   3. two nodes paced: 4 connections each pausing PACE_MS ms (default 2) between requests;
#   4. reports on one node, 64 connections.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-postgres://postgres@127.0.0.1:5432}"
SECS="${2:-20}"
BIN="${CARGO_TARGET_DIR:-target}/release/antiscam"
DB=antiscam_bench
URL="$BASE/$DB"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export ANTISCAM_KEY_FILE="$WORK/antiscam.keys" ANTISCAM_RATE_LIMITS=off RUST_LOG=warn
KEY=$("$BIN" --database "$URL" keys create --role integrator)
cat > "$WORK/antiscam.toml" <<TOML
trusted_proxies = ["127.0.0.1"]
[reports]
rate_per_minute = 0
TOML
"$BIN" --config "$WORK/antiscam.toml" --database "$URL" serve --listen 127.0.0.1:28601 2>"$WORK/a.log" &
"$BIN" --config "$WORK/antiscam.toml" --database "$URL" serve --listen 127.0.0.1:28602 2>"$WORK/b.log" &
for port in 28601 28602; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
done
export ANTISCAM_KEY="$KEY"

echo "== 1. one node, closed loop, 8 connections (vmstat: CPU idle)"
( sleep 5; vmstat 1 5 | tail -4 ) &
wrk -t1 -c8 -d"${SECS}s" --latency -s scripts/screen.lua http://127.0.0.1:28601 | grep -E "Requests/sec|50%|99%|status"
echo "== 2. two nodes, closed loop, 8 connections each"
wrk -t1 -c8 -d"${SECS}s" --latency -s scripts/screen.lua http://127.0.0.1:28601 >"$WORK/w1" &
W=$!
wrk -t1 -c8 -d"${SECS}s" --latency -s scripts/screen.lua http://127.0.0.1:28602 >"$WORK/w2"
wait $W
grep -E "Requests/sec|50%|99%|status" "$WORK/w1" "$WORK/w2"
echo "== 3. two nodes paced (4 connections each, ${PACE_MS:-2} ms pause)"
SCREEN_DELAY_MS="${PACE_MS:-2}" wrk -t1 -c4 -d"${SECS}s" --latency -s scripts/screen.lua http://127.0.0.1:28601 >"$WORK/p1" &
W=$!
SCREEN_DELAY_MS="${PACE_MS:-2}" wrk -t1 -c4 -d"${SECS}s" --latency -s scripts/screen.lua http://127.0.0.1:28602 >"$WORK/p2"
wait $W
grep -E "Requests/sec|50%|90%|99%|status" "$WORK/p1" "$WORK/p2"
echo "== 4. reports on one node, 64 connections"
wrk -t2 -c64 -d"${SECS}s" --latency -s scripts/report-load.lua http://127.0.0.1:28601 | grep -E "Requests/sec|50%|99%|created|status"
