//! Shared by the benchmarks: distinct customers' signed files, made before
//! any timing starts.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use rayon::prelude::*;
use regie_model::{Channel, ContactPreferences, Language, MessageKind, OrgId, QuietHours};
use regie_org::server::{self, ServeOptions, Service, Site};
use regie_org::store::{self, OrgConfig};
use regie_org::{DefaultPolicy, ImportOptions, Org};
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

/// A number from the environment, at least 1 and at most `max`.
pub fn env_num(name: &str, default: u64, max: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .clamp(1, max)
}

/// `conns` keep-alive clients asking checks of `names` for `seconds` over
/// HTTP on loopback, against a server with `service` (metrics or none):
/// the latencies (sorted), the count, the time taken and the errors.
pub fn http_load(
    org: Arc<Org>,
    service: Service,
    names: &[String],
    at: &str,
    conns: usize,
    seconds: u64,
) -> (Vec<Duration>, usize, Duration, usize) {
    let token = "bench-token";
    let kinds = [
        MessageKind::Marketing,
        MessageKind::Proactive,
        MessageKind::Feedback,
    ];
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        assert!(addr.ip().is_loopback());
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let site = Site {
            token: token.into(),
            lang: Language::En,
            public: Default::default(),
            tls: None,
            service,
        };
        let server = tokio::spawn(server::serve_site(
            org,
            listener,
            site,
            ServeOptions::default(),
            async move {
                let _ = stop_rx.await;
            },
        ));
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let names = Arc::new(names.to_vec());
        let at = Arc::new(at.to_owned());
        let start = Instant::now();
        let mut tasks = Vec::new();
        for w in 0..conns {
            let names = names.clone();
            let at = at.clone();
            tasks.push(tokio::spawn(async move {
                // One client per task, one idle connection kept alive.
                let client = reqwest::Client::builder()
                    .pool_max_idle_per_host(1)
                    .build()
                    .unwrap();
                let mut lat = Vec::new();
                let mut errors = 0usize;
                let mut i = w;
                while Instant::now() < deadline {
                    let q = format!(
                        "http://{addr}/v1/check?customer={}&channel={}&kind={}&at={}",
                        names[i % names.len()],
                        Channel::ALL[i % 6].as_str(),
                        kinds[i % 3].as_str(),
                        at.replace('+', "%2B")
                    );
                    let t = Instant::now();
                    let ok = match client.get(q).bearer_auth(token).send().await {
                        Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                        Err(_) => false,
                    };
                    lat.push(t.elapsed());
                    errors += usize::from(!ok);
                    i += conns;
                }
                (lat, errors)
            }));
        }
        let mut all = Vec::new();
        let mut errors = 0;
        for t in tasks {
            let (l, e) = t.await.unwrap();
            all.extend(l);
            errors += e;
        }
        let elapsed = start.elapsed();
        let _ = stop_tx.send(());
        server.await.unwrap().unwrap();
        let count = all.len();
        all.sort();
        (all, count, elapsed, errors)
    })
}

/// A new SQLite database in `dir` for [`ORG`] with `customers` customers
/// enrolled as `c0`, `c1`, ... and a signed file of each imported.
pub fn enrolled_and_imported(dir: &std::path::Path, customers: u32) -> Org {
    let url = format!("sqlite:{}", dir.join("org.db").display());
    let s = store::open(&url).unwrap();
    s.init(
        &OrgConfig {
            id: org_id(),
            name: "Voorbeeldbank N.V.".into(),
            default: DefaultPolicy::Block,
            tofu: false,
        },
        Utc::now(),
    )
    .unwrap();
    let files = customer_files(customers);
    let dids: Vec<(String, String)> = files
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (format!("c{i}"), d.clone()))
        .collect();
    s.enrol(&dids, Utc::now()).unwrap();
    drop(s);
    let org = Org::open_url(&url).unwrap();
    let report = org
        .import_many(
            files
                .into_iter()
                .enumerate()
                .map(|(i, (_, b))| (i.to_string(), b))
                .collect(),
            ImportOptions {
                now: Some(now()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(report.accepted, customers as usize);
    org
}
