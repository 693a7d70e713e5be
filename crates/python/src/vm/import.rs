//! `import`: the modules written in Rust (`sys`, `time`, `threading`, `queue`…) and the
//! learner's own files in the process's folder, each run once per process.

use std::rc::Rc;

use super::Vm;
use super::compile_source;
use super::eval::run_nested;
use super::exceptions::{self, error};
use super::frame::Frame;
use super::native::{PyResult, Signal};
use crate::compile::Mode;
use crate::value::{Module, Value};

/// `import name` (with `fromlist`: `from name import …`).
pub fn import_name(vm: &mut Vm, name: &str, fromlist: &Value, level: &Value) -> PyResult {
    if !matches!(level, Value::Int(0)) {
        return Err(error(
            vm,
            "ImportError",
            "attempted relative import with no known parent package",
        ));
    }
    let top = name.split('.').next().unwrap_or(name);
    let module = load(vm, top)?;
    if name.contains('.') {
        let mut current = module.clone();
        let mut path = top.to_owned();
        for part in name.split('.').skip(1) {
            path.push('.');
            path.push_str(part);
            current = match super::attr::try_get_attr(vm, &current, part)? {
                Some(Value::Module(m)) => Value::Module(m),
                _ => return Err(not_found(vm, &path)),
            };
        }
        if !matches!(fromlist, Value::None) {
            return Ok(current);
        }
    }
    Ok(module)
}

fn not_found(vm: &mut Vm, name: &str) -> Signal {
    let message = format!("No module named '{name}'");
    let exc = exceptions::new_exception(vm, "ModuleNotFoundError", vec![Value::str(&message)]);
    if let Value::Instance(instance) = &exc {
        instance
            .dict
            .borrow_mut()
            .insert(Rc::from("name"), Value::str(name));
    }
    Signal::Raise(exc)
}

/// The module `name`: already imported, written in Rust, or a file of the learner's.
fn load(vm: &mut Vm, name: &str) -> PyResult {
    if let Some(module) = vm.process().modules.get(name).cloned() {
        return Ok(module);
    }
    let provided = crate::modules::make(vm, name).or_else(|| {
        let providers = vm.providers.clone();
        providers.iter().find_map(|provide| provide(vm, name))
    });
    if let Some(module) = provided {
        vm.process().modules.insert(Rc::from(name), module.clone());
        return Ok(module);
    }
    let files = vm.process().files.clone();
    let Some(source) = files.read(&format!("{name}.py")) else {
        return Err(not_found(vm, name));
    };
    let path = super::absolute(&files.folder(), &format!("{name}.py"));
    vm.sources
        .insert(Rc::from(path.as_str()), Rc::from(source.as_str()));
    let code = match compile_source(&source, &path, Mode::File) {
        Ok(code) => code,
        Err(report) => {
            // python3 prints the report of a module's syntax error as the error's text.
            let exc =
                exceptions::new_exception(vm, "SyntaxError", vec![Value::str(report.trim_end())]);
            return Err(Signal::Raise(exc));
        }
    };
    let module = Rc::new(Module::new(name));
    module.set("__file__", Value::str(&path));
    let value = Value::Module(module.clone());
    vm.process().modules.insert(Rc::from(name), value.clone());
    let frame = Frame::new(code, module);
    if let Err(signal) = run_nested(vm, frame) {
        vm.process().modules.remove(name);
        return Err(signal);
    }
    Ok(value)
}

/// Where the Python source of a modelled library says it lives (`<library>/pika/spec.py`):
/// tracebacks leave its frames out, as python3 shows no frames of a library written in C.
pub const LIBRARY_PREFIX: &str = "<library>/";

/// Runs the source of a library module written in Python (`file`, under
/// [`LIBRARY_PREFIX`]) in `module`'s namespace, as `import` runs a file.
pub fn run_library(vm: &mut Vm, module: &Rc<Module>, file: &str, source: &str) -> PyResult<()> {
    let path = format!("{LIBRARY_PREFIX}{file}");
    let code = compile_source(source, &path, Mode::File).map_err(|report| {
        let exc = exceptions::new_exception(vm, "SyntaxError", vec![Value::str(report.trim_end())]);
        Signal::Raise(exc)
    })?;
    module.set("__file__", Value::str(&path));
    run_nested(vm, Frame::new(code, module.clone())).map(|_| ())
}

/// `from module import name`.
pub fn import_from(vm: &mut Vm, module: &Value, name: &str) -> PyResult {
    if let Some(value) = super::attr::try_get_attr(vm, module, name)? {
        return Ok(value);
    }
    let Value::Module(module) = module else {
        return Err(error(
            vm,
            "ImportError",
            &format!("cannot import name '{name}'"),
        ));
    };
    let location = match module.get("__file__") {
        Some(Value::Str(file)) => file.to_string(),
        _ => "unknown location".to_owned(),
    };
    let message = format!(
        "cannot import name '{name}' from '{}' ({location})",
        module.name
    );
    Err(error(vm, "ImportError", &message))
}

/// `from module import *`: its public names.
pub fn import_star(vm: &mut Vm, module: &Value, globals: &Rc<Module>) -> PyResult<()> {
    let Value::Module(module) = module else {
        return Err(error(vm, "ImportError", "import * needs a module"));
    };
    let names: Vec<(Rc<str>, Value)> = module
        .dict
        .borrow()
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut dict = globals.dict.borrow_mut();
    for (name, value) in names {
        dict.insert(name, value);
    }
    Ok(())
}
