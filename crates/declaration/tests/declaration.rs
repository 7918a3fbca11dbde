//! regie-declaration's tests: the worked examples in docs/spec, the JSON
//! Schema, and the corpus of refused files, each refused with its kind and
//! a Dutch message of its own.

use std::path::{Path, PathBuf};

use regie_declaration::{Declaration, DeclarationError, MAX_BYTES};
use regie_model::{Channel, Language, MessageKind, OrgId};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> Vec<u8> {
    std::fs::read(root().join("docs/spec/examples").join(name)).unwrap()
}

fn v1() -> Vec<u8> {
    example("declaration-voorbeeldbank.json")
}

fn v2() -> Vec<u8> {
    example("declaration-voorbeeldbank-v2.json")
}

/// The refused files, with the kind each is named after
/// (`fail_<kind>[_detail].json`).
fn corpus() -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/declarations");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_owned();
            let reason = stem.strip_prefix("fail_").unwrap_or_else(|| {
                panic!("{stem}: corpus files are named fail_<kind>[_detail].json")
            });
            let kind = reason.split('_').next().unwrap().to_owned();
            (kind, p)
        })
        .collect();
    out.sort();
    out
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root().join("docs/spec/declaration.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn the_examples_parse_and_follow_the_schema() {
    let schema = validator();
    for bytes in [v1(), v2()] {
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let errors: Vec<String> = schema.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let d = Declaration::parse(&bytes).unwrap();
        assert_eq!(d.organisation.id, OrgId::parse("voorbeeldbank").unwrap());
        assert_eq!(d.organisation.name.as_str(), "Voorbeeldbank");
    }
    let d = Declaration::parse(&v1()).unwrap();
    assert_eq!(d.holdings.len(), 7);
    assert_eq!(
        d.channels[&MessageKind::Marketing],
        vec![Channel::Email, Channel::Post]
    );
    // A purpose written as a full IRI and one written compact are the same
    // term.
    assert!(d
        .holdings
        .iter()
        .any(|h| h.purpose.compact() == "dpv:ProvideProductRecommendations"));
    let wwft = d
        .holdings
        .iter()
        .find(|h| h.purpose.compact() == "dpv:CounterMoneyLaundering")
        .unwrap();
    assert!(wwft.reason.as_ref().unwrap().en.contains("Wwft"));
    assert_eq!(wwft.retention.as_str(), "P5Y");
}

#[test]
fn every_corpus_file_is_refused_with_its_kind_and_a_dutch_message() {
    let files = corpus();
    assert!(files.len() >= 30, "the corpus has {} files", files.len());
    for (kind, path) in &files {
        let bytes = std::fs::read(path).unwrap();
        let err = Declaration::parse(&bytes).unwrap_err();
        assert_eq!(err.kind(), kind, "{}: {err}", path.display());
        let nl = err.message(Language::Nl);
        assert!(!nl.is_empty() && nl != err.to_string(), "{nl}");
        assert_eq!(err.message(Language::En), err.to_string());
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let mut bytes = v1();
    let pad = MAX_BYTES + 1 - bytes.len();
    bytes.extend(std::iter::repeat_n(b' ', pad));
    let err = Declaration::parse(&bytes).unwrap_err();
    assert_eq!(err.kind(), "too-large");
    // One byte less is read (whitespace is fine).
    bytes.pop();
    Declaration::parse(&bytes).unwrap();
}

#[test]
fn files_the_schema_refuses_the_parser_refuses_too() {
    let schema = validator();
    let mut refused_by_schema = 0;
    for (_, path) in corpus() {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            continue;
        };
        if !schema.is_valid(&json) {
            refused_by_schema += 1;
            assert!(Declaration::parse(&bytes).is_err(), "{}", path.display());
        }
    }
    assert!(refused_by_schema >= 20, "{refused_by_schema}");
    // And one built here: a reason on a consent holding.
    let mut json: serde_json::Value = serde_json::from_slice(&v1()).unwrap();
    json["holdings"][4]["reason"] = serde_json::json!({"nl": "omdat", "en": "because"});
    assert!(!schema.is_valid(&json));
    let err = Declaration::parse(json.to_string().as_bytes()).unwrap_err();
    assert_eq!(err.kind(), "reason-not-applicable");
}

#[test]
fn issued_may_be_one_day_ahead_but_not_two() {
    let d = Declaration::parse(&v1()).unwrap();
    let day_before = d.issued.pred_opt().unwrap();
    Declaration::parse_on(&v1(), day_before).unwrap();
    let err = Declaration::parse_on(&v1(), day_before.pred_opt().unwrap()).unwrap_err();
    assert_eq!(err.kind(), "issued-in-future");
}

/// The rules for terms, retention periods, names and addresses are
/// regie-model's: what its types refuse, a declaration refuses too.
#[test]
fn the_vocabulary_rules_are_regie_models() {
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut json: serde_json::Value = serde_json::from_slice(&v1()).unwrap();
        f(&mut json);
        Declaration::parse(json.to_string().as_bytes())
    };
    let refused = |f: &dyn Fn(&mut serde_json::Value)| -> DeclarationError { with(f).unwrap_err() };
    // An underscore is not part of a DPV term's name.
    let e = refused(&|j| j["holdings"][0]["purpose"] = "dpv:Service_Provision".into());
    assert_eq!(e.kind(), "invalid-value");
    // Seven digits are more than a retention period may have.
    let e = refused(&|j| j["holdings"][0]["retention"] = "P1234567D".into());
    assert_eq!(e.kind(), "invalid-value");
    // A control character in a name.
    let e = refused(&|j| j["organisation"]["name"] = "Voorbeeld\u{7}bank".into());
    assert_eq!(e.kind(), "invalid-value");
    // Spaces around an e-mail address are a mistake in a file.
    let e = refused(&|j| j["organisation"]["privacy_email"] = " privacy@voorbeeldbank.nl".into());
    assert_eq!(e.kind(), "invalid-value");
    // Spaces around a name are dropped.
    let d = with(&|j| j["organisation"]["name"] = "  Voorbeeldbank ".into()).unwrap();
    assert_eq!(d.organisation.name.as_str(), "Voorbeeldbank");
}
