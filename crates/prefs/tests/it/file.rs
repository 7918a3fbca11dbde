//! Making and checking files through the public API: what an organisation
//! relies on beyond the vectors.

use chrono::Duration;
use regie_model::{DecisionState, Language, LegalBasis, OrgId};
use regie_prefs::example::{example_key, example_org, example_subject, example_time};
use regie_prefs::{
    pairwise_signing_key, verify, Content, DidKey, KeyRotation, KeyRotationSubject, PreferenceFile,
    SignError, VerifyErrorKind, VerifyOptions,
};

#[test]
fn clock_skew_is_five_minutes_to_the_second() {
    let file = PreferenceFile::sign(
        &example_subject(Language::En, 3),
        &example_key(),
        example_time(),
    )
    .unwrap()
    .bytes;
    let opts = VerifyOptions::default();
    let at_limit = example_time() - Duration::minutes(5);
    assert!(verify(&file, at_limit, &opts).is_ok());
    let err = verify(&file, at_limit - Duration::seconds(1), &opts).unwrap_err();
    assert_eq!(err.kind, VerifyErrorKind::IssuedInFuture);
    // The message says what to do.
    assert!(err.to_string().contains("clock"), "{err}");
}

#[test]
fn key_rotation_names_the_new_key_and_is_signed_by_the_old_one() {
    let old = example_key();
    let new = pairwise_signing_key(&[9; 32], &example_org());
    let subject = KeyRotationSubject::new(
        example_subject(Language::Nl, 1).audience,
        12,
        example_time(),
        DidKey::new(new.verifying_key()),
        Language::Nl,
    );
    let file = KeyRotation::sign(&subject, &old, example_time()).unwrap();
    let v = verify(&file.bytes, example_time(), &VerifyOptions::default()).unwrap();
    assert_eq!(v.issuer, DidKey::new(old.verifying_key()));
    assert_eq!(v.sequence(), 12);
    let Content::KeyRotation(r) = v.content else {
        panic!("not a rotation")
    };
    assert_eq!(r.new_key, DidKey::new(new.verifying_key()));

    // Announcing the signing key itself is refused when signing.
    let same = KeyRotationSubject::new(
        r.audience,
        13,
        example_time(),
        DidKey::new(old.verifying_key()),
        Language::Nl,
    );
    assert!(matches!(
        KeyRotation::sign(&same, &old, example_time()),
        Err(SignError::Invalid(e)) if e.kind == VerifyErrorKind::Inconsistent
    ));
}

#[test]
fn signing_refuses_what_verification_would_reject() {
    let mut s = example_subject(Language::En, 1);
    s.decisions[0].legal_basis = LegalBasis::Contract;
    s.decisions[0].state = DecisionState::ConsentWithdrawn;
    let err = PreferenceFile::sign(&s, &example_key(), example_time()).unwrap_err();
    assert!(matches!(err, SignError::Invalid(e) if e.kind == VerifyErrorKind::Inconsistent));

    let mut s = example_subject(Language::En, 1);
    s.sequence = 1 << 53;
    let err = PreferenceFile::sign(&s, &example_key(), example_time()).unwrap_err();
    assert!(matches!(err, SignError::Invalid(e) if e.kind == VerifyErrorKind::InvalidField));
}

#[test]
fn a_file_is_only_for_its_organisation() {
    let file = PreferenceFile::sign(
        &example_subject(Language::En, 1),
        &example_key(),
        example_time(),
    )
    .unwrap()
    .bytes;
    let other = VerifyOptions {
        audience: Some(OrgId::parse("kvk:12345678").unwrap()),
        ..VerifyOptions::default()
    };
    let err = verify(&file, example_time(), &other).unwrap_err();
    assert_eq!(err.kind, VerifyErrorKind::WrongAudience);
}

#[test]
fn global_switch_turns_every_blockable_cell_off() {
    let s = example_subject(Language::En, 1);
    let with_switch = regie_prefs::PreferenceSubject::new(regie_prefs::SubjectInput {
        audience: s.audience.clone(),
        sequence: 2,
        issued: example_time(),
        language: Language::En,
        preferences: s.contact_preferences.clone(),
        global_off: true,
        exempt: false,
        decisions: vec![],
        sensitive_categories: vec![],
    });
    assert!(with_switch.global_switch);
    assert_eq!(with_switch.contact_preferences.blocked().len(), 18);
    assert!(with_switch.summary.lines[0].contains("any organisation"));
    // Exempted: the person's own choices stay.
    let exempt = regie_prefs::PreferenceSubject::new(regie_prefs::SubjectInput {
        audience: s.audience,
        sequence: 2,
        issued: example_time(),
        language: Language::En,
        preferences: s.contact_preferences.clone(),
        global_off: true,
        exempt: true,
        decisions: vec![],
        sensitive_categories: vec![],
    });
    assert!(!exempt.global_switch);
    assert_eq!(exempt.contact_preferences, s.contact_preferences);
}

/// A verifier configured with an enormous clock skew used to overflow the
/// time arithmetic and panic; it now means "no limit".
#[test]
fn huge_clock_skew_does_not_panic() {
    let file = PreferenceFile::sign(
        &example_subject(Language::En, 1),
        &example_key(),
        example_time(),
    )
    .unwrap()
    .bytes;
    let opts = VerifyOptions {
        max_clock_skew: Duration::MAX,
        ..VerifyOptions::default()
    };
    assert!(verify(&file, chrono::DateTime::<chrono::Utc>::MAX_UTC, &opts).is_ok());
}
