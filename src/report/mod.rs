//! The report: the published JSON contract (see `schema/report.schema.json` and PRODUCT.md)
//! and what every renderer draws from. These types are the contract and the only ones with
//! serde derives: the stages keep plain types of their own, and [`Report::build`]
//! (`build.rs`) turns the stage outputs into these. Fields may be added; renaming one is a
//! breaking change that bumps `SCHEMA_VERSION`. `schema/report.schema.json` is generated from
//! these types (`schema.rs`): a field's doc comment is its description there, written for the
//! people who read the JSON; notes for developers are plain `//` comments.

pub mod build;
mod path;
pub mod ranking;
pub mod schema;

pub use path::path_text;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::InputError;

/// A string, never a number ("2.0.0" stays a string in pandas); see CHANGELOG.md.
pub const SCHEMA_VERSION: &str = "2.4.0";

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

/// The full report for a resume that could be read.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "report", extend("not" = {"required": ["error"]}))]
pub struct Report {
    /// Version of the contract, a string in semantic-version form ("2.4.0"): the major part changes on a breaking change, see CHANGELOG.md.
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"))]
    pub schema_version: &'static str,
    /// The date "Present" stood for (`--as-of`, default today), YYYY-MM-DD.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub as_of: String,
    /// What kind of document this is, decided from its structure and language. Only `resume` is analysed by default;
    /// the others are refused with the error code `not_a_resume` unless kept (`--keep-non-resumes`,
    /// `keep_non_resumes`).
    pub document: DocumentKind,
    /// Which file this report is about.
    pub input: Input,
    /// Every taxonomy skill found in the resume, target or not.
    pub skills: Vec<SkillReport>,
    /// What the gaps are measured against: a built-in role, or a job posting read at run time (`--target posting.txt`).
    pub target: Target,
    /// Fit to the target role, 0 to 100: round(100 × earned_weight / total_weight).
    #[schemars(range(max = 100))]
    pub score: u32,
    /// The numbers behind `score`, so it can be redone by hand.
    pub score_detail: ScoreDetail,
    /// The target's requirements that are met: a skill requirement by any one of its skills (its credit may be partial,
    /// see `note` and `points`), a bar when fully reached.
    #[schemars(transform = schema::met_items)]
    pub matched: Vec<Requirement>,
    /// The target's requirements not met, or bars only partly met, biggest gap first. Each has its id, importance and
    /// the sources that state it.
    #[schemars(transform = schema::unmet_items)]
    pub missing: Vec<Requirement>,
    /// Professional experience found in the resume.
    pub experience: Experience,
    /// The highest degree found in the resume.
    pub education: Education,
    /// Evidence of leading people.
    pub leadership: Leadership,
    /// How senior the resume's own titles and dates say the person is.
    pub seniority: Seniority,
    /// Where the resume stands on the career ladder, the next step, and what to do to get there.
    pub progression: Progression,
    /// Every role of the taxonomy with the resume's fit score, best first.
    #[schemars(length(min = 1))]
    pub ranking: Vec<RoleScore>,
    /// Why the score is what it is, for a reader who is not technical: the requirements that moved the score most and
    /// what the score never uses.
    pub explanation: Explanation,
}

/// What kind of document this is, decided from its structure and language. Only `resume` is analysed by default; the
/// others are refused with the error code `not_a_resume` unless kept (`--keep-non-resumes`, `keep_non_resumes`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "document")]
pub struct DocumentKind {
    /// `resume`, `posting` or `other`.
    #[schemars(extend("enum" = ["resume", "posting", "other"]))]
    pub kind: &'static str,
    /// The signals that decided it, in a short sentence.
    #[schemars(length(min = 1))]
    pub reason: String,
}

/// Which file this report is about.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "input")]
pub struct Input {
    /// The path of the resume as given on the command line. A path that is not valid UTF-8 is written with each byte
    /// that is not UTF-8 as `\xNN` (two lowercase hex digits) and each backslash doubled; `path_bytes` then holds its
    /// raw bytes.
    #[schemars(length(min = 1))]
    pub path: String,
    /// The path's raw bytes as lowercase hex; present only when the path is not valid UTF-8, so that two names that
    /// differ only in such bytes stay apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9a-f]{2})+$"))]
    pub path_bytes: Option<String>,
    /// How the file was read, decided from its extension and its bytes. `png`, `jpeg` and `tiff` are pictures read by
    /// OCR; a `pdf` may also have been read by OCR (see `ocr`). (A legacy Word `.doc` is never read: it gets an error
    /// record.)
    #[schemars(extend("enum" = ["pdf", "text", "markdown", "docx", "json-resume", "odt", "rtf", "html", "png", "jpeg", "tiff"]))]
    pub format: &'static str,
    /// SHA-256 of the file's bytes, lowercase hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// SHA-256 (lowercase hex) of the text as read: the numbered lines' words, lower-cased, joined by single spaces
    /// (every run of whitespace, line breaks included, counts as one space). The same resume as PDF and as DOCX, or
    /// re-saved with other spacing or case, has the same `text_sha256` when the text read from both is the same word
    /// for word. Added in 2.2.0.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub text_sha256: String,
    /// Only in a batch (a folder, several files, stdin records, the file parts of one multipart request, Python
    /// `analyze_many`), and only on a report that repeats an earlier one of the same batch in input order: that
    /// record's `input.path` and why. The earlier record is the first of its file or text hash; it may itself be a
    /// repeat of another (a copy of a re-saved file names the re-saved file). The report is complete as usual. Absent
    /// on a single resume and on a batch's originals. Added in 2.2.0.
    // Set by `batch::Duplicates` as records are written, never by the pipeline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<DuplicateOf>,
    /// Number of lines of text extracted from the file.
    pub lines: usize,
    /// Whether the text came from OCR (Tesseract) of a scanned PDF or a picture: evidence lines may then carry
    /// recognition errors. Added in 2.1.0; absent in older records, which were never OCR.
    pub ocr: bool,
    /// Only when `ocr` is true: Tesseract's mean word confidence, 0-100 (one decimal). Below about 80 the picture was
    /// hard to read and findings deserve a look.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub ocr_confidence: Option<f64>,
}

/// Only in a batch (a folder, several files, stdin records, the file parts of one multipart request, Python
/// `analyze_many`), and only on a report that repeats an earlier one of the same batch in input order: that record's
/// `input.path` and why. The earlier record is the first of its file or text hash; it may itself be a repeat of another
/// (a copy of a re-saved file names the re-saved file). The report is complete as usual. Absent on a single resume and
/// on a batch's originals. Added in 2.2.0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "duplicate_of")]
pub struct DuplicateOf {
    /// The earlier record's `input.path`, as written there.
    #[schemars(length(min = 1))]
    pub path: String,
    pub basis: DuplicateBasis,
}

/// `same-file`: the same bytes (`input.sha256` equal); `same-text`: another file whose `text_sha256` is equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "duplicate_basis")]
pub enum DuplicateBasis {
    SameFile,
    SameText,
}

/// How a skill was recognised: `exact` (an alias as written), `context` (an ambiguous alias such as R or Go accepted
/// because of the words around it), `signal` (a line about leading people, taken as evidence of the skill), `described`
/// (work the line describes that shows the skill, by a phrase rule of taxonomy/phrases.toml, e.g. presenting results to
/// a client shows communication), `spacing` (an alias written with different spacing or hyphens), `fuzzy` (a misspelt
/// alias) or `implied` (shown by another skill, e.g. SageMaker shows AWS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "match_kind")]
pub enum MatchKind {
    Exact,
    Context,
    Signal,
    // Work the line describes that shows the skill ("presented results to the client").
    Described,
    Spacing,
    Fuzzy,
    Implied,
}

/// The resume section a line belongs to; `header` is everything before the first heading and `other` is a heading
/// gap-check does not recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "section")]
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

/// A career level.
// Levels and degrees are also read back, from evaluation labels written in the contract's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema, Deserialize)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "level")]
pub enum Level {
    Entry,
    Mid,
    Senior,
    Lead,
}

/// A degree level, lowest to highest: `none`, `associate`, `bachelor`, `master`, `phd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema, Deserialize)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "degree")]
pub enum Degree {
    None,
    Associate,
    Bachelor,
    Master,
    Phd,
}

/// How much the role needs the requirement: `required` (a must-have, or a bar whose minimum is not reached) or
/// `preferred` (a nice-to-have, or a bar whose minimum is reached but not its preferred level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, Deserialize)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "importance")]
pub enum Importance {
    Required,
    Preferred,
}

/// `skill` for a skill requirement, else the bar: `experience`, `education` or `leadership`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, Deserialize)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "requirement_kind")]
pub enum RequirementKind {
    Skill,
    Experience,
    Education,
    Leadership,
}

/// From titles and lines that lead people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "management_level")]
pub enum ManagementLevel {
    None,
    Mentor,
    TeamLead,
    Manager,
    Director,
}

/// How the next step was chosen: `title` (from the most recent known job title) or `skills` (no known title: the
/// target, or the best-fitting role by skills).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "basis")]
pub enum Basis {
    Title,
    Skills,
}

/// `given` when the role came from `--target`; `best-fit` when no target was given and the highest-scoring role was
/// used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "target_choice")]
pub enum TargetChoice {
    Given,
    BestFit,
}

/// One resume line that shows a skill.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "evidence")]
pub struct Evidence {
    /// The 1-based line number in the extracted text.
    #[schemars(range(min = 1))]
    pub line: usize,
    pub section: Section,
    /// The full text of the line.
    pub text: String,
    /// The words of the line that matched the skill.
    #[schemars(length(min = 1))]
    pub matched: String,
    #[serde(rename = "match")]
    pub kind: MatchKind,
}

/// `core`: a skill of the taxonomy the roles are built from (`taxonomy/skills.toml`), which requirements may name;
/// `technology`: a tool of the wider technology vocabulary (`taxonomy/technologies.toml`, built from O*NET), reported
/// but never required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "tier")]
pub enum Tier {
    Core,
    Technology,
}

/// A taxonomy skill found in the resume, whether the target role asks for it or not.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "skill")]
pub struct SkillReport {
    /// A taxonomy identifier: lowercase ASCII letters, digits and hyphens, not starting or ending with a hyphen.
    #[schemars(regex(pattern = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"))]
    pub id: String,
    /// Display name of the skill.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Taxonomy category of the skill, e.g. `programming` or `cloud`.
    #[schemars(length(min = 1))]
    pub category: String,
    pub tier: Tier,
    /// How sure the match is, from 0 (not at all) to 1 (certain), rounded to two decimals.
    #[schemars(range(min = 0, max = 1))]
    pub confidence: f32,
    /// The strongest way the skill was recognised across its evidence.
    #[serde(rename = "match")]
    pub kind: MatchKind,
    /// True when the skill was only recognised through a misspelling or different spacing (`match` is `fuzzy` or
    /// `spacing`).
    pub fuzzy: bool,
    /// Months of the dated jobs whose lines mention the skill, overlapping jobs counted once; null when no dated job
    /// mentions it.
    #[schemars(range(min = 0))]
    pub months: Option<i32>,
    /// The last year of the latest dated job that mentions the skill; null when none does.
    pub last_used: Option<i32>,
    /// The resume sections the skill appears in.
    pub found_in: Vec<Section>,
    /// The first 20 lines that show the skill, in line order, each with its line number and text (`evidence_total`
    /// counts them all).
    #[schemars(length(min = 1, max = MAX_EVIDENCE))]
    pub evidence: Vec<Evidence>,
    /// How many lines show the skill; more than the length of `evidence` when the list was cut at 20.
    #[schemars(range(min = 1))]
    pub evidence_total: usize,
    /// The ESCO skills this skill matches (taxonomy/identifiers.toml); empty when ESCO has none (the reason is in the
    /// taxonomy file).
    pub esco: Vec<EscoRef>,
    /// The O*NET technology commodity classes (UNSPSC codes) of the O*NET products this skill is, each with the
    /// product's O*NET name; empty for a skill that is no O*NET product.
    pub onet: Vec<OnetRef>,
}

/// An ESCO concept (v1.x, European Commission, CC BY 4.0) matched to one of ours, from taxonomy/identifiers.toml.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "esco_ref")]
pub struct EscoRef {
    /// The ESCO URI, http://data.europa.eu/esco/skill/... or .../occupation/...
    #[schemars(regex(pattern = r"^http://data\.europa\.eu/esco/(skill|occupation)/[0-9a-f-]{36}$"))]
    pub uri: String,
    /// ESCO's preferred label of the concept.
    #[schemars(length(min = 1))]
    pub label: String,
    /// SKOS-style strength: `exact` (skos:exactMatch, the same concept) or `close` (skos:closeMatch, overlapping, good
    /// for search, not interchangeable).
    #[serde(rename = "match")]
    #[schemars(extend("enum" = ["exact", "close"]))]
    pub strength: &'static str,
}

/// An O*NET technology commodity class (UNSPSC code), with the O*NET product name it comes from.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "onet_ref")]
pub struct OnetRef {
    /// The UNSPSC commodity code, eight digits.
    #[schemars(regex(pattern = r"^[0-9]{8}$"))]
    pub code: String,
    /// The commodity class title.
    #[schemars(length(min = 1))]
    pub title: String,
    /// The O*NET product name this skill is.
    #[schemars(length(min = 1))]
    pub example: String,
}

/// An O*NET-SOC occupation (O*NET 29.2) and how it was found.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "onet_soc_ref")]
pub struct SocRef {
    /// The O*NET-SOC code, e.g. 15-2051.00.
    #[schemars(regex(pattern = r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$"))]
    pub code: String,
    /// O*NET's title of the occupation.
    #[schemars(length(min = 1))]
    pub title: String,
    /// `exact` or `close`: a role family's curated mapping (SKOS-style); `title`: the title is one of O*NET's alternate
    /// titles (letter case and punctuation aside); `title-without-grade`: it is one once its grade words (Senior, Lead,
    /// II) are set aside.
    #[serde(rename = "match")]
    #[schemars(extend("enum" = ["exact", "close", "title", "title-without-grade"]))]
    pub how: &'static str,
    /// Title matches only: the O*NET alternate title matched, normalised to lower case.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub matched_title: Option<String>,
}

/// `role` for a built-in role, `posting` for a job posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "target_kind")]
pub enum TargetKind {
    Role,
    Posting,
}

/// What the gaps are measured against: a built-in role, or a job posting read at run time (`--target posting.txt`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "target", extend("allOf" = [{"if": {"properties": {"kind": {"const": "posting"}}}, "then": {"required": ["path", "sha256", "family"]}}]))]
pub struct Target {
    pub kind: TargetKind,
    /// The role id, or the posting's file name without its extension.
    #[schemars(length(min = 1))]
    pub id: String,
    /// Display title of the role, or the title the posting gives itself.
    #[schemars(length(min = 1))]
    pub title: String,
    pub chosen: TargetChoice,
    /// Postings only: the posting's path as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Postings only: SHA-256 of the posting file.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: Option<String>,
    /// Postings only: the nearest of the taxonomy's role families by the posting's title, or `none`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub family: Option<String>,
    /// Postings only, absent when unknown: the level the posting's title (or its years) says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// O*NET-SOC occupations: for a role, its family's curated mapping (`exact`/`close`); for a posting, the
    /// occupations its title names among O*NET's alternate titles (`title`/`title-without-grade`), empty when O*NET
    /// does not know the title.
    pub onet_soc: Vec<SocRef>,
    /// For a role, the ESCO occupations of its family; empty for a posting.
    pub esco: Vec<EscoRef>,
}

/// The numbers behind `score`, so it can be redone by hand.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "score_detail")]
pub struct ScoreDetail {
    /// Sum of the weight earned over all requirements, rounded to one decimal.
    #[schemars(range(min = 0))]
    pub earned_weight: f64,
    /// Sum of the weights of all the target role's requirements.
    pub total_weight: u32,
    /// Share of the skill requirements' weight earned, 0 to 1.
    #[schemars(range(min = 0, max = 1))]
    pub skill_fit: f64,
    /// Present when the score was lowered to this cap because no skill requirement is met (bars cannot carry a score
    /// alone).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 100))]
    pub capped_at: Option<u32>,
    /// The scoring rule in plain words.
    #[schemars(length(min = 1))]
    pub formula: String,
}

/// A citation: into the source documents the taxonomy was built from, or, for a posting target, into the posting (with
/// the line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "source")]
pub struct Source {
    /// File name of the source document or of the posting.
    #[schemars(length(min = 1))]
    pub document: String,
    /// Heading of the section that supports the requirement; for a posting line before any heading, empty.
    pub section: String,
    /// Postings only: the posting's line number (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub line: Option<usize>,
    /// Postings only: the text of that line (contact details removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One line of the score: a skill requirement of the target role or one of its bars (experience, education,
/// leadership), its weight and what the resume earned.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "outcome", extend("allOf" = [{"if": {"properties": {"kind": {"const": "experience"}}}, "then": {"required": ["min_years"]}}, {"if": {"properties": {"kind": {"const": "education"}}}, "then": {"required": ["min_degree"]}}]))]
pub struct Requirement {
    /// Requirement id within the target; bars are `experience`, `education` and `leadership`; for a posting, a skill id
    /// or ids joined by `-or-`.
    #[schemars(length(min = 1))]
    pub id: String,
    pub kind: RequirementKind,
    /// The requirement in plain words.
    #[schemars(length(min = 1))]
    pub label: String,
    pub importance: Importance,
    /// Weight of the requirement in the role's score.
    pub weight: u32,
    /// Part of the weight the resume earned, rounded to one decimal.
    #[schemars(range(min = 0))]
    pub earned: f64,
    /// Whether the requirement is met: for a skill requirement, any of its skills was found; for a bar, it is fully
    /// reached.
    pub met: bool,
    /// Why a met requirement earns less than its weight, e.g. 'listed, not shown in a dated job' or 'last used in
    /// 2012'.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Skill requirements only (absent otherwise): the skill ids that meet it; any one is enough.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(min = 1), inner(regex(pattern = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")))]
    pub any_of: Vec<String>,
    /// Skill requirements only, absent when none: the found skills that met it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(min = 1), inner(regex(pattern = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")))]
    pub met_by: Vec<String>,
    /// Where the source documents state the requirement (document file name and section).
    #[schemars(length(min = 1))]
    pub source: Vec<Source>,
    /// Absent when none: where the source documents give advice on meeting the requirement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(min = 1))]
    pub advice: Vec<Source>,
    /// Score points this requirement would add if fully met (0 when it is met).
    #[schemars(range(min = 0, max = 100))]
    pub points: f64,
    /// `kind = experience` only: the minimum years the role or posting asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub min_years: Option<f64>,
    /// `kind = experience` only, absent when not stated: the preferred years.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub preferred_years: Option<f64>,
    /// `kind = education` only: the lowest degree accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_degree: Option<Degree>,
    /// `kind = education` only, absent when not stated: the degree preferred.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_degree: Option<Degree>,
}

/// Professional experience found in the resume.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "experience")]
pub struct Experience {
    /// Total professional years, overlapping jobs counted once, rounded to two decimals; null if unknown (no dated job
    /// found).
    #[schemars(range(min = 0))]
    pub years: Option<f64>,
    /// The same total in whole months; null if unknown.
    #[schemars(range(min = 0))]
    pub months: Option<i32>,
    /// Where `years` comes from: `dates` (the union of dated positions), `stated` (the career total the resume states:
    /// no dated job, or dates covering less than half of it and two years or more less), or `none`.
    #[schemars(extend("enum" = ["dates", "stated", "none"]))]
    pub basis: &'static str,
    /// The career total the resume states for itself ("14 years of experience"), in years, or null.
    #[schemars(range(min = 0))]
    pub stated_years: Option<f64>,
    /// The first 100 dated jobs found, in resume order (`positions_total` counts them all; `years` and `months` are
    /// computed from all).
    #[schemars(length(max = MAX_POSITIONS))]
    pub positions: Vec<PositionReport>,
    /// How many dated jobs the resume has.
    pub positions_total: usize,
    /// Jobs named without dates, in resume order (at most 100).
    #[schemars(length(max = MAX_POSITIONS))]
    pub undated_positions: Vec<UndatedPositionReport>,
    /// The date an open range ("2019 – Present") runs to, YYYY-MM-DD (since 2.1.0).
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub as_of: String,
    pub as_of_basis: AsOfBasis,
}

/// A job named by a title line and an employer line without dates; it counts toward no years.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "undated_position")]
pub struct UndatedPositionReport {
    /// The title's line.
    #[schemars(range(min = 1))]
    pub line: usize,
    /// The job title.
    pub title: String,
    /// The employer, or null.
    pub company: Option<String>,
    /// The place, or null.
    pub location: Option<String>,
    /// The role family the title names (`none` outside the five).
    pub title_family: String,
    /// The level a grade word of the title names, or null.
    pub title_level: Option<Level>,
}

/// Why `as_of` is that date: `given` (--as-of or the as_of parameter), `document` (the file's own date: PDF ModDate or
/// CreationDate, DOCX modified or created), `today` (neither) (since 2.1.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, Deserialize)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "as_of_basis")]
pub enum AsOfBasis {
    // `--as-of` (or the service's / Python's `as_of`) was given.
    Given,
    // The file's own date (PDF ModDate/CreationDate, DOCX modified/created).
    Document,
    // The current date: nothing given, and the file carries no date.
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

/// One job found in the resume with its date range.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "position")]
pub struct PositionReport {
    /// The line that holds the date range.
    #[schemars(range(min = 1))]
    pub line: usize,
    /// First month of the job.
    #[schemars(regex(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"))]
    pub start: String,
    /// Last month of the job (the month of `as_of` for a current job).
    #[schemars(regex(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"))]
    pub end: String,
    /// True for a current job ("Present").
    pub ongoing: bool,
    /// Length of the job in months.
    #[schemars(range(min = 0))]
    pub months: i32,
    /// The job title, read apart from the employer and place, or null if none was found.
    pub title: Option<String>,
    /// The employer named beside the title, or null.
    pub company: Option<String>,
    /// The place named with the job ("Austin, TX", "Remote"), or null.
    pub location: Option<String>,
    /// The role family the title names by the one rule (`none` outside the five); null without a title.
    pub title_family: Option<String>,
    /// The level a grade word of the title names (entry, mid, senior, lead), or null.
    pub title_level: Option<Level>,
}

/// The highest degree found in the resume.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "education")]
pub struct Education {
    /// The highest degree found: `none`, `associate`, `bachelor`, `master` or `phd`.
    pub highest_degree: Degree,
    /// Field of study of that degree, or null if not found.
    pub field: Option<String>,
    /// The line that states that degree, or null (e.g. no degree found).
    #[schemars(range(min = 1))]
    pub line: Option<usize>,
}

/// Evidence of leading people.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "leadership")]
pub struct Leadership {
    /// The first 20 lines that show leading, managing or mentoring people, in line order; empty if none
    /// (`evidence_total` counts them all).
    #[schemars(length(max = MAX_EVIDENCE))]
    pub evidence: Vec<LineRef>,
    /// How many lines show leading people.
    pub evidence_total: usize,
}

/// A resume line.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "line_ref")]
pub struct LineRef {
    /// The 1-based line number in the extracted text.
    #[schemars(range(min = 1))]
    pub line: usize,
    pub section: Section,
    /// The text of the line.
    pub text: String,
    /// The words of the line that show it ("led a team of 5 ML engineers"), when the line
    /// holds more than them: what a quote of the line should keep.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
}

/// How much a line's place says it shows work done: a job beats a project, which beats a
/// summary, which beats a list of skills, the header or the education.
fn section_weight(section: Section) -> u8 {
    match section {
        Section::Experience => 3,
        Section::Projects => 2,
        Section::Summary | Section::Certifications | Section::Publications | Section::Other => 1,
        Section::Skills | Section::Header | Section::Education => 0,
    }
}

/// The strongest of several lines: work done (a job, then a project) beats a listed word,
/// then a line with a measure ("a team of 5", "cut latency 40%"; a year is no measure) beats
/// one without; the earliest line of equal strength. `key` gives the section, the text and
/// whether the line names the finding as written (not through another skill or a misspelling).
fn strongest<T>(lines: &[T], key: impl Fn(&T) -> (Section, &str, bool)) -> Option<&T> {
    let strength = |line: &T| {
        let (section, text, as_written) = key(line);
        (section_weight(section), as_written, has_a_measure(text))
    };
    // `max_by_key` keeps the last of equals: reversed, the earliest line wins a tie.
    lines.iter().rev().max_by_key(|line| strength(line))
}

/// A number in the text that is not a year ("5", "40%", "2M"; not "2023").
fn has_a_measure(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).any(|n| {
        let year = n.len() == 4 && (n.starts_with("19") || n.starts_with("20"));
        !year
    })
}

impl SkillReport {
    /// The line a report quotes for the skill: see [`strongest`].
    pub fn strongest_evidence(&self) -> Option<&Evidence> {
        strongest(&self.evidence, |e| {
            let as_written = !matches!(e.kind, MatchKind::Implied | MatchKind::Fuzzy | MatchKind::Spacing);
            (e.section, e.text.as_str(), as_written)
        })
    }
}

impl Leadership {
    /// The line a report quotes for leading people: see [`strongest`].
    pub fn strongest(&self) -> Option<&LineRef> {
        strongest(&self.evidence, |l| (l.section, l.text.as_str(), true))
    }
}

/// How senior the resume's own titles and dates say the person is.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "seniority")]
pub struct Seniority {
    /// The most senior level any dated job's title names.
    pub highest_level: Option<Level>,
    /// The title that names it.
    pub highest_title: Option<String>,
    /// Months in jobs at that level, overlaps counted once.
    #[schemars(range(min = 0))]
    pub months_at_highest_level: i32,
    /// Months in jobs whose lines show leading people or whose title is a lead title.
    #[schemars(range(min = 0))]
    pub leadership_months: i32,
    pub management_level: ManagementLevel,
}

/// One thing to do to get closer to the goal role.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "action")]
pub struct Action {
    /// Id of the goal role's requirement this action closes.
    #[schemars(length(min = 1))]
    pub requirement: String,
    /// What to do, in plain words.
    #[schemars(length(min = 1))]
    pub action: String,
    /// Score points toward the goal role if done.
    #[schemars(range(min = 0, max = 100))]
    pub points: f64,
    pub importance: Importance,
    /// Where the source documents support this advice (document file name and section).
    #[schemars(length(min = 1))]
    pub source: Vec<Source>,
}

/// Where the resume stands on the career ladder, the next step, and what to do to get there.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "progression")]
pub struct Progression {
    /// Role family of the latest job's title by the one rule (README, "Where a person stands"): the headline when that
    /// title cannot be read or names no function; null when the title is outside the five families.
    #[schemars(regex(pattern = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"))]
    pub current_role: Option<String>,
    /// The title read as the person's current one, whatever its family, or null.
    pub current_title: Option<String>,
    /// The level by the one rule: a grade word of the title, else total years (under 2 entry, under 5 mid, else
    /// senior); null when the role is none or nothing says it.
    pub current_level: Option<Level>,
    /// The O*NET-SOC occupations `current_title` names among O*NET's alternate titles (`title` or
    /// `title-without-grade`); empty without a title or a match.
    pub current_onet_soc: Vec<SocRef>,
    pub basis: Basis,
    /// Where the current title came from: `latest-title`, `role-line` (a company grade whose job names its role),
    /// `headline`, or `none`.
    #[schemars(extend("enum" = ["latest-title", "role-line", "headline", "none"]))]
    pub standing_basis: &'static str,
    /// The line of the position that places the person (a dated job's date line, an undated job's title line), or null.
    #[schemars(range(min = 1))]
    pub position_line: Option<usize>,
    /// Why, in one sentence.
    pub standing_reason: String,
    /// Role id of the next step on the ladder, or null at the top.
    #[schemars(regex(pattern = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"))]
    pub next_role: Option<String>,
    /// Display title of the next role, or null.
    pub next_title: Option<String>,
    /// Level of the next step, or null at the top.
    pub next_level: Option<Level>,
    /// True when the latest title and the skills both stand outside the five data/ML families: the next step is then
    /// the closest role by skills.
    pub outside_families: bool,
    /// True when the next step is an entry role after years of work outside the five families.
    pub change_of_field: bool,
    /// The role the actions are measured against: the next step (so the next step and the actions name one role), else
    /// the target, else the current one. The gaps toward a given target are `missing`.
    #[schemars(regex(pattern = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"))]
    pub goal_role: String,
    /// Display title of `goal_role` (a posting's own title when the target is a posting).
    #[schemars(length(min = 1))]
    pub goal_title: String,
    /// The gaps toward the goal role that move its score most, biggest first; empty when nothing is missing.
    pub actions: Vec<Action>,
}

/// A role and the resume's fit score against it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "role_score")]
pub struct RoleScore {
    /// A taxonomy identifier: lowercase ASCII letters, digits and hyphens, not starting or ending with a hyphen.
    #[schemars(regex(pattern = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"))]
    pub id: String,
    /// Display title of the role.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Fit to this role, 0 to 100.
    #[schemars(range(max = 100))]
    pub score: u32,
    /// Share of this role's skill-requirement weight the resume earns, 0 to 1: what chooses the best fit (bars do not).
    #[schemars(range(min = 0, max = 1))]
    pub skill_fit: f64,
}

/// Printed instead of a report when the file could not be read (the exit code is then non-zero).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "error_record", extend("not" = {"description": "`error` comes instead of the findings: an error record carries none of them.", "anyOf": [{"required": ["skills"]}, {"required": ["target"]}, {"required": ["score"]}, {"required": ["matched"]}, {"required": ["missing"]}]}))]
pub struct ErrorReport {
    /// Version of the contract, a string in semantic-version form ("2.4.0"): the major part changes on a breaking change, see CHANGELOG.md.
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"))]
    pub schema_version: &'static str,
    /// Which file failed.
    pub input: ErrorInput,
    /// Why the file could not be read: a stable code for programs and a message for people.
    pub error: ErrorDetail,
}

/// Why the file could not be read: a stable code for programs and a message for people.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "error")]
pub struct ErrorDetail {
    /// Stable, machine-readable code of the reason: the message may be reworded, the code is not.
    #[schemars(schema_with = "schema::error_code")]
    pub code: &'static str,
    /// The reason in words, e.g. "PDF is password-protected".
    #[schemars(length(min = 1))]
    pub message: String,
}

/// Which file failed.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "error_input")]
pub struct ErrorInput {
    /// The path of the file as given on the command line. A path that is not valid UTF-8 is written with each byte that
    /// is not UTF-8 as `\xNN` (two lowercase hex digits) and each backslash doubled; `path_bytes` then holds its raw
    /// bytes.
    #[schemars(length(min = 1))]
    pub path: String,
    /// The path's raw bytes as lowercase hex; present only when the path is not valid UTF-8, so that two names that
    /// differ only in such bytes stay apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9a-f]{2})+$"))]
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

/// Codes of an HTTP request refused before any document is read (`gap-check serve`); a
/// posting part that cannot be used adds its read error's code, `not_a_posting` or
/// `no_requirement`.
pub const REQUEST_ERROR_CODES: &[&str] = &[
    "bad_request",
    "bad_date",
    "method_not_allowed",
    "not_found",
    "busy",
    "timeout",
    "too_many_parts",
    "unknown_role",
];

/// The body of an HTTP request `gap-check serve` refuses: the request itself is wrong (a bad
/// parameter, an unknown route or role, a posting part that cannot be used) or the service is
/// busy. No `input`: no document was read.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "request_error", extend("not" = {"required": ["input"]}))]
pub struct RequestErrorBody {
    /// Version of the contract, a string in semantic-version form ("2.4.0"): the major part changes on a breaking change, see CHANGELOG.md.
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"))]
    pub schema_version: &'static str,
    pub error: RequestErrorDetail,
}

/// What is wrong: a stable code for programs and a message for people.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "request_error_detail")]
pub struct RequestErrorDetail {
    /// Stable, machine-readable code: the message may be reworded, the code is not.
    #[schemars(schema_with = "schema::request_error_code")]
    pub code: &'static str,
    /// The reason in words.
    #[schemars(length(min = 1))]
    pub message: String,
}

/// One entry of a run's output: a report, or the error record of a file that failed.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "record", transform = schema::one_of)]
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
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "posting_reading")]
pub struct PostingReport {
    /// Version of the contract, a string in semantic-version form ("2.4.0"): the major part changes on a breaking change, see CHANGELOG.md.
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+$"))]
    pub schema_version: &'static str,
    /// The posting's path as given.
    #[schemars(length(min = 1))]
    pub path: String,
    /// SHA-256 of the posting file, lowercase hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// The title the posting gives itself.
    #[schemars(length(min = 1))]
    pub title: String,
    /// The nearest of the taxonomy's role families by the posting's title, or `none`.
    #[schemars(length(min = 1))]
    pub family: String,
    /// The level the posting's title (or its years) says, or null when neither says one.
    pub level: Option<Level>,
    /// The posting reads like a resume (dated jobs, resume headings): probably the wrong file.
    pub resume_like: bool,
    /// The requirements the score will weigh, as a report's `matched[]` and `missing[]` list
    /// them for `--target POSTING`.
    pub requirements: Vec<PostingRequirement>,
}

/// One requirement of a posting, as the score will weigh it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(
    rename = "posting_requirement",
    extend("allOf" = [{"if": {"properties": {"kind": {"const": "experience"}}}, "then": {"required": ["min_years"]}}, {"if": {"properties": {"kind": {"const": "education"}}}, "then": {"required": ["min_degree"]}}])
)]
pub struct PostingRequirement {
    /// A skill id or ids joined by `-or-`; for a bar, `experience`, `education` or `leadership`.
    #[schemars(length(min = 1))]
    pub id: String,
    pub kind: RequirementKind,
    /// The requirement in plain words.
    #[schemars(length(min = 1))]
    pub label: String,
    pub importance: Importance,
    /// Weight of the requirement in the score.
    pub weight: u32,
    /// Skill requirements only (absent otherwise): the skill ids that meet it; any one is enough.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(min = 1), inner(regex(pattern = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")))]
    pub any_of: Vec<String>,
    /// `kind = experience` only: the minimum years the posting asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub min_years: Option<f64>,
    /// `kind = experience` only, absent when not stated: the preferred years.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub preferred_years: Option<f64>,
    /// `kind = education` only: the lowest degree accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_degree: Option<Degree>,
    /// `kind = education` only, absent when not stated: the degree preferred.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_degree: Option<Degree>,
    /// The posting's lines that state it (file name, section and line).
    #[schemars(length(min = 1))]
    pub source: Vec<Source>,
}

/// Why the score is what it is, for a reader who is not technical: the requirements that moved the score most and what
/// the score never uses.
// Computed from the finished report by `explain::explain`.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[schemars(rename = "explanation")]
pub struct Explanation {
    /// One sentence: the score, the role, the weight points earned.
    #[schemars(length(min = 1))]
    pub summary: String,
    /// How the items are chosen, in words.
    #[schemars(length(min = 1))]
    pub rule: &'static str,
    /// The (at most) three requirements with the largest effect on the score, largest first. A requirement's effect is
    /// the larger of points_added and points_left_out.
    #[schemars(length(max = 3))]
    pub items: Vec<ExplanationItem>,
    /// The fixed statement that the score does not use name, contact details, photos, age or gender words.
    #[schemars(length(min = 1))]
    pub not_used: &'static str,
}

/// One of the requirements that moved the score most.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "explanation_item")]
pub struct ExplanationItem {
    /// The requirement's id, as in matched[] or missing[].
    #[schemars(length(min = 1))]
    pub requirement: String,
    /// The requirement in plain words, as in `matched[]` or `missing[]`.
    #[schemars(length(min = 1))]
    pub label: String,
    pub kind: RequirementKind,
    pub importance: Importance,
    /// `raised` when points_added >= points_left_out, else `lowered`.
    #[schemars(extend("enum" = ["raised", "lowered"]))]
    pub effect: &'static str,
    /// Score points the requirement added: 100 × earned / total_weight, one decimal.
    #[schemars(range(min = 0, max = 100))]
    pub points_added: f64,
    /// Score points it left out: 100 × (weight − earned) / total_weight, one decimal.
    #[schemars(range(min = 0, max = 100))]
    pub points_left_out: f64,
    /// The resume line of the evidence; null when not found.
    #[schemars(range(min = 1))]
    pub line: Option<usize>,
    /// The text of that line (for experience and education, what was read), or "not found".
    #[schemars(length(min = 1))]
    pub evidence: String,
    /// One plain-language sentence about this requirement.
    #[schemars(length(min = 1))]
    pub sentence: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(line: usize, section: Section, text: &str, kind: MatchKind) -> Evidence {
        Evidence { line, section, text: text.to_string(), matched: "PyTorch".to_string(), kind }
    }

    #[test]
    fn the_strongest_line_is_work_done_with_a_measure() {
        let lines = [
            evidence(11, Section::Skills, "ML frameworks: PyTorch, scikit-learn", MatchKind::Exact),
            evidence(19, Section::Experience, "- Trained PyTorch models on SageMaker", MatchKind::Exact),
            evidence(22, Section::Experience, "- Cut PyTorch training time by 40%", MatchKind::Exact),
            evidence(35, Section::Projects, "- Contributor to a PyTorch library since 2023", MatchKind::Exact),
        ];
        let pick = |lines: &[Evidence]| strongest(lines, |e| (e.section, e.text.as_str(), true)).map(|e| e.line);
        assert_eq!(pick(&lines), Some(22));
        // A year is no measure: of two job lines without one, the earlier.
        assert_eq!(pick(&lines[..2]), Some(19));
        assert_eq!(pick(&[lines[0].clone(), lines[3].clone()]), Some(35));
        assert!(!has_a_measure("since 2023") && has_a_measure("a team of 5") && has_a_measure("2M daily quotes"));
    }
}
