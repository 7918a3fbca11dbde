//! Organisations and their holdings: adding them (by hand, or Regie's
//! example set) and one organisation's full page.

use regie_model::OrgId;
use rusqlite::OptionalExtension;

use crate::checked::{CheckedHolding, CheckedOrg};
use crate::domain::{NewHolding, OrgPage, Organisation};
use crate::error::{Error, Result};
use crate::lifecycle::Vault;
use crate::rows::{self, ORG_COLS};

impl Vault {
    /// Adds an organisation with default contact preferences.
    pub fn add_organisation(&mut self, org: &Organisation) -> Result<()> {
        let org = CheckedOrg::parse(org)?;
        self.write(|tx, now| rows::insert_org(tx, now, &org))
    }

    /// Adds a holding to an organisation; its decision starts from its legal
    /// basis (see [`regie_model::LegalBasis::initial_decision`]). Returns its
    /// id.
    pub fn add_holding(&mut self, org: &OrgId, h: &NewHolding) -> Result<i64> {
        let h = CheckedHolding::parse(h)?;
        self.write(|tx, now| {
            rows::ensure_org(tx, org)?;
            rows::insert_holding(tx, now, org, &h)
        })
    }

    /// Loads Regie's illustrative example organisations (skipping any that
    /// are already there). Returns how many were added.
    pub fn load_examples(&mut self) -> Result<usize> {
        let mut examples = Vec::new();
        for ex in crate::examples::all() {
            let holdings = ex
                .holdings
                .iter()
                .map(CheckedHolding::parse)
                .collect::<Result<Vec<_>>>()?;
            examples.push((CheckedOrg::parse(&ex.org)?, holdings));
        }
        self.write(|tx, now| {
            let mut added = 0;
            for (org, holdings) in &examples {
                let id = &org.get().id;
                if rows::org_exists(tx, id)? {
                    continue;
                }
                rows::insert_org(tx, now, org)?;
                for h in holdings {
                    rows::insert_holding(tx, now, id, h)?;
                }
                added += 1;
            }
            Ok(added)
        })
    }

    /// One organisation's full page.
    pub fn organisation(&self, id: &OrgId) -> Result<OrgPage> {
        let c = self.connection();
        let row = c
            .prepare_cached(&format!(
                "SELECT {ORG_COLS}, contact, exempt_from_global FROM organisation WHERE id = ?1"
            ))?
            .query_row([id.as_str()], |r| {
                let org = rows::row_to_org(r)?;
                let contact: String = r.get(8)?;
                let exempt: i64 = r.get(9)?;
                Ok((org, contact, exempt != 0))
            })
            .optional()?;
        let (org, contact, exempt) =
            row.ok_or_else(|| Error::UnknownOrganisation(id.to_string()))?;
        let contact = rows::parse_contact(&contact)?;
        let holdings = rows::load_holdings(c, id)?;
        let global_off = rows::global_off(c)?;
        Ok(OrgPage {
            org,
            effective_contact: contact.effective(global_off, exempt),
            contact,
            holdings,
            global_off,
            exempt_from_global: exempt,
        })
    }
}
