//! The commands, one module per group, as `regie`'s are: setting up
//! ([`setup`]: `init`, `enrol`), [`import`], the checks ([`check`]:
//! `check`, `check-use`, `record-send`), [`suppressions`], [`history`] and
//! [`serve`] (with `token`). Each reads its arguments, calls the library
//! and prints; the helpers they share are here.
//!
//! A command that fails changes nothing: it checks what it was given
//! before it opens the database, only `init` creates a database (every
//! other command opens one that is set up, see [`open`]), and each write
//! is one transaction.

mod check;
mod deliver;
mod history;
mod import;
mod serve;
mod setup;
mod suppressions;

use std::io::Write;

use chrono::{DateTime, Utc};
use regie_model::Language;
use regie_org::check::within_window;
use regie_org::i18n::{self, fill};
use regie_org::server::{parse_at, parse_category, parse_purpose};
use regie_org::text::clean;
use regie_org::{Org, StoreError};

use super::args::{Cli, Command};
use super::exit;
use super::failure::{fail, store_failure, Failure};

/// Runs the command; the exit code, or what went wrong.
pub fn run(cli: &Cli, lang: Language) -> Result<u8, Failure> {
    let out = &mut std::io::stdout().lock();
    match &cli.command {
        Command::Init {
            org,
            name,
            tofu,
            default,
        } => setup::init(cli, lang, out, org, name, *tofu, *default),
        Command::Enrol { customer, did } => setup::enrol(cli, lang, out, customer, did),
        Command::Import { paths, threads } => import::run(cli, lang, out, paths, *threads),
        Command::Check(m) => check::check(cli, lang, out, m),
        Command::CheckUse {
            customer,
            purpose,
            category,
        } => check::check_use(cli, lang, out, customer, purpose, category.as_deref()),
        Command::RecordSend(m) => check::record_send(cli, lang, out, m),
        Command::Suppressions {
            channel,
            kind,
            at,
            format,
            purpose,
            category,
        } => suppressions::run(
            cli,
            lang,
            out,
            suppressions::Which {
                channel: *channel,
                kind: *kind,
                at: at.as_deref(),
                purpose: purpose.as_deref(),
                category: category.as_deref(),
            },
            *format,
        ),
        Command::History { customer } => history::run(cli, lang, out, customer.as_deref()),
        Command::Serve {
            listen,
            token_file,
            max_connections,
            key_file,
            declaration,
            tls_cert,
            tls_key,
            inbox_rate_per_address,
            inbox_rate_per_key,
            log_format,
            no_metrics,
            metrics_token_file,
        } => serve::run(
            cli,
            lang,
            listen,
            token_file,
            *max_connections,
            &serve::Delivery {
                key_file: key_file.as_deref(),
                declaration: declaration.as_deref(),
                tls: tls_cert.as_deref().zip(tls_key.as_deref()),
                per_address: *inbox_rate_per_address,
                per_key: *inbox_rate_per_key,
            },
            &serve::Running {
                json_log: matches!(log_format, super::args::LogFormat::Json),
                metrics: !*no_metrics,
                metrics_token_file: metrics_token_file.as_deref(),
            },
        ),
        Command::Token { out: path } => serve::token(cli, lang, out, path),
        Command::Key { out: path } => deliver::key(cli, lang, out, path),
        Command::Declaration {
            from,
            inbox,
            key_file,
            previous_key_file,
            out: path,
        } => deliver::declaration(
            cli,
            lang,
            out,
            deliver::DeclarationArgs {
                from,
                inbox,
                key_file,
                previous_key_file: previous_key_file.as_deref(),
                out: path,
            },
        ),
        Command::Link {
            customer,
            valid,
            replace_key,
        } => deliver::link(cli, lang, out, customer, valid, *replace_key),
    }
}

/// Opens the organisation of `--db`, which `init` set up. A database that
/// is not there (or not set up) is not created: "not set up", exit 4.
fn open(cli: &Cli, lang: Language) -> Result<Org, Failure> {
    Org::open_url(&cli.db).map_err(|e| match e {
        StoreError::NotInitialised => fail(
            exit::SETUP,
            "not-initialised",
            fill(
                lang,
                i18n::E_NOT_SET_UP_AT,
                &[("db", &clean(&regie_org::store::tls::redact(&cli.db)))],
            ),
        ),
        e => store_failure(lang, e),
    })
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

/// Prints an answer to "may I?" (with `--json`: `facts` plus `allowed` and
/// `reason`; else the verdict word, `no` when not allowed, the code and
/// the reason) and returns the exit code: 0 allowed, 1 not.
fn print_verdict(
    out: &mut impl Write,
    json: bool,
    lang: Language,
    no: regie_model::Text,
    d: &impl regie_org::check::Verdict,
    facts: serde_json::Value,
) -> u8 {
    if json {
        let _ = writeln!(out, "{}", d.to_json(facts, lang));
    } else {
        let word = if d.allowed() { i18n::ALLOWED } else { no };
        let _ = writeln!(
            out,
            "{} ({}): {}",
            word.get(lang),
            d.code(),
            d.message(lang)
        );
    }
    if d.allowed() {
        exit::OK
    } else {
        exit::REJECTED
    }
}
