//! The command line, declared. What a person reads in `--help` is in
//! [`super::help`], in Dutch and English; the comments here describe the
//! fields.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use regie_model::{Channel, MessageKind};
use regie_org::DefaultPolicy;

fn channel() -> impl TypedValueParser<Value = Channel> {
    PossibleValuesParser::new(Channel::ALL.map(Channel::as_str)).try_map(|s| s.parse::<Channel>())
}

fn kind() -> impl TypedValueParser<Value = MessageKind> {
    PossibleValuesParser::new(MessageKind::ALL.map(MessageKind::as_str))
        .try_map(|s| s.parse::<MessageKind>())
}

#[derive(Debug, Parser)]
#[command(name = "regie-org", version, about)]
pub struct Cli {
    // The value from the environment stays out of --help: it may hold a
    // password.
    #[arg(
        long,
        global = true,
        env = "REGIE_ORG_DB",
        hide_env_values = true,
        default_value = "sqlite:regie-org.db"
    )]
    pub db: String,
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Lang {
    Nl,
    En,
}

/// How `serve` writes its log.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init {
        #[arg(long)]
        org: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        tofu: bool,
        #[arg(long, value_enum, default_value = "block")]
        default: DefaultPolicy,
    },
    Enrol {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        did: String,
    },
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long)]
        threads: Option<usize>,
    },
    Check(Message),
    CheckUse {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        purpose: String,
        #[arg(long)]
        category: Option<String>,
    },
    RecordSend(Message),
    Suppressions {
        #[arg(long, requires = "kind", required_unless_present = "purpose", value_parser = channel())]
        channel: Option<Channel>,
        #[arg(long, requires = "channel", value_parser = kind())]
        kind: Option<MessageKind>,
        #[arg(long, conflicts_with_all = ["channel", "kind", "at"])]
        purpose: Option<String>,
        #[arg(long, requires = "purpose")]
        category: Option<String>,
        #[arg(long)]
        at: Option<String>,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    History {
        #[arg(long)]
        customer: Option<String>,
    },
    Serve {
        #[arg(long, default_value = "127.0.0.1:8417")]
        listen: String,
        #[arg(long)]
        token_file: PathBuf,
        #[arg(
            long,
            default_value_t = regie_org::server::DEFAULT_MAX_CONNECTIONS,
            value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..)
        )]
        max_connections: usize,
        // The receipt key: with it, the server has an inbox.
        #[arg(long, env = "REGIE_ORG_KEY_FILE")]
        key_file: Option<PathBuf>,
        #[arg(long, requires = "key_file")]
        declaration: Option<PathBuf>,
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        #[arg(
            long,
            default_value_t = regie_org::inbox::DEFAULT_PER_ADDRESS,
            value_parser = clap::builder::RangedU64ValueParser::<u32>::new().range(1..)
        )]
        inbox_rate_per_address: u32,
        #[arg(
            long,
            default_value_t = regie_org::inbox::DEFAULT_PER_KEY,
            value_parser = clap::builder::RangedU64ValueParser::<u32>::new().range(1..)
        )]
        inbox_rate_per_key: u32,
        // Text for a person, or one JSON object a line.
        #[arg(long, value_enum, env = "REGIE_LOG_FORMAT", default_value = "text")]
        log_format: LogFormat,
        // Count nothing (to measure what counting costs).
        #[arg(long)]
        no_metrics: bool,
        // A second token, for GET /metrics only.
        #[arg(long, conflicts_with = "no_metrics")]
        metrics_token_file: Option<PathBuf>,
    },
    Token {
        #[arg(long)]
        out: PathBuf,
    },
    // A new receipt key.
    Key {
        #[arg(long)]
        out: PathBuf,
    },
    // The signed declaration.
    Declaration {
        #[arg(long)]
        from: PathBuf,
        #[arg(long)]
        inbox: String,
        #[arg(long, env = "REGIE_ORG_KEY_FILE")]
        key_file: PathBuf,
        #[arg(long)]
        previous_key_file: Option<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    // A link code for a customer.
    Link {
        #[arg(long)]
        customer: String,
        #[arg(long, default_value = "14d")]
        valid: String,
        #[arg(long)]
        replace_key: bool,
    },
}

/// A message to a customer: to check, or sent.
#[derive(Debug, Args)]
pub struct Message {
    #[arg(long)]
    pub customer: String,
    #[arg(long, value_parser = channel())]
    pub channel: Channel,
    #[arg(long, value_parser = kind())]
    pub kind: MessageKind,
    #[arg(long)]
    pub at: Option<String>,
}
