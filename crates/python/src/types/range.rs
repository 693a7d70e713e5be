//! The methods and attributes of `range` and `slice`.

use std::rc::Rc;

use super::{Method, Signature, index_arg, same};
use crate::value::{Range, Value};
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::int::as_int;
use crate::vm::native::{Args, PyResult};
use crate::vm::{ops, repr};

/// The methods of range, by name.
pub(super) const RANGE_METHODS: &[Method] = &[
    Method::of_object("count", count),
    Method::of_object("index", index),
];

/// The methods of slice, by name.
pub(super) const SLICE_METHODS: &[Method] = &[Method::of_object("indices", indices)];

/// `range.start`, `range.stop`, `range.step`, and the same of a slice.
pub(super) fn attribute(object: &Value, name: &str) -> Option<Value> {
    let at = ["start", "stop", "step"].iter().position(|n| *n == name)?;
    match object {
        Value::Range(range) => Some(Value::Int([range.start, range.stop, range.step][at])),
        Value::Slice(parts) => Some(parts[at].clone()),
        _ => None,
    }
}

/// The range a method was called on, and its argument.
fn bind(vm: &mut Vm, args: Args, sig: &Signature) -> PyResult<(Rc<Range>, Value)> {
    let (this, [x]) = sig.bind(vm, args)?;
    match this {
        Value::Range(range) => Ok((range, x.expect("required"))),
        other => Err(sig.wrong_object(vm, &other)),
    }
}

/// The position of `x` in `range`: ints are placed by arithmetic, anything else is
/// compared with each item, as `sequence.index` would.
fn position(vm: &mut Vm, range: &Range, x: &Value) -> PyResult<Option<i64>> {
    if let Some(n) = as_int(x) {
        let inside =
            n.to_i64().is_some() && ops::contains(vm, &Value::Range(Rc::new(range.clone())), x)?;
        return Ok(inside.then(|| (n.to_i64().unwrap_or_default() - range.start) / range.step));
    }
    for i in 0..range.len() {
        if same(vm, &Value::Int(range.get(i)), x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// `range.count(x)`: 1 if `x` is in the range, else 0.
fn count(vm: &mut Vm, args: Args) -> PyResult {
    let (range, x) = bind(vm, args, &Signature::one("range", "count"))?;
    if as_int(&x).is_some() {
        return Ok(Value::Int(i64::from(position(vm, &range, &x)?.is_some())));
    }
    let mut n = 0;
    for i in 0..range.len() {
        if same(vm, &Value::Int(range.get(i)), &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// `range.index(x)`: the position of `x` in the range.
fn index(vm: &mut Vm, args: Args) -> PyResult {
    let (range, x) = bind(vm, args, &Signature::one("range", "index"))?;
    match position(vm, &range, &x)? {
        Some(i) => Ok(Value::Int(i)),
        None if as_int(&x).is_some() => {
            let message = format!("{} is not in range", repr::repr(vm, &x)?);
            Err(error(vm, "ValueError", &message))
        }
        None => Err(error(
            vm,
            "ValueError",
            "sequence.index(x): x not in sequence",
        )),
    }
}

/// `slice.indices(length)`: the start, stop and step the slice selects in a sequence
/// of `length` items.
fn indices(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::one("slice", "indices");
    let (this, [length]) = sig.bind(vm, args)?;
    let Value::Slice(parts) = &this else {
        return Err(sig.wrong_object(vm, &this));
    };
    let length = index_arg(vm, &length.expect("required"))?;
    if length < 0 {
        return Err(error(vm, "ValueError", "length should not be negative"));
    }
    let (start, stop, step) = ops::slice_indices(vm, parts, length)?;
    Ok(Value::tuple(vec![
        Value::Int(start),
        Value::Int(stop),
        Value::Int(step),
    ]))
}
