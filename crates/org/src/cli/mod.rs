//! The command line: [`args`] declares it, [`help`] says it in Dutch and
//! English, [`commands`] runs it (one module per group of commands), and
//! [`failure`] turns what went wrong into a sentence and an exit code
//! ([`exit`]). Each command prints for a person (Dutch or English) or,
//! with `--json`, for a program.

pub mod args;
mod commands;
pub mod exit;
mod failure;
pub mod help;

use regie_model::Language;
use regie_org::i18n;
use serde_json::json;

use args::Cli;

/// Runs the command in `lang` (chosen before parsing, see
/// [`regie_cli_text::language`]) and returns the exit code.
pub fn run(cli: Cli, lang: Language) -> u8 {
    match commands::run(&cli, lang) {
        Ok(code) => code,
        Err(f) => {
            if cli.json {
                let mut error = json!({"code": f.code, "message": f.message});
                if let Some(os) = &f.os_error {
                    error["os_error"] = os.as_str().into();
                }
                if let Some(db) = &f.db_error {
                    error["db_error"] = db.as_str().into();
                }
                eprintln!("{}", json!({ "error": error }));
            } else {
                eprintln!("{}: {}", i18n::ERROR.get(lang), f.message);
            }
            f.exit
        }
    }
}
