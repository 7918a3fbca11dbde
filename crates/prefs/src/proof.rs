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
//! Verification uses `verify_strict`, which refuses small-order ("weak")
//! public keys and non-canonical signatures, so that no second valid
//! signature can be made from a first one.
//!
//! This module is generic over the document: it checks the proof and nothing
//! else. What a preference file must contain is checked in [`crate::file`].

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey};
use std::borrow::Cow;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::did_key::{DidKey, DidKeyError};
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

/// A proof that checked out, read from a parsed file without copying.
#[derive(Debug)]
pub(crate) struct NodeProof<'t> {
    /// The key that signed.
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

/// Checks the proof of a parsed, secured document (the members of its top
/// object), as [`verify`] does, but without copying the document. The
/// proof's `@context` must equal the document's, as Regie's format
/// requires; the hashes are taken as the canonical bytes are written.
pub(crate) fn verify_node<'t>(
    top: &'t [(Cow<'t, str>, Node<'t>)],
) -> Result<NodeProof<'t>, ProofError> {
    let proof = match top.iter().find(|(k, _)| k == "proof") {
        Some((_, p @ Node::Obj(_))) => p,
        _ => return Err(ProofError::MissingProof),
    };
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
    let sig = decode_proof_value(proof_value)?;

    if let Some(pctx) = proof.get("@context") {
        let doc_ctx = top.iter().find(|(k, _)| k == "@context").map(|(_, v)| v);
        if doc_ctx != Some(pctx) {
            return Err(ProofError::ContextMismatch);
        }
    }

    let mut hash = [0u8; 64];
    let mut sink = jcs::HashSink::new();
    jcs::write_members(members, Some("proofValue"), &mut sink);
    hash[..32].copy_from_slice(&sink.finish());
    let mut sink = jcs::HashSink::new();
    jcs::write_members(top, Some("proof"), &mut sink);
    hash[32..].copy_from_slice(&sink.finish());
    key.verifying_key()
        .verify_strict(&hash, &sig)
        .map_err(|_| ProofError::BadSignature)?;
    Ok(NodeProof {
        key,
        created,
        created_text,
        verification_method,
        members,
    })
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
