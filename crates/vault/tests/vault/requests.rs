//! GDPR requests in the vault: letters filled from what it holds (kept as
//! snapshots), the deadline watched against a given day, the answer and
//! its file, organisations from the directory, and refusals that leave
//! the vault byte-identical.

use chrono::NaiveDate;
use regie_model::{EventKind, Language, LegalBasis, OrgId};
use regie_vault::rights::{ErrorCode as RightsCode, Outcome, Right, Status, Via};
use regie_vault::{
    AnswerDeclaration, ContactCorrection, Error, ErrorCode, LetterChoice, NewHolding, Organisation,
    RequestDetails, RequestId, Vault, MAX_ANSWER_FILE_BYTES,
};

use crate::{new_vault, open, sha};

const SNAPSHOTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vault/snapshots");

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn shop() -> OrgId {
    OrgId::parse("kvk:99999906").unwrap()
}

/// A bookshop with one holding on each legal basis, the person's choices
/// on two of them (consent withdrawn, an objection), and a privacy contact
/// whose stored form repeats its name first, as the example set does.
fn add_shop(v: &mut Vault) {
    let mut org = Organisation::new(shop(), "Boekhandel De Vries B.V.");
    org.privacy_email = Some("privacy@boekhandel-devries.example".into());
    org.privacy_postal =
        Some("Boekhandel De Vries B.V., Kerkstraat 12, 1234 AB  Ergenshuizen".into());
    v.add_organisation(&org).unwrap();
    for (category, purpose, basis) in [
        (
            "pd:EmailAddress",
            "dpv:DirectMarketing",
            LegalBasis::Consent,
        ),
        (
            "pd:PhysicalAddress",
            "dpv:DeliveryOfGoods",
            LegalBasis::Contract,
        ),
        (
            "pd:Purchase",
            "dpv:LegalCompliance",
            LegalBasis::LegalObligation,
        ),
        ("pd:Health", "dpv:CustomerCare", LegalBasis::VitalInterest),
        (
            "pd:Name",
            "dpv:ProvideOfficialStatistics",
            LegalBasis::PublicInterest,
        ),
        (
            "pd:Purchase",
            "dpv:ProvideProductRecommendations",
            LegalBasis::LegitimateInterest,
        ),
    ] {
        v.add_holding(
            &shop(),
            &NewHolding {
                category: category.into(),
                purpose: purpose.into(),
                basis,
                retention: None,
                grain: None,
                locked_reason: None,
                note: None,
            },
        )
        .unwrap();
    }
    v.decide(
        &shop(),
        "dpv:DirectMarketing",
        None,
        regie_model::DecisionAction::WithdrawConsent,
    )
    .unwrap();
    v.decide(
        &shop(),
        "dpv:ProvideProductRecommendations",
        None,
        regie_model::DecisionAction::Object,
    )
    .unwrap();
}

/// The details this person chose for the letters: name, e-mail address and
/// customer number; nothing else.
fn chosen() -> RequestDetails {
    RequestDetails {
        name: Some("Sam de Vries".into()),
        email: Some("sam@example.nl".into()),
        customer_number: Some("K-1001".into()),
        ..RequestDetails::default()
    }
}

fn details_for(right: Right) -> RequestDetails {
    let mut d = chosen();
    if right == Right::Rectification {
        d.note = Some("Mijn adres is Dorpsstraat 1, niet Dorpsstraat 11.".into());
    }
    d
}

#[test]
fn every_right_in_both_languages_matches_its_snapshot_and_names_the_holdings() {
    // Set REGIE_UPDATE_SNAPSHOTS=1 to write them anew, then review the
    // difference like any other change.
    let update = std::env::var_os("REGIE_UPDATE_SNAPSHOTS").is_some();
    let (_d, _p, mut v) = new_vault();
    add_shop(&mut v);
    let today = d(2026, 3, 6);
    let mut stale = Vec::new();
    for right in Right::ALL {
        let id = v
            .new_request(&shop(), right, &details_for(right), today)
            .unwrap_or_else(|e| panic!("{right}: {e}"));
        for lang in Language::ALL {
            let letter = v
                .letter(id, LetterChoice::Letter, lang, today, None)
                .unwrap_or_else(|e| panic!("{right}: {e}"));
            let text = letter.to_text();
            let path = format!("{SNAPSHOTS}/{right}.{}.txt", lang.as_str());
            if update {
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path);
            }
            // The organisation as the vault has it, without its name twice.
            assert!(
                text.contains("Boekhandel De Vries B.V.\nKerkstraat 12\n"),
                "{text}"
            );
            // What the vault believes it holds: every kind of data, and
            // every legal basis by its article.
            for category in [
                "pd:EmailAddress",
                "pd:PhysicalAddress",
                "pd:Purchase",
                "pd:Health",
                "pd:Name",
            ] {
                let label = regie_model::catalogue::lookup(category)
                    .unwrap()
                    .label
                    .get(lang);
                assert!(text.contains(label), "{right} {lang:?}: {label}");
            }
            for point in ["a", "b", "c", "d", "e", "f"] {
                let article = match lang {
                    Language::Nl => format!("artikel 6 lid 1 onder {point} AVG"),
                    Language::En => format!("Article 6(1)({point}) GDPR"),
                };
                assert!(text.contains(&article), "{right} {lang:?}: {article}");
            }
            // The chosen details, and the deadline a month on (6 April is
            // Easter Monday).
            for want in ["Sam de Vries", "sam@example.nl", "K-1001"] {
                assert!(text.contains(want), "{right}: {want}");
            }
            let deadline = match lang {
                Language::Nl => "7 april 2026",
                Language::En => "7 April 2026",
            };
            assert!(letter.body().contains(deadline), "{right} {lang:?}");
        }
    }
    assert!(
        stale.is_empty(),
        "letters differ from their snapshots (REGIE_UPDATE_SNAPSHOTS=1 rewrites them): {stale:#?}"
    );
}

#[test]
fn objection_and_withdrawal_name_the_purposes_the_person_decided_on() {
    let (_d, _p, mut v) = new_vault();
    add_shop(&mut v);
    let today = d(2026, 3, 6);
    let objection = v
        .new_request(&shop(), Right::Objection, &chosen(), today)
        .unwrap();
    let withdrawal = v
        .new_request(&shop(), Right::Withdrawal, &chosen(), today)
        .unwrap();
    let o = v.request(objection, today).unwrap();
    let w = v.request(withdrawal, today).unwrap();
    assert_eq!(o.details.purposes, ["dpv:ProvideProductRecommendations"]);
    assert_eq!(w.details.purposes, ["dpv:DirectMarketing"]);
    // Named purposes win over the choices in the vault.
    let mut named = chosen();
    named.purposes = vec!["dpv:DirectMarketing".into()];
    let dm = v
        .new_request(&shop(), Right::Objection, &named, today)
        .unwrap();
    let text = v
        .letter(dm, LetterChoice::Letter, Language::En, today, None)
        .unwrap()
        .to_text();
    assert!(text.contains("21(2)") || text.contains("21(3)"), "{text}");
}

#[test]
fn a_letter_holds_only_what_was_chosen_for_its_own_request() {
    let (_d, _p, mut v) = new_vault();
    add_shop(&mut v);
    let today = d(2026, 3, 6);
    // An earlier request disclosed more: phone, birth date, address.
    let more = RequestDetails {
        phone: Some("06 12345678".into()),
        date_of_birth: Some(d(1980, 7, 14)),
        postal_address: vec!["Dorpsstraat 1".into(), "4321 ZX  Ergens".into()],
        other: vec![regie_vault::OtherDetail {
            label: "Pasnummer".into(),
            value: "P-77".into(),
        }],
        ..chosen()
    };
    v.new_request(&shop(), Right::Access, &more, today).unwrap();
    let only_name = RequestDetails {
        name: Some("Sam de Vries".into()),
        ..RequestDetails::default()
    };
    let id = v
        .new_request(&shop(), Right::Erasure, &only_name, today)
        .unwrap();
    for lang in Language::ALL {
        let letter = v
            .letter(id, LetterChoice::Letter, lang, today, None)
            .unwrap();
        let text = letter.to_text();
        assert!(text.contains("Sam de Vries"));
        for secret in [
            "06 12345678",
            "1980",
            "Dorpsstraat",
            "P-77",
            "Pasnummer",
            "sam@example.nl",
            "K-1001",
        ] {
            assert!(!text.contains(secret), "{secret} in:\n{text}");
        }
        let pdf = letter.to_pdf().unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

#[test]
fn sent_then_due_then_overdue_a_month_and_a_day_later_with_reminder_and_complaint() {
    let (_d, _p, mut v) = new_vault();
    add_shop(&mut v);
    let monday = d(2026, 3, 2);
    let id = v
        .new_request(&shop(), Right::Access, &chosen(), monday)
        .unwrap();
    let draft = v.request(id, monday).unwrap();
    assert_eq!(draft.status, Status::Draft);
    assert_eq!(draft.letters, [LetterChoice::Letter]);
    let sent = v.mark_sent(id, monday, Via::Email, None, monday).unwrap();
    let due = d(2026, 4, 2);
    assert_eq!(sent.due, Some(due));
    assert_eq!(sent.status, Status::Sent { due });
    assert!(!sent.overdue);
    // Too early for a reminder: refused with regie-rights' reason.
    let err = v
        .letter(
            id,
            LetterChoice::Reminder,
            Language::Nl,
            d(2026, 3, 20),
            None,
        )
        .unwrap_err();
    match &err {
        Error::Rights(e) => assert_eq!(e.code(), RightsCode::NotOverdue),
        other => panic!("{other:?}"),
    }
    assert!(err.message(Language::Nl).contains("2026-04-02"), "{err}");
    assert_eq!(v.request(id, due).unwrap().status, Status::Due { due });
    // A month and a day later.
    let later = d(2026, 4, 3);
    let overdue = v.request(id, later).unwrap();
    assert!(overdue.overdue);
    assert_eq!(overdue.status, Status::Overdue { due, days_late: 1 });
    assert_eq!(
        overdue.letters,
        [
            LetterChoice::Letter,
            LetterChoice::Reminder,
            LetterChoice::Complaint
        ]
    );
    assert_eq!(v.requests(later).unwrap()[0], overdue);
    assert_eq!(v.requests_for(&shop(), later).unwrap(), [overdue]);
    for lang in Language::ALL {
        let reminder = v
            .letter(id, LetterChoice::Reminder, lang, later, None)
            .unwrap();
        let complaint = v
            .letter(id, LetterChoice::Complaint, lang, later, None)
            .unwrap();
        assert!(reminder.recipient()[0].contains("Boekhandel De Vries"));
        assert!(complaint.recipient()[0].contains("Autoriteit Persoonsgegevens"));
        assert!(complaint.body().contains("Boekhandel De Vries B.V."));
    }
    // The original letter keeps its date and deadline.
    let letter = v
        .letter(id, LetterChoice::Letter, Language::En, later, None)
        .unwrap();
    assert!(letter.body().contains("2 April 2026"), "{}", letter.body());
    assert_eq!(letter.date(), monday);
    // The history tells it in words.
    let history = v.history(Some(&shop())).unwrap();
    let sent_event = history
        .iter()
        .find(|e| e.kind == EventKind::RequestSent)
        .unwrap();
    assert_eq!(
        sent_event.describe(Language::En),
        "Access (request 1): sent by e-mail on 2026-03-02; deadline 2026-04-02"
    );
    assert!(sent_event
        .describe(Language::Nl)
        .starts_with("Inzage (verzoek 1): per e-mail verstuurd op 2026-03-02"));
}

#[test]
fn post_counts_from_two_working_days_after_posting_and_an_extension_adds_two_months() {
    let (_d, _p, mut v) = new_vault();
    add_shop(&mut v);
    let thursday = d(2026, 1, 29);
    let id = v
        .new_request(&shop(), Right::Erasure, &chosen(), thursday)
        .unwrap();
    // A draft printed for the post states the deadline from its arrival
    // on Monday 2 February.
    let letter = v
        .letter(
            id,
            LetterChoice::Letter,
            Language::En,
            thursday,
            Some(Via::Post),
        )
        .unwrap();
    assert!(letter.body().contains("2 March 2026"), "{}", letter.body());
    let view = v
        .mark_sent(id, thursday, Via::Post, None, thursday)
        .unwrap();
    assert_eq!(view.received, Some(d(2026, 2, 2)));
    assert_eq!(view.due, Some(d(2026, 3, 2)));
    let view = v.mark_extended(id, d(2026, 2, 20), d(2026, 2, 20)).unwrap();
    assert_eq!(view.due, Some(d(2026, 5, 4)));
    assert_eq!(
        v.request(id, d(2026, 3, 10)).unwrap().status,
        Status::Extended { due: d(2026, 5, 4) }
    );
    let err = v
        .mark_extended(id, d(2026, 2, 21), d(2026, 2, 21))
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rights(e) if e.code() == RightsCode::ExtendedTwice),
        "{err:?}"
    );
}

/// Runs `f` on a reopened vault and checks it fails with `code`, says so
/// in both languages, and leaves the vault's file byte-identical.
fn refused(path: &std::path::Path, code: ErrorCode, f: impl FnOnce(&mut Vault) -> Error) -> Error {
    let before = sha(path);
    let mut v = open(path).unwrap();
    let events = v.history(None).unwrap().len();
    let err = f(&mut v);
    assert_eq!(err.code(), code, "{err:?}");
    let (nl, en) = (err.message(Language::Nl), err.message(Language::En));
    assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{nl} / {en}");
    assert_eq!(v.history(None).unwrap().len(), events);
    drop(v);
    assert_eq!(sha(path), before, "the vault changed: {err}");
    err
}

#[test]
fn bad_input_is_refused_in_both_languages_and_changes_nothing() {
    let (_d, path, mut v) = new_vault();
    add_shop(&mut v);
    let today = d(2026, 3, 10);
    let id = v
        .new_request(&shop(), Right::Access, &chosen(), today)
        .unwrap();
    drop(v);

    // An unknown organisation.
    let err = refused(&path, ErrorCode::UnknownOrganisation, |v| {
        v.new_request(
            &OrgId::parse("kvk:12345678").unwrap(),
            Right::Access,
            &chosen(),
            today,
        )
        .unwrap_err()
    });
    assert!(err.message(Language::Nl).contains("kvk:12345678"));
    // An unknown request.
    refused(&path, ErrorCode::InvalidInput, |v| {
        v.mark_sent(RequestId(99), today, Via::Email, None, today)
            .unwrap_err()
    });
    // An answer before the request was sent (a draft).
    let err = refused(&path, ErrorCode::InvalidInput, |v| {
        v.mark_answered(id, today, Outcome::Full, None, today)
            .unwrap_err()
    });
    assert!(matches!(&err, Error::Rights(e) if e.code() == RightsCode::NotSent));
    // "Sent" in the future.
    let err = refused(&path, ErrorCode::InvalidInput, |v| {
        v.mark_sent(id, d(2026, 3, 11), Via::Email, None, today)
            .unwrap_err()
    });
    assert!(matches!(&err, Error::Rights(e) if e.code() == RightsCode::DateInFuture));
    assert!(err.message(Language::En).contains("2026-03-11"), "{err}");
    assert!(err.message(Language::Nl).contains("toekomst"), "{err}");
    // A detail that cannot go into a letter.
    refused(&path, ErrorCode::InvalidInput, |v| {
        let mut bad = chosen();
        bad.name = Some("Sam\u{202E}seirV".into());
        v.new_request(&shop(), Right::Access, &bad, today)
            .unwrap_err()
    });
    // Rectification without what to correct.
    refused(&path, ErrorCode::InvalidInput, |v| {
        v.new_request(&shop(), Right::Rectification, &chosen(), today)
            .unwrap_err()
    });

    let mut v = open(&path).unwrap();
    v.mark_sent(id, d(2026, 3, 9), Via::Email, None, today)
        .unwrap();
    drop(v);
    // An answer dated before the request was sent.
    let err = refused(&path, ErrorCode::InvalidInput, |v| {
        v.mark_answered(id, d(2026, 3, 8), Outcome::Full, None, today)
            .unwrap_err()
    });
    assert!(matches!(&err, Error::Rights(e) if e.code() == RightsCode::DateBeforeSending));
    // A file over the limit.
    let big = vec![b'x'; MAX_ANSWER_FILE_BYTES as usize + 1];
    let err = refused(&path, ErrorCode::InvalidInput, |v| {
        v.mark_answered(id, today, Outcome::Full, Some(("answer.pdf", &big)), today)
            .unwrap_err()
    });
    assert!(matches!(err, Error::AnswerFileTooLarge { .. }));
    assert!(err.message(Language::Nl).contains("10.0 MB"), "{err}");
    // A declaration of another organisation as the answer.
    let other = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../docs/spec/examples/declaration-voorbeeldbank.json"),
    )
    .unwrap();
    refused(&path, ErrorCode::InvalidDeclaration, |v| {
        v.mark_answered(id, today, Outcome::Full, Some(("decl.json", &other)), today)
            .unwrap_err()
    });
}

#[test]
fn the_answers_file_is_kept_encrypted_and_read_back_whole() {
    let (_d, path, mut v) = new_vault();
    add_shop(&mut v);
    let today = d(2026, 3, 20);
    let id = v
        .new_request(&shop(), Right::Access, &chosen(), d(2026, 3, 2))
        .unwrap();
    v.mark_sent(id, d(2026, 3, 2), Via::Email, None, today)
        .unwrap();
    // At the limit exactly, with a marker to look for in the file.
    let mut file = vec![0u8; MAX_ANSWER_FILE_BYTES as usize];
    let marker = b"UNENCRYPTED-ANSWER-MARKER-1234567890";
    file[1000..1000 + marker.len()].copy_from_slice(marker);
    let report = v
        .mark_answered(
            id,
            d(2026, 3, 19),
            Outcome::Partial,
            Some(("../mail/Answer.pdf", &file)),
            today,
        )
        .unwrap();
    assert!(report.declaration.is_none());
    assert_eq!(
        report.request.status,
        Status::Answered {
            on: d(2026, 3, 19),
            outcome: Outcome::Partial,
            late: false
        }
    );
    assert_eq!(report.request.letters, [LetterChoice::Letter]);
    let info = report.request.answer_file.clone().unwrap();
    assert_eq!(
        (info.name.as_str(), info.size),
        ("Answer.pdf", MAX_ANSWER_FILE_BYTES)
    );
    drop(v);
    // Nothing of it is readable in the vault's file (or its log).
    for p in [path.clone(), path.with_extension("regie-wal")] {
        if let Ok(bytes) = std::fs::read(&p) {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker),
                "{}",
                p.display()
            );
        }
    }
    let v = open(&path).unwrap();
    let kept = v.answer_file(id).unwrap().unwrap();
    assert_eq!(kept.bytes, file);
    assert_eq!(kept.info, info);
    let event = v
        .history(None)
        .unwrap()
        .into_iter()
        .find(|e| e.kind == EventKind::RequestAnswered)
        .unwrap();
    assert_eq!(
        event.describe(Language::En),
        "Access (request 1): answered partly on 2026-03-19; file Answer.pdf kept"
    );
    // A step after the answer is refused.
    drop(v);
    refused(&path, ErrorCode::InvalidInput, |v| {
        v.mark_extended(id, today, today).unwrap_err()
    });
}

#[test]
fn a_declaration_as_the_answer_is_imported_as_usual_and_said_so() {
    let (_d, _p, mut v) = new_vault();
    let org = OrgId::parse("voorbeeldbank").unwrap();
    v.add_organisation(&Organisation::new(org.clone(), "Voorbeeldbank"))
        .unwrap();
    let today = d(2026, 3, 20);
    let id = v
        .new_request(&org, Right::Access, &chosen(), d(2026, 3, 2))
        .unwrap();
    v.mark_sent(id, d(2026, 3, 2), Via::Webform, None, today)
        .unwrap();
    let decl = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../docs/spec/examples/declaration-voorbeeldbank.json"),
    )
    .unwrap();
    let report = v
        .mark_answered(id, today, Outcome::Full, Some(("decl.json", &decl)), today)
        .unwrap();
    let Some(AnswerDeclaration::Imported(imported)) = &report.declaration else {
        panic!("{:?}", report.declaration);
    };
    assert!(!imported.added.is_empty());
    assert_eq!(
        v.organisation(&org).unwrap().holdings.len(),
        imported.added.len()
    );
    let kinds: Vec<EventKind> = v
        .history(Some(&org))
        .unwrap()
        .iter()
        .map(|e| e.kind)
        .collect();
    assert!(kinds.contains(&EventKind::DeclarationImported));
    assert_eq!(kinds.last(), Some(&EventKind::RequestAnswered));
    let last = v.history(Some(&org)).unwrap().pop().unwrap();
    assert!(
        last.describe(Language::Nl)
            .contains("de verklaring erin is ingelezen"),
        "{}",
        last.describe(Language::Nl)
    );
    assert_eq!(v.answer_file(id).unwrap().unwrap().bytes, decl);

    // The same declaration again, as the answer to another request: kept,
    // not imported again.
    let again = v
        .new_request(&org, Right::Portability, &chosen(), today)
        .unwrap();
    v.mark_sent(again, today, Via::Email, None, today).unwrap();
    let report = v
        .mark_answered(
            again,
            today,
            Outcome::Full,
            Some(("decl.json", &decl)),
            today,
        )
        .unwrap();
    assert!(matches!(
        report.declaration,
        Some(AnswerDeclaration::NotNewer { .. })
    ));
}

#[test]
fn an_organisation_from_the_directory_keeps_the_persons_correction() {
    let (_d, _p, mut v) = new_vault();
    let org = v
        .add_from_directory(
            "abn-amro",
            None,
            &ContactCorrection {
                email: Some("privacy@example.nl".into()),
                postal_address: None,
            },
        )
        .unwrap();
    assert_eq!(org.id.as_str(), "abn-amro");
    assert_eq!(org.name, "ABN AMRO Bank N.V.");
    let contact = v.privacy_contact(&org.id).unwrap();
    assert_eq!(contact.email.as_deref(), Some("privacy@example.nl"));
    assert_eq!(contact.postal_address[0], "Gustav Mahlerlaan 10");
    let origin = contact.directory.unwrap();
    assert!(origin.verified && origin.note.is_none());
    assert!(origin.email_corrected && !origin.postal_corrected);
    // The letter goes to the corrected address.
    let today = d(2026, 3, 2);
    let id = v
        .new_request(&org.id, Right::Access, &chosen(), today)
        .unwrap();
    let letter = v
        .letter(id, LetterChoice::Letter, Language::En, today, None)
        .unwrap();
    assert_eq!(letter.email_to().unwrap().as_str(), "privacy@example.nl");
    assert!(letter.recipient().contains(&"1082 PP Amsterdam".to_owned()));
    // A later correction wins too, and is in the history.
    v.correct_privacy_contact(
        &org.id,
        &ContactCorrection {
            email: None,
            postal_address: Some(vec!["Postbus 283".into(), "1000 EA Amsterdam".into()]),
        },
    )
    .unwrap();
    let letter = v
        .letter(id, LetterChoice::Letter, Language::En, today, None)
        .unwrap();
    assert_eq!(
        letter.recipient()[1..],
        ["Postbus 283", "1000 EA Amsterdam"]
    );
    assert!(
        v.privacy_contact(&org.id)
            .unwrap()
            .directory
            .unwrap()
            .postal_corrected
    );
    assert_eq!(
        v.history(Some(&org.id)).unwrap().last().unwrap().kind,
        EventKind::OrganisationUpdated
    );
}

#[test]
fn an_unchecked_directory_record_says_so() {
    let dir = regie_vault::rights::directory().unwrap();
    let scraped = dir
        .entries()
        .iter()
        .find(|e| !e.quality.verified() && OrgId::parse(&e.slug).is_ok())
        .unwrap();
    let (_d, _p, mut v) = new_vault();
    let org = v
        .add_from_directory(&scraped.slug, None, &ContactCorrection::default())
        .unwrap();
    let origin = v.privacy_contact(&org.id).unwrap().directory.unwrap();
    assert!(!origin.verified);
    let note = origin.note.unwrap();
    assert!(!note.nl.is_empty() && !note.en.is_empty() && note.nl != note.en);
    // An unknown record is refused.
    let err = v
        .add_from_directory(
            "no-such-organisation-here",
            None,
            &ContactCorrection::default(),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.message(Language::Nl).contains("lijst van organisaties"));
}

#[test]
fn a_vault_of_schema_3_gets_the_request_tables_when_opened() {
    let (_d, path, mut v) = new_vault();
    add_shop(&mut v);
    v.tamper_for_tests(
        "DROP TABLE request_file; DROP TABLE request; DROP TABLE org_directory;
         PRAGMA user_version = 3;",
    )
    .unwrap();
    drop(v);
    let mut v = open(&path).unwrap();
    let today = d(2026, 3, 2);
    assert!(v.requests(today).unwrap().is_empty());
    let id = v
        .new_request(&shop(), Right::Access, &chosen(), today)
        .unwrap();
    assert_eq!(v.request(id, today).unwrap().status, Status::Draft);
    v.verify_history().unwrap();
}
