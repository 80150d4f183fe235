//! The binary's edge: arguments (`args`), the settings resolved from them once (`config`),
//! and the commands that run the library's pipeline (`run`, `eval`) with a progress bar
//! (`progress`). Errors become `anyhow` here and nowhere else.

mod args;
mod config;
mod eval;
mod progress;
mod run;

pub use args::Args;

use crate::exit_codes::ExitCode;
use args::Command;
use config::Config;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config::from_args(&args)?;
    match &args.command {
        Some(Command::Roles) => run::list_roles(&config),
        Some(Command::Target { posting }) => run::show_posting(&config, posting),
        Some(Command::Audit { reports, groups, threshold }) => run::audit(&config, reports, groups, *threshold),
        #[cfg(feature = "serve")]
        Some(Command::Serve { listen, max_concurrent }) => run::serve(config, *listen, *max_concurrent),
        Some(Command::Eval { dirs, min_f1 }) => eval::run(&config, dirs, *min_f1),
        None => run::analyze(config),
    }
}
