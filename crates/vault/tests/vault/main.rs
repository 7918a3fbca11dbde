//! regie-vault's integration tests: one binary, modules mirroring `src/`.
//!
//! Vaults here are real SQLCipher files in temporary folders. Most tests
//! protect them with a passphrase (cheap Argon2id cost) so they run anywhere;
//! `keys` also exercises the real OS keychain.

mod crash;
mod declaration;
mod delivery;
mod error;
mod examples;
mod export;
mod files;
mod history;
mod inbox;
mod keys;
mod requests;
mod store;
mod vault;

use std::path::{Path, PathBuf};

use regie_model::{LegalBasis, OrgId};
use regie_vault::{Keychain, NewHolding, Organisation, Passphrase, Protection, Unlock, Vault};

pub const PASS: &str = "correct horse battery staple";

pub fn passphrase() -> Passphrase {
    Passphrase::new_cheap_for_tests(PASS)
}

/// A new passphrase-protected vault in a fresh temporary folder.
pub fn new_vault() -> (tempfile::TempDir, PathBuf, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.regie");
    let (vault, _code) = Vault::create(&path, Protection::Passphrase(passphrase())).unwrap();
    (dir, path, vault)
}

pub fn open(path: &Path) -> regie_vault::Result<Vault> {
    let kc = Keychain::in_memory();
    let pp = passphrase();
    Vault::open(
        path,
        Unlock {
            keychain: &kc,
            passphrase: Some(&pp),
        },
    )
}

pub fn bank() -> OrgId {
    OrgId::parse("kvk:99999901").unwrap()
}

/// Adds a small bank: transaction monitoring by law, offers with consent,
/// arrears signalling on legitimate interest.
pub fn add_bank(v: &mut Vault) {
    let mut org = Organisation::new(bank(), "Testbank");
    org.privacy_email = Some("privacy@testbank.example".into());
    v.add_organisation(&org).unwrap();
    let h = |category: &str, purpose: &str, basis: LegalBasis| NewHolding {
        category: category.into(),
        purpose: purpose.into(),
        basis,
        retention: Some("P5Y".into()),
        grain: None,
        locked_reason: None,
        note: None,
    };
    let mut wwft = h(
        "pd:Transactional",
        "dpv:CounterMoneyLaundering",
        LegalBasis::LegalObligation,
    );
    wwft.locked_reason = Some(regie_vault::BiText::new(
        "De bank moet dit doen volgens de wet (Wwft) om witwassen te voorkomen.",
        "The bank must do this by law (Wwft) to prevent money laundering.",
    ));
    v.add_holding(&bank(), &wwft).unwrap();
    v.add_holding(
        &bank(),
        &h(
            "pd:Transactional",
            "dpv:DirectMarketing",
            LegalBasis::Consent,
        ),
    )
    .unwrap();
    v.add_holding(
        &bank(),
        &h("pd:Financial", "dpv:DirectMarketing", LegalBasis::Consent),
    )
    .unwrap();
    v.add_holding(
        &bank(),
        &h(
            "pd:Financial",
            "dpv:CreditChecking",
            LegalBasis::LegitimateInterest,
        ),
    )
    .unwrap();
}

pub fn sha(path: &Path) -> Vec<u8> {
    use std::hash::{DefaultHasher, Hasher};
    let bytes = std::fs::read(path).unwrap();
    let mut h = DefaultHasher::new();
    h.write(&bytes);
    let mut out = h.finish().to_be_bytes().to_vec();
    out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
    out
}

/// Exports the preference file for `org` into the vault's folder (under
/// the name Regie gives it) and returns it.
pub fn export(v: &mut Vault, org: &OrgId, lang: regie_model::Language) -> regie_vault::Export {
    let dest = v.path().with_file_name(regie_vault::Export::file_name_for(
        org,
        regie_vault::ExportKind::Preferences,
    ));
    v.export_to(org, lang, &dest).unwrap().export
}

/// Rotates `org`'s key, writing the announcement into the vault's folder.
pub fn rotate(v: &mut Vault, org: &OrgId, lang: regie_model::Language) -> regie_vault::Export {
    let dest = v.path().with_file_name(regie_vault::Export::file_name_for(
        org,
        regie_vault::ExportKind::KeyRotation,
    ));
    v.rotate_key_to(org, lang, &dest).unwrap().export
}

/// The names in a folder, sorted.
pub fn listing(dir: &Path) -> Vec<std::ffi::OsString> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    names
}

/// Makes `file` read-only in a way the operating system enforces for this
/// user, and undoes it when dropped: mode 444 for an ordinary user; for
/// root, which ignores modes, the immutable attribute (`chattr +i`).
/// `None` (with the reason printed) where neither works, such as root on a
/// file system without that attribute.
pub struct ReadOnly(PathBuf, bool);

impl ReadOnly {
    pub fn make(file: &Path) -> Option<ReadOnly> {
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        if !root {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o444)).unwrap();
            return Some(ReadOnly(file.to_owned(), false));
        }
        let ok = std::process::Command::new("chattr")
            .arg("+i")
            .arg(file)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: running as root, and chattr +i does not work here");
            return None;
        }
        Some(ReadOnly(file.to_owned(), true))
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.1 {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
        } else {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o600));
        }
    }
}
