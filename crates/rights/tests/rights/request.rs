//! A request's states, and the steps that cannot happen.

use proptest::prelude::*;
use regie_rights::{
    Error, ErrorCode, LetterKind, Outcome, Request, Right, Status, Step, StepKind, Via,
};

use crate::common::d;

fn sent_by_email() -> Request {
    Request::draft(Right::Access, d(2026, 3, 1))
        .unwrap()
        .apply(
            Step::Sent {
                on: d(2026, 3, 2),
                via: Via::Email,
                delivered: None,
            },
            d(2026, 3, 2),
        )
        .unwrap()
}

#[test]
fn draft_sent_due_overdue_answered() {
    let draft = Request::draft(Right::Access, d(2026, 3, 1)).unwrap();
    assert_eq!(draft.status(d(2026, 3, 1)), Status::Draft);
    assert_eq!(draft.due(), None);
    let r = sent_by_email();
    assert_eq!(r.received(), Some(d(2026, 3, 2)));
    assert_eq!(
        r.status(d(2026, 3, 20)),
        Status::Sent { due: d(2026, 4, 2) }
    );
    assert_eq!(r.status(d(2026, 4, 2)), Status::Due { due: d(2026, 4, 2) });
    assert_eq!(
        r.status(d(2026, 4, 3)),
        Status::Overdue {
            due: d(2026, 4, 2),
            days_late: 1
        }
    );
    let answered = r
        .apply(
            Step::Answered {
                on: d(2026, 4, 3),
                outcome: Outcome::Partial,
            },
            d(2026, 4, 10),
        )
        .unwrap();
    assert_eq!(
        answered.status(d(2026, 5, 1)),
        Status::Answered {
            on: d(2026, 4, 3),
            outcome: Outcome::Partial,
            late: true
        }
    );
    assert_eq!(answered.steps().len(), 2);
}

#[test]
fn an_extension_moves_the_deadline_by_two_months() {
    let r = sent_by_email()
        .apply(Step::Extended { on: d(2026, 3, 20) }, d(2026, 3, 20))
        .unwrap();
    assert_eq!(r.due(), Some(d(2026, 6, 2)));
    assert_eq!(
        r.status(d(2026, 5, 1)),
        Status::Extended { due: d(2026, 6, 2) }
    );
    assert_eq!(
        r.status(d(2026, 6, 2)),
        Status::Extended { due: d(2026, 6, 2) }
    );
    assert!(matches!(r.status(d(2026, 6, 3)), Status::Overdue { .. }));
}

#[test]
fn by_post_the_deadline_counts_from_delivery() {
    let draft = Request::draft(Right::Erasure, d(2026, 3, 1)).unwrap();
    // Posted on Friday 6 March: taken to arrive on Tuesday 10 March.
    let assumed = draft
        .apply(
            Step::Sent {
                on: d(2026, 3, 6),
                via: Via::Post,
                delivered: None,
            },
            d(2026, 3, 6),
        )
        .unwrap();
    assert_eq!(assumed.received(), Some(d(2026, 3, 10)));
    assert_eq!(assumed.due(), Some(d(2026, 4, 10)));
    // Track and trace said Monday the 9th.
    let known = draft
        .apply(
            Step::Sent {
                on: d(2026, 3, 6),
                via: Via::Post,
                delivered: Some(d(2026, 3, 9)),
            },
            d(2026, 3, 12),
        )
        .unwrap();
    assert_eq!(known.due(), Some(d(2026, 4, 9)));
}

#[test]
fn steps_that_cannot_happen_are_refused_with_their_own_error() {
    let draft = Request::draft(Right::Access, d(2026, 3, 1)).unwrap();
    let today = d(2026, 3, 10);
    let answer = |on| Step::Answered {
        on,
        outcome: Outcome::Full,
    };
    // Answered before it was sent.
    assert_eq!(
        draft.apply(answer(d(2026, 3, 5)), today),
        Err(Error::NotSent {
            step: StepKind::Answered
        })
    );
    assert_eq!(
        draft.apply(Step::Extended { on: d(2026, 3, 5) }, today),
        Err(Error::NotSent {
            step: StepKind::Extended
        })
    );
    // Sent in the future.
    assert_eq!(
        draft.apply(
            Step::Sent {
                on: d(2026, 3, 11),
                via: Via::Email,
                delivered: None
            },
            today
        ),
        Err(Error::DateInFuture {
            step: StepKind::Sent,
            on: d(2026, 3, 11),
            today
        })
    );
    // Delivered before it was sent, or in the future.
    let posted = |delivered| Step::Sent {
        on: d(2026, 3, 5),
        via: Via::Post,
        delivered: Some(delivered),
    };
    assert_eq!(
        draft
            .apply(posted(d(2026, 3, 4)), today)
            .unwrap_err()
            .code(),
        ErrorCode::DateBeforeSending
    );
    assert_eq!(
        draft
            .apply(posted(d(2026, 3, 12)), today)
            .unwrap_err()
            .code(),
        ErrorCode::DateInFuture
    );
    let sent = sent_by_email();
    // Sent twice.
    assert_eq!(
        sent.apply(
            Step::Sent {
                on: d(2026, 3, 3),
                via: Via::Post,
                delivered: None
            },
            today
        ),
        Err(Error::AlreadySent { on: d(2026, 3, 2) })
    );
    // Answered before it was sent, or in the future.
    assert_eq!(
        sent.apply(answer(d(2026, 3, 1)), today),
        Err(Error::DateBeforeSending {
            step: StepKind::Answered,
            on: d(2026, 3, 1),
            sent: d(2026, 3, 2)
        })
    );
    assert_eq!(
        sent.apply(answer(d(2026, 3, 11)), today)
            .unwrap_err()
            .code(),
        ErrorCode::DateInFuture
    );
    // Extended twice.
    let extended = sent
        .apply(Step::Extended { on: d(2026, 3, 9) }, today)
        .unwrap();
    assert_eq!(
        extended.apply(Step::Extended { on: d(2026, 3, 10) }, today),
        Err(Error::ExtendedTwice { on: d(2026, 3, 9) })
    );
    // Extended after the first month.
    assert_eq!(
        sent.apply(Step::Extended { on: d(2026, 4, 3) }, d(2026, 4, 5)),
        Err(Error::ExtensionTooLate {
            on: d(2026, 4, 3),
            due: d(2026, 4, 2)
        })
    );
    // Anything after the answer.
    let answered = sent.apply(answer(d(2026, 3, 9)), today).unwrap();
    for step in [
        answer(d(2026, 3, 10)),
        Step::Extended { on: d(2026, 3, 10) },
    ] {
        assert_eq!(
            answered.apply(step, today),
            Err(Error::AlreadyAnswered { on: d(2026, 3, 9) })
        );
    }
    // Before the GDPR.
    assert_eq!(
        Request::draft(Right::Access, d(2018, 1, 1)),
        Err(Error::DateOutOfRange(d(2018, 1, 1)))
    );
}

#[test]
fn a_refused_step_changes_nothing() {
    let sent = sent_by_email();
    let before = sent.clone();
    let _ = sent.apply(Step::Extended { on: d(2026, 5, 1) }, d(2026, 5, 1));
    assert_eq!(sent, before);
    assert_eq!(sent.steps().len(), 1);
}

#[test]
fn replaying_the_stored_steps_gives_the_same_request() {
    let r = sent_by_email()
        .apply(Step::Extended { on: d(2026, 3, 20) }, d(2026, 3, 20))
        .unwrap()
        .apply(
            Step::Answered {
                on: d(2026, 5, 2),
                outcome: Outcome::Refused,
            },
            d(2026, 5, 2),
        )
        .unwrap();
    // The steps as the vault would store them, and back.
    let json = serde_json::to_string(r.steps()).unwrap();
    let steps: Vec<Step> = serde_json::from_str(&json).unwrap();
    let again = Request::replay(r.right(), r.drafted(), &steps, d(2026, 6, 1)).unwrap();
    assert_eq!(again, r);
    // A stored list with an impossible step is refused as a whole.
    let mut bad = steps.clone();
    bad.swap(0, 2);
    assert!(Request::replay(r.right(), r.drafted(), &bad, d(2026, 6, 1)).is_err());
}

#[test]
fn reminders_and_complaints_only_for_overdue_requests() {
    let r = sent_by_email();
    assert_eq!(
        r.reminder(d(2026, 4, 2)),
        Err(Error::NotOverdue { due: d(2026, 4, 2) })
    );
    assert_eq!(
        r.reminder(d(2026, 4, 3)),
        Ok(LetterKind::Reminder {
            right: Right::Access,
            sent_on: d(2026, 3, 2),
            due: d(2026, 4, 2),
            extended: false
        })
    );
    assert!(matches!(
        r.complaint(d(2026, 4, 20), Some(d(2026, 4, 5))),
        Ok(LetterKind::Complaint {
            reminded_on: Some(_),
            ..
        })
    ));
    let draft = Request::draft(Right::Access, d(2026, 3, 1)).unwrap();
    assert_eq!(
        draft.reminder(d(2026, 9, 1)),
        Err(Error::NotSent {
            step: StepKind::Sent
        })
    );
}

#[test]
fn statuses_describe_themselves_in_both_languages() {
    let r = sent_by_email();
    for (day, name) in [
        (d(2026, 3, 10), "sent"),
        (d(2026, 4, 2), "due"),
        (d(2026, 4, 9), "overdue"),
    ] {
        let s = r.status(day);
        assert_eq!(s.as_str(), name);
        let (nl, en) = (
            s.describe(regie_model::Language::Nl),
            s.describe(regie_model::Language::En),
        );
        assert_ne!(nl, en);
        assert!(!nl.contains('{') && !en.contains('{'), "{nl} / {en}");
    }
}

fn step() -> impl Strategy<Value = Step> {
    let day = (0i64..120).prop_map(|n| d(2026, 1, 1) + chrono::Duration::days(n));
    prop_oneof![
        (day.clone(), 0..3usize, proptest::option::of(day.clone())).prop_map(
            |(on, v, delivered)| {
                Step::Sent {
                    on,
                    via: Via::ALL[v],
                    delivered,
                }
            }
        ),
        day.clone().prop_map(|on| Step::Extended { on }),
        (day, 0..3usize).prop_map(|(on, o)| Step::Answered {
            on,
            outcome: Outcome::ALL[o]
        }),
    ]
}

proptest! {
    #[test]
    fn any_sequence_of_steps_keeps_the_request_consistent(steps in proptest::collection::vec(step(), 0..8)) {
        let today = d(2026, 3, 15);
        let mut r = Request::draft(Right::Objection, d(2026, 1, 1)).unwrap();
        for s in steps {
            if let Ok(next) = r.apply(s, today) {
                r = next;
            }
        }
        // Whatever was accepted makes sense together.
        if let Some((sent, _)) = r.sent() {
            prop_assert!(sent <= today);
            prop_assert!(r.received().unwrap() >= sent);
            prop_assert!(r.due().unwrap() > r.received().unwrap());
        } else {
            prop_assert!(r.steps().is_empty());
        }
        if let Some((on, _)) = r.answered() {
            prop_assert!(on >= r.sent().unwrap().0 && on <= today);
        }
        if let Some(on) = r.extended() {
            prop_assert!(on >= r.sent().unwrap().0);
        }
        prop_assert_eq!(Request::replay(r.right(), r.drafted(), r.steps(), today).unwrap(), r);
    }
}
