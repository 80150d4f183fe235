//! The report: the published JSON contract (see `schema/report.schema.json` and PRODUCT.md)
//! and what every renderer draws from. Fields may be added; renaming one is a breaking
//! change that bumps `SCHEMA_VERSION`.

use serde::Serialize;

use crate::assess::{Assessment, Outcome, Progression, Seniority};
use crate::detect::{Evidence, MatchKind};
use crate::error::InputError;
use crate::parse::Section;
use crate::taxonomy::{Degree, Tier};

pub const SCHEMA_VERSION: &str = "1.0";

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: &'static str,
    pub as_of: String,
    pub input: Input,
    pub skills: Vec<SkillReport>,
    pub target: Target,
    pub score: u32,
    pub score_detail: ScoreDetail,
    pub matched: Vec<Outcome>,
    pub missing: Vec<Outcome>,
    pub experience: Experience,
    pub education: Education,
    pub leadership: Leadership,
    pub seniority: Seniority,
    pub progression: Progression,
    /// Every role with its fit score, best first.
    pub ranking: Vec<RoleScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Input {
    pub path: String,
    pub format: &'static str,
    pub sha256: String,
    pub lines: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillReport {
    pub id: String,
    pub name: String,
    pub category: String,
    /// `core` (a skill of the roles' taxonomy) or `technology` (the wider tool vocabulary).
    pub tier: Tier,
    pub confidence: f32,
    /// The strongest way the skill was recognised: `exact`, `context`, `signal`,
    /// `spacing`, `fuzzy` or `implied`.
    #[serde(rename = "match")]
    pub kind: MatchKind,
    pub fuzzy: bool,
    /// Months of the dated jobs whose lines mention the skill (overlaps once); `null` when
    /// no dated job does (only a skills list, summary or project).
    pub months: Option<i32>,
    /// Last year of the latest such job.
    pub last_used: Option<i32>,
    /// The resume sections it appears in.
    pub found_in: Vec<Section>,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub id: String,
    pub title: String,
    /// `given` (from `--target`) or `best-fit` (no target: the highest-scoring role).
    pub chosen: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreDetail {
    pub earned_weight: f64,
    pub total_weight: u32,
    pub formula: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Experience {
    pub years: Option<f64>,
    pub months: Option<i32>,
    pub positions: Vec<PositionReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PositionReport {
    pub line: usize,
    pub start: String,
    pub end: String,
    pub ongoing: bool,
    pub months: i32,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Education {
    pub highest_degree: Degree,
    pub field: Option<String>,
    pub line: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Leadership {
    pub evidence: Vec<LineRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineRef {
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleScore {
    pub id: String,
    pub title: String,
    pub score: u32,
}

/// The record for a file that could not be read: `error` instead of the findings.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    pub schema_version: &'static str,
    pub input: ErrorInput,
    pub error: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorInput {
    pub path: String,
}

impl ErrorReport {
    pub fn new(err: &InputError) -> ErrorReport {
        ErrorReport {
            schema_version: SCHEMA_VERSION,
            input: ErrorInput { path: err.path.display().to_string() },
            error: err.reason.to_string(),
        }
    }
}

/// One entry of a run's output: a report, or the error record of a file that failed.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Record {
    Report(Box<Report>),
    Error(ErrorReport),
}

pub const SCORE_FORMULA: &str =
    "score = round(100 * earned_weight / total_weight); a met skill requirement earns its weight, a bar earns 75% at its minimum and 100% at its preferred level";

pub fn split_outcomes(assessment: &Assessment) -> (Vec<Outcome>, Vec<Outcome>) {
    let matched = assessment.matched().cloned().collect();
    let mut missing: Vec<Outcome> = assessment.missing().cloned().collect();
    missing.sort_by(|a, b| b.points.total_cmp(&a.points));
    (matched, missing)
}
