//! The expression rules of the parser: from `star_expressions` down to atoms,
//! with the second pass's `invalid_*` rules for expressions.

use super::*;

impl Parser<'_> {
    pub(super) fn at_expression_start(&mut self) -> bool {
        can_start_expression(self.peek())
    }

    /// `star_expressions`: an expression, or a tuple without parentheses, whose
    /// items may be starred.
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_expression()?;
        if self.peek() != Tok::Comma {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if !self.at_expression_start() {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple {
                elts,
                ctx: Ctx::Load,
            },
            span: self.span_from(start),
        })
    }

    /// `expressions`: like `star_expressions`, without stars.
    pub(super) fn expressions(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.expression()?;
        if self.peek() != Tok::Comma {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if !self.at_expression_start() {
                break;
            }
            elts.push(self.expression()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple {
                elts,
                ctx: Ctx::Load,
            },
            span: self.span_from(start),
        })
    }

    pub(super) fn star_expression(&mut self) -> PResult<Expr> {
        if self.peek() == Tok::Star {
            let start = self.start();
            self.bump();
            let value = self.bitwise_or()?;
            return Ok(Expr {
                kind: ExprKind::Starred {
                    value: Box::new(value),
                    ctx: Ctx::Load,
                },
                span: self.span_from(start),
            });
        }
        self.expression()
    }

    pub(super) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.peek() == Tok::Star {
            let start = self.start();
            self.bump();
            let value = self.bitwise_or()?;
            return Ok(Expr {
                kind: ExprKind::Starred {
                    value: Box::new(value),
                    ctx: Ctx::Load,
                },
                span: self.span_from(start),
            });
        }
        self.named_expression()
    }

    /// A target item: `*target` or an expression up to `bitwise_or`.
    pub(super) fn bitwise_or_or_star(&mut self) -> PResult<Expr> {
        if self.peek() == Tok::Star {
            let start = self.start();
            self.bump();
            let value = self.bitwise_or_or_star()?;
            return Ok(Expr {
                kind: ExprKind::Starred {
                    value: Box::new(value),
                    ctx: Ctx::Load,
                },
                span: self.span_from(start),
            });
        }
        self.bitwise_or()
    }

    /// `named_expression`: `name := value` or an expression.
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        if self.peek() == Tok::Name && self.peek_nth(1) == Tok::ColonEqual {
            return self.assignment_expression();
        }
        let save = self.pos;
        if self.call_invalid {
            self.invalid_named_expression(save)?;
        }
        let expr = self.expression()?;
        if self.peek() == Tok::ColonEqual {
            return Err(Fail::NoMatch);
        }
        Ok(expr)
    }

    /// `assignment_expression | expression !':='`, as a call's arguments and a
    /// generator's element are parsed (without `invalid_named_expression`).
    pub(super) fn argument_expression(&mut self) -> PResult<Expr> {
        if self.peek() == Tok::Name && self.peek_nth(1) == Tok::ColonEqual {
            return self.assignment_expression();
        }
        let expr = self.expression()?;
        if self.peek() == Tok::ColonEqual {
            return Err(Fail::NoMatch);
        }
        Ok(expr)
    }

    pub(super) fn assignment_expression(&mut self) -> PResult<Expr> {
        let start = self.start();
        let (target, _) = self.name()?;
        self.bump();
        let value = self.expression()?;
        Ok(Expr {
            kind: ExprKind::NamedExpr {
                target,
                value: Box::new(value),
            },
            span: self.span_from(start),
        })
    }

    /// `invalid_named_expression`: `=` where `==` or `:=` was meant, and walruses
    /// on what is not a name.
    #[inline(never)]
    pub(super) fn invalid_named_expression(&mut self, save: usize) -> PResult<()> {
        let result = (|| -> PResult<()> {
            if let Ok(a) = self.expression_quiet()
                && self.peek() == Tok::ColonEqual
            {
                self.bump();
                if self.expression_quiet().is_ok() {
                    return Err(self.error_at(
                        a.span,
                        format!("cannot use assignment expressions with {}", expr_name(&a)),
                    ));
                }
            }
            self.pos = save;
            let first = self.peek_tok();
            if first.kind == Tok::Name && self.peek_nth(1) == Tok::Equal {
                let a = Self::token_span(&first);
                self.bump();
                self.bump();
                if let Ok(b) = self.quiet(Self::bitwise_or)
                    && !matches!(self.peek(), Tok::Equal | Tok::ColonEqual)
                {
                    return Err(self.error_range(
                        a,
                        b.span,
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    ));
                }
            }
            self.pos = save;
            if matches!(first.kind, Tok::True | Tok::False | Tok::None) || self.starts_display(save)
            {
                return Ok(());
            }
            if let Ok(a) = self.quiet(Self::bitwise_or)
                && self.eat(Tok::Equal)
                && self.quiet(Self::bitwise_or).is_ok()
                && !matches!(self.peek(), Tok::Equal | Tok::ColonEqual)
            {
                return Err(self.error_at(
                    a.span,
                    format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        expr_name(&a)
                    ),
                ));
            }
            Ok(())
        })();
        self.pos = save;
        match result {
            Err(Fail::NoMatch) => Ok(()),
            other => other,
        }
    }

    /// Whether a list, tuple or generator expression starts at token `at` (the
    /// `!(list|tuple|genexp)` of `invalid_named_expression`).
    #[inline(never)]
    pub(super) fn starts_display(&mut self, at: usize) -> bool {
        let kind = self.toks[at].kind;
        if !matches!(kind, Tok::LSqb | Tok::LPar) {
            return false;
        }
        let save = self.pos;
        self.pos = at;
        let parsed = self.quiet(Self::atom);
        self.pos = save;
        matches!(
            parsed,
            Ok(Expr {
                kind: ExprKind::List { .. }
                    | ExprKind::Tuple { .. }
                    | ExprKind::GeneratorExp { .. },
                ..
            })
        )
    }

    /// An expression parsed with the `invalid_*` rules off, to look ahead.
    pub(super) fn expression_quiet(&mut self) -> PResult<Expr> {
        self.quiet(Self::expression)
    }

    /// Runs `rule` with the `invalid_*` rules off: looking ahead from one of them
    /// must not try them all again below (which would take exponential time).
    pub(super) fn quiet<T>(&mut self, rule: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let was = self.call_invalid;
        self.call_invalid = false;
        let result = rule(self);
        self.call_invalid = was;
        result
    }

    /// `expression`: a conditional expression, a lambda, or a `disjunction`.
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        self.enter()?;
        let result = self.expression_inner();
        self.leave();
        result
    }

    pub(super) fn expression_inner(&mut self) -> PResult<Expr> {
        if self.call_invalid {
            self.invalid_expression()?;
        }
        if self.peek() == Tok::Lambda {
            return self.lambdef();
        }
        let start = self.start();
        let body = self.disjunction()?;
        if self.peek() != Tok::If {
            return Ok(body);
        }
        let save = self.pos;
        self.bump();
        let test = self.disjunction()?;
        if !self.eat(Tok::Else) {
            self.pos = save;
            return Ok(body);
        }
        let orelse = self.expression()?;
        Ok(Expr {
            kind: ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
            span: self.span_from(start),
        })
    }

    /// `invalid_expression` and `invalid_legacy_expression`, tried before every
    /// expression in the second pass.
    #[inline(never)]
    pub(super) fn invalid_expression(&mut self) -> PResult<()> {
        let save = self.pos;
        let first = self.peek_tok();
        let next = self.peek_nth(1);
        let soft_keyword =
            first.kind == Tok::Name && matches!(self.text(&first), "match" | "case" | "_");
        let name_string = first.kind == Tok::Name && next == Tok::String;
        let result = (|| -> PResult<()> {
            if !soft_keyword && !name_string {
                if let Ok(a) = self.disjunction()
                    && can_start_expression(self.peek())
                    && !self.is_legacy_name(&a)
                    && let Ok(b) = self.expression_quiet()
                    && self.toks[self.pos - 1].level != 0
                {
                    return Err(self.error_range(
                        a.span,
                        b.span,
                        "invalid syntax. Perhaps you forgot a comma?",
                    ));
                }
                self.pos = save;
            }
            if let Ok(a) = self.disjunction()
                && self.eat(Tok::If)
                && let Ok(b) = self.disjunction()
                && !matches!(self.peek(), Tok::Else | Tok::Colon)
            {
                return Err(self.error_range(
                    a.span,
                    b.span,
                    "expected 'else' after 'if' expression",
                ));
            }
            self.pos = save;
            // invalid_legacy_expression: NAME !'(' star_expressions
            if first.kind == Tok::Name
                && matches!(self.text(&first), "print" | "exec")
                && next != Tok::LPar
            {
                self.bump();
                if can_start_expression(self.peek())
                    && let Ok(b) = self.quiet(Self::star_expressions)
                {
                    let name = self.text(&first);
                    return Err(self.error_range(
                        Self::token_span(&first),
                        b.span,
                        format!(
                            "Missing parentheses in call to '{name}'. Did you mean {name}(...)?"
                        ),
                    ));
                }
            }
            Ok(())
        })();
        self.pos = save;
        match result {
            Err(Fail::NoMatch) => Ok(()),
            other => other,
        }
    }

    pub(super) fn is_legacy_name(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Name { id, .. } if id == "print" || id == "exec")
    }

    #[inline(never)]
    pub(super) fn lambdef(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        let args = self.parameters(Tok::Colon)?;
        self.expect(Tok::Colon)?;
        let body = self.expression()?;
        Ok(Expr {
            kind: ExprKind::Lambda {
                args: Box::new(args),
                body: Box::new(body),
            },
            span: self.span_from(start),
        })
    }

    pub(super) fn disjunction(&mut self) -> PResult<Expr> {
        if !self.call_invalid {
            return self.disjunction_uncached();
        }
        let at = self.pos;
        if let Some((result, end)) = self.memo.get(&at) {
            let (result, end) = (result.clone(), *end);
            self.pos = end;
            return result;
        }
        let result = self.disjunction_uncached();
        self.memo.insert(at, (result.clone(), self.pos));
        result
    }

    pub(super) fn disjunction_uncached(&mut self) -> PResult<Expr> {
        self.bool_op(Tok::Or)
    }

    /// `disjunction` (`or`) and `conjunction` (`and`).
    pub(super) fn bool_op(&mut self, op: Tok) -> PResult<Expr> {
        let start = self.start();
        let first = if op == Tok::Or {
            self.bool_op(Tok::And)?
        } else {
            self.inversion()?
        };
        if self.peek() != op {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat(op) {
            values.push(if op == Tok::Or {
                self.bool_op(Tok::And)?
            } else {
                self.inversion()?
            });
        }
        Ok(Expr {
            kind: ExprKind::BoolOp {
                op: if op == Tok::Or {
                    BoolOp::Or
                } else {
                    BoolOp::And
                },
                values,
            },
            span: self.span_from(start),
        })
    }

    /// `inversion`: `not` chains, built from the inside out.
    pub(super) fn inversion(&mut self) -> PResult<Expr> {
        let mut nots = Vec::new();
        while self.peek() == Tok::Not {
            nots.push(self.start());
            self.bump();
            if nots.len() as u32 + self.depth > MAX_DEPTH {
                let tok = self.peek_tok();
                return Err(
                    self.error_at_token(&tok, "too many nested unary operators".to_string())
                );
            }
        }
        let mut expr = self.comparison()?;
        for start in nots.into_iter().rev() {
            expr = Expr {
                kind: ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(expr),
                },
                span: self.span_from(start),
            };
        }
        Ok(expr)
    }

    pub(super) fn comparison(&mut self) -> PResult<Expr> {
        let start = self.start();
        let left = self.bitwise_or()?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::EqEqual => CmpOp::Eq,
                Tok::NotEqual => CmpOp::NotEq,
                Tok::Less => CmpOp::Lt,
                Tok::LessEqual => CmpOp::LtE,
                Tok::Greater => CmpOp::Gt,
                Tok::GreaterEqual => CmpOp::GtE,
                Tok::In => CmpOp::In,
                Tok::Not if self.peek_nth(1) == Tok::In => {
                    self.bump();
                    CmpOp::NotIn
                }
                Tok::Is if self.peek_nth(1) == Tok::Not => {
                    self.bump();
                    CmpOp::IsNot
                }
                Tok::Is => CmpOp::Is,
                _ => break,
            };
            self.bump();
            ops.push(op);
            comparators.push(self.bitwise_or()?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(Expr {
            kind: ExprKind::Compare {
                left: Box::new(left),
                ops,
                comparators,
            },
            span: self.span_from(start),
        })
    }

    pub(super) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    /// The binary operators from `|` to `*`, by precedence climbing.
    pub(super) fn binary(&mut self, min_precedence: u8) -> PResult<Expr> {
        let start = self.start();
        let mut left = self.factor()?;
        while let Some((op, precedence)) = binary_op(self.peek()) {
            if precedence < min_precedence {
                break;
            }
            self.bump();
            let right = self.binary(precedence + 1)?;
            left = Expr {
                kind: ExprKind::BinOp {
                    left: Box::new(left),
                    op,
                    right: Box::new(right),
                },
                span: self.span_from(start),
            };
        }
        Ok(left)
    }

    /// `factor`: unary `+`, `-`, `~`, built from the inside out.
    pub(super) fn factor(&mut self) -> PResult<Expr> {
        let mut ops = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Plus => UnaryOp::UAdd,
                Tok::Minus => UnaryOp::USub,
                Tok::Tilde => UnaryOp::Invert,
                _ => break,
            };
            ops.push((op, self.start()));
            self.bump();
            // The compiler walks the chain recursively: bound it as nesting is bounded.
            if ops.len() as u32 + self.depth > MAX_DEPTH {
                let tok = self.peek_tok();
                return Err(
                    self.error_at_token(&tok, "too many nested unary operators".to_string())
                );
            }
        }
        let mut expr = self.power()?;
        for (op, start) in ops.into_iter().rev() {
            expr = Expr {
                kind: ExprKind::UnaryOp {
                    op,
                    operand: Box::new(expr),
                },
                span: self.span_from(start),
            };
        }
        Ok(expr)
    }

    /// `power`: `**` binds tighter than a unary operator on its left, looser than
    /// one on its right, and to the right.
    pub(super) fn power(&mut self) -> PResult<Expr> {
        let start = self.start();
        let base = self.await_primary()?;
        if self.peek() != Tok::DoubleStar {
            return Ok(base);
        }
        self.bump();
        self.enter()?;
        let exponent = self.factor();
        self.leave();
        Ok(Expr {
            kind: ExprKind::BinOp {
                left: Box::new(base),
                op: BinOp::Pow,
                right: Box::new(exponent?),
            },
            span: self.span_from(start),
        })
    }

    pub(super) fn await_primary(&mut self) -> PResult<Expr> {
        if self.peek() == Tok::Await {
            let start = self.start();
            self.bump();
            let value = self.primary()?;
            return Ok(Expr {
                kind: ExprKind::Await(Box::new(value)),
                span: self.span_from(start),
            });
        }
        self.primary()
    }

    /// `primary`: an atom followed by attributes, calls and subscripts.
    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut expr = self.atom()?;
        loop {
            match self.peek() {
                Tok::Dot => {
                    self.bump();
                    let (attr, _) = self.name()?;
                    expr = Expr {
                        kind: ExprKind::Attribute {
                            value: Box::new(expr),
                            attr,
                            ctx: Ctx::Load,
                        },
                        span: self.span_from(start),
                    };
                }
                Tok::LPar => {
                    let open = self.bump();
                    let (args, keywords) = self.call_arguments(open)?;
                    expr = Expr {
                        kind: ExprKind::Call {
                            func: Box::new(expr),
                            args,
                            keywords,
                        },
                        span: self.span_from(start),
                    };
                }
                Tok::LSqb => {
                    self.bump();
                    let slice = self.slices()?;
                    self.expect(Tok::RSqb)?;
                    expr = Expr {
                        kind: ExprKind::Subscript {
                            value: Box::new(expr),
                            slice: Box::new(slice),
                            ctx: Ctx::Load,
                        },
                        span: self.span_from(start),
                    };
                }
                _ => return Ok(expr),
            }
        }
    }

    /// The arguments of a call after its `(`, through its `)`; a generator
    /// expression alone takes the call's parentheses as its own.
    #[inline(never)]
    pub(super) fn call_arguments(&mut self, open: Token) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let is_keyword = self.peek() == Tok::Name && self.peek_nth(1) == Tok::Equal;
        let mut first = None;
        if !is_keyword && !matches!(self.peek(), Tok::RPar | Tok::Star | Tok::DoubleStar) {
            let save = self.pos;
            let elt = self.argument_expression()?;
            if matches!(self.peek(), Tok::For | Tok::Async) {
                let generators = self.for_if_clauses()?;
                if self.peek() == Tok::RPar {
                    self.bump();
                    let genexp = Expr {
                        kind: ExprKind::GeneratorExp {
                            elt: Box::new(elt),
                            generators,
                        },
                        span: self.span_from((open.line, open.col)),
                    };
                    return Ok((vec![genexp], Vec::new()));
                }
                if self.call_invalid && self.peek() == Tok::Comma {
                    return Err(self.genexp_not_parenthesized(&elt, &generators));
                }
                return Err(Fail::NoMatch);
            }
            if self.peek() == Tok::Equal {
                // `f(a.b=1)`: reported by `arguments`.
                self.pos = save;
            } else {
                first = Some(elt);
            }
        }
        let (args, keywords) = self.arguments_from(first)?;
        self.expect(Tok::RPar)?;
        Ok((args, keywords))
    }

    pub(super) fn genexp_not_parenthesized(
        &self,
        elt: &Expr,
        generators: &[Comprehension],
    ) -> Fail {
        let last = generators
            .last()
            .map(|c| c.ifs.last().unwrap_or(&c.iter).span)
            .unwrap_or(elt.span);
        self.error_range(elt.span, last, "Generator expression must be parenthesized")
    }

    /// `arguments` of a call or a class header, up to (not through) the `)`.
    pub(super) fn arguments(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        self.arguments_from(None)
    }

    /// `arguments`, whose first positional argument may have been parsed already.
    #[inline(never)]
    pub(super) fn arguments_from(
        &mut self,
        first: Option<Expr>,
    ) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args = Vec::new();
        if let Some(first) = first {
            args.push(first);
            if !self.eat(Tok::Comma) {
                return Ok((args, Vec::new()));
            }
        }
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut follows_keyword = false;
        let mut follows_unpacking = false;
        let mut positional_error = false;
        while self.peek() != Tok::RPar {
            let start = self.start();
            let tok = self.peek_tok();
            match tok.kind {
                Tok::Star => {
                    self.bump();
                    let value = self.expression()?;
                    if follows_unpacking {
                        if self.call_invalid {
                            return Err(self.error_at_token(
                                &tok,
                                "iterable argument unpacking follows keyword argument unpacking"
                                    .to_string(),
                            ));
                        }
                        return Err(Fail::NoMatch);
                    }
                    args.push(Expr {
                        kind: ExprKind::Starred {
                            value: Box::new(value),
                            ctx: Ctx::Load,
                        },
                        span: self.span_from(start),
                    });
                }
                Tok::DoubleStar => {
                    self.bump();
                    let value = self.expression()?;
                    follows_unpacking = true;
                    keywords.push(Keyword {
                        arg: None,
                        value,
                        span: self.span_from(start),
                    });
                }
                Tok::Name if self.peek_nth(1) == Tok::Equal => {
                    let (name, name_span) = self.name()?;
                    let eq = self.bump();
                    let value = self.expression()?;
                    if matches!(self.peek(), Tok::For | Tok::Async) {
                        if self.call_invalid {
                            return Err(self.error_range(
                                name_span,
                                Self::token_span(&eq),
                                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                            ));
                        }
                        return Err(Fail::NoMatch);
                    }
                    follows_keyword = true;
                    keywords.push(Keyword {
                        arg: Some(name),
                        value,
                        span: self.span_from(start),
                    });
                }
                Tok::True | Tok::False | Tok::None
                    if self.peek_nth(1) == Tok::Equal && self.call_invalid =>
                {
                    self.bump();
                    let eq = self.bump();
                    return Err(self.error_range(
                        Self::token_span(&tok),
                        Self::token_span(&eq),
                        format!("cannot assign to {}", self.text(&tok)),
                    ));
                }
                _ => {
                    let value = self.argument_expression()?;
                    if self.peek() == Tok::Equal {
                        if self.call_invalid {
                            let eq = self.peek_tok();
                            return Err(self.error_range(
                                value.span,
                                Self::token_span(&eq),
                                "expression cannot contain assignment, perhaps you meant \"==\"?",
                            ));
                        }
                        return Err(Fail::NoMatch);
                    }
                    if matches!(self.peek(), Tok::For | Tok::Async) {
                        // `f(a, x for x in y)`; a lone one is left to the caller.
                        if self.call_invalid && !args.is_empty() {
                            let generators = self.for_if_clauses()?;
                            return Err(self.genexp_not_parenthesized(&value, &generators));
                        }
                        return Err(Fail::NoMatch);
                    }
                    if follows_keyword || follows_unpacking {
                        if !self.call_invalid {
                            return Err(Fail::NoMatch);
                        }
                        positional_error = true;
                    }
                    args.push(value);
                }
            }
            if !self.eat(Tok::Comma) {
                break;
            }
        }
        if positional_error {
            if self.peek() != Tok::RPar {
                return Err(Fail::NoMatch);
            }
            let msg = if keywords.iter().any(|k| k.arg.is_none()) {
                "positional argument follows keyword argument unpacking"
            } else {
                "positional argument follows keyword argument"
            };
            return Err(self.error_here(SyntaxErrorKind::SyntaxError, msg));
        }
        Ok((args, keywords))
    }

    /// `slices`: one slice or expression, or a tuple of them.
    #[inline(never)]
    pub(super) fn slices(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.slice()?;
        if self.peek() != Tok::Comma {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if self.peek() == Tok::RSqb {
                break;
            }
            elts.push(self.slice()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple {
                elts,
                ctx: Ctx::Load,
            },
            span: self.span_from(start),
        })
    }

    pub(super) fn slice(&mut self) -> PResult<Expr> {
        let start = self.start();
        if self.peek() == Tok::Star {
            return self.star_expression_in_subscript();
        }
        let lower = if self.peek() == Tok::Colon {
            None
        } else {
            let expr = self.named_expression()?;
            if self.peek() != Tok::Colon {
                return Ok(expr);
            }
            Some(Box::new(expr))
        };
        self.expect(Tok::Colon)?;
        let upper = if self.at_expression_start() {
            Some(Box::new(self.expression()?))
        } else {
            None
        };
        let step = if self.eat(Tok::Colon) && self.at_expression_start() {
            Some(Box::new(self.expression()?))
        } else {
            None
        };
        Ok(Expr {
            kind: ExprKind::Slice { lower, upper, step },
            span: self.span_from(start),
        })
    }

    pub(super) fn star_expression_in_subscript(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        let value = self.expression()?;
        Ok(Expr {
            kind: ExprKind::Starred {
                value: Box::new(value),
                ctx: Ctx::Load,
            },
            span: self.span_from(start),
        })
    }

    pub(super) fn atom(&mut self) -> PResult<Expr> {
        let tok = self.peek_tok();
        let span = Self::token_span(&tok);
        let kind = match tok.kind {
            Tok::Name => {
                self.bump();
                ExprKind::Name {
                    id: self.text(&tok).to_string(),
                    ctx: Ctx::Load,
                }
            }
            Tok::True | Tok::False | Tok::None => {
                self.bump();
                ExprKind::Constant(match tok.kind {
                    Tok::True => Constant::Bool(true),
                    Tok::False => Constant::Bool(false),
                    _ => Constant::None,
                })
            }
            Tok::Ellipsis => {
                self.bump();
                ExprKind::Constant(Constant::Ellipsis)
            }
            Tok::Number => {
                self.bump();
                ExprKind::Constant(crate::syntax::strings::number(self.text(&tok)))
            }
            Tok::String => return self.strings(),
            Tok::LPar => return self.paren_atom(),
            Tok::LSqb => return self.list_atom(),
            Tok::LBrace => return self.brace_atom(),
            _ => return Err(Fail::NoMatch),
        };
        Ok(Expr { kind, span })
    }

    /// Adjacent string literals, joined.
    #[inline(never)]
    pub(super) fn strings(&mut self) -> PResult<Expr> {
        let mut parts = Vec::new();
        while self.peek() == Tok::String {
            parts.push(self.bump());
        }
        // CPython's `strings` rule reads the token after the last string.
        self.peek();
        crate::syntax::strings::concatenate(self, &parts)
    }

    /// `(`: a tuple, a parenthesised expression or a generator expression.
    #[inline(never)]
    pub(super) fn paren_atom(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        if self.eat(Tok::RPar) {
            return Ok(Expr {
                kind: ExprKind::Tuple {
                    elts: Vec::new(),
                    ctx: Ctx::Load,
                },
                span: self.span_from(start),
            });
        }
        if self.peek() == Tok::Yield {
            let expr = self.yield_expr()?;
            self.expect(Tok::RPar)?;
            return Ok(expr);
        }
        if self.call_invalid && self.peek() == Tok::DoubleStar {
            let tok = self.bump();
            if self.expression().is_ok() && self.peek() == Tok::RPar {
                return Err(self.error_at_token(
                    &tok,
                    "cannot use double starred expression here".to_string(),
                ));
            }
            return Err(Fail::NoMatch);
        }
        let first = self.star_named_expression()?;
        match self.peek() {
            Tok::RPar => {
                self.bump();
                if matches!(first.kind, ExprKind::Starred { .. }) {
                    if self.call_invalid {
                        return Err(self.error_at(first.span, "cannot use starred expression here"));
                    }
                    return Err(Fail::NoMatch);
                }
                Ok(first)
            }
            Tok::For | Tok::Async => {
                if let ExprKind::Starred { .. } = first.kind {
                    return Err(self.unpacking_in_comprehension(&first));
                }
                let generators = self.for_if_clauses()?;
                self.expect(Tok::RPar)?;
                Ok(Expr {
                    kind: ExprKind::GeneratorExp {
                        elt: Box::new(first),
                        generators,
                    },
                    span: self.span_from(start),
                })
            }
            Tok::Comma => {
                let mut elts = vec![first];
                while self.eat(Tok::Comma) {
                    if self.peek() == Tok::RPar {
                        break;
                    }
                    elts.push(self.star_named_expression()?);
                }
                self.expect(Tok::RPar)?;
                Ok(Expr {
                    kind: ExprKind::Tuple {
                        elts,
                        ctx: Ctx::Load,
                    },
                    span: self.span_from(start),
                })
            }
            _ => Err(Fail::NoMatch),
        }
    }

    pub(super) fn unpacking_in_comprehension(&self, first: &Expr) -> Fail {
        if self.call_invalid {
            self.error_at(
                first.span,
                "iterable unpacking cannot be used in comprehension",
            )
        } else {
            Fail::NoMatch
        }
    }

    #[inline(never)]
    pub(super) fn list_atom(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        if self.eat(Tok::RSqb) {
            return Ok(Expr {
                kind: ExprKind::List {
                    elts: Vec::new(),
                    ctx: Ctx::Load,
                },
                span: self.span_from(start),
            });
        }
        let first = self.star_named_expression()?;
        if matches!(self.peek(), Tok::For | Tok::Async) {
            if let ExprKind::Starred { .. } = first.kind {
                return Err(self.unpacking_in_comprehension(&first));
            }
            let generators = self.for_if_clauses()?;
            self.expect(Tok::RSqb)?;
            return Ok(Expr {
                kind: ExprKind::ListComp {
                    elt: Box::new(first),
                    generators,
                },
                span: self.span_from(start),
            });
        }
        let elts = self.display_items(first, Tok::RSqb)?;
        Ok(Expr {
            kind: ExprKind::List {
                elts,
                ctx: Ctx::Load,
            },
            span: self.span_from(start),
        })
    }

    /// The rest of a list or set display after its first item, through the closing
    /// bracket.
    pub(super) fn display_items(&mut self, first: Expr, close: Tok) -> PResult<Vec<Expr>> {
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if self.peek() == close {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        if self.peek() != close {
            if self.call_invalid && matches!(self.peek(), Tok::For | Tok::Async) && elts.len() > 1 {
                // invalid_comprehension: `[a, b for ...]`
                let last = elts.last().map_or(elts[0].span, |e| e.span);
                return Err(self.error_range(
                    elts[0].span,
                    last,
                    "did you forget parentheses around the comprehension target?",
                ));
            }
            return Err(Fail::NoMatch);
        }
        self.bump();
        Ok(elts)
    }

    #[inline(never)]
    pub(super) fn brace_atom(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        if self.eat(Tok::RBrace) {
            return Ok(Expr {
                kind: ExprKind::Dict {
                    keys: Vec::new(),
                    values: Vec::new(),
                },
                span: self.span_from(start),
            });
        }
        if self.peek() == Tok::DoubleStar {
            return self.dict_rest(start, None);
        }
        let first = self.star_named_expression()?;
        if self.peek() == Tok::Colon {
            return self.dict_rest(start, Some(first));
        }
        if matches!(self.peek(), Tok::For | Tok::Async) {
            if let ExprKind::Starred { .. } = first.kind {
                return Err(self.unpacking_in_comprehension(&first));
            }
            let generators = self.for_if_clauses()?;
            self.expect(Tok::RBrace)?;
            return Ok(Expr {
                kind: ExprKind::SetComp {
                    elt: Box::new(first),
                    generators,
                },
                span: self.span_from(start),
            });
        }
        let elts = self.display_items(first, Tok::RBrace)?;
        Ok(Expr {
            kind: ExprKind::Set(elts),
            span: self.span_from(start),
        })
    }

    /// A dict display or comprehension, from its first key (or `**`).
    #[inline(never)]
    pub(super) fn dict_rest(&mut self, start: Pos, first_key: Option<Expr>) -> PResult<Expr> {
        let mut keys = Vec::new();
        let mut values = Vec::new();
        let mut key = first_key;
        loop {
            match key.take() {
                Some(k) => {
                    self.expect(Tok::Colon)?;
                    if self.call_invalid && matches!(self.peek(), Tok::RBrace | Tok::Comma) {
                        let colon = self.toks[self.pos - 1];
                        return Err(self.error_at_token(
                            &colon,
                            "expression expected after dictionary key and ':'".to_string(),
                        ));
                    }
                    if self.call_invalid && self.peek() == Tok::Star {
                        let star = self.bump();
                        if self.bitwise_or().is_ok() {
                            self.peek();
                            return Err(self.error_starting_from(
                                Self::token_span(&star),
                                "cannot use a starred expression in a dictionary value",
                            ));
                        }
                        return Err(Fail::NoMatch);
                    }
                    let value = self.expression()?;
                    if keys.is_empty() && matches!(self.peek(), Tok::For | Tok::Async) {
                        let generators = self.for_if_clauses()?;
                        self.expect(Tok::RBrace)?;
                        return Ok(Expr {
                            kind: ExprKind::DictComp {
                                key: Box::new(k),
                                value: Box::new(value),
                                generators,
                            },
                            span: self.span_from(start),
                        });
                    }
                    keys.push(Some(k));
                    values.push(value);
                }
                None => {
                    let star = self.expect(Tok::DoubleStar)?;
                    let value = self.bitwise_or()?;
                    if keys.is_empty()
                        && self.call_invalid
                        && matches!(self.peek(), Tok::For | Tok::Async)
                    {
                        return Err(self.error_at_token(
                            &star,
                            "dict unpacking cannot be used in dict comprehension".to_string(),
                        ));
                    }
                    keys.push(None);
                    values.push(value);
                }
            }
            if !self.eat(Tok::Comma) || self.peek() == Tok::RBrace {
                break;
            }
            if self.peek() != Tok::DoubleStar {
                let k = self.expression()?;
                if self.call_invalid && self.peek() != Tok::Colon {
                    let span = Span {
                        line: k.span.line,
                        col: k.span.end_col.saturating_sub(1),
                        end_line: k.span.end_line,
                        end_col: k.span.end_col.saturating_sub(1),
                    };
                    return Err(self.error_at(span, "':' expected after dictionary key"));
                }
                key = Some(k);
            }
        }
        self.expect(Tok::RBrace)?;
        Ok(Expr {
            kind: ExprKind::Dict { keys, values },
            span: self.span_from(start),
        })
    }

    /// `for_if_clauses`: the `for ... in ... if ...` of a comprehension.
    #[inline(never)]
    pub(super) fn for_if_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        while self.peek() == Tok::For {
            self.bump();
            let target = self.for_targets()?;
            self.expect(Tok::In)?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat(Tok::If) {
                ifs.push(self.disjunction()?);
            }
            generators.push(Comprehension { target, iter, ifs });
        }
        if generators.is_empty() {
            return Err(Fail::NoMatch);
        }
        Ok(generators)
    }

    #[inline(never)]
    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        if self.eat(Tok::From) {
            let value = self.expression()?;
            return Ok(Expr {
                kind: ExprKind::YieldFrom(Box::new(value)),
                span: self.span_from(start),
            });
        }
        let value = if self.at_expression_start() {
            Some(Box::new(self.star_expressions()?))
        } else {
            None
        };
        Ok(Expr {
            kind: ExprKind::Yield(value),
            span: self.span_from(start),
        })
    }
}
