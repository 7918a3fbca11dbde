//! A fixed, realistic example: one person, one bank.
//!
//! The specification's worked example, the test vectors, the benchmark and
//! the fuzz target all start from it, so they describe the same file and a
//! test can check that the specification is current.
//!
//! **The key here is a test key.** Its master secret is printed in the
//! source and in the specification; never use it for anything real.

use chrono::{DateTime, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use regie_model::{
    Channel, ContactPreferences, DataScope, DecisionState, FeedbackCap, Frequency, Grain,
    HumanContact, Language, LegalBasis, MessageKind, OrgId, QuietHours,
};

use crate::types::{Audience, DataCategory, Decision, PreferenceSubject, Purpose};
use crate::{pairwise_signing_key, SubjectInput};

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
