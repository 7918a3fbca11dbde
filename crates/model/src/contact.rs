//! Contact preferences: which channels an organisation may use for which kind
//! of message, and when.
//!
//! Service messages (the ones needed to run a contract: a changed direct
//! debit, a blocked card) can never be switched off, because switching them
//! off would hurt the person; only their channel can be chosen. Everything
//! else is off as soon as the person says so.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveTime, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A way an organisation can reach the person. DPV has no notification
/// channels, so Regie keeps this small, documented list of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// Push notifications on a phone or computer.
    Push,
    /// Messages inside the organisation's app or website (banners, inbox).
    InApp,
    /// E-mail.
    Email,
    /// Text messages.
    Sms,
    /// Phone calls.
    Phone,
    /// Letters and leaflets by post.
    Post,
}

/// A kind of message, from the person's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MessageKind {
    /// Proactive advice and "helpful" nudges based on the person's data.
    Proactive,
    /// Marketing: offers and advertising.
    Marketing,
    /// Requests for feedback ("how did we do?").
    Feedback,
    /// Service messages needed to run the contract. Cannot be blocked.
    Service,
}

impl Channel {
    /// All channels, in display order.
    pub const ALL: [Channel; 6] = [
        Channel::Push,
        Channel::InApp,
        Channel::Email,
        Channel::Sms,
        Channel::Phone,
        Channel::Post,
    ];

    /// The wire name, as used on the command line and in files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Push => "push",
            Channel::InApp => "in-app",
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Phone => "phone",
            Channel::Post => "post",
        }
    }

    /// What a person calls it (docs/GLOSSARY.md).
    pub const fn label(self) -> Text {
        let (nl, en) = match self {
            Channel::Push => ("Pushberichten", "Push notifications"),
            Channel::InApp => ("Berichten in de app", "In-app messages"),
            Channel::Email => ("E-mail", "E-mail"),
            Channel::Sms => ("Sms", "Text messages (SMS)"),
            Channel::Phone => ("Telefoon", "Phone calls"),
            Channel::Post => ("Post", "Post"),
        };
        Text { nl, en }
    }

    /// The word a person types for it on the command line; the English
    /// word is the wire name.
    pub const fn word(self) -> Text {
        let nl = match self {
            Channel::Email => "e-mail",
            Channel::Phone => "telefoon",
            other => other.as_str(),
        };
        Text {
            nl,
            en: self.as_str(),
        }
    }

    /// Reads what a person typed: the wire name, the typed word or the
    /// label, in either language, ignoring case.
    pub fn parse_named(s: &str) -> Option<Channel> {
        Channel::ALL
            .into_iter()
            .find(|c| names_match(s, c.as_str(), &[c.word(), c.label()]))
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl MessageKind {
    /// All kinds, in display order.
    pub const ALL: [MessageKind; 4] = [
        MessageKind::Proactive,
        MessageKind::Marketing,
        MessageKind::Feedback,
        MessageKind::Service,
    ];

    /// The kinds a person may switch off (all but service messages).
    pub const BLOCKABLE: [MessageKind; 3] = [
        MessageKind::Proactive,
        MessageKind::Marketing,
        MessageKind::Feedback,
    ];

    /// The wire name, as used on the command line and in files.
    pub const fn as_str(self) -> &'static str {
        match self {
            MessageKind::Proactive => "proactive",
            MessageKind::Marketing => "marketing",
            MessageKind::Feedback => "feedback",
            MessageKind::Service => "service",
        }
    }

    /// What a person calls it (docs/GLOSSARY.md).
    pub const fn label(self) -> Text {
        let (nl, en) = match self {
            MessageKind::Proactive => ("Tips en advies", "Tips and advice"),
            MessageKind::Marketing => ("Reclame en aanbiedingen", "Advertising and offers"),
            MessageKind::Feedback => ("Vragen om feedback", "Requests for feedback"),
            MessageKind::Service => ("Serviceberichten", "Service messages"),
        };
        Text { nl, en }
    }

    /// The word a person types for it on the command line; the English
    /// word is the wire name.
    pub const fn word(self) -> Text {
        let nl = match self {
            MessageKind::Proactive => "tips",
            MessageKind::Marketing => "reclame",
            other => other.as_str(),
        };
        Text {
            nl,
            en: self.as_str(),
        }
    }

    /// Reads what a person typed: the wire name, the typed word or the
    /// label, in either language, ignoring case.
    pub fn parse_named(s: &str) -> Option<MessageKind> {
        MessageKind::ALL
            .into_iter()
            .find(|k| names_match(s, k.as_str(), &[k.word(), k.label()]))
    }

    fn blockable_index(self) -> Option<usize> {
        match self {
            MessageKind::Proactive => Some(0),
            MessageKind::Marketing => Some(1),
            MessageKind::Feedback => Some(2),
            MessageKind::Service => None,
        }
    }
}

/// Whether what a person typed names a value: its wire name or one of its
/// texts in either language, ignoring case and spaces around it.
pub(crate) fn names_match(typed: &str, wire: &str, texts: &[Text]) -> bool {
    let typed = typed.trim().to_lowercase();
    typed == wire
        || texts.iter().any(|t| {
            Language::ALL
                .iter()
                .any(|l| t.get(*l).to_lowercase() == typed)
        })
}

/// Where a switch stands. Every switch in Regie means "allowed" when it is
/// on: a cell of the message table, a consent, and the global switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SwitchState {
    /// Allowed.
    On,
    /// Not allowed.
    Off,
}

impl SwitchState {
    /// Both states.
    pub const ALL: [SwitchState; 2] = [SwitchState::On, SwitchState::Off];

    /// The state for "allowed" or not.
    pub const fn from_allowed(allowed: bool) -> SwitchState {
        if allowed {
            SwitchState::On
        } else {
            SwitchState::Off
        }
    }

    /// Whether it means "allowed".
    pub const fn allows(self) -> bool {
        matches!(self, SwitchState::On)
    }

    /// The wire name, as typed on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            SwitchState::On => "on",
            SwitchState::Off => "off",
        }
    }

    /// What a person calls it (docs/GLOSSARY.md).
    pub const fn label(self) -> Text {
        match self {
            SwitchState::On => Text {
                nl: "aan",
                en: "on",
            },
            SwitchState::Off => Text {
                nl: "uit",
                en: "off",
            },
        }
    }

    /// Reads `on`/`off` or `aan`/`uit`, ignoring case.
    pub fn parse_named(s: &str) -> Option<SwitchState> {
        SwitchState::ALL
            .into_iter()
            .find(|v| names_match(s, v.as_str(), &[v.label()]))
    }
}

/// The global switch: one switch for every organisation at once, on
/// whether they may send unsolicited messages (every kind but service
/// messages). Like every switch it is on when they may; off, no
/// organisation may, except the ones the person exempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GlobalSwitch {
    /// Unsolicited messages allowed: the choices per organisation apply.
    On,
    /// No unsolicited messages from any organisation.
    Off,
}

impl GlobalSwitch {
    /// Both states.
    pub const ALL: [GlobalSwitch; 2] = [GlobalSwitch::On, GlobalSwitch::Off];

    /// The state the vault records as "global off" or not.
    pub const fn from_global_off(global_off: bool) -> GlobalSwitch {
        if global_off {
            GlobalSwitch::Off
        } else {
            GlobalSwitch::On
        }
    }

    /// Whether it stops unsolicited messages.
    pub const fn is_off(self) -> bool {
        matches!(self, GlobalSwitch::Off)
    }

    /// The position, in the words of every switch.
    pub const fn state(self) -> SwitchState {
        match self {
            GlobalSwitch::On => SwitchState::On,
            GlobalSwitch::Off => SwitchState::Off,
        }
    }

    /// The position in words: `aan`/`on` or `uit`/`off`.
    pub const fn label(self) -> Text {
        self.state().label()
    }

    /// What the position means, in a few words.
    pub const fn meaning(self) -> Text {
        match self {
            GlobalSwitch::On => Text {
                nl: "ongevraagde berichten mogen; uw keuzes per organisatie gelden",
                en: "unsolicited messages allowed; your choices per organisation apply",
            },
            GlobalSwitch::Off => Text {
                nl: "geen ongevraagde berichten, van geen enkele organisatie",
                en: "no unsolicited messages, from any organisation",
            },
        }
    }
}

macro_rules! wire_enum_parse {
    ($ty:ty, $what:literal) => {
        impl FromStr for $ty {
            type Err = ContactError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$ty>::ALL
                    .into_iter()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| ContactError::Unknown {
                        what: $what,
                        value: s.to_owned(),
                    })
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
wire_enum_parse!(Channel, "channel");
wire_enum_parse!(MessageKind, "kind of message");
wire_enum_parse!(Language, "language");
wire_enum_parse!(FormOfAddress, "form of address");
wire_enum_parse!(HumanContact, "way to reach a person");

/// Something wrong with a contact preference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ContactError {
    /// Service messages are needed to run the contract and cannot be blocked.
    #[error("service messages cannot be switched off: they are needed for your contract. You can choose their channel instead.")]
    ServiceNotBlockable,
    /// A name that is not in the list.
    #[error("unknown {what} '{value}'")]
    Unknown {
        /// What kind of value it was meant to be.
        what: &'static str,
        /// What was given.
        value: String,
    },
    /// A time zone that is not in the IANA database.
    #[error("unknown time zone '{0}': use a name such as Europe/Amsterdam")]
    TimeZone(String),
    /// Quiet hours that start and end at the same time.
    #[error("quiet hours must start and end at different times")]
    EmptyQuietHours,
    /// A cap of zero or out of range.
    #[error("{0}")]
    Cap(&'static str),
}

/// The person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    /// Dutch.
    #[default]
    Nl,
    /// English.
    En,
}

impl Language {
    /// All languages.
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];
    /// The wire name (BCP 47).
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// What the language is called, in each language (docs/GLOSSARY.md).
    pub const fn label(self) -> Text {
        match self {
            Language::Nl => Text {
                nl: "Nederlands",
                en: "Dutch",
            },
            Language::En => Text {
                nl: "Engels",
                en: "English",
            },
        }
    }

    /// The language of a locale or language tag such as `nl`, `nl_NL.UTF-8`,
    /// `en-GB` or `en_US@euro`; `None` for any other language (and for `C`
    /// or `POSIX`).
    pub fn from_locale(tag: &str) -> Option<Language> {
        let code = tag
            .trim()
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.as_str() == code)
    }

    /// The language to start in, from the environment as `var` reads it:
    /// `REGIE_LANG`, else the locale for messages (`LC_ALL`, else
    /// `LC_MESSAGES`, else `LANG`, the first that is set), else Dutch. The
    /// one rule for the app and both command lines.
    ///
    /// A `REGIE_LANG` that names neither Dutch nor English counts as not
    /// set. The locale `C` (or `POSIX`), the untranslated one, means
    /// English; any other language means Dutch, the default.
    pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> Language {
        let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        if let Some(l) = set("REGIE_LANG").and_then(|v| Language::from_locale(&v)) {
            return l;
        }
        let Some(locale) = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(set) else {
            return Language::default();
        };
        let base = locale.trim().split(['.', '@']).next().unwrap_or_default();
        if base == "C" || base == "POSIX" {
            return Language::En;
        }
        Language::from_locale(&locale).unwrap_or_default()
    }
}

/// How the person wants to be addressed. Neutral by default: no gender is
/// assumed (article 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormOfAddress {
    /// "Beste Sam de Vries": no title, no gender.
    #[default]
    Neutral,
    /// Formal ("u"), still without assuming a gender.
    Formal,
    /// By first name ("je", "Hoi Sam").
    FirstName,
}

impl FormOfAddress {
    /// All forms.
    pub const ALL: [FormOfAddress; 3] = [
        FormOfAddress::Neutral,
        FormOfAddress::Formal,
        FormOfAddress::FirstName,
    ];
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            FormOfAddress::Neutral => "neutral",
            FormOfAddress::Formal => "formal",
            FormOfAddress::FirstName => "first-name",
        }
    }
}

/// The person's preferred way to reach a human (article 003: keep the
/// escape hatch open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HumanContact {
    /// A phone call with a person.
    Phone,
    /// A chat with a person (not a bot).
    Chat,
    /// E-mail answered by a person.
    Email,
    /// In person, at a branch or desk.
    InPerson,
    /// A letter.
    Post,
}

impl HumanContact {
    /// All ways.
    pub const ALL: [HumanContact; 5] = [
        HumanContact::Phone,
        HumanContact::Chat,
        HumanContact::Email,
        HumanContact::InPerson,
        HumanContact::Post,
    ];
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            HumanContact::Phone => "phone",
            HumanContact::Chat => "chat",
            HumanContact::Email => "email",
            HumanContact::InPerson => "in-person",
            HumanContact::Post => "post",
        }
    }
}

/// How often the person may be asked for feedback (article 004: feedback
/// fatigue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum FeedbackCap {
    /// No cap beyond the channel switches.
    #[default]
    NoCap,
    /// Never ask for feedback.
    Never,
    /// At most once per this many months (1 to 60).
    OncePerMonths {
        /// Months between two requests.
        months: u8,
    },
}

impl FeedbackCap {
    /// Checks the range of the months.
    pub fn validate(self) -> Result<Self, ContactError> {
        match self {
            FeedbackCap::OncePerMonths { months } if !(1..=60).contains(&months) => Err(
                ContactError::Cap("the feedback cap must be between 1 and 60 months"),
            ),
            other => Ok(other),
        }
    }
}

/// A daily window in which no messages but service messages may arrive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QuietHours {
    /// Start, local time, "HH:MM".
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    /// End, local time, "HH:MM". May be earlier than `start` (over midnight).
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
    /// IANA time zone, e.g. "Europe/Amsterdam".
    pub time_zone: String,
}

impl QuietHours {
    /// Builds quiet hours, checking the time zone.
    pub fn new(start: NaiveTime, end: NaiveTime, time_zone: &str) -> Result<Self, ContactError> {
        let q = QuietHours {
            start,
            end,
            time_zone: time_zone.to_owned(),
        };
        q.validate()?;
        Ok(q)
    }

    /// Checks the time zone and that the window is not empty.
    pub fn validate(&self) -> Result<(), ContactError> {
        self.tz()?;
        if self.start == self.end {
            return Err(ContactError::EmptyQuietHours);
        }
        Ok(())
    }

    fn tz(&self) -> Result<chrono_tz::Tz, ContactError> {
        self.time_zone
            .parse()
            .map_err(|_| ContactError::TimeZone(self.time_zone.clone()))
    }

    /// Whether the instant falls inside the quiet hours, in their time zone.
    pub fn contains(&self, at: DateTime<Utc>) -> Result<bool, ContactError> {
        let local = self.tz()?.from_utc_datetime(&at.naive_utc()).time();
        let t = local.with_nanosecond(0).unwrap_or(local);
        Ok(if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        })
    }
}

mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s).ok_or_else(|| serde::de::Error::custom(format!("'{s}' is not a time as HH:MM")))
    }
    pub fn parse(s: &str) -> Option<NaiveTime> {
        if s.len() != 5 {
            return None;
        }
        NaiveTime::parse_from_str(s, "%H:%M").ok()
    }
}

/// Parses a local time written as "HH:MM".
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    hhmm::parse(s)
}

/// One organisation's contact preferences.
///
/// The matrix holds the blockable kinds only; service messages are always
/// allowed and have a chosen channel instead.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContactPreferences {
    /// `allowed[channel][kind]` for proactive, marketing and feedback.
    #[serde(with = "matrix")]
    pub allowed: [[bool; 3]; 6],
    /// The channel for service messages, if the person chose one.
    pub service_channel: Option<Channel>,
    /// Quiet hours, if any.
    pub quiet_hours: Option<QuietHours>,
    /// At most this many messages a week (service messages excluded).
    pub max_per_week: Option<u16>,
    /// How often feedback may be requested.
    pub feedback_cap: FeedbackCap,
    /// Preferred language.
    pub language: Option<Language>,
    /// Form of address.
    pub form_of_address: FormOfAddress,
    /// Preferred way to reach a human.
    pub human_contact: Option<HumanContact>,
}

impl Default for ContactPreferences {
    /// Nothing blocked: the person has not said anything yet.
    fn default() -> Self {
        ContactPreferences {
            allowed: [[true; 3]; 6],
            service_channel: None,
            quiet_hours: None,
            max_per_week: None,
            feedback_cap: FeedbackCap::NoCap,
            language: None,
            form_of_address: FormOfAddress::Neutral,
            human_contact: None,
        }
    }
}

impl ContactPreferences {
    /// Whether this channel may carry this kind of message (ignoring quiet
    /// hours and caps, which depend on time and counts).
    pub fn allows(&self, channel: Channel, kind: MessageKind) -> bool {
        match kind.blockable_index() {
            None => true,
            Some(k) => self.allowed[channel.index()][k],
        }
    }

    /// Switches one cell. Blocking a service message is an error.
    pub fn set(
        &mut self,
        channel: Channel,
        kind: MessageKind,
        allowed: bool,
    ) -> Result<(), ContactError> {
        match kind.blockable_index() {
            None if allowed => Ok(()),
            None => Err(ContactError::ServiceNotBlockable),
            Some(k) => {
                self.allowed[channel.index()][k] = allowed;
                Ok(())
            }
        }
    }

    /// Sets the weekly cap (1 to 1000) or removes it.
    pub fn set_max_per_week(&mut self, cap: Option<u16>) -> Result<(), ContactError> {
        if let Some(n) = cap {
            if !(1..=1000).contains(&n) {
                return Err(ContactError::Cap(
                    "the weekly cap must be between 1 and 1000 messages",
                ));
            }
        }
        self.max_per_week = cap;
        Ok(())
    }

    /// The cells that are switched off, as (channel, kind) pairs.
    pub fn blocked(&self) -> Vec<(Channel, MessageKind)> {
        let mut out = Vec::new();
        for ch in Channel::ALL {
            for kind in MessageKind::BLOCKABLE {
                if !self.allows(ch, kind) {
                    out.push((ch, kind));
                }
            }
        }
        out
    }

    /// What an organisation must honour, given the person's global "no
    /// proactive messages from anyone" switch and whether this organisation
    /// is exempted from it.
    ///
    /// With the global switch on and no exemption, every blockable kind is
    /// off on every channel; the rest of the preferences stay as they are.
    pub fn effective(&self, global_off: bool, exempt: bool) -> ContactPreferences {
        let mut out = self.clone();
        if global_off && !exempt {
            out.allowed = [[false; 3]; 6];
        }
        out
    }

    /// Checks every field that has a range or a name to check.
    pub fn validate(&self) -> Result<(), ContactError> {
        if let Some(q) = &self.quiet_hours {
            q.validate()?;
        }
        if let Some(n) = self.max_per_week {
            if !(1..=1000).contains(&n) {
                return Err(ContactError::Cap(
                    "the weekly cap must be between 1 and 1000 messages",
                ));
            }
        }
        self.feedback_cap.validate()?;
        Ok(())
    }
}

mod matrix {
    //! The matrix on the wire: `{"push": {"proactive": false, ...}, ...}`,
    //! every channel and every blockable kind present, nothing else.
    use std::collections::BTreeMap;

    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Channel, MessageKind};

    pub fn serialize<S: Serializer>(m: &[[bool; 3]; 6], s: S) -> Result<S::Ok, S::Error> {
        let mut out: BTreeMap<&str, BTreeMap<&str, bool>> = BTreeMap::new();
        for ch in Channel::ALL {
            let row = out.entry(ch.as_str()).or_default();
            for (k, kind) in MessageKind::BLOCKABLE.into_iter().enumerate() {
                row.insert(kind.as_str(), m[ch as usize][k]);
            }
        }
        out.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[[bool; 3]; 6], D::Error> {
        let raw: BTreeMap<Channel, BTreeMap<MessageKind, bool>> = BTreeMap::deserialize(d)?;
        let mut m = [[true; 3]; 6];
        for ch in Channel::ALL {
            let row = raw
                .get(&ch)
                .ok_or_else(|| D::Error::custom(format!("channel '{ch}' is missing")))?;
            if row.contains_key(&MessageKind::Service) {
                return Err(D::Error::custom(
                    "service messages cannot be switched, so they are not in the matrix",
                ));
            }
            for (k, kind) in MessageKind::BLOCKABLE.into_iter().enumerate() {
                m[ch as usize][k] = *row
                    .get(&kind)
                    .ok_or_else(|| D::Error::custom(format!("'{ch}' has no value for '{kind}'")))?;
            }
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn service_messages_cannot_be_blocked() {
        let mut p = ContactPreferences::default();
        assert_eq!(
            p.set(Channel::Push, MessageKind::Service, false),
            Err(ContactError::ServiceNotBlockable)
        );
        assert!(p.allows(Channel::Push, MessageKind::Service));
        assert!(p
            .effective(true, false)
            .allows(Channel::Push, MessageKind::Service));
    }

    #[test]
    fn kinds_and_channels_are_read_by_wire_name_typed_word_or_label() {
        assert_eq!(
            MessageKind::parse_named("reclame"),
            Some(MessageKind::Marketing)
        );
        assert_eq!(
            MessageKind::parse_named("Marketing"),
            Some(MessageKind::Marketing)
        );
        assert_eq!(
            MessageKind::parse_named("tips"),
            Some(MessageKind::Proactive)
        );
        assert_eq!(
            MessageKind::parse_named(" reclame en aanbiedingen "),
            Some(MessageKind::Marketing)
        );
        assert_eq!(MessageKind::parse_named("ads"), None);
        assert_eq!(Channel::parse_named("telefoon"), Some(Channel::Phone));
        assert_eq!(Channel::parse_named("E-mail"), Some(Channel::Email));
        assert_eq!(Channel::parse_named("email"), Some(Channel::Email));
        assert_eq!(Channel::parse_named("pigeon"), None);
        for k in MessageKind::ALL {
            assert_eq!(MessageKind::parse_named(k.as_str()), Some(k));
            assert_eq!(MessageKind::parse_named(k.word().nl), Some(k));
            assert_eq!(MessageKind::parse_named(k.label().en), Some(k));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse_named(c.word().nl), Some(c));
            assert_eq!(Channel::parse_named(c.label().nl), Some(c));
        }
        assert_eq!(SwitchState::parse_named("uit"), Some(SwitchState::Off));
        assert_eq!(SwitchState::parse_named("ON"), Some(SwitchState::On));
    }

    #[test]
    fn the_global_switch_is_off_when_it_blocks_like_every_switch() {
        let off = GlobalSwitch::from_global_off(true);
        assert!(off.is_off());
        assert_eq!(off.label(), SwitchState::Off.label());
        assert!(!SwitchState::Off.allows());
        assert_eq!(GlobalSwitch::from_global_off(false).label().nl, "aan");
    }

    #[test]
    fn the_start_language_comes_from_regie_lang_then_the_locale_then_dutch() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let pick = |pairs| Language::from_environment(env(pairs));
        assert_eq!(pick(&[]), Language::Nl);
        assert_eq!(pick(&[("LANG", "en_GB.UTF-8")]), Language::En);
        assert_eq!(
            pick(&[("REGIE_LANG", "nl"), ("LANG", "en_GB.UTF-8")]),
            Language::Nl
        );
        assert_eq!(
            pick(&[("REGIE_LANG", "en"), ("LANG", "nl_NL.UTF-8")]),
            Language::En
        );
        assert_eq!(
            pick(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "nl_NL.UTF-8")]),
            Language::En
        );
        assert_eq!(
            pick(&[("LC_MESSAGES", "en_IE"), ("LANG", "nl_NL")]),
            Language::En
        );
        assert_eq!(
            pick(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "nl_BE@euro"),
                ("LANG", "en_GB")
            ]),
            Language::Nl
        );
        // Neither Dutch nor English: a bad REGIE_LANG is passed over, an
        // other language in the locale means the default.
        assert_eq!(
            pick(&[("REGIE_LANG", "fr"), ("LANG", "en_GB")]),
            Language::En
        );
        assert_eq!(pick(&[("LANG", "de_DE.UTF-8")]), Language::Nl);
        // The untranslated locale is English.
        assert_eq!(pick(&[("LANG", "C")]), Language::En);
        assert_eq!(pick(&[("LC_ALL", "POSIX")]), Language::En);
        assert_eq!(pick(&[("LANG", "C.UTF-8")]), Language::En);
        assert_eq!(pick(&[]), Language::Nl);
    }

    #[test]
    fn global_switch_blocks_everything_blockable_unless_exempt() {
        let p = ContactPreferences::default();
        let eff = p.effective(true, false);
        assert_eq!(eff.blocked().len(), 18);
        assert!(p.effective(true, true).blocked().is_empty());
    }

    #[test]
    fn quiet_hours_over_midnight_in_local_time() {
        let q = QuietHours::new(
            parse_hhmm("22:00").unwrap(),
            parse_hhmm("07:30").unwrap(),
            "Europe/Amsterdam",
        )
        .unwrap();
        // 21:30 UTC in winter is 22:30 in Amsterdam.
        assert!(q
            .contains(Utc.with_ymd_and_hms(2026, 1, 10, 21, 30, 0).unwrap())
            .unwrap());
        // 12:00 UTC is 13:00 in Amsterdam.
        assert!(!q
            .contains(Utc.with_ymd_and_hms(2026, 1, 10, 12, 0, 0).unwrap())
            .unwrap());
        // 06:00 UTC in summer is 08:00 in Amsterdam: after the end.
        assert!(!q
            .contains(Utc.with_ymd_and_hms(2026, 7, 10, 6, 0, 0).unwrap())
            .unwrap());
        assert!(QuietHours::new(
            parse_hhmm("22:00").unwrap(),
            parse_hhmm("07:00").unwrap(),
            "Mars/Olympus"
        )
        .is_err());
    }

    #[test]
    fn matrix_round_trips_and_rejects_missing_cells() {
        let mut p = ContactPreferences::default();
        p.set(Channel::Sms, MessageKind::Feedback, false).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        let back: ContactPreferences = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        let broken = json.replace(
            "\"post\":{\"feedback\":true,\"marketing\":true,\"proactive\":true}",
            "\"post\":{}",
        );
        assert!(serde_json::from_str::<ContactPreferences>(&broken).is_err());
    }
}
