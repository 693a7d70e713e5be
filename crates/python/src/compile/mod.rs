//! From a syntax tree to bytecode: [`symtable`] decides where each name lives (a fast
//! local, a cell shared with an inner function, a global), then [`codegen`] emits the
//! instructions of each [`Code`] object, much as CPython's `symtable.c` and `compile.c`.

mod codegen;
mod symtable;

use std::rc::Rc;

use crate::syntax::ast::{self, BinOp, CmpOp, Span, UnaryOp};
use crate::syntax::{SyntaxError, SyntaxErrorKind};
use crate::value::Value;

/// How a source is compiled: a file (`python3 prog.py`), or one input at the
/// interactive prompt, whose expression statements echo their value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    File,
    Interactive,
}

/// Compiles a parsed module. The errors are those CPython finds after parsing
/// (`'return' outside function`, `nonlocal` at module level…).
pub fn compile_module(
    module: &ast::Module,
    filename: &str,
    mode: Mode,
) -> Result<Rc<Code>, SyntaxError> {
    let scopes = symtable::analyse(module)?;
    codegen::compile(module, filename, mode, scopes)
}

/// A compiled function body, class body or module: CPython's code object.
pub struct Code {
    /// The function's name, `<module>`, `<lambda>`, `<listcomp>`…
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub ops: Vec<Op>,
    /// Where each instruction's source is, for tracebacks.
    pub spans: Vec<Span>,
    pub consts: Vec<Value>,
    /// Names of globals, attributes and imported modules.
    pub names: Vec<Rc<str>>,
    /// Fast locals: the parameters first, then the other local variables.
    pub varnames: Vec<Rc<str>>,
    /// Locals that inner functions use: each lives in a cell.
    pub cellvars: Vec<Rc<str>>,
    /// Variables of enclosing functions this one uses.
    pub freevars: Vec<Rc<str>>,
    /// For each parameter kept in a cell: its fast-local slot and its cell.
    pub cell_params: Vec<(u32, u32)>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub varargs: bool,
    pub varkeywords: bool,
    pub is_generator: bool,
    pub kind: CodeKind,
    /// The first line, for `def` frames' tracebacks.
    pub first_line: u32,
    /// For each of `names`, where it was last found in a namespace (its entry's index),
    /// so a loop at module level reads a global without hashing its name.
    pub name_slots: Vec<std::cell::Cell<u32>>,
}

/// What a code object is the body of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Class,
    Function,
    /// A comprehension or generator expression: its own scope, called at once.
    Comprehension,
}

impl Code {
    /// The number of parameters, `*args` and `**kwargs` included.
    pub fn total_args(&self) -> usize {
        (self.argcount + self.kwonlyargcount) as usize
            + self.varargs as usize
            + self.varkeywords as usize
    }

    /// The source line an instruction came from.
    pub fn line_of(&self, ip: usize) -> u32 {
        self.spans.get(ip).map_or(self.first_line, |span| span.line)
    }
}

/// One bytecode instruction. Operands index the code's tables (`consts`, `names`,
/// `varnames`, cells) or are jump targets (instruction indexes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Nop,
    PopTop,
    DupTop,
    DupTopTwo,
    RotTwo,
    RotThree,
    RotFour,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// A cell: `cellvars` first, then `freevars`.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// In a class body: the class namespace first, then the enclosing function's cell.
    LoadClassDeref(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Module and class bodies: the namespace, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes a method and its `self` (or the attribute and a marker), so the call
    /// needs no bound-method object.
    LoadMethod(u32),
    CallMethod(u32),
    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,
    BuildSlice(u32),
    Binary(BinOp),
    Inplace(BinOp),
    Unary(UnaryOp),
    Compare(CmpOp),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Next item of the iterator on top, or pop it and jump when it is exhausted.
    ForIter(u32),
    /// As `ForIter`, but an exhausted iterator leaves its return value: `yield from`.
    YieldFromIter(u32),
    /// Call with `n` positional arguments.
    Call(u32),
    /// Call with `n` arguments, the last of which are named by the tuple const `names`.
    CallKw {
        argc: u32,
        names: u32,
    },
    /// Call with a tuple of positional arguments and, if `kwargs`, a dict.
    CallEx {
        kwargs: bool,
    },
    /// Pops (defaults tuple, kw-defaults dict, closure tuple as `flags` say) and makes a
    /// function of the code const.
    MakeFunction {
        code: u32,
        flags: u8,
    },
    /// Runs a class body (a function on top, the bases tuple below) and makes the class.
    MakeClass {
        name: u32,
    },
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    BuildMap(u32),
    /// Joins `n` strs: an f-string.
    BuildString(u32),
    /// `{value!conversion:spec}` of an f-string.
    FormatValue {
        conversion: u8,
        spec: bool,
    },
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    /// `**mapping` in a call: like `DictUpdate`, but repeated keys are an error.
    DictMerge(u32),
    ListToTuple,
    UnpackSequence(u32),
    UnpackEx {
        before: u16,
        after: u16,
    },
    ReturnValue,
    YieldValue,
    /// Until the matching `PopHandler`, an exception jumps to `target` with the stack
    /// cut back to its depth now and the exception pushed.
    PushHandler(u32),
    PopHandler,
    /// Leaves an `except` block: the exception it handled is no longer current.
    PopExcept,
    /// Raises the exception on top again, its traceback kept.
    Reraise,
    /// `raise` (0), `raise exc` (1), `raise exc from cause` (2).
    Raise(u8),
    /// `[exc, type]` → `[exc, matches]`
    CheckExcMatch,
    /// Starts handling the exception on top: it becomes the one `raise` re-raises and
    /// the context of new ones.
    PushExcInfo,
    /// `with`: pops the context manager, pushes its `__exit__` and `__enter__()`'s value.
    BeforeWith,
    /// Normal exit of a `with` block: calls `__exit__(None, None, None)`.
    ExitWith,
    /// `[exit, exc]` → `[exit, exc, exit(type, exc, tb)]`
    WithExceptStart,
    /// Imports the module named by the name at `name`, with the `fromlist` and level
    /// below it on the stack.
    ImportName(u32),
    ImportFrom(u32),
    ImportStar,
    /// The interactive prompt echoes an expression statement's value.
    PrintExpr,
    LoadAssertionError,
    /// Pushes a cell itself (not its value), for the closure of a function being made.
    LoadClosure(u32),
}

/// Flags of [`Op::MakeFunction`].
pub mod make_function {
    pub const DEFAULTS: u8 = 1;
    pub const KWDEFAULTS: u8 = 2;
    pub const CLOSURE: u8 = 8;
}

/// A compile-time error at a node, as CPython reports it.
pub(crate) fn error_at(span: Span, msg: impl Into<String>) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::SyntaxError,
        msg: msg.into(),
        line: span.line,
        col: span.col,
        end_line: span.end_line,
        end_col: span.end_col,
        incomplete: false,
        text: None,
    }
}
