//! Opening, creating, restoring and locking the vault.

use super::{AppState, CmdResult, State};
use crate::wire::{AppStatus, ProtectionKind, RecoveryCodeOnce};

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    state.session(|s| Ok(s.status()))
}

/// Returns the recovery code, this once.
#[tauri::command]
pub fn create_vault(
    state: State<'_, AppState>,
    protection: ProtectionKind,
    passphrase: Option<String>,
) -> CmdResult<RecoveryCodeOnce> {
    state.session(|s| s.create(protection, passphrase))
}

#[tauri::command]
pub fn unlock_vault(
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> CmdResult<AppStatus> {
    state.session(|s| s.unlock(passphrase))
}

/// Returns the recovery code, this once.
#[tauri::command]
pub fn restore_vault(
    state: State<'_, AppState>,
    backup_path: Option<String>,
    recovery_code: String,
    protection: ProtectionKind,
    passphrase: Option<String>,
) -> CmdResult<RecoveryCodeOnce> {
    state.session(|s| s.restore(backup_path, recovery_code, protection, passphrase))
}

#[tauri::command]
pub fn open_demo(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    state.session(|s| s.open_demo())
}

#[tauri::command]
pub fn lock_vault(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    state.session(|s| Ok(s.lock()))
}
