//! Key material: the vault's master secret, where it is kept, and what is
//! derived from it.
//!
//! Every vault has one random 32-byte master secret. It never touches the
//! disk in the clear: it lives in the OS keychain (Secret Service, macOS
//! Keychain, Windows Credential Manager), or, where the person chooses so,
//! wrapped under a passphrase (Argon2id + XChaCha20-Poly1305) in the key
//! file beside the vault. Everything else is derived from it with HKDF-SHA256
//! and a distinct label per use, so learning one derived key reveals neither
//! the master secret nor any other key.
//!
//! Nothing outside this module sees a secret unwrapped: [`MasterSecret`] and
//! [`DbKey`] cannot be printed, are zeroised on drop, and leave this module
//! only as opaque values or as the SQLCipher key pragma.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::{BASE32_NOPAD, BASE64};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, KeychainProblem};

/// The keychain service name under which Regie stores vault secrets.
pub const KEYCHAIN_SERVICE: &str = "regie";

const LABEL_DB_KEY: &[u8] = b"regie/v1/vault-db-key";
const LABEL_KEY_CHECK: &[u8] = b"regie/v1/vault-key-check";
const RECOVERY_CHECK: &[u8] = b"regie/v1/recovery-code";

/// The vault's master secret. Cannot be printed; zeroised on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct MasterSecret([u8; 32]);

impl fmt::Debug for MasterSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterSecret(<redacted>)")
    }
}

impl MasterSecret {
    /// A fresh random secret from the operating system.
    pub(crate) fn generate() -> Result<Self, Error> {
        let mut bytes = [0u8; 32];
        getrandom::getrandom(&mut bytes).map_err(|e| Error::Random(e.to_string()))?;
        Ok(MasterSecret(bytes))
    }

    fn from_slice(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(MasterSecret(arr))
    }

    fn derive(&self, label: &[u8]) -> Zeroizing<[u8; 32]> {
        let hk = Hkdf::<Sha256>::new(Some(b"regie"), &self.0);
        let mut out = Zeroizing::new([0u8; 32]);
        hk.expand(label, out.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 length");
        out
    }

    /// The SQLCipher database key.
    pub(crate) fn db_key(&self) -> DbKey {
        DbKey(self.derive(LABEL_DB_KEY))
    }

    /// A value stored in the key file that tells "wrong key" apart from "the
    /// database is damaged" without revealing anything about the key.
    pub(crate) fn key_check(&self) -> String {
        BASE64.encode(&self.derive(LABEL_KEY_CHECK)[..16])
    }

    /// Runs `f` with the raw secret, for derivations that live in other
    /// crates (the pairwise signing keys of preference files). The bytes are
    /// borrowed, never copied out by this module.
    pub(crate) fn with_bytes<T>(&self, f: impl FnOnce(&[u8; 32]) -> T) -> T {
        f(&self.0)
    }

    /// The recovery code: the secret plus a 2-byte checksum, in groups of five
    /// letters and digits that are easy to type.
    pub(crate) fn recovery_code(&self) -> RecoveryCode {
        let mut buf = Zeroizing::new([0u8; 34]);
        buf[..32].copy_from_slice(&self.0);
        buf[32..].copy_from_slice(&recovery_checksum(&self.0));
        let encoded = Zeroizing::new(BASE32_NOPAD.encode(&buf[..]));
        let grouped = encoded
            .as_bytes()
            .chunks(5)
            .map(|c| std::str::from_utf8(c).expect("base32 is ASCII"))
            .collect::<Vec<_>>()
            .join("-");
        RecoveryCode(Zeroizing::new(grouped))
    }

    /// Reads a recovery code typed by a person: case, spaces and hyphens do
    /// not matter, and 0, 1 and 8 are read as O, I and B.
    pub(crate) fn from_recovery_code(code: &str) -> Result<Self, Error> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            code.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    '0' => 'O',
                    '1' => 'I',
                    '8' => 'B',
                    other => other,
                })
                .collect(),
        );
        let bytes = Zeroizing::new(
            BASE32_NOPAD
                .decode(cleaned.as_bytes())
                .map_err(|_| Error::BadRecoveryCode)?,
        );
        if bytes.len() != 34 {
            return Err(Error::BadRecoveryCode);
        }
        let secret = MasterSecret::from_slice(&bytes[..32]).ok_or(Error::BadRecoveryCode)?;
        if recovery_checksum(&secret.0) != bytes[32..] {
            return Err(Error::BadRecoveryCode);
        }
        Ok(secret)
    }
}

fn recovery_checksum(secret: &[u8; 32]) -> [u8; 2] {
    let mut h = Sha256::new();
    h.update(RECOVERY_CHECK);
    h.update(secret);
    let d = h.finalize();
    [d[0], d[1]]
}

/// A recovery code, shown to the person once. Prints as `RecoveryCode(<redacted>)`
/// under `{:?}`; [`RecoveryCode::reveal`] is the one deliberate way to show it.
#[derive(Clone)]
pub struct RecoveryCode(Zeroizing<String>);

impl RecoveryCode {
    /// The code, for showing to the person once.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(<redacted>)")
    }
}

/// The SQLCipher key. Leaves this module only as the key pragma's value.
pub(crate) struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    /// The value for `PRAGMA key`: a raw key, so SQLCipher skips its own
    /// (slow, and here redundant) password derivation.
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(67));
        s.push_str("x'");
        s.push_str(&data_encoding::HEXUPPER.encode(&self.0[..]));
        s.push('\'');
        s
    }
}

/// How a vault's master secret is protected.
pub enum Protection {
    /// In the OS keychain.
    Keychain(Keychain),
    /// Wrapped under a passphrase the person chose, in the key file.
    Passphrase(Passphrase),
}

/// A passphrase. Cannot be printed; zeroised on drop.
pub struct Passphrase {
    text: Zeroizing<String>,
    params: KdfParams,
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

impl Passphrase {
    /// The shortest passphrase accepted.
    pub const MIN_CHARS: usize = 10;

    /// Wraps a passphrase with the default Argon2id cost.
    pub fn new(text: impl Into<String>) -> Self {
        Passphrase {
            text: Zeroizing::new(text.into()),
            params: KdfParams::default(),
        }
    }

    /// A passphrase with a cheap Argon2id cost, for tests only.
    #[cfg(feature = "test-support")]
    pub fn new_cheap_for_tests(text: impl Into<String>) -> Self {
        Passphrase {
            text: Zeroizing::new(text.into()),
            params: KdfParams {
                m_kib: 256,
                t: 1,
                p: 1,
            },
        }
    }
}

/// Argon2id cost parameters, stored in the key file so they can grow later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane: about half a second on a current laptop.
    fn default() -> Self {
        KdfParams {
            m_kib: 64 * 1024,
            t: 3,
            p: 1,
        }
    }
}

/// The key file beside the vault (`<vault>.key`): which vault this is, how
/// its master secret is protected, and a check value. It never holds a
/// secret in the clear.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyFile {
    pub format: String,
    pub vault_id: String,
    pub key_check: String,
    pub protection: StoredProtection,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum StoredProtection {
    Keychain {
        service: String,
        account: String,
    },
    Passphrase {
        kdf: String,
        params: KdfParams,
        salt: String,
        nonce: String,
        wrapped: String,
    },
}

const KEY_FILE_FORMAT: &str = "regie-vault-key/1";

impl KeyFile {
    pub(crate) fn path_for(vault: &Path) -> PathBuf {
        let mut p = vault.as_os_str().to_owned();
        p.push(".key");
        PathBuf::from(p)
    }

    pub(crate) fn read(vault: &Path) -> Result<KeyFile, Error> {
        let path = Self::path_for(vault);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::KeyFileMissing(path))
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        let kf: KeyFile =
            serde_json::from_slice(&bytes).map_err(|_| Error::KeyFileDamaged(path.clone()))?;
        if kf.format != KEY_FILE_FORMAT {
            return Err(Error::KeyFileDamaged(path));
        }
        Ok(kf)
    }

    /// Writes the key file atomically (a temporary file, synced, then
    /// renamed) and readable by its owner only: it holds the wrapped master
    /// secret, which a copy would let anyone attack offline.
    pub(crate) fn write(&self, vault: &Path) -> Result<(), Error> {
        let path = Self::path_for(vault);
        let json = serde_json::to_vec_pretty(self).expect("key file serialises");
        crate::files::write_atomic(&path, &json).map_err(|e| Error::io(&path, e))
    }

    /// Protects `secret` as asked and describes how, for the key file.
    pub(crate) fn protect(
        vault_id: &str,
        secret: &MasterSecret,
        protection: &Protection,
    ) -> Result<KeyFile, Error> {
        let stored = match protection {
            Protection::Keychain(kc) => {
                let account = format!("vault-{vault_id}");
                kc.store(&account, secret)?;
                StoredProtection::Keychain {
                    service: kc.service.clone(),
                    account,
                }
            }
            Protection::Passphrase(pp) => {
                if pp.text.chars().count() < Passphrase::MIN_CHARS {
                    return Err(Error::PassphraseTooShort(Passphrase::MIN_CHARS));
                }
                let mut salt = [0u8; 16];
                let mut nonce = [0u8; 24];
                getrandom::getrandom(&mut salt).map_err(|e| Error::Random(e.to_string()))?;
                getrandom::getrandom(&mut nonce).map_err(|e| Error::Random(e.to_string()))?;
                let kek = argon2_kek(&pp.text, &salt, pp.params)?;
                let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
                let wrapped = cipher
                    .encrypt(XNonce::from_slice(&nonce), &secret.0[..])
                    .map_err(|_| Error::Random("encryption failed".into()))?;
                StoredProtection::Passphrase {
                    kdf: "argon2id".into(),
                    params: pp.params,
                    salt: BASE64.encode(&salt),
                    nonce: BASE64.encode(&nonce),
                    wrapped: BASE64.encode(&wrapped),
                }
            }
        };
        Ok(KeyFile {
            format: KEY_FILE_FORMAT.into(),
            vault_id: vault_id.to_owned(),
            key_check: secret.key_check(),
            protection: stored,
        })
    }

    /// Gets the master secret back, from the keychain or with the passphrase.
    pub(crate) fn unlock(
        &self,
        keychain: &Keychain,
        passphrase: Option<&Passphrase>,
    ) -> Result<MasterSecret, Error> {
        let secret = match &self.protection {
            StoredProtection::Keychain { service, account } => {
                let kc = Keychain {
                    service: service.clone(),
                    backend: keychain.backend.clone(),
                };
                kc.load(account)?
            }
            StoredProtection::Passphrase {
                kdf,
                params,
                salt,
                nonce,
                wrapped,
            } => {
                let pp = passphrase.ok_or(Error::PassphraseNeeded)?;
                if kdf != "argon2id" {
                    return Err(Error::KeyFileDamaged(PathBuf::from(
                        "(unknown key derivation)",
                    )));
                }
                let dec = |s: &str| {
                    BASE64
                        .decode(s.as_bytes())
                        .map_err(|_| Error::KeyFileDamaged(PathBuf::new()))
                };
                let (salt, nonce, wrapped) = (dec(salt)?, dec(nonce)?, dec(wrapped)?);
                if nonce.len() != 24 {
                    return Err(Error::KeyFileDamaged(PathBuf::new()));
                }
                let kek = argon2_kek(&pp.text, &salt, *params)?;
                let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
                let plain = Zeroizing::new(
                    cipher
                        .decrypt(XNonce::from_slice(&nonce), &wrapped[..])
                        .map_err(|_| Error::WrongPassphrase)?,
                );
                MasterSecret::from_slice(&plain).ok_or(Error::WrongPassphrase)?
            }
        };
        if secret.key_check() != self.key_check {
            return Err(Error::WrongKey);
        }
        Ok(secret)
    }

    /// Removes the secret from the keychain, if it is kept there.
    pub(crate) fn forget(&self, keychain: &Keychain) -> Result<(), Error> {
        if let StoredProtection::Keychain { service, account } = &self.protection {
            let kc = Keychain {
                service: service.clone(),
                backend: keychain.backend.clone(),
            };
            kc.delete(account)?;
        }
        Ok(())
    }

    pub(crate) fn uses_keychain(&self) -> bool {
        matches!(self.protection, StoredProtection::Keychain { .. })
    }
}

fn argon2_kek(pass: &str, salt: &[u8], p: KdfParams) -> Result<Zeroizing<[u8; 32]>, Error> {
    let params = argon2::Params::new(p.m_kib, p.t, p.p, Some(32))
        .map_err(|_| Error::KeyFileDamaged(PathBuf::new()))?;
    let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    a.hash_password_into(pass.as_bytes(), salt, out.as_mut())
        .map_err(|_| Error::KeyFileDamaged(PathBuf::new()))?;
    Ok(out)
}

/// The OS keychain, through the `keyring` crate.
#[derive(Clone)]
pub struct Keychain {
    service: String,
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Os,
    Memory(Arc<Mutex<HashMap<String, Vec<u8>>>>),
    #[cfg(feature = "test-support")]
    Failing(fn() -> keyring::Error),
}

impl Keychain {
    /// The person's OS keychain.
    pub fn os() -> Self {
        Keychain {
            service: KEYCHAIN_SERVICE.into(),
            backend: Backend::Os,
        }
    }

    /// A keychain that lives in this process only, for tests and throwaway
    /// demo vaults whose key must not outlive the process.
    pub fn in_memory() -> Self {
        Keychain {
            service: KEYCHAIN_SERVICE.into(),
            backend: Backend::Memory(Arc::default()),
        }
    }

    /// A keychain that fails every call with the error `make` gives, through
    /// keyring's own mock credential (for faults that cannot be caused for
    /// real, like a locked keychain).
    #[cfg(feature = "test-support")]
    pub fn failing_for_tests(make: fn() -> keyring::Error) -> Self {
        Keychain {
            service: KEYCHAIN_SERVICE.into(),
            backend: Backend::Failing(make),
        }
    }

    /// Whether this is the person's real OS keychain.
    pub fn is_os(&self) -> bool {
        matches!(self.backend, Backend::Os)
    }

    /// Checks that the keychain can be reached and used, by storing,
    /// reading and removing a probe entry.
    pub fn probe(&self) -> Result<(), Error> {
        let account = "probe";
        let mut probe = [0u8; 32];
        probe[0] = 1;
        let s = MasterSecret(probe);
        self.store(account, &s)?;
        let back = self.load(account)?;
        self.delete(account)?;
        if back.0 != s.0 {
            return Err(Error::Keychain(KeychainProblem::Unavailable(
                "the keychain returned a different value".into(),
            )));
        }
        Ok(())
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, Error> {
        match &self.backend {
            Backend::Os => keyring::Entry::new(&self.service, account).map_err(map_keyring),
            Backend::Memory(_) => unreachable!("memory backend has no keyring entry"),
            #[cfg(feature = "test-support")]
            Backend::Failing(make) => {
                let cred = keyring::mock::MockCredential::default();
                cred.set_error(make());
                Ok(keyring::Entry::new_with_credential(Box::new(cred)))
            }
        }
    }

    pub(crate) fn store(&self, account: &str, secret: &MasterSecret) -> Result<(), Error> {
        if let Backend::Memory(m) = &self.backend {
            m.lock()
                .expect("keychain lock")
                .insert(account.into(), secret.0.to_vec());
            return Ok(());
        }
        self.entry(account)?
            .set_secret(&secret.0)
            .map_err(map_keyring)
    }

    pub(crate) fn load(&self, account: &str) -> Result<MasterSecret, Error> {
        if let Backend::Memory(m) = &self.backend {
            let map = m.lock().expect("keychain lock");
            let v = map
                .get(account)
                .ok_or(Error::Keychain(KeychainProblem::KeyMissing))?;
            return MasterSecret::from_slice(v).ok_or(Error::Keychain(KeychainProblem::KeyMissing));
        }
        let bytes = Zeroizing::new(self.entry(account)?.get_secret().map_err(map_keyring)?);
        MasterSecret::from_slice(&bytes).ok_or(Error::Keychain(KeychainProblem::KeyMissing))
    }

    pub(crate) fn delete(&self, account: &str) -> Result<(), Error> {
        if let Backend::Memory(m) = &self.backend {
            m.lock().expect("keychain lock").remove(account);
            return Ok(());
        }
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring(e)),
        }
    }
}

/// Maps keyring's errors to the three cases a person can act on.
fn map_keyring(e: keyring::Error) -> Error {
    Error::Keychain(match e {
        keyring::Error::NoEntry => KeychainProblem::KeyMissing,
        keyring::Error::NoStorageAccess(inner) => KeychainProblem::Locked(inner.to_string()),
        keyring::Error::PlatformFailure(inner) => KeychainProblem::Unavailable(inner.to_string()),
        other => KeychainProblem::Unavailable(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_code_round_trips_and_forgives_typing() {
        let s = MasterSecret::generate().unwrap();
        let code = s.recovery_code();
        let back = MasterSecret::from_recovery_code(code.reveal()).unwrap();
        assert_eq!(back.0, s.0);
        let sloppy = code
            .reveal()
            .to_lowercase()
            .replace('-', " ")
            .replace('o', "0");
        assert_eq!(MasterSecret::from_recovery_code(&sloppy).unwrap().0, s.0);
    }

    #[test]
    fn recovery_code_checksum_catches_a_typo() {
        let s = MasterSecret::generate().unwrap();
        let code = s.recovery_code().reveal().to_owned();
        let mut chars: Vec<char> = code.chars().collect();
        chars[3] = if chars[3] == 'A' { 'C' } else { 'A' };
        let typo: String = chars.into_iter().collect();
        assert!(matches!(
            MasterSecret::from_recovery_code(&typo),
            Err(Error::BadRecoveryCode)
        ));
        assert!(matches!(
            MasterSecret::from_recovery_code("ABCDE"),
            Err(Error::BadRecoveryCode)
        ));
    }

    #[test]
    fn secrets_do_not_print() {
        let s = MasterSecret::generate().unwrap();
        assert_eq!(format!("{s:?}"), "MasterSecret(<redacted>)");
        assert_eq!(
            format!("{:?}", s.recovery_code()),
            "RecoveryCode(<redacted>)"
        );
        assert_eq!(
            format!("{:?}", Passphrase::new("correct horse")),
            "Passphrase(<redacted>)"
        );
    }

    #[test]
    fn derived_keys_are_domain_separated() {
        let s = MasterSecret::generate().unwrap();
        assert_ne!(*s.derive(LABEL_DB_KEY), *s.derive(LABEL_KEY_CHECK));
        assert_ne!(*s.derive(LABEL_DB_KEY), s.0);
    }

    #[test]
    fn keyring_errors_map_to_what_a_person_can_act_on() {
        let locked = map_keyring(keyring::Error::NoStorageAccess("locked".into()));
        assert!(matches!(
            locked,
            Error::Keychain(KeychainProblem::Locked(_))
        ));
        let gone = map_keyring(keyring::Error::PlatformFailure("no dbus".into()));
        assert!(matches!(
            gone,
            Error::Keychain(KeychainProblem::Unavailable(_))
        ));
        assert!(matches!(
            map_keyring(keyring::Error::NoEntry),
            Error::Keychain(KeychainProblem::KeyMissing)
        ));
    }
}
