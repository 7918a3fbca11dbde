//! The delivery tables' SQL, below `lifecycle`: the key and inbox pinned
//! per organisation, whether the person linked it, and what a change
//! queues in the outbox.
//!
//! What a change must queue follows from the history events it wrote:
//! switching push off for one organisation (`contact-changed`) means that
//! organisation's newest preference file must go out; the global switch
//! means every linked organisation's. So [`crate::Vault::write`] calls
//! [`after_change`] at the end of every change, in its transaction: no
//! write path can forget to queue, and a change commits together with
//! what it queued or not at all. Which kinds of event queue is one
//! exhaustive match ([`reach`]), so a new kind of event does not compile
//! until it is decided.
//!
//! Only an organisation that can take a file is queued for: one with a
//! pinned key and inbox (from its signed declaration) that the person
//! linked with a link code. A preference file waits unsigned: it is
//! signed when it is first sent, so that what goes out is always the
//! newest; a change after it was signed marks it stale, to be signed anew
//! (`crate::outbox`).

use chrono::{DateTime, Utc};
use regie_model::EventKind;
use regie_prefs::DidKey;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::chain;
use crate::error::{Damage, Error, Result};

/// Whom a kind of change concerns, for the outbox.
enum Reach {
    /// Nothing an organisation's file says.
    Nobody,
    /// The organisation the event names.
    Organisation,
    /// Every organisation (the global switch, sensitive data).
    Everyone,
}

/// Which organisations' newest preference file a kind of event changes.
fn reach(kind: EventKind) -> Reach {
    use EventKind as K;
    match kind {
        K::ContactChanged
        | K::Decision
        | K::Exemption
        | K::HoldingAdded
        | K::HoldingRemoved
        | K::OrganisationUpdated
        // Linking sends the newest file, so that the organisation knows
        // the person's choices from the start.
        | K::Linked => Reach::Organisation,
        K::GlobalSwitch | K::Sensitive => Reach::Everyone,
        // A rotation queues its own announcement, signed as it is made
        // (`crate::export`); the rest changes nothing a file says.
        K::VaultCreated
        | K::OrganisationAdded
        | K::Exported
        | K::DeclarationImported
        | K::Restored
        | K::KeyRotated
        | K::ReceiptKeyPinned
        | K::ReceiptKeyChanged
        | K::ReceiptStored
        // A GDPR request is a letter, not a preference.
        | K::RequestMade
        | K::RequestSent
        | K::RequestExtended
        | K::RequestAnswered => Reach::Nobody,
    }
}

/// The newest event's number before a change, to find the events the
/// change writes ([`after_change`]).
pub(crate) fn last_event(tx: &Transaction<'_>) -> Result<i64> {
    chain::last_seq(tx)
}

/// Queues, for every event written after `since`, the newest preference
/// file of each linked organisation it concerns.
pub(crate) fn after_change(tx: &Transaction<'_>, now: DateTime<Utc>, since: i64) -> Result<()> {
    let mut orgs: Vec<String> = Vec::new();
    let mut everyone = false;
    {
        let mut stmt = tx.prepare_cached("SELECT org_id, kind FROM event WHERE seq > ?1")?;
        let mut rows = stmt.query([since])?;
        while let Some(r) = rows.next()? {
            let org: Option<String> = r.get(0)?;
            let kind: String = r.get(1)?;
            let kind = EventKind::parse(&kind).ok_or_else(|| {
                Error::Corrupt(Damage::Content(format!("'{kind}' is not a kind of event")))
            })?;
            match (reach(kind), org) {
                (Reach::Everyone, _) => everyone = true,
                (Reach::Organisation, Some(o)) if !orgs.contains(&o) => orgs.push(o),
                _ => {}
            }
        }
    }
    if everyone {
        orgs = linked_orgs(tx)?;
    }
    for org in &orgs {
        queue_preferences(tx, now, org)?;
    }
    Ok(())
}

/// The organisations the person linked, by id.
pub(crate) fn linked_orgs(c: &Connection) -> Result<Vec<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT org_id FROM delivery WHERE linked_at IS NOT NULL ORDER BY org_id",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
}

/// Queues `org`'s newest preference file, if the person linked it: a
/// new entry waiting to be signed, or, if one waits already and was
/// signed, marks it to be signed anew. Returns whether `org` is linked.
pub(crate) fn queue_preferences(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &str,
) -> Result<bool> {
    if !is_linked(tx, org)? {
        return Ok(false);
    }
    tx.prepare_cached(
        "INSERT INTO outbox (org_id, kind, queued_at) VALUES (?1, 'preferences', ?2)
         ON CONFLICT (org_id) WHERE kind = 'preferences'
         DO UPDATE SET stale = 1 WHERE outbox.bytes IS NOT NULL",
    )?
    .execute(params![org, chain::now_text(now)])?;
    Ok(true)
}

/// Queues a key rotation's announcement, signed already, if the person
/// linked `org`. Returns whether it was queued.
pub(crate) fn queue_rotation(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &str,
    sequence: u64,
    signer: &str,
    bytes: &[u8],
) -> Result<bool> {
    if !is_linked(tx, org)? {
        return Ok(false);
    }
    let sha = regie_prefs::FileHash::of(bytes).to_string();
    tx.prepare_cached(
        "INSERT INTO outbox (org_id, kind, queued_at, sequence, signer, sha256, bytes)
         VALUES (?1, 'key-rotation', ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        org,
        chain::now_text(now),
        sequence_value(sequence)?,
        signer,
        sha,
        bytes
    ])?;
    Ok(true)
}

/// Puts a freshly signed preference file into `org`'s waiting entry, in
/// place of whatever it held: from now on this file is sent, byte for
/// byte, until a receipt for it is kept.
pub(crate) fn set_signed(
    tx: &Transaction<'_>,
    org: &str,
    sequence: u64,
    signer: &str,
    bytes: &[u8],
) -> Result<()> {
    let sha = regie_prefs::FileHash::of(bytes).to_string();
    tx.prepare_cached(
        "UPDATE outbox SET sequence = ?2, signer = ?3, sha256 = ?4, bytes = ?5, stale = 0
         WHERE org_id = ?1 AND kind = 'preferences'",
    )?
    .execute(params![org, sequence_value(sequence)?, signer, sha, bytes])?;
    Ok(())
}

/// Whether the person linked `org` (which implies a pinned key and inbox).
pub(crate) fn is_linked(c: &Connection, org: &str) -> Result<bool> {
    Ok(c.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM delivery WHERE org_id = ?1 AND linked_at IS NOT NULL)",
    )?
    .query_row([org], |r| r.get(0))?)
}

/// What the vault pinned from an organisation's signed declaration.
#[derive(Debug, Clone)]
pub(crate) struct Pinned {
    /// The inbox the declaration names.
    pub inbox: String,
    /// The pinned key.
    pub key: DidKey,
    /// When the person linked the organisation, if they did.
    pub linked_at: Option<String>,
}

/// The key and inbox pinned for `org`, if any.
pub(crate) fn pinned(c: &Connection, org: &str) -> Result<Option<Pinned>> {
    let row: Option<(String, String, Option<String>)> = c
        .prepare_cached("SELECT inbox, receipt_key, linked_at FROM delivery WHERE org_id = ?1")?
        .query_row([org], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(inbox, key, linked_at)| {
        let key = DidKey::parse(&key)
            .map_err(|_| Error::Corrupt(Damage::Content(format!("'{key}' is not a pinned key"))))?;
        Ok(Pinned {
            inbox,
            key,
            linked_at,
        })
    })
    .transpose()
}

/// Pins `key` and keeps `inbox` for `org`, from its first signed
/// declaration.
pub(crate) fn pin_first(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &str,
    inbox: &str,
    key: &DidKey,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO delivery (org_id, inbox, receipt_key, pinned_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![org, inbox, key.did(), chain::now_text(now)])?;
    Ok(())
}

/// Keeps the inbox of a later declaration signed by the pinned key.
pub(crate) fn keep_inbox(tx: &Transaction<'_>, org: &str, inbox: &str) -> Result<()> {
    tx.prepare_cached("UPDATE delivery SET inbox = ?2 WHERE org_id = ?1")?
        .execute(params![org, inbox])?;
    Ok(())
}

/// Pins `key` in place of the key the old one signed over to, with the
/// declaration's inbox. Whatever the sender held back because receipts
/// were signed by another key is tried again.
pub(crate) fn pin_rotated(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &str,
    inbox: &str,
    key: &DidKey,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE delivery SET inbox = ?2, receipt_key = ?3, pinned_at = ?4,
                failures = 0, next_try_at = NULL, problem = NULL
         WHERE org_id = ?1",
    )?
    .execute(params![org, inbox, key.did(), chain::now_text(now)])?;
    Ok(())
}

/// A sequence number as SQLite stores it.
pub(crate) fn sequence_value(n: u64) -> Result<i64> {
    i64::try_from(n).map_err(|_| {
        Error::Corrupt(Damage::Content(
            "the sequence number is too large".to_owned(),
        ))
    })
}
