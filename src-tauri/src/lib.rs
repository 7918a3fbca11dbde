//! Regie's desktop app: a thin Tauri shell over regie-vault and regie-prefs.
//!
//! Commands live in [`commands`], one module per domain, one line each.
//! What crosses IPC is declared in [`wire`] and [`error`] and exported to
//! TypeScript. No key or secret is ever returned to the UI; the recovery
//! code is returned once, by create and restore.

pub mod commands;
pub mod declaration;
pub mod error;
pub mod export_file;
pub mod perf;
pub mod state;
pub mod wire;

use tauri::Manager;

use crate::state::{AppState, Startup};

/// Starts the app.
pub fn run() {
    run_from(std::time::Instant::now());
}

/// Starts the app; `started` is when the process started, for the startup
/// trace (`REGIE_STARTUP_TRACE=1`, see [`perf`]).
pub fn run_from(started: std::time::Instant) {
    perf::mark_start(started);
    let startup = Startup::from_env();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::start(startup))
        .invoke_handler(tauri::generate_handler![
            commands::session::app_status,
            commands::session::create_vault,
            commands::session::unlock_vault,
            commands::session::restore_vault,
            commands::session::open_demo,
            commands::session::lock_vault,
            commands::orgs::list_organisations,
            commands::orgs::get_organisation,
            commands::orgs::add_organisation,
            commands::orgs::add_holding,
            commands::orgs::load_examples,
            commands::orgs::import_declaration,
            commands::orgs::catalogue,
            commands::decisions::decide,
            commands::decisions::mark_sensitive,
            commands::decisions::sensitive_categories,
            commands::contact::set_contact,
            commands::contact::set_contact_all,
            commands::contact::set_global_off,
            commands::contact::set_exempt,
            commands::contact::update_contact_settings,
            commands::export::export_preferences,
            commands::export::read_preference_file,
            commands::export::pairwise_id,
            commands::history::history,
            commands::history::verify_history,
            commands::settings::set_language,
            commands::settings::keychain_status,
            commands::settings::backup_vault,
            commands::settings::perf_trace,
        ])
        .build(tauri::generate_context!())
        .expect("Regie could not start its window");
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            // Closes the vault; a demo vault is deleted with its key.
            app.state::<AppState>().close();
        }
    });
}
