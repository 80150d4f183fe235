//! Bytes to a string: UTF-8 (with or without BOM), UTF-16 with a BOM, and otherwise
//! Windows-1252, which is what "Latin-1" files written on Windows really are. Binary data is
//! refused instead of being decoded into nonsense.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::ReadError;

pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return checked(String::from_utf8_lossy(rest).into_owned());
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return checked(UTF_16LE.decode(bytes).0.into_owned());
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return checked(UTF_16BE.decode(bytes).0.into_owned());
    }
    if looks_binary(bytes) {
        return Err(ReadError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => Ok(WINDOWS_1252.decode(bytes).0.into_owned()),
    }
}

fn checked(text: String) -> Result<String, ReadError> {
    if looks_binary(text.as_bytes()) {
        Err(ReadError::Binary)
    } else {
        Ok(text)
    }
}

/// NUL bytes, or more than a few percent of control characters, mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(16 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    control * 20 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_decoded_not_rejected() {
        let bytes = b"Jos\xe9 \x96 Z\xfcrich, Universit\xe9 de Montr\xe9al \x92s";
        assert_eq!(decode(bytes).unwrap(), "José – Zürich, Université de Montréal ’s");
    }

    #[test]
    fn utf8_with_bom_and_utf16_are_read() {
        assert_eq!(decode("\u{feff}Python".as_bytes()).unwrap(), "Python");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("SQL".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&utf16).unwrap(), "SQL");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00binary"), Err(ReadError::Binary));
        let noise: Vec<u8> = (0u8..=31).cycle().take(500).collect();
        assert_eq!(decode(&noise), Err(ReadError::Binary));
    }
}
