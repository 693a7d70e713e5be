//! The methods of `dict`, of the dict flavors of `collections` (`Counter`'s
//! `most_common`, `elements`, `subtract`, `total` and its counting `update`), and the
//! view objects `keys()`, `values()` and `items()` return.
//!
//! A view holds the dict itself, not a copy: it sees every later change, as in
//! Python. Its class (`dict_keys`…) is made once per VM and kept in the builtins
//! module under a name no program can write (`"\0dict_keys"`).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use super::{Form, Method, Signature, index_arg, same};
use crate::syntax::ast::BinOp;
use crate::value::{Class, Dict, DictFlavor, DictObject, Iter, Key, Namespace, Set, Value};
use crate::vm::Vm;
use crate::vm::attr::builtin;
use crate::vm::exceptions::{error, new_exception};
use crate::vm::native::{Args, NativeFn, NativeObject, PyResult, Signal};
use crate::vm::types::{TypeTag, new_class};
use crate::vm::{iter, ops, repr};

type DictRef = Rc<RefCell<DictObject>>;

/// The methods of dict, by name (sorted, for the lookup's binary search).
pub(super) const METHODS: &[Method] = &[
    Method::of_object("clear", clear),
    Method::of_object("copy", copy),
    Method::of_type("fromkeys", fromkeys),
    Method::of_object("get", get),
    Method::of_object("items", items),
    Method::of_object("keys", keys),
    Method::of_object("pop", pop),
    Method::of_object("popitem", popitem),
    Method::of_object("setdefault", setdefault),
    Method::of_object("update", update),
    Method::of_object("values", values),
];

/// The methods only a `Counter` has, by name.
pub(super) const COUNTER_METHODS: &[Method] = &[
    Method::of_object("elements", elements),
    Method::of_object("most_common", most_common),
    Method::of_object("subtract", subtract),
    Method::of_object("total", total),
];

/// `defaultdict.default_factory`.
pub(super) fn attribute(object: &Value, name: &str) -> Option<Value> {
    match (object, name) {
        (Value::Dict(dict), "default_factory") => match &dict.borrow().flavor {
            DictFlavor::Default(factory) => Some(factory.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The dict a method was called on, and its arguments.
fn bind<const N: usize>(
    vm: &mut Vm,
    args: Args,
    sig: &Signature,
) -> PyResult<(DictRef, [Option<Value>; N])> {
    let (this, values) = sig.bind(vm, args)?;
    match this {
        Value::Dict(dict) => Ok((dict, values)),
        other => Err(sig.wrong_object(vm, &other)),
    }
}

fn key_error(vm: &mut Vm, key: Value) -> Signal {
    Signal::Raise(new_exception(vm, "KeyError", vec![key]))
}

/// `d.get(key[, default])`: the value of `key`, or `default` (None) when it is not
/// there. A defaultdict or Counter adds nothing here.
fn get(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional("dict", "get", Form::Counted, &["key", "default"], 1);
    let (dict, [key, default]) = bind(vm, args, &sig)?;
    let key = ops::key(vm, key.expect("required"))?;
    let found = dict.borrow().get(&key).cloned();
    Ok(found.or(default).unwrap_or_default())
}

/// `d.setdefault(key[, default])`: the value of `key`, after adding it with
/// `default` (None) if it was not there.
fn setdefault(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional("dict", "setdefault", Form::Counted, &["key", "default"], 1);
    let (dict, [key, default]) = bind(vm, args, &sig)?;
    let key = ops::key(vm, key.expect("required"))?;
    let mut dict = dict.borrow_mut();
    Ok(dict
        .entry(key)
        .or_insert(default.unwrap_or_default())
        .clone())
}

/// `d.pop(key[, default])`: the value of `key`, taken out; `default` (or KeyError)
/// when it is not there.
fn pop(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional("dict", "pop", Form::Counted, &["key", "default"], 1);
    let (dict, [key, default]) = bind(vm, args, &sig)?;
    let key_value = key.expect("required");
    let key = ops::key(vm, key_value.clone())?;
    let removed = dict.borrow_mut().shift_remove(&key);
    match (removed, default) {
        (Some(value), _) => Ok(value),
        (None, Some(default)) => Ok(default),
        (None, None) => Err(key_error(vm, key_value)),
    }
}

/// `d.popitem()`: the last pair added, taken out.
fn popitem(vm: &mut Vm, args: Args) -> PyResult {
    let (dict, []) = bind(vm, args, &Signature::no_args("dict", "popitem"))?;
    let last = dict.borrow_mut().pop();
    match last {
        Some((key, value)) => Ok(Value::tuple(vec![key.0, value])),
        None => Err(key_error(vm, Value::str("popitem(): dictionary is empty"))),
    }
}

/// `d.update([other], **kwargs)`: the pairs of a mapping or of an iterable of pairs,
/// then the keyword arguments, written in. A Counter adds the counts instead.
fn update(vm: &mut Vm, args: Args) -> PyResult {
    let Args {
        positional,
        keywords,
    } = args;
    let sig = Signature::positional("dict", "update", Form::Counted, &["other"], 0);
    let (dict, [other]) = bind(vm, Args::new(positional), &sig)?;
    if matches!(dict.borrow().flavor, DictFlavor::Counter) {
        return count_in(vm, &dict, other, keywords, 1);
    }
    let target = Value::Dict(dict);
    if let Some(other) = other {
        crate::builtins::update_dict(vm, &target, &other)?;
    }
    for (key, value) in keywords {
        ops::set_item(vm, &target, Value::Str(key), value)?;
    }
    Ok(Value::None)
}

/// `d.clear()`.
fn clear(vm: &mut Vm, args: Args) -> PyResult {
    let (dict, []) = bind(vm, args, &Signature::no_args("dict", "clear"))?;
    let entries = std::mem::take(&mut dict.borrow_mut().entries);
    drop(entries);
    Ok(Value::None)
}

/// `d.copy()`: a new dict of the same pairs (and the same flavor: a Counter's copy
/// is a Counter).
fn copy(vm: &mut Vm, args: Args) -> PyResult {
    let (dict, []) = bind(vm, args, &Signature::no_args("dict", "copy"))?;
    let dict = dict.borrow();
    Ok(Value::Dict(Rc::new(RefCell::new(DictObject {
        entries: dict.entries.clone(),
        flavor: dict.flavor.clone(),
    }))))
}

/// `dict.fromkeys(iterable[, value])`: each item of `iterable` a key of `value`
/// (None); every key shares the one value.
fn fromkeys(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional("dict", "fromkeys", Form::Counted, &["iterable", "value"], 1);
    let [iterable, value] = sig.bind_args(vm, args)?;
    let value = value.unwrap_or_default();
    let mut dict = Dict::default();
    for item in iter::collect(vm, &iterable.expect("required"))? {
        dict.insert(ops::key(vm, item)?, value.clone());
    }
    Ok(Value::dict(dict))
}

/// Which of a dict's views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

impl ViewKind {
    /// The view's type name.
    fn name(self) -> &'static str {
        match self {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        }
    }

    /// What iterating over it gives, as `type()` names it.
    fn iterator_name(self) -> &'static str {
        match self {
            ViewKind::Keys => "dict_keyiterator",
            ViewKind::Values => "dict_valueiterator",
            ViewKind::Items => "dict_itemiterator",
        }
    }
}

/// `d.keys()`, `d.values()` or `d.items()`: a live view of the dict.
pub struct DictView {
    /// The dict it shows, shared, not copied.
    pub dict: Rc<RefCell<DictObject>>,
    /// Which of the dict's views it is.
    pub kind: ViewKind,
    class: Rc<Class>,
}

impl NativeObject for DictView {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl DictView {
    /// The view's items now: keys, values, or `(key, value)` tuples.
    fn items(&self) -> Vec<Value> {
        let dict = self.dict.borrow();
        match self.kind {
            ViewKind::Keys => dict.keys().map(|k| k.0.clone()).collect(),
            ViewKind::Values => dict.values().cloned().collect(),
            ViewKind::Items => dict
                .iter()
                .map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()]))
                .collect(),
        }
    }
}

/// The class of the views of `kind`, made on first use and kept for the VM's life.
pub fn dict_view_class(vm: &mut Vm, kind: ViewKind) -> Rc<Class> {
    let hidden = format!("\0{}", kind.name());
    if let Some(Value::Class(class)) = vm.builtins.get(&hidden) {
        return class;
    }
    let owner = kind.name();
    let mut methods: Vec<(&'static str, NativeFn)> = vec![
        ("__iter__", view_iter),
        ("__len__", view_len),
        ("__contains__", view_contains),
        ("__repr__", view_repr),
        ("__reversed__", view_reversed),
        ("__eq__", view_eq),
        ("__ne__", view_ne),
    ];
    if kind != ViewKind::Values {
        methods.extend([
            ("__and__", view_and as NativeFn),
            ("__rand__", view_and),
            ("__or__", view_or),
            ("__ror__", view_or),
            ("__xor__", view_xor),
            ("__rxor__", view_xor),
            ("__sub__", view_sub),
            ("__rsub__", view_rsub),
            ("isdisjoint", view_isdisjoint),
        ]);
    }
    let dict: Namespace = methods
        .into_iter()
        .map(|(name, func)| (Rc::from(name), builtin(name, func, Some(owner))))
        .collect();
    let object = vm.types.get(TypeTag::Object).clone();
    let class = new_class(
        owner,
        "builtins",
        Some(&object),
        dict,
        Some(TypeTag::Native),
    );
    vm.builtins.set(&hidden, Value::Class(class.clone()));
    class
}

fn view(vm: &mut Vm, args: Args, kind: ViewKind) -> PyResult {
    let name = match kind {
        ViewKind::Keys => "keys",
        ViewKind::Values => "values",
        ViewKind::Items => "items",
    };
    let (dict, []) = bind(vm, args, &Signature::no_args("dict", name))?;
    let class = dict_view_class(vm, kind);
    Ok(Value::Native(Rc::new(DictView { dict, kind, class })))
}

/// `d.keys()`: a view of the keys.
fn keys(vm: &mut Vm, args: Args) -> PyResult {
    view(vm, args, ViewKind::Keys)
}

/// `d.values()`: a view of the values.
fn values(vm: &mut Vm, args: Args) -> PyResult {
    view(vm, args, ViewKind::Values)
}

/// `d.items()`: a view of the `(key, value)` pairs.
fn items(vm: &mut Vm, args: Args) -> PyResult {
    view(vm, args, ViewKind::Items)
}

/// The view a method of a view was called on, and its other arguments.
fn view_args(
    vm: &mut Vm,
    args: Args,
    count: usize,
) -> PyResult<(Rc<dyn NativeObject>, Vec<Value>)> {
    let mut positional = args.positional.into_iter();
    let this = match positional.next() {
        Some(Value::Native(native)) if native.as_any().is::<DictView>() => native,
        _ => {
            return Err(error(
                vm,
                "TypeError",
                "a dict view method needs a dict view",
            ));
        }
    };
    let rest: Vec<Value> = positional.collect();
    if rest.len() != count {
        let message = format!(
            "expected {count} argument{}, got {}",
            if count == 1 { "" } else { "s" },
            rest.len()
        );
        return Err(error(vm, "TypeError", &message));
    }
    Ok((this, rest))
}

fn as_view(native: &Rc<dyn NativeObject>) -> &DictView {
    native
        .as_any()
        .downcast_ref::<DictView>()
        .expect("checked by view_args")
}

fn view_iter(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = view_args(vm, args, 0)?;
    let view = as_view(&this);
    let items = view.items();
    Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Items(
        Rc::from(items),
        0,
        view.kind.iterator_name(),
    )))))
}

fn view_reversed(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = view_args(vm, args, 0)?;
    let view = as_view(&this);
    let mut items = view.items();
    items.reverse();
    let name = match view.kind {
        ViewKind::Keys => "dict_reversekeyiterator",
        ViewKind::Values => "dict_reversevalueiterator",
        ViewKind::Items => "dict_reverseitemiterator",
    };
    Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Items(
        Rc::from(items),
        0,
        name,
    )))))
}

fn view_len(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = view_args(vm, args, 0)?;
    let len = as_view(&this).dict.borrow().len();
    Ok(Value::Int(len as i64))
}

/// `x in view`: a key by hashing, a pair by its key then its value, a value by
/// comparing with each.
fn view_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = view_args(vm, args, 1)?;
    let view = as_view(&this);
    let x = &rest[0];
    let found = match view.kind {
        ViewKind::Keys => {
            let key = ops::key(vm, x.clone())?;
            view.dict.borrow().contains_key(&key)
        }
        ViewKind::Items => match x {
            Value::Tuple(pair) if pair.len() == 2 => {
                let key = ops::key(vm, pair[0].clone())?;
                let value = view.dict.borrow().get(&key).cloned();
                match value {
                    Some(value) => same(vm, &value, &pair[1])?,
                    None => false,
                }
            }
            _ => false,
        },
        ViewKind::Values => {
            let mut found = false;
            for value in view.items() {
                if same(vm, &value, x)? {
                    found = true;
                    break;
                }
            }
            found
        }
    };
    Ok(Value::Bool(found))
}

/// `dict_keys(['a', 'b'])`.
fn view_repr(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = view_args(vm, args, 0)?;
    let view = as_view(&this);
    let list = repr::repr(vm, &Value::list(view.items()))?;
    Ok(Value::Str(Rc::from(format!(
        "{}({list})",
        view.kind.name()
    ))))
}

/// The members of a keys or items view, or of any iterable, as a set.
fn members(vm: &mut Vm, value: &Value) -> PyResult<Set> {
    let items = match value {
        Value::Native(native) if native.as_any().is::<DictView>() => as_view(native).items(),
        Value::Set(set) => return Ok(set.borrow().clone()),
        Value::FrozenSet(set) => return Ok((**set).clone()),
        other => iter::collect(vm, other)?,
    };
    let mut set = Set::default();
    for item in items {
        set.insert(ops::key(vm, item)?);
    }
    Ok(set)
}

/// A set operation between a view and another iterable, as a new set.
fn view_operation(vm: &mut Vm, args: Args, op: BinOp, reflected: bool) -> PyResult {
    let (this, rest) = view_args(vm, args, 1)?;
    if !matches!(
        rest[0],
        Value::Set(_) | Value::FrozenSet(_) | Value::Native(_)
    ) && iter::get_iter(vm, &rest[0]).is_err()
    {
        return Ok(Value::NotImplemented);
    }
    let mine = members(vm, &Value::Native(this))?;
    let theirs = members(vm, &rest[0])?;
    let (a, b) = if reflected {
        (theirs, mine)
    } else {
        (mine, theirs)
    };
    let result: Set = match op {
        BinOp::BitAnd => a.intersection(&b).cloned().collect(),
        BinOp::BitOr => a.union(&b).cloned().collect(),
        BinOp::BitXor => a.symmetric_difference(&b).cloned().collect(),
        _ => a.difference(&b).cloned().collect(),
    };
    Ok(Value::Set(Rc::new(RefCell::new(result))))
}

fn view_and(vm: &mut Vm, args: Args) -> PyResult {
    view_operation(vm, args, BinOp::BitAnd, false)
}

fn view_or(vm: &mut Vm, args: Args) -> PyResult {
    view_operation(vm, args, BinOp::BitOr, false)
}

fn view_xor(vm: &mut Vm, args: Args) -> PyResult {
    view_operation(vm, args, BinOp::BitXor, false)
}

fn view_sub(vm: &mut Vm, args: Args) -> PyResult {
    view_operation(vm, args, BinOp::Sub, false)
}

fn view_rsub(vm: &mut Vm, args: Args) -> PyResult {
    view_operation(vm, args, BinOp::Sub, true)
}

/// `view.isdisjoint(iterable)`: no member in common.
fn view_isdisjoint(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = view_args(vm, args, 1)?;
    let mine = members(vm, &Value::Native(this))?;
    let theirs = members(vm, &rest[0])?;
    Ok(Value::Bool(mine.is_disjoint(&theirs)))
}

/// Whether a view equals another object: keys and items views are equal to a set
/// (or view) of the same members; a values view only to itself.
fn view_equals(vm: &mut Vm, args: Args) -> PyResult<bool> {
    let (this, rest) = view_args(vm, args, 1)?;
    let other = &rest[0];
    let this = Value::Native(this);
    let comparable = match &this {
        Value::Native(native) => as_view(native).kind != ViewKind::Values,
        _ => false,
    };
    let other_is_set = match other {
        Value::Set(_) | Value::FrozenSet(_) => true,
        Value::Native(native) => native
            .as_any()
            .downcast_ref::<DictView>()
            .is_some_and(|v| v.kind != ViewKind::Values),
        _ => false,
    };
    if !comparable || !other_is_set {
        return Ok(this.is(other));
    }
    let (a, b) = (members(vm, &this)?, members(vm, other)?);
    Ok(a.len() == b.len() && a.is_subset(&b))
}

fn view_eq(vm: &mut Vm, args: Args) -> PyResult {
    view_equals(vm, args).map(Value::Bool)
}

fn view_ne(vm: &mut Vm, args: Args) -> PyResult {
    view_equals(vm, args).map(|equal| Value::Bool(!equal))
}

/// The count of a `(key, count)` pair: the sort key of `most_common`.
fn count_of(_vm: &mut Vm, args: Args) -> PyResult {
    match args.positional.first() {
        Some(Value::Tuple(pair)) if pair.len() == 2 => Ok(pair[1].clone()),
        _ => Ok(Value::None),
    }
}

/// `counter.most_common([n])`: the `n` most common elements and their counts, most
/// common first; equal counts keep the order in which the elements were first seen.
fn most_common(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::keywords("Counter", "most_common", &["n"], 0);
    let (dict, [n]) = bind(vm, args, &sig)?;
    let pairs: Vec<Value> = dict
        .borrow()
        .iter()
        .map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()]))
        .collect();
    let key = builtin("count_of", count_of, None);
    let mut sorted = crate::builtins::sort_values(vm, pairs, Some(key), true)?;
    if let Some(n) = n.filter(|n| !matches!(n, Value::None)) {
        let n = index_arg(vm, &n)?.max(0) as usize;
        sorted.truncate(n);
    }
    Ok(Value::list(sorted))
}

/// `counter.elements()`: each element repeated as many times as its count (counts
/// below one give none), in the order the elements were first seen.
fn elements(vm: &mut Vm, args: Args) -> PyResult {
    let (dict, []) = bind(vm, args, &Signature::no_args("Counter", "elements"))?;
    let pairs: Vec<(Value, Value)> = dict
        .borrow()
        .iter()
        .map(|(k, v)| (k.0.clone(), v.clone()))
        .collect();
    let mut items = Vec::new();
    for (element, count) in pairs {
        let count = index_arg(vm, &count)?;
        for _ in 0..count.max(0) {
            items.push(element.clone());
        }
    }
    Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Items(
        Rc::from(items),
        0,
        "itertools.chain",
    )))))
}

/// `counter.total()`: the sum of the counts.
fn total(vm: &mut Vm, args: Args) -> PyResult {
    let (dict, []) = bind(vm, args, &Signature::no_args("Counter", "total"))?;
    let counts: Vec<Value> = dict.borrow().values().cloned().collect();
    let mut sum = Value::Int(0);
    for count in counts {
        sum = ops::binary(vm, BinOp::Add, &sum, &count, false)?;
    }
    Ok(sum)
}

/// `counter.subtract([iterable_or_mapping], **kwargs)`: counts taken away (they may
/// go to zero and below).
fn subtract(vm: &mut Vm, args: Args) -> PyResult {
    let Args {
        positional,
        keywords,
    } = args;
    let sig = Signature::positional("Counter", "subtract", Form::Counted, &["iterable"], 0);
    let (dict, [other]) = bind(vm, Args::new(positional), &sig)?;
    count_in(vm, &dict, other, keywords, -1)
}

/// Adds to a Counter's counts (`sign` 1) or takes from them (-1): each element of an
/// iterable counts once, a mapping gives its counts, and so do keyword arguments.
fn count_in(
    vm: &mut Vm,
    dict: &DictRef,
    other: Option<Value>,
    keywords: Vec<(Rc<str>, Value)>,
    sign: i64,
) -> PyResult {
    let mut changes: Vec<(Value, Value)> = Vec::new();
    match &other {
        None | Some(Value::None) => {}
        Some(Value::Dict(mapping)) => {
            changes.extend(
                mapping
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.0.clone(), v.clone())),
            );
        }
        Some(iterable) => {
            changes.extend(
                iter::collect(vm, iterable)?
                    .into_iter()
                    .map(|item| (item, Value::Int(1))),
            );
        }
    }
    changes.extend(keywords.into_iter().map(|(k, v)| (Value::Str(k), v)));
    let op = if sign > 0 { BinOp::Add } else { BinOp::Sub };
    for (element, count) in changes {
        let key: Key = ops::key(vm, element)?;
        let current = dict.borrow().get(&key).cloned().unwrap_or(Value::Int(0));
        let updated = ops::binary(vm, op, &current, &count, false)?;
        dict.borrow_mut().insert(key, updated);
    }
    Ok(Value::None)
}
