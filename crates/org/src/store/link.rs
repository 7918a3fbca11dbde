//! Link codes: the one-time code an organisation gives a customer, and the
//! rule that binds the key of a link request to the customer the code was
//! made for (preference-file spec, section 10).
//!
//! Only a code's hash is stored ([`code_hash`]), so the codes cannot be
//! read off the database, a backup or an operator's screen. A code is
//! single use, expires, and a newer code for a customer voids the older
//! ones that are still unused. The rule ([`link_one`]) is written once
//! for both databases over [`LinkTx`], inside one transaction, so that two
//! requests with one code, even in two processes at once, link one key:
//! the first to commit; the second finds the code used.
//!
//! Every refused request is a failed attempt, noted with the client's
//! address and the key in the same transaction, for the limits of section
//! 10.2 ([`crate::inbox`] counts them before it takes a request).
//!
//! What a link does when the customer already has a key: nothing, unless
//! the code was made to replace it (`regie-org link --replace-key`, for a
//! customer who lost their Regie). Then the old key is retired as a key
//! rotation retires it (never bound again; its later files are
//! `rotated-out`), the new key is bound, and the customer's stored
//! preferences stay in force while the stored sequence number starts
//! again, because the new key's Regie counts from 1.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::rules::Tx;
use super::{HistoryRow, StoreError};
use crate::reject::{LinkProblem, Rejection};

/// The hash a link code is stored under: SHA-256 over a label and the
/// code's 12 characters (upper case, without hyphens), as lower-case hex.
pub fn code_hash(code: &regie_prefs::LinkCode) -> String {
    let mut h = Sha256::new();
    h.update(b"regie-org/link-code/v1/");
    h.update(code.compact().as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A link code to store: only its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLinkCode {
    /// [`code_hash`] of the code.
    pub hash: String,
    /// The customer it is for.
    pub customer: String,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// When it stops working.
    pub expires: DateTime<Utc>,
    /// Whether it may replace the customer's key, if they have one.
    pub replace_key: bool,
}

/// What [`crate::Store::create_link_code`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeMade {
    /// Stored; older unused codes of the customer no longer work.
    Made,
    /// Not stored: the customer is linked to this key, and the code was
    /// not to replace it.
    CustomerLinked(String),
}

/// A verified link request, to apply.
#[derive(Debug, Clone)]
pub struct LinkRequestIn {
    /// Where it came from (for the history).
    pub source: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Its bytes (kept as evidence when it links).
    pub bytes: Vec<u8>,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The key that signed it.
    pub did: String,
    /// [`code_hash`] of the code it carries.
    pub code_hash: String,
    /// The client's address as the limits count it (see
    /// [`crate::inbox::limit::address_key`]).
    pub address: String,
}

/// What happened to a link request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// The key is now the customer's.
    Linked {
        /// The customer.
        customer: String,
        /// The key it replaced, if the code was made to replace one.
        replaced: Option<String>,
    },
    /// This key was linked with this code before; nothing changed.
    AlreadyLinked {
        /// The customer.
        customer: String,
        /// When it was linked.
        since: DateTime<Utc>,
    },
    /// Nothing linked; in the history, and a failed attempt.
    Rejected {
        /// The customer concerned, if one is.
        customer: Option<String>,
        /// Why.
        reason: Rejection,
    },
}

/// Failed link attempts since a time (see [`crate::Store::link_failures`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkFailures {
    /// From the client's address.
    pub address: u64,
    /// By the key.
    pub did: u64,
    /// By anyone.
    pub total: u64,
    /// The oldest counted failure from the address, by the key, and of
    /// all: when it leaves the window, there is room again.
    pub oldest_address: Option<DateTime<Utc>>,
    /// See `oldest_address`.
    pub oldest_did: Option<DateTime<Utc>>,
    /// See `oldest_address`.
    pub oldest_total: Option<DateTime<Utc>>,
}

/// A stored link code.
#[derive(Debug, Clone)]
pub(crate) struct CodeRow {
    pub customer: String,
    pub expires: DateTime<Utc>,
    pub replace_key: bool,
    pub used_by: Option<String>,
    pub used_at: Option<DateTime<Utc>>,
}

/// The operations of the link rule beyond the import rules' ([`Tx`]).
pub(crate) trait LinkTx: Tx {
    /// The code with this hash, locked for the rest of the transaction.
    fn code(&mut self, hash: &str) -> Result<Option<CodeRow>, StoreError>;
    /// Marks the code used by `did`.
    fn use_code(&mut self, hash: &str, did: &str, at: DateTime<Utc>) -> Result<(), StoreError>;
    /// The customer's key, if they have one.
    fn did_of(&mut self, customer: &str) -> Result<Option<String>, StoreError>;
    /// Lets the customer's next file start from sequence 1 (the stored
    /// preferences stay).
    fn restart_sequence(&mut self, customer: &str) -> Result<(), StoreError>;
    /// Notes a failed attempt.
    fn note_failure(
        &mut self,
        address: &str,
        did: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
}

/// The link rule (see the module documentation), inside the caller's
/// transaction.
pub(crate) fn link_one<T: LinkTx + ?Sized>(
    tx: &mut T,
    r: &LinkRequestIn,
) -> Result<LinkOutcome, StoreError> {
    let now = r.received_at;
    let code = tx.code(&r.code_hash)?;
    if let Some(c) = &code {
        if c.used_by.as_deref() == Some(r.did.as_str()) {
            return Ok(LinkOutcome::AlreadyLinked {
                customer: c.customer.clone(),
                since: c.used_at.unwrap_or(now),
            });
        }
    }
    if let Some(owner) = tx.retired_owner(&r.did)? {
        return refuse(tx, r, Some(owner), Rejection::RotatedOut);
    }
    let live = |c: &CodeRow| c.used_by.is_none() && c.expires > now;
    let owner = tx.customer_by_did(&r.did)?;
    let (customer, replace) = match (&owner, &code) {
        // A code that is not this customer's, tried by a key that is
        // someone's: refused alike whether the code exists or not, so a
        // customer cannot learn which codes are live.
        (Some(o), c) if c.as_ref().is_none_or(|c| c.customer != *o) => {
            return refuse(tx, r, owner.clone(), Rejection::Link(LinkProblem::KeyInUse));
        }
        (_, None) => return refuse(tx, r, None, Rejection::Link(LinkProblem::UnknownCode)),
        (_, Some(c)) if c.used_by.is_some() => {
            let who = Some(c.customer.clone());
            return refuse(tx, r, who, Rejection::Link(LinkProblem::UsedCode));
        }
        (_, Some(c)) if !live(c) => {
            let who = Some(c.customer.clone());
            return refuse(tx, r, who, Rejection::Link(LinkProblem::ExpiredCode));
        }
        (Some(_), Some(c)) => (c.customer.clone(), None),
        (None, Some(c)) => match tx.did_of(&c.customer)? {
            None => {
                // Inserted unless the key or the customer got a row in the
                // meantime (another process, committed while this one
                // waited): then it is refused as it would have been after.
                tx.insert_customer(&c.customer, &r.did, now)?;
                match tx.customer_by_did(&r.did)? {
                    Some(x) if x == c.customer => (c.customer.clone(), None),
                    other => {
                        let (who, problem) = match other {
                            Some(o) => (Some(o), LinkProblem::KeyInUse),
                            None => (Some(c.customer.clone()), LinkProblem::CustomerLinked),
                        };
                        return refuse(tx, r, who, Rejection::Link(problem));
                    }
                }
            }
            Some(old) if c.replace_key => {
                tx.retire(&old, &c.customer, now)?;
                tx.rebind(&c.customer, &r.did)?;
                tx.restart_sequence(&c.customer)?;
                (c.customer.clone(), Some(old))
            }
            Some(_) => {
                let who = Some(c.customer.clone());
                return refuse(tx, r, who, Rejection::Link(LinkProblem::CustomerLinked));
            }
        },
    };
    tx.use_code(&r.code_hash, &r.did, now)?;
    tx.insert_evidence(&r.sha256, &r.bytes, now)?;
    tx.insert_history(&HistoryRow {
        at: now,
        customer: Some(customer.clone()),
        did: Some(r.did.clone()),
        sequence: None,
        sha256: r.sha256.clone(),
        source: crate::text::clean(&r.source).into_owned(),
        outcome: "accepted".into(),
        reason: None,
    })?;
    Ok(LinkOutcome::Linked {
        customer,
        replaced: replace,
    })
}

/// Files a refused link request in the history and notes the failed
/// attempt.
fn refuse<T: LinkTx + ?Sized>(
    tx: &mut T,
    r: &LinkRequestIn,
    customer: Option<String>,
    reason: Rejection,
) -> Result<LinkOutcome, StoreError> {
    tx.insert_history(&HistoryRow {
        at: r.received_at,
        customer: customer.clone(),
        did: Some(r.did.clone()),
        sequence: None,
        sha256: r.sha256.clone(),
        source: crate::text::clean(&r.source).into_owned(),
        outcome: "rejected".into(),
        reason: Some(reason.clone()),
    })?;
    tx.note_failure(&r.address, &r.did, r.received_at)?;
    Ok(LinkOutcome::Rejected { customer, reason })
}

/// How long failed attempts are kept: the window the limits count in.
pub const FAILURE_WINDOW: chrono::Duration = chrono::Duration::hours(1);
