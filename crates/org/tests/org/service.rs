//! Running as a service: `regie-org serve` as systemd runs and stops it.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use crate::support::*;

const TOKEN: &str = TEST_TOKEN;

/// Regression: `regie-org serve` on PostgreSQL ended a graceful stop
/// (SIGTERM, as `systemctl stop` sends) with a crash, exit 70, because
/// the database's synchronous client was dropped inside the server's
/// runtime. It says "Stopped." and exits 0.
#[test]
fn serve_on_postgresql_stops_cleanly_on_sigterm() {
    let Some(db) = postgres() else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_regie-org");
    let o = Command::new(bin)
        .args(["--db", &db.url, "init", "--org", ORG, "--name", "Bank"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, format!("{TOKEN}\n")).unwrap();
    let mut child = Command::new(bin)
        .args([
            "--db",
            &db.url,
            "--lang",
            "en",
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .arg("--token-file")
        .arg(&token)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(first.starts_with("Listening on http://"), "{first}");
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert_eq!(status.code(), Some(0), "{rest}");
    assert_eq!(rest.trim(), "Stopped.");
}
