//! Code pasted from the lesson with its printed line numbers.
//!
//! The lesson prints its programs with a line number before every line, right-aligned
//! and followed by one space (` 1 import Queue`, `10         message.put(i)`, and ` 3 `
//! for a blank line). Pasted as they are, the numbers make every line a syntax error, so
//! the editor takes them off, but only when the whole paste is numbered that way: every
//! non-blank line starts with a number, the numbers counting up by one.

/// The most a paste (or a console line) may bring at once: a learner's program or block
/// is a few kilobytes, and laying out megabytes of text would hold the tab for seconds.
pub const MAX_PASTE_BYTES: usize = 1 << 20;

/// What the page says instead of taking `bytes` of pasted text, when that is too much.
pub fn refusal(bytes: usize) -> Option<String> {
    (bytes > MAX_PASTE_BYTES).then(|| {
        format!(
            "Not pasted: {:.1} MB is more than the 1 MB the playground takes at once.",
            bytes as f64 / f64::from(1 << 20)
        )
    })
}

/// Pasted code with the lesson's line numbers taken off.
#[derive(Debug, PartialEq, Eq)]
pub struct Unnumbered {
    /// The code as the program's own lines.
    pub code: String,
    /// The first line number taken off.
    pub first: u64,
    /// The last line number taken off.
    pub last: u64,
}

/// Fewest numbered lines a paste needs before it counts as numbered: a single line such as
/// `10 * 3` is more likely code than a numbered listing.
const LEAST_NUMBERED_LINES: usize = 2;

/// The code without its line numbers, when `text` is numbered as the lesson numbers its
/// listings; `None` when it is not (it is then pasted as it is).
pub fn strip_line_numbers(text: &str) -> Option<Unnumbered> {
    let mut code = Vec::new();
    let mut numbers: Option<(u64, u64)> = None;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            code.push("");
            continue;
        }
        let (number, rest) = numbered(line)?;
        numbers = match numbers {
            None => Some((number, number)),
            Some((first, last)) if number == last + 1 => Some((first, number)),
            Some(_) => return None,
        };
        // A numbered blank line (` 3 `, or ` 2  ` with a stray space) is blank.
        code.push(if rest.trim().is_empty() { "" } else { rest });
    }
    let (first, last) = numbers?;
    if (last - first + 1) < LEAST_NUMBERED_LINES as u64 {
        return None;
    }
    Some(Unnumbered {
        code: code.join("\n"),
        first,
        last,
    })
}

/// A line's number and what follows the one space after it; `None` when the line does
/// not start with a number (after the spaces that right-align it).
fn numbered(line: &str) -> Option<(u64, &str)> {
    let digits_at = line.len() - line.trim_start_matches(' ').len();
    let after_spaces = &line[digits_at..];
    let digits = after_spaces.len()
        - after_spaces
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits == 0 {
        return None;
    }
    let number = after_spaces[..digits].parse().ok()?;
    let rest = &after_spaces[digits..];
    match rest.strip_prefix(' ') {
        Some(code) => Some((number, code)),
        None if rest.is_empty() => Some((number, "")),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_a_megabyte_is_refused_with_its_size() {
        assert_eq!(refusal(MAX_PASTE_BYTES), None);
        assert_eq!(
            refusal(10 << 20).as_deref(),
            Some("Not pasted: 10.0 MB is more than the 1 MB the playground takes at once.")
        );
    }

    /// The lesson's queue program as its text prints it (section 3, lines 1 to 24).
    const LESSON_QUEUE: &str = " 1 import Queue
 2 import threading
 3 
 4 
 5 message = Queue.Queue(10)
 6 
 7 
 8 def producer(i):
 9     while True:
10         message.put(i)
11 
12 
13 def consumer(i):
14     while True:
15         msg = message.get()
16 
17 
18 for i in range(12):
19     t = threading.Thread(target=producer, args=(i,))
20     t.start()
21 
22 for i in range(10):
23     t = threading.Thread(target=consumer, args=(i,))
24     t.start()";

    #[test]
    fn the_lessons_queue_program_loses_its_numbers_and_keeps_its_indentation() {
        let stripped = strip_line_numbers(LESSON_QUEUE).expect("numbered");
        assert_eq!((stripped.first, stripped.last), (1, 24));
        let lines: Vec<&str> = stripped.code.lines().collect();
        assert_eq!(lines[0], "import Queue");
        assert_eq!(lines[2], "", "a numbered blank line is blank");
        assert_eq!(lines[8], "    while True:");
        assert_eq!(
            lines[9], "        message.put(i)",
            "two digits, the same indentation"
        );
        assert_eq!(lines[23], "    t.start()");
        assert_eq!(lines.len(), 24);
    }

    #[test]
    fn a_paste_from_the_middle_of_a_listing_counts_from_its_first_number() {
        let pasted = "20 import pika\n21 connection = pika.BlockingConnection(pika.ConnectionParameters(\n22         host='localhost'))\n23 channel = connection.channel()\n24  \n";
        let stripped = strip_line_numbers(pasted).expect("numbered");
        assert_eq!((stripped.first, stripped.last), (20, 24));
        assert_eq!(
            stripped.code,
            "import pika\nconnection = pika.BlockingConnection(pika.ConnectionParameters(\n        host='localhost'))\nchannel = connection.channel()\n\n"
        );
    }

    #[test]
    fn shell_lines_and_windows_line_ends_are_numbered_too() {
        let pasted = "1 安装erlang\r\n2    $ yum -y install erlang\r\n3  \r\n";
        let stripped = strip_line_numbers(pasted).expect("numbered");
        assert_eq!(stripped.code, "安装erlang\n   $ yum -y install erlang\n\n");
    }

    #[test]
    fn unnumbered_code_is_left_alone() {
        assert_eq!(
            strip_line_numbers("import queue\nq = queue.Queue(10)\n"),
            None
        );
        assert_eq!(
            strip_line_numbers("1 import Queue\nimport threading\n"),
            None,
            "one line without a number"
        );
        assert_eq!(
            strip_line_numbers("1 import Queue\n3 import threading\n"),
            None,
            "a gap in the numbers"
        );
        assert_eq!(strip_line_numbers("10 * 3"), None, "a single line is code");
        assert_eq!(
            strip_line_numbers("1\t2\n2\t3\n"),
            None,
            "a number must be followed by a space"
        );
        assert_eq!(strip_line_numbers("12abc = 1\n13abc = 2"), None);
        assert_eq!(strip_line_numbers("\n\n"), None);
    }
}
