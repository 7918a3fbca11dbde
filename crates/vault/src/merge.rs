//! Merging an organisation's declaration into the vault.
//!
//! The file itself (`regie-declaration/1` and `/2`: reading, checking, its
//! errors, the pinning rule) is regie-declaration's; what this module adds
//! is what the declaration means for what the person already has: which
//! holdings are new, gone or on another legal basis, and whose decisions
//! stay; and, for a signed declaration, the organisation's key pinned the
//! first time, kept while it signs, replaced only when the pinned key
//! signed the change, and the inbox the person's files go to. See
//! `docs/spec/declaration.md`, sections 5 and 8.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use regie_declaration::{pin, Declaration, DeclarationError, Pin};
use regie_model::{Channel, DecisionState, EventKind, LegalBasis, MessageKind, OrgId};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Transaction};
use serde::Serialize;

use crate::chain::{self, NewEvent};
use crate::checked::{CheckedHolding, CheckedOrg};
use crate::domain::{Holding, Source};
use crate::error::Result;
use crate::lifecycle::Vault;
use crate::{queue, rows};

/// A holding named in a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct HoldingRef {
    /// Data category (`pd:`).
    pub category: String,
    /// Purpose (`dpv:`).
    pub purpose: String,
    /// Legal basis.
    pub basis: LegalBasis,
}

/// A holding whose legal basis changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BasisChange {
    /// Data category (`pd:`).
    pub category: String,
    /// Purpose (`dpv:`).
    pub purpose: String,
    /// The basis before.
    pub from: LegalBasis,
    /// The basis now.
    pub to: LegalBasis,
    /// The person's decision before (kept in the history).
    pub decision_before: DecisionState,
    /// The decision now, derived from the new basis.
    pub decision_after: DecisionState,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclarationReport {
    /// The organisation.
    pub org: OrgId,
    /// The declaration's issue date.
    pub issued: NaiveDate,
    /// The date of the declaration imported before, if any.
    pub previous: Option<NaiveDate>,
    /// Whether the organisation was new to the vault.
    pub organisation_added: bool,
    /// Holdings that are new.
    pub added: Vec<HoldingRef>,
    /// Holdings the declaration no longer lists (removed from the vault).
    pub removed: Vec<HoldingRef>,
    /// Holdings whose legal basis changed.
    pub basis_changed: Vec<BasisChange>,
    /// Holdings that stayed, with the person's decision kept.
    pub unchanged: usize,
    /// For each kind of message, the channels the organisation says it uses.
    pub channels: BTreeMap<MessageKind, Vec<Channel>>,
    /// For a signed declaration: where the person's files go, and what
    /// became of the organisation's pinned key. `None` for version 1.
    pub delivery: Option<DeliveryReport>,
}

/// What a signed declaration did to the organisation's pinned key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinChange {
    /// The first signed declaration: its key is pinned now.
    First,
    /// Signed by the key pinned before: it stays.
    Same,
    /// A key change signed by the pinned key: the new key is pinned in its
    /// place.
    Replaced,
}

/// A signed declaration's inbox and key, as the person is shown them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliveryReport {
    /// The inbox Regie sends the person's files to.
    pub inbox: String,
    /// Its host, as a person recognises it.
    pub inbox_host: String,
    /// The organisation's key now pinned (`did:key`).
    pub key: String,
    /// Its fingerprint, to compare with what the organisation publishes.
    pub fingerprint: String,
    /// What happened to the pin.
    pub pin: PinChange,
    /// For [`PinChange::Replaced`]: the fingerprint of the key replaced.
    pub previous_fingerprint: Option<String>,
}

impl Vault {
    /// Imports an organisation's declaration (`regie-declaration/1` or
    /// `/2`, read by [`regie_declaration::Declaration::parse`]) in one
    /// transaction: the organisation is added or updated with source
    /// [`Source::Declaration`] and the file's date, and its holdings follow
    /// the declaration. The person's decisions stay where a holding stays
    /// on the same legal basis; a changed basis gets the decision that
    /// basis starts with (the old one is kept in the history).
    ///
    /// A signed declaration goes through the pinning rule first
    /// ([`regie_declaration::pin`]): the first one pins its key (history
    /// event `receipt-key-pinned`, with the fingerprint), a later one must
    /// be signed by the pinned key, or carry a key change the pinned key
    /// signed (`receipt-key-changed`); the inbox is kept with the key. A
    /// refused file (also one signed by another key, or an unsigned one
    /// after a signed one), or one not newer than the declaration already
    /// imported, changes nothing.
    pub fn import_declaration(&mut self, bytes: &[u8]) -> Result<DeclarationReport> {
        let decl = Declaration::parse(bytes)?;
        self.write(|tx, now| merge(tx, now, &decl))
    }
}

fn holding_ref(category: String, purpose: String, basis: LegalBasis) -> HoldingRef {
    HoldingRef {
        category,
        purpose,
        basis,
    }
}

fn stored_ref(h: &Holding) -> HoldingRef {
    holding_ref(
        h.what.category.clone(),
        h.what.purpose.clone(),
        h.what.basis,
    )
}

/// Retention, grain, reason and note follow the declaration.
fn update_details(tx: &Transaction<'_>, id: i64, h: &CheckedHolding) -> Result<()> {
    tx.prepare_cached(
        "UPDATE holding SET retention = ?1, grain = ?2, locked_reason_nl = ?3, locked_reason_en = ?4, note_nl = ?5, note_en = ?6 WHERE id = ?7",
    )?
    .execute(params_from_iter(
        rows::holding_details(h)
            .into_iter()
            .chain([Value::Integer(id)]),
    ))?;
    Ok(())
}

fn remove_holding(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &OrgId,
    h: &Holding,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM holding WHERE id = ?1")?
        .execute([h.id])?;
    chain::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.as_str()),
            kind: EventKind::HoldingRemoved,
            subject: format!("{} {}", h.what.purpose, h.what.category),
            before: Some(rows::basis_and_decision(h.what.basis, h.decision)),
            after: None,
        },
    )?;
    Ok(())
}

/// Merges a checked declaration in the caller's transaction. Any error
/// leaves the transaction to be rolled back by the caller.
pub(crate) fn merge(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    decl: &Declaration,
) -> Result<DeclarationReport> {
    let checked = CheckedOrg::declared(&decl.organisation, decl.issued);
    let org = checked.get();
    // The key comes first: a declaration signed by a key the person did
    // not pin is not the organisation's, whatever its date says.
    let pinned = queue::pinned(tx, org.id.as_str())?;
    let pinned_key = pinned.as_ref().map(|p| p.key);
    let pin = pin(pinned_key.as_ref(), decl)?;
    let existing = rows::find_org(tx, &org.id)?;

    let previous = existing
        .as_ref()
        .filter(|o| o.source == Source::Declaration)
        .and_then(|o| o.source_date);
    if let Some(stored) = previous {
        if decl.issued <= stored {
            return Err(DeclarationError::NotNewer {
                issued: decl.issued,
                stored,
            }
            .into());
        }
    }

    match &existing {
        None => rows::insert_org(tx, now, &checked)?,
        Some(before) => rows::update_org(tx, now, before, &checked)?,
    }

    // Group what the vault holds by (category, purpose).
    let mut held: BTreeMap<(String, String), Vec<Holding>> = BTreeMap::new();
    for h in rows::load_holdings(tx, &org.id)? {
        held.entry((h.what.category.clone(), h.what.purpose.clone()))
            .or_default()
            .push(h);
    }

    let mut report = DeclarationReport {
        org: org.id.clone(),
        issued: decl.issued,
        previous,
        organisation_added: existing.is_none(),
        added: vec![],
        removed: vec![],
        basis_changed: vec![],
        unchanged: 0,
        channels: decl.channels.clone(),
        delivery: None,
    };

    for declared in &decl.holdings {
        let want = CheckedHolding::from(declared);
        let (category, purpose) = (want.category(), want.purpose());
        let Some(mut have) = held.remove(&(category.clone(), purpose.clone())) else {
            rows::insert_holding(tx, now, &org.id, &want)?;
            report
                .added
                .push(holding_ref(category, purpose, want.basis));
            continue;
        };
        // Keep the one on the declared basis if there is one, else the first.
        let keep = have
            .iter()
            .position(|h| h.what.basis == want.basis)
            .unwrap_or(0);
        let kept = have.remove(keep);
        for extra in &have {
            remove_holding(tx, now, &org.id, extra)?;
            report.removed.push(stored_ref(extra));
        }
        update_details(tx, kept.id, &want)?;
        if kept.what.basis == want.basis {
            report.unchanged += 1;
            continue;
        }
        let decision = want.basis.initial_decision();
        tx.prepare_cached(
            "UPDATE holding SET basis = ?1, decision = ?2, decided_at = NULL WHERE id = ?3",
        )?
        .execute(params![want.basis.compact(), decision.as_str(), kept.id])?;
        chain::append(
            tx,
            now,
            NewEvent {
                org_id: Some(org.id.as_str()),
                kind: EventKind::Decision,
                subject: format!("{purpose} {category}"),
                before: Some(rows::basis_and_decision(kept.what.basis, kept.decision)),
                after: Some(rows::basis_and_decision(want.basis, decision)),
            },
        )?;
        report.basis_changed.push(BasisChange {
            category,
            purpose,
            from: kept.what.basis,
            to: want.basis,
            decision_before: kept.decision,
            decision_after: decision,
        });
    }
    for gone in held.into_values().flatten() {
        remove_holding(tx, now, &org.id, &gone)?;
        report.removed.push(stored_ref(&gone));
    }
    report.added.sort();
    report.removed.sort();
    report.delivery = keep_pin(tx, now, &org.id, decl, pin)?;

    chain::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.id.as_str()),
            kind: EventKind::DeclarationImported,
            subject: format!("{} {}", decl.format(), decl.issued),
            before: previous.map(|d| serde_json::Value::String(d.to_string()).to_string()),
            after: Some(serde_json::to_string(&report).expect("report serialises")),
        },
    )?;
    Ok(report)
}

/// Stores what the pinning rule decided, with its history event, and says
/// it for the report.
fn keep_pin(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &OrgId,
    decl: &Declaration,
    pin: Pin,
) -> Result<Option<DeliveryReport>> {
    let Some(delivery) = &decl.delivery else {
        return Ok(None);
    };
    let inbox = delivery.inbox.as_str();
    let key = delivery.receipt_key;
    let key_json = |k: &regie_prefs::DidKey| {
        serde_json::json!({ "key": k.did(), "fingerprint": k.fingerprint(), "inbox": inbox })
            .to_string()
    };
    let (change, previous) = match pin {
        Pin::Unsigned => return Ok(None),
        Pin::First { .. } => {
            queue::pin_first(tx, now, org.as_str(), inbox, &key)?;
            chain::append(
                tx,
                now,
                NewEvent {
                    org_id: Some(org.as_str()),
                    kind: EventKind::ReceiptKeyPinned,
                    subject: key.fingerprint(),
                    before: None,
                    after: Some(key_json(&key)),
                },
            )?;
            (PinChange::First, None)
        }
        Pin::Same => {
            queue::keep_inbox(tx, org.as_str(), inbox)?;
            (PinChange::Same, None)
        }
        Pin::Rotated { from, to, .. } => {
            queue::pin_rotated(tx, now, org.as_str(), inbox, &to)?;
            chain::append(
                tx,
                now,
                NewEvent {
                    org_id: Some(org.as_str()),
                    kind: EventKind::ReceiptKeyChanged,
                    subject: to.fingerprint(),
                    before: Some(
                        serde_json::json!({ "key": from.did(), "fingerprint": from.fingerprint() })
                            .to_string(),
                    ),
                    after: Some(key_json(&to)),
                },
            )?;
            (PinChange::Replaced, Some(from.fingerprint()))
        }
    };
    Ok(Some(DeliveryReport {
        inbox: inbox.to_owned(),
        inbox_host: delivery.inbox.host().to_owned(),
        key: key.did(),
        fingerprint: key.fingerprint(),
        pin: change,
        previous_fingerprint: previous,
    }))
}
