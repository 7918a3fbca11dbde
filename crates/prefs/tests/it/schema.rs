//! The JSON Schema in docs/spec agrees with the Rust types: every valid
//! file passes it, and files with content the format does not have fail
//! both the schema and verification.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::vectors::{all_vectors, now, options};

fn validator() -> jsonschema::Validator {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/spec/preference-file.schema.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// Error codes about the content's shape, which the schema also catches.
const SHAPE_CODES: [&str; 9] = [
    "wrong-context",
    "wrong-credential-type",
    "missing-proof",
    "wrong-proof-type",
    "wrong-cryptosuite",
    "wrong-proof-purpose",
    "unknown-field",
    "unknown-enum-value",
    "invalid-field",
];

/// Vectors whose proofs have the wrong shape for their kind of file, which
/// the schema also catches (who made a proof, it cannot see).
const SHAPE_VECTORS: [&str; 5] = [
    "fail_unproven-key-rotation_version-1.json",
    "fail_unproven-key-rotation_one-proof-object.json",
    "fail_unproven-key-rotation_second-proof-missing.json",
    "fail_unproven-key-rotation_extra-proof.json",
    "fail_malformed-proof_proof-set-on-preferences.json",
];

#[test]
fn schema_agrees_with_the_vectors() {
    let v = validator();
    let mut checked = 0;
    for (name, bytes) in all_vectors() {
        let Ok(doc) = serde_json::from_slice::<Value>(&bytes) else {
            continue;
        };
        if name.starts_with("valid_") {
            let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            checked += 1;
        } else {
            let code = name["fail_".len()..].split('_').next().unwrap();
            // What a pattern cannot see: a time's fraction inside a proof
            // (its pattern is the time's), and a link code's check
            // character.
            let unseen = name.contains("fractional-created") || name.contains("link-code-typo");
            let shape = SHAPE_CODES.contains(&code) && !unseen;
            if shape || SHAPE_VECTORS.contains(&name.as_str()) {
                assert!(!v.is_valid(&doc), "{name} passes the schema");
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "{checked}");
    let names: Vec<String> = all_vectors().into_keys().collect();
    for name in SHAPE_VECTORS {
        assert!(names.iter().any(|n| n == name), "no vector {name}");
    }
}

#[test]
fn a_file_outside_the_schema_is_rejected_by_the_parser_too() {
    let v = validator();
    let file = crate::vectors::valid_file(regie_model::Language::Nl);
    let mut doc: Value = serde_json::from_slice(&file).unwrap();
    // A weekly cap of 0 is outside the schema (1 to 1000).
    doc["credentialSubject"]["contactPreferences"]["max_per_week"] = json!(0);
    assert!(!v.is_valid(&doc));
    let Value::Object(mut m) = doc else { panic!() };
    m.remove("proof");
    let signed = regie_prefs::proof::sign(
        m,
        &regie_prefs::example::example_key(),
        regie_prefs::example::example_time(),
    );
    let bytes = regie_prefs::jcs::to_pretty(&Value::Object(signed));
    let err = regie_prefs::verify(&bytes, now(), &options()).unwrap_err();
    assert_eq!(
        err.kind,
        regie_prefs::VerifyErrorKind::InvalidField,
        "{err}"
    );
}
