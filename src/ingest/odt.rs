//! OpenDocument text (`.odt`, LibreOffice's own format) with the zip and quick-xml crates.
//!
//! The body is `content.xml`: headings (`text:h`) and paragraphs (`text:p`, also inside
//! list items and text boxes) are lines; a table row is one line with its cells joined by
//! ` | `, as DOCX tables are read; `text:s` is a run of spaces, `text:tab` a tab,
//! `text:line-break` a new line. Comments (`office:annotation`), the text of tracked
//! deletions (`text:tracked-changes`) and footnote marks are not text the reader sees.
//! Page headers and footers live in `styles.xml` and are not read: on a resume they hold
//! contact details, which reports never show.
//!
//! The zip is read under the same limits as a DOCX (`docx::read_part`): capped entries, one
//! inflation budget per document, the per-document text limit.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::docx::{self, MAX_INFLATED_BYTES};
use crate::error::ReadError;

const MAX_ENTRIES: usize = 10_000;
const TEXT_MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// Whether a zip is an OpenDocument file: its first entry is the stored `mimetype` (as the
/// standard asks), or, from writers that do not follow that, it has `content.xml` and no
/// Word part.
pub fn is_odt(bytes: &[u8]) -> bool {
    if bytes.get(30..38) == Some(b"mimetype")
        && bytes.get(38..73).is_some_and(|m| m.starts_with(b"application/vnd.oasis.opendocument"))
    {
        return true;
    }
    match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) if archive.len() <= MAX_ENTRIES => {
            let mut names = archive.file_names();
            let (mut content, mut word) = (false, false);
            for name in &mut names {
                content |= name == "content.xml";
                word |= name == "word/document.xml";
            }
            content && !word
        }
        _ => false,
    }
}

/// Whether a zip holds the body of a Word document.
pub fn has_word_part(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|a| a.len() <= MAX_ENTRIES && a.index_for_name("word/document.xml").is_some())
}

pub fn extract_lines(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::DamagedOdt(format!("unreadable zip ({e})")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(ReadError::ZipBomb(format!("{} entries", archive.len())));
    }
    if let Ok(entry) = archive.by_name("mimetype") {
        let mut mimetype = String::new();
        let _ = entry.take(200).read_to_string(&mut mimetype);
        let mimetype = mimetype.trim();
        // An .ott template is a text document too.
        if !mimetype.starts_with(TEXT_MIMETYPE) {
            return Err(ReadError::DamagedOdt(format!("not a text document ({mimetype})")));
        }
    }
    if archive.index_for_name("content.xml").is_none() {
        return Err(ReadError::DamagedOdt("no content.xml: not an OpenDocument file".into()));
    }
    let mut budget = MAX_INFLATED_BYTES;
    let xml = docx::read_part(&mut archive, "content.xml", &mut budget, ReadError::DamagedOdt)?;
    let lines = content_lines(&xml).map_err(|e| ReadError::DamagedOdt(format!("content.xml: {e}")))?;
    if lines.iter().map(|l| l.len() as u64).sum::<u64>() > super::MAX_TEXT_BYTES {
        return Err(ReadError::TooMuchText(super::MAX_TEXT_BYTES));
    }
    Ok(lines)
}

#[derive(Debug, thiserror::Error)]
enum ContentError {
    #[error("{0}")]
    Xml(#[from] quick_xml::Error),
    #[error("malformed XML: ends with {0} element(s) still open (a truncated file?)")]
    Unclosed(usize),
    #[error("{0}")]
    Attr(#[from] quick_xml::events::attributes::AttrError),
}

/// The lines of `content.xml`.
fn content_lines(xml: &str) -> Result<Vec<String>, ContentError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open = 0usize;
    let mut events = 0usize;
    let mut lines = Vec::new();
    let mut line = String::new();
    // Depths of the elements whose text is skipped, of tables, and of the document body
    // (`office:text`: fonts and styles before it hold no text).
    let (mut skipped, mut tables, mut body) = (0usize, 0usize, 0usize);
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        lines.push(line.trim().trim_end_matches('|').trim().to_string());
        line.clear();
    };
    loop {
        events += 1;
        if events % 4096 == 0 && crate::deadline::expired() {
            break;
        }
        let event = reader.read_event()?;
        match &event {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(e) => match e.name().as_ref() {
                b"office:text" => body += 1,
                b"office:annotation" | b"text:tracked-changes" | b"text:note-citation" => skipped += 1,
                b"table:table" => tables += 1,
                _ => {}
            },
            Event::Empty(e) if body > 0 && skipped == 0 => match e.name().as_ref() {
                b"text:tab" => line.push('\t'),
                b"text:s" => {
                    let mut count = 1usize;
                    for attr in e.attributes() {
                        let attr = attr?;
                        if attr.key.as_ref() == b"text:c" {
                            count = std::str::from_utf8(&attr.value).ok().and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    // A run of spaces is layout, not text: a few keep words apart.
                    line.push_str(&" ".repeat(count.clamp(1, 8)));
                }
                b"text:line-break" => {
                    if tables == 0 {
                        flush(&mut line, &mut lines)
                    } else {
                        line.push(' ')
                    }
                }
                _ => {}
            },
            Event::Text(t) if body > 0 && skipped == 0 => line.push_str(&t.unescape()?),
            Event::CData(t) if body > 0 && skipped == 0 => line.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => match e.name().as_ref() {
                b"office:text" => body = body.saturating_sub(1),
                b"office:annotation" | b"text:tracked-changes" | b"text:note-citation" => {
                    skipped = skipped.saturating_sub(1)
                }
                b"table:table" => tables = tables.saturating_sub(1),
                b"text:p" | b"text:h" if body > 0 && skipped == 0 => {
                    if tables == 0 {
                        flush(&mut line, &mut lines)
                    } else if !line.is_empty() && !line.ends_with(' ') {
                        line.push(' ')
                    }
                }
                b"table:table-cell" if body > 0 && skipped == 0 => {
                    line.truncate(line.trim_end().len());
                    line.push_str(" | ");
                }
                b"table:table-row" if body > 0 && skipped == 0 => flush(&mut line, &mut lines),
                _ => {}
            },
            Event::Eof if open > 0 => return Err(ContentError::Unclosed(open)),
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

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0""#;

    #[test]
    fn headings_paragraphs_tables_and_spaces() {
        let xml = format!(
            r#"<office:document-content {NS}><office:font-face-decls><style:font-face style:name="Liberation Serif"/></office:font-face-decls>
            <office:body><office:text>
            <text:h text:outline-level="1">Skills</text:h>
            <text:p>Python,<text:s/>SQL<text:tab/>and<text:s text:c="3"/>Spark</text:p>
            <text:list><text:list-item><text:p>Built <text:span>Airflow</text:span> pipelines<text:line-break/>on AWS</text:p></text:list-item></text:list>
            <table:table><table:table-row><table:table-cell><text:p>Docker</text:p></table:table-cell><table:table-cell><text:p>Kubernetes</text:p></table:table-cell></table:table-row></table:table>
            <text:p>Led a team<office:annotation><text:p>check this</text:p></office:annotation> of four</text:p>
            <text:tracked-changes><text:changed-region><text:deletion><text:p>Java</text:p></text:deletion></text:changed-region></text:tracked-changes>
            </office:text></office:body></office:document-content>"#
        );
        let lines = content_lines(&xml).unwrap();
        assert_eq!(
            lines,
            [
                "Skills",
                "Python, SQL\tand   Spark",
                "Built Airflow pipelines",
                "on AWS",
                "Docker | Kubernetes",
                "Led a team of four"
            ]
        );
    }

    #[test]
    fn cut_short_or_not_a_zip_is_an_error() {
        let xml = format!(r#"<office:document-content {NS}><office:body><office:text><text:p>Python"#);
        assert!(matches!(content_lines(&xml), Err(ContentError::Unclosed(_))));
        assert!(matches!(extract_lines(b"PK\x03\x04garbage"), Err(ReadError::DamagedOdt(_))));
    }
}
