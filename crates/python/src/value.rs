//! Python values: what the VM's stack, variables and containers hold.
//!
//! Immutable values (ints, strs, tuples) are shared behind `Rc`; mutable containers
//! (lists, dicts, sets) and objects behind `Rc<RefCell<…>>`, so that two names bound to
//! one list see the same list, as in Python. Identity (`is`, `id()`) is the pointer.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};
use rustc_hash::FxHasher;

use crate::bigint::BigInt;
use crate::compile::Code;
use crate::vm::frame::Frame;
use crate::vm::native::{NativeFn, NativeObject};

/// Fixed hashing for every table: the same program iterates the same way on every run.
pub type FxBuild = BuildHasherDefault<FxHasher>;
/// A namespace: a module's globals, a class's or an instance's `__dict__`.
pub type Namespace = IndexMap<Rc<str>, Value, FxBuild>;

/// A Python object, as the VM handles it.
#[derive(Clone, Default)]
pub enum Value {
    #[default]
    None,
    Bool(bool),
    /// An int that fits in 64 bits: the fast path of every int operation.
    Int(i64),
    /// An int that does not fit in 64 bits (never holds one that does).
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<[Value]>),
    Dict(Rc<RefCell<DictObject>>),
    Set(Rc<RefCell<Set>>),
    FrozenSet(Rc<Set>),
    Range(Rc<Range>),
    Slice(Rc<[Value; 3]>),
    Function(Rc<Function>),
    /// A function written in Rust, possibly bound to its `self`.
    Builtin(Rc<Builtin>),
    /// A Python function or any callable bound to an instance: `obj.method`.
    Method(Rc<(Value, Value)>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    Generator(Rc<RefCell<Generator>>),
    /// An iterator the VM drives itself (over a list, a range, a dict's keys…).
    Iterator(Rc<RefCell<Iter>>),
    /// `property`, `staticmethod`, `classmethod` and `super` objects.
    Descriptor(Rc<Descriptor>),
    /// An object of a module written in Rust (a lock, a queue, a deque…).
    Native(Rc<dyn NativeObject>),
    /// A compiled body, as a constant of the code that makes its function.
    Code(Rc<Code>),
    /// A variable shared between a function and the functions inside it.
    Cell(Rc<RefCell<Option<Value>>>),
    Ellipsis,
    NotImplemented,
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(n) => write!(f, "{n}"),
            Value::BigInt(n) => write!(f, "{n}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Str(s) => write!(f, "{s:?}"),
            other => write!(f, "<{}>", other.type_name()),
        }
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    pub fn dict(dict: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(DictObject {
            entries: dict,
            flavor: DictFlavor::Plain,
        })))
    }

    /// The type's name, as error messages quote it.
    pub fn type_name(&self) -> Rc<str> {
        match self {
            Value::Instance(instance) => instance.class.name.clone(),
            Value::Native(object) => Rc::from(object.class().name.as_ref()),
            other => Rc::from(other.builtin_type_name()),
        }
    }

    /// Whether this is a value of the builtin type `name` (no allocation, unlike
    /// `type_name`).
    pub fn is_builtin_named(&self, name: &str) -> bool {
        !matches!(self, Value::Instance(_) | Value::Native(_)) && self.builtin_type_name() == name
    }

    fn builtin_type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::FrozenSet(_) => "frozenset",
            Value::Range(_) => "range",
            Value::Slice(_) => "slice",
            Value::Function(_) => "function",
            Value::Builtin(b) if b.bound.is_some() => "builtin_function_or_method",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::Method(_) => "method",
            Value::Class(_) => "type",
            Value::Module(_) => "module",
            Value::Generator(_) => "generator",
            Value::Iterator(it) => it.borrow().type_name(),
            Value::Descriptor(d) => d.type_name(),
            Value::Code(_) => "code",
            Value::Cell(_) => "cell",
            Value::Ellipsis => "ellipsis",
            Value::NotImplemented => "NotImplementedType",
            Value::Instance(_) | Value::Native(_) => unreachable!("named by their class"),
        }
    }

    /// `is`: the same object (equal small immutable values count as the same, as
    /// CPython's caches make them).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::NotImplemented, Value::NotImplemented) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            _ => self.identity() != 0 && self.identity() == other.identity(),
        }
    }

    /// The address behind a shared object (0 for values held inline), for `id()` and
    /// for identity hashing.
    pub fn identity(&self) -> usize {
        fn addr<T: ?Sized>(rc: &Rc<T>) -> usize {
            Rc::as_ptr(rc) as *const u8 as usize
        }
        match self {
            Value::BigInt(v) => addr(v),
            Value::Str(v) => addr(v),
            Value::Bytes(v) => addr(v),
            Value::List(v) => addr(v),
            Value::Tuple(v) => addr(v),
            Value::Dict(v) => addr(v),
            Value::Set(v) => addr(v),
            Value::FrozenSet(v) => addr(v),
            Value::Range(v) => addr(v),
            Value::Slice(v) => addr(v),
            Value::Function(v) => addr(v),
            Value::Builtin(v) => addr(v),
            Value::Method(v) => addr(v),
            Value::Class(v) => addr(v),
            Value::Instance(v) => addr(v),
            Value::Module(v) => addr(v),
            Value::Generator(v) => addr(v),
            Value::Iterator(v) => addr(v),
            Value::Descriptor(v) => addr(v),
            Value::Native(v) => addr(v),
            Value::Code(v) => addr(v),
            Value::Cell(v) => addr(v),
            _ => 0,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A dict's entries: insertion-ordered, as Python's.
pub type Dict = IndexMap<Key, Value, FxBuild>;

/// A dict, or one of the dict subclasses of `collections`, which behave as dicts but
/// for what their flavor adds.
pub struct DictObject {
    pub entries: Dict,
    pub flavor: DictFlavor,
}

/// What a dict subclass adds.
#[derive(Clone)]
pub enum DictFlavor {
    Plain,
    /// `defaultdict(factory)`: a missing key is added with `factory()`.
    Default(Value),
    /// `Counter`: a missing key counts 0; `most_common` and counting arithmetic.
    Counter,
}

impl std::ops::Deref for DictObject {
    type Target = Dict;
    fn deref(&self) -> &Dict {
        &self.entries
    }
}

impl std::ops::DerefMut for DictObject {
    fn deref_mut(&mut self) -> &mut Dict {
        &mut self.entries
    }
}
/// A set: insertion-ordered, which for small ints is also how CPython iterates them.
pub type Set = IndexSet<Key, FxBuild>;

/// A value used as a dict key or set member. Only hashable values become keys (the
/// VM checks with [`Key::new`]); equal numbers hash alike (`1`, `1.0` and `True`).
#[derive(Clone, Debug)]
pub struct Key(pub Value);

impl Key {
    /// The key for `value`, or the name of its type when it is unhashable.
    pub fn new(value: Value) -> Result<Key, Rc<str>> {
        match unhashable_part(&value) {
            None => Ok(Key(value)),
            Some(part) => Err(part.type_name()),
        }
    }

    pub fn str(s: &str) -> Key {
        Key(Value::str(s))
    }
}

/// The first part of `value` that cannot be hashed (a tuple is as hashable as its items).
fn unhashable_part(value: &Value) -> Option<&Value> {
    match value {
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => Some(value),
        Value::Tuple(items) => items.iter().find_map(unhashable_part),
        Value::Instance(instance) if !instance.class.hashable.get() => Some(value),
        _ => None,
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state)
    }
}

fn hash_value<H: Hasher>(value: &Value, state: &mut H) {
    match value {
        Value::None => state.write_u8(0),
        Value::Bool(b) => state.write_i64(*b as i64),
        Value::Int(n) => state.write_i64(*n),
        Value::Float(x) if x.fract() == 0.0 && x.abs() < 9.2e18 => state.write_i64(*x as i64),
        Value::Float(x) => state.write_u64(x.to_bits()),
        Value::BigInt(n) => state.write_i64(n.hash()),
        Value::Str(s) => s.hash(state),
        Value::Bytes(b) => b.hash(state),
        Value::Tuple(items) => {
            state.write_usize(items.len());
            items.iter().for_each(|item| hash_value(item, state));
        }
        Value::FrozenSet(set) => {
            // Order-independent: the sum of the members' own hashes.
            let mut sum = 0u64;
            for key in set.iter() {
                let mut hasher = FxHasher::default();
                key.hash(&mut hasher);
                sum = sum.wrapping_add(hasher.finish());
            }
            state.write_u64(sum);
        }
        Value::Instance(instance) if instance.hash.get().is_some() => {
            state.write_i64(instance.hash.get().unwrap_or_default())
        }
        other => state.write_usize(other.identity()),
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        key_eq(&self.0, &other.0)
    }
}

impl Eq for Key {}

/// Equality of hashable values, without calling into Python (`__eq__` of instances is
/// identity for keys).
pub fn key_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| key_eq(p, q))
        }
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::Instance(x), Value::Instance(y)) if x.hash.get().is_some() => {
            Rc::ptr_eq(x, y) || (Rc::ptr_eq(&x.class, &y.class) && x.hash.get() == y.hash.get())
        }
        (Value::FrozenSet(x), Value::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|k| y.contains(k))
        }
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a.is(b),
        },
    }
}

/// A number's value for mixed comparisons of bool, int and float keys.
#[derive(PartialEq)]
enum Number<'a> {
    Int(i64),
    Big(&'a BigInt),
    Float(f64),
}

fn number(value: &Value) -> Option<Number<'_>> {
    match value {
        Value::Bool(b) => Some(Number::Int(*b as i64)),
        Value::Int(n) => Some(Number::Int(*n)),
        Value::BigInt(n) => Some(Number::Big(n)),
        Value::Float(x) if x.fract() == 0.0 && x.abs() < 9.2e18 => Some(Number::Int(*x as i64)),
        Value::Float(x) => Some(Number::Float(*x)),
        _ => None,
    }
}

/// `range(start, stop, step)`.
#[derive(Clone, Debug)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> i64 {
        if self.step > 0 && self.start < self.stop {
            (self.stop - self.start - 1) / self.step + 1
        } else if self.step < 0 && self.start > self.stop {
            (self.start - self.stop - 1) / -self.step + 1
        } else {
            0
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, index: i64) -> i64 {
        self.start + index * self.step
    }
}

/// A function defined by `def` or `lambda`.
pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<Module>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    /// The cells of the enclosing scopes' variables this function uses.
    pub closure: Vec<Rc<RefCell<Option<Value>>>>,
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    /// Attributes set on the function object (`f.calls = 0`), and `__doc__`.
    pub dict: RefCell<Namespace>,
}

/// A function written in Rust: a builtin, a method of a builtin type, or a function of a
/// module written in Rust.
pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    /// The object a method was looked up on (`[].append` is bound to its list).
    pub bound: Option<Value>,
    /// The class a method belongs to, for its repr (`<method 'append' of 'list' objects>`).
    pub owner: Option<&'static str>,
}

/// A class: built by `class`, or one of the builtin types and exceptions.
pub struct Class {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// The module it was defined in: `__main__`, `builtins`, `queue`…
    pub module: Rc<str>,
    pub bases: Vec<Rc<Class>>,
    /// The method resolution order after the class itself (single inheritance: the
    /// base, its base, … up to `object`).
    pub ancestors: Vec<Rc<Class>>,
    pub dict: RefCell<Namespace>,
    /// What a builtin class is, and which builtin its instances extend.
    pub builtin: Option<crate::vm::types::TypeTag>,
    /// False once a class defines `__eq__` without `__hash__`, as in Python.
    pub hashable: Cell<bool>,
}

impl Class {
    /// Looks `name` up along the MRO.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(value) = self.dict.borrow().get(name) {
            return Some(value.clone());
        }
        self.ancestors
            .iter()
            .find_map(|class| class.dict.borrow().get(name).cloned())
    }

    pub fn is_subclass(&self, other: &Class) -> bool {
        std::ptr::eq(self, other)
            || self
                .ancestors
                .iter()
                .any(|c| std::ptr::eq(c.as_ref(), other))
    }

    /// The first builtin type along the MRO (`object` for plain classes).
    pub fn builtin_base(&self) -> Option<crate::vm::types::TypeTag> {
        self.builtin
            .or_else(|| self.ancestors.iter().find_map(|class| class.builtin))
    }
}

/// An instance of a class written in Python (or of a builtin exception).
pub struct Instance {
    pub class: Rc<Class>,
    pub dict: RefCell<Namespace>,
    /// What the class's own `__hash__` last returned, when it has one: dicts and sets
    /// key such instances by it (and take equal hashes of one class as equal keys).
    pub hash: Cell<Option<i64>>,
    /// What an instance of a builtin base carries beyond its `__dict__`.
    pub payload: RefCell<Payload>,
}

/// The state an instance of a builtin base keeps outside its `__dict__`.
#[derive(Default)]
pub enum Payload {
    #[default]
    None,
    Exception(Box<ExceptionData>),
    /// A subclass of a Rust-written class (`class Worker(threading.Thread)`).
    Native(Rc<dyn NativeObject>),
    /// A subclass of a builtin container (`class Defaults(dict)`): the dict, list or
    /// set it is, which the builtin operations and methods work on.
    Builtin(Value),
}

impl Instance {
    /// The builtin container an instance of a `dict`, `list` or `set` subclass is.
    pub fn builtin_value(&self) -> Option<Value> {
        match &*self.payload.borrow() {
            Payload::Builtin(value) => Some(value.clone()),
            _ => None,
        }
    }
}

/// The container behind `value`: itself, or what an instance of a container subclass is.
pub fn container_of(value: &Value) -> Option<Value> {
    match value {
        Value::Instance(instance) => instance.builtin_value(),
        _ => None,
    }
}

/// What an exception carries: its arguments, where it was raised, and what it chains.
#[derive(Default)]
pub struct ExceptionData {
    pub args: Vec<Value>,
    pub traceback: Vec<TracebackEntry>,
    /// `raise … from cause`
    pub cause: Option<Value>,
    /// The exception being handled when this one was raised.
    pub context: Option<Value>,
    pub suppress_context: bool,
}

/// One frame a traceback passes through.
#[derive(Clone)]
pub struct TracebackEntry {
    pub code: Rc<Code>,
    /// The instruction that was running.
    pub ip: usize,
}

/// A module: its name and globals.
pub struct Module {
    pub name: Rc<str>,
    pub dict: RefCell<Namespace>,
}

impl Module {
    pub fn new(name: &str) -> Module {
        let mut dict = Namespace::default();
        dict.insert(Rc::from("__name__"), Value::str(name));
        dict.insert(Rc::from("__doc__"), Value::None);
        Module {
            name: Rc::from(name),
            dict: RefCell::new(dict),
        }
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.dict.borrow().get(name).cloned()
    }

    pub fn set(&self, name: &str, value: Value) {
        self.dict.borrow_mut().insert(Rc::from(name), value);
    }
}

/// A generator: the suspended frame of a function that yields.
pub struct Generator {
    /// None while the generator runs (its frame is on a thread's stack) and once it is
    /// exhausted.
    pub frame: Option<Box<Frame>>,
    pub running: bool,
    pub finished: bool,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
}

/// The iterators the VM implements itself.
pub enum Iter {
    /// Over a list: reads it live, so appends during iteration are seen.
    List(Rc<RefCell<Vec<Value>>>, usize),
    /// Over a tuple, or a snapshot (a dict's keys, a set's members, a str's chars…).
    Items(Rc<[Value]>, usize, &'static str),
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Over a dict's keys, live: a dict that changes size meanwhile is an error.
    DictKeys {
        dict: Rc<RefCell<DictObject>>,
        next: usize,
        size: usize,
    },
    Str(Rc<str>, usize),
    Bytes(Rc<[u8]>, usize),
    /// `enumerate(iterable, start)`
    Enumerate(Value, i64),
    /// `zip(*iterables)`; `strict` requires them to end together.
    Zip(Vec<Value>, bool),
    /// `map(func, *iterables)`
    Map(Value, Vec<Value>),
    /// `filter(func, iterable)`
    Filter(Value, Value),
    /// `reversed(sequence)`
    Reversed(Value, i64),
    /// `iter(callable, sentinel)`
    Callable(Value, Value),
    /// An object with `__getitem__` but no `__iter__`: items 0, 1, 2… until IndexError.
    Sequence(Value, i64),
    /// An object whose `__iter__` returned itself or another object with `__next__`.
    Exhausted,
}

impl Iter {
    pub fn type_name(&self) -> &'static str {
        match self {
            Iter::List(..) => "list_iterator",
            Iter::Items(_, _, name) => name,
            Iter::Range { .. } => "range_iterator",
            Iter::DictKeys { .. } => "dict_keyiterator",
            Iter::Str(..) => "str_ascii_iterator",
            Iter::Bytes(..) => "bytes_iterator",
            Iter::Enumerate(..) => "enumerate",
            Iter::Zip(..) => "zip",
            Iter::Map(..) => "map",
            Iter::Filter(..) => "filter",
            Iter::Reversed(..) => "list_reverseiterator",
            Iter::Callable(..) => "callable_iterator",
            Iter::Sequence(..) => "iterator",
            Iter::Exhausted => "iterator",
        }
    }
}

/// Objects that change how an attribute found on a class is read.
pub enum Descriptor {
    Property {
        fget: Option<Value>,
        fset: Option<Value>,
        fdel: Option<Value>,
    },
    StaticMethod(Value),
    ClassMethod(Value),
    /// `super()`: look up after `class` in the MRO of `object`'s type.
    Super {
        class: Rc<Class>,
        object: Value,
    },
}

impl Descriptor {
    fn type_name(&self) -> &'static str {
        match self {
            Descriptor::Property { .. } => "property",
            Descriptor::StaticMethod(_) => "staticmethod",
            Descriptor::ClassMethod(_) => "classmethod",
            Descriptor::Super { .. } => "super",
        }
    }
}
