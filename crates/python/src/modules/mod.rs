//! The standard modules the lessons import, written in Rust on the VM: `sys`, `time`,
//! `threading`, `queue`, `random`, `json`, `collections` and `math`.
//!
//! Each module is made afresh for each process that imports it; the classes they
//! define are made once per VM and kept where Rust code finds them again (to raise
//! `queue.Empty`, to make a lock). A call that must wait (`queue.get`, `time.sleep`,
//! `Lock.acquire`) never holds the host: it checks its condition, then succeeds,
//! raises, or parks its thread with [`Vm::block`] until whoever changes the object
//! calls [`Vm::notify`], and is then run again from the start.
//!
//! Their errors are plain exceptions raised at the learner's call: tracebacks show
//! only the frames of the learner's own files, never frames inside these modules.

pub mod collections;
pub mod json;
pub mod math;
pub mod queue;
pub mod random;
pub mod sys;
pub mod threading;
pub mod time;

#[cfg(test)]
mod tests;

use std::marker::PhantomData;
use std::rc::Rc;

use crate::value::{Class, Module, Namespace, Payload, Value};
use crate::vm::Vm;
use crate::vm::attr::builtin;
use crate::vm::exceptions::error;
use crate::vm::int::as_int;
use crate::vm::native::{Args, NativeFn, NativeObject, PyResult, Signal};

/// Where CPython's standard library lives on the machine whose output we match: the
/// `__file__` of the modules it writes in Python.
pub const STDLIB: &str = "/usr/lib/python3.11";

/// The module `name` written in Rust, made for the current process, or None.
pub fn make(vm: &mut Vm, name: &str) -> Option<Value> {
    let module = match name {
        "sys" => sys::make(vm),
        "time" => time::make(vm),
        "math" => math::make(vm),
        "threading" => threading::make(vm),
        "queue" => queue::make(vm),
        "collections" => collections::make(vm),
        "json" => json::make(vm),
        "random" => random::make(vm),
        _ => return None,
    };
    Some(Value::Module(module))
}

/// A new module: a built-in one (`file` None), or one CPython writes in Python, whose
/// `__file__` is its path under [`STDLIB`] (`queue.py`, `json/__init__.py`).
pub fn new_module(name: &str, file: Option<&str>) -> Rc<Module> {
    let module = Module::new(name);
    module.set("__doc__", Value::None);
    if let Some(file) = file {
        module.set("__file__", Value::str(&format!("{STDLIB}/{file}")));
    }
    Rc::new(module)
}

/// Adds the functions written in Rust to a module's namespace.
pub fn add_functions(module: &Module, functions: &[(&'static str, NativeFn)]) {
    for &(name, func) in functions {
        module.set(name, builtin(name, func, None));
    }
}

/// A namespace of methods written in Rust, for a class's dict; `owner` is the class
/// name their reprs print (`<method 'append' of 'collections.deque' objects>`).
pub fn methods(owner: &'static str, functions: &[(&'static str, NativeFn)]) -> Namespace {
    functions
        .iter()
        .map(|&(name, func)| (Rc::from(name), builtin(name, func, Some(owner))))
        .collect()
}

/// A value these modules make once per VM (their classes) and find again from Rust
/// code: kept in the builtins module under a name no Python code can spell.
pub fn registered(vm: &mut Vm, key: &str, build: impl FnOnce(&mut Vm) -> Value) -> Value {
    let hidden = format!("\0{key}");
    if let Some(value) = vm.builtins.get(&hidden) {
        return value;
    }
    let value = build(vm);
    vm.builtins.set(&hidden, value.clone());
    value
}

/// A class made once per VM with [`registered`].
pub fn registered_class(
    vm: &mut Vm,
    key: &str,
    build: impl FnOnce(&mut Vm) -> Rc<Class>,
) -> Rc<Class> {
    match registered(vm, key, |vm| Value::Class(build(vm))) {
        Value::Class(class) => class,
        _ => unreachable!("only classes are registered under a class key"),
    }
}

/// Classes a module makes together once per VM, in the order `build` gives them.
pub fn registered_classes<const N: usize>(
    vm: &mut Vm,
    key: &str,
    build: impl FnOnce(&mut Vm) -> [Rc<Class>; N],
) -> [Rc<Class>; N] {
    let all = registered(vm, key, |vm| {
        Value::tuple(build(vm).into_iter().map(Value::Class).collect())
    });
    let Value::Tuple(all) = all else {
        unreachable!("classes are registered as a tuple")
    };
    std::array::from_fn(|i| match &all[i] {
        Value::Class(class) => class.clone(),
        _ => unreachable!("a tuple of classes"),
    })
}

/// The parameters of a function CPython writes in Python (`Queue.get`,
/// `Thread.__init__`, `json.dumps`), so a call binds as CPython binds it, with the
/// same messages when it does not fit.
pub struct Params {
    /// The name the messages print: `Queue.get`.
    pub name: &'static str,
    /// The parameters in order, `self` first for a method.
    pub names: &'static [&'static str],
    /// How many of the first parameters have no default.
    pub required: usize,
    /// How many may be passed by position; the rest are keyword-only.
    pub positional: usize,
}

impl Params {
    /// Each parameter's argument, None where the call left it to its default.
    pub fn bind(&self, vm: &mut Vm, args: Args) -> PyResult<Vec<Option<Value>>> {
        let mut bound: Vec<Option<Value>> = vec![None; self.names.len()];
        let given = args.positional.len();
        if given > self.positional {
            let takes = if self.required >= self.positional {
                plural(self.positional, "positional argument")
            } else {
                format!(
                    "from {} to {} positional arguments",
                    self.required, self.positional
                )
            };
            let was = if given == 1 { "was" } else { "were" };
            let message = format!("{}() takes {takes} but {given} {was} given", self.name);
            return Err(error(vm, "TypeError", &message));
        }
        for (slot, value) in args.positional.into_iter().enumerate() {
            bound[slot] = Some(value);
        }
        for (name, value) in args.keywords {
            let Some(slot) = self.names.iter().position(|p| **p == *name) else {
                let message = format!(
                    "{}() got an unexpected keyword argument '{name}'",
                    self.name
                );
                return Err(error(vm, "TypeError", &message));
            };
            if bound[slot].is_some() {
                let message = format!("{}() got multiple values for argument '{name}'", self.name);
                return Err(error(vm, "TypeError", &message));
            }
            bound[slot] = Some(value);
        }
        let missing: Vec<String> = (0..self.required)
            .filter(|&slot| bound[slot].is_none())
            .map(|slot| format!("'{}'", self.names[slot]))
            .collect();
        if !missing.is_empty() {
            let names = match missing.len() {
                1 => missing[0].clone(),
                2 => format!("{} and {}", missing[0], missing[1]),
                n => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
            };
            let message = format!(
                "{}() missing {} required positional argument{}: {names}",
                self.name,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            );
            return Err(error(vm, "TypeError", &message));
        }
        Ok(bound)
    }
}

/// The `self` of a method CPython writes in Python that takes no other argument
/// (`Queue.qsize`, `Thread.start`), bound with that method's messages.
pub fn self_only(vm: &mut Vm, args: Args, name: &'static str) -> PyResult<Value> {
    let bound = Params {
        name,
        names: &["self"],
        required: 1,
        positional: 1,
    }
    .bind(vm, args)?;
    Ok(bound.into_iter().next().flatten().unwrap_or_default())
}

/// `1 positional argument`, `2 positional arguments`.
fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The positional arguments of a function CPython writes in C without keywords, with
/// the messages of its argument checks: `math.sqrt() takes exactly one argument (2
/// given)` (one argument), `time.time() takes no arguments (1 given)` (none), or
/// `pow expected 2 arguments, got 1` (a range). `name` is as those messages print it.
pub fn c_args(vm: &mut Vm, args: Args, name: &str, min: usize, max: usize) -> PyResult<Vec<Value>> {
    if !args.keywords.is_empty() {
        let message = format!("{name}() takes no keyword arguments");
        return Err(error(vm, "TypeError", &message));
    }
    crate::builtins::arity(vm, name, &args, min, max)?;
    Ok(args.positional)
}

/// A number as a float, for the functions that take "real numbers" (`math.sqrt`):
/// ints (exactly, or OverflowError when too big), bools and floats.
pub fn to_float(vm: &mut Vm, value: &Value) -> PyResult<f64> {
    if let Value::Float(x) = value {
        return Ok(*x);
    }
    if let Some(n) = as_int(value) {
        return n
            .to_f64()
            .map_err(|message| error(vm, "OverflowError", message));
    }
    let message = format!("must be real number, not {}", value.type_name());
    Err(error(vm, "TypeError", &message))
}

/// An int argument that must fit in 64 bits (`random.getrandbits(k)`): TypeError for
/// anything not an int, as CPython's `__index__` check words it.
pub fn to_index(vm: &mut Vm, value: &Value) -> PyResult<i64> {
    match as_int(value) {
        Some(n) => n.to_i64().ok_or_else(|| {
            error(
                vm,
                "OverflowError",
                "Python int too large to convert to C ssize_t",
            )
        }),
        None => Err(not_an_integer(vm, value)),
    }
}

/// `TypeError: 'float' object cannot be interpreted as an integer`.
pub fn not_an_integer(vm: &mut Vm, value: &Value) -> Signal {
    let message = format!(
        "'{}' object cannot be interpreted as an integer",
        value.type_name()
    );
    error(vm, "TypeError", &message)
}

/// How late a timed wait wakes: Linux's default timer slack. A real `sleep(0.05)`
/// returns a little after 0.05 s, so `time.time() - start >= 0.05` holds there, and
/// must hold here too, where the clock's float seconds round to about 0.2 µs.
pub const TIMER_SLACK_NS: u64 = 50_000;

/// When a blocking call gives up.
pub enum Deadline {
    /// Its timeout has passed: it returns (or raises) without waiting.
    Passed,
    /// It parks its thread until then (None: for ever).
    At(Option<u64>),
}

/// The deadline of a blocking call that waits at most `timeout` seconds (None: for
/// ever): the timeout plus [`TIMER_SLACK_NS`] from the first call, kept by its
/// retries; passed once the thread was woken by it, or at once for a timeout of 0.
pub fn deadline(vm: &mut Vm, timeout: Option<f64>) -> Deadline {
    let Some(seconds) = timeout else {
        return Deadline::At(None);
    };
    if vm.timed_out() {
        return Deadline::Passed;
    }
    if let Some(at) = vm.thread().deadline {
        return if vm.now_ns >= at {
            Deadline::Passed
        } else {
            Deadline::At(Some(at))
        };
    }
    if seconds <= 0.0 {
        return Deadline::Passed;
    }
    let wait = (seconds * 1e9) as u64;
    Deadline::At(Some(
        vm.now_ns
            .saturating_add(wait)
            .saturating_add(TIMER_SLACK_NS),
    ))
}

/// Forgets the deadline of a blocking call that gives up by raising (`queue.Empty`
/// after its timeout): the VM forgets it once a retried call returns, and the next
/// timed wait of the thread must start a timeout of its own.
pub fn forget_deadline(vm: &mut Vm) {
    let thread = vm.thread();
    thread.deadline = None;
    thread.timed_out = false;
}

/// The address a repr shows for an object, as the VM's own reprs write it: stable for
/// the object, never meaningful.
pub fn address(identity: usize) -> String {
    let low = identity as u64 & 0xffff_ffff_ffff;
    format!("0x{:012x}", 0x7f00_0000_0000_u64.wrapping_add(low))
}

/// The Rust state of an object of these modules: a `Value::Native`, or an instance of
/// a class written here (or of a Python subclass of it), whose payload holds it.
pub fn native_of(value: &Value) -> Option<Rc<dyn NativeObject>> {
    match value {
        Value::Native(object) => Some(object.clone()),
        Value::Instance(instance) => match &*instance.payload.borrow() {
            Payload::Native(object) => Some(object.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A handle on the Rust state `T` of an object: derefs to it, and keeps it alive while
/// the method that holds it calls back into Python.
pub struct Held<T> {
    object: Rc<dyn NativeObject>,
    kind: PhantomData<T>,
}

impl<T: 'static> std::ops::Deref for Held<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.object
            .as_any()
            .downcast_ref()
            .expect("the type is checked when the handle is made")
    }
}

impl<T: 'static> Held<T> {
    /// A handle on `object` if its state is a `T`.
    pub fn downcast(object: Rc<dyn NativeObject>) -> Option<Held<T>> {
        object.as_any().is::<T>().then_some(Held {
            object,
            kind: PhantomData,
        })
    }
}

/// The state `T` of `value`, the `self` of a method of `class`: TypeError when it is
/// something else (`Queue.get(5)`, or a subclass whose `__init__` never ran ours).
pub fn held<T: 'static>(
    vm: &mut Vm,
    value: &Value,
    class: &str,
    method: &str,
) -> PyResult<Held<T>> {
    match native_of(value).and_then(Held::downcast) {
        Some(held) => Ok(held),
        None => {
            let message = format!(
                "descriptor '{method}' for '{class}' objects doesn't apply to a '{}' object",
                value.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// Gives an instance of a class written here its Rust state (its `__init__` does).
pub fn set_native(instance: &Value, state: Rc<dyn NativeObject>) {
    if let Value::Instance(instance) = instance {
        *instance.payload.borrow_mut() = Payload::Native(state);
    }
}

/// The `self` argument of a method: the first positional argument.
pub fn self_arg(vm: &mut Vm, args: &Args, method: &str) -> PyResult<Value> {
    match args.positional.first() {
        Some(this) => Ok(this.clone()),
        None => {
            let message = format!("descriptor '{method}' needs an argument");
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// A method's `self` and the arguments after it.
pub fn method_args(vm: &mut Vm, mut args: Args, method: &str) -> PyResult<(Value, Args)> {
    if args.positional.is_empty() {
        let message = format!("descriptor '{method}' needs an argument");
        return Err(error(vm, "TypeError", &message));
    }
    let this = args.positional.remove(0);
    Ok((this, args))
}

/// A "struct sequence" (`sys.version_info`, `time.struct_time`, and the classes
/// `collections.namedtuple` makes): a tuple whose items are also read by name, as
/// CPython's `structseq.c` makes them.
pub struct StructSeq {
    class: Rc<Class>,
    fields: Rc<[Rc<str>]>,
    items: Value,
}

impl NativeObject for StructSeq {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }
    fn get_attr(&self, name: &str) -> Option<Value> {
        let Value::Tuple(items) = &self.items else {
            return None;
        };
        let at = self
            .fields
            .iter()
            .position(|field| field.as_ref() == name)?;
        items.get(at).cloned()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl StructSeq {
    /// The class of a kind of struct sequence: `full_name` is what its reprs print
    /// (`sys.version_info`), split at the last dot into module and name.
    pub fn class(vm: &Vm, full_name: &str) -> Rc<Class> {
        let (module, name) = full_name
            .rsplit_once('.')
            .unwrap_or(("builtins", full_name));
        let object = vm.types.get(crate::vm::types::TypeTag::Object).clone();
        crate::vm::types::new_class(name, module, Some(&object), Self::methods(), None)
    }

    /// The methods every struct sequence has: a tuple's, by its items.
    pub fn methods() -> Namespace {
        methods(
            "structseq",
            &[
                ("__getitem__", structseq_getitem),
                ("__len__", structseq_len),
                ("__iter__", structseq_iter),
                ("__eq__", structseq_eq),
                ("__ne__", structseq_ne),
                ("__lt__", structseq_lt),
                ("__le__", structseq_le),
                ("__gt__", structseq_gt),
                ("__ge__", structseq_ge),
                ("__hash__", structseq_hash),
                ("__repr__", structseq_repr),
            ],
        )
    }

    /// Field names for [`StructSeq::make`].
    pub fn fields(names: &[&str]) -> Rc<[Rc<str>]> {
        names.iter().map(|name| Rc::from(*name)).collect()
    }

    /// A struct sequence of `class` with `items` named by `fields`.
    pub fn make(class: &Rc<Class>, fields: Rc<[Rc<str>]>, items: Vec<Value>) -> Value {
        let instance = Value::Instance(Rc::new(crate::value::Instance {
            hash: std::cell::Cell::new(None),
            class: class.clone(),
            dict: std::cell::RefCell::new(Namespace::default()),
            payload: std::cell::RefCell::new(Payload::None),
        }));
        Self::fill(&instance, class, fields, items);
        instance
    }

    /// Gives an instance of a struct sequence class its items (its `__init__` does).
    pub fn fill(instance: &Value, class: &Rc<Class>, fields: Rc<[Rc<str>]>, items: Vec<Value>) {
        let state = StructSeq {
            class: class.clone(),
            fields,
            items: Value::tuple(items),
        };
        set_native(instance, Rc::new(state));
    }

    /// The items, as a tuple.
    pub fn items(&self) -> &Value {
        &self.items
    }

    /// The names of the items.
    pub fn field_names(&self) -> &Rc<[Rc<str>]> {
        &self.fields
    }
}

/// The tuple behind a struct sequence, and the other argument of a binary method.
fn structseq_args(vm: &mut Vm, args: Args, method: &str) -> PyResult<(Value, Vec<Value>)> {
    let this = self_arg(vm, &args, method)?;
    let seq: Held<StructSeq> = held(vm, &this, "structseq", method)?;
    Ok((seq.items.clone(), args.positional[1..].to_vec()))
}

fn structseq_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (items, rest) = structseq_args(vm, args, "__getitem__")?;
    let index = rest.first().cloned().unwrap_or_default();
    crate::vm::ops::get_item(vm, &items, &index)
}

fn structseq_len(vm: &mut Vm, args: Args) -> PyResult {
    let (items, _) = structseq_args(vm, args, "__len__")?;
    crate::vm::ops::len(vm, &items).map(Value::Int)
}

fn structseq_iter(vm: &mut Vm, args: Args) -> PyResult {
    let (items, _) = structseq_args(vm, args, "__iter__")?;
    crate::vm::iter::get_iter(vm, &items)
}

fn structseq_compare(vm: &mut Vm, args: Args, op: crate::syntax::ast::CmpOp) -> PyResult {
    let (items, rest) = structseq_args(vm, args, "__eq__")?;
    let other = rest.first().cloned().unwrap_or_default();
    let other = match native_of(&other) {
        Some(state) => match state.as_any().downcast_ref::<StructSeq>() {
            Some(seq) => seq.items.clone(),
            None => other,
        },
        None => other,
    };
    if !matches!(other, Value::Tuple(_)) {
        return Ok(Value::NotImplemented);
    }
    crate::vm::ops::compare(vm, op, &items, &other)
}

fn structseq_eq(vm: &mut Vm, args: Args) -> PyResult {
    structseq_compare(vm, args, crate::syntax::ast::CmpOp::Eq)
}

fn structseq_ne(vm: &mut Vm, args: Args) -> PyResult {
    structseq_compare(vm, args, crate::syntax::ast::CmpOp::NotEq)
}

fn structseq_lt(vm: &mut Vm, args: Args) -> PyResult {
    structseq_compare(vm, args, crate::syntax::ast::CmpOp::Lt)
}

fn structseq_le(vm: &mut Vm, args: Args) -> PyResult {
    structseq_compare(vm, args, crate::syntax::ast::CmpOp::LtE)
}

fn structseq_gt(vm: &mut Vm, args: Args) -> PyResult {
    structseq_compare(vm, args, crate::syntax::ast::CmpOp::Gt)
}

fn structseq_ge(vm: &mut Vm, args: Args) -> PyResult {
    structseq_compare(vm, args, crate::syntax::ast::CmpOp::GtE)
}

/// `hash()` of a struct sequence: its tuple's, so it can be a dict key.
fn structseq_hash(vm: &mut Vm, args: Args) -> PyResult {
    use std::hash::{Hash, Hasher};
    let (items, _) = structseq_args(vm, args, "__hash__")?;
    let key = crate::vm::ops::key(vm, items)?;
    let mut hasher = rustc_hash::FxHasher::default();
    key.hash(&mut hasher);
    Ok(Value::Int(hasher.finish() as i64))
}

/// `sys.version_info(major=3, minor=11, …)`.
fn structseq_repr(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_arg(vm, &args, "__repr__")?;
    let seq: Held<StructSeq> = held(vm, &this, "structseq", "__repr__")?;
    let Value::Tuple(items) = &seq.items else {
        return Ok(Value::str(""));
    };
    let mut parts = Vec::with_capacity(items.len());
    for (field, item) in seq.fields.iter().zip(items.iter()) {
        parts.push(format!("{field}={}", crate::vm::repr::repr(vm, item)?));
    }
    let class = &seq.class;
    Ok(Value::str(&format!(
        "{}.{}({})",
        class.module,
        class.name,
        parts.join(", ")
    )))
}
