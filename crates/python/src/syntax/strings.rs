//! Literals: numbers, and string tokens decoded and joined as CPython's
//! `Parser/string_parser.c` joins them (`_PyPegen_concatenate_strings`).

use super::SyntaxErrorKind;
use super::ast::{Constant, Expr, ExprKind, Span};
use super::fstring;
use super::lexer::Token;
use super::parser::{PResult, Parser};

/// The value of a NUMBER token (already checked by the tokenizer).
pub(super) fn number(text: &str) -> Constant {
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    let lower = digits.to_ascii_lowercase();
    if let Some(mantissa) = lower.strip_suffix('j') {
        return Constant::Imaginary(mantissa.parse().unwrap_or(0.0));
    }
    let radix = match lower.get(..2) {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 10,
    };
    if radix != 10 {
        return Constant::Int(to_decimal(&lower[2..], radix));
    }
    if lower.contains(['.', 'e']) {
        return Constant::Float(lower.parse().unwrap_or(0.0));
    }
    let trimmed = lower.trim_start_matches('0');
    Constant::Int(if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    })
}

/// The decimal digits of an integer written in base `radix`, of any size.
fn to_decimal(digits: &str, radix: u32) -> String {
    // Little-endian limbs of nine decimal digits each.
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let mut carry = u64::from(c.to_digit(radix).unwrap_or(0));
        for limb in &mut limbs {
            let value = *limb * u64::from(radix) + carry;
            *limb = value % BASE;
            carry = value / BASE;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    let mut out = limbs.last().map_or_else(String::new, |l| l.to_string());
    for limb in limbs.iter().rev().skip(1) {
        out.push_str(&format!("{limb:09}"));
    }
    out
}

/// A string token split into its parts.
pub(super) struct StringToken<'a> {
    pub bytes: bool,
    pub raw: bool,
    pub fstring: bool,
    /// The text between the quotes.
    pub body: &'a str,
    /// Where `body` starts within the token's text.
    pub body_offset: usize,
}

pub(super) fn split_token(text: &str) -> StringToken<'_> {
    let prefix_len = text.find(['\'', '"']).unwrap_or(0);
    let prefix = text[..prefix_len].to_ascii_lowercase();
    let rest = &text[prefix_len..];
    let quote = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body_end = rest.len().saturating_sub(quote).max(quote);
    StringToken {
        bytes: prefix.contains('b'),
        raw: prefix.contains('r'),
        fstring: prefix.contains('f'),
        body: &rest[quote..body_end],
        body_offset: prefix_len + quote,
    }
}

/// Joins adjacent string tokens into one constant, or a `JoinedStr` if any of them
/// is an f-string.
pub(super) fn concatenate(p: &mut Parser<'_>, parts: &[Token]) -> PResult<Expr> {
    let first = parts[0];
    let last = parts[parts.len() - 1];
    let span = Span {
        line: first.line,
        col: first.col,
        end_line: last.end_line,
        end_col: last.end_col,
    };
    let mut bytes_mode = false;
    let mut bytes = Vec::new();
    let mut joined = Joined::default();
    for (i, tok) in parts.iter().enumerate() {
        let text = p.token_text(tok);
        let token = split_token(text);
        if token.bytes
            && let Some(error) = bytes_literal(token.body, token.raw, &mut bytes)
        {
            return Err(match error {
                BytesError::NonAscii => p.error_at_token(
                    tok,
                    "bytes can only contain ASCII literal characters".to_string(),
                ),
                BytesError::Escape(msg) => p.error_here(SyntaxErrorKind::SyntaxError, msg),
            });
        }
        if i != 0 && bytes_mode != token.bytes {
            return Err(p.error_here(
                SyntaxErrorKind::SyntaxError,
                "cannot mix bytes and nonbytes literals",
            ));
        }
        bytes_mode = token.bytes;
        if token.bytes {
            continue;
        }
        if token.fstring {
            joined.fmode = true;
            fstring::concat(p, tok, &token, &mut joined, span)?;
        } else if token.raw {
            joined.last_str.push_str(token.body);
        } else {
            let decoded = decode_escapes(token.body)
                .map_err(|msg| p.error_here(SyntaxErrorKind::SyntaxError, msg))?;
            joined.last_str.push_str(&decoded);
        }
    }
    if bytes_mode {
        return Ok(Expr {
            kind: ExprKind::Constant(Constant::Bytes(bytes)),
            span,
        });
    }
    Ok(joined.finish(span, span))
}

/// CPython's `FstringParser`: literal text gathered until a value comes.
#[derive(Default)]
pub(super) struct Joined {
    pub fmode: bool,
    pub last_str: String,
    pub values: Vec<Expr>,
}

impl Joined {
    /// Adds a `FormattedValue`, after the text gathered before it.
    pub(super) fn push_value(&mut self, value: Expr, text_span: Span) {
        self.flush(text_span);
        self.values.push(value);
    }

    fn flush(&mut self, span: Span) {
        if !self.last_str.is_empty() {
            let text = std::mem::take(&mut self.last_str);
            self.values.push(Expr {
                kind: ExprKind::Constant(Constant::Str(text)),
                span,
            });
        }
    }

    /// The finished node: a plain constant unless an f-string took part.
    pub(super) fn finish(mut self, text_span: Span, span: Span) -> Expr {
        if !self.fmode {
            return Expr {
                kind: ExprKind::Constant(Constant::Str(self.last_str)),
                span: text_span,
            };
        }
        self.flush(text_span);
        Expr {
            kind: ExprKind::JoinedStr(self.values),
            span,
        }
    }
}

enum BytesError {
    NonAscii,
    Escape(String),
}

/// Decodes a bytes literal's body onto `out`.
fn bytes_literal(body: &str, raw: bool, out: &mut Vec<u8>) -> Option<BytesError> {
    if !body.is_ascii() {
        return Some(BytesError::NonAscii);
    }
    let b = body.as_bytes();
    if raw {
        out.extend_from_slice(b);
        return None;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c != b'\\' || i >= b.len() {
            out.push(c);
            continue;
        }
        let e = b[i];
        i += 1;
        match e {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut value = u32::from(e - b'0');
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(value as u8);
            }
            b'x' => {
                let hex = b.get(i..i + 2).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(value)
                        if hex.is_some_and(|h| h.bytes().all(|d| d.is_ascii_hexdigit())) =>
                    {
                        out.push(value);
                        i += 2;
                    }
                    _ => {
                        return Some(BytesError::Escape(format!(
                            "(value error) invalid \\x escape at position {}",
                            i - 2
                        )));
                    }
                }
            }
            _ => {
                out.push(b'\\');
                out.push(e);
            }
        }
    }
    None
}

/// Decodes the escapes of a str literal (or of an f-string's literal text), as
/// CPython's `decode_unicode_with_escapes`; unknown escapes keep their backslash.
/// Errors are the `(unicode error)` messages, whose positions count each non-ASCII
/// character as the ten bytes of the `\UXXXXXXXX` CPython turns it into first.
pub(super) fn decode_escapes(body: &str) -> Result<String, String> {
    if !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let chars: Vec<char> = body.chars().collect();
    // Position of each character in CPython's transformed buffer.
    let mut positions = Vec::with_capacity(chars.len() + 1);
    let mut at: usize = 0;
    for (i, &c) in chars.iter().enumerate() {
        positions.push(at);
        at += if c.is_ascii() {
            1
        } else if i > 0 && chars[i - 1] == '\\' {
            15
        } else {
            10
        };
    }
    positions.push(at);
    let error = |start: usize, end: usize, what: &str| {
        format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {what}",
            positions[start],
            positions[end].saturating_sub(1)
        )
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' || i + 1 >= chars.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let e = chars[i + 1];
        i += 2;
        match e {
            '\n' => {}
            '\\' | '\'' | '"' => out.push(e),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match chars.get(i) {
                        Some(&d @ '0'..='7') => {
                            value = value * 8 + (d as u32 - '0' as u32);
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let (len, what) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut value: u32 = 0;
                let mut n = 0;
                while n < len {
                    match chars.get(i).and_then(|d| d.to_digit(16)) {
                        Some(d) => {
                            value = value * 16 + d;
                            i += 1;
                            n += 1;
                        }
                        None => break,
                    }
                }
                if n < len {
                    return Err(error(start, i, what));
                }
                match char::from_u32(value) {
                    Some(ch) => out.push(ch),
                    None if value < 0x110000 => out.push('\u{fffd}'),
                    None => return Err(error(start, i, "illegal Unicode character")),
                }
            }
            'N' => {
                // No table of Unicode character names is built in.
                if chars.get(i) != Some(&'{') {
                    return Err(error(start, i, "malformed \\N character escape"));
                }
                match chars[i..].iter().position(|&ch| ch == '}') {
                    Some(close) if close > 1 => {
                        return Err(error(
                            start,
                            i + close + 1,
                            "unknown Unicode character name",
                        ));
                    }
                    _ => return Err(error(start, chars.len(), "malformed \\N character escape")),
                }
            }
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    Ok(out)
}
