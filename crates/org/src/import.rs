//! Reading and verifying received files, in parallel, before the store
//! decides what they mean for each customer.
//!
//! Verification is pure CPU work with no shared state, so it runs on every
//! core (rayon), a group of files at a time so that their signatures are
//! checked together ([`regie_prefs::verify_many`], about half the work per
//! signature); the store then takes the results in batches, one transaction
//! per batch. One bad file yields one rejected result and never stops or
//! spoils the rest.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use regie_model::{ContactPreferences, OrgId};
use regie_prefs::json::MAX_INPUT_BYTES;
use regie_prefs::{verify, verify_many, Content, Verified, VerifyError, VerifyOptions};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::{Incoming, Verdict};

/// The effective preferences as stored per customer: what the last
/// accepted file says the organisation must honour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Effective {
    /// Whether the person's global switch is on (the matrix already has
    /// every blockable cell off then).
    pub global_switch: bool,
    /// The preferences, in regie-model's wire form.
    pub contact_preferences: ContactPreferences,
}

/// SHA-256 as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in h {
        s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    s
}

/// How many files are verified together: as many signatures as
/// regie-prefs checks in one batch.
pub const GROUP: usize = regie_prefs::proof::BATCH_SIZE;

fn options(org: &OrgId) -> VerifyOptions {
    VerifyOptions {
        audience: Some(org.clone()),
        ..Default::default()
    }
}

/// Verifies one received file for `org` and says what it is.
pub fn examine(source: String, bytes: Vec<u8>, org: &OrgId, now: DateTime<Utc>) -> Incoming {
    let result = verify(&bytes, now, &options(org));
    incoming(source, bytes, result, now)
}

/// Verifies received files for `org` together (see [`GROUP`]); the
/// answers are in the same order, each as [`examine`] would give it.
pub fn examine_many(
    files: Vec<(String, Vec<u8>)>,
    org: &OrgId,
    now: DateTime<Utc>,
) -> Vec<Incoming> {
    let refs: Vec<&[u8]> = files.iter().map(|(_, b)| b.as_slice()).collect();
    let results = verify_many(&refs, now, &options(org));
    files
        .into_iter()
        .zip(results)
        .map(|((source, bytes), result)| incoming(source, bytes, result, now))
        .collect()
}

/// What a verification result means for the store.
fn incoming(
    source: String,
    bytes: Vec<u8>,
    result: Result<Verified, VerifyError>,
    now: DateTime<Utc>,
) -> Incoming {
    let sha256 = sha256_hex(&bytes);
    let verdict = match result {
        Ok(v) => match v.content {
            Content::Preferences(p) => {
                let effective = Effective {
                    global_switch: p.global_switch,
                    contact_preferences: p.contact_preferences,
                };
                match serde_json::to_string(&effective) {
                    Ok(effective) => Verdict::Preferences {
                        issuer: v.issuer.did(),
                        sequence: p.sequence,
                        issued: p.issued.get(),
                        effective,
                    },
                    Err(e) => Verdict::Rejected {
                        issuer: Some(v.issuer.did()),
                        code: "invalid-field".into(),
                        message: e.to_string(),
                    },
                }
            }
            Content::KeyRotation(r) => Verdict::Rotation {
                issuer: v.issuer.did(),
                new_key: r.new_key.did(),
                sequence: r.sequence,
                issued: r.issued.get(),
            },
            _ => Verdict::Rejected {
                issuer: Some(v.issuer.did()),
                code: "wrong-credential-type".into(),
                message: "a kind of file this version does not handle".into(),
            },
        },
        Err(e) => Verdict::Rejected {
            issuer: claimed_issuer(&bytes),
            code: e.kind.code().into(),
            message: e.message,
        },
    };
    Incoming {
        source,
        sha256,
        bytes,
        received_at: now,
        verdict,
    }
}

/// The `issuer` a rejected file claims, to file the rejection under the
/// customer if the key is known. Only a hint: nothing is accepted on it.
fn claimed_issuer(bytes: &[u8]) -> Option<String> {
    if bytes.len() > MAX_INPUT_BYTES {
        return None;
    }
    #[derive(Deserialize)]
    struct Claim {
        issuer: String,
    }
    let c: Claim = serde_json::from_slice(bytes).ok()?;
    c.issuer.starts_with("did:key:").then_some(c.issuer)
}

/// A file that could not even be read.
pub fn unreadable(source: String, message: String, now: DateTime<Utc>) -> Incoming {
    Incoming {
        sha256: sha256_hex(&[]),
        source,
        bytes: Vec::new(),
        received_at: now,
        verdict: Verdict::Rejected {
            issuer: None,
            code: "unreadable".into(),
            message,
        },
    }
}

/// Reads at most one byte more than a preference file may have, so a huge
/// file costs nothing and is rejected as `too-large`.
pub fn read_bounded(mut r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(4096);
    r.by_ref()
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut buf)?;
    Ok(buf)
}

/// Reads and verifies a group of paths (see [`examine_many`]), in order.
pub fn examine_paths(paths: &[PathBuf], org: &OrgId, now: DateTime<Utc>) -> Vec<Incoming> {
    let mut out: Vec<Option<Incoming>> = Vec::with_capacity(paths.len());
    let mut read = Vec::with_capacity(paths.len());
    for path in paths {
        let source = path.display().to_string();
        match std::fs::File::open(path).and_then(read_bounded) {
            Ok(bytes) => {
                read.push((source, bytes));
                out.push(None);
            }
            Err(e) => out.push(Some(unreadable(source, e.to_string(), now))),
        }
    }
    let mut verified = examine_many(read, org, now).into_iter();
    out.into_iter()
        .filter_map(|slot| slot.or_else(|| verified.next()))
        .collect()
}

/// The files to import from a path: the file itself, or a directory's
/// regular files (not hidden, not recursive), sorted by name.
pub fn expand(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && entry.file_type()?.is_file() {
            out.push(entry.path());
        }
    }
    // One directory's paths differ only in their last component, so
    // comparing them as bytes orders them by name, without splitting every
    // path into components on every comparison.
    out.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok(out)
}

/// The order in which a batch is written: by sequence, then signer, so
/// several files of one customer in one batch all count, and a key
/// rotation comes before the first file signed with the new key.
pub fn batch_order(batch: &mut [Incoming]) {
    fn key(i: &Incoming) -> (u8, u64, &str) {
        match &i.verdict {
            Verdict::Preferences {
                issuer, sequence, ..
            } => (0, *sequence, issuer.as_str()),
            Verdict::Rotation {
                issuer, sequence, ..
            } => (0, *sequence, issuer.as_str()),
            Verdict::Rejected { .. } => (1, 0, ""),
        }
    }
    batch.sort_by(|a, b| key(a).cmp(&key(b)));
}
