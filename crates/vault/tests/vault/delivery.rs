//! Delivery to an organisation's inbox, against a real HTTPS inbox
//! (`crate::inbox`): the organisation's key pinned from its signed
//! declaration and changed only with its own signature, linking with a
//! link code, the outbox (only the newest file, in order, kept across
//! restarts and a SIGKILL mid-send), receipts checked against the pinned
//! key, and every fault leaving the file waiting with its reason and a
//! growing wait.

use std::time::Duration;

use chrono::Utc;
use ed25519_dalek::SigningKey;
use regie_model::{Channel, EventKind, Language, MessageKind, OrgId};
use regie_prefs::{verify, Content, LinkCode, Outcome, VerifyOptions};
use regie_vault::{retry_delay, ErrorCode, FileKind, PinChange, SendProblem, Settled, Vault};

use crate::inbox::{Answer, Inbox};
use crate::{new_vault, open};

fn org() -> OrgId {
    OrgId::parse("voorbeeldbank").unwrap()
}

fn code() -> LinkCode {
    LinkCode::from_values([7; 11])
}

const QUICK: Duration = Duration::from_secs(3);

/// A vault that imported the inbox's signed declaration.
fn pinned_vault(inbox: &Inbox) -> (tempfile::TempDir, std::path::PathBuf, Vault) {
    let (d, p, mut v) = new_vault();
    v.import_declaration(&inbox.declaration(&inbox.key, None, 1))
        .unwrap();
    (d, p, v)
}

/// A vault that imported the declaration and linked the organisation.
fn linked_vault(inbox: &Inbox) -> (tempfile::TempDir, std::path::PathBuf, Vault) {
    let (d, p, mut v) = pinned_vault(inbox);
    v.link(&org(), &code(), &inbox.sender(QUICK), Language::En)
        .unwrap();
    (d, p, v)
}

/// Switches push marketing off: a change the organisation must hear of.
fn push_off(v: &mut Vault, off: bool) {
    v.set_contact(&org(), Channel::Push, MessageKind::Marketing, !off)
        .unwrap();
}

/// The sequence numbers and kinds of the files the inbox received, link
/// requests left out.
fn sent(inbox: &Inbox) -> Vec<(FileKind, u64)> {
    inbox
        .received()
        .iter()
        .filter_map(|b| {
            let v = verify(b, Utc::now(), &VerifyOptions::default()).unwrap();
            match v.content {
                Content::Preferences(s) => Some((FileKind::Preferences, s.sequence)),
                Content::KeyRotation(s) => Some((FileKind::KeyRotation, s.sequence)),
                _ => None,
            }
        })
        .collect()
}

fn kinds(v: &Vault) -> Vec<EventKind> {
    v.history(Some(&org()))
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

#[test]
fn the_first_signed_declaration_pins_its_key_and_another_key_is_refused() {
    let inbox = Inbox::start(&org(), 1);
    let (_d, _p, mut v) = new_vault();
    let report = v
        .import_declaration(&inbox.declaration(&inbox.key, None, 1))
        .unwrap();
    let d = report.delivery.unwrap();
    assert_eq!(d.pin, PinChange::First);
    assert_eq!(d.fingerprint, inbox.did().fingerprint());
    assert_eq!(d.inbox, inbox.url());
    let pinned = v.history(Some(&org())).unwrap();
    let event = pinned
        .iter()
        .find(|e| e.kind == EventKind::ReceiptKeyPinned)
        .unwrap();
    assert!(event
        .describe(Language::En)
        .contains(&inbox.did().fingerprint()));

    // A newer declaration signed by a key the person never pinned, and an
    // unsigned one after a signed one: refused, nothing changes.
    let before = v.history(None).unwrap().len();
    let stranger = SigningKey::from_bytes(&[9; 32]);
    let e = v
        .import_declaration(&inbox.declaration(&stranger, None, 2))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidDeclaration);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let v1 = std::fs::read(root.join("docs/spec/examples/declaration-voorbeeldbank.json")).unwrap();
    assert!(v.import_declaration(&v1).is_err());
    assert_eq!(v.history(None).unwrap().len(), before);
    assert_eq!(
        v.delivery(&org()).unwrap().unwrap().fingerprint,
        inbox.did().fingerprint()
    );

    // The same key again keeps the pin; a change the pinned key signed
    // re-pins, with its event.
    let same = v
        .import_declaration(&inbox.declaration(&inbox.key, None, 3))
        .unwrap();
    assert_eq!(same.delivery.unwrap().pin, PinChange::Same);
    let new_key = SigningKey::from_bytes(&[2; 32]);
    let changed = v
        .import_declaration(&inbox.declaration(&new_key, Some(&inbox.key), 4))
        .unwrap()
        .delivery
        .unwrap();
    assert_eq!(changed.pin, PinChange::Replaced);
    assert_eq!(
        changed.previous_fingerprint.as_deref(),
        Some(inbox.did().fingerprint().as_str())
    );
    assert_eq!(
        v.delivery(&org()).unwrap().unwrap().key,
        regie_prefs::DidKey::new(new_key.verifying_key()).did()
    );
    assert!(kinds(&v).contains(&EventKind::ReceiptKeyChanged));
    // The old key alone no longer speaks for the organisation.
    assert!(v
        .import_declaration(&inbox.declaration(&inbox.key, None, 5))
        .is_err());
    v.verify_history().unwrap();
}

#[test]
fn nothing_is_queued_before_linking_and_linking_queues_the_newest_file() {
    let inbox = Inbox::start(&org(), 1);
    let (_d, _p, mut v) = pinned_vault(&inbox);
    push_off(&mut v, true);
    assert!(v.outbox().unwrap().is_empty(), "not linked: nothing queued");
    let e = v
        .send(&org(), &inbox.sender(QUICK), Language::En)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotLinked);

    let receipt = v
        .link(&org(), &code(), &inbox.sender(QUICK), Language::En)
        .unwrap();
    assert_eq!(receipt.file, FileKind::LinkRequest);
    assert_eq!(receipt.outcome, Outcome::Accepted);
    assert!(v.delivery(&org()).unwrap().unwrap().linked_at.is_some());
    let waiting = v.outbox().unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].files[0].kind, FileKind::Preferences);

    let report = v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
    assert_eq!(report.confirmed.len(), 1);
    assert!(report.stopped.is_none());
    assert!(v.outbox().unwrap().is_empty());
    // What went out says push marketing is off.
    let file = inbox.received().last().unwrap().clone();
    let verified = verify(&file, Utc::now(), &VerifyOptions::default()).unwrap();
    let Content::Preferences(p) = verified.content else {
        panic!("a preference file")
    };
    assert!(!p
        .contact_preferences
        .allows(Channel::Push, MessageKind::Marketing));
    assert_eq!(v.receipts(&org()).unwrap().len(), 2);
    let d = v.delivery(&org()).unwrap().unwrap();
    assert_eq!(d.last_receipt.unwrap().sequence, Some(p.sequence));
    let k = kinds(&v);
    assert!(k.contains(&EventKind::Linked));
    assert_eq!(
        k.iter().filter(|k| **k == EventKind::ReceiptStored).count(),
        2
    );
    v.verify_history().unwrap();
}

#[test]
fn a_refused_link_code_links_nothing_and_keeps_the_receipt() {
    let inbox = Inbox::start(&org(), 1);
    let (_d, _p, mut v) = pinned_vault(&inbox);
    inbox.script([Answer::Reject("link-code-used")]);
    let e = v
        .link(&org(), &code(), &inbox.sender(QUICK), Language::Nl)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::LinkRefused);
    assert!(e.message(Language::Nl).contains("één keer"));
    assert!(v.delivery(&org()).unwrap().unwrap().linked_at.is_none());
    assert_eq!(v.receipts(&org()).unwrap()[0].outcome, Outcome::Rejected);
    push_off(&mut v, true);
    assert!(v.outbox().unwrap().is_empty());
}

#[test]
fn only_the_newest_file_waits_and_an_older_one_never_follows_a_newer() {
    let inbox = Inbox::start(&org(), 1);
    let (_d, _p, mut v) = linked_vault(&inbox);
    // Five changes: one file waits, unsigned.
    for i in 0..5 {
        push_off(&mut v, i % 2 == 0);
    }
    let w = v.outbox().unwrap();
    assert_eq!(w[0].files.len(), 1);
    assert_eq!(w[0].files[0].sequence, None);

    // Signed and on its way, then a change: the receipt for the file that
    // went is kept, and the entry is signed anew with a higher number.
    let parcel = v.next_parcel(&org(), Language::En).unwrap().unwrap();
    let first = parcel.sequence.unwrap();
    push_off(&mut v, false);
    let reply = inbox.sender(QUICK).post(&parcel.inbox, &parcel.bytes);
    assert!(matches!(
        v.settle(&parcel, reply, Utc::now()).unwrap(),
        Settled::Confirmed(_)
    ));
    let w = v.outbox().unwrap();
    assert_eq!(w.len(), 1, "the change after signing still waits");
    let report = v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
    assert_eq!(report.confirmed.len(), 1);
    assert!(report.confirmed[0].sequence.unwrap() > first);
    assert!(v.outbox().unwrap().is_empty());

    let seqs: Vec<u64> = sent(&inbox).into_iter().map(|(_, s)| s).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    // The newest state is what the organisation has last.
    let last = inbox.received().last().unwrap().clone();
    let Content::Preferences(p) = verify(&last, Utc::now(), &VerifyOptions::default())
        .unwrap()
        .content
    else {
        panic!("a preference file")
    };
    assert!(p
        .contact_preferences
        .allows(Channel::Push, MessageKind::Marketing));
}

#[test]
fn the_global_switch_queues_every_linked_organisation() {
    let inbox = Inbox::start(&org(), 1);
    let (_d, _p, mut v) = linked_vault(&inbox);
    v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
    assert!(v.outbox().unwrap().is_empty());
    v.set_global_off(true).unwrap();
    assert_eq!(v.outbox().unwrap().len(), 1);
}

#[test]
fn a_key_rotation_goes_through_the_outbox_after_the_file_before_it() {
    let inbox = Inbox::start(&org(), 1);
    let (_d, _p, mut v) = linked_vault(&inbox);
    // The preference file is signed (and so numbered) before the rotation.
    let parcel = v.next_parcel(&org(), Language::En).unwrap().unwrap();
    let old_did = v.did(&org()).unwrap();
    let rotation = v.rotate_key(&org(), Language::En).unwrap();
    assert!(rotation.sequence > parcel.sequence.unwrap());
    let w = v.outbox().unwrap();
    assert_eq!(
        w[0].files.iter().map(|f| f.kind).collect::<Vec<_>>(),
        [FileKind::Preferences, FileKind::KeyRotation]
    );
    let report = v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
    assert_eq!(report.confirmed.len(), 2, "{:?}", report.stopped);
    // The next preference file is signed with the new key.
    push_off(&mut v, true);
    v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
    assert_eq!(
        sent(&inbox).iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        [
            FileKind::Preferences,
            FileKind::KeyRotation,
            FileKind::Preferences
        ]
    );
    let last = inbox.received().last().unwrap().clone();
    let issuer = verify(&last, Utc::now(), &VerifyOptions::default())
        .unwrap()
        .issuer
        .did();
    assert_ne!(issuer, old_did);
    assert_eq!(issuer, v.did(&org()).unwrap());
}

/// Every fault leaves the file waiting, says why, stores no receipt, and
/// pushes the next try further away; a good answer then confirms it.
#[test]
fn faults_leave_the_file_waiting_with_the_reason_and_a_growing_wait() {
    let inbox = Inbox::start(&org(), 1);
    let (_d, path, mut v) = linked_vault(&inbox);
    let faults: Vec<(Answer, &str)> = vec![
        (Answer::Slow(Duration::from_secs(6)), "timeout"),
        (Answer::Garbage, "not-a-receipt"),
        (Answer::Huge, "answer-too-large"),
        (Answer::RedirectElsewhere, "redirected"),
        (Answer::OtherFile, "wrong-file"),
        (Answer::Status(503), "server-error"),
        (Answer::Drop, "dropped"),
        (Answer::RateLimited(7200), "rate-limited"),
    ];
    let receipts = v.receipts(&org()).unwrap().len();
    let mut last_wait = chrono::Duration::zero();
    for (n, (answer, code)) in faults.into_iter().enumerate() {
        inbox.script([answer]);
        let got = inbox.received().len();
        let before = Utc::now();
        let report = v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
        let problem = report.stopped.expect("not confirmed");
        // An answer that is no receipt at all is "not confirmed", with
        // regie-prefs' reason.
        let matches = match code {
            "not-a-receipt" => matches!(problem, SendProblem::NotConfirmed { .. }),
            _ => problem.code() == code,
        };
        assert!(matches, "{code}: {problem:?}");
        assert!(!problem.message(Language::Nl).is_empty());
        assert_eq!(
            inbox.received().len(),
            got + 1,
            "{code}: sent once, not followed"
        );
        let w = &v.outbox().unwrap()[0];
        assert_eq!(w.failures as usize, n + 1);
        assert_eq!(w.problem.as_ref(), Some(&problem));
        assert!(!w.held, "{code} does not hold the sending");
        let wait = w.next_try_at.unwrap() - before;
        if code == "rate-limited" {
            assert!(wait >= chrono::Duration::seconds(7200), "{wait}");
        } else {
            // Half the full wait at least (jitter), and the full wait
            // doubles each time: so each wait is at least the one before
            // it, up to the jitter of the one before.
            assert!(wait * 2 >= last_wait, "{code}: {wait} after {last_wait}");
        }
        last_wait = wait;
    }
    assert_eq!(v.receipts(&org()).unwrap().len(), receipts, "none kept");

    // The wait survives a restart.
    let next = v.outbox().unwrap()[0].next_try_at;
    drop(v);
    let mut v = open(&path).unwrap();
    let w = &v.outbox().unwrap()[0];
    assert_eq!(w.next_try_at, next);
    assert!(!w.is_due(Utc::now()));

    // Sent now all the same (the person asked): confirmed, and the state
    // starts afresh.
    let report = v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
    assert_eq!(report.confirmed.len(), 1);
    assert!(v.outbox().unwrap().is_empty());
}

#[test]
fn a_redirect_to_another_host_is_not_followed() {
    let inbox = Inbox::start(&org(), 1);
    let (_d, _p, mut v) = linked_vault(&inbox);
    inbox.script([Answer::RedirectElsewhere]);
    let got = inbox.received().len();
    let report = v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
    match report.stopped {
        Some(SendProblem::Redirected {
            other_host: true, ..
        }) => {}
        other => panic!("{other:?}"),
    }
    // The other host is served by the same test server: had the sender
    // followed, the inbox would have received the file twice.
    assert_eq!(inbox.received().len(), got + 1);
}

#[test]
fn a_receipt_signed_by_another_key_holds_the_sending_until_a_signed_key_change() {
    let mut inbox = Inbox::start(&org(), 1);
    let (_d, _p, mut v) = linked_vault(&inbox);
    let old = inbox.key.clone();
    let new_key = SigningKey::from_bytes(&[3; 32]);
    inbox.use_key(new_key.clone());
    let report = v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
    assert_eq!(report.stopped.unwrap().code(), "wrong-receipt-key");
    assert_eq!(report.next_try_at, None);
    let w = &v.outbox().unwrap()[0];
    assert!(w.held);
    assert!(!w.is_due(Utc::now() + chrono::Duration::days(365)));
    // Never re-pinned because of a receipt.
    assert_eq!(
        v.delivery(&org()).unwrap().unwrap().fingerprint,
        regie_prefs::DidKey::new(old.verifying_key()).fingerprint()
    );

    // A declaration with the key change the old key signed: re-pinned, and
    // the file goes.
    let changed = v
        .import_declaration(&inbox.declaration(&new_key, Some(&old), 2))
        .unwrap();
    assert_eq!(changed.delivery.unwrap().pin, PinChange::Replaced);
    assert!(!v.outbox().unwrap()[0].held);
    let report = v.send(&org(), &inbox.sender(QUICK), Language::En).unwrap();
    assert_eq!(report.confirmed.len(), 1, "{:?}", report.stopped);
}

#[test]
fn the_wait_doubles_with_jitter_up_to_a_cap_and_honours_retry_after() {
    let s = |n| retry_delay(n, None, 0.0).as_secs();
    assert_eq!([s(1), s(2), s(3), s(4)], [30, 60, 120, 240]);
    assert_eq!(s(30), 6 * 3600);
    assert_eq!(retry_delay(1, None, 1.0).as_secs(), 15, "at most half off");
    assert_eq!(retry_delay(3, None, 0.5).as_secs(), 90);
    assert_eq!(retry_delay(1, Some(600), 1.0).as_secs(), 600);
    assert_eq!(
        retry_delay(1, Some(u64::MAX), 0.0).as_secs(),
        24 * 3600,
        "a Retry-After of years is capped"
    );
    assert_eq!(retry_delay(1, None, f64::NAN).as_secs(), 30);
}

/// A child sends and is SIGKILLed after the organisation got the file but
/// before its answer came: the file still waits, byte for byte, and sent
/// again it is confirmed (`already-imported`).
#[test]
fn a_sigkill_mid_send_loses_nothing() {
    let inbox = Inbox::start(&org(), 1);
    let (_d, path, mut v) = linked_vault(&inbox);
    push_off(&mut v, true);
    drop(v);
    inbox.script([Answer::Hang]);
    let got = inbox.received().len();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "delivery::child_send",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("REGIE_CHILD_SEND", &path)
        .env("REGIE_CA_FILE", &inbox.ca_file)
        .env("REGIE_RESOLVE", format!("{}=127.0.0.1", crate::inbox::HOST))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while inbox.received().len() == got {
        assert!(
            std::time::Instant::now() < deadline,
            "the child sent nothing"
        );
        assert!(child.try_wait().unwrap().is_none(), "the child ended");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let first = inbox.received()[got].clone();

    let mut v = open(&path).unwrap();
    let w = v.outbox().unwrap();
    assert_eq!(w.len(), 1, "the file still waits");
    let parcel = v.next_parcel(&org(), Language::En).unwrap().unwrap();
    assert_eq!(parcel.bytes, first, "the same bytes go again");
    let reply = inbox.sender(QUICK).post(&parcel.inbox, &parcel.bytes);
    match v.settle(&parcel, reply, Utc::now()).unwrap() {
        Settled::Confirmed(r) => assert_eq!(r.outcome, Outcome::AlreadyImported),
        other => panic!("{other:?}"),
    }
    assert!(v.outbox().unwrap().is_empty());
    v.verify_history().unwrap();
}

/// The child of [`a_sigkill_mid_send_loses_nothing`]: sends what waits,
/// with the sender the environment configures, as `regie send` does.
#[test]
fn child_send() {
    let Some(path) = std::env::var_os("REGIE_CHILD_SEND") else {
        return;
    };
    let mut v = open(std::path::Path::new(&path)).unwrap();
    let sender = regie_vault::Sender::new(&regie_vault::SenderConfig::from_env().unwrap()).unwrap();
    let _ = v.send(&org(), &sender, Language::En);
    // Reaching here means the inbox answered: the parent kills before.
    std::thread::sleep(Duration::from_secs(60));
}
