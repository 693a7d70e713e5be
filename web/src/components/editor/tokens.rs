//! Python's tokens as far as the editor's rewrites need them (the lesson's Python 2,
//! pika 0.x calls): names, strings, comments, operators with their bracket depth, and
//! the ends of logical lines.

/// What a token is, as far as the rewrite needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Name,
    /// A string literal, its prefix and quotes included.
    Str,
    Comment,
    /// An operator or delimiter: one character, or `>>`.
    Op,
    /// A number or anything else that is neither of the above.
    Other,
    /// The end of a logical line.
    Newline,
}

/// A token: its kind, where it is, and how deep in brackets.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// How many brackets are open after it.
    pub depth: usize,
}

/// Splits a program into tokens, as far as strings, comments, brackets and the ends of
/// logical lines go. It never fails: an unterminated string runs to the end.
pub fn tokenize(source: &str) -> Vec<Token> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let kind = match c {
            b' ' | b'\t' | b'\r' | b'\x0c' => {
                i += 1;
                continue;
            }
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 2;
                continue;
            }
            b'\n' => {
                i += 1;
                if depth > 0 {
                    continue;
                }
                Kind::Newline
            }
            b'#' => {
                i = source[i..].find('\n').map_or(bytes.len(), |n| i + n);
                Kind::Comment
            }
            b'"' | b'\'' => {
                i = string_end(source, i);
                Kind::Str
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
                {
                    i += 1;
                }
                let word = &source[start..i];
                let prefixed = word.len() <= 2 && word.chars().all(|c| "rRbBuUfF".contains(c));
                if prefixed && matches!(bytes.get(i), Some(b'"' | b'\'')) {
                    i = string_end(source, i);
                    Kind::Str
                } else {
                    Kind::Name
                }
            }
            c if c.is_ascii_digit() => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.' || bytes[i] == b'_')
                {
                    i += 1;
                }
                Kind::Other
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                i += 2;
                Kind::Op
            }
            _ => {
                match c {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                i += source[i..].chars().next().map_or(1, char::len_utf8);
                Kind::Op
            }
        };
        tokens.push(Token {
            kind,
            start,
            end: i,
            depth,
        });
    }
    tokens
}

/// Where the string literal whose opening quote is at `open` ends (after its closing
/// quote, or at the end of the program).
fn string_end(source: &str, open: usize) -> usize {
    let bytes = source.as_bytes();
    let quote = bytes[open];
    let triple = bytes.get(open + 1) == Some(&quote) && bytes.get(open + 2) == Some(&quote);
    let mut i = open + if triple { 3 } else { 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if !triple => return i,
            c if c == quote && !triple => return i + 1,
            c if c == quote
                && bytes.get(i + 1) == Some(&quote)
                && bytes.get(i + 2) == Some(&quote) =>
            {
                return i + 3;
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The text of a token.
pub fn text<'a>(source: &'a str, token: &Token) -> &'a str {
    &source[token.start..token.end]
}
