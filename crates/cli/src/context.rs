//! What every command needs: the language, the output form, the vault's
//! path and the way to unlock it.

use std::io::BufRead;
use std::path::PathBuf;

use regie_model::{Language, OrgId};
use regie_vault::{Keychain, Passphrase, Unlock, Vault};
use zeroize_free::SecretLine;

use crate::args::{Cli, Lang};
use crate::exit::{CliError, Result, KEY, OTHER};
use crate::i18n;
use crate::output::Out;

/// The environment a command runs in.
pub struct Ctx {
    /// Output.
    pub out: Out,
    /// `--vault`, if given.
    pub vault_arg: Option<PathBuf>,
    /// `--passphrase-stdin`.
    pub passphrase_stdin: bool,
}

/// The language `main` chose (`regie_cli_text::language`) and put in
/// `--lang`.
fn language(flag: Option<Lang>) -> Language {
    match flag {
        Some(Lang::En) => Language::En,
        Some(Lang::Nl) | None => Language::Nl,
    }
}

impl Ctx {
    /// From the parsed command line.
    pub fn new(cli: &Cli) -> Ctx {
        Ctx {
            out: Out {
                json: cli.json,
                lang: language(cli.lang),
            },
            vault_arg: cli.vault.clone(),
            passphrase_stdin: cli.passphrase_stdin,
        }
    }

    /// The vault's path: `--vault`, else the default the app uses too
    /// ([`regie_vault::default_vault_path`]: `$REGIE_VAULT`, else the
    /// platform's data folder).
    pub fn vault_path(&self) -> Result<PathBuf> {
        if let Some(p) = &self.vault_arg {
            return Ok(p.clone());
        }
        regie_vault::default_vault_path()
            .ok_or_else(|| CliError::own("no-data-dir", OTHER, i18n::NO_DATA_DIR, &[]))
    }

    /// The passphrase, if one was given (standard input or environment).
    pub fn passphrase(&self) -> Result<Option<Passphrase>> {
        if self.passphrase_stdin {
            let line = read_stdin_line()?;
            return Ok(Some(Passphrase::new(line.take())));
        }
        Ok(std::env::var("REGIE_PASSPHRASE")
            .ok()
            .filter(|p| !p.is_empty())
            .map(Passphrase::new))
    }

    /// The passphrase, required (for creating a passphrase vault).
    pub fn require_passphrase(&self) -> Result<Passphrase> {
        self.passphrase()?
            .ok_or(CliError::Vault(regie_vault::Error::PassphraseNeeded))
    }

    /// Opens the vault, with the OS keychain or the passphrase.
    pub fn open(&self) -> Result<Vault> {
        let path = self.vault_path()?;
        if !path.exists() {
            return Err(regie_vault::Error::VaultNotFound(path).into());
        }
        let passphrase = self.passphrase()?;
        let keychain = Keychain::os();
        Ok(Vault::open(
            &path,
            Unlock {
                keychain: &keychain,
                passphrase: passphrase.as_ref(),
            },
        )?)
    }
}

/// Reads one line from standard input, without its line ending.
pub fn read_stdin_line() -> Result<SecretLine> {
    let mut line = String::new();
    let n = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::own("io", OTHER, i18n::STDIN_FAILED, &[("err", &e.to_string())]))?;
    if n == 0 {
        return Err(CliError::own("stdin-empty", KEY, i18n::STDIN_EMPTY, &[]));
    }
    let trimmed = line.trim_end_matches(['\r', '\n']).to_owned();
    line.clear();
    Ok(SecretLine(trimmed))
}

/// Finds an organisation by id, or else by its exact name (any case), so a
/// person can type `ING` as well as `kvk:33031431`.
pub fn resolve_org(vault: &Vault, given: &str) -> Result<OrgId> {
    if let Ok(id) = OrgId::parse(given) {
        return Ok(id);
    }
    let wanted = given.trim().to_lowercase();
    for s in vault.organisations()? {
        if s.org.name.to_lowercase() == wanted {
            return Ok(s.org.id);
        }
    }
    Err(regie_vault::Error::UnknownOrganisation(given.to_owned()).into())
}

mod zeroize_free {
    //! A line read from standard input that may hold a secret: it cannot be
    //! printed by accident.

    /// A secret line.
    pub struct SecretLine(pub(super) String);

    impl SecretLine {
        /// The text, moved out.
        pub fn take(self) -> String {
            self.0
        }
    }

    impl std::fmt::Debug for SecretLine {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("SecretLine(<redacted>)")
        }
    }
}
