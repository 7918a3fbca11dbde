#!/usr/bin/env bash
# Idle memory of the desktop app against the smallest Tauri 2 app
# (tests/package/minimal-app), honestly compared (docs/PERFORMANCE.md):
# both built with the `dist` profile and the same compiler settings, started
# the same way under Xvfb in one D-Bus session with a throwaway HOME, with
# the same WebKitGTK environment, alternating within each run.
#
#   tests/package/memory.sh [runs] [settle seconds]     # default 5 runs, 5 s
#
# For each WebKitGTK setting below, each run starts Regie (--demo: the
# overview with the seven example organisations) and the minimal app (its
# one static page), waits for the first screen and then the settle time,
# and adds up the PSS (/proc/PID/smaps_rollup) of the app and every process
# under it (WebKitWebProcess, WebKitNetworkProcess), and their USS
# (private pages). It prints the median of each and Regie / minimal, over
# the samples taken while no other WebKit process ran on the machine (they
# share its pages). MEMORY_SETTINGS replaces the list of settings (one a
# line, `name: VAR=value ...`; "as shipped" sets nothing, so each app uses
# its own defaults, src-tauri/src/webkit.rs).
#
# Builds both first (scripts/package.sh for the app), unless PKG_NO_BUILD=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
settle="${2:-5}"
source "$repo/scripts/env.sh"

if [ "${PKG_NO_BUILD:-}" != 1 ]; then
  "$repo/scripts/package.sh"
  (
    cd "$repo"
    source scripts/dist-env.sh
    cargo build --locked --profile dist -p regie-minimal-app --features tauri/custom-protocol
  )
fi
regie="${REGIE_APP_BIN:-$CARGO_TARGET_DIR/dist/regie-app}"
minimal="$CARGO_TARGET_DIR/dist/regie-minimal-app"
for b in "$regie" "$minimal"; do [ -x "$b" ] || { echo "no binary at $b" >&2; exit 1; }; done

settings="${MEMORY_SETTINGS:-as shipped:
WebKitGTK defaults: WEBKIT_DISABLE_DMABUF_RENDERER=0 WEBKIT_DISABLE_COMPOSITING_MODE=0
no DMA-BUF renderer: WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=0
no compositing: WEBKIT_DISABLE_DMABUF_RENDERER=0 WEBKIT_DISABLE_COMPOSITING_MODE=1
neither: WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/run" "$scratch/tmp" && chmod 700 "$scratch/run"
echo "regie: $regie ($(stat -c %s "$regie") bytes)"
echo "minimal: $minimal ($(stat -c %s "$minimal") bytes)"
echo "runs: $runs, settle: $settle s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

env -i PATH="$PATH" HOME="$scratch" XDG_RUNTIME_DIR="$scratch/run" TMPDIR="$scratch/tmp" LANG=C.UTF-8 \
  MEM_REGIE="$regie" MEM_MINIMAL="$minimal" MEM_RUNS="$runs" MEM_SETTLE="$settle" \
  MEM_SETTINGS="$settings" MEM_DIR="$scratch" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$here/memory-inner.sh"
