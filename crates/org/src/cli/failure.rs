//! What went wrong, for a person: an exit code, a stable code and a
//! sentence in their language. The errors of the store, of TLS and of the
//! operating system become failures here, in one place for every command.
//!
//! A database error is said by its kind (the server cannot be reached,
//! the disk is full, the file is not a database, ...), in plain words
//! with advice that fits it; the database's own text, which is English
//! and technical, follows only in English and is in `--json` as
//! `db_error`.

use regie_cli_text::os;
use regie_model::{Language, Text};
use regie_org::i18n::{self, fill};
use regie_org::store::tls::{CertProblem, TlsError};
use regie_org::store::StoreError;
use regie_org::text::clean;

use super::exit;

/// An error a person can act on, with its exit code and stable code.
pub struct Failure {
    pub exit: u8,
    pub code: &'static str,
    pub message: String,
    /// The system's own words for an operating-system error, in English:
    /// shown with `--json` (the message names the error in the person's
    /// language).
    pub os_error: Option<String>,
    /// The database's own words, as `os_error` is the system's.
    pub db_error: Option<String>,
}

pub fn fail(exit: u8, code: &'static str, message: String) -> Failure {
    Failure {
        exit,
        code,
        message,
        os_error: None,
        db_error: None,
    }
}

impl Failure {
    /// The failure with `t` said after its message (in the same language).
    pub fn then(mut self, lang: Language, t: Text) -> Failure {
        self.message = format!("{} {}", self.message, t.get(lang));
        self
    }
}

/// An operating-system error, in a sentence `t` whose `{reason}` names it
/// in `lang` (with the other `vars` filled in). Exit 6, code `io`.
pub fn io_failure(lang: Language, t: Text, vars: &[(&str, &str)], e: &std::io::Error) -> Failure {
    let reason = os::reason(e, lang);
    let mut vars = vars.to_vec();
    vars.push(("reason", &reason));
    Failure {
        exit: exit::IO,
        code: "io",
        message: fill(lang, t, &vars),
        os_error: Some(e.to_string()),
        db_error: None,
    }
}

pub fn store_failure(lang: Language, e: StoreError) -> Failure {
    match e {
        StoreError::NotInitialised => fail(
            exit::SETUP,
            "not-initialised",
            i18n::E_NOT_INITIALISED.get(lang).into(),
        ),
        StoreError::AlreadyInitialised(org) => fail(
            exit::SETUP,
            "already-initialised",
            fill(lang, i18n::E_ALREADY_INITIALISED, &[("org", &org)]),
        ),
        StoreError::DidTaken(c) => fail(
            exit::INVALID,
            "key-in-use",
            fill(lang, i18n::E_DID_TAKEN, &[("customer", &c)]),
        ),
        StoreError::KeyRetired(c) => fail(
            exit::INVALID,
            "key-retired",
            fill(lang, i18n::E_KEY_RETIRED, &[("customer", &c)]),
        ),
        StoreError::BadUrl(u) => fail(
            exit::USAGE,
            "usage",
            fill(lang, i18n::E_DB_URL, &[("url", &u)]),
        ),
        StoreError::CannotCreate { path, source } => Failure {
            exit: exit::STORE,
            code: "store-cannot-create",
            ..io_failure(lang, i18n::E_DB_CREATE, &[("path", &clean(&path))], &source)
        },
        StoreError::CannotOpen { path, source } => Failure {
            exit: exit::STORE,
            code: "store-cannot-open",
            ..io_failure(
                lang,
                i18n::E_DB_OPEN_PATH,
                &[("path", &clean(&path))],
                &source,
            )
        },
        StoreError::Tls(e) => tls_failure(lang, e),
        StoreError::Sqlite(e) => database(lang, sqlite_kind(&e), &e.to_string()),
        StoreError::Postgres(e) => database(lang, postgres_kind(&e), &postgres_text(&e)),
        StoreError::Corrupt(text) => database(lang, ("store-data", i18n::E_DB_DATA), &text),
        other => database(lang, ("store", i18n::E_DB_OTHER), &other.to_string()),
    }
}

/// A database error of a kind (its code and plain words), with the
/// database's own `text` in English and in `--json` only. Exit 3.
fn database(lang: Language, (code, words): (&'static str, Text), text: &str) -> Failure {
    let text = clean(text).into_owned();
    let message = match lang {
        Language::Nl => words.nl.to_owned(),
        Language::En => format!("{} (The database said: {text}.)", words.en),
    };
    Failure {
        exit: exit::STORE,
        code,
        message,
        os_error: None,
        db_error: Some(text),
    }
}

/// The kind of an SQLite error.
fn sqlite_kind(e: &rusqlite::Error) -> (&'static str, Text) {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::CannotOpen) => ("store-cannot-open", i18n::E_DB_CANNOT_OPEN),
        Some(C::PermissionDenied | C::AuthorizationForStatementDenied) => {
            ("store-permission", i18n::E_DB_PERMISSION)
        }
        Some(C::DatabaseBusy | C::DatabaseLocked | C::FileLockingProtocolFailed) => {
            ("store-busy", i18n::E_DB_BUSY)
        }
        Some(C::ReadOnly) => ("store-read-only", i18n::E_DB_READ_ONLY),
        Some(C::DiskFull) => ("store-full", i18n::E_DB_FULL),
        Some(C::SystemIoFailure) => ("store-io", i18n::E_DB_IO),
        Some(C::DatabaseCorrupt) => ("store-damaged", i18n::E_DB_DAMAGED),
        Some(C::NotADatabase) => ("store-not-a-database", i18n::E_DB_NOT_A_DATABASE),
        _ => ("store", i18n::E_DB_OTHER),
    }
}

/// The kind of a PostgreSQL error: by its SQLSTATE when the server
/// answered, else by how the connection failed.
fn postgres_kind(e: &postgres::Error) -> (&'static str, Text) {
    let Some(state) = e.code() else {
        let io = std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>());
        return if io || e.is_closed() {
            ("store-unreachable", i18n::E_DB_UNREACHABLE)
        } else {
            ("store", i18n::E_DB_OTHER)
        };
    };
    match state.code() {
        // 28: invalid authorization (a wrong password, an unknown user).
        c if c.starts_with("28") => ("store-login", i18n::E_DB_LOGIN),
        "3D000" => ("store-no-database", i18n::E_DB_NO_DATABASE),
        "42501" => ("store-permission", i18n::E_DB_PERMISSION),
        "25006" => ("store-read-only", i18n::E_DB_READ_ONLY),
        "53100" => ("store-full", i18n::E_DB_FULL),
        "58030" => ("store-io", i18n::E_DB_IO),
        "XX001" | "XX002" => ("store-damaged", i18n::E_DB_DAMAGED),
        // Too many connections, starting up, shutting down.
        "53300" | "57P03" => ("store-busy", i18n::E_DB_BUSY),
        c if c.starts_with("08") || c.starts_with("57P") => {
            ("store-unreachable", i18n::E_DB_UNREACHABLE)
        }
        _ => ("store", i18n::E_DB_OTHER),
    }
}

/// PostgreSQL's own words: the server's message if it answered, else the
/// driver's with its cause.
fn postgres_text(e: &postgres::Error) -> String {
    match (e.as_db_error(), std::error::Error::source(e)) {
        (Some(db), _) => format!("{}: {}", db.code().code(), db.message()),
        (None, Some(cause)) => format!("{e}: {cause}"),
        (None, None) => e.to_string(),
    }
}

/// A connection that could not be made as safe as the URL asks, or TLS
/// settings that cannot be used.
fn tls_failure(lang: Language, e: TlsError) -> Failure {
    match e {
        TlsError::UnknownMode(mode) => fail(
            exit::USAGE,
            "usage",
            fill(lang, i18n::E_TLS_MODE, &[("mode", &mode)]),
        ),
        TlsError::SystemNeedsVerifyFull(mode) => fail(
            exit::USAGE,
            "usage",
            fill(lang, i18n::E_TLS_SYSTEM_MODE, &[("mode", mode.as_str())]),
        ),
        TlsError::RootCertUnreadable {
            path,
            reason,
            problem,
        } => {
            let said = match lang {
                Language::Nl => problem.text().nl.to_owned(),
                Language::En => reason.clone(),
            };
            Failure {
                exit: exit::IO,
                code: "tls-root-cert",
                message: fill(
                    lang,
                    i18n::E_TLS_ROOT_UNREADABLE,
                    &[("path", &path), ("err", &said)],
                ),
                os_error: Some(reason),
                db_error: None,
            }
        }
        TlsError::RootCertInvalid { path, reason } => {
            let said = match lang {
                Language::Nl => i18n::E_TLS_WHY_UNUSABLE.nl.to_owned(),
                Language::En => clean(&reason).into_owned(),
            };
            fail(
                exit::IO,
                "tls-root-cert",
                fill(
                    lang,
                    i18n::E_TLS_ROOT_INVALID,
                    &[("path", &path), ("err", &said)],
                ),
            )
        }
        TlsError::NoSystemRoots => fail(
            exit::STORE,
            "tls-root-cert",
            i18n::E_TLS_NO_SYSTEM_ROOTS.get(lang).into(),
        ),
        TlsError::ServerWithoutTls { host, mode } => fail(
            exit::STORE,
            "tls-unavailable",
            fill(
                lang,
                i18n::E_TLS_UNAVAILABLE,
                &[("host", &host), ("mode", mode.as_str())],
            ),
        ),
        TlsError::Certificate { host, problem } => {
            let why = match &problem {
                CertProblem::UnknownIssuer => i18n::E_TLS_WHY_ISSUER.get(lang).to_owned(),
                CertProblem::Expired => i18n::E_TLS_WHY_EXPIRED.get(lang).to_owned(),
                CertProblem::NotYetValid => i18n::E_TLS_WHY_NOT_YET.get(lang).to_owned(),
                // rustls' own words, in English only.
                other => match lang {
                    Language::Nl => i18n::E_TLS_WHY_OTHER.nl.to_owned(),
                    Language::En => clean(&other.to_string()).into_owned(),
                },
            };
            fail(
                exit::STORE,
                "tls-certificate",
                fill(
                    lang,
                    i18n::E_TLS_CERTIFICATE,
                    &[("host", &host), ("why", &why)],
                ),
            )
        }
        TlsError::HostName { host } => fail(
            exit::STORE,
            "tls-host-name",
            fill(lang, i18n::E_TLS_HOST_NAME, &[("host", &host)]),
        ),
        other => database(lang, ("store", i18n::E_DB_OTHER), &other.to_string()),
    }
}
