//! Directory search per keystroke and PDF letters, against their goals
//! (under 5 ms a keystroke over all records, under 50 ms a PDF).
//!
//! `cargo bench -p regie-rights --bench rights`; `REGIE_BENCH_ROUNDS`
//! (default 200, at most 100000) repetitions of each measurement. Prints
//! the first (cold) call separately, then the median, the 99th percentile
//! and the worst of the rest.

use std::time::{Duration, Instant};

use chrono::{FixedOffset, NaiveDate, TimeZone};
use regie_model::{DataCategory, EmailAddress, Language, LegalBasis, OrgName, Purpose};
use regie_rights::{
    directory, write, Holding, Identity, LetterInput, LetterKind, Organisation, Right,
};

fn rounds() -> usize {
    std::env::var("REGIE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200usize)
        .clamp(1, 100_000)
}

fn report(what: &str, mut times: Vec<Duration>, goal: Duration) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let worst = *times.last().unwrap();
    println!(
        "{what}: median {:?}, p99 {:?}, worst {:?} over {} runs; goal {:?}: {}",
        at(0.5),
        at(0.99),
        worst,
        times.len(),
        goal,
        if at(0.99) < goal { "met" } else { "NOT met" }
    );
}

fn letter_input() -> LetterInput {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let h = |c: &str, p: &str, basis| Holding {
        category: DataCategory::parse(c).unwrap(),
        purpose: Purpose::parse(p).unwrap(),
        basis,
    };
    LetterInput {
        kind: LetterKind::Request {
            right: Right::Access,
            deadline: d(2026, 4, 7),
        },
        lang: Language::Nl,
        date: d(2026, 3, 6),
        organisation: Organisation {
            name: OrgName::parse("ABN AMRO Bank N.V.").unwrap(),
            postal_address: vec!["Gustav Mahlerlaan 10".into(), "1082 PP Amsterdam".into()],
            email: EmailAddress::parse("privacy.office@nl.abnamro.com"),
        },
        person: Identity {
            name: Some("Sam de Vries".into()),
            postal_address: vec!["Dorpsstraat 1".into(), "4321 ZX  Ergens".into()],
            email: EmailAddress::parse("sam@example.nl"),
            customer_number: Some("K-1001".into()),
            ..Identity::default()
        },
        holdings: vec![
            h(
                "pd:EmailAddress",
                "dpv:DirectMarketing",
                LegalBasis::Consent,
            ),
            h(
                "pd:Transaction",
                "dpv:FraudPreventionAndDetection",
                LegalBasis::LegalObligation,
            ),
            h(
                "pd:Purchase",
                "dpv:ProvideProductRecommendations",
                LegalBasis::LegitimateInterest,
            ),
        ],
        purposes: vec![],
        details: None,
    }
}

fn main() {
    let n = rounds();

    // The directory: the first call unpacks and indexes it.
    let t = Instant::now();
    let dir = directory().expect("the directory loads");
    println!(
        "directory: first use (unpack, parse, index {} records): {:?}",
        dir.len(),
        t.elapsed()
    );
    let typed = "ABN AMRO";
    let mut all = Vec::new();
    for k in 1..=typed.len() {
        let prefix = &typed[..k];
        let mut times = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            let hits = dir.search(prefix, 20);
            times.push(t.elapsed());
            std::hint::black_box(hits);
        }
        all.extend(times.iter().copied());
        report(
            &format!("directory search {prefix:?} (keystroke {k})"),
            times,
            Duration::from_millis(5),
        );
    }
    report(
        "directory search, every keystroke of \"ABN AMRO\"",
        all,
        Duration::from_millis(5),
    );
    for q in ["a", "bank", "Bundesamt für", "zzzz"] {
        let times = (0..n)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(dir.search(q, 20));
                t.elapsed()
            })
            .collect();
        report(
            &format!("directory search {q:?}"),
            times,
            Duration::from_millis(5),
        );
    }

    // A PDF letter: filling it and making the PDF; the first call also
    // parses the templates and loads the fonts.
    let input = letter_input();
    let t = Instant::now();
    let first = write(&input).and_then(|l| l.to_pdf()).expect("a PDF");
    println!(
        "PDF letter: first (templates and fonts loaded): {:?}, {} bytes",
        t.elapsed(),
        first.len()
    );
    let times = (0..n)
        .map(|_| {
            let t = Instant::now();
            let pdf = write(&input).and_then(|l| l.to_pdf()).unwrap();
            std::hint::black_box(pdf);
            t.elapsed()
        })
        .collect();
    report(
        "PDF letter (fill and make)",
        times,
        Duration::from_millis(50),
    );

    let at = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 3, 6, 12, 0, 0)
        .unwrap();
    let from = EmailAddress::parse("sam@example.nl").unwrap();
    let times = (0..n)
        .map(|_| {
            let t = Instant::now();
            let l = write(&input).unwrap();
            let _ = std::hint::black_box((l.to_text(), l.to_eml(&from, at), l.to_mailto()));
            t.elapsed()
        })
        .collect();
    report(
        "text, .eml and mailto: of a letter (fill and make)",
        times,
        Duration::from_millis(50),
    );
}
