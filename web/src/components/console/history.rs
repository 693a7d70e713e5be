//! The console's input history, as a shell or redis-cli keeps it: Up walks back through
//! earlier lines, Down walks forward and finally returns the line being typed before.

/// How many lines the history keeps; older ones are forgotten first.
pub const HISTORY_LIMIT: usize = 500;

/// Lines entered so far and where Up/Down navigation stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    lines: Vec<String>,
    /// Index into `lines` while navigating; `None` while editing a fresh line.
    cursor: Option<usize>,
    /// The fresh line that was being typed when navigation began, given back by Down.
    draft: String,
}

impl History {
    /// Records an entered line and ends navigation. Blank lines and a repeat of the line
    /// just before are not recorded, as readline-style consoles do.
    pub fn record(&mut self, line: &str) {
        self.cursor = None;
        self.draft.clear();
        if line.trim().is_empty() || self.lines.last().is_some_and(|last| last == line) {
            return;
        }
        if self.lines.len() == HISTORY_LIMIT {
            self.lines.remove(0);
        }
        self.lines.push(line.to_owned());
    }

    /// Steps back one line. `current` is what the input holds now, kept as the draft when
    /// navigation begins. Returns the text to show, or `None` when there is nothing older.
    pub fn older(&mut self, current: &str) -> Option<&str> {
        let index = match self.cursor {
            None if self.lines.is_empty() => return None,
            None => {
                self.draft = current.to_owned();
                self.lines.len() - 1
            }
            Some(0) => return None,
            Some(index) => index - 1,
        };
        self.cursor = Some(index);
        Some(&self.lines[index])
    }

    /// Steps forward one line; past the newest line it gives back the draft.
    /// Returns `None` when not navigating.
    pub fn newer(&mut self) -> Option<&str> {
        let index = self.cursor?;
        if index + 1 < self.lines.len() {
            self.cursor = Some(index + 1);
            Some(&self.lines[index + 1])
        } else {
            self.cursor = None;
            Some(&self.draft)
        }
    }

    /// The recorded lines, oldest first.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history_of(lines: &[&str]) -> History {
        let mut history = History::default();
        for line in lines {
            history.record(line);
        }
        history
    }

    #[test]
    fn up_walks_back_and_stops_at_the_oldest_line() {
        let mut history = history_of(&["SET a 1", "GET a"]);
        assert_eq!(history.older(""), Some("GET a"));
        assert_eq!(history.older(""), Some("SET a 1"));
        assert_eq!(history.older(""), None);
    }

    #[test]
    fn down_returns_the_draft_after_the_newest_line() {
        let mut history = history_of(&["SET a 1", "GET a"]);
        history.older("INCR");
        history.older("ignored while navigating");
        assert_eq!(history.newer(), Some("GET a"));
        assert_eq!(history.newer(), Some("INCR"));
        assert_eq!(history.newer(), None);
    }

    #[test]
    fn blank_lines_and_immediate_repeats_are_not_recorded() {
        let history = history_of(&["PING", "PING", "  ", "", "ECHO hi", "PING"]);
        assert_eq!(history.lines(), ["PING", "ECHO hi", "PING"]);
    }

    #[test]
    fn empty_history_has_nothing_older() {
        let mut history = History::default();
        assert_eq!(history.older("typed"), None);
        assert_eq!(history.newer(), None);
    }

    #[test]
    fn recording_ends_navigation() {
        let mut history = history_of(&["a", "b"]);
        history.older("");
        history.record("c");
        assert_eq!(history.older(""), Some("c"));
    }

    #[test]
    fn the_oldest_lines_are_forgotten_past_the_limit() {
        let mut history = History::default();
        for n in 0..HISTORY_LIMIT + 3 {
            history.record(&n.to_string());
        }
        assert_eq!(history.lines().len(), HISTORY_LIMIT);
        assert_eq!(history.lines()[0], "3");
    }
}
