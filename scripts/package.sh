#!/usr/bin/env bash
# Builds Regie's installable packages for Linux, a .deb and an .rpm, and
# prints their paths:
#
#   scripts/package.sh
#
# Each holds the desktop app (/usr/bin/regie-app), the `regie` command line
# (/usr/bin/regie), the desktop entry, the icons in every size and the
# AppStream metadata (packaging/). The Tauri bundler (the UI's
# devDependency @tauri-apps/cli) makes both without internet access; the
# dependencies (WebKitGTK, GTK) are the ones it derives. Both binaries are
# built with the `dist` profile (root Cargo.toml); a cold build takes about
# 14 minutes on two busy cores, a rebuild after a change about 3 (the app's
# link-time optimisation), docs/PERFORMANCE.md.
#
# No build path stays in the binaries (scripts/dist-env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
source scripts/dist-env.sh

echo "== package: the UI"
(cd ui && npm run build)

echo "== package: the regie command line"
cargo build --locked --profile dist -p regie-cli --bin regie
# The bundler takes extra files by paths relative to src-tauri/ (and keeps
# the configuration in the app): the command line waits here for it.
mkdir -p packaging/build
cp -f "$CARGO_TARGET_DIR/dist/regie" packaging/build/regie

echo "== package: the app, .deb and .rpm"
# `tauri build` passes what follows `--` to cargo, and finds the binary
# and puts the bundles under the profile's folder (target/dist/bundle).
(cd src-tauri && ../ui/node_modules/.bin/tauri build --ci -- --profile dist --locked)

bundle="$CARGO_TARGET_DIR/dist/bundle"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
deb="$bundle/deb/Regie_${version}_amd64.deb"
rpm="$bundle/rpm/Regie-${version}-1.x86_64.rpm"
for f in "$deb" "$rpm"; do
  [ -f "$f" ] || { echo "package: $f was not made" >&2; exit 1; }
done
echo "deb: $deb"
echo "rpm: $rpm"
