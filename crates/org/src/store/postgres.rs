//! The shared store: PostgreSQL, for several importers and servers on one
//! database. Statements are prepared once per connection; a batch that
//! loses a deadlock or a uniqueness race to another importer is retried
//! from the start, which is safe because every rule is re-checked inside
//! the transaction.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use fallible_iterator::FallibleIterator;
use postgres::error::SqlState;
use postgres::{Client, Statement};

use super::{
    apply_file, changed_customers, parse_channel, parse_kind, schema, Changes, CustomerRow,
    HistoryRow, Incoming, OrgConfig, Outcome, StateRow, Store, StoreError, Tx, Verdict,
};
use crate::check::{DefaultPolicy, Sent};
use crate::reject::Columns;

mod link;

/// PostgreSQL keeps its schema version in a table (SQLite has
/// `PRAGMA user_version`).
const VERSION_TABLE: &str = "CREATE TABLE IF NOT EXISTS org_schema (version INTEGER NOT NULL);";

/// The schema version this program writes.
const VERSION: i32 = 4;

/// The channel of change notifications; the payload is the schema, so
/// followers of one schema can tell their database's changes apart.
const CHANNEL: &str = "regie_org_changes";

struct Stmts {
    customer_by_did: Statement,
    insert_customer: Statement,
    upsert_state: Statement,
    state_of: Statement,
    has_evidence: Statement,
    insert_evidence: Statement,
    insert_history: Statement,
    rebind: Statement,
    retired_owner: Statement,
    retire: Statement,
    note_changes: Statement,
    accept_many: Statement,
}

struct Conn {
    client: Client,
    stmts: Option<Stmts>,
    /// Whether this connection has said LISTEN (see
    /// [`Store::wait_for_changes`]).
    listening: bool,
}

/// A PostgreSQL database (one connection; open one store per importer).
/// A connection the server closed (PostgreSQL restarted, a failover, a
/// network break) is opened again on the next use, so a long-running
/// `serve` heals by itself once the database is back.
pub struct PgStore {
    conn: Mutex<Conn>,
    /// The URL it connected with, to connect again.
    url: String,
    /// The schema of the URL's `#SCHEMA`, made by [`Store::init`].
    schema: Option<String>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PgStore")
    }
}

fn prepare(c: &mut Client) -> Result<Stmts, StoreError> {
    Ok(Stmts {
        customer_by_did: c.prepare("SELECT customer_ref FROM customers WHERE did = $1")?,
        insert_customer: c.prepare(
            "INSERT INTO customers (customer_ref, did, enrolled_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )?,
        upsert_state: c.prepare(
            "INSERT INTO accepted_state
               (customer_ref, sequence, effective, issued, file_sha256, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (customer_ref) DO UPDATE SET
               sequence = excluded.sequence,
               effective = coalesce(excluded.effective, accepted_state.effective),
               issued = excluded.issued,
               file_sha256 = excluded.file_sha256,
               updated_at = excluded.updated_at
             WHERE accepted_state.sequence < excluded.sequence",
        )?,
        state_of: c
            .prepare("SELECT sequence, file_sha256 FROM accepted_state WHERE customer_ref = $1")?,
        has_evidence: c.prepare("SELECT 1 FROM evidence WHERE sha256 = $1")?,
        insert_evidence: c.prepare(
            "INSERT INTO evidence (sha256, bytes, received_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )?,
        insert_history: c.prepare(
            "INSERT INTO history
               (at, customer_ref, did, sequence, file_sha256, source, outcome, code,
                detail_nl, detail_en, stored_sequence, os_error, taken_ref)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )?,
        rebind: c.prepare("UPDATE customers SET did = $2 WHERE customer_ref = $1")?,
        retired_owner: c.prepare("SELECT customer_ref FROM retired_keys WHERE did = $1")?,
        retire: c.prepare(
            "INSERT INTO retired_keys (did, customer_ref, retired_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )?,
        // Takes the next change number and logs the customers under it.
        // The counter row stays locked until commit, and writers take it
        // last, so numbers are handed out in the order transactions
        // commit: a follower that saw number n has seen every change up
        // to n. The notification is sent when the transaction commits.
        note_changes: c.prepare(&format!(
            "WITH c AS (UPDATE change_counter SET n = n + 1 RETURNING n),
             i AS (INSERT INTO changes (n, customer_ref, at)
                   SELECT c.n, u, $2 FROM c, unnest($1::text[]) AS u)
             SELECT c.n FROM c, pg_notify('{CHANNEL}', current_schema()) AS x"
        ))?,
        // Rules 2 and 4 of `store/rules.rs` as one statement (the second
        // statement of the same rule, see there): an enrolled customer's
        // newer file, for one file or for many of distinct customers, in
        // one round trip: the files as arrays, and for each one accepted
        // its position. Data-modifying CTEs: the evidence and history rows
        // are written only for the state rows the guarded upsert returned.
        // Rows are upserted in customer order, so importers lock them in
        // the same order.
        accept_many: c.prepare(
            "WITH f AS (
               SELECT * FROM unnest($1::text[], $2::int8[], $3::text[],
                                    $4::timestamptz[], $5::text[], $6::bytea[], $7::text[])
                 WITH ORDINALITY AS f(did, sequence, effective, issued, sha256, bytes, source, pos)),
             c AS (SELECT f.*, customers.customer_ref FROM f JOIN customers USING (did)),
             up AS (
               INSERT INTO accepted_state
                 (customer_ref, sequence, effective, issued, file_sha256, updated_at)
               SELECT customer_ref, sequence, effective, issued, sha256, $8 FROM c
               ORDER BY customer_ref
               ON CONFLICT (customer_ref) DO UPDATE SET
                 sequence = excluded.sequence,
                 effective = excluded.effective,
                 issued = excluded.issued,
                 file_sha256 = excluded.file_sha256,
                 updated_at = excluded.updated_at
               WHERE accepted_state.sequence < excluded.sequence
               RETURNING customer_ref),
             ok AS (SELECT c.* FROM c JOIN up USING (customer_ref)),
             ev AS (
               INSERT INTO evidence (sha256, bytes, received_at)
               SELECT sha256, bytes, $8 FROM ok ON CONFLICT DO NOTHING),
             h AS (
               INSERT INTO history
                 (at, customer_ref, did, sequence, file_sha256, source, outcome)
               SELECT $8, customer_ref, did, sequence, sha256, source, 'accepted'
               FROM ok ORDER BY pos)
             SELECT pos, customer_ref FROM ok",
        )?,
    })
}

/// The files of a batch that one statement can accept at once: preference
/// files, the first of each signer in the batch, when the batch holds no
/// key rotation (which could change who a signer is). For each, its index.
fn first_of_each_signer(batch: &[Incoming], received_at: DateTime<Utc>) -> Vec<usize> {
    if batch
        .iter()
        .any(|i| matches!(i.verdict, Verdict::Rotation { .. }) || i.received_at != received_at)
    {
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    batch
        .iter()
        .enumerate()
        .filter_map(|(n, i)| match &i.verdict {
            Verdict::Preferences { issuer, .. } if seen.insert(issuer.as_str()) => Some(n),
            _ => None,
        })
        .collect()
}

impl PgStore {
    /// Connects, over TLS as the URL's `sslmode` asks (see
    /// [`super::tls`]). With `schema`, works inside that schema; only
    /// [`Store::init`] creates it, so a command that only reads leaves no
    /// empty schema behind.
    pub fn connect(url: &str, schema: Option<&str>) -> Result<Self, StoreError> {
        if let Some(s) = schema {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Err(StoreError::BadUrl(format!("schema '{s}'")));
            }
        }
        let mut client = super::tls::connect(url)?;
        if let Some(s) = schema {
            // A schema that does not exist yet may be on the path: nothing
            // is found in it, and `init` creates it.
            client.batch_execute(&format!("SET search_path TO {s}"))?;
        }
        upgrade(&mut client)?;
        Ok(PgStore {
            conn: Mutex::new(Conn {
                client,
                stmts: None,
                listening: false,
            }),
            url: url.to_owned(),
            schema: schema.map(str::to_owned),
        })
    }

    /// The connection; one that was closed is opened again first (its
    /// prepared statements and LISTEN are made again on first use). If
    /// the database is still away, the closed one is handed back and the
    /// call fails as before, to be tried again next time.
    fn conn(&self) -> std::sync::MutexGuard<'_, Conn> {
        let mut c = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        if c.client.is_closed() {
            if let Ok(client) = self.reopen() {
                *c = Conn {
                    client,
                    stmts: None,
                    listening: false,
                };
            }
        }
        c
    }

    fn reopen(&self) -> Result<Client, StoreError> {
        let mut client = super::tls::connect(&self.url)?;
        if let Some(s) = &self.schema {
            client.batch_execute(&format!("SET search_path TO {s}"))?;
        }
        Ok(client)
    }

    /// Stores a batch as [`Store::apply`] does, but without the one
    /// statement for the common case: every file takes the import rules
    /// one by one. The outcomes are the same (see `store/rules.rs`); this
    /// is how a test shows it.
    pub fn apply_rule_by_rule(
        &self,
        batch: &[Incoming],
        tofu: bool,
    ) -> Result<Vec<Outcome>, StoreError> {
        self.apply_batch(batch, tofu, false)
    }

    fn apply_batch(
        &self,
        batch: &[Incoming],
        tofu: bool,
        fast: bool,
    ) -> Result<Vec<Outcome>, StoreError> {
        let mut c = self.conn();
        let (client, s) = ready(&mut c)?;
        let mut careful = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            match apply_batch(client, s, batch, tofu, careful, fast) {
                Err(e) if attempt < 10 && is_race(&e) => {
                    std::thread::sleep(std::time::Duration::from_millis(5 * attempt));
                }
                // A value of one file refused: again, one file at a time
                // (see `apply_file`).
                Err(e) if !careful && e.is_data_error() => careful = true,
                other => return other,
            }
        }
    }
}

fn ready(c: &mut Conn) -> Result<(&mut Client, &Stmts), StoreError> {
    if c.stmts.is_none() {
        c.stmts = Some(prepare(&mut c.client)?);
    }
    match &c.stmts {
        Some(s) => Ok((&mut c.client, s)),
        None => Err(StoreError::NotInitialised),
    }
}

/// Brings a database made by an earlier version up to [`VERSION`], in one
/// transaction under an advisory lock, so that processes starting together
/// upgrade it once. Version 2 adds the tables of version 2 (see
/// [`super::schema`]) and reads
/// the decisions and sensitive categories of every accepted file back from
/// its evidence; version 3 moves the facts of each rejection out of its
/// English message into columns ([`to_v3`]).
fn upgrade(c: &mut Client) -> Result<(), StoreError> {
    let current = |c: &mut Client| -> Result<i32, StoreError> {
        let has: bool = c
            .query_one("SELECT to_regclass('org_schema') IS NOT NULL", &[])?
            .get(0);
        if !has {
            return Ok(1);
        }
        Ok(c.query_opt("SELECT version FROM org_schema", &[])?
            .map_or(1, |r| r.get(0)))
    };
    if !has_tables(c)? || current(c)? >= VERSION {
        return Ok(());
    }
    let mut tx = c.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock(7305551)", &[])?;
    let version: i32 = {
        let has: bool = tx
            .query_one("SELECT to_regclass('org_schema') IS NOT NULL", &[])?
            .get(0);
        if has {
            tx.query_opt("SELECT version FROM org_schema", &[])?
                .map_or(1, |r| r.get(0))
        } else {
            1
        }
    };
    if version >= VERSION {
        return Ok(());
    }
    if version < 2 {
        to_v2(&mut tx)?;
    }
    to_v3(&mut tx)?;
    // Version 4: the link codes and failed link attempts (new tables).
    tx.batch_execute(&schema::POSTGRES.tables_v4())?;
    tx.execute("DELETE FROM org_schema", &[])?;
    tx.execute("INSERT INTO org_schema (version) VALUES ($1)", &[&VERSION])?;
    tx.commit()?;
    Ok(())
}

/// Version 2: its tables (see [`super::schema`]), and the decisions and sensitive
/// categories of every accepted file read back from its evidence.
fn to_v2(tx: &mut postgres::Transaction<'_>) -> Result<(), StoreError> {
    tx.batch_execute(&schema::POSTGRES.tables_v2())?;
    tx.batch_execute(VERSION_TABLE)?;
    let org: String = tx.query_one("SELECT org_id FROM org_config", &[])?.get(0);
    let rows = tx.query(
        "SELECT s.customer_ref, s.effective, e.bytes FROM accepted_state s
         JOIN evidence e ON e.sha256 = s.file_sha256 WHERE s.effective IS NOT NULL",
        &[],
    )?;
    for r in rows {
        let (customer, effective, evidence): (String, String, Vec<u8>) =
            (r.get(0), r.get(1), r.get(2));
        if let Some(e) = crate::import::upgrade_effective(&org, &effective, &evidence) {
            tx.execute(
                "UPDATE accepted_state SET effective = $2 WHERE customer_ref = $1",
                &[&customer, &e],
            )?;
        }
    }
    Ok(())
}

/// Version 3: the columns of [`schema::COLUMNS_V3`], filled by reading each
/// rejection's English message once
/// ([`crate::reject::Rejection::columns_from_v2`]), which then goes.
fn to_v3(tx: &mut postgres::Transaction<'_>) -> Result<(), StoreError> {
    for (name, kind) in schema::COLUMNS_V3 {
        let ty = schema::POSTGRES.column(kind);
        tx.batch_execute(&format!(
            "ALTER TABLE history ADD COLUMN IF NOT EXISTS {name} {ty}"
        ))?;
    }
    let has_message: bool = tx
        .query_one(
            "SELECT count(*) > 0 FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = 'history'
               AND column_name = 'message'",
            &[],
        )?
        .get(0);
    if !has_message {
        return Ok(());
    }
    let rows = tx.query(
        "SELECT id, code, message, did FROM history WHERE code IS NOT NULL",
        &[],
    )?;
    let update = tx.prepare(
        "UPDATE history SET detail_nl = $2, detail_en = $3, stored_sequence = $4,
                os_error = $5, taken_ref = $6 WHERE id = $1",
    )?;
    for r in rows {
        let (id, code, message, did): (i64, String, Option<String>, Option<String>) =
            (r.get(0), r.get(1), r.get(2), r.get(3));
        let c = crate::reject::Rejection::columns_from_v2(
            &code,
            message.as_deref().unwrap_or_default(),
            did.as_deref(),
        );
        tx.execute(
            &update,
            &[
                &id,
                &c.detail_nl,
                &c.detail_en,
                &c.stored_sequence.map(|n| n as i64),
                &c.os_error,
                &c.taken_ref,
            ],
        )?;
    }
    tx.batch_execute("ALTER TABLE history DROP COLUMN message")?;
    Ok(())
}

/// Logs a change of these customers (see `note_changes` in [`prepare`]) and
/// prunes the old log now and then.
fn note_changes(
    tx: &mut postgres::Transaction<'_>,
    s: &Stmts,
    customers: &[&str],
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    if customers.is_empty() {
        return Ok(());
    }
    let n: i64 = tx.query_one(&s.note_changes, &[&customers, &at])?.get(0);
    if super::prune_now(n as u64) {
        // The log's first change young enough to keep, found by walking
        // the log in order from its oldest row (the rows walked are the
        // ones deleted next); all but it and later ones go.
        tx.execute(
            "WITH k AS (SELECT coalesce(
                          (SELECT n - 1 FROM changes WHERE at >= $1 ORDER BY n LIMIT 1), $2) AS upto),
                  d AS (DELETE FROM changes WHERE n <= (SELECT upto FROM k))
             UPDATE change_counter SET pruned = greatest(pruned, (SELECT upto FROM k))",
            &[&(at - super::CHANGES_KEPT), &n],
        )?;
    }
    Ok(())
}

fn has_tables(c: &mut Client) -> Result<bool, StoreError> {
    let row = c.query_one("SELECT to_regclass('org_config') IS NOT NULL", &[])?;
    Ok(row.get(0))
}

struct PgTx<'a, 'b> {
    tx: &'a mut postgres::Transaction<'b>,
    s: &'a Stmts,
    /// The file at hand was already tried by `accept_many` in this
    /// transaction, so `try_accept` need not send it again.
    tried: bool,
}

impl Tx for PgTx<'_, '_> {
    fn customer_by_did(&mut self, did: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx
            .query_opt(&self.s.customer_by_did, &[&did])?
            .map(|r| r.get(0)))
    }

    fn insert_customer(
        &mut self,
        customer: &str,
        did: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.tx
            .execute(&self.s.insert_customer, &[&customer, &did, &at])?;
        Ok(())
    }

    fn upsert_state(
        &mut self,
        customer: &str,
        sequence: u64,
        effective: Option<&str>,
        issued: DateTime<Utc>,
        sha256: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let n = self.tx.execute(
            &self.s.upsert_state,
            &[
                &customer,
                &(sequence as i64),
                &effective,
                &issued,
                &sha256,
                &at,
            ],
        )?;
        Ok(n == 1)
    }

    fn state_of(&mut self, customer: &str) -> Result<Option<(u64, String)>, StoreError> {
        Ok(self
            .tx
            .query_opt(&self.s.state_of, &[&customer])?
            .map(|r| (r.get::<_, i64>(0) as u64, r.get(1))))
    }

    fn has_evidence(&mut self, sha256: &str) -> Result<bool, StoreError> {
        Ok(self
            .tx
            .query_opt(&self.s.has_evidence, &[&sha256])?
            .is_some())
    }

    fn insert_evidence(
        &mut self,
        sha256: &str,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.tx
            .execute(&self.s.insert_evidence, &[&sha256, &bytes, &at])?;
        Ok(())
    }

    fn insert_history(&mut self, h: &HistoryRow) -> Result<(), StoreError> {
        let (code, c) = h.columns();
        self.tx.execute(
            &self.s.insert_history,
            &[
                &h.at,
                &h.customer,
                &h.did,
                &h.sequence.map(|s| s as i64),
                &h.sha256,
                &h.source,
                &h.outcome,
                &code,
                &c.detail_nl,
                &c.detail_en,
                &c.stored_sequence.map(|n| n as i64),
                &c.os_error,
                &c.taken_ref,
            ],
        )?;
        Ok(())
    }

    fn rebind(&mut self, customer: &str, did: &str) -> Result<(), StoreError> {
        self.tx.execute(&self.s.rebind, &[&customer, &did])?;
        Ok(())
    }

    fn retired_owner(&mut self, did: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx
            .query_opt(&self.s.retired_owner, &[&did])?
            .map(|r| r.get(0)))
    }

    fn retire(&mut self, did: &str, customer: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.tx.execute(&self.s.retire, &[&did, &customer, &at])?;
        Ok(())
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.tx.batch_execute(sql)?;
        Ok(())
    }

    fn try_accept(
        &mut self,
        inc: &Incoming,
        _did: &str,
        _sequence: u64,
        _effective: &str,
        _issued: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError> {
        if self.tried {
            return Ok(None);
        }
        Ok(
            accept_many(self.tx, self.s, std::slice::from_ref(inc), &[0])?
                .pop()
                .map(|(_, customer)| customer),
        )
    }
}

/// Runs `accept_many` for the files at `picked` (preference files of
/// distinct signers); returns the index of each file accepted, with its
/// customer.
fn accept_many(
    tx: &mut postgres::Transaction<'_>,
    s: &Stmts,
    batch: &[Incoming],
    picked: &[usize],
) -> Result<Vec<(usize, String)>, StoreError> {
    let mut dids = Vec::with_capacity(picked.len());
    let mut sequences = Vec::with_capacity(picked.len());
    let mut effectives = Vec::with_capacity(picked.len());
    let mut issueds = Vec::with_capacity(picked.len());
    let mut hashes = Vec::with_capacity(picked.len());
    let mut files = Vec::with_capacity(picked.len());
    let mut sources = Vec::with_capacity(picked.len());
    let mut sent = Vec::with_capacity(picked.len());
    for &n in picked {
        let inc = &batch[n];
        if let Verdict::Preferences {
            issuer,
            sequence,
            issued,
            effective,
        } = &inc.verdict
        {
            dids.push(issuer.as_str());
            sequences.push(*sequence as i64);
            effectives.push(effective.as_str());
            issueds.push(*issued);
            hashes.push(inc.sha256.as_str());
            files.push(inc.bytes.as_slice());
            sources.push(inc.source.as_str());
            sent.push(n);
        }
    }
    let Some(&first) = sent.first() else {
        return Ok(Vec::new());
    };
    let at = batch[first].received_at;
    let rows = tx.query(
        &s.accept_many,
        &[
            &dids,
            &sequences,
            &effectives,
            &issueds,
            &hashes,
            &files,
            &sources,
            &at,
        ],
    )?;
    rows.iter()
        .map(|r| {
            let pos: i64 = r.get(0);
            let n = usize::try_from(pos - 1)
                .ok()
                .and_then(|p| sent.get(p))
                .copied()
                .ok_or_else(|| StoreError::Corrupt(format!("no file at position {pos}")))?;
            Ok((n, r.get(1)))
        })
        .collect()
}

/// Whether another transaction got in the way, so trying again can succeed.
fn is_race(e: &StoreError) -> bool {
    let StoreError::Postgres(e) = e else {
        return false;
    };
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED
            || *c == SqlState::T_R_SERIALIZATION_FAILURE
            || *c == SqlState::UNIQUE_VIOLATION
    )
}

/// One batch in one transaction (see [`apply_file`] for `careful`). With
/// `fast`, the common case goes through `accept_many` first, the one
/// statement of the rule (see `store/rules.rs`); without, every file takes
/// the rules one by one.
fn apply_batch(
    client: &mut Client,
    s: &Stmts,
    batch: &[Incoming],
    tofu: bool,
    careful: bool,
    fast: bool,
) -> Result<Vec<Outcome>, StoreError> {
    let mut tx = client.transaction()?;
    let mut out: Vec<Option<Outcome>> = batch.iter().map(|_| None).collect();
    // The common case, an enrolled customer's newer file, for many files
    // in one statement; every other file (and any this one did not
    // accept) takes the rules one by one, after it, in the batch's order.
    let picked = match batch.first() {
        Some(first) if fast && !careful => first_of_each_signer(batch, first.received_at),
        _ => Vec::new(),
    };
    for (n, customer) in accept_many(&mut tx, s, batch, &picked)? {
        if let Verdict::Preferences { sequence, .. } = &batch[n].verdict {
            out[n] = Some(Outcome::Accepted {
                customer,
                sequence: *sequence,
                rotation: false,
                enrolled: false,
            });
        }
    }
    {
        let mut t = PgTx {
            tx: &mut tx,
            s,
            tried: careful,
        };
        for (n, (slot, inc)) in out.iter_mut().zip(batch).enumerate() {
            if slot.is_none() {
                t.tried = careful || !fast || picked.binary_search(&n).is_ok();
                *slot = Some(apply_file(&mut t, inc, tofu, careful)?);
            }
        }
    }
    let out: Vec<Outcome> = out.into_iter().flatten().collect();
    note_changes(&mut tx, s, &changed_customers(&out), Utc::now())?;
    tx.commit()?;
    Ok(out)
}

fn state_from(r: &postgres::Row) -> StateRow {
    StateRow {
        customer: r.get(0),
        sequence: r.get::<_, i64>(1) as u64,
        effective: r.get(2),
        issued: r.get(3),
        sha256: r.get(4),
    }
}

const STATE_SELECT: &str =
    "SELECT customer_ref, sequence, effective, issued, file_sha256 FROM accepted_state";

impl Store for PgStore {
    fn config(&self) -> Result<Option<OrgConfig>, StoreError> {
        let mut c = self.conn();
        if !has_tables(&mut c.client)? {
            return Ok(None);
        }
        let Some(r) = c.client.query_opt(
            "SELECT org_id, name, default_policy, tofu FROM org_config",
            &[],
        )?
        else {
            return Ok(None);
        };
        let id: String = r.get(0);
        let default: String = r.get(2);
        Ok(Some(OrgConfig {
            id: regie_model::OrgId::parse(&id)
                .map_err(|e| StoreError::Corrupt(format!("organisation id: {e}")))?,
            name: r.get(1),
            default: DefaultPolicy::parse(&default)
                .ok_or_else(|| StoreError::Corrupt(format!("default policy '{default}'")))?,
            tofu: r.get(3),
        }))
    }

    fn init(&self, config: &OrgConfig, at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut c = self.conn();
        let mut tx = c.client.transaction()?;
        if let Some(s) = &self.schema {
            // In the same transaction as the tables: a failed init leaves
            // no schema.
            tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {s}"))?;
        }
        tx.batch_execute(&schema::POSTGRES.tables())?;
        tx.batch_execute(VERSION_TABLE)?;
        if let Some(r) = tx.query_opt("SELECT org_id FROM org_config", &[])? {
            return Err(StoreError::AlreadyInitialised(r.get(0)));
        }
        tx.execute("INSERT INTO org_schema (version) VALUES ($1)", &[&VERSION])?;
        tx.execute(
            "INSERT INTO org_config (singleton, org_id, name, default_policy, tofu, created_at)
             VALUES (1, $1, $2, $3, $4, $5)",
            &[
                &config.id.as_str(),
                &config.name,
                &config.default.as_str(),
                &config.tofu,
                &at,
            ],
        )?;
        tx.commit()?;
        c.stmts = None;
        Ok(())
    }

    fn enrol(&self, customers: &[(String, String)], at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut c = self.conn();
        let (client, s) = ready(&mut c)?;
        let mut tx = client.transaction()?;
        let by_did = tx.prepare("SELECT customer_ref FROM customers WHERE did = $1")?;
        let ins = tx.prepare(
            "INSERT INTO customers (customer_ref, did, enrolled_at) VALUES ($1, $2, $3)
             ON CONFLICT (customer_ref) DO UPDATE SET did = excluded.did",
        )?;
        for (customer, did) in customers {
            if let Some(r) = tx.query_opt(&s.retired_owner, &[did])? {
                return Err(StoreError::KeyRetired(r.get(0)));
            }
            match tx.query_opt(&by_did, &[did])? {
                Some(r) if r.get::<_, String>(0) != *customer => {
                    return Err(StoreError::DidTaken(r.get(0)))
                }
                Some(_) => {}
                None => {
                    tx.execute(&ins, &[customer, did, &at])?;
                }
            }
        }
        let refs: Vec<&str> = customers.iter().map(|(c, _)| c.as_str()).collect();
        note_changes(&mut tx, s, &refs, at)?;
        tx.commit()?;
        Ok(())
    }

    fn apply(&self, batch: &[Incoming], tofu: bool) -> Result<Vec<Outcome>, StoreError> {
        self.apply_batch(batch, tofu, true)
    }

    fn state(&self, customer: &str) -> Result<Option<StateRow>, StoreError> {
        let mut c = self.conn();
        Ok(c.client
            .query_opt(
                &format!("{STATE_SELECT} WHERE customer_ref = $1"),
                &[&customer],
            )?
            .map(|r| state_from(&r)))
    }

    fn states(&self) -> Result<Vec<StateRow>, StoreError> {
        let mut c = self.conn();
        Ok(c.client
            .query(&format!("{STATE_SELECT} ORDER BY customer_ref"), &[])?
            .iter()
            .map(state_from)
            .collect())
    }

    fn customers(&self) -> Result<Vec<CustomerRow>, StoreError> {
        let mut c = self.conn();
        Ok(c.client
            .query(
                "SELECT customer_ref, did, enrolled_at FROM customers ORDER BY customer_ref",
                &[],
            )?
            .iter()
            .map(|r| CustomerRow {
                customer: r.get(0),
                did: r.get(1),
                enrolled_at: r.get(2),
            })
            .collect())
    }

    fn has_customer(&self, customer: &str) -> Result<bool, StoreError> {
        let mut c = self.conn();
        Ok(c.client
            .query_opt(
                "SELECT 1 FROM customers WHERE customer_ref = $1",
                &[&customer],
            )?
            .is_some())
    }

    fn evidence(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let mut c = self.conn();
        Ok(c.client
            .query_opt("SELECT bytes FROM evidence WHERE sha256 = $1", &[&sha256])?
            .map(|r| r.get(0)))
    }

    fn record_send(&self, customer: &str, send: &Sent) -> Result<(), StoreError> {
        let mut c = self.conn();
        let (client, s) = ready(&mut c)?;
        let mut tx = client.transaction()?;
        tx.execute(
            "INSERT INTO sends (customer_ref, channel, kind, at) VALUES ($1, $2, $3, $4)",
            &[
                &customer,
                &send.channel.as_str(),
                &send.kind.as_str(),
                &send.at,
            ],
        )?;
        note_changes(&mut tx, s, &[customer], Utc::now())?;
        tx.commit()?;
        Ok(())
    }

    fn sends(
        &self,
        customer: Option<&str>,
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, Sent)>, StoreError> {
        let mut c = self.conn();
        let rows = match customer {
            Some(cu) => c.client.query(
                "SELECT customer_ref, channel, kind, at FROM sends
                 WHERE customer_ref = $1 AND at > $2 ORDER BY at",
                &[&cu, &since],
            )?,
            None => c.client.query(
                "SELECT customer_ref, channel, kind, at FROM sends WHERE at > $1 ORDER BY at",
                &[&since],
            )?,
        };
        rows.iter()
            .map(|r| {
                Ok((
                    r.get(0),
                    Sent {
                        channel: parse_channel(r.get(1))?,
                        kind: parse_kind(r.get(2))?,
                        at: r.get(3),
                    },
                ))
            })
            .collect()
    }

    fn history(&self, customer: Option<&str>) -> Result<Vec<HistoryRow>, StoreError> {
        let mut c = self.conn();
        let rows = c.client.query(
            "SELECT at, customer_ref, did, sequence, file_sha256, source, outcome, code,
                    detail_nl, detail_en, stored_sequence, os_error, taken_ref
             FROM history WHERE customer_ref = $1 OR $1 IS NULL ORDER BY id",
            &[&customer],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let sequence = r.get::<_, Option<i64>>(3).map(|s| s as u64);
                let columns = Columns {
                    detail_nl: r.get(8),
                    detail_en: r.get(9),
                    stored_sequence: r.get::<_, Option<i64>>(10).map(|s| s as u64),
                    os_error: r.get(11),
                    taken_ref: r.get(12),
                };
                HistoryRow {
                    at: r.get(0),
                    customer: r.get(1),
                    did: r.get(2),
                    sequence,
                    sha256: r.get(4),
                    source: r.get(5),
                    outcome: r.get(6),
                    reason: HistoryRow::reason_from(r.get(7), columns, sequence),
                }
            })
            .collect())
    }

    fn change_counter(&self) -> Result<u64, StoreError> {
        let mut c = self.conn();
        let n: i64 = c
            .client
            .query_one("SELECT n FROM change_counter", &[])?
            .get(0);
        Ok(n as u64)
    }

    fn changes_since(&self, after: u64) -> Result<Changes, StoreError> {
        let mut c = self.conn();
        // One statement, one snapshot: the counter and the log agree.
        let r = c.client.query_one(
            "SELECT c.n, c.pruned,
                    ARRAY(SELECT DISTINCT customer_ref FROM changes
                          WHERE n > $1 AND n <= c.n LIMIT $2),
                    (SELECT min(at) FROM changes WHERE n > $1 AND n <= c.n)
             FROM change_counter c",
            &[&(after as i64), &(super::MAX_CHANGED as i64 + 1)],
        )?;
        let (n, pruned): (i64, i64) = (r.get(0), r.get(1));
        let customers: Vec<String> = r.get(2);
        let oldest: Option<DateTime<Utc>> = r.get(3);
        let reset = after < pruned as u64 || customers.len() > super::MAX_CHANGED;
        Ok(Changes {
            upto: n as u64,
            customers: if reset { Vec::new() } else { customers },
            reset,
            oldest,
        })
    }

    fn wait_for_changes(&self, timeout: std::time::Duration) -> Result<(), StoreError> {
        let mut c = self.conn();
        if !c.listening {
            c.client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
            c.listening = true;
        }
        let mut n = c.client.notifications();
        if n.timeout_iter(timeout).next()?.is_some() {
            // Several commits may have notified: one look covers them all.
            while n.iter().next()?.is_some() {}
        }
        Ok(())
    }

    fn create_link_code(
        &self,
        code: &super::link::NewLinkCode,
    ) -> Result<super::link::CodeMade, StoreError> {
        link::create_code(&mut self.conn().client, code)
    }

    fn link(
        &self,
        request: &super::link::LinkRequestIn,
    ) -> Result<super::link::LinkOutcome, StoreError> {
        let mut c = self.conn();
        let (client, s) = ready(&mut c)?;
        link::link(client, s, request)
    }

    fn link_failures(
        &self,
        address: &str,
        did: &str,
        since: DateTime<Utc>,
    ) -> Result<super::link::LinkFailures, StoreError> {
        link::failures(&mut self.conn().client, address, did, since)
    }
}
