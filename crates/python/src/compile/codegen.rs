//! Emits the instructions of each code object (CPython's `compile.c`, much simplified).
//!
//! `finally` bodies are emitted inline on every way out of their `try` (falling off the
//! end, `return`, `break`, `continue`) and once more for the exceptional path, as
//! CPython 3.11 does, so the VM needs no knowledge of "why" a block is left.

use std::rc::Rc;

use indexmap::IndexSet;

use super::symtable::{Scope, Scopes, Symbol};
use super::{Code, CodeKind, Mode, Op, error_at, make_function};
use crate::syntax::SyntaxError;
use crate::syntax::ast::*;
use crate::value::Value;
use crate::vm::int::int_from_literal;

/// Compiles the module's code object and, through its constants, every nested one.
pub fn compile(
    module: &Module,
    filename: &str,
    mode: Mode,
    scopes: Scopes,
) -> Result<Rc<Code>, SyntaxError> {
    let mut compiler = Compiler {
        scopes: &scopes,
        filename: Rc::from(filename),
        mode,
        units: Vec::new(),
        span: Span {
            line: 1,
            col: 0,
            end_line: 1,
            end_col: 0,
        },
    };
    let scope = scopes.get(module);
    compiler.push_unit(
        scope,
        "<module>",
        "<module>".to_owned(),
        CodeKind::Module,
        1,
        None,
    );
    compiler.store_docstring(&module.body);
    compiler.body(&module.body)?;
    compiler.emit_const(Value::None);
    compiler.emit(Op::ReturnValue);
    Ok(Rc::new(compiler.pop_unit(0, 0, 0, false, false)))
}

/// A block the code is inside of, which `break`, `continue` and `return` must leave
/// properly (CPython's `fblockinfo`).
enum Block<'a> {
    /// A `while` loop: where `continue` goes, and the `break` jumps to patch.
    While { start: usize, breaks: Vec<usize> },
    /// A `for` loop, whose iterator is on the stack.
    For { start: usize, breaks: Vec<usize> },
    /// A `try` body with handlers.
    TryExcept,
    /// A `try` body whose `finally` runs on the way out.
    TryFinally(&'a [Stmt]),
    /// A `finally` body run for an exception, which is on the stack.
    FinallyEnd,
    /// An `except` body: leaving it ends the handling, and unbinds `as name`.
    Handler(Option<String>),
    /// A `with` body, whose `__exit__` is on the stack.
    With,
}

/// One code object being built.
struct Unit<'a> {
    scope: &'a Scope,
    name: Rc<str>,
    qualname: String,
    kind: CodeKind,
    first_line: u32,
    ops: Vec<Op>,
    spans: Vec<Span>,
    consts: Vec<Value>,
    names: IndexSet<Rc<str>>,
    varnames: IndexSet<Rc<str>>,
    cellvars: IndexSet<Rc<str>>,
    freevars: IndexSet<Rc<str>>,
    blocks: Vec<Block<'a>>,
    /// The class whose body this is, or the nearest enclosing one: its name mangles
    /// `__private` names.
    class_name: Option<String>,
}

struct Compiler<'a> {
    scopes: &'a Scopes,
    filename: Rc<str>,
    mode: Mode,
    units: Vec<Unit<'a>>,
    span: Span,
}

/// How a name is read, written or deleted.
#[derive(Clone, Copy)]
enum Access {
    Load,
    Store,
    Delete,
}

impl<'a> Compiler<'a> {
    /// A module's or class's docstring becomes its `__doc__`.
    fn store_docstring(&mut self, body: &[Stmt]) {
        if let Some(doc) = docstring(body) {
            self.emit_const(Value::str(doc));
            let index = self.name_index("__doc__");
            self.emit(Op::StoreName(index));
        }
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is open")
    }

    fn push_unit(
        &mut self,
        scope: &'a Scope,
        name: &str,
        qualname: String,
        kind: CodeKind,
        first_line: u32,
        class_name: Option<String>,
    ) {
        let class_name =
            class_name.or_else(|| self.units.last().and_then(|u| u.class_name.clone()));
        let mut unit = Unit {
            scope,
            name: Rc::from(name),
            qualname,
            kind,
            first_line,
            ops: Vec::new(),
            spans: Vec::new(),
            consts: Vec::new(),
            names: IndexSet::new(),
            varnames: IndexSet::new(),
            cellvars: IndexSet::new(),
            freevars: IndexSet::new(),
            blocks: Vec::new(),
            class_name,
        };
        for param in &scope.params {
            unit.varnames.insert(Rc::from(param.as_str()));
        }
        for (name, symbol) in &scope.symbols {
            match symbol {
                Symbol::Cell => {
                    unit.cellvars.insert(Rc::from(name.as_str()));
                }
                Symbol::Free => {
                    unit.freevars.insert(Rc::from(name.as_str()));
                }
                Symbol::Local if matches!(kind, CodeKind::Function | CodeKind::Comprehension) => {
                    unit.varnames.insert(Rc::from(name.as_str()));
                }
                _ => {}
            }
        }
        self.units.push(unit);
    }

    fn pop_unit(
        &mut self,
        argcount: u32,
        posonlyargcount: u32,
        kwonlyargcount: u32,
        varargs: bool,
        varkeywords: bool,
    ) -> Code {
        let unit = self.units.pop().expect("a unit is open");
        let cell_params = unit
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(cell, name)| {
                unit.scope
                    .params
                    .iter()
                    .position(|p| p.as_str() == name.as_ref())
                    .map(|slot| (slot as u32, cell as u32))
            })
            .collect();
        Code {
            name: unit.name,
            qualname: Rc::from(unit.qualname.as_str()),
            filename: self.filename.clone(),
            ops: unit.ops,
            spans: unit.spans,
            consts: unit.consts,
            name_slots: vec![std::cell::Cell::new(u32::MAX); unit.names.len()],
            names: unit.names.into_iter().collect(),
            varnames: unit.varnames.into_iter().collect(),
            cellvars: unit.cellvars.into_iter().collect(),
            freevars: unit.freevars.into_iter().collect(),
            cell_params,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            varargs,
            varkeywords,
            is_generator: unit.scope.is_generator,
            kind: unit.kind,
            first_line: unit.first_line,
        }
    }

    fn emit(&mut self, op: Op) -> usize {
        let span = self.span;
        let unit = self.unit();
        unit.ops.push(op);
        unit.spans.push(span);
        unit.ops.len() - 1
    }

    fn here(&mut self) -> usize {
        self.unit().ops.len()
    }

    /// Points the jump at `at` to the next instruction.
    fn patch(&mut self, at: usize) {
        let target = self.here() as u32;
        self.patch_to(at, target);
    }

    fn patch_to(&mut self, at: usize, target: u32) {
        let op = &mut self.unit().ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::YieldFromIter(_) => Op::YieldFromIter(target),
            Op::PushHandler(_) => Op::PushHandler(target),
            other => other,
        };
    }

    fn add_const(&mut self, value: Value) -> u32 {
        let unit = self.unit();
        unit.consts.push(value);
        (unit.consts.len() - 1) as u32
    }

    fn emit_const(&mut self, value: Value) {
        let index = self.add_const(value);
        self.emit(Op::LoadConst(index));
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let (index, _) = self.unit().names.insert_full(Rc::from(name));
        index as u32
    }

    /// `__private` names inside a class become `_Class__private`.
    fn mangle(&self, name: &str) -> String {
        let Some(class) = self.units.last().and_then(|u| u.class_name.as_deref()) else {
            return name.to_owned();
        };
        if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
            return name.to_owned();
        }
        let class = class.trim_start_matches('_');
        if class.is_empty() {
            return name.to_owned();
        }
        format!("_{class}{name}")
    }

    fn name_op(&mut self, name: &str, access: Access) {
        let name = self.mangle(name);
        let unit = self.units.last().expect("a unit is open");
        let symbol = unit.scope.symbol(&name);
        let kind = unit.kind;
        let op = match (kind, symbol) {
            (_, Symbol::Cell | Symbol::Free) => {
                let unit = self.unit();
                let index = match unit.cellvars.get_index_of(name.as_str()) {
                    Some(i) => i,
                    None => {
                        unit.cellvars.len() + unit.freevars.insert_full(Rc::from(name.as_str())).0
                    }
                } as u32;
                match access {
                    Access::Load if kind == CodeKind::Class => Op::LoadClassDeref(index),
                    Access::Load => Op::LoadDeref(index),
                    Access::Store => Op::StoreDeref(index),
                    Access::Delete => Op::DeleteDeref(index),
                }
            }
            (_, Symbol::GlobalExplicit)
            | (CodeKind::Function | CodeKind::Comprehension, Symbol::GlobalImplicit) => {
                let index = self.name_index(&name);
                match access {
                    Access::Load => Op::LoadGlobal(index),
                    Access::Store => Op::StoreGlobal(index),
                    Access::Delete => Op::DeleteGlobal(index),
                }
            }
            (CodeKind::Function | CodeKind::Comprehension, Symbol::Local) => {
                let (index, _) = self.unit().varnames.insert_full(Rc::from(name.as_str()));
                let index = index as u32;
                match access {
                    Access::Load => Op::LoadFast(index),
                    Access::Store => Op::StoreFast(index),
                    Access::Delete => Op::DeleteFast(index),
                }
            }
            _ => {
                let index = self.name_index(&name);
                match access {
                    Access::Load => Op::LoadName(index),
                    Access::Store => Op::StoreName(index),
                    Access::Delete => Op::DeleteName(index),
                }
            }
        };
        self.emit(op);
    }

    fn body(&mut self, body: &'a [Stmt]) -> Result<(), SyntaxError> {
        body.iter().try_for_each(|stmt| self.stmt(stmt))
    }

    fn stmt(&mut self, stmt: &'a Stmt) -> Result<(), SyntaxError> {
        self.span = stmt.span;
        match &stmt.kind {
            StmtKind::FunctionDef(def) => self.function_def(def, stmt.span)?,
            StmtKind::ClassDef(class) => self.class_def(class, stmt.span)?,
            StmtKind::Return(value) => {
                if !matches!(self.unit().kind, CodeKind::Function) {
                    return Err(error_at(stmt.span, "'return' outside function"));
                }
                match value {
                    Some(value) => self.expr(value)?,
                    None => self.emit_const(Value::None),
                }
                self.span = stmt.span;
                let _ = self.unwind_blocks(true, None);
                self.emit(Op::ReturnValue);
            }
            StmtKind::Delete(targets) => {
                for target in targets {
                    self.delete(target)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, target) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::DupTop);
                    }
                    self.store(target)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(value) = value {
                    self.expr(value)?;
                    self.store(target)?;
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.span = stmt.span;
                self.emit(Op::GetIter);
                let start = self.here();
                let exit = self.emit(Op::ForIter(0));
                self.store(target)?;
                self.unit().blocks.push(Block::For {
                    start,
                    breaks: Vec::new(),
                });
                self.body(body)?;
                self.emit(Op::Jump(start as u32));
                let Some(Block::For { breaks, .. }) = self.unit().blocks.pop() else {
                    unreachable!("the for block is on top")
                };
                self.patch(exit);
                self.body(orelse)?;
                for at in breaks {
                    self.patch(at);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.here();
                self.expr(test)?;
                let exit = self.emit(Op::PopJumpIfFalse(0));
                self.unit().blocks.push(Block::While {
                    start,
                    breaks: Vec::new(),
                });
                self.body(body)?;
                self.emit(Op::Jump(start as u32));
                let Some(Block::While { breaks, .. }) = self.unit().blocks.pop() else {
                    unreachable!("the while block is on top")
                };
                self.patch(exit);
                self.body(orelse)?;
                for at in breaks {
                    self.patch(at);
                }
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let otherwise = self.emit(Op::PopJumpIfFalse(0));
                self.body(body)?;
                if orelse.is_empty() {
                    self.patch(otherwise);
                } else {
                    let end = self.emit(Op::Jump(0));
                    self.patch(otherwise);
                    self.body(orelse)?;
                    self.patch(end);
                }
            }
            StmtKind::With { items, body } => self.with(items, body, stmt.span)?,
            StmtKind::Raise { exc, cause } => {
                let mut argc = 0;
                if let Some(exc) = exc {
                    self.expr(exc)?;
                    argc = 1;
                    if let Some(cause) = cause {
                        self.expr(cause)?;
                        argc = 2;
                    }
                }
                self.span = stmt.span;
                self.emit(Op::Raise(argc));
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let ok = self.emit(Op::PopJumpIfTrue(0));
                // CPython locates a failed assert at its test.
                self.span = test.span;
                self.emit(Op::LoadAssertionError);
                if let Some(msg) = msg {
                    self.expr(msg)?;
                    self.span = test.span;
                    self.emit(Op::Call(1));
                }
                self.emit(Op::Raise(1));
                self.patch(ok);
            }
            StmtKind::Import(aliases) => {
                for alias in aliases {
                    self.emit_const(Value::Int(0));
                    self.emit_const(Value::None);
                    let index = self.name_index(&alias.name);
                    self.emit(Op::ImportName(index));
                    match &alias.asname {
                        Some(asname) => {
                            for part in alias.name.split('.').skip(1) {
                                let index = self.name_index(part);
                                self.emit(Op::ImportFrom(index));
                                self.emit(Op::RotTwo);
                                self.emit(Op::PopTop);
                            }
                            self.name_op(asname, Access::Store);
                        }
                        None => {
                            let top = alias.name.split('.').next().unwrap_or("");
                            self.name_op(top, Access::Store);
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.emit_const(Value::Int(*level as i64));
                let fromlist = names.iter().map(|a| Value::str(&a.name)).collect();
                self.emit_const(Value::tuple(fromlist));
                let index = self.name_index(module.as_deref().unwrap_or(""));
                self.emit(Op::ImportName(index));
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Op::ImportStar);
                } else {
                    for alias in names {
                        let index = self.name_index(&alias.name);
                        self.emit(Op::ImportFrom(index));
                        let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                        self.name_op(bound, Access::Store);
                    }
                    self.emit(Op::PopTop);
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => {}
            StmtKind::Expr(value) => {
                if self.mode == Mode::Interactive && self.units.len() == 1 {
                    self.expr(value)?;
                    self.span = stmt.span;
                    self.emit(Op::PrintExpr);
                } else if !matches!(value.kind, ExprKind::Constant(_)) {
                    self.expr(value)?;
                    self.emit(Op::PopTop);
                }
            }
            StmtKind::Break => {
                self.unwind_blocks(false, Some(true))
                    .map_err(|_| error_at(stmt.span, "'break' outside loop"))?;
            }
            StmtKind::Continue => {
                self.unwind_blocks(false, Some(false))
                    .map_err(|_| error_at(stmt.span, "'continue' not properly in loop"))?;
            }
        }
        Ok(())
    }

    /// Leaves every block up to the innermost loop (`break`: `Some(true)`, `continue`:
    /// `Some(false)`) or up to the function (`None`, for `return`), emitting what each
    /// block needs on the way out. For `return`, the value is on top of the stack.
    /// Each block is taken off while its exit is emitted, with the blocks inside it, so
    /// that a `finally` body compiled here sees only the blocks around it.
    fn unwind_blocks(&mut self, returning: bool, to_loop: Option<bool>) -> Result<(), ()> {
        let mut left = Vec::new();
        let mut outcome = if to_loop.is_some() { Err(()) } else { Ok(()) };
        while let Some(mut block) = self.unit().blocks.pop() {
            let mut reached = false;
            match &mut block {
                Block::While { start, .. } | Block::For { start, .. } if to_loop.is_some() => {
                    let start = *start as u32;
                    let is_for = matches!(block, Block::For { .. });
                    if to_loop == Some(true) {
                        if is_for {
                            self.emit(Op::PopTop);
                        }
                        let at = self.emit(Op::Jump(0));
                        if let Block::While { breaks, .. } | Block::For { breaks, .. } = &mut block
                        {
                            breaks.push(at);
                        }
                    } else {
                        self.emit(Op::Jump(start));
                    }
                    reached = true;
                }
                Block::While { .. } => {}
                Block::For { .. } => {
                    if returning {
                        self.emit(Op::RotTwo);
                    }
                    self.emit(Op::PopTop);
                }
                Block::TryExcept => {
                    self.emit(Op::PopHandler);
                }
                Block::TryFinally(finalbody) => {
                    self.emit(Op::PopHandler);
                    let finalbody: &'a [Stmt] = finalbody;
                    let saved = self.span;
                    let result = self.body(finalbody);
                    self.span = saved;
                    if result.is_err() {
                        outcome = Err(());
                        reached = true;
                    }
                }
                Block::FinallyEnd => {
                    if returning {
                        self.emit(Op::RotTwo);
                    }
                    self.emit(Op::PopTop);
                    self.emit(Op::PopExcept);
                }
                Block::Handler(name) => {
                    let name = name.clone();
                    self.emit(Op::PopExcept);
                    if let Some(name) = name {
                        self.clear_handler_name(&name);
                    }
                }
                Block::With => {
                    self.emit(Op::PopHandler);
                    if returning {
                        self.emit(Op::RotTwo);
                    }
                    self.emit(Op::ExitWith);
                }
            }
            left.push(block);
            if reached {
                if to_loop.is_some()
                    && outcome.is_err()
                    && matches!(left.last(), Some(Block::While { .. } | Block::For { .. }))
                {
                    outcome = Ok(());
                }
                break;
            }
        }
        while let Some(block) = left.pop() {
            self.unit().blocks.push(block);
        }
        outcome
    }

    /// `except E as name:` unbinds `name` when its block ends, as Python does.
    fn clear_handler_name(&mut self, name: &str) {
        self.emit_const(Value::None);
        self.name_op(name, Access::Store);
        self.name_op(name, Access::Delete);
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> Result<(), SyntaxError> {
        let setup = self.emit(Op::PushHandler(0));
        self.unit().blocks.push(Block::TryExcept);
        self.body(body)?;
        self.unit().blocks.pop();
        self.emit(Op::PopHandler);
        self.body(orelse)?;
        let mut ends = vec![self.emit(Op::Jump(0))];
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        for (i, handler) in handlers.iter().enumerate() {
            self.span = handler.span;
            if handler.kind.is_none() && i + 1 < handlers.len() {
                return Err(error_at(handler.span, "default 'except:' must be last"));
            }
            let next = match &handler.kind {
                Some(kind) => {
                    self.expr(kind)?;
                    self.span = handler.span;
                    self.emit(Op::CheckExcMatch);
                    Some(self.emit(Op::PopJumpIfFalse(0)))
                }
                None => None,
            };
            match &handler.name {
                Some(name) => self.name_op(name, Access::Store),
                None => {
                    self.emit(Op::PopTop);
                }
            }
            self.unit()
                .blocks
                .push(Block::Handler(handler.name.clone()));
            self.body(&handler.body)?;
            self.unit().blocks.pop();
            self.emit(Op::PopExcept);
            if let Some(name) = &handler.name {
                self.clear_handler_name(name);
            }
            ends.push(self.emit(Op::Jump(0)));
            if let Some(next) = next {
                self.patch(next);
            }
        }
        self.emit(Op::Reraise);
        for end in ends {
            self.patch(end);
        }
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> Result<(), SyntaxError> {
        let setup = self.emit(Op::PushHandler(0));
        self.unit().blocks.push(Block::TryFinally(finalbody));
        if handlers.is_empty() {
            self.body(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.unit().blocks.pop();
        self.emit(Op::PopHandler);
        self.body(finalbody)?;
        let end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        self.unit().blocks.push(Block::FinallyEnd);
        self.body(finalbody)?;
        self.unit().blocks.pop();
        self.emit(Op::Reraise);
        self.patch(end);
        Ok(())
    }

    fn with(
        &mut self,
        items: &'a [WithItem],
        body: &'a [Stmt],
        span: Span,
    ) -> Result<(), SyntaxError> {
        let Some((item, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&item.context)?;
        self.span = span;
        self.emit(Op::BeforeWith);
        match &item.target {
            Some(target) => self.store(target)?,
            None => {
                self.emit(Op::PopTop);
            }
        }
        let setup = self.emit(Op::PushHandler(0));
        self.unit().blocks.push(Block::With);
        self.with(rest, body, span)?;
        self.unit().blocks.pop();
        self.span = span;
        self.emit(Op::PopHandler);
        self.emit(Op::ExitWith);
        let end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        self.emit(Op::WithExceptStart);
        let suppress = self.emit(Op::PopJumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(suppress);
        self.emit(Op::PopTop);
        self.emit(Op::PopExcept);
        self.emit(Op::PopTop);
        self.patch(end);
        Ok(())
    }

    fn function_def(&mut self, def: &'a FunctionDef, span: Span) -> Result<(), SyntaxError> {
        for decorator in &def.decorators {
            self.expr(decorator)?;
        }
        self.span = span;
        let scope = self.scopes.get(def);
        let qualname = self.qualname(&def.name);
        let first_line = def.decorators.first().map_or(span.line, |d| d.span.line);
        let flags = self.defaults(&def.args)?;
        self.span = span;
        self.push_unit(
            scope,
            &def.name,
            qualname,
            CodeKind::Function,
            first_line,
            None,
        );
        // A docstring is the function's first constant, as in CPython.
        let doc = docstring(&def.body).map_or(Value::None, Value::str);
        self.add_const(doc);
        self.body(&def.body)?;
        self.emit_const(Value::None);
        self.emit(Op::ReturnValue);
        let code = self.finish_function(&def.args);
        self.make_function(code, flags, span);
        for _ in &def.decorators {
            self.emit(Op::Call(1));
        }
        self.name_op(&def.name, Access::Store);
        Ok(())
    }

    fn finish_function(&mut self, args: &Arguments) -> Code {
        self.pop_unit(
            (args.posonly.len() + args.args.len()) as u32,
            args.posonly.len() as u32,
            args.kwonly.len() as u32,
            args.vararg.is_some(),
            args.kwarg.is_some(),
        )
    }

    /// Pushes a function's defaults (a tuple) and keyword-only defaults (a dict).
    fn defaults(&mut self, args: &'a Arguments) -> Result<u8, SyntaxError> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for default in &args.defaults {
                self.expr(default)?;
            }
            self.emit(Op::BuildTuple(args.defaults.len() as u32));
            flags |= make_function::DEFAULTS;
        }
        let kw: Vec<(&Arg, &Expr)> = args
            .kwonly
            .iter()
            .zip(&args.kw_defaults)
            .filter_map(|(arg, default)| default.as_ref().map(|d| (arg, d)))
            .collect();
        if !kw.is_empty() {
            for (arg, default) in &kw {
                self.emit_const(Value::str(&arg.name));
                self.expr(default)?;
            }
            self.emit(Op::BuildMap(kw.len() as u32));
            flags |= make_function::KWDEFAULTS;
        }
        Ok(flags)
    }

    /// Emits `MakeFunction` for `code`, with the closure of its free variables.
    fn make_function(&mut self, code: Code, mut flags: u8, span: Span) {
        self.span = span;
        if !code.freevars.is_empty() {
            for name in code.freevars.clone().iter() {
                let unit = self.unit();
                let index = match unit.cellvars.get_index_of(name) {
                    Some(i) => i,
                    None => unit.cellvars.len() + unit.freevars.insert_full(name.clone()).0,
                };
                self.emit(Op::LoadClosure(index as u32));
            }
            self.emit(Op::BuildTuple(code.freevars.len() as u32));
            flags |= make_function::CLOSURE;
        }
        let index = self.add_const(Value::Code(Rc::new(code)));
        self.emit(Op::MakeFunction { code: index, flags });
    }

    fn qualname(&self, name: &str) -> String {
        let Some(parent) = self.units.last() else {
            return name.to_owned();
        };
        match parent.kind {
            CodeKind::Module => name.to_owned(),
            CodeKind::Class => format!("{}.{name}", parent.qualname),
            _ => format!("{}.<locals>.{name}", parent.qualname),
        }
    }

    fn class_def(&mut self, class: &'a ClassDef, span: Span) -> Result<(), SyntaxError> {
        for decorator in &class.decorators {
            self.expr(decorator)?;
        }
        for base in &class.bases {
            if matches!(base.kind, ExprKind::Starred { .. }) {
                return Err(error_at(base.span, "starred bases are not supported"));
            }
            self.expr(base)?;
        }
        self.span = span;
        self.emit(Op::BuildTuple(class.bases.len() as u32));
        let scope = self.scopes.get(class);
        let qualname = self.qualname(&class.name);
        let first_line = class.decorators.first().map_or(span.line, |d| d.span.line);
        self.push_unit(
            scope,
            &class.name,
            qualname.clone(),
            CodeKind::Class,
            first_line,
            Some(class.name.clone()),
        );
        self.emit_const(Value::str(&qualname));
        let index = self.name_index("__qualname__");
        self.emit(Op::StoreName(index));
        self.store_docstring(&class.body);
        self.body(&class.body)?;
        self.emit_const(Value::None);
        self.emit(Op::ReturnValue);
        let code = self.pop_unit(0, 0, 0, false, false);
        self.make_function(code, 0, span);
        let name = self.add_const(Value::str(&class.name));
        self.emit(Op::MakeClass { name });
        for _ in &class.decorators {
            self.emit(Op::Call(1));
        }
        self.name_op(&class.name, Access::Store);
        Ok(())
    }

    fn aug_assign(
        &mut self,
        target: &'a Expr,
        op: BinOp,
        value: &'a Expr,
    ) -> Result<(), SyntaxError> {
        let span = self.span;
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.span = target.span;
                self.name_op(id, Access::Load);
                self.expr(value)?;
                self.span = span;
                self.emit(Op::Inplace(op));
                self.name_op(id, Access::Store);
            }
            ExprKind::Attribute {
                value: object,
                attr,
                ..
            } => {
                self.expr(object)?;
                self.emit(Op::DupTop);
                let index = self.attr_index(attr);
                self.span = target.span;
                self.emit(Op::LoadAttr(index));
                self.expr(value)?;
                self.span = span;
                self.emit(Op::Inplace(op));
                self.emit(Op::RotTwo);
                self.emit(Op::StoreAttr(index));
            }
            ExprKind::Subscript {
                value: object,
                slice,
                ..
            } => {
                self.expr(object)?;
                self.expr(slice)?;
                self.emit(Op::DupTopTwo);
                self.span = target.span;
                self.emit(Op::BinarySubscr);
                self.expr(value)?;
                self.span = span;
                self.emit(Op::Inplace(op));
                self.emit(Op::RotThree);
                self.emit(Op::StoreSubscr);
            }
            _ => {
                return Err(error_at(
                    target.span,
                    "'expression' is an illegal expression for augmented assignment",
                ));
            }
        }
        Ok(())
    }

    fn attr_index(&mut self, attr: &str) -> u32 {
        let name = self.mangle(attr);
        self.name_index(&name)
    }

    /// Stores the value on top of the stack into `target`.
    fn store(&mut self, target: &'a Expr) -> Result<(), SyntaxError> {
        let saved = self.span;
        self.span = target.span;
        match &target.kind {
            ExprKind::Name { id, .. } => self.name_op(id, Access::Store),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let index = self.attr_index(attr);
                self.span = target.span;
                self.emit(Op::StoreAttr(index));
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.span = target.span;
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                let starred = elts
                    .iter()
                    .position(|e| matches!(e.kind, ExprKind::Starred { .. }));
                match starred {
                    Some(at) => {
                        self.emit(Op::UnpackEx {
                            before: at as u16,
                            after: (elts.len() - at - 1) as u16,
                        });
                    }
                    None => {
                        self.emit(Op::UnpackSequence(elts.len() as u32));
                    }
                }
                for elt in elts {
                    match &elt.kind {
                        ExprKind::Starred { value, .. } => self.store(value)?,
                        _ => self.store(elt)?,
                    }
                }
            }
            ExprKind::Starred { .. } => {
                return Err(error_at(
                    target.span,
                    "starred assignment target must be in a list or tuple",
                ));
            }
            _ => return Err(error_at(target.span, "cannot assign to expression")),
        }
        self.span = saved;
        Ok(())
    }

    fn delete(&mut self, target: &'a Expr) -> Result<(), SyntaxError> {
        self.span = target.span;
        match &target.kind {
            ExprKind::Name { id, .. } => self.name_op(id, Access::Delete),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let index = self.attr_index(attr);
                self.span = target.span;
                self.emit(Op::DeleteAttr(index));
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.span = target.span;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                for elt in elts {
                    self.delete(elt)?;
                }
            }
            _ => return Err(error_at(target.span, "cannot delete expression")),
        }
        Ok(())
    }

    fn expr(&mut self, expr: &'a Expr) -> Result<(), SyntaxError> {
        let saved = self.span;
        self.span = expr.span;
        self.expr_inner(expr)?;
        self.span = saved;
        Ok(())
    }

    fn expr_inner(&mut self, expr: &'a Expr) -> Result<(), SyntaxError> {
        let span = expr.span;
        match &expr.kind {
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (i, value) in values.iter().enumerate() {
                    self.expr(value)?;
                    if i + 1 < values.len() {
                        let jump = match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        };
                        jumps.push(self.emit(jump));
                    }
                }
                for at in jumps {
                    self.patch(at);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Op::DupTop);
                self.name_op(target, Access::Store);
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Op::Binary(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                // `-5` is a constant, as CPython folds it.
                if let (UnaryOp::USub, ExprKind::Constant(Constant::Int(digits))) =
                    (op, &operand.kind)
                {
                    self.emit_const(int_from_literal(&format!("-{digits}")));
                    return Ok(());
                }
                self.expr(operand)?;
                self.emit(Op::Unary(*op));
            }
            ExprKind::Lambda { args, body } => {
                let flags = self.defaults(args)?;
                let scope = self.scopes.get(expr);
                let qualname = self.qualname("<lambda>");
                self.push_unit(
                    scope,
                    "<lambda>",
                    qualname,
                    CodeKind::Function,
                    span.line,
                    None,
                );
                self.add_const(Value::None);
                self.expr(body)?;
                self.emit(Op::ReturnValue);
                let code = self.finish_function(args);
                self.make_function(code, flags, span);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let otherwise = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let end = self.emit(Op::Jump(0));
                self.patch(otherwise);
                self.expr(orelse)?;
                self.patch(end);
            }
            ExprKind::Dict { keys, values } => {
                let mut pending = 0;
                let mut built = false;
                for (key, value) in keys.iter().zip(values) {
                    match key {
                        Some(key) => {
                            self.expr(key)?;
                            self.expr(value)?;
                            pending += 1;
                        }
                        None => {
                            if !built || pending > 0 {
                                self.emit(Op::BuildMap(pending));
                                if built {
                                    self.emit(Op::DictUpdate(1));
                                }
                                built = true;
                                pending = 0;
                            }
                            self.expr(value)?;
                            self.emit(Op::DictUpdate(1));
                        }
                    }
                }
                if !built {
                    self.emit(Op::BuildMap(pending));
                } else if pending > 0 {
                    self.emit(Op::BuildMap(pending));
                    self.emit(Op::DictUpdate(1));
                }
            }
            ExprKind::Set(elts) => self.sequence(elts, Op::BuildSet(0))?,
            ExprKind::List { elts, ctx } => {
                if *ctx != Ctx::Load {
                    return Err(error_at(span, "cannot use a list here"));
                }
                self.sequence(elts, Op::BuildList(0))?;
            }
            ExprKind::Tuple { elts, .. } => {
                if elts.iter().all(|e| matches!(e.kind, ExprKind::Constant(_))) && !elts.is_empty()
                {
                    let values = elts
                        .iter()
                        .map(|e| match &e.kind {
                            ExprKind::Constant(c) => constant(c),
                            _ => unreachable!("checked above"),
                        })
                        .collect();
                    self.emit_const(Value::tuple(values));
                } else {
                    self.sequence(elts, Op::BuildTuple(0))?;
                }
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(expr, generators, Comp::List(elt))?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(expr, generators, Comp::Set(elt))?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(expr, generators, Comp::Dict(key, value))?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(expr, generators, Comp::Generator(elt))?
            }
            ExprKind::Await(_) => {
                return Err(error_at(span, "'await' outside async function"));
            }
            ExprKind::Yield(value) => {
                match value {
                    Some(value) => self.expr(value)?,
                    None => self.emit_const(Value::None),
                }
                self.emit(Op::YieldValue);
            }
            ExprKind::YieldFrom(value) => {
                // Each item of the inner iterable is yielded in turn, and `yield from`
                // is the inner generator's return value (sending values in is not
                // modelled).
                self.expr(value)?;
                self.emit(Op::GetIter);
                let start = self.here();
                let exit = self.emit(Op::YieldFromIter(0));
                self.emit(Op::YieldValue);
                self.emit(Op::PopTop);
                self.emit(Op::Jump(start as u32));
                self.patch(exit);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.expr(left)?;
                if ops.len() == 1 {
                    self.expr(&comparators[0])?;
                    self.emit(Op::Compare(ops[0]));
                } else {
                    // a < b < c: each comparison but the last keeps its right operand
                    // for the next, and a false one ends the chain.
                    let mut cleanups = Vec::new();
                    for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
                        self.expr(right)?;
                        if i + 1 < ops.len() {
                            self.emit(Op::DupTop);
                            self.emit(Op::RotThree);
                            self.emit(Op::Compare(*op));
                            cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
                        } else {
                            self.emit(Op::Compare(*op));
                        }
                    }
                    let end = self.emit(Op::Jump(0));
                    for at in cleanups {
                        self.patch(at);
                    }
                    // On a false link the stack holds [right, False]: keep False.
                    self.emit(Op::RotTwo);
                    self.emit(Op::PopTop);
                    self.patch(end);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, span)?,
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                }
                self.span = span;
                let conversion = conversion.map_or(0, |c| c as u8);
                self.emit(Op::FormatValue {
                    conversion,
                    spec: format_spec.is_some(),
                });
            }
            ExprKind::JoinedStr(values) => {
                for value in values {
                    self.expr(value)?;
                }
                // A lone part is already a str.
                if values.len() != 1 {
                    self.emit(Op::BuildString(values.len() as u32));
                }
            }
            ExprKind::Constant(value) => self.emit_const(constant(value)),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let index = self.attr_index(attr);
                self.emit(Op::LoadAttr(index));
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::BinarySubscr);
            }
            ExprKind::Starred { .. } => {
                return Err(error_at(span, "can't use starred expression here"));
            }
            ExprKind::Name { id, .. } => self.name_op(id, Access::Load),
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(part) => self.expr(part)?,
                        None => self.emit_const(Value::None),
                    }
                }
                match step {
                    Some(step) => {
                        self.expr(step)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
        }
        Ok(())
    }

    /// A list, tuple or set display, with `*iterable` items unpacked into it.
    fn sequence(&mut self, elts: &'a [Expr], build: Op) -> Result<(), SyntaxError> {
        let starred = elts
            .iter()
            .any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !starred {
            for elt in elts {
                self.expr(elt)?;
            }
            let n = elts.len() as u32;
            self.emit(match build {
                Op::BuildList(_) => Op::BuildList(n),
                Op::BuildSet(_) => Op::BuildSet(n),
                _ => Op::BuildTuple(n),
            });
            return Ok(());
        }
        let is_set = matches!(build, Op::BuildSet(_));
        self.emit(if is_set {
            Op::BuildSet(0)
        } else {
            Op::BuildList(0)
        });
        for elt in elts {
            match &elt.kind {
                ExprKind::Starred { value, .. } => {
                    self.expr(value)?;
                    self.emit(if is_set {
                        Op::SetUpdate(1)
                    } else {
                        Op::ListExtend(1)
                    });
                }
                _ => {
                    self.expr(elt)?;
                    self.emit(if is_set {
                        Op::SetAdd(1)
                    } else {
                        Op::ListAppend(1)
                    });
                }
            }
        }
        if matches!(build, Op::BuildTuple(_)) {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    fn call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        span: Span,
    ) -> Result<(), SyntaxError> {
        if self.is_bare_super(func, args, keywords) {
            // `super()` in a method is `super(__class__, self)`, the class from the cell
            // the class body fills and `self` the method's first argument.
            self.expr(func)?;
            self.name_op("__class__", Access::Load);
            self.emit(Op::LoadFast(0));
            self.span = span;
            self.emit(Op::Call(2));
            return Ok(());
        }
        let starred = args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none());
        if let (ExprKind::Attribute { value, attr, .. }, false, true) =
            (&func.kind, starred, keywords.is_empty())
        {
            self.expr(value)?;
            let index = self.attr_index(attr);
            self.span = func.span;
            self.emit(Op::LoadMethod(index));
            for arg in args {
                self.expr(arg)?;
            }
            self.span = span;
            self.emit(Op::CallMethod(args.len() as u32));
            return Ok(());
        }
        self.expr(func)?;
        if starred {
            self.sequence(args, Op::BuildTuple(0))?;
            if !keywords.is_empty() {
                self.emit(Op::BuildMap(0));
                for keyword in keywords {
                    match &keyword.arg {
                        Some(name) => {
                            self.emit_const(Value::str(name));
                            self.expr(&keyword.value)?;
                            self.emit(Op::BuildMap(1));
                        }
                        None => self.expr(&keyword.value)?,
                    }
                    self.span = span;
                    self.emit(Op::DictMerge(1));
                }
            }
            self.span = span;
            self.emit(Op::CallEx {
                kwargs: !keywords.is_empty(),
            });
            return Ok(());
        }
        for arg in args {
            self.expr(arg)?;
        }
        if keywords.is_empty() {
            self.span = span;
            self.emit(Op::Call(args.len() as u32));
        } else {
            let mut names = Vec::new();
            for keyword in keywords {
                self.expr(&keyword.value)?;
                let name = keyword.arg.as_deref().unwrap_or_default();
                if names.iter().any(|n: &Value| n.as_str() == Some(name)) {
                    return Err(error_at(
                        keyword.span,
                        format!("keyword argument repeated: {name}"),
                    ));
                }
                names.push(Value::str(name));
            }
            let names = self.add_const(Value::tuple(names));
            self.span = span;
            self.emit(Op::CallKw {
                argc: (args.len() + keywords.len()) as u32,
                names,
            });
        }
        Ok(())
    }

    fn is_bare_super(&self, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> bool {
        let ExprKind::Name { id, .. } = &func.kind else {
            return false;
        };
        let Some(unit) = self.units.last() else {
            return false;
        };
        id == "super"
            && args.is_empty()
            && keywords.is_empty()
            && unit.kind == CodeKind::Function
            && !unit.scope.params.is_empty()
            && unit.scope.symbol("__class__") == Symbol::Free
    }

    fn comprehension(
        &mut self,
        node: &'a Expr,
        generators: &'a [Comprehension],
        kind: Comp<'a>,
    ) -> Result<(), SyntaxError> {
        let span = node.span;
        let name = match kind {
            Comp::List(_) => "<listcomp>",
            Comp::Set(_) => "<setcomp>",
            Comp::Dict(..) => "<dictcomp>",
            Comp::Generator(_) => "<genexpr>",
        };
        let scope = self.scopes.get(node);
        let qualname = self.qualname(name);
        self.push_unit(
            scope,
            name,
            qualname,
            CodeKind::Comprehension,
            span.line,
            None,
        );
        self.add_const(Value::None);
        match kind {
            Comp::List(_) => {
                self.emit(Op::BuildList(0));
            }
            Comp::Set(_) => {
                self.emit(Op::BuildSet(0));
            }
            Comp::Dict(..) => {
                self.emit(Op::BuildMap(0));
            }
            Comp::Generator(_) => {}
        }
        self.comprehension_loop(generators, 0, kind)?;
        if !matches!(kind, Comp::Generator(_)) {
            self.emit(Op::ReturnValue);
        } else {
            self.emit_const(Value::None);
            self.emit(Op::ReturnValue);
        }
        let code = self.pop_unit(1, 0, 0, false, false);
        self.make_function(code, 0, span);
        self.expr(&generators[0].iter)?;
        self.span = span;
        self.emit(Op::GetIter);
        self.emit(Op::Call(1));
        Ok(())
    }

    fn comprehension_loop(
        &mut self,
        generators: &'a [Comprehension],
        depth: usize,
        kind: Comp<'a>,
    ) -> Result<(), SyntaxError> {
        let generator = &generators[depth];
        if depth == 0 {
            self.emit(Op::LoadFast(0));
        } else {
            self.expr(&generator.iter)?;
            self.emit(Op::GetIter);
        }
        let start = self.here();
        let exit = self.emit(Op::ForIter(0));
        self.store(&generator.target)?;
        for test in &generator.ifs {
            self.expr(test)?;
            self.emit(Op::PopJumpIfFalse(start as u32));
        }
        if depth + 1 < generators.len() {
            self.comprehension_loop(generators, depth + 1, kind)?;
        } else {
            // The container sits below one iterator per `for`.
            let below = generators.len() as u32 + 1;
            match kind {
                Comp::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::ListAppend(below));
                }
                Comp::Set(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::SetAdd(below));
                }
                Comp::Dict(key, value) => {
                    self.expr(key)?;
                    self.expr(value)?;
                    self.emit(Op::MapAdd(below));
                }
                Comp::Generator(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::YieldValue);
                    self.emit(Op::PopTop);
                }
            }
        }
        self.emit(Op::Jump(start as u32));
        self.patch(exit);
        Ok(())
    }
}

/// What a comprehension builds.
#[derive(Clone, Copy)]
enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Generator(&'a Expr),
}

fn constant(value: &Constant) -> Value {
    match value {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(digits) => int_from_literal(digits),
        Constant::Float(x) => Value::Float(*x),
        Constant::Imaginary(x) => Value::Float(*x),
        Constant::Str(s) => Value::str(s),
        Constant::Bytes(b) => Value::Bytes(Rc::from(b.as_slice())),
        Constant::Ellipsis => Value::Ellipsis,
    }
}

/// The docstring of a body: its first statement, when that is a string literal.
fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first() {
        Some(Stmt {
            kind:
                StmtKind::Expr(Expr {
                    kind: ExprKind::Constant(Constant::Str(doc)),
                    ..
                }),
            ..
        }) => Some(doc),
        _ => None,
    }
}
