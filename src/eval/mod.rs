//! The evaluation harness: run the pipeline over folders of resumes that each have a
//! hand-written label file beside them, and measure how well it reads them.
//!
//! Layout: `DIR/<name>.<ext>` with `DIR/<name>.labels.toml`; optionally `DIR/eval.toml` with
//! `as_of = "YYYY-MM-DD"` (the date the labels' years were counted at) and
//! `vocabulary = "FILE"` (the skill ids the labels were written against: only those are
//! scored, so a skill the taxonomy gained later is neither a hit nor a miss). Files without a
//! label file (a README, SOURCES.md) are skipped. Any folder in that layout can be scored.

pub mod postings;
pub mod render;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::batch;
use crate::calendar::Date;
use crate::ingest::{IngestOptions, InputFormat};
use crate::report::{self, Report};
use crate::{AnalysisOptions, Engine, Target};

pub const LABELS_SUFFIX: &str = ".labels.toml";
const CONFIG_FILE: &str = "eval.toml";

/// Why a folder cannot be evaluated. Each names the file.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EvalError {
    #[error("{}: cannot read: {message}", path.display())]
    Read { path: PathBuf, message: String },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{}: unknown skill id '{id}'", path.display())]
    UnknownSkill { path: PathBuf, id: String },
    #[error("{}: no resume with this name beside it", path.display())]
    Orphan { path: PathBuf },
    #[error("no labelled resumes in {} (a resume needs a <name>{LABELS_SUFFIX} beside it)", dir.display())]
    Empty { dir: PathBuf },
}

/// What a careful reader says a resume shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub skills: Vec<String>,
    /// Skills a careful reader could go either way on: neither a hit nor a miss.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// Total professional years; absent when the resume has no usable dates.
    pub years: Option<f64>,
    /// Absent (with `unknown_degree = true`) when the resume gives no education.
    pub highest_degree: Option<report::Degree>,
    #[serde(default)]
    pub unknown_degree: bool,
    pub leadership: bool,
    /// A role id, or `none`.
    pub role: String,
    pub level: Option<report::Level>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvalConfig {
    as_of: Option<String>,
    vocabulary: Option<String>,
}

/// A skill the program found that the labels do not have, with the line that made it.
#[derive(Debug, Clone)]
pub struct FalsePositive {
    pub skill: String,
    pub line: usize,
    pub text: String,
}

/// One labelled resume and how it read.
#[derive(Debug, Clone)]
pub struct Case {
    pub file: PathBuf,
    pub error: Option<String>,
    pub labels: Labels,
    pub true_positives: Vec<String>,
    pub false_positives: Vec<FalsePositive>,
    pub false_negatives: Vec<String>,
    pub degree: Option<report::Degree>,
    pub leadership: Option<bool>,
    pub years: Option<f64>,
    pub role: Option<String>,
    pub level: Option<report::Level>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub(crate) fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The figures of one folder (or of several together).
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The folder, or `total` for several.
    pub name: String,
    pub as_of: Option<Date>,
    pub cases: Vec<Case>,
    /// Resumes in the folder without a label file.
    pub unlabeled: Vec<PathBuf>,
    pub by_category: BTreeMap<String, Counts>,
    pub overall: Counts,
}

impl Evaluation {
    fn read(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().filter(|c| c.error.is_none())
    }

    pub fn degree_accuracy(&self) -> f64 {
        let labelled: Vec<&Case> = self.read().filter(|c| c.labels.highest_degree.is_some()).collect();
        ratio(labelled.iter().filter(|c| c.degree == c.labels.highest_degree).count(), labelled.len())
    }

    pub fn leadership_accuracy(&self) -> f64 {
        let n = self.read().count();
        ratio(self.read().filter(|c| c.leadership == Some(c.labels.leadership)).count(), n)
    }

    pub fn years_mae(&self) -> f64 {
        let errors: Vec<f64> =
            self.read().filter_map(|c| c.labels.years.map(|label| (c.years.unwrap_or(0.0) - label).abs())).collect();
        if errors.is_empty() {
            0.0
        } else {
            errors.iter().sum::<f64>() / errors.len() as f64
        }
    }

    pub fn role_accuracy(&self) -> f64 {
        let n = self.read().count();
        ratio(self.read().filter(|c| c.role.as_deref().unwrap_or("none") == c.labels.role).count(), n)
    }

    pub fn level_accuracy(&self) -> f64 {
        let with_level: Vec<&Case> =
            self.read().filter(|c| c.labels.role != "none" && c.labels.level.is_some()).collect();
        ratio(with_level.iter().filter(|c| c.level == c.labels.level).count(), with_level.len())
    }

    pub fn unreadable(&self) -> usize {
        self.cases.iter().filter(|c| c.error.is_some()).count()
    }

    /// Several folders' figures together.
    pub fn total(parts: &[Evaluation]) -> Evaluation {
        let mut total = Evaluation {
            name: "total".to_string(),
            as_of: None,
            cases: Vec::new(),
            unlabeled: Vec::new(),
            by_category: BTreeMap::new(),
            overall: Counts::default(),
        };
        for part in parts {
            total.cases.extend(part.cases.iter().cloned());
            total.unlabeled.extend(part.unlabeled.iter().cloned());
            for (category, counts) in &part.by_category {
                total.by_category.entry(category.clone()).or_default().add(*counts);
            }
            total.overall.add(part.overall);
        }
        total
    }
}

fn labels_path(resume: &Path) -> PathBuf {
    let stem = resume.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    resume.with_file_name(format!("{stem}{LABELS_SUFFIX}"))
}

fn read_text(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError::Read { path: path.to_path_buf(), message: e.to_string() })
}

pub(crate) fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, EvalError> {
    toml::from_str(&read_text(path)?).map_err(|e| EvalError::Invalid {
        path: path.to_path_buf(),
        message: e.to_string().trim_end().replace('\n', " "),
    })
}

/// The folder's `eval.toml`: its as-of date and the vocabulary its labels use.
fn read_config(dir: &Path) -> Result<(Option<Date>, Option<BTreeSet<String>>), EvalError> {
    let path = dir.join(CONFIG_FILE);
    if !path.is_file() {
        return Ok((None, None));
    }
    let config: EvalConfig = read_toml(&path)?;
    let as_of = match config.as_of {
        Some(s) => Some(s.parse().map_err(|message| EvalError::Invalid { path: path.clone(), message })?),
        None => None,
    };
    let vocabulary = match config.vocabulary {
        Some(file) => {
            let text = read_text(&dir.join(file))?;
            let ids = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
            Some(ids.map(str::to_string).collect())
        }
        None => None,
    };
    Ok((as_of, vocabulary))
}

/// A folder's figures: a folder of labelled resumes, or of labelled job postings.
#[derive(Debug, Clone)]
pub enum FolderEvaluation {
    Resumes(Evaluation),
    Postings(postings::PostingEvaluation),
}

/// Runs the pipeline on every labelled document of `dir` (not its subfolders), on `jobs`
/// threads, in file-name order. A folder whose labels list `required` skills holds postings.
pub fn evaluate(
    engine: &Engine,
    dir: &Path,
    ingest: &IngestOptions,
    as_of: Option<Date>,
    jobs: usize,
) -> Result<FolderEvaluation, EvalError> {
    let (configured, vocabulary) = read_config(dir)?;
    let as_of = as_of.or(configured).unwrap_or_else(Date::today);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| EvalError::Read { path: dir.to_path_buf(), message: e.to_string() })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    let is_document = |p: &Path| {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        !name.ends_with(LABELS_SUFFIX)
            && name != CONFIG_FILE
            && !name.starts_with('.')
            && InputFormat::from_path(p).is_some()
    };
    for path in entries.iter().filter(|p| p.to_string_lossy().ends_with(LABELS_SUFFIX)) {
        let has_document = entries.iter().any(|p| p != path && is_document(p) && labels_path(p) == *path);
        if !has_document {
            return Err(EvalError::Orphan { path: path.clone() });
        }
    }
    let known: BTreeSet<&str> = engine.taxonomy().skills.iter().map(|s| s.id.as_str()).collect();
    let scored = |id: &String| known.contains(id.as_str()) || vocabulary.as_ref().is_some_and(|v| v.contains(id));
    let documents: Vec<(PathBuf, PathBuf)> =
        entries.iter().filter(|p| is_document(p)).map(|p| (p.clone(), labels_path(p))).collect();
    let first_labels = documents.iter().find(|(_, l)| l.is_file()).map(|(_, l)| read_text(l)).transpose()?;
    if first_labels.as_deref().is_some_and(postings::is_posting_labels) {
        let labelled: Vec<(PathBuf, PathBuf)> = documents.into_iter().filter(|(_, l)| l.is_file()).collect();
        for (_, label_file) in &labelled {
            let labels: postings::PostingLabels = read_toml(label_file)?;
            let ids = labels.required.iter().chain(&labels.preferred).chain(&labels.ambiguous);
            if let Some(unknown) = ids.into_iter().find(|id| !scored(id)) {
                return Err(EvalError::UnknownSkill { path: label_file.clone(), id: unknown.clone() });
            }
        }
        let name = dir.display().to_string();
        return postings::evaluate(engine, &name, labelled, ingest, as_of, vocabulary.as_ref())
            .map(FolderEvaluation::Postings);
    }
    let mut labelled = Vec::new();
    let mut unlabeled = Vec::new();
    for (path, label_file) in documents {
        if !label_file.is_file() {
            unlabeled.push(path.clone());
            continue;
        }
        let labels: Labels = read_toml(&label_file)?;
        if let Some(unknown) = labels.skills.iter().chain(&labels.ambiguous).find(|id| !scored(id)) {
            return Err(EvalError::UnknownSkill { path: label_file, id: unknown.clone() });
        }
        labelled.push((path, labels));
    }
    if labelled.is_empty() {
        return Err(EvalError::Empty { dir: dir.to_path_buf() });
    }
    let options = AnalysisOptions { target: Target::BestFit, as_of: Some(as_of), keep_non_resumes: true };
    let mut cases = Vec::with_capacity(labelled.len());
    batch::map_ordered(
        labelled.into_iter(),
        jobs,
        jobs * 4,
        |(path, labels)| match engine.analyze_file(&path, ingest, &options) {
            Ok(report) => score_case(&path, labels, &report, vocabulary.as_ref()),
            Err(err) => unread_case(&path, labels, err.reason.to_string()),
        },
        |case| {
            cases.push(case);
            true
        },
    );
    let category_of: BTreeMap<&str, &str> =
        engine.taxonomy().skills.iter().map(|s| (s.id.as_str(), s.category.as_str())).collect();
    let mut by_category: BTreeMap<String, Counts> = BTreeMap::new();
    let mut overall = Counts::default();
    for case in &cases {
        let mut bump = |skill: &str, f: fn(&mut Counts)| {
            let category = category_of.get(skill).copied().unwrap_or("unknown");
            f(by_category.entry(category.to_string()).or_default());
            f(&mut overall);
        };
        case.true_positives.iter().for_each(|s| bump(s, |c| c.tp += 1));
        case.false_positives.iter().for_each(|s| bump(&s.skill, |c| c.fp += 1));
        case.false_negatives.iter().for_each(|s| bump(s, |c| c.fn_ += 1));
    }
    Ok(FolderEvaluation::Resumes(Evaluation {
        name: dir.display().to_string(),
        as_of: Some(as_of),
        cases,
        unlabeled,
        by_category,
        overall,
    }))
}

fn unread_case(path: &Path, labels: Labels, error: String) -> Case {
    Case {
        file: path.to_path_buf(),
        error: Some(error),
        false_negatives: labels.skills.clone(),
        labels,
        true_positives: vec![],
        false_positives: vec![],
        degree: None,
        leadership: None,
        years: None,
        role: None,
        level: None,
    }
}

fn score_case(path: &Path, labels: Labels, report: &Report, vocabulary: Option<&BTreeSet<String>>) -> Case {
    let ambiguous: BTreeSet<&str> = labels.ambiguous.iter().map(String::as_str).collect();
    let in_scope = |id: &str| !ambiguous.contains(id) && vocabulary.is_none_or(|v| v.contains(id));
    let expected: BTreeSet<&str> = labels.skills.iter().map(String::as_str).filter(|id| in_scope(id)).collect();
    // Labels name core skills only: the technology tier is neither a hit nor a miss.
    let found: BTreeSet<&str> = report
        .skills
        .iter()
        .filter(|s| s.tier == report::Tier::Core)
        .map(|s| s.id.as_str())
        .filter(|id| in_scope(id))
        .collect();
    let true_positives = expected.intersection(&found).map(|s| s.to_string()).collect();
    let false_negatives = expected.difference(&found).map(|s| s.to_string()).collect();
    let false_positives = report
        .skills
        .iter()
        .filter(|s| found.contains(s.id.as_str()) && !expected.contains(s.id.as_str()))
        .map(|s| {
            let first = s.evidence.first();
            FalsePositive {
                skill: s.id.clone(),
                line: first.map_or(0, |e| e.line),
                text: first.map(|e| e.text.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Case {
        file: path.to_path_buf(),
        error: None,
        true_positives,
        false_positives,
        false_negatives,
        degree: Some(report.education.highest_degree),
        leadership: Some(!report.leadership.evidence.is_empty()),
        years: Some(report.experience.years.unwrap_or(0.0)),
        role: report.progression.current_role.clone(),
        level: report.progression.current_level,
        labels,
    }
}
