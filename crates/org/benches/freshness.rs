//! Freshness: the delay from an import committing in one process to a
//! check in another process (a `regie-org serve`, following changes)
//! answering the new verdict, on SQLite and (with
//! `REGIE_BENCH_POSTGRES_URL`) PostgreSQL: p50, p99 and the worst, against
//! the documented bound of one second.
//!
//! Each round imports the customer's next file (marketing push switched
//! off, then on again) in this process, notes the moment the import
//! returned (committed), and asks the server over one keep-alive
//! connection until it answers the new verdict. Rounds start at random
//! moments, so they fall anywhere in the follower's polling cycle.
//!
//! `cargo bench -p regie-org --bench freshness`; `REGIE_BENCH_ROUNDS`
//! (default 200).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use regie_model::{Channel, ContactPreferences, Language, MessageKind};
use regie_org::store::{self, OrgConfig};
use regie_org::{DefaultPolicy, Org};
use regie_prefs::{Audience, DidKey, PreferenceFile, PreferenceSubject, SubjectInput};

use common::*;

/// Customer 0's file number `seq`: marketing push off when `seq` is odd.
fn file(seq: u64) -> Vec<u8> {
    let mut p = ContactPreferences::default();
    p.set(Channel::Push, MessageKind::Marketing, seq.is_multiple_of(2))
        .unwrap();
    let issued = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let subject = PreferenceSubject::new(SubjectInput {
        audience: Audience {
            id: org_id(),
            name: "Voorbeeldbank N.V.".into(),
        },
        sequence: seq,
        issued,
        language: Language::En,
        preferences: p,
        global_off: false,
        exempt: false,
        decisions: vec![],
        sensitive_categories: vec![],
    });
    PreferenceFile::sign(&subject, &customer_key(0), issued)
        .unwrap()
        .bytes
}

/// One keep-alive HTTP/1.1 connection to the server.
struct Client {
    reader: BufReader<TcpStream>,
    token: String,
}

impl Client {
    fn check(&mut self) -> String {
        let req = format!(
            "GET /v1/check?customer=c0&channel=push&kind=marketing HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\r\n",
            self.token
        );
        self.reader.get_mut().write_all(req.as_bytes()).unwrap();
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                len = v.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        self.reader.read_exact(&mut body).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        v["reason"]["code"].as_str().unwrap().to_owned()
    }
}

fn measure(label: &str, url: &str, rounds: u64) -> Vec<Duration> {
    let s = store::open(url).unwrap();
    s.init(
        &OrgConfig {
            id: org_id(),
            name: "Voorbeeldbank N.V.".into(),
            default: DefaultPolicy::Allow,
            tofu: false,
        },
        Utc::now(),
    )
    .unwrap();
    let did = DidKey::new(customer_key(0).verifying_key()).did();
    s.enrol(&[("c0".into(), did)], Utc::now()).unwrap();
    let org = Org::open(s).unwrap();
    let files: Vec<Vec<u8>> = (1..=rounds).map(file).collect();

    let work = tempfile::tempdir().unwrap();
    let token = "bench-token";
    std::fs::write(work.path().join("token"), token).unwrap();
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_regie-org"))
        .args([
            "--db",
            url,
            "--lang",
            "en",
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .arg("--token-file")
        .arg(work.path().join("token"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap()
        .to_owned();
    let mut client = Client {
        reader: BufReader::new(TcpStream::connect(&addr).unwrap()),
        token: token.into(),
    };
    assert_eq!(client.check(), "no-preference-on-file");

    let mut delays = Vec::with_capacity(files.len());
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for (i, f) in files.into_iter().enumerate() {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_millis(rng % 50));
        let want = if i % 2 == 0 { "opted-out" } else { "allowed" };
        let r = org.import_bytes("bench", f, now()).unwrap();
        let committed = Instant::now();
        assert!(
            matches!(r.outcome, regie_org::Outcome::Accepted { .. }),
            "{r:?}"
        );
        loop {
            if client.check() == want {
                break;
            }
            assert!(
                committed.elapsed() < Duration::from_secs(10),
                "{label}: no new verdict after 10 s"
            );
        }
        delays.push(committed.elapsed());
    }
    let _ = server.kill();
    let _ = server.wait();
    delays.sort();
    let over = delays.iter().filter(|d| **d > regie_org::FRESHNESS).count();
    println!(
        "| {label:<10} | {rounds:>6} | {:>9} | {:>9} | {:>9} | {over:>16} |",
        ms(pct(&delays, 0.5)),
        ms(pct(&delays, 0.99)),
        ms(delays.last().copied().unwrap_or_default()),
    );
    delays
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let rounds: u64 = std::env::var("REGIE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
        .clamp(2, 10_000);
    println!("| store      | rounds |       p50 |       p99 |     worst | over 1 s (bound) |");
    println!("|------------|-------:|----------:|----------:|----------:|-----------------:|");
    let work = tempfile::tempdir().unwrap();
    measure(
        "SQLite",
        &format!("sqlite:{}", work.path().join("org.db").display()),
        rounds,
    );
    if let Ok(url) = std::env::var("REGIE_BENCH_POSTGRES_URL") {
        let schema = format!("regie_bench_fresh_{}", std::process::id());
        measure("PostgreSQL", &format!("{url}#{schema}"), rounds);
        if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
        }
    } else {
        println!("(PostgreSQL skipped: set REGIE_BENCH_POSTGRES_URL)");
    }
}
