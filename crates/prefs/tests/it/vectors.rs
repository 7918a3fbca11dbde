//! Regie's own test vectors, as files in `tests/vectors/regie/`.
//!
//! `valid_*.json` must verify; `fail_<code>_<what>.json` must be rejected
//! with the error kind whose code is `<code>`. All are verified at
//! [`NOW`] by an organisation with id `kvk:33031431`. They are made from
//! the fixed example with the TEST key (see `regie_prefs::example`);
//! `vectors_are_current` checks that the files on disk are exactly what the
//! code makes. To rewrite them after a deliberate format change:
//! `REGIE_WRITE_VECTORS=1 cargo test -p regie-prefs --test it vectors_are_current`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ed25519_dalek::{Signer, SigningKey};
use regie_model::{Language, OrgId};
use regie_prefs::example::{
    example_key, example_link_request, example_org, example_receipt, example_receipt_key,
    example_subject, example_time, TEST_MASTER_SECRET,
};
use regie_prefs::json::{parse_with, NumberPolicy};
use regie_prefs::{
    jcs, pairwise_signing_key, pairwise_signing_key_at, proof, verify, DidKey, KeyRotation,
    KeyRotationSubject, LinkRequest, PreferenceFile, Receipt, VerifyErrorKind, VerifyOptions,
    REGIE_CONTEXT_V1, VC_CONTEXT,
};
use serde_json::{json, Map, Value};

/// The time at which every vector is verified.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap()
}

pub fn options() -> VerifyOptions {
    VerifyOptions {
        audience: Some(OrgId::parse("kvk:33031431").unwrap()),
        ..VerifyOptions::default()
    }
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/regie")
}

/// The valid example file.
pub fn valid_file(lang: Language) -> Vec<u8> {
    PreferenceFile::sign(&example_subject(lang, 7), &example_key(), example_time())
        .unwrap()
        .bytes
}

/// The example's next key: epoch 1 of the same master secret and
/// organisation, the key a rotation moves to.
pub fn next_key() -> SigningKey {
    pairwise_signing_key_at(TEST_MASTER_SECRET, &example_org(), 1)
}

/// A key that is neither the example's nor its next one: the same master
/// secret's key for another organisation.
pub fn third_key() -> SigningKey {
    pairwise_signing_key(
        TEST_MASTER_SECRET,
        &OrgId::parse("boekhandel-de-vries").unwrap(),
    )
}

/// The valid link request: the example person asks the example bank to
/// link their key, with the example link code.
pub fn valid_link_request() -> Vec<u8> {
    LinkRequest::sign(
        &example_link_request(Language::Nl),
        &example_key(),
        example_time(),
    )
    .unwrap()
    .bytes
}

/// The valid link request with its content changed by `change`, signed
/// again with the example key.
fn edit_link_request(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = Value::Object(unsigned(&valid_link_request()));
    change(&mut v);
    let Value::Object(m) = v else { panic!() };
    resign(m)
}

/// The valid key-rotation announcement: from the example key to the next
/// one, signed by both.
pub fn valid_rotation() -> Vec<u8> {
    let subject = KeyRotationSubject::new(
        example_subject(Language::Nl, 9).audience,
        9,
        example_time(),
        DidKey::new(next_key().verifying_key()),
        Language::Nl,
    );
    KeyRotation::sign(&subject, &example_key(), &next_key(), example_time())
        .unwrap()
        .bytes
}

pub fn parse(bytes: &[u8]) -> Value {
    parse_with(bytes, NumberPolicy::Any).unwrap()
}

pub fn unsigned(bytes: &[u8]) -> Map<String, Value> {
    let Value::Object(mut m) = parse(bytes) else {
        panic!()
    };
    m.remove("proof");
    m
}

pub fn pretty(m: Map<String, Value>) -> Vec<u8> {
    jcs::to_pretty(&Value::Object(m))
}

/// Signs `doc` as Regie would, after letting `tweak` change the proof
/// configuration.
pub fn sign_tweaked(
    doc: Map<String, Value>,
    key: &SigningKey,
    tweak: impl FnOnce(&mut Map<String, Value>),
) -> Vec<u8> {
    let mut config = proof::proof_config(&doc, &DidKey::new(key.verifying_key()), example_time());
    tweak(&mut config);
    let hash = proof::hash_data(&config, &doc);
    let sig = key.sign(&hash);
    let mut out = doc;
    config.insert(
        "proofValue".into(),
        format!("z{}", bs58::encode(sig.to_bytes()).into_string()).into(),
    );
    out.insert("proof".into(), Value::Object(config));
    pretty(out)
}

fn resign(doc: Map<String, Value>) -> Vec<u8> {
    sign_tweaked(doc, &example_key(), |_| {})
}

/// A re-signed copy of the valid file after `change` edits its content.
fn edit(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = Value::Object(unsigned(&valid_file(Language::Nl)));
    change(&mut v);
    let Value::Object(m) = v else { panic!() };
    resign(m)
}

pub fn replace_once(bytes: &[u8], from: &str, to: &[u8]) -> Vec<u8> {
    let text = bytes;
    let pos = text
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap_or_else(|| panic!("'{from}' not in file"));
    let mut out = text[..pos].to_vec();
    out.extend_from_slice(to);
    out.extend_from_slice(&text[pos + from.len()..]);
    out
}

/// Adds 2^252 + 27742317777372353535851937790883648493 (the group order) to
/// the S half of a signature: the same signature, in a malleable form.
fn malleate(sig: &mut [u8; 64]) {
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for i in 0..32 {
        let s = u16::from(sig[32 + i]) + u16::from(L[i]) + carry;
        sig[32 + i] = s as u8;
        carry = s >> 8;
    }
}

fn with_proof_value(bytes: &[u8], f: impl FnOnce(&mut [u8; 64])) -> Vec<u8> {
    let mut v = parse(bytes);
    change_signature(&mut v["proof"], f);
    jcs::to_pretty(&v)
}

/// Changes the signature in one proof object.
pub fn change_signature(proof: &mut Value, f: impl FnOnce(&mut [u8; 64])) {
    let pv = proof["proofValue"].as_str().unwrap().to_owned();
    let mut sig: [u8; 64] = bs58::decode(&pv[1..])
        .into_vec()
        .unwrap()
        .try_into()
        .unwrap();
    f(&mut sig);
    proof["proofValue"] = format!("z{}", bs58::encode(sig).into_string()).into();
}

/// The valid rotation with its list of proofs changed by `f`.
fn rotation_proofs(f: impl FnOnce(&mut Vec<Value>)) -> Vec<u8> {
    let mut v = parse(&valid_rotation());
    let Value::Array(proofs) = &mut v["proof"] else {
        panic!("a rotation has a list of proofs")
    };
    f(proofs);
    jcs::to_pretty(&v)
}

/// Every vector: file name and bytes.
pub fn all_vectors() -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut add = |name: &str, bytes: Vec<u8>| {
        assert!(
            out.insert(format!("{name}.json"), bytes).is_none(),
            "{name}"
        );
    };
    let valid = valid_file(Language::Nl);
    let key = example_key();
    let other_key = third_key();

    // Valid files.
    add("valid_preferences-nl", valid.clone());
    add("valid_preferences-en", valid_file(Language::En));
    {
        let mut s = example_subject(Language::Nl, 8);
        s = regie_prefs::PreferenceSubject::new(regie_prefs::SubjectInput {
            audience: s.audience,
            sequence: 8,
            issued: example_time(),
            language: Language::Nl,
            preferences: s.contact_preferences,
            global_off: true,
            exempt: false,
            decisions: s.decisions,
            sensitive_categories: s.sensitive_categories,
        });
        add(
            "valid_preferences-global-switch",
            PreferenceFile::sign(&s, &key, example_time())
                .unwrap()
                .bytes,
        );
    }
    add("valid_key-rotation", valid_rotation());
    {
        // A preference file as version 1 wrote it: same content, the
        // version 1 context, still accepted.
        let mut doc = unsigned(&valid);
        doc.insert("@context".into(), json!([VC_CONTEXT, REGIE_CONTEXT_V1]));
        add(
            "valid_preferences-v1-context",
            pretty(proof::sign(doc, &key, example_time())),
        );
    }
    {
        // Other member order, other whitespace, escaped characters: the
        // same canonical content, so the same signature holds.
        let v = parse(&valid);
        let text = serde_json::to_string(&v).unwrap();
        let mut reordered = String::from("\r\n\t ");
        let Value::Object(m) = parse(text.as_bytes()) else {
            panic!()
        };
        let mut keys: Vec<_> = m.keys().cloned().collect();
        keys.reverse();
        reordered.push('{');
        for (i, k) in keys.iter().enumerate() {
            if i > 0 {
                reordered.push_str(" ,\n");
            }
            reordered.push_str(&format!(
                "{:?} :\t{}",
                k,
                serde_json::to_string(&m[k]).unwrap()
            ));
        }
        reordered.push_str("}\n\n");
        let reordered = reordered.replace("\"Voorbeeldbank", "\"\\u0056oorbeeldbank");
        add(
            "valid_preferences-reordered-whitespace",
            reordered.into_bytes(),
        );
    }

    // Not JSON the way a signed file must be.
    {
        let mut big = valid.clone();
        big.truncate(big.len() - 2);
        big.extend_from_slice(b",\"padding\":\"");
        big.resize(70 * 1024, b'x');
        big.extend_from_slice(b"\"}\n");
        add("fail_too-large_padding", big);
    }
    add(
        "fail_too-deep_nested-arrays",
        replace_once(
            &valid,
            "\"decisions\": [",
            format!("\"decisions\": [{}{},", "[".repeat(40), "]".repeat(40)).as_bytes(),
        ),
    );
    add(
        "fail_invalid-utf8_name",
        replace_once(&valid, NAME, b"\"name\": \"Voorbeeldbank N.V.\xff\""),
    );
    add(
        "fail_byte-order-mark_bom",
        [&b"\xef\xbb\xbf"[..], &valid].concat(),
    );
    add(
        "fail_trailing-data_second-object",
        [&valid[..], b"{}\n"].concat(),
    );
    add(
        "fail_duplicate-key_top-level",
        replace_once(
            &valid,
            "{\n",
            b"{\n  \"issuer\": \"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\",\n",
        ),
    );
    add(
        "fail_duplicate-key_nested",
        replace_once(
            &valid,
            "\"marketing\": false,",
            b"\"marketing\": false, \"marketing\": true,",
        ),
    );
    add(
        "fail_lone-surrogate_escaped",
        replace_once(&valid, NAME, b"\"name\": \"Voorbeeldbank N.V.\\ud800\""),
    );
    add(
        "fail_lone-surrogate_raw-bytes",
        replace_once(
            &valid,
            NAME,
            b"\"name\": \"Voorbeeldbank N.V.\xed\xa0\x80\"",
        ),
    );
    add(
        "fail_non-reproducible-number_fraction",
        replace_once(&valid, "\"sequence\": 7", b"\"sequence\": 7.0"),
    );
    add(
        "fail_non-reproducible-number_exponent",
        replace_once(&valid, "\"sequence\": 7", b"\"sequence\": 7e0"),
    );
    add(
        "fail_non-reproducible-number_beyond-2-53",
        replace_once(&valid, "\"sequence\": 7", b"\"sequence\": 9007199254740993"),
    );
    add("fail_syntax_truncated", valid[..valid.len() / 2].to_vec());

    // Not a Regie credential, or not signed as Regie signs.
    add(
        "fail_wrong-context_no-regie-context",
        edit(|v| v["@context"] = json!(["https://www.w3.org/ns/credentials/v2"])),
    );
    add(
        "fail_wrong-credential-type_alumni",
        edit(|v| v["type"] = json!(["VerifiableCredential", "AlumniCredential"])),
    );
    add("fail_missing-proof_unsigned", pretty(unsigned(&valid)));
    let doc = unsigned(&valid);
    add(
        "fail_wrong-proof-type_ed25519signature2020",
        sign_tweaked(doc.clone(), &key, |p| {
            p.insert("type".into(), "Ed25519Signature2020".into());
        }),
    );
    add(
        "fail_wrong-cryptosuite_eddsa-rdfc-2022",
        sign_tweaked(doc.clone(), &key, |p| {
            p.insert("cryptosuite".into(), "eddsa-rdfc-2022".into());
        }),
    );
    add(
        "fail_wrong-proof-purpose_authentication",
        sign_tweaked(doc.clone(), &key, |p| {
            p.insert("proofPurpose".into(), "authentication".into());
        }),
    );
    {
        let v = parse(&valid);
        let pv = v["proof"]["proofValue"].as_str().unwrap();
        add(
            "fail_malformed-proof_short-proof-value",
            replace_once(&valid, pv, &pv.as_bytes()[..40]),
        );
    }
    add(
        "fail_malformed-proof_fractional-created",
        sign_tweaked(doc.clone(), &key, |p| {
            p.insert("created".into(), "2026-03-01T09:30:00.000Z".into());
        }),
    );
    add(
        "fail_invalid-verification-method_did-web",
        sign_tweaked(doc.clone(), &key, |p| {
            p.insert(
                "verificationMethod".into(),
                "did:web:voorbeeldbank.nl#key-1".into(),
            );
        }),
    );
    add(
        "fail_verification-method-not-issuer_other-key",
        sign_tweaked(doc.clone(), &other_key, |_| {}),
    );
    add(
        "fail_bad-signature_changed-after-signing",
        replace_once(&valid, "\"marketing\": false", b"\"marketing\": true "),
    );
    add(
        "fail_bad-signature_malleable-s",
        with_proof_value(&valid, malleate),
    );
    add(
        "fail_bad-signature_new-key-proof-tampered",
        rotation_proofs(|p| change_signature(&mut p[1], |sig| sig[40] ^= 1)),
    );
    {
        // A small-order ("weak") public key with R = identity and S = 0:
        // accepted by plain Ed25519 verification for every message,
        // rejected by verify_strict.
        let mut weak = [0u8; 32];
        weak[0] = 1;
        let weak_key = DidKey::new(ed25519_dalek::VerifyingKey::from_bytes(&weak).unwrap());
        let mut doc = doc.clone();
        doc.insert("issuer".into(), weak_key.did().into());
        let mut config = proof::proof_config(&doc, &weak_key, example_time());
        let mut sig = [0u8; 64];
        sig[0] = 1;
        config.insert(
            "proofValue".into(),
            format!("z{}", bs58::encode(sig).into_string()).into(),
        );
        doc.insert("proof".into(), Value::Object(config));
        add("fail_bad-signature_weak-key", pretty(doc));
    }

    // Key rotations that do not prove the sender holds the new key.
    {
        // As version 1 wrote it: the version 1 context and the old key's
        // proof only.
        let mut v = Value::Object(unsigned(&valid_rotation()));
        v["@context"] = json!([VC_CONTEXT, REGIE_CONTEXT_V1]);
        let new_did = DidKey::new(next_key().verifying_key());
        v["credentialSubject"]["summary"]["lines"] = json!([format!(
            "De nieuwe sleutel is {new_did}. Dit bericht is ondertekend met mijn oude sleutel."
        )]);
        let Value::Object(m) = v else { panic!() };
        add(
            "fail_unproven-key-rotation_version-1",
            pretty(proof::sign(m, &key, example_time())),
        );
    }
    add(
        "fail_unproven-key-rotation_one-proof-object",
        pretty(proof::sign(
            unsigned(&valid_rotation()),
            &key,
            example_time(),
        )),
    );
    add(
        "fail_unproven-key-rotation_second-proof-missing",
        rotation_proofs(|p| {
            p.pop();
        }),
    );
    add(
        "fail_unproven-key-rotation_extra-proof",
        pretty(proof::sign_set(
            unsigned(&valid_rotation()),
            &[&key, &next_key(), &other_key],
            example_time(),
        )),
    );
    add(
        "fail_unproven-key-rotation_second-proof-by-third-key",
        pretty(proof::sign_set(
            unsigned(&valid_rotation()),
            &[&key, &other_key],
            example_time(),
        )),
    );
    add(
        "fail_unproven-key-rotation_proofs-swapped",
        rotation_proofs(|p| p.swap(0, 1)),
    );
    add(
        "fail_malformed-proof_proof-set-on-preferences",
        pretty(proof::sign_set(doc.clone(), &[&key], example_time())),
    );

    // Content this version does not have.
    add(
        "fail_unknown-field_top-level",
        edit(|v| v["evidence"] = json!("none")),
    );
    add(
        "fail_unknown-field_subject",
        edit(|v| v["credentialSubject"]["marketingAllowed"] = json!(true)),
    );
    add(
        "fail_unknown-field_contact-preferences",
        edit(|v| v["credentialSubject"]["contactPreferences"]["fax"] = json!(false)),
    );
    add(
        "fail_unknown-field_decision",
        edit(|v| v["credentialSubject"]["decisions"][0]["note"] = json!("ok")),
    );
    add(
        "fail_unknown-field_proof",
        sign_tweaked(doc.clone(), &key, |p| {
            p.insert("expires".into(), "2027-01-01T00:00:00Z".into());
        }),
    );
    add(
        "fail_unknown-enum-value_channel",
        edit(|v| {
            v["credentialSubject"]["contactPreferences"]["allowed"]["fax"] =
                json!({"feedback": false, "marketing": false, "proactive": false})
        }),
    );
    add(
        "fail_unknown-enum-value_decision-state",
        edit(|v| v["credentialSubject"]["decisions"][0]["state"] = json!("maybe")),
    );
    add(
        "fail_unknown-enum-value_legal-basis",
        edit(|v| {
            v["credentialSubject"]["decisions"][0]["legalBasis"] =
                json!("https://w3id.org/dpv/legal/eu/gdpr#A6-1-g")
        }),
    );
    add(
        "fail_unknown-enum-value_language",
        edit(|v| v["credentialSubject"]["summary"]["language"] = json!("de")),
    );
    add(
        "fail_invalid-field_missing-sequence",
        edit(|v| {
            v["credentialSubject"]
                .as_object_mut()
                .unwrap()
                .remove("sequence");
        }),
    );
    add(
        "fail_invalid-field_issued-with-offset",
        edit(|v| v["credentialSubject"]["issued"] = json!("2026-03-01T10:30:00+01:00")),
    );
    add(
        "fail_invalid-field_purpose-not-dpv",
        edit(|v| {
            v["credentialSubject"]["decisions"][0]["purpose"] =
                json!("https://example.com/purposes#Marketing")
        }),
    );
    add(
        "fail_inconsistent_consent-withdrawn-on-contract",
        edit(|v| {
            v["credentialSubject"]["decisions"][0]["legalBasis"] =
                json!("https://w3id.org/dpv/legal/eu/gdpr#A6-1-b")
        }),
    );
    {
        let later = example_time() + Duration::days(1);
        let t = regie_prefs::Timestamp::new(later).to_string();
        add(
            "fail_issued-in-future_tomorrow",
            sign_tweaked(
                {
                    let mut v = Value::Object(doc.clone());
                    v["credentialSubject"]["issued"] = json!(t);
                    v["validFrom"] = json!(t);
                    let Value::Object(m) = v else { panic!() };
                    m
                },
                &key,
                |p| {
                    p.insert("created".into(), t.clone().into());
                },
            ),
        );
    }
    add(
        "fail_wrong-audience_other-organisation",
        edit(|v| v["credentialSubject"]["audience"]["id"] = json!("kvk:12345678")),
    );

    // Link requests.
    add("valid_link-request", valid_link_request());
    add(
        "valid_link-request-en",
        LinkRequest::sign(&example_link_request(Language::En), &key, example_time())
            .unwrap()
            .bytes,
    );
    add(
        "fail_wrong-context_link-request-v1-context",
        edit_link_request(|v| v["@context"] = json!([VC_CONTEXT, REGIE_CONTEXT_V1])),
    );
    {
        // The example code with its last two characters swapped: the
        // check character catches it, in a file as when typed.
        let code = example_link_request(Language::Nl).link_code.to_string();
        let mut chars: Vec<char> = code.chars().collect();
        let n = chars.len();
        chars.swap(n - 1, n - 2);
        let swapped: String = chars.into_iter().collect();
        add(
            "fail_invalid-field_link-code-typo",
            edit_link_request(|v| v["credentialSubject"]["linkCode"] = json!(swapped)),
        );
        add(
            "fail_invalid-field_link-code-not-normal-form",
            edit_link_request(|v| {
                v["credentialSubject"]["linkCode"] = json!(code.to_lowercase().replace('-', " "))
            }),
        );
    }
    add(
        "fail_unknown-field_link-request-customer-number",
        edit_link_request(|v| v["credentialSubject"]["customerNumber"] = json!("C-1001")),
    );
    add(
        "fail_wrong-audience_link-request-other-organisation",
        edit_link_request(|v| v["credentialSubject"]["audience"]["id"] = json!("kvk:12345678")),
    );
    add(
        "fail_malformed-proof_proof-set-on-link-request",
        pretty(proof::sign_set(
            unsigned(&valid_link_request()),
            &[&key],
            example_time(),
        )),
    );
    add("fail_wrong-credential-type_receipt", {
        let receipt = example_receipt(Language::Nl);
        Receipt::sign(&receipt, &example_receipt_key(), receipt.issued.get())
            .unwrap()
            .bytes
    });
    out
}

const NAME: &str = "\"name\": \"Voorbeeldbank N.V.\"";

#[test]
fn vectors_are_current() {
    let want = all_vectors();
    if std::env::var_os("REGIE_WRITE_VECTORS").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        for entry in std::fs::read_dir(dir()).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "json") {
                std::fs::remove_file(p).unwrap();
            }
        }
        for (name, bytes) in &want {
            std::fs::write(dir().join(name), bytes).unwrap();
        }
    }
    for (name, bytes) in &want {
        let on_disk = std::fs::read(dir().join(name))
            .unwrap_or_else(|_| panic!("{name} is missing; run with REGIE_WRITE_VECTORS=1"));
        assert!(
            &on_disk == bytes,
            "{name} differs from what the code makes; if the change is deliberate, run with REGIE_WRITE_VECTORS=1"
        );
    }
}

#[test]
fn every_vector_gives_its_expected_result() {
    let mut seen_kinds = std::collections::BTreeSet::new();
    let mut n = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let result = verify(&bytes, now(), &options());
        if name.starts_with("valid_") {
            assert!(result.is_ok(), "{name}: {}", result.unwrap_err());
        } else {
            let code = name
                .strip_prefix("fail_")
                .and_then(|r| r.split('_').next())
                .unwrap_or_else(|| panic!("{name}: not valid_ or fail_<code>_"));
            let want = VerifyErrorKind::from_code(code)
                .unwrap_or_else(|| panic!("{name}: unknown error code '{code}'"));
            match result {
                Ok(_) => panic!("{name} was accepted"),
                Err(e) => assert_eq!(e.kind, want, "{name}: {e}"),
            }
            seen_kinds.insert(code.to_owned());
        }
        n += 1;
    }
    assert!(n >= 40, "only {n} vectors");
    // Every error kind has at least one vector, here or among the
    // receipts' (the kinds only a receipt can have).
    seen_kinds.extend(crate::receipts::codes_with_a_vector());
    for kind in VerifyErrorKind::ALL {
        assert!(
            seen_kinds.contains(kind.code()),
            "no vector for {}",
            kind.code()
        );
    }
}

#[test]
fn valid_example_is_a_few_kilobytes() {
    let n = valid_file(Language::Nl).len();
    assert!((1000..=6000).contains(&n), "{n} bytes");
}

/// The proof's `@context` must equal the document's (specification 6.3
/// step 4), not merely be a prefix of it as W3C Data Integrity allows:
/// even correctly signed, such a file is refused.
#[test]
fn proof_context_must_equal_the_document_context() {
    let doc = unsigned(&valid_file(Language::Nl));
    for ctx in [
        json!(["https://www.w3.org/ns/credentials/v2"]),
        json!("https://www.w3.org/ns/credentials/v2"),
        json!([
            "https://www.w3.org/ns/credentials/v2",
            "https://w3id.org/regie/v2",
            "https://example.org/extra"
        ]),
        // The other version's context: a proof says which version it signs.
        json!([VC_CONTEXT, REGIE_CONTEXT_V1]),
    ] {
        let bytes = sign_tweaked(doc.clone(), &example_key(), |p| {
            p.insert("@context".into(), ctx.clone());
        });
        let err = verify(&bytes, now(), &options()).unwrap_err();
        assert_eq!(err.kind, VerifyErrorKind::WrongContext, "{ctx}");
    }
    let bytes = sign_tweaked(doc, &example_key(), |p| {
        p.remove("@context");
    });
    let err = verify(&bytes, now(), &options()).unwrap_err();
    assert_eq!(err.kind, VerifyErrorKind::MalformedProof);
}

/// The words of an English sentence, outside quoted text (a quoted value
/// or key comes from the file and may be anything).
pub fn english_words(sentence: &str) -> Vec<String> {
    const ENGLISH: [&str; 16] = [
        "the",
        "not",
        "must",
        "file",
        "signature",
        "expected",
        "found",
        "invalid",
        "unknown",
        "missing",
        "only",
        "accepted",
        "than",
        "after",
        "with",
        "should",
    ];
    let mut outside = String::new();
    let mut quote = None;
    for c in sentence.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' || c == '`' => quote = Some(c),
            None => outside.push(c),
        }
    }
    outside
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

/// Dutch output said "Dit bestand is afgekeurd (bad-signature): the
/// signature does not match ...": the detail of every rejection was
/// English. Every vector's rejection now says what was wrong in Dutch,
/// with no English in it, and the same in English.
#[test]
fn a_rejection_s_detail_is_dutch_in_dutch_and_english_in_english() {
    let mut n = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !name.starts_with("fail_") {
            continue;
        }
        let e = verify(&std::fs::read(&path).unwrap(), now(), &options()).unwrap_err();
        let (nl, en) = (e.message_in(Language::Nl), e.message_in(Language::En));
        assert!(!nl.trim().is_empty() && !en.trim().is_empty(), "{name}");
        assert_ne!(nl, en, "{name}");
        assert_eq!(e.message(), en, "{name}");
        let words = english_words(nl);
        assert!(words.is_empty(), "{name}: English {words:?} in \"{nl}\"");
        assert!(
            !english_words(en).is_empty(),
            "{name}: \"{en}\" reads as no English"
        );
        n += 1;
    }
    assert!(n >= 40, "only {n} vectors");
}

/// A value a type refuses with its own (English) sentence is named by
/// where it is and what belongs there.
#[test]
fn a_refused_value_is_named_by_its_field_in_both_languages() {
    let bytes = std::fs::read(dir().join("fail_invalid-field_purpose-not-dpv.json")).unwrap();
    let e = verify(&bytes, now(), &options()).unwrap_err();
    let nl = e.message_in(Language::Nl);
    assert!(
        nl.contains("credentialSubject.decisions[0].purpose"),
        "{nl}"
    );
    assert!(nl.contains("DPV-doel"), "{nl}");
    assert!(
        e.message()
            .contains("at credentialSubject.decisions[0].purpose"),
        "{}",
        e.message()
    );
    let bytes = std::fs::read(dir().join("fail_unknown-enum-value_legal-basis.json")).unwrap();
    let nl = verify(&bytes, now(), &options())
        .unwrap_err()
        .message_in(Language::Nl)
        .to_owned();
    assert!(
        nl.contains("mogelijk: https://w3id.org/dpv/legal/eu/gdpr#A6-1-a"),
        "{nl}"
    );
}
