//! A fixed, realistic example: one person, one bank.
//!
//! The specification's worked example, the test vectors, the benchmark and
//! the fuzz target all start from it, so they describe the same file and a
//! test can check that the specification is current.
//!
//! The organisation's side of the example (its receipt key, a receipt for
//! the example file) is here too, for the receipt's specification and
//! vectors, and for signed declarations (regie-declaration).
//!
//! **The keys here are test keys.** Their secrets are printed in the
//! source and in the specification; never use them for anything real.

use chrono::{DateTime, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use regie_model::{
    Channel, ContactPreferences, DataScope, DecisionState, FeedbackCap, Frequency, Grain,
    HumanContact, Language, LegalBasis, MessageKind, OrgId, QuietHours,
};

use crate::receipt::ReceiptInput;
use crate::types::{
    Audience, DataCategory, Decision, FileHash, LinkRequestSubject, Outcome, PreferenceSubject,
    Purpose, ReceiptId, ReceiptSubject, ReceivedFile, ReceivedKind,
};
use crate::{pairwise_signing_key, DidKey, LinkCode, PreferenceFile, SubjectInput};

/// The TEST master secret: 32 ASCII bytes, public, for examples only.
pub const TEST_MASTER_SECRET: &[u8; 32] = b"regie-prefs TEST KEY, not secret";

/// The example organisation id.
pub const EXAMPLE_ORG: &str = "kvk:33031431";

/// The example's time of signing: 2026-03-01T09:30:00Z.
pub fn example_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap()
}

/// The example organisation.
pub fn example_org() -> OrgId {
    OrgId::parse(EXAMPLE_ORG).unwrap()
}

/// The example's signing key: the pairwise key of [`TEST_MASTER_SECRET`]
/// for [`EXAMPLE_ORG`]. A TEST KEY.
pub fn example_key() -> SigningKey {
    pairwise_signing_key(TEST_MASTER_SECRET, &example_org())
}

fn purpose(c: &str) -> Purpose {
    Purpose::parse(c).unwrap()
}

fn cat(c: &str) -> DataCategory {
    DataCategory::parse(c).unwrap()
}

/// The example subject: push and SMS marketing off, no proactive tips by
/// push, feedback at most twice a year, quiet hours, consent withdrawn for
/// direct marketing, an objection to personalised advertising, and health
/// data marked sensitive.
pub fn example_subject(language: Language, sequence: u64) -> PreferenceSubject {
    let mut p = ContactPreferences::default();
    p.set(Channel::Push, MessageKind::Marketing, false).unwrap();
    p.set(Channel::Push, MessageKind::Proactive, false).unwrap();
    p.set(Channel::Sms, MessageKind::Marketing, false).unwrap();
    p.set(Channel::Phone, MessageKind::Marketing, false)
        .unwrap();
    p.set(Channel::Phone, MessageKind::Feedback, false).unwrap();
    p.service_channel = Some(Channel::Email);
    p.quiet_hours = Some(
        QuietHours::new(
            regie_model::contact::parse_hhmm("21:00").unwrap(),
            regie_model::contact::parse_hhmm("08:00").unwrap(),
            "Europe/Amsterdam",
        )
        .unwrap(),
    );
    p.set_max_per_week(Some(3)).unwrap();
    p.feedback_cap = FeedbackCap::OncePerMonths { months: 6 };
    p.language = Some(language);
    p.human_contact = Some(HumanContact::Phone);
    PreferenceSubject::new(SubjectInput {
        audience: Audience {
            id: example_org(),
            name: "Voorbeeldbank N.V.".into(),
        },
        sequence,
        issued: example_time(),
        language,
        preferences: p,
        global_off: false,
        exempt: false,
        decisions: vec![
            Decision {
                purpose: purpose("dpv:DirectMarketing"),
                data_categories: vec![cat("pd:EmailAddress"), cat("pd:Transactional")],
                legal_basis: LegalBasis::Consent,
                state: DecisionState::ConsentWithdrawn,
                grain: None,
            },
            Decision {
                purpose: purpose("dpv:PersonalisedAdvertising"),
                data_categories: vec![cat("pd:Transactional")],
                legal_basis: LegalBasis::LegitimateInterest,
                state: DecisionState::Objected,
                grain: Some(Grain {
                    scope: DataScope::Specific,
                    frequency: Frequency::Continuous,
                }),
            },
            Decision {
                purpose: purpose("dpv:FraudPreventionAndDetection"),
                data_categories: vec![cat("pd:Transactional")],
                legal_basis: LegalBasis::LegalObligation,
                state: DecisionState::Locked,
                grain: Some(Grain {
                    scope: DataScope::General,
                    frequency: Frequency::Continuous,
                }),
            },
        ],
        sensitive_categories: vec![cat("pd:Health")],
    })
}

/// The TEST secret of the example organisation's receipt key (the Ed25519
/// seed itself): 32 ASCII bytes, public, for examples only.
pub const TEST_RECEIPT_SECRET: &[u8; 32] = b"regie-org TEST RECEIPT KEY, open";

/// The TEST secret of the key the example organisation moves to when it
/// rotates its receipt key.
pub const TEST_RECEIPT_SECRET_NEXT: &[u8; 32] = b"regie-org TEST RECEIPT KEY 2, ok";

/// The example organisation's receipt key. A TEST KEY.
pub fn example_receipt_key() -> SigningKey {
    SigningKey::from_bytes(TEST_RECEIPT_SECRET)
}

/// The example organisation's next receipt key. A TEST KEY.
pub fn example_next_receipt_key() -> SigningKey {
    SigningKey::from_bytes(TEST_RECEIPT_SECRET_NEXT)
}

/// The example organisation's name.
pub fn example_audience() -> Audience {
    Audience {
        id: example_org(),
        name: "Voorbeeldbank N.V.".into(),
    }
}

/// The example link code, `7K3Q-M9TD-2HX2` (the last character is the check character).
pub fn example_link_code() -> LinkCode {
    LinkCode::from_values([7, 19, 3, 23, 20, 9, 26, 13, 2, 17, 29])
}

/// The example link request, signed with [`example_key`].
pub fn example_link_request(language: Language) -> LinkRequestSubject {
    LinkRequestSubject::new(
        example_audience(),
        example_link_code(),
        example_time(),
        language,
    )
}

/// The example preference file ([`example_subject`] number 7 in Dutch,
/// signed with [`example_key`] at [`example_time`]): the file the example
/// receipt is for.
pub fn example_file() -> Vec<u8> {
    PreferenceFile::sign(
        &example_subject(Language::Nl, 7),
        &example_key(),
        example_time(),
    )
    .map(|f| f.bytes)
    .unwrap_or_default()
}

/// The example receipt id.
pub fn example_receipt_id() -> ReceiptId {
    ReceiptId::from_random(*b"regie receipt 01")
}

/// The example receipt's subject: Voorbeeldbank received
/// [`example_file`] two seconds after it was made, accepted it and
/// honours it from the next second; in `language`.
pub fn example_receipt(language: Language) -> ReceiptSubject {
    let received = example_time() + chrono::Duration::seconds(2);
    let issued = received + chrono::Duration::seconds(1);
    ReceiptSubject::new(ReceiptInput {
        receipt_id: example_receipt_id(),
        controller: example_audience(),
        data_subject: DidKey::new(example_key().verifying_key()),
        received_file: ReceivedFile {
            kind: Some(ReceivedKind::Preferences),
            sha256: FileHash::of(&example_file()),
            sequence: Some(7),
        },
        received,
        outcome: Outcome::Accepted,
        rejection_code: None,
        honoured_from: Some(issued),
        issued,
        language,
    })
}
