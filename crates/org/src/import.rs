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
use regie_prefs::error::Detail;
use regie_prefs::json::MAX_INPUT_BYTES;
use regie_prefs::{
    verify, verify_many, Content, DataCategory, Decision, DidKey, PreferenceSubject, Verified,
    VerifyError, VerifyErrorKind, VerifyOptions,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::reject::Rejection;
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
    /// What the person decided about the organisation's uses of their
    /// data. `None` only for a state stored by a version that did not keep
    /// it and whose file could not be read again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses: Option<Uses>,
}

/// The decisions and sensitive categories of a preference file: what the
/// organisation may do with which data (spec sections 3.5 and 3.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Uses {
    /// One per purpose and legal basis, as in the file.
    pub decisions: Vec<Decision>,
    /// Data the person marked sensitive: never for personalisation,
    /// profiling or marketing.
    pub sensitive_categories: Vec<DataCategory>,
}

impl Effective {
    /// What a verified preference file says the organisation must honour.
    pub fn of(p: PreferenceSubject) -> Self {
        Effective {
            global_switch: p.global_switch,
            contact_preferences: p.contact_preferences,
            uses: Some(Uses {
                decisions: p.decisions,
                sensitive_categories: p.sensitive_categories,
            }),
        }
    }
}

/// A state stored by an earlier version, without the decisions, read
/// again from the signed file kept as evidence: the effective preferences
/// with [`Effective::uses`] filled in, or `None` if nothing is to change
/// (already there, or the evidence no longer verifies for `org`).
pub fn upgrade_effective(org: &str, stored: &str, evidence: &[u8]) -> Option<String> {
    let e: Effective = serde_json::from_str(stored).ok()?;
    if e.uses.is_some() {
        return None;
    }
    let org = OrgId::parse(org).ok()?;
    let v = verify(evidence, Utc::now(), &options(&org)).ok()?;
    let Content::Preferences(p) = v.content else {
        return None;
    };
    serde_json::to_string(&Effective::of(p)).ok()
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
pub(crate) fn incoming(
    source: String,
    bytes: Vec<u8>,
    result: Result<Verified, VerifyError>,
    now: DateTime<Utc>,
) -> Incoming {
    let sha256 = sha256_hex(&bytes);
    let verdict = match result {
        Ok(v) => match v.content {
            Content::Preferences(p) => {
                let (sequence, issued) = (p.sequence, p.issued.get());
                match serde_json::to_string(&Effective::of(p)) {
                    Ok(effective) => Verdict::Preferences {
                        issuer: v.issuer.did(),
                        sequence,
                        issued,
                        effective,
                    },
                    Err(e) => Verdict::Rejected {
                        issuer: Some(v.issuer.did()),
                        reason: Rejection::Verify {
                            kind: VerifyErrorKind::InvalidField,
                            detail: Detail::new(
                                format!("de voorkeuren zijn niet op te slaan: {e}"),
                                format!("the preferences cannot be stored: {e}"),
                            ),
                        },
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
                reason: Rejection::Verify {
                    kind: VerifyErrorKind::WrongCredentialType,
                    detail: Detail::new(
                        "deze versie kent dit soort bestand niet",
                        "a kind of file this version does not handle",
                    ),
                },
            },
        },
        Err(e) => Verdict::Rejected {
            issuer: claimed_issuer(&bytes),
            reason: Rejection::verify(e),
        },
    };
    Incoming {
        source: crate::text::clean(&source).into_owned(),
        sha256,
        bytes,
        received_at: now,
        verdict,
    }
}

/// The `issuer` a rejected file claims, to file the rejection under the
/// customer if the key is known. Only a hint: nothing is accepted on it,
/// and only a well-formed `did:key` is taken (never arbitrary bytes).
fn claimed_issuer(bytes: &[u8]) -> Option<String> {
    if bytes.len() > MAX_INPUT_BYTES {
        return None;
    }
    #[derive(Deserialize)]
    struct Claim {
        issuer: String,
    }
    let c: Claim = serde_json::from_slice(bytes).ok()?;
    DidKey::parse(&c.issuer).ok().map(|d| d.did())
}

/// A file the system refused to read.
pub fn unreadable(source: String, e: &std::io::Error, now: DateTime<Utc>) -> Incoming {
    refused(source, Rejection::unreadable(e), now)
}

/// A file larger than a preference file may be, refused after reading one
/// byte more than the limit: `size` is its true size when the system
/// knows it (a file), `None` for a stream, where only "more than the
/// limit" is known. Never the number of bytes read, which is not the
/// file's size.
pub fn too_large(source: String, size: Option<u64>, now: DateTime<Utc>) -> Incoming {
    let max = MAX_INPUT_BYTES.to_string();
    let (nl, en) = match size.filter(|&s| s > MAX_INPUT_BYTES as u64) {
        Some(size) => {
            let vars = [("size", size.to_string()), ("max", max)];
            let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let t = crate::i18n::E_TOO_LARGE_FILE;
            (
                t.fill(regie_model::Language::Nl, &vars),
                t.fill(regie_model::Language::En, &vars),
            )
        }
        None => {
            let t = crate::i18n::E_TOO_LARGE_STREAM;
            let vars = [("max", max.as_str())];
            (
                t.fill(regie_model::Language::Nl, &vars),
                t.fill(regie_model::Language::En, &vars),
            )
        }
    };
    refused(
        source,
        Rejection::Verify {
            kind: VerifyErrorKind::TooLarge,
            detail: Detail::new(nl, en),
        },
        now,
    )
}

/// A file refused before it was read, with its reason.
fn refused(source: String, reason: Rejection, now: DateTime<Utc>) -> Incoming {
    Incoming {
        sha256: sha256_hex(&[]),
        source: crate::text::clean(&source).into_owned(),
        bytes: Vec::new(),
        received_at: now,
        verdict: Verdict::Rejected {
            issuer: None,
            reason,
        },
    }
}

/// Why a path was not read.
#[derive(Debug)]
pub enum OpenError {
    /// A link, a pipe, a device or a directory: never opened for reading
    /// (a pipe would wait for ever, a device could be read for ever).
    NotAFile,
    /// The system refused (missing, no permission, ...).
    Io(std::io::Error),
}

/// Opens a file for reading only if it is a regular file at the moment it
/// is opened (checked on the open file, so it cannot be swapped between a
/// check and the open). `follow_links: false` refuses a symbolic link
/// itself, as for the entries of an inbox directory; a path the operator
/// names is followed.
pub fn open_regular(path: &Path, follow_links: bool) -> Result<std::fs::File, OpenError> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking, so that opening a pipe returns at once instead of
        // waiting for a writer; no controlling terminal from a tty device.
        let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
        if !follow_links {
            flags |= libc::O_NOFOLLOW;
        }
        o.custom_flags(flags);
    }
    let f = o.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) && !follow_links {
            return OpenError::NotAFile;
        }
        OpenError::Io(e)
    })?;
    match f.metadata() {
        Ok(m) if m.is_file() => Ok(f),
        Ok(_) => Err(OpenError::NotAFile),
        Err(e) => Err(OpenError::Io(e)),
    }
}

/// Opens and reads a file as [`open_regular`] and [`read_bounded`] do, or
/// says why it was refused.
pub fn read_path(
    path: &Path,
    follow_links: bool,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, Box<Incoming>> {
    let source = crate::text::path(path);
    match open_regular(path, follow_links) {
        Ok(f) => {
            let size = f.metadata().map(|m| m.len()).ok();
            match read_bounded(f) {
                Ok(b) if b.len() > MAX_INPUT_BYTES => Err(Box::new(too_large(source, size, now))),
                Ok(b) => Ok(b),
                Err(e) => Err(Box::new(unreadable(source, &e, now))),
            }
        }
        Err(OpenError::NotAFile) => Err(Box::new(refused(source, Rejection::NotAFile, now))),
        Err(OpenError::Io(e)) => Err(Box::new(unreadable(source, &e, now))),
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
/// Each is opened as [`open_regular`] does, following links only for the
/// paths the operator named (`Listed::named`).
pub fn examine_paths(paths: &[Listed], org: &OrgId, now: DateTime<Utc>) -> Vec<Incoming> {
    let mut out: Vec<Option<Incoming>> = Vec::with_capacity(paths.len());
    let mut read = Vec::with_capacity(paths.len());
    for listed in paths {
        match read_path(&listed.path, listed.named, now) {
            Ok(bytes) => {
                read.push((crate::text::path(&listed.path), bytes));
                out.push(None);
            }
            Err(refused) => out.push(Some(*refused)),
        }
    }
    let mut verified = examine_many(read, org, now).into_iter();
    out.into_iter()
        .filter_map(|slot| slot.or_else(|| verified.next()))
        .collect()
}

/// A path to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The path.
    pub path: PathBuf,
    /// Named by the operator (a link is followed), rather than found in a
    /// directory (a link is refused).
    pub named: bool,
}

/// The files to import from a path: the file itself, or a directory's
/// entries (not hidden, not recursive, not subdirectories), sorted by
/// name. Whether each is a regular file is decided when it is opened
/// ([`open_regular`]): a link, a pipe or a device in an inbox is refused
/// there, with a reason, rather than skipped in silence.
pub fn expand(path: &Path) -> std::io::Result<Vec<Listed>> {
    if !path.is_dir() {
        return Ok(vec![Listed {
            path: path.to_owned(),
            named: true,
        }]);
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let hidden = entry.file_name().as_encoded_bytes().starts_with(b".");
        if !hidden && !entry.file_type()?.is_dir() {
            out.push(Listed {
                path: entry.path(),
                named: false,
            });
        }
    }
    // One directory's paths differ only in their last component, so
    // comparing them as bytes orders them by name, without splitting every
    // path into components on every comparison.
    out.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
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
