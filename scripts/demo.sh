#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs Regie on a demo vault with the
# example organisations.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
cargo run --quiet --locked -p regie-cli -- demo "$@"
