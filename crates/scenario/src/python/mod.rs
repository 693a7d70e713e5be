//! The consoles' Python: python3's interactive prompt, run by the `python` crate, with
//! a client library offered as a module by this crate, which owns the servers its
//! clients talk to (python-memcached in [`memcache`], redis-py in [`redis`]).
//!
//! Each typed line goes to the prompt ([`Repl`]); a finished input (a line, or a
//! compound statement up to its blank line) runs to its end on the VM's virtual clock
//! before the line returns, so `time.sleep(2)` takes no wall time. What the input
//! printed, stdout and stderr in the order written, is the line's output.
//!
//! A library's objects are instances of classes written here in Rust. Every public
//! name the real library has is an attribute of its class: the ones modelled are
//! methods, the others raise NotImplementedError saying so, so `dir()` and python3's
//! "Did you mean" see the real names. Errors the library raises show no frames inside
//! it, as python3 would show them had the library been written in C.

pub(crate) mod memcache;
pub mod pika;
pub(crate) mod redis;

use std::cell::RefCell;
use std::rc::Rc;

use python::modules::{address, held, method_args, methods, registered_class};
use python::repl::Repl;
use python::value::{Class, Descriptor, Instance, Namespace, Payload, Value};
use python::vm::exceptions::instance_of;
use python::vm::native::{Args, NativeObject, PyResult, Signal};
use python::vm::types::{TypeTag, new_class, new_python_class};
use python::vm::{EmptyFolder, ModuleProvider, Run, Stream, Vm};

/// Virtual nanoseconds in a millisecond: the pages' clocks count milliseconds, the
/// VM's nanoseconds.
const NS_PER_MS: u64 = 1_000_000;
/// Instructions the VM runs between two looks at the input's state.
const SLICE: u64 = 100_000;
/// Instructions one input may run before it is interrupted, as Ctrl-C would: a second
/// or two of the browser's time, far more than any lesson's line needs.
const INPUT_INSTRUCTIONS: u64 = 50_000_000;
/// Virtual time one input may wait for in all (`time.sleep` in a loop) before it is
/// interrupted.
const INPUT_WAIT_NS: u64 = 3_600_000 * NS_PER_MS;
/// Instructions the threads an input left running may run after it, before the line
/// returns: what they print at once shows under the line that started them.
const AFTER_INPUT_INSTRUCTIONS: u64 = 1_000_000;
/// How many times an input that goes on is interrupted before the console stops
/// running it (one that catches KeyboardInterrupt in a loop).
const INTERRUPTS: usize = 3;

/// What the console prints when it interrupts an input that python3 would hang on.
pub(crate) const HANGS: &str = "playground: every thread waits for something nothing can do while this line runs \
(python3 would wait here until Ctrl-C); interrupted as Ctrl-C does\n";
/// What the console prints when it interrupts an input that runs too long.
const RUNS_ON: &str = "playground: this line runs on without ending \
(python3 would still be running it); interrupted as Ctrl-C does\n";

/// python3's prompt in a world of its own: one VM, one interactive process.
pub(crate) struct Prompt {
    vm: Vm,
    repl: Repl,
}

impl Prompt {
    /// A prompt whose clock starts at `now_ms`, whose randomness follows `seed`, and
    /// whose `import` also finds what `library` offers.
    pub(crate) fn new(now_ms: u64, seed: u64, library: ModuleProvider) -> Prompt {
        let mut vm = Vm::new(now_ms.saturating_mul(NS_PER_MS), seed);
        vm.providers.push(library);
        let repl = Repl::new(&mut vm, Rc::new(EmptyFolder("/root")));
        Prompt { vm, repl }
    }

    /// `>>>`, or `...` while an input is unfinished.
    pub(crate) fn prompt(&self) -> String {
        self.repl.prompt().trim_end().to_owned()
    }

    /// Types `line` at virtual time `now_ms`; returns what python3 prints for it.
    pub(crate) fn run_line(&mut self, line: &str, now_ms: u64) -> String {
        self.vm.advance_to(now_ms.saturating_mul(NS_PER_MS));
        if self.repl.push_line(&mut self.vm, line) {
            self.run_input();
        }
        self.run_others();
        self.vm
            .take_output(self.repl.pid)
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    /// Runs the finished input to its end, moving the clock to each deadline it waits
    /// for; interrupts it as Ctrl-C would when it could never end by itself.
    fn run_input(&mut self) {
        let pid = self.repl.pid;
        let started = self.vm.now_ns;
        let mut ran = 0;
        let mut interrupts = 0;
        while self.vm.interactive_busy(pid) && interrupts < INTERRUPTS {
            let state = self.vm.run(SLICE);
            if !self.vm.interactive_busy(pid) {
                // Done: the threads it started wait for their deadlines on the page's
                // clock, not on this line's.
                break;
            }
            let stuck = match state {
                Run::Busy => {
                    ran += SLICE;
                    (ran >= INPUT_INSTRUCTIONS).then_some(RUNS_ON)
                }
                Run::Waiting(Some(deadline)) if deadline - started <= INPUT_WAIT_NS => {
                    self.vm.advance_to(deadline);
                    None
                }
                Run::Waiting(_) => Some(HANGS),
                Run::Done => None,
            };
            if let Some(note) = stuck {
                self.vm.processes[pid]
                    .output
                    .push((Stream::Stderr, note.to_owned()));
                self.vm.interrupt(pid);
                ran = 0;
                interrupts += 1;
            }
        }
    }

    /// Wakes the threads waiting on `object` (its identity): something outside the VM
    /// may have changed what they wait for.
    pub(crate) fn notify(&mut self, object: usize) {
        self.vm.notify(object);
    }

    /// Lets the threads an input started run what they can now, without moving the
    /// clock to their deadlines: the page's clock wakes them on a later line.
    fn run_others(&mut self) {
        let mut ran = 0;
        while ran < AFTER_INPUT_INSTRUCTIONS && self.vm.run(SLICE) == Run::Busy {
            ran += SLICE;
        }
    }
}

/// The VM's clock in the milliseconds the servers count.
pub(crate) fn now_ms(vm: &Vm) -> u64 {
    vm.now_ns / NS_PER_MS
}

/// A Python callable made of a Rust closure: what a library's objects need where a
/// plain function cannot reach the library's state (a class's `__init__` reaching the
/// servers) or the object it was read from (a bound method, `r.set`).
pub(crate) struct Closure {
    class: Rc<Class>,
    /// The name its repr shows: `BasicKeyCommands.set`.
    qualname: String,
    /// The object it is bound to, passed first to `call`.
    owner: Option<Value>,
    call: Body,
}

impl NativeObject for Closure {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The body of a closure: what calling it does, given its arguments.
pub(crate) type Body = Rc<dyn Fn(&mut Vm, Args) -> PyResult>;

/// The class of closures: `function` when unbound, `method` when bound.
fn closure_class(vm: &mut Vm, bound: bool) -> Rc<Class> {
    let name = if bound { "method" } else { "function" };
    registered_class(vm, &format!("scenario.{name}"), |vm| {
        let object = vm.types.get(TypeTag::Object).clone();
        let dict = methods(
            name,
            &[("__call__", closure_call), ("__repr__", closure_repr)],
        );
        new_class(name, "builtins", Some(&object), dict, Some(TypeTag::Native))
    })
}

fn closure_call(vm: &mut Vm, args: Args) -> PyResult {
    let (this, mut args) = method_args(vm, args, "__call__")?;
    let closure = held::<Closure>(vm, &this, "function", "__call__")?;
    if let Some(owner) = &closure.owner {
        args.positional.insert(0, owner.clone());
    }
    let call = closure.call.clone();
    call(vm, args)
}

/// `<bound method BasicKeyCommands.set of <redis.client.Redis object at 0x…>>`, or
/// `<function Client.__init__ at 0x…>`.
fn closure_repr(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__repr__")?;
    let closure = held::<Closure>(vm, &this, "function", "__repr__")?;
    let text = match &closure.owner {
        Some(owner) => {
            let owner = python::vm::repr::repr(vm, owner)?;
            format!("<bound method {} of {owner}>", closure.qualname)
        }
        None => format!(
            "<function {} at {}>",
            closure.qualname,
            address(this.identity())
        ),
    };
    Ok(Value::str(&text))
}

/// A function `qualname` that runs `call`.
pub(crate) fn function(vm: &mut Vm, qualname: &str, call: Body) -> Value {
    let class = closure_class(vm, false);
    Value::Native(Rc::new(Closure {
        class,
        qualname: qualname.to_owned(),
        owner: None,
        call,
    }))
}

/// The method `qualname` bound to `owner`: calling it runs `call` with `owner` first.
pub(crate) fn bound_method(vm: &mut Vm, qualname: &str, owner: Value, call: Body) -> Value {
    let class = closure_class(vm, true);
    Value::Native(Rc::new(Closure {
        class,
        qualname: qualname.to_owned(),
        owner: Some(owner),
        call,
    }))
}

/// A class attribute that reads as the method `qualname` bound to the instance it is
/// read from, as a function in a class's dict does.
pub(crate) fn method(vm: &mut Vm, qualname: &str, call: Body) -> Value {
    let name = qualname.to_owned();
    let getter: Body = Rc::new(move |vm, args| {
        let owner = args.positional.into_iter().next().unwrap_or_default();
        Ok(bound_method(vm, &name, owner, call.clone()))
    });
    property(vm, qualname, getter)
}

/// A class attribute the real library has and this console does not model: reading it
/// raises NotImplementedError with `message`, rather than claiming it does not exist.
pub(crate) fn not_modelled(vm: &mut Vm, qualname: &str, message: String) -> Value {
    let getter: Body = Rc::new(move |vm, _| {
        let exc = python::vm::exceptions::new_exception(
            vm,
            "NotImplementedError",
            vec![Value::str(&message)],
        );
        Err(Signal::Raise(exc))
    });
    property(vm, qualname, getter)
}

/// A read-only property whose getter is `getter`.
pub(crate) fn property(vm: &mut Vm, qualname: &str, getter: Body) -> Value {
    let fget = function(vm, qualname, getter);
    Value::Descriptor(Rc::new(Descriptor::Property {
        fget: Some(fget),
        fset: None,
        fdel: None,
    }))
}

/// A class of a library's module, `module.name`, its attributes in `dict`.
pub(crate) fn library_class(vm: &mut Vm, name: &str, module: &str, dict: Namespace) -> Rc<Class> {
    let object = vm.types.get(TypeTag::Object).clone();
    new_class(name, module, Some(&object), dict, None)
}

/// An exception class of a library: `qualname` is how tracebacks name it after the
/// module (`Client.MemcachedKeyError`, a class defined inside `Client`).
pub(crate) fn exception_class(
    name: &str,
    qualname: &str,
    module: &str,
    base: &Rc<Class>,
) -> Rc<Class> {
    new_python_class(
        name,
        Rc::from(qualname),
        module,
        vec![base.clone()],
        Namespace::default(),
    )
    .expect("a class of one base always has a method resolution order")
}

/// Raises an exception of `class` with `message`.
pub(crate) fn raise(class: &Rc<Class>, message: &str) -> Signal {
    Signal::Raise(instance_of(class.clone(), vec![Value::str(message)]))
}

/// A new instance of a library's class, whose Rust state is `state`.
pub(crate) fn instance(class: &Rc<Class>, state: Rc<dyn NativeObject>) -> Value {
    Value::Instance(Rc::new(Instance {
        class: class.clone(),
        dict: RefCell::new(Namespace::default()),
        hash: std::cell::Cell::new(None),
        payload: RefCell::new(Payload::Native(state)),
    }))
}

/// `warnings.warn(message, category, stacklevel=2)` under python3's default filters at
/// the prompt: written to stderr as `<stdin>:1: DeprecationWarning: …`, once for each
/// line of the caller that triggers it (Python's warning registry).
pub(crate) fn warn(vm: &mut Vm, category: &str, message: &str) {
    let (file, line) = match vm.thread().frames.last() {
        Some(frame) => (
            frame.code.filename.to_string(),
            frame.code.line_of(frame.current_ip()),
        ),
        None => ("<stdin>".to_owned(), 1),
    };
    let text = format!("{file}:{line}: {category}: {message}\n");
    if !vm.process().warned.contains(&text) {
        vm.process().warned.push(text.clone());
        vm.write(Stream::Stderr, &text);
    }
}

/// The value of a str or bytes argument as text (bytes read as UTF-8).
pub(crate) fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.to_string()),
        Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        _ => None,
    }
}

/// A `bytes` value.
pub(crate) fn bytes(data: &[u8]) -> Value {
    Value::Bytes(Rc::from(data))
}

/// A `dict` of `pairs`, a later key replacing an earlier one's value in its place.
pub(crate) fn dict(pairs: impl IntoIterator<Item = (Value, Value)>) -> Value {
    Value::dict(
        pairs
            .into_iter()
            .map(|(key, value)| (python::value::Key(key), value))
            .collect(),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::session::ConsoleSession;

    /// `count` lines glued from up to eight random `pieces` each, the same every run:
    /// what a learner's mistyping may give a REPL.
    pub(crate) fn random_lines(pieces: &[&str], count: usize) -> Vec<String> {
        let mut seed = 0x1234_5678_9abc_def1_u64;
        (0..count)
            .map(|_| {
                let mut line = String::new();
                for _ in 0..seed % 9 {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    line.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                }
                line
            })
            .collect()
    }

    /// Types `lines` into `session`; returns the transcript with python3's prompts.
    pub(crate) fn transcript(
        session: &mut impl ConsoleSession,
        lines: &[&str],
        now_ms: u64,
    ) -> String {
        lines
            .iter()
            .map(|line| {
                let prompt = session.prompt();
                format!("{prompt} {line}\n{}", session.run_line(line, now_ms))
            })
            .collect()
    }
}
