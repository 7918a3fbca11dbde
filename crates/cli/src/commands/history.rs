//! `regie history`: the timeline of changes, in local time and plain words.

use chrono::Local;
use regie_model::{Channel, ContactPreferences, DecisionState, LegalBasis, MessageKind};
use regie_vault::Event;

use crate::context::{resolve_org, Ctx};
use crate::exit::Result;
use crate::i18n;
use crate::output::Out;

/// Prints the history, of everything or of one organisation.
pub fn run(ctx: &Ctx, org: Option<&str>) -> Result<()> {
    let vault = ctx.open()?;
    let id = org.map(|o| resolve_org(&vault, o)).transpose()?;
    let events = vault.history(id.as_ref())?;
    let out = ctx.out;
    out.data(&events);
    if out.json {
        return Ok(());
    }
    out.line(out.t(i18n::HISTORY_TITLE));
    if events.is_empty() {
        out.line(out.t(i18n::HISTORY_EMPTY));
    }
    for ev in &events {
        let when = ev.at.with_timezone(&Local).format("%Y-%m-%d %H:%M");
        let who = match (&id, &ev.org_id) {
            (None, Some(o)) => format!(" [{o}]"),
            _ => String::new(),
        };
        let what = describe(out, ev);
        let sep = if what.is_empty() { "" } else { ": " };
        out.line(format!(
            "{when}{who} {}{sep}{what}",
            out.t(kind_label(&ev.kind))
        ));
    }
    Ok(())
}

fn kind_label(kind: &str) -> regie_model::Text {
    match kind {
        "vault-created" => i18n::EV_VAULT_CREATED,
        "organisation-added" => i18n::EV_ORG_ADDED,
        "organisation-updated" => i18n::EV_ORG_UPDATED,
        "holding-added" => i18n::EV_HOLDING_ADDED,
        "holding-removed" => i18n::EV_HOLDING_REMOVED,
        "decision" => i18n::EV_DECISION,
        "contact-changed" => i18n::EV_CONTACT,
        "global-switch" => i18n::EV_GLOBAL,
        "exemption" => i18n::EV_EXEMPT,
        "sensitive" => i18n::EV_SENSITIVE,
        "exported" => i18n::EV_EXPORTED,
        "declaration-imported" => i18n::EV_IMPORTED,
        _ => i18n::EV_RESTORED,
    }
}

fn json_str(v: Option<&str>) -> Option<String> {
    serde_json::from_str::<String>(v?).ok()
}

fn bool_of(v: Option<&str>) -> Option<bool> {
    v?.parse().ok()
}

/// "Purpose / category" for subjects written as `dpv:X pd:Y`.
fn purpose_category(out: Out, subject: &str) -> String {
    match subject.split_once(' ') {
        Some((p, c)) => format!("{} / {}", out.term_label(p), out.term_label(c)),
        None => subject.to_owned(),
    }
}

fn describe(out: Out, ev: &Event) -> String {
    let before = ev.before.as_deref();
    let after = ev.after.as_deref();
    match ev.kind.as_str() {
        "decision" => {
            let state = |v| {
                json_str(v)
                    .and_then(|s| DecisionState::parse(&s))
                    .map(|d| out.t(d.label()).to_owned())
                    .unwrap_or_else(|| "?".into())
            };
            format!(
                "{}: {} -> {}",
                purpose_category(out, &ev.subject),
                state(before),
                state(after)
            )
        }
        "holding-added" => {
            let basis = after
                .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
                .and_then(|v| v["basis"].as_str().and_then(LegalBasis::parse))
                .map(|b| format!(" ({})", out.t(b.label())))
                .unwrap_or_default();
            format!("{}{basis}", purpose_category(out, &ev.subject))
        }
        "global-switch" => {
            let word = |v| match bool_of(v) {
                Some(true) => out.t(i18n::EV_GLOBAL_OFF),
                _ => out.t(i18n::EV_GLOBAL_ON),
            };
            format!("{} -> {}", word(before), word(after))
        }
        "exemption" | "sensitive" => {
            let word = |v| {
                out.t(if bool_of(v) == Some(true) {
                    i18n::YES
                } else {
                    i18n::NO
                })
            };
            let what = if ev.kind == "sensitive" {
                out.term_label(&ev.subject)
            } else {
                out.t(i18n::EXEMPT).to_owned()
            };
            format!("{what}: {} -> {}", word(before), word(after))
        }
        "vault-created" => String::new(),
        "contact-changed" => {
            let parse = |v: Option<&str>| {
                v.and_then(|s| serde_json::from_str::<ContactPreferences>(s).ok())
            };
            match (parse(before), parse(after)) {
                (Some(b), Some(a)) => {
                    let d = diff(out, &b, &a);
                    if d.is_empty() {
                        ev.subject.clone()
                    } else {
                        d.join("; ")
                    }
                }
                _ => ev.subject.clone(),
            }
        }
        _ => ev.subject.clone(),
    }
}

/// What changed between two sets of preferences, in words.
fn diff(out: Out, b: &ContactPreferences, a: &ContactPreferences) -> Vec<String> {
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
            out.on_off(b.allows(c0, k0)),
            out.on_off(a.allows(c0, k0))
        ));
    } else {
        for (ch, k) in cells {
            d.push(format!(
                "{} / {}: {} -> {}",
                out.channel(ch),
                out.kind(k),
                out.on_off(b.allows(ch, k)),
                out.on_off(a.allows(ch, k))
            ));
        }
    }
    let none = out.t(i18n::NONE);
    if b.service_channel != a.service_channel {
        let w = |c: Option<Channel>| c.map(|c| out.channel(c)).unwrap_or(none);
        d.push(format!(
            "{}: {} -> {}",
            out.t(i18n::SERVICE_CHANNEL),
            w(b.service_channel),
            w(a.service_channel)
        ));
    }
    if b.quiet_hours != a.quiet_hours {
        let w = |q: &Option<regie_model::QuietHours>| {
            q.as_ref()
                .map(|q| format!("{}-{}", q.start.format("%H:%M"), q.end.format("%H:%M")))
                .unwrap_or_else(|| none.to_owned())
        };
        d.push(format!(
            "{}: {} -> {}",
            out.t(i18n::QUIET_HOURS),
            w(&b.quiet_hours),
            w(&a.quiet_hours)
        ));
    }
    if b.max_per_week != a.max_per_week {
        let w = |m: Option<u16>| m.map(|n| n.to_string()).unwrap_or_else(|| none.to_owned());
        d.push(format!(
            "{}: {} -> {}",
            out.t(i18n::MAX_PER_WEEK),
            w(b.max_per_week),
            w(a.max_per_week)
        ));
    }
    if b.feedback_cap != a.feedback_cap {
        d.push(format!(
            "{}: {} -> {}",
            out.t(i18n::FEEDBACK_CAP),
            super::orgs::describe_feedback(out, b.feedback_cap),
            super::orgs::describe_feedback(out, a.feedback_cap)
        ));
    }
    if b.language != a.language {
        let w = |l: Option<regie_model::Language>| l.map(|l| l.as_str()).unwrap_or(none);
        d.push(format!(
            "{}: {} -> {}",
            out.t(i18n::LANGUAGE),
            w(b.language),
            w(a.language)
        ));
    }
    if b.form_of_address != a.form_of_address {
        d.push(format!(
            "{}: {} -> {}",
            out.t(i18n::ADDRESS),
            b.form_of_address.as_str(),
            a.form_of_address.as_str()
        ));
    }
    if b.human_contact != a.human_contact {
        let w = |h: Option<regie_model::HumanContact>| h.map(|h| h.as_str()).unwrap_or(none);
        d.push(format!(
            "{}: {} -> {}",
            out.t(i18n::HUMAN),
            w(b.human_contact),
            w(a.human_contact)
        ));
    }
    d
}
