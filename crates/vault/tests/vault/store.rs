//! Opening: not found, in use, wrong key, damaged files. A vault that does
//! not open is never changed.

use std::io::{Seek, SeekFrom, Write};

use regie_vault::{ErrorCode, Keychain, Passphrase, Protection, Unlock, Vault};

use crate::{add_bank, new_vault, open, passphrase, sha};

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
