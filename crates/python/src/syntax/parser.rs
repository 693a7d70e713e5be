//! The recursive-descent parser: tokens to the [`ast`], with CPython 3.11's syntax
//! errors.
//!
//! It follows CPython's two passes (`Parser/pegen.c`, `_PyPegen_run_parser`): the
//! first pass parses with the grammar alone; if it fails, a second pass parses again
//! with the `invalid_*` rules of `Grammar/python.gram` switched on, which look for the
//! common mistakes and raise their specific messages. If the second pass finds none,
//! the error is a plain `invalid syntax` at the furthest token the first pass looked
//! at. Instead of CPython's memoised backtracking, the parser looks ahead on tokens;
//! the second pass alone backtracks, to try the `invalid_*` rules.

use std::collections::HashMap;

use super::ast::*;
use super::lexer::{self, Stop, Tok, Token, Tokens};
use super::{SyntaxError, SyntaxErrorKind};

mod expressions;

/// A whole file, as `python3 file.py` compiles it.
pub fn parse_module(source: &str) -> Result<Module, SyntaxError> {
    let src = lexer::normalize(source);
    parse_tokens(&src, false)
}

/// One interactive input: what python3's `>>>` prompt has read so far, possibly
/// several lines. An error with `incomplete` set tells the prompt to read a `... `
/// continuation line; a compound statement ends only at an empty line, as at the
/// prompt. An empty line alone gives a `pass`, as CPython's `interactive` rule does.
pub fn parse_interactive(source: &str) -> Result<Module, SyntaxError> {
    let src = lexer::normalize(source);
    parse_tokens(&src, true)
}

fn parse_tokens(src: &str, interactive: bool) -> Result<Module, SyntaxError> {
    let tokens = lexer::tokenize(src, interactive);
    run_passes(src, &tokens, interactive, None, |p| p.run())
}

/// CPython's `_PyPegen_run_parser`: a first pass, then, if it fails, a second pass
/// with the `invalid_*` rules to find the error's message.
fn run_passes<T>(
    src: &str,
    tokens: &Tokens,
    interactive: bool,
    sub: Option<SubSource>,
    rule: impl Fn(&mut Parser<'_>) -> PResult<T>,
) -> Result<T, SyntaxError> {
    let mut first = Parser::new(
        src,
        &tokens.tokens,
        tokens.stop.as_ref(),
        interactive,
        false,
    );
    first.sub = sub;
    let result = rule(&mut first);
    if first.hit_incomplete {
        return Err(incomplete_error(&tokens.tokens));
    }
    let mut furthest = first.furthest;
    let raised = match result {
        Ok(module) => return Ok(module),
        Err(Fail::Error(error)) => *error,
        Err(Fail::NoMatch) => {
            let last = first.furthest;
            let mut second =
                Parser::new(src, &tokens.tokens, tokens.stop.as_ref(), interactive, true);
            second.sub = sub;
            second.furthest = last;
            let result = rule(&mut second);
            furthest = second.furthest;
            match result {
                Err(Fail::Error(error)) => *error,
                _ => first.generic_error(last),
            }
        }
    };
    if let Some(Stop::Error(error)) = &tokens.stop {
        // As `_PyPegen_tokenize_full_source_to_check_for_errors`: an error of the
        // tokenizer anywhere in a file wins over the parser's.
        let indentation = raised.kind == SyntaxErrorKind::IndentationError
            && matches!(
                raised.msg.as_str(),
                "unexpected indent" | "unexpected unindent"
            );
        if !interactive && !indentation {
            return Err(error.clone());
        }
    }
    if let Some(Stop::EofInBrackets { bracket, line, col }) = tokens.stop {
        let error_line = tokens.tokens[furthest.min(tokens.tokens.len() - 1)].line;
        if !interactive && error_line > line && !raised.msg.ends_with("was never closed") {
            return Err(never_closed(bracket, line, col));
        }
    }
    Err(raised)
}

fn incomplete_error(tokens: &[Token]) -> SyntaxError {
    let last = tokens.last().copied().unwrap_or(Token {
        kind: Tok::Error,
        start: 0,
        end: 0,
        line: 1,
        col: 0,
        end_line: 1,
        end_col: 0,
        level: 0,
    });
    SyntaxError {
        kind: SyntaxErrorKind::SyntaxError,
        msg: "incomplete input".to_string(),
        line: last.line,
        col: last.col,
        end_line: last.line,
        end_col: last.col,
        incomplete: true,
        text: None,
    }
}

fn never_closed(bracket: u8, line: u32, col: u32) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::SyntaxError,
        msg: format!("'{}' was never closed", bracket as char),
        line,
        col,
        end_line: line,
        end_col: col,
        incomplete: false,
        text: None,
    }
}

/// Why a rule did not produce its node.
#[derive(Clone, Debug)]
pub(super) enum Fail {
    /// The tokens do not fit the rule; the caller reports `invalid syntax`.
    NoMatch,
    /// A syntax error with its own message, which ends the parse.
    Error(Box<SyntaxError>),
}

pub(super) type PResult<T> = Result<T, Fail>;

/// How deep expressions may nest before the parser gives up, so that no input can
/// overflow the stack (CPython's parser has the same kind of limit, `MAXSTACK`).
pub(super) const MAX_DEPTH: u32 = 300;

/// Which targets a check is for (CPython's `TARGETS_TYPE`): they differ in what they
/// accept and in the words of the error.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Targets {
    Star,
    Del,
    For,
}

/// Where an f-string's expression sits in the file, so that its nodes get file
/// positions: CPython parses the expression alone, as `(expression)`, and shifts
/// what is on its first line by `col`.
#[derive(Clone, Copy)]
pub(super) struct SubSource {
    pub line: u32,
    pub col: u32,
}

pub(super) struct Parser<'a> {
    src: &'a str,
    toks: &'a [Token],
    stop: Option<&'a Stop>,
    pos: usize,
    /// The furthest token looked at, where `invalid syntax` points.
    furthest: usize,
    /// Try the `invalid_*` rules (in the second pass, except while looking ahead).
    call_invalid: bool,
    second_pass: bool,
    interactive: bool,
    depth: u32,
    hit_incomplete: bool,
    /// Second pass only: `disjunction` results by start token, as CPython memoises
    /// them, so trying the `invalid_*` rules stays linear.
    memo: HashMap<usize, (PResult<Expr>, usize)>,
    /// Set when parsing an f-string's expression.
    pub(super) sub: Option<SubSource>,
}

type Pos = (u32, u32);

impl<'a> Parser<'a> {
    pub(super) fn new(
        src: &'a str,
        toks: &'a [Token],
        stop: Option<&'a Stop>,
        interactive: bool,
        call_invalid: bool,
    ) -> Self {
        Parser {
            src,
            toks,
            stop,
            pos: 0,
            furthest: 0,
            call_invalid,
            second_pass: call_invalid,
            interactive,
            depth: 0,
            hit_incomplete: false,
            memo: HashMap::new(),
            sub: None,
        }
    }

    /// Parses the f-string field expression `source` (`(expression)`), whose first
    /// line sits at `line` and is shifted right by `col`.
    pub(super) fn parse_fstring_expression(
        &mut self,
        source: &str,
        line: u32,
        col: u32,
    ) -> PResult<Expr> {
        let mut tokens = lexer::tokenize(source, false);
        for tok in &mut tokens.tokens {
            if tok.end_line == 1 {
                tok.col += col;
                tok.end_col += col;
            }
            tok.line += line - 1;
            tok.end_line += line - 1;
        }
        if let Some(Stop::Error(error)) = &mut tokens.stop {
            error.line += line - 1;
            error.end_line += line - 1;
            error.text = Some(source.to_string());
        }
        let sub = SubSource { line, col };
        run_passes(source, &tokens, false, Some(sub), |p| p.star_expressions())
            .map_err(|e| Fail::Error(Box::new(e)))
    }

    /// The source text of a token.
    pub(super) fn token_text(&self, tok: &Token) -> &'a str {
        self.text(tok)
    }

    fn run(&mut self) -> PResult<Module> {
        let body = if self.interactive {
            self.interactive_input()?
        } else {
            let body = self.statements()?;
            if self.peek() != Tok::EndMarker {
                return Err(Fail::NoMatch);
            }
            body
        };
        Ok(Module { body })
    }

    // ----- Tokens -----

    fn tok_at(&mut self, index: usize) -> Token {
        let index = index.min(self.toks.len().saturating_sub(1));
        if index > self.furthest {
            self.furthest = index;
        }
        let tok = self.toks[index];
        if tok.kind == Tok::Error
            && !self.second_pass
            && matches!(self.stop, Some(Stop::Incomplete))
        {
            self.hit_incomplete = true;
        }
        tok
    }

    fn peek(&mut self) -> Tok {
        self.tok_at(self.pos).kind
    }

    fn peek_tok(&mut self) -> Token {
        self.tok_at(self.pos)
    }

    fn peek_nth(&mut self, n: usize) -> Tok {
        if self.toks[self.pos.min(self.toks.len() - 1)].kind == Tok::Error {
            return Tok::Error;
        }
        let mut i = self.pos;
        for _ in 0..n {
            if self.toks[i.min(self.toks.len() - 1)].kind == Tok::Error {
                return Tok::Error;
            }
            i += 1;
        }
        self.tok_at(i).kind
    }

    fn bump(&mut self) -> Token {
        let tok = self.peek_tok();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        tok
    }

    fn eat(&mut self, kind: Tok) -> bool {
        if self.peek() == kind {
            self.bump();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, kind: Tok) -> PResult<Token> {
        if self.peek() == kind {
            Ok(self.bump())
        } else {
            Err(Fail::NoMatch)
        }
    }

    /// CPython's `&&'x'`: a token that must come, or `expected 'x'` there.
    fn expect_forced(&mut self, kind: Tok, text: &str) -> PResult<Token> {
        if self.peek() == kind {
            return Ok(self.bump());
        }
        let tok = self.peek_tok();
        Err(self.error_at_token(&tok, format!("expected '{text}'")))
    }

    fn text(&self, tok: &Token) -> &'a str {
        &self.src[tok.start as usize..tok.end as usize]
    }

    fn start(&mut self) -> Pos {
        let tok = self.peek_tok();
        (tok.line, tok.col)
    }

    /// The span from `start` to the end of the last token taken, not counting
    /// NEWLINE, INDENT and DEDENT (CPython's `_PyPegen_get_last_nonnwhitespace_token`).
    fn span_from(&self, start: Pos) -> Span {
        let mut i = self.pos.saturating_sub(1);
        while i > 0
            && matches!(
                self.toks[i].kind,
                Tok::Newline | Tok::Indent | Tok::Dedent | Tok::EndMarker
            )
        {
            i -= 1;
        }
        let last = self.toks[i];
        Span {
            line: start.0,
            col: start.1,
            end_line: last.end_line,
            end_col: last.end_col,
        }
    }

    fn token_span(tok: &Token) -> Span {
        Span {
            line: tok.line,
            col: tok.col,
            end_line: tok.end_line,
            end_col: tok.end_col,
        }
    }

    fn name(&mut self) -> PResult<(String, Span)> {
        let tok = self.expect(Tok::Name)?;
        Ok((self.text(&tok).to_string(), Self::token_span(&tok)))
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let tok = self.peek_tok();
            return Err(self.error_at_token(&tok, "too many nested parentheses".to_string()));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ----- Errors -----

    fn error(&self, kind: SyntaxErrorKind, span: Span, msg: String) -> Fail {
        let (mut line, mut col, mut end_line, mut end_col) =
            (span.line, span.col, span.end_line, span.end_col);
        let mut msg = msg;
        let mut text = None;
        if let Some(sub) = self.sub {
            // CPython reports an f-string expression's error in the expression's own
            // text, `(expression)`.
            msg = format!("f-string: {msg}");
            if line == sub.line {
                col = col.saturating_sub(sub.col);
            }
            if end_line == sub.line {
                end_col = end_col.saturating_sub(sub.col);
            }
            text = Some(self.src.to_string());
            line = line.max(sub.line);
            end_line = end_line.max(line);
        }
        Fail::Error(Box::new(SyntaxError {
            kind,
            msg,
            line,
            col,
            end_line,
            end_col,
            incomplete: false,
            text,
        }))
    }

    /// RAISE_SYNTAX_ERROR_KNOWN_LOCATION on a token.
    pub(super) fn error_at_token(&self, tok: &Token, msg: String) -> Fail {
        let mut span = Self::token_span(tok);
        if matches!(tok.kind, Tok::Indent | Tok::Dedent) {
            // CPython gives these tokens no column: no caret is printed.
            span.col = 0;
            span.end_col = 0;
        }
        self.error(SyntaxErrorKind::SyntaxError, span, msg)
    }

    /// RAISE_SYNTAX_ERROR_KNOWN_LOCATION on a node.
    fn error_at(&self, span: Span, msg: impl Into<String>) -> Fail {
        self.error(SyntaxErrorKind::SyntaxError, span, msg.into())
    }

    /// RAISE_SYNTAX_ERROR_KNOWN_RANGE: from the start of `a` to the end of `b`.
    fn error_range(&self, a: Span, b: Span, msg: impl Into<String>) -> Fail {
        self.error(SyntaxErrorKind::SyntaxError, a.to(b), msg.into())
    }

    /// RAISE_SYNTAX_ERROR_STARTING_FROM: from `a` to where the tokenizer stands.
    fn error_starting_from(&self, a: Span, msg: impl Into<String>) -> Fail {
        let last = self.toks[self.furthest];
        let span = Span {
            line: a.line,
            col: a.col,
            end_line: last.end_line,
            end_col: last.end_col.saturating_sub(1),
        };
        self.error(SyntaxErrorKind::SyntaxError, span, msg.into())
    }

    /// RAISE_SYNTAX_ERROR and RAISE_INDENTATION_ERROR: at the furthest token read,
    /// with one caret.
    pub(super) fn error_here(&self, kind: SyntaxErrorKind, msg: impl Into<String>) -> Fail {
        let tok = self.toks[self.furthest];
        let col = match tok.kind {
            Tok::Indent | Tok::Dedent | Tok::Error => self.line_end_col(&tok),
            _ => tok.col,
        };
        let span = Span {
            line: tok.line,
            col,
            end_line: tok.line,
            end_col: col,
        };
        self.error(kind, span, msg.into())
    }

    /// Where CPython's tokenizer stands after a token without a position of its own
    /// (INDENT, DEDENT, an error): the first character of the next token on its
    /// line, reported one column to the left.
    fn line_end_col(&self, tok: &Token) -> u32 {
        tok.col.saturating_sub(1)
    }

    fn generic_error(&self, last: usize) -> SyntaxError {
        let tok = self.toks[last];
        let fail = match tok.kind {
            Tok::Error => match self.stop {
                Some(Stop::EofInBrackets { bracket, line, col }) => {
                    return never_closed(*bracket, *line, *col);
                }
                Some(Stop::Error(error)) => return error.clone(),
                _ => self.error_at_token(&tok, "invalid syntax".to_string()),
            },
            Tok::Indent => {
                let mut p = self.error_here(SyntaxErrorKind::IndentationError, "unexpected indent");
                if let Fail::Error(e) = &mut p {
                    e.line = tok.line;
                    e.col = tok.col.saturating_sub(1);
                    e.end_col = e.col;
                }
                p
            }
            Tok::Dedent => {
                self.error_here(SyntaxErrorKind::IndentationError, "unexpected unindent")
            }
            _ => self.error_at_token(&tok, "invalid syntax".to_string()),
        };
        match fail {
            Fail::Error(error) => *error,
            Fail::NoMatch => unreachable_error(),
        }
    }

    // ----- Statements -----

    /// `statements`: up to a DEDENT or the end.
    fn statements(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::EndMarker | Tok::Dedent | Tok::Error => break,
                _ => self.statement(&mut body)?,
            }
        }
        Ok(body)
    }

    /// `interactive: statement_newline`.
    fn interactive_input(&mut self) -> PResult<Vec<Stmt>> {
        match self.peek() {
            Tok::Newline => {
                let tok = self.bump();
                Ok(vec![Stmt {
                    kind: StmtKind::Pass,
                    span: Self::token_span(&tok),
                }])
            }
            Tok::EndMarker => Ok(Vec::new()),
            kind if is_compound_start(kind) => {
                let mut body = Vec::new();
                self.statement(&mut body)?;
                self.expect(Tok::Newline)?;
                Ok(body)
            }
            _ => {
                let mut body = Vec::new();
                self.simple_stmts(&mut body)?;
                Ok(body)
            }
        }
    }

    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        if is_compound_start(self.peek()) {
            let stmt = self.compound_stmt()?;
            out.push(stmt);
            Ok(())
        } else {
            self.simple_stmts(out)
        }
    }

    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let stmt = self.simple_stmt()?;
            out.push(stmt);
            if !self.eat(Tok::Semi) {
                break;
            }
            if self.peek() == Tok::Newline {
                break;
            }
        }
        self.expect(Tok::Newline)?;
        Ok(())
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let kind = match self.peek() {
            Tok::Pass => {
                self.bump();
                StmtKind::Pass
            }
            Tok::Break => {
                self.bump();
                StmtKind::Break
            }
            Tok::Continue => {
                self.bump();
                StmtKind::Continue
            }
            Tok::Return => {
                self.bump();
                let value = if self.at_expression_start() {
                    Some(self.star_expressions()?)
                } else {
                    None
                };
                StmtKind::Return(value)
            }
            Tok::Raise => self.raise_stmt()?,
            Tok::Global | Tok::Nonlocal => {
                let global = self.bump().kind == Tok::Global;
                let mut names = vec![self.name()?.0];
                while self.eat(Tok::Comma) {
                    names.push(self.name()?.0);
                }
                if global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Tok::Del => self.del_stmt()?,
            Tok::Assert => {
                self.bump();
                let test = self.expression()?;
                let msg = if self.eat(Tok::Comma) {
                    Some(self.expression()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Tok::Import => self.import_name()?,
            Tok::From => self.import_from()?,
            _ => return self.expression_stmt(),
        };
        Ok(Stmt {
            kind,
            span: self.span_from(start),
        })
    }

    fn raise_stmt(&mut self) -> PResult<StmtKind> {
        self.bump();
        if !self.at_expression_start() {
            return Ok(StmtKind::Raise {
                exc: None,
                cause: None,
            });
        }
        let exc = self.expression()?;
        let cause = if self.eat(Tok::From) {
            Some(self.expression()?)
        } else {
            None
        };
        Ok(StmtKind::Raise {
            exc: Some(exc),
            cause,
        })
    }

    fn del_stmt(&mut self) -> PResult<StmtKind> {
        let save = self.pos;
        self.bump();
        let mut targets = Vec::new();
        let parsed = (|| -> PResult<()> {
            loop {
                let target = self.bitwise_or_or_star()?;
                targets.push(target);
                if !self.eat(Tok::Comma) || !self.at_expression_start() {
                    break;
                }
            }
            Ok(())
        })();
        let valid = parsed.is_ok()
            && matches!(self.peek(), Tok::Semi | Tok::Newline)
            && targets
                .iter()
                .all(|t| invalid_target(t, Targets::Del).is_none());
        if !valid {
            if self.call_invalid {
                // invalid_del_stmt: 'del' star_expressions
                self.pos = save + 1;
                let exprs = self.star_expressions()?;
                if let Some(bad) = invalid_target(&exprs, Targets::Del) {
                    return Err(
                        self.error_at(bad.span, format!("cannot delete {}", expr_name(bad)))
                    );
                }
            }
            parsed?;
            return Err(Fail::NoMatch);
        }
        for target in &mut targets {
            set_context(target, Ctx::Del);
        }
        Ok(StmtKind::Delete(targets))
    }

    fn import_name(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            let start = self.start();
            let name = self.dotted_name()?;
            let asname = if self.eat(Tok::As) {
                Some(self.name()?.0)
            } else {
                None
            };
            names.push(Alias {
                name,
                asname,
                span: self.span_from(start),
            });
            if !self.eat(Tok::Comma) {
                break;
            }
        }
        Ok(StmtKind::Import(names))
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.name()?.0;
        while self.peek() == Tok::Dot && self.peek_nth(1) == Tok::Name {
            self.bump();
            name.push('.');
            name.push_str(&self.name()?.0);
        }
        Ok(name)
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut level = 0;
        loop {
            match self.peek() {
                Tok::Dot => level += 1,
                Tok::Ellipsis => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if level == 0 || self.peek() == Tok::Name {
            Some(self.dotted_name()?)
        } else {
            None
        };
        self.expect(Tok::Import)?;
        let mut names = Vec::new();
        if self.peek() == Tok::Star {
            let tok = self.bump();
            names.push(Alias {
                name: "*".to_string(),
                asname: None,
                span: Self::token_span(&tok),
            });
            return Ok(StmtKind::ImportFrom {
                module,
                names,
                level,
            });
        }
        let parenthesized = self.eat(Tok::LPar);
        loop {
            let start = self.start();
            let name = self.name()?.0;
            let asname = if self.eat(Tok::As) {
                Some(self.name()?.0)
            } else {
                None
            };
            names.push(Alias {
                name,
                asname,
                span: self.span_from(start),
            });
            if !self.eat(Tok::Comma) {
                break;
            }
            if parenthesized && self.peek() == Tok::RPar {
                break;
            }
            if !parenthesized && self.peek() == Tok::Newline {
                if self.call_invalid {
                    return Err(self.error_here(
                        SyntaxErrorKind::SyntaxError,
                        "trailing comma not allowed without surrounding parentheses",
                    ));
                }
                return Err(Fail::NoMatch);
            }
        }
        if parenthesized {
            self.expect(Tok::RPar)?;
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    /// Assignments, augmented and annotated assignments, and expression statements.
    fn expression_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let stmt_pos = self.pos;
        if self.call_invalid {
            self.invalid_legacy_statement()?;
        }
        let first = if self.peek() == Tok::Yield {
            self.yield_expr()?
        } else {
            self.star_expressions()?
        };
        let kind = match self.peek() {
            Tok::Colon => {
                self.bump();
                let simple = matches!(first.kind, ExprKind::Name { .. })
                    && (first.span.line, first.span.col) == start;
                if !matches!(
                    first.kind,
                    ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                ) {
                    return Err(self.invalid_annotation(stmt_pos, &first));
                }
                let annotation = self.expression()?;
                let value = if self.eat(Tok::Equal) {
                    Some(self.annotated_rhs()?)
                } else {
                    None
                };
                let mut target = first;
                set_context(&mut target, Ctx::Store);
                StmtKind::AnnAssign {
                    target,
                    annotation,
                    value,
                    simple,
                }
            }
            Tok::Equal => {
                let mut targets = vec![first];
                let mut value;
                loop {
                    self.bump();
                    value = self.annotated_rhs()?;
                    if self.peek() != Tok::Equal {
                        break;
                    }
                    targets.push(value);
                }
                for target in &targets {
                    if invalid_target(target, Targets::Star).is_some() || is_yield(target) {
                        return Err(self.invalid_assignment(stmt_pos));
                    }
                }
                for target in &mut targets {
                    set_context(target, Ctx::Store);
                }
                StmtKind::Assign { targets, value }
            }
            kind => {
                if let Some(op) = augassign(kind) {
                    if !matches!(
                        first.kind,
                        ExprKind::Name { .. }
                            | ExprKind::Attribute { .. }
                            | ExprKind::Subscript { .. }
                    ) {
                        if self.call_invalid {
                            return Err(self.invalid_assignment(stmt_pos));
                        }
                        return Err(Fail::NoMatch);
                    }
                    self.bump();
                    let value = self.annotated_rhs()?;
                    let mut target = first;
                    set_context(&mut target, Ctx::Store);
                    StmtKind::AugAssign { target, op, value }
                } else {
                    StmtKind::Expr(first)
                }
            }
        };
        Ok(Stmt {
            kind,
            span: self.span_from(start),
        })
    }

    fn annotated_rhs(&mut self) -> PResult<Expr> {
        if self.peek() == Tok::Yield {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    #[inline(never)]
    fn invalid_annotation(&mut self, stmt_pos: usize, first: &Expr) -> Fail {
        if !self.call_invalid {
            return Fail::NoMatch;
        }
        match &first.kind {
            ExprKind::Tuple { .. }
                if (first.span.line, first.span.col) != self.token_start(stmt_pos) =>
            {
                // `a, b: int`: reported at the first element.
                let ExprKind::Tuple { elts, .. } = &first.kind else {
                    return Fail::NoMatch;
                };
                self.error_at(
                    elts[0].span,
                    "only single target (not tuple) can be annotated",
                )
            }
            ExprKind::Tuple { elts, .. } if !is_parenthesized_at(self.toks, stmt_pos) => self
                .error_at(
                    elts[0].span,
                    "only single target (not tuple) can be annotated",
                ),
            ExprKind::Tuple { .. } => self.error_at(
                first.span,
                "only single target (not tuple) can be annotated",
            ),
            ExprKind::List { .. } => {
                self.error_at(first.span, "only single target (not list) can be annotated")
            }
            _ => self.error_at(first.span, "illegal target for annotation"),
        }
    }

    fn token_start(&self, index: usize) -> Pos {
        let tok = self.toks[index];
        (tok.line, tok.col)
    }

    /// `invalid_assignment`, tried from the start of the statement.
    #[inline(never)]
    fn invalid_assignment(&mut self, stmt_pos: usize) -> Fail {
        if !self.call_invalid {
            return Fail::NoMatch;
        }
        self.pos = stmt_pos;
        // star_named_expression, which tries invalid_named_expression first.
        if let Err(fail @ Fail::Error(_)) = self.star_named_expression() {
            return fail;
        }
        self.pos = stmt_pos;
        // (star_targets '=')* then an expression before '=' or an augmented operator.
        loop {
            let here = self.pos;
            let bare_yield = self.peek() == Tok::Yield;
            let expr = if bare_yield {
                self.yield_expr()
            } else {
                self.star_expressions()
            };
            let expr = match expr {
                Ok(expr) => expr,
                Err(fail @ Fail::Error(_)) => return fail,
                Err(Fail::NoMatch) => return Fail::NoMatch,
            };
            let next = self.peek();
            if next == Tok::Equal {
                if bare_yield {
                    return self.error_at(expr.span, "assignment to yield expression not possible");
                }
                if let Some(bad) = invalid_target(&expr, Targets::Star) {
                    return self.error_at(bad.span, format!("cannot assign to {}", expr_name(bad)));
                }
                self.bump();
                continue;
            }
            if augassign(next).is_some() && here == stmt_pos {
                return self.error_at(
                    expr.span,
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        expr_name(&expr)
                    ),
                );
            }
            return Fail::NoMatch;
        }
    }

    /// `invalid_legacy_expression` at the start of a statement: `print x`,
    /// `exec "code"`.
    #[inline(never)]
    fn invalid_legacy_statement(&mut self) -> PResult<()> {
        let tok = self.peek_tok();
        if tok.kind != Tok::Name || !matches!(self.text(&tok), "print" | "exec") {
            return Ok(());
        }
        let next = self.peek_nth(1);
        if next == Tok::LPar || !can_start_expression(next) {
            return Ok(());
        }
        let save = self.pos;
        self.bump();
        let rest = self.quiet(Self::star_expressions);
        self.pos = save;
        if let Ok(rest) = rest {
            let name = self.text(&tok);
            return Err(self.error_range(
                Self::token_span(&tok),
                rest.span,
                format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
            ));
        }
        Ok(())
    }

    // ----- Compound statements -----

    fn compound_stmt(&mut self) -> PResult<Stmt> {
        match self.peek() {
            Tok::At => {
                let mut decorators = Vec::new();
                while self.peek() == Tok::At {
                    self.bump();
                    decorators.push(self.named_expression()?);
                    self.expect(Tok::Newline)?;
                }
                let mut stmt = match self.peek() {
                    Tok::Def => self.function_def()?,
                    Tok::Class => self.class_def()?,
                    _ => return Err(Fail::NoMatch),
                };
                match &mut stmt.kind {
                    StmtKind::FunctionDef(def) => def.decorators = decorators,
                    StmtKind::ClassDef(class) => class.decorators = decorators,
                    _ => {}
                }
                Ok(stmt)
            }
            Tok::Def => self.function_def(),
            Tok::Class => self.class_def(),
            Tok::If => self.if_stmt(),
            Tok::While => self.while_stmt(),
            Tok::For => self.for_stmt(),
            Tok::Try => self.try_stmt(),
            Tok::With => self.with_stmt(),
            _ => Err(Fail::NoMatch),
        }
    }

    /// `block`: an indented suite, or simple statements on the header's line.
    /// `after` names the statement for `expected an indented block after ...`.
    fn block(&mut self, after: Option<(&str, u32)>) -> PResult<Vec<Stmt>> {
        if self.peek() == Tok::Newline {
            if self.peek_nth(1) != Tok::Indent {
                if self.call_invalid {
                    self.bump();
                    self.peek();
                    let msg = match after {
                        Some((what, line)) => {
                            format!("expected an indented block after {what} on line {line}")
                        }
                        None => "expected an indented block".to_string(),
                    };
                    return Err(self.error_here(SyntaxErrorKind::IndentationError, msg));
                }
                return Err(Fail::NoMatch);
            }
            self.bump();
            self.bump();
            let body = self.statements()?;
            if body.is_empty() {
                return Err(Fail::NoMatch);
            }
            self.expect(Tok::Dedent)?;
            return Ok(body);
        }
        let mut body = Vec::new();
        self.simple_stmts(&mut body)?;
        Ok(body)
    }

    /// The `:` of a compound statement's header; the second pass reports a missing
    /// one where the line ends (`invalid_if_stmt` and its kin).
    fn header_colon(&mut self) -> PResult<()> {
        if self.eat(Tok::Colon) {
            return Ok(());
        }
        if self.call_invalid && self.peek() == Tok::Newline {
            return Err(self.error_here(SyntaxErrorKind::SyntaxError, "expected ':'"));
        }
        Err(Fail::NoMatch)
    }

    fn function_def(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let def = self.bump();
        let name = self.name()?.0;
        self.expect_forced(Tok::LPar, "(")?;
        let args = self.parameters(Tok::RPar)?;
        self.expect(Tok::RPar)?;
        let returns = if self.eat(Tok::RArrow) {
            Some(self.expression()?)
        } else {
            None
        };
        self.expect_forced(Tok::Colon, ":")?;
        let body = self.block(Some(("function definition", def.line)))?;
        Ok(Stmt {
            kind: StmtKind::FunctionDef(Box::new(FunctionDef {
                name,
                args,
                body,
                decorators: Vec::new(),
                returns,
            })),
            span: self.span_from(start),
        })
    }

    fn class_def(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let class = self.bump();
        let name = self.name()?.0;
        let (bases, keywords) = if self.eat(Tok::LPar) {
            let call = self.arguments()?;
            self.expect(Tok::RPar)?;
            call
        } else {
            (Vec::new(), Vec::new())
        };
        self.header_colon()?;
        let body = self.block(Some(("class definition", class.line)))?;
        Ok(Stmt {
            kind: StmtKind::ClassDef(Box::new(ClassDef {
                name,
                bases,
                keywords,
                body,
                decorators: Vec::new(),
            })),
            span: self.span_from(start),
        })
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let kw = self.bump();
        let what = if kw.kind == Tok::If {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        let test = self.named_expression()?;
        self.header_colon()?;
        let body = self.block(Some((what, kw.line)))?;
        let orelse = match self.peek() {
            Tok::Elif => vec![self.if_stmt()?],
            Tok::Else => self.else_block()?,
            _ => Vec::new(),
        };
        Ok(Stmt {
            kind: StmtKind::If { test, body, orelse },
            span: self.span_from(start),
        })
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        let kw = self.bump();
        self.expect_forced(Tok::Colon, ":")?;
        self.block(Some(("'else' statement", kw.line)))
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let kw = self.bump();
        let test = self.named_expression()?;
        self.header_colon()?;
        let body = self.block(Some(("'while' statement", kw.line)))?;
        let orelse = if self.peek() == Tok::Else {
            self.else_block()?
        } else {
            Vec::new()
        };
        Ok(Stmt {
            kind: StmtKind::While { test, body, orelse },
            span: self.span_from(start),
        })
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let kw = self.bump();
        let target = self.for_targets()?;
        self.expect(Tok::In)?;
        let iter = self.star_expressions()?;
        self.header_colon()?;
        let body = self.block(Some(("'for' statement", kw.line)))?;
        let orelse = if self.peek() == Tok::Else {
            self.else_block()?
        } else {
            Vec::new()
        };
        Ok(Stmt {
            kind: StmtKind::For {
                target,
                iter,
                body,
                orelse,
            },
            span: self.span_from(start),
        })
    }

    /// `star_targets` of a `for` (statement or comprehension), up to its `in`.
    fn for_targets(&mut self) -> PResult<Expr> {
        let save = self.pos;
        let start = self.start();
        let first = self.bitwise_or_or_star()?;
        let target = if self.peek() == Tok::Comma {
            let mut elts = vec![first];
            while self.eat(Tok::Comma) {
                if !self.at_expression_start() {
                    break;
                }
                elts.push(self.bitwise_or_or_star()?);
            }
            Expr {
                kind: ExprKind::Tuple {
                    elts,
                    ctx: Ctx::Store,
                },
                span: self.span_from(start),
            }
        } else {
            first
        };
        if invalid_target(&target, Targets::For).is_some() || self.peek() != Tok::In {
            if self.call_invalid {
                // invalid_for_target: 'for' star_expressions
                self.pos = save;
                let exprs = self.star_expressions()?;
                if let Some(bad) = invalid_target(&exprs, Targets::For) {
                    return Err(
                        self.error_at(bad.span, format!("cannot assign to {}", expr_name(bad)))
                    );
                }
            }
            return Err(Fail::NoMatch);
        }
        let mut target = target;
        set_context(&mut target, Ctx::Store);
        Ok(target)
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let kw = self.bump();
        self.expect_forced(Tok::Colon, ":")?;
        let body = self.block(Some(("'try' statement", kw.line)))?;
        let mut handlers = Vec::new();
        while self.peek() == Tok::Except {
            handlers.push(self.except_block()?);
        }
        let orelse = if !handlers.is_empty() && self.peek() == Tok::Else {
            self.else_block()?
        } else {
            Vec::new()
        };
        let finalbody = if self.peek() == Tok::Finally {
            let kw = self.bump();
            self.expect_forced(Tok::Colon, ":")?;
            self.block(Some(("'finally' statement", kw.line)))?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            if self.call_invalid {
                let tok = self.toks[self.pos - 1];
                return Err(
                    self.error_at_token(&tok, "expected 'except' or 'finally' block".to_string())
                );
            }
            return Err(Fail::NoMatch);
        }
        Ok(Stmt {
            kind: StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
            span: self.span_from(start),
        })
    }

    fn except_block(&mut self) -> PResult<ExceptHandler> {
        let start = self.start();
        let kw = self.bump();
        if self.peek() == Tok::Star {
            // `except*` (exception groups) is not part of this Python.
            return Err(Fail::NoMatch);
        }
        let (kind, name) = if self.peek() == Tok::Colon {
            (None, None)
        } else {
            if self.peek() == Tok::Newline {
                if self.call_invalid {
                    return Err(self.error_here(SyntaxErrorKind::SyntaxError, "expected ':'"));
                }
                return Err(Fail::NoMatch);
            }
            let kind = self.expression()?;
            if self.call_invalid && self.peek() == Tok::Comma {
                // `except A, e:`, Python 2's form.
                let save = self.pos;
                self.bump();
                if self.expressions().is_ok() {
                    if self.eat(Tok::As) {
                        let _ = self.name();
                    }
                    if self.peek() == Tok::Colon {
                        return Err(self.error_starting_from(
                            kind.span,
                            "multiple exception types must be parenthesized",
                        ));
                    }
                }
                self.pos = save;
            }
            let name = if self.eat(Tok::As) {
                Some(self.name()?.0)
            } else {
                None
            };
            (Some(kind), name)
        };
        self.header_colon()?;
        let body = self.block(Some(("'except' statement", kw.line)))?;
        Ok(ExceptHandler {
            kind,
            name,
            body,
            span: self.span_from(start),
        })
    }

    fn with_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let kw = self.bump();
        let save = self.pos;
        // `with (a as b, c as d):` — parenthesised items, if the parenthesis closes
        // right before the colon.
        let mut items = None;
        if self.peek() == Tok::LPar {
            self.bump();
            if let Ok(parsed) = self.with_items(true) {
                self.eat(Tok::Comma);
                if self.eat(Tok::RPar) && self.peek() == Tok::Colon {
                    items = Some(parsed);
                }
            }
            if items.is_none() {
                self.pos = save;
            }
        }
        let items = match items {
            Some(items) => items,
            None => self.with_items(false)?,
        };
        self.header_colon()?;
        let body = self.block(Some(("'with' statement", kw.line)))?;
        Ok(Stmt {
            kind: StmtKind::With { items, body },
            span: self.span_from(start),
        })
    }

    fn with_items(&mut self, parenthesized: bool) -> PResult<Vec<WithItem>> {
        let mut items = Vec::new();
        loop {
            let context = self.expression()?;
            let target = if self.eat(Tok::As) {
                let mut target = self.star_target()?;
                if !matches!(self.peek(), Tok::Comma | Tok::Colon | Tok::RPar) {
                    return Err(Fail::NoMatch);
                }
                if let Some(bad) = invalid_target(&target, Targets::Star) {
                    if self.call_invalid {
                        return Err(
                            self.error_at(bad.span, format!("cannot assign to {}", expr_name(bad)))
                        );
                    }
                    return Err(Fail::NoMatch);
                }
                set_context(&mut target, Ctx::Store);
                Some(target)
            } else {
                None
            };
            items.push(WithItem { context, target });
            if self.peek() != Tok::Comma {
                break;
            }
            if parenthesized && self.peek_nth(1) == Tok::RPar {
                break;
            }
            self.bump();
        }
        Ok(items)
    }

    /// One `star_target` of a `with ... as`: a target expression up to `,`, `:` or `)`.
    fn star_target(&mut self) -> PResult<Expr> {
        self.bitwise_or_or_star()
    }

    // ----- Parameters -----

    /// The parameters of a `def` (up to `)`) or a `lambda` (up to `:`).
    fn parameters(&mut self, close: Tok) -> PResult<Arguments> {
        let lambda = close == Tok::Colon;
        let mut args = Arguments::default();
        let mut plain: Vec<Arg> = Vec::new();
        let mut seen_slash = false;
        let mut seen_star = false;
        let mut seen_default = false;
        loop {
            let tok = self.peek_tok();
            match tok.kind {
                k if k == close => break,
                Tok::Slash => {
                    self.bump();
                    if seen_slash || seen_star || plain.is_empty() {
                        if !self.call_invalid
                            || (plain.is_empty()
                                && !seen_slash
                                && !seen_star
                                && self.peek() != Tok::Comma)
                        {
                            return Err(Fail::NoMatch);
                        }
                        let msg = if plain.is_empty() && !seen_slash && !seen_star {
                            "at least one argument must precede /"
                        } else if seen_star {
                            "/ must be ahead of *"
                        } else {
                            "/ may appear only once"
                        };
                        return Err(self.invalid_here(&tok, msg));
                    }
                    seen_slash = true;
                    args.posonly.append(&mut plain);
                }
                Tok::Star => {
                    self.bump();
                    if seen_star {
                        return Err(self.invalid_here(&tok, "* argument may appear only once"));
                    }
                    seen_star = true;
                    if matches!(self.peek(), Tok::Comma) {
                        if matches!(self.peek_nth(1), Tok::RPar | Tok::Colon | Tok::DoubleStar)
                            && self.peek_nth(1) != Tok::Name
                        {
                            return Err(
                                self.invalid_here(&tok, "named arguments must follow bare *")
                            );
                        }
                    } else if self.peek() == close {
                        return Err(self.invalid_here(&tok, "named arguments must follow bare *"));
                    } else {
                        let arg = self.param(lambda, true)?;
                        if self.peek() == Tok::Equal {
                            let eq = self.peek_tok();
                            return Err(self.invalid_here(
                                &eq,
                                "var-positional argument cannot have default value",
                            ));
                        }
                        args.vararg = Some(arg);
                    }
                }
                Tok::DoubleStar => {
                    self.bump();
                    let arg = self.param(lambda, false)?;
                    if self.peek() == Tok::Equal {
                        let eq = self.peek_tok();
                        return Err(self
                            .invalid_here(&eq, "var-keyword argument cannot have default value"));
                    }
                    args.kwarg = Some(arg);
                    if self.eat(Tok::Comma) && self.peek() != close {
                        let next = self.peek_tok();
                        if matches!(
                            next.kind,
                            Tok::Name | Tok::Star | Tok::DoubleStar | Tok::Slash
                        ) {
                            let span = if next.kind == Tok::Name {
                                let save = self.pos;
                                let arg = self.param(lambda, false);
                                self.pos = save;
                                arg.map_or(Self::token_span(&next), |a| a.span)
                            } else {
                                Self::token_span(&next)
                            };
                            if self.call_invalid {
                                return Err(self.error_at(
                                    span,
                                    "arguments cannot follow var-keyword argument",
                                ));
                            }
                        }
                        return Err(Fail::NoMatch);
                    }
                    break;
                }
                Tok::Name => {
                    let arg = self.param(lambda, false)?;
                    let default = if self.peek() == Tok::Equal {
                        let eq = self.bump();
                        if matches!(self.peek(), Tok::Comma | Tok::RPar) || self.peek() == close {
                            return Err(self.invalid_here(&eq, "expected default value expression"));
                        }
                        Some(self.expression()?)
                    } else {
                        None
                    };
                    if seen_star {
                        args.kwonly.push(arg);
                        args.kw_defaults.push(default);
                    } else {
                        match default {
                            Some(default) => {
                                seen_default = true;
                                args.defaults.push(default);
                            }
                            None if seen_default => {
                                return Err(if self.call_invalid {
                                    self.error_at(
                                        arg.span,
                                        "non-default argument follows default argument",
                                    )
                                } else {
                                    Fail::NoMatch
                                });
                            }
                            None => {}
                        }
                        plain.push(arg);
                    }
                }
                Tok::LPar if !lambda && self.call_invalid => {
                    // `def f((a, b)):`, Python 2's tuple parameters.
                    let save = self.pos;
                    self.bump();
                    let mut ok = self.peek() == Tok::Name;
                    while ok && self.peek() == Tok::Name {
                        let _ = self.param(false, false);
                        if !self.eat(Tok::Comma) {
                            break;
                        }
                        ok = self.peek() == Tok::Name || self.peek() == Tok::RPar;
                    }
                    if ok && self.peek() == Tok::RPar {
                        let close_tok = self.peek_tok();
                        return Err(self.error_range(
                            Self::token_span(&tok),
                            Self::token_span(&close_tok),
                            "Function parameters cannot be parenthesized",
                        ));
                    }
                    self.pos = save;
                    return Err(Fail::NoMatch);
                }
                _ => return Err(Fail::NoMatch),
            }
            if self.peek() == close {
                break;
            }
            if !self.eat(Tok::Comma) {
                if self.call_invalid && self.peek() == Tok::Star && seen_slash {
                    let star = self.peek_tok();
                    return Err(
                        self.error_at_token(&star, "expected comma between / and *".to_string())
                    );
                }
                return Err(Fail::NoMatch);
            }
        }
        if seen_star && args.vararg.is_none() && args.kwonly.is_empty() {
            return Err(Fail::NoMatch);
        }
        args.args = plain;
        Ok(args)
    }

    fn invalid_here(&self, tok: &Token, msg: &str) -> Fail {
        if self.call_invalid {
            self.error_at_token(tok, msg.to_string())
        } else {
            Fail::NoMatch
        }
    }

    fn param(&mut self, lambda: bool, star: bool) -> PResult<Arg> {
        let start = self.start();
        let (name, _) = self.name()?;
        let annotation = if !lambda && self.eat(Tok::Colon) {
            Some(if star && self.peek() == Tok::Star {
                self.star_expression()?
            } else {
                self.expression()?
            })
        } else {
            None
        };
        Ok(Arg {
            name,
            annotation,
            span: self.span_from(start),
        })
    }
}

/// A parse error that cannot happen: every path above that fails without a message
/// is given `invalid syntax`.
fn unreachable_error() -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::SyntaxError,
        msg: "invalid syntax".to_string(),
        line: 1,
        col: 0,
        end_line: 1,
        end_col: 0,
        incomplete: false,
        text: None,
    }
}

fn is_compound_start(kind: Tok) -> bool {
    matches!(
        kind,
        Tok::Def | Tok::At | Tok::Class | Tok::If | Tok::While | Tok::For | Tok::Try | Tok::With
    )
}

fn can_start_expression(kind: Tok) -> bool {
    matches!(
        kind,
        Tok::Name
            | Tok::Number
            | Tok::String
            | Tok::LPar
            | Tok::LSqb
            | Tok::LBrace
            | Tok::Minus
            | Tok::Plus
            | Tok::Tilde
            | Tok::Not
            | Tok::Lambda
            | Tok::Await
            | Tok::True
            | Tok::False
            | Tok::None
            | Tok::Ellipsis
            | Tok::Star
    )
}

/// Whether the statement starting at token `at` opens with a parenthesis that closes
/// around its whole first expression.
fn is_parenthesized_at(toks: &[Token], at: usize) -> bool {
    toks.get(at).is_some_and(|t| t.kind == Tok::LPar)
}

fn is_yield(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_))
}

fn augassign(kind: Tok) -> Option<BinOp> {
    Some(match kind {
        Tok::PlusEqual => BinOp::Add,
        Tok::MinEqual => BinOp::Sub,
        Tok::StarEqual => BinOp::Mult,
        Tok::AtEqual => BinOp::MatMult,
        Tok::SlashEqual => BinOp::Div,
        Tok::PercentEqual => BinOp::Mod,
        Tok::AmperEqual => BinOp::BitAnd,
        Tok::VBarEqual => BinOp::BitOr,
        Tok::CircumFlexEqual => BinOp::BitXor,
        Tok::LeftShiftEqual => BinOp::LShift,
        Tok::RightShiftEqual => BinOp::RShift,
        Tok::DoubleStarEqual => BinOp::Pow,
        Tok::DoubleSlashEqual => BinOp::FloorDiv,
        _ => return None,
    })
}

/// A binary operator and its precedence, from `|` (1) to the multiplications (6).
fn binary_op(kind: Tok) -> Option<(BinOp, u8)> {
    Some(match kind {
        Tok::VBar => (BinOp::BitOr, 1),
        Tok::CircumFlex => (BinOp::BitXor, 2),
        Tok::Amper => (BinOp::BitAnd, 3),
        Tok::LeftShift => (BinOp::LShift, 4),
        Tok::RightShift => (BinOp::RShift, 4),
        Tok::Plus => (BinOp::Add, 5),
        Tok::Minus => (BinOp::Sub, 5),
        Tok::Star => (BinOp::Mult, 6),
        Tok::Slash => (BinOp::Div, 6),
        Tok::DoubleSlash => (BinOp::FloorDiv, 6),
        Tok::Percent => (BinOp::Mod, 6),
        Tok::At => (BinOp::MatMult, 6),
        _ => return None,
    })
}

/// CPython's `_PyPegen_get_invalid_target`: the part of a would-be target that
/// cannot be assigned (or deleted), if any.
fn invalid_target(e: &Expr, targets: Targets) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().find_map(|elt| invalid_target(elt, targets))
        }
        ExprKind::Starred { value, .. } => {
            if targets == Targets::Del {
                Some(e)
            } else {
                invalid_target(value, targets)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if targets == Targets::For {
                if ops[0] == CmpOp::In {
                    return invalid_target(left, targets);
                }
                return None;
            }
            Some(e)
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// CPython's `_PyPegen_get_expr_name`: how error messages name an expression.
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant(c) => match c {
            Constant::None => "None",
            Constant::Bool(false) => "False",
            Constant::Bool(true) => "True",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// Marks a target and what it contains as stored or deleted, as CPython's
/// `_PyPegen_set_expr_context`.
fn set_context(e: &mut Expr, ctx: Ctx) {
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. }
        | ExprKind::Attribute { ctx: c, .. }
        | ExprKind::Subscript { ctx: c, .. } => *c = ctx,
        ExprKind::Starred { value, ctx: c } => {
            *c = ctx;
            set_context(value, ctx);
        }
        ExprKind::List { elts, ctx: c } | ExprKind::Tuple { elts, ctx: c } => {
            *c = ctx;
            for elt in elts {
                set_context(elt, ctx);
            }
        }
        _ => {}
    }
}
