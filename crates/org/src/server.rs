//! The HTTP API: `POST /v1/files` takes a preference file, `GET /v1/check`
//! answers a check. Both need the bearer token. Errors are JSON,
//! `{"error":{"code","message"}}`; programs switch on the code.
//!
//! Imports and cache misses touch the store, which is blocking I/O, so they
//! run on tokio's blocking threads; a warm check never leaves memory.

use std::future::Future;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use regie_model::{Channel, Language, MessageKind};
use serde::Deserialize;
use serde_json::json;

use crate::i18n::{self, fill};
use crate::{Org, Outcome};

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
        .fallback(not_found)
        .method_not_allowed_fallback(not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    org: Arc<Org>,
    listener: tokio::net::TcpListener,
    token: &str,
    lang: Language,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(org, token, lang))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
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
    let lang = lang_of(&headers, s.lang);
    if let Err(r) = authorise(&s, &headers, lang) {
        return *r;
    }
    let body = match body {
        Ok(b) => b,
        Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                fill(lang, i18n::H_TOO_LARGE, &[("max", &MAX_BODY.to_string())]),
            )
        }
        Err(r) => {
            return error(
                StatusCode::BAD_REQUEST,
                "bad-request",
                fill(lang, i18n::H_BAD_REQUEST, &[("err", &r.body_text())]),
            )
        }
    };
    let org = s.org.clone();
    let result =
        tokio::task::spawn_blocking(move || org.import_bytes("http", body.to_vec(), Utc::now()))
            .await;
    match result {
        Ok(Ok(r)) => match &r.outcome {
            Outcome::Rejected { code, message, .. } => error(
                StatusCode::UNPROCESSABLE_ENTITY,
                code,
                crate::reject_text(lang, code, message),
            ),
            Outcome::Accepted { .. } => (StatusCode::CREATED, Json(r)).into_response(),
            _ => (StatusCode::OK, Json(r)).into_response(),
        },
        Ok(Err(e)) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "store-unavailable",
            fill(lang, i18n::H_UNAVAILABLE, &[("err", &e.to_string())]),
        ),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            fill(lang, i18n::H_UNAVAILABLE, &[("err", &e.to_string())]),
        ),
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

async fn get_check(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Result<Query<CheckQuery>, QueryRejection>,
) -> Response {
    let lang = lang_of(&headers, s.lang);
    if let Err(r) = authorise(&s, &headers, lang) {
        return *r;
    }
    let bad = |what: String| {
        error(
            StatusCode::BAD_REQUEST,
            "bad-request",
            fill(lang, i18n::H_BAD_REQUEST, &[("err", &what)]),
        )
    };
    let Query(q) = match q {
        Ok(q) => q,
        Err(r) => return bad(r.body_text()),
    };
    let Some(channel) = parse_channel(&q.channel) else {
        return bad(format!("channel '{}'", q.channel));
    };
    let Some(kind) = parse_kind(&q.kind) else {
        return bad(format!("kind '{}'", q.kind));
    };
    let at = match q.at.as_deref() {
        None => Utc::now(),
        Some(a) => match parse_at(a) {
            Some(t) => t,
            None => return bad(fill(lang, i18n::E_BAD_TIME, &[("value", a)])),
        },
    };
    let d = match s.org.check_cached(&q.customer, channel, kind, at) {
        Some(d) => d,
        None => tokio::task::block_in_place(|| s.org.check(&q.customer, channel, kind, at)),
    };
    Json(json!({
        "customer": q.customer,
        "channel": channel,
        "kind": kind,
        "at": crate::store::fmt_time(at),
        "allowed": d.allowed,
        "reason": {"code": d.reason.code(), "message": d.reason.message(lang)},
    }))
    .into_response()
}
