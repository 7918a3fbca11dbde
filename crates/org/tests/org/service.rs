//! Running as a service: the systemd unit, the OpenAPI document against
//! the running server, `/healthz` with a database file gone or a
//! PostgreSQL stopped, `/metrics` read back with a Prometheus parser, and
//! the JSON log of a real `regie-org serve` process.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use regie_model::{Channel, Language, MessageKind};
use regie_org::metrics::Metrics;
use regie_org::server::{self, health::Health, ServeOptions, Service, Site};
use regie_org::{DefaultPolicy, Org};
use serde_json::Value;

use crate::support::*;

const TOKEN: &str = TEST_TOKEN;
/// A second strong token, for `GET /metrics` only.
const METRICS_TOKEN: &str = "c3f1a9d27e0b48c6a5d2e9f07b1c8a364f2e9d1c0b7a58e3d6c9f2a1b0e7d4c8";

/// A server in this process, with `service`'s metrics and health check.
struct Running {
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    async fn start(org: Arc<Org>, service: Service) -> Running {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let site = Site {
            token: TOKEN.into(),
            lang: Language::En,
            public: Default::default(),
            tls: None,
            service,
        };
        let task = tokio::spawn(server::serve_site(
            org,
            listener,
            site,
            ServeOptions::default(),
            async move {
                let _ = rx.await;
            },
        ));
        Running {
            base: format!("http://{addr}"),
            stop: Some(tx),
            task,
        }
    }

    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("the server did not stop within 5 s")
            .unwrap()
            .unwrap();
    }
}

/// A service with metrics, no metrics token, and a health check of
/// `sqlite_file`.
fn service(sqlite_file: Option<&Path>) -> Service {
    Service {
        metrics: Some(Arc::new(Metrics::new(&server::route_paths()))),
        metrics_token: None,
        health: Arc::new(Health::new(sqlite_file)),
    }
}

async fn answer(r: reqwest::RequestBuilder) -> (u16, Value) {
    let r = r.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn docs_openapi() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json")
}

/// The unit passes `systemd-analyze verify` (with the built binary in
/// place of /usr/bin/regie-org, which verify wants to exist), and its
/// exposure by `systemd-analyze security --offline=yes` stays at most 1.1
/// (the figure packaging/README-service.md records).
#[test]
fn service_unit_verifies_and_stays_hardened() {
    let unit = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packaging/regie-org.service");
    let text = std::fs::read_to_string(&unit).unwrap();
    assert!(
        text.contains("ExecStart=/usr/bin/regie-org serve "),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("regie-org.service");
    std::fs::write(
        &copy,
        text.replace("/usr/bin/regie-org", env!("CARGO_BIN_EXE_regie-org")),
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new("systemd-analyze")
            .args(args)
            .arg(&copy)
            .output()
            .unwrap_or_else(|e| {
                panic!("systemd-analyze cannot run ({e}): scripts/setup.sh installs systemd")
            })
    };
    let verify = run(&["verify"]);
    let said = String::from_utf8_lossy(&verify.stderr);
    assert!(verify.status.success(), "{said}");
    assert!(
        said.trim().is_empty(),
        "systemd-analyze verify warns: {said}"
    );

    let security = run(&["security", "--offline=yes", "--threshold=11"]);
    let out = String::from_utf8_lossy(&security.stdout);
    assert!(
        security.status.success(),
        "the unit's exposure rose above 1.1:\n{out}{}",
        String::from_utf8_lossy(&security.stderr)
    );
    assert!(
        out.contains("Overall exposure level for regie-org.service: 1.1 OK"),
        "{out}"
    );

    // A unit with a directive taken out is worse, so the threshold bites.
    std::fs::write(
        &copy,
        text.replace("PrivateDevices=yes\n", "")
            .replace("/usr/bin/regie-org", env!("CARGO_BIN_EXE_regie-org")),
    )
    .unwrap();
    assert!(!run(&["security", "--offline=yes", "--threshold=11"])
        .status
        .success());
}

/// docs/openapi.json is the document the code makes. When the API changes,
/// `REGIE_UPDATE_OPENAPI=1 cargo test -p regie-org openapi` writes it again.
#[test]
fn openapi_document_in_docs_is_current() {
    let made = server::openapi::json(Language::En);
    let path = docs_openapi();
    if std::env::var_os("REGIE_UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, made).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == made,
        "docs/openapi.json is not the document the code makes; run \
         REGIE_UPDATE_OPENAPI=1 cargo test -p regie-org openapi and commit it"
    );
}

/// The document is OpenAPI 3.1; every operation has an id and answers;
/// every error answer has examples, each in English and in Dutch.
#[test]
fn openapi_document_describes_every_answer_in_both_languages() {
    for lang in Language::ALL {
        let doc: Value = serde_json::from_str(server::openapi::json(lang)).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = doc["paths"].as_object().unwrap();
        assert_eq!(paths.len(), server::ROUTES.len());
        for (path, item) in paths {
            for (method, op) in item.as_object().unwrap() {
                let what = format!("{method} {path}");
                assert!(op["operationId"].is_string(), "{what} has no operationId");
                assert!(op["summary"].is_string(), "{what} has no summary");
                let responses = op["responses"].as_object().unwrap();
                assert!(responses.contains_key("500"), "{what}: no 500");
                for (status, r) in responses {
                    let examples = r["content"]
                        .as_object()
                        .and_then(|c| c.values().next())
                        .and_then(|m| m["examples"].as_object());
                    if status.starts_with('2') && path == "/openapi.json" {
                        continue;
                    }
                    let examples =
                        examples.unwrap_or_else(|| panic!("{what} {status} has no examples"));
                    if status.starts_with('4') || status.starts_with('5') {
                        let names: BTreeSet<&str> = examples.keys().map(String::as_str).collect();
                        for n in &names {
                            if let Some(stem) = n.strip_suffix("-en") {
                                assert!(
                                    names.contains(format!("{stem}-nl").as_str()),
                                    "{what} {status}: {n} has no Dutch twin"
                                );
                            }
                        }
                        assert!(
                            names.iter().any(|n| n.ends_with("-nl")),
                            "{what} {status}: no example in Dutch"
                        );
                    }
                }
            }
        }
    }
    // The descriptions are in the language asked for.
    let nl: Value = serde_json::from_str(server::openapi::json(Language::Nl)).unwrap();
    assert_eq!(
        nl["paths"]["/healthz"]["get"]["summary"],
        "Werkt deze server?"
    );
}

/// Every path and method of the document is answered by the server (not
/// 404 `not-found`, not 405), every other method on those paths is 405,
/// and the document names exactly the paths of the server's route table.
/// Examples are the server's real answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_answers_exactly_what_its_openapi_document_describes() {
    let db = sqlite();
    let org = Arc::new(db.org(true, DefaultPolicy::Block));
    let srv = Running::start(org, service(None)).await;
    let http = reqwest::Client::new();

    let (s, served) = answer(http.get(format!("{}/openapi.json", srv.base))).await;
    assert_eq!(s, 200, "without a token");
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(docs_openapi()).unwrap()).unwrap();
    assert_eq!(served, committed, "GET /openapi.json is docs/openapi.json");
    let (_, nl) = answer(
        http.get(format!("{}/openapi.json", srv.base))
            .header("accept-language", "nl"),
    )
    .await;
    assert_eq!(nl["info"]["title"], "regie-org HTTP-API");

    let paths = served["paths"].as_object().unwrap();
    let documented: BTreeSet<&str> = paths.keys().map(String::as_str).collect();
    let table: BTreeSet<&str> = server::ROUTES.iter().map(|(p, _)| *p).collect();
    assert_eq!(documented, table);

    let all = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"];
    for (path, item) in paths {
        let mut takes: Vec<String> = item
            .as_object()
            .unwrap()
            .keys()
            .map(|m| m.to_ascii_uppercase())
            .collect();
        if takes.iter().any(|m| m == "GET") {
            takes.push("HEAD".into());
        }
        let listed = server::ROUTES.iter().find(|(p, _)| p == path).unwrap().1;
        let mut sorted = takes.clone();
        sorted.sort();
        let mut listed_sorted: Vec<String> = listed.iter().map(|m| m.to_string()).collect();
        listed_sorted.sort();
        assert_eq!(sorted, listed_sorted, "{path}");
        for m in all {
            let method = reqwest::Method::from_bytes(m.as_bytes()).unwrap();
            let r = http
                .request(method, format!("{}{path}", srv.base))
                .bearer_auth(TOKEN)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body = r.text().await.unwrap();
            if takes.iter().any(|t| t == m) {
                let code = serde_json::from_str::<Value>(&body)
                    .ok()
                    .and_then(|v| v["error"]["code"].as_str().map(str::to_owned));
                assert_ne!(status, 405, "{m} {path}: {body}");
                assert_ne!(code.as_deref(), Some("not-found"), "{m} {path}: {body}");
            } else {
                assert_eq!(status, 405, "{m} {path}: {body}");
            }
        }
    }
    let (s, v) = answer(http.get(format!("{}/v2/check", srv.base))).await;
    assert_eq!((s, &v["error"]["code"]), (404, &Value::from("not-found")));

    // The examples are what the server answers, word for word.
    let example = |path: &str, method: &str, status: &str, name: &str| {
        served["paths"][path][method]["responses"][status]["content"]["application/json"]
            ["examples"][name]["value"]
            .clone()
    };
    for lang in ["en", "nl"] {
        let (s, v) = answer(
            http.get(format!(
                "{}/v1/check?customer=C-1001&channel=email&kind=marketing",
                srv.base
            ))
            .header("accept-language", lang),
        )
        .await;
        assert_eq!(s, 401);
        assert_eq!(
            v,
            example("/v1/check", "get", "401", &format!("unauthorised-{lang}"))
        );
        let (s, v) = answer(
            http.get(format!(
                "{}/v1/check?channel=email&kind=marketing",
                srv.base
            ))
            .bearer_auth(TOKEN)
            .header("accept-language", lang),
        )
        .await;
        assert_eq!(s, 400);
        assert_eq!(
            v,
            example(
                "/v1/check",
                "get",
                "400",
                &format!("parameter-missing-{lang}")
            )
        );
        let (s, v) = answer(
            http.post(format!("{}/v1/inbox", srv.base))
                .header("accept-language", lang)
                .body("{}"),
        )
        .await;
        assert_eq!(s, 404);
        assert_eq!(
            v,
            example("/v1/inbox", "post", "404", &format!("no-inbox-{lang}"))
        );
        let (s, v) = answer(
            http.post(format!("{}/v1/sends", srv.base))
                .bearer_auth(TOKEN)
                .header("accept-language", lang)
                .body(r#"{"customer": "C-1001", "channel": "fax", "kind": "marketing"}"#),
        )
        .await;
        assert_eq!(s, 400);
        assert_eq!(
            v,
            example("/v1/sends", "post", "400", &format!("channel-{lang}"))
        );
    }
    srv.stop().await;
}

/// `/healthz` is 200 `{"status":"ok"}` without a token; with SQLite, 503
/// once the database file is gone from its path or replaced by another,
/// and 200 again when it is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_says_why_when_the_sqlite_file_is_gone_or_replaced() {
    let db = sqlite();
    let path = PathBuf::from(db.url.strip_prefix("sqlite:").unwrap());
    let org = Arc::new(db.org(false, DefaultPolicy::Block));
    let srv = Running::start(org, service(Some(&path))).await;
    let http = reqwest::Client::new();
    let health = || answer(http.get(format!("{}/healthz", srv.base)));

    assert_eq!(health().await, (200, serde_json::json!({"status": "ok"})));

    let aside = path.with_extension("aside");
    std::fs::rename(&path, &aside).unwrap();
    let (s, v) = health().await;
    assert_eq!((s, &v["status"]), (503, &Value::from("unavailable")), "{v}");
    assert_eq!(v["error"]["code"], "database-file-missing", "{v}");
    let (_, nl) = answer(
        http.get(format!("{}/healthz", srv.base))
            .header("accept-language", "nl"),
    )
    .await;
    assert!(
        nl["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Het databasebestand staat niet meer"),
        "{nl}"
    );

    // Back where it was: healthy again.
    std::fs::rename(&aside, &path).unwrap();
    assert_eq!(health().await.0, 200);

    // Another file at its path (a restore over a running server).
    std::fs::copy(&path, &aside).unwrap();
    std::fs::rename(&aside, &path).unwrap();
    let (s, v) = health().await;
    assert_eq!(
        (s, &v["error"]["code"]),
        (503, &Value::from("database-file-replaced"))
    );

    // A file the server may not read (only as a user: root reads it all).
    if !is_root() {
        use std::os::unix::fs::PermissionsExt;
        let fresh = sqlite();
        let p = PathBuf::from(fresh.url.strip_prefix("sqlite:").unwrap());
        let org = Arc::new(fresh.org(false, DefaultPolicy::Block));
        let second = Running::start(org, service(Some(&p))).await;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        let (s, v) = answer(http.get(format!("{}/healthz", second.base))).await;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(
            (s, &v["error"]["code"]),
            (503, &Value::from("database-file-unreadable"))
        );
        second.stop().await;
    }
    srv.stop().await;
}

/// Whether the tests run as root: a file this process makes is owned by
/// its effective user.
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let f = tempfile::NamedTempFile::new().unwrap();
    f.as_file().metadata().unwrap().uid() == 0
}

/// A PostgreSQL server of this test's own, on its own port, stopped on
/// drop.
struct OwnPostgres {
    dir: tempfile::TempDir,
    url: String,
    port: u16,
}

impl OwnPostgres {
    const BIN: &'static str = "/usr/lib/postgresql/15/bin";

    fn run(args: &[&str]) -> std::process::Output {
        let mut c = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]);
            c
        } else {
            Command::new("env")
        };
        c.args(args).output().unwrap()
    }

    fn start() -> OwnPostgres {
        let dir = tempfile::tempdir().unwrap();
        if is_root() {
            assert!(Command::new("chown")
                .arg("postgres")
                .arg(dir.path())
                .status()
                .unwrap()
                .success());
        }
        let d = dir.path().display().to_string();
        let initdb = format!("{}/initdb", Self::BIN);
        let o = Self::run(&[
            &initdb,
            "-D",
            &format!("{d}/data"),
            "-A",
            "trust",
            "-U",
            "regie",
        ]);
        assert!(o.status.success(), "{o:?}");
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let pg_ctl = format!("{}/pg_ctl", Self::BIN);
        let opts = format!("-c listen_addresses=127.0.0.1 -p {port} -k {d}");
        let o = Self::run(&[
            &pg_ctl,
            "-D",
            &format!("{d}/data"),
            "-l",
            &format!("{d}/log"),
            "-w",
            "-o",
            &opts,
            "start",
        ]);
        assert!(o.status.success(), "{o:?}");
        OwnPostgres {
            dir,
            url: format!("postgres://regie@127.0.0.1:{port}/postgres"),
            port,
        }
    }

    /// Starts it again, on the same port, after [`OwnPostgres::stop`].
    fn restart(&self) {
        let d = self.dir.path().display().to_string();
        let pg_ctl = format!("{}/pg_ctl", Self::BIN);
        let opts = format!("-c listen_addresses=127.0.0.1 -p {} -k {d}", self.port);
        let o = Self::run(&[
            &pg_ctl,
            "-D",
            &format!("{d}/data"),
            "-l",
            &format!("{d}/log"),
            "-w",
            "-o",
            &opts,
            "start",
        ]);
        assert!(o.status.success(), "{o:?}");
    }

    fn stop(&self) {
        let d = self.dir.path().display().to_string();
        let pg_ctl = format!("{}/pg_ctl", Self::BIN);
        let _ = Self::run(&[
            &pg_ctl,
            "-D",
            &format!("{d}/data"),
            "-m",
            "immediate",
            "-w",
            "stop",
        ]);
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `/healthz` is 503 `store-unavailable` once PostgreSQL stops, without
/// the database's own words. Runs where the PostgreSQL tests run
/// (`REGIE_TEST_POSTGRES_URL`), on a server of its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_is_503_when_postgresql_stops_and_200_when_it_is_back() {
    if std::env::var_os("REGIE_TEST_POSTGRES_URL").is_none() {
        eprintln!("note: REGIE_TEST_POSTGRES_URL is not set; skipping");
        return;
    }
    let pg = tokio::task::spawn_blocking(OwnPostgres::start)
        .await
        .unwrap();
    let url = format!("{}#health", pg.url);
    let org = tokio::task::spawn_blocking({
        let url = url.clone();
        move || {
            let s = regie_org::store::open(&url).unwrap();
            s.init(
                &regie_org::store::OrgConfig {
                    id: org_id(),
                    name: "Voorbeeldbank N.V.".into(),
                    default: DefaultPolicy::Block,
                    tofu: false,
                },
                now(),
            )
            .unwrap();
            Org::open_url(&url).unwrap()
        }
    })
    .await
    .unwrap();
    // The last handle is dropped outside the runtime: PostgreSQL's
    // synchronous client shuts its connection down with a runtime of its
    // own, which cannot run inside another.
    let org = Arc::new(org);
    let srv = Running::start(org.clone(), service(None)).await;
    let http = reqwest::Client::new();
    let (s, v) = answer(http.get(format!("{}/healthz", srv.base))).await;
    assert_eq!(s, 200, "{v}");

    tokio::task::spawn_blocking({
        let dir = pg.dir.path().to_owned();
        move || {
            let pg_ctl = format!("{}/pg_ctl", OwnPostgres::BIN);
            let d = dir.display().to_string();
            let o = OwnPostgres::run(&[
                &pg_ctl,
                "-D",
                &format!("{d}/data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ]);
            assert!(o.status.success(), "{o:?}");
        }
    })
    .await
    .unwrap();
    let (s, v) = answer(http.get(format!("{}/healthz", srv.base))).await;
    assert_eq!(s, 503, "{v}");
    assert_eq!(v["error"]["code"], "store-unavailable");
    let text = v.to_string();
    assert!(
        !text.contains("connection") && !text.contains("127.0.0.1"),
        "{text}"
    );

    // PostgreSQL comes back: the server opens its connection again by
    // itself, without a restart.
    let pg = tokio::task::spawn_blocking(move || {
        pg.restart();
        pg
    })
    .await
    .unwrap();
    let mut healthy = false;
    for _ in 0..50 {
        let (s, _) = answer(http.get(format!("{}/healthz", srv.base))).await;
        if s == 200 {
            healthy = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(healthy, "/healthz did not come back after PostgreSQL did");
    srv.stop().await;
    tokio::task::spawn_blocking(move || drop((org, pg)))
        .await
        .unwrap();
}

/// The value of a sample in parsed metrics (0 if absent).
fn sample(m: &prometheus_parse::Scrape, name: &str, labels: &[(&str, &str)]) -> f64 {
    m.samples
        .iter()
        .filter(|s| s.metric == name)
        .filter(|s| labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match &s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => *v,
            prometheus_parse::Value::Histogram(h) => h.iter().map(|c| c.count).fold(0.0, f64::max),
            prometheus_parse::Value::Summary(_) => 0.0,
        })
        .sum()
}

async fn scrape(
    http: &reqwest::Client,
    base: &str,
    token: &str,
) -> (prometheus_parse::Scrape, String) {
    let r = http
        .get(format!("{base}/metrics"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        r.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let text = r.text().await.unwrap();
    let lines = text.lines().map(|l| Ok(l.to_owned()));
    let parsed = prometheus_parse::Scrape::parse(lines).unwrap();
    (parsed, text)
}

/// `/metrics` in the Prometheus text format, read with a parser that is
/// not ours: files by outcome and reason, checks by verdict, latency per
/// route, the import lag from another process's import, the version; the
/// counts move with real requests, and no customer reference or key is in
/// it. It needs a token: the API's or the metrics token, which takes
/// nothing else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_real_requests_and_parse_as_prometheus() {
    let db = sqlite();
    let _ = db.org(true, DefaultPolicy::Block);
    let org = Arc::new(Org::open_url(&db.url).unwrap());
    tokio::task::block_in_place(|| org.follow().unwrap());
    let mut svc = service(None);
    svc.metrics_token = Some(METRICS_TOKEN.into());
    let srv = Running::start(org, svc).await;
    let http = reqwest::Client::new();
    let base = srv.base.clone();

    let (s, v) = answer(http.get(format!("{base}/metrics"))).await;
    assert_eq!(
        (s, &v["error"]["code"]),
        (401, &Value::from("unauthorised"))
    );
    let (before, _) = scrape(&http, &base, TOKEN).await;
    assert_eq!(
        sample(
            &before,
            "regie_org_build_info",
            &[("version", env!("CARGO_PKG_VERSION"))]
        ),
        1.0
    );

    let post = |body: Vec<u8>| {
        http.post(format!("{base}/v1/files"))
            .bearer_auth(TOKEN)
            .body(body)
            .send()
    };
    let f = file(1, 1, |p| {
        p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
    });
    assert_eq!(post(f.clone()).await.unwrap().status().as_u16(), 201);
    assert_eq!(post(f.clone()).await.unwrap().status().as_u16(), 200);
    // The same file with its sequence changed after signing.
    let mut changed: Value = serde_json::from_slice(&f).unwrap();
    changed["credentialSubject"]["sequence"] = 99.into();
    let broken = serde_json::to_vec(&changed).unwrap();
    assert_eq!(post(broken).await.unwrap().status().as_u16(), 422);
    let customer = {
        let store = db.store();
        store.customers().unwrap()[0].customer.clone()
    };
    for kind in ["marketing", "service", "marketing"] {
        let (s, _) = answer(
            http.get(format!(
                "{base}/v1/check?customer={customer}&channel=push&kind={kind}"
            ))
            .bearer_auth(TOKEN),
        )
        .await;
        assert_eq!(s, 200);
    }
    let (s, _) = answer(
        http.get(format!(
            "{base}/v1/check-use?customer={customer}&purpose=dpv:Marketing"
        ))
        .bearer_auth(TOKEN),
    )
    .await;
    assert_eq!(s, 200);

    // Another process imports: this server's follower sees it, and the
    // lag is measured.
    let other = Org::open_url(&db.url).unwrap();
    tokio::task::block_in_place(|| {
        other
            .import_bytes("other", file(2, 1, |_| {}), now())
            .unwrap()
    });
    let deadline = Instant::now() + Duration::from_secs(5);
    let (after, text) = loop {
        let (m, text) = scrape(&http, &base, METRICS_TOKEN).await;
        if sample(&m, "regie_org_import_lag_seconds_count", &[]) >= 1.0 || Instant::now() > deadline
        {
            break (m, text);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let delta = |name: &str, labels: &[(&str, &str)]| {
        sample(&after, name, labels) - sample(&before, name, labels)
    };
    let files = "regie_org_files_total";
    assert_eq!(
        delta(files, &[("via", "api"), ("outcome", "accepted")]),
        1.0,
        "{text}"
    );
    assert_eq!(
        delta(files, &[("via", "api"), ("outcome", "already-imported")]),
        1.0
    );
    assert_eq!(
        delta(
            files,
            &[
                ("via", "api"),
                ("outcome", "rejected"),
                ("reason", "bad-signature")
            ]
        ),
        1.0,
        "{text}"
    );
    let checks = "regie_org_checks_total";
    assert_eq!(
        delta(checks, &[("check", "send"), ("verdict", "blocked")]),
        2.0,
        "{text}"
    );
    assert_eq!(
        delta(checks, &[("check", "send"), ("verdict", "allowed")]),
        1.0
    );
    assert_eq!(delta(checks, &[("check", "use")]), 1.0);
    let responses = "regie_org_http_responses_total";
    assert_eq!(
        delta(responses, &[("route", "/v1/check"), ("status", "200")]),
        3.0
    );
    assert_eq!(
        delta(responses, &[("route", "/v1/files"), ("status", "422")]),
        1.0
    );
    assert_eq!(
        delta(responses, &[("route", "/metrics"), ("status", "401")]),
        0.0
    );
    assert!(
        sample(
            &after,
            responses,
            &[("route", "/metrics"), ("status", "401")]
        ) >= 1.0
    );
    assert_eq!(
        delta(
            "regie_org_http_request_duration_seconds_count",
            &[("route", "/v1/check")]
        ),
        3.0,
        "{text}"
    );
    assert_eq!(
        delta(
            "regie_org_http_request_duration_seconds",
            &[("route", "/v1/files")]
        ),
        3.0,
        "the +Inf bucket counts every request"
    );
    assert!(
        sample(&after, "regie_org_import_lag_seconds_count", &[]) >= 1.0,
        "the follower's lag was not measured: {text}"
    );
    // Nothing about anyone.
    assert!(!text.contains(&customer), "{text}");
    assert!(!text.contains("did:key"), "{text}");

    // The metrics token reads the metrics and nothing else.
    let (s, _) = answer(
        http.get(format!(
            "{base}/v1/check?customer={customer}&channel=push&kind=marketing"
        ))
        .bearer_auth(METRICS_TOKEN),
    )
    .await;
    assert_eq!(s, 401);
    srv.stop().await;

    // Without metrics, nothing is counted and /metrics says so.
    let db = sqlite();
    let org = Arc::new(db.org(true, DefaultPolicy::Block));
    let mut svc = service(None);
    svc.metrics = None;
    let srv = Running::start(org, svc).await;
    let (s, v) = answer(http.get(format!("{}/metrics", srv.base)).bearer_auth(TOKEN)).await;
    assert_eq!((s, &v["error"]["code"]), (404, &Value::from("no-metrics")));
    srv.stop().await;
}

/// `regie-org serve --log-format json`: every line on stderr is one JSON
/// object; a served request has its line with route, status, duration and
/// the customer reference, and no line holds the customer's did, the
/// token or the file's content. A 401 names the client's address.
#[test]
fn json_log_has_a_line_per_request_without_did_or_token() {
    let db = sqlite();
    let bin = env!("CARGO_BIN_EXE_regie-org");
    let o = Command::new(bin)
        .args(["--db", &db.url, "init", "--org", ORG, "--name", "Bank"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let o = Command::new(bin)
        .args([
            "--db",
            &db.url,
            "enrol",
            "--customer",
            "C-1001",
            "--did",
            &did(1),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, format!("{TOKEN}\n")).unwrap();
    let mut child = Command::new(bin)
        .args([
            "--db",
            &db.url,
            "--lang",
            "en",
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .arg("--token-file")
        .arg(&token)
        .env("REGIE_LOG_FORMAT", "json")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    let listening: Value = serde_json::from_str(&first).unwrap_or_else(|_| panic!("{first}"));
    assert_eq!(listening["event"], "listening", "{first}");
    let addr = listening["address"].as_str().unwrap().to_owned();

    let f = file(1, 1, |_| {});
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let r = http
            .post(format!("http://{addr}/v1/files"))
            .bearer_auth(TOKEN)
            .body(f.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 201);
        let r = http
            .get(format!(
                "http://{addr}/v1/check?customer=C-1001&channel=push&kind=marketing"
            ))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        let r = http
            .get(format!(
                "http://{addr}/v1/check?customer=C-1001&channel=push&kind=marketing"
            ))
            .bearer_auth("not-the-token")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 401);
    });
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();

    let lines: Vec<Value> = rest
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not one JSON object: {l}")))
        .collect();
    let request = |route: &str, status: u64| {
        lines
            .iter()
            .find(|l| l["event"] == "request" && l["route"] == route && l["status"] == status)
            .unwrap_or_else(|| panic!("no line for {route} {status} in {rest}"))
    };
    let imported = request("/v1/files", 201);
    assert_eq!(imported["customer"], "C-1001");
    assert_eq!(imported["code"], "accepted");
    assert_eq!(imported["method"], "POST");
    assert!(imported["duration_ms"].as_f64().unwrap() >= 0.0);
    assert!(imported["time"].as_str().unwrap().ends_with('Z'));
    assert!(imported.get("client").is_none(), "{imported}");
    let checked = request("/v1/check", 200);
    assert_eq!(checked["customer"], "C-1001");
    assert_eq!(checked["level"], "info");
    let refused = request("/v1/check", 401);
    assert_eq!(refused["client"], "127.0.0.1");
    assert!(refused.get("customer").is_none(), "{refused}");
    assert!(lines.iter().any(|l| l["event"] == "stopped"));

    let all = format!("{first}{rest}");
    assert!(!all.contains("did:key"), "{all}");
    assert!(!all.contains(&did(1)[8..]), "{all}");
    assert!(
        !all.contains(TOKEN) && !all.contains("not-the-token"),
        "{all}"
    );
    assert!(
        !all.contains("proofValue") && !all.contains("credentialSubject"),
        "{all}"
    );
}

/// Regression: `regie-org serve` on PostgreSQL ended a graceful stop
/// (SIGTERM, as `systemctl stop` sends) with a crash, exit 70, because
/// the database's synchronous client was dropped inside the server's
/// runtime. It says "Stopped." and exits 0.
#[test]
fn serve_on_postgresql_stops_cleanly_on_sigterm() {
    let Some(db) = postgres() else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_regie-org");
    let o = Command::new(bin)
        .args(["--db", &db.url, "init", "--org", ORG, "--name", "Bank"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, format!("{TOKEN}\n")).unwrap();
    let mut child = Command::new(bin)
        .args([
            "--db",
            &db.url,
            "--lang",
            "en",
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .arg("--token-file")
        .arg(&token)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(first.starts_with("Listening on http://"), "{first}");
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert_eq!(status.code(), Some(0), "{rest}");
    assert_eq!(rest.trim(), "Stopped.");
}
