//! The specification's worked examples are what the code makes, and it
//! names every error code.

use std::path::PathBuf;

use regie_prefs::VerifyErrorKind;

use crate::vectors::all_vectors;

fn spec() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/spec/preference-file.md");
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn worked_examples_are_current() {
    let text = spec();
    let vectors = all_vectors();
    let mut found = 0;
    for block in text.split("<!-- begin example: ").skip(1) {
        let (name, rest) = block.split_once(" -->\n```json\n").unwrap();
        let (body, _) = rest.split_once("```\n<!-- end example -->").unwrap();
        let want = vectors
            .get(name)
            .unwrap_or_else(|| panic!("the spec shows {name}, which is not a vector"));
        assert!(
            body.as_bytes() == &want[..],
            "the example {name} in docs/spec/preference-file.md is out of date; replace it with crates/prefs/tests/vectors/regie/{name}"
        );
        found += 1;
    }
    assert_eq!(found, 3);
}

#[test]
fn every_error_code_is_specified() {
    let text = spec();
    for kind in VerifyErrorKind::ALL {
        assert!(
            text.contains(&format!("`{}`", kind.code())),
            "{} is not in the spec",
            kind.code()
        );
    }
}
