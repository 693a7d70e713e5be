//! From int to digits: `str()` and `repr()` in decimal, `hex()`, `oct()`, `bin()` and
//! `format()` in their bases.
//!
//! Decimal digits come nine at a time: each pass divides the whole number by 10**9
//! and the remainder gives nine digits (CPython's `long_to_decimal_string` does the
//! same with its own 10**9 chunks). Bases that are powers of two need no division:
//! each digit is a group of bits (CPython's `long_format_binary`).
//!
//! CPython 3.11 refuses to write more than 4300 digits in a base that is not a power
//! of two (`sys.get_int_max_str_digits()`), because the conversion is quadratic.

use std::fmt;

use super::BigInt;
use super::magnitude;
use super::parse::MAX_STR_DIGITS;

/// `ValueError` text of `str(n)` when `n` has more than 4300 decimal digits.
pub const MAX_STR_DIGITS_TO_STR: &str = "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";

/// Digit characters, as `hex()` and `format()` write them.
const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Digits of a magnitude in a base that is a power of two: each digit is the next
/// group of bits, from the lowest.
fn format_binary_base(limbs: &[u32], radix: u32) -> Vec<u8> {
    let width = u64::from(radix.trailing_zeros());
    let count = magnitude::bit_length(limbs).div_ceil(width).max(1);
    let mask = u64::from(radix - 1);
    (0..count)
        .rev()
        .map(|i| {
            let bit = i * width;
            let limb = (bit / u64::from(magnitude::LIMB_BITS)) as usize;
            let low = limbs.get(limb).map_or(0, |&l| u64::from(l));
            let high = limbs.get(limb + 1).map_or(0, |&l| u64::from(l));
            let window = (high << magnitude::LIMB_BITS) | low;
            DIGITS[((window >> (bit % u64::from(magnitude::LIMB_BITS))) & mask) as usize]
        })
        .collect()
}

/// Digits of a magnitude in any base, by repeated division by the largest power of
/// the base that fits a limb; the remainders are chunks of digits, lowest first.
fn format_by_division(limbs: &[u32], radix: u32) -> Vec<u8> {
    let (divisor, chunk_digits) = magnitude::largest_power_in_limb(radix);
    let chunk_digits = chunk_digits as usize;
    let mut rest = limbs.to_vec();
    let mut chunks = Vec::new();
    while !rest.is_empty() {
        chunks.push(magnitude::inplace_divrem1(&mut rest, divisor));
        magnitude::normalize(&mut rest);
    }
    let mut digits = Vec::with_capacity(chunks.len() * chunk_digits);
    for (i, &chunk) in chunks.iter().rev().enumerate() {
        let mut chunk_text = [0u8; 32];
        let mut value = chunk;
        for slot in chunk_text[..chunk_digits].iter_mut().rev() {
            *slot = DIGITS[(value % radix) as usize];
            value /= radix;
        }
        // Only the leading chunk drops its leading zeros.
        let start = if i == 0 {
            chunk_text[..chunk_digits]
                .iter()
                .position(|&d| d != b'0')
                .unwrap_or(chunk_digits)
        } else {
            0
        };
        digits.extend_from_slice(&chunk_text[start..chunk_digits]);
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    digits
}

impl BigInt {
    /// The digits of `|self|` in `radix` (2 to 36), lower case, without sign or prefix:
    /// what `hex()`, `oct()`, `bin()` and `format()` put after the sign and prefix.
    ///
    /// `Err` with the `ValueError` text when the radix is not a power of two and more
    /// than 4300 digits would be written.
    pub fn to_str_radix(&self, radix: u32) -> Result<String, &'static str> {
        assert!(
            (2..=36).contains(&radix),
            "to_str_radix: radix {radix} is not in 2..=36"
        );
        if radix.is_power_of_two() {
            return Ok(ascii_string(format_binary_base(&self.magnitude, radix)));
        }
        // A number of b bits has at least (b - 1) * log(2) / log(radix) + 1 digits; the
        // spare digit covers rounding in the estimate.
        let fewest_digits =
            (self.bit_length().saturating_sub(1)) as f64 * 2f64.ln() / f64::from(radix).ln();
        if fewest_digits > (MAX_STR_DIGITS + 1) as f64 {
            return Err(MAX_STR_DIGITS_TO_STR);
        }
        let digits = format_by_division(&self.magnitude, radix);
        if digits.len() > MAX_STR_DIGITS {
            return Err(MAX_STR_DIGITS_TO_STR);
        }
        Ok(ascii_string(digits))
    }

    /// `str(self)` and `repr(self)`: signed decimal, or `Err` with the `ValueError`
    /// text past 4300 digits (the sign is not counted).
    pub fn to_decimal_string(&self) -> Result<String, &'static str> {
        let digits = self.to_str_radix(10)?;
        Ok(if self.negative {
            format!("-{digits}")
        } else {
            digits
        })
    }
}

/// Digit bytes as a `String` (they are all ASCII).
fn ascii_string(digits: Vec<u8>) -> String {
    digits.into_iter().map(char::from).collect()
}

/// Signed decimal of any length, without Python's digit limit: for messages and
/// tests on the Rust side. Python-visible text goes through
/// [`BigInt::to_decimal_string`].
impl fmt::Display for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = ascii_string(format_by_division(&self.magnitude, 10));
        f.pad_integral(!self.negative, "", &digits)
    }
}
