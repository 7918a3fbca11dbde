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
//! is what the API answers.

mod conn;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, SecondsFormat, Utc};
use regie_model::{Channel, Language, MessageKind, Text};
use serde::Deserialize;
use serde_json::json;

use crate::check::{Sent, Verdict};
use crate::i18n::{self, fill};
use crate::text::clean;
use crate::{Org, Outcome};
use regie_prefs::{DataCategory, Purpose};

pub use conn::{
    bind, serve, serve_with, shutdown_signal, ServeOptions, BACKLOG, DEFAULT_MAX_CONNECTIONS,
};

/// The largest request body accepted: a preference file is at most 64 KiB.
pub const MAX_BODY: usize = regie_prefs::json::MAX_INPUT_BYTES;

struct AppState {
    org: Arc<Org>,
    token: Vec<u8>,
    lang: Language,
}

/// Builds the router. `token` is the bearer token every request needs;
/// `lang` is the language of messages when a request does not ask for one
/// (`Accept-Language: nl` or `en`).
pub fn router(org: Arc<Org>, token: &str, lang: Language) -> Router {
    let state = Arc::new(AppState {
        org,
        token: token.as_bytes().to_vec(),
        lang,
    });
    Router::new()
        .route("/v1/files", post(post_file))
        .route("/v1/check", get(get_check))
        .route("/v1/check-use", get(get_check_use))
        .route("/v1/sends", post(post_send))
        .fallback(not_found)
        .method_not_allowed_fallback(not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Writes a line for the operator to stderr, in `lang`, with the time in
/// front and control characters escaped.
fn log(lang: Language, t: Text, vars: &[(&str, &str)]) {
    let line = fill(lang, t, vars);
    eprintln!(
        "{} {}",
        Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
        clean(&line)
    );
}

/// 503 for a store that failed: plain words for the client, the detail
/// for the operator.
fn unavailable(operator: Language, lang: Language, what: &str, detail: &str) -> Response {
    log(
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
    (
        status,
        Json(json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
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
        fill(lang, i18n::H_BAD_REQUEST, &[("err", what)]),
    )
}

fn authorise(s: &AppState, headers: &HeaderMap, lang: Language) -> Result<(), Box<Response>> {
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
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

async fn not_allowed(State(s): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers, s.lang);
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        i18n::H_NOT_FOUND.get(lang).into(),
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
        Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                fill(lang, i18n::H_TOO_LARGE, &[("max", &MAX_BODY.to_string())]),
            )
        }
        Err(r) => return bad_request(lang, &r.body_text()),
    };
    let org = s.org.clone();
    let result =
        tokio::task::spawn_blocking(move || org.import_bytes("http", body.to_vec(), Utc::now()))
            .await;
    match result {
        Ok(Ok(r)) => match &r.outcome {
            Outcome::Rejected { reason, .. } => error(
                StatusCode::UNPROCESSABLE_ENTITY,
                reason.code(),
                reason.text(lang),
            ),
            Outcome::Accepted { .. } => (StatusCode::CREATED, Json(r)).into_response(),
            _ => (StatusCode::OK, Json(r)).into_response(),
        },
        Ok(Err(e)) => unavailable(s.lang, lang, "POST /v1/files", &e.to_string()),
        Err(e) => internal(s.lang, lang, "POST /v1/files", &e.to_string()),
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

/// The query, or 400 saying what is wrong with it.
fn query<T>(lang: Language, q: Result<Query<T>, QueryRejection>) -> Answer<T> {
    q.map(|Query(q)| q)
        .map_err(|r| Box::new(bad_request(lang, &r.body_text())))
}

/// A message's channel, kind and time, or 400 saying which is wrong.
fn message(
    lang: Language,
    channel: &str,
    kind: &str,
    at: Option<&str>,
) -> Answer<(Channel, MessageKind, DateTime<Utc>)> {
    let bad = |what: String| Box::new(bad_request(lang, &what));
    let c = parse_channel(channel).ok_or_else(|| bad(format!("channel '{}'", clean(channel))))?;
    let k = parse_kind(kind).ok_or_else(|| bad(format!("kind '{}'", clean(kind))))?;
    let at = request_time(at, lang).map_err(bad)?;
    Ok((c, k, at))
}

async fn get_check(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<CheckQuery>, QueryRejection>,
) -> Response {
    either((|| {
        let lang = begin(&s, &headers)?;
        let q = query(lang, q)?;
        let (channel, kind, at) = message(lang, &q.channel, &q.kind, q.at.as_deref())?;
        let d = match s.org.check_cached(&q.customer, channel, kind, at) {
            Some(d) => d,
            None => tokio::task::block_in_place(|| s.org.check(&q.customer, channel, kind, at)),
        };
        let facts = json!({"customer": q.customer, "channel": channel, "kind": kind,
                           "at": crate::store::fmt_time(at)});
        Ok(Json(d.to_json(facts, lang)).into_response())
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

async fn get_check_use(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<CheckUseQuery>, QueryRejection>,
) -> Response {
    either((|| {
        let lang = begin(&s, &headers)?;
        let q = query(lang, q)?;
        let bad = |t, v: &str| Box::new(bad_request(lang, &fill(lang, t, &[("value", &clean(v))])));
        let purpose =
            parse_purpose(&q.purpose).ok_or_else(|| bad(i18n::E_BAD_PURPOSE, &q.purpose))?;
        let category = match q.category.as_deref() {
            None => None,
            Some(c) => Some(parse_category(c).ok_or_else(|| bad(i18n::E_BAD_CATEGORY, c))?),
        };
        let d = tokio::task::block_in_place(|| {
            s.org.check_use(&q.customer, &purpose, category.as_ref())
        });
        let facts = json!({"customer": q.customer, "purpose": purpose.iri(),
                           "category": category.as_ref().map(|c| c.iri())});
        Ok(Json(d.to_json(facts, lang)).into_response())
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

async fn post_send(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let lang = match begin(&s, &headers) {
        Ok(lang) => lang,
        Err(r) => return *r,
    };
    let b: SendBody = match body
        .map_err(|r| r.body_text())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| clean(&e.to_string()).into_owned()))
    {
        Ok(b) => b,
        Err(e) => return bad_request(lang, &e),
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
    match result {
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
    }
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
