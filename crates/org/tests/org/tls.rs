//! regie-org over TLS to the test PostgreSQL, whose certificate (made by
//! scripts/test.sh) is signed by `REGIE_TEST_POSTGRES_CA` and made out to
//! DNS:localhost only, so that 127.0.0.1 is a host-name mismatch.
//! `REGIE_TEST_POSTGRES_PLAIN_URL` is a second server with TLS off. Tests
//! that need them are skipped with a note when they are unset, and fail
//! when they are set but unusable. The errors about the URL itself need no
//! server and always run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use regie_model::{Channel, MessageKind};
use regie_org::store::tls::{self, CertProblem, SslMode, TlsError};
use regie_org::store::{self, OrgConfig, StoreError};
use regie_org::{DefaultPolicy, Org, Outcome};

use crate::support::*;

/// A password in every URL of these tests: the test server trusts every
/// connection and ignores it, and no message may show it.
const PASSWORD: &str = "Zeer-Geheim-42";

/// The test server, as the environment describes it.
struct Pg {
    user: String,
    port: u16,
    dbname: String,
    ca: PathBuf,
    /// The URL as given, for clean-up without TLS.
    plain: String,
}

impl Pg {
    /// A URL to the TLS server through `host`, with a password and `query`.
    fn url(&self, host: &str, query: &str) -> String {
        format!(
            "postgres://{}:{PASSWORD}@{host}:{}/{}?{query}",
            self.user, self.port, self.dbname
        )
    }

    /// `sslrootcert=` the test CA.
    fn ca_param(&self) -> String {
        root_param(&self.ca)
    }

    /// A fresh schema, dropped when the guard goes.
    fn schema(&self) -> Schema {
        Schema {
            name: unique("regie_tls"),
            plain: self.plain.clone(),
        }
    }
}

struct Schema {
    name: String,
    plain: String,
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.plain, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

fn root_param(path: &Path) -> String {
    format!(
        "sslrootcert={}",
        utf8_percent_encode(&path.display().to_string(), NON_ALPHANUMERIC)
    )
}

/// The TLS test server, or `None` (with a note) when it is not configured.
fn tls_pg() -> Option<Pg> {
    let (Ok(url), Ok(ca)) = (
        std::env::var("REGIE_TEST_POSTGRES_URL"),
        std::env::var("REGIE_TEST_POSTGRES_CA"),
    ) else {
        eprintln!(
            "note: REGIE_TEST_POSTGRES_URL or REGIE_TEST_POSTGRES_CA is not set; skipping the TLS test"
        );
        return None;
    };
    let ca = PathBuf::from(ca);
    assert!(
        ca.is_file(),
        "REGIE_TEST_POSTGRES_CA is set but {} is not a file",
        ca.display()
    );
    let config: postgres::Config = url
        .parse()
        .unwrap_or_else(|e| panic!("REGIE_TEST_POSTGRES_URL cannot be parsed: {e}"));
    postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("REGIE_TEST_POSTGRES_URL is set but unreachable: {e}"));
    Some(Pg {
        user: config.get_user().unwrap_or("postgres").to_owned(),
        port: config.get_ports().first().copied().unwrap_or(5432),
        dbname: config.get_dbname().unwrap_or("postgres").to_owned(),
        ca,
        plain: url,
    })
}

/// The server without TLS, or `None` (with a note).
fn plain_pg() -> Option<String> {
    let Ok(url) = std::env::var("REGIE_TEST_POSTGRES_PLAIN_URL") else {
        eprintln!(
            "note: REGIE_TEST_POSTGRES_PLAIN_URL is not set; skipping the server-without-TLS test"
        );
        return None;
    };
    postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("REGIE_TEST_POSTGRES_PLAIN_URL is set but unreachable: {e}"));
    Some(url)
}

/// Whether the server sees this session as encrypted.
fn session_is_encrypted(c: &mut postgres::Client) -> bool {
    c.query_one(
        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
        &[],
    )
    .unwrap()
    .get(0)
}

fn config() -> OrgConfig {
    OrgConfig {
        id: org_id(),
        name: "Voorbeeldbank N.V.".into(),
        default: DefaultPolicy::Allow,
        tofu: false,
    }
}

fn tls_error<T>(r: Result<T, StoreError>) -> TlsError {
    match r {
        Err(StoreError::Tls(e)) => e,
        Err(e) => panic!("expected a TLS error, got {e:?}"),
        Ok(_) => panic!("expected a TLS error, but it connected"),
    }
}

/// A CA the server's certificate is not signed by, made with openssl.
fn other_ca(dir: &Path) -> PathBuf {
    let ca = dir.join("other-ca.pem");
    let o = Command::new("openssl")
        .args(["req", "-x509", "-new", "-nodes", "-newkey", "ec"])
        .args(["-pkeyopt", "ec_paramgen_curve:P-256", "-days", "2"])
        .args(["-subj", "/CN=Another CA"])
        .args(["-addext", "basicConstraints=critical,CA:TRUE"])
        .arg("-keyout")
        .arg(dir.join("other-ca.key"))
        .arg("-out")
        .arg(&ca)
        .output()
        .expect("openssl runs");
    assert!(
        o.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    ca
}

fn cli(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_regie-org"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("REGIE_LANG")
        .env_remove("REGIE_ORG_DB")
        .output()
        .unwrap()
}

/// Runs `check` with `--json`, and gives the exit code, the error code and
/// the message; the password must not be anywhere in the output.
fn cli_error(db: &str, lang: &str) -> (Option<i32>, String, String) {
    let o = cli(
        db,
        &[
            "--lang",
            lang,
            "--json",
            "check",
            "--customer",
            "c1",
            "--channel",
            "push",
            "--kind",
            "marketing",
        ],
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!all.contains(PASSWORD), "the password is shown: {all}");
    let v: serde_json::Value = serde_json::from_slice(&o.stderr)
        .unwrap_or_else(|e| panic!("not a JSON error ({e}): {all}"));
    (
        o.status.code(),
        v["error"]["code"].as_str().unwrap_or_default().to_owned(),
        v["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}

#[test]
fn verify_full_to_localhost_with_the_ca_imports_checks_and_the_server_sees_tls() {
    let Some(pg) = tls_pg() else { return };
    let app = unique("regie_tls_app");
    let base = pg.url(
        "localhost",
        &format!(
            "sslmode=verify-full&{}&application_name={app}",
            pg.ca_param()
        ),
    );
    let schema = pg.schema();
    let url = format!("{base}#{}", schema.name);

    store::open(&url)
        .expect("verify-full with the CA connects")
        .init(&config(), now())
        .unwrap();
    let org = Org::open(store::open(&url).unwrap()).unwrap();
    org.store().enrol(&[("c1".into(), did(1))], now()).unwrap();
    let f = file(1, 1, |p| {
        p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
    });
    let r = org.import_bytes("a.json", f, now()).unwrap();
    assert!(matches!(r.outcome, Outcome::Accepted { .. }), "{r:?}");
    let d = org.check("c1", Channel::Push, MessageKind::Marketing, now());
    assert!(!d.allowed);
    assert_eq!(d.reason.code(), "opted-out");
    assert!(
        org.check("c1", Channel::Email, MessageKind::Marketing, now())
            .allowed
    );

    // The server sees this connection, made as the store makes its own, as
    // encrypted; and the store's own sessions too.
    let mut c = tls::connect(&base).unwrap();
    assert!(session_is_encrypted(&mut c));
    let store_sessions: Vec<bool> = c
        .query(
            "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = $1 AND a.pid <> pg_backend_pid()",
            &[&app],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        !store_sessions.is_empty(),
        "the store's session is not seen"
    );
    assert!(store_sessions.iter().all(|&ssl| ssl), "{store_sessions:?}");
}

#[test]
fn verify_full_with_another_ca_is_refused_as_an_untrusted_certificate() {
    let Some(pg) = tls_pg() else { return };
    let dir = tempfile::tempdir().unwrap();
    let other = other_ca(dir.path());
    let url = pg.url(
        "localhost",
        &format!("sslmode=verify-full&{}", root_param(&other)),
    );
    match tls_error(store::open(&url)) {
        TlsError::Certificate { host, problem } => {
            assert_eq!(host, "localhost");
            assert_eq!(problem, CertProblem::UnknownIssuer);
        }
        e => panic!("expected a certificate error, got {e:?}"),
    }
    // The same in require mode with that CA: sslrootcert makes require check
    // the chain, as libpq does.
    let url = pg.url(
        "localhost",
        &format!("sslmode=require&{}", root_param(&other)),
    );
    assert!(matches!(
        tls_error(store::open(&url)),
        TlsError::Certificate { .. }
    ));

    let url = pg.url(
        "localhost",
        &format!("sslmode=verify-full&{}", root_param(&other)),
    );
    let (exit, code, message) = cli_error(&url, "nl");
    assert_eq!((exit, code.as_str()), (Some(3), "tls-certificate"));
    assert!(
        message.contains("niet ondertekend door een CA die u vertrouwt")
            && message.contains("sslrootcert"),
        "{message}"
    );
    let (_, _, message) = cli_error(&url, "en");
    assert!(
        message.contains("not signed by a CA you trust"),
        "{message}"
    );
}

#[test]
fn verify_full_without_sslrootcert_trusts_the_system_roots_only() {
    let Some(pg) = tls_pg() else { return };
    let schema = pg.schema();
    let url = format!(
        "{}#{}",
        pg.url("localhost", "sslmode=verify-full"),
        schema.name
    );
    // The system's roots do not hold the test CA...
    let (exit, code, _) = cli_error(&url, "en");
    assert_eq!((exit, code.as_str()), (Some(3), "tls-certificate"));
    // ...and once the system trusts it (SSL_CERT_FILE is how OpenSSL, and
    // so rustls-native-certs, is told where the system roots are), the
    // same URL works.
    let o = Command::new(env!("CARGO_BIN_EXE_regie-org"))
        .args(["--db", &url, "--lang", "en", "init", "--org", ORG])
        .args(["--name", "Bank"])
        .env("SSL_CERT_FILE", &pg.ca)
        .env_remove("SSL_CERT_DIR")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The message names the database without its password.
    assert!(
        out.contains(&format!("{}:***@localhost", pg.user)) && !out.contains(PASSWORD),
        "{out}"
    );
}

#[test]
fn verify_full_to_127_0_0_1_is_a_host_name_mismatch_while_verify_ca_works() {
    let Some(pg) = tls_pg() else { return };
    let url = pg.url(
        "127.0.0.1",
        &format!("sslmode=verify-full&{}", pg.ca_param()),
    );
    match tls_error(store::open(&url)) {
        TlsError::HostName { host } => assert_eq!(host, "127.0.0.1"),
        e => panic!("expected a host-name error, got {e:?}"),
    }
    let (exit, code, message) = cli_error(&url, "en");
    assert_eq!((exit, code.as_str()), (Some(3), "tls-host-name"));
    assert!(
        message.contains("127.0.0.1") && message.contains("verify-ca"),
        "{message}"
    );
    let (_, _, message) = cli_error(&url, "nl");
    assert!(
        message.contains("hoort niet bij de naam 127.0.0.1"),
        "{message}"
    );

    let base = pg.url("127.0.0.1", &format!("sslmode=verify-ca&{}", pg.ca_param()));
    let schema = pg.schema();
    let url = format!("{base}#{}", schema.name);
    store::open(&url)
        .expect("verify-ca to 127.0.0.1 connects")
        .init(&config(), now())
        .unwrap();
    assert_eq!(store::open(&url).unwrap().config().unwrap(), Some(config()));
    assert!(session_is_encrypted(&mut tls::connect(&base).unwrap()));
}

#[test]
fn require_encrypts_without_a_ca_and_the_default_on_loopback_takes_tls_when_offered() {
    let Some(pg) = tls_pg() else { return };
    let base = pg.url("127.0.0.1", "sslmode=require");
    let schema = pg.schema();
    let url = format!("{base}#{}", schema.name);
    store::open(&url)
        .expect("require without a CA connects")
        .init(&config(), now())
        .unwrap();
    assert_eq!(store::open(&url).unwrap().config().unwrap(), Some(config()));
    assert!(session_is_encrypted(&mut tls::connect(&base).unwrap()));
    // Without sslmode, a server on this machine gets prefer: TLS when it
    // offers it, as this one does.
    assert!(session_is_encrypted(&mut tls::connect(&pg.plain).unwrap()));
}

#[test]
fn require_against_a_server_without_tls_is_refused_and_prefer_falls_back() {
    let Some(plain) = plain_pg() else { return };
    let with = |query: &str| {
        let sep = if plain.contains('?') { '&' } else { '?' };
        format!("{plain}{sep}{query}")
    };
    for (mode, query) in [
        (SslMode::Require, "sslmode=require".to_owned()),
        (SslMode::VerifyFull, "sslmode=verify-full".to_owned()),
    ] {
        match tls_error(store::open(&with(&query))) {
            TlsError::ServerWithoutTls { host, mode: m } => {
                assert_eq!(m, mode);
                assert!(plain.contains(&host), "{host}");
            }
            e => panic!("{query}: expected server-without-TLS, got {e:?}"),
        }
    }
    let (exit, code, message) = cli_error(&with("sslmode=require"), "nl");
    assert_eq!((exit, code.as_str()), (Some(3), "tls-unavailable"));
    assert!(
        message.contains("geen versleutelde verbinding") && message.contains("sslmode=require"),
        "{message}"
    );
    let (_, _, message) = cli_error(&with("sslmode=require"), "en");
    assert!(
        message.contains("does not offer an encrypted connection"),
        "{message}"
    );
    // prefer (the default here, on loopback) takes the plain connection.
    assert!(!session_is_encrypted(&mut tls::connect(&plain).unwrap()));
    assert!(!session_is_encrypted(
        &mut tls::connect(&with("sslmode=prefer")).unwrap()
    ));
}

/// Nothing listens here; these errors come before any connection.
const NOWHERE: &str = "postgres://regie:Zeer-Geheim-42@127.0.0.1:9/postgres";

#[test]
fn unknown_sslmode_is_a_usage_error_in_both_languages() {
    let url = format!("{NOWHERE}?sslmode=verify_full");
    assert!(matches!(
        tls_error(store::open(&url)),
        TlsError::UnknownMode(m) if m == "verify_full"
    ));
    let (exit, code, message) = cli_error(&url, "en");
    assert_eq!((exit, code.as_str()), (Some(2), "usage"));
    assert!(
        message.contains("'verify_full'") && message.contains("verify-full"),
        "{message}"
    );
    let (_, _, message) = cli_error(&url, "nl");
    assert!(message.contains("kies disable, prefer"), "{message}");
    // sslrootcert=system asks for the full check; a weaker mode is a mistake.
    let (exit, code, message) = cli_error(
        &format!("{NOWHERE}?sslmode=require&sslrootcert=system"),
        "en",
    );
    assert_eq!((exit, code.as_str()), (Some(2), "usage"), "{message}");
}

#[test]
fn unreadable_or_invalid_sslrootcert_is_refused_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.pem");
    let url = format!("{NOWHERE}?sslmode=verify-full&{}", root_param(&missing));
    assert!(matches!(
        tls_error(store::open(&url)),
        TlsError::RootCertUnreadable { .. }
    ));
    let (exit, code, message) = cli_error(&url, "nl");
    assert_eq!((exit, code.as_str()), (Some(6), "tls-root-cert"));
    assert!(
        message.contains("kan het rootcertificaat") && message.contains("missing.pem"),
        "{message}"
    );

    let bad = [
        ("empty.pem", "".to_owned()),
        ("text.pem", "this is no certificate\n".to_owned()),
        (
            "bad-base64.pem",
            "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n".to_owned(),
        ),
        (
            "not-a-cert.pem",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_owned(),
        ),
    ];
    for (name, content) in bad {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        // Also in require mode: a root certificate that was asked for and
        // cannot be used is an error, never a reason to check less.
        for mode in ["verify-full", "require"] {
            let url = format!("{NOWHERE}?sslmode={mode}&{}", root_param(&path));
            assert!(
                matches!(
                    tls_error(store::open(&url)),
                    TlsError::RootCertInvalid { .. }
                ),
                "{name} {mode}"
            );
        }
        let url = format!("{NOWHERE}?sslmode=verify-ca&{}", root_param(&path));
        let (exit, code, message) = cli_error(&url, "en");
        assert_eq!((exit, code.as_str()), (Some(6), "tls-root-cert"), "{name}");
        assert!(
            message.contains(name) && message.contains("holds no usable certificate"),
            "{message}"
        );
    }
}

#[test]
fn the_password_in_the_url_stays_out_of_help_and_errors() {
    let url = format!("{NOWHERE}?sslmode=bogus");
    let o = Command::new(env!("CARGO_BIN_EXE_regie-org"))
        .arg("--help")
        .env("REGIE_ORG_DB", &url)
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("sslmode"), "{help}");
    assert!(!help.contains(PASSWORD), "{help}");
    // Not a database URL this program knows: shown without the password.
    let (exit, _, message) = cli_error(&format!("mysql://regie:{PASSWORD}@db/x"), "en");
    assert_eq!(exit, Some(2));
    assert!(message.contains("mysql://regie:***@db/x"), "{message}");
}
