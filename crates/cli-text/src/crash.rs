//! A panic caught at the top of a program: `regie`, `regie-org` and the
//! app.
//!
//! A panic is a fault in Regie, never the person's. They should not see
//! Rust's "thread 'main' panicked at ..." but a sentence in their language
//! that says something went wrong and where the log is, so they can report
//! it. The log holds what a developer needs and nothing of the person's:
//! the program and its version, the time, where in Regie's code the panic
//! happened, and the chain of calls that led there (function names). The
//! panic's own message is left out, because it may hold a value, a name or
//! a path of theirs.
//!
//! Logs go to Regie's folder in the XDG state folder
//! (`~/.local/state/regie/crash/`), else the cache folder, else the
//! temporary folder; the folder and every log are readable by their owner
//! only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use regie_model::{Language, Text};

/// The exit code of a program that stopped on a panic (`EX_SOFTWARE`: an
/// internal fault), the same for every Regie program.
pub const EXIT: u8 = 70;

/// The last log this process wrote.
static LAST: Mutex<Option<PathBuf>> = Mutex::new(None);

/// What the person reads: "{log}" is where the log is.
pub const SOMETHING_WENT_WRONG: Text = Text {
    nl: "Er ging iets mis in Regie. Dit is een fout in het programma, niet in wat u deed. Wat er gebeurde staat (zonder uw gegevens) in {log}. Meld het alstublieft en stuur dat bestand mee.",
    en: "Something went wrong in Regie. This is a fault in the program, not in what you did. What happened is in {log} (without your data). Please report it and include that file.",
};

/// When no log could be written: "{why}" is the reason.
pub const NO_LOG: Text = Text {
    nl: "Er ging iets mis in Regie. Dit is een fout in het programma, niet in wat u deed. Regie kon er geen verslag van schrijven ({why}).",
    en: "Something went wrong in Regie. This is a fault in the program, not in what you did. Regie could not write a log of it ({why}).",
};

/// How a program wants the news printed.
#[derive(Debug, Clone, Copy)]
pub struct Report {
    /// The program's name, e.g. `regie`.
    pub program: &'static str,
    /// Its version.
    pub version: &'static str,
    /// The person's language.
    pub lang: Language,
    /// Print as `{"error":{"code":"internal","message":...}}` (the
    /// command lines' `--json`).
    pub json: bool,
}

/// Installs the panic hook: on a panic, the log is written and the
/// sentence printed on standard error. The panic then goes on as before
/// (the program's top catches it and exits with [`EXIT`]).
pub fn install(report: Report) {
    std::panic::set_hook(Box::new(move |info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_else(|| "unknown".into());
        let logged = write_log(report.program, report.version, &at);
        let message = message(report.lang, &logged);
        let mut err = std::io::stderr().lock();
        if report.json {
            let v = serde_json::json!({ "error": { "code": "internal", "message": message } });
            let _ = writeln!(err, "{v}");
        } else {
            let _ = writeln!(err, "{}: {message}", report.program);
        }
    }));
}

/// The sentence for a log written (or not, with why) in `lang`.
pub fn message(lang: Language, logged: &std::io::Result<PathBuf>) -> String {
    match logged {
        Ok(p) => SOMETHING_WENT_WRONG.fill(lang, &[("log", &p.display().to_string())]),
        Err(e) => NO_LOG.fill(lang, &[("why", &crate::os::reason(e, lang))]),
    }
}

/// The log this process wrote last, if it wrote one.
pub fn last_log() -> Option<PathBuf> {
    LAST.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// The folder logs go to.
pub fn log_dir() -> PathBuf {
    dirs::state_dir()
        .or_else(dirs::cache_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("regie")
        .join("crash")
}

fn write_log(program: &str, version: &str, at: &str) -> std::io::Result<PathBuf> {
    let dir = log_dir();
    make_private_dirs(&dir)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let path = dir.join(format!(
        "{program}-{}-{}.log",
        now.as_secs(),
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(&path)?;
    let thread = std::thread::current();
    writeln!(f, "program: {program} {version}")?;
    writeln!(f, "time: {} seconds since 1970", now.as_secs())?;
    writeln!(f, "thread: {}", thread.name().unwrap_or("unnamed"))?;
    writeln!(f, "where: {at}")?;
    writeln!(f, "calls:")?;
    writeln!(f, "{}", calls())?;
    f.sync_all()?;
    *LAST.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
    Ok(path)
}

/// The chain of calls as function names and places in the code: a
/// backtrace's frames hold no values, only code.
fn calls() -> String {
    std::backtrace::Backtrace::force_capture().to_string()
}

fn make_private_dirs(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        make_private_dirs(parent)?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => {
            #[cfg(unix)]
            std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}
