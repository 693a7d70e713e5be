//! The methods of `str`. Those bytes has too live in [`super::text`], written once
//! for both; here are the str side of them ([`Str`]: code points, Unicode whitespace
//! and case) and the methods only str has: the Unicode predicates, `casefold`,
//! `encode`, `format`, `format_map`, `maketrans` and `translate`.
//!
//! Characters are code points, so `len('中文') == 2` and `'中文'.center(6, '*')` pads
//! to six characters, as in Python.

use std::rc::Rc;

use super::codecs;
use super::text::{self, Kind, str_value};
use super::{Form, Method, Signature};
use crate::text::PyError;
use crate::text::str_format::{self, Conversion, FieldValues};
use crate::value::{Key, Value};
use crate::vm::Vm;
use crate::vm::attr;
use crate::vm::exceptions::{self, error, new_exception};
use crate::vm::int::as_int;
use crate::vm::native::{Args, PyResult, Signal};
use crate::vm::{ops, repr};

/// str, for the methods it shares with bytes.
pub(crate) struct Str;

/// The digits that are not decimal digits (superscripts, circled digits…), which
/// `isdigit` accepts and `isdecimal` refuses: Unicode 14.0's `Numeric_Type=Digit`, as
/// CPython 3.11 has it.
const OTHER_DIGITS: &[(u32, u32)] = &[
    (0xb2, 0xb3),
    (0xb9, 0xb9),
    (0x1369, 0x1371),
    (0x19da, 0x19da),
    (0x2070, 0x2070),
    (0x2074, 0x2079),
    (0x2080, 0x2089),
    (0x2460, 0x2468),
    (0x2474, 0x247c),
    (0x2488, 0x2490),
    (0x24ea, 0x24ea),
    (0x24f5, 0x24fd),
    (0x24ff, 0x24ff),
    (0x2776, 0x277e),
    (0x2780, 0x2788),
    (0x278a, 0x2792),
    (0x10a40, 0x10a43),
    (0x10e60, 0x10e68),
    (0x11052, 0x1105a),
    (0x1f100, 0x1f10a),
];

/// The Han characters that stand for numbers (`一`, `二`, `百`, `万`, `亿`, `零`…),
/// which `isnumeric` accepts though they are letters: Unicode 14.0's numeric
/// ideographs.
const NUMERIC_HAN: &str = "㐅㒃㠪㭍一七万三九二五亖亿什仟仨伍佰億兆兩八六十千卄卅卌叁参參叄四壱壹幺廾廿弌弍弎弐拾捌柒漆玖百肆萬貮貳贰阡陆陌陸零參拾兩零六陸什𠀁𠁤𠃢𠄡𠤪𠦃𠦌𠦜𠫪𠫽𠬙𢎐𢦘𣬛𦉭廾";

/// `str.isdecimal` of one character: a decimal digit of any script.
fn is_decimal(c: char) -> bool {
    crate::text::decimal_digit_value(c).is_some()
}

/// `str.isdigit` of one character.
fn is_digit(c: char) -> bool {
    is_decimal(c)
        || OTHER_DIGITS
            .iter()
            .any(|&(a, b)| (a..=b).contains(&u32::from(c)))
}

/// `str.isnumeric` of one character.
fn is_numeric(c: char) -> bool {
    c.is_numeric() || is_digit(c) || NUMERIC_HAN.contains(c)
}

/// `str.isalpha` of one character: a letter. (Rust's alphabetic also counts letter
/// numbers such as `Ⅳ`, which Python does not; combining vowel signs still count
/// here.)
fn is_alpha(c: char) -> bool {
    c.is_alphabetic() && !c.is_numeric()
}

fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_numeric(c)
}

/// `str.isprintable` of one character: what `repr()` shows as itself.
fn is_printable(c: char) -> bool {
    matches!(c, '\'' | '\\') || repr::repr_str(c.encode_utf8(&mut [0; 4])).chars().count() == 3
}

impl Kind for Str {
    const OWNER: &'static str = "str";
    const BYTES: bool = false;

    fn bytes_of(value: &Value) -> Option<&[u8]> {
        match value {
            Value::Str(s) => Some(s.as_bytes()),
            _ => None,
        }
    }

    fn make(bytes: &[u8]) -> Value {
        Value::str(std::str::from_utf8(bytes).expect("whole code points"))
    }

    fn unit_at(bytes: &[u8], at: usize) -> (u32, usize) {
        let len = match bytes[at] {
            0..=0x7f => return (u32::from(bytes[at]), 1),
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let c = std::str::from_utf8(&bytes[at..at + len])
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or('\u{fffd}');
        (u32::from(c), len)
    }

    /// Python's whitespace: Unicode's, and the four separators `\x1c`–`\x1f`.
    fn is_space(code: u32) -> bool {
        char::from_u32(code).is_some_and(|c| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
    }

    fn is_line_break(code: u32) -> bool {
        matches!(
            code,
            0x0a | 0x0b | 0x0c | 0x0d | 0x1c | 0x1d | 0x1e | 0x85 | 0x2028 | 0x2029
        )
    }

    fn wrong_type(vm: &mut Vm, value: &Value, str_message: &dyn Fn(&str) -> String) -> Signal {
        error(vm, "TypeError", &str_message(&value.type_name()))
    }

    fn is_upper(c: char) -> bool {
        c.is_uppercase()
    }

    fn is_lower(c: char) -> bool {
        c.is_lowercase()
    }

    fn is_title(c: char) -> bool {
        !c.is_uppercase() && !c.is_lowercase() && c.to_lowercase().ne(std::iter::once(c))
    }

    fn to_upper(c: char, out: &mut String) {
        out.extend(c.to_uppercase());
    }

    fn to_lower(c: char, out: &mut String) {
        out.extend(c.to_lowercase());
    }

    /// Titlecase: the uppercase letter, except for the digraphs that have a titlecase
    /// form of their own (`ǆ` → `ǅ`), Georgian (whose titlecase is itself), and
    /// letters that uppercase to several (`ß` → `Ss`).
    fn to_title(c: char, out: &mut String) {
        let title = match u32::from(c) {
            0x1c4..=0x1c6 => '\u{1c5}',
            0x1c7..=0x1c9 => '\u{1c8}',
            0x1ca..=0x1cc => '\u{1cb}',
            0x1f1..=0x1f3 => '\u{1f2}',
            0x10d0..=0x10ff => c,
            _ => {
                let mut upper = c.to_uppercase();
                out.extend(upper.next());
                upper.for_each(|rest| out.extend(rest.to_lowercase()));
                return;
            }
        };
        out.push(title);
    }
}

/// The str a method was called on.
fn receiver(vm: &mut Vm, sig: &Signature, this: &Value) -> PyResult<Rc<str>> {
    match this {
        Value::Str(s) => Ok(s.clone()),
        other => Err(sig.wrong_object(vm, other)),
    }
}

/// The methods of str, by name (sorted, for the lookup's binary search).
pub(super) const METHODS: &[Method] = &[
    Method::of_object("capitalize", text::capitalize::<Str>),
    Method::of_object("casefold", casefold),
    Method::of_object("center", text::center::<Str>),
    Method::of_object("count", text::count::<Str>),
    Method::of_object("encode", encode),
    Method::of_object("endswith", text::endswith::<Str>),
    Method::of_object("expandtabs", text::expandtabs::<Str>),
    Method::of_object("find", text::find::<Str>),
    Method::of_object("format", format),
    Method::of_object("format_map", format_map),
    Method::of_object("index", text::index::<Str>),
    Method::of_object("isalnum", isalnum),
    Method::of_object("isalpha", isalpha),
    Method::of_object("isascii", text::isascii::<Str>),
    Method::of_object("isdecimal", isdecimal),
    Method::of_object("isdigit", isdigit),
    Method::of_object("isidentifier", isidentifier),
    Method::of_object("islower", text::islower::<Str>),
    Method::of_object("isnumeric", isnumeric),
    Method::of_object("isprintable", isprintable),
    Method::of_object("isspace", text::isspace::<Str>),
    Method::of_object("istitle", text::istitle::<Str>),
    Method::of_object("isupper", text::isupper::<Str>),
    Method::of_object("join", text::join::<Str>),
    Method::of_object("ljust", text::ljust::<Str>),
    Method::of_object("lower", text::lower::<Str>),
    Method::of_object("lstrip", text::lstrip::<Str>),
    Method::of_type("maketrans", maketrans),
    Method::of_object("partition", text::partition::<Str>),
    Method::of_object("removeprefix", text::removeprefix::<Str>),
    Method::of_object("removesuffix", text::removesuffix::<Str>),
    Method::of_object("replace", text::replace::<Str>),
    Method::of_object("rfind", text::rfind::<Str>),
    Method::of_object("rindex", text::rindex::<Str>),
    Method::of_object("rjust", text::rjust::<Str>),
    Method::of_object("rpartition", text::rpartition::<Str>),
    Method::of_object("rsplit", text::rsplit::<Str>),
    Method::of_object("rstrip", text::rstrip::<Str>),
    Method::of_object("split", text::split::<Str>),
    Method::of_object("splitlines", text::splitlines::<Str>),
    Method::of_object("startswith", text::startswith::<Str>),
    Method::of_object("strip", text::strip::<Str>),
    Method::of_object("swapcase", text::swapcase::<Str>),
    Method::of_object("title", text::title::<Str>),
    Method::of_object("translate", translate),
    Method::of_object("upper", text::upper::<Str>),
    Method::of_object("zfill", text::zfill::<Str>),
];

/// `s.isdecimal()`: all decimal digits (of any script), and not empty.
fn isdecimal(vm: &mut Vm, args: Args) -> PyResult {
    text::all_units::<Str>(vm, args, "isdecimal", is_decimal)
}

/// `s.isdigit()`: all digits, superscripts and circled digits included.
fn isdigit(vm: &mut Vm, args: Args) -> PyResult {
    text::all_units::<Str>(vm, args, "isdigit", is_digit)
}

/// `s.isnumeric()`: all characters with a numeric value (`½`, `Ⅳ`, `三`…).
fn isnumeric(vm: &mut Vm, args: Args) -> PyResult {
    text::all_units::<Str>(vm, args, "isnumeric", is_numeric)
}

/// `s.isalpha()`: all letters (Chinese characters are letters).
fn isalpha(vm: &mut Vm, args: Args) -> PyResult {
    text::all_units::<Str>(vm, args, "isalpha", is_alpha)
}

/// `s.isalnum()`: all letters or numeric characters.
fn isalnum(vm: &mut Vm, args: Args) -> PyResult {
    text::all_units::<Str>(vm, args, "isalnum", is_alnum)
}

/// `s.isprintable()`: nothing `repr()` would escape (true for an empty str).
fn isprintable(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::no_args("str", "isprintable");
    let (this, []) = sig.bind(vm, args)?;
    let s = receiver(vm, &sig, &this)?;
    Ok(Value::Bool(s.chars().all(is_printable)))
}

/// `s.isidentifier()`: could it name a variable (keywords included)? A letter or `_`,
/// then letters, decimal digits and `_`.
fn isidentifier(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::no_args("str", "isidentifier");
    let (this, []) = sig.bind(vm, args)?;
    let s = receiver(vm, &sig, &this)?;
    let mut chars = s.chars();
    let first = chars.next().is_some_and(|c| c == '_' || c.is_alphabetic());
    Ok(Value::Bool(
        first && chars.all(|c| c == '_' || c.is_alphabetic() || is_decimal(c)),
    ))
}

/// `s.casefold()`: lowered for caseless comparison (`'Straße'` → `'strasse'`).
fn casefold(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::no_args("str", "casefold");
    let (this, []) = sig.bind(vm, args)?;
    let s = receiver(vm, &sig, &this)?;
    if s.is_ascii() {
        return Ok(str_value(s.to_ascii_lowercase()));
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match u32::from(c) {
            // The dotless i folds to itself; Cherokee folds to its uppercase.
            0x131 => out.push(c),
            0x13a0..=0x13ff | 0xab70..=0xabbf => out.extend(c.to_uppercase()),
            0x1e9e => out.push_str("ss"),
            _ => c.to_uppercase().for_each(|u| out.extend(u.to_lowercase())),
        }
    }
    Ok(str_value(out))
}

/// An argument that must be a str, with Argument Clinic's message.
fn str_arg(vm: &mut Vm, method: &str, param: &str, value: &Value) -> PyResult<Rc<str>> {
    match value {
        Value::Str(s) => Ok(s.clone()),
        other => {
            let message = format!(
                "{method}() argument '{param}' must be str, not {}",
                other.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `s.encode(encoding='utf-8', errors='strict')`.
fn encode(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::keywords("str", "encode", &["encoding", "errors"], 0);
    let (this, [encoding, errors]) = sig.bind(vm, args)?;
    let s = receiver(vm, &sig, &this)?;
    let codec = match encoding {
        Some(encoding) => {
            let name = str_arg(vm, "encode", "encoding", &encoding)?;
            codecs::lookup(vm, &name)?
        }
        None => codecs::Codec::Utf8,
    };
    let errors = match errors {
        Some(errors) => str_arg(vm, "encode", "errors", &errors)?,
        None => Rc::from("strict"),
    };
    let bytes = codecs::encode(vm, &s, codec, &errors)?;
    Ok(Value::Bytes(Rc::from(bytes)))
}

/// Where a template's fields find their values: `format`'s arguments, or
/// `format_map`'s mapping.
enum Source {
    Arguments(Vec<Value>, Vec<(Rc<str>, Value)>),
    Mapping(Value),
}

/// The VM as `str.format` asks it for values. An exception raised by Python code on
/// the way (a `__format__`, a `__getitem__`) is kept whole and re-raised after.
struct Fields<'a> {
    vm: &'a mut Vm,
    source: Source,
    raised: Option<Signal>,
}

impl Fields<'_> {
    /// Keeps an exception for after the template; the formatter only needs to stop.
    fn keep(&mut self, signal: Signal) -> PyError {
        self.raised = Some(signal);
        PyError::new("RuntimeError", "raised")
    }

    fn run<T>(&mut self, f: impl FnOnce(&mut Vm) -> PyResult<T>) -> Result<T, PyError> {
        f(self.vm).map_err(|signal| self.keep(signal))
    }
}

impl FieldValues for Fields<'_> {
    type Value = Value;

    fn positional(&mut self, index: usize) -> Result<Value, PyError> {
        match &self.source {
            Source::Arguments(positional, _) => positional
                .get(index)
                .cloned()
                .ok_or_else(|| str_format::replacement_index_error(index)),
            Source::Mapping(_) => Err(str_format::positional_fields_error()),
        }
    }

    fn keyword(&mut self, name: &str) -> Result<Value, PyError> {
        let found = match &self.source {
            Source::Arguments(_, keywords) => keywords
                .iter()
                .find(|(k, _)| k.as_ref() == name)
                .map(|(_, v)| v.clone()),
            Source::Mapping(mapping) => {
                let mapping = mapping.clone();
                return self.run(|vm| ops::get_item(vm, &mapping, &Value::str(name)));
            }
        };
        match found {
            Some(value) => Ok(value),
            None => {
                let exc = new_exception(self.vm, "KeyError", vec![Value::str(name)]);
                Err(self.keep(Signal::Raise(exc)))
            }
        }
    }

    fn attribute(&mut self, value: &Value, name: &str) -> Result<Value, PyError> {
        self.run(|vm| attr::get_attr(vm, value, name))
    }

    fn item_index(&mut self, value: &Value, index: usize) -> Result<Value, PyError> {
        self.run(|vm| ops::get_item(vm, value, &Value::Int(index as i64)))
    }

    fn item_key(&mut self, value: &Value, key: &str) -> Result<Value, PyError> {
        self.run(|vm| ops::get_item(vm, value, &Value::str(key)))
    }

    fn convert(&mut self, value: &Value, conversion: Conversion) -> Result<Value, PyError> {
        self.run(|vm| {
            let text = match conversion {
                Conversion::Repr => repr::repr(vm, value)?,
                Conversion::Str => repr::str(vm, value)?,
                Conversion::Ascii => repr::ascii(vm, value)?,
            };
            Ok(str_value(text))
        })
    }

    fn format(&mut self, value: &Value, spec: &str) -> Result<String, PyError> {
        self.run(|vm| repr::format(vm, value, spec))
    }
}

/// Renders `template` from `source`, raising what went wrong as CPython raises it.
fn render(vm: &mut Vm, template: &str, source: Source) -> PyResult {
    let mut fields = Fields {
        vm,
        source,
        raised: None,
    };
    match str_format::build_string(template, &mut fields) {
        Ok(text) => Ok(str_value(text)),
        Err(e) => match fields.raised.take() {
            Some(signal) => Err(signal),
            None => Err(error(fields.vm, e.class, &e.message)),
        },
    }
}

/// `template.format(*args, **kwargs)`: each `{field}` replaced by its value,
/// formatted by its spec.
fn format(vm: &mut Vm, args: Args) -> PyResult {
    let Args {
        positional,
        keywords,
    } = args;
    let mut positional = positional.into_iter();
    let sig = Signature::no_args("str", "format");
    let Some(this) = positional.next() else {
        return Err(error(
            vm,
            "TypeError",
            "unbound method str.format() needs an argument",
        ));
    };
    let template = receiver(vm, &sig, &this)?;
    render(
        vm,
        &template,
        Source::Arguments(positional.collect(), keywords),
    )
}

/// `template.format_map(mapping)`: as `format(**mapping)`, but the mapping is read
/// field by field, so a dict subclass's `__missing__` can fill in.
fn format_map(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::one("str", "format_map");
    let (this, [mapping]) = sig.bind(vm, args)?;
    let template = receiver(vm, &sig, &this)?;
    render(vm, &template, Source::Mapping(mapping.expect("required")))
}

/// `str.maketrans(x[, y[, z]])`: a table for `translate`. With one argument, a dict
/// of characters (or their numbers) to what replaces them; with two, the characters
/// of `x` each mapped to the one at the same place in `y`; `z`'s characters map to
/// None (deleted).
fn maketrans(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional("str", "maketrans", Form::Parsed, &["x", "y", "z"], 1);
    let [x, y, z] = sig.bind_args(vm, args)?;
    let x = x.expect("required");
    let mut table = crate::value::Dict::default();
    let Some(y) = y else {
        let Value::Dict(dict) = &x else {
            return Err(error(
                vm,
                "TypeError",
                "if you give only one argument to maketrans it must be a dict",
            ));
        };
        let pairs: Vec<(Value, Value)> = dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.0.clone(), v.clone()))
            .collect();
        for (key, value) in pairs {
            let code = match &key {
                Value::Str(s) if s.chars().count() == 1 => {
                    i64::from(u32::from(s.chars().next().unwrap_or_default()))
                }
                Value::Str(_) => {
                    return Err(error(
                        vm,
                        "ValueError",
                        "string keys in translate table must be of length 1",
                    ));
                }
                other => match as_int(other).and_then(|n| n.to_i64()) {
                    Some(n) => n,
                    None => {
                        return Err(error(
                            vm,
                            "TypeError",
                            "keys in translate table must be strings or integers",
                        ));
                    }
                },
            };
            table.insert(Key(Value::Int(code)), value);
        }
        return Ok(Value::dict(table));
    };
    let arg = |vm: &mut Vm, n: usize, value: &Value| -> PyResult<Rc<str>> {
        match value {
            Value::Str(s) => Ok(s.clone()),
            other => {
                let message = format!(
                    "maketrans() argument {n} must be str, not {}",
                    other.type_name()
                );
                Err(error(vm, "TypeError", &message))
            }
        }
    };
    let (from, to) = (arg(vm, 1, &x)?, arg(vm, 2, &y)?);
    if from.chars().count() != to.chars().count() {
        return Err(error(
            vm,
            "ValueError",
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (a, b) in from.chars().zip(to.chars()) {
        table.insert(
            Key(Value::Int(i64::from(u32::from(a)))),
            Value::Int(i64::from(u32::from(b))),
        );
    }
    if let Some(z) = z {
        for c in arg(vm, 3, &z)?.chars() {
            table.insert(Key(Value::Int(i64::from(u32::from(c)))), Value::None);
        }
    }
    Ok(Value::dict(table))
}

/// `s.translate(table)`: each character looked up by its number in `table`; a str
/// replaces it, an int is the number of its replacement, None deletes it, and a
/// character the table lacks (LookupError) stays.
fn translate(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::one("str", "translate");
    let (this, [table]) = sig.bind(vm, args)?;
    let s = receiver(vm, &sig, &this)?;
    let table = table.expect("required");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let found = match ops::get_item(vm, &table, &Value::Int(i64::from(u32::from(c)))) {
            Ok(found) => found,
            Err(Signal::Raise(exc)) if exceptions::is_instance_of(vm, &exc, "LookupError") => {
                out.push(c);
                continue;
            }
            Err(signal) => return Err(signal),
        };
        match &found {
            Value::None => {}
            Value::Str(replacement) => out.push_str(replacement),
            other => match as_int(other).and_then(|n| n.to_i64()) {
                Some(n) => match u32::try_from(n).ok().and_then(char::from_u32) {
                    Some(replacement) => out.push(replacement),
                    None => {
                        return Err(error(
                            vm,
                            "ValueError",
                            "character mapping must be in range(0x110000)",
                        ));
                    }
                },
                None => {
                    return Err(error(
                        vm,
                        "TypeError",
                        "character mapping must return integer, None or str",
                    ));
                }
            },
        }
    }
    Ok(str_value(out))
}
