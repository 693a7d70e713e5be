//! Text that Python computes from values, as pure functions: float repr and `round()`
//! ([`float`]), the format-spec mini-language behind `format()` and f-strings ([`spec`]),
//! `%`-formatting ([`printf`]), `str.format` templates ([`str_format`]), the `json` module
//! ([`json`]) and the `random` module ([`random`]).
//!
//! Nothing here knows the VM's value type. Where a function needs something of a Python
//! value (its `str()`, whether it is an int, an item of a mapping), it asks through a small
//! trait, and failures come back as a [`PyError`]: the exception class and CPython's exact
//! message, which the VM turns into a real exception.

pub mod float;
pub mod json;
pub mod printf;
pub mod random;
pub mod spec;
pub mod str_format;

use std::fmt;

/// A Python exception to raise: its class name and CPython's message for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyError {
    /// The exception class, as its name: `"ValueError"`, `"TypeError"`, `"KeyError"` …
    pub class: &'static str,
    /// The message as CPython words it. For a `KeyError` it is the repr of the key,
    /// because that is what `str()` of a `KeyError` shows.
    pub message: String,
}

impl PyError {
    /// An exception of `class` with `message`.
    pub fn new(class: &'static str, message: impl Into<String>) -> PyError {
        PyError {
            class,
            message: message.into(),
        }
    }

    /// A `ValueError`.
    pub fn value_error(message: impl Into<String>) -> PyError {
        PyError::new("ValueError", message)
    }

    /// A `TypeError`.
    pub fn type_error(message: impl Into<String>) -> PyError {
        PyError::new("TypeError", message)
    }

    /// An `OverflowError`.
    pub fn overflow_error(message: impl Into<String>) -> PyError {
        PyError::new("OverflowError", message)
    }

    /// An `IndexError`.
    pub fn index_error(message: impl Into<String>) -> PyError {
        PyError::new("IndexError", message)
    }

    /// A `KeyError` for a key whose repr is `key_repr` (`'a'` for the str `a`).
    pub fn key_error(key_repr: impl Into<String>) -> PyError {
        PyError::new("KeyError", key_repr)
    }
}

impl fmt::Display for PyError {
    /// `ValueError: message`, the last line of a traceback.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class, self.message)
    }
}

/// An int as the formatters read it: its sign and the digits of its magnitude.
///
/// Python ints have no size limit, so the formatters never hold one in a machine word;
/// `i64` and `i128` implement this, and so can a big-int type.
pub trait IntDigits {
    /// Whether the int is below zero.
    fn is_negative(&self) -> bool;

    /// The magnitude in `radix` (2, 8, 10 or 16): lowercase digits, no sign and no
    /// prefix, `"0"` for zero.
    fn magnitude_digits(&self, radix: u32) -> String;

    /// The int as the nearest float (ties to even, as `float(n)` rounds), or `None`
    /// when it is beyond the float range, where CPython raises
    /// `OverflowError: int too large to convert to float`.
    fn to_f64(&self) -> Option<f64> {
        let magnitude: f64 = self.magnitude_digits(10).parse().ok()?;
        let value = if self.is_negative() {
            -magnitude
        } else {
            magnitude
        };
        value.is_finite().then_some(value)
    }

    /// The int as an `i64`, if it fits.
    fn to_i64(&self) -> Option<i64> {
        let magnitude: i128 = self.magnitude_digits(10).parse().ok()?;
        let value = if self.is_negative() {
            -magnitude
        } else {
            magnitude
        };
        i64::try_from(value).ok()
    }
}

/// Implements [`IntDigits`] for a primitive integer type through its `unsigned_abs`.
macro_rules! int_digits_for_primitive {
    ($($int:ty),*) => {$(
        impl IntDigits for $int {
            fn is_negative(&self) -> bool {
                *self < 0
            }

            fn magnitude_digits(&self, radix: u32) -> String {
                let magnitude = self.unsigned_abs();
                match radix {
                    2 => format!("{magnitude:b}"),
                    8 => format!("{magnitude:o}"),
                    16 => format!("{magnitude:x}"),
                    _ => magnitude.to_string(),
                }
            }

            fn to_f64(&self) -> Option<f64> {
                Some(*self as f64)
            }

            fn to_i64(&self) -> Option<i64> {
                i64::try_from(*self).ok()
            }
        }
    )*};
}

int_digits_for_primitive!(i64, i128);

/// The first code point of each run of ten Unicode decimal digits (category Nd, 0 to 9),
/// as Unicode 14.0 (CPython 3.11's `unicodedata`) lists them.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The value of a decimal digit of any script (`'7'`, `'٧'`, `'७'`…), as CPython's
/// `Py_UNICODE_TODECIMAL` gives it: widths and indexes in format strings accept them.
pub fn decimal_digit_value(c: char) -> Option<u32> {
    let code = u32::from(c);
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let run = DECIMAL_ZEROS.partition_point(|&zero| zero <= code);
    let zero = DECIMAL_ZEROS[run.checked_sub(1)?];
    (code - zero < 10).then_some(code - zero)
}

/// CPython's `ascii()` made from a `repr()`: every character past ASCII becomes
/// `\xNN`, `\uNNNN` or `\UNNNNNNNN` (the `backslashreplace` error handler).
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let code = u32::from(c);
        match code {
            0..=0x7f => out.push(c),
            0x80..=0xff => out.push_str(&format!("\\x{code:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{code:04x}")),
            _ => out.push_str(&format!("\\U{code:08x}")),
        }
    }
    out
}

/// Parses an unsigned decimal number in any script, as CPython's `get_integer` in
/// `formatter_unicode.c` does: `None` when `digits` holds something other than decimal
/// digits (or nothing), and CPython's `ValueError` when the number passes `Py_ssize_t`.
fn parse_ssize(digits: &str) -> Result<Option<i64>, PyError> {
    if digits.is_empty() {
        return Ok(None);
    }
    let mut accumulator: i64 = 0;
    for c in digits.chars() {
        let Some(digit) = decimal_digit_value(c) else {
            return Ok(None);
        };
        accumulator = push_digit(accumulator, digit)?;
    }
    Ok(Some(accumulator))
}

/// `accumulator * 10 + digit`, or CPython's `ValueError` past `Py_ssize_t`.
fn push_digit(accumulator: i64, digit: u32) -> Result<i64, PyError> {
    accumulator
        .checked_mul(10)
        .and_then(|a| a.checked_add(i64::from(digit)))
        .ok_or_else(|| PyError::value_error("Too many decimal digits in format string"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_digits_of_primitives() {
        assert_eq!((-255i64).magnitude_digits(16), "ff");
        assert!((-255i64).is_negative());
        assert_eq!(i64::MIN.magnitude_digits(10), "9223372036854775808");
        assert_eq!(0i64.magnitude_digits(2), "0");
        assert_eq!(10i128.pow(30).to_i64(), None);
        assert_eq!(10i128.pow(30).to_f64(), Some(1e30));
    }

    /// An int known only by its decimal digits: the default conversions parse them.
    struct Decimal(&'static str);

    impl IntDigits for Decimal {
        fn is_negative(&self) -> bool {
            self.0.starts_with('-')
        }
        fn magnitude_digits(&self, _radix: u32) -> String {
            self.0.trim_start_matches('-').to_string()
        }
    }

    #[test]
    fn default_conversions_round_as_float_does() {
        // python3 3.11: float(2**53 + 1) == 9007199254740992.0, float(10**400) overflows.
        assert_eq!(
            Decimal("9007199254740993").to_f64(),
            Some(9007199254740992.0)
        );
        let huge: &'static str = Box::leak(format!("1{}", "0".repeat(400)).into_boxed_str());
        assert_eq!(Decimal(huge).to_f64(), None);
        assert_eq!(Decimal("-9223372036854775808").to_i64(), Some(i64::MIN));
        assert_eq!(Decimal("9223372036854775808").to_i64(), None);
    }

    #[test]
    fn decimal_digits_of_other_scripts() {
        // python3 3.11: unicodedata.decimal('٧') == 7, int('١٢') == 12.
        assert_eq!(decimal_digit_value('7'), Some(7));
        assert_eq!(decimal_digit_value('٧'), Some(7));
        assert_eq!(decimal_digit_value('𝟿'), Some(9));
        assert_eq!(decimal_digit_value('a'), None);
        assert_eq!(decimal_digit_value('五'), None);
        assert_eq!(parse_ssize("١٢"), Ok(Some(12)));
        assert_eq!(parse_ssize("1x"), Ok(None));
        assert_eq!(
            parse_ssize("99999999999999999999"),
            Err(PyError::value_error(
                "Too many decimal digits in format string"
            ))
        );
    }

    #[test]
    fn ascii_escapes_past_ascii() {
        // python3 3.11: ascii('é字😀') == "'\\xe9\\u5b57\\U0001f600'"
        assert_eq!(ascii_escape("'é字😀'"), "'\\xe9\\u5b57\\U0001f600'");
    }
}
