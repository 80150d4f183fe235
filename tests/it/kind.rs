//! Is it a resume? Documents that are not (a README, a posting, a letter…) are named for
//! what they are and refused, unless `--keep-non-resumes` asks to analyse them anyway.

use crate::common;

use common::{fixture, gap_check, json_report, AS_OF};
use serde_json::Value;

fn kind_of(rel: &str) -> (String, String) {
    let (report, _) = json_report(&fixture(rel), &["--keep-non-resumes"]);
    let document = &report["document"];
    (document["kind"].as_str().unwrap().to_string(), document["reason"].as_str().unwrap().to_string())
}

#[test]
fn a_resume_is_a_resume() {
    let (kind, reason) = kind_of("resumes/ml-engineer-mid.txt");
    assert_eq!(kind, "resume", "{reason}");
    assert!(reason.contains("2 dated positions"), "{reason}");
}

#[test]
fn a_posting_is_a_posting() {
    let (kind, reason) = kind_of("postings/senior-data-engineer.md");
    assert_eq!(kind, "posting", "{reason}");
}

#[test]
fn readme_shopping_list_letter_invoice_and_article_are_other() {
    for (rel, why) in [
        ("kind/readme.md", "software documentation"),
        ("kind/shopping-list.txt", "too little of a resume"),
        ("kind/letter.txt", "letter"),
        ("kind/invoice.txt", "invoice"),
        ("kind/article.txt", "prose"),
    ] {
        let (kind, reason) = kind_of(rel);
        assert_eq!(kind, "other", "{rel}: {reason}");
        assert!(reason.contains(why), "{rel}: {reason}");
    }
}

#[test]
fn in_a_batch_a_readme_is_an_error_record_and_the_resume_is_ranked() {
    let output = gap_check()
        .arg(fixture("resumes/ml-engineer-mid.txt"))
        .arg(fixture("kind/readme.md"))
        .args(["--format", "ndjson", "--as-of", AS_OF])
        .output()
        .unwrap();
    // Something failed: the exit code says so, like any other error record.
    assert_eq!(output.status.code(), Some(1));
    let records: Vec<Value> =
        String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2);
    let readme = records.iter().find(|r| r["input"]["path"].as_str().unwrap().ends_with("readme.md")).unwrap();
    assert_eq!(readme["error"]["code"], "not_a_resume");
    let message = readme["error"]["message"].as_str().unwrap();
    assert!(message.contains("(other)") && message.contains("software documentation"), "{message}");
    assert!(readme.get("score").is_none());
    let resume =
        records.iter().find(|r| r["input"]["path"].as_str().unwrap().ends_with("ml-engineer-mid.txt")).unwrap();
    assert_eq!(resume["document"]["kind"], "resume");
    assert!(resume["score"].is_u64());
}

#[test]
fn keep_non_resumes_analyses_the_readme() {
    let (report, output) = json_report(&fixture("kind/readme.md"), &["--keep-non-resumes"]);
    assert!(output.status.success());
    assert_eq!(report["document"]["kind"], "other");
    assert!(report["score"].is_u64());
}

#[test]
fn one_non_resume_named_alone_is_a_clear_error_on_stderr() {
    let output = gap_check().arg(fixture("kind/letter.txt")).args(["--as-of", AS_OF]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("letter.txt") && stderr.contains("not a resume (other): reads as a letter"), "{stderr}");
    assert!(stderr.contains("--keep-non-resumes"), "{stderr}");
}
