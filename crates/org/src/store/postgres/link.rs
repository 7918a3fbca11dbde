//! Link codes in PostgreSQL: the primitive operations of the link rule
//! (`store/link.rs`) and its transactions. The code's row is locked
//! (`FOR UPDATE`) when it is read, so of two requests with one code, in
//! any processes, the second waits and then finds it used; a request that
//! loses a race on a key (two codes, one key, at once) is tried again
//! from the start, and then finds the key taken.

use chrono::{DateTime, Utc};
use postgres::Client;

use super::{is_race, note_changes, PgTx, Stmts};
use crate::store::link::{
    link_one, CodeMade, CodeRow, LinkFailures, LinkOutcome, LinkRequestIn, LinkTx, NewLinkCode,
    FAILURE_WINDOW,
};
use crate::store::StoreError;

impl LinkTx for PgTx<'_, '_> {
    fn code(&mut self, hash: &str) -> Result<Option<CodeRow>, StoreError> {
        Ok(self
            .tx
            .query_opt(
                "SELECT customer_ref, expires_at, replace_key, used_by, used_at
                 FROM link_codes WHERE code_sha256 = $1 FOR UPDATE",
                &[&hash],
            )?
            .map(|r| CodeRow {
                customer: r.get(0),
                expires: r.get(1),
                replace_key: r.get(2),
                used_by: r.get(3),
                used_at: r.get(4),
            }))
    }

    fn use_code(&mut self, hash: &str, did: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE link_codes SET used_by = $2, used_at = $3
             WHERE code_sha256 = $1 AND used_by IS NULL",
            &[&hash, &did, &at],
        )?;
        Ok(())
    }

    fn did_of(&mut self, customer: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx
            .query_opt(
                "SELECT did FROM customers WHERE customer_ref = $1",
                &[&customer],
            )?
            .map(|r| r.get(0)))
    }

    fn restart_sequence(&mut self, customer: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE accepted_state SET sequence = 0 WHERE customer_ref = $1",
            &[&customer],
        )?;
        Ok(())
    }

    fn note_failure(
        &mut self,
        address: &str,
        did: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO link_failures (at, address, did) VALUES ($1, $2, $3)",
            &[&at, &address, &did],
        )?;
        // Attempts older than the window count for nothing: they go.
        self.tx.execute(
            "DELETE FROM link_failures WHERE at <= $1",
            &[&(at - FAILURE_WINDOW)],
        )?;
        Ok(())
    }
}

/// [`crate::Store::create_link_code`].
pub(super) fn create_code(c: &mut Client, code: &NewLinkCode) -> Result<CodeMade, StoreError> {
    let mut tx = c.transaction()?;
    // The customer's row, if any, is locked: a link in between cannot
    // bind a key the check below did not see.
    let has = tx.query_opt(
        "SELECT did FROM customers WHERE customer_ref = $1 FOR UPDATE",
        &[&code.customer],
    )?;
    if let Some(r) = has.filter(|_| !code.replace_key) {
        return Ok(CodeMade::CustomerLinked(r.get(0)));
    }
    tx.execute(
        "UPDATE link_codes SET expires_at = $2
         WHERE customer_ref = $1 AND used_by IS NULL AND expires_at > $2",
        &[&code.customer, &code.created],
    )?;
    tx.execute(
        "INSERT INTO link_codes (code_sha256, customer_ref, created_at, expires_at, replace_key)
         VALUES ($1, $2, $3, $4, $5)",
        &[
            &code.hash,
            &code.customer,
            &code.created,
            &code.expires,
            &code.replace_key,
        ],
    )?;
    tx.commit()?;
    Ok(CodeMade::Made)
}

/// [`crate::Store::link`]: the rule in one transaction, tried again after
/// losing a race.
pub(super) fn link(
    client: &mut Client,
    s: &Stmts,
    r: &LinkRequestIn,
) -> Result<LinkOutcome, StoreError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match link_once(client, s, r) {
            Err(e) if attempt < 10 && is_race(&e) => {
                std::thread::sleep(std::time::Duration::from_millis(5 * attempt));
            }
            other => return other,
        }
    }
}

fn link_once(client: &mut Client, s: &Stmts, r: &LinkRequestIn) -> Result<LinkOutcome, StoreError> {
    let mut tx = client.transaction()?;
    let out = {
        let mut t = PgTx {
            tx: &mut tx,
            s,
            tried: true,
        };
        link_one(&mut t, r)?
    };
    if let LinkOutcome::Linked { customer, .. } = &out {
        note_changes(&mut tx, s, &[customer.as_str()], Utc::now())?;
    }
    tx.commit()?;
    Ok(out)
}

/// [`crate::Store::link_failures`].
pub(super) fn failures(
    c: &mut Client,
    address: &str,
    did: &str,
    since: DateTime<Utc>,
) -> Result<LinkFailures, StoreError> {
    let r = c.query_one(
        "SELECT count(*), count(*) FILTER (WHERE address = $1), count(*) FILTER (WHERE did = $2),
                min(at), min(at) FILTER (WHERE address = $1), min(at) FILTER (WHERE did = $2)
         FROM link_failures WHERE at > $3",
        &[&address, &did, &since],
    )?;
    Ok(LinkFailures {
        total: r.get::<_, i64>(0) as u64,
        address: r.get::<_, i64>(1) as u64,
        did: r.get::<_, i64>(2) as u64,
        oldest_total: r.get(3),
        oldest_address: r.get(4),
        oldest_did: r.get(5),
    })
}
