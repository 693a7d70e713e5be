//! Calling: binding arguments to parameters with CPython's messages, making instances,
//! running class bodies, and starting generators.

use std::cell::RefCell;
use std::rc::Rc;

use super::Vm;
use super::exceptions::error;
use super::frame::{Frame, OnReturn};
use super::native::{Args, PyResult, Signal};
use super::types::{TypeTag, new_python_class};
use crate::value::{
    Class, Descriptor, ExceptionData, Function, Generator, Instance, Key, Module, Namespace,
    Payload, Value,
};

/// What calling something gives: a value at once (Rust code ran), or a frame of Python
/// code to run.
pub enum Callee {
    Value(Value),
    Frame(Frame),
}

/// Calls `callable` as far as Rust code goes: Rust functions run here, Python functions
/// come back as a frame for the loop to run.
pub fn prepare(vm: &mut Vm, callable: Value, mut args: Args) -> PyResult<Callee> {
    match callable {
        Value::Function(function) => {
            let frame = bind(vm, &function, args)?;
            if function.code.is_generator {
                Ok(Callee::Value(new_generator(&function, frame)))
            } else {
                Ok(Callee::Frame(frame))
            }
        }
        Value::Builtin(builtin) => {
            if let Some(bound) = &builtin.bound {
                args.positional.insert(0, bound.clone());
            }
            (builtin.func)(vm, args).map(Callee::Value)
        }
        Value::Method(method) => {
            args.positional.insert(0, method.0.clone());
            prepare(vm, method.1.clone(), args)
        }
        Value::Class(class) => instantiate(vm, &class, args),
        Value::Descriptor(descriptor) => match descriptor.as_ref() {
            Descriptor::StaticMethod(function) => prepare(vm, function.clone(), args),
            _ => Err(not_callable(vm, &Value::Descriptor(descriptor.clone()))),
        },
        Value::Instance(_) | Value::Native(_) => {
            match super::attr::get_method(vm, &callable, "__call__")? {
                Some(function) => {
                    args.positional.insert(0, callable);
                    prepare(vm, function, args)
                }
                None => Err(not_callable(vm, &callable)),
            }
        }
        other => Err(not_callable(vm, &other)),
    }
}

fn not_callable(vm: &mut Vm, value: &Value) -> Signal {
    let message = format!("'{}' object is not callable", value.type_name());
    error(vm, "TypeError", &message)
}

/// A generator object whose first `next()` runs `frame` from the start.
fn new_generator(function: &Function, frame: Frame) -> Value {
    Value::Generator(Rc::new(RefCell::new(Generator {
        frame: Some(Box::new(frame)),
        running: false,
        finished: false,
        name: function.name.borrow().clone(),
        qualname: function.qualname.borrow().clone(),
    })))
}

/// Binds `args` to the parameters of `function` in a new frame, with CPython's
/// messages for what does not fit.
pub fn bind(vm: &mut Vm, function: &Function, args: Args) -> PyResult<Frame> {
    let code = &function.code;
    let mut frame = Frame::new(code.clone(), function.globals.clone());
    let argcount = code.argcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let Args {
        positional,
        keywords,
    } = args;
    let given = positional.len();
    let mut extra = Vec::new();
    for (i, value) in positional.into_iter().enumerate() {
        if i < argcount {
            frame.fast[i] = Some(value);
        } else {
            extra.push(value);
        }
    }
    if code.varargs {
        frame.fast[argcount + kwonly] = Some(Value::tuple(extra));
    } else if !extra.is_empty() {
        return Err(too_many_positional(vm, function, given, keywords.len()));
    }
    let mut kwargs = crate::value::Dict::default();
    let mut misplaced = Vec::new();
    for (name, value) in keywords {
        let slot = code.varnames[..argcount + kwonly]
            .iter()
            .position(|p| *p == name);
        match slot {
            Some(slot) if slot >= code.posonlyargcount as usize => {
                if frame.fast[slot].is_some() {
                    let message = format!(
                        "{}() got multiple values for argument '{name}'",
                        function.qualname.borrow()
                    );
                    return Err(error(vm, "TypeError", &message));
                }
                frame.fast[slot] = Some(value);
            }
            slot => {
                if code.varkeywords {
                    kwargs.insert(Key(Value::Str(name)), value);
                } else if slot.is_some() {
                    misplaced.push(name);
                } else {
                    let message = format!(
                        "{}() got an unexpected keyword argument '{name}'",
                        function.qualname.borrow()
                    );
                    return Err(error(vm, "TypeError", &message));
                }
            }
        }
    }
    if !misplaced.is_empty() {
        let names: Vec<String> = misplaced.iter().map(|n| n.to_string()).collect();
        let message = format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            function.qualname.borrow(),
            names.join(", ")
        );
        return Err(error(vm, "TypeError", &message));
    }
    if code.varkeywords {
        let slot = argcount + kwonly + code.varargs as usize;
        frame.fast[slot] = Some(Value::dict(kwargs));
    }
    // Defaults fill the last positional parameters, then keyword-only ones by name.
    let first_default = argcount - function.defaults.len().min(argcount);
    let mut missing = Vec::new();
    for slot in 0..argcount {
        if frame.fast[slot].is_none() {
            if slot >= first_default {
                frame.fast[slot] = Some(function.defaults[slot - first_default].clone());
            } else {
                missing.push(code.varnames[slot].clone());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(vm, function, &missing, "positional"));
    }
    for slot in argcount..argcount + kwonly {
        if frame.fast[slot].is_none() {
            let name = &code.varnames[slot];
            match function.kwdefaults.iter().find(|(k, _)| k == name) {
                Some((_, value)) => frame.fast[slot] = Some(value.clone()),
                None => missing.push(name.clone()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(vm, function, &missing, "keyword-only"));
    }
    for &(slot, cell) in &code.cell_params {
        *frame.cells[cell as usize].borrow_mut() = frame.fast[slot as usize].take();
    }
    frame.cells.extend(function.closure.iter().cloned());
    Ok(frame)
}

fn too_many_positional(vm: &mut Vm, function: &Function, given: usize, keywords: usize) -> Signal {
    let code = &function.code;
    let argcount = code.argcount as usize;
    let required = argcount - function.defaults.len().min(argcount);
    let takes = if required == argcount {
        format!(
            "{argcount} positional argument{}",
            if argcount == 1 { "" } else { "s" }
        )
    } else {
        format!("from {required} to {argcount} positional arguments")
    };
    let _ = keywords;
    let was = if given == 1 { "was" } else { "were" };
    let message = format!(
        "{}() takes {takes} but {given} {was} given",
        function.qualname.borrow()
    );
    error(vm, "TypeError", &message)
}

fn missing_arguments(vm: &mut Vm, function: &Function, missing: &[Rc<str>], kind: &str) -> Signal {
    let quoted: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
    let names = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    let message = format!(
        "{}() missing {} required {kind} argument{}: {names}",
        function.qualname.borrow(),
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    );
    error(vm, "TypeError", &message)
}

/// `Class(args)`: a builtin type's constructor, or a new instance and its `__init__`.
fn instantiate(vm: &mut Vm, class: &Rc<Class>, args: Args) -> PyResult<Callee> {
    let base = class.builtin_base();
    if let Some(tag) = class.builtin
        && !matches!(tag, TypeTag::BaseException | TypeTag::Object)
    {
        // A builtin type, or a class of a module written in Rust: its `__new__` makes it.
        return match class.dict.borrow().get("__new__").cloned() {
            Some(constructor) => Err(Signal::Call(constructor, args)),
            None => {
                let message = format!("cannot create '{}' instances", class.name);
                Err(error(vm, "TypeError", &message))
            }
        };
    }
    let payload = match base {
        Some(TypeTag::BaseException) => Payload::Exception(Box::new(ExceptionData {
            args: args.positional.clone(),
            ..ExceptionData::default()
        })),
        Some(TypeTag::Dict) => Payload::Builtin(Value::dict(Default::default())),
        Some(TypeTag::List) => Payload::Builtin(Value::list(Vec::new())),
        Some(TypeTag::Set) => Payload::Builtin(Value::Set(Default::default())),
        _ => Payload::None,
    };
    let instance = Rc::new(Instance {
        hash: std::cell::Cell::new(None),
        class: class.clone(),
        dict: RefCell::new(Namespace::default()),
        payload: RefCell::new(payload),
    });
    let is_container = matches!(base, Some(TypeTag::Dict | TypeTag::List | TypeTag::Set));
    let init = class
        .lookup("__init__")
        .filter(|init| !is_container || matches!(init, Value::Function(_)));
    match init {
        Some(Value::Function(init)) => {
            let mut args = args;
            args.positional.insert(0, Value::Instance(instance.clone()));
            let mut frame = bind(vm, &init, args)?;
            frame.on_return = OnReturn::Init(instance);
            Ok(Callee::Frame(frame))
        }
        Some(init) => {
            let mut args = args;
            args.positional.insert(0, Value::Instance(instance.clone()));
            super::eval::call_nested(vm, init, args)?;
            Ok(Callee::Value(Value::Instance(instance)))
        }
        None if is_container => {
            let mut args = args;
            args.positional.insert(0, Value::Instance(instance.clone()));
            container_init(vm, args)?;
            Ok(Callee::Value(Value::Instance(instance)))
        }
        None => {
            if (!args.positional.is_empty() || !args.keywords.is_empty())
                && base != Some(TypeTag::BaseException)
            {
                let message = format!("{}() takes no arguments", class.name);
                return Err(error(vm, "TypeError", &message));
            }
            Ok(Callee::Value(Value::Instance(instance)))
        }
    }
}

/// `dict.__init__`, `list.__init__` and `set.__init__` of a subclass's instance: fills
/// its container from the arguments.
pub fn container_init(vm: &mut Vm, args: Args) -> PyResult {
    let mut positional = args.positional.into_iter();
    let this = positional.next().unwrap_or_default();
    let Some(container) = crate::value::container_of(&this) else {
        return Err(error(
            vm,
            "TypeError",
            "descriptor '__init__' requires a container",
        ));
    };
    let rest: Vec<Value> = positional.collect();
    match &container {
        Value::Dict(_) => {
            if let Some(source) = rest.first() {
                crate::builtins::update_dict(vm, &container, source)?;
            }
            for (key, value) in args.keywords {
                super::ops::set_item(vm, &container, Value::Str(key), value)?;
            }
        }
        Value::List(list) => {
            if let Some(source) = rest.first() {
                let items = super::iter::collect(vm, source)?;
                list.borrow_mut().extend(items);
            }
        }
        Value::Set(set) => {
            if let Some(source) = rest.first() {
                for item in super::iter::collect(vm, source)? {
                    let key = super::ops::key(vm, item)?;
                    set.borrow_mut().insert(key);
                }
            }
        }
        _ => {}
    }
    Ok(Value::None)
}

/// The frame that runs a class body into a fresh namespace.
pub fn class_body_frame(
    vm: &mut Vm,
    body: Value,
    name: Rc<str>,
    bases: Vec<Value>,
) -> PyResult<Frame> {
    let Value::Function(function) = body else {
        return Err(error(vm, "TypeError", "a class body must be a function"));
    };
    let mut frame = bind(vm, &function, Args::default())?;
    let mut namespace = Namespace::default();
    let module = function
        .globals
        .get("__name__")
        .unwrap_or_else(|| Value::str("__main__"));
    namespace.insert(Rc::from("__module__"), module);
    frame.namespace = Some(Rc::new(RefCell::new(namespace)));
    frame.on_return = OnReturn::ClassBody { name, bases };
    Ok(frame)
}

/// Makes a class from a finished class body.
pub fn build_class(
    vm: &mut Vm,
    name: &str,
    bases: Vec<Value>,
    namespace: Namespace,
    globals: &Rc<Module>,
) -> PyResult {
    let mut base_classes = Vec::new();
    for base in bases {
        match base {
            Value::Class(class) => base_classes.push(class),
            _ => return Err(error(vm, "TypeError", "bases must be types")),
        }
    }
    if base_classes.is_empty() {
        base_classes.push(vm.types.get(TypeTag::Object).clone());
    }
    let module = match namespace.get("__module__") {
        Some(Value::Str(m)) => m.to_string(),
        _ => globals.name.to_string(),
    };
    let qualname = match namespace.get("__qualname__") {
        Some(Value::Str(q)) => q.clone(),
        _ => Rc::from(name),
    };
    match new_python_class(name, qualname, &module, base_classes, namespace) {
        Ok(class) => Ok(Value::Class(class)),
        Err(message) => Err(error(vm, "TypeError", &message)),
    }
}
