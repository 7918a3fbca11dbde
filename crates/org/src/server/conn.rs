//! Serving connections: [`serve`] runs its own accept loop over hyper so that every stage of a
//! connection has a bound; a client that stalls cannot hold a connection,
//! and many of them cannot exhaust the server. The bounds are in
//! [`ServeOptions`] (defaults in brackets):
//!
//! - Waiting for a request of which no byte has arrived (`idle_timeout`,
//!   5 s): the connection is closed. This covers a new connection that
//!   sends nothing and a kept-alive one between requests.
//! - The request's headers (`header_timeout`, 10 s, counted from when the
//!   server starts waiting for the request): the connection is closed
//!   without an answer. The client has not said what it wants yet, and it
//!   may be sending one byte at a time to stay just inside any idle limit.
//! - The body (`body_timeout`, 30 s after the headers): 408 with a JSON
//!   error and `Connection: close`. The client has said what it wants, so
//!   it is told why it failed; the connection has to close because the
//!   unread rest of the body would otherwise be taken for the next request.
//! - The answer (`request_timeout`, 30 s after the headers): 503 with a
//!   JSON error; the detail goes to stderr. Each request runs as a task of
//!   its own, so a handler blocked on a slow store cannot hold the answer
//!   back. The store call itself finishes in the background: an import is
//!   one transaction, stored whole or not at all, and sending it again is
//!   harmless. If the body was still arriving at the deadline, the answer
//!   is 408 instead, because the wait was the client's.
//! - At most `max_connections` (1024) connections at once. Beyond that the
//!   loop stops accepting: new connections wait, in order, in the kernel's
//!   listen backlog ([`bind`] asks for [`BACKLOG`]) and are accepted as
//!   soon as a connection ends. The bounds above free every slot in time,
//!   so a waiting client is served late rather than refused, and needs no
//!   retry logic; under overload the server spends nothing on connections
//!   it cannot serve. Accepting and answering 503 at once would turn a
//!   short burst into errors for every client to retry, and still cost a
//!   file descriptor and a write per refusal. When the backlog is full as
//!   well, the kernel ignores new connection attempts and the clients'
//!   TCP stacks try again.
//!
//! With TLS ([`Site::tls`]), every connection is first a TLS handshake,
//! on the connection's own task so that no client holds up the others; a
//! handshake that is not done within `header_timeout` (a client that
//! stalls in it, or sends nothing at all) ends the connection. Then every
//! bound above applies to the requests inside it, as without TLS.
//!
//! On shutdown the listener closes (new connections are refused), idle
//! connections close, and requests in flight finish and are answered with
//! `Connection: close`; `serve` returns when every connection has ended,
//! which the bounds above keep within the longest of them.
//!
//! Failures that concern one client only (its timeouts, resets, malformed
//! requests) are not logged. Store failures, answers that took too long
//! and internal errors are, on stderr, with control characters escaped so
//! that nothing taken from a request can forge a log line; clients get
//! plain words, never the internal error text.

use std::convert::Infallible;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use regie_model::Language;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};
use tower_service::Service;

use super::logs::{self, Level};
use super::{error, internal, lang_of, log, route_of, router_for, Noted, Public};
use crate::i18n;
use crate::Org;

/// The default bound on connections served at once.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// The listen backlog [`bind`] asks for: room for connections waiting
/// while every slot is taken (Linux caps it at `net.core.somaxconn`).
pub const BACKLOG: u32 = 1024;

/// The longest any bound may be; longer ones are cut to it, so that no
/// deadline overflows the clock.
const LONGEST: Duration = Duration::from_secs(365 * 24 * 3600);

/// How long the server waits for each stage of a request, and how many
/// connections it serves at once. The module documentation says what
/// happens when a bound is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeOptions {
    /// From when the server starts waiting for a request until its headers
    /// are complete; then the connection is closed. Default 10 s.
    pub header_timeout: Duration,
    /// How long a connection may wait for the first byte of a request
    /// (new, or the next on a kept-alive connection); then it is closed.
    /// It matters only when shorter than `header_timeout`. Default 5 s.
    pub idle_timeout: Duration,
    /// From the end of the headers until the whole body has arrived; then
    /// the answer is 408 and the connection closes. Default 30 s.
    pub body_timeout: Duration,
    /// From the end of the headers until the answer is ready; then the
    /// answer is 503. Default 30 s.
    pub request_timeout: Duration,
    /// Connections served at once; more wait in the listen backlog until
    /// one ends. At least 1. Default [`DEFAULT_MAX_CONNECTIONS`].
    pub max_connections: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(5),
            body_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(30),
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

impl ServeOptions {
    /// The options with every bound in range: timeouts between 1 ms and a
    /// year, connections between 1 and what a semaphore can count.
    fn sane(self) -> Self {
        let t = |d: Duration| d.clamp(Duration::from_millis(1), LONGEST);
        ServeOptions {
            header_timeout: t(self.header_timeout),
            idle_timeout: t(self.idle_timeout),
            body_timeout: t(self.body_timeout),
            request_timeout: t(self.request_timeout),
            max_connections: self.max_connections.clamp(1, u32::MAX as usize),
        }
    }
}

/// Listens on `addr` (`host:port`) with a backlog of [`BACKLOG`], trying
/// each address the name resolves to.
pub async fn bind(addr: &str) -> std::io::Result<TcpListener> {
    let mut last = None;
    for a in tokio::net::lookup_host(addr).await? {
        let socket = if a.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        // As tokio's own bind does: a restarted server can listen again at
        // once, while the old connections linger in TIME_WAIT.
        #[cfg(unix)]
        socket.set_reuseaddr(true)?;
        match socket.bind(a).and_then(|()| socket.listen(BACKLOG)) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::AddrNotAvailable,
            format!("{addr} resolves to no address"),
        )
    }))
}

/// Serves with the default [`ServeOptions`] until `shutdown` completes,
/// then finishes the requests in flight.
pub async fn serve(
    org: Arc<Org>,
    listener: TcpListener,
    token: &str,
    lang: Language,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(
        org,
        listener,
        token,
        lang,
        ServeOptions::default(),
        shutdown,
    )
    .await
}

/// Serves with `options` until `shutdown` completes, then finishes the
/// requests in flight and returns once every connection has ended.
pub async fn serve_with(
    org: Arc<Org>,
    listener: TcpListener,
    token: &str,
    lang: Language,
    options: ServeOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let site = Site {
        token: token.to_owned(),
        lang,
        public: Public::default(),
        tls: None,
        service: super::Service::default(),
    };
    serve_site(org, listener, site, options, shutdown).await
}

/// What a server serves, and how.
#[derive(Clone)]
pub struct Site {
    /// The bearer token of the API.
    pub token: String,
    /// The operator's language: of the log, and of answers to requests
    /// that ask for none.
    pub lang: Language,
    /// The inbox and the declaration, if any.
    pub public: Public,
    /// HTTPS: every connection is TLS with this configuration
    /// ([`super::tls::server_config`]); `None` for plain HTTP.
    pub tls: Option<Arc<tokio_rustls::rustls::ServerConfig>>,
    /// Metrics and the health check.
    pub service: super::Service,
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("lang", &self.lang)
            .field("public", &self.public)
            .field("tls", &self.tls.is_some())
            .field("metrics", &self.service.metrics.is_some())
            .finish_non_exhaustive()
    }
}

/// The client's address, in every request's extensions (for the inbox's
/// limits per address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub std::net::IpAddr);

/// [`serve_with`] for a whole [`Site`]: the API, the public addresses,
/// and HTTPS if it has TLS.
pub async fn serve_site(
    org: Arc<Org>,
    listener: TcpListener,
    site: Site,
    options: ServeOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let options = options.sane();
    let lang = site.lang;
    let metrics = site.service.metrics.clone();
    let app = Arc::new(App {
        router: router_for(org, &site.token, lang, site.public, site.service),
        lang,
        options,
        tls: site.tls.map(tokio_rustls::TlsAcceptor::from),
        metrics,
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(options.header_timeout)
        .keep_alive(true);
    let slots = Arc::new(Semaphore::new(options.max_connections));
    let (stop, stopping) = watch::channel(false);
    let mut shutdown = pin!(shutdown);
    loop {
        // A slot first, then a connection: while every slot is taken, new
        // connections wait in the kernel's backlog, not in this process.
        let permit = tokio::select! {
            biased;
            () = &mut shutdown => break,
            p = slots.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let accepted = tokio::select! {
            biased;
            () = &mut shutdown => break,
            a = listener.accept() => a,
        };
        match accepted {
            Ok((stream, peer)) => {
                let (app, http, stopping) = (app.clone(), http.clone(), stopping.clone());
                tokio::spawn(async move {
                    let client = ClientAddr(peer.ip());
                    match app.tls.clone() {
                        None => connection(app, http, stream, client, permit, stopping).await,
                        Some(tls) => {
                            // The handshake has the header bound: a client
                            // that stalls in it is cut off, holding its
                            // slot no longer than one that stalls in its
                            // headers.
                            let limit = app.options.header_timeout;
                            if let Ok(Ok(stream)) =
                                tokio::time::timeout(limit, tls.accept(stream)).await
                            {
                                connection(app, http, stream, client, permit, stopping).await;
                            }
                        }
                    }
                });
            }
            // The client gave up before it was accepted: nothing to do.
            Err(e) if is_client_gone(&e) => {}
            // Out of file descriptors or memory: retrying at once would
            // spin, so wait a little; the connections being served go on.
            Err(e) => {
                log(
                    Level::Error,
                    "accept-failed",
                    lang,
                    i18n::H_LOG_ACCEPT,
                    &[("err", &e.to_string())],
                );
                tokio::select! {
                    biased;
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(Duration::from_millis(100)) => {}
                }
            }
        }
    }
    drop(listener);
    stop.send_replace(true);
    // Every connection holds a slot until it ends, so having them all back
    // means every connection has ended.
    let _ = slots.acquire_many(options.max_connections as u32).await;
    Ok(())
}

fn is_client_gone(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | ConnectionRefused | Interrupted
    )
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    // The handlers are installed here, when this is called (inside the
    // runtime), not when the future is first polled: a signal that comes
    // right after the server said it listens still stops it gracefully.
    #[cfg(unix)]
    let (int, term) = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt()).ok(),
            signal(SignalKind::terminate()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = wait(int) => {},
                _ = wait(term) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// What every connection shares.
struct App {
    router: Router,
    /// The operator's language: of the log, and of answers to requests
    /// that ask for none.
    lang: Language,
    options: ServeOptions,
    /// HTTPS, if the site has TLS.
    tls: Option<tokio_rustls::TlsAcceptor>,
    /// Where answered requests are counted, if anywhere.
    metrics: Option<Arc<crate::metrics::Metrics>>,
}

/// Serves one connection until it ends; `_slot` is given back then.
async fn connection<S>(
    app: Arc<App>,
    http: hyper::server::conn::http1::Builder,
    stream: S,
    client: ClientAddr,
    _slot: OwnedSemaphorePermit,
    mut stopping: watch::Receiver<bool>,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let activity = Arc::new(Activity::default());
    let io = TokioIo::new(IdleStream {
        inner: stream,
        activity: activity.clone(),
        idle: app.options.idle_timeout,
        seen: 0,
        heard: false,
        timer: None,
    });
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        req.extensions_mut().insert(client);
        let busy = Busy::begin(&activity);
        let app = app.clone();
        async move { Ok::<_, Infallible>(answer(app, req, busy).await) }
    });
    let conn = http.serve_connection(io, service);
    let mut conn = pin!(conn);
    // The connection's own errors (timeouts, resets, malformed requests)
    // concern this client only: nothing to report.
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopping.wait_for(|s| *s) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// What a connection's requests tell its reading side. Both are touched
/// only by the connection's own task (hyper polls the service's futures
/// and the stream from it), so relaxed ordering is enough.
#[derive(Default)]
struct Activity {
    /// Requests whose headers are in and whose answer is not yet made.
    busy: AtomicUsize,
    /// Requests answered so far.
    answered: AtomicU64,
}

/// A request in progress on a connection, from its headers to its answer.
struct Busy(Arc<Activity>);

impl Busy {
    fn begin(a: &Arc<Activity>) -> Busy {
        a.busy.fetch_add(1, Ordering::Relaxed);
        Busy(a.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.answered.fetch_add(1, Ordering::Relaxed);
        self.0.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The connection's socket, ending the connection when it has waited
/// `idle` for the first byte of a request. hyper's header timeout cannot
/// tell silence from a slow request, so this keeps a silent connection
/// shorter than one that is sending.
struct IdleStream<S> {
    inner: S,
    activity: Arc<Activity>,
    idle: Duration,
    /// `activity.answered` when last looked at.
    seen: u64,
    /// Whether a byte has arrived since the last answer.
    heard: bool,
    timer: Option<Pin<Box<Sleep>>>,
}

impl<S: AsyncRead + Unpin> AsyncRead for IdleStream<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let answered = this.activity.answered.load(Ordering::Relaxed);
        if answered != this.seen {
            // A request was answered: bytes heard until now were its own.
            this.seen = answered;
            this.heard = false;
            this.timer = None;
        }
        let before = buf.filled().len();
        if let Poll::Ready(r) = Pin::new(&mut this.inner).poll_read(cx, buf) {
            if buf.filled().len() > before {
                this.heard = true;
                this.timer = None;
            }
            return Poll::Ready(r);
        }
        if this.heard || this.activity.busy.load(Ordering::Relaxed) > 0 {
            // A request is arriving or being answered: other bounds apply.
            this.timer = None;
            return Poll::Pending;
        }
        let idle = this.idle;
        let timer = this
            .timer
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
        match timer.as_mut().poll(cx) {
            // End of input: hyper closes a connection that is between
            // requests quietly.
            Poll::Ready(()) => Poll::Ready(Ok(())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for IdleStream<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// How a request's body is doing, for the answer to a request that ran out
/// of time.
#[derive(Default)]
struct BodyState {
    /// The handler is waiting for more of the body.
    waiting: AtomicBool,
    /// The body did not arrive within the body timeout.
    late: AtomicBool,
}

/// A request body that fails once its deadline has passed.
struct TimedBody {
    inner: Incoming,
    deadline: Instant,
    /// Made when the body first has to wait: most bodies never do.
    timer: Option<Pin<Box<Sleep>>>,
    state: Arc<BodyState>,
}

impl hyper::body::Body for TimedBody {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            this.state.waiting.store(false, Ordering::Relaxed);
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        let deadline = this.deadline;
        let timer = this
            .timer
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        if timer.as_mut().poll(cx).is_ready() {
            this.state.waiting.store(false, Ordering::Relaxed);
            this.state.late.store(true, Ordering::Relaxed);
            return Poll::Ready(Some(Err("the request body arrived too slowly".into())));
        }
        this.state.waiting.store(true, Ordering::Relaxed);
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// A handler's task, stopped when its answer is no longer wanted (too
/// late, or the client left).
struct HandlerTask(tokio::task::JoinHandle<Result<Response, Infallible>>);

impl Drop for HandlerTask {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Answers one request within the request timeout, and counts and logs
/// it.
async fn answer(app: Arc<App>, req: Request<Incoming>, busy: Busy) -> Response {
    let start = Instant::now();
    let json_log = logs::format() == logs::LogFormat::Json;
    if app.metrics.is_none() && !json_log {
        return answer_in_time(&app, req, busy, start).await;
    }
    let route = route_of(req.uri().path());
    let method = method_name(req.method());
    let client = req.extensions().get::<ClientAddr>().copied();
    let r = answer_in_time(&app, req, busy, start).await;
    let took = start.elapsed();
    let status = r.status().as_u16();
    if let Some(m) = &app.metrics {
        m.request(m.route_index(route), status, took);
    }
    if json_log {
        let noted = r.extensions().get::<Noted>();
        // See the log's module documentation for when an address is kept.
        let address = match status {
            401 | 429 => client.map(|c| crate::inbox::limit::address_key(c.0)),
            _ => None,
        };
        logs::request(&logs::RequestLine {
            method,
            route,
            status,
            duration: took,
            code: noted.and_then(|n| n.code.as_deref()),
            customer: noted.and_then(|n| n.customer.as_deref()),
            client: address.as_deref(),
        });
    }
    r
}

/// The name of a method HTTP defines, or `other`: a client may send any
/// token as a method, and the log takes nothing a client chose.
fn method_name(m: &axum::http::Method) -> &'static str {
    const KNOWN: [&str; 9] = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
    ];
    KNOWN
        .into_iter()
        .find(|k| *k == m.as_str())
        .unwrap_or("other")
}

/// Answers one request within the request timeout.
async fn answer_in_time(
    app: &Arc<App>,
    req: Request<Incoming>,
    _busy: Busy,
    start: Instant,
) -> Response {
    let o = &app.options;
    let lang = lang_of(req.headers(), app.lang);
    let what = format!("{} {}", req.method(), req.uri().path());
    let body = Arc::new(BodyState::default());
    let req = req.map(|inner| TimedBody {
        inner,
        deadline: start + o.body_timeout,
        timer: None,
        state: body.clone(),
    });
    // The router is always ready (its poll_ready answers Ready at once).
    // It runs as a task of its own because a handler may block its thread
    // (a check reads the store with block_in_place on a cache miss), and
    // inline it would stop this deadline too. The task costs a little CPU
    // per request (about 6% in the HTTP check benchmark); handlers that
    // never block their task would let it go.
    let mut task = HandlerTask(tokio::spawn(app.router.clone().call(req)));
    // The body was late by `waited`, the bound that ran out.
    let slow_body = |waited: Duration| {
        let mut r = error(
            StatusCode::REQUEST_TIMEOUT,
            "request-timeout",
            i18n::fill_n(lang, i18n::H_SLOW_BODY, waited.as_secs_f64(), &[]),
        );
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        r
    };
    match tokio::time::timeout_at(start + o.request_timeout, &mut task.0).await {
        Ok(Ok(Ok(r))) if body.late.load(Ordering::Relaxed) => {
            drop(r);
            slow_body(o.body_timeout)
        }
        Ok(Ok(Ok(r))) => r,
        Ok(Ok(Err(never))) => match never {},
        Ok(Err(e)) => internal(app.lang, lang, &what, &e.to_string()),
        Err(_) if body.waiting.load(Ordering::Relaxed) || body.late.load(Ordering::Relaxed) => {
            slow_body(o.request_timeout.min(o.body_timeout))
        }
        Err(_) => {
            let secs = |l| seconds(l, o.request_timeout);
            log(
                Level::Error,
                "timeout",
                app.lang,
                i18n::H_LOG_TIMEOUT,
                &[("what", &what), ("secs", &secs(app.lang))],
            );
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                i18n::fill_n(lang, i18n::H_TIMEOUT, o.request_timeout.as_secs_f64(), &[]),
            )
        }
    }
}

/// A duration in seconds as people write it: "30", "0.3" ("0,3" in Dutch).
fn seconds(lang: Language, d: Duration) -> String {
    i18n::number(lang, d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_written_as_people_write_them() {
        assert_eq!(seconds(Language::En, Duration::from_secs(30)), "30");
        assert_eq!(seconds(Language::En, Duration::from_millis(400)), "0.4");
        assert_eq!(seconds(Language::Nl, Duration::from_millis(400)), "0,4");
    }

    /// Timeouts of zero or beyond the clock's range are brought in range
    /// instead of closing every connection at once or overflowing.
    #[test]
    fn options_out_of_range_are_brought_in_range() {
        let o = ServeOptions {
            header_timeout: Duration::ZERO,
            idle_timeout: Duration::MAX,
            body_timeout: Duration::MAX,
            request_timeout: Duration::ZERO,
            max_connections: 0,
        }
        .sane();
        assert_eq!(o.header_timeout, Duration::from_millis(1));
        assert_eq!(o.idle_timeout, LONGEST);
        assert_eq!(o.max_connections, 1);
        let _ = Instant::now() + o.body_timeout;
    }
}
