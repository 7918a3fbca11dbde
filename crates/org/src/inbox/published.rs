//! The signed declaration a server publishes at
//! `/.well-known/regie-declaration` ([`PATH`]).
//!
//! Why that path: RFC 8615 reserves `/.well-known/` for documents about a
//! whole site that software looks up by name, so a person's Regie (or
//! anyone) who knows only the organisation's host finds its declaration
//! without a link, as `/.well-known/security.txt` is found; the name is the
//! format's (`regie-declaration/2`). It needs no token: the declaration is
//! public, and its signature, not the connection, is what a reader trusts.
//!
//! The server serves the newest declaration in its file: when the file
//! changes (a new one written with `regie-org declaration --out` to the
//! same path), the next request reads it again. A declaration is served
//! only if it is one the organisation's customers will accept and that
//! fits this server: it verifies, it is this organisation's, and it names
//! this server's receipt key. A file that does not is not served; the one
//! before it stays, and the operator is told.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use regie_declaration::Declaration;
use regie_model::{Language, OrgId};
use regie_prefs::DidKey;

use crate::i18n;

/// Where the declaration is served.
pub const PATH: &str = "/.well-known/regie-declaration";

/// Why a declaration file is not served.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// It cannot be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Regie refuses it (its kind and what is wrong, in English).
    #[error("{1}")]
    Refused(&'static str, String),
    /// It is not signed (version 1): it names no inbox.
    #[error("it is not signed (regie-declaration/1): it names no inbox and no receipt key")]
    Unsigned,
    /// Another organisation's.
    #[error("it is the declaration of {0}, not of this organisation")]
    OtherOrganisation(String),
    /// Signed with another key than this server signs receipts with.
    #[error("its receipt key is {0}, not the key this server signs receipts with")]
    OtherKey(String),
}

impl PublishError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Language) -> String {
        match self {
            PublishError::Io(e) => regie_cli_text::os::reason(e, lang),
            PublishError::Refused(kind, en) => match lang {
                Language::En => en.clone(),
                Language::Nl => i18n::fill(lang, i18n::E_DECL_REFUSED, &[("kind", kind)]),
            },
            PublishError::Unsigned => i18n::E_DECL_UNSIGNED.get(lang).into(),
            PublishError::OtherOrganisation(o) => {
                i18n::fill(lang, i18n::E_DECL_OTHER_ORG, &[("org", o)])
            }
            PublishError::OtherKey(k) => i18n::fill(lang, i18n::E_DECL_OTHER_KEY, &[("key", k)]),
        }
    }
}

/// What identifies a version of the file: a new one is read again.
type Stamp = (u64, Option<std::time::SystemTime>, u64);

fn stamp(path: &Path) -> std::io::Result<Stamp> {
    let m = std::fs::metadata(path)?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Ok((m.len(), m.modified().ok(), ino))
}

/// Reads the declaration in `path` and checks that it may be served:
/// signed, this organisation's, naming `key`.
pub fn check(path: &Path, org: &OrgId, key: &DidKey) -> Result<Vec<u8>, PublishError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(regie_declaration::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    let d = Declaration::parse(&bytes)
        .map_err(|e| PublishError::Refused(e.kind(), e.message(Language::En)))?;
    let Some(delivery) = &d.delivery else {
        return Err(PublishError::Unsigned);
    };
    if d.organisation.id != *org {
        return Err(PublishError::OtherOrganisation(
            d.organisation.id.as_str().to_owned(),
        ));
    }
    if delivery.receipt_key != *key {
        return Err(PublishError::OtherKey(delivery.receipt_key.did()));
    }
    Ok(bytes)
}

/// The declaration a server publishes, read again when its file changes.
#[derive(Debug)]
pub struct Published {
    path: PathBuf,
    org: OrgId,
    key: DidKey,
    /// The operator's language, for the log.
    lang: Language,
    current: Mutex<(Stamp, std::sync::Arc<Vec<u8>>)>,
}

impl Published {
    /// Reads the declaration in `path`; refused if it may not be served
    /// (see [`check`]).
    pub fn open(
        path: &Path,
        org: OrgId,
        key: DidKey,
        lang: Language,
    ) -> Result<Self, PublishError> {
        let s = stamp(path)?;
        let bytes = check(path, &org, &key)?;
        Ok(Published {
            path: path.to_owned(),
            org,
            key,
            lang,
            current: Mutex::new((s, std::sync::Arc::new(bytes))),
        })
    }

    /// The newest declaration that may be served (see the module
    /// documentation). Blocking: it may read the file.
    pub fn bytes(&self) -> std::sync::Arc<Vec<u8>> {
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let now = stamp(&self.path);
        if matches!(&now, Ok(s) if *s == current.0) {
            return current.1.clone();
        }
        match now.map_err(PublishError::from).and_then(|s| {
            let bytes = check(&self.path, &self.org, &self.key)?;
            Ok((s, bytes))
        }) {
            Ok((s, bytes)) => *current = (s, std::sync::Arc::new(bytes)),
            Err(e) => {
                crate::server::log(
                    crate::server::logs::Level::Warn,
                    "declaration-not-served",
                    self.lang,
                    i18n::H_LOG_DECLARATION,
                    &[
                        ("path", &crate::text::path(&self.path)),
                        ("err", &e.message(self.lang)),
                    ],
                );
                // Told once for this version of the file.
                if let Ok(s) = stamp(&self.path) {
                    current.0 = s;
                }
            }
        }
        current.1.clone()
    }
}
