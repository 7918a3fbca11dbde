//! `regie consent` and `regie object`: the person's decisions on holdings.
//!
//! A holding required by law or a contract cannot be switched off; the
//! vault refuses with [`regie_vault::Error::Locked`], whose message names
//! the reason (and the law, where known), and nothing changes.

use regie_model::DecisionAction;

use crate::args::ConsentAction;
use crate::context::{resolve_org, Ctx};
use crate::exit::Result;
use crate::i18n;

/// `regie consent ORG PURPOSE give|withdraw`.
pub fn consent(
    ctx: &Ctx,
    org: &str,
    purpose: &str,
    action: ConsentAction,
    category: Option<&str>,
) -> Result<()> {
    let action = match action {
        ConsentAction::Give => DecisionAction::GiveConsent,
        ConsentAction::Withdraw => DecisionAction::WithdrawConsent,
    };
    decide(ctx, org, purpose, category, action)
}

/// `regie object ORG PURPOSE [--withdraw]`.
pub fn object(
    ctx: &Ctx,
    org: &str,
    purpose: &str,
    category: Option<&str>,
    withdraw: bool,
) -> Result<()> {
    let action = if withdraw {
        DecisionAction::WithdrawObjection
    } else {
        DecisionAction::Object
    };
    decide(ctx, org, purpose, category, action)
}

fn decide(
    ctx: &Ctx,
    org: &str,
    purpose: &str,
    category: Option<&str>,
    action: DecisionAction,
) -> Result<()> {
    let purpose = super::purpose(purpose)?;
    let category = category.map(super::category).transpose()?;
    let mut vault = ctx.open()?;
    let id = resolve_org(&vault, org)?;
    let changed = vault.decide(&id, &purpose, category.as_deref(), action)?;
    let out = ctx.out;
    out.data(&serde_json::json!({ "org_id": id, "changed": changed }));
    if changed.is_empty() {
        out.line(out.t(i18n::NOTHING_CHANGED));
    }
    for h in &changed {
        out.line(out.f(
            i18n::DECIDED,
            &[
                ("purpose", &out.term_label(&h.what.purpose)),
                ("category", &out.term_label(&h.what.category)),
                ("decision", out.t(h.decision.label())),
            ],
        ));
    }
    Ok(())
}
