//! HTML (an online profile saved as a page, a resume exported from a site builder): the text
//! of the body, one line per block.
//!
//! A one-pass tokenizer of our own, not a DOM: nothing is built per element, so a page
//! nested a million elements deep costs the same as a flat one, and no tag is ever followed
//! (no image, stylesheet or script is fetched; nothing leaves the machine). Headings,
//! paragraphs, list items, table rows, `<br>` and the other block elements end a line;
//! table cells are joined with ` | `, as in DOCX tables. Scripts, styles, templates, SVG
//! drawings, `<head>` and comments are not text. Character references (`&amp;`, `&#8211;`,
//! `&eacute;` …) are decoded for the names a resume uses; an unknown one is left as written.

use crate::error::ReadError;

/// Elements whose content is never text a reader sees.
const HIDDEN: &[&str] =
    &["script", "style", "template", "noscript", "svg", "math", "head", "title", "iframe", "object"];

/// Elements that start and end a line of their own.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre", "hr", "address", "figure",
    "figcaption", "form", "fieldset", "legend", "details", "summary", "body", "html", "caption", "thead", "tbody",
    "tfoot",
];

/// Named character references decoded, with what they stand for.
#[rustfmt::skip]
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", "\u{a0}"),
    ("ndash", "\u{2013}"), ("mdash", "\u{2014}"), ("bull", "\u{2022}"), ("middot", "\u{b7}"),
    ("hellip", "\u{2026}"), ("lsquo", "\u{2018}"), ("rsquo", "\u{2019}"), ("ldquo", "\u{201c}"),
    ("rdquo", "\u{201d}"), ("copy", "\u{a9}"), ("reg", "\u{ae}"), ("trade", "\u{2122}"), ("eacute", "\u{e9}"),
    ("egrave", "\u{e8}"), ("aacute", "\u{e1}"), ("agrave", "\u{e0}"), ("iacute", "\u{ed}"), ("oacute", "\u{f3}"),
    ("uacute", "\u{fa}"), ("ntilde", "\u{f1}"), ("ccedil", "\u{e7}"), ("auml", "\u{e4}"), ("ouml", "\u{f6}"),
    ("uuml", "\u{fc}"), ("Auml", "\u{c4}"), ("Ouml", "\u{d6}"), ("Uuml", "\u{dc}"), ("szlig", "\u{df}"),
    ("Eacute", "\u{c9}"), ("rarr", "\u{2192}"), ("larr", "\u{2190}"), ("times", "\u{d7}"), ("plus", "+"),
    ("num", "#"), ("sol", "/"), ("ensp", " "), ("emsp", " "), ("thinsp", " "), ("shy", ""),
];

/// Whether bytes look like an HTML document (used for a `.doc` that is a Word web page).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).trim_ascii_start();
    let head: Vec<u8> = start.iter().take(200).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || head.windows(5).any(|w| w == b"<html")
}

pub fn extract_lines(html: &str) -> Result<Vec<String>, ReadError> {
    let bytes = html.as_bytes();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut at = 0usize;
    let mut steps = 0usize;
    while at < bytes.len() {
        steps += 1;
        if steps % 65_536 == 0 && crate::deadline::expired() {
            break;
        }
        if bytes[at] != b'<' {
            let end = memchr(b'<', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            push_text(&mut line, &html[at..end]);
            at = end;
            continue;
        }
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            at = find(bytes, at + 4, b"-->").map_or(bytes.len(), |i| i + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            at = memchr(b'>', rest).map_or(bytes.len(), |i| at + i + 1);
            continue;
        }
        let Some(tag) = Tag::parse(bytes, at) else {
            // A lone `<` ("a < b") is text.
            push_text(&mut line, "<");
            at += 1;
            continue;
        };
        at = tag.end;
        if !tag.closing && HIDDEN.contains(&tag.name.as_str()) && !tag.self_closing {
            // Everything up to `</name` is not text; a missing end skips the rest.
            at = find_closing(bytes, at, &tag.name).unwrap_or(bytes.len());
            continue;
        }
        if BLOCKS.contains(&tag.name.as_str()) {
            end_line(&mut line, &mut lines);
        } else if matches!(tag.name.as_str(), "td" | "th") && tag.closing {
            line.truncate(line.trim_end().len());
            line.push_str(" | ");
        }
        // An image's alt text is not read: a picture is not evidence a reader would cite.
    }
    end_line(&mut line, &mut lines);
    // The text is never longer than the page (references only shrink it), which is
    // already bounded; this keeps the per-document limit the same for every format.
    if lines.iter().map(|l| l.len() as u64).sum::<u64>() > super::MAX_TEXT_BYTES {
        return Err(ReadError::TooMuchText(super::MAX_TEXT_BYTES));
    }
    Ok(lines)
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| from + i)
}

/// The position of `</name` (any case) at or after `from`.
fn find_closing(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let i = find(bytes, at, b"</")?;
        let after = bytes.get(i + 2..i + 2 + name.len())?;
        if after.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(i);
        }
        at = i + 2;
    }
}

fn end_line(line: &mut String, lines: &mut Vec<String>) {
    let text = line.trim().trim_end_matches('|').trim_end().to_string();
    if !text.is_empty() {
        lines.push(text);
    }
    line.clear();
}

/// Text between tags: runs of white space are one space (HTML's rule), references decoded.
fn push_text(line: &mut String, raw: &str) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        push_collapsed(line, &rest[..amp]);
        rest = &rest[amp..];
        match decode_reference(rest) {
            Some((text, used)) => {
                line.push_str(&text);
                rest = &rest[used..];
            }
            None => {
                line.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_collapsed(line, rest);
}

fn push_collapsed(line: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
        } else {
            line.push(c);
        }
    }
}

/// `&name;`, `&#NNN;` or `&#xHH;` at the start of `s`: the text and the bytes it used.
fn decode_reference(s: &str) -> Option<(String, usize)> {
    // `;` is ASCII, so its position is a character boundary.
    let end = s.as_bytes()[1..s.len().min(34)].iter().position(|&b| b == b';')? + 1;
    let body = &s[1..end];
    let text = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0').unwrap_or('\u{fffd}').to_string()
    } else {
        ENTITIES.iter().find(|(name, _)| *name == body)?.1.to_string()
    };
    Some((text, end + 1))
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Just past the `>`.
    end: usize,
}

impl Tag {
    /// The tag at `at` (a `<`), or `None` when what follows is not a tag name.
    fn parse(bytes: &[u8], at: usize) -> Option<Tag> {
        let mut i = at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b':') {
            i += 1;
        }
        if i == start || !bytes[start].is_ascii_alphabetic() {
            return None;
        }
        let name = String::from_utf8_lossy(&bytes[start..i]).to_ascii_lowercase();
        // To the `>` that ends the tag, outside quoted attribute values.
        let mut quote: Option<u8> = None;
        while i < bytes.len() {
            match (quote, bytes[i]) {
                (None, b'"' | b'\'') => quote = Some(bytes[i]),
                (Some(q), b) if b == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            i += 1;
        }
        let self_closing = i > 0 && bytes.get(i - 1) == Some(&b'/');
        Some(Tag { name, closing, self_closing, end: (i + 1).min(bytes.len()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_by_blocks_without_scripts_or_styles() {
        let html = r#"<!DOCTYPE html><html><head><title>CV of someone</title><style>p { color: red }</style>
        <script>var skills = "Java";</script></head><body>
        <h1>Data   Engineer</h1><!-- <p>Scala</p> -->
        <p>Built <b>Airflow</b> &amp; dbt pipelines &ndash; 2019&#8211;2023</p>
        <ul><li>Python</li><li>SQL<br>Spark</li></ul>
        <table><tr><td>Docker</td><td>Kubernetes</td></tr></table>
        <p>a < b, Caf&eacute; &unknown; <img src="https://example.com/x.png" alt="logo"></p>
        <script type="text/template"><p>Rust</p></script>
        </body></html>"#;
        let lines = extract_lines(html).unwrap();
        assert_eq!(
            lines,
            [
                "Data Engineer",
                "Built Airflow & dbt pipelines \u{2013} 2019\u{2013}2023",
                "Python",
                "SQL",
                "Spark",
                "Docker | Kubernetes",
                "a < b, Caf\u{e9} &unknown;",
            ]
        );
    }

    #[test]
    fn deep_nesting_and_unclosed_hidden_elements_cost_one_pass() {
        let deep = format!("{}Python{}", "<div><span>".repeat(200_000), "</span></div>".repeat(200_000));
        let start = std::time::Instant::now();
        assert_eq!(extract_lines(&deep).unwrap(), ["Python"]);
        assert!(start.elapsed().as_secs() < 5);
        assert!(extract_lines("<p>SQL</p><script>never closed <p>Java</p>").unwrap() == ["SQL"]);
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(!looks_like_html(b"Python, SQL"));
    }
}
