//! Files per second for signing and verifying preference files, next to the
//! raw Ed25519 `verify_strict` rate of the same number of signatures, on
//! one core.
//!
//! Run: `cargo bench -p regie-prefs --bench verify`. Figures are recorded
//! in docs/PERFORMANCE.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use ed25519_dalek::{Signer, SigningKey};
use regie_model::{ContactPreferences, Language};
use regie_prefs::example::{example_key, example_subject, example_time};
use regie_prefs::{verify, PreferenceFile, PreferenceSubject, SubjectInput, VerifyOptions};

fn small_subject() -> PreferenceSubject {
    let full = example_subject(Language::En, 7);
    PreferenceSubject::new(SubjectInput {
        audience: full.audience,
        sequence: 7,
        issued: example_time(),
        language: Language::En,
        preferences: ContactPreferences::default(),
        global_off: true,
        exempt: false,
        decisions: vec![],
        sensitive_categories: vec![],
    })
}

fn bench(c: &mut Criterion) {
    let key: SigningKey = example_key();
    let now = example_time();
    let options = VerifyOptions::default();
    for (name, subject) in [
        ("small", small_subject()),
        ("example", example_subject(Language::Nl, 7)),
    ] {
        let file = PreferenceFile::sign(&subject, &key, now).unwrap().bytes;
        let mut g = c.benchmark_group(format!("{name}-{}B", file.len()));
        g.throughput(Throughput::Elements(1));
        g.bench_function("sign-file", |b| {
            b.iter(|| PreferenceFile::sign(black_box(&subject), &key, now).unwrap())
        });
        g.bench_function("verify-file", |b| {
            b.iter(|| verify(black_box(&file), now, &options).unwrap())
        });
        // The same work without the file: one 64-byte message, one
        // signature, verify_strict.
        let msg = [7u8; 64];
        let sig = key.sign(&msg);
        let vk = key.verifying_key();
        g.bench_function("raw-verify-strict", |b| {
            b.iter(|| vk.verify_strict(black_box(&msg), black_box(&sig)).unwrap())
        });
        // The same, starting from the key and signature as bytes, as a
        // verifier receives them (includes decompressing the public key).
        let (vk_bytes, sig_bytes) = (vk.to_bytes(), sig.to_bytes());
        g.bench_function("raw-verify-strict-from-bytes", |b| {
            b.iter(|| {
                let vk = ed25519_dalek::VerifyingKey::from_bytes(black_box(&vk_bytes)).unwrap();
                let sig = ed25519_dalek::Signature::from_bytes(black_box(&sig_bytes));
                vk.verify_strict(black_box(&msg), &sig).unwrap()
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
