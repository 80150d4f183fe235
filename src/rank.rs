//! One resume, many postings: the resume read once, each posting read once, then one
//! assessment per posting through [`Engine::analyze`] (the very report `--target posting.txt`
//! gives), summed up as one row per posting, best fit first ([`crate::report::ranking`]).

use std::path::Path;
use std::sync::Arc;

use crate::calendar::Date;
use crate::deadline;
use crate::entry::{Source, TargetError};
use crate::error::{InputError, ReadError};
use crate::ingest::IngestOptions;
use crate::posting::Posting;
use crate::report::ranking::{Gain, RankRow, Ranking, ResumeSummary, Skipped};
use crate::report::{self, ErrorDetail, Importance, Report, RequirementKind, SCHEMA_VERSION};
use crate::{AnalysisOptions, Engine, Target};

/// A file given among the postings, once read.
#[derive(Debug, Clone)]
pub enum PostingInput {
    Posting(Arc<Posting>),
    /// Read, but not a posting (a README, a resume): a counted skip when found in a folder.
    NotAPosting {
        path: String,
        reason: String,
    },
    /// Could not be used: unreadable, or no requirement found in it. An error row.
    Failed {
        path: String,
        error: ErrorDetail,
    },
}

/// Why a file given among postings is not a posting, as an error record's code.
pub const NOT_A_POSTING: &str = "not_a_posting";
/// A posting in which the reader found nothing the taxonomy knows to ask for.
pub const NO_REQUIREMENT: &str = "no_requirement";

impl Engine {
    /// Reads one file given as a posting to rank against: the same limits as a resume, the
    /// same prose check as a single `--target` posting, the document-kind check
    /// ([`crate::parse::kind::posting_check`]) and the posting reader, the document parsed once.
    pub fn read_posting_file(&self, path: &Path, ingest: &IngestOptions, as_of: Date) -> PostingInput {
        let shown = report::path_text(path).0;
        let _deadline = deadline::Guard::start(ingest.timeout);
        let failed = |code, message| PostingInput::Failed { path: shown.clone(), error: ErrorDetail { code, message } };
        match self.read_posting_checked(&Source::File(path), ingest, as_of, true) {
            Ok(posting) => PostingInput::Posting(Arc::new(posting)),
            Err(TargetError::NotProse { words, tokens, .. }) => PostingInput::NotAPosting {
                path: shown.clone(),
                reason: format!("does not read like a job posting: {words} of its {tokens} tokens are words"),
            },
            Err(TargetError::NotAPosting { reason, .. }) => PostingInput::NotAPosting { path: shown.clone(), reason },
            Err(TargetError::Unreadable(e)) => failed(e.reason.code(), e.reason.to_string()),
            Err(TargetError::NoRequirement { reason, .. }) => failed(NO_REQUIREMENT, reason.to_string()),
            Err(e @ TargetError::UnknownRole(_)) => failed(e.code(), e.to_string()),
        }
    }

    /// Ranks the postings for one resume file: the file read once (within `ingest.timeout`),
    /// then measured against each posting, each assessment within its own `ingest.timeout`.
    /// `options.target` is not used. A file that is not a posting and was `named` (given by
    /// name, not found in a folder) becomes an error row; otherwise a skip.
    pub fn rank_file(
        &self,
        resume: &Path,
        postings: &[(PostingInput, bool)],
        ingest: &IngestOptions,
        options: &AnalysisOptions,
    ) -> Result<Ranking, InputError> {
        let fail = |reason| InputError { path: resume.to_path_buf(), reason };
        let doc = {
            let _deadline = deadline::Guard::start(ingest.timeout);
            self.read_document(&Source::File(resume), ingest).map_err(|e| match e {
                _ if deadline::expired() => fail(ReadError::TookTooLong(ingest.timeout.map_or(0, |t| t.as_secs()))),
                e => e,
            })?
        };
        let mut rows = Vec::new();
        let mut skipped = Vec::new();
        let mut summary = None;
        let mut as_of = String::new();
        for (input, named) in postings {
            match input {
                PostingInput::Posting(posting) => {
                    let _deadline = deadline::Guard::start(ingest.timeout);
                    let options = AnalysisOptions { target: Target::Posting(Arc::clone(posting)), ..options.clone() };
                    let report = self.analyze_within(&doc, &options, ingest).map_err(fail)?;
                    if summary.is_none() {
                        summary = Some(resume_summary(&report));
                        as_of = report.as_of.clone();
                    }
                    rows.push(row(&report, posting));
                }
                PostingInput::NotAPosting { path, reason } if *named => rows.push(error_row(
                    path,
                    ErrorDetail { code: NOT_A_POSTING, message: format!("not a job posting: {reason}") },
                )),
                PostingInput::NotAPosting { path, reason } => {
                    skipped.push(Skipped { file: file_name(path), path: path.clone(), reason: reason.clone() })
                }
                PostingInput::Failed { path, error } => rows.push(error_row(path, error.clone())),
            }
        }
        // No posting was read: the resume is still checked and summed up, against the best fit.
        let summary = match summary {
            Some(summary) => summary,
            None => {
                let options = AnalysisOptions { target: Target::BestFit, ..options.clone() };
                let _deadline = deadline::Guard::start(ingest.timeout);
                let report = self.analyze_within(&doc, &options, ingest).map_err(fail)?;
                as_of = report.as_of.clone();
                resume_summary(&report)
            }
        };
        sort_rows(&mut rows);
        Ok(Ranking { schema_version: SCHEMA_VERSION, as_of, resume: summary, rows, skipped, skipped_other: 0 })
    }
}

/// Best score first, ties by file name then path; the postings that could not be read last,
/// by file name. Ranks are numbered after sorting.
pub fn sort_rows(rows: &mut [RankRow]) {
    rows.sort_by(|a, b| {
        a.error
            .is_some()
            .cmp(&b.error.is_some())
            .then(b.score.cmp(&a.score))
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.path.cmp(&b.path))
    });
    let mut rank = 0;
    for row in rows.iter_mut().filter(|r| r.error.is_none()) {
        rank += 1;
        row.rank = Some(rank);
    }
}

fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).find(|p| !p.is_empty()).unwrap_or(path).to_string()
}

fn resume_summary(report: &Report) -> ResumeSummary {
    let p = &report.progression;
    ResumeSummary {
        path: report.input.path.clone(),
        format: report.input.format,
        sha256: report.input.sha256.clone(),
        current_title: p.current_title.clone(),
        current_role: p.current_role.clone(),
        current_level: p.current_level,
        years: report.experience.years,
        highest_degree: report.education.highest_degree,
        skills: report.skills.iter().map(|k| k.name.clone()).collect(),
    }
}

fn row(report: &Report, posting: &Posting) -> RankRow {
    let required = |o: &&report::Requirement| o.kind == RequirementKind::Skill && o.importance == Importance::Required;
    let met = report.matched.iter().filter(required).count();
    let missing: Vec<String> = report.missing.iter().filter(required).map(|o| o.label.clone()).collect();
    // The report's actions are sorted biggest gain first (`assess::progression::actions_for`).
    let gain = report.progression.actions.first().map(|a| Gain {
        requirement: a.requirement.clone(),
        action: a.action.clone(),
        points: a.points,
    });
    RankRow {
        schema_version: SCHEMA_VERSION,
        rank: None,
        file: posting.file_name.clone(),
        path: posting.path.clone(),
        title: Some(posting.title.clone()),
        sha256: Some(posting.sha256.clone()),
        family: report.target.family.clone(),
        level: report.target.level,
        score: Some(report.score),
        required_met: Some(met),
        required_total: Some(met + missing.len()),
        missing_required: Some(missing),
        biggest_gain: Some(gain),
        error: None,
    }
}

fn error_row(path: &str, error: ErrorDetail) -> RankRow {
    RankRow {
        schema_version: SCHEMA_VERSION,
        rank: None,
        file: file_name(path),
        path: path.to_string(),
        title: None,
        sha256: None,
        family: None,
        level: None,
        score: None,
        required_met: None,
        required_total: None,
        missing_required: None,
        biggest_gain: None,
        error: Some(error),
    }
}
