//! A Python 3 REPL as far as a lesson's client-library lines need: imports,
//! assignments, literals (str, bytes, int, float, bool, None, lists, tuples, dicts),
//! `print(...)`, attribute access and calls. What a library's objects do is left to a
//! [`Library`] (python-memcached in [`memcache`], redis-py in [`redis`]); the REPL
//! prints results, `print` output and tracebacks as `python3`'s prompt does.
//!
//! Errors raised at the prompt are printed as Python prints them; for errors raised
//! inside a library, the frames inside the library are left out of the traceback.

pub(crate) mod memcache;
pub(crate) mod redis;

use std::collections::BTreeMap;
use std::fmt::Debug;

use crate::session::ConsoleSession;

/// What a library's objects (modules, classes, instances, bound methods) show of
/// themselves to the REPL.
pub trait PyObject: Clone + Debug + PartialEq {
    /// What `repr` shows.
    fn repr(&self) -> String;
    /// The type's name, as error messages quote it (`'Client' object has no ...`).
    fn type_name(&self) -> String;
}

/// A Python value, as far as the lessons' calls need; `O` is the library's objects.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<O> {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    List(Vec<Value<O>>),
    Tuple(Vec<Value<O>>),
    Dict(Vec<(Value<O>, Value<O>)>),
    /// A set, in the order Python would iterate it for the values the lessons use.
    Set(Vec<Value<O>>),
    /// A module, class, instance or method of the library.
    Object(O),
    /// The `print` builtin.
    Print,
    /// The `len` builtin.
    Len,
    /// `bytes.decode` or `str.encode`, bound to its value: how a learner turns what
    /// redis-py returns into text.
    Codec(Box<Value<O>>),
}

/// Python's `repr` of a str: single quotes unless the text holds one and no double quote.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr` of bytes.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// Python's `repr` of a float: the shortest digits that read back the same, positional
/// for exponents from -4 to 15, scientific (`1e+16`) outside.
pub fn repr_float(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let sign = if mantissa.starts_with('-') { "-" } else { "" };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exponent) {
        if exponent >= 0 {
            let point = exponent as usize + 1;
            if digits.len() <= point {
                format!("{sign}{digits}{}.0", "0".repeat(point - digits.len()))
            } else {
                format!("{sign}{}.{}", &digits[..point], &digits[point..])
            }
        } else {
            let zeros = "0".repeat((-exponent - 1) as usize);
            format!("{sign}0.{zeros}{digits}")
        }
    } else {
        let mantissa = if digits.len() == 1 {
            digits
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{exponent_sign}{:02}", exponent.abs())
    }
}

impl<O: PyObject> Value<O> {
    /// What the REPL echoes for a result (`repr`).
    pub fn repr(&self) -> String {
        let join =
            |items: &[Value<O>]| items.iter().map(Value::repr).collect::<Vec<_>>().join(", ");
        match self {
            Value::None => "None".to_owned(),
            Value::Bool(true) => "True".to_owned(),
            Value::Bool(false) => "False".to_owned(),
            Value::Int(n) => n.to_string(),
            Value::Float(x) => repr_float(*x),
            Value::Str(s) => repr_str(s),
            Value::Bytes(b) => repr_bytes(b),
            Value::List(items) => format!("[{}]", join(items)),
            Value::Tuple(items) if items.len() == 1 => format!("({},)", items[0].repr()),
            Value::Tuple(items) => format!("({})", join(items)),
            Value::Dict(pairs) => format!(
                "{{{}}}",
                pairs
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.repr(), v.repr()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Value::Set(items) if items.is_empty() => "set()".to_owned(),
            Value::Set(items) => format!("{{{}}}", join(items)),
            Value::Object(object) => object.repr(),
            Value::Print => "<built-in function print>".to_owned(),
            Value::Len => "<built-in function len>".to_owned(),
            Value::Codec(value) => format!(
                "<built-in method {} of {} object>",
                codec_name(value),
                value.type_name()
            ),
        }
    }

    /// What `print` shows (`str`).
    pub fn str(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            other => other.repr(),
        }
    }

    /// The Python type name, for error messages.
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::Object(object) => return object.type_name(),
            Value::Print | Value::Len | Value::Codec(_) => "builtin_function_or_method",
        }
        .to_owned()
    }

    /// Python's truth value.
    pub fn truthy(&self) -> bool {
        match self {
            Value::None | Value::Bool(false) | Value::Int(0) => false,
            Value::Float(x) => *x != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(items) | Value::Tuple(items) | Value::Set(items) => !items.is_empty(),
            Value::Dict(pairs) => !pairs.is_empty(),
            _ => true,
        }
    }
}

/// A Python exception raised by a line.
#[derive(Debug, PartialEq)]
pub enum Raised {
    /// The line does not parse.
    Syntax(&'static str),
    /// An exception with its qualified type and message, e.g. `NameError`.
    Error(String, String),
}

pub fn error(kind: &str, message: impl Into<String>) -> Raised {
    Raised::Error(kind.to_owned(), message.into())
}

/// The `AttributeError` for a missing attribute of a value of type `type_name`.
pub fn no_attribute(type_name: &str, name: &str) -> Raised {
    error(
        "AttributeError",
        format!(
            "{} object has no attribute {}",
            repr_str(type_name),
            repr_str(name)
        ),
    )
}

/// The `AttributeError` for a name a module does not have.
pub fn module_has_no(module: &str, name: &str) -> Raised {
    error(
        "AttributeError",
        format!(
            "module {} has no attribute {}",
            repr_str(module),
            repr_str(name)
        ),
    )
}

/// The `TypeError` for calling a value of type `type_name`.
pub fn not_callable(type_name: &str) -> Raised {
    error(
        "TypeError",
        format!("{} object is not callable", repr_str(type_name)),
    )
}

/// `len(value)`.
fn length<O: PyObject>(value: &Value<O>) -> Result<Value<O>, Raised> {
    let n = match value {
        Value::Str(s) => s.chars().count(),
        Value::Bytes(b) => b.len(),
        Value::List(items) | Value::Tuple(items) | Value::Set(items) => items.len(),
        Value::Dict(pairs) => pairs.len(),
        other => {
            return Err(error(
                "TypeError",
                format!(
                    "object of type {} has no len()",
                    repr_str(&other.type_name())
                ),
            ));
        }
    };
    Ok(Value::Int(n as i64))
}

/// `value[index]`: an item of a list, tuple, str or bytes by position (negative from
/// the end), or a dict's value by key.
fn subscript<O: PyObject>(value: Value<O>, index: Value<O>) -> Result<Value<O>, Raised> {
    let type_name = value.type_name();
    let (len, what) = match &value {
        Value::Dict(pairs) => {
            return pairs
                .iter()
                .find(|(k, _)| *k == index)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| error("KeyError", index.repr()));
        }
        Value::List(items) => (items.len(), "list"),
        Value::Tuple(items) => (items.len(), "tuple"),
        Value::Str(s) => (s.chars().count(), "string"),
        Value::Bytes(b) => (b.len(), "byte"),
        _ => {
            return Err(error(
                "TypeError",
                format!("{} object is not subscriptable", repr_str(&type_name)),
            ));
        }
    };
    let Value::Int(i) = index else {
        let message = match &value {
            Value::Str(_) => format!(
                "string indices must be integers, not {}",
                repr_str(&index.type_name())
            ),
            _ => format!(
                "{what} indices must be integers or slices, not {}",
                index.type_name()
            ),
        };
        return Err(error("TypeError", message));
    };
    let position = if i < 0 { i + len as i64 } else { i };
    let Some(position) = usize::try_from(position).ok().filter(|p| *p < len) else {
        let what = if what == "byte" { "" } else { what };
        return Err(error(
            "IndexError",
            format!("{what} index out of range").trim_start().to_owned(),
        ));
    };
    Ok(match value {
        Value::List(items) | Value::Tuple(items) => items[position].clone(),
        Value::Str(s) => Value::Str(
            s.chars()
                .nth(position)
                .map(String::from)
                .unwrap_or_default(),
        ),
        Value::Bytes(b) => Value::Int(i64::from(b[position])),
        other => other,
    })
}

/// The method that turns a value to the other of str and bytes.
fn codec_name<O>(value: &Value<O>) -> &'static str {
    match value {
        Value::Bytes(_) => "decode",
        _ => "encode",
    }
}

/// `bytes.decode(encoding='utf-8')` and `str.encode(encoding='utf-8')`, for UTF-8 (the
/// encoding redis-py writes str values in).
fn transcode<O: PyObject>(value: Value<O>, args: &[Arg<O>]) -> Result<Value<O>, Raised> {
    let method = codec_name(&value);
    let encoding = args
        .iter()
        .find(|(k, _)| k.is_none() || k.as_deref() == Some("encoding"))
        .map(|(_, v)| v);
    match encoding {
        None => {}
        Some(Value::Str(name))
            if matches!(
                name.to_ascii_lowercase().replace('_', "-").as_str(),
                "utf-8" | "utf8"
            ) => {}
        Some(Value::Str(name)) => {
            return Err(error(
                "LookupError",
                format!(
                    "this playground knows the encoding 'utf-8' only, not {}",
                    repr_str(name)
                ),
            ));
        }
        Some(other) => {
            return Err(error(
                "TypeError",
                format!(
                    "{method}() argument 'encoding' must be str, not {}",
                    other.type_name()
                ),
            ));
        }
    }
    match value {
        Value::Str(s) => Ok(Value::Bytes(s.into_bytes())),
        Value::Bytes(b) => match String::from_utf8(b) {
            Ok(text) => Ok(Value::Str(text)),
            Err(e) => Err(utf8_error(e.as_bytes(), e.utf8_error())),
        },
        other => Ok(other),
    }
}

/// The `UnicodeDecodeError` CPython's UTF-8 codec raises at the first bad byte.
fn utf8_error(bytes: &[u8], e: std::str::Utf8Error) -> Raised {
    let at = e.valid_up_to();
    let lead = bytes[at];
    let (what, reason) = match e.error_len() {
        _ if !(0xc2..=0xf4).contains(&lead) => (
            format!("byte 0x{lead:02x} in position {at}"),
            "invalid start byte",
        ),
        None if bytes.len() - at > 1 => (
            format!("bytes in position {at}-{}", bytes.len() - 1),
            "unexpected end of data",
        ),
        None => (
            format!("byte 0x{lead:02x} in position {at}"),
            "unexpected end of data",
        ),
        Some(_) => (
            format!("byte 0x{lead:02x} in position {at}"),
            "invalid continuation byte",
        ),
    };
    error(
        "UnicodeDecodeError",
        format!("'utf-8' codec can't decode {what}: {reason}"),
    )
}

/// A `TypeError` saying a value of this type cannot be iterated.
pub fn not_iterable<O: PyObject>(value: &Value<O>) -> Raised {
    error(
        "TypeError",
        format!("{} object is not iterable", repr_str(&value.type_name())),
    )
}

/// A token of the lessons' Python.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Name(String),
    Str(String),
    Int(i64),
    Float(f64),
    Punct(char),
}

fn tokenize(line: &str) -> Result<Vec<Token>, Raised> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\t' => {
                chars.next();
            }
            '#' => break,
            '\'' | '"' => {
                chars.next();
                let mut s = String::new();
                loop {
                    match chars.next() {
                        None => {
                            return Err(Raised::Syntax(
                                "unterminated string literal (detected at line 1)",
                            ));
                        }
                        Some(q) if q == c => break,
                        Some('\\') => match chars.next() {
                            Some('n') => s.push('\n'),
                            Some('t') => s.push('\t'),
                            Some('r') => s.push('\r'),
                            Some('0') => s.push('\0'),
                            Some('x') => {
                                let hex: String = chars.by_ref().take(2).collect();
                                let code = u32::from_str_radix(&hex, 16)
                                    .ok()
                                    .filter(|_| hex.len() == 2)
                                    .and_then(char::from_u32)
                                    .ok_or(Raised::Syntax(
                                        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape",
                                    ))?;
                                s.push(code);
                            }
                            Some(other) => s.push(other),
                            None => {
                                return Err(Raised::Syntax(
                                    "unterminated string literal (detected at line 1)",
                                ));
                            }
                        },
                        Some(ch) => s.push(ch),
                    }
                }
                tokens.push(Token::Str(s));
            }
            '0'..='9' | '-'
                if c != '-'
                    || tokens
                        .last()
                        .is_none_or(|t| matches!(t, Token::Punct(p) if *p != ')' && *p != ']')) =>
            {
                let mut digits = String::new();
                digits.push(c);
                chars.next();
                // A point or an exponent makes it a float (`2.5`, `1e20`, `1.5e-7`).
                let mut fraction = false;
                let mut exponent = false;
                while let Some(&d) = chars.peek() {
                    let sign_of_exponent =
                        (d == '-' || d == '+') && digits.ends_with(['e', 'E']) && exponent;
                    if d == '.' && !fraction && !exponent {
                        fraction = true;
                    } else if (d == 'e' || d == 'E') && !exponent {
                        exponent = true;
                    } else if !(d.is_ascii_digit() || d == '_' || sign_of_exponent) {
                        break;
                    }
                    if d != '_' {
                        digits.push(d);
                    }
                    chars.next();
                }
                let fraction = fraction || exponent;
                tokens.push(if fraction {
                    Token::Float(
                        digits
                            .parse()
                            .map_err(|_| Raised::Syntax("invalid syntax"))?,
                    )
                } else {
                    Token::Int(
                        digits
                            .parse()
                            .map_err(|_| Raised::Syntax("invalid syntax"))?,
                    )
                });
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut name = String::new();
                while let Some(&d) = chars.peek().filter(|d| d.is_alphanumeric() || **d == '_') {
                    name.push(d);
                    chars.next();
                }
                tokens.push(Token::Name(name));
            }
            '(' | ')' | '[' | ']' | '{' | '}' | ',' | ':' | '=' | '.' => {
                tokens.push(Token::Punct(c));
                chars.next();
            }
            _ => return Err(Raised::Syntax("invalid syntax")),
        }
    }
    Ok(tokens)
}

/// Python's parser refuses deeper bracket nesting; refusing it here also keeps the
/// recursive reader's stack small whatever is typed.
const MAX_NESTING: usize = 200;

/// The deepest bracket nesting of a line.
fn nesting(tokens: &[Token]) -> usize {
    let mut depth = 0_usize;
    let mut deepest = 0;
    for token in tokens {
        match token {
            Token::Punct('(' | '[' | '{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Token::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// An argument of a call, positional or by keyword.
pub type Arg<O> = (Option<String>, Value<O>);

/// A client library installed in the REPL: its modules and what its objects do.
pub trait Library {
    type Object: PyObject;
    /// A server its clients talk to.
    type Server;

    /// The servers by address (`host:port`).
    fn servers(&self) -> &BTreeMap<String, Self::Server>;
    fn servers_mut(&mut self) -> &mut BTreeMap<String, Self::Server>;

    /// `import name`: the module, or `None` when no such module is installed.
    fn import(&mut self, module: &str) -> Option<Value<Self::Object>>;

    /// `object.name`.
    fn attribute(
        &mut self,
        object: &Self::Object,
        name: &str,
    ) -> Result<Value<Self::Object>, Raised>;

    /// `object(args)` at virtual time `now_ms`; what the library writes to stdout or
    /// stderr meanwhile goes to `out`.
    fn call(
        &mut self,
        object: Self::Object,
        args: Vec<Arg<Self::Object>>,
        now_ms: u64,
        out: &mut String,
    ) -> Result<Value<Self::Object>, Raised>;
}

/// Keywords that start a statement this REPL does not model (blocks, `from` imports...):
/// such a line gets a clear error instead of a NameError about the keyword.
const STATEMENT_KEYWORDS: [&str; 20] = [
    "for", "while", "if", "elif", "else", "def", "class", "with", "try", "except", "finally",
    "from", "del", "return", "raise", "assert", "global", "async", "pass", "lambda",
];

/// A Python 3 REPL with a client library installed, and the servers its clients talk
/// to: one per address a client names, started when first named unless one was attached.
pub struct PythonSession<L: Library> {
    library: L,
    vars: BTreeMap<String, Value<L::Object>>,
    /// stdout and stderr of the current line, in the order written.
    out: String,
}

impl<L: Library> PythonSession<L> {
    fn with_library(library: L) -> Self {
        Self {
            library,
            vars: BTreeMap::new(),
            out: String::new(),
        }
    }

    fn run(&mut self, line: &str, now_ms: u64) -> Result<Option<Value<L::Object>>, Raised> {
        let tokens = tokenize(line)?;
        if nesting(&tokens) > MAX_NESTING {
            return Err(Raised::Syntax("too many nested parentheses"));
        }
        match tokens.as_slice() {
            [] => Ok(None),
            [Token::Name(import), Token::Name(module)] if import == "import" => {
                match self.library.import(module) {
                    Some(value) => {
                        self.vars.insert(module.clone(), value);
                        Ok(None)
                    }
                    None => Err(error(
                        "ModuleNotFoundError",
                        format!("No module named {}", repr_str(module)),
                    )),
                }
            }
            [Token::Name(keyword), ..] if STATEMENT_KEYWORDS.contains(&keyword.as_str()) => {
                Err(error(
                    "NotImplementedError",
                    format!(
                        "this console runs one expression, assignment or `import module` a line; \
                         {} statements are not modelled",
                        repr_str(keyword)
                    ),
                ))
            }
            [Token::Name(print), rest @ ..]
                if print == "print" && !rest.is_empty() && rest[0] != Token::Punct('(') =>
            {
                Err(Raised::Syntax(
                    "Missing parentheses in call to 'print'. Did you mean print(...)?",
                ))
            }
            [Token::Name(name), Token::Punct('='), rest @ ..] => {
                let value = Parser {
                    tokens: rest,
                    pos: 0,
                }
                .expression_to_end(self, now_ms)?;
                self.vars.insert(name.clone(), value);
                Ok(None)
            }
            _ => Parser {
                tokens: &tokens,
                pos: 0,
            }
            .expression_to_end(self, now_ms)
            .map(Some),
        }
    }

    fn lookup(&self, name: &str) -> Result<Value<L::Object>, Raised> {
        match name {
            "True" => Ok(Value::Bool(true)),
            "False" => Ok(Value::Bool(false)),
            "None" => Ok(Value::None),
            "print" => Ok(Value::Print),
            "len" => Ok(Value::Len),
            _ => self.vars.get(name).cloned().ok_or_else(|| {
                error(
                    "NameError",
                    format!("name {} is not defined", repr_str(name)),
                )
            }),
        }
    }

    fn attribute(
        &mut self,
        value: Value<L::Object>,
        name: &str,
    ) -> Result<Value<L::Object>, Raised> {
        match value {
            Value::Object(object) => self.library.attribute(&object, name),
            value @ (Value::Bytes(_) | Value::Str(_)) if name == codec_name(&value) => {
                Ok(Value::Codec(Box::new(value)))
            }
            other => Err(no_attribute(&other.type_name(), name)),
        }
    }

    fn call(
        &mut self,
        callee: Value<L::Object>,
        args: Vec<Arg<L::Object>>,
        now_ms: u64,
    ) -> Result<Value<L::Object>, Raised> {
        match callee {
            Value::Print => {
                let text: Vec<String> = args.iter().map(|(_, v)| v.str()).collect();
                self.out.push_str(&text.join(" "));
                self.out.push('\n');
                Ok(Value::None)
            }
            Value::Object(object) => self.library.call(object, args, now_ms, &mut self.out),
            Value::Codec(value) => transcode(*value, &args),
            Value::Len => match args.as_slice() {
                [(None, value)] => length(value),
                _ => Err(error(
                    "TypeError",
                    format!("len() takes exactly one argument ({} given)", args.len()),
                )),
            },
            other => Err(not_callable(&other.type_name())),
        }
    }

    /// Puts an already running server at `address`, so clients that name it are
    /// clients of that server, beside its other clients (the page's console).
    pub fn attach(&mut self, address: &str, server: L::Server) {
        self.library
            .servers_mut()
            .insert(address.to_owned(), server);
    }

    /// The server listening on `address`, for views of what a client stored there.
    pub fn server(&self, address: &str) -> Option<&L::Server> {
        self.library.servers().get(address)
    }

    /// Every address a server listens on, in order, with its server.
    pub fn servers(&self) -> impl Iterator<Item = (&str, &L::Server)> {
        self.library.servers().iter().map(|(a, s)| (a.as_str(), s))
    }
}

impl<L: Library> ConsoleSession for PythonSession<L> {
    fn prompt(&self) -> String {
        ">>>".to_owned()
    }

    /// Runs one typed line and returns what the REPL prints for it.
    fn run_line(&mut self, line: &str, now_ms: u64) -> String {
        self.out.clear();
        let result = self.run(line, now_ms);
        let mut out = std::mem::take(&mut self.out);
        match result {
            Ok(Some(Value::None)) | Ok(None) => {}
            Ok(Some(value)) => {
                out.push_str(&value.repr());
                out.push('\n');
            }
            Err(Raised::Syntax(message)) => {
                let caret = "^".repeat(line.trim().chars().count().max(1));
                out.push_str(&format!(
                    "  File \"<stdin>\", line 1\n    {}\n    {caret}\nSyntaxError: {message}\n",
                    line.trim()
                ));
            }
            Err(Raised::Error(kind, message)) => {
                out.push_str(&format!(
                    "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n{kind}: {message}\n"
                ));
            }
        }
        out
    }
}

/// A recursive-descent reader of one expression over the tokens, evaluating as it goes
/// (calls happen in the order Python makes them).
struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Token::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expression_to_end<L: Library>(
        mut self,
        repl: &mut PythonSession<L>,
        now_ms: u64,
    ) -> Result<Value<L::Object>, Raised> {
        let value = self.expression(repl, now_ms)?;
        if self.pos != self.tokens.len() {
            return Err(Raised::Syntax("invalid syntax"));
        }
        Ok(value)
    }

    fn expression<L: Library>(
        &mut self,
        repl: &mut PythonSession<L>,
        now_ms: u64,
    ) -> Result<Value<L::Object>, Raised> {
        let mut value = match self.tokens.get(self.pos).cloned() {
            Some(Token::Str(s)) => {
                self.pos += 1;
                // b'...' is read as the name `b` followed by a string; see below.
                Value::Str(s)
            }
            Some(Token::Int(n)) => {
                self.pos += 1;
                Value::Int(n)
            }
            Some(Token::Float(x)) => {
                self.pos += 1;
                Value::Float(x)
            }
            Some(Token::Name(name)) => {
                self.pos += 1;
                match (name.as_str(), self.peek()) {
                    ("b", Some(Token::Str(s))) => {
                        // Each character of a bytes literal is one byte (`\xff` too).
                        let bytes = s
                            .chars()
                            .map(|c| {
                                u8::try_from(c)
                                    .ok()
                                    .filter(|_| c.is_ascii() || !s.is_empty())
                            })
                            .collect::<Option<Vec<u8>>>()
                            .ok_or(Raised::Syntax(
                                "bytes can only contain ASCII literal characters",
                            ))?;
                        self.pos += 1;
                        Value::Bytes(bytes)
                    }
                    _ => repl.lookup(&name)?,
                }
            }
            Some(Token::Punct('[')) => {
                self.pos += 1;
                Value::List(self.sequence(']', repl, now_ms)?)
            }
            Some(Token::Punct('(')) => {
                self.pos += 1;
                let start = self.pos;
                let items = self.sequence(')', repl, now_ms)?;
                // `(x)` is x; `(x,)` and `(x, y)` are tuples.
                let trailing_comma = self.tokens.get(self.pos - 2) == Some(&Token::Punct(','));
                if items.len() == 1 && !trailing_comma && self.pos - start > 1 {
                    items.into_iter().next().unwrap_or(Value::None)
                } else {
                    Value::Tuple(items)
                }
            }
            Some(Token::Punct('{')) => {
                self.pos += 1;
                let mut pairs = Vec::new();
                while !self.eat('}') {
                    let key = self.expression(repl, now_ms)?;
                    if !self.eat(':') {
                        return Err(Raised::Syntax("invalid syntax"));
                    }
                    let value = self.expression(repl, now_ms)?;
                    match pairs.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, v)) => *v = value,
                        None => pairs.push((key, value)),
                    }
                    if !self.eat(',') && self.peek() != Some(&Token::Punct('}')) {
                        return Err(Raised::Syntax("invalid syntax"));
                    }
                }
                Value::Dict(pairs)
            }
            _ => return Err(Raised::Syntax("invalid syntax")),
        };
        loop {
            if self.eat('.') {
                let Some(Token::Name(name)) = self.tokens.get(self.pos).cloned() else {
                    return Err(Raised::Syntax("invalid syntax"));
                };
                self.pos += 1;
                value = repl.attribute(value, &name)?;
            } else if self.eat('(') {
                let args = self.arguments(repl, now_ms)?;
                value = repl.call(value, args, now_ms)?;
            } else if self.eat('[') {
                let index = self.expression(repl, now_ms)?;
                if !self.eat(']') {
                    return Err(Raised::Syntax("invalid syntax"));
                }
                value = subscript(value, index)?;
            } else {
                return Ok(value);
            }
        }
    }

    /// Items up to `close`, comma separated, trailing comma allowed.
    fn sequence<L: Library>(
        &mut self,
        close: char,
        repl: &mut PythonSession<L>,
        now_ms: u64,
    ) -> Result<Vec<Value<L::Object>>, Raised> {
        let mut items = Vec::new();
        while !self.eat(close) {
            items.push(self.expression(repl, now_ms)?);
            if !self.eat(',') && self.peek() != Some(&Token::Punct(close)) {
                return Err(Raised::Syntax("invalid syntax"));
            }
        }
        Ok(items)
    }

    /// Call arguments up to `)`: positional, then `name=value`.
    fn arguments<L: Library>(
        &mut self,
        repl: &mut PythonSession<L>,
        now_ms: u64,
    ) -> Result<Vec<Arg<L::Object>>, Raised> {
        let mut args = Vec::new();
        while !self.eat(')') {
            let keyword = match (self.tokens.get(self.pos), self.tokens.get(self.pos + 1)) {
                (Some(Token::Name(name)), Some(Token::Punct('='))) => {
                    let name = name.clone();
                    self.pos += 2;
                    Some(name)
                }
                _ => None,
            };
            args.push((keyword, self.expression(repl, now_ms)?));
            if !self.eat(',') && self.peek() != Some(&Token::Punct(')')) {
                return Err(Raised::Syntax("invalid syntax"));
            }
        }
        Ok(args)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

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

    #[test]
    fn floats_print_as_python_prints_them() {
        for (x, text) in [
            (1.0, "1.0"),
            (2.5, "2.5"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (1e16, "1e+16"),
            (123456789012345.6, "123456789012345.6"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (f64::INFINITY, "inf"),
        ] {
            assert_eq!(repr_float(x), text);
        }
    }
}
