//! `gap-check eval DIR...`: the reading scored against labelled folders.

use std::io::Write;
use std::path::PathBuf;

use super::config::Config;
use crate::exit_codes::ExitCode;
use gap_check::eval::{self, Evaluation};
use gap_check::render::Format;
use gap_check::Engine;

pub fn run(config: &Config, dirs: &[PathBuf], min_f1: Option<f64>) -> anyhow::Result<ExitCode> {
    let engine = Engine::new(config.taxonomy.clone());
    let parts = dirs
        .iter()
        .map(|dir| eval::evaluate(&engine, dir, &config.ingest, config.as_of_given, config.jobs))
        .collect::<Result<Vec<Evaluation>, _>>()?;
    let total = if parts.len() == 1 { parts[0].clone() } else { Evaluation::total(&parts) };
    let mut stdout = std::io::stdout().lock();
    match config.format {
        Format::Json | Format::Ndjson => stdout.write_all(eval::render::json(&parts, &total).as_bytes())?,
        _ => {
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    writeln!(stdout)?;
                }
                stdout.write_all(eval::render::text(part, &config.taxonomy.categories).as_bytes())?;
            }
            if parts.len() > 1 {
                writeln!(stdout)?;
                stdout.write_all(eval::render::summary(&parts, &total).as_bytes())?;
            }
        }
    }
    stdout.flush()?;
    let f1 = total.overall.f1();
    match min_f1 {
        Some(floor) if f1 < floor => {
            eprintln!("gap-check: overall skill F1 {f1:.3} is below the floor {floor:.3}");
            Ok(ExitCode::InputFailed)
        }
        _ => Ok(ExitCode::Success),
    }
}
