mod cli;
mod exit_codes;

use exit_codes::ExitCode;
use gap_check::ingest::worker;

// glibc's allocator was about a seventh of the instructions of a batch of text resumes
// (many small strings a line; docs/benchmarks.md). Only the binary chooses it: the library
// and the Python module use whatever allocator their host uses.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
