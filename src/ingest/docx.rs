//! DOCX text with the zip and quick-xml crates.
//!
//! Read as Word shows it: headers, the body (paragraphs, table rows as `cell | cell`, text
//! boxes) and footers. Text boxes are stored twice, as the modern shape (`mc:Choice`) and a
//! fallback for old readers (`mc:Fallback`); only the first is read. Deleted revisions
//! (`w:del`, `w:delText`) and field codes (`w:instrText`) are not text the reader sees.
//!
//! A DOCX is a zip: its size is capped before it is opened, the number of entries is capped,
//! and the bytes inflated from all the parts read together share one budget per document,
//! whatever the entries' headers claim (sixteen entries pointing at one huge compressed
//! stream cost the budget once, not sixteen times), so a zip bomb is an error and not an
//! out-of-memory. The text extracted shares the per-document text limit of every format
//! (`ingest::MAX_TEXT_BYTES`). A part whose XML ends before its elements close (a file cut
//! short) is an error, not read as if whole.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use crate::error::ReadError;

/// More entries than any real document has.
const MAX_ENTRIES: usize = 10_000;
/// Inflated bytes of all the XML parts of one document together; the body of a 300-page
/// document is a few megabytes.
pub const MAX_INFLATED_BYTES: u64 = 32 * 1024 * 1024;

pub fn has_zip_header(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The core properties part is a few hundred bytes; more is not one.
const MAX_CORE_BYTES: u64 = 64 * 1024;

/// When the document was last saved, by `docProps/core.xml`: `dcterms:modified`, else
/// `dcterms:created`. Anything missing, unreadable or absurd is no date (the text is still
/// read: the date is a help, never a reason to refuse a file).
pub fn document_date(bytes: &[u8]) -> Option<crate::calendar::Date> {
    if !has_zip_header(bytes) {
        return None;
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if archive.len() > MAX_ENTRIES {
        return None;
    }
    let mut budget = MAX_CORE_BYTES;
    let xml = read_part(&mut archive, "docProps/core.xml", &mut budget, ReadError::DamagedDocx).ok()?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut modified, mut created, mut inside) = (None, None, None);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => inside = Some(e.local_name().as_ref().to_vec()),
            Event::Text(t) => {
                let text = t.unescape().ok()?.into_owned();
                match inside.as_deref() {
                    Some(b"modified") => modified = Some(text),
                    Some(b"created") => created = Some(text),
                    _ => {}
                }
            }
            Event::End(_) => inside = None,
            Event::Eof => break,
            _ => {}
        }
    }
    let today = crate::calendar::Date::today();
    [modified, created].into_iter().flatten().find_map(|t| crate::calendar::Date::from_document(&t, today))
}

pub(super) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

pub fn extract_lines(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    if is_ole(bytes) {
        // Encrypted Office files and old .doc files are OLE containers, not zips.
        return Err(ReadError::DamagedDocx("password-protected, or an old binary .doc saved as .docx".into()));
    }
    if !has_zip_header(bytes) {
        return Err(ReadError::DamagedDocx("not a zip container".into()));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::DamagedDocx(format!("unreadable zip ({e})")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(ReadError::ZipBomb(format!("{} entries", archive.len())));
    }
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    if !names.iter().any(|n| n == "word/document.xml") {
        return Err(ReadError::DamagedDocx("no word/document.xml: not a Word document".into()));
    }
    let mut parts: Vec<String> = names.iter().filter(|n| is_part(n, "word/header")).cloned().collect();
    parts.sort();
    parts.push("word/document.xml".to_string());
    let mut footers: Vec<String> = names.iter().filter(|n| is_part(n, "word/footer")).cloned().collect();
    footers.sort();
    parts.extend(footers);

    let mut lines = Vec::new();
    let mut budget = MAX_INFLATED_BYTES;
    let mut text_bytes = 0u64;
    for name in parts {
        let xml = read_part(&mut archive, &name, &mut budget, ReadError::DamagedDocx)?;
        let part = part_lines(&xml).map_err(|e| ReadError::DamagedDocx(format!("{name}: {e}")))?;
        text_bytes += part.iter().map(|l| l.len() as u64).sum::<u64>();
        if text_bytes > super::MAX_TEXT_BYTES {
            return Err(ReadError::TooMuchText(super::MAX_TEXT_BYTES));
        }
        lines.extend(part);
    }
    Ok(lines)
}

fn is_part(name: &str, prefix: &str) -> bool {
    name.starts_with(prefix) && name.ends_with(".xml") && !name.contains("/_rels/")
}

/// One part, inflated within what is left of the document's `budget` (shared with ODT,
/// whose `damaged` error names its own format).
pub(super) fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
    damaged: fn(String) -> ReadError,
) -> Result<String, ReadError> {
    let entry = archive.by_name(name).map_err(|e| damaged(format!("{name}: {e}")))?;
    let mut buf = Vec::new();
    // Read one byte past the budget to tell "at the limit" from "over it".
    entry.take(*budget + 1).read_to_end(&mut buf).map_err(|e| damaged(format!("{name}: {e}")))?;
    if buf.len() as u64 > *budget {
        return Err(ReadError::ZipBomb(format!(
            "its XML parts inflate past {} MiB together (at {name})",
            MAX_INFLATED_BYTES >> 20
        )));
    }
    *budget -= buf.len() as u64;
    String::from_utf8(buf).map_err(|_| damaged(format!("{name} is not UTF-8 XML")))
}

/// Why a part's XML is not whole.
#[derive(Debug, thiserror::Error)]
enum PartError {
    #[error("{0}")]
    Xml(#[from] quick_xml::Error),
    #[error("malformed XML: ends with {0} element(s) still open (a truncated file?)")]
    Unclosed(usize),
}

/// Lines of one WordprocessingML part.
fn part_lines(xml: &str) -> Result<Vec<String>, PartError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    // Open elements: a part that ends with some still open was cut short.
    let mut open = 0usize;
    let mut events = 0usize;
    let mut lines = Vec::new();
    let mut line = String::new();
    // Depths of the elements whose content is skipped or treated specially.
    let (mut deleted, mut fallback, mut instr, mut in_text, mut tables) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        let text = line.trim().trim_end_matches('|').trim().to_string();
        lines.push(text);
        line.clear();
    };
    loop {
        events += 1;
        if events % 4096 == 0 && crate::deadline::expired() {
            // The pipeline reports the timeout; what was read so far is not used.
            break;
        }
        let event = reader.read_event()?;
        match &event {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"del" => deleted += 1,
                b"Fallback" => fallback += 1,
                b"instrText" | b"delText" => instr += 1,
                b"t" => in_text += 1,
                b"tbl" => tables += 1,
                _ => {}
            },
            Event::Empty(e) if deleted == 0 && fallback == 0 => match e.local_name().as_ref() {
                b"tab" => line.push('\t'),
                b"br" | b"cr" => {
                    if tables == 0 {
                        flush(&mut line, &mut lines)
                    } else {
                        line.push(' ')
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text > 0 && deleted == 0 && fallback == 0 && instr == 0 => {
                line.push_str(&t.unescape()?);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"del" => deleted = deleted.saturating_sub(1),
                b"Fallback" => fallback = fallback.saturating_sub(1),
                b"instrText" | b"delText" => instr = instr.saturating_sub(1),
                b"t" => in_text = in_text.saturating_sub(1),
                b"tbl" => tables = tables.saturating_sub(1),
                b"p" if deleted == 0 && fallback == 0 => {
                    if tables == 0 {
                        flush(&mut line, &mut lines)
                    } else if !line.ends_with(' ') && !line.is_empty() {
                        line.push(' ')
                    }
                }
                b"tc" if fallback == 0 => {
                    line.truncate(line.trim_end().len());
                    line.push_str(" | ");
                }
                b"tr" if fallback == 0 => flush(&mut line, &mut lines),
                _ => {}
            },
            Event::Eof if open > 0 => return Err(PartError::Unclosed(open)),
            Event::Eof => break,
            _ => {}
        }
    }
    if !line.trim().is_empty() {
        flush(&mut line, &mut lines);
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    #[test]
    fn paragraphs_tables_and_text_boxes_once() {
        let xml = format!(
            r#"<w:document {W}><w:body>
            <w:p><w:r><w:t>Senior Data Engineer</w:t></w:r><w:r><w:tab/><w:t>2019 – Present</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Python</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Spark</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Kubernetes</w:t></w:r></w:p></w:txbxContent></mc:Choice>
              <mc:Fallback><w:txbxContent><w:p><w:r><w:t>Kubernetes</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>
            <w:p><w:del><w:r><w:delText>Java</w:delText></w:r></w:del><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:r><w:t>Airflow &amp; dbt</w:t></w:r></w:p>
            </w:body></w:document>"#
        );
        let lines = part_lines(&xml).unwrap();
        let text = lines.join("\n");
        assert!(lines.contains(&"Senior Data Engineer\t2019 – Present".to_string()), "{lines:?}");
        assert!(lines.contains(&"Python | Spark".to_string()), "{lines:?}");
        assert_eq!(text.matches("Kubernetes").count(), 1, "{lines:?}");
        assert!(!text.contains("Java") && !text.contains("HYPERLINK"), "{lines:?}");
        assert!(text.contains("Airflow & dbt"));
    }

    #[test]
    fn not_a_docx() {
        assert!(matches!(extract_lines(b"hello"), Err(ReadError::DamagedDocx(_))));
        assert!(matches!(extract_lines(b"PK\x03\x04garbage"), Err(ReadError::DamagedDocx(_))));
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(matches!(extract_lines(&ole), Err(ReadError::DamagedDocx(m)) if m.contains("password")));
    }
}
