//! "Your rights": GDPR requests from the vault, as the window shows them.
//!
//! The vault keeps the requests and fills regie-rights' letters
//! (`regie_vault::requests`); this module turns them into what crosses
//! IPC, in the person's language, and does the two things a letter needs
//! outside the vault: saving it as a PDF where the person chose, and
//! handing it to the person's mail program.
//!
//! The mail program is opened from Rust, with a `mailto:` link that Rust
//! made from the letter, through one command granted by name
//! (`email_letter`). The webview cannot open any link itself (no opener or
//! shell permission is granted): this is narrower than a URL-scoped opener
//! permission, because the only link that can ever be opened is the
//! letter's own, to the organisation's recorded address. The web form of an
//! organisation, from the directory, is opened the same way, and only when
//! it is an `https` address.
//!
//! "Today" is the computer's date, or `REGIE_TODAY=YYYY-MM-DD`: a clock for
//! tests only, so that a deadline can be passed without waiting a month.

use std::path::Path;
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use regie_model::Language;
use regie_vault::rights::{Outcome, Right, Via};
use regie_vault::{LetterChoice, RequestDetails, RequestId, RequestView, Vault};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppCode, CmdResult, IpcError};
use crate::wire::Label;

/// Today: `REGIE_TODAY` (for tests only) or the computer's date.
pub fn today() -> NaiveDate {
    std::env::var("REGIE_TODAY")
        .ok()
        .and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// A right, on the wire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RightName {
    #[default]
    Access,
    Rectification,
    Erasure,
    Restriction,
    Portability,
    Objection,
    Withdrawal,
}

impl RightName {
    fn right(self) -> Right {
        match self {
            RightName::Access => Right::Access,
            RightName::Rectification => Right::Rectification,
            RightName::Erasure => Right::Erasure,
            RightName::Restriction => Right::Restriction,
            RightName::Portability => Right::Portability,
            RightName::Objection => Right::Objection,
            RightName::Withdrawal => Right::Withdrawal,
        }
    }
}

/// A way of sending, on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ViaName {
    Email,
    Post,
    Webform,
}

impl From<ViaName> for Via {
    fn from(v: ViaName) -> Via {
        match v {
            ViaName::Email => Via::Email,
            ViaName::Post => Via::Post,
            ViaName::Webform => Via::Webform,
        }
    }
}

/// How an organisation answered, on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeName {
    Full,
    Partial,
    Refused,
}

impl From<OutcomeName> for Outcome {
    fn from(o: OutcomeName) -> Outcome {
        match o {
            OutcomeName::Full => Outcome::Full,
            OutcomeName::Partial => Outcome::Partial,
            OutcomeName::Refused => Outcome::Refused,
        }
    }
}

/// Which letter, on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum LetterName {
    Letter,
    Reminder,
    Complaint,
}

impl From<LetterName> for LetterChoice {
    fn from(l: LetterName) -> LetterChoice {
        match l {
            LetterName::Letter => LetterChoice::Letter,
            LetterName::Reminder => LetterChoice::Reminder,
            LetterName::Complaint => LetterChoice::Complaint,
        }
    }
}

/// What the person chose to add to a new request; nothing else goes in
/// the letter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewRequest {
    pub right: RightName,
    pub name: Option<String>,
    /// The postal address, one line per element.
    pub postal_address: Vec<String>,
    pub email: Option<String>,
    pub customer_number: Option<String>,
    /// For rectification, what is wrong and what it should be; otherwise
    /// a note.
    pub note: Option<String>,
}

fn opt(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// One request, as the list and its page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestSummary {
    /// Small and positive: a JSON number in the window.
    #[ts(type = "number")]
    pub id: i64,
    pub org_id: String,
    pub org_name: String,
    pub right: Label,
    /// `draft`, `sent`, `due`, `extended`, `overdue` or `answered`.
    pub state: String,
    /// Where it stands, in words.
    pub status: String,
    pub overdue: bool,
    /// ISO dates.
    pub drafted: String,
    pub sent: Option<String>,
    pub sent_via: Option<ViaName>,
    pub extended: Option<String>,
    pub answered: Option<String>,
    pub outcome: Option<OutcomeName>,
    pub due: Option<String>,
    /// The letters that can be written today.
    pub letters: Vec<LetterName>,
    /// The name of the file kept with the answer.
    pub answer_file: Option<String>,
}

fn via_name(v: Via) -> ViaName {
    match v {
        Via::Email => ViaName::Email,
        Via::Post => ViaName::Post,
        Via::Webform => ViaName::Webform,
    }
}

fn outcome_name(o: Outcome) -> OutcomeName {
    match o {
        Outcome::Full => OutcomeName::Full,
        Outcome::Partial => OutcomeName::Partial,
        Outcome::Refused => OutcomeName::Refused,
    }
}

impl RequestSummary {
    fn new(r: RequestView, lang: Language) -> Self {
        let label = r.right.label();
        RequestSummary {
            id: r.id.0,
            org_id: r.org.as_str().to_owned(),
            org_name: r.org_name,
            right: Label {
                nl: label.nl.to_owned(),
                en: label.en.to_owned(),
            },
            state: r.status.as_str().to_owned(),
            status: r.status.describe(lang),
            overdue: r.overdue,
            drafted: r.drafted.to_string(),
            sent: r.sent.map(|s| s.on.to_string()),
            sent_via: r.sent.map(|s| via_name(s.via)),
            extended: r.extended.map(|d| d.to_string()),
            answered: r.answered.map(|a| a.on.to_string()),
            outcome: r.answered.map(|a| outcome_name(a.outcome)),
            due: r.due.map(|d| d.to_string()),
            letters: r
                .letters
                .iter()
                .map(|l| match l {
                    LetterChoice::Letter => LetterName::Letter,
                    LetterChoice::Reminder => LetterName::Reminder,
                    LetterChoice::Complaint => LetterName::Complaint,
                })
                .collect(),
            answer_file: r.answer_file.map(|f| f.name),
        }
    }
}

/// A letter, to read before sending it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterView {
    pub subject: String,
    /// The whole letter as plain text (to read, or to paste in a form).
    pub text: String,
    /// Where the e-mail goes, if the organisation has an address.
    pub email_to: Option<String>,
    /// The organisation's web form, if it has one (`https` only).
    pub webform: Option<String>,
    /// For a complaint: where to file it, in words.
    pub file_with: Option<String>,
}

/// An organisation in the directory, as a search shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryHit {
    pub slug: String,
    pub name: String,
    pub email: Option<String>,
    pub web: Option<String>,
    /// Whether someone checked the record (else it says it is unchecked).
    pub verified: bool,
}

fn err(lang: Language) -> impl Fn(regie_vault::Error) -> IpcError {
    move |e| IpcError::vault(&e, lang)
}

/// Every request, or the organisation's, newest first.
pub fn list(v: &mut Vault, lang: Language, org_id: Option<&str>) -> CmdResult<Vec<RequestSummary>> {
    let today = today();
    let views = match org_id {
        Some(id) => v.requests_for(&IpcError::org_id(id, lang)?, today),
        None => v.requests(today),
    }
    .map_err(err(lang))?;
    let mut out: Vec<_> = views
        .into_iter()
        .map(|r| RequestSummary::new(r, lang))
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.id));
    Ok(out)
}

/// Drafts a request to `org_id` with what the person chose to add.
pub fn create(
    v: &mut Vault,
    lang: Language,
    org_id: &str,
    new: NewRequest,
) -> CmdResult<RequestSummary> {
    let org = IpcError::org_id(org_id, lang)?;
    let details = RequestDetails {
        name: opt(new.name),
        postal_address: new
            .postal_address
            .into_iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        email: opt(new.email),
        customer_number: opt(new.customer_number),
        note: opt(new.note),
        ..RequestDetails::default()
    };
    let today = today();
    let id = v
        .new_request(&org, new.right.right(), &details, today)
        .map_err(err(lang))?;
    one(v, lang, id.0)
}

/// One request.
pub fn one(v: &mut Vault, lang: Language, id: i64) -> CmdResult<RequestSummary> {
    v.request(RequestId(id), today())
        .map(|r| RequestSummary::new(r, lang))
        .map_err(err(lang))
}

/// Records that the request was sent on `on`, by `via`.
pub fn sent(
    v: &mut Vault,
    lang: Language,
    id: i64,
    on: NaiveDate,
    via: ViaName,
) -> CmdResult<RequestSummary> {
    v.mark_sent(RequestId(id), on, via.into(), None, today())
        .map(|r| RequestSummary::new(r, lang))
        .map_err(err(lang))
}

/// Records that the organisation extended the deadline on `on`.
pub fn extended(
    v: &mut Vault,
    lang: Language,
    id: i64,
    on: NaiveDate,
) -> CmdResult<RequestSummary> {
    v.mark_extended(RequestId(id), on, today())
        .map(|r| RequestSummary::new(r, lang))
        .map_err(err(lang))
}

/// An answer's file, read before the vault is taken: its name, and at most
/// one byte over the vault's limit (the vault refuses what is over it).
pub struct AnswerFile {
    name: String,
    bytes: Vec<u8>,
}

/// Reads the answer's file at `p` ([`crate::chosen_file`]).
pub fn read_answer(p: &Path, lang: Language) -> CmdResult<AnswerFile> {
    let bytes = crate::chosen_file::read(p, regie_vault::MAX_ANSWER_FILE_BYTES, lang)?;
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "answer".into());
    Ok(AnswerFile { name, bytes })
}

/// Records the answer, with its file kept encrypted in the vault.
pub fn answered(
    v: &mut Vault,
    lang: Language,
    id: i64,
    on: NaiveDate,
    outcome: OutcomeName,
    file: Option<&AnswerFile>,
) -> CmdResult<RequestSummary> {
    let file = file.map(|f| (f.name.as_str(), f.bytes.as_slice()));
    v.mark_answered(RequestId(id), on, outcome.into(), file, today())
        .map(|r| RequestSummary::new(r.request, lang))
        .map_err(err(lang))
}

/// The letter `which` for request `id`, in `lang`.
pub fn letter(v: &mut Vault, lang: Language, id: i64, which: LetterName) -> CmdResult<LetterView> {
    let today = today();
    let r = v.request(RequestId(id), today).map_err(err(lang))?;
    let l = v
        .letter(RequestId(id), which.into(), lang, today, None)
        .map_err(err(lang))?;
    let contact = v.privacy_contact(&r.org).map_err(err(lang))?;
    let file_with = (which == LetterName::Complaint)
        .then(|| regie_vault::rights::complaint_authority(lang).ok())
        .flatten()
        .map(|a| format!("{}, {} ({})", a.name, a.postal_address.join(", "), a.form));
    Ok(LetterView {
        subject: l.subject().to_owned(),
        text: l.to_text(),
        email_to: l.email_to().map(|e| e.as_str().to_owned()),
        webform: contact.webform.filter(|w| w.starts_with("https://")),
        file_with,
    })
}

/// Saves the letter as a PDF at `path` (a new file, or one replaced whole).
pub fn save_pdf(
    v: &mut Vault,
    lang: Language,
    id: i64,
    which: LetterName,
    path: &Path,
) -> CmdResult<()> {
    let l = v
        .letter(RequestId(id), which.into(), lang, today(), Some(Via::Post))
        .map_err(err(lang))?;
    let pdf = l.to_pdf().map_err(|e| IpcError::vault(&e.into(), lang))?;
    regie_vault::files::write_atomic(path, &pdf).map_err(|e| {
        IpcError::vault(
            &regie_vault::Error::Io {
                path: path.to_owned(),
                source: e,
            },
            lang,
        )
    })
}

/// Opens the person's mail program with the letter, to the organisation's
/// recorded address. Says whether the whole letter fits in the link (if
/// not, the mail asks the person to paste it, and the window offers the
/// text).
pub fn email(v: &mut Vault, lang: Language, id: i64, which: LetterName) -> CmdResult<bool> {
    let l = v
        .letter(RequestId(id), which.into(), lang, today(), Some(Via::Email))
        .map_err(err(lang))?;
    let m = l
        .to_mailto()
        .map_err(|e| IpcError::vault(&e.into(), lang))?;
    open_link(&m.url, "mailto:", lang)?;
    Ok(m.complete)
}

/// Opens the organisation's web form (an `https` address from the
/// directory) in the person's browser.
pub fn webform(v: &mut Vault, lang: Language, id: i64) -> CmdResult<()> {
    let r = v.request(RequestId(id), today()).map_err(err(lang))?;
    let contact = v.privacy_contact(&r.org).map_err(err(lang))?;
    let url = contact
        .webform
        .ok_or_else(|| IpcError::app(AppCode::CannotOpen, lang))?;
    open_link(&url, "https://", lang)
}

/// Hands `url`, which must start with `scheme`, to the desktop's opener
/// (`xdg-open`), without a shell and with nothing else on its command line.
fn open_link(url: &str, scheme: &str, lang: Language) -> CmdResult<()> {
    if !url.starts_with(scheme) || url.chars().any(char::is_control) {
        return Err(IpcError::app(AppCode::CannotOpen, lang));
    }
    Command::new("xdg-open")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| IpcError::app_with(AppCode::CannotOpen, lang, &e.kind().to_string()))
}

/// Organisations in the directory whose name matches `text` (at most 20).
pub fn search(text: &str) -> CmdResult<Vec<DirectoryHit>> {
    let Ok(dir) = regie_vault::rights::directory() else {
        return Ok(Vec::new());
    };
    Ok(dir
        .search(text, 20)
        .into_iter()
        .map(|h| DirectoryHit {
            slug: h.entry.slug.clone(),
            name: h.entry.name.clone(),
            email: h.entry.email.as_ref().map(|e| e.as_str().to_owned()),
            web: h.entry.web.clone(),
            verified: matches!(
                h.entry.quality,
                regie_vault::rights::Quality::Tested | regie_vault::rights::Quality::Verified
            ),
        })
        .collect())
}

/// The person's correction of where privacy requests to `org_id` go: an
/// e-mail address and a postal address (one line per element), each
/// replacing what the organisation's record or the directory said when
/// given. The correction is kept in the vault and wins from then on.
pub fn correct_contact(
    v: &mut Vault,
    lang: Language,
    org_id: &str,
    email: Option<String>,
    postal_address: Vec<String>,
) -> CmdResult<()> {
    let lines: Vec<String> = postal_address
        .into_iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let correction = regie_vault::ContactCorrection {
        email: opt(email),
        postal_address: (!lines.is_empty()).then_some(lines),
    };
    v.correct_privacy_contact(&IpcError::org_id(org_id, lang)?, &correction)
        .map_err(err(lang))
}

/// Adds the directory's organisation `slug` to the vault; its id.
pub fn add_from_directory(v: &mut Vault, lang: Language, slug: &str) -> CmdResult<String> {
    v.add_from_directory(slug, None, &Default::default())
        .map(|o| o.id.as_str().to_owned())
        .map_err(err(lang))
}
