//! `regie-org serve`: the HTTP API, until SIGTERM or Ctrl-C; and
//! `regie-org token`: a new token for it.

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

/// Serves until stopped; exit 0 after a graceful stop. Everything that can
/// be refused is checked first (the token, then the address), so that a
/// server that cannot start has not touched the database.
pub fn run(
    cli: &Cli,
    lang: Language,
    listen: &str,
    token_file: &Path,
    max_connections: usize,
) -> Result<u8, Failure> {
    let path = text::path(token_file);
    let token = std::fs::read_to_string(token_file)
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
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| io_failure(lang, i18n::E_RUNTIME, &[], &e))?;
    let listener = rt
        .block_on(regie_org::server::bind(listen))
        .map_err(|e| io_failure(lang, i18n::E_LISTEN, &[("addr", &text::clean(listen))], &e))?;
    let org = Arc::new(open(cli, lang)?);
    // Loads every customer and follows other processes' writes.
    org.follow().map_err(|e| store_failure(lang, e))?;
    rt.block_on(async {
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_else(|_| listen.to_owned());
        let stop = regie_org::server::shutdown_signal();
        eprintln!("{}", fill(lang, i18n::SERVING, &[("addr", &addr)]));
        let options = regie_org::server::ServeOptions {
            max_connections,
            ..Default::default()
        };
        regie_org::server::serve_with(org, listener, &token, lang, options, stop)
            .await
            .map_err(|e| io_failure(lang, i18n::E_SERVE, &[], &e))?;
        eprintln!("{}", i18n::STOPPED.get(lang));
        Ok(exit::OK)
    })
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
