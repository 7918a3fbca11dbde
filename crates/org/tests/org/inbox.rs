//! Delivery: `regie-org serve` with a receipt key and a certificate, as
//! real processes over real sockets. Each test makes its own CA and a
//! server certificate for `inbox.regie.test` with it; the test's HTTPS
//! client trusts that CA only, and resolves the name to the server's
//! loopback address. Receipts are checked with `verify_receipt`, as the
//! person's Regie checks them.

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use ed25519_dalek::SigningKey;
use regie_model::{Channel, Language, MessageKind};
use regie_org::store::link::{code_hash, NewLinkCode};
use regie_org::DefaultPolicy;
use regie_prefs::types::{FileHash, Outcome, ReceivedKind};
use regie_prefs::{
    verify_receipt, Audience, DidKey, ExpectedReceipt, LinkCode, LinkRequest, LinkRequestSubject,
    VerifiedReceipt,
};

use crate::support::*;

/// The inbox's host name in the tests' certificates and declarations.
const HOST: &str = "inbox.regie.test";

/// A CA made for one test, and a server certificate it signed.
struct Pki {
    dir: tempfile::TempDir,
    ca_pem: String,
}

impl Pki {
    fn new() -> Pki {
        use rcgen::{
            BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
            KeyUsagePurpose,
        };
        let dir = tempfile::tempdir().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "Regie test CA, this test only");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_key = KeyPair::generate().unwrap();
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let mut server = CertificateParams::new(vec![HOST.to_owned()]).unwrap();
        server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let server_key = KeyPair::generate().unwrap();
        let cert = server.signed_by(&server_key, &ca_cert, &ca_key).unwrap();
        std::fs::write(dir.path().join("cert.pem"), cert.pem()).unwrap();
        std::fs::write(dir.path().join("key.pem"), server_key.serialize_pem()).unwrap();
        Pki {
            dir,
            ca_pem: ca_cert.pem(),
        }
    }

    fn cert(&self) -> PathBuf {
        self.dir.path().join("cert.pem")
    }

    fn key(&self) -> PathBuf {
        self.dir.path().join("key.pem")
    }

    /// An HTTPS client that trusts this CA only, reaching `HOST` at
    /// `addr`, from `local` (a loopback address) if given.
    fn client(&self, addr: SocketAddr, local: Option<IpAddr>) -> reqwest::Client {
        let ca = reqwest::Certificate::from_pem(self.ca_pem.as_bytes()).unwrap();
        let mut b = reqwest::Client::builder()
            .tls_built_in_root_certs(false)
            .add_root_certificate(ca)
            .resolve(HOST, addr)
            .timeout(Duration::from_secs(30));
        if let Some(ip) = local {
            b = b.local_address(ip);
        }
        b.build().unwrap()
    }

    /// The CA as rustls roots, for raw TLS clients.
    fn roots(&self) -> tokio_rustls::rustls::RootCertStore {
        use rustls_pki_types::pem::PemObject;
        let mut roots = tokio_rustls::rustls::RootCertStore::empty();
        let der = rustls_pki_types::CertificateDer::from_pem_slice(self.ca_pem.as_bytes()).unwrap();
        roots.add(der).unwrap();
        roots
    }
}

/// `regie-org` with the test's database, in English.
fn org_cmd(db: &Db, args: &[&str]) -> Output {
    regie_org(db).args(args).output().unwrap()
}

/// A new receipt key made by `regie-org key`, and its `did:key`.
fn new_key(db: &Db, path: &Path) -> DidKey {
    let o = org_cmd(db, &["--json", "key", "--out", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    DidKey::parse(v["did"].as_str().unwrap()).unwrap()
}

/// A `regie-org serve` with a receipt key, over HTTPS; stopped when
/// dropped.
struct Served {
    addr: SocketAddr,
    key: DidKey,
    pki: Pki,
    child: Child,
    stderr: BufReader<std::process::ChildStderr>,
    _dir: tempfile::TempDir,
}

impl Served {
    /// Starts a server on the test's database with a new key; `extra`
    /// arguments are added to `serve`.
    fn start(db: &Db, extra: &[&str]) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let key = new_key(db, &dir.path().join("receipt.key"));
        Served::start_with_key(db, dir, key, extra)
    }

    /// Starts a server with the key in `dir/receipt.key`.
    fn start_with_key(db: &Db, dir: tempfile::TempDir, key: DidKey, extra: &[&str]) -> Served {
        let pki = Pki::new();
        let token = dir.path().join("token");
        if !token.exists() {
            std::fs::write(&token, regie_org::server::token::generate().unwrap()).unwrap();
        }
        let mut child = regie_org(db)
            .args(["serve", "--listen", "127.0.0.1:0", "--token-file"])
            .arg(&token)
            .arg("--key-file")
            .arg(dir.path().join("receipt.key"))
            .arg("--tls-cert")
            .arg(pki.cert())
            .arg("--tls-key")
            .arg(pki.key())
            .args(extra)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut said = String::new();
        let addr = loop {
            let mut line = String::new();
            assert!(
                stderr.read_line(&mut line).unwrap() > 0,
                "the server stopped: {said}"
            );
            said.push_str(&line);
            if let Some(rest) = line.split("https://").nth(1) {
                break rest.split_whitespace().next().unwrap().parse().unwrap();
            }
        };
        Served {
            addr,
            key,
            pki,
            child,
            stderr,
            _dir: dir,
        }
    }

    fn client(&self) -> reqwest::Client {
        self.pki.client(self.addr, None)
    }

    /// Posts `body` to the inbox: status, `Retry-After` and body.
    async fn post(&self, body: &[u8]) -> (u16, Option<u64>, Vec<u8>) {
        post_with(&self.client(), body).await
    }

    /// Posts a file and checks its receipt: the status, and the receipt
    /// as `verify_receipt` reads it with this server's key.
    async fn receipt(&self, body: &[u8], signer: &SigningKey) -> (u16, VerifiedReceipt) {
        let (status, _, answer) = self.post(body).await;
        (status, self.verify(&answer, body, signer))
    }

    fn verify(&self, receipt: &[u8], sent: &[u8], signer: &SigningKey) -> VerifiedReceipt {
        let expected = ExpectedReceipt {
            key: self.key,
            organisation: org_id(),
            customer: DidKey::new(signer.verifying_key()),
            file: FileHash::of(sent),
        };
        verify_receipt(receipt, Utc::now(), &expected).unwrap_or_else(|e| {
            panic!(
                "the receipt does not verify ({}): {}",
                e.kind.code(),
                String::from_utf8_lossy(receipt)
            )
        })
    }

    /// Stops the server: what it wrote to stderr after it started.
    fn stop(mut self) -> String {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut self.stderr, &mut rest);
        rest
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn post_with(client: &reqwest::Client, body: &[u8]) -> (u16, Option<u64>, Vec<u8>) {
    let r = client
        .post(format!("https://{HOST}/v1/inbox"))
        .header("content-type", "application/json")
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let retry = r
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    (status, retry, r.bytes().await.unwrap().to_vec())
}

/// A link request with `code`, signed by `key`.
fn link_request(key: &SigningKey, code: &LinkCode) -> Vec<u8> {
    let now = Utc::now();
    let s = LinkRequestSubject::new(
        Audience {
            id: org_id(),
            name: "Voorbeeldbank N.V.".into(),
        },
        *code,
        now,
        Language::En,
    );
    LinkRequest::sign(&s, key, now).unwrap().bytes
}

/// `regie-org link --customer C` (and `extra`): the code.
fn make_code(db: &Db, customer: &str, extra: &[&str]) -> LinkCode {
    let mut args = vec!["--json", "link", "--customer", customer];
    args.extend_from_slice(extra);
    let o = org_cmd(db, &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    LinkCode::parse(v["code"].as_str().unwrap()).unwrap()
}

fn error_code(body: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(body)
        .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(body)));
    v["error"]["code"].as_str().unwrap().to_owned()
}

/// The story: the organisation prints a code, the customer's
/// Regie sends a link request with it, gets a receipt that verifies with
/// the organisation's key, sends a file switching push off, and
/// `regie-org check` says the customer must not get it. On SQLite, and on
/// PostgreSQL when configured.
/// (A test of its own runtime: the PostgreSQL client runs one inside.)
#[test]
fn a_customer_links_with_a_code_and_their_choice_reaches_check() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    for db in dbs() {
        drop(db.org(false, DefaultPolicy::Allow));
        let server = Served::start(&db, &[]);
        let code = make_code(&db, "C-1001", &[]);
        let person = key(1001);
        let request = link_request(&person, &code);
        let (status, r) = rt.block_on(server.receipt(&request, &person));
        assert_eq!(status, 201, "{}", db.name);
        assert_eq!(r.subject.outcome, Outcome::Accepted);
        assert_eq!(
            r.subject.received_file.kind,
            Some(ReceivedKind::LinkRequest)
        );
        assert_eq!(r.subject.received_file.sequence, None);
        assert!(r.subject.honoured_from.is_some());

        let before = org_cmd(
            &db,
            &[
                "check",
                "--customer",
                "C-1001",
                "--channel",
                "push",
                "--kind",
                "marketing",
            ],
        );
        assert_eq!(
            before.status.code(),
            Some(0),
            "no file yet: the default (allow)"
        );

        let push_off = file(1001, 1, |p| {
            p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
        });
        let (status, r) = rt.block_on(server.receipt(&push_off, &person));
        assert_eq!(status, 201);
        assert_eq!(r.subject.outcome, Outcome::Accepted);
        assert_eq!(r.subject.received_file.sequence, Some(1));
        assert!(r.subject.honoured_from.unwrap().get() >= r.subject.received.get());

        let after = org_cmd(
            &db,
            &[
                "check",
                "--customer",
                "C-1001",
                "--channel",
                "push",
                "--kind",
                "marketing",
            ],
        );
        assert_eq!(
            after.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&after.stdout)
        );
        assert!(String::from_utf8_lossy(&after.stdout).contains("opted-out"));

        // The same request again changes nothing and says so.
        let (status, r) = rt.block_on(server.receipt(&request, &person));
        assert_eq!(status, 200);
        assert_eq!(r.subject.outcome, Outcome::AlreadyImported);

        // The history shows the link, under the customer.
        let h = org_cmd(&db, &["--json", "history", "--customer", "C-1001"]);
        let h = String::from_utf8_lossy(&h.stdout);
        assert!(h.contains(&FileHash::of(&request).to_string()), "{h}");
        server.stop();
    }
}

/// A wrong, used or expired code links nothing, and the receipt names the
/// reason; a newer code voids the older one; a customer who is linked
/// gets a code only to replace the key, and then the old key is retired.
#[tokio::test(flavor = "multi_thread")]
async fn wrong_used_and_expired_codes_are_refused_with_the_reason_in_the_receipt() {
    let db = sqlite();
    let org = db.org(false, DefaultPolicy::Block);
    let server = Served::start(&db, &[]);
    let refused = |r: &VerifiedReceipt, code: &str| {
        assert_eq!(r.subject.outcome, Outcome::Rejected);
        assert_eq!(r.subject.rejection_code.as_ref().unwrap().as_str(), code);
        assert!(r.subject.honoured_from.is_none());
    };

    // Never made (a code with a valid check character, but not one of
    // the organisation's).
    let a = key(1);
    let guess = LinkCode::from_values([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    let (status, r) = server.receipt(&link_request(&a, &guess), &a).await;
    assert_eq!(status, 422);
    refused(&r, "link-code-unknown");
    assert!(r.subject.summary.headline.contains("link-code-unknown"));

    // Used by another key: the second key is refused, the first stays.
    let code = make_code(&db, "C-2", &[]);
    let (status, _) = server.receipt(&link_request(&key(2), &code), &key(2)).await;
    assert_eq!(status, 201);
    let (status, r) = server.receipt(&link_request(&key(3), &code), &key(3)).await;
    assert_eq!(status, 422);
    refused(&r, "link-code-used");

    // Expired: made (through the library) to have ended yesterday.
    let expired = LinkCode::from_values([9; 11]);
    let now = Utc::now();
    org.store()
        .create_link_code(&NewLinkCode {
            hash: code_hash(&expired),
            customer: "C-4".into(),
            created: now - chrono::Duration::days(15),
            expires: now - chrono::Duration::days(1),
            replace_key: false,
        })
        .unwrap();
    let (status, r) = server
        .receipt(&link_request(&key(4), &expired), &key(4))
        .await;
    assert_eq!(status, 422);
    refused(&r, "link-code-expired");

    // A newer code voids the older one.
    let first = make_code(&db, "C-5", &[]);
    let second = make_code(&db, "C-5", &[]);
    let (_, r) = server
        .receipt(&link_request(&key(5), &first), &key(5))
        .await;
    refused(&r, "link-code-expired");
    let (status, _) = server
        .receipt(&link_request(&key(5), &second), &key(5))
        .await;
    assert_eq!(status, 201);

    // C-2 is linked: no code without --replace-key (exit 5).
    let o = org_cmd(&db, &["--json", "link", "--customer", "C-2"]);
    assert_eq!(o.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&o.stderr).contains("customer-linked"));
    // A key that is someone's cannot take another customer's code.
    let c6 = make_code(&db, "C-6", &[]);
    let (_, r) = server.receipt(&link_request(&key(2), &c6), &key(2)).await;
    refused(&r, "link-key-in-use");
    // With --replace-key, the customer's new Regie (key 7) takes over;
    // the old key is retired, and its files are refused from then on.
    let replace = make_code(&db, "C-2", &["--replace-key"]);
    let (status, _) = server
        .receipt(&link_request(&key(7), &replace), &key(7))
        .await;
    assert_eq!(status, 201);
    let old = file(2, 5, |_| {});
    let (status, r) = server.receipt(&old, &key(2)).await;
    assert_eq!(status, 422);
    refused(&r, "rotated-out");
    // ... and the new key's first file counts from sequence 1.
    let (status, r) = server.receipt(&file(7, 1, |_| {}), &key(7)).await;
    assert_eq!((status, r.subject.outcome), (201, Outcome::Accepted));
    server.stop();
}

/// Someone who guesses codes is stopped: 5 failed attempts an hour per
/// key, 10 per address, 1000 in all (spec section 10.2), each answered
/// 429 with `Retry-After` before the code is looked at.
#[tokio::test(flavor = "multi_thread")]
async fn guessing_codes_is_stopped_per_key_per_address_and_in_all() {
    let db = sqlite();
    drop(db.org(false, DefaultPolicy::Block));
    let server = Served::start(&db, &[]);
    let guess = |n: u8| LinkCode::from_values([n; 11]);
    // One key: 5 failures, then 429.
    let k = key(50);
    for n in 0..5 {
        let (status, _) = server.receipt(&link_request(&k, &guess(n)), &k).await;
        assert_eq!(status, 422, "attempt {n}");
    }
    let (status, retry, body) = server.post(&link_request(&k, &guess(5))).await;
    assert_eq!(status, 429, "{}", String::from_utf8_lossy(&body));
    assert_eq!(error_code(&body), "too-many-requests");
    let retry = retry.expect("Retry-After");
    assert!(retry > 3000 && retry <= 3601, "{retry}");
    // Even the right code now waits: the limit comes before the code.
    let good = make_code(&db, "C-50", &[]);
    let (status, _, _) = server.post(&link_request(&k, &good)).await;
    assert_eq!(status, 429);

    // One address, many keys: 10 failures (5 above), then 429 for any key.
    for n in 51..56 {
        let (status, _) = server
            .receipt(&link_request(&key(n), &guess(9)), &key(n))
            .await;
        assert_eq!(status, 422);
    }
    let (status, _, body) = server.post(&link_request(&key(60), &good)).await;
    assert_eq!(status, 429);
    assert!(String::from_utf8_lossy(&body).contains("your address"));
    // Another address is not held up by it.
    let other = server
        .pki
        .client(server.addr, Some("127.0.0.2".parse().unwrap()));
    let (status, _, _) = post_with(&other, &link_request(&key(61), &good)).await;
    assert_eq!(status, 201);

    // In all: 1000 failures from many addresses in the last hour (put in
    // the database, as other servers on it would have) stop everyone,
    // and the operator is told.
    let now = regie_org::store::fmt_time(Utc::now());
    let mut sql = String::from("INSERT INTO link_failures (at, address, did) VALUES ");
    let rows: Vec<String> = (0..1000)
        .map(|i| format!("('{now}', '198.51.100.{}', 'did:key:z{i}')", i % 250))
        .collect();
    sql.push_str(&rows.join(","));
    db.sql(&sql, &sql);
    let third = server
        .pki
        .client(server.addr, Some("127.0.0.3".parse().unwrap()));
    let code = make_code(&db, "C-62", &[]);
    let (status, _, body) = post_with(&third, &link_request(&key(62), &code)).await;
    assert_eq!(status, 429);
    assert!(String::from_utf8_lossy(&body).contains("no link requests for a while"));
    let log = server.stop();
    assert!(log.contains("1000 link attempts failed"), "{log}");
}

/// Every file the inbox takes gets a receipt that says what became of it,
/// and the HTTP status says it too; a changed file is refused as
/// `bad-signature`, with a receipt about the bytes received.
#[tokio::test(flavor = "multi_thread")]
async fn every_file_gets_a_receipt_for_its_outcome() {
    let db = sqlite();
    let org = db.org(false, DefaultPolicy::Block);
    org.store()
        .enrol(&[("C-7".into(), did(7))], Utc::now())
        .unwrap();
    let server = Served::start(&db, &[]);
    let k = key(7);

    let second = file(7, 2, |_| {});
    let (status, r) = server.receipt(&second, &k).await;
    assert_eq!((status, r.subject.outcome), (201, Outcome::Accepted));
    let accepted_at = r.subject.received;

    let (status, r) = server.receipt(&second, &k).await;
    assert_eq!((status, r.subject.outcome), (200, Outcome::AlreadyImported));
    assert_eq!(
        r.subject.honoured_from,
        Some(accepted_at),
        "since it was taken"
    );

    let (status, r) = server.receipt(&file(7, 1, |_| {}), &k).await;
    assert_eq!((status, r.subject.outcome), (422, Outcome::Rejected));
    assert_eq!(
        r.subject.rejection_code.unwrap().as_str(),
        "replayed-or-older"
    );

    // A file changed on the way: its receipt is about what arrived.
    let tampered = String::from_utf8(file(7, 3, |_| {}))
        .unwrap()
        .replacen("\"sequence\": 3", "\"sequence\": 4", 1)
        .into_bytes();
    let (status, r) = server.receipt(&tampered, &k).await;
    assert_eq!(status, 422);
    assert_eq!(r.subject.rejection_code.unwrap().as_str(), "bad-signature");
    assert_eq!(r.subject.received_file.sequence, Some(4), "as it claims");

    // A key no customer has.
    let (status, r) = server.receipt(&file(8, 1, |_| {}), &key(8)).await;
    assert_eq!(status, 422);
    assert_eq!(r.subject.rejection_code.unwrap().as_str(), "unknown-key");

    // A key rotation.
    let (status, r) = server.receipt(&rotation(&k, &key(9), 4), &k).await;
    assert_eq!(status, 201);
    assert_eq!(
        r.subject.received_file.kind,
        Some(ReceivedKind::KeyRotation)
    );

    // No key named: no one to address a receipt to; rejected all the same.
    let (status, _, body) = server.post(b"not a file at all").await;
    assert_eq!(status, 422);
    assert_eq!(error_code(&body), "syntax");

    // More than 64 KiB: refused before it is read.
    let (status, _, body) = server.post(&vec![b' '; 70_000]).await;
    assert_eq!(status, 413);
    assert_eq!(error_code(&body), "too-large");
    server.stop();
}

/// A client address and a key each have a request rate; past it, 429
/// with `Retry-After`, and nothing is stored.
#[tokio::test(flavor = "multi_thread")]
async fn rates_per_address_and_per_key_are_answered_with_429_and_retry_after() {
    let db = sqlite();
    let org = db.org(false, DefaultPolicy::Block);
    org.store()
        .enrol(
            &[("C-1".into(), did(1)), ("C-2".into(), did(2))],
            Utc::now(),
        )
        .unwrap();
    let server = Served::start(
        &db,
        &["--inbox-rate-per-address", "4", "--inbox-rate-per-key", "2"],
    );
    for seq in 1..=2 {
        let (status, _) = server.receipt(&file(1, seq, |_| {}), &key(1)).await;
        assert_eq!(status, 201);
    }
    let (status, retry, body) = server.post(&file(1, 3, |_| {})).await;
    assert_eq!(status, 429, "the key's third in a minute");
    assert!(String::from_utf8_lossy(&body).contains("this key"));
    assert!(retry.unwrap() >= 1);
    assert_eq!(org.store().state("C-1").unwrap().unwrap().sequence, 2);
    // The address's fourth request is its last this minute.
    let (status, _) = server.receipt(&file(2, 1, |_| {}), &key(2)).await;
    assert_eq!(status, 201);
    let (status, retry, body) = server.post(&file(2, 2, |_| {})).await;
    assert_eq!(status, 429);
    assert!(String::from_utf8_lossy(&body).contains("your address"));
    assert!((1..=60).contains(&retry.unwrap()));
    // From another address the same key may go on.
    let other = server
        .pki
        .client(server.addr, Some("127.0.0.2".parse().unwrap()));
    let (status, _, _) = post_with(&other, &file(2, 2, |_| {})).await;
    assert_eq!(status, 201);
    server.stop();
}

/// `regie-org declaration` signs the example declaration with the inbox
/// and the receipt key; `serve` publishes it at the well-known path, and
/// a person's Regie pins its key. A key change is signed by both keys and
/// moves the pin; a server with the old key does not publish it.
#[tokio::test(flavor = "multi_thread")]
async fn the_declaration_is_served_and_its_key_pinned_and_changed() {
    use regie_declaration::{pin, Declaration, Pin};
    let db = sqlite();
    // The example declaration's organisation.
    let o = org_cmd(
        &db,
        &["init", "--org", "voorbeeldbank", "--name", "Voorbeeldbank"],
    );
    assert!(o.status.success());
    let dir = tempfile::tempdir().unwrap();
    let dir_path = dir.path().to_owned();
    let k1 = new_key(&db, &dir.path().join("receipt.key"));
    let body = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/spec/examples/declaration-voorbeeldbank.json");
    let public = tempfile::tempdir().unwrap();
    let published = public.path().join("declaration.json");
    let inbox = format!("https://{HOST}/v1/inbox");
    let sign = |key: &Path, previous: Option<&Path>| {
        let mut args = vec![
            "--json".to_owned(),
            "declaration".into(),
            "--from".into(),
            body.to_str().unwrap().into(),
            "--inbox".into(),
            inbox.clone(),
            "--key-file".into(),
            key.to_str().unwrap().into(),
            "--out".into(),
            published.to_str().unwrap().into(),
        ];
        if let Some(p) = previous {
            args.push("--previous-key-file".into());
            args.push(p.to_str().unwrap().into());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = org_cmd(&db, &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let k1_file = dir_path.join("receipt.key");
    sign(&k1_file, None);
    let server = Served::start_with_key(
        &db,
        dir,
        k1,
        &["--declaration", published.to_str().unwrap()],
    );
    let get = |client: reqwest::Client| async move {
        let r = client
            .get(format!("https://{HOST}/.well-known/regie-declaration"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["content-type"], "application/json");
        r.bytes().await.unwrap().to_vec()
    };
    let served = get(server.client()).await;
    let d = Declaration::parse(&served).unwrap();
    let delivery = d.delivery.as_ref().unwrap();
    assert_eq!(delivery.inbox.as_str(), inbox);
    assert_eq!(delivery.receipt_key, k1);
    assert!(matches!(pin(None, &d).unwrap(), Pin::First { key, .. } if key == k1));

    // A key change: a new key, the declaration signed by both, written
    // over the published file. This server signs with the old key, so it
    // keeps the declaration it had, and says why.
    let dir2 = tempfile::tempdir().unwrap();
    let k2 = new_key(&db, &dir2.path().join("receipt.key"));
    sign(&dir2.path().join("receipt.key"), Some(&k1_file));
    assert_eq!(get(server.client()).await, served);
    let log = server.stop();
    assert!(log.contains("not published"), "{log}");

    // Started with the new key, the server publishes the key change, and
    // a Regie that pinned the old key moves to the new one.
    let server = Served::start_with_key(
        &db,
        dir2,
        k2,
        &["--declaration", published.to_str().unwrap()],
    );
    let d = Declaration::parse(&get(server.client()).await).unwrap();
    assert!(matches!(pin(Some(&k1), &d).unwrap(), Pin::Rotated { .. }));
    server.stop();
}

/// A server started without a receipt key has no inbox and publishes no
/// declaration (404, saying why), and keeps its token API.
#[test]
fn without_a_receipt_key_there_is_no_inbox_but_the_api_stays() {
    let db = sqlite();
    drop(db.org(false, DefaultPolicy::Block));
    let s = Server::start(&db);
    let (status, body) = http(&s.addr, "POST", "/v1/inbox", None, "{}");
    assert_eq!(status, 404);
    assert!(
        body.contains("no-inbox") && body.contains("--key-file"),
        "{body}"
    );
    let (status, body) = http(&s.addr, "GET", "/.well-known/regie-declaration", None, "");
    assert_eq!(status, 404);
    assert!(body.contains("no-declaration"), "{body}");
    assert_eq!(s.check("C-1", "push", "marketing"), "no-preference-on-file");
    s.stop();
}

/// `regie-org key` makes an owner-only key file, never overwrites one,
/// and never prints the key; `serve` refuses a key file others may read.
#[test]
fn the_receipt_key_file_is_owner_only_and_its_key_never_printed() {
    use std::os::unix::fs::PermissionsExt;
    let db = sqlite();
    drop(db.org(false, DefaultPolicy::Block));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("receipt.key");
    let o = org_cmd(&db, &["key", "--out", path.to_str().unwrap()]);
    assert!(o.status.success());
    let pem = std::fs::read_to_string(&path).unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"), "PKCS#8 PEM");
    let secret = pem.lines().nth(1).unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        !said.contains(secret) && !said.contains("PRIVATE"),
        "{said}"
    );
    assert!(said.contains("did:key:z6Mk"));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    let again = org_cmd(&db, &["--json", "key", "--out", path.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(6));
    assert!(String::from_utf8_lossy(&again.stderr).contains("file-exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), pem, "unchanged");

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, TEST_TOKEN).unwrap();
    let o = org_cmd(
        &db,
        &[
            "--json",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--token-file",
            token.to_str().unwrap(),
            "--key-file",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(6));
    assert!(String::from_utf8_lossy(&o.stderr).contains("key-file-exposed"));
}

/// Two requests with one code at the same moment, to two servers on one
/// database: one links, the other finds the code used.
#[test]
fn one_code_sent_twice_at_once_links_one_key() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    for db in dbs() {
        drop(db.org(false, DefaultPolicy::Block));
        // Two servers of one organisation, with its one receipt key.
        let a = Served::start(&db, &[]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            a._dir.path().join("receipt.key"),
            dir.path().join("receipt.key"),
        )
        .unwrap();
        let b = Served::start_with_key(&db, dir, a.key, &[]);
        for round in 0..3 {
            let customer = format!("C-{round}");
            let code = make_code(&db, &customer, &[]);
            let (ka, kb) = (key(100 + round), key(200 + round));
            let (ra, rb) = (link_request(&ka, &code), link_request(&kb, &code));
            let (x, y) = rt.block_on(async { tokio::join!(a.post(&ra), b.post(&rb)) });
            let mut statuses = [x.0, y.0];
            statuses.sort_unstable();
            assert_eq!(statuses, [201, 422], "{} round {round}", db.name);
            let winner = if x.0 == 201 { &ka } else { &kb };
            let owner = a.verify(
                if x.0 == 201 { &x.2 } else { &y.2 },
                if x.0 == 201 { &ra } else { &rb },
                winner,
            );
            assert_eq!(owner.subject.outcome, Outcome::Accepted);
            let loser = if x.0 == 201 {
                (&y.2, &rb, &kb)
            } else {
                (&x.2, &ra, &ka)
            };
            let r = a.verify(loser.0, loser.1, loser.2);
            assert_eq!(r.subject.rejection_code.unwrap().as_str(), "link-code-used");
        }
        a.stop();
        b.stop();
    }
}

/// The link rule in the store, from many threads with their own
/// connections at once: one code, one key linked, whatever the database.
#[test]
fn many_threads_with_one_code_link_exactly_one_key() {
    use regie_org::store::link::{LinkOutcome, LinkRequestIn};
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Block);
        let code = LinkCode::from_values([3; 11]);
        let now = Utc::now();
        org.store()
            .create_link_code(&NewLinkCode {
                hash: code_hash(&code),
                customer: "C-1".into(),
                created: now,
                expires: now + chrono::Duration::days(1),
                replace_key: false,
            })
            .unwrap();
        let outcomes: Vec<LinkOutcome> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..6u32)
                .map(|n| {
                    let db = &db;
                    let code = &code;
                    s.spawn(move || {
                        let store = db.store();
                        store
                            .link(&LinkRequestIn {
                                source: "test".into(),
                                sha256: format!("{n:064x}"),
                                bytes: vec![n as u8],
                                received_at: Utc::now(),
                                did: did(300 + n),
                                code_hash: code_hash(code),
                                address: format!("127.0.0.{n}"),
                            })
                            .unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let linked = outcomes
            .iter()
            .filter(|o| matches!(o, LinkOutcome::Linked { .. }))
            .count();
        assert_eq!(linked, 1, "{}: {outcomes:?}", db.name);
        let customers = org.store().customers().unwrap();
        assert_eq!(customers.len(), 1, "{}", db.name);
        let failures = org
            .store()
            .link_failures("127.0.0.1", "none", now - chrono::Duration::hours(1))
            .unwrap();
        assert_eq!(failures.total, 5, "{}", db.name);
    }
}

/// HTTPS keeps every bound of the server: a client that stalls in the
/// handshake, or sends nothing, is cut off; after the handshake, the
/// idle and header bounds apply as without TLS; a request is answered.
#[tokio::test(flavor = "multi_thread")]
async fn tls_connections_keep_every_bound_including_the_handshake() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let db = sqlite();
    let org = Arc::new(db.org(false, DefaultPolicy::Block));
    let pki = Pki::new();
    let tls = regie_org::server::tls::server_config(&pki.cert(), &pki.key()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let ms = Duration::from_millis;
    let options = regie_org::server::ServeOptions {
        header_timeout: ms(400),
        idle_timeout: ms(400),
        body_timeout: ms(400),
        request_timeout: ms(400),
        max_connections: 8,
    };
    let site = regie_org::server::Site {
        token: TEST_TOKEN.into(),
        lang: Language::En,
        public: Default::default(),
        tls: Some(tls),
        service: Default::default(),
    };
    let task = tokio::spawn(regie_org::server::serve_site(
        org,
        listener,
        site,
        options,
        async move {
            let _ = stopped.await;
        },
    ));
    let closed_within = |mut s: tokio::net::TcpStream| async move {
        let start = std::time::Instant::now();
        let mut buf = Vec::new();
        let r = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf)).await;
        assert!(r.is_ok(), "still open after 5 s");
        start.elapsed()
    };
    // Sends nothing at all.
    let silent = tokio::net::TcpStream::connect(addr).await.unwrap();
    assert!(closed_within(silent).await < Duration::from_secs(2));
    // Starts a handshake and stalls: the first bytes of a ClientHello.
    let mut stalled = tokio::net::TcpStream::connect(addr).await.unwrap();
    stalled
        .write_all(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x01])
        .await
        .unwrap();
    assert!(closed_within(stalled).await < Duration::from_secs(2));

    let connector = {
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(pki.roots())
            .with_no_client_auth();
        tokio_rustls::TlsConnector::from(Arc::new(config))
    };
    let name = rustls_pki_types::ServerName::try_from(HOST).unwrap();
    let handshake = || async {
        let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
        connector.connect(name.clone(), tcp).await.unwrap()
    };
    // Handshake done, then nothing: closed as an idle connection is.
    let mut idle = handshake().await;
    let start = std::time::Instant::now();
    let mut buf = Vec::new();
    let r = tokio::time::timeout(Duration::from_secs(5), idle.read_to_end(&mut buf)).await;
    assert!(r.is_ok() && start.elapsed() < Duration::from_secs(2));
    // Headers that never end: closed without an answer.
    let mut slow = handshake().await;
    slow.write_all(b"GET /v1/check?customer=c HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let r = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut buf)).await;
    assert!(r.is_ok());
    assert!(buf.is_empty(), "{}", String::from_utf8_lossy(&buf));
    // A request is answered over TLS, with the token.
    let mut ok = handshake().await;
    ok.write_all(
        format!(
            "GET /v1/check?customer=c&channel=push&kind=marketing HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {TEST_TOKEN}\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), ok.read_to_end(&mut buf)).await;
    let answer = String::from_utf8_lossy(&buf);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("no-preference-on-file"));
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}

/// A database of version 3, from before link codes, gets their tables
/// when it is opened, and keeps what it had.
#[test]
fn a_version_3_database_is_upgraded_to_keep_link_codes() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Block);
        org.store()
            .enrol(&[("C-1".into(), did(1))], Utc::now())
            .unwrap();
        drop(org);
        db.sql(
            "DROP TABLE link_codes; DROP TABLE link_failures; PRAGMA user_version = 3;",
            "DROP TABLE link_codes; DROP TABLE link_failures; UPDATE org_schema SET version = 3;",
        );
        let store = db.store();
        assert!(store.has_customer("C-1").unwrap());
        let now = Utc::now();
        let made = store
            .create_link_code(&NewLinkCode {
                hash: code_hash(&LinkCode::from_values([4; 11])),
                customer: "C-2".into(),
                created: now,
                expires: now + chrono::Duration::days(14),
                replace_key: false,
            })
            .unwrap();
        assert_eq!(made, regie_org::store::link::CodeMade::Made, "{}", db.name);
    }
}

/// What the delivery commands refuse, they refuse before anything is
/// written, with the reason in the chosen language and a stable code.
#[test]
fn the_delivery_commands_say_what_is_wrong_in_both_languages() {
    let db = sqlite();
    drop(db.org(false, DefaultPolicy::Block));
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("receipt.key");
    new_key(&db, &key);
    let body = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/spec/examples/declaration-voorbeeldbank.json");
    let out = dir.path().join("signed.json");
    let run = |lang: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_regie-org"))
            .args(["--db", &db.url, "--lang", lang])
            .args(args)
            .env_remove("REGIE_LANG")
            .output()
            .unwrap()
    };
    let declaration = |inbox: &str| {
        vec![
            "declaration".to_owned(),
            "--from".into(),
            body.to_str().unwrap().into(),
            "--inbox".into(),
            inbox.into(),
            "--key-file".into(),
            key.to_str().unwrap().into(),
            "--out".into(),
            out.to_str().unwrap().into(),
        ]
    };
    let args = declaration("http://inbox.voorbeeldbank.nl/v1/inbox");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let en = run("en", &args);
    assert_eq!(en.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&en.stderr).contains("https://"));
    let nl = run("nl", &args);
    assert_eq!(nl.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&nl.stderr).starts_with("Fout: "));
    assert!(!out.exists(), "nothing written");
    let mut json = vec!["--json"];
    json.extend_from_slice(&args);
    let j = run("en", &json);
    assert!(String::from_utf8_lossy(&j.stderr).contains("\"invalid-inbox\""));

    // A good one, in Dutch: the fingerprint is named, the file written.
    let args = declaration(&format!("https://{HOST}/v1/inbox"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let nl = run("nl", &args);
    assert!(
        nl.status.success(),
        "{}",
        String::from_utf8_lossy(&nl.stderr)
    );
    assert!(String::from_utf8_lossy(&nl.stdout).contains("vingerafdruk"));
    assert!(out.exists());

    for (valid, lang, word) in [("91d", "en", "90 days"), ("2j", "nl", "90 dagen")] {
        let o = run(lang, &["link", "--customer", "C-1", "--valid", valid]);
        assert_eq!(o.status.code(), Some(5));
        assert!(String::from_utf8_lossy(&o.stderr).contains(word));
    }
    let o = run("nl", &["link", "--customer", "C-1"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Koppelcode voor klant C-1"));
    let o = run("en", &["key", "--out", key.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(6));
    let token = dir.path().join("token");
    std::fs::write(&token, TEST_TOKEN).unwrap();
    let o = run(
        "en",
        &[
            "serve",
            "--token-file",
            token.to_str().unwrap(),
            "--key-file",
            key.to_str().unwrap(),
            "--tls-cert",
            body.to_str().unwrap(),
            "--tls-key",
            body.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(6));
    assert!(String::from_utf8_lossy(&o.stderr).contains("certificate"));
}
