//! Crash safety: a child process records decisions in a loop and prints each
//! one after its commit; it is SIGKILLed at random moments. After every kill
//! the vault must open, pass SQLite's and SQLCipher's integrity checks and
//! the history chain, and hold every decision the child printed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use regie_model::{DecisionAction, DecisionState};

use crate::{add_bank, bank, new_vault, open};

const SUBJECT: &str = "dpv:DirectMarketing pd:Transactional";

#[test]
fn decisions_survive_sigkill_at_random_moments() {
    let rounds: usize = std::env::var("REGIE_CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let (dir, path, mut v) = new_vault();
    add_bank(&mut v);
    drop(v);
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = seed;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut printed_total = 0usize;
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash::child_decide_forever",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("REGIE_CHILD_CRASH", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Wait until the child is writing, then kill it a random moment later.
        loop {
            let line = lines.next().expect("child ended before writing").unwrap();
            if line.starts_with("committed ") {
                printed_total += 1;
                break;
            }
        }
        std::thread::sleep(Duration::from_micros(next() % 30_000));
        child.kill().unwrap();
        child.wait().unwrap();
        printed_total += lines
            .map_while(Result::ok)
            .filter(|l| l.starts_with("committed "))
            .count();

        let mut v = open(&path)
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): vault does not open: {e}"));
        v.check()
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): check failed: {e}"));
        let decisions = v
            .history(Some(&bank()))
            .unwrap()
            .into_iter()
            .filter(|e| e.kind == regie_model::EventKind::Decision && e.subject == SUBJECT)
            .count();
        assert!(
            decisions >= printed_total,
            "round {round} (seed {seed}): {printed_total} decisions printed as committed, {decisions} in the vault"
        );
        // The state agrees with the number of decisions recorded (they alternate).
        let page = v.organisation(&bank()).unwrap();
        let h = page
            .holdings
            .iter()
            .find(|h| format!("{} {}", h.what.purpose, h.what.category) == SUBJECT)
            .unwrap();
        let expect = if decisions % 2 == 1 {
            DecisionState::ConsentWithdrawn
        } else {
            DecisionState::ConsentGiven
        };
        assert_eq!(h.decision, expect, "round {round} (seed {seed})");
        printed_total = decisions;
    }
    drop(dir);
}

/// Runs only inside the child process started above.
#[test]
fn child_decide_forever() {
    let Some(path) = std::env::var_os("REGIE_CHILD_CRASH") else {
        return;
    };
    let mut v = open(std::path::Path::new(&path)).unwrap();
    loop {
        let page = v.organisation(&bank()).unwrap();
        let h = page
            .holdings
            .iter()
            .find(|h| format!("{} {}", h.what.purpose, h.what.category) == SUBJECT)
            .unwrap();
        let action = if h.decision == DecisionState::ConsentGiven {
            DecisionAction::WithdrawConsent
        } else {
            DecisionAction::GiveConsent
        };
        let changed = v
            .decide(
                &bank(),
                "dpv:DirectMarketing",
                Some("pd:Transactional"),
                action,
            )
            .unwrap();
        println!("committed {}", changed[0].decision.as_str());
    }
}
