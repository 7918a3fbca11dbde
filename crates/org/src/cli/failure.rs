//! What went wrong, for a person: an exit code, a stable code and a
//! sentence in their language. The errors of the store, of TLS and of the
//! operating system become failures here, in one place for every command.

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
}

pub fn fail(exit: u8, code: &'static str, message: String) -> Failure {
    Failure {
        exit,
        code,
        message,
        os_error: None,
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
        other => fail(
            exit::STORE,
            "store",
            fill(lang, i18n::E_STORE, &[("err", &other.to_string())]),
        ),
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
            }
        }
        TlsError::RootCertInvalid { path, reason } => fail(
            exit::IO,
            "tls-root-cert",
            fill(
                lang,
                i18n::E_TLS_ROOT_INVALID,
                &[("path", &path), ("err", &reason)],
            ),
        ),
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
                CertProblem::Other(s) => s.clone(),
                other => format!("{other:?}"),
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
        other => fail(
            exit::STORE,
            "store",
            fill(lang, i18n::E_STORE, &[("err", &clean(&other.to_string()))]),
        ),
    }
}
