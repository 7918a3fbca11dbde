//! Contact preferences: the channel x kind switches, the global switch, and
//! the settings besides them.

use super::{AppState, CmdResult, State};
use crate::wire::{Channel, ContactSettings, MessageKind};

#[tauri::command]
pub fn set_contact(
    state: State<'_, AppState>,
    org_id: String,
    channel: Channel,
    kind: MessageKind,
    allowed: bool,
) -> CmdResult<bool> {
    state.vault(|v| {
        v.set_contact(
            &regie_model::OrgId::parse(&org_id)?,
            channel.into(),
            kind.into(),
            allowed,
        )
    })
}

/// Returns how many organisations changed.
#[tauri::command]
pub fn set_contact_all(
    state: State<'_, AppState>,
    channel: Channel,
    kind: MessageKind,
    allowed: bool,
) -> CmdResult<u32> {
    state.vault(|v| {
        v.set_contact_all(channel.into(), kind.into(), allowed)
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    })
}

#[tauri::command]
pub fn set_global_off(state: State<'_, AppState>, off: bool) -> CmdResult<bool> {
    state.vault(|v| v.set_global_off(off))
}

#[tauri::command]
pub fn set_exempt(state: State<'_, AppState>, org_id: String, exempt: bool) -> CmdResult<bool> {
    state.vault(|v| v.set_exempt(&regie_model::OrgId::parse(&org_id)?, exempt))
}

#[tauri::command]
pub fn update_contact_settings(
    state: State<'_, AppState>,
    org_id: String,
    settings: ContactSettings,
) -> CmdResult<bool> {
    state.vault(|v| {
        v.update_contact(&regie_model::OrgId::parse(&org_id)?, "settings", |p| {
            settings.apply(p)
        })
    })
}
