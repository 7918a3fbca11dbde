#!/usr/bin/env python3
"""A baseline importer-verifier for regie-org's import benchmark.

What an organisation could build in an afternoon from public Python
libraries: `rfc8785` (JSON canonicalisation), `cryptography` (Ed25519),
`base58` (multibase) and the standard library's `sqlite3`. It verifies each
eddsa-jcs-2022 file (proof options, issuer = signing key, audience), then
keeps the highest sequence per enrolled customer with the file as
evidence and a history row, committing every 2048 files, like regie-org.
It shares no code with Regie.

Usage: import_baseline.py FILES_DIR CUSTOMERS_CSV DB_PATH ORG_ID
Prints "files/s N" (accepted files per second, verification and storage,
one process) and exits 1 if any file was rejected.
"""
import hashlib
import json
import os
import sqlite3
import sys
import time

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


class Rejected(Exception):
    pass


def unique_keys(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise Rejected(f"duplicate key {k}")
        out[k] = v
    return out


def verify(raw, org_id):
    doc = json.loads(raw.decode("utf-8"), object_pairs_hook=unique_keys)
    if not isinstance(doc, dict):
        raise Rejected("not an object")
    proof = doc.pop("proof", None)
    if not isinstance(proof, dict):
        raise Rejected("no proof")
    proof = dict(proof)
    if (proof.get("type"), proof.get("cryptosuite"), proof.get("proofPurpose")) != (
        "DataIntegrityProof", "eddsa-jcs-2022", "assertionMethod"):
        raise Rejected("not an eddsa-jcs-2022 assertion proof")
    value = proof.pop("proofValue", "")
    if not value.startswith("z"):
        raise Rejected("proofValue is not base58btc")
    proof["@context"] = doc.get("@context")
    did, _, frag = proof.get("verificationMethod", "").partition("#")
    if not did.startswith("did:key:z") or frag != did[8:] or doc.get("issuer") != did:
        raise Rejected("the signing key is not the issuer")
    key = base58.b58decode(did[9:])
    if len(key) != 34 or key[:2] != b"\xed\x01":
        raise Rejected("not an Ed25519 did:key")
    data = hashlib.sha256(rfc8785.dumps(proof)).digest() + hashlib.sha256(rfc8785.dumps(doc)).digest()
    try:
        Ed25519PublicKey.from_public_bytes(key[2:]).verify(base58.b58decode(value[1:]), data)
    except InvalidSignature:
        raise Rejected("bad signature")
    subject = doc["credentialSubject"]
    if subject["audience"]["id"] != org_id:
        raise Rejected("wrong audience")
    return did, subject


SCHEMA = """
CREATE TABLE customers (customer_ref TEXT PRIMARY KEY, did TEXT NOT NULL UNIQUE);
CREATE TABLE accepted_state (customer_ref TEXT PRIMARY KEY, sequence INTEGER NOT NULL,
  effective TEXT, issued TEXT NOT NULL, file_sha256 TEXT NOT NULL);
CREATE TABLE evidence (sha256 TEXT PRIMARY KEY, bytes BLOB NOT NULL);
CREATE TABLE history (id INTEGER PRIMARY KEY, customer_ref TEXT, sha256 TEXT,
  outcome TEXT NOT NULL, message TEXT);
"""


def main(files_dir, customers_csv, db_path, org_id):
    if os.path.exists(db_path):
        os.remove(db_path)
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA)
    with open(customers_csv, encoding="utf-8") as f:
        db.executemany("INSERT INTO customers VALUES (?, ?)",
                       (line.strip().split(",", 1) for line in f if line.strip()))
    db.commit()
    names = sorted(n for n in os.listdir(files_dir) if not n.startswith("."))
    accepted = rejected = 0
    start = time.perf_counter()
    for i, name in enumerate(names):
        with open(os.path.join(files_dir, name), "rb") as f:
            raw = f.read(65537)
        sha = hashlib.sha256(raw).hexdigest()
        try:
            did, subject = verify(raw, org_id)
            row = db.execute("SELECT customer_ref FROM customers WHERE did = ?", (did,)).fetchone()
            if row is None:
                raise Rejected("unknown key")
            customer = row[0]
            effective = json.dumps({"globalSwitch": subject["globalSwitch"],
                                    "contactPreferences": subject["contactPreferences"]})
            cur = db.execute(
                "INSERT INTO accepted_state VALUES (?, ?, ?, ?, ?) ON CONFLICT (customer_ref) DO UPDATE SET"
                " sequence = excluded.sequence, effective = excluded.effective, issued = excluded.issued,"
                " file_sha256 = excluded.file_sha256 WHERE accepted_state.sequence < excluded.sequence",
                (customer, subject["sequence"], effective, subject["issued"], sha))
            if cur.rowcount != 1:
                raise Rejected("replayed or older")
            db.execute("INSERT OR IGNORE INTO evidence VALUES (?, ?)", (sha, raw))
            db.execute("INSERT INTO history (customer_ref, sha256, outcome) VALUES (?, ?, 'accepted')",
                       (customer, sha))
            accepted += 1
        except (Rejected, ValueError, KeyError, TypeError) as e:
            db.execute("INSERT INTO history (sha256, outcome, message) VALUES (?, 'rejected', ?)",
                       (sha, str(e)))
            rejected += 1
        if i % 2048 == 2047:
            db.commit()
    db.commit()
    secs = time.perf_counter() - start
    print(f"accepted {accepted} rejected {rejected} in {secs:.2f} s")
    print(f"files/s {accepted / secs:.0f}")
    return 1 if rejected else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
