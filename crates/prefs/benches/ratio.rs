//! Whole-file verification rate as a share of the raw Ed25519 rate, robust
//! to a busy machine: the kinds of work are measured in alternating batches
//! and the fastest batch of each is kept (background load only ever slows a
//! batch down).
//!
//! "Raw Ed25519 verification" is what any verifier must do per signature:
//! decompress the 32-byte public key (`VerifyingKey::from_bytes`) and run
//! `verify_strict` on the 64-byte hashData. The rate with the key already
//! decompressed is printed as well.
//!
//! Two files: a realistic export (two decisions, a few preferences, about
//! 1.5 KB as canonical JSON; also as Regie writes it, indented) and the
//! specification's worked example (4.4 KB, indented).
//!
//! Run: `taskset -c 0 cargo bench -p regie-prefs --bench ratio`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use regie_model::{Channel, ContactPreferences, DecisionState, Language, LegalBasis, MessageKind};
use regie_prefs::example::{example_key, example_org, example_subject, example_time};
use regie_prefs::proof::BATCH_SIZE;
use regie_prefs::{
    jcs, json, verify, verify_many, Audience, DataCategory, Decision, PreferenceFile,
    PreferenceSubject, Purpose, SubjectInput, VerifyOptions,
};

const BATCH: u32 = 50;
const ROUNDS: u32 = 150;

fn per_item(mut f: impl FnMut()) -> Duration {
    let t = Instant::now();
    for _ in 0..BATCH {
        f();
    }
    t.elapsed() / BATCH
}

/// A typical export: push and SMS marketing off, consent for direct
/// marketing withdrawn, an objection to personalised advertising.
fn realistic_subject() -> PreferenceSubject {
    let mut p = ContactPreferences::default();
    p.set(Channel::Push, MessageKind::Marketing, false).unwrap();
    p.set(Channel::Sms, MessageKind::Marketing, false).unwrap();
    let cat = |c: &str| DataCategory::parse(c).unwrap();
    PreferenceSubject::new(SubjectInput {
        audience: Audience {
            id: example_org(),
            name: "Voorbeeldbank N.V.".into(),
        },
        sequence: 3,
        issued: example_time(),
        language: Language::En,
        preferences: p,
        global_off: false,
        exempt: false,
        decisions: vec![
            Decision {
                purpose: Purpose::parse("dpv:DirectMarketing").unwrap(),
                data_categories: vec![cat("pd:EmailAddress")],
                legal_basis: LegalBasis::Consent,
                state: DecisionState::ConsentWithdrawn,
                grain: None,
            },
            Decision {
                purpose: Purpose::parse("dpv:PersonalisedAdvertising").unwrap(),
                data_categories: vec![cat("pd:Transactional")],
                legal_basis: LegalBasis::LegitimateInterest,
                state: DecisionState::Objected,
                grain: None,
            },
        ],
        sensitive_categories: vec![],
    })
}

struct Figures {
    sign: Duration,
    verify: Duration,
}

fn measure(
    name: &str,
    subject: &PreferenceSubject,
    file: &[u8],
    key: &SigningKey,
    raw: &mut (Duration, Duration),
) -> Figures {
    let now = example_time();
    let options = VerifyOptions::default();
    verify(file, now, &options).unwrap();
    let msg = [7u8; 64];
    let (vk, sig) = (key.verifying_key().to_bytes(), key.sign(&msg).to_bytes());
    let mut f = Figures {
        sign: Duration::MAX,
        verify: Duration::MAX,
    };
    for _ in 0..ROUNDS {
        f.sign = f.sign.min(per_item(|| {
            black_box(PreferenceFile::sign(black_box(subject), key, now).unwrap());
        }));
        f.verify = f.verify.min(per_item(|| {
            black_box(verify(black_box(file), now, &options).unwrap());
        }));
        raw.0 = raw.0.min(per_item(|| {
            let pk = VerifyingKey::from_bytes(black_box(&vk)).unwrap();
            pk.verify_strict(black_box(&msg), &Signature::from_bytes(black_box(&sig)))
                .unwrap()
        }));
        let pk = VerifyingKey::from_bytes(&vk).unwrap();
        let s = Signature::from_bytes(&sig);
        raw.1 = raw.1.min(per_item(|| {
            pk.verify_strict(black_box(&msg), black_box(&s)).unwrap()
        }));
    }
    println!(
        "{name} ({} bytes): sign {:.0} files/s ({:?}), verify {:.0} files/s ({:?})",
        file.len(),
        rate(f.sign),
        f.sign,
        rate(f.verify),
        f.verify
    );
    f
}

fn rate(d: Duration) -> f64 {
    1.0 / d.as_secs_f64()
}

fn main() {
    let key = example_key();
    let now = example_time();
    let realistic = realistic_subject();
    let indented = PreferenceFile::sign(&realistic, &key, now).unwrap().bytes;
    let compact = jcs::canonicalize(&json::parse(&indented).unwrap());
    let example = example_subject(Language::Nl, 7);
    let example_file = PreferenceFile::sign(&example, &key, now).unwrap().bytes;

    let mut raw = (Duration::MAX, Duration::MAX);
    let files = [
        ("realistic, canonical", &realistic, &compact),
        ("realistic, indented", &realistic, &indented),
        ("worked example, indented", &example, &example_file),
    ];
    let figures: Vec<Figures> = files
        .iter()
        .map(|(name, s, f)| measure(name, s, f, &key, &mut raw))
        .collect();
    println!(
        "raw Ed25519 (decompress key + verify_strict): {:.0} sigs/s ({:?})",
        rate(raw.0),
        raw.0
    );
    println!(
        "raw verify_strict, key already decompressed:  {:.0} sigs/s ({:?})",
        rate(raw.1),
        raw.1
    );
    for ((name, _, _), f) in files.iter().zip(&figures) {
        println!(
            "{name}: verify file / raw = {:.0}% (/ raw with parsed key: {:.0}%)",
            100.0 * raw.0.as_secs_f64() / f.verify.as_secs_f64(),
            100.0 * raw.1.as_secs_f64() / f.verify.as_secs_f64()
        );
    }

    // Many files at once, as an organisation imports them: one batch of
    // realistic files, each signed by its own customer's key.
    let many: Vec<Vec<u8>> = (0..BATCH_SIZE)
        .map(|i| {
            let mut seed = [9u8; 32];
            seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
            PreferenceFile::sign(&realistic, &SigningKey::from_bytes(&seed), now)
                .unwrap()
                .bytes
        })
        .collect();
    let refs: Vec<&[u8]> = many.iter().map(Vec::as_slice).collect();
    let options = VerifyOptions::default();
    assert!(verify_many(&refs, now, &options).iter().all(Result::is_ok));
    let mut best = Duration::MAX;
    for _ in 0..ROUNDS / 5 {
        let t = Instant::now();
        black_box(verify_many(black_box(&refs), now, &options));
        best = best.min(t.elapsed() / BATCH_SIZE as u32);
    }
    println!(
        "realistic, indented, {BATCH_SIZE} files at once (verify_many): {:.0} files/s ({best:?}), {:.0}% of raw",
        rate(best),
        100.0 * raw.0.as_secs_f64() / best.as_secs_f64()
    );
}
