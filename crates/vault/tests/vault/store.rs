//! Opening: not found, in use, wrong key, damaged files. A vault that does
//! not open is never changed.

use std::io::{Seek, SeekFrom, Write};

use regie_vault::{ErrorCode, Keychain, Passphrase, Protection, Unlock, Vault};

use regie_model::Language;

use crate::{add_bank, listing, new_vault, open, passphrase, sha, ReadOnly};

#[test]
fn a_missing_vault_is_reported_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nothing.regie");
    assert_eq!(open(&path).unwrap_err().code(), ErrorCode::VaultNotFound);
    assert!(!path.exists());
}

#[test]
fn create_never_overwrites() {
    let (_d, path, v) = new_vault();
    drop(v);
    let before = sha(&path);
    let err = Vault::create(&path, Protection::Passphrase(passphrase())).unwrap_err();
    assert_eq!(err.code(), ErrorCode::VaultExists);
    assert_eq!(sha(&path), before);
}

#[test]
fn a_second_opener_is_told_the_vault_is_in_use() {
    let (_d, path, v) = new_vault();
    let err = open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::VaultInUse);
    drop(v);
    open(&path).unwrap();
}

#[test]
fn a_wrong_passphrase_leaves_the_file_identical() {
    let (_d, path, mut v) = new_vault();
    add_bank(&mut v);
    drop(v);
    let before = sha(&path);
    let kc = Keychain::in_memory();
    let wrong = Passphrase::new("this is not the passphrase");
    let err = Vault::open(
        &path,
        Unlock {
            keychain: &kc,
            passphrase: Some(&wrong),
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::WrongPassphrase);
    let err = Vault::open(
        &path,
        Unlock {
            keychain: &kc,
            passphrase: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PassphraseNeeded);
    assert_eq!(sha(&path), before);
}

#[test]
fn a_key_file_of_another_vault_is_a_wrong_key() {
    let dir = tempfile::tempdir().unwrap();
    let kc = Keychain::in_memory();
    let a = dir.path().join("a.regie");
    let b = dir.path().join("b.regie");
    drop(Vault::create(&a, Protection::Keychain(kc.clone())).unwrap());
    drop(Vault::create(&b, Protection::Keychain(kc.clone())).unwrap());
    // Swap the keychain entries' roles: b's key file, a's keychain secret.
    let a_key = std::fs::read_to_string(dir.path().join("a.regie.key")).unwrap();
    let b_key = std::fs::read_to_string(dir.path().join("b.regie.key")).unwrap();
    let a_account =
        serde_json::from_str::<serde_json::Value>(&a_key).unwrap()["protection"]["account"].clone();
    let mut mixed: serde_json::Value = serde_json::from_str(&b_key).unwrap();
    mixed["protection"]["account"] = a_account;
    std::fs::write(dir.path().join("b.regie.key"), mixed.to_string()).unwrap();
    let before = sha(&b);
    let err = Vault::open(
        &b,
        Unlock {
            keychain: &kc,
            passphrase: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::WrongKey);
    assert_eq!(sha(&b), before);
}

fn damaged(at: impl Fn(u64) -> u64) -> (tempfile::TempDir, std::path::PathBuf) {
    let (d, path, mut v) = new_vault();
    add_bank(&mut v);
    for i in 0..200 {
        v.set_contact(
            &crate::bank(),
            regie_model::Channel::Post,
            regie_model::MessageKind::Marketing,
            i % 2 == 0,
        )
        .unwrap();
    }
    drop(v);
    let len = std::fs::metadata(&path).unwrap().len();
    let offset = at(len);
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .unwrap();
    let mut byte = [0u8; 1];
    f.seek(SeekFrom::Start(offset)).unwrap();
    std::io::Read::read_exact(&mut f, &mut byte).unwrap();
    f.seek(SeekFrom::Start(offset)).unwrap();
    f.write_all(&[byte[0] ^ 0x01]).unwrap();
    (d, path)
}

/// Opens and fully checks; the result must be a typed "damaged" error, and
/// the file must be left exactly as it was.
fn assert_reported_as_damaged(path: &std::path::Path) {
    let before = sha(path);
    let outcome = open(path).and_then(|mut v| v.check().map(|_| ()));
    let err = outcome.expect_err("a damaged vault must not pass");
    assert_eq!(err.code(), ErrorCode::VaultCorrupt, "{err}");
    assert_eq!(
        sha(path),
        before,
        "a damaged vault must be left byte-identical"
    );
}

#[test]
fn a_flipped_byte_in_the_first_page_is_damage() {
    let (_d, path) = damaged(|_| 100);
    assert_reported_as_damaged(&path);
}

#[test]
fn a_flipped_byte_in_a_later_page_is_damage() {
    let (_d, path) = damaged(|len| len - 1000);
    assert_reported_as_damaged(&path);
}

#[test]
fn a_truncated_file_is_damage() {
    let (_d, path, mut v) = new_vault();
    add_bank(&mut v);
    drop(v);
    let len = std::fs::metadata(&path).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(len / 2 + 7).unwrap();
    drop(f);
    assert_reported_as_damaged(&path);
}

#[test]
fn the_file_is_encrypted_at_rest() {
    let (_d, path, mut v) = new_vault();
    add_bank(&mut v);
    drop(v);
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let needle = b"Testbank";
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "organisation names must not be readable"
    );
    let key = std::fs::read_to_string(path.with_extension("regie.key")).unwrap();
    assert!(!key.contains("Testbank"));
}

#[test]
fn a_vault_from_a_newer_regie_is_refused_and_left_alone() {
    let (_d, path, v) = new_vault();
    v.tamper_for_tests(&format!(
        "PRAGMA user_version = {}",
        regie_vault::SCHEMA_VERSION + 1
    ))
    .unwrap();
    drop(v);
    let before = sha(&path);
    let err = open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::VaultTooNew);
    assert_eq!(sha(&path), before);
}

/// Before, a folder given as the vault was "the key file is missing" to
/// one command and "a vault already exists" to another.
#[test]
fn a_folder_is_a_folder_to_open_create_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("adir");
    std::fs::create_dir(&folder).unwrap();
    let is_folder = |e: regie_vault::Error| {
        assert_eq!(e.code(), ErrorCode::NotAVault, "{e}");
        assert!(e.message(Language::En).contains("is a folder"), "{e}");
        assert!(e.message(Language::Nl).contains("is een map"), "{e}");
    };
    let before = listing(dir.path());
    is_folder(open(&folder).unwrap_err());
    is_folder(Vault::create(&folder, Protection::Passphrase(passphrase())).unwrap_err());
    assert_eq!(listing(dir.path()), before, "open or create made a file");
    let source = dir.path().join("source.regie");
    let (v, code) = Vault::create(&source, Protection::Passphrase(passphrase())).unwrap();
    let backup = dir.path().join("backup.regie");
    v.backup(&backup).unwrap();
    drop(v);
    let before = listing(dir.path());
    is_folder(
        Vault::restore(
            &folder,
            Some(&backup),
            code.reveal(),
            Protection::Passphrase(passphrase()),
        )
        .unwrap_err(),
    );
    is_folder(
        Vault::restore(
            &folder,
            None,
            code.reveal(),
            Protection::Passphrase(passphrase()),
        )
        .unwrap_err(),
    );
    assert_eq!(listing(dir.path()), before);
    assert!(listing(&folder).is_empty());
}

#[test]
fn an_empty_file_a_plain_database_and_a_text_file_are_not_vaults() {
    let (d, path, v) = new_vault();
    drop(v);
    let key = std::fs::read(path.with_extension("regie.key")).unwrap();
    for (name, bytes, found) in [
        ("empty.regie", b"".to_vec(), "is empty"),
        (
            "plain.regie",
            {
                let mut b = b"SQLite format 3\0".to_vec();
                b.resize(4096, 0);
                b
            },
            "ordinary database",
        ),
        ("text.regie", b"{\"hello\": 1}\n".to_vec(), "another kind"),
    ] {
        let p = d.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        std::fs::write(p.with_extension("regie.key"), &key).unwrap();
        let before = listing(d.path());
        let e = open(&p).unwrap_err();
        assert_eq!(e.code(), ErrorCode::NotAVault, "{name}: {e}");
        assert!(e.message(Language::En).contains(found), "{name}: {e}");
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{name} changed");
        assert_eq!(listing(d.path()), before, "{name}: files were made");
    }
}

/// A vault without its lock file (copied by hand) that fails to open
/// leaves no lock file behind.
#[test]
fn a_failed_open_leaves_no_lock_file() {
    let (d, path, mut v) = new_vault();
    add_bank(&mut v);
    drop(v);
    std::fs::remove_file(path.with_extension("regie.lock")).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[100] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    let before = listing(d.path());
    assert_eq!(open(&path).unwrap_err().code(), ErrorCode::VaultCorrupt);
    assert_eq!(listing(d.path()), before);
}

/// Before, a vault the person may read but not write was called damaged
/// ("attempt to write a readonly database"), even by commands that only
/// read. Now it opens read-only: reading works, changing says so, and
/// nothing is written or made beside it.
#[test]
fn a_read_only_vault_opens_for_reading_and_refuses_changes() {
    let (d, path, mut v) = new_vault();
    add_bank(&mut v);
    drop(v);
    let before = sha(&path);
    let files = listing(d.path());
    let Some(_ro) = ReadOnly::make(&path) else {
        return;
    };
    let mut v = open(&path).unwrap();
    assert!(v.is_read_only());
    assert_eq!(v.organisations().unwrap().len(), 1);
    assert!(!v.history(None).unwrap().is_empty());
    v.check().unwrap();
    let err = v
        .set_contact(
            &crate::bank(),
            regie_model::Channel::Push,
            regie_model::MessageKind::Marketing,
            false,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::VaultReadOnly);
    assert!(
        err.message(Language::Nl).contains("alleen gelezen"),
        "{err}"
    );
    // An export into a writable place is written, but not recorded.
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let dest = out.join("bank.json");
    let saved = v.export_to(&crate::bank(), Language::En, &dest).unwrap();
    assert!(!saved.recorded);
    assert!(dest.exists());
    // A rotation must record its new key, so it is refused, and writes nothing.
    let rot = out.join("rot.json");
    assert_eq!(
        v.rotate_key_to(&crate::bank(), Language::En, &rot)
            .unwrap_err()
            .code(),
        ErrorCode::VaultReadOnly
    );
    assert!(!rot.exists());
    drop(v);
    std::fs::remove_dir_all(&out).unwrap();
    assert_eq!(sha(&path), before);
    assert_eq!(listing(d.path()), files);
}

/// A restore that fails half-way (here the keychain refuses the key, after
/// the backup was copied into new folders) takes back what it wrote.
#[test]
fn a_restore_that_fails_half_way_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.regie");
    let (v, code) = Vault::create(&source, Protection::Passphrase(passphrase())).unwrap();
    let backup = dir.path().join("backup.regie");
    v.backup(&backup).unwrap();
    drop(v);
    let files = listing(dir.path());
    let target = dir.path().join("new").join("folders").join("v.regie");
    let locked = Keychain::failing_for_tests(|| {
        keyring::Error::NoStorageAccess("collection is locked".into())
    });
    let err = Vault::restore(
        &target,
        Some(&backup),
        code.reveal(),
        Protection::Keychain(locked),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeychainLocked);
    assert_eq!(
        listing(dir.path()),
        files,
        "the copy or its folders were left"
    );
    // In place, a failed restore puts the old key file back.
    let key = source.with_extension("regie.key");
    let old_key = std::fs::read(&key).unwrap();
    let before = sha(&source);
    let locked = Keychain::failing_for_tests(|| {
        keyring::Error::NoStorageAccess("collection is locked".into())
    });
    let err =
        Vault::restore(&source, None, code.reveal(), Protection::Keychain(locked)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeychainLocked);
    assert_eq!(std::fs::read(&key).unwrap(), old_key);
    assert_eq!(sha(&source), before);
    assert_eq!(listing(dir.path()), files);
}

#[test]
fn a_backup_into_a_folder_or_onto_a_full_disk_leaves_nothing() {
    let (d, path, mut v) = new_vault();
    add_bank(&mut v);
    let files = listing(d.path());
    let err = v.backup(d.path()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.message(Language::Nl).contains("een map"), "{err}");
    let err = v
        .backup(&d.path().join("nope").join("b.regie"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.message(Language::Nl).contains("bestaat niet"), "{err}");
    let full = std::path::Path::new("/dev/full");
    if full.exists() {
        let err = v.backup(full).unwrap_err();
        assert_eq!(err.code(), ErrorCode::DiskFull, "{err}");
    }
    assert_eq!(listing(d.path()), files);
    drop(v);
    let _ = path;
}
