//! GDPR requests: `requests(today)` over 1,000 requests, the list the
//! app's "Your rights" screen and `regie requests` show, and one letter
//! filled from the vault and made into a PDF.
//!
//! Run with `cargo bench -p regie-vault --bench requests`. Without
//! `--bench` (as `cargo test --all-targets` runs it) it does a tiny smoke
//! run. Timed with `Instant`, median and p99, as `benches/vault.rs` does
//! and for the same reason: the slow tail is what a person feels.
//!
//! The workload: 100 organisations with 10 holdings each and 10 requests
//! each (1,000), of every right, drafted over 2025; three in four sent
//! (by e-mail, post or web form), one in ten of those extended, half
//! answered. Built through the public API with `synchronous` OFF; measured
//! on a freshly opened vault.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use regie_model::{Language, LegalBasis, OrgId};
use regie_vault::rights::{Outcome, Right, Via};
use regie_vault::{
    Keychain, LetterChoice, NewHolding, Organisation, Protection, RequestDetails, Unlock, Vault,
};

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort_unstable();
    let n = samples.len();
    let p99 = samples[(((n as f64) * 0.99).ceil() as usize).clamp(1, n) - 1];
    (samples[n / 2], p99)
}

fn time(iters: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    for _ in 0..iters.min(5) {
        f();
    }
    let mut samples = Vec::with_capacity(iters);
    for _ in 0..iters {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
    }
    stats(samples)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

const HOLDINGS: [(&str, &str, LegalBasis); 10] = [
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
    (
        "pd:Financial",
        "dpv:PaymentManagement",
        LegalBasis::Contract,
    ),
    (
        "pd:Location",
        "dpv:ServiceUsageAnalytics",
        LegalBasis::LegitimateInterest,
    ),
    (
        "pd:BrowsingBehavior",
        "dpv:PersonalisedAdvertising",
        LegalBasis::Consent,
    ),
    ("pd:Name", "dpv:AccountManagement", LegalBasis::Contract),
];

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (orgs, per_org, iters) = if full { (100, 10, 100) } else { (3, 4, 3) };
    let dir = tempfile::tempdir().expect("temp dir");
    let kc = Keychain::in_memory();
    let path = dir.path().join("bench.regie");
    let (mut v, _code) = Vault::create(&path, Protection::Keychain(kc.clone())).expect("create");
    v.tamper_for_tests("PRAGMA synchronous = OFF")
        .expect("pragma");
    let start = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let details = RequestDetails {
        name: Some("Sam de Vries".into()),
        email: Some("sam@example.nl".into()),
        customer_number: Some("K-1001".into()),
        note: Some("Mijn adres klopt niet.".into()),
        ..RequestDetails::default()
    };
    let t = Instant::now();
    let mut n = 0u64;
    let mut first = None;
    for o in 0..orgs {
        let id = OrgId::parse(&format!("bench-org-{o}")).unwrap();
        let mut org = Organisation::new(id.clone(), format!("Organisatie {o} B.V."));
        org.privacy_email = Some(format!("privacy@org{o}.example"));
        org.privacy_postal = Some(format!("Postbus {o}, 1000 AA  Amsterdam"));
        v.add_organisation(&org).expect("org");
        for (c, p, basis) in HOLDINGS {
            let h = NewHolding {
                category: c.into(),
                purpose: p.into(),
                basis,
                retention: None,
                grain: None,
                locked_reason: None,
                note: None,
            };
            v.add_holding(&id, &h).expect("holding");
        }
        for r in 0..per_org {
            let right = Right::ALL[(o + r) % Right::ALL.len()];
            let mut d = details.clone();
            if matches!(right, Right::Objection | Right::Withdrawal) {
                d.purposes = vec!["dpv:DirectMarketing".into()];
            }
            let drafted = start.checked_add_days(Days::new(n % 360)).unwrap();
            let rid = v.new_request(&id, right, &d, drafted).expect("request");
            first.get_or_insert(rid);
            if !(n + 1).is_multiple_of(4) {
                let via = Via::ALL[(n % 3) as usize];
                v.mark_sent(rid, drafted, via, None, today).expect("sent");
                if n.is_multiple_of(10) {
                    v.mark_extended(rid, drafted.checked_add_days(Days::new(5)).unwrap(), today)
                        .expect("extended");
                }
                if n.is_multiple_of(2) {
                    let on = drafted.checked_add_days(Days::new(20)).unwrap();
                    v.mark_answered(rid, on, Outcome::Full, None, today)
                        .expect("answered");
                }
            }
            n += 1;
        }
    }
    drop(v);
    eprintln!("built {n} requests in {:.1} s", t.elapsed().as_secs_f64());
    let v = Vault::open(
        &path,
        Unlock {
            keychain: &kc,
            passphrase: None,
        },
    )
    .expect("open");
    let all = v.requests(today).expect("requests");
    assert_eq!(all.len() as u64, n);
    let overdue = all.iter().filter(|r| r.overdue).count();
    let (median, p99) = time(iters, || {
        std::hint::black_box(v.requests(today).expect("requests"));
    });
    println!(
        "requests(today), {n} requests ({overdue} overdue), {iters} calls: median {}, p99 {}",
        ms(median),
        ms(p99)
    );
    let id = first.unwrap();
    let (median, p99) = time(iters, || {
        let letter = v
            .letter(id, LetterChoice::Letter, Language::Nl, today, None)
            .expect("letter");
        std::hint::black_box(letter.to_pdf().expect("pdf"));
    });
    println!(
        "letter(..) filled from the vault and made into a PDF, {iters} calls: median {}, p99 {}",
        ms(median),
        ms(p99)
    );
}
