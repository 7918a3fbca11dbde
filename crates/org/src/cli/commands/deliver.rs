//! Delivery by a customer's own Regie: `regie-org key` (the receipt key),
//! `regie-org declaration` (the signed declaration that names the inbox
//! and the key) and `regie-org link` (a one-time link code for a
//! customer). `regie-org serve` runs the inbox itself (see [`super::serve`]).

use std::io::Write;
use std::path::Path;

use chrono::{Duration, Utc};
use regie_declaration::{Declaration, Delivery, InboxUrl};
use regie_model::Language;
use regie_org::i18n::{self, fill};
use regie_org::key::{KeyFileError, ReceiptKey};
use regie_org::store::link::{code_hash, CodeMade, NewLinkCode};
use regie_org::text::{self, clean};
use regie_prefs::rand_core::OsRng;
use regie_prefs::LinkCode;
use serde_json::json;

use super::open;
use crate::cli::args::Cli;
use crate::cli::exit;
use crate::cli::failure::{fail, io_failure, Failure};

/// The shortest and longest a link code may be valid: long enough to
/// reach a customer by post, short enough for the odds of spec section
/// 10.2 (computed for 14 days) to stay of their order.
const SHORTEST: Duration = Duration::hours(1);
const LONGEST: Duration = Duration::days(90);

/// Reads the receipt key in `path`, or says why it cannot be used
/// (exit 6).
pub fn read_key(lang: Language, path: &Path) -> Result<ReceiptKey, Failure> {
    let shown = text::path(path);
    regie_org::key::read(path).map_err(|e| match e {
        KeyFileError::Io(e) => io_failure(lang, i18n::E_KEY_READ, &[("path", &shown)], &e),
        KeyFileError::Exposed(mode) => fail(
            exit::IO,
            "key-file-exposed",
            fill(
                lang,
                i18n::E_KEY_EXPOSED,
                &[("path", &shown), ("mode", &format!("{mode:o}"))],
            ),
        ),
        KeyFileError::NotAKey | KeyFileError::TooLarge => fail(
            exit::IO,
            "key-file-invalid",
            fill(lang, i18n::E_KEY_INVALID, &[("path", &shown)]),
        ),
    })
}

/// `regie-org key --out FILE`: a new receipt key in a new file.
pub fn key(cli: &Cli, lang: Language, out: &mut impl Write, file: &Path) -> Result<u8, Failure> {
    let path = text::path(file);
    let key = regie_org::key::write_new(file).map_err(|e| match e {
        KeyFileError::Io(e) if e.kind() == std::io::ErrorKind::AlreadyExists => fail(
            exit::IO,
            "file-exists",
            fill(lang, i18n::E_KEY_EXISTS, &[("path", &path)]),
        ),
        KeyFileError::Io(e) => io_failure(lang, i18n::E_KEY_WRITE, &[("path", &path)], &e),
        other => fail(
            exit::IO,
            "key-file-invalid",
            fill(
                lang,
                i18n::E_KEY_WRITE,
                &[("path", &path), ("reason", &other.to_string())],
            ),
        ),
    })?;
    let (did, fingerprint) = (key.did().did(), key.did().fingerprint());
    if cli.json {
        let _ = writeln!(
            out,
            "{}",
            json!({"key_file": path, "did": did, "fingerprint": fingerprint})
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            fill(
                lang,
                i18n::KEY_WRITTEN,
                &[
                    ("path", &path),
                    ("did", &did),
                    ("fingerprint", &fingerprint)
                ]
            )
        );
    }
    Ok(exit::OK)
}

/// What `regie-org declaration` is given.
pub struct DeclarationArgs<'a> {
    pub from: &'a Path,
    pub inbox: &'a str,
    pub key_file: &'a Path,
    pub previous_key_file: Option<&'a Path>,
    pub out: &'a Path,
}

/// `regie-org declaration`: the body, with the inbox and the receipt key,
/// signed (with the previous key too for a key change), written in one
/// step to `--out`.
pub fn declaration(
    cli: &Cli,
    lang: Language,
    out: &mut impl Write,
    a: DeclarationArgs<'_>,
) -> Result<u8, Failure> {
    let inbox = InboxUrl::parse(a.inbox).map_err(|p| {
        fail(
            exit::INVALID,
            "invalid-inbox",
            fill(
                lang,
                i18n::E_BAD_INBOX,
                &[("url", &clean(a.inbox)), ("err", &p.message(lang))],
            ),
        )
    })?;
    let key = read_key(lang, a.key_file)?;
    let previous = a.previous_key_file.map(|p| read_key(lang, p)).transpose()?;
    if previous.as_ref().is_some_and(|p| p.did() == key.did()) {
        return Err(fail(
            exit::INVALID,
            "same-key",
            i18n::E_SAME_KEY.get(lang).into(),
        ));
    }
    let from = text::path(a.from);
    let body = read_body(a.from)
        .map_err(|e| io_failure(lang, i18n::E_DECL_READ, &[("path", &from)], &e))?;
    let refused = |kind: &str, err: String| {
        fail(
            exit::INVALID,
            "declaration-refused",
            fill(
                lang,
                i18n::E_DECL_BODY,
                &[("path", &from), ("kind", kind), ("err", &err)],
            ),
        )
    };
    let mut d = Declaration::parse(&body).map_err(|e| refused(e.kind(), e.message(lang)))?;
    d.delivery = Some(Delivery {
        inbox: inbox.clone(),
        receipt_key: *key.did(),
        previous_key: None,
    });
    let now = Utc::now();
    let signed = match &previous {
        None => d.sign(key.signing_key(), now),
        Some(p) => d.sign_key_change(p.signing_key(), key.signing_key(), now),
    }
    .map_err(|e| refused(e.kind(), e.message(lang)))?;
    let path = text::path(a.out);
    write_replacing(a.out, &signed)
        .map_err(|e| io_failure(lang, i18n::E_DECL_WRITE, &[("path", &path)], &e))?;
    let (did, fingerprint) = (key.did().did(), key.did().fingerprint());
    if cli.json {
        let _ = writeln!(
            out,
            "{}",
            json!({
                "declaration": path,
                "organisation": d.organisation.id.as_str(),
                "inbox": inbox.as_str(),
                "receipt_key": did,
                "fingerprint": fingerprint,
                "previous_key": previous.as_ref().map(|p| p.did().did()),
            })
        );
    } else {
        let t = if previous.is_some() {
            i18n::DECLARATION_KEY_CHANGE_WRITTEN
        } else {
            i18n::DECLARATION_WRITTEN
        };
        let _ = writeln!(
            out,
            "{}",
            fill(
                lang,
                t,
                &[
                    ("path", &path),
                    ("inbox", inbox.as_str()),
                    ("fingerprint", &fingerprint)
                ]
            )
        );
    }
    Ok(exit::OK)
}

/// Reads at most one byte more than a declaration may have (Regie
/// refuses a larger one, and says so).
fn read_body(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(regie_declaration::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Writes `bytes` to `path` in one step: to a new file beside it, flushed,
/// then renamed over it, so a server publishing `path` never reads half a
/// declaration. The declaration is public: readable by all (0644).
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o644);
    }
    let written = o.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// How long a code is valid: `36h`, `14d` or `2w`, within
/// [`SHORTEST`] and [`LONGEST`].
fn parse_valid(s: &str) -> Option<Duration> {
    let s = s.trim();
    let unit = s.chars().last()?;
    let n: i64 = s[..s.len() - unit.len_utf8()].parse().ok()?;
    let d = match unit {
        'h' => Duration::try_hours(n)?,
        'd' => Duration::try_days(n)?,
        'w' => Duration::try_weeks(n)?,
        _ => return None,
    };
    (SHORTEST..=LONGEST).contains(&d).then_some(d)
}

/// `regie-org link --customer C`: a new one-time code for the customer.
pub fn link(
    cli: &Cli,
    lang: Language,
    out: &mut impl Write,
    customer: &str,
    valid: &str,
    replace_key: bool,
) -> Result<u8, Failure> {
    let valid = parse_valid(valid).ok_or_else(|| {
        fail(
            exit::INVALID,
            "invalid-input",
            fill(lang, i18n::E_BAD_VALID, &[("value", &clean(valid))]),
        )
    })?;
    if customer.trim().is_empty() {
        return Err(fail(
            exit::INVALID,
            "invalid-input",
            i18n::E_EMPTY_CUSTOMER.get(lang).into(),
        ));
    }
    let org = open(cli, lang)?;
    let code = LinkCode::generate(&mut OsRng);
    let now = Utc::now();
    let expires = now + valid;
    let made = org
        .store()
        .create_link_code(&NewLinkCode {
            hash: code_hash(&code),
            customer: customer.to_owned(),
            created: now,
            expires,
            replace_key,
        })
        .map_err(|e| crate::cli::failure::store_failure(lang, e))?;
    if let CodeMade::CustomerLinked(did) = made {
        return Err(fail(
            exit::INVALID,
            "customer-linked",
            fill(
                lang,
                i18n::E_CUSTOMER_HAS_KEY,
                &[("customer", &clean(customer)), ("did", &did)],
            ),
        ));
    }
    let expires = regie_org::store::fmt_time(expires);
    if cli.json {
        let _ = writeln!(
            out,
            "{}",
            json!({"customer": customer, "code": code.to_string(), "expires": expires,
                   "replace_key": replace_key})
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            fill(
                lang,
                i18n::LINK_CODE_MADE,
                &[
                    ("customer", &clean(customer)),
                    ("code", &code.to_string()),
                    ("expires", &expires)
                ]
            )
        );
    }
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_validity_is_hours_days_or_weeks_from_an_hour_to_90_days() {
        assert_eq!(parse_valid("14d"), Some(Duration::days(14)));
        assert_eq!(parse_valid("36h"), Some(Duration::hours(36)));
        assert_eq!(parse_valid("2w"), Some(Duration::weeks(2)));
        assert_eq!(parse_valid("90d"), Some(Duration::days(90)));
        for bad in [
            "", "d", "14", "0h", "91d", "13w", "-1d", "1.5d", "14 d", "1m", "é",
        ] {
            assert_eq!(parse_valid(bad), None, "{bad}");
        }
    }
}
