//! Reading and writing numbers exactly as Redis does (util.c): strict integers,
//! `strtod`-style floats and `%.17g` scores.

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
    // Negative numbers are summed downwards, so i64::MIN parses and overflow is caught.
    let negative = digits.len() < bytes.len();
    digits.iter().try_fold(0i64, |value, &digit| {
        let digit = i64::from(digit - b'0');
        let shifted = value.checked_mul(10)?;
        if negative {
            shifted.checked_sub(digit)
        } else {
            shifted.checked_add(digit)
        }
    })
}

/// `strtod` as Redis uses it for scores and float arguments: no leading space,
/// nothing after the number, no NaN, and no overflow to infinity.
pub fn parse_f64(bytes: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text.is_empty() || text.starts_with(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    let spelled_infinite = value.is_infinite() && text.to_ascii_lowercase().contains("inf");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_strict() {
        assert_eq!(parse_i64(b"-42"), Some(-42));
        assert_eq!(parse_i64(b"0"), Some(0));
        assert_eq!(parse_i64(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_i64(b"-9223372036854775808"), Some(i64::MIN));
        for bad in [
            &b"-9223372036854775809"[..],
            b"-",
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
}
