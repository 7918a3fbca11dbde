//! The `regie-org` binary: commands, output language and exit codes.

use std::process::{Command, Output};

use regie_org::DefaultPolicy;

use crate::support::*;

fn run(db: &Db, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_regie-org"))
        .arg("--db")
        .arg(&db.url)
        .args(args)
        .env_remove("REGIE_LANG")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn commands_exit_codes_and_languages() {
    for db in dbs() {
        let dir = tempfile::tempdir().unwrap();
        let o = run(
            &db,
            &[
                "--lang",
                "en",
                "check",
                "--customer",
                "c1",
                "--channel",
                "push",
                "--kind",
                "marketing",
            ],
        );
        assert_eq!(o.status.code(), Some(4), "not set up: {}", text(&o));

        let o = run(
            &db,
            &[
                "--lang",
                "en",
                "init",
                "--org",
                ORG,
                "--name",
                "Bank",
                "--default",
                "allow",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let o = run(&db, &["init", "--org", ORG, "--name", "Bank"]);
        assert_eq!(o.status.code(), Some(4), "{}", text(&o));

        let o = run(
            &db,
            &["enrol", "--customer", "c1", "--did", "did:web:example.com"],
        );
        assert_eq!(o.status.code(), Some(5), "{}", text(&o));
        let o = run(
            &db,
            &[
                "--lang",
                "nl",
                "enrol",
                "--customer",
                "c1",
                "--did",
                &did(1),
            ],
        );
        assert_eq!(o.status.code(), Some(0));
        assert!(text(&o).contains("ingeschreven"), "{}", text(&o));

        let good = dir.path().join("good.json");
        std::fs::write(
            &good,
            file(1, 2, |p| {
                p.set(
                    regie_model::Channel::Push,
                    regie_model::MessageKind::Marketing,
                    false,
                )
                .unwrap()
            }),
        )
        .unwrap();
        let stranger = dir.path().join("stranger.json");
        std::fs::write(&stranger, file(2, 1, |_| {})).unwrap();
        let o = run(&db, &["--lang", "en", "import", good.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert!(text(&o).contains("1 accepted"), "{}", text(&o));
        let o = run(
            &db,
            &[
                "--json",
                "import",
                good.to_str().unwrap(),
                stranger.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["already_imported"], 1);
        assert_eq!(v["rejected"], 1);

        let at = soon(13);
        let check = |lang: &str, kind: &str| {
            run(
                &db,
                &[
                    "--lang",
                    lang,
                    "check",
                    "--customer",
                    "c1",
                    "--channel",
                    "push",
                    "--kind",
                    kind,
                    "--at",
                    &at,
                ],
            )
        };
        let o = check("en", "marketing");
        assert_eq!(o.status.code(), Some(1));
        assert!(text(&o).starts_with("BLOCKED (opted-out)"), "{}", text(&o));
        let o = check("nl", "marketing");
        assert!(
            text(&o).starts_with("NIET STUREN (opted-out)"),
            "{}",
            text(&o)
        );
        let o = check("en", "proactive");
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));

        let o = run(
            &db,
            &[
                "record-send",
                "--customer",
                "nobody",
                "--channel",
                "push",
                "--kind",
                "marketing",
            ],
        );
        assert_eq!(o.status.code(), Some(5));
        let o = run(
            &db,
            &[
                "record-send",
                "--customer",
                "c1",
                "--channel",
                "email",
                "--kind",
                "marketing",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));

        let o = run(
            &db,
            &[
                "suppressions",
                "--channel",
                "push",
                "--kind",
                "marketing",
                "--format",
                "csv",
            ],
        );
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "customer,reason\nc1,opted-out\n"
        );
        let o = run(
            &db,
            &[
                "suppressions",
                "--channel",
                "email",
                "--kind",
                "marketing",
                "--format",
                "jsonl",
            ],
        );
        assert_eq!(String::from_utf8_lossy(&o.stdout), "");

        let o = run(&db, &["--lang", "en", "history", "--customer", "c1"]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(text(&o).lines().count(), 1, "{}", text(&o));
        let o = run(&db, &["--json", "history"]);
        assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 2);

        let o = run(&db, &["check", "--customer", "c1"]);
        assert_eq!(o.status.code(), Some(2), "usage");
        let o = run(
            &db,
            &[
                "--json",
                "check",
                "--customer",
                "c1",
                "--channel",
                "fax",
                "--kind",
                "marketing",
            ],
        );
        // An unknown channel is a usage error, named by clap with the
        // channels there are.
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        let e: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
        assert_eq!(e["error"]["code"], "usage");
        assert!(
            e["error"]["message"]
                .as_str()
                .unwrap()
                .contains("push, in-app"),
            "{e}"
        );
    }
}

/// `regie-org serve` answers over HTTP and stops cleanly on SIGTERM.
#[cfg(unix)]
#[test]
fn serve_answers_and_stops_on_sigterm() {
    let db = sqlite();
    let o = run(&db, &["init", "--org", ORG, "--name", "Bank", "--tofu"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let srv = Server::start(&db);
    let (status, body) = srv.call(
        "GET",
        "/v1/check?customer=nobody&channel=push&kind=marketing",
        "",
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["reason"]["code"], "no-preference-on-file", "{body}");
    let (status, rest) = srv.stop();
    assert_eq!(status.code(), Some(0), "{rest}");
    assert!(rest.contains("Stopped"), "{rest}");
}

/// Two `regie-org import` processes on one database, started together on
/// the same 200 customers' files in opposite orders: for every customer the
/// highest sequence wins, with one state row and one accepted history entry
/// for it; nothing is lost and nothing is stored twice.
#[test]
fn two_importer_processes_race_to_the_highest_sequence() {
    use crate::store::{race_files, CUSTOMERS, SEQS};
    let files = race_files();
    for db in dbs() {
        let setup = db.org(false, regie_org::DefaultPolicy::Block);
        let enrol: Vec<(String, String)> =
            (0..CUSTOMERS).map(|n| (format!("c{n}"), did(n))).collect();
        setup.store().enrol(&enrol, now()).unwrap();
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for seq in 1..=SEQS {
            for n in 0..CUSTOMERS {
                let bytes = &files[((seq - 1) * u64::from(CUSTOMERS) + u64::from(n)) as usize];
                // A directory is imported in name order: `a` from the
                // oldest files up, `b` from the newest down.
                std::fs::write(a.path().join(format!("{seq}-{n:03}.json")), bytes).unwrap();
                let down = SEQS + 1 - seq;
                std::fs::write(b.path().join(format!("{down}-{n:03}.json")), bytes).unwrap();
            }
        }
        let start = |dir: &std::path::Path| {
            Command::new(env!("CARGO_BIN_EXE_regie-org"))
                .arg("--db")
                .arg(&db.url)
                .args(["import", "--json"])
                .arg(dir)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (pa, pb) = (start(a.path()), start(b.path()));
        for p in [
            pa.wait_with_output().unwrap(),
            pb.wait_with_output().unwrap(),
        ] {
            // 0: all accepted; 1: some older files refused. Nothing else.
            assert!(
                matches!(p.status.code(), Some(0 | 1)),
                "{}: {}",
                db.name,
                text(&p)
            );
        }
        let states = setup.store().states().unwrap();
        assert_eq!(states.len(), CUSTOMERS as usize, "{}", db.name);
        assert!(states.iter().all(|s| s.sequence == SEQS), "{}", db.name);
        let h = setup.store().history(None).unwrap();
        for n in 0..CUSTOMERS {
            let last = h
                .iter()
                .filter(|r| {
                    r.customer.as_deref() == Some(format!("c{n}").as_str())
                        && r.outcome == "accepted"
                        && r.sequence == Some(SEQS)
                })
                .count();
            assert_eq!(last, 1, "c{n} on {}", db.name);
        }
    }
}

#[test]
fn checks_and_sends_more_than_a_week_from_now_are_refused() {
    let db = sqlite();
    drop(db.org(false, DefaultPolicy::Block));
    let far = (chrono::Utc::now() + chrono::Duration::days(8)).to_rfc3339();
    let past = (chrono::Utc::now() - chrono::Duration::days(8)).to_rfc3339();
    for at in [&far, &past, &"2032-01-01T12:00:00Z".to_owned()] {
        for cmd in ["check", "record-send"] {
            let o = run(
                &db,
                &[
                    "--lang",
                    "en",
                    cmd,
                    "--customer",
                    "c1",
                    "--channel",
                    "push",
                    "--kind",
                    "marketing",
                    "--at",
                    at,
                ],
            );
            assert_eq!(o.status.code(), Some(5), "{cmd} {at}: {}", text(&o));
            assert!(
                text(&o).contains("more than 7 days from now"),
                "{}",
                text(&o)
            );
        }
    }
    let o = run(
        &db,
        &[
            "--lang",
            "nl",
            "check",
            "--customer",
            "c1",
            "--channel",
            "push",
            "--kind",
            "marketing",
            "--at",
            &far,
        ],
    );
    assert!(text(&o).contains("meer dan 7 dagen"), "{}", text(&o));
}

#[test]
fn check_use_and_purpose_suppressions_on_the_command_line() {
    use regie_model::{DecisionState as S, LegalBasis as B};
    for db in dbs() {
        let org = db.org(false, DefaultPolicy::Allow);
        org.store()
            .enrol(&[("c1".into(), did(1)), ("c2".into(), did(2))], now())
            .unwrap();
        let withdrawn = decision(
            "dpv:DirectMarketing",
            &["pd:EmailAddress"],
            B::Consent,
            S::ConsentWithdrawn,
        );
        org.import_bytes(
            "1",
            file_with_uses(1, 1, vec![withdrawn], &["pd:Health"]),
            now(),
        )
        .unwrap();
        drop(org);
        let ask = |lang: &str, args: &[&str]| {
            let mut a = vec!["--lang", lang, "check-use", "--customer"];
            a.extend_from_slice(args);
            run(&db, &a)
        };
        let o = ask(
            "en",
            &[
                "c1",
                "--purpose",
                "dpv:DirectMarketing",
                "--category",
                "pd:EmailAddress",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(
            text(&o).starts_with("DO NOT USE (consent-withdrawn)"),
            "{}",
            text(&o)
        );
        let o = ask("nl", &["c1", "--purpose", "dpv:DirectMarketing"]);
        assert!(
            text(&o).starts_with("NIET GEBRUIKEN (consent-withdrawn)"),
            "{}",
            text(&o)
        );
        let o = ask(
            "en",
            &[
                "c1",
                "--purpose",
                "dpv:Marketing",
                "--category",
                "pd:Health",
            ],
        );
        assert!(text(&o).contains("(sensitive-category)"), "{}", text(&o));
        let o = ask("en", &["c2", "--purpose", "dpv:DirectMarketing"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert!(text(&o).contains("(no-preference-on-file)"), "{}", text(&o));
        let o = run(
            &db,
            &[
                "--json",
                "check-use",
                "--customer",
                "c1",
                "--purpose",
                "dpv:ResearchAndDevelopment",
            ],
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["reason"]["code"], "not-mentioned");
        assert_eq!(v["allowed"], true);
        for bad in [["--purpose", "Marketing!"], ["--purpose", "pd:Health"]] {
            let o = ask("en", &["c1", bad[0], bad[1]]);
            assert_eq!(o.status.code(), Some(5), "{}", text(&o));
            assert!(text(&o).contains("is not a DPV purpose"), "{}", text(&o));
        }
        let o = run(
            &db,
            &[
                "suppressions",
                "--purpose",
                "dpv:DirectMarketing",
                "--category",
                "pd:EmailAddress",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "customer,reason\nc1,consent-withdrawn\n"
        );
    }
}

/// Regression: the signal handlers were installed only after the server
/// said it listened, so a SIGTERM right then killed it without a clean
/// stop.
#[test]
fn a_sigterm_right_after_start_still_stops_cleanly() {
    let db = sqlite();
    let o = run(&db, &["init", "--org", ORG, "--name", "Bank"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    for _ in 0..5 {
        let (status, rest) = Server::start(&db).stop();
        assert_eq!(status.code(), Some(0), "{status:?} {rest}");
        assert!(rest.contains("Stopped"), "{rest}");
    }
}

/// `--help` and usage errors were English in Dutch mode: clap's own.
/// Now they are in the chosen language, with the usage line, exit 2.
#[test]
fn help_and_usage_errors_are_in_the_chosen_language() {
    let db = sqlite();
    let o = run(&db, &["--lang", "nl", "--help"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let help = String::from_utf8_lossy(&o.stdout);
    for want in [
        "Gebruik: regie-org [OPTIES] <OPDRACHT>",
        "Opdrachten:",
        "Opties:",
        "Toon deze hulp",
        "- nl: Nederlands",
    ] {
        assert!(help.contains(want), "{want:?} in:\n{help}");
    }
    for english in [
        "Usage",
        "Commands:",
        "Options:",
        "Print help",
        "Import and enforce",
    ] {
        assert!(!help.contains(english), "{english:?} in:\n{help}");
    }
    let o = run(&db, &["--lang", "en", "check", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(
        help.contains("Usage: regie-org check [OPTIONS] --customer <CUSTOMER>"),
        "{help}"
    );
    assert!(
        help.contains("[possible values: push, in-app, email, sms, phone, post]"),
        "{help}"
    );

    let o = Command::new(env!("CARGO_BIN_EXE_regie-org"))
        .arg("chek")
        .env("REGIE_LANG", "nl")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("Fout: 'chek' is geen opdracht. Bedoelt u "),
        "{err}"
    );
    assert!(
        err.contains("'check'") && err.contains("\nGebruik: regie-org "),
        "{err}"
    );
    assert!(!err.contains("error:") && !err.contains("Usage"), "{err}");

    let fax = [
        "check",
        "--customer",
        "c1",
        "--channel",
        "fax",
        "--kind",
        "marketing",
    ];
    let o = run(&db, &[&["--lang", "nl"][..], &fax].concat());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("Fout: 'fax' kan niet bij --channel <KANAAL>. Kies uit: push, in-app, email, sms, phone, post."),
        "{err}"
    );
    assert!(
        err.contains("Gebruik: regie-org check [OPTIES] --customer <KLANT>"),
        "{err}"
    );
    assert!(err.contains("Meer uitleg: regie-org check --help"), "{err}");
    let o = run(&db, &[&["--lang", "en"][..], &fax].concat());
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .starts_with("Error: 'fax' is not a valid value for --channel <CHANNEL>."),
        "{}",
        text(&o)
    );

    let o = run(&db, &["--lang", "nl", "check", "--customer"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).starts_with("Fout: "), "{}", text(&o));
}

/// An operating-system error was shown in the system's English inside a
/// Dutch sentence ("kan niet luisteren op ...: Address already in use").
/// In Dutch it is named in Dutch; the system's words stay for English
/// and `--json`.
#[test]
fn operating_system_errors_are_named_in_the_chosen_language() {
    let db = sqlite();
    let o = run(&db, &["init", "--org", ORG, "--name", "Bank"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let missing = missing.to_str().unwrap();

    let o = run(&db, &["--lang", "nl", "serve", "--token-file", missing]);
    assert_eq!(o.status.code(), Some(6), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("kan het tokenbestand"), "{err}");
    assert!(
        err.contains(": het bestand of de map bestaat niet"),
        "{err}"
    );
    assert!(!err.contains("No such file"), "{err}");
    let o = run(
        &db,
        &["--json", "--lang", "nl", "serve", "--token-file", missing],
    );
    let e: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(e["error"]["code"], "io");
    assert!(
        e["error"]["os_error"]
            .as_str()
            .unwrap()
            .contains("os error"),
        "{e}"
    );

    let token = dir.path().join("token");
    std::fs::write(&token, TEST_TOKEN).unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let o = run(
        &db,
        &[
            "--lang",
            "nl",
            "serve",
            "--listen",
            &addr,
            "--token-file",
            token.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(6), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("een ander programma gebruikt dit adres al"),
        "{err}"
    );

    let o = run(&db, &["--lang", "nl", "import", missing]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(
            "(unreadable) Het bestand is niet gelezen: het bestand of de map bestaat niet."
        ),
        "{out}"
    );
    assert!(!out.contains("No such file"), "{out}");
    // The history keeps the kind of error: Dutch later too, the system's
    // words in English.
    let o = run(&db, &["--lang", "nl", "history"]);
    assert!(
        text(&o).contains("het bestand of de map bestaat niet"),
        "{}",
        text(&o)
    );
    let o = run(&db, &["--lang", "en", "history"]);
    assert!(
        text(&o).contains("No such file or directory"),
        "{}",
        text(&o)
    );
}

/// `regie-org token --out FILE` writes a new token that `serve` takes:
/// owner-only, 64 hexadecimal digits, a new one every time; `serve`
/// refuses one that could be guessed.
#[cfg(unix)]
#[test]
fn token_writes_a_new_owner_only_token_that_serve_accepts() {
    use std::os::unix::fs::PermissionsExt;
    let db = sqlite();
    drop(db.org(false, DefaultPolicy::Block));
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for name in ["a", "b"] {
        let path = dir.path().join(name);
        let o = Command::new("sh")
            .args(["-c", "umask 000; exec \"$@\"", "sh"])
            .arg(env!("CARGO_BIN_EXE_regie-org"))
            .args(["--lang", "en", "token", "--out"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("readable by its owner only"),
            "{}",
            text(&o)
        );
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let t = std::fs::read_to_string(&path).unwrap();
        let t = t.trim();
        assert_eq!(t.len(), 64);
        assert!(t.bytes().all(|b| b.is_ascii_hexdigit()));
        seen.push(t.to_owned());
    }
    assert_ne!(seen[0], seen[1]);
    // Regression: a 3-character token was taken. The refusal says why and
    // what to do, before the database is opened.
    let weak = dir.path().join("weak");
    std::fs::write(&weak, "abc\n").unwrap();
    let o = regie_org(&db)
        .args(["serve", "--listen", "127.0.0.1:0", "--token-file"])
        .arg(&weak)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(6), "{}", text(&o));
    assert!(
        text(&o).contains("is too easy to guess: it holds about 1 bit of randomness")
            && text(&o).contains("regie-org token --out NEW-FILE"),
        "{}",
        text(&o)
    );
    let mut server = regie_org(&db)
        .args(["serve", "--listen", "127.0.0.1:0", "--token-file"])
        .arg(dir.path().join("a"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stderr.take().unwrap()),
        &mut line,
    )
    .unwrap();
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(line.starts_with("Listening on"), "{line}");
}
