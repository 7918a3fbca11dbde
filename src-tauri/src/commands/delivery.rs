//! Delivery: where sending to an organisation stands, linking it with a
//! code, sending now, and a new identifier. The courier
//! ([`crate::courier`]) does the sending in the background.

use super::{AppState, CmdResult, State};
use crate::wire::DeliveryView;

#[tauri::command]
pub fn delivery_status(
    state: State<'_, AppState>,
    org_id: String,
) -> CmdResult<Option<DeliveryView>> {
    crate::delivery::status(&state, &org_id)
}

#[tauri::command]
pub fn link_organisation(
    state: State<'_, AppState>,
    org_id: String,
    code: String,
) -> CmdResult<Option<DeliveryView>> {
    crate::delivery::link(&state, &org_id, &code)
}

#[tauri::command]
pub fn send_now(state: State<'_, AppState>, org_id: String) -> CmdResult<Option<DeliveryView>> {
    crate::delivery::send_now(&state, &org_id)
}

#[tauri::command]
pub fn new_identifier(
    state: State<'_, AppState>,
    org_id: String,
) -> CmdResult<Option<DeliveryView>> {
    crate::delivery::new_identifier(&state, &org_id)
}
