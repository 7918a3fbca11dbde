//! The command line's shape, declared once with clap's derive.
//!
//! Secrets (passphrase, recovery code) never appear here as values: they
//! come from the environment or from standard input, so they do not end up
//! in shell history or in the process list.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use regie_model::{Channel, MessageKind, Text};

use crate::commands::prefs::PrefsCommand;
use crate::exit::HELP_TABLE;

/// Regie: your own record of which organisations hold which of your data,
/// and which messages you want from them.
#[derive(Debug, Parser)]
#[command(name = "regie", version, after_help = HELP_TABLE, max_term_width = 100)]
pub struct Cli {
    /// The vault file [default: $REGIE_VAULT, else your data folder, e.g.
    /// ~/.local/share/regie/vault.regie].
    #[arg(long, global = true, value_name = "PATH")]
    pub vault: Option<PathBuf>,

    /// Machine-readable output (JSON on stdout; errors as JSON on stderr).
    #[arg(long, global = true)]
    pub json: bool,

    /// Language of the output [default: $REGIE_LANG, else from LANG].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Read the passphrase from the first line of standard input (instead of
    /// $REGIE_PASSPHRASE). With `restore --recovery-code-stdin`, the
    /// recovery code comes first and the passphrase on the second line.
    #[arg(long, global = true)]
    pub passphrase_stdin: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Output languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Dutch.
    Nl,
    /// English.
    En,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault (key in your computer's keychain, or a passphrase).
    Init {
        /// Protect the vault with a passphrase instead of the keychain
        /// (from $REGIE_PASSPHRASE or --passphrase-stdin).
        #[arg(long)]
        passphrase: bool,
    },
    /// Show a vault with example organisations (temporary, unless --vault).
    Demo,
    /// The overview: every organisation and what it holds.
    Orgs,
    /// Everything about one organisation.
    Show {
        /// The organisation's id (or its exact name).
        org: String,
    },
    /// Add organisations by hand.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Record what an organisation does with your data.
    #[command(subcommand)]
    Holding(HoldingCommand),
    /// Give or withdraw permission (consent) for a purpose.
    Consent {
        /// The organisation.
        org: String,
        /// The purpose: its name as `regie show` shows it ("Advertising to
        /// you", "Reclame aan u"), dpv:DirectMarketing, or DirectMarketing.
        purpose: String,
        /// Give or withdraw.
        #[arg(value_enum)]
        action: ConsentAction,
        /// Only for this kind of data: its name or pd:X.
        #[arg(long)]
        category: Option<String>,
    },
    /// Object to a purpose that rests on the organisation's own interest.
    Object {
        /// The organisation.
        org: String,
        /// The purpose: its name as `regie show` shows it ("Advertising to
        /// you", "Reclame aan u"), dpv:DirectMarketing, or DirectMarketing.
        purpose: String,
        /// Only for this kind of data: its name or pd:X.
        #[arg(long)]
        category: Option<String>,
        /// Take the objection back.
        #[arg(long)]
        withdraw: bool,
    },
    /// Which messages may reach you, per organisation, channel and kind.
    Contact(ContactArgs),
    /// Quiet hours: a daily window without messages (service messages
    /// still come).
    QuietHours {
        /// The organisation.
        org: String,
        /// Start, HH:MM.
        #[arg(long, required_unless_present = "off", requires = "to")]
        from: Option<String>,
        /// End, HH:MM (may be earlier than the start: over midnight).
        #[arg(long, required_unless_present = "off")]
        to: Option<String>,
        /// Time zone.
        #[arg(long, default_value = "Europe/Amsterdam")]
        tz: String,
        /// No quiet hours any more.
        #[arg(long, conflicts_with_all = ["from", "to"])]
        off: bool,
    },
    /// Mark a kind of data sensitive: keep it out of personalisation.
    Sensitive {
        /// The kind of data: its name as `regie show` shows it, pd:Health,
        /// its full IRI, or Health.
        category: String,
        /// Remove the mark.
        #[arg(long)]
        off: bool,
    },
    /// What changed, and when.
    History {
        /// Only this organisation.
        org: Option<String>,
    },
    /// Check the vault: the file, its encryption and the history chain.
    Check,
    /// Write an encrypted backup and check it by reading it back.
    Backup {
        /// Where to write it (must not exist yet).
        file: PathBuf,
    },
    /// Regain access with your recovery code, optionally from a backup.
    Restore {
        /// Read the recovery code from standard input (else $REGIE_RECOVERY_CODE).
        #[arg(long)]
        recovery_code_stdin: bool,
        /// Restore this backup to --vault (which must not exist yet).
        #[arg(long, value_name = "BACKUP")]
        from: Option<PathBuf>,
        /// Protect the restored vault with a passphrase instead of the keychain.
        #[arg(long)]
        passphrase: bool,
    },
    /// Import an organisation's own declaration of what it holds and why.
    Import {
        /// The declaration file (regie-declaration/1).
        file: PathBuf,
    },
    /// Preference files (export, verify, did).
    #[command(flatten)]
    Prefs(PrefsCommand),
}

/// `regie org ...`
#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add an organisation.
    Add {
        /// Its id: kvk: and 8 digits, oin: and 20 digits, or a slug like
        /// boekhandel-de-vries.
        id: String,
        /// Its name as you know it.
        #[arg(long)]
        name: String,
        /// Sector: bank, insurer, health-insurer, telecom, energy, retail,
        /// webshop, bookshop or municipality (or its name, such as
        /// Zorgverzekeraar), or any other.
        #[arg(long)]
        sector: Option<String>,
        /// Website.
        #[arg(long)]
        website: Option<String>,
        /// E-mail address for privacy requests.
        #[arg(long)]
        privacy_email: Option<String>,
        /// Postal address for privacy requests.
        #[arg(long)]
        privacy_postal: Option<String>,
    },
}

/// `regie holding ...`
#[derive(Debug, Subcommand)]
pub enum HoldingCommand {
    /// Record that an organisation uses a kind of data for a purpose.
    Add {
        /// The organisation.
        org: String,
        /// Kind of data: its name ("Financial data"), pd:Financial, its full
        /// IRI, or Financial.
        #[arg(long)]
        category: String,
        /// Purpose: its name ("Advertising to you"), dpv:DirectMarketing,
        /// its full IRI, or DirectMarketing.
        #[arg(long)]
        purpose: String,
        /// Legal basis: consent, contract, legal-obligation, vital-interest,
        /// public-interest, legitimate-interest (or eu-gdpr:A6-1-a ..., or
        /// its name, such as "Required by law").
        #[arg(long)]
        basis: String,
        /// How long it is kept, as an ISO 8601 duration (P7Y).
        #[arg(long)]
        retention: Option<String>,
        /// For monitoring: general|specific-incidental|continuous.
        #[arg(long)]
        grain: Option<String>,
    },
}

/// Give or withdraw consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConsentAction {
    /// Give permission.
    Give,
    /// Take permission back.
    Withdraw,
}

/// On or off (in Dutch: aan or uit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    /// Allowed.
    #[value(alias = "aan")]
    On,
    /// Not allowed.
    #[value(alias = "uit")]
    Off,
}

impl Switch {
    /// Whether it means "allowed".
    pub fn on(self) -> bool {
        self == Switch::On
    }
}

/// One value or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneOrAll<T> {
    /// Every value (for kinds: every kind that can be switched off).
    All,
    /// One value.
    One(T),
}

/// The words `--channel` or `--kind` takes, for the message when a value
/// is not one of them.
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

/// `all`, or `alle` in Dutch.
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

/// A channel by its wire name, its word in either language or its label.
fn channel(s: &str) -> Result<Channel, String> {
    Channel::parse_named(s).ok_or_else(|| words(&Channel::ALL, Channel::word))
}

/// `regie contact`.
///
/// Positional arguments: `[ORG] [on|off]`. With `--all-orgs` there is no
/// organisation, only the switch.
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
    /// The organisation, then `on` or `off` (`aan` or `uit`).
    #[arg(value_name = "ORG|on|off", num_args = 0..=2)]
    pub positional: Vec<String>,
    /// For every organisation. Without --channel/--kind: the global switch,
    /// on (unsolicited messages allowed) or off (none, from any
    /// organisation).
    #[arg(long)]
    pub all_orgs: bool,
    /// A channel: push, in-app, email, sms, phone, post, or all.
    #[arg(long, value_parser = channel_or_all)]
    pub channel: Option<OneOrAll<Channel>>,
    /// A kind of message: proactive (tips), marketing (reclame), feedback,
    /// service, or all (every kind that can be switched off).
    #[arg(long, value_parser = kind_or_all)]
    pub kind: Option<OneOrAll<MessageKind>>,
    /// Exempt this organisation from the global switch (on), or not (off).
    #[arg(long, value_enum, value_name = "on|off")]
    pub exempt: Option<Switch>,
    /// The channel for service messages.
    #[arg(long, value_parser = channel)]
    pub service_channel: Option<Channel>,
    /// At most this many messages a week, or `none`.
    #[arg(long, value_name = "N|none")]
    pub max_per_week: Option<String>,
    /// How often requests for feedback may come: never, none (no limit),
    /// or every-N-months.
    #[arg(long, value_name = "never|none|every-N-months")]
    pub feedback: Option<String>,
    /// Your language: nl or en.
    #[arg(long, value_parser = ["nl", "en"])]
    pub language: Option<String>,
    /// How to address you: neutral, formal or first-name.
    #[arg(long, value_parser = ["neutral", "formal", "first-name"])]
    pub address: Option<String>,
    /// How you want to reach a person: phone, chat, email, in-person or post.
    #[arg(long, value_parser = ["phone", "chat", "email", "in-person", "post"])]
    pub human: Option<String>,
}
