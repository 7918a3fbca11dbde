//! Errors as they cross IPC: `{code, message}`. The UI switches on `code`,
//! a closed list; `message` says what happened, already in the person's
//! language. What to do about it is the UI's to say (its advice table, by
//! code, names the app's screens), as the command line says it with its
//! flags: neither message carries the other front end's advice.

use regie_model::Language;
use serde::Serialize;
use ts_rs::TS;

/// Builds the IPC code enum from the vault's list of codes
/// ([`regie_vault::for_each_error_code!`]), adding the app's own. The
/// conversion from the vault's code is exhaustive, with no catch-all: a
/// code the vault adds is an IPC code at once, and its TypeScript twin
/// (generated with the other bindings) makes the UI's advice table fail to
/// type-check until it has advice for it.
macro_rules! ipc_error_code {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)+) => {
        /// Every code the UI can receive: the vault's own codes, one for
        /// one, and the few the app adds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
        pub enum ErrorCode {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)+
            /// The app: no vault is open (first start, or locked).
            #[serde(rename = "no-vault-open")]
            NoVaultOpen,
            /// The app: a vault is already open; lock it first.
            #[serde(rename = "vault-already-open")]
            VaultAlreadyOpen,
            /// The app: a preference file that does not verify.
            #[serde(rename = "file-rejected")]
            FileRejected,
            /// The app: something went wrong inside Regie (a panic, caught
            /// and logged without personal data).
            #[serde(rename = "internal")]
            Internal,
            /// The app: a link code that cannot be right (a typo, too
            /// short); nothing was sent.
            #[serde(rename = "invalid-link-code")]
            InvalidLinkCode,
            /// The app: a link (the mail program, a web form) could not be
            /// opened.
            #[serde(rename = "cannot-open")]
            CannotOpen,
        }

        impl From<regie_vault::ErrorCode> for ErrorCode {
            fn from(c: regie_vault::ErrorCode) -> Self {
                match c {
                    $(regie_vault::ErrorCode::$variant => ErrorCode::$variant,)+
                }
            }
        }
    };
}

regie_vault::for_each_error_code!(ipc_error_code);

/// An error on its way to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    /// What happened, for the UI to switch on.
    pub code: ErrorCode,
    /// What happened, in the person's language.
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
    pub fn app(code: AppCode, lang: Language) -> Self {
        IpcError {
            code: code.into(),
            message: code.message(lang).to_owned(),
        }
    }

    /// A fault inside Regie that was caught: what the person reads, with
    /// where the log (without their data) is.
    pub fn internal(lang: Language) -> Self {
        let logged = regie_cli_text::crash::last_log()
            .ok_or_else(|| std::io::Error::other("no log was written"));
        IpcError {
            code: ErrorCode::Internal,
            message: regie_cli_text::crash::message(lang, &logged),
        }
    }

    /// An organisation's id from the window, or why it is not one.
    pub fn org_id(id: &str, lang: Language) -> Result<regie_model::OrgId, Self> {
        regie_model::OrgId::parse(id).map_err(|e| IpcError::vault(&e.into(), lang))
    }

    /// An error of the app with a detail appended.
    pub fn app_with(code: AppCode, lang: Language, detail: &str) -> Self {
        IpcError {
            code: code.into(),
            message: format!("{} ({detail})", code.message(lang)),
        }
    }
}

/// The errors of the app itself, with what happened in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppCode {
    /// No vault is open (first start, or locked).
    NoVaultOpen,
    /// A vault is already open.
    VaultAlreadyOpen,
    /// A preference file that does not verify.
    FileRejected,
    /// A fault inside Regie, caught; the message says where its log is.
    Internal,
    /// A link code that cannot be right; nothing was sent.
    InvalidLinkCode,
    /// The mail program or the browser could not be opened.
    CannotOpen,
}

impl AppCode {
    fn message(self, lang: Language) -> &'static str {
        let (nl, en) = match self {
            AppCode::NoVaultOpen => ("Er is geen kluis open.", "No vault is open."),
            AppCode::VaultAlreadyOpen => ("Er is al een kluis open.", "A vault is already open."),
            AppCode::FileRejected => (
                "Dit voorkeurenbestand is niet in orde.",
                "This preference file is not in order.",
            ),
            AppCode::Internal => (
                "Er ging iets mis in Regie. Dit is een fout in het programma, niet in wat u deed.",
                "Something went wrong in Regie. This is a fault in the program, not in what you did.",
            ),
            AppCode::InvalidLinkCode => (
                "Deze koppelcode klopt niet; er is niets verstuurd",
                "This link code is not right; nothing was sent",
            ),
            AppCode::CannotOpen => (
                "Regie kon uw e-mailprogramma of browser niet openen",
                "Regie could not open your mail program or browser",
            ),
        };
        match lang {
            Language::Nl => nl,
            Language::En => en,
        }
    }
}

impl From<AppCode> for ErrorCode {
    fn from(c: AppCode) -> Self {
        match c {
            AppCode::NoVaultOpen => ErrorCode::NoVaultOpen,
            AppCode::VaultAlreadyOpen => ErrorCode::VaultAlreadyOpen,
            AppCode::FileRejected => ErrorCode::FileRejected,
            AppCode::Internal => ErrorCode::Internal,
            AppCode::InvalidLinkCode => ErrorCode::InvalidLinkCode,
            AppCode::CannotOpen => ErrorCode::CannotOpen,
        }
    }
}

/// What every command returns.
pub type CmdResult<T> = Result<T, IpcError>;
