//! Duplicates in one batch: a copy of a resume, the same text saved with other spacing and
//! case, and a copy of that copy are flagged (`input.duplicate_of`) in every output format, so
//! a shortlist does not rank one candidate three times; the originals and a single resume
//! carry no flag.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{fixture, gap_check, root, AS_OF};
use serde_json::{json, Value};

/// A batch folder, its files named so the sorted walk takes them in this order:
/// an original, its byte copy, the same text re-spaced and in other case, a different
/// resume, and a byte copy of the re-spaced one.
fn batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(fixture("resumes/ml-engineer-mid.txt")).unwrap();
    std::fs::write(dir.path().join("a-original.txt"), &original).unwrap();
    std::fs::write(dir.path().join("b-copy.txt"), &original).unwrap();
    std::fs::write(dir.path().join("c-respaced.txt"), respaced(&original)).unwrap();
    std::fs::copy(fixture("resumes/data-scientist-mid.md"), dir.path().join("d-other.md")).unwrap();
    std::fs::write(dir.path().join("e-copy-of-respaced.txt"), respaced(&original)).unwrap();
    dir
}

/// The same words with other whitespace and case: blank lines doubled, runs of spaces
/// widened, trailing spaces, every other non-blank line in capitals (ASCII only, so no
/// letter changes into another when lower-cased again).
fn respaced(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let line = if i % 2 == 0 { line.to_ascii_uppercase() } else { line.to_string() };
        out.push_str(&line.split(' ').collect::<Vec<_>>().join("  "));
        out.push_str("   \n");
        if line.trim().is_empty() {
            out.push('\n');
        }
    }
    out
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = gap_check().arg(dir).args(["--as-of", AS_OF, "--target", "ml-engineer"]).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn ndjson(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

fn name(path: &str) -> &str {
    path.rsplit('/').next().unwrap()
}

/// File name → `input.duplicate_of` (null when absent), with the path shortened to its name.
fn flags(records: &[Value]) -> BTreeMap<String, Value> {
    records
        .iter()
        .map(|r| {
            let input = &r["input"];
            let flag = match input.get("duplicate_of") {
                Some(d) => json!({"path": name(d["path"].as_str().unwrap()), "basis": d["basis"]}),
                None => Value::Null,
            };
            (name(input["path"].as_str().unwrap()).to_string(), flag)
        })
        .collect()
}

fn expected_flags() -> BTreeMap<String, Value> {
    BTreeMap::from([
        ("a-original.txt".to_string(), Value::Null),
        ("b-copy.txt".to_string(), json!({"path": "a-original.txt", "basis": "same-file"})),
        ("c-respaced.txt".to_string(), json!({"path": "a-original.txt", "basis": "same-text"})),
        ("d-other.md".to_string(), Value::Null),
        // A copy of the re-spaced file is the same file as it: the exact truth, and the
        // re-spaced file itself names the original.
        ("e-copy-of-respaced.txt".to_string(), json!({"path": "c-respaced.txt", "basis": "same-file"})),
    ])
}

#[test]
fn copies_and_the_same_text_are_flagged_in_ndjson_and_the_rest_are_not() {
    let dir = batch();
    let records = ndjson(&run(dir.path(), &["--format", "ndjson"]).stdout);
    assert_eq!(records.len(), 5, "duplicates are still written");
    assert_eq!(flags(&records), expected_flags());
    // The flag names the original's path exactly as its own record gives it.
    assert_eq!(records[1]["input"]["duplicate_of"]["path"], records[0]["input"]["path"]);
    // What the flags rest on: the bytes differ between a and c, the text hash does not.
    let sha = |i: usize| records[i]["input"]["sha256"].as_str().unwrap().to_string();
    let text = |i: usize| records[i]["input"]["text_sha256"].as_str().unwrap().to_string();
    assert_eq!(sha(0), sha(1));
    assert_ne!(sha(0), sha(2));
    assert_eq!(sha(2), sha(4));
    assert_eq!([text(1), text(2), text(4)], [text(0), text(0), text(0)]);
    assert_ne!(text(3), text(0));
    assert_eq!(text(0).len(), 64);
    // A repeat is a full report, analysed like any other.
    assert_eq!(records[1]["score"], records[0]["score"]);
}

#[test]
fn the_original_is_the_first_in_input_order_whatever_the_sort() {
    let dir = batch();
    let records = ndjson(&run(dir.path(), &["--format", "ndjson", "--sort", "score", "--jobs", "2"]).stdout);
    assert_eq!(flags(&records), expected_flags());
}

#[test]
fn the_csv_gets_a_last_column_with_the_originals_path() {
    let dir = batch();
    let out = run(dir.path(), &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    // The earlier columns keep their positions; the new one is last.
    assert_eq!(
        header,
        [
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
            "duplicate_of"
        ]
    );
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (name(&r[0]).to_string(), name(&r[10]).to_string())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("a-original.txt".into(), "".into()),
            ("b-copy.txt".into(), "a-original.txt".into()),
            ("c-respaced.txt".into(), "a-original.txt".into()),
            ("d-other.md".into(), "".into()),
            ("e-copy-of-respaced.txt".into(), "c-respaced.txt".into()),
        ]
    );
}

#[test]
fn the_text_report_says_same_file_or_same_text_under_the_heading() {
    let dir = batch();
    let out = String::from_utf8(run(dir.path(), &[]).stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let said: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with("Same ")).collect();
    assert_eq!(said, ["Same file as a-original.txt", "Same text as a-original.txt", "Same file as c-respaced.txt"]);
    // Each right under the heading of its own report.
    for (line, heading) in
        [("Same file as a-original.txt", "b-copy.txt"), ("Same file as c-respaced.txt", "e-copy-of-respaced.txt")]
    {
        let at = lines.iter().position(|l| *l == line).unwrap();
        assert!(lines[at - 1].starts_with(heading), "{:?} above {line:?}", lines[at - 1]);
    }
}

#[test]
fn the_shortlist_marks_repeats_and_counts_only_originals() {
    let dir = batch();
    let page = String::from_utf8(run(dir.path(), &["--format", "html"]).stdout).unwrap();
    assert_eq!(page.matches("<tr class=\"duplicate\">").count(), 3, "one marked row per repeat");
    assert!(page.contains("duplicate of a-original.txt"));
    assert!(page.contains("duplicate of c-respaced.txt"));
    // Two candidates, not five.
    assert!(page.contains("2 resumes scored, 3 duplicates of another resume not counted."), "{page}");
}

#[test]
fn a_single_resume_has_a_text_hash_and_no_flag() {
    let dir = batch();
    let (report, out) = common::json_report(&dir.path().join("b-copy.txt"), &["--target", "ml-engineer"]);
    assert!(out.status.success());
    assert!(report["input"].get("duplicate_of").is_none(), "{}", report["input"]);
    assert_eq!(report["input"]["text_sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn the_same_file_named_twice_on_the_command_line_is_flagged_once() {
    let path = fixture("resumes/research-phd.txt");
    let out = gap_check()
        .args([&path, &path])
        .args(["--as-of", AS_OF, "--format", "ndjson"])
        .current_dir(root())
        .output()
        .unwrap();
    let records = ndjson(&out.stdout);
    assert_eq!(records.len(), 2);
    assert!(records[0]["input"].get("duplicate_of").is_none());
    assert_eq!(records[1]["input"]["duplicate_of"], json!({"path": path.to_str().unwrap(), "basis": "same-file"}));
}

#[test]
fn error_records_are_not_flagged() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt"] {
        std::fs::copy(fixture("broken/empty.txt"), dir.path().join(name)).unwrap();
    }
    let out = gap_check().arg(dir.path()).args(["--as-of", AS_OF, "--format", "ndjson"]).output().unwrap();
    let records = ndjson(&out.stdout);
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r["error"]["code"] == "empty" && r["input"].get("duplicate_of").is_none()));
}

/// A PDF and a text file are the same text only when what is read from the PDF is, word for
/// word, the text file's. Here the .txt is made from the PDF's own reading, so it is.
#[test]
fn a_pdf_and_a_text_file_of_its_reading_are_the_same_text() {
    let pdf = fixture("resumes/two-column.pdf");
    let doc = gap_check::ingest::read_file(
        &pdf,
        &gap_check::ingest::IngestOptions::default(),
        &common::engine().taxonomy().vocabulary,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&pdf, dir.path().join("a.pdf")).unwrap();
    // Other line breaks and case than the PDF's lines: still the same text.
    std::fs::write(dir.path().join("b.txt"), doc.lines.join("\n\n").to_lowercase()).unwrap();
    let records = ndjson(&run(dir.path(), &["--format", "ndjson"]).stdout);
    assert_eq!(records[0]["input"]["format"], "pdf");
    assert!(records[0]["input"].get("duplicate_of").is_none());
    assert_eq!(name(records[1]["input"]["duplicate_of"]["path"].as_str().unwrap()), "a.pdf");
    assert_eq!(records[1]["input"]["duplicate_of"]["basis"], "same-text");
}

/// The bundled PDF and text of one resume are not read alike (the PDF's title lines carry a
/// `|` before the dates that the text file does not have), so they are two texts: the flag
/// follows the text hash, never the file names.
#[test]
fn a_pdf_and_a_text_file_that_read_differently_are_not_flagged() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("resumes/senior-mle-team-lead.pdf"), dir.path().join("cv.pdf")).unwrap();
    std::fs::copy(fixture("resumes/senior-mle-team-lead.txt"), dir.path().join("cv.txt")).unwrap();
    let records = ndjson(&run(dir.path(), &["--format", "ndjson"]).stdout);
    let same_text = records[0]["input"]["text_sha256"] == records[1]["input"]["text_sha256"];
    assert_eq!(records[1]["input"].get("duplicate_of").is_some(), same_text);
}
