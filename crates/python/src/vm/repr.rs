//! `repr()`, `str()` and `format()` of every value, as CPython writes them.

use std::rc::Rc;

use super::Vm;
use super::eval::call_nested;
use super::exceptions::{self, error};
use super::int::{self, as_int};
use super::native::{Args, PyResult};
use super::types::TypeTag;
use super::{Stream, ops};
use crate::value::{Descriptor, DictFlavor, Payload, Value};

/// The address CPython would print for an object: stable for the object, never
/// meaningful.
pub fn address(value: &Value) -> String {
    format!(
        "0x{:012x}",
        0x7f00_0000_0000_u64.wrapping_add(value.identity() as u64 & 0xffff_ffff_ffff)
    )
}

/// Python's repr of a str: single quotes unless it holds one and no double quote;
/// unprintable characters escaped.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if !is_printable(c) => {
                let code = c as u32;
                if code <= 0xff {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code <= 0xffff {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Whether CPython's `str.isprintable` holds for `c`, for the characters learners meet:
/// controls, the Latin-1 controls and spaces other than ' ' are not.
fn is_printable(c: char) -> bool {
    let code = c as u32;
    !(matches!(code, 0x80..=0xa0 | 0xad | 0x2028 | 0x2029 | 0x200b..=0x200f | 0xfeff | 0xe000..=0xf8ff)
        || (c.is_whitespace() && c != ' '))
}

/// Python's repr of bytes.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// `repr(value)`.
pub fn repr(vm: &mut Vm, value: &Value) -> PyResult<String> {
    let mut seen = Vec::new();
    repr_inner(vm, value, &mut seen)
}

fn int_text(vm: &mut Vm, value: &Value) -> PyResult<String> {
    let n = as_int(value).expect("an int");
    int::to_decimal(&n).map_err(|message| error(vm, "ValueError", message))
}

fn repr_inner(vm: &mut Vm, value: &Value, seen: &mut Vec<usize>) -> PyResult<String> {
    let join = |vm: &mut Vm, items: &[Value], seen: &mut Vec<usize>| -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for item in items {
            parts.push(repr_inner(vm, item, seen)?);
        }
        Ok(parts.join(", "))
    };
    Ok(match value {
        Value::None => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Int(n) => n.to_string(),
        Value::BigInt(_) => int_text(vm, value)?,
        Value::Float(x) => crate::text::float::repr_float(*x),
        Value::Str(s) => repr_str(s),
        Value::Bytes(b) => repr_bytes(b),
        Value::List(items) => {
            let id = value.identity();
            if seen.contains(&id) {
                return Ok("[...]".to_owned());
            }
            seen.push(id);
            let items = items.borrow().clone();
            let text = format!("[{}]", join(vm, &items, seen)?);
            seen.pop();
            text
        }
        Value::Tuple(items) if items.len() == 1 => {
            format!("({},)", repr_inner(vm, &items[0], seen)?)
        }
        Value::Tuple(items) => format!("({})", join(vm, items, seen)?),
        Value::Dict(dict) => {
            let id = value.identity();
            if seen.contains(&id) {
                return Ok("{...}".to_owned());
            }
            seen.push(id);
            let (pairs, flavor): (Vec<(Value, Value)>, DictFlavor) = {
                let dict = dict.borrow();
                (
                    dict.iter().map(|(k, v)| (k.0.clone(), v.clone())).collect(),
                    dict.flavor.clone(),
                )
            };
            let mut parts = Vec::with_capacity(pairs.len());
            for (k, v) in &pairs {
                parts.push(format!(
                    "{}: {}",
                    repr_inner(vm, k, seen)?,
                    repr_inner(vm, v, seen)?
                ));
            }
            seen.pop();
            let body = format!("{{{}}}", parts.join(", "));
            match flavor {
                DictFlavor::Plain => body,
                DictFlavor::Default(factory) => {
                    format!("defaultdict({}, {body})", repr_inner(vm, &factory, seen)?)
                }
                DictFlavor::Counter if pairs.is_empty() => "Counter()".to_owned(),
                DictFlavor::Counter => crate::modules::collections::counter_repr(vm, &pairs, seen)?,
            }
        }
        Value::Set(set) => {
            let items: Vec<Value> = set.borrow().iter().map(|k| k.0.clone()).collect();
            if items.is_empty() {
                "set()".to_owned()
            } else {
                format!("{{{}}}", join(vm, &items, seen)?)
            }
        }
        Value::FrozenSet(set) => {
            let items: Vec<Value> = set.iter().map(|k| k.0.clone()).collect();
            if items.is_empty() {
                "frozenset()".to_owned()
            } else {
                format!("frozenset({{{}}})", join(vm, &items, seen)?)
            }
        }
        Value::Range(range) if range.step == 1 => format!("range({}, {})", range.start, range.stop),
        Value::Range(range) => format!("range({}, {}, {})", range.start, range.stop, range.step),
        Value::Slice(parts) => format!("slice({})", join(vm, parts.as_ref(), seen)?),
        Value::Function(function) => format!(
            "<function {} at {}>",
            function.qualname.borrow(),
            address(value)
        ),
        Value::Builtin(builtin) => match (&builtin.bound, builtin.owner) {
            (Some(object), _) if !matches!(object, Value::Module(_)) => format!(
                "<built-in method {} of {} object at {}>",
                builtin.name,
                object.type_name(),
                address(object)
            ),
            (None, Some(owner)) => format!("<method '{}' of '{owner}' objects>", builtin.name),
            _ => format!("<built-in function {}>", builtin.name),
        },
        Value::Method(method) => {
            let name = match &method.1 {
                Value::Function(f) => f.qualname.borrow().to_string(),
                Value::Builtin(b) => b.name.to_owned(),
                other => other.type_name().to_string(),
            };
            format!(
                "<bound method {name} of {}>",
                repr_inner(vm, &method.0.clone(), seen)?
            )
        }
        Value::Class(class) => match class.module.as_ref() {
            "builtins" => format!("<class '{}'>", class.qualname),
            module => format!("<class '{module}.{}'>", class.qualname),
        },
        Value::Module(module) => match module.get("__file__") {
            Some(Value::Str(file)) => format!("<module '{}' from '{file}'>", module.name),
            _ => format!("<module '{}' (built-in)>", module.name),
        },
        Value::Generator(generator) => format!(
            "<generator object {} at {}>",
            generator.borrow().qualname,
            address(value)
        ),
        Value::Iterator(it) => {
            format!("<{} object at {}>", it.borrow().type_name(), address(value))
        }
        Value::Descriptor(descriptor) => match descriptor.as_ref() {
            Descriptor::Super { class, .. } => {
                format!("<super: <class '{}'>, <{} object>>", class.name, class.name)
            }
            _ => format!("<{} object at {}>", value.type_name(), address(value)),
        },
        Value::Code(code) => format!(
            "<code object {} at {}, file \"{}\", line {}>",
            code.name,
            address(value),
            code.filename,
            code.first_line
        ),
        Value::Cell(_) => format!("<cell at {}>", address(value)),
        Value::Ellipsis => "Ellipsis".to_owned(),
        Value::NotImplemented => "NotImplemented".to_owned(),
        Value::Native(native) => match native.repr() {
            Some(text) => text,
            None if native.class().lookup("__repr__").is_some() => {
                return Ok(user_special(vm, value, "__repr__")?.unwrap_or_default());
            }
            None => {
                let class = native.class();
                format!(
                    "<{}.{} object at {}>",
                    class.module,
                    class.qualname,
                    address(value)
                )
            }
        },
        Value::Instance(instance) => {
            let id = value.identity();
            if seen.contains(&id) {
                return Ok("...".to_owned());
            }
            if let Some(text) = user_special(vm, value, "__repr__")? {
                return Ok(text);
            }
            if instance.class.builtin_base() == Some(TypeTag::BaseException) {
                let args =
                    exceptions::with_data(value, |data| data.args.clone()).unwrap_or_default();
                let inner = match args.len() {
                    1 => repr_inner(vm, &args[0], seen)?,
                    _ => join(vm, &args, seen)?,
                };
                return Ok(format!("{}({inner})", instance.class.name));
            }
            if let Payload::Native(native) = &*instance.payload.borrow()
                && let Some(text) = native.repr()
            {
                return Ok(text);
            }
            if let Some(container) = instance.builtin_value() {
                return repr_inner(vm, &container, seen);
            }
            let class = &instance.class;
            match class.module.as_ref() {
                "builtins" => format!("<{} object at {}>", class.qualname, address(value)),
                module => format!("<{module}.{} object at {}>", class.qualname, address(value)),
            }
        }
    })
}

/// Calls a `__repr__` or `__str__` that a Python class defines (not an inherited builtin).
fn user_special(vm: &mut Vm, value: &Value, name: &str) -> PyResult<Option<String>> {
    let class = vm.types.class_of(value);
    let Some(method) = class.lookup(name) else {
        return Ok(None);
    };
    let result = call_nested(vm, method, Args::new(vec![value.clone()]))?;
    match result {
        Value::Str(s) => Ok(Some(s.to_string())),
        other => {
            let message = format!("{name} returned non-string (type {})", other.type_name());
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `str(value)`.
pub fn str(vm: &mut Vm, value: &Value) -> PyResult<String> {
    match value {
        Value::Str(s) => Ok(s.to_string()),
        Value::Instance(instance) => {
            if let Some(text) = user_special(vm, value, "__str__")? {
                return Ok(text);
            }
            if instance.class.builtin_base() == Some(TypeTag::BaseException) {
                if let Some(text) = user_special(vm, value, "__repr__")?
                    && instance.class.lookup("__str__").is_none()
                    && false
                {
                    return Ok(text);
                }
                return exceptions::default_str(vm, value);
            }
            repr(vm, value)
        }
        _ => repr(vm, value),
    }
}

/// `ascii(value)`: the repr with every non-ASCII character escaped.
pub fn ascii(vm: &mut Vm, value: &Value) -> PyResult<String> {
    Ok(crate::text::ascii_escape(&repr(vm, value)?))
}

/// The interactive prompt's echo of an expression statement.
pub fn print_expr(vm: &mut Vm, value: Value) -> PyResult<()> {
    if matches!(value, Value::None) {
        return Ok(());
    }
    let text = repr(vm, &value)?;
    vm.write(Stream::Stdout, &text);
    vm.write(Stream::Stdout, "\n");
    vm.builtins.set("_", value);
    Ok(())
}

/// `format(value, spec)`.
pub fn format(vm: &mut Vm, value: &Value, spec: &str) -> PyResult<String> {
    let type_name = value.type_name();
    let result = match value {
        Value::Bool(_) if spec.is_empty() => return str(vm, value),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
            let n = as_int(value).expect("an int");
            crate::text::spec::format_int(&n, spec, &type_name)
        }
        Value::Float(x) => crate::text::spec::format_float(*x, spec, &type_name),
        Value::Str(s) => crate::text::spec::format_str(s, spec, &type_name),
        _ => {
            if let Some(result) =
                ops::call_special(vm, value, "__format__", vec![Value::str(spec)])?
                && let Value::Str(s) = result
            {
                return Ok(s.to_string());
            }
            if spec.is_empty() {
                return str(vm, value);
            }
            let message = format!(
                "unsupported format string passed to {}.__format__",
                value.type_name()
            );
            return Err(error(vm, "TypeError", &message));
        }
    };
    result.map_err(|e| error(vm, e.class, &e.message))
}

/// An f-string's `{value!conversion:spec}`.
pub fn format_value(vm: &mut Vm, value: Value, conversion: u8, spec: Option<Value>) -> PyResult {
    let value = match conversion {
        b'r' => Value::str(&repr(vm, &value)?),
        b's' => Value::str(&str(vm, &value)?),
        b'a' => Value::str(&ascii(vm, &value)?),
        _ => value,
    };
    let spec = match &spec {
        Some(Value::Str(s)) => s.clone(),
        _ => Rc::from(""),
    };
    if spec.is_empty()
        && let Value::Str(_) = value
    {
        return Ok(value);
    }
    format(vm, &value, &spec).map(|s| Value::Str(Rc::from(s)))
}
