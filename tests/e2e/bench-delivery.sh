#!/usr/bin/env bash
# From a switch in the app to "confirmed" on loopback (docs/PERFORMANCE.md):
# the app on a demo vault, linked to a real `regie-org serve` over HTTPS
# with a CA made for the run; BENCH_SAMPLES flips (default 50), p50 and p99.
#
#   tests/e2e/bench-delivery.sh
#
# Builds the UI, the app with the `dist` profile and regie-org with
# `release` first; REGIE_BENCH_PROFILE=debug uses the debug builds instead
# (as tests/e2e/run.sh makes them), REGIE_BENCH_NO_BUILD=1 builds nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
profile="${REGIE_BENCH_PROFILE:-dist}"

if [ "${REGIE_BENCH_NO_BUILD:-}" != 1 ]; then
  (cd "$repo/ui" && npm run build)
  if [ "$profile" = debug ]; then
    (cd "$repo" && cargo build --locked -p regie-app --bin regie-app -p regie-org --bin regie-org)
  else
    (cd "$repo" && cargo build --locked --profile dist -p regie-app --features tauri/custom-protocol)
    (cd "$repo" && cargo build --locked --release -p regie-org --bin regie-org)
  fi
fi
if [ "$profile" = debug ]; then
  app="$target/debug/regie-app" org="$target/debug/regie-org"
else
  app="$target/dist/regie-app" org="$target/release/regie-org"
fi
[ -d "$here/node_modules" ] || (cd "$here" && npm install --no-save --no-audit --no-fund)

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/run" && chmod 700 "$scratch/run"
host="inbox.voorbeeldbank.test"
# shellcheck source=tests/e2e/pki.sh
. "$here/pki.sh"
make_pki "$scratch/pki" "$host"

echo "app: $app ($profile), organisation: $org"
cd "$here"
env HOME="$scratch" XDG_RUNTIME_DIR="$scratch/run" BENCH_APP="$app" BENCH_DIR="$scratch" \
  E2E_PKI="$scratch/pki" E2E_INBOX_HOST="$host" REGIE_ORG_BIN="$org" \
  xvfb-run -a -s "-screen 0 1100x760x24" dbus-run-session -- node bench-delivery.mjs
