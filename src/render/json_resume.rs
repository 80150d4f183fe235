//! `--format json-resume`: the parse as a JSON Resume 1.0 document (jsonresume.org), the open
//! format resume builders import and export, so a resume read by gap-check can leave in a
//! standard shape: `work[]` (position, name = the employer, startDate, endDate), `education[]`
//! (studyType, area), `skills[]` (the skills found as keywords: the core skills, then the wider technologies).
//! Contact fields (name, email, phone, url, location, profiles) are left out, as in every
//! other output, and `meta` says so. Skills are named by their taxonomy names, which gap-check
//! reads back as the same skills (`tests/it/json_resume.rs` checks the round trip and the schema).

use serde_json::{json, Map, Value};

use crate::report::{Degree, Report, Tier};

/// The schema version the document follows (resume-schema 1.0.0).
pub const JSON_RESUME_VERSION: &str = "v1.0.0";

const LEFT_OUT: &str =
    "contact details (basics.name, email, phone, url, location, profiles) are never written by gap-check";

fn degree_name(d: Degree) -> Option<&'static str> {
    match d {
        Degree::None => None,
        Degree::Associate => Some("Associate"),
        Degree::Bachelor => Some("Bachelor"),
        Degree::Master => Some("Master"),
        Degree::Phd => Some("PhD"),
    }
}

pub fn document(report: &Report) -> Value {
    let mut doc = Map::new();
    if let Some(title) = &report.progression.current_title {
        doc.insert("basics".into(), json!({ "label": title }));
    }
    let work: Vec<Value> = report
        .experience
        .positions
        .iter()
        .map(|p| {
            let mut job = Map::new();
            if let Some(title) = &p.title {
                job.insert("position".into(), json!(title));
            }
            if let Some(company) = &p.company {
                job.insert("name".into(), json!(company));
            }
            job.insert("startDate".into(), json!(p.start));
            // An ongoing job has no end date in JSON Resume: readers take it as "present".
            if !p.ongoing {
                job.insert("endDate".into(), json!(p.end));
            }
            Value::Object(job)
        })
        .collect();
    if !work.is_empty() {
        doc.insert("work".into(), Value::Array(work));
    }
    let education = &report.education;
    if let Some(kind) = degree_name(education.highest_degree) {
        let mut school = Map::new();
        school.insert("studyType".into(), json!(kind));
        if let Some(field) = &education.field {
            school.insert("area".into(), json!(field));
        }
        doc.insert("education".into(), json!([Value::Object(school)]));
    }
    // Two entries, by tier, rather than one per category: a category's name can itself name
    // a skill ("Communication and soft skills", "Cloud platforms") and would add that skill
    // when the document is read back.
    let names =
        |tier: Tier| report.skills.iter().filter(|s| s.tier == tier).map(|s| s.name.as_str()).collect::<Vec<_>>();
    let skills: Vec<Value> = [(Tier::Core, "Skills"), (Tier::Technology, "Tools and technologies")]
        .into_iter()
        .map(|(tier, label)| (label, names(tier)))
        .filter(|(_, names)| !names.is_empty())
        .map(|(label, names)| json!({ "name": label, "keywords": names }))
        .collect();
    if !skills.is_empty() {
        doc.insert("skills".into(), Value::Array(skills));
    }
    doc.insert(
        "meta".into(),
        json!({
            "version": JSON_RESUME_VERSION,
            "gapCheck": {
                "toolVersion": env!("CARGO_PKG_VERSION"),
                "source": report.input.path,
                "sha256": report.input.sha256,
                "leftOut": LEFT_OUT,
            }
        }),
    );
    Value::Object(doc)
}

/// One document, pretty-printed, for one resume; one compact document per line for several.
pub fn render(report: &Report, many: bool) -> String {
    let doc = document(report);
    // A tree of strings: serialisation cannot fail.
    let text = if many { serde_json::to_string(&doc) } else { serde_json::to_string_pretty(&doc) };
    text.map(|t| t + "\n").unwrap_or_default()
}
