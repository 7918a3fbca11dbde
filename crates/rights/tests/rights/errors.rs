//! Every error has a stable code and says what happened and what to do
//! next, in Dutch and in English.

use std::collections::HashSet;

use regie_model::Language;
use regie_rights::{Error, Field, Problem, Right, StepKind, Whose};

use crate::common::d;

fn every_error() -> Vec<Error> {
    let day = d(2026, 3, 2);
    let mut all = vec![
        Error::DateOutOfRange(d(2017, 1, 1)),
        Error::NotSent {
            step: StepKind::Sent,
        },
        Error::AlreadySent { on: day },
        Error::AlreadyAnswered { on: day },
        Error::ExtendedTwice { on: day },
        Error::ExtensionTooLate { on: day, due: day },
        Error::NoPurposes(Right::Objection),
        Error::NoPurposes(Right::Withdrawal),
        Error::NoCorrection,
        Error::DeadlineNotAfterDate {
            deadline: day,
            date: day,
        },
        Error::LetterBeforeRequest {
            sent: day,
            date: day,
        },
        Error::NotOverdue { due: day },
        Error::ReminderOutOfOrder {
            reminded: day,
            sent: day,
            date: day,
        },
        Error::NoEmailAddress {
            recipient: "Boekhandel".into(),
        },
        Error::ComplaintNotByEmail {
            form: "https://example.org/form".into(),
        },
        Error::AddressNotUsable("a,b@c.nl".into()),
        Error::Unprintable("'株' (U+682A)".into()),
        Error::UnknownRight("inzage".into()),
        Error::TemplateBroken {
            file: "templates/nl/access.txt".into(),
            line: 3,
            problem: "x".into(),
        },
        Error::DataDamaged {
            what: "directory",
            detail: "line 3".into(),
        },
    ];
    for step in [
        StepKind::Sent,
        StepKind::Delivered,
        StepKind::Extended,
        StepKind::Answered,
    ] {
        all.push(Error::DateInFuture {
            step,
            on: day,
            today: day,
        });
        all.push(Error::DateBeforeSending {
            step,
            on: day,
            sent: day,
        });
        if step != StepKind::Sent {
            all.push(Error::NotSent { step });
        }
    }
    for field in [
        Field::OrgAddress,
        Field::Name,
        Field::Address,
        Field::Phone,
        Field::CustomerNumber,
        Field::DetailLabel,
        Field::DetailValue,
        Field::Details,
    ] {
        for problem in [
            Problem::Empty,
            Problem::TooLong { max: 5 },
            Problem::TooManyLines { max: 5 },
            Problem::TooMany { max: 5 },
            Problem::Invisible { code: 0x202E },
        ] {
            all.push(Error::InvalidDetail { field, problem });
        }
    }
    for whose in [Whose::Sender, Whose::Recipient] {
        all.push(Error::AddressTooLong {
            whose,
            max_lines: 7,
        });
    }
    all
}

#[test]
fn every_error_has_a_message_in_both_languages_with_nothing_left_to_fill() {
    let mut messages = HashSet::new();
    for e in every_error() {
        let nl = e.message(Language::Nl);
        let en = e.message(Language::En);
        for m in [&nl, &en] {
            assert!(!m.contains('{') && !m.contains('}'), "unfilled: {m}");
            assert!(m.len() > 20, "too short: {m}");
        }
        assert_ne!(nl, en, "{e:?}");
        assert_eq!(e.to_string(), en);
        // Different cases read differently.
        assert!(messages.insert(nl.clone()), "twice: {nl}");
    }
}

#[test]
fn codes_are_stable_kebab_case_names() {
    let mut seen = HashSet::new();
    for e in every_error() {
        let code = e.code().as_str();
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{code}"
        );
        seen.insert(code);
        assert_eq!(
            serde_json::to_value(e.code()).unwrap(),
            serde_json::Value::String(code.into())
        );
    }
    // Every code of the closed list occurs.
    assert_eq!(seen.len(), 21, "{seen:?}");
}

#[test]
fn unknown_rights_are_refused_by_name() {
    assert_eq!("access".parse::<Right>(), Ok(Right::Access));
    for r in Right::ALL {
        assert_eq!(r.as_str().parse::<Right>(), Ok(r));
        assert_ne!(r.label().nl, r.label().en);
        assert_ne!(r.explanation().nl, r.explanation().en);
    }
    let e = "inzage".parse::<Right>().unwrap_err();
    assert_eq!(e.code().as_str(), "unknown-right");
    assert!(e.message(Language::Nl).contains("'inzage'"));
    // Outside text in a message is cut short and stripped of control
    // characters.
    let long = format!("x\u{1b}[31m{}", "y".repeat(500));
    let m = long.parse::<Right>().unwrap_err().message(Language::En);
    assert!(!m.contains('\u{1b}'));
    assert!(m.len() < 400, "{m}");
}
