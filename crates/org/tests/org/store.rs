//! The import rules and the stores, on SQLite and PostgreSQL.

use std::path::{Path, PathBuf};

use regie_model::{Channel, MessageKind, OrgId};
use regie_org::store::tofu_ref;
use regie_org::{DefaultPolicy, ImportOptions, Org, Outcome};

use crate::support::*;

fn import(org: &Org, name: &str, bytes: Vec<u8>) -> Outcome {
    org.import_bytes(name, bytes, now()).unwrap().outcome
}

fn code(o: &Outcome) -> &str {
    match o {
        Outcome::Rejected { reason, .. } => reason.code(),
        Outcome::Accepted { .. } => "accepted",
        Outcome::AlreadyImported { .. } => "already-imported",
    }
}

#[test]
fn unknown_key_is_rejected_and_recorded_without_storing_anything() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Block);
        let o = import(&org, "a.json", file(1, 1, |_| {}));
        assert_eq!(code(&o), "unknown-key", "{}", db.name);
        assert!(org.store().states().unwrap().is_empty());
        let h = org.store().history(None).unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].reason.as_ref().map(|r| r.code()), Some("unknown-key"));
        assert_eq!(h[0].did.as_deref(), Some(did(1).as_str()));
    }
}

#[test]
fn newer_wins_identical_is_already_imported_older_is_refused() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Allow);
        org.store().enrol(&[("c1".into(), did(1))], now()).unwrap();
        let f5 = file(1, 5, |p| {
            p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
        });
        assert_eq!(
            code(&import(&org, "5", f5.clone())),
            "accepted",
            "{}",
            db.name
        );
        assert_eq!(
            code(&import(&org, "5 again", f5.clone())),
            "already-imported"
        );
        let before = org.store().state("c1").unwrap().unwrap();
        let o = import(&org, "3", file(1, 3, |_| {}));
        assert_eq!(code(&o), "replayed-or-older");
        let o = import(&org, "5 other", file(1, 5, |_| {}));
        assert_eq!(
            code(&o),
            "replayed-or-older",
            "same sequence, other content"
        );
        assert_eq!(org.store().state("c1").unwrap().unwrap(), before);
        assert!(
            !org.check("c1", Channel::Push, MessageKind::Marketing, now())
                .allowed
        );
        // The newer file replaces the preferences, and the check sees it.
        assert_eq!(code(&import(&org, "6", file(1, 6, |_| {}))), "accepted");
        let s = org.store().state("c1").unwrap().unwrap();
        assert_eq!(s.sequence, 6);
        assert!(
            org.check("c1", Channel::Push, MessageKind::Marketing, now())
                .allowed
        );
        // Evidence: the signed bytes, unchanged.
        assert_eq!(
            org.store().evidence(&s.sha256).unwrap().unwrap(),
            file(1, 6, |_| {})
        );
        let h = org.store().history(Some("c1")).unwrap();
        let codes: Vec<_> = h
            .iter()
            .map(|r| r.reason.as_ref().map_or(r.outcome.as_str(), |x| x.code()))
            .collect();
        assert_eq!(
            codes,
            [
                "accepted",
                "replayed-or-older",
                "replayed-or-older",
                "accepted"
            ]
        );
    }
}

#[test]
fn trust_on_first_use_enrols_the_key_under_a_reference_derived_from_it() {
    for db in dbs() {
        let org = db.org(true, DefaultPolicy::Block);
        let o = import(&org, "a", file(7, 1, |_| {}));
        let Outcome::Accepted {
            customer, enrolled, ..
        } = o
        else {
            panic!("{o:?}")
        };
        assert!(enrolled);
        assert_eq!(customer, tofu_ref(&did(7)));
        assert!(customer.starts_with("tofu-"));
        let c = org.store().customers().unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].did, did(7));
    }
}

#[test]
fn key_rotation_signed_by_the_enrolled_key_rebinds_the_customer() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Block);
        org.store().enrol(&[("c1".into(), did(1))], now()).unwrap();
        assert_eq!(code(&import(&org, "1", file(1, 1, |_| {}))), "accepted");
        // A rotation signed by a stranger does nothing.
        assert_eq!(
            code(&import(&org, "x", rotation(&key(3), &key(2), 2))),
            "unknown-key"
        );
        let o = import(&org, "rot", rotation(&key(1), &key(2), 2));
        assert!(
            matches!(o, Outcome::Accepted { rotation: true, .. }),
            "{o:?}"
        );
        assert_eq!(org.store().customers().unwrap()[0].did, did(2));
        // The preferences of file 1 still hold after the rotation.
        assert!(org
            .store()
            .state("c1")
            .unwrap()
            .unwrap()
            .effective
            .is_some());
        assert_eq!(code(&import(&org, "new", file(2, 3, |_| {}))), "accepted");
        // A newer file signed with the replaced key is refused as such, and
        // filed under the customer.
        let o = import(&org, "old", file(1, 4, |_| {}));
        assert_eq!(code(&o), "rotated-out");
        assert!(
            matches!(&o, Outcome::Rejected { customer: Some(c), .. } if c == "c1"),
            "{o:?}"
        );
        assert_eq!(org.store().state("c1").unwrap().unwrap().sequence, 3);
        // The replaced key can never be enrolled again, for anyone.
        assert!(matches!(
            org.store().enrol(&[("c9".into(), did(1))], now()),
            Err(regie_org::StoreError::KeyRetired(c)) if c == "c1"
        ));
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The corpus key: customer 900, enrolled as `c-corpus`; the stored state
/// before the corpus is a file of sequence 5.
const CORPUS_CUSTOMER: u32 = 900;

/// Writes the corpus files (run with REGIE_WRITE_CORPUS=1 after a
/// deliberate change of the format).
#[test]
fn corpus_files_are_current() {
    let other_org = OrgId::parse("kvk:12345678").unwrap();
    let k = key(CORPUS_CUSTOMER);
    let mut tampered = file(CORPUS_CUSTOMER, 9, |p| {
        p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
    });
    let s = String::from_utf8(tampered.clone()).unwrap();
    let pos = s.find("\"marketing\": false").unwrap();
    tampered.splice(pos..pos + 18, b"\"marketing\": true ".iter().copied());
    let mut oversize = b"{\"padding\": \"".to_vec();
    oversize.extend(std::iter::repeat_n(b'x', 70_000));
    oversize.extend(b"\"}\n");
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "fail_replayed-or-older_sequence-3.json",
            file(CORPUS_CUSTOMER, 3, |_| {}),
        ),
        (
            "fail_unknown-key_stranger.json",
            file(CORPUS_CUSTOMER + 1, 9, |_| {}),
        ),
        (
            "fail_wrong-audience_other-bank.json",
            file_for(&k, &other_org, 9, false, |_| {}),
        ),
        ("fail_bad-signature_tampered.json", tampered),
        ("fail_too-large_70k.json", oversize),
        (
            "fail_syntax_not-json.json",
            b"Dit is geen voorkeurenbestand.\n".to_vec(),
        ),
        ("fail_syntax_empty.json", Vec::new()),
    ];
    let write = std::env::var_os("REGIE_WRITE_CORPUS").is_some();
    for (name, bytes) in files {
        let path = corpus_dir().join(name);
        if write {
            std::fs::write(&path, &bytes).unwrap();
        } else {
            assert_eq!(
                std::fs::read(&path).unwrap(),
                bytes,
                "{name} is not current"
            );
        }
    }
}

/// Every bad file, ours and regie-prefs' fail vectors, is rejected with the
/// reason its name gives, recorded in the history, and changes nothing.
#[test]
fn corpus_of_bad_files_is_rejected_with_reasons_and_changes_nothing() {
    let vectors = Path::new(env!("CARGO_MANIFEST_DIR")).join("../prefs/tests/vectors/regie");
    let mut paths = Vec::new();
    for dir in [corpus_dir(), vectors] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("fail_") {
                paths.push(p);
            }
        }
    }
    assert!(paths.len() > 40, "{}", paths.len());
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Block);
        org.store()
            .enrol(
                &[
                    ("c-corpus".into(), did(CORPUS_CUSTOMER)),
                    (
                        "c-vectors".into(),
                        "did:key:z6MkkNRPtMQLCpkwnnBsQ4cxsRYpQE2ruunAJkWznnJdfQ6A".into(),
                    ),
                ],
                now(),
            )
            .unwrap();
        assert_eq!(
            code(&import(&org, "base", file(CORPUS_CUSTOMER, 5, |_| {}))),
            "accepted"
        );
        let before = org.store().states().unwrap();
        let report = org.import_paths(&paths, opts()).unwrap();
        assert_eq!(report.rejected, paths.len(), "{}: {report:#?}", db.name);
        for f in &report.files {
            let name = Path::new(&f.source).file_name().unwrap().to_string_lossy();
            let expected = name
                .strip_prefix("fail_")
                .unwrap()
                .split('_')
                .next()
                .unwrap();
            assert_eq!(code(&f.outcome), expected, "{} on {}", name, db.name);
        }
        assert_eq!(org.store().states().unwrap(), before);
        let h = org.store().history(None).unwrap();
        assert_eq!(h.len(), paths.len() + 1);
        assert!(h[1..]
            .iter()
            .all(|r| r.outcome == "rejected" && r.reason.is_some()));
        // A tampered file that names an enrolled key is filed under that customer.
        let mine = org.store().history(Some("c-corpus")).unwrap();
        assert!(mine
            .iter()
            .any(|r| r.reason.as_ref().map(|x| x.code()) == Some("bad-signature")));
    }
}

#[test]
fn one_bad_file_in_a_directory_does_not_stop_the_rest() {
    for db in dbs() {
        let org = db.org(true, DefaultPolicy::Block);
        let dir = tempfile::tempdir().unwrap();
        for n in 0..50u32 {
            std::fs::write(dir.path().join(format!("{n:03}.json")), file(n, 1, |_| {})).unwrap();
        }
        std::fs::write(dir.path().join("025-bad.json"), b"{").unwrap();
        for threads in [1, 4] {
            let report = org
                .import_paths(
                    &[dir.path().to_owned()],
                    ImportOptions {
                        threads,
                        batch: 7,
                        now: Some(now()),
                    },
                )
                .unwrap();
            assert_eq!(report.files.len(), 51);
            assert_eq!(report.rejected, 1);
            if threads == 1 {
                assert_eq!(report.accepted, 50, "{}", db.name);
            } else {
                assert_eq!(report.already_imported, 50, "{}", db.name);
            }
        }
        assert_eq!(org.store().states().unwrap().len(), 50);
    }
}

/// A batch that mixes every case, imported at once: the stores accept
/// many files in one go where they can, and every file still gets the
/// outcome it gets alone, in order.
#[test]
fn a_mixed_batch_gets_each_files_own_outcome() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Block);
        let enrol: Vec<(String, String)> = (0..5).map(|n| (format!("c{n}"), did(n))).collect();
        org.store().enrol(&enrol, now()).unwrap();
        let named = |list: &[(u32, u64)]| -> Vec<(String, Vec<u8>)> {
            list.iter()
                .map(|&(n, seq)| (format!("c{n}-s{seq}"), file(n, seq, |_| {})))
                .collect()
        };
        let opts = ImportOptions {
            threads: 1,
            batch: 100,
            now: Some(now()),
        };
        let first = org
            .import_many(named(&[(0, 2), (1, 2), (3, 2)]), opts)
            .unwrap();
        assert_eq!(first.accepted, 3, "{}", db.name);
        let second = org
            .import_many(
                named(&[(0, 3), (0, 4), (1, 1), (2, 1), (3, 2), (99, 1), (4, 5)]),
                opts,
            )
            .unwrap();
        let got: std::collections::BTreeMap<&str, &str> = second
            .files
            .iter()
            .map(|f| (f.source.as_str(), code(&f.outcome)))
            .collect();
        let want: std::collections::BTreeMap<&str, &str> = [
            ("c0-s3", "accepted"),
            ("c0-s4", "accepted"),
            ("c1-s1", "replayed-or-older"),
            ("c2-s1", "accepted"),
            ("c3-s2", "already-imported"),
            ("c99-s1", "unknown-key"),
            ("c4-s5", "accepted"),
        ]
        .into_iter()
        .collect();
        assert_eq!(got, want, "{}", db.name);
        let seqs: Vec<(String, u64)> = org
            .store()
            .states()
            .unwrap()
            .into_iter()
            .map(|s| (s.customer, s.sequence))
            .collect();
        let want: Vec<(String, u64)> = [("c0", 4), ("c1", 2), ("c2", 1), ("c3", 2), ("c4", 5)]
            .into_iter()
            .map(|(c, s)| (c.to_owned(), s))
            .collect();
        assert_eq!(seqs, want, "{}", db.name);
        let c0: Vec<(String, Option<u64>)> = org
            .store()
            .history(Some("c0"))
            .unwrap()
            .into_iter()
            .map(|h| (h.outcome, h.sequence))
            .collect();
        assert_eq!(
            c0,
            [2, 3, 4].map(|s| ("accepted".to_owned(), Some(s))).to_vec(),
            "{}",
            db.name
        );
        // The evidence of every accepted file is kept byte for byte.
        for (name, seq) in [(0, 3), (0, 4), (2, 1), (4, 5)] {
            let bytes = file(name, seq, |_| {});
            let sha = regie_org::import::sha256_hex(&bytes);
            assert_eq!(
                org.store().evidence(&sha).unwrap(),
                Some(bytes),
                "{}",
                db.name
            );
        }
    }
}

/// Files in a directory have their signatures checked together; one
/// tampered file among hundreds is refused on its own, and every other
/// file in its group is stored.
#[test]
fn a_tampered_file_among_many_is_the_only_one_refused() {
    use rayon::prelude::*;
    let files: Vec<Vec<u8>> = (0..300u32)
        .into_par_iter()
        .map(|n| file(n, 2, |_| {}))
        .collect();
    for db in dbs() {
        let org = db.org(true, DefaultPolicy::Block);
        let dir = tempfile::tempdir().unwrap();
        for (n, bytes) in files.iter().enumerate() {
            let mut bytes = bytes.clone();
            if n == 137 {
                // After signing: sequence 2 becomes 9.
                let at = bytes
                    .windows(13)
                    .position(|w| w == b"\"sequence\": 2")
                    .unwrap();
                bytes[at + 12] = b'9';
            }
            std::fs::write(dir.path().join(format!("{n:03}.json")), bytes).unwrap();
        }
        for threads in [1, 2] {
            let report = org
                .import_paths(
                    &[dir.path().to_owned()],
                    ImportOptions {
                        threads,
                        batch: 2048,
                        now: Some(now()),
                    },
                )
                .unwrap();
            assert_eq!(report.files.len(), 300);
            assert_eq!(report.rejected, 1, "{}", db.name);
            let bad = report
                .files
                .iter()
                .find(|f| f.source.ends_with("137.json"))
                .unwrap();
            assert_eq!(code(&bad.outcome), "bad-signature", "{}", db.name);
        }
        assert_eq!(org.store().states().unwrap().len(), 299, "{}", db.name);
    }
}

/// Two importers, each with its own connection, import interleaved
/// sequences for the same 200 customers at the same time: the highest
/// sequence wins for every customer, with one state row each, and every
/// file has exactly one history entry or was the same file seen twice.
pub const CUSTOMERS: u32 = 200;
pub const SEQS: u64 = 5;

/// The race's files, signed once for both backends (signing is slow in
/// debug builds).
pub fn race_files() -> &'static Vec<Vec<u8>> {
    static FILES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        use rayon::prelude::*;
        (0..CUSTOMERS * SEQS as u32)
            .into_par_iter()
            .map(|i| file(i % CUSTOMERS, u64::from(i / CUSTOMERS) + 1, |_| {}))
            .collect()
    })
}

fn race(db: &Db) {
    let setup = db.org(false, DefaultPolicy::Block);
    let enrol: Vec<(String, String)> = (0..CUSTOMERS).map(|n| (format!("c{n}"), did(n))).collect();
    setup.store().enrol(&enrol, now()).unwrap();
    let files = race_files();
    let mut a = Vec::new();
    let mut b = Vec::new();
    for seq in 1..=SEQS {
        for n in 0..CUSTOMERS {
            let i = ((seq - 1) * u64::from(CUSTOMERS) + u64::from(n)) as usize;
            let f = (format!("{n}-{seq}"), files[i].clone());
            // Both importers get every customer's last file; otherwise they
            // take turns, in opposite orders.
            if seq == SEQS {
                a.push(f.clone());
                b.insert(0, f);
            } else if (seq + u64::from(n)) % 2 == 0 {
                a.push(f);
            } else {
                b.insert(0, f);
            }
        }
    }
    let total = a.len() + b.len();
    let run = |files: Vec<(String, Vec<u8>)>| {
        let org = Org::open(db.store()).unwrap();
        org.import_many(
            files,
            ImportOptions {
                threads: 2,
                batch: 50,
                now: Some(now()),
            },
        )
        .unwrap()
    };
    let (ra, rb) = std::thread::scope(|s| {
        let ha = s.spawn(|| run(a));
        let hb = s.spawn(|| run(b));
        (ha.join().unwrap(), hb.join().unwrap())
    });
    let states = setup.store().states().unwrap();
    assert_eq!(states.len(), CUSTOMERS as usize, "{}", db.name);
    assert!(states.iter().all(|s| s.sequence == SEQS), "{}", db.name);
    let already = ra.already_imported + rb.already_imported;
    assert_eq!(already, CUSTOMERS as usize, "each last file is seen twice");
    let h = setup.store().history(None).unwrap();
    assert_eq!(h.len(), total - already, "{}", db.name);
    let accepted_last = h
        .iter()
        .filter(|r| r.outcome == "accepted" && r.sequence == Some(SEQS))
        .count();
    assert_eq!(accepted_last, CUSTOMERS as usize);
}

#[test]
fn racing_importers_end_with_the_highest_sequence_postgres() {
    if let Some(db) = postgres() {
        race(&db);
    }
}

#[test]
fn racing_importers_end_with_the_highest_sequence_sqlite() {
    race(&sqlite());
}

/// Regression: with trust on first use, a customer's key rotation followed
/// by an old file from the replaced key aborted the whole import ("its
/// reference is taken"), losing a newer file of another customer in the
/// same run. Now the old file is `rotated-out` and the rest is stored.
#[test]
fn after_a_rotation_an_old_key_is_rotated_out_never_an_abort() {
    for db in dbs() {
        let org = db.org(true, DefaultPolicy::Block);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("1-first.json"), file(1, 1, |_| {})).unwrap();
        std::fs::write(
            dir.path().join("2-rotation.json"),
            rotation(&key(1), &key(2), 2),
        )
        .unwrap();
        let r = org.import_paths(&[dir.path().to_owned()], opts()).unwrap();
        assert_eq!(r.accepted, 2, "{}: {r:#?}", db.name);
        // The same inbox again, with an old-key file and another customer's.
        std::fs::write(dir.path().join("3-old-key.json"), file(1, 3, |_| {})).unwrap();
        std::fs::write(
            dir.path().join("4-other.json"),
            file(5, 1, |p| {
                p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
            }),
        )
        .unwrap();
        let r = org
            .import_paths(&[dir.path().to_owned()], opts())
            .unwrap_or_else(|e| panic!("{}: the import stopped: {e}", db.name));
        let mut codes: Vec<(&str, &str)> = r
            .files
            .iter()
            .map(|f| (f.source.rsplit('/').next().unwrap(), code(&f.outcome)))
            .collect();
        codes.sort();
        assert_eq!(
            codes,
            [
                ("1-first.json", "already-imported"),
                ("2-rotation.json", "already-imported"),
                ("3-old-key.json", "rotated-out"),
                ("4-other.json", "accepted")
            ],
            "{}",
            db.name
        );
        let d = org.check(
            &tofu_ref(&did(5)),
            Channel::Push,
            MessageKind::Marketing,
            now(),
        );
        assert_eq!(d.reason.code(), "opted-out");
        // The rotated customer keeps one record, under its first reference.
        let customers = org.store().customers().unwrap();
        assert_eq!(customers.len(), 2, "{customers:?}");
        assert!(customers
            .iter()
            .any(|c| c.customer == tofu_ref(&did(1)) && c.did == did(2)));
    }
}

/// A key rotation cannot bind a key that is already someone's, nor one a
/// rotation replaced before (a key is bound once).
#[test]
fn a_rotation_to_a_key_in_use_or_retired_is_refused() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Block);
        org.store()
            .enrol(&[("c1".into(), did(1)), ("c2".into(), did(2))], now())
            .unwrap();
        let o = import(&org, "r", rotation(&key(1), &key(2), 2));
        assert_eq!(code(&o), "key-in-use", "{}", db.name);
        assert_eq!(org.store().customers().unwrap()[0].did, did(1));
        // c2 moves on to key 3; key 2 is retired, and c1 cannot take it.
        assert_eq!(
            code(&import(&org, "r2", rotation(&key(2), &key(3), 2))),
            "accepted"
        );
        let o = import(&org, "r3", rotation(&key(1), &key(2), 3));
        assert_eq!(code(&o), "key-in-use", "{}", db.name);
        let c: Vec<(String, String)> = org
            .store()
            .customers()
            .unwrap()
            .into_iter()
            .map(|c| (c.customer, c.did))
            .collect();
        assert_eq!(c, [("c1".into(), did(1)), ("c2".into(), did(3))]);
    }
}

/// A rotation announcing `new_did` made by the holder of `signers` only.
fn forged_rotation(signers: &[&ed25519_dalek::SigningKey], new_did: &str, seq: u64) -> Vec<u8> {
    let issued = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 1, 9, 0, 0).unwrap();
    let doc = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", regie_prefs::REGIE_CONTEXT],
        "type": ["VerifiableCredential", "RegieKeyRotation"],
        "issuer": regie_prefs::DidKey::new(signers[0].verifying_key()).did(),
        "validFrom": "2026-03-01T09:00:00Z",
        "credentialSubject": {
            "audience": {"id": ORG, "name": "Voorbeeldbank N.V."},
            "sequence": seq,
            "issued": "2026-03-01T09:00:00Z",
            "newKey": new_did,
            "summary": {"language": "en", "headline": "My new key.", "lines": []}
        }
    });
    let serde_json::Value::Object(doc) = doc else {
        unreachable!()
    };
    let signed = if signers.len() == 1 {
        regie_prefs::proof::sign(doc, signers[0], issued)
    } else {
        regie_prefs::proof::sign_set(doc, signers, issued)
    };
    serde_json::to_vec_pretty(&signed).unwrap()
}

/// Regression: a key rotation was signed by the old key only, so an
/// enrolled customer could bind a victim's pairwise key (it is in every
/// file the victim sends) to their own record with the highest sequence:
/// the victim's enrolment then failed and their files were refused for
/// ever. A rotation must now be signed by the new key too.
#[test]
fn a_rotation_cannot_claim_someone_elses_key() {
    let attacker = key(1);
    let victim = did(2);
    for db in dbs() {
        let org = db.org(true, DefaultPolicy::Block);
        assert_eq!(code(&import(&org, "a", file(1, 1, |_| {}))), "accepted");
        let max = 9_007_199_254_740_991;
        // The old style: the attacker's signature alone.
        let o = import(&org, "v1", forged_rotation(&[&attacker], &victim, max));
        assert_eq!(code(&o), "unproven-key-rotation", "{}", db.name);
        // A second signature, by another key the attacker holds.
        let o = import(
            &org,
            "third",
            forged_rotation(&[&attacker, &key(3)], &victim, max),
        );
        assert_eq!(code(&o), "unproven-key-rotation", "{}", db.name);
        // Nothing changed: the victim's files are accepted (trust on first
        // use), and their "no" holds.
        let o = import(
            &org,
            "victim",
            file(2, 1, |p| {
                p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
            }),
        );
        assert_eq!(code(&o), "accepted", "{}", db.name);
        let d = org.check(
            &tofu_ref(&victim),
            Channel::Push,
            MessageKind::Marketing,
            now(),
        );
        assert_eq!(d.reason.code(), "opted-out");
        let attacker_state = org.store().state(&tofu_ref(&did(1))).unwrap().unwrap();
        assert_eq!(attacker_state.sequence, 1);
    }
    // Nor can the victim be enrolled by hand under the attacker's claim.
    let db = sqlite();
    let org = db.org(false, DefaultPolicy::Block);
    org.store()
        .enrol(&[("attacker".into(), did(1))], now())
        .unwrap();
    import(&org, "v1", forged_rotation(&[&attacker], &victim, 5));
    org.store()
        .enrol(&[("victim".into(), victim.clone())], now())
        .unwrap();
    assert_eq!(
        code(&import(&org, "victim", file(2, 1, |_| {}))),
        "accepted"
    );
}

/// A line of the history without its time, to compare two stores.
fn history_lines(store: &dyn regie_org::Store) -> Vec<String> {
    let mut lines: Vec<String> = store
        .history(None)
        .unwrap()
        .into_iter()
        .map(|h| {
            format!(
                "{:?} {:?} {:?} {} {} {} {:?}",
                h.customer, h.did, h.sequence, h.sha256, h.source, h.outcome, h.reason
            )
        })
        .collect();
    // The one statement writes the history of the files it accepts before
    // the rules write the rest: the same rows, in another order.
    lines.sort();
    lines
}

/// `accept_many`, the PostgreSQL statement that accepts an enrolled
/// customer's newer file for many files at once, is the second statement
/// of the same rule as the rules one by one (`store/rules.rs`): one batch
/// of every kind of file gives the same outcomes, states and history
/// through it, through the rules alone, and on SQLite.
#[test]
fn the_one_statement_and_the_rules_one_by_one_give_the_same_outcomes() {
    let Some(fast) = postgres() else { return };
    let Some(slow) = postgres() else { return };
    let lite = sqlite();
    let tampered = String::from_utf8(file(4, 2, |_| {}))
        .unwrap()
        .replace("Voorbeeldbank N.V.", "Voorbeeldbank N.W.")
        .into_bytes();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("c1-1", file(1, 1, |_| {})),
        ("c2-1", file(2, 1, |_| {})),
        ("c3-older", file(3, 2, |_| {})),
        (
            "c1-2",
            file(1, 2, |p| {
                p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
            }),
        ),
        ("stranger", file(9, 1, |_| {})),
        ("c2-1-again", file(2, 1, |_| {})),
        ("c4-tampered", tampered),
        ("c4-1", file(4, 1, |_| {})),
    ];
    let mut batch: Vec<_> = files
        .into_iter()
        .map(|(name, bytes)| regie_org::import::examine(name.into(), bytes, &org_id(), now()))
        .collect();
    regie_org::import::batch_order(&mut batch);
    let mut results = Vec::new();
    for (db, one_statement) in [(&fast, true), (&slow, false), (&lite, true)] {
        let org = db.org(false, DefaultPolicy::Allow);
        let customers: Vec<(String, String)> = (1..=4).map(|n| (format!("c{n}"), did(n))).collect();
        org.store().enrol(&customers, now()).unwrap();
        // c3 is at sequence 5 already.
        assert!(matches!(
            import(&org, "c3-5", file(3, 5, |_| {})),
            Outcome::Accepted { .. }
        ));
        let outcomes = if one_statement {
            org.store().apply(&batch, false).unwrap()
        } else {
            let (url, schema) = db.url.split_once('#').unwrap();
            regie_org::store::PgStore::connect(url, Some(schema))
                .unwrap()
                .apply_rule_by_rule(&batch, false)
                .unwrap()
        };
        let states: Vec<_> = org
            .store()
            .states()
            .unwrap()
            .into_iter()
            .map(|s| (s.customer, s.sequence, s.sha256, s.effective))
            .collect();
        results.push((db.name, outcomes, states, history_lines(org.store())));
    }
    let mut codes: Vec<&str> = results[0].1.iter().map(code).collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        [
            "accepted",
            "accepted",
            "accepted",
            "accepted",
            "already-imported",
            "bad-signature",
            "replayed-or-older",
            "unknown-key",
        ],
        "{:?}",
        results[0].1
    );
    for other in &results[1..] {
        assert_eq!(results[0].1, other.1, "outcomes: postgres vs {}", other.0);
        assert_eq!(results[0].2, other.2, "states: postgres vs {}", other.0);
        assert_eq!(results[0].3, other.3, "history: postgres vs {}", other.0);
    }
}

/// SQL text with its quotes doubled.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `regie-org history` found the two sequences of a replayed file by
/// scraping the digits out of the stored English sentence. Version 3
/// keeps a rejection's facts in columns; a version 2 database is read
/// into them once, when it is upgraded, and reads back as the same
/// reasons.
#[test]
fn the_reasons_a_version_2_database_stored_are_read_into_typed_facts_once() {
    use regie_cli_text::os::OsProblem;
    use regie_org::i18n;
    use regie_org::Rejection;
    use regie_prefs::VerifyErrorKind;
    for db in dbs() {
        drop(db.org(false, DefaultPolicy::Allow));
        db.history_as_before_version_3();
        let version = "PRAGMA user_version = 2;";
        db.sql(version, "UPDATE org_schema SET version = 2;");
        let rows: [(&str, String, &str); 9] = [
            (
                "replayed-or-older",
                "This file is older than (or as old as) the last accepted file from this customer (sequence 3, this file 2). The newer one stays in force.".into(),
                "2",
            ),
            ("unknown-key", i18n::E_TOFU_TAKEN.en.into(), "1"),
            ("unknown-key", i18n::E_UNKNOWN_KEY.en.into(), "1"),
            ("unreadable", "Permission denied (os error 13)".into(), "NULL"),
            (
                "unstorable",
                "the database could not store this file: PostgreSQL: invalid byte sequence".into(),
                "NULL",
            ),
            (
                "bad-signature",
                "the signature does not match: the file was changed after signing, or signed with another key".into(),
                "NULL",
            ),
            ("not-a-file", i18n::E_NOT_A_FILE.en.into(), "NULL"),
            ("key-in-use", i18n::E_KEY_IN_USE.en.into(), "4"),
            ("from-a-newer-version", "a newer reason".into(), "NULL"),
        ];
        let mut sql = String::from(
            "INSERT INTO history (at, customer_ref, did, sequence, file_sha256, source, outcome)
             VALUES ('2026-03-01T09:00:00Z', 'c1', NULL, 3, 'aa', 'x', 'accepted');",
        );
        for (code, message, sequence) in &rows {
            sql.push_str(&format!(
                "INSERT INTO history
                   (at, customer_ref, did, sequence, file_sha256, source, outcome, code, message)
                 VALUES ('2026-03-01T10:00:00Z', NULL, {}, {sequence}, 'bb', 'x', 'rejected', {}, {});",
                quoted(&did(2)),
                quoted(code),
                quoted(message)
            ));
        }
        db.sql(&sql, &sql);
        let store = db.store();
        let reasons: Vec<Option<Rejection>> = store
            .history(None)
            .unwrap()
            .into_iter()
            .map(|h| h.reason)
            .collect();
        let detail = regie_prefs::error::Detail::new(
            "",
            "the signature does not match: the file was changed after signing, or signed with another key",
        );
        assert_eq!(
            reasons,
            [
                None,
                Some(Rejection::ReplayedOrOlder {
                    stored: 3,
                    received: 2
                }),
                Some(Rejection::TofuRefTaken {
                    reference: tofu_ref(&did(2))
                }),
                Some(Rejection::UnknownKey),
                Some(Rejection::Unreadable {
                    problem: OsProblem::PermissionDenied,
                    os_text: "Permission denied (os error 13)".into()
                }),
                Some(Rejection::Unstorable {
                    db_text: "PostgreSQL: invalid byte sequence".into()
                }),
                Some(Rejection::Verify {
                    kind: VerifyErrorKind::BadSignature,
                    detail
                }),
                Some(Rejection::NotAFile),
                Some(Rejection::KeyInUse),
                Some(Rejection::Unrecognised {
                    code: "from-a-newer-version".into(),
                    text: "a newer reason".into()
                }),
            ],
            "{}",
            db.name
        );
        let replayed = reasons[1].as_ref().unwrap();
        assert!(
            replayed
                .text(regie_model::Language::Nl)
                .contains("(volgnummer 3, dit bestand 2)"),
            "{}",
            db.name
        );
        // Upgraded once: opening again changes nothing.
        drop(store);
        let again: Vec<_> = db
            .store()
            .history(None)
            .unwrap()
            .into_iter()
            .map(|h| h.reason)
            .collect();
        assert_eq!(again, reasons, "{}", db.name);
    }
}
