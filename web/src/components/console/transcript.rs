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

/// How many lines of one output the console draws (a KEYS * of ten thousand keys is cut).
pub const SHOWN_OUTPUT_LINES: usize = 300;

/// How many characters of one output the console draws, for outputs of few long lines.
pub const SHOWN_OUTPUT_CHARS: usize = 16_000;

/// The part of `text` drawn, at most `max_lines` lines and `max_chars` characters, and a
/// note of what was left out (Copy still copies everything).
pub fn shown(text: &str, max_lines: usize, max_chars: usize) -> (&str, Option<String>) {
    let by_chars = text.char_indices().nth(max_chars).map(|(at, _)| at);
    // Just after the newline that ends line `max_lines`, if more follows it.
    let by_lines = text
        .match_indices('\n')
        .nth(max_lines.saturating_sub(1))
        .map(|(at, _)| at + 1)
        .filter(|&at| at < text.len());
    let Some(cut) = by_chars.into_iter().chain(by_lines).min() else {
        return (text, None);
    };
    let (drawn, rest) = text.split_at(cut);
    let lines = rest.lines().count();
    let note = if lines > 1 {
        format!("… {lines} more lines not shown (Copy copies them too)")
    } else {
        format!(
            "… {} more characters not shown (Copy copies them too)",
            rest.chars().count()
        )
    };
    (drawn, Some(note))
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
    fn long_text_is_cut_for_drawing_and_what_is_left_out_counted() {
        assert_eq!(shown("PONG\n", 2, 10), ("PONG\n", None));
        assert_eq!(
            shown("1) a\n2) b\n3) c\n4) d\n", 2, 100),
            (
                "1) a\n2) b\n",
                Some("… 2 more lines not shown (Copy copies them too)".into())
            )
        );
        assert_eq!(
            shown("MSET k1 é k2 v2", 9, 8),
            (
                "MSET k1 ",
                Some("… 7 more characters not shown (Copy copies them too)".into())
            )
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
