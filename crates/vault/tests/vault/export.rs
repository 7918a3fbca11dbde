//! Export: a signed file per organisation that any verifier accepts, with a
//! growing sequence number and a pairwise identifier.

use chrono::Utc;
use regie_model::{
    Channel, DecisionAction, DecisionState, EventKind, Language, MessageKind, OrgId,
};
use regie_prefs::{verify, Content, VerifyOptions};

use crate::{add_bank, bank, new_vault};

fn preferences(bytes: &[u8], org: &OrgId) -> regie_prefs::PreferenceSubject {
    let options = VerifyOptions {
        audience: Some(org.clone()),
        ..Default::default()
    };
    let verified = verify(bytes, Utc::now(), &options).expect("an exported file verifies");
    match verified.content {
        Content::Preferences(p) => p,
        other => panic!("not a preference file: {other:?}"),
    }
}

#[test]
fn the_banks_file_says_push_is_off_and_consent_is_withdrawn() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    v.set_contact(&bank(), Channel::Push, MessageKind::Marketing, false)
        .unwrap();
    v.decide(
        &bank(),
        "dpv:DirectMarketing",
        Some("pd:Transactional"),
        DecisionAction::WithdrawConsent,
    )
    .unwrap();
    v.mark_sensitive("pd:Health", true).unwrap();
    let export = v.export(&bank(), Language::En).unwrap();
    let p = preferences(&export.bytes, &bank());
    assert!(!p
        .contact_preferences
        .allows(Channel::Push, MessageKind::Marketing));
    assert!(p
        .contact_preferences
        .allows(Channel::Email, MessageKind::Marketing));
    let withdrawn = p
        .decisions
        .iter()
        .find(|d| {
            d.purpose.compact() == "dpv:DirectMarketing"
                && d.state == DecisionState::ConsentWithdrawn
        })
        .expect("the withdrawn consent is in the file");
    assert_eq!(
        withdrawn
            .data_categories
            .iter()
            .map(|c| c.compact())
            .collect::<Vec<_>>(),
        ["pd:Transactional"]
    );
    assert!(p
        .sensitive_categories
        .iter()
        .any(|c| c.compact() == "pd:Health"));
    assert_eq!(p.audience.name, "Testbank");
    assert!(!p.summary.lines.is_empty());
    assert_eq!(export.did, v.did(&bank()).unwrap());
}

#[test]
fn sequence_numbers_grow_and_exports_are_in_the_history() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let a = v.export(&bank(), Language::Nl).unwrap();
    let b = v.export(&bank(), Language::Nl).unwrap();
    assert!(b.sequence > a.sequence);
    let exported: Vec<_> = v
        .history(Some(&bank()))
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::Exported)
        .collect();
    assert_eq!(exported.len(), 2);
    assert!(exported[1]
        .after
        .as_deref()
        .unwrap()
        .contains(&format!("\"sequence\":{}", b.sequence)));
}

#[test]
fn the_global_switch_is_in_every_file_but_not_for_an_exempt_organisation() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let shop = OrgId::parse("webwinkel").unwrap();
    v.add_organisation(&regie_vault::Organisation::new(shop.clone(), "Webwinkel"))
        .unwrap();
    v.set_global_off(true).unwrap();
    v.set_exempt(&shop, true).unwrap();
    let bank_file = preferences(&v.export(&bank(), Language::Nl).unwrap().bytes, &bank());
    assert!(bank_file.global_switch);
    assert!(!bank_file
        .contact_preferences
        .allows(Channel::InApp, MessageKind::Proactive));
    let shop_file = preferences(&v.export(&shop, Language::Nl).unwrap().bytes, &shop);
    assert!(!shop_file.global_switch);
    assert!(shop_file
        .contact_preferences
        .allows(Channel::InApp, MessageKind::Proactive));
}

#[test]
fn each_organisation_sees_its_own_identifier_and_nothing_of_the_others() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let shop = OrgId::parse("webwinkel").unwrap();
    v.add_organisation(&regie_vault::Organisation::new(shop.clone(), "Webwinkel"))
        .unwrap();
    assert_ne!(v.did(&bank()).unwrap(), v.did(&shop).unwrap());
    let bank_file = String::from_utf8(v.export(&bank(), Language::En).unwrap().bytes).unwrap();
    assert!(!bank_file.contains("webwinkel") && !bank_file.contains("Webwinkel"));
    assert!(!bank_file.contains(&v.did(&shop).unwrap()));
    assert_eq!(
        v.did(&OrgId::parse("nobody").unwrap()).unwrap_err().code(),
        regie_vault::ErrorCode::UnknownOrganisation
    );
}

#[test]
fn a_key_rotation_is_signed_by_the_old_and_the_new_key_and_later_files_use_the_new_one() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let before = v.export(&bank(), Language::En).unwrap();
    let old_did = v.did(&bank()).unwrap();
    let rotation = v.rotate_key(&bank(), Language::En).unwrap();
    assert!(rotation.sequence > before.sequence);
    let options = VerifyOptions {
        audience: Some(bank()),
        ..Default::default()
    };
    let verified = verify(&rotation.bytes, Utc::now(), &options).unwrap();
    assert_eq!(
        verified.issuer.did(),
        old_did,
        "the announcement is signed by the old key"
    );
    let Content::KeyRotation(r) = verified.content else {
        panic!("not a key rotation")
    };
    assert_eq!(r.new_key.did(), rotation.did);
    assert_ne!(rotation.did, old_did);
    // Both keys signed it, the old one first: the new key's proof is what
    // shows the organisation that the person holds the key they name.
    let mut wire: serde_json::Value = serde_json::from_slice(&rotation.bytes).unwrap();
    let signers: Vec<&str> = wire["proof"]
        .as_array()
        .expect("a rotation has a list of proofs")
        .iter()
        .map(|p| {
            let method = p["verificationMethod"].as_str().unwrap();
            method.split('#').next().unwrap()
        })
        .collect();
    assert_eq!(signers, [old_did.as_str(), rotation.did.as_str()]);
    // Without the new key's proof, the announcement is refused.
    wire["proof"].as_array_mut().unwrap().pop();
    let unproven = regie_prefs::jcs::to_pretty(&wire);
    assert_eq!(
        verify(&unproven, Utc::now(), &options).unwrap_err().kind,
        regie_prefs::VerifyErrorKind::UnprovenKeyRotation
    );
    assert_eq!(v.did(&bank()).unwrap(), rotation.did);
    let after = v.export(&bank(), Language::En).unwrap();
    assert!(after.sequence > rotation.sequence);
    assert_eq!(
        verify(&after.bytes, Utc::now(), &options)
            .unwrap()
            .issuer
            .did(),
        rotation.did
    );
    assert!(v
        .history(Some(&bank()))
        .unwrap()
        .iter()
        .any(|e| e.kind == EventKind::KeyRotated));
}

/// The next sequence number and the key epoch live in their own table now;
/// a vault made before it gets them from its history when it is opened.
#[test]
fn a_vault_from_before_the_export_state_table_keeps_its_sequence_and_key() {
    let (_d, path, mut v) = new_vault();
    add_bank(&mut v);
    // Twenty files in a row put the sequence twenty ahead of the clock, so
    // a number taken from the clock alone would go back.
    let mut last = 0;
    for _ in 0..20 {
        last = v.export(&bank(), Language::En).unwrap().sequence;
    }
    let rotation = v.rotate_key(&bank(), Language::En).unwrap();
    assert_eq!(rotation.sequence, last + 1);
    // Back to schema 1: the table is gone, only the history knows.
    v.tamper_for_tests("DROP TABLE export_state; PRAGMA user_version = 1;")
        .unwrap();
    drop(v);
    let mut v = crate::open(&path).unwrap();
    assert_eq!(
        v.did(&bank()).unwrap(),
        rotation.did,
        "the key stays rotated"
    );
    let next = v.export(&bank(), Language::En).unwrap();
    assert_eq!(next.sequence, rotation.sequence + 1);
    assert_eq!(
        verify(&next.bytes, Utc::now(), &VerifyOptions::default())
            .unwrap()
            .issuer
            .did(),
        rotation.did
    );
    v.verify_history().unwrap();
}

#[test]
fn an_export_is_named_after_its_organisation_and_written_owner_only() {
    let (d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let export = v.export(&bank(), Language::En).unwrap();
    assert_eq!(export.file_name(), "regie-kvk-99999901.json");
    let rotation = v.rotate_key(&bank(), Language::En).unwrap();
    assert_eq!(rotation.file_name(), "regie-kvk-99999901-new-key.json");
    let path = d.path().join(export.file_name());
    std::fs::write(&path, b"an older file").unwrap();
    export.write_to(&path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), export.bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let missing = d.path().join("no such folder").join(export.file_name());
    assert_eq!(
        export.write_to(&missing).unwrap_err().code(),
        regie_vault::ErrorCode::Io
    );
}
