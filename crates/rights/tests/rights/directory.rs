//! The directory: all records load, search finds what a person types.

use regie_model::Language;
use regie_rights::directory::{fold, MatchKind, Matched, Transport};
use regie_rights::{directory, Quality};

#[test]
fn all_records_load_and_each_can_address_a_letter() {
    let dir = directory().unwrap();
    assert_eq!(dir.len(), 3069);
    let unverified = dir
        .entries()
        .iter()
        .filter(|e| !e.quality.verified())
        .count();
    assert_eq!(unverified, 310);
    for e in dir.entries() {
        let org = e.organisation().unwrap();
        assert_eq!(org.name.as_str(), e.name);
        assert!(!e.address.is_empty(), "{}", e.slug);
        // The lookup by key finds every record.
        assert_eq!(dir.get(&e.slug).map(|x| &x.slug), Some(&e.slug));
        assert_eq!(e.quality.note().is_some(), !e.quality.verified());
    }
    assert!(dir.get("no-such-organisation").is_none());
}

#[test]
fn abn_amro_finds_its_privacy_address() {
    let dir = directory().unwrap();
    for q in [
        "ABN AMRO",
        "abn amro",
        "  Abn   Amro ",
        "abn",
        "ABN AMRO Bank N.V.",
        "abnamro",
        "moneyou",
    ] {
        let hits = dir.search(q, 10);
        let top = hits.first().unwrap_or_else(|| panic!("{q}"));
        assert_eq!(
            top.entry.slug,
            "abn-amro",
            "{q}: {:?}",
            hits.iter().map(|h| &h.entry.name).collect::<Vec<_>>()
        );
        assert_eq!(
            top.entry.email.as_ref().map(|e| e.as_str()),
            Some("privacy.office@nl.abnamro.com")
        );
        assert_eq!(top.entry.transport, Transport::Email);
    }
    assert_eq!(
        dir.search("ABN AMRO Bank N.V.", 1)[0].kind,
        MatchKind::Exact
    );
    assert_eq!(dir.search("abnamro", 1)[0].matched, Matched::Web);
    assert_eq!(dir.search("moneyou", 1)[0].matched, Matched::OtherName(0));
}

#[test]
fn every_keystroke_of_a_name_gives_results_and_ends_on_it() {
    let dir = directory().unwrap();
    let typed = "ABN AMRO";
    for n in 1..=typed.len() {
        let hits = dir.search(&typed[..n], 20);
        assert!(!hits.is_empty() && hits.len() <= 20, "{}", &typed[..n]);
    }
    assert_eq!(dir.search(typed, 20)[0].entry.slug, "abn-amro");
}

#[test]
fn case_and_accents_do_not_matter() {
    assert_eq!(fold("Société Générale"), "societe generale");
    assert_eq!(fold("Straße"), "strasse");
    assert_eq!(fold("ŁÓDŹ – Ørsted"), "lodz orsted");
    assert_eq!(fold("McDonald's"), "mcdonalds");
    assert_eq!(fold("1&1 Internet"), "1 1 internet");
    // Other scripts are only put in lower case.
    assert_eq!(fold("Ελληνικά ΤΑΧΥΔΡΟΜΕΙΑ"), "ελληνικά ταχυδρομεια");
    let dir = directory().unwrap();
    let with = dir.search("Bundesamt für", 5);
    let without = dir.search("bundesamt fur", 5);
    assert!(!with.is_empty());
    assert_eq!(
        with.iter().map(|h| &h.entry.slug).collect::<Vec<_>>(),
        without.iter().map(|h| &h.entry.slug).collect::<Vec<_>>()
    );
}

#[test]
fn better_matches_rank_first() {
    let dir = directory().unwrap();
    let hits = dir.search("bank", 200);
    let kinds: Vec<MatchKind> = hits.iter().map(|h| h.kind).collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(kinds, sorted, "ranks are in order");
    assert!(kinds.contains(&MatchKind::Prefix));
    assert!(kinds.contains(&MatchKind::Contains)); // e.g. "...bank" inside a word
                                                   // At the same rank, a record for the Netherlands comes before others.
    let ing = dir.search("ING", 5);
    assert!(
        ing[0].entry.for_netherlands(),
        "{:?}",
        ing.iter().map(|h| &h.entry.name).collect::<Vec<_>>()
    );
}

#[test]
fn unchecked_records_say_so_in_both_languages() {
    let dir = directory().unwrap();
    let scraped = dir
        .entries()
        .iter()
        .find(|e| e.quality == Quality::Scraped)
        .unwrap();
    let note = scraped.quality.note().unwrap();
    assert!(note.get(Language::Nl).starts_with("Niet gecontroleerd"));
    assert!(note.get(Language::En).starts_with("Not checked"));
    assert_eq!(
        Quality::Imported
            .note()
            .map(|n| n.en.starts_with("Not checked")),
        Some(true)
    );
    assert_eq!(Quality::Verified.note(), None);
    assert_eq!(Quality::Tested.note(), None);
}

#[test]
fn odd_queries_find_nothing_or_something_but_never_panic() {
    let dir = directory().unwrap();
    assert!(dir.search("", 10).is_empty());
    assert!(dir.search("   ", 10).is_empty());
    assert!(dir.search("!!!---", 10).is_empty());
    assert!(dir.search("abn", 0).is_empty());
    assert!(dir.search("zzzzqqqqxxxx", 10).is_empty());
    for q in [
        "\u{0}",
        "\u{202E}abn",
        "株式会社",
        &"a".repeat(10_000),
        "a b c d e f g h i j k",
        "é",
    ] {
        let hits = dir.search(q, 10);
        assert!(hits.len() <= 10);
    }
}

#[test]
fn every_record_makes_a_letter_and_a_pdf() {
    // Regression: "℅" (care of) in two addresses was missing from the font,
    // and eight British and Irish addresses did not fit the window.
    use regie_rights::{write, Identity, LetterInput, LetterKind, Right};
    let dir = directory().unwrap();
    let mut refused = Vec::new();
    for e in dir.entries() {
        let letter = write(&LetterInput {
            kind: LetterKind::Request {
                right: Right::Access,
                deadline: crate::common::d(2026, 4, 7),
            },
            lang: Language::Nl,
            date: crate::common::today(),
            organisation: e.organisation().unwrap(),
            person: Identity::default(),
            holdings: vec![],
            purposes: vec![],
            details: None,
        })
        .unwrap_or_else(|err| panic!("{}: {err}", e.slug));
        if let Err(err) = letter.to_pdf() {
            refused.push(format!("{}: {err}", e.slug));
        }
    }
    assert!(refused.is_empty(), "{refused:#?}");
}
