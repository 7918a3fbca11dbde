//! Filling a letter from a typed input.
//!
//! The input holds exactly what may appear in the letter: the
//! organisation, what the person believes it holds, and only the
//! identifying details the person chose to add ([`Identity`]); the letter
//! is made from those and the template texts, and from nothing else, so a
//! detail the person did not choose cannot end up in it. Every outside
//! text is checked on the way in (length, lines, no control or invisible
//! characters) and refused with [`Error::InvalidDetail`] rather than cut.

use chrono::{Datelike, NaiveDate};
use regie_model::{DataCategory, EmailAddress, Language, LegalBasis, OrgName, Purpose};

use crate::deadline;
use crate::error::{Error, Field, Problem};
use crate::right::Right;
use crate::template::{self, Parts, Slot, TemplateId, Values};

/// The most lines of a postal address.
pub const MAX_ADDRESS_LINES: usize = 7;
/// The most characters of one address line.
pub const MAX_LINE_CHARS: usize = 100;
/// The most characters of the person's own explanation.
pub const MAX_DETAILS_CHARS: usize = 5000;
/// The most lines of the person's own explanation.
pub const MAX_DETAILS_LINES: usize = 100;
/// The most other details a person can add.
pub const MAX_OTHER_DETAILS: usize = 10;

/// The purposes (compact DPV) that are direct marketing in the sense of
/// Art. 21(2) GDPR: marketing and advertising aimed at the person, which
/// includes the profiling done for it. An objection to these must simply
/// be obeyed.
pub const DIRECT_MARKETING: [&str; 5] = [
    "dpv:DirectMarketing",
    "dpv:Marketing",
    "dpv:Advertising",
    "dpv:PersonalisedAdvertising",
    "dpv:TargetedAdvertising",
];

/// Whether a purpose is direct marketing ([`DIRECT_MARKETING`]).
pub fn is_direct_marketing(p: &Purpose) -> bool {
    DIRECT_MARKETING.contains(&p.compact().as_str())
}

/// The organisation a letter goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Its name.
    pub name: OrgName,
    /// Its postal address, one line per element (street, postcode and
    /// town, country); empty when unknown.
    pub postal_address: Vec<String>,
    /// The address its privacy requests go to.
    pub email: Option<EmailAddress>,
}

/// Something the person believes the organisation holds: a kind of data,
/// for a purpose, on a legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Holding {
    /// The kind of data.
    pub category: DataCategory,
    /// What it is used for.
    pub purpose: Purpose,
    /// On which basis.
    pub basis: LegalBasis,
}

/// Another detail the person adds, with its own name (an account number,
/// a contract number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// What it is.
    pub label: String,
    /// The value.
    pub value: String,
}

/// The identifying details the person chose to put in the letter. Only
/// these appear in it: leave a field empty and it is nowhere in the letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// Name (also the signature, and the sender in an e-mail).
    pub name: Option<String>,
    /// Postal address, one line per element (also the sender's address
    /// on paper).
    pub postal_address: Vec<String>,
    /// E-mail address.
    pub email: Option<EmailAddress>,
    /// Phone number.
    pub phone: Option<String>,
    /// Customer number.
    pub customer_number: Option<String>,
    /// Date of birth.
    pub date_of_birth: Option<NaiveDate>,
    /// Other details, in the order given.
    pub other: Vec<Detail>,
}

/// Which letter, with what it needs beyond the common input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterKind {
    /// A request exercising a right.
    Request {
        /// The right.
        right: Right,
        /// The last day for the answer, as the letter states it
        /// ([`deadline::due_date`] of the day it will be received).
        deadline: NaiveDate,
    },
    /// A reminder for an overdue request ([`crate::Request::reminder`]).
    Reminder {
        /// The right the request exercised.
        right: Right,
        /// When it was sent.
        sent_on: NaiveDate,
        /// The deadline that passed.
        due: NaiveDate,
        /// Whether the organisation had extended it.
        extended: bool,
    },
    /// A complaint to the Autoriteit Persoonsgegevens about an overdue
    /// request ([`crate::Request::complaint`]).
    Complaint {
        /// The right the request exercised.
        right: Right,
        /// When it was sent.
        sent_on: NaiveDate,
        /// The deadline that passed.
        due: NaiveDate,
        /// Whether the organisation had extended it.
        extended: bool,
        /// When a reminder was sent, if one was.
        reminded_on: Option<NaiveDate>,
    },
}

impl LetterKind {
    fn template(&self) -> TemplateId {
        match self {
            LetterKind::Request { right, .. } => TemplateId::Request(*right),
            LetterKind::Reminder { .. } => TemplateId::Reminder,
            LetterKind::Complaint { .. } => TemplateId::Complaint,
        }
    }

    /// The right the letter is about.
    pub fn right(&self) -> Right {
        match self {
            LetterKind::Request { right, .. }
            | LetterKind::Reminder { right, .. }
            | LetterKind::Complaint { right, .. } => *right,
        }
    }
}

/// Everything a letter is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterInput {
    /// Which letter.
    pub kind: LetterKind,
    /// In which language.
    pub lang: Language,
    /// Its date.
    pub date: NaiveDate,
    /// The organisation it is to (for a complaint: the one it is about).
    pub organisation: Organisation,
    /// The details the person chose to add.
    pub person: Identity,
    /// What the person believes the organisation holds.
    pub holdings: Vec<Holding>,
    /// For an objection or a withdrawal: the purposes concerned.
    pub purposes: Vec<Purpose>,
    /// The person's own words: for rectification what is wrong and what
    /// it should be (required), otherwise an optional reason or note.
    pub details: Option<String>,
}

/// A filled letter, ready for [`Letter::to_text`], [`Letter::to_eml`],
/// [`Letter::to_mailto`] or [`Letter::to_pdf`].
#[derive(Debug, Clone)]
pub struct Letter {
    pub(crate) kind: LetterKind,
    pub(crate) lang: Language,
    pub(crate) date: NaiveDate,
    pub(crate) date_text: String,
    pub(crate) subject: String,
    pub(crate) body: String,
    pub(crate) closing: String,
    pub(crate) signature: Option<String>,
    pub(crate) sender: Vec<String>,
    pub(crate) recipient: Vec<String>,
    pub(crate) to: Option<EmailAddress>,
    pub(crate) parts: &'static Parts,
}

fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

fn bad(field: Field, problem: Problem) -> Error {
    Error::InvalidDetail { field, problem }
}

/// A one-line text: trimmed, not empty, at most `max` characters, without
/// control or invisible characters.
fn one_line(field: Field, s: &str, max: usize) -> Result<String, Error> {
    let s = s.trim();
    if s.is_empty() {
        return Err(bad(field, Problem::Empty));
    }
    if let Some(c) = s.chars().find(|c| invisible(*c)) {
        return Err(bad(field, Problem::Invisible { code: c as u32 }));
    }
    if s.chars().count() > max {
        return Err(bad(field, Problem::TooLong { max }));
    }
    Ok(s.to_owned())
}

/// An address: lines checked as [`one_line`], empty ones dropped.
fn address(field: Field, lines: &[String]) -> Result<Vec<String>, Error> {
    let kept: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if kept.len() > MAX_ADDRESS_LINES {
        return Err(bad(
            field,
            Problem::TooManyLines {
                max: MAX_ADDRESS_LINES,
            },
        ));
    }
    kept.into_iter()
        .map(|l| one_line(field, l, MAX_LINE_CHARS))
        .collect()
}

/// The person's own words: line ends made `\n`, tabs made spaces, spaces
/// at line ends and empty lines around it dropped; `None` when nothing is
/// left.
fn free_text(s: &str) -> Result<Option<String>, Error> {
    let s = s
        .replace("\r\n", "\n")
        .replace(['\r'], "\n")
        .replace('\t', " ");
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    let text = lines.join("\n");
    let text = text.trim_matches('\n');
    if text.trim().is_empty() {
        return Ok(None);
    }
    if let Some(c) = text.chars().find(|c| *c != '\n' && invisible(*c)) {
        return Err(bad(Field::Details, Problem::Invisible { code: c as u32 }));
    }
    if text.chars().count() > MAX_DETAILS_CHARS {
        return Err(bad(
            Field::Details,
            Problem::TooLong {
                max: MAX_DETAILS_CHARS,
            },
        ));
    }
    if text.lines().count() > MAX_DETAILS_LINES {
        return Err(bad(
            Field::Details,
            Problem::TooManyLines {
                max: MAX_DETAILS_LINES,
            },
        ));
    }
    Ok(Some(text.to_owned()))
}

/// A date in words: "3 maart 2026", "3 March 2026".
pub(crate) fn date_text(parts: &Parts, d: NaiveDate) -> String {
    let month = parts.get(&format!("month.{}", d.month()), &[]);
    parts.get(
        "date",
        &[
            ("day", &d.day().to_string()),
            ("month", &month),
            ("year", &d.year().to_string()),
        ],
    )
}

struct Filled {
    org: String,
    org_address: Option<String>,
    date: String,
    deadline: Option<String>,
    holdings: Option<String>,
    identity: Option<String>,
    purposes: Option<String>,
    direct_marketing: bool,
    other_purposes: bool,
    details: Option<String>,
    right: Option<String>,
    sent_on: Option<String>,
    due: Option<String>,
    extended: bool,
    reminded_on: Option<String>,
}

impl Values for Filled {
    fn text(&self, slot: Slot) -> Option<&str> {
        match slot {
            Slot::Org => Some(&self.org),
            Slot::Date => Some(&self.date),
            Slot::OrgAddress => self.org_address.as_deref(),
            Slot::Deadline => self.deadline.as_deref(),
            Slot::Holdings => self.holdings.as_deref(),
            Slot::Identity => self.identity.as_deref(),
            Slot::Purposes => self.purposes.as_deref(),
            Slot::Details => self.details.as_deref(),
            Slot::Right => self.right.as_deref(),
            Slot::SentOn => self.sent_on.as_deref(),
            Slot::Due => self.due.as_deref(),
            Slot::RemindedOn => self.reminded_on.as_deref(),
            Slot::DirectMarketing | Slot::OtherPurposes | Slot::Extended => None,
        }
    }

    fn holds(&self, slot: Slot) -> bool {
        match slot {
            Slot::DirectMarketing => self.direct_marketing,
            Slot::OtherPurposes => self.other_purposes,
            Slot::Extended => self.extended,
            other => self.text(other).is_some(),
        }
    }
}

fn lines_or_none(lines: Vec<String>) -> Option<String> {
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Checks the input and fills the letter.
pub fn write(input: &LetterInput) -> Result<Letter, Error> {
    let catalogue = template::catalogue()?;
    let lang = input.lang;
    let id = input.kind.template();
    let (Some(parts), Some(tpl)) = (catalogue.parts(lang), catalogue.template(id, lang)) else {
        return Err(Error::TemplateBroken {
            file: format!("templates/{}/{}.txt", lang.as_str(), id.name()),
            line: 0,
            problem: "not loaded".into(),
        });
    };
    let date = deadline::check(input.date)?;
    let day = |d: NaiveDate| -> Result<String, Error> { Ok(date_text(parts, deadline::check(d)?)) };

    // The kind's own dates.
    let (mut deadline_text, mut right, mut sent_on, mut due, mut extended, mut reminded_on) =
        (None, None, None, None, false, None);
    match input.kind {
        LetterKind::Request { deadline: dl, .. } => {
            if dl <= date {
                return Err(Error::DeadlineNotAfterDate { deadline: dl, date });
            }
            deadline_text = Some(day(dl)?);
        }
        LetterKind::Reminder {
            right: r,
            sent_on: s,
            due: d,
            extended: e,
        }
        | LetterKind::Complaint {
            right: r,
            sent_on: s,
            due: d,
            extended: e,
            ..
        } => {
            if s > date {
                return Err(Error::LetterBeforeRequest { sent: s, date });
            }
            if d >= date {
                return Err(Error::NotOverdue { due: d });
            }
            if let LetterKind::Complaint {
                reminded_on: Some(rem),
                ..
            } = input.kind
            {
                if rem < s || rem > date {
                    return Err(Error::ReminderOutOfOrder {
                        reminded: rem,
                        sent: s,
                        date,
                    });
                }
                reminded_on = Some(day(rem)?);
            }
            right = Some(parts.get(&format!("right.{}", r.as_str()), &[]));
            sent_on = Some(day(s)?);
            due = Some(day(d)?);
            extended = e;
        }
    }

    // The organisation.
    let org = input.organisation.name.as_str().to_owned();
    let org_lines = address(Field::OrgAddress, &input.organisation.postal_address)?;

    // The person, only as chosen.
    let p = &input.person;
    let name = p
        .name
        .as_deref()
        .map(|n| one_line(Field::Name, n, OrgName::MAX_CHARS))
        .transpose()?;
    let home = address(Field::Address, &p.postal_address)?;
    let phone = p
        .phone
        .as_deref()
        .map(|v| one_line(Field::Phone, v, 40))
        .transpose()?;
    let customer = p
        .customer_number
        .as_deref()
        .map(|v| one_line(Field::CustomerNumber, v, MAX_LINE_CHARS))
        .transpose()?;
    if p.other.len() > MAX_OTHER_DETAILS {
        return Err(bad(
            Field::DetailLabel,
            Problem::TooMany {
                max: MAX_OTHER_DETAILS,
            },
        ));
    }
    let mut identity = Vec::new();
    let mut line = |label: String, value: &str| {
        identity.push(parts.get("id.line", &[("label", &label), ("value", value)]));
    };
    if let Some(n) = &name {
        line(parts.get("id.name", &[]), n);
    }
    if !home.is_empty() {
        line(parts.get("id.address", &[]), &home.join(", "));
    }
    if let Some(e) = &p.email {
        line(parts.get("id.email", &[]), e.as_str());
    }
    if let Some(v) = &phone {
        line(parts.get("id.phone", &[]), v);
    }
    if let Some(v) = &customer {
        line(parts.get("id.customer_number", &[]), v);
    }
    if let Some(b) = p.date_of_birth {
        // Any real date of birth; it is only printed, never counted with.
        line(parts.get("id.date_of_birth", &[]), &date_text(parts, b));
    }
    for d in &p.other {
        let label = one_line(Field::DetailLabel, &d.label, 60)?;
        let value = one_line(Field::DetailValue, &d.value, 200)?;
        line(label, &value);
    }

    // What it holds.
    let mut holdings = Vec::new();
    for h in &input.holdings {
        let l = parts.get(
            "holding",
            &[
                ("category", &h.category.label(lang)),
                ("purpose", &h.purpose.label(lang)),
                (
                    "basis",
                    &parts.get(&format!("basis.{}", h.basis.short_name()), &[]),
                ),
            ],
        );
        if !holdings.contains(&l) {
            holdings.push(l);
        }
    }

    // The purposes concerned.
    let right_of_request = match input.kind {
        LetterKind::Request { right, .. } => Some(right),
        _ => None,
    };
    let mut purposes: Vec<&Purpose> = Vec::new();
    for p in &input.purposes {
        if !purposes.contains(&p) {
            purposes.push(p);
        }
    }
    let (mut purposes_text, mut direct_marketing, mut other_purposes) = (None, false, false);
    if let Some(r @ (Right::Objection | Right::Withdrawal)) = right_of_request {
        if purposes.is_empty() {
            return Err(Error::NoPurposes(r));
        }
        direct_marketing = purposes.iter().any(|p| is_direct_marketing(p));
        other_purposes = purposes.iter().any(|p| !is_direct_marketing(p));
        purposes_text = lines_or_none(
            purposes
                .iter()
                .map(|p| parts.get("purpose", &[("purpose", &p.label(lang))]))
                .collect(),
        );
    }

    let details = input
        .details
        .as_deref()
        .map(free_text)
        .transpose()?
        .flatten();
    if right_of_request == Some(Right::Rectification) && details.is_none() {
        return Err(Error::NoCorrection);
    }

    let filled = Filled {
        org: org.clone(),
        org_address: (!org_lines.is_empty()).then(|| org_lines.join(", ")),
        date: date_text(parts, date),
        deadline: deadline_text,
        holdings: lines_or_none(holdings),
        identity: lines_or_none(identity),
        purposes: purposes_text,
        direct_marketing,
        other_purposes,
        details,
        right,
        sent_on,
        due,
        extended,
        reminded_on,
    };
    let file = || format!("templates/{}/{}.txt", lang.as_str(), id.name());
    let mut subject = String::new();
    let mut body = String::new();
    for (nodes, out) in [(&tpl.subject, &mut subject), (&tpl.body, &mut body)] {
        template::render(nodes, &filled, out).map_err(|slot| Error::TemplateBroken {
            file: file(),
            line: 0,
            problem: format!("no value for '{}'", slot.name()),
        })?;
    }

    let mut sender = Vec::new();
    sender.extend(name.clone());
    sender.extend(home);
    let (recipient, to) = match input.kind {
        LetterKind::Complaint { .. } => (
            vec![
                parts.get("ap.name", &[]),
                parts.get("ap.address.1", &[]),
                parts.get("ap.address.2", &[]),
            ],
            None,
        ),
        _ => {
            let mut r = vec![org];
            r.extend(org_lines);
            (r, input.organisation.email.clone())
        }
    };
    Ok(Letter {
        kind: input.kind,
        lang,
        date,
        date_text: date_text(parts, date),
        subject: subject.trim().to_owned(),
        body: body.trim_end().to_owned(),
        closing: parts.get("closing", &[]),
        signature: name,
        sender,
        recipient,
        to,
        parts,
    })
}

/// Where and how to file a complaint with the Autoriteit Persoonsgegevens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// Its name.
    pub name: String,
    /// Its postal address for complaints.
    pub postal_address: Vec<String>,
    /// Its (free) phone number, for questions before filing.
    pub phone: String,
    /// The page with its complaint form.
    pub form: String,
}

/// The Autoriteit Persoonsgegevens, as the letters in `lang` name it.
pub fn complaint_authority(lang: Language) -> Result<Authority, Error> {
    let parts = template::catalogue()?
        .parts(lang)
        .ok_or_else(|| Error::TemplateBroken {
            file: format!("templates/{}/parts.txt", lang.as_str()),
            line: 0,
            problem: "not loaded".into(),
        })?;
    Ok(Authority {
        name: parts.get("ap.name", &[]),
        postal_address: vec![
            parts.get("ap.address.1", &[]),
            parts.get("ap.address.2", &[]),
        ],
        phone: parts.get("ap.phone", &[]),
        form: parts.get("ap.form", &[]),
    })
}

impl Letter {
    /// Which letter it is.
    pub fn kind(&self) -> LetterKind {
        self.kind
    }

    /// Its language.
    pub fn lang(&self) -> Language {
        self.lang
    }

    /// Its date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Its date in words.
    pub fn date_text(&self) -> &str {
        &self.date_text
    }

    /// The subject line.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The text from the greeting to the last paragraph; lines end in
    /// `\n`.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The closing words ("Met vriendelijke groet,").
    pub fn closing(&self) -> &str {
        &self.closing
    }

    /// The person's name under the letter, if they chose to give it.
    pub fn signature(&self) -> Option<&str> {
        self.signature.as_deref()
    }

    /// The sender's name and address lines on paper, as chosen.
    pub fn sender(&self) -> &[String] {
        &self.sender
    }

    /// The recipient's name and address lines.
    pub fn recipient(&self) -> &[String] {
        &self.recipient
    }

    /// The recipient's e-mail address (none for a complaint, which goes
    /// through the authority's form or by post).
    pub fn email_to(&self) -> Option<&EmailAddress> {
        self.to.as_ref()
    }

    /// The body with the closing and the name: the text of an e-mail, or
    /// what to paste into a web form.
    pub fn message_text(&self) -> String {
        let mut s = format!("{}\n\n{}", self.body, self.closing);
        if let Some(n) = &self.signature {
            s.push('\n');
            s.push_str(n);
        }
        s.push('\n');
        s
    }

    /// The whole letter as plain text: the addresses, the date and the
    /// subject, then [`Letter::message_text`].
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for l in &self.sender {
            s.push_str(l);
            s.push('\n');
        }
        if !self.sender.is_empty() {
            s.push('\n');
        }
        for l in &self.recipient {
            s.push_str(l);
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&format!(
            "{}: {}\n{}: {}\n\n",
            self.parts.get("label.date", &[]),
            self.date_text,
            self.parts.get("label.subject", &[]),
            self.subject
        ));
        s.push_str(&self.message_text());
        s
    }
}
