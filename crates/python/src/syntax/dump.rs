//! A plain, line-oriented print of a syntax tree, to compare ours with CPython's
//! `ast.parse` (`tests/diff/python/ast_dump.py` prints the same form).
//!
//! One node a line, indented by depth: its field name, its class, its span as
//! `line:col-end_line:end_col`, then its plain fields (`name='f'`, `ctx=Store`);
//! node and list fields follow on the lines below.

use super::ast::*;

/// The tree of `module` in the dump form.
pub fn dump(module: &Module) -> String {
    let mut d = Dumper { out: String::new() };
    d.line(0, "", "Module", None, &[]);
    d.stmts(1, "body", &module.body);
    d.out
}

struct Dumper {
    out: String,
}

impl Dumper {
    fn line(
        &mut self,
        depth: usize,
        field: &str,
        class: &str,
        span: Option<Span>,
        attrs: &[(&str, String)],
    ) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        if !field.is_empty() {
            self.out.push_str(field);
            self.out.push_str(": ");
        }
        self.out.push_str(class);
        if let Some(s) = span {
            self.out.push_str(&format!(
                " {}:{}-{}:{}",
                s.line, s.col, s.end_line, s.end_col
            ));
        }
        for (name, value) in attrs {
            self.out.push_str(&format!(" {name}={value}"));
        }
        self.out.push('\n');
    }

    fn list_header(&mut self, depth: usize, field: &str, len: usize) {
        self.line(depth, field, &format!("[{len}]"), None, &[]);
    }

    fn stmts(&mut self, depth: usize, field: &str, body: &[Stmt]) {
        self.list_header(depth, field, body.len());
        for s in body {
            self.stmt(depth + 1, "", s);
        }
    }

    fn exprs(&mut self, depth: usize, field: &str, list: &[Expr]) {
        self.list_header(depth, field, list.len());
        for e in list {
            self.expr(depth + 1, "", e);
        }
    }

    fn opt_expr(&mut self, depth: usize, field: &str, e: Option<&Expr>) {
        match e {
            Some(e) => self.expr(depth, field, e),
            None => self.line(depth, field, "None", None, &[]),
        }
    }

    fn stmt(&mut self, depth: usize, field: &str, s: &Stmt) {
        let span = Some(s.span);
        let d = depth + 1;
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.line(
                    depth,
                    field,
                    "FunctionDef",
                    span,
                    &[("name", repr_str(&f.name))],
                );
                self.arguments(d, &f.args);
                self.stmts(d, "body", &f.body);
                self.exprs(d, "decorator_list", &f.decorators);
                self.opt_expr(d, "returns", f.returns.as_ref());
            }
            StmtKind::ClassDef(c) => {
                self.line(
                    depth,
                    field,
                    "ClassDef",
                    span,
                    &[("name", repr_str(&c.name))],
                );
                self.exprs(d, "bases", &c.bases);
                self.keywords(d, &c.keywords);
                self.stmts(d, "body", &c.body);
                self.exprs(d, "decorator_list", &c.decorators);
            }
            StmtKind::Return(value) => {
                self.line(depth, field, "Return", span, &[]);
                self.opt_expr(d, "value", value.as_ref());
            }
            StmtKind::Delete(targets) => {
                self.line(depth, field, "Delete", span, &[]);
                self.exprs(d, "targets", targets);
            }
            StmtKind::Assign { targets, value } => {
                self.line(depth, field, "Assign", span, &[]);
                self.exprs(d, "targets", targets);
                self.expr(d, "value", value);
            }
            StmtKind::AugAssign { target, op, value } => {
                self.line(
                    depth,
                    field,
                    "AugAssign",
                    span,
                    &[("op", binop_name(*op).to_string())],
                );
                self.expr(d, "target", target);
                self.expr(d, "value", value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                self.line(
                    depth,
                    field,
                    "AnnAssign",
                    span,
                    &[("simple", (*simple as u8).to_string())],
                );
                self.expr(d, "target", target);
                self.expr(d, "annotation", annotation);
                self.opt_expr(d, "value", value.as_ref());
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.line(depth, field, "For", span, &[]);
                self.expr(d, "target", target);
                self.expr(d, "iter", iter);
                self.stmts(d, "body", body);
                self.stmts(d, "orelse", orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                let class = if matches!(s.kind, StmtKind::While { .. }) {
                    "While"
                } else {
                    "If"
                };
                self.line(depth, field, class, span, &[]);
                self.expr(d, "test", test);
                self.stmts(d, "body", body);
                self.stmts(d, "orelse", orelse);
            }
            StmtKind::With { items, body } => {
                self.line(depth, field, "With", span, &[]);
                self.list_header(d, "items", items.len());
                for item in items {
                    self.line(d + 1, "", "withitem", None, &[]);
                    self.expr(d + 2, "context_expr", &item.context);
                    self.opt_expr(d + 2, "optional_vars", item.target.as_ref());
                }
                self.stmts(d, "body", body);
            }
            StmtKind::Raise { exc, cause } => {
                self.line(depth, field, "Raise", span, &[]);
                self.opt_expr(d, "exc", exc.as_ref());
                self.opt_expr(d, "cause", cause.as_ref());
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.line(depth, field, "Try", span, &[]);
                self.stmts(d, "body", body);
                self.list_header(d, "handlers", handlers.len());
                for h in handlers {
                    let name = h.name.as_deref().map_or("None".to_string(), repr_str);
                    self.line(d + 1, "", "ExceptHandler", Some(h.span), &[("name", name)]);
                    self.opt_expr(d + 2, "type", h.kind.as_ref());
                    self.stmts(d + 2, "body", &h.body);
                }
                self.stmts(d, "orelse", orelse);
                self.stmts(d, "finalbody", finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.line(depth, field, "Assert", span, &[]);
                self.expr(d, "test", test);
                self.opt_expr(d, "msg", msg.as_ref());
            }
            StmtKind::Import(names) => {
                self.line(depth, field, "Import", span, &[]);
                self.aliases(d, names);
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                let module = module.as_deref().map_or("None".to_string(), repr_str);
                self.line(
                    depth,
                    field,
                    "ImportFrom",
                    span,
                    &[("module", module), ("level", level.to_string())],
                );
                self.aliases(d, names);
            }
            StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
                let class = if matches!(s.kind, StmtKind::Global(_)) {
                    "Global"
                } else {
                    "Nonlocal"
                };
                let names: Vec<String> = names.iter().map(|n| repr_str(n)).collect();
                self.line(
                    depth,
                    field,
                    class,
                    span,
                    &[("names", format!("[{}]", names.join(", ")))],
                );
            }
            StmtKind::Expr(value) => {
                self.line(depth, field, "Expr", span, &[]);
                self.expr(d, "value", value);
            }
            StmtKind::Pass => self.line(depth, field, "Pass", span, &[]),
            StmtKind::Break => self.line(depth, field, "Break", span, &[]),
            StmtKind::Continue => self.line(depth, field, "Continue", span, &[]),
        }
    }

    fn aliases(&mut self, depth: usize, names: &[Alias]) {
        self.list_header(depth, "names", names.len());
        for a in names {
            let asname = a.asname.as_deref().map_or("None".to_string(), repr_str);
            self.line(
                depth + 1,
                "",
                "alias",
                Some(a.span),
                &[("name", repr_str(&a.name)), ("asname", asname)],
            );
        }
    }

    fn keywords(&mut self, depth: usize, keywords: &[Keyword]) {
        self.list_header(depth, "keywords", keywords.len());
        for k in keywords {
            let arg = k.arg.as_deref().map_or("None".to_string(), repr_str);
            self.line(depth + 1, "", "keyword", Some(k.span), &[("arg", arg)]);
            self.expr(depth + 2, "value", &k.value);
        }
    }

    fn arguments(&mut self, depth: usize, a: &Arguments) {
        let d = depth + 1;
        self.line(depth, "args", "arguments", None, &[]);
        self.args(d, "posonlyargs", &a.posonly);
        self.args(d, "args", &a.args);
        self.opt_arg(d, "vararg", a.vararg.as_ref());
        self.args(d, "kwonlyargs", &a.kwonly);
        self.list_header(d, "kw_defaults", a.kw_defaults.len());
        for default in &a.kw_defaults {
            self.opt_expr(d + 1, "", default.as_ref());
        }
        self.opt_arg(d, "kwarg", a.kwarg.as_ref());
        self.exprs(d, "defaults", &a.defaults);
    }

    fn args(&mut self, depth: usize, field: &str, args: &[Arg]) {
        self.list_header(depth, field, args.len());
        for a in args {
            self.opt_arg(depth + 1, "", Some(a));
        }
    }

    fn opt_arg(&mut self, depth: usize, field: &str, a: Option<&Arg>) {
        match a {
            Some(a) => {
                self.line(
                    depth,
                    field,
                    "arg",
                    Some(a.span),
                    &[("arg", repr_str(&a.name))],
                );
                self.opt_expr(depth + 1, "annotation", a.annotation.as_ref());
            }
            None => self.line(depth, field, "None", None, &[]),
        }
    }

    fn comprehensions(&mut self, depth: usize, generators: &[Comprehension]) {
        self.list_header(depth, "generators", generators.len());
        for c in generators {
            self.line(depth + 1, "", "comprehension", None, &[]);
            self.expr(depth + 2, "target", &c.target);
            self.expr(depth + 2, "iter", &c.iter);
            self.exprs(depth + 2, "ifs", &c.ifs);
        }
    }

    fn expr(&mut self, depth: usize, field: &str, e: &Expr) {
        let span = Some(e.span);
        let d = depth + 1;
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let op = if *op == BoolOp::And { "And" } else { "Or" };
                self.line(depth, field, "BoolOp", span, &[("op", op.to_string())]);
                self.exprs(d, "values", values);
            }
            ExprKind::NamedExpr { target, value } => {
                self.line(
                    depth,
                    field,
                    "NamedExpr",
                    span,
                    &[("target", repr_str(target))],
                );
                self.expr(d, "value", value);
            }
            ExprKind::BinOp { left, op, right } => {
                self.line(
                    depth,
                    field,
                    "BinOp",
                    span,
                    &[("op", binop_name(*op).to_string())],
                );
                self.expr(d, "left", left);
                self.expr(d, "right", right);
            }
            ExprKind::UnaryOp { op, operand } => {
                let op = match op {
                    UnaryOp::Invert => "Invert",
                    UnaryOp::Not => "Not",
                    UnaryOp::UAdd => "UAdd",
                    UnaryOp::USub => "USub",
                };
                self.line(depth, field, "UnaryOp", span, &[("op", op.to_string())]);
                self.expr(d, "operand", operand);
            }
            ExprKind::Lambda { args, body } => {
                self.line(depth, field, "Lambda", span, &[]);
                self.arguments(d, args);
                self.expr(d, "body", body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.line(depth, field, "IfExp", span, &[]);
                self.expr(d, "test", test);
                self.expr(d, "body", body);
                self.expr(d, "orelse", orelse);
            }
            ExprKind::Dict { keys, values } => {
                self.line(depth, field, "Dict", span, &[]);
                self.list_header(d, "keys", keys.len());
                for k in keys {
                    self.opt_expr(d + 1, "", k.as_ref());
                }
                self.exprs(d, "values", values);
            }
            ExprKind::Set(elts) => {
                self.line(depth, field, "Set", span, &[]);
                self.exprs(d, "elts", elts);
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                let class = match e.kind {
                    ExprKind::ListComp { .. } => "ListComp",
                    ExprKind::SetComp { .. } => "SetComp",
                    _ => "GeneratorExp",
                };
                self.line(depth, field, class, span, &[]);
                self.expr(d, "elt", elt);
                self.comprehensions(d, generators);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.line(depth, field, "DictComp", span, &[]);
                self.expr(d, "key", key);
                self.expr(d, "value", value);
                self.comprehensions(d, generators);
            }
            ExprKind::Await(value) => {
                self.line(depth, field, "Await", span, &[]);
                self.expr(d, "value", value);
            }
            ExprKind::Yield(value) => {
                self.line(depth, field, "Yield", span, &[]);
                self.opt_expr(d, "value", value.as_deref());
            }
            ExprKind::YieldFrom(value) => {
                self.line(depth, field, "YieldFrom", span, &[]);
                self.expr(d, "value", value);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let ops: Vec<&str> = ops.iter().map(|op| cmpop_name(*op)).collect();
                self.line(
                    depth,
                    field,
                    "Compare",
                    span,
                    &[("ops", format!("[{}]", ops.join(", ")))],
                );
                self.expr(d, "left", left);
                self.exprs(d, "comparators", comparators);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.line(depth, field, "Call", span, &[]);
                self.expr(d, "func", func);
                self.exprs(d, "args", args);
                self.keywords(d, keywords);
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                let conversion = conversion.map_or(-1, |c| c as i32);
                self.line(
                    depth,
                    field,
                    "FormattedValue",
                    span,
                    &[("conversion", conversion.to_string())],
                );
                self.expr(d, "value", value);
                self.opt_expr(d, "format_spec", format_spec.as_deref());
            }
            ExprKind::JoinedStr(values) => {
                self.line(depth, field, "JoinedStr", span, &[]);
                self.exprs(d, "values", values);
            }
            ExprKind::Constant(c) => {
                self.line(
                    depth,
                    field,
                    "Constant",
                    span,
                    &[("value", repr_constant(c))],
                );
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.line(
                    depth,
                    field,
                    "Attribute",
                    span,
                    &[("attr", repr_str(attr)), ("ctx", ctx_name(*ctx))],
                );
                self.expr(d, "value", value);
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.line(depth, field, "Subscript", span, &[("ctx", ctx_name(*ctx))]);
                self.expr(d, "value", value);
                self.expr(d, "slice", slice);
            }
            ExprKind::Starred { value, ctx } => {
                self.line(depth, field, "Starred", span, &[("ctx", ctx_name(*ctx))]);
                self.expr(d, "value", value);
            }
            ExprKind::Name { id, ctx } => {
                self.line(
                    depth,
                    field,
                    "Name",
                    span,
                    &[("id", repr_str(id)), ("ctx", ctx_name(*ctx))],
                );
            }
            ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
                let class = if matches!(e.kind, ExprKind::List { .. }) {
                    "List"
                } else {
                    "Tuple"
                };
                self.line(depth, field, class, span, &[("ctx", ctx_name(*ctx))]);
                self.exprs(d, "elts", elts);
            }
            ExprKind::Slice { lower, upper, step } => {
                self.line(depth, field, "Slice", span, &[]);
                self.opt_expr(d, "lower", lower.as_deref());
                self.opt_expr(d, "upper", upper.as_deref());
                self.opt_expr(d, "step", step.as_deref());
            }
        }
    }
}

fn ctx_name(ctx: Ctx) -> String {
    match ctx {
        Ctx::Load => "Load",
        Ctx::Store => "Store",
        Ctx::Del => "Del",
    }
    .to_string()
}

fn binop_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "Add",
        BinOp::Sub => "Sub",
        BinOp::Mult => "Mult",
        BinOp::MatMult => "MatMult",
        BinOp::Div => "Div",
        BinOp::Mod => "Mod",
        BinOp::Pow => "Pow",
        BinOp::LShift => "LShift",
        BinOp::RShift => "RShift",
        BinOp::BitOr => "BitOr",
        BinOp::BitXor => "BitXor",
        BinOp::BitAnd => "BitAnd",
        BinOp::FloorDiv => "FloorDiv",
    }
}

fn cmpop_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}

/// A constant as the dump shows it: numbers as Python's `repr`, strings and bytes
/// with every character outside printable ASCII escaped, so both sides agree
/// without a Unicode table.
fn repr_constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".to_string(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        Constant::Int(digits) => digits.clone(),
        Constant::Float(f) => repr_float(*f),
        Constant::Imaginary(f) => format!("{}j", repr_float(*f)),
        Constant::Str(s) => repr_str(s),
        Constant::Bytes(b) => {
            let mut out = String::from("b'");
            for &byte in b {
                match byte {
                    b'\\' => out.push_str("\\\\"),
                    b'\'' => out.push_str("\\'"),
                    0x20..=0x7e => out.push(byte as char),
                    _ => out.push_str(&format!("\\x{byte:02x}")),
                }
            }
            out.push('\'');
            out
        }
        Constant::Ellipsis => "Ellipsis".to_string(),
    }
}

fn repr_str(s: &str) -> String {
    let mut out = String::from("'");
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            ' '..='~' => out.push(ch),
            _ => out.push_str(&format!("\\u{{{:x}}}", ch as u32)),
        }
    }
    out.push('\'');
    out
}

/// Python's `repr` of a float: the shortest digits that read back the same, in
/// exponent form below 1e-4 and from 1e16.
fn repr_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sci = format!("{f:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if !(-4..16).contains(&exponent) {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        return format!("{sign}{first}{frac}e{exp_sign}{:02}", exponent.abs());
    }
    let point = exponent + 1;
    if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        format!(
            "{sign}{digits}{}.0",
            "0".repeat(point as usize - digits.len())
        )
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{sign}{int}.{frac}")
    }
}
