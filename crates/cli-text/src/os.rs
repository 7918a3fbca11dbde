//! An operating-system error, said in the person's language.
//!
//! The system's own text ("No such file or directory (os error 2)") is
//! English. In Dutch, the kind of error is named instead; the system's
//! text is shown only in English and in `--json`, where a program or a
//! search engine can use it.

use std::io;

use regie_model::{Language, Text};

/// What kind of operating-system error it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OsProblem {
    /// The file, folder or program does not exist.
    NotFound,
    /// No permission.
    PermissionDenied,
    /// A folder where a file was expected.
    IsADirectory,
    /// A part of the path is not a folder.
    NotADirectory,
    /// It exists already.
    AlreadyExists,
    /// Another program listens on the address.
    AddrInUse,
    /// The address is not one of this computer's.
    AddrNotAvailable,
    /// The other side refused the connection.
    ConnectionRefused,
    /// It took too long.
    TimedOut,
    /// The disk is full.
    StorageFull,
    /// The disk is read-only.
    ReadOnlyFilesystem,
    /// The content cannot be read (not UTF-8, ...).
    InvalidData,
    /// A name or address in the wrong form.
    InvalidInput,
    /// The file ended too early.
    UnexpectedEof,
    /// Interrupted.
    Interrupted,
    /// Another error.
    Other,
}

impl OsProblem {
    /// Every kind.
    pub const ALL: [OsProblem; 16] = [
        OsProblem::NotFound,
        OsProblem::PermissionDenied,
        OsProblem::IsADirectory,
        OsProblem::NotADirectory,
        OsProblem::AlreadyExists,
        OsProblem::AddrInUse,
        OsProblem::AddrNotAvailable,
        OsProblem::ConnectionRefused,
        OsProblem::TimedOut,
        OsProblem::StorageFull,
        OsProblem::ReadOnlyFilesystem,
        OsProblem::InvalidData,
        OsProblem::InvalidInput,
        OsProblem::UnexpectedEof,
        OsProblem::Interrupted,
        OsProblem::Other,
    ];

    /// The kind of `e`.
    pub fn of(e: &io::Error) -> Self {
        use io::ErrorKind as K;
        match e.kind() {
            K::NotFound => OsProblem::NotFound,
            K::PermissionDenied => OsProblem::PermissionDenied,
            K::IsADirectory => OsProblem::IsADirectory,
            K::NotADirectory => OsProblem::NotADirectory,
            K::AlreadyExists => OsProblem::AlreadyExists,
            K::AddrInUse => OsProblem::AddrInUse,
            K::AddrNotAvailable => OsProblem::AddrNotAvailable,
            K::ConnectionRefused => OsProblem::ConnectionRefused,
            K::TimedOut => OsProblem::TimedOut,
            K::StorageFull => OsProblem::StorageFull,
            K::ReadOnlyFilesystem => OsProblem::ReadOnlyFilesystem,
            K::InvalidData => OsProblem::InvalidData,
            K::InvalidInput => OsProblem::InvalidInput,
            K::UnexpectedEof => OsProblem::UnexpectedEof,
            K::Interrupted => OsProblem::Interrupted,
            _ => OsProblem::Other,
        }
    }

    /// A stable code, e.g. `not-found`, to store and for programs.
    pub fn code(self) -> &'static str {
        match self {
            OsProblem::NotFound => "not-found",
            OsProblem::PermissionDenied => "permission-denied",
            OsProblem::IsADirectory => "is-a-directory",
            OsProblem::NotADirectory => "not-a-directory",
            OsProblem::AlreadyExists => "already-exists",
            OsProblem::AddrInUse => "address-in-use",
            OsProblem::AddrNotAvailable => "address-not-available",
            OsProblem::ConnectionRefused => "connection-refused",
            OsProblem::TimedOut => "timed-out",
            OsProblem::StorageFull => "storage-full",
            OsProblem::ReadOnlyFilesystem => "read-only-filesystem",
            OsProblem::InvalidData => "invalid-data",
            OsProblem::InvalidInput => "invalid-input",
            OsProblem::UnexpectedEof => "unexpected-eof",
            OsProblem::Interrupted => "interrupted",
            OsProblem::Other => "other",
        }
    }

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The kind in words, in both languages.
    pub fn text(self) -> Text {
        let (nl, en) = match self {
            OsProblem::NotFound => ("het bestand of de map bestaat niet", "it does not exist"),
            OsProblem::PermissionDenied => (
                "u heeft hier geen toestemming voor (de rechten van het bestand of de map)",
                "permission denied",
            ),
            OsProblem::IsADirectory => {
                ("dit is een map, geen bestand", "it is a folder, not a file")
            }
            OsProblem::NotADirectory => (
                "een deel van het pad is geen map",
                "a part of the path is not a folder",
            ),
            OsProblem::AlreadyExists => ("het bestaat al", "it exists already"),
            OsProblem::AddrInUse => (
                "een ander programma gebruikt dit adres al",
                "another program uses this address already",
            ),
            OsProblem::AddrNotAvailable => (
                "dit adres hoort niet bij deze computer",
                "this address is not one of this computer's",
            ),
            OsProblem::ConnectionRefused => {
                ("de verbinding is geweigerd", "the connection was refused")
            }
            OsProblem::TimedOut => ("het duurde te lang", "it took too long"),
            OsProblem::StorageFull => ("de schijf is vol", "the disk is full"),
            OsProblem::ReadOnlyFilesystem => (
                "op deze schijf kan niet geschreven worden",
                "the disk is read-only",
            ),
            OsProblem::InvalidData => (
                "de inhoud is niet te lezen (bijvoorbeeld geen geldige tekst)",
                "the content cannot be read",
            ),
            OsProblem::InvalidInput => (
                "de naam of het adres is niet goed geschreven",
                "the name or address is not written correctly",
            ),
            OsProblem::UnexpectedEof => {
                ("het bestand houdt te vroeg op", "the file ends too early")
            }
            OsProblem::Interrupted => ("het werd onderbroken", "it was interrupted"),
            OsProblem::Other => ("het systeem gaf een fout", "the system reported an error"),
        };
        Text { nl, en }
    }
}

/// Why the system refused, in `lang`: in Dutch the kind in words (and the
/// system's error number, if it is another kind); in English the system's
/// own text.
pub fn reason(e: &io::Error, lang: Language) -> String {
    match lang {
        Language::En => e.to_string(),
        Language::Nl => {
            let p = OsProblem::of(e);
            match (p, e.raw_os_error()) {
                (OsProblem::Other, Some(n)) => format!("{} (foutnummer {n})", p.text().nl),
                _ => p.text().nl.to_owned(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_named_in_dutch_and_in_the_systems_words_in_english() {
        let e = std::fs::read("/no/such/file/here").unwrap_err();
        assert_eq!(
            reason(&e, Language::Nl),
            "het bestand of de map bestaat niet"
        );
        assert!(reason(&e, Language::En).contains("os error"), "{e}");
        let dir = std::env::temp_dir();
        let e = std::fs::read(&dir).unwrap_err();
        assert_eq!(reason(&e, Language::Nl), "dit is een map, geen bestand");
    }

    #[test]
    fn every_kind_has_a_stable_code_and_two_texts() {
        for p in OsProblem::ALL {
            assert_eq!(OsProblem::from_code(p.code()), Some(p));
            let t = p.text();
            assert!(
                !t.nl.is_empty() && !t.en.is_empty() && t.nl != t.en,
                "{p:?}"
            );
        }
    }
}
