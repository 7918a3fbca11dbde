//! The content of a preference file and of a key-rotation announcement.
//!
//! Every struct refuses unknown fields and every closed list refuses unknown
//! values: a reader that silently skipped a field it did not know could
//! miss a "no" the person said. A new field therefore means a new format
//! version (a new Regie context URL), never a quiet addition.

use std::fmt;

use chrono::{DateTime, Utc};
use regie_model::{
    ContactPreferences, DataScope, DecisionState, Frequency, Grain, Language, LegalBasis, OrgId,
};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::did_key::DidKey;

/// A point in time as written in files: UTC, whole seconds, `Z`
/// (`2026-01-31T12:00:00Z`). Other spellings of the same instant are
/// refused, so a file has one way to say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    /// The instant, with any fraction of a second dropped.
    pub fn new(t: DateTime<Utc>) -> Self {
        let secs = t.timestamp();
        Timestamp(DateTime::from_timestamp(secs, 0).unwrap_or(t))
    }

    /// The instant.
    pub fn get(self) -> DateTime<Utc> {
        self.0
    }

    /// Parses the one accepted spelling.
    pub fn parse(s: &str) -> Option<Self> {
        // The shape YYYY-MM-DDTHH:MM:SSZ first: cheap, and it leaves only
        // one spelling for each instant that parses.
        let b = s.as_bytes();
        let shape = b.len() == 20
            && b.iter().enumerate().all(|(i, &c)| match i {
                4 | 7 => c == b'-',
                10 => c == b'T',
                13 | 16 => c == b':',
                19 => c == b'Z',
                _ => c.is_ascii_digit(),
            });
        if !shape {
            return None;
        }
        let ts = Timestamp(DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc));
        // A leap second (:60) is read as the second before it; make sure
        // it is written back the same way.
        if &b[17..19] == b"60" && ts.to_string() != s {
            return None;
        }
        Some(ts)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%dT%H:%M:%SZ"))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Timestamp::parse(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "'{s}' is not a time written as UTC with whole seconds, like 2026-01-31T12:00:00Z"
            ))
        })
    }
}

// Purposes and data categories are regie-model's vocabulary types, parsed
// once; files name them by full IRI.
pub use regie_model::{DataCategory, Purpose};

mod legal_basis_iri {
    use super::*;

    pub fn serialize<S: Serializer>(b: &LegalBasis, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&b.iri())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<LegalBasis, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        // The IRI is the GDPR namespace and the compact name's local part;
        // compared in place, without writing each IRI out.
        let local = s.strip_prefix(regie_model::legal::EU_GDPR_NS);
        LegalBasis::ALL
            .into_iter()
            .find(|b| local.is_some() && b.compact().strip_prefix("eu-gdpr:") == local)
            .ok_or_else(|| D::Error::unknown_variant(&s, &IRIS))
    }

    /// The legal bases a file may name, for the message that refuses
    /// another (a test keeps it equal to regie-model's list).
    pub const IRIS: [&str; 6] = [
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-a",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-b",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-c",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-d",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-e",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-f",
    ];
}

/// The organisation a file is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// The organisation id (`kvk:...`, `oin:...` or a slug).
    pub id: OrgId,
    /// The organisation's name, as the person knows it.
    pub name: String,
}

/// The grain of a monitoring purpose, on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GrainWire {
    scope: DataScope,
    frequency: Frequency,
}

mod grain_opt {
    use super::*;

    pub fn serialize<S: Serializer>(g: &Option<Grain>, s: S) -> Result<S::Ok, S::Error> {
        g.map(|g| GrainWire {
            scope: g.scope,
            frequency: g.frequency,
        })
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Grain>, D::Error> {
        Ok(Option::<GrainWire>::deserialize(d)?.map(|g| Grain {
            scope: g.scope,
            frequency: g.frequency,
        }))
    }
}

/// What the person decided about one way the organisation uses their data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Decision {
    /// The purpose (a DPV IRI).
    pub purpose: Purpose,
    /// The data categories used for it (DPV `pd:` IRIs), at least one.
    pub data_categories: Vec<DataCategory>,
    /// The legal basis, as a DPV GDPR IRI (`...gdpr#A6-1-a` to `A6-1-f`).
    #[serde(with = "legal_basis_iri")]
    pub legal_basis: LegalBasis,
    /// The decision: consent given or withdrawn, objected (GDPR Art. 21)
    /// or not, or locked (no choice under this basis).
    pub state: DecisionState,
    /// For monitoring purposes: which data, how often (or `null`).
    #[serde(with = "grain_opt")]
    pub grain: Option<Grain>,
}

/// Plain-language text for a person who opens the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The language of the text.
    pub language: Language,
    /// One sentence saying what the file is.
    pub headline: String,
    /// One line per preference or decision.
    pub lines: Vec<String>,
}

/// The subject of a preference file: everything the organisation must honour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PreferenceSubject {
    /// The organisation it is for.
    pub audience: Audience,
    /// Grows by at least one with every export to this organisation; the
    /// organisation keeps the highest it has seen and ignores lower ones.
    pub sequence: u64,
    /// When the person made it.
    pub issued: Timestamp,
    /// Whether the person's global "no proactive messages from anyone"
    /// switch is on and applies to this organisation; if so, the matrix in
    /// `contactPreferences` already has every blockable cell off.
    pub global_switch: bool,
    /// The contact preferences to honour (the effective ones: with the
    /// global switch applied), in regie-model's wire form.
    pub contact_preferences: ContactPreferences,
    /// Decisions on the organisation's uses of the person's data.
    pub decisions: Vec<Decision>,
    /// Data categories the person marked sensitive: keep them out of
    /// personalisation and profiling.
    pub sensitive_categories: Vec<DataCategory>,
    /// The same in plain words, in the person's language.
    pub summary: Summary,
}

/// The subject of a key-rotation announcement: from now on, files for this
/// organisation are signed by `newKey`. The announcement is signed by the
/// old key, so the organisation can link the two, and by the new key, so it
/// knows the sender holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct KeyRotationSubject {
    /// The organisation it is for.
    pub audience: Audience,
    /// Shares the sequence of the preference files to this organisation.
    pub sequence: u64,
    /// When the person made it.
    pub issued: Timestamp,
    /// The key that signs from now on.
    pub new_key: DidKey,
    /// The same in plain words, in the person's language.
    pub summary: Summary,
}

/// A whole credential on the wire, without its proof.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct CredentialWire<S> {
    #[serde(rename = "@context")]
    pub context: Vec<String>,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub issuer: String,
    pub valid_from: Timestamp,
    pub credential_subject: S,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legal_bases_named_in_a_refusal_are_regie_models() {
        let model: Vec<String> = LegalBasis::ALL.iter().map(|b| b.iri()).collect();
        assert_eq!(model, legal_basis_iri::IRIS);
    }
}
