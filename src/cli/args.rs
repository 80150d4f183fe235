//! Command-line arguments. Doc comments are the long help; `help` strings the short one.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use gap_check::calendar::Date;
use gap_check::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "gap-check",
    version,
    about = "Match a resume against data and ML roles: skills shown, gaps, fit score, next career step",
    long_about = "gap-check reads a resume (PDF, DOCX, JSON Resume, text or Markdown), finds the skills of its \
                  taxonomy with the line that shows each, and measures the resume against a target role: what \
                  is matched, what is missing and how much each gap matters, a fit score, and the next career \
                  step with the actions that would close the biggest gaps. Nothing goes over the network.",
    args_override_self = true,
    after_help = "Examples:\n  gap-check resume.pdf --target lead-ml\n  gap-check resume.pdf --target lead-ml --format json\n  gap-check resumes/ --target lead-ml --format ndjson > reports.ndjson\n  gap-check resumes/ --target lead-ml --format csv --sort score > shortlist.csv\n  gap-check resume.pdf\n  gap-check roles"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Resume files and folders to read. Folders are walked recursively, skipping hidden
    /// files and other file types. `-` reads NDJSON records `{"id": ..., "text": ...}` from
    /// stdin, one resume per line.
    #[arg(value_name = "RESUME", help = gap_check::ingest::INPUTS_HELP)]
    pub inputs: Vec<PathBuf>,

    /// Role to measure against: an id such as lead-ml, or its full title. Without it,
    /// every role is ranked and the report measures against the best fit.
    #[arg(short, long, value_name = "ROLE", help = "Role to measure against (see `gap-check roles`)")]
    pub target: Option<String>,

    /// Output format: a readable report; the JSON contract (an object for one resume, an
    /// array for several); NDJSON, one contract object per line; or CSV, one row per resume.
    #[arg(short, long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Order of the output: input order (sorted paths, the default), or best score first.
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<SortKey>,

    /// Worker threads (default: all cores).
    #[arg(short, long, global = true, value_name = "N")]
    pub jobs: Option<usize>,

    /// Only the K-th of N stable, disjoint shares of the inputs, so N machines can split
    /// one bucket: a file's share depends on its path relative to the folder given.
    #[arg(long, value_name = "K/N", help = "Process only share K of N (e.g. 2/8)")]
    pub shard: Option<gap_check::batch::Shard>,

    /// Show a progress bar on stderr (default: when stderr is a terminal).
    #[arg(long, value_enum, default_value_t = When::Auto, value_name = "WHEN")]
    pub progress: When,

    /// The date "Present" stands for in date ranges, so results are reproducible.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", help = "Date that \"Present\" means (default: today)")]
    pub as_of: Option<Date>,

    /// A taxonomy directory with skills.toml, roles.toml, sources.toml and vocabulary.toml,
    /// used instead of the one built into the binary. It is validated before use.
    #[arg(long, global = true, value_name = "DIR", help = "Load another taxonomy directory")]
    pub taxonomy: Option<PathBuf>,

    /// When to colour the text report.
    #[arg(long, value_enum, default_value_t = When::Auto, value_name = "WHEN")]
    pub color: When,

    /// Largest input file read, in bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = gap_check::ingest::DEFAULT_MAX_SIZE)]
    pub max_size: u64,

    /// Seconds one resume may take, from reading the file to its report, in any format;
    /// past it the file gets an error record and a batch goes on.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = gap_check::ingest::DEFAULT_TIMEOUT.as_secs())]
    pub timeout: u64,

    /// List every file a folder walk skips, with the reason, on stderr.
    #[arg(short, long, global = true, help = "List skipped files and why on stderr")]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the roles the taxonomy knows, with their ids.
    Roles,
    /// Score gap-check's reading against folders of labelled resumes: precision, recall
    /// and F1 of skill detection per category, degree and leadership accuracy, error of the
    /// total years, role and level accuracy, and every false positive and negative. With
    /// several folders, each is printed and then a summary with the total.
    Eval {
        /// Folders with resumes and a `<name>.labels.toml` beside each (and optionally
        /// `eval.toml` with `as_of = "YYYY-MM-DD"` and `vocabulary = "FILE"`).
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Exit with status 1 when overall skill F1 (of all folders together) is below this.
        #[arg(long, value_name = "F1")]
        min_f1: Option<f64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// Best fit first; unreadable files last.
    Score,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum When {
    Auto,
    Always,
    Never,
}

impl When {
    pub fn resolve(self, terminal: bool) -> bool {
        match self {
            When::Always => true,
            When::Never => false,
            When::Auto => terminal,
        }
    }
}
