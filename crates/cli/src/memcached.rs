//! `playground memcached`.

use std::process::ExitCode;

/// Runs `playground memcached` with the arguments after the engine name.
pub fn run(_args: &[String]) -> ExitCode {
    eprintln!("playground: the memcached engine is not available yet");
    ExitCode::from(2)
}
