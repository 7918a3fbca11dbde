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
//! - [`reject`]: why a received file was not accepted, typed, with its
//!   facts;
//! - [`Org`]: the three together, with the in-memory view;
//! - [`server`]: the HTTP API, with [`metrics`] for `GET /metrics`;
//! - [`inbox`]: the public inbox, where customers' own Regie delivers
//!   files and link requests and gets a signed receipt back, with the
//!   organisation's [`key`].
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
#![deny(missing_docs)]

pub mod check;
pub mod i18n;
pub mod import;
pub mod inbox;
pub mod key;
pub mod metrics;
mod org;
mod private_file;
pub mod reject;
pub mod server;
pub mod store;
pub mod text;

pub use check::{Decision, DefaultPolicy, Reason, UseDecision, UseReason};
pub use import::{Effective, Uses};
pub use org::{
    FileResult, ImportOptions, ImportReport, OpenFeed, Org, FRESHNESS, MAX_ABSENT, POLL,
};
pub use reject::Rejection;
pub use store::{Outcome, Store, StoreError};
