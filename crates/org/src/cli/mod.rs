//! The commands: each reads its arguments, calls the library and prints
//! for a person (Dutch or English) or, with `--json`, for a program.

pub mod args;
pub mod exit;

use std::io::Write;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use regie_model::{Channel, Language, MessageKind, OrgId};
use regie_org::check::Sent;
use regie_org::i18n::{self, fill};
use regie_org::server::{parse_at, parse_channel, parse_kind};
use regie_org::store::{self, OrgConfig, StoreError};
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
        StoreError::BadUrl(u) => fail(
            exit::USAGE,
            "usage",
            fill(lang, i18n::E_DB_URL, &[("url", &u)]),
        ),
        other => fail(
            exit::STORE,
            "store",
            fill(lang, i18n::E_STORE, &[("err", &other.to_string())]),
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
    let c = parse_channel(channel).ok_or_else(|| bad(format!("channel '{channel}'")))?;
    let k = parse_kind(kind).ok_or_else(|| bad(format!("kind '{kind}'")))?;
    Ok((c, k))
}

fn time(lang: Language, at: Option<&str>) -> Result<DateTime<Utc>, Failure> {
    match at {
        None => Ok(Utc::now()),
        Some(s) => parse_at(s).ok_or_else(|| {
            fail(
                exit::INVALID,
                "invalid-input",
                fill(lang, i18n::E_BAD_TIME, &[("value", s)]),
            )
        }),
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
                        &[("org", org), ("name", name), ("db", &cli.db)]
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
                            &[("customer", customer), ("seq", &sequence.to_string())],
                        ),
                        Outcome::AlreadyImported { .. } => i18n::I_ALREADY_DETAIL.get(lang).into(),
                        Outcome::Rejected { code, message, .. } => {
                            format!("({code}) {}", reject_text(lang, code, message))
                        }
                    };
                    let _ = writeln!(
                        out,
                        "{}: {} - {}",
                        f.source,
                        outcome_word(lang, &f.outcome),
                        detail
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
            if cli.json {
                let _ = writeln!(
                    out,
                    "{}",
                    json!({"customer": customer, "channel": c, "kind": k,
                           "at": store::fmt_time(at), "allowed": d.allowed,
                           "reason": {"code": d.reason.code(), "message": d.reason.message(lang)}})
                );
            } else {
                let word = if d.allowed {
                    i18n::ALLOWED
                } else {
                    i18n::BLOCKED
                };
                let _ = writeln!(
                    out,
                    "{} ({}): {}",
                    word.get(lang),
                    d.reason.code(),
                    d.reason.message(lang)
                );
            }
            Ok(if d.allowed { exit::OK } else { exit::REJECTED })
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
                    fill(lang, i18n::E_UNKNOWN_CUSTOMER, &[("customer", customer)]),
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
        } => {
            let (c, k) = channel_kind(lang, channel, kind)?;
            let at = time(lang, at.as_deref())?;
            let org = open(cli, lang)?;
            org.warm(at).map_err(|e| store_failure(lang, e))?;
            let list = org
                .suppressions(c, k, at)
                .map_err(|e| store_failure(lang, e))?;
            match format {
                Format::Csv => {
                    let _ = writeln!(out, "customer,reason");
                    for (customer, d) in &list {
                        let _ = writeln!(out, "{},{}", csv_field(customer), d.reason.code());
                    }
                }
                Format::Jsonl => {
                    for (customer, d) in &list {
                        let _ = writeln!(
                            out,
                            "{}",
                            json!({"customer": customer, "reason": d.reason.code(),
                                   "message": d.reason.message(lang)})
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
                        r.customer.as_deref().unwrap_or("-"),
                        word.get(lang),
                        seq,
                        r.source,
                        &r.sha256[..12.min(r.sha256.len())]
                    );
                    if let (Some(code), Some(msg)) = (&r.code, &r.message) {
                        line.push_str(&format!(" ({code}) {}", reject_text(lang, code, msg)));
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
            org.warm(Utc::now()).map_err(|e| store_failure(lang, e))?;
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
                eprintln!("{}", fill(lang, i18n::SERVING, &[("addr", &addr)]));
                let options = regie_org::server::ServeOptions {
                    max_connections: *max_connections,
                    ..Default::default()
                };
                regie_org::server::serve_with(
                    org,
                    listener,
                    &token,
                    lang,
                    options,
                    regie_org::server::shutdown_signal(),
                )
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
