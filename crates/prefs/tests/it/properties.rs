//! Properties of signed files, checked on many generated cases.

use proptest::prelude::*;
use regie_model::Language;
use regie_prefs::json::{parse_with, NumberPolicy};
use regie_prefs::verify;
use serde_json::Value;

use crate::vectors::{now, options, valid_file};

/// For each byte of the file: whether it is whitespace outside strings
/// (the only bytes a change may leave the meaning intact).
fn insignificant(bytes: &[u8]) -> Vec<bool> {
    let mut out = Vec::with_capacity(bytes.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in bytes {
        let ws = !in_string && matches!(b, b' ' | b'\n' | b'\r' | b'\t');
        out.push(ws);
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        }
    }
    out
}

/// A small deterministic generator for shuffling.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn ws(&mut self) -> &'static str {
        ["", " ", "\n", "\t", "\r\n", "  "][(self.next() % 6) as usize]
    }
}

/// Writes `v` with members in a random order and random whitespace.
fn scramble(v: &Value, rng: &mut Rng, out: &mut String) {
    out.push_str(rng.ws());
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            for i in (1..keys.len()).rev() {
                keys.swap(i, (rng.next() % (i as u64 + 1)) as usize);
            }
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(rng.ws());
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push_str(rng.ws());
                out.push(':');
                scramble(&m[k.as_str()], rng, out);
            }
            out.push_str(rng.ws());
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                scramble(item, rng, out);
            }
            out.push(']');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap()),
    }
    out.push_str(rng.ws());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Changing any byte that carries meaning makes verification fail.
    #[test]
    fn changing_a_signed_byte_is_detected(pos in any::<prop::sample::Index>(), new in any::<u8>()) {
        let file = valid_file(Language::Nl);
        let free = insignificant(&file);
        let i = pos.index(file.len());
        prop_assume!(file[i] != new);
        let mut changed = file.clone();
        changed[i] = new;
        let result = verify(&changed, now(), &options());
        let whitespace_for_whitespace = free[i] && matches!(new, b' ' | b'\n' | b'\r' | b'\t');
        if whitespace_for_whitespace {
            prop_assert!(result.is_ok(), "{:?}", result.err());
        } else {
            prop_assert!(result.is_err(), "byte {} changed to {:#04x} was accepted", i, new);
        }
    }

    /// Re-ordering members and changing whitespace keeps the file valid.
    #[test]
    fn reordering_and_whitespace_do_not_matter(seed in 1u64..) {
        let file = valid_file(Language::En);
        let v = parse_with(&file, NumberPolicy::SafeIntegers).unwrap();
        let mut text = String::new();
        scramble(&v, &mut Rng(seed), &mut text);
        let result = verify(text.as_bytes(), now(), &options());
        prop_assert!(result.is_ok(), "{:?}\n{}", result.err(), text);
    }
}
