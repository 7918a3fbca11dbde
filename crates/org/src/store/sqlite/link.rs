//! Link codes in SQLite: the primitive operations of the link rule
//! (`store/link.rs`) and its transactions. A write transaction is
//! `IMMEDIATE`, so two link requests are applied one after the other, in
//! any number of processes.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{fmt_time, note_changes, parse_time, SqlTx, TimeText};
use crate::store::link::{
    link_one, CodeMade, CodeRow, LinkFailures, LinkOutcome, LinkRequestIn, LinkTx, NewLinkCode,
    FAILURE_WINDOW,
};
use crate::store::StoreError;

impl LinkTx for SqlTx<'_> {
    fn code(&mut self, hash: &str) -> Result<Option<CodeRow>, StoreError> {
        let row = self
            .tx
            .prepare_cached(
                "SELECT customer_ref, expires_at, replace_key, used_by, used_at
                 FROM link_codes WHERE code_sha256 = ?1",
            )?
            .query_row([hash], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })
            .optional()?;
        row.map(|(customer, expires, replace_key, used_by, used_at)| {
            Ok(CodeRow {
                customer,
                expires: parse_time(&expires)?,
                replace_key,
                used_by,
                used_at: used_at.as_deref().map(parse_time).transpose()?,
            })
        })
        .transpose()
    }

    fn use_code(&mut self, hash: &str, did: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "UPDATE link_codes SET used_by = ?2, used_at = ?3
                 WHERE code_sha256 = ?1 AND used_by IS NULL",
            )?
            .execute(params![hash, did, fmt_time(at)])?;
        Ok(())
    }

    fn did_of(&mut self, customer: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT did FROM customers WHERE customer_ref = ?1")?
            .query_row([customer], |r| r.get(0))
            .optional()?)
    }

    fn restart_sequence(&mut self, customer: &str) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("UPDATE accepted_state SET sequence = 0 WHERE customer_ref = ?1")?
            .execute([customer])?;
        Ok(())
    }

    fn note_failure(
        &mut self,
        address: &str,
        did: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("INSERT INTO link_failures (at, address, did) VALUES (?1, ?2, ?3)")?
            .execute(params![fmt_time(at), address, did])?;
        // Attempts older than the window count for nothing: they go.
        self.tx
            .prepare_cached("DELETE FROM link_failures WHERE at <= ?1")?
            .execute([fmt_time(at - FAILURE_WINDOW)])?;
        Ok(())
    }
}

/// [`crate::Store::create_link_code`].
pub(super) fn create_code(c: &mut Connection, code: &NewLinkCode) -> Result<CodeMade, StoreError> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let has: Option<String> = tx
        .query_row(
            "SELECT did FROM customers WHERE customer_ref = ?1",
            [&code.customer],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(did) = has.filter(|_| !code.replace_key) {
        return Ok(CodeMade::CustomerLinked(did));
    }
    let created = fmt_time(code.created);
    tx.execute(
        "UPDATE link_codes SET expires_at = ?2
         WHERE customer_ref = ?1 AND used_by IS NULL AND expires_at > ?2",
        params![code.customer, created],
    )?;
    tx.execute(
        "INSERT INTO link_codes (code_sha256, customer_ref, created_at, expires_at, replace_key)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            code.hash,
            code.customer,
            created,
            fmt_time(code.expires),
            code.replace_key
        ],
    )?;
    tx.commit()?;
    Ok(CodeMade::Made)
}

/// [`crate::Store::link`].
pub(super) fn link(c: &mut Connection, r: &LinkRequestIn) -> Result<LinkOutcome, StoreError> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = {
        let mut t = SqlTx {
            tx: &tx,
            time: TimeText::default(),
            stmts: Vec::new(),
        };
        link_one(&mut t, r)?
    };
    if let LinkOutcome::Linked { customer, .. } = &out {
        note_changes(&tx, &[customer.as_str()], Utc::now())?;
    }
    tx.commit()?;
    Ok(out)
}

/// [`crate::Store::link_failures`].
pub(super) fn failures(
    c: &Connection,
    address: &str,
    did: &str,
    since: DateTime<Utc>,
) -> Result<LinkFailures, StoreError> {
    let row = c
        .prepare_cached(
            "SELECT count(*),
                    coalesce(sum(address = ?1), 0), coalesce(sum(did = ?2), 0),
                    min(at), min(CASE WHEN address = ?1 THEN at END),
                    min(CASE WHEN did = ?2 THEN at END)
             FROM link_failures WHERE at > ?3",
        )?
        .query_row(params![address, did, fmt_time(since)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
    let time = |t: Option<String>| t.as_deref().map(parse_time).transpose();
    Ok(LinkFailures {
        total: row.0 as u64,
        address: row.1 as u64,
        did: row.2 as u64,
        oldest_total: time(row.3)?,
        oldest_address: time(row.4)?,
        oldest_did: time(row.5)?,
    })
}
