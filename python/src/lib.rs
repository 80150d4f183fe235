//! `gap_check._native`: the gap-check library behind a few Python functions. The Python
//! package (`gap_check/__init__.py`) wraps them: typed exceptions, the lazy `analyze_many`
//! generator and the pandas helper live there.
//!
//! Every record is serialised to the JSON text of `gap-check --format json` and the Python
//! side decodes it, so a dict is exactly the CLI's object. Work runs with the GIL released.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use gap_check::batch;
use gap_check::calendar::Date;
use gap_check::error::InputError;
use gap_check::ingest::worker::WorkerConfig;
use gap_check::ingest::{self, IngestOptions, PdfExtraction, DEFAULT_MEMORY_LIMIT};
use gap_check::render;
use gap_check::report::{ErrorReport, Record};
use gap_check::taxonomy::Taxonomy;
use gap_check::{AnalysisOptions, Engine, Options, Target};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes};

/// The built-in taxonomy, compiled once per process.
fn engine() -> PyResult<&'static Engine> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| Taxonomy::embedded().map(Engine::new).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(e.clone()))
}

/// A request-level mistake: `ValueError(code, message)`, turned into a typed exception by
/// the Python wrapper.
fn invalid(code: &str, message: String) -> PyErr {
    PyValueError::new_err((code.to_string(), message))
}

enum Source {
    File(PathBuf),
    Bytes {
        name: String,
        bytes: Vec<u8>,
    },
    /// Bytes over `max_size`, never copied: only their length is kept for the error record.
    TooLarge {
        name: String,
        size: u64,
    },
}

/// A source, its size checked before anything is copied: a 1 GiB `bytes` over the limit
/// costs nothing. The wrapper measures a `memoryview` (which the limited API cannot read)
/// and passes its length as an `int` when it is over the limit.
fn source(item: &Bound<'_, PyAny>, name: Option<String>, max_size: u64) -> PyResult<Source> {
    let name = || name.clone().unwrap_or_else(|| "bytes".into());
    let checked = |size: usize, copy: &dyn Fn() -> Vec<u8>| {
        if size as u64 > max_size {
            Source::TooLarge { name: name(), size: size as u64 }
        } else {
            Source::Bytes { name: name(), bytes: copy() }
        }
    };
    if let Ok(bytes) = item.cast::<PyBytes>() {
        return Ok(checked(bytes.as_bytes().len(), &|| bytes.as_bytes().to_vec()));
    }
    if let Ok(bytes) = item.cast::<PyByteArray>() {
        return Ok(checked(bytes.len(), &|| bytes.to_vec()));
    }
    if item.is_instance_of::<pyo3::types::PyInt>() {
        let size: u64 = item.extract()?;
        return Ok(Source::TooLarge { name: name(), size });
    }
    if let Ok(path) = item.extract::<PathBuf>() {
        return Ok(Source::File(path));
    }
    Err(PyTypeError::new_err(format!(
        "expected a path (str or os.PathLike) or bytes, got {}",
        item.get_type().name().map(|n| n.to_string()).unwrap_or_default()
    )))
}

/// The originals seen so far by one `analyze_many` call, kept across its chunks: the CLI's
/// rule itself (`gap_check::batch::Duplicates`), so both flag the same records.
#[pyclass(module = "gap_check._native")]
#[derive(Default)]
struct Duplicates(batch::Duplicates);

#[pymethods]
impl Duplicates {
    #[new]
    fn new() -> Self {
        Duplicates::default()
    }
}

/// Analyses `sources` (paths or bytes; `names[i]` names bytes) on `jobs` threads and returns
/// one JSON text per source, in order: a report or an error record. With `duplicates`, a
/// report that repeats an earlier one of the same `Duplicates` carries `input.duplicate_of`.
#[pyfunction]
#[pyo3(signature = (sources, names, target, as_of, jobs, max_size, pdf_worker, pdf_worker_args, timeout, keep_non_resumes=false, duplicates=None))]
#[allow(clippy::too_many_arguments)]
fn analyze_batch(
    py: Python<'_>,
    sources: Vec<Bound<'_, PyAny>>,
    names: Vec<Option<String>>,
    target: Option<Bound<'_, PyAny>>,
    as_of: Option<String>,
    jobs: usize,
    max_size: u64,
    pdf_worker: Option<PathBuf>,
    pdf_worker_args: Vec<String>,
    timeout: u64,
    keep_non_resumes: bool,
    mut duplicates: Option<PyRefMut<'_, Duplicates>>,
) -> PyResult<Vec<String>> {
    let engine = engine()?;
    // None: each document's own date, else today, as the CLI and the service resolve it.
    let as_of = parse_as_of(as_of)?;
    let ingest = ingest_options(max_size, pdf_worker, pdf_worker_args, timeout);
    let target = match target {
        Some(given) => resolve_target(py, engine, &given, &ingest, as_of)?,
        None => Target::BestFit,
    };
    let options = Options::new(AnalysisOptions { target, as_of, keep_non_resumes }, ingest);
    let mut items = Vec::with_capacity(sources.len());
    for (i, item) in sources.iter().enumerate() {
        items.push(source(item, names.get(i).cloned().flatten(), max_size)?);
    }
    let jobs = jobs.max(1);
    // Taken out while the GIL is released (a Python object cannot cross into the threads),
    // and put back after.
    let mut seen = duplicates.as_mut().map(|d| std::mem::take(&mut d.0));
    let (out, seen) = py.detach(move || {
        let mut out = Vec::with_capacity(items.len());
        batch::map_ordered(
            items.into_iter(),
            jobs,
            jobs * 4,
            |item| analyze_one(engine, item, &options),
            // Marked in input order, as the CLI marks them, then serialised.
            |mut record| {
                if let Some(seen) = seen.as_mut() {
                    seen.mark(&mut record);
                }
                out.push(serde_json::to_string(&record));
                true
            },
        );
        (out, seen)
    });
    if let (Some(d), Some(seen)) = (duplicates.as_mut(), seen) {
        d.0 = seen;
    }
    out.into_iter().collect::<Result<_, _>>().map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

fn analyze_one(engine: &Engine, item: Source, options: &Options) -> Record {
    match item {
        Source::File(path) => engine.run(&gap_check::Source::File(&path), options),
        Source::Bytes { name, bytes } => {
            engine.run(&gap_check::Source::Bytes { name: &name, bytes: &bytes, format: None }, options)
        }
        // Never copied, so never read: the error record `run` would give these bytes.
        Source::TooLarge { name, size } => Record::Error(ErrorReport::new(&InputError {
            path: name.into(),
            reason: gap_check::error::ReadError::TooLarge { size, limit: options.ingest.max_size },
        })),
    }
}

/// `target=`: a role id or title, else a path to a posting file (the CLI's `--target` rule,
/// in the library), or the bytes of a posting. Read once for the whole call, with the GIL
/// released. A posting's dates are read as of the date given, else today, as the CLI does.
fn resolve_target(
    py: Python<'_>,
    engine: &'static Engine,
    given: &Bound<'_, PyAny>,
    ingest: &IngestOptions,
    as_of: Option<Date>,
) -> PyResult<Target> {
    if let Ok(posting) = given.cast::<Posting>() {
        return Ok(Target::Posting(Arc::clone(&posting.get().0)));
    }
    if given.extract::<String>().is_ok_and(|name| name.is_empty()) {
        return Ok(Target::BestFit);
    }
    let bytes = if let Ok(b) = given.cast::<PyBytes>() {
        Some(b.as_bytes().to_vec())
    } else if let Ok(b) = given.cast::<PyByteArray>() {
        Some(b.to_vec())
    } else {
        None
    };
    let read = match bytes {
        Some(bytes) => py.detach(|| {
            let source = gap_check::Source::Bytes { name: POSTING_BYTES, bytes: &bytes, format: None };
            engine.read_posting_source(&source, ingest, as_of).map(|p| Target::Posting(Arc::new(p)))
        }),
        None => {
            if let Ok(name) = given.extract::<String>() {
                py.detach(|| engine.target_named(&name, ingest, as_of))
            } else if let Ok(path) = given.extract::<PathBuf>() {
                py.detach(|| {
                    engine
                        .read_posting_source(&gap_check::Source::File(&path), ingest, as_of)
                        .map(|p| Target::Posting(Arc::new(p)))
                })
            } else {
                return Err(PyTypeError::new_err(format!(
                    "target: expected a role id, a path to a posting (str or os.PathLike) or a posting's bytes, got {}",
                    given.get_type().name().map(|n| n.to_string()).unwrap_or_default()
                )));
            }
        }
    };
    read.map_err(|e| invalid(e.code(), e.to_string()))
}

/// `as_of` as given (`"YYYY-MM-DD"`), or `None`.
fn parse_as_of(as_of: Option<String>) -> PyResult<Option<Date>> {
    as_of.map(|text| text.parse::<Date>().map_err(|e| invalid("bad_date", format!("as_of: {e}")))).transpose()
}

/// How documents are read, from the arguments every entry of the package takes.
fn ingest_options(
    max_size: u64,
    pdf_worker: Option<PathBuf>,
    pdf_worker_args: Vec<String>,
    timeout: u64,
) -> IngestOptions {
    IngestOptions {
        max_size,
        pdf: match pdf_worker {
            Some(program) => PdfExtraction::Worker(WorkerConfig {
                program,
                program_args: pdf_worker_args.into_iter().map(Into::into).collect(),
                timeout: Duration::from_secs(timeout.max(1)),
                memory_limit: DEFAULT_MEMORY_LIMIT,
            }),
            None => PdfExtraction::InProcess,
        },
        // The same bound on the whole file as the CLI's --timeout.
        timeout: Some(Duration::from_secs(timeout.max(1))),
    }
}

/// A job posting read once, to measure any number of resumes against (`target=`).
#[pyclass(module = "gap_check._native", frozen)]
struct Posting(Arc<gap_check::posting::Posting>);

#[pymethods]
impl Posting {
    /// The posting's own title.
    #[getter]
    fn title(&self) -> String {
        self.0.title.clone()
    }

    /// The posting as read, as `gap-check target FILE --format json` prints it.
    fn json(&self) -> PyResult<String> {
        serde_json::to_string_pretty(&gap_check::report::PostingReport::build(&self.0))
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }
}

/// Reads a job posting (a path, or its bytes) as `gap-check target` does: the `target=` of
/// the resumes measured against it, read once.
#[pyfunction]
#[pyo3(signature = (source, as_of, max_size, pdf_worker, pdf_worker_args, timeout))]
fn read_posting(
    py: Python<'_>,
    source: Bound<'_, PyAny>,
    as_of: Option<String>,
    max_size: u64,
    pdf_worker: Option<PathBuf>,
    pdf_worker_args: Vec<String>,
    timeout: u64,
) -> PyResult<Posting> {
    let ingest = ingest_options(max_size, pdf_worker, pdf_worker_args, timeout);
    match resolve_target(py, engine()?, &source, &ingest, parse_as_of(as_of)?)? {
        Target::Posting(posting) => Ok(Posting(posting)),
        _ => Err(invalid(
            "not_a_posting",
            "read_posting: expected a job posting (a path or its bytes), not a role's name".to_string(),
        )),
    }
}

/// The name a posting given as bytes carries in `target.path`.
const POSTING_BYTES: &str = "posting";

/// The PDF extraction worker's main loop, for `python -m gap_check._worker`: the package's
/// default `pdf_worker` runs the interpreter as the worker process, so PDFs are extracted
/// under the CLI's memory and time limits without a gap-check binary installed. `args` are
/// those after the module name (the hidden worker argument first). Returns the exit status.
#[pyfunction]
fn worker_main(py: Python<'_>, args: Vec<String>) -> i32 {
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    match args.split_first() {
        Some((first, rest)) if first == ingest::worker::WORKER_ARG => py.detach(|| ingest::worker::worker_main(rest)),
        _ => 2,
    }
}

/// The roles of the built-in taxonomy as `(id, title, level)`.
#[pyfunction]
fn roles() -> PyResult<Vec<(String, String, &'static str)>> {
    Ok(engine()?.taxonomy().roles.iter().map(|r| (r.id.clone(), r.title.clone(), r.level.as_str())).collect())
}

/// The row `gap-check --format csv` writes for one record, given as its JSON text (a report
/// or an error record, as `analyze_batch` returns them), with its line ending: the CLI's own
/// function (`gap_check::render::csv`), so the two cannot drift. A text that is no record
/// raises `ValueError`.
#[pyfunction]
fn csv_row(record: &str) -> PyResult<String> {
    let row = render::csv::row_of_json(record).map_err(|e| PyValueError::new_err(format!("not a record: {e}")))?;
    String::from_utf8(row).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// The cells of that row, in `CSV_HEADER`'s order, before the CLI guards a cell that starts
/// like a formula for spreadsheets: what `to_frame` reads. An empty string is an empty cell.
#[pyfunction]
fn csv_fields(record: &str) -> PyResult<Vec<String>> {
    render::csv::fields_of_json(record).map(Vec::from).map_err(|e| PyValueError::new_err(format!("not a record: {e}")))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze_batch, m)?)?;
    m.add_class::<Duplicates>()?;
    m.add_class::<Posting>()?;
    m.add_function(wrap_pyfunction!(read_posting, m)?)?;
    m.add_function(wrap_pyfunction!(roles, m)?)?;
    m.add_function(wrap_pyfunction!(csv_row, m)?)?;
    m.add_function(wrap_pyfunction!(csv_fields, m)?)?;
    // The columns of `--format csv`, in order.
    m.add("CSV_HEADER", render::csv::HEADER.to_vec())?;
    m.add_function(wrap_pyfunction!(worker_main, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MAX_SIZE", ingest::DEFAULT_MAX_SIZE)?;
    m.add("DEFAULT_TIMEOUT", ingest::DEFAULT_TIMEOUT.as_secs())?;
    m.add("SCHEMA", include_str!("../../schema/report.schema.json"))?;
    Ok(())
}
