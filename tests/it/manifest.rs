//! `--manifest FILE`: the run's record for an audit. Its hashes are checked against hashes
//! computed here from the files, its scores against the reports of the same run, and the
//! file against `schema/manifest.schema.json`.

use crate::common;

use common::{fixture, gap_check, root, AS_OF};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The taxonomy hash as the manifest documents it: `<name>\n<length>\n<text>` per file; a
/// directory without a vocabulary.toml or phrases.toml uses the built-in one, and one without a
/// technologies.toml has an empty technology tier.
fn taxonomy_sha256(dir: &std::path::Path) -> String {
    let mut h = Sha256::new();
    // Files a taxonomy directory may leave out are hashed as the built-in ones it then uses.
    let embedded_when_absent = ["vocabulary.toml", "phrases.toml", "standing.toml", "job_nouns.toml", "degrees.toml"];
    let files = ["skills.toml", "roles.toml", "sources.toml", "vocabulary.toml", "technologies.toml", "phrases.toml"];
    for name in files.into_iter().chain(["standing.toml", "job_nouns.toml", "degrees.toml", "identifiers.toml"]) {
        let own = dir.join(name);
        let text = if own.exists() {
            std::fs::read(own).unwrap()
        } else if embedded_when_absent.contains(&name) {
            std::fs::read(root().join("taxonomy").join(name)).unwrap()
        } else {
            Vec::new()
        };
        h.update(format!("{name}\n{}\n", text.len()).as_bytes());
        h.update(&text);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn validate(manifest: &Value) {
    let path = root().join("schema/manifest.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(manifest).map(|e| format!("  at '{}': {e}", e.instance_path)).collect();
    assert!(errors.is_empty(), "manifest does not match schema/manifest.schema.json:\n{}", errors.join("\n"));
}

#[test]
fn a_batch_manifest_records_hashes_scores_and_error_codes() {
    let dir = tempfile::tempdir().unwrap();
    let manifest_path = dir.path().join("run.json");
    let inputs = ["resumes/senior-mle-team-lead.txt", "resumes/traps.txt", "broken/password.pdf", "broken/empty.txt"];
    let out = gap_check()
        .args(inputs.map(fixture))
        .args(["--target", "lead-ml", "--format", "ndjson", "--as-of", AS_OF, "--manifest"])
        .arg(&manifest_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "two inputs fail");
    let reports: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let text = std::fs::read_to_string(&manifest_path).unwrap();
    let m: Value = serde_json::from_str(&text).unwrap();
    validate(&m);

    assert_eq!(m["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["taxonomy"]["source"], "embedded");
    assert_eq!(m["taxonomy"]["sha256"], taxonomy_sha256(&root().join("taxonomy")));
    assert_eq!(m["options"]["target"], "lead-ml");
    assert_eq!(m["options"]["as_of"], AS_OF);
    assert_eq!(m["options"]["max_size"], 50 * 1024 * 1024);
    assert_eq!(m["options"]["timeout"], 30);
    assert_eq!(m["counts"], serde_json::json!({"records": 4, "ok": 2, "failed": 2, "skipped": 0, "other_shards": 0}));
    assert!(m["started"].as_str().unwrap() <= m["finished"].as_str().unwrap());

    let records = m["records"].as_array().unwrap();
    assert_eq!(records.len(), 4);
    for ((entry, input), report) in records.iter().zip(inputs).zip(&reports) {
        let path = fixture(input);
        assert_eq!(entry["path"], path.display().to_string());
        assert_eq!(entry["sha256"], sha256_hex(&std::fs::read(&path).unwrap()), "{input}");
        assert_eq!(entry["score"], report["score"], "{input}");
    }
    assert_eq!(records[0]["target"], "lead-ml");
    assert!(records[0]["score"].as_u64().is_some());
    assert_eq!(records[2]["error"], "encrypted");
    assert_eq!(records[3]["error"], "empty");
    assert_eq!(records[3]["sha256"], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert!(records[2]["score"].is_null() && records[0]["error"].is_null());

    // No resume text, so no contact detail: the resume's e-mail address is not in it.
    let resume = std::fs::read_to_string(fixture("resumes/senior-mle-team-lead.txt")).unwrap();
    let email = resume.split_whitespace().find(|w| w.contains('@')).unwrap();
    assert!(!text.contains(email.trim_matches(|c: char| !c.is_alphanumeric())));
}

#[test]
fn a_taxonomy_directory_is_hashed_from_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let taxonomy = dir.path().join("taxonomy");
    std::fs::create_dir(&taxonomy).unwrap();
    for name in ["skills.toml", "roles.toml", "sources.toml"] {
        std::fs::copy(root().join("taxonomy").join(name), taxonomy.join(name)).unwrap();
    }
    // A comment changes no result but changes the bytes, so the hash must change.
    let mut roles = std::fs::read_to_string(taxonomy.join("roles.toml")).unwrap();
    roles.push_str("\n# a local copy\n");
    std::fs::write(taxonomy.join("roles.toml"), roles).unwrap();
    let manifest_path = dir.path().join("m.json");
    let out = gap_check()
        .arg(fixture("resumes/traps.txt"))
        .args(["--format", "json", "--as-of", AS_OF, "--taxonomy"])
        .arg(&taxonomy)
        .arg("--manifest")
        .arg(&manifest_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let m: Value = serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    validate(&m);
    assert_eq!(m["taxonomy"]["source"], taxonomy.display().to_string());
    assert_eq!(m["taxonomy"]["sha256"], taxonomy_sha256(&taxonomy));
    assert_ne!(m["taxonomy"]["sha256"], taxonomy_sha256(&root().join("taxonomy")));
    assert!(m["options"]["target"].is_null(), "no --target: best fit per resume");
    assert_eq!(m["counts"]["records"], 1);
}

#[test]
fn an_unwritable_manifest_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = gap_check()
        .arg(fixture("resumes/traps.txt"))
        .args(["--format", "json", "--manifest"])
        .arg(dir.path().join("no/such/dir/m.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("m.json: cannot write: no such file"), "{stderr}");
}
