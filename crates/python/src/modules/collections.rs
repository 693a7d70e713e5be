//! `collections`: `deque`, and the dict subclasses `Counter` and `defaultdict`.
//!
//! A `Counter` or `defaultdict` is a dict (`Value::Dict`) whose flavor says what it
//! adds: a missing key counts 0, or is made by the factory. Their dict methods, and
//! `Counter`'s own (`most_common`, `elements`, `subtract`, `total` and its counting
//! `update`), belong to the dict type; this module makes them, prints a `Counter`
//! as CPython does, and does its arithmetic. A `deque` is an instance whose payload
//! holds its items, so that a `queue.Queue` can share them as its `queue` attribute.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::{
    Params, c_args, held, method_args, methods, new_module, registered_classes, set_native,
    to_index,
};
use crate::syntax::ast::{BinOp, CmpOp};
use crate::value::{
    Class, Dict, DictFlavor, DictObject, Instance, Iter, Key, Module, Namespace, Payload, Value,
};
use crate::vm::Vm;
use crate::vm::eval::call_nested;
use crate::vm::exceptions::error;
use crate::vm::native::{Args, NativeObject, PyResult, Signal};
use crate::vm::types::{TypeTag, new_class};
use crate::vm::{attr, iter, ops, repr};

/// Makes `collections` for the current process.
pub fn make(vm: &mut Vm) -> Rc<Module> {
    let module = new_module("collections", Some("collections/__init__.py"));
    let classes = classes(vm);
    module.set("deque", Value::Class(classes.deque));
    module.set("Counter", Value::Class(classes.counter));
    module.set("defaultdict", Value::Class(classes.defaultdict));
    module.set("OrderedDict", Value::Class(classes.ordered_dict));
    module.set("namedtuple", attr::builtin("namedtuple", namedtuple, None));
    module
}

/// The classes of `collections`, made once per VM.
struct Classes {
    deque: Rc<Class>,
    counter: Rc<Class>,
    defaultdict: Rc<Class>,
    ordered_dict: Rc<Class>,
}

fn classes(vm: &mut Vm) -> Classes {
    let [deque, counter, defaultdict, ordered_dict] =
        registered_classes(vm, "collections", make_classes);
    Classes {
        deque,
        counter,
        defaultdict,
        ordered_dict,
    }
}

fn make_classes(vm: &mut Vm) -> [Rc<Class>; 4] {
    let object = vm.types.get(TypeTag::Object).clone();
    let dict = vm.types.get(TypeTag::Dict).clone();
    let deque = methods(
        "collections.deque",
        &[
            ("__init__", deque_init),
            ("__repr__", deque_repr),
            ("__len__", deque_len),
            ("__iter__", deque_iter),
            ("__reversed__", deque_reversed),
            ("__getitem__", deque_getitem),
            ("__setitem__", deque_setitem),
            ("__delitem__", deque_delitem),
            ("__contains__", deque_contains),
            ("__eq__", deque_eq),
            ("__ne__", deque_ne),
            ("__lt__", deque_lt),
            ("__le__", deque_le),
            ("__gt__", deque_gt),
            ("__ge__", deque_ge),
            ("__add__", deque_add),
            ("__iadd__", deque_iadd),
            ("__mul__", deque_mul),
            ("__copy__", deque_copy),
            ("append", deque_append),
            ("appendleft", deque_appendleft),
            ("pop", deque_pop),
            ("popleft", deque_popleft),
            ("extend", deque_extend),
            ("extendleft", deque_extendleft),
            ("rotate", deque_rotate),
            ("clear", deque_clear),
            ("copy", deque_copy),
            ("count", deque_count),
            ("index", deque_index),
            ("insert", deque_insert),
            ("remove", deque_remove),
            ("reverse", deque_reverse),
        ],
    );
    let deque = new_class("deque", "collections", Some(&object), deque, None);
    let counter = methods("Counter", &[("__new__", counter_new)]);
    let counter = new_class(
        "Counter",
        "collections",
        Some(&dict),
        counter,
        Some(TypeTag::Dict),
    );
    let defaultdict = methods("collections.defaultdict", &[("__new__", defaultdict_new)]);
    let defaultdict = new_class(
        "defaultdict",
        "collections",
        Some(&dict),
        defaultdict,
        Some(TypeTag::Dict),
    );
    let ordered = methods("collections.OrderedDict", &[("__new__", ordered_dict_new)]);
    let ordered_dict = new_class(
        "OrderedDict",
        "collections",
        Some(&dict),
        ordered,
        Some(TypeTag::Dict),
    );
    [deque, counter, defaultdict, ordered_dict]
}

/// The class of a dict of a flavor `collections` adds (`Counter`, `defaultdict`):
/// what `type()` gives for it. None for a plain dict.
pub fn flavor_class(vm: &mut Vm, flavor: &DictFlavor) -> Option<Rc<Class>> {
    match flavor {
        DictFlavor::Plain => None,
        DictFlavor::Counter => Some(classes(vm).counter),
        DictFlavor::Default(_) => Some(classes(vm).defaultdict),
    }
}

// ---------------------------------------------------------------------------------
// Counter and defaultdict

fn new_dict(flavor: DictFlavor) -> Value {
    Value::Dict(Rc::new(RefCell::new(DictObject {
        entries: Dict::default(),
        flavor,
    })))
}

/// Calls the dict's own `update` (a Counter's counts) with `args`.
fn update(vm: &mut Vm, dict: &Value, args: Args) -> PyResult {
    let update = attr::get_attr(vm, dict, "update")?;
    call_nested(vm, update, args)
}

/// `Counter(iterable=None, /, **kwds)`: the elements of an iterable counted, or the
/// counts of a mapping.
fn counter_new(vm: &mut Vm, args: Args) -> PyResult {
    let Args {
        mut positional,
        keywords,
    } = args;
    positional.insert(0, Value::None);
    Params {
        name: "Counter.__init__",
        names: &["self", "iterable"],
        required: 1,
        positional: 2,
    }
    .bind(vm, Args::new(positional.clone()))?;
    let counter = new_dict(DictFlavor::Counter);
    let iterable = positional.get(1).cloned();
    update(
        vm,
        &counter,
        Args {
            positional: iterable.into_iter().collect(),
            keywords,
        },
    )?;
    Ok(counter)
}

/// Whether a value can be called.
fn is_callable(vm: &mut Vm, value: &Value) -> bool {
    match value {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Instance(_) | Value::Native(_) => {
            vm.types.class_of(value).lookup("__call__").is_some()
        }
        _ => false,
    }
}

/// `defaultdict(default_factory=None, /, *args, **kwargs)`: a dict whose missing keys
/// are added with `default_factory()`; the other arguments fill it as `dict()` would.
fn defaultdict_new(vm: &mut Vm, args: Args) -> PyResult {
    let Args {
        mut positional,
        keywords,
    } = args;
    let factory = if positional.is_empty() {
        Value::None
    } else {
        positional.remove(0)
    };
    if !matches!(factory, Value::None) && !is_callable(vm, &factory) {
        return Err(error(
            vm,
            "TypeError",
            "first argument must be callable or None",
        ));
    }
    let dict = new_dict(DictFlavor::Default(factory));
    update(
        vm,
        &dict,
        Args {
            positional,
            keywords,
        },
    )?;
    Ok(dict)
}

/// `OrderedDict(...)`: a dict filled as `dict(...)` fills it. Dicts keep their order
/// as an `OrderedDict` does; its own repr (`OrderedDict([('a', 1)])`) is not made.
fn ordered_dict_new(vm: &mut Vm, args: Args) -> PyResult {
    let dict = new_dict(DictFlavor::Plain);
    update(vm, &dict, args)?;
    Ok(dict)
}

/// A key function for sorting `(element, count)` pairs by count.
fn count_of(vm: &mut Vm, args: Args) -> PyResult {
    let pair = args.positional.first().cloned().unwrap_or_default();
    ops::get_item(vm, &pair, &Value::Int(1))
}

/// `repr()` of a non-empty Counter: its pairs most common first (equal counts in the
/// order first seen), or as they are when the counts cannot be ordered. (Its items
/// are printed each with a repr of their own, so `_seen`, the containers the VM's
/// repr is inside, is not needed.)
pub fn counter_repr(
    vm: &mut Vm,
    pairs: &[(Value, Value)],
    _seen: &mut Vec<usize>,
) -> PyResult<String> {
    let tuples: Vec<Value> = pairs
        .iter()
        .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
        .collect();
    let key = attr::builtin("count_of", count_of, None);
    let ordered = match crate::builtins::sort_values(vm, tuples.clone(), Some(key), true) {
        Ok(sorted) => sorted,
        Err(Signal::Raise(exc)) if crate::vm::exceptions::is_instance_of(vm, &exc, "TypeError") => {
            tuples
        }
        Err(signal) => return Err(signal),
    };
    let mut parts = Vec::with_capacity(ordered.len());
    for pair in &ordered {
        let Value::Tuple(pair) = pair else {
            continue;
        };
        let key = repr::repr(vm, &pair[0])?;
        let count = repr::repr(vm, &pair[1])?;
        parts.push(format!("{key}: {count}"));
    }
    Ok(format!("Counter({{{}}})", parts.join(", ")))
}

/// `counter op other` for two Counters (`+`, `-`, `|`, `&`): a new Counter of the
/// positive results, as CPython's `Counter.__add__` and friends make it.
pub fn counter_arithmetic(
    vm: &mut Vm,
    op: BinOp,
    a: &Rc<RefCell<DictObject>>,
    b: &Rc<RefCell<DictObject>>,
) -> PyResult {
    let left: Vec<_> = a
        .borrow()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let right: Vec<_> = b
        .borrow()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let zero = Value::Int(0);
    let positive = |vm: &mut Vm, n: &Value| -> PyResult<bool> {
        let result = ops::compare(vm, CmpOp::Gt, n, &Value::Int(0))?;
        ops::truthy(vm, &result)
    };
    let mut result = Dict::default();
    for (element, count) in &left {
        let other = b.borrow().get(element).cloned().unwrap_or(Value::Int(0));
        let combined = match op {
            BinOp::Add | BinOp::Sub => ops::binary(vm, op, count, &other, false)?,
            BinOp::BitOr if ops::less_than(vm, count, &other)? => other,
            BinOp::BitAnd if !ops::less_than(vm, count, &other)? => other,
            _ => count.clone(),
        };
        if positive(vm, &combined)? {
            result.insert(element.clone(), combined);
        }
    }
    if op != BinOp::BitAnd {
        for (element, count) in &right {
            if a.borrow().contains_key(element) {
                continue;
            }
            let count = match op {
                BinOp::Sub => ops::binary(vm, BinOp::Sub, &zero, count, false)?,
                _ => count.clone(),
            };
            if positive(vm, &count)? {
                result.insert(element.clone(), count);
            }
        }
    }
    Ok(Value::Dict(Rc::new(RefCell::new(DictObject {
        entries: result,
        flavor: DictFlavor::Counter,
    }))))
}

// ---------------------------------------------------------------------------------
// deque

/// `collections.deque`: a double-ended queue, bounded by `maxlen` when it has one.
pub struct Deque {
    class: Rc<Class>,
    /// The items, left to right; shared with the `queue.Queue` whose `queue` it is.
    items: Rc<RefCell<VecDeque<Value>>>,
    maxlen: Option<usize>,
    /// Its repr is being made: a deque inside itself prints as `[...]`.
    in_repr: Cell<bool>,
}

impl NativeObject for Deque {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }
    fn get_attr(&self, name: &str) -> Option<Value> {
        match name {
            "maxlen" => Some(self.maxlen.map_or(Value::None, |n| Value::Int(n as i64))),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Deque {
    /// Adds an item at the right (or left), dropping one from the other end when the
    /// deque is full.
    fn push(&self, item: Value, left: bool) {
        let mut items = self.items.borrow_mut();
        if self.maxlen == Some(0) {
            return;
        }
        if self.maxlen.is_some_and(|max| items.len() >= max) {
            if left {
                items.pop_back();
            } else {
                items.pop_front();
            }
        }
        if left {
            items.push_front(item);
        } else {
            items.push_back(item);
        }
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }
}

/// A deque over `items`, shared with its maker (a `queue.Queue`'s `queue`).
pub fn new_deque(vm: &mut Vm, items: Rc<RefCell<VecDeque<Value>>>) -> Value {
    let class = classes(vm).deque;
    deque_of(class, items, None)
}

fn deque_of(class: Rc<Class>, items: Rc<RefCell<VecDeque<Value>>>, maxlen: Option<usize>) -> Value {
    let instance = Value::Instance(Rc::new(Instance {
        hash: Cell::new(None),
        class: class.clone(),
        dict: RefCell::new(Namespace::default()),
        payload: RefCell::new(Payload::None),
    }));
    set_native(
        &instance,
        Rc::new(Deque {
            class,
            items,
            maxlen,
            in_repr: Cell::new(false),
        }),
    );
    instance
}

/// The deque a method is called on, and the arguments after `self`.
fn deque_args(
    vm: &mut Vm,
    args: Args,
    method: &str,
) -> PyResult<(Value, super::Held<Deque>, Args)> {
    let (this, rest) = method_args(vm, args, method)?;
    let deque = held::<Deque>(vm, &this, "collections.deque", method)?;
    Ok((this, deque, rest))
}

/// A deque method's positional arguments, checked as CPython's C methods check them.
fn deque_method(
    vm: &mut Vm,
    args: Args,
    method: &str,
    min: usize,
    max: usize,
) -> PyResult<(Value, super::Held<Deque>, Vec<Value>)> {
    let (this, deque, rest) = deque_args(vm, args, method)?;
    let rest = c_args(vm, rest, &format!("deque.{method}"), min, max)?;
    Ok((this, deque, rest))
}

/// `deque(iterable=(), maxlen=None)`.
fn deque_init(vm: &mut Vm, args: Args) -> PyResult {
    let given = args.positional.len() + args.keywords.len();
    if args.positional.len() > 3 {
        let message = format!("deque() takes at most 2 arguments ({} given)", given - 1);
        return Err(error(vm, "TypeError", &message));
    }
    let bound = Params {
        name: "deque",
        names: &["self", "iterable", "maxlen"],
        required: 1,
        positional: 3,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let maxlen = match &bound[2] {
        None | Some(Value::None) => None,
        Some(value) => match crate::vm::int::as_int(value) {
            Some(n) if n.is_negative() => {
                return Err(error(vm, "ValueError", "maxlen must be non-negative"));
            }
            Some(n) => Some(n.to_i64().unwrap_or(i64::MAX) as usize),
            None => return Err(error(vm, "TypeError", "an integer is required")),
        },
    };
    let class = vm.types.class_of(&this);
    let state = Deque {
        class,
        items: Rc::new(RefCell::new(VecDeque::new())),
        maxlen,
        in_repr: Cell::new(false),
    };
    if let Some(iterable) = &bound[1] {
        for item in iter::collect(vm, iterable)? {
            state.push(item, false);
        }
    }
    set_native(&this, Rc::new(state));
    Ok(Value::None)
}

/// `deque([1, 2], maxlen=3)`.
fn deque_repr(vm: &mut Vm, args: Args) -> PyResult {
    let (this, deque, _) = deque_args(vm, args, "__repr__")?;
    let name = vm.types.class_of(&this).name.clone();
    if deque.in_repr.get() {
        return Ok(Value::str("[...]"));
    }
    deque.in_repr.set(true);
    let list = repr::repr(vm, &Value::list(deque.snapshot()));
    deque.in_repr.set(false);
    let list = list?;
    Ok(Value::str(&match deque.maxlen {
        Some(max) => format!("{name}({list}, maxlen={max})"),
        None => format!("{name}({list})"),
    }))
}

fn deque_len(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, _) = deque_args(vm, args, "__len__")?;
    Ok(Value::Int(deque.items.borrow().len() as i64))
}

fn deque_iter(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, _) = deque_args(vm, args, "__iter__")?;
    let items = Rc::from(deque.snapshot());
    Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Items(
        items,
        0,
        "_collections._deque_iterator",
    )))))
}

fn deque_reversed(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, _) = deque_args(vm, args, "__reversed__")?;
    let mut items = deque.snapshot();
    items.reverse();
    Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Items(
        Rc::from(items),
        0,
        "_collections._deque_reverse_iterator",
    )))))
}

/// The position of a deque index (negative from the right), or IndexError.
fn position(vm: &mut Vm, deque: &Deque, index: &Value) -> PyResult<usize> {
    let Some(n) = crate::vm::int::as_int(index) else {
        let message = format!(
            "sequence index must be integer, not '{}'",
            index.type_name()
        );
        return Err(error(vm, "TypeError", &message));
    };
    let len = deque.items.borrow().len() as i64;
    let i = n.to_i64().unwrap_or(i64::MAX);
    let i = if i < 0 { i + len } else { i };
    if !(0..len).contains(&i) {
        return Err(error(vm, "IndexError", "deque index out of range"));
    }
    Ok(i as usize)
}

fn deque_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "__getitem__", 1, 1)?;
    let at = position(vm, &deque, &rest[0])?;
    Ok(deque.items.borrow()[at].clone())
}

fn deque_setitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "__setitem__", 2, 2)?;
    let at = position(vm, &deque, &rest[0])?;
    deque.items.borrow_mut()[at] = rest[1].clone();
    Ok(Value::None)
}

fn deque_delitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "__delitem__", 1, 1)?;
    let at = position(vm, &deque, &rest[0])?;
    deque.items.borrow_mut().remove(at);
    Ok(Value::None)
}

/// Where `item` first is among `items` (equal or the same object), from `start`.
fn find(vm: &mut Vm, items: &[Value], item: &Value, start: usize) -> PyResult<Option<usize>> {
    for (at, candidate) in items.iter().enumerate().skip(start) {
        if candidate.is(item) || ops::equals(vm, candidate, item)? {
            return Ok(Some(at));
        }
    }
    Ok(None)
}

fn deque_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "__contains__", 1, 1)?;
    let found = find(vm, &deque.snapshot(), &rest[0], 0)?;
    Ok(Value::Bool(found.is_some()))
}

/// Compares two deques as lists of their items; NotImplemented for anything else.
fn deque_compare(vm: &mut Vm, args: Args, op: CmpOp) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "__eq__", 1, 1)?;
    let Some(other) = super::native_of(&rest[0]).and_then(super::Held::<Deque>::downcast) else {
        return Ok(Value::NotImplemented);
    };
    let (a, b) = (Value::list(deque.snapshot()), Value::list(other.snapshot()));
    ops::compare(vm, op, &a, &b)
}

fn deque_eq(vm: &mut Vm, args: Args) -> PyResult {
    deque_compare(vm, args, CmpOp::Eq)
}

fn deque_ne(vm: &mut Vm, args: Args) -> PyResult {
    deque_compare(vm, args, CmpOp::NotEq)
}

fn deque_lt(vm: &mut Vm, args: Args) -> PyResult {
    deque_compare(vm, args, CmpOp::Lt)
}

fn deque_le(vm: &mut Vm, args: Args) -> PyResult {
    deque_compare(vm, args, CmpOp::LtE)
}

fn deque_gt(vm: &mut Vm, args: Args) -> PyResult {
    deque_compare(vm, args, CmpOp::Gt)
}

fn deque_ge(vm: &mut Vm, args: Args) -> PyResult {
    deque_compare(vm, args, CmpOp::GtE)
}

/// A new deque of the same class and maxlen holding `items`.
fn copy_with(this: &Value, deque: &Deque, items: Vec<Value>) -> Value {
    let class = match this {
        Value::Instance(instance) => instance.class.clone(),
        _ => deque.class.clone(),
    };
    let copy = deque_of(class, Rc::new(RefCell::new(VecDeque::new())), deque.maxlen);
    if let Some(state) = super::native_of(&copy).and_then(super::Held::<Deque>::downcast) {
        for item in items {
            state.push(item, false);
        }
    }
    copy
}

/// `deque + deque`.
fn deque_add(vm: &mut Vm, args: Args) -> PyResult {
    let (this, deque, rest) = deque_method(vm, args, "__add__", 1, 1)?;
    let Some(other) = super::native_of(&rest[0]).and_then(super::Held::<Deque>::downcast) else {
        let message = format!(
            "can only concatenate deque (not \"{}\") to deque",
            rest[0].type_name()
        );
        return Err(error(vm, "TypeError", &message));
    };
    let mut items = deque.snapshot();
    items.extend(other.snapshot());
    Ok(copy_with(&this, &deque, items))
}

/// `deque += iterable`.
fn deque_iadd(vm: &mut Vm, args: Args) -> PyResult {
    let (this, deque, rest) = deque_method(vm, args, "__iadd__", 1, 1)?;
    for item in iter::collect(vm, &rest[0])? {
        deque.push(item, false);
    }
    Ok(this)
}

/// `deque * n`.
fn deque_mul(vm: &mut Vm, args: Args) -> PyResult {
    let (this, deque, rest) = deque_method(vm, args, "__mul__", 1, 1)?;
    let n = to_index(vm, &rest[0])?.max(0) as usize;
    let items = deque.snapshot();
    let repeated = (0..n).flat_map(|_| items.iter().cloned()).collect();
    Ok(copy_with(&this, &deque, repeated))
}

fn deque_copy(vm: &mut Vm, args: Args) -> PyResult {
    let (this, deque, _) = deque_method(vm, args, "copy", 0, 0)?;
    Ok(copy_with(&this, &deque, deque.snapshot()))
}

fn deque_append(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "append", 1, 1)?;
    deque.push(rest[0].clone(), false);
    Ok(Value::None)
}

fn deque_appendleft(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "appendleft", 1, 1)?;
    deque.push(rest[0].clone(), true);
    Ok(Value::None)
}

/// Takes an item from the right (or left) end.
fn take(vm: &mut Vm, args: Args, method: &str, left: bool) -> PyResult {
    let (_, deque, _) = deque_method(vm, args, method, 0, 0)?;
    let taken = if left {
        deque.items.borrow_mut().pop_front()
    } else {
        deque.items.borrow_mut().pop_back()
    };
    taken.ok_or_else(|| error(vm, "IndexError", "pop from an empty deque"))
}

fn deque_pop(vm: &mut Vm, args: Args) -> PyResult {
    take(vm, args, "pop", false)
}

fn deque_popleft(vm: &mut Vm, args: Args) -> PyResult {
    take(vm, args, "popleft", true)
}

fn deque_extend(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "extend", 1, 1)?;
    for item in iter::collect(vm, &rest[0])? {
        deque.push(item, false);
    }
    Ok(Value::None)
}

/// `deque.extendleft(iterable)`: each item added at the left, so they end up reversed.
fn deque_extendleft(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "extendleft", 1, 1)?;
    for item in iter::collect(vm, &rest[0])? {
        deque.push(item, true);
    }
    Ok(Value::None)
}

/// `deque.rotate(n=1)`: `n` steps to the right (left when negative).
fn deque_rotate(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "rotate", 0, 1)?;
    let n = match rest.first() {
        Some(n) => to_index(vm, n)?,
        None => 1,
    };
    let mut items = deque.items.borrow_mut();
    let len = items.len() as i64;
    if len > 1 {
        let steps = n.rem_euclid(len) as usize;
        items.rotate_right(steps);
    }
    Ok(Value::None)
}

fn deque_clear(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, _) = deque_method(vm, args, "clear", 0, 0)?;
    let cleared = std::mem::take(&mut *deque.items.borrow_mut());
    drop(cleared);
    Ok(Value::None)
}

fn deque_count(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "count", 1, 1)?;
    let mut count = 0;
    for item in deque.snapshot() {
        if item.is(&rest[0]) || ops::equals(vm, &item, &rest[0])? {
            count += 1;
        }
    }
    Ok(Value::Int(count))
}

/// `ValueError: 'x' is not in deque`.
fn not_in_deque(vm: &mut Vm, item: &Value) -> PyResult<Signal> {
    let text = repr::repr(vm, item)?;
    Ok(error(vm, "ValueError", &format!("{text} is not in deque")))
}

/// `deque.index(x[, start[, stop]])`.
fn deque_index(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "index", 1, 3)?;
    let items = deque.snapshot();
    let len = items.len() as i64;
    let bound = |vm: &mut Vm, value: Option<&Value>, default: i64| -> PyResult<usize> {
        let n = match value {
            Some(value) => to_index(vm, value)?,
            None => default,
        };
        let n = if n < 0 { (n + len).max(0) } else { n.min(len) };
        Ok(n as usize)
    };
    let start = bound(vm, rest.get(1), 0)?;
    let stop = bound(vm, rest.get(2), len)?;
    let window = &items[..stop.max(start)];
    match find(vm, window, &rest[0], start)? {
        Some(at) => Ok(Value::Int(at as i64)),
        None => Err(not_in_deque(vm, &rest[0])?),
    }
}

/// `deque.insert(i, x)`.
fn deque_insert(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "insert", 2, 2)?;
    let index = to_index(vm, &rest[0])?;
    if deque
        .maxlen
        .is_some_and(|max| deque.items.borrow().len() >= max)
    {
        return Err(error(vm, "IndexError", "deque already at its maximum size"));
    }
    let mut items = deque.items.borrow_mut();
    let len = items.len() as i64;
    let at = if index < 0 {
        (index + len).max(0)
    } else {
        index.min(len)
    };
    items.insert(at as usize, rest[1].clone());
    Ok(Value::None)
}

fn deque_remove(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, rest) = deque_method(vm, args, "remove", 1, 1)?;
    match find(vm, &deque.snapshot(), &rest[0], 0)? {
        Some(at) => {
            deque.items.borrow_mut().remove(at);
            Ok(Value::None)
        }
        None => Err(not_in_deque(vm, &rest[0])?),
    }
}

fn deque_reverse(vm: &mut Vm, args: Args) -> PyResult {
    let (_, deque, _) = deque_method(vm, args, "reverse", 0, 0)?;
    deque.items.borrow_mut().make_contiguous().reverse();
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------
// namedtuple

/// Python's keywords, which cannot name a namedtuple or its fields.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Whether `name` is an identifier, as `str.isidentifier` decides for the names
/// learners write.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first == '_' || first.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// `namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`:
/// a class of tuples whose items are also read by name.
fn namedtuple(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "namedtuple",
        names: &["typename", "field_names", "rename", "defaults", "module"],
        required: 2,
        positional: 2,
    }
    .bind(vm, args)?;
    let [typename, field_names, rename, defaults, module] =
        bound.try_into().expect("five parameters");
    let typename = repr::str(vm, &typename.unwrap_or_default())?;
    let field_names = field_names.unwrap_or_default();
    let mut names = Vec::new();
    if let Value::Str(text) = &field_names {
        names.extend(text.replace(',', " ").split_whitespace().map(str::to_owned));
    } else {
        for name in iter::collect(vm, &field_names)? {
            names.push(repr::str(vm, &name)?);
        }
    }
    let rename = match &rename {
        Some(rename) => ops::truthy(vm, rename)?,
        None => false,
    };
    if rename {
        let mut seen: Vec<String> = Vec::new();
        for (index, name) in names.iter_mut().enumerate() {
            let original = name.clone();
            if !is_identifier(name)
                || KEYWORDS.contains(&name.as_str())
                || name.starts_with('_')
                || seen.contains(name)
            {
                *name = format!("_{index}");
            }
            seen.push(original);
        }
    }
    for name in std::iter::once(&typename).chain(names.iter()) {
        let quoted = repr::repr(vm, &Value::str(name))?;
        if !is_identifier(name) {
            let message = format!("Type names and field names must be valid identifiers: {quoted}");
            return Err(error(vm, "ValueError", &message));
        }
        if KEYWORDS.contains(&name.as_str()) {
            let message = format!("Type names and field names cannot be a keyword: {quoted}");
            return Err(error(vm, "ValueError", &message));
        }
    }
    for (at, name) in names.iter().enumerate() {
        let quoted = repr::repr(vm, &Value::str(name))?;
        if name.starts_with('_') && !rename {
            let message = format!("Field names cannot start with an underscore: {quoted}");
            return Err(error(vm, "ValueError", &message));
        }
        if names[..at].contains(name) {
            let message = format!("Encountered duplicate field name: {quoted}");
            return Err(error(vm, "ValueError", &message));
        }
    }
    let defaults = match defaults.filter(|d| !matches!(d, Value::None)) {
        Some(defaults) => iter::collect(vm, &defaults)?,
        None => Vec::new(),
    };
    if defaults.len() > names.len() {
        return Err(error(
            vm,
            "TypeError",
            "Got more default values than field names",
        ));
    }
    let field_defaults: Dict = names[names.len() - defaults.len()..]
        .iter()
        .zip(defaults)
        .map(|(name, value)| (Key(Value::str(name)), value))
        .collect();
    let module = match module.filter(|m| !matches!(m, Value::None)) {
        Some(module) => repr::str(vm, &module)?,
        None => "__main__".to_owned(),
    };
    let mut dict = super::StructSeq::methods();
    dict.extend(methods(
        "namedtuple",
        &[
            ("__init__", namedtuple_init),
            ("__repr__", namedtuple_repr),
            ("_asdict", namedtuple_asdict),
            ("_replace", namedtuple_replace),
        ],
    ));
    let make = attr::builtin("_make", namedtuple_make, Some("namedtuple"));
    dict.insert(
        Rc::from("_make"),
        Value::Descriptor(Rc::new(crate::value::Descriptor::ClassMethod(make))),
    );
    let fields: Vec<Value> = names.iter().map(|name| Value::str(name)).collect();
    dict.insert(Rc::from("_fields"), Value::tuple(fields));
    dict.insert(Rc::from("_field_defaults"), Value::dict(field_defaults));
    let object = vm.types.get(TypeTag::Object).clone();
    Ok(Value::Class(new_class(
        &typename,
        &module,
        Some(&object),
        dict,
        None,
    )))
}

/// The field names and defaults a namedtuple class keeps.
fn namedtuple_fields(class: &Class) -> (Rc<[Rc<str>]>, Dict) {
    let fields = match class.lookup("_fields") {
        Some(Value::Tuple(names)) => names
            .iter()
            .filter_map(|name| name.as_str().map(Rc::from))
            .collect(),
        _ => Rc::from(Vec::new()),
    };
    let defaults = match class.lookup("_field_defaults") {
        Some(Value::Dict(defaults)) => defaults.borrow().entries.clone(),
        _ => Dict::default(),
    };
    (fields, defaults)
}

/// `Point(x, y)`: the items by position or by field name, defaults for the rest,
/// bound with the messages of the class's `__new__`.
fn namedtuple_init(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "__init__")?;
    let class = vm.types.class_of(&this);
    let (fields, defaults) = namedtuple_fields(&class);
    let name = format!("{}.__new__", class.name);
    let given = rest.positional.len();
    if given > fields.len() {
        let message = format!(
            "{name}() takes {} positional arguments but {} were given",
            fields.len() + 1,
            given + 1
        );
        return Err(error(vm, "TypeError", &message));
    }
    let mut items: Vec<Option<Value>> = vec![None; fields.len()];
    for (slot, value) in rest.positional.into_iter().enumerate() {
        items[slot] = Some(value);
    }
    for (keyword, value) in rest.keywords {
        let Some(slot) = fields.iter().position(|field| *field == keyword) else {
            let message = format!("{name}() got an unexpected keyword argument '{keyword}'");
            return Err(error(vm, "TypeError", &message));
        };
        if items[slot].is_some() {
            let message = format!("{name}() got multiple values for argument '{keyword}'");
            return Err(error(vm, "TypeError", &message));
        }
        items[slot] = Some(value);
    }
    let mut missing = Vec::new();
    for (slot, field) in fields.iter().enumerate() {
        if items[slot].is_none() {
            match defaults.get(&Key(Value::Str(field.clone()))) {
                Some(default) => items[slot] = Some(default.clone()),
                None => missing.push(format!("'{field}'")),
            }
        }
    }
    if !missing.is_empty() {
        let names = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            n => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
        };
        let message = format!(
            "{name}() missing {} required positional argument{}: {names}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        );
        return Err(error(vm, "TypeError", &message));
    }
    let items = items.into_iter().map(Option::unwrap_or_default).collect();
    super::StructSeq::fill(&this, &class, fields, items);
    Ok(Value::None)
}

/// The state of a namedtuple instance.
fn namedtuple_of(
    vm: &mut Vm,
    this: &Value,
    method: &str,
) -> PyResult<super::Held<super::StructSeq>> {
    held::<super::StructSeq>(vm, this, "namedtuple", method)
}

/// `Point(x=1, y=2)`.
fn namedtuple_repr(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__repr__")?;
    let seq = namedtuple_of(vm, &this, "__repr__")?;
    let Value::Tuple(items) = seq.items() else {
        return Ok(Value::str(""));
    };
    let mut parts = Vec::with_capacity(items.len());
    for (field, item) in seq.field_names().iter().zip(items.iter()) {
        parts.push(format!("{field}={}", repr::repr(vm, item)?));
    }
    let name = vm.types.class_of(&this).name.clone();
    Ok(Value::str(&format!("{name}({})", parts.join(", "))))
}

/// `point._asdict()`: a dict of the fields and their items.
fn namedtuple_asdict(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "_asdict")?;
    c_args(vm, rest, "_asdict", 0, 0)?;
    let seq = namedtuple_of(vm, &this, "_asdict")?;
    let Value::Tuple(items) = seq.items() else {
        return Ok(Value::dict(Dict::default()));
    };
    let dict = seq
        .field_names()
        .iter()
        .zip(items.iter())
        .map(|(field, item)| (Key(Value::Str(field.clone())), item.clone()))
        .collect();
    Ok(Value::dict(dict))
}

/// `point._replace(**changes)`: a new instance with some items changed.
fn namedtuple_replace(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "_replace")?;
    let seq = namedtuple_of(vm, &this, "_replace")?;
    let Value::Tuple(items) = seq.items() else {
        return Ok(this);
    };
    let mut items = items.to_vec();
    let mut unknown = Vec::new();
    for (keyword, value) in rest.keywords {
        match seq.field_names().iter().position(|field| *field == keyword) {
            Some(slot) => items[slot] = value,
            None => unknown.push(Value::Str(keyword)),
        }
    }
    if !unknown.is_empty() {
        let names = repr::repr(vm, &Value::list(unknown))?;
        let message = format!("Got unexpected field names: {names}");
        return Err(error(vm, "ValueError", &message));
    }
    let class = vm.types.class_of(&this);
    call_nested(vm, Value::Class(class), Args::new(items))
}

/// `Point._make(iterable)`: an instance of the items of an iterable.
fn namedtuple_make(vm: &mut Vm, args: Args) -> PyResult {
    let (class, rest) = method_args(vm, args, "_make")?;
    let rest = c_args(vm, rest, "_make", 1, 1)?;
    let items = iter::collect(vm, &rest[0])?;
    call_nested(vm, class, Args::new(items))
}
