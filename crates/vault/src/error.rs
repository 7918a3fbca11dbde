//! The vault's errors.
//!
//! Each variant is a case a person can act on, with a stable [`ErrorCode`]
//! for programs (the command line's exit codes, the app's IPC) and a message
//! in Dutch and English that says what happened. What to do about it is
//! each front end's to say, chosen by the code: the command line can name
//! its flags, the app its screens, and neither shows the other's advice.
//!
//! The codes are listed once, in [`for_each_error_code!`]: the enum and its
//! stored names are generated from that list here, and the app builds its
//! IPC codes from the same list, so a new code fails to compile in every
//! front end that does not handle it.

use std::fmt;
use std::path::{Path, PathBuf};

use regie_model::{
    catalogue, ContactError, DecisionAction, DecisionError, Language, LegalBasis, OrgId, OrgIdError,
};

use crate::domain::BiText;

/// Calls the macro `$then` with every error code, as
/// `$(#[doc] Variant = "stored-name",)+`, so that a front end can build its
/// own enum from the one list (the app's IPC codes are made this way).
#[macro_export]
macro_rules! for_each_error_code {
    ($then:ident) => {
        $then! {
            /// No vault at that path.
            VaultNotFound = "vault-not-found",
            /// What is at that path is not a vault: a folder, or a file of
            /// another kind.
            NotAVault = "not-a-vault",
            /// A vault (or its key file) already exists there.
            VaultExists = "vault-exists",
            /// Another process has the vault open.
            VaultInUse = "vault-in-use",
            /// The vault can be read but not written.
            VaultReadOnly = "vault-read-only",
            /// The operating system does not let Regie use a file or folder.
            NoPermission = "no-permission",
            /// The disk is full.
            DiskFull = "disk-full",
            /// The key does not open this vault.
            WrongKey = "wrong-key",
            /// The vault file is damaged: an integrity check proved it.
            VaultCorrupt = "vault-corrupt",
            /// The key file beside the vault is missing.
            KeyFileMissing = "key-file-missing",
            /// The key file beside the vault is damaged.
            KeyFileDamaged = "key-file-damaged",
            /// The keychain cannot be reached.
            KeychainUnavailable = "keychain-unavailable",
            /// The keychain is locked.
            KeychainLocked = "keychain-locked",
            /// The keychain has no key for this vault.
            KeyMissing = "key-missing",
            /// A passphrase is needed.
            PassphraseNeeded = "passphrase-needed",
            /// The passphrase is wrong.
            WrongPassphrase = "wrong-passphrase",
            /// The passphrase is too short.
            PassphraseTooShort = "passphrase-too-short",
            /// The recovery code is mistyped.
            BadRecoveryCode = "bad-recovery-code",
            /// The recovery code belongs to another vault, or the file is damaged.
            RecoveryCodeMismatch = "recovery-code-mismatch",
            /// The vault was written by a newer Regie.
            VaultTooNew = "vault-too-new",
            /// No such organisation.
            UnknownOrganisation = "unknown-organisation",
            /// No such holding.
            UnknownHolding = "unknown-holding",
            /// The organisation already exists.
            OrganisationExists = "organisation-exists",
            /// The legal basis leaves no choice.
            Locked = "locked",
            /// The action does not fit the legal basis.
            WrongAction = "wrong-action",
            /// Invalid input.
            InvalidInput = "invalid-input",
            /// An organisation's declaration file was refused.
            InvalidDeclaration = "invalid-declaration",
            /// The declaration is not newer than the one already imported.
            DeclarationNotNewer = "declaration-not-newer",
            /// The history chain is broken.
            HistoryTampered = "history-tampered",
            /// The organisation has no inbox Regie knows: no signed
            /// declaration of it was imported.
            NoInbox = "no-inbox",
            /// The person has not linked the organisation with a link code.
            NotLinked = "not-linked",
            /// A file did not reach the organisation, or its answer did not
            /// confirm it.
            NotDelivered = "not-delivered",
            /// The organisation refused the link code.
            LinkRefused = "link-refused",
            /// A file could not be read or written (an input/output error, a
            /// folder that does not exist, ...).
            Io = "io",
            /// An unexpected database error.
            Database = "database",
            /// The operating system gave no randomness.
            Random = "random",
        }
    };
}

macro_rules! define_error_code {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)+) => {
        /// A stable, closed list of error codes, for programs to switch on.
        /// Serialised as its stored name, e.g. `vault-in-use`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum ErrorCode {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)+
        }

        impl ErrorCode {
            /// Every code.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The code as text, e.g. `vault-in-use`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $name,)+
                }
            }
        }
    };
}

for_each_error_code!(define_error_code);

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

/// What was found at a vault's path instead of a vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Found {
    /// A folder.
    Folder,
    /// Not an ordinary file: a device, a pipe, a socket.
    NotAFile,
    /// An empty file.
    Empty,
    /// An ordinary SQLite database, not encrypted, so not a vault.
    PlainDatabase,
    /// A file of another kind: nothing in it opens with the vault's key,
    /// and it is not made of a database's pages.
    OtherFormat,
}

/// How a damaged vault was proven damaged. Only a check proves it: a
/// failed read alone is never called damage.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Damage {
    /// SQLCipher's page check: this many of the file's pages fail their
    /// authentication check or are cut off, the others pass.
    Pages {
        /// Pages that fail.
        bad: u64,
        /// Pages in the file.
        total: u64,
    },
    /// SQLite's integrity check found errors: the first line of its report
    /// (English, SQLite's own words).
    Structure(String),
    /// A stored value Regie never writes, so the file was changed outside
    /// Regie (English, for the record).
    Content(String),
}

/// An error from the vault. Its [`Display`](fmt::Display) is the English
/// [`Error::message`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// No vault at that path.
    VaultNotFound(PathBuf),
    /// Something that is not a vault is at that path; it is left alone.
    NotAVault {
        /// The path.
        path: PathBuf,
        /// What is there.
        found: Found,
    },
    /// A vault (or another file) already exists there; it is never
    /// overwritten.
    VaultExists(PathBuf),
    /// Another process has the vault open.
    VaultInUse,
    /// The vault can be read but not written: its file, its folder or the
    /// disk is read-only for this user.
    VaultReadOnly,
    /// The disk is full: SQLite could not write.
    DiskFull,
    /// The disk gave an input/output error while SQLite used the vault or a
    /// copy of it (the detail is English, for the record).
    Storage(String),
    /// The key is not the key of this vault.
    WrongKey,
    /// The vault file is damaged, as a check proved.
    Corrupt(Damage),
    /// The key file is missing.
    KeyFileMissing(PathBuf),
    /// The key file is damaged.
    KeyFileDamaged(PathBuf),
    /// A keychain problem.
    Keychain(KeychainProblem),
    /// A passphrase is needed for this vault.
    PassphraseNeeded,
    /// Wrong passphrase.
    WrongPassphrase,
    /// Passphrase too short: it needs at least this many characters.
    PassphraseTooShort(usize),
    /// A recovery code with a typo.
    BadRecoveryCode,
    /// The recovery code does not open that file.
    RecoveryCodeMismatch,
    /// Written by a newer version.
    VaultTooNew {
        /// The schema version in the file.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// No such organisation (as the person named it).
    UnknownOrganisation(String),
    /// The organisation holds nothing for that purpose (and category).
    UnknownHolding {
        /// The organisation.
        org: OrgId,
        /// The purpose asked for.
        purpose: String,
        /// The data category asked for, if one was.
        category: Option<String>,
    },
    /// The organisation already exists.
    OrganisationExists(String),
    /// The organisation already holds this category for this purpose on
    /// this basis.
    HoldingExists {
        /// The organisation.
        org: OrgId,
        /// The data category (`pd:`).
        category: String,
        /// The purpose (`dpv:`).
        purpose: String,
        /// The legal basis.
        basis: LegalBasis,
    },
    /// The legal basis leaves no choice.
    Locked {
        /// The basis.
        basis: LegalBasis,
        /// Why, naming the law where known.
        reason: BiText,
    },
    /// The action does not fit the legal basis.
    Decision(DecisionError),
    /// An organisation's declaration was refused.
    Declaration(regie_declaration::DeclarationError),
    /// A contact preference that cannot be.
    Contact(ContactError),
    /// A bad organisation id.
    OrgId(OrgIdError),
    /// Not an organisation's name: 1 to 200 characters, no control
    /// characters.
    InvalidName(String),
    /// Not an e-mail address.
    InvalidEmail(String),
    /// Not a DPV data category (`pd:Name`).
    NotADataCategory(String),
    /// Not a DPV purpose (`dpv:Name`).
    NotAPurpose(String),
    /// Not a retention period (an ISO 8601 duration such as `P7Y`).
    InvalidRetention(String),
    /// The preference file could not be made: the organisation would
    /// reject it.
    CannotSign(regie_prefs::SignError),
    /// The organisation's key was rotated as often as it can be.
    KeyRotationsExhausted,
    /// The organisation has no inbox in the vault: no signed declaration
    /// of it was imported.
    NoInbox(OrgId),
    /// The person has not linked the organisation.
    NotLinked(OrgId),
    /// A file sent did not come back with a receipt that confirms it.
    NotDelivered {
        /// The organisation.
        org: OrgId,
        /// Why.
        problem: crate::reasons::SendProblem,
    },
    /// The organisation answered a link request with a receipt that
    /// refuses it (kept in the vault).
    LinkRefused {
        /// The organisation.
        org: OrgId,
        /// Its reason's code (`link-code-unknown`, `link-code-used`,
        /// `link-code-expired`, ...).
        code: String,
    },
    /// The file `REGIE_CA_FILE` names holds no certificate Regie can read.
    InvalidCaFile(PathBuf),
    /// `REGIE_RESOLVE` holds something other than `HOST=ADDRESS` pairs.
    InvalidResolve(String),
    /// The history chain does not verify.
    HistoryTampered(i64),
    /// A GDPR request's step or letter that cannot be (sent in the future,
    /// answered before it was sent, a reminder before the deadline, a
    /// detail that cannot go into a letter, ...): regie-rights' error,
    /// whose own code ([`regie_rights::Error::code`]) tells them apart.
    Rights(regie_rights::Error),
    /// No request with this number in the vault.
    UnknownRequest(String),
    /// The file that came with an answer is larger than the vault keeps.
    AnswerFileTooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The most the vault keeps.
        max: u64,
    },
    /// The answer's file is a declaration of another organisation than the
    /// one the request went to.
    AnswerFromOtherOrganisation {
        /// The request's organisation.
        request: OrgId,
        /// The declaration's.
        file: OrgId,
    },
    /// No record with this key in the directory of organisations.
    UnknownDirectoryEntry(String),
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An unexpected database error.
    Database(String),
    /// No randomness from the OS.
    Random(String),
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
        use regie_declaration::DeclarationError as D;
        match self {
            Error::VaultNotFound(_) => ErrorCode::VaultNotFound,
            Error::NotAVault { .. } => ErrorCode::NotAVault,
            Error::VaultExists(_) => ErrorCode::VaultExists,
            Error::VaultInUse => ErrorCode::VaultInUse,
            Error::VaultReadOnly => ErrorCode::VaultReadOnly,
            Error::DiskFull => ErrorCode::DiskFull,
            Error::Storage(_) => ErrorCode::Io,
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
            Error::UnknownHolding { .. } => ErrorCode::UnknownHolding,
            Error::OrganisationExists(_) => ErrorCode::OrganisationExists,
            Error::Locked { .. } => ErrorCode::Locked,
            Error::Decision(DecisionError::Locked { .. }) => ErrorCode::Locked,
            Error::Decision(_) => ErrorCode::WrongAction,
            Error::Declaration(D::NotNewer { .. }) => ErrorCode::DeclarationNotNewer,
            Error::Declaration(_) => ErrorCode::InvalidDeclaration,
            Error::Contact(_)
            | Error::OrgId(_)
            | Error::HoldingExists { .. }
            | Error::InvalidName(_)
            | Error::InvalidEmail(_)
            | Error::NotADataCategory(_)
            | Error::NotAPurpose(_)
            | Error::InvalidRetention(_)
            | Error::CannotSign(_)
            | Error::KeyRotationsExhausted
            | Error::InvalidCaFile(_)
            | Error::InvalidResolve(_) => ErrorCode::InvalidInput,
            Error::Rights(_)
            | Error::UnknownRequest(_)
            | Error::AnswerFileTooLarge { .. }
            | Error::UnknownDirectoryEntry(_) => ErrorCode::InvalidInput,
            Error::AnswerFromOtherOrganisation { .. } => ErrorCode::InvalidDeclaration,
            Error::NoInbox(_) => ErrorCode::NoInbox,
            Error::NotLinked(_) => ErrorCode::NotLinked,
            Error::NotDelivered { .. } => ErrorCode::NotDelivered,
            Error::LinkRefused { .. } => ErrorCode::LinkRefused,
            Error::HistoryTampered(_) => ErrorCode::HistoryTampered,
            Error::Io { source, .. } => io_code(source),
            Error::Database(_) => ErrorCode::Database,
            Error::Random(_) => ErrorCode::Random,
        }
    }

    /// What happened, in the person's language. It never says what to do
    /// in a particular front end: that is chosen by [`Error::code`].
    pub fn message(&self, lang: Language) -> String {
        let nl = lang == Language::Nl;
        // Only the chosen language's text is made.
        macro_rules! say {
            ($nl:expr, $en:expr $(,)?) => {
                if nl {
                    String::from($nl)
                } else {
                    String::from($en)
                }
            };
        }
        match self {
            Error::VaultNotFound(p) => say!(
                format!("er is geen kluis op {}", p.display()),
                format!("there is no vault at {}", p.display()),
            ),
            Error::NotAVault { path, found } => not_a_vault(path, *found, lang),
            Error::VaultExists(p) => say!(
                format!("{} bestaat al: Regie heeft het niet aangeraakt", p.display()),
                format!("{} already exists: it was left untouched", p.display()),
            ),
            Error::VaultInUse => say!(
                "de kluis is open in een ander Regie-venster of -commando",
                "the vault is in use by another Regie window or command",
            ),
            Error::VaultReadOnly => say!(
                "de kluis kan alleen gelezen worden: Regie mag het bestand of de map niet veranderen. Er is niets veranderd",
                "the vault can only be read: Regie may not change its file or its folder. Nothing was changed",
            ),
            Error::DiskFull => say!(
                "de schijf is vol: Regie kon niets opslaan. Er is niets veranderd",
                "the disk is full: Regie could not save anything. Nothing was changed",
            ),
            Error::Storage(d) => say!(
                "de schijf gaf een fout bij het lezen of schrijven. Er is niets veranderd".to_owned(),
                format!("the disk gave an error while reading or writing ({d}). Nothing was changed"),
            ),
            Error::WrongKey => say!(
                "deze sleutel past niet op de kluis: hij hoort bij een andere kluis. Het kluisbestand is niet aangeraakt",
                "this key does not open the vault: it belongs to another vault. The vault file was left untouched",
            ),
            Error::Corrupt(Damage::Pages { bad, total }) => say!(
                format!("het kluisbestand is beschadigd: de controle van de versleuteling keurt {bad} van de {total} blokken af. Het bestand is niet aangeraakt"),
                format!("the vault file is damaged: the encryption check rejects {bad} of its {total} pages. It was left untouched"),
            ),
            Error::Corrupt(Damage::Structure(report)) => say!(
                "het kluisbestand is beschadigd: de controle van de database vond fouten. Het bestand is niet aangeraakt".to_owned(),
                format!("the vault file is damaged: the database's integrity check found errors ({report}). It was left untouched"),
            ),
            Error::Corrupt(Damage::Content(what)) => say!(
                "de kluis bevat iets wat Regie nooit schrijft: zij is buiten Regie veranderd".to_owned(),
                format!("the vault holds something Regie never writes ({what}): it was changed outside Regie"),
            ),
            Error::KeyFileMissing(p) => say!(
                format!("het sleutelbestand {} ontbreekt", p.display()),
                format!("the key file {} is missing", p.display()),
            ),
            Error::KeyFileDamaged(p) => say!(
                format!("het sleutelbestand {} is beschadigd", p.display()),
                format!("the key file {} is damaged", p.display()),
            ),
            Error::Keychain(KeychainProblem::Unavailable(d)) => say!(
                format!("Regie kan geen sleutelbos bereiken ({d}). Er is nergens een sleutel opgeslagen"),
                format!("no keychain could be reached ({d}). No key was written anywhere"),
            ),
            Error::Keychain(KeychainProblem::Locked(_)) => {
                say!("uw sleutelbos is op slot", "your keychain is locked")
            }
            Error::Keychain(KeychainProblem::KeyMissing) => say!(
                "de sleutelbos heeft geen sleutel voor deze kluis",
                "the keychain has no key for this vault",
            ),
            Error::PassphraseNeeded => say!(
                "deze kluis is beveiligd met een wachtwoordzin",
                "this vault is protected with a passphrase",
            ),
            Error::WrongPassphrase => {
                say!("de wachtwoordzin klopt niet", "the passphrase is wrong")
            }
            Error::PassphraseTooShort(n) => say!(
                format!("de wachtwoordzin is te kort: hij moet minstens {n} tekens hebben"),
                format!("the passphrase is too short: it needs at least {n} characters"),
            ),
            Error::BadRecoveryCode => {
                say!("de herstelcode klopt niet", "the recovery code is not right")
            }
            Error::RecoveryCodeMismatch => say!(
                "de herstelcode past niet op dit bestand: hij hoort bij een andere kluis, of het bestand is beschadigd",
                "the recovery code does not open this file: it belongs to another vault, or the file is damaged",
            ),
            Error::VaultTooNew { found, known } => say!(
                format!("deze kluis is gemaakt met een nieuwere versie van Regie (schema {found}; deze versie kent {known})"),
                format!("this vault was written by a newer version of Regie (schema {found}; this version knows {known})"),
            ),
            Error::UnknownOrganisation(o) => say!(
                format!("er staat geen organisatie '{o}' in uw kluis"),
                format!("there is no organisation '{o}' in your vault"),
            ),
            Error::UnknownHolding {
                org,
                purpose,
                category,
            } => {
                let purpose = term_label(purpose, lang);
                match category.as_deref().map(|c| term_label(c, lang)) {
                    None => say!(
                        format!("{org} gebruikt uw gegevens niet voor '{purpose}'"),
                        format!("{org} does not use your data for '{purpose}'"),
                    ),
                    Some(c) => say!(
                        format!("{org} gebruikt '{c}' niet voor '{purpose}'"),
                        format!("{org} does not use '{c}' for '{purpose}'"),
                    ),
                }
            }
            Error::OrganisationExists(o) => say!(
                format!("de organisatie '{o}' staat al in uw kluis"),
                format!("the organisation '{o}' is already in your vault"),
            ),
            Error::HoldingExists {
                org,
                category,
                purpose,
                basis,
            } => {
                let (c, p) = (term_label(category, lang), term_label(purpose, lang));
                let b = basis.label().get(lang);
                say!(
                    format!("{org} gebruikt '{c}' al voor '{p}' ({b})"),
                    format!("{org} already uses '{c}' for '{p}' ({b})"),
                )
            }
            Error::Locked { reason, .. } => say!(
                format!("u kunt dit niet uitzetten: {}", reason.nl),
                format!("you cannot switch this off: {}", reason.en),
            ),
            Error::Decision(DecisionError::Locked { basis }) => say!(
                format!("u kunt dit niet uitzetten: {}", basis.explanation().nl),
                format!("you cannot switch this off: {}", basis.explanation().en),
            ),
            Error::Decision(DecisionError::WrongAction { basis, action, .. }) => {
                wrong_action(*basis, *action, lang)
            }
            Error::Decision(other) => say!(
                format!("deze keuze past niet bij de grondslag ({other})"),
                format!("this choice does not fit the legal basis ({other})"),
            ),
            Error::Declaration(e) => e.message(lang),
            Error::Contact(e) => contact_message(e, lang),
            Error::OrgId(e) => say!(
                format!("'{}' is geen geldige code voor een organisatie: een code is kvk: en 8 cijfers, oin: en 20 cijfers, of 2 tot 64 kleine letters, cijfers en streepjes", e.0),
                format!("'{}' is not a valid organisation id: an id is kvk: and 8 digits, oin: and 20 digits, or 2 to 64 lower-case letters, digits and hyphens", e.0),
            ),
            Error::InvalidName(n) => say!(
                format!("'{n}' is geen naam voor een organisatie: een naam heeft 1 tot 200 tekens, zonder stuurtekens"),
                format!("'{n}' is not a name for an organisation: a name has 1 to 200 characters, without control characters"),
            ),
            Error::InvalidEmail(e) => say!(
                format!("'{e}' is geen e-mailadres"),
                format!("'{e}' is not an e-mail address"),
            ),
            Error::NotADataCategory(c) => say!(
                format!("'{c}' is geen soort gegevens: Regie kent soorten gegevens als pd:Financial"),
                format!("'{c}' is not a data category: Regie knows data categories as pd:Financial"),
            ),
            Error::NotAPurpose(p) => say!(
                format!("'{p}' is geen doel: Regie kent doelen als dpv:DirectMarketing"),
                format!("'{p}' is not a purpose: Regie knows purposes as dpv:DirectMarketing"),
            ),
            Error::InvalidRetention(r) => say!(
                format!("'{r}' is geen bewaartermijn: een termijn is als P7Y (7 jaar) of P18M (18 maanden)"),
                format!("'{r}' is not a retention period: a period is like P7Y (7 years) or P18M (18 months)"),
            ),
            Error::CannotSign(regie_prefs::SignError::Invalid(e)) => say!(
                format!("Regie kon het bestand niet maken: de organisatie zou het afkeuren ({}). {}", e.kind.code(), e.kind.advice_in(Language::Nl)),
                format!("Regie could not make the file: the organisation would reject it ({}). {}", e.kind.code(), e.kind.advice_in(Language::En)),
            ),
            Error::CannotSign(other) => say!(
                format!("Regie kon het bestand niet maken ({other})"),
                format!("Regie could not make the file ({other})"),
            ),
            Error::KeyRotationsExhausted => say!(
                "het kenmerk voor deze organisatie kan niet nog eens vervangen worden",
                "the identifier for this organisation cannot be replaced again",
            ),
            Error::NoInbox(org) => say!(
                format!("Regie weet niet waar bestanden voor '{org}' heen moeten: er is geen ondertekende verklaring van deze organisatie ingelezen"),
                format!("Regie does not know where files for '{org}' go: no signed declaration of this organisation was imported"),
            ),
            Error::NotLinked(org) => say!(
                format!("'{org}' is nog niet gekoppeld: de organisatie weet nog niet welk kenmerk bij u hoort"),
                format!("'{org}' is not linked yet: the organisation does not know yet which identifier is yours"),
            ),
            Error::NotDelivered { org, problem } => say!(
                format!("het bestand voor '{org}' is niet afgeleverd: {}", problem.message(Language::Nl)),
                format!("the file for '{org}' was not delivered: {}", problem.message(Language::En)),
            ),
            Error::LinkRefused { org, code } => say!(
                format!("'{org}' heeft de koppeling geweigerd: {}", crate::reasons::rejection_text(code, Language::Nl)),
                format!("'{org}' refused the link: {}", crate::reasons::rejection_text(code, Language::En)),
            ),
            Error::InvalidCaFile(p) => say!(
                format!("in {} (REGIE_CA_FILE) staat geen certificaat dat Regie kan lezen", p.display()),
                format!("{} (REGIE_CA_FILE) holds no certificate Regie can read", p.display()),
            ),
            Error::InvalidResolve(v) => say!(
                format!("'{v}' in REGIE_RESOLVE is geen NAAM=ADRES, zoals inbox.voorbeeld.nl=127.0.0.1"),
                format!("'{v}' in REGIE_RESOLVE is not HOST=ADDRESS, such as inbox.example.nl=127.0.0.1"),
            ),
            Error::HistoryTampered(n) => say!(
                format!("de geschiedenis is buiten Regie veranderd: gebeurtenis {n} past niet in de keten"),
                format!("the history has been changed outside Regie: event {n} does not match the chain"),
            ),
            Error::Rights(e) => e.message(lang),
            Error::UnknownRequest(id) => say!(
                format!("er staat geen verzoek '{id}' in uw kluis"),
                format!("there is no request '{id}' in your vault"),
            ),
            Error::AnswerFileTooLarge { bytes, max } => say!(
                format!("het bestand is {} MB; bij een antwoord bewaart de kluis bestanden tot {} MB. Er is niets bewaard", mb(*bytes), mb(*max)),
                format!("the file is {} MB; the vault keeps files of at most {} MB with an answer. Nothing was stored", mb(*bytes), mb(*max)),
            ),
            Error::AnswerFromOtherOrganisation { request, file } => say!(
                format!("het bestand is een verklaring van '{file}', maar het verzoek ging naar '{request}'. Er is niets bewaard"),
                format!("the file is a declaration of '{file}', but the request went to '{request}'. Nothing was stored"),
            ),
            Error::UnknownDirectoryEntry(slug) => say!(
                format!("'{slug}' staat niet in de lijst van organisaties"),
                format!("'{slug}' is not in the directory of organisations"),
            ),
            Error::Io { path, source } => say!(
                format!("Regie kan {} niet gebruiken: {}", path.display(), io_reason(source, lang)),
                format!("Regie could not use {}: {}", path.display(), io_reason(source, lang)),
            ),
            Error::Database(m) => say!(
                "er ging iets onverwachts mis in de database van de kluis".to_owned(),
                format!("an unexpected database error ({m})"),
            ),
            Error::Random(m) => say!(
                format!("het besturingssysteem gaf geen willekeurige getallen ({m})"),
                format!("the operating system gave no random numbers ({m})"),
            ),
        }
    }
}

/// A size in MiB with one decimal ("10.0"), as a person reads it.
fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// The code of a file's error: a full disk and a refusal have their own.
fn io_code(e: &std::io::Error) -> ErrorCode {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull | K::QuotaExceeded => ErrorCode::DiskFull,
        K::PermissionDenied | K::ReadOnlyFilesystem => ErrorCode::NoPermission,
        _ => ErrorCode::Io,
    }
}

/// Why the operating system refused, in words in both languages; only an
/// error of no known kind is given in the system's own (English) words, and
/// in Dutch by its number.
fn io_reason(e: &std::io::Error, lang: Language) -> String {
    use std::io::ErrorKind as K;
    let (nl, en) = match e.kind() {
        K::NotFound => ("het bestand of de map bestaat niet", "it does not exist"),
        K::PermissionDenied => (
            "Regie heeft daar geen toestemming voor (de rechten van het bestand of de map)",
            "permission denied (the permissions of the file or its folder)",
        ),
        K::ReadOnlyFilesystem => (
            "op deze schijf kan niet geschreven worden",
            "the disk is read-only",
        ),
        K::StorageFull | K::QuotaExceeded => ("de schijf is vol", "the disk is full"),
        K::IsADirectory => ("dit is een map, geen bestand", "it is a folder, not a file"),
        K::NotADirectory => (
            "een deel van het pad is geen map",
            "a part of the path is not a folder",
        ),
        K::AlreadyExists => ("het bestaat al", "it exists already"),
        K::InvalidData | K::UnexpectedEof => {
            ("de inhoud is niet te lezen", "its content cannot be read")
        }
        _ => {
            return match (lang, e.raw_os_error()) {
                (Language::Nl, Some(n)) => format!("het systeem gaf een fout (foutnummer {n})"),
                (Language::Nl, None) => "het systeem gaf een fout".to_owned(),
                (Language::En, _) => format!("the system reported an error ({e})"),
            }
        }
    };
    match lang {
        Language::Nl => nl.to_owned(),
        Language::En => en.to_owned(),
    }
}

fn not_a_vault(path: &Path, found: Found, lang: Language) -> String {
    let p = path.display();
    let (nl, en) = match found {
        Found::Folder => (
            format!("{p} is een map, geen kluisbestand"),
            format!("{p} is a folder, not a vault file"),
        ),
        Found::NotAFile => (
            format!("{p} is geen gewoon bestand (maar bijvoorbeeld een apparaat), dus geen kluis"),
            format!("{p} is not an ordinary file (it is a device, for example), so not a vault"),
        ),
        Found::Empty => (
            format!("{p} is leeg: het is geen kluis. Het is niet aangeraakt"),
            format!("{p} is empty: it is not a vault. It was left untouched"),
        ),
        Found::PlainDatabase => (
            format!("{p} is een gewone database zonder versleuteling, geen kluis van Regie. Het is niet aangeraakt"),
            format!("{p} is an ordinary database without encryption, not a Regie vault. It was left untouched"),
        ),
        Found::OtherFormat => (
            format!("{p} is geen kluis maar een ander soort bestand. Het is niet aangeraakt"),
            format!("{p} is not a vault but a file of another kind. It was left untouched"),
        ),
    };
    match lang {
        Language::Nl => nl,
        Language::En => en,
    }
}

/// A purpose or data category as a person knows it: its catalogue label,
/// else the term as given.
fn term_label(term: &str, lang: Language) -> String {
    catalogue::lookup(term)
        .map(|t| t.label.get(lang).to_owned())
        .unwrap_or_else(|| term.to_owned())
}

fn wrong_action(basis: LegalBasis, action: DecisionAction, lang: Language) -> String {
    let consent = matches!(
        action,
        DecisionAction::GiveConsent | DecisionAction::WithdrawConsent
    );
    let text = match (basis, consent) {
        (LegalBasis::Consent, _) => regie_model::Text {
            nl: "dit gebeurt met uw toestemming: u kunt uw toestemming geven of intrekken, geen bezwaar maken",
            en: "this happens with your consent: you can give or withdraw your consent, not object",
        },
        (LegalBasis::LegitimateInterest, true) => regie_model::Text {
            nl: "dit gebeurt in het belang van de organisatie, niet met uw toestemming: u kunt er bezwaar tegen maken",
            en: "this happens in the organisation's own interest, not with your consent: you can object to it",
        },
        _ => regie_model::Text {
            nl: "deze keuze past niet bij de grondslag hiervan",
            en: "this choice does not fit its legal basis",
        },
    };
    text.get(lang).to_owned()
}

fn contact_message(e: &ContactError, lang: Language) -> String {
    let nl = lang == Language::Nl;
    match e {
        ContactError::ServiceNotBlockable => if nl {
            "berichten over uw contract kunt u niet uitzetten: die zijn nodig. U kunt wel kiezen hoe u ze krijgt"
        } else {
            "service messages cannot be switched off: they are needed for your contract. You can choose their channel instead"
        }
        .into(),
        ContactError::Unknown { what, value } => {
            if nl {
                format!("'{value}' kent Regie niet (als {})", what_nl(what))
            } else {
                format!("Regie does not know '{value}' (as a {what})")
            }
        }
        ContactError::TimeZone(z) => {
            if nl {
                format!("'{z}' is geen tijdzone die Regie kent: gebruik een naam als Europe/Amsterdam")
            } else {
                format!("'{z}' is not a time zone Regie knows: use a name such as Europe/Amsterdam")
            }
        }
        ContactError::EmptyQuietHours => if nl {
            "rustige uren moeten op verschillende tijden beginnen en eindigen"
        } else {
            "quiet hours must start and end at different times"
        }
        .into(),
        ContactError::Cap(en) => {
            if nl {
                format!("dit aantal kan niet: {}", cap_nl(en))
            } else {
                (*en).to_owned()
            }
        }
        // A case regie-model adds later: its own words.
        other => {
            if nl {
                format!("deze voorkeur kan niet ({other})")
            } else {
                other.to_string()
            }
        }
    }
}

/// The Dutch for the kind of value regie-model names in English.
fn what_nl(what: &str) -> &str {
    match what {
        "channel" => "kanaal",
        "kind of message" => "soort bericht",
        "language" => "taal",
        "form of address" => "aanspreekvorm",
        "way to reach a person" => "manier om een mens te spreken",
        other => other,
    }
}

/// The Dutch for regie-model's limits on caps.
fn cap_nl(en: &str) -> &'static str {
    if en.contains("feedback") {
        "om uw mening mag hoogstens eens per 1 tot 60 maanden gevraagd worden"
    } else if en.contains("weekly") {
        "het aantal berichten per week moet tussen 1 en 1000 liggen"
    } else {
        "het getal ligt buiten de grenzen"
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Decision(e) => Some(e),
            Error::Declaration(e) => Some(e),
            Error::Contact(e) => Some(e),
            Error::OrgId(e) => Some(e),
            Error::CannotSign(e) => Some(e),
            Error::Rights(e) => Some(e),
            _ => None,
        }
    }
}

impl From<DecisionError> for Error {
    fn from(e: DecisionError) -> Self {
        Error::Decision(e)
    }
}

impl From<ContactError> for Error {
    fn from(e: ContactError) -> Self {
        Error::Contact(e)
    }
}

impl From<OrgIdError> for Error {
    fn from(e: OrgIdError) -> Self {
        Error::OrgId(e)
    }
}

impl From<regie_declaration::DeclarationError> for Error {
    fn from(e: regie_declaration::DeclarationError) -> Self {
        Error::Declaration(e)
    }
}

/// Maps a SQLite error by its cause: a busy file is [`Error::VaultInUse`],
/// a full disk [`Error::DiskFull`], a read-only file
/// [`Error::VaultReadOnly`], an input/output error [`Error::Storage`]. The
/// rest is [`Error::Database`], also SQLite's "malformed" and "not a
/// database": only a check proves damage ([`Error::Corrupt`]), which is
/// what opening and [`crate::Vault::check`] run.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::VaultInUse,
            Some(C::DiskFull) => Error::DiskFull,
            Some(C::ReadOnly) => Error::VaultReadOnly,
            Some(C::SystemIoFailure) | Some(C::CannotOpen) => Error::Storage(e.to_string()),
            _ => Error::Database(e.to_string()),
        }
    }
}

/// A result with the vault's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_own_stored_name() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()), "{c:?}");
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{c}\""));
        }
    }
}
