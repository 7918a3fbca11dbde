//! The decision and its reasons, through `Org::check` on real stores.

use chrono::{Duration, TimeZone, Utc};
use regie_model::contact::parse_hhmm;
use regie_model::{Channel, FeedbackCap, MessageKind, QuietHours};
use regie_org::check::Sent;
use regie_org::{DefaultPolicy, Org, Outcome};

use crate::support::*;

fn org_with(db: &Db, default: DefaultPolicy, files: Vec<Vec<u8>>) -> Org {
    let org = db.org(true, default);
    for f in files {
        let r = org.import_bytes("t", f, now()).unwrap();
        assert!(matches!(r.outcome, Outcome::Accepted { .. }), "{r:?}");
    }
    org
}

fn c(n: u32) -> String {
    regie_org::store::tofu_ref(&did(n))
}

/// 2026-03-02 at 14:00 in Amsterdam (13:00 UTC), a Monday afternoon.
fn afternoon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 13, 0, 0).unwrap()
}

#[test]
fn opted_out_and_global_switch_block_with_their_reason() {
    for db in dbs() {
        let org = org_with(
            &db,
            DefaultPolicy::Allow,
            vec![
                file(1, 1, |p| {
                    p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
                }),
                file_for(&key(2), &org_id(), 1, true, |_| {}),
            ],
        );
        let d = org.check(&c(1), Channel::Push, MessageKind::Marketing, afternoon());
        assert!(!d.allowed);
        assert_eq!(d.reason.code(), "opted-out", "{}", db.name);
        let d = org.check(&c(1), Channel::Email, MessageKind::Marketing, afternoon());
        assert!(d.allowed);
        assert_eq!(d.reason.code(), "allowed");
        let d = org.check(&c(2), Channel::Email, MessageKind::Proactive, afternoon());
        assert!(!d.allowed);
        assert_eq!(d.reason.code(), "global-switch");
    }
}

#[test]
fn quiet_hours_block_in_the_customers_time_zone() {
    for db in dbs() {
        let org = org_with(
            &db,
            DefaultPolicy::Allow,
            vec![file(1, 1, |p| {
                p.quiet_hours = Some(
                    QuietHours::new(
                        parse_hhmm("21:00").unwrap(),
                        parse_hhmm("08:00").unwrap(),
                        "Europe/Amsterdam",
                    )
                    .unwrap(),
                )
            })],
        );
        // 21:30 in Amsterdam is 20:30 UTC (winter time).
        let late = Utc.with_ymd_and_hms(2026, 3, 2, 20, 30, 0).unwrap();
        let d = org.check(&c(1), Channel::Push, MessageKind::Proactive, late);
        assert_eq!((d.allowed, d.reason.code()), (false, "quiet-hours"));
        let d = org.check(&c(1), Channel::Push, MessageKind::Proactive, afternoon());
        assert!(d.allowed);
        // Service messages go through quiet hours.
        assert!(
            org.check(&c(1), Channel::Push, MessageKind::Service, late)
                .allowed
        );
    }
}

#[test]
fn weekly_cap_counts_the_last_seven_days_of_sends() {
    for db in dbs() {
        let org = org_with(
            &db,
            DefaultPolicy::Allow,
            vec![file(1, 1, |p| p.set_max_per_week(Some(2)).unwrap())],
        );
        let at = afternoon();
        let send = |days: i64, kind| Sent {
            at: at - Duration::days(days),
            channel: Channel::Email,
            kind,
        };
        org.record_send(&c(1), send(8, MessageKind::Marketing))
            .unwrap();
        org.record_send(&c(1), send(3, MessageKind::Service))
            .unwrap();
        org.record_send(&c(1), send(2, MessageKind::Marketing))
            .unwrap();
        assert!(
            org.check(&c(1), Channel::Push, MessageKind::Marketing, at)
                .allowed
        );
        org.record_send(&c(1), send(1, MessageKind::Proactive))
            .unwrap();
        let d = org.check(&c(1), Channel::Push, MessageKind::Marketing, at);
        assert_eq!(
            (d.allowed, d.reason.code()),
            (false, "frequency-cap"),
            "{}",
            db.name
        );
        // A fresh Org reads the sends from the store.
        let fresh = Org::open(db.store()).unwrap();
        let d = fresh.check(&c(1), Channel::Push, MessageKind::Marketing, at);
        assert_eq!(d.reason.code(), "frequency-cap");
        // A week later the cap has room again.
        let later = at + Duration::days(7);
        assert!(
            fresh
                .check(&c(1), Channel::Push, MessageKind::Marketing, later)
                .allowed
        );
    }
}

#[test]
fn feedback_cap_never_and_once_per_months() {
    for db in dbs() {
        let org = org_with(
            &db,
            DefaultPolicy::Allow,
            vec![
                file(1, 1, |p| p.feedback_cap = FeedbackCap::Never),
                file(2, 1, |p| {
                    p.feedback_cap = FeedbackCap::OncePerMonths { months: 6 }
                }),
            ],
        );
        let at = afternoon();
        let d = org.check(&c(1), Channel::Email, MessageKind::Feedback, at);
        assert_eq!((d.allowed, d.reason.code()), (false, "feedback-cap"));
        assert!(
            org.check(&c(2), Channel::Email, MessageKind::Feedback, at)
                .allowed
        );
        org.record_send(
            &c(2),
            Sent {
                at: at - Duration::days(100),
                channel: Channel::Email,
                kind: MessageKind::Feedback,
            },
        )
        .unwrap();
        let d = org.check(&c(2), Channel::Email, MessageKind::Feedback, at);
        assert_eq!(
            (d.allowed, d.reason.code()),
            (false, "feedback-cap"),
            "{}",
            db.name
        );
        assert!(
            org.check(
                &c(2),
                Channel::Email,
                MessageKind::Feedback,
                at + Duration::days(90)
            )
            .allowed
        );
    }
}

#[test]
fn no_preference_on_file_follows_the_default() {
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Block);
        let d = org.check("nobody", Channel::Push, MessageKind::Marketing, afternoon());
        assert_eq!(
            (d.allowed, d.reason.code()),
            (false, "no-preference-on-file")
        );
        drop(org);
        let allow = sqlite();
        let org = allow.org(false, DefaultPolicy::Allow);
        let d = org.check("nobody", Channel::Push, MessageKind::Marketing, afternoon());
        assert_eq!(
            (d.allowed, d.reason.code()),
            (true, "no-preference-on-file")
        );
    }
}

#[test]
fn service_messages_are_allowed_and_a_different_service_channel_is_named() {
    for db in dbs() {
        let org = org_with(
            &db,
            DefaultPolicy::Block,
            vec![file_for(&key(1), &org_id(), 1, true, |p| {
                p.service_channel = Some(Channel::Email)
            })],
        );
        let d = org.check(&c(1), Channel::Email, MessageKind::Service, afternoon());
        assert_eq!((d.allowed, d.reason.code()), (true, "service"));
        let d = org.check(&c(1), Channel::Push, MessageKind::Service, afternoon());
        assert_eq!(
            (d.allowed, d.reason.code()),
            (true, "service-other-channel")
        );
        let en = d.reason.message(regie_model::Language::En);
        let nl = d.reason.message(regie_model::Language::Nl);
        assert!(en.contains("E-mail") || en.contains("e-mail"), "{en}");
        assert_ne!(en, nl);
    }
}

/// Stored preferences that cannot be read (damaged by hand, or written by
/// a newer version) must block, never fall back to "allowed".
#[test]
fn doubtful_stored_data_blocks() {
    let db = sqlite();
    let org = org_with(&db, DefaultPolicy::Allow, vec![file(1, 1, |_| {})]);
    assert!(
        org.check(&c(1), Channel::Push, MessageKind::Marketing, afternoon())
            .allowed
    );
    let path = db.url.strip_prefix("sqlite:").unwrap();
    for bad in [
        "{not json",
        "{\"globalSwitch\":false}",
        "{\"globalSwitch\":false,\"contactPreferences\":{\"allowed\":{}}}",
    ] {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.execute("UPDATE accepted_state SET effective = ?1", [bad])
            .unwrap();
        let fresh = Org::open(db.store()).unwrap();
        let d = fresh.check(&c(1), Channel::Push, MessageKind::Marketing, afternoon());
        assert_eq!(
            (d.allowed, d.reason.code()),
            (false, "doubtful-data"),
            "{bad}"
        );
    }
    if let Some(pg) = postgres() {
        let org = org_with(&pg, DefaultPolicy::Allow, vec![file(1, 1, |_| {})]);
        drop(org);
        let (url, schema) = pg.url.split_once('#').unwrap();
        let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
        client
            .batch_execute(&format!(
                "UPDATE {schema}.accepted_state SET effective = '[1,2'"
            ))
            .unwrap();
        let fresh = Org::open(pg.store()).unwrap();
        let d = fresh.check(&c(1), Channel::Push, MessageKind::Marketing, afternoon());
        assert_eq!((d.allowed, d.reason.code()), (false, "doubtful-data"));
    }
}

mod uses {
    use regie_model::{DecisionState as S, LegalBasis as B};
    use regie_org::DefaultPolicy;
    use regie_prefs::{DataCategory, Purpose};

    use super::*;

    /// The customer of the spec's worked example: consent withdrawn for
    /// direct marketing on e-mail address and payment data, an objection
    /// to personalised offers, fraud prevention by law, consent given for a
    /// personalised service, and health marked sensitive.
    fn example() -> Vec<u8> {
        file_with_uses(
            1,
            1,
            vec![
                decision(
                    "dpv:DirectMarketing",
                    &["pd:EmailAddress", "pd:Transactional"],
                    B::Consent,
                    S::ConsentWithdrawn,
                ),
                decision(
                    "dpv:PersonalisedAdvertising",
                    &["pd:Transactional"],
                    B::LegitimateInterest,
                    S::Objected,
                ),
                decision(
                    "dpv:FraudPreventionAndDetection",
                    &["pd:Transactional"],
                    B::LegalObligation,
                    S::Locked,
                ),
                decision(
                    "dpv:ServicePersonalisation",
                    &["pd:Transactional", "pd:Health"],
                    B::Consent,
                    S::ConsentGiven,
                ),
                decision(
                    "dpv:ServiceUsageAnalytics",
                    &["pd:Transactional"],
                    B::LegitimateInterest,
                    S::NotObjected,
                ),
            ],
            &["pd:Health"],
        )
    }

    fn ask(org: &Org, purpose: &str, category: Option<&str>) -> (bool, &'static str) {
        let p = Purpose::parse(purpose).unwrap();
        let cat = category.map(|c| DataCategory::parse(c).unwrap());
        let d = org.check_use(&c(1), &p, cat.as_ref());
        (d.allowed, d.reason.code())
    }

    #[test]
    fn withdrawn_consent_and_objections_are_kept_and_enforced() {
        for db in dbs() {
            let org = org_with(&db, DefaultPolicy::Allow, vec![example()]);
            let cases = [
                (
                    "dpv:DirectMarketing",
                    Some("pd:EmailAddress"),
                    (false, "consent-withdrawn"),
                ),
                ("dpv:DirectMarketing", None, (false, "consent-withdrawn")),
                (
                    "dpv:PersonalisedAdvertising",
                    Some("pd:Transactional"),
                    (false, "objected"),
                ),
                (
                    "dpv:FraudPreventionAndDetection",
                    Some("pd:Transactional"),
                    (true, "locked"),
                ),
                (
                    "dpv:ServicePersonalisation",
                    Some("pd:Transactional"),
                    (true, "consent-given"),
                ),
                (
                    "dpv:ServiceUsageAnalytics",
                    Some("pd:Transactional"),
                    (true, "not-objected"),
                ),
                // Consent given, but the data is sensitive and the purpose
                // personalises: no.
                (
                    "dpv:ServicePersonalisation",
                    Some("pd:Health"),
                    (false, "sensitive-category"),
                ),
                // Sensitive data for a purpose that does not personalise
                // follows the decisions (here: none for it).
                (
                    "dpv:FraudPreventionAndDetection",
                    Some("pd:Health"),
                    (true, "not-mentioned"),
                ),
                // A purpose the file does not mention: the default, saying so.
                (
                    "dpv:ResearchAndDevelopment",
                    Some("pd:Transactional"),
                    (true, "not-mentioned"),
                ),
                (
                    "https://w3id.org/dpv#Marketing",
                    Some("https://w3id.org/dpv/pd#Health"),
                    (false, "sensitive-category"),
                ),
            ];
            for (purpose, category, want) in cases {
                assert_eq!(
                    ask(&org, purpose, category),
                    want,
                    "{}: {purpose} {category:?}",
                    db.name
                );
            }
            let p = Purpose::parse("dpv:FraudPreventionAndDetection").unwrap();
            let d = org.check_use(&c(1), &p, None);
            let en = d.reason.message(regie_model::Language::En);
            let nl = d.reason.message(regie_model::Language::Nl);
            assert!(
                en.contains("Required by law") && en.contains("Art. 6(1)(c)"),
                "{en}"
            );
            assert!(
                nl.contains("Verplicht door de wet") && nl.contains("AVG"),
                "{nl}"
            );
        }
    }

    #[test]
    fn without_a_file_the_default_applies_and_a_newer_file_replaces_the_decisions() {
        for db in dbs() {
            let org = org_with(&db, DefaultPolicy::Block, vec![example()]);
            let p = Purpose::parse("dpv:DirectMarketing").unwrap();
            let d = org.check_use("nobody", &p, None);
            assert_eq!(
                (d.allowed, d.reason.code()),
                (false, "no-preference-on-file")
            );
            // The default also covers what the file does not mention.
            assert_eq!(
                ask(&org, "dpv:ResearchAndDevelopment", None),
                (false, "not-mentioned")
            );
            // The person gives consent again in a newer file.
            let newer = file_with_uses(
                1,
                2,
                vec![decision(
                    "dpv:DirectMarketing",
                    &["pd:EmailAddress"],
                    B::Consent,
                    S::ConsentGiven,
                )],
                &[],
            );
            let r = org.import_bytes("2", newer, now()).unwrap();
            assert!(matches!(r.outcome, Outcome::Accepted { .. }), "{r:?}");
            assert_eq!(
                ask(&org, "dpv:DirectMarketing", Some("pd:EmailAddress")),
                (true, "consent-given")
            );
        }
    }

    /// A database written before decisions were kept: they are read again
    /// from the signed files kept as evidence when it is opened.
    #[test]
    fn decisions_of_files_stored_by_the_previous_version_are_recovered() {
        for db in dbs() {
            let org = org_with(&db, DefaultPolicy::Allow, vec![example()]);
            let state = org.store().state(&c(1)).unwrap().unwrap();
            let mut old: serde_json::Value =
                serde_json::from_str(state.effective.as_deref().unwrap()).unwrap();
            old.as_object_mut().unwrap().remove("uses");
            drop(org);
            downgrade(&db, &c(1), &old.to_string());
            let org = Org::open(db.store()).unwrap();
            assert_eq!(
                ask(&org, "dpv:DirectMarketing", Some("pd:EmailAddress")),
                (false, "consent-withdrawn"),
                "{}",
                db.name
            );
        }
    }

    /// Makes the database look as the previous version left it.
    fn downgrade(db: &Db, customer: &str, effective: &str) {
        db.history_as_before_version_3();
        if db.name == "sqlite" {
            let path = db.url.strip_prefix("sqlite:").unwrap();
            let c = rusqlite::Connection::open(path).unwrap();
            c.execute(
                "UPDATE accepted_state SET effective = ?2 WHERE customer_ref = ?1",
                rusqlite::params![customer, effective],
            )
            .unwrap();
            c.execute_batch(
                "DROP TABLE retired_keys; DROP TABLE changes; DROP TABLE change_counter;
                 PRAGMA user_version = 0;",
            )
            .unwrap();
        } else {
            let (url, schema) = db.url.split_once('#').unwrap();
            let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
            c.batch_execute(&format!("SET search_path TO {schema}"))
                .unwrap();
            c.execute(
                "UPDATE accepted_state SET effective = $2 WHERE customer_ref = $1",
                &[&customer, &effective],
            )
            .unwrap();
            c.batch_execute(
                "DROP TABLE retired_keys; DROP TABLE changes; DROP TABLE change_counter;
                 DROP TABLE org_schema;",
            )
            .unwrap();
        }
    }
}
