//! `regie contact` and `regie quiet-hours`: which messages may reach the
//! person, per organisation, channel and kind, and when.

use regie_model::{
    contact::parse_hhmm, Channel, ContactPreferences, FeedbackCap, MessageKind, OrgId, QuietHours,
    SwitchState,
};
use regie_vault::Vault;
use serde_json::json;

use crate::args::{ContactArgs, OneOrAll, Switch};
use crate::context::{resolve_org, Ctx};
use crate::exit::{CliError, Result, USAGE};
use crate::i18n;
use crate::output::Out;

fn usage(t: regie_model::Text) -> CliError {
    CliError::own("usage", USAGE, t, &[])
}

/// `on`/`off`, or `aan`/`uit`.
fn switch(s: &str) -> Result<Switch> {
    match SwitchState::parse_named(s) {
        Some(SwitchState::On) => Ok(Switch::On),
        Some(SwitchState::Off) => Ok(Switch::Off),
        None => Err(usage(i18n::CONTACT_NEEDS_SWITCH)),
    }
}

fn channels(c: OneOrAll<Channel>) -> Vec<Channel> {
    match c {
        OneOrAll::All => Channel::ALL.to_vec(),
        OneOrAll::One(c) => vec![c],
    }
}

fn kinds(k: OneOrAll<MessageKind>) -> Vec<MessageKind> {
    match k {
        OneOrAll::All => MessageKind::BLOCKABLE.to_vec(),
        OneOrAll::One(k) => vec![k],
    }
}

fn cell_subject(c: OneOrAll<Channel>, k: OneOrAll<MessageKind>) -> String {
    let c = match c {
        OneOrAll::All => "all".to_owned(),
        OneOrAll::One(c) => c.to_string(),
    };
    let k = match k {
        OneOrAll::All => "all".to_owned(),
        OneOrAll::One(k) => k.to_string(),
    };
    format!("{c}/{k}")
}

fn cell_words(out: Out, c: OneOrAll<Channel>, k: OneOrAll<MessageKind>) -> (String, String) {
    let c = match c {
        OneOrAll::All => out.t(i18n::ALL_CHANNELS).to_owned(),
        OneOrAll::One(c) => out.channel(c).to_owned(),
    };
    let k = match k {
        OneOrAll::All => out.t(i18n::ALL_UNSOLICITED).to_owned(),
        OneOrAll::One(k) => out.kind(k).to_owned(),
    };
    (c, k)
}

/// `regie contact ...`.
pub fn run(ctx: &Ctx, a: ContactArgs) -> Result<()> {
    let out = ctx.out;
    let has_prefs = a.service_channel.is_some()
        || a.max_per_week.is_some()
        || a.feedback.is_some()
        || a.language.is_some()
        || a.address.is_some()
        || a.human.is_some();
    let (org, state) = match (a.all_orgs, a.positional.as_slice()) {
        (true, []) => (None, None),
        (true, [s]) => (None, Some(switch(s)?)),
        (false, []) => return Err(usage(i18n::CONTACT_NEEDS_TARGET)),
        (false, [o]) => (Some(o.clone()), None),
        (false, [o, s]) => (Some(o.clone()), Some(switch(s)?)),
        _ => return Err(usage(i18n::CONTACT_NEEDS_TARGET)),
    };
    let cell = match (a.channel, a.kind) {
        (Some(c), Some(k)) => Some((c, k)),
        (None, None) => None,
        _ => return Err(usage(i18n::CONTACT_NEEDS_CELL)),
    };
    if cell.is_some() && state.is_none() {
        return Err(usage(i18n::CONTACT_NEEDS_SWITCH));
    }
    // Parse every value before the vault is opened.
    let prefs = PrefChanges::parse(&a)?;

    let Some(org) = org else {
        if a.exempt.is_some() || has_prefs {
            return Err(usage(i18n::CONTACT_NEEDS_TARGET));
        }
        let state = state.ok_or_else(|| usage(i18n::CONTACT_NEEDS_SWITCH))?;
        let mut vault = ctx.open()?;
        return match cell {
            None => {
                let changed = vault.set_global_off(!state.on())?;
                out.data(&json!({ "global_off": !state.on(), "changed": changed }));
                out.line(out.t(if state.on() {
                    i18n::GLOBAL_SET_ON
                } else {
                    i18n::GLOBAL_SET_OFF
                }));
                Ok(())
            }
            Some((c, k)) => {
                let mut n = 0;
                for ch in channels(c) {
                    for kind in kinds(k) {
                        n += vault.set_contact_all(ch, kind, state.on())?;
                    }
                }
                out.data(&json!({
                    "cell": cell_subject(c, k),
                    "allowed": state.on(),
                    "changes": n,
                }));
                let (cw, kw) = cell_words(out, c, k);
                out.line(out.f(
                    i18n::CONTACT_SET_ALL,
                    &[
                        ("channel", &cw),
                        ("kind", &kw),
                        ("state", out.on_off(state.on())),
                        ("n", &n.to_string()),
                    ],
                ));
                Ok(())
            }
        };
    };

    if cell.is_none() && a.exempt.is_none() && !has_prefs {
        return Err(usage(if state.is_some() {
            i18n::CONTACT_NEEDS_CELL
        } else {
            i18n::CONTACT_NOTHING
        }));
    }
    let mut vault = ctx.open()?;
    let id = resolve_org(&vault, &org)?;
    let mut changed = false;
    let mut lines = Vec::new();
    if let (Some((c, k)), Some(state)) = (cell, state) {
        changed |= vault.update_contact(&id, &cell_subject(c, k), |p| {
            for ch in channels(c) {
                for kind in kinds(k) {
                    p.set(ch, kind, state.on())?;
                }
            }
            Ok(())
        })?;
        let (cw, kw) = cell_words(out, c, k);
        lines.push(out.f(
            i18n::CONTACT_SET,
            &[
                ("org", id.as_str()),
                ("channel", &cw),
                ("kind", &kw),
                ("state", out.on_off(state.on())),
            ],
        ));
    }
    if let Some(e) = a.exempt {
        changed |= vault.set_exempt(&id, e.on())?;
        lines.push(out.f(
            if e.on() {
                i18n::EXEMPT_SET
            } else {
                i18n::EXEMPT_UNSET
            },
            &[("org", id.as_str())],
        ));
    }
    if has_prefs {
        let subject = prefs.subject();
        changed |= vault.update_contact(&id, &subject, |p| prefs.apply(p))?;
        lines.push(out.f(i18n::CONTACT_UPDATED, &[("org", id.as_str())]));
    }
    print_result(out, &vault, &id, changed, &lines)
}

fn print_result(
    out: Out,
    vault: &Vault,
    id: &OrgId,
    changed: bool,
    lines: &[String],
) -> Result<()> {
    let page = vault.organisation(id)?;
    out.data(&json!({
        "org_id": id,
        "changed": changed,
        "contact": page.contact,
        "effective_contact": page.effective_contact,
        "global_off": page.global_off,
        "exempt_from_global": page.exempt_from_global,
    }));
    for l in lines {
        out.line(l);
    }
    if !changed {
        out.line(out.t(i18n::NOTHING_CHANGED));
    }
    Ok(())
}

/// The other preferences given on one command line, applied together.
#[derive(Default)]
struct PrefChanges {
    service_channel: Option<Channel>,
    max_per_week: Option<Option<u16>>,
    feedback: Option<FeedbackCap>,
    language: Option<regie_model::Language>,
    address: Option<regie_model::FormOfAddress>,
    human: Option<regie_model::HumanContact>,
}

impl PrefChanges {
    fn parse(a: &ContactArgs) -> Result<PrefChanges> {
        let max_per_week = a
            .max_per_week
            .as_deref()
            .map(|m| {
                if m == "none" {
                    return Ok(None);
                }
                m.parse::<u16>()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .map(Some)
                    .ok_or_else(|| CliError::invalid(i18n::BAD_MAX, m))
            })
            .transpose()?;
        let feedback = a.feedback.as_deref().map(parse_feedback).transpose()?;
        // The value parsers in args already limit these to valid names.
        Ok(PrefChanges {
            service_channel: a.service_channel,
            max_per_week,
            feedback,
            language: a.language.as_deref().and_then(|s| s.parse().ok()),
            address: a.address.as_deref().and_then(|s| s.parse().ok()),
            human: a.human.as_deref().and_then(|s| s.parse().ok()),
        })
    }

    fn subject(&self) -> String {
        let mut parts = Vec::new();
        if self.service_channel.is_some() {
            parts.push("service-channel");
        }
        if self.max_per_week.is_some() {
            parts.push("max-per-week");
        }
        if self.feedback.is_some() {
            parts.push("feedback-cap");
        }
        if self.language.is_some() {
            parts.push("language");
        }
        if self.address.is_some() {
            parts.push("form-of-address");
        }
        if self.human.is_some() {
            parts.push("human-contact");
        }
        parts.join(",")
    }

    fn apply(&self, p: &mut ContactPreferences) -> regie_vault::Result<()> {
        if let Some(c) = self.service_channel {
            p.service_channel = Some(c);
        }
        if let Some(m) = self.max_per_week {
            p.set_max_per_week(m)?;
        }
        if let Some(f) = self.feedback {
            p.feedback_cap = f.validate()?;
        }
        if let Some(l) = self.language {
            p.language = Some(l);
        }
        if let Some(a) = self.address {
            p.form_of_address = a;
        }
        if let Some(h) = self.human {
            p.human_contact = Some(h);
        }
        Ok(())
    }
}

/// `never`, `none` (no cap) or `every-N-months`.
fn parse_feedback(s: &str) -> Result<FeedbackCap> {
    let cap = match s {
        "never" => FeedbackCap::Never,
        "none" => FeedbackCap::NoCap,
        _ => s
            .strip_prefix("every-")
            .and_then(|r| {
                r.strip_suffix("-months")
                    .or_else(|| r.strip_suffix("-month"))
            })
            .and_then(|n| n.parse::<u8>().ok())
            .map(|months| FeedbackCap::OncePerMonths { months })
            .ok_or_else(|| CliError::invalid(i18n::BAD_FEEDBACK, s))?,
    };
    cap.validate()
        .map_err(|_| CliError::invalid(i18n::BAD_FEEDBACK, s))
}

/// `regie quiet-hours ORG --from HH:MM --to HH:MM [--tz ZONE]`, or `--off`.
pub fn quiet_hours(
    ctx: &Ctx,
    org: &str,
    from: Option<&str>,
    to: Option<&str>,
    tz: &str,
    off: bool,
) -> Result<()> {
    let out = ctx.out;
    let quiet = if off {
        None
    } else {
        let (Some(from), Some(to)) = (from, to) else {
            return Err(usage(i18n::QUIET_NEEDS));
        };
        let start = parse_hhmm(from).ok_or_else(|| CliError::invalid(i18n::BAD_TIME, from))?;
        let end = parse_hhmm(to).ok_or_else(|| CliError::invalid(i18n::BAD_TIME, to))?;
        Some(QuietHours::new(start, end, tz).map_err(regie_vault::Error::from)?)
    };
    let mut vault = ctx.open()?;
    let id = resolve_org(&vault, org)?;
    let changed = vault.update_contact(&id, "quiet-hours", |p| {
        p.quiet_hours = quiet.clone();
        Ok(())
    })?;
    let line = match &quiet {
        Some(q) => out.f(
            i18n::QUIET_SET,
            &[
                ("org", id.as_str()),
                ("from", &q.start.format("%H:%M").to_string()),
                ("to", &q.end.format("%H:%M").to_string()),
                ("tz", &q.time_zone),
            ],
        ),
        None => out.f(i18n::QUIET_UNSET, &[("org", id.as_str())]),
    };
    print_result(out, &vault, &id, changed, &[line])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_formats() {
        assert_eq!(parse_feedback("never").unwrap(), FeedbackCap::Never);
        assert_eq!(parse_feedback("none").unwrap(), FeedbackCap::NoCap);
        assert_eq!(
            parse_feedback("every-6-months").unwrap(),
            FeedbackCap::OncePerMonths { months: 6 }
        );
        assert!(parse_feedback("every-0-months").is_err());
        assert!(parse_feedback("every-61-months").is_err());
        assert!(parse_feedback("sometimes").is_err());
    }
}
