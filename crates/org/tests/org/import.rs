//! Hostile files among valid ones: each is its own rejection, recorded
//! with a reason, and never costs another customer's "no". On SQLite and
//! PostgreSQL, through a directory, standard input and HTTP.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use regie_model::{Channel, MessageKind};
use regie_org::store::{Incoming, Verdict};
use regie_org::{DefaultPolicy, Org, Outcome};

use crate::support::*;

/// The customers whose valid files travel with the hostile ones; each
/// switched marketing push off.
const VALID: std::ops::RangeInclusive<u32> = 1..=6;

fn valid_file(n: u32) -> Vec<u8> {
    file(n, 2, |p| {
        p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
    })
}

/// Files an attacker (or a broken sender) could put in an inbox, by name.
fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    let mut nul_issuer = String::from_utf8(file(40, 1, |_| {})).unwrap();
    let issuer = nul_issuer
        .find("\"issuer\": \"")
        .map(|i| i + "\"issuer\": \"".len())
        .unwrap();
    nul_issuer.insert_str(issuer + "did:key:".len(), "\\u0000");
    let mut control_in_key = String::from_utf8(file(41, 1, |_| {})).unwrap();
    control_in_key = control_in_key.replacen(
        "\"issued\"",
        "\"\\u001b[2K\\r accepted\\u202e\": 1, \"issued\"",
        1,
    );
    vec![
        ("nul-keys.json", br#"{"\u0000":1,"\u0000":2}"#.to_vec()),
        ("nul-issuer.json", nul_issuer.into_bytes()),
        ("control-in-key.json", control_in_key.into_bytes()),
        ("raw-nul.json", b"\0\0\0".to_vec()),
        ("raw-control.json", b"{\"a\x1b[2K\r\": 1}".to_vec()),
        ("huge.json", vec![b' '; 200_000]),
        ("deep.json", b"[".repeat(100_000)),
        ("bad-escape.json", br#"{"a": "\x41"}"#.to_vec()),
        ("not-utf8.json", b"{\"a\": \"\xff\xfe\"}".to_vec()),
        ("lone-surrogate.json", br#"{"a": "\ud800"}"#.to_vec()),
        ("bom.json", b"\xef\xbb\xbf{}".to_vec()),
        ("empty.json", Vec::new()),
    ]
}

/// No character a terminal or PostgreSQL would trip over.
fn assert_clean(what: &str, s: &str) {
    assert!(
        !s.chars().any(|c| c.is_control() && c != '\n'),
        "{what} has a control character: {s:?}"
    );
}

/// Every valid customer's "no" is stored and enforced; every hostile file
/// is in the history as rejected, with a reason and clean text.
fn assert_kept(org: &Org, hostile: usize) {
    for n in VALID {
        let c = format!("c{n}");
        let s = org
            .store()
            .state(&c)
            .unwrap()
            .unwrap_or_else(|| panic!("{c}'s file was lost"));
        assert_eq!(s.sequence, 2, "{c}");
        let d = org.check(&c, Channel::Push, MessageKind::Marketing, now());
        assert_eq!(d.reason.code(), "opted-out", "{c}");
    }
    let history = org.store().history(None).unwrap();
    let rejected: Vec<_> = history.iter().filter(|h| h.outcome == "rejected").collect();
    assert_eq!(rejected.len(), hostile, "{history:#?}");
    for h in &history {
        assert_clean("a stored source", &h.source);
        if let Some(r) = &h.reason {
            assert_clean("a stored reason", &r.message());
            for lang in regie_model::Language::ALL {
                assert_clean("a reason shown", &r.text(lang));
            }
        }
        if h.outcome == "rejected" {
            assert!(h.reason.is_some(), "{h:?}");
        }
    }
}

fn enrolled(db: &Db) -> Org {
    let org = db.org(false, DefaultPolicy::Allow);
    let customers: Vec<(String, String)> = VALID.map(|n| (format!("c{n}"), did(n))).collect();
    org.store().enrol(&customers, now()).unwrap();
    org
}

/// An inbox: the hostile files first, the valid ones after them (so a
/// stopped import would lose them), plus things that are not files.
fn inbox(dir: &Path) -> usize {
    let mut n = 0;
    for (name, bytes) in hostile_files() {
        std::fs::write(dir.join(name), bytes).unwrap();
        n += 1;
    }
    // A name with control characters, holding a tampered file.
    let mut tampered = valid_file(1);
    let last = tampered.len() - 10;
    tampered[last] ^= 1;
    std::fs::write(dir.join("evil\r\u{1b}[1;32maccepted.json"), tampered).unwrap();
    n += 1;
    // A pipe nobody writes to: opening it must not wait for ever.
    let fifo = dir.join("a-pipe.json");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    n += 1;
    // A link to a valid file and one to an endless device: links in an
    // inbox are not followed.
    std::fs::write(dir.join("..real"), valid_file(1)).unwrap();
    std::os::unix::fs::symlink(dir.join("..real"), dir.join("b-link.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("b-zero.json")).unwrap();
    n += 2;
    for v in VALID {
        std::fs::write(dir.join(format!("z-valid-{v}.json")), valid_file(v)).unwrap();
    }
    n
}

#[test]
fn hostile_files_in_a_directory_are_each_rejected_and_the_rest_is_kept() {
    for db in dbs() {
        let org = enrolled(&db);
        let dir = tempfile::tempdir().unwrap();
        let hostile = inbox(dir.path());
        // Small batches: a failure in one must not lose later ones.
        let report = org
            .import_paths(
                &[dir.path().to_owned()],
                regie_org::ImportOptions { batch: 3, ..opts() },
            )
            .unwrap_or_else(|e| panic!("{}: the import stopped: {e}", db.name));
        assert_eq!(report.accepted, VALID.count(), "{}", db.name);
        assert_eq!(report.rejected, hostile, "{}: {report:#?}", db.name);
        let codes: Vec<&str> = report
            .files
            .iter()
            .filter_map(|f| match &f.outcome {
                Outcome::Rejected { reason, .. } => Some(reason.code()),
                _ => None,
            })
            .collect();
        assert_eq!(
            codes.iter().filter(|c| **c == "not-a-file").count(),
            3,
            "{codes:?}"
        );
        for f in &report.files {
            assert_clean("a reported source", &f.source);
        }
        assert_kept(&org, hostile);
    }
}

#[test]
fn hostile_files_on_standard_input_are_rejected_one_by_one() {
    for db in dbs() {
        let org = enrolled(&db);
        drop(org);
        let mut hostile = 0;
        for (name, bytes) in hostile_files() {
            let mut child = regie_org(&db)
                .args(["import", "-"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdin = child.stdin.take().unwrap();
            // The importer may stop reading a huge input early.
            let _ = stdin.write_all(&bytes);
            drop(stdin);
            let o = child.wait_with_output().unwrap();
            assert_eq!(o.status.code(), Some(1), "{name}: {o:?}");
            assert_clean(name, &String::from_utf8_lossy(&o.stdout));
            hostile += 1;
        }
        for n in VALID {
            let mut child = regie_org(&db)
                .args(["import", "-"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(&valid_file(n))
                .unwrap();
            assert_eq!(child.wait().unwrap().code(), Some(0));
        }
        assert_kept(&Org::open(db.store()).unwrap(), hostile);
    }
}

#[test]
fn hostile_files_over_http_get_a_json_rejection_and_the_rest_is_kept() {
    for db in dbs() {
        drop(enrolled(&db));
        let srv = Server::start(&db);
        let mut hostile = 0;
        for (name, bytes) in hostile_files() {
            let body = String::from_utf8_lossy(&bytes).into_owned();
            if body.as_bytes() != bytes.as_slice() {
                // Not text: sent as raw bytes below.
                let (s, v) = raw_post(&srv, &bytes);
                assert!(matches!(s, 400 | 413 | 422), "{name}: {s} {v}");
                assert!(v["error"]["code"].is_string(), "{name}: {v}");
            } else {
                let (s, v) = srv.call("POST", "/v1/files", &body);
                assert!(matches!(s, 413 | 422), "{name}: {s} {v}");
                assert!(v["error"]["code"].is_string(), "{name}: {v}");
                assert_clean(name, &v.to_string());
            }
            // A body over the limit never reaches the store.
            if bytes.len() <= 65_536 {
                hostile += 1;
            }
        }
        for n in VALID {
            let body = String::from_utf8(valid_file(n)).unwrap();
            let (s, v) = srv.call("POST", "/v1/files", &body);
            assert_eq!(s, 201, "{v}");
        }
        assert_kept(&Org::open(db.store()).unwrap(), hostile);
    }
}

fn raw_post(srv: &Server, bytes: &[u8]) -> (u16, serde_json::Value) {
    use std::io::Read;
    let mut s = std::net::TcpStream::connect(&srv.addr).unwrap();
    write!(
        s,
        "POST /v1/files HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        srv.token,
        bytes.len()
    )
    .unwrap();
    s.write_all(bytes).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let start = body.find('{').unwrap_or(0);
    let end = body.rfind('}').map_or(body.len(), |e| e + 1);
    (status, serde_json::from_str(&body[start..end]).unwrap())
}

/// The importer's own output: a file named to look "accepted" on a
/// terminal is shown with its control characters written out.
#[test]
fn rejection_lines_cannot_rewrite_the_operators_terminal() {
    let db = sqlite();
    drop(enrolled(&db));
    let dir = tempfile::tempdir().unwrap();
    inbox(dir.path());
    let o = regie_org(&db)
        .arg("import")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_clean("the import output", &out);
    assert!(
        out.contains("evil\\u{000D}\\u{001B}[1;32maccepted.json: rejected"),
        "{out}"
    );
    let o = regie_org(&db).arg("history").output().unwrap();
    assert_clean("the history output", &String::from_utf8_lossy(&o.stdout));
}

/// What the database itself refuses for one file (here a NUL in a text
/// PostgreSQL is asked to look up, from a caller of the store that did not
/// clean it) rejects that file as `unstorable`; the batch goes on.
#[test]
fn a_value_the_database_refuses_rejects_only_that_file() {
    let Some(db) = postgres() else { return };
    let org = enrolled(&db);
    let mut batch = vec![Incoming {
        source: "bad\0name".into(),
        sha256: "00".repeat(32),
        bytes: Vec::new(),
        received_at: now(),
        verdict: Verdict::Rejected {
            issuer: Some("did:key:z\0".into()),
            reason: regie_org::Rejection::Verify {
                kind: regie_prefs::VerifyErrorKind::Syntax,
                detail: regie_prefs::error::Detail::new("slecht\0", "bad\0"),
            },
        },
    }];
    for n in VALID {
        batch.push(regie_org::import::examine(
            format!("v{n}"),
            valid_file(n),
            &org_id(),
            now(),
        ));
    }
    let out = org.store().apply(&batch, false).unwrap();
    assert!(
        matches!(&out[0], Outcome::Rejected { reason, .. } if reason.code() == "unstorable"),
        "{out:?}"
    );
    assert_eq!(
        out.iter()
            .filter(|o| matches!(o, Outcome::Accepted { .. }))
            .count(),
        VALID.count()
    );
    assert_kept(&org, 1);
}

/// Regression: a 200 MB file was said to be "65537 bytes", the number of
/// bytes read before it was refused. A file's true size is named; of a
/// stream only that it is larger than the limit.
#[test]
fn a_file_too_large_is_named_by_its_true_size() {
    let db = sqlite();
    drop(db.org(false, DefaultPolicy::Block));
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    std::fs::write(&big, vec![b' '; 200_000]).unwrap();
    let o = regie_org(&db).arg("import").arg(&big).output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(
            "(too-large) the file is 200000 bytes, and a preference file is at most 65536 bytes"
        ),
        "{out}"
    );
    assert!(!out.contains("65537"), "{out}");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_regie-org"))
        .arg("--db")
        .arg(&db.url)
        .args(["--lang", "nl", "import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        // The reader stops after the limit; the rest may not be taken.
        let _ = stdin.write_all(&vec![b' '; 200_000]);
    }
    let o = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("(too-large) er kwamen meer dan 65536 bytes binnen"),
        "{out}"
    );
    assert!(!out.contains("65537"), "{out}");
}
