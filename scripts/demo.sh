#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and starts the Regie desktop app on a
# demo vault with the example organisations (a throwaway vault whose key
# lives only in memory; it is deleted when you close the window).
# `./scripts/demo.sh --cli` shows the same demo on the command line instead.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
if [ "${1:-}" = "--cli" ]; then
  shift
  exec cargo run --quiet --locked -p regie-cli -- demo "$@"
fi
(cd ui && npm run build --silent)
exec cargo run --quiet --locked -p regie-app -- --demo "$@"
