//! One organisation: its store, its settings, and an in-memory view of
//! every customer's effective preferences and recent sends, so a check is
//! a hash lookup and a few comparisons.
//!
//! The view is filled lazily (or all at once with [`Org::warm`]) and an
//! import or a recorded send through this `Org` refreshes the customers it
//! touched. Another process writing to the same database is not seen until
//! [`Org::forget`] or a restart.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use regie_model::{Channel, MessageKind};

use crate::check::{decide, sends_horizon, Decision, Known, Sent};
use crate::import::{
    batch_order, examine, examine_many, examine_paths, expand, unreadable, Effective, GROUP,
};
use crate::store::{self, Incoming, OrgConfig, Outcome, StateRow, Store, StoreError};

/// What is cached per customer.
#[derive(Debug)]
struct Entry {
    known: Known,
    sends: Vec<Sent>,
}

/// The result for one received file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileResult {
    /// Where it came from.
    pub source: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The result of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// Files accepted.
    pub accepted: usize,
    /// Files that were accepted before.
    pub already_imported: usize,
    /// Files rejected.
    pub rejected: usize,
    /// Every file, in the order written.
    pub files: Vec<FileResult>,
}

impl ImportReport {
    fn add(&mut self, inc: &Incoming, outcome: Outcome) {
        match &outcome {
            Outcome::Accepted { .. } => self.accepted += 1,
            Outcome::AlreadyImported { .. } => self.already_imported += 1,
            Outcome::Rejected { .. } => self.rejected += 1,
        }
        self.files.push(FileResult {
            source: inc.source.clone(),
            sha256: inc.sha256.clone(),
            outcome,
        });
    }
}

/// How to import.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// Threads that verify (1: verify on the calling thread; in
    /// [`Org::import_paths`] one more thread writes beside it).
    pub threads: usize,
    /// Files per transaction.
    pub batch: usize,
    /// The time files are received and checked against (clock skew).
    pub now: Option<DateTime<Utc>>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch: 2048,
            now: None,
        }
    }
}

/// An organisation, open.
pub struct Org {
    store: Box<dyn Store>,
    config: OrgConfig,
    cache: RwLock<HashMap<String, Arc<Entry>>>,
}

impl std::fmt::Debug for Org {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Org").field("config", &self.config).finish()
    }
}

fn known_from(state: Option<&StateRow>) -> Known {
    match state.and_then(|s| s.effective.as_deref().map(|e| (s, e))) {
        None => Known::Nothing,
        Some((_, json)) => match serde_json::from_str::<Effective>(json) {
            Ok(e) => match e.contact_preferences.validate() {
                Ok(()) => Known::Preferences {
                    prefs: Box::new(e.contact_preferences),
                    global_switch: e.global_switch,
                },
                Err(err) => Known::Doubtful(err.to_string()),
            },
            Err(err) => Known::Doubtful(err.to_string()),
        },
    }
}

impl Org {
    /// Opens the organisation in a store that `init` set up.
    pub fn open(store: Box<dyn Store>) -> Result<Self, StoreError> {
        let config = store.config()?.ok_or(StoreError::NotInitialised)?;
        Ok(Org {
            store,
            config,
            cache: RwLock::new(HashMap::new()),
        })
    }

    /// Opens the store a URL names (see [`store::open`]).
    pub fn open_url(url: &str) -> Result<Self, StoreError> {
        Org::open(store::open(url)?)
    }

    /// The settings.
    pub fn config(&self) -> &OrgConfig {
        &self.config
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// Loads every customer's state and recent sends into memory.
    pub fn warm(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut sends: HashMap<String, Vec<Sent>> = HashMap::new();
        for (c, s) in self.store.sends(None, sends_horizon(now))? {
            sends.entry(c).or_default().push(s);
        }
        let states = self.store.states()?;
        let mut map = HashMap::with_capacity(states.len());
        for s in &states {
            map.insert(
                s.customer.clone(),
                Arc::new(Entry {
                    known: known_from(Some(s)),
                    sends: sends.remove(&s.customer).unwrap_or_default(),
                }),
            );
        }
        for (c, s) in sends {
            map.insert(
                c,
                Arc::new(Entry {
                    known: Known::Nothing,
                    sends: s,
                }),
            );
        }
        let n = map.len();
        *self.cache.write().unwrap_or_else(|e| e.into_inner()) = map;
        Ok(n)
    }

    /// Drops the cached view of these customers (all if `None`), so the
    /// next check reads the store again.
    pub fn forget(&self, customers: Option<&[String]>) {
        let mut c = self.cache.write().unwrap_or_else(|e| e.into_inner());
        match customers {
            None => c.clear(),
            Some(list) => {
                for k in list {
                    c.remove(k);
                }
            }
        }
    }

    fn entry(&self, customer: &str, at: DateTime<Utc>) -> Result<Arc<Entry>, StoreError> {
        if let Some(e) = self
            .cache
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(customer)
        {
            return Ok(e.clone());
        }
        let state = self.store.state(customer)?;
        let sends = self
            .store
            .sends(Some(customer), sends_horizon(at))?
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        let e = Arc::new(Entry {
            known: known_from(state.as_ref()),
            sends,
        });
        self.cache
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(customer.to_owned(), e.clone());
        Ok(e)
    }

    /// May this customer get this kind of message on this channel at `at`?
    /// When the stored data cannot be read, the answer is no.
    pub fn check(
        &self,
        customer: &str,
        channel: Channel,
        kind: MessageKind,
        at: DateTime<Utc>,
    ) -> Decision {
        let known;
        let entry;
        let (k, sends) = match self.entry(customer, at) {
            Ok(e) => {
                entry = e;
                (&entry.known, entry.sends.as_slice())
            }
            Err(err) => {
                known = Known::Doubtful(err.to_string());
                (&known, &[][..])
            }
        };
        decide(k, self.config.default, sends, channel, kind, at)
    }

    /// [`Org::check`] from memory only: `None` if the customer is not in
    /// the in-memory view (then [`Org::check`] reads the store).
    pub fn check_cached(
        &self,
        customer: &str,
        channel: Channel,
        kind: MessageKind,
        at: DateTime<Utc>,
    ) -> Option<Decision> {
        let entry = self
            .cache
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(customer)
            .cloned()?;
        Some(decide(
            &entry.known,
            self.config.default,
            &entry.sends,
            channel,
            kind,
            at,
        ))
    }

    /// Records a message sent, for the caps.
    pub fn record_send(&self, customer: &str, send: Sent) -> Result<(), StoreError> {
        self.store.record_send(customer, &send)?;
        let mut c = self.cache.write().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = c.get(customer) {
            let mut sends = e.sends.clone();
            sends.push(send);
            let known = e.known.clone();
            c.insert(customer.to_owned(), Arc::new(Entry { known, sends }));
        }
        Ok(())
    }

    /// Customers who must not get `kind` on `channel` at `at`, with the
    /// decision. Customers without a file are listed when the default
    /// blocks.
    pub fn suppressions(
        &self,
        channel: Channel,
        kind: MessageKind,
        at: DateTime<Utc>,
    ) -> Result<Vec<(String, Decision)>, StoreError> {
        let mut out = Vec::new();
        for c in self.store.customers()? {
            let d = self.check(&c.customer, channel, kind, at);
            if !d.allowed {
                out.push((c.customer, d));
            }
        }
        Ok(out)
    }

    /// Verifies and stores one file's bytes.
    pub fn import_bytes(
        &self,
        source: &str,
        bytes: Vec<u8>,
        now: DateTime<Utc>,
    ) -> Result<FileResult, StoreError> {
        let inc = examine(source.to_owned(), bytes, &self.config.id, now);
        let mut report = ImportReport::default();
        self.write(&mut [inc], &mut report)?;
        report
            .files
            .pop()
            .ok_or_else(|| StoreError::Corrupt("no result".into()))
    }

    fn write(&self, batch: &mut [Incoming], report: &mut ImportReport) -> Result<(), StoreError> {
        batch_order(batch);
        let outcomes = self.store.apply(batch, self.config.tofu)?;
        let mut touched = Vec::new();
        for (inc, o) in batch.iter().zip(outcomes) {
            if let Outcome::Accepted { customer, .. } = &o {
                touched.push(customer.clone());
            }
            report.add(inc, o);
        }
        if !touched.is_empty() {
            self.forget(Some(&touched));
        }
        Ok(())
    }

    /// Imports files and directories (`-` reads standard input). Verifies
    /// on `options.threads` threads while the previous batch is written.
    pub fn import_paths(
        &self,
        paths: &[PathBuf],
        options: ImportOptions,
    ) -> Result<ImportReport, StoreError> {
        let now = options.now.unwrap_or_else(Utc::now);
        let mut report = ImportReport::default();
        let mut files = Vec::new();
        let mut early = Vec::new();
        for p in paths {
            if p.as_os_str() == "-" {
                let inc = match crate::import::read_bounded(std::io::stdin().lock()) {
                    Ok(b) => examine("-".into(), b, &self.config.id, now),
                    Err(e) => unreadable("-".into(), e.to_string(), now),
                };
                early.push(inc);
                continue;
            }
            match expand(p) {
                Ok(list) => files.extend(list),
                Err(e) => early.push(unreadable(p.display().to_string(), e.to_string(), now)),
            }
        }
        if !early.is_empty() {
            self.write(&mut early, &mut report)?;
        }
        let org = &self.config.id;
        let batch = options.batch.max(1);
        // With one thread, verification stays on the calling thread; the
        // writer still runs beside it, so the time a commit waits for the
        // disk is spent verifying the next batch.
        let pool = if options.threads > 1 {
            Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(options.threads)
                    .build()
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            )
        } else {
            None
        };
        let verify = |chunk: &[PathBuf]| -> Vec<Incoming> {
            match &pool {
                Some(pool) => pool.install(|| {
                    chunk
                        .par_chunks(GROUP)
                        .flat_map_iter(|group| examine_paths(group, org, now))
                        .collect()
                }),
                None => chunk
                    .chunks(GROUP)
                    .flat_map(|group| examine_paths(group, org, now))
                    .collect(),
            }
        };
        // The writer takes verified batches while the next ones are
        // verified; two batches in flight bound the memory.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Incoming>>(2);
        std::thread::scope(|s| {
            let writer = s.spawn(move || -> Result<ImportReport, StoreError> {
                let mut report = ImportReport::default();
                for mut v in rx {
                    self.write(&mut v, &mut report)?;
                }
                Ok(report)
            });
            for chunk in files.chunks(batch) {
                if tx.send(verify(chunk)).is_err() {
                    break;
                }
            }
            drop(tx);
            let r = writer
                .join()
                .map_err(|_| StoreError::Corrupt("the writer stopped".into()))??;
            report.accepted += r.accepted;
            report.already_imported += r.already_imported;
            report.rejected += r.rejected;
            report.files.extend(r.files);
            Ok(report)
        })
    }

    /// Imports already-read files (for benchmarks and the HTTP API):
    /// verifies them in parallel on the current rayon pool, then writes.
    pub fn import_many(
        &self,
        files: Vec<(String, Vec<u8>)>,
        options: ImportOptions,
    ) -> Result<ImportReport, StoreError> {
        let now = options.now.unwrap_or_else(Utc::now);
        let org = &self.config.id;
        let mut report = ImportReport::default();
        let batch = options.batch.max(1);
        let mut files = files.into_iter();
        loop {
            let chunk: Vec<(String, Vec<u8>)> = files.by_ref().take(batch).collect();
            if chunk.is_empty() {
                break;
            }
            let mut v: Vec<Incoming> = if options.threads <= 1 {
                examine_many(chunk, org, now)
            } else {
                chunk
                    .into_par_iter()
                    .chunks(GROUP)
                    .flat_map_iter(|group| examine_many(group, org, now))
                    .collect()
            };
            self.write(&mut v, &mut report)?;
        }
        Ok(report)
    }
}
