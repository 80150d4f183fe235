//! The one entry every front end calls: [`Options`] resolved once, a [`Source`], and
//! [`Engine::run`] turning them into a [`Record`] under the deadline.
//!
//! The CLI, the HTTP service and the Python package used to each read the bytes, set (or
//! forget) the deadline and resolve the target on their own, and drifted apart (the service
//! and Python took roles only, bytes were analysed without the `not_a_resume` check). They
//! now only turn their arguments into an [`Options`] and a [`Source`]; what a document or a
//! target means is decided here.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::calendar::Date;
use crate::deadline;
use crate::error::{InputError, ReadError, UnknownRole};
use crate::ingest::{self, Document, IngestOptions, InputFormat};
use crate::parse;
use crate::pipeline::timed_out;
use crate::posting::{Posting, PostingError};
use crate::report::{ErrorReport, Record, Report};
use crate::taxonomy::Vocabulary;
use crate::{AnalysisOptions, Engine, Target};

/// A document to read: a file, bytes already in memory, or text already extracted.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    File(&'a Path),
    /// `name` is the report's `input.path`; `format` is what the sender declared (an HTTP
    /// content type), else the name's extension and then the bytes decide.
    Bytes {
        name: &'a str,
        bytes: &'a [u8],
        format: Option<InputFormat>,
    },
    /// A stdin record: `name` is its id.
    Text {
        name: &'a str,
        text: &'a str,
    },
}

impl Source<'_> {
    /// The name the source's report or error record carries.
    pub fn path(&self) -> PathBuf {
        match self {
            Source::File(path) => path.to_path_buf(),
            Source::Bytes { name, .. } | Source::Text { name, .. } => PathBuf::from(name),
        }
    }

    /// The document as read, within the limits of `ingest` (size first, for bytes, so an
    /// oversized upload is refused as a file of that size would be).
    fn read(&self, ingest: &IngestOptions, vocabulary: &Vocabulary) -> Result<Document, InputError> {
        let fail = |reason| InputError { path: self.path(), reason };
        match *self {
            Source::File(path) => ingest::read_file(path, ingest, vocabulary),
            Source::Bytes { bytes, .. } if bytes.len() as u64 > ingest.max_size => {
                Err(fail(ReadError::TooLarge { size: bytes.len() as u64, limit: ingest.max_size }))
            }
            Source::Bytes { name, bytes, format } => {
                let path = Path::new(name);
                let format = format.or_else(|| InputFormat::from_path(path)).or_else(|| ingest::sniff(bytes));
                ingest::read_bytes(path, bytes, format, ingest, vocabulary).map_err(fail)
            }
            Source::Text { name, text } => ingest::from_text(Path::new(name), text, vocabulary).map_err(fail),
        }
    }
}

/// Everything that shapes a report besides the document, resolved once by a front end.
#[derive(Debug, Clone)]
pub struct Options {
    /// The target, the date given (`None`: each document's own, else today) and whether to
    /// keep non-resumes.
    pub analysis: AnalysisOptions,
    /// How documents are read: size, PDF extraction, and `timeout`, the limit of one
    /// document from start to end (also the `N` of a `took longer than N s` error).
    pub ingest: IngestOptions,
    /// When the caller has a deadline of its own already (an HTTP request's, which began
    /// before the document arrived), the document stops there instead of `ingest.timeout`
    /// after it starts.
    pub deadline: Option<Instant>,
}

impl Options {
    pub fn new(analysis: AnalysisOptions, ingest: IngestOptions) -> Options {
        Options { analysis, ingest, deadline: None }
    }
}

/// What is wrong with a target a caller gave: the request is at fault, not a resume.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TargetError {
    #[error(transparent)]
    UnknownRole(#[from] UnknownRole),
    #[error(transparent)]
    Unreadable(InputError),
    #[error(
        "{path}: does not read like a job posting: {words} of its {tokens} tokens are words (a posting is prose; \
         is this the right file?)"
    )]
    NotProse { path: String, words: usize, tokens: usize },
    /// A folder's file that reads as something else (a resume, a table, code).
    #[error("{path}: not a job posting: {reason}")]
    NotAPosting { path: String, reason: String },
    #[error("{path}: {reason}")]
    NoRequirement { path: String, reason: PostingError },
}

impl TargetError {
    /// A stable snake_case code for the HTTP error body and Python's `InvalidArgument`.
    pub fn code(&self) -> &'static str {
        match self {
            TargetError::UnknownRole(_) => "unknown_role",
            TargetError::Unreadable(e) => e.reason.code(),
            TargetError::NotProse { .. } | TargetError::NotAPosting { .. } => crate::rank::NOT_A_POSTING,
            TargetError::NoRequirement { .. } => crate::rank::NO_REQUIREMENT,
        }
    }
}

impl Engine {
    /// Reads, parses and assesses one document within the deadline (`options.deadline`, else
    /// `options.ingest.timeout` from now): its report, or its error record. A document that
    /// does not read as a resume is refused with `not_a_resume` unless the options keep it.
    pub fn run(&self, source: &Source<'_>, options: &Options) -> Record {
        match self.run_report(source, &options.analysis, &options.ingest, options.deadline) {
            Ok(report) => Record::Report(Box::new(report)),
            Err(err) => Record::Error(ErrorReport::new(&err)),
        }
    }

    /// [`Engine::run`] before the outcome becomes a record; `analyze_file` and
    /// `analyze_text` are this too.
    pub(crate) fn run_report(
        &self,
        source: &Source<'_>,
        analysis: &AnalysisOptions,
        ingest: &IngestOptions,
        until: Option<Instant>,
    ) -> Result<Report, InputError> {
        let _deadline = match until {
            Some(at) => deadline::Guard::until(Some(at)),
            None => deadline::Guard::start(ingest.timeout),
        };
        let fail = |reason| InputError { path: source.path(), reason };
        let doc = self.read_document(source, ingest).map_err(|e| match e {
            // A loop cut short by the deadline may have turned into any error: say why.
            _ if deadline::expired() => fail(timed_out(ingest)),
            e => e,
        })?;
        self.analyze_within(&doc, analysis, ingest).map_err(fail)
    }

    /// A document as read within `ingest`'s limits, its text cleaned up with this engine's
    /// taxonomy (its section headings): the first stage of every report and posting.
    pub fn read_document(&self, source: &Source<'_>, ingest: &IngestOptions) -> Result<Document, InputError> {
        source.read(ingest, &self.taxonomy().vocabulary)
    }

    /// A target given by name, as the CLI's `--target` and Python's `target=` take it: a role
    /// id or title always means the role, even when a file of that name is in the current
    /// folder (`./lead-ml` names the file). Anything else that exists, or looks like a file
    /// name, is read as a posting, so a FIFO, a folder or a missing `posting.txt` gets its
    /// reason instead of "unknown role"; a bare word gets "unknown role" with "did you mean".
    /// (The HTTP service takes role names only: a path there would read the server's files.)
    pub fn target_named(
        &self,
        given: &str,
        ingest: &IngestOptions,
        as_of: Option<Date>,
    ) -> Result<Target, TargetError> {
        let unknown = match self.target_role(given) {
            Ok(target) => return Ok(target),
            Err(e) => e,
        };
        let path = Path::new(given);
        let file_like =
            given.contains(std::path::MAIN_SEPARATOR) || given.contains('/') || InputFormat::from_path(path).is_some();
        if std::fs::symlink_metadata(path).is_ok() || file_like {
            return Ok(Target::Posting(Arc::new(self.read_posting_source(&Source::File(path), ingest, as_of)?)));
        }
        Err(unknown)
    }

    /// A role id, title or alias as a target.
    pub fn target_role(&self, given: &str) -> Result<Target, TargetError> {
        Ok(Target::Role(self.taxonomy().find_role(given)?.id.clone()))
    }

    /// A job posting as a target: read with the same limits and checks as a resume. A
    /// posting that cannot be read, is not prose, or asks for nothing the taxonomy knows, is
    /// refused naming the source. A posting that reads like a resume is kept
    /// ([`Posting::resume_like`]): the front end warns as it can. Its "Present" and years
    /// are read as of `as_of`, else today: every front end's default.
    pub fn read_posting_source(
        &self,
        source: &Source<'_>,
        ingest: &IngestOptions,
        as_of: Option<Date>,
    ) -> Result<Posting, TargetError> {
        self.read_posting_checked(source, ingest, as_of.unwrap_or_else(Date::today), false)
    }

    /// [`Engine::read_posting_source`]; with `check_kind`, also refused when the document
    /// reads as a resume, a table, code, a letter or an invoice ([`parse::kind::posting_check`]):
    /// a folder of postings holds other files too. The document is parsed once for both.
    pub(crate) fn read_posting_checked(
        &self,
        source: &Source<'_>,
        ingest: &IngestOptions,
        as_of: Date,
        check_kind: bool,
    ) -> Result<Posting, TargetError> {
        let doc = self.read_document(source, ingest).map_err(TargetError::Unreadable)?;
        let path = source.path().display().to_string();
        if let Some((words, tokens)) = parse::kind::not_prose(&doc.lines) {
            return Err(TargetError::NotProse { path, words, tokens });
        }
        let parsed = parse::parse(self.taxonomy(), &doc, as_of.as_month());
        if check_kind {
            if let Err(reason) = parse::kind::posting_check(&self.taxonomy().vocabulary, &parsed) {
                return Err(TargetError::NotAPosting { path, reason });
            }
        }
        self.read_parsed_posting(&doc, parsed).map_err(|reason| TargetError::NoRequirement { path, reason })
    }
}
