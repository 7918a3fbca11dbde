#!/usr/bin/env bash
# Installs what Regie needs to build and test on Debian 12, idempotently:
# system packages (apt), Rust components, and (once the app exists) npm
# packages. Safe to run again: it skips what is already there.
set -euo pipefail

APT_PACKAGES=(
  build-essential pkg-config libssl-dev libdbus-1-dev
  # The OS keychain for real: Secret Service from gnome-keyring in a D-Bus session.
  dbus dbus-x11 gnome-keyring libsecret-tools
  # The independent verifier in tests/interop runs in a Python venv.
  python3 python3-venv
  # regie-rights' tests read its PDF letters back with an independent reader
  # (pdfinfo, pdffonts, pdftotext).
  poppler-utils
  # regie-org's tests run against a throwaway PostgreSQL as well as SQLite,
  # also over TLS with certificates that openssl makes for the run.
  postgresql openssl
  # systemd-analyze checks regie-org's service unit (verify, security).
  systemd
  # The desktop app: WebKitGTK to build and run it, the WebDriver for
  # end-to-end tests, Xvfb to run it without a screen, and imagemagick for
  # its icon and screenshots.
  libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb xauth imagemagick
  # The packages as installed (tests/package): their desktop entry and
  # AppStream file checked with the freedesktop and AppStream validators,
  # the .rpm listed with rpm, the window's class read with xprop.
  desktop-file-utils appstream rpm x11-utils
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "setup: cargo is missing: install Rust with rustup (https://rustup.rs) and run this again" >&2
  exit 1
fi
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
done

# The UI's npm packages, installed again only when package-lock.json changed.
repo="$(cd "$(dirname "$0")/.." && pwd)"
# `npm install --no-save` rather than `npm ci`: tests/e2e's lock file lists
# only this platform's optional packages (tauri-driver), which the registry
# these machines reached then served, so `npm ci` refuses it as out of sync.
# ui's lock file lists every platform's (rollup, esbuild, the Tauri CLI)
# since the Tauri CLI was added, and `npm ci` accepts it; one command for
# both keeps this simple.
for dir in "$repo/ui" "$repo/tests/e2e"; do
  [ -f "$dir/package-lock.json" ] || continue
  if ! command -v npm >/dev/null; then
    echo "setup: npm is missing: install Node.js 20 or newer and run this again" >&2
    exit 1
  fi
  stamp="$dir/node_modules/.regie-lock.sha256"
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ ! -d "$dir/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: npm install in ${dir#"$repo"/}/"
    (cd "$dir" && npm install --no-save --no-audit --no-fund)
    echo "$want" > "$stamp"
  fi
done
