//! The session: at most one open vault, the UI language, and for a demo the
//! throwaway folder and in-memory keychain that die with the app.

use std::path::PathBuf;
use std::sync::Mutex;

use regie_model::Language;
use regie_vault::{Error, Keychain, Passphrase, Protection, Unlock, Vault};

use crate::error::{AppCode, CmdResult, IpcError};
use crate::wire::{self, AppStatus, ProtectionKind, RecoveryCodeOnce, SessionState};

/// How the app was started.
#[derive(Debug, Clone)]
pub struct Startup {
    /// The vault's path: the same default as the `regie` command's
    /// ([`regie_vault::default_vault_path`]), else `vault.regie` here.
    pub vault_path: PathBuf,
    /// `--demo` or `REGIE_DEMO=1`.
    pub demo: bool,
    /// The language to start in: `REGIE_LANG`, else the system locale,
    /// else Dutch. A choice saved in the app's settings replaces it once
    /// the window has loaded.
    pub language: Language,
}

impl Startup {
    /// Reads the command line and environment, like the `regie` command.
    pub fn from_env() -> Self {
        let demo = std::env::args().any(|a| a == "--demo")
            || std::env::var("REGIE_DEMO").is_ok_and(|v| v == "1");
        let vault_path =
            regie_vault::default_vault_path().unwrap_or_else(|| PathBuf::from("vault.regie"));
        let language = Language::from_environment(|name| std::env::var(name).ok());
        Startup {
            vault_path,
            demo,
            language,
        }
    }
}

struct Demo {
    keychain: Keychain,
    _dir: tempfile::TempDir,
}

/// Everything behind the mutex.
pub struct Session {
    vault: Option<Vault>,
    vault_path: PathBuf,
    keychain: Keychain,
    demo: Option<Demo>,
    language: Language,
    open_error: Option<IpcError>,
}

/// The app's state, managed by Tauri.
pub struct AppState(Mutex<Session>);

impl AppState {
    /// Opens the vault at the default path if its key is in the keychain, or
    /// a fresh demo vault with the example organisations.
    pub fn start(startup: Startup) -> Self {
        let mut s = Session {
            vault: None,
            vault_path: startup.vault_path,
            keychain: Keychain::os(),
            demo: None,
            language: startup.language,
            open_error: None,
        };
        if startup.demo {
            if let Err(e) = s.open_demo() {
                s.open_error = Some(e);
            }
        } else if s.vault_path.exists() {
            let unlock = Unlock {
                keychain: &s.keychain,
                passphrase: None,
            };
            match Vault::open(&s.vault_path, unlock) {
                Ok(v) => s.vault = Some(v),
                Err(e) => s.open_error = Some(IpcError::vault(&e, s.language)),
            }
        }
        AppState(Mutex::new(s))
    }

    /// Runs `f` on the session. A panic in `f` (a fault in Regie) is
    /// caught here, logged without personal data by the panic hook, and
    /// answered as [`crate::error::ErrorCode::Internal`] with where the log
    /// is; the session stays usable.
    ///
    /// Any command may have queued a file to send, so the courier is
    /// woken afterwards ([`crate::courier::kick`]).
    pub fn session<T>(&self, f: impl FnOnce(&mut Session) -> CmdResult<T>) -> CmdResult<T> {
        let out = {
            let mut s = self.0.lock().unwrap_or_else(|p| p.into_inner());
            let lang = s.language;
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut s)))
                .unwrap_or_else(|_| Err(IpcError::internal(lang)))
        };
        crate::courier::kick();
        out
    }

    /// Runs `f` on the open vault for the courier, without waking it:
    /// `None` when no vault is open or `f` failed (a panic is caught as in
    /// [`AppState::session`]); the courier tries again later either way.
    pub fn quietly<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T, Error>) -> Option<T> {
        let mut s = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let v = s.vault.as_mut()?;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(v)))
            .ok()?
            .ok()
    }

    /// Runs `f` on the open vault, with its errors in the person's language.
    pub fn vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T, Error>) -> CmdResult<T> {
        self.vault_with(|v, lang| f(v).map_err(|e| IpcError::vault(&e, lang)))
    }

    /// Like [`AppState::vault`], for work that can fail in the app's own ways.
    pub fn vault_with<T>(
        &self,
        f: impl FnOnce(&mut Vault, Language) -> CmdResult<T>,
    ) -> CmdResult<T> {
        self.session(|s| {
            let lang = s.language;
            let v = s
                .vault
                .as_mut()
                .ok_or_else(|| IpcError::app(AppCode::NoVaultOpen, lang))?;
            f(v, lang)
        })
    }

    /// A note for the terminal when the OS keychain cannot be used on the
    /// first start (no vault yet): the person will need a passphrase, and
    /// the first screen says so too. With a vault, the keychain is not
    /// asked here: opening it says what went wrong.
    pub fn keychain_note(&self) -> Option<String> {
        self.session(|s| {
            if s.vault.is_some() || s.demo.is_some() || s.vault_path.exists() {
                return Ok(None);
            }
            Ok(Keychain::os()
                .probe()
                .err()
                .map(|e| crate::startup::keychain_note(&e, s.language)))
        })
        .ok()
        .flatten()
    }

    /// Closes the vault; a demo vault is deleted with its key.
    pub fn close(&self) {
        let _ = self.session(|s| {
            s.lock();
            Ok(())
        });
    }
}

impl Session {
    /// The person's language for messages.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Sets the language for messages.
    pub fn set_language(&mut self, lang: Language) -> CmdResult<AppStatus> {
        self.language = lang;
        Ok(self.status())
    }

    /// What the UI should show.
    pub fn status(&self) -> AppStatus {
        let state = if self.vault.is_some() {
            SessionState::Open
        } else if self.vault_path.exists() {
            SessionState::Locked
        } else {
            SessionState::NoVault
        };
        AppStatus {
            state,
            demo: self.demo.is_some(),
            vault_path: self.path().display().to_string(),
            uses_keychain: self.vault.as_ref().map(Vault::uses_keychain),
            language: self.language.into(),
            default_folder: dirs::document_dir()
                .filter(|d| d.is_dir())
                .or_else(dirs::home_dir)
                .unwrap_or_default()
                .display()
                .to_string(),
            open_error: if state == SessionState::Open {
                None
            } else {
                self.open_error.clone()
            },
        }
    }

    fn path(&self) -> PathBuf {
        self.vault
            .as_ref()
            .map(|v| v.path().to_owned())
            .unwrap_or_else(|| self.vault_path.clone())
    }

    fn err(&self, e: &Error) -> IpcError {
        IpcError::vault(e, self.language)
    }

    fn ensure_closed(&self) -> CmdResult<()> {
        match self.vault {
            Some(_) => Err(IpcError::app(AppCode::VaultAlreadyOpen, self.language)),
            None => Ok(()),
        }
    }

    fn protection(&self, kind: ProtectionKind, passphrase: Option<String>) -> Protection {
        match kind {
            ProtectionKind::Keychain => Protection::Keychain(self.keychain.clone()),
            ProtectionKind::Passphrase => {
                Protection::Passphrase(Passphrase::new(passphrase.unwrap_or_default()))
            }
        }
    }

    /// Creates the vault at the default path. The recovery code is returned
    /// here once and never again.
    pub fn create(
        &mut self,
        kind: ProtectionKind,
        passphrase: Option<String>,
    ) -> CmdResult<RecoveryCodeOnce> {
        self.ensure_closed()?;
        let protection = self.protection(kind, passphrase);
        let (vault, code) =
            Vault::create(&self.vault_path, protection).map_err(|e| self.err(&e))?;
        self.vault = Some(vault);
        self.open_error = None;
        Ok(RecoveryCodeOnce {
            recovery_code: code.reveal().to_owned(),
        })
    }

    /// Opens the vault at the default path.
    pub fn unlock(&mut self, passphrase: Option<String>) -> CmdResult<AppStatus> {
        self.ensure_closed()?;
        let passphrase = passphrase.filter(|p| !p.is_empty()).map(Passphrase::new);
        let unlock = Unlock {
            keychain: &self.keychain,
            passphrase: passphrase.as_ref(),
        };
        let vault = Vault::open(&self.vault_path, unlock).map_err(|e| self.err(&e))?;
        self.vault = Some(vault);
        self.open_error = None;
        Ok(self.status())
    }

    /// Regains access with the recovery code, from a backup file or for the
    /// vault at the default path. Returns the (same) recovery code once.
    pub fn restore(
        &mut self,
        backup: Option<String>,
        recovery_code: String,
        kind: ProtectionKind,
        passphrase: Option<String>,
    ) -> CmdResult<RecoveryCodeOnce> {
        self.ensure_closed()?;
        let protection = self.protection(kind, passphrase);
        let backup = backup.filter(|b| !b.is_empty()).map(PathBuf::from);
        let (vault, code) = Vault::restore(
            &self.vault_path,
            backup.as_deref(),
            recovery_code.trim(),
            protection,
        )
        .map_err(|e| self.err(&e))?;
        self.vault = Some(vault);
        self.open_error = None;
        Ok(RecoveryCodeOnce {
            recovery_code: code.reveal().to_owned(),
        })
    }

    /// Opens a throwaway vault with the example organisations, in a
    /// temporary folder with an in-memory key; both vanish at exit.
    pub fn open_demo(&mut self) -> CmdResult<AppStatus> {
        self.ensure_closed()?;
        let lang = self.language;
        let io = |e: std::io::Error| {
            let path = std::env::temp_dir();
            IpcError::vault(&Error::Io { path, source: e }, lang)
        };
        let dir = tempfile::Builder::new()
            .prefix("regie-demo-")
            .tempdir()
            .map_err(io)?;
        let keychain = Keychain::in_memory();
        let path = dir.path().join("demo.regie");
        let (mut vault, _code) = Vault::create(&path, Protection::Keychain(keychain.clone()))
            .map_err(|e| self.err(&e))?;
        vault.load_examples().map_err(|e| self.err(&e))?;
        crate::perf::fill_demo(&mut vault, crate::perf::demo_orgs()).map_err(|e| self.err(&e))?;
        self.vault = Some(vault);
        self.demo = Some(Demo {
            keychain,
            _dir: dir,
        });
        self.open_error = None;
        Ok(self.status())
    }

    /// Closes the vault. A demo vault is destroyed, key and files.
    pub fn lock(&mut self) -> AppStatus {
        if let Some(v) = self.vault.take() {
            match self.demo.take() {
                Some(demo) => {
                    let _ = v.destroy(&demo.keychain);
                }
                None => drop(v),
            }
        }
        self.status()
    }

    /// Whether the OS keychain can be used here.
    pub fn keychain_status(&self) -> wire::KeychainStatus {
        let probe = Keychain::os().probe();
        wire::KeychainStatus {
            vault_uses_keychain: self.vault.as_ref().map(Vault::uses_keychain),
            available: probe.is_ok(),
            problem: probe.err().map(|e| e.message(self.language)),
        }
    }
}
