//! Export: a signed file per organisation that any verifier accepts, with a
//! growing sequence number and a pairwise identifier.

use chrono::Utc;
use regie_model::{
    Channel, DecisionAction, DecisionState, EventKind, Language, MessageKind, OrgId,
};
use regie_prefs::{verify, Content, VerifyOptions};
use regie_vault::ErrorCode;

use crate::{add_bank, bank, export, new_vault, rotate, sha};

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
    let export = export(&mut v, &bank(), Language::En);
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
    let a = export(&mut v, &bank(), Language::Nl);
    let b = export(&mut v, &bank(), Language::Nl);
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
    let bank_file = preferences(&export(&mut v, &bank(), Language::Nl).bytes, &bank());
    assert!(bank_file.global_switch);
    assert!(!bank_file
        .contact_preferences
        .allows(Channel::InApp, MessageKind::Proactive));
    let shop_file = preferences(&export(&mut v, &shop, Language::Nl).bytes, &shop);
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
    let bank_file = String::from_utf8(export(&mut v, &bank(), Language::En).bytes).unwrap();
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
    let before = export(&mut v, &bank(), Language::En);
    let old_did = v.did(&bank()).unwrap();
    let rotation = rotate(&mut v, &bank(), Language::En);
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
    let after = export(&mut v, &bank(), Language::En);
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
        last = export(&mut v, &bank(), Language::En).sequence;
    }
    let rotation = rotate(&mut v, &bank(), Language::En);
    assert_eq!(rotation.sequence, last + 1);
    // Back to schema 1: the table is gone (and those of the schemas after
    // it), only the history knows.
    v.tamper_for_tests(
        "DROP TABLE request_file; DROP TABLE request; DROP TABLE org_directory;
         DROP TABLE receipt; DROP TABLE outbox; DROP TABLE delivery;
         DROP TABLE export_state; PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(v);
    let mut v = crate::open(&path).unwrap();
    assert_eq!(
        v.did(&bank()).unwrap(),
        rotation.did,
        "the key stays rotated"
    );
    let next = export(&mut v, &bank(), Language::En);
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
    let path = d.path().join("regie-kvk-99999901.json");
    std::fs::write(&path, b"an older file").unwrap();
    let saved = v.export_to(&bank(), Language::En, &path).unwrap();
    assert_eq!(saved.export.file_name(), "regie-kvk-99999901.json");
    assert!(saved.recorded);
    assert_eq!(std::fs::read(&path).unwrap(), saved.export.bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let rotation = rotate(&mut v, &bank(), Language::En);
    assert_eq!(rotation.file_name(), "regie-kvk-99999901-new-key.json");
}

/// Before, an export into a place it could not write still recorded
/// "preference file exported" in the history.
#[test]
fn a_failed_export_records_nothing_and_leaves_no_file() {
    let (d, path, mut v) = new_vault();
    add_bank(&mut v);
    let events = v.history(None).unwrap().len();
    let state_before = export(&mut v, &bank(), Language::En).sequence;
    let events_after_one = v.history(None).unwrap().len();
    assert_eq!(events_after_one, events + 1);
    drop(v);
    let before = sha(&path);
    let listing = |dir: &std::path::Path| {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let files = listing(d.path());
    let mut v = crate::open(&path).unwrap();
    for dest in [
        d.path().join("no such folder").join("bank.json"),
        d.path().to_owned(),
    ] {
        let err = v.export_to(&bank(), Language::En, &dest).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Io, "{dest:?}: {err}");
        assert_eq!(v.history(None).unwrap().len(), events_after_one);
    }
    // A full disk: /dev/full takes no bytes.
    let full = std::path::Path::new("/dev/full");
    if full.exists() {
        let err = v.export_to(&bank(), Language::En, full).unwrap_err();
        assert_eq!(err.code(), ErrorCode::DiskFull, "{err}");
        assert!(
            err.message(Language::Nl).contains("de schijf is vol"),
            "{err}"
        );
    }
    assert_eq!(v.history(None).unwrap().len(), events_after_one);
    drop(v);
    assert_eq!(sha(&path), before, "the vault changed");
    assert_eq!(listing(d.path()), files, "files were left behind");
    // And the next export still gets a higher number.
    let mut v = crate::open(&path).unwrap();
    assert!(export(&mut v, &bank(), Language::En).sequence > state_before);
}

/// All or nothing: when one of several files cannot be written, none is
/// placed and none recorded; a file that was there before is kept.
#[test]
fn exporting_several_files_is_all_or_nothing() {
    let (d, _p, mut v) = new_vault();
    v.load_examples().unwrap();
    let shop = OrgId::parse(regie_vault::examples::WEB_SHOP_ID).unwrap();
    let older = d.path().join("bank.json");
    std::fs::write(&older, b"an older file").unwrap();
    let events = v.history(None).unwrap().len();
    let err = v
        .export_all_to(
            &[
                (bank(), older.clone()),
                (shop, d.path().join("missing").join("shop.json")),
            ],
            Language::En,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert_eq!(std::fs::read(&older).unwrap(), b"an older file");
    assert_eq!(v.history(None).unwrap().len(), events);
}
