//! What the console has printed: each line the learner entered, with the prompt it was
//! entered at, and the client's output for it.

use std::collections::VecDeque;
use std::rc::Rc;

use yew::AttrValue;

/// How many entries the transcript keeps. Older ones are dropped first, and the transcript
/// says how many, so a long session neither slows the page nor silently loses output.
pub const TRANSCRIPT_LIMIT: usize = 1000;

/// How much of a typed line the console draws: a longer one (a pasted MSET of thousands
/// of keys) is cut, so that laying out the scrollback stays quick after every command.
pub const SHOWN_INPUT_CHARS: usize = 1_000;

/// How many lines of one output the console draws (a KEYS * of ten thousand keys, or the
/// thousandth message to a subscriber, is cut).
pub const SHOWN_OUTPUT_LINES: usize = 300;

/// How many characters of one output the console draws, for outputs of few long lines.
pub const SHOWN_OUTPUT_CHARS: usize = 16_000;

/// What the console draws of one text: all of it, or its start and its end with a note of
/// what was left out between them.
#[derive(Debug, PartialEq, Eq)]
pub struct Shown<'a> {
    /// The start of the text (all of it when nothing is left out).
    pub head: &'a str,
    /// What is left out, in words, ending in a newline when the cut falls between lines.
    pub left_out: Option<String>,
    /// The end of the text.
    pub tail: &'a str,
}

/// The parts of `text` drawn: all of it within `max_lines` lines and `max_chars` characters;
/// past either, the first third and the last two thirds of that much, so the newest output
/// (a subscriber's latest messages) stays in sight at the bottom. Copy still copies it all.
pub fn shown(text: &str, max_lines: usize, max_chars: usize) -> Shown<'_> {
    let all = Shown {
        head: text,
        left_out: None,
        tail: "",
    };
    let lines = text.lines().count();
    let chars = text.chars().count();
    if lines <= max_lines && chars <= max_chars {
        return all;
    }
    let (head_lines, head_chars) = (max_lines / 3, max_chars / 3);
    let (tail_lines, tail_chars) = (max_lines - head_lines, max_chars - head_chars);
    let head_end = [
        text.match_indices('\n')
            .nth(head_lines.saturating_sub(1))
            .map(|(at, _)| at + 1),
        text.char_indices().nth(head_chars).map(|(at, _)| at),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(text.len());
    let body = text.strip_suffix('\n').unwrap_or(text);
    let tail_start = [
        body.rmatch_indices('\n')
            .nth(tail_lines.saturating_sub(1))
            .map_or(0, |(at, _)| at + 1),
        text.char_indices()
            .rev()
            .nth(tail_chars.saturating_sub(1))
            .map_or(0, |(at, _)| at),
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    if tail_start <= head_end {
        return all;
    }
    let middle = &text[head_end..tail_start];
    let newlines = middle.matches('\n').count();
    let note = if newlines > 1 {
        format!("… {newlines} lines not shown here (Copy copies them too) …\n")
    } else {
        format!(
            "… {} characters not shown here (Copy copies them too) …",
            middle.chars().count()
        )
    };
    Shown {
        head: &text[..head_end],
        left_out: Some(note),
        tail: &text[tail_start..],
    }
}

/// One entered line and the output it produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The prompt shown when the line was entered, e.g. `127.0.0.1:6379>`.
    pub prompt: AttrValue,
    /// The line as typed.
    pub input: AttrValue,
    /// The client's output, exactly as the real client prints it (usually ending in `\n`).
    pub output: AttrValue,
}

/// The console's scrollback. Cheap to clone: entries are shared, so handing a snapshot to
/// the view after each command copies pointers, not text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transcript {
    entries: VecDeque<Rc<Entry>>,
    dropped: usize,
}

impl Transcript {
    /// Appends an entry, dropping the oldest past [`TRANSCRIPT_LIMIT`].
    pub fn push(&mut self, entry: Entry) {
        if self.entries.len() == TRANSCRIPT_LIMIT {
            self.entries.pop_front();
            self.dropped += 1;
        }
        self.entries.push_back(Rc::new(entry));
    }

    /// Prints `text` below the latest entry's output without a new prompt, as a terminal
    /// shows what arrives while the client waits (a message to a subscriber, the reply a
    /// blocked command finally got).
    pub fn append_output(&mut self, text: &str) {
        match self.entries.back_mut() {
            Some(last) => {
                let entry = Rc::make_mut(last);
                entry.output = format!("{}{text}", entry.output).into();
            }
            None => self.push(Entry {
                prompt: AttrValue::default(),
                input: AttrValue::default(),
                output: text.to_owned().into(),
            }),
        }
    }

    /// Forgets everything, as Ctrl+L does in a terminal.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.dropped = 0;
    }

    /// The entries kept, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().map(Rc::as_ref)
    }

    /// How many entries were dropped to stay within the limit.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// Whether nothing has been entered since the start or the last clear.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The transcript as plain text, as it would read in a terminal: for copying into
    /// notes or a bug report.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        for entry in self.entries() {
            if !(entry.prompt.is_empty() && entry.input.is_empty()) {
                text.push_str(&entry.prompt);
                text.push(' ');
                text.push_str(&entry.input);
                text.push('\n');
            }
            text.push_str(&super::ansi::plain(&entry.output));
            if !entry.output.is_empty() && !entry.output.ends_with('\n') {
                text.push('\n');
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(input: &str, output: &str) -> Entry {
        Entry {
            prompt: "127.0.0.1:6379>".into(),
            input: input.to_owned().into(),
            output: output.to_owned().into(),
        }
    }

    #[test]
    fn text_reads_like_a_terminal_session() {
        let mut transcript = Transcript::default();
        transcript.push(entry("SET a 1", "OK\n"));
        transcript.push(entry("GET a", "\"1\""));
        transcript.push(entry("", ""));
        assert_eq!(
            transcript.to_text(),
            "127.0.0.1:6379> SET a 1\nOK\n127.0.0.1:6379> GET a\n\"1\"\n127.0.0.1:6379> \n"
        );
    }

    #[test]
    fn the_oldest_entries_are_dropped_past_the_limit_and_counted() {
        let mut transcript = Transcript::default();
        for n in 0..TRANSCRIPT_LIMIT + 2 {
            transcript.push(entry(&n.to_string(), ""));
        }
        assert_eq!(transcript.entries().count(), TRANSCRIPT_LIMIT);
        assert_eq!(transcript.dropped(), 2);
        assert_eq!(
            transcript.entries().next().map(|e| e.input.as_str()),
            Some("2")
        );
    }

    #[test]
    fn output_arriving_later_goes_under_the_latest_entry() {
        let mut transcript = Transcript::default();
        transcript.append_output("first message\n");
        transcript.push(entry("SUBSCRIBE news", "Reading messages...\n"));
        transcript.append_output("1) \"message\"\n");
        assert_eq!(
            transcript.to_text(),
            "first message\n127.0.0.1:6379> SUBSCRIBE news\nReading messages...\n1) \"message\"\n"
        );
        assert_eq!(transcript.entries().count(), 2);
    }

    #[test]
    fn long_text_keeps_its_start_and_end_and_counts_what_is_left_out() {
        let short = shown("PONG\n", 3, 10);
        assert_eq!(
            (short.head, short.left_out, short.tail),
            ("PONG\n", None, "")
        );
        let many: String = (1..=10).map(|n| format!("{n}) k{n}\n")).collect();
        let cut = shown(&many, 6, 1_000);
        assert_eq!(cut.head, "1) k1\n2) k2\n");
        assert_eq!(
            cut.left_out.as_deref(),
            Some("… 4 lines not shown here (Copy copies them too) …\n")
        );
        assert_eq!(cut.tail, "7) k7\n8) k8\n9) k9\n10) k10\n");
        let line = shown("MSET k1 é k2 v2 k3 v3", usize::MAX, 9);
        assert_eq!((line.head, line.tail), ("MSE", " k3 v3"));
        assert_eq!(
            line.left_out.as_deref(),
            Some("… 12 characters not shown here (Copy copies them too) …")
        );
    }

    #[test]
    fn clear_forgets_everything() {
        let mut transcript = Transcript::default();
        transcript.push(entry("PING", "PONG\n"));
        transcript.clear();
        assert!(transcript.is_empty());
        assert_eq!(transcript.to_text(), "");
    }
}
