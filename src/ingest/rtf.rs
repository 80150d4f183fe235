//! Rich Text Format, read by a small tokenizer of our own.
//!
//! RTF is text with control words (`\par`, `\b`, `\'e9`, `\u8211?`) in nested `{groups}`.
//! What a reader sees is the text of the groups that are not destinations of metadata: the
//! font, colour and style tables, document info, pictures, embedded objects, field
//! instructions and every group marked `\*` (ignorable) are skipped; `\par`, `\line`,
//! `\row` and `\page` end a line, `\cell` joins table cells with ` | `. Bytes written as
//! `\'hh` are decoded with the document's code page (`\ansicpgN`, Windows-1252 when none),
//! `\uN` is a Unicode character followed by `\ucN` fallback characters that are dropped.
//!
//! Bounded: groups nest at most [`MAX_DEPTH`] deep (each level costs a small state), a
//! `\bin N` block claiming more bytes than the file holds is refused, and the output shares
//! the per-document text limit. The walk is one pass over the bytes.

use encoding_rs::{Encoding, WINDOWS_1252};

use crate::error::ReadError;

/// Nesting of groups: real documents stay under 50.
pub const MAX_DEPTH: usize = 1_000;

pub fn has_rtf_header(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start.trim_ascii_start().starts_with(b"{\\rtf")
}

/// Destinations whose text is not part of the document the reader sees.
#[rustfmt::skip]
const SKIPPED: &[&str] = &[
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "fldinst", "themedata", "colorschememapping",
    "latentstyles", "datastore", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "mmathPr",
    "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf", "filetbl", "revtbl",
    "userprops", "nonshppict", "shppict", "sp", "bkmkstart", "bkmkend", "protusertbl", "pgdsctbl", "objdata",
    "annotation", "atnid", "atnauthor", "footnote", "template", "wgrffmtfilter", "xe", "tc", "pn",
];

#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    /// Fallback characters after each `\u` (`\ucN`).
    uc: usize,
}

pub fn extract_lines(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    if !has_rtf_header(bytes) {
        return Err(ReadError::DamagedRtf("no {\\rtf header".into()));
    }
    let mut reader = Reader { bytes, at: 0, encoding: WINDOWS_1252 };
    let mut text = String::new();
    // Bytes of `\'hh` escapes waiting to be decoded together (a multi-byte code page
    // writes one character as two escapes).
    let mut pending: Vec<u8> = Vec::new();
    let mut stack: Vec<Group> = Vec::new();
    let mut group = Group { skip: false, uc: 1 };
    // Fallback characters still to drop after a `\u`.
    let mut to_drop = 0usize;
    let mut steps = 0usize;
    while let Some(&byte) = bytes.get(reader.at) {
        steps += 1;
        if steps % 65_536 == 0 && crate::deadline::expired() {
            break;
        }
        if text.len() as u64 > super::MAX_TEXT_BYTES {
            return Err(ReadError::TooMuchText(super::MAX_TEXT_BYTES));
        }
        if byte != b'\\' || bytes.get(reader.at + 1) != Some(&b'\'') {
            reader.flush(&mut pending, &mut text);
        }
        match byte {
            b'{' => {
                reader.at += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(ReadError::DamagedRtf(format!("groups nested more than {MAX_DEPTH} deep")));
                }
                stack.push(group);
                to_drop = 0;
            }
            b'}' => {
                reader.at += 1;
                // An unbalanced closing brace at the end is common and harmless.
                group = stack.pop().unwrap_or(group);
                to_drop = 0;
            }
            b'\\' => {
                let control = reader.control()?;
                match control {
                    Control::Hex(b) => {
                        if to_drop > 0 {
                            to_drop -= 1;
                        } else if !group.skip {
                            pending.push(b);
                        }
                    }
                    Control::Symbol(c) => {
                        if to_drop > 0 {
                            to_drop -= 1;
                        } else if c == '*' {
                            // `{\*\dest ...}`: a destination an old reader may ignore.
                            group.skip = true;
                        } else if !group.skip {
                            match c {
                                '~' => text.push('\u{a0}'),
                                '_' => text.push('-'),
                                '-' => {}
                                '\\' | '{' | '}' => text.push(c),
                                '\n' | '\r' => text.push('\n'),
                                _ => {}
                            }
                        }
                    }
                    Control::Word(word, param) => {
                        if word == "bin" {
                            let n = usize::try_from(param.unwrap_or(0).max(0)).unwrap_or(usize::MAX);
                            if n > bytes.len() - reader.at {
                                return Err(ReadError::DamagedRtf(format!(
                                    "a \\bin block claims {n} bytes, more than the file holds"
                                )));
                            }
                            reader.at += n;
                            continue;
                        }
                        if SKIPPED.contains(&word.as_str()) {
                            group.skip = true;
                            continue;
                        }
                        if word == "u" {
                            if !group.skip {
                                let code = param.unwrap_or(0);
                                let code = if code < 0 { code + 65_536 } else { code };
                                text.push(u32::try_from(code).ok().and_then(char::from_u32).unwrap_or('\u{fffd}'));
                            }
                            to_drop = group.uc;
                            continue;
                        }
                        to_drop = 0;
                        match word.as_str() {
                            "uc" => group.uc = usize::try_from(param.unwrap_or(1).clamp(0, 8)).unwrap_or(1),
                            "ansicpg" => {
                                let label = format!("windows-{}", param.unwrap_or(1252));
                                reader.encoding = Encoding::for_label(label.as_bytes()).unwrap_or(WINDOWS_1252);
                            }
                            _ if group.skip => {}
                            "par" | "line" | "row" | "page" | "sect" | "column" => text.push('\n'),
                            "tab" => text.push('\t'),
                            "cell" | "nestcell" => text.push_str(" | "),
                            "emdash" => text.push('\u{2014}'),
                            "endash" => text.push('\u{2013}'),
                            "bullet" => text.push('\u{2022}'),
                            "lquote" => text.push('\u{2018}'),
                            "rquote" => text.push('\u{2019}'),
                            "ldblquote" => text.push('\u{201c}'),
                            "rdblquote" => text.push('\u{201d}'),
                            "emspace" | "enspace" | "qmspace" => text.push(' '),
                            _ => {}
                        }
                    }
                }
            }
            // Line breaks in the file are not text; RTF says where lines end.
            b'\r' | b'\n' => reader.at += 1,
            _ => {
                let start = reader.at;
                while reader.at < bytes.len() && !matches!(bytes[reader.at], b'\\' | b'{' | b'}' | b'\r' | b'\n') {
                    reader.at += 1;
                }
                let mut run = &bytes[start..reader.at];
                if to_drop > 0 {
                    let n = to_drop.min(run.len());
                    run = &run[n..];
                    to_drop -= n;
                }
                if !group.skip {
                    text.push_str(&reader.encoding.decode_without_bom_handling(run).0);
                }
            }
        }
    }
    reader.flush(&mut pending, &mut text);
    let lines: Vec<String> = text.lines().map(|l| l.trim().trim_end_matches('|').trim_end().to_string()).collect();
    Ok(lines)
}

enum Control {
    Word(String, Option<i64>),
    Symbol(char),
    Hex(u8),
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    encoding: &'static Encoding,
}

impl Reader<'_> {
    /// Decodes the `\'hh` bytes collected so far into the text.
    fn flush(&self, pending: &mut Vec<u8>, text: &mut String) {
        if !pending.is_empty() {
            text.push_str(&self.encoding.decode_without_bom_handling(pending).0);
            pending.clear();
        }
    }

    /// The control word or symbol at a backslash; moves past it (and past the one space
    /// that ends a control word).
    fn control(&mut self) -> Result<Control, ReadError> {
        let bytes = self.bytes;
        self.at += 1;
        let Some(&first) = bytes.get(self.at) else {
            return Ok(Control::Symbol('\\'));
        };
        if first == b'\'' {
            let hex = bytes.get(self.at + 1..self.at + 3).and_then(|h| std::str::from_utf8(h).ok());
            let value = hex.and_then(|h| u8::from_str_radix(h, 16).ok());
            self.at += 1 + hex.map_or(0, |_| 2);
            return Ok(value.map_or(Control::Symbol('?'), Control::Hex));
        }
        if !first.is_ascii_alphabetic() {
            self.at += 1;
            return Ok(Control::Symbol(first as char));
        }
        let start = self.at;
        // Control words are at most 32 letters; longer is not RTF but costs nothing.
        while self.at < bytes.len() && bytes[self.at].is_ascii_alphabetic() && self.at - start < 32 {
            self.at += 1;
        }
        let word = String::from_utf8_lossy(&bytes[start..self.at]).into_owned();
        let mut param = None;
        let digits_start = self.at;
        if bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let number_start = self.at;
        while self.at < bytes.len() && bytes[self.at].is_ascii_digit() && self.at - number_start < 10 {
            self.at += 1;
        }
        if self.at > number_start {
            param = std::str::from_utf8(&bytes[digits_start..self.at]).ok().and_then(|s| s.parse::<i64>().ok());
        } else {
            self.at = digits_start;
        }
        if bytes.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        Ok(Control::Word(word, param))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(rtf: &str) -> Vec<String> {
        extract_lines(rtf.as_bytes()).unwrap().into_iter().filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn text_without_tables_of_fonts_and_metadata() {
        let rtf = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}{\colortbl;\red0\green0\blue0;}
{\info{\author Someone}}{\*\generator Writer}\f0\fs28\b Skills\b0\par
Python, SQL \endash  Spark\par
Caf\'e9 owner, Z\u252?rich\par
{\pict\pngblip 89504e47}\trowd\intbl Docker\cell Kubernetes\cell\row
Led a team\line of four\par}";
        assert_eq!(
            read(rtf),
            [
                "Skills",
                "Python, SQL \u{2013} Spark",
                "Caf\u{e9} owner, Z\u{fc}rich",
                "Docker | Kubernetes",
                "Led a team",
                "of four"
            ]
        );
    }

    #[test]
    fn bounds_are_errors() {
        let deep = format!("{{\\rtf1 {}Python{}}}", "{".repeat(5_000), "}".repeat(5_000));
        assert!(matches!(extract_lines(deep.as_bytes()), Err(ReadError::DamagedRtf(m)) if m.contains("nested")));
        let bin = b"{\\rtf1 Python \\bin999999999 abc}";
        assert!(matches!(extract_lines(bin), Err(ReadError::DamagedRtf(m)) if m.contains("\\bin")));
        // A \bin block inside the file is skipped, braces in it included.
        assert_eq!(read("{\\rtf1 {\\bin5 }{}\\}Python\\par}"), ["Python"]);
        assert!(matches!(extract_lines(b"hello"), Err(ReadError::DamagedRtf(_))));
    }
}
