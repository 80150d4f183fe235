//! Skills read from the work a resume describes (issue 17), on small fixtures written for
//! these tests: each class of described work is found where it is written, in active,
//! passive or noun form and across a line wrap, and not where the same words mean something
//! else; an employer's line is not a skill; headings as real resumes write them; a name in
//! context (an acronym the resume spells otherwise, a title in the plural, a skill with its
//! years, a list of tools in lower case, a product of a skill).

use crate::common;

use common::{fixture, json_report, skill_ids};
use serde_json::Value;

fn report(name: &str) -> Value {
    json_report(&fixture(&format!("described/{name}")), &[]).0
}

/// The evidence line texts of a skill in a report.
fn evidence(report: &Value, id: &str) -> Vec<String> {
    report["skills"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["id"] == id)
        .flat_map(|s| s["evidence"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e["text"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn each_class_of_described_work_is_a_skill_with_the_line_that_describes_it() {
    let r = report("described-work.txt");
    for (id, line) in [
        ("model-deployment", "Deployed the demand model to production"),
        ("model-deployment", "models were deployed on SageMaker"),
        ("model-deployment", "Owned the deployment of ML models"),
        ("model-monitoring", "model drift is"),
        ("model-evaluation", "Evaluated candidate models on a held-out quarter"),
        ("hyperparameter-tuning", "Tuned hyperparameters with Optuna"),
        ("data-analysis", "Analysed claims datasets"),
        ("project-management", "Managed 4 projects end to end"),
        ("data-modeling", "Designed the logical data model"),
        ("software-engineering", "Developed REST APIs in Go"),
        ("communication", "Dealt directly with clients"),
        ("collaboration", "Worked closely with product and design teams"),
        ("research-publications", "Filed 2 patents on route batching"),
    ] {
        let lines = evidence(&r, id);
        assert!(lines.iter().any(|l| l.contains(line)), "{id}: no evidence line with '{line}' in {lines:?}");
    }
    // "watched for drift" wraps onto "monitored weekly": the first line is the evidence.
    assert!(evidence(&r, "model-monitoring").iter().any(|l| l.contains("watched for drift")));
    for id in ["model-deployment", "model-evaluation", "data-analysis"] {
        let skill = r["skills"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap();
        assert_eq!(skill["match"], "described", "{id}");
    }
}

#[test]
fn the_same_words_about_other_things_are_not_these_skills() {
    let r = report("not-described.txt");
    let ids = skill_ids(&r);
    for id in [
        "model-deployment",
        "model-evaluation",
        "hyperparameter-tuning",
        "data-analysis",
        "project-management",
        "research-publications",
        "software-engineering",
    ] {
        assert!(!ids.contains(&id.to_string()), "{id} found: {:?}", evidence(&r, id));
    }
    // An employer's line followed by its city is not the design tool; nor is an employer
    // named after the title on a job's line ("Product Analyst, Tableau • Seattle").
    assert!(!ids.contains(&"figma".to_string()), "{ids:?}");
    assert!(!ids.contains(&"tableau".to_string()), "{:?}", evidence(&r, "tableau"));
    // Detectron2 is itself, not the YOLO family it was once filed under.
    assert!(ids.contains(&"detectron2".to_string()) && !ids.contains(&"yolo".to_string()), "{ids:?}");
}

#[test]
fn leading_people_written_as_titles_and_nouns_and_the_strongest_line_quoted() {
    let r = report("leading-people.txt");
    let lines: Vec<String> = r["leadership"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect();
    assert!(lines[0].contains("Manage a team of 22 nurses"), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("Team Lead of six engineers")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("be a mentor")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("explaining care plans")), "{lines:?}");
    let ids = skill_ids(&r);
    assert!(ids.contains(&"team-leadership".to_string()) && ids.contains(&"mentoring".to_string()), "{ids:?}");
}

#[test]
fn letter_spaced_and_joined_headings_keep_their_skills_and_product_names_in_any_surface_form() {
    let r = report("leading-people.txt");
    let ids = skill_ids(&r);
    for id in ["pytorch", "scikit-learn", "tableau"] {
        assert!(ids.contains(&id.to_string()), "{id} missing from {ids:?}");
    }
    let skill = r["skills"].as_array().unwrap().iter().find(|s| s["id"] == "tableau").unwrap();
    assert_eq!(skill["found_in"][0], "skills", "'Skills & Training' is a skills section: {skill}");
}

#[test]
fn names_are_read_in_their_context_and_in_their_surface_forms() {
    let r = report("context-and-variants.txt");
    let ids = skill_ids(&r);
    let has = |id: &str| ids.contains(&id.to_string());
    // The headline names the employer, as the job does: Snowflake is not her tool.
    assert!(!has("snowflake"), "{:?}", evidence(&r, "snowflake"));
    // "with project managers": colleagues, not project management.
    assert!(!has("project-management"), "{:?}", evidence(&r, "project-management"));
    // A skill with its years, a labelled list of languages, and "C ++".
    for id in ["c", "r", "java", "cpp"] {
        assert!(has(id), "{id} missing from {ids:?}");
    }
    // Version control written as the systems used, and "Performed" is no Perforce.
    let kept = evidence(&r, "version-control");
    assert!(kept.iter().any(|l| l.contains("ClearCase, later Perforce")), "{kept:?}");
    assert!(!kept.iter().any(|l| l.contains("Performed")), "{kept:?}");
    // A list of tools in lower case.
    assert!(has("spark") && has("scala"), "{ids:?}");
    // A product shows the skill it is a product of.
    assert!(evidence(&r, "javascript").iter().any(|l| l.contains("AngularJS")), "{ids:?}");
    // Google Cloud from App Engine only: "GCP (Global Carrier Portal)" spells GCP otherwise.
    assert_eq!(evidence(&r, "google-cloud"), vec!["- Moved the label service to App Engine."]);
    // Communication written as sessions with customers and a presentation of findings.
    let said = evidence(&r, "communication");
    assert!(said.iter().any(|l| l.contains("onboarding sessions with customers")), "{said:?}");
    assert!(said.iter().any(|l| l.contains("presentation of incident findings")), "{said:?}");
}
