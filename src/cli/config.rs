//! The settings of one run, resolved once from the arguments: the taxonomy, the target, the
//! date "Present" means, the ingest limits, the output format and style.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;

use super::args::{Args, SortKey};
use gap_check::batch::Shard;
use gap_check::calendar::Date;
use gap_check::ingest::worker::WorkerConfig;
use gap_check::ingest::{IngestOptions, PdfExtraction, DEFAULT_MEMORY_LIMIT};
use gap_check::render::{text::Style, Format};
use gap_check::taxonomy::Taxonomy;
use gap_check::{ingest, Engine, Target};

pub struct Config {
    /// The taxonomy, compiled.
    pub engine: Engine,
    pub inputs: Vec<PathBuf>,
    /// `--target`, resolved: a role id (a title or alias becomes its id), or a posting read
    /// once for the whole run.
    pub target: Target,
    /// `--as-of` as given; `as_of` is it or today.
    pub as_of_given: Option<Date>,
    pub as_of: Date,
    pub ingest: IngestOptions,
    pub format: Format,
    pub sort: Option<SortKey>,
    pub jobs: usize,
    pub shard: Option<Shard>,
    /// More than one resume (several inputs, a folder or stdin): a batch.
    pub many: bool,
    pub progress: bool,
    pub style: Style,
    /// `--manifest FILE`, and what the manifest records of the options.
    pub manifest: Option<PathBuf>,
    pub taxonomy_dir: Option<PathBuf>,
    pub timeout_seconds: u64,
    /// `--verbose`: name every skipped walk entry on stderr.
    pub verbose: bool,
    /// `-L/--follow`: read links met in a folder walk.
    pub follow: bool,
}

impl Config {
    pub fn from_args(args: &Args) -> anyhow::Result<Config> {
        let taxonomy = match &args.taxonomy {
            Some(dir) => Taxonomy::load_dir(dir)?,
            None => Taxonomy::embedded()?,
        };
        let program = std::env::current_exe().context("cannot locate the gap-check executable for PDF extraction")?;
        let ingest = IngestOptions {
            max_size: args.max_size,
            timeout: Some(Duration::from_secs(args.timeout.max(1))),
            pdf: PdfExtraction::Worker(WorkerConfig {
                program,
                timeout: Duration::from_secs(args.timeout.max(1)),
                memory_limit: DEFAULT_MEMORY_LIMIT,
            }),
        };
        let engine = Engine::new(taxonomy);
        let as_of = args.as_of.unwrap_or_else(Date::today);
        let target = match &args.target {
            None => Target::BestFit,
            Some(given) if std::path::Path::new(given).is_file() => {
                Target::Posting(std::sync::Arc::new(read_posting(&engine, given, &ingest, as_of)?))
            }
            Some(given) => Target::Role(engine.taxonomy().find_role(given)?.id.clone()),
        };
        let many = args.inputs.len() > 1 || args.inputs.iter().any(|i| i.as_os_str() == "-" || i.is_dir());
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Ok(Config {
            engine,
            inputs: args.inputs.clone(),
            target,
            as_of_given: args.as_of,
            as_of,
            ingest,
            format: args.format,
            sort: args.sort,
            jobs: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1),
            shard: args.shard,
            many,
            progress: many && args.progress.resolve(std::io::stderr().is_terminal()),
            style: Style::for_stdout(args.color.resolve(std::io::stdout().is_terminal() && !no_color)),
            manifest: args.manifest.clone(),
            taxonomy_dir: args.taxonomy.clone(),
            timeout_seconds: args.timeout,
            verbose: args.verbose,
            follow: args.follow,
        })
    }
}

/// A job posting given as `--target`: read with the same limits as a resume. A posting that
/// cannot be read, or asks for nothing the taxonomy knows, is a usage error naming the file.
pub fn read_posting(
    engine: &Engine,
    path: &str,
    ingest: &IngestOptions,
    as_of: Date,
) -> anyhow::Result<gap_check::posting::Posting> {
    let doc = ingest::read_file(std::path::Path::new(path), ingest)?;
    let posting = engine.read_posting(&doc, as_of).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    if posting.resume_like {
        eprintln!("gap-check: warning: {path} reads like a resume (dated jobs, resume headings), not a job posting");
    }
    Ok(posting)
}
