//! Pairwise signing keys: one unlinkable key per organisation.
//!
//! If a person used one key for every organisation, organisations could
//! join their files on it. So each organisation sees a different key,
//! derived from the vault's master secret with HKDF-SHA256 (RFC 5869):
//!
//! - input keying material: the 32-byte master secret;
//! - salt: none (HKDF's default of 32 zero bytes);
//! - info: `regie/v1/pairwise-ed25519/` followed by the organisation id as
//!   UTF-8 (e.g. `regie/v1/pairwise-ed25519/kvk:33031431`);
//! - output: 32 bytes, used as the Ed25519 secret key (seed).
//!
//! The derivation is deterministic, so the vault stores only the master
//! secret; the same organisation always gets the same key, and without the
//! master secret two keys cannot be linked. A key rotation uses a new
//! master secret (or a new info version), announced per organisation with a
//! [`crate::KeyRotation`] file.

use ed25519_dalek::SigningKey;
use hkdf::Hkdf;
use regie_model::OrgId;
use sha2::Sha256;
use zeroize::Zeroizing;

/// The domain-separation prefix of the HKDF info string.
pub const PAIRWISE_INFO_PREFIX: &str = "regie/v1/pairwise-ed25519/";

/// The signing key for files to `org_id`. The returned key zeroizes its
/// secret when dropped (ed25519-dalek's `zeroize` feature), and so do the
/// intermediate buffers here.
pub fn pairwise_signing_key(master_secret: &[u8; 32], org_id: &OrgId) -> SigningKey {
    let hk = Hkdf::<Sha256>::new(None, master_secret);
    let mut info = Zeroizing::new(Vec::with_capacity(64));
    info.extend_from_slice(PAIRWISE_INFO_PREFIX.as_bytes());
    info.extend_from_slice(org_id.as_str().as_bytes());
    let mut seed = Zeroizing::new([0u8; 32]);
    hk.expand(&info, seed.as_mut())
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    SigningKey::from_bytes(&seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_per_organisation_and_stable() {
        let master = [7u8; 32];
        let a = OrgId::parse("kvk:33031431").unwrap();
        let b = OrgId::parse("boekhandel-de-vries").unwrap();
        let ka = pairwise_signing_key(&master, &a);
        assert_eq!(ka.to_bytes(), pairwise_signing_key(&master, &a).to_bytes());
        assert_ne!(ka.to_bytes(), pairwise_signing_key(&master, &b).to_bytes());
        assert_ne!(
            ka.to_bytes(),
            pairwise_signing_key(&[8u8; 32], &a).to_bytes()
        );
    }

    #[test]
    fn matches_hkdf_by_hand() {
        // Computed independently (Python's hmac module): PRK = HMAC-SHA256(
        // 32 zero bytes, master), seed = HMAC-SHA256(PRK, info || 0x01).
        let k = pairwise_signing_key(&[0u8; 32], &OrgId::parse("kvk:33031431").unwrap());
        let hex: String = k.to_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex.len(), 64);
        assert_eq!(hex, PINNED);
    }

    const PINNED: &str = "af244f3170d0d131b5fc8d309d71f5afe1c7cb4905cf40025dd331a085a811fa";
}
