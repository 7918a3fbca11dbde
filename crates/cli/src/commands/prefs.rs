//! Preference files: `regie export`, `regie verify`, `regie did`.
//!
//! These commands are built on regie-prefs (signed VC 2.0 files with an
//! `eddsa-jcs-2022` proof and a pairwise `did:key`). This module is their
//! slot: the variants are declared (hidden) so the command names are taken,
//! and [`run`] is the one place to fill in.

use clap::Subcommand;

use crate::context::Ctx;
use crate::exit::{CliError, Result, OTHER};
use crate::i18n;

/// The preference-file commands.
#[derive(Debug, Subcommand)]
pub enum PrefsCommand {
    /// Export a signed preference file for an organisation.
    #[command(hide = true)]
    Export {
        /// Arguments, to be defined.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        rest: Vec<String>,
    },
    /// Verify a preference file.
    #[command(hide = true)]
    Verify {
        /// Arguments, to be defined.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        rest: Vec<String>,
    },
    /// Show the pairwise identifier (did:key) used for an organisation.
    #[command(hide = true)]
    Did {
        /// Arguments, to be defined.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        rest: Vec<String>,
    },
}

/// Runs a preference-file command.
pub fn run(_ctx: &Ctx, command: PrefsCommand) -> Result<()> {
    let name = match command {
        PrefsCommand::Export { .. } => "export",
        PrefsCommand::Verify { .. } => "verify",
        PrefsCommand::Did { .. } => "did",
    };
    Err(CliError::own(
        "not-implemented",
        OTHER,
        i18n::NOT_YET,
        &[("cmd", name)],
    ))
}
