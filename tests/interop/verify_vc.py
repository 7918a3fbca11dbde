#!/usr/bin/env python3
"""An independent verifier for eddsa-jcs-2022 Data Integrity proofs.

Written from the W3C "Data Integrity EdDSA Cryptosuites v1.0" specification
and Regie's docs/spec/preference-file.md only, with public libraries: the
`rfc8785` package for JSON canonicalisation, `cryptography` for Ed25519 and
`base58` for multibase. It shares no code with Regie, so a file that passes
here and in Regie is interoperable, not merely self-consistent.

A key-rotation announcement carries a proof set (Data Integrity): a list
of proofs, each made over the document without "proof". Regie's
specification (section 7) asks for exactly two, the issuer's (old key)
first and then the new key's, so that the sender proves it holds the key it
names; both are checked here.

The files of delivery are checked too, from their specifications only: a
link request (preference-file.md section 10), whose link code's check
character is recomputed here; an organisation's receipt (receipt.md),
which can be checked against the file it is for; and a signed declaration
(declaration.md, version 2), which is not a credential and has no
@context, and must be signed by the receipt key it names (for a key
change: by the previous key, then by that one).

Usage: verify_vc.py FILE...      exit 0 if every file verifies, 1 otherwise.
       verify_vc.py --receipt-for SENT RECEIPT...   also require each
                                      receipt to be about the file SENT.
       verify_vc.py --link-codes FILE   read each typed text of the link-code
                                      vectors as the specification says, and
                                      agree with the code or error they give.
       verify_vc.py --tamper IN OUT   write IN with one signed value changed.
       verify_vc.py --drop-second-proof IN OUT   write IN without its
                                      second proof.
"""
import hashlib
import json
import sys

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ED25519_PUB_MULTICODEC = b"\xed\x01"


class Rejected(Exception):
    pass


def no_duplicates(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise Rejected(f"duplicate key {k!r}")
        obj[k] = v
    return obj


def did_key_public(did):
    if not did.startswith("did:key:z"):
        raise Rejected(f"not an Ed25519 did:key: {did}")
    raw = base58.b58decode(did[len("did:key:z"):])
    if len(raw) != 34 or raw[:2] != ED25519_PUB_MULTICODEC:
        raise Rejected("did:key is not an Ed25519 public key")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def verify_proof(unsecured, proof):
    """Checks one proof over the document without "proof"; returns its signer's DID."""
    if not isinstance(proof, dict):
        raise Rejected("a proof is not an object")
    proof = dict(proof)
    if proof.get("type") != "DataIntegrityProof":
        raise Rejected("proof type is not DataIntegrityProof")
    if proof.get("cryptosuite") != "eddsa-jcs-2022":
        raise Rejected("cryptosuite is not eddsa-jcs-2022")
    if proof.get("proofPurpose") != "assertionMethod":
        raise Rejected("proof purpose is not assertionMethod")
    proof_value = proof.pop("proofValue", None)
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        raise Rejected("proofValue is not base58btc multibase")
    # Section 3.3.x: the proof configuration carries the document's @context.
    if "@context" in unsecured:
        if proof.get("@context", unsecured["@context"]) != unsecured["@context"]:
            raise Rejected("proof @context differs from the document's")
        proof["@context"] = unsecured["@context"]
    elif "@context" in proof:
        # A document without one (a signed declaration): a proof that
        # names a context signs something the document does not say.
        raise Rejected("the proof has an @context, the document has none")
    vm = proof.get("verificationMethod", "")
    did, _, fragment = vm.partition("#")
    if fragment != did[len("did:key:"):]:
        raise Rejected("verification method fragment is not the key itself")
    public = did_key_public(did)
    hash_data = hashlib.sha256(rfc8785.dumps(proof)).digest() + hashlib.sha256(rfc8785.dumps(unsecured)).digest()
    signature = base58.b58decode(proof_value[1:])
    if len(signature) != 64:
        raise Rejected("signature is not 64 bytes")
    try:
        public.verify(signature, hash_data)
    except InvalidSignature:
        raise Rejected(f"bad signature by {did}")
    return did


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def link_code_is_good(code):
    """A link code in its normal form with a matching check character:
    the sum of the characters weighted by x^11 ... x^0 in GF(2^5) modulo
    x^5 + x^2 + 1 is zero (preference-file.md section 10.1)."""
    groups = code.split("-")
    if len(groups) != 3 or any(len(g) != 4 for g in groups):
        return False
    chars = "".join(groups)
    if any(c not in CROCKFORD for c in chars):
        return False
    acc = 0
    for c in chars[:-1]:
        acc ^= CROCKFORD.index(c)
        acc <<= 1
        if acc & 0x20:
            acc ^= 0x25
    return acc == CROCKFORD.index(chars[-1])


def read_typed_code(typed):
    """What a person typed, read as preference-file.md section 10.1 says:
    the code in its normal form, or the error's code."""
    values = []
    for c in typed:
        if c.isspace() or c == "-":
            continue
        c = {"O": "0", "I": "1", "L": "1"}.get(c.upper(), c.upper())
        if c not in CROCKFORD:
            return ("error", "link-code-invalid-character")
        values.append(c)
    if not values:
        return ("error", "link-code-empty")
    if len(values) != 12:
        return ("error", "link-code-wrong-length")
    code = "".join(values)
    normal = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    if not link_code_is_good(normal):
        return ("error", "link-code-typo")
    return ("code", normal)


def check_link_code_vectors(path):
    failed = 0
    for entry in load(path):
        want = ("code", entry["code"]) if "code" in entry else ("error", entry["error"])
        got = read_typed_code(entry["typed"])
        if got != want:
            print(f"DISAGREE on {entry['typed']!r}: the vector says {want}, this reading {got}")
            failed += 1
    print(f"link codes: {'all agree' if not failed else f'{failed} disagree'}")
    return 1 if failed else 0


def check_declaration(unsecured, proof, signers):
    """A signed declaration: by the receipt key it names, or a key change
    signed by the previous key and then by that one."""
    key = unsecured.get("delivery", {}).get("receipt_key")
    if isinstance(proof, list):
        if len(signers) != 2 or signers[0] == signers[1]:
            raise Rejected("a declaration's key change is signed by the previous key, then by the new one")
    if signers[-1] != key:
        raise Rejected("the declaration is not signed by the receipt key it names")
    if not unsecured.get("delivery", {}).get("inbox", "").startswith("https://"):
        raise Rejected("the inbox is not an https URL")


def verify(doc):
    """Returns the verified document without its proof, or raises Rejected."""
    if not isinstance(doc, dict) or "proof" not in doc:
        raise Rejected("no proof")
    unsecured = dict(doc)
    proof = unsecured.pop("proof")
    # One proof, or a proof set: every proof in a set is over the same
    # document without "proof", and each must verify.
    proofs = proof if isinstance(proof, list) else [proof]
    if not proofs:
        raise Rejected("empty proof set")
    signers = [verify_proof(unsecured, p) for p in proofs]
    issuer = unsecured.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    # Regie's files are issued by the did:key that signs them (the first
    # proof's); other issuers (such as the W3C example's https URL) are
    # resolved elsewhere.
    if isinstance(issuer, str) and issuer.startswith("did:key:") and issuer != signers[0]:
        raise Rejected("the proof's key is not the issuer's")
    types = unsecured.get("type")
    if unsecured.get("format") == "regie-declaration/2":
        check_declaration(unsecured, proof, signers)
    if isinstance(types, list) and ("RegieLinkRequest" in types or "RegieReceipt" in types):
        if isinstance(proof, list):
            raise Rejected("a link request or a receipt has one proof")
    if isinstance(types, list) and "RegieLinkRequest" in types:
        if not link_code_is_good(unsecured.get("credentialSubject", {}).get("linkCode", "")):
            raise Rejected("the link code is not in its normal form, or its check character does not match")
    if isinstance(types, list) and "RegieKeyRotation" in types:
        # Regie section 7: the old key's proof, then the new key's.
        if not isinstance(proof, list) or len(signers) != 2:
            raise Rejected("a key rotation needs two proofs, by the old key and by the new key")
        new_key = unsecured.get("credentialSubject", {}).get("newKey")
        if signers[1] != new_key:
            raise Rejected("the second proof of the key rotation is not by its newKey")
    return unsecured


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"), object_pairs_hook=no_duplicates)


def tamper(src, dst):
    """Changes one signed value, one that matters for the kind of file."""
    doc = load(src)
    types = doc.get("type", [])
    if doc.get("format") == "regie-declaration/2":
        doc["delivery"]["inbox"] = "https://inbox.attacker.example/v1/inbox"
    elif "RegieReceipt" in types:
        doc["credentialSubject"]["outcome"] = "rejected"
    elif "RegieLinkRequest" in types:
        doc["credentialSubject"]["audience"]["name"] += " (copy)"
    else:
        push = doc["credentialSubject"]["contactPreferences"]["allowed"]["push"]
        push["marketing"] = not push["marketing"]
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)


def drop_second_proof(src, dst):
    doc = load(src)
    del doc["proof"][1]
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)


def main(argv):
    if len(argv) == 3 and argv[0] == "--tamper":
        tamper(argv[1], argv[2])
        return 0
    if len(argv) == 3 and argv[0] == "--drop-second-proof":
        drop_second_proof(argv[1], argv[2])
        return 0
    if len(argv) == 2 and argv[0] == "--link-codes":
        return check_link_code_vectors(argv[1])
    sent_hash = None
    if len(argv) >= 3 and argv[0] == "--receipt-for":
        with open(argv[1], "rb") as f:
            sent_hash = hashlib.sha256(f.read()).hexdigest()
        argv = argv[2:]
    failed = 0
    for path in argv:
        try:
            doc = verify(load(path))
            subject = doc.get("credentialSubject", {})
            if sent_hash is not None:
                if subject.get("receivedFile", {}).get("sha256") != sent_hash:
                    raise Rejected("the receipt is not about the file sent")
            if "format" in doc:
                what = f"declaration of {doc.get('organisation', {}).get('id', '?')}"
            elif "controller" in subject:
                what = f"receipt of {subject['controller'].get('id', '?')}: {subject.get('outcome')}"
            else:
                audience = subject.get("audience", {}).get("id", "?")
                what = f"for {audience}, sequence {subject.get('sequence', '-')}"
            print(f"ok {path}: {what}")
        except (Rejected, ValueError, KeyError, AttributeError, TypeError) as e:
            print(f"REJECTED {path}: {e}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
