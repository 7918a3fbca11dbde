//! Signed declarations (`regie-declaration/2`): the vectors in
//! `tests/signed/`, the signed examples in `docs/spec/examples/`, the
//! schema, and the pinning rule.
//!
//! Every vector is read as on [`today`] by a vault that has pinned the
//! example organisation's TEST receipt key ([`key_a`]): the file is parsed
//! with `Declaration::parse_on`, and then [`pin`] is asked about it.
//! `valid_*.json` pass both; `fail_<kind>_<what>.json` are refused by one
//! of them with that kind. To rewrite them after a deliberate change:
//! `REGIE_WRITE_VECTORS=1 cargo test -p regie-declaration --test signed`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use proptest::prelude::*;
use regie_declaration::{
    pin, Declaration, DeclarationError, Delivery, DidKey, InboxUrl, Pin, FORMAT, FORMAT_V2,
};
use regie_model::Language;
use regie_prefs::example::{example_key, example_next_receipt_key, example_receipt_key};
use regie_prefs::{jcs, proof};
use serde_json::{json, Map, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/signed")
}

/// The day the vectors are read on.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// When the examples are signed.
fn signed_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

/// The example organisation's receipt key (a TEST key), which the
/// vectors' vault has pinned.
fn key_a() -> SigningKey {
    example_receipt_key()
}

/// The key the example organisation moves to (a TEST key).
fn key_b() -> SigningKey {
    example_next_receipt_key()
}

/// A key that is neither (the example person's, a TEST key).
fn key_c() -> SigningKey {
    example_key()
}

fn did(key: &SigningKey) -> DidKey {
    DidKey::new(key.verifying_key())
}

const INBOX: &str = "https://inbox.voorbeeldbank.example/v1/inbox";

/// The version 1 example with the example inbox and `key`'s receipt key.
fn declaration(key: &SigningKey) -> Declaration {
    let v1 =
        std::fs::read(root().join("docs/spec/examples/declaration-voorbeeldbank.json")).unwrap();
    let mut d = Declaration::parse_on(&v1, today()).unwrap();
    d.delivery = Some(Delivery {
        inbox: InboxUrl::parse(INBOX).unwrap(),
        receipt_key: did(key),
        previous_key: None,
    });
    d
}

/// The signed example: the version 1 example, with its inbox, signed by
/// key A.
fn signed() -> Vec<u8> {
    declaration(&key_a()).sign(&key_a(), signed_at()).unwrap()
}

/// The example after a key change from A to B: signed by A, then by B.
fn key_change() -> Vec<u8> {
    declaration(&key_b())
        .sign_key_change(&key_a(), &key_b(), signed_at())
        .unwrap()
}

fn unsigned(bytes: &[u8]) -> Map<String, Value> {
    let Value::Object(mut m) = serde_json::from_slice(bytes).unwrap() else {
        panic!()
    };
    m.remove("proof");
    m
}

fn pretty(m: Map<String, Value>) -> Vec<u8> {
    jcs::to_pretty(&Value::Object(m))
}

/// The signed example with its content changed by `change`, signed again
/// by `keys` (a proof set if more than one).
fn edit_signed_by(keys: &[&SigningKey], change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = Value::Object(unsigned(&signed()));
    change(&mut v);
    let Value::Object(m) = v else { panic!() };
    pretty(match keys {
        [key] => proof::sign(m, key, signed_at()),
        _ => proof::sign_set(m, keys, signed_at()),
    })
}

fn edit(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    edit_signed_by(&[&key_a()], change)
}

/// Signs `doc` as Regie would, after letting `tweak` change the proof
/// configuration: a proof that is signed as it says, with what it says
/// wrong.
fn sign_tweaked(
    mut doc: Map<String, Value>,
    key: &SigningKey,
    tweak: impl FnOnce(&mut Map<String, Value>),
) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let mut config = proof::proof_config(&doc, &did(key), signed_at());
    tweak(&mut config);
    let sig = key.sign(&proof::hash_data(&config, &doc));
    config.insert(
        "proofValue".into(),
        format!("z{}", bs58::encode(sig.to_bytes()).into_string()).into(),
    );
    doc.insert("proof".into(), Value::Object(config));
    pretty(doc)
}

fn replace_once(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(text.contains(from), "'{from}' not in the file");
    text.replacen(from, to, 1).into_bytes()
}

/// Every vector: file name and bytes.
fn all_vectors() -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut add = |name: &str, bytes: Vec<u8>| {
        assert!(
            out.insert(format!("{name}.json"), bytes).is_none(),
            "{name}"
        );
    };
    let (a, b, c) = (key_a(), key_b(), key_c());
    let signed = signed();

    add("valid_signed", signed.clone());
    add("valid_key-change", key_change());
    add(
        "valid_inbox-with-port",
        edit(|v| v["delivery"]["inbox"] = json!("https://inbox.voorbeeldbank.example:8443/")),
    );

    // Pinning: another key, without the pinned key's signature.
    add(
        "fail_key-changed_other-key",
        declaration(&b).sign(&b, signed_at()).unwrap(),
    );
    add(
        "fail_key-changed_change-from-another-key",
        declaration(&b)
            .sign_key_change(&c, &b, signed_at())
            .unwrap(),
    );
    add(
        "fail_unsigned_version-1",
        std::fs::read(root().join("docs/spec/examples/declaration-voorbeeldbank.json")).unwrap(),
    );

    // The signature.
    add("fail_missing-proof_no-proof", pretty(unsigned(&signed)));
    add(
        "fail_bad-signature_inbox-changed",
        replace_once(&signed, INBOX, "https://inbox.attacker.example/v1/inbox"),
    );
    add(
        "fail_bad-signature_retention-changed",
        replace_once(&signed, "\"retention\": \"P7Y\"", "\"retention\": \"P9Y\""),
    );
    add(
        "fail_signer-not-receipt-key_signed-by-another-key",
        edit_signed_by(&[&b], |_| {}),
    );
    add(
        "fail_signer-not-receipt-key_change-to-unnamed-key",
        edit_signed_by(&[&a, &b], |_| {}),
    );
    add(
        "fail_malformed-proof_change-signed-twice-by-the-new-key",
        edit_signed_by(&[&a, &a], |_| {}),
    );
    add(
        "fail_malformed-proof_three-signatures",
        edit_signed_by(&[&c, &b, &a], |_| {}),
    );
    add(
        "fail_malformed-proof_list-of-one",
        pretty(proof::sign_set(unsigned(&signed), &[&a], signed_at())),
    );
    add(
        "fail_wrong-context_proof-with-context",
        sign_tweaked(unsigned(&signed), &a, |p| {
            p.insert(
                "@context".into(),
                json!(["https://www.w3.org/ns/credentials/v2"]),
            );
        }),
    );
    add(
        "fail_wrong-cryptosuite_eddsa-rdfc-2022",
        sign_tweaked(unsigned(&signed), &a, |p| {
            p.insert("cryptosuite".into(), "eddsa-rdfc-2022".into());
        }),
    );
    add(
        "fail_unknown-field_proof-expires",
        sign_tweaked(unsigned(&signed), &a, |p| {
            p.insert("expires".into(), "2027-01-01T00:00:00Z".into());
        }),
    );
    add(
        "fail_duplicate-key_two-inboxes",
        replace_once(
            &signed,
            "\"inbox\": ",
            "\"inbox\": \"https://inbox.attacker.example/\",\n    \"inbox\": ",
        ),
    );
    add(
        "fail_issued-in-future_signed-next-week",
        pretty(proof::sign(
            unsigned(&signed),
            &a,
            signed_at() + chrono::Duration::days(7),
        )),
    );

    // The delivery.
    for (what, inbox) in [
        ("http", "http://inbox.voorbeeldbank.example/v1/inbox"),
        (
            "user-info",
            "https://voorbeeldbank.example@inbox.attacker.example/",
        ),
        ("ip-address", "https://192.0.2.7/v1/inbox"),
        ("ipv6-address", "https://[2001:db8::7]/v1/inbox"),
        ("localhost", "https://localhost/v1/inbox"),
        (
            "default-port-written",
            "https://inbox.voorbeeldbank.example:443/v1/inbox",
        ),
        (
            "query",
            "https://inbox.voorbeeldbank.example/v1/inbox?customer=1",
        ),
        (
            "fragment",
            "https://inbox.voorbeeldbank.example/v1/inbox#new",
        ),
        (
            "dot-segment",
            "https://inbox.voorbeeldbank.example/v1/../inbox",
        ),
        (
            "upper-case-host",
            "https://Inbox.Voorbeeldbank.example/v1/inbox",
        ),
        ("single-label-host", "https://inbox/v1/inbox"),
    ] {
        add(
            &format!("fail_invalid-inbox_{what}"),
            edit(|v| v["delivery"]["inbox"] = json!(inbox)),
        );
    }
    add(
        "fail_invalid-receipt-key_did-web",
        edit(|v| v["delivery"]["receipt_key"] = json!("did:web:voorbeeldbank.example")),
    );
    add(
        "fail_unknown-field_delivery-email",
        edit(|v| v["delivery"]["email"] = json!("inbox@voorbeeldbank.example")),
    );
    add(
        "fail_malformed_no-delivery",
        edit(|v| {
            v.as_object_mut().unwrap().remove("delivery");
        }),
    );
    add(
        "fail_unknown-field_delivery-in-version-1",
        replace_once(
            &pretty(unsigned(&signed)),
            "\"format\": \"regie-declaration/2\"",
            "\"format\": \"regie-declaration/1\"",
        ),
    );
    // Version 1's rules hold in version 2.
    add(
        "fail_no-holdings_signed",
        edit(|v| v["holdings"] = json!([])),
    );
    out
}

/// What the vectors' vault makes of a file.
fn read_as_pinned(bytes: &[u8]) -> Result<(Declaration, Pin), DeclarationError> {
    let d = Declaration::parse_on(bytes, today())?;
    let p = pin(Some(&did(&key_a())), &d)?;
    Ok((d, p))
}

#[test]
fn signed_vectors_are_current() {
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
        let examples = root().join("docs/spec/examples");
        std::fs::write(
            examples.join("declaration-voorbeeldbank-signed.json"),
            signed(),
        )
        .unwrap();
        std::fs::write(
            examples.join("declaration-voorbeeldbank-signed-key-change.json"),
            key_change(),
        )
        .unwrap();
    }
    for (name, bytes) in &want {
        let on_disk = std::fs::read(dir().join(name))
            .unwrap_or_else(|_| panic!("{name} is missing; run with REGIE_WRITE_VECTORS=1"));
        assert!(
            &on_disk == bytes,
            "{name} differs from what the code makes; if the change is deliberate, run with REGIE_WRITE_VECTORS=1"
        );
    }
    let examples = root().join("docs/spec/examples");
    for (file, bytes) in [
        ("declaration-voorbeeldbank-signed.json", signed()),
        (
            "declaration-voorbeeldbank-signed-key-change.json",
            key_change(),
        ),
    ] {
        assert!(
            std::fs::read(examples.join(file)).unwrap() == bytes,
            "docs/spec/examples/{file} is not what the code makes; run with REGIE_WRITE_VECTORS=1"
        );
    }
}

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

#[test]
fn every_signed_vector_gives_its_expected_result_in_both_languages() {
    let mut kinds = BTreeSet::new();
    for (name, bytes) in on_disk() {
        let result = read_as_pinned(&bytes);
        if name.starts_with("valid_") {
            result.unwrap_or_else(|e| panic!("{name}: {e}"));
            continue;
        }
        let kind = name
            .strip_prefix("fail_")
            .and_then(|r| r.split('_').next())
            .unwrap_or_else(|| panic!("{name}: not valid_ or fail_<kind>_"));
        let err = match result {
            Ok(_) => panic!("{name} was accepted"),
            Err(e) => e,
        };
        assert_eq!(err.kind(), kind, "{name}: {err}");
        let (nl, en) = (err.message(Language::Nl), err.message(Language::En));
        assert_eq!(en, err.to_string(), "{name}");
        assert_ne!(nl, en, "{name}");
        kinds.insert(kind.to_owned());
    }
    // Every kind version 2 brings has a vector.
    for kind in [
        "invalid-inbox",
        "invalid-receipt-key",
        "signer-not-receipt-key",
        "key-changed",
        "unsigned",
        "missing-proof",
        "bad-signature",
        "malformed-proof",
    ] {
        assert!(kinds.contains(kind), "no vector for {kind}");
    }
}

/// The problem version 2 solves: whoever could change a declaration on its
/// way to the person could send the person's files to their own inbox.
/// Now the inbox is signed, a changed one is refused, and a new key is
/// taken only when the pinned key signed the change.
#[test]
fn an_inbox_changed_on_the_way_is_refused_and_a_key_is_moved_only_by_the_old_key() {
    let a = did(&key_a());
    // First import: pin A, and show its fingerprint.
    let d = Declaration::parse_on(&signed(), today()).unwrap();
    assert_eq!(d.format(), FORMAT_V2);
    let delivery = d.delivery.as_ref().unwrap();
    assert_eq!(delivery.inbox.host(), "inbox.voorbeeldbank.example");
    assert_eq!(
        pin(None, &d).unwrap(),
        Pin::First {
            key: a,
            fingerprint: "WXJ0-N6CW-D59F-4EBX".into()
        }
    );
    assert_eq!(pin(Some(&a), &d).unwrap(), Pin::Same);
    // A key change signed by A and B moves the pin to B; after that, the
    // same file, or one signed by B alone, keeps it there.
    let moved = Declaration::parse_on(&key_change(), today()).unwrap();
    let b = did(&key_b());
    assert_eq!(moved.delivery.as_ref().unwrap().previous_key, Some(a));
    assert_eq!(
        pin(Some(&a), &moved).unwrap(),
        Pin::Rotated {
            from: a,
            to: b,
            fingerprint: b.fingerprint()
        }
    );
    assert_eq!(pin(Some(&b), &moved).unwrap(), Pin::Same);
    let by_b = Declaration::parse_on(
        &declaration(&key_b()).sign(&key_b(), signed_at()).unwrap(),
        today(),
    )
    .unwrap();
    assert_eq!(pin(Some(&b), &by_b).unwrap(), Pin::Same);
    // Someone who pinned A and never saw the change: refused, and told
    // both fingerprints.
    let e = pin(Some(&a), &by_b).unwrap_err();
    assert_eq!(e.kind(), "key-changed");
    assert!(e.to_string().contains(&b.fingerprint()), "{e}");
    assert!(e.message(Language::Nl).contains(&a.fingerprint()));
    // Someone who pinned nothing pins B, whichever file they see first.
    assert!(matches!(pin(None, &moved).unwrap(), Pin::First { key, .. } if key == b));
    // A version 1 declaration: fine before anything is pinned, refused
    // after.
    let v1 =
        std::fs::read(root().join("docs/spec/examples/declaration-voorbeeldbank.json")).unwrap();
    let v1 = Declaration::parse_on(&v1, today()).unwrap();
    assert_eq!(v1.format(), FORMAT);
    assert_eq!(pin(None, &v1).unwrap(), Pin::Unsigned);
    assert_eq!(pin(Some(&a), &v1).unwrap_err().kind(), "unsigned");
}

#[test]
fn signing_refuses_what_a_vault_would_refuse() {
    let d = declaration(&key_a());
    // Signed by a key that is not the declared receipt key.
    let e = d.sign(&key_b(), signed_at()).unwrap_err();
    assert_eq!(e.kind(), "signer-not-receipt-key");
    // A key change to the key it changes from.
    let e = d
        .sign_key_change(&key_a(), &key_a(), signed_at())
        .unwrap_err();
    assert_eq!(e.kind(), "malformed-proof");
    // No delivery: nothing to sign.
    let mut none = d.clone();
    none.delivery = None;
    assert_eq!(
        none.sign(&key_a(), signed_at()).unwrap_err().kind(),
        "malformed"
    );
    // Content version 1 refuses too.
    let mut empty = d;
    empty.holdings.clear();
    assert_eq!(
        empty.sign(&key_a(), signed_at()).unwrap_err().kind(),
        "no-holdings"
    );
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_slice(
        &std::fs::read(root().join("docs/spec/declaration.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// The schema takes every valid signed vector and the examples, and
/// refuses the vectors whose shape is wrong.
#[test]
fn the_schema_agrees_with_the_signed_vectors() {
    let v = validator();
    let mut refused = 0;
    for (name, bytes) in all_vectors() {
        let Ok(doc) = serde_json::from_slice::<Value>(&bytes) else {
            continue;
        };
        if name.starts_with("valid_") {
            let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            continue;
        }
        let shape = [
            "invalid-inbox",
            "invalid-receipt-key",
            "missing-proof",
            "unknown-field",
            "malformed",
            "no-holdings",
            "wrong-cryptosuite",
            "wrong-context",
        ];
        let kind = name["fail_".len()..].split('_').next().unwrap();
        // A URL's dot segments, a host's labels and the default port are
        // beyond a pattern a reader can follow; the schema is not the
        // reference.
        let beyond = [
            "fail_invalid-inbox_dot-segment.json",
            "fail_invalid-inbox_single-label-host.json",
            "fail_invalid-inbox_default-port-written.json",
        ];
        if shape.contains(&kind) && !beyond.contains(&name.as_str()) {
            assert!(!v.is_valid(&doc), "{name} passes the schema");
            refused += 1;
        }
    }
    assert!(refused >= 15, "{refused}");
    for file in [
        "declaration-voorbeeldbank-signed.json",
        "declaration-voorbeeldbank-signed-key-change.json",
    ] {
        let doc: Value = serde_json::from_slice(
            &std::fs::read(root().join("docs/spec/examples").join(file)).unwrap(),
        )
        .unwrap();
        assert!(v.is_valid(&doc), "{file}");
    }
}

/// The spec names every kind version 2 brings.
#[test]
fn the_spec_names_every_new_kind() {
    let spec = std::fs::read_to_string(root().join("docs/spec/declaration.md")).unwrap();
    for (name, _) in on_disk() {
        if let Some(kind) = name.strip_prefix("fail_").and_then(|r| r.split('_').next()) {
            assert!(
                spec.contains(&format!("`{kind}`")),
                "{kind} is not in declaration.md"
            );
        }
    }
    assert!(spec.contains(&did(&key_a()).did()));
    assert!(spec.contains(&did(&key_a()).fingerprint()));
    assert!(spec.contains(&did(&key_b()).fingerprint()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever inbox, holdings subset and signing time, a signed
    /// declaration reads back as the declaration that was signed.
    #[test]
    fn a_signed_declaration_reads_back_as_signed(
        keep in proptest::collection::vec(any::<bool>(), 7),
        port in proptest::option::of(1u16..=65535),
        path in "(/[a-z0-9._~-]{1,8}){0,3}/?",
        seconds in 0i64..86_400,
    ) {
        let mut d = declaration(&key_a());
        let holdings: Vec<_> = d.holdings.iter().zip(&keep).filter(|(_, k)| **k).map(|(h, _)| h.clone()).collect();
        prop_assume!(!holdings.is_empty());
        prop_assume!(port != Some(443));
        prop_assume!(!path.split('/').any(|s| s == "." || s == ".."));
        d.holdings = holdings;
        let path = if path.is_empty() { "/".to_owned() } else { path };
        let url = match port {
            Some(p) => format!("https://inbox.voorbeeldbank.example:{p}{path}"),
            None => format!("https://inbox.voorbeeldbank.example{path}"),
        };
        d.delivery.as_mut().unwrap().inbox = InboxUrl::parse(&url).unwrap();
        let at = signed_at() + chrono::Duration::seconds(seconds);
        let bytes = d.sign(&key_a(), at).unwrap();
        let back = Declaration::parse_on(&bytes, today()).unwrap();
        prop_assert_eq!(back, d);
    }
}
