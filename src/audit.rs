//! `gap-check audit`: selection rates and impact ratios by demographic category, the numbers
//! a bias audit of an automated employment decision tool reports (NYC Local Law 144).
//!
//! The input is a run's records as `--format ndjson` writes them (reports and error
//! records) and a CSV the user supplies that maps each record, by `input.path` or
//! `input.sha256`, to categories in any columns (`sex`, `race_ethnicity`, …). gap-check never
//! infers a category from a resume: a record the CSV does not cover is counted as unknown.
//!
//! The arithmetic, per column and for the intersection of all columns (see README, "Bias
//! audit tables"):
//!
//! - `count`: scored records (reports) in the category; error records are counted apart.
//! - `selected`: of those, the records with `score >= threshold`; `selection_rate =
//!   selected / count`.
//! - `median`: the median score of all scored records (the mean of the two middle scores
//!   when their number is even); `above_median`: records with a score strictly above it;
//!   `scoring_rate = above_median / count`.
//! - A category holding less than 2% of all scored records is `excluded`: shown, but never
//!   the highest rate that impact ratios divide by.
//! - `impact_ratio = selection_rate / highest selection_rate among the categories not
//!   excluded` (and the same for the scoring rate); `null` when that highest rate is 0.
//! - Records whose category is empty or who have no row in the CSV are `unknown`: counted,
//!   not a category, never in a ratio.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;

/// Version of the audit JSON (`schema/audit.schema.json`).
pub const AUDIT_SCHEMA_VERSION: &str = "1.0";

/// A category under this share of the scored records is excluded from the highest rate.
pub const EXCLUSION_SHARE: f64 = 0.02;

pub const SELECTION_RULE: &str = "selected when score >= threshold";
pub const SCORING_RULE: &str =
    "scoring rate = share of the category's scored candidates whose score is strictly above the median score of all scored candidates (the median of an even number of scores is the mean of the two middle ones)";
pub const EXCLUSION_RULE: &str =
    "a category with fewer than 2% of all scored candidates is excluded: shown, but not used as the highest rate";
pub const IMPACT_RULE: &str =
    "impact ratio = the category's rate / the highest rate among categories not excluded; null when that rate is 0";

/// Why an audit could not be computed; each names the file and, where there is one, the line.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("{}: cannot read: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    #[error("{}: line {line}: {reason}", path.display())]
    BadRecord { path: PathBuf, line: usize, reason: String },
    #[error("{}: no report or error record in the file", path.display())]
    NoRecords { path: PathBuf },
    #[error("{}: line {line}: {reason}", path.display())]
    BadGroups { path: PathBuf, line: usize, reason: String },
    #[error("{}: {reason}", path.display())]
    GroupsHeader { path: PathBuf, reason: String },
}

/// One line of a run's output, reduced to what an audit needs.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub path: String,
    pub sha256: Option<String>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Scored { score: u32, target: Option<String> },
    Error { code: Option<String> },
}

/// The user's categories: column names, and per key (`input.path` or `input.sha256`
/// value) one value per column (empty = unknown).
#[derive(Debug, Clone, Default)]
pub struct Groups {
    pub columns: Vec<String>,
    by_path: HashMap<String, Vec<String>>,
    by_sha256: HashMap<String, Vec<String>>,
    /// Rows in file order, each with its line and keys, to tell which rows matched no record.
    rows: Vec<GroupRow>,
}

impl Groups {
    /// The categories of a record: by path first, then by sha256; `None` if no row covers it.
    pub fn lookup(&self, record: &AuditRecord) -> Option<&[String]> {
        self.by_path
            .get(&record.path)
            .or_else(|| record.sha256.as_ref().and_then(|s| self.by_sha256.get(s)))
            .map(Vec::as_slice)
    }
}

/// The longest line of a reports file: one record. A report's evidence is capped, so a real
/// record is far under this; a longer line is refused instead of being held whole.
pub const MAX_RECORD_LINE: usize = 16 << 20;
/// A reports file in the `--format json` form (one array) is parsed in one piece: bigger
/// runs belong in NDJSON, which is streamed line by line.
pub const MAX_ARRAY_BYTES: u64 = 256 << 20;
/// Records kept from one reports file, and the bytes of their paths, hashes and target ids
/// together: what an audit holds in memory however the file is shaped.
pub const MAX_RECORDS: usize = 5_000_000;
pub const MAX_KEPT_BYTES: usize = 512 << 20;
/// The largest groups file read (it is held whole, one row per candidate).
pub const MAX_GROUPS_BYTES: u64 = 256 << 20;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// What an audit reads of one record. Every other field (skills, evidence: the bulk of a
/// report) is skipped by the parser without being built.
#[derive(serde::Deserialize)]
struct RawRecord {
    #[serde(default)]
    input: Option<serde_json::Value>,
    #[serde(default)]
    score: Option<serde_json::Value>,
    /// `Some` whenever the field is there, even as `null`: an error record has no score.
    #[serde(default, deserialize_with = "present")]
    error: Option<serde_json::Value>,
    #[serde(default)]
    target: Option<serde_json::Value>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    <serde_json::Value as serde::Deserialize>::deserialize(d).map(Some)
}

/// Records in memory so far, against [`MAX_RECORDS`] and [`MAX_KEPT_BYTES`].
#[derive(Default)]
struct Kept {
    records: Vec<AuditRecord>,
    bytes: usize,
}

impl Kept {
    fn push(&mut self, record: AuditRecord) -> Result<(), String> {
        let target = match &record.outcome {
            Outcome::Scored { target, .. } => target.as_ref().map_or(0, String::len),
            Outcome::Error { code } => code.as_ref().map_or(0, String::len),
        };
        self.bytes += record.path.len() + record.sha256.as_ref().map_or(0, String::len) + target;
        if self.records.len() >= MAX_RECORDS || self.bytes > MAX_KEPT_BYTES {
            return Err(format!(
                "more than {MAX_RECORDS} records or {} MiB of paths and hashes: audit the run in parts",
                MAX_KEPT_BYTES >> 20
            ));
        }
        self.records.push(record);
        Ok(())
    }
}

#[derive(Debug, Clone)]
struct GroupRow {
    line: usize,
    path: Option<String>,
    sha256: Option<String>,
}

/// Reads report and error records: NDJSON (one per line, as `--format ndjson` writes) or
/// one JSON array (as `--format json` writes for several resumes).
pub fn parse_records(path: &Path, text: &str) -> Result<Vec<AuditRecord>, AuditError> {
    read_records(path, text.as_bytes())
}

/// [`parse_records`] from a stream: NDJSON is read one line at a time (each at most
/// [`MAX_RECORD_LINE`] bytes), so memory holds the records' keys, not the file. A UTF-8 byte
/// order mark at the start is skipped.
pub fn read_records<R: BufRead>(path: &Path, mut reader: R) -> Result<Vec<AuditRecord>, AuditError> {
    let bad = |line: usize, reason: String| AuditError::BadRecord { path: path.to_path_buf(), line, reason };
    let io = |e: std::io::Error| AuditError::Read {
        path: path.to_path_buf(),
        reason: crate::error::ReadError::from_io(&e).to_string(),
    };
    if reader.fill_buf().map_err(io)?.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    // Leading blank space is consumed a buffer at a time (a file of nothing but spaces
    // costs no memory), counting lines so later messages name the right one.
    let mut skipped_lines = 0;
    loop {
        let buf = reader.fill_buf().map_err(io)?;
        let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        skipped_lines += buf[..blank].iter().filter(|&&b| b == b'\n').count();
        let done = blank < buf.len() || buf.is_empty();
        reader.consume(blank);
        if done {
            break;
        }
    }
    let mut kept = Kept::default();
    if reader.fill_buf().map_err(io)?.first() == Some(&b'[') {
        let line = skipped_lines + 1;
        let mut limited = (&mut reader).take(MAX_ARRAY_BYTES);
        let values: Vec<RawRecord> = match serde_json::from_reader(&mut limited) {
            Ok(v) => v,
            Err(_) if limited.limit() == 0 => {
                return Err(bad(
                    line,
                    format!("a JSON array over {} MiB: write the run as --format ndjson", MAX_ARRAY_BYTES >> 20),
                ))
            }
            Err(e) => return Err(bad(skipped_lines + e.line(), format!("not a JSON array of records: {e}"))),
        };
        for (i, value) in values.into_iter().enumerate() {
            let record = record(value).map_err(|reason| bad(line, format!("record {}: {reason}", i + 1)))?;
            kept.push(record).map_err(|reason| bad(line, reason))?;
        }
    } else {
        let mut line = Vec::new();
        let mut number = skipped_lines;
        loop {
            line.clear();
            let n = (&mut reader).take(MAX_RECORD_LINE as u64 + 1).read_until(b'\n', &mut line).map_err(io)?;
            if n == 0 {
                break;
            }
            number += 1;
            if line.len() > MAX_RECORD_LINE {
                return Err(bad(number, format!("longer than {} MiB, not one record", MAX_RECORD_LINE >> 20)));
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let value: RawRecord =
                serde_json::from_slice(&line).map_err(|e| bad(number, format!("not a JSON record: {e}")))?;
            let record = record(value).map_err(|reason| bad(number, reason))?;
            kept.push(record).map_err(|reason| bad(number, reason))?;
        }
    }
    if kept.records.is_empty() {
        return Err(AuditError::NoRecords { path: path.to_path_buf() });
    }
    Ok(kept.records)
}

fn record(value: RawRecord) -> Result<AuditRecord, String> {
    let input = value.input.unwrap_or_default();
    let path = input
        .get("path")
        .and_then(|p| p.as_str())
        .ok_or("no input.path (is this gap-check's --format ndjson output?)")?
        .to_string();
    let sha256 = input.get("sha256").and_then(|s| s.as_str()).map(str::to_string);
    let outcome = if let Some(error) = value.error {
        Outcome::Error { code: error.get("code").and_then(|c| c.as_str()).map(str::to_string) }
    } else {
        let score = value
            .score
            .and_then(|s| s.as_u64())
            .filter(|s| *s <= 100)
            .ok_or("neither a score from 0 to 100 nor an error")?;
        let target = value.target.as_ref().and_then(|t| t.get("id")).and_then(|t| t.as_str()).map(str::to_string);
        Outcome::Scored { score: score as u32, target }
    };
    Ok(AuditRecord { path, sha256, outcome })
}

/// Reads the groups CSV: a header with `input.path` and/or `input.sha256` and at least one
/// other column; every other column is a category column. Values are trimmed; an empty
/// value is unknown.
pub fn parse_groups(path: &Path, text: &str) -> Result<Groups, AuditError> {
    let header_err = |reason: String| AuditError::GroupsHeader { path: path.to_path_buf(), reason };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| header_err(format!("not a CSV file: {e}")))?.clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_string()).collect();
    let path_col = names.iter().position(|h| h == "input.path");
    let sha_col = names.iter().position(|h| h == "input.sha256");
    if path_col.is_none() && sha_col.is_none() {
        return Err(header_err(format!(
            "the header needs an `input.path` or `input.sha256` column to key rows by; it has: {}",
            names.join(", ")
        )));
    }
    let category_cols: Vec<usize> = (0..names.len()).filter(|&i| Some(i) != path_col && Some(i) != sha_col).collect();
    if category_cols.is_empty() {
        return Err(header_err("no category column beside the key (add e.g. `sex`, `race_ethnicity`)".into()));
    }
    let mut seen = BTreeSet::new();
    for &i in &category_cols {
        if names[i].is_empty() {
            return Err(header_err(format!("column {} has no name", i + 1)));
        }
        if !seen.insert(names[i].as_str()) {
            return Err(header_err(format!("column `{}` appears twice", names[i])));
        }
    }
    let mut groups = Groups { columns: category_cols.iter().map(|&i| names[i].clone()).collect(), ..Groups::default() };
    for (n, row) in reader.records().enumerate() {
        // A quoted cell may span lines: the reader's position names the row's first line.
        let line = row.as_ref().ok().and_then(|r| r.position()).map_or(n + 2, |p| p.line() as usize);
        let bad = |reason: String| AuditError::BadGroups { path: path.to_path_buf(), line, reason };
        let row = row.map_err(|e| bad(format!("{e}")))?;
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map(str::trim).filter(|s| !s.is_empty());
        let (key_path, key_sha) = (cell(path_col).map(str::to_string), cell(sha_col).map(str::to_string));
        if key_path.is_none() && key_sha.is_none() {
            return Err(bad("no input.path or input.sha256 value".into()));
        }
        let values: Vec<String> =
            category_cols.iter().map(|&i| row.get(i).map(str::trim).unwrap_or("").to_string()).collect();
        if let Some(p) = &key_path {
            if groups.by_path.insert(p.clone(), values.clone()).is_some() {
                return Err(bad(format!("input.path `{p}` appears twice")));
            }
        }
        if let Some(s) = &key_sha {
            if groups.by_sha256.insert(s.clone(), values).is_some() {
                return Err(bad(format!("input.sha256 `{s}` appears twice")));
            }
        }
        groups.rows.push(GroupRow { line, path: key_path, sha256: key_sha });
    }
    Ok(groups)
}

/// What `gap-check audit REPORTS --groups CSV --format json` prints: selection rates, scoring rates and impact ratios
/// per category of each column of the groups file and of their intersection. The arithmetic is in README.md, "Bias
/// audit tables".
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "audit")]
pub struct Audit {
    /// Version of this audit format.
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+$"))]
    pub schema_version: &'static str,
    /// A candidate is selected when score >= threshold.
    #[schemars(range(max = 100))]
    pub threshold: u32,
    /// The rules the numbers follow, in words.
    pub rules: Rules,
    /// Records read: scored + errors.
    pub records: usize,
    /// Reports with a score.
    pub scored: usize,
    /// Error records (files that could not be read), counted apart and in no rate.
    pub errors: usize,
    /// Scored records with score >= threshold.
    pub selected: usize,
    /// Median score of all scored records (mean of the two middle scores for an even number); null when none.
    #[schemars(range(min = 0, max = 100))]
    pub median_score: Option<f64>,
    /// Scored records with a score strictly above the median.
    pub above_median: usize,
    /// The role ids the scored records were measured against.
    #[schemars(inner(length(min = 1)), extend("uniqueItems" = true))]
    pub targets: Vec<String>,
    /// Rows of the groups file that match no record.
    pub unmatched_group_rows: usize,
    /// Records whose input.path repeats an earlier record's (e.g. two runs concatenated); each is still counted.
    pub repeated_paths: usize,
    /// One table per column of the groups file, then one for the intersection of all columns when there are two or
    /// more.
    #[schemars(length(min = 1))]
    pub tables: Vec<Table>,
}

/// The rules the numbers follow, in words.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "rules")]
pub struct Rules {
    #[schemars(length(min = 1))]
    pub selection: &'static str,
    #[schemars(length(min = 1))]
    pub scoring_rate: &'static str,
    #[schemars(length(min = 1))]
    pub exclusion: &'static str,
    #[schemars(length(min = 1))]
    pub impact_ratio: &'static str,
}

/// One table: a column, or the intersection of all columns.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "table")]
pub struct Table {
    /// The column name, or the column names joined by " × ".
    #[schemars(length(min = 1))]
    pub name: String,
    #[schemars(length(min = 1), inner(length(min = 1)))]
    pub columns: Vec<String>,
    pub intersection: bool,
    pub categories: Vec<CategoryRow>,
    /// Records with an empty value or no row in the groups file: counted, not a category, in no ratio.
    pub unknown: Unknown,
    /// The highest selection rate among categories not excluded; null if there is none.
    #[schemars(range(min = 0, max = 1))]
    pub highest_selection_rate: Option<f64>,
    /// The highest scoring rate among categories not excluded; null if there is none.
    #[schemars(range(min = 0, max = 1))]
    pub highest_scoring_rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[schemars(rename = "category")]
pub struct CategoryRow {
    /// The value from the groups file, or the values joined by " × " for the intersection.
    #[schemars(length(min = 1))]
    pub category: String,
    /// Scored records in the category.
    pub count: usize,
    pub selected: usize,
    /// selected / count (0 when count is 0).
    #[schemars(range(min = 0, max = 1))]
    pub selection_rate: f64,
    #[schemars(range(min = 0))]
    pub impact_ratio: Option<f64>,
    pub above_median: usize,
    /// above_median / count (0 when count is 0).
    #[schemars(range(min = 0, max = 1))]
    pub scoring_rate: f64,
    #[schemars(range(min = 0))]
    pub scoring_impact_ratio: Option<f64>,
    /// count / all scored records.
    #[schemars(range(min = 0, max = 1))]
    pub share: f64,
    /// share < 0.02: shown, but not used as the highest rate.
    pub excluded: bool,
    /// Error records in the category, not in count.
    pub errors: usize,
}

/// Records with an empty value or no row in the groups file: counted, not a category, in no ratio.
#[derive(Debug, Clone, Default, Serialize, JsonSchema, PartialEq)]
#[schemars(rename = "unknown")]
pub struct Unknown {
    pub count: usize,
    pub selected: usize,
    pub above_median: usize,
    pub errors: usize,
}

/// The median of the scores (mean of the two middle ones for an even number); `None` if empty.
pub fn median(scores: &[u32]) -> Option<f64> {
    let mut sorted = scores.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(sorted[n / 2])),
        _ => Some((f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0),
    }
}

#[derive(Default)]
struct Tally {
    count: usize,
    selected: usize,
    above: usize,
    errors: usize,
}

/// Computes the audit tables: one per column and, with two or more columns, one for their
/// intersection.
pub fn compute(records: &[AuditRecord], groups: &Groups, threshold: u32) -> Audit {
    let scores: Vec<u32> = records
        .iter()
        .filter_map(|r| match r.outcome {
            Outcome::Scored { score, .. } => Some(score),
            Outcome::Error { .. } => None,
        })
        .collect();
    let median_score = median(&scores);
    let above = |score: u32| median_score.is_some_and(|m| f64::from(score) > m);
    let scored = scores.len();

    let categories: Vec<Option<&[String]>> = records.iter().map(|r| groups.lookup(r)).collect();
    let mut tables = Vec::new();
    let n = groups.columns.len();
    let mut specs: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    if n >= 2 {
        specs.push((0..n).collect());
    }
    for spec in specs {
        let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
        let mut unknown = Unknown::default();
        for (record, values) in records.iter().zip(&categories) {
            let key: Option<String> = values.and_then(|values| {
                let parts: Vec<&str> = spec.iter().map(|&i| values[i].as_str()).collect();
                (!parts.iter().any(|p| p.is_empty())).then(|| parts.join(" × "))
            });
            match (&record.outcome, key) {
                (Outcome::Scored { score, .. }, Some(key)) => {
                    let t = tallies.entry(key).or_default();
                    t.count += 1;
                    t.selected += usize::from(*score >= threshold);
                    t.above += usize::from(above(*score));
                }
                (Outcome::Scored { score, .. }, None) => {
                    unknown.count += 1;
                    unknown.selected += usize::from(*score >= threshold);
                    unknown.above_median += usize::from(above(*score));
                }
                (Outcome::Error { .. }, Some(key)) => tallies.entry(key).or_default().errors += 1,
                (Outcome::Error { .. }, None) => unknown.errors += 1,
            }
        }
        let rate = |part: usize, whole: usize| if whole == 0 { 0.0 } else { part as f64 / whole as f64 };
        let share = |t: &Tally| rate(t.count, scored);
        let excluded = |t: &Tally| share(t) < EXCLUSION_SHARE;
        let highest = |f: &dyn Fn(&Tally) -> f64| {
            tallies
                .values()
                .filter(|t| t.count > 0 && !excluded(t))
                .map(f)
                .fold(None, |m: Option<f64>, r| Some(m.map_or(r, |m| m.max(r))))
        };
        let highest_selection = highest(&|t| rate(t.selected, t.count));
        let highest_scoring = highest(&|t| rate(t.above, t.count));
        let ratio = |r: f64, h: Option<f64>| h.filter(|h| *h > 0.0).map(|h| r / h);
        let rows = tallies
            .iter()
            .map(|(category, t)| {
                let selection_rate = rate(t.selected, t.count);
                let scoring_rate = rate(t.above, t.count);
                let has = t.count > 0;
                CategoryRow {
                    category: category.clone(),
                    count: t.count,
                    selected: t.selected,
                    selection_rate,
                    impact_ratio: if has { ratio(selection_rate, highest_selection) } else { None },
                    above_median: t.above,
                    scoring_rate,
                    scoring_impact_ratio: if has { ratio(scoring_rate, highest_scoring) } else { None },
                    share: share(t),
                    excluded: excluded(t),
                    errors: t.errors,
                }
            })
            .collect();
        let columns: Vec<String> = spec.iter().map(|&i| groups.columns[i].clone()).collect();
        tables.push(Table {
            name: columns.join(" × "),
            intersection: spec.len() > 1,
            columns,
            categories: rows,
            unknown,
            highest_selection_rate: highest_selection,
            highest_scoring_rate: highest_scoring,
        });
    }

    // Hash sets of the records' keys: one lookup per row, linear in rows + records.
    let paths: HashSet<&str> = records.iter().map(|r| r.path.as_str()).collect();
    let shas: HashSet<&str> = records.iter().filter_map(|r| r.sha256.as_deref()).collect();
    let matched_rows = groups
        .rows
        .iter()
        .filter(|row| {
            row.path.as_deref().is_some_and(|p| paths.contains(p))
                || row.sha256.as_deref().is_some_and(|s| shas.contains(s))
        })
        .count();
    let targets: BTreeSet<String> = records
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Scored { target, .. } => target.clone(),
            Outcome::Error { .. } => None,
        })
        .collect();

    Audit {
        schema_version: AUDIT_SCHEMA_VERSION,
        threshold,
        rules: Rules {
            selection: SELECTION_RULE,
            scoring_rate: SCORING_RULE,
            exclusion: EXCLUSION_RULE,
            impact_ratio: IMPACT_RULE,
        },
        records: records.len(),
        scored,
        errors: records.len() - scored,
        selected: scores.iter().filter(|s| **s >= threshold).count(),
        median_score,
        above_median: scores.iter().filter(|s| above(**s)).count(),
        targets: targets.into_iter().collect(),
        unmatched_group_rows: groups.rows.len() - matched_rows,
        repeated_paths: {
            let mut seen = HashSet::new();
            records.iter().filter(|r| !seen.insert(r.path.as_str())).count()
        },
        tables,
    }
}

fn ratio_text(r: Option<f64>) -> String {
    r.map_or_else(|| "-".to_string(), |r| format!("{r:.3}"))
}

/// The tables as plain text an auditor can paste: fixed-width columns, no colour.
pub fn render_text(audit: &Audit, reports: &str, groups: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "gap-check audit of {reports} with categories from {groups}\n{} records: {} scored, {} errors (files that could not be read, counted apart)",
        audit.records, audit.scored, audit.errors
    );
    let median = audit.median_score.map_or_else(|| "-".to_string(), |m| format!("{m}"));
    let _ = writeln!(
        out,
        "Target: {}. Selected: score >= {} ({} of {}). Median score {median}; {} scored above it.",
        if audit.targets.is_empty() { "-".to_string() } else { audit.targets.join(", ") },
        audit.threshold,
        audit.selected,
        audit.scored,
        audit.above_median,
    );
    if audit.targets.len() > 1 {
        let _ =
            writeln!(out, "Warning: the records were measured against different targets; audit one target at a time.");
    }
    if audit.repeated_paths > 0 {
        let _ = writeln!(
            out,
            "Warning: {} repeated record(s) (the path of an earlier one), counted again.",
            audit.repeated_paths
        );
    }
    if audit.unmatched_group_rows > 0 {
        let _ = writeln!(out, "{} rows of the groups file match no record.", audit.unmatched_group_rows);
    }
    for table in &audit.tables {
        out.push('\n');
        let title = if table.intersection { format!("{} (intersection)", table.name) } else { table.name.clone() };
        let _ = writeln!(out, "{title}");
        let width = table.categories.iter().map(|c| c.category.chars().count()).max().unwrap_or(0).max(8);
        let _ = writeln!(
            out,
            "{:<width$}  {:>5}  {:>8}  {:>9}  {:>6}  {:>12}  {:>7}  {:>6}  {:>6}  note",
            "category", "count", "selected", "selection", "impact", "above median", "scoring", "impact", "errors"
        );
        let _ = writeln!(
            out,
            "{:<width$}  {:>5}  {:>8}  {:>9}  {:>6}  {:>12}  {:>7}  {:>6}  {:>6}",
            "", "", "", "rate", "ratio", "", "rate", "ratio", ""
        );
        for c in &table.categories {
            let note = if c.excluded {
                format!("excluded: {:.1}% of scored, under 2%", c.share * 100.0)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{:<width$}  {:>5}  {:>8}  {:>9.3}  {:>6}  {:>12}  {:>7.3}  {:>6}  {:>6}  {note}",
                c.category,
                c.count,
                c.selected,
                c.selection_rate,
                ratio_text(c.impact_ratio),
                c.above_median,
                c.scoring_rate,
                ratio_text(c.scoring_impact_ratio),
                c.errors,
            );
        }
        let u = &table.unknown;
        let _ = writeln!(
            out,
            "{:<width$}  {:>5}  {:>8}  {:>9}  {:>6}  {:>12}  {:>7}  {:>6}  {:>6}  not a category, in no ratio",
            "unknown", u.count, u.selected, "-", "-", u.above_median, "-", "-", u.errors
        );
    }
    out.push('\n');
    let _ = writeln!(out, "Impact ratio: a category's rate / the highest rate among categories not excluded.");
    let _ = writeln!(out, "Scoring rate: share scoring strictly above the median of all scored candidates.");
    let _ = writeln!(out, "Categories come from the groups file only; gap-check never infers them from a resume.");
    out.lines().map(|l| format!("{}\n", l.trim_end())).collect()
}

pub const CSV_HEADER: [&str; 13] = [
    "table",
    "category",
    "status",
    "count",
    "selected",
    "selection_rate",
    "impact_ratio",
    "above_median",
    "scoring_rate",
    "scoring_impact_ratio",
    "share",
    "errors",
    "threshold",
];

/// One CSV row per category and one `unknown` row per table, header first. Rates are given
/// to six decimals; an undefined ratio is empty. Table and category names come from the
/// user's groups file: one that would start a spreadsheet formula is neutralised.
pub fn render_csv(audit: &Audit) -> Vec<u8> {
    use crate::render::csv::neutralize;
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(CSV_HEADER);
    let f = |x: f64| format!("{x:.6}");
    let o = |x: Option<f64>| x.map(f).unwrap_or_default();
    for t in &audit.tables {
        for c in &t.categories {
            let _ = w.write_record([
                neutralize(&t.name).into_owned(),
                neutralize(&c.category).into_owned(),
                if c.excluded { "excluded" } else { "included" }.to_string(),
                c.count.to_string(),
                c.selected.to_string(),
                f(c.selection_rate),
                o(c.impact_ratio),
                c.above_median.to_string(),
                f(c.scoring_rate),
                o(c.scoring_impact_ratio),
                f(c.share),
                c.errors.to_string(),
                audit.threshold.to_string(),
            ]);
        }
        let u = &t.unknown;
        let _ = w.write_record([
            neutralize(&t.name).into_owned(),
            String::new(),
            "unknown".to_string(),
            u.count.to_string(),
            u.selected.to_string(),
            String::new(),
            String::new(),
            u.above_median.to_string(),
            String::new(),
            String::new(),
            String::new(),
            u.errors.to_string(),
            audit.threshold.to_string(),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

pub fn render_json(audit: &Audit) -> String {
    let mut s = serde_json::to_string_pretty(audit).unwrap_or_default();
    s.push('\n');
    s
}

/// A groups row that gives both keys must name one record: its `input.path` and its
/// `input.sha256` pointing at two different records would give one candidate's categories to
/// another (a file renamed or replaced since the groups file was written).
pub fn check_rows(groups_path: &Path, records: &[AuditRecord], groups: &Groups) -> Result<(), AuditError> {
    if !groups.rows.iter().any(|r| r.path.is_some() && r.sha256.is_some()) {
        return Ok(());
    }
    let mut by_path: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_sha: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        by_path.entry(r.path.as_str()).or_default().push(i);
        if let Some(s) = &r.sha256 {
            by_sha.entry(s.as_str()).or_default().push(i);
        }
    }
    for row in &groups.rows {
        let (Some(p), Some(s)) = (&row.path, &row.sha256) else { continue };
        let (Some(a), Some(b)) = (by_path.get(p.as_str()), by_sha.get(s.as_str())) else { continue };
        if !a.iter().any(|i| b.contains(i)) {
            let other = &records[b[0]].path;
            return Err(AuditError::BadGroups {
                path: groups_path.to_path_buf(),
                line: row.line,
                reason: format!(
                    "input.path `{p}` and input.sha256 `{s}` name different records (that hash is `{other}`'s)"
                ),
            });
        }
    }
    Ok(())
}

/// Reads both files and computes the audit. Each must be a regular file (a FIFO or a device
/// is refused before a byte is read); records are streamed, the groups file is read up to
/// [`MAX_GROUPS_BYTES`].
pub fn run(reports: &Path, groups: &Path, threshold: u32) -> Result<Audit, AuditError> {
    let read_err = |path: &Path, reason: crate::error::ReadError| AuditError::Read {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let file = crate::ingest::file::open_regular(reports, u64::MAX).map_err(|e| read_err(reports, e))?;
    let records = read_records(reports, std::io::BufReader::with_capacity(1 << 16, file))?;
    let bytes = crate::ingest::file::read_regular(groups, MAX_GROUPS_BYTES).map_err(|e| match e {
        crate::error::ReadError::TooLarge { size, limit } => AuditError::Read {
            path: groups.to_path_buf(),
            reason: format!("{size} bytes, over the {limit}-byte limit of a groups file"),
        },
        e => read_err(groups, e),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| AuditError::Read {
        path: groups.to_path_buf(),
        reason: "not UTF-8 text (save the CSV as UTF-8)".into(),
    })?;
    let groups_parsed = parse_groups(groups, &text)?;
    check_rows(groups, &records, &groups_parsed)?;
    Ok(compute(&records, &groups_parsed, threshold))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[40]), Some(40.0));
        assert_eq!(median(&[90, 10, 50]), Some(50.0));
        assert_eq!(median(&[10, 20, 30, 41]), Some(25.0));
    }

    #[test]
    fn bad_inputs_name_file_and_line() {
        let p = Path::new("r.ndjson");
        let err = parse_records(p, "{\"input\":{\"path\":\"a\"},\"score\":50}\nnot json\n").unwrap_err();
        assert!(err.to_string().starts_with("r.ndjson: line 2: not a JSON record"), "{err}");
        let err = parse_records(p, "{\"input\":{\"path\":\"a\"},\"score\":150}\n").unwrap_err();
        assert!(err.to_string().contains("line 1: neither a score"), "{err}");
        assert!(matches!(parse_records(p, "\n\n"), Err(AuditError::NoRecords { .. })));

        let g = Path::new("g.csv");
        let err = parse_groups(g, "name,sex\na,f\n").unwrap_err();
        assert!(err.to_string().contains("needs an `input.path` or `input.sha256` column"), "{err}");
        let err = parse_groups(g, "input.path\na\n").unwrap_err();
        assert!(err.to_string().contains("no category column"), "{err}");
        let err = parse_groups(g, "input.path,sex\na,f\na,m\n").unwrap_err();
        assert_eq!(err.to_string(), "g.csv: line 3: input.path `a` appears twice");
        let err = parse_groups(g, "input.path,sex\na,f,extra\n").unwrap_err();
        assert!(err.to_string().starts_with("g.csv: line 2:"), "{err}");
    }

    #[test]
    fn rows_are_found_by_path_then_sha256() {
        let groups = parse_groups(Path::new("g.csv"), "input.path,input.sha256,sex\na.txt,,f\n,abc,m\n").unwrap();
        let rec = |path: &str, sha: &str| AuditRecord {
            path: path.into(),
            sha256: Some(sha.into()),
            outcome: Outcome::Scored { score: 1, target: None },
        };
        assert_eq!(groups.lookup(&rec("a.txt", "zzz")), Some(&["f".to_string()][..]));
        assert_eq!(groups.lookup(&rec("b.txt", "abc")), Some(&["m".to_string()][..]));
        assert_eq!(groups.lookup(&rec("b.txt", "zzz")), None);
    }
}
