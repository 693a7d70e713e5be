//! The `builtins` module: `print`, `len`, `sorted`… and the builtin types and
//! exceptions as names.

pub mod format;

use std::rc::Rc;

use crate::bigint::BigInt;
use crate::value::{Descriptor, Iter, Key, Value};
use crate::vm::attr::{self, builtin};
use crate::vm::eval::call_nested;
use crate::vm::exceptions::{self, error};
use crate::vm::int::{self, as_int};
use crate::vm::native::{Args, NativeFn, PyResult, Signal};
use crate::vm::types::TypeTag;
use crate::vm::{Stream, Vm, iter, ops, repr};

/// Fills the VM's builtins module.
pub fn install(vm: &mut Vm) {
    let functions: &[(&'static str, NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr_),
        ("ascii", ascii),
        ("abs", abs),
        ("round", round),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("sorted", sorted),
        ("reversed", reversed),
        ("enumerate", enumerate),
        ("zip", zip),
        ("map", map),
        ("filter", filter),
        ("iter", iter_),
        ("next", next),
        ("any", any),
        ("all", all),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("getattr", getattr),
        ("setattr", setattr),
        ("hasattr", hasattr),
        ("delattr", delattr),
        ("callable", callable),
        ("id", id),
        ("hash", hash),
        ("chr", chr),
        ("ord", ord),
        ("hex", hex),
        ("oct", oct),
        ("bin", bin),
        ("divmod", divmod),
        ("pow", pow),
        ("format", format_),
        ("input", input),
        ("vars", vars),
        ("dir", dir),
        ("exit", exit),
        ("quit", exit),
    ];
    for &(name, func) in functions {
        vm.builtins.set(name, builtin(name, func, None));
    }
    let constructors: &[(TypeTag, &'static str, NativeFn)] = &[
        (TypeTag::Int, "int", new_int),
        (TypeTag::Float, "float", new_float),
        (TypeTag::Str, "str", new_str),
        (TypeTag::Bool, "bool", new_bool),
        (TypeTag::Bytes, "bytes", new_bytes),
        (TypeTag::List, "list", new_list),
        (TypeTag::Tuple, "tuple", new_tuple),
        (TypeTag::Dict, "dict", new_dict),
        (TypeTag::Set, "set", new_set),
        (TypeTag::FrozenSet, "frozenset", new_frozenset),
        (TypeTag::Range, "range", new_range),
        (TypeTag::Type, "type", new_type),
        (TypeTag::Property, "property", new_property),
        (TypeTag::StaticMethod, "staticmethod", new_staticmethod),
        (TypeTag::ClassMethod, "classmethod", new_classmethod),
        (TypeTag::Super, "super", new_super),
        (TypeTag::Slice, "slice", new_slice),
    ];
    for &(tag, name, func) in constructors {
        let class = vm.types.get(tag).clone();
        class
            .dict
            .borrow_mut()
            .insert(Rc::from("__new__"), builtin(name, func, None));
        vm.builtins.set(name, Value::Class(class));
    }
    let object = vm.types.get(TypeTag::Object).clone();
    object.dict.borrow_mut().insert(
        Rc::from("__init__"),
        builtin("__init__", object_init, Some("object")),
    );
    vm.builtins.set("object", Value::Class(object));
    crate::types::install_bytearray(vm);
    let base = vm.types.get(TypeTag::BaseException).clone();
    base.dict.borrow_mut().insert(
        Rc::from("__init__"),
        builtin("__init__", exception_init, Some("BaseException")),
    );
    let names: Vec<(&'static str, Rc<crate::value::Class>)> = vm
        .types
        .exceptions
        .iter()
        .map(|(name, class)| (*name, class.clone()))
        .collect();
    for (name, class) in names {
        vm.builtins.set(name, Value::Class(class));
    }
    vm.builtins.set("None", Value::None);
    vm.builtins.set("Ellipsis", Value::Ellipsis);
    vm.builtins.set("NotImplemented", Value::NotImplemented);
    vm.builtins.set("__name__", Value::str("builtins"));
}

/// Checks the number of positional arguments of a builtin, with CPython's message.
pub fn arity(vm: &mut Vm, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
    let n = args.positional.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let message = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    Err(error(vm, "TypeError", &message))
}

/// A keyword argument by name, removed from `args`.
pub fn take_keyword(args: &mut Args, name: &str) -> Option<Value> {
    let at = args.keywords.iter().position(|(k, _)| k.as_ref() == name)?;
    Some(args.keywords.remove(at).1)
}

/// Refuses keyword arguments a builtin does not take.
pub fn no_keywords(vm: &mut Vm, name: &str, args: &Args) -> PyResult<()> {
    match args.keywords.first() {
        None => Ok(()),
        Some((k, _)) => {
            let message = format!("{name}() got an unexpected keyword argument '{k}'");
            Err(error(vm, "TypeError", &message))
        }
    }
}

fn print(vm: &mut Vm, mut args: Args) -> PyResult {
    let sep = take_keyword(&mut args, "sep");
    let end = take_keyword(&mut args, "end");
    let file = take_keyword(&mut args, "file");
    take_keyword(&mut args, "flush");
    no_keywords(vm, "print", &args)?;
    let text_of = |vm: &mut Vm, v: Option<Value>, default: &str, what: &str| -> PyResult<String> {
        match v {
            None | Some(Value::None) => Ok(default.to_owned()),
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(other) => {
                let message = format!("{what} must be None or a string, not {}", other.type_name());
                Err(error(vm, "TypeError", &message))
            }
        }
    };
    let sep = text_of(vm, sep, " ", "sep")?;
    let end = text_of(vm, end, "\n", "end")?;
    let mut text = String::new();
    for (i, value) in args.positional.iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        text.push_str(&repr::str(vm, value)?);
    }
    text.push_str(&end);
    match file {
        None | Some(Value::None) => vm.write(Stream::Stdout, &text),
        Some(file) => {
            let write = attr::get_attr(vm, &file, "write")?;
            call_nested(vm, write, Args::new(vec![Value::str(&text)]))?;
        }
    }
    Ok(Value::None)
}

fn len(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "len", &args, 1, 1)?;
    ops::len(vm, &args.positional[0]).map(Value::Int)
}

fn repr_(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "repr", &args, 1, 1)?;
    repr::repr(vm, &args.positional[0]).map(|s| Value::str(&s))
}

fn ascii(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "ascii", &args, 1, 1)?;
    repr::ascii(vm, &args.positional[0]).map(|s| Value::str(&s))
}

fn abs(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "abs", &args, 1, 1)?;
    let value = &args.positional[0];
    match value {
        Value::Float(x) => Ok(Value::Float(x.abs())),
        _ if as_int(value).is_some() => {
            if as_int(value).is_some_and(|n| n.is_negative()) {
                ops::unary(vm, crate::syntax::ast::UnaryOp::USub, value)
            } else {
                ops::unary(vm, crate::syntax::ast::UnaryOp::UAdd, value)
            }
        }
        _ => match ops::call_special(vm, value, "__abs__", Vec::new())? {
            Some(result) => Ok(result),
            None => {
                let message = format!("bad operand type for abs(): '{}'", value.type_name());
                Err(error(vm, "TypeError", &message))
            }
        },
    }
}

fn round(vm: &mut Vm, mut args: Args) -> PyResult {
    if let Some(n) = take_keyword(&mut args, "ndigits") {
        args.positional.push(n);
    }
    arity(vm, "round", &args, 1, 2)?;
    let ndigits = args.positional.get(1).cloned().unwrap_or_default();
    match &args.positional[0] {
        Value::Float(x) => match ndigits {
            Value::None => match crate::text::float::round_float_to_int(*x) {
                Ok(rounded) => match BigInt::from_f64(rounded) {
                    Some(big) => Ok(int::from_big(big)),
                    None => Err(error(
                        vm,
                        "OverflowError",
                        "cannot convert float infinity to integer",
                    )),
                },
                Err(e) => Err(error(vm, e.class, &e.message)),
            },
            n => {
                let digits = as_int(&n).and_then(|n| n.to_i64()).unwrap_or(0);
                match crate::text::float::round_float(*x, digits) {
                    Ok(y) => Ok(Value::Float(y)),
                    Err(e) => Err(error(vm, e.class, &e.message)),
                }
            }
        },
        value if as_int(value).is_some() => match ndigits {
            Value::None => Ok(match value {
                Value::Bool(b) => Value::Int(*b as i64),
                other => other.clone(),
            }),
            n => {
                let digits = as_int(&n).and_then(|n| n.to_i64()).unwrap_or(0);
                if digits >= 0 {
                    return Ok(value.clone());
                }
                // Round half to even at 10**-digits.
                let unit = ops::binary(
                    vm,
                    crate::syntax::ast::BinOp::Pow,
                    &Value::Int(10),
                    &Value::Int(-digits),
                    false,
                )?;
                let half = ops::binary(
                    vm,
                    crate::syntax::ast::BinOp::FloorDiv,
                    &unit,
                    &Value::Int(2),
                    false,
                )?;
                let remainder =
                    ops::binary(vm, crate::syntax::ast::BinOp::Mod, value, &unit, false)?;
                let base =
                    ops::binary(vm, crate::syntax::ast::BinOp::Sub, value, &remainder, false)?;
                let up = match ops::compare(vm, crate::syntax::ast::CmpOp::Gt, &remainder, &half)? {
                    Value::Bool(true) => true,
                    _ => {
                        let equal = ops::equals(vm, &remainder, &half)?;
                        let quotient = ops::binary(
                            vm,
                            crate::syntax::ast::BinOp::FloorDiv,
                            &base,
                            &unit,
                            false,
                        )?;
                        let odd = ops::binary(
                            vm,
                            crate::syntax::ast::BinOp::Mod,
                            &quotient,
                            &Value::Int(2),
                            false,
                        )?;
                        equal && ops::equals(vm, &odd, &Value::Int(1))?
                    }
                };
                if up {
                    ops::binary(vm, crate::syntax::ast::BinOp::Add, &base, &unit, false)
                } else {
                    Ok(base)
                }
            }
        },
        other => match ops::call_special(vm, other, "__round__", args.positional[1..].to_vec())? {
            Some(result) => Ok(result),
            None => {
                let message = format!("type {} doesn't define __round__ method", other.type_name());
                Err(error(vm, "TypeError", &message))
            }
        },
    }
}

/// `min` and `max`: over one iterable or several arguments, with `key` and `default`.
fn extreme(vm: &mut Vm, mut args: Args, name: &str, want_greater: bool) -> PyResult {
    let key = take_keyword(&mut args, "key").filter(|k| !matches!(k, Value::None));
    let default = take_keyword(&mut args, "default");
    no_keywords(vm, name, &args)?;
    let items = match args.positional.len() {
        0 => {
            let message = format!("{name} expected at least 1 argument, got 0");
            return Err(error(vm, "TypeError", &message));
        }
        1 => iter::collect(vm, &args.positional[0])?,
        _ => {
            if default.is_some() {
                let message = format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                );
                return Err(error(vm, "TypeError", &message));
            }
            args.positional
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => call_nested(vm, f.clone(), Args::new(vec![item.clone()]))?,
            None => item.clone(),
        };
        best = Some(match best {
            None => (k, item),
            Some((best_key, best_item)) => {
                let better = if want_greater {
                    ops::less_than(vm, &best_key, &k)?
                } else {
                    ops::less_than(vm, &k, &best_key)?
                };
                if better {
                    (k, item)
                } else {
                    (best_key, best_item)
                }
            }
        });
    }
    match (best, default) {
        (Some((_, item)), _) => Ok(item),
        (None, Some(default)) => Ok(default),
        (None, None) => {
            let message = format!("{name}() arg is an empty sequence");
            Err(error(vm, "ValueError", &message))
        }
    }
}

fn min(vm: &mut Vm, args: Args) -> PyResult {
    extreme(vm, args, "min", false)
}

fn max(vm: &mut Vm, args: Args) -> PyResult {
    extreme(vm, args, "max", true)
}

fn sum(vm: &mut Vm, mut args: Args) -> PyResult {
    if let Some(start) = take_keyword(&mut args, "start") {
        args.positional.push(start);
    }
    arity(vm, "sum", &args, 1, 2)?;
    let mut total = args.positional.get(1).cloned().unwrap_or(Value::Int(0));
    match &total {
        Value::Str(_) => {
            return Err(error(
                vm,
                "TypeError",
                "sum() can't sum strings [use ''.join(seq) instead]",
            ));
        }
        Value::Bytes(_) => {
            return Err(error(
                vm,
                "TypeError",
                "sum() can't sum bytes [use b''.join(seq) instead]",
            ));
        }
        _ => {}
    }
    let iterator = iter::get_iter(vm, &args.positional[0])?;
    while let Some(item) = iter::next(vm, &iterator)? {
        total = ops::binary(vm, crate::syntax::ast::BinOp::Add, &total, &item, false)?;
    }
    Ok(total)
}

/// Sorts `items` by `key` (stable), as `list.sort` and `sorted` do.
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        let k = match &key {
            Some(f) => call_nested(vm, f.clone(), Args::new(vec![item.clone()]))?,
            None => item.clone(),
        };
        keyed.push((k, item));
    }
    if reverse {
        keyed.reverse();
    }
    let sorted = if keyed.len() < 64 {
        binary_sort(vm, keyed)?
    } else {
        merge_sort(vm, keyed)?
    };
    let mut out: Vec<Value> = sorted.into_iter().map(|(_, v)| v).collect();
    if reverse {
        out.reverse();
    }
    Ok(out)
}

/// What CPython's timsort does with fewer than 64 items, comparison for comparison (so a
/// `__lt__` that prints, or one that raises, behaves alike): the first run, ascending or
/// strictly descending (then reversed), extended by binary insertion.
fn binary_sort(vm: &mut Vm, mut items: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    let n = items.len();
    if n < 2 {
        return Ok(items);
    }
    let mut run = 2;
    if ops::less_than(vm, &items[1].0, &items[0].0)? {
        while run < n && ops::less_than(vm, &items[run].0, &items[run - 1].0)? {
            run += 1;
        }
        items[..run].reverse();
    } else {
        while run < n && !ops::less_than(vm, &items[run].0, &items[run - 1].0)? {
            run += 1;
        }
    }
    for start in run..n {
        let (mut low, mut high) = (0, start);
        while low < high {
            let middle = low + (high - low) / 2;
            if ops::less_than(vm, &items[start].0, &items[middle].0)? {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        let pivot = items.remove(start);
        items.insert(low, pivot);
    }
    Ok(items)
}

/// A stable merge sort whose comparisons may raise (and call into Python).
fn merge_sort(vm: &mut Vm, items: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let mut items = items;
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(vm, items)?;
    let right = merge_sort(vm, right)?;
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    while let (Some(l), Some(r)) = (left.peek(), right.peek()) {
        if ops::less_than(vm, &r.0, &l.0)? {
            merged.push(right.next().expect("peeked"));
        } else {
            merged.push(left.next().expect("peeked"));
        }
    }
    merged.extend(left);
    merged.extend(right);
    Ok(merged)
}

fn sorted(vm: &mut Vm, mut args: Args) -> PyResult {
    let key = take_keyword(&mut args, "key").filter(|k| !matches!(k, Value::None));
    let reverse = match take_keyword(&mut args, "reverse") {
        Some(r) => ops::truthy(vm, &r)?,
        None => false,
    };
    no_keywords(vm, "sorted", &args)?;
    if args.positional.len() != 1 {
        let message = format!("sorted expected 1 argument, got {}", args.positional.len());
        return Err(error(vm, "TypeError", &message));
    }
    let items = iter::collect(vm, &args.positional[0])?;
    sort_values(vm, items, key, reverse).map(Value::list)
}

fn iterator(it: Iter) -> Value {
    Value::Iterator(Rc::new(std::cell::RefCell::new(it)))
}

fn reversed(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "reversed", &args, 1, 1)?;
    let sequence = args.positional[0].clone();
    match &sequence {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Bytes(_) => {
            let length = ops::len(vm, &sequence)?;
            Ok(iterator(Iter::Reversed(sequence, length - 1)))
        }
        Value::Dict(dict) => {
            let keys: Vec<Value> = dict.borrow().keys().rev().map(|k| k.0.clone()).collect();
            Ok(iterator(Iter::Items(
                Rc::from(keys),
                0,
                "dict_reversekeyiterator",
            )))
        }
        _ => {
            if let Some(result) = ops::call_special(vm, &sequence, "__reversed__", Vec::new())? {
                return Ok(result);
            }
            let class = vm.types.class_of(&sequence);
            if class.lookup("__len__").is_some() && class.lookup("__getitem__").is_some() {
                let length = ops::len(vm, &sequence)?;
                return Ok(iterator(Iter::Reversed(sequence, length - 1)));
            }
            let message = format!("'{}' object is not reversible", sequence.type_name());
            Err(error(vm, "TypeError", &message))
        }
    }
}

fn enumerate(vm: &mut Vm, mut args: Args) -> PyResult {
    if let Some(start) = take_keyword(&mut args, "start") {
        args.positional.push(start);
    }
    arity(vm, "enumerate", &args, 1, 2)?;
    let inner = iter::get_iter(vm, &args.positional[0])?;
    let start = match args.positional.get(1) {
        Some(n) => match as_int(n).and_then(|n| n.to_i64()) {
            Some(n) => n,
            None => {
                let message = format!(
                    "'{}' object cannot be interpreted as an integer",
                    n.type_name()
                );
                return Err(error(vm, "TypeError", &message));
            }
        },
        None => 0,
    };
    Ok(iterator(Iter::Enumerate(inner, start)))
}

fn zip(vm: &mut Vm, mut args: Args) -> PyResult {
    let strict = match take_keyword(&mut args, "strict") {
        Some(strict) => ops::truthy(vm, &strict)?,
        None => false,
    };
    let mut inners = Vec::new();
    for (i, iterable) in args.positional.iter().enumerate() {
        match iter::get_iter(vm, iterable) {
            Ok(it) => inners.push(it),
            Err(_) => {
                let message = format!("zip argument #{} must support iteration", i + 1);
                return Err(error(vm, "TypeError", &message));
            }
        }
    }
    Ok(iterator(Iter::Zip(inners, strict)))
}

fn map(vm: &mut Vm, args: Args) -> PyResult {
    if args.positional.len() < 2 {
        return Err(error(
            vm,
            "TypeError",
            "map() must have at least two arguments.",
        ));
    }
    let mut inners = Vec::new();
    for iterable in &args.positional[1..] {
        inners.push(iter::get_iter(vm, iterable)?);
    }
    Ok(iterator(Iter::Map(args.positional[0].clone(), inners)))
}

fn filter(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "filter", &args, 2, 2)?;
    let inner = iter::get_iter(vm, &args.positional[1])?;
    Ok(iterator(Iter::Filter(args.positional[0].clone(), inner)))
}

fn iter_(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "iter", &args, 1, 2)?;
    match args.positional.get(1) {
        Some(sentinel) => Ok(iterator(Iter::Callable(
            args.positional[0].clone(),
            sentinel.clone(),
        ))),
        None => iter::get_iter(vm, &args.positional[0]),
    }
}

fn next(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "next", &args, 1, 2)?;
    let iterator = &args.positional[0];
    if !matches!(iterator, Value::Iterator(_) | Value::Generator(_))
        && vm.types.class_of(iterator).lookup("__next__").is_none()
    {
        let message = format!("'{}' object is not an iterator", iterator.type_name());
        return Err(error(vm, "TypeError", &message));
    }
    let step = match iter::next_fast(vm, iterator)? {
        iter::Next::Item(item) => Ok(item),
        iter::Next::Done => Err(exceptions::stop_iteration(vm, Value::None)),
        // A generator's `return value` travels in its StopIteration.
        iter::Next::Resume(frame) => crate::vm::eval::run_nested(vm, frame),
    };
    match (step, args.positional.get(1)) {
        (Err(Signal::Raise(exc)), Some(default))
            if exceptions::is_instance_of(vm, &exc, "StopIteration") =>
        {
            Ok(default.clone())
        }
        (step, _) => step,
    }
}

fn any(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "any", &args, 1, 1)?;
    let iterator = iter::get_iter(vm, &args.positional[0])?;
    while let Some(item) = iter::next(vm, &iterator)? {
        if ops::truthy(vm, &item)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "all", &args, 1, 1)?;
    let iterator = iter::get_iter(vm, &args.positional[0])?;
    while let Some(item) = iter::next(vm, &iterator)? {
        if !ops::truthy(vm, &item)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// Whether `class` is `classinfo` or a subclass of it (a tuple: any of them).
fn class_matches(
    vm: &mut Vm,
    class: &crate::value::Class,
    classinfo: &Value,
    name: &str,
) -> PyResult<bool> {
    match classinfo {
        Value::Class(target) => Ok(class.is_subclass(target)),
        Value::Tuple(items) => {
            for item in items.iter() {
                if class_matches(vm, class, item, name)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            let message = format!("{name}() arg 2 must be a type, a tuple of types, or a union");
            Err(error(vm, "TypeError", &message))
        }
    }
}

fn isinstance(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "isinstance", &args, 2, 2)?;
    let class = type_of(vm, &args.positional[0]);
    class_matches(vm, &class, &args.positional[1], "isinstance").map(Value::Bool)
}

fn issubclass(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "issubclass", &args, 2, 2)?;
    let Value::Class(class) = &args.positional[0] else {
        return Err(error(vm, "TypeError", "issubclass() arg 1 must be a class"));
    };
    class_matches(vm, class, &args.positional[1], "issubclass").map(Value::Bool)
}

fn attribute_name(vm: &mut Vm, value: &Value, what: &str) -> PyResult<Rc<str>> {
    match value {
        Value::Str(s) => Ok(s.clone()),
        other => {
            let message = format!(
                "{what}(): attribute name must be string, not '{}'",
                other.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

fn getattr(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "getattr", &args, 2, 3)?;
    let name = attribute_name(vm, &args.positional[1], "getattr")?;
    match attr::get_attr(vm, &args.positional[0], &name) {
        Err(Signal::Raise(exc))
            if args.positional.len() == 3
                && exceptions::is_instance_of(vm, &exc, "AttributeError") =>
        {
            Ok(args.positional[2].clone())
        }
        result => result,
    }
}

fn setattr(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "setattr", &args, 3, 3)?;
    let name = attribute_name(vm, &args.positional[1], "setattr")?;
    attr::set_attr(vm, &args.positional[0], &name, args.positional[2].clone())?;
    Ok(Value::None)
}

fn hasattr(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "hasattr", &args, 2, 2)?;
    let name = attribute_name(vm, &args.positional[1], "hasattr")?;
    attr::has_attr(vm, &args.positional[0], &name).map(Value::Bool)
}

fn delattr(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "delattr", &args, 2, 2)?;
    let name = attribute_name(vm, &args.positional[1], "delattr")?;
    attr::del_attr(vm, &args.positional[0], &name)?;
    Ok(Value::None)
}

fn callable(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "callable", &args, 1, 1)?;
    let value = &args.positional[0];
    Ok(Value::Bool(match value {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Instance(_) | Value::Native(_) => {
            vm.types.class_of(value).lookup("__call__").is_some()
        }
        _ => false,
    }))
}

fn id(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "id", &args, 1, 1)?;
    let value = &args.positional[0];
    let identity = match value.identity() {
        0 => {
            // Inline values: a stable number derived from the value.
            let mut hasher = rustc_hash::FxHasher::default();
            std::hash::Hash::hash(&Key(value.clone()), &mut hasher);
            std::hash::Hasher::finish(&hasher) as usize
        }
        address => address,
    };
    Ok(Value::Int((identity as u64 & 0x7fff_ffff_ffff) as i64))
}

fn hash(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "hash", &args, 1, 1)?;
    let value = &args.positional[0];
    ops::key(vm, value.clone())?;
    Ok(Value::Int(match value {
        Value::Bool(b) => *b as i64,
        Value::Int(n) => crate::bigint::hash_i64(*n),
        Value::BigInt(n) => n.hash(),
        Value::Float(x) => crate::bigint::hash_f64(*x).unwrap_or(0),
        _ => {
            let mut hasher = rustc_hash::FxHasher::default();
            std::hash::Hash::hash(&Key(value.clone()), &mut hasher);
            (std::hash::Hasher::finish(&hasher) >> 1) as i64
        }
    }))
}

fn chr(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "chr", &args, 1, 1)?;
    let Some(n) = as_int(&args.positional[0]) else {
        let message = format!(
            "'{}' object cannot be interpreted as an integer",
            args.positional[0].type_name()
        );
        return Err(error(vm, "TypeError", &message));
    };
    match n
        .to_i64()
        .and_then(|n| u32::try_from(n).ok())
        .and_then(char::from_u32)
    {
        Some(c) => Ok(Value::str(c.encode_utf8(&mut [0; 4]))),
        None => Err(error(vm, "ValueError", "chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "ord", &args, 1, 1)?;
    match &args.positional[0] {
        Value::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => {
                    let message = format!(
                        "ord() expected a character, but string of length {} found",
                        s.chars().count()
                    );
                    Err(error(vm, "TypeError", &message))
                }
            }
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        other => {
            let message = format!(
                "ord() expected string of length 1, but {} found",
                other.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

fn radix(vm: &mut Vm, args: Args, name: &str, radix: u32, prefix: &str) -> PyResult {
    arity(vm, name, &args, 1, 1)?;
    let Some(n) = as_int(&args.positional[0]) else {
        let message = format!(
            "'{}' object cannot be interpreted as an integer",
            args.positional[0].type_name()
        );
        return Err(error(vm, "TypeError", &message));
    };
    let digits = crate::text::IntDigits::magnitude_digits(&n, radix);
    let sign = if n.is_negative() { "-" } else { "" };
    Ok(Value::str(&format!("{sign}{prefix}{digits}")))
}

fn hex(vm: &mut Vm, args: Args) -> PyResult {
    radix(vm, args, "hex", 16, "0x")
}

fn oct(vm: &mut Vm, args: Args) -> PyResult {
    radix(vm, args, "oct", 8, "0o")
}

fn bin(vm: &mut Vm, args: Args) -> PyResult {
    radix(vm, args, "bin", 2, "0b")
}

fn divmod(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "divmod", &args, 2, 2)?;
    let (a, b) = (&args.positional[0], &args.positional[1]);
    let q = ops::binary(vm, crate::syntax::ast::BinOp::FloorDiv, a, b, false)?;
    let r = ops::binary(vm, crate::syntax::ast::BinOp::Mod, a, b, false)?;
    Ok(Value::tuple(vec![q, r]))
}

fn pow(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "pow", &args, 2, 3)?;
    let (base, exponent) = (&args.positional[0], &args.positional[1]);
    match args.positional.get(2) {
        None | Some(Value::None) => {
            ops::binary(vm, crate::syntax::ast::BinOp::Pow, base, exponent, false)
        }
        Some(modulus) => {
            let (Some(b), Some(e), Some(m)) = (as_int(base), as_int(exponent), as_int(modulus))
            else {
                return Err(error(
                    vm,
                    "TypeError",
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            if e.is_negative() {
                // pow(b, -e, m) is pow(inverse of b, e, m).
                let (Some(b), Some(e), Some(m)) = (b.to_i64(), e.to_i64(), m.to_i64()) else {
                    return Err(error(
                        vm,
                        "ValueError",
                        "base is not invertible for the given modulus",
                    ));
                };
                let Some(inverse) = modular_inverse(b, m) else {
                    return Err(error(
                        vm,
                        "ValueError",
                        "base is not invertible for the given modulus",
                    ));
                };
                let result = BigInt::from(inverse).pow_mod(&BigInt::from(-e), &BigInt::from(m));
                return Ok(result.map_or(Value::Int(0), int::from_big));
            }
            match b.to_big().pow_mod(&e.to_big(), &m.to_big()) {
                Some(result) => Ok(int::from_big(result)),
                None => Err(error(vm, "ValueError", "pow() 3rd argument cannot be 0")),
            }
        }
    }
}

/// The inverse of `b` modulo `m`, by the extended Euclidean algorithm.
fn modular_inverse(b: i64, m: i64) -> Option<i64> {
    let modulus = m.unsigned_abs() as i128;
    let (mut old_r, mut r) = ((b as i128).rem_euclid(modulus), modulus);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    (old_r == 1).then(|| old_s.rem_euclid(modulus) as i64)
}

fn format_(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "format", &args, 1, 2)?;
    let spec = match args.positional.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            let message = format!("format() argument 2 must be str, not {}", other.type_name());
            return Err(error(vm, "TypeError", &message));
        }
        None => String::new(),
    };
    repr::format(vm, &args.positional[0], &spec).map(|s| Value::str(&s))
}

fn input(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "input", &args, 0, 1)?;
    if let Some(prompt) = args.positional.first()
        && !vm.thread().retry
    {
        let text = repr::str(vm, prompt)?;
        vm.write(Stream::Stdout, &text);
    }
    let pid = vm.threads[vm.current].process;
    let process = vm.process();
    let rest = &process.stdin[process.stdin_pos..];
    if !rest.contains('\n') && process.stdin_open {
        return Err(vm.block(Some(Vm::stdin_key(pid)), None, "input"));
    }
    if rest.is_empty() {
        return Err(error(vm, "EOFError", "EOF when reading a line"));
    }
    let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line = rest[..line_end].trim_end_matches(['\n', '\r']).to_owned();
    process.stdin_pos += line_end;
    Ok(Value::str(&line))
}

fn vars(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "vars", &args, 1, 1)?;
    match attr::try_get_attr(vm, &args.positional[0], "__dict__")? {
        Some(dict) => Ok(dict),
        None => Err(error(
            vm,
            "TypeError",
            "vars() argument must have __dict__ attribute",
        )),
    }
}

/// The names `dir(object)` lists, sorted: also what suggestions choose from.
pub fn dir_names(vm: &mut Vm, object: &Value) -> Vec<Rc<str>> {
    let mut names: Vec<Rc<str>> = Vec::new();
    match object {
        Value::Module(module) => names.extend(module.dict.borrow().keys().cloned()),
        Value::Instance(instance) => {
            names.extend(instance.dict.borrow().keys().cloned());
            names.extend(instance.class.dict.borrow().keys().cloned());
            for class in &instance.class.ancestors {
                names.extend(class.dict.borrow().keys().cloned());
            }
        }
        Value::Class(class) => {
            names.extend(class.dict.borrow().keys().cloned());
            for ancestor in &class.ancestors {
                names.extend(ancestor.dict.borrow().keys().cloned());
            }
        }
        other => {
            let class = vm.types.class_of(other);
            names.extend(class.dict.borrow().keys().cloned());
            names.extend(crate::types::method_names(other).into_iter().map(Rc::from));
        }
    }
    names.retain(|n| !n.starts_with('\0') && n.as_ref() != "__new__");
    names.sort();
    names.dedup();
    names
}

fn dir(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "dir", &args, 1, 1)?;
    let names = dir_names(vm, &args.positional[0]);
    Ok(Value::list(names.into_iter().map(Value::Str).collect()))
}

fn exit(vm: &mut Vm, args: Args) -> PyResult {
    let code = args.positional.first().cloned().unwrap_or_default();
    let args = if matches!(code, Value::None) {
        Vec::new()
    } else {
        vec![code]
    };
    Err(Signal::Raise(exceptions::new_exception(
        vm,
        "SystemExit",
        args,
    )))
}

fn object_init(vm: &mut Vm, args: Args) -> PyResult {
    if args.positional.len() > 1 || !args.keywords.is_empty() {
        let class = vm.types.class_of(&args.positional[0]);
        if class
            .lookup("__init__")
            .is_some_and(|i| matches!(i, Value::Builtin(_)))
        {
            let message = format!("{}() takes no arguments", class.name);
            return Err(error(vm, "TypeError", &message));
        }
    }
    Ok(Value::None)
}

fn exception_init(_vm: &mut Vm, args: Args) -> PyResult {
    let mut positional = args.positional.into_iter();
    if let Some(exc) = positional.next() {
        let rest: Vec<Value> = positional.collect();
        exceptions::with_data(&exc, |data| data.args = rest);
    }
    Ok(Value::None)
}

fn new_int(vm: &mut Vm, mut args: Args) -> PyResult {
    if let Some(base) = take_keyword(&mut args, "base") {
        args.positional.push(base);
    }
    arity(vm, "int", &args, 0, 2)?;
    let Some(value) = args.positional.first() else {
        return Ok(Value::Int(0));
    };
    if let Some(base) = args.positional.get(1) {
        let base = as_int(base).and_then(|b| b.to_i64()).unwrap_or(-1);
        let text = match value {
            Value::Str(s) => s.to_string(),
            Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            _ => {
                return Err(error(
                    vm,
                    "TypeError",
                    "int() can't convert non-string with explicit base",
                ));
            }
        };
        if base != 0 && !(2..=36).contains(&base) {
            return Err(error(
                vm,
                "ValueError",
                "int() base must be >= 2 and <= 36, or 0",
            ));
        }
        return parse_int(vm, &text, base as u32);
    }
    match value {
        Value::Int(_) | Value::BigInt(_) => Ok(value.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(x) => {
            if x.is_nan() {
                return Err(error(
                    vm,
                    "ValueError",
                    "cannot convert float NaN to integer",
                ));
            }
            if x.is_infinite() {
                return Err(error(
                    vm,
                    "OverflowError",
                    "cannot convert float infinity to integer",
                ));
            }
            if x.abs() < 9.0e18 {
                return Ok(Value::Int(x.trunc() as i64));
            }
            Ok(BigInt::from_f64(*x).map_or(Value::Int(0), int::from_big))
        }
        Value::Str(s) => parse_int(vm, s, 10),
        Value::Bytes(b) => parse_int(vm, &String::from_utf8_lossy(b), 10),
        other => {
            for name in ["__int__", "__index__", "__trunc__"] {
                if let Some(result) = ops::call_special(vm, other, name, Vec::new())? {
                    return Ok(result);
                }
            }
            let message = format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

fn parse_int(vm: &mut Vm, text: &str, base: u32) -> PyResult {
    if base == 10
        && let Ok(n) = text.trim().parse::<i64>()
        && !text.trim().starts_with('+')
    {
        return Ok(Value::Int(n));
    }
    match BigInt::parse(text, base) {
        Ok(n) => Ok(int::from_big(n)),
        Err(e) => {
            let message = e.message(&repr::repr_str(text));
            Err(error(vm, "ValueError", &message))
        }
    }
}

fn new_float(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "float", &args, 0, 1)?;
    let Some(value) = args.positional.first() else {
        return Ok(Value::Float(0.0));
    };
    match value {
        Value::Float(_) => Ok(value.clone()),
        Value::Str(s) => parse_float(s).map(Value::Float).ok_or_else(|| {
            let message = format!("could not convert string to float: {}", repr::repr_str(s));
            error(vm, "ValueError", &message)
        }),
        other if as_int(other).is_some() => match as_int(other).expect("checked").to_f64() {
            Ok(x) => Ok(Value::Float(x)),
            Err(message) => Err(error(vm, "OverflowError", message)),
        },
        other => {
            if let Some(result) = ops::call_special(vm, other, "__float__", Vec::new())? {
                return Ok(result);
            }
            let message = format!(
                "float() argument must be a string or a real number, not '{}'",
                other.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// Python's float syntax: Rust's, plus `_` between digits and `infinity`/`nan` words.
fn parse_float(text: &str) -> Option<f64> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    let negative = lower.starts_with('-');
    let special = match unsigned {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(x) = special {
        return Some(if negative { -x } else { x });
    }
    if text.contains("__") || text.starts_with('_') || text.ends_with('_') {
        return None;
    }
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    if cleaned
        .chars()
        .any(|c| c.is_ascii_alphabetic() && !matches!(c, 'e' | 'E'))
    {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

fn new_str(vm: &mut Vm, mut args: Args) -> PyResult {
    let encoding = take_keyword(&mut args, "encoding");
    let errors = take_keyword(&mut args, "errors");
    arity(vm, "str", &args, 0, 3)?;
    let Some(value) = args.positional.first() else {
        return Ok(Value::str(""));
    };
    let encoding = encoding.or_else(|| args.positional.get(1).cloned());
    if let (Value::Bytes(_), Some(encoding)) = (value, encoding) {
        let mut decode_args = vec![value.clone(), encoding];
        if let Some(errors) = errors.or_else(|| args.positional.get(2).cloned()) {
            decode_args.push(errors);
        }
        let decode = attr::get_attr(vm, value, "decode")?;
        return call_nested(vm, decode, Args::new(decode_args[1..].to_vec()));
    }
    repr::str(vm, value).map(|s| Value::str(&s))
}

fn new_bool(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "bool", &args, 0, 1)?;
    match args.positional.first() {
        Some(value) => ops::truthy(vm, value).map(Value::Bool),
        None => Ok(Value::Bool(false)),
    }
}

fn new_bytes(vm: &mut Vm, mut args: Args) -> PyResult {
    let encoding = take_keyword(&mut args, "encoding");
    arity(vm, "bytes", &args, 0, 3)?;
    let Some(value) = args.positional.first() else {
        return Ok(Value::Bytes(Rc::from(Vec::new())));
    };
    match value {
        Value::Str(s) => {
            let encoding = encoding.or_else(|| args.positional.get(1).cloned());
            match encoding {
                None => Err(error(
                    vm,
                    "TypeError",
                    "string argument without an encoding",
                )),
                Some(encoding) => {
                    let encode = attr::get_attr(vm, value, "encode")?;
                    let _ = s;
                    call_nested(vm, encode, Args::new(vec![encoding]))
                }
            }
        }
        Value::Bytes(_) => Ok(value.clone()),
        other if as_int(other).is_some() => {
            let n = as_int(other).and_then(|n| n.to_i64()).unwrap_or(-1);
            if n < 0 {
                return Err(error(vm, "ValueError", "negative count"));
            }
            Ok(Value::Bytes(Rc::from(vec![0u8; n as usize])))
        }
        other => {
            let items = iter::collect(vm, other)?;
            let mut bytes = Vec::with_capacity(items.len());
            for item in items {
                match as_int(&item).and_then(|n| n.to_i64()) {
                    Some(n) if (0..256).contains(&n) => bytes.push(n as u8),
                    Some(_) => {
                        return Err(error(vm, "ValueError", "bytes must be in range(0, 256)"));
                    }
                    None => {
                        let message = format!(
                            "'{}' object cannot be interpreted as an integer",
                            item.type_name()
                        );
                        return Err(error(vm, "TypeError", &message));
                    }
                }
            }
            Ok(Value::Bytes(Rc::from(bytes)))
        }
    }
}

fn new_list(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "list", &args, 0, 1)?;
    match args.positional.first() {
        Some(iterable) => iter::collect(vm, iterable).map(Value::list),
        None => Ok(Value::list(Vec::new())),
    }
}

fn new_tuple(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "tuple", &args, 0, 1)?;
    match args.positional.first() {
        Some(Value::Tuple(_)) => Ok(args.positional[0].clone()),
        Some(iterable) => iter::collect(vm, iterable).map(Value::tuple),
        None => Ok(Value::tuple(Vec::new())),
    }
}

fn new_dict(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "dict", &args, 0, 1)?;
    let dict = Value::dict(Default::default());
    if let Some(source) = args.positional.first() {
        update_dict(vm, &dict, source)?;
    }
    for (k, v) in args.keywords {
        ops::set_item(vm, &dict, Value::Str(k), v)?;
    }
    Ok(dict)
}

/// `dict.update(source)`: a mapping, or an iterable of pairs.
pub fn update_dict(vm: &mut Vm, dict: &Value, source: &Value) -> PyResult<()> {
    let is_mapping =
        matches!(source, Value::Dict(_)) || attr::try_get_attr(vm, source, "keys")?.is_some();
    if is_mapping {
        return ops::dict_update(vm, dict, source, false);
    }
    let items = iter::collect(vm, source)?;
    for (i, item) in items.into_iter().enumerate() {
        let pair = match iter::collect(vm, &item) {
            Ok(pair) => pair,
            Err(_) => {
                let message =
                    format!("cannot convert dictionary update sequence element #{i} to a sequence");
                return Err(error(vm, "TypeError", &message));
            }
        };
        if pair.len() != 2 {
            let message = format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            );
            return Err(error(vm, "ValueError", &message));
        }
        let mut pair = pair.into_iter();
        let (k, v) = (pair.next().expect("two"), pair.next().expect("two"));
        ops::set_item(vm, dict, k, v)?;
    }
    Ok(())
}

fn new_set(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "set", &args, 0, 1)?;
    let items = match args.positional.first() {
        Some(iterable) => iter::collect(vm, iterable)?,
        None => Vec::new(),
    };
    ops::new_set(vm, items)
}

fn new_frozenset(vm: &mut Vm, args: Args) -> PyResult {
    let set = new_set(vm, args)?;
    match set {
        Value::Set(set) => Ok(Value::FrozenSet(Rc::new(set.borrow().clone()))),
        other => Ok(other),
    }
}

fn new_range(vm: &mut Vm, args: Args) -> PyResult {
    no_keywords(vm, "range", &args)?;
    if args.positional.is_empty() || args.positional.len() > 3 {
        let n = args.positional.len();
        let message = if n == 0 {
            "range expected at least 1 argument, got 0".to_owned()
        } else {
            format!("range expected at most 3 arguments, got {n}")
        };
        return Err(error(vm, "TypeError", &message));
    }
    let mut numbers = Vec::new();
    for value in &args.positional {
        match as_int(value).and_then(|n| n.to_i64()) {
            Some(n) => numbers.push(n),
            None => {
                let message = format!(
                    "'{}' object cannot be interpreted as an integer",
                    value.type_name()
                );
                return Err(error(vm, "TypeError", &message));
            }
        }
    }
    let (start, stop, step) = match numbers.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => unreachable!("checked above"),
    };
    if step == 0 {
        return Err(error(vm, "ValueError", "range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(crate::value::Range {
        start,
        stop,
        step,
    })))
}

/// The class of a value, with the `collections` classes of flavoured dicts.
pub fn type_of(vm: &mut Vm, value: &Value) -> std::rc::Rc<crate::value::Class> {
    if let Value::Dict(dict) = value {
        let flavor = dict.borrow().flavor.clone();
        if let Some(class) = crate::modules::collections::flavor_class(vm, &flavor) {
            return class;
        }
    }
    vm.types.class_of(value)
}

fn new_type(vm: &mut Vm, args: Args) -> PyResult {
    match args.positional.len() {
        1 => Ok(Value::Class(type_of(vm, &args.positional[0]))),
        _ => Err(error(vm, "TypeError", "type() takes 1 or 3 arguments")),
    }
}

fn new_property(vm: &mut Vm, mut args: Args) -> PyResult {
    let named = |args: &mut Args, name: &str, i: usize| -> Option<Value> {
        take_keyword(args, name)
            .or_else(|| args.positional.get(i).cloned())
            .filter(|v| !matches!(v, Value::None))
    };
    let fget = named(&mut args, "fget", 0);
    let fset = named(&mut args, "fset", 1);
    let fdel = named(&mut args, "fdel", 2);
    let _ = vm;
    Ok(Value::Descriptor(Rc::new(Descriptor::Property {
        fget,
        fset,
        fdel,
    })))
}

/// `prop.setter`, `prop.getter` and `prop.deleter`: a copy with one function replaced.
pub fn property_method(name: &str) -> NativeFn {
    fn replace(args: &Args, which: usize) -> PyResult {
        let (Some(Value::Descriptor(property)), Some(function)) =
            (args.positional.first(), args.positional.get(1))
        else {
            return Ok(Value::None);
        };
        let Descriptor::Property { fget, fset, fdel } = property.as_ref() else {
            return Ok(Value::None);
        };
        let (mut fget, mut fset, mut fdel) = (fget.clone(), fset.clone(), fdel.clone());
        let slot = match which {
            0 => &mut fget,
            1 => &mut fset,
            _ => &mut fdel,
        };
        *slot = Some(function.clone());
        Ok(Value::Descriptor(Rc::new(Descriptor::Property {
            fget,
            fset,
            fdel,
        })))
    }
    fn getter(_vm: &mut Vm, args: Args) -> PyResult {
        replace(&args, 0)
    }
    fn setter(_vm: &mut Vm, args: Args) -> PyResult {
        replace(&args, 1)
    }
    fn deleter(_vm: &mut Vm, args: Args) -> PyResult {
        replace(&args, 2)
    }
    match name {
        "getter" => getter,
        "setter" => setter,
        _ => deleter,
    }
}

fn new_staticmethod(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "staticmethod", &args, 1, 1)?;
    Ok(Value::Descriptor(Rc::new(Descriptor::StaticMethod(
        args.positional[0].clone(),
    ))))
}

fn new_classmethod(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "classmethod", &args, 1, 1)?;
    Ok(Value::Descriptor(Rc::new(Descriptor::ClassMethod(
        args.positional[0].clone(),
    ))))
}

/// `super(class, object)`; the compiler turns a bare `super()` in a method into this.
fn new_super(vm: &mut Vm, args: Args) -> PyResult {
    match args.positional.as_slice() {
        [Value::Class(class), object] => Ok(Value::Descriptor(Rc::new(Descriptor::Super {
            class: class.clone(),
            object: object.clone(),
        }))),
        [] => Err(error(vm, "RuntimeError", "super(): no arguments")),
        _ => Err(error(vm, "TypeError", "super() argument 1 must be a type")),
    }
}

fn new_slice(vm: &mut Vm, args: Args) -> PyResult {
    arity(vm, "slice", &args, 1, 3)?;
    let p = &args.positional;
    let parts = match p.len() {
        1 => [Value::None, p[0].clone(), Value::None],
        2 => [p[0].clone(), p[1].clone(), Value::None],
        _ => [p[0].clone(), p[1].clone(), p[2].clone()],
    };
    Ok(Value::Slice(Rc::new(parts)))
}
