//! The embedded store: one SQLite file, in WAL mode, one writer at a time.

use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rusqlite::{params, CachedStatement, Connection, OptionalExtension, TransactionBehavior};

use super::{
    apply_file, changed_customers, fmt_time, parse_channel, parse_kind, parse_time, schema,
    Changes, CustomerRow, HistoryRow, Incoming, OrgConfig, Outcome, StateRow, Store, StoreError,
    Tx,
};
use crate::check::{DefaultPolicy, Sent};
use crate::reject::Columns;

mod link;

/// The schema version this program writes (`PRAGMA user_version`; 0 is
/// the first version, before it was counted).
const VERSION: i64 = 4;

/// An SQLite file (SQLCipher's build of SQLite, used without a key).
pub struct SqliteStore {
    conn: Mutex<Connection>,
    /// The last `PRAGMA data_version` seen by [`Store::wait_for_changes`].
    data_version: Mutex<Option<i64>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SqliteStore")
    }
}

impl SqliteStore {
    /// Opens (or creates) the file. On Unix a new file is made here,
    /// readable by its owner only (0600) whatever the umask, before SQLite
    /// opens it: it holds every customer's signed files, and SQLite would
    /// make it 0644 less the umask. Its -wal and -shm files take its mode.
    /// An existing file keeps its mode.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Ok(SqliteStore::create(path.as_ref())?.0)
    }

    /// Opens the file as [`SqliteStore::open`] does, and says whether this
    /// call made it (so that a failed `init` can take it away again).
    pub(crate) fn create(path: &Path) -> Result<(Self, bool), StoreError> {
        let mut made = false;
        #[cfg(unix)]
        if !is_special(path) {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            let cannot_create = |source: std::io::Error| StoreError::CannotCreate {
                path: crate::text::path(path),
                source,
            };
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path);
            match file {
                Ok(file) => {
                    made = true;
                    if let Err(e) = file.set_permissions(std::fs::Permissions::from_mode(0o600)) {
                        let _ = std::fs::remove_file(path);
                        return Err(cannot_create(e));
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(cannot_create(e)),
            }
        }
        let opened = Connection::open(path)
            .map_err(StoreError::from)
            .and_then(SqliteStore::ready);
        match opened {
            Ok(store) => Ok((store, made)),
            Err(e) => {
                if made {
                    remove_files(path);
                }
                Err(e)
            }
        }
    }

    /// Opens a database that `init` set up, and never creates one: a path
    /// where nothing is, or a file without regie-org's tables, is
    /// [`StoreError::NotInitialised`], and is left as it was (nothing is
    /// written before the tables are found).
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        use rusqlite::OpenFlags;
        let path = path.as_ref();
        if !is_special(path) {
            let cannot_open = |source: std::io::Error| StoreError::CannotOpen {
                path: crate::text::path(path),
                source,
            };
            match std::fs::metadata(path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(StoreError::NotInitialised)
                }
                Err(e) => return Err(cannot_open(e)),
                Ok(m) if m.is_dir() => {
                    return Err(cannot_open(std::io::Error::from(
                        std::io::ErrorKind::IsADirectory,
                    )))
                }
                Ok(_) => {}
            }
        }
        // Without SQLITE_OPEN_CREATE: a file that went away in the
        // meantime is not made again.
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        if !has_tables(&conn)? {
            return Err(StoreError::NotInitialised);
        }
        SqliteStore::ready(conn)
    }

    /// The connection's settings, and the schema brought up to date.
    fn ready(mut conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // 8 KiB pages for a new file (no effect on an existing one): a
        // signed file of about 2.4 KB leaves most of a 4 KiB page empty,
        // three fill an 8 KiB one, so an import writes a third fewer pages.
        conn.pragma_update(None, "page_size", 8192)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 64 MiB of page cache: the did and hash indexes are looked up at
        // random on every import.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.set_prepared_statement_cache_capacity(32);
        upgrade(&mut conn)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            data_version: Mutex::new(None),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite itself consistent
        // (the transaction rolls back), so the connection stays usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// An in-memory database or an SQLite URI, which are no plain file.
fn is_special(path: &Path) -> bool {
    path == Path::new(":memory:") || path.to_string_lossy().starts_with("file:")
}

/// Removes a database file this program made, with the files SQLite keeps
/// beside it, after a failed `init`: a failed command leaves no file.
pub(crate) fn remove_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(&p);
    }
}

fn has_tables(c: &Connection) -> Result<bool, StoreError> {
    Ok(c.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'org_config'",
        [],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// Brings a database made by an earlier version up to [`VERSION`], in
/// one transaction (a second process waits, then finds it done). Version 2
/// adds the tables of version 2 (see [`super::schema`]) and reads the decisions and sensitive
/// categories of every accepted file back from its evidence; version 3
/// moves the facts of each rejection out of its English message into
/// columns ([`to_v3`]); version 4 adds the tables of link codes.
fn upgrade(conn: &mut Connection) -> Result<(), StoreError> {
    let version = |c: &Connection| c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
    if version(conn)? >= VERSION || !has_tables(conn)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = version(&tx)?;
    if from >= VERSION {
        return Ok(());
    }
    if from < 2 {
        to_v2(&tx)?;
    }
    to_v3(&tx)?;
    // Version 4: the link codes and failed link attempts (new tables).
    tx.execute_batch(&schema::SQLITE.tables_v4())?;
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Version 2: its tables (see [`super::schema`]), and the decisions and sensitive
/// categories of every accepted file read back from its evidence.
fn to_v2(tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(&schema::SQLITE.tables_v2())?;
    let org: String = tx.query_row("SELECT org_id FROM org_config", [], |r| r.get(0))?;
    let rows: Vec<(String, String, Vec<u8>)> = {
        let mut st = tx.prepare(
            "SELECT s.customer_ref, s.effective, e.bytes FROM accepted_state s
             JOIN evidence e ON e.sha256 = s.file_sha256 WHERE s.effective IS NOT NULL",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (customer, effective, evidence) in rows {
        if let Some(e) = crate::import::upgrade_effective(&org, &effective, &evidence) {
            tx.execute(
                "UPDATE accepted_state SET effective = ?2 WHERE customer_ref = ?1",
                params![customer, e],
            )?;
        }
    }
    Ok(())
}

/// Version 3: the columns of [`schema::COLUMNS_V3`], filled by reading each
/// rejection's English message once
/// ([`crate::reject::Rejection::columns_from_v2`]), which then goes.
fn to_v3(tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
    let have: Vec<String> = {
        let mut st = tx.prepare("SELECT name FROM pragma_table_info('history')")?;
        let names = st.query_map([], |r| r.get(0))?;
        names.collect::<Result<_, _>>()?
    };
    for (name, kind) in schema::COLUMNS_V3 {
        if !have.iter().any(|h| h == name) {
            let ty = schema::SQLITE.column(kind);
            tx.execute_batch(&format!("ALTER TABLE history ADD COLUMN {name} {ty}"))?;
        }
    }
    if !have.iter().any(|h| h == "message") {
        return Ok(());
    }
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = {
        let mut st =
            tx.prepare("SELECT id, code, message, did FROM history WHERE code IS NOT NULL")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut update = tx.prepare(
        "UPDATE history SET detail_nl = ?2, detail_en = ?3, stored_sequence = ?4,
                os_error = ?5, taken_ref = ?6 WHERE id = ?1",
    )?;
    for (id, code, message, did) in rows {
        let c = crate::reject::Rejection::columns_from_v2(
            &code,
            message.as_deref().unwrap_or_default(),
            did.as_deref(),
        );
        update.execute(params![
            id,
            c.detail_nl,
            c.detail_en,
            c.stored_sequence.map(|n| n as i64),
            c.os_error,
            c.taken_ref
        ])?;
    }
    drop(update);
    tx.execute_batch("ALTER TABLE history DROP COLUMN message")?;
    Ok(())
}

/// Records that these customers changed, for other processes that follow
/// the log (see [`Store::changes_since`]); prunes the old log now and then.
/// `at` is the time of the write (not of the files'), so the log is pruned
/// by age even while one long import runs.
fn note_changes(
    tx: &rusqlite::Transaction<'_>,
    customers: &[&str],
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    if customers.is_empty() {
        return Ok(());
    }
    let n: i64 = tx
        .prepare_cached("UPDATE change_counter SET n = n + 1 RETURNING n")?
        .query_row([], |r| r.get(0))?;
    let at_text = fmt_time(at);
    {
        let mut ins =
            tx.prepare_cached("INSERT INTO changes (n, customer_ref, at) VALUES (?1, ?2, ?3)")?;
        for c in customers {
            ins.execute(params![n, c, at_text])?;
        }
    }
    if super::prune_now(n as u64) {
        // The log's first change young enough to keep, found by walking the
        // log in order from its oldest row: the rows walked are the ones
        // deleted next.
        let cutoff = fmt_time(at - super::CHANGES_KEPT);
        let keep_from: Option<i64> = tx
            .query_row(
                "SELECT n FROM changes WHERE at >= ?1 ORDER BY n LIMIT 1",
                [&cutoff],
                |r| r.get(0),
            )
            .optional()?;
        let upto = keep_from.map_or(n, |k| k - 1);
        tx.execute("DELETE FROM changes WHERE n <= ?1", [upto])?;
        tx.execute("UPDATE change_counter SET pruned = max(pruned, ?1)", [upto])?;
    }
    Ok(())
}

struct SqlTx<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    time: TimeText,
    /// The statements this transaction has used, by their text's address and length:
    /// looking one up in the connection's cache hashes the whole SQL text,
    /// which costs more than running the small statements themselves.
    stmts: Vec<((usize, usize), CachedStatement<'a>)>,
}

/// A statement of this transaction, prepared (or taken from the
/// connection's cache) on first use.
fn stmt<'s, 'a>(
    stmts: &'s mut Vec<((usize, usize), CachedStatement<'a>)>,
    tx: &'a rusqlite::Transaction<'a>,
    sql: &'static str,
) -> Result<&'s mut CachedStatement<'a>, StoreError> {
    let key = (sql.as_ptr() as usize, sql.len());
    let i = match stmts.iter().position(|(k, _)| *k == key) {
        Some(i) => i,
        None => {
            stmts.push((key, tx.prepare_cached(sql)?));
            stmts.len() - 1
        }
    };
    Ok(&mut stmts[i].1)
}

/// The stored form of the last time formatted: a batch's files share their
/// reception time, so it is formatted once, not three times per file.
#[derive(Default)]
struct TimeText(Option<(DateTime<Utc>, String)>);

impl TimeText {
    fn get(&mut self, t: DateTime<Utc>) -> &str {
        if !matches!(&self.0, Some((at, _)) if *at == t) {
            self.0 = Some((t, fmt_time(t)));
        }
        self.0.as_ref().map_or("", |(_, s)| s.as_str())
    }
}

impl<'a> Tx for SqlTx<'a> {
    fn customer_by_did(&mut self, did: &str) -> Result<Option<String>, StoreError> {
        Ok(stmt(
            &mut self.stmts,
            self.tx,
            "SELECT customer_ref FROM customers WHERE did = ?1",
        )?
        .query_row([did], |r| r.get(0))
        .optional()?)
    }

    fn insert_customer(
        &mut self,
        customer: &str,
        did: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        stmt(
            &mut self.stmts,
            self.tx,
            "INSERT INTO customers (customer_ref, did, enrolled_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
        )?
        .execute(params![customer, did, self.time.get(at)])?;
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
        let n = stmt(
            &mut self.stmts,
            self.tx,
            "INSERT INTO accepted_state
                   (customer_ref, sequence, effective, issued, file_sha256, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (customer_ref) DO UPDATE SET
                   sequence = excluded.sequence,
                   effective = coalesce(excluded.effective, accepted_state.effective),
                   issued = excluded.issued,
                   file_sha256 = excluded.file_sha256,
                   updated_at = excluded.updated_at
                 WHERE accepted_state.sequence < excluded.sequence",
        )?
        .execute(params![
            customer,
            sequence as i64,
            effective,
            fmt_time(issued),
            sha256,
            self.time.get(at)
        ])?;
        Ok(n == 1)
    }

    fn state_of(&mut self, customer: &str) -> Result<Option<(u64, String)>, StoreError> {
        Ok(stmt(
            &mut self.stmts,
            self.tx,
            "SELECT sequence, file_sha256 FROM accepted_state WHERE customer_ref = ?1",
        )?
        .query_row([customer], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))
        .optional()?)
    }

    fn has_evidence(&mut self, sha256: &str) -> Result<bool, StoreError> {
        Ok(stmt(
            &mut self.stmts,
            self.tx,
            "SELECT 1 FROM evidence WHERE sha256 = ?1",
        )?
        .query_row([sha256], |_| Ok(()))
        .optional()?
        .is_some())
    }

    fn insert_evidence(
        &mut self,
        sha256: &str,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        stmt(
            &mut self.stmts,
            self.tx,
            "INSERT INTO evidence (sha256, bytes, received_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
        )?
        .execute(params![sha256, bytes, self.time.get(at)])?;
        Ok(())
    }

    fn insert_history(&mut self, h: &HistoryRow) -> Result<(), StoreError> {
        let (code, c) = h.columns();
        stmt(
            &mut self.stmts,
            self.tx,
            "INSERT INTO history
                   (at, customer_ref, did, sequence, file_sha256, source, outcome, code,
                    detail_nl, detail_en, stored_sequence, os_error, taken_ref)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            self.time.get(h.at),
            h.customer,
            h.did,
            h.sequence.map(|s| s as i64),
            h.sha256,
            h.source,
            h.outcome,
            code,
            c.detail_nl,
            c.detail_en,
            c.stored_sequence.map(|n| n as i64),
            c.os_error,
            c.taken_ref
        ])?;
        Ok(())
    }

    fn rebind(&mut self, customer: &str, did: &str) -> Result<(), StoreError> {
        stmt(
            &mut self.stmts,
            self.tx,
            "UPDATE customers SET did = ?2 WHERE customer_ref = ?1",
        )?
        .execute(params![customer, did])?;
        Ok(())
    }

    fn retired_owner(&mut self, did: &str) -> Result<Option<String>, StoreError> {
        Ok(stmt(
            &mut self.stmts,
            self.tx,
            "SELECT customer_ref FROM retired_keys WHERE did = ?1",
        )?
        .query_row([did], |r| r.get(0))
        .optional()?)
    }

    fn retire(&mut self, did: &str, customer: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        stmt(
            &mut self.stmts,
            self.tx,
            "INSERT INTO retired_keys (did, customer_ref, retired_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
        )?
        .execute(params![did, customer, self.time.get(at)])?;
        Ok(())
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.tx.execute_batch(sql)?;
        Ok(())
    }
}

/// One batch in one transaction (see [`apply_file`] for `careful`).
fn apply_batch(
    c: &mut Connection,
    batch: &[Incoming],
    tofu: bool,
    careful: bool,
) -> Result<Vec<Outcome>, StoreError> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut out = Vec::with_capacity(batch.len());
    {
        let mut t = SqlTx {
            tx: &tx,
            time: TimeText::default(),
            stmts: Vec::new(),
        };
        for inc in batch {
            out.push(apply_file(&mut t, inc, tofu, careful)?);
        }
    }
    note_changes(&tx, &changed_customers(&out), Utc::now())?;
    tx.commit()?;
    Ok(out)
}

fn state_row(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(String, i64, Option<String>, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_state(
    (customer, sequence, effective, issued, sha256): (String, i64, Option<String>, String, String),
) -> Result<StateRow, StoreError> {
    Ok(StateRow {
        customer,
        sequence: sequence as u64,
        effective,
        issued: parse_time(&issued)?,
        sha256,
    })
}

const STATE_SELECT: &str =
    "SELECT customer_ref, sequence, effective, issued, file_sha256 FROM accepted_state";

impl Store for SqliteStore {
    fn config(&self) -> Result<Option<OrgConfig>, StoreError> {
        let c = self.conn();
        if !has_tables(&c)? {
            return Ok(None);
        }
        let row = c
            .query_row(
                "SELECT org_id, name, default_policy, tofu FROM org_config",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, bool>(3)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, name, default, tofu)) = row else {
            return Ok(None);
        };
        Ok(Some(OrgConfig {
            id: regie_model::OrgId::parse(&id)
                .map_err(|e| StoreError::Corrupt(format!("organisation id: {e}")))?,
            name,
            default: DefaultPolicy::parse(&default)
                .ok_or_else(|| StoreError::Corrupt(format!("default policy '{default}'")))?,
            tofu,
        }))
    }

    fn init(&self, config: &OrgConfig, at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut c = self.conn();
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(&schema::SQLITE.tables())?;
        tx.pragma_update(None, "user_version", VERSION)?;
        let existing: Option<String> = tx
            .query_row("SELECT org_id FROM org_config", [], |r| r.get(0))
            .optional()?;
        if let Some(org) = existing {
            return Err(StoreError::AlreadyInitialised(org));
        }
        tx.execute(
            "INSERT INTO org_config (singleton, org_id, name, default_policy, tofu, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![
                config.id.as_str(),
                config.name,
                config.default.as_str(),
                config.tofu,
                fmt_time(at)
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn enrol(&self, customers: &[(String, String)], at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut c = self.conn();
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut by_did =
                tx.prepare_cached("SELECT customer_ref FROM customers WHERE did = ?1")?;
            let mut ins = tx.prepare_cached(
                "INSERT INTO customers (customer_ref, did, enrolled_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (customer_ref) DO UPDATE SET did = excluded.did",
            )?;
            let mut retired =
                tx.prepare_cached("SELECT customer_ref FROM retired_keys WHERE did = ?1")?;
            for (customer, did) in customers {
                if let Some(o) = retired.query_row([did], |r| r.get(0)).optional()? {
                    return Err(StoreError::KeyRetired(o));
                }
                let owner: Option<String> = by_did.query_row([did], |r| r.get(0)).optional()?;
                match owner {
                    Some(o) if o != *customer => return Err(StoreError::DidTaken(o)),
                    Some(_) => {}
                    None => {
                        ins.execute(params![customer, did, fmt_time(at)])?;
                    }
                }
            }
        }
        let refs: Vec<&str> = customers.iter().map(|(c, _)| c.as_str()).collect();
        note_changes(&tx, &refs, at)?;
        tx.commit()?;
        Ok(())
    }

    fn apply(&self, batch: &[Incoming], tofu: bool) -> Result<Vec<Outcome>, StoreError> {
        let mut c = self.conn();
        match apply_batch(&mut c, batch, tofu, false) {
            Err(e) if e.is_data_error() => apply_batch(&mut c, batch, tofu, true),
            other => other,
        }
    }

    fn state(&self, customer: &str) -> Result<Option<StateRow>, StoreError> {
        let c = self.conn();
        let row = c
            .prepare_cached(&format!("{STATE_SELECT} WHERE customer_ref = ?1"))?
            .query_row([customer], state_row)
            .optional()?;
        row.map(to_state).transpose()
    }

    fn states(&self) -> Result<Vec<StateRow>, StoreError> {
        let c = self.conn();
        let mut st = c.prepare(&format!("{STATE_SELECT} ORDER BY customer_ref"))?;
        let rows = st.query_map([], state_row)?;
        rows.map(|r| to_state(r?)).collect()
    }

    fn customers(&self) -> Result<Vec<CustomerRow>, StoreError> {
        let c = self.conn();
        let mut st = c.prepare(
            "SELECT customer_ref, did, enrolled_at FROM customers ORDER BY customer_ref",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        rows.map(|r| {
            let (customer, did, at) = r?;
            Ok(CustomerRow {
                customer,
                did,
                enrolled_at: parse_time(&at)?,
            })
        })
        .collect()
    }

    fn has_customer(&self, customer: &str) -> Result<bool, StoreError> {
        let c = self.conn();
        let found = c
            .prepare_cached("SELECT 1 FROM customers WHERE customer_ref = ?1")?
            .query_row([customer], |_| Ok(()))
            .optional()?;
        Ok(found.is_some())
    }

    fn evidence(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let c = self.conn();
        let bytes = c
            .prepare_cached("SELECT bytes FROM evidence WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?;
        Ok(bytes)
    }

    fn record_send(&self, customer: &str, send: &Sent) -> Result<(), StoreError> {
        let mut c = self.conn();
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.prepare_cached(
            "INSERT INTO sends (customer_ref, channel, kind, at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            customer,
            send.channel.as_str(),
            send.kind.as_str(),
            fmt_time(send.at)
        ])?;
        note_changes(&tx, &[customer], Utc::now())?;
        tx.commit()?;
        Ok(())
    }

    fn sends(
        &self,
        customer: Option<&str>,
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, Sent)>, StoreError> {
        let c = self.conn();
        let mut st = c.prepare_cached(if customer.is_some() {
            "SELECT customer_ref, channel, kind, at FROM sends
             WHERE customer_ref = ?1 AND at > ?2 ORDER BY at"
        } else {
            "SELECT customer_ref, channel, kind, at FROM sends
             WHERE ?1 IS NULL AND at > ?2 ORDER BY at"
        })?;
        let rows = st.query_map(params![customer, fmt_time(since)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        rows.map(|r| {
            let (customer, ch, kind, at) = r?;
            Ok((
                customer,
                Sent {
                    at: parse_time(&at)?,
                    channel: parse_channel(&ch)?,
                    kind: parse_kind(&kind)?,
                },
            ))
        })
        .collect()
    }

    fn history(&self, customer: Option<&str>) -> Result<Vec<HistoryRow>, StoreError> {
        let c = self.conn();
        let mut st = c.prepare_cached(
            "SELECT at, customer_ref, did, sequence, file_sha256, source, outcome, code,
                    detail_nl, detail_en, stored_sequence, os_error, taken_ref
             FROM history WHERE customer_ref = ?1 OR ?1 IS NULL ORDER BY id",
        )?;
        let rows = st.query_map([customer], |r| {
            let sequence = r.get::<_, Option<i64>>(3)?.map(|s| s as u64);
            let columns = Columns {
                detail_nl: r.get(8)?,
                detail_en: r.get(9)?,
                stored_sequence: r.get::<_, Option<i64>>(10)?.map(|s| s as u64),
                os_error: r.get(11)?,
                taken_ref: r.get(12)?,
            };
            Ok((
                r.get::<_, String>(0)?,
                HistoryRow {
                    at: DateTime::<Utc>::MIN_UTC,
                    customer: r.get(1)?,
                    did: r.get(2)?,
                    sequence,
                    sha256: r.get(4)?,
                    source: r.get(5)?,
                    outcome: r.get(6)?,
                    reason: HistoryRow::reason_from(r.get(7)?, columns, sequence),
                },
            ))
        })?;
        rows.map(|r| {
            let (at, mut row) = r?;
            row.at = parse_time(&at)?;
            Ok(row)
        })
        .collect()
    }

    fn change_counter(&self) -> Result<u64, StoreError> {
        let c = self.conn();
        let n: i64 = c.query_row("SELECT n FROM change_counter", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    fn changes_since(&self, after: u64) -> Result<Changes, StoreError> {
        let mut c = self.conn();
        // One read transaction: the counter and the log from one snapshot.
        let tx = c.transaction()?;
        let (n, pruned): (i64, i64) =
            tx.query_row("SELECT n, pruned FROM change_counter", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let (n, pruned) = (n as u64, pruned as u64);
        if after < pruned {
            return Ok(Changes {
                upto: n,
                customers: Vec::new(),
                reset: true,
                oldest: None,
            });
        }
        let mut st = tx.prepare_cached(
            "SELECT DISTINCT customer_ref FROM changes WHERE n > ?1 AND n <= ?2 LIMIT ?3",
        )?;
        let customers: Vec<String> = st
            .query_map(
                params![after as i64, n as i64, super::MAX_CHANGED as i64 + 1],
                |r| r.get(0),
            )?
            .collect::<Result<_, _>>()?;
        let reset = customers.len() > super::MAX_CHANGED;
        let oldest = if n > after {
            let at: Option<String> = tx
                .prepare_cached("SELECT min(at) FROM changes WHERE n > ?1 AND n <= ?2")?
                .query_row(params![after as i64, n as i64], |r| r.get(0))?;
            at.as_deref().map(parse_time).transpose()?
        } else {
            None
        };
        Ok(Changes {
            upto: n,
            customers: if reset { Vec::new() } else { customers },
            reset,
            oldest,
        })
    }

    fn wait_for_changes(&self, timeout: std::time::Duration) -> Result<(), StoreError> {
        // `data_version` changes when another connection commits: polling
        // it costs no read of the database.
        let start = std::time::Instant::now();
        let mut seen = self.data_version.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let v: i64 = self
                .conn()
                .query_row("PRAGMA data_version", [], |r| r.get(0))?;
            let changed = seen.is_some_and(|s| s != v);
            *seen = Some(v);
            if changed || start.elapsed() >= timeout {
                return Ok(());
            }
            std::thread::sleep(POLL.min(timeout));
        }
    }

    fn create_link_code(
        &self,
        code: &super::link::NewLinkCode,
    ) -> Result<super::link::CodeMade, StoreError> {
        link::create_code(&mut self.conn(), code)
    }

    fn link(
        &self,
        request: &super::link::LinkRequestIn,
    ) -> Result<super::link::LinkOutcome, StoreError> {
        link::link(&mut self.conn(), request)
    }

    fn link_failures(
        &self,
        address: &str,
        did: &str,
        since: DateTime<Utc>,
    ) -> Result<super::link::LinkFailures, StoreError> {
        link::failures(&self.conn(), address, did, since)
    }
}

/// How often [`Store::wait_for_changes`] looks at `data_version`.
const POLL: std::time::Duration = std::time::Duration::from_millis(20);
