#!/usr/bin/env bash
# The part of tests/package/run.sh that runs the unpacked app: inside Xvfb,
# a D-Bus session and an unlocked test keyring, with a fresh HOME and
# XDG_DATA_HOME. The app is started as the desktop entry starts it, by its
# installed path, with nothing but the system's libraries.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="$PKG_APP"
regie="$PKG_REGIE"
log="$TMPDIR/app"
fail() { echo "package: FAILED: $*" >&2; [ ! -s "$log.err" ] || sed 's/^/  app: /' "$log.err" >&2; exit 1; }
ok() { echo "ok: $*"; }

# Starts the app with the given arguments and waits (up to 60 s) for its
# first screen: with REGIE_STARTUP_TRACE=1 it prints "startup: first
# interactive screen after N ms" once the first screen has its content.
start_app() {
  : > "$log"
  REGIE_STARTUP_TRACE=1 "$app" "$@" > "$log" 2> "$log.err" &
  pid=$!
  for _ in $(seq 1 1200); do
    grep -q '^startup:' "$log" && return 0
    kill -0 "$pid" 2>/dev/null || fail "the app exited before its first screen"
    sleep 0.05
  done
  fail "no first screen after 60 s"
}
stop_app() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
startup_ms() { sed -n 's/^startup: first interactive screen after \([0-9]*\) ms$/\1/p' "$log"; }

# 1. The first start: the welcome screen, and nothing written yet.
start_app
ok "first start: the first screen after $(startup_ms) ms"
[ ! -e "$XDG_DATA_HOME/regie/vault.regie" ] || fail "the first start made a vault before the person asked"
# The window's class is what the desktop entry's StartupWMClass names, so
# a desktop groups the window with its launcher.
wm_class="$(xprop -name Regie WM_CLASS 2>&1)" || fail "no window called Regie: $wm_class"
want="$(sed -n 's/^StartupWMClass=//p' "$PKG_DESKTOP")"
grep -qF "\"$want\"" <<<"$wm_class" || fail "the window's $wm_class does not match StartupWMClass=$want"
ok "the window's $wm_class matches the desktop entry's StartupWMClass=$want"
# The WebKitGTK settings the app makes (src-tauri/src/webkit.rs) reach the
# web process that draws the page.
web="$(pgrep -P "$pid" '^WebKitWebProces' | head -n 1 || true)"
[ -n "$web" ] || fail "no WebKitWebProcess under the app"
tr '\0' '\n' < "/proc/$web/environ" | grep -qx 'WEBKIT_DISABLE_DMABUF_RENDERER=1' ||
  fail "the web process runs without WEBKIT_DISABLE_DMABUF_RENDERER=1"
ok "the app's web process runs with WEBKIT_DISABLE_DMABUF_RENDERER=1"
stop_app

# 2. Cold start to the first screen, on a demo vault (as tests/e2e/bench.sh).
: > "$TMPDIR/starts"
for _ in $(seq 1 "$PKG_STARTS"); do
  start_app --demo
  startup_ms >> "$TMPDIR/starts"
  stop_app
done
sort -n "$TMPDIR/starts" | awk '{a[NR]=$1} END {printf "ok: cold start to the first screen (--demo): median %s ms, min %s, max %s (n=%d)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'

# 3. The person's own vault, made by the app (WebDriver), in
# XDG_DATA_HOME, owner-only, and refused by `regie` while the app holds it.
# (A demo vault cannot show that refusal: its key lives only in the app, and
# regie-vault looks for the key before the lock, so `regie` says the key is
# missing.)
node "$here/first-vault.mjs"
