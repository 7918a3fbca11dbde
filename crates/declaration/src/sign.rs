//! Writing a signed declaration (version 2), for the organisation's side.
//!
//! The declaration is written in its wire form (compact terms, as the
//! example files write them), signed with `eddsa-jcs-2022` by the receipt
//! key (for a key change: by the previous key, then by the new one, a
//! proof set), and written as its canonical members, indented, so the same
//! declaration always gives the same bytes. The result is read back with
//! [`Declaration::parse_on`] before it is returned: an organisation never
//! publishes a declaration Regie would refuse.

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use regie_model::{Channel, DataScope, Frequency, MessageKind};
use regie_prefs::{jcs, proof, DidKey};
use serde::Serialize;
use serde_json::Value;

use crate::{BiText, Declaration, DeclarationError, FORMAT_V2};

#[derive(Serialize)]
struct WireDeclaration<'a> {
    format: &'static str,
    organisation: WireOrganisation<'a>,
    issued: String,
    holdings: Vec<WireHolding<'a>>,
    channels: WireChannels<'a>,
    delivery: WireDelivery,
}

#[derive(Serialize)]
struct WireOrganisation<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sector: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<&'a str>,
    privacy_email: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    privacy_postal: Option<&'a str>,
}

#[derive(Serialize)]
struct WireHolding<'a> {
    category: String,
    purpose: String,
    basis: &'static str,
    retention: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    grain: Option<WireGrain>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a BiText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a BiText>,
}

#[derive(Serialize)]
struct WireGrain {
    scope: DataScope,
    frequency: Frequency,
}

#[derive(Serialize)]
struct WireChannels<'a> {
    proactive: &'a [Channel],
    marketing: &'a [Channel],
    feedback: &'a [Channel],
    service: &'a [Channel],
}

#[derive(Serialize)]
struct WireDelivery {
    inbox: String,
    receipt_key: String,
}

impl Declaration {
    /// Writes this declaration as version 2, signed by `key`, which must
    /// be its delivery's receipt key, at `created`.
    pub fn sign(
        &self,
        key: &SigningKey,
        created: DateTime<Utc>,
    ) -> Result<Vec<u8>, DeclarationError> {
        self.signed_by(&[key], created)
    }

    /// Writes this declaration as version 2 with a key change: signed by
    /// `previous` (the receipt key people have pinned) and then by `key`
    /// (the new receipt key, its delivery's), so that a vault that pinned
    /// `previous` pins `key` in its place.
    pub fn sign_key_change(
        &self,
        previous: &SigningKey,
        key: &SigningKey,
        created: DateTime<Utc>,
    ) -> Result<Vec<u8>, DeclarationError> {
        self.signed_by(&[previous, key], created)
    }

    fn signed_by(
        &self,
        keys: &[&SigningKey],
        created: DateTime<Utc>,
    ) -> Result<Vec<u8>, DeclarationError> {
        let Some(delivery) = &self.delivery else {
            return Err(DeclarationError::Malformed {
                detail: format!(
                    "a signed declaration ({FORMAT_V2}) needs a delivery: the inbox and the receipt key"
                ),
            });
        };
        let signer = keys.last().map(|k| DidKey::new(k.verifying_key())).ok_or(
            DeclarationError::Malformed {
                detail: "no key to sign with".into(),
            },
        )?;
        if signer != delivery.receipt_key {
            return Err(DeclarationError::SignerNotReceiptKey {
                signer: Box::new(signer),
                receipt_key: Box::new(delivery.receipt_key),
            });
        }
        let o = &self.organisation;
        let channel = |kind| self.channels.get(&kind).map_or(&[][..], Vec::as_slice);
        let wire = WireDeclaration {
            format: FORMAT_V2,
            organisation: WireOrganisation {
                id: o.id.as_str(),
                name: o.name.as_str(),
                sector: o.sector.as_deref(),
                website: o.website.as_deref(),
                privacy_email: o.privacy_email.as_str(),
                privacy_postal: o.privacy_postal.as_deref(),
            },
            issued: self.issued.format("%Y-%m-%d").to_string(),
            holdings: self
                .holdings
                .iter()
                .map(|h| WireHolding {
                    category: h.category.compact(),
                    purpose: h.purpose.compact(),
                    basis: h.basis.compact(),
                    retention: h.retention.as_str(),
                    grain: h.grain.map(|g| WireGrain {
                        scope: g.scope,
                        frequency: g.frequency,
                    }),
                    reason: h.reason.as_ref(),
                    note: h.note.as_ref(),
                })
                .collect(),
            channels: WireChannels {
                proactive: channel(MessageKind::Proactive),
                marketing: channel(MessageKind::Marketing),
                feedback: channel(MessageKind::Feedback),
                service: channel(MessageKind::Service),
            },
            delivery: WireDelivery {
                inbox: delivery.inbox.as_str().to_owned(),
                receipt_key: delivery.receipt_key.did(),
            },
        };
        let Ok(Value::Object(doc)) = serde_json::to_value(&wire) else {
            unreachable!("a declaration always serialises to a JSON object")
        };
        let created = regie_prefs::Timestamp::new(created).get();
        let signed = match keys {
            [key] => proof::sign(doc, key, created),
            _ => proof::sign_set(doc, keys, created),
        };
        let bytes = jcs::to_pretty(&Value::Object(signed));
        // What Regie would refuse is not returned: the organisation's data
        // checked by the same reader as the person's Regie uses.
        Declaration::parse_on(&bytes, created.date_naive())?;
        Ok(bytes)
    }
}
