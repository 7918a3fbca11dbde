//! The commands, one module per group. Each takes the context and its
//! arguments, does its work through regie-vault, and prints through
//! [`crate::output::Out`].

pub mod contact;
pub mod decide;
pub mod deliver;
pub mod demo;
pub mod history;
pub mod init;
pub mod maintain;
pub mod orgs;
pub mod prefs;
pub mod requests;
pub mod sensitive;

use regie_model::{DataCategory, Purpose};

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
        Command::Link { org, code } => deliver::link(ctx, &org, &code),
        Command::Send { org, all } => deliver::send(ctx, org.as_deref(), all),
        Command::Outbox => deliver::outbox(ctx),
        Command::Receipts { org } => deliver::receipts(ctx, &org),
        Command::Request(c) => request(ctx, c),
        Command::Requests => requests::list(ctx),
        Command::Directory(c) => requests::directory(ctx, c),
    }
}

fn request(ctx: &Ctx, c: crate::args::RequestCommand) -> Result<()> {
    use crate::args::RequestCommand as R;
    match c {
        R::New {
            org,
            right,
            detail,
            purpose,
            note,
        } => requests::new(ctx, &org, right, &detail, &purpose, note),
        R::Letter {
            id,
            kind,
            format,
            out,
        } => requests::letter(ctx, &id, kind, format, &out),
        R::Sent {
            id,
            on,
            via,
            delivered,
        } => requests::sent(ctx, &id, &on, via, delivered.as_deref()),
        R::Answered {
            id,
            on,
            outcome,
            file,
        } => requests::answered(ctx, &id, &on, outcome, file.as_deref()),
        R::Extended { id, on } => requests::extended(ctx, &id, &on),
    }
}

/// A purpose as a person types it: its name as `regie show` shows it
/// (in either language), `dpv:DirectMarketing`, its IRI, or
/// `DirectMarketing`. Returns the compact form the vault keeps.
pub fn purpose(given: &str) -> Result<String> {
    Purpose::parse_named(given)
        .map(|p| p.compact())
        .ok_or_else(|| CliError::invalid(i18n::BAD_PURPOSE, given.trim()))
}

/// A kind of data as a person types it: its name, `pd:Financial`, its
/// IRI, or `Financial`.
pub fn category(given: &str) -> Result<String> {
    DataCategory::parse_named(given)
        .map(|c| c.compact())
        .ok_or_else(|| CliError::invalid(i18n::BAD_CATEGORY, given.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_accept_compact_full_and_bare_names_and_labels() {
        for p in [
            "dpv:DirectMarketing",
            "https://w3id.org/dpv#DirectMarketing",
            "DirectMarketing",
            "Reclame aan u",
            "advertising to you",
        ] {
            assert_eq!(purpose(p).unwrap(), "dpv:DirectMarketing");
        }
        assert!(purpose("pd:Financial").is_err());
        assert!(purpose("").is_err());
        // The grammar is regie-model's: no underscores in a term.
        assert!(purpose("dpv:Direct_Marketing").is_err());
        assert_eq!(category("Health").unwrap(), "pd:Health");
        assert_eq!(category("Gezondheid").unwrap(), "pd:Health");
    }
}
