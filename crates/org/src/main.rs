//! `regie-org`: choose the language, parse the command line (help and
//! usage errors in that language), run the command, map the result to an
//! exit code (see [`cli::exit`]). A panic is caught here: logged without
//! personal data (`regie_cli_text::crash`), told in the chosen language,
//! exit 70.

mod cli;

fn main() -> std::process::ExitCode {
    use clap::CommandFactory;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = regie_cli_text::language(&args, |k| std::env::var(k).ok());
    let parsed = regie_cli_text::parse::<cli::args::Cli>(
        cli::args::Cli::command(),
        &cli::help::HELP,
        args,
        lang,
    );
    let args = match parsed {
        Ok(args) => args,
        Err(stop) => return std::process::ExitCode::from(stop.print()),
    };
    regie_cli_text::crash::install(regie_cli_text::crash::Report {
        program: "regie-org",
        version: env!("CARGO_PKG_VERSION"),
        lang,
        json: args.json,
    });
    // The hook has said what happened; here only the exit code is chosen.
    let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cli::run(args, lang)))
        .unwrap_or(cli::exit::FAULT);
    std::process::ExitCode::from(code)
}
