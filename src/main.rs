mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::Parser;

use cli::{Cli, ColorChoice, Command, OutputFormat};
use gap_check::date::Date;
use gap_check::ingest::worker::{self, WorkerConfig};
use gap_check::ingest::{IngestOptions, PdfExtraction, DEFAULT_MEMORY_LIMIT};
use gap_check::render::text::Style;
use gap_check::report::{ErrorReport, Record};
use gap_check::taxonomy::Taxonomy;
use gap_check::{AnalysisOptions, Engine};

/// Exit codes: 0 all good, 1 an input could not be read, 2 a usage or configuration error.
#[derive(Debug, Clone, Copy)]
enum Exit {
    Success = 0,
    InputFailed = 1,
    Usage = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == worker::WORKER_ARG) {
        return ExitCode::from(worker::worker_main(&args[2..]) as u8);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(exit) => exit.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return Exit::Success.into();
            }
            eprintln!("gap-check: error: {err:#}");
            Exit::Usage.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    let taxonomy = match &cli.taxonomy {
        Some(dir) => Taxonomy::load_dir(dir)?,
        None => Taxonomy::embedded()?,
    };
    let mut stdout = std::io::stdout().lock();

    if let Some(Command::Roles) = cli.command {
        for role in &taxonomy.roles {
            writeln!(
                stdout,
                "{:<24} {:<36} {}",
                role.id,
                role.title,
                role.level.as_str()
            )?;
        }
        return Ok(Exit::Success);
    }

    let target = match &cli.target {
        Some(given) => Some(taxonomy.find_role(given)?.id.clone()),
        None => None,
    };
    let [input] = cli.inputs.as_slice() else {
        if cli.inputs.is_empty() {
            bail!("no resume given (try `gap-check resume.pdf --target lead-ml`, or `gap-check --help`)");
        }
        bail!("give one resume at a time");
    };
    let program = std::env::current_exe()
        .context("cannot locate the gap-check executable for PDF extraction")?;
    let ingest = IngestOptions {
        max_size: cli.max_size,
        pdf: PdfExtraction::Worker(WorkerConfig {
            program,
            timeout: Duration::from_secs(cli.timeout.max(1)),
            memory_limit: DEFAULT_MEMORY_LIMIT,
        }),
    };
    let options = AnalysisOptions {
        target,
        as_of: cli.as_of.unwrap_or_else(Date::today),
    };
    let engine = Engine::new(taxonomy);
    match engine.analyze_file(input, &ingest, &options) {
        Ok(report) => {
            match cli.format {
                OutputFormat::Text => {
                    let color = match cli.color {
                        ColorChoice::Always => true,
                        ColorChoice::Never => false,
                        ColorChoice::Auto => {
                            std::io::stdout().is_terminal()
                                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        }
                    };
                    let text = gap_check::render::text::render(
                        &report,
                        engine.taxonomy(),
                        Style { color },
                    );
                    stdout.write_all(text.as_bytes())?;
                }
                OutputFormat::Json => {
                    writeln!(
                        stdout,
                        "{}",
                        gap_check::render::json::to_json(&Record::Report(Box::new(report)))
                    )?;
                }
            }
            stdout.flush()?;
            Ok(Exit::Success)
        }
        Err(err) => {
            if cli.format == OutputFormat::Json {
                writeln!(
                    stdout,
                    "{}",
                    gap_check::render::json::to_json(&Record::Error(ErrorReport::new(&err)))
                )?;
                stdout.flush()?;
            }
            eprintln!("gap-check: {err}");
            Ok(Exit::InputFailed)
        }
    }
}
