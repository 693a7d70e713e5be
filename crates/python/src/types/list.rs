//! The methods of `list`.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Form, Method, Signature, flag_arg, index_arg, position_in, same};
use crate::value::Value;
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::native::{Args, PyResult};
use crate::vm::{iter, repr};

type List = Rc<RefCell<Vec<Value>>>;

/// The methods of list, by name (sorted, for the lookup's binary search).
pub(super) const METHODS: &[Method] = &[
    Method::of_object("append", append),
    Method::of_object("clear", clear),
    Method::of_object("copy", copy),
    Method::of_object("count", count),
    Method::of_object("extend", extend),
    Method::of_object("index", index),
    Method::of_object("insert", insert),
    Method::of_object("pop", pop),
    Method::of_object("remove", remove),
    Method::of_object("reverse", reverse),
    Method::of_object("sort", sort),
];

/// The list a method was called on, and its arguments.
fn bind<const N: usize>(
    vm: &mut Vm,
    args: Args,
    sig: &Signature,
) -> PyResult<(List, [Option<Value>; N])> {
    let (this, values) = sig.bind(vm, args)?;
    match this {
        Value::List(list) => Ok((list, values)),
        other => Err(sig.wrong_object(vm, &other)),
    }
}

/// `list.append(x)`: `x` added at the end.
fn append(vm: &mut Vm, args: Args) -> PyResult {
    let (list, [x]) = bind(vm, args, &Signature::one("list", "append"))?;
    list.borrow_mut().push(x.expect("required"));
    Ok(Value::None)
}

/// `list.extend(iterable)`: every item of `iterable` added at the end.
fn extend(vm: &mut Vm, args: Args) -> PyResult {
    let (list, [iterable]) = bind(vm, args, &Signature::one("list", "extend"))?;
    let items = iter::collect(vm, &iterable.expect("required"))?;
    list.borrow_mut().extend(items);
    Ok(Value::None)
}

/// `list.insert(i, x)`: `x` put before position `i` (clamped to the list, negative
/// from the end).
fn insert(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional("list", "insert", Form::Counted, &["index", "object"], 2);
    let (list, [i, x]) = bind(vm, args, &sig)?;
    let i = index_arg(vm, &i.expect("required"))?;
    let len = list.borrow().len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    list.borrow_mut().insert(at as usize, x.expect("required"));
    Ok(Value::None)
}

/// `list.remove(x)`: the first item equal to `x` taken out.
fn remove(vm: &mut Vm, args: Args) -> PyResult {
    let (list, [x]) = bind(vm, args, &Signature::one("list", "remove"))?;
    let x = x.expect("required");
    let items = list.borrow().clone();
    for (i, item) in items.iter().enumerate() {
        if same(vm, item, &x)? {
            let mut list = list.borrow_mut();
            if i < list.len() {
                list.remove(i);
            }
            return Ok(Value::None);
        }
    }
    Err(error(vm, "ValueError", "list.remove(x): x not in list"))
}

/// `list.pop([i])`: the item at `i` (the last by default), taken out.
fn pop(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional("list", "pop", Form::Counted, &["index"], 0);
    let (list, [i]) = bind(vm, args, &sig)?;
    let i = match i {
        Some(i) => index_arg(vm, &i)?,
        None => -1,
    };
    let len = list.borrow().len() as i64;
    if len == 0 {
        return Err(error(vm, "IndexError", "pop from empty list"));
    }
    let at = if i < 0 { i + len } else { i };
    if !(0..len).contains(&at) {
        return Err(error(vm, "IndexError", "pop index out of range"));
    }
    Ok(list.borrow_mut().remove(at as usize))
}

/// `list.clear()`: every item taken out.
fn clear(vm: &mut Vm, args: Args) -> PyResult {
    let (list, []) = bind(vm, args, &Signature::no_args("list", "clear"))?;
    let items = std::mem::take(&mut *list.borrow_mut());
    drop(items);
    Ok(Value::None)
}

/// `list.copy()`: a new list of the same items.
fn copy(vm: &mut Vm, args: Args) -> PyResult {
    let (list, []) = bind(vm, args, &Signature::no_args("list", "copy"))?;
    let items = list.borrow().clone();
    Ok(Value::list(items))
}

/// `list.count(x)`: how many items equal `x`.
fn count(vm: &mut Vm, args: Args) -> PyResult {
    let (list, [x]) = bind(vm, args, &Signature::one("list", "count"))?;
    let x = x.expect("required");
    let items = list.borrow().clone();
    let mut n = 0;
    for item in &items {
        if same(vm, item, &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// `list.index(x[, start[, stop]])`: the position of the first item equal to `x`.
fn index(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional(
        "list",
        "index",
        Form::Counted,
        &["value", "start", "stop"],
        1,
    );
    let (list, [x, start, stop]) = bind(vm, args, &sig)?;
    let x = x.expect("required");
    let items = list.borrow().clone();
    match position_in(vm, &items, &x, start.as_ref(), stop.as_ref())? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let message = format!("{} is not in list", repr::repr(vm, &x)?);
            Err(error(vm, "ValueError", &message))
        }
    }
}

/// `list.reverse()`: the items in reverse order, in place.
fn reverse(vm: &mut Vm, args: Args) -> PyResult {
    let (list, []) = bind(vm, args, &Signature::no_args("list", "reverse"))?;
    list.borrow_mut().reverse();
    Ok(Value::None)
}

/// `list.sort(*, key=None, reverse=False)`: sorted in place, stably, by `key(item)`
/// when a key is given.
fn sort(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature {
        form: Form::Keywords { positional: 0 },
        ..Signature::keywords("list", "sort", &["key", "reverse"], 0)
    };
    let (list, [key, reverse]) = bind(vm, args, &sig)?;
    let key = key.filter(|k| !matches!(k, Value::None));
    let reverse = flag_arg(vm, reverse.as_ref())?;
    let items = list.borrow().clone();
    let sorted = crate::builtins::sort_values(vm, items, key, reverse)?;
    *list.borrow_mut() = sorted;
    Ok(Value::None)
}
