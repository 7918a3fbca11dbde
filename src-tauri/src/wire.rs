//! The transfer types: what crosses IPC, declared once here and exported to
//! TypeScript (ui/src/lib/generated/). They mirror the libraries' types so
//! that the libraries need not know about IPC; conversions only, no rules.

use regie_model as m;
use regie_vault as v;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares a wire enum that mirrors a library enum one for one.
macro_rules! mirror {
    ($(#[$meta:meta])* $name:ident <=> $lib:path { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl From<$lib> for $name {
            fn from(x: $lib) -> Self {
                use $lib as L;
                #[allow(unreachable_patterns)]
                match x { $(L::$variant => $name::$variant,)+ }
            }
        }

        impl From<$name> for $lib {
            fn from(x: $name) -> Self {
                use $lib as L;
                match x { $($name::$variant => L::$variant,)+ }
            }
        }
    };
}

mirror!(
    /// A way an organisation can reach the person.
    Channel <=> m::Channel { Push, InApp, Email, Sms, Phone, Post }
);
mirror!(
    /// A kind of message.
    MessageKind <=> m::MessageKind { Proactive, Marketing, Feedback, Service }
);
mirror!(
    /// The person's language.
    Language <=> m::Language { Nl, En }
);
mirror!(
    /// How the person wants to be addressed.
    FormOfAddress <=> m::FormOfAddress { Neutral, Formal, FirstName }
);
mirror!(
    /// How the person wants to reach a human.
    HumanContact <=> m::HumanContact { Phone, Chat, Email, InPerson, Post }
);
mirror!(
    /// The person's decision on a holding.
    DecisionState <=> m::DecisionState { ConsentGiven, ConsentWithdrawn, NotObjected, Objected, Locked }
);
mirror!(
    /// What the person does about a holding.
    DecisionAction <=> m::DecisionAction { GiveConsent, WithdrawConsent, Object, WithdrawObjection }
);
mirror!(
    /// GDPR Art. 6(1) legal bases.
    LegalBasis <=> m::LegalBasis { Consent, Contract, LegalObligation, VitalInterest, PublicInterest, LegitimateInterest }
);
mirror!(
    /// General or specific data.
    DataScope <=> m::DataScope { General, Specific }
);
mirror!(
    /// Incidental or continuous.
    Frequency <=> m::Frequency { Incidental, Continuous }
);
mirror!(
    /// Where a record came from.
    Source <=> v::Source { Person, Declaration, Example }
);
mirror!(
    /// What kind of change a history event records.
    EventKind <=> m::EventKind {
        VaultCreated, OrganisationAdded, OrganisationUpdated, HoldingAdded, HoldingRemoved,
        Decision, ContactChanged, GlobalSwitch, Exemption, Sensitive, Exported,
        DeclarationImported, Restored, KeyRotated, ReceiptKeyPinned, ReceiptKeyChanged,
        Linked, ReceiptStored, RequestMade, RequestSent, RequestExtended, RequestAnswered
    }
);

/// A text in Dutch and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Label {
    pub nl: String,
    pub en: String,
}

impl From<m::Text> for Label {
    fn from(t: m::Text) -> Self {
        Label {
            nl: t.nl.into(),
            en: t.en.into(),
        }
    }
}

impl From<v::BiText> for Label {
    fn from(t: v::BiText) -> Self {
        Label { nl: t.nl, en: t.en }
    }
}

impl From<Label> for v::BiText {
    fn from(t: Label) -> Self {
        v::BiText::new(t.nl, t.en)
    }
}

/// The grain of a monitoring purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Grain {
    pub scope: DataScope,
    pub frequency: Frequency,
}

impl From<m::Grain> for Grain {
    fn from(g: m::Grain) -> Self {
        Grain {
            scope: g.scope.into(),
            frequency: g.frequency.into(),
        }
    }
}

impl From<Grain> for m::Grain {
    fn from(g: Grain) -> Self {
        m::Grain {
            scope: g.scope.into(),
            frequency: g.frequency.into(),
        }
    }
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub sector: Option<String>,
    pub website: Option<String>,
    pub privacy_email: Option<String>,
    pub privacy_postal: Option<String>,
    pub source: Source,
    /// ISO date (YYYY-MM-DD) of the declaration or example set.
    pub source_date: Option<String>,
}

impl From<v::Organisation> for Organisation {
    fn from(o: v::Organisation) -> Self {
        Organisation {
            id: o.id.as_str().to_owned(),
            name: o.name,
            sector: o.sector,
            website: o.website,
            privacy_email: o.privacy_email,
            privacy_postal: o.privacy_postal,
            source: o.source.into(),
            source_date: o.source_date.map(|d| d.to_string()),
        }
    }
}

/// An organisation the person adds by hand. A field left out reads as
/// empty, so that the vault refuses it with its own words (an id or a name
/// is missing) rather than the form failing with a parser's message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewOrganisation {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub privacy_email: Option<String>,
}

impl NewOrganisation {
    /// The vault's organisation, entered by the person. Its name and
    /// address are checked when the vault adds it.
    pub fn into_vault(self) -> Result<v::Organisation, v::Error> {
        let mut o = v::Organisation::new(m::OrgId::parse(&self.id)?, self.name);
        o.sector = self.sector.filter(|s| !s.is_empty());
        o.website = self.website.filter(|s| !s.is_empty());
        o.privacy_email = self.privacy_email.filter(|s| !s.is_empty());
        Ok(o)
    }
}

/// One line of the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgSummary {
    pub org: Organisation,
    pub categories: Vec<String>,
    pub purposes: Vec<String>,
    pub holdings: u32,
    pub switched_off: u32,
    pub blocked_cells: u32,
    pub exempt_from_global: bool,
    /// Where delivery stands, for an organisation with an inbox.
    pub delivery: Option<DeliveryState>,
    /// How many of the person's requests to it are overdue.
    pub overdue_requests: u32,
}

fn n(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl From<v::OrgSummary> for OrgSummary {
    fn from(s: v::OrgSummary) -> Self {
        OrgSummary {
            org: s.org.into(),
            categories: s.categories,
            purposes: s.purposes,
            holdings: n(s.holdings),
            switched_off: n(s.switched_off),
            blocked_cells: n(s.blocked_cells),
            exempt_from_global: s.exempt_from_global,
            delivery: None,
            overdue_requests: 0,
        }
    }
}

/// The overview: every organisation, and the global switch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub organisations: Vec<OrgSummary>,
    pub global_off: bool,
}

/// A holding to add by hand.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewHolding {
    pub category: String,
    pub purpose: String,
    pub basis: LegalBasis,
    pub retention: Option<String>,
    pub grain: Option<Grain>,
}

impl From<NewHolding> for v::NewHolding {
    fn from(h: NewHolding) -> Self {
        v::NewHolding {
            category: h.category,
            purpose: h.purpose,
            basis: h.basis.into(),
            retention: h.retention.filter(|s| !s.is_empty()),
            grain: h.grain.map(Into::into),
            locked_reason: None,
            note: None,
        }
    }
}

/// One data category held for one purpose on one legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Holding {
    pub id: String,
    pub category: String,
    pub purpose: String,
    pub basis: LegalBasis,
    /// The legal basis in plain words.
    pub basis_label: Label,
    /// What the legal basis means for the person.
    pub basis_explanation: Label,
    pub retention: Option<String>,
    pub grain: Option<Grain>,
    /// The grain in plain words.
    pub grain_text: Option<Label>,
    pub decision: DecisionState,
    pub locked: bool,
    /// Why it cannot be switched off, naming the law.
    pub locked_reason: Option<Label>,
    pub note: Option<Label>,
    pub decided_at: Option<String>,
}

impl From<v::Holding> for Holding {
    fn from(h: v::Holding) -> Self {
        let locked = h.is_locked();
        let locked_reason = locked.then(|| h.locked_reason().into());
        Holding {
            id: h.id.to_string(),
            basis_label: h.what.basis.label().into(),
            basis_explanation: h.what.basis.explanation().into(),
            grain_text: h.what.grain.map(|g| g.describe().into()),
            category: h.what.category,
            purpose: h.what.purpose,
            basis: h.what.basis.into(),
            retention: h.what.retention,
            grain: h.what.grain.map(Into::into),
            decision: h.decision.into(),
            locked,
            locked_reason,
            note: h.what.note.map(Into::into),
            decided_at: h.decided_at.map(|t| t.to_rfc3339()),
        }
    }
}

/// One switch of the channel x kind matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Cell {
    pub channel: Channel,
    pub kind: MessageKind,
    pub allowed: bool,
}

/// Quiet hours, local time "HH:MM".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuietHours {
    pub start: String,
    pub end: String,
    pub time_zone: String,
}

/// How often feedback may be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum FeedbackCap {
    NoCap,
    Never,
    OncePerMonths { months: u8 },
}

impl From<m::FeedbackCap> for FeedbackCap {
    fn from(c: m::FeedbackCap) -> Self {
        match c {
            m::FeedbackCap::Never => FeedbackCap::Never,
            m::FeedbackCap::OncePerMonths { months } => FeedbackCap::OncePerMonths { months },
            _ => FeedbackCap::NoCap,
        }
    }
}

impl From<FeedbackCap> for m::FeedbackCap {
    fn from(c: FeedbackCap) -> Self {
        match c {
            FeedbackCap::NoCap => m::FeedbackCap::NoCap,
            FeedbackCap::Never => m::FeedbackCap::Never,
            FeedbackCap::OncePerMonths { months } => m::FeedbackCap::OncePerMonths { months },
        }
    }
}

/// The settings of the contact preferences besides the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactSettings {
    pub service_channel: Option<Channel>,
    pub quiet_hours: Option<QuietHours>,
    pub max_per_week: Option<u16>,
    pub feedback_cap: FeedbackCap,
    pub language: Option<Language>,
    pub form_of_address: FormOfAddress,
    pub human_contact: Option<HumanContact>,
}

impl ContactSettings {
    /// Writes these settings into the vault's preferences (the vault
    /// validates them).
    pub fn apply(self, p: &mut m::ContactPreferences) -> Result<(), v::Error> {
        p.service_channel = self.service_channel.map(Into::into);
        p.quiet_hours = match self.quiet_hours {
            None => None,
            Some(q) => {
                let bad = |s: &str| m::ContactError::Unknown {
                    what: "time",
                    value: s.to_owned(),
                };
                let start = m::contact::parse_hhmm(&q.start).ok_or_else(|| bad(&q.start))?;
                let end = m::contact::parse_hhmm(&q.end).ok_or_else(|| bad(&q.end))?;
                Some(m::QuietHours::new(start, end, &q.time_zone)?)
            }
        };
        p.set_max_per_week(self.max_per_week)?;
        p.feedback_cap = m::FeedbackCap::from(self.feedback_cap).validate()?;
        p.language = self.language.map(Into::into);
        p.form_of_address = self.form_of_address.into();
        p.human_contact = self.human_contact.map(Into::into);
        Ok(())
    }
}

/// One organisation's contact preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// Every channel x blockable kind.
    pub cells: Vec<Cell>,
    pub settings: ContactSettings,
}

impl From<&m::ContactPreferences> for Contact {
    fn from(p: &m::ContactPreferences) -> Self {
        let cells = m::Channel::ALL
            .into_iter()
            .flat_map(|c| {
                m::MessageKind::BLOCKABLE.into_iter().map(move |k| Cell {
                    channel: c.into(),
                    kind: k.into(),
                    allowed: p.allows(c, k),
                })
            })
            .collect();
        Contact {
            cells,
            settings: ContactSettings {
                service_channel: p.service_channel.map(Into::into),
                quiet_hours: p.quiet_hours.as_ref().map(|q| QuietHours {
                    start: q.start.format("%H:%M").to_string(),
                    end: q.end.format("%H:%M").to_string(),
                    time_zone: q.time_zone.clone(),
                }),
                max_per_week: p.max_per_week,
                feedback_cap: p.feedback_cap.into(),
                language: p.language.map(Into::into),
                form_of_address: p.form_of_address.into(),
                human_contact: p.human_contact.map(Into::into),
            },
        }
    }
}

/// Everything about one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgPage {
    pub org: Organisation,
    pub holdings: Vec<Holding>,
    /// What the person set.
    pub contact: Contact,
    /// What the organisation must honour, with the global switch applied.
    pub effective_contact: Contact,
    pub global_off: bool,
    pub exempt_from_global: bool,
    /// Data categories the person marked sensitive (all organisations).
    pub sensitive_categories: Vec<String>,
}

impl OrgPage {
    /// The page, with the sensitive categories beside it.
    pub fn new(p: v::OrgPage, sensitive_categories: Vec<String>) -> Self {
        OrgPage {
            org: p.org.into(),
            holdings: p.holdings.into_iter().map(Into::into).collect(),
            contact: (&p.contact).into(),
            effective_contact: (&p.effective_contact).into(),
            global_off: p.global_off,
            exempt_from_global: p.exempt_from_global,
            sensitive_categories,
        }
    }
}

/// A DPV term with its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    pub compact: String,
    pub is_purpose: bool,
    pub label: Label,
    pub explanation: Label,
    pub monitoring: bool,
    pub sensitive: bool,
}

impl From<&m::catalogue::Term> for Term {
    fn from(t: &m::catalogue::Term) -> Self {
        Term {
            compact: t.compact.to_owned(),
            is_purpose: t.kind == m::catalogue::TermKind::Purpose,
            label: t.label.into(),
            explanation: t.explanation.into(),
            monitoring: t.monitoring,
            sensitive: t.sensitive,
        }
    }
}

/// The catalogue of purposes and data categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Catalogue {
    pub terms: Vec<Term>,
}

impl Catalogue {
    /// Every term Regie knows.
    pub fn all() -> Self {
        Catalogue {
            terms: m::catalogue::purposes()
                .chain(m::catalogue::data_categories())
                .map(Into::into)
                .collect(),
        }
    }
}

/// One recorded change, in words: the vault's, as `regie history` shows
/// them, never the JSON the history stores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub seq: u32,
    /// RFC 3339, UTC.
    pub at: String,
    pub org_id: Option<String>,
    pub kind: EventKind,
    /// What kind of change, in words.
    pub label: Label,
    /// What changed, before and after, in words; empty when the kind says
    /// it all.
    pub description: Label,
}

impl From<v::Event> for Event {
    fn from(e: v::Event) -> Self {
        Event {
            seq: u32::try_from(e.seq).unwrap_or(u32::MAX),
            at: e.at.to_rfc3339(),
            org_id: e.org_id.as_ref().map(|o| o.as_str().to_owned()),
            kind: e.kind.into(),
            label: e.kind.label().into(),
            description: Label {
                nl: e.describe(m::Language::Nl),
                en: e.describe(m::Language::En),
            },
        }
    }
}

/// What a backup wrote and checked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BackupReport {
    pub path: String,
    pub bytes: f64,
    pub organisations: u32,
    pub events: u32,
}

impl From<v::BackupReport> for BackupReport {
    fn from(b: v::BackupReport) -> Self {
        BackupReport {
            path: b.path.display().to_string(),
            bytes: b.bytes as f64,
            organisations: u32::try_from(b.organisations).unwrap_or(u32::MAX),
            events: u32::try_from(b.events).unwrap_or(u32::MAX),
        }
    }
}

/// How the vault's key is protected when creating or restoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ProtectionKind {
    Keychain,
    Passphrase,
}

/// What the app is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SessionState {
    /// No vault at the default path: the first-start screen.
    NoVault,
    /// A vault exists but is not open (passphrase needed, keychain locked,
    /// or locked by the person).
    Locked,
    /// A vault is open.
    Open,
}

/// The app's state, for the UI to pick a screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub state: SessionState,
    /// A throwaway demo vault, deleted at exit.
    pub demo: bool,
    pub vault_path: String,
    pub uses_keychain: Option<bool>,
    pub language: Language,
    /// Where exports and backups go unless the person picks another folder.
    pub default_folder: String,
    /// Why the vault at the default path did not open by itself.
    pub open_error: Option<crate::error::IpcError>,
}

/// The recovery code, returned once by create and restore, never again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryCodeOnce {
    pub recovery_code: String,
}

/// Whether the OS keychain works here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeychainStatus {
    /// The open vault keeps its key in the OS keychain.
    pub vault_uses_keychain: Option<bool>,
    pub available: bool,
    /// Why not, in the person's language.
    pub problem: Option<String>,
}

/// A preference file read back and verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReadableFile {
    pub path: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub sequence: u32,
    /// The pairwise identifier (did:key) that signed it.
    pub issuer: String,
    pub created: String,
    pub headline: String,
    pub lines: Vec<String>,
    /// The blocked channel x kind cells the organisation must honour.
    pub blocked: Vec<Cell>,
    /// The file itself, as saved.
    pub json: String,
}

/// A saved export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub file: ReadableFile,
}

/// The pairwise identifier for one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PairwiseId {
    pub organisation_id: String,
    pub did: String,
}

/// What an imported declaration changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    pub organisation_id: String,
    /// ISO date of the declaration.
    pub issued: String,
    pub organisation_added: bool,
    pub added: u32,
    pub removed: u32,
    pub basis_changed: u32,
    pub unchanged: u32,
    /// For a signed declaration: the fingerprint of the organisation's
    /// key, to compare with what it shows elsewhere.
    pub fingerprint: Option<String>,
    /// For a signed declaration: whether its key was recorded now
    /// (`first`), is the one recorded before (`same`), or replaced it
    /// with a change the old key signed (`replaced`).
    pub key_change: Option<String>,
}

impl From<v::DeclarationReport> for Imported {
    fn from(r: v::DeclarationReport) -> Self {
        Imported {
            organisation_id: r.org.as_str().to_owned(),
            issued: r.issued.to_string(),
            organisation_added: r.organisation_added,
            added: n(r.added.len()),
            removed: n(r.removed.len()),
            basis_changed: n(r.basis_changed.len()),
            unchanged: n(r.unchanged),
            fingerprint: r.delivery.as_ref().map(|d| d.fingerprint.clone()),
            key_change: r.delivery.as_ref().map(|d| {
                match d.pin {
                    v::PinChange::First => "first",
                    v::PinChange::Same => "same",
                    v::PinChange::Replaced => "replaced",
                }
                .to_owned()
            }),
        }
    }
}

/// Where delivery to one organisation stands, at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DeliveryState {
    /// It has an inbox, but the person has not linked it with a code.
    NotLinked,
    /// Linked, and nothing was sent yet.
    Linked,
    /// A file waits to be sent (or sent again).
    Waiting,
    /// Regie stopped sending until the person acts: a receipt was signed
    /// by another key than the organisation's recorded one.
    Held,
    /// The organisation refused the newest file.
    Refused,
    /// The organisation confirmed the newest file with a receipt.
    Confirmed,
}

/// A receipt kept in the vault, as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptView {
    pub receipt_id: String,
    /// `accepted`, `already-imported` or `rejected`.
    pub outcome: String,
    /// RFC 3339: when the organisation received the file.
    pub received: String,
    /// RFC 3339: from when it honours it.
    pub honoured_from: Option<String>,
    /// Why it refused the file, in the person's language.
    pub reason: Option<String>,
}

/// Where delivery to one organisation stands, with what to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryView {
    pub state: DeliveryState,
    /// The inbox's host, as a person recognises it.
    pub inbox_host: String,
    /// The fingerprint of the organisation's recorded key.
    pub fingerprint: String,
    /// RFC 3339: when the person linked it.
    pub linked_at: Option<String>,
    /// RFC 3339: since when a file waits.
    pub waiting_since: Option<String>,
    /// RFC 3339: when Regie tries again by itself.
    pub next_try_at: Option<String>,
    /// Why the last try did not end in a receipt, in the person's language.
    pub problem: Option<String>,
    /// Its code, for the UI to switch on.
    pub problem_code: Option<String>,
    /// A new identifier waits to be confirmed: until then the
    /// organisation knows the person by the old one.
    pub new_identifier_waiting: bool,
    /// The newest receipt for a preference file or a new identifier.
    pub receipt: Option<ReceiptView>,
}

fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl DeliveryState {
    /// Where delivery stands for `d`, at a glance.
    pub fn of(d: &v::Delivery) -> Self {
        match (&d.linked_at, &d.waiting, &d.last_receipt) {
            (None, _, _) => DeliveryState::NotLinked,
            (_, Some(w), _) if w.held => DeliveryState::Held,
            (_, Some(_), _) => DeliveryState::Waiting,
            (_, None, Some(r)) if r.outcome == regie_prefs::Outcome::Rejected => {
                DeliveryState::Refused
            }
            (_, None, Some(_)) => DeliveryState::Confirmed,
            (_, None, None) => DeliveryState::Linked,
        }
    }
}

impl DeliveryView {
    /// What to show for `d`, in `lang`.
    pub fn new(d: v::Delivery, lang: m::Language) -> Self {
        let state = DeliveryState::of(&d);
        let receipt = d.last_receipt.map(|r| ReceiptView {
            receipt_id: r.receipt_id,
            outcome: r.outcome.as_str().to_owned(),
            received: rfc3339(r.received),
            honoured_from: r.honoured_from.map(rfc3339),
            reason: r
                .rejection_code
                .as_deref()
                .map(|c| v::reasons::rejection_text(c, lang)),
        });
        let w = d.waiting.as_ref();
        DeliveryView {
            state,
            inbox_host: d.inbox_host,
            fingerprint: d.fingerprint,
            linked_at: d.linked_at.map(rfc3339),
            waiting_since: w.map(|w| rfc3339(w.since)),
            next_try_at: w.and_then(|w| w.next_try_at).map(rfc3339),
            problem: w.and_then(|w| w.problem.as_ref()).map(|p| p.message(lang)),
            problem_code: w
                .and_then(|w| w.problem.as_ref())
                .map(|p| p.code().to_owned()),
            new_identifier_waiting: w
                .is_some_and(|w| w.files.iter().any(|f| f.kind == v::FileKind::KeyRotation)),
            receipt,
        }
    }
}

/// The root types, exported to TypeScript (see the `generated` test).
pub fn export_all(dir: &std::path::Path) -> Result<(), ts_rs::ExportError> {
    use crate::error::IpcError;
    IpcError::export_all_to(dir)?;
    Overview::export_all_to(dir)?;
    OrgPage::export_all_to(dir)?;
    NewOrganisation::export_all_to(dir)?;
    NewHolding::export_all_to(dir)?;
    DecisionAction::export_all_to(dir)?;
    Catalogue::export_all_to(dir)?;
    Event::export_all_to(dir)?;
    BackupReport::export_all_to(dir)?;
    ProtectionKind::export_all_to(dir)?;
    AppStatus::export_all_to(dir)?;
    RecoveryCodeOnce::export_all_to(dir)?;
    KeychainStatus::export_all_to(dir)?;
    Exported::export_all_to(dir)?;
    PairwiseId::export_all_to(dir)?;
    Imported::export_all_to(dir)?;
    Holding::export_all_to(dir)?;
    DeliveryView::export_all_to(dir)?;
    crate::rights::RequestSummary::export_all_to(dir)?;
    crate::rights::NewRequest::export_all_to(dir)?;
    crate::rights::LetterView::export_all_to(dir)?;
    crate::rights::DirectoryHit::export_all_to(dir)?;
    crate::rights::OutcomeName::export_all_to(dir)?;
    crate::rights::ViaName::export_all_to(dir)?;
    crate::rights::LetterName::export_all_to(dir)?;
    Ok(())
}
