//! What the tests share: dates, an organisation, a person, and inputs for
//! every letter.

use chrono::NaiveDate;
use regie_model::{DataCategory, EmailAddress, Language, LegalBasis, OrgName, Purpose};
use regie_rights::{Detail, Holding, Identity, LetterInput, LetterKind, Organisation, Right};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn org() -> Organisation {
    Organisation {
        name: OrgName::parse("Boekhandel De Vries B.V.").unwrap(),
        postal_address: vec!["Kerkstraat 12".into(), "1234 AB  Ergenshuizen".into()],
        email: EmailAddress::parse("privacy@boekhandel-devries.example"),
    }
}

/// One holding on each legal basis.
pub fn holdings() -> Vec<Holding> {
    let h = |c: &str, p: &str, basis| Holding {
        category: DataCategory::parse(c).unwrap(),
        purpose: Purpose::parse(p).unwrap(),
        basis,
    };
    vec![
        h(
            "pd:EmailAddress",
            "dpv:DirectMarketing",
            LegalBasis::Consent,
        ),
        h(
            "pd:PhysicalAddress",
            "dpv:DeliveryOfGoods",
            LegalBasis::Contract,
        ),
        h(
            "pd:Transaction",
            "dpv:LegalCompliance",
            LegalBasis::LegalObligation,
        ),
        h("pd:Health", "dpv:CustomerCare", LegalBasis::VitalInterest),
        h(
            "pd:Name",
            "dpv:ProvideOfficialStatistics",
            LegalBasis::PublicInterest,
        ),
        h(
            "pd:Purchase",
            "dpv:ProvideProductRecommendations",
            LegalBasis::LegitimateInterest,
        ),
    ]
}

pub fn person() -> Identity {
    Identity {
        name: Some("Sam de Vries".into()),
        postal_address: vec!["Dorpsstraat 1".into(), "4321 ZX  Ergens".into()],
        email: EmailAddress::parse("sam@example.nl"),
        phone: Some("06 12345678".into()),
        customer_number: Some("K-1001".into()),
        date_of_birth: Some(d(1980, 7, 14)),
        other: vec![Detail {
            label: "Pasnummer".into(),
            value: "P-77".into(),
        }],
    }
}

/// The letter's date in the inputs below.
pub fn today() -> NaiveDate {
    d(2026, 3, 6)
}

/// Every letter: the seven requests, a reminder and a complaint.
pub fn kinds() -> Vec<(String, LetterKind)> {
    let mut out: Vec<(String, LetterKind)> = Right::ALL
        .into_iter()
        .map(|right| {
            (
                right.as_str().to_owned(),
                LetterKind::Request {
                    right,
                    deadline: d(2026, 4, 7),
                },
            )
        })
        .collect();
    out.push((
        "reminder".into(),
        LetterKind::Reminder {
            right: Right::Access,
            sent_on: d(2026, 1, 5),
            due: d(2026, 2, 5),
            extended: false,
        },
    ));
    out.push((
        "complaint".into(),
        LetterKind::Complaint {
            right: Right::Erasure,
            sent_on: d(2025, 11, 3),
            due: d(2026, 2, 3),
            extended: true,
            reminded_on: Some(d(2026, 2, 16)),
        },
    ));
    out
}

/// A complete input for a letter.
pub fn input(kind: LetterKind, lang: Language) -> LetterInput {
    LetterInput {
        kind,
        lang,
        date: today(),
        organisation: org(),
        person: person(),
        holdings: holdings(),
        purposes: vec![
            Purpose::parse("dpv:DirectMarketing").unwrap(),
            Purpose::parse("dpv:ProvideProductRecommendations").unwrap(),
        ],
        details: Some("Mijn achternaam is De Vries, niet Devries.".into()),
    }
}

/// Whitespace folded to single spaces, to compare text across line breaks.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
