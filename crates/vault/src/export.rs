//! Export: one signed preference file per organisation.
//!
//! The file is signed with the person's pairwise key for that organisation,
//! derived from the master secret here and dropped (zeroised) when signing is
//! done; it never leaves this crate. Each export is recorded in the history
//! with its sequence number, so the person can prove what went to whom.
//!
//! The sequence number must grow with every export to an organisation, also
//! after the person restores an older backup (whose history knows fewer
//! exports). So it is the larger of "last recorded + 1" and the current time
//! in seconds since 1970: a restored vault still issues numbers above any it
//! issued before, as long as the clock is not set back.
//!
//! Keys rotate per organisation: the key in use is epoch *n*, where *n* is
//! the number of rotations recorded for that organisation. A rotation signs
//! an announcement of epoch *n + 1*'s identifier with epoch *n*'s key, so the
//! organisation can move the person's enrolment to the new key, and with
//! epoch *n + 1*'s key, so it knows the person holds that key (without it,
//! anyone could announce someone else's key as theirs).

use std::collections::BTreeMap;

use chrono::{DateTime, SubsecRound, Utc};
use regie_model::{Language, OrgId};
use regie_prefs::{
    pairwise_signing_key_at, Audience, DataCategory, Decision, DidKey, KeyRotation,
    KeyRotationSubject, PreferenceFile, PreferenceSubject, Purpose, SubjectInput,
};
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::history::EventKind;
use crate::vault::Vault;

/// An exported, signed preference file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Export {
    /// The organisation.
    pub org_id: OrgId,
    /// The file's sequence number.
    pub sequence: u64,
    /// The pairwise identifier that signed it.
    pub did: String,
    /// The file, ready to write.
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

impl Vault {
    /// The pairwise identifier (`did:key`) the person registers with `org`.
    pub fn did(&self, org: &OrgId) -> Result<String> {
        self.organisation(org)?;
        let epoch = self.key_epoch(org)?;
        Ok(self.with_master_secret(|m| {
            DidKey::new(pairwise_signing_key_at(m, org, epoch).verifying_key()).did()
        }))
    }

    /// Makes, signs and records the preference file for `org`, with its
    /// summary in `lang`.
    pub fn export(&mut self, org: &OrgId, lang: Language) -> Result<Export> {
        let now = Utc::now().trunc_subsecs(0);
        let page = self.organisation(org)?;
        let sequence = self.next_sequence(org, now)?;

        // Holdings with the same purpose, basis, decision and grain become one
        // decision listing all their data categories.
        let mut grouped: BTreeMap<(String, &'static str, &'static str, String), Decision> =
            BTreeMap::new();
        for h in &page.holdings {
            let purpose = Purpose::parse(&h.what.purpose).ok_or_else(|| {
                Error::Invalid(format!("'{}' is not a DPV purpose", h.what.purpose))
            })?;
            let category = DataCategory::parse(&h.what.category).ok_or_else(|| {
                Error::Invalid(format!("'{}' is not a DPV data category", h.what.category))
            })?;
            let key = (
                h.what.purpose.clone(),
                h.what.basis.compact(),
                h.decision.as_str(),
                h.what.grain.map(|g| g.as_string()).unwrap_or_default(),
            );
            grouped
                .entry(key)
                .or_insert_with(|| Decision {
                    purpose,
                    data_categories: Vec::new(),
                    legal_basis: h.what.basis,
                    state: h.decision,
                    grain: h.what.grain,
                })
                .data_categories
                .push(category);
        }
        let sensitive = self
            .sensitive_categories()?
            .iter()
            .filter_map(|c| DataCategory::parse(c))
            .collect();
        let subject = PreferenceSubject::new(SubjectInput {
            audience: Audience {
                id: org.clone(),
                name: page.org.name.clone(),
            },
            sequence,
            issued: now,
            language: page.contact.language.unwrap_or(lang),
            preferences: page.contact.clone(),
            global_off: page.global_off,
            exempt: page.exempt_from_global,
            decisions: grouped.into_values().collect(),
            sensitive_categories: sensitive,
        });
        let epoch = self.key_epoch(org)?;
        let (file, did) = self
            .with_master_secret(|m| {
                let key = pairwise_signing_key_at(m, org, epoch);
                let did = DidKey::new(key.verifying_key()).did();
                PreferenceFile::sign(&subject, &key, now).map(|f| (f, did))
            })
            .map_err(|e| Error::Invalid(format!("the preference file could not be made: {e}")))?;
        self.record_file(org, EventKind::Exported, sequence, &did, &file.bytes, None)?;
        Ok(Export {
            org_id: org.clone(),
            sequence,
            did,
            bytes: file.bytes,
        })
    }

    /// Replaces the pairwise key for `org` with the next one. Returns the
    /// announcement, naming the new identifier and signed by both the old
    /// and the new key, for the person to send to the organisation; from
    /// then on exports are signed by the new key.
    pub fn rotate_key(&mut self, org: &OrgId, lang: Language) -> Result<Export> {
        let now = Utc::now().trunc_subsecs(0);
        let page = self.organisation(org)?;
        let sequence = self.next_sequence(org, now)?;
        let epoch = self.key_epoch(org)?;
        let next = epoch.checked_add(1).ok_or_else(|| {
            Error::Invalid("this organisation's key cannot be rotated again".into())
        })?;
        let audience = Audience {
            id: org.clone(),
            name: page.org.name.clone(),
        };
        let language = page.contact.language.unwrap_or(lang);
        let (file, old, new) = self
            .with_master_secret(|m| {
                let old = pairwise_signing_key_at(m, org, epoch);
                let new_key = pairwise_signing_key_at(m, org, next);
                let new = DidKey::new(new_key.verifying_key());
                let subject = KeyRotationSubject::new(audience, sequence, now, new, language);
                KeyRotation::sign(&subject, &old, &new_key, now)
                    .map(|f| (f, DidKey::new(old.verifying_key()).did(), new.did()))
            })
            .map_err(|e| Error::Invalid(format!("the key-rotation file could not be made: {e}")))?;
        self.record_file(
            org,
            EventKind::KeyRotated,
            sequence,
            &old,
            &file.bytes,
            Some(&new),
        )?;
        Ok(Export {
            org_id: org.clone(),
            sequence,
            did: new,
            bytes: file.bytes,
        })
    }

    /// Records a file that went to `org`: its sequence number, the
    /// identifier that signed it (and, for a rotation, the new one), and a
    /// hash of its bytes.
    fn record_file(
        &mut self,
        org: &OrgId,
        kind: EventKind,
        sequence: u64,
        did: &str,
        bytes: &[u8],
        new_did: Option<&str>,
    ) -> Result<i64> {
        let digest = crate::history::hex_encode(&<sha2::Sha256 as sha2::Digest>::digest(bytes));
        let mut record = serde_json::json!({ "sequence": sequence, "did": did, "sha256": digest });
        if let Some(n) = new_did {
            record["new_did"] = n.into();
        }
        self.record(
            Some(org),
            kind,
            &format!("sequence {sequence}"),
            Some(record.to_string()),
        )
    }

    /// How many times the key for `org` was rotated: the epoch in use.
    fn key_epoch(&self, org: &OrgId) -> Result<u32> {
        let n: i64 = self
            .connection()
            .prepare_cached(
                "SELECT count(*) FROM event WHERE org_id = ?1 AND kind = 'key-rotated'",
            )?
            .query_row([org.as_str()], |r| r.get(0))?;
        u32::try_from(n).map_err(|_| Error::Corrupt("too many key rotations".into()))
    }

    fn next_sequence(&self, org: &OrgId, now: DateTime<Utc>) -> Result<u64> {
        let last: Option<String> = self
            .connection()
            .prepare_cached(
                "SELECT after FROM event WHERE org_id = ?1 AND kind IN ('exported', 'key-rotated')
                 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([org.as_str()], |r| r.get(0))
            .optional()?;
        let last = last
            .and_then(|a| serde_json::from_str::<serde_json::Value>(&a).ok())
            .and_then(|v| v["sequence"].as_u64())
            .unwrap_or(0);
        Ok((last + 1).max(now.timestamp().max(0) as u64))
    }
}
