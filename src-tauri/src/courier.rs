//! The courier: delivers what waits in the vault's outbox, in the
//! background, so that a switch turned off reaches the organisation by
//! itself and comes back confirmed.
//!
//! The vault decides what to send and checks what comes back
//! (`regie_vault::Vault::next_parcel`, `settle`); the courier only moves
//! bytes between them and the network, on its own thread, and never
//! holds the vault while a server answers: a slow or silent inbox cannot
//! freeze the window. HTTP happens here, in Rust, with
//! `regie_vault::Sender` (rustls, the system's roots, narrow limits);
//! the webview makes no network request and its CSP stays as it is.
//!
//! It wakes when a command ran (anything may have queued a file), when a
//! waiting file's next try is due, and at the latest every five minutes.
//! After each file it tells the window (`delivery` event, with the
//! organisation's id), which reloads what it shows.

use std::collections::BTreeSet;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use chrono::Utc;
use regie_model::{Language, OrgId};
use regie_vault::{Sender, SenderConfig, Settled};
use tauri::{AppHandle, Emitter, Manager};

use crate::error::{CmdResult, IpcError};
use crate::state::AppState;

/// The longest sleep between two looks at the outbox.
const LONGEST_SLEEP: Duration = Duration::from_secs(300);
/// The shortest: a try due in the past is not retried in a tight loop.
const SHORTEST_SLEEP: Duration = Duration::from_millis(500);

#[derive(Default)]
struct Wake {
    kicked: bool,
    /// Organisations to send to now, due or not ("send now").
    forced: BTreeSet<String>,
}

struct Shared {
    wake: Mutex<Wake>,
    bell: Condvar,
    sender: OnceLock<Result<Arc<Sender>, regie_vault::Error>>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| Shared {
        wake: Mutex::new(Wake::default()),
        bell: Condvar::new(),
        sender: OnceLock::new(),
    })
}

/// Wakes the courier: something may wait to be sent.
pub fn kick() {
    let s = shared();
    s.wake.lock().unwrap_or_else(|p| p.into_inner()).kicked = true;
    s.bell.notify_one();
}

/// Wakes the courier to send to `org` now, even if its next try is not
/// due yet.
pub fn send_now(org: &OrgId) {
    let s = shared();
    let mut w = s.wake.lock().unwrap_or_else(|p| p.into_inner());
    w.forced.insert(org.as_str().to_owned());
    w.kicked = true;
    s.bell.notify_one();
}

/// The sender, made once: `REGIE_CA_FILE` and `REGIE_RESOLVE` are read
/// from the environment the app started in.
pub fn sender(lang: Language) -> CmdResult<Arc<Sender>> {
    shared()
        .sender
        .get_or_init(|| {
            SenderConfig::from_env()
                .and_then(|c| Sender::new(&c))
                .map(Arc::new)
        })
        .as_ref()
        .map(Arc::clone)
        .map_err(|e| IpcError::vault(e, lang))
}

/// Starts the courier's thread.
pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("regie-courier".into())
        .spawn(move || run(&app));
    if let Err(e) = spawned {
        eprintln!("regie-app: files will not be sent by themselves: {e}");
    }
}

fn run(app: &AppHandle) {
    let s = shared();
    let mut sleep = Duration::ZERO;
    loop {
        let forced = {
            let mut w = s.wake.lock().unwrap_or_else(|p| p.into_inner());
            if !w.kicked {
                w = s
                    .bell
                    .wait_timeout(w, sleep)
                    .unwrap_or_else(|p| p.into_inner())
                    .0;
            }
            w.kicked = false;
            std::mem::take(&mut w.forced)
        };
        sleep = round(app, &forced);
    }
}

/// Sends to every organisation whose files are due (or forced), and says
/// how long to sleep until the next try is due.
fn round(app: &AppHandle, forced: &BTreeSet<String>) -> Duration {
    let state = app.state::<AppState>();
    let now = Utc::now();
    let Some(waiting) = state.quietly(|v| v.outbox()) else {
        return LONGEST_SLEEP;
    };
    let Ok(lang) = state.session(|s| Ok(s.language())) else {
        return LONGEST_SLEEP;
    };
    let mut sent_any = false;
    for w in &waiting {
        if w.is_due(now) || (forced.contains(w.org_id.as_str()) && !w.held) {
            let Ok(sender) = sender(lang) else {
                return LONGEST_SLEEP;
            };
            deliver(app, &state, &sender, &w.org_id, lang);
            sent_any = true;
        }
    }
    if sent_any {
        // What it left waiting decides when to look again.
        return next_sleep(&state);
    }
    next_sleep_of(&waiting, now)
}

fn next_sleep(state: &AppState) -> Duration {
    match state.quietly(|v| v.outbox()) {
        Some(waiting) => next_sleep_of(&waiting, Utc::now()),
        None => LONGEST_SLEEP,
    }
}

fn next_sleep_of(waiting: &[regie_vault::Waiting], now: chrono::DateTime<Utc>) -> Duration {
    waiting
        .iter()
        .filter(|w| !w.held)
        .map(|w| match w.next_try_at {
            None => Duration::ZERO,
            Some(t) => (t - now).to_std().unwrap_or(Duration::ZERO),
        })
        .min()
        .map_or(LONGEST_SLEEP, |d| d.clamp(SHORTEST_SLEEP, LONGEST_SLEEP))
}

/// Sends `org`'s files one after another until none waits or one is not
/// confirmed; the vault is held only between network calls.
fn deliver(app: &AppHandle, state: &AppState, sender: &Sender, org: &OrgId, lang: Language) {
    // Each file leaves after its receipt; a bound keeps a file that never
    // leaves from looping.
    for _ in 0..16 {
        let parcel = match state.quietly(|v| v.next_parcel(org, lang)) {
            Some(Some(p)) => p,
            _ => return,
        };
        let reply = sender.post(&parcel.inbox, &parcel.bytes);
        let settled = state.quietly(|v| v.settle(&parcel, reply, Utc::now()));
        let _ = app.emit("delivery", org.as_str());
        match settled {
            Some(Settled::Confirmed(_)) => continue,
            _ => return,
        }
    }
}
