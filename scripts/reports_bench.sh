#!/usr/bin/env bash
# Public reports accepted durably by one node on PostgreSQL (issue 12), with a chosen
# auto-listing threshold: a threshold no report reaches isolates intake from the index
# rebuilds that listings cause.
#
#   scripts/reports_bench.sh [THRESHOLD] [SECONDS] [PG_URL_BASE]
#
# Needs a release build (`cargo build --release -p antiscam`) and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
THRESHOLD="${1:-3}"
SECS="${2:-15}"
BASE="${3:-postgres://postgres@127.0.0.1:5432}"
BIN="${CARGO_TARGET_DIR:-target}/release/antiscam"
DB=antiscam_reports_bench
URL="$BASE/$DB"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export ANTISCAM_KEY_FILE="$WORK/antiscam.keys" ANTISCAM_RATE_LIMITS=off RUST_LOG=warn
cat > "$WORK/antiscam.toml" <<TOML
trusted_proxies = ["127.0.0.1"]
[reports]
rate_per_minute = 0
threshold = $THRESHOLD
TOML
"$BIN" --config "$WORK/antiscam.toml" --database "$URL" serve --listen 127.0.0.1:28611 2>"$WORK/a.log" &
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:28611/readyz >/dev/null && break; sleep 0.1; done
wrk -t2 -c64 -d"${SECS}s" --latency -s scripts/report-load.lua http://127.0.0.1:28611 | grep -E "Requests/sec|50%|99%|created"
