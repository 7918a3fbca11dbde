//! The server's log on stderr: lines for a person (the default), or one
//! JSON object a line for a log pipeline (`--log-format json`,
//! `REGIE_LOG_FORMAT=json`).
//!
//! Both formats log the same events for the operator (a store that
//! failed, an answer that took too long, an inbox that hit a limit), in
//! the operator's language. JSON adds a line for every request answered
//! (`"event":"request"`): a person reading a terminal would drown in
//! them, a pipeline counts and filters them.
//!
//! **What a line may hold.** The time, the level, the event, the route
//! (one of the API's paths, or `other`: never the path a client sent),
//! the method, the status, the duration, the answer's code, and the
//! customer reference where the request named one after its token was
//! checked: the reference is the organisation's own name for its
//! customer and what an operator looks things up by. Never a `did:key`
//! (a customer's key identifies them across the organisation's records;
//! a key quoted in a database's error text is cut out of any line, see
//! [`scrub`]), a token, or a file's content.
//!
//! **The client's address** is logged only with an answer an operator may
//! act on by address: 401 (a client without the right token) and 429 (a
//! client past a rate), as the inbox's limits count it (an IPv4 address,
//! or an IPv6 /64). Otherwise it is left out: the inbox's clients are the
//! customers' own devices, whose addresses are personal data, and a
//! request that was served needs no address to be understood.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};

use chrono::{SecondsFormat, Utc};
use regie_model::{Language, Text};
use serde_json::json;

use crate::i18n::fill;
use crate::text::clean;

/// How the server writes its log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// A line of text per event, for a person.
    #[default]
    Text,
    /// A JSON object per line, and a line per request.
    Json,
}

static FORMAT: AtomicU8 = AtomicU8::new(0);

/// Sets the format of every log line this process writes from now on
/// (`regie-org serve` does, once, at start).
pub fn set_format(f: LogFormat) {
    FORMAT.store(
        match f {
            LogFormat::Text => 0,
            LogFormat::Json => 1,
        },
        Ordering::Relaxed,
    );
}

/// The format in use.
pub fn format() -> LogFormat {
    match FORMAT.load(Ordering::Relaxed) {
        1 => LogFormat::Json,
        _ => LogFormat::Text,
    }
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// How serious an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Routine: a request answered.
    Info,
    /// Something the operator should know of: a limit reached, a file
    /// that is not served.
    Warn,
    /// Something failed: the store, the server itself.
    Error,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

/// Writes an event for the operator: `t` in `lang`, filled with `vars`,
/// with control characters escaped and keys cut out. In JSON, `event` is
/// its stable name.
pub fn event(level: Level, event: &str, lang: Language, t: Text, vars: &[(&str, &str)]) {
    let message = scrub(&clean(&fill(lang, t, vars)));
    match format() {
        LogFormat::Text => eprintln!("{} {message}", now()),
        LogFormat::Json => eprintln!(
            "{}",
            json!({"time": now(), "level": level.as_str(), "event": event, "message": message})
        ),
    }
}

/// Writes a line about the server itself (listening, stopped): in text
/// as the sentence alone, as it always was; in JSON with `event` and the
/// `facts` as fields of their own.
pub fn notice(event: &str, message: &str, facts: &[(&str, &str)]) {
    match format() {
        LogFormat::Text => eprintln!("{message}"),
        LogFormat::Json => {
            let mut v = json!({"time": now(), "level": "info", "event": event,
                               "message": scrub(&clean(message))});
            for (k, value) in facts {
                v[*k] = json!(scrub(&clean(value)));
            }
            eprintln!("{v}");
        }
    }
}

/// What a request's log line says about it.
#[derive(Debug, Clone, Default)]
pub struct RequestLine<'a> {
    /// The method, if it is one HTTP defines.
    pub method: &'a str,
    /// The route (see the module documentation).
    pub route: &'a str,
    /// The HTTP status.
    pub status: u16,
    /// From the request's headers to its answer.
    pub duration: std::time::Duration,
    /// The answer's code: an error's, or a file's outcome.
    pub code: Option<&'a str>,
    /// The customer reference, where the request named one.
    pub customer: Option<&'a str>,
    /// The client's address (see the module documentation).
    pub client: Option<&'a str>,
}

/// Writes a request's line (JSON only; see the module documentation).
pub fn request(r: &RequestLine<'_>) {
    if format() != LogFormat::Json {
        return;
    }
    let mut v = json!({
        "time": now(),
        "level": if r.status >= 500 { "error" } else { "info" },
        "event": "request",
        "method": r.method,
        "route": r.route,
        "status": r.status,
        "duration_ms": (r.duration.as_secs_f64() * 1e6).round() / 1e3,
    });
    let mut add = |k: &str, value: Option<&str>| {
        if let Some(value) = value {
            v[k] = json!(scrub(&clean(value)));
        }
    };
    add("code", r.code);
    add("customer", r.customer);
    add("client", r.client);
    eprintln!("{v}");
}

/// `s` with every `did:key:` identifier cut to its prefix, so that no
/// customer's key reaches a log line through a text that quotes one (a
/// database's error, a rejection's detail).
pub fn scrub(s: &str) -> String {
    const PREFIX: &str = "did:key:";
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(PREFIX) {
        let after = &rest[i + PREFIX.len()..];
        let end = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        let _ = write!(out, "{}{PREFIX}…", &rest[..i]);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_cut_out_of_log_text() {
        assert_eq!(
            scrub("Key (did)=(did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK) exists; did:key:"),
            "Key (did)=(did:key:…) exists; did:key:…"
        );
        assert_eq!(scrub("no key here"), "no key here");
    }
}
