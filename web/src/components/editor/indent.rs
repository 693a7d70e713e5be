//! The editor's keys that work on indentation, as a code editor's do: Tab indents by four
//! spaces (PEP 8's indent), Shift-Tab takes up to four away, and Enter starts the new
//! line at the indentation of the one before, one level deeper after a `:`.
//!
//! Positions are in UTF-16 code units, as a textarea's `selectionStart` counts them, so
//! Chinese text and emoji before the caret keep it in place.

/// Spaces one level of indentation is.
pub const INDENT: usize = 4;

/// A change to the editor's text: replace `start..end` with `insert`, then select
/// `select` (UTF-16 positions in the new text).
#[derive(Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub insert: String,
    pub select: (usize, usize),
}

/// Tab: with nothing selected, spaces up to the next multiple of four columns; with a
/// selection, every line it touches indented by four spaces.
pub fn indent(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = (start.min(end), start.max(end));
    if start == end {
        let at = byte_at(text, start);
        let column = utf16_len(&text[line_start(text, at)..at]);
        let spaces = " ".repeat(INDENT - column % INDENT);
        let after = start + spaces.len();
        return Edit {
            start,
            end,
            insert: spaces,
            select: (after, after),
        };
    }
    reindent(text, start, end, |line| {
        if line.trim().is_empty() {
            0
        } else {
            INDENT as isize
        }
    })
}

/// Shift-Tab: every line the caret or selection touches loses up to four leading spaces
/// (or a leading tab).
pub fn outdent(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = (start.min(end), start.max(end));
    reindent(text, start, end, |line| {
        let removable = if line.starts_with('\t') {
            1
        } else {
            (line.len() - line.trim_start_matches(' ').len()).min(INDENT)
        };
        -(removable as isize)
    })
}

/// Enter: a new line at the indentation of the caret's line, one level deeper when
/// what comes before the caret ends with `:`.
pub fn newline(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = (start.min(end), start.max(end));
    let at = byte_at(text, start);
    let line = &text[line_start(text, at)..at];
    let mut spaces = line.len() - line.trim_start_matches(' ').len();
    if line.trim_end().ends_with(':') {
        spaces += INDENT;
    }
    let insert = format!("\n{}", " ".repeat(spaces));
    let after = start + insert.len();
    Edit {
        start,
        end,
        insert,
        select: (after, after),
    }
}

/// Changes the indentation of the lines from the one holding `start` to the one holding
/// `end` (a selection that ends at the start of a line does not touch that line) by what
/// `change` says for each: spaces added, or characters taken away when negative. The
/// selection moves with the text it selected.
fn reindent(text: &str, start: usize, end: usize, change: impl Fn(&str) -> isize) -> Edit {
    let first = line_start(text, byte_at(text, start));
    let mut last = byte_at(text, end);
    if end > start && last > first && text.as_bytes()[last - 1] == b'\n' {
        last -= 1;
    }
    let block_end = text[last..].find('\n').map_or(text.len(), |n| last + n);
    let block = &text[first..block_end];
    let block_start = utf16_len(&text[..first]);
    let mut lines = Vec::new();
    // Each line's UTF-16 start and end in the old text, and its change.
    let mut shifts = Vec::new();
    let mut line_start16 = block_start;
    for line in block.split('\n') {
        let delta = change(line);
        let length = utf16_len(line);
        shifts.push((line_start16, line_start16 + length, delta));
        line_start16 += length + 1;
        lines.push(match usize::try_from(delta) {
            Ok(added) => format!("{}{line}", " ".repeat(added)),
            Err(_) => line[delta.unsigned_abs()..].to_owned(),
        });
    }
    let insert = lines.join("\n");
    let moved = |at: usize| {
        let mut before = 0isize;
        for &(line_start, line_end, delta) in &shifts {
            if at < line_start {
                break;
            }
            if at <= line_end {
                let column = (at - line_start) as isize;
                return (line_start as isize + before + (column + delta).max(0)) as usize;
            }
            before += delta;
        }
        (at as isize + before) as usize
    };
    Edit {
        start: block_start,
        end: block_start + utf16_len(block),
        insert,
        select: (moved(start), moved(end)),
    }
}

/// The byte position of the line holding byte position `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |n| n + 1)
}

/// The byte position of UTF-16 position `at` (the end, past the text).
pub fn byte_at(text: &str, at: usize) -> usize {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        if units >= at {
            return byte;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Length in UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies an edit, as the textarea does.
    fn apply(text: &str, edit: &Edit) -> String {
        let (start, end) = (byte_at(text, edit.start), byte_at(text, edit.end));
        format!("{}{}{}", &text[..start], edit.insert, &text[end..])
    }

    #[test]
    fn tab_at_the_caret_moves_to_the_next_indentation_column() {
        let text = "def f():\nreturn 1";
        let edit = indent(text, 9, 9);
        assert_eq!(apply(text, &edit), "def f():\n    return 1");
        assert_eq!(edit.select, (13, 13));
        let text = "x = 1  # a";
        let edit = indent(text, 2, 2);
        assert_eq!(edit.insert, "  ", "column 2 goes to column 4");
    }

    #[test]
    fn tab_with_a_selection_indents_every_line_it_touches() {
        let text = "for i in r:\nprint(i)\nprint('done')\n";
        // From inside "print(i)" to the end of "print('done')".
        let edit = indent(text, 14, 33);
        assert_eq!(
            apply(text, &edit),
            "for i in r:\n    print(i)\n    print('done')\n"
        );
        assert_eq!(edit.select, (18, 41), "the selection grows with its lines");
    }

    #[test]
    fn a_selection_ending_at_a_line_start_leaves_that_line_alone() {
        let text = "a = 1\nb = 2\nc = 3";
        let edit = indent(text, 0, 6);
        assert_eq!(apply(text, &edit), "    a = 1\nb = 2\nc = 3");
        assert_eq!(edit.select, (4, 10));
    }

    #[test]
    fn shift_tab_takes_up_to_four_spaces_from_each_line() {
        let text = "if x:\n        y()\n  z()\nw()";
        let edit = outdent(text, 8, 25);
        assert_eq!(apply(text, &edit), "if x:\n    y()\nz()\nw()");
        let text = "    return 1";
        let edit = outdent(text, 6, 6);
        assert_eq!(apply(text, &edit), "return 1");
        assert_eq!(edit.select, (2, 2), "the caret stays on its character");
        let text = "\treturn 1";
        assert_eq!(apply(text, &outdent(text, 0, 0)), "return 1");
    }

    #[test]
    fn enter_keeps_the_indentation_and_deepens_it_after_a_colon() {
        let text = "def producer(i):";
        let edit = newline(text, 16, 16);
        assert_eq!(apply(text, &edit), "def producer(i):\n    ");
        assert_eq!(edit.select, (21, 21));
        let text = "    while True:\n        message.put(i)";
        let edit = newline(text, 38, 38);
        assert_eq!(edit.insert, "\n        ");
    }

    #[test]
    fn positions_count_utf16_units_as_the_textarea_does() {
        let text = "# 生产者\nprint(1)";
        // The caret after "# 生产者\n" is at UTF-16 position 6 (byte 12).
        let edit = indent(text, 6, 6);
        assert_eq!(apply(text, &edit), "# 生产者\n    print(1)");
        assert_eq!(edit.select, (10, 10));
        let text = "s = '😀'\nt = 1";
        let edit = indent(text, 0, utf16_len(text));
        assert_eq!(apply(text, &edit), "    s = '😀'\n    t = 1");
        assert_eq!(edit.select, (4, utf16_len(text) + 8));
    }
}
