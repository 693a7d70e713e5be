//! `queue`: the thread-safe queues of the lessons' producers and consumers —
//! `Queue` (first in, first out), `LifoQueue`, `PriorityQueue` (a heap, in `heapq`'s
//! order) and `SimpleQueue` — with `queue.Empty` and `queue.Full`.
//!
//! A queue's state is a plain struct (its items, `maxsize`, `unfinished_tasks`) that
//! the page can draw. `get` on an empty queue, `put` on a full one and `join` park
//! their thread on the queue; every change to the queue wakes them to look again.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::{
    Deadline, Params, c_args, deadline, forget_deadline, held, method_args, methods, new_module,
    registered_classes, self_only, set_native, to_float,
};
use crate::syntax::ast::CmpOp;
use crate::value::{Class, Module, Namespace, Value};
use crate::vm::Vm;
use crate::vm::exceptions::{error, instance_of};
use crate::vm::native::{Args, NativeObject, PyResult, Signal};
use crate::vm::ops;
use crate::vm::types::{TypeTag, new_class};

/// Makes `queue` for the current process.
pub fn make(vm: &mut Vm) -> Rc<Module> {
    let module = new_module("queue", Some("queue.py"));
    let classes = classes(vm);
    module.set("Queue", Value::Class(classes.queue));
    module.set("LifoQueue", Value::Class(classes.lifo));
    module.set("PriorityQueue", Value::Class(classes.priority));
    module.set("SimpleQueue", Value::Class(classes.simple));
    module.set("Empty", Value::Class(classes.empty));
    module.set("Full", Value::Class(classes.full));
    module
}

/// The classes of `queue`, made once per VM.
struct Classes {
    queue: Rc<Class>,
    lifo: Rc<Class>,
    priority: Rc<Class>,
    simple: Rc<Class>,
    empty: Rc<Class>,
    full: Rc<Class>,
}

fn classes(vm: &mut Vm) -> Classes {
    let [queue, lifo, priority, simple, empty, full] =
        registered_classes(vm, "queue", make_classes);
    Classes {
        queue,
        lifo,
        priority,
        simple,
        empty,
        full,
    }
}

fn make_classes(vm: &mut Vm) -> [Rc<Class>; 6] {
    let object = vm.types.get(TypeTag::Object).clone();
    let exception = vm.types.exception("Exception");
    let queue = methods(
        "Queue",
        &[
            ("__init__", queue_init),
            ("put", put),
            ("get", get),
            ("put_nowait", put_nowait),
            ("get_nowait", get_nowait),
            ("task_done", task_done),
            ("join", join),
            ("qsize", qsize),
            ("empty", empty),
            ("full", full),
        ],
    );
    let queue = new_class("Queue", "queue", Some(&object), queue, None);
    let lifo = methods("LifoQueue", &[("__init__", lifo_init)]);
    let lifo = new_class("LifoQueue", "queue", Some(&queue), lifo, None);
    let priority = methods("PriorityQueue", &[("__init__", priority_init)]);
    let priority = new_class("PriorityQueue", "queue", Some(&queue), priority, None);
    let simple = methods(
        "_queue.SimpleQueue",
        &[
            ("__init__", simple_init),
            ("put", put),
            ("get", get),
            ("put_nowait", put_nowait),
            ("get_nowait", get_nowait),
            ("qsize", qsize),
            ("empty", empty),
        ],
    );
    let simple = new_class("SimpleQueue", "_queue", Some(&object), simple, None);
    let empty = new_class(
        "Empty",
        "_queue",
        Some(&exception),
        Namespace::default(),
        None,
    );
    let full = new_class(
        "Full",
        "queue",
        Some(&exception),
        Namespace::default(),
        None,
    );
    [queue, lifo, priority, simple, empty, full]
}

/// How a queue orders its items.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// `Queue`: first in, first out.
    Fifo,
    /// `LifoQueue`: last in, first out.
    Lifo,
    /// `PriorityQueue`: smallest first, kept as a binary heap.
    Priority,
    /// `SimpleQueue`: first in, first out, unbounded, without task tracking.
    Simple,
}

/// A queue's items: a deque for the FIFO queues, a list for the others (as CPython
/// keeps them), shared with the object its `queue` attribute gives.
enum Items {
    Deque(Rc<RefCell<VecDeque<Value>>>),
    List(Rc<RefCell<Vec<Value>>>),
}

/// The state of a queue.
struct QueueState {
    class: Rc<Class>,
    order: Order,
    items: Items,
    /// The `queue` attribute: the deque or list of the items.
    view: Value,
    /// `maxsize` as given (0 or less: unbounded).
    maxsize: Value,
    unfinished_tasks: Cell<i64>,
}

impl NativeObject for QueueState {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }
    fn get_attr(&self, name: &str) -> Option<Value> {
        match (name, self.order) {
            (_, Order::Simple) => None,
            ("maxsize", _) => Some(self.maxsize.clone()),
            ("unfinished_tasks", _) => Some(Value::Int(self.unfinished_tasks.get())),
            ("queue", _) => Some(self.view.clone()),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl QueueState {
    /// How many items it holds.
    fn len(&self) -> usize {
        match &self.items {
            Items::Deque(items) => items.borrow().len(),
            Items::List(items) => items.borrow().len(),
        }
    }

    /// Whether it holds no item.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Sets up a queue of `order`: `__init__(self, maxsize=0)`.
fn init(vm: &mut Vm, args: Args, order: Order, name: &'static str) -> PyResult {
    let bound = Params {
        name,
        names: &["self", "maxsize"],
        required: 1,
        positional: 2,
    }
    .bind(vm, args)?;
    let this = bound[0].clone().unwrap_or_default();
    let maxsize = bound[1].clone().unwrap_or(Value::Int(0));
    let (items, view) = match order {
        Order::Fifo | Order::Simple => {
            let items = Rc::new(RefCell::new(VecDeque::new()));
            let view = super::collections::new_deque(vm, items.clone());
            (Items::Deque(items), view)
        }
        Order::Lifo | Order::Priority => {
            let items = Rc::new(RefCell::new(Vec::new()));
            (Items::List(items.clone()), Value::List(items))
        }
    };
    let class = vm.types.class_of(&this);
    set_native(
        &this,
        Rc::new(QueueState {
            class,
            order,
            items,
            view,
            maxsize,
            unfinished_tasks: Cell::new(0),
        }),
    );
    Ok(Value::None)
}

fn queue_init(vm: &mut Vm, args: Args) -> PyResult {
    init(vm, args, Order::Fifo, "Queue.__init__")
}

fn lifo_init(vm: &mut Vm, args: Args) -> PyResult {
    init(vm, args, Order::Lifo, "Queue.__init__")
}

fn priority_init(vm: &mut Vm, args: Args) -> PyResult {
    init(vm, args, Order::Priority, "Queue.__init__")
}

/// `SimpleQueue()`.
fn simple_init(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = method_args(vm, args, "__init__")?;
    c_args(vm, rest, "SimpleQueue", 0, 0)?;
    init(vm, Args::new(vec![this]), Order::Simple, "SimpleQueue")
}

fn state(vm: &mut Vm, this: &Value, method: &str) -> PyResult<super::Held<QueueState>> {
    held::<QueueState>(vm, this, "Queue", method)
}

/// `maxsize` as a number, when it bounds the queue (CPython: `if self.maxsize > 0`).
fn bound(vm: &mut Vm, queue: &QueueState) -> PyResult<Option<f64>> {
    if queue.order == Order::Simple {
        return Ok(None);
    }
    let positive = ops::compare(vm, CmpOp::Gt, &queue.maxsize, &Value::Int(0))?;
    if !ops::truthy(vm, &positive)? {
        return Ok(None);
    }
    Ok(Some(to_float(vm, &queue.maxsize)?))
}

/// Whether the queue is at its `maxsize`.
fn is_full(vm: &mut Vm, queue: &QueueState) -> PyResult<bool> {
    Ok(bound(vm, queue)?.is_some_and(|max| queue.len() as f64 >= max))
}

/// A `timeout` argument: None, or seconds (ValueError when negative), checked as
/// CPython checks it with `timeout < 0`.
fn timeout_of(vm: &mut Vm, value: &Value) -> PyResult<Option<f64>> {
    if matches!(value, Value::None) {
        return Ok(None);
    }
    if ops::less_than(vm, value, &Value::Int(0))? {
        return Err(error(
            vm,
            "ValueError",
            "'timeout' must be a non-negative number",
        ));
    }
    to_float(vm, value).map(Some)
}

/// Adds an item where its order puts it.
fn push(vm: &mut Vm, queue: &QueueState, item: Value) -> PyResult<()> {
    match &queue.items {
        Items::Deque(items) => items.borrow_mut().push_back(item),
        Items::List(items) if queue.order == Order::Lifo => items.borrow_mut().push(item),
        Items::List(items) => {
            // heapq.heappush: append, then sift the new item up.
            items.borrow_mut().push(item);
            let last = items.borrow().len() - 1;
            sift_down(vm, items, 0, last)?;
        }
    }
    Ok(())
}

/// Takes the item its order gives next (the queue is not empty).
fn pop(vm: &mut Vm, queue: &QueueState) -> PyResult<Value> {
    match &queue.items {
        Items::Deque(items) => Ok(items.borrow_mut().pop_front().unwrap_or_default()),
        Items::List(items) if queue.order == Order::Lifo => {
            Ok(items.borrow_mut().pop().unwrap_or_default())
        }
        Items::List(items) => heappop(vm, items),
    }
}

/// `heapq`'s `_siftdown`: moves the item at `pos` up towards `start` while it is
/// smaller than its parent.
fn sift_down(
    vm: &mut Vm,
    heap: &RefCell<Vec<Value>>,
    start: usize,
    mut pos: usize,
) -> PyResult<()> {
    let new_item = heap.borrow()[pos].clone();
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let parent = heap.borrow()[parent_pos].clone();
        if ops::less_than(vm, &new_item, &parent)? {
            heap.borrow_mut()[pos] = parent;
            pos = parent_pos;
            continue;
        }
        break;
    }
    heap.borrow_mut()[pos] = new_item;
    Ok(())
}

/// `heapq`'s `_siftup`: moves the smaller child up until a leaf is reached, puts the
/// item at `pos` there, then sifts it back into place.
fn sift_up(vm: &mut Vm, heap: &RefCell<Vec<Value>>, mut pos: usize) -> PyResult<()> {
    let end = heap.borrow().len();
    let start = pos;
    let new_item = heap.borrow()[pos].clone();
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end {
            let (left_item, right_item) = {
                let heap = heap.borrow();
                (heap[child].clone(), heap[right].clone())
            };
            if !ops::less_than(vm, &left_item, &right_item)? {
                child = right;
            }
        }
        let moved = heap.borrow()[child].clone();
        heap.borrow_mut()[pos] = moved;
        pos = child;
        child = 2 * pos + 1;
    }
    heap.borrow_mut()[pos] = new_item;
    sift_down(vm, heap, start, pos)
}

/// `heapq.heappop`: the smallest item.
fn heappop(vm: &mut Vm, heap: &RefCell<Vec<Value>>) -> PyResult<Value> {
    let last = heap.borrow_mut().pop().unwrap_or_default();
    if heap.borrow().is_empty() {
        return Ok(last);
    }
    let smallest = std::mem::replace(&mut heap.borrow_mut()[0], last);
    sift_up(vm, heap, 0)?;
    Ok(smallest)
}

/// `queue.put(item, block=True, timeout=None)`: waits while a bounded queue is full
/// (raising `queue.Full` when not blocking or when the timeout passes).
fn put(vm: &mut Vm, args: Args) -> PyResult {
    let bound_args = Params {
        name: "Queue.put",
        names: &["self", "item", "block", "timeout"],
        required: 2,
        positional: 4,
    }
    .bind(vm, args)?;
    let [this, item, block, timeout] = bound_args.try_into().expect("four parameters");
    let this = this.unwrap_or_default();
    let block = match &block {
        Some(block) => ops::truthy(vm, block)?,
        None => true,
    };
    put_item(
        vm,
        &this,
        item.unwrap_or_default(),
        block,
        timeout.unwrap_or_default(),
    )
}

/// The body of `put` (and of `put_nowait`).
fn put_item(vm: &mut Vm, this: &Value, item: Value, block: bool, timeout: Value) -> PyResult {
    let queue = state(vm, this, "put")?;
    if bound(vm, &queue)?.is_some() {
        if !block {
            if is_full(vm, &queue)? {
                return Err(Signal::Raise(instance_of(classes(vm).full, Vec::new())));
            }
        } else {
            let timeout = timeout_of(vm, &timeout)?;
            if is_full(vm, &queue)? {
                return Err(match deadline(vm, timeout) {
                    Deadline::Passed => {
                        forget_deadline(vm);
                        Signal::Raise(instance_of(classes(vm).full, Vec::new()))
                    }
                    Deadline::At(at) => vm.block(Some(this.identity()), at, "Queue.put"),
                });
            }
        }
    }
    push(vm, &queue, item)?;
    if queue.order != Order::Simple {
        queue.unfinished_tasks.set(queue.unfinished_tasks.get() + 1);
    }
    vm.notify(this.identity());
    Ok(Value::None)
}

/// `queue.get(block=True, timeout=None)`: the next item, waiting while the queue is
/// empty (raising `queue.Empty` when not blocking or when the timeout passes).
fn get(vm: &mut Vm, args: Args) -> PyResult {
    let bound_args = Params {
        name: "Queue.get",
        names: &["self", "block", "timeout"],
        required: 1,
        positional: 3,
    }
    .bind(vm, args)?;
    let [this, block, timeout] = bound_args.try_into().expect("three parameters");
    let this = this.unwrap_or_default();
    let block = match &block {
        Some(block) => ops::truthy(vm, block)?,
        None => true,
    };
    get_item(vm, &this, block, timeout.unwrap_or_default())
}

/// The body of `get` (and of `get_nowait`).
fn get_item(vm: &mut Vm, this: &Value, block: bool, timeout: Value) -> PyResult {
    let queue = state(vm, this, "get")?;
    if !block {
        if queue.is_empty() {
            return Err(Signal::Raise(instance_of(classes(vm).empty, Vec::new())));
        }
    } else {
        let timeout = timeout_of(vm, &timeout)?;
        if queue.is_empty() {
            return Err(match deadline(vm, timeout) {
                Deadline::Passed => {
                    forget_deadline(vm);
                    Signal::Raise(instance_of(classes(vm).empty, Vec::new()))
                }
                Deadline::At(at) => vm.block(Some(this.identity()), at, "Queue.get"),
            });
        }
    }
    let item = pop(vm, &queue)?;
    vm.notify(this.identity());
    Ok(item)
}

/// `queue.put_nowait(item)`: `put(item, block=False)`.
fn put_nowait(vm: &mut Vm, args: Args) -> PyResult {
    let bound = Params {
        name: "Queue.put_nowait",
        names: &["self", "item"],
        required: 2,
        positional: 2,
    }
    .bind(vm, args)?;
    let [this, item] = bound.try_into().expect("two parameters");
    put_item(
        vm,
        &this.unwrap_or_default(),
        item.unwrap_or_default(),
        false,
        Value::None,
    )
}

/// `queue.get_nowait()`: `get(block=False)`.
fn get_nowait(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Queue.get_nowait")?;
    get_item(vm, &this, false, Value::None)
}

/// `queue.task_done()`: one item put earlier is finished with; `join()` returns once
/// all are.
fn task_done(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Queue.task_done")?;
    let queue = state(vm, &this, "task_done")?;
    let unfinished = queue.unfinished_tasks.get() - 1;
    if unfinished < 0 {
        return Err(error(vm, "ValueError", "task_done() called too many times"));
    }
    queue.unfinished_tasks.set(unfinished);
    if unfinished == 0 {
        vm.notify(this.identity());
    }
    Ok(Value::None)
}

/// `queue.join()`: waits until every item put has been marked done.
fn join(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Queue.join")?;
    let queue = state(vm, &this, "join")?;
    if queue.unfinished_tasks.get() == 0 {
        return Ok(Value::None);
    }
    Err(vm.block(Some(this.identity()), None, "Queue.join"))
}

fn qsize(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Queue.qsize")?;
    let queue = state(vm, &this, "qsize")?;
    Ok(Value::Int(queue.len() as i64))
}

fn empty(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Queue.empty")?;
    let queue = state(vm, &this, "empty")?;
    Ok(Value::Bool(queue.is_empty()))
}

/// `queue.full()`: `0 < maxsize <= qsize()`.
fn full(vm: &mut Vm, args: Args) -> PyResult {
    let this = self_only(vm, args, "Queue.full")?;
    let queue = state(vm, &this, "full")?;
    is_full(vm, &queue).map(Value::Bool)
}
