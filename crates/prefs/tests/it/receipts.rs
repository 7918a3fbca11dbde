//! Receipts: the vectors in `tests/vectors/receipt/`, the worked examples
//! and the JSON Schema of `docs/spec/receipt.md`, and what a person's side
//! relies on beyond them.
//!
//! Every vector is verified at [`now`] as the person's side of the example
//! would: the pinned key is the example organisation's receipt key, the
//! organisation `kvk:33031431`, the customer the example person's key, and
//! the file `../regie/valid_preferences-nl.json` (for a vector whose name
//! says `link-request`: `../regie/valid_link-request.json`). To rewrite
//! them after a deliberate change:
//! `REGIE_WRITE_VECTORS=1 cargo test -p regie-prefs --test it receipt_vectors_are_current`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::Duration;
use regie_model::{Language, OrgId};
use regie_prefs::example::{
    example_audience, example_file, example_key, example_next_receipt_key, example_receipt,
    example_receipt_id, example_receipt_key, example_time,
};
use regie_prefs::{
    proof, verify_receipt, DidKey, ExpectedReceipt, FileHash, Outcome, Receipt, ReceiptId,
    ReceiptInput, ReceiptSubject, ReceivedFile, ReceivedKind, RejectionCode, SignError,
    VerifyErrorKind,
};
use serde_json::{json, Value};

use crate::vectors::{
    english_words, now, pretty, replace_once, sign_tweaked, third_key, unsigned, valid_file,
    valid_link_request,
};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/receipt")
}

/// What the person's side expects of a receipt for `file`.
fn expected_for(file: &[u8]) -> ExpectedReceipt {
    ExpectedReceipt {
        key: DidKey::new(example_receipt_key().verifying_key()),
        organisation: OrgId::parse("kvk:33031431").unwrap(),
        customer: DidKey::new(example_key().verifying_key()),
        file: FileHash::of(file),
    }
}

/// What the person's side expects of the vector `name`.
pub fn expected(name: &str) -> ExpectedReceipt {
    if name.contains("link-request") {
        expected_for(&valid_link_request())
    } else {
        expected_for(&example_file())
    }
}

fn sign(subject: &ReceiptSubject) -> Vec<u8> {
    Receipt::sign(subject, &example_receipt_key(), subject.issued.get())
        .unwrap()
        .bytes
}

/// The valid example receipt, in Dutch.
pub fn valid_receipt() -> Vec<u8> {
    sign(&example_receipt(Language::Nl))
}

/// The example receipt with `change` applied to its input.
fn receipt_with(change: impl FnOnce(&mut ReceiptInput)) -> ReceiptSubject {
    let r = example_receipt(Language::Nl);
    let mut input = ReceiptInput {
        receipt_id: r.receipt_id,
        controller: r.controller,
        data_subject: r.data_subject,
        received_file: r.received_file,
        received: r.received.get(),
        outcome: r.outcome,
        rejection_code: r.rejection_code,
        honoured_from: r.honoured_from.map(|t| t.get()),
        issued: r.issued.get(),
        language: Language::Nl,
    };
    change(&mut input);
    ReceiptSubject::new(input)
}

/// The valid receipt with its JSON changed by `change`, signed again by
/// the receipt key.
fn edit(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = Value::Object(unsigned(&valid_receipt()));
    change(&mut v);
    let Value::Object(m) = v else { panic!() };
    sign_tweaked(m, &example_receipt_key(), |_| {})
}

/// Every receipt vector: file name and bytes.
pub fn all_receipt_vectors() -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut add = |name: &str, bytes: Vec<u8>| {
        assert!(
            out.insert(format!("{name}.json"), bytes).is_none(),
            "{name}"
        );
    };
    let valid = valid_receipt();
    let key = example_receipt_key();

    add("valid_accepted-nl", valid.clone());
    add("valid_accepted-en", sign(&example_receipt(Language::En)));
    add(
        "valid_already-imported",
        sign(&receipt_with(|r| {
            r.outcome = Outcome::AlreadyImported;
            // Honoured since it was first imported, a day before.
            r.honoured_from = Some(example_time() - Duration::days(1));
        })),
    );
    add(
        "valid_rejected",
        sign(&receipt_with(|r| {
            r.outcome = Outcome::Rejected;
            r.rejection_code = RejectionCode::parse("replayed-or-older");
            r.honoured_from = None;
        })),
    );
    add(
        "valid_rejected-unreadable-file",
        sign(&receipt_with(|r| {
            // Not a Regie file the organisation could read: no kind, no
            // sequence number.
            r.outcome = Outcome::Rejected;
            r.rejection_code = RejectionCode::parse("syntax");
            r.honoured_from = None;
            r.received_file.kind = None;
            r.received_file.sequence = None;
        })),
    );
    add(
        "valid_link-request-accepted",
        sign(&receipt_with(|r| {
            r.received_file = ReceivedFile {
                kind: Some(ReceivedKind::LinkRequest),
                sha256: FileHash::of(&valid_link_request()),
                sequence: None,
            };
        })),
    );

    // The receipt's own checks: is it what the person's side expects?
    add(
        "fail_wrong-receipt-key_other-key",
        Receipt::sign(
            &example_receipt(Language::Nl),
            &example_next_receipt_key(),
            example_time(),
        )
        .unwrap()
        .bytes,
    );
    add(
        "fail_wrong-organisation_other-organisation",
        sign(&receipt_with(|r| {
            r.controller.id = OrgId::parse("kvk:12345678").unwrap();
        })),
    );
    add(
        "fail_wrong-customer_other-key",
        sign(&receipt_with(|r| {
            r.data_subject = DidKey::new(third_key().verifying_key());
        })),
    );
    add(
        "fail_wrong-file_other-file",
        sign(&receipt_with(|r| {
            r.received_file.sha256 = FileHash::of(&valid_file(Language::En));
        })),
    );

    // Generic rejections, as for every signed file.
    add(
        "fail_bad-signature_changed-after-signing",
        replace_once(
            &valid,
            "\"outcome\": \"accepted\"",
            b"\"outcome\": \"rejected\"",
        ),
    );
    add("fail_missing-proof_unsigned", pretty(unsigned(&valid)));
    add(
        "fail_malformed-proof_proof-set",
        pretty(proof::sign_set(unsigned(&valid), &[&key], example_time())),
    );
    add(
        "fail_verification-method-not-issuer_issuer-is-other-key",
        edit(|v| {
            v["issuer"] = json!(DidKey::new(example_next_receipt_key().verifying_key()).did())
        }),
    );
    add(
        "fail_wrong-context_v1-context",
        edit(|v| v["@context"] = json!([regie_prefs::VC_CONTEXT, regie_prefs::REGIE_CONTEXT_V1])),
    );
    add("fail_wrong-credential-type_preference-file", example_file());
    add(
        "fail_unknown-field_subject",
        edit(|v| v["credentialSubject"]["note"] = json!("thank you")),
    );
    add(
        "fail_unknown-enum-value_outcome",
        edit(|v| v["credentialSubject"]["outcome"] = json!("queued")),
    );
    add(
        "fail_unknown-enum-value_schema-version",
        edit(|v| {
            v["credentialSubject"]["schemaVersion"] = json!("https://w3id.org/regie/receipt/v2")
        }),
    );
    add(
        "fail_invalid-field_receipt-id-not-version-4",
        edit(|v| {
            let id = example_receipt_id().to_string();
            let v1 = format!("{}1{}", &id[..14], &id[15..]);
            v["credentialSubject"]["receiptId"] = json!(v1)
        }),
    );
    add(
        "fail_invalid-field_sha256-upper-case",
        edit(|v| {
            let sha = FileHash::of(&example_file()).to_string().to_uppercase();
            v["credentialSubject"]["receivedFile"]["sha256"] = json!(sha)
        }),
    );
    add(
        "fail_invalid-field_rejection-code-with-space",
        edit(|v| {
            v["credentialSubject"]["outcome"] = json!("rejected");
            v["credentialSubject"]["honouredFrom"] = Value::Null;
            v["credentialSubject"]["rejectionCode"] = json!("bad signature");
        }),
    );
    add(
        "fail_invalid-field_honoured-from-missing",
        edit(|v| {
            v["credentialSubject"]
                .as_object_mut()
                .unwrap()
                .remove("honouredFrom");
        }),
    );
    add(
        "fail_inconsistent_rejected-without-code",
        edit(|v| {
            v["credentialSubject"]["outcome"] = json!("rejected");
            v["credentialSubject"]["honouredFrom"] = Value::Null;
        }),
    );
    add(
        "fail_inconsistent_rejected-but-honoured",
        edit(|v| {
            v["credentialSubject"]["outcome"] = json!("rejected");
            v["credentialSubject"]["rejectionCode"] = json!("unknown-key");
        }),
    );
    add(
        "fail_inconsistent_honoured-before-received",
        edit(|v| v["credentialSubject"]["honouredFrom"] = json!("2026-03-01T09:00:00Z")),
    );
    add(
        "fail_inconsistent_received-after-issued",
        edit(|v| v["credentialSubject"]["received"] = json!("2026-03-01T09:40:00Z")),
    );
    {
        let later = regie_prefs::Timestamp::new(example_time() + Duration::days(1)).to_string();
        add(
            "fail_issued-in-future_tomorrow",
            edit(|v| {
                v["validFrom"] = json!(later);
                v["credentialSubject"]["issued"] = json!(later);
                v["credentialSubject"]["received"] = json!(later);
                v["credentialSubject"]["honouredFrom"] = json!(later);
            }),
        );
    }
    out
}

#[test]
fn receipt_vectors_are_current() {
    let want = all_receipt_vectors();
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

/// The files in the vector folder, by name.
fn on_disk() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The error codes that some receipt vector is named after.
pub fn codes_with_a_vector() -> BTreeSet<String> {
    on_disk()
        .into_iter()
        .filter_map(|(name, _)| {
            name.strip_prefix("fail_")
                .and_then(|r| r.split('_').next())
                .map(str::to_owned)
        })
        .collect()
}

#[test]
fn every_receipt_vector_gives_its_expected_result() {
    let mut n = 0;
    for (name, bytes) in on_disk() {
        let result = verify_receipt(&bytes, now(), &expected(&name));
        if name.starts_with("valid_") {
            let r = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(r.issuer, DidKey::new(example_receipt_key().verifying_key()));
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
        }
        n += 1;
    }
    assert!(n >= 25, "only {n} receipt vectors");
    for code in [
        "wrong-receipt-key",
        "wrong-organisation",
        "wrong-customer",
        "wrong-file",
    ] {
        assert!(codes_with_a_vector().contains(code), "no vector for {code}");
    }
}

/// A person reads why a receipt was not kept, in their language.
#[test]
fn a_refused_receipt_says_why_in_dutch_and_in_english() {
    for (name, bytes) in on_disk() {
        if !name.starts_with("fail_") {
            continue;
        }
        let e = verify_receipt(&bytes, now(), &expected(&name)).unwrap_err();
        let (nl, en) = (e.message_in(Language::Nl), e.message_in(Language::En));
        assert_ne!(nl, en, "{name}");
        // The values a closed list allows are wire names, not words.
        let sentence = nl.split("; mogelijk: ").next().unwrap_or_default();
        let words = english_words(sentence);
        assert!(words.is_empty(), "{name}: English {words:?} in \"{nl}\"");
        assert!(!english_words(en).is_empty(), "{name}: \"{en}\"");
        let (nl, en) = (
            e.kind.advice_in(Language::Nl),
            e.kind.advice_in(Language::En),
        );
        assert!(english_words(nl).is_empty(), "{name}: {nl}");
        assert!(!english_words(en).is_empty(), "{name}: {en}");
    }
}

/// The four checks against what was sent are each made, whatever the
/// order of the others: a receipt that is right in all but one is
/// refused for that one.
#[test]
fn a_receipt_for_another_file_organisation_or_customer_is_not_kept() {
    let bytes = valid_receipt();
    let good = expected("valid_accepted-nl.json");
    assert!(verify_receipt(&bytes, now(), &good).is_ok());
    let cases: [(ExpectedReceipt, VerifyErrorKind); 4] = [
        (
            ExpectedReceipt {
                key: DidKey::new(example_next_receipt_key().verifying_key()),
                ..good.clone()
            },
            VerifyErrorKind::WrongReceiptKey,
        ),
        (
            ExpectedReceipt {
                organisation: OrgId::parse("boekhandel-de-vries").unwrap(),
                ..good.clone()
            },
            VerifyErrorKind::WrongOrganisation,
        ),
        (
            ExpectedReceipt {
                customer: DidKey::new(third_key().verifying_key()),
                ..good.clone()
            },
            VerifyErrorKind::WrongCustomer,
        ),
        (
            ExpectedReceipt {
                file: FileHash::of(b"another file"),
                ..good.clone()
            },
            VerifyErrorKind::WrongFile,
        ),
    ];
    for (expected, kind) in cases {
        let e = verify_receipt(&bytes, now(), &expected).unwrap_err();
        assert_eq!(e.kind, kind, "{e}");
    }
}

#[test]
fn signing_refuses_a_receipt_that_would_be_refused() {
    let bad = receipt_with(|r| {
        r.outcome = Outcome::Rejected;
        r.rejection_code = None;
        r.honoured_from = None;
    });
    assert!(matches!(
        Receipt::sign(&bad, &example_receipt_key(), example_time()),
        Err(SignError::Invalid(e)) if e.kind == VerifyErrorKind::Inconsistent
    ));
    let link_with_sequence =
        receipt_with(|r| r.received_file.kind = Some(ReceivedKind::LinkRequest));
    assert!(Receipt::sign(&link_with_sequence, &example_receipt_key(), example_time()).is_err());
}

#[test]
fn receipt_ids_are_version_4_uuids_with_one_spelling() {
    let mut rng = regie_prefs::rand_core::OsRng;
    let a = ReceiptId::generate(&mut rng);
    let b = ReceiptId::generate(&mut rng);
    assert_ne!(a, b);
    let text = a.to_string();
    assert_eq!(text.len(), 36);
    assert_eq!(&text[14..15], "4");
    assert!("89ab".contains(&text[19..20]), "{text}");
    assert_eq!(ReceiptId::parse(&text), Some(a));
    assert_eq!(ReceiptId::parse(&text.to_uppercase()), None);
    assert_eq!(ReceiptId::parse(&text.replace('-', "")), None);
    assert_eq!(
        example_receipt_id().to_string(),
        "72656769-6520-4265-a365-697074203031"
    );
}

/// The example receipt is about the worked example preference file, and
/// says so in words too.
#[test]
fn the_summary_tells_what_was_received_and_from_when_it_counts() {
    let nl = example_receipt(Language::Nl).summary;
    assert_eq!(
        nl.headline,
        "Voorbeeldbank N.V. heeft uw voorkeurenbestand nummer 7 ontvangen op 1 maart 2026 om 09:30 (UTC), en houdt zich eraan vanaf 1 maart 2026 om 09:30 (UTC)."
    );
    let en = example_receipt(Language::En).summary;
    assert!(en.headline.starts_with(
        "Voorbeeldbank N.V. received your preference file number 7 on 1 March 2026 at 09:30 (UTC)"
    ));
    assert!(en.lines[0].contains(&FileHash::of(&example_file()).to_string()));
    let rejected = receipt_with(|r| {
        r.outcome = Outcome::Rejected;
        r.rejection_code = RejectionCode::parse("replayed-or-older");
        r.honoured_from = None;
    });
    assert!(rejected.summary.headline.contains("replayed-or-older"));
    assert_eq!(example_audience().name, nl.headline[..18]);
}

fn spec() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/spec/receipt.md");
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn the_receipt_spec_s_worked_examples_are_current() {
    let text = spec();
    let vectors = all_receipt_vectors();
    let mut found = 0;
    for block in text.split("<!-- begin example: ").skip(1) {
        let (name, rest) = block.split_once(" -->\n```json\n").unwrap();
        let (body, _) = rest.split_once("```\n<!-- end example -->").unwrap();
        let want = vectors
            .get(name)
            .unwrap_or_else(|| panic!("the spec shows {name}, which is not a vector"));
        assert!(
            body.as_bytes() == &want[..],
            "the example {name} in docs/spec/receipt.md is out of date; replace it with crates/prefs/tests/vectors/receipt/{name}"
        );
        found += 1;
    }
    assert_eq!(found, 2);
}

#[test]
fn the_receipt_spec_names_its_codes_and_its_test_key() {
    let text = spec();
    for code in codes_with_a_vector() {
        assert!(
            text.contains(&format!("`{code}`")),
            "{code} is not in the spec"
        );
    }
    let key = DidKey::new(example_receipt_key().verifying_key());
    assert!(text.contains(&format!("`{key}`")), "{key}");
    let fp = key.fingerprint();
    assert!(
        text.contains(&format!("`{fp}`")),
        "the spec lacks the fingerprint `{fp}`"
    );
    assert!(text.contains(&FileHash::of(&example_file()).to_string()));
}

fn validator() -> jsonschema::Validator {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/spec/receipt.schema.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// The JSON Schema agrees with the Rust types: every valid receipt passes
/// it, and a receipt whose content has the wrong shape fails both.
#[test]
fn the_receipt_schema_agrees_with_the_vectors() {
    let v = validator();
    let mut refused = 0;
    for (name, bytes) in all_receipt_vectors() {
        let doc: Value = serde_json::from_slice(&bytes).unwrap();
        if name.starts_with("valid_") {
            let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            continue;
        }
        let code = name["fail_".len()..].split('_').next().unwrap();
        // What a schema can see: the shape, not signatures, keys, times,
        // or which organisation, customer and file were expected.
        let shape = [
            "wrong-context",
            "wrong-credential-type",
            "missing-proof",
            "malformed-proof",
            "unknown-field",
            "unknown-enum-value",
            "invalid-field",
        ];
        let inconsistent_by_shape = [
            "fail_inconsistent_rejected-without-code.json",
            "fail_inconsistent_rejected-but-honoured.json",
        ];
        if shape.contains(&code) || inconsistent_by_shape.contains(&name.as_str()) {
            assert!(!v.is_valid(&doc), "{name} passes the schema");
            refused += 1;
        }
    }
    assert!(refused >= 12, "{refused}");
}
