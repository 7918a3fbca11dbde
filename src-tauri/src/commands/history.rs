//! The history timeline.

use super::{AppState, CmdResult, State};
use crate::wire::Event;

#[tauri::command]
pub fn history(state: State<'_, AppState>, org_id: Option<String>) -> CmdResult<Vec<Event>> {
    state.vault(|v| {
        Ok(v.history(
            org_id
                .map(|o| regie_model::OrgId::parse(&o))
                .transpose()?
                .as_ref(),
        )?
        .into_iter()
        .map(Into::into)
        .collect())
    })
}

/// Checks the whole history chain; returns the number of events.
#[tauri::command]
pub fn verify_history(state: State<'_, AppState>) -> CmdResult<u32> {
    state.vault(|v| {
        v.verify_history()
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    })
}
