//! The outbox: delivering the person's files to the organisations they
//! linked, and keeping the receipts that come back.
//!
//! A change queues the organisation's newest preference file
//! (`crate::queue`); this module sends what waits, one organisation at a
//! time and in the order of the files' sequence numbers, so an older file
//! never follows a newer one: a waiting preference file is signed when it
//! is first sent (and signed anew if a change came after that), a key
//! rotation waits as it was signed, and the next file goes only after the
//! one before it was confirmed. A file stays in the outbox until a receipt
//! for it verified against the organisation's pinned key
//! ([`regie_prefs::verify_receipt`]: signed by that key, from that
//! organisation, about the key that signed the file and about these very
//! bytes) and was kept, with its history event, in one transaction. If
//! Regie stops anywhere in between (even killed while the file is on its
//! way), the file waits and is sent again, byte for byte; the organisation
//! then answers `already-imported`, which confirms it just as well.
//!
//! A receipt that does not verify, or is about something else, is not
//! kept: the file is "not confirmed", with the reason, and is tried again
//! later. So is a file that did not arrive (no network, a slow or broken
//! server, a rate limit). The time of the next try grows with each failure
//! in a row ([`retry_delay`]: exponential, with jitter, and at least what a
//! `Retry-After` asked) and is kept in the vault, so it holds across
//! restarts. These tries are the sender's bookkeeping, not the person's
//! changes, so they are not in the history: what the history shows is
//! what was made (`exported`, with the inbox's host) and what was
//! confirmed (`receipt-stored`). One problem stops the sending to an
//! organisation until the person acts: a receipt signed by another key
//! than the pinned one (the organisation's key changed, or someone poses
//! as it); Regie never pins a new key because of a receipt.
//!
//! Linking ([`Vault::link`]) is a link request sent the same way, at
//! once: the organisation checks the link code and answers with a receipt;
//! accepted, the organisation is linked and its newest preference file is
//! queued.
//!
//! The work is split so that a front end need not hold the vault while a
//! slow server answers: [`Vault::next_parcel`] (the vault), then
//! [`crate::Sender::post`] (the network), then [`Vault::settle`] (the
//! vault). [`Vault::send`] does the three in a loop, for the command line.

use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use regie_declaration::InboxUrl;
use regie_model::{Language, OrgId};
use regie_prefs::{
    pairwise_signing_key_at, verify_receipt, Audience, DidKey, ExpectedReceipt, FileHash, LinkCode,
    LinkRequest, LinkRequestSubject, Outcome, ReceivedKind, VerifiedReceipt,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::chain::{self, NewEvent};
use crate::error::{Damage, Error, Result};
use crate::lifecycle::Vault;
use crate::queue;
use crate::reasons::SendProblem;
use crate::sender::{Reply, Sender};

/// The first wait after a failure; each failure in a row doubles it.
pub const FIRST_RETRY: Duration = Duration::from_secs(30);
/// The longest wait between tries.
pub const LONGEST_RETRY: Duration = Duration::from_secs(6 * 3600);
/// The longest `Retry-After` Regie honours.
pub const LONGEST_RETRY_AFTER: Duration = Duration::from_secs(24 * 3600);

/// How long to wait before the next try after `failures` failures in a
/// row (from 1): [`FIRST_RETRY`] doubled for each failure before this one,
/// at most [`LONGEST_RETRY`], of which a random part (`jitter`, between
/// zero and one) is taken off, up to half, so that many vaults that failed
/// together do not all come back at the same moment; and never less than
/// the organisation's `Retry-After` (at most [`LONGEST_RETRY_AFTER`]).
pub fn retry_delay(failures: u32, retry_after: Option<u64>, jitter: f64) -> Duration {
    let doublings = failures.saturating_sub(1).min(20);
    let full = FIRST_RETRY
        .saturating_mul(1 << doublings)
        .min(LONGEST_RETRY);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let delay = full.mul_f64(1.0 - jitter / 2.0);
    let asked = retry_after.map_or(Duration::ZERO, |s| {
        Duration::from_secs(s).min(LONGEST_RETRY_AFTER)
    });
    delay.max(asked)
}

/// A kind of file a person sends to an inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// A preference file.
    Preferences,
    /// A key rotation's announcement.
    KeyRotation,
    /// A link request.
    LinkRequest,
}

impl FileKind {
    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Preferences => "preferences",
            FileKind::KeyRotation => "key-rotation",
            FileKind::LinkRequest => "link-request",
        }
    }

    fn parse(s: &str) -> Result<FileKind> {
        match s {
            "preferences" => Ok(FileKind::Preferences),
            "key-rotation" => Ok(FileKind::KeyRotation),
            "link-request" => Ok(FileKind::LinkRequest),
            other => Err(stored(format!("'{other}' is not a kind of file"))),
        }
    }
}

impl From<ReceivedKind> for FileKind {
    fn from(k: ReceivedKind) -> Self {
        match k {
            ReceivedKind::Preferences => FileKind::Preferences,
            ReceivedKind::KeyRotation => FileKind::KeyRotation,
            ReceivedKind::LinkRequest => FileKind::LinkRequest,
        }
    }
}

/// A file waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingFile {
    /// What kind of file.
    pub kind: FileKind,
    /// Its sequence number, once it is signed.
    pub sequence: Option<u64>,
    /// Since when it waits.
    pub queued_at: DateTime<Utc>,
}

/// One organisation's files in the outbox, and how sending them goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiting {
    /// The organisation.
    pub org_id: OrgId,
    /// Its name.
    pub name: String,
    /// The host of its inbox, where the files go.
    pub inbox_host: String,
    /// Since when something waits (the oldest file's time).
    pub since: DateTime<Utc>,
    /// The files, in the order they will be sent.
    pub files: Vec<WaitingFile>,
    /// Tries in a row that did not end in a receipt.
    pub failures: u32,
    /// The last try.
    pub last_try_at: Option<DateTime<Utc>>,
    /// The next try, if it waits for one; `None`: whenever Regie sends
    /// next (or, if `held`, not by itself).
    pub next_try_at: Option<DateTime<Utc>>,
    /// Why the last try did not end in a receipt.
    pub problem: Option<SendProblem>,
    /// Whether Regie sends nothing more by itself until the person acts
    /// ([`SendProblem::holds`]).
    pub held: bool,
}

impl Waiting {
    /// Whether Regie sends it by itself at `now`: not held, and its next
    /// try is due.
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        !self.held && self.next_try_at.is_none_or(|t| t <= now)
    }
}

/// A receipt kept in the vault: what it says, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptReceipt {
    /// The organisation.
    pub org_id: OrgId,
    /// The receipt's own id.
    pub receipt_id: String,
    /// What kind of file it is about.
    pub file: FileKind,
    /// That file's sequence number (none for a link request).
    pub sequence: Option<u64>,
    /// That file's SHA-256.
    pub sha256: String,
    /// What the organisation did with it.
    pub outcome: Outcome,
    /// Why it refused it, if it did.
    pub rejection_code: Option<String>,
    /// When the organisation received it.
    pub received: DateTime<Utc>,
    /// From when it honours it (not if refused).
    pub honoured_from: Option<DateTime<Utc>>,
    /// When the organisation signed the receipt.
    pub issued: DateTime<Utc>,
    /// When the vault kept it.
    pub kept_at: DateTime<Utc>,
    /// The receipt as signed, the proof to keep.
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// Where delivery to one organisation stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    /// The organisation.
    pub org_id: OrgId,
    /// Its inbox, from its signed declaration.
    pub inbox: String,
    /// The inbox's host, as a person recognises it.
    pub inbox_host: String,
    /// The organisation's pinned key (`did:key`).
    pub key: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// When the person linked it; `None`: not linked yet.
    pub linked_at: Option<DateTime<Utc>>,
    /// What waits to be sent, if anything.
    pub waiting: Option<Waiting>,
    /// The newest receipt for a preference file or key rotation.
    pub last_receipt: Option<KeptReceipt>,
}

/// A file ready to go: where to post it, and what its receipt must say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parcel {
    /// The organisation.
    pub org_id: OrgId,
    /// Its inbox.
    pub inbox: String,
    /// What kind of file.
    pub kind: FileKind,
    /// Its sequence number (none for a link request).
    pub sequence: Option<u64>,
    /// The file.
    pub bytes: Vec<u8>,
    /// The key that signed it: the receipt must be about this customer.
    signer: DidKey,
    /// Its outbox entry (none for a link request, which is sent at once).
    entry: Option<i64>,
}

/// What became of one file sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// A receipt for it verified and is kept (it may say the organisation
    /// refused the file).
    Confirmed(KeptReceipt),
    /// No receipt that confirms it; the file waits.
    NotConfirmed {
        /// Why.
        problem: SendProblem,
        /// When Regie tries again by itself (`None`: held, or a link
        /// request, which is not retried).
        next_try_at: Option<DateTime<Utc>>,
    },
}

/// What sending to one organisation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SendReport {
    /// The organisation.
    pub org_id: OrgId,
    /// The receipts kept, in the order the files went.
    pub confirmed: Vec<KeptReceipt>,
    /// Why sending stopped before the outbox was empty, if it did.
    pub stopped: Option<SendProblem>,
    /// When Regie tries again by itself, if it stopped.
    pub next_try_at: Option<DateTime<Utc>>,
}

fn stored(what: String) -> Error {
    Error::Corrupt(Damage::Content(what))
}

fn time(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| stored(format!("'{s}' is not a time")))
}

fn opt_time(s: Option<String>) -> Result<Option<DateTime<Utc>>> {
    s.as_deref().map(time).transpose()
}

fn sequence(n: Option<i64>) -> Result<Option<u64>> {
    n.map(|n| u64::try_from(n).map_err(|_| stored(format!("{n} is not a sequence number"))))
        .transpose()
}

fn outcome(s: &str) -> Result<Outcome> {
    match s {
        "accepted" => Ok(Outcome::Accepted),
        "already-imported" => Ok(Outcome::AlreadyImported),
        "rejected" => Ok(Outcome::Rejected),
        other => Err(stored(format!("'{other}' is not an outcome"))),
    }
}

/// The host of a stored inbox URL.
fn inbox_host(inbox: &str) -> Result<String> {
    InboxUrl::parse(inbox)
        .map(|u| u.host().to_owned())
        .map_err(|_| stored(format!("'{inbox}' is not an inbox")))
}

const RECEIPT_COLS: &str = "org_id, receipt_id, file_kind, sequence, sha256, outcome, rejection_code, received, honoured_from, issued, stored_at, bytes";

fn read_receipt(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<KeptReceipt>> {
    let org: String = r.get(0)?;
    let kind: String = r.get(2)?;
    let seq: Option<i64> = r.get(3)?;
    let out: String = r.get(5)?;
    let received: String = r.get(7)?;
    let honoured: Option<String> = r.get(8)?;
    let issued: String = r.get(9)?;
    let kept: String = r.get(10)?;
    let (receipt_id, sha256, rejection_code, bytes) = (r.get(1)?, r.get(4)?, r.get(6)?, r.get(11)?);
    Ok((|| {
        Ok(KeptReceipt {
            org_id: OrgId::parse(&org)?,
            receipt_id,
            file: FileKind::parse(&kind)?,
            sequence: sequence(seq)?,
            sha256,
            outcome: outcome(&out)?,
            rejection_code,
            received: time(&received)?,
            honoured_from: opt_time(honoured)?,
            issued: time(&issued)?,
            kept_at: time(&kept)?,
            bytes,
        })
    })())
}

/// The outbox of one organisation, if anything waits for it.
fn waiting(c: &Connection, org: &OrgId) -> Result<Option<Waiting>> {
    let mut files = Vec::new();
    {
        let mut stmt = c.prepare_cached(
            "SELECT kind, sequence, queued_at FROM outbox WHERE org_id = ?1
             ORDER BY sequence IS NULL, sequence, id",
        )?;
        let mut rows = stmt.query([org.as_str()])?;
        while let Some(r) = rows.next()? {
            let kind: String = r.get(0)?;
            let seq: Option<i64> = r.get(1)?;
            let at: String = r.get(2)?;
            files.push(WaitingFile {
                kind: FileKind::parse(&kind)?,
                sequence: sequence(seq)?,
                queued_at: time(&at)?,
            });
        }
    }
    let Some(since) = files.iter().map(|f| f.queued_at).min() else {
        return Ok(None);
    };
    type Row = (
        String,
        String,
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let (name, inbox, failures, last, next, problem): Row = c
        .prepare_cached(
            "SELECT o.name, d.inbox, d.failures, d.last_try_at, d.next_try_at, d.problem
             FROM delivery d JOIN organisation o ON o.id = d.org_id WHERE d.org_id = ?1",
        )?
        .query_row([org.as_str()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
    let problem: Option<SendProblem> = problem
        .map(|p| serde_json::from_str(&p).map_err(|_| stored(format!("'{p}' is not a problem"))))
        .transpose()?;
    Ok(Some(Waiting {
        org_id: org.clone(),
        name,
        inbox_host: inbox_host(&inbox)?,
        since,
        files,
        failures: u32::try_from(failures).unwrap_or(u32::MAX),
        last_try_at: opt_time(last)?,
        next_try_at: opt_time(next)?,
        held: problem.as_ref().is_some_and(SendProblem::holds),
        problem,
    }))
}

fn random_fraction() -> f64 {
    let mut b = [0u8; 8];
    // Without randomness the wait is the full one: still correct, only
    // less spread out.
    if getrandom::getrandom(&mut b).is_err() {
        return 0.0;
    }
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

impl Vault {
    /// Every organisation with files waiting to be sent, by id.
    pub fn outbox(&self) -> Result<Vec<Waiting>> {
        let c = self.connection();
        let ids: Vec<String> = c
            .prepare_cached("SELECT DISTINCT org_id FROM outbox ORDER BY org_id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(w) = waiting(c, &OrgId::parse(&id)?)? {
                out.push(w);
            }
        }
        Ok(out)
    }

    /// The receipts kept for `org`, oldest first.
    pub fn receipts(&self, org: &OrgId) -> Result<Vec<KeptReceipt>> {
        self.organisation(org)?;
        let mut stmt = self.connection().prepare_cached(&format!(
            "SELECT {RECEIPT_COLS} FROM receipt WHERE org_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([org.as_str()], read_receipt)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        Ok(out)
    }

    /// Where delivery to `org` stands; `None` if Regie knows no inbox of it
    /// (no signed declaration was imported).
    pub fn delivery(&self, org: &OrgId) -> Result<Option<Delivery>> {
        self.organisation(org)?;
        let c = self.connection();
        let Some(pinned) = queue::pinned(c, org.as_str())? else {
            return Ok(None);
        };
        let last_receipt = c
            .prepare_cached(&format!(
                "SELECT {RECEIPT_COLS} FROM receipt WHERE org_id = ?1 AND file_kind != 'link-request'
                 ORDER BY id DESC LIMIT 1"
            ))?
            .query_row([org.as_str()], read_receipt)
            .optional()?
            .transpose()?;
        Ok(Some(Delivery {
            org_id: org.clone(),
            inbox_host: inbox_host(&pinned.inbox)?,
            inbox: pinned.inbox,
            key: pinned.key.did(),
            fingerprint: pinned.key.fingerprint(),
            linked_at: opt_time(pinned.linked_at)?,
            waiting: waiting(c, org)?,
            last_receipt,
        }))
    }

    /// The next file to send to `org`, signing its waiting preference file
    /// first if it is not signed yet or a change came after it was (the
    /// file and its `exported` event are recorded in one transaction).
    /// `None` when nothing waits. Files go in the order of their sequence
    /// numbers. `lang` is the summary's language when the person chose
    /// none for this organisation.
    pub fn next_parcel(&mut self, org: &OrgId, lang: Language) -> Result<Option<Parcel>> {
        self.organisation(org)?;
        let pinned = queue::pinned(self.connection(), org.as_str())?
            .ok_or_else(|| Error::NoInbox(org.clone()))?;
        if pinned.linked_at.is_none() {
            return Err(Error::NotLinked(org.clone()));
        }
        let to_sign: Option<bool> = self
            .connection()
            .prepare_cached(
                "SELECT bytes IS NULL OR stale = 1 FROM outbox WHERE org_id = ?1 AND kind = 'preferences'",
            )?
            .query_row([org.as_str()], |r| r.get(0))
            .optional()?;
        if to_sign == Some(true) {
            self.sign_for_inbox(org, lang, &inbox_host(&pinned.inbox)?)?;
        }
        type Row = (i64, String, Option<i64>, Option<String>, Option<Vec<u8>>);
        let next: Option<Row> = self
            .connection()
            .prepare_cached(
                "SELECT id, kind, sequence, signer, bytes FROM outbox WHERE org_id = ?1
                 ORDER BY sequence LIMIT 1",
            )?
            .query_row([org.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        let Some((entry, kind, seq, Some(signer), Some(bytes))) = next else {
            return match next {
                None => Ok(None),
                Some(_) => Err(stored("an outbox entry without its file".into())),
            };
        };
        Ok(Some(Parcel {
            org_id: org.clone(),
            inbox: pinned.inbox,
            kind: FileKind::parse(&kind)?,
            sequence: sequence(seq)?,
            bytes,
            signer: DidKey::parse(&signer)
                .map_err(|_| stored(format!("'{signer}' is not a key")))?,
            entry: Some(entry),
        }))
    }

    /// Handles what came back for `parcel` at `now`: a receipt that
    /// verifies against the pinned key and is about this file is kept with
    /// its history event, and the file leaves the outbox, in one
    /// transaction (a link request that was taken links the organisation
    /// too); anything else leaves the file waiting, with the reason and
    /// the time of the next try ([`retry_delay`]).
    pub fn settle(&mut self, parcel: &Parcel, reply: Reply, now: DateTime<Utc>) -> Result<Settled> {
        let org = &parcel.org_id;
        let pinned = queue::pinned(self.connection(), org.as_str())?
            .ok_or_else(|| Error::NoInbox(org.clone()))?;
        let checked = match reply {
            Reply::Failed(p) => Err(p),
            Reply::Answer { body, .. } => {
                let expected = ExpectedReceipt {
                    key: pinned.key,
                    organisation: org.clone(),
                    customer: parcel.signer,
                    file: FileHash::of(&parcel.bytes),
                };
                verify_receipt(&body, now, &expected)
                    .map(|v| (v, body))
                    .map_err(|e| SendProblem::NotConfirmed {
                        code: e.kind.code().to_owned(),
                        nl: e.message_in(Language::Nl).to_owned(),
                        en: e.message_in(Language::En).to_owned(),
                    })
            }
        };
        match checked {
            Ok((verified, body)) => self
                .keep(parcel, &verified, body, now)
                .map(Settled::Confirmed),
            Err(problem) if parcel.entry.is_none() => Ok(Settled::NotConfirmed {
                problem,
                next_try_at: None,
            }),
            Err(problem) => {
                let next_try_at = self.note_failure(org, &problem, now)?;
                Ok(Settled::NotConfirmed {
                    problem,
                    next_try_at,
                })
            }
        }
    }

    /// Sends what waits for `org` with `sender`, file after file, until
    /// nothing waits or a file is not confirmed (the files after it wait
    /// too, so that none overtakes it). Sends whether or not the next try
    /// was due: the caller decides that ([`Waiting::is_due`]).
    pub fn send(&mut self, org: &OrgId, sender: &Sender, lang: Language) -> Result<SendReport> {
        let mut report = SendReport {
            org_id: org.clone(),
            confirmed: Vec::new(),
            stopped: None,
            next_try_at: None,
        };
        // Each round takes one file out; more rounds than files would mean
        // a file that does not leave, so the loop ends there too.
        let rounds = self
            .connection()
            .prepare_cached("SELECT count(*) FROM outbox WHERE org_id = ?1")?
            .query_row([org.as_str()], |r| r.get::<_, i64>(0))?;
        for _ in 0..=rounds {
            let Some(parcel) = self.next_parcel(org, lang)? else {
                break;
            };
            let reply = sender.post(&parcel.inbox, &parcel.bytes);
            match self.settle(&parcel, reply, Utc::now())? {
                Settled::Confirmed(r) => report.confirmed.push(r),
                Settled::NotConfirmed {
                    problem,
                    next_try_at,
                } => {
                    report.stopped = Some(problem);
                    report.next_try_at = next_try_at;
                    break;
                }
            }
        }
        Ok(report)
    }

    /// Links `org` with the link code its organisation gave the person:
    /// signs a link request with the person's identifier for `org`, sends
    /// it to the organisation's inbox at once and checks the receipt.
    /// Taken (`accepted`, or `already-imported` for the same request
    /// again), the organisation is linked and its newest preference file
    /// is queued. Refused, the receipt is kept all the same, as proof, and
    /// the error says why ([`Error::LinkRefused`]); not confirmed, nothing
    /// changes ([`Error::NotDelivered`]).
    pub fn link(
        &mut self,
        org: &OrgId,
        code: &LinkCode,
        sender: &Sender,
        lang: Language,
    ) -> Result<KeptReceipt> {
        let parcel = self.link_parcel(org, code, lang)?;
        let reply = sender.post(&parcel.inbox, &parcel.bytes);
        match self.settle(&parcel, reply, Utc::now())? {
            Settled::NotConfirmed { problem, .. } => Err(Error::NotDelivered {
                org: org.clone(),
                problem,
            }),
            Settled::Confirmed(r) if r.outcome == Outcome::Rejected => Err(Error::LinkRefused {
                org: org.clone(),
                code: r.rejection_code.unwrap_or_default(),
            }),
            Settled::Confirmed(r) => Ok(r),
        }
    }

    /// A link request for `org` with `code`, signed with the person's
    /// identifier for `org`, ready to post to its inbox: the first step of
    /// [`Vault::link`], for a front end that posts it without holding the
    /// vault ([`crate::Sender::post`]) and then calls [`Vault::settle`]
    /// (a refusal is then a [`Settled::Confirmed`] receipt whose outcome
    /// is `rejected`). Nothing is stored until it is settled.
    pub fn link_parcel(&self, org: &OrgId, code: &LinkCode, lang: Language) -> Result<Parcel> {
        if self.is_read_only() {
            return Err(Error::VaultReadOnly);
        }
        let page = self.organisation(org)?;
        let pinned = queue::pinned(self.connection(), org.as_str())?
            .ok_or_else(|| Error::NoInbox(org.clone()))?;
        let epoch = self.key_epoch(org)?;
        let now = Utc::now().trunc_subsecs(0);
        let subject = LinkRequestSubject::new(
            Audience {
                id: org.clone(),
                name: page.org.name.clone(),
            },
            *code,
            now,
            page.contact.language.unwrap_or(lang),
        );
        let (file, signer) = self
            .with_master_secret(|m| {
                let key = pairwise_signing_key_at(m, org, epoch);
                LinkRequest::sign(&subject, &key, now)
                    .map(|f| (f, DidKey::new(key.verifying_key())))
            })
            .map_err(Error::CannotSign)?;
        Ok(Parcel {
            org_id: org.clone(),
            inbox: pinned.inbox,
            kind: FileKind::LinkRequest,
            sequence: None,
            bytes: file.bytes,
            signer,
            entry: None,
        })
    }

    /// Keeps a verified receipt for `parcel`, with its event, and takes
    /// the file out of the outbox (or, if a change came after it was
    /// signed, leaves the entry to be signed anew); a link request taken
    /// links the organisation. The sender's state starts afresh.
    fn keep(
        &mut self,
        parcel: &Parcel,
        v: &VerifiedReceipt,
        bytes: Vec<u8>,
        now: DateTime<Utc>,
    ) -> Result<KeptReceipt> {
        let s = &v.subject;
        let org = parcel.org_id.clone();
        let kept = KeptReceipt {
            org_id: org.clone(),
            receipt_id: s.receipt_id.to_string(),
            file: s.received_file.kind.map_or(parcel.kind, FileKind::from),
            sequence: s.received_file.sequence,
            sha256: s.received_file.sha256.to_string(),
            outcome: s.outcome,
            rejection_code: s.rejection_code.as_ref().map(|c| c.as_str().to_owned()),
            received: s.received.get(),
            honoured_from: s.honoured_from.map(|t| t.get()),
            issued: s.issued.get(),
            kept_at: now,
            bytes,
        };
        let sha = kept.sha256.clone();
        self.write(|tx, at| {
            let text = chain::now_text;
            tx.prepare_cached(&format!(
                "INSERT INTO receipt ({RECEIPT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
            ))?
            .execute(params![
                org.as_str(),
                kept.receipt_id,
                kept.file.as_str(),
                kept.sequence.map(queue::sequence_value).transpose()?,
                kept.sha256,
                kept.outcome.as_str(),
                kept.rejection_code,
                text(kept.received),
                kept.honoured_from.map(text),
                text(kept.issued),
                text(kept.kept_at),
                kept.bytes,
            ])?;
            let mut record = serde_json::json!({
                "receipt_id": kept.receipt_id,
                "file": kept.file,
                "sequence": kept.sequence,
                "sha256": kept.sha256,
                "outcome": kept.outcome,
                "received": text(kept.received),
            });
            if let Some(c) = &kept.rejection_code {
                record["rejection_code"] = c.as_str().into();
            }
            if let Some(t) = kept.honoured_from {
                record["honoured_from"] = text(t).into();
            }
            chain::append(
                tx,
                at,
                NewEvent {
                    org_id: Some(org.as_str()),
                    kind: regie_model::EventKind::ReceiptStored,
                    subject: kept.receipt_id.clone(),
                    before: None,
                    after: Some(record.to_string()),
                },
            )?;
            if let Some(entry) = parcel.entry {
                // Only the file that was sent leaves; a stale preference
                // file is left to be signed anew.
                tx.prepare_cached(
                    "DELETE FROM outbox WHERE id = ?1 AND sha256 = ?2 AND stale = 0",
                )?
                .execute(params![entry, sha])?;
                tx.prepare_cached(
                    "UPDATE outbox SET bytes = NULL, sequence = NULL, signer = NULL, sha256 = NULL, stale = 0
                     WHERE id = ?1 AND sha256 = ?2",
                )?
                .execute(params![entry, sha])?;
            }
            tx.prepare_cached(
                "UPDATE delivery SET failures = 0, next_try_at = NULL, problem = NULL, last_try_at = ?2
                 WHERE org_id = ?1",
            )?
            .execute(params![org.as_str(), text(at)])?;
            let taken = kept.outcome != Outcome::Rejected;
            if parcel.kind == FileKind::LinkRequest && taken {
                let was_linked = queue::is_linked(tx, org.as_str())?;
                if !was_linked || kept.outcome == Outcome::Accepted {
                    tx.prepare_cached("UPDATE delivery SET linked_at = ?2 WHERE org_id = ?1")?
                        .execute(params![org.as_str(), text(at)])?;
                    chain::append(
                        tx,
                        at,
                        NewEvent {
                            org_id: Some(org.as_str()),
                            kind: regie_model::EventKind::Linked,
                            subject: parcel.signer.fingerprint(),
                            before: None,
                            after: Some(
                                serde_json::json!({ "did": parcel.signer.did(), "receipt_id": kept.receipt_id })
                                    .to_string(),
                            ),
                        },
                    )?;
                }
            }
            Ok(())
        })?;
        Ok(kept)
    }

    /// Notes a try that did not end in a receipt, and when to try next.
    fn note_failure(
        &mut self,
        org: &OrgId,
        problem: &SendProblem,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let failures: i64 = self
            .connection()
            .prepare_cached("SELECT failures FROM delivery WHERE org_id = ?1")?
            .query_row([org.as_str()], |r| r.get(0))?;
        let failures = failures.saturating_add(1);
        let retry_after = match problem {
            SendProblem::RateLimited { retry_after } => *retry_after,
            _ => None,
        };
        let next = (!problem.holds()).then(|| {
            let delay = retry_delay(
                u32::try_from(failures).unwrap_or(u32::MAX),
                retry_after,
                random_fraction(),
            );
            now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::MAX)
        });
        let json = serde_json::to_string(problem).expect("a problem serialises");
        self.write(|tx, _| {
            tx.prepare_cached(
                "UPDATE delivery SET failures = ?2, next_try_at = ?3, last_try_at = ?4, problem = ?5
                 WHERE org_id = ?1",
            )?
            .execute(params![
                org.as_str(),
                failures,
                next.map(chain::now_text),
                chain::now_text(now),
                json
            ])?;
            Ok(())
        })?;
        Ok(next)
    }
}
