mod cli;
mod exit_codes;

use exit_codes::ExitCode;
use gap_check::ingest::worker;

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == worker::WORKER_ARG) {
        return std::process::ExitCode::from(worker::worker_main(&args[2..]) as u8);
    }
    let args = cli::parse();
    match cli::run(args) {
        Ok(code) => code.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::Success.into();
            }
            eprintln!("gap-check: error: {err:#}");
            ExitCode::Usage.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().filter_map(|e| e.downcast_ref::<std::io::Error>()).any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
