//! From source text to a syntax tree: [`lexer`] makes tokens (with INDENT and DEDENT),
//! [`parser`] builds the [`ast`], and both report CPython's [`SyntaxError`]s.

pub mod ast;
mod dump;
mod fstring;
mod lexer;
mod parser;
mod report;
mod strings;

pub use dump::dump;
pub use parser::{parse_interactive, parse_module};

/// Which of CPython's syntax error classes an error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    /// The class name, as the last line of the report prints it.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A syntax error, located as CPython locates it: `line` and `col` (from 0) mark the
/// first caret, `end_line` and `end_col` the end of the underlined range (exclusive),
/// which is what python3 prints under the source line. Columns are UTF-8 byte
/// offsets, except in the errors of CPython's tokenizer proper (an invalid character,
/// an unterminated string, an unmatched bracket), which count characters, as
/// python3 does when it prints them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
    /// The input ended where more was expected (an open bracket, a block with no body,
    /// an unterminated triple-quoted string): the interactive prompt then asks for
    /// another line with `... ` instead of reporting the error.
    pub incomplete: bool,
    /// The line python3 shows for the error when it is not line `line` of the source:
    /// an error inside an f-string's `{expression}` shows that expression, in
    /// parentheses, as CPython 3.11 compiles it on its own.
    pub text: Option<String>,
}

#[cfg(test)]
mod tests;
