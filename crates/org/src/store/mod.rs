//! Where the organisation keeps what it accepted: configuration, customers
//! and their keys, the accepted state per customer, the signed files as
//! evidence, a history of every file received, and the messages sent.
//!
//! Two real implementations share one [`Store`] trait: an embedded SQLite
//! file ([`SqliteStore`]) for a single machine, and PostgreSQL
//! ([`PgStore`]) for several importers and servers sharing one database.
//! The import rules (who signed it, is it newer, is it the same file) are
//! written once, in `store/rules.rs`, over a small trait of primitive
//! operations that each backend implements inside its own transaction: the
//! sequence check and the write happen in the same transaction, guarded by
//! `... ON CONFLICT DO UPDATE ... WHERE sequence < new`, so racing importers
//! end with the highest sequence, and never with two rows for a customer.

use chrono::{DateTime, Utc};
use regie_model::OrgId;
use sha2::{Digest, Sha256};

use crate::check::{DefaultPolicy, Sent};
use crate::reject::{Columns, Rejection};

pub mod link;
mod postgres;
mod rules;
mod schema;
mod sqlite;
pub mod tls;

use self::rules::{apply_file, Tx};

pub use self::postgres::PgStore;
pub use self::sqlite::SqliteStore;

/// A store error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database is not set up (`regie-org init`).
    #[error("the database is not set up")]
    NotInitialised,
    /// `init` on a database that is already set up.
    #[error("the database is already set up for {0}")]
    AlreadyInitialised(String),
    /// The key is enrolled for another customer.
    #[error("the key already belongs to customer {0}")]
    DidTaken(String),
    /// The key was replaced by a newer one (a key rotation) and can never
    /// be enrolled again.
    #[error("the key was replaced by a newer key of customer {0}")]
    KeyRetired(String),
    /// The database URL is not one this program knows.
    #[error("unknown database URL {0}")]
    BadUrl(String),
    /// The SQLite file cannot be created (no such folder, no permission,
    /// ...).
    #[error("cannot create {path}: {source}")]
    CannotCreate {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The SQLite file is there but cannot be opened (a folder, no
    /// permission, ...).
    #[error("cannot open {path}: {source}")]
    CannotOpen {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL failed.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] ::postgres::Error),
    /// The connection to PostgreSQL cannot be made as safe as the URL asks
    /// (or the URL's TLS settings are wrong).
    #[error("{0}")]
    Tls(#[from] tls::TlsError),
    /// A stored value cannot be read.
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Whether the database refused a value of one received file (too
    /// long, a character it cannot store, a constraint), as opposed to the
    /// database itself failing (gone, full, out of resources). Only the
    /// first is that file's fault: it is rejected and the rest goes on.
    pub fn is_data_error(&self) -> bool {
        match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.code,
                rusqlite::ErrorCode::TooBig
                    | rusqlite::ErrorCode::ConstraintViolation
                    | rusqlite::ErrorCode::TypeMismatch
            ),
            StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(_)) => true,
            StoreError::Postgres(e) => e.code().is_some_and(|c| {
                let c = c.code();
                // 22: data exception (bad encoding, value too long, ...);
                // 23: integrity constraint; 54: program limit exceeded.
                (c.starts_with("22") || c.starts_with("23") || c.starts_with("54")) && c != "23505"
            }),
            _ => false,
        }
    }
}

/// The organisation's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgConfig {
    /// The organisation id files must be addressed to.
    pub id: OrgId,
    /// Its name.
    pub name: String,
    /// What applies to customers without a preference file.
    pub default: DefaultPolicy,
    /// Trust on first use: enrol unknown keys on their first file.
    pub tofu: bool,
}

/// A received file, after verification, ready to be stored.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Where it came from (a path, `-`, `http`).
    pub source: String,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// The bytes (kept as evidence when accepted).
    pub bytes: Vec<u8>,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// What verification found.
    pub verdict: Verdict,
}

/// What verification found.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// A valid preference file.
    Preferences {
        /// The signer's `did:key`.
        issuer: String,
        /// The file's sequence.
        sequence: u64,
        /// When the person made it.
        issued: DateTime<Utc>,
        /// The effective preferences as stored JSON ([`crate::Effective`]).
        effective: String,
    },
    /// A valid key-rotation announcement.
    Rotation {
        /// The old key, which signed it.
        issuer: String,
        /// The key that signs from now on.
        new_key: String,
        /// The announcement's sequence.
        sequence: u64,
        /// When the person made it.
        issued: DateTime<Utc>,
    },
    /// Not accepted by verification, or not read.
    Rejected {
        /// The `issuer` the file claims, if it can be read (to file the
        /// rejection under the customer).
        issuer: Option<String>,
        /// Why.
        reason: Rejection,
    },
}

/// What happened to one received file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// Stored: the customer's preferences (or key) are now this file's.
    Accepted {
        /// The customer.
        customer: String,
        /// The file's sequence.
        sequence: u64,
        /// Whether it was a key rotation.
        rotation: bool,
        /// Whether the customer was enrolled by this file (trust on first use).
        enrolled: bool,
    },
    /// The same file was accepted before; nothing changed.
    AlreadyImported {
        /// The customer.
        customer: String,
        /// The file's sequence.
        sequence: u64,
    },
    /// Not accepted; recorded in the history. In JSON: `code`,
    /// `message` (English) and the reason's facts.
    Rejected {
        /// The customer, if known.
        customer: Option<String>,
        /// Why.
        #[serde(flatten)]
        reason: Rejection,
    },
}

/// A customer's accepted state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateRow {
    /// The customer.
    pub customer: String,
    /// The highest accepted sequence.
    pub sequence: u64,
    /// The effective preferences as stored, if a preference file was
    /// accepted (a key rotation alone carries none).
    pub effective: Option<String>,
    /// When the person made the file.
    pub issued: DateTime<Utc>,
    /// SHA-256 of the file.
    pub sha256: String,
}

/// One entry of the history of received files. In JSON the reason is
/// `code` and `message` (English, both `null` for an accepted file) and
/// its facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    /// When it was received.
    pub at: DateTime<Utc>,
    /// The customer, if known.
    pub customer: Option<String>,
    /// The signer, if known.
    pub did: Option<String>,
    /// The file's sequence, if it could be read.
    pub sequence: Option<u64>,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Where it came from.
    pub source: String,
    /// `accepted` or `rejected`.
    pub outcome: String,
    /// Why it was rejected.
    pub reason: Option<Rejection>,
}

impl HistoryRow {
    /// The reason's columns, empty for an accepted file.
    pub(crate) fn columns(&self) -> (Option<&str>, Columns) {
        match &self.reason {
            Some(r) => (Some(r.code()), r.columns()),
            None => (None, Columns::default()),
        }
    }

    /// The reason stored as `code` with these facts.
    pub(crate) fn reason_from(
        code: Option<String>,
        columns: Columns,
        sequence: Option<u64>,
    ) -> Option<Rejection> {
        code.map(|c| Rejection::from_columns(&c, columns, sequence))
    }
}

impl serde::Serialize for HistoryRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("at", &self.at)?;
        m.serialize_entry("customer", &self.customer)?;
        m.serialize_entry("did", &self.did)?;
        m.serialize_entry("sequence", &self.sequence)?;
        m.serialize_entry("sha256", &self.sha256)?;
        m.serialize_entry("source", &self.source)?;
        m.serialize_entry("outcome", &self.outcome)?;
        match &self.reason {
            None => {
                m.serialize_entry("code", &None::<&str>)?;
                m.serialize_entry("message", &None::<&str>)?;
            }
            Some(r) => {
                // The reason's own map: code, message and facts.
                let v = serde_json::to_value(r).map_err(serde::ser::Error::custom)?;
                if let serde_json::Value::Object(o) = v {
                    for (k, v) in o {
                        m.serialize_entry(&k, &v)?;
                    }
                }
            }
        }
        m.end()
    }
}

/// A customer and their key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CustomerRow {
    /// The organisation's reference for the customer.
    pub customer: String,
    /// The customer's pairwise `did:key` for this organisation.
    pub did: String,
    /// When they were enrolled.
    pub enrolled_at: DateTime<Utc>,
}

/// What changed in the store since a follower last looked (see
/// [`Store::changes_since`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The change number seen up to; pass it to the next call.
    pub upto: u64,
    /// The customers whose state, key or sends changed (without repeats).
    pub customers: Vec<String>,
    /// Too much changed, or the changes asked for were pruned: forget
    /// everything.
    pub reset: bool,
    /// When the oldest of these changes was written (by the writer's
    /// clock), for the import lag a server reports; `None` if there are
    /// none.
    pub oldest: Option<DateTime<Utc>>,
}

/// The most customers [`Store::changes_since`] lists; beyond it, it says
/// [`Changes::reset`].
pub const MAX_CHANGED: usize = 10_000;

/// How long the log of changes is kept. A follower that has not looked for
/// longer starts again from nothing ([`Changes::reset`]).
pub const CHANGES_KEPT: chrono::Duration = chrono::Duration::minutes(10);

/// Storage for the organisation side. Implementations are safe to share
/// between threads; each call is its own transaction.
pub trait Store: Send + Sync {
    /// The settings, or `None` before `init`.
    fn config(&self) -> Result<Option<OrgConfig>, StoreError>;
    /// Creates the tables and stores the settings.
    fn init(&self, config: &OrgConfig, at: DateTime<Utc>) -> Result<(), StoreError>;
    /// Enrols customers with their keys, in one transaction.
    fn enrol(&self, customers: &[(String, String)], at: DateTime<Utc>) -> Result<(), StoreError>;
    /// Stores a batch of received files in one transaction, in order, and
    /// says what happened to each.
    fn apply(&self, batch: &[Incoming], tofu: bool) -> Result<Vec<Outcome>, StoreError>;
    /// One customer's accepted state.
    fn state(&self, customer: &str) -> Result<Option<StateRow>, StoreError>;
    /// Every customer's accepted state.
    fn states(&self) -> Result<Vec<StateRow>, StoreError>;
    /// Every customer.
    fn customers(&self) -> Result<Vec<CustomerRow>, StoreError>;
    /// Whether the customer is enrolled.
    fn has_customer(&self, customer: &str) -> Result<bool, StoreError>;
    /// The stored signed file with this hash.
    fn evidence(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Records a message sent.
    fn record_send(&self, customer: &str, send: &Sent) -> Result<(), StoreError>;
    /// Sends since `since`, for one customer or all, with the customer.
    fn sends(
        &self,
        customer: Option<&str>,
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, Sent)>, StoreError>;
    /// The history, for one customer or all, oldest first.
    fn history(&self, customer: Option<&str>) -> Result<Vec<HistoryRow>, StoreError>;
    /// The number of the last change written by any process.
    fn change_counter(&self) -> Result<u64, StoreError>;
    /// The customers changed after change number `after`, by any process.
    fn changes_since(&self, after: u64) -> Result<Changes, StoreError>;
    /// Returns when another process may have written, or after `timeout`.
    fn wait_for_changes(&self, timeout: std::time::Duration) -> Result<(), StoreError>;
    // Link codes. Both databases implement these; a store without them
    // (a stand-in in a test) refuses, as a store that failed would.

    /// Stores a link code (its hash) for a customer, in one transaction
    /// with voiding the customer's older unused codes; refused if the
    /// customer has a key and the code is not to replace it.
    fn create_link_code(&self, code: &link::NewLinkCode) -> Result<link::CodeMade, StoreError> {
        let _ = code;
        Err(StoreError::Corrupt("this store keeps no link codes".into()))
    }
    /// Applies a verified link request (the rule of `store/link.rs`) in
    /// one transaction.
    fn link(&self, request: &link::LinkRequestIn) -> Result<link::LinkOutcome, StoreError> {
        let _ = request;
        Err(StoreError::Corrupt("this store keeps no link codes".into()))
    }
    /// The failed link attempts since `since`: from `address`, by `did`,
    /// and in all.
    fn link_failures(
        &self,
        address: &str,
        did: &str,
        since: DateTime<Utc>,
    ) -> Result<link::LinkFailures, StoreError> {
        let _ = (address, did, since);
        Err(StoreError::Corrupt("this store keeps no link codes".into()))
    }
}

/// Opens the store a URL names: `sqlite:PATH`, a plain path, or
/// `postgres://...` (optionally `?sslmode=...&sslrootcert=...`, see
/// [`tls`], and `#schema`). An SQLite file is created if it is not there;
/// a PostgreSQL schema only by [`Store::init`]. Commands that only use a
/// database that is set up open it with [`open_existing`]; `init` uses
/// [`create`].
pub fn open(url: &str) -> Result<Box<dyn Store>, StoreError> {
    match parse_url(url)? {
        Url::Postgres { url, schema } => Ok(Box::new(PgStore::connect(url, schema)?)),
        Url::Sqlite(path) => Ok(Box::new(SqliteStore::open(path)?)),
    }
}

/// Opens a database that `init` set up. Nothing is created, and nothing
/// is written to a database that is not set up: an SQLite path where no
/// file is, a file without regie-org's tables, a PostgreSQL schema that
/// does not exist or has no tables are all [`StoreError::NotInitialised`].
pub fn open_existing(url: &str) -> Result<Box<dyn Store>, StoreError> {
    let store: Box<dyn Store> = match parse_url(url)? {
        Url::Postgres { url, schema } => Box::new(PgStore::connect(url, schema)?),
        Url::Sqlite(path) => Box::new(SqliteStore::open_existing(path)?),
    };
    if store.config()?.is_none() {
        return Err(StoreError::NotInitialised);
    }
    Ok(store)
}

/// Sets a database up for an organisation ([`Store::init`]), creating the
/// SQLite file or the PostgreSQL schema if needed. If it fails, it leaves
/// nothing behind: an SQLite file it made is removed again, and
/// PostgreSQL's schema and tables are made in the one transaction of
/// `init`.
pub fn create(
    url: &str,
    config: &OrgConfig,
    at: DateTime<Utc>,
) -> Result<Box<dyn Store>, StoreError> {
    match parse_url(url)? {
        Url::Postgres { url, schema } => {
            let store = PgStore::connect(url, schema)?;
            store.init(config, at)?;
            Ok(Box::new(store))
        }
        Url::Sqlite(path) => {
            let path = std::path::Path::new(path);
            let (store, made) = SqliteStore::create(path)?;
            match store.init(config, at) {
                Ok(()) => Ok(Box::new(store)),
                Err(e) => {
                    drop(store);
                    if made {
                        sqlite::remove_files(path);
                    }
                    Err(e)
                }
            }
        }
    }
}

/// A database URL, taken apart.
enum Url<'a> {
    Postgres {
        url: &'a str,
        schema: Option<&'a str>,
    },
    Sqlite(&'a str),
}

/// The file of an SQLite database URL (`sqlite:PATH` or a path); `None`
/// for PostgreSQL, an in-memory database or a URL that is not one.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    match parse_url(url) {
        Ok(Url::Sqlite(p)) if p != ":memory:" && !p.starts_with("file:") => Some(p.into()),
        _ => None,
    }
}

fn parse_url(url: &str) -> Result<Url<'_>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let (url, schema) = match url.split_once('#') {
            Some((u, s)) => (u, Some(s)),
            None => (url, None),
        };
        return Ok(Url::Postgres { url, schema });
    }
    let path = url.strip_prefix("sqlite:").unwrap_or(url);
    if path.is_empty() || path.contains("://") {
        return Err(StoreError::BadUrl(tls::redact(url)));
    }
    Ok(Url::Sqlite(path))
}

/// The customer reference given to a key enrolled on first use: `tofu-`
/// and the first 16 hex digits of SHA-256 of the `did:key` (deterministic,
/// so racing importers agree).
pub fn tofu_ref(did: &str) -> String {
    let h = Sha256::digest(did.as_bytes());
    let mut s = String::from("tofu-");
    for b in &h[..8] {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The customers whose stored state changed in a batch: those whose file
/// was accepted (a key rotation included) or who were enrolled by it.
pub(crate) fn changed_customers(outcomes: &[Outcome]) -> Vec<&str> {
    let mut v: Vec<&str> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Accepted { customer, .. } => Some(customer.as_str()),
            _ => None,
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Whether this change number is one at which the writer prunes the log
/// of changes older than [`CHANGES_KEPT`]: now and then, not on every
/// write.
pub(crate) fn prune_now(n: u64) -> bool {
    n.is_multiple_of(256)
}

/// Times as stored in SQLite and shown: UTC, whole seconds, `Z`.
pub fn fmt_time(t: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    // Written out rather than through a format string, which chrono parses
    // again on every call: this runs for every imported file.
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

pub(crate) fn parse_time(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt(format!("'{s}' is not a time")))
}

pub(crate) fn parse_channel(s: &str) -> Result<regie_model::Channel, StoreError> {
    regie_model::Channel::ALL
        .into_iter()
        .find(|c| c.as_str() == s)
        .ok_or_else(|| StoreError::Corrupt(format!("'{s}' is not a channel")))
}

pub(crate) fn parse_kind(s: &str) -> Result<regie_model::MessageKind, StoreError> {
    regie_model::MessageKind::ALL
        .into_iter()
        .find(|c| c.as_str() == s)
        .ok_or_else(|| StoreError::Corrupt(format!("'{s}' is not a kind of message")))
}
