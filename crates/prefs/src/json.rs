//! A strict JSON parser for signed files.
//!
//! A signature covers the canonical form (RFC 8785, JCS) of a document, not
//! its bytes. That is only safe if every reader sees the same document in the
//! bytes: a duplicate key that one parser keeps first and another keeps last,
//! a lone surrogate that one library replaces and another rejects, or a
//! number that two libraries round differently would let one signed file say
//! two things. So this parser refuses everything on which JSON parsers are
//! known to disagree, instead of guessing:
//!
//! - a byte-order mark, invalid UTF-8, or anything after the top-level value;
//! - a duplicate key in any object, at any depth;
//! - a lone surrogate, escaped (`"\ud800"`) or raw (CESU-8 bytes);
//! - input over [`MAX_INPUT_BYTES`] or nested deeper than [`MAX_DEPTH`];
//! - with [`NumberPolicy::SafeIntegers`] (the default for signed files): any
//!   number that is not an integer in the I-JSON safe range
//!   (-(2^53-1) to 2^53-1) written in its canonical form (no sign on zero,
//!   no leading zeros, no fraction, no exponent). Such a number is written
//!   back by JCS exactly as it was read, so the bytes a person sees are the
//!   bytes that were signed.
//!
//! [`NumberPolicy::Any`] accepts every JSON number and reads it as an IEEE
//! 754 double, as RFC 8785 prescribes; it exists for canonicalising
//! documents from elsewhere and for the RFC's own examples.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Map, Number, Value};

use crate::error::Detail;
use crate::jcs::cmp_keys;

/// The largest input accepted, in bytes (64 KiB). A preference file is about
/// 1.5 KB; the limit bounds memory and time for hostile input.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// The deepest nesting of arrays and objects accepted. The top-level value
/// is depth 1. A preference file nests 5 deep.
pub const MAX_DEPTH: usize = 32;

/// The largest integer that an IEEE 754 double, and so every JSON library,
/// represents exactly: 2^53 - 1.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Which numbers the parser accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberPolicy {
    /// Only integers from -(2^53-1) to 2^53-1 in canonical form. The rule for
    /// signed files.
    #[default]
    SafeIntegers,
    /// Every JSON number, read as the nearest IEEE 754 double (RFC 8785).
    Any,
}

/// What was wrong with the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The input is larger than [`MAX_INPUT_BYTES`].
    TooLarge,
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The input is not valid UTF-8.
    InvalidUtf8,
    /// The input starts with a byte-order mark.
    ByteOrderMark,
    /// Something follows the top-level value.
    TrailingData,
    /// An object has the same key twice.
    DuplicateKey,
    /// A string holds half of a UTF-16 surrogate pair.
    LoneSurrogate,
    /// A number that JCS would not write back exactly as it was read.
    NonReproducibleNumber,
    /// Not JSON at all (a missing comma, an unquoted key, ...).
    Syntax,
}

/// A rejected JSON input: what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} (at byte {offset})", detail.en)]
pub struct JsonError {
    /// What was wrong.
    pub kind: JsonErrorKind,
    /// Byte offset in the input where it was noticed.
    pub offset: usize,
    /// A sentence saying what was wrong, in Dutch and English.
    pub detail: Detail,
}

impl JsonError {
    /// What was wrong and where, in both languages.
    pub fn located(&self) -> Detail {
        Detail::new(
            format!("{} (bij byte {})", self.detail.nl, self.offset),
            self.to_string(),
        )
    }
}

/// Parses `input` strictly with [`NumberPolicy::SafeIntegers`].
pub fn parse(input: &[u8]) -> Result<Value, JsonError> {
    parse_with(input, NumberPolicy::SafeIntegers)
}

/// Parses `input` strictly with the given number policy.
pub fn parse_with(input: &[u8], numbers: NumberPolicy) -> Result<Value, JsonError> {
    Ok(parse_node(input, numbers)?.to_value())
}

/// A parsed JSON value that borrows its strings from the input where it
/// can, for verification without copying.
///
/// A string is `Cow::Borrowed` exactly when it was written without escapes,
/// so its canonical (RFC 8785) form is the input text between its quotes.
/// Object members are kept sorted by [`crate::jcs::cmp_keys`] (the
/// canonical order) and have no duplicate keys.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    /// An integer from -(2^53-1) to 2^53-1.
    Int(i64),
    /// Any other number ([`NumberPolicy::Any`] only).
    Float(f64),
    Str(Cow<'a, str>),
    Arr(Vec<Node<'a>>),
    Obj(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The member `key` of an object.
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The same value as a `serde_json` value.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int(n) => Value::Number((*n).into()),
            Node::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Node::Str(s) => Value::String(s.as_ref().to_owned()),
            Node::Arr(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Obj(members) => {
                let mut map = Map::new();
                for (k, v) in members {
                    map.insert(k.as_ref().to_owned(), v.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

/// Typed values read from a parsed tree, with errors that say where.
mod de;

pub(crate) use de::{DecodeError, Problem};

/// Reads a typed value from a parsed tree.
pub(crate) fn from_node<'a, 'de, T: serde::Deserialize<'de>>(
    node: &'a Node<'de>,
) -> Result<T, DecodeError> {
    T::deserialize(node)
}

/// Parses `input` strictly into a borrowed tree.
pub(crate) fn parse_node(input: &[u8], numbers: NumberPolicy) -> Result<Node<'_>, JsonError> {
    parse_node_limited(input, numbers, MAX_INPUT_BYTES)
}

/// Parses `input` strictly into a borrowed tree, accepting at most
/// `max_bytes` (for signed documents larger than a preference file, such
/// as an organisation's declaration).
pub(crate) fn parse_node_limited(
    input: &[u8],
    numbers: NumberPolicy,
    max_bytes: usize,
) -> Result<Node<'_>, JsonError> {
    if input.len() > max_bytes {
        return Err(JsonError {
            kind: JsonErrorKind::TooLarge,
            offset: max_bytes,
            detail: Detail::new(
                format!(
                    "het bestand is {} bytes; er worden er hoogstens {max_bytes} aangenomen",
                    input.len()
                ),
                format!(
                    "the file is {} bytes; at most {max_bytes} are accepted",
                    input.len()
                ),
            ),
        });
    }
    if input.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(err(
            JsonErrorKind::ByteOrderMark,
            0,
            "het bestand begint met een byte-order mark (BOM); sla het op als UTF-8 zonder BOM",
            "the file starts with a byte-order mark; save it as UTF-8 without BOM",
        ));
    }
    let text = match std::str::from_utf8(input) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            // 0xED followed by 0xA0..=0xBF encodes a UTF-16 surrogate (CESU-8).
            let surrogate = input[at] == 0xED && input.get(at + 1).is_some_and(|b| *b >= 0xA0);
            return Err(if surrogate {
                err(
                    JsonErrorKind::LoneSurrogate,
                    at,
                    "het bestand bevat een gecodeerd surrogaat, en dat is geen geldige UTF-8",
                    "the file holds an encoded surrogate, which is not valid UTF-8",
                )
            } else {
                err(
                    JsonErrorKind::InvalidUtf8,
                    at,
                    "het bestand is geen geldige UTF-8",
                    "the file is not valid UTF-8",
                )
            });
        }
    };
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
        numbers,
    };
    p.ws();
    let v = p.value(1).map_err(|e| *e)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(err(
            JsonErrorKind::TrailingData,
            p.i,
            "na het einde van het document staat nog meer",
            "there is more data after the end of the document",
        ));
    }
    Ok(v)
}

fn err(kind: JsonErrorKind, offset: usize, nl: &str, en: &str) -> JsonError {
    JsonError {
        kind,
        offset,
        detail: Detail::new(nl, en),
    }
}

/// What the parser expected, in Dutch and English.
type Wanted = (&'static str, &'static str);

/// Bytes that end the plain run of a string: `"`, `\` and control
/// characters.
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    numbers: NumberPolicy,
}

impl<'a> Parser<'a> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn syntax(&self, (what_nl, what_en): Wanted) -> Box<JsonError> {
        let (found_nl, found_en) = match self.s.get(self.i) {
            None => (
                "het einde van het bestand".to_owned(),
                "the end of the file".to_owned(),
            ),
            Some(b) if b.is_ascii_graphic() => {
                let c = format!("'{}'", *b as char);
                (c.clone(), c)
            }
            Some(b) => {
                let c = format!("byte 0x{b:02x}");
                (c.clone(), c)
            }
        };
        Box::new(JsonError {
            kind: JsonErrorKind::Syntax,
            offset: self.i,
            detail: Detail::new(
                format!("geen geldige JSON: verwacht {what_nl}, gevonden {found_nl}"),
                format!("not valid JSON: expected {what_en}, found {found_en}"),
            ),
        })
    }

    fn eat(&mut self, b: u8, what: Wanted) -> Res<()> {
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.syntax(what))
        }
    }

    fn value(&mut self, depth: usize) -> Res<Node<'a>> {
        match self.s.get(self.i) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Node::Str(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Node::Bool(true)),
            Some(b'f') => self.literal("false", Node::Bool(false)),
            Some(b'n') => self.literal("null", Node::Null),
            _ => Err(self.syntax(("een waarde", "a value"))),
        }
    }

    fn enter(&self, depth: usize) -> Res<()> {
        if depth > MAX_DEPTH {
            Err(Box::new(JsonError {
                kind: JsonErrorKind::TooDeep,
                offset: self.i,
                detail: Detail::new(
                    format!("het document is dieper genest dan {MAX_DEPTH} niveaus"),
                    format!("the document nests deeper than {MAX_DEPTH} levels"),
                ),
            }))
        } else {
            Ok(())
        }
    }

    fn object(&mut self, depth: usize) -> Res<Node<'a>> {
        self.enter(depth)?;
        self.i += 1;
        let mut members: Vec<(Cow<'a, str>, Node<'a>)> = Vec::with_capacity(8);
        self.ws();
        if self.s.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Node::Obj(members));
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.syntax((
                    "een sleutel tussen dubbele aanhalingstekens",
                    "a key in double quotes",
                )));
            }
            let at = self.i;
            let key = self.string()?;
            self.ws();
            self.eat(b':', ("':'", "':'"))?;
            self.ws();
            let v = self.value(depth + 1)?;
            // Keep the members in canonical order as they come: files are
            // written in that order, so this is one comparison per member.
            let in_order = members
                .last()
                .is_none_or(|(last, _)| cmp_keys(last, &key) == Ordering::Less);
            if in_order {
                members.push((key, v));
            } else {
                match members.binary_search_by(|(k, _)| cmp_keys(k, &key)) {
                    Ok(_) => {
                        return Err(Box::new(JsonError {
                            kind: JsonErrorKind::DuplicateKey,
                            offset: at,
                            detail: Detail::new(
                                format!("de sleutel \"{key}\" staat twee keer in hetzelfde object"),
                                format!("the key \"{key}\" appears twice in the same object"),
                            ),
                        }));
                    }
                    Err(n) => members.insert(n, (key, v)),
                }
            }
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Node::Obj(members));
                }
                _ => return Err(self.syntax(("',' of '}'", "',' or '}'"))),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Res<Node<'a>> {
        self.enter(depth)?;
        self.i += 1;
        let mut out = Vec::with_capacity(4);
        self.ws();
        if self.s.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Node::Arr(out));
        }
        loop {
            self.ws();
            out.push(self.value(depth + 1)?);
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Node::Arr(out));
                }
                _ => return Err(self.syntax(("',' of ']'", "',' or ']'"))),
            }
        }
    }

    fn literal(&mut self, word: &str, v: Node<'a>) -> Res<Node<'a>> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.syntax(("een waarde", "a value")))
        }
    }

    fn hex4(&mut self) -> Res<u16> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.syntax(("vier hexadecimale cijfers", "four hex digits")))?;
        let mut n = 0u16;
        for &c in h {
            let d = (c as char)
                .to_digit(16)
                .ok_or_else(|| self.syntax(("vier hexadecimale cijfers", "four hex digits")))?;
            n = n * 16 + d as u16;
        }
        self.i += 4;
        Ok(n)
    }

    fn plain_run(&mut self) -> usize {
        let start = self.i;
        while let Some(&b) = self.s.get(self.i) {
            if STOP[b as usize] {
                break;
            }
            self.i += 1;
        }
        start
    }

    fn string(&mut self) -> Res<Cow<'a, str>> {
        self.i += 1;
        let start = self.plain_run();
        if self.s.get(self.i) == Some(&b'"') {
            self.i += 1;
            // Valid UTF-8, cut at ASCII bytes: on character boundaries.
            return Ok(Cow::Borrowed(&self.text[start..self.i - 1]));
        }
        let mut out = String::from(&self.text[start..self.i]);
        loop {
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    let at = self.i;
                    self.i += 1;
                    let c = match self.s.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let c = match hi {
                                0xD800..=0xDBFF => {
                                    if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                                        return Err(lone(at));
                                    }
                                    self.i += 2;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&lo) {
                                        return Err(lone(at));
                                    }
                                    let cp = 0x10000
                                        + ((u32::from(hi) - 0xD800) << 10)
                                        + (u32::from(lo) - 0xDC00);
                                    char::from_u32(cp).ok_or_else(|| lone(at))?
                                }
                                0xDC00..=0xDFFF => return Err(lone(at)),
                                n => char::from_u32(u32::from(n)).ok_or_else(|| lone(at))?,
                            };
                            out.push(c);
                            let start = self.plain_run();
                            out.push_str(&self.text[start..self.i]);
                            continue;
                        }
                        _ => {
                            return Err(self.syntax((
                                "een escape zoals \\n of \\u00e9",
                                "an escape such as \\n or \\u00e9",
                            )))
                        }
                    };
                    self.i += 1;
                    out.push(c);
                    let start = self.plain_run();
                    out.push_str(&self.text[start..self.i]);
                }
                Some(_) => {
                    return Err(self.syntax((
                        "een stuurteken als escape (zoals \\n)",
                        "a control character to be escaped",
                    )))
                }
                None => {
                    return Err(self.syntax((
                        "de afsluitende '\"' van een tekst",
                        "the closing '\"' of a string",
                    )))
                }
            }
        }
    }

    fn number(&mut self) -> Res<Node<'a>> {
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.s.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while let Some(b'0'..=b'9') = self.s.get(self.i) {
                    self.i += 1;
                }
            }
            _ => return Err(self.syntax(("een cijfer", "a digit"))),
        }
        let int_end = self.i;
        let mut integer = true;
        if self.s.get(self.i) == Some(&b'.') {
            integer = false;
            self.i += 1;
            let d = self.i;
            while let Some(b'0'..=b'9') = self.s.get(self.i) {
                self.i += 1;
            }
            if d == self.i {
                return Err(self.syntax(("een cijfer na '.'", "a digit after '.'")));
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            integer = false;
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            let d = self.i;
            while let Some(b'0'..=b'9') = self.s.get(self.i) {
                self.i += 1;
            }
            if d == self.i {
                return Err(self.syntax(("een cijfer in de exponent", "a digit in the exponent")));
            }
        }
        // A number directly followed by a leading-zero digit ("01") is
        // a syntax error in JSON.
        if self.s[start..int_end].ends_with(b"0")
            && int_end - start <= 2
            && matches!(self.s.get(int_end), Some(b'0'..=b'9'))
        {
            return Err(self.syntax(("geen nullen vooraan", "no leading zeros")));
        }
        let text = &self.text[start..self.i];
        match self.numbers {
            NumberPolicy::Any => {
                let f: f64 = text
                    .parse()
                    .map_err(|_| self.syntax(("een getal", "a number")))?;
                if !f.is_finite() {
                    return Err(Box::new(JsonError {
                        kind: JsonErrorKind::NonReproducibleNumber,
                        offset: start,
                        detail: Detail::new(
                            format!("het getal {text} is te groot voor JSON"),
                            format!("the number {text} is too large for JSON"),
                        ),
                    }));
                }
                if integer && f.abs() <= MAX_SAFE_INTEGER as f64 && text != "-0" {
                    if let Ok(n) = text.parse::<i64>() {
                        return Ok(Node::Int(n));
                    }
                }
                Ok(Node::Float(f))
            }
            NumberPolicy::SafeIntegers => {
                let nonrep = |(why_nl, why_en): Wanted| {
                    Box::new(JsonError {
                    kind: JsonErrorKind::NonReproducibleNumber,
                    offset: start,
                    detail: Detail::new(
                        format!(
                            "het getal {text} {why_nl}; alleen hele getallen van -{MAX_SAFE_INTEGER} tot {MAX_SAFE_INTEGER} worden aangenomen"
                        ),
                        format!(
                            "the number {text} {why_en}; only whole numbers from -{MAX_SAFE_INTEGER} to {MAX_SAFE_INTEGER} are accepted"
                        ),
                    ),
                })
                };
                const TOO_LARGE: Wanted = ("is te groot", "is too large");
                if !integer {
                    return Err(nonrep((
                        "heeft een breuk of een exponent",
                        "has a fraction or an exponent",
                    )));
                }
                if text == "-0" {
                    return Err(nonrep(("is een negatieve nul", "is a negative zero")));
                }
                let n: i64 = text.parse().map_err(|_| nonrep(TOO_LARGE))?;
                if n.unsigned_abs() > MAX_SAFE_INTEGER {
                    return Err(nonrep(TOO_LARGE));
                }
                Ok(Node::Int(n))
            }
        }
    }
}

fn lone(at: usize) -> Box<JsonError> {
    Box::new(err(
        JsonErrorKind::LoneSurrogate,
        at,
        "een tekst bevat de helft van een surrogaatpaar (een ongeldig teken)",
        "a string holds half of a surrogate pair (an invalid character)",
    ))
}

/// Parser results: the error boxed, so that values move cheaply.
type Res<T> = Result<T, Box<JsonError>>;

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &[u8]) -> JsonErrorKind {
        parse(s).unwrap_err().kind
    }

    #[test]
    fn accepts_plain_json() {
        let v = parse(br#" {"a": [1, -2, true, null, "x\u00e9\ud83d\ude00"], "b": {}} "#).unwrap();
        assert_eq!(v["a"][4], "x\u{e9}\u{1F600}");
        assert_eq!(v["a"][1], -2);
    }

    #[test]
    fn rejects_what_parsers_disagree_on() {
        use JsonErrorKind::*;
        assert_eq!(kind(br#"{"a":1,"a":1}"#), DuplicateKey);
        assert_eq!(kind(br#"{"x":[{"b":{"a":1,"a":2}}]}"#), DuplicateKey);
        // Two spellings of the same key are the same key.
        assert_eq!(kind(br#"{"a":1,"\u0061":2}"#), DuplicateKey);
        assert_eq!(kind(br#"["\ud800"]"#), LoneSurrogate);
        assert_eq!(kind(br#"["\udc00\ud800"]"#), LoneSurrogate);
        assert_eq!(kind(br#"["\ud800\u0041"]"#), LoneSurrogate);
        assert_eq!(kind(b"[\"\xed\xa0\x80\"]"), LoneSurrogate);
        assert_eq!(kind(b"[\"\xff\"]"), InvalidUtf8);
        assert_eq!(kind(b"\xef\xbb\xbf{}"), ByteOrderMark);
        assert_eq!(kind(b"{} {}"), TrailingData);
        assert_eq!(kind(b"{}x"), TrailingData);
        assert_eq!(kind(b"[1.0]"), NonReproducibleNumber);
        assert_eq!(kind(b"[1e2]"), NonReproducibleNumber);
        assert_eq!(kind(b"[-0]"), NonReproducibleNumber);
        assert_eq!(kind(b"[9007199254740992]"), NonReproducibleNumber);
        assert_eq!(kind(b"[-9007199254740992]"), NonReproducibleNumber);
        assert_eq!(kind(b"[99999999999999999999999]"), NonReproducibleNumber);
        assert!(parse(b"[9007199254740991,-9007199254740991,0]").is_ok());
        assert_eq!(kind(b"[01]"), Syntax);
        assert_eq!(kind(b"[-01]"), Syntax);
        assert_eq!(kind(b"[1,]"), Syntax);
        assert_eq!(kind(b"{'a':1}"), Syntax);
        assert_eq!(kind(b"[\"a\nb\"]"), Syntax);
        assert_eq!(kind(b""), Syntax);
        assert_eq!(kind(b"[tru]"), Syntax);
    }

    #[test]
    fn limits() {
        let deep_ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(deep_ok.as_bytes()).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(kind(deep.as_bytes()), JsonErrorKind::TooDeep);
        let big = format!("[\"{}\"]", "a".repeat(MAX_INPUT_BYTES));
        assert_eq!(kind(big.as_bytes()), JsonErrorKind::TooLarge);
        let fits = format!("[\"{}\"]", "a".repeat(MAX_INPUT_BYTES - 4));
        assert!(parse(fits.as_bytes()).is_ok());
    }

    #[test]
    fn any_numbers_are_doubles() {
        let v = parse_with(b"[1.5, 1e30, -0, 10]", NumberPolicy::Any).unwrap();
        assert_eq!(v[0].as_f64(), Some(1.5));
        assert_eq!(v[1].as_f64(), Some(1e30));
        assert_eq!(v[3].as_i64(), Some(10));
        assert_eq!(
            parse_with(b"[1e400]", NumberPolicy::Any).unwrap_err().kind,
            JsonErrorKind::NonReproducibleNumber
        );
    }
}
