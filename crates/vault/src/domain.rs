//! The records the vault keeps.
//!
//! A *holding* is one data category that an organisation holds for one
//! purpose on one legal basis: the finest grain at which the person can
//! decide (article 001: narrow a category to the purposes you accept).

use chrono::{DateTime, NaiveDate, Utc};
use regie_model::{ContactPreferences, DecisionState, Grain, LegalBasis, OrgId};
use serde::{Deserialize, Serialize};

/// A text the vault stores in Dutch and English: the same type a
/// declaration gives its reasons and notes in.
pub use regie_declaration::BiText;

/// Where a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Entered by the person.
    Person,
    /// Imported from the organisation's own declaration.
    Declaration,
    /// From Regie's illustrative example set.
    Example,
}

impl Source {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Source::Person => "person",
            Source::Declaration => "declaration",
            Source::Example => "example",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Source> {
        match s {
            "person" => Some(Source::Person),
            "declaration" => Some(Source::Declaration),
            "example" => Some(Source::Example),
            _ => None,
        }
    }
}

/// An organisation that holds some of the person's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Stable id (see [`regie_model::org_id`]).
    pub id: OrgId,
    /// Name as the person knows it.
    pub name: String,
    /// Sector, e.g. "bank", "health-insurer", "telecom", "energy", "retail",
    /// "bookshop", "municipality".
    pub sector: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// E-mail address for privacy (GDPR) requests.
    pub privacy_email: Option<String>,
    /// Postal address for privacy (GDPR) requests.
    pub privacy_postal: Option<String>,
    /// Where this record came from.
    pub source: Source,
    /// The date of the declaration or example set it came from, if any.
    pub source_date: Option<NaiveDate>,
}

impl Organisation {
    /// A minimal organisation entered by the person.
    pub fn new(id: OrgId, name: impl Into<String>) -> Self {
        Organisation {
            id,
            name: name.into(),
            sector: None,
            website: None,
            privacy_email: None,
            privacy_postal: None,
            source: Source::Person,
            source_date: None,
        }
    }
}

/// A holding to add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHolding {
    /// Data category, a DPV `pd:` compact IRI.
    pub category: String,
    /// Purpose, a DPV `dpv:` compact IRI.
    pub purpose: String,
    /// Legal basis.
    pub basis: LegalBasis,
    /// How long it is kept, as an ISO 8601 duration ("P7Y").
    pub retention: Option<String>,
    /// For monitoring purposes: the grain.
    pub grain: Option<Grain>,
    /// For locked holdings: why, naming the law where known.
    pub locked_reason: Option<BiText>,
    /// A note for the person (e.g. "this purpose does not fit the data").
    pub note: Option<BiText>,
}

/// A stored holding with the person's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holding {
    /// Row id, stable within this vault.
    pub id: i64,
    /// The organisation.
    pub org_id: OrgId,
    /// What is held and why.
    #[serde(flatten)]
    pub what: NewHolding,
    /// The person's decision.
    pub decision: DecisionState,
    /// When the person last decided, if ever.
    pub decided_at: Option<DateTime<Utc>>,
}

impl Holding {
    /// Whether the person can change anything about it.
    pub fn is_locked(&self) -> bool {
        self.decision == DecisionState::Locked
    }

    /// Why it is locked, in plain words: the stored reason, or the legal
    /// basis's general explanation.
    pub fn locked_reason(&self) -> BiText {
        self.what.locked_reason.clone().unwrap_or_else(|| {
            let t = self.what.basis.explanation();
            BiText::new(t.nl, t.en)
        })
    }
}

/// One line of the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgSummary {
    /// The organisation.
    pub org: Organisation,
    /// Distinct data categories held.
    pub categories: Vec<String>,
    /// Distinct purposes.
    pub purposes: Vec<String>,
    /// Number of holdings.
    pub holdings: usize,
    /// Holdings whose consent is withdrawn or which are objected to.
    pub switched_off: usize,
    /// Channel x kind cells switched off for this organisation (not
    /// counting the global switch).
    pub blocked_cells: usize,
    /// Exempt from the global "no proactive messages" switch.
    pub exempt_from_global: bool,
}

/// Everything about one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgPage {
    /// The organisation.
    pub org: Organisation,
    /// Its holdings, by purpose then category.
    pub holdings: Vec<Holding>,
    /// The preferences the person set for it.
    pub contact: ContactPreferences,
    /// What it must honour, with the global switch applied.
    pub effective_contact: ContactPreferences,
    /// Whether the global switch is on.
    pub global_off: bool,
    /// Exempt from the global switch.
    pub exempt_from_global: bool,
}
