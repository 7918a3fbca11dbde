//! The W3C vc-di-eddsa test vectors for eddsa-jcs-2022, reproduced bit for
//! bit (files in `tests/vectors/w3c-eddsa-jcs-2022`, see PROVENANCE.md).

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use regie_prefs::jcs::canonicalize_object_into;
use regie_prefs::json::{parse_with, NumberPolicy};
use regie_prefs::proof::{self, ProofError};
use regie_prefs::DidKey;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

fn read(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/w3c-eddsa-jcs-2022")
        .join(name);
    std::fs::read_to_string(p).unwrap()
}

fn object(text: &str) -> Map<String, Value> {
    match parse_with(text.as_bytes(), NumberPolicy::Any).unwrap() {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

fn canon(m: &Map<String, Value>) -> String {
    let mut out = Vec::new();
    canonicalize_object_into(m, &mut out);
    String::from_utf8(out).unwrap()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The secret key: multibase of multicodec 0x1300 ("ed25519-priv", varint
/// 0x80 0x26) and the 32-byte seed.
fn key_pair() -> (SigningKey, String) {
    let kp = object(&read("keyPair.json"));
    let secret = kp["privateKeyMultibase"].as_str().unwrap();
    let bytes = bs58::decode(&secret[1..]).into_vec().unwrap();
    assert_eq!(&bytes[..2], &[0x80, 0x26]);
    let seed: [u8; 32] = bytes[2..].try_into().unwrap();
    let public = kp["publicKeyMultibase"].as_str().unwrap().to_owned();
    (SigningKey::from_bytes(&seed), public)
}

fn created() -> DateTime<Utc> {
    "2023-02-24T23:36:38Z".parse().unwrap()
}

#[test]
fn public_key_is_the_did_key_of_the_secret() {
    let (sk, public) = key_pair();
    assert_eq!(DidKey::new(sk.verifying_key()).multibase(), public);
}

#[test]
fn every_intermediate_value_matches() {
    let (sk, _) = key_pair();
    let unsigned = object(&read("unsigned.json"));
    let dir = "eddsa-jcs-2022/";

    assert_eq!(canon(&unsigned), read(&format!("{dir}canonDocJCS.txt")));
    let doc_hash = Sha256::digest(canon(&unsigned).as_bytes());
    assert_eq!(hex(&doc_hash), read(&format!("{dir}docHashJCS.txt")));

    let config = proof::proof_config(&unsigned, &DidKey::new(sk.verifying_key()), created());
    assert_eq!(config, object(&read(&format!("{dir}proofConfigJCS.json"))));
    assert_eq!(canon(&config), read(&format!("{dir}proofCanonJCS.txt")));
    let proof_hash = Sha256::digest(canon(&config).as_bytes());
    assert_eq!(hex(&proof_hash), read(&format!("{dir}proofHashJCS.txt")));

    let combined = proof::hash_data(&config, &unsigned);
    assert_eq!(hex(&combined), read(&format!("{dir}combinedHashJCS.txt")));
}

#[test]
fn signing_reproduces_the_published_proof_value() {
    let (sk, _) = key_pair();
    let unsigned = object(&read("unsigned.json"));
    let signed = proof::sign(unsigned, &sk, created());
    let proof_value = signed["proof"]["proofValue"].as_str().unwrap();
    assert_eq!(proof_value, read("eddsa-jcs-2022/sigBTC58JCS.txt"));
    let raw = bs58::decode(&proof_value[1..]).into_vec().unwrap();
    assert_eq!(hex(&raw), read("eddsa-jcs-2022/sigHexJCS.txt"));
    // The whole signed document is the published one (canonically equal).
    let published = object(&read("eddsa-jcs-2022/signedJCS.json"));
    assert_eq!(canon(&signed), canon(&published));
}

#[test]
fn the_published_signed_document_verifies() {
    let published = parse_with(
        read("eddsa-jcs-2022/signedJCS.json").as_bytes(),
        NumberPolicy::Any,
    )
    .unwrap();
    let (checked, unsecured) = proof::verify(published.clone()).unwrap();
    assert_eq!(checked.created, created());
    assert_eq!(unsecured, object(&read("unsigned.json")));

    // One changed character in the content breaks it.
    let mut changed = published.clone();
    changed["credentialSubject"]["alumniOf"] = "The School of Exampels".into();
    assert_eq!(
        proof::verify(changed).unwrap_err(),
        ProofError::BadSignature
    );

    // So does a changed proof option.
    let mut changed = published;
    changed["proof"]["created"] = "2023-02-24T23:36:39Z".into();
    assert_eq!(
        proof::verify(changed).unwrap_err(),
        ProofError::BadSignature
    );
}
