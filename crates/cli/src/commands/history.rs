//! `regie history`: the timeline of changes, in local time and plain words.
//!
//! The words are the vault's ([`regie_vault::Event::describe`] and the
//! event kind's label), the same the app's History screen shows.

use chrono::Local;
use regie_model::OrgId;
use regie_vault::Event;

use crate::context::{resolve_org, Ctx};
use crate::exit::Result;
use crate::i18n;
use crate::output::Out;

/// Prints the history, of everything or of one organisation.
pub fn run(ctx: &Ctx, org: Option<&str>) -> Result<()> {
    let vault = ctx.open()?;
    let id = org.map(|o| resolve_org(&vault, o)).transpose()?;
    let events = vault.history(id.as_ref())?;
    let out = ctx.out;
    out.data(&events);
    if out.json {
        return Ok(());
    }
    for line in lines(out, id.as_ref(), &events) {
        out.line(line);
    }
    Ok(())
}

/// The history as a person reads it: a title, then one line per event
/// ("2026-03-01 14:02 [kvk:99999901] Decision: ...").
fn lines(out: Out, org: Option<&OrgId>, events: &[Event]) -> Vec<String> {
    let mut lines = vec![out.t(i18n::HISTORY_TITLE).to_owned()];
    if events.is_empty() {
        lines.push(out.t(i18n::HISTORY_EMPTY).to_owned());
    }
    for ev in events {
        let when = ev.at.with_timezone(&Local).format("%Y-%m-%d %H:%M");
        let who = match (org, &ev.org_id) {
            (None, Some(o)) => format!(" [{o}]"),
            _ => String::new(),
        };
        let what = ev.describe(out.lang);
        let sep = if what.is_empty() { "" } else { ": " };
        lines.push(format!("{when}{who} {}{sep}{what}", out.t(ev.kind.label())));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use regie_model::{Language, OrgId};
    use regie_vault::{Keychain, Organisation, Protection, Vault};

    /// The history used to fall back to "vault restored" for every kind it
    /// did not list, a key rotation among them.
    #[test]
    fn regie_history_printed_a_key_rotation_as_vault_restored() {
        let dir = tempfile::tempdir().unwrap();
        let (mut vault, _code) = Vault::create(
            &dir.path().join("v.regie"),
            Protection::Keychain(Keychain::in_memory()),
        )
        .unwrap();
        let bank = OrgId::parse("kvk:99999901").unwrap();
        vault
            .add_organisation(&Organisation::new(bank.clone(), "Testbank"))
            .unwrap();
        let rotation = vault
            .rotate_key_to(&bank, Language::En, &dir.path().join("rotation.json"))
            .unwrap()
            .export;
        let events = vault.history(Some(&bank)).unwrap();
        for lang in Language::ALL {
            let out = Out { json: false, lang };
            let last = lines(out, Some(&bank), &events).pop().unwrap();
            let label = regie_model::EventKind::KeyRotated.label().get(lang);
            assert!(last.contains(label), "{last}");
            assert!(last.ends_with(&rotation.sequence.to_string()), "{last}");
            let restored = regie_model::EventKind::Restored.label().get(lang);
            assert!(!last.contains(restored), "{last}");
            assert!(!last.to_lowercase().contains("restored"), "{last}");
        }
    }
}
