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
}
