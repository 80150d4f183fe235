//! The published JSON contract, field by field. The field list is the schema's
//! (`schema/report.schema.json`, generated from the report types): every field path it
//! publishes must show up in real reports of the fixtures, and every path a real report
//! carries must be published, so renaming, dropping or adding a field without the schema
//! fails here. A breaking change bumps `schema_version` and is recorded in CHANGELOG.md.

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

fn report_schema() -> Value {
    let text = std::fs::read_to_string(common::root().join("schema/report.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The schema node a `$ref` ("#/$defs/name") points to.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.strip_prefix("#/$defs/").unwrap_or_else(|| panic!("unexpected $ref {reference}"));
            resolve(root, &root["$defs"][name])
        }
        None => node,
    }
}

/// Every field path the schema publishes under `node`, in the notation of [`paths`].
fn schema_paths(root: &Value, node: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let node = resolve(root, node);
    for branch in ["oneOf", "anyOf"] {
        for alternative in node.get(branch).and_then(Value::as_array).into_iter().flatten() {
            schema_paths(root, alternative, prefix, out);
        }
    }
    if let Some(items) = node.get("items") {
        schema_paths(root, items, &format!("{prefix}[]"), out);
    }
    for (key, property) in node.get("properties").and_then(Value::as_object).into_iter().flatten() {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        out.insert(path.clone());
        schema_paths(root, property, &path, out);
    }
}

fn published(branch: &str) -> BTreeSet<String> {
    let root = report_schema();
    let mut out = BTreeSet::new();
    schema_paths(&root, &root["$defs"][branch], "", &mut out);
    assert!(out.len() > 100 || branch != "report", "the report schema lists only {} paths", out.len());
    out
}

/// Published report fields no sample shows: `ocr_confidence` needs Tesseract (the OCR tests
/// check it where it is installed); a source's `line` and `text` are a posting's, and advice
/// comes from the taxonomy's documents only; a skill requirement with `met_by` is met, so
/// never in `missing[]` (the three share the types of `matched[]` and `source[]`).
const NOT_SHOWN: &[&str] = &[
    "input.ocr_confidence",
    "matched[].advice[].line",
    "matched[].advice[].text",
    "missing[].advice[].line",
    "missing[].advice[].text",
    "missing[].met_by",
];

/// Reports that between them show every field: a lead with leadership, positions and gaps; a
/// resume whose current title O*NET knows; a posting as target (lines, years, degree); a
/// resume with no skill of the target (the score cap); jobs named without dates; and a batch whose second file repeats
/// the first under a name that is not UTF-8 (`duplicate_of`, `path_bytes`).
fn sample_reports() -> Vec<Value> {
    let mut reports = vec![
        common::json_report(&common::fixture("resumes/lead-ml-director.txt"), &["--target", "lead-ml"]).0,
        common::json_report(&common::fixture("resumes/senior-mle-team-lead.txt"), &["--target", "lead-ml"]).0,
        common::json_report(&common::fixture("resumes/lead-ml-director.txt"), &[]).0,
        common::json_report(
            &common::fixture("resumes/senior-data-engineer.txt"),
            &["--target", common::fixture("postings/senior-data-engineer.md").to_str().unwrap()],
        )
        .0,
    ];
    for file in std::fs::read_dir(common::fixture("outside")).unwrap() {
        reports.push(common::json_report(&file.unwrap().path(), &["--target", "lead-ml"]).0);
    }
    let (capped, _) = common::json_report(&common::fixture("positions/stated-total.txt"), &[]);
    assert_eq!(capped["score_detail"]["capped_at"], 20, "{}", capped["score_detail"]);
    reports.push(capped);
    reports.push(undated_jobs());
    reports.extend(batch_with_a_repeat());
    reports
}

/// A resume whose two jobs carry no dates: `experience.undated_positions[]`.
fn undated_jobs() -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("undated.txt");
    let text = "Jane Doe\n\nSummary\nData engineer building pipelines in Python and SQL.\n\nExperience\n\n\
                Senior Data Engineer\nAcme Analytics, Austin, TX\nBuilt Spark pipelines in Python and SQL on AWS.\n\n\
                Data Analyst\nGlobex\nReported with SQL and Tableau.\n\nEducation\nB.S. Computer Science\n";
    std::fs::write(&file, text).unwrap();
    let (report, _) = common::json_report(&file, &[]);
    let undated = report["experience"]["undated_positions"].as_array().unwrap();
    assert_eq!(undated.len(), 2, "{}", report["experience"]);
    assert_eq!(undated[0]["title"], "Senior Data Engineer");
    assert_eq!(undated[0]["company"], "Acme Analytics");
    report
}

fn batch_with_a_repeat() -> Vec<Value> {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let original = common::fixture("resumes/research-phd.txt");
    let copy = dir.path().join(std::ffi::OsStr::from_bytes(b"copy-\xff.txt"));
    std::fs::copy(&original, &copy).unwrap();
    let out = common::gap_check()
        .arg(&original)
        .arg(&copy)
        .args(["--format", "ndjson", "--as-of", common::AS_OF])
        .output()
        .unwrap();
    let records: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(records[1]["input"]["duplicate_of"]["basis"], "same-file");
    assert!(records[1]["input"]["path_bytes"].as_str().unwrap().contains("ff"), "{}", records[1]["input"]);
    records
}

#[test]
fn every_published_field_is_in_a_report_and_every_field_is_published() {
    let schema = published("report");
    let mut found = BTreeSet::new();
    for report in sample_reports() {
        assert!(report.get("error").is_none(), "{report}");
        paths(&report, "", &mut found);
    }
    let unshown: Vec<&String> =
        schema.iter().filter(|p| !found.contains(*p) && !NOT_SHOWN.contains(&p.as_str())).collect();
    assert!(unshown.is_empty(), "published fields no sample report carries: {unshown:?}");
    let unpublished: Vec<&String> = found.difference(&schema).collect();
    assert!(unpublished.is_empty(), "report fields schema/report.schema.json does not publish: {unpublished:?}");

    // The fields this contract is most often read by, named once more so that a schema
    // which lost them fails here too.
    for field in [
        "schema_version",
        "target.kind",
        "skills[].tier",
        "skills[].evidence_total",
        "leadership.evidence_total",
        "experience.positions_total",
        "explanation.summary",
        "explanation.rule",
        "explanation.items[].effect",
        "explanation.items[].points_added",
        "explanation.items[].points_left_out",
        "explanation.items[].sentence",
        "explanation.not_used",
        "input.text_sha256",
        "score_detail.skill_fit",
    ] {
        assert!(schema.contains(field) && found.contains(field), "{field}");
    }
}

#[test]
fn the_enumerated_values_are_the_published_ones() {
    let root = report_schema();
    let values = |def: &str, field: &str| -> Vec<String> {
        let def = &root["$defs"][def];
        let node = resolve(&root, &def["properties"][field]);
        let node = node.get("oneOf").and_then(|b| b.as_array()).map_or(node, |b| resolve(&root, &b[0]));
        node["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{field}: {node}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let within = |value: &Value, allowed: &[String], what: &str| {
        assert!(allowed.iter().any(|a| value == a), "{what} = {value}, not one of {allowed:?}");
    };
    for report in sample_reports() {
        within(&report["target"]["kind"], &values("target", "kind"), "target.kind");
        within(&report["target"]["chosen"], &values("target", "chosen"), "target.chosen");
        within(&report["document"]["kind"], &values("document", "kind"), "document.kind");
        within(&report["seniority"]["management_level"], &values("seniority", "management_level"), "management_level");
        within(&report["progression"]["basis"], &values("progression", "basis"), "progression.basis");
        within(&report["progression"]["standing_basis"], &values("progression", "standing_basis"), "standing_basis");
        within(&report["experience"]["basis"], &values("experience", "basis"), "experience.basis");
        for s in report["skills"].as_array().unwrap() {
            within(&s["match"], &values("skill", "match"), "skills[].match");
            within(&s["tier"], &values("skill", "tier"), "skills[].tier");
            let total = s["evidence_total"].as_u64().unwrap();
            assert!(total >= s["evidence"].as_array().unwrap().len() as u64, "{s}");
        }
        for item in report["explanation"]["items"].as_array().unwrap() {
            within(&item["effect"], &values("explanation_item", "effect"), "explanation.items[].effect");
        }
    }
    let (best_fit, _) = common::json_report(&common::fixture("resumes/lead-ml-director.txt"), &[]);
    assert_eq!(best_fit["target"]["chosen"], "best-fit");
    assert_eq!(best_fit["target"]["kind"], "role");
    let tiers: BTreeSet<&str> =
        best_fit["skills"].as_array().unwrap().iter().map(|s| s["tier"].as_str().unwrap()).collect();
    assert!(tiers.contains("core"), "{tiers:?}");
}

#[test]
fn an_error_record_has_its_fields() {
    let published = published("error_record");
    let codes: Vec<String> = {
        let root = report_schema();
        let code = resolve(&root, &root["$defs"]["error"]["properties"]["code"]).clone();
        code["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
    };
    for (file, code) in [("broken/empty.txt", "empty"), ("broken/password.pdf", "encrypted")] {
        let (record, _) = common::json_report(&common::fixture(file), &[]);
        let mut found = BTreeSet::new();
        paths(&record, "", &mut found);
        for field in ["schema_version", "input.path", "error", "error.code", "error.message"] {
            assert!(found.contains(field), "{field} missing from {record}");
            assert!(published.contains(field), "{field} is not published for error records");
        }
        let unpublished: Vec<&String> = found.difference(&published).collect();
        assert!(unpublished.is_empty(), "{file}: unpublished fields {unpublished:?}");
        assert_eq!(record["error"]["code"], code, "{file}");
        assert!(codes.iter().any(|c| c == code), "{code} is not in the schema's error codes {codes:?}");
        assert!(!record["error"]["message"].as_str().unwrap().is_empty());
    }
}
