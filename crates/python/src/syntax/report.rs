//! What python3 prints for a syntax error that ends a program.

use super::SyntaxError;
use super::lexer::normalize;

impl SyntaxError {
    /// The lines python3 3.11 writes to stderr for this error when running a file
    /// named `filename` with this `source` (`"<stdin>"` for the prompt): the file and
    /// line, the source line without its indentation, carets under the error, and
    /// the class and message — CPython's `print_exception` and `print_error_text`.
    pub fn report(&self, filename: &str, source: &str) -> String {
        let mut out = format!("  File \"{filename}\", line {}\n", self.line);
        let normalized = normalize(source);
        let text = match &self.text {
            Some(text) => Some(text.clone()),
            None => normalized
                .split_inclusive('\n')
                .nth((self.line as usize).saturating_sub(1))
                .map(str::to_string),
        };
        if let Some(text) = text {
            // Offsets count from 1.
            let offset = self.col as isize + 1;
            let mut end_offset = if self.end_col > self.col || self.end_line > self.line {
                self.end_col as isize + 1
            } else {
                0
            };
            if self.end_line > self.line {
                end_offset = text.len() as isize;
            }
            if end_offset > text.len() as isize + 1 {
                end_offset = text.len() as isize + 1;
            }
            print_error_text(&mut out, offset, end_offset, &text);
        }
        out.push_str(self.kind.name());
        out.push_str(": ");
        out.push_str(&self.msg);
        out.push('\n');
        out
    }
}

/// CPython's `print_error_text`: the line without its indentation, then the carets.
fn print_error_text(out: &mut String, offset: isize, end_offset: isize, text: &str) {
    let carets = if end_offset > 0 && end_offset > offset {
        end_offset - offset
    } else {
        1
    };
    let mut offset = offset - 1;
    let mut text = text;
    while let Some(rest) = text.strip_prefix([' ', '\t', '\x0c']) {
        text = rest;
        offset -= 1;
    }
    let mut len = text.len() as isize;
    if text.ends_with('\n') {
        len -= 1;
    }
    if offset > len {
        offset = len;
    }
    // Skip past newlines embedded in the text.
    while let Some(nl) = text.find('\n') {
        if nl as isize >= offset {
            break;
        }
        text = &text[nl + 1..];
        offset -= nl as isize + 1;
    }
    out.push_str("    ");
    out.push_str(text);
    if !text.ends_with('\n') {
        out.push('\n');
    }
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    for _ in 0..offset {
        out.push(' ');
    }
    for _ in 0..carets {
        out.push('^');
    }
    out.push('\n');
}
