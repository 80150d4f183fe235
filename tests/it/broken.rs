//! Bad input is a one-line error naming the file and the reason, a non-zero exit and, with
//! --format json, an error record: never a panic or a stack trace.

use crate::common;

use common::{fixture, gap_check, json_report};
use serde::Deserialize;

#[derive(Deserialize)]
struct Broken {
    file: Vec<BrokenFile>,
}

#[derive(Deserialize)]
struct BrokenFile {
    path: String,
    reason: String,
}

fn assert_one_line_error(stderr: &[u8], path: &str, reason: &str) {
    let stderr = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{path}: expected one line on stderr, got:\n{stderr}");
    assert!(lines[0].contains(path), "{path}: the error does not name the file: {stderr}");
    assert!(lines[0].to_lowercase().contains(reason), "{path}: the error does not say '{reason}': {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{path}: {stderr}");
}

#[test]
fn every_broken_fixture_is_a_one_line_error() {
    let text = std::fs::read_to_string(fixture("expected/broken.toml")).unwrap();
    let broken: Broken = toml::from_str(&text).unwrap();
    assert!(broken.file.len() >= 8);
    for f in &broken.file {
        let path = fixture(&f.path);
        let out = gap_check().arg(&path).args(["--target", "lead-ml"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}: exit code", f.path);
        assert!(out.stdout.is_empty(), "{}: nothing on stdout for a text report", f.path);
        assert_one_line_error(&out.stderr, &f.path, &f.reason);

        let (record, out) = json_report(&path, &["--target", "lead-ml"]);
        assert_eq!(out.status.code(), Some(1));
        let error =
            record["error"]["message"].as_str().unwrap_or_else(|| panic!("{}: no error message in {record}", f.path));
        assert!(record["error"]["code"].as_str().is_some_and(|c| !c.is_empty()), "{}: no error code", f.path);
        assert!(error.to_lowercase().contains(&f.reason), "{}: {error}", f.path);
        assert!(record["input"]["path"].as_str().is_some_and(|p| p.ends_with(&f.path)));
        assert!(record.get("score").is_none() && record.get("skills").is_none(), "error record carries findings");
    }
}

#[test]
fn a_missing_file_a_folder_and_an_unknown_extension_are_errors() {
    let out = gap_check().arg("no/such/resume.pdf").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_one_line_error(&out.stderr, "no/such/resume.pdf", "no such file");

    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("cv.pages");
    std::fs::write(&pages, b"PK\x03\x04").unwrap();
    let out = gap_check().arg(&pages).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_one_line_error(&out.stderr, "cv.pages", "unsupported");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let out = gap_check().arg(fixture("resumes/ml-engineer-mid.txt")).args(["--max-size", "100"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_one_line_error(&out.stderr, "ml-engineer-mid.txt", "limit");
}

#[test]
fn a_pdf_that_makes_pdf_extract_panic_is_read() {
    // pdf-extract panics on a page without a MediaBox (worker.rs shows the panic is
    // contained); gap-check's own extractor does not need one and reads the page, as poppler does.
    let (report, out) = json_report(&fixture("broken/extractor-panic.pdf"), &["--keep-non-resumes"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ids: Vec<&str> = report["skills"].as_array().unwrap().iter().filter_map(|s| s["id"].as_str()).collect();
    assert!(ids.contains(&"python") && ids.contains(&"sql"), "{ids:?}");
}

#[test]
fn an_encrypted_pdf_with_an_empty_user_password_is_simply_read() {
    let (report, out) = json_report(&fixture("resumes/empty-password.pdf"), &[]);
    assert!(out.status.success());
    assert!(report["skills"].as_array().is_some_and(|s| s.len() > 5));
}
