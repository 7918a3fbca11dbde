//! The HTTP API, served in-process on 127.0.0.1:0 and called with a real
//! HTTP client, and over raw sockets for clients that misbehave.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use regie_model::{Channel, Language, MessageKind};
use regie_org::server::ServeOptions;
use regie_org::DefaultPolicy;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::*;

const TOKEN: &str = TEST_TOKEN;

struct Running {
    base: String,
    addr: SocketAddr,
    stop_tx: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    db: Db,
}

impl Running {
    /// Stops the server and waits (at most 5 s) until it has finished.
    async fn stop(mut self) {
        self.stop_tx.take().unwrap().send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("the server did not stop within 5 s")
            .unwrap()
            .unwrap();
    }
}

/// The server as `regie-org serve` runs it, with the default options.
async fn start(db: Db) -> Running {
    start_with(db, None).await
}

/// The server with `options`, or through `serve` (the defaults) if `None`.
async fn start_with(db: Db, options: Option<ServeOptions>) -> Running {
    let org = Arc::new(db.org(true, DefaultPolicy::Block));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async move {
        let _ = rx.await;
    };
    let task = match options {
        None => tokio::spawn(regie_org::server::serve(
            org,
            listener,
            TOKEN,
            Language::En,
            shutdown,
        )),
        Some(o) => tokio::spawn(regie_org::server::serve_with(
            org,
            listener,
            TOKEN,
            Language::En,
            o,
            shutdown,
        )),
    };
    Running {
        base: format!("http://{addr}"),
        addr,
        stop_tx: Some(tx),
        task,
        db,
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Short bounds, so that the tests of slow clients are fast.
fn short() -> ServeOptions {
    ServeOptions {
        header_timeout: ms(400),
        idle_timeout: ms(400),
        body_timeout: ms(400),
        request_timeout: ms(400),
        max_connections: 8,
    }
}

/// The path of a test database's SQLite file.
fn sqlite_path(db: &Db) -> &str {
    db.url.strip_prefix("sqlite:").unwrap()
}

/// Reads until the server closes the connection; what arrived, and when
/// the connection closed. Fails if it is still open after 5 s.
async fn read_until_closed(s: &mut TcpStream) -> (Vec<u8>, Instant) {
    let mut got = Vec::new();
    let r = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut got))
        .await
        .expect("the server kept the connection open for 5 s");
    // A reset is a close too; what arrived before it is in `got`.
    if let Err(e) = r {
        assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}");
    }
    (got, Instant::now())
}

/// One answer read off a raw connection: status, head and JSON body.
async fn read_answer(s: &mut TcpStream) -> (u16, String, serde_json::Value) {
    let mut buf = Vec::new();
    let read = async {
        loop {
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8(buf[..end].to_vec()).unwrap();
                let len: usize = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse().unwrap())
                    })
                    .unwrap_or_else(|| panic!("no content-length in {head}"));
                while buf.len() < end + 4 + len {
                    let mut chunk = [0u8; 4096];
                    let n = s.read(&mut chunk).await.unwrap();
                    assert!(n > 0, "closed in the middle of an answer");
                    buf.extend_from_slice(&chunk[..n]);
                }
                let status = head[9..12].parse().unwrap();
                let body = serde_json::from_slice(&buf[end + 4..end + 4 + len]).unwrap();
                return (status, head.to_ascii_lowercase(), body);
            }
            let mut chunk = [0u8; 4096];
            let n = s.read(&mut chunk).await.unwrap();
            assert!(
                n > 0,
                "closed without an answer: {:?}",
                String::from_utf8_lossy(&buf)
            );
            buf.extend_from_slice(&chunk[..n]);
        }
    };
    tokio::time::timeout(Duration::from_secs(5), read)
        .await
        .expect("no answer within 5 s")
}

/// Asserts that `elapsed` lies between `min` and `min` plus a margin for a
/// busy machine.
fn assert_about(what: &str, elapsed: Duration, min: Duration) {
    assert!(
        elapsed >= min && elapsed < min + Duration::from_millis(1500),
        "{what}: {elapsed:?}, expected {min:?} or a little more"
    );
}

async fn json(r: reqwest::Response) -> (u16, serde_json::Value) {
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    (status, v)
}

fn error_code(v: &serde_json::Value) -> &str {
    v["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code: {v}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_and_checks_over_http() {
    let srv = start(sqlite()).await;
    let http = reqwest::Client::new();
    let post = |body: Vec<u8>, token: Option<&str>| {
        let mut r = http.post(format!("{}/v1/files", srv.base)).body(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    let f = file(1, 1, |p| {
        p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
    });

    // No token, or a wrong one: 401, and nothing stored.
    let (s, v) = json(post(f.clone(), None).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (401, "unauthorised"));
    let (s, _) = json(post(f.clone(), Some("wrong")).await.unwrap()).await;
    assert_eq!(s, 401);

    let (s, v) = json(post(f.clone(), Some(TOKEN)).await.unwrap()).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["outcome"], "accepted");
    let customer = v["customer"].as_str().unwrap().to_owned();
    let (s, v) = json(post(f.clone(), Some(TOKEN)).await.unwrap()).await;
    assert_eq!((s, v["outcome"].as_str()), (200, Some("already-imported")));

    // Malformed and oversize bodies.
    let (s, v) = json(post(b"{\"a\":".to_vec(), Some(TOKEN)).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (422, "syntax"));
    let (s, v) = json(post(vec![b' '; 200_000], Some(TOKEN)).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (413, "too-large"));
    let (s, v) = json(post(file(1, 1, |_| {}), Some(TOKEN)).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (422, "replayed-or-older"));

    // Checks.
    let check = |q: String, token: Option<&str>| {
        let mut r = http.get(format!("{}/v1/check?{q}", srv.base));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    let q = format!(
        "customer={customer}&channel=push&kind=marketing&at={}",
        soon(13)
    );
    let (s, v) = json(check(q.clone(), None).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (401, "unauthorised"));
    let (s, v) = json(check(q.clone(), Some(TOKEN)).await.unwrap()).await;
    assert_eq!(s, 200);
    assert_eq!(v["allowed"], false);
    assert_eq!(v["reason"]["code"], "opted-out");
    let q2 = format!("customer={customer}&channel=email&kind=marketing");
    let (_, v) = json(check(q2, Some(TOKEN)).await.unwrap()).await;
    assert_eq!(v["allowed"], true);
    // Dutch on request.
    let r = http
        .get(format!("{}/v1/check?{q}", srv.base))
        .bearer_auth(TOKEN)
        .header("accept-language", "nl-NL")
        .send()
        .await
        .unwrap();
    let (_, v) = json(r).await;
    assert!(
        v["reason"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Niet sturen"),
        "{v}"
    );

    for bad in [
        "customer=x&channel=fax&kind=marketing",
        "customer=x&channel=push&kind=spam",
        "customer=x&channel=push",
        "customer=x&channel=push&kind=marketing&at=yesterday",
        "customer=x&channel=push&kind=marketing&at=2032-01-01T12:00:00Z",
        "customer=x&channel=push&kind=marketing&extra=1",
    ] {
        let (s, v) = json(check(bad.into(), Some(TOKEN)).await.unwrap()).await;
        assert_eq!((s, error_code(&v)), (400, "bad-request"), "{bad}");
    }
    let (s, v) = json(
        http.get(format!("{}/v2/nothing", srv.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((s, error_code(&v)), (404, "not-found"));

    // Graceful shutdown: the server task ends cleanly, with the client's
    // kept-alive connections open.
    srv.stop().await;
}

/// A client that sends half its headers and stalls is disconnected when
/// the header timeout has passed, without an answer (it has not said what
/// it wants yet). The shorter idle timeout does not cut it off earlier:
/// it is for connections on which nothing arrives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_headers_are_cut_off_after_the_header_timeout() {
    let srv = start_with(
        sqlite(),
        Some(ServeOptions {
            header_timeout: ms(400),
            idle_timeout: ms(150),
            ..short()
        }),
    )
    .await;
    let mut c = TcpStream::connect(srv.addr).await.unwrap();
    let sent = Instant::now();
    c.write_all(b"POST /v1/files HTTP/1.1\r\nHost: regie\r\nContent-Len")
        .await
        .unwrap();
    let (got, closed) = read_until_closed(&mut c).await;
    assert!(got.is_empty(), "{:?}", String::from_utf8_lossy(&got));
    // The header clock starts when the server starts waiting, a moment
    // before `sent`.
    assert_about("half headers", closed - sent, ms(300));
    srv.stop().await;
}

/// A connection on which nothing arrives, new or kept alive after an
/// answer, is closed after the idle timeout, well before the header
/// timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_connections_close_after_the_idle_timeout() {
    let srv = start_with(
        sqlite(),
        Some(ServeOptions {
            header_timeout: Duration::from_secs(3),
            idle_timeout: ms(200),
            ..short()
        }),
    )
    .await;
    // New, and silent.
    let opened = Instant::now();
    let mut c = TcpStream::connect(srv.addr).await.unwrap();
    let (got, closed) = read_until_closed(&mut c).await;
    assert!(got.is_empty());
    assert_about("new silent connection", closed - opened, ms(200));

    // Kept alive after an answer, then silent.
    let mut c = TcpStream::connect(srv.addr).await.unwrap();
    c.write_all(b"GET /v2/nothing HTTP/1.1\r\nHost: regie\r\n\r\n")
        .await
        .unwrap();
    let (status, head, body) = read_answer(&mut c).await;
    assert_eq!((status, error_code(&body)), (404, "not-found"));
    assert!(!head.contains("connection: close"), "{head}");
    let answered = Instant::now();
    let (got, closed) = read_until_closed(&mut c).await;
    assert!(got.is_empty());
    assert_about("kept-alive silent connection", closed - answered, ms(150));
    srv.stop().await;
}

/// Sends the head of a file upload with the token and `body` as the first
/// part of a body of `len` bytes.
async fn begin_upload(c: &mut TcpStream, len: usize, body: &[u8]) {
    let head = format!(
        "POST /v1/files HTTP/1.1\r\nHost: regie\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
    );
    c.write_all(head.as_bytes()).await.unwrap();
    c.write_all(body).await.unwrap();
}

/// A client that announces a body and stalls gets 408 with a JSON error
/// when the body timeout has passed, and the connection closes: the rest
/// of the body would otherwise be read as the next request. If the
/// request timeout comes first, the answer is still 408, as the wait was
/// the client's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_gets_408_and_a_closed_connection() {
    for (body_timeout, request_timeout) in [(ms(300), ms(3000)), (ms(3000), ms(300))] {
        let srv = start_with(
            sqlite(),
            Some(ServeOptions {
                body_timeout,
                request_timeout,
                header_timeout: Duration::from_secs(3),
                idle_timeout: Duration::from_secs(3),
                ..short()
            }),
        )
        .await;
        let mut c = TcpStream::connect(srv.addr).await.unwrap();
        begin_upload(&mut c, 2000, b"{\"@context\":").await;
        let sent = Instant::now();
        let (status, head, body) = read_answer(&mut c).await;
        assert_about("stalled body", sent.elapsed(), ms(250));
        assert_eq!(
            (status, error_code(&body)),
            (408, "request-timeout"),
            "{body}"
        );
        assert_eq!(
            body["error"]["message"],
            "The body of the request did not arrive in full within 0.3 seconds. \
             Send the request again, all at once."
        );
        assert!(head.contains("connection: close"), "{head}");
        let (rest, _) = read_until_closed(&mut c).await;
        assert!(rest.is_empty());
        // Nothing was stored.
        let h = srv.db.store().history(None).unwrap();
        assert!(h.is_empty(), "{h:?}");
        srv.stop().await;
    }
}

/// Another process holds the SQLite write lock, so an import waits for
/// it, and a check that is not in memory waits for the import's hold on
/// the store. Both answer 503 in plain words within the request timeout;
/// the import finishes in the background once the lock is gone, so
/// sending the file again finds it already imported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_stuck_on_a_locked_store_answers_503_in_time() {
    let srv = start_with(
        sqlite(),
        Some(ServeOptions {
            request_timeout: ms(400),
            ..short()
        }),
    )
    .await;
    let lock = rusqlite::Connection::open(sqlite_path(&srv.db)).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();

    let http = reqwest::Client::new();
    let f = file(1, 1, |_| {});
    let sent = Instant::now();
    let r = http
        .post(format!("{}/v1/files", srv.base))
        .bearer_auth(TOKEN)
        .body(f.clone())
        .send()
        .await
        .unwrap();
    let (s, v) = json(r).await;
    assert_about("import on a locked store", sent.elapsed(), ms(400));
    assert_eq!((s, error_code(&v)), (503, "timeout"), "{v}");
    assert_eq!(
        v["error"]["message"],
        "The answer took longer than 0.4 seconds. Try again in a few minutes; sending the same \
         request again does no harm. If this keeps happening, ask the operator of this server to \
         look at its log."
    );

    let sent = Instant::now();
    let r = http
        .get(format!(
            "{}/v1/check?customer=nobody&channel=push&kind=marketing",
            srv.base
        ))
        .bearer_auth(TOKEN)
        .header("accept-language", "nl")
        .send()
        .await
        .unwrap();
    let (s, v) = json(r).await;
    assert_about("check on a held store", sent.elapsed(), ms(400));
    assert_eq!((s, error_code(&v)), (503, "timeout"), "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Het antwoord duurde langer dan 0,4 seconden."),
        "{v}"
    );

    lock.execute_batch("ROLLBACK").unwrap();
    let r = http
        .post(format!("{}/v1/files", srv.base))
        .bearer_auth(TOKEN)
        .body(f)
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap();
    let (s, v) = json(r).await;
    assert_eq!(
        (s, v["outcome"].as_str()),
        (200, Some("already-imported")),
        "{v}"
    );
    srv.stop().await;
}

/// A store that fails answers 503 with what happened and what to do, in
/// the client's language, never the database's own error text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_store_answers_503_without_internal_text() {
    let srv = start_with(sqlite(), Some(short())).await;
    rusqlite::Connection::open(sqlite_path(&srv.db))
        .unwrap()
        .execute_batch("DROP TABLE history")
        .unwrap();
    let http = reqwest::Client::new();
    for (lang, text) in [
        (
            "en",
            "The store is not working right now, so this request was not carried out. Try again \
             in a few minutes. If this keeps happening, ask the operator of this server to look \
             at its log.",
        ),
        (
            "nl",
            "De opslag werkt nu niet, dus dit verzoek is niet uitgevoerd. Probeer het over een \
             paar minuten opnieuw. Gebeurt dit vaker, vraag dan de beheerder van deze server om \
             in het logboek te kijken.",
        ),
    ] {
        let r = http
            .post(format!("{}/v1/files", srv.base))
            .bearer_auth(TOKEN)
            .header("accept-language", lang)
            .body(file(1, 1, |_| {}))
            .send()
            .await
            .unwrap();
        let (s, v) = json(r).await;
        assert_eq!((s, error_code(&v)), (503, "store-unavailable"), "{v}");
        assert_eq!(v["error"]["message"], text);
    }
    srv.stop().await;
}

/// While both connection slots are held by idle clients, a well-behaved
/// client waits (in the kernel's backlog) and is served as soon as an idle
/// connection times out; its request is not lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_client_is_served_once_a_slot_frees() {
    let srv = start_with(
        sqlite(),
        Some(ServeOptions {
            idle_timeout: ms(500),
            header_timeout: Duration::from_secs(5),
            max_connections: 2,
            ..short()
        }),
    )
    .await;
    // Two clients that are served once, then sit idle on their slots.
    let mut idle = Vec::new();
    for _ in 0..2 {
        let mut c = TcpStream::connect(srv.addr).await.unwrap();
        c.write_all(b"GET /v2/nothing HTTP/1.1\r\nHost: regie\r\n\r\n")
            .await
            .unwrap();
        assert_eq!(read_answer(&mut c).await.0, 404);
        idle.push(c);
    }
    let idle_since = Instant::now();

    let r = reqwest::Client::new()
        .get(format!(
            "{}/v1/check?customer=nobody&channel=push&kind=marketing",
            srv.base
        ))
        .bearer_auth(TOKEN)
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .unwrap();
    let served = idle_since.elapsed();
    let (s, v) = json(r).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["reason"]["code"], "no-preference-on-file");
    // It waited for an idle connection's timeout.
    assert_about("waiting client", served, ms(450));
    for mut c in idle {
        let (got, _) = read_until_closed(&mut c).await;
        assert!(got.is_empty());
    }
    srv.stop().await;
}

/// On shutdown, a request whose body is still arriving is finished and
/// answered, new connections are refused, and the server returns once it
/// has answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_finishes_a_request_in_flight() {
    let mut srv = start_with(
        sqlite(),
        Some(ServeOptions {
            body_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(5),
            ..short()
        }),
    )
    .await;
    let f = file(1, 1, |_| {});
    let (first, rest) = f.split_at(f.len() / 2);
    let mut c = TcpStream::connect(srv.addr).await.unwrap();
    begin_upload(&mut c, f.len(), first).await;
    tokio::time::sleep(ms(100)).await;

    srv.stop_tx.take().unwrap().send(()).unwrap();
    tokio::time::sleep(ms(200)).await;
    assert!(!srv.task.is_finished(), "the server did not wait");
    let refused = TcpStream::connect(srv.addr).await.unwrap_err();
    assert_eq!(refused.kind(), std::io::ErrorKind::ConnectionRefused);

    c.write_all(rest).await.unwrap();
    let (status, head, body) = read_answer(&mut c).await;
    assert_eq!(
        (status, body["outcome"].as_str()),
        (201, Some("accepted")),
        "{body}"
    );
    assert!(head.contains("connection: close"), "{head}");
    let (more, _) = read_until_closed(&mut c).await;
    assert!(more.is_empty());
    tokio::time::timeout(Duration::from_secs(5), &mut srv.task)
        .await
        .expect("the server did not stop after its last answer")
        .unwrap()
        .unwrap();
    assert_eq!(srv.db.store().history(None).unwrap().len(), 1);
}

/// `regie-org serve --max-connections 1`: while one client holds the only
/// connection, another waits; when it leaves, the next is served. A store
/// failure is answered with 503 and its detail goes to the operator's
/// stderr.
#[cfg(unix)]
#[test]
fn serve_bounds_connections_and_logs_store_failures() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};

    let db = sqlite();
    let bin = env!("CARGO_BIN_EXE_regie-org");
    let o = Command::new(bin)
        .args([
            "--db", &db.url, "init", "--org", ORG, "--name", "Bank", "--tofu",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, format!("{TOKEN}\n")).unwrap();
    let mut child = Command::new(bin)
        .args(["--db", &db.url, "--lang", "en", "serve"])
        .args(["--listen", "127.0.0.1:0", "--max-connections", "1"])
        .arg("--token-file")
        .arg(&token)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    let check = format!("http://{addr}/v1/check?customer=nobody&channel=push&kind=marketing");

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        // One client is served and keeps its connection (idle for up to 5 s).
        let mut holder = TcpStream::connect(&addr).await.unwrap();
        holder
            .write_all(b"GET /v2/nothing HTTP/1.1\r\nHost: regie\r\n\r\n")
            .await
            .unwrap();
        assert_eq!(read_answer(&mut holder).await.0, 404);
        // The next one waits.
        let waited = http
            .get(&check)
            .bearer_auth(TOKEN)
            .timeout(ms(800))
            .send()
            .await
            .unwrap_err();
        assert!(waited.is_timeout(), "{waited}");
        // The holder leaves: the next one is served at once.
        drop(holder);
        let sent = Instant::now();
        let r = http
            .get(&check)
            .bearer_auth(TOKEN)
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert!(
            sent.elapsed() < Duration::from_secs(2),
            "{:?}",
            sent.elapsed()
        );

        rusqlite::Connection::open(sqlite_path(&db))
            .unwrap()
            .execute_batch("DROP TABLE history")
            .unwrap();
        let r = http
            .post(format!("http://{addr}/v1/files"))
            .bearer_auth(TOKEN)
            .body(file(1, 1, |_| {}))
            .send()
            .await
            .unwrap();
        let (s, v) = json(r).await;
        assert_eq!((s, error_code(&v)), (503, "store-unavailable"), "{v}");
        assert!(!v.to_string().contains("history"), "{v}");
    });

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert_eq!(status.code(), Some(0), "{rest}");
    let logged = rest
        .lines()
        .find(|l| l.contains("POST /v1/files: the store reported an error, sent 503:"))
        .unwrap_or_else(|| panic!("no store error in {rest}"));
    assert!(logged.contains("no such table: history"), "{logged}");
    assert!(rest.contains("Stopped"), "{rest}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_use_and_sends_over_http() {
    use regie_model::{DecisionState as S, LegalBasis as B};
    let srv = start(sqlite()).await;
    let http = reqwest::Client::new();
    let f = file_with_uses(
        1,
        1,
        vec![decision(
            "dpv:DirectMarketing",
            &["pd:EmailAddress"],
            B::Consent,
            S::ConsentWithdrawn,
        )],
        &["pd:Health"],
    );
    let (s, v) = json(
        http.post(format!("{}/v1/files", srv.base))
            .bearer_auth(TOKEN)
            .body(f)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let customer = v["customer"].as_str().unwrap().to_owned();
    let get = |q: String| {
        http.get(format!("{}/v1/check-use?{q}", srv.base))
            .bearer_auth(TOKEN)
            .header("accept-language", "nl")
            .send()
    };
    let (s, v) = json(
        get(format!(
            "customer={customer}&purpose=dpv:DirectMarketing&category=pd:EmailAddress"
        ))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["allowed"], false);
    assert_eq!(v["reason"]["code"], "consent-withdrawn");
    assert!(v["reason"]["message"]
        .as_str()
        .unwrap()
        .starts_with("Niet doen"));
    assert_eq!(v["purpose"], "https://w3id.org/dpv#DirectMarketing");
    let (_, v) = json(
        get(format!(
            "customer={customer}&purpose=dpv:Marketing&category=pd:Health"
        ))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(v["reason"]["code"], "sensitive-category");
    for bad in [
        format!("customer={customer}&purpose=nonsense"),
        format!("customer={customer}&purpose=dpv:Marketing&category=dpv:Marketing"),
        "purpose=dpv:Marketing".into(),
    ] {
        let (s, v) = json(get(bad.clone()).await.unwrap()).await;
        assert_eq!((s, error_code(&v)), (400, "bad-request"), "{bad}");
    }

    // Sends: recorded for a known customer only, within a week of now.
    let send = |body: String| {
        http.post(format!("{}/v1/sends", srv.base))
            .bearer_auth(TOKEN)
            .body(body)
            .send()
    };
    let (s, v) = json(
        send(format!(
            r#"{{"customer": "{customer}", "channel": "email", "kind": "marketing"}}"#
        ))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let (s, v) = json(
        send(r#"{"customer": "nobody", "channel": "email", "kind": "marketing"}"#.into())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((s, error_code(&v)), (404, "unknown-customer"));
    for bad in [
        format!(r#"{{"customer": "{customer}", "channel": "fax", "kind": "marketing"}}"#),
        format!(
            r#"{{"customer": "{customer}", "channel": "email", "kind": "marketing", "at": "2032-01-01T00:00:00Z"}}"#
        ),
        "not json".into(),
    ] {
        let (s, v) = json(send(bad.clone()).await.unwrap()).await;
        assert_eq!((s, error_code(&v)), (400, "bad-request"), "{bad}: {v}");
    }
    let _ = srv;
}

/// Regression: a bad query was answered with a library's words ("Failed
/// to deserialize query string: missing field `kind`"), POST on
/// `/v1/check` with "no such page", a 200 KB upload with a size that was
/// not its own, and `bearer` in lower case with 401. Every error now says
/// in the language asked for what is wrong, in the API's terms.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_errors_say_what_is_wrong_in_words_in_the_language_asked_for() {
    let srv = start(sqlite()).await;
    let http = reqwest::Client::new();
    let ask = |method: reqwest::Method, path: &str, lang: &str, body: &str| {
        http.request(method, format!("{}{path}", srv.base))
            .bearer_auth(TOKEN)
            .header("accept-language", lang)
            .body(body.to_owned())
            .send()
    };
    // Nothing a library says reaches a client.
    let plain = |v: &serde_json::Value| {
        let m = v["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        for library in [
            "Failed to",
            "deserialize",
            "missing field",
            "`",
            "line 1",
            "column",
        ] {
            assert!(!m.contains(library), "{library:?} in {v}");
        }
        m
    };
    let get = reqwest::Method::GET;
    let post = reqwest::Method::POST;
    let bad: [(&reqwest::Method, &str, &str, &str, &str); 10] = [
        (&get, "/v1/check?customer=x&channel=push", "",
         "the parameter 'kind' is missing. /v1/check needs customer, channel and kind.",
         "de parameter 'kind' ontbreekt. /v1/check heeft nodig: customer, channel en kind."),
        (&get, "/v1/check?customer=x&channel=push&kind=marketing&extra=1", "",
         "there is no parameter 'extra' at /v1/check. It takes customer, channel, kind and at.",
         "de parameter 'extra' bestaat niet bij /v1/check. Die kent: customer, channel, kind en at."),
        (&get, "/v1/check?customer=x&customer=y&channel=push&kind=marketing", "",
         "the parameter 'customer' is given more than once",
         "de parameter 'customer' staat er meer dan één keer in"),
        (&get, "/v1/check?customer=x&channel=fax&kind=marketing", "",
         "'fax' is not a channel: choose from push, in-app, email, sms, phone, post",
         "'fax' is geen kanaal: kies uit push, in-app, email, sms, phone, post"),
        (&get, "/v1/check?customer=x&channel=push&kind=spam", "",
         "'spam' is not a kind of message: choose from", "'spam' is geen soort bericht: kies uit"),
        (&get, "/v1/check-use?customer=x", "",
         "the parameter 'purpose' is missing. /v1/check-use needs customer and purpose.",
         "de parameter 'purpose' ontbreekt. /v1/check-use heeft nodig: customer en purpose."),
        (&post, "/v1/sends", "{\"customer\":\"x\"",
         "the body of the request is not a JSON object", "de inhoud van het verzoek is geen JSON-object"),
        (&post, "/v1/sends", "{\"customer\":\"x\"}",
         "the field 'channel' is missing from the body", "het veld 'channel' ontbreekt in de inhoud"),
        (&post, "/v1/sends", "{\"customer\":\"x\",\"channel\":\"push\",\"kind\":\"marketing\",\"when\":\"now\"}",
         "there is no field 'when'. The fields are customer, channel, kind and at.",
         "het veld 'when' bestaat niet. Velden: customer, channel, kind en at."),
        (&post, "/v1/sends", "{\"customer\":7,\"channel\":\"push\",\"kind\":\"marketing\"}",
         "the field 'customer' must be text", "het veld 'customer' moet tekst zijn"),
    ];
    for (method, path, body, en, nl) in bad {
        for (lang, want) in [("en", en), ("nl", nl)] {
            let (s, v) = json(ask(method.clone(), path, lang, body).await.unwrap()).await;
            assert_eq!(
                (s, error_code(&v)),
                (400, "bad-request"),
                "{path} {body}: {v}"
            );
            let m = plain(&v);
            assert!(m.contains(want), "{want:?} for {path} {body} ({lang}): {m}");
        }
    }

    // 405, with Allow and words of its own.
    for (method, path, allow, en, nl) in [
        (
            &post,
            "/v1/check",
            "GET, HEAD",
            "/v1/check does not take POST, only GET or HEAD.",
            "/v1/check werkt niet met POST, alleen met GET of HEAD.",
        ),
        (
            &get,
            "/v1/files",
            "POST",
            "/v1/files does not take GET, only POST.",
            "/v1/files werkt niet met GET, alleen met POST.",
        ),
    ] {
        for (lang, want) in [("en", en), ("nl", nl)] {
            let r = ask(method.clone(), path, lang, "").await.unwrap();
            assert_eq!(r.headers()["allow"], allow, "{path}");
            let (s, v) = json(r).await;
            assert_eq!((s, error_code(&v)), (405, "method-not-allowed"), "{v}");
            assert_eq!(plain(&v), want);
        }
    }

    // 413 says the limit, not a size it never read; nothing is stored.
    for (lang, want) in [
        ("en", "larger than 65536 bytes"),
        ("nl", "groter dan 65536 bytes"),
    ] {
        let (s, v) = json(
            http.post(format!("{}/v1/files", srv.base))
                .bearer_auth(TOKEN)
                .header("accept-language", lang)
                .body(vec![b' '; 200_000])
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!((s, error_code(&v)), (413, "too-large"), "{v}");
        let m = plain(&v);
        assert!(
            m.contains(want) && !m.contains("200000") && !m.contains("65537"),
            "{m}"
        );
    }
    assert!(srv.db.store().history(None).unwrap().is_empty());

    // The scheme is case-insensitive; another scheme, or no token, is 401.
    let q = format!(
        "{}/v1/check?customer=x&channel=push&kind=marketing",
        srv.base
    );
    for (auth, status) in [
        (format!("bearer {TOKEN}"), 200),
        (format!("BEARER  {TOKEN}"), 200),
        (format!("Bearer\t{TOKEN}"), 200),
        (format!("Basic {TOKEN}"), 401),
        (format!("Bearer{TOKEN}"), 401),
        ("Bearer wrong".to_owned(), 401),
    ] {
        let r = http
            .get(&q)
            .header("authorization", &auth)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), status, "{auth:?}");
    }
    srv.stop().await;
}
