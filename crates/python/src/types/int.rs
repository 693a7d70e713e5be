//! The methods and attributes of `int` (and so of `bool`) and of `float`.

use std::rc::Rc;

use super::{Method, Signature, flag_arg, index_arg};
use crate::bigint::BigInt;
use crate::value::Value;
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::int::{self, as_int};
use crate::vm::native::{Args, PyResult};

/// The methods of int (and bool), by name (sorted, for the lookup's binary search).
pub(super) const INT_METHODS: &[Method] = &[
    Method::of_object("as_integer_ratio", int_as_integer_ratio),
    Method::of_object("bit_count", bit_count),
    Method::of_object("bit_length", bit_length),
    Method::of_object("conjugate", int_conjugate),
    Method::of_type("from_bytes", from_bytes),
    Method::of_object("to_bytes", to_bytes),
];

/// The methods of float, by name (sorted, for the lookup's binary search).
pub(super) const FLOAT_METHODS: &[Method] = &[
    Method::of_object("as_integer_ratio", float_as_integer_ratio),
    Method::of_object("conjugate", float_conjugate),
    Method::of_object("hex", float_hex),
    Method::of_object("is_integer", is_integer),
];

/// The int's own value (a bool's is the int 0 or 1).
fn int_value(value: &Value) -> Option<Value> {
    match value {
        Value::Bool(b) => Some(Value::Int(i64::from(*b))),
        Value::Int(_) | Value::BigInt(_) => Some(value.clone()),
        _ => None,
    }
}

/// `n.real`, `n.imag`, `n.numerator`, `n.denominator`, `x.real`, `x.imag`.
pub(super) fn attribute(object: &Value, name: &str) -> Option<Value> {
    match (object, name) {
        (Value::Float(_), "real") => Some(object.clone()),
        (Value::Float(_), "imag") => Some(Value::Float(0.0)),
        (_, "real" | "numerator") => int_value(object),
        (_, "imag") => Some(Value::Int(0)),
        (_, "denominator") => Some(Value::Int(1)),
        _ => None,
    }
}

/// The int a method of int was called on, and its arguments.
fn bind<const N: usize>(
    vm: &mut Vm,
    args: Args,
    sig: &Signature,
) -> PyResult<(Value, [Option<Value>; N])> {
    let (this, values) = sig.bind(vm, args)?;
    match int_value(&this) {
        Some(n) => Ok((n, values)),
        None => Err(sig.wrong_object(vm, &this)),
    }
}

/// The float a method of float was called on.
fn bind_float(vm: &mut Vm, args: Args, name: &'static str) -> PyResult<f64> {
    let sig = Signature::no_args("float", name);
    let (this, []) = sig.bind(vm, args)?;
    match this {
        Value::Float(x) => Ok(x),
        other => Err(sig.wrong_object(vm, &other)),
    }
}

fn big(value: &Value) -> BigInt {
    as_int(value).expect("an int").to_big()
}

/// `n.bit_length()`: the bits of `abs(n)`, without leading zeros.
fn bit_length(vm: &mut Vm, args: Args) -> PyResult {
    let (n, []) = bind(vm, args, &Signature::no_args("int", "bit_length"))?;
    let bits = match n {
        Value::Int(n) => u64::from(64 - n.unsigned_abs().leading_zeros()),
        other => big(&other).bit_length(),
    };
    Ok(Value::Int(bits as i64))
}

/// `n.bit_count()`: the ones in the binary form of `abs(n)`.
fn bit_count(vm: &mut Vm, args: Args) -> PyResult {
    let (n, []) = bind(vm, args, &Signature::no_args("int", "bit_count"))?;
    let ones = match n {
        Value::Int(n) => u64::from(n.unsigned_abs().count_ones()),
        other => big(&other)
            .to_str_radix(2)
            .unwrap_or_default()
            .bytes()
            .filter(|&b| b == b'1')
            .count() as u64,
    };
    Ok(Value::Int(ones as i64))
}

/// `n.conjugate()`: an int is its own conjugate.
fn int_conjugate(vm: &mut Vm, args: Args) -> PyResult {
    let (n, []) = bind(vm, args, &Signature::no_args("int", "conjugate"))?;
    Ok(n)
}

/// `n.as_integer_ratio()`: `(n, 1)`.
fn int_as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult {
    let (n, []) = bind(vm, args, &Signature::no_args("int", "as_integer_ratio"))?;
    Ok(Value::tuple(vec![n, Value::Int(1)]))
}

/// `byteorder` of `to_bytes` and `from_bytes`: whether it is `'little'`.
fn little_endian(vm: &mut Vm, method: &str, value: Option<Value>) -> PyResult<bool> {
    match value {
        None => Ok(false),
        Some(Value::Str(s)) if s.as_ref() == "big" => Ok(false),
        Some(Value::Str(s)) if s.as_ref() == "little" => Ok(true),
        Some(Value::Str(_)) => Err(error(
            vm,
            "ValueError",
            "byteorder must be either 'little' or 'big'",
        )),
        Some(other) => {
            let message = format!(
                "{method}() argument 'byteorder' must be str, not {}",
                other.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `n.to_bytes(length=1, byteorder='big', *, signed=False)`: `n` in `length`
/// bytes, two's complement when signed.
fn to_bytes(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature {
        form: super::Form::Keywords { positional: 2 },
        ..Signature::keywords("int", "to_bytes", &["length", "byteorder", "signed"], 0)
    };
    let (n, [length, byteorder, signed]) = bind(vm, args, &sig)?;
    let length = match length {
        Some(length) => index_arg(vm, &length)?,
        None => 1,
    };
    if length < 0 {
        return Err(error(
            vm,
            "ValueError",
            "length argument must be non-negative",
        ));
    }
    let little = little_endian(vm, "to_bytes", byteorder)?;
    let signed = flag_arg(vm, signed.as_ref())?;
    let n = big(&n);
    if n.is_negative() && !signed {
        return Err(error(
            vm,
            "OverflowError",
            "can't convert negative int to unsigned",
        ));
    }
    let bits = (length as u64) * 8;
    let modulus = &BigInt::from(1i64) << bits;
    let limit = if signed {
        &BigInt::from(1i64) << bits.saturating_sub(1)
    } else {
        modulus.clone()
    };
    let fits = if n.is_negative() {
        -&n <= limit
    } else {
        n < limit
    };
    if !fits || (bits == 0 && !n.is_zero()) {
        return Err(error(vm, "OverflowError", "int too big to convert"));
    }
    let mut rest = if n.is_negative() { &modulus + &n } else { n };
    let byte_mask = BigInt::from(0xffi64);
    let mut bytes = Vec::with_capacity(length as usize);
    for _ in 0..length {
        bytes.push((&rest & &byte_mask).to_i64().unwrap_or_default() as u8);
        rest = &rest >> 8;
    }
    if !little {
        bytes.reverse();
    }
    Ok(Value::Bytes(Rc::from(bytes)))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`: the int those bytes
/// write.
fn from_bytes(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature {
        form: super::Form::Keywords { positional: 2 },
        ..Signature::keywords("int", "from_bytes", &["bytes", "byteorder", "signed"], 1)
    };
    let [data, byteorder, signed] = sig.bind_args(vm, args)?;
    let data = match data.expect("required") {
        Value::Bytes(b) => b.to_vec(),
        other => crate::vm::iter::collect(vm, &other)?
            .iter()
            .map(|item| match as_int(item).and_then(|n| n.to_i64()) {
                Some(n) if (0..256).contains(&n) => Ok(n as u8),
                _ => Err(()),
            })
            .collect::<Result<Vec<u8>, ()>>()
            .map_err(|()| error(vm, "ValueError", "bytes must be in range(0, 256)"))?,
    };
    let little = little_endian(vm, "from_bytes", byteorder)?;
    let signed = flag_arg(vm, signed.as_ref())?;
    let ordered: Vec<u8> = if little {
        data.iter().rev().copied().collect()
    } else {
        data
    };
    let mut n = BigInt::zero();
    for &b in &ordered {
        n = &(&n << 8) + &BigInt::from(i64::from(b));
    }
    if signed && ordered.first().is_some_and(|&b| b >= 0x80) {
        n = &n - &(&BigInt::from(1i64) << (ordered.len() as u64 * 8));
    }
    Ok(int::from_big(n))
}

/// `x.is_integer()`: whether a float has no fractional part.
fn is_integer(vm: &mut Vm, args: Args) -> PyResult {
    let x = bind_float(vm, args, "is_integer")?;
    Ok(Value::Bool(x.is_finite() && x.fract() == 0.0))
}

/// `x.conjugate()`: a float is its own conjugate.
fn float_conjugate(vm: &mut Vm, args: Args) -> PyResult {
    bind_float(vm, args, "conjugate").map(Value::Float)
}

/// A finite float's mantissa and exponent: `x == mantissa * 2**exponent`, the
/// mantissa an int of at most 53 bits.
fn decompose(x: f64) -> (i64, i64) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = (bits & ((1 << 52) - 1)) as i64;
    let (mantissa, exponent) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    };
    (if x < 0.0 { -mantissa } else { mantissa }, exponent)
}

/// `x.as_integer_ratio()`: the smallest ints whose ratio is exactly `x`.
fn float_as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult {
    let x = bind_float(vm, args, "as_integer_ratio")?;
    if x.is_infinite() {
        return Err(error(
            vm,
            "OverflowError",
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x.is_nan() {
        return Err(error(
            vm,
            "ValueError",
            "cannot convert NaN to integer ratio",
        ));
    }
    let (mut mantissa, mut exponent) = decompose(x);
    while mantissa != 0 && mantissa % 2 == 0 && exponent < 0 {
        mantissa /= 2;
        exponent += 1;
    }
    if mantissa == 0 {
        exponent = 0;
    }
    let one = BigInt::from(1i64);
    let (numerator, denominator) = if exponent >= 0 {
        (&BigInt::from(mantissa) << exponent as u64, one)
    } else {
        (BigInt::from(mantissa), &one << exponent.unsigned_abs())
    };
    Ok(Value::tuple(vec![
        int::from_big(numerator),
        int::from_big(denominator),
    ]))
}

/// `x.hex()`: the float in hexadecimal, `0x1.8000000000000p+1` for 3.0.
fn float_hex(vm: &mut Vm, args: Args) -> PyResult {
    let x = bind_float(vm, args, "hex")?;
    let text = if x.is_nan() {
        "nan".to_owned()
    } else if x.is_infinite() {
        if x < 0.0 { "-inf" } else { "inf" }.to_owned()
    } else {
        let sign = if x.is_sign_negative() { "-" } else { "" };
        let bits = x.to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as i64;
        let fraction = bits & ((1 << 52) - 1);
        match (exponent, fraction) {
            (0, 0) => format!("{sign}0x0.0p+0"),
            (0, _) => format!("{sign}0x0.{fraction:013x}p-1022"),
            _ => format!("{sign}0x1.{fraction:013x}p{:+}", exponent - 1023),
        }
    };
    Ok(Value::Str(Rc::from(text)))
}
