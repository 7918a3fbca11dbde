//! Decisions, contact preferences, the global switch, backup and restore.

use regie_model::{Channel, DecisionAction, DecisionState, EventKind, MessageKind, OrgId};
use regie_vault::{Error, ErrorCode, Keychain, Protection, Vault};

use crate::{add_bank, bank, new_vault, open, passphrase};

#[test]
fn withdrawing_consent_is_stored_and_survives_reopening() {
    let (_d, path, mut v) = new_vault();
    add_bank(&mut v);
    let changed = v
        .decide(
            &bank(),
            "dpv:DirectMarketing",
            Some("pd:Transactional"),
            DecisionAction::WithdrawConsent,
        )
        .unwrap();
    assert_eq!(changed.len(), 1);
    drop(v);
    let v = open(&path).unwrap();
    let page = v.organisation(&bank()).unwrap();
    let h = page
        .holdings
        .iter()
        .find(|h| h.what.purpose == "dpv:DirectMarketing" && h.what.category == "pd:Transactional")
        .unwrap();
    assert_eq!(h.decision, DecisionState::ConsentWithdrawn);
    let other = page
        .holdings
        .iter()
        .find(|h| h.what.purpose == "dpv:DirectMarketing" && h.what.category == "pd:Financial")
        .unwrap();
    assert_eq!(
        other.decision,
        DecisionState::ConsentGiven,
        "narrowing to one category leaves the other alone"
    );
}

#[test]
fn a_locked_holding_refuses_with_the_law_named_and_changes_nothing() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let before = v.history(None).unwrap().len();
    let err = v
        .decide(
            &bank(),
            "dpv:CounterMoneyLaundering",
            None,
            DecisionAction::WithdrawConsent,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    assert!(err.to_string().contains("Wwft"), "{err}");
    assert!(err.message(regie_model::Language::Nl).contains("Wwft"));
    let err = v
        .decide(
            &bank(),
            "dpv:CounterMoneyLaundering",
            None,
            DecisionAction::Object,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    assert_eq!(
        v.history(None).unwrap().len(),
        before,
        "a refused change writes no event"
    );
}

#[test]
fn objecting_fits_legitimate_interest_only() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let err = v
        .decide(
            &bank(),
            "dpv:CreditChecking",
            None,
            DecisionAction::WithdrawConsent,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::WrongAction);
    let changed = v
        .decide(
            &bank(),
            "https://w3id.org/dpv#CreditChecking",
            None,
            DecisionAction::Object,
        )
        .unwrap();
    assert_eq!(changed[0].decision, DecisionState::Objected);
    let err = v
        .decide(&bank(), "dpv:Nothing", None, DecisionAction::Object)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownHolding);
    let err = v
        .decide(
            &OrgId::parse("nobody").unwrap(),
            "dpv:CreditChecking",
            None,
            DecisionAction::Object,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownOrganisation);
}

#[test]
fn push_off_for_one_org_and_the_global_switch() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let shop = OrgId::parse("webwinkel").unwrap();
    v.add_organisation(&regie_vault::Organisation::new(shop.clone(), "Webwinkel"))
        .unwrap();
    assert!(v
        .set_contact(&bank(), Channel::Push, MessageKind::Marketing, false)
        .unwrap());
    assert!(
        !v.set_contact(&bank(), Channel::Push, MessageKind::Marketing, false)
            .unwrap(),
        "no change, no event"
    );
    let err = v
        .set_contact(&bank(), Channel::Push, MessageKind::Service, false)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let page = v.organisation(&bank()).unwrap();
    assert!(!page
        .effective_contact
        .allows(Channel::Push, MessageKind::Marketing));
    assert!(page
        .effective_contact
        .allows(Channel::Push, MessageKind::Proactive));

    assert!(v.set_global_off(true).unwrap());
    let shop_page = v.organisation(&shop).unwrap();
    assert!(!shop_page
        .effective_contact
        .allows(Channel::Email, MessageKind::Proactive));
    assert!(shop_page
        .effective_contact
        .allows(Channel::Email, MessageKind::Service));
    v.set_exempt(&shop, true).unwrap();
    assert!(v
        .organisation(&shop)
        .unwrap()
        .effective_contact
        .allows(Channel::Email, MessageKind::Proactive));
    assert_eq!(
        v.set_contact_all(Channel::Sms, MessageKind::Feedback, false)
            .unwrap(),
        2
    );
    let kinds: Vec<EventKind> = v.history(None).unwrap().iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventKind::GlobalSwitch));
    assert!(kinds.contains(&EventKind::Exemption));
}

#[test]
fn quiet_hours_and_caps_are_validated() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let q = regie_model::QuietHours {
        start: regie_model::contact::parse_hhmm("22:00").unwrap(),
        end: regie_model::contact::parse_hhmm("07:00").unwrap(),
        time_zone: "Europe/Atlantis".into(),
    };
    let err = v.update_contact(&bank(), "quiet-hours", |p| {
        p.quiet_hours = Some(q.clone());
        Ok(())
    });
    assert_eq!(err.unwrap_err().code(), ErrorCode::InvalidInput);
    let err = v.update_contact(
        &bank(),
        "max-per-week",
        |p| Ok(p.set_max_per_week(Some(0))?),
    );
    assert_eq!(err.unwrap_err().code(), ErrorCode::InvalidInput);
    v.update_contact(
        &bank(),
        "max-per-week",
        |p| Ok(p.set_max_per_week(Some(2))?),
    )
    .unwrap();
    assert_eq!(
        v.organisation(&bank()).unwrap().contact.max_per_week,
        Some(2)
    );
}

#[test]
fn sensitive_categories() {
    let (_d, _p, mut v) = new_vault();
    assert!(v.mark_sensitive("pd:Health", true).unwrap());
    assert!(!v
        .mark_sensitive("https://w3id.org/dpv/pd#Health", true)
        .unwrap());
    assert_eq!(
        v.sensitive_categories().unwrap(),
        vec!["pd:Health".to_string()]
    );
    assert_eq!(
        v.mark_sensitive("dpv:DirectMarketing", true)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidInput
    );
}

#[test]
fn backup_restores_with_the_recovery_code_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.regie");
    let (mut v, code) = Vault::create(&path, Protection::Passphrase(passphrase())).unwrap();
    add_bank(&mut v);
    v.set_contact(&bank(), Channel::Push, MessageKind::Proactive, false)
        .unwrap();
    let backup = dir.path().join("backup.regie");
    let report = v.backup(&backup).unwrap();
    assert_eq!(report.organisations, 1);
    assert!(report.bytes > 0);
    assert!(
        matches!(v.backup(&backup), Err(Error::VaultExists(_))),
        "never overwrites"
    );
    drop(v);

    // Restoring over an existing vault is refused.
    let err = Vault::restore(
        &path,
        Some(&backup),
        code.reveal(),
        Protection::Passphrase(passphrase()),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::VaultExists);

    // A different vault's code is refused and nothing is written.
    let other = dir.path().join("other.regie");
    let (_o, other_code) = Vault::create(&other, Protection::Passphrase(passphrase())).unwrap();
    let target = dir.path().join("restored.regie");
    let err = Vault::restore(
        &target,
        Some(&backup),
        other_code.reveal(),
        Protection::Passphrase(passphrase()),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::RecoveryCodeMismatch);
    assert!(!target.exists());

    let kc = Keychain::in_memory();
    let (restored, _) = Vault::restore(
        &target,
        Some(&backup),
        code.reveal(),
        Protection::Keychain(kc.clone()),
    )
    .unwrap();
    let page = restored.organisation(&bank()).unwrap();
    assert!(!page.contact.allows(Channel::Push, MessageKind::Proactive));
    assert!(restored.uses_keychain());
    drop(restored);
    let reopened = Vault::open(
        &target,
        regie_vault::Unlock {
            keychain: &kc,
            passphrase: None,
        },
    )
    .unwrap();
    assert_eq!(reopened.organisations().unwrap().len(), 1);
}

#[test]
fn losing_the_key_file_is_recoverable_with_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.regie");
    let (mut v, code) = Vault::create(&path, Protection::Passphrase(passphrase())).unwrap();
    add_bank(&mut v);
    drop(v);
    let key_file = dir.path().join("v.regie.key");
    std::fs::remove_file(&key_file).unwrap();
    assert_eq!(open(&path).unwrap_err().code(), ErrorCode::KeyFileMissing);
    let typo = code.reveal().replacen(
        &code.reveal()[..1],
        if code.reveal().starts_with('A') {
            "B"
        } else {
            "A"
        },
        1,
    );
    assert_eq!(
        Vault::restore(&path, None, &typo, Protection::Passphrase(passphrase()))
            .unwrap_err()
            .code(),
        ErrorCode::BadRecoveryCode
    );
    let (v, _) = Vault::restore(
        &path,
        None,
        code.reveal(),
        Protection::Passphrase(passphrase()),
    )
    .unwrap();
    assert_eq!(v.organisations().unwrap().len(), 1);
    assert!(v
        .history(None)
        .unwrap()
        .iter()
        .any(|e| e.kind == EventKind::Restored));
}
