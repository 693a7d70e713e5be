//! The x87 80-bit `long double` that INCRBYFLOAT and HINCRBYFLOAT compute in.
//!
//! Redis parses both numbers with `strtold`, adds them, and prints the sum
//! with `%.17Lf`. A 64-bit mantissa shows through at 17 decimals
//! (`10.5 + 195.1` prints `205.60000000000000001`), so binary64 cannot
//! reproduce the replies. This module does the same arithmetic exactly:
//! decimal text to the nearest 64-bit-mantissa value, round-to-nearest-even
//! addition, and exact decimal printing, with a small unsigned big integer.

use std::cmp::Ordering;

/// An unsigned integer of any size, little-endian 32-bit limbs, no trailing zero limbs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Big {
        let mut big = Big(vec![n as u32, (n >> 32) as u32]);
        big.trim();
        big
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn bit_len(&self) -> u64 {
        self.0.last().map_or(0, |top| {
            (self.0.len() as u64 - 1) * 32 + u64::from(32 - top.leading_zeros())
        })
    }

    fn bit(&self, i: u64) -> bool {
        let limb = usize::try_from(i / 32).unwrap_or(usize::MAX);
        self.0.get(limb).is_some_and(|l| l >> (i % 32) & 1 == 1)
    }

    /// Whether any bit below `i` is set.
    fn any_below(&self, i: u64) -> bool {
        (0..i.min(self.bit_len())).any(|b| self.bit(b))
    }

    fn mul_add_small(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    fn shl(&self, bits: u64) -> Big {
        let (limbs, bits) = (usize::try_from(bits / 32).unwrap_or(0), (bits % 32) as u32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &limb in &self.0 {
            out.push(if bits == 0 {
                limb
            } else {
                (limb << bits) | carry
            });
            carry = if bits == 0 { 0 } else { limb >> (32 - bits) };
        }
        out.push(carry);
        let mut big = Big(out);
        big.trim();
        big
    }

    fn shr(&self, bits: u64) -> Big {
        let (limbs, bits) = (
            usize::try_from(bits / 32).unwrap_or(usize::MAX),
            (bits % 32) as u32,
        );
        let src = self.0.get(limbs..).unwrap_or_default();
        let mut out: Vec<u32> = (0..src.len())
            .map(|i| {
                let high = src.get(i + 1).copied().unwrap_or(0);
                if bits == 0 {
                    src[i]
                } else {
                    (src[i] >> bits) | (high << (32 - bits))
                }
            })
            .collect();
        out.truncate(src.len());
        let mut big = Big(out);
        big.trim();
        big
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    fn add(&self, other: &Big) -> Big {
        let mut out = Vec::with_capacity(self.0.len().max(other.0.len()) + 1);
        let mut carry = 0u64;
        for i in 0..self.0.len().max(other.0.len()) {
            let v = u64::from(self.0.get(i).copied().unwrap_or(0))
                + u64::from(other.0.get(i).copied().unwrap_or(0))
                + carry;
            out.push(v as u32);
            carry = v >> 32;
        }
        out.push(carry as u32);
        let mut big = Big(out);
        big.trim();
        big
    }

    /// `self - other`, for `self >= other`.
    fn sub(&self, other: &Big) -> Big {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let mut v =
                i64::from(self.0[i]) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            if v < 0 {
                v += 1 << 32;
            }
            out.push(v as u32);
        }
        let mut big = Big(out);
        big.trim();
        big
    }

    /// Quotient and whether the division left a remainder.
    fn div(&self, divisor: &Big) -> (Big, bool) {
        let mut rem = self.clone();
        let mut quotient = Big(Vec::new());
        let top = self.bit_len().saturating_sub(divisor.bit_len());
        for bit in (0..=top).rev() {
            let shifted = divisor.shl(bit);
            if rem.cmp(&shifted) != Ordering::Less {
                rem = rem.sub(&shifted);
                quotient = quotient.add(&Big::from_u64(1).shl(bit));
            }
        }
        (quotient, !rem.is_zero())
    }

    fn to_decimal(&self) -> String {
        let mut n = self.clone();
        let mut chunks = Vec::new();
        while !n.is_zero() {
            let mut rem = 0u64;
            for limb in n.0.iter_mut().rev() {
                let v = (rem << 32) | u64::from(*limb);
                *limb = (v / 1_000_000_000) as u32;
                rem = v % 1_000_000_000;
            }
            n.trim();
            chunks.push(rem);
        }
        let mut text = chunks
            .pop()
            .map_or_else(|| "0".to_string(), |top| top.to_string());
        for chunk in chunks.iter().rev() {
            text.push_str(&format!("{chunk:09}"));
        }
        text
    }
}

/// A finite `long double`: `(-1)^negative * mantissa * 2^exponent`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LongDouble {
    negative: bool,
    mantissa: u64,
    exponent: i64,
}

/// The longest text Redis reads as a long double (`MAX_LONG_DOUBLE_CHARS`);
/// anything longer is not a valid float to it.
const MAX_CHARS: usize = 5 * 1024;

/// The integer a string of digits in `radix` spells.
fn digits_value(digits: impl Iterator<Item = u32>, radix: u32) -> Big {
    let mut n = Big(Vec::new());
    for digit in digits {
        n.mul_add_small(radix, digit);
    }
    n
}

/// The largest binary exponent of a finite long double (its maximum is just below 2^16384).
const MAX_EXPONENT: i64 = 16384 - 64;
/// The exponent of the smallest normal long double's mantissa (2^-16382).
const MIN_EXPONENT: i64 = -16382 - 63;
/// Decimal exponents beyond this are out of range whatever the digits.
const MAX_DECIMAL_EXPONENT: i64 = 5000;

/// Rounds `n * 2^exponent` (plus a fraction below the last bit if `sticky`) to
/// a 64-bit mantissa, to nearest with ties to even. `None` when out of range.
fn round(negative: bool, n: &Big, exponent: i64, sticky: bool) -> Option<LongDouble> {
    if n.is_zero() {
        return Some(LongDouble {
            negative,
            mantissa: 0,
            exponent: 0,
        });
    }
    let len = n.bit_len();
    let (mut mantissa, mut exponent) = if len <= 64 {
        let shift = 64 - len;
        (n.shl(shift), exponent - i64::try_from(shift).ok()?)
    } else {
        let drop = len - 64;
        let mut top = n.shr(drop);
        let half = n.bit(drop - 1);
        let rest = sticky || n.any_below(drop - 1);
        if half && (rest || top.bit(0)) {
            top = top.add(&Big::from_u64(1));
        }
        (top, exponent + i64::try_from(drop).ok()?)
    };
    if mantissa.bit_len() > 64 {
        mantissa = mantissa.shr(1);
        exponent += 1;
    }
    if !(MIN_EXPONENT..=MAX_EXPONENT).contains(&exponent) {
        return None;
    }
    let mantissa = mantissa
        .0
        .iter()
        .rev()
        .fold(0u64, |acc, limb| (acc << 32) | u64::from(*limb));
    Some(LongDouble {
        negative,
        mantissa,
        exponent,
    })
}

impl LongDouble {
    /// `strtold` for decimal or hex text: `Err(true)` for a spelled-out
    /// infinity, `Err(false)` for anything else that is not a finite long
    /// double (NaN, garbage, out of range).
    fn parse(text: &str) -> Result<LongDouble, bool> {
        if text.len() > MAX_CHARS {
            return Err(false);
        }
        let (negative, body) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
            return Err(true);
        }
        let parsed = match body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            Some(hex) => Self::parse_hex(negative, hex),
            None => Self::parse_decimal(negative, body),
        };
        // strtold reports a number beyond the long double range as an error.
        parsed.flatten().ok_or(false)
    }

    /// C99 hexadecimal floats (`0x1.8p3`), which `strtold` also reads: hex
    /// digits with an optional point, then an optional binary exponent.
    fn parse_hex(negative: bool, body: &str) -> Option<Option<LongDouble>> {
        let (number, exp2) = match body.find(['p', 'P']) {
            Some(at) => (&body[..at], body[at + 1..].parse::<i64>().ok()?),
            None => (body, 0),
        };
        let (int, frac) = number.split_once('.').unwrap_or((number, ""));
        let digits = || int.chars().chain(frac.chars());
        if int.is_empty() && frac.is_empty() || !digits().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        if exp2.abs() > 4 * MAX_DECIMAL_EXPONENT {
            return Some(None);
        }
        let n = digits_value(digits().filter_map(|c| c.to_digit(16)), 16);
        let exponent = exp2 - 4 * i64::try_from(frac.len()).ok()?;
        Some(round(negative, &n, exponent, false))
    }

    /// Decimal digits with an optional point and exponent: `None` if
    /// malformed, `Some(None)` if out of range.
    fn parse_decimal(negative: bool, body: &str) -> Option<Option<LongDouble>> {
        let (number, exp10) = match body.find(['e', 'E']) {
            Some(at) => (&body[..at], body[at + 1..].parse::<i64>().ok()?),
            None => (body, 0),
        };
        let (int, frac) = number.split_once('.').unwrap_or((number, ""));
        let digits = || int.bytes().chain(frac.bytes());
        if int.is_empty() && frac.is_empty() || !digits().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let significant = digits().skip_while(|d| *d == b'0').count();
        if significant == 0 {
            return Some(Some(LongDouble {
                negative,
                mantissa: 0,
                exponent: 0,
            }));
        }
        let exp10 = exp10.checked_sub(i64::try_from(frac.len()).ok()?)?;
        let magnitude = exp10.checked_add(i64::try_from(significant).ok()?)?;
        if magnitude > MAX_DECIMAL_EXPONENT {
            return Some(None);
        }
        if magnitude < -MAX_DECIMAL_EXPONENT {
            // Underflow: strtold reports ERANGE, which Redis refuses like garbage.
            return None;
        }
        let n = digits_value(digits().map(|d| u32::from(d - b'0')), 10);
        if exp10 >= 0 {
            return Some(round(
                negative,
                &n.times_pow10(exp10.unsigned_abs()),
                0,
                false,
            ));
        }
        let divisor = Big::from_u64(1).times_pow10(exp10.unsigned_abs());
        let shift = (66 + divisor.bit_len()).saturating_sub(n.bit_len());
        let (quotient, inexact) = n.shl(shift).div(&divisor);
        Some(round(
            negative,
            &quotient,
            -i64::try_from(shift).ok()?,
            inexact,
        ))
    }

    /// `a + b`, rounded to nearest; `None` on overflow.
    fn add(&self, other: &LongDouble) -> Option<LongDouble> {
        let base = self.exponent.min(other.exponent);
        let widen =
            |x: &LongDouble| Big::from_u64(x.mantissa).shl((x.exponent - base).unsigned_abs());
        let (a, b) = (widen(self), widen(other));
        if self.negative == other.negative {
            return round(self.negative, &a.add(&b), base, false);
        }
        match a.cmp(&b) {
            Ordering::Equal => Some(LongDouble {
                negative: false,
                mantissa: 0,
                exponent: 0,
            }),
            Ordering::Greater => round(self.negative, &a.sub(&b), base, false),
            Ordering::Less => round(other.negative, &b.sub(&a), base, false),
        }
    }

    /// `%.17Lf` with trailing zeros (and a bare point) removed, and `-0` as `0`:
    /// Redis's `ld2string` in human mode.
    fn to_human(&self) -> String {
        const DECIMALS: usize = 17;
        let m = Big::from_u64(self.mantissa);
        let scaled = if self.exponent >= 0 {
            m.shl(self.exponent.unsigned_abs())
                .times_pow10(DECIMALS as u64)
        } else {
            let drop = self.exponent.unsigned_abs();
            let x = m.times_pow10(DECIMALS as u64);
            let mut q = x.shr(drop);
            if x.bit(drop - 1) && (x.any_below(drop - 1) || q.bit(0)) {
                q = q.add(&Big::from_u64(1));
            }
            q
        };
        let digits = format!("{:0>width$}", scaled.to_decimal(), width = DECIMALS + 1);
        let (int, frac) = digits.split_at(digits.len() - DECIMALS);
        let frac = frac.trim_end_matches('0');
        let number = if frac.is_empty() {
            int.to_string()
        } else {
            format!("{int}.{frac}")
        };
        if self.negative && number != "0" {
            format!("-{number}")
        } else {
            number
        }
    }
}

impl Big {
    /// `self * 10^n`.
    fn times_pow10(&self, n: u64) -> Big {
        let mut big = self.clone();
        for _ in 0..n {
            big.mul_add_small(10, 0);
        }
        big
    }
}

/// A timeout in seconds (fractions allowed) as whole milliseconds, rounded
/// up, as blocking commands read it. `Err(true)` when out of range,
/// `Err(false)` when not a number.
pub fn to_millis(text: &[u8]) -> Result<i64, bool> {
    let seconds = LongDouble::parse(std::str::from_utf8(text).map_err(|_| false)?)?;
    // `ftval *= 1000.0` rounds to a long double before `ceill` sees it.
    let scaled = Big::from_u64(seconds.mantissa).times_pow10(3);
    let millis = round(seconds.negative, &scaled, seconds.exponent, false).ok_or(true)?;
    let magnitude = Big::from_u64(millis.mantissa);
    let (whole, inexact) = if millis.exponent >= 0 {
        (magnitude.shl(millis.exponent.unsigned_abs()), false)
    } else {
        let drop = millis.exponent.unsigned_abs();
        (magnitude.shr(drop), magnitude.any_below(drop))
    };
    if whole.bit_len() > 62 {
        return Err(true);
    }
    let whole = whole
        .0
        .iter()
        .rev()
        .fold(0i64, |acc, limb| (acc << 32) | i64::from(*limb));
    Ok(match (millis.negative, inexact) {
        (false, true) => whole + 1,
        (false, false) => whole,
        (true, _) => -whole,
    })
}

/// Why INCRBYFLOAT could not add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumError {
    /// The first number is not one.
    FirstNotANumber,
    /// The second number is not one.
    SecondNotANumber,
    /// An operand or the sum is infinite.
    NotFinite,
}

/// INCRBYFLOAT's sum of two numbers, printed as Redis prints it.
pub fn add(a: &[u8], b: &[u8]) -> Result<String, SumError> {
    let parse = |text: &[u8], invalid: SumError| {
        let text = std::str::from_utf8(text).map_err(|_| invalid)?;
        LongDouble::parse(text).map_err(|infinite| {
            if infinite {
                SumError::NotFinite
            } else {
                invalid
            }
        })
    };
    let (a, b) = (
        parse(a, SumError::FirstNotANumber),
        parse(b, SumError::SecondNotANumber),
    );
    let (a, b) = match (a, b) {
        (Err(SumError::FirstNotANumber), _) => return Err(SumError::FirstNotANumber),
        (_, Err(SumError::SecondNotANumber)) => return Err(SumError::SecondNotANumber),
        (Ok(a), Ok(b)) => (a, b),
        _ => return Err(SumError::NotFinite),
    };
    a.add(&b)
        .map(|sum| sum.to_human())
        .ok_or(SumError::NotFinite)
}

#[cfg(test)]
mod tests {
    use super::add;

    fn sum(a: &str, b: &str) -> String {
        add(a.as_bytes(), b.as_bytes()).unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn sums_print_like_redis_long_doubles() {
        assert_eq!(sum("10.50", "0.1"), "10.6");
        assert_eq!(sum("10.6", "-5"), "5.6");
        assert_eq!(sum("5.6", "2.0e2"), "205.60000000000000001");
        assert_eq!(
            sum("205.60000000000000001", "1e3"),
            "1205.59999999999999998"
        );
        assert_eq!(sum("5.0e3", "2.0e2"), "5200");
        assert_eq!(sum("1.5", "-1.5"), "0");
        assert_eq!(sum("0.1", "0.2"), "0.3");
        assert_eq!(sum("-0.25", "0"), "-0.25");
        assert_eq!(sum("3", "1"), "4");
        assert_eq!(sum("10.1", "1000.1"), "1010.19999999999999996");
        assert_eq!(sum("0x10", "0x1.8p1"), "19");
    }

    #[test]
    fn out_of_range_and_garbage_are_refused() {
        assert_eq!(sum("1e5000", "1"), "FirstNotANumber");
        assert_eq!(sum("1e4932", "1e4932"), "NotFinite");
        assert_eq!(sum("1", "-inf"), "NotFinite");
        assert_eq!(sum("abc", "1"), "FirstNotANumber");
        assert_eq!(sum("1", " 1"), "SecondNotANumber");
        assert_eq!(sum("", "1"), "FirstNotANumber");
        assert_eq!(sum("nan", "1"), "FirstNotANumber");
    }

    #[test]
    fn numbers_longer_than_redis_reads_are_not_floats() {
        let long = format!("1.{}1", "0".repeat(6000));
        assert_eq!(sum(&long, "0"), "FirstNotANumber");
        let longest = format!("{}e-5110", "1".repeat(5112));
        assert_eq!(sum(&longest, "0"), "11.11111111111111111");
    }

    #[test]
    fn timeouts_round_up_to_the_millisecond() {
        assert_eq!(super::to_millis(b"0.1"), Ok(100));
        assert_eq!(super::to_millis(b"1.0001"), Ok(1001));
        assert_eq!(super::to_millis(b"-1"), Ok(-1000));
        assert_eq!(super::to_millis(b"inf"), Err(true));
        assert_eq!(super::to_millis(b"x"), Err(false));
    }
}
