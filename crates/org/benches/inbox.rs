//! The inbox over HTTPS against `regie-org import`, in the same run, with
//! the same files: distinct enrolled customers' signed preference files,
//! each into a new SQLite database.
//!
//! - **import**: `regie-org import DIR`, the real process, timed from its
//!   start to its end.
//! - **inbox**: `regie-org serve` with a receipt key and a certificate
//!   from a CA made here, and 32 HTTPS clients on their own keep-alive
//!   connections, each posting one file after another to
//!   `POST /v1/inbox` and reading its signed receipt; timed from the first
//!   request to the last receipt. The clients run in this process, on the
//!   same cores as the server. Every answer must be 201; receipts are
//!   checked with `verify_receipt` afterwards (a sample of 1,000).
//!
//! `cargo bench -p regie-org --bench inbox`; `REGIE_BENCH_FILES` (default
//! 20000) sets the number of files. Without `--bench` (as under
//! `cargo test --all-targets`) it does a smoke run of 256 files.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use regie_org::store::{self, OrgConfig};
use regie_org::DefaultPolicy;
use regie_prefs::types::FileHash;
use regie_prefs::{verify_receipt, DidKey, ExpectedReceipt};

use common::*;

const CONNECTIONS: usize = 32;
const HOST: &str = "inbox.regie.test";
const BIN: &str = env!("CARGO_BIN_EXE_regie-org");

fn setup(url: &str, dids: &[(String, String)]) {
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
}

/// A CA and a server certificate for `HOST`: (cert path, key path, CA PEM).
fn pki(dir: &Path) -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_key = KeyPair::generate().unwrap();
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec![HOST.to_owned()])
        .unwrap()
        .signed_by(&key, &ca_cert, &ca_key)
        .unwrap();
    let (c, k) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&c, cert.pem()).unwrap();
    std::fs::write(&k, key.serialize_pem()).unwrap();
    (
        c.to_str().unwrap().into(),
        k.to_str().unwrap().into(),
        ca_cert.pem(),
    )
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n: u32 = match std::env::var("REGIE_BENCH_FILES") {
        Ok(v) => v.parse().unwrap(),
        Err(_) if full => 20_000,
        Err(_) => 256,
    };
    let work = tempfile::tempdir().unwrap();
    let files = customer_files(n);
    let dids: Vec<(String, String)> = files
        .iter()
        .enumerate()
        .map(|(i, (did, _))| (format!("c{i:06}"), did.clone()))
        .collect();
    let inbox_dir = work.path().join("inbox");
    std::fs::create_dir(&inbox_dir).unwrap();
    for (i, (_, bytes)) in files.iter().enumerate() {
        std::fs::write(inbox_dir.join(format!("{i:06}.json")), bytes).unwrap();
    }

    // regie-org import, the real process.
    let import_db = format!("sqlite:{}", work.path().join("import.db").display());
    setup(&import_db, &dids);
    let t = Instant::now();
    let out = Command::new(BIN)
        .args(["--db", &import_db, "--json", "import"])
        .arg(&inbox_dir)
        .output()
        .unwrap();
    let import_secs = t.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let import_rate = f64::from(n) / import_secs;

    // The inbox, over HTTPS.
    let inbox_db = format!("sqlite:{}", work.path().join("inbox.db").display());
    setup(&inbox_db, &dids);
    let key_file = work.path().join("receipt.key");
    let made = Command::new(BIN)
        .args(["--db", &inbox_db, "--json", "key", "--out"])
        .arg(&key_file)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    let org_key = DidKey::parse(v["did"].as_str().unwrap()).unwrap();
    let token = work.path().join("token");
    std::fs::write(&token, regie_org::server::token::generate().unwrap()).unwrap();
    let (cert, key, ca) = pki(work.path());
    let mut server = Command::new(BIN)
        .args([
            "--db",
            &inbox_db,
            "--lang",
            "en",
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .arg("--token-file")
        .arg(&token)
        .arg("--key-file")
        .arg(&key_file)
        .args(["--tls-cert", &cert, "--tls-key", &key])
        .args(["--inbox-rate-per-address", "100000000"])
        .args(["--inbox-rate-per-key", "1000"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(server.stderr.take().unwrap());
    let addr: SocketAddr = loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "the server stopped"
        );
        if let Some(rest) = line.split("https://").nth(1) {
            break rest.split_whitespace().next().unwrap().parse().unwrap();
        }
    };
    // Whatever the server logs is read, so it never waits on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let files = Arc::new(files);
    let (secs, receipts) = rt.block_on(async {
        let ca = reqwest::Certificate::from_pem(ca.as_bytes()).unwrap();
        let clients: Vec<reqwest::Client> = (0..CONNECTIONS)
            .map(|_| {
                reqwest::Client::builder()
                    .tls_built_in_root_certs(false)
                    .add_root_certificate(ca.clone())
                    .resolve(HOST, addr)
                    .http1_only()
                    .pool_max_idle_per_host(1)
                    .timeout(Duration::from_secs(60))
                    .build()
                    .unwrap()
            })
            .collect();
        // Every connection set up (the handshake) before timing starts.
        for c in &clients {
            let r = c
                .get(format!("https://{HOST}/.well-known/regie-declaration"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 404);
        }
        let next = Arc::new(AtomicUsize::new(0));
        let t = Instant::now();
        let tasks: Vec<_> = clients
            .into_iter()
            .map(|c| {
                let (next, files) = (next.clone(), files.clone());
                tokio::spawn(async move {
                    let mut kept = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((_, bytes)) = files.get(i) else {
                            return kept;
                        };
                        let r = c
                            .post(format!("https://{HOST}/v1/inbox"))
                            .body(bytes.clone())
                            .send()
                            .await
                            .unwrap();
                        let status = r.status().as_u16();
                        let body = r.bytes().await.unwrap();
                        assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
                        if i % (files.len() / 1000).max(1) == 0 {
                            kept.push((i, body.to_vec()));
                        }
                    }
                })
            })
            .collect();
        let mut receipts = Vec::new();
        for task in tasks {
            receipts.extend(task.await.unwrap());
        }
        (t.elapsed().as_secs_f64(), receipts)
    });
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
    let inbox_rate = f64::from(n) / secs;

    for (i, receipt) in &receipts {
        let expected = ExpectedReceipt {
            key: org_key,
            organisation: org_id(),
            customer: DidKey::new(customer_key(*i as u32).verifying_key()),
            file: FileHash::of(&files[*i].1),
        };
        verify_receipt(receipt, Utc::now(), &expected).unwrap();
    }

    println!("| what | files | seconds | files/s |");
    println!("|---|--:|--:|--:|");
    println!("| `regie-org import` (SQLite) | {n} | {import_secs:.2} | {import_rate:.0} |");
    println!(
        "| inbox over HTTPS, {CONNECTIONS} connections, receipts signed (SQLite) | {n} | {secs:.2} | {inbox_rate:.0} |"
    );
    println!(
        "inbox / import: {:.0}% (goal: at least 50%); {} receipts verified",
        inbox_rate / import_rate * 100.0,
        receipts.len()
    );
}
