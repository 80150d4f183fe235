//! The report: the published JSON contract (see `schema/report.schema.json` and PRODUCT.md)
//! and what every renderer draws from. These types are the contract and the only ones with
//! serde derives: the stages keep plain types of their own, and [`Report::build`]
//! (`build.rs`) turns the stage outputs into these. Fields may be added; renaming one is a
//! breaking change that bumps `SCHEMA_VERSION` (a test spells out every field path).

pub mod build;
mod path;
pub mod ranking;

pub use path::path_text;

use serde::{Deserialize, Serialize};

use crate::error::InputError;

/// A string, never a number ("2.0.0" stays a string in pandas); see CHANGELOG.md.
pub const SCHEMA_VERSION: &str = "2.2.0";

/// Evidence lines a report lists per skill and for leadership; `evidence_total` counts all.
pub const MAX_EVIDENCE: usize = crate::detect::MAX_EVIDENCE;
/// Dated positions a report lists; `experience.positions_total` counts all (the years are
/// computed from all of them).
pub const MAX_POSITIONS: usize = 100;

/// The formula the score follows, in words, with the taxonomy's constants filled in.
pub fn score_formula(min_bar_share: f64, no_skill_score_cap: u32) -> String {
    format!(
        "score = round(100 * earned_weight / total_weight), at most {no_skill_score_cap} when no skill requirement is met; a met skill requirement earns its weight, a bar earns {:.0}% at its minimum and 100% at its preferred level",
        min_bar_share * 100.0
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: &'static str,
    pub as_of: String,
    /// Whether the document reads as a resume, and why.
    pub document: DocumentKind,
    pub input: Input,
    pub skills: Vec<SkillReport>,
    pub target: Target,
    pub score: u32,
    pub score_detail: ScoreDetail,
    pub matched: Vec<Requirement>,
    pub missing: Vec<Requirement>,
    pub experience: Experience,
    pub education: Education,
    pub leadership: Leadership,
    pub seniority: Seniority,
    pub progression: Progression,
    /// Every role with its fit score, best first.
    pub ranking: Vec<RoleScore>,
    /// The three requirements that moved the score most, in plain words (`explain.rs`).
    pub explanation: Explanation,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentKind {
    /// `resume`, `posting` or `other`.
    pub kind: &'static str,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Input {
    /// The path; one that is not UTF-8 is escaped (see [`path_text`]).
    pub path: String,
    /// The path's raw bytes in hex, only when it is not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    pub format: &'static str,
    pub sha256: String,
    /// SHA-256 of the text as read, lower-cased with whitespace runs collapsed
    /// (`Document::text_sha256`): equal for the same resume in another format or spacing.
    pub text_sha256: String,
    /// In a batch, the earlier record this one repeats; set by `batch::Duplicates` as
    /// records are written, never by the pipeline (one resume alone has nothing to repeat).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<DuplicateOf>,
    pub lines: usize,
    /// Whether the text came from OCR of a scan or a photo: evidence lines may then carry
    /// recognition errors.
    pub ocr: bool,
    /// Tesseract's mean word confidence (0-100), only when `ocr` is true.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<f64>,
}

/// The record a later one in the same batch repeats, so one candidate is not ranked twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateOf {
    /// The earlier record's `input.path`, as written there.
    pub path: String,
    pub basis: DuplicateBasis,
}

/// `same-file`: byte for byte the same file (`input.sha256`); `same-text`: another file
/// whose text reads the same (`input.text_sha256`), e.g. the PDF and the DOCX of one resume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DuplicateBasis {
    SameFile,
    SameText,
}

/// How a skill was recognised, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    Exact,
    Context,
    Signal,
    /// Work the line describes that shows the skill ("presented results to the client").
    Described,
    Spacing,
    Fuzzy,
    Implied,
}

/// The resume section a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Header,
    Summary,
    Skills,
    Experience,
    Education,
    Projects,
    Certifications,
    Publications,
    Other,
}

/// Levels and degrees are also read back, from evaluation labels written in the contract's
/// words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Entry,
    Mid,
    Senior,
    Lead,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Degree {
    None,
    Associate,
    Bachelor,
    Master,
    Phd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Importance {
    Required,
    Preferred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RequirementKind {
    Skill,
    Experience,
    Education,
    Leadership,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ManagementLevel {
    None,
    Mentor,
    TeamLead,
    Manager,
    Director,
}

/// How the next step was chosen: `title` (from the most recent known job title) or
/// `skills` (no known title: an entry-level position in the target or best-fitting role).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    Title,
    Skills,
}

/// Why this role is the target: `given` (from `--target`) or `best-fit` (no target: the
/// highest-scoring role).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetChoice {
    Given,
    BestFit,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub line: usize,
    pub section: Section,
    pub text: String,
    /// The words of the line that matched.
    pub matched: String,
    #[serde(rename = "match")]
    pub kind: MatchKind,
}

/// `core`: a skill of the roles' taxonomy; `technology`: the wider vocabulary of tools
/// (built from O*NET), reported but never required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Core,
    Technology,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillReport {
    pub id: String,
    pub name: String,
    pub category: String,
    pub tier: Tier,
    pub confidence: f32,
    /// The strongest way the skill was recognised.
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
    /// The first [`MAX_EVIDENCE`] lines that show the skill, in line order.
    pub evidence: Vec<Evidence>,
    /// How many lines show the skill, listed or not.
    pub evidence_total: usize,
    /// The ESCO skills it matches (`taxonomy/identifiers.toml`); empty when ESCO has none.
    pub esco: Vec<EscoRef>,
    /// The O*NET technology commodity classes of the O*NET products it is; empty for a skill
    /// that is no O*NET product (a method, a soft skill).
    pub onet: Vec<OnetRef>,
}

/// An ESCO concept (skill or occupation) and how closely it matches ours.
#[derive(Debug, Clone, Serialize)]
pub struct EscoRef {
    pub uri: String,
    /// ESCO's preferred label.
    pub label: String,
    /// `exact` (skos:exactMatch) or `close` (skos:closeMatch).
    #[serde(rename = "match")]
    pub strength: &'static str,
}

/// An O*NET technology commodity class (UNSPSC code), with the O*NET product name it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct OnetRef {
    pub code: String,
    pub title: String,
    pub example: String,
}

/// An O*NET-SOC occupation and how it was found: `exact` / `close` (a role family's curated
/// mapping, SKOS-style), `title` (the title is one of O*NET's alternate titles) or
/// `title-without-grade` (it is one once its grade words are set aside).
#[derive(Debug, Clone, Serialize)]
pub struct SocRef {
    pub code: String,
    pub title: String,
    #[serde(rename = "match")]
    pub how: &'static str,
    /// For a title match: the O*NET title it matched, normalised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_title: Option<String>,
}

/// What the gaps are measured against: a built-in role, or a job posting read at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    Role,
    Posting,
}

#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub kind: TargetKind,
    /// A role id, or the posting's file stem.
    pub id: String,
    /// The role's title, or the title the posting gives itself.
    pub title: String,
    pub chosen: TargetChoice,
    /// For a posting: its path and SHA-256, the nearest of the five role families (`none`
    /// for a posting outside them) and the level its title and years say (absent when
    /// neither says one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// O*NET-SOC occupations: a role's curated ones, or those the posting's title names.
    pub onet_soc: Vec<SocRef>,
    /// ESCO occupations of a role; empty for a posting.
    pub esco: Vec<EscoRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreDetail {
    pub earned_weight: f64,
    pub total_weight: u32,
    /// The share of the skill requirements' weight earned, 0 to 1: how the best fit is chosen.
    pub skill_fit: f64,
    /// Present when no skill requirement is met and the score was held to this cap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capped_at: Option<u32>,
    pub formula: String,
}

/// A document and section a requirement comes from; for a job posting, also the line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub document: String,
    pub section: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One requirement or bar of the target, met (`matched[]`) or not (`missing[]`).
#[derive(Debug, Clone, Serialize)]
pub struct Requirement {
    pub id: String,
    pub kind: RequirementKind,
    pub label: String,
    pub importance: Importance,
    pub weight: u32,
    pub earned: f64,
    pub met: bool,
    /// Why a met requirement earns less than its weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub met_by: Vec<String>,
    pub source: Vec<Source>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub advice: Vec<Source>,
    /// Score points this requirement would add if fully met.
    pub points: f64,
    /// `kind = "experience"`: the years asked for, at least and preferred.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_years: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_years: Option<f64>,
    /// `kind = "education"`: the degree asked for, at least and preferred.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_degree: Option<Degree>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_degree: Option<Degree>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Experience {
    pub years: Option<f64>,
    pub months: Option<i32>,
    /// `dates` (the union of dated positions), `stated` (the resume's own total: no dates,
    /// or dates covering far less) or `none`.
    pub basis: &'static str,
    /// The career total the resume states for itself, in years, if it states one.
    pub stated_years: Option<f64>,
    /// The first [`MAX_POSITIONS`] dated positions, in line order.
    pub positions: Vec<PositionReport>,
    /// How many dated positions the resume has.
    pub positions_total: usize,
    /// Jobs named without dates (a title line and an employer line), in line order; they
    /// count toward no years.
    pub undated_positions: Vec<UndatedPositionReport>,
    /// The date "Present" was counted to ("YYYY-MM-DD"), and why that one.
    pub as_of: String,
    pub as_of_basis: AsOfBasis,
}

#[derive(Debug, Clone, Serialize)]
pub struct UndatedPositionReport {
    /// The title's line.
    pub line: usize,
    pub title: String,
    pub company: Option<String>,
    pub location: Option<String>,
    pub title_family: String,
    pub title_level: Option<Level>,
}

/// Why `experience.as_of` is the date it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AsOfBasis {
    /// `--as-of` (or the service's / Python's `as_of`) was given.
    Given,
    /// The file's own date (PDF ModDate/CreationDate, DOCX modified/created).
    Document,
    /// The current date: nothing given, and the file carries no date.
    Today,
}

impl From<crate::pipeline::AsOfBasis> for AsOfBasis {
    fn from(b: crate::pipeline::AsOfBasis) -> AsOfBasis {
        match b {
            crate::pipeline::AsOfBasis::Given => AsOfBasis::Given,
            crate::pipeline::AsOfBasis::Document => AsOfBasis::Document,
            crate::pipeline::AsOfBasis::Today => AsOfBasis::Today,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PositionReport {
    pub line: usize,
    pub start: String,
    pub end: String,
    pub ongoing: bool,
    pub months: i32,
    /// The job title, read apart from the employer and place (`null` if none was found).
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    /// The role family the title names (`none` outside the five), `null` without a title.
    pub title_family: Option<String>,
    /// The level a grade word of the title names, `null` if it names none.
    pub title_level: Option<Level>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Education {
    pub highest_degree: Degree,
    pub field: Option<String>,
    pub line: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Leadership {
    /// The first [`MAX_EVIDENCE`] lines that show leading people.
    pub evidence: Vec<LineRef>,
    /// How many lines show it.
    pub evidence_total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineRef {
    pub line: usize,
    pub text: String,
}

/// How senior the resume's own titles and dates say the person is.
#[derive(Debug, Clone, Serialize)]
pub struct Seniority {
    /// The most senior level any dated job's title names (`null` if no title names one).
    pub highest_level: Option<Level>,
    pub highest_title: Option<String>,
    pub months_at_highest_level: i32,
    pub leadership_months: i32,
    pub management_level: ManagementLevel,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub requirement: String,
    pub action: String,
    /// Score points toward the goal role if done.
    pub points: f64,
    pub importance: Importance,
    pub source: Vec<Source>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Progression {
    pub current_role: Option<String>,
    pub current_title: Option<String>,
    pub current_level: Option<Level>,
    /// The O*NET-SOC occupations `current_title` names; empty without a title or a match.
    pub current_onet_soc: Vec<SocRef>,
    pub basis: Basis,
    /// Where the current title came from: `latest-title`, `role-line`, `headline` or `none`.
    pub standing_basis: &'static str,
    /// The date line of the position that places the person, if one does.
    pub position_line: Option<usize>,
    /// Why, in one sentence.
    pub standing_reason: String,
    pub next_role: Option<String>,
    pub next_title: Option<String>,
    pub next_level: Option<Level>,
    /// Fewer data and ML skills than the taxonomy asks: outside the five role families, the
    /// best fit only the closest role by skills.
    pub outside_families: bool,
    /// The next step is entry level after years of work elsewhere: a change of field.
    pub change_of_field: bool,
    /// What the actions are measured against: the next step when there is one, else the
    /// target (a posting's id), else the current role; `goal_title` names it.
    pub goal_role: String,
    pub goal_title: String,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleScore {
    pub id: String,
    pub title: String,
    pub score: u32,
    /// The share of the role's skill requirements' weight met, 0 to 1.
    pub skill_fit: f64,
}

/// The record for a file that could not be read: `error` instead of the findings.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    pub schema_version: &'static str,
    pub input: ErrorInput,
    pub error: ErrorDetail,
}

/// Why a file could not be read: a stable code to branch on, and the message for people.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorDetail {
    /// `empty`, `not_a_pdf`, `encrypted`, `no_text_layer`, `too_large`, `timeout`, … (see
    /// `ReadError::code`); never reworded.
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorInput {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
}

impl ErrorReport {
    pub fn new(err: &InputError) -> ErrorReport {
        ErrorReport {
            schema_version: SCHEMA_VERSION,
            input: {
                let (path, path_bytes) = path_text(&err.path);
                ErrorInput { path, path_bytes }
            },
            error: ErrorDetail { code: err.reason.code(), message: err.reason.to_string() },
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

impl Degree {
    pub fn as_str(&self) -> &'static str {
        match self {
            Degree::None => "none",
            Degree::Associate => "associate",
            Degree::Bachelor => "bachelor",
            Degree::Master => "master",
            Degree::Phd => "phd",
        }
    }
}

impl Level {
    pub fn as_str(&self) -> &'static str {
        match self {
            Level::Entry => "entry",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Lead => "lead",
        }
    }
}

/// `gap-check target posting.txt --format json`: a job posting as read, before any resume is
/// measured against it, so a recruiter can check the reading.
#[derive(Debug, Clone, Serialize)]
pub struct PostingReport {
    pub schema_version: &'static str,
    pub path: String,
    pub sha256: String,
    pub title: String,
    pub family: String,
    pub level: Option<Level>,
    /// The posting reads like a resume (dated jobs, resume headings): probably the wrong file.
    pub resume_like: bool,
    pub requirements: Vec<PostingRequirement>,
}

/// One requirement of a posting, as the score will weigh it.
#[derive(Debug, Clone, Serialize)]
pub struct PostingRequirement {
    pub id: String,
    pub kind: RequirementKind,
    pub label: String,
    pub importance: Importance,
    pub weight: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_years: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_years: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_degree: Option<Degree>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_degree: Option<Degree>,
    pub source: Vec<Source>,
}

/// Why the score is what it is, for a reader who is not technical; computed from the
/// finished report by `explain::explain`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Explanation {
    pub summary: String,
    /// How the items are chosen.
    pub rule: &'static str,
    pub items: Vec<ExplanationItem>,
    /// The fixed statement of what the score does not use.
    pub not_used: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExplanationItem {
    /// The requirement's id, as in `matched[]` / `missing[]`.
    pub requirement: String,
    pub label: String,
    pub kind: RequirementKind,
    pub importance: Importance,
    /// `raised` when the points added are at least the points left out, else `lowered`.
    pub effect: &'static str,
    /// Score points this requirement added: 100 × earned / total weight.
    pub points_added: f64,
    /// Score points it left out: 100 × (weight − earned) / total weight.
    pub points_left_out: f64,
    /// The resume line of the evidence, if any.
    pub line: Option<usize>,
    /// The text of that line (for experience and education, what was read), or "not found".
    pub evidence: String,
    /// One plain-language sentence.
    pub sentence: String,
}
