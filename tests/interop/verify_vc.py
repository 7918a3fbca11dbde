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

Usage: verify_vc.py FILE...      exit 0 if every file verifies, 1 otherwise.
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
    doc = load(src)
    subject = doc["credentialSubject"]
    push = subject["contactPreferences"]["allowed"]["push"]
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
    failed = 0
    for path in argv:
        try:
            doc = verify(load(path))
            subject = doc.get("credentialSubject", {})
            audience = subject.get("audience", {}).get("id", "?")
            print(f"ok {path}: for {audience}, sequence {subject.get('sequence', '?')}")
        except (Rejected, ValueError, KeyError, AttributeError) as e:
            print(f"REJECTED {path}: {e}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
