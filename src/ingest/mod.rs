//! Stage 1: a file becomes numbered lines of clean text.
//!
//! The format is decided from the extension and the bytes together (a PDF named `.txt` is
//! still read as a PDF; random bytes named `.pdf` are "not a PDF"). Every failure is a
//! [`ReadError`], never a panic: PDF extraction can run in a separate worker process so that a
//! file which crashes, exhausts memory or hangs the extractor cannot take the run down.

pub mod docx;
pub mod file;
pub mod json_resume;
mod normalize;
pub mod pdf;
mod pdf_font;
mod pdf_text;
mod text;
pub mod worker;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::calendar::Date;
use crate::error::{InputError, ReadError};

pub use normalize::normalize_lines;

/// Files larger than this are refused unless `--max-size` says otherwise: a resume is
/// rarely over a few megabytes, and a huge file is far more likely a mistake or an attack.
pub const DEFAULT_MAX_SIZE: u64 = 50 * 1024 * 1024;
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_MEMORY_LIMIT: u64 = 2 * 1024 * 1024 * 1024;

/// The text of one document, whatever its format, after extraction: a 300-page document
/// holds about 1 MiB. More is refused, so no document costs more than a bounded amount of
/// memory and time however small it is on disk (a zip bomb, a huge JSON array).
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;
/// Lines of one document (4,000 pages of 50 lines).
pub const MAX_LINES: usize = 200_000;
/// A longer line is cut, at a space when there is one, into pieces of at most this many
/// bytes, each counted as a line: per-line work (context rules, fuzzy matching) then stays
/// bounded. The longest line of the real resumes we have seen is under 10,000 bytes.
pub const MAX_LINE_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Pdf,
    Docx,
    #[serde(rename = "json-resume")]
    JsonResume,
    Text,
    Markdown,
}

/// The short help of the inputs argument: the one place that lists the file types read.
/// (A test keeps it, `InputFormat::from_path` and the README in agreement.)
pub const INPUTS_HELP: &str =
    "Resume files (.pdf, .docx, .txt, .text, .md, .markdown, JSON Resume .json), folders, or - for NDJSON on stdin";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_every_extension_read() {
        for (ext, _) in InputFormat::EXTENSIONS {
            assert!(INPUTS_HELP.contains(&format!(".{ext}")), ".{ext} missing from the help");
            assert!(InputFormat::from_path(Path::new(&format!("cv.{ext}"))).is_some());
        }
        assert!(InputFormat::from_path(Path::new("cv.rtf")).is_none());
    }
}

impl InputFormat {
    pub fn as_str(&self) -> &'static str {
        match self {
            InputFormat::Pdf => "pdf",
            InputFormat::Docx => "docx",
            InputFormat::JsonResume => "json-resume",
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
        }
    }

    /// Every file extension gap-check reads, with the format it promises: the one list the
    /// folder walk, the help text and the README agree with (a test checks them).
    pub const EXTENSIONS: [(&'static str, InputFormat); 7] = [
        ("pdf", InputFormat::Pdf),
        ("docx", InputFormat::Docx),
        ("txt", InputFormat::Text),
        ("text", InputFormat::Text),
        ("md", InputFormat::Markdown),
        ("markdown", InputFormat::Markdown),
        ("json", InputFormat::JsonResume),
    ];

    /// The format a file name promises, if gap-check reads that kind of file at all.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::EXTENSIONS.iter().find(|(e, _)| *e == ext).map(|(_, format)| *format)
    }

    /// ".pdf, .docx, .txt, …" for messages.
    pub fn extension_list() -> String {
        Self::EXTENSIONS.iter().map(|(e, _)| format!(".{e}")).collect::<Vec<_>>().join(", ")
    }
}

/// How PDF text is extracted.
#[derive(Debug, Clone)]
pub enum PdfExtraction {
    /// In this process, with panics caught. Used by library callers and tests; a stack
    /// overflow, an abort or an endless loop inside the extractor is not contained.
    InProcess,
    /// In a long-lived child process with a time and memory limit per file (the binary runs
    /// itself; see [`worker`]).
    Worker(worker::WorkerConfig),
}

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub max_size: u64,
    pub pdf: PdfExtraction,
    /// The time limit of a whole file, read to report (`--timeout`); `None`: no limit.
    pub timeout: Option<Duration>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { max_size: DEFAULT_MAX_SIZE, pdf: PdfExtraction::InProcess, timeout: None }
    }
}

/// A resume as text: what later stages see. `lines[i]` is line `i + 1` of the evidence.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub format: InputFormat,
    pub sha256: String,
    pub lines: Vec<String>,
    /// The date the file carries in its metadata (PDF `/Info` `ModDate` or `CreationDate`,
    /// DOCX `docProps/core.xml` modified or created): what "Present" means when no `--as-of`
    /// is given. `None` for text, Markdown and JSON, and for an absurd date.
    pub date: Option<Date>,
}

/// Reads and normalizes one resume file.
pub fn read_file(path: &Path, options: &IngestOptions) -> Result<Document, InputError> {
    let fail = |reason| InputError { path: path.to_path_buf(), reason };
    // Not a regular file (a FIFO, /dev/zero behind a .txt link) is refused before anything.
    file::check_regular(path, options.max_size).map_err(fail)?;
    let declared = InputFormat::from_path(path);
    if declared.is_none() {
        let ext =
            path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_else(|| "no extension".to_string());
        return Err(fail(ReadError::Unsupported(ext)));
    }
    // A text or JSON file is read no further than the text limit allows: memory stays
    // bounded even when --max-size is raised.
    let text_like = matches!(declared, Some(InputFormat::Text | InputFormat::Markdown | InputFormat::JsonResume));
    let limit = if text_like { options.max_size.min(2 * MAX_TEXT_BYTES) } else { options.max_size };
    let bytes = file::read_regular(path, limit).map_err(|e| match e {
        ReadError::TooLarge { .. } if limit < options.max_size => fail(ReadError::TooMuchText(MAX_TEXT_BYTES)),
        e => fail(e),
    })?;
    read_bytes(path, &bytes, declared, options).map_err(fail)
}

/// Reads a resume whose bytes are already in memory. `declared` is the format the name
/// suggests; the content has the last word.
pub fn read_bytes(
    path: &Path,
    bytes: &[u8],
    declared: Option<InputFormat>,
    options: &IngestOptions,
) -> Result<Document, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let format = if pdf::has_pdf_header(bytes) {
        InputFormat::Pdf
    } else if docx::has_zip_header(bytes) && declared != Some(InputFormat::Docx) && declared != Some(InputFormat::Pdf) {
        // A zip named .txt or .md is not text; only .docx zips are read.
        return Err(ReadError::Binary);
    } else {
        match declared {
            Some(InputFormat::Pdf) => return Err(ReadError::NotPdf),
            Some(other) => other,
            None => InputFormat::Text,
        }
    };
    let mut date = None;
    let raw_lines = match format {
        InputFormat::Pdf => {
            let (lines, pdf_date) = match &options.pdf {
                PdfExtraction::InProcess => pdf::extract_with_date(bytes, pdf::Extractor::Auto)?,
                PdfExtraction::Worker(config) => worker::extract_bytes_dated(bytes, config)?,
            };
            date = pdf_date;
            lines
        }
        InputFormat::Docx => {
            date = docx::document_date(bytes);
            docx::extract_lines(bytes)?
        }
        InputFormat::JsonResume => json_resume::extract_lines(bytes)?,
        // Every two bytes decode to at least one byte of text (UTF-16 at worst): a file
        // that big is over the text limit before it is decoded into a second copy.
        InputFormat::Text | InputFormat::Markdown if bytes.len() as u64 > 2 * MAX_TEXT_BYTES => {
            return Err(ReadError::TooMuchText(MAX_TEXT_BYTES))
        }
        InputFormat::Text | InputFormat::Markdown => text_lines(&text::decode(bytes)?)?,
    };
    let lines = normalize_lines(&within_limits(raw_lines)?, format);
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(ReadError::NoText);
    }
    Ok(Document { path: path.to_path_buf(), format, sha256: sha256_hex(bytes), lines, date })
}

/// The format bytes with no name show: a PDF by its header, a zip taken for a DOCX, a JSON
/// object for a JSON Resume; `None` for anything else (read as text).
pub fn sniff(bytes: &[u8]) -> Option<InputFormat> {
    if pdf::has_pdf_header(bytes) {
        return Some(InputFormat::Pdf);
    }
    if docx::has_zip_header(bytes) {
        return Some(InputFormat::Docx);
    }
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Some(InputFormat::JsonResume),
        _ => None,
    }
}

/// A resume given as text (from stdin or a JSON record) rather than a file.
pub fn from_text(name: &Path, text: &str) -> Result<Document, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let raw = within_limits(text_lines(text)?)?;
    Ok(Document {
        path: name.to_path_buf(),
        format: InputFormat::Text,
        sha256: sha256_hex(text.as_bytes()),
        lines: normalize_lines(&raw, InputFormat::Text),
        date: None,
    })
}

/// The lines of a text, refused before they are split when the text is over the limits.
fn text_lines(text: &str) -> Result<Vec<String>, ReadError> {
    if text.len() as u64 > MAX_TEXT_BYTES {
        return Err(ReadError::TooMuchText(MAX_TEXT_BYTES));
    }
    let lines = text.bytes().filter(|&b| b == b'\n').count() + usize::from(!text.ends_with('\n'));
    if lines > MAX_LINES {
        return Err(ReadError::TooManyLines(MAX_LINES));
    }
    Ok(text.lines().map(str::to_string).collect())
}

/// Extracted lines within the per-document limits, long lines cut into pieces.
pub(crate) fn within_limits(lines: Vec<String>) -> Result<Vec<String>, ReadError> {
    let bytes: u64 = lines.iter().map(|l| l.len() as u64).sum();
    if bytes > MAX_TEXT_BYTES {
        return Err(ReadError::TooMuchText(MAX_TEXT_BYTES));
    }
    if lines.len() > MAX_LINES {
        return Err(ReadError::TooManyLines(MAX_LINES));
    }
    if lines.iter().all(|l| l.len() <= MAX_LINE_BYTES) {
        return Ok(lines);
    }
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.len() <= MAX_LINE_BYTES {
            out.push(line);
            continue;
        }
        let mut rest = line.as_str();
        while rest.len() > MAX_LINE_BYTES {
            let mut cut = MAX_LINE_BYTES;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            // At the last space of the piece, unless that leaves a tiny piece.
            if let Some(space) = rest[..cut].rfind(' ').filter(|&s| s > MAX_LINE_BYTES / 2) {
                cut = space + 1;
            }
            out.push(rest[..cut].to_string());
            rest = &rest[cut..];
        }
        out.push(rest.to_string());
    }
    if out.len() > MAX_LINES {
        return Err(ReadError::TooManyLines(MAX_LINES));
    }
    Ok(out)
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        use std::fmt::Write;
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}
