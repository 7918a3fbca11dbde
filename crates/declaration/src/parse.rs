//! Reading a declaration: the file as serde sees it, then every rule of the
//! format checked once, into [`Declaration`]'s typed fields. A version 2
//! declaration's signature is checked first, on the exact bytes, with
//! regie-prefs' rules for signed files; then its content as version 1's,
//! and its inbox and receipt key.
//!
//! Terms, retention periods, names and e-mail addresses are parsed by
//! regie-model's types, so a declaration follows exactly the rules the
//! vault and the preference file follow; only the format's own rules
//! (lengths, translations, grain and reason per basis, duplicates) are
//! here.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate, Utc};
use regie_model::catalogue::TermKind;
use regie_model::legal::EU_GDPR_NS;
use regie_model::{
    Channel, DataCategory, DataScope, DecisionState, EmailAddress, Frequency, Grain, Language,
    LegalBasis, MessageKind, OrgId, OrgName, Purpose, RetentionPeriod,
};
use serde::Deserialize;

use crate::error::{
    DeclarationError, EXPECT_BASIS, EXPECT_CATEGORY, EXPECT_DATE, EXPECT_EMAIL, EXPECT_NAME,
    EXPECT_PURPOSE, EXPECT_RETENTION, EXPECT_SECTOR, EXPECT_WEBSITE,
};
use crate::{
    BiText, Declaration, DeclaredHolding, DeclaredOrganisation, Delivery, DidKey, InboxUrl, FORMAT,
    FORMAT_V2, MAX_BYTES, MAX_HOLDINGS, MAX_NAME_CHARS, MAX_POSTAL_CHARS, MAX_SHORT_CHARS,
    MAX_TEXT_CHARS,
};
use regie_prefs::error::Detail;
use regie_prefs::proof::{self, DocumentProof, DocumentProofs};
use regie_prefs::{VerifyError, VerifyErrorKind};

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

/// Version 2: version 1's members, the delivery and the proof (checked
/// before, on the bytes).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeclarationV2 {
    format: String,
    organisation: RawOrganisation,
    issued: String,
    holdings: Vec<RawHolding>,
    channels: RawChannels,
    delivery: RawDelivery,
    #[serde(rename = "proof")]
    _proof: serde::de::IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDelivery {
    inbox: String,
    receipt_key: String,
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

// ----- the rules -------------------------------------------------------------

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

/// A term Regie's catalogue knows, of the kind the field wants: first its
/// form (regie-model's grammar), then the catalogue.
fn known_term<T>(
    field: String,
    s: &str,
    parse: impl FnOnce(&str) -> Option<T>,
    term: impl FnOnce(&T) -> Option<&'static regie_model::catalogue::Term>,
    kind: TermKind,
) -> DResult<T> {
    let (expected, word) = match kind {
        TermKind::DataCategory => (EXPECT_CATEGORY, "data category"),
        TermKind::Purpose => (EXPECT_PURPOSE, "purpose"),
    };
    let value = parse(s).ok_or_else(|| invalid(field.clone(), s, expected))?;
    match term(&value) {
        Some(t) if t.kind == kind => Ok(value),
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

fn organisation(o: RawOrganisation) -> DResult<DeclaredOrganisation> {
    let id = OrgId::parse(&o.id).map_err(|_| DeclarationError::InvalidOrgId { id: o.id })?;
    check_len("organisation.name", &o.name, MAX_NAME_CHARS)?;
    let name = OrgName::parse(&o.name)
        .ok_or_else(|| invalid("organisation.name".into(), &o.name, EXPECT_NAME))?;
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
    // The address as written: spaces around it are a mistake in a file.
    let privacy_email = EmailAddress::parse(&o.privacy_email)
        .filter(|e| e.as_str() == o.privacy_email)
        .ok_or_else(|| {
            invalid(
                "organisation.privacy_email".into(),
                &o.privacy_email,
                EXPECT_EMAIL,
            )
        })?;
    if let Some(p) = &o.privacy_postal {
        check_len("organisation.privacy_postal", p, MAX_POSTAL_CHARS)?;
        if p.trim().is_empty() {
            return Err(DeclarationError::Malformed {
                detail: "organisation.privacy_postal is empty: leave it out, or give the address"
                    .into(),
            });
        }
    }
    Ok(DeclaredOrganisation {
        id,
        name,
        sector: o.sector,
        website: o.website,
        privacy_email,
        privacy_postal: o.privacy_postal.map(|p| p.trim().to_owned()),
    })
}

fn holding(i: usize, h: RawHolding) -> DResult<DeclaredHolding> {
    let at = |f: &str| format!("holdings[{i}].{f}");
    let category = known_term(
        at("category"),
        &h.category,
        DataCategory::parse,
        DataCategory::term,
        TermKind::DataCategory,
    )?;
    let purpose = known_term(
        at("purpose"),
        &h.purpose,
        Purpose::parse,
        Purpose::term,
        TermKind::Purpose,
    )?;
    let basis = parse_basis(at("basis"), &h.basis)?;
    let retention = RetentionPeriod::parse(&h.retention)
        .ok_or_else(|| invalid(at("retention"), &h.retention, EXPECT_RETENTION))?;
    let monitoring = purpose.term().is_some_and(|t| t.monitoring);
    let grain = match (h.grain, monitoring) {
        (Some(g), true) => Some(Grain {
            scope: g.scope,
            frequency: g.frequency,
        }),
        (None, false) => None,
        (None, true) => {
            return Err(DeclarationError::GrainMissing {
                field: format!("holdings[{i}]"),
                purpose: purpose.compact(),
            })
        }
        (Some(_), false) => {
            return Err(DeclarationError::GrainNotApplicable {
                field: at("grain"),
                purpose: purpose.compact(),
            })
        }
    };
    let locked = basis.initial_decision() == DecisionState::Locked;
    let reason = match (h.reason, locked) {
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
    Ok(DeclaredHolding {
        category,
        purpose,
        basis,
        retention,
        grain,
        reason,
        note,
    })
}

/// The parts both versions share, checked: everything but the delivery.
fn common(
    organisation: RawOrganisation,
    issued: &str,
    raw_holdings: Vec<RawHolding>,
    raw_channels: RawChannels,
    today: NaiveDate,
) -> DResult<Declaration> {
    let organisation = self::organisation(organisation)?;

    let issued = parse_date(issued).ok_or_else(|| invalid("issued".into(), issued, EXPECT_DATE))?;
    check_not_in_future(issued, today)?;

    if raw_holdings.is_empty() {
        return Err(DeclarationError::NoHoldings);
    }
    if raw_holdings.len() > MAX_HOLDINGS {
        return Err(DeclarationError::TooLong {
            field: "holdings".into(),
            max: MAX_HOLDINGS,
        });
    }
    let mut seen = BTreeSet::new();
    let mut holdings = Vec::with_capacity(raw_holdings.len());
    for (i, raw) in raw_holdings.into_iter().enumerate() {
        let h = holding(i, raw)?;
        if !seen.insert((h.category.clone(), h.purpose.clone())) {
            return Err(DeclarationError::DuplicateHolding {
                field: format!("holdings[{i}]"),
                category: h.category.compact(),
                purpose: h.purpose.compact(),
            });
        }
        holdings.push(h);
    }

    let mut channels = BTreeMap::new();
    for (kind, list) in [
        (MessageKind::Proactive, raw_channels.proactive),
        (MessageKind::Marketing, raw_channels.marketing),
        (MessageKind::Feedback, raw_channels.feedback),
        (MessageKind::Service, raw_channels.service),
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
        organisation,
        issued,
        holdings,
        channels,
        delivery: None,
    })
}

/// A date may be at most one day after `today` (time zones).
fn check_not_in_future(issued: NaiveDate, today: NaiveDate) -> DResult<()> {
    if today
        .checked_add_days(Days::new(1))
        .is_some_and(|d| issued > d)
    {
        return Err(DeclarationError::IssuedInFuture { issued });
    }
    Ok(())
}

/// The delivery of a version 2 declaration, against who signed it: one
/// proof by the receipt key, or a key change, signed first by the previous
/// key and then by the receipt key.
fn delivery(raw: RawDelivery, proofs: DocumentProofs, today: NaiveDate) -> DResult<Delivery> {
    let short = |s: &str| s.chars().take(80).collect::<String>();
    let inbox = InboxUrl::parse(&raw.inbox).map_err(|problem| DeclarationError::InvalidInbox {
        value: short(&raw.inbox),
        problem,
    })?;
    let receipt_key =
        DidKey::parse(&raw.receipt_key).map_err(|e| DeclarationError::InvalidReceiptKey {
            value: short(&raw.receipt_key),
            detail: e.detail(),
        })?;
    let (signer, previous_key, created) = match proofs {
        DocumentProofs::One(p) => (p.key, None, p.created),
        DocumentProofs::Set(set) => match <[DocumentProof; 2]>::try_from(set) {
            Ok([previous, last]) => {
                if previous.key == last.key {
                    return Err(signature_error(
                        "bij een wissel van sleutel is de eerste handtekening van de vorige sleutel, niet van dezelfde sleutel als de tweede",
                        "in a key change the first signature is by the previous key, not by the same key as the second",
                    ));
                }
                (
                    last.key,
                    Some(previous.key),
                    previous.created.max(last.created),
                )
            }
            Err(set) => {
                let n = set.len();
                return Err(signature_error(
                    format!("een verklaring heeft één handtekening, of twee bij een wissel van sleutel; deze heeft er {n} in een lijst"),
                    format!("a declaration has one signature, or two for a key change; this one has {n} in a list"),
                ));
            }
        },
    };
    if signer != receipt_key {
        return Err(DeclarationError::SignerNotReceiptKey {
            signer: Box::new(signer),
            receipt_key: Box::new(receipt_key),
        });
    }
    check_not_in_future(created.date_naive(), today)?;
    Ok(Delivery {
        inbox,
        receipt_key,
        previous_key,
    })
}

/// A signature that is not as a declaration's must be (`malformed-proof`).
fn signature_error(nl: impl Into<String>, en: impl Into<String>) -> DeclarationError {
    DeclarationError::Signature(VerifyError {
        kind: VerifyErrorKind::MalformedProof,
        detail: Detail::new(nl, en),
    })
}

impl Declaration {
    /// Reads and checks a declaration, taking today's date (UTC) for the
    /// "not in the future" rule.
    pub fn parse(bytes: &[u8]) -> std::result::Result<Declaration, DeclarationError> {
        Self::parse_on(bytes, Utc::now().date_naive())
    }

    /// Reads and checks a declaration as on `today`: the issue date, and
    /// the date a version 2 declaration was signed, may be at most one day
    /// after it (time zones).
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
            Some(serde_json::Value::String(f)) if f == FORMAT => {
                // Parse from the bytes again (not the Value) so errors keep
                // line and column.
                let raw: RawDeclaration = serde_json::from_slice(bytes).map_err(from_serde)?;
                debug_assert_eq!(raw.format, FORMAT);
                common(
                    raw.organisation,
                    &raw.issued,
                    raw.holdings,
                    raw.channels,
                    today,
                )
            }
            Some(serde_json::Value::String(f)) if f == FORMAT_V2 => {
                // The signature before the content: a declaration changed
                // on the way is refused as changed, whatever else is wrong.
                let proofs = proof::verify_document(bytes, MAX_BYTES, 2)
                    .map_err(DeclarationError::Signature)?;
                let raw: RawDeclarationV2 = serde_json::from_slice(bytes).map_err(from_serde)?;
                debug_assert_eq!(raw.format, FORMAT_V2);
                let mut d = common(
                    raw.organisation,
                    &raw.issued,
                    raw.holdings,
                    raw.channels,
                    today,
                )?;
                d.delivery = Some(delivery(raw.delivery, proofs, today)?);
                Ok(d)
            }
            Some(serde_json::Value::String(f)) => {
                Err(DeclarationError::UnsupportedFormat { found: f.clone() })
            }
            Some(other) => Err(DeclarationError::UnsupportedFormat {
                found: other.to_string(),
            }),
            None if value.is_object() => Err(DeclarationError::Malformed {
                detail: "missing field `format`".into(),
            }),
            None => Err(DeclarationError::Malformed {
                detail: "the file must be one JSON object".into(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-01-31").is_some());
        for bad in ["2026-1-31", "2026-02-30", "31-01-2026", "2026-01-31T00:00"] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
