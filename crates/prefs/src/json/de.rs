//! Typed values are read straight from a parsed tree, as from a
//! `serde_json::Value` but without copying strings that need no copy.
//!
//! Errors are [`DecodeError`]s: what serde found wrong, as a kind rather
//! than only as serde's English sentence, and the path of the field where
//! it was found, so that a rejection can say it in Dutch too.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;

use super::Node;

/// Why a parsed tree does not fit the type read from it, and where.
/// Boxed: every step of reading a file returns a `Result` with it, and
/// a small error keeps those cheap.
#[derive(Debug)]
pub(crate) struct DecodeError(Box<Decode>);

#[derive(Debug)]
pub(crate) struct Decode {
    /// What was wrong.
    pub(crate) problem: Problem,
    /// serde's own sentence for it, in English.
    en: String,
    /// Where, from the value that was refused outwards.
    steps: Vec<Step>,
    /// The refused value itself, when it is a string or a number.
    value: Option<String>,
}

/// What serde found wrong.
#[derive(Debug)]
pub(crate) enum Problem {
    /// A field the type does not have.
    UnknownField(String),
    /// A value outside a closed list, and the values in it.
    UnknownVariant(String, &'static [&'static str]),
    /// A field the type needs.
    MissingField(&'static str),
    /// A value of the wrong kind (a string for a number, ...).
    InvalidType {
        found: Found,
        /// serde's English description of what was expected.
        expected: String,
    },
    /// A value of the right kind that is not allowed.
    InvalidValue(Found),
    /// A list with the wrong number of values.
    InvalidLength(usize),
    /// A field twice (the parser refuses this before).
    DuplicateField(&'static str),
    /// A value the type refused with its own (English) sentence.
    Custom,
}

/// A value as serde describes it when it refuses it.
#[derive(Debug)]
pub(crate) enum Found {
    Bool(bool),
    Number(String),
    Text(String),
    Null,
    List,
    Object,
    Other,
}

impl From<Unexpected<'_>> for Found {
    fn from(u: Unexpected<'_>) -> Self {
        match u {
            Unexpected::Bool(b) => Found::Bool(b),
            Unexpected::Unsigned(n) => Found::Number(n.to_string()),
            Unexpected::Signed(n) => Found::Number(n.to_string()),
            Unexpected::Float(f) => Found::Number(f.to_string()),
            Unexpected::Char(c) => Found::Text(c.to_string()),
            Unexpected::Str(s) => Found::Text(s.to_owned()),
            Unexpected::Unit | Unexpected::Option => Found::Null,
            Unexpected::Seq => Found::List,
            Unexpected::Map | Unexpected::StructVariant => Found::Object,
            _ => Found::Other,
        }
    }
}

impl Found {
    fn dutch(&self) -> String {
        match self {
            Found::Bool(b) => format!("de waarde {b}"),
            Found::Number(n) => format!("het getal {n}"),
            Found::Text(s) => format!("de tekst \"{s}\""),
            Found::Null => "null".to_owned(),
            Found::List => "een lijst".to_owned(),
            Found::Object => "een object".to_owned(),
            Found::Other => "een waarde".to_owned(),
        }
    }
}

/// One step of the path to a value.
#[derive(Debug)]
enum Step {
    Key(String),
    Index(usize),
}

impl std::ops::Deref for DecodeError {
    type Target = Decode;
    fn deref(&self) -> &Decode {
        &self.0
    }
}

impl DecodeError {
    fn new(problem: Problem, en: String) -> Self {
        DecodeError(Box::new(Decode {
            problem,
            en,
            steps: Vec::new(),
            value: None,
        }))
    }

    /// The error as seen from the object or list that holds `node`
    /// at `step`.
    fn within(mut self, step: Step, node: &Node<'_>) -> Self {
        let d = &mut self.0;
        if d.steps.is_empty() && d.value.is_none() {
            d.value = match node {
                Node::Str(s) => Some(s.as_ref().to_owned()),
                Node::Int(n) => Some(n.to_string()),
                _ => None,
            };
        }
        d.steps.push(step);
        self
    }
}

impl Decode {
    /// Where, as `credentialSubject.decisions[0].purpose`; empty at
    /// the top.
    pub(crate) fn path(&self) -> String {
        let mut out = String::new();
        for step in self.steps.iter().rev() {
            match step {
                Step::Key(k) if out.is_empty() => out.push_str(k),
                Step::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// What was wrong, in English: serde's sentence, with where.
    pub(crate) fn english(&self) -> String {
        let path = self.path();
        if path.is_empty() {
            format!("the content is not valid: {}", self.en)
        } else {
            format!("the content is not valid at {path}: {}", self.en)
        }
    }

    /// What was wrong, in Dutch.
    pub(crate) fn dutch(&self) -> String {
        let path = self.path();
        let at = if path.is_empty() {
            "in het bestand".to_owned()
        } else {
            format!("bij {path}")
        };
        let what = match &self.problem {
            Problem::UnknownField(f) => format!("onbekend veld \"{f}\" {at}"),
            Problem::UnknownVariant(v, []) => format!("de waarde \"{v}\" {at} is onbekend"),
            Problem::UnknownVariant(v, allowed) => format!(
                "de waarde \"{v}\" {at} is onbekend; mogelijk: {}",
                allowed.join(", ")
            ),
            Problem::MissingField(f) => format!("het veld \"{f}\" ontbreekt {at}"),
            Problem::InvalidType { found, expected } => format!(
                "{at} staat {}, maar daar hoort {}",
                found.dutch(),
                expected_dutch(expected)
            ),
            Problem::InvalidValue(found) => format!(
                "{at} staat {}, en die waarde kan daar niet{}",
                found.dutch(),
                self.hint()
            ),
            Problem::InvalidLength(n) => {
                format!("{at} staan {n} waarden, en dat aantal klopt niet")
            }
            Problem::DuplicateField(f) => format!("het veld \"{f}\" staat twee keer {at}"),
            Problem::Custom => match &self.value {
                Some(v) => format!(
                    "{at} staat \"{v}\", en die waarde kan daar niet{}",
                    self.hint()
                ),
                None => format!("de waarde {at} klopt niet{}", self.hint()),
            },
        };
        format!("de inhoud klopt niet: {what}")
    }

    /// What belongs in the field, for the fields whose values a type
    /// checks with a sentence of its own (in English only).
    fn hint(&self) -> &'static str {
        let field = self.steps.iter().find_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        });
        match field.unwrap_or_default() {
            "issued" | "validFrom" | "created" | "received" | "honouredFrom" => {
                "; schrijf een tijd in UTC met hele seconden, zoals 2026-01-31T12:00:00Z"
            }
            "purpose" => "; daar hoort een DPV-doel als volledige IRI (https://w3id.org/dpv#...)",
            "dataCategories" | "sensitiveCategories" => {
                "; daar hoort een DPV-gegevenssoort als volledige IRI (https://w3id.org/dpv/pd#...)"
            }
            "newKey" | "dataSubject" => "; daar hoort een did:key (did:key:z6Mk...)",
            "linkCode" => {
                "; daar hoort een koppelcode zoals de organisatie die schrijft: drie groepen van vier tekens, met streepjes, zoals 7K3Q-M9TD-2HX2"
            }
            "receiptId" => {
                "; daar hoort een willekeurige UUID (versie 4) in kleine letters, zoals 0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
            }
            "sha256" => "; daar hoort een SHA-256 als 64 hexadecimale tekens in kleine letters",
            "rejectionCode" => {
                "; daar hoort een code van kleine letters, cijfers en streepjes, zoals bad-signature"
            }
            "id" => "; daar hoort een organisatiekenmerk, zoals kvk:12345678",
            "start" | "end" => "; schrijf een tijd als UU:MM, zoals 07:30",
            "allowed" => {
                "; daar hoort voor elk kanaal een waarde voor proactive, marketing en feedback"
            }
            _ => "",
        }
    }
}

/// serde's English description of an expected value, in Dutch, for
/// the kinds of value a file has.
fn expected_dutch(expected: &str) -> &'static str {
    if expected.contains("string") || expected.contains("identifier") {
        "een tekst"
    } else if expected.contains("bool") {
        "true of false"
    } else if expected.starts_with('u') || expected.starts_with('i') {
        "een heel getal"
    } else if expected.contains("sequence") || expected.contains("array") {
        "een lijst"
    } else if expected.contains("struct") || expected.contains("map") {
        "een object"
    } else {
        "een ander soort waarde"
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

impl std::error::Error for DecodeError {}

/// serde's English sentence for an error, as its own error type
/// writes it.
fn serde_text(e: de::value::Error) -> String {
    e.to_string()
}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError::new(Problem::Custom, msg.to_string())
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        let en = serde_text(de::Error::invalid_type(unexp, exp));
        let problem = Problem::InvalidType {
            found: unexp.into(),
            expected: exp.to_string(),
        };
        DecodeError::new(problem, en)
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        let en = serde_text(de::Error::invalid_value(unexp, exp));
        DecodeError::new(Problem::InvalidValue(unexp.into()), en)
    }

    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        let en = serde_text(de::Error::invalid_length(len, exp));
        DecodeError::new(Problem::InvalidLength(len), en)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let en = serde_text(de::Error::unknown_variant(variant, expected));
        DecodeError::new(Problem::UnknownVariant(variant.to_owned(), expected), en)
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let en = serde_text(de::Error::unknown_field(field, expected));
        DecodeError::new(Problem::UnknownField(field.to_owned()), en)
    }

    fn missing_field(field: &'static str) -> Self {
        let en = serde_text(de::Error::missing_field(field));
        DecodeError::new(Problem::MissingField(field), en)
    }

    fn duplicate_field(field: &'static str) -> Self {
        let en = serde_text(de::Error::duplicate_field(field));
        DecodeError::new(Problem::DuplicateField(field), en)
    }
}

type Error = DecodeError;

/// A key of an object, as a deserializer.
pub(crate) struct Key<'a, 'de>(&'a Cow<'de, str>);

/// The members of an object, read one by one; an error in a value
/// names its key.
struct Members<'a, 'de> {
    rest: std::slice::Iter<'a, (Cow<'de, str>, Node<'de>)>,
    value: Option<&'a (Cow<'de, str>, Node<'de>)>,
}

impl<'a, 'de> Members<'a, 'de> {
    fn new(members: &'a [(Cow<'de, str>, Node<'de>)]) -> Self {
        Members {
            rest: members.iter(),
            value: None,
        }
    }

    /// Refuses members the visitor left unread.
    fn end(self) -> Result<(), Error> {
        match self.rest.len() {
            0 => Ok(()),
            n => Err(de::Error::invalid_length(n, &"fewer members")),
        }
    }
}

impl<'a, 'de> de::MapAccess<'de> for Members<'a, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.rest.next() {
            Some(member) => {
                self.value = Some(member);
                seed.deserialize(Key(&member.0)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((k, v)) = self.value.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        seed.deserialize(v)
            .map_err(|e| e.within(Step::Key(k.as_ref().to_owned()), v))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.rest.len())
    }
}

/// The items of a list, read one by one; an error in an item names
/// its position.
struct Items<'a, 'de> {
    rest: std::iter::Enumerate<std::slice::Iter<'a, Node<'de>>>,
}

impl<'a, 'de> de::SeqAccess<'de> for Items<'a, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.rest.next() {
            Some((i, item)) => seed
                .deserialize(item)
                .map(Some)
                .map_err(|e| e.within(Step::Index(i), item)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.rest.len())
    }
}

fn visit_text<'de, V: Visitor<'de>>(s: &Cow<'de, str>, v: V) -> Result<V::Value, Error> {
    match s {
        Cow::Borrowed(b) => v.visit_borrowed_str(b),
        Cow::Owned(o) => v.visit_str(o),
    }
}

impl<'a, 'de> de::Deserializer<'de> for Key<'a, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        visit_text(self.0, v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Cow::Borrowed(b) => v.visit_enum(de::value::BorrowedStrDeserializer::new(b)),
            Cow::Owned(o) => v.visit_enum(o.as_str().into_deserializer()),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

impl<'de> de::Deserializer<'de> for &Node<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Node::Null => v.visit_unit(),
            Node::Bool(b) => v.visit_bool(*b),
            Node::Int(n) if *n >= 0 => v.visit_u64(*n as u64),
            Node::Int(n) => v.visit_i64(*n),
            Node::Float(f) => v.visit_f64(*f),
            Node::Str(s) => visit_text(s, v),
            Node::Arr(items) => {
                let mut seq = Items {
                    rest: items.iter().enumerate(),
                };
                let out = v.visit_seq(&mut seq)?;
                match seq.rest.len() {
                    0 => Ok(out),
                    n => Err(de::Error::invalid_length(n, &"fewer items")),
                }
            }
            Node::Obj(members) => {
                let mut map = Members::new(members);
                let out = v.visit_map(&mut map)?;
                map.end()?;
                Ok(out)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Node::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match self {
            Node::Str(s) => Key(s).deserialize_enum(_name, _variants, v),
            Node::Obj(members) if members.len() == 1 => {
                v.visit_enum(de::value::MapAccessDeserializer::new(Members::new(members)))
            }
            _ => Err(de::Error::invalid_type(
                de::Unexpected::Other("a non-string"),
                &"an enum variant",
            )),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}
