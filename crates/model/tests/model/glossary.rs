//! docs/GLOSSARY.md is the one list of names; regie-model's labels are
//! exactly those names, and no front end shows a name the glossary rules
//! out.
//!
//! To see what the front ends of another checkout say against this
//! glossary, point `REGIE_GLOSSARY_SCAN_ROOT` at it and run
//! `the_front_ends_use_no_name_the_glossary_rules_out`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use regie_model::{
    catalogue, Channel, Concept, DecisionState, EventKind, GlobalSwitch, Language, LegalBasis,
    MessageKind, Sector, SwitchState, Text,
};

use crate::texts::{self, Found};

/// One row of a glossary table.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub nl: String,
    pub en: String,
    /// Variants ruled out anywhere in a text.
    pub phrases: Vec<String>,
    /// Variants ruled out as a whole label.
    pub labels: Vec<String>,
}

/// The glossary's rows, by id.
pub fn glossary() -> BTreeMap<String, Row> {
    let text = std::fs::read_to_string(crate::root().join("docs/GLOSSARY.md")).unwrap();
    let mut rows = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 7, "a glossary row has five cells: {line}");
        let id = cells[1].trim_matches('`').to_owned();
        let mut row = Row {
            id: id.clone(),
            nl: cells[2].to_owned(),
            en: cells[3].to_owned(),
            phrases: Vec::new(),
            labels: Vec::new(),
        };
        for (n, v) in cells[5].split('`').enumerate() {
            if n % 2 == 0 {
                assert!(
                    v.trim().trim_matches(',').trim().is_empty(),
                    "{id}: write each variant in backquotes, separated by commas: {v:?}"
                );
                continue;
            }
            match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(label) => row.labels.push(label.to_owned()),
                None => row.phrases.push(v.to_owned()),
            }
        }
        assert!(
            rows.insert(id.clone(), row).is_none(),
            "{id} is twice in the glossary"
        );
    }
    rows
}

/// Every name regie-model gives a person, by glossary id.
pub fn model_names() -> BTreeMap<String, Text> {
    let mut m = BTreeMap::new();
    let mut add = |id: String, t: Text| assert!(m.insert(id.clone(), t).is_none(), "{id}");
    for c in Concept::ALL {
        add(format!("concept.{}", c.as_str()), c.label());
    }
    for k in MessageKind::ALL {
        add(format!("kind.{}", k.as_str()), k.label());
        add(format!("word.kind.{}", k.as_str()), k.word());
    }
    for c in Channel::ALL {
        add(format!("channel.{}", c.as_str()), c.label());
        add(format!("word.channel.{}", c.as_str()), c.word());
    }
    for s in SwitchState::ALL {
        add(format!("switch.{}", s.as_str()), s.label());
    }
    for g in GlobalSwitch::ALL {
        add(format!("global-switch.{}", g.state().as_str()), g.label());
    }
    for d in DecisionState::ALL {
        add(format!("decision.{}", d.as_str()), d.label());
    }
    for b in LegalBasis::ALL {
        add(format!("basis.{}", b.short_name()), b.label());
    }
    for s in Sector::ALL {
        add(format!("sector.{}", s.as_str()), s.label());
    }
    for l in Language::ALL {
        add(format!("language.{}", l.as_str()), l.label());
    }
    for e in EventKind::ALL {
        add(format!("event.{}", e.as_str()), e.label());
    }
    for t in catalogue::TERMS {
        add(t.compact.to_owned(), t.label);
    }
    m
}

/// Every name a program reads (`marketing`, `consent`, `decision`, ...):
/// a literal that is one of these is code, not a label.
pub fn wire_names() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(MessageKind::ALL.iter().map(|v| v.as_str().to_owned()));
    out.extend(Channel::ALL.iter().map(|v| v.as_str().to_owned()));
    out.extend(SwitchState::ALL.iter().map(|v| v.as_str().to_owned()));
    out.extend(DecisionState::ALL.iter().map(|v| v.as_str().to_owned()));
    out.extend(LegalBasis::ALL.iter().map(|v| v.short_name().to_owned()));
    out.extend(Sector::ALL.iter().map(|v| v.as_str().to_owned()));
    out.extend(Language::ALL.iter().map(|v| v.as_str().to_owned()));
    out.extend(EventKind::ALL.iter().map(|v| v.as_str().to_owned()));
    out.extend(Concept::ALL.iter().map(|v| v.as_str().to_owned()));
    out
}

/// Whether `word` occurs in `text` at `at` as whole words.
fn bounded(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !word(before) && !word(after)
}

/// Where `needle` occurs in `hay` as whole words, ignoring case (as byte
/// ranges of the lower-cased `hay`).
fn occurrences(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let needle = needle.to_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(n) = hay[from..].find(&needle) {
        let at = from + n;
        if bounded(hay, at, needle.len()) {
            out.push((at, at + needle.len()));
        }
        from = at + needle.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    out
}

/// A text that uses a name the glossary rules out.
#[derive(Debug)]
pub struct Problem {
    pub at: String,
    pub text: String,
    pub variant: String,
    pub instead: String,
}

/// What the glossary rules out in these texts. A ruled-out phrase inside
/// a longer name the glossary has (e.g. "aanbiedingen" inside "Reclame en
/// aanbiedingen") is that name, not the variant.
pub fn check(texts: &[Found], rows: &BTreeMap<String, Row>) -> Vec<Problem> {
    let names: Vec<String> = rows
        .values()
        .filter(|r| !r.id.starts_with("word."))
        .flat_map(|r| [r.nl.to_lowercase(), r.en.to_lowercase()])
        .collect();
    let wire = wire_names();
    let mut out = Vec::new();
    for f in texts {
        let lower = f.text.to_lowercase();
        let code = wire.contains(&f.text);
        for r in rows.values() {
            let instead = format!("{} / {}", r.nl, r.en);
            let mut hit = |variant: &str| {
                out.push(Problem {
                    at: format!("{}:{}", f.file, f.line),
                    text: f.text.clone(),
                    variant: variant.to_owned(),
                    instead: instead.clone(),
                })
            };
            for v in &r.labels {
                let whole = lower.trim().trim_end_matches(['.', ':']).trim();
                if f.whole && !code && whole == v.to_lowercase() {
                    hit(v);
                }
            }
            for v in &r.phrases {
                let inside_a_name = |(a, b): (usize, usize)| {
                    names.iter().any(|n| {
                        n.len() > b - a
                            && occurrences(&lower, n)
                                .iter()
                                .any(|(c, d)| *c <= a && b <= *d)
                    })
                };
                if occurrences(&lower, v)
                    .into_iter()
                    .any(|o| !inside_a_name(o))
                {
                    hit(v);
                }
            }
        }
    }
    out
}

#[test]
fn every_model_label_is_the_glossarys_name_and_every_row_is_in_the_model() {
    let rows = glossary();
    let model = model_names();
    let mut wrong = Vec::new();
    for (id, t) in &model {
        match rows.get(id) {
            None => wrong.push(format!(
                "{id} ({} / {}) is not in docs/GLOSSARY.md",
                t.nl, t.en
            )),
            Some(r) if r.nl != t.nl || r.en != t.en => wrong.push(format!(
                "{id}: the glossary says {} / {}, regie-model {} / {}",
                r.nl, r.en, t.nl, t.en
            )),
            Some(_) => {}
        }
    }
    for id in rows.keys().filter(|id| !model.contains_key(*id)) {
        wrong.push(format!(
            "{id} is in docs/GLOSSARY.md but not in regie-model"
        ));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_name_is_also_ruled_out() {
    let rows = glossary();
    let names: Vec<(String, &str)> = rows
        .values()
        .filter(|r| !r.id.starts_with("word."))
        .flat_map(|r| {
            [
                (r.nl.to_lowercase(), r.id.as_str()),
                (r.en.to_lowercase(), r.id.as_str()),
            ]
        })
        .collect();
    let wire = wire_names();
    for r in rows.values() {
        for v in &r.labels {
            assert!(
                !wire.contains(v),
                "{}: '{v}' is a name programs read, so it never counts as a label",
                r.id
            );
        }
        for v in r.labels.iter().chain(&r.phrases) {
            let v = v.to_lowercase();
            let clash: Vec<_> = names.iter().filter(|(n, _)| *n == v).collect();
            assert!(
                clash.is_empty(),
                "{}: '{v}' is ruled out but is the name of {clash:?}",
                r.id
            );
        }
    }
}

#[test]
fn the_front_ends_use_no_name_the_glossary_rules_out() {
    let root = std::env::var_os("REGIE_GLOSSARY_SCAN_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(crate::root);
    let found = texts::front_ends(&root);
    assert!(found.len() > 500, "too few texts found: {}", found.len());
    let problems = check(&found, &glossary());
    let report: Vec<String> = problems
        .iter()
        .map(|p| {
            format!(
                "{}: '{}' (use {}) in {:?}",
                p.at, p.variant, p.instead, p.text
            )
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} texts use a name docs/GLOSSARY.md rules out:\n{}",
        problems.len(),
        report.join("\n")
    );
}

#[test]
fn the_app_keeps_no_label_table_of_its_own() {
    let root = crate::root();
    for lang in ["en", "nl"] {
        let src = std::fs::read_to_string(root.join(format!("ui/src/lib/i18n/{lang}.ts"))).unwrap();
        for prefix in [
            "kind.",
            "channel.",
            "decision.",
            "basis.",
            "sector.",
            "event.",
        ] {
            assert!(
                !src.contains(&format!("'{prefix}")),
                "ui/src/lib/i18n/{lang}.ts has {prefix}* labels: they come from generated/vocabulary.ts"
            );
        }
    }
}

/// The drift the issue found, each as a text a front end once showed: the
/// check must catch every one, and let the glossary's own names through.
#[test]
fn the_check_catches_the_drift_the_issue_lists() {
    let rows = glossary();
    let at = |text: &str, whole: bool| Found {
        file: "sample".into(),
        line: 1,
        text: text.into(),
        whole,
    };
    let caught = [
        // The CLI table's kinds, and the app's.
        at("ads", true),
        at("mening", true),
        at("Tips and nudges", true),
        at("Offers", true),
        // The Export list's name beside the summary's.
        at("Aanbiedingen", true),
        // Quiet hours.
        at("{org}: geen stille uren meer.", true),
        // The identifier.
        at("Elke organisatie ziet een andere code voor u, zodat ze u niet aan elkaar kunnen koppelen.", true),
        at("Uw code bij deze organisatie", true),
        // The global switch, named after what it blocks and shown On.
        at("No proactive messages from anyone", true),
        at("Geen berichten uit eigen beweging, van niemand", true),
        at("Nobody may send you unasked-for messages", true),
        at("Algemene schakelaar: niet gebruikt. Uw keuzes per organisatie gelden.", true),
        // History names.
        at("kluis hersteld", true),
        at("Exception to the global switch", true),
        // Legal bases and choices.
        at("Geen bezwaar", true),
        at("Their own interest", true),
    ];
    for f in caught {
        assert!(
            !check(std::slice::from_ref(&f), &rows).is_empty(),
            "not caught: {:?}",
            f.text
        );
    }
    let fine = [
        at("Reclame en aanbiedingen", true),
        at("Aanbiedingen op maat", true),
        at("Tips en advies", true),
        at("Rustige uren", true),
        at("Uw kenmerk bij deze organisatie", true),
        at("{org}: {channel} / {kind} staat nu {state}.", true),
        // "Offers" inside a sentence is not a label.
        at(
            "Sensitive data must be kept out of personal offers and advice.",
            true,
        ),
        at("Aanbiedingen", false),
    ];
    for f in fine {
        let p = check(std::slice::from_ref(&f), &rows);
        assert!(p.is_empty(), "wrongly caught: {:?}: {p:?}", f.text);
    }
}
