//! The answer to "may I send this customer this kind of message on this
//! channel, now?", and why.
//!
//! [`decide`] is a pure function of what is known about the customer, so it
//! is the same for the command line, the HTTP API and the tests, and it
//! costs no I/O: [`crate::Org::check`] calls it on cached state.

use chrono::{DateTime, Duration, Months, Utc};
use regie_model::{
    Channel, ContactPreferences, DecisionState, FeedbackCap, LegalBasis, MessageKind,
};
use regie_prefs::{DataCategory, Purpose};
use serde::Serialize;

use crate::i18n;
use crate::import::Uses;

/// How far from now a check or a recorded send may be: a week either way.
/// A scheduler asks about the coming days, a late report about the past
/// ones; a check years ahead answers nothing useful and, before this
/// limit, could be used to make the in-memory view forget recent sends.
pub const WINDOW: Duration = Duration::days(7);

/// Whether `at` lies within [`WINDOW`] of `now`.
pub fn within_window(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    at >= now - WINDOW && at <= now + WINDOW
}

/// What is known about one customer's preferences.
#[derive(Debug, Clone)]
pub enum Known {
    /// No preference file accepted (or an unknown customer): the
    /// organisation's default applies.
    Nothing,
    /// The effective preferences of the last accepted file.
    Preferences {
        /// The preferences, with the global switch already applied.
        prefs: Box<ContactPreferences>,
        /// Whether the person's global "no proactive messages" switch is on.
        global_switch: bool,
        /// The file's decisions and sensitive categories (`None`: stored by
        /// an earlier version and not readable again).
        uses: Option<Box<Uses>>,
    },
    /// Stored data that cannot be read: never guess, block.
    Doubtful(String),
}

/// One message sent, as counted by the caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// When it was sent.
    pub at: DateTime<Utc>,
    /// On which channel.
    pub channel: Channel,
    /// Which kind.
    pub kind: MessageKind,
}

/// Why a message is allowed or blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Reason {
    /// Nothing the person said stands in the way.
    Allowed,
    /// A service message: always allowed.
    Service,
    /// A service message on another channel than the one the person chose
    /// for service messages; allowed, but the person prefers `preferred`.
    ServiceOtherChannel {
        /// The channel the person chose for service messages.
        preferred: Channel,
    },
    /// The person switched this kind off on this channel.
    OptedOut,
    /// The person's global "no proactive messages from anyone" switch.
    GlobalSwitch,
    /// Inside the person's quiet hours.
    QuietHours,
    /// The weekly maximum is reached.
    FrequencyCap {
        /// Messages sent in the last 7 days.
        sent: u32,
        /// The person's weekly maximum.
        max: u16,
    },
    /// The person does not want (more) feedback requests now.
    FeedbackCap,
    /// No preference file on file: the organisation's default applies.
    NoPreferenceOnFile,
    /// The stored data could not be read, so the answer is no.
    DoubtfulData,
}

impl Reason {
    /// The stable code, e.g. `quiet-hours`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Allowed => "allowed",
            Reason::Service => "service",
            Reason::ServiceOtherChannel { .. } => "service-other-channel",
            Reason::OptedOut => "opted-out",
            Reason::GlobalSwitch => "global-switch",
            Reason::QuietHours => "quiet-hours",
            Reason::FrequencyCap { .. } => "frequency-cap",
            Reason::FeedbackCap => "feedback-cap",
            Reason::NoPreferenceOnFile => "no-preference-on-file",
            Reason::DoubtfulData => "doubtful-data",
        }
    }

    /// A sentence for a person, in their language.
    pub fn message(&self, lang: regie_model::Language) -> String {
        use i18n::fill;
        match self {
            Reason::Allowed => i18n::R_ALLOWED.get(lang).into(),
            Reason::Service => i18n::R_SERVICE.get(lang).into(),
            Reason::ServiceOtherChannel { preferred } => fill(
                lang,
                i18n::R_SERVICE_OTHER,
                &[("channel", preferred.label().get(lang))],
            ),
            Reason::OptedOut => i18n::R_OPTED_OUT.get(lang).into(),
            Reason::GlobalSwitch => i18n::R_GLOBAL.get(lang).into(),
            Reason::QuietHours => i18n::R_QUIET.get(lang).into(),
            Reason::FrequencyCap { sent, max } => i18n::fill_n(
                lang,
                i18n::R_FREQUENCY,
                f64::from(*sent),
                &[("max", &max.to_string())],
            ),
            Reason::FeedbackCap => i18n::R_FEEDBACK.get(lang).into(),
            Reason::NoPreferenceOnFile => i18n::R_NO_PREFERENCE.get(lang).into(),
            Reason::DoubtfulData => i18n::R_DOUBTFUL.get(lang).into(),
        }
    }
}

/// An answer to "may I?", about a message ([`Decision`]) or a use of data
/// ([`UseDecision`]): the command line and the HTTP API show both alike.
pub trait Verdict {
    /// Whether it may.
    fn allowed(&self) -> bool;
    /// The reason's stable code.
    fn code(&self) -> &'static str;
    /// The reason in words.
    fn message(&self, lang: regie_model::Language) -> String;

    /// The request's `facts` with `allowed` and `reason` added: the JSON
    /// of an answer.
    fn to_json(
        &self,
        mut facts: serde_json::Value,
        lang: regie_model::Language,
    ) -> serde_json::Value {
        facts["allowed"] = self.allowed().into();
        facts["reason"] = serde_json::json!({"code": self.code(), "message": self.message(lang)});
        facts
    }
}

impl Verdict for Decision {
    fn allowed(&self) -> bool {
        self.allowed
    }
    fn code(&self) -> &'static str {
        self.reason.code()
    }
    fn message(&self, lang: regie_model::Language) -> String {
        self.reason.message(lang)
    }
}

impl Verdict for UseDecision {
    fn allowed(&self) -> bool {
        self.allowed
    }
    fn code(&self) -> &'static str {
        self.reason.code()
    }
    fn message(&self, lang: regie_model::Language) -> String {
        self.reason.message(lang)
    }
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// May the message be sent?
    pub allowed: bool,
    /// Why (or why not).
    pub reason: Reason,
}

impl Decision {
    fn allow(reason: Reason) -> Self {
        Decision {
            allowed: true,
            reason,
        }
    }
    fn block(reason: Reason) -> Self {
        Decision {
            allowed: false,
            reason,
        }
    }
}

/// What the organisation does when a customer has no preference on file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum DefaultPolicy {
    /// Sent (the customer has not said no).
    Allow,
    /// Do not send until the customer has said yes.
    Block,
}

impl DefaultPolicy {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DefaultPolicy::Allow => "allow",
            DefaultPolicy::Block => "block",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "allow" => Some(DefaultPolicy::Allow),
            "block" => Some(DefaultPolicy::Block),
            _ => None,
        }
    }
}

/// How far back sends matter for any check within [`WINDOW`] of `now`: a
/// week for the weekly cap, up to five years for the feedback cap, from
/// the earliest time a check may ask about. It depends on `now` only, so
/// what is kept for a customer never depends on the time a check asked
/// about.
pub fn sends_horizon(now: DateTime<Utc>) -> DateTime<Utc> {
    let earliest = now - WINDOW;
    earliest
        .checked_sub_months(Months::new(60))
        .unwrap_or(earliest)
}

/// Decides. `sends` are this customer's recorded sends (any order; only
/// those before `at` count).
pub fn decide(
    known: &Known,
    default: DefaultPolicy,
    sends: &[Sent],
    channel: Channel,
    kind: MessageKind,
    at: DateTime<Utc>,
) -> Decision {
    let prefs = match known {
        Known::Doubtful(_) if kind != MessageKind::Service => {
            return Decision::block(Reason::DoubtfulData)
        }
        Known::Preferences { prefs, .. } => Some(prefs.as_ref()),
        _ => None,
    };
    if kind == MessageKind::Service {
        return match prefs.and_then(|p| p.service_channel) {
            Some(preferred) if preferred != channel => {
                Decision::allow(Reason::ServiceOtherChannel { preferred })
            }
            _ => Decision::allow(Reason::Service),
        };
    }
    let Known::Preferences {
        prefs,
        global_switch,
        ..
    } = known
    else {
        return match default {
            DefaultPolicy::Allow => Decision::allow(Reason::NoPreferenceOnFile),
            DefaultPolicy::Block => Decision::block(Reason::NoPreferenceOnFile),
        };
    };
    if !prefs.allows(channel, kind) {
        return Decision::block(if *global_switch {
            Reason::GlobalSwitch
        } else {
            Reason::OptedOut
        });
    }
    if let Some(q) = &prefs.quiet_hours {
        match q.contains(at) {
            Ok(true) => return Decision::block(Reason::QuietHours),
            Ok(false) => {}
            Err(_) => return Decision::block(Reason::DoubtfulData),
        }
    }
    if kind == MessageKind::Feedback {
        match prefs.feedback_cap {
            FeedbackCap::NoCap => {}
            FeedbackCap::Never => return Decision::block(Reason::FeedbackCap),
            FeedbackCap::OncePerMonths { months } => {
                let Some(since) = at.checked_sub_months(Months::new(months.into())) else {
                    return Decision::block(Reason::DoubtfulData);
                };
                if sends
                    .iter()
                    .any(|s| s.kind == MessageKind::Feedback && s.at > since && s.at <= at)
                {
                    return Decision::block(Reason::FeedbackCap);
                }
            }
        }
    }
    if let Some(max) = prefs.max_per_week {
        let since = at - chrono::Duration::days(7);
        let sent = sends
            .iter()
            .filter(|s| s.kind != MessageKind::Service && s.at > since && s.at <= at)
            .count() as u32;
        if sent >= u32::from(max) {
            return Decision::block(Reason::FrequencyCap { sent, max });
        }
    }
    Decision::allow(Reason::Allowed)
}

/// Why a use of data is allowed or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum UseReason {
    /// The customer gave consent (GDPR Art. 6(1)(a)).
    ConsentGiven,
    /// The customer did not object to the organisation's own interest
    /// (Art. 6(1)(f)).
    NotObjected,
    /// The customer has no choice: the use rests on another basis.
    Locked {
        /// The legal basis, e.g. `eu-gdpr:A6-1-c`.
        basis: String,
    },
    /// The customer withdrew consent (Art. 7(3)).
    ConsentWithdrawn,
    /// The customer objected (Art. 21).
    Objected,
    /// The category is marked sensitive and the purpose personalises,
    /// profiles or markets (spec 3.6).
    SensitiveCategory,
    /// The file does not mention this purpose (or this data for it): the
    /// organisation's default applies.
    NotMentioned,
    /// No preference file: the organisation's default applies.
    NoPreferenceOnFile,
    /// The stored data cannot be read, so the answer is no.
    DoubtfulData,
}

impl UseReason {
    /// The stable code, e.g. `consent-withdrawn`.
    pub fn code(&self) -> &'static str {
        match self {
            UseReason::ConsentGiven => "consent-given",
            UseReason::NotObjected => "not-objected",
            UseReason::Locked { .. } => "locked",
            UseReason::ConsentWithdrawn => "consent-withdrawn",
            UseReason::Objected => "objected",
            UseReason::SensitiveCategory => "sensitive-category",
            UseReason::NotMentioned => "not-mentioned",
            UseReason::NoPreferenceOnFile => "no-preference-on-file",
            UseReason::DoubtfulData => "doubtful-data",
        }
    }

    /// A sentence for a person, in their language.
    pub fn message(&self, lang: regie_model::Language) -> String {
        match self {
            UseReason::ConsentGiven => i18n::U_CONSENT_GIVEN.get(lang).into(),
            UseReason::NotObjected => i18n::U_NOT_OBJECTED.get(lang).into(),
            UseReason::Locked { basis } => {
                let b = LegalBasis::parse(basis);
                let label = b.map_or(basis.as_str(), |b| b.label().get(lang));
                let article = b.map(article).unwrap_or_default();
                i18n::fill(
                    lang,
                    i18n::U_LOCKED,
                    &[("basis", label), ("article", &article)],
                )
            }
            UseReason::ConsentWithdrawn => i18n::U_CONSENT_WITHDRAWN.get(lang).into(),
            UseReason::Objected => i18n::U_OBJECTED.get(lang).into(),
            UseReason::SensitiveCategory => i18n::U_SENSITIVE.get(lang).into(),
            UseReason::NotMentioned => i18n::U_NOT_MENTIONED.get(lang).into(),
            UseReason::NoPreferenceOnFile => i18n::R_NO_PREFERENCE.get(lang).into(),
            UseReason::DoubtfulData => i18n::R_DOUBTFUL.get(lang).into(),
        }
    }
}

/// `eu-gdpr:A6-1-c` as it is cited: `Art. 6(1)(c)`.
fn article(b: LegalBasis) -> String {
    let letter = b.compact().rsplit('-').next().unwrap_or("");
    format!("Art. 6(1)({letter})")
}

/// The answer to "may we use this data for this purpose?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UseDecision {
    /// May the data be used for the purpose?
    pub allowed: bool,
    /// Why (or why not).
    pub reason: UseReason,
}

/// Whether a purpose personalises, profiles or markets, so that data the
/// person marked sensitive must stay out of it (spec 3.6). A purpose the
/// catalogue does not know is taken to: when in doubt, the answer is no.
pub fn personalising(purpose: &Purpose) -> bool {
    regie_model::catalogue::lookup(purpose.iri()).is_none_or(|t| t.personalising)
}

/// Decides whether `category` (or, without one, the customer's data in
/// general) may be used for `purpose`, from what the customer's file says.
/// A pure function, like [`decide`].
pub fn decide_use(
    known: &Known,
    default: DefaultPolicy,
    purpose: &Purpose,
    category: Option<&DataCategory>,
) -> UseDecision {
    let by_default = |reason| UseDecision {
        allowed: default == DefaultPolicy::Allow,
        reason,
    };
    let block = |reason| UseDecision {
        allowed: false,
        reason,
    };
    let uses = match known {
        Known::Nothing => return by_default(UseReason::NoPreferenceOnFile),
        Known::Doubtful(_) => return block(UseReason::DoubtfulData),
        Known::Preferences { uses: None, .. } => return block(UseReason::DoubtfulData),
        Known::Preferences {
            uses: Some(uses), ..
        } => uses,
    };
    if let Some(c) = category {
        if uses.sensitive_categories.contains(c) && personalising(purpose) {
            return block(UseReason::SensitiveCategory);
        }
    }
    let mut found: Option<UseDecision> = None;
    for d in uses.decisions.iter().filter(|d| &d.purpose == purpose) {
        if category.is_some_and(|c| !d.data_categories.contains(c)) {
            continue;
        }
        let this = match d.state {
            DecisionState::ConsentWithdrawn => block(UseReason::ConsentWithdrawn),
            DecisionState::Objected => block(UseReason::Objected),
            DecisionState::ConsentGiven => UseDecision {
                allowed: true,
                reason: UseReason::ConsentGiven,
            },
            DecisionState::NotObjected => UseDecision {
                allowed: true,
                reason: UseReason::NotObjected,
            },
            DecisionState::Locked => UseDecision {
                allowed: true,
                reason: UseReason::Locked {
                    basis: d.legal_basis.compact().into(),
                },
            },
        };
        // Any "no" for this purpose and data wins over a "yes".
        if !this.allowed {
            return this;
        }
        found.get_or_insert(this);
    }
    found.unwrap_or_else(|| by_default(UseReason::NotMentioned))
}
