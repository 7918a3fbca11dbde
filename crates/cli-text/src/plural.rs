//! Counts with their words in the right form: "1 bestand", "2 bestanden",
//! "0 bestanden"; "1 file", "2 files". Dutch and English both take the
//! singular for exactly one and the plural for every other number, zero
//! included, so one rule serves both languages.

use regie_model::{Language, Text};

/// A text with a count `{n}`, in the form for one and the form for any
/// other number, each in Dutch and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plural {
    /// For exactly one.
    pub one: Text,
    /// For any other number.
    pub other: Text,
}

impl Plural {
    /// From the two forms, Dutch first in each.
    pub const fn new(
        one: (&'static str, &'static str),
        other: (&'static str, &'static str),
    ) -> Self {
        Plural {
            one: Text {
                nl: one.0,
                en: one.1,
            },
            other: Text {
                nl: other.0,
                en: other.1,
            },
        }
    }

    /// The form for `n`.
    pub fn form(&self, n: u64) -> Text {
        if n == 1 {
            self.one
        } else {
            self.other
        }
    }

    /// The text for `n` in `lang`, with `{n}` and every other `{name}` in
    /// `vars` filled in.
    pub fn fill(&self, lang: Language, n: u64, vars: &[(&str, &str)]) -> String {
        let count = n.to_string();
        let mut all = Vec::with_capacity(vars.len() + 1);
        all.push(("n", count.as_str()));
        all.extend_from_slice(vars);
        self.form(n).fill(lang, &all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: Plural = Plural::new(
        ("{n} bestand in {dir}", "{n} file in {dir}"),
        ("{n} bestanden in {dir}", "{n} files in {dir}"),
    );

    #[test]
    fn one_is_singular_and_every_other_number_plural_in_both_languages() {
        let dir = [("dir", "uit")];
        assert_eq!(FILES.fill(Language::Nl, 1, &dir), "1 bestand in uit");
        assert_eq!(FILES.fill(Language::En, 1, &dir), "1 file in uit");
        assert_eq!(FILES.fill(Language::Nl, 0, &dir), "0 bestanden in uit");
        assert_eq!(FILES.fill(Language::En, 2, &dir), "2 files in uit");
        assert_eq!(FILES.fill(Language::Nl, 11, &dir), "11 bestanden in uit");
    }
}
