//! `regie-org history`: every file received, with its reason.

use std::io::Write;

use regie_model::Language;
use regie_org::i18n;
use regie_org::store;
use regie_org::text::clean;

use super::open;
use crate::cli::args::Cli;
use crate::cli::exit;
use crate::cli::failure::{store_failure, Failure};

/// Prints the history, oldest first: a line per file, or with `--json`
/// an object per line.
pub fn run(
    cli: &Cli,
    lang: Language,
    out: &mut impl Write,
    customer: Option<&str>,
) -> Result<u8, Failure> {
    let org = open(cli, lang)?;
    let rows = org
        .store()
        .history(customer)
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
            if let Some(reason) = &r.reason {
                line.push_str(&format!(
                    " ({}) {}",
                    clean(reason.code()),
                    clean(&reason.text(lang))
                ));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    Ok(exit::OK)
}
