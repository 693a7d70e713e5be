//! Where each name lives, decided before any code is emitted (CPython's `symtable.c`).
//!
//! A first walk records, for every scope (module, class, function, lambda,
//! comprehension), the names it binds, declares `global` or `nonlocal`, and uses. A
//! second step resolves each used name: a local of its function, a cell shared with an
//! inner function, a free variable of an enclosing function, or a global.

use std::collections::HashMap;

use indexmap::{IndexMap, IndexSet};

use super::error_at;
use crate::syntax::SyntaxError;
use crate::syntax::ast::*;

/// How a name is reached from the code of one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    /// A fast local of a function (in a module or class body: a namespace entry).
    Local,
    /// A local that an inner function uses: kept in a cell.
    Cell,
    /// A variable of an enclosing function, reached through its cell.
    Free,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere in the enclosing functions: a global or a builtin.
    GlobalImplicit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Comprehension,
}

/// The resolved names of one scope.
#[derive(Debug)]
pub struct Scope {
    /// Every name of the scope, in the order first seen.
    pub symbols: IndexMap<String, Symbol>,
    /// Parameter names in CPython's `co_varnames` order.
    pub params: Vec<String>,
    pub is_generator: bool,
}

impl Scope {
    pub fn symbol(&self, name: &str) -> Symbol {
        self.symbols
            .get(name)
            .copied()
            .unwrap_or(Symbol::GlobalImplicit)
    }
}

/// The scopes of a module, keyed by the address of the node that opens each one (the
/// `Module`, a `FunctionDef`, `ClassDef`, `Lambda` or comprehension expression).
pub struct Scopes {
    pub by_node: HashMap<usize, Scope>,
}

impl Scopes {
    pub fn get<T>(&self, node: &T) -> &Scope {
        &self.by_node[&(node as *const T as usize)]
    }
}

struct RawScope {
    kind: ScopeKind,
    parent: Option<usize>,
    node: usize,
    params: Vec<String>,
    bound: IndexSet<String>,
    used: IndexSet<String>,
    globals: IndexSet<String>,
    nonlocals: IndexSet<String>,
    /// Where each `nonlocal` was declared, for its error.
    nonlocal_spans: HashMap<String, Span>,
    is_generator: bool,
    /// Which names are seen in order, so `symbols` keeps first-appearance order.
    order: IndexSet<String>,
}

struct Walker {
    scopes: Vec<RawScope>,
    current: usize,
}

/// Resolves every scope of `module`.
pub fn analyse(module: &Module) -> Result<Scopes, SyntaxError> {
    let mut walker = Walker {
        scopes: Vec::new(),
        current: 0,
    };
    walker.open(ScopeKind::Module, None, module as *const Module as usize);
    walker.body(&module.body)?;
    resolve(walker.scopes)
}

impl Walker {
    fn open(&mut self, kind: ScopeKind, parent: Option<usize>, node: usize) -> usize {
        self.scopes.push(RawScope {
            kind,
            parent,
            node,
            params: Vec::new(),
            bound: IndexSet::new(),
            used: IndexSet::new(),
            globals: IndexSet::new(),
            nonlocals: IndexSet::new(),
            nonlocal_spans: HashMap::new(),
            is_generator: false,
            order: IndexSet::new(),
        });
        self.current = self.scopes.len() - 1;
        self.current
    }

    fn scope(&mut self) -> &mut RawScope {
        &mut self.scopes[self.current]
    }

    fn bind(&mut self, name: &str, span: Span) -> Result<(), SyntaxError> {
        let scope = self.scope();
        if scope.globals.contains(name) || scope.nonlocals.contains(name) {
            scope.order.insert(name.to_owned());
            return Ok(());
        }
        let _ = span;
        scope.bound.insert(name.to_owned());
        scope.order.insert(name.to_owned());
        Ok(())
    }

    /// `(name := value)` inside comprehensions binds `name` in the nearest scope that is
    /// not a comprehension, as PEP 572 says.
    fn bind_named(&mut self, name: &str, span: Span) -> Result<(), SyntaxError> {
        if self.scope().kind != ScopeKind::Comprehension {
            return self.bind(name, span);
        }
        let mut outer = self.scopes[self.current].parent;
        while let Some(index) = outer {
            if self.scopes[index].kind != ScopeKind::Comprehension {
                break;
            }
            outer = self.scopes[index].parent;
        }
        let Some(outer) = outer else {
            return self.bind(name, span);
        };
        let outer_kind = self.scopes[outer].kind;
        if outer_kind == ScopeKind::Class {
            return Err(error_at(
                span,
                "assignment expression within a comprehension cannot be used in a class body",
            ));
        }
        self.scopes[outer].bound.insert(name.to_owned());
        self.scopes[outer].order.insert(name.to_owned());
        let mut index = self.current;
        while index != outer {
            let scope = &mut self.scopes[index];
            if outer_kind == ScopeKind::Module {
                scope.globals.insert(name.to_owned());
            } else {
                scope.nonlocals.insert(name.to_owned());
            }
            scope.order.insert(name.to_owned());
            index = scope.parent.expect("the outer scope encloses it");
        }
        Ok(())
    }

    fn use_name(&mut self, name: &str) {
        let scope = self.scope();
        scope.used.insert(name.to_owned());
        scope.order.insert(name.to_owned());
    }

    fn body(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        body.iter().try_for_each(|stmt| self.stmt(stmt))
    }

    fn declare(&mut self, names: &[String], span: Span, global: bool) -> Result<(), SyntaxError> {
        let keyword = if global { "global" } else { "nonlocal" };
        if !global && self.scope().kind == ScopeKind::Module {
            return Err(error_at(
                span,
                "nonlocal declaration not allowed at module level",
            ));
        }
        for name in names {
            let scope = self.scope();
            if scope.params.contains(name) {
                return Err(error_at(
                    span,
                    format!("name '{name}' is parameter and {keyword}"),
                ));
            }
            if scope.bound.contains(name) {
                return Err(error_at(
                    span,
                    format!("name '{name}' is assigned to before {keyword} declaration"),
                ));
            }
            if scope.used.contains(name) {
                return Err(error_at(
                    span,
                    format!("name '{name}' is used prior to {keyword} declaration"),
                ));
            }
            if global {
                scope.globals.insert(name.clone());
            } else {
                scope.nonlocals.insert(name.clone());
                scope.nonlocal_spans.insert(name.clone(), span);
            }
            scope.order.insert(name.clone());
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> Result<(), SyntaxError> {
        match &stmt.kind {
            StmtKind::FunctionDef(def) => {
                self.exprs(&def.decorators)?;
                self.arguments_outside(&def.args)?;
                if let Some(returns) = &def.returns {
                    self.expr(returns)?;
                }
                self.bind(&def.name, stmt.span)?;
                let parent = self.current;
                self.open(
                    ScopeKind::Function,
                    Some(parent),
                    def.as_ref() as *const FunctionDef as usize,
                );
                self.parameters(&def.args)?;
                self.body(&def.body)?;
                self.current = parent;
            }
            StmtKind::ClassDef(class) => {
                self.exprs(&class.decorators)?;
                self.exprs(&class.bases)?;
                for keyword in &class.keywords {
                    self.expr(&keyword.value)?;
                }
                self.bind(&class.name, stmt.span)?;
                let parent = self.current;
                self.open(
                    ScopeKind::Class,
                    Some(parent),
                    class.as_ref() as *const ClassDef as usize,
                );
                self.body(&class.body)?;
                self.current = parent;
            }
            StmtKind::Return(value) => {
                if let Some(value) = value {
                    self.expr(value)?;
                }
            }
            StmtKind::Delete(targets) => self.exprs(targets)?,
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                self.exprs(targets)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name { id, .. } = &target.kind {
                    self.use_name(id);
                }
                self.expr(target)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                if let Some(value) = value {
                    self.expr(value)?;
                }
                self.expr(annotation)?;
                self.expr(target)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.expr(target)?;
                self.body(body)?;
                self.body(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.body(body)?;
                self.body(orelse)?;
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&item.context)?;
                    if let Some(target) = &item.target {
                        self.expr(target)?;
                    }
                }
                self.body(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(exc) = exc {
                    self.expr(exc)?;
                }
                if let Some(cause) = cause {
                    self.expr(cause)?;
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.body(body)?;
                for handler in handlers {
                    if let Some(kind) = &handler.kind {
                        self.expr(kind)?;
                    }
                    if let Some(name) = &handler.name {
                        self.bind(name, handler.span)?;
                    }
                    self.body(&handler.body)?;
                }
                self.body(orelse)?;
                self.body(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(msg) = msg {
                    self.expr(msg)?;
                }
            }
            StmtKind::Import(aliases) => {
                for alias in aliases {
                    let name = match &alias.asname {
                        Some(asname) => asname.clone(),
                        None => alias.name.split('.').next().unwrap_or("").to_owned(),
                    };
                    self.bind(&name, alias.span)?;
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for alias in names {
                    if alias.name == "*" {
                        if self.scope().kind != ScopeKind::Module {
                            return Err(error_at(
                                stmt.span,
                                "import * only allowed at module level",
                            ));
                        }
                        continue;
                    }
                    let name = alias.asname.as_ref().unwrap_or(&alias.name).clone();
                    self.bind(&name, alias.span)?;
                }
            }
            StmtKind::Global(names) => self.declare(names, stmt.span, true)?,
            StmtKind::Nonlocal(names) => self.declare(names, stmt.span, false)?,
            StmtKind::Expr(value) => self.expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    /// What a `def` or `lambda` evaluates in the enclosing scope: defaults and annotations.
    fn arguments_outside(&mut self, args: &Arguments) -> Result<(), SyntaxError> {
        self.exprs(&args.defaults)?;
        for default in args.kw_defaults.iter().flatten() {
            self.expr(default)?;
        }
        let all = args
            .posonly
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonly)
            .chain(&args.kwarg);
        for arg in all {
            if let Some(annotation) = &arg.annotation {
                self.expr(annotation)?;
            }
        }
        Ok(())
    }

    fn parameters(&mut self, args: &Arguments) -> Result<(), SyntaxError> {
        let ordered = args
            .posonly
            .iter()
            .chain(&args.args)
            .chain(&args.kwonly)
            .chain(&args.vararg)
            .chain(&args.kwarg);
        for arg in ordered {
            if self.scope().params.contains(&arg.name) {
                return Err(error_at(
                    arg.span,
                    format!("duplicate argument '{}' in function definition", arg.name),
                ));
            }
            self.scope().params.push(arg.name.clone());
            self.bind(&arg.name, arg.span)?;
        }
        Ok(())
    }

    fn exprs(&mut self, exprs: &[Expr]) -> Result<(), SyntaxError> {
        exprs.iter().try_for_each(|expr| self.expr(expr))
    }

    fn expr(&mut self, expr: &Expr) -> Result<(), SyntaxError> {
        match &expr.kind {
            ExprKind::Name { id, ctx } => match ctx {
                Ctx::Load => {
                    self.use_name(id);
                    if id == "super" {
                        self.use_name("__class__");
                    }
                }
                Ctx::Store | Ctx::Del => self.bind(id, expr.span)?,
            },
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.bind_named(target, expr.span)?;
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.arguments_outside(args)?;
                let parent = self.current;
                self.open(
                    ScopeKind::Function,
                    Some(parent),
                    expr as *const Expr as usize,
                );
                self.parameters(args)?;
                self.expr(body)?;
                self.current = parent;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for key in keys.iter().flatten() {
                    self.expr(key)?;
                }
                self.exprs(values)?;
            }
            ExprKind::Set(elts) => self.exprs(elts)?,
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(expr, generators, &[elt])?;
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(expr, generators, &[key, value])?,
            ExprKind::Await(value) | ExprKind::YieldFrom(value) => {
                self.yields(expr.span)?;
                self.expr(value)?;
            }
            ExprKind::Yield(value) => {
                self.yields(expr.span)?;
                if let Some(value) = value {
                    self.expr(value)?;
                }
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for keyword in keywords {
                    self.expr(&keyword.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                }
            }
            ExprKind::JoinedStr(values) => self.exprs(values)?,
            ExprKind::Constant(_) => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts)?,
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part)?;
                }
            }
        }
        Ok(())
    }

    fn yields(&mut self, span: Span) -> Result<(), SyntaxError> {
        match self.scope().kind {
            ScopeKind::Function => {
                self.scope().is_generator = true;
                Ok(())
            }
            ScopeKind::Comprehension => Err(error_at(span, "'yield' inside list comprehension")),
            _ => Err(error_at(span, "'yield' outside function")),
        }
    }

    /// A comprehension: its first iterable is evaluated outside, everything else in a
    /// scope of its own whose parameter `.0` is that iterable's iterator.
    fn comprehension(
        &mut self,
        node: &Expr,
        generators: &[Comprehension],
        elts: &[&Expr],
    ) -> Result<(), SyntaxError> {
        self.expr(&generators[0].iter)?;
        let parent = self.current;
        self.open(
            ScopeKind::Comprehension,
            Some(parent),
            node as *const Expr as usize,
        );
        self.scope().params.push(".0".to_owned());
        self.bind(".0", node.span)?;
        if matches!(node.kind, ExprKind::GeneratorExp { .. }) {
            self.scope().is_generator = true;
        }
        for (i, generator) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&generator.iter)?;
            }
            self.expr(&generator.target)?;
            self.exprs(&generator.ifs)?;
        }
        for elt in elts {
            self.expr(elt)?;
        }
        self.current = parent;
        Ok(())
    }
}

fn resolve(raw: Vec<RawScope>) -> Result<Scopes, SyntaxError> {
    let mut symbols: Vec<IndexMap<String, Symbol>> = raw
        .iter()
        .map(|scope| {
            scope
                .order
                .iter()
                .map(|name| {
                    let symbol = if scope.globals.contains(name) {
                        Symbol::GlobalExplicit
                    } else if scope.nonlocals.contains(name) {
                        Symbol::Free
                    } else if scope.bound.contains(name) {
                        Symbol::Local
                    } else {
                        Symbol::GlobalImplicit
                    };
                    (name.clone(), symbol)
                })
                .collect()
        })
        .collect();

    for (index, scope) in raw.iter().enumerate() {
        if scope.kind == ScopeKind::Module {
            continue;
        }
        let wanted: Vec<String> = scope
            .order
            .iter()
            .filter(|name| {
                matches!(
                    symbols[index][name.as_str()],
                    Symbol::GlobalImplicit | Symbol::Free
                ) && !scope.globals.contains(name.as_str())
            })
            .cloned()
            .collect();
        for name in wanted {
            let is_nonlocal = scope.nonlocals.contains(&name);
            // Walk outwards to the function that binds the name; class bodies are
            // skipped, except that a class binds the `__class__` its methods use.
            let mut path = Vec::new();
            let mut parent = scope.parent;
            let mut binder = None;
            while let Some(p) = parent {
                let outer = &raw[p];
                match outer.kind {
                    ScopeKind::Module => break,
                    ScopeKind::Class if name == "__class__" => {
                        binder = Some(p);
                        break;
                    }
                    ScopeKind::Class => {}
                    _ => {
                        if matches!(symbols[p].get(&name), Some(Symbol::Local | Symbol::Cell)) {
                            binder = Some(p);
                            break;
                        }
                        if outer.nonlocals.contains(&name) {
                            path.push(p);
                        } else if outer.globals.contains(&name) {
                            break;
                        } else {
                            path.push(p);
                        }
                    }
                }
                parent = outer.parent;
            }
            match binder {
                Some(b) => {
                    symbols[b].insert(name.clone(), Symbol::Cell);
                    for p in path {
                        if raw[p].kind != ScopeKind::Class {
                            symbols[p].insert(name.clone(), Symbol::Free);
                        }
                    }
                    symbols[index].insert(name.clone(), Symbol::Free);
                }
                None if is_nonlocal => {
                    return Err(error_at(
                        scope.nonlocal_spans.get(&name).copied().unwrap_or_default(),
                        format!("no binding for nonlocal '{name}' found"),
                    ));
                }
                None => {
                    symbols[index].insert(name.clone(), Symbol::GlobalImplicit);
                }
            }
        }
    }

    let by_node = raw
        .into_iter()
        .zip(symbols)
        .map(|(scope, symbols)| {
            (
                scope.node,
                Scope {
                    symbols,
                    params: scope.params,
                    is_generator: scope.is_generator,
                },
            )
        })
        .collect();
    Ok(Scopes { by_node })
}
