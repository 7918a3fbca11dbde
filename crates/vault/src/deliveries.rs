//! Every organisation Regie delivers to, at once, for an overview: one
//! query finds them, so organisations without an inbox (most of them)
//! cost nothing.

use regie_model::OrgId;

use crate::error::Result;
use crate::lifecycle::Vault;
use crate::outbox::Delivery;

impl Vault {
    /// Where delivery stands for each organisation that published an inbox
    /// (a signed declaration was imported), by organisation id.
    pub fn deliveries(&self) -> Result<Vec<Delivery>> {
        let ids: Vec<String> = self
            .connection()
            .prepare_cached("SELECT org_id FROM delivery ORDER BY org_id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(d) = self.delivery(&OrgId::parse(&id)?)? {
                out.push(d);
            }
        }
        Ok(out)
    }
}
