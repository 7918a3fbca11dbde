//! What metrics cost: check throughput over HTTP on loopback with the
//! server counting for `GET /metrics` (as `regie-org serve` does) and
//! without (`--no-metrics`), in alternate rounds of the same run, from a
//! load generator with a bounded number of keep-alive connections, for a
//! bounded time, to 127.0.0.1 only. The goal: at most 5% fewer checks a
//! second with metrics.
//!
//! This machine is shared and its speed drifts from second to second, so
//! the rounds are short and many, in pairs whose order alternates
//! (without-with, then with-without), and the answer is the median of
//! the pairs' ratios. Beside it, what recording one request costs is timed
//! in-process, where nothing else interferes, and set against what a
//! request costs in all.
//!
//! `cargo bench -p regie-org --bench metrics`; `REGIE_BENCH_CUSTOMERS`
//! (default 10000), `REGIE_BENCH_CONNECTIONS` (default 32, at most 256),
//! `REGIE_BENCH_SECONDS` a round (default 1, at most 60) and
//! `REGIE_BENCH_PAIRS` of rounds without and with metrics (default 30).
//! Without `--bench` (as `cargo test --all-targets` runs it) it does a
//! smoke run: 200 customers, one pair of one-second rounds.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;

use regie_org::metrics::Metrics;
use regie_org::server::{self, health::Health, Service};

use common::*;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (customers, seconds, pairs) = if full {
        (
            env_num("REGIE_BENCH_CUSTOMERS", 10_000, 1_000_000) as u32,
            env_num("REGIE_BENCH_SECONDS", 1, 60),
            env_num("REGIE_BENCH_PAIRS", 30, 200) as usize,
        )
    } else {
        (200, 1, 1)
    };
    let conns = env_num("REGIE_BENCH_CONNECTIONS", 32, 256) as usize;
    let work = tempfile::tempdir().unwrap();
    let org = enrolled_and_imported(work.path(), customers);
    org.warm(Utc::now()).unwrap();
    let org = Arc::new(org);
    let names: Vec<String> = (0..customers).map(|i| format!("c{i}")).collect();
    let at = (Utc::now() + chrono::Duration::hours(1)).to_rfc3339();

    println!("{customers} customers with a file, warm in-memory view (SQLite store)");
    println!();
    println!("| round                       |    checks |   checks/s |       p50 |       p99 |");
    println!("|-----------------------------|----------:|-----------:|----------:|----------:|");
    let mut rates: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut errors = 0;
    let mut counted = 0u64;
    for round in 0..2 * pairs {
        // Pairs alternate their order, so a drift in speed favours neither.
        let pair = round / 2;
        let metrics = (round % 2 == 1) != (pair % 2 == 1);
        let m = metrics.then(|| Arc::new(Metrics::new(&server::route_paths())));
        let (lat, count, elapsed, e) =
            http_load(org.clone(), service(m.clone()), &names, &at, conns, seconds);
        errors += e;
        if let Some(m) = m {
            // The server counted every check it answered.
            let text = m.render(org.import_lag());
            counted += text
                .lines()
                .filter(|l| l.starts_with("regie_org_checks_total{"))
                .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
                .sum::<u64>();
        }
        let rate = count as f64 / elapsed.as_secs_f64();
        rates[usize::from(metrics)].push(rate);
        println!(
            "| HTTP, {conns:>3} conns, {:<10} | {count:>9} | {rate:>10.0} | {:>9} | {:>9} |",
            if metrics { "metrics" } else { "no metrics" },
            us(pct(&lat, 0.5)),
            us(pct(&lat, 0.99))
        );
    }
    // Each round with metrics is compared with the other round of its
    // pair; the median of those ratios is the answer.
    let mut ratios: Vec<f64> = rates[1]
        .iter()
        .zip(&rates[0])
        .map(|(with, without)| with / without)
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = (ratios[(ratios.len() - 1) / 2] + ratios[ratios.len() / 2]) / 2.0;
    println!();
    println!(
        "HTTP: {seconds} s a round, {errors} errors; with metrics against the other round of its pair: median {median:.3}x (of {pairs} pairs: {})",
        ratios
            .iter()
            .map(|r| format!("{r:.3}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "server and load generator share this machine's {} cores",
        std::thread::available_parallelism().map_or(1, |c| c.get())
    );
    assert_eq!(errors, 0);
    assert!(counted > 0, "the rounds with metrics counted no checks");

    // What recording costs per request, in-process: what the server does
    // for a check when it counts (the route, its counters, the latency
    // histogram, the verdict).
    let m = Metrics::new(&server::route_paths());
    let n: u32 = if full { 5_000_000 } else { 10_000 };
    let start = Instant::now();
    for i in 0..n {
        let route = server::route_of(std::hint::black_box("/v1/check"));
        let took = Duration::from_nanos(u64::from(i % 4096) * 300);
        m.request(m.route_index(route), 200, took);
        m.check(regie_org::metrics::CheckKind::Send, i % 3 == 0);
    }
    let per = start.elapsed().as_secs_f64() / f64::from(n);
    let best = rates[0]
        .iter()
        .chain(&rates[1])
        .copied()
        .fold(0.0, f64::max);
    // At the best rate seen, both cores spent this long on each check.
    let cpu_per_check = 2.0 / best;
    println!(
        "recording one request: {:.0} ns in-process ({n} requests); at the best rate seen ({best:.0} checks/s, 2 cores) a check costs {:.1} µs of CPU, so recording is {:.2}% of it",
        per * 1e9,
        cpu_per_check * 1e6,
        100.0 * per / cpu_per_check
    );
}

/// The server's metrics and health: counting into `metrics`, or not.
fn service(metrics: Option<Arc<Metrics>>) -> Service {
    Service {
        metrics,
        metrics_token: None,
        health: Arc::new(Health::new(None)),
    }
}
