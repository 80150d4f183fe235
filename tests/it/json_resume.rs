//! `--format json-resume`: the parse leaves as a JSON Resume 1.0 document that the official
//! schema (tests/json-resume/schema.json, resume-schema 1.0.0) accepts, carries no contact
//! details, and reads back through gap-check's own JSON Resume reader to the same skills.

use crate::common;

use std::collections::BTreeSet;

use common::{fixture, gap_check, json_report, root, skill_ids, AS_OF};
use serde_json::Value;

fn json_resume(file: &std::path::Path) -> Value {
    let output =
        gap_check().arg(file).args(["--format", "json-resume", "--as-of", AS_OF]).output().expect("gap-check runs");
    assert!(output.status.success(), "{}: {}", file.display(), String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", file.display(), String::from_utf8_lossy(&output.stdout)))
}

fn validator() -> jsonschema::Validator {
    let path = root().join("tests/json-resume/schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{}: not a valid draft-04 schema: {e}", path.display()))
}

const RESUMES: &[&str] = &[
    "resumes/senior-mle-team-lead.pdf",
    "resumes/senior-mle-team-lead.txt",
    "resumes/lead-ml-director.txt",
    "resumes/research-phd.txt",
    "resumes/new-grad-data-engineer.txt",
    "resumes/json-resume.json",
    "resumes/docx-resume.docx",
];

#[test]
fn the_document_is_valid_json_resume() {
    let validator = validator();
    for rel in RESUMES {
        let doc = json_resume(&fixture(rel));
        let errors: Vec<String> =
            validator.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{rel}: {errors:?}\n{doc:#}");
        assert_eq!(doc["meta"]["version"], "v1.0.0", "{rel}");
    }
    // The schema is not a rubber stamp: it refuses a misspelt top-level field and a bad date.
    let mut doc = json_resume(&fixture("resumes/senior-mle-team-lead.txt"));
    doc["work"][0]["startDate"] = Value::from("March 2020");
    assert!(!validator.is_valid(&doc));
    let mut doc = json_resume(&fixture("resumes/senior-mle-team-lead.txt"));
    doc["skillz"] = Value::Array(vec![]);
    assert!(!validator.is_valid(&doc));
}

#[test]
fn work_education_and_skills_come_from_the_parse() {
    let file = fixture("resumes/senior-mle-team-lead.pdf");
    let (report, _) = json_report(&file, &[]);
    let doc = json_resume(&file);
    let positions = report["experience"]["positions"].as_array().unwrap();
    let work = doc["work"].as_array().unwrap();
    assert_eq!(work.len(), positions.len());
    for (job, p) in work.iter().zip(positions) {
        assert_eq!(job["position"], p["title"]);
        assert_eq!(job["name"], p["company"]);
        assert_eq!(job["startDate"], p["start"]);
        // An ongoing job has no end date; a finished one ends in its last month.
        if p["ongoing"] == true {
            assert!(job.get("endDate").is_none());
        } else {
            assert_eq!(job["endDate"], p["end"]);
        }
    }
    assert_eq!(doc["education"][0]["studyType"], "Master");
    assert_eq!(doc["education"][0]["area"], report["education"]["field"]);
    let keywords: usize =
        doc["skills"].as_array().unwrap().iter().map(|s| s["keywords"].as_array().unwrap().len()).sum();
    assert_eq!(keywords, report["skills"].as_array().unwrap().len());
}

#[test]
fn no_contact_detail_leaves_and_meta_says_so() {
    for rel in RESUMES {
        let text = json_resume(&fixture(rel)).to_string();
        assert!(!text.contains('@'), "{rel}: an email address in {text}");
        for field in ["\"email\"", "\"phone\"", "\"url\"", "\"profiles\"", "\"location\""] {
            assert!(!text.contains(field), "{rel}: {field} in {text}");
        }
    }
    let doc = json_resume(&fixture("resumes/senior-mle-team-lead.txt"));
    assert!(doc["meta"]["gapCheck"]["leftOut"].as_str().unwrap().contains("contact details"));
}

#[test]
fn a_json_resume_reads_back_to_the_same_skills() {
    let dir = tempfile::tempdir().unwrap();
    for rel in RESUMES {
        let file = fixture(rel);
        let (report, _) = json_report(&file, &[]);
        let out = dir.path().join(format!("{}.json", rel.replace('/', "_")));
        std::fs::write(&out, json_resume(&file).to_string()).unwrap();
        let (back, _) = json_report(&out, &[]);
        let before: BTreeSet<String> = skill_ids(&report).into_iter().collect();
        let after: BTreeSet<String> = skill_ids(&back).into_iter().collect();
        assert!(!before.is_empty(), "{rel}: no skills to carry");
        assert_eq!(
            before,
            after,
            "{rel}: lost {:?}, gained {:?}",
            before.difference(&after),
            after.difference(&before)
        );
    }
}
