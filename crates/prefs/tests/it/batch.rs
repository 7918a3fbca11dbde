//! `verify_many` gives, file for file, the answer `verify` gives, however
//! good and bad files are mixed in one call: the signatures it checks in
//! batches must never let a bad file through or take a good one down.

use ed25519_dalek::SigningKey;
use regie_model::Language;
use regie_prefs::example::{example_subject, example_time};
use regie_prefs::proof::{small_order_encodings, BATCH_SIZE};
use regie_prefs::{
    verify, verify_many, DidKey, KeyRotation, KeyRotationSubject, PreferenceFile, VerifyErrorKind,
};

use crate::vectors::{all_vectors, change_signature, now, options};

/// A valid file for the vectors' organisation, signed by customer `i`'s
/// own key.
fn customer_file(i: u32) -> Vec<u8> {
    let mut seed = [7u8; 32];
    seed[..4].copy_from_slice(&i.to_le_bytes());
    let key = SigningKey::from_bytes(&seed);
    let lang = if i.is_multiple_of(2) {
        Language::Nl
    } else {
        Language::En
    };
    PreferenceFile::sign(
        &example_subject(lang, u64::from(i) + 1),
        &key,
        example_time(),
    )
    .unwrap()
    .bytes
}

/// A valid key rotation for the vectors' organisation, from customer `i`'s
/// key to a new key of theirs, signed by both.
fn customer_rotation(i: u32) -> Vec<u8> {
    let seed = |tag: u8| {
        let mut seed = [tag; 32];
        seed[..4].copy_from_slice(&i.to_le_bytes());
        SigningKey::from_bytes(&seed)
    };
    let (old, new) = (seed(7), seed(8));
    let subject = KeyRotationSubject::new(
        example_subject(Language::En, 1).audience,
        u64::from(i) + 1,
        example_time(),
        DidKey::new(new.verifying_key()),
        Language::En,
    );
    KeyRotation::sign(&subject, &old, &new, example_time())
        .unwrap()
        .bytes
}

/// The rotation with the signature of its proof `which` (0: the old key's,
/// 1: the new key's) changed after signing.
fn rotation_with_bad_proof(bytes: &[u8], which: usize) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    change_signature(&mut v["proof"][which], |sig| sig[40] ^= 1);
    regie_prefs::jcs::to_pretty(&v)
}

/// One byte of the content changed after signing: the sequence number's
/// first digit, so the file still parses and only the signature is wrong.
fn tampered(mut bytes: Vec<u8>) -> Vec<u8> {
    let at = bytes
        .windows(12)
        .position(|w| w == b"\"sequence\": ")
        .unwrap()
        + 12;
    bytes[at] = if bytes[at] == b'9' { b'8' } else { b'9' };
    bytes
}

fn kinds(results: &[Result<regie_prefs::Verified, regie_prefs::VerifyError>]) -> Vec<String> {
    results
        .iter()
        .map(|r| match r {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.kind.code().to_owned(),
        })
        .collect()
}

#[test]
fn many_good_files_are_all_accepted_with_what_they_say() {
    // More than two batches, the last one partly filled.
    let n = 2 * BATCH_SIZE as u32 + 17;
    let files: Vec<Vec<u8>> = (0..n).map(customer_file).collect();
    let refs: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    let many = verify_many(&refs, now(), &options());
    assert_eq!(many.len(), files.len());
    for (file, got) in files.iter().zip(&many) {
        let one = verify(file, now(), &options()).expect("each file is valid");
        assert_eq!(got.as_ref().expect("accepted in a batch"), &one);
    }
}

#[test]
fn a_tampered_file_is_refused_and_its_batch_neighbours_are_not() {
    let n = BATCH_SIZE as u32 + 40;
    for bad in [0, 1, BATCH_SIZE as u32 - 1, BATCH_SIZE as u32 + 39] {
        let mut files: Vec<Vec<u8>> = (0..n).map(customer_file).collect();
        files[bad as usize] = tampered(files[bad as usize].clone());
        let refs: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
        let many = verify_many(&refs, now(), &options());
        for (i, r) in many.iter().enumerate() {
            if i == bad as usize {
                let e = r.as_ref().expect_err("the tampered file");
                assert_eq!(e.kind, VerifyErrorKind::BadSignature, "file {i}");
            } else {
                assert!(r.is_ok(), "file {i} with the bad one at {bad}: {r:?}");
            }
        }
    }
}

#[test]
fn every_vector_gets_the_same_answer_in_a_batch_of_good_files() {
    let vectors = all_vectors();
    let good: Vec<Vec<u8>> = (0..BATCH_SIZE as u32 / 2).map(customer_file).collect();
    // Each vector alone among good files, and all vectors together.
    for (name, bytes) in &vectors {
        let mut files: Vec<&[u8]> = good.iter().map(Vec::as_slice).collect();
        files.insert(files.len() / 2, bytes);
        let many = verify_many(&files, now(), &options());
        let want: Vec<_> = files.iter().map(|f| verify(f, now(), &options())).collect();
        assert_eq!(kinds(&many), kinds(&want), "{name}");
    }
    let mut files: Vec<&[u8]> = good.iter().map(Vec::as_slice).collect();
    for (i, bytes) in vectors.values().enumerate() {
        files.insert((i * 3) % files.len(), bytes);
    }
    let many = verify_many(&files, now(), &options());
    let want: Vec<_> = files.iter().map(|f| verify(f, now(), &options())).collect();
    assert_eq!(kinds(&many), kinds(&want));
    assert_eq!(many, want);
}

/// Both of a rotation's signatures go into the batches: a bad one of
/// either is refused, also where the two fall into different batches, and
/// the files after it get their own answers.
#[test]
fn both_signatures_of_a_rotation_are_checked_in_a_batch() {
    // 255 preference files first, so that the first rotation's two
    // signatures are the last of one batch and the first of the next.
    let mut files: Vec<Vec<u8>> = (0..BATCH_SIZE as u32 - 1).map(customer_file).collect();
    let mut expect: Vec<&str> = vec!["ok"; files.len()];
    for i in 0..12u32 {
        let rotation = customer_rotation(1000 + i);
        let (bytes, want) = match i % 3 {
            0 => (rotation, "ok"),
            n => (
                rotation_with_bad_proof(&rotation, n as usize - 1),
                "bad-signature",
            ),
        };
        files.push(bytes);
        expect.push(want);
        files.push(customer_file(2000 + i));
        expect.push("ok");
    }
    let refs: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    let many = verify_many(&refs, now(), &options());
    assert_eq!(kinds(&many), expect);
    let one: Vec<_> = refs.iter().map(|f| verify(f, now(), &options())).collect();
    assert_eq!(many, one);

    // All good: accepted in batches, with what each says.
    let good: Vec<Vec<u8>> = (0..BATCH_SIZE as u32 / 2 + 3)
        .map(customer_rotation)
        .collect();
    let refs: Vec<&[u8]> = good.iter().map(Vec::as_slice).collect();
    let many = verify_many(&refs, now(), &options());
    assert!(many.iter().all(Result::is_ok), "{:?}", kinds(&many));
    let one: Vec<_> = refs.iter().map(|f| verify(f, now(), &options())).collect();
    assert_eq!(many, one);
}

#[test]
fn nothing_and_one_file_are_answered_too() {
    assert!(verify_many(&[], now(), &options()).is_empty());
    let file = customer_file(1);
    let one = verify_many(&[&file], now(), &options());
    assert_eq!(one, vec![verify(&file, now(), &options())]);
    let bad = tampered(file);
    let one = verify_many(&[&bad], now(), &options());
    assert_eq!(kinds(&one), vec!["bad-signature".to_owned()]);
}

#[test]
fn the_small_order_table_is_exactly_what_decodes_to_small_order() {
    use curve25519_dalek::edwards::CompressedEdwardsY;
    let table = small_order_encodings();
    // 8 points; x = 0 for 2 of them (either sign bit), y + p fits for 3.
    assert_eq!(table.len(), 14);
    let small = |e: [u8; 32]| {
        CompressedEdwardsY(e)
            .decompress()
            .is_some_and(|p| p.is_small_order())
    };
    for e in table {
        assert!(small(*e), "{e:02x?}");
    }
    // Every string whose y is within 300 of 0, of p or of 2^255, with
    // either sign bit, and the encodings of real signatures' R: in the
    // table exactly when it decodes to a small-order point.
    let mut tried = 0;
    for base in [[0u8; 32], [0xffu8; 32]] {
        for delta in 0..300u16 {
            let mut e = base;
            e[31] &= 0x7f;
            if base[0] == 0 {
                e[..2].copy_from_slice(&delta.to_le_bytes());
            } else {
                let low = u16::from_le_bytes([e[0], e[1]]) - delta;
                e[..2].copy_from_slice(&low.to_le_bytes());
            }
            for sign in [0, 0x80] {
                let mut e = e;
                e[31] |= sign;
                assert_eq!(table.contains(&e), small(e), "{e:02x?}");
                tried += 1;
            }
        }
    }
    for i in 0..50 {
        let file = customer_file(i);
        let v: serde_json::Value = serde_json::from_slice(&file).unwrap();
        let pv = v["proof"]["proofValue"].as_str().unwrap();
        let sig = bs58::decode(&pv[1..]).into_vec().unwrap();
        let r: [u8; 32] = sig[..32].try_into().unwrap();
        assert!(!table.contains(&r) && !small(r));
        tried += 1;
    }
    assert!(tried > 1000);
}

#[test]
fn a_small_order_r_is_refused_in_a_batch_as_on_its_own() {
    let good: Vec<Vec<u8>> = (0..8).map(customer_file).collect();
    for r in small_order_encodings() {
        let file = good[3].clone();
        let mut v: serde_json::Value = serde_json::from_slice(&file).unwrap();
        let pv = v["proof"]["proofValue"].as_str().unwrap().to_owned();
        let mut sig = bs58::decode(&pv[1..]).into_vec().unwrap();
        sig[..32].copy_from_slice(r);
        v["proof"]["proofValue"] = format!("z{}", bs58::encode(&sig).into_string()).into();
        let bad = regie_prefs::jcs::to_pretty(&v);
        let mut files: Vec<&[u8]> = good.iter().map(Vec::as_slice).collect();
        files[3] = &bad;
        let many = verify_many(&files, now(), &options());
        let want: Vec<_> = files.iter().map(|f| verify(f, now(), &options())).collect();
        assert_eq!(kinds(&many), kinds(&want));
        assert_eq!(kinds(&many)[3], "bad-signature");
    }
}
