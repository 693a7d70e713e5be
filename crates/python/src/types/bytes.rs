//! The methods of `bytes`. Most are shared with str ([`super::text`]); here is the
//! bytes side of them ([`Bytes`]: one unit a byte, ASCII whitespace and ASCII case)
//! and what only bytes has: `decode`, `hex` and `bytes.fromhex`.

use std::rc::Rc;

use super::codecs;
use super::text::{self, Kind, str_value};
use super::{Entry, Form, Signature, index_arg, special};
use crate::value::Value;
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::native::{Args, PyResult, Signal};

/// bytes, for the methods it shares with str.
pub(crate) struct Bytes;

impl Kind for Bytes {
    const OWNER: &'static str = "bytes";

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

/// The method `name` of bytes.
pub(super) fn lookup(name: &str) -> Option<Entry> {
    let method = |name, func| Some(Entry::method("bytes", name, func));
    match name {
        "capitalize" => method("capitalize", text::capitalize::<Bytes>),
        "center" => method("center", text::center::<Bytes>),
        "count" => method("count", text::count::<Bytes>),
        "decode" => method("decode", decode),
        "endswith" => method("endswith", text::endswith::<Bytes>),
        "expandtabs" => method("expandtabs", text::expandtabs::<Bytes>),
        "find" => method("find", text::find::<Bytes>),
        "fromhex" => Some(Entry::of_type("bytes", "fromhex", fromhex)),
        "hex" => method("hex", hex),
        "index" => method("index", text::index::<Bytes>),
        "isalnum" => method("isalnum", isalnum),
        "isalpha" => method("isalpha", isalpha),
        "isascii" => method("isascii", text::isascii::<Bytes>),
        "isdigit" => method("isdigit", isdigit),
        "islower" => method("islower", text::islower::<Bytes>),
        "isspace" => method("isspace", text::isspace::<Bytes>),
        "istitle" => method("istitle", text::istitle::<Bytes>),
        "isupper" => method("isupper", text::isupper::<Bytes>),
        "join" => method("join", text::join::<Bytes>),
        "ljust" => method("ljust", text::ljust::<Bytes>),
        "lower" => method("lower", text::lower::<Bytes>),
        "lstrip" => method("lstrip", text::lstrip::<Bytes>),
        "partition" => method("partition", text::partition::<Bytes>),
        "removeprefix" => method("removeprefix", text::removeprefix::<Bytes>),
        "removesuffix" => method("removesuffix", text::removesuffix::<Bytes>),
        "replace" => method("replace", text::replace::<Bytes>),
        "rfind" => method("rfind", text::rfind::<Bytes>),
        "rindex" => method("rindex", text::rindex::<Bytes>),
        "rjust" => method("rjust", text::rjust::<Bytes>),
        "rpartition" => method("rpartition", text::rpartition::<Bytes>),
        "rsplit" => method("rsplit", text::rsplit::<Bytes>),
        "rstrip" => method("rstrip", text::rstrip::<Bytes>),
        "split" => method("split", text::split::<Bytes>),
        "splitlines" => method("splitlines", text::splitlines::<Bytes>),
        "startswith" => method("startswith", text::startswith::<Bytes>),
        "strip" => method("strip", text::strip::<Bytes>),
        "swapcase" => method("swapcase", text::swapcase::<Bytes>),
        "title" => method("title", text::title::<Bytes>),
        "upper" => method("upper", text::upper::<Bytes>),
        "zfill" => method("zfill", text::zfill::<Bytes>),
        _ => special("bytes", name),
    }
}

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
