//! The illustrative example organisations, as a person meets them after
//! "load examples".

use std::collections::HashSet;
use std::path::Path;

use regie_model::catalogue::{self, TermKind};
use regie_model::{DecisionAction, DecisionState, LegalBasis, OrgId};
use regie_vault::examples::{self, BANK_ID, BOOKSHOP_ID, MUNICIPALITY_ID};
use regie_vault::{Error, Passphrase, Protection, Source, Vault};

fn new_vault(dir: &Path) -> Vault {
    let (vault, _code) = Vault::create(
        &dir.join("examples.regie"),
        Protection::Passphrase(Passphrase::new_cheap_for_tests("a long enough passphrase")),
    )
    .expect("vault created");
    vault
}

fn id(s: &str) -> OrgId {
    OrgId::parse(s).unwrap()
}

#[test]
fn loading_examples_gives_seven_organisations_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    assert_eq!(vault.load_examples().unwrap(), 7);
    let orgs = vault.organisations().unwrap();
    assert_eq!(orgs.len(), 7);
    let expected: usize = examples::all().iter().map(|e| e.holdings.len()).sum();
    assert_eq!(orgs.iter().map(|o| o.holdings).sum::<usize>(), expected);
    for o in &orgs {
        assert_eq!(o.org.source, Source::Example, "{}", o.org.name);
        assert!(
            (5..=12).contains(&o.holdings),
            "{} has {}",
            o.org.name,
            o.holdings
        );
    }

    // A second load adds nothing and changes nothing.
    assert_eq!(vault.load_examples().unwrap(), 0);
    assert_eq!(vault.organisations().unwrap(), orgs);
}

#[test]
fn the_banks_money_laundering_check_is_locked_and_names_the_wwft() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    vault.load_examples().unwrap();
    let bank = id(BANK_ID);

    let page = vault.organisation(&bank).unwrap();
    let aml = page
        .holdings
        .iter()
        .find(|h| h.what.purpose == "dpv:CounterMoneyLaundering")
        .expect("the bank monitors transactions");
    assert!(aml.is_locked());
    assert_eq!(aml.what.basis, LegalBasis::LegalObligation);
    assert_eq!(aml.what.grain.unwrap().as_string(), "specific-continuous");

    for action in [DecisionAction::Object, DecisionAction::WithdrawConsent] {
        match vault.decide(&bank, "dpv:CounterMoneyLaundering", None, action) {
            Err(Error::Locked { basis, reason }) => {
                assert_eq!(basis, LegalBasis::LegalObligation);
                assert!(reason.en.contains("Wwft"), "{}", reason.en);
                assert!(reason.nl.contains("Wwft"), "{}", reason.nl);
            }
            other => panic!("expected Locked, got {other:?}"),
        }
    }
    let after = vault.organisation(&bank).unwrap();
    assert_eq!(after.holdings, page.holdings, "nothing changed");
}

#[test]
fn a_person_can_withdraw_consent_for_offers_based_on_payments() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    vault.load_examples().unwrap();
    let bank = id(BANK_ID);

    let changed = vault
        .decide(
            &bank,
            "dpv:PersonalisedAdvertising",
            Some("pd:Transactional"),
            DecisionAction::WithdrawConsent,
        )
        .unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].decision, DecisionState::ConsentWithdrawn);

    let summary = vault
        .organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.org.id == bank)
        .unwrap();
    assert_eq!(summary.switched_off, 1);

    // The push-message insights are legitimate interest: object, not withdraw.
    let objected = vault
        .decide(
            &bank,
            "dpv:ServicePersonalisation",
            None,
            DecisionAction::Object,
        )
        .unwrap();
    assert_eq!(objected[0].decision, DecisionState::Objected);
}

#[test]
fn the_bookshops_incompatible_use_can_be_objected_to_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    vault.load_examples().unwrap();
    let shop = id(BOOKSHOP_ID);
    let page = vault.organisation(&shop).unwrap();
    let offers = page
        .holdings
        .iter()
        .find(|h| {
            h.what.purpose == "dpv:PersonalisedAdvertising" && h.what.category == "pd:Interest"
        })
        .expect("the bookshop uses reading preferences for offers");
    assert_eq!(offers.what.basis, LegalBasis::LegitimateInterest);
    let note = offers
        .what
        .note
        .as_ref()
        .expect("a note explains the mismatch");
    assert!(note.nl.contains("past niet"), "{}", note.nl);
    assert!(note.en.contains("does not fit"), "{}", note.en);

    let changed = vault
        .decide(
            &shop,
            "dpv:PersonalisedAdvertising",
            Some("pd:Interest"),
            DecisionAction::Object,
        )
        .unwrap();
    assert_eq!(changed[0].decision, DecisionState::Objected);
    // The book tips, which the data was given for, are untouched.
    let tips = vault
        .organisation(&shop)
        .unwrap()
        .holdings
        .into_iter()
        .find(|h| h.what.purpose == "dpv:ProvidePersonalisedRecommendations")
        .unwrap();
    assert_eq!(tips.decision, DecisionState::ConsentGiven);
}

#[test]
fn the_municipality_names_the_wet_brp() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    vault.load_examples().unwrap();
    let gemeente = id(MUNICIPALITY_ID);
    match vault.decide(
        &gemeente,
        "dpv:RecordManagement",
        None,
        DecisionAction::Object,
    ) {
        Err(Error::Locked { basis, reason }) => {
            assert_eq!(basis, LegalBasis::PublicInterest);
            assert!(reason.nl.contains("Wet BRP"), "{}", reason.nl);
        }
        other => panic!("expected Locked, got {other:?}"),
    }
}

#[test]
fn every_purpose_and_category_used_is_in_the_catalogue() {
    for ex in examples::all() {
        for h in &ex.holdings {
            let p = catalogue::lookup(&h.purpose)
                .unwrap_or_else(|| panic!("{}: {} not in the catalogue", ex.org.name, h.purpose));
            assert_eq!(p.kind, TermKind::Purpose, "{}", h.purpose);
            let c = catalogue::lookup(&h.category)
                .unwrap_or_else(|| panic!("{}: {} not in the catalogue", ex.org.name, h.category));
            assert_eq!(c.kind, TermKind::DataCategory, "{}", h.category);
        }
    }
}

#[test]
fn every_example_is_consistent() {
    let mut ids = HashSet::new();
    for ex in examples::all() {
        let name = &ex.org.name;
        assert!(ids.insert(ex.org.id.clone()), "{} twice", ex.org.id);
        assert_eq!(ex.org.source, Source::Example);
        assert!(ex.org.source_date.is_some());
        assert!(ex.org.website.as_deref().unwrap().ends_with(".example"));
        assert!(ex
            .org
            .privacy_email
            .as_deref()
            .unwrap()
            .ends_with(".example"));
        assert!(ex.org.privacy_postal.is_some());
        let mut seen = HashSet::new();
        for h in &ex.holdings {
            let key = (h.category.clone(), h.purpose.clone(), h.basis);
            assert!(
                seen.insert(key),
                "{name}: {} {} twice",
                h.category,
                h.purpose
            );
            let monitoring = catalogue::lookup(&h.purpose).is_some_and(|t| t.monitoring);
            assert_eq!(
                h.grain.is_some(),
                monitoring,
                "{name}: {} should have a grain exactly when it monitors",
                h.purpose
            );
            let locked = h.basis.initial_decision() == DecisionState::Locked;
            if locked {
                let r = h.locked_reason.as_ref().unwrap_or_else(|| {
                    panic!("{name}: locked {} {} has no reason", h.category, h.purpose)
                });
                assert!(!r.nl.trim().is_empty() && !r.en.trim().is_empty());
            } else {
                assert!(
                    h.locked_reason.is_none(),
                    "{name}: {} is not locked",
                    h.purpose
                );
            }
        }
    }
}

/// `load_examples` writes without the checks `add_holding` makes, so check
/// here that every example would pass them.
#[test]
fn every_example_passes_the_vaults_own_checks() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    for ex in examples::all() {
        vault.add_organisation(&ex.org).unwrap();
        for h in &ex.holdings {
            vault
                .add_holding(&ex.org.id, h)
                .unwrap_or_else(|e| panic!("{}: {} {}: {e}", ex.org.name, h.category, h.purpose));
        }
    }
}
