//! Makes and checks the files of delivery for `tests/interop/run.sh`,
//! until the command lines can: a link request, a receipt for a preference
//! file, and a signed declaration (also one with a key change), all with
//! the public TEST keys of `regie_prefs::example`, signed now.
//!
//! ```text
//! interop make DIR                  writes the files into DIR
//! interop check-link-request FILE   verifies a link request for the example bank
//! interop check-receipt FILE SENT   verifies a receipt for the file SENT, as
//!                                   the example person's Regie would
//! interop check-declaration FILE    reads a signed declaration as a vault that
//!                                   pinned the example receipt key
//! ```
//!
//! A check prints `{"ok": true}` or `{"ok": false, "code": ..., "message":
//! ...}` and exits 0 or 1.

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use regie_declaration::{pin, Declaration, Delivery, DidKey, InboxUrl};
use regie_model::Language;
use regie_prefs::example::{
    example_audience, example_key, example_link_request, example_next_receipt_key, example_org,
    example_receipt_key, example_subject,
};
use regie_prefs::{
    verify, verify_receipt, ExpectedReceipt, FileHash, LinkRequest, Outcome, PreferenceFile,
    Receipt, ReceiptId, ReceiptInput, ReceiptSubject, ReceivedFile, ReceivedKind, VerifyOptions,
};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["make", dir] => make(Path::new(dir)).map(|()| None),
        ["check-link-request", file] => read(file).map(|b| check_link_request(&b)),
        ["check-receipt", file, sent] => {
            read(file).and_then(|b| read(sent).map(|s| check_receipt(&b, &s)))
        }
        ["check-declaration", file] => read(file).map(|b| check_declaration(&b)),
        _ => Err("usage: interop make DIR | check-link-request FILE | check-receipt FILE SENT | check-declaration FILE".to_owned()),
    };
    match result {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(Ok(()))) => {
            println!("{}", serde_json::json!({"ok": true}));
            ExitCode::SUCCESS
        }
        Ok(Some(Err((code, message)))) => {
            println!(
                "{}",
                serde_json::json!({"ok": false, "code": code, "message": message})
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

type Checked = Option<Result<(), (String, String)>>;

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(dir.join(name), bytes).map_err(|e| format!("{name}: {e}"))
}

fn make(dir: &Path) -> Result<(), String> {
    let now = Utc::now();
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let person = example_key();
    let mut subject = example_subject(Language::En, 7);
    subject.issued = regie_prefs::Timestamp::new(now);
    let file = PreferenceFile::sign(&subject, &person, now)
        .map_err(|e| e.to_string())?
        .bytes;
    write(dir, "preference-file.json", &file)?;

    let mut request = example_link_request(Language::Nl);
    request.issued = regie_prefs::Timestamp::new(now);
    let request = LinkRequest::sign(&request, &person, now)
        .map_err(|e| e.to_string())?
        .bytes;
    write(dir, "link-request.json", &request)?;

    let receipt = ReceiptSubject::new(ReceiptInput {
        receipt_id: ReceiptId::generate(&mut regie_prefs::rand_core::OsRng),
        controller: example_audience(),
        data_subject: DidKey::new(person.verifying_key()),
        received_file: ReceivedFile {
            kind: Some(ReceivedKind::Preferences),
            sha256: FileHash::of(&file),
            sequence: Some(7),
        },
        received: now,
        outcome: Outcome::Accepted,
        rejection_code: None,
        honoured_from: Some(now),
        issued: now,
        language: Language::En,
    });
    let receipt = Receipt::sign(&receipt, &example_receipt_key(), now)
        .map_err(|e| e.to_string())?
        .bytes;
    write(dir, "receipt.json", &receipt)?;

    let v1 = include_bytes!("../../../docs/spec/examples/declaration-voorbeeldbank.json");
    let mut declaration = Declaration::parse_on(v1, now.date_naive()).map_err(|e| e.to_string())?;
    let inbox = InboxUrl::parse("https://inbox.voorbeeldbank.example/v1/inbox")
        .map_err(|e| e.to_string())?;
    let (a, b) = (example_receipt_key(), example_next_receipt_key());
    declaration.delivery = Some(Delivery {
        inbox: inbox.clone(),
        receipt_key: DidKey::new(a.verifying_key()),
        previous_key: None,
    });
    let signed = declaration.sign(&a, now).map_err(|e| e.to_string())?;
    write(dir, "declaration.json", &signed)?;
    declaration.delivery = Some(Delivery {
        inbox,
        receipt_key: DidKey::new(b.verifying_key()),
        previous_key: None,
    });
    let changed = declaration
        .sign_key_change(&a, &b, now)
        .map_err(|e| e.to_string())?;
    write(dir, "declaration-key-change.json", &changed)
}

fn refused(e: &regie_prefs::VerifyError) -> Checked {
    Some(Err((e.kind.code().to_owned(), e.message().to_owned())))
}

fn check_link_request(bytes: &[u8]) -> Checked {
    let options = VerifyOptions {
        audience: Some(example_org()),
        ..VerifyOptions::default()
    };
    match verify(bytes, Utc::now(), &options) {
        Ok(v) if matches!(v.content, regie_prefs::Content::LinkRequest(_)) => Some(Ok(())),
        Ok(_) => Some(Err((
            "wrong-credential-type".into(),
            "not a link request".into(),
        ))),
        Err(e) => refused(&e),
    }
}

fn check_receipt(bytes: &[u8], sent: &[u8]) -> Checked {
    let expected = ExpectedReceipt {
        key: DidKey::new(example_receipt_key().verifying_key()),
        organisation: example_org(),
        customer: DidKey::new(example_key().verifying_key()),
        file: FileHash::of(sent),
    };
    match verify_receipt(bytes, Utc::now(), &expected) {
        Ok(_) => Some(Ok(())),
        Err(e) => refused(&e),
    }
}

fn check_declaration(bytes: &[u8]) -> Checked {
    let pinned = DidKey::new(example_receipt_key().verifying_key());
    let result =
        Declaration::parse_on(bytes, Utc::now().date_naive()).and_then(|d| pin(Some(&pinned), &d));
    match result {
        Ok(_) => Some(Ok(())),
        Err(e) => Some(Err((e.kind().to_owned(), e.to_string()))),
    }
}
