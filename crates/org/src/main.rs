//! `regie-org`: choose the language, parse the command line (help and
//! usage errors in that language), run the command, map the result to an
//! exit code (see [`cli::exit`]).

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
    std::process::ExitCode::from(match parsed {
        Ok(args) => cli::run(args, lang),
        Err(stop) => stop.print(),
    })
}
