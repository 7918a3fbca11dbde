//! Regie's signed preference files.
//!
//! A person exports, per organisation, a file saying which messages they do
//! not want on which channel and what they decided about the organisation's
//! use of their data. The organisation must be able to check, without Regie
//! and with public libraries only, that the file is unchanged and comes from
//! the same person as the previous one. So the file is a W3C Verifiable
//! Credential (Data Model 2.0) with a Data Integrity proof of cryptosuite
//! `eddsa-jcs-2022`: Ed25519 over the RFC 8785 canonical form, with the
//! signer named as a pairwise `did:key`. The format is specified in
//! `docs/spec/preference-file.md`.
//!
//! Besides preference files and key-rotation announcements, a person sends
//! link requests (a [`LinkCode`] from the organisation, signed with the
//! pairwise key), and an organisation answers each file with a signed
//! [`Receipt`], checked with [`verify_receipt`]; see
//! `docs/spec/receipt.md`.
//!
//! This crate knows nothing of storage, keychains or user interfaces.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use regie_model::{Channel, ContactPreferences, Language, MessageKind, OrgId};
//! use regie_prefs::{pairwise_signing_key, verify, Audience, Content, PreferenceFile,
//!     PreferenceSubject, SubjectInput, VerifyOptions};
//!
//! let org = OrgId::parse("kvk:33031431").unwrap();
//! let key = pairwise_signing_key(&[42; 32], &org);
//! let mut preferences = ContactPreferences::default();
//! preferences.set(Channel::Push, MessageKind::Marketing, false).unwrap();
//! let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap();
//! let subject = PreferenceSubject::new(SubjectInput {
//!     audience: Audience { id: org.clone(), name: "Voorbeeldbank".into() },
//!     sequence: 1,
//!     issued: now,
//!     language: Language::Nl,
//!     preferences,
//!     global_off: false,
//!     exempt: false,
//!     decisions: vec![],
//!     sensitive_categories: vec![],
//! });
//! let file = PreferenceFile::sign(&subject, &key, now).unwrap();
//!
//! let options = VerifyOptions { audience: Some(org), ..Default::default() };
//! let verified = verify(&file.bytes, now, &options).unwrap();
//! let Content::Preferences(p) = verified.content else { unreachable!() };
//! assert!(!p.contact_preferences.allows(Channel::Push, MessageKind::Marketing));
//! ```
#![deny(missing_docs)]

pub mod did_key;
pub mod error;
pub mod example;
pub mod file;
pub mod jcs;
pub mod json;
pub mod link_code;
pub mod pairwise;
pub mod proof;
pub mod receipt;
mod same;
pub mod summary;
pub mod types;

pub use did_key::{DidKey, DidKeyError};
pub use error::{SignError, VerifyError, VerifyErrorKind};
pub use file::{
    verify, verify_many, Content, KeyRotation, LinkRequest, PreferenceFile, SignedFile,
    SubjectInput, Verified, VerifyOptions, DEFAULT_CLOCK_SKEW, KEY_ROTATION_TYPE,
    LINK_REQUEST_TYPE, PREFERENCE_TYPE, RECEIPT_TYPE, REGIE_CONTEXT, REGIE_CONTEXT_V1, VC_CONTEXT,
};
pub use link_code::{LinkCode, LinkCodeError};
pub use pairwise::{pairwise_signing_key, pairwise_signing_key_at};
/// The random-number traits [`LinkCode::generate`] and
/// [`ReceiptId::generate`] take, and the operating system's generator
/// (`rand_core::OsRng`), so that callers need no crate of their own for
/// them.
pub use rand_core;
pub use receipt::{verify_receipt, ExpectedReceipt, Receipt, ReceiptInput, VerifiedReceipt};
pub use types::{
    Audience, DataCategory, Decision, FileHash, KeyRotationSubject, LinkRequestSubject, Outcome,
    PreferenceSubject, Purpose, ReceiptId, ReceiptSchema, ReceiptSubject, ReceivedFile,
    ReceivedKind, RejectionCode, Summary, Timestamp,
};
