//! The import rules: what one received file means for the store, written
//! once for every backend over the primitive operations of one
//! transaction ([`Tx`]).
//!
//! For each file, in the batch's order:
//!
//! 1. A file verification refused is filed as rejected, under its claimed
//!    signer's customer if the key is known ([`apply_one`]).
//! 2. Its signer must be a customer: an unknown key is `unknown-key`
//!    (or, under trust on first use, enrolled as `tofu-...`, unless that
//!    reference is another key's); a key a rotation replaced is
//!    `rotated-out` (or the very file accepted before it, sent again,
//!    `already-imported`).
//! 3. A key rotation's new key must be no one's, now or before
//!    (`key-in-use`).
//! 4. **The guarded write** ([`guarded`]): the file is accepted only if its
//!    sequence is higher than the customer's; the check and the write are
//!    one statement (`INSERT ... ON CONFLICT DO UPDATE ... WHERE
//!    sequence < new`), so racing importers end with the highest sequence.
//!    Accepted, its bytes are kept as evidence and it goes into the
//!    history. Not accepted, it is `already-imported` when it is the file
//!    already stored (or any file kept as evidence), else
//!    `replayed-or-older`, with both sequences.
//! 5. A value the database refuses rejects that file alone as
//!    `unstorable` ([`apply_file`] with `careful`).
//!
//! **The same rule as one statement.** On PostgreSQL each statement is a
//! round trip, so the common case of rules 2 and 4 (an enrolled
//! customer's newer preference file) is also written as one statement
//! for many files: `accept_many` in `store/postgres.rs` joins the files to
//! `customers` by key (rule 2: only enrolled keys), upserts the state with
//! the same guard (rule 4), and writes evidence and history for exactly
//! the rows the guard let through. It is the second statement of the same
//! rule, not a second rule: what it does not accept (an unknown key, an
//! older file, a second file of one signer in the batch, anything in a
//! batch with a key rotation) takes the rules above one by one, after it,
//! in the same transaction; a test (`rules` in the store tests) feeds one
//! batch to both and compares every outcome, state and history row.

use chrono::{DateTime, Utc};

use super::{tofu_ref, HistoryRow, Incoming, Outcome, StoreError, Verdict};
use crate::reject::Rejection;

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
    /// Runs SQL without parameters or rows (both databases speak the
    /// savepoint statements below alike).
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;
    /// Marks a point to go back to if one file cannot be stored.
    fn savepoint(&mut self) -> Result<(), StoreError> {
        self.batch("SAVEPOINT one_file")
    }
    /// Forgets the point of [`Tx::savepoint`], keeping what was written.
    fn release(&mut self) -> Result<(), StoreError> {
        self.batch("RELEASE SAVEPOINT one_file")
    }
    /// Undoes what was written since [`Tx::savepoint`].
    fn rollback_to(&mut self) -> Result<(), StoreError> {
        self.batch("ROLLBACK TO SAVEPOINT one_file")
    }
    /// Rules 2 and 4 in one step for one file, for backends where each
    /// statement is a round trip (see the module documentation): if `did`
    /// is enrolled and `sequence` is higher than the stored one, writes
    /// the state, the evidence and the history and returns the customer.
    /// `None` means "take the rules one by one", which decide everything
    /// else.
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

/// Files a rejection in the history and says so.
fn reject<T: Tx + ?Sized>(
    tx: &mut T,
    inc: &Incoming,
    customer: Option<String>,
    did: Option<&str>,
    sequence: Option<u64>,
    reason: Rejection,
) -> Result<Outcome, StoreError> {
    // The reason may quote the file: stored with its control characters
    // written out, so no byte of a file reaches a text column as is.
    let reason = clean(reason);
    tx.insert_history(&HistoryRow {
        at: inc.received_at,
        customer: customer.clone(),
        did: did.map(str::to_owned),
        sequence,
        sha256: inc.sha256.clone(),
        source: crate::text::clean(&inc.source).into_owned(),
        outcome: "rejected".into(),
        reason: Some(reason.clone()),
    })?;
    Ok(Outcome::Rejected { customer, reason })
}

/// The rejection with every text from outside made safe to store.
fn clean(reason: Rejection) -> Rejection {
    let c = |s: String| crate::text::clean(&s).into_owned();
    match reason {
        Rejection::Verify { kind, detail } => Rejection::Verify {
            kind,
            detail: regie_prefs::error::Detail::new(c(detail.nl), c(detail.en)),
        },
        Rejection::Unreadable { problem, os_text } => Rejection::Unreadable {
            problem,
            os_text: c(os_text),
        },
        Rejection::Unstorable { db_text } => Rejection::Unstorable {
            db_text: c(db_text),
        },
        Rejection::Unrecognised { code, text } => Rejection::Unrecognised {
            code: c(code),
            text: c(text),
        },
        other => other,
    }
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
            let db_text = e.to_string();
            reject(tx, inc, None, None, None, Rejection::Unstorable { db_text })
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
    let (customer, reason) = match signer {
        // The very file accepted before the rotation, sent again.
        Signer::RotatedOut(c) if tx.has_evidence(&inc.sha256)? => {
            return Ok(Outcome::AlreadyImported {
                customer: c,
                sequence,
            })
        }
        Signer::RotatedOut(c) => (Some(c), Rejection::RotatedOut),
        _ => (None, Rejection::UnknownKey),
    };
    reject(tx, inc, customer, Some(issuer), Some(sequence), reason)
}

/// The import rules (see the module documentation), once for every
/// backend. Runs inside the caller's transaction.
pub(crate) fn apply_one<T: Tx + ?Sized>(
    tx: &mut T,
    inc: &Incoming,
    tofu: bool,
) -> Result<Outcome, StoreError> {
    match &inc.verdict {
        Verdict::Rejected { issuer, reason } => {
            let customer = match issuer {
                Some(d) => tx.customer_by_did(d)?,
                None => None,
            };
            reject(tx, inc, customer, issuer.as_deref(), None, reason.clone())
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
                    let reference = tofu_ref(issuer);
                    tx.insert_customer(&reference, issuer, inc.received_at)?;
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
                                Rejection::TofuRefTaken { reference },
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
                    Rejection::KeyInUse,
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

/// Rule 4, the guarded write (see the module documentation).
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
            reason: None,
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
    let stored = have.map(|(s, _)| s).unwrap_or(0);
    reject(
        tx,
        inc,
        Some(customer),
        Some(issuer),
        Some(sequence),
        Rejection::ReplayedOrOlder {
            stored,
            received: sequence,
        },
    )
}
