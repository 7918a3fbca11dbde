//! Data Integrity proofs with the cryptosuite `eddsa-jcs-2022`.
//!
//! This follows W3C "Data Integrity EdDSA Cryptosuites v1.0" (Recommendation,
//! 2025), section 3.3, so that any conforming library can check a Regie file:
//!
//! 1. The proof configuration is the proof without `proofValue`: `type`
//!    `DataIntegrityProof`, `cryptosuite` `eddsa-jcs-2022`, `created`,
//!    `verificationMethod`, `proofPurpose` and, when the document has one,
//!    the document's `@context`.
//! 2. hashData = SHA-256(JCS(proof configuration)) || SHA-256(JCS(document
//!    without `proof`)), 64 bytes.
//! 3. The signature is Ed25519 over hashData; `proofValue` is `z` and its
//!    base58btc encoding.
//!
//! A document signed by several keys carries a *proof set*: `proof` is an
//! array, and each proof in it is made exactly as above, over the same
//! document without `proof` ([`sign_set`]). No proof covers another, so
//! each is checked on its own, and in a batch like any other signature.
//!
//! Verification uses `verify_strict`, which refuses small-order ("weak")
//! public keys and non-canonical signatures, so that no second valid
//! signature can be made from a first one.
//!
//! Many files at once ([`check_all`]) are checked with Ed25519 batch
//! verification, about twice as fast per signature: one random linear
//! combination of all the verification equations. The batch is tried only
//! when every signature passes the checks `verify_strict` adds (canonical
//! `s`, neither the key nor `R` of small order); if the batch fails, every
//! signature in it is checked on its own with `verify_strict`, so a bad one
//! never takes a good one down with it. A batch accepts what `verify_strict`
//! accepts, with one exception that cannot be reached without the private
//! key: a signature its signer deliberately offset by a point of order 2,
//! 4 or 8 may pass a batch while `verify_strict` refuses it (the batch
//! equation is blind to such a point with probability up to 1/8). Such a
//! file was still made by the holder of the key; no one else can make one.
//!
//! This module is generic over the document: it checks the proof and nothing
//! else. What a preference file must contain is checked in [`crate::file`].
//! [`verify_document`] checks the proofs of any signed JSON document with
//! Regie's rules, for documents that are not credentials (an organisation's
//! signed declaration).

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey};
use std::borrow::Cow;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::did_key::{DidKey, DidKeyError};
use crate::error::{Detail, VerifyError, VerifyErrorKind};
use crate::jcs;
use crate::json::Node;

/// The proof type.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The cryptosuite.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The only proof purpose Regie makes and accepts: the issuer asserts the
/// content.
pub const PROOF_PURPOSE: &str = "assertionMethod";

/// Why a proof was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    /// The document is not a JSON object.
    #[error("the document is not a JSON object")]
    NotAnObject,
    /// The document has no `proof`, or it is not one object.
    #[error("the document has no signature (no single \"proof\" object)")]
    MissingProof,
    /// An entry of a proof set is not an object.
    #[error("an entry of the \"proof\" list is not a signature object")]
    NotAProof,
    /// A proof field is missing or is not a string.
    #[error("the signature has no valid \"{0}\"")]
    Field(&'static str),
    /// `type` is not `DataIntegrityProof`.
    #[error("the signature type is '{0}'; only DataIntegrityProof is accepted")]
    WrongProofType(String),
    /// `cryptosuite` is not `eddsa-jcs-2022`.
    #[error("the signature uses cryptosuite '{0}'; only eddsa-jcs-2022 is accepted")]
    WrongCryptosuite(String),
    /// `proofPurpose` is not `assertionMethod`.
    #[error("the signature has purpose '{0}'; only assertionMethod is accepted")]
    WrongProofPurpose(String),
    /// `created` is not an RFC 3339 date and time.
    #[error("the signature time '{0}' is not a date and time such as 2026-01-31T12:00:00Z")]
    BadCreated(String),
    /// The proof's `@context` is not the start of the document's.
    #[error("the signature's @context does not match the document's @context")]
    ContextMismatch,
    /// `verificationMethod` is not an Ed25519 `did:key`.
    #[error("the signing key is not usable: {0}")]
    VerificationMethod(DidKeyError),
    /// `proofValue` is not `z` and 64 bytes of base58btc.
    #[error("the signature value is damaged (it must be z and 64 bytes in base58btc)")]
    MalformedProofValue,
    /// The signature does not match the content and the key.
    #[error("the signature does not match: the file was changed after signing, or signed with another key")]
    BadSignature,
}

impl ProofError {
    /// What was wrong, in Dutch and in English (the English is the
    /// error's own text).
    pub fn detail(&self) -> Detail {
        let nl = match self {
            ProofError::NotAnObject => "het document is geen JSON-object".to_owned(),
            ProofError::MissingProof => {
                "het document heeft geen handtekening (geen enkel \"proof\"-object)".to_owned()
            }
            ProofError::NotAProof => {
                "een element van de lijst \"proof\" is geen handtekening".to_owned()
            }
            ProofError::Field(name) => format!("de handtekening heeft geen geldig veld \"{name}\""),
            ProofError::WrongProofType(t) => format!(
                "het soort handtekening is '{t}'; alleen DataIntegrityProof wordt aangenomen"
            ),
            ProofError::WrongCryptosuite(c) => format!(
                "de handtekening gebruikt cryptosuite '{c}'; alleen eddsa-jcs-2022 wordt aangenomen"
            ),
            ProofError::WrongProofPurpose(p) => format!(
                "het doel van de handtekening is '{p}'; alleen assertionMethod wordt aangenomen"
            ),
            ProofError::BadCreated(t) => format!(
                "de tijd van de handtekening '{t}' is geen datum en tijd zoals 2026-01-31T12:00:00Z"
            ),
            ProofError::ContextMismatch => {
                "de @context van de handtekening is niet gelijk aan de @context van het document"
                    .to_owned()
            }
            ProofError::VerificationMethod(e) => format!(
                "de sleutel waarmee is ondertekend is niet bruikbaar: {}",
                e.detail().nl
            ),
            ProofError::MalformedProofValue => {
                "de waarde van de handtekening is beschadigd (die moet z zijn en 64 bytes in base58btc)"
                    .to_owned()
            }
            ProofError::BadSignature => {
                "de handtekening klopt niet: het bestand is veranderd na het ondertekenen, of ondertekend met een andere sleutel"
                    .to_owned()
            }
        };
        Detail::new(nl, self.to_string())
    }
}

/// A proof that checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedProof {
    /// The key that signed.
    pub key: DidKey,
    /// The proof's `created` time.
    pub created: DateTime<Utc>,
    /// The proof's `created` text, as written.
    pub created_text: String,
    /// The proof without `proofValue` (the proof configuration).
    pub options: Map<String, Value>,
}

/// Formats a time as Regie writes it: UTC, whole seconds, `Z`.
pub fn format_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The proof configuration for `document`, signed by `key` at `created`.
pub fn proof_config(
    document: &Map<String, Value>,
    key: &DidKey,
    created: DateTime<Utc>,
) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("type".into(), PROOF_TYPE.into());
    p.insert("cryptosuite".into(), CRYPTOSUITE.into());
    p.insert("created".into(), format_time(created).into());
    p.insert(
        "verificationMethod".into(),
        key.verification_method().into(),
    );
    p.insert("proofPurpose".into(), PROOF_PURPOSE.into());
    if let Some(ctx) = document.get("@context") {
        p.insert("@context".into(), ctx.clone());
    }
    p
}

/// hashData: SHA-256 of the canonical proof configuration, then SHA-256 of
/// the canonical document.
pub fn hash_data(proof_config: &Map<String, Value>, document: &Map<String, Value>) -> [u8; 64] {
    let mut buf = Vec::with_capacity(2048);
    let mut out = [0u8; 64];
    jcs::canonicalize_object_into(proof_config, &mut buf);
    out[..32].copy_from_slice(&Sha256::digest(&buf));
    buf.clear();
    jcs::canonicalize_object_into(document, &mut buf);
    out[32..].copy_from_slice(&Sha256::digest(&buf));
    out
}

/// Signs `document` (which must not have a `proof`): returns the document
/// with its `proof` added.
pub fn sign(
    mut document: Map<String, Value>,
    key: &SigningKey,
    created: DateTime<Utc>,
) -> Map<String, Value> {
    document.remove("proof");
    let did = DidKey::new(key.verifying_key());
    let mut proof = proof_config(&document, &did, created);
    let hash = hash_data(&proof, &document);
    let sig = key.sign(&hash);
    let value = format!("z{}", bs58::encode(sig.to_bytes()).into_string());
    proof.insert("proofValue".into(), value.into());
    document.insert("proof".into(), Value::Object(proof));
    document
}

/// Signs `document` (which must not have a `proof`) with a proof set: one
/// proof per key, in the order given, each over the document without
/// `proof`. Returns the document with `proof` set to the list of proofs.
pub fn sign_set(
    mut document: Map<String, Value>,
    keys: &[&SigningKey],
    created: DateTime<Utc>,
) -> Map<String, Value> {
    document.remove("proof");
    let proofs = keys
        .iter()
        .map(|key| {
            let did = DidKey::new(key.verifying_key());
            let mut proof = proof_config(&document, &did, created);
            let sig = key.sign(&hash_data(&proof, &document));
            let value = format!("z{}", bs58::encode(sig.to_bytes()).into_string());
            proof.insert("proofValue".into(), value.into());
            Value::Object(proof)
        })
        .collect();
    document.insert("proof".into(), Value::Array(proofs));
    document
}

fn str_field<'a>(proof: &'a Map<String, Value>, name: &'static str) -> Result<&'a str, ProofError> {
    proof
        .get(name)
        .and_then(Value::as_str)
        .ok_or(ProofError::Field(name))
}

fn as_list(v: &Value) -> Option<Vec<&Value>> {
    match v {
        Value::Array(a) => Some(a.iter().collect()),
        Value::String(_) | Value::Object(_) => Some(vec![v]),
        _ => None,
    }
}

/// Checks the proof of a secured document and returns the proof's facts
/// and the unsecured document (without `proof`, with the `@context` that
/// was signed).
pub fn verify(secured: Value) -> Result<(CheckedProof, Map<String, Value>), ProofError> {
    let Value::Object(mut doc) = secured else {
        return Err(ProofError::NotAnObject);
    };
    let Some(Value::Object(mut options)) = doc.remove("proof") else {
        return Err(ProofError::MissingProof);
    };
    let proof_type = str_field(&options, "type")?;
    if proof_type != PROOF_TYPE {
        return Err(ProofError::WrongProofType(proof_type.to_owned()));
    }
    let suite = str_field(&options, "cryptosuite")?;
    if suite != CRYPTOSUITE {
        return Err(ProofError::WrongCryptosuite(suite.to_owned()));
    }
    let purpose = str_field(&options, "proofPurpose")?;
    if purpose != PROOF_PURPOSE {
        return Err(ProofError::WrongProofPurpose(purpose.to_owned()));
    }
    let created_text = str_field(&options, "created")?.to_owned();
    let created = DateTime::parse_from_rfc3339(&created_text)
        .map_err(|_| ProofError::BadCreated(created_text.clone()))?
        .with_timezone(&Utc);
    let key = DidKey::parse_verification_method(str_field(&options, "verificationMethod")?)
        .map_err(ProofError::VerificationMethod)?;
    let Some(Value::String(proof_value)) = options.remove("proofValue") else {
        return Err(ProofError::Field("proofValue"));
    };
    let sig = decode_proof_value(&proof_value)?;

    if let Some(pctx) = options.get("@context") {
        let want = as_list(pctx).ok_or(ProofError::ContextMismatch)?;
        let have = doc
            .get("@context")
            .and_then(as_list)
            .ok_or(ProofError::ContextMismatch)?;
        if have.len() < want.len() || have[..want.len()] != want[..] {
            return Err(ProofError::ContextMismatch);
        }
        doc.insert("@context".into(), pctx.clone());
    }

    let hash = hash_data(&options, &doc);
    key.verifying_key()
        .verify_strict(&hash, &sig)
        .map_err(|_| ProofError::BadSignature)?;
    Ok((
        CheckedProof {
            key,
            created,
            created_text,
            options,
        },
        doc,
    ))
}

/// A proof read from a parsed file without copying.
#[derive(Debug)]
pub(crate) struct NodeProof<'t> {
    /// The key that signed (if [`Pending`] checks out).
    pub key: DidKey,
    /// The proof's `created` time.
    pub created: DateTime<Utc>,
    /// The proof's `created` text, as written.
    pub created_text: &'t str,
    /// The verification method id, as written.
    pub verification_method: &'t str,
    /// The proof's members (including `proofValue`).
    pub members: &'t [(Cow<'t, str>, Node<'t>)],
}

fn node_str<'t>(proof: &'t Node<'t>, name: &'static str) -> Result<&'t str, ProofError> {
    proof
        .get(name)
        .and_then(Node::as_str)
        .ok_or(ProofError::Field(name))
}

/// A signature read from a file, to be checked against its key and
/// hashData: on its own ([`Pending::check`]) or with others
/// ([`check_all`]).
#[derive(Debug, Clone)]
pub struct Pending {
    key: ed25519_dalek::VerifyingKey,
    signature: Signature,
    hash: [u8; 64],
}

impl Pending {
    /// Checks this one signature with `verify_strict`.
    pub fn check(&self) -> bool {
        self.key.verify_strict(&self.hash, &self.signature).is_ok()
    }

    /// The conditions `verify_strict` sets beyond the verification
    /// equation, which a batch does not check: a key and an `R` that are
    /// not of small order. (A non-canonical `s` makes the batch fail.)
    fn batchable(&self) -> bool {
        !self.key.is_weak() && !small_order_encodings().contains(self.signature.r_bytes())
    }
}

/// Every 32-byte string that decodes to a point of small order: the eight
/// points of order 1, 2, 4 and 8, each also with the sign bit that decoding
/// ignores when x is 0, and with y + p where that is still below 2^255.
/// Comparing `R` with these 14 strings spares a batch a third point
/// decompression per signature. Made once, from the curve library's own
/// torsion points, keeping only the strings it decodes to a small-order
/// point.
pub fn small_order_encodings() -> &'static [[u8; 32]] {
    static TABLE: std::sync::OnceLock<Vec<[u8; 32]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        use curve25519_dalek::edwards::CompressedEdwardsY;
        let mut out: Vec<[u8; 32]> = Vec::new();
        for point in curve25519_dalek::constants::EIGHT_TORSION {
            let canonical = point.compress().to_bytes();
            let mut candidates = vec![canonical];
            if let Some(plus_p) = add_p(&canonical) {
                candidates.push(plus_p);
            }
            for c in candidates.clone() {
                let mut flipped = c;
                flipped[31] ^= 0x80;
                candidates.push(flipped);
            }
            for c in candidates {
                let small = CompressedEdwardsY(c)
                    .decompress()
                    .is_some_and(|p| p.is_small_order());
                if small && !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    })
}

/// y + p (p = 2^255 - 19) of an encoded point, keeping its sign bit, if
/// the sum still fits in 255 bits.
fn add_p(encoded: &[u8; 32]) -> Option<[u8; 32]> {
    let sign = encoded[31] & 0x80;
    let mut y = *encoded;
    y[31] &= 0x7f;
    let mut p = [0xffu8; 32];
    p[0] = 0xed;
    p[31] = 0x7f;
    let mut carry = 0u16;
    for i in 0..32 {
        let sum = u16::from(y[i]) + u16::from(p[i]) + carry;
        y[i] = sum as u8;
        carry = sum >> 8;
    }
    if carry != 0 || y[31] & 0x80 != 0 {
        return None;
    }
    y[31] |= sign;
    Some(y)
}

/// The most signatures checked in one batch: large enough for most of the
/// gain (per signature, measured on a Xeon: 52% of `verify_strict` at 64,
/// 43% at 128, 40% at 256, 39% at 512), small enough that a batch with a
/// bad signature, which is then checked one by one, stays cheap (about
/// 13 ms).
pub const BATCH_SIZE: usize = 256;

/// Checks many signatures; `result[i]` says whether `pending[i]` is good,
/// exactly as [`Pending::check`] would (see the module documentation for
/// the one exception a signer could make on purpose).
pub fn check_all(pending: &[&Pending]) -> Vec<bool> {
    let mut out = Vec::with_capacity(pending.len());
    for chunk in pending.chunks(BATCH_SIZE) {
        if chunk.len() > 1 && chunk.iter().all(|p| p.batchable()) {
            let messages: Vec<&[u8]> = chunk.iter().map(|p| &p.hash[..]).collect();
            let signatures: Vec<Signature> = chunk.iter().map(|p| p.signature).collect();
            let keys: Vec<ed25519_dalek::VerifyingKey> = chunk.iter().map(|p| p.key).collect();
            if ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok() {
                out.extend(std::iter::repeat_n(true, chunk.len()));
                continue;
            }
        }
        out.extend(chunk.iter().map(|p| p.check()));
    }
    out
}

/// Reads the proof of a parsed, secured document (the members of its top
/// object) as [`verify`] does, but without copying the document and
/// without checking the signature yet: that is left to the returned
/// [`Pending`]. The proof's `@context` must equal the document's, as
/// Regie's format requires; the hashes are taken as the canonical bytes are
/// written.
pub(crate) fn read_node<'t>(
    top: &'t [(Cow<'t, str>, Node<'t>)],
) -> Result<(NodeProof<'t>, Pending), ProofError> {
    let proof = match top.iter().find(|(k, _)| k == "proof") {
        Some((_, p @ Node::Obj(_))) => p,
        _ => return Err(ProofError::MissingProof),
    };
    let (read, signature) = read_fields(proof, top)?;
    let pending = Pending {
        key: *read.key.verifying_key(),
        signature,
        hash: hash_node(read.members, &document_hash(top)),
    };
    Ok((read, pending))
}

/// Reads every proof of a proof set (`proofs`, the array that is the
/// document's `proof`) as [`read_node`] reads one, in order. Each proof is
/// over the document without `proof`, so the document's hash is taken
/// once for all of them.
pub(crate) fn read_set<'t>(
    top: &'t [(Cow<'t, str>, Node<'t>)],
    proofs: &'t [Node<'t>],
) -> Result<Vec<(NodeProof<'t>, Pending)>, ProofError> {
    let mut read = Vec::with_capacity(proofs.len());
    for proof in proofs {
        if !matches!(proof, Node::Obj(_)) {
            return Err(ProofError::NotAProof);
        }
        read.push(read_fields(proof, top)?);
    }
    let document = document_hash(top);
    Ok(read
        .into_iter()
        .map(|(read, signature)| {
            let pending = Pending {
                key: *read.key.verifying_key(),
                signature,
                hash: hash_node(read.members, &document),
            };
            (read, pending)
        })
        .collect())
}

/// The members of one proof object, checked as far as they can be without
/// the signature, and its decoded signature.
fn read_fields<'t>(
    proof: &'t Node<'t>,
    top: &'t [(Cow<'t, str>, Node<'t>)],
) -> Result<(NodeProof<'t>, Signature), ProofError> {
    let Node::Obj(members) = proof else {
        return Err(ProofError::MissingProof);
    };
    let proof_type = node_str(proof, "type")?;
    if proof_type != PROOF_TYPE {
        return Err(ProofError::WrongProofType(proof_type.to_owned()));
    }
    let suite = node_str(proof, "cryptosuite")?;
    if suite != CRYPTOSUITE {
        return Err(ProofError::WrongCryptosuite(suite.to_owned()));
    }
    let purpose = node_str(proof, "proofPurpose")?;
    if purpose != PROOF_PURPOSE {
        return Err(ProofError::WrongProofPurpose(purpose.to_owned()));
    }
    let created_text = node_str(proof, "created")?;
    let created = DateTime::parse_from_rfc3339(created_text)
        .map_err(|_| ProofError::BadCreated(created_text.to_owned()))?
        .with_timezone(&Utc);
    let verification_method = node_str(proof, "verificationMethod")?;
    let key = DidKey::parse_verification_method(verification_method)
        .map_err(ProofError::VerificationMethod)?;
    let Some(Node::Str(proof_value)) = proof.get("proofValue") else {
        return Err(ProofError::Field("proofValue"));
    };
    let signature = decode_proof_value(proof_value)?;

    if let Some(pctx) = proof.get("@context") {
        let doc_ctx = top.iter().find(|(k, _)| k == "@context").map(|(_, v)| v);
        if doc_ctx != Some(pctx) {
            return Err(ProofError::ContextMismatch);
        }
    }
    Ok((
        NodeProof {
            key,
            created,
            created_text,
            verification_method,
            members,
        },
        signature,
    ))
}

/// SHA-256 of the canonical document without `proof`: the second half of
/// every proof's hashData.
fn document_hash(top: &[(Cow<'_, str>, Node<'_>)]) -> [u8; 32] {
    let mut sink = jcs::HashSink::new();
    jcs::write_members(top, Some("proof"), &mut sink);
    sink.finish()
}

/// hashData of one proof: SHA-256 of its canonical configuration (the
/// proof without `proofValue`), then the document's hash.
fn hash_node(members: &[(Cow<'_, str>, Node<'_>)], document: &[u8; 32]) -> [u8; 64] {
    let mut hash = [0u8; 64];
    let mut sink = jcs::HashSink::new();
    jcs::write_members(members, Some("proofValue"), &mut sink);
    hash[..32].copy_from_slice(&sink.finish());
    hash[32..].copy_from_slice(document);
    hash
}

fn decode_proof_value(text: &str) -> Result<Signature, ProofError> {
    let b58 = text
        .strip_prefix('z')
        .ok_or(ProofError::MalformedProofValue)?;
    // 64 bytes are at most 88 base58 characters.
    if b58.len() > 90 {
        return Err(ProofError::MalformedProofValue);
    }
    let mut bytes = [0u8; 64];
    let n = crate::did_key::base58_decode(b58.as_bytes(), &mut bytes)
        .ok_or(ProofError::MalformedProofValue)?;
    if n != 64 {
        return Err(ProofError::MalformedProofValue);
    }
    Ok(Signature::from_bytes(&bytes))
}

/// One proof of a document that [`verify_document`] checked: who signed,
/// and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentProof {
    /// The key that signed.
    pub key: DidKey,
    /// The proof's `created` time.
    pub created: DateTime<Utc>,
}

/// The proofs of a document, as it carries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentProofs {
    /// One proof object.
    One(DocumentProof),
    /// A proof set (a list of proof objects), in its order.
    Set(Vec<DocumentProof>),
}

/// Checks the `eddsa-jcs-2022` proof, or proof set of at most `max_set`
/// proofs, of a signed JSON document of at most `max_bytes` with the rules
/// of a Regie file, and returns who signed it; what the document says is
/// the caller's to check. The rules: the JSON text as the preference-file
/// specification's section 2 says (with `max_bytes` for its size); every
/// proof as its section 6.1 says, with an `@context` equal to the
/// document's if it has one and none otherwise; every signature good by
/// strict verification (`bad-signature` whatever else is wrong).
pub fn verify_document(
    bytes: &[u8],
    max_bytes: usize,
    max_set: usize,
) -> Result<DocumentProofs, VerifyError> {
    let tree =
        crate::json::parse_node_limited(bytes, crate::json::NumberPolicy::SafeIntegers, max_bytes)?;
    let Node::Obj(top) = &tree else {
        return Err(VerifyError::new(
            VerifyErrorKind::Syntax,
            "het document is geen JSON-object",
            "the document is not a JSON object",
        ));
    };
    let with_context = top.iter().any(|(k, _)| k == "@context");
    let read = match top.iter().find(|(k, _)| k == "proof").map(|(_, v)| v) {
        Some(Node::Obj(_)) => vec![read_node(top)?],
        Some(Node::Arr(set)) if !set.is_empty() && set.len() <= max_set => read_set(top, set)?,
        Some(Node::Arr(set)) if !set.is_empty() => {
            let n = set.len();
            return Err(VerifyError::new(
                VerifyErrorKind::MalformedProof,
                format!(
                    "het document heeft {n} handtekeningen; hoogstens {max_set} worden aangenomen"
                ),
                format!("the document has {n} signatures; at most {max_set} are accepted"),
            ));
        }
        _ => return Err(ProofError::MissingProof.into()),
    };
    let members: Result<(), VerifyError> = read
        .iter()
        .try_for_each(|(p, _)| crate::file::check_proof_members_of(p, with_context));
    if !read.iter().all(|(_, pending)| pending.check()) {
        return Err(ProofError::BadSignature.into());
    }
    members?;
    let proofs: Vec<DocumentProof> = read
        .into_iter()
        .map(|(p, _)| DocumentProof {
            key: p.key,
            created: p.created,
        })
        .collect();
    Ok(match top.iter().find(|(k, _)| k == "proof") {
        Some((_, Node::Obj(_))) => {
            DocumentProofs::One(proofs.into_iter().next().ok_or(ProofError::MissingProof)?)
        }
        _ => DocumentProofs::Set(proofs),
    })
}
