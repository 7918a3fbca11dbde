//! Importing organisation declarations: the worked examples in docs/spec
//! merged into a vault, refused files that leave it unchanged. (Reading
//! and checking the file is regie-declaration's, and tested there.)

use std::path::{Path, PathBuf};

use regie_declaration::Declaration;
use regie_model::{
    Channel, DecisionAction, DecisionState, EventKind, Language, LegalBasis, MessageKind,
};
use regie_vault::{Error, ErrorCode, HoldingRef, OrgPage, Source, Vault};

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

/// The files regie-declaration refuses (its own tests name each one's kind).
fn refused_files() -> Vec<PathBuf> {
    let dir = root().join("crates/declaration/tests/declarations");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    out
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
fn every_refused_file_is_refused_the_same_way_and_leaves_the_vault_unchanged() {
    let files = refused_files();
    assert!(files.len() >= 30, "the corpus has {} files", files.len());
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    v.import_declaration(&v1()).unwrap();
    let before = snapshot(&v);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let refused = Declaration::parse(&bytes).unwrap_err();
        let err = v.import_declaration(&bytes).unwrap_err();
        assert_eq!(
            err.code(),
            ErrorCode::InvalidDeclaration,
            "{}",
            path.display()
        );
        assert!(
            matches!(&err, Error::Declaration(e) if *e == refused),
            "{}: {err:?}",
            path.display()
        );
        assert_eq!(err.message(Language::Nl), refused.message(Language::Nl));
        assert_ne!(err.message(Language::Nl), err.message(Language::En));
        assert_eq!(snapshot(&v), before, "{}", path.display());
    }
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
    assert_eq!(last.kind, EventKind::DeclarationImported);
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
    let refs = |r: &[HoldingRef]| {
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
    let removed = events
        .iter()
        .find(|e| e.kind == EventKind::HoldingRemoved)
        .unwrap();
    assert!(removed
        .subject
        .contains("dpv:ProvideProductRecommendations"));
    let changed = events
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Decision && e.subject.contains("FraudPrevention"))
        .unwrap();
    assert!(changed.before.as_deref().unwrap().contains("objected"));
    assert!(changed.after.as_deref().unwrap().contains("locked"));
    // In words: the decision and the basis that took it away.
    let words = changed.describe(Language::En);
    assert!(
        words.ends_with(&format!(
            "{} -> {}; {}: {} -> {}",
            DecisionState::Objected.label().en,
            DecisionState::Locked.label().en,
            regie_model::Concept::LegalBasis.label().en,
            LegalBasis::LegitimateInterest.label().en,
            LegalBasis::LegalObligation.label().en
        )),
        "{words}"
    );
    assert_eq!(
        events.last().unwrap().describe(Language::En),
        "issued on 2026-09-01: 1 added, 1 removed, 1 on another legal basis, 5 unchanged"
    );
    assert_eq!(events.last().unwrap().kind, EventKind::DeclarationImported);
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
