#!/usr/bin/env bash
# End-to-end tests of the desktop app: builds the UI, the app and the file
# checker, then drives the real window through WebDriver (tauri-driver and
# WebKitWebDriver) under Xvfb, in a throwaway HOME and D-Bus session.
# On each main screen it runs axe-core (serious or critical violations fail
# the run), checks that nothing scrolls sideways at 200% text size, and
# toggles a switch with the keyboard alone. First it starts the app once
# without a display and checks what it says and its exit code.
# With E2E_SHOTS=DIR it also saves a screenshot of each main screen in
# Dutch and English there (docs/screenshots/ for the docs), and of the
# overview and an organisation at 200% text size (en-*-200.png).
# Performance: bench.sh (docs/PERFORMANCE.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"

(cd "$repo/ui" && npm run build)
(cd "$repo" && cargo build --locked -p regie-app --bin regie-app --example check_file -p regie-org --bin regie-org)
# (scripts/setup.sh installs tests/e2e/node_modules; this covers a direct run)
if [ ! -d "$here/node_modules" ]; then
  (cd "$here" && npm install --no-save --no-audit --no-fund)
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/run" && chmod 700 "$scratch/run"
shots="${E2E_SHOTS:-}"
[ -z "$shots" ] || { mkdir -p "$shots"; shots="$(cd "$shots" && pwd)"; }

# Without a display the app says so in the person's language and exits 2,
# instead of panicking ("Failed to initialize gtk backend!").
for pair in "nl:geen beeldscherm" "en:there is no display"; do
  lang="${pair%%:*}"; phrase="${pair#*:}"
  code=0
  said="$(env -u DISPLAY -u WAYLAND_DISPLAY HOME="$scratch" REGIE_LANG="$lang" \
    REGIE_VAULT="$scratch/no-display.regie" "$target/debug/regie-app" 2>&1)" || code=$?
  if [ "$code" -ne 2 ] || ! grep -qF "$phrase" <<<"$said" || grep -q panicked <<<"$said"; then
    echo "regie-app without a display ($lang): exit $code, said: $said" >&2
    exit 1
  fi
  echo "ok: without a display ($lang) regie-app exits 2: $said"
done

# The organisation's inbox runs over HTTPS with a certificate from a CA
# made here for this run, which only the app under test trusts
# (REGIE_CA_FILE); its host name is reached at 127.0.0.1 (REGIE_RESOLVE).
pki="$scratch/pki"
inbox_host="inbox.voorbeeldbank.test"
# shellcheck source=tests/e2e/pki.sh
. "$here/pki.sh"
make_pki "$pki" "$inbox_host"

cd "$here"
env E2E_PKI="$pki" E2E_INBOX_HOST="$inbox_host" REGIE_ORG_BIN="$target/debug/regie-org" \
  HOME="$scratch" E2E_FAILURE_SHOT="${E2E_FAILURE_SHOT:-}" XDG_RUNTIME_DIR="$scratch/run" E2E_DIR="$scratch" E2E_SHOTS="$shots" \
  REGIE_APP_BIN="$target/debug/regie-app" REGIE_CHECK_BIN="$target/debug/examples/check_file" \
  xvfb-run -a -s "-screen 0 1100x760x24" dbus-run-session -- node --test --test-reporter=spec run.test.mjs
