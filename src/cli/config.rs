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
    /// Several `--target` postings or a folder of them: the postings to rank for one resume
    /// (`target` is then unused).
    pub rank: Option<Vec<PathBuf>>,
    /// `--as-of` as given; `as_of` is it or today.
    pub as_of_given: Option<Date>,
    pub keep_non_resumes: bool,
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
                program_args: Vec::new(),
                timeout: Duration::from_secs(args.timeout.max(1)),
                memory_limit: DEFAULT_MEMORY_LIMIT,
            }),
        };
        let engine = Engine::new(taxonomy);
        let as_of = args.as_of.unwrap_or_else(Date::today);
        let (target, rank) = match args.target.as_slice() {
            [] => (Target::BestFit, None),
            [given] if !std::path::Path::new(given).is_dir() => (resolve_target(&engine, given, &ingest, as_of)?, None),
            given => (Target::BestFit, Some(rank_targets(&engine, given)?)),
        };
        if rank.is_some() {
            rank_usage(args)?;
        }
        let many = args.inputs.len() > 1 || args.inputs.iter().any(|i| i.as_os_str() == "-" || i.is_dir());
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Ok(Config {
            engine,
            inputs: args.inputs.clone(),
            target,
            rank,
            as_of_given: args.as_of,
            keep_non_resumes: args.keep_non_resumes,
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

/// `--target`: a role id or title always means the role, even when a file of that name is in
/// the current folder (`./lead-ml` names the file). Anything else that exists, or looks like a
/// file name, is read as a posting, so a FIFO, a folder or a missing `posting.txt` gets its
/// reason instead of "unknown role"; a bare word gets "unknown role" with "did you mean".
fn resolve_target(engine: &Engine, given: &str, ingest: &IngestOptions, as_of: Date) -> anyhow::Result<Target> {
    let unknown = match engine.taxonomy().find_role(given) {
        Ok(role) => return Ok(Target::Role(role.id.clone())),
        Err(e) => e,
    };
    let path = std::path::Path::new(given);
    let file_like = given.contains(std::path::MAIN_SEPARATOR)
        || given.contains('/')
        || gap_check::ingest::InputFormat::from_path(path).is_some();
    if std::fs::symlink_metadata(path).is_ok() || file_like {
        return Ok(Target::Posting(std::sync::Arc::new(read_posting(engine, given, ingest, as_of)?)));
    }
    Err(unknown.into())
}

/// `--target` given several times, or a folder: the postings to rank. A role id or title
/// among them is a usage error: a role is no posting to rank beside others (without
/// `--target` the roles are ranked already).
fn rank_targets(engine: &Engine, given: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    given
        .iter()
        .map(|g| {
            let path = std::path::Path::new(g);
            if engine.taxonomy().find_role(g).is_ok() && std::fs::symlink_metadata(path).is_err() {
                anyhow::bail!(
                    "--target {g}: a role cannot be ranked among job postings; give postings only \
                     (`gap-check RESUME` without --target ranks the roles)"
                );
            }
            Ok(path.to_path_buf())
        })
        .collect()
}

/// Ranking measures one resume against many postings: the options that shape a batch of
/// resumes do not apply, and are refused rather than ignored.
fn rank_usage(args: &Args) -> anyhow::Result<()> {
    let one_file = matches!(args.inputs.as_slice(), [one] if one.as_os_str() != "-" && !one.is_dir());
    if !one_file {
        anyhow::bail!(
            "ranking postings (--target given several times or a folder) takes one resume file; to shortlist \
             several resumes, give one --target"
        );
    }
    if args.shard.is_some() || args.manifest.is_some() {
        anyhow::bail!("--shard and --manifest apply to batches of resumes, not to ranking postings for one resume");
    }
    Ok(())
}

/// A job posting given as `--target`: read with the same limits and checks as a resume
/// (regular files only, `--max-size`, `--timeout`). A posting that cannot be read, is not
/// prose, or asks for nothing the taxonomy knows, is a usage error naming the file.
pub fn read_posting(
    engine: &Engine,
    path: &str,
    ingest: &IngestOptions,
    as_of: Date,
) -> anyhow::Result<gap_check::posting::Posting> {
    let doc = ingest::read_file(std::path::Path::new(path), ingest)?;
    if let Some((words, tokens)) = gap_check::parse::kind::not_prose(&doc.lines) {
        anyhow::bail!(
            "{path}: does not read like a job posting: {words} of its {tokens} tokens are words (a posting is prose; \
             is this the right file?)"
        );
    }
    let posting = engine.read_posting(&doc, as_of).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    if posting.resume_like {
        eprintln!("gap-check: warning: {path} reads like a resume (dated jobs, resume headings), not a job posting");
    }
    Ok(posting)
}
