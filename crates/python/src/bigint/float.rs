//! Where ints meet floats: `float(n)` and `n / m` rounded correctly (half to even,
//! as CPython's `PyLong_AsDouble` and `long_true_divide`), `int(x)` for a float, and
//! the exact comparisons Python makes between an int and a float, so that
//! `2**53 + 1 > 2.0**53` is `True` even though `float(2**53 + 1) == 2.0**53`.

use std::cmp::Ordering;

use super::BigInt;
use super::magnitude;

/// `OverflowError` text of `float(n)` when `n` rounds past the largest float.
pub const INT_TOO_LARGE_FOR_FLOAT: &str = "int too large to convert to float";

/// `OverflowError` text of `n / m` when the quotient rounds past the largest float.
pub const TRUE_DIVIDE_TOO_LARGE: &str = "integer division result too large for a float";

/// `OverflowError` text of `int(x)` for an infinite `x`.
pub const FLOAT_INFINITY_TO_INT: &str = "cannot convert float infinity to integer";

/// `ValueError` text of `int(x)` for a NaN `x`.
pub const FLOAT_NAN_TO_INT: &str = "cannot convert float NaN to integer";

/// Bits in a float's significand, the leading 1 included (C's `DBL_MANT_DIG`).
const DBL_MANT_DIG: u64 = 53;

/// Exponent of the lowest bit a float can hold: the smallest subnormal is 2**-1074.
const MIN_EXPONENT: i64 = -1074;

/// Splits a finite float's absolute value into `significand * 2**exponent`, both
/// exact (C's `frexp`, but with an integer significand).
pub(super) fn decompose(x: f64) -> (u64, i64) {
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, MIN_EXPONENT)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// `2**exponent` as a float, for an exponent a float can hold exactly.
fn power_of_two(exponent: i64) -> f64 {
    debug_assert!((MIN_EXPONENT..=1023).contains(&exponent));
    if exponent >= -1022 {
        f64::from_bits(((exponent + 1023) as u64) << 52)
    } else {
        f64::from_bits(1 << (exponent - MIN_EXPONENT))
    }
}

/// Rounds `(limbs + inexact) * 2**exponent` to the nearest float, ties to even,
/// where `inexact` says that bits below `limbs` (worth less than its lowest
/// bit) were dropped. `None` when the result is too large for a float.
///
/// Only the top 64 bits of `limbs` matter; the rest fold into `inexact`. Then
/// the bits below the float's precision (53 bits, fewer for a subnormal) decide the
/// rounding: above half a unit rounds up, below rounds down, exactly half rounds to
/// the even neighbour.
fn round_to_f64(limbs: &[u32], exponent: i64, inexact: bool) -> Option<f64> {
    let bits = magnitude::bit_length(limbs);
    let dropped = bits.saturating_sub(64);
    let top = magnitude::to_u64(&magnitude::shr(limbs, dropped)).expect("at most 64 bits are left");
    let inexact = inexact || magnitude::low_bits_nonzero(limbs, dropped);
    let exponent = exponent + dropped as i64;
    let bits = (bits - dropped) as i64;
    // How many low bits of `top` the float cannot keep.
    let drop = (bits - DBL_MANT_DIG as i64).max(MIN_EXPONENT - exponent);
    let (kept, exponent) = if drop <= 0 {
        debug_assert!(!inexact, "round_to_f64: too few bits to round");
        (top, exponent)
    } else if drop > 64 {
        // Below half the smallest subnormal.
        (0, exponent + drop)
    } else {
        let wide = u128::from(top);
        let kept = (wide >> drop) as u64;
        let rest = wide & ((1u128 << drop) - 1);
        let half = 1u128 << (drop - 1);
        let round_up = rest > half || (rest == half && (inexact || kept & 1 == 1));
        (kept + u64::from(round_up), exponent + drop)
    };
    if kept == 0 {
        return Some(0.0);
    }
    if i64::from(u64::BITS - kept.leading_zeros()) + exponent > 1024 {
        return None;
    }
    Some(kept as f64 * power_of_two(exponent))
}

impl BigInt {
    /// `float(self)`, correctly rounded, or `Err` with the `OverflowError` text when it
    /// rounds past the largest float.
    pub fn to_f64(&self) -> Result<f64, &'static str> {
        let absolute = round_to_f64(&self.magnitude, 0, false).ok_or(INT_TOO_LARGE_FOR_FLOAT)?;
        Ok(if self.negative { -absolute } else { absolute })
    }

    /// `int(x)`: the float truncated toward zero, exactly. `None` for an infinity or a
    /// NaN, for which the caller raises with [`FLOAT_INFINITY_TO_INT`] or
    /// [`FLOAT_NAN_TO_INT`].
    pub fn from_f64(x: f64) -> Option<BigInt> {
        if !x.is_finite() {
            return None;
        }
        let (significand, exponent) = decompose(x.trunc());
        let significand = BigInt::from(significand);
        let absolute = if exponent >= 0 {
            &significand << exponent as u64
        } else {
            &significand >> exponent.unsigned_abs()
        };
        Some(if x < 0.0 { -&absolute } else { absolute })
    }

    /// `self / other`: the exact quotient rounded once to the nearest float, as
    /// CPython's `long_true_divide` does (dividing the two floats would round three
    /// times). `None` when `other` is zero (the caller raises `ZeroDivisionError`),
    /// `Err` with the `OverflowError` text when the quotient is too large.
    ///
    /// The quotient's magnitude is computed as an integer of 64 or 65 bits, by
    /// shifting the dividend or the divisor; its remainder says whether it is exact.
    pub fn true_div(&self, other: &BigInt) -> Option<Result<f64, &'static str>> {
        if other.is_zero() {
            return None;
        }
        let negative = self.negative != other.negative;
        let with_sign = |absolute: f64| if negative { -absolute } else { absolute };
        if let (Some(a), Some(b)) = (
            magnitude::to_u64(&self.magnitude),
            magnitude::to_u64(&other.magnitude),
        ) && a < 1 << DBL_MANT_DIG
            && b < 1 << DBL_MANT_DIG
        {
            // Both exact as floats, so one IEEE division rounds once.
            return Some(Ok(with_sign(a as f64 / b as f64)));
        }
        let shift = self.bit_length() as i64 - other.bit_length() as i64 - 64;
        let (dividend, divisor) = if shift >= 0 {
            (
                self.magnitude.clone(),
                magnitude::shl(&other.magnitude, shift as u64),
            )
        } else {
            (
                magnitude::shl(&self.magnitude, shift.unsigned_abs()),
                other.magnitude.clone(),
            )
        };
        let (quotient, remainder) = magnitude::divrem(&dividend, &divisor);
        Some(
            round_to_f64(&quotient, shift, !remainder.is_empty())
                .map(with_sign)
                .ok_or(TRUE_DIVIDE_TOO_LARGE),
        )
    }

    /// Compares with a float exactly, as Python compares an int with a float; `None`
    /// when `x` is a NaN (every comparison with it is false). Infinities lie beyond
    /// every int. Otherwise the int is compared with the float's integer part, and a
    /// tie is broken by the float's fractional part.
    pub fn cmp_f64(&self, x: f64) -> Option<Ordering> {
        if x.is_nan() {
            return None;
        }
        let Some(whole) = BigInt::from_f64(x) else {
            return Some(if x > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        };
        Some(
            self.cmp(&whole)
                .then_with(|| 0.0.partial_cmp(&(x - x.trunc())).unwrap_or(Ordering::Equal)),
        )
    }
}

/// Compares a small int with a float exactly, as [`BigInt::cmp_f64`] does for a big
/// one: `(2**53 + 1) > 2.0**53` although converting the int would round it down.
pub fn cmp_i64_f64(n: i64, x: f64) -> Option<Ordering> {
    if x.is_nan() {
        return None;
    }
    // Every float in [-2**63, 2**63) has an integer part that fits an i64.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if x >= LIMIT {
        return Some(Ordering::Less);
    }
    if x < -LIMIT {
        return Some(Ordering::Greater);
    }
    let whole = x.trunc();
    Some(
        n.cmp(&(whole as i64))
            .then_with(|| 0.0.partial_cmp(&(x - whole)).unwrap_or(Ordering::Equal)),
    )
}
