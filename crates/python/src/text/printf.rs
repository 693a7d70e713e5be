//! `%`-formatting: `template % args` for a str template (CPython's `PyUnicode_Format`
//! in `Objects/unicodeobject.c`) and for a bytes template (`_PyBytes_FormatEx` in
//! `Objects/bytesobject.c`).
//!
//! Both walk the template the same way: `%`, an optional `(key)`, flags `-+ #0`, a
//! width and a precision (either may be `*`, taken from the arguments), an ignored
//! `h`, `l` or `L`, and a conversion letter. The arguments are a tuple, a single value,
//! or a mapping for `%(key)s`; CPython's bookkeeping of which argument comes next is
//! kept as it is, because it decides which error a faulty template raises.

use super::float::{FloatFlags, FloatFormat, double_to_string};
use super::{IntDigits, PyError, ascii_escape};

/// What the right operand of `%` is, as far as `%` cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgClass {
    /// A tuple: its items are the arguments.
    Tuple,
    /// A str: one argument, never a mapping.
    Str,
    /// A bytes or bytearray: one argument; a mapping for a str template, but not for
    /// a bytes template.
    Bytes,
    /// Anything else with `__getitem__` (a dict, a list…): one argument, and the
    /// mapping that `%(key)s` looks keys up in.
    Mapping,
    /// Anything else: one argument.
    Other,
}

/// A key of `%(key)s`: a str for a str template, a bytes for a bytes template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappingKey<'a> {
    /// The key of a str template.
    Str(&'a str),
    /// The key of a bytes template.
    Bytes(&'a [u8]),
}

/// A Python value as `%` sees it: the right operand, an item of it, or a value found
/// in it by key. The VM implements this for its value type.
pub trait PercentArg: Clone {
    /// The VM's int, handed over for `%d`, `%x`, `%c` and `*`.
    type Int: IntDigits;

    /// The class name for messages: `int`, `str`, `NoneType`…
    fn type_name(&self) -> String;

    /// Whether this is a tuple, a str, a bytes, a mapping or something else.
    fn class(&self) -> ArgClass;

    /// The number of items of a tuple.
    fn tuple_len(&self) -> usize;

    /// Item `index` of a tuple.
    fn tuple_item(&self, index: usize) -> Self;

    /// `self[key]`, with whatever exception that raises (a `KeyError` whose message
    /// is the repr of the key, for a dict without it).
    fn get_item(&self, key: MappingKey<'_>) -> Result<Self, PyError>;

    /// `str(self)`.
    fn str(&self) -> Result<String, PyError>;

    /// `repr(self)`.
    fn repr(&self) -> Result<String, PyError>;

    /// `ascii(self)`: the repr with everything past ASCII escaped.
    fn ascii(&self) -> Result<String, PyError> {
        Ok(ascii_escape(&self.repr()?))
    }

    /// The value as an int, if it is one (a bool is one too), or has `__index__`.
    fn as_int(&self) -> Result<Option<Self::Int>, PyError>;

    /// The value as a float, if it is one (or has `__float__`).
    fn as_float(&self) -> Result<Option<f64>, PyError>;

    /// The text of a str.
    fn as_str(&self) -> Option<&str>;

    /// The bytes of a bytes, bytearray, memoryview or object with `__bytes__`, which
    /// `%s` and `%b` of a bytes template take.
    fn as_bytes(&self) -> Result<Option<Vec<u8>>, PyError>;
}

/// `template % args` for a str template.
pub fn format_str<V: PercentArg>(template: &str, args: &V) -> Result<String, PyError> {
    let out = format(template.as_bytes(), args, Template::Str)?;
    // Only whole UTF-8 sequences of the template and of strs were copied in.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// `template % args` for a bytes template.
pub fn format_bytes<V: PercentArg>(template: &[u8], args: &V) -> Result<Vec<u8>, PyError> {
    format(template, args, Template::Bytes)
}

/// Which of the two formatters is running: their messages and conversions differ.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Template {
    Str,
    Bytes,
}

impl Template {
    /// The length of `text` as the template counts it: code points, or bytes.
    fn len(self, text: &[u8]) -> usize {
        match self {
            Template::Str => text.iter().filter(|&&b| (b & 0xc0) != 0x80).count(),
            Template::Bytes => text.len(),
        }
    }

    /// The first `n` units (code points, or bytes) of `text`.
    fn truncate(self, text: &[u8], n: usize) -> &[u8] {
        match self {
            Template::Str => {
                let end = text
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| (b & 0xc0) != 0x80)
                    .nth(n)
                    .map_or(text.len(), |(i, _)| i);
                &text[..end]
            }
            Template::Bytes => &text[..n.min(text.len())],
        }
    }

    fn not_all_converted(self) -> PyError {
        PyError::type_error(match self {
            Template::Str => "not all arguments converted during string formatting",
            Template::Bytes => "not all arguments converted during bytes formatting",
        })
    }
}

/// Which argument comes next, as CPython's `argidx` and `arglen`: a tuple's items one
/// by one, or a single value once (`arglen` -1, `argidx` -2 until it is taken).
struct Arguments<V> {
    args: V,
    arglen: isize,
    argidx: isize,
}

impl<V: PercentArg> Arguments<V> {
    /// The right operand: a tuple's items, or itself.
    fn new(args: V) -> Arguments<V> {
        if args.class() == ArgClass::Tuple {
            Arguments {
                arglen: args.tuple_len() as isize,
                argidx: 0,
                args,
            }
        } else {
            Arguments::single(args)
        }
    }

    /// One value, even a tuple: what `%(key)` found.
    fn single(args: V) -> Arguments<V> {
        Arguments {
            args,
            arglen: -1,
            argidx: -2,
        }
    }

    /// CPython's `getnextarg`.
    fn next(&mut self) -> Result<V, PyError> {
        if self.argidx < self.arglen {
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(self.args.clone());
            }
            return Ok(self.args.tuple_item((self.argidx - 1) as usize));
        }
        Err(PyError::type_error(
            "not enough arguments for format string",
        ))
    }

    fn all_used(&self) -> bool {
        self.argidx >= self.arglen
    }
}

// The flags of a conversion.
const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

/// One parsed conversion: `%[flags][width][.precision]letter`.
struct Conversion {
    flags: u8,
    width: Option<usize>,
    precision: Option<usize>,
    letter: u8,
    /// Where the letter is in the template, in bytes.
    letter_at: usize,
}

/// The shared walk over the template.
fn format<V: PercentArg>(fmt: &[u8], operand: &V, template: Template) -> Result<Vec<u8>, PyError> {
    let dict = match (operand.class(), template) {
        (ArgClass::Mapping, _) | (ArgClass::Bytes, Template::Str) => Some(operand),
        _ => None,
    };
    let mut args = Arguments::new(operand.clone());
    let mut out = Vec::with_capacity(fmt.len() + 16);
    let mut pos = 0;
    while pos < fmt.len() {
        if fmt[pos] != b'%' {
            let run = fmt[pos..]
                .iter()
                .position(|&b| b == b'%')
                .map_or(fmt.len(), |n| pos + n);
            out.extend_from_slice(&fmt[pos..run]);
            pos = run;
            continue;
        }
        pos += 1;
        if fmt.get(pos) == Some(&b'%') {
            out.push(b'%');
            pos += 1;
            continue;
        }
        if fmt.get(pos) == Some(&b'(') {
            let Some(dict) = dict else {
                return Err(PyError::type_error("format requires a mapping"));
            };
            let (key, after) = read_key(fmt, pos + 1)?;
            let key = match template {
                Template::Str => MappingKey::Str(std::str::from_utf8(key).unwrap_or_default()),
                Template::Bytes => MappingKey::Bytes(key),
            };
            args = Arguments::single(dict.get_item(key)?);
            pos = after;
        }
        let (conversion, after) = parse_conversion(fmt, pos, &mut args)?;
        pos = after;
        let value = args.next()?;
        write_conversion(&mut out, &conversion, &value, fmt, template)?;
        if dict.is_some() && !args.all_used() {
            return Err(template.not_all_converted());
        }
    }
    if !args.all_used() && dict.is_none() {
        return Err(template.not_all_converted());
    }
    Ok(out)
}

/// Reads a `(key)` whose `(` is just before `start`, with nested parentheses kept in
/// the key: the key and where the template goes on.
fn read_key(fmt: &[u8], start: usize) -> Result<(&[u8], usize), PyError> {
    let mut depth = 1;
    for (i, &b) in fmt.iter().enumerate().skip(start) {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok((&fmt[start..i], i + 1));
                }
            }
            _ => {}
        }
    }
    Err(PyError::value_error("incomplete format key"))
}

/// Parses flags, width, precision and the letter from `pos`, taking `*` values from
/// the arguments, as CPython's `unicode_format_arg_parse`.
fn parse_conversion<V: PercentArg>(
    fmt: &[u8],
    mut pos: usize,
    args: &mut Arguments<V>,
) -> Result<(Conversion, usize), PyError> {
    let mut next = || {
        let c = fmt.get(pos).copied();
        if c.is_some() {
            pos += 1;
        }
        c
    };
    let mut flags = 0;
    let mut c = None;
    while let Some(b) = next() {
        match b {
            b'-' => flags |= F_LJUST,
            b'+' => flags |= F_SIGN,
            b' ' => flags |= F_BLANK,
            b'#' => flags |= F_ALT,
            b'0' => flags |= F_ZERO,
            _ => {
                c = Some(b);
                break;
            }
        }
    }
    let mut width = None;
    if c == Some(b'*') {
        let value = star_argument(args)?;
        let width_value = value.to_i64().ok_or_else(|| {
            PyError::overflow_error("Python int too large to convert to C ssize_t")
        })?;
        if width_value < 0 {
            flags |= F_LJUST;
        }
        width = Some(width_value.unsigned_abs() as usize);
        c = next();
    } else if let Some(digit @ b'0'..=b'9') = c {
        let mut value = i64::from(digit - b'0');
        loop {
            c = next();
            let Some(digit @ b'0'..=b'9') = c else { break };
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(digit - b'0')))
                .ok_or_else(|| PyError::value_error("width too big"))?;
        }
        width = Some(value as usize);
    }
    let mut precision = None;
    if c == Some(b'.') {
        precision = Some(0);
        c = next();
        if c == Some(b'*') {
            let value = star_argument(args)?;
            let prec = value
                .to_i64()
                .and_then(|p| i32::try_from(p).ok())
                .ok_or_else(|| {
                    PyError::overflow_error("Python int too large to convert to C int")
                })?;
            precision = Some(prec.max(0) as usize);
            c = next();
        } else if let Some(digit @ b'0'..=b'9') = c {
            let mut value = i32::from(digit - b'0');
            loop {
                c = next();
                let Some(digit @ b'0'..=b'9') = c else { break };
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(i32::from(digit - b'0')))
                    .ok_or_else(|| PyError::value_error("precision too big"))?;
            }
            precision = Some(value as usize);
        }
    }
    if let Some(b'h' | b'l' | b'L') = c {
        c = next();
    }
    let Some(letter) = c else {
        return Err(PyError::value_error("incomplete format"));
    };
    let letter_at = pos - 1;
    Ok((
        Conversion {
            flags,
            width,
            precision,
            letter,
            letter_at,
        },
        pos,
    ))
}

/// The int for a `*` width or precision.
fn star_argument<V: PercentArg>(args: &mut Arguments<V>) -> Result<V::Int, PyError> {
    let value = args.next()?;
    value
        .as_int()?
        .ok_or_else(|| PyError::type_error("* wants int"))
}

/// Converts `value` as `conversion` says and writes it with its sign, prefix and
/// padding, as CPython's `unicode_format_arg_format` and `unicode_format_arg_output`.
fn write_conversion<V: PercentArg>(
    out: &mut Vec<u8>,
    conversion: &Conversion,
    value: &V,
    fmt: &[u8],
    template: Template,
) -> Result<(), PyError> {
    let letter = conversion.letter;
    let numeric = matches!(
        letter,
        b'd' | b'i' | b'u' | b'o' | b'x' | b'X' | b'e' | b'E' | b'f' | b'F' | b'g' | b'G'
    );
    let text: Vec<u8> = match (letter, template) {
        (b's', Template::Str) => value.str()?.into_bytes(),
        (b'r', Template::Str) => value.repr()?.into_bytes(),
        (b'a', _) | (b'r', Template::Bytes) => value.ascii()?.into_bytes(),
        (b's' | b'b', Template::Bytes) => value.as_bytes()?.ok_or_else(|| {
            PyError::type_error(format!(
                "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                value.type_name()
            ))
        })?,
        (b'd' | b'i' | b'u' | b'o' | b'x' | b'X', _) => {
            format_long(value, conversion, template)?.into_bytes()
        }
        (b'e' | b'E' | b'f' | b'F' | b'g' | b'G', _) => {
            format_float(value, conversion, template)?.into_bytes()
        }
        (b'c', Template::Str) => char_of(value)?.to_string().into_bytes(),
        (b'c', Template::Bytes) => vec![byte_of(value)?],
        _ => return Err(unsupported_character(fmt, conversion.letter_at, template)),
    };
    let mut text: &[u8] = &text;
    let flags = conversion.flags;
    let fill = if numeric && flags & F_ZERO != 0 {
        b'0'
    } else {
        b' '
    };
    let mut len = template.len(text);
    if matches!(letter, b's' | b'r' | b'a' | b'b')
        && let Some(precision) = conversion.precision
        && len > precision
    {
        text = template.truncate(text, precision);
        len = precision;
    }
    let mut sign = None;
    if numeric {
        match text.first() {
            Some(&b @ (b'-' | b'+')) => {
                sign = Some(b);
                text = &text[1..];
                len -= 1;
            }
            _ if flags & F_SIGN != 0 => sign = Some(b'+'),
            _ if flags & F_BLANK != 0 => sign = Some(b' '),
            _ => {}
        }
    }
    let mut width = conversion.width.unwrap_or(0).max(len);
    if let Some(sign) = sign {
        if fill != b' ' {
            out.push(sign);
        }
        if width > len {
            width -= 1;
        }
    }
    let mut prefix: &[u8] = &[];
    if flags & F_ALT != 0 && matches!(letter, b'x' | b'X' | b'o') {
        (prefix, text) = text.split_at(2.min(text.len()));
        if fill != b' ' {
            out.extend_from_slice(prefix);
        }
        width = width.saturating_sub(2);
        len -= prefix.len();
    }
    if width > len && flags & F_LJUST == 0 {
        out.extend(std::iter::repeat_n(fill, width - len));
        width = len;
    }
    if fill == b' ' {
        out.extend(sign);
        out.extend_from_slice(prefix);
    }
    out.extend_from_slice(text);
    if width > len {
        out.extend(std::iter::repeat_n(b' ', width - len));
    }
    Ok(())
}

/// `%d %i %u %o %x %X`: the int (or a float cut to an int, for the decimal ones) with
/// CPython's `_PyUnicode_FormatLong`: precision as leading zeros, `#` as a prefix.
fn format_long<V: PercentArg>(
    value: &V,
    conversion: &Conversion,
    template: Template,
) -> Result<String, PyError> {
    let letter = conversion.letter;
    let decimal = matches!(letter, b'd' | b'i' | b'u');
    let (negative, mut digits) = match value.as_int()? {
        Some(int) => (int.is_negative(), int.magnitude_digits(radix_of(letter))),
        None => match value.as_float()? {
            Some(x) if decimal => truncate_float(x)?,
            _ => {
                // A bytes template names %i as %d.
                let shown = if template == Template::Bytes && letter == b'i' {
                    b'd'
                } else {
                    letter
                };
                let wanted = if decimal {
                    "a real number"
                } else {
                    "an integer"
                };
                return Err(PyError::type_error(format!(
                    "%{} format: {wanted} is required, not {}",
                    char::from(shown),
                    value.type_name()
                )));
            }
        },
    };
    if let Some(precision) = conversion.precision
        && precision > digits.len()
    {
        digits.insert_str(0, &"0".repeat(precision - digits.len()));
    }
    let prefix = match letter {
        _ if conversion.flags & F_ALT == 0 => "",
        b'o' => "0o",
        b'x' => "0x",
        b'X' => "0X",
        _ => "",
    };
    if letter == b'X' {
        digits.make_ascii_uppercase();
    }
    Ok(format!(
        "{}{prefix}{digits}",
        if negative { "-" } else { "" }
    ))
}

fn radix_of(letter: u8) -> u32 {
    match letter {
        b'o' => 8,
        b'x' | b'X' => 16,
        _ => 10,
    }
}

/// `int(x)` for a float, as sign and decimal digits.
fn truncate_float(x: f64) -> Result<(bool, String), PyError> {
    if x.is_nan() {
        return Err(PyError::value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(PyError::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    let whole = x.trunc();
    Ok((whole < 0.0, format!("{:.0}", whole.abs())))
}

/// `%e %E %f %F %g %G`.
fn format_float<V: PercentArg>(
    value: &V,
    conversion: &Conversion,
    template: Template,
) -> Result<String, PyError> {
    let x = match (value.as_float()?, value.as_int()?) {
        (Some(x), _) => Some(x),
        (None, Some(int)) => match int.to_f64() {
            Some(x) => Some(x),
            None if template == Template::Str => {
                return Err(PyError::overflow_error("int too large to convert to float"));
            }
            None => None,
        },
        (None, None) => None,
    };
    let Some(x) = x else {
        return Err(PyError::type_error(match template {
            Template::Str => format!("must be real number, not {}", value.type_name()),
            Template::Bytes => format!("float argument required, not {}", value.type_name()),
        }));
    };
    let style = match conversion.letter.to_ascii_lowercase() {
        b'e' => FloatFormat::Exponent,
        b'f' => FloatFormat::Fixed,
        _ => FloatFormat::General,
    };
    let flags = FloatFlags {
        upper: conversion.letter.is_ascii_uppercase(),
        alt: conversion.flags & F_ALT != 0,
        ..FloatFlags::default()
    };
    Ok(double_to_string(
        x,
        style,
        conversion.precision.unwrap_or(6),
        flags,
    ))
}

/// `%c` of a str template: a str of one character, or an int code point.
fn char_of<V: PercentArg>(value: &V) -> Result<char, PyError> {
    let wrong_type = || PyError::type_error("%c requires int or char");
    if let Some(text) = value.as_str() {
        let mut chars = text.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(wrong_type()),
        };
    }
    match value.as_int()? {
        Some(int) => super::spec::int_to_char(&int),
        None => Err(wrong_type()),
    }
}

/// `%c` of a bytes template: a bytes or bytearray of one byte, or an int below 256.
fn byte_of<V: PercentArg>(value: &V) -> Result<u8, PyError> {
    if value.class() == ArgClass::Bytes
        && let Some(bytes) = value.as_bytes()?
        && let [byte] = bytes[..]
    {
        return Ok(byte);
    }
    match value.as_int()? {
        Some(int) => int
            .to_i64()
            .and_then(|code| u8::try_from(code).ok())
            .ok_or_else(|| PyError::overflow_error("%c arg not in range(256)")),
        None => Err(PyError::type_error(
            "%c requires an integer in range(256) or a single byte",
        )),
    }
}

/// `ValueError: unsupported format character 'y' (0x79) at index 3`, with the index
/// in code points for a str template.
fn unsupported_character(fmt: &[u8], at: usize, template: Template) -> PyError {
    match template {
        Template::Str => {
            // The letter starts a character of the str the template came from.
            let c = std::str::from_utf8(&fmt[at..])
                .ok()
                .and_then(|rest| rest.chars().next())
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            let code = u32::from(c);
            let shown = if (31..=126).contains(&code) { c } else { '?' };
            let index = template.len(&fmt[..at]);
            PyError::value_error(format!(
                "unsupported format character '{shown}' (0x{code:x}) at index {index}"
            ))
        }
        Template::Bytes => {
            let byte = fmt[at];
            if byte >= 0x80 {
                // CPython passes the byte as a signed C char to `%c`.
                return PyError::overflow_error("character argument not in range(0x110000)");
            }
            PyError::value_error(format!(
                "unsupported format character '{}' (0x{byte:x}) at index {at}",
                char::from(byte)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::float::repr_float;

    /// An int of the test values: an `i128`, or 10**400 for the int too large for a
    /// float.
    #[derive(Clone, Debug)]
    enum TestInt {
        Small(i128),
        Huge,
    }

    impl IntDigits for TestInt {
        fn is_negative(&self) -> bool {
            matches!(self, TestInt::Small(n) if *n < 0)
        }
        fn magnitude_digits(&self, radix: u32) -> String {
            match self {
                TestInt::Small(n) => n.magnitude_digits(radix),
                TestInt::Huge => format!("1{}", "0".repeat(400)),
            }
        }
    }

    /// Just enough of Python's values to drive `%`.
    #[derive(Clone, Debug)]
    enum Value {
        None,
        Bool(bool),
        Int(TestInt),
        Float(f64),
        Str(String),
        Bytes(Vec<u8>),
        Tuple(Vec<Value>),
        List(Vec<Value>),
        Dict(Vec<(Value, Value)>),
    }

    fn none() -> Value {
        Value::None
    }
    fn boolean(b: bool) -> Value {
        Value::Bool(b)
    }
    fn int(n: i128) -> Value {
        Value::Int(TestInt::Small(n))
    }
    fn huge() -> Value {
        Value::Int(TestInt::Huge)
    }
    fn float(x: f64) -> Value {
        Value::Float(x)
    }
    fn s(text: &str) -> Value {
        Value::Str(text.to_string())
    }
    fn b(bytes: &[u8]) -> Value {
        Value::Bytes(bytes.to_vec())
    }
    fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(items)
    }
    fn list(items: Vec<Value>) -> Value {
        Value::List(items)
    }
    fn dict(items: Vec<(Value, Value)>) -> Value {
        Value::Dict(items)
    }

    fn join(items: &[Value]) -> String {
        items
            .iter()
            .map(|v| v.repr().unwrap())
            .collect::<Vec<_>>()
            .join(", ")
    }

    impl PercentArg for Value {
        type Int = TestInt;

        fn type_name(&self) -> String {
            match self {
                Value::None => "NoneType",
                Value::Bool(_) => "bool",
                Value::Int(_) => "int",
                Value::Float(_) => "float",
                Value::Str(_) => "str",
                Value::Bytes(_) => "bytes",
                Value::Tuple(_) => "tuple",
                Value::List(_) => "list",
                Value::Dict(_) => "dict",
            }
            .to_string()
        }

        fn class(&self) -> ArgClass {
            match self {
                Value::Tuple(_) => ArgClass::Tuple,
                Value::Str(_) => ArgClass::Str,
                Value::Bytes(_) => ArgClass::Bytes,
                Value::List(_) | Value::Dict(_) => ArgClass::Mapping,
                _ => ArgClass::Other,
            }
        }

        fn tuple_len(&self) -> usize {
            match self {
                Value::Tuple(items) => items.len(),
                _ => 0,
            }
        }

        fn tuple_item(&self, index: usize) -> Value {
            match self {
                Value::Tuple(items) => items[index].clone(),
                _ => Value::None,
            }
        }

        fn get_item(&self, key: MappingKey<'_>) -> Result<Value, PyError> {
            let key = match key {
                MappingKey::Str(text) => s(text),
                MappingKey::Bytes(bytes) => b(bytes),
            };
            match self {
                Value::Dict(items) => items
                    .iter()
                    .find(|(k, _)| k.repr() == key.repr())
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| PyError::key_error(key.repr().unwrap())),
                Value::List(_) => Err(PyError::type_error(format!(
                    "list indices must be integers or slices, not {}",
                    key.type_name()
                ))),
                Value::Bytes(_) => Err(PyError::type_error(format!(
                    "byte indices must be integers or slices, not {}",
                    key.type_name()
                ))),
                _ => Err(PyError::type_error("not subscriptable")),
            }
        }

        fn str(&self) -> Result<String, PyError> {
            match self {
                Value::Str(text) => Ok(text.clone()),
                _ => self.repr(),
            }
        }

        fn repr(&self) -> Result<String, PyError> {
            Ok(match self {
                Value::None => "None".to_string(),
                Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
                Value::Int(n) => {
                    let digits = n.magnitude_digits(10);
                    if n.is_negative() {
                        format!("-{digits}")
                    } else {
                        digits
                    }
                }
                Value::Float(x) => repr_float(*x),
                Value::Str(text) => format!("'{text}'"),
                Value::Bytes(bytes) => {
                    let mut out = String::from("b'");
                    for &byte in bytes {
                        if (32..127).contains(&byte) {
                            out.push(char::from(byte));
                        } else {
                            out.push_str(&format!("\\x{byte:02x}"));
                        }
                    }
                    out + "'"
                }
                Value::Tuple(items) if items.len() == 1 => format!("({},)", join(items)),
                Value::Tuple(items) => format!("({})", join(items)),
                Value::List(items) => format!("[{}]", join(items)),
                Value::Dict(items) => {
                    let pairs: Vec<String> = items
                        .iter()
                        .map(|(k, v)| format!("{}: {}", k.repr().unwrap(), v.repr().unwrap()))
                        .collect();
                    format!("{{{}}}", pairs.join(", "))
                }
            })
        }

        fn as_int(&self) -> Result<Option<TestInt>, PyError> {
            Ok(match self {
                Value::Int(n) => Some(n.clone()),
                Value::Bool(b) => Some(TestInt::Small(i128::from(*b))),
                _ => None,
            })
        }

        fn as_float(&self) -> Result<Option<f64>, PyError> {
            Ok(match self {
                Value::Float(x) => Some(*x),
                _ => None,
            })
        }

        fn as_str(&self) -> Option<&str> {
            match self {
                Value::Str(text) => Some(text),
                _ => None,
            }
        }

        fn as_bytes(&self) -> Result<Option<Vec<u8>>, PyError> {
            Ok(match self {
                Value::Bytes(bytes) => Some(bytes.clone()),
                _ => None,
            })
        }
    }

    /// python3's answer: the result, or the exception class and message.
    type Expected<T> = Result<T, (&'static str, &'static str)>;

    /// A template, its right operand, and python3's answer.
    type Case<T> = (T, Value, Expected<T>);

    fn expected<T>(answer: Expected<T>) -> Result<T, PyError> {
        answer.map_err(|(class, message)| PyError::new(class, message))
    }

    #[test]
    fn str_templates() {
        // python3 3.11: template % args, or the exception it raises.
        let cases: Vec<Case<&str>> = vec![
            (
                "%5%",
                tuple(vec![]),
                Err(("TypeError", "not enough arguments for format string")),
            ),
            (
                "%5%",
                tuple(vec![int(1)]),
                Err((
                    "ValueError",
                    "unsupported format character '%' (0x25) at index 2",
                )),
            ),
            (
                "%s %s",
                tuple(vec![int(1)]),
                Err(("TypeError", "not enough arguments for format string")),
            ),
            (
                "%s",
                tuple(vec![int(1), int(2)]),
                Err((
                    "TypeError",
                    "not all arguments converted during string formatting",
                )),
            ),
            (
                "%d",
                s("5"),
                Err(("TypeError", "%d format: a real number is required, not str")),
            ),
            (
                "%i",
                s("x"),
                Err(("TypeError", "%i format: a real number is required, not str")),
            ),
            (
                "%u",
                s("x"),
                Err(("TypeError", "%u format: a real number is required, not str")),
            ),
            (
                "%x",
                float(1.5),
                Err(("TypeError", "%x format: an integer is required, not float")),
            ),
            ("%d", float(3.7), Ok("3")),
            ("%d", float(-3.7), Ok("-3")),
            ("%d", float(1e+20), Ok("100000000000000000000")),
            (
                "%d",
                float(f64::INFINITY),
                Err(("OverflowError", "cannot convert float infinity to integer")),
            ),
            (
                "%d",
                float(f64::NAN),
                Err(("ValueError", "cannot convert float NaN to integer")),
            ),
            (
                "%c",
                float(65.0),
                Err(("TypeError", "%c requires int or char")),
            ),
            ("%c", s("ab"), Err(("TypeError", "%c requires int or char"))),
            ("%c", s(""), Err(("TypeError", "%c requires int or char"))),
            (
                "%c",
                int(-1),
                Err(("OverflowError", "%c arg not in range(0x110000)")),
            ),
            (
                "%c",
                int(1180591620717411303424),
                Err(("OverflowError", "%c arg not in range(0x110000)")),
            ),
            (
                "%c",
                int(1114112),
                Err(("OverflowError", "%c arg not in range(0x110000)")),
            ),
            (
                "%f",
                s("x"),
                Err(("TypeError", "must be real number, not str")),
            ),
            (
                "%(a)s",
                int(5),
                Err(("TypeError", "format requires a mapping")),
            ),
            (
                "%(a)s",
                list(vec![int(1)]),
                Err((
                    "TypeError",
                    "list indices must be integers or slices, not str",
                )),
            ),
            (
                "%(a)s %s",
                dict(vec![(s("a"), int(1))]),
                Err(("TypeError", "not enough arguments for format string")),
            ),
            ("%s %(a)s", dict(vec![(s("a"), int(1))]), Ok("{'a': 1} 1")),
            (
                "%(a",
                dict(vec![(s("a"), int(1))]),
                Err(("ValueError", "incomplete format key")),
            ),
            (
                "%(a)",
                dict(vec![(s("a"), int(1))]),
                Err(("ValueError", "incomplete format")),
            ),
            ("%(a)s", dict(vec![]), Err(("KeyError", "'a'"))),
            ("abc%", int(5), Err(("ValueError", "incomplete format"))),
            (
                "%y",
                int(5),
                Err((
                    "ValueError",
                    "unsupported format character 'y' (0x79) at index 1",
                )),
            ),
            (
                "abc%y",
                int(5),
                Err((
                    "ValueError",
                    "unsupported format character 'y' (0x79) at index 4",
                )),
            ),
            (
                "%字",
                int(5),
                Err((
                    "ValueError",
                    "unsupported format character '?' (0x5b57) at index 1",
                )),
            ),
            (
                "中%字",
                int(5),
                Err((
                    "ValueError",
                    "unsupported format character '?' (0x5b57) at index 2",
                )),
            ),
            (
                "%\u{7}",
                int(5),
                Err((
                    "ValueError",
                    "unsupported format character '?' (0x7) at index 1",
                )),
            ),
            (
                "%\u{1f}",
                int(5),
                Err((
                    "ValueError",
                    "unsupported format character '\u{1f}' (0x1f) at index 1",
                )),
            ),
            (
                "%\u{7f}",
                int(5),
                Err((
                    "ValueError",
                    "unsupported format character '?' (0x7f) at index 1",
                )),
            ),
            ("%ld", int(5), Ok("5")),
            ("%hs", int(5), Ok("5")),
            (
                "%lld",
                int(5),
                Err((
                    "ValueError",
                    "unsupported format character 'l' (0x6c) at index 2",
                )),
            ),
            ("%*d", tuple(vec![int(5), int(3)]), Ok("    3")),
            ("%-*d|", tuple(vec![int(-5), int(3)]), Ok("3    |")),
            ("%*d|", tuple(vec![int(-5), int(3)]), Ok("3    |")),
            ("%.*f", tuple(vec![int(2), float(3.14259)]), Ok("3.14")),
            ("%.*f", tuple(vec![int(-2), float(3.14259)]), Ok("3")),
            (
                "%*d",
                tuple(vec![s("5"), int(3)]),
                Err(("TypeError", "* wants int")),
            ),
            ("%05d", int(-3), Ok("-0003")),
            ("%-05d|", int(-3), Ok("-3   |")),
            ("%+d", int(3), Ok("+3")),
            ("% d", int(3), Ok(" 3")),
            ("%+ d", int(3), Ok("+3")),
            ("% +d", int(3), Ok("+3")),
            ("%#x", int(255), Ok("0xff")),
            ("%#X", int(255), Ok("0XFF")),
            ("%#o", int(8), Ok("0o10")),
            ("%#08x", int(-255), Ok("-0x000ff")),
            ("%#8x", int(-255), Ok("   -0xff")),
            ("%.5x", int(-255), Ok("-000ff")),
            ("%#.5x", int(255), Ok("0x000ff")),
            ("%#-8x|", int(255), Ok("0xff    |")),
            ("%05f", float(f64::INFINITY), Ok("00inf")),
            ("%+.2e", float(12345.678), Ok("+1.23e+04")),
            ("%#.0f", float(3.0), Ok("3.")),
            ("%g", float(1e-05), Ok("1e-05")),
            ("%g", int(123456789), Ok("1.23457e+08")),
            ("%.0f", float(0.5), Ok("0")),
            ("%.0f", float(1.5), Ok("2")),
            ("%10.3s|", s("abcdef"), Ok("       abc|")),
            ("%-10r|", s("ab"), Ok("'ab'      |")),
            ("%a", s("字"), Ok("'\\u5b57'")),
            ("%r", s("字"), Ok("'字'")),
            ("%s", s("字"), Ok("字")),
            ("%5c|", int(23383), Ok("    字|")),
            ("%c", s("字"), Ok("字")),
            ("%-4s|", s("中文"), Ok("中文  |")),
            ("%5.1s|", s("中文"), Ok("    中|")),
            (
                "%s",
                tuple(vec![]),
                Err(("TypeError", "not enough arguments for format string")),
            ),
            ("%s", tuple(vec![tuple(vec![])]), Ok("()")),
            ("%s", list(vec![int(1), int(2)]), Ok("[1, 2]")),
            ("", list(vec![int(1)]), Ok("")),
            (
                "",
                s("x"),
                Err((
                    "TypeError",
                    "not all arguments converted during string formatting",
                )),
            ),
            ("", dict(vec![]), Ok("")),
            ("", b(b"x"), Ok("")),
            (
                "%(a)s",
                b(b"x"),
                Err((
                    "TypeError",
                    "byte indices must be integers or slices, not str",
                )),
            ),
            (
                "hi",
                int(5),
                Err((
                    "TypeError",
                    "not all arguments converted during string formatting",
                )),
            ),
            (
                "%s %s",
                list(vec![int(1), int(2)]),
                Err(("TypeError", "not enough arguments for format string")),
            ),
            ("%d", boolean(true), Ok("1")),
            ("%s", boolean(true), Ok("True")),
            ("%x", boolean(true), Ok("1")),
            ("%.3d", int(5), Ok("005")),
            ("%.3d", int(-5), Ok("-005")),
            ("%08.3d", int(-5), Ok("-0000005")),
            ("%e", int(5), Ok("5.000000e+00")),
            ("%5.1f%%", float(99.44), Ok(" 99.4%")),
            ("%(a)s%%", dict(vec![(s("a"), int(1))]), Ok("1%")),
            (
                "%(a)*d",
                dict(vec![(s("a"), int(1))]),
                Err(("TypeError", "not enough arguments for format string")),
            ),
            ("%(x(y))s", dict(vec![(s("x(y)"), int(3))]), Ok("3")),
            (
                "%(a)s",
                dict(vec![(s("a"), tuple(vec![int(1), int(2)]))]),
                Ok("(1, 2)"),
            ),
            ("%0-5d|", int(3), Ok("3    |")),
            (
                "%x",
                int(1267650600228229401496703205376),
                Ok("10000000000000000000000000"),
            ),
            ("%o", int(-8), Ok("-10")),
            ("%#o", int(-8), Ok("-0o10")),
            ("%#X", int(-255), Ok("-0XFF")),
            ("%i", float(3.9), Ok("3")),
            ("%u", float(-3.2), Ok("-3")),
            ("%F", float(f64::INFINITY), Ok("INF")),
            ("%E", float(1.5), Ok("1.500000E+00")),
            ("%G", float(1e-10), Ok("1E-10")),
            ("%c", boolean(true), Ok("\u{1}")),
            (
                "%.2147483648f",
                float(1.0),
                Err(("ValueError", "precision too big")),
            ),
            (
                "%99999999999999999999d",
                int(1),
                Err(("ValueError", "width too big")),
            ),
            ("%s", none(), Ok("None")),
            ("%r", none(), Ok("None")),
            ("%.1r", s("ab"), Ok("'")),
            (
                "%d",
                none(),
                Err((
                    "TypeError",
                    "%d format: a real number is required, not NoneType",
                )),
            ),
            (
                "%f",
                none(),
                Err(("TypeError", "must be real number, not NoneType")),
            ),
            (
                "%x",
                s("5"),
                Err(("TypeError", "%x format: an integer is required, not str")),
            ),
            (
                "%f",
                int(1267650600228229401496703205376),
                Ok("1267650600228229401496703205376.000000"),
            ),
            ("%s and %s", tuple(vec![s("a"), s("b")]), Ok("a and b")),
            ("%s", s("x"), Ok("x")),
            (
                "%(name)s is %(age)d",
                dict(vec![(s("name"), s("Tom")), (s("age"), int(3))]),
                Ok("Tom is 3"),
            ),
            ("%.3c|", s("x"), Ok("x|")),
            ("%5.3c|", int(65), Ok("    A|")),
            ("%-5c|", s("a"), Ok("a    |")),
            ("%s", b(b"x"), Ok("b'x'")),
            ("%#5.3o", int(8), Ok("0o010")),
            ("%+#x", int(0), Ok("+0x0")),
            ("%+.3x", int(5), Ok("+005")),
            ("% 5d", int(3), Ok("    3")),
            ("%+05d", int(3), Ok("+0003")),
            ("%+ 05.1f", float(3.0), Ok("+03.0")),
            ("% -8.2e|", float(3.0), Ok(" 3.00e+00|")),
            ("%#g", float(1e-05), Ok("1.00000e-05")),
            ("%#.3g", float(100000.0), Ok("1.00e+05")),
            ("%#5.0e", float(3.0), Ok("3.e+00")),
            ("%-", int(1), Err(("ValueError", "incomplete format"))),
            (
                "%*",
                tuple(vec![int(5)]),
                Err(("ValueError", "incomplete format")),
            ),
            (
                "%*",
                tuple(vec![]),
                Err(("TypeError", "not enough arguments for format string")),
            ),
            ("%.", int(1), Err(("ValueError", "incomplete format"))),
            ("%5", int(1), Err(("ValueError", "incomplete format"))),
            (
                "%(",
                dict(vec![]),
                Err(("ValueError", "incomplete format key")),
            ),
            ("%.2f%%", float(0.125), Ok("0.12%")),
            (
                "%f",
                huge(),
                Err(("OverflowError", "int too large to convert to float")),
            ),
            (
                "%d",
                huge(),
                Ok(
                    "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
                ),
            ),
            (
                "%6.2f|%-6.2f|",
                tuple(vec![float(3.14259), float(2.5)]),
                Ok("  3.14|2.50  |"),
            ),
            ("%03d:%02d", tuple(vec![int(7), int(5)]), Ok("007:05")),
            ("%s", float(1.0), Ok("1.0")),
            ("%s", float(1e+16), Ok("1e+16")),
            ("%r", float(0.1), Ok("0.1")),
            ("%d%%", int(50), Ok("50%")),
            (
                "%*.*f",
                tuple(vec![int(8), int(3), float(2.71928)]),
                Ok("   2.719"),
            ),
        ];
        for (template, args, answer) in cases {
            let got = format_str(template, &args);
            assert_eq!(
                got,
                expected(answer.map(str::to_string)),
                "{template:?} % {args:?}"
            );
        }
    }

    #[test]
    fn bytes_templates() {
        // python3 3.11: template % args, or the exception it raises.
        let cases: Vec<Case<&[u8]>> = vec![
            (b"%s", b(b"ab"), Ok(b"ab")),
            (
                b"%s",
                s("ab"),
                Err((
                    "TypeError",
                    "%b requires a bytes-like object, or an object that implements __bytes__, not 'str'",
                )),
            ),
            (
                b"%s",
                int(5),
                Err((
                    "TypeError",
                    "%b requires a bytes-like object, or an object that implements __bytes__, not 'int'",
                )),
            ),
            (b"%b", b(b"x"), Ok(b"x")),
            (b"%r", s("aé"), Ok(b"'a\x5cxe9'")),
            (b"%a", s("aé"), Ok(b"'a\x5cxe9'")),
            (b"%r", b(b"x"), Ok(b"b'x'")),
            (b"%c", int(65), Ok(b"A")),
            (b"%c", b(b"A"), Ok(b"A")),
            (
                b"%c",
                int(256),
                Err(("OverflowError", "%c arg not in range(256)")),
            ),
            (
                b"%c",
                int(-1),
                Err(("OverflowError", "%c arg not in range(256)")),
            ),
            (
                b"%c",
                s("A"),
                Err((
                    "TypeError",
                    "%c requires an integer in range(256) or a single byte",
                )),
            ),
            (
                b"%c",
                b(b"AB"),
                Err((
                    "TypeError",
                    "%c requires an integer in range(256) or a single byte",
                )),
            ),
            (
                b"%c",
                int(1180591620717411303424),
                Err(("OverflowError", "%c arg not in range(256)")),
            ),
            (
                b"%c",
                float(65.0),
                Err((
                    "TypeError",
                    "%c requires an integer in range(256) or a single byte",
                )),
            ),
            (b"%c", boolean(true), Ok(b"\x01")),
            (b"%d", int(5), Ok(b"5")),
            (
                b"%d",
                s("5"),
                Err(("TypeError", "%d format: a real number is required, not str")),
            ),
            (
                b"%i",
                s("x"),
                Err(("TypeError", "%d format: a real number is required, not str")),
            ),
            (
                b"%u",
                s("x"),
                Err(("TypeError", "%u format: a real number is required, not str")),
            ),
            (b"%x", int(255), Ok(b"ff")),
            (
                b"%x",
                float(1.5),
                Err(("TypeError", "%x format: an integer is required, not float")),
            ),
            (
                b"%X",
                float(1.5),
                Err(("TypeError", "%X format: an integer is required, not float")),
            ),
            (b"%f", float(1.5), Ok(b"1.500000")),
            (
                b"%f",
                s("x"),
                Err(("TypeError", "float argument required, not str")),
            ),
            (
                b"%e",
                huge(),
                Err(("TypeError", "float argument required, not int")),
            ),
            (b"%f", int(5), Ok(b"5.000000")),
            (
                b"%g",
                none(),
                Err(("TypeError", "float argument required, not NoneType")),
            ),
            (b"%5.2f|", float(3.14259), Ok(b" 3.14|")),
            (b"%(a)s", dict(vec![(b(b"a"), b(b"x"))]), Ok(b"x")),
            (
                b"%(a)s",
                dict(vec![(s("a"), b(b"x"))]),
                Err(("KeyError", "b'a'")),
            ),
            (
                b"%y",
                int(1),
                Err((
                    "ValueError",
                    "unsupported format character 'y' (0x79) at index 1",
                )),
            ),
            (
                b"%\xff",
                int(1),
                Err(("OverflowError", "character argument not in range(0x110000)")),
            ),
            (
                b"%\x07",
                int(1),
                Err((
                    "ValueError",
                    "unsupported format character '\u{7}' (0x7) at index 1",
                )),
            ),
            (b"abc%", int(1), Err(("ValueError", "incomplete format"))),
            (
                b"%s %s",
                tuple(vec![b(b"a")]),
                Err(("TypeError", "not enough arguments for format string")),
            ),
            (
                b"%s",
                tuple(vec![b(b"a"), b(b"b")]),
                Err((
                    "TypeError",
                    "not all arguments converted during bytes formatting",
                )),
            ),
            (b"%-5s|", b(b"ab"), Ok(b"ab   |")),
            (b"%.1s", b(b"ab"), Ok(b"a")),
            (b"%5c|", int(65), Ok(b"    A|")),
            (b"%05d", int(-3), Ok(b"-0003")),
            (b"%#x", int(255), Ok(b"0xff")),
            (b"%u", float(3.5), Ok(b"3")),
            (
                b"%d",
                float(f64::INFINITY),
                Err(("OverflowError", "cannot convert float infinity to integer")),
            ),
            (b"%i", boolean(true), Ok(b"1")),
            (b"%%", tuple(vec![]), Ok(b"%")),
            (
                b"%5%",
                tuple(vec![int(1)]),
                Err((
                    "ValueError",
                    "unsupported format character '%' (0x25) at index 2",
                )),
            ),
            (
                b"",
                b(b"x"),
                Err((
                    "TypeError",
                    "not all arguments converted during bytes formatting",
                )),
            ),
            (b"", list(vec![int(1)]), Ok(b"")),
            (
                b"",
                s("x"),
                Err((
                    "TypeError",
                    "not all arguments converted during bytes formatting",
                )),
            ),
            (
                b"%s",
                list(vec![int(1)]),
                Err((
                    "TypeError",
                    "%b requires a bytes-like object, or an object that implements __bytes__, not 'list'",
                )),
            ),
            (
                b"%(a)s",
                int(5),
                Err(("TypeError", "format requires a mapping")),
            ),
            (
                b"%(a)s",
                b(b"x"),
                Err(("TypeError", "format requires a mapping")),
            ),
            (b"%*d", tuple(vec![int(3), int(5)]), Ok(b"  5")),
            (
                b"%*d",
                tuple(vec![b(b"3"), int(5)]),
                Err(("TypeError", "* wants int")),
            ),
            (
                b"%s",
                none(),
                Err((
                    "TypeError",
                    "%b requires a bytes-like object, or an object that implements __bytes__, not 'NoneType'",
                )),
            ),
            (b"%a", none(), Ok(b"None")),
            (b"%r", float(1.5), Ok(b"1.5")),
            (
                b"%(a)s %s",
                dict(vec![(b(b"a"), b(b"x"))]),
                Err(("TypeError", "not enough arguments for format string")),
            ),
            (
                b"%s",
                dict(vec![(b(b"a"), int(1))]),
                Err((
                    "TypeError",
                    "%b requires a bytes-like object, or an object that implements __bytes__, not 'dict'",
                )),
            ),
            (b"%.0f", float(0.5), Ok(b"0")),
        ];
        for (template, args, answer) in cases {
            let got = format_bytes(template, &args);
            assert_eq!(
                got,
                expected(answer.map(<[u8]>::to_vec)),
                "{template:?} % {args:?}"
            );
        }
    }
}
