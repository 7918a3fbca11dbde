//! `regie`: the person's vault from a terminal.
//!
//! `main` parses the command line, runs the command and maps the result to
//! an exit code; the commands live in [`commands`], one module per group.
//!
//! Exit codes (also in `regie --help`):
//! 0 ok, 1 other error, 2 usage, 3 vault not found, 4 vault in use,
//! 5 key problem, 6 vault damaged, 7 not allowed, 8 unknown organisation or
//! holding, 9 invalid input. See [`exit`] for the details.
#![forbid(unsafe_code)]

mod args;
mod commands;
mod context;
mod exit;
mod i18n;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version are printed by clap and exit 0; everything
            // else is a usage error (2).
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let ctx = context::Ctx::new(&cli);
    match commands::run(&ctx, cli.command) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) => {
            ctx.out.error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}
