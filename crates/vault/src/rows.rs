//! The SQL the domain modules share: reading an organisation or its
//! holdings from their rows, and inserting them with their history events.
//!
//! Every function runs on the caller's connection or transaction, so a
//! caller that writes does it in its one transaction with its events.

use chrono::{DateTime, NaiveDate, Utc};
use regie_model::{ContactPreferences, DecisionState, EventKind, Grain, LegalBasis, OrgId};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Transaction};

use crate::chain::{self, NewEvent};
use crate::checked::{CheckedHolding, CheckedOrg};
use crate::domain::{BiText, Holding, NewHolding, Organisation, Source};
use crate::error::{Damage, Error, Result};

/// The organisation's columns [`row_to_org`] reads, in its order.
pub(crate) const ORG_COLS: &str =
    "id, name, sector, website, privacy_email, privacy_postal, source, source_date";

/// A column that does not hold what the vault wrote there.
fn bad(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        what.to_owned().into(),
    )
}

/// Reads an organisation from a row that starts with [`ORG_COLS`].
pub(crate) fn row_to_org(r: &rusqlite::Row<'_>) -> rusqlite::Result<Organisation> {
    let id: String = r.get(0)?;
    let source: String = r.get(6)?;
    let date: Option<String> = r.get(7)?;
    Ok(Organisation {
        id: OrgId::parse(&id).map_err(|_| bad(0, "organisation id"))?,
        name: r.get(1)?,
        sector: r.get(2)?,
        website: r.get(3)?,
        privacy_email: r.get(4)?,
        privacy_postal: r.get(5)?,
        source: Source::parse(&source).ok_or_else(|| bad(6, "source"))?,
        source_date: date
            .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
            .transpose()
            .map_err(|_| bad(7, "date"))?,
    })
}

/// One organisation, if the vault has it.
pub(crate) fn find_org(c: &Connection, id: &OrgId) -> Result<Option<Organisation>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {ORG_COLS} FROM organisation WHERE id = ?1"
    ))?
    .query_row([id.as_str()], row_to_org)
    .optional()?)
}

/// Contact preferences as stored (JSON).
pub(crate) fn parse_contact(json: &str) -> Result<ContactPreferences> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(Damage::Content(e.to_string())))
}

pub(crate) fn org_exists(c: &Connection, id: &OrgId) -> Result<bool> {
    Ok(
        c.prepare_cached("SELECT EXISTS(SELECT 1 FROM organisation WHERE id = ?1)")?
            .query_row([id.as_str()], |r| r.get(0))?,
    )
}

/// Refuses an organisation the vault does not have.
pub(crate) fn ensure_org(c: &Connection, id: &OrgId) -> Result<()> {
    if org_exists(c, id)? {
        Ok(())
    } else {
        Err(Error::UnknownOrganisation(id.to_string()))
    }
}

/// Every organisation's id.
pub(crate) fn org_ids(c: &Connection) -> Result<Vec<OrgId>> {
    let mut stmt = c.prepare_cached("SELECT id FROM organisation ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.map(|r| Ok(OrgId::parse(&r?)?)).collect()
}

/// Whether the global "no proactive messages" switch is on.
pub(crate) fn global_off(c: &Connection) -> Result<bool> {
    let v: Option<String> = c
        .prepare_cached("SELECT value FROM meta WHERE key = 'global_off'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(v.as_deref() == Some("1"))
}

/// A holding's basis and decision, as a history event records them.
pub(crate) fn basis_and_decision(basis: LegalBasis, decision: DecisionState) -> String {
    serde_json::json!({ "basis": basis.compact(), "decision": decision.as_str() }).to_string()
}

/// An organisation's values in the order of [`ORG_COLS`].
fn org_values(org: &Organisation) -> [Value; 8] {
    let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Text);
    [
        Value::Text(org.id.as_str().to_owned()),
        Value::Text(org.name.clone()),
        text(&org.sector),
        text(&org.website),
        text(&org.privacy_email),
        text(&org.privacy_postal),
        Value::Text(org.source.as_str().to_owned()),
        text(&org.source_date.map(|d| d.format("%Y-%m-%d").to_string())),
    ]
}

/// Adds an organisation with default contact preferences, and its event.
pub(crate) fn insert_org(tx: &Transaction<'_>, now: DateTime<Utc>, org: &CheckedOrg) -> Result<()> {
    let org = org.get();
    if org_exists(tx, &org.id)? {
        return Err(Error::OrganisationExists(org.id.to_string()));
    }
    let contact =
        serde_json::to_string(&ContactPreferences::default()).expect("preferences serialise");
    let ts = Value::Text(chain::now_text(now));
    tx.prepare_cached(&format!("INSERT INTO organisation ({ORG_COLS}, contact, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"))?
        .execute(params_from_iter(
            org_values(org).into_iter().chain([Value::Text(contact), ts]),
        ))?;
    chain::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.id.as_str()),
            kind: EventKind::OrganisationAdded,
            subject: org.name.clone(),
            before: None,
            after: Some(serde_json::to_string(org).expect("organisation serialises")),
        },
    )?;
    Ok(())
}

/// Replaces an organisation's details (not the person's preferences), and
/// records before and after.
pub(crate) fn update_org(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    before: &Organisation,
    org: &CheckedOrg,
) -> Result<()> {
    let org = org.get();
    let ts = Value::Text(chain::now_text(now));
    tx.prepare_cached(
        "UPDATE organisation SET name = ?2, sector = ?3, website = ?4, privacy_email = ?5, privacy_postal = ?6, source = ?7, source_date = ?8, updated_at = ?9 WHERE id = ?1",
    )?
    .execute(params_from_iter(org_values(org).into_iter().chain([ts])))?;
    chain::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.id.as_str()),
            kind: EventKind::OrganisationUpdated,
            subject: org.name.clone(),
            before: Some(serde_json::to_string(before).expect("organisation serialises")),
            after: Some(serde_json::to_string(org).expect("organisation serialises")),
        },
    )?;
    Ok(())
}

/// What a holding says besides its terms and basis, as the columns
/// `retention, grain, locked_reason_nl, locked_reason_en, note_nl, note_en`.
pub(crate) fn holding_details(h: &CheckedHolding) -> [Value; 6] {
    let text = |s: Option<String>| s.map_or(Value::Null, Value::Text);
    [
        text(h.retention.as_ref().map(|r| r.as_str().to_owned())),
        text(h.grain.map(Grain::as_string)),
        text(h.locked_reason.as_ref().map(|t| t.nl.clone())),
        text(h.locked_reason.as_ref().map(|t| t.en.clone())),
        text(h.note.as_ref().map(|t| t.nl.clone())),
        text(h.note.as_ref().map(|t| t.en.clone())),
    ]
}

/// Adds a holding with the decision its basis starts with, and its event.
/// Returns its row id.
pub(crate) fn insert_holding(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &OrgId,
    h: &CheckedHolding,
) -> Result<i64> {
    let category = h.category();
    let purpose = h.purpose();
    let decision = h.basis.initial_decision();
    let res = tx
        .prepare_cached(
            "INSERT INTO holding (retention, grain, locked_reason_nl, locked_reason_en, note_nl, note_en, org_id, category, purpose, basis, decision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params_from_iter(holding_details(h).into_iter().chain([
            Value::Text(org.as_str().to_owned()),
            Value::Text(category.clone()),
            Value::Text(purpose.clone()),
            Value::Text(h.basis.compact().to_owned()),
            Value::Text(decision.as_str().to_owned()),
        ])));
    match res {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            return Err(Error::HoldingExists {
                org: org.clone(),
                category,
                purpose,
                basis: h.basis,
            });
        }
        other => other?,
    };
    let id = tx.last_insert_rowid();
    chain::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.as_str()),
            kind: EventKind::HoldingAdded,
            subject: format!("{purpose} {category}"),
            before: None,
            after: Some(basis_and_decision(h.basis, decision)),
        },
    )?;
    Ok(id)
}

/// An organisation's holdings, by purpose, then category.
pub(crate) fn load_holdings(c: &Connection, org: &OrgId) -> Result<Vec<Holding>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, category, purpose, basis, retention, grain, locked_reason_nl, locked_reason_en, note_nl, note_en, decision, decided_at
         FROM holding WHERE org_id = ?1 ORDER BY purpose, category, id",
    )?;
    let rows = stmt.query_map([org.as_str()], |r| {
        let basis: String = r.get(3)?;
        let grain: Option<String> = r.get(5)?;
        let decision: String = r.get(10)?;
        let decided_at: Option<String> = r.get(11)?;
        let bi = |a: Option<String>, b: Option<String>| match (a, b) {
            (Some(nl), Some(en)) => Some(BiText { nl, en }),
            _ => None,
        };
        Ok(Holding {
            id: r.get(0)?,
            org_id: org.clone(),
            what: NewHolding {
                category: r.get(1)?,
                purpose: r.get(2)?,
                basis: LegalBasis::parse(&basis).ok_or_else(|| bad(3, "legal basis"))?,
                retention: r.get(4)?,
                grain: grain
                    .map(|g| Grain::parse(&g).ok_or_else(|| bad(5, "grain")))
                    .transpose()?,
                locked_reason: bi(r.get(6)?, r.get(7)?),
                note: bi(r.get(8)?, r.get(9)?),
            },
            decision: DecisionState::parse(&decision).ok_or_else(|| bad(10, "decision"))?,
            decided_at: decided_at
                .and_then(|d| DateTime::parse_from_rfc3339(&d).ok())
                .map(|d| d.with_timezone(&Utc)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
