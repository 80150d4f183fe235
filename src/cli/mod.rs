//! The binary's edge: arguments (`args`), the settings resolved from them once (`config`),
//! and the commands that run the library's pipeline (`run`, `eval`) with a progress bar
//! (`progress`), and the generated completions and man page (`generated`). Errors become
//! `anyhow` here and nowhere else.

mod args;
mod config;
mod eval;
mod generated;
mod progress;
mod run;

pub use args::{parse, Args};

use crate::exit_codes::ExitCode;
use args::Command;
use config::Config;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match &args.command {
        Some(Command::Completions { shell }) => generated::completions(*shell),
        Some(Command::Man) => generated::man(),
        Some(Command::Roles) => run::list_roles(args.taxonomy.as_deref()),
        Some(Command::Target { posting }) => run::show_posting(&Config::from_args(&args)?, posting),
        Some(Command::Text { file }) => run::show_lines(&Config::from_args(&args)?, file),
        Some(Command::Audit { reports, groups, threshold }) => {
            run::audit(&Config::from_args(&args)?, reports, groups, *threshold)
        }
        #[cfg(feature = "serve")]
        Some(Command::Serve(serve)) => run::serve(Config::from_args(&args)?, serve),
        Some(Command::Eval { dirs, min_f1 }) => eval::run(&Config::from_args(&args)?, dirs, *min_f1),
        None => run::analyze(Config::from_args(&args)?),
    }
}
