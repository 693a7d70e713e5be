//! What a program printed, as a terminal shows it: stdout and stderr interleaved in the
//! order they were written. A program that prints in a loop for ever would fill the
//! page's memory, so only the newest [`KEPT_BYTES`] are kept, from a line's start, and
//! the pane says how much went before.

use std::collections::VecDeque;

use python::vm::Stream;

/// How much of a program's output is kept (bytes of UTF-8).
pub const KEPT_BYTES: usize = 64 * 1024;

/// A program's output. See the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Runs of text written to one stream, oldest first; two runs in a row are never of
    /// the same stream.
    runs: VecDeque<(Stream, String)>,
    /// Bytes held in `runs`.
    bytes: usize,
    /// Lines dropped from the start, to keep at most `KEPT_BYTES`.
    dropped_lines: usize,
    /// The start of the line being written was dropped: the rest of it goes too.
    dropping_line: bool,
}

impl Output {
    /// Adds what the program wrote to `stream`.
    pub fn push(&mut self, stream: Stream, mut text: &str) {
        if self.dropping_line {
            let Some(end) = text.find('\n') else {
                return;
            };
            text = &text[end + 1..];
            self.dropping_line = false;
            self.dropped_lines += 1;
        }
        if text.is_empty() {
            return;
        }
        match self.runs.back_mut() {
            Some((last, run)) if *last == stream => run.push_str(text),
            _ => self.runs.push_back((stream, text.to_owned())),
        }
        self.bytes += text.len();
        if self.bytes > KEPT_BYTES {
            self.drop_oldest(self.bytes - KEPT_BYTES);
        }
    }

    /// Drops at least `excess` bytes from the start, up to the end of a line.
    fn drop_oldest(&mut self, mut excess: usize) {
        while excess > 0 {
            let last = self.runs.len() == 1;
            let Some((_, run)) = self.runs.front_mut() else {
                break;
            };
            if run.len() <= excess {
                excess -= run.len();
                self.bytes -= run.len();
                self.dropped_lines += run.matches('\n').count();
                self.runs.pop_front();
                continue;
            }
            // Up to the end of the line that holds the cut, so the pane starts at a
            // line's start; if that line is still being written, the rest of it goes too.
            let line_end = run[excess..].find('\n').map(|n| excess + n + 1);
            self.dropping_line = line_end.is_none() && last;
            let cut = line_end.unwrap_or(run.len());
            self.dropped_lines += run[..cut].matches('\n').count();
            self.bytes -= cut;
            run.drain(..cut);
            if run.is_empty() {
                self.runs.pop_front();
            }
            break;
        }
    }

    /// The runs of text, oldest first.
    pub fn runs(&self) -> impl Iterator<Item = (Stream, &str)> {
        self.runs
            .iter()
            .map(|(stream, text)| (*stream, text.as_str()))
    }

    /// How many lines were dropped from the start.
    pub fn dropped_lines(&self) -> usize {
        self.dropped_lines
    }

    /// Everything kept that went to stderr, for recognising the error a run ended with.
    pub fn stderr(&self) -> String {
        self.runs
            .iter()
            .filter(|(stream, _)| *stream == Stream::Stderr)
            .map(|(_, text)| text.as_str())
            .collect()
    }

    /// Whether nothing was printed.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty() && self.dropped_lines == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdout_and_stderr_interleave_in_the_order_written() {
        let mut output = Output::default();
        output.push(Stream::Stdout, "a\n");
        output.push(Stream::Stdout, "b\n");
        output.push(Stream::Stderr, "Traceback (most recent call last):\n");
        output.push(Stream::Stdout, "");
        output.push(Stream::Stderr, "ValueError\n");
        let runs: Vec<_> = output.runs().collect();
        assert_eq!(
            runs,
            [
                (Stream::Stdout, "a\nb\n"),
                (
                    Stream::Stderr,
                    "Traceback (most recent call last):\nValueError\n"
                )
            ]
        );
        assert_eq!(
            output.stderr(),
            "Traceback (most recent call last):\nValueError\n"
        );
    }

    #[test]
    fn a_program_printing_for_ever_keeps_its_newest_lines() {
        let mut output = Output::default();
        for i in 0..20_000 {
            output.push(Stream::Stdout, &format!("line {i}\n"));
        }
        output.push(Stream::Stderr, "KeyboardInterrupt\n");
        let text: String = output.runs().map(|(_, text)| text).collect();
        assert!(text.len() <= KEPT_BYTES);
        assert!(
            text.starts_with("line "),
            "from a line's start: {:?}",
            &text[..20]
        );
        assert!(text.ends_with("line 19999\nKeyboardInterrupt\n"));
        let kept = text.lines().count() - 1;
        assert_eq!(output.dropped_lines() + kept, 20_000);
    }

    #[test]
    fn a_single_long_line_is_dropped_whole() {
        let mut output = Output::default();
        output.push(Stream::Stdout, &"x".repeat(KEPT_BYTES + 10));
        output.push(Stream::Stdout, "\nend\n");
        let text: String = output.runs().map(|(_, text)| text).collect();
        assert_eq!(text, "end\n");
        assert_eq!(output.dropped_lines(), 1);
    }
}
