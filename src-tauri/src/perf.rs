//! Performance tracing and the large demo vault, for measuring the app
//! (docs/PERFORMANCE.md, tests/e2e/bench.sh).
//!
//! With `REGIE_STARTUP_TRACE=1` the app prints one line to standard output
//! when the first screen is interactive (measured from the start of
//! `main`) and one per overview render. With `REGIE_DEMO_ORGS=N` the demo
//! vault holds N generated organisations besides the examples.

use std::sync::OnceLock;
use std::time::Instant;

use regie_model::{LegalBasis, OrgId};
use regie_vault::{NewHolding, Organisation, Vault};

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Records when the process started; call first thing in `main`.
pub fn mark_start(at: Instant) {
    let _ = STARTED.set(at);
}

/// Whether `REGIE_STARTUP_TRACE=1`.
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("REGIE_STARTUP_TRACE").is_ok_and(|v| v == "1"))
}

/// What the UI reports.
pub fn trace(mark: &str, ms: f64, items: u32) -> bool {
    if !enabled() {
        return false;
    }
    match mark {
        "interactive" => {
            let since = STARTED.get_or_init(Instant::now).elapsed();
            println!(
                "startup: first interactive screen after {} ms",
                since.as_millis()
            );
        }
        "overview" => println!("overview: {ms:.1} ms for {items} organisations"),
        _ => return false,
    }
    true
}

/// `REGIE_DEMO_ORGS`: how many organisations to generate in a demo vault.
pub fn demo_orgs() -> usize {
    std::env::var("REGIE_DEMO_ORGS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

const SECTORS: [&str; 7] = [
    "bank",
    "health-insurer",
    "telecom",
    "energy",
    "retail",
    "bookshop",
    "municipality",
];

const HOLDINGS: [(&str, &str, LegalBasis); 3] = [
    (
        "pd:BankAccount",
        "dpv:PaymentManagement",
        LegalBasis::Contract,
    ),
    (
        "pd:EmailAddress",
        "dpv:DirectMarketing",
        LegalBasis::LegitimateInterest,
    ),
    (
        "pd:BrowsingBehavior",
        "dpv:TargetedAdvertising",
        LegalBasis::Consent,
    ),
];

/// Adds `n` generated organisations with three holdings each, through the
/// vault's public API.
pub fn fill_demo(vault: &mut Vault, n: usize) -> Result<(), regie_vault::Error> {
    for i in 0..n {
        let id = OrgId::parse(&format!("kvk:{:08}", 10_000_000 + i))
            .expect("generated ids follow the scheme");
        let mut org = Organisation::new(id.clone(), format!("Organisatie {:04}", i + 1));
        org.sector = Some(SECTORS[i % SECTORS.len()].to_owned());
        vault.add_organisation(&org)?;
        for (category, purpose, basis) in HOLDINGS {
            vault.add_holding(
                &id,
                &NewHolding {
                    category: category.to_owned(),
                    purpose: purpose.to_owned(),
                    basis,
                    retention: None,
                    grain: None,
                    locked_reason: None,
                    note: None,
                },
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use regie_vault::{Keychain, Protection};

    #[test]
    fn fills_a_demo_vault_with_generated_organisations() {
        let dir = tempfile::tempdir().unwrap();
        let keychain = Keychain::in_memory();
        let (mut vault, _code) =
            regie_vault::Vault::create(&dir.path().join("v.regie"), Protection::Keychain(keychain))
                .unwrap();
        super::fill_demo(&mut vault, 12).unwrap();
        let orgs = vault.organisations().unwrap();
        assert_eq!(orgs.len(), 12);
        assert!(orgs.iter().all(|o| o.org.sector.is_some()));
    }
}
