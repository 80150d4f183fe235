//! One spreadsheet row per resume (RFC 4180, header first), for shortlists.
//!
//! Cells come from file names, stdin ids and posting names, which anyone can choose: a cell
//! that a spreadsheet would read as a formula is neutralised ([`neutralize`]).

use std::borrow::Cow;

use crate::report::{Importance, Record, RequirementKind};

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
pub fn row(record: &Record) -> Vec<u8> {
    let fields: [String; 11] = match record {
        Record::Report(r) => {
            let required_missing = r.missing.iter().filter(|o| o.importance == Importance::Required).count();
            let top: Vec<&str> = r
                .missing
                .iter()
                .filter(|o| o.kind == RequirementKind::Skill)
                .take(TOP_MISSING)
                .map(|o| o.id.as_str())
                .collect();
            [
                r.input.path.clone(),
                r.target.id.clone(),
                r.score.to_string(),
                r.experience.years.map(|y| format!("{y:.1}")).unwrap_or_default(),
                r.education.highest_degree.as_str().to_string(),
                r.matched.len().to_string(),
                required_missing.to_string(),
                top.join("; "),
                r.progression.next_role.clone().unwrap_or_default(),
                String::new(),
                r.input.duplicate_of.as_ref().map(|d| d.path.clone()).unwrap_or_default(),
            ]
        }
        Record::Error(e) => {
            let mut fields: [String; 11] = Default::default();
            fields[0] = e.input.path.clone();
            fields[9] = e.error.message.clone();
            fields
        }
    };
    row_bytes(&fields)
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
