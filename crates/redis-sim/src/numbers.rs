//! Reading and writing numbers exactly as Redis does (util.c): strict integers,
//! `strtod`-style floats, `%.17g` scores and INCRBYFLOAT's 17 decimals.

/// `string2ll`: a 64-bit integer with no sign other than `-`, no spaces and no
/// leading zeros. Anything else is not an integer to Redis.
pub fn parse_i64(bytes: &[u8]) -> Option<i64> {
    let digits = bytes.strip_prefix(b"-").unwrap_or(bytes);
    let valid = match digits {
        [] => false,
        [b'0'] => digits.len() == bytes.len(),
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    if !valid {
        return None;
    }
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

/// `strtod` as Redis uses it for scores and float arguments: no leading space,
/// nothing after the number, no NaN, and no overflow to infinity.
pub fn parse_f64(bytes: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text.is_empty() || text.starts_with(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    let spelled_infinite = text.to_ascii_lowercase().contains("inf");
    let underflowed = value == 0.0
        && text
            .bytes()
            .take_while(|b| !matches!(b, b'e' | b'E'))
            .any(|b| (b'1'..=b'9').contains(&b));
    if value.is_nan() || (value.is_infinite() && !spelled_infinite) || underflowed {
        return None;
    }
    Some(value)
}

/// `%.17g`: how Redis 7.0 prints a double in a reply (ZSCORE, ZRANGE WITHSCORES).
pub fn format_double(value: f64) -> String {
    if value.is_infinite() {
        return if value > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    if value == 0.0 {
        return if value.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let sci = format!("{value:.16e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if !(-4..17).contains(&exponent) {
        let mantissa = trim_fraction(mantissa);
        let sign = if exponent < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exponent.abs());
    }
    let decimals = usize::try_from(16 - exponent).unwrap_or(0);
    trim_fraction(&format!("{value:.decimals$}")).to_string()
}

/// Drops trailing zeros after a decimal point, and the point itself if nothing is left.
fn trim_fraction(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// A decimal number held exactly: `mantissa * 10^-scale`.
///
/// Redis computes INCRBYFLOAT in `long double` and prints 17 decimals, which for
/// the numbers people type gives the decimal they expect (`10.1`, not
/// `10.0999...`). Exact decimal arithmetic reproduces that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Digits after the point that INCRBYFLOAT keeps (`%.17Lf`).
const HUMAN_DECIMALS: u32 = 17;

impl Decimal {
    /// Parses `[-+]digits[.digits][e[-+]digits]` exactly, if it fits.
    fn parse(text: &str) -> Option<Decimal> {
        let (number, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i32>().ok()?),
            None => (text, 0),
        };
        let (negative, number) = match number.as_bytes().first() {
            Some(b'-') => (true, &number[1..]),
            Some(b'+') => (false, &number[1..]),
            _ => (false, number),
        };
        let (int, frac) = number.split_once('.').unwrap_or((number, ""));
        if int.is_empty() && frac.is_empty()
            || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa
                .checked_mul(10)?
                .checked_add(i128::from(b - b'0'))?;
        }
        let mut scale = i64::try_from(frac.len()).ok()? - i64::from(exponent);
        while scale < 0 {
            mantissa = mantissa.checked_mul(10)?;
            scale += 1;
        }
        let mut decimal = Decimal {
            mantissa: if negative { -mantissa } else { mantissa },
            scale: u32::try_from(scale).ok()?,
        };
        decimal.round_to(HUMAN_DECIMALS);
        Some(decimal)
    }

    /// Rounds half to even to at most `decimals` digits after the point.
    fn round_to(&mut self, decimals: u32) {
        while self.scale > decimals {
            let (q, r) = (self.mantissa / 10, self.mantissa % 10);
            let round_away = r.abs() > 5 || (r.abs() == 5 && q % 2 != 0);
            self.mantissa = if round_away {
                q + self.mantissa.signum()
            } else {
                q
            };
            self.scale -= 1;
        }
    }

    fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let widen = |d: Decimal| d.mantissa.checked_mul(10i128.checked_pow(scale - d.scale)?);
        Some(Decimal {
            mantissa: widen(self)?.checked_add(widen(other)?)?,
            scale,
        })
    }

    fn to_text(self) -> String {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        let frac = frac.trim_end_matches('0');
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if frac.is_empty() {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac}")
        }
    }
}

/// INCRBYFLOAT's arithmetic: the sum of two float strings, printed as Redis
/// prints it, or `None` if the result would not be finite.
pub fn add_float_strings(current: &[u8], increment: &[u8]) -> Option<String> {
    let (a, b) = (
        std::str::from_utf8(current).ok()?,
        std::str::from_utf8(increment).ok()?,
    );
    if let (Some(x), Some(y)) = (Decimal::parse(a), Decimal::parse(b))
        && let Some(sum) = x.checked_add(y)
    {
        return Some(sum.to_text());
    }
    // Out of exact range: fall back to binary floating point.
    let sum = parse_f64(current)? + parse_f64(increment)?;
    sum.is_finite().then(|| {
        let text = format!("{sum:.17}");
        let text = trim_fraction(&text);
        if text == "-0" {
            "0".to_string()
        } else {
            text.to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_strict() {
        assert_eq!(parse_i64(b"-42"), Some(-42));
        assert_eq!(parse_i64(b"0"), Some(0));
        for bad in [
            &b"+1"[..],
            b" 1",
            b"01",
            b"-0",
            b"",
            b"1.0",
            b"9223372036854775808",
        ] {
            assert_eq!(parse_i64(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn floats_follow_strtod() {
        assert_eq!(parse_f64(b"1.5"), Some(1.5));
        assert_eq!(parse_f64(b"-inf"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_f64(b"1e400"), None);
        assert_eq!(parse_f64(b" 1"), None);
        assert_eq!(parse_f64(b"nan"), None);
    }

    #[test]
    fn scores_print_with_17_significant_digits() {
        assert_eq!(format_double(1.1), "1.1000000000000001");
        assert_eq!(format_double(2.0), "2");
        assert_eq!(format_double(1e20), "1e+20");
        assert_eq!(format_double(0.0001), "0.0001");
        assert_eq!(format_double(1e-5), "1.0000000000000001e-05");
        assert_eq!(
            format_double(123456789012345678.0),
            "1.2345678901234568e+17"
        );
        assert_eq!(format_double(0.1), "0.10000000000000001");
    }

    #[test]
    fn incrbyfloat_sums_print_as_typed() {
        assert_eq!(add_float_strings(b"10", b"0.1").as_deref(), Some("10.1"));
        assert_eq!(
            add_float_strings(b"5.0e3", b"2.0e2").as_deref(),
            Some("5200")
        );
        assert_eq!(add_float_strings(b"1.5", b"-1.5").as_deref(), Some("0"));
        assert_eq!(add_float_strings(b"0.1", b"0.2").as_deref(), Some("0.3"));
    }
}
