//! Signed preference files: export, read back, and the pairwise identifier.
//! Signing happens here in Rust; no key crosses IPC.

use std::path::PathBuf;

use super::{AppState, CmdResult, State};
use crate::wire::{Exported, PairwiseId, ReadableFile};

#[tauri::command]
pub fn export_preferences(
    state: State<'_, AppState>,
    org_id: String,
    folder: PathBuf,
) -> CmdResult<Exported> {
    state.vault_with(|v, lang| crate::export_file::export(v, &org_id, &folder, lang))
}

#[tauri::command]
pub fn read_preference_file(state: State<'_, AppState>, path: PathBuf) -> CmdResult<ReadableFile> {
    state.session(|s| crate::export_file::read(&path, s.language()))
}

#[tauri::command]
pub fn pairwise_id(state: State<'_, AppState>, org_id: String) -> CmdResult<PairwiseId> {
    state.vault_with(|v, lang| crate::export_file::pairwise_id(v, &org_id, lang))
}
