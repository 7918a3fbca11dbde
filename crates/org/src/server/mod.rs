//! The HTTP API: `POST /v1/files` takes a preference file, `GET /v1/check`
//! answers a check, `GET /v1/check-use` whether data may be used for a
//! purpose, and `POST /v1/sends` records a message sent (for the caps, in
//! every process on the same database). All need the bearer token. Errors are JSON,
//! `{"error":{"code","message"}}`; programs switch on the code.
//!
//! Imports and cache misses touch the store, which is blocking I/O, so they
//! run on tokio's blocking threads; a warm check never leaves memory.
//!
//! How connections are served, with a bound on every stage of each, is in
//! the `conn` module (see [`serve_with`] and [`ServeOptions`]); this module
//! is what the API answers. Every error says, in the language asked for,
//! what was wrong in the client's terms (which parameter is missing, which
//! methods an address takes, the size limit): a library's own message
//! never reaches a client. The token and its bar are in [`token`].
//!
//! Two addresses are public, without the token: `POST /v1/inbox`, where
//! customers' own Regie delivers files (see [`crate::inbox`]; the
//! signature on each is what authenticates it), and
//! `GET /.well-known/regie-declaration`, the signed declaration that says
//! where that inbox is (see [`crate::inbox::published`]). A server started
//! without a receipt key has neither, and says so (404). HTTPS is in
//! [`tls`].
//!
//! Three more are for running the server as a service: `GET /healthz`
//! ([`health`], public: a probe needs no secret and learns only "ok" or
//! why not), `GET /openapi.json` (the API's description, [`openapi`],
//! public: it is the same for everyone), and `GET /metrics`
//! ([`crate::metrics`]). The metrics hold no personal data, but they show
//! how much an organisation's customers send and how often it checks,
//! which it need not tell the world: they take the API's token, or a
//! token of their own (`--metrics-token-file`) so that the system that
//! collects them cannot import files or record sends. The log is in
//! [`logs`]. Every address is in one table, [`ROUTES`].

mod conn;
pub mod health;
pub mod logs;
pub mod openapi;
pub mod tls;
pub mod token;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Extension, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use regie_model::{Channel, Language, MessageKind, Text};
use serde::Deserialize;
use serde_json::json;

use crate::check::{Sent, Verdict};
use crate::i18n::{self, fill};
use crate::metrics::{CheckKind, Metrics, Via};
use crate::text::clean;
use crate::{Org, Outcome};
use logs::Level;
use regie_prefs::{DataCategory, Purpose};

pub use conn::{
    bind, serve, serve_site, serve_with, shutdown_signal, ClientAddr, ServeOptions, Site, BACKLOG,
    DEFAULT_MAX_CONNECTIONS,
};

/// The largest request body accepted: a preference file is at most 64 KiB.
pub const MAX_BODY: usize = regie_prefs::json::MAX_INPUT_BYTES;

struct AppState {
    org: Arc<Org>,
    token: Vec<u8>,
    lang: Language,
    public: Public,
    service: Service,
}

/// What a server adds for running as a service: metrics, and the health
/// check's view of the database file.
#[derive(Debug, Clone)]
pub struct Service {
    /// What `GET /metrics` reports; `None` records nothing (and
    /// `/metrics` answers 404 `no-metrics`), for comparison.
    pub metrics: Option<Arc<Metrics>>,
    /// A token that `GET /metrics` takes besides the API's.
    pub metrics_token: Option<String>,
    /// The health check (`GET /healthz`).
    pub health: Arc<health::Health>,
}

impl Default for Service {
    /// Metrics on, no metrics token, a health check of the database only.
    fn default() -> Self {
        Service {
            metrics: Some(Arc::new(Metrics::new(&route_paths()))),
            metrics_token: None,
            health: Arc::new(health::Health::new(None)),
        }
    }
}

/// Every address the server answers, with the methods each takes (`HEAD`
/// wherever `GET` is: a `GET` without its body). The router, the `Allow`
/// of a 405, the metrics' routes and the OpenAPI document are all made
/// from this table; a test checks that the server answers exactly these.
pub const ROUTES: [(&str, &[&str]); 9] = [
    ("/v1/files", &["POST"]),
    ("/v1/check", &["GET", "HEAD"]),
    ("/v1/check-use", &["GET", "HEAD"]),
    ("/v1/sends", &["POST"]),
    ("/v1/inbox", &["POST"]),
    (crate::inbox::published::PATH, &["GET", "HEAD"]),
    ("/healthz", &["GET", "HEAD"]),
    ("/metrics", &["GET", "HEAD"]),
    ("/openapi.json", &["GET", "HEAD"]),
];

/// The paths of [`ROUTES`].
pub fn route_paths() -> Vec<&'static str> {
    ROUTES.iter().map(|(p, _)| *p).collect()
}

/// The route of a request's path: its entry in [`ROUTES`], or
/// [`crate::metrics::OTHER`] (never the path itself, which a client
/// chose).
pub fn route_of(path: &str) -> &'static str {
    ROUTES
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(crate::metrics::OTHER, |(p, _)| *p)
}

/// What a handler tells the log about its answer: the answer's code and
/// the customer the request was about, in the response's extensions.
/// Only the JSON log reads it, so it is noted only then.
#[derive(Debug, Clone, Default)]
pub(crate) struct Noted {
    pub code: Option<String>,
    pub customer: Option<String>,
}

/// Whether answers carry a [`Noted`]: when the log is JSON.
fn noting() -> bool {
    logs::format() == logs::LogFormat::Json
}

/// Adds the customer a request was about to its answer's [`Noted`].
fn about(mut r: Response, customer: &str) -> Response {
    if !noting() {
        return r;
    }
    let mut noted = r.extensions_mut().remove::<Noted>().unwrap_or_default();
    noted.customer = Some(customer.to_owned());
    r.extensions_mut().insert(noted);
    r
}

/// Sets the code of an answer's [`Noted`] (a file's outcome).
fn coded(mut r: Response, code: &str) -> Response {
    if !noting() {
        return r;
    }
    let mut noted = r.extensions_mut().remove::<Noted>().unwrap_or_default();
    noted.code = Some(code.to_owned());
    r.extensions_mut().insert(noted);
    r
}

/// What a server serves to anyone, without the token: the inbox and the
/// signed declaration. Each is absent (404) unless given.
#[derive(Debug, Clone, Default)]
pub struct Public {
    /// The inbox, `POST /v1/inbox`.
    pub inbox: Option<Arc<crate::inbox::Inbox>>,
    /// The declaration, `GET /.well-known/regie-declaration`.
    pub declaration: Option<Arc<crate::inbox::published::Published>>,
}

/// Builds the router. `token` is the bearer token every request needs;
/// `lang` is the language of messages when a request does not ask for one
/// (`Accept-Language: nl` or `en`).
pub fn router(org: Arc<Org>, token: &str, lang: Language) -> Router {
    router_with(org, token, lang, Public::default())
}

/// [`router`] with the public addresses of `public`.
pub fn router_with(org: Arc<Org>, token: &str, lang: Language, public: Public) -> Router {
    router_for(org, token, lang, public, Service::default())
}

/// [`router_with`] with `service`'s metrics and health check.
pub fn router_for(
    org: Arc<Org>,
    token: &str,
    lang: Language,
    public: Public,
    service: Service,
) -> Router {
    let state = Arc::new(AppState {
        org,
        token: token.as_bytes().to_vec(),
        lang,
        public,
        service,
    });
    let route = |r: Router<Arc<AppState>>, path: &'static str, m| {
        debug_assert!(
            ROUTES.iter().any(|(p, _)| *p == path),
            "{path} is not in ROUTES"
        );
        r.route(path, m)
    };
    let mut r = Router::new();
    r = route(r, "/v1/inbox", post(post_inbox));
    r = route(r, crate::inbox::published::PATH, get(get_declaration));
    r = route(r, "/v1/files", post(post_file));
    r = route(r, "/v1/check", get(get_check));
    r = route(r, "/v1/check-use", get(get_check_use));
    r = route(r, "/v1/sends", post(post_send));
    r = route(r, "/healthz", get(get_healthz));
    r = route(r, "/metrics", get(get_metrics));
    r = route(r, "/openapi.json", get(get_openapi));
    r.fallback(not_found)
        .method_not_allowed_fallback(not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Writes a line for the operator to stderr, in `lang`, with the time in
/// front and control characters escaped, as text or JSON (see [`logs`]);
/// `event` is its name in JSON.
pub(crate) fn log(level: Level, event: &str, lang: Language, t: Text, vars: &[(&str, &str)]) {
    logs::event(level, event, lang, t, vars);
}

/// 503 for a store that failed: plain words for the client, the detail
/// for the operator.
fn unavailable(operator: Language, lang: Language, what: &str, detail: &str) -> Response {
    log(
        Level::Error,
        "store-failed",
        operator,
        i18n::H_LOG_STORE,
        &[("what", what), ("err", detail)],
    );
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "store-unavailable",
        i18n::H_UNAVAILABLE.get(lang).into(),
    )
}

/// 500 for a failure inside the server (a handler that panicked).
fn internal(operator: Language, lang: Language, what: &str, detail: &str) -> Response {
    log(
        Level::Error,
        "internal-error",
        operator,
        i18n::H_LOG_INTERNAL,
        &[("what", what), ("err", detail)],
    );
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        i18n::H_INTERNAL.get(lang).into(),
    )
}

fn error(status: StatusCode, code: &str, message: String) -> Response {
    let r = (status, Json(error_body(code, &message))).into_response();
    coded(r, code)
}

/// The body of an error answer.
fn error_body(code: &str, message: &str) -> serde_json::Value {
    json!({"error": {"code": code, "message": message}})
}

fn lang_of(headers: &HeaderMap, default: Language) -> Language {
    match headers
        .get("accept-language")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim_start().get(..2).unwrap_or("").to_ascii_lowercase())
    {
        Some(l) if l == "nl" => Language::Nl,
        Some(l) if l == "en" => Language::En,
        _ => default,
    }
}

/// Compares in time independent of where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The language of a request's messages, once its token is checked (the
/// 401 to answer otherwise).
fn begin(s: &AppState, headers: &HeaderMap) -> Result<Language, Box<Response>> {
    let lang = lang_of(headers, s.lang);
    authorise(s, headers, lang)?;
    Ok(lang)
}

/// 400, saying what is wrong with the request.
fn bad_request(lang: Language, what: &str) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "bad-request",
        bad_request_message(lang, what),
    )
}

/// The message of a 400 that says `what` is wrong.
fn bad_request_message(lang: Language, what: &str) -> String {
    fill(lang, i18n::H_BAD_REQUEST, &[("err", what)])
}

/// The names of `items`, for a person: "push, in-app, email".
fn names<T>(items: &[T], name: impl Fn(&T) -> &'static str) -> String {
    items.iter().map(name).collect::<Vec<_>>().join(", ")
}

/// The token of an `Authorization: Bearer <token>` header. The scheme's
/// name is case-insensitive (RFC 9110), so `bearer` and `BEARER` do too.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once([' ', '\t'])?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

fn authorise(s: &AppState, headers: &HeaderMap, lang: Language) -> Result<(), Box<Response>> {
    let given = bearer(headers);
    match given {
        Some(t) if same(t.as_bytes(), &s.token) => Ok(()),
        _ => Err(Box::new(error(
            StatusCode::UNAUTHORIZED,
            "unauthorised",
            i18n::H_UNAUTHORISED.get(lang).into(),
        ))),
    }
}

async fn not_found(State(s): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers, s.lang);
    error(
        StatusCode::NOT_FOUND,
        "not-found",
        i18n::H_NOT_FOUND.get(lang).into(),
    )
}

/// 405 for a method an address does not take, with `Allow` naming the
/// ones it does.
async fn not_allowed(
    State(s): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers, s.lang);
    let path = uri.path();
    let allowed: &[&str] = ROUTES
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(&[], |(_, m)| *m);
    let mut r = error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        not_allowed_message(lang, path, method.as_str(), allowed),
    );
    if let Ok(v) = HeaderValue::from_str(&allowed.join(", ")) {
        r.headers_mut().insert(header::ALLOW, v);
    }
    r
}

/// What a 405 says: `path` does not take `method`, only `allowed`.
fn not_allowed_message(lang: Language, path: &str, method: &str, allowed: &[&str]) -> String {
    let or = match lang {
        Language::Nl => " of ",
        Language::En => " or ",
    };
    fill(
        lang,
        i18n::H_NOT_ALLOWED,
        &[
            ("path", &clean(path)),
            ("method", &clean(method)),
            ("allowed", &allowed.join(or)),
        ],
    )
}

async fn post_file(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let lang = match begin(&s, &headers) {
        Ok(lang) => lang,
        Err(r) => return *r,
    };
    let body = match body {
        Ok(b) => b,
        Err(r) => return body_refused(lang, &r),
    };
    let org = s.org.clone();
    let result =
        tokio::task::spawn_blocking(move || org.import_bytes("http", body.to_vec(), Utc::now()))
            .await;
    match result {
        Ok(Ok(r)) => {
            let (outcome, customer) = match &r.outcome {
                Outcome::Accepted { customer, .. } => ("accepted", Some(customer.clone())),
                Outcome::AlreadyImported { customer, .. } => {
                    ("already-imported", Some(customer.clone()))
                }
                Outcome::Rejected { customer, .. } => ("rejected", customer.clone()),
            };
            let answer = match &r.outcome {
                Outcome::Rejected { reason, .. } => {
                    if let Some(m) = &s.service.metrics {
                        m.file(Via::Api, outcome, Some(reason.code()));
                    }
                    error(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        reason.code(),
                        reason.text(lang),
                    )
                }
                _ => {
                    if let Some(m) = &s.service.metrics {
                        m.file(Via::Api, outcome, None);
                    }
                    let status = match outcome {
                        "accepted" => StatusCode::CREATED,
                        _ => StatusCode::OK,
                    };
                    coded((status, Json(r)).into_response(), outcome)
                }
            };
            match customer {
                Some(c) => about(answer, &c),
                None => answer,
            }
        }
        Ok(Err(e)) => unavailable(s.lang, lang, "POST /v1/files", &e.to_string()),
        Err(e) => internal(s.lang, lang, "POST /v1/files", &e.to_string()),
    }
}

/// `POST /v1/inbox`: a file from a customer's own Regie, answered with a
/// signed receipt (see [`crate::inbox`]). No token: the signature is the
/// authentication.
async fn post_inbox(
    State(s): State<Arc<AppState>>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let lang = lang_of(&headers, s.lang);
    let Some(inbox) = &s.public.inbox else {
        return error(
            StatusCode::NOT_FOUND,
            "no-inbox",
            i18n::H_NO_INBOX.get(lang).into(),
        );
    };
    let body = match body {
        Ok(b) => b,
        Err(r) => return body_refused(lang, &r),
    };
    let ip = client.map_or(std::net::IpAddr::from([0, 0, 0, 0]), |c| c.0 .0);
    let metrics = s.service.metrics.as_deref();
    match inbox.take(body.to_vec(), ip, lang).await {
        crate::inbox::Answer::Receipt {
            status,
            bytes,
            outcome,
            code,
            customer,
        } => {
            if let Some(m) = metrics {
                m.file(Via::Inbox, outcome, code.as_deref());
            }
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let r = (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response();
            let r = coded(r, code.as_deref().unwrap_or(outcome));
            match customer {
                Some(c) => about(r, &c),
                None => r,
            }
        }
        crate::inbox::Answer::Refused {
            status,
            code,
            message,
            retry_after,
        } => {
            // A file that names no key: rejected, without a receipt.
            if let (Some(m), 422) = (metrics, status) {
                m.file(Via::Inbox, "rejected", Some(&code));
            }
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut r = error(status, &code, message);
            if let Some(wait) = retry_after {
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs()));
            }
            r
        }
    }
}

/// `GET /.well-known/regie-declaration`: the newest signed declaration
/// (see [`crate::inbox::published`]).
async fn get_declaration(State(s): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers, s.lang);
    let Some(published) = s.public.declaration.clone() else {
        return error(
            StatusCode::NOT_FOUND,
            "no-declaration",
            i18n::H_NO_DECLARATION.get(lang).into(),
        );
    };
    match tokio::task::spawn_blocking(move || published.bytes()).await {
        Ok(bytes) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/json"),
                // Read again each time, so that a key change reaches
                // everyone who asks.
                (header::CACHE_CONTROL, "no-cache"),
            ],
            bytes.as_ref().clone(),
        )
            .into_response(),
        Err(e) => internal(s.lang, lang, crate::inbox::published::PATH, &e.to_string()),
    }
}

/// 413 (saying the limit, never a size: the rest of a body that is too
/// large is not read) or 400 for a body that could not be read.
fn body_refused(lang: Language, r: &BytesRejection) -> Response {
    if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            fill(lang, i18n::H_TOO_LARGE, &[("max", &MAX_BODY.to_string())]),
        )
    } else {
        bad_request(lang, i18n::H_BODY_UNREADABLE.get(lang))
    }
}

/// The query of `GET /v1/check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckQuery {
    /// The customer reference.
    pub customer: String,
    /// The channel (`push`, `email`, ...).
    pub channel: String,
    /// The kind (`marketing`, `service`, ...).
    pub kind: String,
    /// When (RFC 3339); now if absent.
    pub at: Option<String>,
}

/// Parses a channel name.
pub fn parse_channel(s: &str) -> Option<Channel> {
    Channel::ALL.into_iter().find(|c| c.as_str() == s)
}

/// Parses a kind of message.
pub fn parse_kind(s: &str) -> Option<MessageKind> {
    MessageKind::ALL.into_iter().find(|c| c.as_str() == s)
}

/// Parses a time in RFC 3339.
pub fn parse_at(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Parses a DPV purpose: `dpv:Name` or its full IRI.
pub fn parse_purpose(s: &str) -> Option<Purpose> {
    Purpose::parse(s)
}

/// Parses a DPV data category: `pd:Name` or its full IRI.
pub fn parse_category(s: &str) -> Option<DataCategory> {
    DataCategory::parse(s)
}

/// The time a request is about: now, or a time within
/// [`crate::check::WINDOW`] of now; else the error to answer.
fn request_time(at: Option<&str>, lang: Language) -> Result<DateTime<Utc>, String> {
    let now = Utc::now();
    let Some(a) = at else {
        return Ok(now);
    };
    let value = [("value", &*clean(a))];
    match parse_at(a) {
        None => Err(fill(lang, i18n::E_BAD_TIME, &value)),
        Some(t) if !crate::check::within_window(t, now) => {
            Err(fill(lang, i18n::E_AT_WINDOW, &value))
        }
        Some(t) => Ok(t),
    }
}

/// A handler's answer, or the error to answer instead.
type Answer<T> = Result<T, Box<Response>>;

/// The answer either way.
fn either(r: Answer<Response>) -> Response {
    r.unwrap_or_else(|e| *e)
}

/// A query's parameters, or a body's fields: the names an address takes,
/// required or not.
struct Fields {
    /// The address they are given at.
    path: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
    /// What to say of one that is missing, and of one that is unknown:
    /// a query has parameters, a body fields.
    missing: Text,
    unknown: Text,
}

impl Fields {
    /// The names, for a person: "customer, channel, kind and at".
    fn list(lang: Language, names: &[&str]) -> String {
        let and = match lang {
            Language::Nl => " en ",
            Language::En => " and ",
        };
        match names {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
        }
    }

    fn all(&self) -> Vec<&'static str> {
        self.required.iter().chain(self.optional).copied().collect()
    }

    /// The value of each name in order of [`Fields::all`], or 400 naming
    /// the first parameter that is unknown, given twice, or missing.
    fn take(&self, lang: Language, given: Vec<(String, String)>) -> Answer<Vec<Option<String>>> {
        self.values(lang, given)
            .map_err(|what| Box::new(bad_request(lang, &what)))
    }

    /// [`Fields::take`], with what is wrong in words instead of the 400.
    fn values(
        &self,
        lang: Language,
        given: Vec<(String, String)>,
    ) -> Result<Vec<Option<String>>, String> {
        let all = self.all();
        let mut values: Vec<Option<String>> = vec![None; all.len()];
        let name = |n: &str| clean(n).into_owned();
        for (k, v) in given {
            let Some(i) = all.iter().position(|a| *a == k) else {
                return Err(fill(
                    lang,
                    self.unknown,
                    &[
                        ("name", &name(&k)),
                        ("path", self.path),
                        ("known", &Fields::list(lang, &all)),
                    ],
                ));
            };
            if values[i].replace(v).is_some() {
                return Err(fill(lang, i18n::H_PARAM_TWICE, &[("name", &name(&k))]));
            }
        }
        if let Some(missing) = self.required.iter().zip(&values).find(|(_, v)| v.is_none()) {
            return Err(fill(
                lang,
                self.missing,
                &[
                    ("name", missing.0),
                    ("path", self.path),
                    ("required", &Fields::list(lang, self.required)),
                ],
            ));
        }
        Ok(values)
    }
}

/// The query's parameters as [`Fields::take`] gives them, or 400 saying
/// what is wrong with it.
fn query(
    lang: Language,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
    fields: &Fields,
) -> Answer<Vec<Option<String>>> {
    let Query(given) =
        q.map_err(|_| Box::new(bad_request(lang, i18n::H_QUERY_UNREADABLE.get(lang))))?;
    fields.take(lang, given)
}

/// A message's channel, kind and time, or 400 saying which is wrong.
fn message(
    lang: Language,
    channel: &str,
    kind: &str,
    at: Option<&str>,
) -> Answer<(Channel, MessageKind, DateTime<Utc>)> {
    message_values(lang, channel, kind, at).map_err(|what| Box::new(bad_request(lang, &what)))
}

/// [`message`], with what is wrong in words instead of the 400.
fn message_values(
    lang: Language,
    channel: &str,
    kind: &str,
    at: Option<&str>,
) -> Result<(Channel, MessageKind, DateTime<Utc>), String> {
    let c = parse_channel(channel).ok_or_else(|| {
        let values = names(&Channel::ALL, |c| c.as_str());
        fill(
            lang,
            i18n::H_BAD_CHANNEL,
            &[("value", &clean(channel)), ("values", &values)],
        )
    })?;
    let k = parse_kind(kind).ok_or_else(|| {
        let values = names(&MessageKind::ALL, |k| k.as_str());
        fill(
            lang,
            i18n::H_BAD_KIND,
            &[("value", &clean(kind)), ("values", &values)],
        )
    })?;
    let at = request_time(at, lang)?;
    Ok((c, k, at))
}

/// The purpose and category of a use check, or what is wrong with them.
fn use_terms(
    lang: Language,
    purpose: &str,
    category: Option<&str>,
) -> Result<(Purpose, Option<DataCategory>), String> {
    let bad = |t, v: &str| fill(lang, t, &[("value", &clean(v))]);
    let purpose = parse_purpose(purpose).ok_or_else(|| bad(i18n::E_BAD_PURPOSE, purpose))?;
    let category = match category {
        None => None,
        Some(c) => Some(parse_category(c).ok_or_else(|| bad(i18n::E_BAD_CATEGORY, c))?),
    };
    Ok((purpose, category))
}

/// The parameters of `GET /v1/check`.
const CHECK: Fields = Fields {
    path: "/v1/check",
    required: &["customer", "channel", "kind"],
    optional: &["at"],
    missing: i18n::H_PARAM_MISSING,
    unknown: i18n::H_PARAM_UNKNOWN,
};

impl CheckQuery {
    fn from(v: Vec<Option<String>>) -> Self {
        let mut v = v.into_iter();
        let mut next = || v.next().flatten();
        CheckQuery {
            customer: next().unwrap_or_default(),
            channel: next().unwrap_or_default(),
            kind: next().unwrap_or_default(),
            at: next(),
        }
    }
}

async fn get_check(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    either((|| {
        let lang = begin(&s, &headers)?;
        let q = CheckQuery::from(query(lang, q, &CHECK)?);
        let (channel, kind, at) = message(lang, &q.channel, &q.kind, q.at.as_deref())?;
        let d = match s.org.check_cached(&q.customer, channel, kind, at) {
            Some(d) => d,
            None => tokio::task::block_in_place(|| s.org.check(&q.customer, channel, kind, at)),
        };
        if let Some(m) = &s.service.metrics {
            m.check(CheckKind::Send, d.allowed);
        }
        let r = about(
            Json(d.to_json(check_facts(&q.customer, channel, kind, at), lang)).into_response(),
            &q.customer,
        );
        Ok(r)
    })())
}

/// The query of `GET /v1/check-use`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckUseQuery {
    /// The customer reference.
    pub customer: String,
    /// The purpose: `dpv:Name` or its IRI.
    pub purpose: String,
    /// The data category: `pd:Name` or its IRI; any if absent.
    pub category: Option<String>,
}

/// The parameters of `GET /v1/check-use`.
const CHECK_USE: Fields = Fields {
    path: "/v1/check-use",
    required: &["customer", "purpose"],
    optional: &["category"],
    missing: i18n::H_PARAM_MISSING,
    unknown: i18n::H_PARAM_UNKNOWN,
};

impl CheckUseQuery {
    fn from(v: Vec<Option<String>>) -> Self {
        let mut v = v.into_iter();
        let mut next = || v.next().flatten();
        CheckUseQuery {
            customer: next().unwrap_or_default(),
            purpose: next().unwrap_or_default(),
            category: next(),
        }
    }
}

async fn get_check_use(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    either((|| {
        let lang = begin(&s, &headers)?;
        let q = CheckUseQuery::from(query(lang, q, &CHECK_USE)?);
        let (purpose, category) = use_terms(lang, &q.purpose, q.category.as_deref())
            .map_err(|what| Box::new(bad_request(lang, &what)))?;
        let d = tokio::task::block_in_place(|| {
            s.org.check_use(&q.customer, &purpose, category.as_ref())
        });
        if let Some(m) = &s.service.metrics {
            m.check(CheckKind::Use, d.allowed);
        }
        let facts = json!({"customer": q.customer, "purpose": purpose.iri(),
                           "category": category.as_ref().map(|c| c.iri())});
        Ok(about(
            Json(d.to_json(facts, lang)).into_response(),
            &q.customer,
        ))
    })())
}

/// The body of `POST /v1/sends`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendBody {
    /// The customer reference.
    pub customer: String,
    /// The channel it went out on.
    pub channel: String,
    /// The kind of message.
    pub kind: String,
    /// When (RFC 3339, within 7 days of now); now if absent.
    pub at: Option<String>,
}

/// The fields of `POST /v1/sends`.
const SEND: Fields = Fields {
    path: "/v1/sends",
    required: &["customer", "channel", "kind"],
    optional: &["at"],
    missing: i18n::H_FIELD_MISSING,
    unknown: i18n::H_FIELD_UNKNOWN,
};

impl SendBody {
    /// The body, or 400 saying in words what is wrong with it (not JSON,
    /// a field missing, unknown or not text).
    fn read(lang: Language, body: &[u8]) -> Answer<SendBody> {
        SendBody::parse(lang, body).map_err(|what| Box::new(bad_request(lang, &what)))
    }

    /// [`SendBody::read`], with what is wrong in words instead of the 400.
    fn parse(lang: Language, body: &[u8]) -> Result<SendBody, String> {
        let Ok(serde_json::Value::Object(fields)) = serde_json::from_slice(body) else {
            return Err(i18n::H_BODY_NOT_OBJECT.get(lang).into());
        };
        let mut given = Vec::with_capacity(fields.len());
        for (k, v) in fields {
            match v {
                serde_json::Value::String(v) => given.push((k, v)),
                // An absent time may be written as null.
                serde_json::Value::Null if k == "at" => {}
                _ if !SEND.all().contains(&k.as_str()) => given.push((k, String::new())),
                _ => return Err(fill(lang, i18n::H_FIELD_NOT_TEXT, &[("name", &clean(&k))])),
            }
        }
        let mut v = SEND.values(lang, given)?.into_iter();
        let mut next = || v.next().flatten();
        Ok(SendBody {
            customer: next().unwrap_or_default(),
            channel: next().unwrap_or_default(),
            kind: next().unwrap_or_default(),
            at: next(),
        })
    }
}

async fn post_send(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let lang = match begin(&s, &headers) {
        Ok(lang) => lang,
        Err(r) => return *r,
    };
    let b = match body {
        Ok(b) => match SendBody::read(lang, &b) {
            Ok(b) => b,
            Err(r) => return *r,
        },
        Err(r) => return body_refused(lang, &r),
    };
    let (channel, kind, at) = match message(lang, &b.channel, &b.kind, b.at.as_deref()) {
        Ok(m) => m,
        Err(r) => return *r,
    };
    let org = s.org.clone();
    let customer = b.customer.clone();
    let result = tokio::task::spawn_blocking(move || {
        if !org.store().has_customer(&customer)? {
            return Ok(false);
        }
        org.record_send(&customer, Sent { at, channel, kind })
            .map(|()| true)
    })
    .await;
    let answer = match result {
        Ok(Ok(true)) => (
            StatusCode::CREATED,
            Json(
                json!({"recorded": true, "customer": b.customer, "channel": channel,
                        "kind": kind, "at": crate::store::fmt_time(at)}),
            ),
        )
            .into_response(),
        Ok(Ok(false)) => error(
            StatusCode::NOT_FOUND,
            "unknown-customer",
            fill(
                lang,
                i18n::E_UNKNOWN_CUSTOMER,
                &[("customer", &clean(&b.customer))],
            ),
        ),
        Ok(Err(e)) => unavailable(s.lang, lang, "POST /v1/sends", &e.to_string()),
        Err(e) => internal(s.lang, lang, "POST /v1/sends", &e.to_string()),
    };
    about(answer, &b.customer)
}

/// What a check's answer repeats of the question.
fn check_facts(
    customer: &str,
    channel: Channel,
    kind: MessageKind,
    at: DateTime<Utc>,
) -> serde_json::Value {
    json!({"customer": customer, "channel": channel, "kind": kind,
           "at": crate::store::fmt_time(at)})
}

/// `GET /healthz`: 200 `{"status":"ok"}` when the database answers, else
/// 503 with the reason (see [`health`]).
async fn get_healthz(State(s): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers, s.lang);
    let (org, health, operator) = (s.org.clone(), s.service.health.clone(), s.lang);
    let checked = tokio::task::spawn_blocking(move || health.check(&org, operator)).await;
    let mut r = match checked {
        Ok(Ok(())) => (StatusCode::OK, Json(json!({"status": "ok"}))).into_response(),
        Ok(Err(p)) => health_refusal(&p, lang),
        Err(e) => internal(s.lang, lang, "GET /healthz", &e.to_string()),
    };
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The 503 of `GET /healthz` for `p`.
fn health_refusal(p: &health::Problem, lang: Language) -> Response {
    let code = p.code();
    let r = (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({"status": "unavailable",
                    "error": {"code": code, "message": p.text().get(lang)}})),
    )
        .into_response();
    coded(r, code)
}

/// `GET /metrics`: the counts in the Prometheus text format (see
/// [`crate::metrics`]), with the API's token or the metrics token.
async fn get_metrics(State(s): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers, s.lang);
    let given = bearer(&headers).map(str::as_bytes);
    let metrics_token = s.service.metrics_token.as_deref().map(str::as_bytes);
    let allowed =
        given.is_some_and(|g| same(g, &s.token) || metrics_token.is_some_and(|m| same(g, m)));
    if !allowed {
        return error(
            StatusCode::UNAUTHORIZED,
            "unauthorised",
            i18n::H_UNAUTHORISED.get(lang).into(),
        );
    }
    let Some(m) = &s.service.metrics else {
        return error(
            StatusCode::NOT_FOUND,
            "no-metrics",
            i18n::H_NO_METRICS.get(lang).into(),
        );
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE),
            (header::CACHE_CONTROL, "no-store"),
        ],
        m.render(s.org.import_lag()),
    )
        .into_response()
}

/// `GET /openapi.json`: the API's description (see [`openapi`]), in the
/// language asked for.
async fn get_openapi(State(s): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers, s.lang);
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        openapi::json(lang),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value taken from a request (a path, a database message quoting
    /// it) cannot start a new log line or send terminal escapes.
    #[test]
    fn log_lines_cannot_be_forged_with_control_characters() {
        assert_eq!(
            clean("GET /a\nregie-org: forged\r\u{1b}[2J\tok é"),
            "GET /a\\u{000A}regie-org: forged\\u{000D}\\u{001B}[2J\\u{0009}ok é"
        );
    }
}
