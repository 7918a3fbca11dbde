//! The built-in catalogue of W3C DPV terms Regie uses.
//!
//! Each purpose, personal-data category and legal basis carries a Dutch (B1)
//! and an English label and a one-sentence explanation, so no screen or file
//! ever shows a bare IRI to a person. Terms come from
//! `https://w3id.org/dpv#` (purposes), `https://w3id.org/dpv/pd#` (data
//! categories) and `https://w3id.org/dpv/legal/eu/gdpr#` (legal bases, see
//! [`crate::LegalBasis`]).

use serde::Serialize;

use crate::text::Text;

/// The DPV core namespace (purposes).
pub const DPV_NS: &str = "https://w3id.org/dpv#";
/// The DPV personal-data namespace (data categories).
pub const PD_NS: &str = "https://w3id.org/dpv/pd#";

/// What a catalogue term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermKind {
    /// A purpose (`dpv:`).
    Purpose,
    /// A personal-data category (`pd:`).
    DataCategory,
}

/// One catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    /// Compact IRI, e.g. `dpv:DirectMarketing` or `pd:Financial`.
    pub compact: &'static str,
    /// Purpose or data category.
    pub kind: TermKind,
    /// Short label.
    pub label: Text,
    /// One sentence in plain words.
    pub explanation: Text,
    /// For purposes: whether it watches the person's data over time, so its
    /// grain (general/specific, incidental/continuous) matters.
    pub monitoring: bool,
    /// For data categories: special or sensitive by nature (health, religion,
    /// ...), proposed to the person as "keep out of personalisation".
    pub sensitive: bool,
}

impl Term {
    /// The full IRI.
    pub fn iri(&self) -> String {
        expand(self.compact).unwrap_or_else(|| self.compact.to_owned())
    }
}

/// Expands `dpv:X` or `pd:X` to a full IRI.
pub fn expand(compact: &str) -> Option<String> {
    if let Some(rest) = compact.strip_prefix("dpv:") {
        Some(format!("{DPV_NS}{rest}"))
    } else {
        compact
            .strip_prefix("pd:")
            .map(|rest| format!("{PD_NS}{rest}"))
    }
}

/// Shortens a full DPV IRI to its compact form; compact input is returned as is.
pub fn compact(iri: &str) -> String {
    if let Some(rest) = iri.strip_prefix(DPV_NS) {
        format!("dpv:{rest}")
    } else if let Some(rest) = iri.strip_prefix(PD_NS) {
        format!("pd:{rest}")
    } else {
        iri.to_owned()
    }
}

/// Looks a term up by compact or full IRI.
pub fn lookup(iri: &str) -> Option<&'static Term> {
    let c = compact(iri);
    TERMS.iter().find(|t| t.compact == c)
}

/// All purposes.
pub fn purposes() -> impl Iterator<Item = &'static Term> {
    TERMS.iter().filter(|t| t.kind == TermKind::Purpose)
}

/// All data categories.
pub fn data_categories() -> impl Iterator<Item = &'static Term> {
    TERMS.iter().filter(|t| t.kind == TermKind::DataCategory)
}

const fn purpose(compact: &'static str, label: Text, explanation: Text, monitoring: bool) -> Term {
    Term {
        compact,
        kind: TermKind::Purpose,
        label,
        explanation,
        monitoring,
        sensitive: false,
    }
}

const fn data(compact: &'static str, label: Text, explanation: Text, sensitive: bool) -> Term {
    Term {
        compact,
        kind: TermKind::DataCategory,
        label,
        explanation,
        monitoring: false,
        sensitive,
    }
}

/// Every term Regie knows.
pub static TERMS: &[Term] = &[
    purpose(
        "dpv:ServiceProvision",
        Text {
            nl: "Uw dienst leveren",
            en: "Providing your service",
        },
        Text {
            nl: "De gegevens zijn nodig om de dienst te leveren die u heeft afgenomen.",
            en: "The data is needed to provide the service you signed up for.",
        },
        false,
    ),
    purpose(
        "dpv:DirectMarketing",
        Text {
            nl: "Reclame aan u",
            en: "Advertising to you",
        },
        Text {
            nl: "De organisatie gebruikt uw gegevens om u reclame en aanbiedingen te sturen.",
            en: "The organisation uses your data to send you advertising and offers.",
        },
        false,
    ),
    data(
        "pd:Financial",
        Text {
            nl: "Geldzaken",
            en: "Financial data",
        },
        Text {
            nl: "Gegevens over uw geld, zoals uw saldo, inkomen of schulden.",
            en: "Data about your money, such as your balance, income or debts.",
        },
        false,
    ),
    data(
        "pd:EmailAddress",
        Text {
            nl: "E-mailadres",
            en: "E-mail address",
        },
        Text {
            nl: "Het adres waarop u e-mail krijgt.",
            en: "The address where you receive e-mail.",
        },
        false,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_and_full_iris_find_the_same_term() {
        let t = lookup("https://w3id.org/dpv#DirectMarketing").unwrap();
        assert_eq!(lookup("dpv:DirectMarketing"), Some(t));
        assert_eq!(t.iri(), "https://w3id.org/dpv#DirectMarketing");
    }

    #[test]
    fn every_term_has_both_languages_and_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for t in TERMS {
            assert!(seen.insert(t.compact), "{} twice", t.compact);
            for s in [t.label.nl, t.label.en, t.explanation.nl, t.explanation.en] {
                assert!(!s.trim().is_empty(), "{} has an empty text", t.compact);
            }
            assert!(t.compact.starts_with("dpv:") || t.compact.starts_with("pd:"));
            assert_eq!(t.kind == TermKind::Purpose, t.compact.starts_with("dpv:"));
        }
    }
}
