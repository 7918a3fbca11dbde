//! Files and folders Regie makes are readable by their owner only.
//!
//! A vault, its key file (the passphrase-wrapped master secret: a copy can
//! be attacked offline), a backup and an exported preference file all say a
//! lot about one person, and other users of the same machine have no
//! business reading them. So on Unix every file Regie creates is 0600 and
//! every folder it creates 0700, whatever the umask: each is created with
//! that mode and then set to exactly that mode, because a umask only takes
//! bits away (000 would leave the default 0644 readable by all, a strange
//! one like 277 would take away the owner's own write bit).
//!
//! SQLite gives a database's `-wal`, `-shm` and `-journal` files the mode of
//! the database file itself, so creating that file here first, before
//! SQLite opens it, covers them too.
//!
//! Files and folders that already exist keep their mode: a folder the
//! person chose to export into is theirs. The exception is a file Regie
//! replaces with one of its own (the key file, an export written over an
//! older one): the new file is 0600.
//!
//! Elsewhere (Windows) a new file takes the access rules of the folder it
//! is made in, normally the person's own profile, and these functions
//! create files and folders in the ordinary way.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

/// The mode of every file Regie creates (Unix): read and write for the owner.
pub const FILE_MODE: u32 = 0o600;

/// The mode of every folder Regie creates (Unix): the owner only.
pub const DIR_MODE: u32 = 0o700;

/// Creates a new file at `path`, open for reading and writing, readable by
/// its owner only. Fails if anything already exists there; on any other
/// failure nothing is left at `path`.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    options.mode(FILE_MODE);
    let file = options.open(path)?;
    #[cfg(unix)]
    if let Err(e) = file.set_permissions(fs::Permissions::from_mode(FILE_MODE)) {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(e);
    }
    Ok(file)
}

/// Like [`create_new`], for a file of Regie's own that may be left over from
/// an earlier run (a temporary file of a run that was cut off): whatever is
/// at `path` is removed first, so the new file never inherits its mode.
pub fn replace(path: &Path) -> io::Result<File> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    create_new(path)
}

/// Creates `dir` and every missing folder above it, each readable by its
/// owner only. Folders that already exist are left as they are.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dir_all(parent)?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    builder.mode(DIR_MODE);
    match builder.create(dir) {
        Ok(()) => restrict_dir(dir),
        // Made by someone else in the meantime: theirs, so left alone.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Sets a folder Regie has just made (also one made for it, like a
/// temporary folder) to exactly owner-only.
pub fn restrict_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes `bytes` to `path` atomically and owner-only: a new temporary file
/// beside it, synced, renamed over `path`, and the folder synced. Whatever
/// was at `path` before is replaced whole, so the result is 0600 even where
/// an older file had another mode.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp_name = path.file_name().unwrap_or_default().to_owned();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut f = replace(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
