//! The command line, declared. What a person reads in `--help` is in
//! [`super::help`], in Dutch and English; the comments here describe the
//! fields.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use regie_model::{Channel, MessageKind};
use regie_org::DefaultPolicy;

/// A channel, one of [`Channel::ALL`]: another is a usage error.
fn channel() -> impl TypedValueParser<Value = Channel> {
    PossibleValuesParser::new(Channel::ALL.map(Channel::as_str)).try_map(|s| s.parse::<Channel>())
}

/// A kind of message, one of [`MessageKind::ALL`].
fn kind() -> impl TypedValueParser<Value = MessageKind> {
    PossibleValuesParser::new(MessageKind::ALL.map(MessageKind::as_str))
        .try_map(|s| s.parse::<MessageKind>())
}

/// Import and enforce Regie preference files for one organisation.
#[derive(Debug, Parser)]
#[command(name = "regie-org", version, about)]
pub struct Cli {
    /// The database: sqlite:PATH, a path, or
    /// postgres://USER@HOST:PORT/DB[?sslmode=MODE&sslrootcert=PATH][#SCHEMA].
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
    /// Language of the output [default: $REGIE_LANG, else from LANG].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Output languages.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Lang {
    /// Dutch.
    Nl,
    /// English.
    En,
}

/// Output formats of a suppression list.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// customer,reason per line, with a header.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up the database for an organisation.
    Init {
        /// The organisation id files must be addressed to (kvk:..., oin:..., or a slug).
        #[arg(long)]
        org: String,
        /// The organisation's name.
        #[arg(long)]
        name: String,
        /// Trust on first use: enrol the key of an unknown sender on its first file.
        #[arg(long)]
        tofu: bool,
        /// What applies to customers without a preference file.
        #[arg(long, value_enum, default_value = "block")]
        default: DefaultPolicy,
    },
    /// Enrol a customer with the did:key they gave you.
    Enrol {
        /// Your reference for the customer.
        #[arg(long)]
        customer: String,
        /// The customer's did:key for your organisation.
        #[arg(long)]
        did: String,
    },
    /// Verify and store preference files (files, directories, or - for stdin).
    Import {
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Threads that verify [default: all cores].
        #[arg(long)]
        threads: Option<usize>,
    },
    /// May this customer get this kind of message on this channel now?
    Check {
        /// The customer.
        #[arg(long)]
        customer: String,
        /// The channel.
        #[arg(long, value_parser = channel())]
        channel: Channel,
        /// The kind of message.
        #[arg(long, value_parser = kind())]
        kind: MessageKind,
        /// When (RFC 3339, within 7 days of now) [default: now].
        #[arg(long)]
        at: Option<String>,
    },
    /// May we use this customer's data (of this category) for this purpose?
    CheckUse {
        /// The customer.
        #[arg(long)]
        customer: String,
        /// The purpose: a DPV purpose, dpv:Name or https://w3id.org/dpv#Name.
        #[arg(long)]
        purpose: String,
        /// The data category: pd:Name or https://w3id.org/dpv/pd#Name [default: any].
        #[arg(long)]
        category: Option<String>,
    },
    /// Record a message sent (for the weekly and feedback caps).
    RecordSend {
        /// The customer.
        #[arg(long)]
        customer: String,
        /// The channel.
        #[arg(long, value_parser = channel())]
        channel: Channel,
        /// The kind.
        #[arg(long, value_parser = kind())]
        kind: MessageKind,
        /// When (RFC 3339, within 7 days of now) [default: now].
        #[arg(long)]
        at: Option<String>,
    },
    /// List customers who must not get this kind on this channel now, or
    /// whose data must not be used for this purpose.
    Suppressions {
        /// The channel (with --kind).
        #[arg(long, requires = "kind", required_unless_present = "purpose", value_parser = channel())]
        channel: Option<Channel>,
        /// The kind (with --channel).
        #[arg(long, requires = "channel", value_parser = kind())]
        kind: Option<MessageKind>,
        /// A purpose instead of a channel and kind: dpv:Name or its IRI.
        #[arg(long, conflicts_with_all = ["channel", "kind", "at"])]
        purpose: Option<String>,
        /// With --purpose: only this data category (pd:Name or its IRI).
        #[arg(long, requires = "purpose")]
        category: Option<String>,
        /// When (RFC 3339) [default: now].
        #[arg(long)]
        at: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Every file received, accepted and rejected, with reasons.
    History {
        /// Only this customer.
        #[arg(long)]
        customer: Option<String>,
    },
    /// Serve the HTTP API.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8417")]
        listen: String,
        /// File holding the bearer token clients must send.
        #[arg(long)]
        token_file: PathBuf,
        /// Connections served at once; more wait until one ends. The process
        /// needs a few more open files than this (ulimit -n).
        #[arg(
            long,
            default_value_t = regie_org::server::DEFAULT_MAX_CONNECTIONS,
            value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..)
        )]
        max_connections: usize,
    },
}
