//! Regie's signed preference files.
//!
//! A person exports, per organisation, a file saying which messages they do
//! not want on which channel and what they decided about the organisation's
//! use of their data. The organisation must be able to check, without Regie
//! and with public libraries only, that the file is unchanged and comes from
//! the same person as the previous one. So the file is a W3C Verifiable
//! Credential (Data Model 2.0) with a Data Integrity proof of cryptosuite
//! `eddsa-jcs-2022`: Ed25519 over the RFC 8785 canonical form, with the
//! signer named as a `did:key`.
//!
//! This crate knows nothing of storage, keychains or user interfaces.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod did_key;
pub mod jcs;
pub mod json;
pub mod proof;

pub use did_key::{DidKey, DidKeyError};
