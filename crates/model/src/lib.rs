//! Regie's shared vocabulary.
//!
//! The vault (what the person records), the preference file (what leaves the
//! vault, signed) and the organisation side (what an organisation enforces)
//! must mean exactly the same thing by "push", "marketing" or "consent
//! withdrawn". This crate holds those words once, with their wire names and
//! their Dutch and English texts, and nothing else: no storage, no crypto, no
//! I/O.
//!
//! ```
//! use regie_model::{Channel, ContactPreferences, MessageKind};
//! let mut prefs = ContactPreferences::default();
//! prefs.set(Channel::Push, MessageKind::Marketing, false).unwrap();
//! assert!(!prefs.allows(Channel::Push, MessageKind::Marketing));
//! assert!(prefs.allows(Channel::Email, MessageKind::Marketing));
//! ```
#![deny(missing_docs)]

pub mod catalogue;
pub mod concept;
pub mod contact;
pub mod event;
pub mod legal;
pub mod org_id;
pub mod sector;
pub mod text;
pub mod vocab;

pub use concept::Concept;
pub use contact::{
    Channel, ContactError, ContactPreferences, FeedbackCap, FormOfAddress, GlobalSwitch,
    HumanContact, Language, MessageKind, QuietHours, SwitchState,
};
pub use event::EventKind;
pub use legal::{
    DataScope, DecisionAction, DecisionError, DecisionState, Frequency, Grain, LegalBasis,
};
pub use org_id::{OrgId, OrgIdError};
pub use sector::Sector;
pub use text::Text;
pub use vocab::{DataCategory, EmailAddress, OrgName, Purpose, RetentionPeriod};
