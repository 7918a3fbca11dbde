//! `regie-org serve`: the HTTP API, until SIGTERM or Ctrl-C, with the
//! inbox and the declaration when it has a receipt key, over HTTPS when
//! it has a certificate; and `regie-org token`: a new token for it.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use regie_model::Language;
use regie_org::i18n::{self, fill};
use regie_org::server::token;
use regie_org::text;
use serde_json::json;

use super::open;
use crate::cli::args::Cli;
use crate::cli::exit;
use crate::cli::failure::{fail, io_failure, store_failure, Failure};

/// What `serve` is given for delivery: the receipt key (and so the
/// inbox), the declaration, the certificate, and the inbox's rates.
pub struct Delivery<'a> {
    pub key_file: Option<&'a Path>,
    pub declaration: Option<&'a Path>,
    pub tls: Option<(&'a Path, &'a Path)>,
    pub per_address: u32,
    pub per_key: u32,
}

/// What `serve` is given for running as a service: the log's format and
/// the metrics.
pub struct Running<'a> {
    pub json_log: bool,
    pub metrics: bool,
    pub metrics_token_file: Option<&'a Path>,
}

/// The token in `file`, if it is strong enough (see [`token`]).
fn read_token(lang: Language, file: &Path) -> Result<String, Failure> {
    let path = text::path(file);
    let token = std::fs::read_to_string(file)
        .map_err(|e| io_failure(lang, i18n::E_TOKEN, &[("path", &path)], &e))?
        .trim()
        .to_owned();
    if token.is_empty() {
        return Err(fail(
            exit::IO,
            "token-empty",
            fill(lang, i18n::E_TOKEN_EMPTY, &[("path", &path)]),
        ));
    }
    let bits = token::estimated_bits(&token);
    if bits < token::MIN_BITS {
        return Err(fail(
            exit::IO,
            "token-weak",
            i18n::fill_n(
                lang,
                i18n::E_TOKEN_WEAK,
                f64::from(bits),
                &[("path", &path), ("min", &token::MIN_BITS.to_string())],
            ),
        ));
    }
    Ok(token)
}

/// Serves until stopped; exit 0 after a graceful stop. Everything that can
/// be refused is checked first (the tokens, the key, the certificate, then
/// the address), so that a server that cannot start has not touched the
/// database.
pub fn run(
    cli: &Cli,
    lang: Language,
    listen: &str,
    token_file: &Path,
    max_connections: usize,
    delivery: &Delivery<'_>,
    running: &Running<'_>,
) -> Result<u8, Failure> {
    regie_org::server::logs::set_format(if running.json_log {
        regie_org::server::logs::LogFormat::Json
    } else {
        regie_org::server::logs::LogFormat::Text
    });
    let token = read_token(lang, token_file)?;
    let metrics_token = match running.metrics_token_file {
        None => None,
        Some(file) => {
            let t = read_token(lang, file)?;
            if t == token {
                return Err(fail(
                    exit::IO,
                    "metrics-token-same",
                    fill(
                        lang,
                        i18n::E_METRICS_TOKEN_SAME,
                        &[("path", &text::path(file))],
                    ),
                ));
            }
            Some(t)
        }
    };
    let key = delivery
        .key_file
        .map(|p| super::deliver::read_key(lang, p))
        .transpose()?;
    let tls = match delivery.tls {
        None => None,
        Some((cert, key)) => Some(regie_org::server::tls::server_config(cert, key).map_err(
            |e| {
                let (path, t) = match e {
                    regie_org::server::tls::TlsFileError::Key(_) => (key, i18n::E_TLS_KEY_FILE),
                    regie_org::server::tls::TlsFileError::Certificate(_) => {
                        (cert, i18n::E_TLS_CERT_FILE)
                    }
                    regie_org::server::tls::TlsFileError::Pair(_) => (cert, i18n::E_TLS_PAIR),
                };
                let said = match lang {
                    Language::En => text::clean(&e.to_string()).into_owned(),
                    Language::Nl => String::new(),
                };
                fail(
                    exit::IO,
                    e.code(),
                    fill(lang, t, &[("path", &text::path(path)), ("err", &said)]),
                )
            },
        )?),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| io_failure(lang, i18n::E_RUNTIME, &[], &e))?;
    let listener = rt
        .block_on(regie_org::server::bind(listen))
        .map_err(|e| io_failure(lang, i18n::E_LISTEN, &[("addr", &text::clean(listen))], &e))?;
    let org = Arc::new(open(cli, lang)?);
    let mut public = regie_org::server::Public::default();
    if let Some(key) = key {
        if let Some(path) = delivery.declaration {
            let published = regie_org::inbox::published::Published::open(
                path,
                org.config().id.clone(),
                *key.did(),
                lang,
            )
            .map_err(|e| {
                let (exit, code) = match e {
                    regie_org::inbox::published::PublishError::Io(_) => (exit::IO, "io"),
                    _ => (exit::INVALID, "declaration-refused"),
                };
                fail(
                    exit,
                    code,
                    fill(
                        lang,
                        i18n::E_DECL_NOT_SERVED,
                        &[("path", &text::path(path)), ("err", &e.message(lang))],
                    ),
                )
            })?;
            public.declaration = Some(Arc::new(published));
        }
        let fingerprint = key.did().fingerprint();
        let config = regie_org::inbox::InboxConfig {
            key,
            per_address: delivery.per_address,
            per_key: delivery.per_key,
            lang,
        };
        let inbox = regie_org::inbox::Inbox::start(org.clone(), config)
            .map_err(|e| io_failure(lang, i18n::E_RUNTIME, &[], &e))?;
        regie_org::server::logs::notice(
            "inbox-open",
            &fill(lang, i18n::INBOX_OPEN, &[("fingerprint", &fingerprint)]),
            &[],
        );
        public.inbox = Some(inbox);
    }
    // Loads every customer and follows other processes' writes.
    org.follow().map_err(|e| store_failure(lang, e))?;
    // The last handle on the organisation is dropped here, after the
    // runtime: PostgreSQL's synchronous client closes its connection with
    // a runtime of its own, which panics inside another one.
    let kept = org.clone();
    let served = rt.block_on(async {
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_else(|_| listen.to_owned());
        let stop = regie_org::server::shutdown_signal();
        let serving = if tls.is_some() {
            i18n::SERVING_TLS
        } else {
            i18n::SERVING
        };
        regie_org::server::logs::notice(
            "listening",
            &fill(lang, serving, &[("addr", &addr)]),
            &[("address", &addr)],
        );
        let options = regie_org::server::ServeOptions {
            max_connections,
            ..Default::default()
        };
        let service = regie_org::server::Service {
            metrics: running.metrics.then(|| {
                Arc::new(regie_org::metrics::Metrics::new(
                    &regie_org::server::route_paths(),
                ))
            }),
            metrics_token,
            health: Arc::new(regie_org::server::health::Health::new(
                regie_org::store::sqlite_file(&cli.db).as_deref(),
            )),
        };
        let site = regie_org::server::Site {
            token,
            lang,
            public,
            tls,
            service,
        };
        regie_org::server::serve_site(org, listener, site, options, stop)
            .await
            .map_err(|e| io_failure(lang, i18n::E_SERVE, &[], &e))?;
        regie_org::server::logs::notice("stopped", i18n::STOPPED.get(lang), &[]);
        Ok(exit::OK)
    });
    drop(rt);
    drop(kept);
    served
}

/// Writes a new random token to `out`, a file that must not exist yet,
/// readable by its owner only.
pub fn token(cli: &Cli, lang: Language, out: &mut impl Write, file: &Path) -> Result<u8, Failure> {
    let path = text::path(file);
    token::write_new(file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            fail(
                exit::IO,
                "file-exists",
                fill(lang, i18n::E_TOKEN_EXISTS, &[("path", &path)]),
            )
        } else {
            io_failure(lang, i18n::E_TOKEN_WRITE, &[("path", &path)], &e)
        }
    })?;
    if cli.json {
        let _ = writeln!(out, "{}", json!({ "token_file": path }));
    } else {
        let _ = writeln!(
            out,
            "{}",
            fill(lang, i18n::TOKEN_WRITTEN, &[("path", &path)])
        );
    }
    Ok(exit::OK)
}
