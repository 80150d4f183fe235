//! The committed schemas are generated from the contract types (`gap_check::report::schema`):
//! this test regenerates them and fails when a committed file differs. To update them after a
//! change to the types, run `SNAPSHOTS=overwrite cargo test --test it codegen::` and commit the
//! result (with a version bump and a CHANGELOG.md line, which the second test asks for).

use std::path::{Path, PathBuf};

use gap_check::report::schema;
use gap_check::report::SCHEMA_VERSION;
use sha2::{Digest, Sha256};

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")
}

fn overwrite() -> bool {
    std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite")
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let mut stale = Vec::new();
    for (file, generated) in schema::all() {
        let path = schema_dir().join(file);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed == generated {
            continue;
        }
        if overwrite() {
            std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else {
            let line = committed.lines().zip(generated.lines()).position(|(a, b)| a != b);
            let at = line.map_or_else(|| "in length".to_string(), |n| format!("from line {}", n + 1));
            stale.push(format!("schema/{file} differs {at}"));
        }
    }
    assert!(
        stale.is_empty(),
        "the committed schemas are not the ones the contract types generate:\n  {}\n\
         Regenerate them with `SNAPSHOTS=overwrite cargo test --test it codegen::` and review the diff.",
        stale.join("\n  ")
    );
}

#[test]
fn a_change_to_the_report_schema_bumps_its_version() {
    let generated = schema::text(&schema::report());
    let hash: String = Sha256::digest(generated.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hash,
        schema::REPORT_SCHEMA_SHA256,
        "the report schema changed (its SHA-256 is now {hash}) but REPORT_SCHEMA_SHA256 still pins the \
         schema of {SCHEMA_VERSION}. Bump SCHEMA_VERSION in src/report/mod.rs (minor for an added field, major \
         for a renamed, removed or retyped one), set REPORT_SCHEMA_SHA256 in src/report/schema.rs to the new \
         hash (after the bump: the version is in the schema's $id), and add a CHANGELOG.md section for the new \
         version that lists the change."
    );
    let changelog = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.lines().any(|l| l.trim() == format!("## {SCHEMA_VERSION}")),
        "CHANGELOG.md has no `## {SCHEMA_VERSION}` section for the current schema version"
    );
}
