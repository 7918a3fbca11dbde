//! Opening the SQLCipher database: what is at the path, key, pragmas,
//! migrations, the process lock.
//!
//! Opening never writes to a vault that does not open: the key is checked
//! with a read, and migrations run only after that read succeeded. A vault
//! that cannot be opened is left byte-identical.
//!
//! Every failure says its real cause, because the advice follows from it:
//! a person told "damaged, restore a backup" may overwrite a healthy vault
//! with an older one. So what is at the path is looked at first
//! ([`inspect`]: nothing, a folder, an empty file, an ordinary database, a
//! file Regie may not read), and a vault that Regie may read but not write
//! is opened read-only ([`Access::ReadOnly`]): reading works, writing says
//! so. A first read that fails with the right key is only called damage when
//! SQLCipher's page check proves it ([`diagnose`]): some pages pass and
//! some fail. When no page passes, the key is not this file's, or the file
//! is not a vault at all.
//!
//! A read-only vault is opened without creating anything beside it: no
//! lock file if none can be made, and SQLite's `-wal` and `-shm` are not
//! made when the file holds everything (`immutable`); only when a writer
//! left a write-ahead log behind is the log read, as SQLite needs it.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Damage, Error, Found, Result};
use crate::keys::DbKey;

/// Migrations, in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("schema/001_initial.sql"),
    include_str!("schema/002_export_state.sql"),
    include_str!("schema/003_delivery.sql"),
    include_str!("schema/004_requests.sql"),
];

/// The newest schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// SQLCipher's page size (its default, which Regie keeps).
const PAGE_SIZE: u64 = 4096;

/// Whether the vault can be written, as far as this user and the disk allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Reading and writing.
    ReadWrite,
    /// Reading only: the file, its folder or the disk is read-only here.
    ReadOnly,
}

/// Looks at what is at a vault's path before anything opens it: the vault
/// must be an ordinary file Regie may read, not empty, and not an ordinary
/// (unencrypted) SQLite database. Returns whether it can also be written.
pub(crate) fn inspect(path: &Path) -> Result<Access> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::VaultNotFound(path.to_owned()))
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    let not_a_vault = |found| Error::NotAVault {
        path: path.to_owned(),
        found,
    };
    if meta.is_dir() {
        return Err(not_a_vault(Found::Folder));
    }
    if !meta.is_file() {
        return Err(not_a_vault(Found::NotAFile));
    }
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = [0u8; 16];
    let n = read_up_to(&mut file, &mut head).map_err(|e| Error::io(path, e))?;
    if n == 0 {
        return Err(not_a_vault(Found::Empty));
    }
    if n == head.len() && &head == b"SQLite format 3\0" {
        return Err(not_a_vault(Found::PlainDatabase));
    }
    Ok(writable(path))
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Whether this user may write the vault file and create files beside it
/// (SQLite's `-wal` and `-shm`). Asked of the operating system, which
/// knows about modes, owners, read-only disks and immutable files; nothing
/// is written to find out.
fn writable(path: &Path) -> Access {
    let dir = folder_of(path);
    let may_write = |p: &Path| rustix::fs::access(p, rustix::fs::Access::WRITE_OK).is_ok();
    // `access` answers for the real user; an immutable file or a read-only
    // disk is caught by opening for writing, which changes nothing.
    let file_ok = may_write(path) && OpenOptions::new().write(true).open(path).is_ok();
    if file_ok && may_write(dir) {
        Access::ReadWrite
    } else {
        Access::ReadOnly
    }
}

/// The folder a file is in (`.` for a bare name).
pub(crate) fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Holds the vault's lock file for as long as the vault is open.
#[derive(Debug)]
pub(crate) struct ProcessLock {
    _file: Option<File>,
    /// The lock file, if this call created it (so a failed open can remove
    /// it again and leave the folder as it was).
    created: Option<PathBuf>,
}

pub(crate) fn lock_path(vault: &Path) -> PathBuf {
    let mut p = vault.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

impl ProcessLock {
    /// Takes the lock, or says the vault is in use. A new lock file is
    /// owner-only like everything Regie makes; an existing one is kept.
    ///
    /// A read-only vault takes a shared lock on an existing lock file (other
    /// readers may share it; a writer may not), and none where no lock file
    /// exists and none can be made: then only SQLite's own locks protect the
    /// reads.
    pub(crate) fn take(vault: &Path, access: Access) -> Result<ProcessLock> {
        let path = lock_path(vault);
        // A lock released a moment ago can still be held for a moment by a
        // child process this process is starting (between fork and exec it
        // shares the lock's file description), so "in use" is only believed
        // after a quarter of a second.
        let start = std::time::Instant::now();
        loop {
            let (file, created) = match crate::files::create_new(&path) {
                Ok(f) => (f, true),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let opened = match access {
                        Access::ReadWrite => OpenOptions::new().write(true).open(&path),
                        Access::ReadOnly => File::open(&path),
                    };
                    match opened {
                        Ok(f) => (f, false),
                        // Removed in the meantime: try again.
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                        // Another user's lock file, say: read without it.
                        Err(_) if access == Access::ReadOnly => {
                            return Ok(ProcessLock {
                                _file: None,
                                created: None,
                            })
                        }
                        Err(e) => return Err(Error::io(&path, e)),
                    }
                }
                Err(_) if access == Access::ReadOnly => {
                    return Ok(ProcessLock {
                        _file: None,
                        created: None,
                    })
                }
                Err(e) => return Err(Error::io(&path, e)),
            };
            let locked = match access {
                Access::ReadWrite => file.try_lock(),
                Access::ReadOnly => file.try_lock_shared(),
            };
            match locked {
                Ok(()) => {
                    // The lock counts only if the file locked is still the
                    // one at the path: a failed open removes a lock file it
                    // made, and a process that opened it just before must
                    // not believe it holds the vault.
                    if same_file(&file, &path) {
                        return Ok(ProcessLock {
                            _file: Some(file),
                            created: created.then(|| path.clone()),
                        });
                    }
                }
                Err(std::fs::TryLockError::WouldBlock)
                    if start.elapsed() < std::time::Duration::from_millis(250) =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    if created {
                        let _ = std::fs::remove_file(&path);
                    }
                    return Err(Error::VaultInUse);
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
    }

    /// Gives up the lock after a failed open, removing the lock file if this
    /// open made it (while still holding it, so no other process can hold a
    /// lock on the removed file and believe it has the vault).
    pub(crate) fn abandon(self) {
        if let Some(p) = &self.created {
            let _ = std::fs::remove_file(p);
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// A path as an SQLite URI (`file:` with `%`, `?` and `#` escaped), for
/// the read-only parameters that only a URI can give.
fn uri(path: &Path, params: &str) -> String {
    let mut s = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => s.push_str("%25"),
            '?' => s.push_str("%3f"),
            '#' => s.push_str("%23"),
            c => s.push(c),
        }
    }
    s.push('?');
    s.push_str(params);
    s
}

/// Whether SQLite's write-ahead log beside the vault holds anything.
fn has_log(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

/// Opens a connection read-only without creating anything beside the file:
/// as `immutable` when the file holds everything, else (a log was left
/// behind) as an ordinary reader, which needs the log.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let params = if has_log(path) {
        "mode=ro"
    } else {
        "mode=ro&immutable=1"
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Ok(Connection::open_with_flags(uri(path, params), flags)?)
}

/// Opens a connection with the key and checks that the key fits by reading
/// the schema. `create` allows a new file. `key` is `None` only for the
/// benchmark that measures SQLCipher's overhead against plain SQLite.
///
/// A first read that fails is looked into ([`diagnose`]) before it is
/// named: damage only when a check proves it.
pub(crate) fn connect(
    path: &Path,
    key: Option<&DbKey>,
    create: bool,
    access: Access,
) -> Result<Connection> {
    let conn = match access {
        Access::ReadOnly => open_read_only(path)?,
        Access::ReadWrite => {
            let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            if create {
                flags |= OpenFlags::SQLITE_OPEN_CREATE;
            }
            Connection::open_with_flags(path, flags)?
        }
    };
    // SQLCipher logs failed HMAC checks to stderr; the error we return says it.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    if let Some(key) = key {
        conn.pragma_update(None, "key", &*key.pragma_value())?;
    }
    // The first read decides: wrong key or damaged header fails here, before
    // anything is written.
    if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        drop(conn);
        return Err(match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                diagnose(path, key).unwrap_or_else(|| e.into())
            }
            _ => e.into(),
        });
    }
    if access == Access::ReadWrite {
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    // Keep up to 32 MiB of decrypted pages (SQLite's default is 2 MiB), so
    // the overview of a large vault is decrypted once, not on every read.
    conn.pragma_update(None, "cache_size", -32 * 1024)?;
    conn.busy_timeout(std::time::Duration::from_millis(0))?;
    Ok(conn)
}

/// Why a file whose first read failed does not open, as far as SQLCipher's
/// page check can tell, reading only. Some pages failing while others
/// pass is damage ([`Damage::Pages`]). When every page fails, nothing in
/// the file fits the key: a file made of whole pages is a vault of
/// another key ([`Error::WrongKey`]), anything else is a file of another
/// kind ([`Found::OtherFormat`]). `None` when the check itself cannot run
/// or finds nothing: then the first read's own error stands.
pub(crate) fn diagnose(path: &Path, key: Option<&DbKey>) -> Option<Error> {
    let len = std::fs::metadata(path).ok()?.len();
    let total = len.div_ceil(PAGE_SIZE);
    let conn = open_read_only(path).ok()?;
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    if let Some(key) = key {
        conn.pragma_update(None, "key", &*key.pragma_value()).ok()?;
    }
    let bad = bad_pages(&conn)?;
    if total == 0 || bad == 0 {
        return None;
    }
    if bad >= total {
        return Some(if len % PAGE_SIZE == 0 {
            Error::WrongKey
        } else {
            Error::NotAVault {
                path: path.to_owned(),
                found: Found::OtherFormat,
            }
        });
    }
    Some(Error::Corrupt(Damage::Pages { bad, total }))
}

/// The number of pages SQLCipher's page check rejects (`None` if the
/// check cannot run).
pub(crate) fn bad_pages(conn: &Connection) -> Option<u64> {
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check").ok()?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).ok()?;
    Some(rows.count() as u64)
}

/// Brings the schema up to date. Each migration runs in one transaction
/// together with its `user_version`. A read-only vault is only read: if
/// it needs a migration, it cannot be opened until it can be written.
pub(crate) fn migrate(conn: &mut Connection, access: Access) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Error::VaultTooNew {
            found: current,
            known: SCHEMA_VERSION,
        });
    }
    if access == Access::ReadOnly {
        return if current == SCHEMA_VERSION {
            Ok(())
        } else {
            Err(Error::VaultReadOnly)
        };
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
