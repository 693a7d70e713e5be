//! The lesson's python-memcached calls, typed into a Python 3 REPL: `import memcache`,
//! `mc = memcache.Client([...], debug=True)`, then `mc.set('k1', 'v1')` and so on. Each
//! call sends the bytes python-memcached 1.6x sends to the memcached the client's bucket
//! list picks for the key, and the REPL prints what Python prints for the result.

use std::collections::BTreeMap;

use memcached_sim::cluster::Node;
use memcached_sim::cluster::python_memcached::Buckets;
use memcached_sim::{Connection, Settings};

use super::{
    Library, PyObject, PythonSession, Raised, error, module_has_no, no_attribute, not_callable,
    not_iterable, repr_bytes, repr_str,
};
use crate::memcached::SharedServer;

/// python-memcached's flag for a value stored from a `str` (`Client._FLAG_TEXT`).
const FLAG_TEXT: u32 = 1 << 4;
/// python-memcached's flag for a value stored from an `int` (`Client._FLAG_INTEGER`).
const FLAG_INTEGER: u32 = 1 << 1;

/// A Python value of this REPL.
type Value = super::Value<Object>;
/// An argument of a call.
type Arg = super::Arg<Object>;

/// python-memcached's objects.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    /// The `memcache` module.
    Module,
    /// `memcache.Client`, the class.
    ClientClass,
    /// A client instance, by index.
    Client(usize),
    /// A bound method of a client.
    Method(usize, String),
}

impl PyObject for Object {
    fn repr(&self) -> String {
        match self {
            Object::Module => {
                "<module 'memcache' from '/usr/lib/python3/dist-packages/memcache.py'>".to_owned()
            }
            Object::ClientClass => "<class 'memcache.Client'>".to_owned(),
            Object::Client(_) => "<memcache.Client object>".to_owned(),
            Object::Method(_, name) => {
                format!("<bound method Client.{name} of <memcache.Client object>>")
            }
        }
    }

    fn type_name(&self) -> String {
        match self {
            Object::Module => "module",
            Object::ClientClass => "type",
            Object::Client(_) => "Client",
            Object::Method(..) => "method",
        }
        .to_owned()
    }
}

/// One memcache.Client: its servers in bucket order and its connections.
struct Client {
    nodes: Vec<Node>,
    buckets: Buckets,
    connections: Vec<Connection>,
    debug: bool,
    cache_cas: bool,
    cas_ids: BTreeMap<String, u64>,
}

/// A Python 3 REPL with python-memcached installed, and memcached servers listening on
/// every address a client names (each address is one server process, shared by clients).
pub type PythonMemcachedSession = PythonSession<Memcache>;

/// python-memcached and the memcached servers its clients talk to.
pub struct Memcache {
    /// How a server that a client names for the first time is started.
    settings: Settings,
    servers: BTreeMap<String, SharedServer>,
    clients: Vec<Client>,
    /// stderr lines written during the current call (python-memcached's debug log).
    stderr: String,
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
        Self::with_library(Memcache {
            settings,
            servers: BTreeMap::new(),
            clients: Vec::new(),
            stderr: String::new(),
        })
    }
}

impl Library for Memcache {
    type Object = Object;
    type Server = SharedServer;

    fn servers(&self) -> &BTreeMap<String, SharedServer> {
        &self.servers
    }

    fn servers_mut(&mut self) -> &mut BTreeMap<String, SharedServer> {
        &mut self.servers
    }

    fn import(&mut self, module: &str) -> Option<Value> {
        (module == "memcache").then_some(Value::Object(Object::Module))
    }

    fn attribute(&mut self, object: &Object, name: &str) -> Result<Value, Raised> {
        match (object, name) {
            (Object::Module, "Client") => Ok(Value::Object(Object::ClientClass)),
            (Object::Client(i), method) if CLIENT_METHODS.contains(&method) => {
                Ok(Value::Object(Object::Method(*i, method.to_owned())))
            }
            (Object::Client(_), method) if NOT_MODELLED.contains(&method) => Err(error(
                "NotImplementedError",
                format!(
                    "this playground's python-memcached does not model Client.{method}; \
                     the memcached console takes every command"
                ),
            )),
            (Object::Module, _) => Err(module_has_no("memcache", name)),
            (other, _) => Err(no_attribute(&other.type_name(), name)),
        }
    }

    fn call(
        &mut self,
        object: Object,
        args: Vec<Arg>,
        now_ms: u64,
        out: &mut String,
    ) -> Result<Value, Raised> {
        let result = match object {
            Object::ClientClass => self.new_client(args),
            Object::Method(client, method) => self.method(client, &method, args, now_ms),
            other => Err(not_callable(&other.type_name())),
        };
        out.push_str(&std::mem::take(&mut self.stderr));
        result
    }
}

impl Memcache {
    fn new_client(&mut self, args: Vec<Arg>) -> Result<Value, Raised> {
        let mut nodes = Vec::new();
        let (mut debug, mut cache_cas) = (false, false);
        for (keyword, value) in args {
            match (keyword.as_deref(), value) {
                (None, Value::List(servers) | Value::Tuple(servers)) => {
                    for server in servers {
                        nodes.push(match server {
                            Value::Str(address) => Node::new(address, 1),
                            Value::Tuple(pair) => match pair.as_slice() {
                                [Value::Str(address), Value::Int(weight)] => {
                                    Node::new(address.clone(), u32::try_from(*weight).unwrap_or(0))
                                }
                                _ => {
                                    return Err(error(
                                        "TypeError",
                                        "a server is 'host:port' or ('host:port', weight)",
                                    ));
                                }
                            },
                            other => {
                                return Err(error(
                                    "TypeError",
                                    format!("unsupported server {}", other.repr()),
                                ));
                            }
                        });
                    }
                }
                (Some("debug"), v) => debug = v.truthy(),
                (Some("cache_cas"), v) => cache_cas = v.truthy(),
                (Some(other), _) => {
                    return Err(error(
                        "TypeError",
                        format!(
                            "Client.__init__() got an unexpected keyword argument {}",
                            repr_str(other)
                        ),
                    ));
                }
                (None, other) => {
                    return Err(error(
                        "TypeError",
                        format!("servers must be a list, not {}", other.type_name()),
                    ));
                }
            }
        }
        for node in &nodes {
            self.servers
                .entry(node.address.clone())
                .or_insert_with(|| SharedServer::new(self.settings.clone()));
        }
        self.clients.push(Client {
            buckets: Buckets::new(&nodes),
            connections: nodes.iter().map(|_| Connection::new()).collect(),
            nodes,
            debug,
            cache_cas,
            cas_ids: BTreeMap::new(),
        });
        Ok(Value::Object(Object::Client(self.clients.len() - 1)))
    }

    /// Sends `request` to the server `key` hashes to and returns its reply lines.
    fn send(&mut self, client: usize, key: &str, request: &[u8], now_ms: u64) -> Option<Vec<u8>> {
        let c = &mut self.clients[client];
        let node = c.buckets.server_for(key.as_bytes(), |_| true)?;
        let server = self.servers.get(&c.nodes[node].address)?;
        Some(server.exchange(&mut c.connections[node], request, now_ms))
    }

    fn debuglog(&mut self, client: usize, message: &str) {
        if self.clients[client].debug {
            self.stderr.push_str(&format!("MemCached: {message}\n"));
        }
    }

    /// `server.expect(text)`: the reply's first line, logged when it is not `text`.
    fn expect(&mut self, client: usize, reply: &[u8], text: &str) -> bool {
        let line = first_line(reply);
        if line != text {
            let message = format!(
                "while expecting {}, got unexpected response {}",
                repr_str(text),
                repr_str(&line)
            );
            self.debuglog(client, &message);
        }
        line == text
    }

    fn method(
        &mut self,
        client: usize,
        method: &str,
        args: Vec<Arg>,
        now_ms: u64,
    ) -> Result<Value, Raised> {
        let arg = |i: usize, name: &str| -> Option<Value> {
            args.iter()
                .filter(|(k, _)| k.is_none())
                .nth(i)
                .or_else(|| args.iter().find(|(k, _)| k.as_deref() == Some(name)))
                .map(|(_, v)| v.clone())
        };
        let required = |i: usize, name: &str| {
            arg(i, name).ok_or_else(|| {
                error(
                    "TypeError",
                    format!(
                        "Client.{method}() missing 1 required positional argument: {}",
                        repr_str(name)
                    ),
                )
            })
        };
        let time = match arg(2, "time") {
            Some(Value::Int(t)) => t,
            _ => 0,
        };
        match method {
            "set" | "add" | "replace" | "append" | "prepend" | "cas" => {
                let key = key_of(required(0, "key")?)?;
                let value = required(1, "val")?;
                self.store(client, method, &key, &value, time, now_ms)
            }
            "get" | "gets" => {
                let key = key_of(required(0, "key")?)?;
                let request = format!("{method} {key}\r\n");
                let reply = self
                    .send(client, &key, request.as_bytes(), now_ms)
                    .unwrap_or_default();
                let values = parse_values(&reply);
                if method == "gets"
                    && self.clients[client].cache_cas
                    && let Some((k, _, Some(cas), _)) = values.first()
                {
                    self.clients[client].cas_ids.insert(k.clone(), *cas);
                }
                Ok(values
                    .into_iter()
                    .next()
                    .map_or(Value::None, |(_, flags, _, data)| decode(flags, data)))
            }
            "get_multi" => {
                let keys: Vec<String> = match required(0, "keys")? {
                    Value::List(keys) | Value::Tuple(keys) => {
                        keys.into_iter().map(key_of).collect::<Result<_, _>>()?
                    }
                    other => return Err(not_iterable(&other)),
                };
                let mut found = Vec::new();
                for (node, group) in self.group_by_server(client, &keys) {
                    let request = format!("get {}\r\n", group.join(" "));
                    let c = &mut self.clients[client];
                    let Some(server) = self.servers.get(&c.nodes[node].address) else {
                        continue;
                    };
                    let reply =
                        server.exchange(&mut c.connections[node], request.as_bytes(), now_ms);
                    for (k, flags, _, data) in parse_values(&reply) {
                        found.push((Value::Str(k), decode(flags, data)));
                    }
                }
                Ok(Value::Dict(found))
            }
            "set_multi" => {
                let Value::Dict(pairs) = required(0, "mapping")? else {
                    return Err(error("AttributeError", "object has no attribute 'items'"));
                };
                let mut not_stored = Vec::new();
                for (k, v) in pairs {
                    let key = key_of(k)?;
                    let (flags, data) = encode(&v)?;
                    let request = store_request("set", &key, flags, time, &data, None);
                    let reply = self
                        .send(client, &key, &request, now_ms)
                        .unwrap_or_default();
                    if first_line(&reply) != "STORED" {
                        not_stored.push(Value::Str(key));
                    }
                }
                Ok(Value::List(not_stored))
            }
            "delete" => {
                let key = key_of(required(0, "key")?)?;
                Ok(self.delete_or_touch(client, "delete", &key, None, "DELETED", now_ms))
            }
            "delete_multi" => {
                let keys: Vec<String> = match required(0, "keys")? {
                    Value::List(keys) | Value::Tuple(keys) => {
                        keys.into_iter().map(key_of).collect::<Result<_, _>>()?
                    }
                    other => return Err(not_iterable(&other)),
                };
                for key in keys {
                    let reply = self
                        .send(client, &key, format!("delete {key}\r\n").as_bytes(), now_ms)
                        .unwrap_or_default();
                    self.expect(client, &reply, "DELETED");
                }
                Ok(Value::Int(1))
            }
            "incr" | "decr" => {
                let key = key_of(required(0, "key")?)?;
                let delta = match arg(1, "delta") {
                    Some(Value::Int(d)) => d,
                    Some(Value::Bool(b)) => i64::from(b),
                    None => 1,
                    Some(other) => {
                        return Err(error(
                            "TypeError",
                            format!(
                                "%d format: a real number is required, not {}",
                                other.type_name()
                            ),
                        ));
                    }
                };
                let request = format!("{method} {key} {delta}\r\n");
                let reply = self
                    .send(client, &key, request.as_bytes(), now_ms)
                    .unwrap_or_default();
                let line = first_line(&reply);
                if line == "NOT_FOUND" {
                    return Ok(Value::None);
                }
                line.trim().parse().map(Value::Int).map_err(|_| {
                    error(
                        "ValueError",
                        format!(
                            "invalid literal for int() with base 10: {}",
                            repr_bytes(line.as_bytes())
                        ),
                    )
                })
            }
            "touch" => {
                let key = key_of(required(0, "key")?)?;
                let time = Some(arg(1, "time").unwrap_or(Value::Int(0)));
                Ok(self.delete_or_touch(client, "touch", &key, time, "TOUCHED", now_ms))
            }
            "flush_all" => {
                for node in 0..self.clients[client].nodes.len() {
                    let c = &mut self.clients[client];
                    if let Some(server) = self.servers.get(&c.nodes[node].address) {
                        let reply =
                            server.exchange(&mut c.connections[node], b"flush_all\r\n", now_ms);
                        self.expect(client, &reply, "OK");
                    }
                }
                Ok(Value::None)
            }
            "get_stats" => self.get_stats(client, arg(0, "stat_args"), now_ms),
            "disconnect_all" => {
                for connection in &mut self.clients[client].connections {
                    *connection = Connection::new();
                }
                Ok(Value::None)
            }
            _ => Err(error(
                "AttributeError",
                format!("'Client' object has no attribute {}", repr_str(method)),
            )),
        }
    }

    /// `Client.get_stats(stat_args)`: for each server, its name as python-memcached
    /// writes it (`host:port (weight)`) and the `STAT name value` lines of `stats` (or
    /// `stats <stat_args>`) as a dict of str, values unconverted.
    fn get_stats(
        &mut self,
        client: usize,
        stat_args: Option<Value>,
        now_ms: u64,
    ) -> Result<Value, Raised> {
        let request = match stat_args.filter(Value::truthy) {
            None => "stats\r\n".to_owned(),
            Some(Value::Str(args)) => format!("stats {args}\r\n"),
            Some(other) => {
                return Err(error(
                    "TypeError",
                    format!(
                        "can only concatenate str (not \"{}\") to str",
                        other.type_name()
                    ),
                ));
            }
        };
        let mut data = Vec::new();
        for node in 0..self.clients[client].nodes.len() {
            let c = &mut self.clients[client];
            let Some(server) = self.servers.get(&c.nodes[node].address) else {
                continue;
            };
            let reply = server.exchange(&mut c.connections[node], request.as_bytes(), now_ms);
            let name = format!("{} ({})", c.nodes[node].address, c.nodes[node].weight);
            let mut stats = Vec::new();
            for line in String::from_utf8_lossy(&reply).split("\r\n") {
                if line.trim() == "END" || line.is_empty() {
                    break;
                }
                // `stats = line.split(' ', 2)`, then `stats[1]` and `stats[2]`.
                let mut parts = line.splitn(3, ' ').skip(1);
                let (Some(field), Some(value)) = (parts.next(), parts.next()) else {
                    return Err(error("IndexError", "list index out of range"));
                };
                stats.push((Value::Str(field.to_owned()), Value::Str(value.to_owned())));
            }
            data.push(Value::Tuple(vec![Value::Str(name), Value::Dict(stats)]));
        }
        Ok(Value::List(data))
    }

    /// `Client.delete` and `Client.touch`: `1` when the reply is `expected`, else `0` and
    /// a debug line (a missing key is logged too).
    fn delete_or_touch(
        &mut self,
        client: usize,
        cmd: &str,
        key: &str,
        time: Option<Value>,
        expected: &str,
        now_ms: u64,
    ) -> Value {
        let time = time.map(|t| format!(" {}", t.str())).unwrap_or_default();
        let request = format!("{cmd} {key}{time}\r\n");
        // With no server to send to, python-memcached answers 0 without a word.
        let Some(reply) = self.send(client, key, request.as_bytes(), now_ms) else {
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
        self.debuglog(client, &message);
        Value::Int(0)
    }

    /// Keys grouped by the server they hash to, in first-seen order.
    fn group_by_server(&self, client: usize, keys: &[String]) -> Vec<(usize, Vec<String>)> {
        let mut groups: Vec<(usize, Vec<String>)> = Vec::new();
        for key in keys {
            let Some(node) = self.clients[client]
                .buckets
                .server_for(key.as_bytes(), |_| true)
            else {
                continue;
            };
            match groups.iter_mut().find(|(n, _)| *n == node) {
                Some((_, group)) => group.push(key.clone()),
                None => groups.push((node, vec![key.clone()])),
            }
        }
        groups
    }

    /// `Client._set`: one storage command, `True` when the server answers `STORED` (`0`
    /// when there is no server to send it to). `cas` without a cached unique for the key
    /// is a plain `set`, as python-memcached does it.
    fn store(
        &mut self,
        client: usize,
        cmd: &str,
        key: &str,
        value: &Value,
        time: i64,
        now_ms: u64,
    ) -> Result<Value, Raised> {
        let cas = self.clients[client].cas_ids.get(key).copied();
        let (cmd, cas) = match (cmd, cas) {
            ("cas", None) => ("set", None),
            ("cas", Some(unique)) => ("cas", Some(unique)),
            (other, _) => (other, None),
        };
        let (flags, data) = encode(value)?;
        let request = store_request(cmd, key, flags, time, &data, cas);
        let Some(reply) = self.send(client, key, &request, now_ms) else {
            return Ok(Value::Int(0));
        };
        Ok(Value::Bool(self.expect(client, &reply, "STORED")))
    }
}

/// The client methods the lesson uses, and a few more of python-memcached's.
const CLIENT_METHODS: [&str; 18] = [
    "set",
    "add",
    "replace",
    "append",
    "prepend",
    "cas",
    "get",
    "gets",
    "get_multi",
    "set_multi",
    "delete",
    "delete_multi",
    "incr",
    "decr",
    "touch",
    "flush_all",
    "disconnect_all",
    "get_stats",
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

/// A key as python-memcached checks it (`Client.check_key`): str (sent as UTF-8) or
/// bytes, at most 250 bytes, none of them a space or a control character.
fn key_of(value: Value) -> Result<String, Raised> {
    let raise = |kind: &str, message: String| error(&format!("memcache.Client.{kind}"), message);
    let bytes = match value {
        Value::Str(key) => key.into_bytes(),
        Value::Bytes(key) => key,
        Value::None => return Err(raise("MemcachedKeyNoneError", "Key is None".to_owned())),
        _ => {
            return Err(raise(
                "MemcachedKeyTypeError",
                "Key must be a binary string".to_owned(),
            ));
        }
    };
    if bytes.is_empty() {
        return Err(raise("MemcachedKeyNoneError", "Key is empty".to_owned()));
    }
    if bytes.len() > 250 {
        return Err(raise(
            "MemcachedKeyLengthError",
            "Key length is > 250".to_owned(),
        ));
    }
    if bytes.iter().any(|&b| b <= 0x20 || b == 0x7f) {
        return Err(raise(
            "MemcachedKeyCharacterError",
            format!(
                "Control/space characters not allowed (key={})",
                repr_bytes(&bytes)
            ),
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `Client._val_to_store_info`: the flags and bytes python-memcached stores for a value.
fn encode(value: &Value) -> Result<(u32, Vec<u8>), Raised> {
    match value {
        Value::Bytes(b) => Ok((0, b.clone())),
        Value::Str(s) => Ok((FLAG_TEXT, s.clone().into_bytes())),
        Value::Int(n) => Ok((FLAG_INTEGER, n.to_string().into_bytes())),
        Value::Bool(b) => Ok((FLAG_INTEGER, i64::from(*b).to_string().into_bytes())),
        other => Err(error(
            "NotImplementedError",
            format!(
                "this playground stores str, bytes and int values; python-memcached would pickle a {}",
                other.type_name()
            ),
        )),
    }
}

/// `Client._recv_value`: the Python value for stored flags and bytes.
fn decode(flags: u32, data: Vec<u8>) -> Value {
    if flags == 0 {
        Value::Bytes(data)
    } else if flags & FLAG_TEXT != 0 {
        Value::Str(String::from_utf8_lossy(&data).into_owned())
    } else if flags & FLAG_INTEGER != 0 {
        String::from_utf8_lossy(&data)
            .trim()
            .parse()
            .map_or(Value::Bytes(data), Value::Int)
    } else {
        Value::Bytes(data)
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
    use crate::session::ConsoleSession;

    const NOW: u64 = 1_780_000_000_000;

    /// Runs lines and returns the transcript as the REPL shows it.
    fn repl(lines: &[&str]) -> String {
        let mut session = PythonMemcachedSession::new(NOW);
        lines
            .iter()
            .map(|line| format!(">>> {line}\n{}", session.run_line(line, NOW)))
            .collect()
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
            "mc.set('k',",
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
