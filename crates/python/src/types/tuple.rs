//! The methods of `tuple`.

use super::{Form, Method, Signature, position_in, same};
use crate::value::Value;
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::native::{Args, PyResult};

/// A tuple's items.
type Items = std::rc::Rc<[Value]>;

/// The methods of tuple, by name (sorted, for the lookup's binary search).
pub(super) const METHODS: &[Method] = &[
    Method::of_object("count", count),
    Method::of_object("index", index),
];

/// The tuple a method was called on, and its arguments.
fn bind<const N: usize>(
    vm: &mut Vm,
    args: Args,
    sig: &Signature,
) -> PyResult<(Items, [Option<Value>; N])> {
    let (this, values) = sig.bind(vm, args)?;
    match this {
        Value::Tuple(items) => Ok((items, values)),
        other => Err(sig.wrong_object(vm, &other)),
    }
}

/// `tuple.count(x)`: how many items equal `x`.
fn count(vm: &mut Vm, args: Args) -> PyResult {
    let (items, [x]) = bind(vm, args, &Signature::one("tuple", "count"))?;
    let x = x.expect("required");
    let mut n = 0;
    for item in items.iter() {
        if same(vm, item, &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// `tuple.index(x[, start[, stop]])`: the position of the first item equal to `x`.
fn index(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional(
        "tuple",
        "index",
        Form::Counted,
        &["value", "start", "stop"],
        1,
    );
    let (items, [x, start, stop]) = bind(vm, args, &sig)?;
    match position_in(
        vm,
        &items,
        &x.expect("required"),
        start.as_ref(),
        stop.as_ref(),
    )? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(error(vm, "ValueError", "tuple.index(x): x not in tuple")),
    }
}
