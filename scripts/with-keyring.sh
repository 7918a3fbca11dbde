#!/usr/bin/env bash
# Inside a D-Bus session: start gnome-keyring's Secret Service with a
# throwaway, unlocked login keyring, then run the given command.
set -euo pipefail
echo -n "regie-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
