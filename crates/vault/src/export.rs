//! Export: one signed preference file per organisation.
//!
//! The file is signed with the person's pairwise key for that organisation,
//! derived from the master secret here and dropped (zeroised) when signing is
//! done; it never leaves this crate. Each export is recorded in the history
//! with its sequence number, so the person can prove what went to whom.
//!
//! The sequence number must grow with every export to an organisation, also
//! after the person restores an older backup (which knows fewer exports).
//! So it is the larger of the next number the vault recorded and the
//! current time in seconds since 1970: a restored vault still issues
//! numbers above any it issued before, as long as the clock is not set back.
//!
//! A file is recorded only once it is safely in place, in one step that is
//! undone if it fails: every file of the call is written beside its
//! destination and synced, then all are renamed into place (what was there
//! before is kept), then their events are written in one transaction; if
//! placing or recording fails, each destination gets back what it had and
//! the vault is unchanged. A crash between placing and recording errs on
//! the side of a file the history does not show, never of a history event
//! for a file that was not written: the next number is still higher,
//! because it follows the clock. A vault opened read-only
//! ([`Vault::is_read_only`]) can still export: the file is written and not
//! recorded ([`Saved::recorded`]); a key rotation, whose new key must be
//! recorded, is refused there.
//!
//! Files for an organisation's inbox are made here too, signed when the
//! outbox first sends them (`crate::outbox`), and recorded the same way,
//! with the inbox's host; no file is written to disk for them. A key
//! rotation for an organisation the person linked is queued for its inbox
//! in the transaction that records it.
//!
//! Keys rotate per organisation: the key in use is epoch *n*, where *n* is
//! the number of rotations made for that organisation. The next number and
//! the epoch are kept in the `export_state` table, written in the same
//! transaction as the file's history event (a vault from before that table
//! had them filled in from its history by migration 2). A rotation signs
//! an announcement of epoch *n + 1*'s identifier with epoch *n*'s key, so the
//! organisation can move the person's enrolment to the new key, and with
//! epoch *n + 1*'s key, so it knows the person holds that key (without it,
//! anyone could announce someone else's key as theirs).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SubsecRound, Utc};
use regie_model::{EventKind, Language, OrgId};
use regie_prefs::{
    pairwise_signing_key_at, Audience, DataCategory, Decision, DidKey, KeyRotation,
    KeyRotationSubject, PreferenceFile, PreferenceSubject, Purpose, SubjectInput,
};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::chain::{self, NewEvent};
use crate::error::{Damage, Error, Result};
use crate::lifecycle::Vault;
use crate::{queue, rows};

/// What kind of file an export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportKind {
    /// The person's preferences and decisions.
    Preferences,
    /// A key rotation's announcement.
    KeyRotation,
}

/// An exported, signed preference file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Export {
    /// The organisation.
    pub org_id: OrgId,
    /// What kind of file it is.
    pub kind: ExportKind,
    /// The file's sequence number.
    pub sequence: u64,
    /// The pairwise identifier that signed it (for a rotation: the new one).
    pub did: String,
    /// The file, ready to write.
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

impl Export {
    /// The name Regie gives this file when the person names none:
    /// `regie-kvk-12345678.json`, or `regie-kvk-12345678-new-key.json` for
    /// a key rotation.
    pub fn file_name(&self) -> String {
        Self::file_name_for(&self.org_id, self.kind)
    }

    /// The name Regie gives a file of this kind for `org` (see
    /// [`Export::file_name`]), known before the file is made.
    pub fn file_name_for(org: &OrgId, kind: ExportKind) -> String {
        let org = org.as_str().replace(':', "-");
        match kind {
            ExportKind::Preferences => format!("regie-{org}.json"),
            ExportKind::KeyRotation => format!("regie-{org}-new-key.json"),
        }
    }
}

/// A file exported, where it went, and whether the history records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Saved {
    /// The file.
    #[serde(flatten)]
    pub export: Export,
    /// Where it was written.
    pub path: PathBuf,
    /// Whether its event is in the history: always, except for a vault
    /// opened read-only.
    pub recorded: bool,
    /// Whether it also waits in the outbox for the organisation's inbox
    /// (a key rotation for an organisation the person linked).
    pub queued: bool,
}

/// What the history records of one file.
struct Record {
    kind: EventKind,
    sequence: u64,
    epoch: u32,
    did: String,
    new_did: Option<String>,
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

    /// Makes and signs the preference file for `org` with its summary in
    /// `lang`, writes it to `dest` and records it (see the module's docs
    /// for the order, and for a vault opened read-only).
    pub fn export_to(&mut self, org: &OrgId, lang: Language, dest: &Path) -> Result<Saved> {
        let mut saved = self.export_all_to(&[(org.clone(), dest.to_owned())], lang)?;
        Ok(saved.pop().expect("one file per organisation"))
    }

    /// Like [`Vault::export_to`] for several organisations, each file to
    /// its own path, all or nothing: if one cannot be written, none is
    /// placed and nothing is recorded.
    pub fn export_all_to(
        &mut self,
        jobs: &[(OrgId, PathBuf)],
        lang: Language,
    ) -> Result<Vec<Saved>> {
        let mut made = Vec::with_capacity(jobs.len());
        for (org, dest) in jobs {
            let (export, record) = self.sign_preferences(org, lang)?;
            made.push((export, record, dest.clone()));
        }
        self.save(made)
    }

    /// Replaces the pairwise key for `org` with the next one, writes the
    /// announcement to `dest` and records the new key. The announcement
    /// names the new identifier and is signed by both the old and the new
    /// key, for the person to send to the organisation; from then on exports
    /// are signed by the new key. Refused on a vault opened read-only,
    /// which could not record the new key.
    pub fn rotate_key_to(&mut self, org: &OrgId, lang: Language, dest: &Path) -> Result<Saved> {
        if self.is_read_only() {
            return Err(Error::VaultReadOnly);
        }
        let (export, record) = self.sign_rotation(org, lang)?;
        let mut saved = self.save(vec![(export, record, dest.to_owned())])?;
        Ok(saved.pop().expect("one file"))
    }

    /// Replaces the pairwise key for `org` with the next one, like
    /// [`Vault::rotate_key_to`], but writes no file: the announcement goes
    /// to the organisation through the outbox. Refused
    /// ([`Error::NotLinked`]) for an organisation the person has not
    /// linked, whose inbox would not take it.
    pub fn rotate_key(&mut self, org: &OrgId, lang: Language) -> Result<Export> {
        if self.is_read_only() {
            return Err(Error::VaultReadOnly);
        }
        self.organisation(org)?;
        if !queue::is_linked(self.connection(), org.as_str())? {
            return Err(Error::NotLinked(org.clone()));
        }
        let (export, record) = self.sign_rotation(org, lang)?;
        self.write(|tx, now| record_in(tx, now, &export, &record, None))?;
        Ok(export)
    }

    /// Signs `org`'s newest preference file for its inbox and records it
    /// (its event names `inbox_host`) with the file in the outbox's entry,
    /// in one transaction. For `crate::outbox`, which signs a waiting
    /// preference file when it first sends it.
    pub(crate) fn sign_for_inbox(
        &mut self,
        org: &OrgId,
        lang: Language,
        inbox_host: &str,
    ) -> Result<Export> {
        let (export, record) = self.sign_preferences(org, lang)?;
        self.write(|tx, now| {
            record_in(tx, now, &export, &record, Some(inbox_host))?;
            queue::set_signed(
                tx,
                org.as_str(),
                export.sequence,
                &record.did,
                &export.bytes,
            )
        })?;
        Ok(export)
    }

    /// Writes the files, then records them (module docs): undone whole if
    /// any step fails.
    fn save(&mut self, made: Vec<(Export, Record, PathBuf)>) -> Result<Vec<Saved>> {
        let mut staged = Vec::with_capacity(made.len());
        for (export, _, dest) in &made {
            match crate::files::stage(dest, export.bytes.clone()) {
                Ok(s) => staged.push(s),
                Err(e) => {
                    staged.into_iter().for_each(crate::files::Staged::discard);
                    return Err(Error::io(dest, e));
                }
            }
        }
        let mut placed = Vec::with_capacity(staged.len());
        let mut rest = staged.into_iter();
        while let Some(s) = rest.next() {
            let dest = s.dest().to_owned();
            match s.place() {
                Ok(p) => placed.push(p),
                Err(e) => {
                    rest.for_each(crate::files::Staged::discard);
                    placed
                        .into_iter()
                        .rev()
                        .for_each(crate::files::Placed::undo);
                    return Err(Error::io(&dest, e));
                }
            }
        }
        let recorded = !self.is_read_only();
        let mut queued = vec![false; made.len()];
        if recorded {
            let records: Vec<(&Export, &Record)> = made.iter().map(|(e, r, _)| (e, r)).collect();
            match self.record_files(&records) {
                Ok(q) => queued = q,
                Err(e) => {
                    placed
                        .into_iter()
                        .rev()
                        .for_each(crate::files::Placed::undo);
                    return Err(e);
                }
            }
        }
        Ok(made
            .into_iter()
            .zip(queued)
            .map(|((export, _, path), queued)| Saved {
                export,
                path,
                recorded,
                queued,
            })
            .collect())
    }

    /// Makes and signs the preference file for `org`, with its summary in
    /// `lang`; nothing is written.
    fn sign_preferences(&self, org: &OrgId, lang: Language) -> Result<(Export, Record)> {
        let now = Utc::now().trunc_subsecs(0);
        let page = self.organisation(org)?;
        let (sequence, epoch) = self.export_state(org, now)?;

        // Holdings with the same purpose, basis, decision and grain become one
        // decision listing all their data categories.
        let mut grouped: BTreeMap<(String, &'static str, &'static str, String), Decision> =
            BTreeMap::new();
        // Every stored term was parsed before it was written; one that does
        // not parse now was changed outside Regie.
        let stored =
            |what: &str| Error::Corrupt(Damage::Content(format!("'{what}' is not a DPV term")));
        for h in &page.holdings {
            let purpose = Purpose::parse(&h.what.purpose).ok_or_else(|| stored(&h.what.purpose))?;
            let category =
                DataCategory::parse(&h.what.category).ok_or_else(|| stored(&h.what.category))?;
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
        let (file, did) = self
            .with_master_secret(|m| {
                let key = pairwise_signing_key_at(m, org, epoch);
                let did = DidKey::new(key.verifying_key()).did();
                PreferenceFile::sign(&subject, &key, now).map(|f| (f, did))
            })
            .map_err(Error::CannotSign)?;
        let record = Record {
            kind: EventKind::Exported,
            sequence,
            epoch,
            did: did.clone(),
            new_did: None,
        };
        Ok((
            Export {
                org_id: org.clone(),
                kind: ExportKind::Preferences,
                sequence,
                did,
                bytes: file.bytes,
            },
            record,
        ))
    }

    /// Makes the announcement of `org`'s next key, signed by the old and
    /// the new key; nothing is written.
    fn sign_rotation(&self, org: &OrgId, lang: Language) -> Result<(Export, Record)> {
        let now = Utc::now().trunc_subsecs(0);
        let page = self.organisation(org)?;
        let (sequence, epoch) = self.export_state(org, now)?;
        let next = epoch.checked_add(1).ok_or(Error::KeyRotationsExhausted)?;
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
            .map_err(Error::CannotSign)?;
        let record = Record {
            kind: EventKind::KeyRotated,
            sequence,
            epoch: next,
            did: old,
            new_did: Some(new.clone()),
        };
        Ok((
            Export {
                org_id: org.clone(),
                kind: ExportKind::KeyRotation,
                sequence,
                did: new,
                bytes: file.bytes,
            },
            record,
        ))
    }

    /// Records files that went to organisations, in one transaction
    /// ([`record_in`] for each). Returns, file by file, whether it was
    /// queued for the organisation's inbox too.
    fn record_files(&mut self, files: &[(&Export, &Record)]) -> Result<Vec<bool>> {
        self.write(|tx, now| {
            files
                .iter()
                .map(|(export, r)| record_in(tx, now, export, r, None))
                .collect()
        })
    }

    /// The key epoch in use for `org` (how many times its key was rotated).
    pub(crate) fn key_epoch(&self, org: &OrgId) -> Result<u32> {
        Ok(self.stored_state(org)?.map_or(0, |(_, epoch)| epoch))
    }

    /// The sequence number the next file for `org` gets, and the key epoch
    /// in use.
    fn export_state(&self, org: &OrgId, now: DateTime<Utc>) -> Result<(u64, u32)> {
        let (next, epoch) = self.stored_state(org)?.unwrap_or((1, 0));
        Ok((next.max(now.timestamp().max(0) as u64), epoch))
    }

    fn stored_state(&self, org: &OrgId) -> Result<Option<(u64, u32)>> {
        let row: Option<(i64, i64)> = self
            .connection()
            .prepare_cached("SELECT next_sequence, key_epoch FROM export_state WHERE org_id = ?1")?
            .query_row([org.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(
            |(next, epoch)| match (u64::try_from(next), u32::try_from(epoch)) {
                (Ok(n), Ok(e)) => Ok((n, e)),
                _ => Err(Error::Corrupt(Damage::Content(
                    "the export state is out of range".into(),
                ))),
            },
        )
        .transpose()
    }
}

/// Records one file in the caller's transaction: its event (its sequence
/// number, the identifier that signed it and, for a rotation, the new one,
/// a hash of its bytes and, for a file made for an inbox, the inbox's
/// host) and the export state after it (the next number, the key epoch
/// now in use). A key rotation for a linked organisation is queued for
/// its inbox; returns whether it was.
fn record_in(
    tx: &rusqlite::Transaction<'_>,
    now: DateTime<Utc>,
    export: &Export,
    r: &Record,
    inbox_host: Option<&str>,
) -> Result<bool> {
    let digest = chain::hex_encode(&<sha2::Sha256 as sha2::Digest>::digest(&export.bytes));
    let mut record = serde_json::json!({ "sequence": r.sequence, "did": r.did, "sha256": digest });
    if let Some(n) = &r.new_did {
        record["new_did"] = n.as_str().into();
    }
    if let Some(host) = inbox_host {
        record["inbox"] = host.into();
    }
    let next = i64::try_from(r.sequence)
        .ok()
        .and_then(|s| s.checked_add(1))
        .ok_or_else(|| {
            Error::Corrupt(Damage::Content("the sequence number is too large".into()))
        })?;
    let org = &export.org_id;
    rows::ensure_org(tx, org)?;
    chain::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.as_str()),
            kind: r.kind,
            subject: format!("sequence {}", r.sequence),
            before: None,
            after: Some(record.to_string()),
        },
    )?;
    tx.prepare_cached(
        "INSERT INTO export_state (org_id, next_sequence, key_epoch) VALUES (?1, ?2, ?3)
         ON CONFLICT(org_id) DO UPDATE SET next_sequence = excluded.next_sequence, key_epoch = excluded.key_epoch",
    )?
    .execute(params![org.as_str(), next, r.epoch])?;
    if r.kind == EventKind::KeyRotated {
        return queue::queue_rotation(tx, now, org.as_str(), r.sequence, &r.did, &export.bytes);
    }
    Ok(false)
}
