//! The history chain catches edited, deleted and reordered events, and
//! each event can be told in words.

use regie_model::{Channel, EventKind, MessageKind};
use regie_vault::ErrorCode;

use crate::{add_bank, bank, export, new_vault, rotate};

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
        .find(|e| e.kind == EventKind::ContactChanged)
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

/// Each kind of change in words, as `regie history` and the app's History
/// screen show it: labels, never the JSON the chain stores.
#[test]
fn the_apps_history_showed_raw_json_and_now_describes_each_change_in_words() {
    use regie_model::{DecisionAction, DecisionState, Language};

    let (_d, mut v) = vault_with_history();
    v.decide(
        &bank(),
        "dpv:DirectMarketing",
        Some("pd:Transactional"),
        DecisionAction::WithdrawConsent,
    )
    .unwrap();
    v.mark_sensitive("pd:Health", true).unwrap();
    let exported = export(&mut v, &bank(), Language::En);
    let rotated = rotate(&mut v, &bank(), Language::En);
    let events = v.history(None).unwrap();
    let find = |k: EventKind| events.iter().rev().find(|e| e.kind == k).unwrap();
    let en = |k: EventKind| find(k).describe(Language::En);
    let label = |t: regie_model::Text| t.en;

    assert_eq!(
        en(EventKind::ContactChanged),
        format!(
            "{} / {}: on -> off",
            label(Channel::Push.label()),
            label(MessageKind::Marketing.label())
        )
    );
    assert_eq!(
        en(EventKind::Decision),
        format!(
            "{} / {}: {} -> {}",
            regie_model::catalogue::lookup("dpv:DirectMarketing")
                .unwrap()
                .label
                .en,
            regie_model::catalogue::lookup("pd:Transactional")
                .unwrap()
                .label
                .en,
            label(DecisionState::ConsentGiven.label()),
            label(DecisionState::ConsentWithdrawn.label())
        )
    );
    assert_eq!(en(EventKind::GlobalSwitch), "on -> off");
    assert!(en(EventKind::Sensitive).ends_with(": no -> yes"));
    assert_eq!(
        en(EventKind::Exported),
        format!("sequence number {}", exported.sequence)
    );
    assert_eq!(
        en(EventKind::KeyRotated),
        format!("sequence number {}", rotated.sequence)
    );
    assert_eq!(en(EventKind::OrganisationAdded), "Testbank");
    assert!(events.iter().any(|e| e.kind == EventKind::HoldingAdded
        && e.describe(Language::En).ends_with(&format!(
            " ({})",
            label(regie_model::LegalBasis::Consent.label())
        ))));
    assert_eq!(en(EventKind::VaultCreated), "");

    // Dutch is Dutch, and no description is the stored JSON.
    assert!(find(EventKind::ContactChanged)
        .describe(Language::Nl)
        .ends_with(": aan -> uit"));
    assert_eq!(
        find(EventKind::KeyRotated).describe(Language::Nl),
        format!("volgnummer {}", rotated.sequence)
    );
    for e in &events {
        for lang in Language::ALL {
            let d = e.describe(lang);
            assert!(!d.contains('{') && !d.contains('"'), "{:?}: {d}", e.kind);
        }
    }
}
