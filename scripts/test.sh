#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every check and test Regie has:
# formatting, lints, and all tests, with the real OS keychain (gnome-keyring
# in its own D-Bus session) and real SQLCipher files.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh

echo "== ui: build (src-tauri embeds ui/dist)"
# (setup.sh installed ui/node_modules from the lock file)
(cd ui && npm run build)

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

echo "== tests (with the real Secret Service)"
# A throwaway home and runtime dir keep the test keyring apart from the
# person's own, and dbus-run-session ends the daemons with the run.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/run" && chmod 700 "$scratch/run"
env HOME="$scratch" XDG_RUNTIME_DIR="$scratch/run" \
  CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
  REGIE_TEST_OS_KEYCHAIN=1 \
  dbus-run-session -- scripts/with-keyring.sh \
  cargo test --workspace --locked

echo "== interop: an independent verifier (Python, public libraries) and Regie agree"
tests/interop/run.sh

echo "== ui: lint, type check, tests"
(cd ui && npm run lint && npm run check && npm test)

echo "== end-to-end: the real app window through WebDriver, under Xvfb"
tests/e2e/run.sh
