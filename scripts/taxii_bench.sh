#!/usr/bin/env bash
# TAXII 2.1 at scale (issue 15): 1,000,000 blocklist entries imported through the
# feed importer (each a version in the feed log), then the OASIS taxii2-client reads
# every page of the `all` collection with `added_after`, timed.
#
#   scripts/taxii_bench.sh [PER_PAGE] [PYTHON]
#
# Needs a release build (`cargo build --release -p antiscam`) and a python3 with
# taxii2-client==2.3.0 (default /tmp/antiscam-venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
PER_PAGE="${1:-10000}"
PYTHON="${2:-/tmp/antiscam-venv/bin/python}"
BIN="${CARGO_TARGET_DIR:-target}/release/antiscam"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
export ANTISCAM_KEY_FILE="$WORK/antiscam.keys" ANTISCAM_DEMO=false ANTISCAM_RATE_LIMITS=off RUST_LOG=warn
DB="sqlite:$WORK/taxii.db"
python3 scripts/gen_bench_inputs.py "$WORK" >/dev/null
echo "import of 1,000,000 domains (feed log included):"
/usr/bin/time -f "  %e s, %M KB max RSS" "$BIN" --database "$DB" import --format text "$WORK/block-1m.txt" >/dev/null
KEY=$("$BIN" --database "$DB" keys create --role admin --label taxii-bench 2>/dev/null)
"$BIN" --database "$DB" serve --listen 127.0.0.1:28612 2>"$WORK/serve.log" &
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:28612/readyz >/dev/null && break; sleep 0.1; done
"$PYTHON" scripts/taxii_read.py http://127.0.0.1:28612 "$KEY" "$PER_PAGE" 1000000
