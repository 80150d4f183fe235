//! Batch mode: folders of resumes, good, bad and skipped files, in a stable order.

use crate::common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::{fixture, gap_check, AS_OF};
use serde_json::Value;

const GOOD: [&str; 4] = [
    "resumes/ml-engineer-mid.txt",
    "resumes/data-scientist-mid.md",
    "resumes/senior-mle-team-lead.pdf",
    "resumes/traps.txt",
];
const BAD: [&str; 3] = ["broken/empty.txt", "broken/password.pdf", "broken/random-bytes.pdf"];

/// A folder tree with good resumes in nested folders, broken ones, files to skip and a
/// symbolic link that loops back to the root.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (i, rel) in GOOD.iter().enumerate() {
        let sub = root.join(format!("team-{}", i % 2)).join("inbox");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(fixture(rel), sub.join(Path::new(rel).file_name().unwrap())).unwrap();
    }
    std::fs::create_dir_all(root.join("bad")).unwrap();
    for rel in BAD {
        std::fs::copy(fixture(rel), root.join("bad").join(Path::new(rel).file_name().unwrap())).unwrap();
    }
    // Skipped: hidden files and folders, and files that are not resumes.
    std::fs::write(root.join(".hidden.txt"), "Python").unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(".git/HEAD.txt"), "ref").unwrap();
    std::fs::write(root.join("photo.gif"), b"GIF89a").unwrap();
    std::fs::write(root.join("cover.pages"), b"PK\x03\x04").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("team-0/loop")).unwrap();
    dir
}

fn run(args: &[&str], dir: &Path) -> std::process::Output {
    gap_check().arg(dir).args(["--as-of", AS_OF, "--target", "lead-ml"]).args(args).output().unwrap()
}

fn ndjson(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

fn file_name(record: &Value) -> String {
    let path = record["input"]["path"].as_str().unwrap();
    Path::new(path).file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_folder_gives_one_record_per_resume_and_goes_on_past_bad_files() {
    let dir = tree();
    let out = run(&["--format", "ndjson"], dir.path());
    assert_eq!(out.status.code(), Some(1), "a failed file makes the exit code 1");
    let records = ndjson(&out.stdout);
    assert_eq!(records.len(), GOOD.len() + BAD.len(), "the symlink loop adds nothing and ends");
    let names: BTreeSet<String> = records.iter().map(file_name).collect();
    for rel in GOOD.iter().chain(BAD.iter()) {
        assert!(names.contains(Path::new(rel).file_name().unwrap().to_str().unwrap()), "{rel} missing");
    }
    for record in &records {
        let name = file_name(record);
        if BAD.iter().any(|b| b.ends_with(&name)) {
            assert!(record["error"]["message"].is_string() && record["error"]["code"].is_string(), "{name}: {record}");
        } else {
            assert!(record["score"].is_u64() && record["error"].is_null(), "{name}: {record}");
        }
    }
    // The same findings as a single run on the same file.
    let single = ndjson(
        &gap_check()
            .arg(fixture(GOOD[0]))
            .args(["--as-of", AS_OF, "--target", "lead-ml", "--format", "ndjson"])
            .output()
            .unwrap()
            .stdout,
    );
    let in_batch = records.iter().find(|r| file_name(r) == "ml-engineer-mid.txt").unwrap();
    assert_eq!(in_batch["skills"], single[0]["skills"]);
    assert_eq!(in_batch["score"], single[0]["score"]);

    let stderr = String::from_utf8_lossy(&out.stderr);
    let summary = stderr.lines().last().unwrap();
    // Skipped: .hidden.txt, the .git folder (not entered), photo.gif, cover.pages, and the
    // link back to the folder (not followed).
    assert!(summary.contains("7 resumes: 4 ok, 3 failed, 5 skipped"), "{summary}");
    assert!(stderr.contains("password.pdf: PDF is password-protected"), "bad files are named on stderr: {stderr}");
}

#[test]
fn output_is_identical_whatever_the_number_of_threads() {
    let dir = tree();
    let one = run(&["--format", "ndjson", "--jobs", "1"], dir.path());
    let four = run(&["--format", "ndjson", "--jobs", "4"], dir.path());
    assert_eq!(one.stdout, four.stdout);
    let paths: Vec<String> =
        ndjson(&one.stdout).iter().map(|r| r["input"]["path"].as_str().unwrap().to_string()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "records come in path order");
}

#[test]
fn csv_is_one_row_per_resume_and_reads_back_with_a_csv_reader() {
    let dir = tree();
    let out = run(&["--format", "csv"], dir.path());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
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
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), GOOD.len() + BAD.len());
    for row in &rows {
        let name = Path::new(&row[0]).file_name().unwrap().to_string_lossy().into_owned();
        if BAD.iter().any(|b| b.ends_with(&name)) {
            assert!(!row[9].is_empty() && row[2].is_empty(), "{row:?}");
        } else {
            assert_eq!(&row[1], "lead-ml");
            assert!(row[2].parse::<u32>().unwrap() <= 100);
            assert!(row[9].is_empty());
        }
    }
    let senior = rows.iter().find(|r| r[0].ends_with("senior-mle-team-lead.pdf")).unwrap();
    assert_eq!(&senior[4], "master");
    assert_eq!(&senior[8], "lead-ml");
}

/// The library gives the row of a record held as JSON (what the Python package holds): for
/// every record of a run, the very bytes `--format csv` wrote for it, header included.
#[test]
fn csv_rows_are_the_rows_of_the_ndjson_records() {
    let dir = tree();
    // A copy: its row names the original in `duplicate_of`.
    std::fs::copy(fixture(GOOD[0]), dir.path().join("copy.txt")).unwrap();
    let csv = run(&["--format", "csv"], dir.path()).stdout;
    let lines = run(&["--format", "ndjson"], dir.path()).stdout;
    let mut rebuilt = gap_check::render::csv::header();
    for line in String::from_utf8(lines).unwrap().lines() {
        rebuilt.extend(gap_check::render::csv::row_of_json(line).unwrap());
    }
    assert_eq!(String::from_utf8(rebuilt).unwrap(), String::from_utf8(csv.clone()).unwrap());
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_slice()).records().map(Result::unwrap).collect();
    assert_eq!(rows.iter().filter(|r| !r[10].is_empty()).count(), 1, "one duplicate_of cell");
    assert!(gap_check::render::csv::row_of_json("{\"input\": {}}").is_err());
}

#[test]
fn sort_by_score_puts_the_best_fit_first_and_errors_last() {
    let dir = tree();
    let out = run(&["--format", "csv", "--sort", "score"], dir.path());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let scores: Vec<Option<u32>> = rows.iter().map(|r| r[2].parse().ok()).collect();
    let known: Vec<u32> = scores.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores[known.len()..].iter().all(Option::is_none), "errors last: {scores:?}");
    assert!(rows[0][0].ends_with("senior-mle-team-lead.pdf"), "the senior ML engineer fits lead-ml best");
}

#[test]
fn json_for_a_folder_is_an_array_of_contract_objects() {
    let dir = tree();
    let out = run(&["--format", "json"], dir.path());
    let array: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(array.len(), GOOD.len() + BAD.len());
}

#[test]
fn shards_together_cover_every_file_exactly_once() {
    let dir = tree();
    let all: Vec<String> = ndjson(&run(&["--format", "ndjson"], dir.path()).stdout).iter().map(file_name).collect();
    let mut seen: Vec<String> = Vec::new();
    for k in 1..=3 {
        let out = run(&["--format", "ndjson", "--shard", &format!("{k}/3")], dir.path());
        seen.extend(ndjson(&out.stdout).iter().map(file_name));
    }
    seen.sort();
    let mut expected = all.clone();
    expected.sort();
    assert_eq!(seen, expected);
    let bad = gap_check().arg(dir.path()).args(["--shard", "4/3"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn ndjson_records_on_stdin_are_resumes() {
    let text = std::fs::read_to_string(fixture("resumes/ml-engineer-mid.txt")).unwrap();
    let input = format!(
        "{}\n{}\nnot json\n",
        serde_json::json!({"id": "candidate-17", "text": text}),
        serde_json::json!({"id": "candidate-18", "text": "SKILLS\nPython, SQL, Spark, Airflow"})
    );
    let mut child = common::gap_check_process()
        .args(["-", "--format", "ndjson", "--as-of", AS_OF, "--target", "data-engineer", "--keep-non-resumes"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let records = ndjson(&out.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["input"]["path"], "candidate-17");
    assert!(common::skill_ids(&records[0]).contains(&"pytorch".to_string()));
    assert_eq!(records[1]["input"]["path"], "candidate-18");
    assert!(common::skill_ids(&records[1]).contains(&"spark".to_string()));
    assert!(records[2]["error"]["message"].as_str().unwrap().contains("not a resume record"));
    assert_eq!(records[2]["error"]["code"], "malformed");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_folder_without_resumes_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.pages"), b"PK\x03\x04").unwrap();
    let out = gap_check().arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no resumes"));
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("resumes/ml-engineer-mid.txt")).unwrap();
    for i in 0..400 {
        std::fs::write(dir.path().join(format!("r{i:04}.txt")), &text).unwrap();
    }
    let mut child = common::gap_check_process()
        .arg(dir.path())
        .args(["--format", "ndjson", "--jobs", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is dropped here, like `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with('{'));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("error"));
}

#[test]
fn explicit_files_and_folders_mix() {
    let dir = tree();
    let extra: PathBuf = fixture("resumes/research-phd.txt");
    let out = gap_check()
        .arg(&extra)
        .arg(dir.path().join("bad"))
        .args(["--format", "ndjson", "--as-of", AS_OF])
        .output()
        .unwrap();
    let records = ndjson(&out.stdout);
    assert_eq!(records.len(), 1 + BAD.len());
    assert_eq!(file_name(&records[0]), "research-phd.txt");
}
