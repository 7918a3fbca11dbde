//! The names of the things a person meets in Regie: the vault, a
//! preference file, the identifier an organisation knows them by, quiet
//! hours, and so on.
//!
//! Each concept has one name per language, the one in docs/GLOSSARY.md,
//! and every front end uses it from here. Before, the command line said
//! "stille uren" and "kenmerk" where the app said "Rustige uren" and
//! "code".

use crate::text::Text;

/// A concept a person meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Concept {
    /// The encrypted file that holds it all.
    Vault,
    /// An organisation that holds the person's data.
    Organisation,
    /// A signed file with the person's preferences for one organisation.
    PreferenceFile,
    /// An organisation's own statement of what it holds and why.
    Declaration,
    /// The pairwise identifier (`did:key`) one organisation knows the
    /// person by.
    Identifier,
    /// The code that regains access to the vault.
    RecoveryCode,
    /// An encrypted copy of the vault.
    Backup,
    /// The list of every change.
    History,
    /// A kind of message (tips, advertising, ...).
    KindOfMessage,
    /// A way to reach the person (push, e-mail, ...).
    Channel,
    /// Every kind of message but service messages.
    UnsolicitedMessages,
    /// One switch for unsolicited messages from every organisation.
    GlobalSwitch,
    /// An organisation that does not follow the global switch.
    Exemption,
    /// A daily window without messages.
    QuietHours,
    /// One data category used for one purpose on one legal basis.
    UseOfData,
    /// What data is used for.
    Purpose,
    /// What data it is.
    DataCategory,
    /// Why an organisation may use the data (GDPR Art. 6).
    LegalBasis,
    /// What the person decided about a use of data.
    Choice,
    /// Data the person wants kept out of personalisation.
    SensitiveData,
    /// What an organisation does.
    Sector,
    /// Dutch or English.
    Language,
    /// The short code an organisation gives its customer to link their
    /// Regie to their customer record.
    LinkCode,
    /// An organisation's signed answer to a file the person sent.
    Receipt,
    /// The key an organisation signs its declaration and receipts with.
    OrganisationKey,
    /// The short form of a key, to compare by eye.
    Fingerprint,
    /// The files waiting to be sent to organisations.
    Outbox,
    /// A letter exercising one of the person's GDPR rights.
    Request,
    /// The last day an organisation has to answer a request.
    Deadline,
    /// A letter asking an organisation to answer an overdue request.
    Reminder,
    /// A complaint to the Autoriteit Persoonsgegevens about a request.
    Complaint,
    /// The list of organisations' privacy contacts shipped with Regie.
    Directory,
}

impl Concept {
    /// Every concept.
    pub const ALL: [Concept; 32] = [
        Concept::Vault,
        Concept::Organisation,
        Concept::PreferenceFile,
        Concept::Declaration,
        Concept::Identifier,
        Concept::RecoveryCode,
        Concept::Backup,
        Concept::History,
        Concept::KindOfMessage,
        Concept::Channel,
        Concept::UnsolicitedMessages,
        Concept::GlobalSwitch,
        Concept::Exemption,
        Concept::QuietHours,
        Concept::UseOfData,
        Concept::Purpose,
        Concept::DataCategory,
        Concept::LegalBasis,
        Concept::Choice,
        Concept::SensitiveData,
        Concept::Sector,
        Concept::Language,
        Concept::LinkCode,
        Concept::Receipt,
        Concept::OrganisationKey,
        Concept::Fingerprint,
        Concept::Outbox,
        Concept::Request,
        Concept::Deadline,
        Concept::Reminder,
        Concept::Complaint,
        Concept::Directory,
    ];

    /// A stable name, e.g. `quiet-hours`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Concept::Vault => "vault",
            Concept::Organisation => "organisation",
            Concept::PreferenceFile => "preference-file",
            Concept::Declaration => "declaration",
            Concept::Identifier => "identifier",
            Concept::RecoveryCode => "recovery-code",
            Concept::Backup => "backup",
            Concept::History => "history",
            Concept::KindOfMessage => "kind-of-message",
            Concept::Channel => "channel",
            Concept::UnsolicitedMessages => "unsolicited-messages",
            Concept::GlobalSwitch => "global-switch",
            Concept::Exemption => "exemption",
            Concept::QuietHours => "quiet-hours",
            Concept::UseOfData => "use-of-data",
            Concept::Purpose => "purpose",
            Concept::DataCategory => "data-category",
            Concept::LegalBasis => "legal-basis",
            Concept::Choice => "choice",
            Concept::SensitiveData => "sensitive-data",
            Concept::Sector => "sector",
            Concept::Language => "language",
            Concept::LinkCode => "link-code",
            Concept::Receipt => "receipt",
            Concept::OrganisationKey => "organisation-key",
            Concept::Fingerprint => "fingerprint",
            Concept::Outbox => "outbox",
            Concept::Request => "request",
            Concept::Deadline => "deadline",
            Concept::Reminder => "reminder",
            Concept::Complaint => "complaint",
            Concept::Directory => "directory",
        }
    }

    /// Its name (docs/GLOSSARY.md), written as at the start of a sentence.
    pub const fn label(self) -> Text {
        let (nl, en) = match self {
            Concept::Vault => ("Kluis", "Vault"),
            Concept::Organisation => ("Organisatie", "Organisation"),
            Concept::PreferenceFile => ("Voorkeurenbestand", "Preference file"),
            Concept::Declaration => ("Verklaring", "Declaration"),
            Concept::Identifier => ("Kenmerk", "Identifier"),
            Concept::RecoveryCode => ("Herstelcode", "Recovery code"),
            Concept::Backup => ("Reservekopie", "Backup"),
            Concept::History => ("Geschiedenis", "History"),
            Concept::KindOfMessage => ("Soort bericht", "Kind of message"),
            Concept::Channel => ("Kanaal", "Channel"),
            Concept::UnsolicitedMessages => ("Ongevraagde berichten", "Unsolicited messages"),
            Concept::GlobalSwitch => ("Algemene schakelaar", "Global switch"),
            Concept::Exemption => (
                "Uitzondering op de algemene schakelaar",
                "Exemption from the global switch",
            ),
            Concept::QuietHours => ("Rustige uren", "Quiet hours"),
            Concept::UseOfData => ("Gebruik van gegevens", "Use of data"),
            Concept::Purpose => ("Doel", "Purpose"),
            Concept::DataCategory => ("Soort gegevens", "Kind of data"),
            Concept::LegalBasis => ("Grondslag", "Legal basis"),
            Concept::Choice => ("Keuze", "Choice"),
            Concept::SensitiveData => ("Gevoelige gegevens", "Sensitive data"),
            Concept::Sector => ("Sector", "Sector"),
            Concept::Language => ("Taal", "Language"),
            Concept::LinkCode => ("Koppelcode", "Link code"),
            Concept::Receipt => ("Ontvangstbewijs", "Receipt"),
            Concept::OrganisationKey => ("Sleutel van de organisatie", "Organisation's key"),
            Concept::Fingerprint => ("Vingerafdruk", "Fingerprint"),
            Concept::Outbox => ("Nog te versturen", "Waiting to be sent"),
            Concept::Request => ("Verzoek", "Request"),
            Concept::Deadline => ("Termijn", "Deadline"),
            Concept::Reminder => ("Herinnering", "Reminder"),
            Concept::Complaint => ("Klacht", "Complaint"),
            Concept::Directory => ("Lijst van organisaties", "Directory of organisations"),
        };
        Text { nl, en }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_concept_has_its_own_name_in_each_language() {
        let mut ids = std::collections::HashSet::new();
        let mut nl = std::collections::HashSet::new();
        let mut en = std::collections::HashSet::new();
        for c in Concept::ALL {
            assert!(ids.insert(c.as_str()), "{c:?}");
            assert!(nl.insert(c.label().nl), "{c:?}");
            assert!(en.insert(c.label().en), "{c:?}");
        }
    }
}
