//! The methods of the builtin types: `str.split`, `list.append`, `dict.items`…
//!
//! Each type has one table (a `match` on the method's name) in its own file; the VM asks
//! here when an attribute of a builtin value is read (`s.upper`), when a method of one
//! is called (`s.upper()`, without making a bound method first), and when a class is
//! asked for one of its methods (`str.upper`, `dict.fromkeys`). The checks of a call's
//! arguments are shared ([`Signature`]), so that every method words a wrong call as
//! CPython words it for that method.

mod bytearray;
mod bytes;
mod codecs;
mod dict;
mod int;
mod list;
mod range;
mod set;
mod str;
mod text;
mod tuple;

#[cfg(test)]
mod tests;

use std::rc::Rc;

use crate::syntax::ast::{BinOp, CmpOp};
use crate::value::{Builtin, DictFlavor, Value};
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::int::as_int;
use crate::vm::native::{Args, NativeFn, PyResult, Signal};
use crate::vm::types::TypeTag;
use crate::vm::{ops, repr};

pub use bytearray::install as install_bytearray;
pub use dict::{DictView, ViewKind, dict_view_class};

/// One method in a type's table.
#[derive(Clone, Copy)]
pub(crate) struct Method {
    name: &'static str,
    func: NativeFn,
    /// Whether it reads the object it is looked up on. `dict.fromkeys`, `bytes.fromhex`,
    /// `int.from_bytes` and `str.maketrans` belong to the type alone, so they are never
    /// bound, even when read through a value (`{}.fromkeys`).
    binds: bool,
}

impl Method {
    /// A method of the type's objects (`'a'.upper`).
    pub(crate) const fn of_object(name: &'static str, func: NativeFn) -> Method {
        Method {
            name,
            func,
            binds: true,
        }
    }

    /// A class method or static method: called without an object.
    pub(crate) const fn of_type(name: &'static str, func: NativeFn) -> Method {
        Method {
            name,
            func,
            binds: false,
        }
    }

    /// The method as a value, bound to `object` if it reads one; `owner` names its type
    /// in its repr (`<method 'upper' of 'str' objects>`).
    fn value(self, owner: &'static str, object: Option<&Value>) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: self.name,
            func: self.func,
            bound: object.filter(|_| self.binds).cloned(),
            owner: Some(owner),
        }))
    }
}

/// The builtin type a value is an instance of, for the types that have methods here.
fn tag_of(value: &Value) -> Option<TypeTag> {
    Some(match value {
        Value::Bool(_) => TypeTag::Bool,
        Value::Int(_) | Value::BigInt(_) => TypeTag::Int,
        Value::Float(_) => TypeTag::Float,
        Value::Str(_) => TypeTag::Str,
        Value::Bytes(_) => TypeTag::Bytes,
        Value::List(_) => TypeTag::List,
        Value::Tuple(_) => TypeTag::Tuple,
        Value::Dict(_) => TypeTag::Dict,
        Value::Set(_) => TypeTag::Set,
        Value::FrozenSet(_) => TypeTag::FrozenSet,
        Value::Range(_) => TypeTag::Range,
        Value::Slice(_) => TypeTag::Slice,
        _ => return None,
    })
}

/// The tables of the builtin type `tag` (a set has frozenset's and its own), and the
/// type's name as the methods' reprs and messages print it.
fn tables(tag: TypeTag) -> Option<(&'static str, &'static [&'static [Method]])> {
    Some(match tag {
        TypeTag::Str => ("str", &[str::METHODS]),
        TypeTag::Bytes => ("bytes", &[bytes::METHODS]),
        TypeTag::List => ("list", &[list::METHODS]),
        TypeTag::Tuple => ("tuple", &[tuple::METHODS]),
        TypeTag::Dict => ("dict", &[dict::METHODS]),
        TypeTag::Set => ("set", &[set::SET_METHODS, set::METHODS]),
        TypeTag::FrozenSet => ("frozenset", &[set::METHODS]),
        TypeTag::Int | TypeTag::Bool => ("int", &[int::INT_METHODS]),
        TypeTag::Float => ("float", &[int::FLOAT_METHODS]),
        TypeTag::Range => ("range", &[range::RANGE_METHODS]),
        TypeTag::Slice => ("slice", &[range::SLICE_METHODS]),
        _ => return None,
    })
}

/// The method `name` in a table sorted by name.
fn find(table: &[Method], name: &str) -> Option<Method> {
    let at = table.binary_search_by(|m| m.name.cmp(name)).ok()?;
    Some(table[at])
}

/// The method `name` of builtin type `tag`, and the type's name.
fn lookup(tag: TypeTag, name: &str) -> Option<(&'static str, Method)> {
    let (owner, tables) = tables(tag)?;
    let method = tables
        .iter()
        .find_map(|table| find(table, name))
        .or_else(|| special(owner, name))?;
    Some((owner, method))
}

/// The method `name` of `object`'s type: a Counter has its own besides a dict's.
fn lookup_of(object: &Value, name: &str) -> Option<(&'static str, Method)> {
    if let Value::Dict(dict) = object
        && matches!(dict.borrow().flavor, DictFlavor::Counter)
        && let Some(method) = find(dict::COUNTER_METHODS, name)
    {
        return Some(("Counter", method));
    }
    lookup(tag_of(object)?, name)
}

/// The names of the methods `object` has (its type's, special ones included), for
/// `dir()` and for the suggestions of an AttributeError.
pub fn method_names(object: &Value) -> Vec<&'static str> {
    let Some((owner, tables)) = tag_of(object).and_then(tables) else {
        return Vec::new();
    };
    let mut names: Vec<&'static str> = tables
        .iter()
        .flat_map(|table| table.iter().map(|m| m.name))
        .collect();
    if let Value::Dict(dict) = object
        && matches!(dict.borrow().flavor, DictFlavor::Counter)
    {
        names.extend(dict::COUNTER_METHODS.iter().map(|m| m.name));
    }
    names.extend(
        SPECIAL
            .iter()
            .filter(|s| (s.has)(owner))
            .map(|s| s.method.name),
    );
    names.sort_unstable();
    names
}

/// `object.name` for a value of a builtin type: its method bound to it (a
/// `Value::Builtin` with `bound: Some(object.clone())`), or None.
pub fn method(_vm: &mut Vm, object: &Value, name: &str) -> Option<Value> {
    let (owner, method) = lookup_of(object, name)?;
    Some(method.value(owner, Some(object)))
}

/// The method `name` of builtin type `tag`, unbound (`str.upper`, `dict.fromkeys`).
pub fn unbound_method(tag: TypeTag, name: &str) -> Option<Value> {
    let (owner, method) = lookup(tag, name)?;
    Some(method.value(owner, None))
}

/// The same for the type of `object` (used by the method-call fast path; None for
/// anything not a builtin-type value). A method of the type alone is left to the
/// ordinary attribute read, since the fast path would pass `object` as its first
/// argument.
pub fn unbound_method_of(object: &Value, name: &str) -> Option<Value> {
    let (owner, method) = lookup_of(object, name)?;
    method.binds.then(|| method.value(owner, None))
}

/// Data attributes of builtin values: `range.start/stop/step`, `int.real/imag`,
/// `float.real/imag`, `slice.start/stop/step`… None otherwise.
pub fn attribute(object: &Value, name: &str) -> Option<Value> {
    match object {
        Value::Bool(_) | Value::Int(_) | Value::BigInt(_) | Value::Float(_) => {
            int::attribute(object, name)
        }
        Value::Range(_) | Value::Slice(_) => range::attribute(object, name),
        Value::Dict(_) => dict::attribute(object, name),
        _ => None,
    }
}

/// How a method reads its arguments in CPython, which decides how a call that does not
/// fit is worded.
#[derive(Clone, Copy)]
pub(crate) enum Form {
    /// No arguments (`METH_NOARGS`): `str.upper() takes no arguments (1 given)`.
    NoArgs,
    /// Exactly one argument (`METH_O`): `list.append() takes exactly one argument (0 given)`.
    One,
    /// Positional arguments counted by `_PyArg_CheckPositional`:
    /// `insert expected 2 arguments, got 1`.
    Counted,
    /// Positional arguments read by `PyArg_ParseTuple`:
    /// `find() takes at least 1 argument (0 given)`.
    Parsed,
    /// Arguments by position or by name, read by Argument Clinic's
    /// `_PyArg_UnpackKeywords`: `split() takes at most 2 arguments (3 given)`. Past the
    /// first `positional` parameters, arguments may only be given by name.
    Keywords { positional: usize },
}

/// What a method takes after its object: enough to bind a call's arguments to its
/// parameters, or to refuse the call with CPython's message.
pub(crate) struct Signature {
    /// The type the method belongs to (`str`), which its object must be.
    pub owner: &'static str,
    /// The method's name, as messages print it.
    pub name: &'static str,
    /// How CPython reads its arguments.
    pub form: Form,
    /// The parameters' names, which matter for [`Form::Keywords`] only; their number is
    /// the most arguments the method takes.
    pub params: &'static [&'static str],
    /// How many of the first parameters must be given.
    pub required: usize,
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl Signature {
    /// A method of no arguments.
    pub(crate) const fn no_args(owner: &'static str, name: &'static str) -> Signature {
        Signature {
            owner,
            name,
            form: Form::NoArgs,
            params: &[],
            required: 0,
        }
    }

    /// A method of exactly one argument.
    pub(crate) const fn one(owner: &'static str, name: &'static str) -> Signature {
        Signature {
            owner,
            name,
            form: Form::One,
            params: &["object"],
            required: 1,
        }
    }

    /// Positional arguments, `required` of the `params` given.
    pub(crate) const fn positional(
        owner: &'static str,
        name: &'static str,
        form: Form,
        params: &'static [&'static str],
        required: usize,
    ) -> Signature {
        Signature {
            owner,
            name,
            form,
            params,
            required,
        }
    }

    /// Arguments by position or by name.
    pub(crate) const fn keywords(
        owner: &'static str,
        name: &'static str,
        params: &'static [&'static str],
        required: usize,
    ) -> Signature {
        Signature {
            owner,
            name,
            form: Form::Keywords {
                positional: params.len(),
            },
            params,
            required,
        }
    }

    /// The object a method was called on, and its arguments: one per parameter, None
    /// where the call gave none. Refuses what CPython refuses, with its words.
    pub(crate) fn bind<const N: usize>(
        &self,
        vm: &mut Vm,
        mut args: Args,
    ) -> PyResult<(Value, [Option<Value>; N])> {
        if args.positional.is_empty() {
            let message = format!(
                "unbound method {}.{}() needs an argument",
                self.owner, self.name
            );
            return Err(error(vm, "TypeError", &message));
        }
        let this = args.positional.remove(0);
        if !self.applies_to(&this) {
            return Err(self.wrong_object(vm, &this));
        }
        Ok((this, self.bind_args(vm, args)?))
    }

    /// Whether the method applies to `this`: a value of its type (a bool is an int,
    /// and a Counter a dict).
    fn applies_to(&self, this: &Value) -> bool {
        match self.owner {
            "int" => as_int(this).is_some(),
            "Counter" => matches!(this, Value::Dict(_)),
            owner => this.is_builtin_named(owner),
        }
    }

    /// The arguments of a method without an object (a static method, or the
    /// arguments after it): one per parameter, None where the call gave none.
    pub(crate) fn bind_args<const N: usize>(
        &self,
        vm: &mut Vm,
        args: Args,
    ) -> PyResult<[Option<Value>; N]> {
        debug_assert_eq!(
            N,
            self.params.len(),
            "{}.{}: one slot a parameter",
            self.owner,
            self.name
        );
        let Args {
            positional,
            keywords,
        } = args;
        let mut slots: [Option<Value>; N] = std::array::from_fn(|_| None);
        match self.form {
            Form::Keywords { positional: limit } => {
                self.bind_keywords(vm, positional, keywords, limit, &mut slots)?
            }
            _ => {
                if !keywords.is_empty() {
                    let message =
                        format!("{}.{}() takes no keyword arguments", self.owner, self.name);
                    return Err(error(vm, "TypeError", &message));
                }
                self.check_count(vm, positional.len())?;
                for (slot, value) in slots.iter_mut().zip(positional) {
                    *slot = Some(value);
                }
            }
        }
        Ok(slots)
    }

    /// Refuses a number of positional arguments outside `required..=params.len()`.
    fn check_count(&self, vm: &mut Vm, n: usize) -> PyResult<()> {
        let (min, max) = (self.required, self.params.len());
        if (min..=max).contains(&n) {
            return Ok(());
        }
        let (owner, name) = (self.owner, self.name);
        let message = match self.form {
            Form::NoArgs => format!("{owner}.{name}() takes no arguments ({n} given)"),
            Form::One => format!("{owner}.{name}() takes exactly one argument ({n} given)"),
            Form::Counted if min == max => {
                format!("{name} expected {min} argument{}, got {n}", plural(min))
            }
            Form::Counted if n < min => format!(
                "{name} expected at least {min} argument{}, got {n}",
                plural(min)
            ),
            Form::Counted => format!(
                "{name} expected at most {max} argument{}, got {n}",
                plural(max)
            ),
            _ if min == max => format!(
                "{name}() takes exactly {min} argument{} ({n} given)",
                plural(min)
            ),
            _ if n < min => format!(
                "{name}() takes at least {min} argument{} ({n} given)",
                plural(min)
            ),
            _ => format!(
                "{name}() takes at most {max} argument{} ({n} given)",
                plural(max)
            ),
        };
        Err(error(vm, "TypeError", &message))
    }

    /// Argument Clinic's binding of positional and keyword arguments, in the order it
    /// checks them.
    fn bind_keywords(
        &self,
        vm: &mut Vm,
        given: Vec<Value>,
        keywords: Vec<(Rc<str>, Value)>,
        positional: usize,
        slots: &mut [Option<Value>],
    ) -> PyResult<()> {
        let name = self.name;
        let (n, total, max) = (given.len(), given.len() + keywords.len(), self.params.len());
        let message = if total > max {
            let keyword = if n == 0 { "keyword " } else { "" };
            Some(format!(
                "{name}() takes at most {max} {keyword}argument{} ({total} given)",
                plural(max)
            ))
        } else if n > positional && positional == 0 {
            Some(format!("{name}() takes no positional arguments"))
        } else if n > positional {
            let bound = if self.required < positional {
                "at most"
            } else {
                "exactly"
            };
            Some(format!(
                "{name}() takes {bound} {positional} positional argument{} ({n} given)",
                plural(positional)
            ))
        } else {
            None
        };
        if let Some(message) = message {
            return Err(error(vm, "TypeError", &message));
        }
        for (slot, value) in slots.iter_mut().zip(given) {
            *slot = Some(value);
        }
        for (keyword, value) in keywords {
            let Some(at) = self.params.iter().position(|p| *p == keyword.as_ref()) else {
                let message = format!("'{keyword}' is an invalid keyword argument for {name}()");
                return Err(error(vm, "TypeError", &message));
            };
            if at < n {
                let message = format!(
                    "argument for {name}() given by name ('{keyword}') and position ({})",
                    at + 1
                );
                return Err(error(vm, "TypeError", &message));
            }
            slots[at] = Some(value);
        }
        if let Some(missing) = (0..self.required).find(|&i| slots[i].is_none()) {
            let message = format!(
                "{name}() missing required argument '{}' (pos {})",
                self.params[missing],
                missing + 1
            );
            return Err(error(vm, "TypeError", &message));
        }
        Ok(())
    }

    /// `descriptor 'upper' for 'str' objects doesn't apply to a 'int' object`: a
    /// method taken from one type and called on a value of another.
    pub(crate) fn wrong_object(&self, vm: &mut Vm, this: &Value) -> Signal {
        let message = format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            self.name,
            self.owner,
            this.type_name()
        );
        error(vm, "TypeError", &message)
    }
}

/// An argument used as an index (`list.pop(i)`, `str.center(width)`), as CPython's
/// `PyNumber_AsSsize_t` reads it.
pub(crate) fn index_arg(vm: &mut Vm, value: &Value) -> PyResult<i64> {
    if let Some(n) = as_int(value) {
        return match n.to_i64() {
            Some(n) => Ok(n),
            None => Err(error(
                vm,
                "OverflowError",
                "Python int too large to convert to C ssize_t",
            )),
        };
    }
    if let Some(index) = ops::call_special(vm, value, "__index__", Vec::new())?
        && let Some(n) = as_int(&index).and_then(|n| n.to_i64())
    {
        return Ok(n);
    }
    let message = format!(
        "'{}' object cannot be interpreted as an integer",
        value.type_name()
    );
    Err(error(vm, "TypeError", &message))
}

/// The `start` and `end` of a search (`str.find(sub, start, end)`, `list.index(x, start,
/// stop)`), where None means the end of that side. `none_allowed` is false for the
/// sequences whose `index` refuses None.
pub(crate) fn slice_arg(
    vm: &mut Vm,
    value: Option<&Value>,
    none_allowed: bool,
) -> PyResult<Option<i64>> {
    match value {
        None => Ok(None),
        Some(Value::None) if none_allowed => Ok(None),
        Some(value) => match as_int(value) {
            // Past the i64 range a position is as good as infinitely far.
            Some(n) => Ok(Some(n.to_i64().unwrap_or(if n.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }))),
            None => {
                let message = if none_allowed {
                    "slice indices must be integers or None or have an __index__ method"
                } else {
                    "slice indices must be integers or have an __index__ method"
                };
                Err(error(vm, "TypeError", message))
            }
        },
    }
}

/// A search range over a sequence of `len` items, clamped as CPython's
/// `ADJUST_INDICES` clamps it: negative positions count from the end. A start past
/// the end stays past it (a search there finds nothing, not even an empty str).
pub(crate) fn adjust_range(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len = len as i64;
    let clamp = |i: i64| {
        if i < 0 {
            i.saturating_add(len).max(0)
        } else {
            i
        }
    };
    let start = clamp(start.unwrap_or(0)).min(len + 1);
    let end = clamp(end.unwrap_or(len)).min(len);
    (start as usize, end as usize)
}

/// An argument that switches something on or off (`keepends`, `reverse`), which
/// CPython reads as an int: `'str' object cannot be interpreted as an integer`.
pub(crate) fn flag_arg(vm: &mut Vm, value: Option<&Value>) -> PyResult<bool> {
    match value {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(value) => index_arg(vm, value).map(|n| n != 0),
    }
}

/// The binary operators a builtin type has as special methods (`int.__add__`,
/// `str.__mod__`), in the order [`special`] numbers them.
const BINARY: &[(&str, BinOp)] = &[
    ("__add__", BinOp::Add),
    ("__sub__", BinOp::Sub),
    ("__mul__", BinOp::Mult),
    ("__truediv__", BinOp::Div),
    ("__floordiv__", BinOp::FloorDiv),
    ("__mod__", BinOp::Mod),
    ("__pow__", BinOp::Pow),
    ("__and__", BinOp::BitAnd),
    ("__or__", BinOp::BitOr),
    ("__xor__", BinOp::BitXor),
];

/// The comparisons as special methods, in the order [`special`] numbers them.
const COMPARE: &[(&str, CmpOp)] = &[
    ("__eq__", CmpOp::Eq),
    ("__ne__", CmpOp::NotEq),
    ("__lt__", CmpOp::Lt),
    ("__le__", CmpOp::LtE),
    ("__gt__", CmpOp::Gt),
    ("__ge__", CmpOp::GtE),
];

/// A special method of the builtin types, and which types have it.
struct Special {
    method: Method,
    /// Whether the type of this name has it.
    has: fn(&str) -> bool,
}

const fn special_method(name: &'static str, func: NativeFn, has: fn(&str) -> bool) -> Special {
    Special {
        method: Method::of_object(name, func),
        has,
    }
}

fn is_container(owner: &str) -> bool {
    matches!(
        owner,
        "str" | "bytes" | "list" | "tuple" | "dict" | "set" | "frozenset" | "range"
    )
}

fn is_subscriptable(owner: &str) -> bool {
    is_container(owner) && !is_set(owner)
}

fn is_mutable_mapping_or_list(owner: &str) -> bool {
    matches!(owner, "list" | "dict")
}

fn is_number(owner: &str) -> bool {
    matches!(owner, "int" | "float")
}

fn is_int(owner: &str) -> bool {
    owner == "int"
}

fn is_set(owner: &str) -> bool {
    matches!(owner, "set" | "frozenset")
}

fn is_number_or_sequence(owner: &str) -> bool {
    is_number(owner) || matches!(owner, "str" | "bytes" | "list" | "tuple")
}

fn is_number_or_text(owner: &str) -> bool {
    is_number(owner) || matches!(owner, "str" | "bytes")
}

fn is_number_or_set(owner: &str) -> bool {
    is_number(owner) || is_set(owner)
}

fn is_int_or_set(owner: &str) -> bool {
    is_int(owner) || is_set(owner)
}

fn is_int_set_or_dict(owner: &str) -> bool {
    is_int_or_set(owner) || owner == "dict"
}

fn is_any(_owner: &str) -> bool {
    true
}

/// The special methods of the builtin types (`str.__len__(s)`, `list.__getitem__`,
/// `int.__add__`): the VM's own operators, called by name.
const SPECIAL: &[Special] = &[
    special_method("__len__", special_len, is_container),
    special_method("__contains__", special_contains, is_container),
    special_method("__iter__", special_iter, is_container),
    special_method("__getitem__", special_getitem, is_subscriptable),
    special_method("__setitem__", special_setitem, is_mutable_mapping_or_list),
    special_method("__delitem__", special_delitem, is_mutable_mapping_or_list),
    special_method("__add__", special_binary::<0>, is_number_or_sequence),
    special_method("__sub__", special_binary::<1>, is_number_or_set),
    special_method("__mul__", special_binary::<2>, is_number_or_sequence),
    special_method("__truediv__", special_binary::<3>, is_number),
    special_method("__floordiv__", special_binary::<4>, is_number),
    special_method("__mod__", special_binary::<5>, is_number_or_text),
    special_method("__pow__", special_binary::<6>, is_number),
    special_method("__and__", special_binary::<7>, is_int_or_set),
    special_method("__or__", special_binary::<8>, is_int_set_or_dict),
    special_method("__xor__", special_binary::<9>, is_int_or_set),
    special_method("__eq__", special_compare::<0>, is_any),
    special_method("__ne__", special_compare::<1>, is_any),
    special_method("__lt__", special_compare::<2>, is_any),
    special_method("__le__", special_compare::<3>, is_any),
    special_method("__gt__", special_compare::<4>, is_any),
    special_method("__ge__", special_compare::<5>, is_any),
    special_method("__repr__", special_repr, is_any),
    special_method("__str__", special_str, is_any),
    special_method("__format__", special_format, is_any),
];

/// The special method `name` of the builtin type `owner`, if it has one.
fn special(owner: &str, name: &str) -> Option<Method> {
    SPECIAL
        .iter()
        .find(|s| s.method.name == name && (s.has)(owner))
        .map(|s| s.method)
}

/// The object of a special method and its arguments, `count` of them, worded as
/// CPython's slot wrappers word a wrong call.
fn special_args(vm: &mut Vm, args: Args, name: &str, count: usize) -> PyResult<Vec<Value>> {
    let mut values = args.positional;
    if values.is_empty() {
        let message = format!("descriptor '{name}' needs an argument");
        return Err(error(vm, "TypeError", &message));
    }
    let given = values.len() - 1;
    if given != count || !args.keywords.is_empty() {
        let message = match count {
            0 => format!("expected 0 arguments, got {given}"),
            1 => format!("expected 1 argument, got {given}"),
            _ => format!("expected {count} arguments, got {given}"),
        };
        return Err(error(vm, "TypeError", &message));
    }
    values.truncate(count + 1);
    Ok(values)
}

/// `x.__len__()`.
fn special_len(vm: &mut Vm, args: Args) -> PyResult {
    let values = special_args(vm, args, "__len__", 0)?;
    ops::len(vm, &values[0]).map(Value::Int)
}

/// `x.__contains__(item)`.
fn special_contains(vm: &mut Vm, args: Args) -> PyResult {
    let values = special_args(vm, args, "__contains__", 1)?;
    ops::contains(vm, &values[0], &values[1]).map(Value::Bool)
}

/// `x.__iter__()`.
fn special_iter(vm: &mut Vm, args: Args) -> PyResult {
    let values = special_args(vm, args, "__iter__", 0)?;
    crate::vm::iter::get_iter(vm, &values[0])
}

/// `x.__getitem__(index)`.
fn special_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let values = special_args(vm, args, "__getitem__", 1)?;
    ops::get_item(vm, &values[0], &values[1])
}

/// `x.__setitem__(index, value)`.
fn special_setitem(vm: &mut Vm, args: Args) -> PyResult {
    let mut values = special_args(vm, args, "__setitem__", 2)?;
    let value = values.pop().expect("two arguments");
    let index = values.pop().expect("two arguments");
    ops::set_item(vm, &values[0], index, value)?;
    Ok(Value::None)
}

/// `x.__delitem__(index)`.
fn special_delitem(vm: &mut Vm, args: Args) -> PyResult {
    let values = special_args(vm, args, "__delitem__", 1)?;
    ops::del_item(vm, &values[0], &values[1])?;
    Ok(Value::None)
}

/// The family of builtin values a special method of `value`'s type works with: a
/// number's work with numbers, a set's with sets… None for the types that raise
/// their own TypeError on a stranger (`'a'.__add__(1)`).
fn family(value: &Value) -> Option<u8> {
    Some(match value {
        Value::Bool(_) | Value::Int(_) | Value::BigInt(_) | Value::Float(_) => 0,
        Value::Set(_) | Value::FrozenSet(_) => 1,
        Value::Dict(_) => 2,
        _ => return None,
    })
}

/// Whether `this`'s special method of another operand gives NotImplemented, as
/// CPython's do when the operand is not theirs to handle (`(1).__add__('a')`). An int's
/// also leave floats to float.
fn not_mine(this: &Value, other: &Value) -> bool {
    let int_and_float = as_int(this).is_some() && matches!(other, Value::Float(_));
    family(this).is_some() && (family(this) != family(other) || int_and_float)
}

/// `x.__add__(y)` and the other binary operators of [`BINARY`].
fn special_binary<const OP: usize>(vm: &mut Vm, args: Args) -> PyResult {
    let (name, op) = BINARY[OP];
    let values = special_args(vm, args, name, 1)?;
    if not_mine(&values[0], &values[1]) {
        return Ok(Value::NotImplemented);
    }
    ops::binary(vm, op, &values[0], &values[1], false)
}

/// `x.__eq__(y)` and the other comparisons of [`COMPARE`]: NotImplemented between
/// values of types that do not compare with each other.
fn special_compare<const OP: usize>(vm: &mut Vm, args: Args) -> PyResult {
    let (name, op) = COMPARE[OP];
    let values = special_args(vm, args, name, 1)?;
    let (this, other) = (&values[0], &values[1]);
    let comparable = match family(this) {
        Some(_) => !not_mine(this, other),
        None => this.type_name() == other.type_name(),
    };
    if !comparable {
        return Ok(Value::NotImplemented);
    }
    ops::compare(vm, op, this, other)
}

/// `x.__repr__()`.
fn special_repr(vm: &mut Vm, args: Args) -> PyResult {
    let values = special_args(vm, args, "__repr__", 0)?;
    repr::repr(vm, &values[0]).map(|text| Value::Str(Rc::from(text)))
}

/// `x.__str__()`.
fn special_str(vm: &mut Vm, args: Args) -> PyResult {
    let values = special_args(vm, args, "__str__", 0)?;
    repr::str(vm, &values[0]).map(|text| Value::Str(Rc::from(text)))
}

/// `x.__format__(spec)`.
fn special_format(vm: &mut Vm, args: Args) -> PyResult {
    let values = special_args(vm, args, "__format__", 1)?;
    let Value::Str(spec) = &values[1] else {
        let message = format!(
            "argument to __format__ must be str, not {}",
            values[1].type_name()
        );
        return Err(error(vm, "TypeError", &message));
    };
    repr::format(vm, &values[0], spec).map(|text| Value::Str(Rc::from(text)))
}

/// Whether two items are the same for `list.count`, `index`, `remove` and `in`:
/// the same object, or equal.
pub(crate) fn same(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(a.is(b) || ops::equals(vm, a, b)?)
}

/// The position of the first item equal to `x` within `items[start:stop]`, as
/// `list.index` and `tuple.index` search.
pub(crate) fn position_in(
    vm: &mut Vm,
    items: &[Value],
    x: &Value,
    start: Option<&Value>,
    stop: Option<&Value>,
) -> PyResult<Option<usize>> {
    let start = slice_arg(vm, start, false)?;
    let stop = slice_arg(vm, stop, false)?;
    let (start, stop) = adjust_range(start, stop, items.len());
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if same(vm, item, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}
