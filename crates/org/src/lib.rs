//! The organisation side of Regie.
//!
//! An organisation receives signed preference files from its customers
//! (one pairwise `did:key` per customer), verifies them strictly, keeps the
//! highest sequence per customer together with the signed file as
//! evidence, and answers "may I send this customer this kind of message on
//! this channel, now?" from memory, in microseconds.
//!
//! - [`store`]: the [`Store`] trait, with SQLite and PostgreSQL behind it;
//! - [`import`]: reading and verifying files in parallel;
//! - [`check`]: the decision and its reason, a pure function;
//! - [`Org`]: the three together, with the in-memory view;
//! - [`server`]: the HTTP API.
//!
//! ```
//! use chrono::Utc;
//! use regie_model::{Channel, MessageKind, OrgId};
//! use regie_org::{check::DefaultPolicy, store::{OrgConfig, SqliteStore, Store}, Org};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let store = SqliteStore::open(dir.path().join("org.db")).unwrap();
//! store.init(&OrgConfig {
//!     id: OrgId::parse("kvk:33031431").unwrap(),
//!     name: "Voorbeeldbank".into(),
//!     default: DefaultPolicy::Block,
//!     tofu: false,
//! }, Utc::now()).unwrap();
//! let org = Org::open(Box::new(store)).unwrap();
//! let d = org.check("c-1", Channel::Push, MessageKind::Marketing, Utc::now());
//! assert!(!d.allowed);
//! assert_eq!(d.reason.code(), "no-preference-on-file");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod check;
pub mod i18n;
pub mod import;
mod org;
pub mod server;
pub mod store;
pub mod text;

/// The sentence shown for a rejection: for the codes of this crate, the
/// text in the person's language; for verification codes, what was wrong
/// (in English, from regie-prefs) and what to do, in their language.
pub fn reject_text(lang: regie_model::Language, code: &str, stored: &str) -> String {
    use regie_prefs::VerifyErrorKind as K;
    match code {
        "unknown-key" if stored == i18n::E_TOFU_TAKEN.en => i18n::E_TOFU_TAKEN.get(lang).into(),
        "unknown-key" => i18n::E_UNKNOWN_KEY.get(lang).into(),
        "key-in-use" => i18n::E_KEY_IN_USE.get(lang).into(),
        "rotated-out" => i18n::E_ROTATED_OUT.get(lang).into(),
        "not-a-file" => i18n::E_NOT_A_FILE.get(lang).into(),
        "unstorable" => i18n::E_UNSTORABLE.get(lang).into(),
        "replayed-or-older" | "unreadable" if lang == regie_model::Language::En => {
            text::clean(stored).into_owned()
        }
        "replayed-or-older" => {
            let nums: Vec<&str> = stored
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .collect();
            let (have, got) = match nums.as_slice() {
                [h, g, ..] => (*h, *g),
                _ => ("?", "?"),
            };
            i18n::fill(lang, i18n::E_REPLAYED, &[("have", have), ("got", got)])
        }
        _ => match K::from_code(code) {
            Some(kind) => format!("{}. {}", text::clean(stored), kind.advice_in(lang)),
            None => text::clean(stored).into_owned(),
        },
    }
}

pub use check::{Decision, DefaultPolicy, Reason, UseDecision, UseReason};
pub use import::{Effective, Uses};
pub use org::{
    FileResult, ImportOptions, ImportReport, OpenFeed, Org, FRESHNESS, MAX_ABSENT, POLL,
};
pub use store::{Outcome, Store, StoreError};
