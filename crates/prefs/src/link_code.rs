//! Link codes: the short code an organisation gives its customer so that
//! the customer's Regie can link itself to their customer record.
//!
//! The person types the code, from a letter or from online banking, so it
//! must survive being read and typed by a person: it uses Crockford's
//! base32 alphabet (digits and upper-case letters without I, L, O and U),
//! is read without regard to case, with O read as 0 and I and L as 1, and
//! ignores spaces and hyphens. Its normal form is 12 characters in three
//! groups of four, `7K3Q-M9TD-2HX2`: 11 random characters and one check
//! character over them.
//!
//! The check character is the weighted sum of the others in the field of
//! 32 elements (GF(2^5)), with a different power of a generator as each
//! position's weight. Such a sum changes when any one character is
//! changed, and when any two different characters swap places, wherever
//! they are: so every single typo and every swap is caught on the
//! person's computer before anything is sent, and never costs one of the
//! attempts the organisation allows. Wrong codes the check character
//! cannot catch (two typos) still fail at the organisation.
//!
//! Why 11 random characters (55 bits): see the specification,
//! `docs/spec/preference-file.md`, section 10.2, which weighs the length
//! against the limits an organisation applies to attempts.

use std::fmt;

use rand_core::CryptoRngCore;
use regie_model::Language;

/// Crockford's base32 alphabet: a character's value is its place here.
pub(crate) const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How many random characters a code has.
pub const RANDOM_CHARS: usize = 11;
/// How many characters a code has, the check character included.
pub const CODE_CHARS: usize = RANDOM_CHARS + 1;
/// The longest text [`LinkCode::parse`] reads: a code with a space or
/// hyphen between every two characters, and some to spare.
const MAX_TYPED_CHARS: usize = 64;

/// A link code with a correct check character, in its normal form.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LinkCode([u8; CODE_CHARS]);

/// Why a typed text is not a link code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LinkCodeError {
    /// Nothing was typed (or only spaces and hyphens).
    #[error("no link code was typed")]
    Empty,
    /// A character that no link code has.
    #[error("a link code has no '{character}' (character {position}); it has only digits and the letters A to Z without U")]
    InvalidCharacter {
        /// The character.
        character: char,
        /// Its place in what was typed, counting from 1.
        position: usize,
    },
    /// Too few or too many characters.
    #[error("a link code has {CODE_CHARS} characters, not {found}")]
    WrongLength {
        /// How many characters were typed, spaces and hyphens not counted.
        found: usize,
    },
    /// The check character does not match the others: a typing error.
    #[error("this link code has a typing error: the last character does not match the others. Check the code and type it again")]
    Typo,
}

impl LinkCodeError {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            LinkCodeError::Empty => "link-code-empty",
            LinkCodeError::InvalidCharacter { .. } => "link-code-invalid-character",
            LinkCodeError::WrongLength { .. } => "link-code-wrong-length",
            LinkCodeError::Typo => "link-code-typo",
        }
    }

    /// What is wrong and what to do, in `lang` (the English is the error's
    /// own text).
    pub fn message(&self, lang: Language) -> String {
        if lang == Language::En {
            return self.to_string();
        }
        match self {
            LinkCodeError::Empty => "er is geen koppelcode ingetypt".to_owned(),
            LinkCodeError::InvalidCharacter { character, position } => format!(
                "een koppelcode heeft geen '{character}' (teken {position}); er staan alleen cijfers in en de letters A tot en met Z zonder U"
            ),
            LinkCodeError::WrongLength { found } => {
                format!("een koppelcode heeft {CODE_CHARS} tekens, niet {found}")
            }
            LinkCodeError::Typo => "in deze koppelcode zit een tikfout: het laatste teken past niet bij de andere. Kijk de code na en typ hem opnieuw".to_owned(),
        }
    }
}

/// The value of a typed character, if a code can have it: Crockford's
/// reading, which takes lower case as upper case, O as 0, and I and L
/// as 1.
fn value_of(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    let b = u8::try_from(c).ok()?;
    CROCKFORD.iter().position(|&x| x == b).map(|v| v as u8)
}

/// Multiplies by the generator x in GF(2^5) = GF(2)[x] / (x^5 + x^2 + 1).
/// The polynomial is primitive, so the powers of x run through all 31
/// elements that are not zero before they repeat.
fn times_x(v: u8) -> u8 {
    let v = v << 1;
    if v & 0x20 != 0 {
        v ^ 0x25
    } else {
        v
    }
}

/// The check value of `values`: the sum of `values[i]` times x to the
/// power `values.len() - i`, computed by Horner's rule. Positions get the
/// weights x^11 to x^1 and the check character itself x^0: all different,
/// so any change of one character, and any swap of two different ones,
/// changes the sum.
fn check_value(values: &[u8]) -> u8 {
    values.iter().fold(0, |acc, &v| times_x(acc ^ v))
}

impl LinkCode {
    /// A new random code.
    pub fn generate(rng: &mut impl CryptoRngCore) -> LinkCode {
        let mut random = [0u8; RANDOM_CHARS];
        rng.fill_bytes(&mut random);
        // 32 divides 256, so the low five bits of a random byte are a
        // uniformly random character.
        let values = random.map(|b| b & 31);
        Self::from_values(values)
    }

    /// The code with these random characters (values 0 to 31) and their
    /// check character.
    pub fn from_values(values: [u8; RANDOM_CHARS]) -> LinkCode {
        let mut chars = [0u8; CODE_CHARS];
        for (c, v) in chars.iter_mut().zip(values) {
            *c = CROCKFORD[usize::from(v & 31)];
        }
        chars[RANDOM_CHARS] = CROCKFORD[usize::from(check_value(&values.map(|v| v & 31)))];
        LinkCode(chars)
    }

    /// Reads a code as a person typed it: without regard to case, spaces
    /// or hyphens, with O read as 0 and I and L as 1. A typing error that
    /// the check character catches is [`LinkCodeError::Typo`].
    pub fn parse(typed: &str) -> Result<LinkCode, LinkCodeError> {
        let mut values = Vec::with_capacity(CODE_CHARS);
        for (i, c) in typed.chars().enumerate() {
            if i >= MAX_TYPED_CHARS {
                let found = values.len() + typed.chars().skip(i).filter(|c| !ignored(*c)).count();
                return Err(LinkCodeError::WrongLength { found });
            }
            if ignored(c) {
                continue;
            }
            let v = value_of(c).ok_or(LinkCodeError::InvalidCharacter {
                character: c,
                position: i + 1,
            })?;
            values.push(v);
        }
        if values.is_empty() {
            return Err(LinkCodeError::Empty);
        }
        if values.len() != CODE_CHARS {
            return Err(LinkCodeError::WrongLength {
                found: values.len(),
            });
        }
        if check_value(&values[..RANDOM_CHARS]) != values[RANDOM_CHARS] {
            return Err(LinkCodeError::Typo);
        }
        let mut chars = [0u8; CODE_CHARS];
        for (c, v) in chars.iter_mut().zip(&values) {
            *c = CROCKFORD[usize::from(*v)];
        }
        Ok(LinkCode(chars))
    }

    /// Reads a code in its normal form only (three groups of four, upper
    /// case, with hyphens), as a link request carries it: a file has one
    /// way to write a code.
    fn parse_normal(text: &str) -> Result<LinkCode, String> {
        let code = Self::parse(text).map_err(|e| e.to_string())?;
        if code.to_string() != text {
            return Err(format!("it is not written as {code}"));
        }
        Ok(code)
    }

    /// The 12 characters without hyphens, upper case.
    pub fn compact(&self) -> &str {
        // Only characters of the alphabet are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// Spaces and hyphens that a person types or copies between groups.
fn ignored(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

impl fmt::Display for LinkCode {
    /// The normal form: three groups of four, upper case, with hyphens.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.compact();
        write!(f, "{}-{}-{}", &s[..4], &s[4..8], &s[8..])
    }
}

impl fmt::Debug for LinkCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LinkCode({self})")
    }
}

impl std::str::FromStr for LinkCode {
    type Err = LinkCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LinkCode::parse(s)
    }
}

impl serde::Serialize for LinkCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for LinkCode {
    /// Only the normal form: a file has one way to write a code.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        LinkCode::parse_normal(&s).map_err(|e| {
            serde::de::Error::custom(format!(
                "'{s}' is not a link code in its normal form (three groups of four characters, upper case, with hyphens): {e}"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(values: [u8; RANDOM_CHARS]) -> String {
        LinkCode::from_values(values).to_string()
    }

    #[test]
    fn the_generator_has_order_31() {
        let mut v = 1;
        for n in 1..=31 {
            v = times_x(v);
            assert_eq!(v == 1, n == 31, "x^{n}");
        }
    }

    #[test]
    fn a_code_reads_back_however_it_is_typed() {
        let c = LinkCode::from_values([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 31]);
        let normal = c.to_string();
        assert_eq!(normal.len(), 14);
        assert_eq!(LinkCode::parse(&normal).unwrap(), c);
        assert_eq!(LinkCode::parse_normal(&normal), Ok(c));
        let sloppy = format!(" {} ", normal.to_lowercase().replace('-', " "));
        assert_eq!(LinkCode::parse(&sloppy).unwrap(), c);
        // O is read as 0, I and L as 1.
        let read_alike = normal.replacen('0', "O", 1).replacen('1', "l", 1);
        assert_eq!(LinkCode::parse(&read_alike).unwrap(), c);
        assert!(LinkCode::parse_normal(&read_alike).is_err());
    }

    #[test]
    fn every_single_typo_and_every_swap_is_caught() {
        let base = [3, 14, 15, 9, 26, 5, 31, 0, 27, 18, 28];
        let good = code(base).replace('-', "");
        let chars: Vec<char> = good.chars().collect();
        for i in 0..CODE_CHARS {
            for &sub in CROCKFORD {
                let sub = char::from(sub);
                if sub == chars[i] {
                    continue;
                }
                let mut typed = chars.clone();
                typed[i] = sub;
                let typed: String = typed.into_iter().collect();
                assert_eq!(LinkCode::parse(&typed), Err(LinkCodeError::Typo), "{typed}");
            }
            for j in i + 1..CODE_CHARS {
                if chars[i] == chars[j] {
                    continue;
                }
                let mut typed = chars.clone();
                typed.swap(i, j);
                let typed: String = typed.into_iter().collect();
                assert_eq!(LinkCode::parse(&typed), Err(LinkCodeError::Typo), "{typed}");
            }
        }
    }

    #[test]
    fn what_is_not_a_code_says_why() {
        assert_eq!(LinkCode::parse(" - "), Err(LinkCodeError::Empty));
        assert_eq!(
            LinkCode::parse("ABCD-EFGH-JKMU"),
            Err(LinkCodeError::InvalidCharacter {
                character: 'U',
                position: 14
            })
        );
        assert_eq!(
            LinkCode::parse("ABCD-EFGH"),
            Err(LinkCodeError::WrongLength { found: 8 })
        );
        let long = "A".repeat(200);
        assert_eq!(
            LinkCode::parse(&long),
            Err(LinkCodeError::WrongLength { found: 200 })
        );
        for e in [
            LinkCodeError::Empty,
            LinkCodeError::InvalidCharacter {
                character: '!',
                position: 1,
            },
            LinkCodeError::WrongLength { found: 3 },
            LinkCodeError::Typo,
        ] {
            assert_ne!(e.message(Language::Nl), e.message(Language::En));
            assert_eq!(e.message(Language::En), e.to_string());
            assert!(e.code().starts_with("link-code-"));
        }
    }
}
