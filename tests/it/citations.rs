//! Every fact in the taxonomy cites a source document and section that really exist, and
//! the taxonomy's own text (labels, actions) is not copied from the documents.

use std::collections::BTreeSet;
use std::path::PathBuf;

use gap_check::taxonomy::{Citation, Taxonomy};

/// The five source documents: `../shared/seeds/` beside the project (as in CI), or the
/// directory named by `GAP_CHECK_SEEDS`.
fn seeds_dir() -> PathBuf {
    let dir = std::env::var_os("GAP_CHECK_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    assert!(dir.is_dir(), "source documents not found at {} (set GAP_CHECK_SEEDS)", dir.display());
    dir
}

fn all_citations(t: &Taxonomy) -> Vec<(String, &Citation)> {
    let mut out = Vec::new();
    for role in &t.roles {
        for req in &role.requirements {
            for c in req.source.iter().chain(&req.advice) {
                out.push((format!("{} / {}", role.id, req.id), c));
            }
        }
        let bars = [
            ("experience", role.experience.as_ref().map(|b| &b.source)),
            ("education", role.education.as_ref().map(|b| &b.source)),
            ("leadership", role.leadership.as_ref().map(|b| &b.source)),
        ];
        for (name, source) in bars {
            for c in source.into_iter().flatten() {
                out.push((format!("{} / {name}", role.id), c));
            }
        }
    }
    for step in &t.ladder {
        for c in &step.source {
            out.push((format!("ladder {} -> {}", step.from, step.to), c));
        }
    }
    out
}

#[test]
fn every_citation_names_a_real_document_and_section() {
    let taxonomy = Taxonomy::embedded().unwrap();
    let dir = seeds_dir();
    let citations = all_citations(&taxonomy);
    assert!(citations.len() > 50, "the taxonomy cites its sources throughout");
    let mut problems = Vec::new();
    for doc in &taxonomy.documents {
        let path = dir.join(&doc.file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let lines: BTreeSet<&str> = text.lines().map(str::trim).collect();
        for section in &doc.sections {
            if !lines.contains(section.as_str()) {
                problems.push(format!("{}: no line reads '{section}'", doc.file));
            }
        }
    }
    let cited_docs: BTreeSet<&str> = citations.iter().map(|(_, c)| c.doc.as_str()).collect();
    assert_eq!(cited_docs.len(), 5, "all five documents are used: {cited_docs:?}");
    for (entry, c) in &citations {
        let text = std::fs::read_to_string(dir.join(&c.doc)).unwrap_or_default();
        if !text.lines().any(|l| l.trim() == c.section) {
            problems.push(format!("{entry}: {} has no section '{}'", c.doc, c.section));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[test]
fn the_taxonomy_does_not_copy_the_documents_sentences() {
    const RUN: usize = 8;
    let taxonomy = Taxonomy::embedded().unwrap();
    let dir = seeds_dir();
    let mut shingles = BTreeSet::new();
    for doc in &taxonomy.documents {
        let w = words(&std::fs::read_to_string(dir.join(&doc.file)).unwrap());
        for window in w.windows(RUN) {
            shingles.insert(window.join(" "));
        }
    }
    let mut ours: Vec<String> = Vec::new();
    for role in &taxonomy.roles {
        for req in &role.requirements {
            ours.push(req.label.clone());
            ours.push(req.action.clone());
        }
    }
    let copied: Vec<&String> =
        ours.iter().filter(|text| words(text).windows(RUN).any(|w| shingles.contains(&w.join(" ")))).collect();
    assert!(copied.is_empty(), "taxonomy text repeats {RUN}+ words of a document: {copied:?}");
}
