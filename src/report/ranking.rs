//! The ranking contract: one resume measured against several job postings
//! (`gap-check resume.pdf --target postings/`), one row per posting, best fit first. Described
//! by `schema/ranking.schema.json`; a row is what `--format ndjson` prints per line.
//!
//! A row says what a job seeker decides on: the score, the required skills met and missing,
//! and the one action worth most points. The full report of one posting is still
//! `gap-check resume.pdf --target posting.txt`.

use serde::Serialize;

use super::{Degree, ErrorDetail, Level};

/// `--format json`: the resume in brief (no contact details, no evidence lines) and the rows.
#[derive(Debug, Clone, Serialize)]
pub struct Ranking {
    pub schema_version: &'static str,
    /// The date "Present" was counted to, as in a report.
    pub as_of: String,
    pub resume: ResumeSummary,
    /// Ranked rows first (by score, ties by file name), then the postings that could not be read.
    pub rows: Vec<RankRow>,
    /// Files met in a folder that are not postings (a README, a resume), with the reason.
    pub skipped: Vec<Skipped>,
    /// Entries a folder walk passed over without reading them (other file types, hidden files).
    pub skipped_other: u64,
}

/// What the rows are measured from: where the person stands, without contact details.
#[derive(Debug, Clone, Serialize)]
pub struct ResumeSummary {
    pub path: String,
    pub format: &'static str,
    pub sha256: String,
    pub current_title: Option<String>,
    pub current_role: Option<String>,
    pub current_level: Option<Level>,
    pub years: Option<f64>,
    pub highest_degree: Degree,
    /// The names of the skills found, in the report's order.
    pub skills: Vec<String>,
}

/// One posting: its place, score and gaps; or, for a posting that could not be read,
/// `error` instead of the findings (and no `rank`).
#[derive(Debug, Clone, Serialize)]
pub struct RankRow {
    pub schema_version: &'static str,
    /// 1 for the best fit; `null` for a posting that could not be read.
    pub rank: Option<usize>,
    /// The posting's file name (`file`) and path as given.
    pub file: String,
    pub path: String,
    /// The title the posting gives itself (its first line); absent when it was not read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The nearest of the five role families (`none` outside them) and the level the title
    /// and years say (absent when neither says one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
    /// Required skill requirements met, and how many the posting states.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_met: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_total: Option<usize>,
    /// The labels of the required skill requirements not met, biggest gain first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_required: Option<Vec<String>>,
    /// The action worth the most score points (`progression.actions[0]` of the report);
    /// `null` when nothing is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub biggest_gain: Option<Option<Gain>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorDetail>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Gain {
    /// The requirement's id, as in a report's `missing[]`.
    pub requirement: String,
    pub action: String,
    pub points: f64,
}

/// A file of a folder that is not a job posting.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub file: String,
    pub path: String,
    pub reason: String,
}
