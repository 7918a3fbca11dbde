//! The history chain catches edited, deleted and reordered events.

use regie_model::{Channel, MessageKind};
use regie_vault::ErrorCode;

use crate::{add_bank, bank, new_vault};

fn vault_with_history() -> (tempfile::TempDir, regie_vault::Vault) {
    let (d, _p, mut v) = new_vault();
    add_bank(&mut v);
    v.set_contact(&bank(), Channel::Push, MessageKind::Marketing, false)
        .unwrap();
    v.set_global_off(true).unwrap();
    (d, v)
}

#[test]
fn every_change_is_an_event_with_before_and_after() {
    let (_d, mut v) = vault_with_history();
    let timeline = v.history(Some(&bank())).unwrap();
    let push = timeline
        .iter()
        .find(|e| e.kind == "contact-changed")
        .unwrap();
    assert_eq!(push.subject, "push/marketing");
    assert!(push
        .before
        .as_deref()
        .unwrap()
        .contains("\"push\":{\"feedback\":true,\"marketing\":true"));
    assert!(push
        .after
        .as_deref()
        .unwrap()
        .contains("\"push\":{\"feedback\":true,\"marketing\":false"));
    let all = v.history(None).unwrap();
    assert!(
        all.len() > timeline.len(),
        "the global switch is in the overall history only"
    );
    assert_eq!(v.verify_history().unwrap(), all.len() as i64);
}

#[test]
fn the_log_refuses_updates_and_deletes() {
    let (_d, v) = vault_with_history();
    assert!(v
        .tamper_for_tests("UPDATE event SET subject = 'x' WHERE seq = 2")
        .is_err());
    assert!(v
        .tamper_for_tests("DELETE FROM event WHERE seq = 2")
        .is_err());
}

#[test]
fn an_edited_event_is_detected() {
    let (_d, mut v) = vault_with_history();
    v.tamper_for_tests(
        "DROP TRIGGER event_append_only_update; UPDATE event SET after = 'false' WHERE kind = 'global-switch'",
    )
    .unwrap();
    assert_eq!(
        v.verify_history().unwrap_err().code(),
        ErrorCode::HistoryTampered
    );
}

#[test]
fn a_deleted_event_is_detected() {
    let (_d, mut v) = vault_with_history();
    v.tamper_for_tests("DROP TRIGGER event_append_only_delete; DELETE FROM event WHERE seq = 3")
        .unwrap();
    assert_eq!(
        v.verify_history().unwrap_err().code(),
        ErrorCode::HistoryTampered
    );
}

#[test]
fn deleting_the_newest_event_is_detected() {
    let (_d, mut v) = vault_with_history();
    v.tamper_for_tests("DROP TRIGGER event_append_only_delete; DELETE FROM event WHERE seq = (SELECT max(seq) FROM event)").unwrap();
    assert_eq!(
        v.verify_history().unwrap_err().code(),
        ErrorCode::HistoryTampered
    );
}
