//! Reading an organisation's declaration file; the vault parses, checks and
//! imports it (`regie-declaration/1`) in one transaction.

use std::path::Path;

use regie_model::Language;
use regie_vault::Vault;

use crate::error::{CmdResult, IpcError};
use crate::wire::Imported;

/// Reads the file at `path` and imports it. A refused file changes nothing.
pub fn import(vault: &mut Vault, path: &Path, lang: Language) -> CmdResult<Imported> {
    let err = |e: regie_vault::Error| IpcError::vault(&e, lang);
    let bytes = std::fs::read(path).map_err(|e| {
        err(regie_vault::Error::Io {
            path: path.to_owned(),
            source: e,
        })
    })?;
    vault
        .import_declaration(&bytes)
        .map(Into::into)
        .map_err(err)
}
