//! The examples of RFC 8785, as data files in `tests/vectors/rfc8785`.

use std::path::PathBuf;

use regie_prefs::jcs::canonicalize;
use regie_prefs::json::{parse_with, NumberPolicy};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/rfc8785")
}

fn check(name: &str) {
    let input = std::fs::read(dir().join(format!("{name}.input.json"))).unwrap();
    let expected = std::fs::read(dir().join(format!("{name}.expected.json"))).unwrap();
    let value = parse_with(&input, NumberPolicy::Any).unwrap();
    let got = canonicalize(&value);
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&expected),
        "{name}"
    );
}

#[test]
fn section_3_2_2_values() {
    check("values");
}

#[test]
fn section_3_2_3_sorting() {
    check("sorting");
}

#[test]
fn appendix_b_numbers() {
    let text = std::fs::read_to_string(dir().join("numbers.txt")).unwrap();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (hex, expected) = line.split_once(' ').unwrap();
        let f = f64::from_bits(u64::from_str_radix(hex, 16).unwrap());
        match serde_json::Number::from_f64(f) {
            None => assert_eq!(expected, "error", "{hex}"),
            Some(num) => {
                let got = canonicalize(&serde_json::Value::Number(num));
                assert_eq!(String::from_utf8(got).unwrap(), expected, "{hex}");
                // Reading the expected text back gives the same double.
                let back = parse_with(expected.as_bytes(), NumberPolicy::Any).unwrap();
                assert_eq!(back.as_f64(), Some(if f == 0.0 { 0.0 } else { f }), "{hex}");
            }
        }
        n += 1;
    }
    assert_eq!(n, 26);
}
