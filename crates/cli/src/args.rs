//! The command line's shape, declared once with clap's derive.
//!
//! Secrets (passphrase, recovery code) never appear here as values: they
//! come from the environment or from standard input, so they do not end up
//! in shell history or in the process list.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use regie_model::{Channel, MessageKind, Text};

use regie_vault::rights::{Outcome, Right, Via};
use regie_vault::LetterChoice;

use crate::commands::prefs::PrefsCommand;
use crate::commands::requests;

#[derive(Debug, Parser)]
#[command(name = "regie", version, max_term_width = 100)]
pub struct Cli {
    #[arg(long, global = true, value_name = "PATH")]
    pub vault: Option<PathBuf>,

    #[arg(long, global = true)]
    pub json: bool,

    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    #[arg(long, global = true)]
    pub passphrase_stdin: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Nl,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init {
        #[arg(long)]
        passphrase: bool,
    },
    Demo,
    Orgs,
    Show {
        org: String,
    },
    #[command(subcommand)]
    Org(OrgCommand),
    #[command(subcommand)]
    Holding(HoldingCommand),
    Consent {
        org: String,
        purpose: String,
        #[arg(value_enum)]
        action: ConsentAction,
        #[arg(long)]
        category: Option<String>,
    },
    Object {
        org: String,
        purpose: String,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        withdraw: bool,
    },
    Contact(ContactArgs),
    QuietHours {
        org: String,
        #[arg(long, required_unless_present = "off", requires = "to")]
        from: Option<String>,
        #[arg(long, required_unless_present = "off")]
        to: Option<String>,
        #[arg(long, default_value = "Europe/Amsterdam")]
        tz: String,
        #[arg(long, conflicts_with_all = ["from", "to"])]
        off: bool,
    },
    Sensitive {
        category: String,
        #[arg(long)]
        off: bool,
    },
    History {
        org: Option<String>,
    },
    Check,
    Backup {
        file: PathBuf,
    },
    Restore {
        #[arg(long)]
        recovery_code_stdin: bool,
        #[arg(long, value_name = "BACKUP")]
        from: Option<PathBuf>,
        #[arg(long)]
        passphrase: bool,
    },
    Import {
        file: PathBuf,
    },
    #[command(flatten)]
    Prefs(PrefsCommand),
    Link {
        org: String,
        code: String,
    },
    Send {
        #[arg(conflicts_with = "all", required_unless_present = "all")]
        org: Option<String>,
        #[arg(long)]
        all: bool,
    },
    Outbox,
    Receipts {
        org: String,
    },
    #[command(subcommand)]
    Request(RequestCommand),
    Requests,
    #[command(subcommand)]
    Directory(DirectoryCommand),
}

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    New {
        org: String,
        #[arg(long, value_parser = requests::right)]
        right: Right,
        #[arg(long, value_name = "NAME=VALUE")]
        detail: Vec<String>,
        #[arg(long)]
        purpose: Vec<String>,
        #[arg(long)]
        note: Option<String>,
    },
    Letter {
        #[arg(value_name = "NUMBER")]
        id: String,
        #[arg(long, value_parser = requests::letter_kind, default_value = "letter", value_name = "letter|reminder|complaint")]
        kind: LetterChoice,
        #[arg(long, value_enum, default_value = "text")]
        format: LetterFormat,
        #[arg(long, value_name = "FILE|-")]
        out: PathBuf,
    },
    Sent {
        #[arg(value_name = "NUMBER")]
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
        #[arg(long, value_parser = requests::via, value_name = "email|post|webform")]
        via: Via,
        #[arg(long, value_name = "YYYY-MM-DD")]
        delivered: Option<String>,
    },
    Answered {
        #[arg(value_name = "NUMBER")]
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
        #[arg(long, value_parser = requests::outcome, default_value = "full", value_name = "full|partial|refused")]
        outcome: Outcome,
        #[arg(long)]
        file: Option<PathBuf>,
    },
    Extended {
        #[arg(value_name = "NUMBER")]
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
    },
}

/// The form of a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LetterFormat {
    Text,
    Pdf,
    Eml,
}

impl LetterFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            LetterFormat::Text => "text",
            LetterFormat::Pdf => "pdf",
            LetterFormat::Eml => "eml",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum DirectoryCommand {
    Search {
        text: String,
    },
    Add {
        slug: String,
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        privacy_email: Option<String>,
        #[arg(long, value_name = "LINE")]
        privacy_postal: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    Add {
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        sector: Option<String>,
        #[arg(long)]
        website: Option<String>,
        #[arg(long)]
        privacy_email: Option<String>,
        #[arg(long)]
        privacy_postal: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum HoldingCommand {
    Add {
        org: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        purpose: String,
        #[arg(long)]
        basis: String,
        #[arg(long)]
        retention: Option<String>,
        #[arg(long)]
        grain: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConsentAction {
    Give,
    Withdraw,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    #[value(alias = "aan")]
    On,
    #[value(alias = "uit")]
    Off,
}

impl Switch {
    pub fn on(self) -> bool {
        self == Switch::On
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneOrAll<T> {
    All,
    One(T),
}

fn words<T: Copy>(all: &[T], word: impl Fn(T) -> Text) -> String {
    let mut out: Vec<&str> = Vec::new();
    for v in all {
        for w in [word(*v).en, word(*v).nl] {
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out.join(", ")
}

fn is_all(s: &str) -> bool {
    let s = s.trim();
    s.eq_ignore_ascii_case("all") || s.eq_ignore_ascii_case("alle")
}

fn channel_or_all(s: &str) -> Result<OneOrAll<Channel>, String> {
    if is_all(s) {
        return Ok(OneOrAll::All);
    }
    channel(s)
        .map(OneOrAll::One)
        .map_err(|words| format!("{words}, all, alle"))
}

fn kind_or_all(s: &str) -> Result<OneOrAll<MessageKind>, String> {
    if is_all(s) {
        return Ok(OneOrAll::All);
    }
    MessageKind::parse_named(s)
        .map(OneOrAll::One)
        .ok_or_else(|| format!("{}, all, alle", words(&MessageKind::ALL, MessageKind::word)))
}

fn channel(s: &str) -> Result<Channel, String> {
    Channel::parse_named(s).ok_or_else(|| words(&Channel::ALL, Channel::word))
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  regie contact kvk:33031431 --channel push --kind marketing off
  regie contact kvk:33031431 --channel telefoon --kind reclame uit
  regie contact kvk:33031431 --channel all --kind all off
  regie contact --all-orgs off                  global switch off: no unsolicited messages
  regie contact --all-orgs --channel sms --kind all off
  regie contact kvk:33031431 --exempt on        this one may still reach you
  regie contact kvk:33031431 --service-channel email --max-per-week 2 --feedback every-6-months

--channel: push, in-app, email (e-mail), sms, phone (telefoon), post, or all.
--kind: proactive (tips), marketing (reclame), feedback, service, or all.

--feedback: never (never ask), none (no limit), or every-N-months (at most once
every N months, N from 1 to 60). --max-per-week: 1 to 1000, or none.")]
pub struct ContactArgs {
    #[arg(value_name = "ORG|on|off", num_args = 0..=2)]
    pub positional: Vec<String>,
    #[arg(long)]
    pub all_orgs: bool,
    #[arg(long, value_parser = channel_or_all)]
    pub channel: Option<OneOrAll<Channel>>,
    #[arg(long, value_parser = kind_or_all)]
    pub kind: Option<OneOrAll<MessageKind>>,
    #[arg(long, value_enum, value_name = "on|off")]
    pub exempt: Option<Switch>,
    #[arg(long, value_parser = channel)]
    pub service_channel: Option<Channel>,
    #[arg(long, value_name = "N|none")]
    pub max_per_week: Option<String>,
    #[arg(long, value_name = "never|none|every-N-months")]
    pub feedback: Option<String>,
    #[arg(long, value_parser = ["nl", "en"])]
    pub language: Option<String>,
    #[arg(long, value_parser = ["neutral", "formal", "first-name"])]
    pub address: Option<String>,
    #[arg(long, value_parser = ["phone", "chat", "email", "in-person", "post"])]
    pub human: Option<String>,
}
