//! From text to int: `int(text, base)` with CPython's rules (`PyLong_FromString`),
//! and the plain digit reader the lexer uses for literals.
//!
//! `int()` ignores whitespace around the number, takes one sign, reads a `0x`, `0o`
//! or `0b` prefix when the base is 0 (or matches it), allows single underscores
//! between digits, and also reads Unicode decimal digits such as `'１２３'`. With base 0
//! a decimal number may not start with 0 unless it is all zeros, as in source code.

use super::BigInt;
use super::magnitude;

/// CPython 3.11's default `sys.get_int_max_str_digits()`: the most digits `int()` reads
/// and `str()` writes in a base that is not a power of two.
pub const MAX_STR_DIGITS: usize = 4300;

/// Why `int(text, base)` failed; every case is a `ValueError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntFromStrError {
    /// The base is neither 0 nor in 2..=36.
    InvalidBase,
    /// The text is not an int in this base (the base as given, so 0 for base 0).
    InvalidLiteral { base: u32 },
    /// More digits than [`MAX_STR_DIGITS`] in a base that is not a power of two.
    TooManyDigits { digits: usize },
}

impl IntFromStrError {
    /// The `ValueError` message. `text_repr` is `repr()` of the text as it was given,
    /// which only [`IntFromStrError::InvalidLiteral`] shows; like CPython's `%.200R`,
    /// only its first 200 characters.
    pub fn message(&self, text_repr: &str) -> String {
        match *self {
            IntFromStrError::InvalidBase => "int() base must be >= 2 and <= 36, or 0".to_string(),
            IntFromStrError::InvalidLiteral { base } => {
                let shown: String = text_repr.chars().take(200).collect();
                format!("invalid literal for int() with base {base}: {shown}")
            }
            IntFromStrError::TooManyDigits { digits } => format!(
                "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            ),
        }
    }
}

/// Whether `digits` digits in `radix` may be read: [`IntFromStrError::TooManyDigits`]
/// past [`MAX_STR_DIGITS`], unless the radix is a power of two. The lexer checks
/// integer literals with it too (its `SyntaxError` adds a hint after the message).
pub fn check_str_digits_to_int(digits: usize, radix: u32) -> Result<(), IntFromStrError> {
    if digits > MAX_STR_DIGITS && !radix.is_power_of_two() {
        Err(IntFromStrError::TooManyDigits { digits })
    } else {
        Ok(())
    }
}

/// Non-ASCII characters `str.isspace()` accepts (Unicode 14.0, as CPython 3.11), as
/// ranges: `int()` strips them like ASCII white space.
const UNICODE_SPACES: [(u32, u32); 8] = [
    (0x85, 0x85),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
];

/// The digit zero of every non-ASCII run of decimal digits in Unicode 14.0 (each is
/// followed by 1 to 9): Arabic-Indic, Devanagari, full-width and so on.
const UNICODE_DECIMAL_ZEROS: [u32; 65] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// One character as `int()` reads it (CPython's
/// `_PyUnicode_TransformDecimalAndSpaceToASCII`): ASCII as it is, Unicode white space
/// as a space, a Unicode decimal digit as its ASCII digit, anything else as `?`,
/// which no base accepts.
fn to_ascii(c: char) -> u8 {
    let code = u32::from(c);
    if c.is_ascii() {
        return code as u8;
    }
    if UNICODE_SPACES
        .iter()
        .any(|&(low, high)| (low..=high).contains(&code))
    {
        return b' ';
    }
    let run = UNICODE_DECIMAL_ZEROS.partition_point(|&zero| zero <= code);
    match run.checked_sub(1).map(|i| code - UNICODE_DECIMAL_ZEROS[i]) {
        Some(digit @ 0..=9) => b'0' + digit as u8,
        _ => b'?',
    }
}

/// C's `isspace` in the "C" locale, which `PyLong_FromString` strips.
fn is_c_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The value of an ASCII digit or letter (`a` and `A` are 10, `z` 35), or `None`.
fn digit_value(byte: u8) -> Option<u32> {
    char::from(byte).to_digit(36)
}

impl BigInt {
    /// Reads digits already checked by the lexer: no sign, prefix or underscores, each
    /// digit below `radix` (2 to 36). `None` for an empty text or a stray character.
    /// The digit limit is not applied (see [`check_str_digits_to_int`]).
    pub fn from_str_radix(digits: &str, radix: u32) -> Option<BigInt> {
        assert!(
            (2..=36).contains(&radix),
            "from_str_radix: radix {radix} is not in 2..=36"
        );
        let values: Vec<u32> = digits
            .bytes()
            .map(|b| digit_value(b).filter(|&v| v < radix))
            .collect::<Option<_>>()?;
        if values.is_empty() {
            return None;
        }
        let magnitude = if radix.is_power_of_two() {
            pack_binary_base(&values, radix)
        } else {
            read_by_chunks(&values, radix)
        };
        Some(BigInt::from_parts(false, magnitude))
    }

    /// `int(text, base)` as CPython 3.11 reads it; see the module's documentation for
    /// the rules. `base` 0 reads the base from a prefix.
    pub fn parse(text: &str, base: u32) -> Result<BigInt, IntFromStrError> {
        if base != 0 && !(2..=36).contains(&base) {
            return Err(IntFromStrError::InvalidBase);
        }
        let invalid = IntFromStrError::InvalidLiteral { base };
        let bytes: Vec<u8> = text.chars().map(to_ascii).collect();
        let mut rest = bytes.as_slice();
        while let [first, tail @ ..] = rest
            && is_c_space(*first)
        {
            rest = tail;
        }
        let (negative, unsigned) = match rest {
            [b'-', tail @ ..] => (true, tail),
            [b'+', tail @ ..] => (false, tail),
            _ => (false, rest),
        };
        let value = BigInt::parse_unsigned(unsigned, base)?.ok_or(invalid)?;
        Ok(if negative { -&value } else { value })
    }

    /// `int()` after the sign: prefix, digits, trailing white space. `Ok(None)` when
    /// the text is not a number; `Err` only past the digit limit, which CPython checks
    /// as soon as the run of digits ends, before looking at what follows.
    fn parse_unsigned(text: &[u8], base: u32) -> Result<Option<BigInt>, IntFromStrError> {
        let prefix_base = match text {
            [b'0', b'x' | b'X', ..] => Some(16),
            [b'0', b'o' | b'O', ..] => Some(8),
            [b'0', b'b' | b'B', ..] => Some(2),
            _ => None,
        };
        // Base 0 without a prefix is decimal, but `010` is refused (not octal, as it
        // was in Python 2), while `0`, `00` and `0_0` are zero.
        let zero_only = base == 0 && prefix_base.is_none() && text.first() == Some(&b'0');
        let base = if base == 0 {
            prefix_base.unwrap_or(10)
        } else {
            base
        };
        let mut digits = text;
        if prefix_base == Some(base) {
            digits = &digits[2..];
            // One underscore may follow the prefix: `0x_ff`.
            if digits.first() == Some(&b'_') {
                digits = &digits[1..];
            }
        }
        let run = digits
            .iter()
            .take_while(|&&b| b == b'_' || digit_value(b).is_some_and(|v| v < base))
            .count();
        let (number, tail) = digits.split_at(run);
        let underscores_between_digits =
            number.split(|&b| b == b'_').all(|group| !group.is_empty());
        if number.is_empty() || !underscores_between_digits {
            return Ok(None);
        }
        check_str_digits_to_int(number.iter().filter(|&&b| b != b'_').count(), base)?;
        if !tail.iter().all(|&b| is_c_space(b)) {
            return Ok(None);
        }
        let clean: String = number
            .iter()
            .filter(|&&b| b != b'_')
            .map(|&b| char::from(b))
            .collect();
        let value = BigInt::from_str_radix(&clean, base);
        Ok(value.filter(|value| !zero_only || value.is_zero()))
    }
}

/// Limbs from the digits of a base that is a power of two: each digit is a group of
/// bits, placed from the lowest (the last digit) up.
fn pack_binary_base(values: &[u32], radix: u32) -> Vec<u32> {
    let width = radix.trailing_zeros() as usize;
    let bits = width * values.len();
    let mut limbs = vec![0u32; bits.div_ceil(magnitude::LIMB_BITS as usize) + 1];
    for (i, &value) in values.iter().rev().enumerate() {
        let bit = i * width;
        let (limb, shift) = (
            bit / magnitude::LIMB_BITS as usize,
            bit % magnitude::LIMB_BITS as usize,
        );
        let placed = u64::from(value) << shift;
        limbs[limb] |= placed as u32;
        limbs[limb + 1] |= (placed >> magnitude::LIMB_BITS) as u32;
    }
    limbs
}

/// Limbs from digits in any base, a chunk of digits at a time: multiply by the base
/// raised to the chunk's length, add the chunk's value.
fn read_by_chunks(values: &[u32], radix: u32) -> Vec<u32> {
    let (_, chunk_len) = magnitude::largest_power_in_limb(radix);
    let mut limbs = Vec::new();
    for chunk in values.chunks(chunk_len as usize) {
        let scale = radix.pow(chunk.len() as u32);
        let value = chunk.iter().fold(0, |acc, &digit| acc * radix + digit);
        magnitude::mul_add_small(&mut limbs, scale, value);
    }
    limbs
}
