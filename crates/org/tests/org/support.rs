//! Test helpers: databases, an organisation, and freshly signed files.

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use regie_model::{ContactPreferences, Language, OrgId};
use regie_org::store::{self, OrgConfig, Store};
use regie_org::{DefaultPolicy, ImportOptions, Org};
use regie_prefs::{
    pairwise_signing_key, Audience, DidKey, KeyRotation, KeyRotationSubject, PreferenceFile,
    PreferenceSubject, SubjectInput,
};

/// A bearer token strong enough for `regie-org serve` (32 bytes as hex).
pub const TEST_TOKEN: &str = "5e0c8a2f71d94b36e8a1f0c7d2b5964e3a8f1c0d7e2b9a4f6c3d8e1b0a7f2c95";

/// The organisation of the tests (the prefs vectors' audience).
pub const ORG: &str = "kvk:33031431";

/// The time the tests receive files at (the prefs vectors' "now").
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap()
}

/// Tomorrow at `hour`:00 UTC, in RFC 3339: a time within the week around
/// now that checks may ask about.
pub fn soon(hour: u32) -> String {
    let t = (Utc::now() + chrono::Duration::days(1))
        .date_naive()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc();
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn org_id() -> OrgId {
    OrgId::parse(ORG).unwrap()
}

/// Customer `n`'s key: a TEST master secret per customer.
pub fn key(n: u32) -> SigningKey {
    let mut master = *b"regie-org TEST customer ........";
    master[24..28].copy_from_slice(&n.to_be_bytes());
    pairwise_signing_key(&master, &org_id())
}

pub fn did(n: u32) -> String {
    DidKey::new(key(n).verifying_key()).did()
}

/// A preference file from customer key `k` for `org`.
pub fn file_for(
    k: &SigningKey,
    org: &OrgId,
    seq: u64,
    global_off: bool,
    edit: impl FnOnce(&mut ContactPreferences),
) -> Vec<u8> {
    let mut p = ContactPreferences::default();
    edit(&mut p);
    let issued = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let subject = PreferenceSubject::new(SubjectInput {
        audience: Audience {
            id: org.clone(),
            name: "Voorbeeldbank N.V.".into(),
        },
        sequence: seq,
        issued,
        language: Language::En,
        preferences: p,
        global_off,
        exempt: false,
        decisions: vec![],
        sensitive_categories: vec![],
    });
    PreferenceFile::sign(&subject, k, issued).unwrap().bytes
}

/// A preference file from customer `n` to the test organisation.
pub fn file(n: u32, seq: u64, edit: impl FnOnce(&mut ContactPreferences)) -> Vec<u8> {
    file_for(&key(n), &org_id(), seq, false, edit)
}

/// A key rotation from customer key `old` to `new`, signed by both.
pub fn rotation(old: &SigningKey, new: &SigningKey, seq: u64) -> Vec<u8> {
    let issued = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let s = KeyRotationSubject::new(
        Audience {
            id: org_id(),
            name: "Voorbeeldbank N.V.".into(),
        },
        seq,
        issued,
        DidKey::new(new.verifying_key()),
        Language::En,
    );
    KeyRotation::sign(&s, old, new, issued).unwrap().bytes
}

/// A database for one test, removed afterwards.
pub struct Db {
    pub name: &'static str,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl Db {
    pub fn store(&self) -> Box<dyn Store> {
        store::open(&self.url).unwrap()
    }

    /// Sets the database up and opens the organisation.
    pub fn org(&self, tofu: bool, default: DefaultPolicy) -> Org {
        self.store()
            .init(
                &OrgConfig {
                    id: org_id(),
                    name: "Voorbeeldbank N.V.".into(),
                    default,
                    tofu,
                },
                now(),
            )
            .unwrap();
        Org::open(self.store()).unwrap()
    }
}

impl Db {
    /// Runs SQL on the database itself, outside the store, as an older
    /// version of regie-org (or another tool) would: `sqlite` on the
    /// SQLite file, `postgres` in the test's PostgreSQL schema.
    pub fn sql(&self, sqlite: &str, postgres: &str) {
        match &self.pg {
            None => {
                let path = self.url.strip_prefix("sqlite:").unwrap();
                rusqlite::Connection::open(path)
                    .unwrap()
                    .execute_batch(sqlite)
                    .unwrap();
            }
            Some((url, schema)) => {
                let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
                c.batch_execute(&format!("SET search_path TO {schema}; {postgres}"))
                    .unwrap();
            }
        }
    }

    /// Gives the history the columns schema versions 1 and 2 had: a
    /// rejection's code and its English `message`, no facts.
    pub fn history_as_before_version_3(&self) {
        let drop = "ALTER TABLE history DROP COLUMN detail_nl;
                    ALTER TABLE history DROP COLUMN detail_en;
                    ALTER TABLE history DROP COLUMN stored_sequence;
                    ALTER TABLE history DROP COLUMN os_error;
                    ALTER TABLE history DROP COLUMN taken_ref;
                    ALTER TABLE history ADD COLUMN message TEXT;";
        self.sql(drop, drop);
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((url, schema)) = &self.pg {
            if let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn sqlite() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("org.db").display());
    Db {
        name: "sqlite",
        url,
        _dir: Some(dir),
        pg: None,
    }
}

/// A fresh schema in the test PostgreSQL, or `None` (with a note) when
/// `REGIE_TEST_POSTGRES_URL` is not set. Panics if it is set but
/// unreachable: a configured database that cannot be used is a failure.
pub fn postgres() -> Option<Db> {
    let Ok(url) = std::env::var("REGIE_TEST_POSTGRES_URL") else {
        eprintln!("note: REGIE_TEST_POSTGRES_URL is not set; skipping the PostgreSQL variant");
        return None;
    };
    let schema = format!(
        "regie_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("REGIE_TEST_POSTGRES_URL is set but unreachable: {e}"));
    Some(Db {
        name: "postgres",
        url: format!("{url}#{schema}"),
        _dir: None,
        pg: Some((url, schema)),
    })
}

/// SQLite, and PostgreSQL when configured.
pub fn dbs() -> Vec<Db> {
    let mut v = vec![sqlite()];
    v.extend(postgres());
    v
}

pub fn opts() -> ImportOptions {
    ImportOptions {
        now: Some(now()),
        ..Default::default()
    }
}

/// A preference file from customer key `k` with decisions and sensitive
/// categories.
pub fn file_with_uses(
    n: u32,
    seq: u64,
    decisions: Vec<regie_prefs::Decision>,
    sensitive: &[&str],
) -> Vec<u8> {
    let issued = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let subject = PreferenceSubject::new(SubjectInput {
        audience: Audience {
            id: org_id(),
            name: "Voorbeeldbank N.V.".into(),
        },
        sequence: seq,
        issued,
        language: Language::En,
        preferences: ContactPreferences::default(),
        global_off: false,
        exempt: false,
        decisions,
        sensitive_categories: sensitive
            .iter()
            .map(|c| regie_prefs::DataCategory::parse(c).unwrap())
            .collect(),
    });
    PreferenceFile::sign(&subject, &key(n), issued)
        .unwrap()
        .bytes
}

/// A decision on `purpose` for `categories` (compact IRIs).
pub fn decision(
    purpose: &str,
    categories: &[&str],
    basis: regie_model::LegalBasis,
    state: regie_model::DecisionState,
) -> regie_prefs::Decision {
    regie_prefs::Decision {
        purpose: regie_prefs::Purpose::parse(purpose).unwrap(),
        data_categories: categories
            .iter()
            .map(|c| regie_prefs::DataCategory::parse(c).unwrap())
            .collect(),
        legal_basis: basis,
        state,
        grain: None,
    }
}

/// The `regie-org` binary, with a database and a language.
pub fn regie_org(db: &Db) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_regie-org"));
    c.arg("--db")
        .arg(&db.url)
        .arg("--lang")
        .arg("en")
        .env_remove("REGIE_LANG");
    c
}

/// A `regie-org serve` process on 127.0.0.1, stopped when dropped.
pub struct Server {
    pub addr: String,
    pub token: String,
    child: std::process::Child,
    stderr: std::io::BufReader<std::process::ChildStderr>,
    _dir: tempfile::TempDir,
}

impl Server {
    pub fn start(db: &Db) -> Server {
        use std::io::{BufRead, BufReader};
        let dir = tempfile::tempdir().unwrap();
        let token = regie_org::server::token::generate().unwrap();
        std::fs::write(dir.path().join("token"), &token).unwrap();
        let mut child = regie_org(db)
            .args(["serve", "--listen", "127.0.0.1:0", "--token-file"])
            .arg(dir.path().join("token"))
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        stderr.read_line(&mut line).unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        Server {
            addr,
            token,
            child,
            stderr,
            _dir: dir,
        }
    }

    /// Stops the server with SIGTERM: how it ended, and what it printed
    /// after its first line.
    pub fn stop(mut self) -> (std::process::ExitStatus, String) {
        let kill = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let status = self.child.wait().unwrap();
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut self.stderr, &mut rest).unwrap();
        (status, rest)
    }

    /// A request with the token; the status and the JSON body.
    pub fn call(&self, method: &str, path: &str, body: &str) -> (u16, serde_json::Value) {
        let (status, text) = http(&self.addr, method, path, Some(&self.token), body);
        let v = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
        (status, v)
    }

    /// `GET /v1/check` now; the reason code.
    pub fn check(&self, customer: &str, channel: &str, kind: &str) -> String {
        let (s, v) = self.call(
            "GET",
            &format!("/v1/check?customer={customer}&channel={channel}&kind={kind}"),
            "",
        );
        assert_eq!(s, 200, "{v}");
        v["reason"]["code"].as_str().unwrap().to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request over a plain socket (`Connection: close`): the
/// status and the body.
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    // A chunked body (axum streams JSON that way): the chunks' data only.
    let body = if text
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    (status, body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((len, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(len.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// Waits until `f` is true, up to `limit`; how long it took, or `None`.
pub fn within(
    limit: std::time::Duration,
    mut f: impl FnMut() -> bool,
) -> Option<std::time::Duration> {
    let start = std::time::Instant::now();
    loop {
        if f() {
            return Some(start.elapsed());
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
