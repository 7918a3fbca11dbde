//! What another user of the machine would see: every file and folder the
//! vault makes is its owner's only, whatever the umask of the process that
//! makes it. The child (this test binary again) runs under a umask set by
//! `sh` and keeps its vault open while the parent looks, so the `-wal` and
//! `-shm` files SQLite made are there to be seen.
#![cfg(unix)]

use std::fs;
use std::io::{BufRead, BufReader, Lines, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{ChildStdout, Command, Stdio};

use regie_vault::{Protection, Vault};

use crate::{add_bank, passphrase};

/// No umask (everything the default allows), the strict one, and one that
/// even takes away the owner's own write bit.
const UMASKS: [&str; 3] = ["000", "077", "277"];

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Asserts that `dir` holds exactly `expected`, each file 0600 and each
/// folder 0700.
fn assert_owner_only(umask: &str, dir: &Path, expected: &[&str]) {
    assert_eq!(names(dir), expected, "umask {umask}: {}", dir.display());
    for name in expected {
        let p = dir.join(name);
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(
            mode(&p),
            want,
            "umask {umask}: {} is {:o}",
            p.display(),
            mode(&p)
        );
    }
}

fn wait_for_open(lines: &mut Lines<BufReader<ChildStdout>>, umask: &str) {
    // libtest may print the test's name on the same line first.
    for line in lines.by_ref() {
        if line.unwrap().ends_with("vault open") {
            return;
        }
    }
    panic!("umask {umask}: the child ended before its vault was open");
}

#[test]
fn vault_key_wal_shm_backup_and_restore_are_owner_only_whatever_the_umask() {
    for umask in UMASKS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut child = Command::new("sh")
            .args(["-c", &format!("umask {umask}; exec \"$@\""), "sh"])
            .arg(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "files::child_makes_vaults",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("REGIE_CHILD_FILES", root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut go = child.stdin.take().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();

        // A new vault in two new folders, open, with a backup beside them.
        wait_for_open(&mut lines, umask);
        assert_owner_only(umask, root, &["backup.regie", "new"]);
        assert_owner_only(umask, &root.join("new"), &["folder"]);
        assert_owner_only(
            umask,
            &root.join("new/folder"),
            &[
                "v.regie",
                "v.regie-shm",
                "v.regie-wal",
                "v.regie.key",
                "v.regie.lock",
            ],
        );

        // Restored from the backup into a new folder, open.
        writeln!(go, "restore").unwrap();
        wait_for_open(&mut lines, umask);
        assert_owner_only(umask, root, &["backup.regie", "new", "restored"]);
        assert_owner_only(
            umask,
            &root.join("restored"),
            &[
                "v.regie",
                "v.regie-shm",
                "v.regie-wal",
                "v.regie.key",
                "v.regie.lock",
            ],
        );

        writeln!(go, "stop").unwrap();
        assert!(child.wait().unwrap().success(), "umask {umask}");
    }
}

/// Runs only inside the child process started above.
#[test]
fn child_makes_vaults() {
    let Some(root) = std::env::var_os("REGIE_CHILD_FILES") else {
        return;
    };
    let root = PathBuf::from(root);
    let wait = || {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).unwrap();
    };
    let path = root.join("new/folder/v.regie");
    let (mut vault, code) = Vault::create(&path, Protection::Passphrase(passphrase())).unwrap();
    add_bank(&mut vault);
    let backup = root.join("backup.regie");
    vault.backup(&backup).unwrap();
    println!("vault open");
    wait();
    let (restored, _) = Vault::restore(
        &root.join("restored/v.regie"),
        Some(&backup),
        code.reveal(),
        Protection::Passphrase(passphrase()),
    )
    .unwrap();
    println!("vault open");
    wait();
    drop((vault, restored));
}

#[test]
fn a_folder_that_exists_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
    let path = shared.join("v.regie");
    let (vault, _) = Vault::create(&path, Protection::Passphrase(passphrase())).unwrap();
    drop(vault);
    assert_eq!(
        mode(&shared),
        0o755,
        "a folder Regie did not make is left alone"
    );
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_loosened_key_file_is_owner_only_again_when_regie_writes_it_anew() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.regie");
    let key = dir.path().join("v.regie.key");
    let (vault, code) = Vault::create(&path, Protection::Passphrase(passphrase())).unwrap();
    drop(vault);
    // Loosened by hand, as a careless copy or chmod might.
    fs::set_permissions(&key, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    // Regaining access with the recovery code writes the key file anew.
    let (vault, _) = Vault::restore(
        &path,
        None,
        code.reveal(),
        Protection::Passphrase(passphrase()),
    )
    .unwrap();
    drop(vault);
    assert_eq!(mode(&key), 0o600, "the key file Regie replaced");
    assert_eq!(
        mode(&path),
        0o640,
        "the vault itself is not re-moded silently"
    );
}
