//! The evaluation of posting reading: a folder of job postings, each with labels of what it
//! asks (`required`, `preferred`, `min_years`, `degree_min`, `leadership`, `family`,
//! `level`), scored the way resumes are: required- and preferred-skill precision and recall
//! over the label vocabulary, and the accuracy of the rest.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Counts, EvalError};
use crate::calendar::Date;
use crate::ingest::IngestOptions;
use crate::posting::Posting;
use crate::report;
use crate::taxonomy::{Importance, Tier};
use crate::Engine;
use crate::Source;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingLabels {
    pub title: String,
    pub family: String,
    pub level: Option<report::Level>,
    pub required: Vec<String>,
    #[serde(default)]
    pub preferred: Vec<String>,
    #[serde(default)]
    pub required_other: Vec<String>,
    #[serde(default)]
    pub preferred_other: Vec<String>,
    #[serde(default)]
    pub ambiguous: Vec<String>,
    pub min_years: Option<f64>,
    pub degree_min: Option<report::Degree>,
    pub degree_preferred: Option<report::Degree>,
    pub leadership: bool,
}

/// One posting and how it read.
#[derive(Debug, Clone)]
pub struct PostingCase {
    pub file: PathBuf,
    pub error: Option<String>,
    pub labels: PostingLabels,
    pub required: Counts,
    pub preferred: Counts,
    pub false_required: Vec<String>,
    pub missed_required: Vec<String>,
    pub min_years: Option<f64>,
    pub degree_min: Option<report::Degree>,
    pub leadership: bool,
    pub family: String,
    pub level: Option<report::Level>,
}

#[derive(Debug, Clone)]
pub struct PostingEvaluation {
    pub name: String,
    pub cases: Vec<PostingCase>,
    pub required: Counts,
    pub preferred: Counts,
}

fn ratio(hits: usize, n: usize) -> f64 {
    if n == 0 {
        1.0
    } else {
        hits as f64 / n as f64
    }
}

impl PostingEvaluation {
    fn read(&self) -> impl Iterator<Item = &PostingCase> {
        self.cases.iter().filter(|c| c.error.is_none())
    }
    pub fn min_years_accuracy(&self) -> f64 {
        let labelled: Vec<_> = self.read().filter(|c| c.labels.min_years.is_some()).collect();
        ratio(labelled.iter().filter(|c| c.min_years == c.labels.min_years).count(), labelled.len())
    }
    pub fn degree_accuracy(&self) -> f64 {
        let labelled: Vec<_> = self.read().filter(|c| c.labels.degree_min.is_some()).collect();
        ratio(labelled.iter().filter(|c| c.degree_min == c.labels.degree_min).count(), labelled.len())
    }
    pub fn leadership_accuracy(&self) -> f64 {
        let n = self.read().count();
        ratio(self.read().filter(|c| c.leadership == c.labels.leadership).count(), n)
    }
    pub fn family_accuracy(&self) -> f64 {
        let n = self.read().count();
        ratio(self.read().filter(|c| c.family == c.labels.family).count(), n)
    }
    pub fn level_accuracy(&self) -> f64 {
        let labelled: Vec<_> = self.read().filter(|c| c.labels.level.is_some()).collect();
        ratio(labelled.iter().filter(|c| c.level == c.labels.level).count(), labelled.len())
    }
    pub fn unreadable(&self) -> usize {
        self.cases.iter().filter(|c| c.error.is_some()).count()
    }
}

/// Whether a label file is a posting's (it lists `required` skills).
pub fn is_posting_labels(text: &str) -> bool {
    text.lines().any(|l| l.trim_start().starts_with("required ="))
}

pub fn evaluate(
    engine: &Engine,
    name: &str,
    labelled: Vec<(PathBuf, PathBuf)>,
    ingest: &IngestOptions,
    as_of: Date,
    vocabulary: Option<&BTreeSet<String>>,
) -> Result<PostingEvaluation, EvalError> {
    let mut cases = Vec::new();
    let mut required = Counts::default();
    let mut preferred = Counts::default();
    for (path, label_file) in labelled {
        let labels: PostingLabels = super::read_toml(&label_file)?;
        let read = engine
            .read_document(&Source::File(&path), ingest)
            .map_err(|e| e.reason.to_string())
            .and_then(|doc| engine.read_posting(&doc, as_of).map_err(|e| e.to_string()));
        let case = match read {
            Ok(posting) => score(engine, &path, labels, &posting, vocabulary),
            Err(error) => PostingCase {
                file: path.clone(),
                error: Some(error),
                required: Counts { fn_: labels.required.len(), ..Counts::default() },
                preferred: Counts::default(),
                false_required: vec![],
                missed_required: labels.required.clone(),
                min_years: None,
                degree_min: None,
                leadership: false,
                family: "none".into(),
                level: None,
                labels,
            },
        };
        required.add(case.required);
        preferred.add(case.preferred);
        cases.push(case);
    }
    Ok(PostingEvaluation { name: name.to_string(), cases, required, preferred })
}

fn score(
    engine: &Engine,
    path: &Path,
    labels: PostingLabels,
    posting: &Posting,
    vocabulary: Option<&BTreeSet<String>>,
) -> PostingCase {
    // Labels name core skills only: the technology tier is neither a hit nor a miss.
    let core = |id: &String| engine.taxonomy().skill(id).is_none_or(|s| s.tier == Tier::Core);
    let in_vocabulary = |id: &String| core(id) && vocabulary.is_none_or(|v| v.contains(id));
    let asked = |importance: Importance| -> BTreeSet<String> {
        posting
            .skills
            .iter()
            .filter(|n| n.importance == importance)
            .flat_map(|n| n.any_of.iter().cloned())
            .filter(in_vocabulary)
            .collect()
    };
    let ambiguous: BTreeSet<String> = labels.ambiguous.iter().cloned().collect();
    let gold_required: BTreeSet<String> = labels.required.iter().filter(|s| in_vocabulary(s)).cloned().collect();
    let gold_preferred: BTreeSet<String> = labels.preferred.iter().filter(|s| in_vocabulary(s)).cloned().collect();
    // As the independent scorer does: a skill labelled preferred or ambiguous is neither a
    // hit nor a miss among the required ones, and the other way round.
    let skip_required: BTreeSet<String> = ambiguous.union(&gold_preferred).cloned().collect();
    let skip_preferred: BTreeSet<String> = ambiguous.union(&gold_required).cloned().collect();
    let got_required: BTreeSet<String> = asked(Importance::Required).difference(&skip_required).cloned().collect();
    let got_preferred: BTreeSet<String> = asked(Importance::Preferred).difference(&skip_preferred).cloned().collect();
    let counts = |got: &BTreeSet<String>, gold: &BTreeSet<String>| Counts {
        tp: got.intersection(gold).count(),
        fp: got.difference(gold).count(),
        fn_: gold.difference(got).count(),
    };
    PostingCase {
        file: path.to_path_buf(),
        error: None,
        required: counts(&got_required, &gold_required),
        preferred: counts(&got_preferred, &gold_preferred),
        false_required: got_required.difference(&gold_required).cloned().collect(),
        missed_required: gold_required.difference(&got_required).cloned().collect(),
        min_years: posting.experience.as_ref().map(|e| e.min_years),
        degree_min: posting.education.as_ref().and_then(|e| e.min).map(report::Degree::from),
        leadership: posting.leadership.is_some(),
        family: posting.family.clone().unwrap_or_else(|| "none".into()),
        level: posting.level.clone().map(report::Level::from),
        labels,
    }
}
