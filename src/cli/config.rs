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

pub struct Config {
    pub taxonomy: Taxonomy,
    pub inputs: Vec<PathBuf>,
    /// The role id of `--target`, resolved (a title or alias becomes its id).
    pub target: Option<String>,
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
    /// `--verbose`: name every skipped walk entry on stderr.
    pub verbose: bool,
}

impl Config {
    pub fn from_args(args: &Args) -> anyhow::Result<Config> {
        let taxonomy = match &args.taxonomy {
            Some(dir) => Taxonomy::load_dir(dir)?,
            None => Taxonomy::embedded()?,
        };
        let target = match &args.target {
            Some(given) => Some(taxonomy.find_role(given)?.id.clone()),
            None => None,
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
        let many = args.inputs.len() > 1 || args.inputs.iter().any(|i| i.as_os_str() == "-" || i.is_dir());
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Ok(Config {
            taxonomy,
            inputs: args.inputs.clone(),
            target,
            as_of_given: args.as_of,
            as_of: args.as_of.unwrap_or_else(Date::today),
            ingest,
            format: args.format,
            sort: args.sort,
            jobs: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1),
            shard: args.shard,
            many,
            progress: many && args.progress.resolve(std::io::stderr().is_terminal()),
            verbose: args.verbose,
            style: Style { color: args.color.resolve(std::io::stdout().is_terminal() && !no_color) },
        })
    }
}
