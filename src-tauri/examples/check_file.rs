//! Verifies a preference file with regie-prefs alone and prints what it
//! says as JSON: `cargo run -p regie-app --example check_file -- FILE`.
//! The end-to-end tests use it to check a file the app saved.

use regie_model::{Channel, MessageKind};
use regie_prefs::{verify, Content, VerifyOptions};

fn main() {
    let path = std::env::args().nth(1).expect("usage: check_file FILE");
    let bytes = std::fs::read(&path).expect("cannot read the file");
    let verified = match verify(&bytes, chrono::Utc::now(), &VerifyOptions::default()) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("rejected: {} ({e})", e.kind.code());
            std::process::exit(1);
        }
    };
    let Content::Preferences(p) = &verified.content else {
        eprintln!("not a preference file");
        std::process::exit(1);
    };
    let push_off: Vec<&str> = MessageKind::BLOCKABLE
        .into_iter()
        .filter(|k| !p.contact_preferences.allows(Channel::Push, *k))
        .map(MessageKind::as_str)
        .collect();
    let decisions: Vec<_> = p
        .decisions
        .iter()
        .map(|d| {
            serde_json::json!({
                "purpose": d.purpose.compact(),
                "categories": d.data_categories.iter().map(|c| c.compact()).collect::<Vec<_>>(),
                "state": d.state.as_str(),
            })
        })
        .collect();
    let out = serde_json::json!({
        "organisation": p.audience.id.as_str(),
        "sequence": p.sequence,
        "issuer": verified.issuer.did(),
        "pushOff": push_off,
        "decisions": decisions,
    });
    println!("{out}");
}
