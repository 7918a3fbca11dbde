//! `regie sensitive`: data the person wants kept out of personalisation
//! (article 000: cheerful messages about hospital and funeral payments).

use crate::context::Ctx;
use crate::exit::Result;
use crate::i18n;

/// Marks or unmarks a data category.
pub fn run(ctx: &Ctx, category: &str, off: bool) -> Result<()> {
    let category = super::category(category)?;
    let mut vault = ctx.open()?;
    let changed = vault.mark_sensitive(&category, !off)?;
    let out = ctx.out;
    out.data(&serde_json::json!({
        "category": category,
        "sensitive": !off,
        "changed": changed,
        "sensitive_categories": vault.sensitive_categories()?,
    }));
    let label = out.term(&category);
    out.line(out.f(
        if off {
            i18n::SENSITIVE_UNSET
        } else {
            i18n::SENSITIVE_SET
        },
        &[("category", &label)],
    ));
    Ok(())
}
