//! `json`: `dumps`/`dump` and `loads`/`load` over the JSON text of [`crate::text::json`].
//!
//! Dumping turns Python values into a [`JsonValue`] tree (dict keys become text, a
//! `default=` function converts what JSON cannot hold, a container met again inside
//! itself is a circular reference), then writes it; loading parses the text into a
//! tree and builds dicts, lists and the rest from it (through `object_hook` and the
//! other hooks when given).

use std::rc::Rc;

use super::{Params, add_functions, new_module, registered_class};
use crate::text::json::{
    DictKey, DumpOptions, Indent, JsonError, JsonValue, dict_key_text, dumps as dump_text,
    float_key, loads_with_depth,
};
use crate::value::{Class, Dict, Key, Module, Value};
use crate::vm::Vm;
use crate::vm::eval::call_nested;
use crate::vm::exceptions::{self, error, instance_of};
use crate::vm::int::{as_int, int_from_literal};
use crate::vm::native::{Args, PyResult, Signal};
use crate::vm::{attr, ops, repr};

/// Makes `json` for the current process, with its `json.decoder` submodule.
pub fn make(vm: &mut Vm) -> Rc<Module> {
    let module = new_module("json", Some("json/__init__.py"));
    add_functions(
        &module,
        &[
            ("dumps", dumps),
            ("dump", dump),
            ("loads", loads),
            ("load", load),
        ],
    );
    let error_class = decode_error_class(vm);
    module.set("JSONDecodeError", Value::Class(error_class.clone()));
    let decoder = new_module("json.decoder", Some("json/decoder.py"));
    decoder.set("JSONDecodeError", Value::Class(error_class));
    module.set("decoder", Value::Module(decoder));
    module
}

/// `json.decoder.JSONDecodeError`, a ValueError, made once per VM.
fn decode_error_class(vm: &mut Vm) -> Rc<Class> {
    registered_class(vm, "json.decoder.JSONDecodeError", |vm| {
        let value_error = vm.types.exception("ValueError");
        let dict = super::methods("JSONDecodeError", &[("__init__", decode_error_init)]);
        crate::vm::types::new_class(
            "JSONDecodeError",
            "json.decoder",
            Some(&value_error),
            dict,
            None,
        )
    })
}

/// Sets the attributes of a `JSONDecodeError` (`msg`, `doc`, `pos`, `lineno`,
/// `colno`) and its one argument, the message with its position.
fn fill_decode_error(exc: &Value, msg: &str, doc: Value, pos: usize, lineno: usize, colno: usize) {
    let message = format!("{msg}: line {lineno} column {colno} (char {pos})");
    exceptions::with_data(exc, |data| data.args = vec![Value::str(&message)]);
    if let Value::Instance(instance) = exc {
        let mut dict = instance.dict.borrow_mut();
        dict.insert(Rc::from("msg"), Value::str(msg));
        dict.insert(Rc::from("doc"), doc);
        dict.insert(Rc::from("pos"), Value::Int(pos as i64));
        dict.insert(Rc::from("lineno"), Value::Int(lineno as i64));
        dict.insert(Rc::from("colno"), Value::Int(colno as i64));
    }
}

/// `JSONDecodeError(msg, doc, pos)`: locates `pos` in `doc` as line and column.
fn decode_error_init(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "JSONDecodeError.__init__",
        names: &["self", "msg", "doc", "pos"],
        required: 4,
        positional: 4,
    }
    .bind(vm, args)?;
    let [this, msg, doc, pos] = bound.try_into().expect("four parameters");
    let (this, msg, doc, pos) = (
        this.unwrap_or_default(),
        msg.unwrap_or_default(),
        doc.unwrap_or_default(),
        pos.unwrap_or_default(),
    );
    let msg = repr::str(vm, &msg)?;
    let Value::Str(text) = &doc else {
        return Err(error(vm, "TypeError", "doc must be a str"));
    };
    let pos = super::to_index(vm, &pos)?.max(0) as usize;
    let before: String = text.chars().take(pos).collect();
    let lineno = before.matches('\n').count() + 1;
    let colno = match before.rfind('\n') {
        Some(newline) => before[newline + 1..].chars().count() + 1,
        None => pos + 1,
    };
    fill_decode_error(&this, &msg, doc.clone(), pos, lineno, colno);
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------
// dumps

/// The keyword arguments of `json.dumps` and `json.dump`, after `obj` (and `fp`).
const DUMP_OPTIONS: &[&str] = &[
    "skipkeys",
    "ensure_ascii",
    "check_circular",
    "allow_nan",
    "cls",
    "indent",
    "separators",
    "default",
    "sort_keys",
];

/// How a dump goes: the text options, and what the conversion needs.
struct Encoder {
    options: DumpOptions,
    skipkeys: bool,
    check_circular: bool,
    default: Option<Value>,
    sort_keys: bool,
    /// The containers being converted, by identity, to catch a circular reference.
    markers: Vec<usize>,
    /// How deeply containers may nest before a RecursionError.
    max_depth: usize,
}

/// Reads the options of `json.dumps(obj, **options)`.
fn encoder(
    vm: &mut Vm,
    keywords: Vec<(Rc<str>, Value)>,
    function: &'static str,
) -> PyResult<Encoder> {
    let mut values: Vec<Option<Value>> = vec![None; DUMP_OPTIONS.len()];
    let mut extra = None;
    for (name, value) in keywords {
        match DUMP_OPTIONS.iter().position(|option| **option == *name) {
            Some(at) => values[at] = Some(value),
            None => extra = Some(name),
        }
    }
    if let Some(name) = extra {
        let message = format!("JSONEncoder.__init__() got an unexpected keyword argument '{name}'");
        return Err(error(vm, "TypeError", &message));
    }
    let flag = |vm: &mut Vm, value: &Option<Value>, default: bool| -> PyResult<bool> {
        match value {
            Some(value) => ops::truthy(vm, value),
            None => Ok(default),
        }
    };
    let [
        skipkeys,
        ensure_ascii,
        check_circular,
        allow_nan,
        _cls,
        indent,
        separators,
        default,
        sort_keys,
    ] = values.try_into().expect("as many values as options");
    let indent = match indent {
        None | Some(Value::None) => None,
        Some(Value::Str(text)) => Some(Indent::Text(text.to_string())),
        Some(other) => match as_int(&other).and_then(|n| n.to_i64()) {
            Some(n) => Some(Indent::Spaces(n)),
            None => {
                let message = format!(
                    "can't multiply sequence by non-int of type '{}'",
                    other.type_name()
                );
                return Err(error(vm, "TypeError", &message));
            }
        },
    };
    let separators = match separators {
        None | Some(Value::None) => None,
        Some(pair) => {
            let items = crate::vm::iter::collect(vm, &pair)?;
            match items.as_slice() {
                [Value::Str(item), Value::Str(key)] => Some((item.to_string(), key.to_string())),
                _ => {
                    let message = format!("{function}(): separators must be a pair of strs");
                    return Err(error(vm, "TypeError", &message));
                }
            }
        }
    };
    let depth = vm.thread().frames.len();
    Ok(Encoder {
        options: DumpOptions {
            indent,
            separators,
            sort_keys: false,
            ensure_ascii: flag(vm, &ensure_ascii, true)?,
            allow_nan: flag(vm, &allow_nan, true)?,
        },
        skipkeys: flag(vm, &skipkeys, false)?,
        check_circular: flag(vm, &check_circular, true)?,
        default: default.filter(|d| !matches!(d, Value::None)),
        sort_keys: flag(vm, &sort_keys, false)?,
        markers: Vec::new(),
        max_depth: crate::vm::RECURSION_LIMIT.saturating_sub(depth + 4),
    })
}

impl Encoder {
    /// Guards a container against being met again inside itself.
    fn enter(&mut self, vm: &mut Vm, value: &Value) -> PyResult<()> {
        if self.markers.len() >= self.max_depth {
            return Err(error(
                vm,
                "RecursionError",
                "maximum recursion depth exceeded while encoding a JSON object",
            ));
        }
        let id = value.identity();
        if self.check_circular && self.markers.contains(&id) {
            return Err(error(vm, "ValueError", "Circular reference detected"));
        }
        self.markers.push(id);
        Ok(())
    }

    /// The tree of `value`, converted in the order the encoder writes it, so the first
    /// error met is the one CPython raises.
    fn convert(&mut self, vm: &mut Vm, value: &Value) -> PyResult<JsonValue> {
        Ok(match value {
            Value::None => JsonValue::Null,
            Value::Bool(b) => JsonValue::Bool(*b),
            Value::Int(_) | Value::BigInt(_) => {
                let digits = as_int(value).map(|n| crate::vm::int::to_decimal(&n));
                match digits {
                    Some(Ok(digits)) => JsonValue::Int(digits),
                    Some(Err(message)) => return Err(error(vm, "ValueError", message)),
                    None => JsonValue::Null,
                }
            }
            Value::Float(x) => {
                float_key(*x, self.options.allow_nan, self.options.indent.is_some())
                    .map_err(|err| error(vm, err.class, &err.message))?;
                JsonValue::Float(*x)
            }
            Value::Str(text) => JsonValue::Str(text.to_string()),
            Value::List(_) | Value::Tuple(_) => {
                let items = match value {
                    Value::List(items) => items.borrow().clone(),
                    Value::Tuple(items) => items.to_vec(),
                    _ => unreachable!("a list or a tuple"),
                };
                self.enter(vm, value)?;
                let mut array = Vec::with_capacity(items.len());
                for item in &items {
                    array.push(self.convert(vm, item)?);
                }
                self.markers.pop();
                JsonValue::Array(array)
            }
            Value::Dict(dict) => {
                let mut pairs: Vec<(Value, Value)> = dict
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.0.clone(), v.clone()))
                    .collect();
                self.enter(vm, value)?;
                if self.sort_keys {
                    pairs = self.sorted(vm, pairs)?;
                }
                let mut object = Vec::with_capacity(pairs.len());
                for (key, item) in &pairs {
                    let Some(key) = self.key_text(vm, key)? else {
                        continue;
                    };
                    object.push((key, self.convert(vm, item)?));
                }
                self.markers.pop();
                JsonValue::Object(object)
            }
            other => {
                let Some(default) = self.default.clone() else {
                    let message = format!(
                        "Object of type {} is not JSON serializable",
                        other.type_name()
                    );
                    return Err(error(vm, "TypeError", &message));
                };
                self.enter(vm, other)?;
                let replaced = call_nested(vm, default, Args::new(vec![other.clone()]))?;
                let converted = self.convert(vm, &replaced)?;
                self.markers.pop();
                converted
            }
        })
    }

    /// A dict's pairs in the order of their keys, as `sorted(d.items())` gives them.
    fn sorted(&self, vm: &mut Vm, pairs: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
        let tuples = pairs
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect();
        let sorted = crate::builtins::sort_values(vm, tuples, None, false)?;
        Ok(sorted
            .into_iter()
            .filter_map(|pair| match pair {
                Value::Tuple(pair) => Some((pair[0].clone(), pair[1].clone())),
                _ => None,
            })
            .collect())
    }

    /// The text of a dict key (None: skipped, with `skipkeys=True`).
    fn key_text(&self, vm: &mut Vm, key: &Value) -> PyResult<Option<String>> {
        let int = as_int(key);
        let type_name = key.type_name();
        let key = match key {
            Value::Str(text) => DictKey::Str(text),
            Value::Bool(b) => DictKey::Bool(*b),
            Value::Float(x) => DictKey::Float(*x),
            Value::None => DictKey::None,
            _ => match &int {
                Some(n) => DictKey::Int(n),
                None if self.skipkeys => return Ok(None),
                None => DictKey::Other(&type_name),
            },
        };
        dict_key_text(key, &self.options)
            .map(Some)
            .map_err(|err| error(vm, err.class, &err.message))
    }

    /// The text of `value`.
    fn dump(&mut self, vm: &mut Vm, value: &Value) -> PyResult<String> {
        let tree = self.convert(vm, value)?;
        dump_text(&tree, &self.options).map_err(|err| error(vm, err.class, &err.message))
    }
}

/// `json.dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True,
/// allow_nan=True, cls=None, indent=None, separators=None, default=None,
/// sort_keys=False)`.
fn dumps(vm: &mut Vm, args: Args) -> PyResult {
    let Args {
        positional,
        keywords,
    } = args;
    let bound = Params {
        name: "dumps",
        names: &["obj"],
        required: 1,
        positional: 1,
    }
    .bind(vm, Args::new(positional))?;
    let obj = bound[0].clone().unwrap_or_default();
    let mut encoder = encoder(vm, keywords, "dumps")?;
    encoder.dump(vm, &obj).map(|text| Value::str(&text))
}

/// `json.dump(obj, fp, **options)`: the text of `dumps` written to `fp`.
fn dump(vm: &mut Vm, args: Args) -> PyResult {
    let Args {
        positional,
        keywords,
    } = args;
    let bound = Params {
        name: "dump",
        names: &["obj", "fp"],
        required: 2,
        positional: 2,
    }
    .bind(vm, Args::new(positional))?;
    let [obj, fp] = bound.try_into().expect("two parameters");
    let mut encoder = encoder(vm, keywords, "dump")?;
    let text = encoder.dump(vm, &obj.unwrap_or_default())?;
    let write = attr::get_attr(vm, &fp.unwrap_or_default(), "write")?;
    call_nested(vm, write, Args::new(vec![Value::str(&text)]))?;
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------
// loads

/// The hooks of `json.loads` that build the values.
#[derive(Default)]
struct Hooks {
    object_hook: Option<Value>,
    object_pairs_hook: Option<Value>,
    parse_float: Option<Value>,
    parse_int: Option<Value>,
}

impl Hooks {
    /// The Python value of a loaded tree.
    fn build(&self, vm: &mut Vm, tree: JsonValue) -> PyResult {
        Ok(match tree {
            JsonValue::Null => Value::None,
            JsonValue::Bool(b) => Value::Bool(b),
            JsonValue::Int(digits) => match &self.parse_int {
                Some(parse) => {
                    call_nested(vm, parse.clone(), Args::new(vec![Value::str(&digits)]))?
                }
                None => int_from_literal(&digits),
            },
            JsonValue::Float(x) => match &self.parse_float {
                Some(parse) if x.is_finite() => {
                    let text = crate::text::float::repr_float(x);
                    call_nested(vm, parse.clone(), Args::new(vec![Value::str(&text)]))?
                }
                _ => Value::Float(x),
            },
            JsonValue::Str(text) => Value::str(&text),
            JsonValue::Array(items) => {
                let mut list = Vec::with_capacity(items.len());
                for item in items {
                    list.push(self.build(vm, item)?);
                }
                Value::list(list)
            }
            JsonValue::Object(pairs) => {
                let mut built = Vec::with_capacity(pairs.len());
                for (key, item) in pairs {
                    built.push((key, self.build(vm, item)?));
                }
                if let Some(hook) = &self.object_pairs_hook {
                    let pairs = built
                        .into_iter()
                        .map(|(k, v)| Value::tuple(vec![Value::str(&k), v]))
                        .collect();
                    return call_nested(vm, hook.clone(), Args::new(vec![Value::list(pairs)]));
                }
                let dict: Dict = built
                    .into_iter()
                    .map(|(k, v)| (Key(Value::str(&k)), v))
                    .collect();
                let dict = Value::dict(dict);
                match &self.object_hook {
                    Some(hook) => call_nested(vm, hook.clone(), Args::new(vec![dict]))?,
                    None => dict,
                }
            }
        })
    }
}

/// The text of `loads`'s argument: a str, or bytes decoded as UTF-8.
fn document(vm: &mut Vm, s: &Value) -> PyResult<Rc<str>> {
    match s {
        Value::Str(text) => Ok(text.clone()),
        Value::Bytes(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Rc::from(text)),
            Err(err) => {
                let at = err.valid_up_to();
                let message = format!(
                    "'utf-8' codec can't decode byte 0x{:02x} in position {at}: invalid start byte",
                    bytes[at]
                );
                Err(error(vm, "UnicodeDecodeError", &message))
            }
        },
        other => {
            let message = format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                other.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `json.loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
/// parse_constant=None, object_pairs_hook=None)`.
fn loads(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "loads",
        names: &[
            "s",
            "cls",
            "object_hook",
            "parse_float",
            "parse_int",
            "parse_constant",
            "object_pairs_hook",
        ],
        required: 1,
        positional: 1,
    }
    .bind(vm, args)?;
    let hook = |value: &Option<Value>| value.clone().filter(|v| !matches!(v, Value::None));
    let hooks = Hooks {
        object_hook: hook(&bound[2]),
        parse_float: hook(&bound[3]),
        parse_int: hook(&bound[4]),
        object_pairs_hook: hook(&bound[6]),
    };
    let s = bound[0].clone().unwrap_or_default();
    load_document(vm, &s, &hooks)
}

/// Parses a document and builds its value.
fn load_document(vm: &mut Vm, s: &Value, hooks: &Hooks) -> PyResult {
    let text = document(vm, s)?;
    let depth = vm.thread().frames.len();
    let max_depth = crate::text::json::DEFAULT_MAX_DEPTH.saturating_sub(depth);
    match loads_with_depth(&text, max_depth) {
        Ok(tree) => hooks.build(vm, tree),
        Err(JsonError::Decode(fault)) => {
            let class = decode_error_class(vm);
            let exc = instance_of(class, Vec::new());
            let doc = Value::Str(text.clone());
            fill_decode_error(&exc, fault.msg, doc, fault.pos, fault.lineno, fault.colno);
            if fault.msg == "Expecting value" {
                // CPython raises it `from None`.
                exceptions::with_data(&exc, |data| data.suppress_context = true);
            }
            Err(Signal::Raise(exc))
        }
        Err(JsonError::Python(err)) => Err(error(vm, err.class, &err.message)),
    }
}

/// `json.load(fp, **options)`: `loads(fp.read())`.
fn load(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "load",
        names: &[
            "fp",
            "cls",
            "object_hook",
            "parse_float",
            "parse_int",
            "parse_constant",
            "object_pairs_hook",
        ],
        required: 1,
        positional: 1,
    }
    .bind(vm, args)?;
    let hook = |value: &Option<Value>| value.clone().filter(|v| !matches!(v, Value::None));
    let hooks = Hooks {
        object_hook: hook(&bound[2]),
        parse_float: hook(&bound[3]),
        parse_int: hook(&bound[4]),
        object_pairs_hook: hook(&bound[6]),
    };
    let read = attr::get_attr(vm, &bound[0].clone().unwrap_or_default(), "read")?;
    let text = call_nested(vm, read, Args::default())?;
    load_document(vm, &text, &hooks)
}
