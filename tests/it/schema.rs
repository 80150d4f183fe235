//! The JSON report is a published contract described by `schema/report.schema.json`: every
//! record the real binary prints for the fixtures (reports, with and without a target, and
//! error records) must validate against it, and the schema must reject a broken report.

use crate::common;

use std::path::{Path, PathBuf};

use common::{fixture, json_report, root};
use jsonschema::Validator;
use serde_json::Value;

fn schema() -> Value {
    let path = root().join("schema/report.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

fn validator(schema: &Value) -> Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("schema/report.schema.json is not a valid draft 2020-12 schema: {e}"))
}

/// A validator for one branch of the top-level `oneOf` (`report` or `error_record`), so a
/// failure lists the real errors instead of "not valid under any of the schemas".
fn branch_validator(schema: &Value, branch: &str) -> Validator {
    let mut schema = schema.clone();
    let obj = schema.as_object_mut().expect("the schema is an object");
    obj.remove("oneOf");
    obj.insert("$ref".into(), Value::String(format!("#/$defs/{branch}")));
    validator(&schema)
}

/// Every error of `instance` against the schema, one line each; empty when it is valid.
fn errors(schema: &Value, full: &Validator, instance: &Value) -> Vec<String> {
    if full.is_valid(instance) {
        return vec![];
    }
    let branch = if instance.get("error").is_some() { "error_record" } else { "report" };
    let branch_validator = branch_validator(schema, branch);
    let mut out: Vec<String> = branch_validator
        .iter_errors(instance)
        .map(|e| format!("  at '{}' (schema {}): {e}", e.instance_path, e.schema_path))
        .collect();
    if out.is_empty() {
        // Valid as its own branch, so it is the `oneOf` itself that fails (e.g. both match).
        out = full.iter_errors(instance).map(|e| format!("  at '{}': {e}", e.instance_path)).collect();
    }
    out.insert(0, format!("  (checked as {branch})"));
    out
}

fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
        .unwrap_or_else(|e| panic!("fixtures/{dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

#[test]
fn every_fixture_record_validates_against_the_schema() {
    let schema = schema();
    let full = validator(&schema);
    let mut checked = 0;
    let mut failures = Vec::new();

    let resumes = files_in("resumes");
    assert!(resumes.len() >= 10, "expected the resume fixtures, found {}", resumes.len());
    for file in &resumes {
        for extra in [&[][..], &["--target", "lead-ml"][..]] {
            // In process (common::in_process): what the binary prints, without starting it
            // once per record.
            let (record, code) = common::json_record(file, extra);
            let label = [name(file), extra.join(" ")].join(" ").trim_end().to_string();
            assert_eq!(code, 0, "{label}: exit code");
            assert!(record.get("error").is_none(), "{label}: a readable resume gave an error record: {record}");
            let errs = errors(&schema, &full, &record);
            if !errs.is_empty() {
                failures.push(format!("{label}:\n{}", errs.join("\n")));
            }
            checked += 1;
        }
    }

    // The unreadable inputs are the ones fixtures/expected/broken.toml lists (broken/ also
    // holds a PDF that only pdf-extract cannot read; gap-check reads it).
    let listed: toml::Value =
        toml::from_str(&std::fs::read_to_string(fixture("expected/broken.toml")).unwrap()).unwrap();
    let broken: Vec<PathBuf> =
        listed["file"].as_array().unwrap().iter().map(|f| fixture(f["path"].as_str().unwrap())).collect();
    assert!(broken.len() >= 8, "expected the broken fixtures, found {}", broken.len());
    for file in &broken {
        let (record, code) = common::json_record(file, &[]);
        let label = name(file);
        assert_eq!(code, 1, "{label}: exit code");
        assert!(record.get("error").is_some(), "{label}: expected an error record, got: {record}");
        let errs = errors(&schema, &full, &record);
        if !errs.is_empty() {
            failures.push(format!("{label}:\n{}", errs.join("\n")));
        }
        checked += 1;
    }

    assert!(
        failures.is_empty(),
        "{} of {checked} records do not match schema/report.schema.json:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// One real report, to break in the negative tests.
fn sample_report() -> Value {
    let (record, _) = json_report(&fixture("resumes/senior-mle-team-lead.txt"), &["--target", "lead-ml"]);
    record
}

fn assert_rejected(schema: &Value, full: &Validator, record: &Value, what: &str) {
    assert!(
        !full.is_valid(record),
        "the schema accepts a report with {what}: {}",
        serde_json::to_string(record).unwrap()
    );
    assert!(!errors(schema, full, record).is_empty());
}

#[test]
fn the_schema_rejects_broken_reports() {
    let schema = schema();
    let full = validator(&schema);
    let report = sample_report();
    assert!(full.is_valid(&report), "the sample report is not valid:\n{}", errors(&schema, &full, &report).join("\n"));

    let mut r = report.clone();
    r.as_object_mut().unwrap().remove("score");
    assert_rejected(&schema, &full, &r, "no score");

    let mut r = report.clone();
    r["education"]["highest_degree"] = "doctorate".into();
    assert_rejected(&schema, &full, &r, "highest_degree \"doctorate\"");

    let mut r = report.clone();
    r["score"] = 101.into();
    assert_rejected(&schema, &full, &r, "score 101");

    let mut r = report.clone();
    r["score"] = 83.5.into();
    assert_rejected(&schema, &full, &r, "a fractional score");

    let mut r = report.clone();
    r["input"]["sha256"] = "ABC".into();
    assert_rejected(&schema, &full, &r, "a malformed sha256");

    let mut r = report.clone();
    r["missing"][0]["importance"] = "optional".into();
    assert_rejected(&schema, &full, &r, "importance \"optional\"");

    let mut r = report.clone();
    r["missing"][0]["source"][0].as_object_mut().unwrap().remove("section");
    assert_rejected(&schema, &full, &r, "a source without a section");

    let mut r = report.clone();
    r["skills"][0]["confidence"] = 1.5.into();
    assert_rejected(&schema, &full, &r, "confidence 1.5");

    let mut r = report.clone();
    r["skills"][0]["evidence"][0]["section"] = "hobbies".into();
    assert_rejected(&schema, &full, &r, "an unknown section");

    let mut r = report.clone();
    r["progression"]["current_level"] = "principal".into();
    assert_rejected(&schema, &full, &r, "an unknown level");

    let mut r = report.clone();
    r["experience"]["years"] = "six".into();
    assert_rejected(&schema, &full, &r, "experience.years as a string");

    let mut r = report.clone();
    r["explanation"]["items"][0]["effect"] = "helped".into();
    assert_rejected(&schema, &full, &r, "an explanation effect \"helped\"");

    let mut r = report.clone();
    let item = r["explanation"]["items"][0].clone();
    r["explanation"]["items"].as_array_mut().unwrap().push(item);
    assert_rejected(&schema, &full, &r, "four explanation items");

    let mut r = report.clone();
    r.as_object_mut().unwrap().remove("explanation");
    assert_rejected(&schema, &full, &r, "no explanation");

    // A report that also carries `error` is neither a report nor an error record.
    let mut r = report.clone();
    r["error"] = serde_json::json!({"code": "empty", "message": "file is empty"});
    assert_rejected(&schema, &full, &r, "an error next to the findings");

    // Renaming a field breaks the contract even though extra fields are welcome.
    let mut r = report.clone();
    let obj = r.as_object_mut().unwrap();
    let score = obj.remove("score").unwrap();
    obj.insert("fit_score".into(), score);
    assert_rejected(&schema, &full, &r, "score renamed to fit_score");

    // What the fixtures never show but the contract allows: unknowns as null, no degree,
    // no skills, no leadership, no optional outcome fields, the top of the ladder.
    let mut r = report.clone();
    r["experience"]["years"] = Value::Null;
    r["experience"]["months"] = Value::Null;
    r["experience"]["positions"] = serde_json::json!([]);
    r["education"] = serde_json::json!({"highest_degree": "none", "field": null, "line": null});
    r["skills"] = serde_json::json!([]);
    r["leadership"]["evidence"] = serde_json::json!([]);
    for key in ["current_role", "current_title", "current_level", "next_role", "next_title", "next_level"] {
        r["progression"][key] = Value::Null;
    }
    r["progression"]["actions"] = serde_json::json!([]);
    for outcome in r["missing"].as_array_mut().unwrap() {
        let o = outcome.as_object_mut().unwrap();
        o.remove("any_of");
        o.remove("met_by");
        o.remove("advice");
    }
    assert!(
        full.is_valid(&r),
        "the schema rejects a valid edge-case report:\n{}",
        errors(&schema, &full, &r).join("\n")
    );

    // Extra fields are welcome.
    let mut r = report.clone();
    r["new_field"] = "more is fine".into();
    r["input"]["pages"] = 2.into();
    assert!(full.is_valid(&r), "the schema rejects added fields:\n{}", errors(&schema, &full, &r).join("\n"));
}

/// A batch's repeat carries `input.duplicate_of`: valid as printed, refused when broken.
#[test]
fn a_flagged_duplicate_validates_and_a_broken_flag_does_not() {
    let schema = schema();
    let full = validator(&schema);
    let file = fixture("resumes/research-phd.txt");
    let out = common::gap_check()
        .args([&file, &file])
        .args(["--format", "ndjson", "--as-of", common::AS_OF])
        .output()
        .unwrap();
    let records: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2);
    let repeat = &records[1];
    assert!(repeat["input"].get("duplicate_of").is_some(), "{}", repeat["input"]);
    for record in &records {
        let errs = errors(&schema, &full, record);
        assert!(errs.is_empty(), "{}", errs.join("\n"));
    }

    let mut r = repeat.clone();
    r["input"]["duplicate_of"]["basis"] = "same-name".into();
    assert_rejected(&schema, &full, &r, "duplicate_of.basis \"same-name\"");

    let mut r = repeat.clone();
    r["input"]["duplicate_of"].as_object_mut().unwrap().remove("path");
    assert_rejected(&schema, &full, &r, "duplicate_of without a path");

    let mut r = repeat.clone();
    r["input"]["text_sha256"] = "ABC".into();
    assert_rejected(&schema, &full, &r, "a malformed text_sha256");
}

#[test]
fn the_schema_rejects_broken_error_records() {
    let schema = schema();
    let full = validator(&schema);
    let (record, _) = json_report(&fixture("broken/password.pdf"), &[]);
    assert!(full.is_valid(&record), "{}", errors(&schema, &full, &record).join("\n"));

    let mut r = record.clone();
    r.as_object_mut().unwrap().remove("error");
    assert_rejected(&schema, &full, &r, "an error record without error");

    let mut r = record.clone();
    r["input"].as_object_mut().unwrap().remove("path");
    assert_rejected(&schema, &full, &r, "an error record without input.path");

    let mut r = record.clone();
    r["error"] = Value::Null;
    assert_rejected(&schema, &full, &r, "error: null");

    assert_eq!(record["error"]["code"], "encrypted");
    let mut r = record.clone();
    r["error"].as_object_mut().unwrap().remove("code");
    assert_rejected(&schema, &full, &r, "an error record without error.code");

    let mut r = record.clone();
    r["error"]["code"] = "Password Protected".into();
    assert_rejected(&schema, &full, &r, "an unknown error code");

    let mut r = record.clone();
    r["error"] = "PDF is password-protected".into();
    assert_rejected(&schema, &full, &r, "error as a bare string (the 1.x shape)");
}

/// Loads another schema of `schema/` and compiles it.
fn other_schema(file: &str) -> (Value, Validator) {
    let path = root().join("schema").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    let validator = validator(&schema);
    (schema, validator)
}

fn all_errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("  at '{}' (schema {}): {e}", e.instance_path, e.schema_path))
        .collect()
}

/// The audit JSON of the README's example run validates against `schema/audit.schema.json`,
/// and the schema rejects a broken one.
#[test]
fn audit_output_validates_against_its_schema() {
    let (_, validator) = other_schema("audit.schema.json");
    let dir = tempfile::tempdir().unwrap();
    let run = common::gap_check()
        .current_dir(root())
        .args(["fixtures/eval", "fixtures/broken/empty.txt", "--target", "lead-ml", "--format", "ndjson"])
        .args(["--as-of", common::AS_OF, "--keep-non-resumes"])
        .output()
        .unwrap();
    let reports = dir.path().join("r.ndjson");
    std::fs::write(&reports, &run.stdout).unwrap();
    let out = common::gap_check()
        .current_dir(root())
        .arg("audit")
        .arg(&reports)
        .args(["--groups", "fixtures/audit/groups.csv", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let audit: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(audit["errors"], 1, "the empty file is an error record");
    let errs = all_errors(&validator, &audit);
    assert!(errs.is_empty(), "audit output does not match schema/audit.schema.json:\n{}", errs.join("\n"));

    let mut a = audit.clone();
    a["tables"][0]["categories"][0]["selection_rate"] = 1.5.into();
    assert!(!validator.is_valid(&a), "the audit schema accepts a selection rate of 1.5");
    let mut a = audit.clone();
    a["tables"][0]["categories"][0].as_object_mut().unwrap().remove("impact_ratio");
    assert!(!validator.is_valid(&a), "the audit schema accepts a category without impact_ratio");
    let mut a = audit.clone();
    a["tables"] = serde_json::json!([]);
    assert!(!validator.is_valid(&a), "the audit schema accepts no tables");
}

#[test]
fn reports_against_real_postings_validate_against_the_schema() {
    let schema = schema();
    let full = validator(&schema);
    let jobs = root().join("../shared/corpus/jobs");
    let mut postings: Vec<PathBuf> = std::fs::read_dir(&jobs)
        .expect("../shared/corpus/jobs is beside the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    postings.sort();
    assert!(postings.len() >= 20, "{}", postings.len());
    let mut failures = Vec::new();
    for posting in &postings {
        let (record, code) =
            common::json_record(&fixture("resumes/senior-data-engineer.txt"), &["--target", posting.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {record}", posting.display());
        assert_eq!(record["target"]["kind"], "posting");
        let errs = errors(&schema, &full, &record);
        if !errs.is_empty() {
            failures.push(format!("{}:\n{}", posting.display(), errs.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `gap-check RESUME --target FOLDER --format json` and its NDJSON rows (error rows included)
/// validate against `schema/ranking.schema.json`, and the schema rejects broken ones.
#[test]
fn rankings_of_postings_validate_against_their_schema() {
    let (schema, checker) = other_schema("ranking.schema.json");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let run = |format: &str| {
        common::gap_check()
            .arg(fixture("resumes/senior-data-engineer.txt"))
            .arg("--target")
            .arg(fixture("postings/rank"))
            .arg("--target")
            .arg(dir.path().join("empty.txt"))
            .args(["--format", format, "--as-of", common::AS_OF])
            .output()
            .unwrap()
    };
    let out = run("json");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the empty posting is an error row: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ranking: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ranking["rows"].as_array().unwrap().len(), 4);
    let errs = all_errors(&checker, &ranking);
    assert!(errs.is_empty(), "the ranking does not match schema/ranking.schema.json:\n{}", errs.join("\n"));

    // An NDJSON line is a row of the document.
    let mut row_schema = schema.clone();
    row_schema.as_object_mut().unwrap().insert("$ref".into(), Value::String("#/$defs/row".into()));
    for key in ["required", "properties", "type"] {
        row_schema.as_object_mut().unwrap().remove(key);
    }
    let row_validator = validator(&row_schema);
    let out = run("ndjson");
    let lines: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        let errs = all_errors(&row_validator, line);
        assert!(errs.is_empty(), "{line}:\n{}", errs.join("\n"));
    }

    let mut r = ranking.clone();
    r["rows"][0]["score"] = 101.into();
    assert!(!checker.is_valid(&r), "the ranking schema accepts a score of 101");
    let mut r = ranking.clone();
    r["rows"][0].as_object_mut().unwrap().remove("file");
    assert!(!checker.is_valid(&r), "the ranking schema accepts a row without its file name");
    let mut r = ranking.clone();
    r["rows"][3]["score"] = 50.into();
    assert!(!checker.is_valid(&r), "the ranking schema accepts an error row with a score");
    let mut r = ranking.clone();
    r["resume"]["email"] = "a@example.com".into();
    assert!(!checker.is_valid(&r), "the ranking schema accepts contact details in the resume summary");
}

/// `gap-check target POSTING --format json` for every posting fixture validates against
/// `schema/posting.schema.json`, and the schema rejects a broken reading.
#[test]
fn posting_readings_validate_against_their_schema() {
    let (_, checker) = other_schema("posting.schema.json");
    let mut postings = files_in("postings");
    postings.extend(files_in("postings/patterns"));
    postings.extend(files_in("postings/rank").into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")));
    assert!(postings.len() >= 10, "{}", postings.len());
    let mut sample = None;
    for posting in &postings {
        let out = common::gap_check().arg("target").arg(posting).args(["--format", "json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}: {}", name(posting), String::from_utf8_lossy(&out.stderr));
        let reading: Value = serde_json::from_slice(&out.stdout).unwrap();
        let errs = all_errors(&checker, &reading);
        assert!(errs.is_empty(), "{}: does not match schema/posting.schema.json:\n{}", name(posting), errs.join("\n"));
        if name(posting).ends_with("years-and-degree.txt") {
            sample = Some(reading);
        }
    }
    let reading = sample.expect("the years-and-degree posting was read");
    let experience =
        reading["requirements"].as_array().unwrap().iter().position(|r| r["kind"] == "experience").unwrap();

    let mut r = reading.clone();
    r.as_object_mut().unwrap().remove("sha256");
    assert!(!checker.is_valid(&r), "the posting schema accepts a reading without sha256");
    let mut r = reading.clone();
    r["requirements"][experience].as_object_mut().unwrap().remove("min_years");
    assert!(!checker.is_valid(&r), "the posting schema accepts an experience requirement without min_years");
    let mut r = reading.clone();
    r["requirements"][0]["importance"] = "optional".into();
    assert!(!checker.is_valid(&r), "the posting schema accepts importance \"optional\"");
    let mut r = reading.clone();
    r["requirements"][0]["source"] = serde_json::json!([]);
    assert!(!checker.is_valid(&r), "the posting schema accepts a requirement without a source");
}

/// Every error body of `gap-check serve` (request errors and documents' error records)
/// validates against `schema/http-error.schema.json`; the schema rejects a broken one.
#[cfg(feature = "serve")]
#[test]
fn http_error_bodies_validate_against_their_schema() {
    use std::io::{BufRead, BufReader, Read, Write};

    let (_, checker) = other_schema("http-error.schema.json");
    let mut child = common::gap_check_process()
        .args(["serve", "--listen", "127.0.0.1:0", "--as-of", common::AS_OF])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    // Drain the request log so the server never blocks on a full pipe.
    std::thread::spawn(move || stderr.lines().for_each(drop));
    let addr = first.trim().strip_prefix("gap-check: listening on http://").unwrap_or(first.trim()).to_string();
    let request = |method: &str, target: &str, content_type: &str, body: &[u8]| -> (u16, Value) {
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        let _ = stream.write_all(body);
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let status = String::from_utf8_lossy(&raw[..split]).split(' ').nth(1).unwrap().parse().unwrap();
        let body = serde_json::from_slice(&raw[split + 4..])
            .unwrap_or_else(|e| panic!("{method} {target}: not JSON ({e}): {}", String::from_utf8_lossy(&raw)));
        (status, body)
    };
    let boundary = "schemaTestBoundary";
    let mut form = Vec::new();
    for (field, file, bytes) in [("posting", "empty.txt", &b""[..]), ("file", "cv.txt", &b"Python and SQL"[..])] {
        form.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file}\"\r\nContent-Type: text/plain\r\n\r\n").as_bytes(),
        );
        form.extend_from_slice(bytes);
        form.extend_from_slice(b"\r\n");
    }
    form.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let multipart = format!("multipart/form-data; boundary={boundary}");

    // (method, target, content type, body, expected status, expected code)
    type Case<'a> = (&'a str, &'a str, &'a str, Vec<u8>, u16, &'a str);
    let cases: Vec<Case> = vec![
        ("GET", "/nowhere", "text/plain", vec![], 404, "not_found"),
        ("DELETE", "/v1/reports", "text/plain", vec![], 405, "method_not_allowed"),
        ("POST", "/v1/reports?targt=lead-ml", "text/plain", b"Python".to_vec(), 400, "bad_request"),
        ("POST", "/v1/reports?target=no-such-role", "text/plain", b"Python".to_vec(), 400, "unknown_role"),
        ("POST", "/v1/reports?as_of=someday", "text/plain", b"Python".to_vec(), 400, "bad_date"),
        ("POST", "/v1/reports", "text/plain", vec![], 422, "empty"),
        ("POST", "/v1/reports", "image/gif", b"GIF89a".to_vec(), 415, "unsupported_format"),
        ("POST", "/v1/reports", multipart.as_str(), form, 422, "empty"),
    ];
    let mut bodies = Vec::new();
    for (method, target, content_type, body, status, code) in cases {
        let (got, body) = request(method, target, content_type, &body);
        assert_eq!((got, body["error"]["code"].as_str()), (status, Some(code)), "{method} {target}: {body}");
        let errs = all_errors(&checker, &body);
        assert!(
            errs.is_empty(),
            "{method} {target}: {body}\ndoes not match schema/http-error.schema.json:\n{}",
            errs.join("\n")
        );
        bodies.push(body);
    }
    let _ = child.kill();
    let _ = child.wait();
    // The posting part's refusal is a request error (no `input`), the others' records have one.
    assert!(bodies[7].get("input").is_none(), "{}", bodies[7]);
    assert!(bodies[5]["input"]["path"].is_string(), "{}", bodies[5]);

    let mut b = bodies[0].clone();
    b["error"]["code"] = "nope".into();
    assert!(!checker.is_valid(&b), "the HTTP error schema accepts an unknown code");
    let mut b = bodies[0].clone();
    b["error"].as_object_mut().unwrap().remove("message");
    assert!(!checker.is_valid(&b), "the HTTP error schema accepts an error without a message");
    // (`bad_request`: no read error has that code, so it is no error record either.)
    let mut b = bodies[2].clone();
    b["input"] = serde_json::json!({"path": "x"});
    assert!(!checker.is_valid(&b), "the HTTP error schema accepts a request error with an input");
}
