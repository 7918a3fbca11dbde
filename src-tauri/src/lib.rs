//! Regie's desktop app: a thin Tauri shell over regie-vault and regie-prefs.
//!
//! Commands live in [`commands`], one module per domain, one line each.
//! What crosses IPC is declared in [`wire`] and [`error`] and exported to
//! TypeScript. No key or secret is ever returned to the UI; the recovery
//! code is returned once, by create and restore.

pub mod chosen_file;
pub mod commands;
pub mod courier;
pub mod declaration;
pub mod delivery;
pub mod error;
pub mod export_file;
pub mod perf;
pub mod rights;
pub mod startup;
pub mod state;
pub mod webkit;
pub mod wire;

use std::process::ExitCode;

use tauri::Manager;

use crate::startup::Problem;
use crate::state::{AppState, Startup};

/// Starts the app.
pub fn run() -> ExitCode {
    run_from(std::time::Instant::now())
}

/// Starts the app; `started` is when the process started, for the startup
/// trace (`REGIE_STARTUP_TRACE=1`, see [`perf`]). Returns the exit code
/// when the app cannot start (see [`startup`]); once the window is up,
/// closing it ends the process.
pub fn run_from(started: std::time::Instant) -> ExitCode {
    perf::mark_start(started);
    // Before GTK, WebKitGTK or any other thread starts.
    webkit::apply_defaults();
    let startup = Startup::from_env();
    let lang = startup.language;
    let say = |problem: Problem| {
        eprintln!("regie-app: {}", problem.message(lang));
        ExitCode::from(problem.exit_code())
    };
    if let Err(problem) = startup::display(|k| std::env::var(k).ok()) {
        return say(problem);
    }
    regie_cli_text::crash::install(regie_cli_text::crash::Report {
        program: "regie-app",
        version: env!("CARGO_PKG_VERSION"),
        lang,
        json: false,
    });
    let state = AppState::start(startup);
    if let Some(note) = state.keychain_note() {
        eprintln!("regie-app: {note}");
    }
    // GTK panics when it cannot start on the display it was given; that
    // is the display's problem, not a fault in Regie, and is said so.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(state)));
    std::panic::set_hook(previous);
    let app = match built {
        Ok(Ok(app)) => app,
        Ok(Err(e)) => return say(Problem::WebView(e.to_string())),
        Err(_) => return say(Problem::WindowSystem),
    };
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Closes the vault; a demo vault is deleted with its key.
                app.state::<AppState>().close();
            }
        })
    }));
    match ran {
        Ok(()) => ExitCode::SUCCESS,
        // The panic hook has logged it and said where.
        Err(_) => ExitCode::from(regie_cli_text::crash::EXIT),
    }
}

fn build(state: AppState) -> tauri::Result<tauri::App> {
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            courier::start(app.handle().clone());
            Ok(())
        })
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
            commands::delivery::delivery_status,
            commands::delivery::link_organisation,
            commands::delivery::send_now,
            commands::delivery::new_identifier,
            commands::rights::list_requests,
            commands::rights::new_request,
            commands::rights::get_request,
            commands::rights::mark_request_sent,
            commands::rights::mark_request_extended,
            commands::rights::mark_request_answered,
            commands::rights::request_letter,
            commands::rights::save_letter_pdf,
            commands::rights::email_letter,
            commands::rights::open_webform,
            commands::rights::search_directory,
            commands::rights::add_from_directory,
            commands::rights::correct_privacy_contact,
            commands::history::history,
            commands::history::verify_history,
            commands::settings::set_language,
            commands::settings::keychain_status,
            commands::settings::backup_vault,
            commands::settings::perf_trace,
        ])
        .build(tauri::generate_context!())
}
