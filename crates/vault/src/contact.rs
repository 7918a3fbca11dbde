//! Contact preferences: the channel x kind switches per organisation, the
//! settings beside them (quiet hours, caps, language, ...), the global "no
//! proactive messages" switch and the exemptions from it.

use chrono::{DateTime, Utc};
use regie_model::{Channel, ContactPreferences, EventKind, MessageKind, OrgId};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::chain::{self, NewEvent};
use crate::error::{Error, Result};
use crate::lifecycle::Vault;
use crate::rows;

impl Vault {
    /// Switches one channel x kind cell for one organisation.
    pub fn set_contact(
        &mut self,
        org: &OrgId,
        channel: Channel,
        kind: MessageKind,
        allowed: bool,
    ) -> Result<bool> {
        self.update_contact(org, &format!("{channel}/{kind}"), |p| {
            p.set(channel, kind, allowed).map_err(Error::from)
        })
    }

    /// Switches one cell for every organisation. Returns how many changed.
    pub fn set_contact_all(
        &mut self,
        channel: Channel,
        kind: MessageKind,
        allowed: bool,
    ) -> Result<usize> {
        let ids = rows::org_ids(self.connection())?;
        let subject = format!("{channel}/{kind}");
        self.write(|tx, now| {
            let mut n = 0;
            for id in &ids {
                if update_contact_tx(tx, now, id, &subject, |p| {
                    p.set(channel, kind, allowed).map_err(Error::from)
                })? {
                    n += 1;
                }
            }
            Ok(n)
        })
    }

    /// Changes an organisation's contact preferences with `f` (quiet hours,
    /// caps, language, ...). The result is validated, stored and recorded in
    /// the history under `subject`. Returns whether anything changed.
    pub fn update_contact(
        &mut self,
        org: &OrgId,
        subject: &str,
        f: impl FnOnce(&mut ContactPreferences) -> Result<()>,
    ) -> Result<bool> {
        self.write(|tx, now| update_contact_tx(tx, now, org, subject, f))
    }

    /// The global "no proactive messages from anyone" switch.
    pub fn global_off(&self) -> Result<bool> {
        rows::global_off(self.connection())
    }

    /// Turns the global switch on (`true`: nothing but service messages from
    /// anyone) or off. Returns whether it changed.
    pub fn set_global_off(&mut self, off: bool) -> Result<bool> {
        self.write(|tx, now| {
            let before = rows::global_off(tx)?;
            if before == off {
                return Ok(false);
            }
            tx.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'global_off'",
                [if off { "1" } else { "0" }],
            )?;
            chain::append(
                tx,
                now,
                NewEvent {
                    org_id: None,
                    kind: EventKind::GlobalSwitch,
                    subject: "no-proactive-messages".into(),
                    before: Some(before.to_string()),
                    after: Some(off.to_string()),
                },
            )?;
            Ok(true)
        })
    }

    /// Exempts one organisation from the global switch (its own switches
    /// apply instead), or removes the exemption.
    pub fn set_exempt(&mut self, org: &OrgId, exempt: bool) -> Result<bool> {
        self.write(|tx, now| {
            rows::ensure_org(tx, org)?;
            let before: i64 = tx.query_row(
                "SELECT exempt_from_global FROM organisation WHERE id = ?1",
                [org.as_str()],
                |r| r.get(0),
            )?;
            if (before != 0) == exempt {
                return Ok(false);
            }
            tx.execute(
                "UPDATE organisation SET exempt_from_global = ?1, updated_at = ?2 WHERE id = ?3",
                params![exempt as i64, chain::now_text(now), org.as_str()],
            )?;
            chain::append(
                tx,
                now,
                NewEvent {
                    org_id: Some(org.as_str()),
                    kind: EventKind::Exemption,
                    subject: "exempt-from-global".into(),
                    before: Some((before != 0).to_string()),
                    after: Some(exempt.to_string()),
                },
            )?;
            Ok(true)
        })
    }
}

/// Changes one organisation's preferences with `f` in the caller's
/// transaction; records an event only if something changed.
fn update_contact_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &OrgId,
    subject: &str,
    f: impl FnOnce(&mut ContactPreferences) -> Result<()>,
) -> Result<bool> {
    let raw: Option<String> = tx
        .prepare_cached("SELECT contact FROM organisation WHERE id = ?1")?
        .query_row([org.as_str()], |r| r.get(0))
        .optional()?;
    let raw = raw.ok_or_else(|| Error::UnknownOrganisation(org.to_string()))?;
    let before = rows::parse_contact(&raw)?;
    let mut after = before.clone();
    f(&mut after)?;
    after.validate()?;
    if after == before {
        return Ok(false);
    }
    let json = serde_json::to_string(&after).expect("preferences serialise");
    tx.prepare_cached("UPDATE organisation SET contact = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![json, chain::now_text(now), org.as_str()])?;
    chain::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.as_str()),
            kind: EventKind::ContactChanged,
            subject: subject.to_owned(),
            before: Some(raw),
            after: Some(json),
        },
    )?;
    Ok(true)
}
