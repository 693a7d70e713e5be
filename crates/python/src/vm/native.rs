//! How Rust-written code plugs into the VM: builtins, methods of builtin types, and the
//! objects of modules written in Rust (locks, queues, deques, client connections).

use std::any::Any;
use std::rc::Rc;

use super::Vm;
use crate::value::{Class, Value};

/// What a call into Rust gets: the positional arguments (a method's `self` first) and
/// the keyword arguments in the order written.
#[derive(Default)]
pub struct Args {
    pub positional: Vec<Value>,
    pub keywords: Vec<(Rc<str>, Value)>,
}

impl Args {
    pub fn new(positional: Vec<Value>) -> Args {
        Args {
            positional,
            keywords: Vec::new(),
        }
    }
}

/// The signature of every function written in Rust.
pub type NativeFn = fn(&mut Vm, Args) -> PyResult;

/// Why a computation did not produce a value.
pub enum Signal {
    /// An exception (an instance of a `BaseException` subclass) is being raised.
    Raise(Value),
    /// The calling thread must wait; the instruction that called is run again when the
    /// thread is woken, so a blocking call checks its condition anew.
    Block(Wait),
    /// The result is whatever calling this callable returns: lets Rust code hand work
    /// back to Python (a thread's `run`, a generator's next step) without nesting.
    Call(Value, Args),
}

pub type PyResult<T = Value> = Result<T, Signal>;

/// What a blocked thread waits for.
#[derive(Clone, Debug, PartialEq)]
pub struct Wait {
    /// The object whose change may let it go on (its identity), if any.
    pub on: Option<usize>,
    /// When it gives up, in virtual nanoseconds.
    pub deadline: Option<u64>,
    /// What it waits for, in words a learner reads in the process list (`Queue.put`).
    pub what: &'static str,
}

/// An object of a module written in Rust.
pub trait NativeObject {
    /// Its class (for `type()`, `isinstance` and attribute lookup of its methods).
    fn class(&self) -> Rc<Class>;
    /// `repr()`, if it has its own.
    fn repr(&self) -> Option<String> {
        None
    }
    /// An attribute kept in the object's own state (`thread.name`, `queue.maxsize`).
    fn get_attr(&self, _name: &str) -> Option<Value> {
        None
    }
    /// Sets such an attribute; false when the object has none by that name.
    fn set_attr(&self, _name: &str, _value: &Value) -> bool {
        false
    }
    fn as_any(&self) -> &dyn Any;
}
