//! How a path is written in a report: losslessly, so that a record can always be tied to
//! its file.
//!
//! A path that is valid UTF-8 is written as it is. One that is not (a name in an old 8-bit
//! encoding) cannot go into a JSON string as it is, and the usual lossy form (`�` for every
//! bad byte) makes two different names look the same. Such a path is written with each byte
//! that is not UTF-8 as `\xNN` (two hex digits) and each backslash doubled, and the record
//! also carries `input.path_bytes`: the path's raw bytes in hex.

use std::path::Path;

/// The path as written in `input.path`, and its raw bytes in hex when it is not UTF-8.
pub fn path_text(path: &Path) -> (String, Option<String>) {
    if let Some(text) = path.to_str() {
        return (text.to_string(), None);
    }
    let bytes = raw_bytes(path);
    let mut text = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                text.push('\\');
            }
            text.push(c);
        }
        for b in chunk.invalid() {
            text.push_str(&format!("\\x{b:02x}"));
        }
    }
    let hex = bytes.iter().map(|b| format!("{b:02x}")).collect();
    (text, Some(hex))
}

#[cfg(unix)]
fn raw_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn raw_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_that_differ_only_in_invalid_bytes_stay_different() {
        let a = path_text(Path::new(OsStr::from_bytes(b"dir/collide-\xff.txt")));
        let b = path_text(Path::new(OsStr::from_bytes(b"dir/collide-\xfe.txt")));
        assert_eq!(a.0, "dir/collide-\\xff.txt");
        assert_eq!(b.0, "dir/collide-\\xfe.txt");
        assert_eq!(a.1.as_deref(), Some("6469722f636f6c6c6964652dff2e747874"));
        let c = path_text(Path::new(OsStr::from_bytes(b"a\\b\xe9.txt")));
        assert_eq!(c.0, "a\\\\b\\xe9.txt");
        assert_eq!(path_text(Path::new("plain/ü.txt")), ("plain/ü.txt".to_string(), None));
    }
}
