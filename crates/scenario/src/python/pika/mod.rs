//! pika, the Python client of RabbitMQ, over the page's broker.
//!
//! pika is written in Python, and so is this model of it: the `*.py` files next to
//! this one are its modules (`pika.exceptions`, `pika.spec`, `pika.adapters.
//! blocking_connection`…), run by the VM when a program imports `pika`, their frames
//! left out of tracebacks. What a socket does in pika is done here, in Rust: each AMQP
//! method goes straight to the [`Broker`] shared with the page (`_broker.call`), and a
//! client waiting for deliveries parks its thread until the broker changed
//! (`_broker.wait`), so `start_consuming` and a callback's `time.sleep` run on the
//! virtual clock.
//!
//! A process's connections are the broker's own: when the process ends, its
//! connections close and their unacked messages go back to their queues
//! ([`Pika::close_ended`]).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use python::modules::{Deadline, deadline, forget_deadline, new_module};
use python::value::{Module, Value};
use python::vm::exceptions::error;
use python::vm::import::run_library;
use python::vm::native::{Args, PyResult, Signal};
use python::vm::{ModuleProvider, Stream, Vm};
use rabbitmq_sim::broker::delivery::Delivery;
use rabbitmq_sim::message::Properties;
use rabbitmq_sim::value::{FieldTable, FieldValue};
use rabbitmq_sim::{AmqpError, Broker, ExchangeDeclare, Publish, QueueDeclare};

use super::{Body, bytes, function};
use crate::rabbitmq::SharedSimulation;

/// Which pika a program is written for: the call shapes differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PikaVersion {
    /// pika 1.x, what `pip install pika` gives (1.4).
    One,
    /// pika 0.10 to 0.13, as older course notes write it: `basic_consume(callback,
    /// queue=…, no_ack=…)`.
    Zero,
}

/// The modules of the package, in the order they are run (each imports only earlier
/// ones): the name under `pika.`, and its source.
const MODULES: &[(&str, &str)] = &[
    ("exceptions", include_str!("exceptions.py")),
    ("spec", include_str!("spec.py")),
    ("frame", include_str!("frame.py")),
    ("delivery_mode", include_str!("delivery_mode.py")),
    ("credentials", include_str!("credentials.py")),
    ("connection", include_str!("connection.py")),
    (
        "adapters.blocking_connection",
        include_str!("blocking_connection.py"),
    ),
];

/// The version `pika.__version__` reports.
const VERSION_1: &str = "1.4.4";
const VERSION_0: &str = "0.13.1";

/// The addresses where the page's broker listens.
const LOCAL_HOSTS: &[&str] = &["localhost", "127.0.0.1", "::1", "localhost.localdomain"];
const AMQP_PORT: i64 = 5672;

/// pika's view of the broker: which process owns which connection.
pub struct Pika {
    simulation: SharedSimulation,
    /// The pika programs import from now on (those running keep theirs).
    version: Cell<PikaVersion>,
    /// Whether the broker's clock follows the programs' (the CLI, where the broker is
    /// theirs alone) or keeps its own (a page, whose controls run its clock).
    follows_clock: bool,
    /// Connections opened by programs: (process, broker connection, its program's label).
    connections: RefCell<Vec<(usize, u32, Rc<str>)>>,
    /// The label of every channel programs opened, kept after it closes: the page
    /// draws its messages after the program that sent them may have ended.
    channels: RefCell<BTreeMap<u32, Rc<str>>>,
    /// Connections that `add_callback_threadsafe` asked to wake.
    poked: RefCell<Vec<u32>>,
    /// Numbers the client-made consumer tags (`ctag1.…`), which pika draws from uuid4.
    tags: RefCell<u64>,
    seed: u64,
}

impl Pika {
    /// pika of `version` over `simulation`'s broker; `seed` makes its consumer tags.
    /// When `follows_clock`, every method first moves the broker's clock up to the
    /// programs' (message TTLs expire on their time).
    pub fn new(
        simulation: SharedSimulation,
        version: PikaVersion,
        seed: u64,
        follows_clock: bool,
    ) -> Rc<Pika> {
        Rc::new(Pika {
            simulation,
            version: Cell::new(version),
            follows_clock,
            connections: RefCell::default(),
            channels: RefCell::default(),
            poked: RefCell::default(),
            tags: RefCell::new(0),
            seed,
        })
    }

    /// The provider that gives programs `import pika`.
    pub fn provider(self: &Rc<Self>) -> ModuleProvider {
        let pika = self.clone();
        Rc::new(move |vm, name| (name == "pika").then(|| package(vm, &pika)))
    }

    /// The pika programs import.
    pub fn version(&self) -> PikaVersion {
        self.version.get()
    }

    /// Makes programs that import pika from now on get `version`'s call shapes.
    pub fn set_version(&self, version: PikaVersion) {
        self.version.set(version);
    }

    /// What a host does after each slice of its programs: closes the connections of
    /// processes that ended, and wakes the programs' consumers when deliveries wait for
    /// them that came from outside the programs (the page's simulated producers, its
    /// console).
    pub fn tend(&self, vm: &mut Vm) {
        self.close_ended(vm);
        let waiting = {
            let simulation = self.simulation.borrow();
            let broker = simulation.broker();
            let connections = self.connections.borrow();
            connections.iter().any(|(_, conn, _)| {
                broker.connections().get(conn).is_some_and(|c| {
                    c.channels
                        .iter()
                        .any(|ch| broker.next_channel_with_deliveries(*ch) == Some(*ch))
                })
            })
        };
        if waiting {
            self.notify(vm);
        }
    }

    /// What threads waiting for the broker wait on.
    fn key(&self) -> usize {
        self.simulation.identity()
    }

    /// Wakes the programs' threads that wait for deliveries: the broker changed
    /// outside them (the page's simulated clients, its console).
    pub fn notify(&self, vm: &mut Vm) {
        vm.notify(self.key());
    }

    /// Closes the connections of processes that have ended, as the broker does when
    /// their sockets close: their channels' unacked messages are requeued.
    pub fn close_ended(&self, vm: &mut Vm) {
        let ended: Vec<u32> = {
            let mut connections = self.connections.borrow_mut();
            let (ended, live) = connections
                .drain(..)
                .partition::<Vec<_>, _>(|(pid, _, _)| vm.process_ended(*pid));
            *connections = live;
            ended.into_iter().map(|(_, conn, _)| conn).collect()
        };
        if ended.is_empty() {
            return;
        }
        let mut simulation = self.simulation.borrow_mut();
        for connection in ended {
            simulation.broker_mut().close_connection(connection);
        }
        drop(simulation);
        self.notify(vm);
    }

    /// The broker, its clock moved up to the VM's if it follows it.
    fn with_broker<T>(&self, vm: &Vm, act: impl FnOnce(&mut Broker) -> T) -> T {
        let mut simulation = self.simulation.borrow_mut();
        let broker = simulation.broker_mut();
        if self.follows_clock {
            broker.advance_to(super::now_ms(vm));
        }
        act(broker)
    }

    /// Who opened each channel the programs opened: the program's label (`send.py`, or
    /// `worker.py #2` for a second process of one file), by channel id.
    pub fn channel_labels(&self) -> std::cell::Ref<'_, BTreeMap<u32, Rc<str>>> {
        self.channels.borrow()
    }

    /// The label a new connection of process `pid`, running `program`, goes by: the
    /// process's own if it has one, else the file, numbered when another live process
    /// runs the same file.
    fn label(&self, pid: usize, program: &str) -> Rc<str> {
        let connections = self.connections.borrow();
        if let Some((_, _, label)) = connections.iter().find(|(p, _, _)| *p == pid) {
            return label.clone();
        }
        let taken = |label: &str| connections.iter().any(|(_, _, l)| &**l == label);
        if !taken(program) {
            return Rc::from(program);
        }
        (2..)
            .map(|n| format!("{program} #{n}"))
            .find(|label| !taken(label))
            .map_or_else(|| Rc::from(program), |label| Rc::from(label.as_str()))
    }
}

/// Builds the `pika` package for the importing process.
fn package(vm: &mut Vm, pika: &Rc<Pika>) -> Value {
    match build(vm, pika) {
        Ok(module) => module,
        Err(signal) => {
            // Only a fault of this model gets here: say so rather than hide it.
            let what = match signal {
                Signal::Raise(exc) => python::vm::exceptions::exception_line(vm, &exc),
                _ => "a blocking call\n".to_owned(),
            };
            vm.write(
                Stream::Stderr,
                &format!("playground: pika failed to load: {what}"),
            );
            Value::None
        }
    }
}

fn build(vm: &mut Vm, pika: &Rc<Pika>) -> PyResult {
    let root = new_module("pika", None);
    let root_value = Value::Module(root.clone());
    // Registered first, so that the modules' own `from pika import …` find it.
    vm.process()
        .modules
        .insert(Rc::from("pika"), root_value.clone());
    let adapters = new_module("pika.adapters", None);
    root.set("adapters", Value::Module(adapters.clone()));
    let broker = broker_module(vm, pika);
    for (name, source) in MODULES {
        let full = format!("pika.{name}");
        let module = Rc::new(Module::new(&full));
        if *name == "adapters.blocking_connection" {
            module.set("_broker", Value::Module(broker.clone()));
            let shapes = match pika.version() {
                PikaVersion::One => 1,
                PikaVersion::Zero => 0,
            };
            module.set("_SHAPES", Value::Int(shapes));
            adapters.set("blocking_connection", Value::Module(module.clone()));
        } else {
            root.set(name, Value::Module(module.clone()));
        }
        let file = format!("pika/{}.py", name.replace('.', "/"));
        if let Err(signal) = run_library(vm, &module, &file, source) {
            vm.process().modules.remove("pika");
            return Err(signal);
        }
    }
    let get = |module: &str, name: &str| -> Value {
        let module = match module {
            "adapters.blocking_connection" => adapters.get("blocking_connection"),
            module => root.get(module),
        };
        match module {
            Some(Value::Module(m)) => m.get(name).unwrap_or_default(),
            _ => Value::None,
        }
    };
    let exports = [
        ("BlockingConnection", "adapters.blocking_connection"),
        ("BasicProperties", "spec"),
        ("ConnectionParameters", "connection"),
        ("URLParameters", "connection"),
        ("PlainCredentials", "credentials"),
        ("DeliveryMode", "delivery_mode"),
    ];
    for (name, module) in exports {
        let value = get(module, name);
        root.set(name, value.clone());
        if name == "BlockingConnection" {
            adapters.set(name, value);
        }
    }
    let version = match pika.version() {
        PikaVersion::One => VERSION_1,
        PikaVersion::Zero => VERSION_0,
    };
    root.set("__version__", Value::str(version));
    Ok(root_value)
}

/// A function of `_broker`: its positional arguments in, a Python value out.
type Native = fn(&Pika, &mut Vm, Vec<Value>) -> PyResult;

/// `_broker`: the functions the Python of pika calls where the real one writes to its
/// socket.
fn broker_module(vm: &mut Vm, pika: &Rc<Pika>) -> Rc<Module> {
    let module = new_module("pika._broker", None);
    let natives: [(&str, Native); 9] = [
        ("connect", connect),
        ("open_channel", open_channel),
        ("close_channel", close_channel),
        ("close_connection", close_connection),
        ("call", call),
        ("take", take),
        ("wait", wait),
        ("consumer_tag", consumer_tag),
        ("poke", poke),
    ];
    for (name, native) in natives {
        let pika = pika.clone();
        let body: Body = Rc::new(move |vm: &mut Vm, args: Args| native(&pika, vm, args.positional));
        let value = function(vm, &format!("_broker.{name}"), body);
        module.set(name, value);
    }
    module
}

fn text(value: Option<&Value>) -> String {
    match value {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        Some(Value::None) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

fn int(value: Option<&Value>) -> i64 {
    match value {
        Some(Value::Int(i)) => *i,
        Some(Value::Bool(b)) => i64::from(*b),
        _ => 0,
    }
}

fn flag(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::Int(i)) => *i != 0,
        Some(Value::None) | None => false,
        Some(_) => true,
    }
}

/// `connect(host, port, vhost, username, password)`: the new connection's id, or why
/// there is none: `refused`, `auth` or `vhost`.
fn connect(pika: &Pika, vm: &mut Vm, args: Vec<Value>) -> PyResult {
    let host = text(args.first()).to_ascii_lowercase();
    let port = int(args.get(1));
    if !LOCAL_HOSTS.contains(&host.as_str()) || port != AMQP_PORT {
        return Ok(Value::str("refused"));
    }
    if text(args.get(3)) != "guest" || text(args.get(4)) != "guest" {
        return Ok(Value::str("auth"));
    }
    if text(args.get(2)) != "/" {
        return Ok(Value::str("vhost"));
    }
    let pid = vm.threads[vm.current].process;
    let program = vm.processes[pid]
        .argv
        .first()
        .map(|path| path.rsplit('/').next().unwrap_or(path).to_owned())
        .unwrap_or_default();
    let label = pika.label(
        pid,
        if program.is_empty() {
            "python3"
        } else {
            &program
        },
    );
    let id = pika.with_broker(vm, |broker| broker.open_connection(&label));
    pika.connections.borrow_mut().push((pid, id, label));
    Ok(Value::Int(i64::from(id)))
}

fn open_channel(pika: &Pika, vm: &mut Vm, args: Vec<Value>) -> PyResult {
    let connection = int(args.first()) as u32;
    match pika.with_broker(vm, |broker| broker.open_channel(connection)) {
        Ok(id) => {
            let label = pika
                .connections
                .borrow()
                .iter()
                .find(|(_, conn, _)| *conn == connection)
                .map(|(_, _, label)| label.clone());
            if let Some(label) = label {
                pika.channels.borrow_mut().insert(id, label);
            }
            Ok(Value::Int(i64::from(id)))
        }
        Err(e) => Err(error(vm, "RuntimeError", &e.to_string())),
    }
}

fn close_channel(pika: &Pika, vm: &mut Vm, args: Vec<Value>) -> PyResult {
    let channel = int(args.first()) as u32;
    pika.with_broker(vm, |broker| broker.close_channel(channel));
    pika.notify(vm);
    Ok(Value::None)
}

fn close_connection(pika: &Pika, vm: &mut Vm, args: Vec<Value>) -> PyResult {
    let connection = int(args.first()) as u32;
    pika.with_broker(vm, |broker| broker.close_connection(connection));
    pika.connections
        .borrow_mut()
        .retain(|(_, conn, _)| *conn != connection);
    pika.notify(vm);
    Ok(Value::None)
}

/// `call(channel, method, *arguments)`: `('ok', result)`, or `('closed', code, text,
/// whole_connection)` when the broker closed the channel or the connection for it.
fn call(pika: &Pika, vm: &mut Vm, args: Vec<Value>) -> PyResult {
    let channel = int(args.first()) as u32;
    let method = text(args.get(1));
    let a = &args[2.min(args.len())..];
    let arg = |i: usize| a.get(i);
    let table = |vm: &mut Vm, i: usize| field_table(vm, arg(i));
    let result: Result<Value, AmqpError> = match method.as_str() {
        "exchange_declare" => {
            let declare = ExchangeDeclare {
                exchange: text(arg(0)),
                kind: text(arg(1)),
                passive: flag(arg(2)),
                durable: flag(arg(3)),
                auto_delete: flag(arg(4)),
                internal: flag(arg(5)),
                arguments: table(vm, 6)?,
            };
            pika.with_broker(vm, |b| b.exchange_declare(channel, &declare))
                .map(|()| Value::None)
        }
        "exchange_delete" => {
            let (name, if_unused) = (text(arg(0)), flag(arg(1)));
            pika.with_broker(vm, |b| b.exchange_delete(channel, &name, if_unused))
                .map(|()| Value::None)
        }
        "exchange_bind" | "exchange_unbind" | "queue_bind" | "queue_unbind" => {
            let (destination, source, key) = (text(arg(0)), text(arg(1)), text(arg(2)));
            let arguments = table(vm, 3)?;
            pika.with_broker(vm, |b| match method.as_str() {
                "exchange_bind" => {
                    b.exchange_bind(channel, &destination, &source, &key, &arguments)
                }
                "exchange_unbind" => {
                    b.exchange_unbind(channel, &destination, &source, &key, &arguments)
                }
                "queue_bind" => b.queue_bind(channel, &destination, &source, &key, &arguments),
                _ => b.queue_unbind(channel, &destination, &source, &key, &arguments),
            })
            .map(|()| Value::None)
        }
        "queue_declare" => {
            let declare = QueueDeclare {
                queue: text(arg(0)),
                passive: flag(arg(1)),
                durable: flag(arg(2)),
                exclusive: flag(arg(3)),
                auto_delete: flag(arg(4)),
                arguments: table(vm, 5)?,
            };
            pika.with_broker(vm, |b| b.queue_declare(channel, &declare))
                .map(|ok| {
                    Value::tuple(vec![
                        Value::str(&ok.queue),
                        Value::Int(ok.message_count as i64),
                        Value::Int(ok.consumer_count as i64),
                    ])
                })
        }
        "queue_delete" => {
            let (name, if_unused, if_empty) = (text(arg(0)), flag(arg(1)), flag(arg(2)));
            pika.with_broker(vm, |b| b.queue_delete(channel, &name, if_unused, if_empty))
                .map(|count| Value::Int(count as i64))
        }
        "queue_purge" => {
            let name = text(arg(0));
            pika.with_broker(vm, |b| b.queue_purge(channel, &name))
                .map(|count| Value::Int(count as i64))
        }
        "basic_qos" => {
            let count = u16::try_from(int(arg(0))).unwrap_or(u16::MAX);
            let global = flag(arg(1));
            pika.with_broker(vm, |b| b.basic_qos(channel, count, global))
                .map(|()| Value::None)
        }
        "basic_qos_size" => Err(AmqpError::not_implemented(
            "prefetch_size!=0 (".to_owned() + &int(arg(0)).to_string() + ")",
        )),
        "basic_consume" => {
            let (queue, tag) = (text(arg(0)), text(arg(1)));
            let (no_ack, exclusive) = (flag(arg(2)), flag(arg(3)));
            pika.with_broker(vm, |b| {
                b.basic_consume(channel, &queue, &tag, no_ack, exclusive)
            })
            .map(|tag| Value::str(&tag))
        }
        "basic_cancel" => {
            let tag = text(arg(0));
            pika.with_broker(vm, |b| b.basic_cancel(channel, &tag))
                .map(|()| Value::None)
        }
        "basic_get" => {
            let (queue, no_ack) = (text(arg(0)), flag(arg(1)));
            pika.with_broker(vm, |b| b.basic_get(channel, &queue, no_ack))
                .map(|got| got.map_or(Value::None, |d| delivery(&d)))
        }
        "basic_publish" => {
            let publish = Publish {
                exchange: Rc::from(text(arg(0))),
                routing_key: Rc::from(text(arg(1))),
                payload: match arg(2) {
                    Some(Value::Bytes(b)) => b.to_vec(),
                    other => text(other).into_bytes(),
                },
                properties: properties(vm, arg(3))?,
                mandatory: flag(arg(4)),
            };
            pika.with_broker(vm, |b| b.basic_publish(channel, publish))
                .map(|published| {
                    let acked = published.confirm.is_none_or(|(_, ack)| ack);
                    Value::tuple(vec![Value::Bool(published.returned), Value::Bool(acked)])
                })
        }
        "basic_ack" => {
            let (tag, multiple) = (int(arg(0)) as u64, flag(arg(1)));
            pika.with_broker(vm, |b| b.basic_ack(channel, tag, multiple))
                .map(|()| Value::None)
        }
        "basic_nack" => {
            let (tag, multiple, requeue) = (int(arg(0)) as u64, flag(arg(1)), flag(arg(2)));
            pika.with_broker(vm, |b| b.basic_nack(channel, tag, multiple, requeue))
                .map(|()| Value::None)
        }
        "basic_reject" => {
            let (tag, requeue) = (int(arg(0)) as u64, flag(arg(1)));
            pika.with_broker(vm, |b| b.basic_reject(channel, tag, requeue))
                .map(|()| Value::None)
        }
        "confirm_select" => pika
            .with_broker(vm, |b| b.confirm_select(channel))
            .map(|()| Value::None),
        other => {
            return Err(error(
                vm,
                "AttributeError",
                &format!("no AMQP method {other}"),
            ));
        }
    };
    pika.notify(vm);
    Ok(match result {
        Ok(value) => Value::tuple(vec![Value::str("ok"), value]),
        Err(e) => Value::tuple(vec![
            Value::str("closed"),
            Value::Int(i64::from(e.code)),
            Value::str(&e.text),
            Value::Bool(e.scope == rabbitmq_sim::error::Scope::Connection),
        ]),
    })
}

/// The deliveries waiting on a channel, as tuples the Python side unpacks.
fn take(pika: &Pika, vm: &mut Vm, args: Vec<Value>) -> PyResult {
    let channel = int(args.first()) as u32;
    let deliveries = pika.with_broker(vm, |broker| broker.take_deliveries(channel));
    Ok(Value::list(deliveries.iter().map(delivery).collect()))
}

/// `wait(connection, timeout)`: returns once a delivery waits on one of the
/// connection's channels (True), or the timeout passed (False); parks the thread until
/// then.
fn wait(pika: &Pika, vm: &mut Vm, args: Vec<Value>) -> PyResult {
    let connection = int(args.first()) as u32;
    let poked = {
        let mut poked = pika.poked.borrow_mut();
        let found = poked.iter().position(|c| *c == connection);
        found.map(|i| poked.remove(i)).is_some()
    };
    let ready = poked
        || pika.with_broker(vm, |broker| match broker.connections().get(&connection) {
            None => true,
            Some(conn) => conn
                .channels
                .iter()
                .any(|ch| broker.next_channel_with_deliveries(*ch) == Some(*ch)),
        });
    if ready {
        forget_deadline(vm);
        return Ok(Value::Bool(true));
    }
    let timeout = match args.get(1) {
        Some(Value::Int(i)) => Some(*i as f64),
        Some(Value::Float(f)) => Some(*f),
        _ => None,
    };
    match deadline(vm, timeout) {
        Deadline::Passed => {
            forget_deadline(vm);
            Ok(Value::Bool(false))
        }
        Deadline::At(at) => Err(vm.block(
            Some(pika.key()),
            at,
            "BlockingConnection.process_data_events",
        )),
    }
}

/// `poke(connection)`: wakes a `wait` on the connection (`add_callback_threadsafe`).
fn poke(pika: &Pika, vm: &mut Vm, args: Vec<Value>) -> PyResult {
    pika.poked.borrow_mut().push(int(args.first()) as u32);
    pika.notify(vm);
    Ok(Value::None)
}

/// `ctag<channel>.<32 hex digits>`, as pika names its consumers (from the world's seed
/// rather than uuid4, so a run replays).
fn consumer_tag(pika: &Pika, _vm: &mut Vm, args: Vec<Value>) -> PyResult {
    let number = {
        let mut tags = pika.tags.borrow_mut();
        *tags += 1;
        *tags
    };
    let mut state = pika.seed ^ number.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut hex = String::with_capacity(32);
    for _ in 0..2 {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        hex.push_str(&format!("{:016x}", z ^ (z >> 31)));
    }
    Ok(Value::str(&format!("ctag{}.{hex}", int(args.first()))))
}

/// A delivery as the tuple `_Delivery` unpacks: consumer tag, delivery tag, exchange,
/// routing key, redelivered, the 14 basic properties, body, messages left.
fn delivery(d: &Delivery) -> Value {
    let m = &d.message;
    Value::tuple(vec![
        d.consumer_tag.as_deref().map_or(Value::None, Value::str),
        Value::Int(d.delivery_tag as i64),
        Value::str(&m.exchange),
        Value::str(&m.routing_key),
        Value::Bool(m.redelivered),
        properties_tuple(&m.properties),
        bytes(&m.payload),
        Value::Int(d.message_count as i64),
    ])
}

fn optional(text: &Option<String>) -> Value {
    text.as_deref().map_or(Value::None, Value::str)
}

/// The properties in `BasicProperties.__init__`'s order.
fn properties_tuple(p: &Properties) -> Value {
    Value::tuple(vec![
        optional(&p.content_type),
        optional(&p.content_encoding),
        p.headers.as_ref().map_or(Value::None, table_value),
        p.delivery_mode
            .map_or(Value::None, |m| Value::Int(i64::from(m))),
        p.priority.map_or(Value::None, |m| Value::Int(i64::from(m))),
        optional(&p.correlation_id),
        optional(&p.reply_to),
        optional(&p.expiration),
        optional(&p.message_id),
        p.timestamp.map_or(Value::None, |t| Value::Int(t as i64)),
        optional(&p.kind),
        optional(&p.user_id),
        optional(&p.app_id),
        optional(&p.cluster_id),
    ])
}

/// The properties from the tuple `basic_publish` passes, in the same order.
fn properties(vm: &mut Vm, value: Option<&Value>) -> PyResult<Properties> {
    let Some(Value::Tuple(fields)) = value else {
        return Ok(Properties::default());
    };
    let field = |i: usize| fields.get(i).filter(|v| !matches!(v, Value::None));
    let string = |i: usize| field(i).map(|v| text(Some(v)));
    let small = |i: usize| field(i).map(|v| int(Some(v)).clamp(0, 255) as u8);
    Ok(Properties {
        content_type: string(0),
        content_encoding: string(1),
        headers: match field(2) {
            Some(_) => Some(field_table(vm, field(2))?),
            None => None,
        },
        delivery_mode: small(3),
        priority: small(4),
        correlation_id: string(5),
        reply_to: string(6),
        expiration: string(7),
        message_id: string(8),
        timestamp: field(9).map(|v| int(Some(v)).max(0) as u64),
        kind: string(10),
        user_id: string(11),
        app_id: string(12),
        cluster_id: string(13),
    })
}

/// A dict of arguments or headers as the AMQP table pika encodes it.
fn field_table(vm: &mut Vm, value: Option<&Value>) -> PyResult<FieldTable> {
    let mut table = FieldTable::new();
    let Some(Value::Dict(dict)) = value else {
        return Ok(table);
    };
    let entries: Vec<(Value, Value)> = dict
        .borrow()
        .entries
        .iter()
        .map(|(key, value)| (key.0.clone(), value.clone()))
        .collect();
    for (key, value) in entries {
        table.insert(text(Some(&key)), field_value(vm, &value)?);
    }
    Ok(table)
}

fn field_value(vm: &mut Vm, value: &Value) -> PyResult<FieldValue> {
    Ok(match value {
        Value::Bool(b) => FieldValue::Bool(*b),
        Value::Int(i) => match i32::try_from(*i) {
            Ok(small) => FieldValue::SignedInt(small),
            Err(_) => FieldValue::Long(*i),
        },
        Value::Float(f) => FieldValue::Double(*f),
        Value::Str(s) => FieldValue::LongStr(s.to_string()),
        Value::Bytes(b) => FieldValue::LongStr(String::from_utf8_lossy(b).into_owned()),
        Value::None => FieldValue::Void,
        Value::Dict(_) => FieldValue::Table(field_table(vm, Some(value))?),
        Value::List(items) => {
            let items = items.borrow().clone();
            FieldValue::Array(
                items
                    .iter()
                    .map(|item| field_value(vm, item))
                    .collect::<PyResult<_>>()?,
            )
        }
        Value::Tuple(items) => FieldValue::Array(
            items
                .iter()
                .map(|item| field_value(vm, item))
                .collect::<PyResult<_>>()?,
        ),
        other => {
            let shown = python::vm::repr::repr(vm, other)?;
            return Err(error(
                vm,
                "TypeError",
                &format!("Unsupported field kind during encoding: {shown}"),
            ));
        }
    })
}

fn table_value(table: &FieldTable) -> Value {
    super::dict(
        table
            .iter()
            .map(|(key, value)| (Value::str(key), field_python(value))),
    )
}

fn field_python(value: &FieldValue) -> Value {
    match value {
        FieldValue::Bool(b) => Value::Bool(*b),
        FieldValue::SignedInt(i) => Value::Int(i64::from(*i)),
        FieldValue::Long(i) => Value::Int(*i),
        FieldValue::Double(f) => Value::Float(*f),
        FieldValue::LongStr(s) => Value::str(s),
        FieldValue::Timestamp(t) => Value::Int(*t as i64),
        FieldValue::Table(t) => table_value(t),
        FieldValue::Array(items) => Value::list(items.iter().map(field_python).collect()),
        FieldValue::Void => Value::None,
    }
}

#[cfg(test)]
mod tests {
    use python::vm::{EmptyFolder, Run};

    use super::*;

    const CONSUMER: &str = "import pika\n\
        c = pika.BlockingConnection()\n\
        ch = c.channel()\n\
        ch.queue_declare('hello')\n\
        def callback(ch, method, properties, body):\n    print(body, method.redelivered)\n\
        ch.basic_consume('hello', callback)\n\
        ch.start_consuming()\n";

    const PRODUCER: &str = "import pika\n\
        c = pika.BlockingConnection()\n\
        ch = c.channel()\n\
        ch.queue_declare('hello')\n\
        ch.basic_publish('', 'hello', 'hi')\n\
        c.close()\n";

    fn world() -> (Vm, Rc<Pika>, SharedSimulation) {
        let simulation = SharedSimulation::new(1);
        let pika = Pika::new(simulation.clone(), PikaVersion::One, 1, true);
        let mut vm = Vm::new(1_780_000_000_000_000_000, 1);
        vm.providers.push(pika.provider());
        (vm, pika, simulation)
    }

    fn spawn(vm: &mut Vm, source: &str, name: &str) -> usize {
        vm.spawn(
            source,
            vec![name.to_owned()],
            Rc::new(EmptyFolder("/home/learner")),
            String::new(),
        )
    }

    fn settle(vm: &mut Vm, pika: &Pika) -> Run {
        loop {
            let state = vm.run(100_000);
            pika.close_ended(vm);
            if state != Run::Busy {
                return state;
            }
        }
    }

    fn output(vm: &mut Vm, pid: usize) -> String {
        vm.take_output(pid)
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    #[test]
    fn a_consumer_waits_on_the_clock_and_gets_what_a_producer_sends() {
        let (mut vm, pika, simulation) = world();
        let consumer = spawn(&mut vm, CONSUMER, "receive.py");
        assert_eq!(settle(&mut vm, &pika), Run::Waiting(None));
        spawn(&mut vm, PRODUCER, "send.py");
        assert_eq!(settle(&mut vm, &pika), Run::Waiting(None));
        assert_eq!(output(&mut vm, consumer), "b'hi' False\n");
        let broker = simulation.borrow();
        assert_eq!(
            broker.broker().connections().len(),
            1,
            "the producer's closed"
        );
        assert_eq!(
            broker.broker().queue("hello").map(|q| q.ready.len()),
            Some(0)
        );
    }

    #[test]
    fn a_stopped_consumers_unacked_message_goes_back_to_its_queue() {
        let (mut vm, pika, simulation) = world();
        let consumer = spawn(&mut vm, CONSUMER, "receive.py");
        spawn(&mut vm, PRODUCER, "send.py");
        settle(&mut vm, &pika);
        assert_eq!(output(&mut vm, consumer), "b'hi' False\n");
        vm.kill(consumer, 137);
        settle(&mut vm, &pika);
        assert!(simulation.borrow().broker().connections().is_empty());
        let again = spawn(&mut vm, CONSUMER, "receive.py");
        settle(&mut vm, &pika);
        assert_eq!(output(&mut vm, again), "b'hi' True\n", "redelivered");
    }

    #[test]
    fn the_lessons_pika_0_calls_fail_under_pika_1_as_pika_1_4_fails_them() {
        let (mut vm, pika, _) = world();
        let lesson = "import pika\n\
            ch = pika.BlockingConnection().channel()\n\
            ch.basic_consume(print, queue='hello', no_ack=True)\n";
        let pid = spawn(&mut vm, lesson, "consumer.py");
        settle(&mut vm, &pika);
        let printed = output(&mut vm, pid);
        assert!(
            printed.ends_with(
                "TypeError: BlockingChannel.basic_consume() got multiple values for argument 'queue'\n"
            ),
            "{printed}"
        );
        assert!(!printed.contains("<library>"), "no frames of pika's own");
    }
}
