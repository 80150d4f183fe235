//! What the binary does with parsed arguments: one resume or many through the library's
//! pipeline, rendered to stdout, with the progress bar, error lines and summary on stderr.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{Cli, ColorChoice, Command, OutputFormat, SortKey};
use crate::Exit;
use gap_check::batch::{self, Discovery, Item, SortedSpill};
use gap_check::date::Date;
use gap_check::error::InputError;
use gap_check::ingest::worker::WorkerConfig;
use gap_check::ingest::{self, IngestOptions, PdfExtraction, DEFAULT_MEMORY_LIMIT};
use gap_check::render::{text::Style, Format, Renderer};
use gap_check::report::{ErrorReport, Record};
use gap_check::taxonomy::Taxonomy;
use gap_check::{AnalysisOptions, Engine};

fn wants(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal,
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    let taxonomy = match &cli.taxonomy {
        Some(dir) => Taxonomy::load_dir(dir)?,
        None => Taxonomy::embedded()?,
    };

    match &cli.command {
        Some(Command::Roles) => {
            let mut stdout = std::io::stdout().lock();
            for role in &taxonomy.roles {
                writeln!(stdout, "{:<24} {:<36} {}", role.id, role.title, role.level.as_str())?;
            }
            return Ok(Exit::Success);
        }
        Some(Command::Eval { dir, min_f1 }) => return run_eval(&cli, taxonomy, dir, *min_f1),
        #[cfg(feature = "serve")]
        Some(Command::Serve { listen, max_size, timeout, max_concurrent }) => {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let mut ingest = ingest_options(&cli)?;
            if let PdfExtraction::Worker(worker) = &mut ingest.pdf {
                worker.timeout = Duration::from_secs((*timeout).max(1));
            }
            let config = gap_check::serve::ServeConfig {
                listen: *listen,
                max_body: *max_size,
                max_concurrent: max_concurrent.unwrap_or(cores),
                timeout: Duration::from_secs((*timeout).max(1)),
                as_of: cli.as_of,
                ingest,
            };
            gap_check::serve::serve(Engine::new(taxonomy), config)?;
            return Ok(Exit::Success);
        }
        None => {}
    }
    if cli.inputs.is_empty() {
        bail!("no resume given (try `gap-check resume.pdf --target lead-ml`, or `gap-check --help`)");
    }
    let target = match &cli.target {
        Some(given) => Some(taxonomy.find_role(given)?.id.clone()),
        None => None,
    };
    let ingest = ingest_options(&cli)?;
    let options = AnalysisOptions { target, as_of: cli.as_of.unwrap_or_else(Date::today) };
    let engine = Engine::new(taxonomy);
    let many = cli.inputs.len() > 1 || cli.inputs.iter().any(|i| i.as_os_str() == "-" || i.is_dir());
    let format = match cli.format {
        OutputFormat::Text => Format::Text,
        OutputFormat::Json => Format::Json,
        OutputFormat::Ndjson => Format::Ndjson,
        OutputFormat::Csv => Format::Csv,
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let renderer = Renderer {
        format,
        many,
        taxonomy: engine.taxonomy(),
        style: Style { color: wants(cli.color, std::io::stdout().is_terminal() && !no_color) },
    };
    let jobs = cli.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let progress = progress_bar(&cli, many);
    let started = Instant::now();

    let counts = Mutex::new(Discovery::default());
    let items = batch::discover(&cli.inputs, cli.shard, &counts);
    let analyze = |item: Item| -> Record {
        let result = match &item {
            Item::File(path) => engine.analyze_file(path, &ingest, &options),
            Item::Text { id, text } => ingest::from_text(std::path::Path::new(id), text)
                .map(|doc| engine.analyze(&doc, &options))
                .map_err(|reason| InputError { path: PathBuf::from(id), reason }),
            Item::Invalid { id, reason } => Err(InputError { path: PathBuf::from(id), reason: reason.clone() }),
        };
        match result {
            Ok(report) => Record::Report(Box::new(report)),
            Err(err) => Record::Error(ErrorReport::new(&err)),
        }
    };

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut spill = match cli.sort {
        Some(SortKey::Score) => Some(SortedSpill::new().context("cannot create a temporary file for --sort")?),
        None => None,
    };
    let (mut ok, mut failed, mut written) = (0u64, 0u64, 0u64);
    let mut write_error: Option<std::io::Error> = None;
    out.write_all(&renderer.prefix())?;
    batch::map_ordered(items, jobs, jobs * 16, analyze, |record| {
        progress.inc(1);
        let score = match &record {
            Record::Report(r) => {
                ok += 1;
                Some(r.score)
            }
            Record::Error(e) => {
                failed += 1;
                progress.suspend(|| eprintln!("gap-check: {}: {}", e.input.path, e.error));
                None
            }
        };
        let Some(chunk) = renderer.chunk(&record) else {
            return true;
        };
        let result = match spill.as_mut() {
            Some(spill) => spill.push(score, &chunk),
            None => write_chunk(&mut out, &renderer, &mut written, &chunk),
        };
        match result {
            Ok(()) => true,
            Err(e) => {
                write_error = Some(e);
                false
            }
        }
    });
    progress.finish_and_clear();
    if let Some(e) = write_error {
        return Err(e.into());
    }
    if let Some(spill) = spill {
        spill.drain(|chunk| write_chunk(&mut out, &renderer, &mut written, chunk))?;
    }
    out.write_all(renderer.suffix())?;
    out.flush()?;

    let discovery = counts.lock().map(|c| *c).unwrap_or_default();
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
            let inputs: Vec<String> = cli.inputs.iter().map(|p| p.display().to_string()).collect();
            eprintln!("gap-check: no resumes (.pdf, .txt, .md) found in {}", inputs.join(", "));
            return Ok(Exit::InputFailed);
        }
    }
    Ok(if failed > 0 { Exit::InputFailed } else { Exit::Success })
}

fn ingest_options(cli: &Cli) -> anyhow::Result<IngestOptions> {
    let program = std::env::current_exe().context("cannot locate the gap-check executable for PDF extraction")?;
    Ok(IngestOptions {
        max_size: cli.max_size,
        pdf: PdfExtraction::Worker(WorkerConfig {
            program,
            timeout: Duration::from_secs(cli.timeout.max(1)),
            memory_limit: DEFAULT_MEMORY_LIMIT,
        }),
    })
}

fn run_eval(cli: &Cli, taxonomy: Taxonomy, dir: &std::path::Path, min_f1: Option<f64>) -> anyhow::Result<Exit> {
    let categories = taxonomy.categories.clone();
    let engine = Engine::new(taxonomy);
    let evaluation = gap_check::eval::evaluate(&engine, dir, &ingest_options(cli)?, cli.as_of)?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(gap_check::eval::render(&evaluation, &categories).as_bytes())?;
    stdout.flush()?;
    let f1 = evaluation.overall.f1();
    match min_f1 {
        Some(floor) if f1 < floor => {
            eprintln!("gap-check: overall skill F1 {f1:.3} is below the floor {floor:.3}");
            Ok(Exit::InputFailed)
        }
        _ => Ok(Exit::Success),
    }
}

fn write_chunk(out: &mut impl Write, renderer: &Renderer, written: &mut u64, chunk: &[u8]) -> std::io::Result<()> {
    if *written > 0 {
        out.write_all(renderer.separator())?;
    }
    *written += 1;
    out.write_all(chunk)
}

fn progress_bar(cli: &Cli, many: bool) -> ProgressBar {
    let terminal = std::io::stderr().is_terminal();
    if !many || !wants(cli.progress, terminal) {
        return ProgressBar::hidden();
    }
    let rate = |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.0}/s", state.per_sec());
    };
    let bar = match batch::count(&cli.inputs, cli.shard) {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} resumes  {rate}  ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .with_key("rate", rate),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} resumes  {rate}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner())
                .with_key("rate", rate),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar
}
