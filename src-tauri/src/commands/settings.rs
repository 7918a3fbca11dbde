//! Settings: language, keychain status, backup; performance marks.

use std::path::PathBuf;

use super::{AppState, CmdResult, State};
use crate::wire::{AppStatus, BackupReport, KeychainStatus, Language};

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Language) -> CmdResult<AppStatus> {
    state.session(|s| s.set_language(language.into()))
}

#[tauri::command]
pub fn keychain_status(state: State<'_, AppState>) -> CmdResult<KeychainStatus> {
    state.session(|s| Ok(s.keychain_status()))
}

#[tauri::command]
pub fn backup_vault(state: State<'_, AppState>, path: PathBuf) -> CmdResult<BackupReport> {
    state.vault(|v| v.backup(&path).map(Into::into))
}

/// The UI's performance marks; prints only with `REGIE_STARTUP_TRACE=1`.
/// Returns whether tracing is on.
#[tauri::command]
pub fn perf_trace(mark: String, ms: f64, items: u32) -> bool {
    crate::perf::trace(&mark, ms, items)
}
