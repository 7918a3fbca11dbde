//! Why a declaration was refused, in Dutch and English.
//!
//! A refused declaration is read by two kinds of people: the person who
//! chose the file, and the organisation that wrote it. Each case says what
//! is wrong and where (the field, as a JSON path), so either can act on it;
//! [`DeclarationError::kind`] is the stable name programs switch on.

use chrono::NaiveDate;
use regie_model::{Channel, Language, LegalBasis, MessageKind};
use regie_prefs::error::Detail;
use regie_prefs::{DidKey, VerifyError, VerifyErrorKind};

use crate::inbox::InboxProblem;
use crate::{FORMAT, FORMAT_V2};

/// Why a declaration was refused. Each case says what is wrong and where, so
/// the person (or the organisation that wrote the file) can act on it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeclarationError {
    /// Larger than [`crate::MAX_BYTES`].
    #[error("this declaration is {bytes} bytes; Regie reads declarations of at most {max} bytes. Ask the organisation for a smaller file")]
    TooLarge {
        /// The file's size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Not JSON, or cut off.
    #[error("this is not a readable declaration (line {line}, column {column}: {detail}). Check that you chose the right file and that it is complete")]
    NotJson {
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        column: usize,
        /// The parser's words.
        detail: String,
    },
    /// Another format or a newer version.
    #[error("this file is not a declaration Regie can read: its format is '{found}', and this version of Regie reads '{FORMAT}' and '{FORMAT_V2}'. If it is newer, update Regie")]
    UnsupportedFormat {
        /// The `format` field found.
        found: String,
    },
    /// A field this format does not have.
    #[error("the declaration has a field Regie does not know ({detail}). Ask the organisation for a declaration in the format '{FORMAT}'")]
    UnknownField {
        /// Which field, and where.
        detail: String,
    },
    /// A value outside the allowed list (a channel, a grain, ...).
    #[error("the declaration has a value Regie does not know ({detail})")]
    UnknownValue {
        /// Which value, and where.
        detail: String,
    },
    /// A required field is missing or has the wrong type.
    #[error("the declaration is incomplete or has a wrong value ({detail})")]
    Malformed {
        /// What, and where.
        detail: String,
    },
    /// The organisation id does not follow the scheme.
    #[error("'{id}' is not a valid organisation id: use kvk: and 8 digits, oin: and 20 digits, or lower-case letters, digits and hyphens (2 to 64)")]
    InvalidOrgId {
        /// The id found.
        id: String,
    },
    /// A field whose value does not have the right form.
    #[error("{field} is '{value}', which is not {expected}")]
    InvalidValue {
        /// Where.
        field: String,
        /// What was found.
        value: String,
        /// What is expected, in words.
        expected: &'static str,
    },
    /// A purpose or data category Regie cannot explain.
    #[error("{field} is '{term}', which Regie does not know as a {expected}: use a term from Regie's catalogue of DPV terms")]
    UnknownTerm {
        /// Where.
        field: String,
        /// The term found.
        term: String,
        /// "data category" or "purpose".
        expected: &'static str,
    },
    /// A text that is empty in one language.
    #[error("{field} has no {} text: every text must be given in Dutch and English", lang_name(*.language, Language::En))]
    MissingText {
        /// Where.
        field: String,
        /// The missing language.
        language: Language,
    },
    /// A text or list that is too long.
    #[error("{field} is too long: at most {max}")]
    TooLong {
        /// Where.
        field: String,
        /// The limit, in characters or items.
        max: usize,
    },
    /// No holdings at all.
    #[error("the declaration lists no holdings: it must say which data the organisation holds")]
    NoHoldings,
    /// The same category and purpose twice.
    #[error("{field} repeats {category} for {purpose}: list each data category and purpose once, with one legal basis")]
    DuplicateHolding {
        /// Where the repeat is.
        field: String,
        /// Data category.
        category: String,
        /// Purpose.
        purpose: String,
    },
    /// A monitoring purpose without its grain.
    #[error("{field}: {purpose} watches data over time, so the declaration must say which data and how often (grain)")]
    GrainMissing {
        /// Where.
        field: String,
        /// The purpose.
        purpose: String,
    },
    /// A grain on a purpose that does not watch data over time.
    #[error("{field}: {purpose} does not watch data over time, so it must not have a grain")]
    GrainNotApplicable {
        /// Where.
        field: String,
        /// The purpose.
        purpose: String,
    },
    /// A basis the person cannot switch off, without the reason.
    #[error("{field}: the legal basis {basis} leaves the person no choice, so the declaration must give the reason, naming the law, in Dutch and English")]
    ReasonMissing {
        /// Where.
        field: String,
        /// The basis.
        basis: LegalBasis,
    },
    /// A reason on consent or legitimate interest, which the person can switch off.
    #[error("{field}: the legal basis {basis} can be switched off by the person, so it must not have a 'reason' (use 'note' instead)")]
    ReasonNotApplicable {
        /// Where.
        field: String,
        /// The basis.
        basis: LegalBasis,
    },
    /// The same channel twice for one kind of message.
    #[error("channels.{kind} names '{channel}' twice")]
    DuplicateChannel {
        /// The kind of message.
        kind: MessageKind,
        /// The channel.
        channel: Channel,
    },
    /// Issued more than a day from now.
    #[error("this declaration says it was issued on {issued}, which is in the future. Check your computer's date, or ask the organisation for a corrected file")]
    IssuedInFuture {
        /// The date in the file.
        issued: NaiveDate,
    },
    /// Not newer than the declaration already imported.
    #[error("this declaration (issued {issued}) is older than the one you already have (issued {stored}), or the same: nothing was changed")]
    NotNewer {
        /// The date in the file.
        issued: NaiveDate,
        /// The date of the declaration in the vault.
        stored: NaiveDate,
    },
    /// A signed declaration (version 2) whose signature, or whose JSON
    /// text, is not as Regie's signed files must be: regie-prefs' reason,
    /// whose code is this error's kind (`bad-signature`, `missing-proof`,
    /// `duplicate-key`, ...).
    #[error("{}. {}", .0.detail.en, signature_advice(.0.kind, Language::En))]
    Signature(VerifyError),
    /// The inbox URL is not in the one form Regie sends to.
    #[error("delivery.inbox is '{value}', which Regie will not send to: {problem}. Ask the organisation for a corrected declaration")]
    InvalidInbox {
        /// The URL found (at most 80 characters of it).
        value: String,
        /// Why not.
        problem: InboxProblem,
    },
    /// The receipt key is not an Ed25519 `did:key`.
    #[error("delivery.receipt_key is '{value}', which is not an Ed25519 did:key ({})", .detail.en)]
    InvalidReceiptKey {
        /// The value found (at most 80 characters of it).
        value: String,
        /// Why not, in both languages.
        detail: Detail,
    },
    /// The declaration is not signed by the receipt key it names.
    #[error("the declaration names the receipt key {} but is signed by {}: it must be signed by the key it names", .receipt_key.fingerprint(), .signer.fingerprint())]
    SignerNotReceiptKey {
        /// The key that signed (the last signature's).
        signer: Box<DidKey>,
        /// The key the declaration names.
        receipt_key: Box<DidKey>,
    },
    /// Signed by another key than the one pinned from this organisation,
    /// without a signature by the pinned key.
    #[error("this declaration is signed with the key {}, but you have the key {} from this organisation, and the old key did not sign the change. Regie does not change it: ask the organisation, by a way you trust, which key it uses", .found.fingerprint(), .pinned.fingerprint())]
    KeyChanged {
        /// The key pinned before.
        pinned: Box<DidKey>,
        /// The key this declaration is signed with.
        found: Box<DidKey>,
    },
    /// Not signed (version 1), while a key is pinned from this
    /// organisation.
    #[error("this declaration is not signed, but you have a signed one from this organisation (key {}). Regie does not take an unsigned one in its place: ask the organisation for its signed declaration", .pinned.fingerprint())]
    Unsigned {
        /// The key pinned before.
        pinned: Box<DidKey>,
    },
}

/// What the person can do about a signed declaration whose signature
/// Regie refused.
fn signature_advice(kind: VerifyErrorKind, lang: Language) -> &'static str {
    let (nl, en) = match kind {
        VerifyErrorKind::BadSignature => (
            "Gebruik deze verklaring niet: zij is veranderd na het ondertekenen, of iemand anders heeft haar ondertekend. Haal haar opnieuw bij de organisatie",
            "Do not use this declaration: it was changed after signing, or someone else signed it. Fetch it again from the organisation",
        ),
        VerifyErrorKind::TooDeep
        | VerifyErrorKind::InvalidUtf8
        | VerifyErrorKind::ByteOrderMark
        | VerifyErrorKind::TrailingData
        | VerifyErrorKind::DuplicateKey
        | VerifyErrorKind::LoneSurrogate
        | VerifyErrorKind::NonReproducibleNumber
        | VerifyErrorKind::Syntax => (
            "Dit is geen hele, ondertekende verklaring. Haal haar opnieuw bij de organisatie",
            "This is not an intact signed declaration. Fetch it again from the organisation",
        ),
        _ => (
            "Deze verklaring is niet ondertekend zoals Regie dat vraagt. Vraag de organisatie om een verbeterde verklaring",
            "This declaration is not signed the way Regie requires. Ask the organisation for a corrected declaration",
        ),
    };
    match lang {
        Language::Nl => nl,
        Language::En => en,
    }
}

fn lang_name(l: Language, in_lang: Language) -> &'static str {
    match (l, in_lang) {
        (Language::Nl, Language::En) => "Dutch",
        (Language::En, Language::En) => "English",
        (Language::Nl, Language::Nl) => "Nederlandse",
        (Language::En, Language::Nl) => "Engelse",
    }
}

impl DeclarationError {
    /// A stable name for the kind of problem, e.g. `unknown-field`.
    pub fn kind(&self) -> &'static str {
        match self {
            DeclarationError::TooLarge { .. } => "too-large",
            DeclarationError::NotJson { .. } => "not-json",
            DeclarationError::UnsupportedFormat { .. } => "unsupported-format",
            DeclarationError::UnknownField { .. } => "unknown-field",
            DeclarationError::UnknownValue { .. } => "unknown-value",
            DeclarationError::Malformed { .. } => "malformed",
            DeclarationError::InvalidOrgId { .. } => "invalid-org-id",
            DeclarationError::InvalidValue { .. } => "invalid-value",
            DeclarationError::UnknownTerm { .. } => "unknown-term",
            DeclarationError::MissingText { .. } => "missing-text",
            DeclarationError::TooLong { .. } => "too-long",
            DeclarationError::NoHoldings => "no-holdings",
            DeclarationError::DuplicateHolding { .. } => "duplicate-holding",
            DeclarationError::GrainMissing { .. } => "grain-missing",
            DeclarationError::GrainNotApplicable { .. } => "grain-not-applicable",
            DeclarationError::ReasonMissing { .. } => "reason-missing",
            DeclarationError::ReasonNotApplicable { .. } => "reason-not-applicable",
            DeclarationError::DuplicateChannel { .. } => "duplicate-channel",
            DeclarationError::IssuedInFuture { .. } => "issued-in-future",
            DeclarationError::NotNewer { .. } => "not-newer",
            DeclarationError::Signature(e) => e.kind.code(),
            DeclarationError::InvalidInbox { .. } => "invalid-inbox",
            DeclarationError::InvalidReceiptKey { .. } => "invalid-receipt-key",
            DeclarationError::SignerNotReceiptKey { .. } => "signer-not-receipt-key",
            DeclarationError::KeyChanged { .. } => "key-changed",
            DeclarationError::Unsigned { .. } => "unsigned",
        }
    }

    /// The message in the person's language.
    pub fn message(&self, lang: Language) -> String {
        if lang == Language::En {
            return self.to_string();
        }
        use DeclarationError as E;
        match self {
            E::TooLarge { bytes, max } => format!("deze verklaring is {bytes} bytes; Regie leest verklaringen van hoogstens {max} bytes. Vraag de organisatie om een kleiner bestand"),
            E::NotJson { line, column, detail } => format!("dit is geen leesbare verklaring (regel {line}, kolom {column}: {detail}). Controleer of u het goede bestand koos en of het compleet is"),
            E::UnsupportedFormat { found } => format!("dit bestand is geen verklaring die Regie kan lezen: het formaat is '{found}', en deze versie van Regie leest '{FORMAT}' en '{FORMAT_V2}'. Is het nieuwer, werk Regie dan bij"),
            E::UnknownField { detail } => format!("de verklaring heeft een veld dat Regie niet kent ({detail}). Vraag de organisatie om een verklaring in het formaat '{FORMAT}'"),
            E::UnknownValue { detail } => format!("de verklaring heeft een waarde die Regie niet kent ({detail})"),
            E::Malformed { detail } => format!("de verklaring is niet compleet of heeft een verkeerde waarde ({detail})"),
            E::InvalidOrgId { id } => format!("'{id}' is geen geldige code voor een organisatie: gebruik kvk: en 8 cijfers, oin: en 20 cijfers, of kleine letters, cijfers en streepjes (2 tot 64)"),
            E::InvalidValue { field, value, expected } => format!("{field} is '{value}', en dat is niet {}", expected_nl(expected)),
            E::UnknownTerm { field, term, expected } => format!("{field} is '{term}', en Regie kent dat niet als {}: gebruik een term uit de DPV-lijst van Regie", if *expected == "purpose" { "doel" } else { "soort gegevens" }),
            E::MissingText { field, language } => format!("{field} heeft geen {} tekst: elke tekst moet er in het Nederlands en het Engels zijn", lang_name(*language, Language::Nl)),
            E::TooLong { field, max } => format!("{field} is te lang: hoogstens {max}"),
            E::NoHoldings => "de verklaring noemt geen gegevens: zij moet zeggen welke gegevens de organisatie heeft".into(),
            E::DuplicateHolding { field, category, purpose } => format!("{field} noemt {category} voor {purpose} nog een keer: noem elke soort gegevens met elk doel maar één keer, met één grondslag"),
            E::GrainMissing { field, purpose } => format!("{field}: bij {purpose} kijkt de organisatie steeds naar gegevens, dus de verklaring moet zeggen naar welke gegevens en hoe vaak (grain)"),
            E::GrainNotApplicable { field, purpose } => format!("{field}: bij {purpose} kijkt de organisatie niet steeds naar gegevens, dus er hoort geen grain bij"),
            E::ReasonMissing { field, basis } => format!("{field}: bij de grondslag {basis} heeft u geen keus, dus de verklaring moet de reden geven, met de naam van de wet, in het Nederlands en het Engels"),
            E::ReasonNotApplicable { field, basis } => format!("{field}: de grondslag {basis} kunt u zelf uitzetten, dus er hoort geen 'reason' bij (gebruik 'note')"),
            E::DuplicateChannel { kind, channel } => format!("channels.{kind} noemt '{channel}' twee keer"),
            E::IssuedInFuture { issued } => format!("deze verklaring zegt dat zij is uitgegeven op {issued}, en dat is in de toekomst. Controleer de datum van uw computer, of vraag de organisatie om een verbeterd bestand"),
            E::NotNewer { issued, stored } => format!("deze verklaring (uitgegeven op {issued}) is ouder dan de verklaring die u al heeft (uitgegeven op {stored}), of even oud: er is niets veranderd"),
            E::Signature(e) => format!("{}. {}", e.detail.nl, signature_advice(e.kind, Language::Nl)),
            E::InvalidInbox { value, problem } => format!("delivery.inbox is '{value}', en daar stuurt Regie niets heen: {}. Vraag de organisatie om een verbeterde verklaring", problem.message(Language::Nl)),
            E::InvalidReceiptKey { value, detail } => format!("delivery.receipt_key is '{value}', en dat is geen Ed25519-did:key ({})", detail.nl),
            E::SignerNotReceiptKey { signer, receipt_key } => format!("de verklaring noemt de sleutel {} voor ontvangstbewijzen, maar is ondertekend met {}: zij moet ondertekend zijn met de sleutel die zij noemt", receipt_key.fingerprint(), signer.fingerprint()),
            E::KeyChanged { pinned, found } => format!("deze verklaring is ondertekend met de sleutel {}, maar u heeft van deze organisatie de sleutel {}, en de oude sleutel heeft de wissel niet ondertekend. Regie neemt de nieuwe sleutel niet over: vraag de organisatie via een weg die u vertrouwt welke sleutel zij gebruikt", found.fingerprint(), pinned.fingerprint()),
            E::Unsigned { pinned } => format!("deze verklaring is niet ondertekend, maar u heeft van deze organisatie een ondertekende (sleutel {}). Regie neemt daarvoor geen verklaring zonder handtekening in de plaats: vraag de organisatie om haar ondertekende verklaring", pinned.fingerprint()),
        }
    }
}

fn expected_nl(en: &str) -> &'static str {
    match en {
        EXPECT_DATE => "een datum als 2026-01-31",
        EXPECT_EMAIL => "een e-mailadres",
        EXPECT_WEBSITE => "een webadres dat begint met https://",
        EXPECT_SECTOR => "een sector in kleine letters, cijfers en streepjes",
        EXPECT_RETENTION => "een bewaartermijn als P7Y (ISO 8601)",
        EXPECT_BASIS => "een grondslag eu-gdpr:A6-1-a tot eu-gdpr:A6-1-f",
        EXPECT_CATEGORY => "een soort gegevens als pd:Financial",
        EXPECT_PURPOSE => "een doel als dpv:DirectMarketing",
        EXPECT_NAME => "een naam",
        _ => "een geldige waarde",
    }
}

pub(crate) const EXPECT_DATE: &str = "a date such as 2026-01-31";
pub(crate) const EXPECT_EMAIL: &str = "an e-mail address";
pub(crate) const EXPECT_WEBSITE: &str = "a web address starting with https://";
pub(crate) const EXPECT_SECTOR: &str = "a sector in lower-case letters, digits and hyphens";
pub(crate) const EXPECT_RETENTION: &str = "a retention period such as P7Y (ISO 8601 duration)";
pub(crate) const EXPECT_BASIS: &str =
    "a legal basis eu-gdpr:A6-1-a to eu-gdpr:A6-1-f (or its full IRI)";
pub(crate) const EXPECT_CATEGORY: &str = "a data category such as pd:Financial";
pub(crate) const EXPECT_PURPOSE: &str = "a purpose such as dpv:DirectMarketing";
pub(crate) const EXPECT_NAME: &str = "a name";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_dutch_message() {
        let e = DeclarationError::MissingText {
            field: "holdings[0].note".into(),
            language: Language::En,
        };
        assert!(e.to_string().contains("English"));
        assert!(e.message(Language::Nl).contains("Engelse"));
    }
}
