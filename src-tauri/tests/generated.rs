//! The TypeScript types in ui/src/lib/generated/ must be what the Rust
//! types generate. Regenerate with
//! `REGIE_UPDATE_TS=1 cargo test -p regie-app --test generated`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "ts"))
                .map(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(&p).unwrap())
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn committed_typescript_types_match_the_rust_types() {
    let committed: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/generated");
    let fresh = tempfile::tempdir().unwrap();
    regie_app::wire::export_all(fresh.path()).unwrap();
    let want = read_dir(fresh.path());
    assert!(want.len() > 20, "too few types generated: {}", want.len());
    if std::env::var_os("REGIE_UPDATE_TS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        for (name, text) in &want {
            std::fs::write(committed.join(name), text).unwrap();
        }
        return;
    }
    let have = read_dir(&committed);
    let stale: Vec<_> = want
        .iter()
        .filter(|(n, t)| have.get(*n) != Some(t))
        .map(|(n, _)| n.as_str())
        .chain(
            have.keys()
                .filter(|n| !want.contains_key(*n))
                .map(String::as_str),
        )
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/lib/generated is out of date ({stale:?}): run REGIE_UPDATE_TS=1 cargo test -p regie-app --test generated"
    );
}
