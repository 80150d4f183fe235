//! DOCX text with the zip and quick-xml crates.
//!
//! Read as Word shows it: headers, the body (paragraphs, table rows as `cell | cell`, text
//! boxes) and footers. Text boxes are stored twice, as the modern shape (`mc:Choice`) and a
//! fallback for old readers (`mc:Fallback`); only the first is read. Deleted revisions
//! (`w:del`, `w:delText`) and field codes (`w:instrText`) are not text the reader sees.
//!
//! A DOCX is a zip: its size is capped before it is opened, and the number of entries and
//! the bytes inflated from each entry are capped whatever the entry's header claims, so a
//! zip bomb is an error and not an out-of-memory.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use crate::error::ReadError;

/// More entries than any real document has.
const MAX_ENTRIES: usize = 10_000;
/// Inflated size of one XML part; the body of a 300-page document is a few megabytes.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

pub fn has_zip_header(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn is_ole(bytes: &[u8]) -> bool {
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
    for name in parts {
        let xml = read_part(&mut archive, &name)?;
        lines.extend(part_lines(&xml).map_err(|e| ReadError::DamagedDocx(format!("{name}: {e}")))?);
    }
    Ok(lines)
}

fn is_part(name: &str, prefix: &str) -> bool {
    name.starts_with(prefix) && name.ends_with(".xml") && !name.contains("/_rels/")
}

fn read_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, ReadError> {
    let entry = archive.by_name(name).map_err(|e| ReadError::DamagedDocx(format!("{name}: {e}")))?;
    let mut buf = Vec::new();
    // Read one byte past the cap to tell "at the cap" from "over it".
    entry.take(MAX_PART_BYTES + 1).read_to_end(&mut buf).map_err(|e| ReadError::DamagedDocx(format!("{name}: {e}")))?;
    if buf.len() as u64 > MAX_PART_BYTES {
        return Err(ReadError::ZipBomb(format!("{name} inflates past {} MiB", MAX_PART_BYTES >> 20)));
    }
    String::from_utf8(buf).map_err(|_| ReadError::DamagedDocx(format!("{name} is not UTF-8 XML")))
}

/// Lines of one WordprocessingML part.
fn part_lines(xml: &str) -> Result<Vec<String>, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
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
        match reader.read_event()? {
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
