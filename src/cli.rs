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
    after_help = "Examples:\n  gap-check resume.pdf --target lead-ml\n  gap-check resume.pdf --target lead-ml --format json\n  gap-check resume.pdf\n  gap-check roles"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Resume file to read (.pdf, .txt, .md).
    #[arg(value_name = "RESUME")]
    pub inputs: Vec<PathBuf>,

    /// Role to measure against: an id such as lead-ml, or its full title. Without it,
    /// every role is ranked and the report measures against the best fit.
    #[arg(
        short,
        long,
        value_name = "ROLE",
        help = "Role to measure against (see `gap-check roles`)"
    )]
    pub target: Option<String>,

    /// Output format: a readable report, or the JSON contract for HR tooling.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// The date "Present" stands for in date ranges, so results are reproducible.
    #[arg(
        long,
        value_name = "YYYY-MM-DD",
        help = "Date that \"Present\" means (default: today)"
    )]
    pub as_of: Option<Date>,

    /// A taxonomy directory with skills.toml, roles.toml and sources.toml, used instead
    /// of the one built into the binary. It is validated before use.
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help = "Load another taxonomy directory"
    )]
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
