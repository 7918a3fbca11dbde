//! The content of the credentials: a preference file, a key-rotation
//! announcement, a link request and a receipt.
//!
//! Every struct refuses unknown fields and every closed list refuses unknown
//! values: a reader that silently skipped a field it did not know could
//! miss a "no" the person said. A new field therefore means a new format
//! version (a new Regie context URL), never a quiet addition.

use std::fmt;

use chrono::{DateTime, Utc};
use regie_model::{
    ContactPreferences, DataScope, DecisionState, Frequency, Grain, Language, LegalBasis, OrgId,
};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::did_key::DidKey;
use crate::link_code::LinkCode;

/// A point in time as written in files: UTC, whole seconds, `Z`
/// (`2026-01-31T12:00:00Z`). Other spellings of the same instant are
/// refused, so a file has one way to say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    /// The instant, with any fraction of a second dropped.
    pub fn new(t: DateTime<Utc>) -> Self {
        let secs = t.timestamp();
        Timestamp(DateTime::from_timestamp(secs, 0).unwrap_or(t))
    }

    /// The instant.
    pub fn get(self) -> DateTime<Utc> {
        self.0
    }

    /// Parses the one accepted spelling.
    pub fn parse(s: &str) -> Option<Self> {
        // The shape YYYY-MM-DDTHH:MM:SSZ first: cheap, and it leaves only
        // one spelling for each instant that parses.
        let b = s.as_bytes();
        let shape = b.len() == 20
            && b.iter().enumerate().all(|(i, &c)| match i {
                4 | 7 => c == b'-',
                10 => c == b'T',
                13 | 16 => c == b':',
                19 => c == b'Z',
                _ => c.is_ascii_digit(),
            });
        if !shape {
            return None;
        }
        let ts = Timestamp(DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc));
        // A leap second (:60) is read as the second before it; make sure
        // it is written back the same way.
        if &b[17..19] == b"60" && ts.to_string() != s {
            return None;
        }
        Some(ts)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%dT%H:%M:%SZ"))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Timestamp::parse(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "'{s}' is not a time written as UTC with whole seconds, like 2026-01-31T12:00:00Z"
            ))
        })
    }
}

// Purposes and data categories are regie-model's vocabulary types, parsed
// once; files name them by full IRI.
pub use regie_model::{DataCategory, Purpose};

mod legal_basis_iri {
    use super::*;

    pub fn serialize<S: Serializer>(b: &LegalBasis, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&b.iri())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<LegalBasis, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        // The IRI is the GDPR namespace and the compact name's local part;
        // compared in place, without writing each IRI out.
        let local = s.strip_prefix(regie_model::legal::EU_GDPR_NS);
        LegalBasis::ALL
            .into_iter()
            .find(|b| local.is_some() && b.compact().strip_prefix("eu-gdpr:") == local)
            .ok_or_else(|| D::Error::unknown_variant(&s, &IRIS))
    }

    /// The legal bases a file may name, for the message that refuses
    /// another (a test keeps it equal to regie-model's list).
    pub const IRIS: [&str; 6] = [
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-a",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-b",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-c",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-d",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-e",
        "https://w3id.org/dpv/legal/eu/gdpr#A6-1-f",
    ];
}

/// The organisation a file is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// The organisation id (`kvk:...`, `oin:...` or a slug).
    pub id: OrgId,
    /// The organisation's name, as the person knows it.
    pub name: String,
}

/// The grain of a monitoring purpose, on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GrainWire {
    scope: DataScope,
    frequency: Frequency,
}

mod grain_opt {
    use super::*;

    pub fn serialize<S: Serializer>(g: &Option<Grain>, s: S) -> Result<S::Ok, S::Error> {
        g.map(|g| GrainWire {
            scope: g.scope,
            frequency: g.frequency,
        })
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Grain>, D::Error> {
        Ok(Option::<GrainWire>::deserialize(d)?.map(|g| Grain {
            scope: g.scope,
            frequency: g.frequency,
        }))
    }
}

/// What the person decided about one way the organisation uses their data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Decision {
    /// The purpose (a DPV IRI).
    pub purpose: Purpose,
    /// The data categories used for it (DPV `pd:` IRIs), at least one.
    pub data_categories: Vec<DataCategory>,
    /// The legal basis, as a DPV GDPR IRI (`...gdpr#A6-1-a` to `A6-1-f`).
    #[serde(with = "legal_basis_iri")]
    pub legal_basis: LegalBasis,
    /// The decision: consent given or withdrawn, objected (GDPR Art. 21)
    /// or not, or locked (no choice under this basis).
    pub state: DecisionState,
    /// For monitoring purposes: which data, how often (or `null`).
    #[serde(with = "grain_opt")]
    pub grain: Option<Grain>,
}

/// Plain-language text for a person who opens the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The language of the text.
    pub language: Language,
    /// One sentence saying what the file is.
    pub headline: String,
    /// One line per preference or decision.
    pub lines: Vec<String>,
}

/// The subject of a preference file: everything the organisation must honour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PreferenceSubject {
    /// The organisation it is for.
    pub audience: Audience,
    /// Grows by at least one with every export to this organisation; the
    /// organisation keeps the highest it has seen and ignores lower ones.
    pub sequence: u64,
    /// When the person made it.
    pub issued: Timestamp,
    /// Whether the person's global "no proactive messages from anyone"
    /// switch is on and applies to this organisation; if so, the matrix in
    /// `contactPreferences` already has every blockable cell off.
    pub global_switch: bool,
    /// The contact preferences to honour (the effective ones: with the
    /// global switch applied), in regie-model's wire form.
    pub contact_preferences: ContactPreferences,
    /// Decisions on the organisation's uses of the person's data.
    pub decisions: Vec<Decision>,
    /// Data categories the person marked sensitive: keep them out of
    /// personalisation and profiling.
    pub sensitive_categories: Vec<DataCategory>,
    /// The same in plain words, in the person's language.
    pub summary: Summary,
}

/// The subject of a key-rotation announcement: from now on, files for this
/// organisation are signed by `newKey`. The announcement is signed by the
/// old key, so the organisation can link the two, and by the new key, so it
/// knows the sender holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct KeyRotationSubject {
    /// The organisation it is for.
    pub audience: Audience,
    /// Shares the sequence of the preference files to this organisation.
    pub sequence: u64,
    /// When the person made it.
    pub issued: Timestamp,
    /// The key that signs from now on.
    pub new_key: DidKey,
    /// The same in plain words, in the person's language.
    pub summary: Summary,
}

/// The subject of a link request: the person asks the organisation to link
/// the key that signs it (the issuer, their pairwise key for this
/// organisation) to the customer record the link code was made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LinkRequestSubject {
    /// The organisation it is for.
    pub audience: Audience,
    /// The code the organisation gave its customer, in its normal form.
    pub link_code: LinkCode,
    /// When the person made it.
    pub issued: Timestamp,
    /// The same in plain words, in the person's language.
    pub summary: Summary,
}

/// A receipt's identifier: a random (version 4) UUID, written in lower
/// case with hyphens, as ISO/IEC TS 27560 recommends for receipt ids.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReceiptId([u8; 16]);

impl ReceiptId {
    /// A new random id.
    pub fn generate(rng: &mut impl rand_core::CryptoRngCore) -> ReceiptId {
        let mut b = [0u8; 16];
        rng.fill_bytes(&mut b);
        Self::from_random(b)
    }

    /// The id made from 16 random bytes: the version (4) and variant bits
    /// are set as RFC 9562 says.
    pub fn from_random(mut b: [u8; 16]) -> ReceiptId {
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        ReceiptId(b)
    }

    /// Parses the one accepted spelling: 36 characters, lower-case hex,
    /// hyphens after the 8th, 12th, 16th and 20th digit, version 4, variant
    /// 10.
    pub fn parse(s: &str) -> Option<ReceiptId> {
        let b = s.as_bytes();
        if b.len() != 36 {
            return None;
        }
        let mut out = [0u8; 16];
        let mut digits = b
            .iter()
            .enumerate()
            .filter(|(i, _)| ![8, 13, 18, 23].contains(i));
        if [8, 13, 18, 23].iter().any(|&i| b[i] != b'-') {
            return None;
        }
        for byte in &mut out {
            let (Some((_, hi)), Some((_, lo))) = (digits.next(), digits.next()) else {
                return None;
            };
            *byte = (lower_hex(*hi)? << 4) | lower_hex(*lo)?;
        }
        let id = ReceiptId(out);
        (ReceiptId::from_random(out) == id).then_some(id)
    }
}

fn lower_hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

fn write_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for b in bytes {
        write!(f, "{b:02x}")?;
    }
    Ok(())
}

impl fmt::Display for ReceiptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = &self.0;
        write_hex(f, &b[..4])?;
        f.write_str("-")?;
        write_hex(f, &b[4..6])?;
        f.write_str("-")?;
        write_hex(f, &b[6..8])?;
        f.write_str("-")?;
        write_hex(f, &b[8..10])?;
        f.write_str("-")?;
        write_hex(f, &b[10..])
    }
}

impl fmt::Debug for ReceiptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReceiptId({self})")
    }
}

impl Serialize for ReceiptId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReceiptId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        ReceiptId::parse(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "'{s}' is not a version 4 UUID in lower case, like 0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
            ))
        })
    }
}

/// The SHA-256 of a file's bytes, written as 64 lower-case hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileHash(pub [u8; 32]);

impl FileHash {
    /// The SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> FileHash {
        use sha2::{Digest, Sha256};
        FileHash(Sha256::digest(bytes).into())
    }

    /// Parses 64 lower-case hex digits.
    pub fn parse(s: &str) -> Option<FileHash> {
        let b = s.as_bytes();
        if b.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (o, pair) in out.iter_mut().zip(b.chunks(2)) {
            *o = (lower_hex(pair[0])? << 4) | lower_hex(pair[1])?;
        }
        Some(FileHash(out))
    }
}

impl fmt::Display for FileHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex(f, &self.0)
    }
}

impl fmt::Debug for FileHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileHash({self})")
    }
}

impl Serialize for FileHash {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FileHash {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        FileHash::parse(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "'{s}' is not a SHA-256 written as 64 lower-case hexadecimal digits"
            ))
        })
    }
}

/// The version of the receipt's structure, ISO/IEC TS 27560's "schema
/// version": one value, so a receipt of another structure is refused as
/// an unknown value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReceiptSchema {
    /// Version 1, `docs/spec/receipt.md`.
    #[serde(rename = "https://w3id.org/regie/receipt/v1")]
    V1,
}

/// The kind of a file an organisation received, by its credential type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReceivedKind {
    /// A preference file.
    #[serde(rename = "RegiePreferenceCredential")]
    Preferences,
    /// A key-rotation announcement.
    #[serde(rename = "RegieKeyRotation")]
    KeyRotation,
    /// A link request.
    #[serde(rename = "RegieLinkRequest")]
    LinkRequest,
}

/// The file a receipt is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivedFile {
    /// Its kind; `null` only for a rejected file whose kind could not be
    /// read.
    #[serde(rename = "type", deserialize_with = "nullable")]
    pub kind: Option<ReceivedKind>,
    /// The SHA-256 of the bytes received.
    pub sha256: FileHash,
    /// Its sequence number; `null` for a link request (which has none) and
    /// for a rejected file whose number could not be read.
    #[serde(deserialize_with = "nullable")]
    pub sequence: Option<u64>,
}

/// What the organisation did with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Imported: it is honoured from `honouredFrom`.
    Accepted,
    /// The same file (the same bytes) was imported before; nothing changed.
    AlreadyImported,
    /// Not imported, for the reason `rejectionCode` names.
    Rejected,
}

impl Outcome {
    /// Its name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::AlreadyImported => "already-imported",
            Outcome::Rejected => "rejected",
        }
    }
}

/// Why an organisation rejected a file: a code of lower-case letters,
/// digits and single hyphens, at most 64 characters (`bad-signature`,
/// `replayed-or-older`, ...). Not a closed list: an organisation's
/// reasons grow with its rules, and a receipt must still carry a reason
/// the person's software does not know yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct RejectionCode(String);

impl RejectionCode {
    /// The longest code.
    pub const MAX_CHARS: usize = 64;

    /// Checks the form of a code.
    pub fn parse(s: &str) -> Option<RejectionCode> {
        let ok = !s.is_empty()
            && s.len() <= Self::MAX_CHARS
            && s.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
            && s.as_bytes()[0].is_ascii_lowercase();
        ok.then(|| RejectionCode(s.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RejectionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RejectionCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        RejectionCode::parse(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "'{s}' is not a rejection code: lower-case letters, digits and single hyphens, starting with a letter, at most 64"
            ))
        })
    }
}

/// An `Option` field that must be present, `null` where there is no value:
/// serde's derive would take a missing field as `None`.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// The subject of a receipt: an organisation's signed statement that it
/// received one file from one customer, and what it did with it. Shaped
/// on a consent receipt of ISO/IEC TS 27560 (receipt id, schema version,
/// data subject, controller, what it is about, an event with its time and
/// state); see `docs/spec/receipt.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ReceiptSubject {
    /// The receipt's identifier.
    pub receipt_id: ReceiptId,
    /// The version of the receipt's structure.
    pub schema_version: ReceiptSchema,
    /// The organisation (the controller, in GDPR's words) that received
    /// the file.
    pub controller: Audience,
    /// The customer: the key that signed the file (for a file rejected
    /// before it could be verified, the key it names as its issuer).
    pub data_subject: DidKey,
    /// The file received.
    pub received_file: ReceivedFile,
    /// When the organisation received it.
    pub received: Timestamp,
    /// What it did with it.
    pub outcome: Outcome,
    /// Why it rejected it; `null` unless rejected.
    #[serde(deserialize_with = "nullable")]
    pub rejection_code: Option<RejectionCode>,
    /// From when it honours the file; `null` if rejected.
    #[serde(deserialize_with = "nullable")]
    pub honoured_from: Option<Timestamp>,
    /// When the organisation made the receipt.
    pub issued: Timestamp,
    /// The same in plain words, in the customer's language.
    pub summary: Summary,
}

/// A whole credential on the wire, without its proof.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct CredentialWire<S> {
    #[serde(rename = "@context")]
    pub context: Vec<String>,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub issuer: String,
    pub valid_from: Timestamp,
    pub credential_subject: S,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legal_bases_named_in_a_refusal_are_regie_models() {
        let model: Vec<String> = LegalBasis::ALL.iter().map(|b| b.iri()).collect();
        assert_eq!(model, legal_basis_iri::IRIS);
    }
}
