//! The methods of the builtin types (filled in by the types work).

use crate::value::Value;
use crate::vm::Vm;
use crate::vm::types::TypeTag;

pub fn method(_vm: &mut Vm, _object: &Value, _name: &str) -> Option<Value> {
    None
}

pub fn unbound_method(_tag: TypeTag, _name: &str) -> Option<Value> {
    None
}

pub fn unbound_method_of(_object: &Value, _name: &str) -> Option<Value> {
    None
}

pub fn attribute(_object: &Value, _name: &str) -> Option<Value> {
    None
}
