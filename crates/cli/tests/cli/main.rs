//! The `regie` binary as a person (or a script) uses it: real processes,
//! real passphrase vaults in a temporary folder, and the exit codes and
//! texts they would notice. The OS keychain is tested in regie-vault.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use regie_vault::examples::{self, BANK_ID};
use regie_vault::{Keychain, Passphrase, Unlock, Vault};
use serde_json::Value;

mod delivery;
mod failures;
mod prompts;
mod requests;

pub(crate) const PASSPHRASE: &str = "correct horse battery staple";

/// A temporary home with one vault path in it.
pub(crate) struct Home {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) vault: PathBuf,
    /// The umask `regie` runs under, where a test sets one.
    umask: Option<&'static str>,
}

impl Home {
    pub(crate) fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("vault.regie");
        Home {
            dir,
            vault,
            umask: None,
        }
    }

    /// `regie` with this home's vault and passphrase, in English.
    pub(crate) fn cmd(&self, args: &[&str]) -> Command {
        let mut c = match self.umask {
            None => Command::new(env!("CARGO_BIN_EXE_regie")),
            Some(umask) => {
                let mut sh = Command::new("sh");
                sh.args(["-c", &format!("umask {umask}; exec \"$@\""), "sh"])
                    .arg(env!("CARGO_BIN_EXE_regie"));
                sh
            }
        };
        c.args(args)
            .env("REGIE_VAULT", &self.vault)
            .env("REGIE_PASSPHRASE", PASSPHRASE)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("REGIE_LANG")
            .env_remove("REGIE_RECOVERY_CODE")
            .stdin(Stdio::null());
        c
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// Runs and expects success; returns stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "regie {args:?} failed ({:?}): {}",
            o.status.code(),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    pub(crate) fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    /// A kept vault with the example organisations; returns its recovery code.
    pub(crate) fn with_examples(&self) -> String {
        let v = self.json(&["demo", "--vault", self.vault.to_str().unwrap()]);
        v["recovery_code"].as_str().unwrap().to_owned()
    }
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The `{"error": {...}}` object a `--json` run writes on stderr.
pub(crate) fn json_error(o: &Output) -> Value {
    let v: Value = serde_json::from_str(stderr(o).trim())
        .unwrap_or_else(|e| panic!("stderr is not JSON ({e}): {}", stderr(o)));
    let err = v["error"].clone();
    assert!(err["code"].is_string(), "{v}");
    assert!(!err["message"].as_str().unwrap().is_empty(), "{v}");
    err
}

fn is_recovery_code(s: &str) -> bool {
    let groups: Vec<&str> = s.trim().split('-').collect();
    groups.len() == 11
        && groups
            .iter()
            .all(|g| g.len() == 5 && g.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[test]
fn init_shows_a_recovery_code_of_eleven_groups_of_five_once() {
    let home = Home::new();
    let out = home.ok(&["init", "--passphrase"]);
    let codes: Vec<&str> = out.lines().filter(|l| is_recovery_code(l)).collect();
    assert_eq!(codes.len(), 1, "{out}");
    assert!(out.contains("only way back"), "{out}");
    // Opening it again does not show the code.
    let orgs = home.ok(&["orgs"]);
    assert!(!orgs.contains(codes[0].trim()));
    // A second init never overwrites the vault.
    let again = home.run(&["init", "--passphrase"]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
}

#[test]
fn init_with_passphrase_but_none_given_is_a_key_problem() {
    let home = Home::new();
    let o = home
        .cmd(&["--json", "init", "--passphrase"])
        .env_remove("REGIE_PASSPHRASE")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5));
    assert_eq!(json_error(&o)["code"], "passphrase-needed");
    assert!(!home.vault.exists());
}

#[test]
fn throwaway_demo_lists_the_example_organisations_and_next_steps() {
    let home = Home::new();
    let out = home.ok(&["demo"]);
    let names: Vec<String> = examples::all().into_iter().map(|e| e.org.name).collect();
    assert_eq!(names.len(), 7);
    for name in &names {
        assert!(out.contains(name.as_str()), "{name} missing from:\n{out}");
    }
    assert!(out.contains("7 example organisations added"), "{out}");
    assert!(out.contains("deleted"), "{out}");
    assert!(
        out.contains("regie demo --vault ~/regie-demo.regie"),
        "{out}"
    );
    // What they hold is shown, with the legal basis in plain words.
    assert!(out.contains("Required by law"), "{out}");
    // Nothing was left in the person's data folder or at REGIE_VAULT.
    assert!(!home.vault.exists());
    assert!(!home.dir.path().join("data").exists());
}

#[test]
fn switching_off_push_marketing_shows_in_the_organisation_page() {
    let home = Home::new();
    home.with_examples();
    home.ok(&[
        "contact",
        BANK_ID,
        "--channel",
        "push",
        "--kind",
        "marketing",
        "off",
    ]);
    let page = home.json(&["show", BANK_ID]);
    let allowed = &page["contact"]["allowed"];
    assert_eq!(allowed["push"]["marketing"], false);
    assert_eq!(allowed["push"]["proactive"], true);
    assert_eq!(allowed["email"]["marketing"], true);
    let text = home.ok(&["show", BANK_ID]);
    let push_row = text
        .lines()
        .find(|l| l.starts_with("Push notifications"))
        .unwrap();
    assert!(push_row.contains("off"), "{push_row}");
    // And the history says what changed, before and after.
    let history = home.ok(&["history", BANK_ID]);
    assert!(
        history.contains("Push notifications / Advertising and offers: on -> off"),
        "{history}"
    );
}

#[test]
fn the_global_switch_shows_in_the_overview_and_blocks_everything_but_service() {
    let home = Home::new();
    home.with_examples();
    home.ok(&["contact", "--all-orgs", "off"]);
    let orgs = home.json(&["orgs"]);
    assert_eq!(orgs["global_off"], true);
    let page = home.json(&["show", BANK_ID]);
    assert_eq!(page["global_off"], true);
    assert_eq!(
        page["effective_contact"]["allowed"]["email"]["feedback"],
        false
    );
    // The person's own switches are kept underneath.
    assert_eq!(page["contact"]["allowed"]["email"]["feedback"], true);
    // An exempted organisation follows its own switches again.
    home.ok(&["contact", BANK_ID, "--exempt", "on"]);
    let page = home.json(&["show", BANK_ID]);
    assert_eq!(
        page["effective_contact"]["allowed"]["email"]["feedback"],
        true
    );
    home.ok(&["contact", "--all-orgs", "on"]);
    assert_eq!(home.json(&["orgs"])["global_off"], false);
}

#[test]
fn withdrawing_consent_for_a_locked_holding_is_refused_with_the_reason() {
    let home = Home::new();
    home.with_examples();
    let page = home.json(&["show", BANK_ID]);
    let locked = page["holdings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["decision"] == "locked" && h["locked_reason"].is_object())
        .expect("the example bank has a holding required by law")
        .clone();
    let purpose = locked["purpose"].as_str().unwrap();
    let category = locked["category"].as_str().unwrap();
    let reason = locked["locked_reason"]["en"].as_str().unwrap();
    let o = home.run(&[
        "consent",
        BANK_ID,
        purpose,
        "withdraw",
        "--category",
        category,
    ]);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    assert!(stderr(&o).contains(reason), "{}", stderr(&o));
    // In Dutch, the Dutch reason.
    let o = home.run(&[
        "--lang",
        "nl",
        "--json",
        "consent",
        BANK_ID,
        purpose,
        "withdraw",
        "--category",
        category,
    ]);
    assert_eq!(o.status.code(), Some(7));
    let err = json_error(&o);
    assert_eq!(err["code"], "locked");
    let reason_nl = locked["locked_reason"]["nl"].as_str().unwrap();
    assert!(
        err["message"].as_str().unwrap().contains(reason_nl),
        "{err}"
    );
    // Nothing changed.
    let after = home.json(&["show", BANK_ID]);
    assert_eq!(after["holdings"], page["holdings"]);
}

#[test]
fn consent_can_be_withdrawn_by_bare_purpose_name() {
    let home = Home::new();
    home.ok(&["init", "--passphrase"]);
    home.ok(&[
        "org", "add", "bank-x", "--name", "Bank X", "--sector", "bank",
    ]);
    home.ok(&[
        "holding",
        "add",
        "bank-x",
        "--category",
        "pd:Financial",
        "--purpose",
        "https://w3id.org/dpv#DirectMarketing",
        "--basis",
        "consent",
    ]);
    let out = home.ok(&["consent", "Bank X", "DirectMarketing", "withdraw"]);
    assert!(out.contains("Permission withdrawn"), "{out}");
    let orgs = home.json(&["orgs"]);
    assert_eq!(orgs["organisations"][0]["switched_off"], 1);
}

#[test]
fn service_messages_cannot_be_switched_off() {
    let home = Home::new();
    home.with_examples();
    let o = home.run(&[
        "--json",
        "contact",
        BANK_ID,
        "--channel",
        "push",
        "--kind",
        "service",
        "off",
    ]);
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(json_error(&o)["code"], "service-not-blockable");
    let o = home.run(&[
        "contact",
        "--all-orgs",
        "--channel",
        "all",
        "--kind",
        "service",
        "off",
    ]);
    assert_eq!(o.status.code(), Some(7));
    assert!(stderr(&o).contains("contract"), "{}", stderr(&o));
    // "all kinds" means every kind that can be switched off: that works.
    home.ok(&[
        "contact",
        BANK_ID,
        "--channel",
        "sms",
        "--kind",
        "all",
        "off",
    ]);
    let page = home.json(&["show", BANK_ID]);
    assert_eq!(page["contact"]["allowed"]["sms"]["feedback"], false);
}

#[test]
fn an_unknown_organisation_exits_8() {
    let home = Home::new();
    home.ok(&["init", "--passphrase"]);
    let o = home.run(&["--json", "show", "kvk:12345678"]);
    assert_eq!(o.status.code(), Some(8));
    assert_eq!(json_error(&o)["code"], "unknown-organisation");
    let o = home.run(&[
        "contact",
        "nobody",
        "--channel",
        "push",
        "--kind",
        "marketing",
        "off",
    ]);
    assert_eq!(o.status.code(), Some(8));
}

#[test]
fn a_vault_held_open_elsewhere_exits_4() {
    let home = Home::new();
    home.ok(&["init", "--passphrase"]);
    let keychain = Keychain::in_memory();
    let passphrase = Passphrase::new(PASSPHRASE);
    let held = Vault::open(
        &home.vault,
        Unlock {
            keychain: &keychain,
            passphrase: Some(&passphrase),
        },
    )
    .unwrap();
    let o = home.run(&["--json", "orgs"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = json_error(&o);
    assert_eq!(err["code"], "vault-in-use");
    drop(held);
    home.ok(&["orgs"]);
}

#[test]
fn missing_vault_and_wrong_passphrase_have_their_own_exit_codes() {
    let home = Home::new();
    let o = home.run(&["--json", "orgs"]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(json_error(&o)["code"], "vault-not-found");
    home.ok(&["init", "--passphrase"]);
    let o = home
        .cmd(&["orgs"])
        .env("REGIE_PASSPHRASE", "not the right one at all")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    // The passphrase can come from standard input instead.
    let mut child = home
        .cmd(&["--passphrase-stdin", "orgs"])
        .env_remove("REGIE_PASSPHRASE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSPHRASE}").unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
}

#[test]
fn dutch_output_with_lang_and_regie_lang() {
    let home = Home::new();
    home.with_examples();
    let out = home.ok(&["--lang", "nl", "orgs"]);
    assert!(out.contains("Organisaties in uw kluis"), "{out}");
    let out = home
        .cmd(&["show", BANK_ID])
        .env("REGIE_LANG", "nl")
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains("Wat zij met uw gegevens doen"), "{out}");
    assert!(out.contains("Verplicht door de wet"), "{out}");
    let out = home
        .cmd(&["orgs"])
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("Organisaties"));
    let o = home.run(&["--lang", "nl", "show", "kvk:12345678"]);
    assert!(
        stderr(&o).contains("er staat geen organisatie"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn invalid_input_exits_9_and_usage_errors_exit_2() {
    let home = Home::new();
    home.ok(&["init", "--passphrase"]);
    home.ok(&["org", "add", "shop-a", "--name", "Shop A"]);
    let o = home.run(&["--json", "org", "add", "Not An Id", "--name", "X"]);
    assert_eq!(o.status.code(), Some(9));
    assert_eq!(json_error(&o)["code"], "invalid-input");
    let o = home.run(&["quiet-hours", "shop-a", "--from", "25:00", "--to", "07:00"]);
    assert_eq!(o.status.code(), Some(9));
    let o = home.run(&[
        "contact",
        "shop-a",
        "--channel",
        "pigeon",
        "--kind",
        "all",
        "off",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = home.run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn quiet_hours_and_other_preferences_are_kept() {
    let home = Home::new();
    home.ok(&["init", "--passphrase"]);
    home.ok(&["org", "add", "shop-a", "--name", "Shop A"]);
    home.ok(&["quiet-hours", "shop-a", "--from", "21:00", "--to", "08:00"]);
    home.ok(&[
        "contact",
        "shop-a",
        "--service-channel",
        "email",
        "--max-per-week",
        "2",
        "--feedback",
        "every-6-months",
        "--address",
        "first-name",
        "--human",
        "chat",
        "--language",
        "en",
    ]);
    let c = &home.json(&["show", "shop-a"])["contact"];
    assert_eq!(c["quiet_hours"]["start"], "21:00");
    assert_eq!(c["quiet_hours"]["time_zone"], "Europe/Amsterdam");
    assert_eq!(c["service_channel"], "email");
    assert_eq!(c["max_per_week"], 2);
    assert_eq!(c["feedback_cap"]["months"], 6);
    assert_eq!(c["form_of_address"], "first-name");
    assert_eq!(c["human_contact"], "chat");
    home.ok(&["quiet-hours", "shop-a", "--off"]);
    assert!(home.json(&["show", "shop-a"])["contact"]["quiet_hours"].is_null());
    home.ok(&["sensitive", "Health"]);
    assert_eq!(home.json(&["orgs"])["sensitive_categories"][0], "pd:Health");
}

fn restore(home: &Home, target: &Path, backup: &Path, code: &str) -> Output {
    let mut child = home
        .cmd(&[
            "--vault",
            target.to_str().unwrap(),
            "--json",
            "restore",
            "--from",
            backup.to_str().unwrap(),
            "--recovery-code-stdin",
            "--passphrase",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{code}").unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn backup_restores_with_the_recovery_code_and_a_wrong_code_writes_nothing() {
    let home = Home::new();
    let code = home.with_examples();
    assert!(is_recovery_code(&code), "{code}");
    home.ok(&[
        "contact",
        BANK_ID,
        "--channel",
        "push",
        "--kind",
        "all",
        "off",
    ]);
    let backup = home.dir.path().join("backup.regie");
    let out = home.ok(&["backup", backup.to_str().unwrap()]);
    assert!(out.contains("recovery code"), "{out}");
    let check = home.ok(&["check"]);
    assert!(check.contains("sound"), "{check}");

    // A wrong code: exit 5 and no file at the target.
    let target = home.dir.path().join("restored").join("vault.regie");
    let mut wrong: Vec<char> = code.chars().collect();
    wrong[0] = if wrong[0] == 'A' { 'C' } else { 'A' };
    let wrong: String = wrong.into_iter().collect();
    let o = restore(&home, &target, &backup, &wrong);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    let code_name = json_error(&o)["code"].as_str().unwrap().to_owned();
    assert!(
        code_name == "bad-recovery-code" || code_name == "recovery-code-mismatch",
        "{code_name}"
    );
    assert!(!target.exists());
    assert!(!target.parent().unwrap().exists());

    // The right code: the same organisations and switches.
    let o = restore(&home, &target, &backup, &code);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = target.to_str().unwrap();
    let ids = |v: &Value| -> Vec<String> {
        v["organisations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["org"]["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let original = home.json(&["orgs"]);
    let restored = home.json(&["--vault", t, "orgs"]);
    assert_eq!(ids(&restored), ids(&original));
    assert_eq!(ids(&restored).len(), 7);
    let page = home.json(&["--vault", t, "show", BANK_ID]);
    assert_eq!(page["contact"]["allowed"]["push"]["proactive"], false);
}

// ----- preference files and declarations ------------------------------------

#[test]
fn export_verify_and_did_for_the_bank() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("demo.regie");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_regie"))
            .args(["--vault", vault.to_str().unwrap()])
            .env("REGIE_LANG", "en")
            .args(args)
            .env("REGIE_PASSPHRASE", "a passphrase for the demo")
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    assert!(run(&["demo"]).status.success());
    assert!(run(&[
        "contact",
        "kvk:99999901",
        "--channel",
        "push",
        "--kind",
        "all",
        "off"
    ])
    .status
    .success());
    let out = run(&["export", "kvk:99999901"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = dir.path().join("regie-kvk-99999901.json");
    let verified = run(&[
        "--json",
        "verify",
        file.to_str().unwrap(),
        "--org",
        "kvk:99999901",
    ]);
    assert!(verified.status.success());
    let v: serde_json::Value = serde_json::from_slice(&verified.stdout).unwrap();
    assert_eq!(v["audience"]["id"], "kvk:99999901");
    let did = run(&["--json", "did", "kvk:99999901"]);
    let d: serde_json::Value = serde_json::from_slice(&did.stdout).unwrap();
    assert_eq!(
        v["issuer"], d["did"],
        "the file is signed by the bank's pairwise identifier"
    );
    let other = run(&["--json", "did", "kvk:99999906"]);
    let o: serde_json::Value = serde_json::from_slice(&other.stdout).unwrap();
    assert_ne!(
        d["did"], o["did"],
        "each organisation sees another identifier"
    );

    // Meant for another organisation: rejected with its own code and exit 10.
    let wrong = run(&[
        "--json",
        "verify",
        file.to_str().unwrap(),
        "--org",
        "kvk:99999906",
    ]);
    assert_eq!(wrong.status.code(), Some(10));
    let e: serde_json::Value = serde_json::from_slice(&wrong.stderr).unwrap();
    assert_eq!(e["error"]["code"], "wrong-audience");

    // One changed byte: rejected, and the Dutch message says not to use it.
    let text = std::fs::read_to_string(&file).unwrap();
    let tampered = dir.path().join("tampered.json");
    std::fs::write(
        &tampered,
        text.replacen("\"marketing\": false", "\"marketing\": true", 1),
    )
    .unwrap();
    let bad = run(&["--lang", "nl", "verify", tampered.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(10));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Gebruik dit bestand niet"));

    let all = run(&["export", "--all", "--out", "files"]);
    assert!(all.status.success());
    assert_eq!(
        std::fs::read_dir(dir.path().join("files")).unwrap().count(),
        7
    );
}

#[test]
fn importing_a_declaration_reports_what_changed_and_a_bad_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v.regie");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_regie"))
            .args(["--vault", vault.to_str().unwrap(), "--lang", "en"])
            .args(args)
            .env("REGIE_PASSPHRASE", "a passphrase for the test")
            .output()
            .unwrap()
    };
    assert!(run(&["init", "--passphrase"]).status.success());
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/spec/examples/");
    let v1 = run(&[
        "--json",
        "import",
        &format!("{spec}declaration-voorbeeldbank.json"),
    ]);
    assert!(
        v1.status.success(),
        "{}",
        String::from_utf8_lossy(&v1.stderr)
    );
    let v2 = run(&[
        "--json",
        "import",
        &format!("{spec}declaration-voorbeeldbank-v2.json"),
    ]);
    let r: serde_json::Value = serde_json::from_slice(&v2.stdout).unwrap();
    assert_eq!(r["added"].as_array().unwrap().len(), 1);
    assert_eq!(r["removed"].as_array().unwrap().len(), 1);
    assert_eq!(r["basis_changed"].as_array().unwrap().len(), 1);

    let before = run(&["--json", "history"]).stdout;
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        br#"{"format":"regie-declaration/1","organisation":{}}"#,
    )
    .unwrap();
    let out = run(&["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(9));
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    assert_eq!(
        run(&["--json", "history"]).stdout,
        before,
        "a bad declaration changes nothing"
    );
}

// ----- files are the person's only ------------------------------------------

/// Every file and folder below `dir` (not `dir` itself), with its mode.
#[cfg(unix)]
fn modes_below(dir: &Path) -> Vec<(PathBuf, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        found.push((path.clone(), meta.permissions().mode() & 0o7777));
        if meta.is_dir() {
            found.extend(modes_below(&path));
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn every_file_and_folder_regie_makes_is_owner_only_whatever_the_umask() {
    // No umask at all, the strict one, and one that even takes away the
    // owner's own write bit.
    for umask in ["000", "077", "277"] {
        let mut home = Home::new();
        home.umask = Some(umask);
        let root = home.dir.path().to_owned();
        // Without --vault or REGIE_VAULT: the platform's data folder, made
        // by Regie.
        home.vault = root.join("data").join("regie").join("vault.regie");
        let o = home
            .cmd(&["--json", "init", "--passphrase"])
            .env_remove("REGIE_VAULT")
            .output()
            .unwrap();
        assert!(o.status.success(), "umask {umask}: {}", stderr(&o));
        let init: Value = serde_json::from_slice(&o.stdout).unwrap();
        let code = init["recovery_code"].as_str().unwrap();
        assert_eq!(init["vault"], home.vault.to_str().unwrap());

        let v = home.vault.to_str().unwrap().to_owned();
        home.ok(&["demo", "--vault", &v]);
        home.ok(&["demo"]);
        let backup = root.join("backup.regie");
        home.ok(&["backup", backup.to_str().unwrap()]);
        let restored = root.join("restored").join("again").join("vault.regie");
        let o = restore(&home, &restored, &backup, code);
        assert!(o.status.success(), "umask {umask}: {}", stderr(&o));
        let o = home
            .cmd(&["export", BANK_ID])
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(o.status.success(), "umask {umask}: {}", stderr(&o));
        home.ok(&[
            "export",
            BANK_ID,
            "--out",
            root.join("bank.json").to_str().unwrap(),
        ]);
        let all = root.join("exports").join("all");
        home.ok(&["export", "--all", "--out", all.to_str().unwrap()]);
        home.ok(&[
            "rotate",
            BANK_ID,
            "--out",
            root.join("new-key.json").to_str().unwrap(),
        ]);

        let found = modes_below(&root);
        let mut expected = vec![
            "data",
            "data/regie",
            "data/regie/vault.regie",
            "data/regie/vault.regie.key",
            "backup.regie",
            "restored",
            "restored/again",
            "restored/again/vault.regie",
            "restored/again/vault.regie.key",
            "regie-kvk-99999901.json",
            "bank.json",
            "exports",
            "exports/all",
            "exports/all/regie-kvk-99999901.json",
            "new-key.json",
        ];
        for (path, mode) in &found {
            let name = path.strip_prefix(&root).unwrap().to_str().unwrap();
            expected.retain(|e| *e != name);
            let want = if path.is_dir() { 0o700 } else { 0o600 };
            assert_eq!(*mode, want, "umask {umask}: {name} is {mode:o}");
        }
        assert!(expected.is_empty(), "umask {umask}: not made: {expected:?}");
        let exported = std::fs::read_dir(&all).unwrap().count();
        assert_eq!(exported, 7, "umask {umask}");
    }
}

#[cfg(unix)]
#[test]
fn exporting_into_a_folder_that_exists_leaves_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    home.with_examples();
    let shared = home.dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    home.ok(&["export", "--all", "--out", shared.to_str().unwrap()]);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&shared), 0o755, "the person's own folder");
    assert_eq!(mode(&shared.join("regie-kvk-99999901.json")), 0o600);
}

// ----- one name per concept (docs/GLOSSARY.md) ------------------------------

/// `regie show` in Dutch.
fn show_nl(home: &Home, org: &str) -> String {
    home.ok(&["--lang", "nl", "show", org])
}

#[test]
fn the_dutch_table_says_reclame_and_kind_reclame_is_accepted() {
    let home = Home::new();
    home.with_examples();
    let table = show_nl(&home, BANK_ID);
    assert!(table.contains("Reclame en"), "{table}");
    // The Dutch words, as the table and the glossary name them.
    home.ok(&[
        "contact",
        BANK_ID,
        "--channel",
        "telefoon",
        "--kind",
        "reclame",
        "uit",
    ]);
    home.ok(&[
        "contact",
        BANK_ID,
        "--channel",
        "e-mail",
        "--kind",
        "Tips en advies",
        "off",
    ]);
    home.ok(&[
        "contact",
        BANK_ID,
        "--channel",
        "sms",
        "--kind",
        "alle",
        "uit",
    ]);
    let allowed = &home.json(&["show", BANK_ID])["contact"]["allowed"];
    assert_eq!(allowed["phone"]["marketing"], false);
    assert_eq!(allowed["email"]["proactive"], false);
    assert_eq!(allowed["sms"]["feedback"], false);
    assert_eq!(allowed["push"]["marketing"], true);
    // The English names still work.
    home.ok(&[
        "contact",
        BANK_ID,
        "--channel",
        "phone",
        "--kind",
        "marketing",
        "on",
    ]);
    assert_eq!(
        home.json(&["show", BANK_ID])["contact"]["allowed"]["phone"]["marketing"],
        true
    );
    // A word for neither is a usage error that lists the words.
    let o = home.run(&[
        "contact",
        BANK_ID,
        "--channel",
        "sms",
        "--kind",
        "ads",
        "off",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("reclame"), "{}", stderr(&o));
}

#[test]
fn quiet_hours_are_rustige_uren_not_stille_uren() {
    let home = Home::new();
    home.ok(&["init", "--passphrase"]);
    home.ok(&["org", "add", "shop-a", "--name", "Shop A"]);
    let set = home.ok(&[
        "--lang",
        "nl",
        "quiet-hours",
        "shop-a",
        "--from",
        "21:00",
        "--to",
        "08:00",
    ]);
    assert!(set.contains("Rustige uren"), "{set}");
    let page = show_nl(&home, "shop-a");
    assert!(page.contains("Rustige uren: 21:00 - 08:00"), "{page}");
    let off = home.ok(&["--lang", "nl", "quiet-hours", "shop-a", "--off"]);
    let history = home.ok(&["--lang", "nl", "history"]);
    for text in [&set, &page, &off, &history] {
        assert!(!text.to_lowercase().contains("stille uren"), "{text}");
    }
}

#[test]
fn the_identifier_is_a_kenmerk_not_a_code() {
    let home = Home::new();
    home.with_examples();
    let did = home.ok(&["--lang", "nl", "did", BANK_ID]);
    assert!(did.contains("kenmerk"), "{did}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rotation.json");
    let rotated = home.ok(&[
        "--lang",
        "nl",
        "rotate",
        BANK_ID,
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(rotated.contains("Nieuw kenmerk"), "{rotated}");
    // The announcement's summary calls it the same.
    let verified = home.ok(&["--lang", "nl", "verify", file.to_str().unwrap()]);
    assert!(verified.contains("nieuw kenmerk"), "{verified}");
    for text in [&did, &rotated, &verified] {
        assert!(!text.contains(" code "), "{text}");
        assert!(!text.contains("sleutel"), "{text}");
    }
}

#[test]
fn all_orgs_off_is_the_global_switch_off_the_same_way_round_as_the_app() {
    let home = Home::new();
    home.with_examples();
    let before = home.ok(&["orgs"]);
    assert!(before.contains("Global switch is on"), "{before}");
    let set = home.ok(&["contact", "--all-orgs", "off"]);
    assert!(set.contains("global switch is now off"), "{set}");
    let after = home.ok(&["orgs"]);
    assert!(after.contains("Global switch is off"), "{after}");
    let nl = home.ok(&["--lang", "nl", "orgs"]);
    assert!(nl.contains("Algemene schakelaar staat uit"), "{nl}");
    // "uit" turns it off as "off" does, and "aan" back on.
    home.ok(&["contact", "--all-orgs", "aan"]);
    assert_eq!(home.json(&["orgs"])["global_off"], false);
    home.ok(&["contact", "--all-orgs", "uit"]);
    assert_eq!(home.json(&["orgs"])["global_off"], true);
    let history = home.ok(&["history"]);
    assert!(
        history.contains("Global switch turned: on -> off"),
        "{history}"
    );
}

#[test]
fn regie_orgs_shows_purpose_labels_and_consent_takes_them() {
    let home = Home::new();
    home.with_examples();
    let orgs = home.ok(&["--lang", "nl", "orgs"]);
    assert!(orgs.contains("Aanbiedingen op maat"), "{orgs}");
    assert!(orgs.contains("Reclame aan u"), "{orgs}");
    // The names from the overview, in Dutch, the kind of data by name too.
    let out = home.ok(&[
        "--lang",
        "nl",
        "consent",
        BANK_ID,
        "Aanbiedingen op maat",
        "withdraw",
        "--category",
        "Betaalgegevens",
    ]);
    assert!(out.contains("Toestemming ingetrokken"), "{out}");
    let out = home.ok(&["--lang", "nl", "object", BANK_ID, "reclame aan u"]);
    assert!(out.contains("Bezwaar gemaakt"), "{out}");
    let page = home.json(&["show", BANK_ID]);
    let decided = |purpose: &str| -> Vec<(String, String)> {
        page["holdings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["purpose"] == purpose)
            .map(|h| {
                (
                    h["category"].as_str().unwrap().to_owned(),
                    h["decision"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert!(decided("dpv:PersonalisedAdvertising")
        .contains(&("pd:Transactional".into(), "consent-withdrawn".into())));
    assert!(decided("dpv:DirectMarketing")
        .iter()
        .all(|(_, d)| d == "objected"));
    // In English, and still by DPV id or bare name.
    home.ok(&["consent", BANK_ID, "personalised offers", "give"]);
    home.ok(&[
        "consent",
        BANK_ID,
        "dpv:PersonalisedAdvertising",
        "withdraw",
    ]);
    home.ok(&["object", BANK_ID, "DirectMarketing", "--withdraw"]);
    // The term grammar is regie-model's: an underscore is not a term.
    let o = home.run(&[
        "--json",
        "consent",
        BANK_ID,
        "dpv:Personalised_Advertising",
        "give",
    ]);
    assert_eq!(o.status.code(), Some(9));
    assert_eq!(json_error(&o)["code"], "invalid-input");
}

#[test]
fn sectors_are_shown_in_the_chosen_language_not_in_english() {
    let home = Home::new();
    home.with_examples();
    let nl = home.ok(&["--lang", "nl", "orgs"]);
    assert!(nl.contains("sector: Zorgverzekeraar"), "{nl}");
    assert!(!nl.contains("health-insurer"), "{nl}");
    let en = home.ok(&["orgs"]);
    assert!(en.contains("sector: Health insurer"), "{en}");
    // A sector typed in Dutch is stored by its one name; an unknown one as typed.
    home.ok(&[
        "org",
        "add",
        "shop-a",
        "--name",
        "Shop A",
        "--sector",
        "Boekhandel",
    ]);
    home.ok(&[
        "org", "add", "shop-b", "--name", "Shop B", "--sector", "bakkerij",
    ]);
    assert_eq!(home.json(&["show", "shop-a"])["org"]["sector"], "bookshop");
    let b = show_nl(&home, "shop-b");
    assert!(b.contains("sector: bakkerij"), "{b}");
}
