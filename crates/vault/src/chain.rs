//! The history's chain: every change as an event in an append-only,
//! hash-chained log. This module writes and checks the chain; reading it
//! for a person is [`crate::history`]'s job.
//!
//! Each event's hash is SHA-256 over the previous event's hash and this
//! event's fields, length-prefixed so no two different events encode alike.
//! The newest sequence number and hash are also kept in `meta`, so deleting
//! the last events is as visible as editing one in the middle. Triggers
//! refuse updates and deletes; the chain catches whatever goes around them.

use chrono::{DateTime, SecondsFormat, Utc};
use regie_model::EventKind;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// A change to record.
pub(crate) struct NewEvent<'a> {
    pub org_id: Option<&'a str>,
    pub kind: EventKind,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The fields of one event, as the chain hashes them.
struct Fields<'a> {
    seq: i64,
    at: &'a str,
    org: Option<&'a str>,
    kind: &'a str,
    subject: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
}

fn chain_hash(prev: &[u8], f: &Fields<'_>) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"regie/v1/history");
    h.update(prev);
    h.update(f.seq.to_be_bytes());
    for field in [
        Some(f.at),
        f.org,
        Some(f.kind),
        Some(f.subject),
        f.before,
        f.after,
    ] {
        match field {
            None => h.update([0u8]),
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
        }
    }
    h.finalize().into()
}

pub(crate) fn now_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn head(tx: &Transaction<'_>) -> Result<(i64, Vec<u8>)> {
    let seq: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = 'history_head_seq'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let hash: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = 'history_head_hash'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match (seq, hash) {
        (Some(s), Some(h)) => Ok((
            s.parse().map_err(|_| Error::HistoryTampered(0))?,
            hex_decode(&h).ok_or(Error::HistoryTampered(0))?,
        )),
        _ => Ok((0, vec![0u8; 32])),
    }
}

/// The newest event's number (0 in an empty history).
pub(crate) fn last_seq(tx: &Transaction<'_>) -> Result<i64> {
    Ok(head(tx)?.0)
}

/// Appends an event in the caller's transaction.
pub(crate) fn append(tx: &Transaction<'_>, at: DateTime<Utc>, ev: NewEvent<'_>) -> Result<i64> {
    let (last, prev) = head(tx)?;
    let seq = last + 1;
    let at = now_text(at);
    let hash = chain_hash(
        &prev,
        &Fields {
            seq,
            at: &at,
            org: ev.org_id,
            kind: ev.kind.as_str(),
            subject: &ev.subject,
            before: ev.before.as_deref(),
            after: ev.after.as_deref(),
        },
    );
    tx.prepare_cached("INSERT INTO event (seq, at, org_id, kind, subject, before, after, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?
        .execute(params![seq, at, ev.org_id, ev.kind.as_str(), ev.subject, ev.before, ev.after, &hash[..]])?;
    tx.prepare_cached("INSERT INTO meta (key, value) VALUES ('history_head_seq', ?1), ('history_head_hash', ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")?
        .execute(params![seq.to_string(), hex_encode(&hash)])?;
    Ok(seq)
}

/// Checks the whole chain; returns the number of events.
pub(crate) fn verify(tx: &Transaction<'_>) -> Result<i64> {
    let mut prev = vec![0u8; 32];
    let mut expected = 1i64;
    let mut stmt = tx.prepare(
        "SELECT seq, at, org_id, kind, subject, before, after, hash FROM event ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        if seq != expected {
            return Err(Error::HistoryTampered(expected));
        }
        let at: String = r.get(1)?;
        let org: Option<String> = r.get(2)?;
        let kind: String = r.get(3)?;
        let subject: String = r.get(4)?;
        let before: Option<String> = r.get(5)?;
        let after: Option<String> = r.get(6)?;
        let stored: Vec<u8> = r.get(7)?;
        let h = chain_hash(
            &prev,
            &Fields {
                seq,
                at: &at,
                org: org.as_deref(),
                kind: &kind,
                subject: &subject,
                before: before.as_deref(),
                after: after.as_deref(),
            },
        );
        if h[..] != stored[..] {
            return Err(Error::HistoryTampered(seq));
        }
        prev = stored;
        expected += 1;
    }
    let (head_seq, head_hash) = head(tx)?;
    if head_seq != expected - 1 || head_hash != prev {
        return Err(Error::HistoryTampered(expected));
    }
    Ok(expected - 1)
}

pub(crate) fn hex_encode(b: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(b)
}

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    data_encoding::HEXLOWER.decode(s.as_bytes()).ok()
}
