//! Reading resumes: one or many through the library's pipeline, rendered to stdout, with
//! the progress bar, error lines and summary on stderr.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{bail, Context};

use super::args::SortKey;
use super::config::Config;
use super::progress;
use crate::exit_codes::ExitCode;
use gap_check::batch::{self, Discovery, Duplicates, Item, SortedSpill};
use gap_check::error::InputError;
use gap_check::ingest;
use gap_check::render::{Format, Renderer};
use gap_check::report::{self, ErrorReport, Record};
use gap_check::{manifest, AnalysisOptions, Options, Source, Target};

/// `gap-check roles`. The built-in roles come from `roles.toml` alone, without compiling the
/// taxonomy's matchers (a few milliseconds instead of tens); a `--taxonomy DIR` is loaded and
/// checked whole, so that its errors show here too.
pub fn list_roles(taxonomy: Option<&Path>) -> anyhow::Result<ExitCode> {
    let roles: Vec<(String, String, gap_check::taxonomy::Level)> = match taxonomy {
        Some(dir) => gap_check::taxonomy::Taxonomy::load_dir(dir)?
            .roles
            .into_iter()
            .map(|role| (role.id, role.title, role.level))
            .collect(),
        None => gap_check::taxonomy::embedded_roles()?,
    };
    let mut stdout = std::io::stdout().lock();
    for (id, title, level) in &roles {
        writeln!(stdout, "{:<24} {:<36} {}", id, title, level.as_str())?;
    }
    Ok(ExitCode::Success)
}

/// `gap-check target posting.txt`: the posting's requirements as read.
pub fn show_posting(config: &Config, path: &std::path::Path) -> anyhow::Result<ExitCode> {
    let posting = super::config::read_posting(&config.engine, path, &config.ingest, config.as_of_given)?;
    let report = gap_check::report::PostingReport::build(&posting);
    let out = match config.format {
        gap_check::render::Format::Json | gap_check::render::Format::Ndjson => {
            serde_json::to_string_pretty(&report)? + "\n"
        }
        _ => gap_check::render::posting::text(&report),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::Success)
}

/// `gap-check text FILE`: the numbered lines as read, with their sections.
pub fn show_lines(config: &Config, path: &Path) -> anyhow::Result<ExitCode> {
    let doc = config.engine.read_document(&gap_check::Source::File(path), &config.ingest)?;
    let lines = config.engine.lines_as_read(&doc);
    let width = lines.len().to_string().len();
    let mut out = String::new();
    let mut section = None;
    for line in &lines {
        // The section is named where it changes, so the numbers stay easy to scan.
        let label = if section != Some(line.section) {
            section = Some(line.section);
            line.section.as_str()
        } else {
            ""
        };
        out.push_str(format!("{:>width$}  {label:<12}  {}", line.number, line.text).trim_end());
        out.push('\n');
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::Success)
}

/// `gap-check audit reports.ndjson --groups groups.csv`: impact ratios for a bias audit.
pub fn audit(config: &Config, reports: &Path, groups: &Path, threshold: u32) -> anyhow::Result<ExitCode> {
    use gap_check::audit;
    use gap_check::render::Format;
    let result = audit::run(reports, groups, threshold)?;
    let bytes = match config.format {
        Format::Text | Format::Html => {
            audit::render_text(&result, &reports.display().to_string(), &groups.display().to_string()).into_bytes()
        }
        // An audit table is no resume: json-resume prints the JSON tables.
        Format::Json | Format::JsonResume => audit::render_json(&result).into_bytes(),
        Format::Ndjson => format!("{}\n", serde_json::to_string(&result)?).into_bytes(),
        Format::Csv => audit::render_csv(&result),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&bytes)?;
    stdout.flush()?;
    Ok(ExitCode::Success)
}

/// `gap-check serve`: the HTTP service, until it is stopped.
#[cfg(feature = "serve")]
pub fn serve(config: Config, args: &super::args::ServeArgs) -> anyhow::Result<ExitCode> {
    use gap_check::serve::{default_max_connections, ServeConfig, IDLE_GRACE};
    use std::time::Duration;
    let timeout = Duration::from_secs(config.timeout_seconds.max(1));
    let serve_config = ServeConfig {
        listen: args.listen,
        max_body: config.ingest.max_size,
        max_concurrent: args
            .max_concurrent
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        timeout,
        as_of: config.as_of_given,
        ingest: config.ingest,
        max_parts: args.max_parts,
        body_budget: args.body_budget,
        max_connections: args.max_connections.unwrap_or_else(default_max_connections),
        header_timeout: Duration::from_secs(args.header_timeout.max(1)),
        idle_timeout: args.idle_timeout.map_or(timeout + IDLE_GRACE, |s| Duration::from_secs(s.max(1))),
    };
    gap_check::serve::serve(config.engine, serve_config)?;
    Ok(ExitCode::Success)
}

/// `gap-check resume.pdf --target postings/` (or several `--target` postings): the postings
/// found, each read once (in parallel), the resume read once and measured against each, one
/// row per posting. A file of a folder that is not a posting is a counted skip, one named on
/// the command line an error row; an unreadable posting is an error row and the run goes on.
pub fn rank(config: Config, targets: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let Some(resume) = config.inputs.first() else {
        bail!("no resume given (try `gap-check resume.pdf --target postings/`)");
    };
    let started = Instant::now();
    let counts = Mutex::new(Discovery::default());
    let on_skip = |path: &Path, reason: &str| {
        if config.verbose {
            eprintln!("gap-check: skipped {}: {reason}", report::path_text(path).0);
        }
    };
    // Each target on its own, to know whether a file was named or found in a folder.
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for target in targets {
        let named = !target.is_dir();
        for item in batch::discover(std::slice::from_ref(target), config.follow, None, &counts, &on_skip) {
            if let Item::File(path) = item {
                files.push((path, named));
            }
        }
    }
    let (engine, ingest, as_of) = (&config.engine, &config.ingest, config.as_of);
    let mut postings = Vec::with_capacity(files.len());
    batch::map_ordered(
        files.into_iter(),
        config.jobs,
        config.jobs * 4,
        |(path, named)| (engine.read_posting_file(&path, ingest, as_of), named),
        |read| {
            postings.push(read);
            true
        },
    );
    // Folders that hold no posting at all name no target: a usage error, before the resume is
    // read and before anything is printed.
    let nothing_to_rank = postings
        .iter()
        .all(|(input, named)| !named && matches!(input, gap_check::rank::PostingInput::NotAPosting { .. }));
    if nothing_to_rank {
        let targets: Vec<String> = targets.iter().map(|p| p.display().to_string()).collect();
        eprintln!("gap-check: {}: no job posting in it", targets.join(", "));
        return Ok(ExitCode::Usage);
    }
    let options = AnalysisOptions {
        target: Target::BestFit,
        as_of: config.as_of_given,
        keep_non_resumes: config.keep_non_resumes,
    };
    let mut stdout = std::io::stdout().lock();
    let mut ranking = match engine.rank_file(resume, &postings, ingest, &options) {
        Ok(ranking) => ranking,
        Err(err) => {
            // The resume is what every row is about: without it there is nothing to rank.
            eprintln!("gap-check: {}: {}", report::path_text(&err.path).0, err.reason);
            if matches!(config.format, Format::Json | Format::Ndjson) {
                let record = Record::Error(ErrorReport::new(&err));
                let line = match config.format {
                    Format::Ndjson => serde_json::to_string(&record)?,
                    _ => serde_json::to_string_pretty(&record)?,
                };
                writeln!(stdout, "{line}")?;
            }
            return Ok(ExitCode::InputFailed);
        }
    };
    ranking.skipped_other = counts.lock().map(|c| c.skipped).unwrap_or_default();
    stdout.write_all(&gap_check::render::rank::render(&ranking, config.format, config.style))?;
    stdout.flush()?;

    let ranked = ranking.rows.iter().filter(|r| r.error.is_none()).count();
    let failed = ranking.rows.len() - ranked;
    for row in ranking.rows.iter().filter_map(|r| r.error.as_ref().map(|e| (r, e))) {
        eprintln!("gap-check: {}: {}", row.0.path, row.1.message);
    }
    for skipped in &ranking.skipped {
        eprintln!("gap-check: skipped {}: not a job posting: {}", skipped.path, skipped.reason);
    }
    eprintln!(
        "gap-check: {ranked} posting{} ranked, {failed} could not be read, {} not postings, {} other files skipped; {:.2} s",
        if ranked == 1 { "" } else { "s" },
        ranking.skipped.len(),
        ranking.skipped_other,
        started.elapsed().as_secs_f64()
    );
    Ok(if failed > 0 { ExitCode::InputFailed } else { ExitCode::Success })
}

pub fn analyze(config: Config) -> anyhow::Result<ExitCode> {
    if let Some(targets) = config.rank.clone() {
        return rank(config, &targets);
    }
    if config.inputs.is_empty() {
        bail!("no resume given (try `gap-check resume.pdf --target lead-ml`, or `gap-check --help`)");
    }
    let progress = progress::bar(&config);
    let mut manifest = config.manifest.as_ref().map(|_| {
        let target = match &config.target {
            Target::BestFit => None,
            Target::Role(id) => Some(id.clone()),
            Target::Posting(p) => Some(format!("{} (sha256 {})", p.path, p.sha256)),
        };
        manifest::Recorder::start(
            manifest::Options {
                target,
                as_of: config.as_of.to_string(),
                taxonomy: config.taxonomy_dir.as_ref().map(|d| d.display().to_string()),
                max_size: config.ingest.max_size,
                timeout: config.timeout_seconds,
                shard: config.shard.map(|s| format!("{}/{}", s.index, s.count)),
                inputs: config.inputs.iter().map(|i| i.display().to_string()).collect(),
            },
            &config.engine.taxonomy().sha256,
        )
    });
    let manifest_path = config.manifest.clone();
    let Config {
        engine,
        inputs,
        target,
        as_of_given,
        keep_non_resumes,
        ingest,
        format,
        sort,
        jobs,
        shard,
        many,
        style,
        verbose,
        follow,
        ..
    } = config;
    // Never freed: the process exits after this run, and freeing the taxonomy's and the
    // lexicon's many small allocations one by one was 5% of a one-resume run. The engine
    // holds only memory (no file, worker or lock).
    let engine = std::mem::ManuallyDrop::new(engine);
    // Not given: each resume's "Present" is its own date, else today (the engine decides).
    let options = Options::new(AnalysisOptions { target, as_of: as_of_given, keep_non_resumes }, ingest);
    let inputs = &inputs;
    let renderer = Renderer::new(format, many, engine.taxonomy(), style);
    let started = Instant::now();

    let counts = Mutex::new(Discovery::default());
    let on_skip = |path: &std::path::Path, reason: &str| {
        if verbose {
            progress.suspend(|| eprintln!("gap-check: skipped {}: {reason}", report::path_text(path).0));
        }
    };
    let items = batch::discover(inputs, follow, shard, &counts, &on_skip);
    let analyze = |item: Item| -> Record {
        match &item {
            Item::File(path) => engine.run(&Source::File(path), &options),
            Item::Text { id, text } => engine.run(&Source::Text { name: id, text }, &options),
            Item::Invalid { id, reason } => {
                Record::Error(ErrorReport::new(&InputError { path: PathBuf::from(id), reason: reason.clone() }))
            }
        }
    };

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut spill = match sort {
        Some(SortKey::Score) => Some(SortedSpill::new().context("cannot create a temporary file for --sort")?),
        None => None,
    };
    let (mut ok, mut failed, mut written) = (0u64, 0u64, 0u64);
    let mut write_error: Option<std::io::Error> = None;
    // NDJSON and CSV records are whole on their own: each goes down the pipe when it is
    // complete, so a run killed half-way (a timed-out Spark or GNU parallel task) keeps
    // what it finished. (A JSON array is only valid whole, text is for a person.)
    let flush_each = matches!(format, Format::Ndjson | Format::Csv);
    out.write_all(&renderer.prefix())?;
    if flush_each {
        out.flush()?;
    }
    // Checked here, in input order and before `--sort` reorders anything, so which record
    // is the original does not depend on thread timing or scores. One resume alone has
    // nothing to repeat, and its report carries no flag.
    let mut duplicates = many.then(Duplicates::new);
    let emit = |mut record: Record| {
        progress.inc(1);
        if let Some(d) = duplicates.as_mut() {
            d.mark(&mut record);
        }
        if let Some(m) = manifest.as_mut() {
            m.record(&record);
        }
        let score = match &record {
            Record::Report(r) => {
                ok += 1;
                Some(r.score)
            }
            Record::Error(e) => {
                failed += 1;
                progress.suspend(|| eprintln!("gap-check: {}: {}", e.input.path, e.error.message));
                None
            }
        };
        let Some(chunk) = renderer.chunk(&record) else {
            return true;
        };
        let result = match spill.as_mut() {
            Some(spill) => spill.push(score, &chunk),
            None => write_chunk(&mut out, &renderer, &mut written, &chunk).and_then(|()| match flush_each {
                true => out.flush(),
                false => Ok(()),
            }),
        };
        match result {
            Ok(()) => true,
            Err(e) => {
                write_error = Some(e);
                false
            }
        }
    };
    // One file is one job: read on this thread (starting `--jobs` workers to wait for it
    // was a tenth of a millisecond each of a 15 ms run).
    let jobs = if many { jobs } else { 1 };
    batch::map_ordered(items, jobs, jobs * 16, analyze, emit);
    progress.finish_and_clear();
    if let Some(e) = write_error {
        return Err(e.into());
    }
    if let Some(spill) = spill {
        spill.drain(|chunk| write_chunk(&mut out, &renderer, &mut written, chunk))?;
    }
    out.write_all(&renderer.suffix())?;
    out.flush()?;

    let discovery = counts.lock().map(|c| *c).unwrap_or_default();
    if let (Some(path), Some(m)) = (&manifest_path, manifest) {
        let (skipped, other_shards) = (discovery.skipped, discovery.other_shards);
        m.finish(manifest::Counts { ok, failed, skipped, other_shards, ..Default::default() }).write(path)?;
    }
    if many {
        let elapsed = started.elapsed().as_secs_f64();
        let rate = if elapsed > 0.0 { (ok + failed) as f64 / elapsed } else { 0.0 };
        let mut summary =
            format!("gap-check: {} resumes: {ok} ok, {failed} failed, {} skipped", ok + failed, discovery.skipped);
        if discovery.other_shards > 0 {
            summary.push_str(&format!(", {} in other shards", discovery.other_shards));
        }
        eprintln!("{summary}; {elapsed:.2} s ({rate:.0} resumes/s)");
        if ok + failed == 0 && discovery.other_shards == 0 {
            let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
            eprintln!(
                "gap-check: no resumes ({}) found in {}",
                ingest::InputFormat::extension_list(),
                inputs.join(", ")
            );
            return Ok(ExitCode::InputFailed);
        }
    }
    Ok(if failed > 0 { ExitCode::InputFailed } else { ExitCode::Success })
}

fn write_chunk(out: &mut impl Write, renderer: &Renderer, written: &mut u64, chunk: &[u8]) -> std::io::Result<()> {
    if *written > 0 {
        out.write_all(renderer.separator())?;
    }
    *written += 1;
    out.write_all(chunk)
}
