//! `math`: the C library's functions on floats with CPython's checks ("math domain
//! error" where the result is not a number, "math range error" where it overflows),
//! and the exact integer functions (`factorial`, `gcd`, `isqrt`, `comb`) on ints of
//! any size.

use std::rc::Rc;

use super::{Params, add_functions, c_args, new_module, not_an_integer, to_float};
use crate::bigint::{BigInt, FLOAT_INFINITY_TO_INT, FLOAT_NAN_TO_INT};
use crate::syntax::ast::BinOp;
use crate::value::{Module, Value};
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::int::{as_int, from_big};
use crate::vm::native::{Args, PyResult, Signal};
use crate::vm::{iter, ops};

/// Makes `math` for the current process.
pub fn make(_vm: &mut Vm) -> Rc<Module> {
    let module = new_module("math", None);
    add_functions(
        &module,
        &[
            ("sqrt", sqrt),
            ("exp", exp),
            ("log", log),
            ("log2", log2),
            ("log10", log10),
            ("log1p", log1p),
            ("sin", sin),
            ("cos", cos),
            ("tan", tan),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("atan2", atan2),
            ("sinh", sinh),
            ("cosh", cosh),
            ("tanh", tanh),
            ("degrees", degrees),
            ("radians", radians),
            ("fabs", fabs),
            ("floor", floor),
            ("ceil", ceil),
            ("trunc", trunc),
            ("pow", pow),
            ("fmod", fmod),
            ("modf", modf),
            ("frexp", frexp),
            ("ldexp", ldexp),
            ("copysign", copysign),
            ("hypot", hypot),
            ("dist", dist),
            ("isclose", isclose),
            ("isnan", isnan),
            ("isinf", isinf),
            ("isfinite", isfinite),
            ("fsum", fsum),
            ("prod", prod),
            ("gcd", gcd),
            ("lcm", lcm),
            ("isqrt", isqrt),
            ("factorial", factorial),
            ("comb", comb),
            ("perm", perm),
        ],
    );
    module.set("pi", Value::Float(std::f64::consts::PI));
    module.set("e", Value::Float(std::f64::consts::E));
    module.set("tau", Value::Float(std::f64::consts::TAU));
    module.set("inf", Value::Float(f64::INFINITY));
    module.set("nan", Value::Float(f64::NAN));
    module
}

fn domain_error(vm: &mut Vm) -> Signal {
    error(vm, "ValueError", "math domain error")
}

fn range_error(vm: &mut Vm) -> Signal {
    error(vm, "OverflowError", "math range error")
}

/// A function of one float, checked as CPython's `math_1` checks it: a NaN from a
/// number is a domain error; an infinity from a finite number is a range error when
/// the function can overflow (`exp`), else a domain error (`log(0)`).
fn math_1(vm: &mut Vm, args: Args, name: &str, f: fn(f64) -> f64, can_overflow: bool) -> PyResult {
    let args = c_args(vm, args, &format!("math.{name}"), 1, 1)?;
    let x = to_float(vm, &args[0])?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(Value::Float(r))
}

fn sqrt(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "sqrt", f64::sqrt, false)
}

fn exp(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "exp", f64::exp, true)
}

fn log1p(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "log1p", f64::ln_1p, false)
}

fn sin(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "sin", f64::sin, false)
}

fn cos(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "cos", f64::cos, false)
}

fn tan(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "tan", f64::tan, false)
}

fn asin(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "asin", f64::asin, false)
}

fn acos(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "acos", f64::acos, false)
}

fn atan(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "atan", f64::atan, false)
}

fn sinh(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "sinh", f64::sinh, true)
}

fn cosh(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "cosh", f64::cosh, true)
}

fn tanh(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "tanh", f64::tanh, false)
}

fn degrees(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "degrees", f64::to_degrees, true)
}

fn radians(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "radians", f64::to_radians, false)
}

fn fabs(vm: &mut Vm, args: Args) -> PyResult {
    math_1(vm, args, "fabs", f64::abs, false)
}

/// `f(x)` for `math.log`, `log2` and `log10`, ints of any size included (CPython's
/// `loghelper`): a domain error for zero and negative numbers.
fn log_of(vm: &mut Vm, x: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(n) = as_int(x) {
        if n.is_negative() || n.is_zero() {
            return Err(domain_error(vm));
        }
        if let Ok(value) = n.to_f64() {
            return Ok(f(value));
        }
        // Too big for a float: log(m * 2**e) = log(m) + e * log(2).
        let big = n.to_big();
        let shift = big.bit_length() - 64;
        let top = (&big >> shift).to_f64().unwrap_or(f64::MAX);
        return Ok(f(top) + f(2.0) * shift as f64);
    }
    let value = to_float(vm, x)?;
    if value.is_nan() {
        return Ok(value);
    }
    if value <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(f(value))
}

/// `math.log(x[, base])`.
fn log(vm: &mut Vm, args: Args) -> PyResult {
    if !args.keywords.is_empty() {
        return Err(error(
            vm,
            "TypeError",
            "math.log() takes no keyword arguments",
        ));
    }
    if !(1..=2).contains(&args.positional.len()) {
        return Err(error(vm, "TypeError", "math.log requires 1 to 2 arguments"));
    }
    let num = log_of(vm, &args.positional[0], f64::ln)?;
    let Some(base) = args.positional.get(1) else {
        return Ok(Value::Float(num));
    };
    let den = log_of(vm, base, f64::ln)?;
    if den == 0.0 {
        return Err(error(vm, "ZeroDivisionError", "float division by zero"));
    }
    Ok(Value::Float(num / den))
}

fn log2(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "math.log2", 1, 1)?;
    log_of(vm, &args[0], f64::log2).map(Value::Float)
}

fn log10(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "math.log10", 1, 1)?;
    log_of(vm, &args[0], f64::log10).map(Value::Float)
}

/// A float rounded to an int by `round` (floor, ceil or trunc), with CPython's errors
/// for infinities and NaN.
fn float_to_int(vm: &mut Vm, x: f64, round: fn(f64) -> f64) -> PyResult {
    if x.is_nan() {
        return Err(error(vm, "ValueError", FLOAT_NAN_TO_INT));
    }
    if x.is_infinite() {
        return Err(error(vm, "OverflowError", FLOAT_INFINITY_TO_INT));
    }
    let rounded = round(x);
    if rounded.abs() < 9.0e18 {
        return Ok(Value::Int(rounded as i64));
    }
    Ok(from_big(
        BigInt::from_f64(rounded).unwrap_or_else(BigInt::zero),
    ))
}

/// `math.floor`, `math.ceil` and `math.trunc`: an int stays as it is, a float is
/// rounded, an object with the special method (`__floor__`…) decides itself.
fn round_to_int(
    vm: &mut Vm,
    args: Args,
    name: &str,
    special: &str,
    round: fn(f64) -> f64,
) -> PyResult {
    let args = c_args(vm, args, &format!("math.{name}"), 1, 1)?;
    let x = &args[0];
    if as_int(x).is_some() {
        return Ok(from_big(
            as_int(x).map(|n| n.to_big()).unwrap_or_else(BigInt::zero),
        ));
    }
    if let Value::Float(value) = x {
        return float_to_int(vm, *value, round);
    }
    if let Some(result) = ops::call_special(vm, x, special, Vec::new())? {
        return Ok(result);
    }
    if special == "__trunc__" {
        let message = format!("type {} doesn't define __trunc__ method", x.type_name());
        return Err(error(vm, "TypeError", &message));
    }
    let value = to_float(vm, x)?;
    float_to_int(vm, value, round)
}

fn floor(vm: &mut Vm, args: Args) -> PyResult {
    round_to_int(vm, args, "floor", "__floor__", f64::floor)
}

fn ceil(vm: &mut Vm, args: Args) -> PyResult {
    round_to_int(vm, args, "ceil", "__ceil__", f64::ceil)
}

fn trunc(vm: &mut Vm, args: Args) -> PyResult {
    round_to_int(vm, args, "trunc", "__trunc__", f64::trunc)
}

/// The two float arguments of `pow`, `atan2`, `fmod`, `copysign`.
fn two_floats(vm: &mut Vm, args: Args, name: &str) -> PyResult<(f64, f64)> {
    let args = c_args(vm, args, name, 2, 2)?;
    Ok((to_float(vm, &args[0])?, to_float(vm, &args[1])?))
}

/// `math.pow(x, y)`: C's pow, with CPython's domain and range errors (`0 ** -1` and
/// `(-8) ** (1/3)` are domain errors; `10 ** 400` overflows).
fn pow(vm: &mut Vm, args: Args) -> PyResult {
    let (x, y) = two_floats(vm, args, "pow")?;
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if r.is_nan() {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(if x == 0.0 {
                domain_error(vm)
            } else {
                range_error(vm)
            });
        }
    }
    Ok(Value::Float(r))
}

fn atan2(vm: &mut Vm, args: Args) -> PyResult {
    let (y, x) = two_floats(vm, args, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn copysign(vm: &mut Vm, args: Args) -> PyResult {
    let (x, y) = two_floats(vm, args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

/// `math.fmod(x, y)`: the remainder with the sign of `x` (a domain error for `y == 0`
/// or an infinite `x`).
fn fmod(vm: &mut Vm, args: Args) -> PyResult {
    let (x, y) = two_floats(vm, args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(r))
}

/// `math.modf(x)`: the fractional and integer parts, both with the sign of `x`.
fn modf(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "math.modf", 1, 1)?;
    let x = to_float(vm, &args[0])?;
    let (fraction, whole) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        (x.fract(), x.trunc())
    };
    Ok(Value::tuple(vec![
        Value::Float(fraction),
        Value::Float(whole),
    ]))
}

/// `math.frexp(x)`: `(m, e)` with `x == m * 2**e` and `0.5 <= abs(m) < 1`.
fn frexp(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "math.frexp", 1, 1)?;
    let x = to_float(vm, &args[0])?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
    }
    let mut exponent = ((x.to_bits() >> 52) & 0x7ff) as i64;
    let mut m = x;
    if exponent == 0 {
        // A subnormal: scale it into the normal range first.
        m *= 2f64.powi(54);
        exponent = ((m.to_bits() >> 52) & 0x7ff) as i64 - 54;
    }
    let e = exponent - 1022;
    let mantissa = f64::from_bits((m.to_bits() & !(0x7ff << 52)) | (1022 << 52));
    Ok(Value::tuple(vec![Value::Float(mantissa), Value::Int(e)]))
}

/// `math.ldexp(x, i)`: `x * 2**i`, a range error when it overflows.
fn ldexp(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "ldexp", 2, 2)?;
    let x = to_float(vm, &args[0])?;
    let Some(i) = as_int(&args[1]) else {
        return Err(error(
            vm,
            "TypeError",
            "Expected an int as second argument to ldexp.",
        ));
    };
    let i = i
        .to_i64()
        .unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX });
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let mut r = x;
    let mut left = i.clamp(-2200, 2200);
    while left != 0 {
        let step = left.clamp(-1000, 1000);
        r *= 2f64.powi(step as i32);
        left -= step;
    }
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

/// The floats of an iterable or of the arguments themselves.
fn floats_of(vm: &mut Vm, values: &[Value]) -> PyResult<Vec<f64>> {
    values.iter().map(|v| to_float(vm, v)).collect()
}

/// The Euclidean norm of a vector, scaled so that squaring neither overflows nor
/// underflows.
fn vector_norm(values: &[f64]) -> f64 {
    if values.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if values.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    let max = values.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if max == 0.0 || values.len() <= 1 {
        return max;
    }
    if let [a, b] = values {
        return a.hypot(*b);
    }
    let sum: f64 = values.iter().map(|x| (x / max) * (x / max)).sum();
    max * sum.sqrt()
}

/// `math.hypot(*coordinates)`.
fn hypot(vm: &mut Vm, args: Args) -> PyResult {
    if !args.keywords.is_empty() {
        return Err(error(vm, "TypeError", "hypot() takes no keyword arguments"));
    }
    let values = floats_of(vm, &args.positional)?;
    Ok(Value::Float(vector_norm(&values)))
}

/// `math.dist(p, q)`: the distance between two points of the same dimension.
fn dist(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "dist", 2, 2)?;
    let p = iter::collect(vm, &args[0])?;
    let q = iter::collect(vm, &args[1])?;
    if p.len() != q.len() {
        return Err(error(
            vm,
            "ValueError",
            "both points must have the same number of dimensions",
        ));
    }
    let p = floats_of(vm, &p)?;
    let q = floats_of(vm, &q)?;
    let differences: Vec<f64> = p.iter().zip(&q).map(|(a, b)| (a - b).abs()).collect();
    Ok(Value::Float(vector_norm(&differences)))
}

/// `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn isclose(vm: &mut Vm, args: Args) -> PyResult {
    if args.positional.len() > 2 {
        let message = format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.positional.len()
        );
        return Err(error(vm, "TypeError", &message));
    }
    let bound = Params {
        name: "isclose",
        names: &["a", "b", "rel_tol", "abs_tol"],
        required: 0,
        positional: 2,
    }
    .bind(vm, args)?;
    for (slot, name) in [(0, "a"), (1, "b")] {
        if bound[slot].is_none() {
            let message = format!(
                "isclose() missing required argument '{name}' (pos {})",
                slot + 1
            );
            return Err(error(vm, "TypeError", &message));
        }
    }
    let mut numbers = [0.0, 0.0, 1e-9, 0.0];
    for (number, value) in numbers.iter_mut().zip(&bound) {
        if let Some(value) = value {
            *number = to_float(vm, value)?;
        }
    }
    let [a, b, rel_tol, abs_tol] = numbers;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(error(vm, "ValueError", "tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol,
    ))
}

/// `math.isnan`, `isinf` and `isfinite`.
fn classify(vm: &mut Vm, args: Args, name: &str, test: fn(f64) -> bool) -> PyResult {
    let args = c_args(vm, args, &format!("math.{name}"), 1, 1)?;
    let x = to_float(vm, &args[0])?;
    Ok(Value::Bool(test(x)))
}

fn isnan(vm: &mut Vm, args: Args) -> PyResult {
    classify(vm, args, "isnan", f64::is_nan)
}

fn isinf(vm: &mut Vm, args: Args) -> PyResult {
    classify(vm, args, "isinf", f64::is_infinite)
}

fn isfinite(vm: &mut Vm, args: Args) -> PyResult {
    classify(vm, args, "isfinite", f64::is_finite)
}

/// `math.fsum(iterable)`: the correctly rounded sum, by Shewchuk's exact partial sums
/// (CPython's `math_fsum`).
fn fsum(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "math.fsum", 1, 1)?;
    let items = iter::collect(vm, &args[0])?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    for item in &items {
        let mut x = to_float(vm, item)?;
        if !x.is_finite() {
            special += x;
            continue;
        }
        let mut kept = 0;
        for i in 0..partials.len() {
            let mut y = partials[i];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let high = x + y;
            let low = y - (high - x);
            if low != 0.0 {
                partials[kept] = low;
                kept += 1;
            }
            x = high;
        }
        partials.truncate(kept);
        partials.push(x);
    }
    if special != 0.0 || special.is_nan() {
        if special.is_nan()
            && items
                .iter()
                .all(|v| !matches!(v, Value::Float(x) if x.is_nan()))
        {
            return Err(error(vm, "ValueError", "-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    let Some(mut high) = partials.pop() else {
        return Ok(Value::Float(0.0));
    };
    let mut low = 0.0;
    while let Some(y) = partials.pop() {
        let x = high;
        high = x + y;
        let yr = high - x;
        low = y - yr;
        if low != 0.0 {
            break;
        }
    }
    // Round half to even across the partials, as the exact sum would.
    if let Some(&next) = partials.last()
        && ((low < 0.0 && next < 0.0) || (low > 0.0 && next > 0.0))
    {
        let y = low * 2.0;
        let x = high + y;
        if y == x - high {
            high = x;
        }
    }
    Ok(Value::Float(high))
}

/// `math.prod(iterable, *, start=1)`: the product, by `*` on whatever the items are.
fn prod(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "prod",
        names: &["iterable", "start"],
        required: 1,
        positional: 1,
    }
    .bind(vm, args)?;
    let mut product = bound[1].clone().unwrap_or(Value::Int(1));
    let iterable = bound[0].clone().unwrap_or_default();
    for item in iter::collect(vm, &iterable)? {
        product = ops::binary(vm, BinOp::Mult, &product, &item, false)?;
    }
    Ok(product)
}

/// The int arguments of the integer functions, as big ints.
fn ints_of(vm: &mut Vm, values: &[Value]) -> PyResult<Vec<BigInt>> {
    values
        .iter()
        .map(|value| match as_int(value) {
            Some(n) => Ok(n.to_big()),
            None => Err(not_an_integer(vm, value)),
        })
        .collect()
}

/// `math.gcd(*integers)`.
fn gcd(vm: &mut Vm, args: Args) -> PyResult {
    if !args.keywords.is_empty() {
        return Err(error(vm, "TypeError", "gcd() takes no keyword arguments"));
    }
    let numbers = ints_of(vm, &args.positional)?;
    let result = numbers.iter().fold(BigInt::zero(), |g, n| g.gcd(n));
    Ok(from_big(result))
}

/// `math.lcm(*integers)`.
fn lcm(vm: &mut Vm, args: Args) -> PyResult {
    if !args.keywords.is_empty() {
        return Err(error(vm, "TypeError", "lcm() takes no keyword arguments"));
    }
    let numbers = ints_of(vm, &args.positional)?;
    let mut result = BigInt::from(1i64);
    for n in &numbers {
        if n.is_zero() {
            return Ok(Value::Int(0));
        }
        let g = result.gcd(n);
        let quotient = result
            .div_mod_floor(&g)
            .map(|(q, _)| q)
            .unwrap_or_else(BigInt::zero);
        result = (&quotient * n).abs();
    }
    Ok(from_big(result))
}

/// One non-negative int argument of `isqrt`, `factorial`, `comb` and `perm`.
fn natural(vm: &mut Vm, value: &Value, message: &str) -> PyResult<BigInt> {
    let Some(n) = as_int(value) else {
        return Err(not_an_integer(vm, value));
    };
    if n.is_negative() {
        return Err(error(vm, "ValueError", message));
    }
    Ok(n.to_big())
}

/// `math.isqrt(n)`: the floor of the square root, exactly (Newton's method on ints).
fn isqrt(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "math.isqrt", 1, 1)?;
    let n = natural(vm, &args[0], "isqrt() argument must be nonnegative")?;
    if n.is_zero() {
        return Ok(Value::Int(0));
    }
    let mut x = &BigInt::from(1i64) << n.bit_length().div_ceil(2);
    loop {
        let quotient = n
            .div_mod_floor(&x)
            .map(|(q, _)| q)
            .unwrap_or_else(BigInt::zero);
        let next = &(&x + &quotient) >> 1;
        if next >= x {
            return Ok(from_big(x));
        }
        x = next;
    }
}

/// The product `low * (low+1) * … * high`, as a big int.
fn product_range(low: u64, high: u64) -> BigInt {
    let mut product = BigInt::from(1i64);
    let mut chunk: u64 = 1;
    for k in low..=high {
        // Multiply small factors together before touching the big int.
        match chunk.checked_mul(k) {
            Some(c) if c < (1 << 62) => chunk = c,
            _ => {
                product = &product * &BigInt::from(chunk);
                chunk = k;
            }
        }
    }
    &product * &BigInt::from(chunk)
}

fn small(vm: &mut Vm, n: &BigInt) -> PyResult<u64> {
    match n.to_i64() {
        Some(n) if n < 1 << 24 => Ok(n as u64),
        _ => Err(error(
            vm,
            "OverflowError",
            "factorial() argument should not exceed 9223372036854775807",
        )),
    }
}

/// `math.factorial(n)`.
fn factorial(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "math.factorial", 1, 1)?;
    let n = natural(vm, &args[0], "factorial() not defined for negative values")?;
    let n = small(vm, &n)?;
    Ok(from_big(product_range(2, n.max(1))))
}

/// `math.perm(n, k=None)`: ordered choices of `k` items out of `n`.
fn perm(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "perm", 1, 2)?;
    let n = natural(vm, &args[0], "n must be a non-negative integer")?;
    let k = match args.get(1) {
        None | Some(Value::None) => n.clone(),
        Some(k) => natural(vm, k, "k must be a non-negative integer")?,
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let (n, k) = (small(vm, &n)?, small(vm, &k)?);
    if k == 0 {
        return Ok(Value::Int(1));
    }
    Ok(from_big(product_range(n - k + 1, n)))
}

/// `math.comb(n, k)`: unordered choices of `k` items out of `n`.
fn comb(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "comb", 2, 2)?;
    let n = natural(vm, &args[0], "n must be a non-negative integer")?;
    let k = natural(vm, &args[1], "k must be a non-negative integer")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let (n, k) = (small(vm, &n)?, small(vm, &k)?);
    let k = k.min(n - k);
    if k == 0 {
        return Ok(Value::Int(1));
    }
    let numerator = product_range(n - k + 1, n);
    let denominator = product_range(1, k);
    let quotient = numerator
        .div_mod_floor(&denominator)
        .map(|(q, _)| q)
        .unwrap_or_else(BigInt::zero);
    Ok(from_big(quotient))
}
