//! Every failure tells the truth and changes nothing. Each row of the
//! README's exit-code table is run here as a person and a program would
//! run it: the real binary, in English, in Dutch and with `--json` in
//! both, with the database's folder compared byte for byte before and
//! after (a failed command changes no file and makes none).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use regie_model::{Channel, MessageKind};
use regie_org::store::{OrgConfig, SqliteStore, Store};
use regie_org::{DefaultPolicy, Org};

use crate::support::*;

/// Every path under `dir` with its bytes (`None` for a folder).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.insert(p.clone(), None);
                todo.push(p);
            } else {
                out.insert(p.clone(), Some(std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

/// What a case's database is before the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// No file at the path.
    Missing,
    /// Set up (default: block), with c1 (a file: no marketing by push) and
    /// c2 (whose key was rotated to customer key 4) enrolled.
    Ready,
    /// A text file where the database should be.
    Garbage,
    /// A folder where the database should be.
    Folder,
    /// An empty file.
    Empty,
}

/// Makes the database of `start` in `dir`; its URL.
fn prepare(start: Start, dir: &Path) -> String {
    let db = dir.join("org.db");
    match start {
        Start::Missing => {}
        Start::Ready => {
            let store = SqliteStore::open(&db).unwrap();
            store
                .init(
                    &OrgConfig {
                        id: org_id(),
                        name: "Voorbeeldbank N.V.".into(),
                        default: DefaultPolicy::Block,
                        tofu: false,
                    },
                    now(),
                )
                .unwrap();
            let org = Org::open(Box::new(store)).unwrap();
            org.store()
                .enrol(&[("c1".into(), did(1)), ("c2".into(), did(2))], now())
                .unwrap();
            let f = file(1, 1, |p| {
                p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
            });
            org.import_bytes("c1.json", f, now()).unwrap();
            org.import_bytes("rot.json", rotation(&key(2), &key(4), 1), now())
                .unwrap();
        }
        Start::Garbage => std::fs::write(&db, "Notes, not a database.\n".repeat(20)).unwrap(),
        Start::Folder => std::fs::create_dir(&db).unwrap(),
        Start::Empty => std::fs::write(&db, "").unwrap(),
    }
    format!("sqlite:{}", db.display())
}

/// One command and what it must answer.
struct Case {
    start: Start,
    /// The arguments after `--db URL --lang L [--json]`; `{dir}` is the
    /// database's folder, `{in}` a folder of given files (see
    /// [`given`]), `{busy}` an address in use, `{did1}` and `{did2}` the
    /// keys of customers 1 and 2.
    args: &'static [&'static str],
    exit: u8,
    /// The error code (`--json`'s `error.code`), or for an answer of
    /// `check` the reason's code; empty for other answers.
    code: &'static str,
    /// A part of the message in English and in Dutch.
    en: &'static str,
    nl: &'static str,
    /// Run under `sh -c` with this prepended (a limit, a trap).
    wrap: Option<&'static str>,
}

const fn case(
    start: Start,
    args: &'static [&'static str],
    exit: u8,
    code: &'static str,
    en: &'static str,
    nl: &'static str,
) -> Case {
    Case {
        start,
        args,
        exit,
        code,
        en,
        nl,
        wrap: None,
    }
}

use Start::*;

const CHECK_PUSH: &[&str] = &[
    "check",
    "--customer",
    "c1",
    "--channel",
    "push",
    "--kind",
    "marketing",
];

/// The README's exit-code table, row by row.
const CASES: &[Case] = &[
    // 0: ok; check allowed.
    case(Ready, &["import", "{in}/c1.json"], 0, "",
         "1 file: 0 accepted, 1 already imported, 0 rejected.",
         "1 bestand: 0 aangenomen, 1 al ingelezen, 0 afgekeurd."),
    case(Ready, &["check", "--customer", "c1", "--channel", "email", "--kind", "marketing"], 0, "allowed",
         "ALLOWED (allowed)", "MAG (allowed)"),
    // 1: some files rejected; check blocked.
    case(Ready, &["check-use", "--customer", "c1", "--purpose", "dpv:ServiceProvision"], 1, "not-mentioned",
         "DO NOT USE (not-mentioned)", "NIET GEBRUIKEN (not-mentioned)"),
    case(Ready, &["import", "{in}/stranger.json", "{in}/c1.json"], 1, "",
         "2 files: 0 accepted, 1 already imported, 1 rejected.",
         "2 bestanden: 0 aangenomen, 1 al ingelezen, 1 afgekeurd."),
    case(Ready, CHECK_PUSH, 1, "opted-out", "BLOCKED (opted-out)", "NIET STUREN (opted-out)"),
    // A customer the database does not know gets the organisation's
    // default, as one who never sent a file does.
    case(Ready, &["check", "--customer", "NOBODY", "--channel", "push", "--kind", "marketing"], 1,
         "no-preference-on-file",
         "BLOCKED (no-preference-on-file): No preference file from this customer: the organisation's default applies.",
         "NIET STUREN (no-preference-on-file): Geen voorkeurenbestand van deze klant"),
    case(Ready, &["check-use", "--customer", "NOBODY", "--purpose", "dpv:DirectMarketing"], 1,
         "no-preference-on-file", "DO NOT USE (no-preference-on-file)", "NIET GEBRUIKEN (no-preference-on-file)"),
    // 2: usage.
    case(Ready, &["chek"], 2, "usage", "'chek' is not a command", "'chek' is geen opdracht"),
    case(Ready, &["check", "--customer", "c1", "--channel", "fax", "--kind", "marketing"], 2, "usage",
         "'fax' is not a valid value for --channel", "'fax' kan niet bij --channel"),
    case(Ready, &["--db", "mysql://db.example/org", "history"], 2, "usage",
         "unknown database mysql://db.example/org", "onbekende database mysql://db.example/org"),
    case(Ready, &["--db", "postgres://regie@127.0.0.1:1/org?sslmode=sure", "history"], 2, "usage",
         "unknown sslmode 'sure'", "onbekende sslmode 'sure'"),
    // 3: the database failed or cannot be reached.
    case(Garbage, CHECK_PUSH, 3, "store-not-a-database",
         "this file is not a regie-org database (not an SQLite file)",
         "dit bestand is geen regie-org-database (geen SQLite-bestand)"),
    case(Garbage, &["init", "--org", ORG, "--name", "Bank"], 3, "store-not-a-database",
         "not a regie-org database", "geen regie-org-database"),
    case(Folder, CHECK_PUSH, 3, "store-cannot-open",
         "cannot open the database file", "dit is een map, geen bestand"),
    case(Missing, &["--db", "sqlite:{dir}/no/such/folder/org.db", "init", "--org", ORG, "--name", "Bank"], 3,
         "store-cannot-create", "cannot create the database file", "het bestand of de map bestaat niet"),
    case(Missing, &["--db", "postgres://regie@127.0.0.1:1/org", "history"], 3, "store-unreachable",
         "the database server cannot be reached", "de databaseserver is niet te bereiken"),
    Case {
        // A write that the system stops half-way (here: a file size
        // limit, EFBIG) is undone whole.
        wrap: Some("trap '' XFSZ; ulimit -f 80;"),
        ..case(Ready, &["import", "{in}/many"], 3, "store-io",
               "the disk reported an error while reading or writing",
               "de schijf gaf een fout bij lezen of schrijven")
    },
    // 4: not set up, or set up already. Nothing is created.
    case(Missing, CHECK_PUSH, 4, "not-initialised",
         "there is no regie-org database in sqlite:", "er is geen regie-org-database in sqlite:"),
    case(Missing, &["check-use", "--customer", "c1", "--purpose", "dpv:DirectMarketing"], 4,
         "not-initialised", "Nothing was created or changed", "Er is niets gemaakt of veranderd"),
    case(Missing, &["history"], 4, "not-initialised", "regie-org init", "regie-org init"),
    case(Missing, &["suppressions", "--channel", "push", "--kind", "marketing"], 4, "not-initialised",
         "regie-org init", "regie-org init"),
    case(Missing, &["record-send", "--customer", "c1", "--channel", "push", "--kind", "marketing"], 4,
         "not-initialised", "regie-org init", "regie-org init"),
    case(Missing, &["import", "{in}/c1.json"], 4, "not-initialised", "regie-org init", "regie-org init"),
    case(Missing, &["enrol", "--customer", "c1", "--did", "{did1}"], 4, "not-initialised",
         "regie-org init", "regie-org init"),
    case(Missing, &["serve", "--listen", "127.0.0.1:0", "--token-file", "{in}/token"], 4,
         "not-initialised", "regie-org init", "regie-org init"),
    case(Empty, CHECK_PUSH, 4, "not-initialised", "is not set up", "niet ingesteld"),
    case(Ready, &["init", "--org", ORG, "--name", "Bank"], 4, "already-initialised",
         "already set up for organisation kvk:33031431", "al ingesteld voor organisatie kvk:33031431"),
    // 5: invalid input.
    case(Missing, &["init", "--org", "KvK 123", "--name", "Bank"], 5, "invalid-input",
         "is not a valid organisation id", "is geen geldig organisatiekenmerk"),
    case(Ready, &["enrol", "--customer", "c9", "--did", "did:web:example.com"], 5, "invalid-input",
         "is not a valid did:key identifier", "is geen geldig did:key-kenmerk"),
    case(Ready, &["enrol", "--customer", "c9", "--did", "{did1}"], 5, "key-in-use",
         "this key already belongs to customer c1", "deze sleutel hoort al bij klant c1"),
    case(Ready, &["enrol", "--customer", "c9", "--did", "{did2}"], 5, "key-retired",
         "was replaced by a newer key of customer c2", "vervangen door een nieuwe sleutel van klant c2"),
    case(Ready, &["check", "--customer", "c1", "--channel", "push", "--kind", "marketing", "--at", "tomorrow"],
         5, "invalid-input", "is not a time like", "is geen tijdstip zoals"),
    case(Ready, &["record-send", "--customer", "c1", "--channel", "push", "--kind", "marketing",
                  "--at", "2032-01-01T12:00:00Z"],
         5, "invalid-input", "more than 7 days from now", "meer dan 7 dagen van nu"),
    case(Ready, &["check-use", "--customer", "c1", "--purpose", "Marketing!"], 5, "invalid-input",
         "is not a DPV purpose", "is geen DPV-doel"),
    case(Ready, &["suppressions", "--purpose", "dpv:Marketing", "--category", "Email"], 5, "invalid-input",
         "is not a DPV data category", "is geen DPV-gegevenssoort"),
    case(Ready, &["record-send", "--customer", "NOBODY", "--channel", "push", "--kind", "marketing"], 5,
         "unknown-customer", "customer NOBODY is unknown", "klant NOBODY is onbekend"),
    // 6: a file or an address cannot be used.
    case(Ready, &["serve", "--listen", "127.0.0.1:0", "--token-file", "{in}/missing"], 6, "io",
         "cannot read the token file", "het bestand of de map bestaat niet"),
    case(Ready, &["serve", "--listen", "127.0.0.1:0", "--token-file", "{in}/empty"], 6, "token-empty",
         "is empty", "is leeg"),
    case(Ready, &["serve", "--listen", "127.0.0.1:0", "--token-file", "{in}/weak"], 6, "token-weak",
         "is too easy to guess: it holds about 1 bit of randomness, and at least 128 are needed. Make a new token with regie-org token --out NEW-FILE",
         "is te makkelijk te raden: er zit ongeveer 1 bit toeval in, en er zijn er minstens 128 nodig. Maak een nieuw token met regie-org token --out NIEUW-BESTAND"),
    case(Ready, &["serve", "--listen", "127.0.0.1:0", "--token-file", "{in}/word"], 6, "token-weak",
         "bits of randomness", "bits toeval"),
    case(Ready, &["serve", "--listen", "{busy}", "--token-file", "{in}/token"], 6, "io",
         "cannot listen on", "een ander programma gebruikt dit adres al"),
    case(Ready, &["token", "--out", "{dir}/org.db"], 6, "file-exists",
         "exists already, and an existing file is never overwritten",
         "bestaat al, en een bestaand bestand wordt nooit overschreven"),
    case(Ready, &["token", "--out", "{dir}/no/such/folder/token"], 6, "io",
         "cannot write the token file", "het bestand of de map bestaat niet"),
    case(Missing, &["--db", "postgres://regie@127.0.0.1:1/org?sslrootcert={in}/missing.pem", "history"], 6,
         "tls-root-cert", "cannot read the root certificate", "kan het rootcertificaat"),
];

/// The files the cases are given, in a folder of their own.
fn given() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let f = file(1, 1, |p| {
        p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
    });
    std::fs::write(p.join("c1.json"), f).unwrap();
    std::fs::write(p.join("stranger.json"), file(9, 1, |_| {})).unwrap();
    std::fs::write(p.join("token"), TEST_TOKEN).unwrap();
    std::fs::write(p.join("empty"), "\n").unwrap();
    std::fs::write(p.join("weak"), "abc\n").unwrap();
    std::fs::write(p.join("word"), "Voorbeeldbank-geheim\n").unwrap();
    let many = p.join("many");
    std::fs::create_dir(&many).unwrap();
    for n in 0..400 {
        std::fs::write(many.join(format!("{n}.json")), file(100 + n, 1, |_| {})).unwrap();
    }
    dir
}

fn fill(arg: &str, dir: &Path, input: &Path, busy: &str) -> String {
    arg.replace("{dir}", &dir.display().to_string())
        .replace("{in}", &input.display().to_string())
        .replace("{busy}", busy)
        .replace("{did1}", &did(1))
        .replace("{did2}", &did(2))
}

/// Runs a case on the database at `url` (the case's own `--db`, if it
/// has one, instead).
fn run(
    c: &Case,
    url: &str,
    dir: &Path,
    input: &Path,
    busy: &str,
    lang: &str,
    json: bool,
) -> Output {
    let mut args: Vec<String> = vec!["--lang".into(), lang.into()];
    if !c.args.contains(&"--db") {
        args.extend(["--db".into(), url.to_owned()]);
    }
    if json {
        args.push("--json".into());
    }
    args.extend(c.args.iter().map(|a| fill(a, dir, input, busy)));
    let bin = env!("CARGO_BIN_EXE_regie-org");
    let mut cmd = match c.wrap {
        None => Command::new(bin),
        Some(w) => {
            let mut sh = Command::new("sh");
            sh.args(["-c", &format!("{w} exec \"$@\""), "sh", bin]);
            sh
        }
    };
    cmd.args(&args)
        .env_remove("REGIE_LANG")
        .env_remove("REGIE_ORG_DB")
        .output()
        .unwrap()
}

fn show(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every row of the README's exit-code table: the code, the message in
/// both languages (and nothing of the other), what goes to stdout and
/// stderr, `--json`'s `{"error":{"code","message"}}`, and for a failure
/// (or a check, which only reads) the database folder byte for byte as it
/// was.
#[test]
fn every_exit_code_row_in_both_languages_and_json_changes_nothing_when_it_fails() {
    let input = given();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let busy = busy.local_addr().unwrap().to_string();
    let mut codes = std::collections::BTreeSet::new();
    for c in CASES {
        codes.insert(c.exit);
        let answer = c.exit <= 1;
        let reads_only = !c.args.contains(&"import");
        for (lang, json) in [("en", false), ("nl", false), ("en", true), ("nl", true)] {
            let dir = tempfile::tempdir().unwrap();
            let url = prepare(c.start, dir.path());
            let before = snapshot(dir.path());
            let o = run(c, &url, dir.path(), input.path(), &busy, lang, json);
            let what = format!(
                "{:?} {} ({lang}, json: {json})\n{}",
                c.start,
                c.args.join(" "),
                show(&o)
            );
            assert_eq!(o.status.code(), Some(i32::from(c.exit)), "{what}");
            let (out, err) = (
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr),
            );
            let (want, other) = match lang {
                "en" => (c.en, c.nl),
                _ => (c.nl, c.en),
            };
            if answer {
                assert!(err.is_empty(), "an answer goes to stdout only: {what}");
                if json {
                    let v: serde_json::Value =
                        serde_json::from_str(out.lines().last().unwrap_or_default())
                            .unwrap_or_else(|e| panic!("{e}: {what}"));
                    if !c.code.is_empty() {
                        assert_eq!(v["reason"]["code"], c.code, "{what}");
                    }
                } else {
                    assert!(out.contains(want), "{want:?} in {what}");
                }
            } else {
                assert!(out.is_empty(), "a failure prints nothing on stdout: {what}");
                let message = if json {
                    let v: serde_json::Value = serde_json::from_str(err.trim())
                        .unwrap_or_else(|e| panic!("not one JSON object ({e}): {what}"));
                    assert_eq!(v["error"]["code"], c.code, "{what}");
                    v["error"]["message"].as_str().unwrap().to_owned()
                } else {
                    let prefix = if lang == "en" { "Error: " } else { "Fout: " };
                    assert!(err.starts_with(prefix), "{what}");
                    err.into_owned()
                };
                assert!(message.contains(want), "{want:?} in {what}");
                if other != want {
                    assert!(
                        !message.contains(other),
                        "the other language's {other:?} in {what}"
                    );
                }
                if lang == "nl" {
                    // No system's or database's English in Dutch.
                    for english in [
                        "os error",
                        "No such file",
                        "database said",
                        "Connection refused",
                        "SQLite:",
                    ] {
                        assert!(!message.contains(english), "{english:?} in {what}");
                    }
                }
            }
            if !answer || reads_only {
                let after = snapshot(dir.path());
                let mut made: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
                made.sort();
                assert!(made.is_empty(), "files made: {made:?}: {what}");
                assert!(before == after, "the database changed: {what}");
            }
        }
    }
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        [0, 1, 2, 3, 4, 5, 6],
        "every row of the table has a case"
    );
}

/// The README's exit-code table has a row for every code the binary uses
/// (0 to 6, each shown above), and no other; the decision about customers
/// the database does not know is written down beside it.
#[test]
fn the_readme_lists_every_exit_code() {
    let readme = include_str!("../../README.md");
    let table = readme
        .split("## Exit codes")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    for code in 0..=6 {
        assert!(
            table.contains(&format!("| {code} |")),
            "exit code {code} is not in the README's table"
        );
    }
    assert!(!table.contains("| 7 |"));
    // The decision about customers the database does not know is written
    // down where the table is.
    assert!(
        table.contains("NOBODY") || table.contains("does not know"),
        "{table}"
    );
}

/// `init` that fails leaves no database file: not for an organisation id
/// that is wrong (checked before anything is made), nor for a file it made
/// and could not set up.
#[test]
fn a_failed_init_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("org.db");
    let o = Command::new(env!("CARGO_BIN_EXE_regie-org"))
        .arg("--db")
        .arg(format!("sqlite:{}", db.display()))
        .args([
            "--lang",
            "en",
            "init",
            "--org",
            "not an id",
            "--name",
            "Bank",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", show(&o));
    assert!(snapshot(dir.path()).is_empty());
}

/// A full disk: a real file system of 1 MiB (tmpfs, in a mount namespace
/// of its own) with room for the database and 64 KiB more. An import and
/// an enrolment fail with "the disk is full" in the chosen language, exit
/// 3, and the database is byte for byte what it was, with no file beside
/// it. Needs `unshare` (util-linux) and a kernel that lets this user make
/// a mount namespace; without them, it says so and checks nothing.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_changes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let input = given();
    let mnt = work.path().join("disk");
    let out = work.path().join("out");
    std::fs::create_dir(&mnt).unwrap();
    std::fs::create_dir(&out).unwrap();
    // Everything runs in one namespace: the file system goes with it.
    let script = r#"
set -e
mount -t tmpfs -o size=1m tmpfs "$D"
"$BIN" --db "sqlite:$D/org.db" init --org kvk:33031431 --name Bank > /dev/null
"$BIN" --db "sqlite:$D/org.db" enrol --customer c0 --did "$DID" > /dev/null
head -c 65536 /dev/zero > "$D/room"
dd if=/dev/zero of="$D/filler" bs=4096 2>/dev/null || true
rm "$D/room"
snap() { (cd "$D" && ls -A | sort && sha256sum org.db) > "$O/$1"; }
snap before
n=0
for args in "--lang en import $FILES" "--lang nl import $FILES" "--lang nl --json import $FILES" \
            "--lang en --json enrol --customer c9 --did $DID9"; do
  n=$((n + 1))
  set +e
  "$BIN" --db "sqlite:$D/org.db" $args > "$O/$n.out" 2> "$O/$n.err"
  echo $? > "$O/$n.code"
  set -e
  snap "after$n"
done
"#;
    let o = Command::new("unshare")
        .args(["-rm", "sh", "-c", script])
        .env("D", &mnt)
        .env("O", &out)
        .env("BIN", env!("CARGO_BIN_EXE_regie-org"))
        .env("FILES", input.path().join("many"))
        .env("DID", did(0))
        .env("DID9", did(9))
        .env_remove("REGIE_LANG")
        .output();
    let Ok(o) = o.map_err(|e| eprintln!("note: no unshare ({e}); the full-disk test did not run"))
    else {
        return;
    };
    if !out.join("before").exists() {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("unshare") || err.contains("mount"),
            "the script failed for another reason: {}",
            show(&o)
        );
        eprintln!("note: no mount namespace here ({err}); the full-disk test did not run");
        return;
    }
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    let before = read("before");
    assert!(before.starts_with("filler\norg.db\n"), "{before}");
    let expect = [
        (
            "en",
            false,
            "Error: the database's disk is full. Make room and try again.",
        ),
        (
            "nl",
            false,
            "Fout: de schijf van de database is vol. Maak ruimte vrij en probeer het opnieuw.",
        ),
        ("nl", true, "de schijf van de database is vol"),
        ("en", true, "the database's disk is full"),
    ];
    for (i, (lang, json, want)) in expect.iter().enumerate() {
        let n = i + 1;
        let what = format!(
            "run {n} ({lang}): {}{}",
            read(&format!("{n}.out")),
            read(&format!("{n}.err"))
        );
        assert_eq!(read(&format!("{n}.code")).trim(), "3", "{what}");
        assert_eq!(read(&format!("{n}.out")), "", "{what}");
        let err = read(&format!("{n}.err"));
        let message = if *json {
            let v: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
            assert_eq!(v["error"]["code"], "store-full", "{what}");
            assert_eq!(v["error"]["db_error"], "database or disk is full", "{what}");
            v["error"]["message"].as_str().unwrap().to_owned()
        } else {
            err.clone()
        };
        assert!(message.contains(want), "{what}");
        if *lang == "nl" {
            assert!(!message.contains("disk is full"), "{what}");
        }
        assert_eq!(
            read(&format!("after{n}")),
            before,
            "the database changed: {what}"
        );
    }
}

/// A read-only command against a PostgreSQL schema that does not exist
/// says "not set up" and does not create it; `init` does, in the same
/// transaction as the tables.
#[test]
fn read_only_commands_create_no_postgres_schema() {
    let Some(db) = postgres() else { return };
    let (base, schema) = db.url.split_once('#').unwrap();
    let exists = || {
        let mut c = postgres::Client::connect(base, postgres::NoTls).unwrap();
        c.query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname = $1",
            &[&schema],
        )
        .unwrap()
        .get::<_, i64>(0)
            == 1
    };
    let token = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(token.path(), TEST_TOKEN).unwrap();
    let token = token.path().to_str().unwrap().to_owned();
    let runs: [&[&str]; 9] = [
        CHECK_PUSH,
        &[
            "check-use",
            "--customer",
            "c1",
            "--purpose",
            "dpv:DirectMarketing",
        ],
        &["history"],
        &["suppressions", "--channel", "push", "--kind", "marketing"],
        &[
            "record-send",
            "--customer",
            "c1",
            "--channel",
            "push",
            "--kind",
            "marketing",
        ],
        &["enrol", "--customer", "c1", "--did", &did(1)],
        &["import", "-"],
        &["serve", "--listen", "127.0.0.1:0", "--token-file", &token],
        &["init", "--org", "not an id", "--name", "Bank"],
    ];
    for args in runs {
        let o = regie_org(&db)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let want = if args[0] == "init" { 5 } else { 4 };
        assert_eq!(o.status.code(), Some(want), "{args:?}: {}", show(&o));
        assert!(!exists(), "{args:?} created the schema");
    }
    let o = regie_org(&db)
        .args(["init", "--org", ORG, "--name", "Bank"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(exists());
    let o = regie_org(&db).args(CHECK_PUSH).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
}

/// PostgreSQL's refusals are named by kind, in both languages, with the
/// server's own words only in English and `db_error`: a database that does
/// not exist, a user the server does not know.
#[test]
fn postgres_refusals_are_named_by_kind() {
    let Ok(url) = std::env::var("REGIE_TEST_POSTGRES_URL") else {
        eprintln!("note: REGIE_TEST_POSTGRES_URL is not set; skipping");
        return;
    };
    let (scheme_user, rest) = url.split_once('@').unwrap();
    let (host, _db) = rest.split_once('/').unwrap();
    let no_db = format!("{scheme_user}@{host}/regie_no_such_database");
    let no_user = format!("postgres://regie_no_such_user@{host}/postgres");
    for (db, code, en, nl, said) in [
        (
            &no_db,
            "store-no-database",
            "the database that --db names does not exist on the server",
            "de database die --db noemt, bestaat niet op de server",
            "3D000",
        ),
        (
            &no_user,
            "store-login",
            "the database server refused the user name or password",
            "de databaseserver weigert de gebruikersnaam of het wachtwoord",
            "28000",
        ),
    ] {
        for (lang, want) in [("en", en), ("nl", nl)] {
            let o = Command::new(env!("CARGO_BIN_EXE_regie-org"))
                .args(["--db", db, "--lang", lang, "--json", "history"])
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(3), "{}", show(&o));
            let v: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
            assert_eq!(v["error"]["code"], code, "{v}");
            let message = v["error"]["message"].as_str().unwrap();
            assert!(message.contains(want), "{v}");
            assert_eq!(message.contains(said), lang == "en", "{v}");
            assert!(
                v["error"]["db_error"].as_str().unwrap().starts_with(said),
                "{v}"
            );
        }
    }
}
