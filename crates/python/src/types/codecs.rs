//! `str.encode` and `bytes.decode`: UTF-8, ASCII and Latin-1 as CPython's codecs run
//! them, with their error handlers (`strict`, `ignore`, `replace`, `backslashreplace`,
//! `xmlcharrefreplace`) and their messages, down to the position ranges of a
//! `UnicodeDecodeError`.
//!
//! The Chinese codecs (`gbk`, `gb2312`, `gb18030`, `big5`) and `cp1252` are known by
//! name but not modelled: text they would write as ASCII is handled (those codecs agree
//! with ASCII there), anything else raises NotImplementedError saying so.

use std::rc::Rc;

use crate::value::Value;
use crate::vm::Vm;
use crate::vm::exceptions::{error, new_exception};
use crate::vm::native::{PyResult, Signal};

/// A codec, found by any of its names.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Codec {
    Utf8,
    Ascii,
    Latin1,
    /// A codec this interpreter knows by name only: its canonical name.
    Unmodelled(&'static str),
}

impl Codec {
    /// The codec's name, as its messages print it.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Unmodelled(name) => name,
        }
    }

    /// The first code point it cannot write (UTF-8 writes them all).
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x11_0000,
            Codec::Latin1 => 0x100,
            Codec::Ascii | Codec::Unmodelled(_) => 0x80,
        }
    }
}

/// The codec named `name`, normalized as `encodings.normalize_encoding` does
/// (lowercase, runs of punctuation as one `_`) and looked up among its aliases.
pub(crate) fn lookup(vm: &mut Vm, name: &str) -> PyResult<Codec> {
    let mut normal = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_alphanumeric() || c == '.' {
            if punct && !normal.is_empty() {
                normal.push('_');
            }
            if c.is_ascii() {
                normal.push(c.to_ascii_lowercase());
            }
            punct = false;
        } else {
            punct = true;
        }
    }
    Ok(match normal.as_str() {
        "utf_8" | "u8" | "utf" | "utf8" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
        "ascii" | "646" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" | "cp367"
        | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us"
        | "us_ascii" => Codec::Ascii,
        "latin_1" | "8859" | "cp819" | "csisolatin1" | "ibm819" | "iso8859" | "iso8859_1"
        | "iso_8859_1" | "iso_8859_1_1987" | "iso_ir_100" | "l1" | "latin" | "latin1" => {
            Codec::Latin1
        }
        "gbk" | "936" | "cp936" | "ms936" => Codec::Unmodelled("gbk"),
        "gb2312" | "chinese" | "csiso58gb231280" | "euc_cn" | "euccn" | "eucgb2312_cn"
        | "gb2312_1980" | "gb2312_80" | "iso_ir_58" => Codec::Unmodelled("gb2312"),
        "gb18030" | "gb18030_2000" => Codec::Unmodelled("gb18030"),
        "big5" | "big5_tw" | "csbig5" => Codec::Unmodelled("big5"),
        "cp1252" | "1252" | "windows_1252" => Codec::Unmodelled("cp1252"),
        _ => {
            let message = format!("unknown encoding: {name}");
            return Err(error(vm, "LookupError", &message));
        }
    })
}

/// What to do with text a codec cannot handle.
#[derive(Clone, Copy, PartialEq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
}

/// The error handler named `name`, looked up only once an error happens, as CPython
/// does (so `errors='bad'` passes while nothing goes wrong).
fn handler(vm: &mut Vm, name: &str) -> PyResult<Handler> {
    Ok(match name {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        "namereplace" | "surrogateescape" | "surrogatepass" => {
            let message = format!("the '{name}' error handler is not modelled");
            return Err(error(vm, "NotImplementedError", &message));
        }
        _ => {
            let message = format!("unknown error handler name '{name}'");
            return Err(error(vm, "LookupError", &message));
        }
    })
}

/// A UnicodeEncodeError or UnicodeDecodeError with CPython's message and the
/// attributes a handler reads (`encoding`, `object`, `start`, `end`, `reason`).
fn unicode_error(
    vm: &mut Vm,
    class: &str,
    codec: Codec,
    object: Value,
    range: (usize, usize),
    reason: &str,
    what: String,
) -> Signal {
    let (start, end) = range;
    let verb = if class == "UnicodeEncodeError" {
        "encode"
    } else {
        "decode"
    };
    let message = format!("'{}' codec can't {verb} {what}: {reason}", codec.name());
    let exc = new_exception(vm, class, vec![Value::str(&message)]);
    if let Value::Instance(instance) = &exc {
        let mut dict = instance.dict.borrow_mut();
        dict.insert(Rc::from("encoding"), Value::str(codec.name()));
        dict.insert(Rc::from("object"), object);
        dict.insert(Rc::from("start"), Value::Int(start as i64));
        dict.insert(Rc::from("end"), Value::Int(end as i64));
        dict.insert(Rc::from("reason"), Value::str(reason));
    }
    Signal::Raise(exc)
}

fn not_modelled(vm: &mut Vm, codec: Codec) -> Signal {
    let message = format!(
        "the '{}' codec is not modelled here: only ASCII text can go through it",
        codec.name()
    );
    error(vm, "NotImplementedError", &message)
}

/// `text.encode(codec, errors)`.
pub(crate) fn encode(vm: &mut Vm, text: &Rc<str>, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    if codec == Codec::Utf8 || text.is_ascii() {
        return Ok(text.as_bytes().to_vec());
    }
    if let Codec::Unmodelled(_) = codec {
        return Err(not_modelled(vm, codec));
    }
    let limit = codec.limit();
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if u32::from(c) < limit {
            out.push(u32::from(c) as u8);
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < chars.len() && u32::from(chars[end]) >= limit {
            end += 1;
        }
        match handler(vm, errors)? {
            Handler::Strict => {
                let what = if end == start + 1 {
                    format!("character '{}' in position {start}", escape(u32::from(c)))
                } else {
                    format!("characters in position {start}-{}", end - 1)
                };
                let reason = format!("ordinal not in range({limit})");
                return Err(unicode_error(
                    vm,
                    "UnicodeEncodeError",
                    codec,
                    Value::Str(text.clone()),
                    (start, end),
                    &reason,
                    what,
                ));
            }
            Handler::Ignore => {}
            Handler::Replace => out.extend(b"?".repeat(end - start)),
            Handler::BackslashReplace => {
                for &c in &chars[start..end] {
                    out.extend(escape(u32::from(c)).bytes());
                }
            }
            Handler::XmlCharRefReplace => {
                for &c in &chars[start..end] {
                    out.extend(format!("&#{};", u32::from(c)).bytes());
                }
            }
        }
        i = end;
    }
    Ok(out)
}

/// A code point as a backslash escape: `\xe9`, `\u4e2d`, `\U0001f600`.
fn escape(code: u32) -> String {
    match code {
        0..=0xff => format!("\\x{code:02x}"),
        0x100..=0xffff => format!("\\u{code:04x}"),
        _ => format!("\\U{code:08x}"),
    }
}

/// `data.decode(codec, errors)`.
pub(crate) fn decode(vm: &mut Vm, data: &Rc<[u8]>, codec: Codec, errors: &str) -> PyResult<String> {
    if data.is_ascii() {
        return Ok(data.iter().map(|&b| b as char).collect());
    }
    match codec {
        Codec::Utf8 => decode_utf8(vm, data, errors),
        Codec::Latin1 => Ok(data.iter().map(|&b| b as char).collect()),
        Codec::Ascii => {
            let mut out = String::with_capacity(data.len());
            for (i, &b) in data.iter().enumerate() {
                if b.is_ascii() {
                    out.push(b as char);
                    continue;
                }
                let bad = Undecodable {
                    range: (i, i + 1),
                    reason: "ordinal not in range(128)",
                    what: format!("byte 0x{b:02x} in position {i}"),
                };
                bad_bytes(vm, codec, data, bad, errors, &mut out)?;
            }
            Ok(out)
        }
        Codec::Unmodelled(_) => Err(not_modelled(vm, codec)),
    }
}

/// UTF-8, each invalid sequence taken as CPython takes it: the longest start of a
/// valid sequence (which is what Rust's decoder reports too).
fn decode_utf8(vm: &mut Vm, data: &Rc<[u8]>, errors: &str) -> PyResult<String> {
    let mut out = String::with_capacity(data.len());
    let mut at = 0;
    while at < data.len() {
        match std::str::from_utf8(&data[at..]) {
            Ok(text) => {
                out.push_str(text);
                break;
            }
            Err(e) => {
                let valid = &data[at..at + e.valid_up_to()];
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let start = at + e.valid_up_to();
                let (end, reason) = match e.error_len() {
                    None => (data.len(), "unexpected end of data"),
                    Some(len) if matches!(data[start], 0x80..=0xc1 | 0xf5..=0xff) => {
                        (start + len, "invalid start byte")
                    }
                    Some(len) => (start + len, "invalid continuation byte"),
                };
                let what = if end == start + 1 {
                    format!("byte 0x{:02x} in position {start}", data[start])
                } else {
                    format!("bytes in position {start}-{}", end - 1)
                };
                let bad = Undecodable {
                    range: (start, end),
                    reason,
                    what,
                };
                bad_bytes(vm, Codec::Utf8, data, bad, errors, &mut out)?;
                at = end;
            }
        }
    }
    Ok(out)
}

/// Bytes a decoder cannot read: where they are, why, and how the message names them.
struct Undecodable {
    range: (usize, usize),
    reason: &'static str,
    what: String,
}

/// Handles bytes a decoder cannot read, as the error handler says.
fn bad_bytes(
    vm: &mut Vm,
    codec: Codec,
    data: &Rc<[u8]>,
    bad: Undecodable,
    errors: &str,
    out: &mut String,
) -> PyResult<()> {
    match handler(vm, errors)? {
        Handler::Strict => {
            let object = Value::Bytes(data.clone());
            Err(unicode_error(
                vm,
                "UnicodeDecodeError",
                codec,
                object,
                bad.range,
                bad.reason,
                bad.what,
            ))
        }
        // CPython has the handler, but for encoding only.
        Handler::XmlCharRefReplace => Err(error(
            vm,
            "TypeError",
            "don't know how to handle UnicodeDecodeError in error callback",
        )),
        Handler::Ignore => Ok(()),
        Handler::Replace => {
            out.push('\u{fffd}');
            Ok(())
        }
        Handler::BackslashReplace => {
            for &b in &data[bad.range.0..bad.range.1] {
                out.push_str(&format!("\\x{b:02x}"));
            }
            Ok(())
        }
    }
}
