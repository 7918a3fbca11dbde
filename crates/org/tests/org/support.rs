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

/// The organisation of the tests (the prefs vectors' audience).
pub const ORG: &str = "kvk:33031431";

/// The time the tests receive files at (the prefs vectors' "now").
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap()
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
