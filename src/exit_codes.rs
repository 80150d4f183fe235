//! What the process's exit status means.

/// 0 all good, 1 an input could not be read (or an eval floor was missed), 2 a usage or
/// configuration error (bad arguments, a taxonomy that does not load).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Success = 0,
    InputFailed = 1,
    Usage = 2,
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> std::process::ExitCode {
        std::process::ExitCode::from(code as u8)
    }
}
