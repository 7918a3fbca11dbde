//! One organisation: its store, its settings, and an in-memory view of
//! customers' effective preferences and recent sends, so a check is a hash
//! lookup and a few comparisons.
//!
//! The view is filled lazily (or all at once with [`Org::warm`]); an import
//! or a recorded send through this `Org` refreshes the customers it touched
//! at once. Other processes on the same database (a second server, a cron
//! import, `regie-org record-send`) are seen through [`Org::follow`]: a
//! thread follows the store's log of changes (PostgreSQL wakes it with
//! LISTEN/NOTIFY, SQLite by a change counter it polls) and drops the
//! customers that changed. The bound: while following, the view is used
//! only if the follower completed a look at the log less than
//! [`FRESHNESS`] ago; otherwise (the follower is stuck, the database is
//! gone) every check reads the store itself, and blocks if it cannot. So a
//! check never answers from a view older than [`FRESHNESS`].
//!
//! A load from the store races with a change being noted: the view keeps a
//! generation number that every drop raises, and a load that saw another
//! generation when it started is used for its own answer but not kept.
//! Customers the store knows nothing about are remembered in a bounded set
//! ([`MAX_ABSENT`]), so checks for made-up customers cannot grow the view
//! without limit.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use regie_model::{Channel, MessageKind};
use regie_prefs::{DataCategory, Purpose};

use crate::check::{decide, decide_use, sends_horizon, Decision, Known, Sent, UseDecision};
use crate::import::{
    batch_order, examine, examine_many, examine_paths, expand, unreadable, Effective, Listed, GROUP,
};
use crate::metrics::{Histogram, LAG_BUCKETS};
use crate::store::{self, Incoming, OrgConfig, Outcome, StateRow, Store, StoreError};

/// The oldest the in-memory view may be when a check uses it, while
/// following other processes' changes (see the module documentation).
pub const FRESHNESS: Duration = Duration::from_secs(1);

/// How long the follower waits for a change before it looks anyway (and so
/// renews the view's freshness).
pub const POLL: Duration = Duration::from_millis(250);

/// The most customers remembered as unknown to the store; the set is
/// emptied when full.
pub const MAX_ABSENT: usize = 65_536;

/// What is cached per customer.
#[derive(Debug)]
struct Entry {
    known: Known,
    sends: Vec<Sent>,
}

/// The in-memory view.
#[derive(Debug, Default)]
struct View {
    known: HashMap<String, Arc<Entry>>,
    /// Customers with no state and no sends in the store.
    absent: HashSet<String>,
    /// Raised by every drop; see the module documentation.
    generation: u64,
}

impl View {
    fn drop_customers(&mut self, customers: Option<&[String]>) {
        match customers {
            None => {
                self.known.clear();
                self.absent.clear();
            }
            Some(list) => {
                for k in list {
                    self.known.remove(k);
                    self.absent.remove(k);
                }
            }
        }
        self.generation += 1;
    }
}

/// What the follower thread shares with the `Org`.
#[derive(Debug)]
struct Shared {
    view: RwLock<View>,
    /// Whether a follower keeps the view in step with other processes.
    following: AtomicBool,
    /// When the follower last completed a look at the log, in milliseconds
    /// after `base` (plus one; 0 = never).
    synced: AtomicU64,
    base: Instant,
    stop: AtomicBool,
    /// The answer for a customer the store knows nothing about.
    nothing: Arc<Entry>,
    /// From a change stored to the follower seeing it.
    lag: Histogram,
}

impl Shared {
    fn view(&self) -> std::sync::RwLockReadGuard<'_, View> {
        self.view.read().unwrap_or_else(|e| e.into_inner())
    }

    fn view_mut(&self) -> std::sync::RwLockWriteGuard<'_, View> {
        self.view.write().unwrap_or_else(|e| e.into_inner())
    }

    fn mark_synced(&self, at: Instant) {
        let ms = at.saturating_duration_since(self.base).as_millis() as u64 + 1;
        self.synced.fetch_max(ms, Ordering::Release);
    }

    /// Whether a check may answer from the view.
    fn usable(&self) -> bool {
        if !self.following.load(Ordering::Acquire) {
            return true;
        }
        let synced = self.synced.load(Ordering::Acquire);
        synced != 0 && {
            let age = self.base.elapsed().as_millis() as u64 + 1;
            age.saturating_sub(synced) < FRESHNESS.as_millis() as u64
        }
    }
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

/// Opens another connection to the same store, for the follower.
pub type OpenFeed = Box<dyn Fn() -> Result<Box<dyn Store>, StoreError> + Send>;

/// An organisation, open.
pub struct Org {
    store: Box<dyn Store>,
    config: OrgConfig,
    url: Option<String>,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Org {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Org").field("config", &self.config).finish()
    }
}

impl Drop for Org {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Release);
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
                    uses: e.uses.map(Box::new),
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
            url: None,
            shared: Arc::new(Shared {
                view: RwLock::new(View::default()),
                following: AtomicBool::new(false),
                synced: AtomicU64::new(0),
                base: Instant::now(),
                stop: AtomicBool::new(false),
                nothing: Arc::new(Entry {
                    known: Known::Nothing,
                    sends: Vec::new(),
                }),
                lag: Histogram::new(&LAG_BUCKETS),
            }),
        })
    }

    /// Opens the organisation in the database a URL names (see
    /// [`store::open_existing`]: a database that is not set up, or not
    /// there, is [`StoreError::NotInitialised`] and nothing is created).
    pub fn open_url(url: &str) -> Result<Self, StoreError> {
        let mut org = Org::open(store::open_existing(url)?)?;
        org.url = Some(url.to_owned());
        Ok(org)
    }

    /// The settings.
    pub fn config(&self) -> &OrgConfig {
        &self.config
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// How many customers the in-memory view holds: with a file or sends,
    /// and remembered as unknown.
    pub fn view_size(&self) -> (usize, usize) {
        let v = self.shared.view();
        (v.known.len(), v.absent.len())
    }

    /// The import lag: for each look of the follower ([`Org::follow`])
    /// that found changes, the time from the oldest of them being stored
    /// (by the writer's clock) to the look. Empty when not following.
    pub fn import_lag(&self) -> &Histogram {
        &self.shared.lag
    }

    /// Whether checks answer from the in-memory view now (see the module
    /// documentation); if not, they read the store.
    pub fn view_is_fresh(&self) -> bool {
        self.shared.usable()
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
        let mut v = self.shared.view_mut();
        v.known = map;
        v.absent.clear();
        v.generation += 1;
        Ok(n)
    }

    /// Keeps the view in step with every process writing to this database
    /// (see the module documentation): loads every customer, then follows
    /// the store's log of changes on a thread of its own, with a connection
    /// of its own (`open_feed`, called again after a lost connection).
    /// Returns the number of customers loaded. The thread ends with the
    /// `Org`.
    pub fn follow_with(&self, open_feed: OpenFeed) -> Result<usize, StoreError> {
        let feed = open_feed()?;
        let started = Instant::now();
        let from = feed.change_counter()?;
        let n = self.warm(Utc::now())?;
        let shared = self.shared.clone();
        shared.mark_synced(started);
        shared.following.store(true, Ordering::Release);
        std::thread::Builder::new()
            .name("regie-org-follow".into())
            .spawn(move || follow(shared, feed, open_feed, from))
            .map_err(|e| StoreError::Corrupt(format!("could not start following: {e}")))?;
        Ok(n)
    }

    /// [`Org::follow_with`] over a second connection to the URL this `Org`
    /// was opened with ([`Org::open_url`]).
    pub fn follow(&self) -> Result<usize, StoreError> {
        let Some(url) = self.url.clone() else {
            return Err(StoreError::BadUrl(
                "no database URL to follow (use Org::open_url)".into(),
            ));
        };
        self.follow_with(Box::new(move || store::open_existing(&url)))
    }

    /// Drops the cached view of these customers (all if `None`), so the
    /// next check reads the store again.
    pub fn forget(&self, customers: Option<&[String]>) {
        self.shared.view_mut().drop_customers(customers);
    }

    fn entry(&self, customer: &str) -> Result<Arc<Entry>, StoreError> {
        let generation = {
            let v = self.shared.view();
            if self.shared.usable() {
                if let Some(e) = v.known.get(customer) {
                    return Ok(e.clone());
                }
                if v.absent.contains(customer) {
                    return Ok(self.shared.nothing.clone());
                }
            }
            v.generation
        };
        let state = self.store.state(customer)?;
        let sends: Vec<Sent> = self
            .store
            .sends(Some(customer), sends_horizon(Utc::now()))?
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        let absent = state.is_none() && sends.is_empty();
        let e = if absent {
            self.shared.nothing.clone()
        } else {
            Arc::new(Entry {
                known: known_from(state.as_ref()),
                sends,
            })
        };
        let mut v = self.shared.view_mut();
        if v.generation == generation {
            if absent {
                if v.absent.len() >= MAX_ABSENT {
                    v.absent.clear();
                }
                v.absent.insert(customer.to_owned());
            } else {
                v.known.insert(customer.to_owned(), e.clone());
            }
        }
        Ok(e)
    }

    /// What is known about a customer, with a reason to block when the
    /// store cannot be read.
    fn known(&self, customer: &str) -> Arc<Entry> {
        self.entry(customer).unwrap_or_else(|err| {
            Arc::new(Entry {
                known: Known::Doubtful(err.to_string()),
                sends: Vec::new(),
            })
        })
    }

    /// May this customer get this kind of message on this channel at `at`?
    /// When the stored data cannot be read, the answer is no. Sends are
    /// kept for checks within [`crate::check::WINDOW`] of now; the command
    /// line and the HTTP API refuse other times.
    pub fn check(
        &self,
        customer: &str,
        channel: Channel,
        kind: MessageKind,
        at: DateTime<Utc>,
    ) -> Decision {
        let e = self.known(customer);
        decide(&e.known, self.config.default, &e.sends, channel, kind, at)
    }

    /// [`Org::check`] from memory only: `None` if the customer is not in
    /// the in-memory view or the view may be stale (then [`Org::check`]
    /// reads the store).
    pub fn check_cached(
        &self,
        customer: &str,
        channel: Channel,
        kind: MessageKind,
        at: DateTime<Utc>,
    ) -> Option<Decision> {
        if !self.shared.usable() {
            return None;
        }
        let entry = {
            let v = self.shared.view();
            match v.known.get(customer) {
                Some(e) => e.clone(),
                None if v.absent.contains(customer) => self.shared.nothing.clone(),
                None => return None,
            }
        };
        Some(decide(
            &entry.known,
            self.config.default,
            &entry.sends,
            channel,
            kind,
            at,
        ))
    }

    /// May the organisation use this customer's `category` of data (or, with
    /// `None`, their data in general) for `purpose`? From the decisions and
    /// sensitive categories of the customer's newest file; when the stored
    /// data cannot be read, the answer is no.
    pub fn check_use(
        &self,
        customer: &str,
        purpose: &Purpose,
        category: Option<&DataCategory>,
    ) -> UseDecision {
        let e = self.known(customer);
        decide_use(&e.known, self.config.default, purpose, category)
    }

    /// Records a message sent, for the caps.
    pub fn record_send(&self, customer: &str, send: Sent) -> Result<(), StoreError> {
        self.store.record_send(customer, &send)?;
        let mut v = self.shared.view_mut();
        if let Some(e) = v.known.get(customer) {
            let mut sends = e.sends.clone();
            sends.push(send);
            let known = e.known.clone();
            v.known
                .insert(customer.to_owned(), Arc::new(Entry { known, sends }));
        }
        v.absent.remove(customer);
        // A load that started before this send must not be kept.
        v.generation += 1;
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

    /// Customers whose data (`category`, or any) must not be used for
    /// `purpose`, with the decision (see [`Org::check_use`]).
    pub fn use_suppressions(
        &self,
        purpose: &Purpose,
        category: Option<&DataCategory>,
    ) -> Result<Vec<(String, UseDecision)>, StoreError> {
        let mut out = Vec::new();
        for c in self.store.customers()? {
            let d = self.check_use(&c.customer, purpose, category);
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
        let mut files: Vec<Listed> = Vec::new();
        let mut early = Vec::new();
        for p in paths {
            if p.as_os_str() == "-" {
                let inc = match crate::import::read_bounded(std::io::stdin().lock()) {
                    Ok(b) if b.len() > regie_prefs::json::MAX_INPUT_BYTES => {
                        crate::import::too_large("-".into(), None, now)
                    }
                    Ok(b) => examine("-".into(), b, &self.config.id, now),
                    Err(e) => unreadable("-".into(), &e, now),
                };
                early.push(inc);
                continue;
            }
            match expand(p) {
                Ok(list) => files.extend(list),
                Err(e) => early.push(unreadable(crate::text::path(p), &e, now)),
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
        let verify = |chunk: &[Listed]| -> Vec<Incoming> {
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

/// The follower: waits for a change (or [`POLL`]), reads the log since the
/// last change seen, drops those customers from the view, and marks the
/// view fresh as of the moment it looked. A lost connection is opened
/// again; meanwhile the view is not used (see [`Shared::usable`]).
fn follow(shared: Arc<Shared>, feed: Box<dyn Store>, open_feed: OpenFeed, mut last: u64) {
    let mut feed = Some(feed);
    while !shared.stop.load(Ordering::Acquire) {
        let Some(f) = feed.as_ref() else {
            std::thread::sleep(POLL);
            feed = open_feed().ok();
            continue;
        };
        let looked = f.wait_for_changes(POLL).and_then(|()| {
            let at = Instant::now();
            let wall = Utc::now();
            f.changes_since(last).map(|c| (at, wall, c))
        });
        match looked {
            Ok((at, wall, changes)) => {
                if let Some(oldest) = changes.oldest {
                    // Another machine's clock may be a little ahead.
                    let lag = (wall - oldest).to_std().unwrap_or_default();
                    shared.lag.observe(lag);
                }
                if changes.reset {
                    shared.view_mut().drop_customers(None);
                } else if !changes.customers.is_empty() {
                    shared.view_mut().drop_customers(Some(&changes.customers));
                }
                last = changes.upto;
                shared.mark_synced(at);
            }
            Err(_) => feed = None,
        }
    }
}
