#!/usr/bin/env bash
# Installs what Regie needs to build and test on Debian 12, idempotently:
# system packages (apt), Rust components, and (once the app exists) npm
# packages. Safe to run again: it skips what is already there.
set -euo pipefail

APT_PACKAGES=(
  build-essential pkg-config libssl-dev libdbus-1-dev
  # The OS keychain for real: Secret Service from gnome-keyring in a D-Bus session.
  dbus dbus-x11 gnome-keyring libsecret-tools
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
