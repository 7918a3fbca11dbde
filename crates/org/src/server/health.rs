//! `GET /healthz`: whether this server can do its work, for a load
//! balancer, a container platform or a monitoring probe. Public, like
//! `/metrics`' counterpart on most services: it says "ok" or why not, and
//! nothing about any customer.
//!
//! Healthy means the database answers a trivial query (the number of its
//! last change) on the server's own connection: PostgreSQL stopped, or a
//! connection lost, is 503. With SQLite, a connection keeps working on a
//! file that was deleted or replaced underneath it, and everything written
//! then is lost at the next start; so the file at the database's path must
//! also still be the one the server opened, and readable. The answer's
//! reason is in plain words and a code; the database's own error text goes
//! to the operator's log only, once when the server becomes unhealthy (and
//! once when it is healthy again), not at every probe.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use regie_model::{Language, Text};

use super::logs::Level;
use crate::i18n;
use crate::Org;

/// Why the server is not healthy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The database did not answer (`store-unavailable`); the detail is
    /// the database's own words.
    Store(String),
    /// Nothing is at the SQLite database's path any more
    /// (`database-file-missing`).
    FileMissing,
    /// Another file is at the SQLite database's path than the server
    /// opened (`database-file-replaced`).
    FileReplaced,
    /// The SQLite database's file cannot be read (`database-file-unreadable`);
    /// the detail is the system's words.
    FileUnreadable(String),
}

impl Problem {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Store(_) => "store-unavailable",
            Problem::FileMissing => "database-file-missing",
            Problem::FileReplaced => "database-file-replaced",
            Problem::FileUnreadable(_) => "database-file-unreadable",
        }
    }

    /// What is wrong, for a client, in `lang`.
    pub fn text(&self) -> Text {
        match self {
            Problem::Store(_) => i18n::H_HEALTH_STORE,
            Problem::FileMissing => i18n::H_HEALTH_FILE_MISSING,
            Problem::FileReplaced => i18n::H_HEALTH_FILE_REPLACED,
            Problem::FileUnreadable(_) => i18n::H_HEALTH_FILE_UNREADABLE,
        }
    }

    /// Every problem, with an example detail (for the API's description).
    pub fn every() -> [Problem; 4] {
        [
            Problem::Store(String::new()),
            Problem::FileMissing,
            Problem::FileReplaced,
            Problem::FileUnreadable(String::new()),
        ]
    }

    fn detail(&self) -> &str {
        match self {
            Problem::Store(d) | Problem::FileUnreadable(d) => d,
            _ => "",
        }
    }
}

/// The identity of a file: device and inode.
type FileId = (u64, u64);

fn file_id(m: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (m.dev(), m.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        (0, 0)
    }
}

/// The health check of one server.
#[derive(Debug)]
pub struct Health {
    /// The SQLite file and its identity when the server started.
    file: Option<(PathBuf, Option<FileId>)>,
    /// The problem last logged, so that each is logged once.
    logged: Mutex<Option<&'static str>>,
}

impl Health {
    /// A check of the database, and of `sqlite_file` if the database is
    /// SQLite: the file the server has open now, whose identity is taken
    /// here.
    pub fn new(sqlite_file: Option<&Path>) -> Health {
        Health {
            file: sqlite_file.map(|p| {
                let id = std::fs::metadata(p).ok().map(|m| file_id(&m));
                (p.to_owned(), id)
            }),
            logged: Mutex::new(None),
        }
    }

    /// Whether the server is healthy now (blocking: it asks the database).
    /// A change from healthy to not, or back, is logged for the operator,
    /// in `operator`'s language.
    pub fn check(&self, org: &Org, operator: Language) -> Result<(), Problem> {
        let result = self.look(org);
        let now = result.as_ref().err().map(Problem::code);
        let mut logged = self.logged.lock().unwrap_or_else(|e| e.into_inner());
        if *logged != now {
            *logged = now;
            match &result {
                Err(p) => super::log(
                    Level::Error,
                    "unhealthy",
                    operator,
                    i18n::H_LOG_UNHEALTHY,
                    &[
                        ("code", p.code()),
                        ("reason", p.text().get(operator)),
                        ("err", p.detail()),
                    ],
                ),
                Ok(()) => super::log(Level::Info, "healthy", operator, i18n::H_LOG_HEALTHY, &[]),
            }
        }
        result
    }

    fn look(&self, org: &Org) -> Result<(), Problem> {
        if let Some((path, opened)) = &self.file {
            let m = std::fs::metadata(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Problem::FileMissing,
                _ => Problem::FileUnreadable(e.to_string()),
            })?;
            if opened.is_some_and(|id| id != file_id(&m)) {
                return Err(Problem::FileReplaced);
            }
            std::fs::File::open(path).map_err(|e| Problem::FileUnreadable(e.to_string()))?;
        }
        org.store()
            .change_counter()
            .map(|_| ())
            .map_err(|e| Problem::Store(e.to_string()))
    }
}
