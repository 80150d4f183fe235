//! Hostile inputs within their budgets (issue 21): spreadsheet formulas in CSV cells, file
//! links in a batch, and `--target` values that are not what they seem. Each case is built in
//! a temporary folder by the test itself.

mod common;

use std::path::Path;

use common::{fixture, gap_check, AS_OF};

const RESUME: &str = "Data Engineer\n\nExperience\nData Engineer, Acme, 2019 - 2024\n- Built Spark and Airflow pipelines in Python and SQL\n";

fn csv_rows(stdout: &[u8]) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(stdout).records().map(Result::unwrap).collect()
}

/// File names, stdin ids and a posting's name that start a formula come out quoted with a
/// leading `'` in every cell they reach; harmless names are unchanged.
#[test]
fn no_csv_cell_starts_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["=HYPERLINK(1).txt", "@SUM(1).txt", "+1.txt", "plain.txt"];
    for name in names {
        std::fs::write(dir.path().join(name), RESUME).unwrap();
    }
    std::fs::copy(fixture("postings/senior-data-engineer.md"), dir.path().join("=posting.md")).unwrap();
    let out = gap_check()
        .current_dir(dir.path())
        .args(names)
        .args(["--as-of", AS_OF, "--target", "=posting.md", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&out.stdout);
    let paths: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(paths, ["'=HYPERLINK(1).txt", "'@SUM(1).txt", "'+1.txt", "plain.txt"]);
    for row in &rows {
        assert_eq!(&row[1], "'=posting", "{row:?}");
    }

    let out = gap_check()
        .args(["-", "--as-of", AS_OF, "--target", "data-engineer", "--format", "csv"])
        .write_stdin(format!(
            "{}\n{}\n{}\n",
            serde_json::json!({"id": "-2+3", "text": RESUME}),
            serde_json::json!({"id": "\tx", "text": RESUME}),
            serde_json::json!({"id": "=1", "text": ""}),
        ))
        .output()
        .unwrap();
    let rows = csv_rows(&out.stdout);
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["'-2+3", "'\tx", "'=1"]);
    // The third is an error row: its message is a cell too.
    assert!(!rows[2][9].is_empty() && !rows[2][9].starts_with(['=', '+', '-', '@']));
}

/// Category names come from the user's groups file: a formula there is neutralised in the
/// audit's CSV, and shown as written in its JSON.
#[test]
fn audit_csv_neutralises_category_names() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("r.ndjson");
    let line = |p: &str, s: u32| serde_json::json!({"input": {"path": p}, "score": s}).to_string();
    std::fs::write(&reports, format!("{}\n{}\n", line("a.txt", 80), line("b.txt", 40))).unwrap();
    let groups = dir.path().join("g.csv");
    std::fs::write(&groups, "input.path,@col\na.txt,=HYPERLINK(\"x\")\nb.txt,-1\n").unwrap();
    let out = gap_check().arg("audit").arg(&reports).arg("--groups").arg(&groups).args(["--format", "csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&out.stdout);
    let cells: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[1])).collect();
    assert_eq!(cells, [("'@col", "'-1"), ("'@col", "'=HYPERLINK(\"x\")"), ("'@col", "")]);
    let json = gap_check().arg("audit").arg(&reports).arg("--groups").arg(&groups).args(["--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["tables"][0]["name"], "@col");
}
