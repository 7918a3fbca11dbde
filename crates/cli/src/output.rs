//! Output: text for a person in their language, or JSON for a program.
//!
//! Commands build one serialisable value for `--json` and print prose
//! otherwise; both go through [`Out`], so nothing else writes to stdout.

use std::io::Write;

use regie_model::{catalogue, Channel, Language, MessageKind, Text};
use serde::Serialize;

use crate::exit::CliError;
use crate::i18n::{self, fill, tr};

/// Where output goes and in which form.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    /// Machine output.
    pub json: bool,
    /// The person's language.
    pub lang: Language,
}

impl Out {
    /// A text in the person's language.
    pub fn t(&self, t: Text) -> &'static str {
        tr(self.lang, t)
    }

    /// A text with its placeholders filled in.
    pub fn f(&self, t: Text, vars: &[(&str, &str)]) -> String {
        fill(self.lang, t, vars)
    }

    /// Prints a line for a person (nothing with --json).
    pub fn line(&self, s: impl AsRef<str>) {
        if !self.json {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", s.as_ref());
        }
    }

    /// Prints the JSON value (only with --json).
    pub fn data<T: Serialize + ?Sized>(&self, value: &T) {
        if self.json {
            let text = serde_json::to_string_pretty(value).expect("output serialises");
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{text}");
        }
    }

    /// Prints an error on stderr, as text or as JSON.
    pub fn error(&self, e: &CliError) {
        let mut err = std::io::stderr().lock();
        if self.json {
            let v = serde_json::json!({
                "error": { "code": e.code(), "message": e.message(self.lang) }
            });
            let _ = writeln!(err, "{v}");
        } else {
            let _ = writeln!(
                err,
                "regie: {}: {}",
                tr(self.lang, i18n::ERROR).to_lowercase(),
                e.message(self.lang)
            );
        }
    }

    /// "on" or "off".
    pub fn on_off(&self, on: bool) -> &'static str {
        self.t(if on { i18n::ON } else { i18n::OFF })
    }

    /// A purpose or data category in plain words, with its term.
    pub fn term(&self, compact: &str) -> String {
        match catalogue::lookup(compact) {
            Some(t) => format!("{} ({compact})", t.label.get(self.lang)),
            None => compact.to_owned(),
        }
    }

    /// A purpose or data category in plain words only.
    pub fn term_label(&self, compact: &str) -> String {
        match catalogue::lookup(compact) {
            Some(t) => t.label.get(self.lang).to_owned(),
            None => compact.to_owned(),
        }
    }

    /// A channel in plain words.
    pub fn channel(&self, c: Channel) -> &'static str {
        c.label().get(self.lang)
    }

    /// A kind of message in plain words.
    pub fn kind(&self, k: MessageKind) -> &'static str {
        k.label().get(self.lang)
    }
}

/// Pads to a width in characters (not bytes), for simple tables.
pub fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}
