#!/usr/bin/env bash
# The part of bench.sh that runs inside Xvfb and the D-Bus session.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="$BENCH_APP"
dir="$BENCH_DIR"

# Starts the app; sets $pid and waits until the startup line is printed.
start_app() {
  local log="$1"; shift
  : > "$log"
  env REGIE_STARTUP_TRACE=1 "$@" "$app" --demo > "$log" 2>"$log.err" &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q '^startup:' "$log" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the app exited early" >&2; cat "$log.err" >&2; return 1; }
    sleep 0.05
  done
  echo "no startup line after 30 s" >&2
  return 1
}

stop_app() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sleep 0.5
}

# The process and all its descendants.
tree() {
  local all=("$1") i=0
  while [ $i -lt ${#all[@]} ]; do
    for c in $(cat /proc/"${all[$i]}"/task/*/children 2>/dev/null); do all+=("$c"); done
    i=$((i + 1))
  done
  echo "${all[@]}"
}

# Percentiles over numbers on stdin: median and p90 (nearest rank).
stats() {
  sort -n | awk '{a[NR]=$1} END {m=int((NR+1)/2); p=int(NR*0.9+0.999); if (p<1) p=1; printf "median %s ms, p90 %s ms, min %s ms, max %s ms (n=%d)\n", a[m], a[p], a[1], a[NR], NR}'
}

echo "== cold start to the first interactive screen (--demo), $BENCH_RUNS runs"
: > "$dir/starts"
for i in $(seq 1 "$BENCH_RUNS"); do
  start_app "$dir/start.log"
  ms="$(sed -n 's/^startup: first interactive screen after \([0-9]*\) ms$/\1/p' "$dir/start.log")"
  echo "  run $i: $ms ms"
  echo "$ms" >> "$dir/starts"
  stop_app
done
echo -n "start: "; stats < "$dir/starts"

echo "== idle memory: interactive + 5 s idle, PSS of the app and its descendants"
start_app "$dir/mem.log"
sleep 5
total=0
for p in $(tree "$pid"); do
  kb="$(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)"
  rss="$(awk '/^Rss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)"
  printf '  %-8s %-22s PSS %7d kB  RSS %7d kB\n' "$p" "$(cat /proc/"$p"/comm 2>/dev/null)" "${kb:-0}" "${rss:-0}"
  total=$((total + ${kb:-0}))
done
echo "memory: PSS total $((total / 1024)) MB ($total kB)"
stop_app

echo "== overview with 1,000 organisations"
node "$here/bench-overview.mjs"
