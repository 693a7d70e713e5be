//! What the console has printed: each line the learner entered, with the prompt it was
//! entered at, and the client's output for it.

use std::collections::VecDeque;
use std::rc::Rc;

use yew::AttrValue;

/// How many entries the transcript keeps. Older ones are dropped first, and the transcript
/// says how many, so a long session neither slows the page nor silently loses output.
pub const TRANSCRIPT_LIMIT: usize = 1000;

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
    fn clear_forgets_everything() {
        let mut transcript = Transcript::default();
        transcript.push(entry("PING", "PONG\n"));
        transcript.clear();
        assert!(transcript.is_empty());
        assert_eq!(transcript.to_text(), "");
    }
}
