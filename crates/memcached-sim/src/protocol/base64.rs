//! Base64 as memcached's `base64.c` does it, for meta commands' binary keys
//! (the `b` flag): the standard alphabet with `=` padding; the decoder skips
//! characters outside the alphabet and fails on a bad length or padding.

const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes with padding and no line breaks.
pub fn encode(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len().div_ceil(3) * 4);
    for chunk in src.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        out.push(TABLE[usize::from(b[0] >> 2)]);
        out.push(TABLE[usize::from(((b[0] & 0x03) << 4) | (b[1] >> 4))]);
        out.push(if chunk.len() > 1 {
            TABLE[usize::from(((b[1] & 0x0f) << 2) | (b[2] >> 6))]
        } else {
            b'='
        });
        out.push(if chunk.len() > 2 {
            TABLE[usize::from(b[2] & 0x3f)]
        } else {
            b'='
        });
    }
    out
}

/// The 6-bit value of an alphabet character; `=` counts as 0.
fn value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        b'=' => Some(0),
        _ => None,
    }
}

/// Decodes; `None` where memcached's decoder returns 0 bytes.
pub fn decode(src: &[u8]) -> Option<Vec<u8>> {
    let valid: Vec<u8> = src
        .iter()
        .copied()
        .filter(|&c| value(c).is_some())
        .collect();
    if valid.is_empty() || !valid.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(valid.len() / 4 * 3);
    let mut pad = 0;
    for group in valid.chunks(4) {
        pad += group.iter().filter(|&&c| c == b'=').count();
        let v: Vec<u8> = group.iter().filter_map(|&c| value(c)).collect();
        out.push((v[0] << 2) | (v[1] >> 4));
        out.push((v[1] << 4) | (v[2] >> 2));
        out.push((v[2] << 6) | v[3]);
        if pad > 0 {
            match pad {
                1 => out.truncate(out.len() - 1),
                2 => out.truncate(out.len() - 2),
                _ => return None,
            }
            break;
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects() {
        assert_eq!(encode(b"foo"), b"Zm9v");
        assert_eq!(encode(b"fo"), b"Zm8=");
        assert_eq!(encode(b"f"), b"Zg==");
        assert_eq!(decode(b"Zm9v"), Some(b"foo".to_vec()));
        assert_eq!(decode(b"Zm8="), Some(b"fo".to_vec()));
        assert_eq!(decode(b"Zg=="), Some(b"f".to_vec()));
        assert_eq!(decode(b"Zm9"), None);
        assert_eq!(decode(b"Z==="), None);
        assert_eq!(decode(b"!!!!"), None);
    }
}
