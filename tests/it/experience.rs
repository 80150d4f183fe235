//! Per-skill experience (months of use, last use, where found), its weight in the score,
//! and seniority, on fixtures written for the purpose (fixtures/purpose/).

use crate::common;

use common::{fixture, json_report};
use serde_json::Value;

fn skill<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["skills"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("{id} not found"))
}

fn outcome<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["matched"]
        .as_array()
        .unwrap()
        .iter()
        .chain(report["missing"].as_array().unwrap())
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("requirement {id} not in the report"))
}

#[test]
fn months_and_last_use_come_from_the_jobs_that_mention_a_skill() {
    let (r, _) = json_report(&fixture("purpose/skill-history.txt"), &["--target", "data-science-engineer"]);
    // PyTorch: Initech Jan 2018 - Dec 2020 (36) and Acme Jan 2021 - Nov 2026 (71), contiguous.
    assert_eq!(skill(&r, "pytorch")["months"], 107);
    assert_eq!(skill(&r, "pytorch")["last_used"], 2026);
    // Python appears in the Initech job only (and in the skills list).
    assert_eq!(skill(&r, "python")["months"], 36);
    assert_eq!(skill(&r, "python")["last_used"], 2020);
    let found_in: Vec<&str> =
        skill(&r, "python")["found_in"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(found_in, ["experience", "skills"]);
    // Java: Globex Jan 2010 - Dec 2013.
    assert_eq!(skill(&r, "java")["months"], 48);
    assert_eq!(skill(&r, "java")["last_used"], 2013);
    // Tableau is only listed.
    assert_eq!(skill(&r, "tableau")["months"], Value::Null);
    assert_eq!(skill(&r, "tableau")["last_used"], Value::Null);
}

#[test]
fn a_skill_only_listed_weighs_less_and_the_report_says_so() {
    let (r, _) = json_report(&fixture("purpose/skill-history.txt"), &["--target", "data-science-engineer"]);
    let viz = outcome(&r, "data-visualization");
    assert_eq!(viz["met"], true, "Tableau meets it");
    assert!(viz["note"].as_str().unwrap().contains("listed"), "{viz}");
    let weight = viz["weight"].as_f64().unwrap();
    assert!((viz["earned"].as_f64().unwrap() - 0.75 * weight).abs() < 0.06, "{viz}");
    assert!(viz["points"].as_f64().unwrap() > 0.0);
    // Python, used in a recent job, earns its whole weight.
    let language = outcome(&r, "programming-language");
    assert_eq!(language["earned"], language["weight"].as_f64().unwrap());
    assert!(language.get("note").is_none());
}

#[test]
fn a_skill_last_used_over_ten_years_ago_weighs_half() {
    let (r, _) = json_report(&fixture("purpose/stale-skills.txt"), &["--target", "data-engineer"]);
    // Java only in the 2008 - 2012 job: its last month is Dec 2011.
    assert_eq!(skill(&r, "java")["last_used"], 2011);
    let language = outcome(&r, "programming-language");
    assert_eq!(language["met"], true);
    assert!(language["note"].as_str().unwrap().contains("last used in 2011"), "{language}");
    let weight = language["weight"].as_f64().unwrap();
    assert!((language["earned"].as_f64().unwrap() - weight / 2.0).abs() < 0.06, "{language}");
}

#[test]
fn seniority_from_titles_dates_and_lead_lines() {
    let (r, _) = json_report(&fixture("purpose/skill-history.txt"), &["--target", "lead-ml"]);
    let s = &r["seniority"];
    assert_eq!(s["highest_level"], "senior");
    assert!(s["highest_title"].as_str().unwrap().starts_with("Senior Machine Learning Engineer"));
    assert_eq!(s["months_at_highest_level"], 71);
    // The Acme job holds the "Led a team of 4" line.
    assert_eq!(s["leadership_months"], 71);
    assert_eq!(s["management_level"], "team-lead");
    assert_eq!(r["progression"]["next_role"], "lead-ml");
}

#[test]
fn years_of_leading_people_make_an_untitled_engineer_senior_and_close_to_lead() {
    let (r, _) = json_report(&fixture("purpose/untitled-lead.txt"), &["--target", "lead-ml"]);
    // Jan 2017 - Nov 2026 = 119 months; the lead lines sit in the 2019 - Present job (95 months).
    assert_eq!(r["experience"]["months"], 119);
    assert_eq!(r["seniority"]["leadership_months"], 95);
    assert_eq!(r["seniority"]["highest_level"], Value::Null, "no title names a level");
    assert_eq!(r["progression"]["current_level"], "senior");
    assert_eq!(r["progression"]["next_role"], "lead-ml");
}

#[test]
fn a_new_graduate_is_not_close_to_lead() {
    let (r, _) = json_report(&fixture("resumes/new-grad-data-engineer.txt"), &["--target", "lead-ml"]);
    assert_eq!(r["seniority"]["leadership_months"], 0);
    assert_eq!(r["seniority"]["management_level"], "none");
    assert_eq!(r["progression"]["current_level"], "entry");
    assert_ne!(r["progression"]["next_role"], "lead-ml");
}
