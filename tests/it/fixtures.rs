//! Every resume in fixtures/resumes/ against the expectations written by hand, from reading
//! the resume, in fixtures/expected/<file>.toml.

use crate::common;

use std::collections::BTreeSet;

use common::{fixture, json_record, json_report, skill_ids, text_record};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
struct Expected {
    file: String,
    as_of: String,
    target: String,
    #[serde(default)]
    skills_present: Vec<String>,
    #[serde(default)]
    skills_absent: Vec<String>,
    #[serde(default)]
    fuzzy_skills: Vec<String>,
    years_min: f64,
    years_max: f64,
    highest_degree: String,
    leadership: bool,
    current_role: Option<String>,
    current_level: Option<String>,
    next_role: Option<String>,
    next_level: Option<String>,
    #[serde(default)]
    missing_skills: Vec<String>,
    #[serde(default)]
    contact: Vec<String>,
}

fn expectations() -> Vec<(String, Expected)> {
    let dir = common::root().join("fixtures/expected");
    let mut all: Vec<(String, Expected)> = std::fs::read_dir(&dir)
        .expect("fixtures/expected exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.file_name().is_some_and(|n| n != "broken.toml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            let expected: Expected = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_name().unwrap().to_string_lossy().into_owned(), expected)
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn str_field<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(k)).and_then(Value::as_str)
}

/// Checks one resume, collecting every mismatch so one run shows them all.
fn check(name: &str, e: &Expected) -> Vec<String> {
    assert_eq!(e.as_of, common::AS_OF, "{name}: expectations use one fixed date");
    let path = fixture(&e.file);
    // In process (common::in_process): the same entry and renderer as the binary, without
    // starting it twice per resume.
    let (report, code) = json_record(&path, &["--target", &e.target]);
    let mut problems = Vec::new();
    let mut fail = |msg: String| problems.push(format!("{name}: {msg}"));
    if code != 0 {
        fail(format!("exit {code}: {report}"));
        return problems;
    }
    let found: BTreeSet<String> = skill_ids(&report).into_iter().collect();
    for id in e.skills_present.iter().chain(&e.fuzzy_skills) {
        if !found.contains(id) {
            fail(format!("skill '{id}' not found"));
        }
    }
    for id in &e.skills_absent {
        if found.contains(id) {
            let evidence = report["skills"]
                .as_array()
                .and_then(|a| a.iter().find(|s| s["id"] == id.as_str()))
                .map(|s| s["evidence"].to_string());
            fail(format!("skill '{id}' found but the resume does not show it: {}", evidence.unwrap_or_default()));
        }
    }
    for id in &e.fuzzy_skills {
        let skill = report["skills"].as_array().and_then(|a| a.iter().find(|s| s["id"] == id.as_str()));
        if let Some(skill) = skill {
            if skill["fuzzy"] != true || skill["confidence"].as_f64().unwrap_or(1.0) >= 1.0 {
                fail(format!("skill '{id}' should be a fuzzy match with lower confidence: {skill}"));
            }
        }
    }
    match report["experience"]["years"].as_f64() {
        Some(y) if y >= e.years_min && y <= e.years_max => {}
        other => fail(format!("years {other:?}, expected {}..{}", e.years_min, e.years_max)),
    }
    if str_field(&report, &["education", "highest_degree"]) != Some(e.highest_degree.as_str()) {
        fail(format!("degree {:?}, expected {}", report["education"]["highest_degree"], e.highest_degree));
    }
    let led = report["leadership"]["evidence"].as_array().is_some_and(|a| !a.is_empty());
    if led != e.leadership {
        fail(format!("leadership {led}, expected {}: {}", e.leadership, report["leadership"]["evidence"]));
    }
    let progression = &report["progression"];
    for (field, want) in
        [("current_role", &e.current_role), ("current_level", &e.current_level), ("next_role", &e.next_role)]
    {
        let got = progression[field].as_str();
        if got != want.as_deref() {
            fail(format!("progression.{field} {got:?}, expected {want:?}"));
        }
    }
    if let Some(level) = &e.next_level {
        if progression["next_level"].as_str() != Some(level.as_str()) {
            fail(format!("progression.next_level {:?}, expected {level}", progression["next_level"]));
        }
    }
    let missing_members: BTreeSet<&str> = report["missing"]
        .as_array()
        .map(|a| {
            a.iter().flat_map(|m| m["any_of"].as_array().into_iter().flatten().filter_map(Value::as_str)).collect()
        })
        .unwrap_or_default();
    for id in &e.missing_skills {
        if !missing_members.contains(id.as_str()) {
            fail(format!("'{id}' should be part of a missing requirement for {}", e.target));
        }
    }
    // Contact details never appear, in JSON or in the text report.
    let json = report.to_string();
    let text = text_record(&path, &["--target", &e.target]);
    for detail in &e.contact {
        if json.contains(detail.as_str()) || text.contains(detail.as_str()) {
            fail(format!("contact detail '{detail}' appears in the output"));
        }
    }
    problems
}

#[test]
fn every_fixture_reads_as_a_careful_reader_would() {
    let all = expectations();
    assert!(all.len() >= 12, "at least a dozen resumes have expectations");
    let problems: Vec<String> = all.iter().flat_map(|(name, e)| check(name, e)).collect();
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_resume_fixture_has_expectations() {
    let names: BTreeSet<String> =
        expectations().into_iter().map(|(_, e)| e.file.trim_start_matches("resumes/").to_string()).collect();
    for entry in std::fs::read_dir(fixture("resumes")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(names.contains(&name), "fixtures/resumes/{name} has no fixtures/expected/{name}.toml");
    }
}

#[test]
fn the_pdf_and_its_text_source_give_the_same_findings() {
    let (pdf, _) = json_report(&fixture("resumes/senior-mle-team-lead.pdf"), &["--target", "lead-ml"]);
    let (txt, _) = json_report(&fixture("resumes/senior-mle-team-lead.txt"), &["--target", "lead-ml"]);
    assert_eq!(skill_ids(&pdf), skill_ids(&txt));
    assert_eq!(pdf["score"], txt["score"]);
    assert_eq!(pdf["experience"]["months"], txt["experience"]["months"]);
}

#[test]
fn two_column_pdf_keeps_column_words_apart() {
    let (report, _) = json_report(&fixture("resumes/two-column.pdf"), &["--target", "data-engineer"]);
    let ids = skill_ids(&report);
    for id in ["docker", "kubernetes", "python", "spark", "airflow"] {
        assert!(ids.contains(&id.to_string()), "{id} lost in the two-column layout: {ids:?}");
    }
    // Each skill of the left column is evidenced by a line of its own, not glued to the right column.
    let docker = report["skills"].as_array().unwrap().iter().find(|s| s["id"] == "docker").unwrap();
    let line = docker["evidence"][0]["text"].as_str().unwrap();
    assert!(line.len() < 40, "left-column line mixed with the right column: {line:?}");
}
