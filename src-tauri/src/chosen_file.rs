//! Reading a file the person chose (a declaration, a preference file, an
//! answer to a request). Whatever stands at the path may not be a file: a
//! pipe would block a plain open for ever and a device never ends, and a
//! command reads while it holds the session. So a chosen file is opened
//! without blocking, read only if it is a regular file, and read to at
//! most one byte over what its reader takes, which then refuses it as too
//! large by its own rule.

use std::io::Read;
use std::path::Path;

use regie_model::Language;

use crate::error::{CmdResult, IpcError};

/// The bytes of the regular file at `path`, at most `limit + 1` of them.
pub fn read(path: &Path, limit: u64, lang: Language) -> CmdResult<Vec<u8>> {
    let io = |e| {
        IpcError::vault(
            &regie_vault::Error::Io {
                path: path.to_owned(),
                source: e,
            },
            lang,
        )
    };
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let f = o.open(path).map_err(io)?;
    if !f.metadata().map_err(io)?.is_file() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    let mut bytes = Vec::new();
    f.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a pipe chosen as a file blocked the open, with the
    /// session held, and froze the window.
    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_folder_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("answer.pdf");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let e = read(&fifo, 10, Language::En).expect_err("a pipe is refused");
        assert_eq!(e.code, crate::error::ErrorCode::Io, "{}", e.message);
        assert!(
            read(dir.path(), 10, Language::Nl).is_err(),
            "a folder is refused"
        );
    }

    #[test]
    fn a_huge_file_is_read_only_to_one_byte_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.bin");
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(3 << 20).unwrap();
        assert_eq!(
            read(&p, 1 << 20, Language::En).unwrap().len(),
            (1 << 20) + 1
        );
    }
}
