//! `regie-org`: parse the command line, run the command, map the result to
//! an exit code (see [`cli::exit`]).

mod cli;

fn main() -> std::process::ExitCode {
    use clap::Parser;
    let args = cli::args::Cli::parse();
    std::process::ExitCode::from(cli::run(args))
}
