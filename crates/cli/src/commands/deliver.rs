//! Delivery to organisations' inboxes: `regie link`, `regie send`,
//! `regie outbox`, `regie receipts`.
//!
//! The vault decides what waits and checks what comes back
//! (`regie_vault::outbox`); this module only asks it and says the result.
//! A link code is read before the vault is opened, so a typo is caught
//! before anything is sent. `send` without an organisation (`--all`)
//! sends only what is due, as a scheduled run would; naming one
//! organisation sends now, whatever the backoff says, because the person
//! asked.

use chrono::{DateTime, Local, Utc};
use regie_model::{Language, OrgId};
use regie_prefs::LinkCode;
use regie_vault::{FileKind, KeptReceipt, Sender, SenderConfig, Vault, Waiting};
use serde_json::json;

use crate::context::{resolve_org, Ctx};
use crate::exit::{CliError, Result, INVALID, NOT_DELIVERED};
use crate::i18n;
use crate::output::Out;

/// The time as a person reads it, in their own time zone.
fn when(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

fn file_kind(o: &Out, k: FileKind) -> &'static str {
    o.t(match k {
        FileKind::Preferences => i18n::FILE_PREFERENCES,
        FileKind::KeyRotation => i18n::FILE_KEY_ROTATION,
        FileKind::LinkRequest => i18n::FILE_LINK_REQUEST,
    })
}

/// What a receipt says, in one line.
fn receipt_line(o: &Out, r: &KeptReceipt) -> String {
    let what = match r.sequence {
        Some(n) => o.f(
            i18n::RECEIPT_FILE_SEQ,
            &[("kind", file_kind(o, r.file)), ("seq", &n.to_string())],
        ),
        None => file_kind(o, r.file).to_owned(),
    };
    let outcome = match r.outcome {
        regie_prefs::Outcome::Accepted => o.f(
            i18n::RECEIPT_ACCEPTED,
            &[("from", &r.honoured_from.map_or_else(String::new, when))],
        ),
        regie_prefs::Outcome::AlreadyImported => o.t(i18n::RECEIPT_ALREADY).to_owned(),
        regie_prefs::Outcome::Rejected => o.f(
            i18n::RECEIPT_REJECTED,
            &[(
                "reason",
                &regie_vault::reasons::rejection_text(
                    r.rejection_code.as_deref().unwrap_or("?"),
                    o.lang,
                ),
            )],
        ),
    };
    format!("{}  {what}: {outcome}", when(r.issued))
}

fn sender() -> Result<Sender> {
    Ok(Sender::new(&SenderConfig::from_env()?)?)
}

/// `regie link ORG CODE`.
pub fn link(ctx: &Ctx, given: &str, code: &str) -> Result<()> {
    let o = ctx.out;
    let code = LinkCode::parse(code).map_err(|e| CliError::Own {
        code: e.code(),
        exit: INVALID,
        nl: e.message(Language::Nl),
        en: e.message(Language::En),
    })?;
    let sender = sender()?;
    let mut vault = ctx.open()?;
    let org = resolve_org(&vault, given)?;
    let receipt = vault.link(&org, &code, &sender, o.lang)?;
    let queued = vault.outbox()?.into_iter().any(|w| w.org_id == org);
    o.data(&json!({ "org": org, "linked": true, "receipt": receipt, "queued": queued }));
    let name = vault.organisation(&org)?.org.name;
    o.line(o.f(i18n::LINKED, &[("name", &name), ("org", org.as_str())]));
    if queued {
        o.line(o.f(i18n::LINK_QUEUED, &[("org", org.as_str())]));
    }
    Ok(())
}

/// `regie send [ORG|--all]`.
pub fn send(ctx: &Ctx, given: Option<&str>, all: bool) -> Result<()> {
    let o = ctx.out;
    let mut vault = ctx.open()?;
    let now = Utc::now();
    let targets: Vec<OrgId> = match (given, all) {
        (Some(g), false) => vec![resolve_org(&vault, g)?],
        (None, true) => vault
            .outbox()?
            .into_iter()
            .filter(|w| w.is_due(now))
            .map(|w| w.org_id)
            .collect(),
        _ => {
            return Err(CliError::own(
                "usage",
                crate::exit::USAGE,
                i18n::SEND_NEEDS_ORG,
                &[],
            ))
        }
    };
    let sender = sender()?;
    let mut reports = Vec::new();
    let mut stopped = 0usize;
    for org in &targets {
        let report = vault.send(org, &sender, o.lang)?;
        let name = vault.organisation(org)?.org.name;
        for r in &report.confirmed {
            o.line(format!("{name} ({org}): {}", receipt_line(&o, r)));
        }
        if let Some(p) = &report.stopped {
            stopped += 1;
            o.line(o.f(
                i18n::SEND_STOPPED,
                &[
                    ("name", &name),
                    ("org", org.as_str()),
                    ("why", &p.message(o.lang)),
                ],
            ));
            match report.next_try_at {
                Some(t) => o.line(o.f(i18n::SEND_NEXT_TRY, &[("at", &when(t))])),
                None => o.line(o.t(i18n::SEND_HELD)),
            }
        } else if report.confirmed.is_empty() {
            o.line(o.f(
                i18n::SEND_NOTHING_FOR,
                &[("name", &name), ("org", org.as_str())],
            ));
        }
        reports.push(report);
    }
    if targets.is_empty() {
        o.line(o.t(i18n::SEND_NOTHING_DUE));
    }
    o.data(&json!({ "sent": reports }));
    if stopped > 0 {
        return Err(CliError::own(
            "not-delivered",
            NOT_DELIVERED,
            i18n::SEND_NOT_ALL,
            &[("n", &stopped.to_string())],
        ));
    }
    Ok(())
}

/// `regie outbox`.
pub fn outbox(ctx: &Ctx) -> Result<()> {
    let o = ctx.out;
    let vault = ctx.open()?;
    let waiting = vault.outbox()?;
    let linked = linked_without_waiting(&vault, &waiting)?;
    o.data(&json!({ "waiting": waiting }));
    if waiting.is_empty() {
        o.line(o.t(i18n::OUTBOX_EMPTY));
    }
    for w in &waiting {
        o.line(format!("{} ({}) -> {}", w.name, w.org_id, w.inbox_host));
        for f in &w.files {
            let what = match f.sequence {
                Some(n) => o.f(
                    i18n::RECEIPT_FILE_SEQ,
                    &[("kind", file_kind(&o, f.kind)), ("seq", &n.to_string())],
                ),
                None => file_kind(&o, f.kind).to_owned(),
            };
            o.line(format!("  - {what}"));
        }
        o.line(format!(
            "  {}",
            o.f(i18n::OUTBOX_SINCE, &[("at", &when(w.since))])
        ));
        if let Some(p) = &w.problem {
            o.line(format!(
                "  {}",
                o.f(i18n::OUTBOX_LAST_ERROR, &[("why", &p.message(o.lang))])
            ));
        }
        let next = if w.held {
            o.t(i18n::SEND_HELD).to_owned()
        } else {
            match w.next_try_at {
                Some(t) => o.f(i18n::SEND_NEXT_TRY, &[("at", &when(t))]),
                None => o.t(i18n::OUTBOX_NEXT_NOW).to_owned(),
            }
        };
        o.line(format!("  {next}"));
    }
    for (name, id) in linked {
        o.line(o.f(
            i18n::OUTBOX_UP_TO_DATE,
            &[("name", &name), ("org", id.as_str())],
        ));
    }
    Ok(())
}

/// The organisations linked with nothing waiting, by name.
fn linked_without_waiting(vault: &Vault, waiting: &[Waiting]) -> Result<Vec<(String, OrgId)>> {
    let mut out = Vec::new();
    for s in vault.organisations()? {
        if waiting.iter().any(|w| w.org_id == s.org.id) {
            continue;
        }
        if let Some(d) = vault.delivery(&s.org.id)? {
            if d.linked_at.is_some() {
                out.push((s.org.name, s.org.id));
            }
        }
    }
    Ok(out)
}

/// `regie receipts ORG`.
pub fn receipts(ctx: &Ctx, given: &str) -> Result<()> {
    let o = ctx.out;
    let vault = ctx.open()?;
    let org = resolve_org(&vault, given)?;
    let receipts = vault.receipts(&org)?;
    let delivery = vault.delivery(&org)?;
    o.data(&json!({ "org": org, "delivery": delivery, "receipts": receipts }));
    let name = vault.organisation(&org)?.org.name;
    match &delivery {
        None => o.line(o.f(i18n::RECEIPTS_NO_INBOX, &[("name", &name)])),
        Some(d) => o.line(o.f(
            i18n::RECEIPTS_KEY,
            &[
                ("name", &name),
                ("host", &d.inbox_host),
                ("fp", &d.fingerprint),
            ],
        )),
    }
    if receipts.is_empty() {
        o.line(o.t(i18n::RECEIPTS_NONE));
    }
    for r in &receipts {
        o.line(format!("  {}", receipt_line(&o, r)));
    }
    Ok(())
}
