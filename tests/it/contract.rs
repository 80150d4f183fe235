//! The published JSON contract, field by field: every path HR tooling may read is spelled
//! out here by hand, so renaming or dropping a field fails this test (adding one does not).
//! A breaking change bumps `schema_version` and is recorded in CHANGELOG.md.

use crate::common;

use std::collections::BTreeSet;

use serde_json::Value;

fn paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                out.insert(path.clone());
                paths(v, &path, out);
            }
        }
        Value::Array(items) => {
            for v in items {
                paths(v, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

const REPORT_FIELDS: &[&str] = &[
    "schema_version",
    "as_of",
    "document.kind",
    "document.reason",
    "input.path",
    "input.format",
    "input.sha256",
    "input.text_sha256",
    "input.lines",
    "input.ocr",
    "skills[].id",
    "skills[].name",
    "skills[].category",
    "skills[].confidence",
    "skills[].match",
    "skills[].fuzzy",
    "skills[].months",
    "skills[].last_used",
    "skills[].found_in",
    "skills[].evidence[].line",
    "skills[].evidence[].section",
    "skills[].evidence[].text",
    "skills[].evidence[].matched",
    "skills[].evidence[].match",
    "skills[].esco[].uri",
    "skills[].esco[].label",
    "skills[].esco[].match",
    "skills[].onet[].code",
    "skills[].onet[].title",
    "skills[].onet[].example",
    "target.id",
    "target.title",
    "target.chosen",
    "target.onet_soc[].code",
    "target.onet_soc[].title",
    "target.onet_soc[].match",
    "target.esco[].uri",
    "target.esco[].label",
    "target.esco[].match",
    "score",
    "score_detail.earned_weight",
    "score_detail.total_weight",
    "score_detail.formula",
    "score_detail.skill_fit",
    "matched[].id",
    "matched[].kind",
    "matched[].label",
    "matched[].importance",
    "matched[].weight",
    "matched[].earned",
    "matched[].met",
    "matched[].any_of",
    "matched[].met_by",
    "matched[].source[].document",
    "matched[].source[].section",
    "matched[].points",
    "missing[].id",
    "missing[].kind",
    "missing[].importance",
    "missing[].weight",
    "missing[].points",
    "missing[].source[].document",
    "missing[].source[].section",
    "experience.years",
    "experience.months",
    "experience.positions[].line",
    "experience.positions[].start",
    "experience.positions[].end",
    "experience.positions[].ongoing",
    "experience.positions[].months",
    "experience.positions[].title",
    "experience.positions[].company",
    "experience.positions[].location",
    "experience.positions[].title_family",
    "experience.positions[].title_level",
    "experience.basis",
    "experience.stated_years",
    "experience.undated_positions",
    "education.highest_degree",
    "education.field",
    "education.line",
    "leadership.evidence[].line",
    "leadership.evidence[].text",
    "seniority.highest_level",
    "seniority.highest_title",
    "seniority.months_at_highest_level",
    "seniority.leadership_months",
    "seniority.management_level",
    "progression.current_role",
    "progression.current_title",
    "progression.current_level",
    "progression.basis",
    "progression.standing_basis",
    "progression.position_line",
    "progression.standing_reason",
    "progression.next_role",
    "progression.next_title",
    "progression.next_level",
    "progression.goal_role",
    "progression.goal_title",
    "progression.outside_families",
    "progression.change_of_field",
    "progression.actions[].requirement",
    "progression.actions[].action",
    "progression.actions[].points",
    "progression.actions[].importance",
    "progression.actions[].source[].document",
    "progression.actions[].source[].section",
    "ranking[].id",
    "ranking[].title",
    "ranking[].score",
    "ranking[].skill_fit",
];

#[test]
fn every_published_field_is_in_a_report() {
    // A lead with a leadership bar, positions, skills, notes and missing requirements: every
    // field has a value to show.
    let (report, _) = common::json_report(&common::fixture("resumes/lead-ml-director.txt"), &["--target", "lead-ml"]);
    let mut found = BTreeSet::new();
    paths(&report, "", &mut found);
    let missing: Vec<&&str> = REPORT_FIELDS.iter().filter(|p| !found.contains(**p)).collect();
    assert!(missing.is_empty(), "contract fields not in the report: {missing:?}");
}

/// Fields only a resume whose current title O*NET knows can show.
const TITLE_FIELDS: &[&str] = &[
    "progression.current_onet_soc[].code",
    "progression.current_onet_soc[].title",
    "progression.current_onet_soc[].match",
    "progression.current_onet_soc[].matched_title",
];

#[test]
fn the_title_occupation_fields_are_in_a_report() {
    let (report, _) =
        common::json_report(&common::fixture("resumes/senior-mle-team-lead.txt"), &["--target", "lead-ml"]);
    let mut found = BTreeSet::new();
    paths(&report, "", &mut found);
    let missing: Vec<&&str> = TITLE_FIELDS.iter().filter(|p| !found.contains(**p)).collect();
    assert!(missing.is_empty(), "contract fields not in the report: {missing:?}");
}

/// Fields only a batch's repeat of an earlier record carries.
const DUPLICATE_FIELDS: &[&str] = &["input.duplicate_of.path", "input.duplicate_of.basis"];

#[test]
fn the_duplicate_fields_are_in_a_batchs_repeat() {
    let file = common::fixture("resumes/research-phd.txt");
    let out = common::gap_check()
        .args([&file, &file])
        .args(["--format", "ndjson", "--as-of", common::AS_OF])
        .output()
        .unwrap();
    let records: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut found = BTreeSet::new();
    paths(&records[1], "", &mut found);
    let missing: Vec<&&str> = DUPLICATE_FIELDS.iter().filter(|p| !found.contains(**p)).collect();
    assert!(missing.is_empty(), "contract fields not in the repeat: {missing:?}");
    assert!(["same-file", "same-text"].contains(&records[1]["input"]["duplicate_of"]["basis"].as_str().unwrap()));
}

#[test]
fn the_enumerated_values_are_the_published_ones() {
    let (report, _) = common::json_report(&common::fixture("resumes/lead-ml-director.txt"), &[]);
    assert_eq!(report["target"]["chosen"], "best-fit");
    assert!(["none", "mentor", "team-lead", "manager", "director"]
        .contains(&report["seniority"]["management_level"].as_str().unwrap()));
    assert!(["title", "skills"].contains(&report["progression"]["basis"].as_str().unwrap()));
    assert!(["latest-title", "role-line", "headline", "none"]
        .contains(&report["progression"]["standing_basis"].as_str().unwrap()));
    assert!(["dates", "stated", "none"].contains(&report["experience"]["basis"].as_str().unwrap()));
    for s in report["skills"].as_array().unwrap() {
        assert!(["exact", "context", "signal", "described", "spacing", "fuzzy", "implied"]
            .contains(&s["match"].as_str().unwrap()));
    }
}

#[test]
fn an_error_record_has_its_fields() {
    let (record, _) = common::json_report(&common::fixture("broken/empty.txt"), &[]);
    let mut found = BTreeSet::new();
    paths(&record, "", &mut found);
    for field in ["schema_version", "input.path", "error"] {
        assert!(found.contains(field), "{field} missing from {record}");
    }
}
