//! Stage 1: a file becomes numbered lines of clean text.
//!
//! The format is decided from the extension and the bytes together (a PDF named `.txt` is
//! still read as a PDF; random bytes named `.pdf` are "not a PDF"; an RTF saved as `.doc`
//! is read as RTF). Every failure is a [`ReadError`], never a panic: PDF extraction and OCR
//! can run in a separate worker process so that a file which crashes, exhausts memory or
//! hangs the extractor cannot take the run down.

pub mod docx;
pub mod file;
pub mod html;
pub mod image;
pub mod json_resume;
mod normalize;
pub mod ocr;
pub mod odt;
pub mod rtf;
mod text;
pub mod worker;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::calendar::Date;
use crate::error::{InputError, ReadError};
use crate::taxonomy::Vocabulary;

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
    Odt,
    Rtf,
    Html,
    /// Legacy binary Word: listed so that a folder's `.doc` files get a record saying how to
    /// convert them instead of being skipped without a word.
    Doc,
    Png,
    Jpeg,
    Tiff,
}

/// The short help of the inputs argument: the one place that lists the file types read.
/// (A test keeps it, `InputFormat::from_path` and the README in agreement.)
pub const INPUTS_HELP: &str = "Resume files (.pdf, .docx, .odt, .rtf, .html, .htm, .txt, .text, .md, .markdown, \
JSON Resume .json; scans and photos .png, .jpg, .jpeg, .tif, .tiff read by OCR; .doc gets a \
message saying how to convert it), folders, or - for NDJSON on stdin";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_every_extension_read() {
        for (ext, _) in InputFormat::EXTENSIONS {
            assert!(INPUTS_HELP.contains(&format!(".{ext}")), ".{ext} missing from the help");
            assert!(InputFormat::from_path(Path::new(&format!("cv.{ext}"))).is_some());
        }
        assert!(InputFormat::from_path(Path::new("cv.pages")).is_none());
    }

    #[test]
    fn the_text_hash_ignores_case_spacing_and_line_breaks_only() {
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let base = text_sha256(&lines(&["Jane Roe", "Senior ML Engineer  at Acme", "", "Python, SQL"]));
        // Other case, spacing, blank lines and wrapping: the same text.
        let same = text_sha256(&lines(&["  jane   roe ", "", "senior ml engineer", "at\tACME", "python,  sql", ""]));
        assert_eq!(base, same);
        // A changed word or punctuation mark is another text; so is a word split in two.
        assert_ne!(base, text_sha256(&lines(&["Jane Roe", "Senior ML Engineer at Acme", "Python SQL"])));
        assert_ne!(base, text_sha256(&lines(&["Jane Roe", "Senior ML Engin eer at Acme", "Python, SQL"])));
        // Non-ASCII letters are lower-cased too.
        assert_eq!(text_sha256(&lines(&["ÉCOLE Zürich"])), text_sha256(&lines(&["école zürich"])));
        assert_eq!(base.len(), 64);
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
            InputFormat::Odt => "odt",
            InputFormat::Rtf => "rtf",
            InputFormat::Html => "html",
            InputFormat::Doc => "doc",
            InputFormat::Png => "png",
            InputFormat::Jpeg => "jpeg",
            InputFormat::Tiff => "tiff",
        }
    }

    /// Whether the text of this format comes from OCR of pixels.
    pub fn is_image(&self) -> bool {
        matches!(self, InputFormat::Png | InputFormat::Jpeg | InputFormat::Tiff)
    }

    /// Every file extension gap-check reads, with the format it promises: the one list the
    /// folder walk, the help text and the README agree with (a test checks them).
    pub const EXTENSIONS: [(&'static str, InputFormat); 17] = [
        ("pdf", InputFormat::Pdf),
        ("docx", InputFormat::Docx),
        ("odt", InputFormat::Odt),
        ("rtf", InputFormat::Rtf),
        ("html", InputFormat::Html),
        ("htm", InputFormat::Html),
        ("txt", InputFormat::Text),
        ("text", InputFormat::Text),
        ("md", InputFormat::Markdown),
        ("markdown", InputFormat::Markdown),
        ("json", InputFormat::JsonResume),
        ("png", InputFormat::Png),
        ("jpg", InputFormat::Jpeg),
        ("jpeg", InputFormat::Jpeg),
        ("tif", InputFormat::Tiff),
        ("tiff", InputFormat::Tiff),
        ("doc", InputFormat::Doc),
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

/// What an extractor gives: lines, and when they came from OCR, the mean word confidence
/// (0-100) that Tesseract reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub lines: Vec<String>,
    pub ocr_confidence: Option<f64>,
    /// The date the file carries in its metadata, if any.
    pub date: Option<Date>,
}

impl Extracted {
    pub fn text(lines: Vec<String>) -> Extracted {
        Extracted { lines, ocr_confidence: None, date: None }
    }
}

/// The text of a PDF, or of an image-only PDF or an image by OCR: the work that runs in the
/// extraction worker (or in process). Chosen by the bytes.
pub fn extract_visual(bytes: &[u8]) -> Result<Extracted, ReadError> {
    if image::sniff(bytes).is_some() {
        return ocr::image_lines(bytes);
    }
    match pdf_lines::extract_with_dates(bytes, pdf_lines::Extractor::Auto) {
        Ok((lines, dates)) => Ok(Extracted { date: pdf_date(&dates), ..Extracted::text(lines) }),
        Err(pdf_lines::Error::NoTextLayer) => ocr::pdf_lines(bytes),
        Err(e) => Err(e.into()),
    }
}

/// When the PDF was last saved, by its own `/Info` dictionary: `ModDate`, else
/// `CreationDate`. Unreadable or absurd dates (before 1990, in the future) are none.
fn pdf_date(dates: &pdf_lines::InfoDates) -> Option<Date> {
    let today = Date::today();
    dates.newest_first().find_map(|text| Date::from_document(text, today))
}

/// The PDF extractor's failures are the reader's, with the same messages and codes.
impl From<pdf_lines::Error> for ReadError {
    fn from(error: pdf_lines::Error) -> ReadError {
        match error {
            pdf_lines::Error::DamagedPdf(detail) => ReadError::DamagedPdf(detail),
            pdf_lines::Error::PasswordProtected => ReadError::PasswordProtected,
            pdf_lines::Error::NoTextLayer => ReadError::NoTextLayer,
            pdf_lines::Error::ExtractorCrashed(detail) => ReadError::ExtractorCrashed(detail),
        }
    }
}

/// How PDF text and OCR are extracted.
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
    /// `Some(mean word confidence, 0-100)` when the text came from OCR.
    pub ocr_confidence: Option<f64>,
    /// The date the file carries in its metadata (PDF `/Info` `ModDate` or `CreationDate`,
    /// DOCX `docProps/core.xml` modified or created): what "Present" means when no `--as-of`
    /// is given. `None` for text, Markdown and JSON, and for an absurd date.
    pub date: Option<Date>,
}

/// Reads and normalizes one resume file.
/// `vocabulary` is the loaded taxonomy's: the clean-up recognises its section headings.
pub fn read_file(path: &Path, options: &IngestOptions, vocabulary: &Vocabulary) -> Result<Document, InputError> {
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
    let text_like = matches!(
        declared,
        Some(
            InputFormat::Text | InputFormat::Markdown | InputFormat::JsonResume | InputFormat::Html | InputFormat::Rtf
        )
    );
    let limit = if text_like { options.max_size.min(2 * MAX_TEXT_BYTES) } else { options.max_size };
    let bytes = if declared == Some(InputFormat::Pdf) {
        file::read_regular_checked(path, limit, PDF_HEAD_BYTES, check_pdf_head)
    } else {
        file::read_regular(path, limit)
    };
    let bytes = bytes.map_err(|e| match e {
        ReadError::TooLarge { .. } if limit < options.max_size => fail(ReadError::TooMuchText(MAX_TEXT_BYTES)),
        e => fail(e),
    })?;
    read_bytes(path, &bytes, declared, options, vocabulary).map_err(fail)
}

/// Starts extracting the PDF at `path` in this thread's worker and returns at once
/// ([`worker::extract_ahead`]): [`read_file`] on this thread then takes the answer. A run of
/// one PDF calls it before it builds its taxonomy, so that the worker starts and extracts
/// meanwhile. A file not named `.pdf`, without a PDF header (looked for in its first
/// kilobyte, as [`read_file`] does, before the rest is read), over `max_size` or unreadable
/// is left alone: nothing is reported here, reading it says what is wrong.
pub fn extract_ahead(path: &Path, options: &IngestOptions) {
    let PdfExtraction::Worker(config) = &options.pdf else {
        return;
    };
    if InputFormat::from_path(path) != Some(InputFormat::Pdf) {
        return;
    }
    if let Ok(bytes) = file::read_regular_checked(path, options.max_size, PDF_HEAD_BYTES, check_pdf_head) {
        // A blank file passes the check of its head; it is no PDF either.
        if pdf_lines::has_pdf_header(&bytes) {
            worker::extract_ahead(bytes, config);
        }
    }
}

/// How much of a file named `.pdf` is read before its header is looked for.
const PDF_HEAD_BYTES: u64 = 1024;

/// Refuses the head of a file named `.pdf` (its first [`PDF_HEAD_BYTES`]) that holds no PDF
/// header, so that the rest is not read. A blank one passes: reading it says it is empty.
fn check_pdf_head(head: &[u8]) -> Result<(), ReadError> {
    if !head.iter().all(u8::is_ascii_whitespace) && !pdf_lines::has_pdf_header(head) {
        return Err(ReadError::NotPdf);
    }
    Ok(())
}

/// Reads a resume whose bytes are already in memory. `declared` is the format the name
/// suggests; the content has the last word.
pub fn read_bytes(
    path: &Path,
    bytes: &[u8],
    declared: Option<InputFormat>,
    options: &IngestOptions,
    vocabulary: &Vocabulary,
) -> Result<Document, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let format = decide_format(bytes, declared)?;
    let extracted = match format {
        InputFormat::Pdf | InputFormat::Png | InputFormat::Jpeg | InputFormat::Tiff => match &options.pdf {
            PdfExtraction::InProcess => extract_visual(bytes)?,
            PdfExtraction::Worker(config) => worker::extract_bytes(bytes, config)?,
        },
        InputFormat::Docx => {
            Extracted { date: docx::document_date(bytes), ..Extracted::text(docx::extract_lines(bytes)?) }
        }
        InputFormat::Odt => Extracted::text(odt::extract_lines(bytes)?),
        InputFormat::Rtf => Extracted::text(rtf::extract_lines(bytes)?),
        InputFormat::Doc => return Err(ReadError::LegacyDoc),
        InputFormat::JsonResume => Extracted::text(json_resume::extract_lines(bytes)?),
        // Every two bytes decode to at least one byte of text (UTF-16 at worst): a file
        // that big is over the text limit before it is decoded into a second copy.
        InputFormat::Text | InputFormat::Markdown | InputFormat::Html if bytes.len() as u64 > 2 * MAX_TEXT_BYTES => {
            return Err(ReadError::TooMuchText(MAX_TEXT_BYTES))
        }
        InputFormat::Html => Extracted::text(html::extract_lines(&text::decode(bytes)?)?),
        InputFormat::Text | InputFormat::Markdown => Extracted::text(text_lines(&text::decode(bytes)?)?),
    };
    let lines = normalize_lines(&within_limits(extracted.lines)?, format, vocabulary);
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(if extracted.ocr_confidence.is_some() && format == InputFormat::Pdf {
            ReadError::ScanWithoutText
        } else {
            ReadError::NoText
        });
    }
    Ok(Document {
        path: path.to_path_buf(),
        format,
        sha256: sha256_hex(bytes),
        lines,
        ocr_confidence: extracted.ocr_confidence,
        date: extracted.date,
    })
}

/// The format a file is read as: what its bytes are when they say it clearly, else what its
/// name promised. A container named for another format is refused rather than read as text.
fn decide_format(bytes: &[u8], declared: Option<InputFormat>) -> Result<InputFormat, ReadError> {
    use InputFormat as F;
    if pdf_lines::has_pdf_header(bytes) {
        return Ok(F::Pdf);
    }
    if let Some(found) = image::sniff(bytes) {
        return match declared {
            // A .jpg that is really a PNG is still a picture.
            Some(d) if d.is_image() => Ok(found),
            None => Ok(found),
            Some(F::Pdf) => Err(ReadError::NotPdf),
            Some(_) => Err(ReadError::Binary),
        };
    }
    if docx::has_zip_header(bytes) {
        return match declared {
            // Named .odt, read as ODT (and its damage named as ODT) unless it is a Word zip.
            Some(F::Odt) if !odt::has_word_part(bytes) => Ok(F::Odt),
            Some(F::Docx | F::Odt | F::Doc) | None if odt::is_odt(bytes) => Ok(F::Odt),
            Some(F::Docx | F::Odt | F::Doc) | None => Ok(F::Docx),
            Some(F::Pdf) => Err(ReadError::NotPdf),
            // A zip named .txt or .md is not text.
            Some(_) => Err(ReadError::Binary),
        };
    }
    if rtf::has_rtf_header(bytes) && matches!(declared, Some(F::Rtf | F::Doc) | None) {
        return Ok(F::Rtf);
    }
    match declared {
        Some(F::Pdf) => Err(ReadError::NotPdf),
        Some(d) if d.is_image() => Err(ReadError::DamagedImage("not a PNG, JPEG or TIFF image".into())),
        // Word also saves web pages under .doc.
        Some(F::Doc) if html::looks_like_html(bytes) => Ok(F::Html),
        Some(F::Doc) => Err(ReadError::LegacyDoc),
        Some(F::Odt) if docx::is_ole(bytes) => Err(ReadError::DamagedOdt("password-protected".into())),
        Some(F::Odt) => Err(ReadError::DamagedOdt("not a zip container".into())),
        Some(F::Rtf) => Err(ReadError::DamagedRtf("no {\\rtf header".into())),
        Some(other) => Ok(other),
        None => Ok(F::Text),
    }
}

/// The format bytes with no name show: a PDF by its header, an image by its signature, a zip
/// as an ODT or a DOCX, RTF by its header, a JSON object for a JSON Resume; `None` for
/// anything else (read as text).
pub fn sniff(bytes: &[u8]) -> Option<InputFormat> {
    if pdf_lines::has_pdf_header(bytes) {
        return Some(InputFormat::Pdf);
    }
    if let Some(image) = image::sniff(bytes) {
        return Some(image);
    }
    if docx::has_zip_header(bytes) {
        return Some(if odt::is_odt(bytes) { InputFormat::Odt } else { InputFormat::Docx });
    }
    if rtf::has_rtf_header(bytes) {
        return Some(InputFormat::Rtf);
    }
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Some(InputFormat::JsonResume),
        _ => None,
    }
}

/// A resume given as text (from stdin or a JSON record) rather than a file.
pub fn from_text(name: &Path, text: &str, vocabulary: &Vocabulary) -> Result<Document, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let raw = within_limits(text_lines(text)?)?;
    Ok(Document {
        path: name.to_path_buf(),
        format: InputFormat::Text,
        sha256: sha256_hex(text.as_bytes()),
        lines: normalize_lines(&raw, InputFormat::Text, vocabulary),
        ocr_confidence: None,
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
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    let mut hex = String::with_capacity(2 * digest.len());
    for byte in digest {
        use std::fmt::Write;
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

impl Document {
    /// SHA-256 of the text as read, normalised: the lines' words in lower case, one space
    /// between them (line breaks count as spaces). The same resume exported as PDF and as
    /// DOCX, or re-saved with other spacing, hashes the same while its bytes do not; this is
    /// what `input.text_sha256` holds and what the batch's same-text rule compares.
    pub fn text_sha256(&self) -> String {
        text_sha256(&self.lines)
    }
}

/// See [`Document::text_sha256`]. Fed word by word, so no second copy of the text is made.
pub fn text_sha256(lines: &[String]) -> String {
    let mut hasher = Sha256::new();
    let mut first = true;
    for line in lines {
        for word in line.to_lowercase().split_whitespace() {
            if !first {
                hasher.update(b" ");
            }
            first = false;
            hasher.update(word.as_bytes());
        }
    }
    hex(&hasher.finalize())
}
