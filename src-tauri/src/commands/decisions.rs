//! Decisions on holdings: consent, objection, sensitive categories.

use super::{AppState, CmdResult, State};
use crate::wire::DecisionAction;

/// Returns how many holdings changed.
#[tauri::command]
pub fn decide(
    state: State<'_, AppState>,
    org_id: String,
    purpose: String,
    category: Option<String>,
    action: DecisionAction,
) -> CmdResult<u32> {
    state.vault(|v| {
        v.decide(
            &regie_model::OrgId::parse(&org_id)?,
            &purpose,
            category.as_deref(),
            action.into(),
        )
        .map(|c| u32::try_from(c.len()).unwrap_or(u32::MAX))
    })
}

#[tauri::command]
pub fn mark_sensitive(
    state: State<'_, AppState>,
    category: String,
    sensitive: bool,
) -> CmdResult<bool> {
    state.vault(|v| v.mark_sensitive(&category, sensitive))
}

#[tauri::command]
pub fn sensitive_categories(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    state.vault(|v| v.sensitive_categories())
}
