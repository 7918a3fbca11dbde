#!/usr/bin/env bash
# Measures the desktop app against its targets (docs/PERFORMANCE.md):
# release binary size, cold start to the first interactive screen, idle
# memory with WebKit's helper processes counted, and the overview's render
# time with 1,000 organisations.
#
#   tests/e2e/bench.sh [runs]          # runs: cold starts, default 10
#
# Builds the UI and the app with the `dist` profile first, unless
# REGIE_BENCH_NO_BUILD=1. The app runs under Xvfb in its own D-Bus session
# with a throwaway HOME, with `--demo` and REGIE_STARTUP_TRACE=1, which
# makes it print "startup: first interactive screen after N ms" (from the
# top of main) and "overview: N ms for M organisations".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
runs="${1:-10}"

if [ "${REGIE_BENCH_NO_BUILD:-}" != 1 ]; then
  (cd "$repo/ui" && npm run build)
  (cd "$repo" && cargo build --locked --profile dist -p regie-app --features tauri/custom-protocol)
fi
bin="${REGIE_APP_BIN:-$target/dist/regie-app}"
[ -x "$bin" ] || { echo "no app binary at $bin" >&2; exit 1; }
if [ ! -d "$here/node_modules" ]; then
  (cd "$here" && npm install --no-save --no-audit --no-fund)
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/run" "$scratch/tmp" && chmod 700 "$scratch/run"

echo "binary: $bin"
echo "size: $(stat -c %s "$bin") bytes ($(du -h --apparent-size "$bin" | cut -f1))"

env HOME="$scratch" XDG_RUNTIME_DIR="$scratch/run" TMPDIR="$scratch/tmp" \
  BENCH_APP="$bin" BENCH_RUNS="$runs" BENCH_DIR="$scratch" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$here/bench-inner.sh"
