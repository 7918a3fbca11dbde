//! Letters: every letter in both languages (kept as snapshots, so a change
//! to a letter is a reviewed change), only the details the person chose,
//! and refusals of what cannot go into a letter.

use chrono::{FixedOffset, TimeZone};
use proptest::prelude::*;
use regie_model::{EmailAddress, Language, Purpose};
use regie_rights::{
    complaint_authority, write, Detail, Error, ErrorCode, Field, Identity, LetterKind, Problem,
    Right,
};

use crate::common::*;

const SNAPSHOTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/rights/snapshots");

#[test]
fn every_letter_in_both_languages_matches_its_snapshot() {
    // Set REGIE_UPDATE_SNAPSHOTS=1 to write them anew, then review the
    // difference like any other change.
    let update = std::env::var_os("REGIE_UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for (name, kind) in kinds() {
        for lang in Language::ALL {
            let letter = write(&input(kind, lang)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let text = letter.to_text();
            let path = format!("{SNAPSHOTS}/{name}.{}.txt", lang.as_str());
            if update {
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "letters differ from their snapshots (REGIE_UPDATE_SNAPSHOTS=1 rewrites them): {stale:#?}"
    );
}

#[test]
fn a_letter_names_the_organisation_the_deadline_and_every_holding() {
    for (name, kind) in kinds() {
        for lang in Language::ALL {
            let letter = write(&input(kind, lang)).unwrap();
            let text = letter.to_text();
            assert!(text.contains("Boekhandel De Vries B.V."), "{name}");
            // Each legal basis is named by its article.
            for point in ["a", "b", "c", "d", "e", "f"] {
                let article = match lang {
                    Language::Nl => format!("artikel 6 lid 1 onder {point} AVG"),
                    Language::En => format!("Article 6(1)({point}) GDPR"),
                };
                assert!(text.contains(&article), "{name} {lang:?}: {article}");
            }
            let (date, deadline) = match lang {
                Language::Nl => ("6 maart 2026", "7 april 2026"),
                Language::En => ("6 March 2026", "7 April 2026"),
            };
            assert!(text.contains(date), "{name}");
            if let LetterKind::Request { .. } = kind {
                assert!(letter.body().contains(deadline), "{name} {lang:?}");
            }
        }
    }
}

#[test]
fn the_access_letter_asks_for_everything_article_15_lists() {
    let l = write(&input(
        LetterKind::Request {
            right: Right::Access,
            deadline: d(2026, 4, 7),
        },
        Language::Nl,
    ))
    .unwrap();
    for part in [
        "lid 3", "onder a", "onder b", "onder c", "onder d", "onder e", "onder f", "onder g",
        "onder h", "(lid 2)",
    ] {
        assert!(l.body().contains(part), "{part}");
    }
}

#[test]
fn an_objection_to_direct_marketing_says_it_must_simply_be_obeyed() {
    let objection = |purposes: &[&str], lang| {
        let mut i = input(
            LetterKind::Request {
                right: Right::Objection,
                deadline: d(2026, 4, 7),
            },
            lang,
        );
        i.purposes = purposes
            .iter()
            .map(|p| Purpose::parse(p).unwrap())
            .collect();
        write(&i).unwrap().body().to_owned()
    };
    let dm = "artikel 21 lid 2 en lid 3";
    let other = "artikel 21 lid 1";
    let only_dm = objection(
        &["dpv:DirectMarketing", "dpv:PersonalisedAdvertising"],
        Language::Nl,
    );
    assert!(only_dm.contains(dm) && !only_dm.contains(other));
    let only_other = objection(&["dpv:ServiceUsageAnalytics"], Language::Nl);
    assert!(!only_other.contains(dm) && only_other.contains(other));
    let both = objection(
        &["dpv:Marketing", "dpv:ServiceUsageAnalytics"],
        Language::En,
    );
    assert!(both.contains("Article 21(2) and 21(3)") && both.contains("Article 21(1)"));
    // The purposes are named by their labels, each once.
    let twice = objection(
        &["dpv:DirectMarketing", "dpv:DirectMarketing"],
        Language::Nl,
    );
    assert_eq!(twice.matches("- Reclame aan u").count(), 1);
}

/// Each detail of the person, with a value that can be searched for.
const MARKERS: [(&str, &str); 7] = [
    ("name", "Naam-Marker-Q1"),
    ("address", "Adres-Marker-Q2"),
    ("email", "marker-q3@example.nl"),
    ("phone", "Tel-Marker-Q4"),
    ("customer", "Klant-Marker-Q5"),
    ("birth", "1971"),
    ("other", "Ander-Marker-Q7"),
];

fn chosen(mask: u32) -> Identity {
    let on = |i: u32| mask & (1 << i) != 0;
    Identity {
        name: on(0).then(|| MARKERS[0].1.into()),
        postal_address: if on(1) {
            vec![MARKERS[1].1.into(), "9999 ZZ  Plaats".into()]
        } else {
            vec![]
        },
        email: on(2).then(|| EmailAddress::parse(MARKERS[2].1).unwrap()),
        phone: on(3).then(|| MARKERS[3].1.into()),
        customer_number: on(4).then(|| MARKERS[4].1.into()),
        date_of_birth: on(5).then(|| d(1971, 2, 3)),
        other: if on(6) {
            vec![Detail {
                label: "Lidnummer".into(),
                value: MARKERS[6].1.into(),
            }]
        } else {
            vec![]
        },
    }
}

#[test]
fn only_the_details_the_person_chose_appear_anywhere_in_a_letter() {
    let at = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 3, 6, 10, 0, 0)
        .unwrap();
    let from = EmailAddress::parse("sender@example.org").unwrap();
    let mut checked = 0;
    for mask in 0..(1u32 << MARKERS.len()) {
        for (name, kind) in kinds() {
            for lang in Language::ALL {
                let mut i = input(kind, lang);
                i.person = chosen(mask);
                let letter = write(&i).unwrap_or_else(|e| panic!("{name} {mask:b}: {e}"));
                // Each output, and whether it carries the whole letter (a
                // long mailto: link does not).
                let mut outputs = vec![(letter.to_text(), true), (letter.message_text(), true)];
                if !matches!(kind, LetterKind::Complaint { .. }) {
                    let eml = letter.to_eml(&from, at).unwrap();
                    outputs.push((decoded_eml(&eml), true));
                    let link = letter.to_mailto().unwrap();
                    outputs.push((link.url, link.complete));
                }
                for (out, complete) in &outputs {
                    for (bit, (what, marker)) in MARKERS.iter().enumerate() {
                        let present =
                            out.contains(marker) || out.contains(&marker.replace('@', "%40"));
                        let wanted = mask & (1 << bit) != 0;
                        if wanted && !*complete {
                            continue;
                        }
                        assert_eq!(present, wanted, "{name} {lang:?} mask {mask:07b}: {what}");
                    }
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 128 * 9 * 2);
}

/// The text of an .eml as a reader shows it: headers decoded, body decoded.
fn decoded_eml(eml: &[u8]) -> String {
    let m = mail_parser::MessageParser::default().parse(eml).unwrap();
    let mut s = String::new();
    if let Some(from) = m.from().and_then(|f| f.first()) {
        s.push_str(from.name().unwrap_or(""));
        s.push(' ');
    }
    s.push_str(m.subject().unwrap_or(""));
    s.push('\n');
    s.push_str(&m.body_text(0).unwrap_or_default());
    s
}

#[test]
fn a_complaint_goes_to_the_autoriteit_persoonsgegevens() {
    let (_, kind) = kinds().pop().unwrap();
    for lang in Language::ALL {
        let l = write(&input(kind, lang)).unwrap();
        let ap = complaint_authority(lang).unwrap();
        assert_eq!(l.recipient()[0], "Autoriteit Persoonsgegevens");
        assert_eq!(l.recipient()[1..], ap.postal_address[..]);
        assert!(ap
            .form
            .starts_with("https://autoriteitpersoonsgegevens.nl/"));
        assert!(!ap.phone.is_empty());
        assert_eq!(l.email_to(), None);
        // The organisation it is about, with its address, in the text.
        assert!(l.body().contains("Kerkstraat 12, 1234 AB  Ergenshuizen"));
        assert!(l.body().contains(match lang {
            Language::Nl => "16 februari 2026",
            Language::En => "16 February 2026",
        }));
    }
}

#[test]
fn what_cannot_go_into_a_letter_is_refused_not_cut() {
    let base = || {
        input(
            LetterKind::Request {
                right: Right::Access,
                deadline: d(2026, 4, 7),
            },
            Language::Nl,
        )
    };
    let code = |i: &regie_rights::LetterInput| write(i).unwrap_err();
    let mut i = base();
    i.person.name = Some("Sam\u{202E}seirV".into());
    assert_eq!(
        code(&i),
        Error::InvalidDetail {
            field: Field::Name,
            problem: Problem::Invisible { code: 0x202E }
        }
    );
    let mut i = base();
    i.person.name = Some("   ".into());
    assert_eq!(code(&i).code(), ErrorCode::InvalidDetail);
    let mut i = base();
    i.person.phone = Some("0".repeat(41));
    assert_eq!(
        code(&i),
        Error::InvalidDetail {
            field: Field::Phone,
            problem: Problem::TooLong { max: 40 }
        }
    );
    let mut i = base();
    i.organisation.postal_address = (0..8).map(|n| format!("Regel {n}")).collect();
    assert_eq!(
        code(&i),
        Error::InvalidDetail {
            field: Field::OrgAddress,
            problem: Problem::TooManyLines { max: 7 }
        }
    );
    let mut i = base();
    i.details = Some("x".repeat(5001));
    assert_eq!(code(&i).code(), ErrorCode::InvalidDetail);
    let mut i = base();
    i.details = Some("Een\u{0007}bel".into());
    assert_eq!(code(&i).code(), ErrorCode::InvalidDetail);
    let mut i = base();
    i.person.other = (0..11)
        .map(|n| Detail {
            label: format!("L{n}"),
            value: "v".into(),
        })
        .collect();
    assert_eq!(code(&i).code(), ErrorCode::InvalidDetail);
    // A deadline that is not after the letter's date.
    let mut i = base();
    i.kind = LetterKind::Request {
        right: Right::Access,
        deadline: today(),
    };
    assert_eq!(code(&i).code(), ErrorCode::InvalidDates);
    // Objection and withdrawal need their purposes; rectification its
    // correction.
    for right in [Right::Objection, Right::Withdrawal] {
        let mut i = base();
        i.kind = LetterKind::Request {
            right,
            deadline: d(2026, 4, 7),
        };
        i.purposes.clear();
        assert_eq!(code(&i), Error::NoPurposes(right));
    }
    let mut i = base();
    i.kind = LetterKind::Request {
        right: Right::Rectification,
        deadline: d(2026, 4, 7),
    };
    i.details = Some(" \n\t\n".into());
    assert_eq!(code(&i), Error::NoCorrection);
    // A reminder before the deadline passed; a complaint whose reminder
    // came before the request.
    let mut i = base();
    i.kind = LetterKind::Reminder {
        right: Right::Access,
        sent_on: d(2026, 2, 20),
        due: d(2026, 3, 20),
        extended: false,
    };
    assert_eq!(
        code(&i),
        Error::NotOverdue {
            due: d(2026, 3, 20)
        }
    );
    let mut i = base();
    i.kind = LetterKind::Complaint {
        right: Right::Access,
        sent_on: d(2026, 1, 5),
        due: d(2026, 2, 5),
        extended: false,
        reminded_on: Some(d(2026, 1, 1)),
    };
    assert_eq!(code(&i).code(), ErrorCode::InvalidDates);
}

#[test]
fn the_persons_own_words_keep_their_lines_and_lose_stray_whitespace() {
    let mut i = input(
        LetterKind::Request {
            right: Right::Rectification,
            deadline: d(2026, 4, 7),
        },
        Language::Nl,
    );
    i.details = Some("\r\n  Naam: fout\t \r\nMoet zijn: goed  \r\n\r\n".into());
    let body = write(&i).unwrap().body().to_owned();
    assert!(body.contains("\n  Naam: fout\nMoet zijn: goed\n"), "{body}");
}

#[test]
fn an_organisation_name_ending_in_a_full_stop_does_not_double_it() {
    let l = write(&input(kinds().pop().unwrap().1, Language::Nl)).unwrap();
    assert!(!l.body().contains("B.V.."));
    assert!(l.body().contains("over Boekhandel De Vries B.V. Het adres"));
}

fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[\\PC]{0,300}",
        Just(String::new()),
        Just("\u{202E}".to_owned()),
        Just("{org}".to_owned()),
        Just("株式会社".to_owned()),
        ".{0,10}\n.{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn odd_inputs_give_a_letter_or_a_typed_error_never_a_panic(
        name in proptest::option::of(odd_text()),
        address in proptest::collection::vec(odd_text(), 0..9),
        phone in proptest::option::of(odd_text()),
        details in proptest::option::of(odd_text()),
        label in odd_text(),
        value in odd_text(),
        kind in 0..9usize,
        lang in 0..2usize,
        offset in -4000i64..4000,
    ) {
        let kind = kinds()[kind].1;
        let mut i = input(kind, Language::ALL[lang]);
        i.person.name = name;
        i.person.postal_address = address;
        i.person.phone = phone;
        i.person.other = vec![Detail { label, value }];
        i.details = details;
        i.date = today() + chrono::Duration::days(offset);
        if let Ok(letter) = write(&i) {
            let text = letter.to_text();
            // Outside text never becomes a placeholder.
            let placeholder = "{deadline}";
            prop_assert!(!text.contains(placeholder));
            let _ = letter.to_mailto();
            let _ = letter.to_eml(
                &EmailAddress::parse("a@b.nl").unwrap(),
                FixedOffset::east_opt(0).unwrap().with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            );
            match letter.to_pdf() {
                Ok(pdf) => prop_assert!(pdf.starts_with(b"%PDF-")),
                Err(e) => prop_assert!(matches!(e.code(), ErrorCode::Unprintable | ErrorCode::AddressTooLong)),
            }
        }
    }
}
