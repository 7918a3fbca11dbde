//! Organisations: the overview, one organisation's page, adding them.

use std::path::PathBuf;

use super::{AppState, CmdResult, State};
use crate::wire::{Catalogue, Imported, NewHolding, NewOrganisation, OrgPage, Overview};

#[tauri::command]
pub fn list_organisations(state: State<'_, AppState>) -> CmdResult<Overview> {
    state.vault_with(crate::delivery::overview)
}

#[tauri::command]
pub fn get_organisation(state: State<'_, AppState>, id: String) -> CmdResult<OrgPage> {
    state.vault(|v| {
        Ok(OrgPage::new(
            v.organisation(&regie_model::OrgId::parse(&id)?)?,
            v.sensitive_categories()?,
        ))
    })
}

#[tauri::command]
pub fn add_organisation(state: State<'_, AppState>, org: NewOrganisation) -> CmdResult<()> {
    state.vault(|v| v.add_organisation(&org.into_vault()?))
}

#[tauri::command]
pub fn add_holding(
    state: State<'_, AppState>,
    org_id: String,
    holding: NewHolding,
) -> CmdResult<()> {
    state.vault(|v| {
        v.add_holding(&regie_model::OrgId::parse(&org_id)?, &holding.into())
            .map(drop)
    })
}

#[tauri::command]
pub fn load_examples(state: State<'_, AppState>) -> CmdResult<u32> {
    state.vault(|v| {
        v.load_examples()
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    })
}

#[tauri::command]
pub fn import_declaration(state: State<'_, AppState>, path: PathBuf) -> CmdResult<Imported> {
    let lang = state.session(|s| Ok(s.language()))?;
    let bytes = crate::declaration::read(&path, lang)?;
    state.vault_with(|v, lang| crate::declaration::import(v, &bytes, lang))
}

#[tauri::command]
pub fn catalogue() -> CmdResult<Catalogue> {
    Ok(Catalogue::all())
}
