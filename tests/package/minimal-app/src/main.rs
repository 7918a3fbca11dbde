//! The smallest Tauri 2 app: one static page and nothing else. It is the
//! yardstick for the desktop app's idle memory (tests/package/memory.sh,
//! docs/PERFORMANCE.md): built with the same profile, started the same way
//! and with the same WebKitGTK environment (the app's own `webkit` module,
//! included here), what it uses is what Tauri and WebKitGTK cost before
//! Regie adds anything.
//!
//! It prints `startup: page loaded after N ms` once its page has loaded,
//! the line the scripts wait for.

// No console window on Windows release builds, as the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[path = "../../../../src-tauri/src/webkit.rs"]
mod webkit;

use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    webkit::apply_defaults();
    let ran = tauri::Builder::default()
        .on_page_load(move |_, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                println!(
                    "startup: page loaded after {} ms",
                    started.elapsed().as_millis()
                );
            }
        })
        .run(tauri::generate_context!());
    match ran {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("regie-minimal-app: {e}");
            ExitCode::FAILURE
        }
    }
}
