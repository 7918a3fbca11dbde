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
//! master secret two keys cannot be linked.
//!
//! Keys rotate per organisation by epoch ([`pairwise_signing_key_at`]).
//! Epoch 0 is the key above. Epoch `n` > 0 uses the info
//! `regie/v1/pairwise-ed25519/<org id>/<n>` (`n` in decimal, no leading
//! zeros), e.g. `regie/v1/pairwise-ed25519/kvk:33031431/1`. A rotation moves
//! to the next epoch and is announced to the organisation with a
//! [`crate::KeyRotation`] file signed with the previous epoch's key and the
//! new one, so the vault stores only the master secret and the current
//! epoch per organisation. (An organisation id cannot contain `/`, so no
//! epoch's info equals another organisation's.)

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
    pairwise_signing_key_at(master_secret, org_id, 0)
}

/// The signing key for files to `org_id` in key epoch `epoch`: epoch 0 is
/// [`pairwise_signing_key`]; epoch `n` > 0 uses the info
/// `regie/v1/pairwise-ed25519/<org id>/<n>`. A rotation moves to the next
/// epoch and is announced with a [`crate::KeyRotation`] file signed with the
/// previous epoch's key and this one.
pub fn pairwise_signing_key_at(master_secret: &[u8; 32], org_id: &OrgId, epoch: u32) -> SigningKey {
    let hk = Hkdf::<Sha256>::new(None, master_secret);
    let mut info = Zeroizing::new(Vec::with_capacity(80));
    info.extend_from_slice(PAIRWISE_INFO_PREFIX.as_bytes());
    info.extend_from_slice(org_id.as_str().as_bytes());
    if epoch > 0 {
        info.push(b'/');
        info.extend_from_slice(epoch.to_string().as_bytes());
    }
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

    #[test]
    fn epochs_give_different_keys_and_epoch_0_is_the_original() {
        let master = [7u8; 32];
        let org = OrgId::parse("kvk:33031431").unwrap();
        let k0 = pairwise_signing_key_at(&master, &org, 0);
        assert_eq!(
            k0.to_bytes(),
            pairwise_signing_key(&master, &org).to_bytes()
        );
        let keys: Vec<[u8; 32]> = (0..5)
            .map(|e| pairwise_signing_key_at(&master, &org, e).to_bytes())
            .collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(
            pairwise_signing_key_at(&master, &org, 3).to_bytes(),
            pairwise_signing_key_at(&master, &org, 3).to_bytes()
        );
        // Epoch 1 is HKDF with the info ".../kvk:33031431/1".
        let hk = Hkdf::<Sha256>::new(None, &master);
        let mut seed = [0u8; 32];
        hk.expand(b"regie/v1/pairwise-ed25519/kvk:33031431/1", &mut seed)
            .unwrap();
        assert_eq!(pairwise_signing_key_at(&master, &org, 1).to_bytes(), seed);
    }

    const PINNED: &str = "af244f3170d0d131b5fc8d309d71f5afe1c7cb4905cf40025dd331a085a811fa";
}
