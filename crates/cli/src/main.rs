//! `regie`: the person's vault from a terminal.
//!
//! `main` chooses the language, parses the command line (help and usage
//! errors in that language, see [`help`]), runs the command and maps the
//! result to an exit code; the commands live in [`commands`], one module
//! per group.
//!
//! Exit codes (also in `regie --help`):
//! 0 ok, 1 other error, 2 usage, 3 vault not found, 4 vault in use,
//! 5 key problem, 6 vault damaged, 7 not allowed, 8 unknown organisation or
//! holding, 9 invalid input. See [`exit`] for the details.

mod args;
mod commands;
mod context;
mod exit;
mod help;
mod i18n;
mod output;

use std::process::ExitCode;

use clap::CommandFactory;
use regie_model::Language;

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = regie_cli_text::language(&argv, |k| std::env::var(k).ok());
    let mut cli =
        match regie_cli_text::parse::<args::Cli>(args::Cli::command(), &help::HELP, argv, lang) {
            Ok(cli) => cli,
            Err(stop) => return ExitCode::from(stop.print()),
        };
    // The commands speak the language chosen for the command line.
    cli.lang = Some(match lang {
        Language::Nl => args::Lang::Nl,
        Language::En => args::Lang::En,
    });
    let ctx = context::Ctx::new(&cli);
    match commands::run(&ctx, cli.command) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) => {
            ctx.out.error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}
