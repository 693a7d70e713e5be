use std::cell::RefCell;
use std::rc::Rc;

use crate::syntax::ast::BinOp;
use crate::value::{DictObject, Value};
use crate::vm::Vm;
use crate::vm::native::PyResult;

pub fn counter_arithmetic(_vm: &mut Vm, _op: BinOp, _a: &Rc<RefCell<DictObject>>, _b: &Rc<RefCell<DictObject>>) -> PyResult {
    Ok(Value::None)
}

pub fn counter_repr(_vm: &mut Vm, _pairs: &[(Value, Value)], _seen: &mut Vec<usize>) -> PyResult<String> {
    Ok(String::new())
}
