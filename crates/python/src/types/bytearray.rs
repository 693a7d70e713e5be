//! `bytearray`: bytes that can change, as the lessons' byte buffers use them.
//!
//! A Rust object with its class's methods; what it shares with `bytes` (decoding,
//! searching) works on a `bytes` copy of its contents.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::value::{Class, Namespace, Value};
use crate::vm::attr::builtin;
use crate::vm::exceptions::error;
use crate::vm::int::as_int;
use crate::vm::native::{Args, NativeFn, NativeObject, PyResult};
use crate::vm::types::{TypeTag, new_class};
use crate::vm::{Vm, ops, repr};

/// A bytearray's bytes.
pub struct ByteArray {
    class: Rc<Class>,
    bytes: RefCell<Vec<u8>>,
}

impl NativeObject for ByteArray {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }

    fn repr(&self) -> Option<String> {
        Some(format!(
            "bytearray({})",
            repr::repr_bytes(&self.bytes.borrow())
        ))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Where the builtins keep the class for its constructor (out of the learner's reach).
const REGISTERED: &str = "\0bytearray";

/// Makes the `bytearray` class and adds it to the builtins.
pub fn install(vm: &mut Vm) {
    let class = Value::Class(class(vm));
    vm.builtins.set("bytearray", class.clone());
    vm.builtins.set(REGISTERED, class);
}

fn class(vm: &mut Vm) -> Rc<Class> {
    let object = vm.types.get(TypeTag::Object).clone();
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", new),
        ("__getitem__", get_item),
        ("__setitem__", set_item),
        ("__len__", len),
        ("__iter__", iter),
        ("__contains__", contains),
        ("__eq__", eq),
        ("append", append),
        ("extend", extend),
        ("pop", pop),
        ("clear", clear),
        ("decode", decode),
    ];
    let mut dict = Namespace::default();
    for &(name, func) in methods {
        dict.insert(Rc::from(name), builtin(name, func, Some("bytearray")));
    }
    new_class(
        "bytearray",
        "builtins",
        Some(&object),
        dict,
        Some(TypeTag::Native),
    )
}

/// The bytes of `self`, the first argument.
fn this(vm: &mut Vm, args: &Args) -> PyResult<Rc<dyn NativeObject>> {
    match args.positional.first() {
        Some(Value::Native(object)) if object.as_any().is::<ByteArray>() => Ok(object.clone()),
        _ => Err(error(
            vm,
            "TypeError",
            "descriptor requires a 'bytearray' object",
        )),
    }
}

fn bytes_of(object: &Rc<dyn NativeObject>) -> &RefCell<Vec<u8>> {
    &object
        .as_any()
        .downcast_ref::<ByteArray>()
        .expect("checked by this()")
        .bytes
}

/// A byte value: an int in range(0, 256).
fn byte(vm: &mut Vm, value: &Value) -> PyResult<u8> {
    match as_int(value).and_then(|n| n.to_i64()) {
        Some(n) if (0..256).contains(&n) => Ok(n as u8),
        Some(_) => Err(error(vm, "ValueError", "byte must be in range(0, 256)")),
        None => {
            let message = format!(
                "'{}' object cannot be interpreted as an integer",
                value.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// The bytes an argument gives: bytes, a bytearray, or ints.
fn bytes_from(vm: &mut Vm, value: &Value) -> PyResult<Vec<u8>> {
    match value {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Native(object) if object.as_any().is::<ByteArray>() => {
            Ok(bytes_of(object).borrow().clone())
        }
        other => {
            let items = crate::vm::iter::collect(vm, other)?;
            items.iter().map(|item| byte(vm, item)).collect()
        }
    }
}

fn new(vm: &mut Vm, args: Args) -> PyResult {
    let bytes = match args.positional.first() {
        None => Vec::new(),
        Some(Value::Str(_)) => {
            return Err(error(
                vm,
                "TypeError",
                "string argument without an encoding",
            ));
        }
        Some(n) if as_int(n).is_some() => {
            vec![0; as_int(n).and_then(|n| n.to_i64()).unwrap_or(0).max(0) as usize]
        }
        Some(source) => bytes_from(vm, source)?,
    };
    let Some(Value::Class(class)) = vm.builtins.get(REGISTERED) else {
        return Err(error(vm, "RuntimeError", "bytearray is not installed"));
    };
    Ok(Value::Native(Rc::new(ByteArray {
        class,
        bytes: RefCell::new(bytes),
    })))
}

fn snapshot(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let object = this(vm, args)?;
    Ok(Value::Bytes(Rc::from(
        bytes_of(&object).borrow().as_slice(),
    )))
}

fn get_item(vm: &mut Vm, args: Args) -> PyResult {
    let copy = snapshot(vm, &args)?;
    let index = args.positional.get(1).cloned().unwrap_or_default();
    match ops::get_item(vm, &copy, &index)? {
        Value::Bytes(part) => {
            let class = this(vm, &args)?.class();
            Ok(Value::Native(Rc::new(ByteArray {
                class,
                bytes: RefCell::new(part.to_vec()),
            })))
        }
        item => Ok(item),
    }
}

fn set_item(vm: &mut Vm, args: Args) -> PyResult {
    let object = this(vm, &args)?;
    let index = args.positional.get(1).cloned().unwrap_or_default();
    let value = byte(vm, &args.positional.get(2).cloned().unwrap_or_default())?;
    let length = bytes_of(&object).borrow().len() as i64;
    let Some(i) = as_int(&index).and_then(|n| n.to_i64()) else {
        return Err(error(
            vm,
            "TypeError",
            "bytearray indices must be integers or slices",
        ));
    };
    let at = if i < 0 { i + length } else { i };
    if !(0..length).contains(&at) {
        return Err(error(vm, "IndexError", "bytearray index out of range"));
    }
    bytes_of(&object).borrow_mut()[at as usize] = value;
    Ok(Value::None)
}

fn len(vm: &mut Vm, args: Args) -> PyResult {
    let object = this(vm, &args)?;
    Ok(Value::Int(bytes_of(&object).borrow().len() as i64))
}

fn iter(vm: &mut Vm, args: Args) -> PyResult {
    let copy = snapshot(vm, &args)?;
    crate::vm::iter::get_iter(vm, &copy)
}

fn contains(vm: &mut Vm, args: Args) -> PyResult {
    let copy = snapshot(vm, &args)?;
    let item = args.positional.get(1).cloned().unwrap_or_default();
    ops::contains(vm, &copy, &item).map(Value::Bool)
}

fn eq(vm: &mut Vm, args: Args) -> PyResult {
    let object = this(vm, &args)?;
    let other = args.positional.get(1).cloned().unwrap_or_default();
    Ok(match &other {
        Value::Bytes(b) => Value::Bool(*bytes_of(&object).borrow() == b.to_vec()),
        Value::Native(o) if o.as_any().is::<ByteArray>() => {
            Value::Bool(*bytes_of(&object).borrow() == *bytes_of(o).borrow())
        }
        _ => Value::NotImplemented,
    })
}

fn append(vm: &mut Vm, args: Args) -> PyResult {
    let object = this(vm, &args)?;
    let value = byte(vm, &args.positional.get(1).cloned().unwrap_or_default())?;
    bytes_of(&object).borrow_mut().push(value);
    Ok(Value::None)
}

fn extend(vm: &mut Vm, args: Args) -> PyResult {
    let object = this(vm, &args)?;
    let more = bytes_from(vm, &args.positional.get(1).cloned().unwrap_or_default())?;
    bytes_of(&object).borrow_mut().extend(more);
    Ok(Value::None)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult {
    let object = this(vm, &args)?;
    let popped = bytes_of(&object).borrow_mut().pop();
    match popped {
        Some(b) => Ok(Value::Int(b as i64)),
        None => Err(error(vm, "IndexError", "pop from empty bytearray")),
    }
}

fn clear(vm: &mut Vm, args: Args) -> PyResult {
    let object = this(vm, &args)?;
    bytes_of(&object).borrow_mut().clear();
    Ok(Value::None)
}

/// `decode(...)`: as `bytes.decode` of the same bytes.
fn decode(vm: &mut Vm, args: Args) -> PyResult {
    let copy = snapshot(vm, &args)?;
    let decode = crate::vm::attr::get_attr(vm, &copy, "decode")?;
    crate::vm::eval::call_nested(
        vm,
        decode,
        Args {
            positional: args.positional[1..].to_vec(),
            keywords: args.keywords,
        },
    )
}
