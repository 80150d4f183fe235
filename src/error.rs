//! The library's error types. Each message names what went wrong in words a user can act on;
//! the file it concerns is added by the caller that knows it (`InputError` carries the path).

use std::path::PathBuf;

/// Why one resume could not be read. Shown after the file name: `resume.pdf: <reason>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("is a directory")]
    IsDirectory,
    #[error("cannot read: {0}")]
    Io(String),
    #[error("file is empty")]
    Empty,
    #[error("file is {size} bytes, over the {limit}-byte limit (raise it with --max-size)")]
    TooLarge { size: u64, limit: u64 },
    #[error("unsupported file type '{0}' (gap-check reads {list})", list = crate::ingest::InputFormat::extension_list())]
    Unsupported(String),
    #[error("binary data, not a text resume")]
    Binary,
    #[error("not a PDF (no %PDF header)")]
    NotPdf,
    #[error("damaged PDF: {0}")]
    DamagedPdf(String),
    #[error("PDF is password-protected")]
    PasswordProtected,
    #[error("PDF has no text layer, probably a scan (OCR it first)")]
    NoTextLayer,
    #[error("no readable text")]
    NoText,
    #[error("PDF text extraction crashed: {0}")]
    ExtractorCrashed(String),
    #[error("PDF text extraction took longer than {0} s and was stopped")]
    Timeout(u64),
    #[error("not a resume record: {0}")]
    BadRecord(String),
    #[error("damaged DOCX: {0}")]
    DamagedDocx(String),
    #[error("refused as a possible zip bomb: {0}")]
    ZipBomb(String),
    #[error("not a JSON Resume: {0}")]
    NotJsonResume(String),
    /// A FIFO, a device, a socket: reading one could block forever or never end.
    #[error("not a regular file ({0})")]
    NotRegularFile(String),
    #[error("holds more than {} MiB of text, over the per-document limit", .0 >> 20)]
    TooMuchText(u64),
    #[error("has more than {0} lines, over the per-document limit")]
    TooManyLines(usize),
    /// The whole per-file pipeline (`--timeout`), whatever the format.
    #[error("took longer than {0} s and was stopped (raise the limit with --timeout)")]
    TookTooLong(u64),
    /// A scan or a photo needs OCR and the OCR program (or its English data) is missing.
    #[error("needs OCR, but {0}")]
    OcrUnavailable(String),
    #[error("OCR failed: {0}")]
    OcrFailed(String),
    /// A PDF without a text layer whose pages OCR read no words from.
    #[error("PDF has no text layer and OCR found no text on its pages (blank or illegible scan)")]
    ScanWithoutText,
    #[error("has {pages} pages to OCR, over the limit of {limit}")]
    TooManyPages { pages: u64, limit: u64 },
    #[error("image is {width} x {height} pixels, over the {} megapixel limit of OCR", .limit / 1_000_000)]
    TooManyPixels { width: u64, height: u64, limit: u64 },
    #[error("damaged image: {0}")]
    DamagedImage(String),
    #[error("damaged ODT: {0}")]
    DamagedOdt(String),
    #[error("damaged RTF: {0}")]
    DamagedRtf(String),
    /// The binary Word 97-2003 format: no maintained reader we would trust with it.
    #[error("legacy Word .doc files are not read: save it as .docx or PDF in Word or LibreOffice (or run: soffice --headless --convert-to docx FILE)")]
    LegacyDoc,
    /// The document reads as a job posting or something else (`parse::kind`).
    #[error(
        "not a resume ({kind}): {reason}; keep it with --keep-non-resumes (keep_non_resumes in the service and Python)"
    )]
    NotAResume { kind: String, reason: String },
}

impl ReadError {
    /// Every code [`ReadError::code`] gives, once, in the order the contract lists them: the
    /// `error.code` enum of the generated schemas (`report::schema`). Taken from `code` itself
    /// on one reason of each code, so the two cannot disagree.
    pub fn codes() -> Vec<&'static str> {
        let text = String::new;
        let one_of_each = [
            ReadError::NotFound,
            ReadError::PermissionDenied,
            ReadError::IsDirectory,
            ReadError::Io(text()),
            ReadError::Empty,
            ReadError::TooLarge { size: 0, limit: 0 },
            ReadError::Unsupported(text()),
            ReadError::Binary,
            ReadError::NotPdf,
            ReadError::DamagedPdf(text()),
            ReadError::PasswordProtected,
            ReadError::NoTextLayer,
            ReadError::NoText,
            ReadError::ExtractorCrashed(text()),
            ReadError::Timeout(0),
            ReadError::ZipBomb(text()),
            ReadError::NotRegularFile(text()),
            ReadError::OcrUnavailable(text()),
            ReadError::OcrFailed(text()),
            ReadError::NotAResume { kind: text(), reason: text() },
        ];
        let mut codes: Vec<&'static str> = Vec::new();
        for code in one_of_each.iter().map(ReadError::code) {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    }

    /// A stable, machine-readable code for the reason, written beside the message in error
    /// records (`error.code`). Codes are part of the contract: never renamed, only added.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::NotFound => "not_found",
            ReadError::PermissionDenied => "permission_denied",
            ReadError::IsDirectory => "is_directory",
            ReadError::Io(_) => "io",
            ReadError::Empty => "empty",
            ReadError::TooLarge { .. } => "too_large",
            ReadError::Unsupported(_) => "unsupported_format",
            ReadError::Binary => "binary",
            ReadError::NotPdf => "not_a_pdf",
            ReadError::DamagedPdf(_) | ReadError::DamagedDocx(_) | ReadError::BadRecord(_) => "malformed",
            ReadError::NotJsonResume(_) => "malformed",
            ReadError::PasswordProtected => "encrypted",
            ReadError::NoTextLayer => "no_text_layer",
            ReadError::NoText => "no_text",
            ReadError::ExtractorCrashed(_) => "extractor_crashed",
            ReadError::Timeout(_) | ReadError::TookTooLong(_) => "timeout",
            ReadError::NotRegularFile(_) => "not_a_regular_file",
            ReadError::TooMuchText(_) | ReadError::TooManyLines(_) => "too_large",
            ReadError::ZipBomb(_) => "zip_bomb",
            ReadError::OcrUnavailable(_) => "ocr_unavailable",
            ReadError::OcrFailed(_) => "ocr_failed",
            ReadError::ScanWithoutText => "no_text_layer",
            ReadError::TooManyPages { .. } | ReadError::TooManyPixels { .. } => "too_large",
            ReadError::DamagedImage(_) | ReadError::DamagedOdt(_) | ReadError::DamagedRtf(_) => "malformed",
            ReadError::LegacyDoc => "unsupported_format",
            ReadError::NotAResume { .. } => "not_a_resume",
        }
    }

    pub fn from_io(err: &std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            std::io::ErrorKind::IsADirectory => ReadError::IsDirectory,
            _ => ReadError::Io(err.to_string()),
        }
    }
}

/// A resume that could not be read, with the path it came from.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct InputError {
    pub path: PathBuf,
    pub reason: ReadError,
}

/// A taxonomy that does not load or does not validate. `file` is the taxonomy file
/// (`roles.toml`, …) and the message names the entry.
#[derive(Debug, Clone, thiserror::Error)]
#[error("taxonomy {file}: {message}")]
pub struct TaxonomyError {
    pub file: String,
    pub message: String,
}

impl TaxonomyError {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        TaxonomyError { file: file.into(), message: message.into() }
    }
}

/// A `--target` that names no role.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown role '{given}'{}; valid roles: {}", did_you_mean(.suggestion), .valid.join(", "))]
pub struct UnknownRole {
    pub given: String,
    pub suggestion: Option<String>,
    pub valid: Vec<String>,
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!(" (did you mean '{s}'?)"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::ReadError;

    #[test]
    fn every_reason_has_a_stable_snake_case_code() {
        let all = [
            (ReadError::NotFound, "not_found"),
            (ReadError::PermissionDenied, "permission_denied"),
            (ReadError::IsDirectory, "is_directory"),
            (ReadError::Io("x".into()), "io"),
            (ReadError::Empty, "empty"),
            (ReadError::TooLarge { size: 2, limit: 1 }, "too_large"),
            (ReadError::Unsupported(".rtf".into()), "unsupported_format"),
            (ReadError::Binary, "binary"),
            (ReadError::NotPdf, "not_a_pdf"),
            (ReadError::DamagedPdf("x".into()), "malformed"),
            (ReadError::PasswordProtected, "encrypted"),
            (ReadError::NoTextLayer, "no_text_layer"),
            (ReadError::NoText, "no_text"),
            (ReadError::ExtractorCrashed("x".into()), "extractor_crashed"),
            (ReadError::Timeout(30), "timeout"),
            (ReadError::TookTooLong(30), "timeout"),
            (ReadError::NotRegularFile("a FIFO".into()), "not_a_regular_file"),
            (ReadError::TooMuchText(8 << 20), "too_large"),
            (ReadError::TooManyLines(200_000), "too_large"),
            (ReadError::BadRecord("x".into()), "malformed"),
            (ReadError::DamagedDocx("x".into()), "malformed"),
            (ReadError::ZipBomb("x".into()), "zip_bomb"),
            (ReadError::NotJsonResume("x".into()), "malformed"),
            (ReadError::OcrUnavailable("x".into()), "ocr_unavailable"),
            (ReadError::OcrFailed("x".into()), "ocr_failed"),
            (ReadError::ScanWithoutText, "no_text_layer"),
            (ReadError::TooManyPages { pages: 5000, limit: 20 }, "too_large"),
            (ReadError::TooManyPixels { width: 50_000, height: 50_000, limit: 40_000_000 }, "too_large"),
            (ReadError::DamagedImage("x".into()), "malformed"),
            (ReadError::DamagedOdt("x".into()), "malformed"),
            (ReadError::DamagedRtf("x".into()), "malformed"),
            (ReadError::LegacyDoc, "unsupported_format"),
            (ReadError::NotAResume { kind: "posting".into(), reason: "x".into() }, "not_a_resume"),
        ];
        for (reason, code) in &all {
            assert_eq!(reason.code(), *code, "{reason}");
            assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{code}");
            assert!(ReadError::codes().contains(code), "{code} is missing from ReadError::codes() (the schema's enum)");
        }
    }
}
