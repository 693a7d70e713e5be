//! The methods of `set` and `frozenset` (which has those that do not change it).

use std::cell::RefCell;
use std::rc::Rc;

use super::{Method, Signature};
use crate::value::{Set, Value};
use crate::vm::Vm;
use crate::vm::exceptions::{error, new_exception};
use crate::vm::native::{Args, PyResult, Signal};
use crate::vm::{iter, ops};

/// A set as its methods change it.
type SetRef = Rc<RefCell<Set>>;

/// The methods of frozenset, which set has too, by name (sorted, for the lookup's
/// binary search).
pub(super) const METHODS: &[Method] = &[
    Method::of_object("copy", copy),
    Method::of_object("difference", difference),
    Method::of_object("intersection", intersection),
    Method::of_object("isdisjoint", isdisjoint),
    Method::of_object("issubset", issubset),
    Method::of_object("issuperset", issuperset),
    Method::of_object("symmetric_difference", symmetric_difference),
    Method::of_object("union", union),
];

/// The methods only set has: those that change it.
pub(super) const SET_METHODS: &[Method] = &[
    Method::of_object("add", add),
    Method::of_object("clear", clear),
    Method::of_object("difference_update", difference_update),
    Method::of_object("discard", discard),
    Method::of_object("intersection_update", intersection_update),
    Method::of_object("pop", pop),
    Method::of_object("remove", remove),
    Method::of_object("symmetric_difference_update", symmetric_difference_update),
    Method::of_object("update", update),
];

/// The members of the set or frozenset a method was called on.
fn members(value: &Value) -> Option<Set> {
    match value {
        Value::Set(set) => Some(set.borrow().clone()),
        Value::FrozenSet(set) => Some((**set).clone()),
        _ => None,
    }
}

/// The owner of a method of set, as messages name it.
fn owner(this: &Value) -> &'static str {
    if matches!(this, Value::FrozenSet(_)) {
        "frozenset"
    } else {
        "set"
    }
}

/// The members of any iterable, as a set's members.
fn set_of(vm: &mut Vm, iterable: &Value) -> PyResult<Set> {
    if let Some(set) = members(iterable) {
        return Ok(set);
    }
    let mut set = Set::default();
    for item in iter::collect(vm, iterable)? {
        set.insert(ops::key(vm, item)?);
    }
    Ok(set)
}

/// A new set of the same type as `like` (a frozenset's operations make frozensets).
fn same_type(like: &Value, set: Set) -> Value {
    match like {
        Value::FrozenSet(_) => Value::FrozenSet(Rc::new(set)),
        _ => Value::Set(Rc::new(RefCell::new(set))),
    }
}

/// The mutable set a method was called on, and its one argument (if it takes one).
fn bind_set<const N: usize>(
    vm: &mut Vm,
    args: Args,
    sig: &Signature,
) -> PyResult<(SetRef, [Option<Value>; N])> {
    let (this, values) = sig.bind(vm, args)?;
    match this {
        Value::Set(set) => Ok((set, values)),
        other => Err(sig.wrong_object(vm, &other)),
    }
}

/// The set or frozenset of a method that takes any number of iterables, and those.
fn bind_many(vm: &mut Vm, args: Args, name: &'static str) -> PyResult<(Value, Vec<Value>)> {
    let Args {
        positional,
        keywords,
    } = args;
    let mut positional = positional.into_iter();
    let Some(this) = positional.next() else {
        let message = format!("unbound method set.{name}() needs an argument");
        return Err(error(vm, "TypeError", &message));
    };
    if members(&this).is_none() {
        return Err(Signature::no_args("set", name).wrong_object(vm, &this));
    }
    if !keywords.is_empty() {
        let message = format!("{}.{name}() takes no keyword arguments", owner(&this));
        return Err(error(vm, "TypeError", &message));
    }
    Ok((this, positional.collect()))
}

/// The set or frozenset of a method of one argument, and that argument.
fn bind_one(vm: &mut Vm, args: Args, name: &'static str) -> PyResult<(Value, Value)> {
    let owner = args.positional.first().map_or("set", owner);
    let sig = Signature::one(owner, name);
    let (this, [other]) = sig.bind(vm, args)?;
    Ok((this, other.expect("required")))
}

/// `s.add(x)`.
fn add(vm: &mut Vm, args: Args) -> PyResult {
    let (set, [x]) = bind_set(vm, args, &Signature::one("set", "add"))?;
    let key = ops::key(vm, x.expect("required"))?;
    set.borrow_mut().insert(key);
    Ok(Value::None)
}

/// `s.remove(x)`: KeyError when `x` is not a member.
fn remove(vm: &mut Vm, args: Args) -> PyResult {
    let (set, [x]) = bind_set(vm, args, &Signature::one("set", "remove"))?;
    let x = x.expect("required");
    let key = ops::key(vm, x.clone())?;
    if set.borrow_mut().shift_remove(&key) {
        Ok(Value::None)
    } else {
        Err(Signal::Raise(new_exception(vm, "KeyError", vec![x])))
    }
}

/// `s.discard(x)`: `x` taken out if it is a member.
fn discard(vm: &mut Vm, args: Args) -> PyResult {
    let (set, [x]) = bind_set(vm, args, &Signature::one("set", "discard"))?;
    let key = ops::key(vm, x.expect("required"))?;
    set.borrow_mut().shift_remove(&key);
    Ok(Value::None)
}

/// `s.pop()`: a member taken out (the first, in iteration order).
fn pop(vm: &mut Vm, args: Args) -> PyResult {
    let (set, []) = bind_set(vm, args, &Signature::no_args("set", "pop"))?;
    let first = set.borrow_mut().shift_remove_index(0);
    match first {
        Some(key) => Ok(key.0),
        None => {
            let exc = new_exception(vm, "KeyError", vec![Value::str("pop from an empty set")]);
            Err(Signal::Raise(exc))
        }
    }
}

/// `s.clear()`.
fn clear(vm: &mut Vm, args: Args) -> PyResult {
    let (set, []) = bind_set(vm, args, &Signature::no_args("set", "clear"))?;
    let members = std::mem::take(&mut *set.borrow_mut());
    drop(members);
    Ok(Value::None)
}

/// `s.copy()`: a new set of the same members (a frozenset is its own copy).
fn copy(vm: &mut Vm, args: Args) -> PyResult {
    let owner = args.positional.first().map_or("set", owner);
    let (this, []) = Signature::no_args(owner, "copy").bind(vm, args)?;
    match &this {
        Value::Set(set) => {
            let members = set.borrow().clone();
            Ok(same_type(&this, members))
        }
        _ => Ok(this),
    }
}

/// Which set operation a method runs.
#[derive(Clone, Copy)]
enum Operation {
    Union,
    Intersection,
    Difference,
    SymmetricDifference,
}

fn combine(a: &Set, b: &Set, operation: Operation) -> Set {
    match operation {
        Operation::Union => a.union(b).cloned().collect(),
        Operation::Intersection => a.intersection(b).cloned().collect(),
        Operation::Difference => a.difference(b).cloned().collect(),
        Operation::SymmetricDifference => a.symmetric_difference(b).cloned().collect(),
    }
}

/// `union`, `intersection` and `difference` of any number of iterables, as a new set
/// (`update` true: into the set itself).
fn many(
    vm: &mut Vm,
    args: Args,
    name: &'static str,
    operation: Operation,
    update: bool,
) -> PyResult {
    let (this, others) = bind_many(vm, args, name)?;
    let mut result = members(&this).expect("checked");
    for other in &others {
        let other = set_of(vm, other)?;
        result = combine(&result, &other, operation);
    }
    match (&this, update) {
        (Value::Set(set), true) => {
            *set.borrow_mut() = result;
            Ok(Value::None)
        }
        _ => Ok(same_type(&this, result)),
    }
}

/// `s.union(*others)`: the members of all.
fn union(vm: &mut Vm, args: Args) -> PyResult {
    many(vm, args, "union", Operation::Union, false)
}

/// `s.intersection(*others)`: the members common to all.
fn intersection(vm: &mut Vm, args: Args) -> PyResult {
    many(vm, args, "intersection", Operation::Intersection, false)
}

/// `s.difference(*others)`: the members of `s` in none of the others.
fn difference(vm: &mut Vm, args: Args) -> PyResult {
    many(vm, args, "difference", Operation::Difference, false)
}

/// `s.update(*others)`: the others' members added.
fn update(vm: &mut Vm, args: Args) -> PyResult {
    many(vm, args, "update", Operation::Union, true)
}

/// `s.intersection_update(*others)`: only the members common to all kept.
fn intersection_update(vm: &mut Vm, args: Args) -> PyResult {
    many(
        vm,
        args,
        "intersection_update",
        Operation::Intersection,
        true,
    )
}

/// `s.difference_update(*others)`: the others' members taken out.
fn difference_update(vm: &mut Vm, args: Args) -> PyResult {
    many(vm, args, "difference_update", Operation::Difference, true)
}

/// `s.symmetric_difference(other)`: the members of exactly one of the two.
fn symmetric_difference(vm: &mut Vm, args: Args) -> PyResult {
    let (this, other) = bind_one(vm, args, "symmetric_difference")?;
    let other = set_of(vm, &other)?;
    let result = combine(
        &members(&this).expect("checked"),
        &other,
        Operation::SymmetricDifference,
    );
    Ok(same_type(&this, result))
}

/// `s.symmetric_difference_update(other)`: the same, into `s`.
fn symmetric_difference_update(vm: &mut Vm, args: Args) -> PyResult {
    let (set, [other]) = bind_set(
        vm,
        args,
        &Signature::one("set", "symmetric_difference_update"),
    )?;
    let other = set_of(vm, &other.expect("required"))?;
    let result = combine(&set.borrow(), &other, Operation::SymmetricDifference);
    *set.borrow_mut() = result;
    Ok(Value::None)
}

/// `s.issubset(other)`: every member of `s` is in `other`.
fn issubset(vm: &mut Vm, args: Args) -> PyResult {
    let (this, other) = bind_one(vm, args, "issubset")?;
    let other = set_of(vm, &other)?;
    Ok(Value::Bool(
        members(&this).expect("checked").is_subset(&other),
    ))
}

/// `s.issuperset(other)`: every member of `other` is in `s`.
fn issuperset(vm: &mut Vm, args: Args) -> PyResult {
    let (this, other) = bind_one(vm, args, "issuperset")?;
    let other = set_of(vm, &other)?;
    Ok(Value::Bool(
        members(&this).expect("checked").is_superset(&other),
    ))
}

/// `s.isdisjoint(other)`: no member in common.
fn isdisjoint(vm: &mut Vm, args: Args) -> PyResult {
    let (this, other) = bind_one(vm, args, "isdisjoint")?;
    let other = set_of(vm, &other)?;
    Ok(Value::Bool(
        members(&this).expect("checked").is_disjoint(&other),
    ))
}
