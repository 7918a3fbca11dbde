//! The vault: one open, locked, encrypted database and its operations.
//!
//! Every change runs in one transaction together with its history event, so
//! the history can never disagree with the state it describes.
//!
//! The files made here (the database, created before SQLite opens it so its
//! `-wal` and `-shm` take its mode; backups and their temporary file; what a
//! restore writes) and the folders above a new vault are created through
//! [`crate::files`]: owner-only, whatever the umask.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use regie_model::{
    Channel, ContactPreferences, DecisionAction, DecisionState, Grain, LegalBasis, MessageKind,
    OrgId,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::domain::{BiText, Holding, NewHolding, OrgPage, OrgSummary, Organisation, Source};
use crate::error::{Error, Result};
use crate::files;
use crate::history::{self, Event, EventKind, NewEvent};
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

fn org_key(id: &OrgId) -> &str {
    id.as_str()
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
            tx.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?1), ('created_at', ?2), ('global_off', '0')", params![vault_id, history::now_text(now)])?;
            history::append(
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
            history::append(
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

    fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx, Utc::now())?;
        tx.commit()?;
        Ok(out)
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn)
    }

    // ----- organisations -------------------------------------------------

    /// Adds an organisation with default contact preferences.
    pub fn add_organisation(&mut self, org: &Organisation) -> Result<()> {
        validate_org(org)?;
        self.write(|tx, now| insert_org(tx, now, org))
    }

    /// Adds a holding to an organisation; its decision starts from its legal
    /// basis (see [`LegalBasis::initial_decision`]). Returns its id.
    pub fn add_holding(&mut self, org: &OrgId, h: &NewHolding) -> Result<i64> {
        validate_holding(h)?;
        self.write(|tx, now| {
            ensure_org(tx, org)?;
            insert_holding(tx, now, org, h)
        })
    }

    /// Imports an organisation's declaration (`regie-declaration/1`, see
    /// [`crate::declaration`]) in one transaction: the organisation is added
    /// or updated with source [`Source::Declaration`] and the file's date,
    /// and its holdings follow the declaration. The person's decisions stay
    /// where a holding stays on the same legal basis; a changed basis gets
    /// the decision that basis starts with (the old one is kept in the
    /// history). A refused file, or one not newer than the declaration
    /// already imported, changes nothing.
    pub fn import_declaration(
        &mut self,
        bytes: &[u8],
    ) -> Result<crate::declaration::DeclarationReport> {
        let decl = crate::declaration::Declaration::parse(bytes)?;
        self.write(|tx, now| crate::declaration::import(tx, now, &decl))
    }

    /// Loads Regie's illustrative example organisations (skipping any that
    /// are already there). Returns how many were added.
    pub fn load_examples(&mut self) -> Result<usize> {
        let examples = crate::examples::all();
        self.write(|tx, now| {
            let mut added = 0;
            for ex in &examples {
                if org_exists(tx, &ex.org.id)? {
                    continue;
                }
                validate_org(&ex.org)?;
                for h in &ex.holdings {
                    validate_holding(h)?;
                }
                insert_org(tx, now, &ex.org)?;
                for h in &ex.holdings {
                    insert_holding(tx, now, &ex.org.id, h)?;
                }
                added += 1;
            }
            Ok(added)
        })
    }

    /// The overview: every organisation with what it holds at a glance.
    pub fn organisations(&self) -> Result<Vec<OrgSummary>> {
        self.read(|c| {
            let mut out: Vec<OrgSummary> = Vec::new();
            let mut stmt = c.prepare_cached(&format!("SELECT {ORG_COLS}, contact, exempt_from_global FROM organisation ORDER BY name COLLATE NOCASE, id"))?;
            let mut rows = stmt.query([])?;
            let mut index = std::collections::HashMap::new();
            while let Some(r) = rows.next()? {
                let org = row_to_org(r)?;
                let contact: String = r.get(8)?;
                let contact: ContactPreferences = serde_json::from_str(&contact).map_err(|e| Error::Corrupt(e.to_string()))?;
                index.insert(org.id.as_str().to_owned(), out.len());
                out.push(OrgSummary {
                    org,
                    categories: vec![],
                    purposes: vec![],
                    holdings: 0,
                    switched_off: 0,
                    blocked_cells: contact.blocked().len(),
                    exempt_from_global: r.get::<_, i64>(9)? != 0,
                });
            }
            // 40 holdings for each of 1,000 organisations must stay quick, so
            // the loop copies no text per row. Rows come in any order (no
            // sort needed); categories, purposes and decisions come from a
            // small vocabulary, so each distinct text is numbered (and
            // checked) once, and each organisation collects numbers.
            let mut stmt = c.prepare_cached("SELECT org_id, category, purpose, decision FROM holding")?;
            let mut rows = stmt.query([])?;
            let mut vocab = Vocabulary::default();
            let mut sets: Vec<(Vec<u32>, Vec<u32>)> = vec![Default::default(); out.len()];
            let mut current: (Vec<u8>, Option<usize>) = (Vec::new(), None);
            while let Some(r) = rows.next()? {
                let org = row_bytes(r, 0)?;
                if org != current.0.as_slice() || current.0.is_empty() {
                    let text = std::str::from_utf8(org).map_err(|e| rusqlite::Error::Utf8Error(0, e))?;
                    current = (org.to_vec(), index.get(text).copied());
                }
                let Some(i) = current.1 else { continue };
                let category = vocab.number(r, 1)?;
                let purpose = vocab.number(r, 2)?;
                let decision = vocab.number(r, 3)?;
                sets[i].0.push(category);
                sets[i].1.push(purpose);
                out[i].holdings += 1;
                if vocab.switched_off[decision as usize] {
                    out[i].switched_off += 1;
                }
            }
            let (names, rank) = vocab.sorted();
            let texts = |numbers: &[u32]| -> Vec<String> {
                let mut ranks: Vec<u32> = numbers.iter().map(|&n| rank[n as usize]).collect();
                ranks.sort_unstable();
                ranks.dedup();
                ranks.into_iter().map(|k| names[k as usize].to_owned()).collect()
            };
            for (s, (cats, purposes)) in out.iter_mut().zip(sets) {
                s.categories = texts(&cats);
                s.purposes = texts(&purposes);
            }
            Ok(out)
        })
    }

    /// One organisation's full page.
    pub fn organisation(&self, id: &OrgId) -> Result<OrgPage> {
        self.read(|c| {
            let row = c
                .prepare_cached(&format!("SELECT {ORG_COLS}, contact, exempt_from_global FROM organisation WHERE id = ?1"))?
                .query_row([org_key(id)], |r| {
                    let org = row_to_org(r)?;
                    let contact: String = r.get(8)?;
                    let exempt: i64 = r.get(9)?;
                    Ok((org, contact, exempt != 0))
                })
                .optional()?;
            let (org, contact, exempt) = row.ok_or_else(|| Error::UnknownOrganisation(id.to_string()))?;
            let contact: ContactPreferences = serde_json::from_str(&contact).map_err(|e| Error::Corrupt(e.to_string()))?;
            let holdings = load_holdings(c, id)?;
            let global_off = global_off(c)?;
            Ok(OrgPage {
                org,
                effective_contact: contact.effective(global_off, exempt),
                contact,
                holdings,
                global_off,
                exempt_from_global: exempt,
            })
        })
    }

    // ----- decisions ------------------------------------------------------

    /// Applies a decision to the organisation's holdings for `purpose`
    /// (optionally only for one data category). Every matching holding must
    /// allow it: one locked holding makes the whole call fail with
    /// [`Error::Locked`] and nothing changes. Returns the changed holdings.
    pub fn decide(
        &mut self,
        org: &OrgId,
        purpose: &str,
        category: Option<&str>,
        action: DecisionAction,
    ) -> Result<Vec<Holding>> {
        let purpose = regie_model::catalogue::compact(purpose);
        let category = category.map(regie_model::catalogue::compact);
        self.write(|tx, now| {
            ensure_org(tx, org)?;
            let matching: Vec<Holding> = load_holdings(tx, org)?
                .into_iter()
                .filter(|h| h.what.purpose == purpose && category.as_ref().is_none_or(|c| &h.what.category == c))
                .collect();
            if matching.is_empty() {
                return Err(Error::UnknownHolding(format!(
                    "'{org}' has no holding for the purpose '{purpose}'{}: see `regie show {org}` for what it does hold",
                    category.as_ref().map(|c| format!(" and data category '{c}'")).unwrap_or_default()
                )));
            }
            let mut changed = Vec::new();
            for h in &matching {
                let next = action.apply(h.what.basis).map_err(|e| match e {
                    regie_model::DecisionError::Locked { basis } => {
                        let reason = h.locked_reason();
                        Error::Locked { basis, reason: reason.en, reason_nl: reason.nl }
                    }
                    other => Error::Decision(other),
                })?;
                if next == h.decision {
                    continue;
                }
                tx.prepare_cached("UPDATE holding SET decision = ?1, decided_at = ?2 WHERE id = ?3")?
                    .execute(params![next.as_str(), history::now_text(now), h.id])?;
                history::append(tx, now, NewEvent {
                    org_id: Some(org.as_str()),
                    kind: EventKind::Decision,
                    subject: format!("{} {}", h.what.purpose, h.what.category),
                    before: Some(json_str(h.decision.as_str())),
                    after: Some(json_str(next.as_str())),
                })?;
                let mut h = h.clone();
                h.decision = next;
                h.decided_at = Some(now);
                changed.push(h);
            }
            Ok(changed)
        })
    }

    // ----- contact preferences -------------------------------------------

    /// Switches one channel x kind cell for one organisation.
    pub fn set_contact(
        &mut self,
        org: &OrgId,
        channel: Channel,
        kind: MessageKind,
        allowed: bool,
    ) -> Result<bool> {
        self.update_contact(org, &format!("{channel}/{kind}"), |p| {
            p.set(channel, kind, allowed).map_err(Error::from)
        })
    }

    /// Switches one cell for every organisation. Returns how many changed.
    pub fn set_contact_all(
        &mut self,
        channel: Channel,
        kind: MessageKind,
        allowed: bool,
    ) -> Result<usize> {
        let ids = self.org_ids()?;
        let subject = format!("{channel}/{kind}");
        self.write(|tx, now| {
            let mut n = 0;
            for id in &ids {
                if update_contact_tx(tx, now, id, &subject, |p| {
                    p.set(channel, kind, allowed).map_err(Error::from)
                })? {
                    n += 1;
                }
            }
            Ok(n)
        })
    }

    /// Changes an organisation's contact preferences with `f` (quiet hours,
    /// caps, language, ...). The result is validated, stored and recorded in
    /// the history under `subject`. Returns whether anything changed.
    pub fn update_contact(
        &mut self,
        org: &OrgId,
        subject: &str,
        f: impl FnOnce(&mut ContactPreferences) -> Result<()>,
    ) -> Result<bool> {
        self.write(|tx, now| update_contact_tx(tx, now, org, subject, f))
    }

    /// The global "no proactive messages from anyone" switch.
    pub fn global_off(&self) -> Result<bool> {
        global_off(&self.conn)
    }

    /// Turns the global switch on (`true`: nothing but service messages from
    /// anyone) or off. Returns whether it changed.
    pub fn set_global_off(&mut self, off: bool) -> Result<bool> {
        self.write(|tx, now| {
            let before = global_off(tx)?;
            if before == off {
                return Ok(false);
            }
            tx.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'global_off'",
                [if off { "1" } else { "0" }],
            )?;
            history::append(
                tx,
                now,
                NewEvent {
                    org_id: None,
                    kind: EventKind::GlobalSwitch,
                    subject: "no-proactive-messages".into(),
                    before: Some(before.to_string()),
                    after: Some(off.to_string()),
                },
            )?;
            Ok(true)
        })
    }

    /// Exempts one organisation from the global switch (its own switches
    /// apply instead), or removes the exemption.
    pub fn set_exempt(&mut self, org: &OrgId, exempt: bool) -> Result<bool> {
        self.write(|tx, now| {
            ensure_org(tx, org)?;
            let before: i64 = tx.query_row(
                "SELECT exempt_from_global FROM organisation WHERE id = ?1",
                [org.as_str()],
                |r| r.get(0),
            )?;
            if (before != 0) == exempt {
                return Ok(false);
            }
            tx.execute(
                "UPDATE organisation SET exempt_from_global = ?1, updated_at = ?2 WHERE id = ?3",
                params![exempt as i64, history::now_text(now), org.as_str()],
            )?;
            history::append(
                tx,
                now,
                NewEvent {
                    org_id: Some(org.as_str()),
                    kind: EventKind::Exemption,
                    subject: "exempt-from-global".into(),
                    before: Some((before != 0).to_string()),
                    after: Some(exempt.to_string()),
                },
            )?;
            Ok(true)
        })
    }

    // ----- sensitive categories ----------------------------------------------

    /// Marks a data category sensitive (keep it out of personalisation), or
    /// unmarks it. Returns whether it changed.
    pub fn mark_sensitive(&mut self, category: &str, sensitive: bool) -> Result<bool> {
        let category = regie_model::catalogue::compact(category);
        if !category.starts_with("pd:") {
            return Err(Error::Invalid(format!(
                "'{category}' is not a data category: use a pd: term such as pd:Health"
            )));
        }
        self.write(|tx, now| {
            let was: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM sensitive_category WHERE category = ?1)",
                [&category],
                |r| r.get(0),
            )?;
            if was == sensitive {
                return Ok(false);
            }
            if sensitive {
                tx.execute(
                    "INSERT INTO sensitive_category (category, marked_at) VALUES (?1, ?2)",
                    params![category, history::now_text(now)],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM sensitive_category WHERE category = ?1",
                    [&category],
                )?;
            }
            history::append(
                tx,
                now,
                NewEvent {
                    org_id: None,
                    kind: EventKind::Sensitive,
                    subject: category.clone(),
                    before: Some(was.to_string()),
                    after: Some(sensitive.to_string()),
                },
            )?;
            Ok(true)
        })
    }

    /// The data categories marked sensitive.
    pub fn sensitive_categories(&self) -> Result<Vec<String>> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT category FROM sensitive_category ORDER BY category")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
        })
    }

    // ----- history --------------------------------------------------------

    /// The history, oldest first: everything, or one organisation's timeline.
    pub fn history(&self, org: Option<&OrgId>) -> Result<Vec<Event>> {
        self.read(|c| {
            let cols = "SELECT seq, at, org_id, kind, subject, before, after, hash FROM event";
            let events = match org {
                Some(o) => {
                    ensure_org(c, o)?;
                    let mut stmt =
                        c.prepare_cached(&format!("{cols} WHERE org_id = ?1 ORDER BY seq"))?;
                    let rows = stmt.query_map([o.as_str()], history::row_to_event)?;
                    rows.collect::<rusqlite::Result<Vec<_>>>()?
                }
                None => {
                    let mut stmt = c.prepare_cached(&format!("{cols} ORDER BY seq"))?;
                    let rows = stmt.query_map([], history::row_to_event)?;
                    rows.collect::<rusqlite::Result<Vec<_>>>()?
                }
            };
            Ok(events)
        })
    }

    /// Records an event that happened outside the vault's own tables, such as
    /// an export (which sequence number went to which organisation).
    pub fn record(
        &mut self,
        org: Option<&OrgId>,
        kind: EventKind,
        subject: &str,
        after: Option<String>,
    ) -> Result<i64> {
        self.write(|tx, now| {
            if let Some(o) = org {
                ensure_org(tx, o)?;
            }
            history::append(
                tx,
                now,
                NewEvent {
                    org_id: org.map(|o| o.as_str()),
                    kind,
                    subject: subject.to_owned(),
                    before: None,
                    after,
                },
            )
        })
    }

    /// Checks the whole history chain; returns the number of events.
    pub fn verify_history(&mut self) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let n = history::verify(&tx)?;
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

    fn org_ids(&self) -> Result<Vec<OrgId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM organisation ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|r| Ok(OrgId::parse(&r?)?)).collect()
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

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

pub(crate) const ORG_COLS: &str =
    "id, name, sector, website, privacy_email, privacy_postal, source, source_date";

pub(crate) fn row_to_org(r: &rusqlite::Row<'_>) -> rusqlite::Result<Organisation> {
    let id: String = r.get(0)?;
    let source: String = r.get(6)?;
    let date: Option<String> = r.get(7)?;
    let bad = |col: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            what.to_owned().into(),
        )
    };
    Ok(Organisation {
        id: OrgId::parse(&id).map_err(|_| bad(0, "organisation id"))?,
        name: r.get(1)?,
        sector: r.get(2)?,
        website: r.get(3)?,
        privacy_email: r.get(4)?,
        privacy_postal: r.get(5)?,
        source: Source::parse(&source).ok_or_else(|| bad(6, "source"))?,
        source_date: date
            .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
            .transpose()
            .map_err(|_| bad(7, "date"))?,
    })
}

/// A text column's bytes, borrowed from the row.
fn row_bytes<'r>(r: &'r rusqlite::Row<'_>, col: usize) -> rusqlite::Result<&'r [u8]> {
    let value = r.get_ref(col)?;
    match value {
        rusqlite::types::ValueRef::Text(t) => Ok(t),
        other => Err(rusqlite::Error::InvalidColumnType(
            col,
            r.as_ref().column_name(col).unwrap_or_default().into(),
            other.data_type(),
        )),
    }
}

/// The distinct texts of the overview's holding columns, numbered in the
/// order first seen, each checked as UTF-8 once.
#[derive(Default)]
struct Vocabulary {
    numbers: std::collections::HashMap<Vec<u8>, u32, std::hash::BuildHasherDefault<Fnv1a>>,
    names: Vec<String>,
    /// Whether the text, read as a decision, switches processing off.
    switched_off: Vec<bool>,
}

/// FNV-1a, for the vocabulary's short keys: several times cheaper than the
/// default SipHash there, and the keys are the vault's own texts.
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

impl Vocabulary {
    fn number(&mut self, r: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<u32> {
        let bytes = row_bytes(r, col)?;
        if let Some(&n) = self.numbers.get(bytes) {
            return Ok(n);
        }
        let text = std::str::from_utf8(bytes).map_err(|e| rusqlite::Error::Utf8Error(col, e))?;
        let n = self.names.len() as u32;
        self.names.push(text.to_owned());
        self.switched_off
            .push(matches!(DecisionState::parse(text), Some(s) if !s.permits_processing()));
        self.numbers.insert(bytes.to_vec(), n);
        Ok(n)
    }

    /// The texts in sorted order, and each number's rank in that order.
    fn sorted(self) -> (Vec<String>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (k, &n) in order.iter().enumerate() {
            rank[n as usize] = k as u32;
        }
        let mut names = self.names;
        let mut sorted = Vec::with_capacity(names.len());
        for &n in &order {
            sorted.push(std::mem::take(&mut names[n as usize]));
        }
        (sorted, rank)
    }
}

fn org_exists(c: &Connection, id: &OrgId) -> Result<bool> {
    Ok(
        c.prepare_cached("SELECT EXISTS(SELECT 1 FROM organisation WHERE id = ?1)")?
            .query_row([id.as_str()], |r| r.get(0))?,
    )
}

fn ensure_org(c: &Connection, id: &OrgId) -> Result<()> {
    if org_exists(c, id)? {
        Ok(())
    } else {
        Err(Error::UnknownOrganisation(id.to_string()))
    }
}

fn global_off(c: &Connection) -> Result<bool> {
    let v: Option<String> = c
        .prepare_cached("SELECT value FROM meta WHERE key = 'global_off'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(v.as_deref() == Some("1"))
}

fn validate_org(org: &Organisation) -> Result<()> {
    if org.name.trim().is_empty() || org.name.chars().count() > 200 {
        return Err(Error::Invalid(
            "an organisation needs a name of 1 to 200 characters".into(),
        ));
    }
    if let Some(e) = &org.privacy_email {
        if !e.contains('@') || e.contains(char::is_whitespace) {
            return Err(Error::Invalid(format!("'{e}' is not an e-mail address")));
        }
    }
    Ok(())
}

/// Whether `term` is `prefix:Name` or `ns` + `Name`, with a name of ASCII
/// letters, digits and hyphens (as every DPV term is).
fn is_term(term: &str, prefix: &str, ns: &str) -> bool {
    let name = term.strip_prefix(prefix).or_else(|| term.strip_prefix(ns));
    name.is_some_and(|n| {
        !n.is_empty() && n.len() <= 100 && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

fn validate_holding(h: &NewHolding) -> Result<()> {
    if !is_term(&h.category, "pd:", regie_model::catalogue::PD_NS) {
        return Err(Error::Invalid(format!(
            "'{}' is not a data category: use a DPV pd: term such as pd:Financial",
            h.category
        )));
    }
    if !is_term(&h.purpose, "dpv:", regie_model::catalogue::DPV_NS) {
        return Err(Error::Invalid(format!(
            "'{}' is not a purpose: use a DPV dpv: term such as dpv:DirectMarketing",
            h.purpose
        )));
    }
    if let Some(r) = &h.retention {
        if !is_iso_duration(r) {
            return Err(Error::Invalid(format!(
                "'{r}' is not a retention period: use an ISO 8601 duration such as P7Y or P18M"
            )));
        }
    }
    Ok(())
}

pub(crate) fn insert_org(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &Organisation,
) -> Result<()> {
    if org_exists(tx, &org.id)? {
        return Err(Error::OrganisationExists(org.id.to_string()));
    }
    let contact =
        serde_json::to_string(&ContactPreferences::default()).expect("preferences serialise");
    let ts = history::now_text(now);
    tx.prepare_cached(&format!("INSERT INTO organisation ({ORG_COLS}, contact, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"))?
        .execute(params![
            org.id.as_str(),
            org.name,
            org.sector,
            org.website,
            org.privacy_email,
            org.privacy_postal,
            org.source.as_str(),
            org.source_date.map(|d| d.format("%Y-%m-%d").to_string()),
            contact,
            ts
        ])?;
    history::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.id.as_str()),
            kind: EventKind::OrganisationAdded,
            subject: org.name.clone(),
            before: None,
            after: Some(serde_json::to_string(org).expect("organisation serialises")),
        },
    )?;
    Ok(())
}

pub(crate) fn insert_holding(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &OrgId,
    h: &NewHolding,
) -> Result<i64> {
    let category = regie_model::catalogue::compact(&h.category);
    let purpose = regie_model::catalogue::compact(&h.purpose);
    let decision = h.basis.initial_decision();
    let res = tx
        .prepare_cached(
            "INSERT INTO holding (org_id, category, purpose, basis, retention, grain, locked_reason_nl, locked_reason_en, note_nl, note_en, decision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            org.as_str(),
            category,
            purpose,
            h.basis.compact(),
            h.retention,
            h.grain.map(Grain::as_string),
            h.locked_reason.as_ref().map(|t| &t.nl),
            h.locked_reason.as_ref().map(|t| &t.en),
            h.note.as_ref().map(|t| &t.nl),
            h.note.as_ref().map(|t| &t.en),
            decision.as_str()
        ]);
    match res {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            return Err(Error::Invalid(format!(
                "'{org}' already holds {category} for {purpose} on {}",
                h.basis
            )));
        }
        other => other?,
    };
    let id = tx.last_insert_rowid();
    history::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.as_str()),
            kind: EventKind::HoldingAdded,
            subject: format!("{purpose} {category}"),
            before: None,
            after: Some(
                serde_json::json!({ "basis": h.basis.compact(), "decision": decision.as_str() })
                    .to_string(),
            ),
        },
    )?;
    Ok(id)
}

pub(crate) fn load_holdings(c: &Connection, org: &OrgId) -> Result<Vec<Holding>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, category, purpose, basis, retention, grain, locked_reason_nl, locked_reason_en, note_nl, note_en, decision, decided_at
         FROM holding WHERE org_id = ?1 ORDER BY purpose, category, id",
    )?;
    let rows = stmt.query_map([org.as_str()], |r| {
        let bad = |col: usize, what: &str| {
            rusqlite::Error::FromSqlConversionFailure(
                col,
                rusqlite::types::Type::Text,
                what.to_owned().into(),
            )
        };
        let basis: String = r.get(3)?;
        let grain: Option<String> = r.get(5)?;
        let decision: String = r.get(10)?;
        let decided_at: Option<String> = r.get(11)?;
        let bi = |a: Option<String>, b: Option<String>| match (a, b) {
            (Some(nl), Some(en)) => Some(BiText { nl, en }),
            _ => None,
        };
        Ok(Holding {
            id: r.get(0)?,
            org_id: org.clone(),
            what: NewHolding {
                category: r.get(1)?,
                purpose: r.get(2)?,
                basis: LegalBasis::parse(&basis).ok_or_else(|| bad(3, "legal basis"))?,
                retention: r.get(4)?,
                grain: grain
                    .map(|g| Grain::parse(&g).ok_or_else(|| bad(5, "grain")))
                    .transpose()?,
                locked_reason: bi(r.get(6)?, r.get(7)?),
                note: bi(r.get(8)?, r.get(9)?),
            },
            decision: DecisionState::parse(&decision).ok_or_else(|| bad(10, "decision"))?,
            decided_at: decided_at
                .and_then(|d| DateTime::parse_from_rfc3339(&d).ok())
                .map(|d| d.with_timezone(&Utc)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn update_contact_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &OrgId,
    subject: &str,
    f: impl FnOnce(&mut ContactPreferences) -> Result<()>,
) -> Result<bool> {
    let raw: Option<String> = tx
        .prepare_cached("SELECT contact FROM organisation WHERE id = ?1")?
        .query_row([org.as_str()], |r| r.get(0))
        .optional()?;
    let raw = raw.ok_or_else(|| Error::UnknownOrganisation(org.to_string()))?;
    let before: ContactPreferences =
        serde_json::from_str(&raw).map_err(|e| Error::Corrupt(e.to_string()))?;
    let mut after = before.clone();
    f(&mut after)?;
    after.validate()?;
    if after == before {
        return Ok(false);
    }
    let json = serde_json::to_string(&after).expect("preferences serialise");
    tx.prepare_cached("UPDATE organisation SET contact = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![json, history::now_text(now), org.as_str()])?;
    history::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.as_str()),
            kind: EventKind::ContactChanged,
            subject: subject.to_owned(),
            before: Some(raw),
            after: Some(json),
        },
    )?;
    Ok(true)
}

/// Whether `s` is an ISO 8601 duration such as `P7Y`, `P1Y6M`, `P30D` or
/// `PT12H`: a `P`, date parts in Y, M, W, D order, optionally a `T` and time
/// parts in H, M, S order, each part a number and at least one part.
fn is_iso_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return false,
        None => (rest, None),
    };
    fn parts(s: &str, units: &[char]) -> Option<usize> {
        let mut next_unit = 0;
        let mut count = 0;
        let mut digits = 0;
        for c in s.chars() {
            if c.is_ascii_digit() {
                digits += 1;
                continue;
            }
            let pos = units[next_unit..].iter().position(|u| *u == c)?;
            if digits == 0 {
                return None;
            }
            next_unit += pos + 1;
            digits = 0;
            count += 1;
        }
        (digits == 0).then_some(count)
    }
    let Some(d) = parts(date, &['Y', 'M', 'W', 'D']) else {
        return false;
    };
    let t = match time {
        Some(t) => match parts(t, &['H', 'M', 'S']) {
            Some(n) if n > 0 => n,
            _ => return false,
        },
        None => 0,
    };
    d + t > 0
}

#[cfg(test)]
mod tests {
    use super::is_iso_duration;

    #[test]
    fn iso_durations() {
        for ok in ["P7Y", "P1Y6M", "P30D", "PT12H", "P1DT2H", "P2W"] {
            assert!(is_iso_duration(ok), "{ok}");
        }
        for bad in ["P", "PT", "PY", "P7Y7", "7Y", "P7X", "P6M1Y", "P1DT", ""] {
            assert!(!is_iso_duration(bad), "{bad}");
        }
    }
}
