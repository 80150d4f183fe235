//! The ranking contract: one resume measured against several job postings
//! (`gap-check resume.pdf --target postings/`), one row per posting, best fit first. Described
//! by `schema/ranking.schema.json`; a row is what `--format ndjson` prints per line.
//!
//! A row says what a job seeker decides on: the score, the required skills met and missing,
//! and the one action worth most points. The full report of one posting is still
//! `gap-check resume.pdf --target posting.txt`.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Degree, ErrorDetail, Level};

/// `--format json`: the resume in brief (no contact details, no evidence lines) and the rows.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "ranking")]
pub struct Ranking {
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"))]
    pub schema_version: &'static str,
    /// The date "Present" was counted to (YYYY-MM-DD), as in a report's `as_of`.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub as_of: String,
    /// The resume in brief: where the person stands and the skills found. No contact details, no evidence lines
    /// (resumes are personal data).
    pub resume: ResumeSummary,
    /// Ranked postings first (score descending, ties by file name), then the postings that could not be read (by file
    /// name).
    pub rows: Vec<RankRow>,
    /// Files found in a folder that are not job postings (a table, a resume, code, a letter), with the reason. A file
    /// named on the command line that is not a posting is an error row instead.
    pub skipped: Vec<Skipped>,
    /// Entries a folder walk passed over unread: other file types, hidden files, links.
    pub skipped_other: u64,
}

/// The resume in brief: where the person stands and the skills found. No contact details, no evidence lines (resumes
/// are personal data).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "resume_summary", extend("not" = {"anyOf": [{"required": ["email"]}, {"required": ["phone"]}, {"required": ["name"]}]}))]
pub struct ResumeSummary {
    pub path: String,
    /// As a report's `input.format`.
    #[schemars(extend("enum" = ["pdf", "text", "markdown", "docx", "json-resume", "odt", "rtf", "html", "png", "jpeg", "tiff"]))]
    pub format: &'static str,
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    pub current_title: Option<String>,
    /// The role family of the current title (`none` outside the five), as `progression.current_role`.
    pub current_role: Option<String>,
    pub current_level: Option<Level>,
    #[schemars(range(min = 0))]
    pub years: Option<f64>,
    pub highest_degree: Degree,
    /// The names of the skills found, in the report's order.
    pub skills: Vec<String>,
}

/// One posting: its rank, score and gaps, or `error` instead of them for a posting that could not be used.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(
    rename = "row",
    extend("oneOf" = [
        {"description": "A ranked posting.", "required": ["title", "sha256", "family", "score", "required_met", "required_total", "missing_required", "biggest_gain"], "properties": {"rank": {"type": "integer"}}, "not": {"required": ["error"]}},
        {"description": "A posting that could not be used.", "required": ["error"], "properties": {"rank": {"type": "null"}}, "not": {"anyOf": [{"required": ["score"]}, {"required": ["title"]}]}}
    ])
)]
pub struct RankRow {
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"))]
    pub schema_version: &'static str,
    /// 1 for the best fit; null for an error row.
    #[schemars(range(min = 1))]
    pub rank: Option<usize>,
    /// The posting's file name: what a person recognises it by.
    #[schemars(length(min = 1))]
    pub file: String,
    pub path: String,
    /// The title the posting gives itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: Option<String>,
    /// The nearest of the five role families, `none` outside them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 100))]
    pub score: Option<u32>,
    /// Required skill requirements met, and how many the posting states.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_met: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_total: Option<usize>,
    /// Labels of the required skill requirements not met, biggest gain first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_required: Option<Vec<String>>,
    /// The action worth the most score points (a report's `progression.actions[0]`); null when nothing is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "super::schema::nullable_gain")]
    pub biggest_gain: Option<Option<Gain>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "super::schema::row_error")]
    pub error: Option<ErrorDetail>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "gain")]
pub struct Gain {
    /// The requirement's id, as in a report's `missing[]`.
    pub requirement: String,
    #[schemars(length(min = 1))]
    pub action: String,
    #[schemars(range(min = 0, max = 100))]
    pub points: f64,
}

/// A file of a folder that is not a job posting.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "skipped")]
pub struct Skipped {
    pub file: String,
    pub path: String,
    #[schemars(length(min = 1))]
    pub reason: String,
}
