//! The baseline of the size measurement (see `size-probe.rs`): what a
//! program already has without regie-rights, i.e. regie-model, chrono and
//! formatting, which the app links anyway.

use chrono::NaiveDate;
use regie_model::{Language, OrgName};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "ABN AMRO".into());
    let org = OrgName::parse(&name).map(|n| n.as_str().to_owned());
    let day = NaiveDate::from_ymd_opt(2026, 3, 6).map(|d| d.format("%Y-%m-%d").to_string());
    println!("{org:?} {day:?} {}", Language::Nl.as_str());
}
