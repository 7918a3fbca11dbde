//! A history event in words, for a person: what changed, before and after,
//! in Dutch or English ("Push notifications / Advertising and offers: on ->
//! off", "Advertising to you / Payments: Consent given -> Consent
//! withdrawn"), never the JSON the chain stores.
//!
//! Both front ends show the history (`regie history`, the app's History
//! screen); they call [`Event::describe`] so they say the same thing. The
//! match on the event's kind is exhaustive: a new kind of event does not
//! compile until it can be described.

use regie_model::{
    catalogue, texts, Channel, Concept, ContactPreferences, DecisionState, EventKind, FeedbackCap,
    GlobalSwitch, Language, LegalBasis, MessageKind, SwitchState, Text,
};
use serde_json::Value;

use crate::history::Event;

// The names of things come from regie-model (docs/GLOSSARY.md); only the
// phrases that are the history's own are here.
const ON: Text = SwitchState::On.label();
const OFF: Text = SwitchState::Off.label();
const GLOBAL_OFF: Text = GlobalSwitch::Off.label();
const GLOBAL_UNUSED: Text = GlobalSwitch::On.label();
const EXEMPT: Text = Concept::Exemption.label();
const BASIS: Text = Concept::LegalBasis.label();
const QUIET_HOURS: Text = Concept::QuietHours.label();
const FEEDBACK_CAP: Text = MessageKind::Feedback.label();
const LANGUAGE: Text = Concept::Language.label();

texts! {
    YES = ("ja", "yes");
    NO = ("nee", "no");
    NONE = ("geen", "none");
    UNKNOWN = ("?", "?");
    SERVICE_CHANNEL = ("berichten over uw contract via", "messages about your contract by");
    MAX_PER_WEEK = ("hoogstens per week", "at most per week");
    FEEDBACK_NEVER = ("nooit", "never");
    FEEDBACK_NO_CAP = ("geen grens", "no limit");
    FEEDBACK_EVERY = ("hoogstens eens per {n} maanden", "at most once every {n} months");
    ADDRESS = ("aanspreekvorm", "form of address");
    HUMAN = ("een mens bereiken via", "reach a person by");
    SEQUENCE = ("volgnummer {n}", "sequence number {n}");
    DECLARATION = (
        "uitgegeven op {date}: {added} erbij, {removed} eraf, {changed} met een andere grondslag, {unchanged} hetzelfde",
        "issued on {date}: {added} added, {removed} removed, {changed} on another legal basis, {unchanged} unchanged"
    );
    FROM_BACKUP = ("van een reservekopie", "from a backup");
    WITH_RECOVERY_CODE = ("met de herstelcode", "with the recovery code");
    PINNED = ("vingerafdruk {fp}, bestanden gaan naar {host}", "fingerprint {fp}, files go to {host}");
    KEY_CHANGED = ("vingerafdruk {from} -> {to}", "fingerprint {from} -> {to}");
    LINKED = ("met uw kenmerk {fp}", "with your identifier {fp}");
    RECEIPT_FOR_FILE = ("voor volgnummer {n}: {outcome}", "for sequence number {n}: {outcome}");
    RECEIPT_FOR_LINK = ("voor de koppeling: {outcome}", "for the link: {outcome}");
    ACCEPTED = ("aangenomen", "accepted");
    ALREADY_IMPORTED = ("had de organisatie al", "the organisation had it already");
    REJECTED = ("geweigerd ({code})", "refused ({code})");
}

impl Event {
    /// What this event changed, in words in `lang`; empty when its kind
    /// says it all (the vault was made).
    pub fn describe(&self, lang: Language) -> String {
        let w = Words(lang);
        let before = self.before.as_deref();
        let after = self.after.as_deref();
        match self.kind {
            EventKind::VaultCreated => String::new(),
            EventKind::OrganisationAdded | EventKind::OrganisationUpdated => self.subject.clone(),
            EventKind::HoldingAdded => w.holding(&self.subject, after),
            EventKind::HoldingRemoved => w.holding(&self.subject, before),
            EventKind::Decision => w.decision(&self.subject, before, after),
            EventKind::ContactChanged => match (contact(before), contact(after)) {
                (Some(b), Some(a)) => {
                    let d = w.contact_diff(&b, &a);
                    if d.is_empty() {
                        self.subject.clone()
                    } else {
                        d.join("; ")
                    }
                }
                _ => self.subject.clone(),
            },
            EventKind::GlobalSwitch => {
                let word = |v| {
                    w.t(if flag(v) == Some(true) {
                        GLOBAL_OFF
                    } else {
                        GLOBAL_UNUSED
                    })
                };
                format!("{} -> {}", word(before), word(after))
            }
            EventKind::Exemption => {
                format!(
                    "{}: {} -> {}",
                    w.t(EXEMPT),
                    w.yes_no(before),
                    w.yes_no(after)
                )
            }
            EventKind::Sensitive => format!(
                "{}: {} -> {}",
                w.term(&self.subject),
                w.yes_no(before),
                w.yes_no(after)
            ),
            EventKind::Exported | EventKind::KeyRotated => {
                match json(after).and_then(|v| v["sequence"].as_u64()) {
                    Some(n) => SEQUENCE.fill(lang, &[("n", &n.to_string())]),
                    None => self.subject.clone(),
                }
            }
            EventKind::DeclarationImported => {
                w.declaration(after).unwrap_or_else(|| self.subject.clone())
            }
            EventKind::Restored => match self.subject.as_str() {
                "from-backup" => w.t(FROM_BACKUP).to_owned(),
                "recovery-code" => w.t(WITH_RECOVERY_CODE).to_owned(),
                other => other.to_owned(),
            },
            EventKind::ReceiptKeyPinned => match json(after) {
                Some(v) => PINNED.fill(
                    lang,
                    &[
                        ("fp", v["fingerprint"].as_str().unwrap_or(&self.subject)),
                        ("host", &host_of(v["inbox"].as_str().unwrap_or("?"))),
                    ],
                ),
                None => self.subject.clone(),
            },
            EventKind::ReceiptKeyChanged => {
                let from = json(before).and_then(|v| v["fingerprint"].as_str().map(str::to_owned));
                KEY_CHANGED.fill(
                    lang,
                    &[
                        ("from", from.as_deref().unwrap_or("?")),
                        ("to", &self.subject),
                    ],
                )
            }
            EventKind::Linked => LINKED.fill(lang, &[("fp", &self.subject)]),
            EventKind::ReceiptStored => w.receipt(after).unwrap_or_else(|| self.subject.clone()),
            EventKind::RequestMade
            | EventKind::RequestSent
            | EventKind::RequestExtended
            | EventKind::RequestAnswered => crate::requests::describe(self.kind, after, lang)
                .unwrap_or_else(|| self.subject.clone()),
        }
    }
}

/// The host of an inbox URL, as a person recognises it.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_owned()
}

fn json(v: Option<&str>) -> Option<Value> {
    serde_json::from_str(v?).ok()
}

fn flag(v: Option<&str>) -> Option<bool> {
    v?.parse().ok()
}

fn contact(v: Option<&str>) -> Option<ContactPreferences> {
    serde_json::from_str(v?).ok()
}

/// A holding's basis and decision as an event records them: a decision
/// alone (`"consent-withdrawn"`), or both (`{"basis": .., "decision": ..}`).
fn basis_and_decision(v: Option<&str>) -> (Option<LegalBasis>, Option<DecisionState>) {
    match json(v) {
        Some(Value::String(s)) => (None, DecisionState::parse(&s)),
        Some(o @ Value::Object(_)) => (
            o["basis"].as_str().and_then(LegalBasis::parse),
            o["decision"].as_str().and_then(DecisionState::parse),
        ),
        _ => (None, None),
    }
}

/// The words, in one language.
#[derive(Clone, Copy)]
struct Words(Language);

impl Words {
    fn t(self, t: Text) -> &'static str {
        t.get(self.0)
    }

    fn yes_no(self, v: Option<&str>) -> &'static str {
        self.t(if flag(v) == Some(true) { YES } else { NO })
    }

    fn on_off(self, on: bool) -> &'static str {
        self.t(if on { ON } else { OFF })
    }

    /// A purpose or data category by its label.
    fn term(self, compact: &str) -> String {
        match catalogue::lookup(compact) {
            Some(t) => t.label.get(self.0).to_owned(),
            None => compact.to_owned(),
        }
    }

    /// "Purpose / category", for subjects written as `dpv:X pd:Y`.
    fn purpose_category(self, subject: &str) -> String {
        match subject.split_once(' ') {
            Some((p, c)) => format!("{} / {}", self.term(p), self.term(c)),
            None => subject.to_owned(),
        }
    }

    /// A holding added or removed, with its basis.
    fn holding(self, subject: &str, state: Option<&str>) -> String {
        let what = self.purpose_category(subject);
        match basis_and_decision(state).0 {
            Some(b) => format!("{what} ({})", self.t(b.label())),
            None => what,
        }
    }

    /// A decision, and the legal basis when a declaration changed it.
    fn decision(self, subject: &str, before: Option<&str>, after: Option<&str>) -> String {
        let (b0, d0) = basis_and_decision(before);
        let (b1, d1) = basis_and_decision(after);
        let state = |d: Option<DecisionState>| d.map_or(self.t(UNKNOWN), |d| self.t(d.label()));
        let mut out = format!(
            "{}: {} -> {}",
            self.purpose_category(subject),
            state(d0),
            state(d1)
        );
        if let (Some(b0), Some(b1)) = (b0, b1) {
            if b0 != b1 {
                out.push_str(&format!(
                    "; {}: {} -> {}",
                    self.t(BASIS),
                    self.t(b0.label()),
                    self.t(b1.label())
                ));
            }
        }
        out
    }

    /// What an imported declaration changed, from its report.
    fn declaration(self, report: Option<&str>) -> Option<String> {
        let r = json(report)?;
        let count = |k: &str| r[k].as_array().map_or(0, Vec::len).to_string();
        Some(DECLARATION.fill(
            self.0,
            &[
                ("date", r["issued"].as_str()?),
                ("added", &count("added")),
                ("removed", &count("removed")),
                ("changed", &count("basis_changed")),
                ("unchanged", &r["unchanged"].as_u64()?.to_string()),
            ],
        ))
    }

    /// What a kept receipt says: which file, and what the organisation
    /// did with it.
    fn receipt(self, record: Option<&str>) -> Option<String> {
        let r = json(record)?;
        let outcome = match r["outcome"].as_str()? {
            "accepted" => self.t(ACCEPTED).to_owned(),
            "already-imported" => self.t(ALREADY_IMPORTED).to_owned(),
            "rejected" => REJECTED.fill(
                self.0,
                &[("code", r["rejection_code"].as_str().unwrap_or("?"))],
            ),
            other => other.to_owned(),
        };
        Some(match r["sequence"].as_u64() {
            Some(n) => {
                RECEIPT_FOR_FILE.fill(self.0, &[("n", &n.to_string()), ("outcome", &outcome)])
            }
            None => RECEIPT_FOR_LINK.fill(self.0, &[("outcome", &outcome)]),
        })
    }

    fn feedback(self, cap: FeedbackCap) -> String {
        match cap {
            FeedbackCap::Never => self.t(FEEDBACK_NEVER).to_owned(),
            FeedbackCap::OncePerMonths { months } => {
                FEEDBACK_EVERY.fill(self.0, &[("n", &months.to_string())])
            }
            _ => self.t(FEEDBACK_NO_CAP).to_owned(),
        }
    }

    /// What changed between two sets of preferences.
    fn contact_diff(self, b: &ContactPreferences, a: &ContactPreferences) -> Vec<String> {
        let mut d = Vec::new();
        let mut cells = Vec::new();
        for ch in Channel::ALL {
            for k in MessageKind::BLOCKABLE {
                if b.allows(ch, k) != a.allows(ch, k) {
                    cells.push((ch, k));
                }
            }
        }
        if cells.len() == Channel::ALL.len() * MessageKind::BLOCKABLE.len() {
            let (c0, k0) = cells[0];
            d.push(format!(
                "{} -> {}",
                self.on_off(b.allows(c0, k0)),
                self.on_off(a.allows(c0, k0))
            ));
        } else {
            for (ch, k) in cells {
                d.push(format!(
                    "{} / {}: {} -> {}",
                    self.t(ch.label()),
                    self.t(k.label()),
                    self.on_off(b.allows(ch, k)),
                    self.on_off(a.allows(ch, k))
                ));
            }
        }
        let none = self.t(NONE);
        let mut changed = |what: Text, from: String, to: String| {
            d.push(format!("{}: {from} -> {to}", self.t(what)));
        };
        if b.service_channel != a.service_channel {
            let w = |c: Option<Channel>| c.map_or(none, |c| self.t(c.label())).to_owned();
            changed(SERVICE_CHANNEL, w(b.service_channel), w(a.service_channel));
        }
        if b.quiet_hours != a.quiet_hours {
            let w = |q: &Option<regie_model::QuietHours>| {
                q.as_ref().map_or_else(
                    || none.to_owned(),
                    |q| format!("{}-{}", q.start.format("%H:%M"), q.end.format("%H:%M")),
                )
            };
            changed(QUIET_HOURS, w(&b.quiet_hours), w(&a.quiet_hours));
        }
        if b.max_per_week != a.max_per_week {
            let w = |m: Option<u16>| m.map_or_else(|| none.to_owned(), |n| n.to_string());
            changed(MAX_PER_WEEK, w(b.max_per_week), w(a.max_per_week));
        }
        if b.feedback_cap != a.feedback_cap {
            changed(
                FEEDBACK_CAP,
                self.feedback(b.feedback_cap),
                self.feedback(a.feedback_cap),
            );
        }
        if b.language != a.language {
            let w = |l: Option<Language>| l.map_or(none, |l| l.as_str()).to_owned();
            changed(LANGUAGE, w(b.language), w(a.language));
        }
        if b.form_of_address != a.form_of_address {
            changed(
                ADDRESS,
                b.form_of_address.as_str().to_owned(),
                a.form_of_address.as_str().to_owned(),
            );
        }
        if b.human_contact != a.human_contact {
            let w =
                |h: Option<regie_model::HumanContact>| h.map_or(none, |h| h.as_str()).to_owned();
            changed(HUMAN, w(b.human_contact), w(a.human_contact));
        }
        d
    }
}
