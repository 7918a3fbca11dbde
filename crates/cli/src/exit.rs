//! The command line's errors and exit codes.
//!
//! Exit codes are part of the interface: scripts switch on them, never on
//! the message text. They are:
//!
//! | code | meaning |
//! |-----:|---------|
//! | 0 | ok |
//! | 1 | other error (a file could not be written, a vault already exists, ...) |
//! | 2 | usage: the command line itself is wrong (from clap) |
//! | 3 | vault not found |
//! | 4 | vault in use by another window or command |
//! | 5 | key problem: keychain unavailable, locked or without the key, wrong key, wrong or missing passphrase, bad recovery code |
//! | 6 | vault damaged (file, encryption or history chain) |
//! | 7 | not allowed: a holding required by law or contract, service messages |
//! | 8 | unknown organisation or holding |
//! | 9 | invalid input |
//!
//! With `--json`, an error is printed on stderr as
//! `{"error":{"code":"vault-in-use","message":"..."}}`; the code is the
//! vault's stable [`ErrorCode`] name, or one of the command line's own
//! (`invalid-input`, `service-not-blockable`, `usage`, `io`).

use regie_model::{ContactError, Language, Text};
use regie_vault::{Error as VaultError, ErrorCode};

use crate::i18n;

/// Exit code: everything went well.
pub const OK: u8 = 0;
/// Exit code: another error.
pub const OTHER: u8 = 1;
/// Exit code: the command line is wrong (clap's own code).
pub const USAGE: u8 = 2;
/// Exit code: no vault at that path.
pub const NOT_FOUND: u8 = 3;
/// Exit code: the vault is open elsewhere.
pub const IN_USE: u8 = 4;
/// Exit code: a key, keychain, passphrase or recovery code problem.
pub const KEY: u8 = 5;
/// Exit code: the vault is damaged.
pub const DAMAGED: u8 = 6;
/// Exit code: the law, a contract or the nature of the message forbids it.
pub const NOT_ALLOWED: u8 = 7;
/// Exit code: no such organisation or holding.
pub const UNKNOWN: u8 = 8;
/// Exit code: invalid input.
pub const INVALID: u8 = 9;
/// Exit code: `regie verify` rejected the file.
pub const REJECTED: u8 = 10;

/// The text for `regie --help`.
pub const HELP_TABLE: &str = "\
Exit codes:
  0  ok
  1  other error
  2  usage (the command line is wrong)
  3  vault not found
  4  vault in use by another window or command
  5  key problem (keychain unavailable, locked or without the key; wrong key;
     wrong or missing passphrase; bad recovery code)
  6  vault damaged
  7  not allowed (required by law or contract; service messages)
  8  unknown organisation or holding
  9  invalid input
  10 the preference file was rejected (regie verify)

Environment:
  REGIE_VAULT          the vault's path (instead of --vault)
  REGIE_LANG           nl or en (instead of --lang; else LANG starting with nl gives Dutch)
  REGIE_PASSPHRASE     the passphrase of a passphrase vault
  REGIE_RECOVERY_CODE  the recovery code for `regie restore`";

/// An error the command line reports.
#[derive(Debug)]
pub enum CliError {
    /// From the vault.
    Vault(VaultError),
    /// Found by the command line itself: a code, an exit code and a text.
    Own {
        /// Stable code for programs.
        code: &'static str,
        /// Exit code.
        exit: u8,
        /// The message in both languages, already filled in.
        nl: String,
        /// English.
        en: String,
    },
}

impl From<VaultError> for CliError {
    fn from(e: VaultError) -> Self {
        // Blocking service messages is refused by the model; to a person it
        // is "not allowed", not a typo.
        if matches!(e, VaultError::Contact(ContactError::ServiceNotBlockable)) {
            return CliError::own(
                "service-not-blockable",
                NOT_ALLOWED,
                i18n::SERVICE_NOT_BLOCKABLE,
                &[],
            );
        }
        CliError::Vault(e)
    }
}

impl CliError {
    /// An error of the command line's own, from a bilingual text.
    pub fn own(code: &'static str, exit: u8, t: Text, vars: &[(&str, &str)]) -> Self {
        CliError::Own {
            code,
            exit,
            nl: i18n::fill(Language::Nl, t, vars),
            en: i18n::fill(Language::En, t, vars),
        }
    }

    /// Invalid input, with the offending value.
    pub fn invalid(t: Text, value: &str) -> Self {
        CliError::own("invalid-input", INVALID, t, &[("value", value)])
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Vault(e) => e.code().as_str(),
            CliError::Own { code, .. } => code,
        }
    }

    /// The message in the person's language.
    pub fn message(&self, lang: Language) -> String {
        match self {
            CliError::Vault(e) => e.message(lang),
            CliError::Own { nl, en, .. } => match lang {
                Language::Nl => nl.clone(),
                Language::En => en.clone(),
            },
        }
    }

    /// The exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Vault(e) => exit_for(e.code()),
            CliError::Own { exit, .. } => *exit,
        }
    }
}

/// Maps the vault's error codes to exit codes.
pub fn exit_for(code: ErrorCode) -> u8 {
    use ErrorCode as C;
    match code {
        C::VaultNotFound => NOT_FOUND,
        C::VaultInUse => IN_USE,
        C::WrongKey
        | C::KeyFileMissing
        | C::KeyFileDamaged
        | C::KeychainUnavailable
        | C::KeychainLocked
        | C::KeyMissing
        | C::PassphraseNeeded
        | C::WrongPassphrase
        | C::BadRecoveryCode
        | C::RecoveryCodeMismatch => KEY,
        C::VaultCorrupt | C::HistoryTampered => DAMAGED,
        C::Locked | C::WrongAction => NOT_ALLOWED,
        C::UnknownOrganisation | C::UnknownHolding => UNKNOWN,
        C::InvalidInput
        | C::PassphraseTooShort
        | C::OrganisationExists
        | C::InvalidDeclaration
        | C::DeclarationNotNewer => INVALID,
        C::VaultExists | C::VaultTooNew | C::Io | C::Database | C::Random => OTHER,
    }
}

/// A result with the command line's error.
pub type Result<T, E = CliError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_errors_map_to_documented_exit_codes() {
        assert_eq!(exit_for(ErrorCode::VaultInUse), 4);
        assert_eq!(exit_for(ErrorCode::WrongPassphrase), 5);
        assert_eq!(exit_for(ErrorCode::Locked), 7);
        assert_eq!(exit_for(ErrorCode::UnknownOrganisation), 8);
        let e: CliError = VaultError::Contact(ContactError::ServiceNotBlockable).into();
        assert_eq!(e.exit_code(), NOT_ALLOWED);
        assert_eq!(e.code(), "service-not-blockable");
    }
}
