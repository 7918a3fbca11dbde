//! Opening the SQLCipher database: key, pragmas, migrations, the process lock.
//!
//! Opening never writes to a vault that does not open: the key is checked
//! with a read, and migrations run only after that read succeeded. A vault
//! that cannot be opened is left byte-identical.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::keys::DbKey;

/// Migrations, in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("schema/001_initial.sql"),
    include_str!("schema/002_export_state.sql"),
];

/// The newest schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Holds the vault's lock file for as long as the vault is open.
#[derive(Debug)]
pub(crate) struct ProcessLock {
    _file: File,
}

pub(crate) fn lock_path(vault: &Path) -> PathBuf {
    let mut p = vault.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

impl ProcessLock {
    /// Takes the lock, or says the vault is in use. A new lock file is
    /// owner-only like everything Regie makes; an existing one is kept.
    pub(crate) fn take(vault: &Path) -> Result<ProcessLock> {
        let path = lock_path(vault);
        let file = match crate::files::create_new(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                OpenOptions::new().write(true).open(&path)
            }
            made => made,
        }
        .map_err(|e| Error::io(&path, e))?;
        // A lock released a moment ago can still be held for a moment by a
        // child process this process is starting (between fork and exec it
        // shares the lock's file description), so "in use" is only believed
        // after a quarter of a second.
        let start = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(ProcessLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock)
                    if start.elapsed() < std::time::Duration::from_millis(250) =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(Error::VaultInUse),
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
    }
}

/// Opens a connection with the key and checks that the key fits by reading
/// the schema. `create` allows a new file. `key` is `None` only for the
/// benchmark that measures SQLCipher's overhead against plain SQLite.
pub(crate) fn connect(path: &Path, key: Option<&DbKey>, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    // SQLCipher logs failed HMAC checks to stderr; the error we return says it.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    if let Some(key) = key {
        conn.pragma_update(None, "key", &*key.pragma_value())?;
    }
    // The first read decides: wrong key or damaged header fails here, before
    // anything is written.
    let _: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Keep up to 32 MiB of decrypted pages (SQLite's default is 2 MiB), so
    // the overview of a large vault is decrypted once, not on every read.
    conn.pragma_update(None, "cache_size", -32 * 1024)?;
    conn.busy_timeout(std::time::Duration::from_millis(0))?;
    Ok(conn)
}

/// Brings the schema up to date. Each migration runs in one transaction
/// together with its `user_version`.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Error::VaultTooNew {
            found: current,
            known: SCHEMA_VERSION,
        });
    }
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
