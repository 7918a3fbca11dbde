//! What another user of the machine would see of the organisation's SQLite
//! database (every customer's signed files): nothing. `regie-org` runs under
//! a umask set by `sh`; the file it makes is 0600, and so are the `-wal` and
//! `-shm` files while `serve` holds the database open.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::*;

fn under_umask(umask: &str, db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("sh");
    c.args(["-c", &format!("umask {umask}; exec \"$@\""), "sh"])
        .arg(env!("CARGO_BIN_EXE_regie-org"))
        .arg("--db")
        .arg(format!("sqlite:{}", db.display()))
        .args(["--lang", "en"])
        .args(args);
    c
}

fn ok(o: Output) {
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The files in the database's folder, sorted, each as `name mode` with
/// the mode in octal, as `ls -l` and `chmod` speak of it.
fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let mode = e.metadata().unwrap().permissions().mode() & 0o7777;
            format!("{} {mode:o}", e.file_name().to_string_lossy())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_sqlite_database_and_its_wal_are_owner_only_whatever_the_umask() {
    let given = tempfile::tempdir().unwrap();
    let good = given.path().join("good.json");
    std::fs::write(&good, file(1, 1, |_| {})).unwrap();
    let token = given.path().join("token");
    std::fs::write(&token, TEST_TOKEN).unwrap();

    // No umask at all, the strict one, and one that even takes away the
    // owner's own write bit.
    for umask in ["000", "077", "277"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("org.db");
        let init = ["init", "--org", ORG, "--name", "Bank"];
        ok(under_umask(umask, &db, &init).output().unwrap());
        let enrol = ["enrol", "--customer", "c1", "--did", &did(1)];
        ok(under_umask(umask, &db, &enrol).output().unwrap());
        let import = ["import", good.to_str().unwrap()];
        ok(under_umask(umask, &db, &import).output().unwrap());
        assert_eq!(files(dir.path()), ["org.db 600"], "umask {umask}");

        let serve = [
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--token-file",
            token.to_str().unwrap(),
        ];
        let mut server = under_umask(umask, &db, &serve)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(server.stderr.take().unwrap()).lines();
        let listening = lines.any(|l| l.unwrap().starts_with("Listening on"));
        assert!(listening, "umask {umask}: the server did not start");
        let seen = files(dir.path());
        server.kill().unwrap();
        server.wait().unwrap();
        assert_eq!(
            seen,
            ["org.db 600", "org.db-shm 600", "org.db-wal 600"],
            "umask {umask}"
        );
    }
}

#[test]
fn an_existing_database_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("org.db");
    let init = ["init", "--org", ORG, "--name", "Bank"];
    ok(under_umask("077", &db, &init).output().unwrap());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o640)).unwrap();
    let enrol = ["enrol", "--customer", "c1", "--did", &did(1)];
    ok(under_umask("077", &db, &enrol).output().unwrap());
    assert_eq!(files(dir.path()), ["org.db 640"]);
}
