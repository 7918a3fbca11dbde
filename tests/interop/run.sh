#!/usr/bin/env bash
# Interoperability: files exported by Regie verify with an independent
# implementation (Python, public libraries only), and a file that the
# independent implementation tampers with is rejected by Regie.
#
# Usage: tests/interop/run.sh   (after `cargo build -p regie-cli`)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/env.sh"
regie="$CARGO_TARGET_DIR/debug/regie"
venv="$HOME/.cache/regie/interop-venv"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi
py="$venv/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export REGIE_PASSPHRASE="interop test passphrase"
export REGIE_LANG=en

passed=0
failed=0
check() { # name, command...
  local name="$1"; shift
  if "$@" >"$work/out.txt" 2>&1; then
    passed=$((passed + 1)); echo "interop: ok: $name"
  else
    failed=$((failed + 1)); echo "interop: FAILED: $name"; sed 's/^/    /' "$work/out.txt"
  fi
}
fails() { ! "$@"; }

# The independent verifier itself is right: it accepts the W3C vector.
check "independent verifier accepts the W3C eddsa-jcs-2022 vector" \
  "$py" "$here/verify_vc.py" "$root/crates/prefs/tests/vectors/w3c-eddsa-jcs-2022/eddsa-jcs-2022/signedJCS.json"

"$regie" --vault "$work/v.regie" init --passphrase >/dev/null
"$regie" --vault "$work/v.regie" org add boekwinkel-test --name "Boekwinkel Test" >/dev/null
"$regie" --vault "$work/demo.regie" demo >/dev/null
"$regie" --vault "$work/demo.regie" contact kvk:99999901 --channel push --kind marketing off >/dev/null
"$regie" --vault "$work/demo.regie" export --all --out "$work/out" >/dev/null
count=$(ls "$work/out"/*.json | wc -l)
check "Regie exported one file per example organisation ($count)" test "$count" -ge 7
check "every exported file verifies independently" "$py" "$here/verify_vc.py" "$work"/out/*.json
bank_file=$(grep -l '"kvk:99999901"' "$work"/out/*.json | head -n 1)
check "Regie verifies its own bank file" "$regie" verify "$bank_file"
"$py" "$here/verify_vc.py" --tamper "$bank_file" "$work/tampered.json"
check "a file tampered with in Python is rejected by Regie" fails "$regie" verify "$work/tampered.json"
check "... and by the independent verifier" fails "$py" "$here/verify_vc.py" "$work/tampered.json"

echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
