//! Command-line arguments. Doc comments are the long help; `help` strings the short one.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use gap_check::date::Date;

#[derive(Debug, Parser)]
#[command(
    name = "gap-check",
    version,
    about = "Match a resume against data and ML roles: skills shown, gaps, fit score, next career step",
    long_about = "gap-check reads a resume (PDF, text or Markdown), finds the skills of its taxonomy with the \
                  line that shows each, and measures the resume against a target role: what is matched, what \
                  is missing and how much each gap matters, a fit score, and the next career step with the \
                  actions that would close the biggest gaps. Nothing goes over the network.",
    args_override_self = true,
    after_help = "Examples:\n  gap-check resume.pdf --target lead-ml\n  gap-check resume.pdf --target lead-ml --format json\n  gap-check resumes/ --target lead-ml --format ndjson > reports.ndjson\n  gap-check resumes/ --target lead-ml --format csv --sort score > shortlist.csv\n  gap-check resume.pdf\n  gap-check roles"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Resume files and folders to read (.pdf, .txt, .md). Folders are walked recursively,
    /// skipping hidden files and other file types. `-` reads NDJSON records
    /// `{"id": ..., "text": ...}` from stdin, one resume per line.
    #[arg(value_name = "RESUME", help = "Resume files, folders, or - for NDJSON on stdin")]
    pub inputs: Vec<PathBuf>,

    /// Role to measure against: an id such as lead-ml, or its full title. Without it,
    /// every role is ranked and the report measures against the best fit.
    #[arg(short, long, value_name = "ROLE", help = "Role to measure against (see `gap-check roles`)")]
    pub target: Option<String>,

    /// Output format: a readable report; the JSON contract (an object for one resume, an
    /// array for several); NDJSON, one contract object per line; or CSV, one row per resume.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Order of the output: input order (sorted paths, the default), or best score first.
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<SortKey>,

    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Only the K-th of N stable, disjoint shares of the inputs, so N machines can split
    /// one bucket: a file's share depends on its path relative to the folder given.
    #[arg(long, value_name = "K/N", help = "Process only share K of N (e.g. 2/8)")]
    pub shard: Option<gap_check::batch::Shard>,

    /// Show a progress bar on stderr (default: when stderr is a terminal).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub progress: ColorChoice,

    /// The date "Present" stands for in date ranges, so results are reproducible.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", help = "Date that \"Present\" means (default: today)")]
    pub as_of: Option<Date>,

    /// A taxonomy directory with skills.toml, roles.toml and sources.toml, used instead
    /// of the one built into the binary. It is validated before use.
    #[arg(long, global = true, value_name = "DIR", help = "Load another taxonomy directory")]
    pub taxonomy: Option<PathBuf>,

    /// When to colour the text report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Largest input file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = gap_check::ingest::DEFAULT_MAX_SIZE)]
    pub max_size: u64,

    /// Seconds one PDF may take to extract before it is given up as an error.
    #[arg(long, value_name = "SECONDS", default_value_t = gap_check::ingest::DEFAULT_TIMEOUT.as_secs())]
    pub timeout: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the roles the taxonomy knows, with their ids.
    Roles,
    /// Score gap-check's reading against a folder of labelled resumes: precision, recall
    /// and F1 of skill detection per category, degree and leadership accuracy, error of the
    /// total years, and every false positive and negative.
    Eval {
        /// Folder with resumes and a `<name>.labels.toml` beside each (and optionally
        /// `eval.toml` with `as_of = "YYYY-MM-DD"`).
        dir: PathBuf,
        /// Exit with status 1 when overall skill F1 is below this (a regression guard).
        #[arg(long, value_name = "F1")]
        min_f1: Option<f64>,
    },
    /// Serve reports over HTTP: POST /v1/reports (a document as the body, or a multipart
    /// form of several), GET /v1/roles, /v1/schema, /healthz. Loopback only by default.
    #[cfg(feature = "serve")]
    Serve {
        /// Address and port to listen on (port 0 picks a free one, printed on stderr).
        #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// Largest request body, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = gap_check::ingest::DEFAULT_MAX_SIZE)]
        max_size: u64,
        /// Seconds one request may take, PDF extraction and waiting for a slot included.
        #[arg(long, value_name = "SECONDS", default_value_t = gap_check::ingest::DEFAULT_TIMEOUT.as_secs())]
        timeout: u64,
        /// Documents analysed at once (default: the number of cores).
        #[arg(long, value_name = "N")]
        max_concurrent: Option<usize>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Ndjson,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// Best fit first; unreadable files last.
    Score,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
