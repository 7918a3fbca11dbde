//! The commands, one module per group. Each takes the context and its
//! arguments, does its work through regie-vault, and prints through
//! [`crate::output::Out`].

pub mod contact;
pub mod decide;
pub mod demo;
pub mod history;
pub mod init;
pub mod maintain;
pub mod orgs;
pub mod prefs;
pub mod sensitive;

use regie_model::catalogue::{DPV_NS, PD_NS};

use crate::args::Command;
use crate::context::Ctx;
use crate::exit::{CliError, Result};
use crate::i18n;

/// Runs one command.
pub fn run(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Init { passphrase } => init::run(ctx, passphrase),
        Command::Demo => demo::run(ctx),
        Command::Orgs => orgs::overview(ctx),
        Command::Show { org } => orgs::show(ctx, &org),
        Command::Org(c) => orgs::org(ctx, c),
        Command::Holding(c) => orgs::holding(ctx, c),
        Command::Consent {
            org,
            purpose,
            action,
            category,
        } => decide::consent(ctx, &org, &purpose, action, category.as_deref()),
        Command::Object {
            org,
            purpose,
            category,
            withdraw,
        } => decide::object(ctx, &org, &purpose, category.as_deref(), withdraw),
        Command::Contact(a) => contact::run(ctx, a),
        Command::QuietHours {
            org,
            from,
            to,
            tz,
            off,
        } => contact::quiet_hours(ctx, &org, from.as_deref(), to.as_deref(), &tz, off),
        Command::Sensitive { category, off } => sensitive::run(ctx, &category, off),
        Command::History { org } => history::run(ctx, org.as_deref()),
        Command::Check => maintain::check(ctx),
        Command::Backup { file } => maintain::backup(ctx, &file),
        Command::Restore {
            recovery_code_stdin,
            from,
            passphrase,
        } => maintain::restore(ctx, recovery_code_stdin, from.as_deref(), passphrase),
        Command::Import { file } => orgs::import_declaration(ctx, &file),
        Command::Prefs(c) => prefs::run(ctx, c),
    }
}

/// A DPV term as typed by a person: `prefix:Name`, the full IRI, or the bare
/// `Name`. Returns the compact form.
fn dpv_term(given: &str, prefix: &str, ns: &str, bad: regie_model::Text) -> Result<String> {
    let given = given.trim();
    let name = if let Some(rest) = given.strip_prefix(ns) {
        rest
    } else if let Some(rest) = given.strip_prefix(prefix) {
        rest
    } else {
        given
    };
    let ok = !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(format!("{prefix}{name}"))
    } else {
        Err(CliError::invalid(bad, given))
    }
}

/// A purpose: `dpv:DirectMarketing`, its IRI, or `DirectMarketing`.
pub fn purpose(given: &str) -> Result<String> {
    dpv_term(given, "dpv:", DPV_NS, i18n::BAD_PURPOSE)
}

/// A data category: `pd:Financial`, its IRI, or `Financial`.
pub fn category(given: &str) -> Result<String> {
    dpv_term(given, "pd:", PD_NS, i18n::BAD_CATEGORY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_accept_compact_full_and_bare_names() {
        for p in [
            "dpv:DirectMarketing",
            "https://w3id.org/dpv#DirectMarketing",
            "DirectMarketing",
        ] {
            assert_eq!(purpose(p).unwrap(), "dpv:DirectMarketing");
        }
        assert!(purpose("pd:Financial").is_err());
        assert!(purpose("").is_err());
        assert_eq!(category("Health").unwrap(), "pd:Health");
    }
}
