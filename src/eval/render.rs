//! The evaluation as a person reads it (figures first, then every error to fix) and as
//! JSON for scripts and tests.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use super::{Case, Counts, Evaluation, FalsePositive};

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// One line of a precision / recall table.
fn row(out: &mut String, label: &str, c: &Counts) {
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

/// One folder, in full.
pub fn text(eval: &Evaluation, category_names: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let as_of = eval.as_of.map(|d| format!(", as of {d}")).unwrap_or_default();
    let _ = writeln!(out, "gap-check eval {}: {} labelled resumes{as_of}", eval.name, eval.cases.len());
    if eval.unreadable() > 0 {
        let _ = writeln!(out, "unreadable: {}", eval.unreadable());
    }
    if !eval.unlabeled.is_empty() {
        let _ = writeln!(out, "skipped (no label file): {}", eval.unlabeled.len());
    }
    let _ = writeln!(out, "\nskill detection                precision  recall     F1     tp    fp    fn");
    for (category, c) in &eval.by_category {
        row(&mut out, category_names.get(category).map_or(category.as_str(), String::as_str), c);
    }
    row(&mut out, "overall", &eval.overall);
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
        let _ = writeln!(out, "  {}:{}  {}  \"{}\"", file_name(&case.file), fp.line, fp.skill, fp.text);
    }
    let fns: Vec<(&Case, &String)> =
        eval.cases.iter().flat_map(|c| c.false_negatives.iter().map(move |f| (c, f))).collect();
    let _ = writeln!(out, "\nfalse negatives ({})", fns.len());
    for (case, skill) in fns {
        let _ = writeln!(out, "  {}  {}", file_name(&case.file), skill);
    }
    let others: Vec<String> = eval.cases.iter().flat_map(mismatches).collect();
    let _ = writeln!(out, "\nother mismatches ({})", others.len());
    for line in others {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// What else than skills a case got wrong, one line each.
fn mismatches(c: &Case) -> Vec<String> {
    let name = file_name(&c.file);
    if let Some(e) = &c.error {
        return vec![format!("{name}  unreadable: {e}")];
    }
    let mut out = Vec::new();
    if let Some(label) = c.labels.highest_degree {
        if c.degree != Some(label) {
            out.push(format!("{name}  degree {:?}, labelled {}", c.degree.map(|d| d.as_str()), label.as_str()));
        }
    }
    if c.leadership != Some(c.labels.leadership) {
        out.push(format!("{name}  leadership {:?}, labelled {}", c.leadership, c.labels.leadership));
    }
    if let (Some(y), Some(label)) = (c.years, c.labels.years) {
        if (y - label).abs() > 0.25 {
            out.push(format!("{name}  years {y:.2}, labelled {label:.2}"));
        }
    }
    let role = c.role.as_deref().unwrap_or("none");
    if role != c.labels.role {
        out.push(format!("{name}  role {role}, labelled {}", c.labels.role));
    }
    if c.labels.role != "none" && c.labels.level.is_some() && c.level != c.labels.level {
        out.push(format!(
            "{name}  level {}, labelled {}",
            c.level.as_ref().map_or("none", |l| l.as_str()),
            c.labels.level.as_ref().map_or("none", |l| l.as_str())
        ));
    }
    out
}

/// One line per folder and the total, for a run over several folders.
pub fn summary(parts: &[Evaluation], total: &Evaluation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<28} {:>7} {:>8} {:>8} {:>7} {:>7} {:>10} {:>6} {:>6} {:>9}",
        "summary", "resumes", "skill P", "skill R", "F1", "degree", "leadership", "role", "level", "years MAE"
    );
    for e in parts.iter().chain(std::iter::once(total)) {
        let name = Path::new(&e.name).file_name().map_or(e.name.clone(), |n| n.to_string_lossy().into_owned());
        let _ = writeln!(
            out,
            "{name:<28} {:>7} {:>8.3} {:>8.3} {:>7.3} {:>7.3} {:>10.3} {:>6.3} {:>6.3} {:>9.2}",
            e.cases.len(),
            e.overall.precision(),
            e.overall.recall(),
            e.overall.f1(),
            e.degree_accuracy(),
            e.leadership_accuracy(),
            e.role_accuracy(),
            e.level_accuracy(),
            e.years_mae()
        );
    }
    out
}

#[derive(Serialize)]
struct SkillFigures {
    precision: f64,
    recall: f64,
    f1: f64,
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
}

impl From<&Counts> for SkillFigures {
    fn from(c: &Counts) -> SkillFigures {
        SkillFigures { precision: c.precision(), recall: c.recall(), f1: c.f1(), tp: c.tp, fp: c.fp, fn_: c.fn_ }
    }
}

#[derive(Serialize)]
struct FolderFigures {
    name: String,
    as_of: Option<String>,
    resumes: usize,
    unreadable: usize,
    skills: SkillFigures,
    by_category: BTreeMap<String, SkillFigures>,
    degree_accuracy: f64,
    leadership_accuracy: f64,
    role_accuracy: f64,
    level_accuracy: f64,
    years_mae: f64,
    false_positives: Vec<String>,
    false_negatives: Vec<String>,
    mismatches: Vec<String>,
}

impl From<&Evaluation> for FolderFigures {
    fn from(e: &Evaluation) -> FolderFigures {
        FolderFigures {
            name: e.name.clone(),
            as_of: e.as_of.map(|d| d.to_string()),
            resumes: e.cases.len(),
            unreadable: e.unreadable(),
            skills: (&e.overall).into(),
            by_category: e.by_category.iter().map(|(k, c)| (k.clone(), c.into())).collect(),
            degree_accuracy: e.degree_accuracy(),
            leadership_accuracy: e.leadership_accuracy(),
            role_accuracy: e.role_accuracy(),
            level_accuracy: e.level_accuracy(),
            years_mae: e.years_mae(),
            false_positives: e
                .cases
                .iter()
                .flat_map(|c| {
                    c.false_positives.iter().map(move |f| format!("{}:{} {}", file_name(&c.file), f.line, f.skill))
                })
                .collect(),
            false_negatives: e
                .cases
                .iter()
                .flat_map(|c| c.false_negatives.iter().map(move |s| format!("{} {s}", file_name(&c.file))))
                .collect(),
            mismatches: e.cases.iter().flat_map(mismatches).collect(),
        }
    }
}

/// A folder of postings, in full.
pub fn postings_text(e: &super::postings::PostingEvaluation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "gap-check eval {}: {} labelled postings", e.name, e.cases.len());
    if e.unreadable() > 0 {
        let _ = writeln!(out, "unreadable: {}", e.unreadable());
    }
    let _ = writeln!(out, "\nposting reading                precision  recall     F1     tp    fp    fn");
    row(&mut out, "required skills", &e.required);
    row(&mut out, "preferred skills", &e.preferred);
    let _ = writeln!(out);
    let _ = writeln!(out, "minimum years accuracy     {:.3}", e.min_years_accuracy());
    let _ = writeln!(out, "degree minimum accuracy    {:.3}", e.degree_accuracy());
    let _ = writeln!(out, "leadership accuracy        {:.3}", e.leadership_accuracy());
    let _ = writeln!(out, "family accuracy            {:.3}", e.family_accuracy());
    let _ = writeln!(out, "level accuracy             {:.3}", e.level_accuracy());
    let _ = writeln!(out, "\nper posting");
    for c in &e.cases {
        let name = file_name(&c.file);
        if let Some(err) = &c.error {
            let _ = writeln!(out, "  {name}  unreadable: {err}");
            continue;
        }
        let mut notes = Vec::new();
        if !c.false_required.is_empty() {
            notes.push(format!("false required: {}", c.false_required.join(", ")));
        }
        if !c.missed_required.is_empty() {
            notes.push(format!("missed required: {}", c.missed_required.join(", ")));
        }
        if c.labels.min_years.is_some() && c.min_years != c.labels.min_years {
            notes.push(format!("min years {:?}, labelled {:?}", c.min_years, c.labels.min_years));
        }
        if c.labels.degree_min.is_some() && c.degree_min != c.labels.degree_min {
            notes.push(format!(
                "degree {}, labelled {}",
                c.degree_min.map_or("none", |d| d.as_str()),
                c.labels.degree_min.map_or("none", |d| d.as_str())
            ));
        }
        if c.leadership != c.labels.leadership {
            notes.push(format!("leadership {}, labelled {}", c.leadership, c.labels.leadership));
        }
        if c.family != c.labels.family {
            notes.push(format!("family {}, labelled {}", c.family, c.labels.family));
        }
        if c.labels.level.is_some() && c.level != c.labels.level {
            notes.push(format!(
                "level {}, labelled {}",
                c.level.map_or("none", |l| l.as_str()),
                c.labels.level.map_or("none", |l| l.as_str())
            ));
        }
        for note in notes {
            let _ = writeln!(out, "  {name}  {note}");
        }
    }
    out
}

#[derive(Serialize)]
struct PostingFigures {
    name: String,
    postings: usize,
    unreadable: usize,
    required_skills: SkillFigures,
    preferred_skills: SkillFigures,
    min_years_accuracy: f64,
    degree_accuracy: f64,
    leadership_accuracy: f64,
    family_accuracy: f64,
    level_accuracy: f64,
}

impl From<&super::postings::PostingEvaluation> for PostingFigures {
    fn from(e: &super::postings::PostingEvaluation) -> PostingFigures {
        PostingFigures {
            name: e.name.clone(),
            postings: e.cases.len(),
            unreadable: e.unreadable(),
            required_skills: (&e.required).into(),
            preferred_skills: (&e.preferred).into(),
            min_years_accuracy: e.min_years_accuracy(),
            degree_accuracy: e.degree_accuracy(),
            leadership_accuracy: e.leadership_accuracy(),
            family_accuracy: e.family_accuracy(),
            level_accuracy: e.level_accuracy(),
        }
    }
}

#[derive(Serialize)]
struct EverythingFigures {
    folders: Vec<FolderFigures>,
    total: Option<FolderFigures>,
    postings: Vec<PostingFigures>,
}

/// Every folder's figures (resumes and postings) and the resumes' total, as one JSON document.
pub fn json_all(resumes: &[Evaluation], postings: &[super::postings::PostingEvaluation]) -> String {
    let all = EverythingFigures {
        folders: resumes.iter().map(FolderFigures::from).collect(),
        total: (!resumes.is_empty()).then(|| (&Evaluation::total(resumes)).into()),
        postings: postings.iter().map(PostingFigures::from).collect(),
    };
    serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
}
