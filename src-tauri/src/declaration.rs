//! Reading an organisation's declaration file; the vault parses, checks and
//! imports it (`regie-declaration/1` and `/2`) in one transaction.

use std::path::Path;

use regie_model::Language;
use regie_vault::Vault;

use crate::error::{CmdResult, IpcError};
use crate::wire::Imported;

/// Reads the declaration at `path` ([`crate::chosen_file`]), before the
/// vault is taken.
pub fn read(path: &Path, lang: Language) -> CmdResult<Vec<u8>> {
    crate::chosen_file::read(path, regie_declaration::MAX_BYTES as u64, lang)
}

/// Imports a declaration read with [`read`]. A refused file changes nothing.
pub fn import(vault: &mut Vault, bytes: &[u8], lang: Language) -> CmdResult<Imported> {
    vault
        .import_declaration(bytes)
        .map(Into::into)
        .map_err(|e| IpcError::vault(&e, lang))
}
