//! Organisation declarations: the worked example in docs/spec, the JSON
//! Schema, the corpus of refused files, and imports that update a vault.

use std::path::{Path, PathBuf};

use regie_model::{Channel, DecisionAction, DecisionState, Language, LegalBasis, MessageKind};
use regie_vault::{
    declaration::{self, Declaration},
    Error, ErrorCode, OrgPage, Source, Vault,
};

use crate::{add_bank, bank, new_vault};

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

fn voorbeeldbank() -> regie_model::OrgId {
    regie_model::OrgId::parse("voorbeeldbank").unwrap()
}

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

/// Everything a person could see about the vault, to compare before and after.
fn snapshot(v: &Vault) -> (usize, Vec<String>, Option<OrgPage>, Option<OrgPage>) {
    let history = v.history(None).unwrap();
    let orgs = v
        .organisations()
        .unwrap()
        .into_iter()
        .map(|o| o.org.id.to_string())
        .collect();
    (
        history.len(),
        orgs,
        v.organisation(&voorbeeldbank()).ok(),
        v.organisation(&bank()).ok(),
    )
}

#[test]
fn the_examples_parse_and_follow_the_schema() {
    let schema = validator();
    for bytes in [v1(), v2()] {
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let errors: Vec<String> = schema.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let d = Declaration::parse(&bytes).unwrap();
        assert_eq!(d.organisation.id, voorbeeldbank());
        assert_eq!(d.organisation.source, Source::Declaration);
        assert_eq!(d.organisation.source_date, Some(d.issued));
    }
    let d = Declaration::parse(&v1()).unwrap();
    assert_eq!(d.holdings.len(), 7);
    assert_eq!(
        d.channels[&MessageKind::Marketing],
        vec![Channel::Email, Channel::Post]
    );
    // Full IRIs are stored in compact form.
    assert!(d
        .holdings
        .iter()
        .any(|h| h.purpose == "dpv:ProvideProductRecommendations"));
    assert!(d.holdings.iter().all(|h| !h.category.starts_with("http")));
}

#[test]
fn every_corpus_file_is_refused_with_its_kind_and_leaves_the_vault_unchanged() {
    let files = corpus();
    assert!(files.len() >= 30, "the corpus has {} files", files.len());
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    v.import_declaration(&v1()).unwrap();
    let before = snapshot(&v);
    for (kind, path) in &files {
        let bytes = std::fs::read(path).unwrap();
        let err = Declaration::parse(&bytes).unwrap_err();
        assert_eq!(err.kind(), kind, "{}: {err}", path.display());
        let nl = err.message(Language::Nl);
        assert!(!nl.is_empty() && nl != err.to_string(), "{nl}");
        let err = v.import_declaration(&bytes).unwrap_err();
        assert_eq!(
            err.code(),
            ErrorCode::InvalidDeclaration,
            "{}",
            path.display()
        );
        assert!(matches!(&err, Error::Declaration(e) if e.kind() == kind));
        assert_eq!(err.message(Language::Nl), nl);
        assert_eq!(snapshot(&v), before, "{}", path.display());
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let mut bytes = v1();
    let pad = declaration::MAX_BYTES + 1 - bytes.len();
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

#[test]
fn a_first_import_adds_the_organisation_and_its_holdings() {
    let (_d, _p, mut v) = new_vault();
    let report = v.import_declaration(&v1()).unwrap();
    assert!(report.organisation_added);
    assert_eq!(report.added.len(), 7);
    assert!(report.removed.is_empty() && report.basis_changed.is_empty());
    assert_eq!(report.unchanged, 0);
    assert_eq!(report.previous, None);
    let page = v.organisation(&voorbeeldbank()).unwrap();
    assert_eq!(page.org.source, Source::Declaration);
    assert_eq!(page.org.source_date, Some(report.issued));
    assert_eq!(page.holdings.len(), 7);
    let wwft = page
        .holdings
        .iter()
        .find(|h| h.what.purpose == "dpv:CounterMoneyLaundering")
        .unwrap();
    assert_eq!(wwft.decision, DecisionState::Locked);
    assert!(wwft.locked_reason().en.contains("Wwft"));
    assert_eq!(
        wwft.what.grain.map(|g| g.as_string()).as_deref(),
        Some("specific-continuous")
    );
    let last = v.history(None).unwrap().pop().unwrap();
    assert_eq!(last.kind, "declaration-imported");
    let recorded: serde_json::Value = serde_json::from_str(last.after.as_deref().unwrap()).unwrap();
    assert_eq!(recorded, serde_json::to_value(&report).unwrap());
}

#[test]
fn a_newer_declaration_reports_exactly_the_changes_and_keeps_decisions() {
    let (_d, _p, mut v) = new_vault();
    v.import_declaration(&v1()).unwrap();
    let org = voorbeeldbank();
    // The person withdraws consent for marketing and objects to fraud monitoring.
    v.decide(
        &org,
        "dpv:DirectMarketing",
        None,
        DecisionAction::WithdrawConsent,
    )
    .unwrap();
    v.decide(
        &org,
        "dpv:FraudPreventionAndDetection",
        None,
        DecisionAction::Object,
    )
    .unwrap();
    v.decide(&org, "dpv:CreditChecking", None, DecisionAction::Object)
        .unwrap();

    let report = v.import_declaration(&v2()).unwrap();
    assert!(!report.organisation_added);
    assert_eq!(
        report.previous.map(|d| d.to_string()).as_deref(),
        Some("2026-03-01")
    );
    assert_eq!(report.issued.to_string(), "2026-09-01");
    let refs = |r: &[declaration::HoldingRef]| {
        r.iter()
            .map(|h| format!("{} {} {}", h.category, h.purpose, h.basis))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        refs(&report.added),
        ["pd:Tax dpv:LegalCompliance eu-gdpr:A6-1-c"]
    );
    assert_eq!(
        refs(&report.removed),
        ["pd:PurchasesAndSpendingHabit dpv:ProvideProductRecommendations eu-gdpr:A6-1-f"]
    );
    assert_eq!(report.basis_changed.len(), 1);
    let c = &report.basis_changed[0];
    assert_eq!(
        (c.category.as_str(), c.purpose.as_str(), c.from, c.to),
        (
            "pd:Transactional",
            "dpv:FraudPreventionAndDetection",
            LegalBasis::LegitimateInterest,
            LegalBasis::LegalObligation
        )
    );
    assert_eq!(c.decision_before, DecisionState::Objected);
    assert_eq!(c.decision_after, DecisionState::Locked);
    assert_eq!(report.unchanged, 5);
    assert_eq!(
        report.channels[&MessageKind::Proactive],
        vec![Channel::InApp, Channel::Email]
    );

    let page = v.organisation(&org).unwrap();
    assert_eq!(page.holdings.len(), 7);
    assert_eq!(page.org.source_date, Some(report.issued));
    let find = |p: &str| {
        page.holdings
            .iter()
            .find(|h| h.what.purpose == p)
            .unwrap_or_else(|| panic!("{p}"))
    };
    assert_eq!(
        find("dpv:DirectMarketing").decision,
        DecisionState::ConsentWithdrawn,
        "the withdrawn consent stays withdrawn"
    );
    assert!(find("dpv:DirectMarketing").decided_at.is_some());
    assert_eq!(find("dpv:CreditChecking").decision, DecisionState::Objected);
    let fraud = find("dpv:FraudPreventionAndDetection");
    assert_eq!(fraud.decision, DecisionState::Locked);
    assert!(fraud.locked_reason().nl.contains("Wft"));
    assert_eq!(fraud.what.note, None, "the details follow the declaration");
    assert!(page
        .holdings
        .iter()
        .all(|h| h.what.purpose != "dpv:ProvideProductRecommendations"));

    // The history keeps the removed holding and the old decision.
    let events = v.history(Some(&org)).unwrap();
    let removed = events.iter().find(|e| e.kind == "holding-removed").unwrap();
    assert!(removed
        .subject
        .contains("dpv:ProvideProductRecommendations"));
    let changed = events
        .iter()
        .rev()
        .find(|e| e.kind == "decision" && e.subject.contains("FraudPrevention"))
        .unwrap();
    assert!(changed.before.as_deref().unwrap().contains("objected"));
    assert!(changed.after.as_deref().unwrap().contains("locked"));
    assert_eq!(events.last().unwrap().kind, "declaration-imported");
    v.verify_history().unwrap();
}

#[test]
fn an_older_or_same_declaration_is_refused_and_changes_nothing() {
    let (_d, _p, mut v) = new_vault();
    v.import_declaration(&v2()).unwrap();
    let before = snapshot(&v);
    for bytes in [v1(), v2()] {
        let err = v.import_declaration(&bytes).unwrap_err();
        assert_eq!(err.code(), ErrorCode::DeclarationNotNewer);
        assert!(
            err.to_string()
                .contains("older than the one you already have"),
            "{err}"
        );
        assert!(err.message(Language::Nl).contains("ouder"));
        assert_eq!(snapshot(&v), before);
    }
}

#[test]
fn a_declaration_for_an_organisation_the_person_added_takes_it_over() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    v.decide(
        &bank(),
        "dpv:DirectMarketing",
        Some("pd:Transactional"),
        DecisionAction::WithdrawConsent,
    )
    .unwrap();
    assert_eq!(v.organisation(&bank()).unwrap().org.source, Source::Person);
    // The example file, renamed to the bank the person added by hand.
    let mut json: serde_json::Value = serde_json::from_slice(&v1()).unwrap();
    json["organisation"]["id"] = bank().to_string().into();
    let report = v.import_declaration(json.to_string().as_bytes()).unwrap();
    assert!(!report.organisation_added);
    assert_eq!(report.previous, None);
    let page = v.organisation(&bank()).unwrap();
    assert_eq!(page.org.source, Source::Declaration);
    assert_eq!(page.org.name, "Voorbeeldbank");
    // Transactional data for marketing on consent: kept, still withdrawn.
    let kept = page
        .holdings
        .iter()
        .find(|h| h.what.purpose == "dpv:DirectMarketing" && h.what.category == "pd:Transactional")
        .unwrap();
    assert_eq!(kept.decision, DecisionState::ConsentWithdrawn);
    // The holding the declaration does not list is gone; the others stay.
    let removed: Vec<_> = report
        .removed
        .iter()
        .map(|h| format!("{} {}", h.category, h.purpose))
        .collect();
    assert_eq!(removed, ["pd:Financial dpv:DirectMarketing"]);
    assert_eq!(report.unchanged, 3);
    assert_eq!(report.added.len(), 4);
    assert_eq!(page.holdings.len(), 7);
}
