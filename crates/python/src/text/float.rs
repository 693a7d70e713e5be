//! Floats as text, the way CPython's `Python/pystrtod.c` writes them, and `round()` of a
//! float as `Objects/floatobject.c` computes it.
//!
//! CPython asks David Gay's `dtoa` for decimal digits (the shortest that read back to the
//! same float, or a correctly rounded number of them) and then lays the digits out
//! itself. Rust's own float formatting is also exact and correctly rounded (ties go to
//! even on the exact binary value, as in `dtoa`), so here Rust supplies the digits and
//! [`double_to_string`] does CPython's layout: where the point goes, when an exponent
//! is used, how `#` keeps the point and trailing zeros.

use super::PyError;
use std::fmt::Write;

/// Which layout [`double_to_string`] uses: the presentation types of `format()` and `%`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatFormat {
    /// `'e'`: one digit before the point, `precision` after it, and an exponent.
    Exponent,
    /// `'f'`: `precision` digits after the point, never an exponent.
    Fixed,
    /// `'g'`: `precision` significant digits, an exponent only for very large or small
    /// values, trailing zeros dropped.
    General,
    /// `repr()`: the shortest digits that read back to the same float, an exponent from
    /// 1e16 up and below 1e-4.
    Repr,
}

/// The flags of CPython's `PyOS_double_to_string` (`Py_DTSF_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FloatFlags {
    /// `'E'`, `'F'`, `'G'`: an upper-case `E`, `INF` and `NAN`.
    pub upper: bool,
    /// Write `+` before a number that is not negative (`Py_DTSF_SIGN`).
    pub always_sign: bool,
    /// Write `.0` after an integral value with no exponent (`Py_DTSF_ADD_DOT_0`): `repr`
    /// and the format type that is left empty.
    pub add_dot_0: bool,
    /// The `#` alternate form (`Py_DTSF_ALT`): keep the point, and for `'g'` the
    /// trailing zeros.
    pub alt: bool,
    /// The `z` option (`Py_DTSF_NO_NEG_0`): a value that rounds to zero loses its minus.
    pub no_neg_0: bool,
}

/// Which digits to ask for, as the modes of `dtoa`.
#[derive(Clone, Copy)]
enum DigitsMode {
    /// Mode 0: the shortest digits that round-trip.
    Shortest,
    /// Mode 2: this many significant digits, correctly rounded.
    Significant(usize),
    /// Mode 3: rounded to this many digits after the point.
    AfterPoint(usize),
}

/// A finite, non-negative float as `dtoa` returns it: the value is `0.DIGITS × 10^decpt`.
/// `digits` has no leading or trailing zeros, except that zero is `"0"` with `decpt` 1.
struct Digits {
    digits: String,
    decpt: i64,
}

impl Digits {
    /// The digits of `x` (finite, not negative) in `mode`.
    fn of(x: f64, mode: DigitsMode) -> Digits {
        match mode {
            DigitsMode::Shortest => Digits::shortest(x),
            DigitsMode::Significant(n) => {
                Digits::from_exponent_form(&format!("{:.*e}", n.max(1) - 1, x))
            }
            DigitsMode::AfterPoint(n) => Digits::from_fixed_form(&format!("{x:.n$}")),
        }
    }

    /// The shortest digits that read back to `x`, and of two equally short and equally
    /// near, the one ending in an even digit, as `dtoa` chooses: 833224189986576.25 is
    /// `833224189986576.2`, where Rust's shortest form says `.3`.
    ///
    /// Such a tie needs the float to lie exactly halfway between two candidates,
    /// which only happens when the float's spacing is at least one unit of the last
    /// digit, so with 16 or more digits; and then the float is `odd × 2^(p - 1)`
    /// where `10^p` is the unit of the last digit, which is cheap to test.
    fn shortest(x: f64) -> Digits {
        let shortest = Digits::from_exponent_form(&format!("{x:e}"));
        let len = shortest.digits.len();
        if len < 16 || shortest.digits.ends_with(['0', '2', '4', '6', '8']) {
            return shortest;
        }
        let last_digit_exponent = shortest.decpt - len as i64;
        if odd_power_of_two(x) != last_digit_exponent - 1 {
            return shortest;
        }
        let exact = Digits::of(x, DigitsMode::Significant(800));
        if exact.digits.len() != len + 1 || !exact.digits.ends_with('5') {
            return shortest;
        }
        // The two candidates are the exact digits cut to `len`, and that plus one in the
        // last place; the shortest form gave the odd one, so the even one is its
        // other neighbour.
        let mut even = exact.digits[..len].to_string();
        let mut decpt = exact.decpt;
        if even == shortest.digits {
            even = increment_digits(&even);
            if even.len() > len {
                even.pop();
                decpt += 1;
            }
        }
        let reads_back = format!("0.{even}e{decpt}").parse::<f64>() == Ok(x);
        if reads_back {
            Digits::normalized(even, decpt)
        } else {
            shortest
        }
    }

    /// Reads Rust's `{:e}` form, `1.2345e-5`.
    fn from_exponent_form(text: &str) -> Digits {
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
        let exponent: i64 = exponent.parse().unwrap_or(0);
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        Digits::normalized(digits, exponent + 1)
    }

    /// Reads Rust's fixed form, `123.4500`.
    fn from_fixed_form(text: &str) -> Digits {
        let (int_part, frac_part) = text.split_once('.').unwrap_or((text, ""));
        let decpt = int_part.len() as i64;
        Digits::normalized(format!("{int_part}{frac_part}"), decpt)
    }

    /// Drops leading zeros (each moves the point) and trailing zeros.
    fn normalized(mut digits: String, decpt: i64) -> Digits {
        let leading = digits.len() - digits.trim_start_matches('0').len();
        digits.drain(..leading);
        digits.truncate(digits.trim_end_matches('0').len());
        if digits.is_empty() {
            return Digits {
                digits: "0".to_string(),
                decpt: 1,
            };
        }
        Digits {
            digits,
            decpt: decpt - leading as i64,
        }
    }
}

/// The `q` of a finite, non-zero `x = ±odd × 2^q`.
fn odd_power_of_two(x: f64) -> i64 {
    let bits = x.to_bits();
    let fraction = bits & ((1 << 52) - 1);
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    exponent + i64::from(mantissa.trailing_zeros())
}

/// Writes `x` as CPython's `PyOS_double_to_string(x, code, precision, flags)` does:
/// `repr()`, `str()`, and the float presentation types of `format()` and `%`.
///
/// `precision` is digits after the point for `Exponent` and `Fixed`, significant digits
/// for `General` (0 counts as 1), and unused for `Repr`.
pub fn double_to_string(
    x: f64,
    format: FloatFormat,
    precision: usize,
    flags: FloatFlags,
) -> String {
    let mut out = String::new();
    if !x.is_finite() {
        if x.is_nan() {
            // The sign of a NaN is never shown.
            if flags.always_sign {
                out.push('+');
            }
            out.push_str(if flags.upper { "NAN" } else { "nan" });
        } else {
            if x < 0.0 {
                out.push('-');
            } else if flags.always_sign {
                out.push('+');
            }
            out.push_str(if flags.upper { "INF" } else { "inf" });
        }
        return out;
    }

    if format == FloatFormat::Fixed && !flags.alt && !flags.no_neg_0 {
        // Without those two flags, Rust's fixed notation is CPython's, and quicker.
        if flags.always_sign && x.is_sign_positive() {
            out.push('+');
        }
        let _ = write!(out, "{x:.precision$}");
        return out;
    }
    let (mode, precision) = match format {
        FloatFormat::Exponent => (DigitsMode::Significant(precision + 1), precision + 1),
        FloatFormat::Fixed => (DigitsMode::AfterPoint(precision), precision),
        FloatFormat::General => {
            let precision = precision.max(1);
            (DigitsMode::Significant(precision), precision)
        }
        FloatFormat::Repr => (DigitsMode::Shortest, 0),
    };
    let Digits { digits, mut decpt } = Digits::of(x.abs(), mode);
    let negative = x.is_sign_negative() && !(flags.no_neg_0 && digits == "0");
    let digits_len = digits.len() as i64;
    let precision = precision as i64;

    // The output is a slice of the digits padded with zeros on both sides,
    // `vdigits[vdigits_start..vdigits_end]`, with the point placed `decpt` after the
    // first digit.
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match format {
        FloatFormat::Exponent => {
            use_exp = true;
            vdigits_end = precision;
        }
        FloatFormat::Fixed => vdigits_end = decpt + precision,
        FloatFormat::General => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            use_exp = decpt <= -4 || decpt > limit;
            if flags.alt {
                vdigits_end = precision;
            }
        }
        FloatFormat::Repr => use_exp = decpt <= -4 || decpt > 16,
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    let least_end = if !use_exp && flags.add_dot_0 {
        decpt + 1
    } else {
        decpt
    };
    vdigits_end = vdigits_end.max(least_end);

    let zeros = |out: &mut String, n: i64| out.extend((0..n).map(|_| '0'));
    if negative {
        out.push('-');
    } else if flags.always_sign {
        out.push('+');
    }
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        let (int_digits, frac_digits) = digits.split_at(decpt as usize);
        out.push_str(int_digits);
        out.push('.');
        out.push_str(frac_digits);
    } else {
        out.push_str(&digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        out.push_str(&format!("{exp:+03}"));
    }
    out
}

/// `repr(x)`, which is also `str(x)`: `0.1`, `1e+16`, `1e-05`, `-0.0`, `inf`, `nan`.
pub fn repr_float(x: f64) -> String {
    let flags = FloatFlags {
        add_dot_0: true,
        ..FloatFlags::default()
    };
    double_to_string(x, FloatFormat::Repr, 0, flags)
}

/// `round(x)` with no `ndigits`: the nearest integer, ties to even, still as a float
/// (the caller makes the int). Infinities and NaN cannot become ints.
pub fn round_float_to_int(x: f64) -> Result<f64, PyError> {
    if x.is_nan() {
        return Err(PyError::value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(PyError::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    let rounded = x.round();
    if (x - rounded).abs() == 0.5 {
        Ok(2.0 * (x / 2.0).round())
    } else {
        Ok(rounded)
    }
}

/// `round(x, ndigits)`: `x` rounded to `ndigits` decimal places (tens, hundreds… when
/// negative), correctly rounded from its exact binary value with ties to even, as
/// CPython's `double_round`: `round(2.675, 2) == 2.67` because 2.675 is stored as
/// 2.67499999…
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, PyError> {
    // Past these, every float rounds to itself or to zero (floatobject.c's NDIGITS_MAX
    // and NDIGITS_MIN, from 0.30103 as a bound on log10(2)).
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let text = if ndigits >= 0 {
        format!("{:.*}", ndigits as usize, x)
    } else {
        let (digits, exponent) = round_to_power_of_ten(x.abs(), -ndigits);
        format!("{sign}{digits}e{exponent}")
    };
    let rounded: f64 = text.parse().unwrap_or(0.0 * x);
    if rounded.is_infinite() {
        return Err(PyError::overflow_error(
            "rounded value too large to represent",
        ));
    }
    Ok(rounded)
}

/// `x` (finite, not negative) rounded to a multiple of `10^places`, ties to even, as
/// digits and a power of ten: the result is `digits × 10^places`.
fn round_to_power_of_ten(x: f64, places: i64) -> (String, i64) {
    // 767 significant digits hold any double exactly.
    let exact = Digits::of(x, DigitsMode::Significant(800));
    // How many digits of `x` lie above the unit `10^places`.
    let keep = exact.decpt - places;
    if keep < 0 || exact.digits == "0" {
        return ("0".to_string(), places);
    }
    let digits = exact.digits.as_bytes();
    let split = (keep as usize).min(digits.len());
    let (kept, rest) = digits.split_at(split);
    let round_up = match rest.first() {
        None => false,
        Some(&first) if first != b'5' => first > b'5',
        // Exactly 5 then nothing: a tie, which goes to the even neighbour.
        Some(_) if rest[1..].iter().any(|&d| d != b'0') => true,
        Some(_) => kept.last().is_some_and(|&d| (d - b'0') % 2 == 1),
    };
    let mut number = String::from_utf8_lossy(kept).into_owned();
    number.extend(std::iter::repeat_n('0', keep as usize - kept.len()));
    if number.is_empty() {
        number.push('0');
    }
    if round_up {
        number = increment_digits(&number);
    }
    (number, places)
}

/// A string of decimal digits plus one: `"129"` gives `"130"`, `"99"` gives `"100"`.
fn increment_digits(digits: &str) -> String {
    let mut number = digits.as_bytes().to_vec();
    match number.iter().rposition(|&d| d != b'9') {
        Some(i) => {
            number[i] += 1;
            number[i + 1..].fill(b'0');
        }
        None => {
            number.fill(b'0');
            number.insert(0, b'1');
        }
    }
    String::from_utf8_lossy(&number).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(x: f64, format: FloatFormat, precision: usize) -> String {
        double_to_string(x, format, precision, FloatFlags::default())
    }

    #[test]
    fn repr_matches_python() {
        // python3 3.11: repr() of each value.
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1"),
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (2e16 + 8.0, "2.000000000000001e+16"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (0.00012345, "0.00012345"),
            (1.5e-7, "1.5e-07"),
            (1e100, "1e+100"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-f64::NAN, "nan"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1.0 / 3.0, "0.3333333333333333"),
            (100.0, "100.0"),
            (-2.5, "-2.5"),
            (9007199254740993.0, "9007199254740992.0"),
            // Exactly halfway between two 16-digit candidates: the even one.
            (833224189986576.0 + 0.25, "833224189986576.2"),
            (-1935995746653400.0 - 0.25, "-1935995746653400.2"),
            (679116055106199.0 + 0.25, "679116055106199.2"),
            (4503599627370495.5, "4503599627370495.5"),
        ];
        for &(x, expected) in cases {
            assert_eq!(repr_float(x), expected, "repr of {x:e}");
        }
    }

    #[test]
    fn presentation_types_match_python() {
        // python3 3.11: '%.2f' % 0.125 == '0.12', '%.0f' % 0.5 == '0', '%.0f' % 1.5 == '2',
        // '%e' % 12345.678 == '1.234568e+04', '%g' % 1e-5 == '1e-05',
        // '%g' % 123456789 == '1.23457e+08', '%g' % 100000 == '100000',
        // '%g' % 1000000 == '1e+06', '%.3g' % 0.0001234 == '0.000123',
        // '%.0e' % 15 == '2e+01', '%.0g' % 15 == '2e+01', '%.1f' % 0.001 == '0.0',
        // '%.1f' % -0.001 == '-0.0', '%f' % 1e-7 == '0.000000', '%.17g' % 1e16 == '10000000000000000'
        assert_eq!(fmt(0.125, FloatFormat::Fixed, 2), "0.12");
        assert_eq!(fmt(0.5, FloatFormat::Fixed, 0), "0");
        assert_eq!(fmt(1.5, FloatFormat::Fixed, 0), "2");
        assert_eq!(fmt(12345.678, FloatFormat::Exponent, 6), "1.234568e+04");
        assert_eq!(fmt(1e-5, FloatFormat::General, 6), "1e-05");
        assert_eq!(fmt(123456789.0, FloatFormat::General, 6), "1.23457e+08");
        assert_eq!(fmt(100000.0, FloatFormat::General, 6), "100000");
        assert_eq!(fmt(1000000.0, FloatFormat::General, 6), "1e+06");
        assert_eq!(fmt(0.0001234, FloatFormat::General, 3), "0.000123");
        assert_eq!(fmt(15.0, FloatFormat::Exponent, 0), "2e+01");
        assert_eq!(fmt(15.0, FloatFormat::General, 0), "2e+01");
        assert_eq!(fmt(0.001, FloatFormat::Fixed, 1), "0.0");
        assert_eq!(fmt(-0.001, FloatFormat::Fixed, 1), "-0.0");
        assert_eq!(fmt(1e-7, FloatFormat::Fixed, 6), "0.000000");
        assert_eq!(fmt(1e16, FloatFormat::General, 17), "10000000000000000");
        // python3 3.11: '%f' % 1e300 is the exact integer value of the double.
        assert_eq!(
            fmt(1e300, FloatFormat::Fixed, 0),
            "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160"
        );
    }

    #[test]
    fn flags_match_python() {
        // python3 3.11: '%#.0f' % 3.0 == '3.', '%#g' % 1.0 == '1.00000',
        // '%#.3g' % 0.0 == '0.00', '%#.0e' % 100 == '1.e+02', '%+.2e' % 12345.678 == '+1.23e+04',
        // '%E' % 1.5 == '1.500000E+00', '%F' % float('inf') == 'INF',
        // format(-0.001, 'z.1f') == '0.0', format(-0.0, 'z') == '0.0',
        // format(1.5, '.0') == '2e+00', format(1e16, '.17') == '1e+16'.
        let alt = FloatFlags {
            alt: true,
            ..FloatFlags::default()
        };
        assert_eq!(double_to_string(3.0, FloatFormat::Fixed, 0, alt), "3.");
        assert_eq!(
            double_to_string(1.0, FloatFormat::General, 6, alt),
            "1.00000"
        );
        assert_eq!(double_to_string(0.0, FloatFormat::General, 3, alt), "0.00");
        assert_eq!(
            double_to_string(100.0, FloatFormat::Exponent, 0, alt),
            "1.e+02"
        );
        let sign = FloatFlags {
            always_sign: true,
            ..FloatFlags::default()
        };
        assert_eq!(
            double_to_string(12345.678, FloatFormat::Exponent, 2, sign),
            "+1.23e+04"
        );
        let upper = FloatFlags {
            upper: true,
            ..FloatFlags::default()
        };
        assert_eq!(
            double_to_string(1.5, FloatFormat::Exponent, 6, upper),
            "1.500000E+00"
        );
        assert_eq!(
            double_to_string(f64::INFINITY, FloatFormat::Fixed, 6, upper),
            "INF"
        );
        let no_neg_0 = FloatFlags {
            no_neg_0: true,
            ..FloatFlags::default()
        };
        assert_eq!(
            double_to_string(-0.001, FloatFormat::Fixed, 1, no_neg_0),
            "0.0"
        );
        assert_eq!(
            double_to_string(-0.01, FloatFormat::Fixed, 2, no_neg_0),
            "-0.01"
        );
        let add_dot_0 = FloatFlags {
            add_dot_0: true,
            ..FloatFlags::default()
        };
        assert_eq!(
            double_to_string(1.5, FloatFormat::General, 0, add_dot_0),
            "2e+00"
        );
        assert_eq!(
            double_to_string(1e16, FloatFormat::General, 17, add_dot_0),
            "1e+16"
        );
        assert_eq!(
            double_to_string(1234.5, FloatFormat::General, 12, add_dot_0),
            "1234.5"
        );
        assert_eq!(
            double_to_string(12.0, FloatFormat::General, 12, add_dot_0),
            "12.0"
        );
    }

    #[test]
    fn round_matches_python() {
        // python3 3.11: round(x, n) for each case.
        let cases: &[(f64, i64, f64)] = &[
            (2.675, 2, 2.67),
            (0.125, 2, 0.12),
            (0.375, 2, 0.38),
            (2.5, 0, 2.0),
            (-0.4, 0, -0.0),
            (1234.5678, -2, 1200.0),
            (1250.0, -2, 1200.0),
            (1350.0, -2, 1400.0),
            (1250.0001, -2, 1300.0),
            (5.0, -1, 0.0),
            (15.0, -1, 20.0),
            (49.0, -2, 0.0),
            (50.0, -2, 0.0),
            (51.0, -2, 100.0),
            (-51.0, -2, -100.0),
            (4.0, -1, 0.0),
            (999.9, -3, 1000.0),
            (123.456, 400, 123.456),
            (123.456, -400, 0.0),
            (1e300, -299, 1e300),
            (0.1 + 0.2, 15, 0.3),
        ];
        for &(x, n, expected) in cases {
            let got = round_float(x, n).unwrap();
            assert_eq!(got, expected, "round({x}, {n})");
            assert_eq!(
                got.is_sign_negative(),
                expected.is_sign_negative(),
                "sign of round({x}, {n})"
            );
        }
        // python3 3.11: round(-5.0, -1) == -0.0, round(-123.0, -400) == -0.0,
        // round(1.7976931348623157e308, -308) raises OverflowError.
        assert!(round_float(-5.0, -1).unwrap().is_sign_negative());
        assert!(round_float(-123.0, -400).unwrap().is_sign_negative());
        assert_eq!(
            round_float(1.7976931348623157e308, -308),
            Err(PyError::overflow_error(
                "rounded value too large to represent"
            ))
        );
        assert!(round_float(f64::NAN, 2).unwrap().is_nan());
    }

    #[test]
    fn round_to_int_matches_python() {
        // python3 3.11: round(0.5) == 0, round(1.5) == 2, round(2.5) == 2, round(-0.5) == 0,
        // round(-1.5) == -2, round(2.675) == 3, round(0.49999999999999994) == 0.
        let cases: &[(f64, f64)] = &[
            (0.5, 0.0),
            (1.5, 2.0),
            (2.5, 2.0),
            (-0.5, -0.0),
            (-1.5, -2.0),
            (2.675, 3.0),
            (0.49999999999999994, 0.0),
            (1e300, 1e300),
        ];
        for &(x, expected) in cases {
            assert_eq!(round_float_to_int(x).unwrap(), expected, "round({x})");
        }
        assert_eq!(
            round_float_to_int(f64::INFINITY),
            Err(PyError::overflow_error(
                "cannot convert float infinity to integer"
            ))
        );
        assert_eq!(
            round_float_to_int(f64::NAN),
            Err(PyError::value_error("cannot convert float NaN to integer"))
        );
    }
}
