//! The inbox: where a customer's own Regie delivers preference files, key
//! rotations and link requests (`POST /v1/inbox`), and gets a signed
//! receipt back for each.
//!
//! The inbox is public: the signature on each file is what authenticates
//! it, as for a file imported from a folder, and a file goes through the
//! very same import rules (`store/rules.rs`, through [`crate::Store::apply`]).
//! A link request goes through the link rule (`store/link.rs`). Every file
//! that names the key that signed it is answered with a receipt
//! (`docs/spec/receipt.md`) signed with the organisation's receipt key:
//! accepted, already imported, or rejected with the reason's code. A body
//! that names no `did:key` at all gets no receipt, since a receipt is
//! addressed to a key; it is rejected and kept in the history all the same.
//!
//! **Limits.** Each client address (IPv4, or IPv6 /64) and each key has a
//! request rate ([`limit`]); beyond it the answer is 429 with
//! `Retry-After`, and nothing is stored. Failed link attempts are counted
//! in the database, so that they hold across restarts and across servers
//! on one database: at most [`LINK_FAILURES_PER_ADDRESS`] an hour from one
//! address, [`LINK_FAILURES_PER_KEY`] by one key and
//! [`LINK_FAILURES_TOTAL`] in all (preference-file spec, section 10.2); a
//! link request past one of them is refused with 429 before its code is
//! looked at, and the total cap is logged for the operator. Within one
//! process, link requests are applied one at a time, so no burst can pass
//! a limit between counting and noting.
//!
//! **Throughput.** Files that arrive together are handled together, as an
//! import handles a folder: one thread verifies what has arrived with
//! [`regie_prefs::verify_many`] (their signatures in one batch, on every
//! core), another applies them in one transaction while the next ones are
//! verified, and each request signs its own receipt. A lone file waits
//! for no one: a batch is whatever has arrived when the last one is done.

pub mod limit;
pub mod published;
mod receipt;

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use regie_model::{Language, Text};
use regie_prefs::types::{FileHash, ReceivedKind};
use regie_prefs::{Content, DidKey, Verified, VerifyError, VerifyOptions};

use crate::i18n;
use crate::key::ReceiptKey;
use crate::store::link::{code_hash, LinkOutcome, LinkRequestIn, FAILURE_WINDOW};
use crate::store::{Incoming, StoreError};
use crate::FileResult;
use crate::Org;

/// Failed link attempts allowed from one client address in an hour.
pub const LINK_FAILURES_PER_ADDRESS: u64 = 10;
/// Failed link attempts allowed by one key in an hour.
pub const LINK_FAILURES_PER_KEY: u64 = 5;
/// Failed link attempts allowed in all in an hour; past it, link requests
/// wait, and the operator is told.
pub const LINK_FAILURES_TOTAL: u64 = 1000;

/// Requests a minute one client address may send, by default.
pub const DEFAULT_PER_ADDRESS: u32 = 120;
/// Requests a minute one key may send, by default.
pub const DEFAULT_PER_KEY: u32 = 20;

/// The most files handled together.
const MAX_BATCH: usize = 256;

/// How the inbox is set up.
pub struct InboxConfig {
    /// The receipt key: it signs every receipt.
    pub key: ReceiptKey,
    /// Requests a minute from one client address.
    pub per_address: u32,
    /// Requests a minute signed by one key.
    pub per_key: u32,
    /// The operator's language, for the log.
    pub lang: Language,
}

/// What the inbox answers a request: a signed receipt, or a refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A receipt (signed JSON), with the HTTP status that says the
    /// outcome too: 201 accepted, 200 already imported, 422 rejected.
    Receipt {
        /// The HTTP status.
        status: u16,
        /// The receipt, as signed.
        bytes: Vec<u8>,
        /// The outcome (`accepted`, `already-imported`, `rejected`).
        outcome: &'static str,
        /// The rejection's code, if rejected.
        code: Option<String>,
        /// The customer the file or link request is about, if one is
        /// known (for the operator's log).
        customer: Option<String>,
    },
    /// No receipt: the request was not taken (429, 503), or the file names
    /// no key to address one to (422).
    Refused {
        /// The HTTP status.
        status: u16,
        /// A stable code.
        code: String,
        /// What happened and what to do, in the language asked for.
        message: String,
        /// For 429: when to try again.
        retry_after: Option<Duration>,
    },
}

impl Answer {
    fn refused(status: u16, code: &str, message: String) -> Answer {
        Answer::Refused {
            status,
            code: code.to_owned(),
            message,
            retry_after: None,
        }
    }

    pub(crate) fn too_many(lang: Language, t: Text, wait: Duration) -> Answer {
        let secs = wait.as_secs().max(1);
        Answer::Refused {
            status: 429,
            code: "too-many-requests".into(),
            message: i18n::fill(lang, t, &[("secs", &secs.to_string())]),
            retry_after: Some(Duration::from_secs(secs)),
        }
    }
}

/// What a request is waiting for from the threads.
struct Job {
    bytes: Vec<u8>,
    client: IpAddr,
    reply: tokio::sync::oneshot::Sender<Decided>,
}

/// What is known of a file for its receipt, from its verification (or,
/// for a file that failed it, from what it claims).
#[derive(Debug, Clone)]
pub(crate) struct Facts {
    pub did: Option<DidKey>,
    pub kind: Option<ReceivedKind>,
    pub sequence: Option<u64>,
    pub language: Language,
    pub sha256: FileHash,
    pub received: DateTime<Utc>,
}

/// What became of one request.
enum Decided {
    /// A file, through the import rules.
    File(Facts, FileResult, Option<DateTime<Utc>>),
    /// A link request, through the link rule.
    Link(Facts, LinkOutcome),
    /// The key sent too much; nothing stored.
    KeyTooFast(Duration),
    /// Too many failed link attempts; nothing looked at.
    LinkTooFast(Duration, LinkLimit),
    /// The store failed; nothing decided.
    StoreFailed,
}

/// Which limit of failed link attempts was reached.
#[derive(Debug, Clone, Copy)]
enum LinkLimit {
    Address,
    Key,
    Total,
}

/// One verified request, on its way to the writer.
struct Checked {
    job: Job,
    facts: Facts,
    what: What,
}

enum What {
    File(Incoming),
    Link(regie_prefs::LinkCode),
}

/// The inbox of an organisation: its threads, its key and its limits.
pub struct Inbox {
    queue: Mutex<mpsc::Sender<Job>>,
    key: Arc<ReceiptKey>,
    org: Arc<Org>,
    addresses: Mutex<limit::Buckets>,
    /// The operator's language, for the log.
    lang: Language,
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inbox").field("key", &self.key).finish()
    }
}

impl Inbox {
    /// Starts the inbox's two threads (verifying, writing); they end when
    /// the inbox is dropped.
    pub fn start(org: Arc<Org>, config: InboxConfig) -> std::io::Result<Arc<Inbox>> {
        let (tx, rx) = mpsc::channel::<Job>();
        let (to_writer, from_verifier) = mpsc::sync_channel::<Vec<Checked>>(2);
        let id = org.config().id.clone();
        std::thread::Builder::new()
            .name("regie-org-inbox-verify".into())
            .spawn(move || verifier(rx, to_writer, id))?;
        let writer = Writer {
            org: org.clone(),
            keys: limit::Buckets::new(config.per_key),
            lang: config.lang,
            warned: None,
        };
        std::thread::Builder::new()
            .name("regie-org-inbox-write".into())
            .spawn(move || writer.run(from_verifier))?;
        Ok(Arc::new(Inbox {
            queue: Mutex::new(tx),
            key: Arc::new(config.key),
            org,
            addresses: Mutex::new(limit::Buckets::new(config.per_address)),
            lang: config.lang,
        }))
    }

    /// The receipt key's `did:key`.
    pub fn key(&self) -> &DidKey {
        self.key.did()
    }

    /// Takes one posted body from `client` and answers it, in `lang`.
    pub async fn take(&self, bytes: Vec<u8>, client: IpAddr, lang: Language) -> Answer {
        let over = {
            let mut a = self.addresses.lock().unwrap_or_else(|e| e.into_inner());
            a.take(&limit::address_key(client), Instant::now())
        };
        if let Err(wait) = over {
            return Answer::too_many(lang, i18n::H_INBOX_ADDRESS_RATE, wait);
        }
        let (reply, answer) = tokio::sync::oneshot::channel();
        let sent = self
            .queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(Job {
                bytes,
                client,
                reply,
            });
        let unavailable = || {
            Answer::refused(
                503,
                "store-unavailable",
                i18n::H_UNAVAILABLE.get(lang).into(),
            )
        };
        if sent.is_err() {
            return unavailable();
        }
        let Ok(decided) = answer.await else {
            return unavailable();
        };
        let said = match decided {
            Decided::StoreFailed => return unavailable(),
            Decided::KeyTooFast(wait) => {
                return Answer::too_many(lang, i18n::H_INBOX_KEY_RATE, wait)
            }
            Decided::LinkTooFast(wait, which) => {
                let t = match which {
                    LinkLimit::Address => i18n::H_LINK_ADDRESS_LIMIT,
                    LinkLimit::Key => i18n::H_LINK_KEY_LIMIT,
                    LinkLimit::Total => i18n::H_LINK_TOTAL_LIMIT,
                };
                return Answer::too_many(lang, t, wait);
            }
            Decided::File(facts, result, since) => {
                let customer = match &result.outcome {
                    crate::Outcome::Accepted { customer, .. }
                    | crate::Outcome::AlreadyImported { customer, .. } => Some(customer.clone()),
                    crate::Outcome::Rejected { customer, .. } => customer.clone(),
                };
                (facts, receipt::Said::file(&result, since), customer)
            }
            Decided::Link(facts, outcome) => {
                let customer = match &outcome {
                    LinkOutcome::Linked { customer, .. }
                    | LinkOutcome::AlreadyLinked { customer, .. } => Some(customer.clone()),
                    LinkOutcome::Rejected { customer, .. } => customer.clone(),
                };
                (facts, receipt::Said::link(&outcome), customer)
            }
        };
        let (facts, said, about) = said;
        // Signing takes about as long as verifying did: on the request's
        // own task, so receipts are signed on every core at once.
        let mut answer = receipt::answer(&self.org, &self.key, &facts, said, lang, self.lang);
        if let Answer::Receipt { customer, .. } = &mut answer {
            *customer = about;
        }
        answer
    }
}

/// The verifying thread: takes what has arrived (at least one request, at
/// most [`MAX_BATCH`]), verifies it together, and hands it on.
fn verifier(
    rx: mpsc::Receiver<Job>,
    to_writer: mpsc::SyncSender<Vec<Checked>>,
    org: regie_model::OrgId,
) {
    let options = VerifyOptions {
        audience: Some(org),
        ..Default::default()
    };
    while let Ok(first) = rx.recv() {
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => jobs.push(j),
                Err(_) => break,
            }
        }
        let now = Utc::now();
        // As an import does: groups of files, their signatures checked
        // together, on every core.
        let group = jobs.len().div_ceil(rayon::current_num_threads()).max(16);
        let results: Vec<Result<Verified, VerifyError>> = jobs
            .par_chunks(group)
            .flat_map_iter(|chunk| {
                let refs: Vec<&[u8]> = chunk.iter().map(|j| j.bytes.as_slice()).collect();
                regie_prefs::verify_many(&refs, now, &options)
            })
            .collect();
        let checked = jobs
            .into_iter()
            .zip(results)
            .map(|(mut job, result)| {
                let source = format!("inbox {}", limit::address_key(job.client));
                let bytes = std::mem::take(&mut job.bytes);
                let mut facts = receipt::claimed(&bytes, now);
                if let Ok(v) = &result {
                    receipt::verified(&mut facts, v);
                    if let Content::LinkRequest(l) = &v.content {
                        job.bytes = bytes;
                        return Checked {
                            job,
                            facts,
                            what: What::Link(l.link_code),
                        };
                    }
                }
                let inc = crate::import::incoming(source, bytes, result, now);
                Checked {
                    job,
                    facts,
                    what: What::File(inc),
                }
            })
            .collect();
        if to_writer.send(checked).is_err() {
            return;
        }
    }
}

/// The writing thread's state.
struct Writer {
    org: Arc<Org>,
    keys: limit::Buckets,
    lang: Language,
    /// When the operator was last told that the total cap of failed link
    /// attempts was reached (once a minute at most).
    warned: Option<Instant>,
}

impl Writer {
    fn run(mut self, from: mpsc::Receiver<Vec<Checked>>) {
        for batch in from {
            self.write(batch);
        }
    }

    /// Applies one batch: link requests one at a time, the files in one
    /// transaction; then answers each request.
    fn write(&mut self, batch: Vec<Checked>) {
        let mut files: Vec<(Job, Facts)> = Vec::new();
        let mut incoming: Vec<Incoming> = Vec::new();
        for c in batch {
            // Only a key whose signature was checked counts: a file that
            // merely names someone else's key cannot use up their rate.
            let signer = c
                .facts
                .did
                .as_ref()
                .filter(|_| c.verified())
                .map(DidKey::did);
            if let Some(did) = signer {
                if let Err(wait) = self.keys.take(&did, Instant::now()) {
                    let _ = c.job.reply.send(Decided::KeyTooFast(wait));
                    continue;
                }
            }
            match c.what {
                What::Link(code) => {
                    let decided = self.link(&c.job, &c.facts, &code);
                    let _ = c.job.reply.send(decided);
                }
                What::File(inc) => {
                    incoming.push(inc);
                    files.push((c.job, c.facts));
                }
            }
        }
        if incoming.is_empty() {
            return;
        }
        crate::import::batch_order(&mut incoming);
        let org = &self.org;
        let results = org.store().apply(&incoming, org.config().tofu);
        let outcomes = match results {
            Ok(o) => o,
            Err(e) => {
                self.log_store(&e);
                for (job, _) in files {
                    let _ = job.reply.send(Decided::StoreFailed);
                }
                return;
            }
        };
        let touched: Vec<String> = outcomes
            .iter()
            .filter_map(|o| match o {
                crate::Outcome::Accepted { customer, .. } => Some(customer.clone()),
                _ => None,
            })
            .collect();
        if !touched.is_empty() {
            org.forget(Some(&touched));
        }
        // The batch was written in its own order: each request finds its
        // result by the file's hash (requests with the same bytes take
        // theirs in turn, any of which is true of either).
        let mut by_hash: HashMap<String, Vec<FileResult>> = HashMap::new();
        for (inc, outcome) in incoming.iter().zip(outcomes).rev() {
            by_hash
                .entry(inc.sha256.clone())
                .or_default()
                .push(FileResult {
                    source: inc.source.clone(),
                    sha256: inc.sha256.clone(),
                    outcome,
                });
        }
        for (job, facts) in files {
            let hex = facts.sha256.to_string();
            let Some(result) = by_hash.get_mut(&hex).and_then(Vec::pop) else {
                let _ = job.reply.send(Decided::StoreFailed);
                continue;
            };
            let since = match &result.outcome {
                crate::Outcome::AlreadyImported { customer, .. } => {
                    self.accepted_at(customer, &hex)
                }
                _ => None,
            };
            let _ = job.reply.send(Decided::File(facts, result, since));
        }
    }

    /// When the file with this hash was accepted for the customer, from
    /// the history.
    fn accepted_at(&self, customer: &str, sha256: &str) -> Option<DateTime<Utc>> {
        let history = self.org.store().history(Some(customer)).ok()?;
        history
            .iter()
            .find(|h| h.sha256 == sha256 && h.outcome == "accepted")
            .map(|h| h.at)
    }

    /// A link request: refused with 429 past a limit of failed attempts,
    /// else the link rule.
    fn link(&mut self, job: &Job, facts: &Facts, code: &regie_prefs::LinkCode) -> Decided {
        let Some(did) = &facts.did else {
            return Decided::StoreFailed;
        };
        let did = did.did();
        let address = limit::address_key(job.client);
        let now = Utc::now();
        let counts = match self
            .org
            .store()
            .link_failures(&address, &did, now - FAILURE_WINDOW)
        {
            Ok(c) => c,
            Err(e) => {
                self.log_store(&e);
                return Decided::StoreFailed;
            }
        };
        let wait = |oldest: Option<DateTime<Utc>>| {
            let until = oldest.unwrap_or(now) + FAILURE_WINDOW;
            (until - now).to_std().unwrap_or_default() + Duration::from_secs(1)
        };
        if counts.total >= LINK_FAILURES_TOTAL {
            let quiet = self
                .warned
                .is_some_and(|t| t.elapsed() < Duration::from_secs(60));
            if !quiet {
                self.warned = Some(Instant::now());
                crate::server::log(
                    crate::server::logs::Level::Warn,
                    "link-attempts-capped",
                    self.lang,
                    i18n::H_LOG_LINK_TOTAL,
                    &[("max", &LINK_FAILURES_TOTAL.to_string())],
                );
            }
            return Decided::LinkTooFast(wait(counts.oldest_total), LinkLimit::Total);
        }
        if counts.address >= LINK_FAILURES_PER_ADDRESS {
            return Decided::LinkTooFast(wait(counts.oldest_address), LinkLimit::Address);
        }
        if counts.did >= LINK_FAILURES_PER_KEY {
            return Decided::LinkTooFast(wait(counts.oldest_did), LinkLimit::Key);
        }
        let request = LinkRequestIn {
            source: format!("inbox {address}"),
            sha256: facts.sha256.to_string(),
            bytes: job.bytes.clone(),
            received_at: facts.received,
            did,
            code_hash: code_hash(code),
            address,
        };
        match self.org.store().link(&request) {
            Ok(outcome) => {
                if let LinkOutcome::Linked { customer, .. } = &outcome {
                    self.org.forget(Some(std::slice::from_ref(customer)));
                }
                Decided::Link(facts.clone(), outcome)
            }
            Err(e) => {
                self.log_store(&e);
                Decided::StoreFailed
            }
        }
    }

    fn log_store(&self, e: &StoreError) {
        crate::server::log(
            crate::server::logs::Level::Error,
            "store-failed",
            self.lang,
            i18n::H_LOG_STORE,
            &[("what", "POST /v1/inbox"), ("err", &e.to_string())],
        );
    }
}

impl Checked {
    /// Whether the file's signature was checked (its key is its signer's).
    fn verified(&self) -> bool {
        match &self.what {
            What::Link(_) => true,
            What::File(inc) => !matches!(inc.verdict, crate::store::Verdict::Rejected { .. }),
        }
    }
}
