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
    /// The key was replaced by a newer one (a key rotation) and can never
    /// be enrolled again.
    #[error("the key was replaced by a newer key of customer {0}")]
    KeyRetired(String),
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
    /// The customer a key belonged to before a key rotation replaced it.
    fn retired_owner(&mut self, did: &str) -> Result<Option<String>, StoreError>;
    /// Records that `did` was replaced; it is never bound again.
    fn retire(&mut self, did: &str, customer: &str, at: DateTime<Utc>) -> Result<(), StoreError>;
    /// Marks a point to go back to if one file cannot be stored.
    fn savepoint(&mut self) -> Result<(), StoreError>;
    /// Forgets the point of [`Tx::savepoint`], keeping what was written.
    fn release(&mut self) -> Result<(), StoreError>;
    /// Undoes what was written since [`Tx::savepoint`].
    fn rollback_to(&mut self) -> Result<(), StoreError>;
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
    // The reason may quote the file: stored with its control characters
    // written out, so no byte of a file reaches a text column as is.
    let message = crate::text::clean(&message).into_owned();
    tx.insert_history(&HistoryRow {
        at: inc.received_at,
        customer: customer.clone(),
        did: did.map(str::to_owned),
        sequence,
        sha256: inc.sha256.clone(),
        source: crate::text::clean(&inc.source).into_owned(),
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

/// Stores one file, inside the caller's transaction. With `careful`, a
/// value the database refuses (see [`StoreError::is_data_error`]) undoes
/// only this file's writes and rejects it as `unstorable`; the batch goes
/// on. Without, the error ends the transaction, and the caller runs the
/// batch again carefully: the common case pays nothing for the rare one.
pub(crate) fn apply_file<T: Tx + ?Sized>(
    tx: &mut T,
    inc: &Incoming,
    tofu: bool,
    careful: bool,
) -> Result<Outcome, StoreError> {
    if !careful {
        return apply_one(tx, inc, tofu);
    }
    tx.savepoint()?;
    match apply_one(tx, inc, tofu) {
        Ok(o) => {
            tx.release()?;
            Ok(o)
        }
        Err(e) if e.is_data_error() => {
            tx.rollback_to()?;
            tx.release()?;
            let detail = crate::text::clean(&e.to_string()).into_owned();
            reject(
                tx,
                inc,
                None,
                None,
                None,
                "unstorable",
                format!("the database could not store this file: {detail}"),
            )
        }
        Err(e) => Err(e),
    }
}

/// The customer a signed file is from: its key's customer, or the reason
/// it is none (a key replaced by a rotation, or one nobody enrolled).
enum Signer {
    Customer(String),
    RotatedOut(String),
    Unknown,
}

fn signer<T: Tx + ?Sized>(tx: &mut T, did: &str) -> Result<Signer, StoreError> {
    if let Some(c) = tx.customer_by_did(did)? {
        return Ok(Signer::Customer(c));
    }
    Ok(match tx.retired_owner(did)? {
        Some(c) => Signer::RotatedOut(c),
        None => Signer::Unknown,
    })
}

/// The rejections of a file whose signer is not (or no longer) a customer.
fn reject_signer<T: Tx + ?Sized>(
    tx: &mut T,
    inc: &Incoming,
    issuer: &str,
    sequence: u64,
    signer: Signer,
) -> Result<Outcome, StoreError> {
    let en = regie_model::Language::En;
    let (customer, code, text) = match signer {
        // The very file accepted before the rotation, sent again.
        Signer::RotatedOut(c) if tx.has_evidence(&inc.sha256)? => {
            return Ok(Outcome::AlreadyImported {
                customer: c,
                sequence,
            })
        }
        Signer::RotatedOut(c) => (Some(c), "rotated-out", crate::i18n::E_ROTATED_OUT),
        _ => (None, "unknown-key", crate::i18n::E_UNKNOWN_KEY),
    };
    reject(
        tx,
        inc,
        customer,
        Some(issuer),
        Some(sequence),
        code,
        text.get(en).into(),
    )
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
            let customer = match signer(tx, issuer)? {
                Signer::Customer(c) => c,
                Signer::Unknown if tofu => {
                    tx.insert_customer(&tofu_ref(issuer), issuer, inc.received_at)?;
                    enrolled = true;
                    match tx.customer_by_did(issuer)? {
                        Some(c) => c,
                        // The reference is another key's: never bind a
                        // key to someone else's record.
                        None => {
                            return reject(
                                tx,
                                inc,
                                None,
                                Some(issuer),
                                Some(*sequence),
                                "unknown-key",
                                i18n::E_TOFU_TAKEN.get(en).into(),
                            )
                        }
                    }
                }
                other => return reject_signer(tx, inc, issuer, *sequence, other),
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
            let customer = match signer(tx, issuer)? {
                Signer::Customer(c) => c,
                other => return reject_signer(tx, inc, issuer, *sequence, other),
            };
            // A key is bound to one customer, once: not one that belongs
            // to someone else, nor one a rotation already replaced.
            let taken = match tx.customer_by_did(new_key)? {
                Some(other) => Some(other),
                None => tx.retired_owner(new_key)?,
            };
            if taken.is_some() {
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
            let out = guarded(tx, inc, customer, issuer, *sequence, None, *issued, false)?;
            if let Outcome::Accepted { customer, .. } = &out {
                tx.retire(issuer, customer, inc.received_at)?;
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
            source: crate::text::clean(&inc.source).into_owned(),
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
