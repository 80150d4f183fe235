//! `gap-check completions SHELL` and `gap-check man`: generated from the clap definition
//! (`args::command`), so they always match the options the binary takes.

use std::io::Write;

use super::args::command;
use crate::exit_codes::ExitCode;

pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), "gap-check", &mut out);
    std::io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::Success)
}

pub fn man() -> anyhow::Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command()).render(&mut out)?;
    std::io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::Success)
}
