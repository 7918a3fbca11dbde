//! Bilingual texts.
//!
//! Every text a person sees exists in Dutch (plain, B1) and English. Keeping
//! both in one value makes a missing translation a compile error rather than
//! a blank label.

use serde::Serialize;

use crate::contact::Language;

/// A text in Dutch and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Text {
    /// Dutch, plain language (B1).
    pub nl: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in the given language.
    pub fn get(&self, lang: Language) -> &'static str {
        match lang {
            Language::Nl => self.nl,
            Language::En => self.en,
        }
    }

    /// The text in the given language, with each `{key}` replaced by its value.
    pub fn fill(&self, lang: Language, vars: &[(&str, &str)]) -> String {
        let mut s = self.get(lang).to_owned();
        for (k, v) in vars {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }
}

/// Declares bilingual text constants, Dutch first:
///
/// ```
/// regie_model::texts! {
///     /// Shown when all is well.
///     ALL_GOOD = ("Alles is in orde.", "All is well.");
/// }
/// assert_eq!(ALL_GOOD.fill(regie_model::Language::En, &[]), "All is well.");
/// ```
#[macro_export]
macro_rules! texts {
    ($($(#[$m:meta])* $name:ident = ($nl:expr, $en:expr);)*) => {
        $($(#[$m])* #[allow(missing_docs)] pub const $name: $crate::Text = $crate::Text { nl: $nl, en: $en };)*
    };
}
