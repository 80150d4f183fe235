//! A job posting as the target: read into requirements, each citing its line, scored like a
//! role; bad postings are usage errors; batches rank a folder against one posting.

use crate::common;

use common::{fixture, gap_check, json_report, AS_OF};
use serde_json::Value;

const POSTING: &str = "postings/senior-data-engineer.md";

fn requirements(report: &Value) -> Vec<Value> {
    let all = report["matched"].as_array().unwrap().iter().chain(report["missing"].as_array().unwrap().iter());
    all.cloned().collect()
}

fn posting_json() -> Value {
    let out = gap_check().args(["target"]).arg(fixture(POSTING)).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The expectations below were written by reading fixtures/postings/senior-data-engineer.md.
#[test]
fn a_posting_is_read_into_its_requirements() {
    let posting = posting_json();
    assert_eq!(posting["title"], "Senior Data Engineer");
    assert_eq!(posting["family"], "data-engineer");
    assert_eq!(posting["level"], "senior");
    let reqs = posting["requirements"].as_array().unwrap();
    let skill = |importance: &str| -> Vec<Vec<String>> {
        reqs.iter()
            .filter(|r| r["kind"] == "skill" && r["importance"] == importance)
            .map(|r| r["any_of"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect())
            .collect()
    };
    let required = skill("required");
    // "one of Python, Java or Scala" and "cloud platforms such as AWS, Azure or GCP" are one
    // requirement each, not three.
    assert!(required.contains(&vec!["python".into(), "java".into(), "scala".into()]), "{required:?}");
    assert!(
        required.iter().any(|g| g.contains(&"aws".to_string())
            && g.contains(&"azure".to_string())
            && g.contains(&"google-cloud".to_string())),
        "{required:?}"
    );
    for single in ["sql", "airflow", "data-pipelines"] {
        assert!(required.contains(&vec![single.to_string()]), "{single} missing from {required:?}");
    }
    // What the company's stack and values name is not asked of the candidate; neither is
    // what the benefits mention.
    let all: Vec<String> = required.iter().chain(skill("preferred").iter()).flatten().cloned().collect();
    for not_asked in ["kafka", "snowflake", "collaboration"] {
        assert!(!all.contains(&not_asked.to_string()), "{not_asked} read as a requirement: {all:?}");
    }
    let preferred = skill("preferred");
    assert!(
        preferred.contains(&vec!["terraform".into()]) && preferred.contains(&vec!["docker".into()]),
        "{preferred:?}"
    );
    // "5-7 years" asks at least 5; "BS/MS" asks a bachelor's; "mentor junior engineers" asks
    // for leading people.
    let bar = |kind: &str| reqs.iter().find(|r| r["kind"] == kind).cloned().unwrap_or(Value::Null);
    assert_eq!(bar("experience")["min_years"], 5.0);
    assert_eq!(bar("experience")["source"][0]["line"], 15);
    assert_eq!(bar("education")["min_degree"], "bachelor");
    assert_eq!(bar("leadership")["source"][0]["line"], 6);
}

#[test]
fn a_resume_measured_against_a_posting_cites_the_posting_lines() {
    let posting = fixture(POSTING);
    let (report, out) =
        json_report(&fixture("resumes/senior-data-engineer.txt"), &["--target", posting.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(report["target"]["kind"], "posting");
    assert_eq!(report["target"]["title"], "Senior Data Engineer");
    assert_eq!(report["target"]["family"], "data-engineer");
    assert_eq!(report["target"]["sha256"].as_str().unwrap().len(), 64);
    let reqs = requirements(&report);
    assert!(reqs.len() >= 8);
    for r in &reqs {
        let source = &r["source"][0];
        assert_eq!(source["document"], "senior-data-engineer.md", "{r}");
        assert!(source["line"].as_u64().is_some_and(|l| l >= 1), "{r}");
        assert!(!source["text"].as_str().unwrap_or("").is_empty(), "{r}");
    }
    // The score is the weighted sum the README describes: required skills 4, preferred 2,
    // experience 12, education 6, leadership 8.
    let total: u64 = reqs.iter().map(|r| r["weight"].as_u64().unwrap()).sum();
    assert_eq!(report["score_detail"]["total_weight"].as_u64().unwrap(), total);
    let earned: f64 = reqs.iter().map(|r| r["earned"].as_f64().unwrap()).sum();
    let score = (100.0 * earned / total as f64).round() as u64;
    assert!(score.abs_diff(report["score"].as_u64().unwrap()) <= 1, "{score} vs {}", report["score"]);
    // The actions close the posting's gaps.
    assert_eq!(report["progression"]["goal_role"], "senior-data-engineer");
}

#[test]
fn the_text_report_against_a_posting_names_it() {
    let posting = fixture(POSTING);
    let out = gap_check()
        .arg(fixture("resumes/senior-data-engineer.txt"))
        .args(["--target", posting.to_str().unwrap(), "--as-of", AS_OF])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Senior Data Engineer (senior-data-engineer)"), "{text}");
}

#[test]
fn bad_postings_are_usage_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "   \n").unwrap();
    let nothing = dir.path().join("lunch.txt");
    std::fs::write(&nothing, "Lunch menu\n\nSoup of the day, bread and a salad.\n").unwrap();
    let binary = dir.path().join("blob.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0].repeat(50)).unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Python and SQL required.\n".repeat(100)).unwrap();
    for (posting, reason, extra) in [
        (&empty, "empty", &[][..]),
        (&nothing, "no requirement", &[][..]),
        (&binary, "binary", &[][..]),
        (&big, "limit", &["--max-size", "100"][..]),
    ] {
        let out = gap_check()
            .arg(fixture("resumes/senior-data-engineer.txt"))
            .args(["--target", posting.to_str().unwrap(), "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", posting.display());
        assert!(out.stdout.is_empty(), "nothing half-written for {}", posting.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(posting.file_name().unwrap().to_str().unwrap()) && stderr.contains(reason), "{stderr}");
    }
    // A name that is neither a file nor a role keeps the "did you mean".
    let out = gap_check()
        .arg(fixture("resumes/senior-data-engineer.txt"))
        .args(["--target", "data-enginer"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean 'data-engineer'"));
}

#[test]
fn a_folder_is_ranked_against_one_posting() {
    let posting = fixture(POSTING);
    let out = gap_check()
        .arg(fixture("resumes"))
        .args(["--target", posting.to_str().unwrap(), "--format", "csv", "--sort", "score", "--as-of", AS_OF])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert!(rows.len() >= 10, "{text}");
    let scores: Vec<u32> = rows.iter().filter_map(|r| r.split(',').nth(2)?.parse().ok()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
    assert!(rows.iter().all(|r| r.split(',').nth(1) == Some("senior-data-engineer")), "{text}");
}

#[test]
fn a_resume_given_as_the_posting_is_warned_about() {
    let out = gap_check()
        .arg(fixture("resumes/senior-data-engineer.txt"))
        .args(["--target"])
        .arg(fixture("resumes/lead-ml-director.txt"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("reads like a resume"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
