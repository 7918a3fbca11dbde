//! Vault benchmarks: open, overview, one contact toggle, one organisation's
//! page, on a realistic large vault, encrypted (SQLCipher) and plain SQLite.
//!
//! Run with `cargo bench -p regie-vault --bench vault`. Without `--bench`
//! (as `cargo test --all-targets` runs it) it does a tiny smoke run.
//!
//! Why not criterion: the targets are about the slow tail a person feels
//! ("the overview never takes more than 20 ms"), and criterion reports a
//! mean with confidence intervals but no p99. Each operation here is timed
//! on its own with `Instant` over a fixed number of iterations, after a
//! short warm-up, and the median and p99 are printed. The operations are
//! milliseconds long, so the clock's resolution does not matter.
//!
//! The workload: 1,000 organisations with 40 holdings each (categories,
//! purposes and legal bases drawn from the catalogue with realistic
//! weights) and 100,000 history events (the adds, topped up with contact
//! toggles on random organisations). It is built through the public API,
//! one transaction per change as the app makes them; only during the build
//! is `synchronous` lowered to OFF, so building takes seconds rather than
//! 100,000 fsyncs. Every measurement runs on a freshly opened vault, which
//! is back to `synchronous = FULL` and WAL.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use regie_model::catalogue;
use regie_model::{Channel, Grain, LegalBasis, MessageKind, OrgId};
use regie_vault::{
    BiText, Keychain, NewHolding, Organisation, Passphrase, Protection, Source, Unlock, Vault,
};

/// Sizes and iteration counts of one run.
struct Plan {
    orgs: usize,
    holdings_per_org: usize,
    events: i64,
    open_iters: usize,
    fast_iters: usize,
    overview_iters: usize,
    passphrase_open_iters: usize,
}

const FULL: Plan = Plan {
    orgs: 1_000,
    holdings_per_org: 40,
    events: 100_000,
    open_iters: 30,
    fast_iters: 200,
    overview_iters: 100,
    passphrase_open_iters: 5,
};

const SMOKE: Plan = Plan {
    orgs: 12,
    holdings_per_org: 5,
    events: 200,
    open_iters: 2,
    fast_iters: 3,
    overview_iters: 2,
    passphrase_open_iters: 1,
};

/// A small deterministic generator (SplitMix64), so every run builds the
/// same vault.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Median and p99 of one operation.
struct Stats {
    median: Duration,
    p99: Duration,
    n: usize,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort_unstable();
    let n = samples.len();
    let at = |q: f64| samples[(((n as f64) * q).ceil() as usize).clamp(1, n) - 1];
    Stats {
        median: if n % 2 == 1 {
            samples[n / 2]
        } else {
            (samples[n / 2 - 1] + samples[n / 2]) / 2
        },
        p99: at(0.99),
        n,
    }
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1e3;
    if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 10.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.3} ms")
    }
}

/// Times `f` `iters` times after `warmup` untimed calls.
fn time(warmup: usize, iters: usize, mut f: impl FnMut()) -> Stats {
    for _ in 0..warmup {
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

const SECTORS: &[&str] = &[
    "bank",
    "health-insurer",
    "telecom",
    "energy",
    "retail",
    "bookshop",
    "municipality",
    "pension-fund",
    "webshop",
    "gym",
    "airline",
    "hospital",
];

/// The legal bases with the weights (out of 100) they have in real privacy
/// notices: mostly contract and legitimate interest, some consent and legal
/// obligation, rarely public interest or vital interest.
const BASES: &[(LegalBasis, u64)] = &[
    (LegalBasis::Contract, 34),
    (LegalBasis::LegitimateInterest, 26),
    (LegalBasis::Consent, 20),
    (LegalBasis::LegalObligation, 15),
    (LegalBasis::PublicInterest, 4),
    (LegalBasis::VitalInterest, 1),
];

fn basis(rng: &mut Rng) -> LegalBasis {
    let mut x = rng.next() % 100;
    for &(b, w) in BASES {
        if x < w {
            return b;
        }
        x -= w;
    }
    LegalBasis::Contract
}

const RETENTIONS: &[&str] = &["P7Y", "P2Y", "P1Y", "P6M", "P30D", "P10Y"];
const GRAINS: &[&str] = &[
    "general-incidental",
    "general-continuous",
    "specific-incidental",
    "specific-continuous",
];

fn organisation(i: usize, rng: &mut Rng) -> Organisation {
    // A third have a KVK number, the rest a slug.
    let id = if i.is_multiple_of(3) {
        format!("kvk:{:08}", 10_000_000 + i * 7919 % 89_999_999)
    } else {
        format!("org-{i:04}-{}", SECTORS[i % SECTORS.len()])
    };
    let sector = SECTORS[rng.below(SECTORS.len())];
    let mut org = Organisation::new(
        OrgId::parse(&id).expect("valid id"),
        format!("Organisatie {i:04} ({sector})"),
    );
    org.sector = Some(sector.to_owned());
    org.website = Some(format!("https://www.org{i}.example"));
    if rng.chance(80) {
        org.privacy_email = Some(format!("privacy@org{i}.example"));
    }
    if rng.chance(40) {
        org.privacy_postal = Some(format!("Postbus {}, 1000 AA Amsterdam", 100 + i));
    }
    org.source = if rng.chance(30) {
        Source::Declaration
    } else {
        Source::Person
    };
    org
}

/// `n` holdings with distinct (category, purpose) pairs.
fn holdings(
    n: usize,
    rng: &mut Rng,
    purposes: &[&catalogue::Term],
    cats: &[&catalogue::Term],
) -> Vec<NewHolding> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    // An organisation uses a handful of purposes for many categories.
    let own_purposes: Vec<&catalogue::Term> = (0..8)
        .map(|_| purposes[rng.below(purposes.len())])
        .collect();
    while out.len() < n {
        let p = own_purposes[rng.below(own_purposes.len())];
        let c = cats[rng.below(cats.len())];
        if !seen.insert((p.compact, c.compact)) {
            continue;
        }
        let basis = basis(rng);
        out.push(NewHolding {
            category: c.compact.to_owned(),
            purpose: p.compact.to_owned(),
            basis,
            retention: rng
                .chance(60)
                .then(|| RETENTIONS[rng.below(RETENTIONS.len())].to_owned()),
            grain: p
                .monitoring
                .then(|| Grain::parse(GRAINS[rng.below(GRAINS.len())]).expect("grain")),
            locked_reason: (basis == LegalBasis::LegalObligation && rng.chance(50)).then(|| {
                BiText::new(
                    "De wet verplicht ons dit te bewaren.",
                    "The law requires us to keep this.",
                )
            }),
            note: rng.chance(5).then(|| {
                BiText::new(
                    "Dit doel past niet goed bij deze gegevens.",
                    "This purpose does not fit the data well.",
                )
            }),
        });
    }
    out
}

/// Contact cells a person can switch off.
fn cell(rng: &mut Rng) -> (Channel, MessageKind) {
    (
        Channel::ALL[rng.below(Channel::ALL.len())],
        MessageKind::BLOCKABLE[rng.below(MessageKind::BLOCKABLE.len())],
    )
}

/// Tracks each cell's current value, so every toggle changes something.
type Cells = HashMap<(usize, Channel, MessageKind), bool>;

/// Builds the workload into `vault`; returns the organisation ids and the
/// contact cells' state.
fn fill(vault: &mut Vault, plan: &Plan) -> (Vec<OrgId>, Cells) {
    let mut rng = Rng(0x5EED_2026);
    let purposes: Vec<_> = catalogue::purposes().collect();
    let cats: Vec<_> = catalogue::data_categories().collect();
    vault
        .tamper_for_tests("PRAGMA synchronous = OFF")
        .expect("pragma");
    let mut ids = Vec::with_capacity(plan.orgs);
    for i in 0..plan.orgs {
        let org = organisation(i, &mut rng);
        vault.add_organisation(&org).expect("add organisation");
        for h in holdings(plan.holdings_per_org, &mut rng, &purposes, &cats) {
            vault.add_holding(&org.id, &h).expect("add holding");
        }
        ids.push(org.id);
    }
    // The vault's own creation event, plus one per organisation and holding.
    let mut events = 1 + (plan.orgs * (1 + plan.holdings_per_org)) as i64;
    let mut cells = Cells::new();
    while events < plan.events {
        let o = rng.below(ids.len());
        let (ch, kind) = cell(&mut rng);
        let now = cells.entry((o, ch, kind)).or_insert(true);
        *now = !*now;
        let changed = vault.set_contact(&ids[o], ch, kind, *now).expect("toggle");
        assert!(changed, "every toggle changes a cell");
        events += 1;
    }
    vault
        .tamper_for_tests("PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("pragma");
    (ids, cells)
}

/// The four measurements on one vault.
struct Results {
    open: Stats,
    overview: Stats,
    toggle: Stats,
    toggle_no_fsync: Stats,
    org: Stats,
}

fn measure(plan: &Plan, ids: &[OrgId], cells: &mut Cells, open: impl Fn() -> Vault) -> Results {
    // 1. open + first small query; closing is not timed. Two warm-up opens.
    let open_stats = {
        let mut samples = Vec::with_capacity(plan.open_iters);
        for i in 0..plan.open_iters + 2 {
            let t = Instant::now();
            let v = open();
            let off = v.global_off().expect("global_off");
            let took = t.elapsed();
            assert!(!off);
            if i >= 2 {
                samples.push(took);
            }
            drop(v);
        }
        stats(samples)
    };
    let mut vault = open();

    // 2. the overview of every organisation.
    let overview = time(3, plan.overview_iters, || {
        let all = vault.organisations().expect("organisations");
        assert_eq!(all.len(), ids.len());
    });

    // 4. one organisation's page, a different one each time.
    let mut rng = Rng(42);
    let org = time(5, plan.fast_iters, || {
        let id = &ids[rng.below(ids.len())];
        let page = vault.organisation(id).expect("organisation");
        assert_eq!(page.holdings.len(), plan.holdings_per_org);
    });

    // 3. one contact toggle: a write and a history event, each call flipping
    // a cell on a random organisation so it always changes something.
    let mut rng = Rng(7);
    let toggle = time(5, plan.fast_iters, || {
        let o = rng.below(ids.len());
        let (ch, kind) = cell(&mut rng);
        let now = cells.entry((o, ch, kind)).or_insert(true);
        *now = !*now;
        let changed = vault.set_contact(&ids[o], ch, kind, *now).expect("toggle");
        assert!(changed);
    });

    // For reference: the same toggle without waiting for the disk, to
    // separate the vault's own work from the fsync of synchronous = FULL.
    vault
        .tamper_for_tests("PRAGMA synchronous = OFF")
        .expect("pragma");
    let toggle_no_fsync = time(5, plan.fast_iters, || {
        let o = rng.below(ids.len());
        let (ch, kind) = cell(&mut rng);
        let now = cells.entry((o, ch, kind)).or_insert(true);
        *now = !*now;
        let changed = vault.set_contact(&ids[o], ch, kind, *now).expect("toggle");
        assert!(changed);
    });
    vault
        .tamper_for_tests("PRAGMA synchronous = FULL")
        .expect("pragma");

    Results {
        toggle_no_fsync,
        open: open_stats,
        overview,
        toggle,
        org,
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let plan = if full { &FULL } else { &SMOKE };
    let dir = tempfile::tempdir().expect("temp dir");
    let kc = Keychain::in_memory();

    // Encrypted (SQLCipher), key in the (in-memory) keychain.
    let enc_path = dir.path().join("bench.regie");
    let t = Instant::now();
    let (mut v, _code) =
        Vault::create(&enc_path, Protection::Keychain(kc.clone())).expect("create");
    let (ids, mut cells) = fill(&mut v, plan);
    drop(v);
    let build_enc = t.elapsed();
    eprintln!(
        "built the encrypted vault in {:.1} s",
        build_enc.as_secs_f64()
    );
    let enc = measure(plan, &ids, &mut cells, || {
        Vault::open(
            &enc_path,
            Unlock {
                keychain: &kc,
                passphrase: None,
            },
        )
        .expect("open")
    });

    // Plain SQLite, same workload.
    let plain_path = dir.path().join("plain.regie");
    let t = Instant::now();
    let mut v = Vault::create_unencrypted_for_bench(&plain_path, Protection::Keychain(kc.clone()))
        .expect("create plain");
    let (ids_plain, mut cells_plain) = fill(&mut v, plan);
    drop(v);
    let build_plain = t.elapsed();
    eprintln!(
        "built the plain vault in {:.1} s",
        build_plain.as_secs_f64()
    );
    assert_eq!(ids, ids_plain);
    let plain = measure(plan, &ids, &mut cells_plain, || {
        Vault::open_unencrypted_for_bench(
            &plain_path,
            Unlock {
                keychain: &kc,
                passphrase: None,
            },
        )
        .expect("open plain")
    });

    // A passphrase-protected vault, opened with the default Argon2id cost
    // (64 MiB, 3 passes): the cost is deliberate, so it gets its own line.
    // The vault is empty; the database part of opening is measured above.
    let pp_path = dir.path().join("passphrase.regie");
    let words = "correct horse battery staple";
    drop(Vault::create(&pp_path, Protection::Passphrase(Passphrase::new(words))).expect("create"));
    let pass = Passphrase::new(words);
    let empty = Keychain::in_memory();
    let pp_open = time(1, plan.passphrase_open_iters, || {
        let v = Vault::open(
            &pp_path,
            Unlock {
                keychain: &empty,
                passphrase: Some(&pass),
            },
        )
        .expect("open with passphrase");
        v.global_off().expect("global_off");
    });

    let db_bytes = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    println!();
    println!(
        "workload: {} organisations x {} holdings, {} history events; encrypted file {:.1} MB, plain {:.1} MB; built in {:.1} s and {:.1} s",
        ids.len(),
        plan.holdings_per_org,
        plan.events,
        db_bytes(&enc_path) as f64 / 1e6,
        db_bytes(&plain_path) as f64 / 1e6,
        build_enc.as_secs_f64(),
        build_plain.as_secs_f64(),
    );
    println!();
    println!("| operation | n | target | SQLCipher median | SQLCipher p99 | SQLite median | SQLite p99 | overhead (median) | target met (p99) |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|:---:|");
    let rows: [(&str, Duration, &Stats, &Stats); 4] = [
        (
            "open + first query",
            Duration::from_millis(150),
            &enc.open,
            &plain.open,
        ),
        (
            "overview, `organisations()`",
            Duration::from_millis(20),
            &enc.overview,
            &plain.overview,
        ),
        (
            "toggle, `set_contact`",
            Duration::from_millis(2),
            &enc.toggle,
            &plain.toggle,
        ),
        (
            "one organisation, `organisation(id)`",
            Duration::from_millis(5),
            &enc.org,
            &plain.org,
        ),
    ];
    for (name, target, e, p) in rows {
        println!(
            "| {name} | {} | < {} ms | {} | {} | {} | {} | {:.2}x | {} |",
            e.n,
            target.as_millis(),
            ms(e.median),
            ms(e.p99),
            ms(p.median),
            ms(p.p99),
            e.median.as_secs_f64() / p.median.as_secs_f64(),
            if e.p99 < target { "yes" } else { "NO" },
        );
    }
    let (e, p) = (&enc.toggle_no_fsync, &plain.toggle_no_fsync);
    println!(
        "| toggle without fsync (reference only) | {} | | {} | {} | {} | {} | {:.2}x | |",
        e.n,
        ms(e.median),
        ms(e.p99),
        ms(p.median),
        ms(p.p99),
        e.median.as_secs_f64() / p.median.as_secs_f64(),
    );
    println!(
        "| open with passphrase (Argon2id 64 MiB, t=3) | {} | (deliberate cost) | {} | {} | | | | |",
        pp_open.n,
        ms(pp_open.median),
        ms(pp_open.p99),
    );
}
