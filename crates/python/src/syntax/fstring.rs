//! F-strings, as CPython 3.11 parses them (`Parser/string_parser.c`): the tokenizer
//! hands over the whole string; its `{expression!conversion:format_spec}` fields are
//! found here, and each expression is parsed on its own, as `(expression)`.

use super::SyntaxErrorKind;
use super::ast::{Expr, ExprKind, Span};
use super::lexer::Token;
use super::parser::{PResult, Parser};
use super::strings::{Joined, StringToken, decode_escapes};

/// How deep brackets may nest inside one expression field, CPython's `MAXLEVEL`.
const MAX_LEVEL: usize = 200;

/// One f-string token's text and where its fields' expressions are.
struct Fstring<'t> {
    tok: Token,
    /// The token's whole text, prefix and quotes included.
    text: &'t str,
    body_offset: usize,
    raw: bool,
    /// From the first to the last string token of the concatenation.
    span: Span,
}

/// Parses the f-string token `tok` onto `joined` (its literal text and its values).
pub(super) fn concat(
    p: &mut Parser<'_>,
    tok: &Token,
    token: &StringToken<'_>,
    joined: &mut Joined,
    span: Span,
) -> PResult<()> {
    let text = p.token_text(tok);
    let f = Fstring {
        tok: *tok,
        text,
        body_offset: token.body_offset,
        raw: token.raw,
        span,
    };
    let body = token.body.as_bytes();
    let mut at = 0;
    concat_fields(p, &f, body, &mut at, 0, joined)
}

/// CPython's `_PyPegen_FstringParser_ConcatFstring`: literal text and fields up to the
/// end of the string, or up to the `}` that ends a format spec.
fn concat_fields(
    p: &mut Parser<'_>,
    f: &Fstring<'_>,
    body: &[u8],
    at: &mut usize,
    level: u32,
    joined: &mut Joined,
) -> PResult<()> {
    joined.fmode = true;
    loop {
        let doubled = find_literal(p, f, body, at, level, joined)?;
        if doubled {
            continue;
        }
        if *at >= body.len() || body[*at] == b'}' {
            break;
        }
        let value = find_expression(p, f, body, at, level, joined)?;
        joined.push_value(value, f.span);
    }
    if level != 0 && (*at >= body.len() || body[*at] != b'}') {
        return Err(p.error_here(SyntaxErrorKind::SyntaxError, "f-string: expecting '}'"));
    }
    Ok(())
}

/// CPython's `fstring_find_literal`: literal text up to a `{` or `}`; returns true
/// after a doubled brace, whose first half ends the text.
fn find_literal(
    p: &mut Parser<'_>,
    f: &Fstring<'_>,
    body: &[u8],
    at: &mut usize,
    level: u32,
    joined: &mut Joined,
) -> PResult<bool> {
    let start = *at;
    let mut s = *at;
    let mut doubled = false;
    while s < body.len() {
        let mut ch = body[s];
        s += 1;
        if !f.raw && ch == b'\\' && s < body.len() {
            ch = body[s];
            s += 1;
            if ch == b'N' {
                // `\N{name}`: its braces are no field.
                if s < body.len() {
                    s += 1;
                    if body[s - 1] == b'{' {
                        while s < body.len() {
                            s += 1;
                            if body[s - 1] == b'}' {
                                break;
                            }
                        }
                    }
                }
                continue;
            }
        }
        if ch == b'{' || ch == b'}' {
            if level == 0 {
                if s < body.len() && body[s] == ch {
                    *at = s + 1;
                    doubled = true;
                    break;
                }
                if ch == b'}' {
                    return Err(p.error_here(
                        SyntaxErrorKind::SyntaxError,
                        "f-string: single '}' is not allowed",
                    ));
                }
            }
            s -= 1;
            break;
        }
    }
    let end = if doubled { s } else { s.min(body.len()) };
    if !doubled {
        *at = end;
    }
    if end > start {
        let text = std::str::from_utf8(&body[start..end]).unwrap_or("");
        if f.raw {
            joined.last_str.push_str(text);
        } else {
            let decoded = decode_escapes(text)
                .map_err(|msg| p.error_here(SyntaxErrorKind::SyntaxError, msg))?;
            joined.last_str.push_str(&decoded);
        }
    }
    Ok(doubled)
}

/// CPython's `fstring_find_expr`: one `{...}` field, from its `{`.
fn find_expression(
    p: &mut Parser<'_>,
    f: &Fstring<'_>,
    body: &[u8],
    at: &mut usize,
    level: u32,
    joined: &mut Joined,
) -> PResult<Expr> {
    if level >= 2 {
        return Err(p.error_here(
            SyntaxErrorKind::SyntaxError,
            "f-string: expressions nested too deeply",
        ));
    }
    let brace = *at;
    *at += 1;
    let expr_start = *at;
    let mut quote: u8 = 0;
    let mut triple = false;
    let mut brackets: Vec<u8> = Vec::new();
    while *at < body.len() {
        let ch = body[*at];
        if ch == b'\\' {
            return Err(p.error_here(
                SyntaxErrorKind::SyntaxError,
                "f-string expression part cannot include a backslash",
            ));
        }
        if quote != 0 {
            if ch == quote {
                if triple {
                    if *at + 2 < body.len() && body[*at + 1] == ch && body[*at + 2] == ch {
                        *at += 3;
                        quote = 0;
                        continue;
                    }
                } else {
                    quote = 0;
                }
            }
            *at += 1;
            continue;
        }
        match ch {
            b'\'' | b'"' => {
                triple = *at + 2 < body.len() && body[*at + 1] == ch && body[*at + 2] == ch;
                if triple {
                    *at += 2;
                }
                quote = ch;
            }
            b'[' | b'{' | b'(' => {
                if brackets.len() >= MAX_LEVEL {
                    return Err(p.error_here(
                        SyntaxErrorKind::SyntaxError,
                        "f-string: too many nested parenthesis",
                    ));
                }
                brackets.push(ch);
            }
            b'#' => {
                return Err(p.error_here(
                    SyntaxErrorKind::SyntaxError,
                    "f-string expression part cannot include '#'",
                ));
            }
            b'!' | b':' | b'}' | b'=' | b'>' | b'<' if brackets.is_empty() => {
                let next = body.get(*at + 1).copied().unwrap_or(0);
                if next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                    *at += 2;
                    continue;
                }
                if ch != b'>' && ch != b'<' {
                    break;
                }
            }
            b']' | b'}' | b')' => {
                let Some(open) = brackets.pop() else {
                    return Err(p.error_here(
                        SyntaxErrorKind::SyntaxError,
                        format!("f-string: unmatched '{}'", ch as char),
                    ));
                };
                let expected = match open {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if ch != expected {
                    return Err(p.error_here(
                        SyntaxErrorKind::SyntaxError,
                        format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        ),
                    ));
                }
            }
            _ => {}
        }
        *at += 1;
    }
    let expr_end = *at;
    if quote != 0 {
        return Err(p.error_here(
            SyntaxErrorKind::SyntaxError,
            "f-string: unterminated string",
        ));
    }
    if let Some(&open) = brackets.last() {
        return Err(p.error_here(
            SyntaxErrorKind::SyntaxError,
            format!("f-string: unmatched '{}'", open as char),
        ));
    }
    if *at >= body.len() {
        return Err(expecting_brace(p));
    }
    let expr_text = std::str::from_utf8(&body[expr_start..expr_end]).unwrap_or("");
    if expr_text
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c'))
    {
        let next = body[expr_end];
        let msg = if matches!(next, b'!' | b':' | b'=') {
            format!("f-string: expression required before '{}'", next as char)
        } else {
            "f-string: empty expression not allowed".to_string()
        };
        return Err(p.error_here(SyntaxErrorKind::SyntaxError, msg));
    }
    let value = compile_expression(p, f, f.body_offset + brace, expr_text)?;
    // `{x=}`: the text of the expression, then its repr unless a conversion or a
    // format spec is given.
    let mut debug = false;
    if body[*at] == b'=' {
        *at += 1;
        while *at < body.len() && body[*at].is_ascii_whitespace() {
            *at += 1;
        }
        if *at >= body.len() {
            return Err(expecting_brace(p));
        }
        joined
            .last_str
            .push_str(std::str::from_utf8(&body[expr_start..*at]).unwrap_or(""));
        debug = true;
    }
    let mut conversion = None;
    if body[*at] == b'!' {
        *at += 1;
        if *at >= body.len() {
            return Err(expecting_brace(p));
        }
        let c = body[*at];
        *at += 1;
        if !matches!(c, b's' | b'r' | b'a') {
            return Err(p.error_here(
                SyntaxErrorKind::SyntaxError,
                "f-string: invalid conversion character: expected 's', 'r', or 'a'",
            ));
        }
        conversion = Some(c as char);
    }
    let mut format_spec = None;
    if *at < body.len() && body[*at] == b':' {
        *at += 1;
        if *at >= body.len() {
            return Err(expecting_brace(p));
        }
        let mut spec = Joined::default();
        concat_fields(p, f, body, at, level + 1, &mut spec)?;
        let tok_span = Span {
            line: f.tok.line,
            col: f.tok.col,
            end_line: f.tok.end_line,
            end_col: f.tok.end_col,
        };
        format_spec = Some(Box::new(spec.finish(tok_span, tok_span)));
    }
    if *at >= body.len() || body[*at] != b'}' {
        return Err(expecting_brace(p));
    }
    *at += 1;
    if debug && format_spec.is_none() && conversion.is_none() {
        conversion = Some('r');
    }
    Ok(Expr {
        kind: ExprKind::FormattedValue {
            value: Box::new(value),
            conversion,
            format_spec,
        },
        span: f.span,
    })
}

fn expecting_brace(p: &Parser<'_>) -> super::parser::Fail {
    p.error_here(SyntaxErrorKind::SyntaxError, "f-string: expecting '}'")
}

/// CPython's `fstring_compile_expr` and `fstring_find_expr_location`: parses the
/// field's expression as `(expression)`, placed where the field is in the file.
/// `brace` is the offset of the field's `{` in the token's text.
fn compile_expression(
    p: &mut Parser<'_>,
    f: &Fstring<'_>,
    brace: usize,
    expr: &str,
) -> PResult<Expr> {
    let before = &f.text[..brace];
    let lines = before.bytes().filter(|&b| b == b'\n').count() as u32;
    let after = &f.text[brace + 1..];
    let newline_after_brace = after
        .bytes()
        .take_while(|&b| b != b'}' && b != b'\n')
        .all(|b| matches!(b, b' ' | b'\t' | b'\x0c'));
    let cols = if newline_after_brace {
        0
    } else {
        match before.rfind('\n') {
            Some(nl) => (brace - nl - 1) as u32,
            None => brace as u32,
        }
    };
    let source = format!("({expr})");
    // Only a field on the string's first line is shifted by the string's column.
    let col = if lines == 0 { f.tok.col + cols } else { cols };
    p.parse_fstring_expression(&source, f.tok.line + lines, col)
}
