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
use std::path::{Path, PathBuf};

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

/// Like [`create_dir_all`], and returns the folders it made, outermost
/// first, so that a call that fails later can remove them again
/// ([`remove_made_dirs`]). If making one fails, those made before it are
/// removed.
pub fn create_dirs(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at {
        if d.as_os_str().is_empty() || d.is_dir() {
            break;
        }
        if fs::symlink_metadata(d).is_ok() {
            // A file where a folder should be.
            return Err(io::Error::from(io::ErrorKind::NotADirectory));
        }
        missing.push(d.to_owned());
        at = d.parent();
    }
    missing.reverse();
    let mut made = Vec::new();
    for d in missing {
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        builder.mode(DIR_MODE);
        match builder.create(&d) {
            Ok(()) => {
                made.push(d.clone());
                if let Err(e) = restrict_dir(&d) {
                    remove_made_dirs(&made);
                    return Err(e);
                }
            }
            // Made by someone else in the meantime: theirs, so left alone.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => {
                remove_made_dirs(&made);
                return Err(e);
            }
        }
    }
    Ok(made)
}

/// Removes folders [`create_dirs`] made, innermost first, each only if it
/// is still empty.
pub fn remove_made_dirs(made: &[PathBuf]) {
    for d in made.iter().rev() {
        let _ = fs::remove_dir(d);
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

/// A file written beside its destination but not yet in place: the first
/// half of [`write_atomic`], for a caller that must put several files in
/// place together, or record something between writing and placing.
///
/// A destination that exists and is not an ordinary file (a device such as
/// `/dev/stdout`, a pipe) is not replaced but written into, at
/// [`Staged::place`]; that write cannot be undone.
#[derive(Debug)]
pub struct Staged {
    dest: PathBuf,
    bytes: Vec<u8>,
    /// The synced temporary file, for an ordinary destination.
    tmp: Option<PathBuf>,
}

/// A staged file put in place, with what was there before, so that it can
/// be undone ([`Placed::undo`]).
#[derive(Debug)]
pub struct Placed {
    dest: PathBuf,
    before: Before,
}

#[derive(Debug)]
enum Before {
    Nothing,
    File(Vec<u8>),
    /// Written into a device or pipe.
    Stream,
}

/// The temporary name beside `path` that this process writes first.
fn temporary_beside(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp_name = path.file_name().unwrap_or_default().to_owned();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    dir.join(tmp_name)
}

/// Writes `bytes` to a new, owner-only temporary file beside `dest` and
/// syncs it; nothing is visible at `dest` yet. On failure nothing is left.
pub fn stage(dest: &Path, bytes: Vec<u8>) -> io::Result<Staged> {
    match fs::metadata(dest) {
        Ok(m) if m.is_dir() => return Err(io::Error::from(io::ErrorKind::IsADirectory)),
        Ok(m) if !m.is_file() => {
            return Ok(Staged {
                dest: dest.to_owned(),
                bytes,
                tmp: None,
            })
        }
        _ => {}
    }
    let tmp = temporary_beside(dest);
    let written = (|| {
        let mut f = replace(&tmp)?;
        f.write_all(&bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(Staged {
        dest: dest.to_owned(),
        bytes,
        tmp: Some(tmp),
    })
}

impl Staged {
    /// The destination.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Puts the file in place: renames the temporary file over the
    /// destination (keeping what was there, for [`Placed::undo`]) and syncs
    /// the folder; a device or pipe is written into. On failure the
    /// destination is as it was (except a stream written in part) and the
    /// temporary file is gone.
    pub fn place(self) -> io::Result<Placed> {
        let Some(tmp) = &self.tmp else {
            let mut f = OpenOptions::new().write(true).open(&self.dest)?;
            f.write_all(&self.bytes)?;
            f.flush()?;
            return Ok(Placed {
                dest: self.dest.clone(),
                before: Before::Stream,
            });
        };
        let placed = (|| {
            let before = match fs::read(&self.dest) {
                Ok(b) => Before::File(b),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Before::Nothing,
                Err(e) => return Err(e),
            };
            fs::rename(tmp, &self.dest)?;
            sync_folder_of(&self.dest);
            Ok(Placed {
                dest: self.dest.clone(),
                before,
            })
        })();
        if placed.is_err() {
            let _ = fs::remove_file(tmp);
        }
        placed
    }

    /// Gives up: removes the temporary file.
    pub fn discard(self) {
        if let Some(tmp) = &self.tmp {
            let _ = fs::remove_file(tmp);
        }
    }
}

impl Placed {
    /// Puts back what was at the destination before (an older file,
    /// owner-only like every file Regie writes) or removes the new file.
    /// Bytes written into a device or pipe cannot be taken back.
    pub fn undo(self) {
        match self.before {
            Before::Nothing => {
                let _ = fs::remove_file(&self.dest);
                sync_folder_of(&self.dest);
            }
            Before::File(bytes) => {
                let _ = write_atomic(&self.dest, &bytes);
            }
            Before::Stream => {}
        }
    }
}

fn sync_folder_of(path: &Path) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}
