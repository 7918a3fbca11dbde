//! The receipt for one request: what the file was (from its verification,
//! or, for a file that failed it, from what it claims), what was done
//! with it, signed with the receipt key (`docs/spec/receipt.md`).

use chrono::{DateTime, Utc};
use regie_model::Language;
use regie_prefs::rand_core::OsRng;
use regie_prefs::types::{
    Audience, FileHash, Outcome, ReceiptId, ReceiptSubject, ReceivedFile, ReceivedKind,
    RejectionCode,
};
use regie_prefs::{Content, DidKey, Receipt, ReceiptInput, Verified};
use serde_json::Value;

use super::{Answer, Facts};
use crate::key::ReceiptKey;
use crate::store::link::LinkOutcome;
use crate::{FileResult, Org, Rejection, FRESHNESS};

/// What was done with a file, for its receipt.
pub(super) enum Said {
    /// Taken: honoured from then on.
    Accepted(DateTime<Utc>),
    /// The same file was taken before: honoured since then.
    Already(DateTime<Utc>),
    /// Not taken, for this reason.
    Rejected(Rejection),
}

/// The time a file taken now is honoured from: when every server on the
/// database has seen it (a check never answers from a view older than
/// [`FRESHNESS`]), in whole seconds, rounded up.
fn honoured_from(decided: DateTime<Utc>) -> DateTime<Utc> {
    let t = decided + chrono::Duration::from_std(FRESHNESS).unwrap_or_default();
    let whole = DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t);
    if whole < t {
        whole + chrono::Duration::seconds(1)
    } else {
        whole
    }
}

impl Said {
    pub(super) fn file(result: &FileResult, since: Option<DateTime<Utc>>) -> Said {
        match &result.outcome {
            crate::Outcome::Accepted { .. } => Said::Accepted(honoured_from(Utc::now())),
            crate::Outcome::AlreadyImported { .. } => Said::Already(since.unwrap_or_else(Utc::now)),
            crate::Outcome::Rejected { reason, .. } => Said::Rejected(reason.clone()),
        }
    }

    pub(super) fn link(outcome: &LinkOutcome) -> Said {
        match outcome {
            LinkOutcome::Linked { .. } => Said::Accepted(honoured_from(Utc::now())),
            LinkOutcome::AlreadyLinked { since, .. } => Said::Already(*since),
            LinkOutcome::Rejected { reason, .. } => Said::Rejected(reason.clone()),
        }
    }
}

/// What a file says it is, read leniently: for the receipt of a file that
/// failed verification, which still names the file's kind, sequence and
/// signer where it can. Nothing is decided on it.
pub(super) fn claimed(bytes: &[u8], now: DateTime<Utc>) -> Facts {
    let v: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
    let kind = v["type"].as_array().and_then(|types| {
        types.iter().find_map(|t| match t.as_str()? {
            regie_prefs::PREFERENCE_TYPE => Some(ReceivedKind::Preferences),
            regie_prefs::KEY_ROTATION_TYPE => Some(ReceivedKind::KeyRotation),
            regie_prefs::LINK_REQUEST_TYPE => Some(ReceivedKind::LinkRequest),
            _ => None,
        })
    });
    let subject = &v["credentialSubject"];
    let sequence = subject["sequence"]
        .as_u64()
        .filter(|n| (1..=regie_prefs::json::MAX_SAFE_INTEGER).contains(n))
        .filter(|_| kind != Some(ReceivedKind::LinkRequest));
    let language = match subject["summary"]["language"].as_str() {
        Some("en") => Language::En,
        _ => Language::Nl,
    };
    Facts {
        did: v["issuer"].as_str().and_then(|d| DidKey::parse(d).ok()),
        kind,
        sequence,
        language,
        sha256: FileHash::of(bytes),
        received: now,
    }
}

/// The facts of a file that passed verification, from what it says.
pub(super) fn verified(facts: &mut Facts, v: &Verified) {
    facts.did = Some(v.issuer);
    let (kind, sequence, language) = match &v.content {
        Content::Preferences(p) => (
            ReceivedKind::Preferences,
            Some(p.sequence),
            p.summary.language,
        ),
        Content::KeyRotation(r) => (
            ReceivedKind::KeyRotation,
            Some(r.sequence),
            r.summary.language,
        ),
        Content::LinkRequest(l) => (ReceivedKind::LinkRequest, None, l.summary.language),
        _ => return,
    };
    facts.kind = Some(kind);
    facts.sequence = sequence;
    facts.language = language;
}

/// The receipt, signed, as the answer; or, for a file that names no key,
/// the refusal.
pub(super) fn answer(
    org: &Org,
    key: &ReceiptKey,
    facts: &Facts,
    said: Said,
    lang: Language,
    operator: Language,
) -> Answer {
    let Some(did) = facts.did else {
        let (code, message) = match &said {
            Said::Rejected(r) => (r.code().to_owned(), r.text(lang)),
            _ => ("internal".to_owned(), String::new()),
        };
        return Answer::Refused {
            status: 422,
            code,
            message: crate::i18n::fill(lang, crate::i18n::H_INBOX_NO_KEY, &[("reason", &message)]),
            retry_after: None,
        };
    };
    let (outcome, status, code, honoured) = match said {
        Said::Accepted(t) => (Outcome::Accepted, 201, None, Some(t)),
        Said::Already(t) => (Outcome::AlreadyImported, 200, None, Some(t)),
        Said::Rejected(r) => (
            Outcome::Rejected,
            422,
            Some(RejectionCode::parse(r.code()).unwrap_or_else(unknown_reason)),
            None,
        ),
    };
    let code_text = code.as_ref().map(|c| c.as_str().to_owned());
    let config = org.config();
    let issued = Utc::now();
    // A file taken before it was received (a clock step) would make a
    // receipt the person's Regie refuses: never earlier than received.
    let received = facts.received.min(issued);
    let honoured = honoured.map(|t| match outcome {
        Outcome::Accepted => t.max(received),
        _ => t,
    });
    let subject = ReceiptSubject::new(ReceiptInput {
        receipt_id: ReceiptId::generate(&mut OsRng),
        controller: Audience {
            id: config.id.clone(),
            name: config.name.clone(),
        },
        data_subject: did,
        received_file: ReceivedFile {
            kind: facts.kind,
            sha256: facts.sha256,
            sequence: facts
                .sequence
                .filter(|_| facts.kind != Some(ReceivedKind::LinkRequest)),
        },
        received,
        outcome,
        rejection_code: code,
        honoured_from: honoured,
        issued,
        language: facts.language,
    });
    match Receipt::sign(&subject, key.signing_key(), issued) {
        Ok(signed) => Answer::Receipt {
            status,
            bytes: signed.bytes,
            outcome: outcome.as_str(),
            code: code_text,
            customer: None,
        },
        Err(e) => {
            crate::server::log(
                crate::server::logs::Level::Error,
                "internal-error",
                operator,
                crate::i18n::H_LOG_INTERNAL,
                &[("what", "POST /v1/inbox"), ("err", &e.to_string())],
            );
            Answer::Refused {
                status: 500,
                code: "internal".into(),
                message: crate::i18n::H_INTERNAL.get(lang).into(),
                retry_after: None,
            }
        }
    }
}

/// The code for a reason whose code does not have the receipt's form
/// (never one of regie-org's own).
fn unknown_reason() -> RejectionCode {
    RejectionCode::parse("rejected").unwrap_or_else(|| unreachable!("a valid code"))
}
