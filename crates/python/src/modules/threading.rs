//! `threading`: threads as the VM's green threads, and the locks, events, conditions
//! and semaphores that coordinate them.
//!
//! A `Thread` is an instance of a class Python code can subclass (a `Worker` with a
//! `run` method of its own). Its state lives in its `__dict__` under the names
//! CPython gives it (`_target`, `_args`, `_started`, `_ident`…). `start()` runs
//! the bound `run` method on a new green thread, so a subclass's own `run` is used;
//! `Thread.run` hands the target back to the VM as a tail call, so the thread's
//! traceback shows only the learner's frames.
//!
//! Every wait (`join`, `acquire`, `Event.wait`, `Condition.wait`) checks its
//! condition and, when it cannot go on, parks the thread on the object it waits for;
//! whoever changes that object wakes it, and the call runs again.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::{
    Deadline, Params, add_functions, address, c_args, deadline, held, method_args, methods,
    native_of, new_module, registered_classes, self_only, set_native, to_float,
};
use crate::value::{Class, Dict, Instance, Module, Namespace, Value};
use crate::vm::eval::call_nested;
use crate::vm::exceptions::error;
use crate::vm::native::{Args, NativeFn, NativeObject, PyResult, Signal};
use crate::vm::types::{TypeTag, new_class};
use crate::vm::{ThreadState, Vm, attr, iter, ops, repr};

/// Makes `threading` for the current process.
pub fn make(vm: &mut Vm) -> Rc<Module> {
    let module = new_module("threading", Some("threading.py"));
    add_functions(
        &module,
        &[
            ("current_thread", current_thread),
            ("currentThread", current_thread),
            ("main_thread", main_thread),
            ("active_count", active_count),
            ("activeCount", active_count),
            ("enumerate", enumerate),
            ("get_ident", get_ident),
            ("get_native_id", get_ident),
        ],
    );
    let classes = classes(vm);
    module.set("Thread", Value::Class(classes.thread.clone()));
    module.set("Timer", Value::Class(classes.timer.clone()));
    module.set("_MainThread", Value::Class(classes.main_thread.clone()));
    module.set("_DummyThread", Value::Class(classes.dummy_thread.clone()));
    module.set("Event", Value::Class(classes.event.clone()));
    module.set("Condition", Value::Class(classes.condition.clone()));
    module.set("Semaphore", Value::Class(classes.semaphore.clone()));
    module.set(
        "BoundedSemaphore",
        Value::Class(classes.bounded_semaphore.clone()),
    );
    module.set("Lock", attr::builtin("allocate_lock", allocate_lock, None));
    module.set("RLock", attr::builtin("RLock", allocate_rlock, None));
    module.set("TIMEOUT_MAX", Value::Float(9_223_372_036.0));
    module
}

/// The classes of `threading`, made once per VM.
struct Classes {
    thread: Rc<Class>,
    timer: Rc<Class>,
    main_thread: Rc<Class>,
    dummy_thread: Rc<Class>,
    event: Rc<Class>,
    condition: Rc<Class>,
    semaphore: Rc<Class>,
    bounded_semaphore: Rc<Class>,
    lock: Rc<Class>,
    rlock: Rc<Class>,
}

fn classes(vm: &mut Vm) -> Classes {
    let [
        thread,
        timer,
        main_thread,
        dummy_thread,
        event,
        condition,
        semaphore,
        bounded_semaphore,
        lock,
        rlock,
    ] = registered_classes(vm, "threading", make_classes);
    Classes {
        thread,
        timer,
        main_thread,
        dummy_thread,
        event,
        condition,
        semaphore,
        bounded_semaphore,
        lock,
        rlock,
    }
}

/// Makes the classes of `threading`, in the order [`classes`] reads them.
fn make_classes(vm: &mut Vm) -> [Rc<Class>; 10] {
    let object = vm.types.get(TypeTag::Object).clone();
    let (thread, timer) = make_thread_classes(&object);
    let main_thread = new_class(
        "_MainThread",
        "threading",
        Some(&thread),
        Namespace::default(),
        None,
    );
    let dummy_thread = new_class(
        "_DummyThread",
        "threading",
        Some(&thread),
        Namespace::default(),
        None,
    );
    let event = methods(
        "Event",
        &[
            ("__init__", event_init),
            ("__repr__", event_repr),
            ("is_set", event_is_set),
            ("isSet", event_is_set),
            ("set", event_set),
            ("clear", event_clear),
            ("wait", event_wait),
        ],
    );
    let event = new_class("Event", "threading", Some(&object), event, None);
    let condition = methods(
        "Condition",
        &[
            ("__init__", condition_init),
            ("__repr__", condition_repr),
            ("__enter__", condition_enter),
            ("__exit__", condition_exit),
            ("acquire", condition_acquire),
            ("release", condition_release),
            ("wait", condition_wait),
            ("wait_for", condition_wait_for),
            ("notify", condition_notify),
            ("notify_all", condition_notify_all),
            ("notifyAll", condition_notify_all),
        ],
    );
    let condition = new_class("Condition", "threading", Some(&object), condition, None);
    let semaphore = methods(
        "Semaphore",
        &[
            ("__init__", semaphore_init),
            ("__repr__", semaphore_repr),
            ("acquire", semaphore_acquire),
            ("__enter__", semaphore_acquire),
            ("release", semaphore_release),
            ("__exit__", semaphore_exit),
        ],
    );
    let semaphore = new_class("Semaphore", "threading", Some(&object), semaphore, None);
    let bounded = methods("BoundedSemaphore", &[("__init__", bounded_semaphore_init)]);
    let bounded_semaphore = new_class(
        "BoundedSemaphore",
        "threading",
        Some(&semaphore),
        bounded,
        None,
    );
    let lock = methods(
        "_thread.lock",
        &[
            ("acquire", lock_acquire),
            ("acquire_lock", lock_acquire),
            ("__enter__", lock_acquire),
            ("release", lock_release),
            ("release_lock", lock_release),
            ("__exit__", lock_exit),
            ("locked", lock_locked),
            ("locked_lock", lock_locked),
        ],
    );
    let lock = new_class(
        "lock",
        "_thread",
        Some(&object),
        lock,
        Some(TypeTag::Native),
    );
    let rlock = methods(
        "_thread.RLock",
        &[
            ("acquire", lock_acquire),
            ("__enter__", lock_acquire),
            ("release", lock_release),
            ("__exit__", lock_exit),
            ("_is_owned", rlock_is_owned),
        ],
    );
    let rlock = new_class(
        "RLock",
        "_thread",
        Some(&object),
        rlock,
        Some(TypeTag::Native),
    );
    [
        thread,
        timer,
        main_thread,
        dummy_thread,
        event,
        condition,
        semaphore,
        bounded_semaphore,
        lock,
        rlock,
    ]
}

/// Makes the `Thread` and `Timer` classes.
fn make_thread_classes(object: &Rc<Class>) -> (Rc<Class>, Rc<Class>) {
    let mut thread_methods = methods(
        "Thread",
        &[
            ("__init__", thread_init),
            ("__repr__", thread_repr),
            ("start", thread_start),
            ("run", thread_run),
            ("join", thread_join),
            ("is_alive", thread_is_alive),
            ("getName", thread_get_name),
            ("setName", thread_set_name),
            ("isDaemon", thread_is_daemon),
            ("setDaemon", thread_set_daemon),
        ],
    );
    for (name, getter) in [
        ("ident", thread_ident as NativeFn),
        ("native_id", thread_ident),
    ] {
        let property = crate::value::Descriptor::Property {
            fget: Some(attr::builtin(name, getter, Some("Thread"))),
            fset: None,
            fdel: None,
        };
        thread_methods.insert(Rc::from(name), Value::Descriptor(Rc::new(property)));
    }
    let thread = new_class("Thread", "threading", Some(object), thread_methods, None);
    let timer_methods = methods(
        "Timer",
        &[
            ("__init__", timer_init),
            ("run", timer_run),
            ("cancel", timer_cancel),
        ],
    );
    let timer = new_class("Timer", "threading", Some(&thread), timer_methods, None);
    (thread, timer)
}

// ---------------------------------------------------------------------------------
// Thread

/// A thread object's instance, for reading and writing its `__dict__`.
fn thread_instance(vm: &mut Vm, this: &Value, method: &str) -> PyResult<Rc<Instance>> {
    match this {
        Value::Instance(instance) => Ok(instance.clone()),
        other => {
            let message = format!(
                "descriptor '{method}' for 'Thread' objects doesn't apply to a '{}' object",
                other.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

fn get(instance: &Instance, name: &str) -> Option<Value> {
    instance.dict.borrow().get(name).cloned()
}

fn set(instance: &Instance, name: &str, value: Value) {
    instance.dict.borrow_mut().insert(Rc::from(name), value);
}

/// Sets up a thread object as `Thread.__init__` does: `name` defaults to `Thread-N`
/// (with the target's name in parentheses), `daemon` to the current thread's.
fn init_thread(
    vm: &mut Vm,
    instance: &Instance,
    target: Value,
    name: Value,
    args: Value,
    kwargs: Value,
    daemon: Value,
) -> PyResult<()> {
    let name = if ops::truthy(vm, &name)? {
        repr::str(vm, &name)?
    } else {
        let counter = {
            let process = vm.process();
            process.thread_counter += 1;
            process.thread_counter
        };
        let mut name = format!("Thread-{counter}");
        if !matches!(target, Value::None)
            && let Some(Value::Str(target_name)) = attr::try_get_attr(vm, &target, "__name__")?
        {
            name.push_str(&format!(" ({target_name})"));
        }
        name
    };
    let daemon = match daemon {
        Value::None => vm.thread().daemon,
        other => ops::truthy(vm, &other)?,
    };
    let kwargs = match kwargs {
        Value::None => Value::dict(Dict::default()),
        other => other,
    };
    set(instance, "_target", target);
    set(instance, "_args", args);
    set(instance, "_kwargs", kwargs);
    set(instance, "_ident", Value::None);
    set(instance, "_started", Value::Bool(false));
    set(instance, "name", Value::str(&name));
    set(instance, "daemon", Value::Bool(daemon));
    Ok(())
}

/// `Thread.__init__(self, group=None, target=None, name=None, args=(), kwargs=None,
/// *, daemon=None)`.
fn thread_init(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Thread.__init__",
        names: &[
            "self", "group", "target", "name", "args", "kwargs", "daemon",
        ],
        required: 1,
        positional: 6,
    }
    .bind(vm, args)?;
    let [this, group, target, name, args, kwargs, daemon] =
        bound.try_into().expect("seven parameters");
    let instance = thread_instance(vm, &this.unwrap_or_default(), "__init__")?;
    if group.is_some_and(|g| !matches!(g, Value::None)) {
        return Err(error(
            vm,
            "AssertionError",
            "group argument must be None for now",
        ));
    }
    init_thread(
        vm,
        &instance,
        target.unwrap_or_default(),
        name.unwrap_or_default(),
        args.unwrap_or_else(|| Value::tuple(Vec::new())),
        kwargs.unwrap_or_default(),
        daemon.unwrap_or_default(),
    )?;
    Ok(Value::None)
}

/// The VM thread running a thread object, by the ident it was given at `start()`.
fn vm_thread(vm: &Vm, instance: &Instance) -> Option<usize> {
    let Some(Value::Int(ident)) = get(instance, "_ident") else {
        return None;
    };
    vm.threads.iter().position(|t| t.ident == ident as u64)
}

/// Whether a started thread is still running.
fn alive(vm: &Vm, instance: &Instance) -> bool {
    matches!(get(instance, "_started"), Some(Value::Bool(true)))
        && vm_thread(vm, instance).is_some_and(|tid| vm.threads[tid].state != ThreadState::Finished)
}

/// `thread.start()`: a new green thread calls `self.run()` (a subclass's own `run`
/// when it has one). Like CPython's, which waits until the new thread has begun, it
/// lets the new thread run first.
fn thread_start(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Thread.start")?;
    let instance = thread_instance(vm, &this, "start")?;
    match get(&instance, "_started") {
        None => {
            return Err(error(vm, "RuntimeError", "thread.__init__() not called"));
        }
        // The retry after the new thread had its first turn.
        Some(Value::Bool(true)) if vm.thread().retry => return Ok(Value::None),
        Some(Value::Bool(true)) => {
            return Err(error(
                vm,
                "RuntimeError",
                "threads can only be started once",
            ));
        }
        Some(_) => {}
    }
    let name = match get(&instance, "name") {
        Some(Value::Str(name)) => name,
        Some(other) => Rc::from(repr::str(vm, &other)?),
        None => Rc::from("Thread"),
    };
    let daemon = match get(&instance, "daemon") {
        Some(daemon) => ops::truthy(vm, &daemon)?,
        None => false,
    };
    let run = attr::get_attr(vm, &this, "run")?;
    let ident = vm.start_thread(run, Args::default(), name, daemon, Some(this.clone()));
    set(&instance, "_started", Value::Bool(true));
    set(&instance, "_ident", Value::Int(ident as i64));
    if vm.nested > 0 {
        // Called back from Rust code (`map(lambda t: t.start(), threads)`), where a
        // thread cannot wait: the new thread runs at its turn.
        return Ok(Value::None);
    }
    let now = vm.now_ns;
    Err(vm.block(None, Some(now), "Thread.start"))
}

/// `thread.run()`: calls the target with the thread's `_args` and `_kwargs`, handed
/// back to the VM as a tail call so that a target that waits parks the thread; does
/// nothing without a target. The attributes stay (CPython deletes them once the
/// target returns): a target that waits is called again from here when it wakes.
fn thread_run(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Thread.run")?;
    let target = attr::get_attr(vm, &this, "_target")?;
    if matches!(target, Value::None) {
        return Ok(Value::None);
    }
    let args = attr::get_attr(vm, &this, "_args")?;
    let kwargs = attr::get_attr(vm, &this, "_kwargs")?;
    tail_call(vm, target, &args, &kwargs)
}

/// `function(*args, **kwargs)`, handed back to the VM to call in the caller's place.
fn tail_call(vm: &mut Vm, function: Value, args: &Value, kwargs: &Value) -> PyResult {
    let positional = iter::collect(vm, args)?;
    let merged = Value::dict(Dict::default());
    ops::dict_update(vm, &merged, kwargs, true)?;
    let Value::Dict(merged) = merged else {
        unreachable!("a dict was made")
    };
    let keywords = merged
        .borrow()
        .iter()
        .filter_map(|(key, value)| match &key.0 {
            Value::Str(name) => Some((name.clone(), value.clone())),
            _ => None,
        })
        .collect();
    Err(Signal::Call(
        function,
        Args {
            positional,
            keywords,
        },
    ))
}

/// `thread.join(timeout=None)`: waits until the thread has finished, or the timeout.
fn thread_join(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Thread.join",
        names: &["self", "timeout"],
        required: 1,
        positional: 2,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let instance = thread_instance(vm, &this, "join")?;
    match get(&instance, "_started") {
        None => {
            return Err(error(vm, "RuntimeError", "Thread.__init__() not called"));
        }
        Some(Value::Bool(true)) => {}
        Some(_) => {
            return Err(error(
                vm,
                "RuntimeError",
                "cannot join thread before it is started",
            ));
        }
    }
    if vm
        .thread()
        .object
        .as_ref()
        .is_some_and(|object| object.is(&this))
    {
        return Err(error(vm, "RuntimeError", "cannot join current thread"));
    }
    if !alive(vm, &instance) {
        return Ok(Value::None);
    }
    let timeout = match bound[1].clone().unwrap_or_default() {
        Value::None => None,
        other => Some(to_float(vm, &other)?.max(0.0)),
    };
    match deadline(vm, timeout) {
        Deadline::Passed => Ok(Value::None),
        Deadline::At(at) => Err(vm.block(Some(this.identity()), at, "Thread.join")),
    }
}

fn thread_is_alive(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Thread.is_alive")?;
    let instance = thread_instance(vm, &this, "is_alive")?;
    Ok(Value::Bool(alive(vm, &instance)))
}

/// `thread.ident`: its identifier once started, else None.
fn thread_ident(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "ident")?;
    let instance = thread_instance(vm, &this, "ident")?;
    Ok(get(&instance, "_ident").unwrap_or_default())
}

fn thread_get_name(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Thread.getName")?;
    attr::get_attr(vm, &this, "name")
}

fn thread_set_name(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "setName")?;
    let rest = c_args(vm, rest, "Thread.setName", 1, 1)?;
    let name = repr::str(vm, &rest[0])?;
    attr::set_attr(vm, &this, "name", Value::str(&name))?;
    Ok(Value::None)
}

fn thread_is_daemon(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Thread.isDaemon")?;
    attr::get_attr(vm, &this, "daemon")
}

fn thread_set_daemon(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "setDaemon")?;
    let rest = c_args(vm, rest, "Thread.setDaemon", 1, 1)?;
    let daemon = ops::truthy(vm, &rest[0])?;
    attr::set_attr(vm, &this, "daemon", Value::Bool(daemon))?;
    Ok(Value::None)
}

/// `<Thread(Thread-1 (worker), started daemon 140…)>`.
fn thread_repr(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__repr__")?;
    let instance = thread_instance(vm, &this, "__repr__")?;
    let started = matches!(get(&instance, "_started"), Some(Value::Bool(true)));
    let mut status = if !started {
        "initial"
    } else if alive(vm, &instance) {
        "started"
    } else {
        "stopped"
    }
    .to_owned();
    let daemon = get(&instance, "daemon").unwrap_or_default();
    if ops::truthy(vm, &daemon)? {
        status.push_str(" daemon");
    }
    if let Some(Value::Int(ident)) = get(&instance, "_ident") {
        status.push_str(&format!(" {ident}"));
    }
    let name = get(&instance, "name").unwrap_or_default();
    let name = repr::str(vm, &name)?;
    Ok(Value::str(&format!(
        "<{}({name}, {status})>",
        instance.class.name
    )))
}

/// `Timer(interval, function, args=None, kwargs=None)`: a thread that calls
/// `function` after `interval` seconds unless cancelled first.
fn timer_init(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Timer.__init__",
        names: &["self", "interval", "function", "args", "kwargs"],
        required: 3,
        positional: 5,
    }
    .bind(vm, args)?;
    let [this, interval, function, args, kwargs] = bound.try_into().expect("five parameters");
    let this = this.unwrap_or_default();
    let instance = thread_instance(vm, &this, "__init__")?;
    init_thread(
        vm,
        &instance,
        Value::None,
        Value::None,
        Value::tuple(Vec::new()),
        Value::None,
        Value::None,
    )?;
    let event = Value::Class(classes(vm).event);
    let finished = call_nested(vm, event, Args::default())?;
    set(&instance, "interval", interval.unwrap_or_default());
    set(&instance, "function", function.unwrap_or_default());
    set(
        &instance,
        "args",
        args.filter(|a| !matches!(a, Value::None))
            .unwrap_or_else(|| Value::list(Vec::new())),
    );
    set(
        &instance,
        "kwargs",
        kwargs
            .filter(|k| !matches!(k, Value::None))
            .unwrap_or_else(|| Value::dict(Dict::default())),
    );
    set(&instance, "finished", finished);
    Ok(Value::None)
}

/// `timer.run()`: waits on its `finished` event for `interval` seconds, then, unless
/// cancelled meanwhile, calls `function(*args, **kwargs)` as a tail call. (CPython
/// also sets `finished` once the function returns; after a tail call it stays unset.)
fn timer_run(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Timer.run")?;
    let finished = attr::get_attr(vm, &this, "finished")?;
    let event = held::<Event>(vm, &finished, "Event", "wait")?;
    if !event.flag.get() {
        let interval = attr::get_attr(vm, &this, "interval")?;
        let timeout = timeout_of(vm, Some(interval))?;
        if let Deadline::At(at) = deadline(vm, timeout) {
            return Err(vm.block(Some(finished.identity()), at, "Timer"));
        }
    }
    if event.flag.get() {
        return Ok(Value::None);
    }
    let function = attr::get_attr(vm, &this, "function")?;
    let args = attr::get_attr(vm, &this, "args")?;
    let kwargs = attr::get_attr(vm, &this, "kwargs")?;
    tail_call(vm, function, &args, &kwargs)
}

/// `timer.cancel()`: its function will not be called.
fn timer_cancel(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Timer.cancel")?;
    let finished = attr::get_attr(vm, &this, "finished")?;
    let set_flag = attr::get_attr(vm, &finished, "set")?;
    call_nested(vm, set_flag, Args::default())
}

// ---------------------------------------------------------------------------------
// The module's functions

/// The thread object of the VM thread `tid`: its `Thread`, or for a thread that has
/// none (the main thread) a `_MainThread` or `_DummyThread` made on first use.
fn thread_object(vm: &mut Vm, tid: usize) -> Value {
    if let Some(object) = &vm.threads[tid].object {
        return object.clone();
    }
    let pid = vm.threads[tid].process;
    let is_main = vm.processes[pid].main_thread == tid;
    let classes = classes(vm);
    let class = if is_main {
        classes.main_thread
    } else {
        classes.dummy_thread
    };
    let thread = &vm.threads[tid];
    let mut dict = Namespace::default();
    let entries = [
        ("_target", Value::None),
        ("_args", Value::tuple(Vec::new())),
        ("_kwargs", Value::dict(Dict::default())),
        ("_ident", Value::Int(thread.ident as i64)),
        ("_started", Value::Bool(true)),
        ("name", Value::Str(thread.name.clone())),
        ("daemon", Value::Bool(thread.daemon)),
    ];
    for (name, value) in entries {
        dict.insert(Rc::from(name), value);
    }
    let object = Value::Instance(Rc::new(Instance {
        hash: Cell::new(None),
        class,
        dict: RefCell::new(dict),
        payload: RefCell::new(crate::value::Payload::None),
    }));
    vm.threads[tid].object = Some(object.clone());
    object
}

/// `threading.current_thread()`.
fn current_thread(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "current_thread", 0, 0)?;
    Ok(thread_object(vm, vm.current))
}

/// `threading.main_thread()`.
fn main_thread(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "main_thread", 0, 0)?;
    let main = vm.process().main_thread;
    Ok(thread_object(vm, main))
}

/// The VM threads of the current process that have not finished, in the order they
/// were made.
fn live_threads(vm: &Vm) -> Vec<usize> {
    let pid = vm.threads[vm.current].process;
    (0..vm.threads.len())
        .filter(|&tid| {
            vm.threads[tid].process == pid && vm.threads[tid].state != ThreadState::Finished
        })
        .collect()
}

/// `threading.active_count()`.
fn active_count(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "active_count", 0, 0)?;
    Ok(Value::Int(live_threads(vm).len() as i64))
}

/// `threading.enumerate()`: the thread objects of the threads still running.
fn enumerate(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "enumerate", 0, 0)?;
    let objects = live_threads(vm)
        .into_iter()
        .map(|tid| thread_object(vm, tid))
        .collect();
    Ok(Value::list(objects))
}

/// `threading.get_ident()`.
fn get_ident(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "get_ident", 0, 0)?;
    Ok(Value::Int(vm.thread().ident as i64))
}

// ---------------------------------------------------------------------------------
// Lock and RLock

/// `_thread.lock` (`threading.Lock()`) and `_thread.RLock` (`threading.RLock()`): an
/// RLock has an owner and may be taken again by it.
struct Lock {
    class: Rc<Class>,
    reentrant: bool,
    /// The ident of the thread holding it (0: free).
    owner: Cell<u64>,
    /// How many times the owner holds it (a plain lock: 0 or 1).
    count: Cell<u64>,
}

impl NativeObject for Lock {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }
    fn repr(&self) -> Option<String> {
        let state = if self.count.get() > 0 {
            "locked"
        } else {
            "unlocked"
        };
        let at = address(self as *const Lock as usize);
        Some(if self.reentrant {
            format!(
                "<{state} _thread.RLock object owner={} count={} at {at}>",
                self.owner.get(),
                self.count.get()
            )
        } else {
            format!("<{state} _thread.lock object at {at}>")
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn new_lock(vm: &mut Vm, reentrant: bool) -> Value {
    let classes = classes(vm);
    let class = if reentrant {
        classes.rlock
    } else {
        classes.lock
    };
    Value::Native(Rc::new(Lock {
        class,
        reentrant,
        owner: Cell::new(0),
        count: Cell::new(0),
    }))
}

/// `threading.Lock()`.
fn allocate_lock(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "allocate_lock", 0, 0)?;
    Ok(new_lock(vm, false))
}

/// `threading.RLock()`.
fn allocate_rlock(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "RLock", 0, 0)?;
    Ok(new_lock(vm, true))
}

/// Takes a lock for the running thread if it can: free, or an RLock it holds.
fn try_take(vm: &mut Vm, lock: &Lock) -> bool {
    let me = vm.thread().ident;
    if lock.count.get() == 0 {
        lock.owner.set(me);
        lock.count.set(1);
        true
    } else if lock.reentrant && lock.owner.get() == me {
        lock.count.set(lock.count.get() + 1);
        true
    } else {
        false
    }
}

/// `lock.acquire(blocking=True, timeout=-1)`: True once taken; False when not blocking
/// or when the timeout passes first.
fn lock_acquire(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "acquire",
        names: &["self", "blocking", "timeout"],
        required: 1,
        positional: 3,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let lock = held::<Lock>(vm, &this, "_thread.lock", "acquire")?;
    let blocking = match &bound[1] {
        Some(value) => ops::truthy(vm, value)?,
        None => true,
    };
    let timeout = match &bound[2] {
        Some(value) => to_float(vm, value)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(error(
            vm,
            "ValueError",
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(error(vm, "ValueError", "timeout value must be positive"));
    }
    if try_take(vm, &lock) {
        return Ok(Value::Bool(true));
    }
    if !blocking {
        return Ok(Value::Bool(false));
    }
    let what = if lock.reentrant {
        "RLock.acquire"
    } else {
        "Lock.acquire"
    };
    match deadline(vm, (timeout >= 0.0).then_some(timeout)) {
        Deadline::Passed => Ok(Value::Bool(false)),
        Deadline::At(at) => Err(vm.block(Some(this.identity()), at, what)),
    }
}

/// Releases a lock once, waking the threads waiting for it when it becomes free.
fn give_back(vm: &mut Vm, lock: &Lock, this: &Value) -> PyResult<()> {
    let me = vm.thread().ident;
    if lock.reentrant {
        if lock.count.get() == 0 || lock.owner.get() != me {
            return Err(error(vm, "RuntimeError", "cannot release un-acquired lock"));
        }
    } else if lock.count.get() == 0 {
        return Err(error(vm, "RuntimeError", "release unlocked lock"));
    }
    lock.count.set(lock.count.get() - 1);
    if lock.count.get() == 0 {
        lock.owner.set(0);
        vm.notify(this.identity());
    }
    Ok(())
}

/// `lock.release()`.
fn lock_release(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "release")?;
    c_args(vm, rest, "release", 0, 0)?;
    let lock = held::<Lock>(vm, &this, "_thread.lock", "release")?;
    give_back(vm, &lock, &this)?;
    Ok(Value::None)
}

/// `lock.__exit__(*exc_info)`: releases it.
fn lock_exit(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__exit__")?;
    let lock = held::<Lock>(vm, &this, "_thread.lock", "__exit__")?;
    give_back(vm, &lock, &this)?;
    Ok(Value::None)
}

fn lock_locked(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "locked")?;
    c_args(vm, rest, "locked", 0, 0)?;
    let lock = held::<Lock>(vm, &this, "_thread.lock", "locked")?;
    Ok(Value::Bool(lock.count.get() > 0))
}

fn rlock_is_owned(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "_is_owned")?;
    let lock = held::<Lock>(vm, &this, "_thread.RLock", "_is_owned")?;
    let me = vm.thread().ident;
    Ok(Value::Bool(lock.count.get() > 0 && lock.owner.get() == me))
}

// ---------------------------------------------------------------------------------
// Event

/// `threading.Event`: a flag threads wait for.
struct Event {
    class: Rc<Class>,
    flag: Cell<bool>,
}

impl NativeObject for Event {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `<threading.Event at 0x…: set>`: the class as CPython's `__repr__` names it.
fn state_repr(vm: &mut Vm, this: &Value, state: &str) -> Value {
    let class = vm.types.class_of(this);
    Value::str(&format!(
        "<{}.{} at {}: {state}>",
        class.module,
        class.qualname,
        address(this.identity())
    ))
}

fn event_init(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "__init__")?;
    Params {
        name: "Event.__init__",
        names: &["self"],
        required: 0,
        positional: 0,
    }
    .bind(vm, rest)?;
    let class = vm.types.class_of(&this);
    set_native(
        &this,
        Rc::new(Event {
            class,
            flag: Cell::new(false),
        }),
    );
    Ok(Value::None)
}

fn event_repr(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__repr__")?;
    let event = held::<Event>(vm, &this, "Event", "__repr__")?;
    let state = if event.flag.get() { "set" } else { "unset" };
    Ok(state_repr(vm, &this, state))
}

fn event_is_set(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Event.is_set")?;
    let event = held::<Event>(vm, &this, "Event", "is_set")?;
    Ok(Value::Bool(event.flag.get()))
}

/// `event.set()`: wakes every thread waiting for it.
fn event_set(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Event.set")?;
    let event = held::<Event>(vm, &this, "Event", "set")?;
    event.flag.set(true);
    vm.notify(this.identity());
    Ok(Value::None)
}

fn event_clear(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Event.clear")?;
    let event = held::<Event>(vm, &this, "Event", "clear")?;
    event.flag.set(false);
    Ok(Value::None)
}

/// A `timeout` argument: None (wait for ever) or seconds.
fn timeout_of(vm: &mut Vm, value: Option<Value>) -> PyResult<Option<f64>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(value) => match value {
            Value::Float(_) | Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                Ok(Some(to_float(vm, &value)?))
            }
            other => {
                let message = format!(
                    "'>' not supported between instances of '{}' and 'int'",
                    other.type_name()
                );
                Err(error(vm, "TypeError", &message))
            }
        },
    }
}

/// `event.wait(timeout=None)`: True once the flag is set, False if the timeout
/// passes first.
fn event_wait(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Event.wait",
        names: &["self", "timeout"],
        required: 1,
        positional: 2,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let event = held::<Event>(vm, &this, "Event", "wait")?;
    let timeout = timeout_of(vm, bound[1].clone())?;
    if event.flag.get() {
        return Ok(Value::Bool(true));
    }
    match deadline(vm, timeout) {
        Deadline::Passed => Ok(Value::Bool(false)),
        Deadline::At(at) => Err(vm.block(Some(this.identity()), at, "Event.wait")),
    }
}

// ---------------------------------------------------------------------------------
// Condition

/// `threading.Condition(lock=None)`: a lock (an RLock by default) and the threads
/// waiting to be notified.
struct Condition {
    class: Rc<Class>,
    lock: Value,
    /// The waiting threads, first come first.
    waiters: RefCell<Vec<Waiter>>,
}

/// A thread inside `Condition.wait`.
struct Waiter {
    ident: u64,
    /// `notify()` chose it (else it is waiting, or its timeout passed).
    notified: bool,
    /// Its timeout passed before a notify.
    timed_out: bool,
    /// How many times it held the lock before `wait` let it go (an RLock may be held
    /// more than once).
    count: u64,
}

impl NativeObject for Condition {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn condition_init(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Condition.__init__",
        names: &["self", "lock"],
        required: 1,
        positional: 2,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let lock = match bound[1].clone() {
        None | Some(Value::None) => new_lock(vm, true),
        Some(lock) => lock,
    };
    let class = vm.types.class_of(&this);
    set_native(
        &this,
        Rc::new(Condition {
            class,
            lock,
            waiters: RefCell::new(Vec::new()),
        }),
    );
    Ok(Value::None)
}

fn condition_of(vm: &mut Vm, this: &Value, method: &str) -> PyResult<super::Held<Condition>> {
    held::<Condition>(vm, this, "Condition", method)
}

/// The condition's lock, when it is one of ours (any other lock is driven through
/// its methods, and cannot make a thread wait).
fn own_lock(lock: &Value) -> Option<super::Held<Lock>> {
    let object = native_of(lock)?;
    super::Held::downcast(object)
}

/// Calls `method` of the condition's lock with `args`: ours directly (so that a wait
/// parks the thread), any other through Python.
fn call_lock(vm: &mut Vm, lock: &Value, method: &str, args: Vec<Value>) -> PyResult {
    let mut positional = vec![lock.clone()];
    positional.extend(args);
    if own_lock(lock).is_some() {
        let func = match method {
            "release" | "__exit__" => lock_exit,
            _ => lock_acquire,
        };
        return func(vm, Args::new(positional));
    }
    let bound = attr::get_attr(vm, lock, method)?;
    call_nested(vm, bound, Args::new(positional[1..].to_vec()))
}

fn condition_repr(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__repr__")?;
    let condition = condition_of(vm, &this, "__repr__")?;
    let lock = repr::repr(vm, &condition.lock)?;
    let waiting = condition.waiters.borrow().len();
    Ok(Value::str(&format!("<Condition({lock}, {waiting})>")))
}

fn condition_enter(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__enter__")?;
    let condition = condition_of(vm, &this, "__enter__")?;
    call_lock(vm, &condition.lock, "acquire", Vec::new())
}

fn condition_acquire(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "acquire")?;
    let condition = condition_of(vm, &this, "acquire")?;
    call_lock(vm, &condition.lock, "acquire", rest.positional)
}

fn condition_exit(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__exit__")?;
    let condition = condition_of(vm, &this, "__exit__")?;
    call_lock(vm, &condition.lock, "release", Vec::new())
}

fn condition_release(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "release")?;
    c_args(vm, rest, "release", 0, 0)?;
    let condition = condition_of(vm, &this, "release")?;
    call_lock(vm, &condition.lock, "release", Vec::new())
}

/// Whether the running thread holds the condition's lock, as CPython's `_is_owned`
/// decides (a plain lock counts as held when it is taken at all).
fn is_owned(vm: &mut Vm, condition: &Condition) -> PyResult<bool> {
    match own_lock(&condition.lock) {
        Some(lock) => {
            let me = vm.thread().ident;
            Ok(lock.count.get() > 0 && (!lock.reentrant || lock.owner.get() == me))
        }
        None => {
            let owned = attr::get_attr(vm, &condition.lock, "_is_owned")?;
            let result = call_nested(vm, owned, Args::default())?;
            ops::truthy(vm, &result)
        }
    }
}

/// One step of `Condition.wait`, run again each time the thread is woken: let the
/// lock go and join the waiters; wait for a notify or the timeout; take the lock
/// back. Gives whether a notify came, once the lock is held again.
fn wait_step(
    vm: &mut Vm,
    this: &Value,
    condition: &Condition,
    timeout: Option<f64>,
) -> PyResult<bool> {
    let me = vm.thread().ident;
    let position = condition
        .waiters
        .borrow()
        .iter()
        .position(|w| w.ident == me);
    let Some(position) = position else {
        if !is_owned(vm, condition)? {
            return Err(error(vm, "RuntimeError", "cannot wait on un-acquired lock"));
        }
        let count = match own_lock(&condition.lock) {
            Some(lock) => {
                let count = lock.count.get();
                lock.count.set(0);
                lock.owner.set(0);
                vm.notify(condition.lock.identity());
                count
            }
            None => {
                call_lock(vm, &condition.lock, "release", Vec::new())?;
                1
            }
        };
        condition.waiters.borrow_mut().push(Waiter {
            ident: me,
            notified: false,
            timed_out: false,
            count,
        });
        return wait_step(vm, this, condition, timeout);
    };
    let (notified, timed_out, count) = {
        let waiters = condition.waiters.borrow();
        let waiter = &waiters[position];
        (waiter.notified, waiter.timed_out, waiter.count)
    };
    if !notified && !timed_out {
        match deadline(vm, timeout) {
            Deadline::At(at) => return Err(vm.block(Some(this.identity()), at, "Condition.wait")),
            Deadline::Passed => condition.waiters.borrow_mut()[position].timed_out = true,
        }
    }
    // Notified or timed out: take the lock back, as many times as it was held.
    match own_lock(&condition.lock) {
        Some(lock) => {
            if lock.count.get() > 0 {
                return Err(vm.block(Some(condition.lock.identity()), None, "Condition.wait"));
            }
            lock.owner.set(me);
            lock.count.set(count);
        }
        None => {
            call_lock(vm, &condition.lock, "acquire", Vec::new())?;
        }
    }
    condition.waiters.borrow_mut().remove(position);
    Ok(notified)
}

/// `condition.wait(timeout=None)`: True when notified, False when the timeout passed.
fn condition_wait(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Condition.wait",
        names: &["self", "timeout"],
        required: 1,
        positional: 2,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let condition = condition_of(vm, &this, "wait")?;
    let timeout = timeout_of(vm, bound[1].clone())?;
    wait_step(vm, &this, &condition, timeout).map(Value::Bool)
}

/// `condition.wait_for(predicate, timeout=None)`: waits until `predicate()` is true
/// (checked with the lock held), or the timeout; gives its last value.
fn condition_wait_for(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Condition.wait_for",
        names: &["self", "predicate", "timeout"],
        required: 2,
        positional: 3,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let predicate = bound[1].clone().unwrap_or_default();
    let condition = condition_of(vm, &this, "wait_for")?;
    let timeout = timeout_of(vm, bound[2].clone())?;
    let me = vm.thread().ident;
    let waiting = condition.waiters.borrow().iter().any(|w| w.ident == me);
    if waiting {
        wait_step(vm, &this, &condition, timeout)?;
    }
    loop {
        let result = call_nested(vm, predicate.clone(), Args::default())?;
        if ops::truthy(vm, &result)? || matches!(deadline(vm, timeout), Deadline::Passed) {
            return Ok(result);
        }
        wait_step(vm, &this, &condition, timeout)?;
    }
}

/// Marks the first `n` waiting threads as notified and wakes them.
fn notify_waiters(vm: &mut Vm, args: Args, method: &str, all: bool) -> PyResult {
    let (this, rest) = method_args(vm, args, method)?;
    let condition = condition_of(vm, &this, method)?;
    let n = if all {
        usize::MAX
    } else {
        match rest.positional.first() {
            Some(n) => super::to_index(vm, n)?.max(0) as usize,
            None => 1,
        }
    };
    if !is_owned(vm, &condition)? {
        return Err(error(
            vm,
            "RuntimeError",
            "cannot notify on un-acquired lock",
        ));
    }
    let mut woken = 0;
    for waiter in condition.waiters.borrow_mut().iter_mut() {
        if woken == n {
            break;
        }
        if !waiter.notified && !waiter.timed_out {
            waiter.notified = true;
            woken += 1;
        }
    }
    if woken > 0 {
        vm.notify(this.identity());
    }
    Ok(Value::None)
}

fn condition_notify(vm: &mut Vm, args: Args) -> PyResult {
    notify_waiters(vm, args, "notify", false)
}

fn condition_notify_all(vm: &mut Vm, args: Args) -> PyResult {
    notify_waiters(vm, args, "notify_all", true)
}

// ---------------------------------------------------------------------------------
// Semaphore and BoundedSemaphore

/// `threading.Semaphore(value=1)`: a counter that `acquire` takes from (waiting while
/// it is 0) and `release` gives back to; a bounded one may not pass its start value.
struct Semaphore {
    class: Rc<Class>,
    value: Cell<i64>,
    /// The start value, for a `BoundedSemaphore`.
    bound: Option<i64>,
}

impl NativeObject for Semaphore {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn init_semaphore(vm: &mut Vm, args: Args, name: &'static str, bounded: bool) -> PyResult {
    let bound = Params {
        name,
        names: &["self", "value"],
        required: 1,
        positional: 2,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let value = match &bound[1] {
        Some(value) => super::to_index(vm, value)?,
        None => 1,
    };
    if value < 0 {
        return Err(error(
            vm,
            "ValueError",
            "semaphore initial value must be >= 0",
        ));
    }
    let class = vm.types.class_of(&this);
    set_native(
        &this,
        Rc::new(Semaphore {
            class,
            value: Cell::new(value),
            bound: bounded.then_some(value),
        }),
    );
    Ok(Value::None)
}

fn semaphore_init(vm: &mut Vm, args: Args) -> PyResult {
    init_semaphore(vm, args, "Semaphore.__init__", false)
}

fn bounded_semaphore_init(vm: &mut Vm, args: Args) -> PyResult {
    init_semaphore(vm, args, "BoundedSemaphore.__init__", true)
}

fn semaphore_repr(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__repr__")?;
    let semaphore = held::<Semaphore>(vm, &this, "Semaphore", "__repr__")?;
    let state = match semaphore.bound {
        Some(bound) => format!("value={}/{bound}", semaphore.value.get()),
        None => format!("value={}", semaphore.value.get()),
    };
    Ok(state_repr(vm, &this, &state))
}

/// `semaphore.acquire(blocking=True, timeout=None)`.
fn semaphore_acquire(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Semaphore.acquire",
        names: &["self", "blocking", "timeout"],
        required: 1,
        positional: 3,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let semaphore = held::<Semaphore>(vm, &this, "Semaphore", "acquire")?;
    let blocking = match &bound[1] {
        Some(value) => ops::truthy(vm, value)?,
        None => true,
    };
    let timeout = timeout_of(vm, bound[2].clone())?;
    if !blocking && timeout.is_some() {
        return Err(error(
            vm,
            "ValueError",
            "can't specify timeout for non-blocking acquire",
        ));
    }
    if semaphore.value.get() > 0 {
        semaphore.value.set(semaphore.value.get() - 1);
        return Ok(Value::Bool(true));
    }
    if !blocking {
        return Ok(Value::Bool(false));
    }
    match deadline(vm, timeout) {
        Deadline::Passed => Ok(Value::Bool(false)),
        Deadline::At(at) => Err(vm.block(Some(this.identity()), at, "Semaphore.acquire")),
    }
}

/// Gives `n` back to a semaphore and wakes its waiters.
fn give_to_semaphore(vm: &mut Vm, this: &Value, n: i64) -> PyResult {
    let semaphore = held::<Semaphore>(vm, this, "Semaphore", "release")?;
    if n < 1 {
        return Err(error(vm, "ValueError", "n must be one or more"));
    }
    if let Some(bound) = semaphore.bound
        && semaphore.value.get() + n > bound
    {
        return Err(error(vm, "ValueError", "Semaphore released too many times"));
    }
    semaphore.value.set(semaphore.value.get() + n);
    vm.notify(this.identity());
    Ok(Value::None)
}

/// `semaphore.release(n=1)`.
fn semaphore_release(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Semaphore.release",
        names: &["self", "n"],
        required: 1,
        positional: 2,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let n = match &bound[1] {
        Some(n) => super::to_index(vm, n)?,
        None => 1,
    };
    give_to_semaphore(vm, &this, n)
}

fn semaphore_exit(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__exit__")?;
    give_to_semaphore(vm, &this, 1)
}
