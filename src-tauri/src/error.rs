//! Errors as they cross IPC: `{code, message}`. The UI switches on `code`,
//! a closed list; `message` is already in the person's language.

use regie_model::Language;
use serde::Serialize;
use ts_rs::TS;

/// Every code the UI can receive: the vault's own codes, one for one, and
/// the few the app adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    VaultNotFound,
    VaultExists,
    VaultInUse,
    WrongKey,
    VaultCorrupt,
    KeyFileMissing,
    KeyFileDamaged,
    KeychainUnavailable,
    KeychainLocked,
    KeyMissing,
    PassphraseNeeded,
    WrongPassphrase,
    PassphraseTooShort,
    BadRecoveryCode,
    RecoveryCodeMismatch,
    VaultTooNew,
    UnknownOrganisation,
    UnknownHolding,
    OrganisationExists,
    Locked,
    WrongAction,
    InvalidInput,
    InvalidDeclaration,
    DeclarationNotNewer,
    HistoryTampered,
    Io,
    Database,
    Random,
    /// The app: no vault is open (first start, or locked).
    NoVaultOpen,
    /// The app: a vault is already open; lock it first.
    VaultAlreadyOpen,
    /// The app: a preference file that does not verify.
    FileRejected,
    /// The vault reported a code this app does not know yet.
    Unexpected,
}

impl From<regie_vault::ErrorCode> for ErrorCode {
    fn from(c: regie_vault::ErrorCode) -> Self {
        use regie_vault::ErrorCode as V;
        match c {
            V::VaultNotFound => Self::VaultNotFound,
            V::VaultExists => Self::VaultExists,
            V::VaultInUse => Self::VaultInUse,
            V::WrongKey => Self::WrongKey,
            V::VaultCorrupt => Self::VaultCorrupt,
            V::KeyFileMissing => Self::KeyFileMissing,
            V::KeyFileDamaged => Self::KeyFileDamaged,
            V::KeychainUnavailable => Self::KeychainUnavailable,
            V::KeychainLocked => Self::KeychainLocked,
            V::KeyMissing => Self::KeyMissing,
            V::PassphraseNeeded => Self::PassphraseNeeded,
            V::WrongPassphrase => Self::WrongPassphrase,
            V::PassphraseTooShort => Self::PassphraseTooShort,
            V::BadRecoveryCode => Self::BadRecoveryCode,
            V::RecoveryCodeMismatch => Self::RecoveryCodeMismatch,
            V::VaultTooNew => Self::VaultTooNew,
            V::UnknownOrganisation => Self::UnknownOrganisation,
            V::UnknownHolding => Self::UnknownHolding,
            V::OrganisationExists => Self::OrganisationExists,
            V::Locked => Self::Locked,
            V::WrongAction => Self::WrongAction,
            V::InvalidInput => Self::InvalidInput,
            V::InvalidDeclaration => Self::InvalidDeclaration,
            V::DeclarationNotNewer => Self::DeclarationNotNewer,
            V::HistoryTampered => Self::HistoryTampered,
            V::Io => Self::Io,
            V::Database => Self::Database,
            V::Random => Self::Random,
        }
    }
}

/// An error on its way to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    /// What happened, for the UI to switch on.
    pub code: ErrorCode,
    /// What happened and what to do next, in the person's language.
    pub message: String,
}

impl IpcError {
    /// A vault error in the person's language.
    pub fn vault(e: &regie_vault::Error, lang: Language) -> Self {
        IpcError {
            code: e.code().into(),
            message: e.message(lang),
        }
    }

    /// An error of the app itself.
    pub fn app(code: ErrorCode, lang: Language) -> Self {
        IpcError {
            code,
            message: app_message(code, lang).to_owned(),
        }
    }

    /// An error of the app with a detail appended.
    pub fn app_with(code: ErrorCode, lang: Language, detail: &str) -> Self {
        IpcError {
            code,
            message: format!("{} ({detail})", app_message(code, lang)),
        }
    }
}

fn app_message(code: ErrorCode, lang: Language) -> &'static str {
    let (nl, en) = match code {
        ErrorCode::NoVaultOpen => (
            "Er is geen kluis open. Open of maak eerst een kluis.",
            "No vault is open. Open or create a vault first.",
        ),
        ErrorCode::VaultAlreadyOpen => (
            "Er is al een kluis open. Vergrendel die eerst.",
            "A vault is already open. Lock it first.",
        ),
        ErrorCode::FileRejected => (
            "Dit voorkeurenbestand is niet in orde. Gebruik het niet en maak een nieuw bestand.",
            "This preference file is not in order. Do not use it; make a new file.",
        ),
        _ => (
            "Er ging iets mis dat Regie niet verwachtte. Probeer het opnieuw.",
            "Something went wrong that Regie did not expect. Try again.",
        ),
    };
    match lang {
        Language::Nl => nl,
        Language::En => en,
    }
}

/// What every command returns.
pub type CmdResult<T> = Result<T, IpcError>;
