//! The kinds of change a vault records in its history, with their stored
//! names and their names for a person, once.
//!
//! Each front end (the command line, the app) names an event through
//! [`EventKind::label`]; a new kind added here fails to compile until it
//! has a stored name and a label, so no front end can fall back to a wrong
//! one.

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// What kind of change an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// The vault was created.
    VaultCreated,
    /// An organisation was added.
    OrganisationAdded,
    /// An organisation's details changed.
    OrganisationUpdated,
    /// A holding was added.
    HoldingAdded,
    /// A holding was removed (e.g. a newer declaration dropped it).
    HoldingRemoved,
    /// A decision on a holding (consent, objection).
    Decision,
    /// A contact preference changed.
    ContactChanged,
    /// The global switch (unsolicited messages from every organisation)
    /// was turned.
    GlobalSwitch,
    /// An organisation's exemption from the global switch changed.
    Exemption,
    /// A data category was marked sensitive or unmarked.
    Sensitive,
    /// A preference file was exported.
    Exported,
    /// An organisation's declaration was imported.
    DeclarationImported,
    /// The vault was restored from a recovery code or backup.
    Restored,
    /// The pairwise key for an organisation was replaced by the next one.
    KeyRotated,
    /// The organisation's key (which signs its declaration and its
    /// receipts) was pinned from its first signed declaration.
    ReceiptKeyPinned,
    /// The organisation's key was replaced by a new one, with the old
    /// key's signature on the change.
    ReceiptKeyChanged,
    /// The organisation linked the person's identifier to their customer
    /// record, with a link code.
    Linked,
    /// A receipt from the organisation for a file the person sent was
    /// checked and kept.
    ReceiptStored,
    /// The person drafted a GDPR request to an organisation.
    RequestMade,
    /// The person sent a request (when and how).
    RequestSent,
    /// The organisation took two more months to answer a request.
    RequestExtended,
    /// The organisation answered a request.
    RequestAnswered,
}

impl EventKind {
    /// Every kind.
    pub const ALL: [EventKind; 22] = [
        EventKind::VaultCreated,
        EventKind::OrganisationAdded,
        EventKind::OrganisationUpdated,
        EventKind::HoldingAdded,
        EventKind::HoldingRemoved,
        EventKind::Decision,
        EventKind::ContactChanged,
        EventKind::GlobalSwitch,
        EventKind::Exemption,
        EventKind::Sensitive,
        EventKind::Exported,
        EventKind::DeclarationImported,
        EventKind::Restored,
        EventKind::KeyRotated,
        EventKind::ReceiptKeyPinned,
        EventKind::ReceiptKeyChanged,
        EventKind::Linked,
        EventKind::ReceiptStored,
        EventKind::RequestMade,
        EventKind::RequestSent,
        EventKind::RequestExtended,
        EventKind::RequestAnswered,
    ];

    /// The stored name, e.g. `key-rotated`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EventKind::VaultCreated => "vault-created",
            EventKind::OrganisationAdded => "organisation-added",
            EventKind::OrganisationUpdated => "organisation-updated",
            EventKind::HoldingAdded => "holding-added",
            EventKind::HoldingRemoved => "holding-removed",
            EventKind::Decision => "decision",
            EventKind::ContactChanged => "contact-changed",
            EventKind::GlobalSwitch => "global-switch",
            EventKind::Exemption => "exemption",
            EventKind::Sensitive => "sensitive",
            EventKind::Exported => "exported",
            EventKind::DeclarationImported => "declaration-imported",
            EventKind::Restored => "restored",
            EventKind::KeyRotated => "key-rotated",
            EventKind::ReceiptKeyPinned => "receipt-key-pinned",
            EventKind::ReceiptKeyChanged => "receipt-key-changed",
            EventKind::Linked => "linked",
            EventKind::ReceiptStored => "receipt-stored",
            EventKind::RequestMade => "request-made",
            EventKind::RequestSent => "request-sent",
            EventKind::RequestExtended => "request-extended",
            EventKind::RequestAnswered => "request-answered",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What it is called, for a person (docs/GLOSSARY.md).
    pub const fn label(self) -> Text {
        let (nl, en) = match self {
            EventKind::VaultCreated => ("Kluis gemaakt", "Vault created"),
            EventKind::OrganisationAdded => ("Organisatie toegevoegd", "Organisation added"),
            EventKind::OrganisationUpdated => ("Organisatie veranderd", "Organisation changed"),
            EventKind::HoldingAdded => ("Gebruik van gegevens toegevoegd", "Use of data added"),
            EventKind::HoldingRemoved => ("Gebruik van gegevens weggehaald", "Use of data removed"),
            EventKind::Decision => ("Keuze veranderd", "Choice changed"),
            EventKind::ContactChanged => {
                ("Contactvoorkeur veranderd", "Contact preference changed")
            }
            EventKind::GlobalSwitch => ("Algemene schakelaar omgezet", "Global switch turned"),
            EventKind::Exemption => (
                "Uitzondering op de algemene schakelaar veranderd",
                "Exemption from the global switch changed",
            ),
            EventKind::Sensitive => ("Gevoelige gegevens veranderd", "Sensitive data changed"),
            EventKind::Exported => ("Voorkeurenbestand geëxporteerd", "Preference file exported"),
            EventKind::DeclarationImported => ("Verklaring ingelezen", "Declaration imported"),
            EventKind::Restored => ("Kluis teruggezet", "Vault restored"),
            EventKind::KeyRotated => (
                "Nieuw kenmerk voor deze organisatie",
                "New identifier for this organisation",
            ),
            EventKind::ReceiptKeyPinned => (
                "Sleutel van de organisatie vastgelegd",
                "Organisation's key recorded",
            ),
            EventKind::ReceiptKeyChanged => (
                "Sleutel van de organisatie vervangen",
                "Organisation's key replaced",
            ),
            EventKind::Linked => ("Gekoppeld met een koppelcode", "Linked with a link code"),
            EventKind::ReceiptStored => ("Ontvangstbewijs bewaard", "Receipt kept"),
            EventKind::RequestMade => ("Verzoek opgesteld", "Request drafted"),
            EventKind::RequestSent => ("Verzoek verstuurd", "Request sent"),
            EventKind::RequestExtended => ("Termijn verlengd", "Deadline extended"),
            EventKind::RequestAnswered => ("Antwoord ontvangen", "Answer received"),
        };
        Text { nl, en }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_name_and_label_and_reads_back() {
        let mut names = std::collections::HashSet::new();
        let mut labels = std::collections::HashSet::new();
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
            assert!(names.insert(k.as_str()));
            assert!(labels.insert(k.label().en), "{k:?}");
            assert!(labels.insert(k.label().nl), "{k:?}");
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
    }
}
