//! `regie`: the person's vault from a terminal.
//!
//! `main` chooses the language, parses the command line (help and usage
//! errors in that language, see [`help`]), runs the command and maps the
//! result to an exit code; the commands live in [`commands`], one module
//! per group.
//!
//! Exit codes (also in `regie --help`, and in the README): 0 ok, 1 other
//! error, 2 usage, 3 no vault, 4 vault in use, 5 key problem, 6 vault
//! damaged (proven), 7 not allowed, 8 unknown organisation or holding, 9
//! invalid input, 10 file rejected, 11 key missing, 12 not a vault, 13 no
//! permission or read-only, 14 a file could not be read or written, 15
//! vault too new, 16 not delivered, 17 link code refused, 70 a fault in
//! `regie` itself. See [`exit`].
//!
//! A panic is a fault in `regie`, never the person's: it is caught here,
//! logged without personal data (`regie_cli_text::crash`) and told in the
//! person's language with where the log is (exit 70).

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
    regie_cli_text::crash::install(regie_cli_text::crash::Report {
        program: "regie",
        version: env!("CARGO_PKG_VERSION"),
        lang,
        json: ctx.out.json,
    });
    // The hook has said what happened; here only the exit code is chosen.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        panic_for_tests();
        commands::run(&ctx, cli.command)
    }));
    match outcome {
        Ok(Ok(())) => ExitCode::from(exit::OK),
        Ok(Err(e)) => {
            ctx.out.error(&e);
            ExitCode::from(e.exit_code())
        }
        Err(_) => ExitCode::from(exit::INTERNAL),
    }
}

/// A debug build panics on purpose when `REGIE_PANIC_FOR_TESTS` is set, so
/// that the tests can see what a person sees when `regie` has a fault. A
/// release build has no such switch.
fn panic_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(v) = std::env::var_os("REGIE_PANIC_FOR_TESTS") {
        panic!("a panic on purpose, with a value that must not be logged: {v:?}");
    }
}
