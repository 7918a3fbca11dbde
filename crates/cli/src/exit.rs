//! The command line's errors and exit codes.
//!
//! Exit codes are part of the interface: scripts switch on them, never on
//! the message text. They are:
//!
//! | code | meaning |
//! |-----:|---------|
//! | 0 | ok |
//! | 1 | other error (a vault already exists there, an unexpected database error, ...) |
//! | 2 | usage: the command line itself is wrong (from clap, and flags that do not go together) |
//! | 3 | no vault at that path |
//! | 4 | vault in use by another window or command |
//! | 5 | key problem: wrong key or passphrase, no passphrase given, keychain unavailable or locked, recovery code wrong |
//! | 6 | vault damaged, as a check proved (the encryption's page check, SQLite's integrity check, the history chain) |
//! | 7 | not allowed: a holding required by law or contract, service messages |
//! | 8 | unknown organisation or holding |
//! | 9 | invalid input |
//! | 10 | `regie verify` rejected the file |
//! | 11 | key missing: the key file, or the keychain's key, is gone or damaged (the recovery code helps) |
//! | 12 | not a vault: a folder, or a file of another kind |
//! | 13 | no permission, or the vault is read-only (reading commands still work) |
//! | 14 | a file could not be read or written: disk full, input/output error, no such folder |
//! | 15 | the vault was written by a newer Regie |
//! | 16 | not delivered: no inbox known, not linked, or the organisation could not be reached or did not confirm (the file keeps waiting) |
//! | 17 | the organisation refused the link code |
//! | 70 | something went wrong inside `regie` (a fault in the program; a log was written) |
//!
//! Restoring a backup is only advised when the damage is proven (6) or
//! the key is lost (11): a person told "damaged" may overwrite a healthy
//! vault with an older one.
//!
//! With `--json`, an error is printed on stderr as
//! `{"error":{"code":"vault-in-use","message":"..."}}`; the code is the
//! vault's stable [`ErrorCode`] name, or one of the command line's own
//! (`invalid-input`, `service-not-blockable`, `usage`, `io`, `disk-full`,
//! `no-permission`, `internal`, ...).

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
/// Exit code: the key file or the keychain's key is gone or damaged.
pub const KEY_MISSING: u8 = 11;
/// Exit code: not a vault (a folder, a file of another kind).
pub const NOT_A_VAULT: u8 = 12;
/// Exit code: no permission, or the vault is read-only.
pub const NO_PERMISSION: u8 = 13;
/// Exit code: a file could not be read or written (disk full, I/O error).
pub const FILE: u8 = 14;
/// Exit code: the vault was written by a newer Regie.
pub const TOO_NEW: u8 = 15;
/// Exit code: a file was not delivered, or cannot be: no inbox known, not
/// linked, the organisation unreachable, or its answer not a receipt that
/// confirms it.
pub const NOT_DELIVERED: u8 = 16;
/// Exit code: the organisation refused the link code.
pub const REFUSED: u8 = 17;
/// Exit code: a panic, caught at the top.
pub const INTERNAL: u8 = regie_cli_text::crash::EXIT;

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

    /// A file or standard input the operating system refused: `{path}`
    /// and `{err}` in `t` are filled in, the reason in each language's own
    /// words; the code and exit code follow the cause (a full disk, no
    /// permission, anything else).
    pub fn os(t: Text, path: &str, e: &std::io::Error) -> Self {
        use regie_cli_text::os::{reason, OsProblem};
        let (code, exit) = match OsProblem::of(e) {
            OsProblem::StorageFull => ("disk-full", FILE),
            OsProblem::PermissionDenied | OsProblem::ReadOnlyFilesystem => {
                ("no-permission", NO_PERMISSION)
            }
            _ => ("io", FILE),
        };
        CliError::Own {
            code,
            exit,
            nl: i18n::fill(
                Language::Nl,
                t,
                &[("path", path), ("err", &reason(e, Language::Nl))],
            ),
            en: i18n::fill(
                Language::En,
                t,
                &[("path", path), ("err", &reason(e, Language::En))],
            ),
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

    /// The message in the person's language: for a vault error, what
    /// happened (the vault's words) and what to do (this command line's
    /// advice for its code).
    pub fn message(&self, lang: Language) -> String {
        match self {
            CliError::Vault(e) => {
                let happened = e.message(lang);
                format!(
                    "{}. {}",
                    happened.trim_end_matches('.'),
                    advice(e.code()).get(lang)
                )
            }
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
        C::NotAVault => NOT_A_VAULT,
        C::VaultInUse => IN_USE,
        C::VaultReadOnly | C::NoPermission => NO_PERMISSION,
        C::DiskFull | C::Io => FILE,
        C::WrongKey
        | C::KeychainUnavailable
        | C::KeychainLocked
        | C::PassphraseNeeded
        | C::WrongPassphrase
        | C::BadRecoveryCode
        | C::RecoveryCodeMismatch => KEY,
        C::KeyFileMissing | C::KeyFileDamaged | C::KeyMissing => KEY_MISSING,
        C::VaultCorrupt | C::HistoryTampered => DAMAGED,
        C::VaultTooNew => TOO_NEW,
        C::Locked | C::WrongAction => NOT_ALLOWED,
        C::UnknownOrganisation | C::UnknownHolding => UNKNOWN,
        C::InvalidInput
        | C::PassphraseTooShort
        | C::OrganisationExists
        | C::InvalidDeclaration
        | C::DeclarationNotNewer => INVALID,
        C::NoInbox | C::NotLinked | C::NotDelivered => NOT_DELIVERED,
        C::LinkRefused => REFUSED,
        C::VaultExists | C::Database | C::Random => OTHER,
    }
}

/// What to do about a vault error, on the command line: each code's advice,
/// naming this command line's commands and flags (the app has its own
/// table, naming its screens). A new code does not compile until it has
/// advice here.
pub fn advice(code: ErrorCode) -> Text {
    use ErrorCode as C;
    let (nl, en) = match code {
        C::VaultNotFound => (
            "Maak een kluis met `regie init`, of geef het goede pad met --vault.",
            "Create one with `regie init`, or give the right path with --vault.",
        ),
        C::NotAVault => (
            "Geef het pad van uw kluisbestand met --vault (een bestand, geen map), of maak op een vrije plek een nieuwe kluis met `regie init`.",
            "Give your vault file's path with --vault (a file, not a folder), or create a new vault in a free place with `regie init`.",
        ),
        C::VaultExists => (
            "Kies een ander pad, of open deze kluis.",
            "Choose another path, or open this vault.",
        ),
        C::VaultInUse => (
            "Sluit het andere venster of commando en probeer het opnieuw.",
            "Close the other window or command and try again.",
        ),
        C::VaultReadOnly => (
            "Lezen kan wel (regie orgs, show, history, check, export). Wilt u iets veranderen, geef uzelf dan schrijfrechten op het bestand en de map, of werk als de eigenaar van de kluis.",
            "Reading still works (regie orgs, show, history, check, export). To change something, give yourself write permission on the file and its folder, or work as the vault's owner.",
        ),
        C::NoPermission => (
            "Controleer de rechten van het bestand en de map (ls -l), of werk als hun eigenaar.",
            "Check the permissions of the file and its folder (ls -l), or work as their owner.",
        ),
        C::DiskFull => (
            "Maak ruimte vrij op de schijf en probeer het opnieuw.",
            "Free some space on the disk and try again.",
        ),
        C::WrongKey => (
            "Controleer of de kluis en haar sleutelbestand (.key) bij elkaar horen. Zo niet, herstel de toegang met uw herstelcode: regie restore --recovery-code-stdin.",
            "Check that the vault and its key file (.key) belong together. If not, restore access with your recovery code: regie restore --recovery-code-stdin.",
        ),
        C::KeyFileMissing | C::KeyFileDamaged | C::KeyMissing => (
            "Herstel de toegang met uw herstelcode: regie restore --recovery-code-stdin.",
            "Restore access with your recovery code: regie restore --recovery-code-stdin.",
        ),
        C::VaultCorrupt => (
            "Zet een reservekopie terug: regie --vault NIEUW-PAD restore --from KOPIE --recovery-code-stdin.",
            "Restore a backup: regie --vault NEW-PATH restore --from BACKUP --recovery-code-stdin.",
        ),
        C::KeychainUnavailable => (
            "Start de sleutelbos van uw computer (op Linux: GNOME Keyring of KWallet), of maak de kluis met een wachtwoordzin (regie init --passphrase).",
            "Start your desktop's keyring (on Linux: GNOME Keyring or KWallet), or create the vault with a passphrase instead (regie init --passphrase).",
        ),
        C::KeychainLocked => (
            "Open uw sleutelbos (log opnieuw in, of open uw sleutelbos-app) en probeer het nog eens.",
            "Unlock your keychain (log in again, or open your keyring app) and try again.",
        ),
        C::PassphraseNeeded => (
            "Start het commando in een terminal, dan vraagt Regie erom, of geef de wachtwoordzin via REGIE_PASSPHRASE of --passphrase-stdin.",
            "Run the command in a terminal and Regie asks for it, or give the passphrase in REGIE_PASSPHRASE or with --passphrase-stdin.",
        ),
        C::WrongPassphrase => (
            "Probeer het opnieuw, of gebruik uw herstelcode: regie restore --recovery-code-stdin.",
            "Try again, or use your recovery code: regie restore --recovery-code-stdin.",
        ),
        C::PassphraseTooShort => ("Kies een langere wachtwoordzin.", "Choose a longer passphrase."),
        C::BadRecoveryCode => (
            "Controleer elk groepje van vijf tekens en probeer het opnieuw.",
            "Check each group of five characters and try again.",
        ),
        C::RecoveryCodeMismatch => (
            "Gebruik de herstelcode van deze kluis, en controleer of u het goede bestand koos.",
            "Use this vault's recovery code, and check that you chose the right file.",
        ),
        C::VaultTooNew => ("Werk Regie bij.", "Update Regie."),
        C::UnknownOrganisation => (
            "Zie `regie orgs` voor de organisaties in uw kluis.",
            "See `regie orgs` for the organisations in your vault.",
        ),
        C::UnknownHolding => (
            "Zie `regie show ORGANISATIE` voor wat zij wel met uw gegevens doet.",
            "See `regie show ORGANISATION` for what it does with your data.",
        ),
        C::OrganisationExists => (
            "Zie haar met `regie show`, of kies een andere code.",
            "See it with `regie show`, or choose another id.",
        ),
        C::Locked => (
            "Er is niets veranderd. Wel kiest u hoe zij u bereikt: regie contact.",
            "Nothing was changed. You can still choose how they reach you: regie contact.",
        ),
        C::WrongAction => (
            "Gebruik `regie consent` bij toestemming en `regie object` bij het belang van de organisatie.",
            "Use `regie consent` for consent and `regie object` for the organisation's own interest.",
        ),
        C::InvalidInput => (
            "Er is niets veranderd. `regie help` laat zien wat elk commando verwacht.",
            "Nothing was changed. `regie help` shows what each command expects.",
        ),
        C::InvalidDeclaration => (
            "Er is niets veranderd. Vraag de organisatie om een verbeterd bestand.",
            "Nothing was changed. Ask the organisation for a corrected file.",
        ),
        C::DeclarationNotNewer => (
            "Er is niets veranderd: de verklaring in uw kluis blijft.",
            "Nothing was changed: the declaration in your vault stays.",
        ),
        C::HistoryTampered => (
            "Zet een reservekopie terug die u vertrouwt: regie --vault NIEUW-PAD restore --from KOPIE --recovery-code-stdin.",
            "Restore a backup you trust: regie --vault NEW-PATH restore --from BACKUP --recovery-code-stdin.",
        ),
        C::Io => (
            "Controleer of de map bestaat en of de schijf goed werkt, en probeer het opnieuw.",
            "Check that the folder exists and that the disk works, and try again.",
        ),
        C::Database => (
            "Controleer de kluis met `regie check`: die zegt of zij beschadigd is.",
            "Check the vault with `regie check`: it tells whether it is damaged.",
        ),
        C::Random => (
            "Probeer het opnieuw; blijft dit gebeuren, start dan uw computer opnieuw.",
            "Try again; if it keeps happening, restart your computer.",
        ),
        C::NoInbox => (
            "Lees eerst de ondertekende verklaring van de organisatie in: regie import BESTAND.",
            "First import the organisation's signed declaration: regie import FILE.",
        ),
        C::NotLinked => (
            "Vraag de organisatie om een koppelcode en koppel: regie link ORGANISATIE CODE.",
            "Ask the organisation for a link code and link: regie link ORGANISATION CODE.",
        ),
        C::NotDelivered => (
            "Er is niets verloren: een bestand blijft wachten tot het bevestigd is (regie outbox). Probeer het later opnieuw.",
            "Nothing is lost: a file keeps waiting until it is confirmed (regie outbox). Try again later.",
        ),
        C::LinkRefused => (
            "Er is niets gekoppeld. Het ontvangstbewijs van de weigering staat in uw kluis (regie receipts).",
            "Nothing was linked. The receipt of the refusal is in your vault (regie receipts).",
        ),
    };
    Text { nl, en }
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

    #[test]
    fn every_vault_error_gets_advice_in_both_languages_after_what_happened() {
        for &code in ErrorCode::ALL {
            let a = advice(code);
            assert!(!a.nl.trim().is_empty() && !a.en.trim().is_empty(), "{code}");
            assert_ne!(a.nl, a.en, "{code}");
        }
        let e = CliError::Vault(VaultError::PassphraseNeeded);
        assert_eq!(
            e.message(Language::En),
            "this vault is protected with a passphrase. Run the command in a terminal and Regie asks for it, or give the passphrase in REGIE_PASSPHRASE or with --passphrase-stdin."
        );
        assert!(e
            .message(Language::Nl)
            .starts_with("deze kluis is beveiligd"));
        assert!(e.message(Language::Nl).contains("--passphrase-stdin"));
    }
}
