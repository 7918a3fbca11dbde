//! Localised help and usage errors for Regie's command lines.
//!
//! `regie` and `regie-org` declare their arguments with clap, whose help
//! and usage errors are English. A person who chose Dutch must get Dutch
//! there too, so each binary keeps a table of its help texts in both
//! languages ([`Help`]), keyed by command and argument, and this crate
//!
//! - chooses the language before the command line is parsed, by one rule
//!   for both binaries ([`language`]);
//! - rewrites clap's `Command` with the texts of that language: the about
//!   lines, every argument's help, the headings, the notes on defaults,
//!   environment variables and possible values ([`localise`]);
//! - turns a clap error into a plain sentence in that language with the
//!   usage line ([`parse`], exit code 2);
//! - names an operating-system error in that language ([`os`]);
//! - puts a count's words in the right form ([`Plural`]);
//! - catches a panic at the top, logs where it happened (no personal
//!   data) and says so in the language ([`crash`]).
//!
//! A test in each binary lists what its table lacks ([`missing`]), so an
//! argument added without a translation fails the build's tests.
#![deny(missing_docs)]

pub mod crash;
mod help;
mod lang;
pub mod os;
mod plural;
mod texts;
mod usage;

pub use help::{localise, missing, Help};
pub use lang::language;
pub use plural::Plural;
pub use usage::{parse, Stop};

/// The exit code of a usage error, for both command lines.
pub const USAGE: u8 = 2;

regie_model::texts! {
    /// The help of `--lang`, the same in both command lines.
    LANG = (
        "Taal van de uitvoer [standaard: $REGIE_LANG, anders de taal van het systeem (LC_ALL, LANG), anders Nederlands].",
        "Language of the output [default: $REGIE_LANG, else the system's language (LC_ALL, LANG), else Dutch]."
    );
    /// The language `nl`, by its name.
    LANG_NL = ("Nederlands", "Dutch");
    /// The language `en`, by its name.
    LANG_EN = ("Engels", "English");
}
