//! Command-line arguments. Doc comments are the long help; `help` strings the short one.

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use gap_check::calendar::Date;
use gap_check::render::Format;

const EXAMPLES: &str = "Examples:\n  gap-check resume.pdf --target lead-ml\n  gap-check resume.pdf --target lead-ml --format json\n  gap-check resume.pdf --target lead-ml --format html > report.html\n  gap-check resumes/ --target lead-ml --format ndjson > reports.ndjson\n  gap-check resumes/ --target lead-ml --format csv --sort score > shortlist.csv\n  gap-check resume.pdf --target postings/\n  gap-check resume.pdf\n  gap-check roles\n  gap-check completions bash > ~/.local/share/bash-completion/completions/gap-check\n  gap-check man > gap-check.1";

/// The clap definition, with the long help's closing section: the examples, the roles of the
/// built-in taxonomy (so the list cannot drift from the data) and the exit codes. Help,
/// completions and the man page are all generated from this one definition.
pub fn command() -> clap::Command {
    let roles = match gap_check::taxonomy::embedded_role_titles() {
        Ok(roles) => roles.iter().map(|(id, title)| format!("  {id:<24}{title}")).collect::<Vec<_>>().join("\n"),
        Err(e) => format!("  (the built-in taxonomy does not load: {e})"),
    };
    Args::command().after_long_help(format!(
        "{EXAMPLES}\n\nRoles (--target takes the id or the full title; `gap-check roles` lists those of \
         --taxonomy):\n{roles}\n\nExit codes:\n  0  the report was written\n  1  a resume could not be read \
         (the others are still reported), or an eval score is below --min-f1\n  2  usage error: bad arguments, \
         a taxonomy that does not load"
    ))
}

/// Parses the process's arguments with [`command`]; a usage error exits with status 2.
pub fn parse() -> Args {
    // The long help's role list reads the taxonomy's roles.toml: only when help is shown,
    // not on every run (`--version`, `roles` and every analysis do without it).
    let matches = match Args::command().try_get_matches() {
        Ok(matches) => matches,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => command().get_matches(),
        Err(e) => e.exit(),
    };
    Args::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

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
    after_help = EXAMPLES
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Resume files and folders to read. Folders are walked recursively, skipping hidden
    /// files and other file types. `-` reads NDJSON records `{"id": ..., "text": ...}` from
    /// stdin, one resume per line.
    #[arg(value_name = "RESUME", help = gap_check::ingest::INPUTS_HELP)]
    pub inputs: Vec<PathBuf>,

    /// Role to measure against: an id such as lead-ml, or its full title; or a job posting
    /// file. Without it, every role is ranked and the report measures against the best fit.
    /// Given several times, or naming a folder of postings, it ranks those postings for one
    /// resume: one row per posting, best fit first (role ids cannot be mixed in).
    #[arg(
        short,
        long,
        value_name = "ROLE",
        help = "Role or posting to measure against (see `gap-check roles`); several postings or a folder: rank them"
    )]
    pub target: Vec<String>,

    /// Output format: a readable report; the JSON contract (an object for one resume, an
    /// array for several); NDJSON, one contract object per line; CSV, one row per resume; or
    /// HTML, a self-contained page with pictures (a shortlist page for several resumes).
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

    /// The date "Present" stands for in date ranges, so results are reproducible. Without
    /// it, a PDF's or DOCX's own date (when it was last saved) is used, else today; the
    /// report says which (`experience.as_of_basis`).
    #[arg(
        long,
        global = true,
        value_name = "YYYY-MM-DD",
        help = "Date that \"Present\" means (default: the document's own date, else today)"
    )]
    pub as_of: Option<Date>,

    /// Analyse documents that do not read as resumes (job postings, READMEs, articles,
    /// letters) instead of refusing each with a `not_a_resume` error record.
    #[arg(long, help = "Analyse documents that do not read as resumes instead of refusing them")]
    pub keep_non_resumes: bool,

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

    /// Write a JSON manifest of the run to FILE: tool version, taxonomy SHA-256, target and
    /// options, start and end time, counts, and each input's SHA-256 with its score or
    /// error code (see schema/manifest.schema.json).
    #[arg(long, value_name = "FILE", help = "Write a JSON run manifest to FILE")]
    pub manifest: Option<PathBuf>,

    /// Follow symbolic links met while walking a folder (to files and folders; a link back to
    /// a folder being walked is skipped as a loop). Without it a link in a folder is skipped
    /// and named with --verbose; files named on the command line are read either way.
    #[arg(short = 'L', long, help = "Follow symbolic links inside folders")]
    pub follow: bool,

    /// List every file a folder walk skips, with the reason, on stderr.
    #[arg(short, long, global = true, help = "List skipped files and why on stderr")]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the roles the taxonomy knows, with their ids.
    Roles,
    /// Read a job posting and print its requirements as gap-check reads them (required and
    /// preferred skills, any-of groups, minimum years, degree, leading people), each with the
    /// posting line it comes from, so the reading can be checked before a batch is measured
    /// against it (`--target posting.txt`).
    Target {
        /// The posting: text, Markdown, PDF or DOCX.
        #[arg(value_name = "POSTING")]
        posting: PathBuf,
    },
    /// Print a resume's lines as gap-check reads them, numbered as the report cites them
    /// ("l.43"), with the section each line falls in; contact details are replaced by
    /// placeholders as everywhere else. For checking a citation, or a two-column PDF's order.
    Text {
        /// The resume: any format gap-check reads.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
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
    /// Serve reports over HTTP: POST /v1/reports (a document as the body, or a multipart
    /// form of several), GET /v1/roles, /v1/schema, /healthz. Loopback only by default. The
    /// global --max-size bounds a request body and --timeout a request.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Selection rates and impact ratios by demographic category, for a bias audit: per
    /// column of the groups file and for their intersection, with the scoring rate (share
    /// above the median score), categories under 2% excluded, unknowns and errors counted.
    /// `--format text` (tables), `json` (`ndjson`: one line) or `csv`.
    Audit {
        /// Records written by `--format ndjson` (or `--format json`): reports and error records.
        reports: PathBuf,
        /// CSV mapping `input.path` or `input.sha256` to categories, one column each (e.g.
        /// `sex`, `race_ethnicity`); given by the user, never inferred from a resume.
        #[arg(long, value_name = "CSV")]
        groups: PathBuf,
        /// A candidate is selected when the score is at least this.
        #[arg(long, value_name = "SCORE", default_value_t = 70, value_parser = clap::value_parser!(u32).range(0..=100))]
        threshold: u32,
    },
    /// Print a shell completion script to stdout. For bash:
    /// `gap-check completions bash > ~/.local/share/bash-completion/completions/gap-check`;
    /// zsh: into a directory of your `$fpath` as `_gap-check`; fish:
    /// `~/.config/fish/completions/gap-check.fish`; PowerShell: add the output to `$PROFILE`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout: `gap-check man > gap-check.1`, then
    /// `man ./gap-check.1`.
    Man,
}

/// Serve reports over HTTP: POST /v1/reports (a document as the body, or a multipart
/// form of several), GET /v1/roles, /v1/schema, /healthz. Loopback only by default. The
/// global --max-size bounds a request body and --timeout a request. Every limit is
/// described in docs/security.md.
#[cfg(feature = "serve")]
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one, printed on stderr).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Documents analysed at once (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub max_concurrent: Option<usize>,
    /// File parts one multipart form may hold; a form with more gets 413.
    #[arg(long, value_name = "N", default_value_t = gap_check::serve::DEFAULT_MAX_PARTS)]
    pub max_parts: usize,
    /// Bytes of request bodies held in memory at once, all requests together; a request
    /// whose body does not fit gets 503 with Retry-After.
    #[arg(long, value_name = "BYTES", default_value_t = gap_check::serve::DEFAULT_BODY_BUDGET)]
    pub body_budget: u64,
    /// Connections open at once (default: half the process's descriptor limit, 16 to
    /// 1024); past it a new connection gets 503 and is closed.
    #[arg(long, value_name = "N")]
    pub max_connections: Option<usize>,
    /// Seconds a client has to send a request's headers; also how long an idle keep-alive
    /// connection waits for its next request.
    #[arg(long, value_name = "SECONDS", default_value_t = gap_check::serve::DEFAULT_HEADER_TIMEOUT.as_secs())]
    pub header_timeout: u64,
    /// Seconds a connection may move no byte either way (a stalled upload, a client that
    /// stopped reading its reply) before it is closed (default: --timeout + 10).
    #[arg(long, value_name = "SECONDS")]
    pub idle_timeout: Option<u64>,
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
