//! Organisation identifiers.
//!
//! An id must be stable across exports and the same on both sides, so it
//! follows a small documented scheme rather than whatever a person types:
//!
//! - `kvk:` and the 8 digits of a Dutch Chamber of Commerce (KVK) number,
//!   e.g. `kvk:33031431`;
//! - `oin:` and the 20 digits of a Dutch government organisation number
//!   (OIN), for municipalities and other public bodies;
//! - otherwise a slug: 2 to 64 characters `a-z`, `0-9` and `-`, starting and
//!   ending with a letter or digit, e.g. `boekhandel-de-vries`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// A checked organisation id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct OrgId(String);

/// An id that does not follow the scheme.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a valid organisation id: use kvk: and 8 digits, oin: and 20 digits, or lower-case letters, digits and hyphens (2 to 64)")]
pub struct OrgIdError(pub String);

impl OrgId {
    /// Checks and wraps an id.
    pub fn parse(s: &str) -> Result<OrgId, OrgIdError> {
        let ok = if let Some(d) = s.strip_prefix("kvk:") {
            d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit())
        } else if let Some(d) = s.strip_prefix("oin:") {
            d.len() == 20 && d.bytes().all(|b| b.is_ascii_digit())
        } else {
            let b = s.as_bytes();
            (2..=64).contains(&b.len())
                && b.iter()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
        };
        if ok {
            Ok(OrgId(s.to_owned()))
        } else {
            Err(OrgIdError(s.to_owned()))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for OrgId {
    type Err = OrgIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgId::parse(s)
    }
}

impl<'de> Deserialize<'de> for OrgId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        OrgId::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme() {
        for ok in [
            "kvk:33031431",
            "oin:00000001001234567000",
            "boekhandel-de-vries",
            "a1",
        ] {
            assert!(OrgId::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "kvk:3303143",
            "kvk:3303143a",
            "KVK:33031431",
            "-bank",
            "bank-",
            "x",
            "Bank",
            "bank shop",
            "",
        ] {
            assert!(OrgId::parse(bad).is_err(), "{bad}");
        }
    }
}
