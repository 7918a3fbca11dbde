//! Parse-and-verify must never panic, whatever the bytes: as a file, as a
//! receipt, as a signed document (a declaration) and as a typed link code;
//! and whatever the strict parser accepts must canonicalise to bytes it
//! accepts again, with the same canonical form (parse, then serialise, is
//! stable); and checking it in a batch gives the answer checking it alone
//! gives.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use regie_prefs::example::{example_file, example_key, example_org, example_receipt_key};
use regie_prefs::{
    jcs, json, proof, verify, verify_many, verify_receipt, DidKey, ExpectedReceipt, FileHash,
    LinkCode, VerifyOptions,
};

fuzz_target!(|data: &[u8]| {
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
    let alone = verify(data, now, &VerifyOptions::default());
    for together in verify_many(&[data, data], now, &VerifyOptions::default()) {
        assert_eq!(together, alone);
    }
    // The example receipt's expectations, made once (it signs a file).
    static EXPECTED: std::sync::OnceLock<ExpectedReceipt> = std::sync::OnceLock::new();
    let expected = EXPECTED.get_or_init(|| ExpectedReceipt {
        key: DidKey::new(example_receipt_key().verifying_key()),
        organisation: example_org(),
        customer: DidKey::new(example_key().verifying_key()),
        file: FileHash::of(&example_file()),
    });
    let _ = verify_receipt(data, now, expected);
    let _ = proof::verify_document(data, 256 * 1024, 2);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(code) = LinkCode::parse(text) {
            assert_eq!(LinkCode::parse(&code.to_string()), Ok(code));
        }
    }
    if let Ok(value) = json::parse(data) {
        let canonical = jcs::canonicalize(&value);
        let again = json::parse(&canonical).expect("canonical output parses");
        assert_eq!(jcs::canonicalize(&again), canonical);
        let pretty = jcs::to_pretty(&value);
        let again = json::parse(&pretty).expect("pretty output parses");
        assert_eq!(jcs::canonicalize(&again), canonical);
    }
});
