//! Declares every command of the app, so that Tauri denies each one unless a
//! capability (capabilities/main.json) grants it by name.

/// The app's commands. Keep in step with `commands::handler()` and
/// capabilities/main.json: the `hardening` test checks all three agree.
pub const COMMANDS: &[&str] = &include!("commands.list");

fn main() {
    // The window's files are embedded at compile time from ui/dist.
    let dist = std::path::Path::new("../ui/dist/index.html");
    println!("cargo:rerun-if-changed=../ui/dist");
    if !dist.exists() {
        panic!("ui/dist is missing: build the UI first with `npm install && npm run build` in ui/ (scripts/test.sh does this)");
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build step");
}
