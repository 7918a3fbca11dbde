//! What `GET /metrics` tells an operator, in the Prometheus text format
//! (version 0.0.4), written here by hand: a few counters and histograms
//! over atomics need no library, and the format is plain lines.
//!
//! **No personal data.** Every label takes its value from a small closed
//! set that the code fixes: a route of the API (or `other`), an HTTP
//! status, where a file came in, an outcome, a rejection's code, a
//! verdict. No customer reference, key, address or text from a request
//! becomes a label, so the series are few and say nothing about anyone.
//!
//! **Cost.** Recording a request is a few relaxed atomic additions on the
//! request's own route; the one lock is on the files' counters, taken
//! once per file (after a signature check, which costs a thousand times
//! more). `regie-org serve --no-metrics` records nothing, for comparison
//! (`benches/metrics.rs`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// The content type of the text format.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Upper bounds (seconds) of the request latency histograms: from the
/// tens of microseconds of a check in memory to the 30 s request bound.
pub const LATENCY_BUCKETS: [f64; 16] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    10.0, 30.0,
];

/// Upper bounds (seconds) of the import lag histogram: the follower looks
/// at least every 250 ms, and a view older than a second is not used.
pub const LAG_BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0, 60.0,
];

/// A histogram over fixed buckets, safe to record into from any thread.
#[derive(Debug)]
pub struct Histogram {
    bounds: &'static [f64],
    /// Observations per bucket (not cumulative); the last is above every
    /// bound.
    counts: Vec<AtomicU64>,
    /// The sum of the observations, in nanoseconds.
    sum_ns: AtomicU64,
}

impl Histogram {
    /// An empty histogram with these upper bounds (seconds, ascending).
    pub fn new(bounds: &'static [f64]) -> Self {
        Histogram {
            bounds,
            counts: (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect(),
            sum_ns: AtomicU64::new(0),
        }
    }

    /// Records one observation.
    pub fn observe(&self, d: Duration) {
        let secs = d.as_secs_f64();
        let i = self
            .bounds
            .iter()
            .position(|b| secs <= *b)
            .unwrap_or(self.bounds.len());
        self.counts[i].fetch_add(1, Ordering::Relaxed);
        let ns = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.sum_ns.fetch_add(ns, Ordering::Relaxed);
    }

    /// How many observations there were.
    pub fn count(&self) -> u64 {
        self.counts.iter().map(|c| c.load(Ordering::Relaxed)).sum()
    }

    /// Writes the `_bucket`, `_sum` and `_count` lines, with `labels`
    /// (`route="/v1/check"`, or empty) before `le`.
    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        let mut cumulative = 0u64;
        for (i, c) in self.counts.iter().enumerate() {
            cumulative += c.load(Ordering::Relaxed);
            let le = match self.bounds.get(i) {
                Some(b) => b.to_string(),
                None => "+Inf".to_owned(),
            };
            let _ = writeln!(
                out,
                "{name}_bucket{{{labels}{sep}le=\"{le}\"}} {cumulative}"
            );
        }
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let sum = self.sum_ns.load(Ordering::Relaxed) as f64 / 1e9;
        let _ = writeln!(out, "{name}_sum{braces} {sum}");
        let _ = writeln!(out, "{name}_count{braces} {cumulative}");
    }
}

/// The HTTP statuses the server answers with, each counted on its own;
/// any other is counted under its class (`2xx`, ...).
const STATUSES: [u16; 12] = [200, 201, 400, 401, 404, 405, 408, 413, 422, 429, 500, 503];

/// Where a file came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Via {
    /// `POST /v1/files`, with the token.
    Api,
    /// `POST /v1/inbox`, from a customer's own Regie.
    Inbox,
}

impl Via {
    fn as_str(self) -> &'static str {
        match self {
            Via::Api => "api",
            Via::Inbox => "inbox",
        }
    }
}

/// What a check was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    /// `GET /v1/check`: may we send this message?
    Send,
    /// `GET /v1/check-use`: may we use this data for this purpose?
    Use,
}

/// One route's counts.
#[derive(Debug)]
struct Route {
    latency: Histogram,
    /// By [`STATUSES`], then one per class (1xx to 5xx).
    statuses: Vec<AtomicU64>,
}

/// What a server has counted since it started.
#[derive(Debug)]
pub struct Metrics {
    /// The routes' names, in the order of `routes`; the last is `other`.
    names: Vec<&'static str>,
    routes: Vec<Route>,
    /// Files by where they came in, outcome and rejection code.
    files: Mutex<BTreeMap<(Via, &'static str, String), u64>>,
    /// Checks: [send allowed, send blocked, use allowed, use blocked].
    checks: [AtomicU64; 4],
}

/// The route label of requests to a path that is not the API's.
pub const OTHER: &str = "other";

impl Metrics {
    /// Counters for these routes (and [`OTHER`]), all zero.
    pub fn new(routes: &[&'static str]) -> Self {
        let mut names = routes.to_vec();
        names.push(OTHER);
        Metrics {
            routes: names
                .iter()
                .map(|_| Route {
                    latency: Histogram::new(&LATENCY_BUCKETS),
                    statuses: (0..STATUSES.len() + 5).map(|_| AtomicU64::new(0)).collect(),
                })
                .collect(),
            names,
            files: Mutex::new(BTreeMap::new()),
            checks: Default::default(),
        }
    }

    /// The index of a route's counters: the route's own, or [`OTHER`]'s.
    pub fn route_index(&self, route: &str) -> usize {
        self.names
            .iter()
            .position(|n| *n == route)
            .unwrap_or(self.names.len() - 1)
    }

    /// Records an answered request: its route (by [`Metrics::route_index`]),
    /// status and how long the answer took.
    pub fn request(&self, route: usize, status: u16, took: Duration) {
        let Some(r) = self.routes.get(route) else {
            return;
        };
        r.latency.observe(took);
        let i = STATUSES
            .iter()
            .position(|s| *s == status)
            .unwrap_or_else(|| STATUSES.len() + usize::from(status / 100).clamp(1, 5) - 1);
        r.statuses[i].fetch_add(1, Ordering::Relaxed);
    }

    /// Records a file's outcome (`accepted`, `already-imported`,
    /// `rejected`) and, if rejected, the reason's code.
    pub fn file(&self, via: Via, outcome: &'static str, reason: Option<&str>) {
        let key = (via, outcome, reason.unwrap_or("").to_owned());
        let mut f = self.files.lock().unwrap_or_else(|e| e.into_inner());
        *f.entry(key).or_insert(0) += 1;
    }

    /// Records a check's verdict.
    pub fn check(&self, kind: CheckKind, allowed: bool) {
        let i = match kind {
            CheckKind::Send => 0,
            CheckKind::Use => 2,
        } + usize::from(!allowed);
        self.checks[i].fetch_add(1, Ordering::Relaxed);
    }

    /// Everything counted, in the text format, with the import lag of
    /// `lag` (the follower's, see [`crate::Org::import_lag`]).
    pub fn render(&self, lag: &Histogram) -> String {
        let mut out = String::with_capacity(16 * 1024);
        out.push_str(
            "# HELP regie_org_build_info The version of regie-org serving; always 1.\n\
             # TYPE regie_org_build_info gauge\n",
        );
        let _ = writeln!(
            out,
            "regie_org_build_info{{version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );

        out.push_str(
            "# HELP regie_org_files_total Files received, by where they came in (api: POST /v1/files, inbox: POST /v1/inbox), outcome and rejection code.\n\
             # TYPE regie_org_files_total counter\n",
        );
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner()).clone();
        // Each outcome is there from the start, at 0, so that a rate over
        // it exists before the first file.
        let mut all = BTreeMap::new();
        for via in [Via::Api, Via::Inbox] {
            for outcome in ["accepted", "already-imported"] {
                all.insert((via, outcome, String::new()), 0);
            }
        }
        all.extend(files);
        for ((via, outcome, reason), n) in all {
            let _ = writeln!(
                out,
                "regie_org_files_total{{via=\"{}\",outcome=\"{outcome}\",reason=\"{}\"}} {n}",
                via.as_str(),
                escape(&reason)
            );
        }

        out.push_str(
            "# HELP regie_org_checks_total Checks answered, by what was asked (send: GET /v1/check, use: GET /v1/check-use) and verdict.\n\
             # TYPE regie_org_checks_total counter\n",
        );
        for (i, (kind, verdict)) in [
            ("send", "allowed"),
            ("send", "blocked"),
            ("use", "allowed"),
            ("use", "blocked"),
        ]
        .into_iter()
        .enumerate()
        {
            let n = self.checks[i].load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "regie_org_checks_total{{check=\"{kind}\",verdict=\"{verdict}\"}} {n}"
            );
        }

        out.push_str(
            "# HELP regie_org_http_responses_total Answers, by route and HTTP status.\n\
             # TYPE regie_org_http_responses_total counter\n",
        );
        for (name, r) in self.names.iter().zip(&self.routes) {
            for (i, c) in r.statuses.iter().enumerate() {
                let n = c.load(Ordering::Relaxed);
                let status = match STATUSES.get(i) {
                    Some(s) => s.to_string(),
                    None => format!("{}xx", i - STATUSES.len() + 1),
                };
                if n > 0 {
                    let _ = writeln!(
                        out,
                        "regie_org_http_responses_total{{route=\"{name}\",status=\"{status}\"}} {n}"
                    );
                }
            }
        }

        out.push_str(
            "# HELP regie_org_http_request_duration_seconds From a request's headers to its answer, by route.\n\
             # TYPE regie_org_http_request_duration_seconds histogram\n",
        );
        for (name, r) in self.names.iter().zip(&self.routes) {
            r.latency.write(
                &mut out,
                "regie_org_http_request_duration_seconds",
                &format!("route=\"{name}\""),
            );
        }

        out.push_str(
            "# HELP regie_org_import_lag_seconds From a change stored (by this or any other process on the database) to this server seeing it, the oldest change of each look at the log.\n\
             # TYPE regie_org_import_lag_seconds histogram\n",
        );
        lag.write(&mut out, "regie_org_import_lag_seconds", "");
        out
    }
}

/// A label value as the format writes it: `\`, `"` and new lines escaped.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_counts_into_the_first_bucket_that_holds_it() {
        let h = Histogram::new(&LATENCY_BUCKETS);
        h.observe(Duration::from_micros(100));
        h.observe(Duration::from_micros(101));
        h.observe(Duration::from_secs(31));
        let mut out = String::new();
        h.write(&mut out, "x", "");
        assert!(out.contains("x_bucket{le=\"0.0001\"} 1\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"0.00025\"} 2\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"30\"} 2\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"+Inf\"} 3\n"), "{out}");
        assert!(out.contains("x_count 3\n"), "{out}");
        assert!(out.contains("x_sum 31.000201\n"), "{out}");
    }

    #[test]
    fn statuses_outside_the_list_count_under_their_class() {
        let m = Metrics::new(&["/a"]);
        m.request(0, 204, Duration::ZERO);
        m.request(0, 418, Duration::ZERO);
        m.request(m.route_index("/nowhere"), 404, Duration::ZERO);
        let out = m.render(&Histogram::new(&LAG_BUCKETS));
        assert!(out.contains("{route=\"/a\",status=\"2xx\"} 1\n"), "{out}");
        assert!(out.contains("{route=\"/a\",status=\"4xx\"} 1\n"), "{out}");
        assert!(
            out.contains("{route=\"other\",status=\"404\"} 1\n"),
            "{out}"
        );
    }
}
