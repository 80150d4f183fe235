//! `gap-check audit`: the impact-ratio tables of a bias audit, checked against numbers
//! worked out by hand, and the README's example run on the committed eval fixtures.

use crate::common;

use std::path::Path;

use common::{gap_check, root};
use serde_json::{json, Value};

fn report_line(path: &str, score: u32) -> String {
    json!({"schema_version": "2.1.0", "input": {"path": path, "format": "text", "sha256": format!("{:064x}", score)},
           "target": {"id": "lead-ml"}, "score": score})
    .to_string()
}

fn error_line(path: &str) -> String {
    json!({"schema_version": "2.1.0", "input": {"path": path}, "error": {"code": "empty", "message": "file is empty"}})
        .to_string()
}

fn audit_json(reports: &Path, groups: &Path, extra: &[&str]) -> Value {
    let out = gap_check()
        .arg("audit")
        .arg(reports)
        .arg("--groups")
        .arg(groups)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn table<'a>(audit: &'a Value, name: &str) -> &'a Value {
    audit["tables"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("no table {name}"))
}

fn row<'a>(table: &'a Value, category: &str) -> &'a Value {
    table["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == category)
        .unwrap_or_else(|| panic!("no category {category} in {}", table["name"]))
}

/// (count, selected, selection_rate, impact_ratio, above_median, scoring_rate, scoring_impact_ratio, errors)
type Expected = (u64, u64, f64, Option<f64>, u64, f64, Option<f64>, u64);

fn assert_row(table: &Value, category: &str, e: Expected) {
    let r = row(table, category);
    let label = format!("{} / {category}", table["name"]);
    assert_eq!(r["count"], e.0, "{label}: count");
    assert_eq!(r["selected"], e.1, "{label}: selected");
    assert!(
        (r["selection_rate"].as_f64().unwrap() - e.2).abs() < 1e-9,
        "{label}: selection_rate {}",
        r["selection_rate"]
    );
    let close = |v: &Value, x: Option<f64>| match x {
        None => v.is_null(),
        Some(x) => v.as_f64().is_some_and(|v| (v - x).abs() < 1e-9),
    };
    assert!(close(&r["impact_ratio"], e.3), "{label}: impact_ratio {}", r["impact_ratio"]);
    assert_eq!(r["above_median"], e.4, "{label}: above_median");
    assert!((r["scoring_rate"].as_f64().unwrap() - e.5).abs() < 1e-9, "{label}: scoring_rate");
    assert!(close(&r["scoring_impact_ratio"], e.6), "{label}: scoring_impact_ratio {}", r["scoring_impact_ratio"]);
    assert_eq!(r["errors"], e.7, "{label}: errors");
}

/// Ten scored candidates and two error records, threshold 75:
///
/// | record | score | sex    | race_ethnicity |
/// |--------|-------|--------|----------------|
/// | r1     | 90    | female | group-a        |
/// | r2     | 80    | female | group-b        |
/// | r3     | 75    | male   | group-a        |
/// | r4     | 70    | male   | group-b        |
/// | r5     | 65    | female | group-a        |
/// | r6     | 60    | male   | group-a        |
/// | r7     | 50    | female | group-b        |
/// | r8     | 40    | male   | group-b        |
/// | r9     | 85    | (empty)| group-a        |
/// | r10    | 30    | (no row in the groups file)        |
/// | e1     | error | female | group-a        |
/// | e2     | error | (no row)                |
///
/// Sorted scores 30 40 50 60 65 | 70 75 80 85 90: ten, so the median is (65 + 70) / 2 = 67.5;
/// above it: r4 r3 r2 r9 r1 = 5. Selected (>= 75): r1 r2 r3 r9 = 4.
///
/// sex: female r1 r2 r5 r7 → count 4, selected r1 r2 = 2 (0.5), above r1 r2 = 2 (0.5), errors e1;
///      male r3 r4 r6 r8 → count 4, selected r3 = 1 (0.25), above r3 r4 = 2 (0.5);
///      unknown r9 r10 → count 2, selected r9 = 1, above r9 = 1, errors e2.
///      Shares 0.4 each, none excluded. Highest selection 0.5: female 1.0, male 0.25/0.5 = 0.5.
///      Highest scoring 0.5: both 1.0.
/// race_ethnicity: group-a r1 r3 r5 r6 r9 → 5, selected r1 r3 r9 = 3 (0.6), above r1 r3 r9 = 3 (0.6), errors e1;
///      group-b r2 r4 r7 r8 → 4, selected r2 = 1 (0.25), above r2 r4 = 2 (0.5);
///      unknown r10 → 1, selected 0, above 0, errors e2.
///      Impact: group-a 1.0, group-b 0.25/0.6 = 0.41666…; scoring: 1.0 and 0.5/0.6 = 0.8333…
/// intersection: female × group-a r1 r5 → 2, sel 1 (0.5), above 1 (0.5), errors e1;
///      female × group-b r2 r7 → 2, sel 1, above 1; male × group-a r3 r6 → 2, sel 1, above 1;
///      male × group-b r4 r8 → 2, sel 0 (0.0), above r4 = 1 (0.5);
///      unknown r9 (sex empty) r10 → 2, sel 1, above 1, errors e2.
///      Highest selection 0.5 → impact 1, 1, 1, 0; every scoring rate 0.5 → scoring impact 1.
#[test]
fn hand_computed_example() {
    let dir = tempfile::tempdir().unwrap();
    let scores = [90, 80, 75, 70, 65, 60, 50, 40, 85, 30];
    let mut lines: Vec<String> =
        scores.iter().enumerate().map(|(i, s)| report_line(&format!("r{}.txt", i + 1), *s)).collect();
    lines.push(error_line("e1.pdf"));
    lines.push(error_line("e2.pdf"));
    let reports = dir.path().join("r.ndjson");
    std::fs::write(&reports, lines.join("\n") + "\n").unwrap();
    let groups = dir.path().join("groups.csv");
    std::fs::write(
        &groups,
        "input.path,sex,race_ethnicity\n\
         r1.txt,female,group-a\nr2.txt,female,group-b\nr3.txt,male,group-a\nr4.txt,male,group-b\n\
         r5.txt,female,group-a\nr6.txt,male,group-a\nr7.txt,female,group-b\nr8.txt,male,group-b\n\
         r9.txt,,group-a\ne1.pdf,female,group-a\n",
    )
    .unwrap();

    let audit = audit_json(&reports, &groups, &["--threshold", "75"]);
    assert_eq!(audit["threshold"], 75);
    assert_eq!(audit["records"], 12);
    assert_eq!(audit["scored"], 10);
    assert_eq!(audit["errors"], 2);
    assert_eq!(audit["selected"], 4);
    assert_eq!(audit["median_score"], 67.5);
    assert_eq!(audit["above_median"], 5);
    assert_eq!(audit["targets"], json!(["lead-ml"]));
    assert_eq!(audit["unmatched_group_rows"], 0);
    assert_eq!(audit["repeated_paths"], 0);
    let names: Vec<&str> = audit["tables"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["sex", "race_ethnicity", "sex × race_ethnicity"]);

    let sex = table(&audit, "sex");
    assert_row(sex, "female", (4, 2, 0.5, Some(1.0), 2, 0.5, Some(1.0), 1));
    assert_row(sex, "male", (4, 1, 0.25, Some(0.5), 2, 0.5, Some(1.0), 0));
    assert_eq!(sex["unknown"], json!({"count": 2, "selected": 1, "above_median": 1, "errors": 1}));
    assert_eq!(sex["categories"].as_array().unwrap().len(), 2);

    let race = table(&audit, "race_ethnicity");
    assert_row(race, "group-a", (5, 3, 0.6, Some(1.0), 3, 0.6, Some(1.0), 1));
    assert_row(race, "group-b", (4, 1, 0.25, Some(0.25 / 0.6), 2, 0.5, Some(0.5 / 0.6), 0));
    assert_eq!(race["unknown"], json!({"count": 1, "selected": 0, "above_median": 0, "errors": 1}));
    assert_eq!(race["highest_selection_rate"], 0.6);

    let both = table(&audit, "sex × race_ethnicity");
    assert_eq!(both["intersection"], true);
    assert_row(both, "female × group-a", (2, 1, 0.5, Some(1.0), 1, 0.5, Some(1.0), 1));
    assert_row(both, "female × group-b", (2, 1, 0.5, Some(1.0), 1, 0.5, Some(1.0), 0));
    assert_row(both, "male × group-a", (2, 1, 0.5, Some(1.0), 1, 0.5, Some(1.0), 0));
    assert_row(both, "male × group-b", (2, 0, 0.0, Some(0.0), 1, 0.5, Some(1.0), 0));
    assert_eq!(both["unknown"], json!({"count": 2, "selected": 1, "above_median": 1, "errors": 1}));

    // The same numbers in the text table and the CSV.
    let text = gap_check()
        .arg("audit")
        .arg(&reports)
        .arg("--groups")
        .arg(&groups)
        .args(["--threshold", "75"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("12 records: 10 scored, 2 errors"), "{text}");
    assert!(text.contains("Median score 67.5; 5 scored above it."), "{text}");
    let group_b = text.lines().find(|l| l.starts_with("group-b ")).unwrap();
    let cells: Vec<&str> = group_b.split_whitespace().collect();
    assert_eq!(cells, ["group-b", "4", "1", "0.250", "0.417", "2", "0.500", "0.833", "0"], "{group_b}");

    let csv = gap_check()
        .arg("audit")
        .arg(&reports)
        .arg("--groups")
        .arg(&groups)
        .args(["--threshold", "75", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("table,category,status,count,selected,selection_rate,impact_ratio,above_median,scoring_rate,scoring_impact_ratio,share,errors,threshold")
    );
    assert!(
        csv.contains("race_ethnicity,group-b,included,4,1,0.250000,0.416667,2,0.500000,0.833333,0.400000,0,75\n"),
        "{csv}"
    );
    assert!(csv.contains("sex,,unknown,2,1,,,1,,,,1,75\n"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + (2 + 1) + (2 + 1) + (4 + 1));
}

/// 51 candidates keyed by sha256: 25 in `x` score 80, 25 in `x` score 20, one in `y` scores 90.
/// `y` holds 1/51 = 1.96% of the data, under 2%: excluded, so the highest selection rate is
/// x's 25/50 = 0.5, and y's ratio is 1.0/0.5 = 2.0. The median is the 26th of the 51 sorted
/// scores (25 × 20, 25 × 80, 90): 80; only 90 is strictly above it, so x's scoring rate is 0,
/// the highest scoring rate among categories not excluded is 0, and no scoring ratio exists.
#[test]
fn a_category_under_two_percent_is_excluded_from_the_highest_rate() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    let mut csv = String::from("input.sha256,group\n");
    for i in 0..51u32 {
        let score = match i {
            0..=24 => 80,
            25..=49 => 20,
            _ => 90,
        };
        let sha = format!("{i:064x}");
        lines.push(
            json!({"input": {"path": format!("c{i}.txt"), "sha256": sha}, "target": {"id": "lead-ml"}, "score": score})
                .to_string(),
        );
        csv.push_str(&format!("{sha},{}\n", if i == 50 { "y" } else { "x" }));
    }
    // A row for a candidate not in the run is counted, not an error.
    csv.push_str(&format!("{:064x},x\n", 999));
    let reports = dir.path().join("r.ndjson");
    std::fs::write(&reports, lines.join("\n")).unwrap();
    let groups = dir.path().join("g.csv");
    std::fs::write(&groups, csv).unwrap();

    let audit = audit_json(&reports, &groups, &[]);
    assert_eq!(audit["threshold"], 70);
    assert_eq!(audit["median_score"], 80.0);
    assert_eq!(audit["above_median"], 1);
    assert_eq!(audit["unmatched_group_rows"], 1);
    let t = table(&audit, "group");
    assert_eq!(audit["tables"].as_array().unwrap().len(), 1, "one column: no intersection table");
    assert_eq!(row(t, "x")["excluded"], false);
    assert_eq!(row(t, "y")["excluded"], true);
    assert!((row(t, "y")["share"].as_f64().unwrap() - 1.0 / 51.0).abs() < 1e-12);
    assert_eq!(t["highest_selection_rate"], 0.5);
    assert_row(t, "x", (50, 25, 0.5, Some(1.0), 0, 0.0, None, 0));
    assert_row(t, "y", (1, 1, 1.0, Some(2.0), 1, 1.0, None, 0));
    assert_eq!(t["unknown"]["count"], 0);
}

/// The README's example on a fresh clone: score the eval fixtures, then audit them with the
/// committed groups file.
#[test]
fn the_eval_fixtures_audit_with_the_committed_groups_file() {
    let dir = tempfile::tempdir().unwrap();
    let run = gap_check()
        .current_dir(root())
        // The folder's README.md is scored too, as the groups file expects.
        .args(["fixtures/eval", "--target", "lead-ml", "--format", "ndjson", "--keep-non-resumes"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&run.stderr));
    let reports = dir.path().join("r.ndjson");
    std::fs::write(&reports, &run.stdout).unwrap();
    let records = run.stdout.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count();

    let out = gap_check()
        .current_dir(root())
        .arg("audit")
        .arg(&reports)
        .args(["--groups", "fixtures/audit/groups.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("{records} records: {records} scored, 0 errors")), "{text}");
    for title in ["\nsex\n", "\nrace_ethnicity\n", "\nsex × race_ethnicity (intersection)\n"] {
        assert!(text.contains(title), "no table {title:?} in:\n{text}");
    }
    // group-d is the one resume the script puts alone in its category: 1 of 60 is under 2%.
    let d = text.lines().find(|l| l.starts_with("group-d ")).unwrap();
    assert!(d.contains("excluded: 1.7% of scored, under 2%"), "{d}");

    let audit = audit_json(&reports, &root().join("fixtures/audit/groups.csv"), &[]);
    // 44 resumes have a row; fixtures/eval/README.md and the 15 texts in fixtures/eval/src/
    // are read by the run too, and have none: unknown in every table.
    let groups_rows = std::fs::read_to_string(root().join("fixtures/audit/groups.csv")).unwrap().lines().count() - 1;
    assert_eq!(groups_rows, 44);
    assert_eq!(audit["unmatched_group_rows"], 0);
    for t in audit["tables"].as_array().unwrap() {
        assert_eq!(t["unknown"]["count"], records as u64 - 44, "{}", t["name"]);
        let counted: u64 = t["categories"].as_array().unwrap().iter().map(|c| c["count"].as_u64().unwrap()).sum();
        assert_eq!(counted, 44, "{}", t["name"]);
    }
}

/// The same run pasted twice: every candidate is counted twice (2 of 2 in `f`), and the
/// audit says so instead of passing it silently.
#[test]
fn repeated_records_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("r.ndjson");
    std::fs::write(&reports, format!("{}\n{}\n", report_line("a.txt", 80), report_line("a.txt", 80))).unwrap();
    let groups = dir.path().join("g.csv");
    std::fs::write(&groups, "input.path,sex\na.txt,f\n").unwrap();
    let audit = audit_json(&reports, &groups, &[]);
    assert_eq!(audit["repeated_paths"], 1);
    assert_eq!(row(table(&audit, "sex"), "f")["count"], 2);
    let text = gap_check().arg("audit").arg(&reports).arg("--groups").arg(&groups).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout)
        .contains("Warning: 1 repeated record(s) (the path of an earlier one), counted again."));
}

#[test]
fn bad_groups_files_are_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("r.ndjson");
    std::fs::write(&reports, report_line("a.txt", 50)).unwrap();
    let cases = [
        ("name,sex\nJo,female\n", "the header needs an `input.path` or `input.sha256` column"),
        ("input.path,sex\na.txt,female\na.txt,male\n", "line 3: input.path `a.txt` appears twice"),
    ];
    for (content, message) in cases {
        let groups = dir.path().join("g.csv");
        std::fs::write(&groups, content).unwrap();
        let out = gap_check().arg("audit").arg(&reports).arg("--groups").arg(&groups).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("g.csv") && stderr.contains(message), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    let out =
        gap_check().arg("audit").arg(dir.path().join("missing.ndjson")).args(["--groups", "g.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.ndjson: cannot read: no such file"));
}

fn audit_fails(reports: &Path, groups: &Path) -> String {
    let out = gap_check().arg("audit").arg(reports).arg("--groups").arg(groups).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// 100,000 records and 100,000 groups rows (every second row keyed by a hash only, so both
/// lookups are exercised, and 1,000 rows for candidates not in the run): the row matching is
/// linear, so this takes well under a second in a release build and a few in a debug one,
/// where comparing every row with every record took minutes.
#[test]
fn a_hundred_thousand_rows_are_audited_in_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000u32;
    let mut reports = String::new();
    let mut groups = String::from("input.path,input.sha256,sex\n");
    for i in 0..n {
        let sha = format!("{i:064x}");
        reports.push_str(&format!(
            "{{\"input\":{{\"path\":\"cv-{i}.txt\",\"sha256\":\"{sha}\"}},\"target\":{{\"id\":\"lead-ml\"}},\"score\":{}}}\n",
            i % 101
        ));
        if i % 2 == 0 {
            groups.push_str(&format!("cv-{i}.txt,,{}\n", if i % 4 == 0 { "f" } else { "m" }));
        } else {
            groups.push_str(&format!(",{sha},{}\n", if i % 4 == 1 { "f" } else { "m" }));
        }
    }
    for i in 0..1000u32 {
        groups.push_str(&format!("absent-{i}.txt,,f\n"));
    }
    let (r, g) = (dir.path().join("r.ndjson"), dir.path().join("g.csv"));
    std::fs::write(&r, reports).unwrap();
    std::fs::write(&g, groups).unwrap();
    let started = std::time::Instant::now();
    let audit = audit_json(&r, &g, &[]);
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(30), "took {took:?}");
    assert_eq!(audit["records"], n);
    assert_eq!(audit["unmatched_group_rows"], 1000);
    // i % 4 == 0 or 1 is f: half of the records.
    assert_eq!(row(table(&audit, "sex"), "f")["count"], n / 2);
    assert_eq!(table(&audit, "sex")["unknown"]["count"], 0);
}

/// Devices, FIFOs and folders are refused before a byte is read, naming the file and why;
/// `/dev/zero` used to be read until memory ran out.
#[cfg(unix)]
#[test]
fn special_files_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("r.ndjson");
    std::fs::write(&reports, report_line("a.txt", 50)).unwrap();
    let groups = dir.path().join("g.csv");
    std::fs::write(&groups, "input.path,sex\na.txt,f\n").unwrap();
    let zero = Path::new("/dev/zero");
    let stderr = audit_fails(zero, &groups);
    assert!(stderr.contains("/dev/zero: cannot read: not a regular file (a character device)"), "{stderr}");
    let stderr = audit_fails(&reports, zero);
    assert!(stderr.contains("/dev/zero: cannot read: not a regular file (a character device)"), "{stderr}");
    let fifo = dir.path().join("fifo.ndjson");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let stderr = audit_fails(&fifo, &groups);
    assert!(stderr.contains("fifo.ndjson: cannot read: not a regular file (a FIFO)"), "{stderr}");
    let stderr = audit_fails(dir.path(), &groups);
    assert!(stderr.contains("cannot read: is a directory"), "{stderr}");
}

/// One line of 17 MiB with no line break is not a record: refused with its line number
/// instead of being held whole, however long it goes on.
#[test]
fn an_endless_line_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("r.ndjson");
    let mut text = report_line("a.txt", 50);
    text.push('\n');
    text.push_str(&"x".repeat(17 << 20));
    std::fs::write(&reports, text).unwrap();
    let groups = dir.path().join("g.csv");
    std::fs::write(&groups, "input.path,sex\na.txt,f\n").unwrap();
    let stderr = audit_fails(&reports, &groups);
    assert!(stderr.contains("r.ndjson: line 2: longer than 16 MiB, not one record"), "{stderr}");
}

/// Files saved by Windows tools start with a UTF-8 byte order mark; both forms read the same.
#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let groups = dir.path().join("g.csv");
    std::fs::write(&groups, "\u{feff}input.path,sex\na.txt,f\nb.txt,m\n").unwrap();
    let ndjson = dir.path().join("r.ndjson");
    std::fs::write(&ndjson, format!("\u{feff}{}\n{}\n", report_line("a.txt", 80), report_line("b.txt", 40))).unwrap();
    let array = dir.path().join("r.json");
    std::fs::write(&array, format!("\u{feff}\n [{},{}]", report_line("a.txt", 80), report_line("b.txt", 40))).unwrap();
    for reports in [&ndjson, &array] {
        let audit = audit_json(reports, &groups, &[]);
        assert_eq!(audit["records"], 2, "{}", reports.display());
        assert_eq!(row(table(&audit, "sex"), "f")["selected"], 1);
        assert_eq!(row(table(&audit, "sex"), "m")["selected"], 0);
    }
}

/// A row whose path is one record and whose hash is another's would lend one candidate's
/// categories to the other: an error naming the row's line, not a silent mix-up.
#[test]
fn a_row_naming_two_records_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("r.ndjson");
    // report_line gives a.txt the hash of 50 and b.txt the hash of 60.
    std::fs::write(&reports, format!("{}\n{}\n", report_line("a.txt", 50), report_line("b.txt", 60))).unwrap();
    let groups = dir.path().join("g.csv");
    let good = format!("input.path,input.sha256,sex\na.txt,{:064x},f\nb.txt,,m\n", 50);
    std::fs::write(&groups, &good).unwrap();
    assert_eq!(audit_json(&reports, &groups, &[])["unmatched_group_rows"], 0);
    std::fs::write(&groups, format!("input.path,input.sha256,sex\nb.txt,,m\na.txt,{:064x},f\n", 60)).unwrap();
    let stderr = audit_fails(&reports, &groups);
    assert!(
        stderr.contains(&format!("g.csv: line 3: input.path `a.txt` and input.sha256 `{:064x}` name different records (that hash is `b.txt`'s)", 60)),
        "{stderr}"
    );
}
