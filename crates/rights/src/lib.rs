//! Your rights, in writing: the library behind Regie's GDPR requests.
//!
//! A person's strongest tools are the GDPR rights, and using them takes a
//! letter, a deadline and, too often, a reminder. This crate writes the
//! letters (access, rectification, erasure, restriction, portability,
//! objection, withdrawal of consent, a reminder, a complaint to the
//! Autoriteit Persoonsgegevens) in plain Dutch and in English, from
//! templates that are data ([`letter`]); computes the legal deadlines
//! ([`deadline`]) and follows a request through its states ([`request`]);
//! turns a letter into plain text, an `.eml`, a `mailto:` link
//! ([`email`]) or a PDF for the post ([`pdf`]); and ships a directory of
//! organisations' privacy contacts to start from ([`mod@directory`]).
//!
//! It knows nothing of the vault, the command line or the app: they give
//! it what the person chose and store what it returns. Nothing here reads a
//! clock, so "today" is always an argument.
//!
//! ```
//! use chrono::NaiveDate;
//! use regie_model::{Language, OrgName};
//! use regie_rights::{deadline, write, Identity, LetterInput, LetterKind, Organisation, Right};
//!
//! let day = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
//! // Received on 31 January: due on the last day of February, a Saturday,
//! // so on the Monday after.
//! let due = deadline::due_date(day, false).unwrap();
//! assert_eq!(due, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
//! let letter = write(&LetterInput {
//!     kind: LetterKind::Request { right: Right::Access, deadline: due },
//!     lang: Language::En,
//!     date: day,
//!     organisation: Organisation {
//!         name: OrgName::parse("Voorbeeldbank N.V.").unwrap(),
//!         postal_address: vec!["Postbus 1".into(), "1000 AA  AMSTERDAM".into()],
//!         email: None,
//!     },
//!     person: Identity { name: Some("Sam de Vries".into()), ..Identity::default() },
//!     holdings: vec![],
//!     purposes: vec![],
//!     details: None,
//! })
//! .unwrap();
//! assert!(letter.body().contains("by 2 March 2026"));
//! assert!(letter.to_pdf().unwrap().starts_with(b"%PDF-"));
//! ```
#![deny(missing_docs)]

pub mod deadline;
pub mod directory;
pub mod email;
mod error;
mod i18n;
pub mod letter;
pub mod pdf;
pub mod request;
mod right;
mod template;

pub use directory::{directory, Directory, Entry, Hit, Quality};
pub use email::Mailto;
pub use error::{Error, ErrorCode, Field, Problem, StepKind, Whose};
pub use letter::{
    complaint_authority, write, Authority, Detail, Holding, Identity, Letter, LetterInput,
    LetterKind, Organisation,
};
pub use request::{Outcome, Request, Status, Step, Via};
pub use right::Right;
