//! Python's int: 64-bit while the value fits, a [`BigInt`] past that, and back again,
//! so a learner's `2**100` and `factorial(50)` print as python3 prints them.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::bigint::BigInt;
use crate::syntax::ast::BinOp;
use crate::value::Value;

/// An int value, small or big, borrowed from a [`Value`].
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    pub fn to_big(&self) -> BigInt {
        match self {
            IntRef::Small(n) => BigInt::from(*n),
            IntRef::Big(b) => (*b).clone(),
        }
    }

    pub fn to_f64(&self) -> Result<f64, &'static str> {
        match self {
            IntRef::Small(n) => Ok(*n as f64),
            IntRef::Big(b) => b.to_f64(),
        }
    }

    pub fn is_negative(&self) -> bool {
        match self {
            IntRef::Small(n) => *n < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }

    pub fn is_zero(&self) -> bool {
        match self {
            IntRef::Small(n) => *n == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }

    pub fn to_i64(&self) -> Option<i64> {
        match self {
            IntRef::Small(n) => Some(*n),
            IntRef::Big(b) => b.to_i64(),
        }
    }
}

/// The int in `value` (bools are ints), if it is one.
pub fn as_int(value: &Value) -> Option<IntRef<'_>> {
    match value {
        Value::Int(n) => Some(IntRef::Small(*n)),
        Value::Bool(b) => Some(IntRef::Small(*b as i64)),
        Value::BigInt(b) => Some(IntRef::Big(b)),
        _ => None,
    }
}

/// A big result as a value: small again when it fits.
pub fn from_big(big: BigInt) -> Value {
    match big.to_i64() {
        Some(n) => Value::Int(n),
        None => Value::BigInt(Rc::new(big)),
    }
}

/// The value of an int literal's decimal digits (with a leading `-` for folded
/// negative constants).
pub fn int_from_literal(digits: &str) -> Value {
    match digits.parse::<i64>() {
        Ok(n) => Value::Int(n),
        Err(_) => {
            let (negative, digits) = match digits.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, digits),
            };
            let big = BigInt::from_str_radix(digits, 10).unwrap_or_else(BigInt::zero);
            from_big(if negative { -&big } else { big })
        }
    }
}

/// Why an int operation has no result.
pub enum IntError {
    ZeroDivision(&'static str),
    NegativeShift,
    Overflow(&'static str),
    /// `int ** negative`: the result is a float.
    NegativePower,
}

/// `a op b` for two ints.
pub fn binary(op: BinOp, a: IntRef, b: IntRef) -> Result<Value, IntError> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (&a, &b) {
        let (x, y) = (*x, *y);
        let small = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mult => x.checked_mul(y),
            BinOp::FloorDiv => {
                if y == 0 {
                    return Err(IntError::ZeroDivision("integer division or modulo by zero"));
                }
                x.checked_div_euclid(y).map(|_| floor_div(x, y))
            }
            BinOp::Mod => {
                if y == 0 {
                    return Err(IntError::ZeroDivision("integer modulo by zero"));
                }
                x.checked_rem(y).map(|r| {
                    if r != 0 && (r < 0) != (y < 0) {
                        r + y
                    } else {
                        r
                    }
                })
            }
            BinOp::BitAnd => Some(x & y),
            BinOp::BitOr => Some(x | y),
            BinOp::BitXor => Some(x ^ y),
            BinOp::LShift => {
                if y < 0 {
                    return Err(IntError::NegativeShift);
                }
                if y < 63 && (x << y) >> y == x {
                    Some(x << y)
                } else if x == 0 {
                    Some(0)
                } else {
                    None
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    return Err(IntError::NegativeShift);
                }
                Some(if y >= 64 {
                    if x < 0 { -1 } else { 0 }
                } else {
                    x >> y
                })
            }
            BinOp::Pow => {
                if y < 0 {
                    return Err(IntError::NegativePower);
                }
                u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
            }
            _ => None,
        };
        if let Some(n) = small {
            return Ok(Value::Int(n));
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    let result = match op {
        BinOp::Add => &x + &y,
        BinOp::Sub => &x - &y,
        BinOp::Mult => &x * &y,
        BinOp::FloorDiv | BinOp::Mod => {
            let Some((q, r)) = x.div_mod_floor(&y) else {
                return Err(IntError::ZeroDivision(if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                }));
            };
            if op == BinOp::Mod { r } else { q }
        }
        BinOp::BitAnd => &x & &y,
        BinOp::BitOr => &x | &y,
        BinOp::BitXor => &x ^ &y,
        BinOp::LShift | BinOp::RShift => {
            if y.is_negative() {
                return Err(IntError::NegativeShift);
            }
            let Some(shift) = y.to_i64().filter(|s| *s < (1 << 32)) else {
                return Err(IntError::Overflow("too many digits in integer"));
            };
            if op == BinOp::LShift {
                &x << shift as u64
            } else {
                &x >> shift as u64
            }
        }
        BinOp::Pow => {
            if y.is_negative() {
                return Err(IntError::NegativePower);
            }
            let Some(exponent) = y.to_i64().filter(|e| *e < (1 << 24) || x.bit_length() <= 1)
            else {
                return Err(IntError::Overflow("exponent too large"));
            };
            x.pow(exponent as u64)
        }
        _ => return Err(IntError::Overflow("unsupported")),
    };
    Ok(from_big(result))
}

fn floor_div(x: i64, y: i64) -> i64 {
    let q = x / y;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

/// Orders two ints.
pub fn compare(a: &IntRef, b: &IntRef) -> Ordering {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(y),
        (IntRef::Big(x), IntRef::Small(y)) => x.cmp_i64(*y),
        (IntRef::Small(x), IntRef::Big(y)) => y.cmp_i64(*x).reverse(),
        (IntRef::Big(x), IntRef::Big(y)) => x.cmp(y),
    }
}

/// Orders an int and a float exactly, as Python does (None when the float is NaN).
pub fn compare_float(a: &IntRef, x: f64) -> Option<Ordering> {
    match a {
        IntRef::Small(n) => crate::bigint::cmp_i64_f64(*n, x),
        IntRef::Big(b) => b.cmp_f64(x),
    }
}

/// `a / b` for two ints: correctly rounded.
pub fn true_divide(a: &IntRef, b: &IntRef) -> Result<f64, IntError> {
    if b.is_zero() {
        return Err(IntError::ZeroDivision("division by zero"));
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b)
        && x.unsigned_abs() < (1 << 53)
        && y.unsigned_abs() < (1 << 53)
    {
        return Ok(*x as f64 / *y as f64);
    }
    match a.to_big().true_div(&b.to_big()) {
        Some(Ok(x)) => Ok(x),
        Some(Err(message)) => Err(IntError::Overflow(message)),
        None => Err(IntError::ZeroDivision("division by zero")),
    }
}

/// `str(n)`, with CPython's limit on the digits of a huge int.
pub fn to_decimal(a: &IntRef) -> Result<String, &'static str> {
    match a {
        IntRef::Small(n) => Ok(n.to_string()),
        IntRef::Big(b) => b.to_decimal_string().map(|digits| {
            if b.is_negative() && !digits.starts_with('-') {
                format!("-{digits}")
            } else {
                digits
            }
        }),
    }
}

impl crate::text::IntDigits for IntRef<'_> {
    fn is_negative(&self) -> bool {
        IntRef::is_negative(self)
    }

    fn magnitude_digits(&self, radix: u32) -> String {
        match self {
            IntRef::Small(n) => n.magnitude_digits(radix),
            IntRef::Big(b) => b.to_str_radix(radix).unwrap_or_default(),
        }
    }

    fn to_f64(&self) -> Option<f64> {
        IntRef::to_f64(self).ok()
    }

    fn to_i64(&self) -> Option<i64> {
        IntRef::to_i64(self)
    }
}
