//! The format-spec mini-language, `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`,
//! and `format(value, spec)` for ints, floats and strs, after CPython's
//! `Python/formatter_unicode.c`: the same parse, the same checks in the same order (so
//! the same error for a spec with two faults), and the same layout of sign, prefix,
//! padding, grouped digits and the rest.
//!
//! f-strings, `format()` and `str.format` all end here: the VM calls [`format_int`],
//! [`format_float`] or [`format_str`] with the text after the colon.

use super::float::{FloatFlags, FloatFormat, double_to_string, repr_float};
use super::{IntDigits, PyError, decimal_digit_value, push_digit};

/// The thousands separator asked for with `,` or `_`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// `,`: a comma every three digits.
    Comma,
    /// `_`: an underscore every three digits, or every four for `b`, `o`, `x` and `X`.
    Underscore,
}

/// A parsed format spec, as CPython's `InternalFormatSpec`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// The padding character: given before the alignment, else `'0'` after a leading
    /// zero, else a space.
    pub fill: char,
    /// `'<'`, `'>'`, `'^'` or `'='`; the type's default when not given, and `'='`
    /// for a number padded with a leading zero.
    pub align: char,
    /// `'+'`, `'-'` or `' '`, if given.
    pub sign: Option<char>,
    /// `z`: turn a negative zero into a zero (floats only).
    pub no_neg_0: bool,
    /// `#`: the alternate form.
    pub alternate: bool,
    /// The minimum width in characters (code points).
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<Grouping>,
    /// Digits after the point, significant digits, or the most characters of a str.
    pub precision: Option<usize>,
    /// The presentation type: the one given, else the type's default (`None` for a
    /// float, whose empty type is neither `g` nor repr).
    pub kind: Option<char>,
}

impl FormatSpec {
    /// Parses `spec` for a value of class `type_name` whose default type is
    /// `default_type` and default alignment `default_align`, as CPython's
    /// `parse_internal_render_format_spec`. The checks here are those that need
    /// only the spec; the formatters check the rest.
    pub fn parse(
        spec: &str,
        type_name: &str,
        default_type: Option<char>,
        default_align: char,
    ) -> Result<FormatSpec, PyError> {
        let chars: Vec<char> = spec.chars().collect();
        let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
        let mut pos = 0;
        let mut format = FormatSpec {
            fill: ' ',
            align: default_align,
            sign: None,
            no_neg_0: false,
            alternate: false,
            width: None,
            grouping: None,
            precision: None,
            kind: default_type,
        };
        let mut fill_given = false;
        let mut align_given = false;
        if chars.len() >= 2 && is_align(chars[1]) {
            format.fill = chars[0];
            format.align = chars[1];
            fill_given = true;
            align_given = true;
            pos = 2;
        } else if chars.first().is_some_and(|&c| is_align(c)) {
            format.align = chars[0];
            align_given = true;
            pos = 1;
        }
        let at = |pos: usize, c: char| chars.get(pos) == Some(&c);
        if let Some(&sign @ ('+' | '-' | ' ')) = chars.get(pos) {
            format.sign = Some(sign);
            pos += 1;
        }
        if at(pos, 'z') {
            format.no_neg_0 = true;
            pos += 1;
        }
        if at(pos, '#') {
            format.alternate = true;
            pos += 1;
        }
        if !fill_given && at(pos, '0') {
            format.fill = '0';
            if !align_given && default_align == '>' {
                format.align = '=';
            }
            pos += 1;
        }
        let (width, next) = read_integer(&chars, pos)?;
        format.width = width;
        pos = next;
        if at(pos, ',') {
            format.grouping = Some(Grouping::Comma);
            pos += 1;
        }
        if at(pos, '_') {
            if format.grouping.is_some() {
                return Err(invalid_comma_and_underscore());
            }
            format.grouping = Some(Grouping::Underscore);
            pos += 1;
        }
        if at(pos, ',') && format.grouping == Some(Grouping::Underscore) {
            return Err(invalid_comma_and_underscore());
        }
        if at(pos, '.') {
            let (precision, next) = read_integer(&chars, pos + 1)?;
            if precision.is_none() {
                return Err(PyError::value_error("Format specifier missing precision"));
            }
            format.precision = precision;
            pos = next;
        }
        match chars.len() - pos {
            0 => {}
            1 => format.kind = Some(chars[pos]),
            _ => {
                return Err(PyError::value_error(format!(
                    "Invalid format specifier '{spec}' for object of type '{type_name}'"
                )));
            }
        }
        if let Some(grouping) = format.grouping {
            let allowed = match format.kind {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
                Some('b' | 'o' | 'x' | 'X') => grouping == Grouping::Underscore,
                Some(_) => false,
            };
            if !allowed {
                let separator = if grouping == Grouping::Comma {
                    ','
                } else {
                    '_'
                };
                return Err(PyError::value_error(format!(
                    "Cannot specify '{separator}' with {}.",
                    quote_type_char(format.kind.unwrap_or('\0'))
                )));
            }
        }
        Ok(format)
    }

    /// The padding around `content` characters: (left, right), as CPython's
    /// `calc_padding`.
    fn padding(&self, content: usize) -> (usize, usize) {
        let total = self.width.unwrap_or(0).max(content);
        let left = match self.align {
            '>' => total - content,
            '^' => (total - content) / 2,
            _ => 0,
        };
        (left, total - content - left)
    }
}

/// Reads the decimal digits (of any script) at `pos`: the number, if there were any
/// digits, and where they end.
fn read_integer(chars: &[char], pos: usize) -> Result<(Option<usize>, usize), PyError> {
    let mut value = None;
    let mut end = pos;
    while let Some(digit) = chars.get(end).and_then(|&c| decimal_digit_value(c)) {
        value = Some(push_digit(value.unwrap_or(0), digit)?);
        end += 1;
    }
    Ok((value.map(|v| v as usize), end))
}

fn invalid_comma_and_underscore() -> PyError {
    PyError::value_error("Cannot specify both ',' and '_'.")
}

/// A type character as CPython quotes it in messages: `'d'` when printable ASCII,
/// else `'\x7'`.
fn quote_type_char(c: char) -> String {
    let code = u32::from(c);
    if code > 32 && code < 128 {
        format!("'{c}'")
    } else {
        format!("'\\x{code:x}'")
    }
}

/// `ValueError: Unknown format code 'q' for object of type 'int'`.
fn unknown_presentation_type(kind: char, type_name: &str) -> PyError {
    PyError::value_error(format!(
        "Unknown format code {} for object of type '{type_name}'",
        quote_type_char(kind)
    ))
}

/// `format(value, spec)` for an int (`type_name` is `"int"`, or `"bool"` for a bool
/// given a non-empty spec): `b c d o x X n`, and the float types after converting it to
/// a float. An empty spec gives `str()` of a plain int.
pub fn format_int(value: &dyn IntDigits, spec: &str, type_name: &str) -> Result<String, PyError> {
    if spec.is_empty() {
        return Ok(int_to_decimal(value));
    }
    let format = FormatSpec::parse(spec, type_name, Some('d'), '>')?;
    match format.kind {
        Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_long_internal(value, &format),
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let x = value
                .to_f64()
                .ok_or_else(|| PyError::overflow_error("int too large to convert to float"))?;
            format_float_internal(x, &format)
        }
        kind => Err(unknown_presentation_type(kind.unwrap_or('\0'), type_name)),
    }
}

/// `format(value, spec)` for a float: `e E f F g G n %` and the empty type, which is
/// `repr()` without a precision and like `g` with one, but keeping a digit after the
/// point. An empty spec gives `repr()`.
pub fn format_float(value: f64, spec: &str, type_name: &str) -> Result<String, PyError> {
    if spec.is_empty() {
        return Ok(repr_float(value));
    }
    let format = FormatSpec::parse(spec, type_name, None, '>')?;
    match format.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {
            format_float_internal(value, &format)
        }
        Some(kind) => Err(unknown_presentation_type(kind, type_name)),
    }
}

/// `format(value, spec)` for a str: alignment, fill, width and precision (which cuts
/// the str), counted in code points.
pub fn format_str(value: &str, spec: &str, type_name: &str) -> Result<String, PyError> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let format = FormatSpec::parse(spec, type_name, Some('s'), '<')?;
    if format.kind != Some('s') {
        return Err(unknown_presentation_type(
            format.kind.unwrap_or('\0'),
            type_name,
        ));
    }
    if format.sign.is_some() {
        return Err(PyError::value_error(
            "Sign not allowed in string format specifier",
        ));
    }
    if format.no_neg_0 {
        return Err(PyError::value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if format.alternate {
        return Err(PyError::value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if format.align == '=' {
        return Err(PyError::value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let (kept, len) = match format.precision {
        Some(precision) => match value.char_indices().nth(precision) {
            Some((cut, _)) => (&value[..cut], precision),
            None => (value, value.chars().count()),
        },
        None => (value, value.chars().count()),
    };
    let (left, right) = format.padding(len);
    let mut out = String::with_capacity(kept.len() + left + right);
    push_fill(&mut out, format.fill, left);
    out.push_str(kept);
    push_fill(&mut out, format.fill, right);
    Ok(out)
}

/// `str()` of an int.
fn int_to_decimal(value: &dyn IntDigits) -> String {
    let digits = value.magnitude_digits(10);
    if value.is_negative() {
        format!("-{digits}")
    } else {
        digits
    }
}

fn push_fill(out: &mut String, fill: char, count: usize) {
    out.extend(std::iter::repeat_n(fill, count));
}

/// CPython's `format_long_internal`: an int in base 2, 8, 10 or 16, or as a character.
fn format_long_internal(value: &dyn IntDigits, format: &FormatSpec) -> Result<String, PyError> {
    if format.precision.is_some() {
        return Err(PyError::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if format.no_neg_0 {
        return Err(PyError::value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let kind = format.kind.unwrap_or('d');
    if kind == 'c' {
        if format.sign.is_some() {
            return Err(PyError::value_error(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if format.alternate {
            return Err(PyError::value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let c = int_to_char(value)?;
        return Ok(layout_number(format, false, "", "", &c.to_string(), None));
    }
    let (radix, prefix) = match kind {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = value.magnitude_digits(radix);
    if kind == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if format.alternate { prefix } else { "" };
    // 'n' groups as the current locale does, and a program starts in the C locale,
    // which does not group.
    let grouping = match (kind, format.grouping) {
        ('n', _) | (_, None) => None,
        (_, Some(Grouping::Comma)) => Some((3, ',')),
        ('b' | 'o' | 'x' | 'X', Some(Grouping::Underscore)) => Some((4, '_')),
        (_, Some(Grouping::Underscore)) => Some((3, '_')),
    };
    Ok(layout_number(
        format,
        value.is_negative(),
        prefix,
        &digits,
        "",
        grouping,
    ))
}

/// The character for `format(n, 'c')` and `'%c' % n`, or CPython's `OverflowError`.
pub(super) fn int_to_char(value: &dyn IntDigits) -> Result<char, PyError> {
    value
        .to_i64()
        .and_then(|code| u32::try_from(code).ok())
        .and_then(char::from_u32)
        .ok_or_else(|| PyError::overflow_error("%c arg not in range(0x110000)"))
}

/// CPython's `format_float_internal`: a float with a presentation type, or none.
fn format_float_internal(value: f64, format: &FormatSpec) -> Result<String, PyError> {
    let precision = format.precision;
    if precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(PyError::value_error("precision too big"));
    }
    let mut flags = FloatFlags {
        alt: format.alternate,
        no_neg_0: format.no_neg_0,
        ..FloatFlags::default()
    };
    let mut value = value;
    let mut add_pct = false;
    let (style, default_precision) = match format.kind {
        None => {
            flags.add_dot_0 = true;
            (FloatFormat::Repr, 0)
        }
        Some('e' | 'E') => (FloatFormat::Exponent, 6),
        Some('f' | 'F') => (FloatFormat::Fixed, 6),
        Some('%') => {
            value *= 100.0;
            add_pct = true;
            (FloatFormat::Fixed, 6)
        }
        _ => (FloatFormat::General, 6),
    };
    flags.upper = matches!(format.kind, Some('E' | 'F' | 'G'));
    let style = match (style, precision) {
        (FloatFormat::Repr, Some(_)) => FloatFormat::General,
        _ => style,
    };
    let mut text = double_to_string(value, style, precision.unwrap_or(default_precision), flags);
    if add_pct {
        text.push('%');
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let int_len = unsigned.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = unsigned.split_at(int_len);
    let grouping = match (format.kind, format.grouping) {
        (Some('n'), _) | (_, None) => None,
        (_, Some(Grouping::Comma)) => Some((3, ',')),
        (_, Some(Grouping::Underscore)) => Some((3, '_')),
    };
    Ok(layout_number(format, negative, "", digits, rest, grouping))
}

/// Lays a number out as CPython's `calc_number_widths` and `fill_number` do:
/// `[left padding][sign][prefix][sign padding][grouped digits][rest][right padding]`,
/// where `rest` is what follows the integer digits (point, fraction, exponent, `%`, or
/// the character of `'c'`). Zero padding with `=` alignment goes inside the grouping,
/// so `format(1234, '08,')` is `'0,001,234'`.
fn layout_number(
    format: &FormatSpec,
    negative: bool,
    prefix: &str,
    digits: &str,
    rest: &str,
    grouping: Option<(usize, char)>,
) -> String {
    let sign = match (format.sign, negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let non_digits = usize::from(sign.is_some()) + prefix.len() + rest.chars().count();
    let width = format.width.unwrap_or(0);
    let min_width = if format.fill == '0' && format.align == '=' {
        width.saturating_sub(non_digits)
    } else {
        0
    };
    let grouped = if digits.is_empty() {
        String::new()
    } else {
        insert_thousands_grouping(digits, min_width, grouping)
    };
    let padding = width.saturating_sub(non_digits + grouped.len());
    let (left, inside, right) = match format.align {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    let mut out = String::with_capacity(non_digits + grouped.len() + padding + 4);
    push_fill(&mut out, format.fill, left);
    out.extend(sign);
    out.push_str(prefix);
    push_fill(&mut out, format.fill, inside);
    out.push_str(&grouped);
    out.push_str(rest);
    push_fill(&mut out, format.fill, right);
    out
}

/// CPython's `_PyUnicode_InsertThousandsGrouping`: `digits` with a separator between
/// groups of `size` (counted from the right), left-padded with zeros, which are
/// grouped too, until it is `min_width` long. A separator never starts the result,
/// so it may come out one longer than `min_width`.
fn insert_thousands_grouping(
    digits: &str,
    min_width: usize,
    grouping: Option<(usize, char)>,
) -> String {
    let Some((size, separator)) = grouping else {
        let zeros = min_width.saturating_sub(digits.len());
        return "0".repeat(zeros) + digits;
    };
    // Built from the right, then reversed.
    let mut reversed = String::with_capacity(min_width.max(digits.len() * 4 / 3 + 1));
    let mut digits = digits.bytes().rev();
    let mut remaining = digits.len();
    let mut min_width = min_width as isize;
    let mut first = true;
    loop {
        let len = size.min(remaining.max(min_width.max(0) as usize).max(1));
        if !first {
            reversed.push(separator);
        }
        first = false;
        let chars = remaining.min(len);
        for _ in 0..chars {
            reversed.extend(digits.next().map(char::from));
        }
        reversed.extend(std::iter::repeat_n('0', len - chars));
        remaining -= chars;
        min_width -= len as isize;
        if remaining == 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    reversed.chars().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// python3's answer: the text, or the exception class and message.
    type Expected = Result<&'static str, (&'static str, &'static str)>;

    /// Checks `format(value, spec)` against python3 3.11's answer for each case.
    fn check<V: Copy + std::fmt::Debug>(
        cases: &[(V, &str, Expected)],
        format: impl Fn(V, &str) -> Result<String, PyError>,
    ) {
        for &(value, spec, expected) in cases {
            let expected = expected
                .map(str::to_string)
                .map_err(|(class, message)| PyError::new(class, message));
            assert_eq!(format(value, spec), expected, "format({value:?}, {spec:?})");
        }
    }

    fn check_int(cases: &[(i64, &str, Expected)]) {
        check(cases, |value, spec| format_int(&value, spec, "int"));
    }

    fn check_float(cases: &[(f64, &str, Expected)]) {
        check(cases, |value, spec| format_float(value, spec, "float"));
    }

    fn check_str(cases: &[(&str, &str, Expected)]) {
        check(cases, |value, spec| format_str(value, spec, "str"));
    }

    const VE: &str = "ValueError";

    #[test]
    fn ints() {
        // python3 3.11: format(value, spec).
        check_int(&[
            (5, "", Ok("5")),
            (-5, "", Ok("-5")),
            (5, ">", Ok("5")),
            (5, "+", Ok("+5")),
            (5, " ", Ok(" 5")),
            (5, " 5", Ok("    5")),
            (-5, " 5", Ok("   -5")),
            (5, "-5", Ok("    5")),
            (5, "=^5", Ok("==5==")),
            (5, "0<5", Ok("50000")),
            (-5, "0=+7_", Ok("-00_005")),
            (1234, "08,", Ok("0,001,234")),
            (1234, "09,", Ok("0,001,234")),
            (1234, "010,", Ok("00,001,234")),
            (1234, "0=11,", Ok("000,001,234")),
            (-1234, "x<+12,", Ok("-1,234xxxxxx")),
            (1234567, ",", Ok("1,234,567")),
            (-1234567, "_", Ok("-1_234_567")),
            (123, ",", Ok("123")),
            (255, "#X", Ok("0XFF")),
            (255, "#_b", Ok("0b1111_1111")),
            (255, "_x", Ok("ff")),
            (65535, "_x", Ok("ffff")),
            (1048575, "_x", Ok("f_ffff")),
            (-255, "#010x", Ok("-0x00000ff")),
            (12, "#o", Ok("0o14")),
            (12, "#b", Ok("0b1100")),
            (0, "#x", Ok("0x0")),
            (255, "x", Ok("ff")),
            (255, "^#12X", Ok("    0XFF    ")),
            (65, "c", Ok("A")),
            (65, "^5c", Ok("  A  ")),
            (0x5b57, "*^5c", Ok("**字**")),
            (5, "=c", Ok("\u{5}")),
            (5, "010c", Ok("000000000\u{5}")),
            (65, "0=5,d", Ok("0,065")),
            (12345678, "n", Ok("12345678")),
            (1234, ".2%", Ok("123400.00%")),
            (5, "f", Ok("5.000000")),
            (100, "#.0e", Ok("1.e+02")),
            (123456789, "g", Ok("1.23457e+08")),
            (0, "zf", Ok("0.000000")),
            (5, "٥", Ok("    5")),
            (5, "١٢", Ok("           5")),
            (5, ".٢f", Ok("5.00")),
        ]);
    }

    #[test]
    fn int_errors() {
        // python3 3.11: the ValueError or OverflowError of format(value, spec).
        check_int(&[
            (
                5,
                "x,",
                Err((VE, "Invalid format specifier 'x,' for object of type 'int'")),
            ),
            (
                5,
                "abc",
                Err((
                    VE,
                    "Invalid format specifier 'abc' for object of type 'int'",
                )),
            ),
            (
                5,
                "q",
                Err((VE, "Unknown format code 'q' for object of type 'int'")),
            ),
            (
                5,
                "字",
                Err((VE, "Unknown format code '\\x5b57' for object of type 'int'")),
            ),
            (
                5,
                "\u{7}",
                Err((VE, "Unknown format code '\\x7' for object of type 'int'")),
            ),
            (
                5,
                ".2",
                Err((VE, "Precision not allowed in integer format specifier")),
            ),
            (
                5,
                "z.2",
                Err((VE, "Precision not allowed in integer format specifier")),
            ),
            (
                5,
                "z",
                Err((
                    VE,
                    "Negative zero coercion (z) not allowed in integer format specifier",
                )),
            ),
            (
                5,
                "zq",
                Err((VE, "Unknown format code 'q' for object of type 'int'")),
            ),
            (
                5,
                "z#c",
                Err((
                    VE,
                    "Negative zero coercion (z) not allowed in integer format specifier",
                )),
            ),
            (5, ",_", Err((VE, "Cannot specify both ',' and '_'."))),
            (5, "_,", Err((VE, "Cannot specify both ',' and '_'."))),
            (5, ",,", Err((VE, "Cannot specify ',' with ','."))),
            (5, "__", Err((VE, "Cannot specify '_' with '_'."))),
            (5, ".", Err((VE, "Format specifier missing precision"))),
            (
                5,
                "c,",
                Err((VE, "Invalid format specifier 'c,' for object of type 'int'")),
            ),
            (5, ",c", Err((VE, "Cannot specify ',' with 'c'."))),
            (5, "_c", Err((VE, "Cannot specify '_' with 'c'."))),
            (5, ",x", Err((VE, "Cannot specify ',' with 'x'."))),
            (5, ",\u{7}", Err((VE, "Cannot specify ',' with '\\x7'."))),
            (
                5,
                "#c",
                Err((
                    VE,
                    "Alternate form (#) not allowed with integer format specifier 'c'",
                )),
            ),
            (
                5,
                "+c",
                Err((VE, "Sign not allowed with integer format specifier 'c'")),
            ),
            (
                5,
                "+.2c",
                Err((VE, "Precision not allowed in integer format specifier")),
            ),
            (
                -1,
                "c",
                Err(("OverflowError", "%c arg not in range(0x110000)")),
            ),
            (
                0x110000,
                "c",
                Err(("OverflowError", "%c arg not in range(0x110000)")),
            ),
            (
                5,
                "99999999999999999999",
                Err((VE, "Too many decimal digits in format string")),
            ),
        ]);
        // python3 3.11: format(True, 'q')
        assert_eq!(
            format_int(&1i64, "q", "bool"),
            Err(PyError::value_error(
                "Unknown format code 'q' for object of type 'bool'"
            ))
        );
        // python3 3.11: format(10**400, 'e')
        struct Huge;
        impl IntDigits for Huge {
            fn is_negative(&self) -> bool {
                false
            }
            fn magnitude_digits(&self, _radix: u32) -> String {
                format!("1{}", "0".repeat(400))
            }
        }
        assert_eq!(
            format_int(&Huge, "e", "int"),
            Err(PyError::overflow_error("int too large to convert to float"))
        );
        assert_eq!(format_int(&Huge, ",", "int").unwrap().len(), 401 + 133);
    }

    #[test]
    fn floats() {
        // python3 3.11: format(value, spec).
        let e300 = "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000";
        check_float(&[
            (1.0, "", Ok("1.0")),
            (-0.0, "", Ok("-0.0")),
            (1e16, "", Ok("1e+16")),
            (1e16, ".3", Ok("1e+16")),
            (123456789.0, ".3", Ok("1.23e+08")),
            (1.5, ".0", Ok("2e+00")),
            (1.0, ".1", Ok("1e+00")),
            (1e-5, "g", Ok("1e-05")),
            (1e-5, "", Ok("1e-05")),
            (0.0001, "", Ok("0.0001")),
            (1e22, ".17", Ok("1e+22")),
            (1e22, ".17g", Ok("1e+22")),
            (0.125, ".2f", Ok("0.12")),
            (1e300, "f", Ok(e300)),
            (1234567.891, "_", Ok("1_234_567.891")),
            (1234567.891, ",", Ok("1,234,567.891")),
            (1234567.891, "020,", Ok("0,000,001,234,567.891")),
            (-1e-7, "z.3", Ok("-1e-07")),
            (-0.0, "z", Ok("0.0")),
            (-0.001, "z.1f", Ok("0.0")),
            (1.0, "#g", Ok("1.00000")),
            (0.0, "#.3g", Ok("0.00")),
            (100.0, "#.0f", Ok("100.")),
            (5.0, "#", Ok("5.0")),
            (1.0, "#.0", Ok("1.e+00")),
            (1.5, "#g", Ok("1.50000")),
            (1.23456, "^+12.3e", Ok(" +1.235e+00 ")),
            (1.23456, "012.3E", Ok("0001.235E+00")),
            (f64::INFINITY, "E", Ok("INF")),
            (f64::NAN, "F", Ok("NAN")),
            (f64::NAN, "G", Ok("NAN")),
            (f64::NAN, "+08.2f", Ok("+0000nan")),
            (f64::NEG_INFINITY, "010", Ok("-000000inf")),
            (f64::INFINITY, "%", Ok("inf%")),
            (1e100, "n", Ok("1e+100")),
            (1234.5, "n", Ok("1234.5")),
            (1234.5678, ".3n", Ok("1.23e+03")),
            (0.5, ".0%", Ok("50%")),
            (0.5, "%", Ok("50.000000%")),
            (1.0 / 3.0, "%", Ok("33.333333%")),
            (1.23456, ".2f", Ok("1.23")),
            (2.5, "10.1f", Ok("       2.5")),
            (-2.5, "<10.1f", Ok("-2.5      ")),
            (2.5, "*^10.2f", Ok("***2.50***")),
            (5.0, ".٢f", Ok("5.00")),
        ]);
    }

    #[test]
    fn float_errors() {
        // python3 3.11: the ValueError of format(value, spec).
        check_float(&[
            (
                5.0,
                "abc",
                Err((
                    VE,
                    "Invalid format specifier 'abc' for object of type 'float'",
                )),
            ),
            (
                5.0,
                "n,",
                Err((
                    VE,
                    "Invalid format specifier 'n,' for object of type 'float'",
                )),
            ),
            (5.0, ",n", Err((VE, "Cannot specify ',' with 'n'."))),
            (
                5.0,
                "zd",
                Err((VE, "Unknown format code 'd' for object of type 'float'")),
            ),
            (
                5.0,
                ".2d",
                Err((VE, "Unknown format code 'd' for object of type 'float'")),
            ),
            (
                5.0,
                "c",
                Err((VE, "Unknown format code 'c' for object of type 'float'")),
            ),
            (
                5.0,
                "s",
                Err((VE, "Unknown format code 's' for object of type 'float'")),
            ),
            (5.5, ".,", Err((VE, "Format specifier missing precision"))),
            (
                5.5,
                ".2,f",
                Err((
                    VE,
                    "Invalid format specifier '.2,f' for object of type 'float'",
                )),
            ),
            (
                0.0,
                "z+.0f",
                Err((
                    VE,
                    "Invalid format specifier 'z+.0f' for object of type 'float'",
                )),
            ),
            (
                5.0,
                ".99999999999999999999",
                Err((VE, "Too many decimal digits in format string")),
            ),
            (5.0, ".2147483648f", Err((VE, "precision too big"))),
        ]);
    }

    #[test]
    fn strs() {
        // python3 3.11: format(value, spec).
        check_str(&[
            ("ab", "", Ok("ab")),
            ("ab", "05", Ok("ab000")),
            ("ab", "<05", Ok("ab000")),
            ("ab", ".1", Ok("a")),
            ("abc", "x^8.2", Ok("xxxabxxx")),
            ("字", "0>3", Ok("00字")),
            ("中文", "*^7", Ok("**中文***")),
            ("中文", "6", Ok("中文    ")),
            ("中文", ">6", Ok("    中文")),
            ("x", "٣", Ok("x  ")),
            ("abc", "2", Ok("abc")),
            ("abc", ".5", Ok("abc")),
            ("abc", "s", Ok("abc")),
        ]);
        check_str(&[
            (
                "a",
                "z",
                Err((
                    VE,
                    "Negative zero coercion (z) not allowed in string format specifier",
                )),
            ),
            (
                "a",
                "+",
                Err((VE, "Sign not allowed in string format specifier")),
            ),
            (
                "a",
                "+z",
                Err((VE, "Sign not allowed in string format specifier")),
            ),
            (
                "a",
                "z#",
                Err((
                    VE,
                    "Negative zero coercion (z) not allowed in string format specifier",
                )),
            ),
            (
                "a",
                "#",
                Err((
                    VE,
                    "Alternate form (#) not allowed in string format specifier",
                )),
            ),
            (
                "a",
                "=",
                Err((VE, "'=' alignment not allowed in string format specifier")),
            ),
            (
                "a",
                "#=",
                Err((VE, "'=' alignment not allowed in string format specifier")),
            ),
            (
                "a",
                ">5=",
                Err((VE, "Unknown format code '=' for object of type 'str'")),
            ),
            (
                "s",
                "abc",
                Err((
                    VE,
                    "Invalid format specifier 'abc' for object of type 'str'",
                )),
            ),
            ("s", ",s", Err((VE, "Cannot specify ',' with 's'."))),
            ("s", ",", Err((VE, "Cannot specify ',' with 's'."))),
            (
                "a",
                "d",
                Err((VE, "Unknown format code 'd' for object of type 'str'")),
            ),
        ]);
    }
}
