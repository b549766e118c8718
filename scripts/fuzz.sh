#!/usr/bin/env bash
# Runs every fuzz target for a while (default 600 s each), one after the other.
#
#   scripts/fuzz.sh              # all targets, 10 minutes each
#   scripts/fuzz.sh feeds 60     # one target, one minute
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); not part of CI
# (the property tests there check the same invariants on fewer inputs). A failure leaves
# its input under fuzz/artifacts/TARGET/ and makes this script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${2:-600}"
if [[ $# -ge 1 && "$1" != "all" ]]; then
  targets=("$1")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
log="$(mktemp)"
for t in "${targets[@]}"; do
  echo "== $t: ${seconds} s"
  rc=0
  cargo +nightly fuzz run "$t" -- -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1 || rc=$?
  grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY)|panicked' "$log" || true
  if [[ $rc -ne 0 ]]; then
    tail -n 40 "$log" >&2
    echo "!! $t failed: see fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
rm -f "$log"
