//! Operators: truth, arithmetic, comparison, subscripts and unpacking, for the builtin
//! types directly and for classes through their special methods.

use std::cmp::Ordering;
use std::rc::Rc;

use super::Vm;
use super::attr;
use super::eval::call_nested;
use super::exceptions::error;
use super::int::{self, IntError, as_int};
use super::iter;
use super::native::{Args, PyResult, Signal};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::{DictFlavor, Key, Set, Value, container_of};

/// Calls `name` on `object`'s class with `args`, if the class defines it.
pub fn call_special(
    vm: &mut Vm,
    object: &Value,
    name: &str,
    args: Vec<Value>,
) -> PyResult<Option<Value>> {
    if !matches!(object, Value::Instance(_) | Value::Native(_)) {
        return Ok(None);
    }
    let class = vm.types.class_of(object);
    let Some(method) = class.lookup(name) else {
        return Ok(None);
    };
    let mut positional = vec![object.clone()];
    positional.extend(args);
    call_nested(vm, method, Args::new(positional)).map(Some)
}

/// `bool(value)`.
pub fn truthy(vm: &mut Vm, value: &Value) -> PyResult<bool> {
    Ok(match value {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(n) => *n != 0,
        Value::BigInt(_) => true,
        Value::Float(x) => *x != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::Bytes(b) => !b.is_empty(),
        Value::List(items) => !items.borrow().is_empty(),
        Value::Tuple(items) => !items.is_empty(),
        Value::Dict(dict) => !dict.borrow().is_empty(),
        Value::Set(set) => !set.borrow().is_empty(),
        Value::FrozenSet(set) => !set.is_empty(),
        Value::Range(range) => !range.is_empty(),
        Value::Instance(_) | Value::Native(_) => {
            if let Some(result) = call_special(vm, value, "__bool__", Vec::new())? {
                return match result {
                    Value::Bool(b) => Ok(b),
                    other => {
                        let message = format!(
                            "__bool__ should return bool, returned {}",
                            other.type_name()
                        );
                        Err(error(vm, "TypeError", &message))
                    }
                };
            }
            match call_special(vm, value, "__len__", Vec::new())? {
                Some(length) => truthy(vm, &length)?,
                None => match container_of(value) {
                    Some(inner) => truthy(vm, &inner)?,
                    None => true,
                },
            }
        }
        _ => true,
    })
}

fn float_of(value: &Value) -> Option<f64> {
    match value {
        Value::Float(x) => Some(*x),
        _ => None,
    }
}

/// The special method names of a binary operator: the method, its reflection, and the
/// in-place form.
fn special_names(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mult => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
    }
}

/// `left op right` (`left op= right` when `inplace`).
pub fn binary(vm: &mut Vm, op: BinOp, left: &Value, right: &Value, inplace: bool) -> PyResult {
    if let (Value::Bool(a), Value::Bool(b)) = (left, right)
        && matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor)
    {
        return Ok(Value::Bool(match op {
            BinOp::BitAnd => a & b,
            BinOp::BitOr => a | b,
            _ => a ^ b,
        }));
    }
    if let (Some(a), Some(b)) = (as_int(left), as_int(right)) {
        return int_binary(vm, op, a, b);
    }
    if let Some(result) = builtin_binary(vm, op, left, right, inplace)? {
        return Ok(result);
    }
    let (method, reflected, inplace_method) = special_names(op);
    if inplace
        && let Some(result) = call_special(vm, left, inplace_method, vec![right.clone()])?
        && !matches!(result, Value::NotImplemented)
    {
        return Ok(result);
    }
    if let Some(result) = call_special(vm, left, method, vec![right.clone()])?
        && !matches!(result, Value::NotImplemented)
    {
        return Ok(result);
    }
    if let Some(result) = call_special(vm, right, reflected, vec![left.clone()])?
        && !matches!(result, Value::NotImplemented)
    {
        return Ok(result);
    }
    Err(unsupported(vm, op, left, right, inplace))
}

fn unsupported(vm: &mut Vm, op: BinOp, left: &Value, right: &Value, inplace: bool) -> Signal {
    let symbol = match (op, inplace) {
        (BinOp::Pow, true) => "**=".to_owned(),
        (op, true) => format!("{}=", op.symbol()),
        (op, false) => op.symbol().to_owned(),
    };
    let message = match (op, left) {
        (BinOp::Add, Value::Str(_)) => {
            format!(
                "can only concatenate str (not \"{}\") to str",
                right.type_name()
            )
        }
        (BinOp::Add, Value::Bytes(_)) if !inplace => {
            format!("can't concat {} to bytes", right.type_name())
        }
        (BinOp::Add, Value::List(_)) if !matches!(right, Value::List(_)) => format!(
            "can only concatenate list (not \"{}\") to list",
            right.type_name()
        ),
        (BinOp::Add, Value::Tuple(_)) if !matches!(right, Value::Tuple(_)) => format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            right.type_name()
        ),
        (BinOp::Mult, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_))
            if matches!(
                right,
                Value::Float(_) | Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::None
            ) =>
        {
            format!(
                "can't multiply sequence by non-int of type '{}'",
                right.type_name()
            )
        }
        _ => format!(
            "unsupported operand type(s) for {symbol}: '{}' and '{}'",
            left.type_name(),
            right.type_name()
        ),
    };
    error(vm, "TypeError", &message)
}

fn int_binary(vm: &mut Vm, op: BinOp, a: int::IntRef, b: int::IntRef) -> PyResult {
    if op == BinOp::Div {
        return match int::true_divide(&a, &b) {
            Ok(x) => Ok(Value::Float(x)),
            Err(e) => Err(int_error(vm, e)),
        };
    }
    if op == BinOp::Pow && b.is_negative() {
        // An int to a negative power is a float.
        let (x, y) = match (a.to_f64(), b.to_f64()) {
            (Ok(x), Ok(y)) => (x, y),
            _ => {
                return Err(error(
                    vm,
                    "OverflowError",
                    "int too large to convert to float",
                ));
            }
        };
        return float_binary(vm, BinOp::Pow, x, y);
    }
    int::binary(op, a, b).map_err(|e| int_error(vm, e))
}

fn int_error(vm: &mut Vm, e: IntError) -> Signal {
    match e {
        IntError::ZeroDivision(message) => error(vm, "ZeroDivisionError", message),
        IntError::NegativeShift => error(vm, "ValueError", "negative shift count"),
        IntError::Overflow(message) => error(vm, "OverflowError", message),
        IntError::NegativePower => error(vm, "ValueError", "negative power"),
    }
}

/// A number as a float, for mixed arithmetic.
fn to_float(vm: &mut Vm, value: &Value) -> PyResult<Option<f64>> {
    if let Some(x) = float_of(value) {
        return Ok(Some(x));
    }
    match as_int(value) {
        Some(n) => match n.to_f64() {
            Ok(x) => Ok(Some(x)),
            Err(message) => Err(error(vm, "OverflowError", message)),
        },
        None => Ok(None),
    }
}

/// Python's float `%`: the sign of the divisor.
pub fn float_mod(a: f64, b: f64) -> f64 {
    let r = a % b;
    if r != 0.0 && ((b < 0.0) != (r < 0.0)) {
        r + b
    } else if r == 0.0 {
        0.0_f64.copysign(b)
    } else {
        r
    }
}

/// Python's float `//`.
pub fn float_floor_div(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let floor = div.floor();
        if div - floor > 0.5 {
            floor + 1.0
        } else {
            floor
        }
    } else {
        0.0_f64.copysign(a / b)
    }
}

fn float_binary(vm: &mut Vm, op: BinOp, a: f64, b: f64) -> PyResult {
    let value = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mult => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(error(vm, "ZeroDivisionError", "float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(error(
                    vm,
                    "ZeroDivisionError",
                    "float floor division by zero",
                ));
            }
            float_floor_div(a, b)
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(error(vm, "ZeroDivisionError", "float modulo"));
            }
            float_mod(a, b)
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(error(
                    vm,
                    "ZeroDivisionError",
                    "0.0 cannot be raised to a negative power",
                ));
            }
            if a < 0.0 && b.fract() != 0.0 {
                return Err(error(
                    vm,
                    "ValueError",
                    "complex results are not modelled: a negative number raised to a fractional power",
                ));
            }
            let result = a.powf(b);
            if result.is_infinite() && a.is_finite() && b.is_finite() {
                return Err(error(
                    vm,
                    "OverflowError",
                    "(34, 'Numerical result out of range')",
                ));
            }
            result
        }
        _ => return Ok(Value::NotImplemented),
    };
    Ok(Value::Float(value))
}

/// The builtin types' operators; None when neither side is a builtin that knows `op`.
fn builtin_binary(
    vm: &mut Vm,
    op: BinOp,
    left: &Value,
    right: &Value,
    inplace: bool,
) -> PyResult<Option<Value>> {
    let is_number = |v: &Value| matches!(v, Value::Float(_)) || as_int(v).is_some();
    if is_number(left)
        && is_number(right)
        && let (Some(a), Some(b)) = (to_float(vm, left)?, to_float(vm, right)?)
    {
        let result = float_binary(vm, op, a, b)?;
        return Ok((!matches!(result, Value::NotImplemented)).then_some(result));
    }
    Ok(match (op, left, right) {
        (BinOp::Add, Value::Str(a), Value::Str(b)) => {
            let mut s = String::with_capacity(a.len() + b.len());
            s.push_str(a);
            s.push_str(b);
            Some(Value::Str(Rc::from(s)))
        }
        (BinOp::Add, Value::Bytes(a), Value::Bytes(b)) => {
            Some(Value::Bytes(Rc::from([a.as_ref(), b.as_ref()].concat())))
        }
        (BinOp::Add, Value::List(a), Value::List(b)) if inplace => {
            let extra = b.borrow().clone();
            a.borrow_mut().extend(extra);
            Some(left.clone())
        }
        (BinOp::Add, Value::List(a), _) if inplace => match iter::collect(vm, right) {
            Ok(items) => {
                a.borrow_mut().extend(items);
                Some(left.clone())
            }
            Err(_) => {
                let message = format!("'{}' object is not iterable", right.type_name());
                return Err(error(vm, "TypeError", &message));
            }
        },
        (BinOp::Add, Value::List(a), Value::List(b)) => {
            let mut items = a.borrow().clone();
            items.extend(b.borrow().iter().cloned());
            Some(Value::list(items))
        }
        (BinOp::Add, Value::Tuple(a), Value::Tuple(b)) => {
            Some(Value::tuple(a.iter().chain(b.iter()).cloned().collect()))
        }
        (BinOp::Mult, Value::Str(_) | Value::Bytes(_) | Value::List(_) | Value::Tuple(_), _)
            if as_int(right).is_some() =>
        {
            Some(repeat(vm, left, right, inplace)?)
        }
        (BinOp::Mult, _, Value::Str(_) | Value::Bytes(_) | Value::List(_) | Value::Tuple(_))
            if as_int(left).is_some() =>
        {
            Some(repeat(vm, right, left, false)?)
        }
        (BinOp::Mod, Value::Str(format), _) => {
            Some(crate::builtins::format::percent_str(vm, format, right)?)
        }
        (BinOp::Mod, Value::Bytes(format), _) => {
            Some(crate::builtins::format::percent_bytes(vm, format, right)?)
        }
        (_, Value::Dict(a), Value::Dict(b))
            if matches!(a.borrow().flavor, DictFlavor::Counter)
                && matches!(b.borrow().flavor, DictFlavor::Counter)
                && matches!(op, BinOp::Add | BinOp::Sub | BinOp::BitAnd | BinOp::BitOr) =>
        {
            Some(crate::modules::collections::counter_arithmetic(
                vm, op, a, b,
            )?)
        }
        (BinOp::BitOr, Value::Dict(a), Value::Dict(b)) => {
            let mut merged = a.borrow().entries.clone();
            for (k, v) in b.borrow().iter() {
                merged.insert(k.clone(), v.clone());
            }
            if inplace {
                a.borrow_mut().entries = merged;
                Some(left.clone())
            } else {
                Some(Value::dict(merged))
            }
        }
        (
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            Value::Set(_) | Value::FrozenSet(_),
            Value::Set(_) | Value::FrozenSet(_),
        ) => {
            let a = set_items(left);
            let b = set_items(right);
            let result: Set = match op {
                BinOp::BitOr => a.union(&b).cloned().collect(),
                BinOp::BitAnd => a.intersection(&b).cloned().collect(),
                BinOp::Sub => a.difference(&b).cloned().collect(),
                _ => a.symmetric_difference(&b).cloned().collect(),
            };
            if inplace && let Value::Set(set) = left {
                *set.borrow_mut() = result;
                Some(left.clone())
            } else if matches!(left, Value::FrozenSet(_)) {
                Some(Value::FrozenSet(Rc::new(result)))
            } else {
                Some(Value::Set(Rc::new(std::cell::RefCell::new(result))))
            }
        }
        _ => None,
    })
}

fn set_items(value: &Value) -> Set {
    match value {
        Value::Set(set) => set.borrow().clone(),
        Value::FrozenSet(set) => (**set).clone(),
        _ => Set::default(),
    }
}

/// `sequence * n`.
fn repeat(vm: &mut Vm, sequence: &Value, count: &Value, inplace: bool) -> PyResult {
    let n = match as_int(count).and_then(|n| n.to_i64()) {
        Some(n) => n.max(0) as usize,
        None => {
            return Err(error(
                vm,
                "OverflowError",
                "cannot fit 'int' into an index-sized integer",
            ));
        }
    };
    let length = match sequence {
        Value::Str(s) => s.len(),
        Value::Bytes(b) => b.len(),
        Value::List(items) => items.borrow().len(),
        Value::Tuple(items) => items.len(),
        _ => 0,
    };
    if length.saturating_mul(n) > 1 << 31 {
        return Err(Signal::Raise(super::exceptions::new_exception(
            vm,
            "MemoryError",
            Vec::new(),
        )));
    }
    Ok(match sequence {
        Value::Str(s) => Value::Str(Rc::from(s.repeat(n))),
        Value::Bytes(b) => Value::Bytes(Rc::from(b.repeat(n))),
        Value::List(items) if inplace => {
            let copy = items.borrow().clone();
            let mut list = items.borrow_mut();
            list.clear();
            for _ in 0..n {
                list.extend(copy.iter().cloned());
            }
            sequence.clone()
        }
        Value::List(items) => Value::list(repeat_items(&items.borrow(), n)),
        Value::Tuple(items) => Value::tuple(repeat_items(items, n)),
        _ => unreachable!("only sequences repeat"),
    })
}

/// `-x`, `+x`, `~x`, `not x`.
pub fn unary(vm: &mut Vm, op: UnaryOp, operand: &Value) -> PyResult {
    if op == UnaryOp::Not {
        return Ok(Value::Bool(!truthy(vm, operand)?));
    }
    if let Some(n) = as_int(operand) {
        return Ok(match op {
            UnaryOp::USub => match n {
                int::IntRef::Small(x) => match x.checked_neg() {
                    Some(y) => Value::Int(y),
                    None => int::from_big(-&n.to_big()),
                },
                int::IntRef::Big(b) => int::from_big(-b),
            },
            UnaryOp::UAdd => match n {
                int::IntRef::Small(x) => Value::Int(x),
                int::IntRef::Big(b) => Value::BigInt(Rc::new(b.clone())),
            },
            _ => match n {
                int::IntRef::Small(x) => Value::Int(!x),
                int::IntRef::Big(b) => int::from_big(!b),
            },
        });
    }
    if let Value::Dict(counter) = operand
        && matches!(counter.borrow().flavor, DictFlavor::Counter)
        && matches!(op, UnaryOp::UAdd | UnaryOp::USub)
    {
        // `+c` keeps the positive counts, `-c` negates the negative ones: arithmetic
        // with an empty Counter.
        let empty = std::rc::Rc::new(std::cell::RefCell::new(crate::value::DictObject {
            entries: Default::default(),
            flavor: DictFlavor::Counter,
        }));
        return match op {
            UnaryOp::UAdd => {
                crate::modules::collections::counter_arithmetic(vm, BinOp::Add, counter, &empty)
            }
            _ => crate::modules::collections::counter_arithmetic(vm, BinOp::Sub, &empty, counter),
        };
    }
    if let Value::Float(x) = operand {
        match op {
            UnaryOp::USub => return Ok(Value::Float(-x)),
            UnaryOp::UAdd => return Ok(Value::Float(*x)),
            _ => {}
        }
    }
    let name = match op {
        UnaryOp::USub => "__neg__",
        UnaryOp::UAdd => "__pos__",
        _ => "__invert__",
    };
    if let Some(result) = call_special(vm, operand, name, Vec::new())? {
        return Ok(result);
    }
    let symbol = match op {
        UnaryOp::USub => "unary -",
        UnaryOp::UAdd => "unary +",
        _ => "unary ~",
    };
    let message = format!("bad operand type for {symbol}: '{}'", operand.type_name());
    Err(error(vm, "TypeError", &message))
}

/// `left op right` for a comparison operator.
pub fn compare(vm: &mut Vm, op: CmpOp, left: &Value, right: &Value) -> PyResult {
    Ok(Value::Bool(match op {
        CmpOp::Is => left.is(right),
        CmpOp::IsNot => !left.is(right),
        CmpOp::In => contains(vm, right, left)?,
        CmpOp::NotIn => !contains(vm, right, left)?,
        CmpOp::Eq => return rich_eq(vm, left, right, false),
        CmpOp::NotEq => return rich_eq(vm, left, right, true),
        _ => return order(vm, op, left, right),
    }))
}

fn rich_eq(vm: &mut Vm, left: &Value, right: &Value, negate: bool) -> PyResult {
    let (name, reflected) = if negate {
        ("__ne__", "__ne__")
    } else {
        ("__eq__", "__eq__")
    };
    if matches!(left, Value::Instance(_) | Value::Native(_)) {
        if let Some(result) = call_special(vm, left, name, vec![right.clone()])?
            && !matches!(result, Value::NotImplemented)
        {
            return Ok(result);
        }
        if negate
            && let Some(result) = call_special(vm, left, "__eq__", vec![right.clone()])?
            && !matches!(result, Value::NotImplemented)
        {
            return Ok(Value::Bool(!truthy(vm, &result)?));
        }
    }
    if matches!(right, Value::Instance(_) | Value::Native(_))
        && let Some(result) = call_special(vm, right, reflected, vec![left.clone()])?
        && !matches!(result, Value::NotImplemented)
    {
        return Ok(result);
    }
    Ok(Value::Bool(equals(vm, left, right)? != negate))
}

/// `left == right`.
pub fn equals(vm: &mut Vm, left: &Value, right: &Value) -> PyResult<bool> {
    if let (Some(a), Some(b)) = (as_int(left), as_int(right)) {
        return Ok(int::compare(&a, &b) == Ordering::Equal);
    }
    Ok(match (left, right) {
        (Value::Float(a), Value::Float(b)) => a == b,
        (Value::Float(x), other) | (other, Value::Float(x)) if as_int(other).is_some() => {
            int::compare_float(&as_int(other).expect("checked"), *x) == Some(Ordering::Equal)
        }
        (Value::Str(a), Value::Str(b)) => a == b,
        (Value::Bytes(a), Value::Bytes(b)) => a == b,
        (Value::List(a), Value::List(b)) => {
            if Rc::ptr_eq(a, b) {
                return Ok(true);
            }
            let (a, b) = (a.borrow().clone(), b.borrow().clone());
            sequences_equal(vm, &a, &b)?
        }
        (Value::Tuple(a), Value::Tuple(b)) => sequences_equal(vm, a, b)?,
        (Value::Dict(a), Value::Dict(b)) => {
            let (a, b) = (a.borrow().entries.clone(), b.borrow().entries.clone());
            if a.len() != b.len() {
                return Ok(false);
            }
            for (key, value) in &a {
                match b.get(key) {
                    Some(other) => {
                        if !equals_or_is(vm, value, other)? {
                            return Ok(false);
                        }
                    }
                    None => return Ok(false),
                }
            }
            true
        }
        (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
            let (a, b) = (set_items(left), set_items(right));
            a.len() == b.len() && a.iter().all(|k| b.contains(k))
        }
        (Value::Range(a), Value::Range(b)) => {
            a.len() == b.len()
                && (a.is_empty() || (a.start == b.start && (a.len() == 1 || a.step == b.step)))
        }
        (Value::Instance(_) | Value::Native(_), _) | (_, Value::Instance(_) | Value::Native(_)) => {
            match call_special(vm, left, "__eq__", vec![right.clone()])? {
                Some(result) if !matches!(result, Value::NotImplemented) => truthy(vm, &result)?,
                _ => match (container_of(left), container_of(right)) {
                    (Some(a), _) => equals(vm, &a, right)?,
                    (_, Some(b)) => equals(vm, left, &b)?,
                    _ => left.is(right),
                },
            }
        }
        (Value::Method(a), Value::Method(b)) => a.0.is(&b.0) && a.1.is(&b.1),
        _ => left.is(right),
    })
}

fn equals_or_is(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(a.is(b) || equals(vm, a, b)?)
}

fn sequences_equal(vm: &mut Vm, a: &[Value], b: &[Value]) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (x, y) in a.iter().zip(b) {
        if !equals_or_is(vm, x, y)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        _ => ">=",
    }
}

fn cmp_names(op: CmpOp) -> (&'static str, &'static str) {
    match op {
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::LtE => ("__le__", "__ge__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        _ => ("__ge__", "__le__"),
    }
}

fn holds(op: CmpOp, ordering: Ordering) -> bool {
    match op {
        CmpOp::Lt => ordering == Ordering::Less,
        CmpOp::LtE => ordering != Ordering::Greater,
        CmpOp::Gt => ordering == Ordering::Greater,
        _ => ordering != Ordering::Less,
    }
}

/// `<`, `<=`, `>`, `>=`.
fn order(vm: &mut Vm, op: CmpOp, left: &Value, right: &Value) -> PyResult {
    if let Some(ordering) = builtin_order(vm, op, left, right)? {
        return Ok(Value::Bool(ordering));
    }
    let (name, reflected) = cmp_names(op);
    if let Some(result) = call_special(vm, left, name, vec![right.clone()])?
        && !matches!(result, Value::NotImplemented)
    {
        return Ok(result);
    }
    if let Some(result) = call_special(vm, right, reflected, vec![left.clone()])?
        && !matches!(result, Value::NotImplemented)
    {
        return Ok(result);
    }
    let message = format!(
        "'{}' not supported between instances of '{}' and '{}'",
        cmp_symbol(op),
        left.type_name(),
        right.type_name()
    );
    Err(error(vm, "TypeError", &message))
}

/// The builtin orderings; None when the pair is not ordered by builtins.
fn builtin_order(vm: &mut Vm, op: CmpOp, left: &Value, right: &Value) -> PyResult<Option<bool>> {
    if let (Some(a), Some(b)) = (as_int(left), as_int(right)) {
        return Ok(Some(holds(op, int::compare(&a, &b))));
    }
    Ok(match (left, right) {
        (Value::Float(a), Value::Float(b)) => Some(match a.partial_cmp(b) {
            Some(ordering) => holds(op, ordering),
            None => false,
        }),
        (Value::Float(x), other) if as_int(other).is_some() => Some(
            int::compare_float(&as_int(other).expect("checked"), *x)
                .is_some_and(|o| holds(op, o.reverse())),
        ),
        (other, Value::Float(x)) if as_int(other).is_some() => Some(
            int::compare_float(&as_int(other).expect("checked"), *x).is_some_and(|o| holds(op, o)),
        ),
        (Value::Str(a), Value::Str(b)) => Some(holds(op, a.cmp(b))),
        (Value::Bytes(a), Value::Bytes(b)) => Some(holds(op, a.cmp(b))),
        (Value::List(a), Value::List(b)) => {
            let (a, b) = (a.borrow().clone(), b.borrow().clone());
            Some(sequence_order(vm, op, &a, &b)?)
        }
        (Value::Tuple(a), Value::Tuple(b)) => Some(sequence_order(vm, op, a, b)?),
        (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
            let (a, b) = (set_items(left), set_items(right));
            let subset = a.iter().all(|k| b.contains(k));
            let superset = b.iter().all(|k| a.contains(k));
            Some(match op {
                CmpOp::Lt => subset && a.len() < b.len(),
                CmpOp::LtE => subset,
                CmpOp::Gt => superset && a.len() > b.len(),
                _ => superset,
            })
        }
        _ => None,
    })
}

/// Lexicographic order: the first unequal items decide, else the lengths.
fn sequence_order(vm: &mut Vm, op: CmpOp, a: &[Value], b: &[Value]) -> PyResult<bool> {
    for (x, y) in a.iter().zip(b) {
        if !equals_or_is(vm, x, y)? {
            let result = order(vm, op, x, y)?;
            return truthy(vm, &result);
        }
    }
    Ok(holds(op, a.len().cmp(&b.len())))
}

/// Orders two values for `sorted`, `min` and `max` (`<` with Python's errors).
pub fn less_than(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let result = order(vm, CmpOp::Lt, a, b)?;
    truthy(vm, &result)
}

/// `item in container`.
pub fn contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::Str(s) => match item {
            Value::Str(needle) => Ok(s.contains(needle.as_ref())),
            other => {
                let message = format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                );
                Err(error(vm, "TypeError", &message))
            }
        },
        Value::Bytes(b) => match item {
            Value::Bytes(needle) => {
                Ok(needle.is_empty() || b.windows(needle.len()).any(|w| w == needle.as_ref()))
            }
            Value::Int(n) => Ok(b.contains(&(*n as u8))),
            _ => Err(error(vm, "TypeError", "a bytes-like object is required")),
        },
        Value::Dict(dict) => {
            let key = key(vm, item.clone())?;
            Ok(dict.borrow().contains_key(&key))
        }
        Value::Set(set) => {
            let key = key(vm, item.clone())?;
            Ok(set.borrow().contains(&key))
        }
        Value::FrozenSet(set) => {
            let key = key(vm, item.clone())?;
            Ok(set.contains(&key))
        }
        Value::Range(range) => Ok(match as_int(item).and_then(|n| n.to_i64()) {
            Some(n) => {
                let offset = n - range.start;
                let inside = if range.step > 0 {
                    n >= range.start && n < range.stop
                } else {
                    n <= range.start && n > range.stop
                };
                inside && offset % range.step == 0
            }
            None => false,
        }),
        Value::List(items) => {
            let items = items.borrow().clone();
            for x in &items {
                if equals_or_is(vm, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Tuple(items) => {
            for x in items.iter() {
                if equals_or_is(vm, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Iterator(_) | Value::Generator(_) => {
            while let Some(x) = iter::next(vm, container)? {
                if equals_or_is(vm, &x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Instance(_) | Value::Native(_) => {
            if let Some(result) = call_special(vm, container, "__contains__", vec![item.clone()])? {
                return truthy(vm, &result);
            }
            if let Some(inner) = container_of(container) {
                return contains(vm, &inner, item);
            }
            let items = iter::collect(vm, container)?;
            for x in &items {
                if equals_or_is(vm, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        other => {
            let message = format!("argument of type '{}' is not iterable", other.type_name());
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// A dict key or set member, or TypeError for an unhashable value.
pub fn key(vm: &mut Vm, value: Value) -> PyResult<Key> {
    if let Value::Instance(instance) = &value
        && let Some(hash @ Value::Function(_)) = instance.class.lookup("__hash__")
    {
        let result = call_nested(vm, hash, Args::new(vec![value.clone()]))?;
        match as_int(&result) {
            Some(n) => instance
                .hash
                .set(Some(n.to_i64().unwrap_or_else(|| n.to_big().hash()))),
            None => {
                return Err(error(
                    vm,
                    "TypeError",
                    "__hash__ method should return an integer",
                ));
            }
        }
    }
    Key::new(value).map_err(|type_name| {
        let message = format!("unhashable type: '{type_name}'");
        error(vm, "TypeError", &message)
    })
}

pub fn new_set(vm: &mut Vm, items: Vec<Value>) -> PyResult {
    let mut set = Set::default();
    for item in items {
        set.insert(key(vm, item)?);
    }
    Ok(Value::Set(Rc::new(std::cell::RefCell::new(set))))
}

/// `{**other}` into `target` (`merge`: a call's `**kwargs`, where keys must be new strs).
pub fn dict_update(vm: &mut Vm, target: &Value, other: &Value, merge: bool) -> PyResult<()> {
    let Value::Dict(target) = target else {
        return Ok(());
    };
    let pairs: Vec<(Key, Value)> = match other {
        Value::Dict(dict) => dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => {
            let keys_method = attr::try_get_attr(vm, other, "keys")?;
            let Some(keys_method) = keys_method else {
                let message = if merge {
                    format!(
                        "argument after ** must be a mapping, not {}",
                        other.type_name()
                    )
                } else {
                    format!("'{}' object is not a mapping", other.type_name())
                };
                return Err(error(vm, "TypeError", &message));
            };
            let keys = call_nested(vm, keys_method, Args::default())?;
            let keys = iter::collect(vm, &keys)?;
            let mut pairs = Vec::new();
            for k in keys {
                let value = get_item(vm, other, &k)?;
                pairs.push((key(vm, k)?, value));
            }
            pairs
        }
    };
    for (k, v) in pairs {
        if merge {
            if !matches!(k.0, Value::Str(_)) {
                return Err(error(vm, "TypeError", "keywords must be strings"));
            }
            if target.borrow().contains_key(&k) {
                let message = format!(
                    "got multiple values for keyword argument '{}'",
                    k.0.as_str().unwrap_or_default()
                );
                return Err(error(vm, "TypeError", &message));
            }
        }
        target.borrow_mut().insert(k, v);
    }
    Ok(())
}

/// The items of an unpacking assignment: exactly `before` (or, with a starred target,
/// `before`, a list of the rest, then `after`).
pub fn unpack(
    vm: &mut Vm,
    sequence: &Value,
    before: usize,
    after: Option<usize>,
) -> PyResult<Vec<Value>> {
    let items = match sequence {
        Value::Tuple(items) => items.to_vec(),
        Value::List(items) => items.borrow().clone(),
        other => match iter::collect(vm, other) {
            Ok(items) => items,
            Err(_) if iter::get_iter(vm, other).is_err() => {
                let message = format!("cannot unpack non-iterable {} object", other.type_name());
                return Err(error(vm, "TypeError", &message));
            }
            Err(signal) => return Err(signal),
        },
    };
    match after {
        None => {
            if items.len() < before {
                let message = format!(
                    "not enough values to unpack (expected {before}, got {})",
                    items.len()
                );
                return Err(error(vm, "ValueError", &message));
            }
            if items.len() > before {
                let message = format!("too many values to unpack (expected {before})");
                return Err(error(vm, "ValueError", &message));
            }
            Ok(items)
        }
        Some(after) => {
            if items.len() < before + after {
                let message = format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                );
                return Err(error(vm, "ValueError", &message));
            }
            let mut result = items[..before].to_vec();
            result.push(Value::list(items[before..items.len() - after].to_vec()));
            result.extend_from_slice(&items[items.len() - after..]);
            Ok(result)
        }
    }
}

/// `with manager`: its `__exit__`, and what `__enter__()` returned.
pub fn before_with(vm: &mut Vm, manager: &Value) -> PyResult<(Value, Value)> {
    let class = vm.types.class_of(manager);
    let (Some(enter), Some(exit)) = (class.lookup("__enter__"), class.lookup("__exit__")) else {
        let message = format!(
            "'{}' object does not support the context manager protocol",
            manager.type_name()
        );
        return Err(error(vm, "TypeError", &message));
    };
    let entered = match &enter {
        Value::Builtin(builtin) => (builtin.func)(vm, Args::new(vec![manager.clone()]))?,
        _ => call_nested(vm, enter, Args::new(vec![manager.clone()]))?,
    };
    Ok((Value::Method(Rc::new((manager.clone(), exit))), entered))
}

/// A slice's start, stop and step for a sequence of `length`, as `slice.indices`.
pub fn slice_indices(vm: &mut Vm, slice: &[Value; 3], length: i64) -> PyResult<(i64, i64, i64)> {
    let bound = |vm: &mut Vm, v: &Value| -> PyResult<Option<i64>> {
        match v {
            Value::None => Ok(None),
            other => match as_int(other) {
                Some(n) => Ok(Some(n.to_i64().unwrap_or(if n.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                }))),
                None => Err(error(
                    vm,
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method",
                )),
            },
        }
    };
    let step = bound(vm, &slice[2])?.unwrap_or(1);
    if step == 0 {
        return Err(error(vm, "ValueError", "slice step cannot be zero"));
    }
    let clamp = |index: Option<i64>, default: i64| -> i64 {
        match index {
            None => default,
            Some(i) if i < 0 => {
                let i = i + length;
                if i < 0 {
                    if step < 0 { -1 } else { 0 }
                } else {
                    i
                }
            }
            Some(i) if i >= length => {
                if step < 0 {
                    length - 1
                } else {
                    length
                }
            }
            Some(i) => i,
        }
    };
    let start = bound(vm, &slice[0])?;
    let stop = bound(vm, &slice[1])?;
    let (start, stop) = if step > 0 {
        (clamp(start, 0), clamp(stop, length))
    } else {
        (clamp(start, length - 1), clamp(stop, -1))
    };
    Ok((start, stop, step))
}

/// The positions a slice selects.
pub fn slice_positions(start: i64, stop: i64, step: i64) -> impl Iterator<Item = usize> {
    let mut i = start;
    std::iter::from_fn(move || {
        let inside = if step > 0 { i < stop } else { i > stop };
        if !inside {
            return None;
        }
        let at = i;
        i += step;
        Some(at as usize)
    })
}

/// A sequence index, negative from the end, or None when it is out of range.
fn position(index: i64, length: usize) -> Option<usize> {
    let i = if index < 0 {
        index + length as i64
    } else {
        index
    };
    (0..length as i64).contains(&i).then_some(i as usize)
}

fn index_of(vm: &mut Vm, index: &Value, what: &str) -> PyResult<i64> {
    match as_int(index) {
        Some(n) => Ok(n.to_i64().unwrap_or(i64::MAX)),
        None => {
            let message = match what {
                "str" => format!(
                    "string indices must be integers, not '{}'",
                    index.type_name()
                ),
                "range" => format!(
                    "range indices must be integers or slices, not {}",
                    index.type_name()
                ),
                _ => format!(
                    "{what} indices must be integers or slices, not {}",
                    index.type_name()
                ),
            };
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `object[index]`.
pub fn get_item(vm: &mut Vm, object: &Value, index: &Value) -> PyResult {
    match (object, index) {
        (Value::List(items), Value::Slice(slice)) => {
            let items = items.borrow();
            let (start, stop, step) = slice_indices(vm, slice, items.len() as i64)?;
            Ok(Value::list(
                slice_positions(start, stop, step)
                    .map(|i| items[i].clone())
                    .collect(),
            ))
        }
        (Value::List(items), _) => {
            let i = index_of(vm, index, "list")?;
            let items = items.borrow();
            match position(i, items.len()) {
                Some(i) => Ok(items[i].clone()),
                None => {
                    drop(items);
                    Err(error(vm, "IndexError", "list index out of range"))
                }
            }
        }
        (Value::Tuple(items), Value::Slice(slice)) => {
            let (start, stop, step) = slice_indices(vm, slice, items.len() as i64)?;
            Ok(Value::tuple(
                slice_positions(start, stop, step)
                    .map(|i| items[i].clone())
                    .collect(),
            ))
        }
        (Value::Tuple(items), _) => {
            let i = index_of(vm, index, "tuple")?;
            match position(i, items.len()) {
                Some(i) => Ok(items[i].clone()),
                None => Err(error(vm, "IndexError", "tuple index out of range")),
            }
        }
        (Value::Str(s), Value::Slice(slice)) => {
            if s.is_ascii() {
                let bytes = s.as_bytes();
                let (start, stop, step) = slice_indices(vm, slice, bytes.len() as i64)?;
                if step == 1 {
                    let (a, b) = (start.max(0) as usize, stop.max(start).max(0) as usize);
                    return Ok(Value::str(&s[a..b.min(s.len())]));
                }
                let picked: String = slice_positions(start, stop, step)
                    .map(|i| bytes[i] as char)
                    .collect();
                return Ok(Value::str(&picked));
            }
            let chars: Vec<char> = s.chars().collect();
            let (start, stop, step) = slice_indices(vm, slice, chars.len() as i64)?;
            let picked: String = slice_positions(start, stop, step)
                .map(|i| chars[i])
                .collect();
            Ok(Value::str(&picked))
        }
        (Value::Str(s), _) => {
            let i = index_of(vm, index, "str")?;
            let found = if s.is_ascii() {
                position(i, s.len()).map(|p| &s[p..p + 1])
            } else {
                let count = s.chars().count();
                position(i, count).and_then(|p| {
                    s.char_indices()
                        .nth(p)
                        .map(|(at, c)| &s[at..at + c.len_utf8()])
                })
            };
            match found {
                Some(c) => Ok(Value::str(c)),
                None => Err(error(vm, "IndexError", "string index out of range")),
            }
        }
        (Value::Bytes(b), Value::Slice(slice)) => {
            let (start, stop, step) = slice_indices(vm, slice, b.len() as i64)?;
            let picked: Vec<u8> = slice_positions(start, stop, step).map(|i| b[i]).collect();
            Ok(Value::Bytes(Rc::from(picked)))
        }
        (Value::Bytes(b), _) => {
            let i = index_of(vm, index, "byte")?;
            match position(i, b.len()) {
                Some(i) => Ok(Value::Int(b[i] as i64)),
                None => Err(error(vm, "IndexError", "index out of range")),
            }
        }
        (Value::Range(range), Value::Slice(slice)) => {
            let (start, stop, step) = slice_indices(vm, slice, range.len())?;
            Ok(Value::Range(Rc::new(crate::value::Range {
                start: range.get(start),
                stop: range.get(stop),
                step: range.step * step,
            })))
        }
        (Value::Range(range), _) => {
            let i = index_of(vm, index, "range")?;
            match position(i, range.len() as usize) {
                Some(i) => Ok(Value::Int(range.get(i as i64))),
                None => Err(error(vm, "IndexError", "range object index out of range")),
            }
        }
        (Value::Dict(dict), _) => {
            let k = key(vm, index.clone())?;
            let found = dict.borrow().get(&k).cloned();
            match found {
                Some(value) => Ok(value),
                None => {
                    let flavor = dict.borrow().flavor.clone();
                    match flavor {
                        DictFlavor::Default(factory) if !matches!(factory, Value::None) => {
                            let value = call_nested(vm, factory, Args::default())?;
                            dict.borrow_mut().insert(k, value.clone());
                            Ok(value)
                        }
                        DictFlavor::Counter => Ok(Value::Int(0)),
                        _ => Err(Signal::Raise(super::exceptions::new_exception(
                            vm,
                            "KeyError",
                            vec![index.clone()],
                        ))),
                    }
                }
            }
        }
        (Value::Class(class), _) if class.builtin.is_some() => {
            // `list[int]` and the like: generic aliases print as their origin here.
            Ok(object.clone())
        }
        _ => {
            if let Some(result) = call_special(vm, object, "__getitem__", vec![index.clone()])? {
                return Ok(result);
            }
            if let Some(container) = container_of(object) {
                return match get_item(vm, &container, index) {
                    Err(Signal::Raise(exc))
                        if super::exceptions::is_instance_of(vm, &exc, "KeyError")
                            && vm.types.class_of(object).lookup("__missing__").is_some() =>
                    {
                        Ok(
                            call_special(vm, object, "__missing__", vec![index.clone()])?
                                .unwrap_or_default(),
                        )
                    }
                    result => result,
                };
            }
            let message = format!("'{}' object is not subscriptable", object.type_name());
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `object[index] = value`.
pub fn set_item(vm: &mut Vm, object: &Value, index: Value, value: Value) -> PyResult<()> {
    match object {
        Value::List(items) => {
            if let Value::Slice(slice) = &index {
                let new = iter::collect(vm, &value)?;
                let length = items.borrow().len() as i64;
                let (start, stop, step) = slice_indices(vm, slice, length)?;
                let mut list = items.borrow_mut();
                if step == 1 {
                    let stop = stop.max(start) as usize;
                    list.splice(start as usize..stop, new);
                    return Ok(());
                }
                let positions: Vec<usize> = slice_positions(start, stop, step).collect();
                if positions.len() != new.len() {
                    drop(list);
                    let message = format!(
                        "attempt to assign sequence of size {} to extended slice of size {}",
                        new.len(),
                        positions.len()
                    );
                    return Err(error(vm, "ValueError", &message));
                }
                for (p, v) in positions.into_iter().zip(new) {
                    list[p] = v;
                }
                return Ok(());
            }
            let i = index_of(vm, &index, "list")?;
            let length = items.borrow().len();
            match position(i, length) {
                Some(i) => {
                    items.borrow_mut()[i] = value;
                    Ok(())
                }
                None => Err(error(
                    vm,
                    "IndexError",
                    "list assignment index out of range",
                )),
            }
        }
        Value::Dict(dict) => {
            let k = key(vm, index)?;
            dict.borrow_mut().insert(k, value);
            Ok(())
        }
        _ => {
            if let Some(container) = container_of(object)
                && vm.types.class_of(object).lookup("__setitem__").is_none()
            {
                return set_item(vm, &container, index, value);
            }
            if call_special(vm, object, "__setitem__", vec![index, value])?.is_some() {
                return Ok(());
            }
            let message = format!(
                "'{}' object does not support item assignment",
                object.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `del object[index]`.
pub fn del_item(vm: &mut Vm, object: &Value, index: &Value) -> PyResult<()> {
    match object {
        Value::List(items) => {
            if let Value::Slice(slice) = index {
                let length = items.borrow().len() as i64;
                let (start, stop, step) = slice_indices(vm, slice, length)?;
                let mut doomed: Vec<usize> = slice_positions(start, stop, step).collect();
                doomed.sort_unstable();
                let mut list = items.borrow_mut();
                for p in doomed.into_iter().rev() {
                    list.remove(p);
                }
                return Ok(());
            }
            let i = index_of(vm, index, "list")?;
            let length = items.borrow().len();
            match position(i, length) {
                Some(i) => {
                    items.borrow_mut().remove(i);
                    Ok(())
                }
                None => Err(error(
                    vm,
                    "IndexError",
                    "list assignment index out of range",
                )),
            }
        }
        Value::Dict(dict) => {
            let k = key(vm, index.clone())?;
            let removed = dict.borrow_mut().shift_remove(&k);
            match removed {
                Some(_) => Ok(()),
                None => Err(Signal::Raise(super::exceptions::new_exception(
                    vm,
                    "KeyError",
                    vec![index.clone()],
                ))),
            }
        }
        _ => {
            if call_special(vm, object, "__delitem__", vec![index.clone()])?.is_some() {
                return Ok(());
            }
            if let Some(container) = container_of(object) {
                return del_item(vm, &container, index);
            }
            let message = format!(
                "'{}' object does not support item deletion",
                object.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `len(object)`.
pub fn len(vm: &mut Vm, object: &Value) -> PyResult<i64> {
    Ok(match object {
        Value::Str(s) => {
            if s.is_ascii() {
                s.len() as i64
            } else {
                s.chars().count() as i64
            }
        }
        Value::Bytes(b) => b.len() as i64,
        Value::List(items) => items.borrow().len() as i64,
        Value::Tuple(items) => items.len() as i64,
        Value::Dict(dict) => dict.borrow().len() as i64,
        Value::Set(set) => set.borrow().len() as i64,
        Value::FrozenSet(set) => set.len() as i64,
        Value::Range(range) => range.len(),
        _ => match call_special(vm, object, "__len__", Vec::new())? {
            None if container_of(object).is_some() => {
                return len(vm, &container_of(object).unwrap_or_default());
            }
            Some(length) => match as_int(&length).and_then(|n| n.to_i64()) {
                Some(n) if n >= 0 => n,
                Some(_) => return Err(error(vm, "ValueError", "__len__() should return >= 0")),
                None => {
                    let message = format!(
                        "'{}' object cannot be interpreted as an integer",
                        length.type_name()
                    );
                    return Err(error(vm, "TypeError", &message));
                }
            },
            None => {
                let message = format!("object of type '{}' has no len()", object.type_name());
                return Err(error(vm, "TypeError", &message));
            }
        },
    })
}

fn repeat_items(items: &[Value], n: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    out
}
