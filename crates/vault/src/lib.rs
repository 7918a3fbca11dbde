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
//! ```no_run
//! use regie_vault::{Keychain, Protection, Vault};
//! let (mut vault, recovery_code) =
//!     Vault::create("my.regie".as_ref(), Protection::Keychain(Keychain::os()))?;
//! println!("Write this down: {}", recovery_code.reveal());
//! vault.load_examples()?;
//! # Ok::<(), regie_vault::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod declaration;
pub mod domain;
pub mod error;
pub mod examples;
pub mod export;
pub mod files;
pub mod history;
pub mod keys;
mod store;
mod vault;

pub use declaration::{BasisChange, Declaration, DeclarationError, DeclarationReport, HoldingRef};
pub use domain::{BiText, Holding, NewHolding, OrgPage, OrgSummary, Organisation, Source};
pub use error::{Error, ErrorCode, KeychainProblem, Result};
pub use export::Export;
pub use history::{Event, EventKind};
pub use keys::{Keychain, Passphrase, Protection, RecoveryCode};
pub use store::SCHEMA_VERSION;
pub use vault::{BackupReport, CheckReport, Unlock, Vault};
