//! The commands, by domain. Each is a one-line adapter over regie-vault or
//! regie-prefs; every one is declared in `commands.list` and granted in
//! capabilities/main.json.

pub mod contact;
pub mod decisions;
pub mod delivery;
pub mod export;
pub mod history;
pub mod orgs;
pub mod rights;
pub mod session;
pub mod settings;

pub(crate) use crate::error::CmdResult;
pub(crate) use crate::state::AppState;
pub(crate) use tauri::State;
