//! Parse-and-verify never panics, on a few thousand random and mutated
//! inputs, for files as for receipts and typed link codes. The fuzz target in `fuzz/` explores further; this keeps the
//! property in every ordinary `cargo test`.

use std::time::Instant;

use regie_model::Language;
use regie_prefs::verify;

use crate::vectors::{all_vectors, now, options, valid_file};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"\\u",
    b"\\ud800",
    b"null",
    b"-0",
    b"1e999",
    b"9007199254740993",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\"proof\":{}",
    b"\"a\":1,\"a\":1",
];

#[test]
fn random_and_mutated_inputs_never_panic() {
    let start = Instant::now();
    let mut seeds: Vec<Vec<u8>> = all_vectors().into_values().collect();
    seeds.extend(crate::receipts::all_receipt_vectors().into_values());
    seeds.push(valid_file(Language::Nl));
    let expected = crate::receipts::expected("valid_accepted-nl.json");
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut rejected = 0;
    let total = 3000;
    for round in 0..total {
        let input: Vec<u8> = match round % 4 {
            0 => (0..rng.below(300)).map(|_| rng.next() as u8).collect(),
            1 | 2 => {
                let mut s = seeds[rng.below(seeds.len())].clone();
                for _ in 0..=rng.below(4) {
                    let i = rng.below(s.len());
                    match rng.below(4) {
                        0 if !s.is_empty() => s[i] = rng.next() as u8,
                        1 if !s.is_empty() => {
                            s.remove(i);
                        }
                        2 => {
                            let t = TOKENS[rng.below(TOKENS.len())];
                            s.splice(i..i, t.iter().copied());
                        }
                        _ => s.truncate(i),
                    }
                }
                s
            }
            _ => {
                let a = &seeds[rng.below(seeds.len())];
                let b = &seeds[rng.below(seeds.len())];
                let (i, j) = (rng.below(a.len()), rng.below(b.len()));
                [&a[..i], &b[j..]].concat()
            }
        };
        if verify(&input, now(), &options()).is_err() {
            rejected += 1;
        }
        let _ = regie_prefs::verify_receipt(&input, now(), &expected);
        if let Ok(text) = std::str::from_utf8(&input[..input.len().min(40)]) {
            let _ = regie_prefs::LinkCode::parse(text);
        }
    }
    assert!(
        rejected > total * 9 / 10,
        "only {rejected} of {total} rejected"
    );
    // About 2 s in a debug build; the bound catches a pathological slowdown.
    assert!(start.elapsed().as_secs() < 15, "took {:?}", start.elapsed());
}
