//! The pipe for one resume: ingest → parse → detect → assess → report.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::assess;
use crate::calendar::Date;
use crate::deadline;
use crate::detect::{self, Lexicon};
use crate::entry::Source;
use crate::error::{InputError, ReadError};
use crate::ingest::{Document, IngestOptions};
use crate::parse;
use crate::posting::{self, Posting, PostingError};
use crate::report::build::Stages;
use crate::report::Report;
use crate::taxonomy::{Role, Taxonomy};

/// What to measure a resume against.
#[derive(Debug, Clone)]
pub enum Target {
    /// Rank every role and measure against the best fit.
    BestFit,
    /// A role id of the taxonomy.
    Role(String),
    /// A job posting, read once and shared by every resume of a batch.
    Posting(Arc<Posting>),
}

#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    pub target: Target,
    /// The date "Present" stands for, when the user gave one (`--as-of`, `as_of=`); when
    /// not, each document's own date, else today (see [`resolve_as_of`]).
    pub as_of: Option<Date>,
    /// Analyse a document that does not read as a resume instead of refusing it with
    /// `not_a_resume` (`--keep-non-resumes`).
    pub keep_non_resumes: bool,
}

/// Where the date "Present" stands for came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfBasis {
    /// The user gave it.
    Given,
    /// The date the file carries (PDF `ModDate`/`CreationDate`, DOCX modified/created): a
    /// resume's "Present" is when it was written, not when it is read.
    Document,
    /// Neither: the current date.
    Today,
}

/// The one place "Present" is resolved, for every front end: the date given, else the
/// document's own date, else today.
///
/// A document date older than a year the document itself names is not when it was written
/// but a producer's placeholder (report generators stamp 2000-01-01 for reproducible
/// builds) or a template's old date: then today is used.
pub fn resolve_as_of(given: Option<Date>, doc: &Document) -> (Date, AsOfBasis) {
    let today = Date::today();
    let believable = |date: &Date| latest_year_named(doc, today.year).is_none_or(|year| year <= date.year);
    match (given, doc.date.filter(believable)) {
        (Some(date), _) => (date, AsOfBasis::Given),
        (None, Some(date)) => (date, AsOfBasis::Document),
        (None, None) => (today, AsOfBasis::Today),
    }
}

/// The latest year from 1950 to `this_year` that the document's text names as a word.
fn latest_year_named(doc: &Document, this_year: i32) -> Option<i32> {
    doc.lines
        .iter()
        .flat_map(|line| line.split(|c: char| !c.is_ascii_digit()))
        .filter(|word| word.len() == 4)
        .filter_map(|word| word.parse::<i32>().ok())
        .filter(|year| (1950..=this_year).contains(year))
        .max()
}

/// What `gap-check text` prints for a header line it does not show.
pub const WITHHELD: &str = "[withheld: a header line, where names and contacts stand]";

/// The taxonomy and its compiled lexicon: built once, then used for every resume.
pub struct Engine {
    taxonomy: Arc<Taxonomy>,
    /// Built on a thread of its own from [`Engine::new`] on: nothing before skill detection
    /// needs it, so reading and parsing the first resume, or extracting its PDF, happen
    /// meanwhile on another core.
    lexicon: Arc<OnceLock<Lexicon>>,
}

impl Engine {
    pub fn new(taxonomy: Taxonomy) -> Engine {
        let engine = Engine { taxonomy: Arc::new(taxonomy), lexicon: Arc::new(OnceLock::new()) };
        let (taxonomy, lexicon) = (Arc::clone(&engine.taxonomy), Arc::clone(&engine.lexicon));
        // Without a thread (a process limit), the first use builds it instead.
        let _ = std::thread::Builder::new().name("gap-check lexicon".into()).spawn(move || {
            lexicon.get_or_init(|| Lexicon::new(&taxonomy));
        });
        engine
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The lexicon; a caller that comes while it is being built waits for it.
    fn lexicon(&self) -> &Lexicon {
        self.lexicon.get_or_init(|| Lexicon::new(&self.taxonomy))
    }

    /// Reads, parses and assesses one resume file, within `ingest.timeout` from start to end:
    /// [`Engine::run`] before its outcome becomes a record.
    pub fn analyze_file(
        &self,
        path: &Path,
        ingest: &IngestOptions,
        options: &AnalysisOptions,
    ) -> Result<Report, InputError> {
        self.run_report(&Source::File(path), options, ingest, None)
    }

    /// The lines of a document as the report numbers them, for a person to check what `l.43`
    /// points at. Contact details are placeholders as everywhere; the lines above the first
    /// heading (a name, an address the patterns missed) are withheld, all but the headline
    /// title a report may cite. A withheld line keeps its number with empty text.
    pub fn lines_as_read(&self, doc: &Document) -> Vec<parse::Line> {
        let (as_of, _) = resolve_as_of(None, doc);
        let mut lines = parse::parse(&self.taxonomy, doc, as_of.as_month()).lines;
        let headline = parse::positions::headline_title(&self.taxonomy.standing, &lines);
        for line in lines.iter_mut().filter(|l| l.section == parse::Section::Header && !l.text.trim().is_empty()) {
            if !headline.as_deref().is_some_and(|h| line.text.contains(h)) {
                line.text = WITHHELD.to_string();
            }
        }
        lines
    }

    /// Reads a job posting already ingested into requirements, to measure resumes against.
    pub fn read_posting(&self, doc: &Document, as_of: Date) -> Result<Posting, PostingError> {
        posting::read(&self.taxonomy, self.lexicon(), doc, as_of)
    }

    /// [`Engine::read_posting`] on lines already parsed.
    pub(crate) fn read_parsed_posting(&self, doc: &Document, parsed: parse::Resume) -> Result<Posting, PostingError> {
        posting::read_parsed(&self.taxonomy, self.lexicon(), doc, parsed)
    }

    /// Parses and assesses a document given as text (a stdin record), within
    /// `ingest.timeout`: [`Engine::run`] before its outcome becomes a record.
    pub fn analyze_text(
        &self,
        name: &Path,
        text: &str,
        ingest: &IngestOptions,
        options: &AnalysisOptions,
    ) -> Result<Report, InputError> {
        let name = name.to_string_lossy();
        self.run_report(&Source::Text { name: &name, text }, options, ingest, None)
    }

    /// [`Engine::analyze`], checking the current thread's deadline between stages.
    pub(crate) fn analyze_within(
        &self,
        doc: &Document,
        options: &AnalysisOptions,
        ingest: &IngestOptions,
    ) -> Result<Report, ReadError> {
        let report = self.analyze(doc, options);
        if deadline::expired() {
            return Err(timed_out(ingest));
        }
        if report.document.kind != parse::kind::Kind::Resume.as_str() && !options.keep_non_resumes {
            return Err(ReadError::NotAResume {
                kind: report.document.kind.to_string(),
                reason: report.document.reason.clone(),
            });
        }
        Ok(report)
    }

    /// Parses and assesses a document already read. Under a deadline
    /// ([`crate::deadline`]) the stages stop early once it passes, and the result is then
    /// incomplete: callers with a deadline check it afterwards, as `analyze_file` does.
    pub fn analyze(&self, doc: &Document, options: &AnalysisOptions) -> Report {
        let taxonomy = &self.taxonomy;
        let (as_of, as_of_basis) = resolve_as_of(options.as_of, doc);
        let resume = parse::parse(taxonomy, doc, as_of.as_month());
        let kind = parse::kind::decide(&taxonomy.vocabulary, &resume);
        let hits = if deadline::expired() { Vec::new() } else { detect::detect(&resume, self.lexicon()) };
        let found = assess::SkillSet::new(taxonomy, &resume, &hits);
        let ranking = assess::rank(taxonomy, &resume, &found);
        // The report measures against the target, or the best fit when none is given; the
        // ladder moves toward the target role, or toward the posting's family.
        let standing = assess::standing::resume_standing(taxonomy, &resume);
        let outside = assess::outside_families(&standing, &found);
        let best = || assess::best_fit(&ranking, outside).expect("a validated taxonomy has at least one role");
        let (role, ladder_target, posting): (&Role, Option<&Role>, Option<&Posting>) = match &options.target {
            Target::BestFit => (best(), None, None),
            Target::Role(id) => match taxonomy.role_by_id(id) {
                Some(role) => (role, Some(role), None),
                None => (best(), None, None),
            },
            Target::Posting(p) => (&p.role, p.family.as_deref().and_then(|f| taxonomy.role_by_id(f)), Some(p)),
        };
        let given = !matches!(options.target, Target::BestFit);
        let assessment = assess::assess(taxonomy, role, &resume, &found);
        let seniority = assess::seniority(taxonomy, &resume);
        let mut progression =
            assess::progression(taxonomy, &resume, &standing, &found, &ranking, ladder_target, &assessment);
        if posting.is_some() {
            // The actions close the posting's gaps, not its family's.
            progression.goal_role = role.id.clone();
            progression.goal_title = role.title.clone();
            progression.actions = assess::progression::actions_for(&assessment);
        }
        Report::build(Stages {
            taxonomy,
            doc,
            as_of,
            as_of_basis,
            resume: &resume,
            hits: &hits,
            found: &found,
            role,
            given,
            posting,
            assessment: &assessment,
            seniority: &seniority,
            progression: &progression,
            ranking: &ranking,
            kind: &kind,
        })
    }
}

pub(crate) fn timed_out(ingest: &IngestOptions) -> ReadError {
    ReadError::TookTooLong(ingest.timeout.map_or(0, |t| t.as_secs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn present_is_the_date_given_else_the_document_s_else_today() {
        let mut doc = crate::ingest::from_text(
            Path::new("r.txt"),
            "Data Engineer, Acme\n2019 - Present\n",
            &Taxonomy::embedded().unwrap().vocabulary,
        )
        .unwrap();
        let given: Date = "2024-06-15".parse().unwrap();
        let written: Date = "2022-03-01".parse().unwrap();
        // (The basis only: the date is read from the clock, which may pass midnight.)
        assert_eq!(resolve_as_of(None, &doc).1, AsOfBasis::Today);
        doc.date = Some(written);
        assert_eq!(resolve_as_of(None, &doc), (written, AsOfBasis::Document));
        assert_eq!(resolve_as_of(Some(given), &doc), (given, AsOfBasis::Given));
    }
}
