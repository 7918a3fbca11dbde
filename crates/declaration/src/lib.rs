//! The organisation declaration: the file an organisation publishes to say
//! which of a person's data it holds, for which purposes, on which legal
//! basis, and which channels it uses for which kinds of message.
//!
//! The format is `regie-declaration/1`, specified in
//! `docs/spec/declaration.md` with a JSON Schema beside it; this crate is
//! its reference implementation. It reads and checks a file and nothing
//! else: no storage, no keys, no SQL, so an organisation can check the
//! declaration it is about to publish without the person's vault. (The
//! vault, `regie-vault`, merges a checked declaration into its tables.)
//!
//! Parsing is strict: unknown fields and values, missing translations,
//! duplicates and files that are too large are refused with a
//! [`DeclarationError`] that says what is wrong and where, in Dutch and
//! English. What is accepted is typed: purposes, data categories, retention
//! periods, the name and the e-mail address are regie-model's vocabulary
//! types, parsed once here.
//!
//! ```
//! use regie_declaration::Declaration;
//! let bytes = br#"{"format":"regie-declaration/2"}"#;
//! let err = Declaration::parse(bytes).unwrap_err();
//! assert_eq!(err.kind(), "unsupported-format");
//! ```
#![deny(missing_docs)]

mod error;
mod parse;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use regie_model::{
    Channel, DataCategory, EmailAddress, Grain, Language, LegalBasis, MessageKind, OrgId, OrgName,
    Purpose, RetentionPeriod,
};
use serde::{Deserialize, Serialize};

pub use error::DeclarationError;

/// The value of the `format` field this version reads.
pub const FORMAT: &str = "regie-declaration/1";
/// The largest file Regie reads, in bytes (256 KiB).
pub const MAX_BYTES: usize = 256 * 1024;
/// The most holdings one declaration may list.
pub const MAX_HOLDINGS: usize = 500;
/// The longest text (a reason or a note, in one language), in characters.
pub const MAX_TEXT_CHARS: usize = 1000;
/// The longest organisation name, in characters.
pub const MAX_NAME_CHARS: usize = OrgName::MAX_CHARS;
/// The longest website, e-mail address or sector, in characters.
pub const MAX_SHORT_CHARS: usize = 254;
/// The longest postal address, in characters.
pub const MAX_POSTAL_CHARS: usize = 300;

/// A text in Dutch and English, as a declaration gives it (and as the
/// vault stores it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BiText {
    /// Dutch (B1).
    pub nl: String,
    /// English.
    pub en: String,
}

impl BiText {
    /// Both texts.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        BiText {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The text in one language.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }
}

/// A checked declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declaration {
    /// The organisation that declares.
    pub organisation: DeclaredOrganisation,
    /// The date the organisation issued the declaration.
    pub issued: NaiveDate,
    /// What it holds: each (category, purpose) once.
    pub holdings: Vec<DeclaredHolding>,
    /// For each kind of message, the channels the organisation uses.
    pub channels: BTreeMap<MessageKind, Vec<Channel>>,
}

/// The organisation, as it declares itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaredOrganisation {
    /// Its id (see [`regie_model::org_id`]).
    pub id: OrgId,
    /// Its name.
    pub name: OrgName,
    /// Its sector, lower-case letters, digits and hyphens (`bank`).
    pub sector: Option<String>,
    /// Its website, `https://`.
    pub website: Option<String>,
    /// Where privacy (GDPR) requests go.
    pub privacy_email: EmailAddress,
    /// Postal address for privacy requests.
    pub privacy_postal: Option<String>,
}

/// One data category the organisation holds for one purpose on one basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaredHolding {
    /// The data category, one Regie's catalogue knows.
    pub category: DataCategory,
    /// The purpose, one Regie's catalogue knows.
    pub purpose: Purpose,
    /// The legal basis.
    pub basis: LegalBasis,
    /// How long the data is kept.
    pub retention: RetentionPeriod,
    /// For a purpose that watches data over time: which data, how often.
    pub grain: Option<Grain>,
    /// For a basis the person cannot switch off: why, naming the law.
    pub reason: Option<BiText>,
    /// A note for the person.
    pub note: Option<BiText>,
}
