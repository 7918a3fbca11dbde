//! The rights a person can exercise in writing.
//!
//! Seven GDPR rights, each with the article a letter cites. Withdrawal of
//! consent (Art. 7(3)) is not one of the rights of Articles 15 to 22 whose
//! answers Art. 12(3) times, but its letter also asks the organisation to
//! erase what it held only on that consent (Art. 17(1)(b)), which is; so
//! every right here has the same one-month deadline.

use std::fmt;
use std::str::FromStr;

use regie_model::Text;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A right the person exercises with a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Right {
    /// Access (Art. 15): what the organisation holds, why, and a copy.
    Access,
    /// Rectification (Art. 16): correct or complete the data.
    Rectification,
    /// Erasure (Art. 17).
    Erasure,
    /// Restriction of processing (Art. 18).
    Restriction,
    /// Data portability (Art. 20): the data in a file a computer can read.
    Portability,
    /// Objection (Art. 21); to direct marketing it must simply be obeyed
    /// (Art. 21(2)-(3)).
    Objection,
    /// Withdrawal of consent (Art. 7(3)).
    Withdrawal,
}

impl Right {
    /// Every right, in the order the GDPR lists them.
    pub const ALL: [Right; 7] = [
        Right::Access,
        Right::Rectification,
        Right::Erasure,
        Right::Restriction,
        Right::Portability,
        Right::Objection,
        Right::Withdrawal,
    ];

    /// The wire and command-line name, e.g. `access`.
    pub fn as_str(self) -> &'static str {
        match self {
            Right::Access => "access",
            Right::Rectification => "rectification",
            Right::Erasure => "erasure",
            Right::Restriction => "restriction",
            Right::Portability => "portability",
            Right::Objection => "objection",
            Right::Withdrawal => "withdrawal",
        }
    }

    /// The article of the GDPR, e.g. `15` or `7(3)`.
    pub fn article(self) -> &'static str {
        match self {
            Right::Access => "15",
            Right::Rectification => "16",
            Right::Erasure => "17",
            Right::Restriction => "18",
            Right::Portability => "20",
            Right::Objection => "21",
            Right::Withdrawal => "7(3)",
        }
    }

    /// A short name for a person.
    pub fn label(self) -> Text {
        let (nl, en) = match self {
            Right::Access => ("Inzage", "Access"),
            Right::Rectification => ("Verbeteren", "Correction"),
            Right::Erasure => ("Wissen", "Erasure"),
            Right::Restriction => ("Gebruik beperken", "Restriction"),
            Right::Portability => ("Gegevens meenemen", "Portability"),
            Right::Objection => ("Bezwaar maken", "Objection"),
            Right::Withdrawal => ("Toestemming intrekken", "Withdrawing consent"),
        };
        Text { nl, en }
    }

    /// One sentence on what the right gives, in plain words.
    pub fn explanation(self) -> Text {
        let (nl, en) = match self {
            Right::Access => (
                "U vraagt welke gegevens de organisatie van u heeft, waarvoor, van wie en voor hoe lang, en een kopie ervan.",
                "You ask which of your data the organisation holds, what for, where from and for how long, and a copy of it.",
            ),
            Right::Rectification => (
                "U vraagt de organisatie gegevens te verbeteren die niet kloppen, of aan te vullen.",
                "You ask the organisation to correct data that is wrong, or to complete it.",
            ),
            Right::Erasure => (
                "U vraagt de organisatie uw gegevens te wissen.",
                "You ask the organisation to erase your data.",
            ),
            Right::Restriction => (
                "U vraagt de organisatie uw gegevens te bewaren maar niet meer te gebruiken, bijvoorbeeld zolang een fout wordt uitgezocht.",
                "You ask the organisation to keep your data but stop using it, for example while a mistake is looked into.",
            ),
            Right::Portability => (
                "U vraagt de gegevens die u zelf gaf in een bestand dat een computer kan lezen, om mee te nemen.",
                "You ask for the data you gave in a file a computer can read, to take it elsewhere.",
            ),
            Right::Objection => (
                "U maakt bezwaar tegen een gebruik van uw gegevens. Bij reclame moet de organisatie altijd stoppen.",
                "You object to a use of your data. For direct marketing the organisation must always stop.",
            ),
            Right::Withdrawal => (
                "U trekt uw toestemming in. De organisatie moet dan stoppen met wat zij daarop deed.",
                "You withdraw your consent. The organisation must then stop what it did on that basis.",
            ),
        };
        Text { nl, en }
    }
}

impl fmt::Display for Right {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Right {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Right::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| Error::UnknownRight(crate::error::clip(s)))
    }
}
