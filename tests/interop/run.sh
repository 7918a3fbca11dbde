#!/usr/bin/env bash
# Interoperability: files exported by Regie verify with an independent
# implementation (Python, public libraries only), and a file that the
# independent implementation tampers with is rejected by Regie. The same
# holds for a key rotation, whose two proofs (old key, new key) are both
# checked independently; without its second proof Regie rejects it. And for
# the files of delivery: a link request, a receipt and a signed declaration
# (also one with a key change) made by Regie verify independently, and
# tampered ones are refused by both.
#
# Usage: tests/interop/run.sh   (after `cargo build -p regie-cli`; it builds
# the small example program that makes the files of delivery itself)
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
# Succeeds if the command fails and its output names the error code.
fails_with() { # code, command...
  local code="$1" out; shift
  if out=$("$@" 2>&1); then echo "$out"; return 1; fi
  echo "$out"
  grep -q "\"$code\"" <<<"$out"
}

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

# Key rotation: both proofs verify independently; without the new key's
# proof the announcement proves nothing, and Regie says so.
"$regie" --vault "$work/demo.regie" rotate kvk:99999901 --out "$work/rotation.json" >/dev/null
check "a key rotation exported by Regie has two proofs that verify independently" \
  "$py" "$here/verify_vc.py" "$work/rotation.json"
check "Regie verifies its own key rotation" "$regie" verify "$work/rotation.json"
"$py" "$here/verify_vc.py" --drop-second-proof "$work/rotation.json" "$work/unproven.json"
check "a key rotation without its second proof is rejected by Regie (unproven-key-rotation)" \
  fails_with unproven-key-rotation "$regie" --json verify "$work/unproven.json"
check "... and by the independent verifier" fails "$py" "$here/verify_vc.py" "$work/unproven.json"
vectors="$root/crates/prefs/tests/vectors/regie"
check "the independent verifier accepts every valid vector (v1 preference file and rotation too)" \
  "$py" "$here/verify_vc.py" "$vectors"/valid_*.json
for f in "$vectors"/fail_unproven-key-rotation_*.json "$vectors"/fail_bad-signature_new-key-proof-tampered.json; do
  check "the independent verifier rejects $(basename "$f")" fails "$py" "$here/verify_vc.py" "$f"
done

# Delivery. Until the command lines make them, a small example program of
# regie-declaration makes the files, signed now with the public TEST keys,
# and checks them as the person's or the organisation's side would.
cargo build -q -p regie-declaration --example interop
files="$CARGO_TARGET_DIR/debug/examples/interop"
d="$work/delivery"
"$files" make "$d"
check "a link request made by Regie verifies independently, its link code's check character too" \
  "$py" "$here/verify_vc.py" "$d/link-request.json"
check "a receipt made by Regie verifies independently, and is about the file it names" \
  "$py" "$here/verify_vc.py" --receipt-for "$d/preference-file.json" "$d/receipt.json"
check "a signed declaration made by Regie verifies independently, a key change's two proofs too" \
  "$py" "$here/verify_vc.py" "$d/declaration.json" "$d/declaration-key-change.json"
check "Regie verifies its own link request" "$files" check-link-request "$d/link-request.json"
check "Regie verifies its own receipt for the file it names" \
  "$files" check-receipt "$d/receipt.json" "$d/preference-file.json"
check "Regie reads its own signed declaration, and its key change, with the first key pinned" \
  sh -c '"$1" check-declaration "$2" && "$1" check-declaration "$3"' _ \
  "$files" "$d/declaration.json" "$d/declaration-key-change.json"
for kind in link-request receipt declaration declaration-key-change; do
  "$py" "$here/verify_vc.py" --tamper "$d/$kind.json" "$d/tampered-$kind.json"
done
check "a link request tampered with in Python is rejected by Regie (bad-signature)" \
  fails_with bad-signature "$files" check-link-request "$d/tampered-link-request.json"
check "a receipt tampered with in Python is rejected by Regie (bad-signature)" \
  fails_with bad-signature "$files" check-receipt "$d/tampered-receipt.json" "$d/preference-file.json"
check "a declaration whose inbox was changed in Python is rejected by Regie (bad-signature)" \
  fails_with bad-signature "$files" check-declaration "$d/tampered-declaration.json"
check "... also when it carries a key change" \
  fails_with bad-signature "$files" check-declaration "$d/tampered-declaration-key-change.json"
for kind in link-request receipt declaration declaration-key-change; do
  check "... and the tampered $kind by the independent verifier" \
    fails "$py" "$here/verify_vc.py" "$d/tampered-$kind.json"
done
check "a receipt about another file is refused by Regie (wrong-file)" \
  fails_with wrong-file "$files" check-receipt "$d/receipt.json" "$d/link-request.json"
check "... and by the independent verifier" \
  fails "$py" "$here/verify_vc.py" --receipt-for "$d/link-request.json" "$d/receipt.json"
check "the independent reading of typed link codes agrees with every link-code vector" \
  "$py" "$here/verify_vc.py" --link-codes "$root/crates/prefs/tests/vectors/link-codes.json"
receipts="$root/crates/prefs/tests/vectors/receipt"
signed="$root/crates/declaration/tests/signed"
check "the independent verifier accepts every valid receipt and signed declaration vector" \
  "$py" "$here/verify_vc.py" "$receipts"/valid_*.json "$signed"/valid_*.json
for f in "$vectors"/fail_invalid-field_link-code-typo.json "$receipts"/fail_bad-signature_*.json \
  "$signed"/fail_bad-signature_*.json "$signed"/fail_signer-not-receipt-key_*.json \
  "$signed"/fail_wrong-context_proof-with-context.json "$signed"/fail_malformed-proof_change-signed-twice-by-the-new-key.json; do
  check "the independent verifier rejects $(basename "$(dirname "$f")")/$(basename "$f")" \
    fails "$py" "$here/verify_vc.py" "$f"
done

echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
