//! GDPR requests kept in the vault: drafted, sent, extended, answered, and
//! the letters for them.
//!
//! regie-rights knows the law (letters, deadlines, which step may follow
//! which); this module keeps what the person chose and what happened, and
//! fills the letters from what the vault knows: the organisation's name and
//! privacy contact, its holdings, and only the identifying details the
//! person chose for this request, stored with it. Each step is checked by
//! replaying the stored steps through [`regie_rights::Request`] and applying
//! the new one, so a step that could not have happened (sent in the future,
//! answered before it was sent, extended twice) is refused and nothing is
//! written. Every change is one history event in the same transaction.
//!
//! Whether a request is due or overdue depends on the day it is looked at.
//! The vault never reads a clock for that: every call that needs "today"
//! takes it as an argument, so the app, the command line and the tests
//! decide what today is.
//!
//! The file that came with an answer is kept in the vault's own (encrypted)
//! database, up to [`MAX_ANSWER_FILE_BYTES`]; when it is an organisation's
//! declaration it is also imported as `regie import` would, in the same
//! transaction.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use regie_declaration::{Declaration, DeclarationError};
use regie_model::{
    texts, DataCategory, DecisionState, EmailAddress, EventKind, Language, OrgId, OrgName, Purpose,
};
use regie_rights::{
    deadline, Detail, Identity, Letter, LetterInput, LetterKind, Outcome, Request, Right, Status,
    Step, Via,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::chain::{self, NewEvent};
use crate::error::{Damage, Error, Result};
use crate::lifecycle::Vault;
use crate::merge::{self, DeclarationReport};
use crate::rows;

/// The largest file an answer can keep: 10 MiB. A larger one is refused
/// with [`Error::AnswerFileTooLarge`] and nothing is stored.
pub const MAX_ANSWER_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The most characters of an answer file's name as kept.
const MAX_FILE_NAME_CHARS: usize = 200;

/// A request's number in this vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RequestId(pub i64);

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for RequestId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        s.trim()
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(RequestId)
            .ok_or_else(|| Error::UnknownRequest(s.trim().chars().take(40).collect()))
    }
}

/// Another identifying detail the person adds to a request (an account
/// number, a contract number), with its own name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherDetail {
    /// What it is.
    pub label: String,
    /// The value.
    pub value: String,
}

/// What the person chose to put in one request, and nothing else: the
/// identifying details (leave one empty and it is in no letter), for an
/// objection or a withdrawal the purposes concerned, and their own words.
/// Kept with the request, so every letter for it says the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestDetails {
    /// Name (also the signature).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Postal address, one line per element.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub postal_address: Vec<String>,
    /// E-mail address (also the sender of an `.eml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Customer number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_number: Option<String>,
    /// Date of birth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    /// Other details, in the order given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<OtherDetail>,
    /// For an objection or a withdrawal: the purposes concerned (`dpv:`
    /// terms). Left empty, the vault takes the person's own choices: the
    /// purposes they objected to, or whose consent they withdrew.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<String>,
    /// The person's own words: for rectification what is wrong and what
    /// it should be (required); otherwise an optional reason or note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Which letter to write for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LetterChoice {
    /// The request itself.
    Letter,
    /// A reminder, once the request is overdue.
    Reminder,
    /// A complaint to the Autoriteit Persoonsgegevens, once it is overdue.
    Complaint,
}

impl LetterChoice {
    /// Every letter.
    pub const ALL: [LetterChoice; 3] = [
        LetterChoice::Letter,
        LetterChoice::Reminder,
        LetterChoice::Complaint,
    ];

    /// The wire and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            LetterChoice::Letter => "letter",
            LetterChoice::Reminder => "reminder",
            LetterChoice::Complaint => "complaint",
        }
    }

    /// Reads a wire name.
    pub fn parse(s: &str) -> Option<LetterChoice> {
        LetterChoice::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// When and how a request was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sent {
    /// The day it was sent (posted).
    pub on: NaiveDate,
    /// How.
    pub via: Via,
    /// For post: the day it was delivered, if the person recorded it.
    pub delivered: Option<NaiveDate>,
}

/// When and how an organisation answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Answered {
    /// The day the answer came.
    pub on: NaiveDate,
    /// How it answered.
    pub outcome: Outcome,
}

/// The file kept with an answer, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerFileInfo {
    /// Its name, as the person gave it.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, in hex.
    pub sha256: String,
}

/// The file kept with an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFile {
    /// Its name, size and hash.
    pub info: AnswerFileInfo,
    /// When it was stored.
    pub stored_at: DateTime<Utc>,
    /// The file, byte for byte.
    pub bytes: Vec<u8>,
}

/// One request as a person sees it on a given day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestView {
    /// Its number.
    pub id: RequestId,
    /// The organisation.
    pub org: OrgId,
    /// The organisation's name.
    pub org_name: String,
    /// The right it exercises.
    pub right: Right,
    /// The day it was drafted.
    pub drafted: NaiveDate,
    /// When and how it was sent.
    pub sent: Option<Sent>,
    /// The day the organisation received it (or is taken to have).
    pub received: Option<NaiveDate>,
    /// The day the organisation said it needs two more months.
    pub extended: Option<NaiveDate>,
    /// When and how it was answered.
    pub answered: Option<Answered>,
    /// The last day for the answer (with the extension); none for a draft.
    pub due: Option<NaiveDate>,
    /// Where it stands on the day asked for (`state`: draft, sent, due,
    /// extended, overdue or answered).
    pub status: Status,
    /// Whether it is overdue on that day: the badge.
    pub overdue: bool,
    /// The letters that can be written for it on that day.
    pub letters: Vec<LetterChoice>,
    /// What the person chose to disclose in it.
    pub details: RequestDetails,
    /// The file kept with the answer, if any.
    pub answer_file: Option<AnswerFileInfo>,
}

/// What became of a declaration that came as an answer's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "result")]
pub enum AnswerDeclaration {
    /// Imported as `import_declaration` does.
    Imported(Box<DeclarationReport>),
    /// The vault already has this declaration or a newer one: nothing of
    /// it was imported (the file is kept with the answer).
    NotNewer {
        /// The file's date.
        issued: NaiveDate,
        /// The date of the one in the vault.
        stored: NaiveDate,
    },
}

/// What recording an answer did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerReport {
    /// The request, answered.
    pub request: RequestView,
    /// When the answer's file was an organisation's declaration: what
    /// became of it.
    pub declaration: Option<AnswerDeclaration>,
}

/// A request as stored.
struct Stored {
    id: RequestId,
    org: OrgId,
    org_name: String,
    right: Right,
    drafted: NaiveDate,
    details: RequestDetails,
    sent: Option<Sent>,
    extended: Option<NaiveDate>,
    answered: Option<Answered>,
    file: Option<AnswerFileInfo>,
}

const REQUEST_COLS: &str = "r.id, r.org_id, o.name, r.gdpr_right, r.drafted_on, r.details, r.sent_on, r.sent_via, r.delivered_on, r.extended_on, r.answered_on, r.outcome, f.name, f.size, f.sha256";
const REQUEST_FROM: &str = "request r JOIN organisation o ON o.id = r.org_id LEFT JOIN request_file f ON f.request_id = r.id";

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn damaged(what: &str) -> Error {
    Error::Corrupt(Damage::Content(format!("a request's {what}")))
}

fn day(s: Option<String>, what: &str) -> Result<Option<NaiveDate>> {
    s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| damaged(what)))
        .transpose()
}

/// The raw columns of [`REQUEST_COLS`].
type RawRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    [Option<String>; 6],
    (Option<String>, Option<i64>, Option<String>),
);

fn raw_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        [
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
        ],
        (r.get(12)?, r.get(13)?, r.get(14)?),
    ))
}

fn stored(raw: RawRow) -> Result<Stored> {
    let (id, org, org_name, right, drafted, details, steps, file) = raw;
    let [sent_on, via, delivered, extended, answered_on, outcome] = steps;
    let sent = match (day(sent_on, "date")?, via) {
        (Some(on), Some(via)) => Some(Sent {
            on,
            via: Via::parse(&via).ok_or_else(|| damaged("way of sending"))?,
            delivered: day(delivered, "date")?,
        }),
        (None, None) => None,
        _ => return Err(damaged("sending")),
    };
    let answered = match (day(answered_on, "date")?, outcome) {
        (Some(on), Some(o)) => Some(Answered {
            on,
            outcome: Outcome::parse(&o).ok_or_else(|| damaged("outcome"))?,
        }),
        (None, None) => None,
        _ => return Err(damaged("answer")),
    };
    let file = match file {
        (Some(name), Some(size), Some(sha256)) => Some(AnswerFileInfo {
            name,
            size: u64::try_from(size).map_err(|_| damaged("file size"))?,
            sha256,
        }),
        _ => None,
    };
    Ok(Stored {
        id: RequestId(id),
        org: OrgId::parse(&org).map_err(|_| damaged("organisation"))?,
        org_name,
        right: right.parse().map_err(|_| damaged("right"))?,
        drafted: day(Some(drafted), "date")?.ok_or_else(|| damaged("date"))?,
        details: serde_json::from_str(&details).map_err(|_| damaged("details"))?,
        sent,
        extended: day(extended, "date")?,
        answered,
        file,
    })
}

fn load(c: &Connection, id: RequestId) -> Result<Stored> {
    let raw = c
        .prepare_cached(&format!(
            "SELECT {REQUEST_COLS} FROM {REQUEST_FROM} WHERE r.id = ?1"
        ))?
        .query_row([id.0], raw_row)
        .optional()?
        .ok_or_else(|| Error::UnknownRequest(id.to_string()))?;
    stored(raw)
}

fn load_all(c: &Connection, org: Option<&OrgId>) -> Result<Vec<Stored>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {REQUEST_COLS} FROM {REQUEST_FROM} WHERE ?1 IS NULL OR r.org_id = ?1 ORDER BY r.id"
    ))?;
    let rows = stmt.query_map([org.map(OrgId::as_str)], raw_row)?;
    rows.map(|r| stored(r?)).collect()
}

impl Stored {
    fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        if let Some(s) = self.sent {
            steps.push(Step::Sent {
                on: s.on,
                via: s.via,
                delivered: s.delivered,
            });
        }
        if let Some(on) = self.extended {
            steps.push(Step::Extended { on });
        }
        if let Some(a) = self.answered {
            steps.push(Step::Answered {
                on: a.on,
                outcome: a.outcome,
            });
        }
        steps
    }

    /// The state machine, rebuilt from the stored steps. They were checked
    /// when recorded, against a today no earlier than their own dates, so
    /// they are replayed against the latest of those.
    fn machine(&self) -> Result<Request> {
        let mut latest = self.drafted;
        for d in [
            self.sent.map(|s| s.on),
            self.sent.and_then(|s| s.delivered),
            self.extended,
            self.answered.map(|a| a.on),
        ]
        .into_iter()
        .flatten()
        {
            latest = latest.max(d);
        }
        Request::replay(self.right, self.drafted, &self.steps(), latest)
            .map_err(|_| damaged("steps"))
    }

    fn view(&self, today: NaiveDate) -> Result<RequestView> {
        let m = self.machine()?;
        let status = m.status(today);
        let overdue = matches!(status, Status::Overdue { .. });
        let mut letters = vec![LetterChoice::Letter];
        if overdue {
            letters.extend([LetterChoice::Reminder, LetterChoice::Complaint]);
        }
        Ok(RequestView {
            id: self.id,
            org: self.org.clone(),
            org_name: self.org_name.clone(),
            right: self.right,
            drafted: self.drafted,
            sent: self.sent,
            received: m.received(),
            extended: self.extended,
            answered: self.answered,
            due: m.due(),
            status,
            overdue,
            letters,
            details: self.details.clone(),
            answer_file: self.file.clone(),
        })
    }
}

/// An optional text: trimmed, `None` when empty.
fn text(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The details as kept: texts trimmed, empty ones dropped, the e-mail
/// address and the purposes parsed.
fn normalise(d: &RequestDetails) -> Result<RequestDetails> {
    let email = text(&d.email)
        .map(|e| {
            EmailAddress::parse(&e)
                .map(|a| a.as_str().to_owned())
                .ok_or(Error::InvalidEmail(e))
        })
        .transpose()?;
    let mut purposes: Vec<String> = Vec::new();
    for p in &d.purposes {
        let compact = Purpose::parse(p.trim())
            .ok_or_else(|| Error::NotAPurpose(p.clone()))?
            .compact();
        if !purposes.contains(&compact) {
            purposes.push(compact);
        }
    }
    Ok(RequestDetails {
        name: text(&d.name),
        postal_address: d
            .postal_address
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        email,
        phone: text(&d.phone),
        customer_number: text(&d.customer_number),
        date_of_birth: d.date_of_birth,
        other: d
            .other
            .iter()
            .map(|o| OtherDetail {
                label: o.label.trim().to_owned(),
                value: o.value.trim().to_owned(),
            })
            .collect(),
        purposes,
        note: d.note.clone().filter(|n| !n.trim().is_empty()),
    })
}

/// The purposes an objection or a withdrawal is about when the person
/// named none: what they already decided in the vault (objected, or
/// consent withdrawn), in the order of the organisation's page.
fn decided_purposes(c: &Connection, org: &OrgId, right: Right) -> Result<Vec<String>> {
    let wanted = match right {
        Right::Objection => DecisionState::Objected,
        Right::Withdrawal => DecisionState::ConsentWithdrawn,
        _ => return Ok(Vec::new()),
    };
    let mut out: Vec<String> = Vec::new();
    for h in rows::load_holdings(c, org)? {
        if h.decision == wanted && !out.contains(&h.what.purpose) {
            out.push(h.what.purpose.clone());
        }
    }
    Ok(out)
}

/// An address kept as one text: lines split at line feeds, or else at
/// ", "; a first line that only repeats the organisation's name (the
/// example set writes it so) is left out, as the letter names it.
pub(crate) fn address_lines(postal: Option<&str>, name: &str) -> Vec<String> {
    let Some(p) = postal.map(str::trim).filter(|p| !p.is_empty()) else {
        return Vec::new();
    };
    let mut lines: Vec<String> = if p.contains('\n') {
        p.lines().map(str::to_owned).collect()
    } else {
        p.split(", ").map(str::to_owned).collect()
    };
    lines.retain(|l| !l.trim().is_empty());
    if lines
        .first()
        .is_some_and(|l| l.trim().eq_ignore_ascii_case(name.trim()))
    {
        lines.remove(0);
    }
    lines.iter().map(|l| l.trim().to_owned()).collect()
}

/// Everything of a letter but its kind and date, from the vault.
fn letter_input(
    c: &Connection,
    org: &OrgId,
    right: Right,
    details: &RequestDetails,
    kind: LetterKind,
    lang: Language,
    date: NaiveDate,
) -> Result<LetterInput> {
    let o = rows::find_org(c, org)?.ok_or_else(|| Error::UnknownOrganisation(org.to_string()))?;
    let name = OrgName::parse(&o.name).ok_or_else(|| Error::InvalidName(o.name.clone()))?;
    let email = o
        .privacy_email
        .as_deref()
        .map(|e| EmailAddress::parse(e).ok_or_else(|| Error::InvalidEmail(e.to_owned())))
        .transpose()?;
    let mut holdings = Vec::new();
    for h in rows::load_holdings(c, org)? {
        holdings.push(regie_rights::Holding {
            category: DataCategory::parse(&h.what.category)
                .ok_or_else(|| damaged("data category"))?,
            purpose: Purpose::parse(&h.what.purpose).ok_or_else(|| damaged("purpose"))?,
            basis: h.what.basis,
        });
    }
    let purposes = if matches!(right, Right::Objection | Right::Withdrawal) {
        details
            .purposes
            .iter()
            .map(|p| Purpose::parse(p).ok_or_else(|| Error::NotAPurpose(p.clone())))
            .collect::<Result<Vec<_>>>()?
    } else {
        Vec::new()
    };
    let email_of_person = details
        .email
        .as_deref()
        .map(|e| EmailAddress::parse(e).ok_or_else(|| Error::InvalidEmail(e.to_owned())))
        .transpose()?;
    Ok(LetterInput {
        kind,
        lang,
        date,
        organisation: regie_rights::Organisation {
            postal_address: address_lines(o.privacy_postal.as_deref(), name.as_str()),
            name,
            email,
        },
        person: Identity {
            name: details.name.clone(),
            postal_address: details.postal_address.clone(),
            email: email_of_person,
            phone: details.phone.clone(),
            customer_number: details.customer_number.clone(),
            date_of_birth: details.date_of_birth,
            other: details
                .other
                .iter()
                .map(|o| Detail {
                    label: o.label.clone(),
                    value: o.value.clone(),
                })
                .collect(),
        },
        holdings,
        purposes,
        details: details.note.clone(),
    })
}

/// The day a request sent on `on` by `via` reaches the organisation, if
/// nobody recorded the day it was delivered.
fn received_on(on: NaiveDate, via: Via) -> Result<NaiveDate> {
    Ok(match via {
        Via::Post => deadline::post_arrival(on)?,
        Via::Email | Via::Webform => on,
    })
}

impl From<regie_rights::Error> for Error {
    fn from(e: regie_rights::Error) -> Self {
        Error::Rights(e)
    }
}

fn event_json(s: &Stored, extra: serde_json::Value) -> String {
    let mut v = serde_json::json!({ "id": s.id, "right": s.right });
    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    v.to_string()
}

fn append(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    s: &Stored,
    kind: EventKind,
    extra: serde_json::Value,
) -> Result<()> {
    chain::append(
        tx,
        now,
        NewEvent {
            org_id: Some(s.org.as_str()),
            kind,
            subject: format!("{} #{}", s.right, s.id),
            before: None,
            after: Some(event_json(s, extra)),
        },
    )?;
    Ok(())
}

/// A file name as kept: its last part, without control characters, at
/// most 200 characters; "answer" when nothing is left.
fn file_name(given: &str) -> String {
    let last = given.rsplit(['/', '\\']).next().unwrap_or(given);
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    let clean = clean.trim().to_owned();
    if clean.is_empty() {
        "answer".to_owned()
    } else {
        clean
    }
}

/// Whether a file says it is a Regie declaration (its `format`), so that
/// it is read as one, strictly.
fn looks_like_declaration(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Head {
        format: String,
    }
    serde_json::from_slice::<Head>(bytes).is_ok_and(|h| h.format.starts_with("regie-declaration/"))
}

impl Vault {
    /// Drafts a request to `org` exercising `right`, dated `today`, with
    /// what the person chose to disclose in it. The details are checked by
    /// writing the letter once (a detail too long, a control character, an
    /// objection without a purpose, a correction without what to correct
    /// are refused here, not later). For an objection or a withdrawal
    /// without purposes, the person's own choices in the vault are taken
    /// ([`RequestDetails::purposes`]). History: `request-made`.
    pub fn new_request(
        &mut self,
        org: &OrgId,
        right: Right,
        details: &RequestDetails,
        today: NaiveDate,
    ) -> Result<RequestId> {
        deadline::check(today)?;
        let mut details = normalise(details)?;
        self.write(|tx, now| {
            rows::ensure_org(tx, org)?;
            if details.purposes.is_empty() {
                details.purposes = decided_purposes(tx, org, right)?;
            }
            let trial = LetterKind::Request {
                right,
                deadline: deadline::due_date(today, false)?,
            };
            regie_rights::write(&letter_input(
                tx,
                org,
                right,
                &details,
                trial,
                Language::En,
                today,
            )?)?;
            tx.prepare_cached(
                "INSERT INTO request (org_id, gdpr_right, drafted_on, details, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                org.as_str(),
                right.as_str(),
                day_text(today),
                serde_json::to_string(&details).expect("details serialise"),
                chain::now_text(now),
            ])?;
            let id = RequestId(tx.last_insert_rowid());
            let s = load(tx, id)?;
            let purposes = serde_json::json!({ "purposes": s.details.purposes });
            append(tx, now, &s, EventKind::RequestMade, purposes)?;
            Ok(id)
        })
    }

    /// Every request, oldest first, as it stands on `today`.
    pub fn requests(&self, today: NaiveDate) -> Result<Vec<RequestView>> {
        load_all(self.connection(), None)?
            .iter()
            .map(|s| s.view(today))
            .collect()
    }

    /// One organisation's requests, oldest first, as they stand on
    /// `today` (for the badge on its page).
    pub fn requests_for(&self, org: &OrgId, today: NaiveDate) -> Result<Vec<RequestView>> {
        rows::ensure_org(self.connection(), org)?;
        load_all(self.connection(), Some(org))?
            .iter()
            .map(|s| s.view(today))
            .collect()
    }

    /// One request as it stands on `today`.
    pub fn request(&self, id: RequestId, today: NaiveDate) -> Result<RequestView> {
        load(self.connection(), id)?.view(today)
    }

    /// Records that the request was sent on `on`, by `via`, and for post
    /// the day it was `delivered` if the person knows it. Refused (nothing
    /// written) when `on` is after `today`, when it was sent already or is
    /// answered. History: `request-sent`, with the deadline.
    pub fn mark_sent(
        &mut self,
        id: RequestId,
        on: NaiveDate,
        via: Via,
        delivered: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<RequestView> {
        self.write(|tx, now| {
            let s = load(tx, id)?;
            let next = s
                .machine()?
                .apply(Step::Sent { on, via, delivered }, today)?;
            tx.prepare_cached(
                "UPDATE request SET sent_on = ?2, sent_via = ?3, delivered_on = ?4 WHERE id = ?1",
            )?
            .execute(params![
                id.0,
                day_text(on),
                via.as_str(),
                delivered.map(day_text)
            ])?;
            let extra = serde_json::json!({
                "on": on, "via": via, "delivered": delivered, "due": next.due(),
            });
            append(tx, now, &s, EventKind::RequestSent, extra)?;
            load(tx, id)?.view(today)
        })
    }

    /// Records that the organisation said on `on` that it needs two more
    /// months (Art. 12(3)): once, within the first month, not after the
    /// answer. History: `request-extended`, with the new deadline.
    pub fn mark_extended(
        &mut self,
        id: RequestId,
        on: NaiveDate,
        today: NaiveDate,
    ) -> Result<RequestView> {
        self.write(|tx, now| {
            let s = load(tx, id)?;
            let next = s.machine()?.apply(Step::Extended { on }, today)?;
            tx.prepare_cached("UPDATE request SET extended_on = ?2 WHERE id = ?1")?
                .execute(params![id.0, day_text(on)])?;
            let extra = serde_json::json!({ "on": on, "due": next.due() });
            append(tx, now, &s, EventKind::RequestExtended, extra)?;
            load(tx, id)?.view(today)
        })
    }

    /// Records the answer: the day it came and how the organisation
    /// answered, with the file that came with it (`(name, bytes)`), kept
    /// in the vault up to [`MAX_ANSWER_FILE_BYTES`]. A file that says it
    /// is a Regie declaration is read as one and imported as
    /// [`Vault::import_declaration`] does, in the same transaction; one
    /// that is refused refuses the whole answer, and one for another
    /// organisation too. Nothing is written when anything is refused.
    /// History: `request-answered` (with the file's name, size and hash),
    /// and the import's own events.
    pub fn mark_answered(
        &mut self,
        id: RequestId,
        on: NaiveDate,
        outcome: Outcome,
        file: Option<(&str, &[u8])>,
        today: NaiveDate,
    ) -> Result<AnswerReport> {
        if let Some((_, bytes)) = file {
            let size = bytes.len() as u64;
            if size > MAX_ANSWER_FILE_BYTES {
                return Err(Error::AnswerFileTooLarge {
                    bytes: size,
                    max: MAX_ANSWER_FILE_BYTES,
                });
            }
        }
        let declaration = match file {
            Some((_, bytes)) if looks_like_declaration(bytes) => {
                Some(Declaration::parse(bytes).map_err(Error::Declaration)?)
            }
            _ => None,
        };
        self.write(|tx, now| {
            let s = load(tx, id)?;
            let next = s.machine()?.apply(Step::Answered { on, outcome }, today)?;
            tx.prepare_cached("UPDATE request SET answered_on = ?2, outcome = ?3 WHERE id = ?1")?
                .execute(params![id.0, day_text(on), outcome.as_str()])?;
            let mut info = None;
            if let Some((name, bytes)) = file {
                let i = AnswerFileInfo {
                    name: file_name(name),
                    size: bytes.len() as u64,
                    sha256: chain::hex_encode(&Sha256::digest(bytes)),
                };
                tx.prepare_cached(
                    "INSERT INTO request_file (request_id, name, size, sha256, stored_at, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    id.0,
                    i.name,
                    i.size as i64,
                    i.sha256,
                    chain::now_text(now),
                    bytes
                ])?;
                info = Some(i);
            }
            let late = next.due().is_some_and(|due| on > due);
            let mut extra = serde_json::json!({
                "on": on, "outcome": outcome, "late": late, "file": info,
            });
            let declaration = import_answer(tx, now, &s, &mut extra, declaration.as_ref())?;
            append(tx, now, &s, EventKind::RequestAnswered, extra)?;
            Ok(AnswerReport {
                request: load(tx, id)?.view(today)?,
                declaration,
            })
        })
    }

    /// The file kept with a request's answer, if there is one.
    pub fn answer_file(&self, id: RequestId) -> Result<Option<AnswerFile>> {
        let c = self.connection();
        load(c, id)?;
        let row = c
            .prepare_cached(
                "SELECT name, size, sha256, stored_at, bytes FROM request_file WHERE request_id = ?1",
            )?
            .query_row([id.0], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Vec<u8>>(4)?,
                ))
            })
            .optional()?;
        let Some((name, size, sha256, stored_at, bytes)) = row else {
            return Ok(None);
        };
        if u64::try_from(size).ok() != Some(bytes.len() as u64)
            || chain::hex_encode(&Sha256::digest(&bytes)) != sha256
        {
            return Err(damaged("file"));
        }
        Ok(Some(AnswerFile {
            info: AnswerFileInfo {
                name,
                size: bytes.len() as u64,
                sha256,
            },
            stored_at: DateTime::parse_from_rfc3339(&stored_at)
                .map_err(|_| damaged("file's date"))?
                .with_timezone(&Utc),
            bytes,
        }))
    }

    /// A letter for the request, in `lang`, as it can be written on
    /// `today`:
    ///
    /// - [`LetterChoice::Letter`]: the request itself. Once sent, it is
    ///   dated the day it was sent and states the deadline that followed;
    ///   a draft is dated `today` and states the deadline as if it reached
    ///   the organisation by `via` (by post two working days later; by
    ///   e-mail or web form, or with no `via`, today).
    /// - [`LetterChoice::Reminder`] and [`LetterChoice::Complaint`]: dated
    ///   `today`, refused unless the request is overdue then.
    ///
    /// Make it into text, an `.eml`, a `mailto:` link or a PDF with
    /// [`Letter`]'s methods. Nothing is written.
    pub fn letter(
        &self,
        id: RequestId,
        choice: LetterChoice,
        lang: Language,
        today: NaiveDate,
        via: Option<Via>,
    ) -> Result<Letter> {
        let c = self.connection();
        let s = load(c, id)?;
        let m = s.machine()?;
        let (kind, date) = match choice {
            LetterChoice::Letter => {
                let (date, received) = match (s.sent, m.received()) {
                    (Some(sent), Some(received)) => (sent.on, received),
                    _ => (today, received_on(today, via.unwrap_or(Via::Email))?),
                };
                let deadline = deadline::due_date(received, false)?;
                (
                    LetterKind::Request {
                        right: s.right,
                        deadline,
                    },
                    date,
                )
            }
            LetterChoice::Reminder => (m.reminder(today)?, today),
            LetterChoice::Complaint => (m.complaint(today, None)?, today),
        };
        let input = letter_input(c, &s.org, s.right, &s.details, kind, lang, date)?;
        Ok(regie_rights::write(&input)?)
    }
}

/// Imports the answer's declaration, if there is one, in the answer's
/// transaction, and notes the result in the answer's event.
fn import_answer(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    s: &Stored,
    extra: &mut serde_json::Value,
    declaration: Option<&Declaration>,
) -> Result<Option<AnswerDeclaration>> {
    let Some(decl) = declaration else {
        return Ok(None);
    };
    if decl.organisation.id != s.org {
        return Err(Error::AnswerFromOtherOrganisation {
            request: s.org.clone(),
            file: decl.organisation.id.clone(),
        });
    }
    let result = match merge::merge(tx, now, decl) {
        Ok(report) => AnswerDeclaration::Imported(Box::new(report)),
        Err(Error::Declaration(DeclarationError::NotNewer { issued, stored })) => {
            AnswerDeclaration::NotNewer { issued, stored }
        }
        Err(e) => return Err(e),
    };
    extra["declaration"] = serde_json::json!(match result {
        AnswerDeclaration::Imported(_) => "imported",
        AnswerDeclaration::NotNewer { .. } => "not-newer",
    });
    Ok(Some(result))
}

texts! {
    MADE = ("{right} (verzoek {id})", "{right} (request {id})");
    SENT = (
        "{right} (verzoek {id}): {via} verstuurd op {on}; termijn tot en met {due}",
        "{right} (request {id}): sent {via} on {on}; deadline {due}"
    );
    EXTENDED = (
        "{right} (verzoek {id}): de organisatie nam twee maanden extra, tot en met {due}",
        "{right} (request {id}): the organisation took two more months, until {due}"
    );
    ANSWERED_FULL = ("{right} (verzoek {id}): volledig beantwoord op {on}", "{right} (request {id}): answered fully on {on}");
    ANSWERED_PARTIAL = ("{right} (verzoek {id}): deels beantwoord op {on}", "{right} (request {id}): answered partly on {on}");
    ANSWERED_REFUSED = ("{right} (verzoek {id}): geweigerd op {on}", "{right} (request {id}): refused on {on}");
    LATE = ("te laat", "late");
    WITH_FILE = ("bestand {name} bewaard", "file {name} kept");
    DECLARATION_IMPORTED = ("de verklaring erin is ingelezen", "the declaration in it was imported");
    DECLARATION_NOT_NEWER = ("de verklaring erin was niet nieuwer dan die in uw kluis", "the declaration in it was not newer than the one in your vault");
}

/// A request's history event in words (for `crate::describe`); `None`
/// when the event is not a request's or its record cannot be read.
pub(crate) fn describe(kind: EventKind, after: Option<&str>, lang: Language) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(after?).ok()?;
    let right: Right = v["right"].as_str()?.parse().ok()?;
    let id = v["id"].as_i64()?.to_string();
    let s = |k: &str| v[k].as_str().unwrap_or("?").to_owned();
    let r = right.label().get(lang);
    let base = [("right", r), ("id", id.as_str())];
    let with = |t: regie_model::Text, more: &[(&str, &str)]| {
        let mut vars: Vec<(&str, &str)> = base.to_vec();
        vars.extend_from_slice(more);
        t.fill(lang, &vars)
    };
    Some(match kind {
        EventKind::RequestMade => with(MADE, &[]),
        EventKind::RequestSent => {
            let via = Via::parse(&s("via"))?.label().get(lang);
            with(SENT, &[("via", via), ("on", &s("on")), ("due", &s("due"))])
        }
        EventKind::RequestExtended => with(EXTENDED, &[("due", &s("due"))]),
        EventKind::RequestAnswered => {
            let t = match Outcome::parse(&s("outcome"))? {
                Outcome::Full => ANSWERED_FULL,
                Outcome::Partial => ANSWERED_PARTIAL,
                Outcome::Refused => ANSWERED_REFUSED,
            };
            let mut out = with(t, &[("on", &s("on"))]);
            if v["late"].as_bool() == Some(true) {
                out.push_str(&format!(" ({})", LATE.get(lang)));
            }
            if let Some(name) = v["file"]["name"].as_str() {
                out.push_str(&format!("; {}", WITH_FILE.fill(lang, &[("name", name)])));
            }
            match v["declaration"].as_str() {
                Some("imported") => out.push_str(&format!("; {}", DECLARATION_IMPORTED.get(lang))),
                Some("not-newer") => {
                    out.push_str(&format!("; {}", DECLARATION_NOT_NEWER.get(lang)))
                }
                _ => {}
            }
            out
        }
        _ => return None,
    })
}
