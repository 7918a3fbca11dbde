//! Text that came from outside (a received file, a path, a database error)
//! made safe to store and to show.
//!
//! A rejected file's reason quotes what was wrong with it, and a path is
//! whatever the sender named the file: both may hold NUL, which PostgreSQL
//! refuses in a text column, and control or direction characters, which a
//! terminal obeys (a carriage return can make "rejected" print as
//! "accepted"). So every such text is stored and shown with those
//! characters written out as `\u{..}`, and cut to a bounded length.

use std::borrow::Cow;

/// The most characters kept of an outside text.
pub const MAX_CHARS: usize = 500;

/// Whether a character must not reach a store or a terminal as itself:
/// control characters (C0, DEL, C1) and the invisible characters that
/// change the direction or the lines of the text around them.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
            | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The text with every unsafe character written as `\u{XXXX}`, and cut
/// to [`MAX_CHARS`] characters (with `...` where it was cut).
pub fn clean(s: &str) -> Cow<'_, str> {
    let long = s.len() > MAX_CHARS && s.chars().nth(MAX_CHARS).is_some();
    if !long && !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().min(MAX_CHARS * 2) + 8);
    for (i, c) in s.chars().enumerate() {
        if i == MAX_CHARS {
            out.push_str("...");
            break;
        }
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as text, made safe ([`clean`]); bytes that are not UTF-8 are
/// shown as the replacement character.
pub fn path(p: &std::path::Path) -> String {
    clean(&p.to_string_lossy()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_direction_characters_are_written_out() {
        assert_eq!(clean("a\0b"), "a\\u{0000}b");
        assert_eq!(clean("x\r accepted"), "x\\u{000D} accepted");
        assert_eq!(clean("\u{1b}[2K"), "\\u{001B}[2K");
        assert_eq!(clean("abc\u{202E}fdp.exe"), "abc\\u{202E}fdp.exe");
        assert_eq!(clean("\u{85}"), "\\u{0085}");
    }

    #[test]
    fn ordinary_text_is_kept_as_is_without_copying() {
        assert!(matches!(clean("Voorbeeldbank é ü 🙂"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_cut() {
        let s = "x".repeat(10_000);
        let c = clean(&s);
        assert_eq!(c.chars().count(), MAX_CHARS + 3);
        assert!(c.ends_with("..."));
        let exactly = "y".repeat(MAX_CHARS);
        assert_eq!(clean(&exactly), exactly);
    }
}
