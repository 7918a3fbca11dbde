//! `regie-org serve`: the HTTP API, until SIGTERM or Ctrl-C.

use std::path::Path;
use std::sync::Arc;

use regie_model::Language;
use regie_org::i18n::{self, fill};
use regie_org::text;

use super::open;
use crate::cli::args::Cli;
use crate::cli::exit;
use crate::cli::failure::{fail, io_failure, store_failure, Failure};

/// Serves until stopped; exit 0 after a graceful stop.
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
            "io",
            fill(lang, i18n::E_TOKEN_EMPTY, &[("path", &path)]),
        ));
    }
    let org = Arc::new(open(cli, lang)?);
    // Loads every customer and follows other processes' writes.
    org.follow().map_err(|e| store_failure(lang, e))?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| io_failure(lang, i18n::E_RUNTIME, &[], &e))?;
    rt.block_on(async {
        let listener = regie_org::server::bind(listen)
            .await
            .map_err(|e| io_failure(lang, i18n::E_LISTEN, &[("addr", &text::clean(listen))], &e))?;
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
