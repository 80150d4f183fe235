//! No input makes the pipeline panic: every fixture text, cut and sprinkled with awkward
//! characters at seeded random places, goes through the whole pipeline in-process.

use std::path::Path;

use gap_check::calendar::Date;
use gap_check::ingest::{self, IngestOptions, InputFormat};
use gap_check::taxonomy::Taxonomy;
use gap_check::{AnalysisOptions, Engine, Target};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const AWKWARD: [&str; 16] =
    ["–", "ﬁ", "\u{00AD}", "\u{200B}", "é", "😀", "\u{F0E0}", "R&D", "2021 –", "\t", "- ", "C++", "@", "(", "'", "\r"];

#[test]
fn mangled_resumes_never_panic() {
    let engine = Engine::new(Taxonomy::embedded().unwrap());
    let options =
        AnalysisOptions { target: Target::Role("lead-ml".into()), as_of: "2026-11-01".parse::<Date>().unwrap() };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/resumes");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(InputFormat::from_path(&path), Some(InputFormat::Text | InputFormat::Markdown)) {
            continue;
        }
        let original = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for _ in 0..40 {
            let mut chars: Vec<char> = original.chars().collect();
            for _ in 0..20 {
                let at = rng.below(chars.len() + 1);
                let piece = AWKWARD[rng.below(AWKWARD.len())];
                chars.splice(at..at, piece.chars());
            }
            let cut = rng.below(chars.len() + 1);
            let mangled: String = chars[..cut].iter().collect();
            if let Ok(doc) =
                ingest::read_bytes(&path, mangled.as_bytes(), Some(InputFormat::Text), &IngestOptions::default())
            {
                let report = engine.analyze(&doc, &options);
                assert!(report.score <= 100);
                runs += 1;
            }
        }
    }
    assert!(runs > 300, "enough runs: {runs}");
}

#[test]
fn random_bytes_are_errors_or_reports_never_panics() {
    let engine = Engine::new(Taxonomy::embedded().unwrap());
    let options = AnalysisOptions { target: Target::BestFit, as_of: "2026-11-01".parse::<Date>().unwrap() };
    let mut rng = Rng(42);
    for round in 0..200 {
        let len = rng.below(2048);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xFF) as u8).collect();
        let format = [InputFormat::Text, InputFormat::Pdf, InputFormat::Docx, InputFormat::JsonResume][round % 4];
        if let Ok(doc) = ingest::read_bytes(Path::new("random"), &bytes, Some(format), &IngestOptions::default()) {
            let _ = engine.analyze(&doc, &options);
        }
    }
}
