//! Shared by the benchmarks: distinct customers' signed files, made before
//! any timing starts.

#![allow(dead_code)]

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use rayon::prelude::*;
use regie_model::{Channel, ContactPreferences, Language, MessageKind, OrgId, QuietHours};
use regie_prefs::{
    pairwise_signing_key, Audience, DidKey, PreferenceFile, PreferenceSubject, SubjectInput,
};

pub const ORG: &str = "kvk:33031431";

pub fn org_id() -> OrgId {
    OrgId::parse(ORG).unwrap()
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap()
}

/// Customer `n`'s signed file and did: a TEST key per customer, and
/// preferences that differ a little between customers.
pub fn customer_file(n: u32) -> (String, Vec<u8>) {
    let key = customer_key(n);
    let mut p = ContactPreferences::default();
    let channels = Channel::ALL;
    p.set(channels[n as usize % 6], MessageKind::Marketing, false)
        .unwrap();
    if n.is_multiple_of(3) {
        p.set(Channel::Push, MessageKind::Proactive, false).unwrap();
    }
    if n.is_multiple_of(4) {
        p.quiet_hours = Some(
            QuietHours::new(
                regie_model::contact::parse_hhmm("22:00").unwrap(),
                regie_model::contact::parse_hhmm("07:30").unwrap(),
                "Europe/Amsterdam",
            )
            .unwrap(),
        );
    }
    if n.is_multiple_of(5) {
        p.set_max_per_week(Some(3)).unwrap();
    }
    let issued = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let subject = PreferenceSubject::new(SubjectInput {
        audience: Audience {
            id: org_id(),
            name: "Voorbeeldbank N.V.".into(),
        },
        sequence: 1 + u64::from(n % 7),
        issued,
        language: if n.is_multiple_of(2) {
            Language::Nl
        } else {
            Language::En
        },
        preferences: p,
        global_off: n.is_multiple_of(50),
        exempt: false,
        decisions: vec![],
        sensitive_categories: vec![],
    });
    let bytes = PreferenceFile::sign(&subject, &key, issued).unwrap().bytes;
    (DidKey::new(key.verifying_key()).did(), bytes)
}

/// Customer `n`'s TEST key for the organisation.
pub fn customer_key(n: u32) -> ed25519_dalek::SigningKey {
    let mut master = *b"regie-org BENCH customer........";
    master[24..28].copy_from_slice(&n.to_be_bytes());
    pairwise_signing_key(&master, &org_id())
}

/// `n` customers' files, made on every core.
pub fn customer_files(n: u32) -> Vec<(String, Vec<u8>)> {
    (0..n).into_par_iter().map(customer_file).collect()
}

/// Percentile of sorted durations.
pub fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

pub fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}
