//! Whole-file verification rate as a share of the raw Ed25519 rate, robust
//! to a busy machine: the two are measured in alternating batches and the
//! fastest batch of each is kept (background load only ever slows a batch
//! down).
//!
//! Run: `taskset -c 0 cargo bench -p regie-prefs --bench ratio`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ed25519_dalek::{Signature, Signer, VerifyingKey};
use regie_model::Language;
use regie_prefs::example::{example_key, example_subject, example_time};
use regie_prefs::{verify, PreferenceFile, VerifyOptions};

const BATCH: u32 = 50;
const ROUNDS: u32 = 200;

fn fastest(mut f: impl FnMut()) -> Duration {
    let t = Instant::now();
    for _ in 0..BATCH {
        f();
    }
    t.elapsed() / BATCH
}

fn main() {
    let key = example_key();
    let now = example_time();
    let subject = example_subject(Language::Nl, 7);
    let file = PreferenceFile::sign(&subject, &key, now).unwrap().bytes;
    let options = VerifyOptions::default();
    let msg = [7u8; 64];
    let (vk, sig) = (key.verifying_key().to_bytes(), key.sign(&msg).to_bytes());

    let (mut sign, mut file_v, mut raw, mut raw_bytes) =
        (Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..ROUNDS {
        sign = sign.min(fastest(|| {
            black_box(PreferenceFile::sign(black_box(&subject), &key, now).unwrap());
        }));
        file_v = file_v.min(fastest(|| {
            black_box(verify(black_box(&file), now, &options).unwrap());
        }));
        let pk = VerifyingKey::from_bytes(&vk).unwrap();
        let s = Signature::from_bytes(&sig);
        raw = raw.min(fastest(|| {
            pk.verify_strict(black_box(&msg), black_box(&s)).unwrap()
        }));
        raw_bytes = raw_bytes.min(fastest(|| {
            let pk = VerifyingKey::from_bytes(black_box(&vk)).unwrap();
            pk.verify_strict(black_box(&msg), &Signature::from_bytes(black_box(&sig)))
                .unwrap()
        }));
    }
    let rate = |d: Duration| 1.0 / d.as_secs_f64();
    println!("file: {} bytes", file.len());
    println!(
        "sign file:                 {:>8.0} files/s ({sign:?})",
        rate(sign)
    );
    println!(
        "verify file:               {:>8.0} files/s ({file_v:?})",
        rate(file_v)
    );
    println!(
        "raw verify_strict:         {:>8.0} sigs/s  ({raw:?})",
        rate(raw)
    );
    println!(
        "raw verify_strict (bytes): {:>8.0} sigs/s  ({raw_bytes:?})",
        rate(raw_bytes)
    );
    println!(
        "verify file / raw: {:.0}% (/ raw from bytes: {:.0}%)",
        100.0 * raw.as_secs_f64() / file_v.as_secs_f64(),
        100.0 * raw_bytes.as_secs_f64() / file_v.as_secs_f64()
    );
}
