//! Python's `int` beyond the 64-bit range: sign and magnitude, the magnitude in
//! 32-bit limbs, least significant first (CPython's `Objects/longobject.c` does the
//! same with 30-bit digits).
//!
//! The VM keeps ints as `i64` and moves to [`BigInt`] only when a result leaves that
//! range, so this is the slow path, but every operation follows Python exactly:
//! `//` and `%` floor, `&`, `|`, `^`, `~` and `>>` act on an infinite two's
//! complement, `hash` and comparisons with floats agree with CPython, and `str()`
//! refuses more than 4300 digits as CPython 3.11 does.

mod bitwise;
mod float;
mod format;
mod hash;
mod magnitude;
mod parse;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::ops::{Add, Mul, Neg, Sub};

pub use float::{
    FLOAT_INFINITY_TO_INT, FLOAT_NAN_TO_INT, INT_TOO_LARGE_FOR_FLOAT, TRUE_DIVIDE_TOO_LARGE,
    cmp_i64_f64,
};
pub use format::MAX_STR_DIGITS_TO_STR;
pub use hash::{hash_f64, hash_i64};
pub use parse::{IntFromStrError, MAX_STR_DIGITS, check_str_digits_to_int};

/// An integer of any size, as Python's `int`.
///
/// Always normalised: no high zero limbs, and zero is not negative, so the derived
/// `PartialEq` compares values. Python's `hash()` is [`BigInt::hash`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BigInt {
    negative: bool,
    magnitude: Vec<u32>,
}

impl BigInt {
    /// Builds a value from a sign and a magnitude that may carry high zero limbs.
    fn from_parts(negative: bool, mut magnitude: Vec<u32>) -> BigInt {
        magnitude::normalize(&mut magnitude);
        let negative = negative && !magnitude.is_empty();
        BigInt {
            negative,
            magnitude,
        }
    }

    /// `0`.
    pub fn zero() -> BigInt {
        BigInt::default()
    }

    /// Whether the value is `0`.
    pub fn is_zero(&self) -> bool {
        self.magnitude.is_empty()
    }

    /// Whether the value is below `0`.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The value as an `i64`, or `None` outside its range: the VM's way back to
    /// small ints after a big result.
    pub fn to_i64(&self) -> Option<i64> {
        let magnitude = magnitude::to_u64(&self.magnitude)?;
        if self.negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        }
    }

    /// `int.bit_length()`: bits needed to write `|self|`, `0` for zero.
    pub fn bit_length(&self) -> u64 {
        magnitude::bit_length(&self.magnitude)
    }

    /// How many 30-bit digits CPython stores for this value (`0` for zero), which is
    /// what `sys.getsizeof` counts: 24 bytes plus 4 per digit, at least one.
    pub fn digit_count(&self) -> u64 {
        self.bit_length().div_ceil(30)
    }

    /// `abs(self)`.
    pub fn abs(&self) -> BigInt {
        BigInt {
            negative: false,
            magnitude: self.magnitude.clone(),
        }
    }

    /// Compares with a small int without building a `BigInt` for it.
    pub fn cmp_i64(&self, other: i64) -> Ordering {
        match self.to_i64() {
            Some(value) => value.cmp(&other),
            None if self.negative => Ordering::Less,
            None => Ordering::Greater,
        }
    }

    /// `divmod(self, other)` as Python defines it: the quotient floored toward minus
    /// infinity, the remainder taking the divisor's sign, so `-7 // 2 == -4` and
    /// `-7 % 2 == 1`. `None` when `other` is zero (the caller raises
    /// `ZeroDivisionError`).
    pub fn div_mod_floor(&self, other: &BigInt) -> Option<(BigInt, BigInt)> {
        if other.is_zero() {
            return None;
        }
        let (quotient, remainder) = magnitude::divrem(&self.magnitude, &other.magnitude);
        let quotient = BigInt::from_parts(self.negative != other.negative, quotient);
        let remainder = BigInt::from_parts(self.negative, remainder);
        if !remainder.is_zero() && remainder.negative != other.negative {
            // Truncation rounded toward zero; floor is one further down.
            Some((&quotient - &BigInt::from(1i64), &remainder + other))
        } else {
            Some((quotient, remainder))
        }
    }

    /// `self ** exponent` for a non-negative exponent (a negative one gives a float,
    /// which is the caller's business), by squaring: the exponent's bits from the top,
    /// squaring at each and multiplying by `self` where the bit is set.
    pub fn pow(&self, exponent: u64) -> BigInt {
        let mut result = BigInt::from(1i64);
        for bit in (0..u64::BITS - exponent.leading_zeros()).rev() {
            result = &result * &result;
            if exponent >> bit & 1 == 1 {
                result = &result * self;
            }
        }
        result
    }

    /// Python's three-argument `pow(self, exponent, modulus)` for a non-negative
    /// exponent. The result takes the modulus's sign, as `%` does: `pow(3, 2, -5)` is
    /// `-1`. `None` when the modulus is zero (the caller raises
    /// `ValueError: pow() 3rd argument cannot be 0`).
    pub fn pow_mod(&self, exponent: &BigInt, modulus: &BigInt) -> Option<BigInt> {
        let reduce = |value: &BigInt| value.div_mod_floor(modulus).map(|(_, remainder)| remainder);
        let base = reduce(self)?;
        let mut result = reduce(&BigInt::from(1i64))?;
        for bit in (0..exponent.bit_length()).rev() {
            result = reduce(&(&result * &result))?;
            if exponent.bit(bit) {
                result = reduce(&(&result * &base))?;
            }
        }
        Some(result)
    }

    /// Bit `index` of the magnitude.
    fn bit(&self, index: u64) -> bool {
        let limb = (index / u64::from(magnitude::LIMB_BITS)) as usize;
        let shift = index % u64::from(magnitude::LIMB_BITS);
        self.magnitude
            .get(limb)
            .is_some_and(|&limb| limb >> shift & 1 == 1)
    }

    /// `math.gcd(self, other)`: never negative, `gcd(0, 0) == 0`. Euclid's algorithm:
    /// replace the pair by the smaller and the remainder until the remainder is zero.
    pub fn gcd(&self, other: &BigInt) -> BigInt {
        let (mut a, mut b) = (self.magnitude.clone(), other.magnitude.clone());
        while !b.is_empty() {
            let (_, remainder) = magnitude::divrem(&a, &b);
            a = std::mem::replace(&mut b, remainder);
        }
        BigInt::from_parts(false, a)
    }
}

impl From<u64> for BigInt {
    fn from(value: u64) -> BigInt {
        BigInt::from_parts(false, vec![value as u32, (value >> 32) as u32])
    }
}

impl From<i64> for BigInt {
    fn from(value: i64) -> BigInt {
        let mut result = BigInt::from(value.unsigned_abs());
        result.negative = value < 0;
        result
    }
}

impl From<i128> for BigInt {
    fn from(value: i128) -> BigInt {
        let magnitude = value.unsigned_abs();
        let limbs = (0..4).map(|i| (magnitude >> (32 * i)) as u32).collect();
        BigInt::from_parts(value < 0, limbs)
    }
}

impl Ord for BigInt {
    fn cmp(&self, other: &BigInt) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => magnitude::cmp(&self.magnitude, &other.magnitude),
            (true, true) => magnitude::cmp(&other.magnitude, &self.magnitude),
        }
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, other: &BigInt) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Neg for &BigInt {
    type Output = BigInt;

    /// `-self`.
    fn neg(self) -> BigInt {
        BigInt::from_parts(!self.negative, self.magnitude.clone())
    }
}

impl Add for &BigInt {
    type Output = BigInt;

    /// `self + other`: magnitudes add when the signs agree; otherwise the smaller
    /// magnitude comes off the larger, whose sign the result keeps.
    fn add(self, other: &BigInt) -> BigInt {
        if self.negative == other.negative {
            return BigInt::from_parts(
                self.negative,
                magnitude::x_add(&self.magnitude, &other.magnitude),
            );
        }
        match magnitude::cmp(&self.magnitude, &other.magnitude) {
            Ordering::Less => BigInt::from_parts(
                other.negative,
                magnitude::x_sub(&other.magnitude, &self.magnitude),
            ),
            _ => BigInt::from_parts(
                self.negative,
                magnitude::x_sub(&self.magnitude, &other.magnitude),
            ),
        }
    }
}

impl Sub for &BigInt {
    type Output = BigInt;

    /// `self - other`, as `self + (-other)`.
    fn sub(self, other: &BigInt) -> BigInt {
        self + &-other
    }
}

impl Mul for &BigInt {
    type Output = BigInt;

    /// `self * other`.
    fn mul(self, other: &BigInt) -> BigInt {
        BigInt::from_parts(
            self.negative != other.negative,
            magnitude::x_mul(&self.magnitude, &other.magnitude),
        )
    }
}
