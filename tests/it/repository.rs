//! The repository keeps itself honest: generated data is what its script writes, and no
//! merge left its conflict markers in a committed file.

use crate::common;

use std::path::Path;

use common::root;

#[test]
fn the_job_nouns_are_what_the_generator_writes() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("job_nouns.generated.toml");
    let status = std::process::Command::new("python3")
        .arg(root().join("scripts/build_titles.py"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("python3 runs (the generator needs Python 3.11+ and ../shared/data/onet)");
    assert!(status.success(), "scripts/build_titles.py failed");
    let generated = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string(root().join("taxonomy/job_nouns.toml")).unwrap();
    assert!(
        generated == committed,
        "taxonomy/job_nouns.toml differs from the generator's output: run `python3 scripts/build_titles.py` and commit it"
    );
    // O*NET's licence asks for the credit and a word that the data was modified.
    let head: String = committed.lines().take(6).collect();
    assert!(head.contains("O*NET 29.2") && head.contains("CC BY 4.0") && head.contains("modified"), "{head}");
}

/// Every text file git tracks, read once.
fn tracked_text_files() -> Vec<(String, String)> {
    let out = std::process::Command::new("git").arg("ls-files").current_dir(root()).output().expect("git runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|name| {
            let bytes = std::fs::read(root().join(name)).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            Some((name.to_string(), text))
        })
        .collect()
}

#[test]
fn no_committed_file_holds_a_merge_conflict_marker() {
    let files = tracked_text_files();
    assert!(files.iter().any(|(name, _)| name == "README.md"), "git ls-files lists the repository");
    let marked: Vec<String> = files
        .iter()
        .flat_map(|(name, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.starts_with("<<<<<<< ") || l.starts_with(">>>>>>> ") || *l == "=======")
                .map(move |(i, _)| format!("{name}:{}", i + 1))
        })
        .collect();
    assert!(marked.is_empty(), "merge-conflict markers: {marked:?}");
}

/// The pipe runs one way: ingest (file → lines) and the taxonomy (the words every stage
/// reads) import nothing from the parse stage after them, so neither can come to depend on
/// how a resume is parsed.
#[test]
fn earlier_stages_import_nothing_from_parse() {
    let mut offenders = Vec::new();
    for dir in ["src/ingest", "src/taxonomy"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            // Rust sources only: a stage may keep data beside its code (prebuilt trees).
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                if line.contains("crate::parse") {
                    offenders.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "an earlier stage imports from parse:\n{}", offenders.join("\n"));
}
