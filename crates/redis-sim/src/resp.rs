//! RESP2 on the wire: splitting a multibulk request into arguments and
//! encoding a [`Reply`] as the bytes a server writes back. The engine itself
//! works on argv and reply trees; this is the work a server's network layer
//! adds around it, for callers that speak the protocol (the bench does).

use crate::bytes::SmallBytes;
use crate::reply::Reply;

/// The arguments of the latest request parsed, in buffers kept from one
/// request to the next, as a connection keeps its query buffer.
#[derive(Debug, Clone, Default)]
pub struct Request {
    args: Vec<Vec<u8>>,
    len: usize,
}

impl Request {
    /// Parses one multibulk request (`*<n>\r\n` then `n` times `$<len>\r\n<bytes>\r\n`)
    /// from the start of `input`. Returns how many bytes it took, or `None` when
    /// `input` does not start with a whole, well-formed request.
    pub fn parse(&mut self, input: &[u8]) -> Option<usize> {
        let (count, mut at) = header(input, 0, b'*')?;
        self.len = 0;
        for _ in 0..count {
            let (len, start) = header(input, at, b'$')?;
            let end = start.checked_add(len)?;
            if input.get(end..end.checked_add(2)?)? != b"\r\n" {
                return None;
            }
            let bytes = &input[start..end];
            match self.args.get_mut(self.len) {
                Some(arg) => {
                    arg.clear();
                    arg.extend_from_slice(bytes);
                }
                None => self.args.push(bytes.to_vec()),
            }
            self.len += 1;
            at = end + 2;
        }
        Some(at)
    }

    /// The arguments of the request parsed last, command name first.
    pub fn argv(&self) -> &[Vec<u8>] {
        &self.args[..self.len]
    }
}

/// A `<prefix><digits>\r\n` line at `input[at..]`: the number and where
/// the line ends. Eighteen digits at most, so the number cannot overflow.
fn header(input: &[u8], at: usize, prefix: u8) -> Option<(usize, usize)> {
    if *input.get(at)? != prefix {
        return None;
    }
    let mut number = 0usize;
    let mut next = at + 1;
    while let Some(&digit) = input.get(next) {
        if !digit.is_ascii_digit() {
            break;
        }
        if next - at > 18 {
            return None;
        }
        number = number * 10 + usize::from(digit - b'0');
        next += 1;
    }
    if next == at + 1 || input.get(next + 1) != Some(&b'\n') || input[next] != b'\r' {
        return None;
    }
    Some((number, next + 2))
}

/// Appends `reply` to `out` as RESP2: what the server writes on the connection.
pub fn encode(reply: &Reply, out: &mut Vec<u8>) {
    match reply {
        Reply::Status(text) => line(out, b'+', text.as_bytes()),
        Reply::Error(text) => line(out, b'-', text.as_bytes()),
        Reply::Integer(n) => number(out, b':', *n),
        Reply::Bulk(bytes) => bulk(out, bytes),
        Reply::Nil => out.extend_from_slice(b"$-1\r\n"),
        Reply::NilArray => out.extend_from_slice(b"*-1\r\n"),
        Reply::Array(items) => {
            number(out, b'*', i64::try_from(items.len()).unwrap_or(i64::MAX));
            // Arrays are mostly bulk strings (ZRANGE, LRANGE...): no call per item for those.
            for item in items {
                match item {
                    Reply::Bulk(bytes) => bulk(out, bytes),
                    other => encode(other, out),
                }
            }
        }
        Reply::Frames(frames) => frames.iter().for_each(|frame| encode(frame, out)),
    }
}

/// `$<len>\r\n<bytes>\r\n`.
#[inline]
fn bulk(out: &mut Vec<u8>, bytes: &SmallBytes) {
    number(out, b'$', i64::try_from(bytes.len()).unwrap_or(i64::MAX));
    bytes.append_to(out);
    out.extend_from_slice(b"\r\n");
}

/// `<prefix><text>\r\n`.
fn line(out: &mut Vec<u8>, prefix: u8, text: &[u8]) {
    out.push(prefix);
    out.extend_from_slice(text);
    out.extend_from_slice(b"\r\n");
}

/// `<prefix><n>\r\n`, built on the stack without a formatter and appended at once.
#[inline(always)]
fn number(out: &mut Vec<u8>, prefix: u8, n: i64) {
    // Lengths and counts are mostly one or two digits: that case is inlined at each use.
    match u8::try_from(n) {
        Ok(units @ 0..10) => out.extend_from_slice(&[prefix, b'0' + units, b'\r', b'\n']),
        Ok(small @ 10..100) => {
            out.extend_from_slice(&[prefix, b'0' + small / 10, b'0' + small % 10, b'\r', b'\n']);
        }
        _ => long_number(out, prefix, n),
    }
}

/// [`number`] for the rest, two digits per division.
fn long_number(out: &mut Vec<u8>, prefix: u8, n: i64) {
    let mut line = [0u8; 24];
    let mut at = line.len() - 2;
    line[at..].copy_from_slice(b"\r\n");
    let mut rest = n.unsigned_abs();
    // Two digits per division while at least three are left.
    while rest >= 100 {
        let two = (rest % 100) as u8;
        rest /= 100;
        at -= 2;
        line[at..at + 2].copy_from_slice(&[b'0' + two / 10, b'0' + two % 10]);
    }
    loop {
        at -= 1;
        line[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        line[at] = b'-';
    }
    at -= 1;
    line[at] = prefix;
    out.extend_from_slice(&line[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_split_into_its_arguments_and_its_buffers_are_reused() {
        let mut request = Request::default();
        let input =
            b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhel\r\n\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n";
        let first = request.parse(input).unwrap();
        assert_eq!(request.argv(), [&b"SET"[..], b"k", b"hel\r\n"]);
        assert_eq!(request.parse(&input[first..]), Some(input.len() - first));
        assert_eq!(request.argv(), [&b"GET"[..], b"k"]);
    }

    #[test]
    fn an_incomplete_or_malformed_request_is_not_parsed() {
        let mut request = Request::default();
        for input in [
            &b"*2\r\n$3\r\nGET\r\n"[..],
            b"*1\r\n$3\r\nGETX\r\n",
            b"*1\r\n:3\r\nGET\r\n",
            b"*\r\n",
            b"GET k\r\n",
            b"*1\r\n$99999999999999999999999\r\n",
            b"",
        ] {
            assert_eq!(request.parse(input), None, "{input:?}");
        }
    }

    #[test]
    fn replies_are_encoded_as_resp2() {
        let reply = Reply::Frames(vec![
            Reply::ok(),
            Reply::error("ERR no"),
            Reply::Integer(-42),
            Reply::Integer(i64::MIN),
            Reply::Integer(100),
            Reply::Integer(1_234_567),
            Reply::Array(vec![Reply::bulk("ab"), Reply::Nil, Reply::bulk("")]),
            Reply::NilArray,
        ]);
        let mut out = Vec::new();
        encode(&reply, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "+OK\r\n-ERR no\r\n:-42\r\n:-9223372036854775808\r\n:100\r\n:1234567\r\n*3\r\n$2\r\nab\r\n$-1\r\n$0\r\n\r\n*-1\r\n"
        );
    }
}
