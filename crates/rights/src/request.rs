//! A request's life: draft, sent, due, extended, answered or overdue.
//!
//! A pure state machine. A request is its right, the day it was drafted
//! and the [`Step`]s recorded since, so whoever stores it (the vault, as
//! history events) keeps the steps and gets the same request back by
//! replaying them: a step that could not have happened (answered before it
//! was sent, sent in the future, extended twice, ...) is refused with a
//! typed error and leaves the request as it was. Whether it is due or
//! overdue depends on the day it is looked at, so [`Request::status`] takes
//! today as an argument rather than reading a clock.

use chrono::NaiveDate;
use regie_model::{Language, Text};
use serde::{Deserialize, Serialize};

use crate::deadline;
use crate::error::{Error, StepKind};
use crate::i18n::*;
use crate::letter::LetterKind;
use crate::right::Right;

/// How a request was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// By e-mail: received the day it was sent.
    Email,
    /// By post: received the day it was delivered, or two working days
    /// after posting when that is not known.
    Post,
    /// Through the organisation's web form: received the day it was sent.
    Webform,
}

impl Via {
    /// Every way.
    pub const ALL: [Via; 3] = [Via::Email, Via::Post, Via::Webform];

    /// The wire and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Email => "email",
            Via::Post => "post",
            Via::Webform => "webform",
        }
    }

    /// Reads a wire name.
    pub fn parse(s: &str) -> Option<Via> {
        Via::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Its name for a person.
    pub fn label(self) -> Text {
        let (nl, en) = match self {
            Via::Email => ("per e-mail", "by e-mail"),
            Via::Post => ("per post", "by post"),
            Via::Webform => ("via het webformulier", "through the web form"),
        };
        Text { nl, en }
    }
}

/// How an organisation answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Did everything asked.
    Full,
    /// Did part of it.
    Partial,
    /// Refused.
    Refused,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 3] = [Outcome::Full, Outcome::Partial, Outcome::Refused];

    /// The wire and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Full => "full",
            Outcome::Partial => "partial",
            Outcome::Refused => "refused",
        }
    }

    /// Reads a wire name.
    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// One thing that happened to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "step")]
pub enum Step {
    /// The person sent it.
    Sent {
        /// The day it was sent (posted, for post).
        on: NaiveDate,
        /// How.
        via: Via,
        /// For post: the day it was delivered, when the person knows it
        /// (registered post shows it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delivered: Option<NaiveDate>,
    },
    /// The organisation said it needs two more months (Art. 12(3)).
    Extended {
        /// The day it said so.
        on: NaiveDate,
    },
    /// The organisation answered.
    Answered {
        /// The day the answer came.
        on: NaiveDate,
        /// How it answered.
        outcome: Outcome,
    },
}

/// Where a request stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "state")]
pub enum Status {
    /// Not sent yet.
    Draft,
    /// Sent; the organisation still has time.
    Sent {
        /// The last day for the answer.
        due: NaiveDate,
    },
    /// Today is the last day for the answer.
    Due {
        /// Today.
        due: NaiveDate,
    },
    /// The organisation took two more months, and still has time (today
    /// may be the last day).
    Extended {
        /// The last day for the answer.
        due: NaiveDate,
    },
    /// The deadline has passed without an answer.
    Overdue {
        /// The last day the answer was due.
        due: NaiveDate,
        /// Days since then.
        days_late: i64,
    },
    /// Answered.
    Answered {
        /// When.
        on: NaiveDate,
        /// How.
        outcome: Outcome,
        /// Whether the answer came after the deadline.
        late: bool,
    },
}

impl Status {
    /// The state's name, for programs: `draft`, `sent`, `due`,
    /// `extended`, `overdue` or `answered`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Sent { .. } => "sent",
            Status::Due { .. } => "due",
            Status::Extended { .. } => "extended",
            Status::Overdue { .. } => "overdue",
            Status::Answered { .. } => "answered",
        }
    }

    /// A short description for a person; dates as `YYYY-MM-DD`.
    pub fn describe(&self, lang: Language) -> String {
        let d = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
        match self {
            Status::Draft => STATUS_DRAFT.fill(lang, &[]),
            Status::Sent { due } => STATUS_SENT.fill(lang, &[("due", &d(due))]),
            Status::Due { .. } => STATUS_DUE.fill(lang, &[]),
            Status::Extended { due } => STATUS_EXTENDED.fill(lang, &[("due", &d(due))]),
            Status::Overdue { due, .. } => STATUS_OVERDUE.fill(lang, &[("due", &d(due))]),
            Status::Answered { outcome, .. } => match outcome {
                Outcome::Full => STATUS_ANSWERED_FULLY,
                Outcome::Partial => STATUS_ANSWERED_PARTLY,
                Outcome::Refused => STATUS_REFUSED,
            }
            .fill(lang, &[]),
        }
    }
}

/// A request: its right, when it was drafted, and what happened since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    right: Right,
    drafted: NaiveDate,
    steps: Vec<Step>,
    sent: Option<(NaiveDate, Via)>,
    received: Option<NaiveDate>,
    extended: Option<NaiveDate>,
    answered: Option<(NaiveDate, Outcome)>,
}

impl Request {
    /// A new draft.
    pub fn draft(right: Right, on: NaiveDate) -> Result<Request, Error> {
        deadline::check(on)?;
        Ok(Request {
            right,
            drafted: on,
            steps: Vec::new(),
            sent: None,
            received: None,
            extended: None,
            answered: None,
        })
    }

    /// A request rebuilt from its stored steps, each checked as when it was
    /// first recorded.
    pub fn replay(
        right: Right,
        drafted: NaiveDate,
        steps: &[Step],
        today: NaiveDate,
    ) -> Result<Request, Error> {
        steps
            .iter()
            .try_fold(Request::draft(right, drafted)?, |r, s| r.apply(*s, today))
    }

    /// The request after one more step, or why that step cannot be.
    /// `self` is not changed either way.
    pub fn apply(&self, step: Step, today: NaiveDate) -> Result<Request, Error> {
        deadline::check(today)?;
        if let Some((on, _)) = self.answered {
            return Err(Error::AlreadyAnswered { on });
        }
        let future = |kind: StepKind, on: NaiveDate| -> Result<NaiveDate, Error> {
            deadline::check(on)?;
            if on > today {
                Err(Error::DateInFuture {
                    step: kind,
                    on,
                    today,
                })
            } else {
                Ok(on)
            }
        };
        let mut next = self.clone();
        match step {
            Step::Sent { on, via, delivered } => {
                if let Some((sent, _)) = self.sent {
                    return Err(Error::AlreadySent { on: sent });
                }
                future(StepKind::Sent, on)?;
                let received = match (via, delivered) {
                    (_, Some(d)) => {
                        future(StepKind::Delivered, d)?;
                        if d < on {
                            return Err(Error::DateBeforeSending {
                                step: StepKind::Delivered,
                                on: d,
                                sent: on,
                            });
                        }
                        d
                    }
                    (Via::Post, None) => deadline::post_arrival(on)?,
                    (Via::Email | Via::Webform, None) => on,
                };
                // The due dates must be computable, so that a stored request
                // always has one.
                deadline::due_date(received, true)?;
                next.sent = Some((on, via));
                next.received = Some(received);
            }
            Step::Extended { on } => {
                let (sent, _) = self.sent.ok_or(Error::NotSent {
                    step: StepKind::Extended,
                })?;
                if let Some(first) = self.extended {
                    return Err(Error::ExtendedTwice { on: first });
                }
                future(StepKind::Extended, on)?;
                if on < sent {
                    return Err(Error::DateBeforeSending {
                        step: StepKind::Extended,
                        on,
                        sent,
                    });
                }
                let due = self.due_unextended();
                if let Some(due) = due {
                    if on > due {
                        return Err(Error::ExtensionTooLate { on, due });
                    }
                }
                next.extended = Some(on);
            }
            Step::Answered { on, outcome } => {
                let (sent, _) = self.sent.ok_or(Error::NotSent {
                    step: StepKind::Answered,
                })?;
                future(StepKind::Answered, on)?;
                if on < sent {
                    return Err(Error::DateBeforeSending {
                        step: StepKind::Answered,
                        on,
                        sent,
                    });
                }
                next.answered = Some((on, outcome));
            }
        }
        next.steps.push(step);
        Ok(next)
    }

    /// The right it exercises.
    pub fn right(&self) -> Right {
        self.right
    }

    /// The day it was drafted.
    pub fn drafted(&self) -> NaiveDate {
        self.drafted
    }

    /// The steps recorded so far, in order: what to store.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// When and how it was sent.
    pub fn sent(&self) -> Option<(NaiveDate, Via)> {
        self.sent
    }

    /// The day the organisation received it (or is taken to have).
    pub fn received(&self) -> Option<NaiveDate> {
        self.received
    }

    /// The day the organisation announced an extension.
    pub fn extended(&self) -> Option<NaiveDate> {
        self.extended
    }

    /// When and how it was answered.
    pub fn answered(&self) -> Option<(NaiveDate, Outcome)> {
        self.answered
    }

    fn due_unextended(&self) -> Option<NaiveDate> {
        self.received
            .and_then(|r| deadline::due_date(r, false).ok())
    }

    /// The last day for the answer (with the extension, if any); `None`
    /// for a draft.
    pub fn due(&self) -> Option<NaiveDate> {
        self.received
            .and_then(|r| deadline::due_date(r, self.extended.is_some()).ok())
    }

    /// Where it stands on `today`.
    pub fn status(&self, today: NaiveDate) -> Status {
        let Some(due) = self.due() else {
            return Status::Draft;
        };
        if let Some((on, outcome)) = self.answered {
            return Status::Answered {
                on,
                outcome,
                late: on > due,
            };
        }
        if today > due {
            Status::Overdue {
                due,
                days_late: today.signed_duration_since(due).num_days(),
            }
        } else if self.extended.is_some() {
            Status::Extended { due }
        } else if today == due {
            Status::Due { due }
        } else {
            Status::Sent { due }
        }
    }

    /// What a reminder letter dated `today` is about: the request, when it
    /// was sent and the deadline it missed. Refused unless the request is
    /// overdue on `today`.
    pub fn reminder(&self, today: NaiveDate) -> Result<LetterKind, Error> {
        let (sent_on, due) = self.overdue(today)?;
        Ok(LetterKind::Reminder {
            right: self.right,
            sent_on,
            due,
            extended: self.extended.is_some(),
        })
    }

    /// What a complaint to the Autoriteit Persoonsgegevens dated `today` is
    /// about, with the day a reminder was sent if there was one. Refused
    /// unless the request is overdue on `today`.
    pub fn complaint(
        &self,
        today: NaiveDate,
        reminded_on: Option<NaiveDate>,
    ) -> Result<LetterKind, Error> {
        let (sent_on, due) = self.overdue(today)?;
        Ok(LetterKind::Complaint {
            right: self.right,
            sent_on,
            due,
            extended: self.extended.is_some(),
            reminded_on,
        })
    }

    fn overdue(&self, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), Error> {
        match self.status(today) {
            Status::Overdue { due, .. } => {
                let (sent_on, _) = self.sent.ok_or(Error::NotSent {
                    step: StepKind::Sent,
                })?;
                Ok((sent_on, due))
            }
            Status::Draft => Err(Error::NotSent {
                step: StepKind::Sent,
            }),
            Status::Answered { on, .. } => Err(Error::AlreadyAnswered { on }),
            Status::Sent { due } | Status::Due { due } | Status::Extended { due } => {
                Err(Error::NotOverdue { due })
            }
        }
    }
}
