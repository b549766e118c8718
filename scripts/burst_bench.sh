#!/usr/bin/env bash
# SQLite screening right after a saturation burst (issue 12): a fresh demo database,
# a release server, a paced baseline (16 connections, 2 ms pause, ~5,000/s), then a
# 10 s closed-loop burst (8 connections) and at once the same paced load for 10 s.
#
#   scripts/burst_bench.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-10}"
BIN="${CARGO_TARGET_DIR:-target}/release/antiscam"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
export ANTISCAM_DATABASE_URL="sqlite:$WORK/a.db" ANTISCAM_RATE_LIMITS=off RUST_LOG=warn
KEY=$("$BIN" keys create --role integrator)
"$BIN" serve --listen 127.0.0.1:28621 2>"$WORK/serve.log" &
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:28621/readyz >/dev/null && break; sleep 0.1; done
export ANTISCAM_KEY="$KEY"
wal() { stat -c %s "$WORK/a.db-wal" 2>/dev/null || echo 0; }
echo "== paced baseline"
SCREEN_DELAY_MS=2 wrk -t1 -c16 -d"${SECS}s" --latency -s scripts/screen.lua http://127.0.0.1:28621 | grep -E "Requests/sec|50%|90%|99%|status"
echo "WAL bytes: $(wal)"
echo "== burst, closed loop, 8 connections"
wrk -t1 -c8 -d"${SECS}s" --latency -s scripts/screen.lua http://127.0.0.1:28621 | grep -E "Requests/sec|50%|99%|status"
echo "WAL bytes: $(wal)"
echo "== paced, right after the burst (${SPLIT:-1} consecutive runs)"
for _ in $(seq 1 "${SPLIT:-1}"); do
  SCREEN_DELAY_MS=2 wrk -t1 -c16 -d"$((SECS / ${SPLIT:-1}))s" --latency -s scripts/screen.lua http://127.0.0.1:28621 | grep -E "Requests/sec|50%|90%|99%|status"
  echo "WAL bytes: $(wal)"
done
