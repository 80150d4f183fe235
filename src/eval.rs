//! The evaluation harness: run the pipeline over a folder of resumes that each have a
//! hand-written label file beside them, and measure how well it reads them.
//!
//! Layout: `DIR/<name>.<ext>` with `DIR/<name>.labels.toml`; optionally `DIR/eval.toml` with
//! `as_of = "YYYY-MM-DD"`, the date the labels' years were counted at. Any folder in that
//! layout can be scored, without code changes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::date::Date;
use crate::ingest::{IngestOptions, InputFormat};
use crate::report::Report;
use crate::taxonomy::{Degree, Level};
use crate::{AnalysisOptions, Engine};

pub const LABELS_SUFFIX: &str = ".labels.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub skills: Vec<String>,
    pub years: f64,
    pub highest_degree: Degree,
    pub leadership: bool,
    /// A role id, or `none`.
    pub role: String,
    pub level: Option<Level>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvalConfig {
    as_of: Option<String>,
}

/// A skill the program found that the labels do not have, with the line that made it.
#[derive(Debug, Clone)]
pub struct FalsePositive {
    pub skill: String,
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub file: PathBuf,
    pub error: Option<String>,
    pub labels: Labels,
    pub true_positives: Vec<String>,
    pub false_positives: Vec<FalsePositive>,
    pub false_negatives: Vec<String>,
    pub degree: Option<Degree>,
    pub leadership: Option<bool>,
    pub years: Option<f64>,
    pub role: Option<String>,
    pub level: Option<Level>,
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
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Clone)]
pub struct Evaluation {
    pub dir: PathBuf,
    pub as_of: Date,
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
        let n = self.read().count();
        ratio(self.read().filter(|c| c.degree == Some(c.labels.highest_degree)).count(), n)
    }

    pub fn leadership_accuracy(&self) -> f64 {
        let n = self.read().count();
        ratio(self.read().filter(|c| c.leadership == Some(c.labels.leadership)).count(), n)
    }

    pub fn years_mae(&self) -> f64 {
        let errors: Vec<f64> = self.read().map(|c| (c.years.unwrap_or(0.0) - c.labels.years).abs()).collect();
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
        let with_level: Vec<&Case> = self.read().filter(|c| c.labels.level.is_some()).collect();
        ratio(with_level.iter().filter(|c| c.level == c.labels.level).count(), with_level.len())
    }
}

fn labels_path(resume: &Path) -> PathBuf {
    let stem = resume.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    resume.with_file_name(format!("{stem}{LABELS_SUFFIX}"))
}

/// Runs the pipeline on every labelled resume of `dir` (not its subfolders).
pub fn evaluate(
    engine: &Engine,
    dir: &Path,
    ingest: &IngestOptions,
    as_of: Option<Date>,
) -> anyhow::Result<Evaluation> {
    use anyhow::Context;
    let config_path = dir.join("eval.toml");
    let configured: Option<Date> = if config_path.is_file() {
        let text = std::fs::read_to_string(&config_path).with_context(|| format!("{}", config_path.display()))?;
        let config: EvalConfig = toml::from_str(&text).with_context(|| format!("{}", config_path.display()))?;
        match config.as_of {
            Some(s) => Some(s.parse().map_err(|e: String| anyhow::anyhow!("{}: {e}", config_path.display()))?),
            None => None,
        }
    } else {
        None
    };
    let as_of = as_of.or(configured).unwrap_or_else(Date::today);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    let known: BTreeSet<String> = engine.taxonomy().skills.iter().map(|s| s.id.clone()).collect();
    let mut cases = Vec::new();
    let mut unlabeled = Vec::new();
    for path in &entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.ends_with(LABELS_SUFFIX) || name == "eval.toml" || name.starts_with('.') {
            continue;
        }
        if InputFormat::from_path(path).is_none() {
            continue;
        }
        let label_file = labels_path(path);
        if !label_file.is_file() {
            unlabeled.push(path.clone());
            continue;
        }
        let text = std::fs::read_to_string(&label_file).with_context(|| format!("{}", label_file.display()))?;
        let labels: Labels = toml::from_str(&text).with_context(|| format!("{}", label_file.display()))?;
        if let Some(unknown) = labels.skills.iter().find(|s| !known.contains(*s)) {
            anyhow::bail!("{}: unknown skill id '{unknown}'", label_file.display());
        }
        let options = AnalysisOptions { target: None, as_of };
        cases.push(match engine.analyze_file(path, ingest, &options) {
            Ok(report) => score_case(path, labels, &report),
            Err(err) => Case {
                file: path.clone(),
                error: Some(err.reason.to_string()),
                false_negatives: labels.skills.clone(),
                labels,
                true_positives: vec![],
                false_positives: vec![],
                degree: None,
                leadership: None,
                years: None,
                role: None,
                level: None,
            },
        });
    }
    for path in &entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if let Some(stem) = name.strip_suffix(LABELS_SUFFIX) {
            let has_resume = entries.iter().any(|p| {
                p != path
                    && p.file_stem().is_some_and(|s| s.to_string_lossy() == stem)
                    && InputFormat::from_path(p).is_some()
            });
            if !has_resume {
                anyhow::bail!("{}: no resume with this name beside it", path.display());
            }
        }
    }
    if cases.is_empty() {
        anyhow::bail!("no labelled resumes in {} (a resume needs a <name>{LABELS_SUFFIX} beside it)", dir.display());
    }
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
        for s in &case.true_positives {
            bump(s, |c| c.tp += 1);
        }
        for s in &case.false_positives {
            bump(&s.skill, |c| c.fp += 1);
        }
        for s in &case.false_negatives {
            bump(s, |c| c.fn_ += 1);
        }
    }
    Ok(Evaluation { dir: dir.to_path_buf(), as_of, cases, unlabeled, by_category, overall })
}

fn score_case(path: &Path, labels: Labels, report: &Report) -> Case {
    let expected: BTreeSet<&str> = labels.skills.iter().map(String::as_str).collect();
    // Labels name core skills only: the technology tier is neither a hit nor a miss.
    let core = || report.skills.iter().filter(|s| s.tier == crate::taxonomy::Tier::Core);
    let found: BTreeSet<&str> = core().map(|s| s.id.as_str()).collect();
    let true_positives = expected.intersection(&found).map(|s| s.to_string()).collect();
    let false_negatives = expected.difference(&found).map(|s| s.to_string()).collect();
    let false_positives = core()
        .filter(|s| !expected.contains(s.id.as_str()))
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
        level: report.progression.current_level.clone(),
        labels,
    }
}

/// The evaluation as a person reads it: figures first, then every error to fix.
pub fn render(eval: &Evaluation, category_names: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let _ = writeln!(
        out,
        "gap-check eval {}: {} labelled resumes, as of {}",
        eval.dir.display(),
        eval.cases.len(),
        eval.as_of
    );
    let unread: Vec<&Case> = eval.cases.iter().filter(|c| c.error.is_some()).collect();
    if !unread.is_empty() {
        let _ = writeln!(out, "unreadable: {}", unread.len());
    }
    if !eval.unlabeled.is_empty() {
        let _ = writeln!(out, "skipped (no label file): {}", eval.unlabeled.len());
    }
    let _ = writeln!(out, "\nskill detection                precision  recall     F1     tp    fp    fn");
    for (category, c) in &eval.by_category {
        let label = category_names.get(category).map_or(category.as_str(), String::as_str);
        let _ = writeln!(
            out,
            "  {label:<30} {:>8.3} {:>7.3} {:>6.3} {:>6} {:>5} {:>5}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    let o = eval.overall;
    let _ = writeln!(
        out,
        "  {:<30} {:>8.3} {:>7.3} {:>6.3} {:>6} {:>5} {:>5}",
        "overall",
        o.precision(),
        o.recall(),
        o.f1(),
        o.tp,
        o.fp,
        o.fn_
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "highest degree accuracy    {:.3}", eval.degree_accuracy());
    let _ = writeln!(out, "leadership accuracy        {:.3}", eval.leadership_accuracy());
    let _ = writeln!(out, "total years MAE            {:.2} years", eval.years_mae());
    let _ = writeln!(out, "current role accuracy      {:.3}", eval.role_accuracy());
    let _ = writeln!(out, "current level accuracy     {:.3}", eval.level_accuracy());

    let fps: Vec<(&Case, &FalsePositive)> =
        eval.cases.iter().flat_map(|c| c.false_positives.iter().map(move |f| (c, f))).collect();
    let _ = writeln!(out, "\nfalse positives ({})", fps.len());
    for (case, fp) in fps {
        let _ = writeln!(out, "  {}:{}  {}  \"{}\"", name(&case.file), fp.line, fp.skill, fp.text);
    }
    let fns: Vec<(&Case, &String)> =
        eval.cases.iter().flat_map(|c| c.false_negatives.iter().map(move |f| (c, f))).collect();
    let _ = writeln!(out, "\nfalse negatives ({})", fns.len());
    for (case, skill) in fns {
        let _ = writeln!(out, "  {}  {}", name(&case.file), skill);
    }
    let mut others = Vec::new();
    for c in &eval.cases {
        if let Some(e) = &c.error {
            others.push(format!("  {}  unreadable: {e}", name(&c.file)));
            continue;
        }
        if c.degree != Some(c.labels.highest_degree) {
            others.push(format!(
                "  {}  degree {:?}, labelled {}",
                name(&c.file),
                c.degree.map(|d| d.as_str()),
                c.labels.highest_degree.as_str()
            ));
        }
        if c.leadership != Some(c.labels.leadership) {
            others.push(format!(
                "  {}  leadership {:?}, labelled {}",
                name(&c.file),
                c.leadership,
                c.labels.leadership
            ));
        }
        if let Some(y) = c.years {
            if (y - c.labels.years).abs() > 0.25 {
                others.push(format!("  {}  years {y:.2}, labelled {:.2}", name(&c.file), c.labels.years));
            }
        }
        let role = c.role.as_deref().unwrap_or("none");
        if role != c.labels.role {
            others.push(format!("  {}  role {role}, labelled {}", name(&c.file), c.labels.role));
        }
        if c.labels.level.is_some() && c.level != c.labels.level {
            others.push(format!(
                "  {}  level {}, labelled {}",
                name(&c.file),
                c.level.as_ref().map_or("none", |l| l.as_str()),
                c.labels.level.as_ref().map_or("none", |l| l.as_str())
            ));
        }
    }
    let _ = writeln!(out, "\nother mismatches ({})", others.len());
    for line in others {
        let _ = writeln!(out, "{line}");
    }
    out
}
