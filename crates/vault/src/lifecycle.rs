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
use crate::error::{Error, Result};
use crate::files;
use crate::keys::{KeyFile, Keychain, MasterSecret, Passphrase, Protection, RecoveryCode};
use crate::store::{self, ProcessLock};

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
        if path.exists() {
            return Err(Error::VaultExists(path.to_owned()));
        }
        if key_path.exists() {
            return Err(Error::VaultExists(key_path));
        }
        if let Some(dir) = path.parent() {
            files::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let secret = MasterSecret::generate()?;
        let vault_id = new_vault_id()?;
        // The keychain (or passphrase) comes first: if it fails, nothing is written.
        let key_file = KeyFile::protect(&vault_id, &secret, &protection)?;
        let lock = match ProcessLock::take(path) {
            Ok(l) => l,
            Err(e) => {
                let _ = key_file.forget(&keychain_for(&protection));
                return Err(e);
            }
        };
        // SQLite would make a new database file 0644 less the umask; made
        // here first, it is owner-only, and so are its -wal and -shm.
        if let Err(e) = files::create_new(path) {
            let _ = key_file.forget(&keychain_for(&protection));
            return Err(match e.kind() {
                std::io::ErrorKind::AlreadyExists => Error::VaultExists(path.to_owned()),
                _ => Error::io(path, e),
            });
        }
        let result = (|| {
            let mut conn = store::connect(path, encrypted.then(|| secret.db_key()).as_ref(), true)?;
            store::migrate(&mut conn)?;
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
                let _ = key_file.forget(&keychain_for(&protection));
                for p in [
                    path.to_owned(),
                    wal(path, "-wal"),
                    wal(path, "-shm"),
                    key_path,
                    store::lock_path(path),
                ] {
                    let _ = std::fs::remove_file(p);
                }
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
                _lock: lock,
            },
            code,
        ))
    }

    /// Opens an existing vault.
    ///
    /// Never creates, repairs or rewrites a vault that does not open: the
    /// error says whether the file is missing, the key is missing or wrong,
    /// or the file is damaged, and the file stays byte-identical.
    pub fn open(path: &Path, unlock: Unlock<'_>) -> Result<Vault> {
        Self::open_inner(path, unlock, true)
    }

    fn open_inner(path: &Path, unlock: Unlock<'_>, encrypted: bool) -> Result<Vault> {
        if !path.exists() {
            return Err(Error::VaultNotFound(path.to_owned()));
        }
        let lock = ProcessLock::take(path)?;
        let key_file = KeyFile::read(path)?;
        let secret = key_file.unlock(unlock.keychain, unlock.passphrase)?;
        Self::open_with_secret(
            path,
            lock,
            secret,
            key_file.vault_id.clone(),
            key_file.uses_keychain(),
            encrypted,
        )
    }

    fn open_with_secret(
        path: &Path,
        lock: ProcessLock,
        secret: MasterSecret,
        vault_id: String,
        uses_keychain: bool,
        encrypted: bool,
    ) -> Result<Vault> {
        // The key check in the key file matched, so a failure here is damage.
        let mut conn = store::connect(path, encrypted.then(|| secret.db_key()).as_ref(), false)
            .map_err(|e| match e {
                Error::Corrupt(d) => Error::Corrupt(d),
                Error::Database(d) => Error::Corrupt(d),
                other => other,
            })?;
        store::migrate(&mut conn)?;
        let stored_id: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'vault_id'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if stored_id.as_deref() != Some(vault_id.as_str()) {
            return Err(Error::WrongKey);
        }
        Ok(Vault {
            conn,
            path: path.to_owned(),
            secret,
            vault_id,
            uses_keychain,
            _lock: lock,
        })
    }

    /// Regains access with the recovery code.
    ///
    /// With `backup`, the backup file is first copied to `path` (which must
    /// not exist: an existing vault is never overwritten). Without it, the
    /// vault at `path` is opened with the code and its key file written anew.
    /// Either way the code is checked against the file before anything is
    /// stored, and the secret is then protected as asked.
    pub fn restore(
        path: &Path,
        backup: Option<&Path>,
        recovery_code: &str,
        protection: Protection,
    ) -> Result<(Vault, RecoveryCode)> {
        let secret = MasterSecret::from_recovery_code(recovery_code)?;
        if let Some(b) = backup {
            if path.exists() {
                return Err(Error::VaultExists(path.to_owned()));
            }
            if !b.exists() {
                return Err(Error::VaultNotFound(b.to_owned()));
            }
        } else if !path.exists() {
            return Err(Error::VaultNotFound(path.to_owned()));
        }
        // Check the code against the source file, read-only, before copying.
        let source = backup.unwrap_or(path);
        let vault_id = {
            let conn =
                Connection::open_with_flags(source, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
            conn.pragma_update(None, "key", &*secret.db_key().pragma_value())?;
            conn.query_row("SELECT value FROM meta WHERE key = 'vault_id'", [], |r| {
                r.get::<_, String>(0)
            })
            .map_err(|_| Error::RecoveryCodeMismatch)?
        };
        if let Some(dir) = path.parent() {
            files::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let lock = ProcessLock::take(path)?;
        if let Some(b) = backup {
            let bytes = std::fs::read(b).map_err(|e| Error::io(b, e))?;
            files::write_atomic(path, &bytes).map_err(|e| Error::io(path, e))?;
        }
        let key_file = KeyFile::protect(&vault_id, &secret, &protection)?;
        key_file.write(path)?;
        let mut vault =
            Self::open_with_secret(path, lock, secret, vault_id, key_file.uses_keychain(), true)?;
        vault.write(|tx, now| {
            chain::append(
                tx,
                now,
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
            Ok(())
        })?;
        let code = vault.secret.recovery_code();
        Ok((vault, code))
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

    /// Runs `f` with the master secret, for derivations that live in other
    /// crates (the pairwise signing key of a preference file). Only code in
    /// this workspace can call it, and the secret is only borrowed.
    #[doc(hidden)]
    pub fn with_master_secret<T>(&self, f: impl FnOnce(&[u8; 32]) -> T) -> T {
        self.secret.with_bytes(f)
    }

    /// Runs `f` in one transaction, committed only if it succeeds: a
    /// change and its history event are written together or not at all.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx, Utc::now())?;
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

    /// A full check: SQLite's integrity check, SQLCipher's page check, and
    /// the history chain.
    pub fn check(&mut self) -> Result<CheckReport> {
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare("PRAGMA cipher_integrity_check")?;
        let bad = stmt.query_map([], |r| r.get::<_, String>(0))?.count();
        drop(stmt);
        if integrity != "ok" {
            return Err(Error::Corrupt(format!("integrity check: {integrity}")));
        }
        if bad != 0 {
            return Err(Error::Corrupt(format!(
                "{bad} page(s) fail their authentication check"
            )));
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
    pub fn backup(&self, dest: &Path) -> Result<BackupReport> {
        if dest.exists() {
            return Err(Error::VaultExists(dest.to_owned()));
        }
        let mut tmp_name = dest.file_name().unwrap_or_default().to_owned();
        tmp_name.push(format!(".partial-{}", std::process::id()));
        let tmp = dest.with_file_name(tmp_name);
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
            let check =
                Connection::open_with_flags(&tmp, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
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
                return Err(Error::Corrupt(
                    "the backup did not match the vault when it was read back".into(),
                ));
            }
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(&tmp, e))?;
            std::fs::rename(&tmp, dest).map_err(|e| Error::io(dest, e))?;
            let bytes = std::fs::metadata(dest)
                .map_err(|e| Error::io(dest, e))?
                .len();
            Ok(BackupReport {
                path: dest.to_owned(),
                bytes,
                organisations: orgs,
                events,
            })
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
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
