//! Keys: the real OS keychain, a missing D-Bus session, a locked keychain.

use std::process::Command;

use regie_vault::{ErrorCode, Keychain, Protection, Unlock, Vault};

/// Set by CI, where gnome-keyring runs under `dbus-run-session`: the real
/// Secret Service test must then run, not skip.
const REQUIRE_OS_KEYCHAIN: &str = "REGIE_TEST_OS_KEYCHAIN";

#[test]
fn the_os_keychain_keeps_the_master_secret() {
    let kc = Keychain::os();
    if let Err(e) = kc.probe() {
        assert!(
            std::env::var_os(REQUIRE_OS_KEYCHAIN).is_none(),
            "{REQUIRE_OS_KEYCHAIN} is set but the OS keychain is unusable: {e}"
        );
        eprintln!("skipped: no OS keychain here ({e}); CI runs this with gnome-keyring");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kc.regie");
    let (mut v, _code) = Vault::create(&path, Protection::Keychain(kc.clone())).unwrap();
    crate::add_bank(&mut v);
    let id = v.id().to_owned();
    drop(v);

    // The key file names the keychain entry and holds no secret.
    let key_file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("kc.regie.key")).unwrap())
            .unwrap();
    assert_eq!(key_file["protection"]["kind"], "keychain");
    assert_eq!(key_file["protection"]["account"], format!("vault-{id}"));

    // The entry is really in the Secret Service.
    if let Ok(out) = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "regie",
            "username",
            &format!("vault-{id}"),
        ])
        .output()
    {
        if out.status.code() != Some(127) {
            assert!(
                out.status.success() && !out.stdout.is_empty(),
                "secret-tool finds no entry for the vault"
            );
        }
    }

    let v = Vault::open(
        &path,
        Unlock {
            keychain: &kc,
            passphrase: None,
        },
    )
    .unwrap();
    assert_eq!(v.organisations().unwrap().len(), 1);
    v.destroy(&kc).unwrap();
    assert!(!path.exists());

    // With the entry gone, a copy of the vault says the key is missing.
    let dir2 = tempfile::tempdir().unwrap();
    let path2 = dir2.path().join("kc2.regie");
    let (v2, _) = Vault::create(&path2, Protection::Keychain(kc.clone())).unwrap();
    let id2 = v2.id().to_owned();
    drop(v2);
    Command::new("secret-tool")
        .args([
            "clear",
            "service",
            "regie",
            "username",
            &format!("vault-{id2}"),
        ])
        .status()
        .ok();
    let before = crate::sha(&path2);
    let err = Vault::open(
        &path2,
        Unlock {
            keychain: &kc,
            passphrase: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyMissing, "{err}");
    assert_eq!(crate::sha(&path2), before);
}

#[test]
fn no_dbus_session_is_a_typed_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "keys::child_create_without_dbus",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("REGIE_CHILD_NO_DBUS", dir.path())
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/regie-test-bus",
        )
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("child: keychain-unavailable"), "{stdout}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file may be written"
    );
}

/// Runs only inside the child process started above.
#[test]
fn child_create_without_dbus() {
    let Some(dir) = std::env::var_os("REGIE_CHILD_NO_DBUS") else {
        return;
    };
    let path = std::path::Path::new(&dir).join("v.regie");
    let err = Vault::create(&path, Protection::Keychain(Keychain::os())).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeychainUnavailable, "{err}");
    // What happened, and that nothing was stored; what to do instead (a
    // passphrase) is each front end's advice for the code.
    assert!(
        err.to_string().contains("No key was written anywhere"),
        "{err}"
    );
    assert!(!err.to_string().contains("--passphrase"), "{err}");
    println!("child: {}", err.code().as_str());
}

#[test]
fn a_locked_keychain_is_reported_as_locked_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.regie");
    let kc = Keychain::failing_for_tests(|| {
        keyring::Error::NoStorageAccess("collection is locked".into())
    });
    let err = Vault::create(&path, Protection::Keychain(kc)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeychainLocked);
    assert!(err.message(regie_model::Language::Nl).contains("op slot"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file may be written"
    );
}

#[test]
fn a_short_passphrase_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = Vault::create(
        &dir.path().join("v.regie"),
        Protection::Passphrase(regie_vault::Passphrase::new("short")),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PassphraseTooShort);
}
