//! The organisation declaration: the file an organisation publishes to say
//! which of a person's data it holds, for which purposes, on which legal
//! basis, and which channels it uses for which kinds of message; and, from
//! version 2, where the person's Regie sends their files (the inbox) and
//! which key signs the organisation's receipts.
//!
//! The formats are `regie-declaration/1` and `regie-declaration/2`,
//! specified in `docs/spec/declaration.md` with a JSON Schema beside it;
//! this crate is their reference implementation. It reads, checks and
//! signs the file and nothing else: no storage, no SQL, no key store (the
//! caller holds the keys), so an organisation can check
//! the declaration it is about to publish without the person's vault. (The
//! vault, `regie-vault`, merges a checked declaration into its tables.)
//!
//! Parsing is strict: unknown fields and values, missing translations,
//! duplicates and files that are too large are refused with a
//! [`DeclarationError`] that says what is wrong and where, in Dutch and
//! English. What is accepted is typed: purposes, data categories, retention
//! periods, the name and the e-mail address are regie-model's vocabulary
//! types, parsed once here.
//!
//! A version 2 declaration is signed (`eddsa-jcs-2022`, with regie-prefs'
//! rules) by the receipt key it names, so the inbox a person's files go to
//! cannot be changed on the way. The person's vault pins that key the
//! first time; [`pin`] says what a later declaration means for the pinned
//! key: the same key, a change proven by the old key and the new one, or a
//! change to refuse. [`Declaration::sign`] makes a signed declaration, for
//! the organisation's side.
//!
//! ```
//! use regie_declaration::Declaration;
//! let bytes = br#"{"format":"regie-declaration/3"}"#;
//! let err = Declaration::parse(bytes).unwrap_err();
//! assert_eq!(err.kind(), "unsupported-format");
//! ```
#![deny(missing_docs)]

mod error;
mod inbox;
mod parse;
mod pin;
mod sign;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use regie_model::{
    Channel, DataCategory, EmailAddress, Grain, Language, LegalBasis, MessageKind, OrgId, OrgName,
    Purpose, RetentionPeriod,
};
use serde::{Deserialize, Serialize};

pub use error::DeclarationError;
pub use inbox::{InboxProblem, InboxUrl, MAX_INBOX_CHARS};
pub use pin::{pin, Pin};
pub use regie_prefs::DidKey;

/// The value of the `format` field of version 1: not signed, no inbox.
/// Still read, for the declarations vaults have imported.
pub const FORMAT: &str = "regie-declaration/1";
/// The value of the `format` field of version 2: version 1 with the
/// organisation's inbox and receipt key, signed by that key.
pub const FORMAT_V2: &str = "regie-declaration/2";
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
    /// Where to send files and which key signs receipts: a version 2
    /// declaration, whose signature has been checked; `None` for version 1.
    pub delivery: Option<Delivery>,
}

impl Declaration {
    /// The format the declaration was read in (or will be written in):
    /// [`FORMAT_V2`] if it has a [`Delivery`], else [`FORMAT`].
    pub fn format(&self) -> &'static str {
        if self.delivery.is_some() {
            FORMAT_V2
        } else {
            FORMAT
        }
    }
}

/// Where a person's Regie sends files to the organisation, and the key
/// that signs the declaration and the organisation's receipts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    /// The inbox: `POST` files here.
    pub inbox: InboxUrl,
    /// The organisation's receipt key, which signed this declaration.
    pub receipt_key: DidKey,
    /// The key this declaration moves from, when it carries a key change:
    /// it is then signed by that key too (a proof set, the previous key's
    /// proof first). `None` for a declaration signed by the receipt key
    /// alone. Set when reading; [`Declaration::sign`] ignores it (see
    /// [`Declaration::sign_key_change`]).
    pub previous_key: Option<DidKey>,
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
