//! python-memcached 1.62 as the module `memcache`: `mc = memcache.Client([...],
//! debug=True)`, then `mc.set('k1', 'v1')` and so on. Each call sends the bytes
//! python-memcached sends to the memcached its bucket list picks for the key, and
//! returns what python-memcached makes of the reply; its debug log goes to stderr.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use memcached_sim::cluster::Node;
use memcached_sim::cluster::python_memcached::Buckets;
use memcached_sim::{Connection, Settings};
use python::modules::{Params, held, new_module, registered_class, set_native};
use python::value::{Class, Namespace, Value};
use python::vm::exceptions::{attribute_error, error};
use python::vm::int::as_int;
use python::vm::iter::collect;
use python::vm::native::{Args, NativeObject, PyResult, Signal};
use python::vm::ops::truthy;
use python::vm::repr::{repr, repr_bytes, repr_str};
use python::vm::{ModuleProvider, Stream, Vm};

use super::{
    Body, Prompt, bytes, dict, exception_class, function, library_class, method, not_modelled,
    now_ms, raise,
};
use crate::memcached::SharedServer;
use crate::session::ConsoleSession;

/// Where Debian installs python-memcached: the module's `__file__`.
const MODULE_FILE: &str = "/usr/lib/python3/dist-packages/memcache.py";
/// python-memcached's flag for a value stored from a `str` (`Client._FLAG_TEXT`).
const FLAG_TEXT: u32 = 1 << 4;
/// python-memcached's flag for a value stored from an `int` (`Client._FLAG_INTEGER`).
const FLAG_INTEGER: u32 = 1 << 1;
/// memcached's longest key (`memcache.SERVER_MAX_KEY_LENGTH`).
const SERVER_MAX_KEY_LENGTH: usize = 250;
/// memcached's largest value by default (`memcache.SERVER_MAX_VALUE_LENGTH`).
const SERVER_MAX_VALUE_LENGTH: i64 = 1024 * 1024;

/// The parameters of a method CPython writes in Python, as `memcache.py` declares it.
const fn params(name: &'static str, names: &'static [&'static str], required: usize) -> Params {
    Params {
        name,
        names,
        required,
        positional: names.len(),
    }
}

/// `Client.__init__`'s parameters: the servers, then python-memcached's options.
static CLIENT_INIT: Params = params(
    "Client.__init__",
    &[
        "self",
        "servers",
        "debug",
        "pickleProtocol",
        "pickler",
        "unpickler",
        "compressor",
        "decompressor",
        "pload",
        "pid",
        "server_max_key_length",
        "server_max_value_length",
        "dead_retry",
        "socket_timeout",
        "cache_cas",
        "flush_on_reconnect",
        "check_keys",
        "key_encoder",
    ],
    2,
);

/// The storage methods' parameters, `Client.set` and its kin.
const STORE: &[&str] = &["self", "key", "val", "time", "min_compress_len", "noreply"];

/// The `Client` methods this console runs: the lesson's, and a few more.
static METHODS: [Params; 18] = [
    params("Client.set", STORE, 3),
    params("Client.add", STORE, 3),
    params("Client.replace", STORE, 3),
    params("Client.append", STORE, 3),
    params("Client.prepend", STORE, 3),
    params("Client.cas", STORE, 3),
    params("Client.get", &["self", "key", "default"], 2),
    params("Client.gets", &["self", "key"], 2),
    params("Client.get_multi", &["self", "keys", "key_prefix"], 2),
    params(
        "Client.set_multi",
        &[
            "self",
            "mapping",
            "time",
            "key_prefix",
            "min_compress_len",
            "noreply",
        ],
        2,
    ),
    params("Client.delete", &["self", "key", "noreply"], 2),
    params(
        "Client.delete_multi",
        &["self", "keys", "time", "key_prefix", "noreply"],
        2,
    ),
    params("Client.incr", &["self", "key", "delta", "noreply"], 2),
    params("Client.decr", &["self", "key", "delta", "noreply"], 2),
    params("Client.touch", &["self", "key", "time", "noreply"], 2),
    params("Client.flush_all", &["self"], 1),
    params("Client.disconnect_all", &["self"], 1),
    params("Client.get_stats", &["self", "stat_args"], 1),
];

/// python-memcached 1.62's other public `Client` methods: one of these says it is not
/// modelled rather than claiming it does not exist.
const NOT_MODELLED: [&str; 8] = [
    "check_key",
    "debuglog",
    "forget_dead_hosts",
    "get_slab_stats",
    "get_slabs",
    "quit_all",
    "reset_cas",
    "set_servers",
];

/// The exceptions `Client.check_key` raises, defined inside `Client`, each with its
/// base.
const KEY_ERRORS: [(&str, &str); 6] = [
    ("MemcachedKeyError", "Exception"),
    ("MemcachedKeyLengthError", "MemcachedKeyError"),
    ("MemcachedKeyCharacterError", "MemcachedKeyError"),
    ("MemcachedKeyNoneError", "MemcachedKeyError"),
    ("MemcachedKeyTypeError", "MemcachedKeyError"),
    ("MemcachedStringEncodingError", "Exception"),
];

/// python-memcached's world: how a server a client names first is started, and the
/// servers by address (each address one server process, shared by clients).
struct Memcache {
    settings: Settings,
    servers: RefCell<BTreeMap<String, SharedServer>>,
}

/// `import memcache` over `library`.
fn provider(library: &Rc<Memcache>) -> ModuleProvider {
    let library = library.clone();
    Rc::new(move |vm, name| (name == "memcache").then(|| module(vm, &library)))
}

/// python-memcached for programs (`playground python`, a page's editor): the `attached`
/// servers answer at their addresses (a page's own), and a memcached server starts with
/// `settings` at each other address a client first names, shared by every process of
/// the world.
pub fn python_memcached(settings: Settings, attached: &[(&str, SharedServer)]) -> ModuleProvider {
    let servers = attached
        .iter()
        .map(|(address, server)| ((*address).to_owned(), server.clone()))
        .collect();
    provider(&Rc::new(Memcache {
        settings,
        servers: RefCell::new(servers),
    }))
}

/// A Python 3 REPL with python-memcached installed, and memcached servers listening on
/// every address a client names.
pub struct PythonMemcachedSession {
    prompt: Prompt,
    library: Rc<Memcache>,
}

impl PythonMemcachedSession {
    /// A fresh interpreter; servers start at `now_ms` when a client first names them.
    pub fn new(now_ms: u64) -> Self {
        Self::with_settings(Settings {
            started_at_ms: now_ms,
            ..Settings::default()
        })
    }

    /// A fresh interpreter whose servers start with `settings` when a client first names
    /// them.
    pub fn with_settings(settings: Settings) -> Self {
        let started = settings.started_at_ms;
        let library = Rc::new(Memcache {
            settings,
            servers: RefCell::default(),
        });
        PythonMemcachedSession {
            prompt: Prompt::new(started, 0, provider(&library)),
            library,
        }
    }

    /// Puts an already running server at `address`, so clients that name it are
    /// clients of that server, beside its other clients (the page's console).
    pub fn attach(&mut self, address: &str, server: SharedServer) {
        self.library
            .servers
            .borrow_mut()
            .insert(address.to_owned(), server);
    }

    /// The server listening on `address`, for views of what a client stored there.
    pub fn server(&self, address: &str) -> Option<SharedServer> {
        self.library.servers.borrow().get(address).cloned()
    }

    /// Every address a server listens on, in order, with its server.
    pub fn servers(&self) -> impl Iterator<Item = (String, SharedServer)> {
        self.library.servers.borrow().clone().into_iter()
    }
}

impl ConsoleSession for PythonMemcachedSession {
    fn prompt(&self) -> String {
        self.prompt.prompt()
    }

    /// Runs one typed line and returns what python3 prints for it.
    fn run_line(&mut self, line: &str, now_ms: u64) -> String {
        self.prompt.run_line(line, now_ms)
    }
}

/// The module `memcache` for the process importing it.
fn module(vm: &mut Vm, library: &Rc<Memcache>) -> Value {
    let module = new_module("memcache", None);
    module.set("__file__", Value::str(MODULE_FILE));
    let client = registered_class(vm, "memcache.Client", |vm| client_class(vm, library));
    module.set("Client", Value::Class(client));
    module.set(
        "SERVER_MAX_KEY_LENGTH",
        Value::Int(SERVER_MAX_KEY_LENGTH as i64),
    );
    module.set(
        "SERVER_MAX_VALUE_LENGTH",
        Value::Int(SERVER_MAX_VALUE_LENGTH),
    );
    Value::Module(module)
}

/// `memcache.Client`: its methods, the ones not modelled, and its key errors.
fn client_class(vm: &mut Vm, library: &Rc<Memcache>) -> Rc<Class> {
    let mut dict = Namespace::default();
    let library = library.clone();
    let init: Body = Rc::new(move |vm, args| client_init(vm, &library, args));
    dict.insert(Rc::from("__init__"), function(vm, "Client.__init__", init));
    for params in &METHODS {
        let body: Body = Rc::new(move |vm, args| call_method(vm, params, args));
        let name = &params.name["Client.".len()..];
        dict.insert(Rc::from(name), method(vm, params.name, body));
    }
    for name in NOT_MODELLED {
        let message = format!(
            "this playground's python-memcached does not model Client.{name}; \
             the memcached console takes every command"
        );
        let qualname = format!("Client.{name}");
        dict.insert(Rc::from(name), not_modelled(vm, &qualname, message));
    }
    for (name, _) in KEY_ERRORS {
        dict.insert(Rc::from(name), Value::Class(key_error(vm, name)));
    }
    library_class(vm, "Client", "memcache", dict)
}

/// `memcache.Client.<name>`, one of the key errors.
fn key_error(vm: &mut Vm, name: &str) -> Rc<Class> {
    registered_class(vm, &format!("memcache.Client.{name}"), |vm| {
        let base = match KEY_ERRORS.iter().find(|(error, _)| *error == name) {
            Some((_, "Exception")) | None => vm.types.exception("Exception"),
            Some((_, base)) => key_error(vm, base),
        };
        exception_class(name, &format!("Client.{name}"), "memcache", &base)
    })
}

/// One memcache.Client: its servers in bucket order and its connections.
struct Client {
    class: Rc<Class>,
    library: Rc<Memcache>,
    nodes: Vec<Node>,
    buckets: Buckets,
    connections: RefCell<Vec<Connection>>,
    debug: bool,
    cache_cas: bool,
    /// The cas uniques `gets` read, by key, when the client caches them.
    cas_ids: RefCell<BTreeMap<String, u64>>,
}

impl NativeObject for Client {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `Client(servers, debug=0, ..., cache_cas=False, ...)`: the servers are `'host:port'`
/// or `('host:port', weight)`; a server an address names is started when first named.
fn client_init(vm: &mut Vm, library: &Rc<Memcache>, args: Args) -> PyResult {
    let bound = CLIENT_INIT.bind(vm, args)?;
    let arg = |i: usize| bound[i].clone().unwrap_or_default();
    let this = arg(0);
    let mut nodes = Vec::new();
    for server in collect(vm, &arg(1))? {
        nodes.push(match &server {
            Value::Str(address) => Node::new(address.to_string(), 1),
            Value::Tuple(pair) => match &pair[..] {
                [Value::Str(address), weight] if as_int(weight).is_some() => {
                    let weight = as_int(weight).and_then(|w| w.to_i64()).unwrap_or(0);
                    Node::new(address.to_string(), u32::try_from(weight).unwrap_or(0))
                }
                _ => {
                    let message = "a server is 'host:port' or ('host:port', weight)";
                    return Err(error(vm, "TypeError", message));
                }
            },
            other => {
                let message = format!("unsupported server {}", repr(vm, other)?);
                return Err(error(vm, "TypeError", &message));
            }
        });
    }
    let debug = truthy(vm, &arg(2))?;
    let cache_cas = truthy(vm, &arg(14))?;
    for node in &nodes {
        library
            .servers
            .borrow_mut()
            .entry(node.address.clone())
            .or_insert_with(|| SharedServer::new(library.settings.clone()));
    }
    let client = Client {
        class: vm.types.class_of(&this),
        library: library.clone(),
        buckets: Buckets::new(&nodes),
        connections: RefCell::new(nodes.iter().map(|_| Connection::new()).collect()),
        nodes,
        debug,
        cache_cas,
        cas_ids: RefCell::default(),
    };
    set_native(&this, Rc::new(client));
    Ok(Value::None)
}

/// A call of one of [`METHODS`]: its arguments bound as python-memcached declares them.
fn call_method(vm: &mut Vm, params: &'static Params, args: Args) -> PyResult {
    let name = &params.name["Client.".len()..];
    let bound = params.bind(vm, args)?;
    let arg = |i: usize| bound.get(i).cloned().flatten();
    let this = arg(0).unwrap_or_default();
    let client = held::<Client>(vm, &this, "Client", name)?;
    let client: &Client = &client;
    match name {
        "set" | "add" | "replace" | "append" | "prepend" | "cas" => {
            let key = key_of(vm, arg(1))?;
            let time = time_of(arg(3));
            client.store(vm, name, &key, &arg(2).unwrap_or_default(), time)
        }
        "get" | "gets" => {
            let key = key_of(vm, arg(1))?;
            let request = format!("{name} {key}\r\n");
            let reply = client
                .send(vm, &key, request.as_bytes())
                .unwrap_or_default();
            let values = parse_values(&reply);
            if name == "gets"
                && client.cache_cas
                && let Some((k, _, Some(cas), _)) = values.first()
            {
                client.cas_ids.borrow_mut().insert(k.clone(), *cas);
            }
            Ok(match values.into_iter().next() {
                Some((_, flags, _, data)) => decode(flags, data),
                None => arg(2).unwrap_or_default(),
            })
        }
        "get_multi" => {
            let keys = keys_of(vm, arg(1))?;
            let mut found = Vec::new();
            for (node, group) in client.group_by_server(&keys) {
                let request = format!("get {}\r\n", group.join(" "));
                let Some(reply) = client.exchange(vm, node, request.as_bytes()) else {
                    continue;
                };
                for (k, flags, _, data) in parse_values(&reply) {
                    found.push((Value::str(&k), decode(flags, data)));
                }
            }
            Ok(dict(found))
        }
        "set_multi" => {
            let mapping = arg(1).unwrap_or_default();
            let Value::Dict(pairs) = &mapping else {
                return Err(attribute_error(vm, &mapping, "keys"));
            };
            let pairs: Vec<(Value, Value)> = pairs
                .borrow()
                .iter()
                .map(|(k, v)| (k.0.clone(), v.clone()))
                .collect();
            let time = time_of(arg(2));
            let mut not_stored = Vec::new();
            for (k, v) in pairs {
                let key = key_of(vm, Some(k))?;
                let (flags, data) = encode(vm, &v)?;
                let request = store_request("set", &key, flags, time, &data, None);
                let reply = client.send(vm, &key, &request).unwrap_or_default();
                if first_line(&reply) != "STORED" {
                    not_stored.push(Value::str(&key));
                }
            }
            Ok(Value::list(not_stored))
        }
        "delete" => {
            let key = key_of(vm, arg(1))?;
            Ok(client.delete_or_touch(vm, "delete", &key, None, "DELETED"))
        }
        "delete_multi" => {
            for key in keys_of(vm, arg(1))? {
                let request = format!("delete {key}\r\n");
                let reply = client
                    .send(vm, &key, request.as_bytes())
                    .unwrap_or_default();
                client.expect(vm, &reply, "DELETED");
            }
            Ok(Value::Int(1))
        }
        "incr" | "decr" => {
            let key = key_of(vm, arg(1))?;
            let delta = match arg(2) {
                None => 1,
                Some(delta) => match as_int(&delta).and_then(|d| d.to_i64()) {
                    Some(delta) => delta,
                    None => {
                        let message = format!(
                            "%d format: a real number is required, not {}",
                            delta.type_name()
                        );
                        return Err(error(vm, "TypeError", &message));
                    }
                },
            };
            let request = format!("{name} {key} {delta}\r\n");
            let reply = client
                .send(vm, &key, request.as_bytes())
                .unwrap_or_default();
            let line = first_line(&reply);
            if line == "NOT_FOUND" {
                return Ok(Value::None);
            }
            match line.trim().parse() {
                Ok(n) => Ok(Value::Int(n)),
                Err(_) => {
                    let message = format!(
                        "invalid literal for int() with base 10: {}",
                        repr_bytes(line.as_bytes())
                    );
                    Err(error(vm, "ValueError", &message))
                }
            }
        }
        "touch" => {
            let key = key_of(vm, arg(1))?;
            let time = arg(2).unwrap_or(Value::Int(0));
            let time = python::vm::repr::str(vm, &time)?;
            Ok(client.delete_or_touch(vm, "touch", &key, Some(&time), "TOUCHED"))
        }
        "flush_all" => {
            for node in 0..client.nodes.len() {
                if let Some(reply) = client.exchange(vm, node, b"flush_all\r\n") {
                    client.expect(vm, &reply, "OK");
                }
            }
            Ok(Value::None)
        }
        "disconnect_all" => {
            for connection in client.connections.borrow_mut().iter_mut() {
                *connection = Connection::new();
            }
            Ok(Value::None)
        }
        _ => client.get_stats(vm, arg(1)),
    }
}

impl Client {
    /// Sends `request` on the connection to server `node`, at the VM's time; None when
    /// no server listens at its address.
    fn exchange(&self, vm: &Vm, node: usize, request: &[u8]) -> Option<Vec<u8>> {
        let server = self
            .library
            .servers
            .borrow()
            .get(&self.nodes[node].address)
            .cloned()?;
        let mut connections = self.connections.borrow_mut();
        Some(server.exchange(&mut connections[node], request, now_ms(vm)))
    }

    /// Sends `request` to the server `key` hashes to and returns its reply.
    fn send(&self, vm: &Vm, key: &str, request: &[u8]) -> Option<Vec<u8>> {
        let node = self.buckets.server_for(key.as_bytes(), |_| true)?;
        self.exchange(vm, node, request)
    }

    /// `Client.debuglog`: a line on stderr when the client debugs.
    fn debuglog(&self, vm: &mut Vm, message: &str) {
        if self.debug {
            vm.write(Stream::Stderr, &format!("MemCached: {message}\n"));
        }
    }

    /// `server.expect(text)`: whether the reply's first line is `text`, logged when not.
    fn expect(&self, vm: &mut Vm, reply: &[u8], text: &str) -> bool {
        let line = first_line(reply);
        if line != text {
            let message = format!(
                "while expecting {}, got unexpected response {}",
                repr_str(text),
                repr_str(&line)
            );
            self.debuglog(vm, &message);
        }
        line == text
    }

    /// `Client._set`: one storage command, `True` when the server answers `STORED` (`0`
    /// when there is no server to send it to). `cas` without a cached unique for the key
    /// is a plain `set`, as python-memcached does it.
    fn store(&self, vm: &mut Vm, cmd: &str, key: &str, value: &Value, time: i64) -> PyResult {
        let cas = self.cas_ids.borrow().get(key).copied();
        let (cmd, cas) = match (cmd, cas) {
            ("cas", None) => ("set", None),
            ("cas", Some(unique)) => ("cas", Some(unique)),
            (other, _) => (other, None),
        };
        let (flags, data) = encode(vm, value)?;
        let request = store_request(cmd, key, flags, time, &data, cas);
        let Some(reply) = self.send(vm, key, &request) else {
            return Ok(Value::Int(0));
        };
        Ok(Value::Bool(self.expect(vm, &reply, "STORED")))
    }

    /// `Client.delete` and `Client.touch`: `1` when the reply is `expected`, else `0` and
    /// a debug line (a missing key is logged too).
    fn delete_or_touch(
        &self,
        vm: &mut Vm,
        cmd: &str,
        key: &str,
        time: Option<&str>,
        expected: &str,
    ) -> Value {
        let time = time.map(|t| format!(" {t}")).unwrap_or_default();
        let request = format!("{cmd} {key}{time}\r\n");
        // With no server to send to, python-memcached answers 0 without a word.
        let Some(reply) = self.send(vm, key, request.as_bytes()) else {
            return Value::Int(0);
        };
        let line = first_line(&reply);
        if line.trim() == expected {
            return Value::Int(1);
        }
        let message = format!(
            "{cmd} expected {expected}, got: {}",
            repr_bytes(line.as_bytes())
        );
        self.debuglog(vm, &message);
        Value::Int(0)
    }

    /// Keys grouped by the server they hash to, in first-seen order.
    fn group_by_server(&self, keys: &[String]) -> Vec<(usize, Vec<String>)> {
        let mut groups: Vec<(usize, Vec<String>)> = Vec::new();
        for key in keys {
            let Some(node) = self.buckets.server_for(key.as_bytes(), |_| true) else {
                continue;
            };
            match groups.iter_mut().find(|(n, _)| *n == node) {
                Some((_, group)) => group.push(key.clone()),
                None => groups.push((node, vec![key.clone()])),
            }
        }
        groups
    }

    /// `Client.get_stats(stat_args)`: for each server, its name as python-memcached
    /// writes it (`host:port (weight)`) and the `STAT name value` lines of `stats` (or
    /// `stats <stat_args>`) as a dict of str, values unconverted.
    fn get_stats(&self, vm: &mut Vm, stat_args: Option<Value>) -> PyResult {
        let stat_args = match stat_args {
            Some(args) if truthy(vm, &args)? => Some(args),
            _ => None,
        };
        let request = match stat_args {
            None => "stats\r\n".to_owned(),
            Some(Value::Str(args)) => format!("stats {args}\r\n"),
            Some(other) => {
                let message = format!(
                    "can only concatenate str (not \"{}\") to str",
                    other.type_name()
                );
                return Err(error(vm, "TypeError", &message));
            }
        };
        let mut data = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let Some(reply) = self.exchange(vm, i, request.as_bytes()) else {
                continue;
            };
            let name = format!("{} ({})", node.address, node.weight);
            let mut stats = Vec::new();
            for line in String::from_utf8_lossy(&reply).split("\r\n") {
                if line.trim() == "END" || line.is_empty() {
                    break;
                }
                // `stats = line.split(' ', 2)`, then `stats[1]` and `stats[2]`.
                let mut parts = line.splitn(3, ' ').skip(1);
                let (Some(field), Some(value)) = (parts.next(), parts.next()) else {
                    return Err(error(vm, "IndexError", "list index out of range"));
                };
                stats.push((Value::str(field), Value::str(value)));
            }
            data.push(Value::tuple(vec![Value::str(&name), dict(stats)]));
        }
        Ok(Value::list(data))
    }
}

/// A `time` argument as sent: an int, else 0.
fn time_of(value: Option<Value>) -> i64 {
    value
        .as_ref()
        .and_then(as_int)
        .and_then(|t| t.to_i64())
        .unwrap_or(0)
}

/// The keys of `get_multi` and `delete_multi`, each checked.
fn keys_of(vm: &mut Vm, keys: Option<Value>) -> PyResult<Vec<String>> {
    let keys = collect(vm, &keys.unwrap_or_default())?;
    keys.into_iter().map(|key| key_of(vm, Some(key))).collect()
}

/// A key as python-memcached checks it (`Client.check_key`): str (sent as UTF-8) or
/// bytes, at most 250 bytes, none of them a space or a control character.
fn key_of(vm: &mut Vm, value: Option<Value>) -> PyResult<String> {
    let fail = |vm: &mut Vm, kind: &str, message: &str| -> Signal {
        let class = key_error(vm, kind);
        raise(&class, message)
    };
    let bytes = match value.unwrap_or_default() {
        Value::Str(key) => key.as_bytes().to_vec(),
        Value::Bytes(key) => key.to_vec(),
        Value::None => return Err(fail(vm, "MemcachedKeyNoneError", "Key is None")),
        _ => {
            return Err(fail(
                vm,
                "MemcachedKeyTypeError",
                "Key must be a binary string",
            ));
        }
    };
    if bytes.is_empty() {
        return Err(fail(vm, "MemcachedKeyNoneError", "Key is empty"));
    }
    if bytes.len() > SERVER_MAX_KEY_LENGTH {
        let message = format!("Key length is > {SERVER_MAX_KEY_LENGTH}");
        return Err(fail(vm, "MemcachedKeyLengthError", &message));
    }
    if bytes.iter().any(|&b| b <= 0x20 || b == 0x7f) {
        let message = format!(
            "Control/space characters not allowed (key={})",
            repr_bytes(&bytes)
        );
        return Err(fail(vm, "MemcachedKeyCharacterError", &message));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `Client._val_to_store_info`: the flags and bytes python-memcached stores for a value.
fn encode(vm: &mut Vm, value: &Value) -> PyResult<(u32, Vec<u8>)> {
    match value {
        Value::Bytes(b) => Ok((0, b.to_vec())),
        Value::Str(s) => Ok((FLAG_TEXT, s.as_bytes().to_vec())),
        other => match as_int(other) {
            Some(n) => {
                let digits = python::vm::int::to_decimal(&n)
                    .map_err(|message| error(vm, "ValueError", message))?;
                Ok((FLAG_INTEGER, digits.into_bytes()))
            }
            None => {
                let message = format!(
                    "this playground stores str, bytes and int values; python-memcached would pickle a {}",
                    other.type_name()
                );
                Err(error(vm, "NotImplementedError", &message))
            }
        },
    }
}

/// `Client._recv_value`: the Python value for stored flags and bytes.
fn decode(flags: u32, data: Vec<u8>) -> Value {
    if flags & FLAG_TEXT != 0 {
        Value::str(&String::from_utf8_lossy(&data))
    } else if flags & FLAG_INTEGER != 0 {
        String::from_utf8_lossy(&data)
            .trim()
            .parse()
            .map_or_else(|_| bytes(&data), Value::Int)
    } else {
        bytes(&data)
    }
}

fn store_request(
    cmd: &str,
    key: &str,
    flags: u32,
    time: i64,
    data: &[u8],
    cas: Option<u64>,
) -> Vec<u8> {
    let cas = cas.map(|c| format!(" {c}")).unwrap_or_default();
    let mut request = format!("{cmd} {key} {flags} {time} {}{cas}\r\n", data.len()).into_bytes();
    request.extend_from_slice(data);
    request.extend_from_slice(b"\r\n");
    request
}

fn first_line(reply: &[u8]) -> String {
    let end = reply
        .windows(2)
        .position(|w| w == b"\r\n")
        .unwrap_or(reply.len());
    String::from_utf8_lossy(&reply[..end]).into_owned()
}

/// The `VALUE key flags bytes [cas]` blocks of a get reply.
fn parse_values(reply: &[u8]) -> Vec<(String, u32, Option<u64>, Vec<u8>)> {
    let mut values = Vec::new();
    let mut rest = reply;
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let header = String::from_utf8_lossy(&rest[..end]).into_owned();
        let words: Vec<&str> = header.split(' ').collect();
        let (Some(&"VALUE"), Some(key), Some(flags), Some(len)) =
            (words.first(), words.get(1), words.get(2), words.get(3))
        else {
            break;
        };
        let (Ok(flags), Ok(len)) = (flags.parse::<u32>(), len.parse::<usize>()) else {
            break;
        };
        let cas = words.get(4).and_then(|c| c.parse().ok());
        let data_start = end + 2;
        let Some(data) = rest.get(data_start..data_start + len) else {
            break;
        };
        values.push(((*key).to_owned(), flags, cas, data.to_vec()));
        rest = rest.get(data_start + len + 2..).unwrap_or_default();
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::python::tests::transcript;

    const NOW: u64 = 1_780_000_000_000;

    /// Runs lines and returns the transcript as the REPL shows it.
    fn repl(lines: &[&str]) -> String {
        transcript(&mut PythonMemcachedSession::new(NOW), lines, NOW)
    }

    #[test]
    fn basic_use_as_in_the_lesson() {
        assert_eq!(
            repl(&[
                "import memcache",
                "mc = memcache.Client(['10.211.55.4:12000'], debug=True)",
                "mc.set(\"foo\", \"bar\")",
                "ret = mc.get('foo')",
                "print(ret)",
                "ret",
                "print ret",
            ]),
            ">>> import memcache\n\
             >>> mc = memcache.Client(['10.211.55.4:12000'], debug=True)\n\
             >>> mc.set(\"foo\", \"bar\")\nTrue\n\
             >>> ret = mc.get('foo')\n\
             >>> print(ret)\nbar\n\
             >>> ret\n'bar'\n\
             >>> print ret\n  File \"<stdin>\", line 1\n    print ret\n    ^^^^^^^^^\n\
             SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"
        );
    }

    #[test]
    fn add_replace_and_the_debug_log() {
        let out = repl(&[
            "import memcache",
            "mc = memcache.Client(['10.211.55.4:12000'], debug=True)",
            "mc.add('k1', 'v1')",
            "mc.add('k1', 'v2')",
            "mc.replace('kkkk','999')",
            "mc.get('nothing')",
        ]);
        assert!(out.ends_with(
            ">>> mc.add('k1', 'v1')\nTrue\n\
             >>> mc.add('k1', 'v2')\nMemCached: while expecting 'STORED', got unexpected response 'NOT_STORED'\nFalse\n\
             >>> mc.replace('kkkk','999')\nMemCached: while expecting 'STORED', got unexpected response 'NOT_STORED'\nFalse\n\
             >>> mc.get('nothing')\n"
        ), "{out}");
    }

    #[test]
    fn multi_forms_append_prepend_and_counters() {
        let out = repl(&[
            "import memcache",
            "mc = memcache.Client(['10.211.55.4:12000'], debug=True)",
            "mc.set_multi({'key1': 'val1', 'key2': 'val2'})",
            "mc.get_multi([\"key1\", \"key2\", \"key3\"])",
            "mc.delete_multi(['key1', 'key2'])",
            "mc.set('k1', 'v1')",
            "mc.append('k1', 'after')",
            "mc.prepend('k1', 'before')",
            "mc.get('k1')",
            "mc.set('k1', '777')",
            "mc.incr('k1')",
            "mc.incr('k1', 10)",
            "mc.decr('k1')",
            "mc.decr('k1', 10)",
            "mc.get('k1')",
            "mc.set('n', 5)",
            "mc.get('n')",
        ]);
        let expected = ">>> mc.set_multi({'key1': 'val1', 'key2': 'val2'})\n[]\n\
             >>> mc.get_multi([\"key1\", \"key2\", \"key3\"])\n{'key1': 'val1', 'key2': 'val2'}\n\
             >>> mc.delete_multi(['key1', 'key2'])\n1\n\
             >>> mc.set('k1', 'v1')\nTrue\n\
             >>> mc.append('k1', 'after')\nTrue\n\
             >>> mc.prepend('k1', 'before')\nTrue\n\
             >>> mc.get('k1')\n'beforev1after'\n\
             >>> mc.set('k1', '777')\nTrue\n\
             >>> mc.incr('k1')\n778\n\
             >>> mc.incr('k1', 10)\n788\n\
             >>> mc.decr('k1')\n787\n\
             >>> mc.decr('k1', 10)\n777\n\
             >>> mc.get('k1')\n'777'\n\
             >>> mc.set('n', 5)\nTrue\n\
             >>> mc.get('n')\n5\n";
        assert!(out.ends_with(expected), "{out}");
    }

    #[test]
    fn delete_and_touch_answer_one_or_zero() {
        let out = repl(&[
            "import memcache",
            "mc = memcache.Client(['10.211.55.4:12000'], debug=True)",
            "mc.delete('key0')",
            "mc.set('key0', 'wupeiqi')",
            "mc.touch('key0', 30)",
            "mc.delete('key0')",
            "mc.touch('key0', 30)",
        ]);
        assert!(
            out.ends_with(
                ">>> mc.delete('key0')\n\
                 MemCached: delete expected DELETED, got: b'NOT_FOUND'\n0\n\
                 >>> mc.set('key0', 'wupeiqi')\nTrue\n\
                 >>> mc.touch('key0', 30)\n1\n\
                 >>> mc.delete('key0')\n1\n\
                 >>> mc.touch('key0', 30)\n\
                 MemCached: touch expected TOUCHED, got: b'NOT_FOUND'\n0\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn gets_and_cas_refuse_a_stale_write() {
        let out = repl(&[
            "import memcache",
            "a = memcache.Client(['10.211.55.4:12000'], debug=True, cache_cas=True)",
            "b = memcache.Client(['10.211.55.4:12000'], debug=True, cache_cas=True)",
            "a.set('product_count', '900')",
            "a.gets('product_count')",
            "b.gets('product_count')",
            "b.cas('product_count', '899')",
            "a.cas('product_count', '899')",
        ]);
        assert!(
            out.ends_with(
                ">>> a.gets('product_count')\n'900'\n\
             >>> b.gets('product_count')\n'900'\n\
             >>> b.cas('product_count', '899')\nTrue\n\
             >>> a.cas('product_count', '899')\n\
             MemCached: while expecting 'STORED', got unexpected response 'EXISTS'\nFalse\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn the_weighted_cluster_sends_each_key_to_its_bucket() {
        let mut session = PythonMemcachedSession::new(NOW);
        for line in [
            "import memcache",
            "mc = memcache.Client([('1.1.1.1:12000', 1), ('1.1.1.2:12000', 2)], debug=True)",
            "mc.set('foo', 'x')",
            "mc.set('counter', 'y')",
        ] {
            session.run_line(line, NOW);
        }
        let holds = |address: &str, key: &str| {
            session
                .server(address)
                .is_some_and(|s| s.server().item(key.as_bytes()).is_some())
        };
        assert!(holds("1.1.1.2:12000", "foo") && !holds("1.1.1.1:12000", "foo"));
        assert!(holds("1.1.1.1:12000", "counter") && !holds("1.1.1.2:12000", "counter"));
        assert_eq!(
            session.run_line("mc.get_multi(['foo', 'counter'])", NOW),
            "{'foo': 'x', 'counter': 'y'}\n"
        );
    }

    #[test]
    fn mistakes_are_reported_as_python_reports_them() {
        let out = repl(&[
            "mc.get('k')",
            "import memcache",
            "mc = memcache.Client(['h:1'])",
            "mc.get('a b')",
            "mc.nope()",
            "mc set('k')",
        ]);
        assert!(out.contains(">>> mc.get('k')\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nNameError: name 'mc' is not defined\n"), "{out}");
        assert!(out.contains("memcache.Client.MemcachedKeyCharacterError: Control/space characters not allowed (key=b'a b')\n"), "{out}");
        assert!(
            out.contains("AttributeError: 'Client' object has no attribute 'nope'\n"),
            "{out}"
        );
        assert!(out.contains("SyntaxError: invalid syntax\n"), "{out}");
    }

    #[test]
    fn no_line_makes_it_panic() {
        const PIECES: [&str; 24] = [
            "mc",
            ".",
            "set",
            "get",
            "incr",
            "cas",
            "gets",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "=",
            "'k'",
            "\"v\"",
            "-",
            "9",
            "b'x'",
            "memcache.Client",
            "'",
            "import memcache",
        ];
        let mut session = PythonMemcachedSession::new(NOW);
        session.run_line("import memcache", NOW);
        session.run_line(
            "mc = memcache.Client(['h:1', ('h:2', 0)], cache_cas=True)",
            NOW,
        );
        for line in crate::python::tests::random_lines(&PIECES, 5000) {
            session.run_line(&line, NOW);
        }
        // A bracket left open is closed by an error, then the prompt is ready again.
        session.run_line(")", NOW);
        assert_eq!(
            session.run_line("memcache.Client([]).set('k', 'v')", NOW),
            "0\n"
        );
    }

    #[test]
    fn stats_per_server_and_honest_errors_for_the_rest() {
        let out = repl(&[
            "import memcache",
            "mc = memcache.Client(['10.211.55.4:12000', ('10.211.55.5:12000', 2)])",
            "mc.get('missing')",
            "mc.get_stats()[0][0]",
            "mc.get_stats()[1][0]",
            "mc.set_servers(['h:1'])",
        ]);
        assert!(out.contains("'10.211.55.4:12000 (1)'\n"), "{out}");
        assert!(out.contains("'10.211.55.5:12000 (2)'\n"), "{out}");
        assert!(
            out.ends_with("NotImplementedError: this playground's python-memcached does not model Client.set_servers; the memcached console takes every command\n"),
            "{out}"
        );
    }
}
