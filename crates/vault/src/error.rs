//! The vault's errors.
//!
//! Each variant is a case a person can act on, with a stable [`ErrorCode`]
//! for programs (the command line's exit codes, the app's IPC) and a message
//! in Dutch and English that says what happened and what to do next.

use std::path::{Path, PathBuf};

use regie_model::{ContactError, DecisionError, Language, LegalBasis, OrgIdError};

/// A stable, closed list of error codes, for programs to switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// No vault at that path.
    VaultNotFound,
    /// A vault (or its key file) already exists there.
    VaultExists,
    /// Another process has the vault open.
    VaultInUse,
    /// The key does not open this vault.
    WrongKey,
    /// The vault file is damaged.
    VaultCorrupt,
    /// The key file beside the vault is missing.
    KeyFileMissing,
    /// The key file beside the vault is damaged.
    KeyFileDamaged,
    /// The keychain cannot be reached.
    KeychainUnavailable,
    /// The keychain is locked.
    KeychainLocked,
    /// The keychain has no key for this vault.
    KeyMissing,
    /// A passphrase is needed.
    PassphraseNeeded,
    /// The passphrase is wrong.
    WrongPassphrase,
    /// The passphrase is too short.
    PassphraseTooShort,
    /// The recovery code is mistyped.
    BadRecoveryCode,
    /// The recovery code belongs to another vault, or the file is damaged.
    RecoveryCodeMismatch,
    /// The vault was written by a newer Regie.
    VaultTooNew,
    /// No such organisation.
    UnknownOrganisation,
    /// No such holding.
    UnknownHolding,
    /// The organisation already exists.
    OrganisationExists,
    /// The legal basis leaves no choice.
    Locked,
    /// The action does not fit the legal basis.
    WrongAction,
    /// Invalid input.
    InvalidInput,
    /// An organisation's declaration file was refused.
    InvalidDeclaration,
    /// The declaration is not newer than the one already imported.
    DeclarationNotNewer,
    /// The history chain is broken.
    HistoryTampered,
    /// A file could not be read or written.
    Io,
    /// An unexpected database error.
    Database,
    /// The operating system gave no randomness.
    Random,
}

impl ErrorCode {
    /// The code as text, e.g. `vault-in-use`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::VaultNotFound => "vault-not-found",
            ErrorCode::VaultExists => "vault-exists",
            ErrorCode::VaultInUse => "vault-in-use",
            ErrorCode::WrongKey => "wrong-key",
            ErrorCode::VaultCorrupt => "vault-corrupt",
            ErrorCode::KeyFileMissing => "key-file-missing",
            ErrorCode::KeyFileDamaged => "key-file-damaged",
            ErrorCode::KeychainUnavailable => "keychain-unavailable",
            ErrorCode::KeychainLocked => "keychain-locked",
            ErrorCode::KeyMissing => "key-missing",
            ErrorCode::PassphraseNeeded => "passphrase-needed",
            ErrorCode::WrongPassphrase => "wrong-passphrase",
            ErrorCode::PassphraseTooShort => "passphrase-too-short",
            ErrorCode::BadRecoveryCode => "bad-recovery-code",
            ErrorCode::RecoveryCodeMismatch => "recovery-code-mismatch",
            ErrorCode::VaultTooNew => "vault-too-new",
            ErrorCode::UnknownOrganisation => "unknown-organisation",
            ErrorCode::UnknownHolding => "unknown-holding",
            ErrorCode::OrganisationExists => "organisation-exists",
            ErrorCode::Locked => "locked",
            ErrorCode::WrongAction => "wrong-action",
            ErrorCode::InvalidInput => "invalid-input",
            ErrorCode::InvalidDeclaration => "invalid-declaration",
            ErrorCode::DeclarationNotNewer => "declaration-not-newer",
            ErrorCode::HistoryTampered => "history-tampered",
            ErrorCode::Io => "io",
            ErrorCode::Database => "database",
            ErrorCode::Random => "random",
        }
    }
}

/// What went wrong with the keychain.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeychainProblem {
    /// No keychain service could be reached (no Secret Service, no D-Bus session).
    Unavailable(String),
    /// The keychain is there but locked.
    Locked(String),
    /// The keychain is there but has no key for this vault.
    KeyMissing,
}

/// An error from the vault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No vault at that path.
    #[error("there is no vault at {0}: create one with `regie init`, or give the right path with --vault")]
    VaultNotFound(PathBuf),
    /// A vault already exists there; it is never overwritten.
    #[error("a vault already exists at {0}: it was left untouched. Choose another path, or open this one")]
    VaultExists(PathBuf),
    /// Another process has the vault open.
    #[error("the vault is in use by another Regie window or command: close it and try again")]
    VaultInUse,
    /// The key is not the key of this vault.
    #[error("this key does not open the vault: it belongs to another vault. The vault file was left untouched")]
    WrongKey,
    /// The vault file is damaged.
    #[error("the vault file is damaged ({0}): it was left untouched. Restore a backup with `regie restore`")]
    Corrupt(String),
    /// The key file is missing.
    #[error("the key file {0} is missing: restore access with your recovery code (`regie restore --recovery-code-stdin`)")]
    KeyFileMissing(PathBuf),
    /// The key file is damaged.
    #[error("the key file {0} is damaged: restore access with your recovery code (`regie restore --recovery-code-stdin`)")]
    KeyFileDamaged(PathBuf),
    /// A keychain problem.
    #[error("{}", keychain_message(.0, Language::En))]
    Keychain(KeychainProblem),
    /// A passphrase is needed for this vault.
    #[error("this vault is protected with a passphrase: give it (REGIE_PASSPHRASE or --passphrase-stdin)")]
    PassphraseNeeded,
    /// Wrong passphrase.
    #[error("the passphrase is wrong: try again, or use your recovery code")]
    WrongPassphrase,
    /// Passphrase too short.
    #[error("the passphrase is too short: use at least {0} characters")]
    PassphraseTooShort(usize),
    /// A recovery code with a typo.
    #[error("the recovery code is not right: check each group of five characters and try again")]
    BadRecoveryCode,
    /// The recovery code does not open that file.
    #[error("the recovery code does not open this file: it belongs to another vault, or the file is damaged")]
    RecoveryCodeMismatch,
    /// Written by a newer version.
    #[error("this vault was written by a newer version of Regie (schema {found}, this version knows {known}): update Regie")]
    VaultTooNew {
        /// The schema version in the file.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// No such organisation.
    #[error("there is no organisation '{0}' in your vault: see `regie orgs` for the list")]
    UnknownOrganisation(String),
    /// No such holding.
    #[error("{0}")]
    UnknownHolding(String),
    /// The organisation already exists.
    #[error("the organisation '{0}' is already in your vault")]
    OrganisationExists(String),
    /// The legal basis leaves no choice.
    #[error("you cannot switch this off: {reason}")]
    Locked {
        /// The basis.
        basis: LegalBasis,
        /// Why, in plain English, naming the law where known.
        reason: String,
        /// Why, in plain Dutch.
        reason_nl: String,
    },
    /// The action does not fit the legal basis.
    #[error(transparent)]
    Decision(DecisionError),
    /// An organisation's declaration was refused.
    #[error(transparent)]
    Declaration(crate::declaration::DeclarationError),
    /// A contact preference that cannot be.
    #[error(transparent)]
    Contact(#[from] ContactError),
    /// A bad organisation id.
    #[error(transparent)]
    OrgId(#[from] OrgIdError),
    /// Other invalid input.
    #[error("{0}")]
    Invalid(String),
    /// The history chain does not verify.
    #[error("the history has been changed outside Regie: event {0} does not match the chain")]
    HistoryTampered(i64),
    /// A file could not be read or written.
    #[error("could not use {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An unexpected database error.
    #[error("database error: {0}")]
    Database(String),
    /// No randomness from the OS.
    #[error("the operating system gave no random numbers: {0}")]
    Random(String),
}

fn keychain_message(p: &KeychainProblem, lang: Language) -> String {
    match (p, lang) {
        (KeychainProblem::Unavailable(d), Language::En) => format!(
            "no keychain could be reached ({d}). Start your desktop's keyring (on Linux: GNOME Keyring or KWallet), or create the vault with a passphrase instead (--passphrase). No key was written anywhere"
        ),
        (KeychainProblem::Unavailable(d), Language::Nl) => format!(
            "Regie kan geen sleutelbos bereiken ({d}). Start de sleutelbos van uw computer (op Linux: GNOME Keyring of KWallet), of maak de kluis met een wachtwoordzin (--passphrase). Er is nergens een sleutel opgeslagen"
        ),
        (KeychainProblem::Locked(_), Language::En) => {
            "your keychain is locked: unlock it (log in again, or open your keyring app) and try again".into()
        }
        (KeychainProblem::Locked(_), Language::Nl) => {
            "uw sleutelbos is op slot: open hem (log opnieuw in, of open uw sleutelbos-app) en probeer het nog eens".into()
        }
        (KeychainProblem::KeyMissing, Language::En) => {
            "the keychain has no key for this vault: restore access with your recovery code (`regie restore --recovery-code-stdin`)".into()
        }
        (KeychainProblem::KeyMissing, Language::Nl) => {
            "de sleutelbos heeft geen sleutel voor deze kluis: herstel de toegang met uw herstelcode (`regie restore --recovery-code-stdin`)".into()
        }
    }
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_owned(),
            source,
        }
    }

    /// The stable code for programs.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::VaultNotFound(_) => ErrorCode::VaultNotFound,
            Error::VaultExists(_) => ErrorCode::VaultExists,
            Error::VaultInUse => ErrorCode::VaultInUse,
            Error::WrongKey => ErrorCode::WrongKey,
            Error::Corrupt(_) => ErrorCode::VaultCorrupt,
            Error::KeyFileMissing(_) => ErrorCode::KeyFileMissing,
            Error::KeyFileDamaged(_) => ErrorCode::KeyFileDamaged,
            Error::Keychain(KeychainProblem::Unavailable(_)) => ErrorCode::KeychainUnavailable,
            Error::Keychain(KeychainProblem::Locked(_)) => ErrorCode::KeychainLocked,
            Error::Keychain(KeychainProblem::KeyMissing) => ErrorCode::KeyMissing,
            Error::PassphraseNeeded => ErrorCode::PassphraseNeeded,
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::PassphraseTooShort(_) => ErrorCode::PassphraseTooShort,
            Error::BadRecoveryCode => ErrorCode::BadRecoveryCode,
            Error::RecoveryCodeMismatch => ErrorCode::RecoveryCodeMismatch,
            Error::VaultTooNew { .. } => ErrorCode::VaultTooNew,
            Error::UnknownOrganisation(_) => ErrorCode::UnknownOrganisation,
            Error::UnknownHolding(_) => ErrorCode::UnknownHolding,
            Error::OrganisationExists(_) => ErrorCode::OrganisationExists,
            Error::Locked { .. } => ErrorCode::Locked,
            Error::Decision(DecisionError::Locked { .. }) => ErrorCode::Locked,
            Error::Decision(_) => ErrorCode::WrongAction,
            Error::Declaration(crate::declaration::DeclarationError::NotNewer { .. }) => {
                ErrorCode::DeclarationNotNewer
            }
            Error::Declaration(_) => ErrorCode::InvalidDeclaration,
            Error::Contact(_) | Error::OrgId(_) | Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::HistoryTampered(_) => ErrorCode::HistoryTampered,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database(_) => ErrorCode::Database,
            Error::Random(_) => ErrorCode::Random,
        }
    }

    /// The message in the person's language.
    pub fn message(&self, lang: Language) -> String {
        if lang == Language::En {
            return self.to_string();
        }
        match self {
            Error::VaultNotFound(p) => format!("er is geen kluis op {}: maak er een met `regie init`, of geef het goede pad met --vault", p.display()),
            Error::VaultExists(p) => format!("er staat al een kluis op {}: die is niet aangeraakt. Kies een ander pad, of open deze kluis", p.display()),
            Error::VaultInUse => "de kluis is open in een ander Regie-venster of -commando: sluit dat en probeer het opnieuw".into(),
            Error::WrongKey => "deze sleutel past niet op de kluis: hij hoort bij een andere kluis. Het kluisbestand is niet aangeraakt".into(),
            Error::Corrupt(d) => format!("het kluisbestand is beschadigd ({d}): het is niet aangeraakt. Zet een reservekopie terug met `regie restore`"),
            Error::KeyFileMissing(p) => format!("het sleutelbestand {} ontbreekt: herstel de toegang met uw herstelcode (`regie restore --recovery-code-stdin`)", p.display()),
            Error::KeyFileDamaged(p) => format!("het sleutelbestand {} is beschadigd: herstel de toegang met uw herstelcode (`regie restore --recovery-code-stdin`)", p.display()),
            Error::Keychain(p) => keychain_message(p, Language::Nl),
            Error::PassphraseNeeded => "deze kluis is beveiligd met een wachtwoordzin: geef die op (REGIE_PASSPHRASE of --passphrase-stdin)".into(),
            Error::WrongPassphrase => "de wachtwoordzin klopt niet: probeer het opnieuw, of gebruik uw herstelcode".into(),
            Error::PassphraseTooShort(n) => format!("de wachtwoordzin is te kort: gebruik minstens {n} tekens"),
            Error::BadRecoveryCode => "de herstelcode klopt niet: controleer elk groepje van vijf tekens en probeer het opnieuw".into(),
            Error::RecoveryCodeMismatch => "de herstelcode past niet op dit bestand: hij hoort bij een andere kluis, of het bestand is beschadigd".into(),
            Error::VaultTooNew { .. } => "deze kluis is gemaakt met een nieuwere versie van Regie: werk Regie bij".into(),
            Error::UnknownOrganisation(o) => format!("er staat geen organisatie '{o}' in uw kluis: zie `regie orgs` voor de lijst"),
            Error::UnknownHolding(_) => "deze organisatie gebruikt uw gegevens niet voor dat doel: zie `regie show` voor wat zij wel doet".into(),
            Error::OrganisationExists(o) => format!("de organisatie '{o}' staat al in uw kluis"),
            Error::Locked { reason_nl, .. } => format!("u kunt dit niet uitzetten: {reason_nl}"),
            Error::Decision(DecisionError::WrongAction { basis: LegalBasis::Consent, .. }) => "dit gebeurt met uw toestemming: geef of trek uw toestemming in".into(),
            Error::Decision(DecisionError::WrongAction { .. }) => "dit gebeurt in het belang van de organisatie: maak bezwaar in plaats daarvan".into(),
            Error::Decision(_) => "u kunt dit niet uitzetten".into(),
            Error::Declaration(e) => e.message(Language::Nl),
            Error::Contact(ContactError::ServiceNotBlockable) => "berichten over uw contract kunt u niet uitzetten: die zijn nodig. U kunt wel kiezen hoe u ze krijgt".into(),
            Error::Contact(e) => format!("deze voorkeur kan niet: {e}"),
            Error::OrgId(e) => format!("dit is geen geldige code voor een organisatie: {}", e.0),
            Error::Invalid(m) => format!("dit kan niet: {m}"),
            Error::HistoryTampered(n) => format!("de geschiedenis is buiten Regie veranderd: gebeurtenis {n} past niet in de keten"),
            Error::Io { path, source } => format!("kan {} niet gebruiken: {source}", path.display()),
            Error::Database(m) => format!("fout in de database: {m}"),
            Error::Random(m) => format!("het besturingssysteem gaf geen willekeurige getallen: {m}"),
        }
    }
}

impl From<DecisionError> for Error {
    fn from(e: DecisionError) -> Self {
        Error::Decision(e)
    }
}

/// Maps a SQLite error: damage is [`Error::Corrupt`], a busy file is
/// [`Error::VaultInUse`], the rest is [`Error::Database`].
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::NotADatabase) | Some(C::DatabaseCorrupt) => Error::Corrupt(e.to_string()),
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::VaultInUse,
            _ => Error::Database(e.to_string()),
        }
    }
}

/// A result with the vault's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
