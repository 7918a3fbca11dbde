#!/usr/bin/env bash
# The part of memory.sh that runs inside Xvfb and the D-Bus session.
set -euo pipefail
dir="$MEM_DIR"

# Starts "$@" and waits (up to 60 s) for its "startup:" line; sets $pid.
start() {
  local log="$dir/app.log"
  : > "$log"
  "$@" > "$log" 2> "$log.err" &
  pid=$!
  for _ in $(seq 1 1200); do
    grep -q '^startup:' "$log" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$1 exited early" >&2; cat "$log.err" >&2; exit 1; }
    sleep 0.05
  done
  echo "$1: no startup line after 60 s" >&2
  exit 1
}

stop() {
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

# Memory in kB of $pid and its descendants: "pss app web network uss".
# PSS counts a shared page in part, divided by the processes that map it;
# USS (private pages only) does not depend on what else runs on the machine.
pss() {
  local total=0 own=0 web=0 net=0 uss=0 kb priv name
  for p in $(tree "$pid"); do
    read -r kb priv < <(awk '/^Pss:/ {p = $2} /^Private_(Clean|Dirty):/ {u += $2} END {print p + 0, u + 0}' \
      /proc/"$p"/smaps_rollup 2>/dev/null || echo "0 0")
    name="$(cat /proc/"$p"/comm 2>/dev/null || true)"
    total=$((total + kb))
    uss=$((uss + priv))
    case "$name" in
      WebKitWebProces*) web=$((web + kb)) ;;
      WebKitNetworkPr*) net=$((net + kb)) ;;
      *) own=$((own + kb)) ;;
    esac
  done
  echo "$total $own $web $net $uss"
}

# WebKit processes on the machine that are not ours: they share WebKit's
# pages and so lower our PSS.
others() {
  local mine=" $(tree "$pid") " n=0
  for p in $(pgrep '^WebKit' || true); do
    [[ "$mine" == *" $p "* ]] || n=$((n + 1))
  done
  echo "$n"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

while IFS= read -r line; do
  [ -n "$line" ] || continue
  name="${line%%:*}"
  vars="${line#*:}"
  echo "== $name:${vars:- (nothing set)}"
  : > "$dir/regie" && : > "$dir/minimal"
  for i in $(seq 1 "$MEM_RUNS"); do
    for which in regie minimal; do
      if [ "$which" = regie ]; then
        # shellcheck disable=SC2086 # $vars is a list of VAR=value words
        start env $vars REGIE_STARTUP_TRACE=1 "$MEM_REGIE" --demo
      else
        # shellcheck disable=SC2086
        start env $vars "$MEM_MINIMAL"
      fi
      sleep "$MEM_SETTLE"
      read -r total own web net uss < <(pss)
      n="$(others)"
      # Pages shared with someone else's WebKit count less (PSS) or not as
      # private (USS): such a sample is shown but left out of the medians.
      [ "$n" -gt 0 ] || echo "$total $own $web $net $uss" >> "$dir/$which"
      printf '  run %d %-8s PSS %6s MB (app %s, WebKitWebProcess %s, WebKitNetworkProcess %s), USS %s MB; other WebKit processes: %s\n' \
        "$i" "$which" "$(mb "$total")" "$(mb "$own")" "$(mb "$web")" "$(mb "$net")" "$(mb "$uss")" "$n"
      stop
    done
  done
  if [ ! -s "$dir/regie" ] || [ ! -s "$dir/minimal" ]; then
    echo "  no medians: other WebKit processes ran during every sample of one app"
    continue
  fi
  echo "  samples without other WebKit processes: Regie $(wc -l < "$dir/regie"), minimal $(wc -l < "$dir/minimal") of $MEM_RUNS"
  r="$(cut -d' ' -f1 "$dir/regie" | median)"
  m="$(cut -d' ' -f1 "$dir/minimal" | median)"
  ru="$(cut -d' ' -f5 "$dir/regie" | median)"
  mu="$(cut -d' ' -f5 "$dir/minimal" | median)"
  parts() { for c in 2 3 4; do cut -d' ' -f$c "$dir/$1" | median; done | xargs; }
  read -r ra rw rn <<<"$(parts regie)"
  read -r ma mw mn <<<"$(parts minimal)"
  echo "  median: Regie $(mb "$r") MB (app $(mb "$ra"), web $(mb "$rw"), network $(mb "$rn")); minimal $(mb "$m") MB (app $(mb "$ma"), web $(mb "$mw"), network $(mb "$mn")); Regie / minimal $(awk -v r="$r" -v m="$m" 'BEGIN {printf "%.2f", r / m}')"
  echo "  median USS: Regie $(mb "$ru") MB, minimal $(mb "$mu") MB, Regie / minimal $(awk -v r="$ru" -v m="$mu" 'BEGIN {printf "%.2f", r / m}')"
done <<<"$MEM_SETTINGS"
