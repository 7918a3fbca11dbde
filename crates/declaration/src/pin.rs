//! Pinning the organisation's receipt key.
//!
//! The first signed declaration a person imports from an organisation
//! decides which key speaks for it: the vault keeps (pins) that key, and
//! shows the person its fingerprint, which the organisation also publishes
//! elsewhere (on its website, in a letter), so the person can compare. From
//! then on, a declaration or a receipt signed by another key is not the
//! organisation's, unless the pinned key itself signed the change. This
//! is the person's key rotation turned around: the old key vouches for
//! the new one, and the new key shows it is held (both sign the same
//! declaration), so no one who holds neither can move the person's files
//! to another inbox, and no one can do it silently.
//!
//! [`pin`] is the rule, as a pure function: the vault stores what it
//! returns. It never decides "pin the new key anyway": a change the old
//! key did not sign is refused, and the person has to ask the
//! organisation.

use regie_prefs::DidKey;

use crate::{Declaration, DeclarationError};

/// What a checked declaration means for the organisation's pinned key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pin {
    /// A version 1 declaration, and no key pinned: nothing to pin, no
    /// inbox.
    Unsigned,
    /// The first signed declaration from this organisation: pin `key`, and
    /// show the person its `fingerprint` to compare.
    First {
        /// The receipt key to pin.
        key: DidKey,
        /// Its fingerprint ([`DidKey::fingerprint`]).
        fingerprint: String,
    },
    /// Signed by the pinned key: the pin stays.
    Same,
    /// Signed by the pinned key and by a new receipt key: pin `to` in place
    /// of `from`, and tell the person, with the new fingerprint.
    Rotated {
        /// The key pinned until now.
        from: DidKey,
        /// The key to pin.
        to: DidKey,
        /// The new key's fingerprint.
        fingerprint: String,
    },
}

/// The rule for a declaration checked by [`Declaration::parse`], given the
/// key pinned from this organisation (if any):
///
/// - version 1 (not signed): fine with nothing pinned ([`Pin::Unsigned`]);
///   with a key pinned it is refused (`unsigned`), since anyone can write
///   one;
/// - signed by the pinned key, alone or as the new key of a key change:
///   [`Pin::Same`];
/// - a key change whose first signature is the pinned key's:
///   [`Pin::Rotated`];
/// - signed, with nothing pinned: [`Pin::First`] (for a key change, the
///   new key);
/// - signed by any other key: refused (`key-changed`).
pub fn pin(pinned: Option<&DidKey>, declaration: &Declaration) -> Result<Pin, DeclarationError> {
    let Some(delivery) = &declaration.delivery else {
        return match pinned {
            None => Ok(Pin::Unsigned),
            Some(pinned) => Err(DeclarationError::Unsigned {
                pinned: Box::new(*pinned),
            }),
        };
    };
    let key = delivery.receipt_key;
    match pinned {
        None => Ok(Pin::First {
            key,
            fingerprint: key.fingerprint(),
        }),
        Some(pinned) if *pinned == key => Ok(Pin::Same),
        Some(pinned) if delivery.previous_key.as_ref() == Some(pinned) => Ok(Pin::Rotated {
            from: *pinned,
            to: key,
            fingerprint: key.fingerprint(),
        }),
        Some(pinned) => Err(DeclarationError::KeyChanged {
            pinned: Box::new(*pinned),
            found: Box::new(key),
        }),
    }
}
