#!/usr/bin/env bash
# The API contract, tried by Schemathesis (a property-based tester that generates
# requests from the OpenAPI document): a real `antiscam serve` on a temporary SQLite
# database with the demo data, an admin key, the rate limits off by configuration;
# every check, 25 examples per operation, then the stateful phase. Fails on any
# failure. Usage: scripts/schemathesis.sh [path/to/antiscam] [path/to/st]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
BIN="$(realpath "${1:-${CARGO_TARGET_DIR:-target}/debug/antiscam}")"
ST="$(realpath "${2:-/tmp/antiscam-venv/bin/st}")"
EXAMPLES="${SCHEMATHESIS_EXAMPLES:-25}"

dir="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export ANTISCAM_DATABASE_URL="sqlite:$dir/antiscam.db"
export ANTISCAM_KEY_FILE="$dir/antiscam.keys"
export ANTISCAM_LISTEN="127.0.0.1:$port"
export ANTISCAM_RATE_LIMITS=off
export ANTISCAM_DEMO=true
(cd "$dir" && exec "$BIN" serve) >"$dir/serve.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
ready() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$base/readyz" 2>/dev/null; }
for _ in $(seq 1 300); do
  ready && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/serve.log"; exit 1; }
  sleep 0.1
done
ready || { echo "the server did not become ready" >&2; cat "$dir/serve.log" >&2; exit 1; }
key="$(cd "$dir" && "$BIN" keys create --role admin --label schemathesis | grep -o 'ask_[0-9a-f]*' | head -n1)"
[ -n "$key" ] || { echo "cannot make an admin key" >&2; exit 1; }

echo "schemathesis $("$ST" --version 2>&1 | grep -o '[0-9][0-9.]*' | head -n1) against $base ($EXAMPLES examples per operation)"
status=0
# From the temporary directory: Schemathesis keeps its replay cache in `.schemathesis/`.
(cd "$dir" && "$ST" --config-file "$root/scripts/schemathesis.toml" run "$base/openapi.json" \
  --checks all \
  --max-examples "$EXAMPLES" \
  --phases examples,coverage,fuzzing,stateful \
  --header "Authorization: Bearer $key" \
  --workers 1 \
  --request-timeout 10 \
  --seed "${SCHEMATHESIS_SEED:-1}" \
  --suppress-health-check all \
  --warnings off \
  "${@:3}") || status=$?
if grep -q 'panicked' "$dir/serve.log"; then
  echo "the server panicked:" >&2
  grep -A5 'panicked' "$dir/serve.log" >&2
  status=1
fi
exit "$status"
