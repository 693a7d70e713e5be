//! The `json` module's text: `json.dumps` (CPython's `Lib/json/encoder.py` and the C
//! encoder in `Modules/_json.c`) and `json.loads` (the C scanner in `Modules/_json.c`,
//! with the messages and positions of `json.decoder.JSONDecodeError`).
//!
//! The VM turns Python values into a [`JsonValue`] tree before dumping (dict keys that
//! are not str become text first, with [`dict_key_text`]), and turns a loaded tree
//! back into dicts, lists and so on.

use super::float::repr_float;
use super::{IntDigits, PyError};
use std::collections::BTreeMap;

/// A JSON document as Python sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    /// `null`, Python's `None`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An int, as its decimal digits with a `-` when negative (never `-0`): Python
    /// ints have no size limit.
    Int(String),
    /// A float: written with a point or an exponent (`1.0`, `1e5`), or `NaN`,
    /// `Infinity`, `-Infinity`.
    Float(f64),
    /// A str.
    Str(String),
    /// A list (or a tuple, when dumping).
    Array(Vec<JsonValue>),
    /// A dict's items in order. `loads` keeps one item per key, where the key first
    /// appeared and with its last value, as a dict does.
    Object(Vec<(String, JsonValue)>),
}

/// The indent of `json.dumps(indent=...)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Indent {
    /// An int: that many spaces per level (none when 0 or less, but still a new
    /// line per item).
    Spaces(i64),
    /// A str, repeated once per level.
    Text(String),
}

/// The keyword arguments of `json.dumps` that shape the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DumpOptions {
    /// `indent=`: `None` puts everything on one line.
    pub indent: Option<Indent>,
    /// `separators=(item, key)`; by default `(', ', ': ')`, or `(',', ': ')` with an
    /// indent.
    pub separators: Option<(String, String)>,
    /// `sort_keys=True`: items in the order of their keys' text. For keys that were
    /// not all str, Python sorts the original keys (so `2` before `10`): the caller
    /// sorts those itself and leaves this false.
    pub sort_keys: bool,
    /// `ensure_ascii=` (true by default): everything past ASCII as `\uXXXX`.
    pub ensure_ascii: bool,
    /// `allow_nan=` (true by default): write `NaN` and `Infinity` rather than raise.
    pub allow_nan: bool,
}

impl Default for DumpOptions {
    /// The defaults of `json.dumps`.
    fn default() -> DumpOptions {
        DumpOptions {
            indent: None,
            separators: None,
            sort_keys: false,
            ensure_ascii: true,
            allow_nan: true,
        }
    }
}

/// `json.dumps(value, ...)`.
pub fn dumps(value: &JsonValue, options: &DumpOptions) -> Result<String, PyError> {
    let indent = options.indent.as_ref().map(|indent| match indent {
        Indent::Spaces(n) => " ".repeat((*n).max(0) as usize),
        Indent::Text(text) => text.clone(),
    });
    let (item_separator, key_separator) = match (&options.separators, &indent) {
        (Some((item, key)), _) => (item.as_str(), key.as_str()),
        (None, Some(_)) => (",", ": "),
        (None, None) => (", ", ": "),
    };
    let mut encoder = Encoder {
        indent: indent.as_deref(),
        item_separator,
        key_separator,
        options,
        out: String::new(),
    };
    encoder.encode(value, 0)?;
    Ok(encoder.out)
}

/// A dict key as `json.dumps` meets it, before it becomes text.
#[derive(Clone, Copy)]
pub enum DictKey<'a> {
    /// A str, which stays as it is.
    Str(&'a str),
    /// An int (not a bool): its decimal digits.
    Int(&'a dyn IntDigits),
    /// A float: see [`float_key`].
    Float(f64),
    /// `True` or `False`: `"true"` or `"false"`.
    Bool(bool),
    /// `None`: `"null"`.
    None,
    /// Anything else, by its class name: a `TypeError` (or skipped, with
    /// `skipkeys=True`, which the caller decides).
    Other(&'a str),
}

/// The text a dict key becomes in `json.dumps`, as `_make_iterencode` and the C
/// encoder convert it; `options` decide about `NaN` and `Infinity`.
pub fn dict_key_text(key: DictKey<'_>, options: &DumpOptions) -> Result<String, PyError> {
    Ok(match key {
        DictKey::Str(text) => text.to_string(),
        DictKey::Int(int) if int.is_negative() => format!("-{}", int.magnitude_digits(10)),
        DictKey::Int(int) => int.magnitude_digits(10),
        DictKey::Float(x) => float_key(x, options.allow_nan, options.indent.is_some())?,
        DictKey::Bool(true) => "true".to_string(),
        DictKey::Bool(false) => "false".to_string(),
        DictKey::None => "null".to_string(),
        DictKey::Other(type_name) => {
            return Err(PyError::type_error(format!(
                "keys must be str, int, float, bool or None, not {type_name}"
            )));
        }
    })
}

/// The text of a float that is a dict key (or a value): `float.__repr__`, or `NaN`,
/// `Infinity` and `-Infinity`, which `allow_nan=False` refuses. `with_repr` gives the
/// message of the pure-Python encoder (used when there is an indent), which names
/// the value.
pub fn float_key(x: f64, allow_nan: bool, with_repr: bool) -> Result<String, PyError> {
    if x.is_finite() {
        return Ok(repr_float(x));
    }
    if !allow_nan {
        let message = "Out of range float values are not JSON compliant";
        return Err(PyError::value_error(if with_repr {
            format!("{message}: {}", repr_float(x))
        } else {
            message.to_string()
        }));
    }
    Ok(if x.is_nan() {
        "NaN"
    } else if x > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
    .to_string())
}

/// Writes a tree as `json.dumps` does.
struct Encoder<'a> {
    /// The text for one level of indent, when there is an indent.
    indent: Option<&'a str>,
    item_separator: &'a str,
    key_separator: &'a str,
    options: &'a DumpOptions,
    out: String,
}

impl Encoder<'_> {
    fn encode(&mut self, value: &JsonValue, level: usize) -> Result<(), PyError> {
        match value {
            JsonValue::Null => self.out.push_str("null"),
            JsonValue::Bool(true) => self.out.push_str("true"),
            JsonValue::Bool(false) => self.out.push_str("false"),
            JsonValue::Int(digits) => self.out.push_str(digits),
            JsonValue::Float(x) => {
                let text = float_key(*x, self.options.allow_nan, self.indent.is_some())?;
                self.out.push_str(&text);
            }
            JsonValue::Str(text) => self.encode_str(text),
            JsonValue::Array(items) if items.is_empty() => self.out.push_str("[]"),
            JsonValue::Array(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    self.separate(i == 0, level + 1);
                    self.encode(item, level + 1)?;
                }
                self.close(level, ']');
            }
            JsonValue::Object(items) if items.is_empty() => self.out.push_str("{}"),
            JsonValue::Object(items) => {
                let mut items: Vec<&(String, JsonValue)> = items.iter().collect();
                if self.options.sort_keys {
                    items.sort_by(|a, b| a.0.cmp(&b.0));
                }
                self.out.push('{');
                for (i, (key, item)) in items.into_iter().enumerate() {
                    self.separate(i == 0, level + 1);
                    self.encode_str(key);
                    self.out.push_str(self.key_separator);
                    self.encode(item, level + 1)?;
                }
                self.close(level, '}');
            }
        }
        Ok(())
    }

    /// What goes before an item: the item separator (not before the first), then a
    /// new line and the indent of `level`, when indenting.
    fn separate(&mut self, first: bool, level: usize) {
        if !first {
            self.out.push_str(self.item_separator);
        }
        if let Some(indent) = self.indent {
            self.out.push('\n');
            self.out.push_str(&indent.repeat(level));
        }
    }

    /// The closing bracket, on its own line at `level` when indenting.
    fn close(&mut self, level: usize, bracket: char) {
        if let Some(indent) = self.indent {
            self.out.push('\n');
            self.out.push_str(&indent.repeat(level));
        }
        self.out.push(bracket);
    }

    /// A str in quotes, as `encode_basestring_ascii` (with `ensure_ascii`) or
    /// `encode_basestring` escape it.
    fn encode_str(&mut self, text: &str) {
        let out = &mut self.out;
        out.push('"');
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                ' '..='~' => out.push(c),
                _ if !self.options.ensure_ascii && c > '\u{1f}' => out.push(c),
                _ => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
            }
        }
        out.push('"');
    }
}

/// A `json.decoder.JSONDecodeError`: the message without its position, and where the
/// fault is, in code points from 0 (`pos`) and as line and column from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonDecodeError {
    /// What was wrong: `Expecting value`, `Extra data`…
    pub msg: &'static str,
    /// Where, in code points from 0.
    pub pos: usize,
    /// The line of `pos`, from 1.
    pub lineno: usize,
    /// The column of `pos` in its line, from 1.
    pub colno: usize,
}

impl JsonDecodeError {
    /// The error for a fault at byte `at` of `doc`, as `JSONDecodeError.__init__`
    /// locates it.
    fn new(msg: &'static str, doc: &str, at: usize) -> JsonDecodeError {
        let before = &doc[..at];
        let pos = before.chars().count();
        let lineno = before.matches('\n').count() + 1;
        let colno = match before.rfind('\n') {
            Some(newline) => before[newline + 1..].chars().count() + 1,
            None => pos + 1,
        };
        JsonDecodeError {
            msg,
            pos,
            lineno,
            colno,
        }
    }

    /// `str()` of the exception: `Expecting value: line 1 column 1 (char 0)`.
    pub fn message(&self) -> String {
        format!(
            "{}: line {} column {} (char {})",
            self.msg, self.lineno, self.colno, self.pos
        )
    }
}

/// Why `json.loads` failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// The text is not JSON.
    Decode(JsonDecodeError),
    /// Another exception: `RecursionError` for nesting too deep, `ValueError` for an
    /// int of more than 4300 digits.
    Python(PyError),
}

impl JsonError {
    /// The exception as a [`PyError`] (class `JSONDecodeError` for a decode error).
    pub fn to_py_error(&self) -> PyError {
        match self {
            JsonError::Decode(error) => PyError::new("JSONDecodeError", error.message()),
            JsonError::Python(error) => error.clone(),
        }
    }
}

/// How deep arrays and objects may nest in `loads` called from module level: CPython
/// counts them against the recursion limit of 1000, less the frames of the call.
pub const DEFAULT_MAX_DEPTH: usize = 995;

/// `json.loads(text)` called from module level.
pub fn loads(text: &str) -> Result<JsonValue, JsonError> {
    loads_with_depth(text, DEFAULT_MAX_DEPTH)
}

/// `json.loads(text)` where arrays and objects may nest `max_depth` deep before a
/// `RecursionError`.
pub fn loads_with_depth(text: &str, max_depth: usize) -> Result<JsonValue, JsonError> {
    let decode_error = |msg, at| Err(JsonError::Decode(JsonDecodeError::new(msg, text, at)));
    if text.starts_with('\u{feff}') {
        return decode_error("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    }
    let scanner = Scanner {
        doc: text,
        bytes: text.as_bytes(),
        max_depth,
    };
    let start = scanner.skip_whitespace(0);
    let (value, end) = match scanner.scan_once(start) {
        Ok(found) => found,
        Err(Fault::StopIteration(at)) => return decode_error("Expecting value", at),
        Err(Fault::Decode(msg, at)) => return decode_error(msg, at),
        Err(Fault::Python(error)) => return Err(JsonError::Python(error)),
    };
    let end = scanner.skip_whitespace(end);
    if end != text.len() {
        return decode_error("Extra data", end);
    }
    Ok(value)
}

/// How a scan stops short, as in `_json.c`: a value missing where one must start
/// (the `StopIteration` that `raw_decode` turns into "Expecting value"), a decode
/// error, or another exception. Positions are byte offsets.
enum Fault {
    StopIteration(usize),
    Decode(&'static str, usize),
    Python(PyError),
}

/// CPython's `scan_once_unicode` and its helpers, over the UTF-8 bytes of the
/// document (every character JSON cares about is ASCII).
struct Scanner<'a> {
    doc: &'a str,
    bytes: &'a [u8],
    /// How many arrays and objects may be open at once.
    max_depth: usize,
}

/// An array or object being read: its items so far, and for an object the key whose
/// value comes next and where each key is among the items.
enum Container {
    Array(Vec<JsonValue>),
    Object {
        items: Vec<(String, JsonValue)>,
        index: BTreeMap<String, usize>,
        key: String,
    },
}

/// Whether `b` is JSON whitespace.
fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl Scanner<'_> {
    fn skip_whitespace(&self, mut at: usize) -> usize {
        while self.bytes.get(at).copied().is_some_and(is_whitespace) {
            at += 1;
        }
        at
    }

    fn at(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// One value starting at `at`, and where it ends: CPython's `scan_once_unicode`,
    /// `_parse_object_unicode` and `_parse_array_unicode`, with the arrays and
    /// objects still open kept on a stack of their own rather than on the call stack.
    fn scan_once(&self, mut at: usize) -> Result<(JsonValue, usize), Fault> {
        let mut open: Vec<Container> = Vec::new();
        loop {
            // Read a value at `at`, or open a container and read its first value.
            let (mut value, mut end) = match self.at(at) {
                Some(bracket @ (b'[' | b'{')) => {
                    if open.len() == self.max_depth {
                        let what = if bracket == b'{' { "object" } else { "array" };
                        return Err(Fault::Python(PyError::new(
                            "RecursionError",
                            format!(
                                "maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"
                            ),
                        )));
                    }
                    at = self.skip_whitespace(at + 1);
                    match (bracket, self.at(at)) {
                        (b'[', Some(b']')) => (JsonValue::Array(Vec::new()), at + 1),
                        (b'{', Some(b'}')) => (JsonValue::Object(Vec::new()), at + 1),
                        (b'[', _) => {
                            open.push(Container::Array(Vec::new()));
                            continue;
                        }
                        _ => {
                            let (key, after) = self.object_key(at)?;
                            open.push(Container::Object {
                                items: Vec::new(),
                                index: BTreeMap::new(),
                                key,
                            });
                            at = after;
                            continue;
                        }
                    }
                }
                _ => self.scan_scalar(at)?,
            };
            // Put the value in the innermost container; when that closes, it is the
            // value to put in the next one out.
            loop {
                let Some(container) = open.last_mut() else {
                    return Ok((value, end));
                };
                at = self.skip_whitespace(end);
                let closing = match container {
                    Container::Array(items) => {
                        items.push(value);
                        b']'
                    }
                    Container::Object { items, index, key } => {
                        let key = std::mem::take(key);
                        match index.get(&key) {
                            Some(&i) => items[i].1 = value,
                            None => {
                                index.insert(key.clone(), items.len());
                                items.push((key, value));
                            }
                        }
                        b'}'
                    }
                };
                if self.at(at) == Some(closing) {
                    value = match open.pop() {
                        Some(Container::Object { items, .. }) => JsonValue::Object(items),
                        Some(Container::Array(items)) => JsonValue::Array(items),
                        None => unreachable!("a container was open"),
                    };
                    end = at + 1;
                    continue;
                }
                if self.at(at) != Some(b',') {
                    return Err(Fault::Decode("Expecting ',' delimiter", at));
                }
                at = self.skip_whitespace(at + 1);
                if let Some(Container::Object { key, .. }) = open.last_mut() {
                    let (next_key, after) = self.object_key(at)?;
                    *key = next_key;
                    at = after;
                }
                break;
            }
        }
    }

    /// A value that is not an array or object.
    fn scan_scalar(&self, at: usize) -> Result<(JsonValue, usize), Fault> {
        let rest = &self.bytes[at.min(self.bytes.len())..];
        let constant = |word: &str, value: JsonValue| {
            rest.starts_with(word.as_bytes())
                .then(|| (value, at + word.len()))
        };
        let found = match rest.first() {
            None => return Err(Fault::StopIteration(at)),
            Some(b'"') => return self.scan_string(at + 1),
            Some(b'n') => constant("null", JsonValue::Null),
            Some(b't') => constant("true", JsonValue::Bool(true)),
            Some(b'f') => constant("false", JsonValue::Bool(false)),
            Some(b'N') => constant("NaN", JsonValue::Float(f64::NAN)),
            Some(b'I') => constant("Infinity", JsonValue::Float(f64::INFINITY)),
            Some(b'-') => constant("-Infinity", JsonValue::Float(f64::NEG_INFINITY)),
            Some(_) => None,
        };
        match found {
            Some(found) => Ok(found),
            None => self.match_number(at),
        }
    }

    /// An object's `"key":` at `at`, and where its value starts.
    fn object_key(&self, at: usize) -> Result<(String, usize), Fault> {
        if self.at(at) != Some(b'"') {
            return Err(Fault::Decode(
                "Expecting property name enclosed in double quotes",
                at,
            ));
        }
        let (key, after) = self.read_string(at + 1)?;
        let at = self.skip_whitespace(after);
        if self.at(at) != Some(b':') {
            return Err(Fault::Decode("Expecting ':' delimiter", at));
        }
        Ok((key, self.skip_whitespace(at + 1)))
    }

    /// CPython's `_match_number_unicode`: an int, or a float when there is a
    /// fraction or an exponent.
    fn match_number(&self, start: usize) -> Result<(JsonValue, usize), Fault> {
        let digit = |at: usize| self.at(at).is_some_and(|b| b.is_ascii_digit());
        let skip_digits = |mut at: usize| {
            while digit(at) {
                at += 1;
            }
            at
        };
        let mut at = start;
        if self.at(at) == Some(b'-') {
            at += 1;
        }
        at = match self.at(at) {
            Some(b'1'..=b'9') => skip_digits(at + 1),
            Some(b'0') => at + 1,
            _ => return Err(Fault::StopIteration(start)),
        };
        let mut is_float = false;
        if self.at(at) == Some(b'.') && digit(at + 1) {
            is_float = true;
            at = skip_digits(at + 2);
        }
        if matches!(self.at(at), Some(b'e' | b'E')) && at + 1 < self.bytes.len() {
            let e_start = at;
            at += 1;
            if matches!(self.at(at), Some(b'-' | b'+')) && at + 1 < self.bytes.len() {
                at += 1;
            }
            at = skip_digits(at);
            if self.bytes[at - 1].is_ascii_digit() {
                is_float = true;
            } else {
                at = e_start;
            }
        }
        let text = &self.doc[start..at];
        if is_float {
            let x: f64 = text.parse().unwrap_or(f64::NAN);
            return Ok((JsonValue::Float(x), at));
        }
        let (negative, digits) = match text.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, text),
        };
        // CPython 3.11 refuses to read ints of more than 4300 digits.
        if digits.len() > 4300 {
            return Err(Fault::Python(PyError::value_error(format!(
                "Exceeds the limit (4300 digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
                digits.len()
            ))));
        }
        let int = if negative && digits != "0" {
            text.to_string()
        } else {
            digits.to_string()
        };
        Ok((JsonValue::Int(int), at))
    }

    /// CPython's `scanstring_unicode`, from just after the opening quote: the str,
    /// and where it ends after the closing quote.
    ///
    /// A `\uXXXX` escape of a surrogate that is not half of a pair gives U+FFFD,
    /// because a Rust str cannot hold a lone surrogate.
    fn scan_string(&self, start: usize) -> Result<(JsonValue, usize), Fault> {
        let (text, end) = self.read_string(start)?;
        Ok((JsonValue::Str(text), end))
    }

    /// The text of the str that [`Scanner::scan_string`] reads.
    fn read_string(&self, start: usize) -> Result<(String, usize), Fault> {
        let begin = start - 1;
        let unterminated = || Fault::Decode("Unterminated string starting at", begin);
        let mut out = String::new();
        let mut end = start;
        loop {
            let chunk_end = self.bytes[end..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b <= 0x1f)
                .map(|n| end + n);
            let Some(next) = chunk_end else {
                return Err(unterminated());
            };
            out.push_str(&self.doc[end..next]);
            match self.bytes[next] {
                b'"' => return Ok((out, next + 1)),
                b'\\' => {}
                _ => return Err(Fault::Decode("Invalid control character at", next)),
            }
            let Some(escape) = self.at(next + 1) else {
                return Err(unterminated());
            };
            if escape != b'u' {
                out.push(match escape {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return Err(Fault::Decode("Invalid \\escape", next)),
                });
                end = next + 2;
                continue;
            }
            let u_at = next + 1;
            end = u_at + 5;
            if end >= self.bytes.len() {
                return Err(Fault::Decode("Invalid \\uXXXX escape", u_at));
            }
            let unit = self
                .hex4(u_at + 1)
                .ok_or(Fault::Decode("Invalid \\uXXXX escape", u_at))?;
            let mut code = u32::from(unit);
            if (0xd800..0xdc00).contains(&unit)
                && end + 6 < self.bytes.len()
                && self.bytes[end..].starts_with(b"\\u")
            {
                let low = self
                    .hex4(end + 2)
                    .ok_or(Fault::Decode("Invalid \\uXXXX escape", end + 1))?;
                if (0xdc00..0xe000).contains(&low) {
                    code = 0x10000 + ((u32::from(unit) - 0xd800) << 10) + (u32::from(low) - 0xdc00);
                    end += 6;
                }
            }
            out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
    }

    /// Four hex digits at `at`.
    fn hex4(&self, at: usize) -> Option<u16> {
        let digits = self.bytes.get(at..at + 4)?;
        digits.iter().try_fold(0u16, |acc, &b| {
            let value = char::from(b).to_digit(16)?;
            Some(acc * 16 + value as u16)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::JsonValue::*;
    use super::*;

    #[test]
    fn loads_as_python() {
        // python3 3.11: json.loads(text), or the exception it raises.
        let cases: Vec<(String, Result<JsonValue, JsonError>)> = vec![
            (
                "".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                " ".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 1,
                    lineno: 1,
                    colno: 2,
                })),
            ),
            (
                "[".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 1,
                    lineno: 1,
                    colno: 2,
                })),
            ),
            (
                "[1, ".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 4,
                    lineno: 1,
                    colno: 5,
                })),
            ),
            (
                "[1,]".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 3,
                    lineno: 1,
                    colno: 4,
                })),
            ),
            (
                "{\"a\": ".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 6,
                    lineno: 1,
                    colno: 7,
                })),
            ),
            (
                "{".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting property name enclosed in double quotes",
                    pos: 1,
                    lineno: 1,
                    colno: 2,
                })),
            ),
            (
                "{\"a\" 1}".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting ':' delimiter",
                    pos: 5,
                    lineno: 1,
                    colno: 6,
                })),
            ),
            (
                "{\"a\":1,}".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting property name enclosed in double quotes",
                    pos: 7,
                    lineno: 1,
                    colno: 8,
                })),
            ),
            (
                "{\"a\":1 \"b\":2}".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting ',' delimiter",
                    pos: 7,
                    lineno: 1,
                    colno: 8,
                })),
            ),
            (
                "{1:2}".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting property name enclosed in double quotes",
                    pos: 1,
                    lineno: 1,
                    colno: 2,
                })),
            ),
            (
                "[1 2]".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting ',' delimiter",
                    pos: 3,
                    lineno: 1,
                    colno: 4,
                })),
            ),
            (
                "nul".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                "nulx".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                "tru".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            ("NaN".to_string(), Ok(Float(f64::NAN))),
            ("-Infinity".to_string(), Ok(Float(-f64::INFINITY))),
            ("Infinity".to_string(), Ok(Float(f64::INFINITY))),
            (
                "-".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                "-x".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                "1.".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Extra data",
                    pos: 1,
                    lineno: 1,
                    colno: 2,
                })),
            ),
            (
                "1.5e".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Extra data",
                    pos: 3,
                    lineno: 1,
                    colno: 4,
                })),
            ),
            ("1e5".to_string(), Ok(Float(100000.0))),
            ("1E+5".to_string(), Ok(Float(100000.0))),
            (
                "1e+".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Extra data",
                    pos: 1,
                    lineno: 1,
                    colno: 2,
                })),
            ),
            ("1e-2".to_string(), Ok(Float(0.01))),
            (
                "01".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Extra data",
                    pos: 1,
                    lineno: 1,
                    colno: 2,
                })),
            ),
            ("-0".to_string(), Ok(Int("0".into()))),
            ("-0.0".to_string(), Ok(Float(-0.0))),
            ("1.0".to_string(), Ok(Float(1.0))),
            (
                "\"abc".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Unterminated string starting at",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                "\"a\\x\"".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Invalid \\escape",
                    pos: 2,
                    lineno: 1,
                    colno: 3,
                })),
            ),
            (
                "\"\\u12\"".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Invalid \\uXXXX escape",
                    pos: 2,
                    lineno: 1,
                    colno: 3,
                })),
            ),
            (
                "\"\\u12G4\"".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Invalid \\uXXXX escape",
                    pos: 2,
                    lineno: 1,
                    colno: 3,
                })),
            ),
            ("\"\\ud83d\\ude00\"".to_string(), Ok(Str("😀".into()))),
            (
                "\"a\u{a}b\"".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Invalid control character at",
                    pos: 2,
                    lineno: 1,
                    colno: 3,
                })),
            ),
            (
                "\"a\u{9}b\"".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Invalid control character at",
                    pos: 2,
                    lineno: 1,
                    colno: 3,
                })),
            ),
            (
                "\u{feff}[]".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Unexpected UTF-8 BOM (decode using utf-8-sig)",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                "[1]x".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Extra data",
                    pos: 3,
                    lineno: 1,
                    colno: 4,
                })),
            ),
            (
                "[1]\u{a}  x".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Extra data",
                    pos: 6,
                    lineno: 2,
                    colno: 3,
                })),
            ),
            (
                "{\"a\":1,\"a\":2,\"b\":3}".to_string(),
                Ok(Object(vec![
                    ("a".into(), Int("2".into())),
                    ("b".into(), Int("3".into())),
                ])),
            ),
            (
                format!("-{}", "1".repeat(4301)),
                Err(JsonError::Python(PyError::new(
                    "ValueError",
                    "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit",
                ))),
            ),
            ("1".repeat(4300), Ok(Int("1".repeat(4300)))),
            ("\"\\u00e9\"".to_string(), Ok(Str("é".into()))),
            ("\"\u{7f}\"".to_string(), Ok(Str("\u{7f}".into()))),
            (
                "123abc".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Extra data",
                    pos: 3,
                    lineno: 1,
                    colno: 4,
                })),
            ),
            ("  \u{a}\u{d}\u{9} 5 \u{a}".to_string(), Ok(Int("5".into()))),
            (
                "[1,2,{\"x\":[null,true,false]}]".to_string(),
                Ok(Array(vec![
                    Int("1".into()),
                    Int("2".into()),
                    Object(vec![(
                        "x".into(),
                        Array(vec![Null, Bool(true), Bool(false)]),
                    )]),
                ])),
            ),
            ("1e400".to_string(), Ok(Float(f64::INFINITY))),
            ("-1e400".to_string(), Ok(Float(-f64::INFINITY))),
            (
                "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"".to_string(),
                Ok(Str("/\u{8}\u{c}\u{a}\u{d}\u{9}\"\\".into())),
            ),
            (
                "\"\\".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Unterminated string starting at",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                "\"\\u".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Invalid \\uXXXX escape",
                    pos: 2,
                    lineno: 1,
                    colno: 3,
                })),
            ),
            (
                "\"\\u1234".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Invalid \\uXXXX escape",
                    pos: 2,
                    lineno: 1,
                    colno: 3,
                })),
            ),
            (
                "\"abc\\".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Unterminated string starting at",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                "[1,2".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting ',' delimiter",
                    pos: 4,
                    lineno: 1,
                    colno: 5,
                })),
            ),
            (
                "{\"a\":1".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting ',' delimiter",
                    pos: 6,
                    lineno: 1,
                    colno: 7,
                })),
            ),
            (
                "{\"a\"".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting ':' delimiter",
                    pos: 4,
                    lineno: 1,
                    colno: 5,
                })),
            ),
            (
                "{\"a\":".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 5,
                    lineno: 1,
                    colno: 6,
                })),
            ),
            (
                "[\"a\" , \"b\" ]".to_string(),
                Ok(Array(vec![Str("a".into()), Str("b".into())])),
            ),
            (
                "[\u{a}1,\u{a}2,\u{a}x]".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 8,
                    lineno: 4,
                    colno: 1,
                })),
            ),
            (
                "{\"中文\": \"值\", \"k\": 1.5}".to_string(),
                Ok(Object(vec![
                    ("中文".into(), Str("值".into())),
                    ("k".into(), Float(1.5)),
                ])),
            ),
            (
                "\"中\\n\"x".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Extra data",
                    pos: 5,
                    lineno: 1,
                    colno: 6,
                })),
            ),
            (
                "中".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting value",
                    pos: 0,
                    lineno: 1,
                    colno: 1,
                })),
            ),
            (
                "\"中\\x\"".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Invalid \\escape",
                    pos: 2,
                    lineno: 1,
                    colno: 3,
                })),
            ),
            (
                "[\u{a}\"中文\",\u{a}  01]".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Expecting ',' delimiter",
                    pos: 11,
                    lineno: 3,
                    colno: 4,
                })),
            ),
            (
                "9007199254740993".to_string(),
                Ok(Int("9007199254740993".into())),
            ),
            ("0.1".to_string(), Ok(Float(0.1))),
            (
                "1.7976931348623157e309".to_string(),
                Ok(Float(f64::INFINITY)),
            ),
            (
                "{\"a\": {\"b\": [1, 2.5e-3, \"x\"]}, \"c\": []}".to_string(),
                Ok(Object(vec![
                    (
                        "a".into(),
                        Object(vec![(
                            "b".into(),
                            Array(vec![Int("1".into()), Float(0.0025), Str("x".into())]),
                        )]),
                    ),
                    ("c".into(), Array(vec![])),
                ])),
            ),
            ("\"\\u4E2D\\u6587\"".to_string(), Ok(Str("中文".into()))),
            ("  {}  ".to_string(), Ok(Object(vec![]))),
            ("[]".to_string(), Ok(Array(vec![]))),
            (
                "true false".to_string(),
                Err(JsonError::Decode(JsonDecodeError {
                    msg: "Extra data",
                    pos: 5,
                    lineno: 1,
                    colno: 6,
                })),
            ),
        ];
        for (text, expected) in cases {
            let got = loads(&text);
            // NaN is not equal to itself: compare the debug text.
            assert_eq!(
                format!("{got:?}"),
                format!("{expected:?}"),
                "json.loads({text:?})"
            );
        }
    }

    #[test]
    fn decode_error_message() {
        // python3 3.11: str(e) for json.loads('[1]\n  x')
        let error = loads("[1]\n  x").unwrap_err();
        assert_eq!(
            error.to_py_error(),
            PyError::new("JSONDecodeError", "Extra data: line 2 column 3 (char 6)")
        );
    }

    #[test]
    fn nesting_depth_as_python() {
        // python3 3.11, at module level: 995 nested arrays load, 996 raise RecursionError.
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(loads(&nested(995)).is_ok());
        assert_eq!(
            loads(&nested(996)),
            Err(JsonError::Python(PyError::new(
                "RecursionError",
                "maximum recursion depth exceeded while decoding a JSON array from a unicode string"
            )))
        );
        let objects = format!("{}1{}", "{\"a\":".repeat(996), "}".repeat(996));
        assert_eq!(
            loads(&objects).unwrap_err().to_py_error().message,
            "maximum recursion depth exceeded while decoding a JSON object from a unicode string"
        );
    }

    #[test]
    fn dumps_as_python() {
        // python3 3.11: json.dumps(doc, **options) for the same document.
        let doc = Object(vec![
            ("name".into(), Str("中文".into())),
            (
                "list".into(),
                Array(vec![
                    Int("1".into()),
                    Float(2.5),
                    Null,
                    Bool(true),
                    Bool(false),
                    Array(vec![]),
                    Object(vec![]),
                ]),
            ),
            (
                "nested".into(),
                Object(vec![(
                    "a".into(),
                    Array(vec![
                        Int("1".into()),
                        Object(vec![(
                            "b".into(),
                            Str("x\u{a}y\"z\\\u{8}\u{c}\u{d}\u{9}".into()),
                        )]),
                    ]),
                )]),
            ),
            ("e".into(), Str("\u{7f}\u{1}\u{2028}😀é".into())),
            ("f".into(), Float(1e+16)),
            ("g".into(), Float(-0.0)),
            ("h".into(), Float(1e-07)),
            ("big".into(), Int("1000000000000000000000000000000".into())),
            ("neg".into(), Int("-5".into())),
        ]);
        let cases: Vec<(DumpOptions, &str)> = vec![
            (
                DumpOptions::default(),
                "{\"name\": \"\\u4e2d\\u6587\", \"list\": [1, 2.5, null, true, false, [], {}], \"nested\": {\"a\": [1, {\"b\": \"x\\ny\\\"z\\\\\\b\\f\\r\\t\"}]}, \"e\": \"\\u007f\\u0001\\u2028\\ud83d\\ude00\\u00e9\", \"f\": 1e+16, \"g\": -0.0, \"h\": 1e-07, \"big\": 1000000000000000000000000000000, \"neg\": -5}",
            ),
            (
                DumpOptions {
                    ensure_ascii: false,
                    ..DumpOptions::default()
                },
                "{\"name\": \"中文\", \"list\": [1, 2.5, null, true, false, [], {}], \"nested\": {\"a\": [1, {\"b\": \"x\\ny\\\"z\\\\\\b\\f\\r\\t\"}]}, \"e\": \"\u{7f}\\u0001\u{2028}😀é\", \"f\": 1e+16, \"g\": -0.0, \"h\": 1e-07, \"big\": 1000000000000000000000000000000, \"neg\": -5}",
            ),
            (
                DumpOptions {
                    indent: Some(Indent::Spaces(2)),
                    ..DumpOptions::default()
                },
                "{\u{a}  \"name\": \"\\u4e2d\\u6587\",\u{a}  \"list\": [\u{a}    1,\u{a}    2.5,\u{a}    null,\u{a}    true,\u{a}    false,\u{a}    [],\u{a}    {}\u{a}  ],\u{a}  \"nested\": {\u{a}    \"a\": [\u{a}      1,\u{a}      {\u{a}        \"b\": \"x\\ny\\\"z\\\\\\b\\f\\r\\t\"\u{a}      }\u{a}    ]\u{a}  },\u{a}  \"e\": \"\\u007f\\u0001\\u2028\\ud83d\\ude00\\u00e9\",\u{a}  \"f\": 1e+16,\u{a}  \"g\": -0.0,\u{a}  \"h\": 1e-07,\u{a}  \"big\": 1000000000000000000000000000000,\u{a}  \"neg\": -5\u{a}}",
            ),
            (
                DumpOptions {
                    indent: Some(Indent::Text("\t".into())),
                    ensure_ascii: false,
                    ..DumpOptions::default()
                },
                "{\u{a}\u{9}\"name\": \"中文\",\u{a}\u{9}\"list\": [\u{a}\u{9}\u{9}1,\u{a}\u{9}\u{9}2.5,\u{a}\u{9}\u{9}null,\u{a}\u{9}\u{9}true,\u{a}\u{9}\u{9}false,\u{a}\u{9}\u{9}[],\u{a}\u{9}\u{9}{}\u{a}\u{9}],\u{a}\u{9}\"nested\": {\u{a}\u{9}\u{9}\"a\": [\u{a}\u{9}\u{9}\u{9}1,\u{a}\u{9}\u{9}\u{9}{\u{a}\u{9}\u{9}\u{9}\u{9}\"b\": \"x\\ny\\\"z\\\\\\b\\f\\r\\t\"\u{a}\u{9}\u{9}\u{9}}\u{a}\u{9}\u{9}]\u{a}\u{9}},\u{a}\u{9}\"e\": \"\u{7f}\\u0001\u{2028}😀é\",\u{a}\u{9}\"f\": 1e+16,\u{a}\u{9}\"g\": -0.0,\u{a}\u{9}\"h\": 1e-07,\u{a}\u{9}\"big\": 1000000000000000000000000000000,\u{a}\u{9}\"neg\": -5\u{a}}",
            ),
            (
                DumpOptions {
                    indent: Some(Indent::Spaces(0)),
                    ..DumpOptions::default()
                },
                "{\u{a}\"name\": \"\\u4e2d\\u6587\",\u{a}\"list\": [\u{a}1,\u{a}2.5,\u{a}null,\u{a}true,\u{a}false,\u{a}[],\u{a}{}\u{a}],\u{a}\"nested\": {\u{a}\"a\": [\u{a}1,\u{a}{\u{a}\"b\": \"x\\ny\\\"z\\\\\\b\\f\\r\\t\"\u{a}}\u{a}]\u{a}},\u{a}\"e\": \"\\u007f\\u0001\\u2028\\ud83d\\ude00\\u00e9\",\u{a}\"f\": 1e+16,\u{a}\"g\": -0.0,\u{a}\"h\": 1e-07,\u{a}\"big\": 1000000000000000000000000000000,\u{a}\"neg\": -5\u{a}}",
            ),
            (
                DumpOptions {
                    indent: Some(Indent::Spaces(-1)),
                    ..DumpOptions::default()
                },
                "{\u{a}\"name\": \"\\u4e2d\\u6587\",\u{a}\"list\": [\u{a}1,\u{a}2.5,\u{a}null,\u{a}true,\u{a}false,\u{a}[],\u{a}{}\u{a}],\u{a}\"nested\": {\u{a}\"a\": [\u{a}1,\u{a}{\u{a}\"b\": \"x\\ny\\\"z\\\\\\b\\f\\r\\t\"\u{a}}\u{a}]\u{a}},\u{a}\"e\": \"\\u007f\\u0001\\u2028\\ud83d\\ude00\\u00e9\",\u{a}\"f\": 1e+16,\u{a}\"g\": -0.0,\u{a}\"h\": 1e-07,\u{a}\"big\": 1000000000000000000000000000000,\u{a}\"neg\": -5\u{a}}",
            ),
            (
                DumpOptions {
                    separators: Some((",".into(), ":".into())),
                    ..DumpOptions::default()
                },
                "{\"name\":\"\\u4e2d\\u6587\",\"list\":[1,2.5,null,true,false,[],{}],\"nested\":{\"a\":[1,{\"b\":\"x\\ny\\\"z\\\\\\b\\f\\r\\t\"}]},\"e\":\"\\u007f\\u0001\\u2028\\ud83d\\ude00\\u00e9\",\"f\":1e+16,\"g\":-0.0,\"h\":1e-07,\"big\":1000000000000000000000000000000,\"neg\":-5}",
            ),
            (
                DumpOptions {
                    indent: Some(Indent::Spaces(2)),
                    separators: Some((", ".into(), ": ".into())),
                    ..DumpOptions::default()
                },
                "{\u{a}  \"name\": \"\\u4e2d\\u6587\", \u{a}  \"list\": [\u{a}    1, \u{a}    2.5, \u{a}    null, \u{a}    true, \u{a}    false, \u{a}    [], \u{a}    {}\u{a}  ], \u{a}  \"nested\": {\u{a}    \"a\": [\u{a}      1, \u{a}      {\u{a}        \"b\": \"x\\ny\\\"z\\\\\\b\\f\\r\\t\"\u{a}      }\u{a}    ]\u{a}  }, \u{a}  \"e\": \"\\u007f\\u0001\\u2028\\ud83d\\ude00\\u00e9\", \u{a}  \"f\": 1e+16, \u{a}  \"g\": -0.0, \u{a}  \"h\": 1e-07, \u{a}  \"big\": 1000000000000000000000000000000, \u{a}  \"neg\": -5\u{a}}",
            ),
            (
                DumpOptions {
                    sort_keys: true,
                    ..DumpOptions::default()
                },
                "{\"big\": 1000000000000000000000000000000, \"e\": \"\\u007f\\u0001\\u2028\\ud83d\\ude00\\u00e9\", \"f\": 1e+16, \"g\": -0.0, \"h\": 1e-07, \"list\": [1, 2.5, null, true, false, [], {}], \"name\": \"\\u4e2d\\u6587\", \"neg\": -5, \"nested\": {\"a\": [1, {\"b\": \"x\\ny\\\"z\\\\\\b\\f\\r\\t\"}]}}",
            ),
            (
                DumpOptions {
                    sort_keys: true,
                    indent: Some(Indent::Spaces(4)),
                    ..DumpOptions::default()
                },
                "{\u{a}    \"big\": 1000000000000000000000000000000,\u{a}    \"e\": \"\\u007f\\u0001\\u2028\\ud83d\\ude00\\u00e9\",\u{a}    \"f\": 1e+16,\u{a}    \"g\": -0.0,\u{a}    \"h\": 1e-07,\u{a}    \"list\": [\u{a}        1,\u{a}        2.5,\u{a}        null,\u{a}        true,\u{a}        false,\u{a}        [],\u{a}        {}\u{a}    ],\u{a}    \"name\": \"\\u4e2d\\u6587\",\u{a}    \"neg\": -5,\u{a}    \"nested\": {\u{a}        \"a\": [\u{a}            1,\u{a}            {\u{a}                \"b\": \"x\\ny\\\"z\\\\\\b\\f\\r\\t\"\u{a}            }\u{a}        ]\u{a}    }\u{a}}",
            ),
        ];
        for (options, expected) in cases {
            assert_eq!(dumps(&doc, &options).unwrap(), expected, "{options:?}");
        }
    }

    #[test]
    fn dumps_of_scalars_and_keys() {
        // python3 3.11: json.dumps of each value.
        let dump = |value: JsonValue| dumps(&value, &DumpOptions::default()).unwrap();
        assert_eq!(dump(Str("str".into())), "\"str\"");
        assert_eq!(dump(Int("5".into())), "5");
        assert_eq!(dump(Float(1.5)), "1.5");
        assert_eq!(dump(Null), "null");
        assert_eq!(dump(Array(vec![])), "[]");
        assert_eq!(dump(Object(vec![])), "{}");
        assert_eq!(
            dump(Array(vec![
                Float(f64::NAN),
                Float(f64::INFINITY),
                Float(f64::NEG_INFINITY)
            ])),
            "[NaN, Infinity, -Infinity]"
        );
        // python3 3.11: json.dumps({1: 'a', '1': 'b'}) == '{"1": "a", "1": "b"}'
        let keys = Object(vec![
            ("1".into(), Str("a".into())),
            ("1".into(), Str("b".into())),
        ]);
        assert_eq!(dump(keys), r#"{"1": "a", "1": "b"}"#);
        // python3 3.11: json.dumps({k: 1}) for float keys k.
        assert_eq!(float_key(f64::NAN, true, false).unwrap(), "NaN");
        assert_eq!(float_key(f64::INFINITY, true, false).unwrap(), "Infinity");
        assert_eq!(
            float_key(f64::NEG_INFINITY, true, false).unwrap(),
            "-Infinity"
        );
        assert_eq!(float_key(1.5, true, false).unwrap(), "1.5");
        assert_eq!(float_key(1e16, true, false).unwrap(), "1e+16");
    }

    #[test]
    fn dict_keys_as_python() {
        // python3 3.11: json.dumps({True: 1, False: 0, None: 2, 1.5: 3, 2: 4, -7: 5})
        // == '{"true": 1, "false": 0, "null": 2, "1.5": 3, "2": 4, "-7": 5}'
        let options = DumpOptions::default();
        let keys = [
            DictKey::Bool(true),
            DictKey::Bool(false),
            DictKey::None,
            DictKey::Float(1.5),
            DictKey::Int(&2i64),
            DictKey::Int(&-7i64),
            DictKey::Str("s"),
        ];
        let texts: Vec<String> = keys
            .into_iter()
            .map(|key| dict_key_text(key, &options).unwrap())
            .collect();
        assert_eq!(texts, ["true", "false", "null", "1.5", "2", "-7", "s"]);
        // python3 3.11: json.dumps({(1, 2): 5})
        assert_eq!(
            dict_key_text(DictKey::Other("tuple"), &options),
            Err(PyError::type_error(
                "keys must be str, int, float, bool or None, not tuple"
            ))
        );
    }

    #[test]
    fn allow_nan_false_raises() {
        // python3 3.11: json.dumps([float('nan')], allow_nan=False), without and with indent.
        let doc = Array(vec![Float(f64::NAN)]);
        let strict = DumpOptions {
            allow_nan: false,
            ..DumpOptions::default()
        };
        assert_eq!(
            dumps(&doc, &strict),
            Err(PyError::value_error(
                "Out of range float values are not JSON compliant"
            ))
        );
        let indented = DumpOptions {
            indent: Some(Indent::Spaces(1)),
            ..strict
        };
        assert_eq!(
            dumps(&doc, &indented),
            Err(PyError::value_error(
                "Out of range float values are not JSON compliant: nan"
            ))
        );
    }
}
