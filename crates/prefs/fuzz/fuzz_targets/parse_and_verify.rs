//! Parse-and-verify must never panic, whatever the bytes; and whatever the
//! strict parser accepts must canonicalise to bytes it accepts again, with
//! the same canonical form (parse, then serialise, is stable).
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use regie_prefs::{jcs, json, verify, VerifyOptions};

fuzz_target!(|data: &[u8]| {
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
    let _ = verify(data, now, &VerifyOptions::default());
    if let Ok(value) = json::parse(data) {
        let canonical = jcs::canonicalize(&value);
        let again = json::parse(&canonical).expect("canonical output parses");
        assert_eq!(jcs::canonicalize(&again), canonical);
        let pretty = jcs::to_pretty(&value);
        let again = json::parse(&pretty).expect("pretty output parses");
        assert_eq!(jcs::canonicalize(&again), canonical);
    }
});
