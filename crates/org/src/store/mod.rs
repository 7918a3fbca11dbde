//! Where the organisation keeps what it accepted: configuration, customers
//! and their keys, the accepted state per customer, the signed files as
//! evidence, a history of every file received, and the messages sent.
//!
//! Two real implementations share one [`Store`] trait: an embedded SQLite
//! file ([`SqliteStore`]) for a single machine, and PostgreSQL
//! ([`PgStore`]) for several importers and servers sharing one database.
//! The import rules (who signed it, is it newer, is it the same file) are
//! written once, in [`apply_one`], over the small [`Tx`] trait that each
//! backend implements inside its own transaction: the sequence check and
//! the write happen in the same transaction, guarded by
//! `... ON CONFLICT DO UPDATE ... WHERE sequence < new`, so racing importers
//! end with the highest sequence, and never with two rows for a customer.

use chrono::{DateTime, Utc};
use regie_model::OrgId;
use sha2::{Digest, Sha256};

use crate::check::{DefaultPolicy, Sent};

mod postgres;
mod sqlite;
pub mod tls;

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
    /// The database URL is not one this program knows.
    #[error("unknown database URL {0}")]
    BadUrl(String),
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
    /// Not accepted by verification.
    Rejected {
        /// The `issuer` the file claims, if it can be read (to file the
        /// rejection under the customer).
        issuer: Option<String>,
        /// The reason code.
        code: String,
        /// What was wrong.
        message: String,
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
    /// Not accepted; recorded in the history.
    Rejected {
        /// The customer, if known.
        customer: Option<String>,
        /// The reason code (a `regie-prefs` code, `unknown-key`,
        /// `replayed-or-older`, `key-in-use`).
        code: String,
        /// What was wrong, in English (the stored form).
        message: String,
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

/// One entry of the history of received files.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
    /// The reason code, for rejections.
    pub code: Option<String>,
    /// What was wrong, for rejections.
    pub message: Option<String>,
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
}

/// Opens the store a URL names: `sqlite:PATH`, a plain path, or
/// `postgres://...` (optionally `?sslmode=...&sslrootcert=...`, see
/// [`tls`], and `#schema`).
pub fn open(url: &str) -> Result<Box<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let (url, schema) = match url.split_once('#') {
            Some((u, s)) => (u, Some(s)),
            None => (url, None),
        };
        return Ok(Box::new(PgStore::connect(url, schema)?));
    }
    let path = url.strip_prefix("sqlite:").unwrap_or(url);
    if path.is_empty() || path.contains("://") {
        return Err(StoreError::BadUrl(tls::redact(url)));
    }
    Ok(Box::new(SqliteStore::open(path)?))
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

/// The primitive operations of one import transaction.
pub(crate) trait Tx {
    fn customer_by_did(&mut self, did: &str) -> Result<Option<String>, StoreError>;
    /// Inserts unless the ref or the did exists.
    fn insert_customer(
        &mut self,
        customer: &str,
        did: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Inserts or raises the state, only if `sequence` is higher than the
    /// stored one; true if written. `effective: None` keeps the stored
    /// preferences.
    fn upsert_state(
        &mut self,
        customer: &str,
        sequence: u64,
        effective: Option<&str>,
        issued: DateTime<Utc>,
        sha256: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    fn state_of(&mut self, customer: &str) -> Result<Option<(u64, String)>, StoreError>;
    fn has_evidence(&mut self, sha256: &str) -> Result<bool, StoreError>;
    fn insert_evidence(
        &mut self,
        sha256: &str,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    fn insert_history(&mut self, row: &HistoryRow) -> Result<(), StoreError>;
    fn rebind(&mut self, customer: &str, did: &str) -> Result<(), StoreError>;
    /// The common case in one step, for backends where each statement is
    /// a round trip: if `did` is enrolled and `sequence` is higher than the
    /// stored one, writes the state, the evidence and the history and
    /// returns the customer. `None` means "take the step by step path",
    /// which decides everything else.
    fn try_accept(
        &mut self,
        _inc: &Incoming,
        _did: &str,
        _sequence: u64,
        _effective: &str,
        _issued: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError> {
        Ok(None)
    }
}

fn reject<T: Tx + ?Sized>(
    tx: &mut T,
    inc: &Incoming,
    customer: Option<String>,
    did: Option<&str>,
    sequence: Option<u64>,
    code: &str,
    message: String,
) -> Result<Outcome, StoreError> {
    tx.insert_history(&HistoryRow {
        at: inc.received_at,
        customer: customer.clone(),
        did: did.map(str::to_owned),
        sequence,
        sha256: inc.sha256.clone(),
        source: inc.source.clone(),
        outcome: "rejected".into(),
        code: Some(code.into()),
        message: Some(message.clone()),
    })?;
    Ok(Outcome::Rejected {
        customer,
        code: code.into(),
        message,
    })
}

/// The import rules, once for every backend. Runs inside the caller's
/// transaction.
pub(crate) fn apply_one<T: Tx + ?Sized>(
    tx: &mut T,
    inc: &Incoming,
    tofu: bool,
) -> Result<Outcome, StoreError> {
    use crate::i18n;
    let en = regie_model::Language::En;
    match &inc.verdict {
        Verdict::Rejected {
            issuer,
            code,
            message,
        } => {
            let customer = match issuer {
                Some(d) => tx.customer_by_did(d)?,
                None => None,
            };
            reject(
                tx,
                inc,
                customer,
                issuer.as_deref(),
                None,
                code,
                message.clone(),
            )
        }
        Verdict::Preferences {
            issuer,
            sequence,
            issued,
            effective,
        } => {
            if let Some(customer) = tx.try_accept(inc, issuer, *sequence, effective, *issued)? {
                return Ok(Outcome::Accepted {
                    customer,
                    sequence: *sequence,
                    rotation: false,
                    enrolled: false,
                });
            }
            let mut enrolled = false;
            let customer = match tx.customer_by_did(issuer)? {
                Some(c) => c,
                None if tofu => {
                    tx.insert_customer(&tofu_ref(issuer), issuer, inc.received_at)?;
                    enrolled = true;
                    match tx.customer_by_did(issuer)? {
                        Some(c) => c,
                        None => {
                            return Err(StoreError::Corrupt(format!(
                                "could not enrol {issuer} on first use: its reference is taken"
                            )))
                        }
                    }
                }
                None => {
                    return reject(
                        tx,
                        inc,
                        None,
                        Some(issuer),
                        Some(*sequence),
                        "unknown-key",
                        i18n::E_UNKNOWN_KEY.get(en).into(),
                    )
                }
            };
            guarded(
                tx,
                inc,
                customer,
                issuer,
                *sequence,
                Some(effective),
                *issued,
                enrolled,
            )
        }
        Verdict::Rotation {
            issuer,
            new_key,
            sequence,
            issued,
        } => {
            let Some(customer) = tx.customer_by_did(issuer)? else {
                return reject(
                    tx,
                    inc,
                    None,
                    Some(issuer),
                    Some(*sequence),
                    "unknown-key",
                    i18n::E_UNKNOWN_KEY.get(en).into(),
                );
            };
            if let Some(other) = tx.customer_by_did(new_key)? {
                if other != customer {
                    return reject(
                        tx,
                        inc,
                        Some(customer),
                        Some(issuer),
                        Some(*sequence),
                        "key-in-use",
                        i18n::E_KEY_IN_USE.get(en).into(),
                    );
                }
            }
            let out = guarded(tx, inc, customer, issuer, *sequence, None, *issued, false)?;
            if let Outcome::Accepted { customer, .. } = &out {
                tx.rebind(customer, new_key)?;
            }
            Ok(out)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn guarded<T: Tx + ?Sized>(
    tx: &mut T,
    inc: &Incoming,
    customer: String,
    issuer: &str,
    sequence: u64,
    effective: Option<&str>,
    issued: DateTime<Utc>,
    enrolled: bool,
) -> Result<Outcome, StoreError> {
    if tx.upsert_state(
        &customer,
        sequence,
        effective,
        issued,
        &inc.sha256,
        inc.received_at,
    )? {
        tx.insert_evidence(&inc.sha256, &inc.bytes, inc.received_at)?;
        tx.insert_history(&HistoryRow {
            at: inc.received_at,
            customer: Some(customer.clone()),
            did: Some(issuer.to_owned()),
            sequence: Some(sequence),
            sha256: inc.sha256.clone(),
            source: inc.source.clone(),
            outcome: "accepted".into(),
            code: None,
            message: None,
        })?;
        return Ok(Outcome::Accepted {
            customer,
            sequence,
            rotation: effective.is_none(),
            enrolled,
        });
    }
    let have = tx.state_of(&customer)?;
    let same = matches!(&have, Some((_, sha)) if *sha == inc.sha256);
    if same || tx.has_evidence(&inc.sha256)? {
        return Ok(Outcome::AlreadyImported { customer, sequence });
    }
    let have = have.map(|(s, _)| s).unwrap_or(0);
    let message = crate::i18n::fill(
        regie_model::Language::En,
        crate::i18n::E_REPLAYED,
        &[("have", &have.to_string()), ("got", &sequence.to_string())],
    );
    reject(
        tx,
        inc,
        Some(customer),
        Some(issuer),
        Some(sequence),
        "replayed-or-older",
        message,
    )
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
