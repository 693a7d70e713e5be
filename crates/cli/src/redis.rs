//! `playground redis`.

use std::process::ExitCode;

/// Runs `playground redis` with the arguments after the engine name.
pub fn run(_args: &[String]) -> ExitCode {
    eprintln!("playground: the redis engine is not available yet");
    ExitCode::from(2)
}
