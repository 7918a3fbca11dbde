//! Whether a value serialises to a given parsed JSON tree, decided while it
//! serialises: no text and no tree is built. Used to check that a file
//! lists a regie-model value exactly as regie-model writes it.
//!
//! The answer "same" is exact; anything this serializer does not model
//! (floats, non-string map keys, ...) answers "not the same", and the
//! caller then takes the slow path, which also says what differs.

use serde::ser::{self, Impossible, Serialize};

use crate::json::Node;

/// Whether `value` serialises (as serde_json would) to `node`.
pub(crate) fn same<T: Serialize + ?Sized>(value: &T, node: &Node<'_>) -> bool {
    value.serialize(Cmp(node)).is_ok()
}

/// "Not the same" (or not modelled).
#[derive(Debug)]
pub(crate) struct Differs;

impl std::fmt::Display for Differs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("differs")
    }
}

impl std::error::Error for Differs {}

impl ser::Error for Differs {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Differs
    }
}

fn check(ok: bool) -> Result<(), Differs> {
    if ok {
        Ok(())
    } else {
        Err(Differs)
    }
}

struct Cmp<'n, 'a>(&'n Node<'a>);

/// Compares the members of an object, in any order, each at most once.
struct Members<'n, 'a> {
    members: &'n [(std::borrow::Cow<'a, str>, Node<'a>)],
    seen: u64,
    key: Option<usize>,
}

impl<'n, 'a> Members<'n, 'a> {
    fn new(node: &'n Node<'a>) -> Result<Self, Differs> {
        match node {
            Node::Obj(members) if members.len() <= 64 => Ok(Members {
                members,
                seen: 0,
                key: None,
            }),
            _ => Err(Differs),
        }
    }

    fn find(&mut self, key: &str) -> Result<usize, Differs> {
        let i = self
            .members
            .iter()
            .position(|(k, _)| k == key)
            .ok_or(Differs)?;
        check(self.seen & (1 << i) == 0)?;
        self.seen |= 1 << i;
        Ok(i)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Differs> {
        let i = self.find(key)?;
        value.serialize(Cmp(&self.members[i].1))
    }

    fn end(self) -> Result<(), Differs> {
        check(self.seen.count_ones() as usize == self.members.len())
    }
}

struct Items<'n, 'a> {
    items: &'n [Node<'a>],
    next: usize,
}

impl<'n, 'a> Items<'n, 'a> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
        let node = self.items.get(self.next).ok_or(Differs)?;
        self.next += 1;
        value.serialize(Cmp(node))
    }
}

impl<'n, 'a> ser::SerializeSeq for Items<'n, 'a> {
    type Ok = ();
    type Error = Differs;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Differs> {
        self.item(v)
    }
    fn end(self) -> Result<(), Differs> {
        check(self.next == self.items.len())
    }
}

impl<'n, 'a> ser::SerializeTuple for Items<'n, 'a> {
    type Ok = ();
    type Error = Differs;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Differs> {
        self.item(v)
    }
    fn end(self) -> Result<(), Differs> {
        check(self.next == self.items.len())
    }
}

impl<'n, 'a> ser::SerializeTupleStruct for Items<'n, 'a> {
    type Ok = ();
    type Error = Differs;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Differs> {
        self.item(v)
    }
    fn end(self) -> Result<(), Differs> {
        check(self.next == self.items.len())
    }
}

impl<'n, 'a> ser::SerializeMap for Members<'n, 'a> {
    type Ok = ();
    type Error = Differs;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Differs> {
        let mut text = None;
        key.serialize(KeyText(&mut text))?;
        let text = text.ok_or(Differs)?;
        self.key = Some(self.find(&text)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Differs> {
        let i = self.key.take().ok_or(Differs)?;
        value.serialize(Cmp(&self.members[i].1))
    }
    fn end(self) -> Result<(), Differs> {
        Members::end(self)
    }
}

impl<'n, 'a> ser::SerializeStruct for Members<'n, 'a> {
    type Ok = ();
    type Error = Differs;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Differs> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Differs> {
        Members::end(self)
    }
}

impl<'n, 'a> ser::Serializer for Cmp<'n, 'a> {
    type Ok = ();
    type Error = Differs;
    type SerializeSeq = Items<'n, 'a>;
    type SerializeTuple = Items<'n, 'a>;
    type SerializeTupleStruct = Items<'n, 'a>;
    type SerializeTupleVariant = Impossible<(), Differs>;
    type SerializeMap = Members<'n, 'a>;
    type SerializeStruct = Members<'n, 'a>;
    type SerializeStructVariant = Impossible<(), Differs>;

    fn serialize_bool(self, v: bool) -> Result<(), Differs> {
        check(*self.0 == Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Differs> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Differs> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Differs> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Differs> {
        check(*self.0 == Node::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Differs> {
        self.serialize_i64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Differs> {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Differs> {
        self.serialize_i64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Differs> {
        self.serialize_i64(i64::try_from(v).map_err(|_| Differs)?)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Differs> {
        Err(Differs)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Differs> {
        Err(Differs)
    }
    fn serialize_char(self, v: char) -> Result<(), Differs> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Differs> {
        check(self.0.as_str() == Some(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Differs> {
        Err(Differs)
    }
    fn serialize_none(self) -> Result<(), Differs> {
        check(*self.0 == Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Differs> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Differs> {
        check(*self.0 == Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Differs> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Differs> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Differs> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Differs> {
        let mut m = Members::new(self.0)?;
        m.field(variant, v)?;
        m.end()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'n, 'a>, Differs> {
        match self.0 {
            Node::Arr(items) => Ok(Items { items, next: 0 }),
            _ => Err(Differs),
        }
    }
    fn serialize_tuple(self, len: usize) -> Result<Items<'n, 'a>, Differs> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items<'n, 'a>, Differs> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Differs> {
        Err(Differs)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Members<'n, 'a>, Differs> {
        Members::new(self.0)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Members<'n, 'a>, Differs> {
        Members::new(self.0)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Differs> {
        Err(Differs)
    }
}

/// A map key that is a string (or a unit variant, written as its name).
struct KeyText<'o>(&'o mut Option<String>);

macro_rules! not_text {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, _: $t) -> Result<(), Differs> { Err(Differs) })*
    };
}

impl<'o> ser::Serializer for KeyText<'o> {
    type Ok = ();
    type Error = Differs;
    type SerializeSeq = Impossible<(), Differs>;
    type SerializeTuple = Impossible<(), Differs>;
    type SerializeTupleStruct = Impossible<(), Differs>;
    type SerializeTupleVariant = Impossible<(), Differs>;
    type SerializeMap = Impossible<(), Differs>;
    type SerializeStruct = Impossible<(), Differs>;
    type SerializeStructVariant = Impossible<(), Differs>;

    not_text!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
        serialize_bytes: &[u8], serialize_unit_struct: &'static str);

    fn serialize_str(self, v: &str) -> Result<(), Differs> {
        *self.0 = Some(v.to_owned());
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Differs> {
        Err(Differs)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Differs> {
        Err(Differs)
    }
    fn serialize_unit(self) -> Result<(), Differs> {
        Err(Differs)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Differs> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Differs> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Differs> {
        Err(Differs)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Differs> {
        Err(Differs)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Differs> {
        Err(Differs)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Differs> {
        Err(Differs)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Differs> {
        Err(Differs)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Differs> {
        Err(Differs)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Differs> {
        Err(Differs)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Differs> {
        Err(Differs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse_node, NumberPolicy};
    use regie_model::Language;

    #[test]
    fn same_exactly_when_serde_json_writes_the_tree() {
        for lang in Language::ALL {
            let p = crate::example::example_subject(lang, 7).contact_preferences;
            let text = serde_json::to_string(&p).unwrap();
            let tree = parse_node(text.as_bytes(), NumberPolicy::SafeIntegers).unwrap();
            assert!(same(&p, &tree));
            for (from, to) in [
                ("\"max_per_week\":3", "\"max_per_week\":4"),
                ("\"max_per_week\":3", "\"max_per_week\":3,\"extra\":1"),
                ("\"max_per_week\":3,", ""),
                ("\"marketing\":false", "\"marketing\":true"),
                ("\"marketing\":false", "\"marketing\":null"),
                ("\"21:00\"", "\"21:01\""),
            ] {
                assert!(text.contains(from), "{from}");
                let changed = text.replacen(from, to, 1);
                let tree = parse_node(changed.as_bytes(), NumberPolicy::SafeIntegers).unwrap();
                assert!(!same(&p, &tree), "{changed}");
            }
        }
    }
}
