//! The person's decisions: consent and objection on holdings, and data
//! categories marked sensitive.

use regie_model::{DecisionAction, DecisionError, EventKind, OrgId};
use rusqlite::params;

use crate::chain::{self, NewEvent};
use crate::checked::data_category;
use crate::domain::Holding;
use crate::error::{Error, Result};
use crate::lifecycle::Vault;
use crate::rows;

/// A JSON string, as a decision event records its state.
fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

impl Vault {
    /// Applies a decision to the organisation's holdings for `purpose`
    /// (optionally only for one data category). Every matching holding must
    /// allow it: one locked holding makes the whole call fail with
    /// [`Error::Locked`] and nothing changes. Returns the changed holdings.
    pub fn decide(
        &mut self,
        org: &OrgId,
        purpose: &str,
        category: Option<&str>,
        action: DecisionAction,
    ) -> Result<Vec<Holding>> {
        let purpose = regie_model::catalogue::compact(purpose);
        let category = category.map(regie_model::catalogue::compact);
        self.write(|tx, now| {
            rows::ensure_org(tx, org)?;
            let matching: Vec<Holding> = rows::load_holdings(tx, org)?
                .into_iter()
                .filter(|h| {
                    h.what.purpose == purpose
                        && category.as_ref().is_none_or(|c| &h.what.category == c)
                })
                .collect();
            if matching.is_empty() {
                return Err(Error::UnknownHolding {
                    org: org.clone(),
                    purpose,
                    category,
                });
            }
            let mut changed = Vec::new();
            for h in &matching {
                let next = action.apply(h.what.basis).map_err(|e| match e {
                    DecisionError::Locked { basis } => Error::Locked {
                        basis,
                        reason: h.locked_reason(),
                    },
                    other => Error::Decision(other),
                })?;
                if next == h.decision {
                    continue;
                }
                tx.prepare_cached(
                    "UPDATE holding SET decision = ?1, decided_at = ?2 WHERE id = ?3",
                )?
                .execute(params![next.as_str(), chain::now_text(now), h.id])?;
                chain::append(
                    tx,
                    now,
                    NewEvent {
                        org_id: Some(org.as_str()),
                        kind: EventKind::Decision,
                        subject: format!("{} {}", h.what.purpose, h.what.category),
                        before: Some(json_str(h.decision.as_str())),
                        after: Some(json_str(next.as_str())),
                    },
                )?;
                let mut h = h.clone();
                h.decision = next;
                h.decided_at = Some(now);
                changed.push(h);
            }
            Ok(changed)
        })
    }

    /// Marks a data category sensitive (keep it out of personalisation), or
    /// unmarks it. Returns whether it changed.
    pub fn mark_sensitive(&mut self, category: &str, sensitive: bool) -> Result<bool> {
        let category = data_category(category)?.compact();
        self.write(|tx, now| {
            let was: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM sensitive_category WHERE category = ?1)",
                [&category],
                |r| r.get(0),
            )?;
            if was == sensitive {
                return Ok(false);
            }
            if sensitive {
                tx.execute(
                    "INSERT INTO sensitive_category (category, marked_at) VALUES (?1, ?2)",
                    params![category, chain::now_text(now)],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM sensitive_category WHERE category = ?1",
                    [&category],
                )?;
            }
            chain::append(
                tx,
                now,
                NewEvent {
                    org_id: None,
                    kind: EventKind::Sensitive,
                    subject: category.clone(),
                    before: Some(was.to_string()),
                    after: Some(sensitive.to_string()),
                },
            )?;
            Ok(true)
        })
    }

    /// The data categories marked sensitive.
    pub fn sensitive_categories(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .connection()
            .prepare_cached("SELECT category FROM sensitive_category ORDER BY category")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }
}
