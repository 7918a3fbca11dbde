#!/usr/bin/env bash
# Regie as a person installs it: builds the .deb and .rpm (scripts/package.sh),
# unpacks the .deb into a throwaway root and checks what is in it, then
# starts the unpacked app under Xvfb with a fresh HOME as installed.
#
#   tests/package/run.sh            # PKG_NO_BUILD=1: use the packages already built
#   PKG_STARTS=10 tests/package/run.sh   # cold starts to time (default 5)
#
# Checked: both binaries are there and `regie` runs; every library they
# need is found on this system; the package depends on WebKitGTK and GTK;
# the desktop entry passes desktop-file-validate and names the binary and
# icon that are there; the AppStream file passes appstreamcli validate and
# names this version and the desktop entry; the icons are there in every
# size and really are that size; no build path (the checkout, $HOME, the
# Cargo home, the build output) is left in any file; the .rpm holds the
# same files. Then, in tests/package/installed.sh: the first screen
# appears, in a window that the desktop entry's StartupWMClass matches;
# the cold start to the first screen (--demo, median); the app makes the
# person's vault (through WebDriver) under $XDG_DATA_HOME, owner-only, and
# the `regie` command refuses it as in use while the app holds it open.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$repo/scripts/env.sh"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
fail() { echo "package: FAILED: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

if [ "${PKG_NO_BUILD:-}" = 1 ]; then
  version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)"
  deb="$CARGO_TARGET_DIR/dist/bundle/deb/Regie_${version}_amd64.deb"
  rpm="$CARGO_TARGET_DIR/dist/bundle/rpm/Regie-${version}-1.x86_64.rpm"
else
  start=$(date +%s)
  "$repo/scripts/package.sh" | tee "$scratch/package.log"
  echo "package: built in $(($(date +%s) - start)) s"
  deb="$(sed -n 's/^deb: //p' "$scratch/package.log")"
  rpm="$(sed -n 's/^rpm: //p' "$scratch/package.log")"
fi
[ -f "$deb" ] && [ -f "$rpm" ] || fail "no packages: deb '$deb', rpm '$rpm'"
echo "package: .deb $(stat -c %s "$deb") bytes, .rpm $(stat -c %s "$rpm") bytes"

echo "== the .deb's control data"
pkg_version="$(dpkg-deb -f "$deb" Version)"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "  $(dpkg-deb -f "$deb" Package) $pkg_version, Depends: $depends"
[ "$(dpkg-deb -f "$deb" Package)" = regie ] || fail "the package is not called regie"
for d in libwebkit2gtk-4.1-0 libgtk-3-0; do
  grep -qE "(^|, )$d( |,|$)" <<<"$depends" || fail "the .deb does not depend on $d: $depends"
done
ok "the .deb is regie $pkg_version and depends on WebKitGTK and GTK"

root="$scratch/root"
dpkg-deb -x "$deb" "$root"
app="$root/usr/bin/regie-app"
regie="$root/usr/bin/regie"

echo "== binaries"
for b in "$app" "$regie"; do
  [ -x "$b" ] || fail "${b#"$root"} is missing or not executable"
  missing="$(ldd "$b" | grep 'not found' || true)"
  [ -z "$missing" ] || fail "${b#"$root"} needs libraries this system lacks: $missing"
done
said="$("$regie" --version)" || fail "regie --version exits $?"
grep -qF "$pkg_version" <<<"$said" || fail "regie --version says '$said', not $pkg_version"
"$regie" --help >/dev/null || fail "regie --help exits $?"
[[ "$(REGIE_LANG=nl "$regie" --help)" == *kluis* ]] || fail "regie --help in Dutch does not speak of the kluis"
ok "usr/bin/regie-app and usr/bin/regie are there, find their libraries; regie --version: $said"

# Each library the binaries link against comes from a package that the
# .deb's dependencies pull in, so installing it on a bare system works.
closure="$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances ${depends//,/} | grep -v '^ ' | sort -u)"
for b in "$app" "$regie"; do
  for so in $(readelf -d "$b" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
    path="$(ldd "$b" | awk -v so="$so" '$1 == so && !done {print $3; done = 1}')"
    [ -n "$path" ] || continue # the loader itself
    owner="$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null || true)"
    owner="${owner%%:*}"
    grep -qxF "$owner" <<<"$closure" ||
      fail "${b#"$root"} needs $so from '$owner', which the .deb's Depends ($depends) do not bring"
  done
done
ok "every library the binaries link against comes with the .deb's Depends"

echo "== desktop entry"
desktop="$root/usr/share/applications/Regie.desktop"
[ -f "$desktop" ] || fail "no desktop entry at ${desktop#"$root"}"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects ${desktop#"$root"}"
entry() { sed -n "s/^$1=//p" "$desktop"; }
[ "$(entry Exec)" = regie-app ] || fail "Exec is '$(entry Exec)', not regie-app"
[ "$(entry Icon)" = regie-app ] || fail "Icon is '$(entry Icon)', not regie-app"
for k in 'Comment' 'Comment\[nl\]' 'GenericName' 'GenericName\[nl\]'; do
  [ -n "$(entry "$k")" ] || fail "the desktop entry has no $k"
done
ok "${desktop#"$root"} passes desktop-file-validate: $(entry Name), \"$(entry 'Comment\[nl\]')\""

echo "== AppStream metadata"
meta="$root/usr/share/metainfo/nl.regie.app.metainfo.xml"
[ -f "$meta" ] || fail "no metainfo at ${meta#"$root"}"
appstreamcli validate --no-net "$meta" || fail "appstreamcli validate rejects ${meta#"$root"}"
grep -qF "<release version=\"$pkg_version\"" "$meta" || fail "the metainfo has no release $pkg_version"
grep -qF '<launchable type="desktop-id">Regie.desktop</launchable>' "$meta" ||
  fail "the metainfo does not launch Regie.desktop"
for lang in nl; do
  grep -q "<summary xml:lang=\"$lang\">" "$meta" || fail "the metainfo has no summary in $lang"
done
ok "${meta#"$root"} passes appstreamcli validate --no-net, names release $pkg_version and Regie.desktop"

echo "== icons"
for s in 32 64 128 256 512; do
  icon="$root/usr/share/icons/hicolor/${s}x${s}/apps/regie-app.png"
  [ -f "$icon" ] || fail "no ${s}x${s} icon"
  got="$(identify -format '%wx%h' "$icon")"
  [ "$got" = "${s}x${s}" ] || fail "the ${s}x${s} icon is $got"
done
ok "icons 32, 64, 128, 256 and 512 px, each that size"

echo "== no build paths"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
for p in "$repo" "$HOME/" "$cargo_home" "$CARGO_TARGET_DIR" "$HOME/.cache/regie"; do
  found="$(grep -r -a -l -F -- "$p" "$root" || true)"
  [ -z "$found" ] || fail "build path $p is in: ${found//$root/}"
done
ok "neither $repo nor $HOME/ (the Cargo home, the build output) is in any file"

echo "== the .rpm"
deb_files="$(cd "$root" && find . -type f -printf '/%P\n' | sort)"
rpm_files="$(rpm -qlp "$rpm" 2>/dev/null | sort)"
if [ "$deb_files" != "$rpm_files" ]; then
  diff <(echo "$deb_files") <(echo "$rpm_files") >&2 || true
  fail "the .rpm and the .deb hold different files"
fi
ok "the .rpm holds the same $(wc -l <<<"$rpm_files") files; requires: $(rpm -qpR "$rpm" 2>/dev/null | grep -v '^rpmlib' | tr '\n' ' ')"

echo "== the installed app, under Xvfb"
home="$scratch/home"
mkdir -p "$home" "$scratch/run" "$scratch/tmp" && chmod 700 "$scratch/run"
# (setup.sh installs tests/e2e/node_modules, with tauri-driver)
env -i PATH="$PATH" HOME="$home" XDG_RUNTIME_DIR="$scratch/run" TMPDIR="$scratch/tmp" \
  XDG_DATA_HOME="$home/data" LANG=C.UTF-8 \
  PKG_APP="$app" PKG_REGIE="$regie" PKG_DESKTOP="$desktop" PKG_STARTS="${PKG_STARTS:-5}" \
  PKG_TAURI_DRIVER="$repo/tests/e2e/node_modules/.bin/tauri-driver" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  "$repo/scripts/with-keyring.sh" bash "$here/installed.sh"
