//! Every failure tells the truth and changes nothing: a command that only
//! reads creates no database, and one that fails leaves no file behind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::*;

/// Every path under `dir` with its bytes (`None` for a folder).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.insert(p.clone(), None);
                todo.push(p);
            } else {
                out.insert(p.clone(), Some(std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

fn show(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const CHECK_PUSH: &[&str] = &[
    "check",
    "--customer",
    "c1",
    "--channel",
    "push",
    "--kind",
    "marketing",
];

/// `init` that fails leaves no database file: not for an organisation id
/// that is wrong (checked before anything is made), nor for a file it made
/// and could not set up.
#[test]
fn a_failed_init_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("org.db");
    let o = Command::new(env!("CARGO_BIN_EXE_regie-org"))
        .arg("--db")
        .arg(format!("sqlite:{}", db.display()))
        .args([
            "--lang",
            "en",
            "init",
            "--org",
            "not an id",
            "--name",
            "Bank",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", show(&o));
    assert!(snapshot(dir.path()).is_empty());
}

/// A read-only command against a PostgreSQL schema that does not exist
/// says "not set up" and does not create it; `init` does, in the same
/// transaction as the tables.
#[test]
fn read_only_commands_create_no_postgres_schema() {
    let Some(db) = postgres() else { return };
    let (base, schema) = db.url.split_once('#').unwrap();
    let exists = || {
        let mut c = postgres::Client::connect(base, postgres::NoTls).unwrap();
        c.query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname = $1",
            &[&schema],
        )
        .unwrap()
        .get::<_, i64>(0)
            == 1
    };
    let token = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(token.path(), TEST_TOKEN).unwrap();
    let token = token.path().to_str().unwrap().to_owned();
    let runs: [&[&str]; 9] = [
        CHECK_PUSH,
        &[
            "check-use",
            "--customer",
            "c1",
            "--purpose",
            "dpv:DirectMarketing",
        ],
        &["history"],
        &["suppressions", "--channel", "push", "--kind", "marketing"],
        &[
            "record-send",
            "--customer",
            "c1",
            "--channel",
            "push",
            "--kind",
            "marketing",
        ],
        &["enrol", "--customer", "c1", "--did", &did(1)],
        &["import", "-"],
        &["serve", "--listen", "127.0.0.1:0", "--token-file", &token],
        &["init", "--org", "not an id", "--name", "Bank"],
    ];
    for args in runs {
        let o = regie_org(&db)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let want = if args[0] == "init" { 5 } else { 4 };
        assert_eq!(o.status.code(), Some(want), "{args:?}: {}", show(&o));
        assert!(!exists(), "{args:?} created the schema");
    }
    let o = regie_org(&db)
        .args(["init", "--org", ORG, "--name", "Bank"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(exists());
    let o = regie_org(&db).args(CHECK_PUSH).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
}
