//! `gap-check eval DIR...`: the reading scored against labelled folders of resumes or
//! postings.

use std::io::Write;
use std::path::PathBuf;

use super::config::Config;
use crate::exit_codes::ExitCode;
use gap_check::eval::{self, Evaluation, FolderEvaluation};
use gap_check::render::Format;

pub fn run(config: &Config, dirs: &[PathBuf], min_f1: Option<f64>) -> anyhow::Result<ExitCode> {
    let engine = &config.engine;
    let folders = dirs
        .iter()
        .map(|dir| eval::evaluate(engine, dir, &config.ingest, config.as_of_given, config.jobs))
        .collect::<Result<Vec<FolderEvaluation>, _>>()?;
    let resumes: Vec<Evaluation> = folders
        .iter()
        .filter_map(|f| match f {
            FolderEvaluation::Resumes(e) => Some(e.clone()),
            FolderEvaluation::Postings(_) => None,
        })
        .collect();
    let postings: Vec<_> = folders
        .iter()
        .filter_map(|f| match f {
            FolderEvaluation::Postings(p) => Some(p.clone()),
            FolderEvaluation::Resumes(_) => None,
        })
        .collect();
    let mut stdout = std::io::stdout().lock();
    match config.format {
        Format::Json | Format::Ndjson => stdout.write_all(eval::render::json_all(&resumes, &postings).as_bytes())?,
        _ => {
            for (i, folder) in folders.iter().enumerate() {
                if i > 0 {
                    writeln!(stdout)?;
                }
                let text = match folder {
                    FolderEvaluation::Resumes(e) => eval::render::text(e, &engine.taxonomy().categories),
                    FolderEvaluation::Postings(p) => eval::render::postings_text(p),
                };
                stdout.write_all(text.as_bytes())?;
            }
            if resumes.len() > 1 {
                writeln!(stdout)?;
                stdout.write_all(eval::render::summary(&resumes, &Evaluation::total(&resumes)).as_bytes())?;
            }
        }
    }
    stdout.flush()?;
    // The floor is on resume skill detection: all resume folders together.
    let f1 = Evaluation::total(&resumes).overall.f1();
    match min_f1 {
        Some(floor) if !resumes.is_empty() && f1 < floor => {
            eprintln!("gap-check: overall skill F1 {f1:.3} is below the floor {floor:.3}");
            Ok(ExitCode::InputFailed)
        }
        _ => Ok(ExitCode::Success),
    }
}
