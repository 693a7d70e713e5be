//! A frame: one running function, class body or module, with its own value stack.

use std::cell::RefCell;
use std::rc::Rc;

use crate::compile::Code;
use crate::value::{Generator, Instance, Module, Namespace, Value};

/// One activation of a code object.
pub struct Frame {
    pub code: Rc<Code>,
    /// The next instruction.
    pub ip: usize,
    pub stack: Vec<Value>,
    /// Fast locals, None while unbound.
    pub fast: Vec<Option<Value>>,
    /// Cells: the code's `cellvars`, then its `freevars`.
    pub cells: Vec<Rc<RefCell<Option<Value>>>>,
    pub globals: Rc<Module>,
    /// A class body's namespace (module bodies use their globals).
    pub namespace: Option<Rc<RefCell<Namespace>>>,
    pub handlers: Vec<Handler>,
    /// What the caller does with this frame's return value.
    pub on_return: OnReturn,
}

/// An active `try` (or `with`) in a frame.
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    pub target: usize,
    pub stack_depth: usize,
    /// How many exceptions were being handled when the `try` began.
    pub exc_depth: usize,
}

/// What happens when a frame returns.
pub enum OnReturn {
    /// The value goes on the caller's stack.
    Push,
    /// `__init__` returned: the caller gets the new instance (and None was required).
    Init(Rc<Instance>),
    /// A class body finished: the caller gets the class built from its namespace.
    ClassBody { name: Rc<str>, bases: Vec<Value> },
    /// A generator's frame: a yield or return hands control back to the caller.
    Generator {
        generator: Rc<RefCell<Generator>>,
        /// Where the caller's `for` loop (or `yield from`) goes once the generator is
        /// exhausted (None: raise StopIteration, as `next()` does).
        exhausted: Option<Exhausted>,
    },
    /// The last frame of a thread: its value is dropped and the thread ends.
    ThreadEnd,
}

/// Where a loop over a generator goes when the generator returns.
#[derive(Clone, Copy, Debug)]
pub struct Exhausted {
    pub target: usize,
    /// `yield from` keeps the generator's return value as its own value.
    pub keep_value: bool,
}

impl Frame {
    pub fn new(code: Rc<Code>, globals: Rc<Module>) -> Frame {
        let locals = code.varnames.len();
        let cells = code.cellvars.len();
        Frame {
            code,
            ip: 0,
            stack: Vec::with_capacity(8),
            fast: vec![None; locals],
            cells: (0..cells).map(|_| Rc::new(RefCell::new(None))).collect(),
            globals,
            namespace: None,
            handlers: Vec::new(),
            on_return: OnReturn::Push,
        }
    }

    pub fn pop(&mut self) -> Value {
        self.stack.pop().expect("the compiler balances the stack")
    }

    pub fn top(&self) -> &Value {
        self.stack.last().expect("the compiler balances the stack")
    }

    /// The instruction that is running (or last ran), for tracebacks.
    pub fn current_ip(&self) -> usize {
        self.ip.saturating_sub(1)
    }
}
