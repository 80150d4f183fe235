//! One spreadsheet row per resume (RFC 4180, header first), for shortlists.
//!
//! Cells come from file names, stdin ids and posting names, which anyone can choose: a cell
//! that a spreadsheet would read as a formula is neutralised ([`neutralize`]).

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::report::{Degree, Importance, Record, RequirementKind};

/// Columns are only ever added at the end, so that a spreadsheet or script that reads them
/// by position keeps working.
pub const HEADER: [&str; 11] = [
    "path",
    "target",
    "score",
    "years",
    "highest_degree",
    "matched",
    "missing_required",
    "top_missing",
    "next_role",
    "error",
    // The earlier record's path when this one repeats it (`input.duplicate_of`), else empty.
    "duplicate_of",
];

/// How many of the biggest gaps the `top_missing` column names.
const TOP_MISSING: usize = 3;

/// The header row, with its line ending.
pub fn header() -> Vec<u8> {
    row_bytes(&HEADER.map(str::to_string))
}

/// One resume's row, with its line ending.
///
/// The row is read from the record's JSON (the published contract), so that a record held
/// as JSON elsewhere — the Python package's dicts — gets the very same row ([`row_of_json`]).
pub fn row(record: &Record) -> Vec<u8> {
    // Plain structs of strings and numbers: neither step can fail on a record.
    match serde_json::to_value(record).and_then(serde_json::from_value::<RowOf>) {
        Ok(of) => row_bytes(&of.fields()),
        Err(e) => row_bytes(&error_fields(String::new(), format!("cannot serialise report: {e}"))),
    }
}

/// The row of one record given as the JSON text of `gap-check --format json` (or one line
/// of `--format ndjson`), with its line ending: what [`row`] writes for that record.
pub fn row_of_json(json: &str) -> Result<Vec<u8>, serde_json::Error> {
    fields_of_json(json).map(|fields| row_bytes(&fields))
}

/// The cells of that row, in [`HEADER`]'s order, as shown before [`neutralize`] guards them
/// for a spreadsheet (an empty cell is a missing value): for a data frame, not a file.
pub fn fields_of_json(json: &str) -> Result<[String; 11], serde_json::Error> {
    serde_json::from_str::<RowOf>(json).map(RowOf::fields)
}

/// What a row shows of a record, as its JSON spells it; other fields are ignored.
#[derive(Deserialize)]
#[serde(untagged)]
enum RowOf {
    Error {
        input: PathOf,
        error: ErrorOf,
    },
    Report {
        input: InputOf,
        target: IdOf,
        score: u32,
        experience: ExperienceOf,
        education: EducationOf,
        matched: Vec<IgnoredAny>,
        missing: Vec<GapOf>,
        progression: ProgressionOf,
    },
}

#[derive(Deserialize)]
struct PathOf {
    path: String,
}

#[derive(Deserialize)]
struct InputOf {
    path: String,
    #[serde(default)]
    duplicate_of: Option<PathOf>,
}

#[derive(Deserialize)]
struct ErrorOf {
    message: String,
}

#[derive(Deserialize)]
struct IdOf {
    id: String,
}

#[derive(Deserialize)]
struct ExperienceOf {
    years: Option<f64>,
}

#[derive(Deserialize)]
struct EducationOf {
    highest_degree: Degree,
}

#[derive(Deserialize)]
struct GapOf {
    id: String,
    kind: RequirementKind,
    importance: Importance,
}

#[derive(Deserialize)]
struct ProgressionOf {
    next_role: Option<String>,
}

impl RowOf {
    fn fields(self) -> [String; 11] {
        match self {
            RowOf::Report { input, target, score, experience, education, matched, missing, progression } => {
                let required_missing = missing.iter().filter(|o| o.importance == Importance::Required).count();
                let top: Vec<&str> = missing
                    .iter()
                    .filter(|o| o.kind == RequirementKind::Skill)
                    .take(TOP_MISSING)
                    .map(|o| o.id.as_str())
                    .collect();
                [
                    input.path,
                    target.id,
                    score.to_string(),
                    experience.years.map(|y| format!("{y:.1}")).unwrap_or_default(),
                    education.highest_degree.as_str().to_string(),
                    matched.len().to_string(),
                    required_missing.to_string(),
                    top.join("; "),
                    progression.next_role.unwrap_or_default(),
                    String::new(),
                    input.duplicate_of.map(|d| d.path).unwrap_or_default(),
                ]
            }
            RowOf::Error { input, error } => error_fields(input.path, error.message),
        }
    }
}

fn error_fields(path: String, message: String) -> [String; 11] {
    let mut fields: [String; 11] = Default::default();
    fields[0] = path;
    fields[9] = message;
    fields
}

/// A cell a spreadsheet would take for a formula (CSV injection: `=HYPERLINK(…)`,
/// `@SUM(…)`, `-2+3`) gets a leading `'`, as OWASP recommends: Excel, LibreOffice and Google
/// Sheets then show the text as written and run nothing. The characters that start a formula
/// are `=`, `+`, `-`, `@`, tab and carriage return; any other cell is returned unchanged.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

fn row_bytes(fields: &[String; 11]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(fields.iter().map(|f| neutralize(f).into_owned()));
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::neutralize;

    #[test]
    fn formula_starts_are_quoted_and_nothing_else() {
        for cell in ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"] {
            assert_eq!(neutralize(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["cv.pdf", "lead-ml", "87", "", "a=b", " =1", "'=1"] {
            assert_eq!(neutralize(cell), cell, "{cell:?}");
        }
    }
}
