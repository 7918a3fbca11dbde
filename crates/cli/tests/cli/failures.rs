//! Every way a `regie` command can fail, in one table: for each case the
//! exit code, the `--json` error code, a phrase of the message in Dutch and
//! in English, and that the command changed nothing: the vault, its key
//! file and SQLite's `-wal` and `-shm` keep their SHA-256, and no file
//! appears in (or leaves) the folders the case watches.
//!
//! The faults are real. A read-only vault is mode 444 for an ordinary user
//! and, for root (which ignores modes), immutable (`chattr +i`). A vault
//! Regie may not read at all is mode 000, or for root a folder another
//! user may not enter, with `regie` run as that user (`runuser -u
//! nobody`). A full disk is `/dev/full` for a file being written, and for
//! the vault itself a 1 MiB tmpfs filled to the brim (mounting needs root:
//! as an ordinary user that case is skipped, and says so). A case that
//! cannot be made on this machine prints why and is skipped; the others
//! still run.

use std::any::Any;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use crate::{stderr, Home, PASSPHRASE};

/// What a case sets up before the command runs.
struct Scene {
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    stdin: Option<Vec<u8>>,
    /// Run as `nobody` (root only), from a copy of `regie` it may run.
    other_user: bool,
    /// The vault whose files must keep their bytes.
    vault: PathBuf,
    /// Folders whose contents must stay as they were.
    watch: Vec<PathBuf>,
    /// Kept while the command runs (a vault held open, an immutable file,
    /// a mounted disk); dropping undoes it.
    _keep: Vec<Box<dyn Any>>,
}

impl Scene {
    fn new(home: &Home, args: &[&str]) -> Scene {
        Scene {
            args: args.iter().map(|s| s.to_string()).collect(),
            env: Vec::new(),
            stdin: None,
            other_user: false,
            vault: home.vault.clone(),
            watch: vec![home.dir.path().to_owned()],
            _keep: Vec::new(),
        }
    }

    fn env(mut self, k: &'static str, v: impl Into<String>) -> Scene {
        self.env.push((k, v.into()));
        self
    }

    fn stdin(mut self, bytes: &[u8]) -> Scene {
        self.stdin = Some(bytes.to_vec());
        self
    }

    fn keep(mut self, thing: impl Any) -> Scene {
        self._keep.push(Box::new(thing));
        self
    }
}

struct Case {
    what: &'static str,
    scene: fn(&Home) -> Option<Scene>,
    exit: i32,
    code: &'static str,
    nl: &'static str,
    en: &'static str,
}

fn root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// The example vault every case starts from and its recovery code, made
/// once (making one costs a passphrase derivation) and copied into each
/// case's home.
fn template() -> &'static (PathBuf, String) {
    static T: OnceLock<(PathBuf, String)> = OnceLock::new();
    T.get_or_init(|| {
        let home = Home::new();
        let code = home.with_examples();
        // Kept for the other tests of this run, in the build's folder for
        // test leftovers.
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap()
            .keep();
        let vault = dir.join("vault.regie");
        for suffix in ["", ".key", ".lock"] {
            let from = PathBuf::from(format!("{}{suffix}", home.vault.display()));
            let to = PathBuf::from(format!("{}{suffix}", vault.display()));
            std::fs::copy(from, to).unwrap();
        }
        (vault, code)
    })
}

fn home_with_examples() -> Home {
    let home = Home::new();
    let t = &template().0;
    for suffix in ["", ".key", ".lock"] {
        let from = PathBuf::from(format!("{}{suffix}", t.display()));
        let to = PathBuf::from(format!("{}{suffix}", home.vault.display()));
        std::fs::copy(from, to).unwrap();
    }
    home
}

/// The recovery code of the example vault.
fn recovery_code() -> &'static str {
    &template().1
}

/// A copy of `regie` that another user may run (the build's own folder is
/// root's only), one per test (the test's thread), removed by the test
/// ([`remove_shared_binary`]).
fn shared_binary() -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = shared_binary_dir();
    let bin = dir.join("regie");
    if !bin.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_regie"), &bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn shared_binary_dir() -> PathBuf {
    let test = std::thread::current()
        .name()
        .unwrap_or("main")
        .replace("::", "-");
    std::env::temp_dir().join(format!("regie-{}-{test}", std::process::id()))
}

fn remove_shared_binary() {
    let _ = std::fs::remove_dir_all(shared_binary_dir());
}

// ----- guards that undo a fault when the case is done ----------------------

/// An immutable file (root) or one of mode 444 (anyone else).
struct ReadOnly(PathBuf, bool);

impl ReadOnly {
    fn make(file: &Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        if !root() {
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o444)).unwrap();
            return Some(ReadOnly(file.to_owned(), false));
        }
        let ok = Command::new("chattr")
            .arg("+i")
            .arg(file)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: root ignores file modes, and chattr +i does not work here");
            return None;
        }
        Some(ReadOnly(file.to_owned(), true))
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.1 {
            let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        } else {
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o600));
        }
    }
}

/// A mode set on a file or folder, put back when dropped.
struct Mode(PathBuf, u32);

impl Mode {
    fn set(p: &Path, mode: u32) -> Mode {
        use std::os::unix::fs::PermissionsExt;
        let old = std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
        Mode(p.to_owned(), old)
    }
}

impl Drop for Mode {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(self.1));
    }
}

/// A small tmpfs, unmounted when dropped.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

// ----- what "changed nothing" means ------------------------------------------

/// The SHA-256 of the vault's files (or that one is absent) and the names
/// in every watched folder.
fn snapshot(scene: &Scene) -> BTreeMap<String, String> {
    let mut s = BTreeMap::new();
    for suffix in ["", ".key", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", scene.vault.display()));
        let v = match std::fs::read(&p) {
            Ok(b) => format!("{:x}", Sha256::digest(&b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => "absent".into(),
            // A folder given as the vault, or a file root may not read.
            Err(e) => format!("unreadable: {:?}", e.kind()),
        };
        s.insert(format!("file {}", p.display()), v);
    }
    for dir in &scene.watch {
        let mut names: Vec<String> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect(),
            Err(e) => vec![format!("unreadable: {:?}", e.kind())],
        };
        names.sort();
        s.insert(format!("folder {}", dir.display()), names.join(" "));
    }
    s
}

fn run(home: &Home, scene: &Scene, lang: &str, json: bool) -> Output {
    let mut args: Vec<String> = vec!["--lang".into(), lang.into()];
    if json {
        args.push("--json".into());
    }
    args.extend(scene.args.iter().cloned());
    let mut c = if scene.other_user {
        let mut c = Command::new("runuser");
        c.args(["-u", "nobody", "--"])
            .arg(shared_binary())
            .args(&args)
            .env("REGIE_VAULT", &home.vault)
            .env("REGIE_PASSPHRASE", PASSPHRASE)
            .env("HOME", "/nonexistent")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("REGIE_LANG")
            .stdin(Stdio::null());
        c
    } else {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        home.cmd(&refs)
    };
    for (k, v) in &scene.env {
        c.env(k, v);
    }
    match &scene.stdin {
        None => c.output().unwrap(),
        Some(bytes) => {
            c.stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let mut child = c.spawn().unwrap();
            let mut input = child.stdin.take().unwrap();
            let _ = input.write_all(bytes);
            drop(input);
            child.wait_with_output().unwrap()
        }
    }
}

// ----- the cases ----------------------------------------------------------------

fn no_vault(home: &Home) -> Option<Scene> {
    let missing = home.dir.path().join("missing.regie");
    Some(Scene::new(home, &["--vault", &path(&missing), "orgs"]))
}

fn folder(home: &Home, args: &[&str]) -> Scene {
    let adir = home.dir.path().join("adir");
    std::fs::create_dir_all(&adir).unwrap();
    let mut all = vec!["--vault", adir.to_str().unwrap()];
    all.extend_from_slice(args);
    let mut s = Scene::new(home, &all);
    s.watch.push(adir.clone());
    s.vault = adir;
    s
}

fn folder_orgs(home: &Home) -> Option<Scene> {
    Some(folder(home, &["orgs"]))
}

fn folder_init(home: &Home) -> Option<Scene> {
    Some(folder(home, &["init", "--passphrase"]))
}

fn folder_restore(home: &Home) -> Option<Scene> {
    let backup = home.dir.path().join("backup.regie");
    home.ok(&["backup", backup.to_str().unwrap()]);
    Some(
        folder(home, &["restore", "--from", backup.to_str().unwrap()])
            .env("REGIE_RECOVERY_CODE", recovery_code()),
    )
}

fn not_a_vault(home: &Home, bytes: &[u8]) -> Scene {
    std::fs::write(&home.vault, bytes).unwrap();
    Scene::new(home, &["orgs"])
}

fn text_file(home: &Home) -> Option<Scene> {
    Some(not_a_vault(home, b"{\"organisations\": []}\n"))
}

fn empty_file(home: &Home) -> Option<Scene> {
    Some(not_a_vault(home, b""))
}

fn plain_database(home: &Home) -> Option<Scene> {
    let mut b = b"SQLite format 3\0".to_vec();
    b.resize(8192, 0);
    Some(not_a_vault(home, &b))
}

fn read_only_change(home: &Home) -> Option<Scene> {
    let guard = ReadOnly::make(&home.vault)?;
    Some(Scene::new(home, &["contact", "--all-orgs", "off"]).keep(guard))
}

fn read_only_rotate(home: &Home) -> Option<Scene> {
    let guard = ReadOnly::make(&home.vault)?;
    let out = home.dir.path().join("rotation.json");
    Some(
        Scene::new(
            home,
            &["rotate", "kvk:99999901", "--out", out.to_str().unwrap()],
        )
        .keep(guard),
    )
}

fn no_permission(home: &Home) -> Option<Scene> {
    if root() {
        // Root reads every file: run as another user, who may not enter
        // the (owner-only) folder the vault is in.
        let mut s = Scene::new(home, &["orgs"]);
        s.other_user = true;
        return Some(s);
    }
    let guard = Mode::set(&home.vault, 0o000);
    Some(Scene::new(home, &["orgs"]).keep(guard))
}

fn export_to_full_disk(home: &Home) -> Option<Scene> {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: this system has no /dev/full");
        return None;
    }
    Some(Scene::new(
        home,
        &["export", "kvk:99999901", "--out", "/dev/full"],
    ))
}

fn backup_to_full_disk(home: &Home) -> Option<Scene> {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: this system has no /dev/full");
        return None;
    }
    Some(Scene::new(home, &["backup", "/dev/full"]))
}

/// The vault itself on a full disk: a 1 MiB tmpfs, filled up.
fn vault_on_full_disk(home: &Home) -> Option<Scene> {
    if !root() {
        eprintln!("skipped: mounting a small tmpfs needs root here");
        return None;
    }
    let small = home.dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&small)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: mount -t tmpfs is not permitted here");
        return None;
    }
    let guard = Mounted(small.clone());
    // A new vault without the examples, so that `demo` has much to write.
    let vault = small.join("vault.regie");
    let o = home
        .cmd(&["--vault", vault.to_str().unwrap(), "init", "--passphrase"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let filler = small.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    drop(f);
    // Room for SQLite's shared memory and a little more, not for the
    // examples.
    let len = std::fs::metadata(&filler).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap()
        .set_len(len.saturating_sub(48 * 1024))
        .unwrap();
    let mut s = Scene::new(home, &["--vault", vault.to_str().unwrap(), "demo"]).keep(guard);
    s.vault = vault;
    s.watch = vec![small];
    Some(s)
}

fn in_use(home: &Home) -> Option<Scene> {
    let kc = regie_vault::Keychain::in_memory();
    let pp = regie_vault::Passphrase::new(PASSPHRASE);
    let held = regie_vault::Vault::open(
        &home.vault,
        regie_vault::Unlock {
            keychain: &kc,
            passphrase: Some(&pp),
        },
    )
    .unwrap();
    // The -wal and -shm of the open vault are the holder's, and stay.
    Some(Scene::new(home, &["orgs"]).keep(held))
}

fn key_file_missing(home: &Home) -> Option<Scene> {
    std::fs::remove_file(home.vault.with_extension("regie.key")).unwrap();
    Some(Scene::new(home, &["orgs"]))
}

fn key_file_damaged(home: &Home) -> Option<Scene> {
    std::fs::write(home.vault.with_extension("regie.key"), b"{not json").unwrap();
    Some(Scene::new(home, &["orgs"]))
}

fn wrong_passphrase(home: &Home) -> Option<Scene> {
    Some(Scene::new(home, &["orgs"]).env("REGIE_PASSPHRASE", "not the passphrase at all"))
}

fn no_passphrase(home: &Home) -> Option<Scene> {
    Some(Scene::new(home, &["orgs"]).env("REGIE_PASSPHRASE", ""))
}

fn key_file_of_another_vault(home: &Home) -> Option<Scene> {
    let other = home.dir.path().join("other.regie");
    let o = home
        .cmd(&["--vault", other.to_str().unwrap(), "init", "--passphrase"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::copy(
        other.with_extension("regie.key"),
        home.vault.with_extension("regie.key"),
    )
    .unwrap();
    Some(Scene::new(home, &["orgs"]))
}

fn flip(file: &Path, at: impl Fn(u64) -> u64) {
    let mut b = std::fs::read(file).unwrap();
    let i = at(b.len() as u64) as usize;
    b[i] ^= 1;
    std::fs::write(file, b).unwrap();
}

fn damaged_first_page(home: &Home) -> Option<Scene> {
    flip(&home.vault, |_| 100);
    Some(Scene::new(home, &["orgs"]))
}

fn damaged_later_page(home: &Home) -> Option<Scene> {
    flip(&home.vault, |len| len - 1000);
    Some(Scene::new(home, &["check"]))
}

fn tampered(home: &Home, sql: &str) {
    let kc = regie_vault::Keychain::in_memory();
    let pp = regie_vault::Passphrase::new(PASSPHRASE);
    let v = regie_vault::Vault::open(
        &home.vault,
        regie_vault::Unlock {
            keychain: &kc,
            passphrase: Some(&pp),
        },
    )
    .unwrap();
    v.tamper_for_tests(sql).unwrap();
}

fn history_changed(home: &Home) -> Option<Scene> {
    tampered(
        home,
        "DROP TRIGGER event_append_only_update; UPDATE event SET subject = 'changed' WHERE seq = 2;",
    );
    Some(Scene::new(home, &["check"]))
}

fn too_new(home: &Home) -> Option<Scene> {
    tampered(
        home,
        &format!("PRAGMA user_version = {}", regie_vault::SCHEMA_VERSION + 1),
    );
    Some(Scene::new(home, &["orgs"]))
}

fn export_into_missing_folder(home: &Home) -> Option<Scene> {
    let out = home.dir.path().join("nodir").join("bank.json");
    Some(Scene::new(
        home,
        &["export", "kvk:99999901", "--out", out.to_str().unwrap()],
    ))
}

fn export_onto_folder(home: &Home) -> Option<Scene> {
    let adir = home.dir.path().join("adir");
    std::fs::create_dir(&adir).unwrap();
    let mut s = Scene::new(
        home,
        &["export", "kvk:99999901", "--out", adir.to_str().unwrap()],
    );
    s.watch.push(adir);
    Some(s)
}

fn export_all_into_unwritable(home: &Home) -> Option<Scene> {
    // A file where the folder should go: the folder cannot be made.
    let blocker = home.dir.path().join("blocker");
    std::fs::write(&blocker, b"x").unwrap();
    let out = blocker.join("files");
    Some(Scene::new(
        home,
        &["export", "--all", "--out", out.to_str().unwrap()],
    ))
}

fn backup_onto_folder(home: &Home) -> Option<Scene> {
    let adir = home.dir.path().join("adir");
    std::fs::create_dir(&adir).unwrap();
    let mut s = Scene::new(home, &["backup", adir.to_str().unwrap()]);
    s.watch.push(adir);
    Some(s)
}

fn backup_into_missing_folder(home: &Home) -> Option<Scene> {
    let out = home.dir.path().join("nodir").join("b.regie");
    Some(Scene::new(home, &["backup", out.to_str().unwrap()]))
}

fn backup_onto_a_file(home: &Home) -> Option<Scene> {
    let there = home.dir.path().join("there.regie");
    std::fs::write(&there, b"mine").unwrap();
    Some(Scene::new(home, &["backup", there.to_str().unwrap()]))
}

fn restore_onto_existing(home: &Home) -> Option<Scene> {
    let backup = home.dir.path().join("backup.regie");
    home.ok(&["backup", backup.to_str().unwrap()]);
    Some(
        Scene::new(home, &["restore", "--from", backup.to_str().unwrap()])
            .env("REGIE_RECOVERY_CODE", recovery_code()),
    )
}

fn restore_from_missing(home: &Home) -> Option<Scene> {
    let target = home.dir.path().join("new.regie");
    let backup = home.dir.path().join("nope.regie");
    Some(
        Scene::new(
            home,
            &[
                "--vault",
                target.to_str().unwrap(),
                "restore",
                "--from",
                backup.to_str().unwrap(),
            ],
        )
        .env("REGIE_RECOVERY_CODE", recovery_code()),
    )
}

fn restore_into_unwritable(home: &Home) -> Option<Scene> {
    let backup = home.dir.path().join("backup.regie");
    home.ok(&["backup", backup.to_str().unwrap()]);
    let blocker = home.dir.path().join("blocker");
    std::fs::write(&blocker, b"x").unwrap();
    let target = blocker.join("sub").join("v.regie");
    Some(
        Scene::new(
            home,
            &[
                "--vault",
                target.to_str().unwrap(),
                "restore",
                "--from",
                backup.to_str().unwrap(),
            ],
        )
        .env("REGIE_RECOVERY_CODE", recovery_code()),
    )
}

fn restore_wrong_code(home: &Home) -> Option<Scene> {
    let backup = home.dir.path().join("backup.regie");
    home.ok(&["backup", backup.to_str().unwrap()]);
    let target = home.dir.path().join("new.regie");
    Some(
        Scene::new(
            home,
            &[
                "--vault",
                target.to_str().unwrap(),
                "restore",
                "--from",
                backup.to_str().unwrap(),
            ],
        )
        .env("REGIE_RECOVERY_CODE", "AAAAA-BBBBB"),
    )
}

fn restore_no_code(home: &Home) -> Option<Scene> {
    Some(Scene::new(home, &["restore"]))
}

fn restore_stdin_twice(home: &Home) -> Option<Scene> {
    let target = home.dir.path().join("new.regie");
    Some(
        Scene::new(
            home,
            &[
                "--vault",
                target.to_str().unwrap(),
                "restore",
                "--from",
                "-",
                "--recovery-code-stdin",
            ],
        )
        .stdin(b"AAAAA\n"),
    )
}

fn init_stdin_without_passphrase(home: &Home) -> Option<Scene> {
    let new = home.dir.path().join("new.regie");
    Some(
        Scene::new(
            home,
            &[
                "--vault",
                new.to_str().unwrap(),
                "--passphrase-stdin",
                "init",
            ],
        )
        .stdin(b"correct horse battery staple\n"),
    )
}

fn init_without_passphrase(home: &Home) -> Option<Scene> {
    let new = home.dir.path().join("new.regie");
    Some(
        Scene::new(
            home,
            &["--vault", new.to_str().unwrap(), "init", "--passphrase"],
        )
        .env("REGIE_PASSPHRASE", ""),
    )
}

fn init_onto_existing(home: &Home) -> Option<Scene> {
    Some(Scene::new(home, &["init", "--passphrase"]))
}

fn verify_missing(home: &Home) -> Option<Scene> {
    let f = home.dir.path().join("nothing.json");
    Some(Scene::new(home, &["verify", f.to_str().unwrap()]))
}

fn verify_stdin_garbage(home: &Home) -> Option<Scene> {
    Some(Scene::new(home, &["verify", "-"]).stdin(b"{\"not\": \"a preference file\"}"))
}

fn import_missing(home: &Home) -> Option<Scene> {
    let f = home.dir.path().join("nothing.json");
    Some(Scene::new(home, &["import", f.to_str().unwrap()]))
}

fn import_stdin_garbage(home: &Home) -> Option<Scene> {
    Some(Scene::new(home, &["import", "-"]).stdin(b"not a declaration"))
}

fn unknown_org(home: &Home) -> Option<Scene> {
    Some(Scene::new(home, &["show", "kvk:12345678"]))
}

fn locked_holding(home: &Home) -> Option<Scene> {
    Some(Scene::new(
        home,
        &[
            "consent",
            "kvk:99999901",
            "dpv:CounterMoneyLaundering",
            "withdraw",
        ],
    ))
}

fn a_panic(home: &Home) -> Option<Scene> {
    let state = home.dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    let mut s = Scene::new(home, &["orgs"])
        .env("REGIE_PANIC_FOR_TESTS", "a secret value")
        .env("XDG_STATE_HOME", path(&state));
    // The log is the one file a panic may make, in its own folder.
    s.watch = vec![home.dir.path().to_owned()];
    Some(s)
}

const CASES: &[Case] = &[
    Case {
        what: "no vault at the path",
        scene: no_vault,
        exit: 3,
        code: "vault-not-found",
        nl: "er is geen kluis op",
        en: "there is no vault at",
    },
    Case {
        what: "a folder given as the vault, to orgs",
        scene: folder_orgs,
        exit: 12,
        code: "not-a-vault",
        nl: "is een map, geen kluisbestand",
        en: "is a folder, not a vault file",
    },
    Case {
        what: "a folder given as the vault, to init",
        scene: folder_init,
        exit: 12,
        code: "not-a-vault",
        nl: "is een map, geen kluisbestand",
        en: "is a folder, not a vault file",
    },
    Case {
        what: "a folder given as the vault, to restore",
        scene: folder_restore,
        exit: 12,
        code: "not-a-vault",
        nl: "is een map, geen kluisbestand",
        en: "is a folder, not a vault file",
    },
    Case {
        what: "a text file as the vault",
        scene: text_file,
        exit: 12,
        code: "not-a-vault",
        nl: "ander soort bestand",
        en: "a file of another kind",
    },
    Case {
        what: "an empty file as the vault",
        scene: empty_file,
        exit: 12,
        code: "not-a-vault",
        nl: "is leeg",
        en: "is empty",
    },
    Case {
        what: "an ordinary SQLite database as the vault",
        scene: plain_database,
        exit: 12,
        code: "not-a-vault",
        nl: "gewone database zonder versleuteling",
        en: "ordinary database without encryption",
    },
    Case {
        what: "a change to a read-only vault",
        scene: read_only_change,
        exit: 13,
        code: "vault-read-only",
        nl: "kan alleen gelezen worden",
        en: "can only be read",
    },
    Case {
        what: "a key rotation on a read-only vault",
        scene: read_only_rotate,
        exit: 13,
        code: "vault-read-only",
        nl: "kan alleen gelezen worden",
        en: "can only be read",
    },
    Case {
        what: "a vault Regie may not read",
        scene: no_permission,
        exit: 13,
        code: "no-permission",
        nl: "geen toestemming",
        en: "permission denied",
    },
    Case {
        what: "an export onto a full disk",
        scene: export_to_full_disk,
        exit: 14,
        code: "disk-full",
        nl: "de schijf is vol",
        en: "the disk is full",
    },
    Case {
        what: "a backup onto a full disk",
        scene: backup_to_full_disk,
        exit: 14,
        code: "disk-full",
        nl: "de schijf is vol",
        en: "the disk is full",
    },
    Case {
        what: "the vault on a full disk",
        scene: vault_on_full_disk,
        exit: 14,
        code: "disk-full",
        nl: "de schijf is vol",
        en: "the disk is full",
    },
    Case {
        what: "a vault held open by another process",
        scene: in_use,
        exit: 4,
        code: "vault-in-use",
        nl: "in een ander Regie-venster",
        en: "in use by another Regie window",
    },
    Case {
        what: "the key file missing",
        scene: key_file_missing,
        exit: 11,
        code: "key-file-missing",
        nl: "ontbreekt",
        en: "is missing",
    },
    Case {
        what: "the key file damaged",
        scene: key_file_damaged,
        exit: 11,
        code: "key-file-damaged",
        nl: "is beschadigd",
        en: "is damaged",
    },
    Case {
        what: "a wrong passphrase",
        scene: wrong_passphrase,
        exit: 5,
        code: "wrong-passphrase",
        nl: "de wachtwoordzin klopt niet",
        en: "the passphrase is wrong",
    },
    Case {
        what: "no passphrase and no terminal",
        scene: no_passphrase,
        exit: 5,
        code: "passphrase-needed",
        nl: "beveiligd met een wachtwoordzin",
        en: "protected with a passphrase",
    },
    Case {
        what: "the key file of another vault",
        scene: key_file_of_another_vault,
        exit: 5,
        code: "wrong-key",
        nl: "past niet op de kluis",
        en: "does not open the vault",
    },
    Case {
        what: "a damaged first page",
        scene: damaged_first_page,
        exit: 6,
        code: "vault-corrupt",
        nl: "blokken af",
        en: "pages",
    },
    Case {
        what: "a damaged later page, found by check",
        scene: damaged_later_page,
        exit: 6,
        code: "vault-corrupt",
        nl: "is beschadigd",
        en: "is damaged",
    },
    Case {
        what: "a history changed outside Regie",
        scene: history_changed,
        exit: 6,
        code: "history-tampered",
        nl: "buiten Regie veranderd",
        en: "changed outside Regie",
    },
    Case {
        what: "a vault from a newer Regie",
        scene: too_new,
        exit: 15,
        code: "vault-too-new",
        nl: "nieuwere versie van Regie",
        en: "newer version of Regie",
    },
    Case {
        what: "an export into a folder that does not exist",
        scene: export_into_missing_folder,
        exit: 14,
        code: "io",
        nl: "bestaat niet",
        en: "does not exist",
    },
    Case {
        what: "an export onto a folder",
        scene: export_onto_folder,
        exit: 14,
        code: "io",
        nl: "dit is een map, geen bestand",
        en: "it is a folder, not a file",
    },
    Case {
        what: "export --all where its folder cannot be made",
        scene: export_all_into_unwritable,
        exit: 14,
        code: "io",
        nl: "een deel van het pad is geen map",
        en: "ot a directory",
    },
    Case {
        what: "a backup onto a folder",
        scene: backup_onto_folder,
        exit: 14,
        code: "io",
        nl: "dit is een map, geen bestand",
        en: "it is a folder, not a file",
    },
    Case {
        what: "a backup into a folder that does not exist",
        scene: backup_into_missing_folder,
        exit: 14,
        code: "io",
        nl: "bestaat niet",
        en: "does not exist",
    },
    Case {
        what: "a backup onto an existing file",
        scene: backup_onto_a_file,
        exit: 1,
        code: "vault-exists",
        nl: "bestaat al",
        en: "already exists",
    },
    Case {
        what: "a restore onto an existing vault",
        scene: restore_onto_existing,
        exit: 1,
        code: "vault-exists",
        nl: "bestaat al",
        en: "already exists",
    },
    Case {
        what: "a restore from a backup that does not exist",
        scene: restore_from_missing,
        exit: 3,
        code: "vault-not-found",
        nl: "er is geen kluis op",
        en: "there is no vault at",
    },
    Case {
        what: "a restore into a place whose folders cannot be made",
        scene: restore_into_unwritable,
        exit: 14,
        code: "io",
        nl: "een deel van het pad is geen map",
        en: "a part of the path is not a folder",
    },
    Case {
        what: "a restore with a mistyped recovery code",
        scene: restore_wrong_code,
        exit: 5,
        code: "bad-recovery-code",
        nl: "de herstelcode klopt niet",
        en: "the recovery code is not right",
    },
    Case {
        what: "a restore with no recovery code and no terminal",
        scene: restore_no_code,
        exit: 5,
        code: "recovery-code-needed",
        nl: "geef de herstelcode",
        en: "give the recovery code",
    },
    Case {
        what: "restore --from - with the recovery code on standard input too",
        scene: restore_stdin_twice,
        exit: 2,
        code: "usage",
        nl: "kunnen daar niet ook komen",
        en: "cannot come there too",
    },
    Case {
        what: "init --passphrase-stdin without --passphrase",
        scene: init_stdin_without_passphrase,
        exit: 2,
        code: "usage",
        nl: "zonder --passphrase",
        en: "without --passphrase",
    },
    Case {
        what: "init --passphrase with none given and no terminal",
        scene: init_without_passphrase,
        exit: 5,
        code: "passphrase-needed",
        nl: "heeft een wachtwoordzin nodig",
        en: "needs a passphrase",
    },
    Case {
        what: "init where a vault exists",
        scene: init_onto_existing,
        exit: 1,
        code: "vault-exists",
        nl: "bestaat al",
        en: "already exists",
    },
    Case {
        what: "verify a file that does not exist",
        scene: verify_missing,
        exit: 14,
        code: "io",
        nl: "bestaat niet",
        en: "No such file",
    },
    Case {
        what: "verify standard input that is no preference file",
        scene: verify_stdin_garbage,
        exit: 10,
        code: "wrong-context",
        nl: "afgekeurd",
        en: "rejected",
    },
    Case {
        what: "import a file that does not exist",
        scene: import_missing,
        exit: 14,
        code: "io",
        nl: "bestaat niet",
        en: "No such file",
    },
    Case {
        what: "import standard input that is no declaration",
        scene: import_stdin_garbage,
        exit: 9,
        code: "invalid-declaration",
        nl: "geen leesbare verklaring",
        en: "not a readable declaration",
    },
    Case {
        what: "an unknown organisation",
        scene: unknown_org,
        exit: 8,
        code: "unknown-organisation",
        nl: "geen organisatie",
        en: "no organisation",
    },
    Case {
        what: "withdrawing what the law requires",
        scene: locked_holding,
        exit: 7,
        code: "locked",
        nl: "niet uitzetten",
        en: "cannot switch this off",
    },
    Case {
        what: "a fault in regie itself",
        scene: a_panic,
        exit: 70,
        code: "internal",
        nl: "Er ging iets mis in Regie",
        en: "Something went wrong in Regie",
    },
];

/// Before, a read-only vault was "damaged, restore a backup", a folder got
/// three different wrong stories, and a failed export still wrote its
/// history event.
#[test]
fn every_failure_has_its_exit_code_its_words_and_changes_nothing() {
    let mut problems = Vec::new();
    let mut ran = 0;
    for case in CASES {
        let home = home_with_examples();
        let Some(scene) = (case.scene)(&home) else {
            eprintln!("  ({})", case.what);
            continue;
        };
        let before = snapshot(&scene);
        for (lang, json, phrase) in [
            ("nl", false, case.nl),
            ("en", false, case.en),
            ("en", true, case.en),
        ] {
            let o = run(&home, &scene, lang, json);
            let err = stderr(&o);
            let mut fail =
                |why: String| problems.push(format!("{} ({lang}, json {json}): {why}", case.what));
            if o.status.code() != Some(case.exit) {
                fail(format!(
                    "exit {:?}, expected {}: {err}",
                    o.status.code(),
                    case.exit
                ));
            }
            if !err.contains(phrase) {
                fail(format!("message lacks {phrase:?}: {err}"));
            }
            if json {
                match serde_json::from_str::<serde_json::Value>(err.trim()) {
                    Ok(v) if v["error"]["code"] == case.code => {}
                    _ => fail(format!("--json code is not {:?}: {err}", case.code)),
                }
            } else if lang == "nl" {
                for english in [
                    "os error",
                    "No such file",
                    "Permission denied",
                    "database error",
                ] {
                    if err.contains(english) {
                        fail(format!("English {english:?} in Dutch: {err}"));
                    }
                }
            }
            let after = snapshot(&scene);
            if after != before {
                fail(format!(
                    "it changed something:\n  before {before:?}\n  after  {after:?}"
                ));
            }
        }
        ran += 1;
    }
    remove_shared_binary();
    eprintln!("{ran} of {} failure cases ran", CASES.len());
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// A vault the person may read but not write answers every reading
/// command, and nothing is written to it or made beside it. Before, each
/// of them said "the vault file is damaged, restore a backup".
#[test]
fn a_read_only_vault_answers_every_reading_command() {
    let home = home_with_examples();
    let out = tempfile::tempdir().unwrap();
    let exported = out.path().join("bank.json");
    let Some(guard) = ReadOnly::make(&home.vault) else {
        return;
    };
    let scene = Scene::new(&home, &[]).keep(guard);
    let before = snapshot(&scene);
    let reading: &[&[&str]] = &[
        &["orgs"],
        &["show", "kvk:99999901"],
        &["history"],
        &["check"],
        &["did", "kvk:99999901"],
        &[
            "export",
            "kvk:99999901",
            "--out",
            exported.to_str().unwrap(),
        ],
        &["verify", exported.to_str().unwrap()],
    ];
    for args in reading {
        let o = home.run(args);
        assert!(
            o.status.success(),
            "regie {args:?} on a read-only vault: {:?} {}",
            o.status.code(),
            stderr(&o)
        );
        assert_eq!(snapshot(&scene), before, "regie {args:?} changed something");
    }
    // The export says it could not be recorded.
    let o = home.run(&[
        "--lang",
        "nl",
        "export",
        "kvk:99999901",
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert!(
        stderr(&o).contains("niet in de geschiedenis"),
        "{}",
        stderr(&o)
    );
    drop(scene);
    // Another user's vault that they may read (root: run as nobody).
    if root() {
        let home = home_with_examples();
        let _dir = Mode::set(home.dir.path(), 0o755);
        let _vault = Mode::set(&home.vault, 0o644);
        let _key = Mode::set(&home.vault.with_extension("regie.key"), 0o644);
        let mut scene = Scene::new(&home, &["orgs"]);
        scene.other_user = true;
        let before = snapshot(&scene);
        let o = run(&home, &scene, "en", false);
        assert!(o.status.success(), "another user's vault: {}", stderr(&o));
        let mut change = Scene::new(&home, &["contact", "--all-orgs", "off"]);
        change.other_user = true;
        let o = run(&home, &change, "en", false);
        assert_eq!(o.status.code(), Some(13), "{}", stderr(&o));
        assert_eq!(snapshot(&scene), before);
        remove_shared_binary();
    }
}

/// A fault in `regie` is logged without the person's data, in a file only
/// they can read, and the message says where.
#[test]
fn a_panic_is_logged_without_personal_data_and_says_where() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let state = home.dir.path().join("state");
    let o = home
        .cmd(&["--lang", "nl", "orgs"])
        .env("REGIE_PANIC_FOR_TESTS", "Anne de Vries, Dorpsstraat 1")
        .env("XDG_STATE_HOME", &state)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(70));
    let err = stderr(&o);
    assert!(err.contains("Er ging iets mis in Regie"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let logs: Vec<PathBuf> = std::fs::read_dir(state.join("regie").join("crash"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(logs.len(), 1);
    assert!(err.contains(&logs[0].display().to_string()), "{err}");
    let log = std::fs::read_to_string(&logs[0]).unwrap();
    assert!(log.contains("program: regie"), "{log}");
    assert!(log.contains("main.rs"), "{log}");
    assert!(
        !log.contains("Anne") && !log.contains("Dorpsstraat"),
        "{log}"
    );
    let mode = std::fs::metadata(&logs[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// `-` is standard input for the commands that read a file, and standard
/// output for `export --out`. Before, `regie verify -` said "could not
/// read -: No such file or directory", and `export --out -` made a file
/// named `-`.
#[test]
fn a_dash_is_standard_input_and_output() {
    let home = home_with_examples();
    let o = home
        .cmd(&["export", "kvk:99999901", "--out", "-"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!home.dir.path().join("-").exists());
    assert!(stderr(&o).contains("sequence"), "{}", stderr(&o));
    let file = o.stdout;
    // A backup through a pipe, restored with `--from -`.
    let backup = home.cmd(&["backup", "-"]).output().unwrap();
    assert!(backup.status.success(), "{}", stderr(&backup));
    let target = home.dir.path().join("from-a-pipe.regie");
    let mut restore = home.cmd(&[
        "--vault",
        target.to_str().unwrap(),
        "restore",
        "--from",
        "-",
        "--passphrase",
    ]);
    restore
        .env("REGIE_RECOVERY_CODE", recovery_code())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = restore.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&backup.stdout)
        .unwrap();
    let r = child.wait_with_output().unwrap();
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(target.exists());
    let mut verify = home.cmd(&["verify", "-"]);
    verify.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = verify.spawn().unwrap();
    child.stdin.take().unwrap().write_all(&file).unwrap();
    let v = child.wait_with_output().unwrap();
    assert!(v.status.success(), "{}", stderr(&v));
    assert!(String::from_utf8_lossy(&v.stdout).contains("This file is valid"));
}
