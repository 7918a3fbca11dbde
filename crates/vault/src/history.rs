//! Reading the history: every recorded change, oldest first, with its kind
//! parsed once as it is read. How the chain is written and checked is
//! [`crate::chain`]'s job; how an event reads in words is
//! [`Event::describe`]'s.

use chrono::{DateTime, Utc};
use regie_model::{EventKind, OrgId};
use serde::Serialize;

use crate::chain::hex_encode;
use crate::error::Result;
use crate::lifecycle::Vault;
use crate::rows;

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Position in the log, from 1, without gaps.
    pub seq: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Which organisation, if any.
    pub org_id: Option<OrgId>,
    /// What kind of change.
    pub kind: EventKind,
    /// What changed, e.g. `push/marketing` or `dpv:DirectMarketing pd:Transactional`.
    pub subject: String,
    /// The value before, as JSON text.
    pub before: Option<String>,
    /// The value after, as JSON text.
    pub after: Option<String>,
    /// This event's chain hash, hex.
    pub hash: String,
}

const EVENT_COLS: &str = "SELECT seq, at, org_id, kind, subject, before, after, hash FROM event";

fn row_to_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let bad = |col: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            what.to_owned().into(),
        )
    };
    let at: String = r.get(1)?;
    let org: Option<String> = r.get(2)?;
    let kind: String = r.get(3)?;
    let hash: Vec<u8> = r.get(7)?;
    let parsed = DateTime::parse_from_rfc3339(&at)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default();
    Ok(Event {
        seq: r.get(0)?,
        at: parsed,
        org_id: org
            .map(|o| OrgId::parse(&o).map_err(|_| bad(2, "organisation id")))
            .transpose()?,
        kind: EventKind::parse(&kind).ok_or_else(|| bad(3, "kind of event"))?,
        subject: r.get(4)?,
        before: r.get(5)?,
        after: r.get(6)?,
        hash: hex_encode(&hash),
    })
}

impl Vault {
    /// The history, oldest first: everything, or one organisation's timeline.
    pub fn history(&self, org: Option<&OrgId>) -> Result<Vec<Event>> {
        let c = self.connection();
        let events = match org {
            Some(o) => {
                rows::ensure_org(c, o)?;
                let mut stmt =
                    c.prepare_cached(&format!("{EVENT_COLS} WHERE org_id = ?1 ORDER BY seq"))?;
                let rows = stmt.query_map([o.as_str()], row_to_event)?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            }
            None => {
                let mut stmt = c.prepare_cached(&format!("{EVENT_COLS} ORDER BY seq"))?;
                let rows = stmt.query_map([], row_to_event)?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            }
        };
        Ok(events)
    }
}
