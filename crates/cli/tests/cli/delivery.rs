//! Delivery end to end: a real `regie-org serve` over HTTPS (with a CA
//! this test makes, trusted through `REGIE_CA_FILE`), a real vault and the
//! real `regie` binary. The organisation signs a declaration naming its
//! inbox, the person imports it (its key pinned, the fingerprint shown),
//! links with the code `regie-org link` printed, switches push off and
//! sends; the receipt is kept, and `regie-org check` says no. Then the
//! organisation changes its key: the change its old key signed is taken,
//! one it did not sign is refused.
//!
//! The test needs the `regie-org` binary. A dev-dependency on regie-org
//! would build only its library (Cargo gives a test the binaries of its
//! own package alone), so the test builds it with the same `cargo`, target
//! folder and profile (a no-op when it is current), or takes the one
//! `REGIE_ORG_BIN` names.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

use crate::{json_error, stderr, Home};

/// The inbox's host name, reached at 127.0.0.1 (`REGIE_RESOLVE`).
const HOST: &str = "inbox.voorbeeldbank.test";
const ORG: &str = "voorbeeldbank";

/// The `regie-org` binary: `REGIE_ORG_BIN`, or built now.
fn regie_org_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("REGIE_ORG_BIN") {
        return PathBuf::from(p);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml");
    let mut c = Command::new(env!("CARGO"));
    c.args(["build", "-p", "regie-org", "--bin", "regie-org"])
        .args([
            "--message-format",
            "json-render-diagnostics",
            "--manifest-path",
        ])
        .arg(&manifest);
    if !cfg!(debug_assertions) {
        c.arg("--release");
    }
    let o = c.stderr(Stdio::inherit()).output().unwrap();
    assert!(o.status.success(), "building regie-org failed");
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find_map(|v| {
            (v["reason"] == "compiler-artifact" && v["target"]["name"] == "regie-org")
                .then(|| v["executable"].as_str().map(PathBuf::from))
                .flatten()
        })
        .expect("cargo names the regie-org binary")
}

/// A CA for this test, and a certificate for [`HOST`] it signed: the CA's
/// file, the certificate's and its key's.
fn pki(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
        KeyUsagePurpose,
    };
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
    let files = (
        dir.join("ca.pem"),
        dir.join("cert.pem"),
        dir.join("key.pem"),
    );
    std::fs::write(&files.0, ca_cert.pem()).unwrap();
    std::fs::write(&files.1, cert.pem()).unwrap();
    std::fs::write(&files.2, server_key.serialize_pem()).unwrap();
    files
}

/// The organisation: its database, keys and server.
struct Org {
    bin: PathBuf,
    dir: tempfile::TempDir,
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
    server: Option<Child>,
}

impl Org {
    fn new() -> Org {
        let dir = tempfile::tempdir().unwrap();
        let (ca, cert, key) = pki(dir.path());
        let org = Org {
            bin: regie_org_bin(),
            dir,
            ca,
            cert,
            key,
            server: None,
        };
        org.ok(&[
            "init",
            "--org",
            ORG,
            "--name",
            "Voorbeeldbank",
            "--default",
            "allow",
        ]);
        org.ok(&["token", "--out", org.path("token").to_str().unwrap()]);
        org
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        let db = format!("sqlite:{}", self.path("org.db").display());
        Command::new(&self.bin)
            .args(["--db", &db, "--lang", "en"])
            .args(args)
            .env_remove("REGIE_LANG")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "regie-org {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// `regie-org key`: the key file and its fingerprint.
    fn new_key(&self, name: &str) -> (PathBuf, String) {
        let path = self.path(name);
        let v: Value =
            serde_json::from_str(&self.ok(&["--json", "key", "--out", path.to_str().unwrap()]))
                .unwrap();
        (path, v["fingerprint"].as_str().unwrap().to_owned())
    }

    /// Serves the inbox on `listen` with `key`; returns the port.
    fn serve(&mut self, listen: &str, key: &Path) -> u16 {
        self.stop();
        let db = format!("sqlite:{}", self.path("org.db").display());
        let mut child = Command::new(&self.bin)
            .args(["--db", &db, "--lang", "en", "serve", "--listen", listen])
            .arg("--token-file")
            .arg(self.path("token"))
            .arg("--key-file")
            .arg(key)
            .arg("--tls-cert")
            .arg(&self.cert)
            .arg("--tls-key")
            .arg(&self.key)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut said = String::new();
        let port = loop {
            let mut line = String::new();
            assert!(
                err.read_line(&mut line).unwrap() > 0,
                "the server stopped: {said}"
            );
            said.push_str(&line);
            if let Some(rest) = line.split("https://").nth(1) {
                let addr: std::net::SocketAddr =
                    rest.split_whitespace().next().unwrap().parse().unwrap();
                break addr.port();
            }
        };
        // Its log goes on being read, so the server never blocks on it.
        std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
        self.server = Some(child);
        port
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.server.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// A declaration body: the worked example, issued on `issued`.
    fn body(&self, issued: &str) -> PathBuf {
        let example = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../docs/spec/examples/declaration-voorbeeldbank.json");
        let mut v: Value = serde_json::from_slice(&std::fs::read(example).unwrap()).unwrap();
        v["issued"] = issued.into();
        let path = self.path(&format!("body-{issued}.json"));
        std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
        path
    }

    /// `regie-org declaration`, signed by `key` (and `previous` first).
    fn declaration(&self, issued: &str, port: u16, key: &Path, previous: Option<&Path>) -> PathBuf {
        let out = self.path(&format!("declaration-{issued}.json"));
        let inbox = format!("https://{HOST}:{port}/v1/inbox");
        let body = self.body(issued);
        let mut args = vec![
            "declaration",
            "--from",
            body.to_str().unwrap(),
            "--inbox",
            &inbox,
            "--key-file",
            key.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        if let Some(p) = previous {
            args.extend(["--previous-key-file", p.to_str().unwrap()]);
        }
        self.ok(&args);
        out
    }

    /// `regie-org check` for push marketing to C-1001: its exit code and
    /// what it said.
    fn check_push(&self) -> (Option<i32>, String) {
        let o = self.run(&[
            "check",
            "--customer",
            "C-1001",
            "--channel",
            "push",
            "--kind",
            "marketing",
        ]);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr),
        )
    }
}

impl Drop for Org {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `regie` with this home's vault, trusting the test's CA and reaching
/// the inbox's host at 127.0.0.1.
fn regie(home: &Home, org: &Org, args: &[&str]) -> Output {
    home.cmd(args)
        .env("REGIE_CA_FILE", &org.ca)
        .env("REGIE_RESOLVE", format!("{HOST}=127.0.0.1"))
        .output()
        .unwrap()
}

fn ok(home: &Home, org: &Org, args: &[&str]) -> String {
    let o = regie(home, org, args);
    assert!(
        o.status.success(),
        "regie {args:?} ({:?}): {}",
        o.status.code(),
        stderr(&o)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn a_person_links_with_a_code_and_their_choice_reaches_the_organisation_with_a_receipt() {
    let mut org = Org::new();
    let (k1, fp1) = org.new_key("receipt-1.key");
    let port = org.serve("127.0.0.1:0", &k1);
    let signed = org.declaration("2025-01-01", port, &k1, None);

    let home = Home::new();
    home.ok(&["init", "--passphrase"]);
    let out = ok(&home, &org, &["import", signed.to_str().unwrap()]);
    assert!(out.contains(&format!("fingerprint: {fp1}")), "{out}");
    assert!(out.contains(HOST), "{out}");
    let history = ok(&home, &org, &["history", ORG]);
    assert!(history.contains("Organisation's key recorded"), "{history}");
    assert!(history.contains(&fp1), "{history}");

    // A typo in the code is caught before anything is sent.
    let v: Value =
        serde_json::from_str(&org.ok(&["--json", "link", "--customer", "C-1001"])).unwrap();
    let code = v["code"].as_str().unwrap().to_owned();
    let mut typo = code.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '0' { '1' } else { '0' });
    let o = regie(&home, &org, &["--json", "link", ORG, &typo]);
    assert_eq!(o.status.code(), Some(9), "{}", stderr(&o));
    assert!(json_error(&o)["code"]
        .as_str()
        .unwrap()
        .starts_with("link-code-"));

    let out = ok(&home, &org, &["link", ORG, &code]);
    assert!(out.contains("Linked"), "{out}");
    // The organisation bound this person's identifier to the customer.
    let h = org.ok(&["--json", "history", "--customer", "C-1001"]);
    let did: Value = serde_json::from_str(&ok(&home, &org, &["--json", "did", ORG])).unwrap();
    assert!(h.contains(did["did"].as_str().unwrap()), "{h}");
    assert!(h.contains("\"outcome\":\"accepted\""), "{h}");
    let (code_before, said) = org.check_push();
    assert_eq!(code_before, Some(0), "{said}");

    ok(
        &home,
        &org,
        &[
            "contact",
            ORG,
            "--channel",
            "push",
            "--kind",
            "marketing",
            "off",
        ],
    );
    let outbox: Value = serde_json::from_str(&ok(&home, &org, &["--json", "outbox"])).unwrap();
    assert_eq!(outbox["waiting"][0]["org_id"], ORG, "{outbox}");
    let out = ok(&home, &org, &["send", ORG]);
    assert!(out.contains("accepted"), "{out}");
    let outbox: Value = serde_json::from_str(&ok(&home, &org, &["--json", "outbox"])).unwrap();
    assert_eq!(outbox["waiting"], Value::Array(vec![]), "{outbox}");
    let receipts: Value =
        serde_json::from_str(&ok(&home, &org, &["--json", "receipts", ORG])).unwrap();
    let kept = receipts["receipts"].as_array().unwrap();
    assert_eq!(kept.len(), 2, "{receipts}");
    assert_eq!(kept[0]["file"], "link-request");
    assert_eq!(kept[1]["file"], "preferences");
    assert_eq!(kept[1]["outcome"], "accepted");
    assert_eq!(receipts["delivery"]["fingerprint"], fp1.as_str());
    let (code_after, said) = org.check_push();
    assert_eq!(code_after, Some(1), "{said}");
    assert!(said.contains("opted-out"), "{said}");

    // The organisation changes its key. A declaration signed by the new
    // key alone is refused: nothing changes.
    let (k2, fp2) = org.new_key("receipt-2.key");
    let unsigned_change = org.declaration("2025-01-02", port, &k2, None);
    let o = regie(
        &home,
        &org,
        &["--json", "import", unsigned_change.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(9), "{}", stderr(&o));
    let receipts: Value =
        serde_json::from_str(&ok(&home, &org, &["--json", "receipts", ORG])).unwrap();
    assert_eq!(receipts["delivery"]["fingerprint"], fp1.as_str());

    // The change its old key signed is taken; the server signs with the
    // new key from now on, and its receipts verify.
    let change = org.declaration("2025-01-03", port, &k2, Some(&k1));
    let out = ok(&home, &org, &["import", change.to_str().unwrap()]);
    assert!(out.contains(&format!("{fp1} -> {fp2}")), "{out}");
    org.serve(&format!("127.0.0.1:{port}"), &k2);
    ok(
        &home,
        &org,
        &[
            "contact",
            ORG,
            "--channel",
            "push",
            "--kind",
            "marketing",
            "on",
        ],
    );
    let out = ok(&home, &org, &["send", ORG]);
    assert!(out.contains("accepted"), "{out}");
    let receipts: Value =
        serde_json::from_str(&ok(&home, &org, &["--json", "receipts", ORG])).unwrap();
    assert_eq!(receipts["receipts"].as_array().unwrap().len(), 3);
    assert_eq!(receipts["delivery"]["fingerprint"], fp2.as_str());
    assert_eq!(org.check_push().0, Some(0));
    let history = ok(&home, &org, &["history", ORG]);
    assert!(history.contains("Organisation's key replaced"), "{history}");
    assert!(history.contains("Receipt kept"), "{history}");
}

/// With the organisation's server down, `regie send` says so, exits 16,
/// and the file keeps waiting with the reason and the next try.
#[test]
fn a_send_that_does_not_arrive_keeps_the_file_waiting_and_says_why() {
    let mut org = Org::new();
    let (k1, _) = org.new_key("receipt.key");
    let port = org.serve("127.0.0.1:0", &k1);
    let signed = org.declaration("2025-01-01", port, &k1, None);
    let home = Home::new();
    home.ok(&["init", "--passphrase"]);
    ok(&home, &org, &["import", signed.to_str().unwrap()]);
    let v: Value =
        serde_json::from_str(&org.ok(&["--json", "link", "--customer", "C-1001"])).unwrap();
    ok(&home, &org, &["link", ORG, v["code"].as_str().unwrap()]);
    org.stop();
    let o = regie(&home, &org, &["--lang", "nl", "send", ORG]);
    assert_eq!(o.status.code(), Some(16), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("niet afgeleverd"), "{said}");
    assert!(said.contains("opnieuw na"), "{said}");
    let outbox: Value = serde_json::from_str(&ok(&home, &org, &["--json", "outbox"])).unwrap();
    let w = &outbox["waiting"][0];
    assert_eq!(w["failures"], 1, "{outbox}");
    assert_eq!(w["problem"]["kind"], "unreachable", "{outbox}");
    assert!(w["next_try_at"].is_string(), "{outbox}");
    // Not due yet: `send --all` leaves it for later.
    let out = ok(&home, &org, &["send", "--all"]);
    assert!(out.contains("Nothing waits that is due"), "{out}");
}
