//! The tokenizer: source text to tokens, with INDENT, DEDENT and NEWLINE made from the
//! layout of lines, as CPython's `Parser/tokenizer.c` makes them.
//!
//! The whole input is tokenized up front. The first error ends the token list with an
//! [`Tok::Error`] token; the parser raises it only when it reaches that token, as
//! CPython's parser meets a tokenizer error only when it asks for that token.

use std::borrow::Cow;

use super::{SyntaxError, SyntaxErrorKind};

/// The kinds of token. Keywords and operators each have their own kind so the parser
/// matches on them directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    Name,
    Number,
    String,
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// Where tokenizing stopped: see [`Stop`].
    Error,
    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    // Operators and delimiters.
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    CircumFlex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumFlexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
    /// Python 2's `<>`: a token of its own that no rule accepts.
    LessGreater,
    /// A character that is no Python token (`$`, `?`, `!`, a backtick): no rule
    /// accepts it, so it is where `invalid syntax` points.
    Unknown,
}

/// Why tokenizing stopped early.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Stop {
    /// An error raised as soon as the parser reaches this token.
    Error(SyntaxError),
    /// The input ended inside brackets; the innermost open bracket is given, for
    /// CPython's `'(' was never closed`.
    EofInBrackets { bracket: u8, line: u32, col: u32 },
    /// Interactive input ended where the prompt would read another line.
    Incomplete,
}

/// One token: its kind, where its text is in the (normalised) source, its position as
/// CPython reports it, and how deep in brackets it sits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Token {
    pub kind: Tok,
    pub start: u32,
    pub end: u32,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
    /// The bracket depth after this token, as CPython's `token->level`.
    pub level: u16,
}

/// The tokens of a whole input; the last one is `EndMarker` or `Error` (then `stop`
/// says why).
pub(crate) struct Tokens {
    pub tokens: Vec<Token>,
    pub stop: Option<Stop>,
}

/// Deepest bracket nesting, CPython's `MAXLEVEL`.
const MAX_LEVEL: usize = 200;
/// Deepest indentation, CPython's `MAXINDENT`.
const MAX_INDENT: usize = 100;
/// Column width of a tab for indentation, CPython's `TABSIZE`.
const TAB_SIZE: u32 = 8;

/// The source as CPython's file reader hands it to the tokenizer: no byte-order mark,
/// and every `\r\n` or lone `\r` read as `\n`.
pub(crate) fn normalize(source: &str) -> Cow<'_, str> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.contains('\r') {
        Cow::Owned(source.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(source)
    }
}

/// Tokenizes a whole (normalised) source; `interactive` follows the `>>>` prompt's
/// rules (an empty line ends a compound statement, the end of input asks for more).
pub(crate) fn tokenize(src: &str, interactive: bool) -> Tokens {
    let mut lexer = Lexer {
        src: src.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
        at_line_start: true,
        indents: vec![(0, 0)],
        pending_dedents: 0,
        brackets: Vec::new(),
        interactive,
        tokens: Vec::with_capacity(src.len() / 4 + 4),
    };
    let stop = lexer.run().err();
    Tokens {
        tokens: lexer.tokens,
        stop,
    }
}

struct Lexer<'s> {
    src: &'s [u8],
    pos: usize,
    line: u32,
    line_start: usize,
    at_line_start: bool,
    /// Indentation columns of the open blocks: tabs to multiples of 8, and tabs as 1
    /// (CPython's `indstack` and `altindstack`, which must agree).
    indents: Vec<(u32, u32)>,
    pending_dedents: u32,
    /// Open brackets: the character, its line and column.
    brackets: Vec<(u8, u32, u32)>,
    interactive: bool,
    tokens: Vec<Token>,
}

impl Lexer<'_> {
    fn peek(&self) -> u8 {
        self.src.get(self.pos).copied().unwrap_or(0)
    }

    fn peek_at(&self, ahead: usize) -> u8 {
        self.src.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    fn col(&self, pos: usize) -> u32 {
        (pos - self.line_start) as u32
    }

    fn push(&mut self, kind: Tok, start: usize, start_line: u32, start_col: u32) {
        self.tokens.push(Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
            line: start_line,
            col: start_col,
            end_line: self.line,
            end_col: self.col(self.pos),
            level: self.brackets.len() as u16,
        });
    }

    /// Ends the token list with an error token at `pos` on the current line.
    fn stop_token(&mut self, pos: usize) {
        let col = self.col(pos);
        self.tokens.push(Token {
            kind: Tok::Error,
            start: pos as u32,
            end: pos as u32,
            line: self.line,
            col,
            end_line: self.line,
            end_col: col,
            level: self.brackets.len() as u16,
        });
    }

    /// An error of CPython's tokenizer proper (its `syntaxerror()`): `col..end_col`
    /// on the current line, given in bytes but reported, as CPython's tokenizer
    /// counts them, in characters.
    fn error_range(&mut self, col: u32, end_col: u32, msg: String) -> Stop {
        let mut stop = self.error_with(SyntaxErrorKind::SyntaxError, col, end_col, msg);
        if let Stop::Error(error) = &mut stop {
            let line = &self.src[self.line_start..];
            let chars = |n: u32| {
                String::from_utf8_lossy(&line[..(n as usize).min(line.len())])
                    .chars()
                    .count() as u32
            };
            error.col = chars(col);
            error.end_col = chars(end_col);
        }
        stop
    }

    fn error_with(&mut self, kind: SyntaxErrorKind, col: u32, end_col: u32, msg: String) -> Stop {
        let pos = self.line_start + col as usize;
        self.stop_token(pos.min(self.src.len()));
        Stop::Error(SyntaxError {
            kind,
            msg,
            line: self.line,
            col,
            end_line: self.line,
            end_col,
            incomplete: false,
            text: None,
        })
    }

    /// CPython's `syntaxerror()`: the caret goes under the character before `pos`.
    fn error_before(&mut self, pos: usize, msg: String) -> Stop {
        let mut at = pos.max(self.line_start + 1) - 1;
        while at > self.line_start && !is_char_start(self.src[at]) {
            at -= 1;
        }
        let col = self.col(at);
        self.error_range(col, col, msg)
    }

    /// An error placed at the end of the current line, where CPython's tokenizer
    /// stands after reading the whole line.
    fn error_at_line_end(&mut self, kind: SyntaxErrorKind, msg: &str) -> Stop {
        let end = self.src[self.line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.src.len(), |n| self.line_start + n);
        let col = self.col(end);
        self.error_with(kind, col, col, msg.to_string())
    }

    fn run(&mut self) -> Result<(), Stop> {
        loop {
            if self.at_line_start {
                self.at_line_start = false;
                if self.indentation()? {
                    continue;
                }
            }
            while self.pending_dedents > 0 {
                self.pending_dedents -= 1;
                let col = self.col(self.pos);
                self.push(Tok::Dedent, self.pos, self.line, col);
            }
            // Skip spaces between tokens.
            while matches!(self.peek(), b' ' | b'\t' | b'\x0c') {
                self.pos += 1;
            }
            let start = self.pos;
            let start_col = self.col(start);
            let line = self.line;
            if self.peek() == b'#' {
                while !self.at_end() && self.peek() != b'\n' {
                    self.pos += 1;
                }
            }
            if self.at_end() {
                return self.end_of_input(start);
            }
            let c = self.peek();
            match c {
                b'\n' => {
                    self.pos += 1;
                    let blank = !self.interactive
                        && self.tokens.last().is_none_or(|t| {
                            matches!(t.kind, Tok::Newline | Tok::Indent | Tok::Dedent)
                        });
                    if self.brackets.is_empty() && !blank {
                        self.tokens.push(Token {
                            kind: Tok::Newline,
                            start: start as u32,
                            end: (self.pos - 1) as u32,
                            line,
                            col: start_col,
                            end_line: line,
                            end_col: self.col(self.pos - 1),
                            level: 0,
                        });
                    }
                    self.new_line();
                }
                b'\\' => {
                    self.pos += 1;
                    if self.peek() != b'\n' {
                        if self.at_end() {
                            // The newline CPython adds to a last line comes first.
                            let col = self.col(self.pos);
                            return Err(self.eof_error(col));
                        }
                        // CPython reads the character after the backslash, then
                        // points at it (in bytes).
                        let col = self.col(self.pos);
                        return Err(self.error_with(
                            SyntaxErrorKind::SyntaxError,
                            col,
                            col,
                            LINE_CONTINUATION.to_string(),
                        ));
                    }
                    let col = self.col(self.pos);
                    self.pos += 1;
                    if self.at_end() {
                        return Err(self.eof_error(col));
                    }
                    self.new_line();
                    self.at_line_start = false;
                }
                b'0'..=b'9' => self.number(start)?,
                b'.' if self.peek_at(1).is_ascii_digit() => self.number(start)?,
                b'\'' | b'"' => self.string(start)?,
                _ if is_identifier_start(c) => {
                    self.pos += 1;
                    while is_identifier_char(self.peek()) {
                        self.pos += 1;
                    }
                    // A string prefix goes with the quote after it.
                    if matches!(self.peek(), b'\'' | b'"')
                        && is_string_prefix(&self.src[start..self.pos])
                    {
                        self.string(start)?;
                    } else {
                        self.name(start)?;
                    }
                }
                _ => self.operator(start)?,
            }
        }
    }

    /// Reads the indentation of a new line, pushing INDENT or DEDENT tokens; returns
    /// true for a blank or comment-only line, which has no tokens.
    fn indentation(&mut self) -> Result<bool, Stop> {
        let (mut col, mut alt_col) = (0u32, 0u32);
        loop {
            match self.peek() {
                b' ' => {
                    col += 1;
                    alt_col += 1;
                }
                b'\t' => {
                    col = (col / TAB_SIZE + 1) * TAB_SIZE;
                    alt_col += 1;
                }
                b'\x0c' => {
                    col = 0;
                    alt_col = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        let c = self.peek();
        let blank = if self.at_end() {
            true
        } else if c == b'#' || c == b'\n' {
            if self.interactive
                && (self.line == 1 || (col == 0 && c == b'\n' && self.pos == self.line_start))
            {
                // At the prompt an empty line ends a compound statement, and the
                // first line is never skipped.
                col = 0;
                alt_col = 0;
                false
            } else {
                true
            }
        } else {
            false
        };
        if blank {
            if c == b'#' {
                while !self.at_end() && self.peek() != b'\n' {
                    self.pos += 1;
                }
            }
            if self.at_end() {
                return Ok(false);
            }
            self.pos += 1;
            self.new_line();
            return Ok(true);
        }
        if !self.brackets.is_empty() {
            return Ok(false);
        }
        let &(top, alt_top) = self.indents.last().unwrap_or(&(0, 0));
        if col == top {
            if alt_col != alt_top {
                return Err(self.tab_error());
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                return Err(self.error_with(
                    SyntaxErrorKind::IndentationError,
                    0,
                    0,
                    "too many levels of indentation".to_string(),
                ));
            }
            if alt_col <= alt_top {
                return Err(self.tab_error());
            }
            self.indents.push((col, alt_col));
            let at = self.col(self.pos);
            self.push(Tok::Indent, self.pos, self.line, at);
        } else {
            while self.indents.len() > 1 && col < self.indents.last().map_or(0, |i| i.0) {
                self.indents.pop();
                self.pending_dedents += 1;
            }
            let &(top, alt_top) = self.indents.last().unwrap_or(&(0, 0));
            if col != top {
                return Err(self.error_at_line_end(
                    SyntaxErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                ));
            }
            if alt_col != alt_top {
                return Err(self.tab_error());
            }
        }
        Ok(false)
    }

    fn tab_error(&mut self) -> Stop {
        self.error_with(
            SyntaxErrorKind::TabError,
            0,
            0,
            "inconsistent use of tabs and spaces in indentation".to_string(),
        )
    }

    fn new_line(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
        self.at_line_start = self.brackets.is_empty();
    }

    /// The end of the input: the missing NEWLINE, the DEDENTs and ENDMARKER of a file,
    /// or what the interactive prompt makes of it.
    fn end_of_input(&mut self, start: usize) -> Result<(), Stop> {
        if let Some(&(bracket, line, col)) = self.brackets.last() {
            if self.interactive {
                self.stop_token(start);
                return Err(Stop::Incomplete);
            }
            self.stop_token(start);
            return Err(Stop::EofInBrackets { bracket, line, col });
        }
        let ends_statement = self
            .tokens
            .last()
            .is_some_and(|t| !matches!(t.kind, Tok::Newline | Tok::Indent | Tok::Dedent));
        if ends_statement {
            // CPython adds the newline a last line lacks.
            let col = self.col(start);
            self.tokens.push(Token {
                kind: Tok::Newline,
                start: start as u32,
                end: self.pos as u32,
                line: self.line,
                col,
                end_line: self.line,
                end_col: self.col(self.pos),
                level: 0,
            });
        }
        if self.interactive {
            self.stop_token(self.pos);
            return Err(Stop::Incomplete);
        }
        // CPython's DEDENTs and ENDMARKER at the end stay on the last line.
        if self.pos == self.line_start && self.line > 1 {
            self.line -= 1;
        }
        for _ in 1..self.indents.len() {
            self.push(Tok::Dedent, self.pos, self.line, 0);
        }
        self.indents.truncate(1);
        self.push(Tok::EndMarker, self.pos, self.line, 0);
        Ok(())
    }

    /// The input ended right after a line continuation; `col` is where that line
    /// ends.
    fn eof_error(&mut self, col: u32) -> Stop {
        if self.interactive {
            self.stop_token(self.pos);
            return Stop::Incomplete;
        }
        if let Some(&(bracket, line, col)) = self.brackets.last() {
            self.stop_token(self.pos);
            return Stop::EofInBrackets { bracket, line, col };
        }
        self.error_with(
            SyntaxErrorKind::SyntaxError,
            col,
            col,
            "unexpected EOF while parsing".to_string(),
        )
    }

    fn name(&mut self, start: usize) -> Result<(), Stop> {
        let text = &self.src[start..self.pos];
        if text.iter().any(|&b| b >= 0x80) {
            self.verify_identifier(start)?;
        }
        let kind = keyword(text).unwrap_or(Tok::Name);
        let col = self.col(start);
        self.push(kind, start, self.line, col);
        Ok(())
    }

    /// CPython's `verify_identifier`: every character must be a letter, digit or `_`
    /// (and not start with a digit); otherwise the first bad one is reported.
    fn verify_identifier(&mut self, start: usize) -> Result<(), Stop> {
        let text = std::str::from_utf8(&self.src[start..self.pos]).unwrap_or("");
        for (i, ch) in text.char_indices() {
            let ok = if i == 0 {
                is_xid_start(ch)
            } else {
                is_xid_continue(ch)
            };
            if !ok {
                let after = start + i + ch.len_utf8();
                let msg = if is_printable(ch) {
                    format!("invalid character '{ch}' (U+{:04X})", ch as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", ch as u32)
                };
                return Err(self.error_before(after, msg));
            }
        }
        Ok(())
    }

    fn operator(&mut self, start: usize) -> Result<(), Stop> {
        let (kind, len) = operator(&self.src[self.pos..]);
        let col = self.col(start);
        match kind {
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                if self.brackets.len() >= MAX_LEVEL {
                    return Err(
                        self.error_before(start + 1, "too many nested parentheses".to_string())
                    );
                }
                self.brackets.push((self.src[start], self.line, col));
            }
            Tok::RPar | Tok::RSqb | Tok::RBrace => {
                let close = self.src[start];
                let Some((open, open_line, _)) = self.brackets.pop() else {
                    return Err(
                        self.error_before(start + 1, format!("unmatched '{}'", close as char))
                    );
                };
                let expected = match open {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if close != expected {
                    let msg = if open_line != self.line {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}' on line {open_line}",
                            close as char, open as char
                        )
                    } else {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            close as char, open as char
                        )
                    };
                    return Err(self.error_before(start + 1, msg));
                }
            }
            Tok::Unknown => {
                let ch = self.src[start];
                if ch < 0x20 || ch == 0x7f {
                    if ch == 0 {
                        return Err(self.error_before(
                            start + 1,
                            "source code cannot contain null bytes".to_string(),
                        ));
                    }
                    return Err(self.error_before(
                        start + 1,
                        format!("invalid non-printable character U+{:04X}", ch),
                    ));
                }
            }
            _ => {}
        }
        self.pos += len;
        self.push(kind, start, self.line, col);
        Ok(())
    }

    /// A number literal, checked as CPython's tokenizer checks it.
    fn number(&mut self, start: usize) -> Result<(), Stop> {
        let first = self.peek();
        self.pos += 1;
        if first == b'.' {
            self.fraction()?;
        } else if first == b'0' && matches!(self.peek() | 0x20, b'x' | b'o' | b'b') {
            let radix_char = self.peek() | 0x20;
            self.pos += 1;
            let (radix, name) = match radix_char {
                b'x' => (16, "hexadecimal"),
                b'o' => (8, "octal"),
                _ => (2, "binary"),
            };
            loop {
                if self.peek() == b'_' {
                    self.pos += 1;
                }
                let c = self.peek();
                if !(c as char).is_digit(radix) {
                    if radix != 16 && c.is_ascii_digit() {
                        self.pos += 1;
                        return Err(self.error_before(
                            self.pos,
                            format!("invalid digit '{}' in {name} literal", c as char),
                        ));
                    }
                    return Err(self.error_before(self.pos, format!("invalid {name} literal")));
                }
                while (self.peek() as char).is_digit(radix) {
                    self.pos += 1;
                }
                if self.peek() != b'_' {
                    break;
                }
            }
            if radix != 16 && self.peek().is_ascii_digit() {
                let c = self.peek();
                self.pos += 1;
                return Err(self.error_before(
                    self.pos,
                    format!("invalid digit '{}' in {name} literal", c as char),
                ));
            }
            self.end_of_number(name)?;
        } else if first == b'0' {
            // Only zeros may follow a leading zero, unless it is a float.
            loop {
                if self.peek() == b'_' {
                    self.pos += 1;
                    if !self.peek().is_ascii_digit() {
                        return Err(
                            self.error_before(self.pos, "invalid decimal literal".to_string())
                        );
                    }
                }
                if self.peek() != b'0' {
                    break;
                }
                self.pos += 1;
            }
            let zeros_end = self.pos;
            let nonzero = self.peek().is_ascii_digit();
            if nonzero {
                self.decimal_tail()?;
            }
            match self.peek() {
                b'.' => {
                    self.pos += 1;
                    self.fraction()?;
                }
                b'e' | b'E' => self.exponent()?,
                b'j' | b'J' => {
                    self.pos += 1;
                    self.end_of_number("imaginary")?;
                }
                _ if nonzero => {
                    // CPython underlines the leading zeros.
                    let col = self.col(start);
                    let end = self.col(zeros_end);
                    return Err(self.error_range(
                        col,
                        end,
                        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
                            .to_string(),
                    ));
                }
                _ => self.end_of_number("decimal")?,
            }
        } else {
            self.pos -= 1;
            self.decimal_tail()?;
            if self.peek() == b'.' {
                self.pos += 1;
                self.fraction()?;
            } else {
                self.after_mantissa()?;
            }
        }
        let col = self.col(start);
        self.push(Tok::Number, start, self.line, col);
        Ok(())
    }

    /// Digits with single underscores between them.
    fn decimal_tail(&mut self) -> Result<(), Stop> {
        loop {
            while self.peek().is_ascii_digit() {
                self.pos += 1;
            }
            if self.peek() != b'_' {
                return Ok(());
            }
            self.pos += 1;
            if !self.peek().is_ascii_digit() {
                return Err(self.error_before(self.pos, "invalid decimal literal".to_string()));
            }
        }
    }

    /// After the `.` of a float.
    fn fraction(&mut self) -> Result<(), Stop> {
        if self.peek().is_ascii_digit() {
            self.decimal_tail()?;
        }
        self.after_mantissa()
    }

    /// An optional exponent or `j` after the digits of a decimal or float.
    fn after_mantissa(&mut self) -> Result<(), Stop> {
        match self.peek() {
            b'e' | b'E' => self.exponent(),
            b'j' | b'J' => {
                self.pos += 1;
                self.end_of_number("imaginary")
            }
            _ => self.end_of_number("decimal"),
        }
    }

    fn exponent(&mut self) -> Result<(), Stop> {
        let e_pos = self.pos;
        self.pos += 1;
        if matches!(self.peek(), b'+' | b'-') {
            self.pos += 1;
            if !self.peek().is_ascii_digit() {
                return Err(self.error_before(self.pos, "invalid decimal literal".to_string()));
            }
        } else if !self.peek().is_ascii_digit() {
            // `1else`: the `e` starts the next word.
            self.pos = e_pos;
            return self.end_of_number("decimal");
        }
        self.decimal_tail()?;
        if matches!(self.peek(), b'j' | b'J') {
            self.pos += 1;
            return self.end_of_number("imaginary");
        }
        self.end_of_number("decimal")
    }

    /// CPython's `verify_end_of_number`: a letter right after a number is an error,
    /// unless it starts a keyword that may follow a number (`1if x else 2`).
    fn end_of_number(&mut self, kind: &str) -> Result<(), Stop> {
        let rest = &self.src[self.pos..];
        let whole_word = |k: &[u8]| {
            rest.starts_with(k) && !is_identifier_char(rest.get(k.len()).copied().unwrap_or(0))
        };
        let keyword_follows = [&b"and"[..], b"else", b"for", b"or", b"not"]
            .iter()
            .any(|k| whole_word(k))
            || [&b"if"[..], b"in", b"is"]
                .iter()
                .any(|k| rest.starts_with(k));
        // A non-ASCII character is left to the next token, which reports it.
        if !keyword_follows && self.peek() < 0x80 && is_identifier_char(self.peek()) {
            return Err(self.error_before(self.pos, format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// A string literal from its prefix (at `start`) to its closing quote.
    fn string(&mut self, start: usize) -> Result<(), Stop> {
        let line = self.line;
        let line_start = self.line_start;
        let quote = self.peek();
        let triple = self.peek_at(1) == quote && self.peek_at(2) == quote;
        self.pos += if triple { 3 } else { 1 };
        loop {
            if self.at_end() || (!triple && self.peek() == b'\n') {
                // A newline that ends the file opens no line of its own.
                let detected = if self.at_end() && self.src.last() == Some(&b'\n') {
                    self.line - 1
                } else {
                    self.line
                };
                if self.interactive && (triple || self.at_end()) {
                    self.stop_token(self.pos);
                    return Err(Stop::Incomplete);
                }
                self.line = line;
                self.line_start = line_start;
                let col = self.col(start);
                let msg = if triple {
                    format!(
                        "unterminated triple-quoted string literal (detected at line {detected})"
                    )
                } else {
                    format!("unterminated string literal (detected at line {detected})")
                };
                return Err(self.error_range(col, col, msg));
            }
            let c = self.peek();
            self.pos += 1;
            if c == quote {
                if !triple {
                    break;
                }
                if self.peek() == quote && self.peek_at(1) == quote {
                    self.pos += 2;
                    break;
                }
            } else if c == b'\\' {
                if self.at_end() {
                    continue;
                }
                if self.peek() == b'\n' {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                } else {
                    self.pos += 1;
                }
            } else if c == b'\n' {
                self.line += 1;
                self.line_start = self.pos;
            }
        }
        let col = (start - line_start) as u32;
        self.push(Tok::String, start, line, col);
        Ok(())
    }
}

const LINE_CONTINUATION: &str = "unexpected character after line continuation character";

fn is_char_start(b: u8) -> bool {
    b & 0xc0 != 0x80
}

/// CPython's `is_potential_identifier_start`: any non-ASCII byte may start a name,
/// which is checked as a whole afterwards.
fn is_identifier_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_identifier_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Letters that may start a name (Unicode's XID_Start, as far as the standard
/// library tells it).
fn is_xid_start(ch: char) -> bool {
    ch == '_' || ch.is_alphabetic()
}

/// Characters that may continue a name (XID_Continue, approximately).
fn is_xid_continue(ch: char) -> bool {
    ch == '_'
        || ch.is_alphanumeric()
        || matches!(
            ch,
            '\u{300}'..='\u{36f}' | '\u{b7}' | '\u{200c}' | '\u{200d}'
        )
}

/// Python's `str.isprintable()` for one character, as far as error messages need it:
/// controls, format characters and separators other than the space are not.
pub(crate) fn is_printable(ch: char) -> bool {
    if ch == ' ' {
        return true;
    }
    !(ch.is_control()
        || ch.is_whitespace()
        || matches!(
            ch,
            '\u{ad}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e000}'..='\u{f8ff}'
        ))
}

/// Whether letters before a quote make a string prefix (`r`, `b`, `rb`, `f`, `fr`,
/// `u`, any case); others (`ur`) stay a name.
fn is_string_prefix(text: &[u8]) -> bool {
    let lower: Vec<u8> = text.iter().map(|b| b.to_ascii_lowercase()).collect();
    matches!(
        lower.as_slice(),
        b"r" | b"u" | b"b" | b"f" | b"br" | b"rb" | b"fr" | b"rf"
    )
}

fn keyword(text: &[u8]) -> Option<Tok> {
    Some(match text {
        b"False" => Tok::False,
        b"None" => Tok::None,
        b"True" => Tok::True,
        b"and" => Tok::And,
        b"as" => Tok::As,
        b"assert" => Tok::Assert,
        b"async" => Tok::Async,
        b"await" => Tok::Await,
        b"break" => Tok::Break,
        b"class" => Tok::Class,
        b"continue" => Tok::Continue,
        b"def" => Tok::Def,
        b"del" => Tok::Del,
        b"elif" => Tok::Elif,
        b"else" => Tok::Else,
        b"except" => Tok::Except,
        b"finally" => Tok::Finally,
        b"for" => Tok::For,
        b"from" => Tok::From,
        b"global" => Tok::Global,
        b"if" => Tok::If,
        b"import" => Tok::Import,
        b"in" => Tok::In,
        b"is" => Tok::Is,
        b"lambda" => Tok::Lambda,
        b"nonlocal" => Tok::Nonlocal,
        b"not" => Tok::Not,
        b"or" => Tok::Or,
        b"pass" => Tok::Pass,
        b"raise" => Tok::Raise,
        b"return" => Tok::Return,
        b"try" => Tok::Try,
        b"while" => Tok::While,
        b"with" => Tok::With,
        b"yield" => Tok::Yield,
        _ => return None,
    })
}

/// The longest operator at the start of `s`, and its length.
fn operator(s: &[u8]) -> (Tok, usize) {
    let c1 = s.first().copied().unwrap_or(0);
    let c2 = s.get(1).copied().unwrap_or(0);
    let c3 = s.get(2).copied().unwrap_or(0);
    let three = match (c1, c2, c3) {
        (b'*', b'*', b'=') => Some(Tok::DoubleStarEqual),
        (b'/', b'/', b'=') => Some(Tok::DoubleSlashEqual),
        (b'<', b'<', b'=') => Some(Tok::LeftShiftEqual),
        (b'>', b'>', b'=') => Some(Tok::RightShiftEqual),
        (b'.', b'.', b'.') => Some(Tok::Ellipsis),
        _ => None,
    };
    if let Some(kind) = three {
        return (kind, 3);
    }
    let two = match (c1, c2) {
        (b'=', b'=') => Some(Tok::EqEqual),
        (b'!', b'=') => Some(Tok::NotEqual),
        (b'<', b'>') => Some(Tok::LessGreater),
        (b'<', b'=') => Some(Tok::LessEqual),
        (b'<', b'<') => Some(Tok::LeftShift),
        (b'>', b'=') => Some(Tok::GreaterEqual),
        (b'>', b'>') => Some(Tok::RightShift),
        (b'*', b'*') => Some(Tok::DoubleStar),
        (b'/', b'/') => Some(Tok::DoubleSlash),
        (b'+', b'=') => Some(Tok::PlusEqual),
        (b'-', b'=') => Some(Tok::MinEqual),
        (b'-', b'>') => Some(Tok::RArrow),
        (b'*', b'=') => Some(Tok::StarEqual),
        (b'/', b'=') => Some(Tok::SlashEqual),
        (b'%', b'=') => Some(Tok::PercentEqual),
        (b'&', b'=') => Some(Tok::AmperEqual),
        (b'|', b'=') => Some(Tok::VBarEqual),
        (b'^', b'=') => Some(Tok::CircumFlexEqual),
        (b'@', b'=') => Some(Tok::AtEqual),
        (b':', b'=') => Some(Tok::ColonEqual),
        _ => None,
    };
    if let Some(kind) = two {
        return (kind, 2);
    }
    let one = match c1 {
        b'(' => Tok::LPar,
        b')' => Tok::RPar,
        b'[' => Tok::LSqb,
        b']' => Tok::RSqb,
        b'{' => Tok::LBrace,
        b'}' => Tok::RBrace,
        b':' => Tok::Colon,
        b',' => Tok::Comma,
        b';' => Tok::Semi,
        b'+' => Tok::Plus,
        b'-' => Tok::Minus,
        b'*' => Tok::Star,
        b'/' => Tok::Slash,
        b'|' => Tok::VBar,
        b'&' => Tok::Amper,
        b'<' => Tok::Less,
        b'>' => Tok::Greater,
        b'=' => Tok::Equal,
        b'.' => Tok::Dot,
        b'%' => Tok::Percent,
        b'~' => Tok::Tilde,
        b'^' => Tok::CircumFlex,
        b'@' => Tok::At,
        _ => Tok::Unknown,
    };
    (one, 1)
}
