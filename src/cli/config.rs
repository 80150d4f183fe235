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
use gap_check::{Engine, Source, Target};

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
        // One PDF is read on this thread (`run::analyze`): its worker starts and extracts it
        // while the taxonomy is built, instead of after (issue 25: a one-PDF run waited for
        // the two one after the other). Not when a target is a file or a folder: postings
        // are read first, and a PDF posting would find the worker busy with the resume.
        let postings_given = args.target.iter().any(|t| std::path::Path::new(t).exists());
        if args.command.is_none() && !postings_given {
            if let [one] = args.inputs.as_slice() {
                gap_check::ingest::extract_ahead(one, &ingest);
            }
        }
        let taxonomy = match &args.taxonomy {
            Some(dir) => Taxonomy::load_dir(dir)?,
            None => Taxonomy::embedded()?,
        };
        let engine = Engine::new(taxonomy);
        let as_of = args.as_of.unwrap_or_else(Date::today);
        let (target, rank) = match args.target.as_slice() {
            [] => (Target::BestFit, None),
            [given] if !std::path::Path::new(given).is_dir() => {
                (resolve_target(&engine, given, &ingest, args.as_of)?, None)
            }
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

/// `--target` by name: a role, else a posting file (the library's rule, shared with Python).
fn resolve_target(engine: &Engine, given: &str, ingest: &IngestOptions, as_of: Option<Date>) -> anyhow::Result<Target> {
    let target = engine.target_named(given, ingest, as_of)?;
    if let Target::Posting(posting) = &target {
        warn_resume_like(posting);
    }
    Ok(target)
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

/// A job posting (`gap-check target FILE`): read with the same limits and checks as a resume
/// ([`Engine::read_posting_source`]); what keeps it from being a target is a usage error
/// naming the file.
pub fn read_posting(
    engine: &Engine,
    path: &std::path::Path,
    ingest: &IngestOptions,
    as_of: Option<Date>,
) -> anyhow::Result<gap_check::posting::Posting> {
    let posting = engine.read_posting_source(&Source::File(path), ingest, as_of)?;
    warn_resume_like(&posting);
    Ok(posting)
}

fn warn_resume_like(posting: &gap_check::posting::Posting) {
    if posting.resume_like {
        eprintln!(
            "gap-check: warning: {} reads like a resume (dated jobs, resume headings), not a job posting",
            posting.path
        );
    }
}
