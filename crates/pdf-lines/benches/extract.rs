//! The extraction of whole PDFs in process: bytes in, lines out, no process start.
//! `cargo bench -p pdf-lines` (criterion: median and spread of many samples).
//!
//! Inputs are resumes committed in the repository's `fixtures/` (see fixtures/README.md for
//! how each was made): a one-column and a two-column file written by reportlab, and one
//! written by fpdf2 with CID fonts, whose fonts and content streams differ. Each is read by the
//! default extractor and, for comparison, by pdf-extract's glyphs alone with the same layout.
//! The comparison with poppler's `pdftotext` (a separate program) is
//! scripts/compare_extractors.py, reported in docs/benchmarks.md.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

use pdf_lines::Extractor;

const FIXTURES: [&str; 3] = ["resumes/senior-mle-team-lead.pdf", "resumes/two-column.pdf", "resumes/fpdf-producer.pdf"];

fn extract(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    for name in FIXTURES {
        let bytes = std::fs::read(root.join(name)).expect("the fixture PDF");
        // A bench of a file that fails would measure the error path; stop instead.
        let lines = pdf_lines::extract_lines(&bytes).expect("the fixture reads");
        assert!(!lines.is_empty(), "{name} gives no lines");
        for (label, extractor) in [("auto", Extractor::Auto), ("pdf-extract", Extractor::PdfExtract)] {
            c.bench_function(&format!("{label} {name} ({} bytes)", bytes.len()), |b| {
                b.iter(|| pdf_lines::extract_lines_with(&bytes, extractor))
            });
        }
    }
}

criterion_group!(benches, extract);
criterion_main!(benches);
