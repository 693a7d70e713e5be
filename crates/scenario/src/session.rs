//! The contract between a console (the web page's, or the CLI's standard input) and an
//! engine spoken to in one dialect.

/// One client's conversation with an engine in one dialect: lines in, transcript text out.
///
/// Implementations format output exactly as the real client of that dialect prints it
/// (`redis-cli --no-raw`, a raw memcached connection, rabbitmqadmin), so what the page
/// shows is what a learner will see in production.
pub trait ConsoleSession {
    /// The prompt shown before the input line, as the real client shows it.
    fn prompt(&self) -> String;

    /// Runs one typed line at virtual time `now_ms` (milliseconds since the Unix epoch)
    /// and returns what the real client prints for it, newline-terminated where it prints one.
    fn run_line(&mut self, line: &str, now_ms: u64) -> String;

    /// The grey hint the real client shows after what has been typed so far (redis-cli's
    /// syntax hint), if it shows one.
    fn hint(&self, _input: &str) -> Option<String> {
        None
    }

    /// What Tab offers for what has been typed so far, as whole lines, in the order the
    /// real client cycles through them.
    fn complete(&self, _input: &str) -> Vec<String> {
        Vec::new()
    }
}
