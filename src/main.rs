mod app;
mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::Cli;
use gap_check::ingest::worker;

/// Exit codes: 0 all good, 1 an input could not be read, 2 a usage or configuration error.
#[derive(Debug, Clone, Copy)]
enum Exit {
    Success = 0,
    InputFailed = 1,
    Usage = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == worker::WORKER_ARG) {
        return ExitCode::from(worker::worker_main(&args[2..]) as u8);
    }
    let cli = Cli::parse();
    match app::run(cli) {
        Ok(exit) => exit.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return Exit::Success.into();
            }
            eprintln!("gap-check: error: {err:#}");
            Exit::Usage.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().filter_map(|e| e.downcast_ref::<std::io::Error>()).any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
