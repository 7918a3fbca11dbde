//! What may be written: values from outside, parsed once with regie-model's
//! vocabulary types before they reach a table.
//!
//! A holding is stored from a [`CheckedHolding`] only, and the only ways to
//! make one are parsing a [`NewHolding`] here or taking a holding from a
//! checked declaration, so no row can hold a term, period, name or address
//! that regie-model would refuse. The rules themselves are regie-model's;
//! this module only turns a refusal into the vault's typed, bilingual error.

use chrono::NaiveDate;
use regie_declaration::{DeclaredHolding, DeclaredOrganisation};
use regie_model::{
    DataCategory, EmailAddress, Grain, LegalBasis, OrgName, Purpose, RetentionPeriod,
};

use crate::domain::{BiText, NewHolding, Organisation, Source};
use crate::error::{Error, Result};

/// A holding whose terms and period are parsed.
#[derive(Debug, Clone)]
pub(crate) struct CheckedHolding {
    pub category: DataCategory,
    pub purpose: Purpose,
    pub basis: LegalBasis,
    pub retention: Option<RetentionPeriod>,
    pub grain: Option<Grain>,
    pub locked_reason: Option<BiText>,
    pub note: Option<BiText>,
}

impl CheckedHolding {
    /// Parses a holding given by the person (or the example set).
    pub fn parse(h: &NewHolding) -> Result<CheckedHolding> {
        Ok(CheckedHolding {
            category: data_category(&h.category)?,
            purpose: Purpose::parse(&h.purpose)
                .ok_or_else(|| Error::NotAPurpose(h.purpose.clone()))?,
            basis: h.basis,
            retention: h
                .retention
                .as_deref()
                .map(|r| {
                    RetentionPeriod::parse(r).ok_or_else(|| Error::InvalidRetention(r.to_owned()))
                })
                .transpose()?,
            grain: h.grain,
            locked_reason: h.locked_reason.clone(),
            note: h.note.clone(),
        })
    }

    /// The data category in the vault's stored (compact) form.
    pub fn category(&self) -> String {
        self.category.compact()
    }

    /// The purpose in the vault's stored (compact) form.
    pub fn purpose(&self) -> String {
        self.purpose.compact()
    }
}

impl From<&DeclaredHolding> for CheckedHolding {
    fn from(h: &DeclaredHolding) -> Self {
        CheckedHolding {
            category: h.category.clone(),
            purpose: h.purpose.clone(),
            basis: h.basis,
            retention: Some(h.retention.clone()),
            grain: h.grain,
            locked_reason: h.reason.clone(),
            note: h.note.clone(),
        }
    }
}

/// A data category, compact (`pd:Health`) or full.
pub(crate) fn data_category(s: &str) -> Result<DataCategory> {
    DataCategory::parse(s).ok_or_else(|| Error::NotADataCategory(s.to_owned()))
}

/// An organisation whose name and privacy address are parsed.
#[derive(Debug, Clone)]
pub(crate) struct CheckedOrg(Organisation);

impl CheckedOrg {
    /// Parses an organisation given by the person (or the example set):
    /// the name and the address are kept without spaces around them.
    pub fn parse(org: &Organisation) -> Result<CheckedOrg> {
        let name = OrgName::parse(&org.name).ok_or_else(|| Error::InvalidName(org.name.clone()))?;
        let email = org
            .privacy_email
            .as_deref()
            .map(|e| EmailAddress::parse(e).ok_or_else(|| Error::InvalidEmail(e.to_owned())))
            .transpose()?;
        Ok(CheckedOrg(Organisation {
            name: name.as_str().to_owned(),
            privacy_email: email.map(|e| e.as_str().to_owned()),
            ..org.clone()
        }))
    }

    /// The organisation a checked declaration describes, with source
    /// [`Source::Declaration`] and the declaration's date.
    pub fn declared(d: &DeclaredOrganisation, issued: NaiveDate) -> CheckedOrg {
        CheckedOrg(Organisation {
            id: d.id.clone(),
            name: d.name.as_str().to_owned(),
            sector: d.sector.clone(),
            website: d.website.clone(),
            privacy_email: Some(d.privacy_email.as_str().to_owned()),
            privacy_postal: d.privacy_postal.clone(),
            source: Source::Declaration,
            source_date: Some(issued),
        })
    }

    /// The organisation.
    pub fn get(&self) -> &Organisation {
        &self.0
    }
}
