//! Number parsing exactly as memcached's `safe_strtoull` / `safe_strtoul` /
//! `safe_strtol` do it on top of C's `strtoull` / `strtol`: leading
//! whitespace and a sign are accepted, the number must be followed by the
//! end of the token or whitespace, and overflow of the 64-bit C type fails.
//! The 32-bit variants then truncate, as the C code's assignment does.
//! Writing numbers into replies is here too, without the formatting machinery.

/// C's `isspace` in the "C" locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The parts `strtoull`/`strtol` read: sign and magnitude, or `None` when
/// there are no digits, the magnitude overflows u64, or the digits are
/// followed by something other than whitespace or the end.
fn scan(s: &[u8]) -> Option<(bool, u64)> {
    let mut i = s.iter().take_while(|&&b| is_c_space(b)).count();
    let negative = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digits = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let mut value: u64 = 0;
    for &b in &s[i..i + digits] {
        value = value.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    match s.get(i + digits) {
        None => Some((negative, value)),
        Some(&b) if is_c_space(b) => Some((negative, value)),
        Some(_) => None,
    }
}

/// `safe_strtoull`: an unsigned 64-bit number. A minus sign negates modulo
/// 2^64, and is refused only when the result looks negative as a signed number.
pub fn parse_u64(s: &[u8]) -> Option<u64> {
    let (negative, magnitude) = scan(s)?;
    let value = if negative {
        magnitude.wrapping_neg()
    } else {
        magnitude
    };
    if (value as i64) < 0 && s.contains(&b'-') {
        return None;
    }
    Some(value)
}

/// `safe_strtoul` into a `uint32_t`: `parse_u64`, then the low 32 bits.
pub fn parse_u32(s: &[u8]) -> Option<u32> {
    parse_u64(s).map(|v| v as u32)
}

/// `safe_strtol` into an `int32_t`: a signed 64-bit number, then the low 32 bits.
pub fn parse_i32(s: &[u8]) -> Option<i32> {
    let (negative, magnitude) = scan(s)?;
    let value: i64 = if negative {
        if magnitude > i64::MAX as u64 + 1 {
            return None;
        }
        (magnitude as i64).wrapping_neg()
    } else {
        i64::try_from(magnitude).ok()?
    };
    Some(value as i32)
}

/// `safe_strtod`: a decimal floating-point number, followed by the end of
/// the token or whitespace.
pub fn parse_f64(s: &[u8]) -> Option<f64> {
    let start = s.iter().take_while(|&&b| is_c_space(b)).count();
    let end = s[start..]
        .iter()
        .position(|&b| is_c_space(b))
        .map_or(s.len(), |p| start + p);
    std::str::from_utf8(&s[start..end]).ok()?.parse().ok()
}

/// Appends `n` in decimal, as memcached's `itoa_u64` writes it into a reply.
pub fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_without_padding() {
        for n in [0, 7, 10, 4_294_967_295, u64::MAX] {
            let mut out = b"x".to_vec();
            push_decimal(&mut out, n);
            assert_eq!(out, format!("x{n}").into_bytes());
        }
    }

    #[test]
    fn unsigned_like_strtoull() {
        assert_eq!(parse_u64(b"42"), Some(42));
        assert_eq!(parse_u64(b" +7"), Some(7));
        assert_eq!(parse_u64(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_u64(b"18446744073709551616"), None);
        assert_eq!(parse_u64(b"-1"), None);
        assert_eq!(parse_u64(b"-0"), Some(0));
        assert_eq!(parse_u64(b"-18446744073709551615"), Some(1));
        assert_eq!(parse_u64(b"12\r\n"), Some(12));
        assert_eq!(parse_u64(b"9 "), Some(9));
        assert_eq!(parse_u64(b"12a"), None);
        assert_eq!(parse_u64(b""), None);
        assert_eq!(parse_u64(b"+"), None);
    }

    #[test]
    fn doubles_like_strtod() {
        assert_eq!(parse_f64(b"0.5"), Some(0.5));
        assert_eq!(parse_f64(b" 2"), Some(2.0));
        assert_eq!(parse_f64(b"1e1"), Some(10.0));
        assert_eq!(parse_f64(b"x"), None);
        assert_eq!(parse_f64(b""), None);
    }

    #[test]
    fn thirty_two_bit_forms_truncate() {
        assert_eq!(parse_u32(b"4294967296"), Some(0));
        assert_eq!(parse_u32(b"4294967297"), Some(1));
        assert_eq!(parse_i32(b"-1"), Some(-1));
        assert_eq!(parse_i32(b"4294967295"), Some(-1));
        assert_eq!(parse_i32(b"9223372036854775808"), None);
        assert_eq!(parse_i32(b"-9223372036854775808"), Some(0));
    }
}
