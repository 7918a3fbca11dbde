#!/usr/bin/env python3
"""An independent verifier for eddsa-jcs-2022 Data Integrity proofs.

Written from the W3C "Data Integrity EdDSA Cryptosuites v1.0" specification
and Regie's docs/spec/preference-file.md only, with public libraries: the
`rfc8785` package for JSON canonicalisation, `cryptography` for Ed25519 and
`base58` for multibase. It shares no code with Regie, so a file that passes
here and in Regie is interoperable, not merely self-consistent.

Usage: verify_vc.py FILE...      exit 0 if every file verifies, 1 otherwise.
       verify_vc.py --tamper IN OUT   write IN with one signed value changed.
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


def verify(doc):
    """Returns the verified document without its proof, or raises Rejected."""
    if not isinstance(doc, dict) or "proof" not in doc:
        raise Rejected("no proof")
    unsecured = dict(doc)
    proof = dict(unsecured.pop("proof"))
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
    vm = proof.get("verificationMethod", "")
    did, _, fragment = vm.partition("#")
    if fragment != did[len("did:key:"):]:
        raise Rejected("verification method fragment is not the key itself")
    issuer = unsecured.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    # Regie's files are issued by the did:key that signs them; other issuers
    # (such as the W3C example's https URL) are resolved elsewhere.
    if isinstance(issuer, str) and issuer.startswith("did:key:") and issuer != did:
        raise Rejected("the proof's key is not the issuer's")
    public = did_key_public(did)
    hash_data = hashlib.sha256(rfc8785.dumps(proof)).digest() + hashlib.sha256(rfc8785.dumps(unsecured)).digest()
    signature = base58.b58decode(proof_value[1:])
    if len(signature) != 64:
        raise Rejected("signature is not 64 bytes")
    try:
        public.verify(signature, hash_data)
    except InvalidSignature:
        raise Rejected("bad signature")
    return unsecured


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"), object_pairs_hook=no_duplicates)


def tamper(src, dst):
    doc = load(src)
    subject = doc["credentialSubject"]
    push = subject["contactPreferences"]["allowed"]["push"]
    push["marketing"] = not push["marketing"]
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)


def main(argv):
    if len(argv) == 3 and argv[0] == "--tamper":
        tamper(argv[1], argv[2])
        return 0
    failed = 0
    for path in argv:
        try:
            doc = verify(load(path))
            subject = doc.get("credentialSubject", {})
            audience = subject.get("audience", {}).get("id", "?")
            print(f"ok {path}: for {audience}, sequence {subject.get('sequence', '?')}")
        except (Rejected, ValueError, KeyError) as e:
            print(f"REJECTED {path}: {e}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
