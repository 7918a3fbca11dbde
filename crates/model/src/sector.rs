//! The sectors organisations work in, with their names for a person.
//!
//! An organisation's sector is kept as it was given (a declaration may name
//! any sector in lower-case letters, digits and hyphens). The sectors Regie
//! knows are shown by their name in the person's language, any other as
//! written; a person may type either the stored name or the shown one.

use std::fmt;

use crate::contact::names_match;
use crate::text::Text;
use crate::Language;

/// A sector Regie has a name for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sector {
    /// A bank.
    Bank,
    /// An insurer other than a health insurer.
    Insurer,
    /// A health insurer.
    HealthInsurer,
    /// Telephone and internet.
    Telecom,
    /// Electricity and gas.
    Energy,
    /// A shop.
    Retail,
    /// A shop on the internet.
    Webshop,
    /// A bookshop.
    Bookshop,
    /// A municipality.
    Municipality,
}

impl Sector {
    /// Every sector Regie has a name for.
    pub const ALL: [Sector; 9] = [
        Sector::Bank,
        Sector::Insurer,
        Sector::HealthInsurer,
        Sector::Telecom,
        Sector::Energy,
        Sector::Retail,
        Sector::Webshop,
        Sector::Bookshop,
        Sector::Municipality,
    ];

    /// The stored name, e.g. `health-insurer`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Sector::Bank => "bank",
            Sector::Insurer => "insurer",
            Sector::HealthInsurer => "health-insurer",
            Sector::Telecom => "telecom",
            Sector::Energy => "energy",
            Sector::Retail => "retail",
            Sector::Webshop => "webshop",
            Sector::Bookshop => "bookshop",
            Sector::Municipality => "municipality",
        }
    }

    /// What a person calls it (docs/GLOSSARY.md).
    pub const fn label(self) -> Text {
        let (nl, en) = match self {
            Sector::Bank => ("Bank", "Bank"),
            Sector::Insurer => ("Verzekeraar", "Insurer"),
            Sector::HealthInsurer => ("Zorgverzekeraar", "Health insurer"),
            Sector::Telecom => ("Telecom", "Telecom"),
            Sector::Energy => ("Energie", "Energy"),
            Sector::Retail => ("Winkel", "Shop"),
            Sector::Webshop => ("Webwinkel", "Web shop"),
            Sector::Bookshop => ("Boekhandel", "Bookshop"),
            Sector::Municipality => ("Gemeente", "Municipality"),
        };
        Text { nl, en }
    }

    /// Reads a stored name, or a name as a person types or sees it, in
    /// either language, ignoring case.
    pub fn parse_named(s: &str) -> Option<Sector> {
        Sector::ALL
            .into_iter()
            .find(|v| names_match(s, v.as_str(), &[v.label()]))
    }

    /// A stored sector as a person should see it: the name of a sector
    /// Regie knows, any other as written.
    pub fn show(stored: &str, lang: Language) -> String {
        match Sector::parse_named(stored) {
            Some(s) => s.label().get(lang).to_owned(),
            None => stored.to_owned(),
        }
    }

    /// What to store for what a person typed: the stored name of a sector
    /// Regie knows (whatever language it was typed in), else the text as
    /// typed, without spaces around it.
    pub fn normalise(typed: &str) -> String {
        match Sector::parse_named(typed) {
            Some(s) => s.as_str().to_owned(),
            None => typed.trim().to_owned(),
        }
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sectors_are_shown_in_the_language_and_others_as_written() {
        assert_eq!(
            Sector::show("health-insurer", Language::Nl),
            "Zorgverzekeraar"
        );
        assert_eq!(
            Sector::show("health-insurer", Language::En),
            "Health insurer"
        );
        assert_eq!(Sector::show("Bakkerij", Language::En), "Bakkerij");
        assert_eq!(Sector::normalise(" Zorgverzekeraar "), "health-insurer");
        assert_eq!(Sector::normalise("bakkerij"), "bakkerij");
        for s in Sector::ALL {
            assert_eq!(Sector::parse_named(s.as_str()), Some(s));
            assert_eq!(Sector::parse_named(s.label().nl), Some(s));
            assert_eq!(Sector::parse_named(s.label().en), Some(s));
        }
    }
}
