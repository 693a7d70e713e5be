//! The methods of `bytes`. Most are shared with str ([`super::text`]); here is the
//! bytes side of them ([`Bytes`]: one unit a byte, ASCII whitespace and ASCII case)
//! and what only bytes has: `decode`, `hex` and `bytes.fromhex`.

use std::rc::Rc;

use super::codecs;
use super::text::{self, Kind, str_value};
use super::{Form, Method, Signature, index_arg};
use crate::value::Value;
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::native::{Args, PyResult, Signal};

/// bytes, for the methods it shares with str.
pub(crate) struct Bytes;

impl Kind for Bytes {
    const OWNER: &'static str = "bytes";
    const BYTES: bool = true;

    fn bytes_of(value: &Value) -> Option<&[u8]> {
        match value {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }

    fn make(bytes: &[u8]) -> Value {
        Value::Bytes(Rc::from(bytes))
    }

    fn unit_at(bytes: &[u8], at: usize) -> (u32, usize) {
        (u32::from(bytes[at]), 1)
    }

    /// ASCII whitespace: space, tab, line feed, carriage return, vertical tab, form
    /// feed.
    fn is_space(code: u32) -> bool {
        matches!(code, 0x20 | 0x09..=0x0d)
    }

    fn is_line_break(code: u32) -> bool {
        matches!(code, 0x0a | 0x0d)
    }

    fn wrong_type(vm: &mut Vm, value: &Value, _str_message: &dyn Fn(&str) -> String) -> Signal {
        let message = format!(
            "a bytes-like object is required, not '{}'",
            value.type_name()
        );
        error(vm, "TypeError", &message)
    }

    fn is_upper(c: char) -> bool {
        c.is_ascii_uppercase()
    }

    fn is_lower(c: char) -> bool {
        c.is_ascii_lowercase()
    }

    fn is_title(_c: char) -> bool {
        false
    }

    fn to_upper(c: char, out: &mut String) {
        out.push(c.to_ascii_uppercase());
    }

    fn to_lower(c: char, out: &mut String) {
        out.push(c.to_ascii_lowercase());
    }

    fn to_title(c: char, out: &mut String) {
        out.push(c.to_ascii_uppercase());
    }
}

/// The bytes a method was called on.
fn receiver(vm: &mut Vm, sig: &Signature, this: &Value) -> PyResult<Rc<[u8]>> {
    match this {
        Value::Bytes(b) => Ok(b.clone()),
        other => Err(sig.wrong_object(vm, other)),
    }
}

/// The methods of bytes, by name (sorted, for the lookup's binary search).
pub(super) const METHODS: &[Method] = &[
    Method::of_object("capitalize", text::capitalize::<Bytes>),
    Method::of_object("center", text::center::<Bytes>),
    Method::of_object("count", text::count::<Bytes>),
    Method::of_object("decode", decode),
    Method::of_object("endswith", text::endswith::<Bytes>),
    Method::of_object("expandtabs", text::expandtabs::<Bytes>),
    Method::of_object("find", text::find::<Bytes>),
    Method::of_type("fromhex", fromhex),
    Method::of_object("hex", hex),
    Method::of_object("index", text::index::<Bytes>),
    Method::of_object("isalnum", isalnum),
    Method::of_object("isalpha", isalpha),
    Method::of_object("isascii", text::isascii::<Bytes>),
    Method::of_object("isdigit", isdigit),
    Method::of_object("islower", text::islower::<Bytes>),
    Method::of_object("isspace", text::isspace::<Bytes>),
    Method::of_object("istitle", text::istitle::<Bytes>),
    Method::of_object("isupper", text::isupper::<Bytes>),
    Method::of_object("join", text::join::<Bytes>),
    Method::of_object("ljust", text::ljust::<Bytes>),
    Method::of_object("lower", text::lower::<Bytes>),
    Method::of_object("lstrip", text::lstrip::<Bytes>),
    Method::of_object("partition", text::partition::<Bytes>),
    Method::of_object("removeprefix", text::removeprefix::<Bytes>),
    Method::of_object("removesuffix", text::removesuffix::<Bytes>),
    Method::of_object("replace", text::replace::<Bytes>),
    Method::of_object("rfind", text::rfind::<Bytes>),
    Method::of_object("rindex", text::rindex::<Bytes>),
    Method::of_object("rjust", text::rjust::<Bytes>),
    Method::of_object("rpartition", text::rpartition::<Bytes>),
    Method::of_object("rsplit", text::rsplit::<Bytes>),
    Method::of_object("rstrip", text::rstrip::<Bytes>),
    Method::of_object("split", text::split::<Bytes>),
    Method::of_object("splitlines", text::splitlines::<Bytes>),
    Method::of_object("startswith", text::startswith::<Bytes>),
    Method::of_object("strip", text::strip::<Bytes>),
    Method::of_object("swapcase", text::swapcase::<Bytes>),
    Method::of_object("title", text::title::<Bytes>),
    Method::of_object("upper", text::upper::<Bytes>),
    Method::of_object("zfill", text::zfill::<Bytes>),
];

/// `b.isdigit()`: all ASCII digits, and not empty.
fn isdigit(vm: &mut Vm, args: Args) -> PyResult {
    text::all_units::<Bytes>(vm, args, "isdigit", |c| c.is_ascii_digit())
}

/// `b.isalpha()`: all ASCII letters, and not empty.
fn isalpha(vm: &mut Vm, args: Args) -> PyResult {
    text::all_units::<Bytes>(vm, args, "isalpha", |c| c.is_ascii_alphabetic())
}

/// `b.isalnum()`: all ASCII letters or digits, and not empty.
fn isalnum(vm: &mut Vm, args: Args) -> PyResult {
    text::all_units::<Bytes>(vm, args, "isalnum", |c| c.is_ascii_alphanumeric())
}

/// An argument of `decode` that must be a str.
fn str_arg(vm: &mut Vm, param: &str, value: &Value) -> PyResult<Rc<str>> {
    match value {
        Value::Str(s) => Ok(s.clone()),
        other => {
            let message = format!(
                "decode() argument '{param}' must be str, not {}",
                other.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `b.decode(encoding='utf-8', errors='strict')`.
fn decode(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::keywords("bytes", "decode", &["encoding", "errors"], 0);
    let (this, [encoding, errors]) = sig.bind(vm, args)?;
    let data = receiver(vm, &sig, &this)?;
    let codec = match encoding {
        Some(encoding) => {
            let name = str_arg(vm, "encoding", &encoding)?;
            codecs::lookup(vm, &name)?
        }
        None => codecs::Codec::Utf8,
    };
    let errors = match errors {
        Some(errors) => str_arg(vm, "errors", &errors)?,
        None => Rc::from("strict"),
    };
    codecs::decode(vm, &data, codec, &errors).map(str_value)
}

/// `b.hex([sep[, bytes_per_sep]])`: two hex digits a byte, with `sep` between groups
/// of `bytes_per_sep` bytes counted from the right (from the left when negative).
fn hex(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::keywords("bytes", "hex", &["sep", "bytes_per_sep"], 0);
    let (this, [sep, per]) = sig.bind(vm, args)?;
    let data = receiver(vm, &sig, &this)?;
    let digits: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
    let Some(sep) = sep else {
        return Ok(str_value(digits.concat()));
    };
    let sep = match &sep {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => b.iter().map(|&c| c as char).collect(),
        other => {
            let message = format!("object of type '{}' has no len()", other.type_name());
            return Err(error(vm, "TypeError", &message));
        }
    };
    if sep.chars().count() != 1 {
        return Err(error(vm, "ValueError", "sep must be length 1."));
    }
    let per = match per {
        Some(per) => index_arg(vm, &per)?,
        None => 1,
    };
    if per == 0 {
        return Ok(str_value(digits.concat()));
    }
    let group = per.unsigned_abs() as usize;
    // Groups are whole from the right when `per` is positive, from the left otherwise.
    let first = if per > 0 { digits.len() % group } else { group };
    let mut out = String::with_capacity(digits.len() * 3);
    for (i, pair) in digits.iter().enumerate() {
        let boundary = if per > 0 {
            i >= first && (i - first) % group == 0
        } else {
            i % group == 0
        };
        if i > 0 && boundary {
            out.push_str(&sep);
        }
        out.push_str(pair);
    }
    Ok(str_value(out))
}

/// `bytes.fromhex(string)`: the bytes two hex digits each stand for; whitespace may
/// come between pairs.
fn fromhex(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional("bytes", "fromhex", Form::One, &["string"], 1);
    let [string] = sig.bind_args(vm, args)?;
    let text = match string.expect("required") {
        Value::Str(s) => s,
        other => {
            let message = format!("fromhex() argument must be str, not {}", other.type_name());
            return Err(error(vm, "TypeError", &message));
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    let invalid = |vm: &mut Vm, at: usize| {
        let message = format!("non-hexadecimal number found in fromhex() arg at position {at}");
        error(vm, "ValueError", &message)
    };
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let Some(high) = chars[i].to_digit(16) else {
            return Err(invalid(vm, i));
        };
        let Some(low) = chars.get(i + 1).and_then(|c| c.to_digit(16)) else {
            return Err(invalid(vm, i + 1));
        };
        out.push((high * 16 + low) as u8);
        i += 2;
    }
    Ok(Value::Bytes(Rc::from(out)))
}
