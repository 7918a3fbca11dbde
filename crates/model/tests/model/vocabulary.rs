//! `ui/src/lib/generated/vocabulary.ts`: regie-model's names as the app
//! reads them, so the app has no label table of its own. The committed file
//! must be what regie-model generates; regenerate it with
//! `REGIE_UPDATE_TS=1 cargo test -p regie-model --test model`.

use regie_model::{
    Channel, Concept, DecisionState, EventKind, GlobalSwitch, Language, LegalBasis, MessageKind,
    Sector, SwitchState, Text,
};

fn label(t: Text) -> String {
    format!(
        "{{ nl: {}, en: {} }}",
        serde_json::to_string(t.nl).unwrap(),
        serde_json::to_string(t.en).unwrap()
    )
}

fn table(out: &mut String, doc: &str, name: &str, key_type: &str, rows: &[(&str, Text)]) {
    out.push_str(&format!(
        "\n/** {doc} */\nexport const {name}: Record<{key_type}, Label> = {{\n"
    ));
    for (k, t) in rows {
        out.push_str(&format!(
            "  {}: {},\n",
            serde_json::to_string(k).unwrap(),
            label(*t)
        ));
    }
    out.push_str("};\n");
}

/// The file's text.
fn generate() -> String {
    let mut out = String::from(
        "// Generated from regie-model by crates/model/tests/model/vocabulary.rs. Do not edit this\n\
         // file manually: the names are decided in docs/GLOSSARY.md and kept in regie-model.\n\
         // Regenerate with `REGIE_UPDATE_TS=1 cargo test -p regie-model --test model`.\n\
         import type { Channel } from './Channel';\n\
         import type { DecisionState } from './DecisionState';\n\
         import type { Label } from './Label';\n\
         import type { Language } from './Language';\n\
         import type { LegalBasis } from './LegalBasis';\n\
         import type { MessageKind } from './MessageKind';\n",
    );
    let concepts: Vec<_> = Concept::ALL
        .iter()
        .map(|c| (c.as_str(), c.label()))
        .collect();
    table(
        &mut out,
        "The things a person meets.",
        "concept",
        "string",
        &concepts,
    );
    let kinds: Vec<_> = MessageKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    table(&mut out, "Kinds of message.", "kind", "MessageKind", &kinds);
    let channels: Vec<_> = Channel::ALL
        .iter()
        .map(|c| (c.as_str(), c.label()))
        .collect();
    table(&mut out, "Channels.", "channel", "Channel", &channels);
    let switch: Vec<_> = SwitchState::ALL
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect();
    table(
        &mut out,
        "Where a switch stands: on is allowed, for every switch.",
        "switchState",
        "'on' | 'off'",
        &switch,
    );
    let global: Vec<_> = GlobalSwitch::ALL
        .iter()
        .map(|g| (g.state().as_str(), g.meaning()))
        .collect();
    table(
        &mut out,
        "What the global switch's position means.",
        "globalSwitchMeaning",
        "'on' | 'off'",
        &global,
    );
    let decisions: Vec<_> = DecisionState::ALL
        .iter()
        .map(|d| (d.as_str(), d.label()))
        .collect();
    table(
        &mut out,
        "Choices about a use of data.",
        "decision",
        "DecisionState",
        &decisions,
    );
    let bases: Vec<_> = LegalBasis::ALL
        .iter()
        .map(|b| (b.short_name(), b.label()))
        .collect();
    table(&mut out, "Legal bases.", "basis", "LegalBasis", &bases);
    let sectors: Vec<_> = Sector::ALL
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect();
    table(
        &mut out,
        "Sectors Regie has a name for.",
        "sector",
        "string",
        &sectors,
    );
    let languages: Vec<_> = Language::ALL
        .iter()
        .map(|l| (l.as_str(), l.label()))
        .collect();
    table(&mut out, "Languages.", "language", "Language", &languages);
    let events: Vec<_> = EventKind::ALL
        .iter()
        .map(|e| (e.as_str(), e.label()))
        .collect();
    table(
        &mut out,
        "What the history calls each change.",
        "event",
        "string",
        &events,
    );
    out
}

#[test]
fn the_committed_vocabulary_is_what_regie_model_generates() {
    let path = crate::root().join("ui/src/lib/generated/vocabulary.ts");
    let want = generate();
    if std::env::var_os("REGIE_UPDATE_TS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/lib/generated/vocabulary.ts is out of date: run REGIE_UPDATE_TS=1 cargo test -p regie-model --test model"
    );
}
