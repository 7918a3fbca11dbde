//! Where a person types: `regie` on a real pseudo-terminal (rexpect),
//! with the terminal's echo on, as in a person's own terminal. A
//! passphrase or recovery code typed there must never appear on the
//! screen. Before, `regie init --passphrase` on a terminal asked for
//! REGIE_PASSPHRASE or --passphrase-stdin instead of for the passphrase.

use std::process::Command;

use nix::sys::wait::WaitStatus;
use rexpect::session::PtySession;

use crate::{Home, PASSPHRASE};

/// `regie` with `args` on a new terminal whose echo is on, in English,
/// with no passphrase in the environment.
fn on_terminal(home: &Home, args: &[&str]) -> PtySession {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg("stty echo; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_regie"))
        .args(args)
        .env("REGIE_VAULT", &home.vault)
        .env("HOME", home.dir.path())
        .env("XDG_DATA_HOME", home.dir.path().join("data"))
        .env("LANG", "C")
        .env("REGIE_LANG", "en")
        .env_remove("LC_ALL")
        .env_remove("REGIE_PASSPHRASE")
        .env_remove("REGIE_RECOVERY_CODE");
    rexpect::session::spawn_command(c, Some(30_000)).unwrap()
}

/// Waits for the end; returns everything shown and the exit code.
fn finish(mut p: PtySession) -> (String, i32) {
    let shown = p.exp_eof().unwrap();
    let code = match p.process().wait().unwrap() {
        WaitStatus::Exited(_, c) => c,
        other => panic!("regie did not exit: {other:?}"),
    };
    (shown, code)
}

#[test]
fn init_asks_for_the_passphrase_twice_without_showing_it_and_unlocking_asks_again() {
    let home = Home::new();
    let mut p = on_terminal(&home, &["init", "--passphrase"]);
    p.exp_string("Choose a passphrase").unwrap();
    p.send_line("too short").unwrap();
    p.exp_string("too short: a passphrase has at least 10 characters")
        .unwrap();
    p.exp_string("Choose a passphrase").unwrap();
    p.send_line("first passphrase here").unwrap();
    p.exp_string("once more").unwrap();
    p.send_line("another passphrase").unwrap();
    p.exp_string("The two passphrases differ").unwrap();
    p.exp_string("Choose a passphrase").unwrap();
    p.send_line(PASSPHRASE).unwrap();
    p.exp_string("once more").unwrap();
    p.send_line(PASSPHRASE).unwrap();
    let (shown, code) = finish(p);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Your recovery code"), "{shown}");
    for typed in [PASSPHRASE, "first passphrase here", "another passphrase"] {
        assert!(!shown.contains(typed), "{typed:?} was shown: {shown}");
    }
    // The vault opens with that passphrase, asked for on the terminal; a
    // wrong one is said and asked again.
    let mut p = on_terminal(&home, &["orgs"]);
    p.exp_string("The vault's passphrase:").unwrap();
    p.send_line("not the passphrase").unwrap();
    p.exp_string("the passphrase is wrong").unwrap();
    p.exp_string("The vault's passphrase:").unwrap();
    p.send_line(PASSPHRASE).unwrap();
    let (shown, code) = finish(p);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Organisations in your vault"), "{shown}");
    assert!(!shown.contains(PASSPHRASE), "{shown}");
}

#[test]
fn three_mismatched_passphrases_make_nothing() {
    let home = Home::new();
    let mut p = on_terminal(&home, &["init", "--passphrase"]);
    for _ in 0..3 {
        p.exp_string("Choose a passphrase").unwrap();
        p.send_line("one passphrase here").unwrap();
        p.exp_string("once more").unwrap();
        p.send_line("another one here").unwrap();
    }
    let (shown, code) = finish(p);
    assert_eq!(code, 9, "{shown}");
    assert!(shown.contains("no passphrase was chosen"), "{shown}");
    assert_eq!(std::fs::read_dir(home.dir.path()).unwrap().count(), 0);
}

#[test]
fn restore_asks_for_the_recovery_code_without_showing_it() {
    let home = Home::new();
    let code = home.with_examples();
    let backup = home.dir.path().join("backup.regie");
    home.ok(&["backup", backup.to_str().unwrap()]);
    let target = home.dir.path().join("restored.regie");
    let mut p = on_terminal(
        &home,
        &[
            "--vault",
            target.to_str().unwrap(),
            "restore",
            "--from",
            backup.to_str().unwrap(),
            "--passphrase",
        ],
    );
    p.exp_string("Your recovery code").unwrap();
    p.send_line(&code).unwrap();
    p.exp_string("Choose a passphrase").unwrap();
    p.send_line(PASSPHRASE).unwrap();
    p.exp_string("once more").unwrap();
    p.send_line(PASSPHRASE).unwrap();
    let (shown, exit) = finish(p);
    assert_eq!(exit, 0, "{shown}");
    assert!(shown.contains("Vault restored"), "{shown}");
    assert!(
        !shown.contains(&code),
        "the recovery code was shown: {shown}"
    );
}
