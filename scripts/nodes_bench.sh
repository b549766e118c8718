#!/usr/bin/env bash
# Screening and report throughput on PostgreSQL, one node against two (issue 12).
#
#   scripts/nodes_bench.sh [PG_URL_BASE] [SECONDS]
#
# PG_URL_BASE is a server URL without database (default postgres://postgres@127.0.0.1:5432);
# a fresh database `antiscam_bench` is made on it. Needs release builds
# (`cargo build --release -p antiscam -p loadgen`) and, for the reports, wrk.
# The screening load comes from `loadgen` (crates/loadgen: the request mix of
# scripts/screen.lua, 100,000 users, 1/10 new destination, 1/50 security change, at a
# few microseconds of CPU per request); GEN=wrk uses wrk with scripts/screen.lua
# instead, as the figures before 2026-12-07 did. Prints:
#   1. one node, closed loop (saturation), 8 connections;
#   2. two nodes, closed loop, 8 connections each;
#   3. two nodes paced: loadgen at exactly RATE requests/s in all (default 2000), 8
#      connections each, latency from each request's due time (with GEN=wrk: 4
#      connections each pausing PACE_MS ms, default 2);
#   4. reports on one node, 64 connections (wrk).
# After each figure, where the CPU went (from /proc): each node, PostgreSQL (every
# process of the `postgres` user, and the backends that ended meanwhile), the load
# generator, everything else on the machine (other builds: the machine is shared), and
# idle, in CPU seconds and in microseconds per answered request.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-postgres://postgres@127.0.0.1:5432}"
SECS="${2:-20}"
GEN="${GEN:-loadgen}"
RATE="${RATE:-2000}"
# ANTISCAM_BIN: another build to measure (e.g. a copy of an earlier one, for before/after).
BIN="${ANTISCAM_BIN:-${CARGO_TARGET_DIR:-target}/release/antiscam}"
LOADGEN="${CARGO_TARGET_DIR:-target}/release/loadgen"
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
PID_A=$!
"$BIN" --config "$WORK/antiscam.toml" --database "$URL" serve --listen 127.0.0.1:28602 2>"$WORK/b.log" &
PID_B=$!
for port in 28601 28602; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
done
export ANTISCAM_KEY="$KEY"

# CPU ticks (1/100 s) of a process: utime + stime, and with `c` its reaped children's.
ticks() { awk -v c="${2:-}" '{ sub(/^.*\) /, ""); t = $12 + $13; if (c) t += $14 + $15; print t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# PostgreSQL: every live process of the `postgres` user, plus the postmaster's reaped
# children (backends that ended).
pg_ticks() {
  local sum=0 pid master
  master=$(pgrep -o -u postgres -x postgres || true)
  for pid in $(pgrep -u postgres || true); do sum=$((sum + $(ticks "$pid"))); done
  [ -n "$master" ] && sum=$((sum + $(ticks "$master" c) - $(ticks "$master")))
  echo "$sum"
}
# busy and idle ticks of the whole machine.
machine() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
# Committed transactions of the bench database (the screener commits one per batch).
commits() { psql "$URL" -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"; }
snap() { echo "$(ticks "$PID_A") $(ticks "$PID_B") $(pg_ticks) $(machine) $(commits)"; }
# usage: cpu_report "BEFORE" "AFTER" GENERATOR_TICKS REQUESTS
cpu_report() {
  awk -v b="$1" -v a="$2" -v g="$3" -v n="$4" 'BEGIN {
    split(b, x); split(a, y);
    na = y[1] - x[1]; nb = y[2] - x[2]; pg = y[3] - x[3]; busy = y[4] - x[4]; idle = y[5] - x[5];
    other = busy - na - nb - pg - g; if (other < 0) other = 0;
    if (n < 1) n = 1;
    printf "CPU s (us per request, %d requests): node A %.2f (%.0f), node B %.2f (%.0f), PostgreSQL %.2f (%.0f), generator %.2f (%.0f), other %.2f (%.0f), idle %.2f (%.0f %%)\n",
      n, na / 100, na * 1e4 / n, nb / 100, nb * 1e4 / n, pg / 100, pg * 1e4 / n, g / 100, g * 1e4 / n,
      other / 100, other * 1e4 / n, idle / 100, 100 * idle / (busy + idle);
    printf "servers (nodes + PostgreSQL): %.0f us CPU per request; %d commits, %.1f requests per commit\n",
      (na + nb + pg) * 1e4 / n, y[6] - x[6], n / (y[6] - x[6] > 0 ? y[6] - x[6] : 1);
  }'
}
# Runs a command (a load generator) in a subshell; prints its output and, last, the
# CPU ticks it and its children used.
measured() { ( "$@" >"$WORK/gen.out"; ticks "$BASHPID" c >"$WORK/gen.ticks" ); cat "$WORK/gen.out"; }
wrk_requests() { awk '/requests in/ { s += $1 } END { print s + 0 }' "$@"; }

# One screening figure: TITLE then the generator's arguments per mode.
screen_figure() {
  local title="$1" urls="$2" conns="$3" rate="$4" before after n
  echo "== $title"
  # PERF=N records the whole machine's profile during figure N into $PERF_DATA.
  if [ "${PERF:-}" = "${title%%.*}" ]; then
    ( sleep 1; perf record -F 499 -a -g -o "${PERF_DATA:-perf.data}" -- sleep $((SECS - 2)) 2>/dev/null ) &
  fi
  before=$(snap)
  if [ "$GEN" = wrk ]; then
    local pace=""
    [ "$rate" != 0 ] && pace="SCREEN_DELAY_MS=${PACE_MS:-2}" && conns=4
    measured bash -c "for u in $urls; do $pace wrk -t1 -c$conns -d${SECS}s --latency -s scripts/screen.lua \$u >$WORK/w.\$RANDOM & done; wait; cat $WORK/w.*; rm -f $WORK/w.*" \
      | tee "$WORK/figure" | grep -E "Requests/sec|requests in|50%|90%|99%|status"
    n=$(wrk_requests "$WORK/figure")
  else
    local args=()
    for u in $urls; do args+=(--url "$u"); done
    [ "$rate" != 0 ] && args+=(--rate "$rate")
    measured "$LOADGEN" "${args[@]}" --connections "$conns" --seconds "$SECS" --seed "$RANDOM" | tee "$WORK/figure"
    n=$(awk '/ ok, / && $1 != "combined:" { s += $2 } END { print s + 0 }' "$WORK/figure")
  fi
  after=$(snap)
  cpu_report "$before" "$after" "$(cat "$WORK/gen.ticks")" "$n"
}

A=http://127.0.0.1:28601 B=http://127.0.0.1:28602
echo "$(date -u +%FT%TZ) $BIN; machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), generator $GEN, $SECS s per figure"
screen_figure "1. one node, closed loop, 8 connections" "$A" 8 0
screen_figure "2. two nodes, closed loop, 8 connections each" "$A $B" 8 0
if [ "$GEN" = wrk ]; then
  screen_figure "3. two nodes paced (4 connections each, ${PACE_MS:-2} ms pause)" "$A $B" 4 1
else
  screen_figure "3. two nodes paced, $RATE requests/s in all, 8 connections each" "$A $B" 8 "$RATE"
fi
echo "== 4. reports on one node, 64 connections"
wrk -t2 -c64 -d"${SECS}s" --latency -s scripts/report-load.lua http://127.0.0.1:28601 | grep -E "Requests/sec|50%|99%|created|status"
