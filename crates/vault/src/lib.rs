//! Regie's vault: the person's own, encrypted record of which organisations
//! hold which of their data, for which purposes, on which legal basis, and
//! what the person decided about it.
//!
//! The vault is one SQLCipher database file with a key file beside it. The
//! key file holds no secret: the vault's master secret is kept in the OS
//! keychain, or wrapped under a passphrase the person chose. Every change is
//! recorded in a hash-chained history in the same transaction. Every file
//! and folder this crate makes (vault, key file, backup, and the folders
//! above them) is its owner's only, whatever the umask: see [`files`].
//!
//! This crate is the only code that runs SQL against a vault, and it knows
//! nothing of the command line, Tauri or IPC.
//!
//! The modules follow the jobs, each layer using only the ones below it:
//! `store`, `keys` and `files` under `chain` (the history's hash chain),
//! `checked` (input parsed with regie-model's types) and `rows` (shared
//! SQL); `lifecycle` (the [`Vault`] itself: create, open, restore, backup,
//! check, destroy); and on top, each an `impl Vault`: `orgs`, `overview`,
//! `decisions`, `contact`, `export`, `merge` (a declaration into the
//! tables) and `history` (reading, with [`Event::describe`] in `describe`).
//!
//! ```no_run
//! use regie_vault::{Keychain, Protection, Vault};
//! let (mut vault, recovery_code) =
//!     Vault::create("my.regie".as_ref(), Protection::Keychain(Keychain::os()))?;
//! println!("Write this down: {}", recovery_code.reveal());
//! vault.load_examples()?;
//! # Ok::<(), regie_vault::Error>(())
//! ```
#![deny(missing_docs)]

mod chain;
mod checked;
mod contact;
mod decisions;
mod deliveries;
mod describe;
mod directory;
pub mod domain;
pub mod error;
pub mod examples;
pub mod export;
pub mod files;
mod history;
pub mod keys;
mod lifecycle;
mod location;
mod merge;
mod orgs;
mod outbox;
mod overview;
mod queue;
pub mod reasons;
pub mod requests;
mod rows;
pub mod sender;
mod store;

pub use directory::{ContactCorrection, DirectoryOrigin, PrivacyContact};
pub use domain::{BiText, Holding, NewHolding, OrgPage, OrgSummary, Organisation, Source};
pub use error::{Damage, Error, ErrorCode, Found, KeychainProblem, Result};
pub use export::{Export, ExportKind, Saved};
pub use history::Event;
pub use keys::{Keychain, Passphrase, Protection, RecoveryCode};
pub use lifecycle::{BackupReport, CheckReport, Unlock, Vault};
pub use location::default_vault_path;
pub use merge::{BasisChange, DeclarationReport, DeliveryReport, HoldingRef, PinChange};
pub use outbox::{
    retry_delay, Delivery, FileKind, KeptReceipt, Parcel, SendReport, Settled, Waiting, WaitingFile,
};
pub use reasons::SendProblem;
/// regie-rights, whose types the request API speaks (rights, ways of
/// sending, outcomes, letters, the directory), for the front ends.
pub use regie_rights as rights;
pub use requests::{
    AnswerDeclaration, AnswerFile, AnswerFileInfo, AnswerReport, Answered, LetterChoice,
    OtherDetail, RequestDetails, RequestId, RequestView, Sent, MAX_ANSWER_FILE_BYTES,
};
pub use sender::{Reply, Sender, SenderConfig};
pub use store::SCHEMA_VERSION;
