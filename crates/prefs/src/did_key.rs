//! `did:key` identifiers for Ed25519 public keys.
//!
//! A `did:key` is the public key itself, written as a URI, so a verifier
//! needs no registry, network or Regie service to find the key that signed a
//! file: `did:key:` + `z` (multibase base58btc) + base58btc of the multicodec
//! prefix `0xed 0x01` (varint of 0xed, "ed25519-pub") and the 32 key bytes.
//! Such a key always starts with `did:key:z6Mk`. Its verification method is
//! the DID, `#`, and the same multibase string again.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::VerifyingKey;

use crate::error::Detail;

/// The multicodec prefix of an Ed25519 public key (varint of 0xed).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// An Ed25519 public key named as a `did:key`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DidKey(VerifyingKey);

/// Why a text is not an Ed25519 `did:key`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DidKeyError {
    /// It does not start with `did:key:z`.
    #[error("'{0}' is not a did:key in base58btc (it must start with did:key:z)")]
    NotDidKey(String),
    /// The part after `z` is not base58btc.
    #[error("the key in '{0}' is not valid base58btc")]
    Base58(String),
    /// The key is not an Ed25519 public key (wrong multicodec or length).
    #[error("'{0}' is not an Ed25519 key (it must start with did:key:z6Mk and hold 32 bytes)")]
    NotEd25519(String),
    /// The 32 bytes are not a point on the curve.
    #[error("the key in '{0}' is not a valid Ed25519 public key")]
    InvalidKey(String),
    /// The verification method has no fragment, or the fragment is not the key.
    #[error("the verification method '{0}' must be the did:key, '#', and the same key again")]
    BadFragment(String),
}

impl DidKeyError {
    /// What was wrong, in Dutch and in English (the English is the
    /// error's own text).
    pub fn detail(&self) -> Detail {
        let nl = match self {
            DidKeyError::NotDidKey(s) => {
                format!("'{s}' is geen did:key in base58btc (die begint met did:key:z)")
            }
            DidKeyError::Base58(s) => format!("de sleutel in '{s}' is geen geldige base58btc"),
            DidKeyError::NotEd25519(s) => format!(
                "'{s}' is geen Ed25519-sleutel (die begint met did:key:z6Mk en heeft 32 bytes)"
            ),
            DidKeyError::InvalidKey(s) => {
                format!("de sleutel in '{s}' is geen geldige publieke Ed25519-sleutel")
            }
            DidKeyError::BadFragment(s) => format!(
                "de verificatiemethode '{s}' moet de did:key zijn, dan '#', en dan dezelfde sleutel nog eens"
            ),
        };
        Detail::new(nl, self.to_string())
    }
}

impl DidKey {
    /// Wraps a public key.
    pub fn new(key: VerifyingKey) -> Self {
        DidKey(key)
    }

    /// The public key.
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.0
    }

    /// The multibase form of the key, `z6Mk...`.
    pub fn multibase(&self) -> String {
        let mut bytes = Vec::with_capacity(34);
        bytes.extend_from_slice(&ED25519_PUB);
        bytes.extend_from_slice(self.0.as_bytes());
        format!("z{}", bs58::encode(bytes).into_string())
    }

    /// The DID, `did:key:z6Mk...`.
    pub fn did(&self) -> String {
        format!("did:key:{}", self.multibase())
    }

    /// The verification method id, `did:key:z6Mk...#z6Mk...`.
    pub fn verification_method(&self) -> String {
        let mb = self.multibase();
        format!("did:key:{mb}#{mb}")
    }

    /// A short text by which a person can compare this key with what its
    /// holder publishes (on a website, in a letter): 16 characters of
    /// Crockford base32 in groups of four, such as `WXJ0-N6CW-D59F-4EBX`. They are
    /// the first 80 bits of SHA-256 over `regie/v1/fingerprint/ed25519/`
    /// and the 32 key bytes. Making another key with the same fingerprint
    /// takes about 2^80 tries, beyond anyone's reach; fewer characters
    /// would bring it within reach of a determined attacker (2^40 tries
    /// are hours on one computer).
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        hash.update(b"regie/v1/fingerprint/ed25519/");
        hash.update(self.0.as_bytes());
        let digest = hash.finalize();
        // The first 80 bits, as 16 groups of 5 bits.
        let mut bits = u128::from_be_bytes(digest[..16].try_into().unwrap_or([0; 16])) >> 48;
        let mut chars = [0u8; 16];
        for c in chars.iter_mut().rev() {
            *c = crate::link_code::CROCKFORD[(bits & 31) as usize];
            bits >>= 5;
        }
        let s = std::str::from_utf8(&chars).unwrap_or_default();
        format!("{}-{}-{}-{}", &s[..4], &s[4..8], &s[8..12], &s[12..])
    }

    /// Parses a DID `did:key:z6Mk...`.
    pub fn parse(did: &str) -> Result<Self, DidKeyError> {
        let mb = did
            .strip_prefix("did:key:")
            .ok_or_else(|| DidKeyError::NotDidKey(did.to_owned()))?;
        Self::from_multibase(mb).map_err(|e| match e {
            DidKeyError::NotDidKey(_) => DidKeyError::NotDidKey(did.to_owned()),
            DidKeyError::Base58(_) => DidKeyError::Base58(did.to_owned()),
            DidKeyError::NotEd25519(_) => DidKeyError::NotEd25519(did.to_owned()),
            other => other,
        })
    }

    /// Parses the multibase form `z6Mk...`.
    pub fn from_multibase(mb: &str) -> Result<Self, DidKeyError> {
        let b58 = mb
            .strip_prefix('z')
            .ok_or_else(|| DidKeyError::NotDidKey(mb.to_owned()))?;
        // 34 bytes are at most 47 base58 characters; refuse long input early.
        if b58.len() > 48 {
            return Err(DidKeyError::NotEd25519(mb.to_owned()));
        }
        let mut buf = [0u8; 40];
        let n = base58_decode(b58.as_bytes(), &mut buf)
            .ok_or_else(|| DidKeyError::Base58(mb.to_owned()))?;
        let bytes = &buf[..n];
        let key: [u8; 32] = match bytes.split_first_chunk::<2>() {
            Some((prefix, rest)) if *prefix == ED25519_PUB => rest
                .try_into()
                .map_err(|_| DidKeyError::NotEd25519(mb.to_owned()))?,
            _ => return Err(DidKeyError::NotEd25519(mb.to_owned())),
        };
        let vk =
            VerifyingKey::from_bytes(&key).map_err(|_| DidKeyError::InvalidKey(mb.to_owned()))?;
        // Base58 of a fixed number of bytes is unique except for leading
        // '1's, which stand for leading zero bytes; the first byte is 0xed,
        // so a leading '1' means a second spelling of the same key.
        if b58.starts_with('1') {
            return Err(DidKeyError::Base58(mb.to_owned()));
        }
        Ok(DidKey(vk))
    }

    /// Parses a verification method id `did:key:z...#z...`, requiring the
    /// fragment to be the same key.
    pub fn parse_verification_method(vm: &str) -> Result<Self, DidKeyError> {
        let (did, fragment) = vm
            .split_once('#')
            .ok_or_else(|| DidKeyError::BadFragment(vm.to_owned()))?;
        // The fragment must be the same multibase text as the DID's key
        // (compared as text: the DID's key is parsed and checked below).
        let Some(multibase) = did.strip_prefix("did:key:") else {
            return Err(DidKeyError::NotDidKey(did.to_owned()));
        };
        if fragment != multibase {
            return Err(DidKeyError::BadFragment(vm.to_owned()));
        }
        Self::parse(did)
    }
}

/// The value of each base58btc (Bitcoin alphabet) character, 0xFF if none.
static BASE58_DIGIT: [u8; 256] = {
    const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut t = [0xFF; 256];
    let mut i = 0;
    while i < 58 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Decodes base58btc into `out` and returns the number of bytes, as the
/// `bs58` crate does (each leading `1` is a zero byte), or `None` if a
/// character is not base58 or the bytes do not fit. Five characters at a
/// time on 32-bit limbs: several times faster than byte-wise decoding of a
/// signature, which every verification does.
pub(crate) fn base58_decode(text: &[u8], out: &mut [u8]) -> Option<usize> {
    let zeros = text.iter().take_while(|&&c| c == b'1').count();
    // Little-endian 32-bit limbs; room for 96 bytes.
    let mut limbs = [0u32; 24];
    let mut used = 0;
    for chunk in text[zeros..].chunks(5) {
        let (mut mul, mut add) = (1u64, 0u64);
        for &c in chunk {
            let d = BASE58_DIGIT[c as usize];
            if d == 0xFF {
                return None;
            }
            mul *= 58;
            add = add * 58 + u64::from(d);
        }
        let mut carry = add;
        for limb in &mut limbs[..used] {
            let t = u64::from(*limb) * mul + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            *limbs.get_mut(used)? = carry as u32;
            used += 1;
        }
    }
    let top_bytes = limbs[..used]
        .last()
        .map_or(0, |l| 4 - l.leading_zeros() as usize / 8);
    let value_len = if used == 0 {
        0
    } else {
        (used - 1) * 4 + top_bytes
    };
    let total = zeros + value_len;
    let out = out.get_mut(..total)?;
    out[..zeros].fill(0);
    for (i, b) in out[zeros..].iter_mut().rev().enumerate() {
        *b = (limbs[i / 4] >> (8 * (i % 4))) as u8;
    }
    Some(total)
}

impl fmt::Display for DidKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.did())
    }
}

impl fmt::Debug for DidKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DidKey({})", self.did())
    }
}

impl FromStr for DidKey {
    type Err = DidKeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DidKey::parse(s)
    }
}

impl serde::Serialize for DidKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.did())
    }
}

impl<'de> serde::Deserialize<'de> for DidKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DidKey::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The public key of the W3C vc-di-eddsa test vectors.
    const W3C: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

    #[test]
    fn round_trips() {
        let k = DidKey::from_multibase(W3C).unwrap();
        assert_eq!(k.multibase(), W3C);
        assert_eq!(k.did(), format!("did:key:{W3C}"));
        assert_eq!(DidKey::parse(&k.did()).unwrap(), k);
        assert_eq!(
            DidKey::parse_verification_method(&k.verification_method()).unwrap(),
            k
        );
    }

    #[test]
    fn base58_decodes_as_bs58() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in 0..300usize {
            let len = n % 70;
            let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if n % 3 == 0 && len > 2 {
                bytes[0] = 0;
                bytes[1] = 0;
            }
            let text = bs58::encode(&bytes).into_string();
            let mut out = [0u8; 64];
            let mine = base58_decode(text.as_bytes(), &mut out);
            let mut theirs = [0u8; 64];
            let want = bs58::decode(&text).onto(&mut theirs[..]).ok();
            assert_eq!(mine, want, "{text}");
            if let Some(k) = mine {
                assert_eq!(out[..k], bytes[..]);
            }
        }
        for bad in ["0", "O", "I", "l", "z+", "abc\u{e9}"] {
            assert_eq!(base58_decode(bad.as_bytes(), &mut [0u8; 64]), None);
        }
        assert_eq!(base58_decode(b"", &mut [0u8; 4]), Some(0));
        assert_eq!(base58_decode(b"111", &mut [0u8; 2]), None);
    }

    #[test]
    fn rejects_other_forms() {
        assert!(matches!(
            DidKey::parse(&format!("did:web:{W3C}")),
            Err(DidKeyError::NotDidKey(_))
        ));
        assert!(matches!(
            DidKey::parse("did:key:f6Mk"),
            Err(DidKeyError::NotDidKey(_))
        ));
        assert!(matches!(
            DidKey::parse("did:key:z0OIl"),
            Err(DidKeyError::Base58(_))
        ));
        // A secp256k1 did:key (multicodec 0xe7).
        assert!(matches!(
            DidKey::parse("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"),
            Err(DidKeyError::NotEd25519(_))
        ));
        assert!(matches!(
            DidKey::parse(&format!("did:key:{W3C}1")),
            Err(DidKeyError::NotEd25519(_) | DidKeyError::Base58(_))
        ));
        let other = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        assert!(matches!(
            DidKey::parse_verification_method(&format!("did:key:{W3C}#{other}")),
            Err(DidKeyError::BadFragment(_))
        ));
        assert!(matches!(
            DidKey::parse_verification_method(&format!("did:key:{W3C}")),
            Err(DidKeyError::BadFragment(_))
        ));
    }
}
