//! `regie request`, `regie requests` and `regie directory`: a request from
//! the draft to overdue with its letters as text, PDF and e-mail, the
//! answer's file, the directory, and bad input refused in both languages
//! with the vault left as it was. "Today" is `REGIE_TODAY`.

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::{json_error, stderr, Home};

const SHOP: &str = "kvk:99999906";

fn at(home: &Home, today: &str, args: &[&str]) -> Output {
    home.cmd(args).env("REGIE_TODAY", today).output().unwrap()
}

fn ok_at(home: &Home, today: &str, args: &[&str]) -> String {
    let o = at(home, today, args);
    assert!(
        o.status.success(),
        "regie {args:?} failed ({:?}): {}",
        o.status.code(),
        stderr(&o)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn json_at(home: &Home, today: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok_at(home, today, &all)).unwrap()
}

fn pdf_text(path: &Path) -> String {
    let o = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// A vault with the example organisations and one access request to the
/// bookshop, drafted on Monday 2 March 2026; returns its number.
fn with_request(home: &Home) -> String {
    home.with_examples();
    let v = json_at(
        home,
        "2026-03-02",
        &[
            "request",
            "new",
            SHOP,
            "--right",
            "access",
            "--detail",
            "name=Sam de Vries",
            "--detail",
            "email=sam@example.nl",
            "--detail",
            "klantnummer=K-1001",
        ],
    );
    assert_eq!(v["request"]["status"]["state"], "draft", "{v}");
    assert_eq!(v["request"]["details"]["customer_number"], "K-1001", "{v}");
    v["id"].to_string()
}

#[test]
fn a_request_from_draft_to_overdue_with_its_letters_as_text_pdf_and_email() {
    let home = Home::new();
    let id = with_request(&home);
    assert_eq!(id, "1");
    let dir = home.dir.path();

    // The letter as text (to standard output), as a PDF for the post and as
    // an e-mail.
    let text = ok_at(
        &home,
        "2026-03-02",
        &["request", "letter", &id, "--out", "-"],
    );
    assert!(text.contains("Boekhandel Voorbeeld"), "{text}");
    assert!(
        text.contains("Sam de Vries") && text.contains("K-1001"),
        "{text}"
    );
    let pdf = dir.join("access.pdf");
    let out = ok_at(
        &home,
        "2026-03-02",
        &[
            "request",
            "letter",
            &id,
            "--format",
            "pdf",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.contains("access.pdf"), "{out}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let in_pdf = words(&pdf_text(&pdf));
    for want in [
        "Boekhandel Voorbeeld",
        "Sam de Vries",
        "K-1001",
        "Article 15",
        // A letter for the post states the deadline from its arrival, two
        // working days after posting: Wednesday 4 March, so 7 April (6 April
        // is Easter Monday).
        "7 April 2026",
    ] {
        assert!(in_pdf.contains(want), "{want} not in:\n{in_pdf}");
    }
    // The text of the letter is the PDF's text.
    let first_paragraph = text
        .lines()
        .find(|l| l.starts_with("I would like to know"))
        .unwrap();
    assert!(in_pdf.contains(&words(first_paragraph)), "{in_pdf}");
    let eml = dir.join("access.eml");
    ok_at(
        &home,
        "2026-03-02",
        &[
            "request",
            "letter",
            &id,
            "--format",
            "eml",
            "--out",
            eml.to_str().unwrap(),
        ],
    );
    let eml = std::fs::read_to_string(&eml).unwrap();
    assert!(eml.contains("X-Unsent: 1\r\n"), "{eml}");
    assert!(eml.contains("sam@example.nl"), "{eml}");

    // Sent by e-mail that day: due a month later.
    let v = json_at(
        &home,
        "2026-03-02",
        &[
            "request",
            "sent",
            &id,
            "--on",
            "2026-03-02",
            "--via",
            "email",
        ],
    );
    assert_eq!(v["due"], "2026-04-02", "{v}");
    assert_eq!(v["status"]["state"], "sent", "{v}");
    // Too early for a reminder.
    let o = at(
        &home,
        "2026-04-02",
        &["request", "letter", &id, "--kind", "reminder", "--out", "-"],
    );
    assert_eq!(o.status.code(), Some(9), "{}", stderr(&o));
    assert!(stderr(&o).contains("2026-04-02"), "{}", stderr(&o));

    // A month and a day later it is overdue, marked, and the reminder and
    // the complaint can be written.
    let v = json_at(&home, "2026-04-03", &["requests"]);
    let r = &v["requests"][0];
    assert_eq!(r["overdue"], true, "{v}");
    assert_eq!(r["status"]["state"], "overdue", "{v}");
    assert_eq!(r["status"]["days_late"], 1, "{v}");
    assert_eq!(
        r["letters"],
        serde_json::json!(["letter", "reminder", "complaint"])
    );
    let en = ok_at(&home, "2026-04-03", &["requests"]);
    assert!(en.contains("OVERDUE") && en.contains("2026-04-02"), "{en}");
    let nl = ok_at(&home, "2026-04-03", &["--lang", "nl", "requests"]);
    assert!(nl.contains("TE LAAT") && nl.contains("Inzage"), "{nl}");
    let reminder = ok_at(
        &home,
        "2026-04-03",
        &[
            "--lang", "nl", "request", "letter", &id, "--kind", "reminder", "--out", "-",
        ],
    );
    assert!(reminder.contains("Herinnering"), "{reminder}");
    assert!(reminder.contains("2 april 2026"), "{reminder}");
    let complaint = dir.join("complaint.pdf");
    let out = ok_at(
        &home,
        "2026-04-03",
        &[
            "request",
            "letter",
            &id,
            "--kind",
            "complaint",
            "--format",
            "pdf",
            "--out",
            complaint.to_str().unwrap(),
        ],
    );
    assert!(out.contains("autoriteitpersoonsgegevens.nl"), "{out}");
    assert!(pdf_text(&complaint).contains("Autoriteit Persoonsgegevens"));

    // The answer, with a file: kept, and its hash is the file's.
    let answer = dir.join("answer.txt");
    std::fs::write(&answer, "Hierbij uw gegevens.").unwrap();
    let v = json_at(
        &home,
        "2026-04-10",
        &[
            "request",
            "answered",
            &id,
            "--on",
            "2026-04-09",
            "--outcome",
            "partial",
            "--file",
            answer.to_str().unwrap(),
        ],
    );
    let file = &v["request"]["answer_file"];
    assert_eq!(file["name"], "answer.txt", "{v}");
    assert_eq!(
        file["sha256"],
        data_hex(&Sha256::digest(b"Hierbij uw gegevens.")),
        "{v}"
    );
    assert_eq!(v["request"]["status"]["late"], true, "{v}");
    let history = ok_at(&home, "2026-04-10", &["history", SHOP]);
    assert!(
        history.contains("answered partly on 2026-04-09 (late); file answer.txt kept"),
        "{history}"
    );
}

fn data_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Every file in the home, byte for byte.
fn files(home: &Home) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(home.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn bad_requests_say_so_in_both_languages_and_leave_the_vault_as_it_was() {
    let home = Home::new();
    let id = with_request(&home);
    let big = home.dir.path().join("big.pdf");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(10 * 1024 * 1024 + 1).unwrap();
    drop(f);
    let not_sent = ["request", "answered", &id, "--on", "2026-03-10"];
    let cases: Vec<(&str, Vec<&str>, u8, &str)> = vec![
        (
            "2026-03-10",
            vec!["request", "new", "kvk:12345678", "--right", "access"],
            8,
            "unknown-organisation",
        ),
        (
            "2026-03-10",
            vec![
                "request",
                "sent",
                &id,
                "--on",
                "2026-03-11",
                "--via",
                "email",
            ],
            9,
            "invalid-input",
        ),
        ("2026-03-10", not_sent.to_vec(), 9, "invalid-input"),
        (
            "2026-03-10",
            vec![
                "request",
                "sent",
                "42",
                "--on",
                "2026-03-10",
                "--via",
                "post",
            ],
            9,
            "invalid-input",
        ),
        (
            "2026-03-10",
            vec![
                "request",
                "new",
                SHOP,
                "--right",
                "objection",
                "--purpose",
                "Reclame aan u",
                "--detail",
                "nameless",
            ],
            9,
            "invalid-input",
        ),
        ("next tuesday", vec!["requests"], 9, "invalid-input"),
    ];
    let check = |today: &str, args: &[&str], code: u8, name: &str| {
        let before = files(&home);
        let mut messages = Vec::new();
        for lang in ["nl", "en"] {
            let mut all = vec!["--json", "--lang", lang];
            all.extend_from_slice(args);
            let o = at(&home, today, &all);
            assert_eq!(
                o.status.code(),
                Some(i32::from(code)),
                "{args:?}: {}",
                stderr(&o)
            );
            let err = json_error(&o);
            assert_eq!(err["code"], name, "{args:?}");
            messages.push(err["message"].as_str().unwrap().to_owned());
            assert!(o.stdout.is_empty());
        }
        assert_ne!(messages[0], messages[1], "{args:?}");
        assert!(files(&home) == before, "{args:?} changed the vault");
        messages
    };
    for (today, args, code, name) in &cases {
        check(today, args, *code, name);
    }
    // The request sent, then an answer before it was sent, and a file over
    // the limit.
    ok_at(
        &home,
        "2026-03-10",
        &[
            "request",
            "sent",
            &id,
            "--on",
            "2026-03-09",
            "--via",
            "post",
        ],
    );
    let m = check(
        "2026-03-10",
        &["request", "answered", &id, "--on", "2026-03-08"],
        9,
        "invalid-input",
    );
    assert!(
        m[0].contains("2026-03-09") && m[1].contains("2026-03-09"),
        "{m:?}"
    );
    let m = check(
        "2026-03-10",
        &[
            "request",
            "answered",
            &id,
            "--on",
            "2026-03-10",
            "--file",
            big.to_str().unwrap(),
        ],
        9,
        "invalid-input",
    );
    assert!(
        m[0].contains("10.0 MB") && m[1].contains("10.0 MB"),
        "{m:?}"
    );
    // In the future, said in words.
    let m = check(
        "2026-03-10",
        &["request", "answered", &id, "--on", "2026-03-12"],
        9,
        "invalid-input",
    );
    assert!(
        m[0].contains("toekomst") && m[1].contains("future"),
        "{m:?}"
    );
}

#[test]
fn the_directory_finds_abn_amro_and_a_correction_wins() {
    let home = Home::new();
    home.ok(&["init", "--passphrase"]);
    let v = home.json(&["directory", "search", "ABN AMRO"]);
    let first = &v["results"][0];
    assert_eq!(first["slug"], "abn-amro", "{v}");
    assert_eq!(first["email"], "privacy.office@nl.abnamro.com", "{v}");
    assert_eq!(first["verified"], true, "{v}");
    let nl = home.ok(&["--lang", "nl", "directory", "search", "abnamro"]);
    assert!(nl.contains("ABN AMRO Bank N.V. [abn-amro]"), "{nl}");
    assert!(nl.contains("datarequests.org (CC0)"), "{nl}");
    let v = home.json(&[
        "directory",
        "add",
        "abn-amro",
        "--privacy-email",
        "privacy@example.nl",
    ]);
    assert_eq!(v["privacy_contact"]["email"], "privacy@example.nl", "{v}");
    assert_eq!(
        v["privacy_contact"]["directory"]["email_corrected"], true,
        "{v}"
    );
    let id = json_at(
        &home,
        "2026-03-02",
        &[
            "request", "new", "abn-amro", "--right", "erasure", "--detail", "name=Sam",
        ],
    )["id"]
        .to_string();
    let eml = home.dir.path().join("e.eml");
    // Without the person's own address there is no e-mail to write.
    let o = at(
        &home,
        "2026-03-02",
        &[
            "request",
            "letter",
            &id,
            "--format",
            "eml",
            "--out",
            eml.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(9), "{}", stderr(&o));
    assert!(stderr(&o).contains("--detail email="), "{}", stderr(&o));
    assert!(!eml.exists());
    let text = ok_at(
        &home,
        "2026-03-02",
        &["request", "letter", &id, "--out", "-"],
    );
    assert!(text.contains("Gustav Mahlerlaan 10"), "{text}");
    // An unchecked record says so.
    let entry = regie_vault::rights::directory()
        .unwrap()
        .entries()
        .iter()
        .find(|e| !e.quality.verified())
        .unwrap();
    let v = home.json(&["directory", "search", &entry.name]);
    let hit = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == entry.slug.as_str())
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(hit["verified"], false, "{hit}");
    assert!(!hit["note"].as_str().unwrap().is_empty(), "{hit}");
}
