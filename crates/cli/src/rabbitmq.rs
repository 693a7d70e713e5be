//! `playground rabbitmq`.

use std::process::ExitCode;

/// Runs `playground rabbitmq` with the arguments after the engine name.
pub fn run(_args: &[String]) -> ExitCode {
    eprintln!("playground: the rabbitmq engine is not available yet");
    ExitCode::from(2)
}
