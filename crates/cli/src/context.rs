//! What every command needs: the language, the output form, the vault's
//! path and the way to unlock it.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use regie_model::{Language, OrgId};
use regie_vault::{Keychain, Passphrase, Unlock, Vault};
use zeroize_free::SecretLine;

use crate::args::{Cli, Lang};
use crate::exit::{CliError, Result, INVALID, KEY, OTHER};
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

    /// The passphrase for a new vault: given (standard input or
    /// environment), else asked for on the terminal, hidden and twice.
    pub fn new_passphrase(&self) -> Result<Passphrase> {
        if let Some(p) = self.passphrase()? {
            return Ok(p);
        }
        if !on_terminal() {
            return Err(CliError::Vault(regie_vault::Error::PassphraseNeeded));
        }
        let o = self.out;
        for _ in 0..3 {
            let first = ask(o.t(i18n::ASK_NEW_PASSPHRASE))?;
            if first.0.chars().count() < Passphrase::MIN_CHARS {
                tell(&o.f(
                    i18n::PASSPHRASE_SHORT_AGAIN,
                    &[("n", &Passphrase::MIN_CHARS.to_string())],
                ));
                continue;
            }
            let second = ask(o.t(i18n::ASK_PASSPHRASE_AGAIN))?;
            if first.0 == second.0 {
                return Ok(Passphrase::new(first.take()));
            }
            tell(o.t(i18n::PASSPHRASES_DIFFER));
        }
        Err(CliError::own(
            "passphrases-differ",
            INVALID,
            i18n::PASSPHRASE_GAVE_UP,
            &[],
        ))
    }

    /// Opens the vault, with the OS keychain or the passphrase.
    pub fn open(&self) -> Result<Vault> {
        self.open_at(&self.vault_path()?)
    }

    /// Opens the vault at `path`. A passphrase vault with no passphrase
    /// given asks for it on the terminal (hidden), up to three times.
    pub fn open_at(&self, path: &Path) -> Result<Vault> {
        let given = self.passphrase()?;
        let keychain = Keychain::os();
        let open = |p: Option<&Passphrase>| {
            Vault::open(
                path,
                Unlock {
                    keychain: &keychain,
                    passphrase: p,
                },
            )
        };
        let first = open(given.as_ref());
        if given.is_some() || !on_terminal() {
            return Ok(first?);
        }
        let mut result = first;
        for _ in 0..3 {
            match &result {
                Err(regie_vault::Error::PassphraseNeeded) => {}
                Err(regie_vault::Error::WrongPassphrase) => {
                    tell(&regie_vault::Error::WrongPassphrase.message(self.out.lang))
                }
                _ => break,
            }
            let typed = ask(self.out.t(i18n::ASK_PASSPHRASE))?;
            result = open(Some(&Passphrase::new(typed.take())));
        }
        Ok(result?)
    }
}

/// Whether a person types at standard input.
pub fn on_terminal() -> bool {
    std::io::stdin().is_terminal()
}

/// Asks on the terminal without showing what is typed.
pub fn ask(prompt: &str) -> Result<SecretLine> {
    rpassword::prompt_password(format!("{prompt} "))
        .map(SecretLine)
        .map_err(|e| CliError::os(i18n::STDIN_FAILED, "", &e))
}

/// Says something on the terminal (standard error, so output stays clean).
fn tell(s: &str) {
    let _ = writeln!(std::io::stderr(), "{s}");
}

/// Reads one line from standard input, without its line ending.
pub fn read_stdin_line() -> Result<SecretLine> {
    let mut line = String::new();
    let n = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::os(i18n::STDIN_FAILED, "", &e))?;
    if n == 0 {
        return Err(CliError::own("stdin-empty", KEY, i18n::STDIN_EMPTY, &[]));
    }
    let trimmed = line.trim_end_matches(['\r', '\n']).to_owned();
    line.clear();
    Ok(SecretLine(trimmed))
}

/// Reads a file the person named; `-` is standard input.
pub fn read_file(file: &Path) -> Result<Vec<u8>> {
    if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::os(i18n::STDIN_FAILED, "", &e))?;
        return Ok(bytes);
    }
    std::fs::read(file)
        .map_err(|e| CliError::os(i18n::READ_FAILED, &file.display().to_string(), &e))
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
