//! Your rights: GDPR requests, their letters, and the directory of
//! organisations. The work is in [`crate::rights`].

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{AppState, CmdResult, State};
use crate::rights::{
    self, DirectoryHit, LetterName, LetterView, NewRequest, OutcomeName, RequestSummary, ViaName,
};

#[tauri::command]
pub fn list_requests(
    state: State<'_, AppState>,
    org_id: Option<String>,
) -> CmdResult<Vec<RequestSummary>> {
    state.vault_with(|v, lang| rights::list(v, lang, org_id.as_deref()))
}

#[tauri::command]
pub fn new_request(
    state: State<'_, AppState>,
    org_id: String,
    request: NewRequest,
) -> CmdResult<RequestSummary> {
    state.vault_with(|v, lang| rights::create(v, lang, &org_id, request))
}

#[tauri::command]
pub fn get_request(state: State<'_, AppState>, id: i64) -> CmdResult<RequestSummary> {
    state.vault_with(|v, lang| rights::one(v, lang, id))
}

#[tauri::command]
pub fn mark_request_sent(
    state: State<'_, AppState>,
    id: i64,
    on: NaiveDate,
    via: ViaName,
) -> CmdResult<RequestSummary> {
    state.vault_with(|v, lang| rights::sent(v, lang, id, on, via))
}

#[tauri::command]
pub fn mark_request_extended(
    state: State<'_, AppState>,
    id: i64,
    on: NaiveDate,
) -> CmdResult<RequestSummary> {
    state.vault_with(|v, lang| rights::extended(v, lang, id, on))
}

#[tauri::command]
pub fn mark_request_answered(
    state: State<'_, AppState>,
    id: i64,
    on: NaiveDate,
    outcome: OutcomeName,
    file: Option<PathBuf>,
) -> CmdResult<RequestSummary> {
    // The file is read before the vault is taken.
    let lang = state.session(|s| Ok(s.language()))?;
    let file = file.map(|p| rights::read_answer(&p, lang)).transpose()?;
    state.vault_with(|v, lang| rights::answered(v, lang, id, on, outcome, file.as_ref()))
}

#[tauri::command]
pub fn request_letter(
    state: State<'_, AppState>,
    id: i64,
    which: LetterName,
) -> CmdResult<LetterView> {
    state.vault_with(|v, lang| rights::letter(v, lang, id, which))
}

#[tauri::command]
pub fn save_letter_pdf(
    state: State<'_, AppState>,
    id: i64,
    which: LetterName,
    path: PathBuf,
) -> CmdResult<()> {
    state.vault_with(|v, lang| rights::save_pdf(v, lang, id, which, &path))
}

#[tauri::command]
pub fn email_letter(state: State<'_, AppState>, id: i64, which: LetterName) -> CmdResult<bool> {
    state.vault_with(|v, lang| rights::email(v, lang, id, which))
}

#[tauri::command]
pub fn open_webform(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.vault_with(|v, lang| rights::webform(v, lang, id))
}

#[tauri::command]
pub fn search_directory(text: String) -> CmdResult<Vec<DirectoryHit>> {
    rights::search(&text)
}

#[tauri::command]
pub fn add_from_directory(state: State<'_, AppState>, slug: String) -> CmdResult<String> {
    state.vault_with(|v, lang| rights::add_from_directory(v, lang, &slug))
}

#[tauri::command]
pub fn correct_privacy_contact(
    state: State<'_, AppState>,
    org_id: String,
    email: Option<String>,
    postal_address: Vec<String>,
) -> CmdResult<()> {
    state.vault_with(|v, lang| rights::correct_contact(v, lang, &org_id, email, postal_address))
}
