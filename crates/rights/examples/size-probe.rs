//! How much regie-rights adds to a program: everything the app will call
//! (directory search, a letter, its PDF, .eml and mailto: link), built the
//! way the app is shipped, against `size-baseline.rs`:
//!
//! ```sh
//! cargo build --profile dist -p regie-rights --example size-probe --example size-baseline
//! ls -l $CARGO_TARGET_DIR/dist/examples/size-probe $CARGO_TARGET_DIR/dist/examples/size-baseline
//! ```

use chrono::{FixedOffset, NaiveDate, TimeZone};
use regie_model::{EmailAddress, Language, OrgName};
use regie_rights::{deadline, directory, write, Identity, LetterInput, LetterKind, Right};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "ABN AMRO".into());
    let org = OrgName::parse(&name).map(|n| n.as_str().to_owned());
    let day = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap_or_default();
    println!(
        "{org:?} {} {}",
        day.format("%Y-%m-%d"),
        Language::Nl.as_str()
    );
    let dir = match directory() {
        Ok(d) => d,
        Err(e) => return eprintln!("{e}"),
    };
    let Some(hit) = dir.search(&name, 5).into_iter().next() else {
        return eprintln!("nothing found");
    };
    let result = hit.entry.organisation().and_then(|organisation| {
        let deadline = deadline::due_date(day, false)?;
        let letter = write(&LetterInput {
            kind: LetterKind::Request {
                right: Right::Access,
                deadline,
            },
            lang: Language::Nl,
            date: day,
            organisation,
            person: Identity::default(),
            holdings: vec![],
            purposes: vec![],
            details: None,
        })?;
        let at = FixedOffset::east_opt(0)
            .and_then(|z| z.with_ymd_and_hms(2026, 3, 6, 12, 0, 0).single())
            .unwrap_or_default();
        let from = EmailAddress::parse("sam@example.nl");
        let eml = from.map(|f| letter.to_eml(&f, at));
        Ok((
            letter.to_pdf()?.len(),
            eml.is_some(),
            letter.to_mailto()?.url.len(),
        ))
    });
    println!("{result:?}");
}
