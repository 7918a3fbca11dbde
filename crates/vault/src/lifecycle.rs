//! The vault's lifecycle: creating, opening, restoring, backing up,
//! checking and destroying the one encrypted database, and the
//! transaction every change runs in.
//!
//! Every change runs in one transaction together with its history event
//! ([`Vault::write`]), so the history can never disagree with the state it
//! describes. The operations on what the vault holds live in their own
//! modules (`orgs`, `decisions`, `contact`, `export`, `merge`, `history`),
//! each an `impl Vault` on top of this one.
//!
//! The files made here (the database, created before SQLite opens it so its
//! `-wal` and `-shm` take its mode; backups and their temporary file; what a
//! restore writes) and the folders above a new vault are created through
//! [`crate::files`]: owner-only, whatever the umask.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use regie_model::EventKind;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::chain::{self, NewEvent};
use crate::error::{Damage, Error, Found, Result};
use crate::files;
use crate::keys::{KeyFile, Keychain, MasterSecret, Passphrase, Protection, RecoveryCode};
use crate::queue;
use crate::store::{self, Access, ProcessLock};

/// How to unlock an existing vault.
pub struct Unlock<'a> {
    /// The keychain to look in, when the vault's key is kept there.
    pub keychain: &'a Keychain,
    /// The passphrase, when the vault is protected by one.
    pub passphrase: Option<&'a Passphrase>,
}

/// An open vault. Only one process can hold a vault open at a time.
///
/// Its operations are spread over the modules by job; this one holds its
/// lifecycle.
pub struct Vault {
    conn: Connection,
    path: PathBuf,
    secret: MasterSecret,
    vault_id: String,
    uses_keychain: bool,
    read_only: bool,
    _lock: ProcessLock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.path)
            .field("vault_id", &self.vault_id)
            .finish_non_exhaustive()
    }
}

/// What a backup wrote and checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupReport {
    /// The backup file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Organisations found when the backup was reopened.
    pub organisations: i64,
    /// History events found when the backup was reopened.
    pub events: i64,
}

/// The result of a full check.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    /// `PRAGMA integrity_check` said "ok".
    pub integrity_ok: bool,
    /// `PRAGMA cipher_integrity_check` found no bad page.
    pub cipher_ok: bool,
    /// Events in the (verified) history chain.
    pub events: i64,
}

fn new_vault_id() -> Result<String> {
    let mut b = [0u8; 16];
    getrandom::getrandom(&mut b).map_err(|e| Error::Random(e.to_string()))?;
    Ok(data_encoding::HEXLOWER.encode(&b))
}

impl Vault {
    /// Creates a new vault at `path`, protected as asked, and returns it with
    /// its recovery code (show it to the person once).
    ///
    /// Refuses if a vault or key file already exists there. If the keychain
    /// cannot be reached, fails before any file is written.
    pub fn create(path: &Path, protection: Protection) -> Result<(Vault, RecoveryCode)> {
        Self::create_inner(path, protection, true)
    }

    /// Creates a vault whose database is NOT encrypted, to measure
    /// SQLCipher's overhead against plain SQLite in benchmarks. Never used
    /// by the app or the command line.
    #[cfg(feature = "test-support")]
    pub fn create_unencrypted_for_bench(path: &Path, protection: Protection) -> Result<Vault> {
        Self::create_inner(path, protection, false).map(|(v, _)| v)
    }

    /// Opens a vault made by [`Vault::create_unencrypted_for_bench`].
    #[cfg(feature = "test-support")]
    pub fn open_unencrypted_for_bench(path: &Path, unlock: Unlock<'_>) -> Result<Vault> {
        Self::open_inner(path, unlock, false)
    }

    fn create_inner(
        path: &Path,
        protection: Protection,
        encrypted: bool,
    ) -> Result<(Vault, RecoveryCode)> {
        let key_path = KeyFile::path_for(path);
        must_be_free(path)?;
        must_be_free(&key_path)?;
        let secret = MasterSecret::generate()?;
        let vault_id = new_vault_id()?;
        // The keychain (or passphrase) comes first: if it fails, nothing is written.
        let key_file = KeyFile::protect(&vault_id, &secret, &protection)?;
        let forget = || {
            let _ = key_file.forget(&keychain_for(&protection));
        };
        let made_dirs = match path.parent() {
            Some(dir) => files::create_dirs(dir).map_err(|e| {
                forget();
                Error::io(dir, e)
            })?,
            None => Vec::new(),
        };
        let lock = match ProcessLock::take(path, Access::ReadWrite) {
            Ok(l) => l,
            Err(e) => {
                forget();
                files::remove_made_dirs(&made_dirs);
                return Err(e);
            }
        };
        // SQLite would make a new database file 0644 less the umask; made
        // here first, it is owner-only, and so are its -wal and -shm.
        if let Err(e) = files::create_new(path) {
            forget();
            lock.abandon();
            files::remove_made_dirs(&made_dirs);
            return Err(match e.kind() {
                std::io::ErrorKind::AlreadyExists => Error::VaultExists(path.to_owned()),
                _ => Error::io(path, e),
            });
        }
        let result = (|| {
            let mut conn = store::connect(
                path,
                encrypted.then(|| secret.db_key()).as_ref(),
                true,
                Access::ReadWrite,
            )?;
            store::migrate(&mut conn, Access::ReadWrite)?;
            let tx = conn.transaction()?;
            let now = Utc::now();
            tx.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?1), ('created_at', ?2), ('global_off', '0')", params![vault_id, chain::now_text(now)])?;
            chain::append(
                &tx,
                now,
                NewEvent {
                    org_id: None,
                    kind: EventKind::VaultCreated,
                    subject: "vault".into(),
                    before: None,
                    after: None,
                },
            )?;
            tx.commit()?;
            key_file.write(path)?;
            Ok(conn)
        })();
        let conn = match result {
            Ok(c) => c,
            Err(e) => {
                // Creation failed half-way: remove what this call made, nothing else.
                forget();
                for p in [
                    path.to_owned(),
                    wal(path, "-wal"),
                    wal(path, "-shm"),
                    key_path,
                ] {
                    let _ = std::fs::remove_file(p);
                }
                lock.abandon();
                files::remove_made_dirs(&made_dirs);
                return Err(e);
            }
        };
        let code = secret.recovery_code();
        let uses_keychain = key_file.uses_keychain();
        Ok((
            Vault {
                conn,
                path: path.to_owned(),
                secret,
                vault_id,
                uses_keychain,
                read_only: false,
                _lock: lock,
            },
            code,
        ))
    }

    /// Whether a new vault could be made at `path`: nothing is there yet,
    /// and no key file beside it. Lets a front end say so before it asks
    /// for a passphrase; [`Vault::create`] checks it again.
    pub fn ensure_free(path: &Path) -> Result<()> {
        must_be_free(path)?;
        must_be_free(&KeyFile::path_for(path))
    }

    /// Opens an existing vault.
    ///
    /// Never creates, repairs or rewrites a vault that does not open: the
    /// error says what is wrong (no file; a folder or another kind of file;
    /// no permission; the key missing or wrong; damage that a check proved;
    /// a newer version's vault), and the file stays byte-identical. A vault
    /// this user may read but not write opens read-only
    /// ([`Vault::is_read_only`]): every change then fails with
    /// [`Error::VaultReadOnly`].
    pub fn open(path: &Path, unlock: Unlock<'_>) -> Result<Vault> {
        Self::open_inner(path, unlock, true)
    }

    fn open_inner(path: &Path, unlock: Unlock<'_>, encrypted: bool) -> Result<Vault> {
        let access = store::inspect(path)?;
        // The key comes before the lock, so that a missing or wrong key
        // leaves no lock file behind.
        let key_file = KeyFile::read(path)?;
        let secret = key_file.unlock(unlock.keychain, unlock.passphrase)?;
        let lock = ProcessLock::take(path, access)?;
        match open_connection(path, &secret, &key_file.vault_id, access, encrypted) {
            Ok(conn) => Ok(Vault {
                conn,
                path: path.to_owned(),
                secret,
                vault_id: key_file.vault_id.clone(),
                uses_keychain: key_file.uses_keychain(),
                read_only: access == Access::ReadOnly,
                _lock: lock,
            }),
            Err(e) => {
                lock.abandon();
                Err(e)
            }
        }
    }

    /// Regains access with the recovery code.
    ///
    /// With `backup`, the backup file is first copied to `path` (which must
    /// not exist: an existing vault is never overwritten). Without it, the
    /// vault at `path` is opened with the code and its key file written anew.
    /// Either way the code is checked against the file before anything is
    /// stored, and the secret is then protected as asked. If anything fails,
    /// what this call wrote is taken back: the copy, the folders made for
    /// it, the new key file (an older one is put back) and the key stored
    /// in the keychain.
    pub fn restore(
        path: &Path,
        backup: Option<&Path>,
        recovery_code: &str,
        protection: Protection,
    ) -> Result<(Vault, RecoveryCode)> {
        let secret = MasterSecret::from_recovery_code(recovery_code)?;
        if let Some(b) = backup {
            must_be_free(path)?;
            store::inspect(b)?;
        } else if store::inspect(path)? == Access::ReadOnly {
            return Err(Error::VaultReadOnly);
        }
        // Check the code against the source file, read-only, before copying.
        let source = backup.unwrap_or(path);
        let vault_id = vault_id_with(source, &secret)?;
        let key_path = KeyFile::path_for(path);
        let old_key_file = match std::fs::read(&key_path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&key_path, e)),
        };
        // A key the keychain already kept for this vault (restoring in
        // place) is the same secret: it is not removed if this call fails.
        let keychain_had_it = backup.is_none()
            && KeyFile::read(path).is_ok_and(|k| k.uses_keychain() && k.vault_id == vault_id);
        let made_dirs = match path.parent() {
            Some(dir) => files::create_dirs(dir).map_err(|e| Error::io(dir, e))?,
            None => Vec::new(),
        };
        let lock = match ProcessLock::take(path, Access::ReadWrite) {
            Ok(l) => l,
            Err(e) => {
                files::remove_made_dirs(&made_dirs);
                return Err(e);
            }
        };
        let mut stored: Option<KeyFile> = None;
        let result = (|| -> Result<(Connection, bool)> {
            if let Some(b) = backup {
                let bytes = std::fs::read(b).map_err(|e| Error::io(b, e))?;
                files::write_atomic(path, &bytes).map_err(|e| Error::io(path, e))?;
            }
            let key_file = KeyFile::protect(&vault_id, &secret, &protection)?;
            let uses_keychain = key_file.uses_keychain();
            stored = Some(key_file);
            stored.as_ref().expect("just set").write(path)?;
            let mut conn = open_connection(path, &secret, &vault_id, Access::ReadWrite, true)?;
            let tx = conn.transaction()?;
            chain::append(
                &tx,
                Utc::now(),
                NewEvent {
                    org_id: None,
                    kind: EventKind::Restored,
                    subject: if backup.is_some() {
                        "from-backup".into()
                    } else {
                        "recovery-code".into()
                    },
                    before: None,
                    after: None,
                },
            )?;
            tx.commit()?;
            Ok((conn, uses_keychain))
        })();
        match result {
            Ok((conn, uses_keychain)) => {
                let code = secret.recovery_code();
                Ok((
                    Vault {
                        conn,
                        path: path.to_owned(),
                        secret,
                        vault_id,
                        uses_keychain,
                        read_only: false,
                        _lock: lock,
                    },
                    code,
                ))
            }
            Err(e) => {
                if let Some(k) = &stored {
                    if !keychain_had_it {
                        let _ = k.forget(&keychain_for(&protection));
                    }
                }
                match &old_key_file {
                    Some(bytes) => {
                        let _ = files::write_atomic(&key_path, bytes);
                    }
                    None => {
                        let _ = std::fs::remove_file(&key_path);
                    }
                }
                if backup.is_some() {
                    for p in [path.to_owned(), wal(path, "-wal"), wal(path, "-shm")] {
                        let _ = std::fs::remove_file(p);
                    }
                }
                lock.abandon();
                files::remove_made_dirs(&made_dirs);
                Err(e)
            }
        }
    }

    /// The vault's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The vault's random id.
    pub fn id(&self) -> &str {
        &self.vault_id
    }

    /// Whether the master secret is kept in the OS keychain.
    pub fn uses_keychain(&self) -> bool {
        self.uses_keychain
    }

    /// Whether the vault was opened read-only, because this user may read
    /// it but not write it (its file, its folder or the disk). Every change
    /// then fails with [`Error::VaultReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs `f` with the master secret, for derivations that live in other
    /// crates (the pairwise signing key of a preference file). Only code in
    /// this workspace can call it, and the secret is only borrowed.
    #[doc(hidden)]
    pub fn with_master_secret<T>(&self, f: impl FnOnce(&[u8; 32]) -> T) -> T {
        self.secret.with_bytes(f)
    }

    /// Runs `f` in one transaction, committed only if it succeeds: a
    /// change and its history event are written together or not at all,
    /// and so is what the change queues for the organisations it concerns
    /// (`crate::queue`: their newest preference file, if they are linked).
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(Error::VaultReadOnly);
        }
        let tx = self.conn.transaction()?;
        let now = Utc::now();
        let since = queue::last_event(&tx)?;
        let out = f(&tx, now)?;
        queue::after_change(&tx, now, since)?;
        tx.commit()?;
        Ok(out)
    }

    /// The open connection, for reads.
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    // ----- checks -----------------------------------------------------------

    /// Checks the whole history chain; returns the number of events.
    pub fn verify_history(&mut self) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let n = chain::verify(&tx)?;
        tx.commit()?;
        Ok(n)
    }

    /// A full check: SQLCipher's page check, SQLite's integrity check, and
    /// the history chain. These are what prove damage: a failure found
    /// here is [`Error::Corrupt`] or [`Error::HistoryTampered`].
    pub fn check(&mut self) -> Result<CheckReport> {
        let bad = store::bad_pages(&self.conn)
            .ok_or_else(|| Error::Database("the page check could not run".into()))?;
        if bad != 0 {
            let len = std::fs::metadata(&self.path)
                .map_err(|e| Error::io(&self.path, e))?
                .len();
            return Err(Error::Corrupt(Damage::Pages {
                bad,
                total: len.div_ceil(4096).max(bad),
            }));
        }
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                    Error::Corrupt(Damage::Structure(e.to_string()))
                }
                _ => e.into(),
            })?;
        if integrity != "ok" {
            let first = integrity
                .lines()
                .find(|l| !l.starts_with("***"))
                .unwrap_or(&integrity);
            return Err(Error::Corrupt(Damage::Structure(first.to_owned())));
        }
        let events = self.verify_history()?;
        Ok(CheckReport {
            integrity_ok: true,
            cipher_ok: true,
            events,
        })
    }

    // ----- backup ---------------------------------------------------------

    /// Writes an encrypted copy of the vault to `dest` (same key; restore it
    /// with the recovery code), then reopens the copy and checks it.
    ///
    /// `dest` must not exist, or be a device or pipe (such as
    /// `/dev/stdout`), which gets the checked copy's bytes. The copy is made
    /// under a temporary name (beside `dest`, or for a device in the
    /// temporary folder) and renamed into place only when it checks out; if
    /// anything fails, nothing is left.
    pub fn backup(&self, dest: &Path) -> Result<BackupReport> {
        let stream = match std::fs::metadata(dest) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(Error::io(dest, e)),
            Ok(m) if m.is_dir() => {
                return Err(Error::io(
                    dest,
                    std::io::Error::from(std::io::ErrorKind::IsADirectory),
                ))
            }
            Ok(m) if m.is_file() => return Err(Error::VaultExists(dest.to_owned())),
            Ok(_) => true,
        };
        let mut tmp_name = dest.file_name().unwrap_or_default().to_owned();
        tmp_name.push(format!(".partial-{}", std::process::id()));
        let tmp = if stream {
            std::env::temp_dir().join(format!("regie-backup-{}.partial", std::process::id()))
        } else {
            dest.with_file_name(tmp_name)
        };
        let key = self.secret.db_key();
        let result = (|| -> Result<BackupReport> {
            // Made owner-only before SQLite opens it (see `crate::files`); a
            // leftover of an earlier, cut-off backup is replaced.
            files::replace(&tmp).map_err(|e| Error::io(&tmp, e))?;
            {
                let mut out = Connection::open(&tmp)?;
                out.pragma_update(None, "key", &*key.pragma_value())?;
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
                backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
                drop(backup);
                let _: String = out.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            }
            // Reopen the copy as a reader would and compare with the original.
            let check = store::open_read_only(&tmp)?;
            let _ = check.pragma_update(None, "cipher_log_level", "NONE");
            check.pragma_update(None, "key", &*key.pragma_value())?;
            let ok: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            let orgs: i64 =
                check.query_row("SELECT count(*) FROM organisation", [], |r| r.get(0))?;
            let events: i64 = check.query_row("SELECT count(*) FROM event", [], |r| r.get(0))?;
            let want_orgs: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM organisation", [], |r| r.get(0))?;
            let want_events: i64 = self
                .conn
                .query_row("SELECT count(*) FROM event", [], |r| r.get(0))?;
            drop(check);
            if ok != "ok" || orgs != want_orgs || events != want_events {
                return Err(Error::Storage(
                    "the backup did not match the vault when it was read back".into(),
                ));
            }
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(&tmp, e))?;
            let bytes = std::fs::metadata(&tmp)
                .map_err(|e| Error::io(&tmp, e))?
                .len();
            if stream {
                let mut from = std::fs::File::open(&tmp).map_err(|e| Error::io(&tmp, e))?;
                let mut to = std::fs::OpenOptions::new()
                    .write(true)
                    .open(dest)
                    .map_err(|e| Error::io(dest, e))?;
                std::io::copy(&mut from, &mut to).map_err(|e| Error::io(dest, e))?;
                std::io::Write::flush(&mut to).map_err(|e| Error::io(dest, e))?;
                let _ = std::fs::remove_file(&tmp);
            } else {
                std::fs::rename(&tmp, dest).map_err(|e| Error::io(dest, e))?;
            }
            Ok(BackupReport {
                path: dest.to_owned(),
                bytes,
                organisations: orgs,
                events,
            })
        })();
        if result.is_err() {
            for p in [tmp.clone(), wal(&tmp, "-journal")] {
                let _ = std::fs::remove_file(p);
            }
        }
        result
    }

    /// Closes the vault and removes its key from the keychain, then the
    /// files. Used for throwaway demo vaults.
    pub fn destroy(self, keychain: &Keychain) -> Result<()> {
        let path = self.path.clone();
        let key_file = KeyFile::read(&path)?;
        drop(self);
        key_file.forget(keychain)?;
        for p in [
            path.clone(),
            wal(&path, "-wal"),
            wal(&path, "-shm"),
            KeyFile::path_for(&path),
            store::lock_path(&path),
        ] {
            let _ = std::fs::remove_file(p);
        }
        Ok(())
    }

    /// Runs raw SQL against the vault, for this crate's tests that tamper on
    /// purpose.
    #[cfg(feature = "test-support")]
    pub fn tamper_for_tests(&self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql)?;
        Ok(())
    }
}

/// Opens the database with a secret the key file (or the recovery code)
/// vouched for, brings its schema up to date and checks it is the vault
/// that key belongs to.
fn open_connection(
    path: &Path,
    secret: &MasterSecret,
    vault_id: &str,
    access: Access,
    encrypted: bool,
) -> Result<Connection> {
    let mut conn = store::connect(
        path,
        encrypted.then(|| secret.db_key()).as_ref(),
        false,
        access,
    )?;
    store::migrate(&mut conn, access)?;
    let stored_id: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'vault_id'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if stored_id.as_deref() != Some(vault_id) {
        return Err(Error::WrongKey);
    }
    Ok(conn)
}

/// The vault id stored in `file`, read with the secret of a recovery code,
/// read-only. A code that does not fit is told apart from a file that is
/// damaged or not a vault.
fn vault_id_with(file: &Path, secret: &MasterSecret) -> Result<String> {
    let key = secret.db_key();
    let read = (|| {
        let conn = store::open_read_only(file)?;
        let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
        conn.pragma_update(None, "key", &*key.pragma_value())?;
        Ok::<_, Error>(conn.query_row(
            "SELECT value FROM meta WHERE key = 'vault_id'",
            [],
            |r| r.get::<_, String>(0),
        )?)
    })();
    read.map_err(|_| match store::diagnose(file, Some(&key)) {
        Some(e @ (Error::Corrupt(_) | Error::NotAVault { .. })) => e,
        _ => Error::RecoveryCodeMismatch,
    })
}

/// A path a new vault, key file or copy may be made at: nothing there yet.
/// A folder there is named as one.
fn must_be_free(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
        Ok(m) if m.is_dir() => Err(Error::NotAVault {
            path: path.to_owned(),
            found: Found::Folder,
        }),
        Ok(_) => Err(Error::VaultExists(path.to_owned())),
    }
}

fn keychain_for(p: &Protection) -> Keychain {
    match p {
        Protection::Keychain(k) => k.clone(),
        Protection::Passphrase(_) => Keychain::in_memory(),
    }
}

fn wal(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}
