//! Reading a file named by the user, safely: only regular files, with a byte limit that
//! does not trust the size the file system reports.
//!
//! A FIFO blocks a reader until someone writes to it, and a device such as `/dev/zero`
//! reports a size of 0 and never ends; both are refused before a byte is read. The file is
//! opened without blocking (a FIFO swapped in after the first check does not hang the open)
//! and checked again through the open handle, and it is read through `Read::take`, so
//! whatever the size claims, no more than the limit is ever read.

use std::fs::{File, FileType, Metadata};
use std::io::Read;
use std::path::Path;

use crate::error::ReadError;

/// What kind of non-regular file this is, in words.
fn kind(file_type: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_symlink() {
        return "a symbolic link";
    }
    "not a file"
}

fn check(meta: &Metadata, limit: u64) -> Result<(), ReadError> {
    if meta.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegularFile(kind(&meta.file_type()).to_string()));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { size: meta.len(), limit });
    }
    Ok(())
}

/// Whether `path` (links followed) is a regular file, as a read would see it.
pub fn check_regular(path: &Path, limit: u64) -> Result<(), ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::from_io(&e))?;
    check(&meta, limit)
}

fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Regular files ignore O_NONBLOCK; a FIFO opened with it does not wait for a writer.
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// A regular file of at most `limit` bytes, opened for reading, for a caller that streams it
/// (`gap-check audit` reads records line by line); checked before and after the open.
pub fn open_regular(path: &Path, limit: u64) -> Result<File, ReadError> {
    open_checked(path, limit).map(|(file, _)| file)
}

/// [`open_regular`], with what the open handle says of the file.
fn open_checked(path: &Path, limit: u64) -> Result<(File, Metadata), ReadError> {
    check_regular(path, limit)?;
    let file = open(path).map_err(|e| ReadError::from_io(&e))?;
    let meta = file.metadata().map_err(|e| ReadError::from_io(&e))?;
    check(&meta, limit)?;
    Ok((file, meta))
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_regular_checked(path, limit, 0, |_| Ok(()))
}

/// [`read_regular`] for a file whose first `head_len` bytes must pass `check_head` first: the
/// rest of a file that is not what its name says is never read (a 1 GiB sparse file named
/// `.pdf` under a raised limit), and the head and the rest come from one open handle.
pub fn read_regular_checked(
    path: &Path,
    limit: u64,
    head_len: u64,
    check_head: impl FnOnce(&[u8]) -> Result<(), ReadError>,
) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_checked(path, limit)?;
    let io = |e: std::io::Error| ReadError::from_io(&e);
    // One byte past the limit tells "at the limit" from "over it" (a file that grew).
    let mut within_limit = file.take(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(head_len.min(meta.len())).unwrap_or(0));
    (&mut within_limit).take(head_len).read_to_end(&mut bytes).map_err(io)?;
    check_head(&bytes)?;
    // Then room for the size the file reports (at most the limit, checked) and the byte that
    // shows its end: a resume's text is one read, not a read per doubling from 32 bytes up
    // (a 2.4 KB one took nine, each into fresh memory). Only room, and only once the head
    // passed: what is read is still bounded by the limit.
    let size = usize::try_from(meta.len()).map_or(0, |len| len.saturating_add(1));
    bytes.reserve(size.saturating_sub(bytes.len()));
    within_limit.read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn devices_fifos_and_growing_files_are_refused() {
        let zero = read_regular(Path::new("/dev/zero"), 1024);
        assert_eq!(zero, Err(ReadError::NotRegularFile("a character device".into())));
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.pdf");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(read_regular(&fifo, 1024), Err(ReadError::NotRegularFile("a FIFO".into())));
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'a'; 2048]).unwrap();
        assert!(matches!(read_regular(&big, 1024), Err(ReadError::TooLarge { size: 2048, limit: 1024 })));
        assert_eq!(read_regular(&big, 4096).unwrap().len(), 2048);
        assert_eq!(read_regular(dir.path(), 4096), Err(ReadError::IsDirectory));
    }
}
