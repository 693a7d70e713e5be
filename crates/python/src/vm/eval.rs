//! The interpreter loop: runs a thread's frames instruction by instruction.
//!
//! The running frame is held in a local; frames below it wait on the thread's stack.
//! A call pushes the caller and runs the callee; a return pops back. Exceptions unwind
//! through the frames' handlers; a blocking call rewinds its instruction and parks the
//! thread; a nested call from Rust code (a `key=` function of `sorted`, a `__repr__`)
//! runs the same loop until its own frame returns.

use std::cell::RefCell;
use std::rc::Rc;

use super::call::{self, Callee};
use super::exceptions;
use super::frame::{Exhausted, Frame, Handler, OnReturn};
use super::native::{Args, PyResult, Signal};
use super::{ThreadState, Vm, attr, import, iter, ops, repr};
use crate::compile::{Code, Op, make_function};
use crate::syntax::ast::{BinOp, CmpOp};
use crate::value::{Dict, Function, Key, Module, Namespace, TracebackEntry, Value};

/// How a run of the loop ended.
pub enum Exit {
    /// The outermost frame of this run returned.
    Returned(Value),
    /// An exception left the outermost frame.
    Raised(Value),
    /// The outermost frame was a generator's, and it yielded.
    Yielded(Value),
    /// The thread blocked, or used its budget: its frames are back on its stack.
    Paused,
}

/// A frame whose code calls `callable(*args)`: the bottom of a new thread.
pub fn bootstrap_frame(callable: Value, args: Args, globals: Rc<Module>) -> Frame {
    let code = Rc::new(crate::compile::Code {
        name: Rc::from("<thread>"),
        qualname: Rc::from("<thread>"),
        filename: Rc::from("<thread>"),
        ops: vec![
            Op::LoadConst(0),
            Op::LoadConst(1),
            Op::LoadConst(2),
            Op::CallEx { kwargs: true },
            Op::ReturnValue,
        ],
        spans: vec![Default::default(); 5],
        consts: vec![
            callable,
            Value::tuple(args.positional),
            Value::dict(
                args.keywords
                    .into_iter()
                    .map(|(k, v)| (Key(Value::Str(k)), v))
                    .collect(),
            ),
        ],
        names: Vec::new(),
        varnames: Vec::new(),
        cellvars: Vec::new(),
        freevars: Vec::new(),
        cell_params: Vec::new(),
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        varargs: false,
        varkeywords: false,
        is_generator: false,
        kind: crate::compile::CodeKind::Module,
        first_line: 0,
        name_slots: Vec::new(),
    });
    let mut frame = Frame::new(code, globals);
    frame.on_return = OnReturn::ThreadEnd;
    frame
}

/// Runs the current thread for at most `budget` instructions; returns how many ran.
pub fn run_thread(vm: &mut Vm, budget: u64) -> u64 {
    let tid = vm.current;
    let Some(frame) = vm.threads[tid].frames.pop() else {
        vm.threads[tid].state = ThreadState::Finished;
        vm.thread_finished(tid);
        return 0;
    };
    let mut executed = 0;
    match execute(vm, frame, false, budget, &mut executed) {
        Exit::Paused => {}
        Exit::Returned(_) | Exit::Yielded(_) => {
            vm.threads[tid].state = ThreadState::Finished;
            vm.thread_finished(tid);
        }
        Exit::Raised(exc) => {
            exceptions::thread_died(vm, tid, exc);
            vm.threads[tid].state = ThreadState::Finished;
            vm.thread_finished(tid);
        }
    }
    executed
}

/// Calls `callable` from Rust code and runs it to completion on the current thread.
pub fn call_nested(vm: &mut Vm, callable: Value, args: Args) -> PyResult {
    let mut callable = callable;
    let mut args = args;
    loop {
        match call::prepare(vm, callable, args) {
            Ok(Callee::Value(value)) => return Ok(value),
            Ok(Callee::Frame(frame)) => return run_nested(vm, frame),
            Err(Signal::Call(next, next_args)) => {
                callable = next;
                args = next_args;
            }
            Err(Signal::Block(_)) => return Err(cannot_block(vm)),
            Err(signal) => return Err(signal),
        }
    }
}

/// Runs a frame to completion as a nested call (generators resumed by `next()` too).
pub fn run_nested(vm: &mut Vm, frame: Frame) -> PyResult {
    let mut executed = 0;
    // Each nested call also holds the host's stack (1 MB in a browser), so Rust code
    // calling back into Python may nest only so deep.
    if vm.nested >= super::NESTED_LIMIT
        || vm.threads[vm.current].frames.len() + vm.nested > super::RECURSION_LIMIT
    {
        return Err(exceptions::error(
            vm,
            "RecursionError",
            "maximum recursion depth exceeded while calling a Python object",
        ));
    }
    vm.nested += 1;
    let exit = execute(vm, frame, true, u64::MAX, &mut executed);
    vm.nested -= 1;
    match exit {
        Exit::Returned(value) | Exit::Yielded(value) => {
            vm.charge_nested(executed);
            Ok(value)
        }
        Exit::Raised(exc) => {
            vm.charge_nested(executed);
            Err(Signal::Raise(exc))
        }
        Exit::Paused => Err(cannot_block(vm)),
    }
}

fn cannot_block(vm: &mut Vm) -> Signal {
    exceptions::error(
        vm,
        "RuntimeError",
        "a blocking call cannot run inside this callback",
    )
}

impl Vm {
    fn charge_nested(&mut self, instructions: u64) {
        self.now_ns += instructions * super::NANOS_PER_INSTRUCTION;
    }
}

/// Makes the frame's own exit values out of a return: the instance for `__init__`, the
/// class for a class body.
fn finish_return(vm: &mut Vm, frame: &mut Frame, value: Value) -> PyResult {
    match std::mem::replace(&mut frame.on_return, OnReturn::Push) {
        OnReturn::Push | OnReturn::ThreadEnd => Ok(value),
        OnReturn::Init(instance) => {
            if !matches!(value, Value::None) {
                let message = format!("__init__() should return None, not '{}'", value.type_name());
                return Err(exceptions::error(vm, "TypeError", &message));
            }
            Ok(Value::Instance(instance))
        }
        OnReturn::ClassBody { name, bases } => {
            let namespace = frame
                .namespace
                .take()
                .map(|ns| std::mem::take(&mut *ns.borrow_mut()))
                .unwrap_or_default();
            let class = call::build_class(vm, &name, bases, namespace, &frame.globals)?;
            // Methods that use `super()` or `__class__` find the class in this cell.
            if let Some(index) = frame
                .code
                .cellvars
                .iter()
                .position(|c| c.as_ref() == "__class__")
            {
                *frame.cells[index].borrow_mut() = Some(class.clone());
            }
            Ok(class)
        }
        OnReturn::Generator { generator, .. } => {
            generator.borrow_mut().finished = true;
            Err(exceptions::stop_iteration(vm, value))
        }
    }
}

/// The interpreter loop proper.
fn execute(vm: &mut Vm, mut frame: Frame, nested: bool, budget: u64, executed: &mut u64) -> Exit {
    let tid = vm.current;
    // A thread's run goes down to its bottom frame; a nested call only to its own.
    let base = if nested {
        vm.threads[tid].frames.len()
    } else {
        0
    };
    let mut count: u64 = 0;
    if let Some(exc) = vm.threads[tid].interrupt.take() {
        // Interrupted before its next instruction: that is where the traceback points.
        frame.ip += 1;
        let exit = unwind(vm, &mut frame, base, exc, true);
        if let Some(exit) = exit {
            return exit;
        }
    }
    loop {
        if count >= budget {
            *executed += count;
            vm.threads[tid].frames.push(frame);
            return Exit::Paused;
        }
        count += 1;
        let op = frame.code.ops[frame.ip];
        frame.ip += 1;
        let result: PyResult<()> = match op {
            Op::Nop => Ok(()),
            Op::PopTop => {
                frame.pop();
                Ok(())
            }
            Op::DupTop => {
                let top = frame.top().clone();
                frame.stack.push(top);
                Ok(())
            }
            Op::DupTopTwo => {
                let n = frame.stack.len();
                let a = frame.stack[n - 2].clone();
                let b = frame.stack[n - 1].clone();
                frame.stack.push(a);
                frame.stack.push(b);
                Ok(())
            }
            Op::RotTwo => {
                let n = frame.stack.len();
                frame.stack.swap(n - 1, n - 2);
                Ok(())
            }
            Op::RotThree => {
                let top = frame.pop();
                let n = frame.stack.len();
                frame.stack.insert(n - 2, top);
                Ok(())
            }
            Op::RotFour => {
                let top = frame.pop();
                let n = frame.stack.len();
                frame.stack.insert(n - 3, top);
                Ok(())
            }
            Op::LoadConst(i) => {
                let value = frame.code.consts[i as usize].clone();
                frame.stack.push(value);
                Ok(())
            }
            Op::LoadFast(i) => match &frame.fast[i as usize] {
                Some(value) => {
                    let value = value.clone();
                    frame.stack.push(value);
                    Ok(())
                }
                None => {
                    let name = frame.code.varnames[i as usize].clone();
                    Err(exceptions::unbound_local(vm, &name))
                }
            },
            Op::StoreFast(i) => {
                let value = frame.pop();
                frame.fast[i as usize] = Some(value);
                Ok(())
            }
            Op::DeleteFast(i) => {
                if frame.fast[i as usize].take().is_none() {
                    let name = frame.code.varnames[i as usize].clone();
                    Err(exceptions::unbound_local(vm, &name))
                } else {
                    Ok(())
                }
            }
            Op::LoadDeref(i) | Op::LoadClassDeref(i) => {
                let name = cell_name(&frame, i);
                let from_namespace = match (op, &frame.namespace) {
                    (Op::LoadClassDeref(_), Some(ns)) => ns.borrow().get(&name).cloned(),
                    _ => None,
                };
                match from_namespace.or_else(|| frame.cells[i as usize].borrow().clone()) {
                    Some(value) => {
                        frame.stack.push(value);
                        Ok(())
                    }
                    None => Err(exceptions::free_var_unbound(vm, &name)),
                }
            }
            Op::StoreDeref(i) => {
                let value = frame.pop();
                *frame.cells[i as usize].borrow_mut() = Some(value);
                Ok(())
            }
            Op::DeleteDeref(i) => {
                frame.cells[i as usize].borrow_mut().take();
                Ok(())
            }
            Op::LoadClosure(i) => {
                frame
                    .stack
                    .push(Value::Cell(frame.cells[i as usize].clone()));
                Ok(())
            }
            Op::LoadGlobal(i) => {
                let found = cached_get(&frame.globals.dict.borrow(), &frame.code, i as usize);
                let name = &frame.code.names[i as usize];
                match found.or_else(|| vm.builtins.dict.borrow().get(name).cloned()) {
                    Some(value) => {
                        frame.stack.push(value);
                        Ok(())
                    }
                    None => {
                        let name = name.clone();
                        Err(exceptions::name_error(vm, &frame, &name))
                    }
                }
            }
            Op::StoreGlobal(i) => {
                let value = frame.pop();
                cached_set(
                    &mut frame.globals.dict.borrow_mut(),
                    &frame.code,
                    i as usize,
                    value,
                );
                Ok(())
            }
            Op::DeleteGlobal(i) => {
                let name = frame.code.names[i as usize].clone();
                if frame
                    .globals
                    .dict
                    .borrow_mut()
                    .shift_remove(&name)
                    .is_none()
                {
                    Err(exceptions::name_error(vm, &frame, &name))
                } else {
                    Ok(())
                }
            }
            Op::LoadName(i) => {
                let name = &frame.code.names[i as usize];
                let found = match &frame.namespace {
                    Some(ns) => ns.borrow().get(name).cloned(),
                    None => None,
                };
                let found = found
                    .or_else(|| cached_get(&frame.globals.dict.borrow(), &frame.code, i as usize))
                    .or_else(|| vm.builtins.dict.borrow().get(name).cloned());
                match found {
                    Some(value) => {
                        frame.stack.push(value);
                        Ok(())
                    }
                    None => {
                        let name = name.clone();
                        Err(exceptions::name_error(vm, &frame, &name))
                    }
                }
            }
            Op::StoreName(i) => {
                let value = frame.pop();
                match &frame.namespace {
                    Some(ns) => {
                        let name = frame.code.names[i as usize].clone();
                        ns.borrow_mut().insert(name, value);
                    }
                    None => cached_set(
                        &mut frame.globals.dict.borrow_mut(),
                        &frame.code,
                        i as usize,
                        value,
                    ),
                }
                Ok(())
            }
            Op::DeleteName(i) => {
                let name = frame.code.names[i as usize].clone();
                let removed = match &frame.namespace {
                    Some(ns) => ns.borrow_mut().shift_remove(&name),
                    None => frame.globals.dict.borrow_mut().shift_remove(&name),
                };
                match removed {
                    Some(_) => Ok(()),
                    None => Err(exceptions::name_error(vm, &frame, &name)),
                }
            }
            Op::LoadAttr(i) => {
                let object = frame.pop();
                let name = frame.code.names[i as usize].clone();
                attr::get_attr(vm, &object, &name).map(|value| frame.stack.push(value))
            }
            Op::StoreAttr(i) => {
                let object = frame.pop();
                let value = frame.pop();
                let name = frame.code.names[i as usize].clone();
                attr::set_attr(vm, &object, &name, value)
            }
            Op::DeleteAttr(i) => {
                let object = frame.pop();
                let name = frame.code.names[i as usize].clone();
                attr::del_attr(vm, &object, &name)
            }
            Op::LoadMethod(i) => {
                let object = frame.pop();
                let name = frame.code.names[i as usize].clone();
                match attr::get_method_cached(vm, &object, &name) {
                    Ok(Some(function)) => {
                        frame.stack.push(function);
                        frame.stack.push(object);
                        Ok(())
                    }
                    Ok(None) => attr::get_attr(vm, &object, &name).map(|value| {
                        frame.stack.push(value);
                        frame.stack.push(Value::NotImplemented);
                    }),
                    Err(signal) => Err(signal),
                }
            }
            Op::CallMethod(argc) => {
                let n = frame.stack.len();
                let argc = argc as usize;
                let is_bound = !matches!(frame.stack[n - argc - 1], Value::NotImplemented);
                let (callable, positional) = if is_bound {
                    (
                        frame.stack[n - argc - 2].clone(),
                        frame.stack[n - argc - 1..].to_vec(),
                    )
                } else {
                    (
                        frame.stack[n - argc - 2].clone(),
                        frame.stack[n - argc..].to_vec(),
                    )
                };
                match call_op(vm, &mut frame, callable, Args::new(positional), argc + 2) {
                    Ok(Some(callee)) => {
                        if let Some(error) = enter(vm, &mut frame, callee) {
                            Err(error)
                        } else {
                            Ok(())
                        }
                    }
                    Ok(None) => Ok(()),
                    Err(signal) => Err(signal),
                }
            }
            Op::Call(argc) => {
                let n = frame.stack.len();
                let argc = argc as usize;
                let callable = frame.stack[n - argc - 1].clone();
                let positional = frame.stack[n - argc..].to_vec();
                match call_op(vm, &mut frame, callable, Args::new(positional), argc + 1) {
                    Ok(Some(callee)) => enter(vm, &mut frame, callee).map_or(Ok(()), Err),
                    Ok(None) => Ok(()),
                    Err(signal) => Err(signal),
                }
            }
            Op::CallKw { argc, names } => {
                let n = frame.stack.len();
                let argc = argc as usize;
                let Value::Tuple(names) = frame.code.consts[names as usize].clone() else {
                    unreachable!("CallKw names a tuple")
                };
                let callable = frame.stack[n - argc - 1].clone();
                let npos = argc - names.len();
                let positional = frame.stack[n - argc..n - argc + npos].to_vec();
                let keywords = names
                    .iter()
                    .zip(&frame.stack[n - names.len()..])
                    .map(|(name, value)| {
                        let Value::Str(name) = name else {
                            unreachable!("keyword names are strs")
                        };
                        (name.clone(), value.clone())
                    })
                    .collect();
                let args = Args {
                    positional,
                    keywords,
                };
                match call_op(vm, &mut frame, callable, args, argc + 1) {
                    Ok(Some(callee)) => enter(vm, &mut frame, callee).map_or(Ok(()), Err),
                    Ok(None) => Ok(()),
                    Err(signal) => Err(signal),
                }
            }
            Op::CallEx { kwargs } => {
                let n = frame.stack.len();
                let depth = if kwargs { 3 } else { 2 };
                let callable = frame.stack[n - depth].clone();
                let positional = match &frame.stack[n - depth + 1] {
                    Value::Tuple(items) => items.to_vec(),
                    _ => unreachable!("CallEx gets a tuple"),
                };
                let keywords = if kwargs {
                    match &frame.stack[n - 1] {
                        Value::Dict(dict) => dict
                            .borrow()
                            .iter()
                            .map(|(k, v)| match &k.0 {
                                Value::Str(s) => (s.clone(), v.clone()),
                                _ => (Rc::from(""), v.clone()),
                            })
                            .collect(),
                        _ => unreachable!("CallEx gets a dict"),
                    }
                } else {
                    Vec::new()
                };
                let args = Args {
                    positional,
                    keywords,
                };
                match call_op(vm, &mut frame, callable, args, depth) {
                    Ok(Some(callee)) => enter(vm, &mut frame, callee).map_or(Ok(()), Err),
                    Ok(None) => Ok(()),
                    Err(signal) => Err(signal),
                }
            }
            Op::MakeFunction { code, flags } => {
                let Value::Code(code) = frame.code.consts[code as usize].clone() else {
                    unreachable!("MakeFunction names a code object")
                };
                let closure = if flags & make_function::CLOSURE != 0 {
                    match frame.pop() {
                        Value::Tuple(cells) => cells
                            .iter()
                            .map(|c| match c {
                                Value::Cell(cell) => cell.clone(),
                                _ => unreachable!("a closure holds cells"),
                            })
                            .collect(),
                        _ => unreachable!("a closure is a tuple"),
                    }
                } else {
                    Vec::new()
                };
                let kwdefaults = if flags & make_function::KWDEFAULTS != 0 {
                    match frame.pop() {
                        Value::Dict(dict) => dict
                            .borrow()
                            .iter()
                            .filter_map(|(k, v)| k.0.as_str().map(|k| (Rc::from(k), v.clone())))
                            .collect(),
                        _ => Vec::new(),
                    }
                } else {
                    Vec::new()
                };
                let defaults = if flags & make_function::DEFAULTS != 0 {
                    match frame.pop() {
                        Value::Tuple(items) => items.to_vec(),
                        _ => Vec::new(),
                    }
                } else {
                    Vec::new()
                };
                let mut dict = Namespace::default();
                if let Some(doc @ Value::Str(_)) = code.consts.first() {
                    dict.insert(Rc::from("__doc__"), doc.clone());
                }
                let function = Function {
                    name: RefCell::new(code.name.clone()),
                    qualname: RefCell::new(code.qualname.clone()),
                    code,
                    globals: frame.globals.clone(),
                    defaults,
                    kwdefaults,
                    closure,
                    dict: RefCell::new(dict),
                };
                frame.stack.push(Value::Function(Rc::new(function)));
                Ok(())
            }
            Op::MakeClass { name } => {
                let body = frame.pop();
                let bases = match frame.pop() {
                    Value::Tuple(items) => items.to_vec(),
                    _ => Vec::new(),
                };
                let name = match &frame.code.consts[name as usize] {
                    Value::Str(s) => s.clone(),
                    _ => Rc::from("?"),
                };
                match call::class_body_frame(vm, body, name, bases) {
                    Ok(callee) => enter(vm, &mut frame, Callee::Frame(callee)).map_or(Ok(()), Err),
                    Err(signal) => Err(signal),
                }
            }
            Op::BinarySubscr => {
                let index = frame.pop();
                let object = frame.pop();
                ops::get_item(vm, &object, &index).map(|value| frame.stack.push(value))
            }
            Op::StoreSubscr => {
                let index = frame.pop();
                let object = frame.pop();
                let value = frame.pop();
                ops::set_item(vm, &object, index, value)
            }
            Op::DeleteSubscr => {
                let index = frame.pop();
                let object = frame.pop();
                ops::del_item(vm, &object, &index)
            }
            Op::BuildSlice(n) => {
                let step = if n == 3 { frame.pop() } else { Value::None };
                let stop = frame.pop();
                let start = frame.pop();
                frame.stack.push(Value::Slice(Rc::new([start, stop, step])));
                Ok(())
            }
            Op::Binary(op) | Op::Inplace(op) => {
                let right = frame.pop();
                let left = frame.pop();
                // Small ints first: most of a loop's arithmetic.
                match (&left, &right, small_int_op(op, &left, &right)) {
                    (_, _, Some(value)) => {
                        frame.stack.push(value);
                        Ok(())
                    }
                    _ => ops::binary(
                        vm,
                        op,
                        &left,
                        &right,
                        matches!(instruction_of(&frame), Op::Inplace(_)),
                    )
                    .map(|value| frame.stack.push(value)),
                }
            }
            Op::Unary(op) => {
                let operand = frame.pop();
                ops::unary(vm, op, &operand).map(|value| frame.stack.push(value))
            }
            Op::Compare(op) => {
                let right = frame.pop();
                let left = frame.pop();
                if let (Value::Int(a), Value::Int(b)) = (&left, &right)
                    && let Some(result) = small_int_compare(op, *a, *b)
                {
                    frame.stack.push(Value::Bool(result));
                    Ok(())
                } else {
                    ops::compare(vm, op, &left, &right).map(|value| frame.stack.push(value))
                }
            }
            Op::Jump(target) => {
                frame.ip = target as usize;
                Ok(())
            }
            Op::PopJumpIfFalse(target) => {
                let value = frame.pop();
                ops::truthy(vm, &value).map(|t| {
                    if !t {
                        frame.ip = target as usize;
                    }
                })
            }
            Op::PopJumpIfTrue(target) => {
                let value = frame.pop();
                ops::truthy(vm, &value).map(|t| {
                    if t {
                        frame.ip = target as usize;
                    }
                })
            }
            Op::JumpIfFalseOrPop(target) => {
                let value = frame.top().clone();
                ops::truthy(vm, &value).map(|t| {
                    if t {
                        frame.pop();
                    } else {
                        frame.ip = target as usize;
                    }
                })
            }
            Op::JumpIfTrueOrPop(target) => {
                let value = frame.top().clone();
                ops::truthy(vm, &value).map(|t| {
                    if t {
                        frame.ip = target as usize;
                    } else {
                        frame.pop();
                    }
                })
            }
            Op::GetIter => {
                let object = frame.pop();
                iter::get_iter(vm, &object).map(|it| frame.stack.push(it))
            }
            Op::ForIter(target) => for_iter(vm, &mut frame, target as usize, false),
            Op::YieldFromIter(target) => for_iter(vm, &mut frame, target as usize, true),
            Op::BuildTuple(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                frame.stack.push(Value::tuple(items));
                Ok(())
            }
            Op::BuildList(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                frame.stack.push(Value::list(items));
                Ok(())
            }
            Op::BuildSet(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                ops::new_set(vm, items).map(|set| frame.stack.push(set))
            }
            Op::BuildMap(n) => {
                let items = frame.stack.split_off(frame.stack.len() - 2 * n as usize);
                let mut dict = Dict::default();
                let mut result = Ok(());
                for pair in items.chunks(2) {
                    match ops::key(vm, pair[0].clone()) {
                        Ok(key) => {
                            dict.insert(key, pair[1].clone());
                        }
                        Err(signal) => {
                            result = Err(signal);
                            break;
                        }
                    }
                }
                result.map(|()| frame.stack.push(Value::dict(dict)))
            }
            Op::BuildString(n) => {
                let parts = frame.stack.split_off(frame.stack.len() - n as usize);
                let mut text = String::new();
                for part in &parts {
                    if let Value::Str(s) = part {
                        text.push_str(s);
                    }
                }
                frame.stack.push(Value::str(&text));
                Ok(())
            }
            Op::FormatValue { conversion, spec } => {
                let spec = if spec { Some(frame.pop()) } else { None };
                let value = frame.pop();
                repr::format_value(vm, value, conversion, spec).map(|s| frame.stack.push(s))
            }
            Op::ListAppend(i) => {
                let value = frame.pop();
                let n = frame.stack.len();
                if let Value::List(list) = &frame.stack[n - i as usize] {
                    list.borrow_mut().push(value);
                }
                Ok(())
            }
            Op::SetAdd(i) => {
                let value = frame.pop();
                let n = frame.stack.len();
                let set = frame.stack[n - i as usize].clone();
                ops::key(vm, value).map(|key| {
                    if let Value::Set(set) = set {
                        set.borrow_mut().insert(key);
                    }
                })
            }
            Op::MapAdd(i) => {
                let value = frame.pop();
                let key = frame.pop();
                let n = frame.stack.len();
                let dict = frame.stack[n - i as usize].clone();
                ops::key(vm, key).map(|key| {
                    if let Value::Dict(dict) = dict {
                        dict.borrow_mut().insert(key, value);
                    }
                })
            }
            Op::ListExtend(i) => {
                let iterable = frame.pop();
                let n = frame.stack.len();
                let list = frame.stack[n - i as usize].clone();
                iter::collect(vm, &iterable).map(|items| {
                    if let Value::List(list) = list {
                        list.borrow_mut().extend(items);
                    }
                })
            }
            Op::SetUpdate(i) => {
                let iterable = frame.pop();
                let n = frame.stack.len();
                let set = frame.stack[n - i as usize].clone();
                iter::collect(vm, &iterable).and_then(|items| {
                    for item in items {
                        let key = ops::key(vm, item)?;
                        if let Value::Set(set) = &set {
                            set.borrow_mut().insert(key);
                        }
                    }
                    Ok(())
                })
            }
            Op::DictUpdate(i) | Op::DictMerge(i) => {
                let other = frame.pop();
                let n = frame.stack.len();
                let target = frame.stack[n - i as usize].clone();
                ops::dict_update(vm, &target, &other, matches!(op, Op::DictMerge(_)))
            }
            Op::ListToTuple => {
                let list = frame.pop();
                let items = match list {
                    Value::List(items) => items.borrow().clone(),
                    _ => Vec::new(),
                };
                frame.stack.push(Value::tuple(items));
                Ok(())
            }
            Op::UnpackSequence(n) => {
                let sequence = frame.pop();
                ops::unpack(vm, &sequence, n as usize, None).map(|items| {
                    frame.stack.extend(items.into_iter().rev());
                })
            }
            Op::UnpackEx { before, after } => {
                let sequence = frame.pop();
                ops::unpack(vm, &sequence, before as usize, Some(after as usize)).map(|items| {
                    frame.stack.extend(items.into_iter().rev());
                })
            }
            Op::ReturnValue => {
                let value = frame.pop();
                let is_generator = matches!(frame.on_return, OnReturn::Generator { .. });
                if is_generator {
                    // An exhausted generator: the caller's loop ends, or StopIteration.
                    let OnReturn::Generator {
                        generator,
                        exhausted,
                    } = std::mem::replace(&mut frame.on_return, OnReturn::Push)
                    else {
                        unreachable!("checked above")
                    };
                    generator.borrow_mut().finished = true;
                    generator.borrow_mut().running = false;
                    if vm.threads[tid].frames.len() == base {
                        *executed += count;
                        let exc = exceptions::stop_iteration_value(vm, value);
                        return Exit::Raised(exc);
                    }
                    let mut caller = vm.threads[tid].frames.pop().expect("checked above");
                    match exhausted {
                        Some(exhausted) => {
                            caller.pop();
                            if exhausted.keep_value {
                                caller.stack.push(value);
                            }
                            caller.ip = exhausted.target;
                            frame = caller;
                            Ok(())
                        }
                        None => {
                            frame = caller;
                            Err(exceptions::stop_iteration(vm, value))
                        }
                    }
                } else {
                    let result = finish_return(vm, &mut frame, value);
                    if vm.threads[tid].frames.len() == base {
                        *executed += count;
                        return match result {
                            Ok(value) => Exit::Returned(value),
                            Err(Signal::Raise(exc)) => Exit::Raised(exc),
                            Err(_) => Exit::Returned(Value::None),
                        };
                    }
                    frame = vm.threads[tid].frames.pop().expect("checked above");
                    result.map(|value| frame.stack.push(value))
                }
            }
            Op::YieldValue => {
                let value = frame.pop();
                let OnReturn::Generator { generator, .. } = &frame.on_return else {
                    unreachable!("only generator frames yield")
                };
                let generator = generator.clone();
                if vm.threads[tid].frames.len() == base {
                    // Resumed by `next()` from Rust: park the frame and hand back the value.
                    frame.stack.push(Value::None);
                    *executed += count;
                    // The parked frame does not keep its generator alive (no Rc cycle).
                    frame.on_return = OnReturn::Push;
                    let mut generator = generator.borrow_mut();
                    generator.running = false;
                    generator.frame = Some(Box::new(frame));
                    return Exit::Yielded(value);
                }
                let caller = vm.threads[tid].frames.pop().expect("checked above");
                let mut suspended = std::mem::replace(&mut frame, caller);
                // What the paused `yield` expression evaluates to when resumed.
                suspended.stack.push(Value::None);
                suspended.on_return = OnReturn::Push;
                {
                    let mut generator = generator.borrow_mut();
                    generator.running = false;
                    generator.frame = Some(Box::new(suspended));
                }
                frame.stack.push(value);
                Ok(())
            }
            Op::PushHandler(target) => {
                let exc_depth = vm.threads[tid].handling.len();
                frame.handlers.push(Handler {
                    target: target as usize,
                    stack_depth: frame.stack.len(),
                    exc_depth,
                });
                Ok(())
            }
            Op::PopHandler => {
                frame.handlers.pop();
                Ok(())
            }
            Op::PushExcInfo => {
                let exc = frame.top().clone();
                vm.threads[tid].handling.push(exc);
                Ok(())
            }
            Op::PopExcept => {
                vm.threads[tid].handling.pop();
                Ok(())
            }
            Op::Reraise => {
                let exc = frame.pop();
                if let Some(exit) = unwind(vm, &mut frame, base, exc, false) {
                    *executed += count;
                    return exit;
                }
                continue;
            }
            Op::Raise(argc) => {
                let result = match argc {
                    0 => match vm.threads[tid].handling.last() {
                        Some(exc) => {
                            let exc = exc.clone();
                            if let Some(exit) = unwind(vm, &mut frame, base, exc, false) {
                                *executed += count;
                                return exit;
                            }
                            continue;
                        }
                        None => Err(exceptions::error(
                            vm,
                            "RuntimeError",
                            "No active exception to reraise",
                        )),
                    },
                    1 => {
                        let exc = frame.pop();
                        exceptions::make_raisable(vm, exc, None)
                    }
                    _ => {
                        let cause = frame.pop();
                        let exc = frame.pop();
                        exceptions::make_raisable(vm, exc, Some(cause))
                    }
                };
                match result {
                    Ok(exc) => Err(Signal::Raise(exc)),
                    Err(signal) => Err(signal),
                }
            }
            Op::CheckExcMatch => {
                let class = frame.pop();
                let exc = frame.top().clone();
                exceptions::matches(vm, &exc, &class).map(|m| frame.stack.push(Value::Bool(m)))
            }
            Op::BeforeWith => {
                let manager = frame.top().clone();
                match ops::before_with(vm, &manager) {
                    Ok((exit, entered)) => {
                        frame.pop();
                        frame.stack.push(exit);
                        frame.stack.push(entered);
                        Ok(())
                    }
                    Err(signal) => Err(signal),
                }
            }
            Op::ExitWith => {
                let exit = frame.pop();
                call_nested(
                    vm,
                    exit,
                    Args::new(vec![Value::None, Value::None, Value::None]),
                )
                .map(|_| ())
            }
            Op::WithExceptStart => {
                let n = frame.stack.len();
                let exit = frame.stack[n - 2].clone();
                let exc = frame.stack[n - 1].clone();
                let class = Value::Class(vm.types.class_of(&exc));
                call_nested(vm, exit, Args::new(vec![class, exc, Value::None]))
                    .map(|result| frame.stack.push(result))
            }
            Op::ImportName(i) => {
                let name = frame.code.names[i as usize].clone();
                let fromlist = frame.pop();
                let level = frame.pop();
                import::import_name(vm, &name, &fromlist, &level).map(|m| frame.stack.push(m))
            }
            Op::ImportFrom(i) => {
                let name = frame.code.names[i as usize].clone();
                let module = frame.top().clone();
                import::import_from(vm, &module, &name).map(|v| frame.stack.push(v))
            }
            Op::ImportStar => {
                let module = frame.pop();
                import::import_star(vm, &module, &frame.globals)
            }
            Op::PrintExpr => {
                let value = frame.pop();
                repr::print_expr(vm, value)
            }
            Op::LoadAssertionError => {
                frame
                    .stack
                    .push(Value::Class(vm.types.exception("AssertionError")));
                Ok(())
            }
        };
        if count == 1 && !nested && !matches!(result, Err(Signal::Block(_))) {
            // A parked thread resumes at the call that blocked: once it has gone
            // through (or raised), the next blocking call starts a timeout of its own.
            let thread = &mut vm.threads[tid];
            thread.deadline = None;
            thread.timed_out = false;
            thread.retry = false;
        }
        if let Err(signal) = result {
            match signal {
                Signal::Raise(exc) => {
                    if let Some(exit) = unwind(vm, &mut frame, base, exc, true) {
                        *executed += count;
                        return exit;
                    }
                }
                Signal::Block(wait) => {
                    if nested {
                        let error = cannot_block(vm);
                        if let Signal::Raise(exc) = error
                            && let Some(exit) = unwind(vm, &mut frame, base, exc, true)
                        {
                            *executed += count;
                            return exit;
                        }
                        continue;
                    }
                    frame.ip -= 1;
                    let thread = &mut vm.threads[tid];
                    if thread.deadline.is_none() {
                        thread.deadline = wait.deadline;
                    }
                    thread.timed_out = false;
                    thread.retry = true;
                    thread.state = ThreadState::Blocked(wait);
                    thread.frames.push(frame);
                    *executed += count;
                    return Exit::Paused;
                }
                Signal::Call(..) => unreachable!("tail calls are resolved by call_op"),
            }
        }
    }
}

/// `for` (and `yield from`): the next item on the stack, or past the loop once the
/// iterator on top is exhausted (`yield from` then leaves the generator's return value).
fn for_iter(vm: &mut Vm, frame: &mut Frame, target: usize, keep_value: bool) -> PyResult<()> {
    let iterator = frame.top().clone();
    match iter::next_fast(vm, &iterator)? {
        iter::Next::Item(value) => {
            frame.stack.push(value);
            Ok(())
        }
        iter::Next::Done => {
            frame.pop();
            if keep_value {
                frame.stack.push(Value::None);
            }
            frame.ip = target;
            Ok(())
        }
        iter::Next::Resume(mut generator_frame) => {
            if let OnReturn::Generator { exhausted, .. } = &mut generator_frame.on_return {
                *exhausted = Some(Exhausted { target, keep_value });
            }
            enter(vm, frame, Callee::Frame(generator_frame)).map_or(Ok(()), Err)
        }
    }
}

/// The instruction that is running.
fn instruction_of(frame: &Frame) -> Op {
    frame.code.ops[frame.current_ip()]
}

/// `a op b` for two small ints when the result is a small int too (None: the general
/// path decides, with its errors and big ints).
fn small_int_op(op: BinOp, left: &Value, right: &Value) -> Option<Value> {
    let (Value::Int(a), Value::Int(b)) = (left, right) else {
        return None;
    };
    let (a, b) = (*a, *b);
    let result = match op {
        BinOp::Add => a.checked_add(b)?,
        BinOp::Sub => a.checked_sub(b)?,
        BinOp::Mult => a.checked_mul(b)?,
        BinOp::Mod if b > 0 && a >= 0 => a % b,
        BinOp::FloorDiv if b > 0 && a >= 0 => a / b,
        BinOp::BitAnd => a & b,
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        _ => return None,
    };
    Some(Value::Int(result))
}

/// `a op b` for two small ints, for the ordering and equality operators.
fn small_int_compare(op: CmpOp, a: i64, b: i64) -> Option<bool> {
    Some(match op {
        CmpOp::Eq => a == b,
        CmpOp::NotEq => a != b,
        CmpOp::Lt => a < b,
        CmpOp::LtE => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::GtE => a >= b,
        _ => return None,
    })
}

/// `namespace[code.names[i]]`, through the slot where the name was last found.
fn cached_get(namespace: &Namespace, code: &Code, i: usize) -> Option<Value> {
    let name = &code.names[i];
    let slot = &code.name_slots[i];
    if let Some((key, value)) = namespace.get_index(slot.get() as usize)
        && (Rc::ptr_eq(key, name) || key == name)
    {
        return Some(value.clone());
    }
    let (index, _, value) = namespace.get_full(name)?;
    slot.set(index as u32);
    Some(value.clone())
}

/// `namespace[code.names[i]] = value`, through the same slot.
fn cached_set(namespace: &mut Namespace, code: &Code, i: usize, value: Value) {
    let name = &code.names[i];
    let slot = &code.name_slots[i];
    if let Some((key, stored)) = namespace.get_index_mut(slot.get() as usize)
        && (Rc::ptr_eq(key, name) || key == name)
    {
        *stored = value;
        return;
    }
    let (index, _) = namespace.insert_full(name.clone(), value);
    slot.set(index as u32);
}

fn cell_name(frame: &Frame, i: u32) -> Rc<str> {
    let i = i as usize;
    let cells = &frame.code.cellvars;
    if i < cells.len() {
        cells[i].clone()
    } else {
        frame.code.freevars[i - cells.len()].clone()
    }
}

/// Runs a call instruction: calls Rust code at once (its value replaces the callable
/// and arguments, `consumed` stack slots), or returns the frame of Python code to run.
fn call_op(
    vm: &mut Vm,
    frame: &mut Frame,
    callable: Value,
    args: Args,
    consumed: usize,
) -> PyResult<Option<Callee>> {
    let mut callable = callable;
    let mut args = args;
    loop {
        match call::prepare(vm, callable, args) {
            Ok(Callee::Value(value)) => {
                let n = frame.stack.len();
                frame.stack.truncate(n - consumed);
                frame.stack.push(value);
                return Ok(None);
            }
            Ok(callee @ Callee::Frame(_)) => {
                let n = frame.stack.len();
                frame.stack.truncate(n - consumed);
                return Ok(Some(callee));
            }
            Err(Signal::Call(next, next_args)) => {
                callable = next;
                args = next_args;
                // The call instruction now stands for the tail call: a block in it
                // retries the whole instruction, which is safe for the Rust callers
                // that hand back (they only decide what to call).
            }
            Err(signal) => return Err(signal),
        }
    }
}

/// Makes `callee` the running frame, the caller waiting below it.
fn enter(vm: &mut Vm, frame: &mut Frame, callee: Callee) -> Option<Signal> {
    let Callee::Frame(callee) = callee else {
        return None;
    };
    let tid = vm.current;
    if vm.threads[tid].frames.len() + vm.nested + 1 >= super::RECURSION_LIMIT {
        return Some(exceptions::error(
            vm,
            "RecursionError",
            "maximum recursion depth exceeded",
        ));
    }
    let caller = std::mem::replace(frame, callee);
    vm.threads[tid].frames.push(caller);
    None
}

/// Raises `exc` in the running frame: jumps to the innermost handler, unwinding
/// frames that have none. Returns how the run ends if the exception leaves the
/// outermost frame of this run.
fn unwind(vm: &mut Vm, frame: &mut Frame, base: usize, exc: Value, record: bool) -> Option<Exit> {
    let tid = vm.current;
    if record {
        exceptions::set_context(vm, &exc);
        exceptions::add_traceback(
            &exc,
            TracebackEntry {
                code: frame.code.clone(),
                ip: frame.current_ip(),
            },
        );
    }
    loop {
        if let Some(handler) = frame.handlers.pop() {
            frame.stack.truncate(handler.stack_depth);
            vm.threads[tid].handling.truncate(handler.exc_depth);
            frame.stack.push(exc);
            frame.ip = handler.target;
            return None;
        }
        if let OnReturn::Generator { generator, .. } = &frame.on_return {
            let mut generator = generator.borrow_mut();
            generator.finished = true;
            generator.running = false;
        }
        if vm.threads[tid].frames.len() == base {
            return Some(Exit::Raised(exc));
        }
        *frame = vm.threads[tid].frames.pop().expect("checked above");
        exceptions::add_traceback(
            &exc,
            TracebackEntry {
                code: frame.code.clone(),
                ip: frame.current_ip(),
            },
        );
    }
}
