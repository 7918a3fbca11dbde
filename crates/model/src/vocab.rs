//! Values from outside, parsed once at the edge into types that cannot
//! hold a bad value ("parse, don't validate"): DPV purposes and data
//! categories, retention periods, organisation names and e-mail addresses.
//!
//! Before, each crate checked these with its own copy of the rule, and the
//! copies drifted (one allowed `_` in a term, one capped a duration's
//! digits and one did not). Now the rule exists once, here; a function that
//! takes a [`Purpose`] never checks it again.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::catalogue::{self, DPV_NS, PD_NS};
use crate::contact::Language;

/// The local name of a DPV term: 1 to 100 ASCII letters, digits and
/// hyphens, as every DPV term is.
fn is_term_name(n: &str) -> bool {
    !n.is_empty() && n.len() <= 100 && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

macro_rules! term_type {
    ($name:ident, $ns:expr, $prefix:literal, $what:literal, $kind:expr) => {
        #[doc = concat!("A ", $what, ": a full IRI in `", stringify!($ns), "`, read from `", $prefix, "Name` or the full IRI.")]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("Reads a compact (`", $prefix, "Name`) or full IRI.")]
            pub fn parse(s: &str) -> Option<Self> {
                let name = s
                    .strip_prefix($prefix)
                    .or_else(|| s.strip_prefix($ns))?;
                is_term_name(name).then(|| $name(format!("{}{name}", $ns)))
            }

            /// Reads what a person typed: the term (compact or full), the
            /// bare name of a term in the catalogue (`DirectMarketing`), or
            /// its label in the catalogue, in either language, ignoring case.
            pub fn parse_named(s: &str) -> Option<Self> {
                let s = s.trim();
                let known = |v: &Self| v.term().is_some_and(|t| t.kind == $kind);
                let wanted = s.to_lowercase();
                Self::parse(s)
                    .or_else(|| {
                        catalogue::TERMS
                            .iter()
                            .filter(|t| t.kind == $kind)
                            .find(|t| {
                                [Language::Nl, Language::En]
                                    .iter()
                                    .any(|l| t.label.get(*l).to_lowercase() == wanted)
                            })
                            .and_then(|t| Self::parse(t.compact))
                    })
                    .or_else(|| Self::parse(&format!("{}{s}", $prefix)).filter(known))
            }

            /// The full IRI.
            pub fn iri(&self) -> &str {
                &self.0
            }

            #[doc = concat!("The compact IRI (`", $prefix, "Name`).")]
            pub fn compact(&self) -> String {
                catalogue::compact(&self.0)
            }

            /// The catalogue's entry, if Regie knows the term.
            pub fn term(&self) -> Option<&'static catalogue::Term> {
                catalogue::lookup(&self.0)
            }

            /// The label for a person: the catalogue's, or the compact IRI
            /// for a term Regie does not know.
            pub fn label(&self, lang: Language) -> String {
                match self.term() {
                    Some(t) => t.label.get(lang).to_owned(),
                    None => self.compact(),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        /// On the wire only the full IRI is accepted: a file has one way
        /// to name a term.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                if s.starts_with($ns) {
                    if let Some(v) = $name::parse(&s) {
                        return Ok(v);
                    }
                }
                Err(D::Error::custom(format!(
                    "'{s}' is not a {} (a full IRI starting with {})",
                    $what, $ns
                )))
            }
        }
    };
}

term_type!(
    Purpose,
    DPV_NS,
    "dpv:",
    "DPV purpose",
    catalogue::TermKind::Purpose
);
term_type!(
    DataCategory,
    PD_NS,
    "pd:",
    "DPV personal-data category",
    catalogue::TermKind::DataCategory
);

/// How long data is kept: an ISO 8601 duration such as `P7Y`, `P1Y6M`,
/// `P30D` or `PT12H` (a `P`, then years, months, weeks and days, then
/// optionally a `T` and hours, minutes and seconds, each a whole number of
/// at most six digits, in that order, at least one of them).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct RetentionPeriod(String);

impl RetentionPeriod {
    /// Reads an ISO 8601 duration.
    pub fn parse(s: &str) -> Option<Self> {
        let rest = s.strip_prefix('P')?;
        let (date, time) = match rest.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (rest, None),
        };
        fn units(part: &str, order: &str) -> Option<usize> {
            let mut pos = 0;
            let mut n = 0;
            let mut digits = 0;
            for c in part.chars() {
                if c.is_ascii_digit() {
                    digits += 1;
                    if digits > 6 {
                        return None;
                    }
                    continue;
                }
                if digits == 0 {
                    return None;
                }
                pos += order.get(pos..)?.find(c)? + 1;
                n += 1;
                digits = 0;
            }
            (digits == 0).then_some(n)
        }
        let d = units(date, "YMWD")?;
        let t = match time {
            Some(t) => match units(t, "HMS")? {
                0 => return None,
                n => n,
            },
            None => 0,
        };
        (d + t > 0).then(|| RetentionPeriod(s.to_owned()))
    }

    /// The duration as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for RetentionPeriod {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        RetentionPeriod::parse(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "'{s}' is not a period such as P7Y (seven years) or P30D (thirty days)"
            ))
        })
    }
}

/// Whether a character may not stand in a name or an address: control
/// characters, and the invisible ones that turn the text's direction.
fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An organisation's name: 1 to 200 characters, without spaces around it
/// and without control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct OrgName(String);

impl OrgName {
    /// The most characters a name may have.
    pub const MAX_CHARS: usize = 200;

    /// Reads a name; spaces around it are dropped.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let n = s.chars().count();
        (n > 0 && n <= Self::MAX_CHARS && !s.chars().any(unprintable))
            .then(|| OrgName(s.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for OrgName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        OrgName::parse(&s).ok_or_else(|| {
            D::Error::custom("a name must have 1 to 200 characters and no control characters")
        })
    }
}

/// An e-mail address, as far as it can be checked without sending mail: a
/// local part, one `@`, a domain with a dot, no spaces or control
/// characters, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Reads an address; spaces around it are dropped.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (local, domain) = s.split_once('@')?;
        let ok = s.len() <= 254
            && !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s.chars().any(|c| c.is_whitespace() || unprintable(c));
        ok.then(|| EmailAddress(s.to_owned()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for EmailAddress {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        EmailAddress::parse(&s)
            .ok_or_else(|| D::Error::custom(format!("'{s}' is not an e-mail address")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_read_compact_or_full_and_kept_full() {
        let p = Purpose::parse("dpv:DirectMarketing").unwrap();
        assert_eq!(p.iri(), "https://w3id.org/dpv#DirectMarketing");
        assert_eq!(p.compact(), "dpv:DirectMarketing");
        assert_eq!(Purpose::parse(p.iri()), Some(p));
        for bad in [
            "dpv:",
            "dpv:Direct_Marketing",
            "pd:Health",
            "DirectMarketing",
            "dpv:Direct Marketing",
        ] {
            assert_eq!(Purpose::parse(bad), None, "{bad}");
        }
        assert_eq!(Purpose::parse(&format!("dpv:{}", "a".repeat(101))), None);
        assert!(DataCategory::parse("pd:Health").is_some());
        assert!(DataCategory::parse("dpv:Health").is_none());
    }

    #[test]
    fn terms_are_found_by_their_label_in_either_language() {
        let want = Purpose::parse("dpv:DirectMarketing");
        assert_eq!(Purpose::parse_named("Advertising to you"), want);
        assert_eq!(Purpose::parse_named("reclame aan u"), want);
        assert_eq!(Purpose::parse_named(" dpv:DirectMarketing "), want);
        assert_eq!(Purpose::parse_named("DirectMarketing"), want);
        assert_eq!(
            Purpose::parse_named("OFFICIËLE STATISTIEK")
                .unwrap()
                .compact(),
            "dpv:ProvideOfficialStatistics"
        );
        // A bare name only for a term Regie knows: with a prefix, any term.
        assert_eq!(Purpose::parse_named("SomethingElse"), None);
        assert!(Purpose::parse_named("dpv:SomethingElse").is_some());
        assert_eq!(Purpose::parse_named("no such purpose"), None);
        // A category's label does not name a purpose.
        assert_eq!(Purpose::parse_named("Health"), None);
    }

    #[test]
    fn wire_terms_must_be_full_iris() {
        let ok: Purpose = serde_json::from_str("\"https://w3id.org/dpv#Marketing\"").unwrap();
        assert_eq!(ok.compact(), "dpv:Marketing");
        assert!(serde_json::from_str::<Purpose>("\"dpv:Marketing\"").is_err());
    }

    #[test]
    fn retention_periods() {
        for ok in ["P7Y", "P1Y6M", "P30D", "PT12H", "P1W", "P1Y2M3W4DT5H6M7S"] {
            assert!(RetentionPeriod::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "P",
            "PT",
            "7Y",
            "P7",
            "PY",
            "P1M1Y",
            "P1YT",
            "P1234567D",
            "P1.5Y",
            "p7y",
            "P7Y ",
        ] {
            assert!(RetentionPeriod::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn names_and_addresses() {
        assert_eq!(OrgName::parse("  Bank  ").unwrap().as_str(), "Bank");
        assert!(OrgName::parse("").is_none());
        assert!(OrgName::parse("   ").is_none());
        assert!(OrgName::parse("a\nb").is_none());
        assert!(OrgName::parse(&"x".repeat(201)).is_none());
        assert!(OrgName::parse(&"é".repeat(200)).is_some());
        assert!(EmailAddress::parse("privacy@bank.nl").is_some());
        for bad in [
            "privacy", "@bank.nl", "a@", "a@b", "a b@c.nl", "a@@b.nl", "a@b.nl.",
        ] {
            assert!(EmailAddress::parse(bad).is_none(), "{bad}");
        }
    }
}
