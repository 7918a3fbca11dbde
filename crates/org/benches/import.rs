//! Import throughput: distinct customers' signed files, verified and
//! stored, on one core and on all cores, into SQLite and (when
//! `REGIE_BENCH_POSTGRES_URL` is set) PostgreSQL; and the same files
//! through a baseline importer built from public Python libraries
//! (`tests/org-baseline`).
//!
//! `cargo bench -p regie-org --bench import`; `REGIE_BENCH_FILES` (default
//! 100000) sets the number of files.

mod common;

use std::path::Path;
use std::time::Instant;

use chrono::Utc;
use regie_org::store::{self, OrgConfig};
use regie_org::{DefaultPolicy, ImportOptions, Org};

use common::*;

fn setup(url: &str, dids: &[(String, String)]) -> Org {
    let s = store::open(url).unwrap();
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
    s.enrol(dids, Utc::now()).unwrap();
    Org::open(s).unwrap()
}

fn run(label: &str, url: &str, dir: &Path, dids: &[(String, String)], threads: usize) -> f64 {
    let org = setup(url, dids);
    let t = Instant::now();
    let report = org
        .import_paths(
            &[dir.to_owned()],
            ImportOptions {
                threads,
                batch: 2048,
                now: Some(now()),
            },
        )
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(
        report.accepted,
        dids.len(),
        "{label}: {:?}",
        report.files.first()
    );
    let rate = dids.len() as f64 / secs;
    println!(
        "| {label:<32} | {threads:>7} | {:>9} | {secs:>8.2} | {rate:>10.0} |",
        dids.len()
    );
    rate
}

/// The files of `dir` in two new directories under `work`, half each (hard
/// links, no copies).
fn split_dir(dir: &Path, work: &Path) -> Vec<std::path::PathBuf> {
    let halves = [work.join("half-a"), work.join("half-b")];
    for h in &halves {
        std::fs::create_dir(h).unwrap();
    }
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for (i, name) in names.iter().enumerate() {
        std::fs::hard_link(dir.join(name), halves[i % 2].join(name)).unwrap();
    }
    halves.to_vec()
}

/// How many customers have a stored state.
fn setup_check(url: &str) -> usize {
    store::open(url).unwrap().states().unwrap().len()
}

fn header() {
    println!("| store                            | threads |     files |        s |    files/s |");
    println!("|----------------------------------|--------:|----------:|---------:|-----------:|");
}

fn main() {
    let n: u32 = std::env::var("REGIE_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let work = tempfile::tempdir().unwrap();
    let files_dir = work.path().join("files");
    std::fs::create_dir(&files_dir).unwrap();
    let t = Instant::now();
    let files = customer_files(n);
    let mut dids = Vec::with_capacity(files.len());
    let mut total = 0usize;
    for (i, (did, bytes)) in files.iter().enumerate() {
        total += bytes.len();
        std::fs::write(files_dir.join(format!("{i:07}.json")), bytes).unwrap();
        dids.push((format!("c{i}"), did.clone()));
    }
    drop(files);
    println!(
        "{n} files of {:.0} bytes on average, made and signed in {:.1} s (not timed below); {cores} cores",
        total as f64 / f64::from(n),
        t.elapsed().as_secs_f64()
    );
    println!();
    header();
    // What any verifier must do per file at least, on one thread: turn
    // the 32-byte key into a point and check one Ed25519 signature
    // (`verify_strict`) over 64 bytes, as hashData is. Signed beforehand.
    let raw_n = n.min(20_000);
    let signed: Vec<([u8; 32], [u8; 64], ed25519_dalek::Signature)> = (0..raw_n)
        .map(|i| {
            use ed25519_dalek::Signer;
            let key = customer_key(i);
            let mut msg = [0u8; 64];
            msg[..4].copy_from_slice(&i.to_be_bytes());
            (key.verifying_key().to_bytes(), msg, key.sign(&msg))
        })
        .collect();
    let t = Instant::now();
    for (key, msg, sig) in &signed {
        let key = ed25519_dalek::VerifyingKey::from_bytes(key).unwrap();
        key.verify_strict(msg, sig).unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    let raw = f64::from(raw_n) / secs;
    println!(
        "| {:<32} | {:>7} | {raw_n:>9} | {secs:>8.2} | {raw:>10.0} |",
        "raw Ed25519 (key + verify_strict)", 1
    );
    // Reading and verifying alone, no store, one thread, in the groups
    // the import verifies together.
    let t = Instant::now();
    let paths = regie_org::import::expand(&files_dir).unwrap();
    let mut ok = 0usize;
    for group in paths.chunks(regie_org::import::GROUP) {
        for inc in regie_org::import::examine_paths(group, &org_id(), now()) {
            ok += usize::from(matches!(
                inc.verdict,
                regie_org::store::Verdict::Preferences { .. }
            ));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(ok, n as usize);
    println!(
        "| {:<32} | {:>7} | {n:>9} | {secs:>8.2} | {:>10.0} |",
        "read + verify only, no store",
        1,
        f64::from(n) / secs
    );
    let sqlite = |name: &str| format!("sqlite:{}", work.path().join(name).display());
    let one = run(
        "SQLite (regie-org)",
        &sqlite("one.db"),
        &files_dir,
        &dids,
        1,
    );
    run(
        "SQLite (regie-org)",
        &sqlite("all.db"),
        &files_dir,
        &dids,
        cores,
    );
    if let Ok(url) = std::env::var("REGIE_BENCH_POSTGRES_URL") {
        let schema = format!("regie_bench_{}", std::process::id());
        for (i, threads) in [1, cores].into_iter().enumerate() {
            let s = format!("{schema}_{i}");
            run(
                "PostgreSQL (regie-org)",
                &format!("{url}#{s}"),
                &files_dir,
                &dids,
                threads,
            );
            if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA {s} CASCADE"));
            }
        }
        // Whole `regie-org import` processes on one database: one on all
        // files, then two at once on half each.
        println!();
        println!("| PostgreSQL, processes | files | s | files/s |");
        println!("|---|--:|--:|--:|");
        let halves = split_dir(&files_dir, work.path());
        for (i, dirs) in [vec![files_dir.clone()], halves].into_iter().enumerate() {
            let s = format!("{schema}_p{i}");
            let db = format!("{url}#{s}");
            drop(setup(&db, &dids));
            let t = Instant::now();
            let children: Vec<_> = dirs
                .iter()
                .map(|d| {
                    std::process::Command::new(env!("CARGO_BIN_EXE_regie-org"))
                        .args(["--db", &db, "--json", "import"])
                        .arg(d)
                        .stdout(std::process::Stdio::null())
                        .spawn()
                        .unwrap()
                })
                .collect();
            for mut c in children {
                assert!(c.wait().unwrap().success());
            }
            let secs = t.elapsed().as_secs_f64();
            let stored = setup_check(&db);
            assert_eq!(stored, dids.len());
            println!(
                "| {} | {n} | {secs:.2} | {:.0} |",
                dirs.len(),
                f64::from(n) / secs
            );
            if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA {s} CASCADE"));
            }
        }
    } else {
        println!("(PostgreSQL skipped: set REGIE_BENCH_POSTGRES_URL)");
    }
    println!();
    println!(
        "SQLite, one verifying thread, on {cores} core(s): {:.0}% of raw Ed25519 verification",
        100.0 * one / raw
    );
    if std::env::var_os("REGIE_BENCH_SKIP_BASELINE").is_some() {
        return;
    }
    // The baseline: public Python libraries, one process (one core).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("tests/org-baseline/run.sh");
    let enrol_csv = work.path().join("customers.csv");
    let mut csv = String::new();
    for (c, d) in &dids {
        csv.push_str(&format!("{c},{d}\n"));
    }
    std::fs::write(&enrol_csv, csv).unwrap();
    let out = std::process::Command::new(&script)
        .arg(&files_dir)
        .arg(&enrol_csv)
        .arg(work.path().join("baseline.db"))
        .arg(ORG)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let rate: Option<f64> = text
        .lines()
        .find_map(|l| l.strip_prefix("files/s "))
        .and_then(|v| v.trim().parse().ok());
    match rate {
        Some(rate) if out.status.success() => {
            println!();
            header();
            println!(
                "| {:<32} | {:>7} | {n:>9} | {:>8.2} | {rate:>10.0} |",
                "Python baseline (sqlite3)",
                1,
                f64::from(n) / rate
            );
            println!();
            println!(
                "regie-org with one verifying thread is {:.1}x the Python baseline",
                one / rate
            );
        }
        _ => println!(
            "baseline failed: {}{}",
            text,
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}
