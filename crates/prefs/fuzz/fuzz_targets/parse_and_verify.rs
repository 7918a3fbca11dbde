//! Parse-and-verify must never panic, whatever the bytes; and whatever the
//! strict parser accepts must canonicalise to bytes it accepts again, with
//! the same canonical form (parse, then serialise, is stable); and checking
//! it in a batch gives the answer checking it alone gives.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use regie_prefs::{jcs, json, verify, verify_many, VerifyOptions};

fuzz_target!(|data: &[u8]| {
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
    let alone = verify(data, now, &VerifyOptions::default());
    for together in verify_many(&[data, data], now, &VerifyOptions::default()) {
        assert_eq!(together, alone);
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
