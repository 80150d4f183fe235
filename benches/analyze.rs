//! The in-process analysis of one text resume: the document already read, no process start,
//! no file system. `cargo bench` (criterion: median and spread of many samples).
//!
//! Two inputs: a fixture resume of the repository (always there), and the median-sized real
//! resume of `../shared/corpus/real-text-b` when the shared corpus sits beside the checkout
//! (real texts are longer and messier than our fixtures, and run slower).
//!
//! And the reading of one job posting into requirements (issue 18 asks under 5 ms): the
//! fixture posting, and the longest real posting of `../shared/corpus/jobs`.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};

use gap_check::calendar::Date;
use gap_check::report::Record;
use gap_check::taxonomy::Taxonomy;
use gap_check::{AnalysisOptions, Engine, Target};

fn inputs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = root.join("fixtures/resumes/senior-mle-team-lead.txt");
    let mut out = vec![("fixture".to_string(), std::fs::read_to_string(&fixture).expect("the fixture resume"))];
    let corpus = root.join("../shared/corpus/real-text-b");
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        let mut texts: Vec<(u64, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
            .collect();
        texts.sort();
        if let Some((_, median)) = texts.get(texts.len() / 2) {
            if let Ok(text) = std::fs::read_to_string(median) {
                out.push(("real".to_string(), text));
            }
        }
    }
    out
}

fn analyze(c: &mut Criterion) {
    let engine = Engine::new(Taxonomy::embedded().expect("the built-in taxonomy loads"));
    let options = AnalysisOptions {
        target: Target::Role("lead-ml".into()),
        as_of: Some(Date { year: 2026, month: 11, day: 1 }),
        keep_non_resumes: true,
    };
    for (label, text) in inputs() {
        let doc = gap_check::ingest::from_text(Path::new("resume.txt"), &text, &engine.taxonomy().vocabulary)
            .expect("the text reads");
        c.bench_function(&format!("analyze {label} ({} bytes)", text.len()), |b| {
            b.iter(|| engine.analyze(&doc, &options))
        });
        c.bench_function(&format!("analyze + JSON {label} ({} bytes)", text.len()), |b| {
            b.iter(|| gap_check::render::json::to_json(&Record::Report(Box::new(engine.analyze(&doc, &options)))))
        });
    }
}

fn read_posting(c: &mut Criterion) {
    let engine = Engine::new(Taxonomy::embedded().expect("the built-in taxonomy loads"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut postings = vec![("fixture".to_string(), root.join("fixtures/postings/senior-data-engineer.md"))];
    if let Ok(entries) = std::fs::read_dir(root.join("../shared/corpus/jobs")) {
        let longest = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
            .max();
        if let Some((_, path)) = longest {
            postings.push(("longest real".to_string(), path));
        }
    }
    let as_of = Date { year: 2026, month: 11, day: 1 };
    for (label, path) in postings {
        let text = std::fs::read_to_string(&path).expect("the posting reads");
        let doc = gap_check::ingest::from_text(&path, &text, &engine.taxonomy().vocabulary).expect("the text reads");
        c.bench_function(&format!("read posting {label} ({} bytes)", text.len()), |b| {
            b.iter(|| engine.read_posting(&doc, as_of))
        });
    }
}

criterion_group!(benches, analyze, read_posting);
criterion_main!(benches);
