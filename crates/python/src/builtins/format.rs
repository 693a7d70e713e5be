//! `str % args` and `bytes % args`: the VM's values handed to the formatter of
//! [`crate::text::printf`], which asks for their `str()`, `repr()` and numbers.

use std::cell::RefCell;
use std::rc::Rc;

use crate::bigint::BigInt;
use crate::text::printf::{self, ArgClass, MappingKey, PercentArg};
use crate::text::{IntDigits, PyError};
use crate::value::Value;
use crate::vm::exceptions::error;
use crate::vm::int::as_int;
use crate::vm::native::{PyResult, Signal};
use crate::vm::{Vm, ops, repr};

/// An int owned by the formatter.
pub enum OwnedInt {
    Small(i64),
    Big(Rc<BigInt>),
}

impl IntDigits for OwnedInt {
    fn is_negative(&self) -> bool {
        match self {
            OwnedInt::Small(n) => *n < 0,
            OwnedInt::Big(b) => b.is_negative(),
        }
    }

    fn magnitude_digits(&self, radix: u32) -> String {
        match self {
            OwnedInt::Small(n) => n.magnitude_digits(radix),
            OwnedInt::Big(b) => b.to_str_radix(radix).unwrap_or_default(),
        }
    }

    fn to_f64(&self) -> Option<f64> {
        match self {
            OwnedInt::Small(n) => Some(*n as f64),
            OwnedInt::Big(b) => b.to_f64().ok(),
        }
    }

    fn to_i64(&self) -> Option<i64> {
        match self {
            OwnedInt::Small(n) => Some(*n),
            OwnedInt::Big(b) => b.to_i64(),
        }
    }
}

/// A value with the VM it lives in, as the formatter sees it.
#[derive(Clone)]
struct Arg<'a, 'vm> {
    value: Value,
    vm: &'a RefCell<&'vm mut Vm>,
    /// The exception a callback raised, kept to re-raise it whole.
    raised: &'a RefCell<Option<Signal>>,
}

impl Arg<'_, '_> {
    fn keep(&self, signal: Signal) -> PyError {
        let text = match &signal {
            Signal::Raise(_) => "raised",
            _ => "blocked",
        };
        *self.raised.borrow_mut() = Some(signal);
        PyError::new("RuntimeError", text)
    }

    fn with(&self, value: Value) -> Self {
        Arg {
            value,
            vm: self.vm,
            raised: self.raised,
        }
    }
}

impl PercentArg for Arg<'_, '_> {
    type Int = OwnedInt;

    fn type_name(&self) -> String {
        self.value.type_name().to_string()
    }

    fn class(&self) -> ArgClass {
        match &self.value {
            Value::Tuple(_) => ArgClass::Tuple,
            Value::Str(_) => ArgClass::Str,
            Value::Bytes(_) => ArgClass::Bytes,
            Value::Dict(_) | Value::List(_) => ArgClass::Mapping,
            Value::Instance(instance) if instance.class.lookup("__getitem__").is_some() => {
                ArgClass::Mapping
            }
            _ => ArgClass::Other,
        }
    }

    fn tuple_len(&self) -> usize {
        match &self.value {
            Value::Tuple(items) => items.len(),
            _ => 1,
        }
    }

    fn tuple_item(&self, index: usize) -> Self {
        match &self.value {
            Value::Tuple(items) => self.with(items[index].clone()),
            _ => self.clone(),
        }
    }

    fn get_item(&self, key: MappingKey<'_>) -> Result<Self, PyError> {
        let key = match key {
            MappingKey::Str(s) => Value::str(s),
            MappingKey::Bytes(b) => Value::Bytes(Rc::from(b)),
        };
        let result = ops::get_item(&mut self.vm.borrow_mut(), &self.value, &key);
        result.map(|v| self.with(v)).map_err(|s| self.keep(s))
    }

    fn str(&self) -> Result<String, PyError> {
        let result = repr::str(&mut self.vm.borrow_mut(), &self.value);
        result.map_err(|s| self.keep(s))
    }

    fn repr(&self) -> Result<String, PyError> {
        let result = repr::repr(&mut self.vm.borrow_mut(), &self.value);
        result.map_err(|s| self.keep(s))
    }

    fn as_int(&self) -> Result<Option<OwnedInt>, PyError> {
        Ok(match &self.value {
            Value::Int(n) => Some(OwnedInt::Small(*n)),
            Value::Bool(b) => Some(OwnedInt::Small(*b as i64)),
            Value::BigInt(b) => Some(OwnedInt::Big(b.clone())),
            _ => None,
        })
    }

    fn as_float(&self) -> Result<Option<f64>, PyError> {
        Ok(match &self.value {
            Value::Float(x) => Some(*x),
            other => as_int(other).and_then(|n| n.to_f64().ok()),
        })
    }

    fn as_str(&self) -> Option<&str> {
        self.value.as_str()
    }

    fn as_bytes(&self) -> Result<Option<Vec<u8>>, PyError> {
        Ok(match &self.value {
            Value::Bytes(b) => Some(b.to_vec()),
            _ => None,
        })
    }
}

/// Runs the formatter with `args`, turning its errors into Python exceptions.
fn run<T>(
    vm: &mut Vm,
    args: &Value,
    format: impl FnOnce(&Arg) -> Result<T, PyError>,
) -> PyResult<T> {
    let raised = RefCell::new(None);
    let result = {
        let cell = RefCell::new(&mut *vm);
        let arg = Arg {
            value: args.clone(),
            vm: &cell,
            raised: &raised,
        };
        format(&arg)
    };
    match result {
        Ok(value) => Ok(value),
        Err(e) => match raised.into_inner() {
            Some(signal) => Err(signal),
            None => Err(error(vm, e.class, &e.message)),
        },
    }
}

/// `format % args` for a str.
pub fn percent_str(vm: &mut Vm, format: &str, args: &Value) -> PyResult {
    run(vm, args, |arg| printf::format_str(format, arg)).map(|s| Value::str(&s))
}

/// `format % args` for bytes.
pub fn percent_bytes(vm: &mut Vm, format: &[u8], args: &Value) -> PyResult {
    run(vm, args, |arg| printf::format_bytes(format, arg)).map(|b| Value::Bytes(Rc::from(b)))
}
