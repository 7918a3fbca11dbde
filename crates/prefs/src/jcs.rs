//! JSON Canonicalization Scheme (RFC 8785).
//!
//! The signature of a preference file is computed over the canonical form of
//! the document, so anyone can re-indent or re-order a file without breaking
//! it and any JCS implementation in any language computes the same bytes.
//! The rules: no whitespace; object members sorted by the UTF-16 code units
//! of their keys; strings escaped as ECMAScript `JSON.stringify` does (only
//! `"`, `\` and control characters, the latter as `\b \t \n \f \r` or
//! lower-case `\u00xx`); numbers written as ECMAScript writes doubles.
//!
//! [`to_pretty`] writes the same members in the same order and with the same
//! escaping, but indented by two spaces, so a file is both canonical in
//! content and readable by a person.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Map, Number, Value};
use sha2::{Digest, Sha256};

use crate::json::Node;

/// The canonical (RFC 8785) bytes of `value`.
pub fn canonicalize(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    write(value, &mut out, None, 0);
    out
}

/// Appends the canonical bytes of `value` to `out`.
pub fn canonicalize_into(value: &Value, out: &mut Vec<u8>) {
    write(value, out, None, 0);
}

/// Appends the canonical bytes of the object with these members to `out`.
pub fn canonicalize_object_into(map: &Map<String, Value>, out: &mut Vec<u8>) {
    write_object(map, out, None, 0);
}

/// The members of `value` in canonical order, indented by two spaces, with a
/// final newline. Parsing and canonicalising the result gives
/// [`canonicalize`]`(value)`.
pub fn to_pretty(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(2048);
    write(value, &mut out, Some(2), 0);
    out.push(b'\n');
    out
}

/// Compares two keys by their UTF-16 code units, as RFC 8785 section 3.2.3
/// requires. This differs from byte order only when one key has a character
/// above U+FFFF and the other one in U+E000 to U+FFFF at the same place.
pub fn cmp_keys(a: &str, b: &str) -> Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    match x.iter().zip(y).position(|(p, q)| p != q) {
        // One is a prefix of the other: the shorter sorts first either way.
        None => x.len().cmp(&y.len()),
        // UTF-8 byte order is code point order. The characters that hold the
        // first differing bytes start at the same place; UTF-16 order differs
        // from code point order only if one of them is U+E000..=U+FFFF (lead
        // byte 0xEE or 0xEF) and the other above U+FFFF (lead 0xF0..=0xF4).
        Some(i) if x[i] < 0xEE || y[i] < 0xEE => x[i].cmp(&y[i]),
        Some(_) => a.encode_utf16().cmp(b.encode_utf16()),
    }
}

/// Where canonical bytes go: a buffer, or a hash.
pub(crate) trait Sink {
    fn put(&mut self, bytes: &[u8]);
    fn byte(&mut self, b: u8);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
    fn byte(&mut self, b: u8) {
        self.push(b);
    }
}

/// A SHA-256 context fed in large pieces, so that writing canonical bytes
/// token by token costs no more than hashing a finished buffer.
pub(crate) struct HashSink {
    hash: Sha256,
    buf: [u8; 1024],
    len: usize,
}

impl HashSink {
    pub(crate) fn new() -> Self {
        HashSink {
            hash: Sha256::new(),
            buf: [0; 1024],
            len: 0,
        }
    }

    pub(crate) fn finish(mut self) -> [u8; 32] {
        self.hash.update(&self.buf[..self.len]);
        self.hash.finalize().into()
    }
}

impl Sink for HashSink {
    #[inline]
    fn byte(&mut self, b: u8) {
        if self.len == self.buf.len() {
            self.hash.update(self.buf);
            self.len = 0;
        }
        self.buf[self.len] = b;
        self.len += 1;
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() > self.buf.len() {
            self.hash.update(&self.buf[..self.len]);
            self.len = 0;
            if bytes.len() > self.buf.len() {
                self.hash.update(bytes);
                return;
            }
        }
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }
}

/// Writes the canonical bytes of a parsed value. Object members are
/// already in canonical order (the parser keeps them so).
pub(crate) fn write_node(node: &Node<'_>, out: &mut impl Sink) {
    match node {
        Node::Null => out.put(b"null"),
        Node::Bool(true) => out.put(b"true"),
        Node::Bool(false) => out.put(b"false"),
        Node::Int(n) => write_int(*n, out),
        Node::Float(f) => {
            let mut buf = ryu_js::Buffer::new();
            out.put(buf.format_finite(*f).as_bytes());
        }
        Node::Str(s) => write_node_string(s, out),
        Node::Arr(items) => {
            out.byte(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.byte(b',');
                }
                write_node(item, out);
            }
            out.byte(b']');
        }
        Node::Obj(members) => write_members(members, None, out),
    }
}

/// Writes the canonical bytes of an object with these members (in
/// canonical order), leaving out the member named `skip`.
pub(crate) fn write_members(
    members: &[(Cow<'_, str>, Node<'_>)],
    skip: Option<&str>,
    out: &mut impl Sink,
) {
    out.byte(b'{');
    let mut first = true;
    for (k, v) in members {
        if Some(k.as_ref()) == skip {
            continue;
        }
        if !first {
            out.byte(b',');
        }
        first = false;
        write_node_string(k, out);
        out.byte(b':');
        write_node(v, out);
    }
    out.byte(b'}');
}

// The Cow, not a &str: whether the text was borrowed is what matters.
#[allow(clippy::ptr_arg)]
fn write_node_string(s: &Cow<'_, str>, out: &mut impl Sink) {
    match s {
        // Written without escapes, and the parser refuses raw control
        // characters: the text is already canonical.
        Cow::Borrowed(text) => {
            out.byte(b'"');
            out.put(text.as_bytes());
            out.byte(b'"');
        }
        Cow::Owned(text) => {
            let mut buf = Vec::with_capacity(text.len() + 8);
            write_string(text, &mut buf);
            out.put(&buf);
        }
    }
}

fn write_int(n: i64, out: &mut impl Sink) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    out.put(&buf[i..]);
}

fn sorted(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut members: Vec<_> = map.iter().collect();
    // serde_json's map is usually already in byte order, which is the
    // canonical order for the keys met in practice; sort only if needed.
    if !members
        .windows(2)
        .all(|w| cmp_keys(w[0].0, w[1].0) == Ordering::Less)
    {
        members.sort_by(|x, y| cmp_keys(x.0, y.0));
    }
    members
}

fn newline(out: &mut Vec<u8>, indent: Option<usize>, level: usize) {
    if let Some(n) = indent {
        out.push(b'\n');
        out.resize(out.len() + n * level, b' ');
    }
}

fn write(value: &Value, out: &mut Vec<u8>, indent: Option<usize>, level: usize) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                newline(out, indent, level + 1);
                write(item, out, indent, level + 1);
            }
            if !items.is_empty() {
                newline(out, indent, level);
            }
            out.push(b']');
        }
        Value::Object(map) => write_object(map, out, indent, level),
    }
}

fn write_object(map: &Map<String, Value>, out: &mut Vec<u8>, indent: Option<usize>, level: usize) {
    {
        {
            out.push(b'{');
            for (i, (k, v)) in sorted(map).into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                newline(out, indent, level + 1);
                write_string(k, out);
                out.push(b':');
                if indent.is_some() {
                    out.push(b' ');
                }
                write(v, out, indent, level + 1);
            }
            if !map.is_empty() {
                newline(out, indent, level);
            }
            out.push(b'}');
        }
    }
}

/// Writes a number as ECMAScript `Number.prototype.toString` does.
fn write_number(n: &Number, out: &mut Vec<u8>) {
    if let Some(i) = n.as_i64() {
        if i.unsigned_abs() <= crate::json::MAX_SAFE_INTEGER {
            out.extend_from_slice(i.to_string().as_bytes());
            return;
        }
    }
    if let Some(u) = n.as_u64() {
        if u <= crate::json::MAX_SAFE_INTEGER {
            out.extend_from_slice(u.to_string().as_bytes());
            return;
        }
    }
    // Larger integers and fractions: as the double an ECMAScript engine
    // would hold. serde_json numbers are always finite.
    let f = n.as_f64().unwrap_or(0.0);
    let mut buf = ryu_js::Buffer::new();
    out.extend_from_slice(buf.format_finite(f).as_bytes());
}

fn write_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0A => b"\\n",
            0x0C => b"\\f",
            0x0D => b"\\r",
            0x00..=0x1F => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 0xF) as usize]);
        } else {
            out.extend_from_slice(esc);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse_with, NumberPolicy};

    fn canon(s: &str) -> String {
        let v = parse_with(s.as_bytes(), NumberPolicy::Any).unwrap();
        String::from_utf8(canonicalize(&v)).unwrap()
    }

    #[test]
    fn escapes_like_json_stringify() {
        assert_eq!(
            canon(r#"["\u0000\u001f\b\t\n\f\r\"\\\/\u007f\u2028é€😀"]"#),
            "[\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u{7f}\u{2028}é€😀\"]"
        );
    }

    #[test]
    fn sorts_by_utf16_code_units() {
        // U+FB33 sorts after U+1F600 in UTF-16 (0xD83D < 0xFB33), before it
        // in UTF-8.
        assert_eq!(
            canon("{\"\u{fb33}\":1,\"\u{1f600}\":2}"),
            "{\"\u{1f600}\":2,\"\u{fb33}\":1}"
        );
    }

    #[test]
    fn key_order_is_utf16_order() {
        let keys = [
            "",
            "a",
            "ab",
            "b",
            "\u{7f}",
            "\u{e9}",
            "\u{7ff}",
            "\u{800}",
            "\u{d7ff}",
            "\u{e000}",
            "\u{fb33}",
            "\u{ffff}",
            "\u{10000}",
            "\u{1f600}",
            "\u{10ffff}",
            "a\u{fb33}",
            "a\u{1f600}",
            "\u{fb33}a",
            "\u{1f600}a",
        ];
        for a in keys {
            for b in keys {
                assert_eq!(
                    cmp_keys(a, b),
                    a.encode_utf16().cmp(b.encode_utf16()),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn tree_and_value_give_the_same_canonical_bytes() {
        for text in [
            r#"{"b":[1,{"d":[],"c":{}}],"a":"x\n\u00e9","\u0061a":null}"#,
            "{\"\u{fb33}\":1,\"\u{1f600}\":[true,false,-5,\"\\\"\"]}",
            r#"[1.5,1e30,-0,10,0.000001,"\u001f\/"]"#,
        ] {
            let node = crate::json::parse_node(text.as_bytes(), NumberPolicy::Any).unwrap();
            let mut out = Vec::new();
            write_node(&node, &mut out);
            let value = parse_with(text.as_bytes(), NumberPolicy::Any).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), canon(text));
            assert_eq!(canonicalize(&value), canonicalize(&node.to_value()));
        }
    }

    #[test]
    fn pretty_is_canonical_after_reparse() {
        let v = parse_with(br#"{"b":[1,{"d":[],"c":{}}],"a":"x"}"#, NumberPolicy::Any).unwrap();
        let pretty = to_pretty(&v);
        assert_eq!(
            String::from_utf8(pretty.clone()).unwrap(),
            "{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    {\n      \"c\": {},\n      \"d\": []\n    }\n  ]\n}\n"
        );
        let again = parse_with(&pretty, NumberPolicy::Any).unwrap();
        assert_eq!(canonicalize(&again), canonicalize(&v));
    }
}
