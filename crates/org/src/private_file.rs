//! Writing a new secret file (the API token, the receipt key): it must not
//! exist yet, it is readable and writable by its owner only (0600 on Unix,
//! whatever the umask) from the moment it exists, and it is on disk before
//! this returns. If writing fails half-way, the file is removed again, so
//! no half a secret is left behind.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to the new file `path` as the module says.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o.open(path)?;
    let written = (|| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if written.is_err() {
        drop(f);
        let _ = std::fs::remove_file(path);
    }
    written
}
