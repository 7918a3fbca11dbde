//! The errors of this crate.
//!
//! Each variant is a case a person can act on, with a stable [`ErrorCode`]
//! that programs switch on (the command line's exit codes, the app's IPC)
//! and a message in Dutch and English that says what happened and what to
//! do next. Nothing in this crate panics on what a person or a file gives
//! it: whatever cannot be done is one of these.

use std::fmt;

use chrono::NaiveDate;
use regie_model::{Language, Text};
use serde::Serialize;

use crate::i18n::*;
use crate::right::Right;

/// A stable, closed list of error codes, for programs to switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// A date before the GDPR applied, or too far ahead.
    DateOutOfRange,
    /// A step of a request dated after today.
    DateInFuture,
    /// A step of a request dated before it was sent.
    DateBeforeSending,
    /// Extended or answered before it was sent.
    NotSent,
    /// Sent twice.
    AlreadySent,
    /// A step after the answer.
    AlreadyAnswered,
    /// A second extension.
    ExtendedTwice,
    /// An extension announced after the first month.
    ExtensionTooLate,
    /// A detail that cannot go into a letter.
    InvalidDetail,
    /// An objection or withdrawal without the purposes it is about.
    NoPurposes,
    /// A correction request without the correction.
    NoCorrection,
    /// Dates of a letter that cannot be.
    InvalidDates,
    /// A reminder or complaint before the deadline passed.
    NotOverdue,
    /// No e-mail address for the recipient.
    NoEmailAddress,
    /// A complaint cannot be sent by e-mail.
    ComplaintNotByEmail,
    /// An e-mail address that cannot be used in a message.
    AddressNotUsable,
    /// Characters the PDF's font does not have.
    Unprintable,
    /// An address that does not fit its place on the page.
    AddressTooLong,
    /// Not one of the rights.
    UnknownRight,
    /// One of Regie's own letter texts is broken (a bug).
    TemplateBroken,
    /// A file shipped with Regie is damaged.
    DataDamaged,
}

impl ErrorCode {
    /// The code as text, e.g. `date-in-future`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::DateOutOfRange => "date-out-of-range",
            ErrorCode::DateInFuture => "date-in-future",
            ErrorCode::DateBeforeSending => "date-before-sending",
            ErrorCode::NotSent => "not-sent",
            ErrorCode::AlreadySent => "already-sent",
            ErrorCode::AlreadyAnswered => "already-answered",
            ErrorCode::ExtendedTwice => "extended-twice",
            ErrorCode::ExtensionTooLate => "extension-too-late",
            ErrorCode::InvalidDetail => "invalid-detail",
            ErrorCode::NoPurposes => "no-purposes",
            ErrorCode::NoCorrection => "no-correction",
            ErrorCode::InvalidDates => "invalid-dates",
            ErrorCode::NotOverdue => "not-overdue",
            ErrorCode::NoEmailAddress => "no-email-address",
            ErrorCode::ComplaintNotByEmail => "complaint-not-by-email",
            ErrorCode::AddressNotUsable => "address-not-usable",
            ErrorCode::Unprintable => "unprintable",
            ErrorCode::AddressTooLong => "address-too-long",
            ErrorCode::UnknownRight => "unknown-right",
            ErrorCode::TemplateBroken => "template-broken",
            ErrorCode::DataDamaged => "data-damaged",
        }
    }
}

/// A step in the life of a request, as errors name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// The person sent it.
    Sent,
    /// It reached the organisation (post).
    Delivered,
    /// The organisation extended the deadline.
    Extended,
    /// The organisation answered.
    Answered,
}

impl StepKind {
    fn texts(self) -> (Text, Text) {
        match self {
            StepKind::Sent => (STEP_SENT, STEP_SENT_PARTICIPLE),
            StepKind::Delivered => (STEP_DELIVERED, STEP_DELIVERED_PARTICIPLE),
            StepKind::Extended => (STEP_EXTENDED, STEP_EXTENDED_PARTICIPLE),
            StepKind::Answered => (STEP_ANSWERED, STEP_ANSWERED_PARTICIPLE),
        }
    }
}

/// Which detail of a letter an [`Error::InvalidDetail`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Field {
    /// The organisation's postal address.
    OrgAddress,
    /// The person's name.
    Name,
    /// The person's postal address.
    Address,
    /// The person's phone number.
    Phone,
    /// The person's customer number.
    CustomerNumber,
    /// The name of another detail the person adds.
    DetailLabel,
    /// The value of another detail the person adds.
    DetailValue,
    /// The person's own explanation (a correction, a reason).
    Details,
}

impl Field {
    fn text(self) -> Text {
        match self {
            Field::OrgAddress => FIELD_ORG_ADDRESS,
            Field::Name => FIELD_NAME,
            Field::Address => FIELD_ADDRESS,
            Field::Phone => FIELD_PHONE,
            Field::CustomerNumber => FIELD_CUSTOMER_NUMBER,
            Field::DetailLabel => FIELD_DETAIL_LABEL,
            Field::DetailValue => FIELD_DETAIL_VALUE,
            Field::Details => FIELD_DETAILS,
        }
    }
}

/// What is wrong with a detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
#[non_exhaustive]
pub enum Problem {
    /// Nothing but spaces.
    Empty,
    /// More characters than allowed.
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// More lines than allowed.
    TooManyLines {
        /// The most lines allowed.
        max: usize,
    },
    /// More items than allowed.
    TooMany {
        /// The most items allowed.
        max: usize,
    },
    /// A control character or an invisible one (such as a direction mark).
    Invisible {
        /// The character's code point.
        code: u32,
    },
}

/// Which address an [`Error::AddressTooLong`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Whose {
    /// The person's own name and address, at the top.
    Sender,
    /// The recipient's, in the envelope's window.
    Recipient,
}

/// Everything that can go wrong here.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A date before 25 May 2018, when the GDPR began to apply, or in the
    /// year 9999 or later.
    DateOutOfRange(NaiveDate),
    /// A step of a request dated after today.
    DateInFuture {
        /// Which step.
        step: StepKind,
        /// Its date.
        on: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A step of a request dated before the request was sent.
    DateBeforeSending {
        /// Which step.
        step: StepKind,
        /// Its date.
        on: NaiveDate,
        /// When the request was sent.
        sent: NaiveDate,
    },
    /// An extension or an answer recorded while the request is a draft
    /// (`step` is what was recorded), or a reminder or complaint asked for
    /// a draft (`step` is [`StepKind::Sent`]).
    NotSent {
        /// Which step.
        step: StepKind,
    },
    /// A request marked sent a second time.
    AlreadySent {
        /// When it was sent.
        on: NaiveDate,
    },
    /// A step recorded after the answer.
    AlreadyAnswered {
        /// When it was answered.
        on: NaiveDate,
    },
    /// A second extension (Art. 12(3) allows one, of two months).
    ExtendedTwice {
        /// When the first was announced.
        on: NaiveDate,
    },
    /// An extension announced after the first month, which Art. 12(3)
    /// does not allow.
    ExtensionTooLate {
        /// When it was announced.
        on: NaiveDate,
        /// The end of the first month.
        due: NaiveDate,
    },
    /// A detail that cannot go into a letter as it is.
    InvalidDetail {
        /// Which detail.
        field: Field,
        /// What is wrong with it.
        problem: Problem,
    },
    /// An objection or a withdrawal that names no purpose.
    NoPurposes(Right),
    /// A rectification letter that does not say what to correct.
    NoCorrection,
    /// A request letter whose deadline is not after its date.
    DeadlineNotAfterDate {
        /// The deadline.
        deadline: NaiveDate,
        /// The letter's date.
        date: NaiveDate,
    },
    /// A reminder or complaint dated before the request it is about.
    LetterBeforeRequest {
        /// When the request was sent.
        sent: NaiveDate,
        /// The letter's date.
        date: NaiveDate,
    },
    /// A reminder or complaint while the deadline has not passed.
    NotOverdue {
        /// The last day of the deadline.
        due: NaiveDate,
    },
    /// A complaint whose reminder is not between the request and itself.
    ReminderOutOfOrder {
        /// When the reminder was sent.
        reminded: NaiveDate,
        /// When the request was sent.
        sent: NaiveDate,
        /// The complaint's date.
        date: NaiveDate,
    },
    /// An e-mail (or a `mailto:` link) for a recipient without an e-mail
    /// address.
    NoEmailAddress {
        /// The recipient's name.
        recipient: String,
    },
    /// A complaint to the Autoriteit Persoonsgegevens as an e-mail: it
    /// takes complaints through its form or by post only.
    ComplaintNotByEmail {
        /// The address of the form.
        form: String,
    },
    /// An e-mail address with characters a message header cannot carry.
    AddressNotUsable(String),
    /// Characters the letter's font does not have.
    Unprintable(String),
    /// An address with more lines than its place on the page holds.
    AddressTooLong {
        /// Whose address.
        whose: Whose,
        /// The most lines it may have.
        max_lines: usize,
    },
    /// A name that is not one of the rights.
    UnknownRight(String),
    /// One of Regie's letter texts breaks the template rules (a bug that
    /// the tests over every template exist to catch).
    TemplateBroken {
        /// The template file.
        file: String,
        /// Its line (1-based; 0 when the whole file is meant).
        line: usize,
        /// What is wrong, in English (for the report).
        problem: String,
    },
    /// A file shipped with Regie (the directory or a font) is damaged.
    DataDamaged {
        /// Which file.
        what: &'static str,
        /// What is wrong, in English.
        detail: String,
    },
}

/// Shortens outside text for a message (at most 60 characters, without
/// control characters), so an error cannot carry a flood of text.
pub(crate) fn clip(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(60).collect();
    if s.chars().filter(|c| !c.is_control()).count() > 60 {
        out.push('…');
    }
    out
}

impl Error {
    /// The stable code for programs.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::DateOutOfRange(_) => ErrorCode::DateOutOfRange,
            Error::DateInFuture { .. } => ErrorCode::DateInFuture,
            Error::DateBeforeSending { .. } => ErrorCode::DateBeforeSending,
            Error::NotSent { .. } => ErrorCode::NotSent,
            Error::AlreadySent { .. } => ErrorCode::AlreadySent,
            Error::AlreadyAnswered { .. } => ErrorCode::AlreadyAnswered,
            Error::ExtendedTwice { .. } => ErrorCode::ExtendedTwice,
            Error::ExtensionTooLate { .. } => ErrorCode::ExtensionTooLate,
            Error::InvalidDetail { .. } => ErrorCode::InvalidDetail,
            Error::NoPurposes(_) => ErrorCode::NoPurposes,
            Error::NoCorrection => ErrorCode::NoCorrection,
            Error::DeadlineNotAfterDate { .. }
            | Error::LetterBeforeRequest { .. }
            | Error::ReminderOutOfOrder { .. } => ErrorCode::InvalidDates,
            Error::NotOverdue { .. } => ErrorCode::NotOverdue,
            Error::NoEmailAddress { .. } => ErrorCode::NoEmailAddress,
            Error::ComplaintNotByEmail { .. } => ErrorCode::ComplaintNotByEmail,
            Error::AddressNotUsable(_) => ErrorCode::AddressNotUsable,
            Error::Unprintable(_) => ErrorCode::Unprintable,
            Error::AddressTooLong { .. } => ErrorCode::AddressTooLong,
            Error::UnknownRight(_) => ErrorCode::UnknownRight,
            Error::TemplateBroken { .. } => ErrorCode::TemplateBroken,
            Error::DataDamaged { .. } => ErrorCode::DataDamaged,
        }
    }

    /// The message in the person's language: what happened and what to do.
    pub fn message(&self, lang: Language) -> String {
        let d = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
        let step = |s: &StepKind, participle: bool| {
            let (plain, part) = s.texts();
            (if participle { part } else { plain }).get(lang)
        };
        match self {
            Error::DateOutOfRange(date) => E_DATE_OUT_OF_RANGE.fill(lang, &[("date", &d(date))]),
            Error::DateInFuture { step: s, on, today } => E_DATE_IN_FUTURE.fill(
                lang,
                &[
                    ("step", step(s, false)),
                    ("on", &d(on)),
                    ("today", &d(today)),
                ],
            ),
            Error::DateBeforeSending { step: s, on, sent } => E_DATE_BEFORE_SENDING.fill(
                lang,
                &[("step", step(s, true)), ("on", &d(on)), ("sent", &d(sent))],
            ),
            Error::NotSent {
                step: StepKind::Sent,
            } => E_NOT_SENT_YET.fill(lang, &[]),
            Error::NotSent { step: s } => E_NOT_SENT.fill(lang, &[("step", step(s, true))]),
            Error::AlreadySent { on } => E_ALREADY_SENT.fill(lang, &[("on", &d(on))]),
            Error::AlreadyAnswered { on } => E_ALREADY_ANSWERED.fill(lang, &[("on", &d(on))]),
            Error::ExtendedTwice { on } => E_EXTENDED_TWICE.fill(lang, &[("on", &d(on))]),
            Error::ExtensionTooLate { on, due } => {
                E_EXTENSION_TOO_LATE.fill(lang, &[("on", &d(on)), ("due", &d(due))])
            }
            Error::InvalidDetail { field, problem } => {
                let problem = match problem {
                    Problem::Empty => PROBLEM_EMPTY.fill(lang, &[]),
                    Problem::TooLong { max } => {
                        PROBLEM_TOO_LONG.fill(lang, &[("max", &max.to_string())])
                    }
                    Problem::TooManyLines { max } => {
                        PROBLEM_TOO_MANY_LINES.fill(lang, &[("max", &max.to_string())])
                    }
                    Problem::TooMany { max } => {
                        PROBLEM_TOO_MANY.fill(lang, &[("max", &max.to_string())])
                    }
                    Problem::Invisible { code } => {
                        PROBLEM_INVISIBLE.fill(lang, &[("code", &format!("{code:04X}"))])
                    }
                };
                E_INVALID_DETAIL.fill(
                    lang,
                    &[("field", field.text().get(lang)), ("problem", &problem)],
                )
            }
            Error::NoPurposes(Right::Withdrawal) => E_NO_PURPOSES_WITHDRAWAL.fill(lang, &[]),
            Error::NoPurposes(_) => E_NO_PURPOSES_OBJECTION.fill(lang, &[]),
            Error::NoCorrection => E_NO_CORRECTION.fill(lang, &[]),
            Error::DeadlineNotAfterDate { deadline, date } => E_DEADLINE_NOT_AFTER_DATE
                .fill(lang, &[("deadline", &d(deadline)), ("date", &d(date))]),
            Error::LetterBeforeRequest { sent, date } => {
                E_LETTER_BEFORE_REQUEST.fill(lang, &[("sent", &d(sent)), ("date", &d(date))])
            }
            Error::NotOverdue { due } => E_NOT_OVERDUE.fill(lang, &[("due", &d(due))]),
            Error::ReminderOutOfOrder {
                reminded,
                sent,
                date,
            } => E_REMINDER_OUT_OF_ORDER.fill(
                lang,
                &[
                    ("reminded", &d(reminded)),
                    ("sent", &d(sent)),
                    ("date", &d(date)),
                ],
            ),
            Error::NoEmailAddress { recipient } => {
                E_NO_EMAIL_ADDRESS.fill(lang, &[("recipient", recipient)])
            }
            Error::ComplaintNotByEmail { form } => {
                E_COMPLAINT_NOT_BY_EMAIL.fill(lang, &[("form", form)])
            }
            Error::AddressNotUsable(a) => E_ADDRESS_NOT_USABLE.fill(lang, &[("address", a)]),
            Error::Unprintable(chars) => E_UNPRINTABLE.fill(lang, &[("chars", chars)]),
            Error::AddressTooLong { whose, max_lines } => {
                let whose = match whose {
                    Whose::Sender => WHOSE_SENDER,
                    Whose::Recipient => WHOSE_RECIPIENT,
                };
                E_ADDRESS_TOO_LONG.fill(
                    lang,
                    &[("whose", whose.get(lang)), ("max", &max_lines.to_string())],
                )
            }
            Error::UnknownRight(text) => E_UNKNOWN_RIGHT.fill(lang, &[("text", text)]),
            Error::TemplateBroken {
                file,
                line,
                problem,
            } => E_TEMPLATE_BROKEN.fill(
                lang,
                &[
                    ("file", file),
                    ("line", &line.to_string()),
                    ("problem", problem),
                ],
            ),
            Error::DataDamaged { what, detail } => {
                E_DATA_DAMAGED.fill(lang, &[("what", what), ("detail", detail)])
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for Error {}
