//! `regie-org import`: files, directories, or `-` for standard input.

use std::io::Write;
use std::path::PathBuf;

use regie_model::Language;
use regie_org::i18n::{self, fill};
use regie_org::text::clean;
use regie_org::{ImportOptions, Outcome};

use super::open;
use crate::cli::args::Cli;
use crate::cli::exit;
use crate::cli::failure::{store_failure, Failure};

fn outcome_word(lang: Language, o: &Outcome) -> &'static str {
    match o {
        Outcome::Accepted { .. } => i18n::I_ACCEPTED.get(lang),
        Outcome::AlreadyImported { .. } => i18n::I_ALREADY.get(lang),
        Outcome::Rejected { .. } => i18n::I_REJECTED.get(lang),
    }
}

/// Imports the paths: exit 0 if every file was accepted (or was before),
/// 1 if any was rejected.
pub fn run(
    cli: &Cli,
    lang: Language,
    out: &mut impl Write,
    paths: &[PathBuf],
    threads: Option<usize>,
) -> Result<u8, Failure> {
    let org = open(cli, lang)?;
    let mut options = ImportOptions::default();
    if let Some(t) = threads {
        options.threads = t.max(1);
    }
    // Each batch of files is one transaction: a failure keeps the batches
    // stored before it, and says so.
    let report = org
        .import_paths(paths, options)
        .map_err(|e| store_failure(lang, e).then(lang, i18n::E_DB_IMPORT_PARTLY))?;
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
                Outcome::Rejected { reason, .. } => {
                    format!("({}) {}", reason.code(), reason.text(lang))
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
            i18n::fill_n(
                lang,
                i18n::I_SUMMARY,
                report.files.len() as f64,
                &[
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
