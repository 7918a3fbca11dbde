//! Why a file was not accepted, as a kind a program can switch on and a
//! sentence a person can act on.
//!
//! Every rejection has its own [`VerifyErrorKind`] with a stable code
//! ([`VerifyErrorKind::code`]), which is also how the test vectors name the
//! error they expect (`fail_<code>_<what>.json`).
//!
//! What exactly was wrong ([`Detail`]) is written in Dutch and in English
//! at the place the check is made, as two sentences, rather than as a
//! typed detail per reason that each front end renders. Programs switch on
//! the kind alone; the detail only tells a person which value, key or
//! field it was, and those facts differ per check (a field's path, a
//! quoted key, two times), so a typed detail would be one variant per
//! check, kept in step with the checks in a second place. Written where
//! the fact is known, both languages say the same facts and a new check
//! cannot be added without both. The cost, two short strings, is paid only
//! for a rejected file, never by a file that verifies. An organisation
//! keeps both sentences as they are, so a rejection reads the same later,
//! whichever version reads it.

use regie_model::{Language, Text};

use crate::json::{JsonError, JsonErrorKind};
use crate::proof::ProofError;

/// The kind of a rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VerifyErrorKind {
    /// Larger than [`crate::json::MAX_INPUT_BYTES`].
    TooLarge,
    /// Nested deeper than [`crate::json::MAX_DEPTH`].
    TooDeep,
    /// Not valid UTF-8.
    InvalidUtf8,
    /// Starts with a byte-order mark.
    ByteOrderMark,
    /// Data after the end of the document.
    TrailingData,
    /// The same key twice in one object.
    DuplicateKey,
    /// Half of a UTF-16 surrogate pair in a string.
    LoneSurrogate,
    /// A number other than a whole number in the safe range.
    NonReproducibleNumber,
    /// Not JSON.
    Syntax,
    /// `@context` is not exactly the VC 2.0 context and the Regie context.
    WrongContext,
    /// `type` is not a Regie preference file or key rotation.
    WrongCredentialType,
    /// No `proof` object.
    MissingProof,
    /// The proof `type` is not `DataIntegrityProof`.
    WrongProofType,
    /// The proof `cryptosuite` is not `eddsa-jcs-2022`.
    WrongCryptosuite,
    /// The proof purpose is not `assertionMethod`.
    WrongProofPurpose,
    /// A proof field is missing or malformed, or `proofValue` is damaged.
    MalformedProof,
    /// The verification method is not an Ed25519 `did:key` (or a weak key).
    InvalidVerificationMethod,
    /// The verification method is not the issuer's key.
    VerificationMethodNotIssuer,
    /// A key-rotation announcement that does not prove its sender holds the
    /// new key: a version-1 announcement, or one whose second proof is
    /// missing, extra, out of order or not made by `newKey`.
    UnprovenKeyRotation,
    /// The signature does not match the content.
    BadSignature,
    /// A field that this version of the format does not have.
    UnknownField,
    /// A value outside a closed list (channel, kind, decision, ...).
    UnknownEnumValue,
    /// A required field is missing or a value has the wrong form.
    InvalidField,
    /// Values that contradict each other (e.g. a consent decision on a
    /// legal basis other than consent).
    Inconsistent,
    /// Issued further in the future than the allowed clock skew.
    IssuedInFuture,
    /// Addressed to another organisation than the verifier.
    WrongAudience,
    /// A receipt not signed by the organisation's pinned receipt key.
    WrongReceiptKey,
    /// A receipt from (or about) another organisation than expected.
    WrongOrganisation,
    /// A receipt about another customer (another key) than expected.
    WrongCustomer,
    /// A receipt about another file (another SHA-256) than the one sent.
    WrongFile,
}

impl VerifyErrorKind {
    /// Every kind, for tests and documentation.
    pub const ALL: [VerifyErrorKind; 30] = [
        Self::TooLarge,
        Self::TooDeep,
        Self::InvalidUtf8,
        Self::ByteOrderMark,
        Self::TrailingData,
        Self::DuplicateKey,
        Self::LoneSurrogate,
        Self::NonReproducibleNumber,
        Self::Syntax,
        Self::WrongContext,
        Self::WrongCredentialType,
        Self::MissingProof,
        Self::WrongProofType,
        Self::WrongCryptosuite,
        Self::WrongProofPurpose,
        Self::MalformedProof,
        Self::InvalidVerificationMethod,
        Self::VerificationMethodNotIssuer,
        Self::UnprovenKeyRotation,
        Self::BadSignature,
        Self::UnknownField,
        Self::UnknownEnumValue,
        Self::InvalidField,
        Self::Inconsistent,
        Self::IssuedInFuture,
        Self::WrongAudience,
        Self::WrongReceiptKey,
        Self::WrongOrganisation,
        Self::WrongCustomer,
        Self::WrongFile,
    ];

    /// A stable code, e.g. `duplicate-key`, for programs and file names.
    pub fn code(self) -> &'static str {
        match self {
            Self::TooLarge => "too-large",
            Self::TooDeep => "too-deep",
            Self::InvalidUtf8 => "invalid-utf8",
            Self::ByteOrderMark => "byte-order-mark",
            Self::TrailingData => "trailing-data",
            Self::DuplicateKey => "duplicate-key",
            Self::LoneSurrogate => "lone-surrogate",
            Self::NonReproducibleNumber => "non-reproducible-number",
            Self::Syntax => "syntax",
            Self::WrongContext => "wrong-context",
            Self::WrongCredentialType => "wrong-credential-type",
            Self::MissingProof => "missing-proof",
            Self::WrongProofType => "wrong-proof-type",
            Self::WrongCryptosuite => "wrong-cryptosuite",
            Self::WrongProofPurpose => "wrong-proof-purpose",
            Self::MalformedProof => "malformed-proof",
            Self::InvalidVerificationMethod => "invalid-verification-method",
            Self::VerificationMethodNotIssuer => "verification-method-not-issuer",
            Self::UnprovenKeyRotation => "unproven-key-rotation",
            Self::BadSignature => "bad-signature",
            Self::UnknownField => "unknown-field",
            Self::UnknownEnumValue => "unknown-enum-value",
            Self::InvalidField => "invalid-field",
            Self::Inconsistent => "inconsistent",
            Self::IssuedInFuture => "issued-in-future",
            Self::WrongAudience => "wrong-audience",
            Self::WrongReceiptKey => "wrong-receipt-key",
            Self::WrongOrganisation => "wrong-organisation",
            Self::WrongCustomer => "wrong-customer",
            Self::WrongFile => "wrong-file",
        }
    }

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// What the person (or the organisation's operator) can do about it,
    /// in English. Same as [`Self::advice_in`] with [`Language::En`].
    pub fn advice(self) -> &'static str {
        self.advice_in(Language::En)
    }

    /// What the person (or the organisation's operator) can do about it,
    /// in plain words in `lang`.
    pub fn advice_in(self, lang: Language) -> &'static str {
        self.advice_text().get(lang)
    }

    /// The advice in both languages.
    fn advice_text(self) -> Text {
        match self {
            Self::TooLarge | Self::TooDeep | Self::InvalidUtf8 | Self::ByteOrderMark | Self::TrailingData | Self::DuplicateKey | Self::LoneSurrogate | Self::NonReproducibleNumber | Self::Syntax => Text {
                nl: "Dit is geen heel Regie-bestand. Vraag de persoon om het opnieuw te maken in Regie en het bestand te sturen zonder het te veranderen.",
                en: "This is not an intact Regie file. Ask the person to export it again from Regie and send the file unchanged.",
            },
            Self::WrongContext | Self::WrongCredentialType | Self::UnknownField | Self::UnknownEnumValue => Text {
                nl: "Dit bestand is van een andere soort of een nieuwere versie. Werk de software bij die het leest, of vraag om een bestand uit een nieuwe versie van Regie.",
                en: "The file is of another kind or a newer version. Update the software that reads it, or ask for a file from a current version of Regie.",
            },
            Self::MissingProof | Self::WrongProofType | Self::WrongCryptosuite | Self::WrongProofPurpose | Self::MalformedProof | Self::InvalidVerificationMethod => Text {
                nl: "Dit bestand is niet ondertekend zoals Regie dat doet. Vraag de persoon om het opnieuw te maken in Regie.",
                en: "The file is not signed the way Regie signs. Ask the person to export it again from Regie.",
            },
            Self::VerificationMethodNotIssuer | Self::BadSignature => Text {
                nl: "Gebruik dit bestand niet: het is veranderd na het ondertekenen, of iemand anders heeft het ondertekend. Vraag de persoon om het opnieuw te maken.",
                en: "Do not use this file: it was changed after signing or signed by someone else. Ask the person to export it again.",
            },
            Self::UnprovenKeyRotation => Text {
                nl: "Gebruik deze sleutelwissel niet: het bestand bewijst niet dat de afzender de nieuwe sleutel heeft. Iedereen kan zo'n bestand maken. Vraag de persoon welke sleutel die nu gebruikt (dat staat in Regie). Controleer dat het echt die persoon is. Koppel daarna die sleutel aan de klant.",
                en: "Do not use this key change: the file does not prove that the sender holds the new key, so anyone could have made it. Ask the person which key they use now (Regie shows it), check that it is really them, and then enrol that key for the customer.",
            },
            Self::InvalidField | Self::Inconsistent => Text {
                nl: "In het bestand staan waarden die Regie niet zou schrijven. Vraag de persoon om het opnieuw te maken in Regie.",
                en: "The file contains values Regie would not write. Ask the person to export it again from Regie.",
            },
            Self::IssuedInFuture => Text {
                nl: "Kijk of de klok van deze computer goed staat. Staat die goed, dan staat de klok van de computer van de persoon verkeerd. Die moet de klok goed zetten en het bestand opnieuw maken.",
                en: "Check that this computer's clock is right; otherwise the clock of the person's computer is wrong, and they should fix it and export again.",
            },
            Self::WrongAudience => Text {
                nl: "Dit bestand is voor een andere organisatie. Vraag de persoon om het bestand voor uw organisatie.",
                en: "This file is meant for another organisation. Ask the person for the file made for yours.",
            },
            Self::WrongReceiptKey => Text {
                nl: "Regie bewaart dit ontvangstbewijs niet: het is niet ondertekend met de sleutel van de organisatie die u eerder vastlegde. Uw keuzes staan nog niet als bevestigd. Vraag de organisatie of haar sleutel is veranderd, en haal dan haar nieuwe verklaring op.",
                en: "Regie does not keep this receipt: it is not signed with the organisation's key you pinned before, so your choices are not confirmed yet. Ask the organisation whether its key changed, and then fetch its new declaration.",
            },
            Self::WrongOrganisation => Text {
                nl: "Regie bewaart dit ontvangstbewijs niet: het is van een andere organisatie dan die waaraan het bestand is gestuurd. Uw keuzes staan nog niet als bevestigd. Regie stuurt het bestand later opnieuw.",
                en: "Regie does not keep this receipt: it is from another organisation than the one the file was sent to, so your choices are not confirmed yet. Regie will send the file again later.",
            },
            Self::WrongCustomer => Text {
                nl: "Regie bewaart dit ontvangstbewijs niet: het gaat over een ander kenmerk dan het uwe. Uw keuzes staan nog niet als bevestigd. Regie stuurt het bestand later opnieuw.",
                en: "Regie does not keep this receipt: it is about another identifier than yours, so your choices are not confirmed yet. Regie will send the file again later.",
            },
            Self::WrongFile => Text {
                nl: "Regie bewaart dit ontvangstbewijs niet: het gaat over een ander bestand dan het bestand dat is gestuurd. Uw keuzes staan nog niet als bevestigd. Regie stuurt het bestand later opnieuw.",
                en: "Regie does not keep this receipt: it is about another file than the one that was sent, so your choices are not confirmed yet. Regie will send the file again later.",
            },
        }
    }
}

/// What exactly was wrong with a file, in Dutch (plain, B1) and in
/// English: a sentence without a full stop at the end, so that a front
/// end can put the advice after it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Detail {
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl Detail {
    /// The same fact in Dutch and in English.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Detail {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The sentence in `lang`.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }
}

impl std::fmt::Display for Detail {
    /// The English sentence, for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// A rejected file: the kind, and what exactly was wrong. Shown as an
/// error (`Display`), it is the English detail and advice, for logs; a
/// front end shows [`VerifyError::message_in`] and
/// [`VerifyErrorKind::advice_in`] in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}. {}", detail.en, kind.advice())]
pub struct VerifyError {
    /// What kind of problem it is.
    pub kind: VerifyErrorKind,
    /// What exactly was wrong, in both languages.
    pub detail: Detail,
}

impl VerifyError {
    pub(crate) fn new(kind: VerifyErrorKind, nl: impl Into<String>, en: impl Into<String>) -> Self {
        VerifyError {
            kind,
            detail: Detail::new(nl, en),
        }
    }

    /// What exactly was wrong, in English (for `--json` and logs).
    pub fn message(&self) -> &str {
        &self.detail.en
    }

    /// What exactly was wrong, in `lang`.
    pub fn message_in(&self, lang: Language) -> &str {
        self.detail.get(lang)
    }
}

impl From<JsonError> for VerifyError {
    fn from(e: JsonError) -> Self {
        let kind = match e.kind {
            JsonErrorKind::TooLarge => VerifyErrorKind::TooLarge,
            JsonErrorKind::TooDeep => VerifyErrorKind::TooDeep,
            JsonErrorKind::InvalidUtf8 => VerifyErrorKind::InvalidUtf8,
            JsonErrorKind::ByteOrderMark => VerifyErrorKind::ByteOrderMark,
            JsonErrorKind::TrailingData => VerifyErrorKind::TrailingData,
            JsonErrorKind::DuplicateKey => VerifyErrorKind::DuplicateKey,
            JsonErrorKind::LoneSurrogate => VerifyErrorKind::LoneSurrogate,
            JsonErrorKind::NonReproducibleNumber => VerifyErrorKind::NonReproducibleNumber,
            _ => VerifyErrorKind::Syntax,
        };
        VerifyError {
            kind,
            detail: e.located(),
        }
    }
}

impl From<ProofError> for VerifyError {
    fn from(e: ProofError) -> Self {
        let kind = match e {
            ProofError::NotAnObject => VerifyErrorKind::Syntax,
            ProofError::MissingProof => VerifyErrorKind::MissingProof,
            ProofError::WrongProofType(_) => VerifyErrorKind::WrongProofType,
            ProofError::WrongCryptosuite(_) => VerifyErrorKind::WrongCryptosuite,
            ProofError::WrongProofPurpose(_) => VerifyErrorKind::WrongProofPurpose,
            ProofError::VerificationMethod(_) => VerifyErrorKind::InvalidVerificationMethod,
            ProofError::ContextMismatch => VerifyErrorKind::WrongContext,
            ProofError::BadSignature => VerifyErrorKind::BadSignature,
            _ => VerifyErrorKind::MalformedProof,
        };
        VerifyError {
            kind,
            detail: e.detail(),
        }
    }
}

/// Why a file could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The content breaks a rule that verification enforces, so the
    /// organisation would reject the file.
    #[error("the file would be rejected: {0}")]
    Invalid(VerifyError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_advice_in_dutch_and_english() {
        for kind in VerifyErrorKind::ALL {
            let nl = kind.advice_in(Language::Nl);
            let en = kind.advice_in(Language::En);
            assert!(!nl.trim().is_empty(), "{kind:?} has no Dutch advice");
            assert!(!en.trim().is_empty(), "{kind:?} has no English advice");
            assert_ne!(nl, en, "{kind:?}");
            assert_eq!(kind.advice(), en);
        }
    }
}
