//! Fails if the app's hardening regresses: the CSP, the global Tauri
//! object, the capability file, or a command missing from the manifest,
//! the handler or the capability.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(p: &str) -> Value {
    let text = std::fs::read_to_string(root().join(p)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The commands declared to the build (`build.rs` includes this list).
fn declared_commands() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("commands.list")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('"'))
        .map(|l| l.trim_end_matches(',').trim_matches('"').to_owned())
        .collect()
}

#[test]
fn csp_is_strict() {
    let conf = read_json("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_object()
        .expect("the CSP is a directive map");
    let get = |k: &str| csp.get(k).and_then(Value::as_str).unwrap_or_default();
    assert_eq!(get("default-src"), "'self'");
    assert_eq!(get("script-src"), "'self'");
    assert_eq!(get("connect-src"), "ipc: http://ipc.localhost");
    assert_eq!(get("object-src"), "'none'");
    for (k, v) in csp {
        let v = v.as_str().unwrap();
        assert!(!v.contains("unsafe-eval"), "{k} allows unsafe-eval");
        assert!(
            !(k == "script-src" && v.contains("unsafe-inline")),
            "inline scripts are allowed"
        );
        for word in v.split_whitespace() {
            let remote = word.starts_with("https:")
                || word.starts_with("http:") && word != "http://ipc.localhost"
                || word.starts_with("ws")
                || word == "*"
                || word.contains("://") && word != "http://ipc.localhost";
            assert!(!remote, "{k} allows a remote source: {word}");
        }
    }
}

#[test]
fn no_global_tauri_and_no_remote_urls() {
    let conf = read_json("tauri.conf.json");
    assert_eq!(conf["app"]["withGlobalTauri"], Value::Bool(false));
    assert!(conf["build"].get("devUrl").is_none(), "a dev URL is set");
    for w in conf["app"]["windows"].as_array().unwrap() {
        if let Some(url) = w.get("url").and_then(Value::as_str) {
            assert!(!url.contains("://"), "a window loads a remote URL: {url}");
        }
    }
    assert!(conf["bundle"]["icon"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
}

#[test]
fn one_capability_grants_each_command_and_nothing_broad() {
    let dir = root().join("capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "expected one capability file: {files:?}");
    let cap = read_json("capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(
        cap.get("remote").is_none(),
        "the capability allows remote pages"
    );
    let perms: BTreeSet<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("permissions are plain names").to_owned())
        .collect();
    for p in &perms {
        assert!(!p.contains('*'), "wildcard permission {p}");
        for banned in ["fs:", "shell:", "http:", "opener:", "process:"] {
            assert!(!p.starts_with(banned), "broad permission {p}");
        }
        assert!(!p.ends_with(":default"), "default permission set {p}");
    }
    let own: BTreeSet<String> = perms
        .iter()
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|c| c.replace('-', "_"))
        .collect();
    assert_eq!(own, declared_commands(), "capability and manifest differ");
    let plugins: BTreeSet<&str> = perms
        .iter()
        .filter(|p| !p.starts_with("allow-"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        plugins,
        BTreeSet::from([
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "dialog:allow-open",
            "dialog:allow-save"
        ])
    );
}

#[test]
fn every_handled_command_is_declared() {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    let start = lib.find("generate_handler![").unwrap();
    let end = start + lib[start..].find(']').unwrap();
    let handled: BTreeSet<String> = lib[start..end]
        .split(',')
        .filter_map(|s| s.trim().rsplit("::").next())
        .filter(|s| !s.is_empty() && !s.contains('['))
        .map(str::to_owned)
        .collect();
    assert_eq!(handled, declared_commands());
}

#[test]
fn no_shell_or_http_plugin() {
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    for p in ["tauri-plugin-shell", "tauri-plugin-http", "tauri-plugin-fs"] {
        assert!(!cargo.contains(p), "{p} is a dependency");
    }
}
