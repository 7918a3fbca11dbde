//! Organisations taken from the directory that ships with Regie
//! (regie-rights' copy of the datarequests.org database), and the
//! person's corrections of their privacy contact.
//!
//! A directory record is a starting point, not the truth: when the person
//! takes one, the organisation is added with its name, web site, privacy
//! e-mail address and postal address, and the record as it was is kept
//! beside it (`org_directory`). What the letters use is the organisation's
//! own row, so a correction the person makes (now or later) always wins
//! and stays in the vault, whatever a later Regie ships. Records nobody
//! checked (`imported`, `scraped`) say so through
//! [`Vault::privacy_contact`].

use chrono::{DateTime, Utc};
use regie_model::OrgId;
use regie_rights::Quality;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::chain;
use crate::checked::CheckedOrg;
use crate::domain::{BiText, Organisation, Source};
use crate::error::{Damage, Error, Result};
use crate::lifecycle::Vault;
use crate::requests::address_lines;
use crate::rows;

/// The person's own privacy contact for an organisation; `None` keeps
/// what is there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactCorrection {
    /// The e-mail address privacy requests go to.
    pub email: Option<String>,
    /// The postal address privacy requests go to, one line per element.
    pub postal_address: Option<Vec<String>>,
}

/// Where an organisation's privacy contact came from, when the person took
/// it from the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DirectoryOrigin {
    /// The record's key in the directory.
    pub slug: String,
    /// Its name there.
    pub name: String,
    /// How the record was made.
    pub quality: Quality,
    /// Whether a person checked it.
    pub verified: bool,
    /// For an unchecked record, what to tell the person.
    pub note: Option<BiText>,
    /// Whether the person changed the e-mail address it gave.
    pub email_corrected: bool,
    /// Whether the person changed the postal address it gave.
    pub postal_corrected: bool,
    /// When the person took it.
    pub taken_at: DateTime<Utc>,
}

/// Where an organisation's privacy requests go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrivacyContact {
    /// The e-mail address.
    pub email: Option<String>,
    /// The postal address, one line per element.
    pub postal_address: Vec<String>,
    /// The web form (from the directory).
    pub webform: Option<String>,
    /// The directory record it started from, if it did.
    pub directory: Option<DirectoryOrigin>,
}

fn lines_text(lines: &[String]) -> Option<String> {
    let kept: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    (!kept.is_empty()).then(|| kept.join("\n"))
}

fn damaged() -> Error {
    Error::Corrupt(Damage::Content("a directory record".into()))
}

impl Vault {
    /// Adds the organisation of the directory record `slug` (see
    /// [`regie_rights::Directory::search`]) under `id` (default: the
    /// slug), with the person's `correction` of its privacy contact. The
    /// record is kept beside it. History: `organisation-added`.
    pub fn add_from_directory(
        &mut self,
        slug: &str,
        id: Option<&OrgId>,
        correction: &ContactCorrection,
    ) -> Result<Organisation> {
        let entry = regie_rights::directory()?
            .get(slug)
            .ok_or_else(|| Error::UnknownDirectoryEntry(slug.chars().take(64).collect()))?;
        let id = match id {
            Some(id) => id.clone(),
            None => OrgId::parse(&entry.slug)?,
        };
        let postal = lines_text(&entry.address);
        let org = Organisation {
            id,
            name: entry.name.clone(),
            sector: None,
            website: entry.web.clone(),
            privacy_email: correction
                .email
                .clone()
                .or_else(|| entry.email.as_ref().map(|e| e.as_str().to_owned())),
            privacy_postal: match &correction.postal_address {
                Some(lines) => lines_text(lines),
                None => postal.clone(),
            },
            source: Source::Person,
            source_date: None,
        };
        let checked = CheckedOrg::parse(&org)?;
        self.write(|tx, now| {
            rows::insert_org(tx, now, &checked)?;
            tx.prepare_cached(
                "INSERT INTO org_directory (org_id, slug, name, quality, email, webform, postal, taken_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                checked.get().id.as_str(),
                entry.slug,
                entry.name,
                entry.quality.as_str(),
                entry.email.as_ref().map(|e| e.as_str()),
                entry.webform,
                postal,
                chain::now_text(now),
            ])?;
            Ok(checked.get().clone())
        })
    }

    /// The person's correction of where an organisation's privacy requests
    /// go. It is kept in the vault and wins over what a directory record
    /// or an example said (a later declaration of the organisation itself
    /// replaces it). History: `organisation-updated`, before and after.
    pub fn correct_privacy_contact(
        &mut self,
        org: &OrgId,
        correction: &ContactCorrection,
    ) -> Result<()> {
        let before = rows::find_org(self.connection(), org)?
            .ok_or_else(|| Error::UnknownOrganisation(org.to_string()))?;
        let mut after = before.clone();
        if let Some(e) = &correction.email {
            after.privacy_email = Some(e.clone()).filter(|e| !e.trim().is_empty());
        }
        if let Some(lines) = &correction.postal_address {
            after.privacy_postal = lines_text(lines);
        }
        let checked = CheckedOrg::parse(&after)?;
        if checked.get() == &before {
            return Ok(());
        }
        self.write(|tx, now| rows::update_org(tx, now, &before, &checked))
    }

    /// Where an organisation's privacy requests go, and, when the person
    /// took it from the directory, that record's quality and whether they
    /// corrected it.
    pub fn privacy_contact(&self, org: &OrgId) -> Result<PrivacyContact> {
        let c = self.connection();
        let o =
            rows::find_org(c, org)?.ok_or_else(|| Error::UnknownOrganisation(org.to_string()))?;
        let row = c
            .prepare_cached(
                "SELECT slug, name, quality, email, webform, postal, taken_at FROM org_directory WHERE org_id = ?1",
            )?
            .query_row([org.as_str()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })
            .optional()?;
        let (webform, directory) = match row {
            None => (None, None),
            Some((slug, name, quality, email, webform, postal, taken_at)) => {
                let quality = match quality.as_str() {
                    "tested" => Quality::Tested,
                    "verified" => Quality::Verified,
                    "imported" => Quality::Imported,
                    "scraped" => Quality::Scraped,
                    _ => return Err(damaged()),
                };
                let origin = DirectoryOrigin {
                    slug,
                    name,
                    quality,
                    verified: quality.verified(),
                    note: quality.note().map(|t| BiText::new(t.nl, t.en)),
                    email_corrected: o.privacy_email != email,
                    postal_corrected: o.privacy_postal != postal,
                    taken_at: DateTime::parse_from_rfc3339(&taken_at)
                        .map_err(|_| damaged())?
                        .with_timezone(&Utc),
                };
                (webform, Some(origin))
            }
        };
        Ok(PrivacyContact {
            postal_address: address_lines(o.privacy_postal.as_deref(), &o.name),
            email: o.privacy_email,
            webform,
            directory,
        })
    }
}
