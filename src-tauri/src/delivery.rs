//! What the delivery commands do: read the vault's delivery state for the
//! window, link with a code, ask the courier to send now, and replace the
//! person's identifier for one organisation through the outbox.

use chrono::Utc;
use regie_model::{Language, OrgId};
use regie_prefs::{LinkCode, Outcome};
use regie_vault::Settled;

use crate::error::{AppCode, CmdResult, IpcError};
use crate::state::AppState;
use crate::wire::{DeliveryState, DeliveryView, OrgSummary, Overview};

/// Where delivery to `org` stands, as the window shows it.
fn view(v: &regie_vault::Vault, org: &OrgId, lang: Language) -> CmdResult<Option<DeliveryView>> {
    v.delivery(org)
        .map(|d| d.map(|d| DeliveryView::new(d, lang)))
        .map_err(|e| IpcError::vault(&e, lang))
}

/// Where delivery to `org_id` stands; `None` for an organisation without
/// an inbox.
pub fn status(state: &AppState, org_id: &str) -> CmdResult<Option<DeliveryView>> {
    state.vault_with(|v, lang| view(v, &IpcError::org_id(org_id, lang)?, lang))
}

/// Links `org_id` with the link code its organisation gave the person. A
/// typo is caught before anything is sent. The vault is held to sign the
/// request and to settle the answer, not while the organisation answers.
pub fn link(state: &AppState, org_id: &str, code: &str) -> CmdResult<Option<DeliveryView>> {
    let lang = state.session(|s| Ok(s.language()))?;
    let code = LinkCode::parse(code).map_err(|e| IpcError::link_code(&e, lang))?;
    let org = IpcError::org_id(org_id, lang)?;
    let sender = crate::courier::sender(lang)?;
    let parcel = state.vault(|v| v.link_parcel(&org, &code, lang))?;
    let reply = sender.post(&parcel.inbox, &parcel.bytes);
    state.vault_with(|v, lang| {
        let err = |e: regie_vault::Error| IpcError::vault(&e, lang);
        match v.settle(&parcel, reply, Utc::now()).map_err(err)? {
            Settled::NotConfirmed { problem, .. } => {
                return Err(err(regie_vault::Error::NotDelivered {
                    org: org.clone(),
                    problem,
                }))
            }
            Settled::Confirmed(r) if r.outcome == Outcome::Rejected => {
                return Err(err(regie_vault::Error::LinkRefused {
                    org: org.clone(),
                    code: r.rejection_code.unwrap_or_default(),
                }))
            }
            Settled::Confirmed(_) => {}
        }
        view(v, &org, lang)
    })
}

/// The overview: every organisation, with where delivery to it stands
/// and how many of the person's requests to it are overdue.
pub fn overview(v: &mut regie_vault::Vault, lang: Language) -> CmdResult<Overview> {
    let err = |e: regie_vault::Error| IpcError::vault(&e, lang);
    let mut overdue: std::collections::HashMap<OrgId, u32> = std::collections::HashMap::new();
    for r in v.requests(crate::rights::today()).map_err(err)? {
        if r.overdue {
            *overdue.entry(r.org).or_default() += 1;
        }
    }
    let states: std::collections::HashMap<OrgId, _> = v
        .deliveries()
        .map_err(err)?
        .into_iter()
        .map(|d| (d.org_id.clone(), DeliveryState::of(&d)))
        .collect();
    Ok(Overview {
        organisations: v
            .organisations()
            .map_err(err)?
            .into_iter()
            .map(|s| {
                let state = states.get(&s.org.id).copied();
                let overdue_requests = overdue.get(&s.org.id).copied().unwrap_or(0);
                OrgSummary {
                    delivery: state,
                    overdue_requests,
                    ..s.into()
                }
            })
            .collect(),
        global_off: v.global_off().map_err(err)?,
    })
}

/// Asks the courier to send what waits for `org_id` now.
pub fn send_now(state: &AppState, org_id: &str) -> CmdResult<Option<DeliveryView>> {
    let view = status(state, org_id)?;
    let lang = state.session(|s| Ok(s.language()))?;
    crate::courier::send_now(&IpcError::org_id(org_id, lang)?);
    Ok(view)
}

/// Replaces the person's identifier for `org_id`; the announcement, signed
/// with both keys, waits in the outbox like any file.
pub fn new_identifier(state: &AppState, org_id: &str) -> CmdResult<Option<DeliveryView>> {
    state.vault_with(|v, lang| {
        let org = IpcError::org_id(org_id, lang)?;
        let err = |e: regie_vault::Error| IpcError::vault(&e, lang);
        v.rotate_key(&org, lang).map_err(err)?;
        view(v, &org, lang)
    })
}

impl IpcError {
    /// A link code that cannot be right, in the person's language.
    pub fn link_code(e: &regie_prefs::LinkCodeError, lang: Language) -> Self {
        IpcError::app_with(AppCode::InvalidLinkCode, lang, &e.message(lang))
    }
}
