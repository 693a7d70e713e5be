//! `str.format` and `str.format_map` templates, after CPython's
//! `Objects/stringlib/unicode_format.h`.
//!
//! A template is literal text and replacement fields `{name.attr[key]!r:spec}`. CPython
//! parses a field only when it reaches it and looks its value up straight away, so a
//! template with a fault after a missing argument raises the argument's error; to
//! keep that order the pieces here come one at a time ([`MarkupIterator`],
//! [`field_name_split`]), and [`build_string`] walks a whole template asking the VM for
//! values through [`FieldValues`] as it goes.

use super::{PyError, parse_ssize};

/// A piece of a template: literal text, then possibly a replacement field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Markup<'a> {
    /// Text to copy; an escaped `{{` or `}}` ends a piece with its one brace.
    pub literal: &'a str,
    /// The field after the text, if one follows.
    pub field: Option<Field<'a>>,
}

/// A replacement field, `{name!conversion:spec}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    /// What comes before `!` or `:`: empty, an index, or a name, then `.attr` and
    /// `[key]` parts ([`field_name_split`] takes it apart).
    pub name: &'a str,
    /// The character after `!`, checked only once the value is known
    /// ([`Conversion::parse`]).
    pub conversion: Option<char>,
    /// The format spec after `:`, which may hold nested fields.
    pub spec: &'a str,
    /// Whether the spec holds a `{`, so it must itself be formatted first.
    pub spec_needs_expanding: bool,
}

/// Splits a template into [`Markup`] pieces, as CPython's `MarkupIterator`. After an
/// error it ends.
#[derive(Clone, Debug)]
pub struct MarkupIterator<'a> {
    rest: &'a str,
}

impl<'a> MarkupIterator<'a> {
    /// The pieces of `template`.
    pub fn new(template: &'a str) -> MarkupIterator<'a> {
        MarkupIterator { rest: template }
    }

    /// CPython's `MarkupIterator_next`.
    fn next_markup(&mut self) -> Result<Markup<'a>, PyError> {
        let text = self.rest;
        let Some(brace) = text.find(['{', '}']) else {
            self.rest = "";
            return Ok(Markup {
                literal: text,
                field: None,
            });
        };
        let c = text.as_bytes()[brace];
        let after = &text[brace + 1..];
        if c == b'}' && !after.starts_with('}') {
            return Err(PyError::value_error(
                "Single '}' encountered in format string",
            ));
        }
        if after.is_empty() {
            return Err(PyError::value_error(
                "Single '{' encountered in format string",
            ));
        }
        if after.as_bytes()[0] == c {
            // An escaped brace: the text up to and with one brace, and no field.
            self.rest = &after[1..];
            return Ok(Markup {
                literal: &text[..=brace],
                field: None,
            });
        }
        let (field, rest) = parse_field(after)?;
        self.rest = rest;
        Ok(Markup {
            literal: &text[..brace],
            field: Some(field),
        })
    }
}

impl<'a> Iterator for MarkupIterator<'a> {
    type Item = Result<Markup<'a>, PyError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let markup = self.next_markup();
        if markup.is_err() {
            self.rest = "";
        }
        Some(markup)
    }
}

/// CPython's `parse_field`: the field that starts `text` (just after its `{`), and
/// the text after its `}`.
fn parse_field(text: &str) -> Result<(Field<'_>, &str), PyError> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut last = 0u8;
    while pos < bytes.len() {
        last = bytes[pos];
        pos += 1;
        match last {
            b'{' => return Err(PyError::value_error("unexpected '{' in field name")),
            b'[' => {
                // Inside brackets, ':', '!' and '}' belong to the key.
                pos = bytes[pos..]
                    .iter()
                    .position(|&b| b == b']')
                    .map_or(bytes.len(), |n| pos + n);
            }
            b'}' | b':' | b'!' => break,
            _ => {}
        }
    }
    let mut field = Field {
        name: &text[..pos.saturating_sub(1)],
        conversion: None,
        spec: "",
        spec_needs_expanding: false,
    };
    if last == b'}' {
        return Ok((field, &text[pos..]));
    }
    if last != b'!' && last != b':' {
        return Err(PyError::value_error("expected '}' before end of string"));
    }
    let mut rest = &text[pos..];
    if last == b'!' {
        let mut chars = rest.chars();
        let Some(conversion) = chars.next() else {
            return Err(PyError::value_error(
                "end of string while looking for conversion specifier",
            ));
        };
        field.conversion = Some(conversion);
        rest = chars.as_str();
        let mut after_conversion = rest.chars();
        if let Some(after) = after_conversion.next() {
            rest = after_conversion.as_str();
            if after == '}' {
                return Ok((field, rest));
            }
            if after != ':' {
                return Err(PyError::value_error(
                    "expected ':' after conversion specifier",
                ));
            }
        }
    }
    let mut depth = 1;
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'{' => {
                field.spec_needs_expanding = true;
                depth += 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    field.spec = &rest[..i];
                    return Ok((field, &rest[i + 1..]));
                }
            }
            _ => {}
        }
    }
    Err(PyError::value_error("unmatched '{' in format spec"))
}

/// What a field's name starts with: a positional index (given, or the next one when
/// the name is empty), or a keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKey<'a> {
    /// A positional argument: `{0}`, or `{}` numbered automatically.
    Index(usize),
    /// A keyword argument: `{name}`.
    Name(&'a str),
}

/// One `.attr` or `[key]` after the first part of a field name. A key of decimal
/// digits is an int index, any other key a str.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accessor<'a> {
    /// `.name`: an attribute.
    Attribute(&'a str),
    /// `[3]`: an item by int.
    Index(usize),
    /// `[name]`: an item by str.
    Key(&'a str),
}

/// Whether the fields of one template are numbered by hand (`{0}`) or automatically
/// (`{}`): CPython's `AutoNumber`. A template may not mix the two.
#[derive(Clone, Debug, Default)]
pub struct AutoNumber {
    state: Option<Numbering>,
    next: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Numbering {
    Automatic,
    Manual,
}

impl AutoNumber {
    /// Numbering that has seen no field yet.
    pub fn new() -> AutoNumber {
        AutoNumber::default()
    }
}

/// Splits a field name into its first part and an iterator over the `.attr` and
/// `[key]` parts, numbering an empty first part from `auto_number`, as CPython's
/// `field_name_split`.
pub fn field_name_split<'a>(
    name: &'a str,
    auto_number: &mut AutoNumber,
) -> Result<(FieldKey<'a>, FieldNameIterator<'a>), PyError> {
    let end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, rest) = name.split_at(end);
    let index = parse_ssize(first)?;
    let empty = first.is_empty();
    if empty || index.is_some() {
        let state = *auto_number.state.get_or_insert(if empty {
            Numbering::Automatic
        } else {
            Numbering::Manual
        });
        match (state, empty) {
            (Numbering::Manual, true) => {
                return Err(PyError::value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            (Numbering::Automatic, false) => {
                return Err(PyError::value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            _ => {}
        }
    }
    let key = match index {
        Some(index) => FieldKey::Index(index as usize),
        None if empty => {
            auto_number.next += 1;
            FieldKey::Index(auto_number.next - 1)
        }
        None => FieldKey::Name(first),
    };
    Ok((key, FieldNameIterator { rest }))
}

/// The `.attr` and `[key]` parts of a field name, in order, as CPython's
/// `FieldNameIterator`. After an error it ends.
#[derive(Clone, Debug)]
pub struct FieldNameIterator<'a> {
    rest: &'a str,
}

impl<'a> FieldNameIterator<'a> {
    fn next_accessor(&mut self) -> Result<Accessor<'a>, PyError> {
        let text = self.rest;
        let accessor = match text.as_bytes()[0] {
            b'.' => {
                let end = text[1..].find(['.', '[']).map_or(text.len(), |n| n + 1);
                self.rest = &text[end..];
                Accessor::Attribute(&text[1..end])
            }
            b'[' => {
                let Some(close) = text.find(']') else {
                    return Err(PyError::value_error("Missing ']' in format string"));
                };
                self.rest = &text[close + 1..];
                let key = &text[1..close];
                match parse_ssize(key)? {
                    Some(index) => Accessor::Index(index as usize),
                    None => Accessor::Key(key),
                }
            }
            _ => {
                return Err(PyError::value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        };
        if let Accessor::Attribute("") | Accessor::Key("") = accessor {
            return Err(PyError::value_error("Empty attribute in format string"));
        }
        Ok(accessor)
    }
}

impl<'a> Iterator for FieldNameIterator<'a> {
    type Item = Result<Accessor<'a>, PyError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let accessor = self.next_accessor();
        if accessor.is_err() {
            self.rest = "";
        }
        Some(accessor)
    }
}

/// A field's `!r`, `!s` or `!a`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    /// `!r`: `repr()`.
    Repr,
    /// `!s`: `str()`.
    Str,
    /// `!a`: `ascii()`.
    Ascii,
}

impl Conversion {
    /// The conversion for the character after `!`, or CPython's error for any other.
    pub fn parse(c: char) -> Result<Conversion, PyError> {
        match c {
            'r' => Ok(Conversion::Repr),
            's' => Ok(Conversion::Str),
            'a' => Ok(Conversion::Ascii),
            _ => {
                let code = u32::from(c);
                Err(PyError::value_error(if code > 32 && code < 127 {
                    format!("Unknown conversion specifier {c}")
                } else {
                    format!("Unknown conversion specifier \\x{code:x}")
                }))
            }
        }
    }
}

/// `IndexError: Replacement index 2 out of range for positional args tuple`, for a
/// field whose index is past the arguments.
pub fn replacement_index_error(index: usize) -> PyError {
    PyError::index_error(format!(
        "Replacement index {index} out of range for positional args tuple"
    ))
}

/// `ValueError: Format string contains positional fields`, for `str.format_map`,
/// which has no positional arguments.
pub fn positional_fields_error() -> PyError {
    PyError::value_error("Format string contains positional fields")
}

/// What [`build_string`] asks of the VM while it renders a template.
pub trait FieldValues {
    /// The VM's value.
    type Value;

    /// Positional argument `index`; past the end, [`replacement_index_error`] (or
    /// [`positional_fields_error`] for `format_map`).
    fn positional(&mut self, index: usize) -> Result<Self::Value, PyError>;

    /// Keyword argument `name` (for `format_map`, `mapping[name]`); missing, a
    /// `KeyError` of the name's repr.
    fn keyword(&mut self, name: &str) -> Result<Self::Value, PyError>;

    /// `getattr(value, name)`.
    fn attribute(&mut self, value: &Self::Value, name: &str) -> Result<Self::Value, PyError>;

    /// `value[index]` with an int index.
    fn item_index(&mut self, value: &Self::Value, index: usize) -> Result<Self::Value, PyError>;

    /// `value[key]` with a str key.
    fn item_key(&mut self, value: &Self::Value, key: &str) -> Result<Self::Value, PyError>;

    /// `repr(value)`, `str(value)` or `ascii(value)`, as a str value.
    fn convert(
        &mut self,
        value: &Self::Value,
        conversion: Conversion,
    ) -> Result<Self::Value, PyError>;

    /// `format(value, spec)`.
    fn format(&mut self, value: &Self::Value, spec: &str) -> Result<String, PyError>;
}

/// `template.format(...)`: renders the template, asking `values` for each field's
/// value as it is reached, as CPython's `build_string`. A spec may hold fields of its
/// own, but those may not: CPython allows two levels.
pub fn build_string<F: FieldValues>(template: &str, values: &mut F) -> Result<String, PyError> {
    let mut auto_number = AutoNumber::new();
    render(template, values, 2, &mut auto_number)
}

fn render<F: FieldValues>(
    template: &str,
    values: &mut F,
    depth: u32,
    auto_number: &mut AutoNumber,
) -> Result<String, PyError> {
    if depth == 0 {
        return Err(PyError::value_error("Max string recursion exceeded"));
    }
    let mut out = String::with_capacity(template.len() + 16);
    for markup in MarkupIterator::new(template) {
        let markup = markup?;
        out.push_str(markup.literal);
        let Some(field) = markup.field else { continue };
        let value = field_value(field.name, values, auto_number)?;
        let value = match field.conversion {
            Some(c) => values.convert(&value, Conversion::parse(c)?)?,
            None => value,
        };
        let text = if field.spec_needs_expanding {
            let spec = render(field.spec, values, depth - 1, auto_number)?;
            values.format(&value, &spec)?
        } else {
            values.format(&value, field.spec)?
        };
        out.push_str(&text);
    }
    Ok(out)
}

/// CPython's `get_field_object`: the value a field name leads to.
fn field_value<F: FieldValues>(
    name: &str,
    values: &mut F,
    auto_number: &mut AutoNumber,
) -> Result<F::Value, PyError> {
    let (key, rest) = field_name_split(name, auto_number)?;
    let mut value = match key {
        FieldKey::Index(index) => values.positional(index)?,
        FieldKey::Name(name) => values.keyword(name)?,
    };
    for accessor in rest {
        value = match accessor? {
            Accessor::Attribute(name) => values.attribute(&value, name)?,
            Accessor::Index(index) => values.item_index(&value, index)?,
            Accessor::Key(key) => values.item_key(&value, key)?,
        };
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ascii_escape;
    use crate::text::spec::{format_float, format_int, format_str};

    /// Just enough of Python's values to drive `str.format`; `Obj` is an instance of
    /// a class `A` with `x = 5`, `__getitem__` returning the repr of the key and
    /// `__format__` returning `'A' + spec`.
    #[derive(Clone, Debug)]
    enum Value {
        Int(i64),
        Float(f64),
        Str(String),
        List(Vec<Value>),
        Obj,
    }

    impl Value {
        fn type_name(&self) -> &'static str {
            match self {
                Value::Int(_) => "int",
                Value::Float(_) => "float",
                Value::Str(_) => "str",
                Value::List(_) => "list",
                Value::Obj => "A",
            }
        }

        fn repr(&self) -> String {
            match self {
                Value::Int(n) => n.to_string(),
                Value::Float(x) => crate::text::float::repr_float(*x),
                Value::Str(text) => format!("'{text}'"),
                Value::List(items) => {
                    let items: Vec<String> = items.iter().map(Value::repr).collect();
                    format!("[{}]", items.join(", "))
                }
                Value::Obj => "A()".to_string(),
            }
        }
    }

    /// The arguments of one `str.format` call.
    struct Arguments {
        positional: Vec<Value>,
        keywords: Vec<(&'static str, Value)>,
    }

    impl FieldValues for Arguments {
        type Value = Value;

        fn positional(&mut self, index: usize) -> Result<Value, PyError> {
            self.positional
                .get(index)
                .cloned()
                .ok_or_else(|| replacement_index_error(index))
        }

        fn keyword(&mut self, name: &str) -> Result<Value, PyError> {
            self.keywords
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.clone())
                .ok_or_else(|| PyError::key_error(format!("'{name}'")))
        }

        fn attribute(&mut self, value: &Value, name: &str) -> Result<Value, PyError> {
            match (value, name) {
                (Value::Obj, "x") => Ok(Value::Int(5)),
                _ => Err(PyError::new(
                    "AttributeError",
                    format!("'{}' object has no attribute '{name}'", value.type_name()),
                )),
            }
        }

        fn item_index(&mut self, value: &Value, index: usize) -> Result<Value, PyError> {
            match value {
                Value::List(items) => items
                    .get(index)
                    .cloned()
                    .ok_or_else(|| PyError::index_error("list index out of range")),
                Value::Obj => Ok(Value::Str(index.to_string())),
                _ => Err(PyError::type_error("not subscriptable")),
            }
        }

        fn item_key(&mut self, value: &Value, key: &str) -> Result<Value, PyError> {
            match value {
                Value::Obj => Ok(Value::Str(format!("'{key}'"))),
                _ => Err(PyError::type_error(format!(
                    "{} indices must be integers or slices, not str",
                    value.type_name()
                ))),
            }
        }

        fn convert(&mut self, value: &Value, conversion: Conversion) -> Result<Value, PyError> {
            Ok(Value::Str(match (conversion, value) {
                (Conversion::Str, Value::Str(text)) => text.clone(),
                (Conversion::Ascii, _) => ascii_escape(&value.repr()),
                _ => value.repr(),
            }))
        }

        fn format(&mut self, value: &Value, spec: &str) -> Result<String, PyError> {
            match value {
                Value::Int(n) => format_int(n, spec, "int"),
                Value::Float(x) => format_float(*x, spec, "float"),
                Value::Str(text) => format_str(text, spec, "str"),
                Value::List(_) if spec.is_empty() => Ok(value.repr()),
                Value::List(_) => Err(PyError::type_error(
                    "unsupported format string passed to list.__format__",
                )),
                Value::Obj => Ok(format!("A{spec}")),
            }
        }
    }

    /// python3's answer: the text, or the exception class and message.
    type Expected = Result<&'static str, (&'static str, &'static str)>;

    /// A template, its positional and keyword arguments, and python3's answer.
    type Case = (
        &'static str,
        Vec<Value>,
        Vec<(&'static str, Value)>,
        Expected,
    );

    #[test]
    fn templates_render_as_python() {
        // python3 3.11: template.format(*args, **kwargs), or the exception it raises.
        let cases: Vec<Case> = vec![
            (
                "}",
                vec![],
                vec![],
                Err(("ValueError", "Single '}' encountered in format string")),
            ),
            (
                "{",
                vec![],
                vec![],
                Err(("ValueError", "Single '{' encountered in format string")),
            ),
            (
                "a}b",
                vec![],
                vec![],
                Err(("ValueError", "Single '}' encountered in format string")),
            ),
            (
                "a{b",
                vec![],
                vec![],
                Err(("ValueError", "expected '}' before end of string")),
            ),
            (
                "{0}{}",
                vec![Value::Int(1), Value::Int(2)],
                vec![],
                Err((
                    "ValueError",
                    "cannot switch from manual field specification to automatic field numbering",
                )),
            ),
            (
                "{}{0}",
                vec![Value::Int(1), Value::Int(2)],
                vec![],
                Err((
                    "ValueError",
                    "cannot switch from automatic field numbering to manual field specification",
                )),
            ),
            (
                "{2}",
                vec![Value::Int(1)],
                vec![],
                Err((
                    "IndexError",
                    "Replacement index 2 out of range for positional args tuple",
                )),
            ),
            (
                "{}{}",
                vec![Value::Int(1)],
                vec![],
                Err((
                    "IndexError",
                    "Replacement index 1 out of range for positional args tuple",
                )),
            ),
            ("{a}", vec![], vec![], Err(("KeyError", "'a'"))),
            (
                "{a}{}{0}",
                vec![Value::Int(1)],
                vec![("a", Value::Int(2))],
                Err((
                    "ValueError",
                    "cannot switch from automatic field numbering to manual field specification",
                )),
            ),
            (
                "{0[1]}",
                vec![Value::List(vec![Value::Int(5), Value::Int(6)])],
                vec![],
                Ok("6"),
            ),
            ("{0[a]}", vec![Value::Obj], vec![], Ok("'a'")),
            ("{0[-1]}", vec![Value::Obj], vec![], Ok("'-1'")),
            ("{0[01]}", vec![Value::Obj], vec![], Ok("1")),
            ("{0[ 1]}", vec![Value::Obj], vec![], Ok("' 1'")),
            ("{0.x}", vec![Value::Obj], vec![], Ok("5")),
            (
                "{0.}",
                vec![Value::Obj],
                vec![],
                Err(("ValueError", "Empty attribute in format string")),
            ),
            (
                "{0[}",
                vec![Value::Obj],
                vec![],
                Err(("ValueError", "expected '}' before end of string")),
            ),
            (
                "{0[1]x}",
                vec![Value::Obj],
                vec![],
                Err((
                    "ValueError",
                    "Only '.' or '[' may follow ']' in format field specifier",
                )),
            ),
            (
                "{0[]}",
                vec![Value::Obj],
                vec![],
                Err(("ValueError", "Empty attribute in format string")),
            ),
            (
                "{0.y}",
                vec![Value::Obj],
                vec![],
                Err(("AttributeError", "'A' object has no attribute 'y'")),
            ),
            (
                "{0.y.}",
                vec![Value::Obj],
                vec![],
                Err(("AttributeError", "'A' object has no attribute 'y'")),
            ),
            (
                "{0.x.}",
                vec![Value::Obj],
                vec![],
                Err(("ValueError", "Empty attribute in format string")),
            ),
            ("{0!r}", vec![Value::Str("a".into())], vec![], Ok("'a'")),
            (
                "{0!x}",
                vec![Value::Str("a".into())],
                vec![],
                Err(("ValueError", "Unknown conversion specifier x")),
            ),
            (
                "{0!字}",
                vec![Value::Str("a".into())],
                vec![],
                Err(("ValueError", "Unknown conversion specifier \\x5b57")),
            ),
            (
                "{0!}",
                vec![Value::Str("a".into())],
                vec![],
                Err(("ValueError", "unmatched '{' in format spec")),
            ),
            (
                "{0!rr}",
                vec![Value::Str("a".into())],
                vec![],
                Err(("ValueError", "expected ':' after conversion specifier")),
            ),
            (
                "{0!r:>5}",
                vec![Value::Str("a".into())],
                vec![],
                Ok("  'a'"),
            ),
            (
                "{:{}}",
                vec![Value::Str("a".into()), Value::Int(5)],
                vec![],
                Ok("a    "),
            ),
            (
                "{:{}{}}",
                vec![
                    Value::Str("a".into()),
                    Value::Str(">".into()),
                    Value::Int(5),
                ],
                vec![],
                Ok("    a"),
            ),
            (
                "{:{:{}}}",
                vec![Value::Str("a".into()), Value::Int(5), Value::Int(1)],
                vec![],
                Err(("ValueError", "Max string recursion exceeded")),
            ),
            (
                "{:{:{:{}}}}",
                vec![
                    Value::Str("a".into()),
                    Value::Int(5),
                    Value::Int(1),
                    Value::Int(2),
                ],
                vec![],
                Err(("ValueError", "Max string recursion exceeded")),
            ),
            ("{{}}", vec![], vec![], Ok("{}")),
            ("{{", vec![], vec![], Ok("{")),
            ("}}", vec![], vec![], Ok("}")),
            (
                "{0:}}",
                vec![Value::Int(1)],
                vec![],
                Err(("ValueError", "Single '}' encountered in format string")),
            ),
            (
                "{0:{{}}",
                vec![Value::Int(1)],
                vec![],
                Err(("ValueError", "unmatched '{' in format spec")),
            ),
            ("{:}", vec![Value::Int(1)], vec![], Ok("1")),
            ("{!r}", vec![Value::Int(1)], vec![], Ok("1")),
            (
                "{0",
                vec![Value::Int(1)],
                vec![],
                Err(("ValueError", "expected '}' before end of string")),
            ),
            (
                "{0:",
                vec![Value::Int(1)],
                vec![],
                Err(("ValueError", "unmatched '{' in format spec")),
            ),
            (
                "{0!",
                vec![Value::Int(1)],
                vec![],
                Err((
                    "ValueError",
                    "end of string while looking for conversion specifier",
                )),
            ),
            (
                "{0!r",
                vec![Value::Int(1)],
                vec![],
                Err(("ValueError", "unmatched '{' in format spec")),
            ),
            (
                "{:{",
                vec![Value::Int(1)],
                vec![],
                Err(("ValueError", "unmatched '{' in format spec")),
            ),
            ("{ 0}", vec![], vec![(" 0", Value::Int(1))], Ok("1")),
            ("{-1}", vec![], vec![("-1", Value::Int(1))], Ok("1")),
            ("{00}", vec![Value::Int(5)], vec![], Ok("5")),
            ("{0x}", vec![], vec![("0x", Value::Int(1))], Ok("1")),
            ("{字}", vec![], vec![("字", Value::Int(2))], Ok("2")),
            ("{a.b[c].d}", vec![], vec![], Err(("KeyError", "'a'"))),
            (
                "{[0]}",
                vec![Value::List(vec![Value::Int(1)])],
                vec![],
                Ok("1"),
            ),
            ("{.x}", vec![Value::Obj], vec![], Ok("5")),
            (
                "{0[0}",
                vec![Value::Obj],
                vec![],
                Err(("ValueError", "expected '}' before end of string")),
            ),
            ("{٠}", vec![Value::Str("zero".into())], vec![], Ok("zero")),
            (
                "{0:[}",
                vec![Value::Int(1)],
                vec![],
                Err((
                    "ValueError",
                    "Unknown format code '[' for object of type 'int'",
                )),
            ),
            ("{0[:]}", vec![Value::Obj], vec![], Ok("':'")),
            ("{0[{]}", vec![Value::Obj], vec![], Ok("'{'")),
            ("{0[}]}", vec![Value::Obj], vec![], Ok("'}'")),
            (
                "x{0:}}y",
                vec![Value::Int(1)],
                vec![],
                Err(("ValueError", "Single '}' encountered in format string")),
            ),
            (
                "{99999999999999999999}",
                vec![Value::Int(1)],
                vec![],
                Err(("ValueError", "Too many decimal digits in format string")),
            ),
            (
                "{0[99999999999999999999]}",
                vec![Value::Obj],
                vec![],
                Err(("ValueError", "Too many decimal digits in format string")),
            ),
            (
                "{0:{a}}",
                vec![Value::Int(1)],
                vec![("a", Value::Str(">3".into()))],
                Ok("  1"),
            ),
            (
                "{0:>{1}.{2}}",
                vec![Value::Float(3.14259), Value::Int(10), Value::Int(3)],
                vec![],
                Ok("      3.14"),
            ),
            (
                "{:}}",
                vec![Value::Int(1)],
                vec![],
                Err(("ValueError", "Single '}' encountered in format string")),
            ),
            (
                "{a}",
                vec![],
                vec![("a", Value::Int(1)), ("b", Value::Int(2))],
                Ok("1"),
            ),
            ("{0}", vec![Value::Int(1), Value::Int(2)], vec![], Ok("1")),
            ("{!r:}", vec![Value::Str("x".into())], vec![], Ok("'x'")),
            (
                "{0!r:{1}}",
                vec![Value::Str("x".into()), Value::Int(7)],
                vec![],
                Ok("'x'    "),
            ),
            (
                "{0:{1!r}}",
                vec![Value::Str("x".into()), Value::Int(7)],
                vec![],
                Ok("x      "),
            ),
            (
                "{0:{1}{2}}",
                vec![
                    Value::Str("x".into()),
                    Value::Str("".into()),
                    Value::Str("".into()),
                ],
                vec![],
                Ok("x"),
            ),
            (
                "{2}{",
                vec![Value::Int(1)],
                vec![],
                Err((
                    "IndexError",
                    "Replacement index 2 out of range for positional args tuple",
                )),
            ),
            (
                "{}{{}}{}",
                vec![Value::Int(1), Value::Int(2)],
                vec![],
                Ok("1{}2"),
            ),
            (
                "Hello, {}! You are {} years old.",
                vec![Value::Str("Tom".into()), Value::Int(3)],
                vec![],
                Ok("Hello, Tom! You are 3 years old."),
            ),
            (
                "{name:*^10}|{n:08.3f}",
                vec![],
                vec![
                    ("name", Value::Str("中文".into())),
                    ("n", Value::Float(-3.5)),
                ],
                Ok("****中文****|-003.500"),
            ),
            (
                "{0}{1}{0}",
                vec![Value::Str("a".into()), Value::Str("b".into())],
                vec![],
                Ok("aba"),
            ),
            (
                "{:d}",
                vec![Value::Str("x".into())],
                vec![],
                Err((
                    "ValueError",
                    "Unknown format code 'd' for object of type 'str'",
                )),
            ),
            ("{0.x:>4}", vec![Value::Obj], vec![], Ok("   5")),
            ("{0:xyz}", vec![Value::Obj], vec![], Ok("Axyz")),
            ("{!a}", vec![Value::Str("é".into())], vec![], Ok("'\\xe9'")),
            (
                "{0[1][0]}",
                vec![Value::List(vec![
                    Value::Int(1),
                    Value::List(vec![Value::Int(7), Value::Int(8)]),
                ])],
                vec![],
                Ok("7"),
            ),
            (
                "{0[2]}",
                vec![Value::List(vec![Value::Int(1)])],
                vec![],
                Err(("IndexError", "list index out of range")),
            ),
        ];
        for (template, positional, keywords, answer) in cases {
            let mut arguments = Arguments {
                positional,
                keywords,
            };
            let got = build_string(template, &mut arguments);
            let expected = answer
                .map(str::to_string)
                .map_err(|(class, message)| PyError::new(class, message));
            assert_eq!(got, expected, "{template:?}");
        }
    }

    #[test]
    fn pieces_of_a_template() {
        // python3 3.11: list(_string.formatter_parser('a{{b}}{0.x[1]!r:>{w}}c'))
        // == [('a{', None, None, None), ('b}', None, None, None),
        //     ('', '0.x[1]', '>{w}', 'r'), ('c', None, None, None)]
        let pieces: Vec<Markup<'_>> = MarkupIterator::new("a{{b}}{0.x[1]!r:>{w}}c")
            .collect::<Result<_, _>>()
            .unwrap();
        let literal = |text| Markup {
            literal: text,
            field: None,
        };
        assert_eq!(
            pieces,
            vec![
                literal("a{"),
                literal("b}"),
                Markup {
                    literal: "",
                    field: Some(Field {
                        name: "0.x[1]",
                        conversion: Some('r'),
                        spec: ">{w}",
                        spec_needs_expanding: true,
                    }),
                },
                literal("c"),
            ]
        );
        // python3 3.11: list(_string.formatter_field_name_split('0.x[1][k]')[1])
        // == [(True, 'x'), (False, 1), (False, 'k')]
        let mut auto_number = AutoNumber::new();
        let (key, rest) = field_name_split("0.x[1][k]", &mut auto_number).unwrap();
        assert_eq!(key, FieldKey::Index(0));
        let rest: Vec<Accessor<'_>> = rest.collect::<Result<_, _>>().unwrap();
        assert_eq!(
            rest,
            vec![
                Accessor::Attribute("x"),
                Accessor::Index(1),
                Accessor::Key("k")
            ]
        );
    }
}
