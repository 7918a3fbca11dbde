//! The organisation declaration: the file an organisation publishes to say
//! which of a person's data it holds, for which purposes, on which legal
//! basis, and which channels it uses for which kinds of message.
//!
//! The format is `regie-declaration/1`, specified in
//! `docs/spec/declaration.md` with a JSON Schema beside it. Parsing is
//! strict: unknown fields and values, missing translations, duplicates and
//! files that are too large are refused with a [`DeclarationError`] that says
//! what is wrong and where, in Dutch and English. A refused file changes
//! nothing in the vault.
//!
//! ```
//! use regie_vault::declaration::Declaration;
//! let bytes = br#"{"format":"regie-declaration/2"}"#;
//! let err = Declaration::parse(bytes).unwrap_err();
//! assert_eq!(err.kind(), "unsupported-format");
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Days, NaiveDate, Utc};
use regie_model::catalogue::{self, TermKind};
use regie_model::legal::EU_GDPR_NS;
use regie_model::{
    Channel, DataScope, DecisionState, Frequency, Grain, Language, LegalBasis, MessageKind, OrgId,
};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::domain::{BiText, Holding, NewHolding, Organisation, Source};
use crate::error::{Error, Result};
use crate::history::{self, EventKind, NewEvent};

/// The value of the `format` field this version reads.
pub const FORMAT: &str = "regie-declaration/1";
/// The largest file Regie reads, in bytes (256 KiB).
pub const MAX_BYTES: usize = 256 * 1024;
/// The most holdings one declaration may list.
pub const MAX_HOLDINGS: usize = 500;
/// The longest text (a reason or a note, in one language), in characters.
pub const MAX_TEXT_CHARS: usize = 1000;
/// The longest organisation name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest website, e-mail address or sector, in characters.
pub const MAX_SHORT_CHARS: usize = 254;
/// The longest postal address, in characters.
pub const MAX_POSTAL_CHARS: usize = 300;

// ----- the file, as read ---------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeclaration {
    format: String,
    organisation: RawOrganisation,
    issued: String,
    holdings: Vec<RawHolding>,
    channels: RawChannels,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganisation {
    id: String,
    name: String,
    #[serde(default)]
    sector: Option<String>,
    #[serde(default)]
    website: Option<String>,
    privacy_email: String,
    #[serde(default)]
    privacy_postal: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolding {
    category: String,
    purpose: String,
    basis: String,
    retention: String,
    #[serde(default)]
    grain: Option<RawGrain>,
    #[serde(default)]
    reason: Option<RawText>,
    #[serde(default)]
    note: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrain {
    scope: DataScope,
    frequency: Frequency,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    nl: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannels {
    proactive: Vec<Channel>,
    marketing: Vec<Channel>,
    feedback: Vec<Channel>,
    service: Vec<Channel>,
}

// ----- the file, checked ---------------------------------------------------

/// A checked declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declaration {
    /// The organisation, with source [`Source::Declaration`] and the issue
    /// date as its source date.
    pub organisation: Organisation,
    /// The date the organisation issued the declaration.
    pub issued: NaiveDate,
    /// What it holds, categories and purposes in compact form.
    pub holdings: Vec<NewHolding>,
    /// For each kind of message, the channels the organisation uses.
    pub channels: BTreeMap<MessageKind, Vec<Channel>>,
}

/// A holding named in a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct HoldingRef {
    /// Data category (`pd:`).
    pub category: String,
    /// Purpose (`dpv:`).
    pub purpose: String,
    /// Legal basis.
    pub basis: LegalBasis,
}

/// A holding whose legal basis changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BasisChange {
    /// Data category (`pd:`).
    pub category: String,
    /// Purpose (`dpv:`).
    pub purpose: String,
    /// The basis before.
    pub from: LegalBasis,
    /// The basis now.
    pub to: LegalBasis,
    /// The person's decision before (kept in the history).
    pub decision_before: DecisionState,
    /// The decision now, derived from the new basis.
    pub decision_after: DecisionState,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclarationReport {
    /// The organisation.
    pub org: OrgId,
    /// The declaration's issue date.
    pub issued: NaiveDate,
    /// The date of the declaration imported before, if any.
    pub previous: Option<NaiveDate>,
    /// Whether the organisation was new to the vault.
    pub organisation_added: bool,
    /// Holdings that are new.
    pub added: Vec<HoldingRef>,
    /// Holdings the declaration no longer lists (removed from the vault).
    pub removed: Vec<HoldingRef>,
    /// Holdings whose legal basis changed.
    pub basis_changed: Vec<BasisChange>,
    /// Holdings that stayed, with the person's decision kept.
    pub unchanged: usize,
    /// For each kind of message, the channels the organisation says it uses.
    pub channels: BTreeMap<MessageKind, Vec<Channel>>,
}

// ----- errors --------------------------------------------------------------

/// Why a declaration was refused. Each case says what is wrong and where, so
/// the person (or the organisation that wrote the file) can act on it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeclarationError {
    /// Larger than [`MAX_BYTES`].
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
    #[error("this file is not a declaration Regie can read: its format is '{found}', and this version of Regie reads '{FORMAT}'. If it is newer, update Regie")]
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
            E::UnsupportedFormat { found } => format!("dit bestand is geen verklaring die Regie kan lezen: het formaat is '{found}', en deze versie van Regie leest '{FORMAT}'. Is het nieuwer, werk Regie dan bij"),
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

const EXPECT_DATE: &str = "a date such as 2026-01-31";
const EXPECT_EMAIL: &str = "an e-mail address";
const EXPECT_WEBSITE: &str = "a web address starting with https://";
const EXPECT_SECTOR: &str = "a sector in lower-case letters, digits and hyphens";
const EXPECT_RETENTION: &str = "a retention period such as P7Y (ISO 8601 duration)";
const EXPECT_BASIS: &str = "a legal basis eu-gdpr:A6-1-a to eu-gdpr:A6-1-f (or its full IRI)";
const EXPECT_CATEGORY: &str = "a data category such as pd:Financial";
const EXPECT_PURPOSE: &str = "a purpose such as dpv:DirectMarketing";
const EXPECT_NAME: &str = "a name";

impl From<DeclarationError> for Error {
    fn from(e: DeclarationError) -> Self {
        Error::Declaration(e)
    }
}

// ----- parsing ---------------------------------------------------------------

type DResult<T> = std::result::Result<T, DeclarationError>;

fn from_serde(e: serde_json::Error) -> DeclarationError {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => DeclarationError::NotJson {
            line,
            column,
            detail: e.to_string(),
        },
        Category::Data => {
            let detail = e.to_string();
            if detail.starts_with("unknown field") {
                DeclarationError::UnknownField { detail }
            } else if detail.starts_with("unknown variant") {
                DeclarationError::UnknownValue { detail }
            } else {
                DeclarationError::Malformed { detail }
            }
        }
    }
}

fn invalid(field: String, value: &str, expected: &'static str) -> DeclarationError {
    let value: String = value.chars().take(80).collect();
    DeclarationError::InvalidValue {
        field,
        value,
        expected,
    }
}

fn check_len(field: &str, s: &str, max: usize) -> DResult<()> {
    if s.chars().count() > max {
        return Err(DeclarationError::TooLong {
            field: field.to_owned(),
            max,
        });
    }
    Ok(())
}

fn text(field: String, t: RawText) -> DResult<BiText> {
    for (lang, s) in [(Language::Nl, &t.nl), (Language::En, &t.en)] {
        if s.trim().is_empty() {
            return Err(DeclarationError::MissingText {
                field,
                language: lang,
            });
        }
        check_len(&format!("{field}.{}", lang.as_str()), s, MAX_TEXT_CHARS)?;
    }
    Ok(BiText::new(t.nl.trim(), t.en.trim()))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Whether `s` is an ISO 8601 duration: `P`, then years, months, weeks and
/// days, then optionally `T` and hours, minutes and seconds, each a whole
/// number, in that order, at least one of them.
pub fn is_iso_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    fn units(part: &str, order: &str) -> Option<usize> {
        let mut pos = 0;
        let mut n = 0;
        let mut digits = 0;
        for c in part.chars() {
            if c.is_ascii_digit() {
                digits += 1;
                if digits > 6 {
                    return None;
                }
                continue;
            }
            if digits == 0 {
                return None;
            }
            let i = order[pos..].find(c)? + pos;
            pos = i + 1;
            n += 1;
            digits = 0;
        }
        (digits == 0).then_some(n)
    }
    let Some(d) = units(date, "YMWD") else {
        return false;
    };
    let t = match time {
        Some(t) => match units(t, "HMS") {
            Some(0) | None => return false,
            Some(n) => n,
        },
        None => 0,
    };
    d + t > 0
}

fn parse_term(field: String, s: &str, kind: TermKind) -> DResult<String> {
    let (prefix, ns, expected, word) = match kind {
        TermKind::DataCategory => ("pd:", catalogue::PD_NS, EXPECT_CATEGORY, "data category"),
        TermKind::Purpose => ("dpv:", catalogue::DPV_NS, EXPECT_PURPOSE, "purpose"),
    };
    let compact = catalogue::compact(s);
    let Some(local) = compact.strip_prefix(prefix) else {
        return Err(invalid(field, s, expected));
    };
    let well_formed = s.starts_with(prefix) || s.starts_with(ns);
    if !well_formed
        || local.is_empty()
        || !local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(invalid(field, s, expected));
    }
    match catalogue::lookup(&compact) {
        Some(t) if t.kind == kind => Ok(compact),
        _ => Err(DeclarationError::UnknownTerm {
            field,
            term: s.to_owned(),
            expected: word,
        }),
    }
}

fn parse_basis(field: String, s: &str) -> DResult<LegalBasis> {
    if !(s.starts_with("eu-gdpr:") || s.starts_with(EU_GDPR_NS)) {
        return Err(invalid(field, s, EXPECT_BASIS));
    }
    LegalBasis::parse(s).ok_or_else(|| invalid(field, s, EXPECT_BASIS))
}

impl Declaration {
    /// Reads and checks a declaration, taking today's date (UTC) for the
    /// "not in the future" rule.
    pub fn parse(bytes: &[u8]) -> std::result::Result<Declaration, DeclarationError> {
        Self::parse_on(bytes, Utc::now().date_naive())
    }

    /// Reads and checks a declaration as on `today`: the issue date may be
    /// at most one day after it (time zones).
    pub fn parse_on(
        bytes: &[u8],
        today: NaiveDate,
    ) -> std::result::Result<Declaration, DeclarationError> {
        if bytes.len() > MAX_BYTES {
            return Err(DeclarationError::TooLarge {
                bytes: bytes.len(),
                max: MAX_BYTES,
            });
        }
        // The format first, so a newer version gets "update Regie" rather
        // than a complaint about a field this version does not know.
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(from_serde)?;
        match value.get("format") {
            Some(serde_json::Value::String(f)) if f == FORMAT => {}
            Some(serde_json::Value::String(f)) => {
                return Err(DeclarationError::UnsupportedFormat { found: f.clone() })
            }
            Some(other) => {
                return Err(DeclarationError::UnsupportedFormat {
                    found: other.to_string(),
                })
            }
            None if value.is_object() => {
                return Err(DeclarationError::Malformed {
                    detail: "missing field `format`".into(),
                })
            }
            None => {
                return Err(DeclarationError::Malformed {
                    detail: "the file must be one JSON object".into(),
                })
            }
        }
        // Parse from the bytes again (not the Value) so errors keep line and column.
        let raw: RawDeclaration = serde_json::from_slice(bytes).map_err(from_serde)?;
        debug_assert_eq!(raw.format, FORMAT);

        let o = raw.organisation;
        let id = OrgId::parse(&o.id).map_err(|_| DeclarationError::InvalidOrgId { id: o.id })?;
        if o.name.trim().is_empty() {
            return Err(invalid("organisation.name".into(), &o.name, EXPECT_NAME));
        }
        check_len("organisation.name", &o.name, MAX_NAME_CHARS)?;
        if let Some(s) = &o.sector {
            check_len("organisation.sector", s, MAX_SHORT_CHARS)?;
            let ok = !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok {
                return Err(invalid("organisation.sector".into(), s, EXPECT_SECTOR));
            }
        }
        if let Some(w) = &o.website {
            check_len("organisation.website", w, MAX_SHORT_CHARS)?;
            let host = w.strip_prefix("https://").unwrap_or("");
            if host.is_empty() || host.starts_with('/') || w.contains(char::is_whitespace) {
                return Err(invalid("organisation.website".into(), w, EXPECT_WEBSITE));
            }
        }
        check_len(
            "organisation.privacy_email",
            &o.privacy_email,
            MAX_SHORT_CHARS,
        )?;
        let email_ok = match o.privacy_email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.contains('@')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !o.privacy_email.contains(char::is_whitespace)
            }
            None => false,
        };
        if !email_ok {
            return Err(invalid(
                "organisation.privacy_email".into(),
                &o.privacy_email,
                EXPECT_EMAIL,
            ));
        }
        if let Some(p) = &o.privacy_postal {
            check_len("organisation.privacy_postal", p, MAX_POSTAL_CHARS)?;
            if p.trim().is_empty() {
                return Err(DeclarationError::Malformed {
                    detail:
                        "organisation.privacy_postal is empty: leave it out, or give the address"
                            .into(),
                });
            }
        }

        let issued = parse_date(&raw.issued)
            .ok_or_else(|| invalid("issued".into(), &raw.issued, EXPECT_DATE))?;
        if today
            .checked_add_days(Days::new(1))
            .is_some_and(|d| issued > d)
        {
            return Err(DeclarationError::IssuedInFuture { issued });
        }

        if raw.holdings.is_empty() {
            return Err(DeclarationError::NoHoldings);
        }
        if raw.holdings.len() > MAX_HOLDINGS {
            return Err(DeclarationError::TooLong {
                field: "holdings".into(),
                max: MAX_HOLDINGS,
            });
        }
        let mut seen = BTreeSet::new();
        let mut holdings = Vec::with_capacity(raw.holdings.len());
        for (i, h) in raw.holdings.into_iter().enumerate() {
            let at = |f: &str| format!("holdings[{i}].{f}");
            let category = parse_term(at("category"), &h.category, TermKind::DataCategory)?;
            let purpose = parse_term(at("purpose"), &h.purpose, TermKind::Purpose)?;
            let basis = parse_basis(at("basis"), &h.basis)?;
            if !is_iso_duration(&h.retention) {
                return Err(invalid(at("retention"), &h.retention, EXPECT_RETENTION));
            }
            let monitoring = catalogue::lookup(&purpose).is_some_and(|t| t.monitoring);
            let grain = match (h.grain, monitoring) {
                (Some(g), true) => Some(Grain {
                    scope: g.scope,
                    frequency: g.frequency,
                }),
                (None, false) => None,
                (None, true) => {
                    return Err(DeclarationError::GrainMissing {
                        field: format!("holdings[{i}]"),
                        purpose,
                    })
                }
                (Some(_), false) => {
                    return Err(DeclarationError::GrainNotApplicable {
                        field: at("grain"),
                        purpose,
                    })
                }
            };
            let locked = basis.initial_decision() == DecisionState::Locked;
            let locked_reason = match (h.reason, locked) {
                (Some(r), true) => Some(text(at("reason"), r)?),
                (None, false) => None,
                (None, true) => {
                    return Err(DeclarationError::ReasonMissing {
                        field: format!("holdings[{i}]"),
                        basis,
                    })
                }
                (Some(_), false) => {
                    return Err(DeclarationError::ReasonNotApplicable {
                        field: at("reason"),
                        basis,
                    })
                }
            };
            let note = h.note.map(|n| text(at("note"), n)).transpose()?;
            if !seen.insert((category.clone(), purpose.clone())) {
                return Err(DeclarationError::DuplicateHolding {
                    field: format!("holdings[{i}]"),
                    category,
                    purpose,
                });
            }
            holdings.push(NewHolding {
                category,
                purpose,
                basis,
                retention: Some(h.retention),
                grain,
                locked_reason,
                note,
            });
        }

        let mut channels = BTreeMap::new();
        for (kind, list) in [
            (MessageKind::Proactive, raw.channels.proactive),
            (MessageKind::Marketing, raw.channels.marketing),
            (MessageKind::Feedback, raw.channels.feedback),
            (MessageKind::Service, raw.channels.service),
        ] {
            let mut set = BTreeSet::new();
            for c in &list {
                if !set.insert(*c) {
                    return Err(DeclarationError::DuplicateChannel { kind, channel: *c });
                }
            }
            channels.insert(kind, list);
        }

        Ok(Declaration {
            organisation: Organisation {
                id,
                name: o.name.trim().to_owned(),
                sector: o.sector,
                website: o.website,
                privacy_email: Some(o.privacy_email),
                privacy_postal: o.privacy_postal.map(|p| p.trim().to_owned()),
                source: Source::Declaration,
                source_date: Some(issued),
            },
            issued,
            holdings,
            channels,
        })
    }
}

// ----- import ----------------------------------------------------------------

fn holding_ref(h: &NewHolding) -> HoldingRef {
    HoldingRef {
        category: h.category.clone(),
        purpose: h.purpose.clone(),
        basis: h.basis,
    }
}

fn update_details(tx: &Transaction<'_>, id: i64, h: &NewHolding) -> Result<()> {
    tx.prepare_cached(
        "UPDATE holding SET retention = ?1, grain = ?2, locked_reason_nl = ?3, locked_reason_en = ?4, note_nl = ?5, note_en = ?6 WHERE id = ?7",
    )?
    .execute(params![
        h.retention,
        h.grain.map(Grain::as_string),
        h.locked_reason.as_ref().map(|t| &t.nl),
        h.locked_reason.as_ref().map(|t| &t.en),
        h.note.as_ref().map(|t| &t.nl),
        h.note.as_ref().map(|t| &t.en),
        id
    ])?;
    Ok(())
}

fn remove_holding(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    org: &OrgId,
    h: &Holding,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM holding WHERE id = ?1")?
        .execute([h.id])?;
    history::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.as_str()),
            kind: EventKind::HoldingRemoved,
            subject: format!("{} {}", h.what.purpose, h.what.category),
            before: Some(
                serde_json::json!({ "basis": h.what.basis.compact(), "decision": h.decision.as_str() })
                    .to_string(),
            ),
            after: None,
        },
    )?;
    Ok(())
}

/// Imports a checked declaration in the caller's transaction. Any error
/// leaves the transaction to be rolled back by the caller.
pub(crate) fn import(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    decl: &Declaration,
) -> Result<DeclarationReport> {
    let org = &decl.organisation;
    let existing: Option<Organisation> = tx
        .prepare_cached(&format!(
            "SELECT {} FROM organisation WHERE id = ?1",
            crate::vault::ORG_COLS
        ))?
        .query_row([org.id.as_str()], crate::vault::row_to_org)
        .optional()?;

    let previous = existing
        .as_ref()
        .filter(|o| o.source == Source::Declaration)
        .and_then(|o| o.source_date);
    if let Some(stored) = previous {
        if decl.issued <= stored {
            return Err(DeclarationError::NotNewer {
                issued: decl.issued,
                stored,
            }
            .into());
        }
    }

    match &existing {
        None => crate::vault::insert_org(tx, now, org)?,
        Some(before) => {
            tx.prepare_cached(
                "UPDATE organisation SET name = ?1, sector = ?2, website = ?3, privacy_email = ?4, privacy_postal = ?5, source = ?6, source_date = ?7, updated_at = ?8 WHERE id = ?9",
            )?
            .execute(params![
                org.name,
                org.sector,
                org.website,
                org.privacy_email,
                org.privacy_postal,
                org.source.as_str(),
                org.source_date.map(|d| d.format("%Y-%m-%d").to_string()),
                history::now_text(now),
                org.id.as_str()
            ])?;
            history::append(
                tx,
                now,
                NewEvent {
                    org_id: Some(org.id.as_str()),
                    kind: EventKind::OrganisationUpdated,
                    subject: org.name.clone(),
                    before: Some(serde_json::to_string(before).expect("organisation serialises")),
                    after: Some(serde_json::to_string(org).expect("organisation serialises")),
                },
            )?;
        }
    }

    // Group what the vault holds by (category, purpose).
    let mut held: BTreeMap<(String, String), Vec<Holding>> = BTreeMap::new();
    for h in crate::vault::load_holdings(tx, &org.id)? {
        held.entry((h.what.category.clone(), h.what.purpose.clone()))
            .or_default()
            .push(h);
    }

    let mut report = DeclarationReport {
        org: org.id.clone(),
        issued: decl.issued,
        previous,
        organisation_added: existing.is_none(),
        added: vec![],
        removed: vec![],
        basis_changed: vec![],
        unchanged: 0,
        channels: decl.channels.clone(),
    };

    for want in &decl.holdings {
        let key = (want.category.clone(), want.purpose.clone());
        let Some(mut have) = held.remove(&key) else {
            crate::vault::insert_holding(tx, now, &org.id, want)?;
            report.added.push(holding_ref(want));
            continue;
        };
        // Keep the one on the declared basis if there is one, else the first.
        let keep = have
            .iter()
            .position(|h| h.what.basis == want.basis)
            .unwrap_or(0);
        let kept = have.remove(keep);
        for extra in &have {
            remove_holding(tx, now, &org.id, extra)?;
            report.removed.push(holding_ref(&extra.what));
        }
        update_details(tx, kept.id, want)?;
        if kept.what.basis == want.basis {
            report.unchanged += 1;
            continue;
        }
        let decision = want.basis.initial_decision();
        tx.prepare_cached(
            "UPDATE holding SET basis = ?1, decision = ?2, decided_at = NULL WHERE id = ?3",
        )?
        .execute(params![want.basis.compact(), decision.as_str(), kept.id])?;
        history::append(
            tx,
            now,
            NewEvent {
                org_id: Some(org.id.as_str()),
                kind: EventKind::Decision,
                subject: format!("{} {}", want.purpose, want.category),
                before: Some(
                    serde_json::json!({ "basis": kept.what.basis.compact(), "decision": kept.decision.as_str() })
                        .to_string(),
                ),
                after: Some(
                    serde_json::json!({ "basis": want.basis.compact(), "decision": decision.as_str() })
                        .to_string(),
                ),
            },
        )?;
        report.basis_changed.push(BasisChange {
            category: want.category.clone(),
            purpose: want.purpose.clone(),
            from: kept.what.basis,
            to: want.basis,
            decision_before: kept.decision,
            decision_after: decision,
        });
    }
    for gone in held.into_values().flatten() {
        remove_holding(tx, now, &org.id, &gone)?;
        report.removed.push(holding_ref(&gone.what));
    }
    report.added.sort();
    report.removed.sort();

    history::append(
        tx,
        now,
        NewEvent {
            org_id: Some(org.id.as_str()),
            kind: EventKind::DeclarationImported,
            subject: format!("{FORMAT} {}", decl.issued),
            before: previous.map(|d| serde_json::Value::String(d.to_string()).to_string()),
            after: Some(serde_json::to_string(&report).expect("report serialises")),
        },
    )?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for ok in ["P7Y", "P1Y6M", "P2W", "P30D", "PT12H", "P1DT2H30M", "P0D"] {
            assert!(is_iso_duration(ok), "{ok}");
        }
        for bad in [
            "", "P", "PT", "7Y", "P7", "PY", "P1M1Y", "P1DT", "P1.5Y", "p7y", "P7Y ", "P1H",
        ] {
            assert!(!is_iso_duration(bad), "{bad}");
        }
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-01-31").is_some());
        for bad in ["2026-1-31", "2026-02-30", "31-01-2026", "2026-01-31T00:00"] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }

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
