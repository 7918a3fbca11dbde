//! E-mail: the .eml read back by an independent parser, and mailto: links.

use chrono::{FixedOffset, TimeZone};
use regie_model::{EmailAddress, Language, OrgName};
use regie_rights::email::MAILTO_MAX;
use regie_rights::{write, Error, ErrorCode, LetterKind, Right};

use crate::common::*;

fn at() -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 3, 6, 14, 30, 0)
        .unwrap()
}

fn access(lang: Language) -> regie_rights::LetterInput {
    input(
        LetterKind::Request {
            right: Right::Access,
            deadline: d(2026, 4, 7),
        },
        lang,
    )
}

/// Percent-decoding, for reading a link back.
fn unpercent(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn an_eml_reads_back_as_the_letter_in_any_mail_reader() {
    let mut i = access(Language::Nl);
    i.organisation.name = OrgName::parse("Bank \"De Spaarpot\" & Zoon").unwrap();
    i.person.name = Some("Zoë Çelik-Ångström".into());
    i.details =
        Some("Één regel met ë, €, „aanhalingstekens” en = tekens.\nFrom here on.\n.punt".into());
    let letter = write(&i).unwrap();
    let eml = letter
        .to_eml(&EmailAddress::parse("zoe@example.nl").unwrap(), at())
        .unwrap();
    // Seven-bit clean, CRLF only, and no line longer than RFC 5322 allows.
    assert!(eml.is_ascii());
    let text = String::from_utf8(eml.clone()).unwrap();
    assert!(!text.replace("\r\n", "").contains('\n'));
    for line in text.split("\r\n") {
        assert!(line.len() <= 78, "{line}");
    }
    assert!(text.contains("\r\nX-Unsent: 1\r\n"));
    let m = mail_parser::MessageParser::default().parse(&eml).unwrap();
    assert_eq!(m.subject(), Some(letter.subject()));
    let to = m.to().unwrap().first().unwrap();
    assert_eq!(to.address(), Some("privacy@boekhandel-devries.example"));
    assert_eq!(to.name(), Some("Bank \"De Spaarpot\" & Zoon"));
    let from = m.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("zoe@example.nl"));
    assert_eq!(from.name(), Some("Zoë Çelik-Ångström"));
    assert_eq!(m.date().unwrap().to_rfc3339(), "2026-03-06T14:30:00+01:00");
    let body = m.body_text(0).unwrap().replace("\r\n", "\n");
    assert_eq!(body, letter.message_text());
}

#[test]
fn a_subject_with_accents_is_encoded_and_reads_back() {
    let mut i = input(kinds().pop().unwrap().1, Language::Nl);
    i.kind = LetterKind::Reminder {
        right: Right::Objection,
        sent_on: d(2026, 1, 5),
        due: d(2026, 2, 5),
        extended: true,
    };
    i.organisation.name = OrgName::parse("Société Générale Ørsted — Ελληνικά").unwrap();
    let letter = write(&i).unwrap();
    let eml = letter
        .to_eml(&EmailAddress::parse("a@example.nl").unwrap(), at())
        .unwrap();
    let m = mail_parser::MessageParser::default().parse(&eml).unwrap();
    assert_eq!(
        m.to().unwrap().first().unwrap().name(),
        Some("Société Générale Ørsted — Ελληνικά")
    );
    assert_eq!(m.subject(), Some(letter.subject()));
}

#[test]
fn quoted_printable_keeps_trailing_spaces_and_escapes_from() {
    let mut i = access(Language::En);
    i.details = Some("From the start.\n.dot".into());
    let letter = write(&i).unwrap();
    let eml = String::from_utf8(
        letter
            .to_eml(&EmailAddress::parse("a@example.nl").unwrap(), at())
            .unwrap(),
    )
    .unwrap();
    assert!(eml.contains("\r\n=46rom the start.\r\n"), "{eml}");
    assert!(eml.contains("\r\n=2Edot\r\n"));
}

#[test]
fn no_email_without_an_address_and_never_for_a_complaint() {
    let mut i = access(Language::Nl);
    i.organisation.email = None;
    let l = write(&i).unwrap();
    let from = EmailAddress::parse("a@example.nl").unwrap();
    assert_eq!(
        l.to_eml(&from, at()),
        Err(Error::NoEmailAddress {
            recipient: "Boekhandel De Vries B.V.".into()
        })
    );
    assert_eq!(l.to_mailto().unwrap_err().code(), ErrorCode::NoEmailAddress);
    let complaint = write(&input(kinds().pop().unwrap().1, Language::En)).unwrap();
    let e = complaint.to_eml(&from, at()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ComplaintNotByEmail);
    assert!(e
        .message(Language::En)
        .contains("autoriteitpersoonsgegevens.nl"));
}

#[test]
fn an_address_a_header_cannot_carry_is_refused() {
    // regie-model accepts these as addresses; a message header cannot
    // carry them unquoted.
    for bad in [
        "a,b@example.nl",
        "a<b@example.nl",
        "a\"b@example.nl",
        "a..b@example.nl",
        "a@exa_mple.nl",
    ] {
        let addr = EmailAddress::parse(bad).unwrap_or_else(|| panic!("{bad}"));
        let mut i = access(Language::Nl);
        i.organisation.email = Some(addr.clone());
        let l = write(&i).unwrap();
        assert_eq!(
            l.to_eml(&EmailAddress::parse("a@example.nl").unwrap(), at())
                .unwrap_err()
                .code(),
            ErrorCode::AddressNotUsable,
            "{bad}"
        );
        assert_eq!(
            l.to_mailto().unwrap_err().code(),
            ErrorCode::AddressNotUsable
        );
        // And as the sender.
        let ok = write(&access(Language::Nl)).unwrap();
        assert_eq!(
            ok.to_eml(&addr, at()).unwrap_err().code(),
            ErrorCode::AddressNotUsable
        );
    }
    // An internationalised domain is fine (RFC 6532).
    let mut i = access(Language::Nl);
    i.organisation.email = EmailAddress::parse("datenschutz@günstiger-reisen.de");
    assert!(write(&i).unwrap().to_mailto().is_ok());
}

#[test]
fn a_short_letter_fits_a_mailto_link_whole() {
    let mut i = input(
        LetterKind::Request {
            right: Right::Withdrawal,
            deadline: d(2026, 4, 7),
        },
        Language::En,
    );
    i.person = Default::default();
    i.holdings.clear();
    i.details = None;
    i.purposes.truncate(1);
    let l = write(&i).unwrap();
    let m = l.to_mailto().unwrap();
    assert!(m.complete, "{} characters", m.url.len());
    assert!(m.url.len() <= MAILTO_MAX);
    let (head, query) = m.url.split_once('?').unwrap();
    assert_eq!(head, "mailto:privacy@boekhandel-devries.example");
    let (subject, body) = query.split_once("&body=").unwrap();
    assert_eq!(
        unpercent(subject.strip_prefix("subject=").unwrap()),
        l.subject()
    );
    assert_eq!(unpercent(body), l.message_text().replace('\n', "\r\n"));
}

#[test]
fn a_long_letter_gets_a_short_link_that_says_so() {
    for lang in Language::ALL {
        let l = write(&access(lang)).unwrap();
        let m = l.to_mailto().unwrap();
        assert!(!m.complete);
        assert!(m.url.len() <= MAILTO_MAX);
        let decoded = unpercent(&m.url);
        assert!(decoded.contains(l.subject()));
        assert!(decoded.contains("Regie"), "{decoded}");
        assert!(!decoded.contains("Sam de Vries"));
    }
}
