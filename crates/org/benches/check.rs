//! Check latency: in-process (`Org::check` on the in-memory view) and over
//! HTTP on loopback under load, from a load generator with a bounded number
//! of keep-alive connections, for a bounded time, to 127.0.0.1 only; over
//! HTTP twice each, alternately, without and with the follower of other
//! processes' changes running (`Org::follow`), for their ratio.
//!
//! `cargo bench -p regie-org --bench check`; `REGIE_BENCH_CUSTOMERS`
//! (default 20000), `REGIE_BENCH_CONNECTIONS` (default 32, at most 256),
//! `REGIE_BENCH_SECONDS` a round (default 3, at most 60) and
//! `REGIE_BENCH_PAIRS` of rounds without and with the follower (default 10).

mod common;

use std::sync::Arc;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use regie_model::{Channel, MessageKind};
use regie_org::server::Service;
use regie_org::Org;

use common::*;

fn main() {
    let customers = env_num("REGIE_BENCH_CUSTOMERS", 20_000, 1_000_000) as u32;
    let conns = env_num("REGIE_BENCH_CONNECTIONS", 32, 256) as usize;
    let seconds = env_num("REGIE_BENCH_SECONDS", 3, 60);
    let pairs = env_num("REGIE_BENCH_PAIRS", 10, 100) as usize;
    let work = tempfile::tempdir().unwrap();
    let org = enrolled_and_imported(work.path(), customers);
    let url = format!("sqlite:{}", work.path().join("org.db").display());
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 13, 0, 0).unwrap();
    org.warm(at).unwrap();
    let org = Arc::new(org);

    // In-process.
    let kinds = [
        MessageKind::Marketing,
        MessageKind::Proactive,
        MessageKind::Feedback,
    ];
    let n = 1_000_000usize;
    let mut lat = Vec::with_capacity(n);
    let mut allowed = 0usize;
    let names: Vec<String> = (0..customers).map(|i| format!("c{i}")).collect();
    let start = Instant::now();
    for i in 0..n {
        let c = &names[i % names.len()];
        let ch = Channel::ALL[i % 6];
        let k = kinds[i % 3];
        let t = Instant::now();
        let d = org.check(c, ch, k, at);
        lat.push(t.elapsed());
        allowed += usize::from(d.allowed);
    }
    let total = start.elapsed();
    lat.sort();
    println!("{customers} customers with a file, warm in-memory view (SQLite store)");
    println!();
    println!("| check                  |    checks |   checks/s |       p50 |       p99 |");
    println!("|------------------------|----------:|-----------:|----------:|----------:|");
    println!(
        "| in-process, 1 thread   | {n:>9} | {:>10.0} | {:>9} | {:>9} |",
        n as f64 / total.as_secs_f64(),
        us(pct(&lat, 0.5)),
        us(pct(&lat, 0.99))
    );
    assert!(allowed > 0 && allowed < n);

    // HTTP on loopback: the view as before (no follower), and with the
    // follower of other processes' changes running, alternately.
    let at = (Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let mut rates: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut errors = 0;
    for round in 0..2 * pairs {
        let following = round % 2 == 1;
        let org = Arc::new(Org::open_url(&url).unwrap());
        if following {
            org.follow().unwrap();
        } else {
            org.warm(Utc::now()).unwrap();
        }
        let (lat, count, elapsed, e) =
            http_load(org, Service::default(), &names, &at, conns, seconds);
        errors += e;
        let rate = count as f64 / elapsed.as_secs_f64();
        rates[usize::from(following)].push(rate);
        println!(
            "| HTTP, {conns:>3} conns, {:<9} | {count:>9} | {rate:>10.0} | {:>9} | {:>9} |",
            if following { "follow" } else { "no follow" },
            us(pct(&lat, 0.5)),
            us(pct(&lat, 0.99))
        );
    }
    // This machine's speed drifts between rounds (the same build gives
    // 33,000 and 57,000 checks/s minutes apart), so each round with the
    // follower is compared with the round just before it, and the median
    // of those ratios is the answer.
    let mut ratios: Vec<f64> = rates[1]
        .iter()
        .zip(&rates[0])
        .map(|(with, without)| with / without)
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = (ratios[(ratios.len() - 1) / 2] + ratios[ratios.len() / 2]) / 2.0;
    println!();
    println!(
        "HTTP: {seconds} s a round, {errors} errors; with the follower against the round before without it: median {median:.2}x (of {pairs} pairs: {})",
        ratios
            .iter()
            .map(|r| format!("{r:.2}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "server and load generator share this machine's {} cores",
        std::thread::available_parallelism().map_or(1, |c| c.get())
    );
    assert_eq!(errors, 0);
}
