//! The organisation's receipt key: the Ed25519 key that signs its
//! declaration (version 2) and every receipt its inbox answers with.
//!
//! It is kept in a file of its own, as PKCS#8 in PEM (RFC 8410, `-----BEGIN
//! PRIVATE KEY-----`), the form `openssl genpkey -algorithm ed25519`
//! writes: an organisation can make, back up and inspect it with the tools
//! it already has (`openssl pkey -in FILE -pubout`), and move it into a
//! key store that imports PKCS#8. [`write_new`] makes a new one readable by
//! its owner only and never replaces a file; [`read`] refuses a file that
//! others may read, as SSH does, because whoever reads it can sign receipts
//! and declarations in the organisation's name.
//!
//! The key itself never leaves this module in text: [`ReceiptKey`] prints
//! only its public `did:key`, and is wiped from memory when dropped.

use std::path::Path;

use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use ed25519_dalek::SigningKey;
use regie_prefs::rand_core::OsRng;
use regie_prefs::DidKey;

/// The largest key file read: a PEM Ed25519 key is about 120 bytes.
const MAX_KEY_FILE: u64 = 16 * 1024;

/// The organisation's receipt key, with its public `did:key`.
pub struct ReceiptKey {
    signing: SigningKey,
    did: DidKey,
}

impl std::fmt::Debug for ReceiptKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReceiptKey({})", self.did.did())
    }
}

impl ReceiptKey {
    /// The key with this private part.
    pub fn new(signing: SigningKey) -> Self {
        let did = DidKey::new(signing.verifying_key());
        ReceiptKey { signing, did }
    }

    /// A new random key, from the operating system's generator.
    pub fn generate() -> Self {
        ReceiptKey::new(SigningKey::generate(&mut OsRng))
    }

    /// The key that signs.
    pub fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// Its public `did:key`, which the declaration names.
    pub fn did(&self) -> &DidKey {
        &self.did
    }
}

/// Why a key file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    /// The system refused to read or write it.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Group or others may read it (its mode, in octal).
    #[error("the key file can be read by others (mode {0:o})")]
    Exposed(u32),
    /// Not an Ed25519 key in PKCS#8 PEM.
    #[error("not an Ed25519 private key in PKCS#8 PEM")]
    NotAKey,
    /// Larger than a key file can be.
    #[error("larger than a key file")]
    TooLarge,
}

/// Writes a new random key to `path`, which must not exist yet, readable
/// and writable by its owner only (0600, whatever the umask), and flushed
/// to disk before it returns.
pub fn write_new(path: &Path) -> Result<ReceiptKey, KeyFileError> {
    let key = ReceiptKey::generate();
    let pem = key
        .signing
        .to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
        .map_err(|_| KeyFileError::NotAKey)?;
    crate::private_file::write_new(path, pem.as_bytes())?;
    Ok(key)
}

/// Reads the key in `path`. On Unix a file that its group or others may
/// read is refused ([`KeyFileError::Exposed`]).
pub fn read(path: &Path) -> Result<ReceiptKey, KeyFileError> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    let meta = f.metadata()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(KeyFileError::Exposed(mode));
        }
    }
    if meta.len() > MAX_KEY_FILE {
        return Err(KeyFileError::TooLarge);
    }
    let mut bytes = zeroize::Zeroizing::new(Vec::new());
    f.take(MAX_KEY_FILE + 1).read_to_end(&mut bytes)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| KeyFileError::NotAKey)?;
    let signing = SigningKey::from_pkcs8_pem(text.trim()).map_err(|_| KeyFileError::NotAKey)?;
    Ok(ReceiptKey::new(signing))
}
