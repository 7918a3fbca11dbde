//! The commands: each reads its arguments, calls the library and prints
//! for a person (Dutch or English) or, with `--json`, for a program.

pub mod args;
pub mod exit;

use std::io::Write;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use regie_model::{Channel, Language, MessageKind, OrgId};
use regie_org::check::{within_window, Sent};
use regie_org::i18n::{self, fill};
use regie_org::server::{parse_at, parse_category, parse_channel, parse_kind, parse_purpose};
use regie_org::store::tls::{CertProblem, TlsError};
use regie_org::store::{self, OrgConfig, StoreError};
use regie_org::text::clean;
use regie_org::{reject_text, ImportOptions, Org, Outcome};
use serde_json::json;

use args::{Cli, Command, Format, Lang};

/// An error a person can act on, with its exit code and stable code.
struct Failure {
    exit: u8,
    code: &'static str,
    message: String,
}

fn fail(exit: u8, code: &'static str, message: String) -> Failure {
    Failure {
        exit,
        code,
        message,
    }
}

fn store_failure(lang: Language, e: StoreError) -> Failure {
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
        TlsError::RootCertUnreadable { path, reason } => fail(
            exit::IO,
            "tls-root-cert",
            fill(
                lang,
                i18n::E_TLS_ROOT_UNREADABLE,
                &[("path", &path), ("err", &reason)],
            ),
        ),
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

fn language(flag: Option<Lang>) -> Language {
    match flag {
        Some(Lang::Nl) => return Language::Nl,
        Some(Lang::En) => return Language::En,
        None => {}
    }
    let env = std::env::var("REGIE_LANG")
        .or_else(|_| std::env::var("LC_ALL"))
        .or_else(|_| std::env::var("LANG"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    if env.starts_with("en") {
        Language::En
    } else {
        Language::Nl
    }
}

/// Runs the command and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let lang = language(cli.lang);
    let json = cli.json;
    match dispatch(&cli, lang) {
        Ok(code) => code,
        Err(f) => {
            if json {
                eprintln!(
                    "{}",
                    json!({"error": {"code": f.code, "message": f.message}})
                );
            } else {
                eprintln!("{}: {}", i18n::ERROR.get(lang), f.message);
            }
            f.exit
        }
    }
}

fn open(cli: &Cli, lang: Language) -> Result<Org, Failure> {
    Org::open_url(&cli.db).map_err(|e| store_failure(lang, e))
}

fn channel_kind(
    lang: Language,
    channel: &str,
    kind: &str,
) -> Result<(Channel, MessageKind), Failure> {
    let bad = |what: String| {
        fail(
            exit::INVALID,
            "invalid-input",
            fill(lang, i18n::H_BAD_REQUEST, &[("err", &what)]),
        )
    };
    let c = parse_channel(channel).ok_or_else(|| bad(format!("channel '{}'", clean(channel))))?;
    let k = parse_kind(kind).ok_or_else(|| bad(format!("kind '{}'", clean(kind))))?;
    Ok((c, k))
}

/// The time a check or a send is about: now, or a time within
/// [`regie_org::check::WINDOW`] of now.
fn time(lang: Language, at: Option<&str>) -> Result<DateTime<Utc>, Failure> {
    let now = Utc::now();
    let Some(s) = at else {
        return Ok(now);
    };
    let invalid = |t| {
        fail(
            exit::INVALID,
            "invalid-input",
            fill(lang, t, &[("value", &clean(s))]),
        )
    };
    let t = parse_at(s).ok_or_else(|| invalid(i18n::E_BAD_TIME))?;
    if !within_window(t, now) {
        return Err(invalid(i18n::E_AT_WINDOW));
    }
    Ok(t)
}

/// A purpose and an optional data category from the command line.
fn purpose_category(
    lang: Language,
    purpose: &str,
    category: Option<&str>,
) -> Result<(regie_prefs::Purpose, Option<regie_prefs::DataCategory>), Failure> {
    let invalid = |t, v: &str| {
        fail(
            exit::INVALID,
            "invalid-input",
            fill(lang, t, &[("value", &clean(v))]),
        )
    };
    let p = parse_purpose(purpose).ok_or_else(|| invalid(i18n::E_BAD_PURPOSE, purpose))?;
    let c = match category {
        None => None,
        Some(c) => Some(parse_category(c).ok_or_else(|| invalid(i18n::E_BAD_CATEGORY, c))?),
    };
    Ok((p, c))
}

/// The answer to a check of a message or of a use of data.
struct Verdict {
    allowed: bool,
    /// The word for "no".
    no: regie_model::Text,
    code: &'static str,
    message: String,
}

impl Verdict {
    /// Prints it (with `--json`: `fields` plus `allowed` and `reason`) and
    /// returns the exit code: 0 allowed, 1 not.
    fn print(
        self,
        out: &mut impl Write,
        json: bool,
        lang: Language,
        mut fields: serde_json::Value,
    ) -> u8 {
        if json {
            fields["allowed"] = self.allowed.into();
            fields["reason"] = json!({"code": self.code, "message": self.message});
            let _ = writeln!(out, "{fields}");
        } else {
            let word = if self.allowed { i18n::ALLOWED } else { self.no };
            let _ = writeln!(out, "{} ({}): {}", word.get(lang), self.code, self.message);
        }
        if self.allowed {
            exit::OK
        } else {
            exit::REJECTED
        }
    }
}

fn outcome_word(lang: Language, o: &Outcome) -> &'static str {
    match o {
        Outcome::Accepted { .. } => i18n::I_ACCEPTED.get(lang),
        Outcome::AlreadyImported { .. } => i18n::I_ALREADY.get(lang),
        Outcome::Rejected { .. } => i18n::I_REJECTED.get(lang),
    }
}

fn dispatch(cli: &Cli, lang: Language) -> Result<u8, Failure> {
    let mut out = std::io::stdout().lock();
    match &cli.command {
        Command::Init {
            org,
            name,
            tofu,
            default,
        } => {
            let id = OrgId::parse(org).map_err(|e| {
                fail(
                    exit::INVALID,
                    "invalid-input",
                    fill(
                        lang,
                        i18n::E_BAD_ORG,
                        &[("value", org), ("err", &e.to_string())],
                    ),
                )
            })?;
            let s = store::open(&cli.db).map_err(|e| store_failure(lang, e))?;
            let config = OrgConfig {
                id,
                name: name.clone(),
                default: *default,
                tofu: *tofu,
            };
            s.init(&config, Utc::now())
                .map_err(|e| store_failure(lang, e))?;
            if cli.json {
                let _ = writeln!(
                    out,
                    "{}",
                    json!({"org": org, "name": name, "tofu": tofu, "default": default})
                );
            } else {
                let _ = writeln!(
                    out,
                    "{}",
                    fill(
                        lang,
                        i18n::INITIALISED,
                        &[
                            ("org", org),
                            ("name", name),
                            ("db", &store::tls::redact(&cli.db))
                        ]
                    )
                );
            }
            Ok(exit::OK)
        }
        Command::Enrol { customer, did } => {
            let org = open(cli, lang)?;
            regie_prefs::DidKey::parse(did).map_err(|e| {
                fail(
                    exit::INVALID,
                    "invalid-input",
                    fill(
                        lang,
                        i18n::E_BAD_DID,
                        &[("did", did), ("err", &e.to_string())],
                    ),
                )
            })?;
            org.store()
                .enrol(&[(customer.clone(), did.clone())], Utc::now())
                .map_err(|e| store_failure(lang, e))?;
            if cli.json {
                let _ = writeln!(out, "{}", json!({"customer": customer, "did": did}));
            } else {
                let _ = writeln!(
                    out,
                    "{}",
                    fill(
                        lang,
                        i18n::ENROLLED,
                        &[("customer", customer), ("did", did)]
                    )
                );
            }
            Ok(exit::OK)
        }
        Command::Import { paths, threads } => {
            let org = open(cli, lang)?;
            let mut options = ImportOptions::default();
            if let Some(t) = threads {
                options.threads = (*t).max(1);
            }
            let report = org
                .import_paths(paths, options)
                .map_err(|e| store_failure(lang, e))?;
            if cli.json {
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&report).unwrap_or_default()
                );
            } else {
                for f in &report.files {
                    let detail = match &f.outcome {
                        Outcome::Accepted {
                            customer,
                            sequence,
                            rotation,
                            ..
                        } => fill(
                            lang,
                            if *rotation {
                                i18n::I_ROTATED_DETAIL
                            } else {
                                i18n::I_ACCEPTED_DETAIL
                            },
                            &[
                                ("customer", &clean(customer)),
                                ("seq", &sequence.to_string()),
                            ],
                        ),
                        Outcome::AlreadyImported { .. } => i18n::I_ALREADY_DETAIL.get(lang).into(),
                        Outcome::Rejected { code, message, .. } => {
                            format!("({code}) {}", reject_text(lang, code, message))
                        }
                    };
                    let _ = writeln!(
                        out,
                        "{}: {} - {}",
                        clean(&f.source),
                        outcome_word(lang, &f.outcome),
                        clean(&detail)
                    );
                }
                let _ = writeln!(
                    out,
                    "{}",
                    fill(
                        lang,
                        i18n::I_SUMMARY,
                        &[
                            ("files", &report.files.len().to_string()),
                            ("accepted", &report.accepted.to_string()),
                            ("already", &report.already_imported.to_string()),
                            ("rejected", &report.rejected.to_string()),
                        ]
                    )
                );
            }
            Ok(if report.rejected == 0 {
                exit::OK
            } else {
                exit::REJECTED
            })
        }
        Command::Check {
            customer,
            channel,
            kind,
            at,
        } => {
            let (c, k) = channel_kind(lang, channel, kind)?;
            let at = time(lang, at.as_deref())?;
            let org = open(cli, lang)?;
            let d = org.check(customer, c, k, at);
            let fields = json!({"customer": customer, "channel": c, "kind": k,
                                "at": store::fmt_time(at)});
            let verdict = Verdict {
                allowed: d.allowed,
                no: i18n::BLOCKED,
                code: d.reason.code(),
                message: d.reason.message(lang),
            };
            Ok(verdict.print(&mut out, cli.json, lang, fields))
        }
        Command::CheckUse {
            customer,
            purpose,
            category,
        } => {
            let (p, c) = purpose_category(lang, purpose, category.as_deref())?;
            let org = open(cli, lang)?;
            let d = org.check_use(customer, &p, c.as_ref());
            let fields = json!({"customer": customer, "purpose": p.iri(),
                                "category": c.as_ref().map(|c| c.iri())});
            let verdict = Verdict {
                allowed: d.allowed,
                no: i18n::BLOCKED_USE,
                code: d.reason.code(),
                message: d.reason.message(lang),
            };
            Ok(verdict.print(&mut out, cli.json, lang, fields))
        }
        Command::RecordSend {
            customer,
            channel,
            kind,
            at,
        } => {
            let (c, k) = channel_kind(lang, channel, kind)?;
            let at = time(lang, at.as_deref())?;
            let org = open(cli, lang)?;
            if !org
                .store()
                .has_customer(customer)
                .map_err(|e| store_failure(lang, e))?
            {
                return Err(fail(
                    exit::INVALID,
                    "unknown-customer",
                    fill(
                        lang,
                        i18n::E_UNKNOWN_CUSTOMER,
                        &[("customer", &clean(customer))],
                    ),
                ));
            }
            org.record_send(
                customer,
                Sent {
                    at,
                    channel: c,
                    kind: k,
                },
            )
            .map_err(|e| store_failure(lang, e))?;
            if cli.json {
                let _ = writeln!(out, "{}", json!({"recorded": true}));
            } else {
                let _ = writeln!(out, "{}", i18n::RECORDED_SEND.get(lang));
            }
            Ok(exit::OK)
        }
        Command::Suppressions {
            channel,
            kind,
            at,
            format,
            purpose,
            category,
        } => {
            // Each listed customer with the reason's code and sentence.
            let list: Vec<(String, &'static str, String)> = match (purpose, channel, kind) {
                (Some(purpose), _, _) => {
                    let (p, c) = purpose_category(lang, purpose, category.as_deref())?;
                    let org = open(cli, lang)?;
                    org.warm(Utc::now()).map_err(|e| store_failure(lang, e))?;
                    org.use_suppressions(&p, c.as_ref())
                        .map_err(|e| store_failure(lang, e))?
                        .into_iter()
                        .map(|(c, d)| (c, d.reason.code(), d.reason.message(lang)))
                        .collect()
                }
                (None, Some(channel), Some(kind)) => {
                    let (c, k) = channel_kind(lang, channel, kind)?;
                    let at = time(lang, at.as_deref())?;
                    let org = open(cli, lang)?;
                    org.warm(at).map_err(|e| store_failure(lang, e))?;
                    org.suppressions(c, k, at)
                        .map_err(|e| store_failure(lang, e))?
                        .into_iter()
                        .map(|(c, d)| (c, d.reason.code(), d.reason.message(lang)))
                        .collect()
                }
                // clap requires a purpose, or a channel with a kind.
                _ => return Ok(exit::USAGE),
            };
            match format {
                Format::Csv => {
                    let _ = writeln!(out, "customer,reason");
                    for (customer, code, _) in &list {
                        let _ = writeln!(out, "{},{}", csv_field(&clean(customer)), code);
                    }
                }
                Format::Jsonl => {
                    for (customer, code, message) in &list {
                        let _ = writeln!(
                            out,
                            "{}",
                            json!({"customer": customer, "reason": code, "message": message})
                        );
                    }
                }
            }
            Ok(exit::OK)
        }
        Command::History { customer } => {
            let org = open(cli, lang)?;
            let rows = org
                .store()
                .history(customer.as_deref())
                .map_err(|e| store_failure(lang, e))?;
            if cli.json {
                for r in &rows {
                    let _ = writeln!(out, "{}", serde_json::to_string(r).unwrap_or_default());
                }
            } else if rows.is_empty() {
                let _ = writeln!(out, "{}", i18n::HISTORY_EMPTY.get(lang));
            } else {
                for r in &rows {
                    let word = if r.outcome == "accepted" {
                        i18n::I_ACCEPTED
                    } else {
                        i18n::I_REJECTED
                    };
                    let seq = r.sequence.map(|s| format!(" #{s}")).unwrap_or_default();
                    let mut line = format!(
                        "{} {} {}{} {} {}",
                        store::fmt_time(r.at),
                        clean(r.customer.as_deref().unwrap_or("-")),
                        word.get(lang),
                        seq,
                        clean(&r.source),
                        clean(r.sha256.get(..12).unwrap_or(&r.sha256))
                    );
                    if let (Some(code), Some(msg)) = (&r.code, &r.message) {
                        line.push_str(&format!(
                            " ({}) {}",
                            clean(code),
                            reject_text(lang, code, msg)
                        ));
                    }
                    let _ = writeln!(out, "{line}");
                }
            }
            Ok(exit::OK)
        }
        Command::Serve {
            listen,
            token_file,
            max_connections,
        } => {
            let token = std::fs::read_to_string(token_file)
                .ok()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .ok_or_else(|| {
                    fail(
                        exit::IO,
                        "io",
                        fill(
                            lang,
                            i18n::E_TOKEN,
                            &[("path", &token_file.display().to_string())],
                        ),
                    )
                })?;
            let org = Arc::new(open(cli, lang)?);
            // Loads every customer and follows other processes' writes.
            org.follow().map_err(|e| store_failure(lang, e))?;
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| fail(exit::IO, "io", e.to_string()))?;
            rt.block_on(async {
                let listener = regie_org::server::bind(listen).await.map_err(|e| {
                    fail(
                        exit::IO,
                        "io",
                        fill(
                            lang,
                            i18n::E_LISTEN,
                            &[("addr", listen), ("err", &e.to_string())],
                        ),
                    )
                })?;
                let addr = listener
                    .local_addr()
                    .map(|a| a.to_string())
                    .unwrap_or_else(|_| listen.clone());
                let stop = regie_org::server::shutdown_signal();
                eprintln!("{}", fill(lang, i18n::SERVING, &[("addr", &addr)]));
                let options = regie_org::server::ServeOptions {
                    max_connections: *max_connections,
                    ..Default::default()
                };
                regie_org::server::serve_with(org, listener, &token, lang, options, stop)
                    .await
                    .map_err(|e| fail(exit::IO, "io", e.to_string()))?;
                eprintln!("{}", i18n::STOPPED.get(lang));
                Ok(exit::OK)
            })
        }
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
