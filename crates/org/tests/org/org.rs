//! The in-memory view: bounded, not steered by the time a check asks
//! about, and in step with other processes on the same database (two
//! servers and an importer, as real processes).

use std::time::Duration;

use chrono::Utc;
use regie_model::{Channel, MessageKind};
use regie_org::check::Sent;
use regie_org::store::{self, Store, StoreError};
use regie_org::{DefaultPolicy, Org};

use crate::support::*;

/// How long another process's write may take to reach a check: the
/// documented bound (one second), plus the time the test itself needs to
/// start the writing process and ask.
const BOUND: Duration = Duration::from_millis(1000);

fn capped(n: u32, seq: u64) -> Vec<u8> {
    file(n, seq, |p| p.set_max_per_week(Some(2)).unwrap())
}

/// Regression: one check far in the future used to fill the view with no
/// sends, after which an ordinary check ignored the weekly cap.
#[test]
fn a_check_far_ahead_does_not_switch_the_caps_off() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Block);
        org.store().enrol(&[("c1".into(), did(1))], now()).unwrap();
        org.import_bytes("f", capped(1, 1), now()).unwrap();
        let t = Utc::now() - chrono::Duration::hours(1);
        for _ in 0..2 {
            org.record_send(
                "c1",
                Sent {
                    at: t,
                    channel: Channel::Email,
                    kind: MessageKind::Marketing,
                },
            )
            .unwrap();
        }
        // Another view of the same database, filled by the far check.
        let fresh = Org::open(db.store()).unwrap();
        let far = chrono::DateTime::parse_from_rfc3339("2032-01-01T12:00:00Z")
            .unwrap()
            .to_utc();
        assert!(
            fresh
                .check("c1", Channel::Push, MessageKind::Marketing, far)
                .allowed
        );
        let d = fresh.check("c1", Channel::Push, MessageKind::Marketing, Utc::now());
        assert_eq!(d.reason.code(), "frequency-cap", "{}", db.name);
    }
}

#[test]
fn customers_nobody_knows_do_not_grow_the_view_without_bound() {
    let db = sqlite();
    let org = db.org(false, DefaultPolicy::Block);
    for i in 0..(regie_org::MAX_ABSENT + 5_000) {
        let d = org.check(
            &format!("nobody-{i}"),
            Channel::Push,
            MessageKind::Marketing,
            now(),
        );
        assert_eq!(d.reason.code(), "no-preference-on-file");
    }
    let (known, absent) = org.view_size();
    assert_eq!(known, 0);
    assert!(absent <= regie_org::MAX_ABSENT, "{absent}");
}

/// Two views of one database, each with its own connection: the follower
/// sees the other's import and send within the bound.
#[test]
fn a_following_view_sees_another_connections_writes() {
    for db in dbs() {
        let writer = db.org(false, DefaultPolicy::Allow);
        writer
            .store()
            .enrol(&[("c1".into(), did(1))], now())
            .unwrap();
        writer.import_bytes("1", capped(1, 1), now()).unwrap();
        let url = db.url.clone();
        let reader = Org::open(db.store()).unwrap();
        reader
            .follow_with(Box::new(move || store::open(&url)))
            .unwrap();
        let push = |o: &Org| {
            o.check_cached("c1", Channel::Push, MessageKind::Marketing, Utc::now())
                .map(|d| d.reason.code())
        };
        assert_eq!(push(&reader), Some("allowed"), "{}", db.name);
        writer
            .import_bytes(
                "2",
                file(1, 2, |p| {
                    p.set(Channel::Push, MessageKind::Marketing, false).unwrap();
                    p.set_max_per_week(Some(2)).unwrap();
                }),
                now(),
            )
            .unwrap();
        let took = within(BOUND, || {
            reader
                .check("c1", Channel::Push, MessageKind::Marketing, Utc::now())
                .reason
                .code()
                == "opted-out"
        });
        assert!(took.is_some(), "{}: the opt-out did not arrive", db.name);
        for _ in 0..2 {
            writer
                .record_send(
                    "c1",
                    Sent {
                        at: Utc::now(),
                        channel: Channel::Email,
                        kind: MessageKind::Marketing,
                    },
                )
                .unwrap();
        }
        let took = within(BOUND, || {
            reader
                .check("c1", Channel::Email, MessageKind::Marketing, Utc::now())
                .reason
                .code()
                == "frequency-cap"
        });
        assert!(took.is_some(), "{}: the sends did not arrive", db.name);
    }
}

/// A follower that is stuck (a fault no real database makes on demand, so
/// a store whose wait never ends): after the bound, checks read the store
/// itself instead of answering from the old view.
#[test]
fn a_stuck_follower_never_leaves_checks_on_a_stale_view() {
    struct Stuck(Box<dyn Store>);
    impl Store for Stuck {
        fn config(&self) -> Result<Option<store::OrgConfig>, StoreError> {
            self.0.config()
        }
        fn init(&self, c: &store::OrgConfig, at: chrono::DateTime<Utc>) -> Result<(), StoreError> {
            self.0.init(c, at)
        }
        fn enrol(
            &self,
            c: &[(String, String)],
            at: chrono::DateTime<Utc>,
        ) -> Result<(), StoreError> {
            self.0.enrol(c, at)
        }
        fn apply(
            &self,
            b: &[store::Incoming],
            t: bool,
        ) -> Result<Vec<regie_org::Outcome>, StoreError> {
            self.0.apply(b, t)
        }
        fn state(&self, c: &str) -> Result<Option<store::StateRow>, StoreError> {
            self.0.state(c)
        }
        fn states(&self) -> Result<Vec<store::StateRow>, StoreError> {
            self.0.states()
        }
        fn customers(&self) -> Result<Vec<store::CustomerRow>, StoreError> {
            self.0.customers()
        }
        fn has_customer(&self, c: &str) -> Result<bool, StoreError> {
            self.0.has_customer(c)
        }
        fn evidence(&self, s: &str) -> Result<Option<Vec<u8>>, StoreError> {
            self.0.evidence(s)
        }
        fn record_send(&self, c: &str, s: &Sent) -> Result<(), StoreError> {
            self.0.record_send(c, s)
        }
        fn sends(
            &self,
            c: Option<&str>,
            since: chrono::DateTime<Utc>,
        ) -> Result<Vec<(String, Sent)>, StoreError> {
            self.0.sends(c, since)
        }
        fn history(&self, c: Option<&str>) -> Result<Vec<store::HistoryRow>, StoreError> {
            self.0.history(c)
        }
        fn change_counter(&self) -> Result<u64, StoreError> {
            self.0.change_counter()
        }
        fn changes_since(&self, after: u64) -> Result<store::Changes, StoreError> {
            self.0.changes_since(after)
        }
        fn wait_for_changes(&self, _: Duration) -> Result<(), StoreError> {
            std::thread::sleep(Duration::from_secs(3600));
            Ok(())
        }
    }
    let db = sqlite();
    let writer = db.org(false, DefaultPolicy::Allow);
    writer
        .store()
        .enrol(&[("c1".into(), did(1))], now())
        .unwrap();
    writer.import_bytes("1", file(1, 1, |_| {}), now()).unwrap();
    let url = db.url.clone();
    let reader = Org::open(db.store()).unwrap();
    reader
        .follow_with(Box::new(move || Ok(Box::new(Stuck(store::open(&url)?)))))
        .unwrap();
    assert!(reader.view_is_fresh());
    writer
        .import_bytes(
            "2",
            file(1, 2, |p| {
                p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
            }),
            now(),
        )
        .unwrap();
    std::thread::sleep(regie_org::FRESHNESS + Duration::from_millis(100));
    assert!(!reader.view_is_fresh());
    assert!(reader
        .check_cached("c1", Channel::Push, MessageKind::Marketing, Utc::now())
        .is_none());
    let d = reader.check("c1", Channel::Push, MessageKind::Marketing, Utc::now());
    assert_eq!(d.reason.code(), "opted-out");
}

/// Three real processes on one database: two servers and an importer. An
/// opt-out imported by the importer is enforced by both servers within
/// the bound; sends recorded through one server count against the cap on
/// the other.
#[test]
fn two_servers_and_an_importer_agree_within_a_second() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Allow);
        org.store()
            .enrol(&[("c1".into(), did(1)), ("c2".into(), did(2))], now())
            .unwrap();
        org.import_bytes("1", capped(1, 1), now()).unwrap();
        drop(org);
        let a = Server::start(&db);
        let b = Server::start(&db);
        assert_eq!(a.check("c1", "push", "marketing"), "allowed");
        assert_eq!(b.check("c1", "push", "marketing"), "allowed");
        assert_eq!(b.check("c2", "push", "marketing"), "no-preference-on-file");

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("c1.json"),
            file(1, 2, |p| {
                p.set(Channel::Push, MessageKind::Marketing, false).unwrap();
                p.set_max_per_week(Some(2)).unwrap();
            }),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("c2.json"),
            file(2, 1, |p| {
                p.set(Channel::Sms, MessageKind::Proactive, false).unwrap()
            }),
        )
        .unwrap();
        let o = regie_org(&db)
            .arg("import")
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        for (name, srv) in [("a", &a), ("b", &b)] {
            let took = within(BOUND, || {
                srv.check("c1", "push", "marketing") == "opted-out"
                    && srv.check("c2", "sms", "proactive") == "opted-out"
            });
            assert!(
                took.is_some(),
                "{}: server {name} missed the import",
                db.name
            );
        }

        // One send through server a and one by a command-line process:
        // server b stops at the weekly cap of two.
        assert_eq!(b.check("c1", "email", "marketing"), "allowed");
        let (s, v) = a.call(
            "POST",
            "/v1/sends",
            r#"{"customer": "c1", "channel": "email", "kind": "marketing"}"#,
        );
        assert_eq!(s, 201, "{v}");
        let o = regie_org(&db)
            .args(["record-send", "--customer", "c1", "--channel", "post"])
            .args(["--kind", "marketing"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        let took = within(BOUND, || {
            b.check("c1", "email", "marketing") == "frequency-cap"
        });
        assert!(took.is_some(), "{}: server b missed the sends", db.name);
        let took = within(BOUND, || {
            a.check("c1", "sms", "marketing") == "frequency-cap"
        });
        assert!(took.is_some(), "{}: server a missed the sends", db.name);
    }
}

/// The log of changes is pruned by age as writes go on; a follower that
/// asks for changes older than what is kept is told to start over, never
/// given a partial list.
#[test]
fn a_follower_behind_the_pruned_log_starts_over() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Allow);
        org.store().enrol(&[("c1".into(), did(1))], now()).unwrap();
        let send = || Sent {
            at: Utc::now(),
            channel: Channel::Email,
            kind: MessageKind::Marketing,
        };
        org.record_send("c1", send()).unwrap();
        let store = org.store();
        let seen = store.change_counter().unwrap();
        assert!(!store.changes_since(0).unwrap().reset);
        // Age the log so far beyond what is kept.
        let old = "2026-01-01T00:00:00Z";
        if db.name == "sqlite" {
            let c = rusqlite::Connection::open(db.url.strip_prefix("sqlite:").unwrap()).unwrap();
            c.execute("UPDATE changes SET at = ?1", [old]).unwrap();
        } else {
            let (url, schema) = db.url.split_once('#').unwrap();
            let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
            c.batch_execute(&format!(
                "SET search_path TO {schema}; UPDATE changes SET at = '{old}'"
            ))
            .unwrap();
        }
        // Writes go on until the writer prunes (every 256 changes).
        while store.change_counter().unwrap() % 256 != 0 {
            org.record_send("c1", send()).unwrap();
        }
        let behind = store.changes_since(seen - 1).unwrap();
        assert!(behind.reset, "{}: {behind:?}", db.name);
        // A follower that kept up still gets the customers.
        let now_n = store.change_counter().unwrap();
        org.record_send("c1", send()).unwrap();
        let fresh = store.changes_since(now_n).unwrap();
        assert!(!fresh.reset, "{}", db.name);
        assert_eq!(fresh.customers, ["c1"]);
    }
}
