//! `sys`: the running process as Python sees it — its arguments, its streams, the
//! interpreter's version and limits, and `exit`.

use std::rc::Rc;

use super::{
    StructSeq, add_functions, c_args, held, method_args, methods, new_module, registered_class,
};
use crate::value::{Class, Dict, Key, Module, Value};
use crate::vm::exceptions::{self, error};
use crate::vm::native::{Args, NativeObject, PyResult, Signal};
use crate::vm::types::new_class;
use crate::vm::{Stream, Vm};

/// `sys.version` of the python3 whose output we match.
const VERSION: &str = "3.11.7 (main, May  9 2026, 07:35:25) [GCC 12.2.0]";
/// `sys.version_info`'s field names.
const VERSION_FIELDS: &[&str] = &["major", "minor", "micro", "releaselevel", "serial"];

/// Makes `sys` for the current process.
pub fn make(vm: &mut Vm) -> Rc<Module> {
    let module = new_module("sys", None);
    add_functions(
        &module,
        &[
            ("exit", exit),
            ("getrecursionlimit", getrecursionlimit),
            ("setrecursionlimit", setrecursionlimit),
            ("getdefaultencoding", getdefaultencoding),
            ("exc_info", exc_info),
            ("intern", intern),
        ],
    );
    let process = vm.process();
    let argv: Vec<Value> = process.argv.iter().map(|arg| Value::str(arg)).collect();
    let folder = process.files.folder();
    module.set("argv", Value::list(argv));
    let path = [
        folder.as_str(),
        "/usr/lib/python311.zip",
        "/usr/lib/python3.11",
        "/usr/lib/python3.11/lib-dynload",
        "/usr/local/lib/python3.11/dist-packages",
        "/usr/lib/python3/dist-packages",
    ];
    module.set(
        "path",
        Value::list(path.iter().map(|p| Value::str(p)).collect()),
    );
    let modules: Dict = vm
        .process()
        .modules
        .iter()
        .map(|(name, module)| (Key(Value::Str(name.clone())), module.clone()))
        .collect();
    module.set("modules", Value::dict(modules));
    module.set("version", Value::str(VERSION));
    let version_info = registered_class(vm, "sys.version_info", |vm| {
        StructSeq::class(vm, "sys.version_info")
    });
    let items = vec![
        Value::Int(3),
        Value::Int(11),
        Value::Int(7),
        Value::str("final"),
        Value::Int(0),
    ];
    module.set(
        "version_info",
        StructSeq::make(&version_info, StructSeq::fields(VERSION_FIELDS), items),
    );
    module.set("hexversion", Value::Int(0x030b_07f0));
    module.set("api_version", Value::Int(1013));
    module.set("platform", Value::str("linux"));
    module.set("byteorder", Value::str("little"));
    module.set("executable", Value::str("/usr/bin/python3"));
    module.set("maxsize", Value::Int(i64::MAX));
    module.set("maxunicode", Value::Int(0x10_ffff));
    for channel in [Channel::Stdin, Channel::Stdout, Channel::Stderr] {
        let stream = text_stream(vm, channel);
        module.set(channel.name(), stream.clone());
        module.set(&format!("__{}__", channel.name()), stream);
    }
    module
}

/// `sys.exit(status=None)`: raises SystemExit, which ends the process with that
/// status once it leaves the main thread.
fn exit(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "exit", 0, 1)?;
    Err(Signal::Raise(exceptions::new_exception(
        vm,
        "SystemExit",
        args,
    )))
}

fn getrecursionlimit(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "getrecursionlimit", 0, 0)?;
    Ok(Value::Int(crate::vm::RECURSION_LIMIT as i64))
}

/// `sys.setrecursionlimit(n)`: checked as CPython checks it; the VM's own limit stays.
fn setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "setrecursionlimit", 1, 1)?;
    let limit = super::to_index(vm, &args[0])?;
    if limit < 1 {
        return Err(error(
            vm,
            "ValueError",
            "recursion limit must be greater or equal than 1",
        ));
    }
    Ok(Value::None)
}

fn getdefaultencoding(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "getdefaultencoding", 0, 0)?;
    Ok(Value::str("utf-8"))
}

/// `sys.exc_info()`: the exception being handled, as (type, value, traceback).
fn exc_info(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "exc_info", 0, 0)?;
    let handling = vm.thread().handling.last().cloned();
    Ok(Value::tuple(match handling {
        Some(exc) => vec![Value::Class(vm.types.class_of(&exc)), exc, Value::None],
        None => vec![Value::None, Value::None, Value::None],
    }))
}

fn intern(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "intern", 1, 1)?;
    match &args[0] {
        text @ Value::Str(_) => Ok(text.clone()),
        other => {
            let message = format!("intern() argument must be str, not {}", other.type_name());
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// Which standard stream a `TextStream` is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Channel {
    Stdin,
    Stdout,
    Stderr,
}

impl Channel {
    fn name(self) -> &'static str {
        match self {
            Channel::Stdin => "stdin",
            Channel::Stdout => "stdout",
            Channel::Stderr => "stderr",
        }
    }
}

/// `sys.stdin`, `sys.stdout` or `sys.stderr`: an `_io.TextIOWrapper` over the
/// process's input or output.
struct TextStream {
    class: Rc<Class>,
    channel: Channel,
}

impl NativeObject for TextStream {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }
    fn repr(&self) -> Option<String> {
        let mode = if self.channel == Channel::Stdin {
            'r'
        } else {
            'w'
        };
        Some(format!(
            "<_io.TextIOWrapper name='<{}>' mode='{mode}' encoding='utf-8'>",
            self.channel.name()
        ))
    }
    fn get_attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "name" => Value::str(&format!("<{}>", self.channel.name())),
            "mode" => Value::str(if self.channel == Channel::Stdin {
                "r"
            } else {
                "w"
            }),
            "encoding" => Value::str("utf-8"),
            "errors" => Value::str(if self.channel == Channel::Stderr {
                "backslashreplace"
            } else {
                "surrogateescape"
            }),
            "closed" => Value::Bool(false),
            _ => return None,
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn text_stream(vm: &mut Vm, channel: Channel) -> Value {
    let class = registered_class(vm, "_io.TextIOWrapper", |vm| {
        let object = vm.types.get(crate::vm::types::TypeTag::Object).clone();
        let dict = methods(
            "_io.TextIOWrapper",
            &[
                ("write", write),
                ("writelines", writelines),
                ("flush", flush),
                ("isatty", isatty),
                ("fileno", fileno),
                ("readable", readable),
                ("writable", writable),
                ("readline", readline),
                ("read", read),
                ("readlines", readlines),
                ("__iter__", iter),
                ("__next__", next),
            ],
        );
        new_class(
            "TextIOWrapper",
            "_io",
            Some(&object),
            dict,
            Some(crate::vm::types::TypeTag::Native),
        )
    });
    Value::Native(Rc::new(TextStream { class, channel }))
}

/// The stream a method is called on, and its other arguments.
fn stream_args(vm: &mut Vm, args: Args, method: &str) -> PyResult<(Channel, Args)> {
    let (this, rest) = method_args(vm, args, method)?;
    let stream = held::<TextStream>(vm, &this, "_io.TextIOWrapper", method)?;
    Ok((stream.channel, rest))
}

/// An output stream's text written to the process's stdout or stderr.
fn put(vm: &mut Vm, channel: Channel, text: &str) -> PyResult<()> {
    let stream = match channel {
        Channel::Stdout => Stream::Stdout,
        Channel::Stderr => Stream::Stderr,
        Channel::Stdin => return Err(unsupported(vm, "not writable")),
    };
    vm.write(stream, text);
    Ok(())
}

/// `stream.write(s)`: the number of characters written.
fn write(vm: &mut Vm, args: Args) -> PyResult {
    let (channel, rest) = stream_args(vm, args, "write")?;
    let args = c_args(vm, rest, "TextIOWrapper.write", 1, 1)?;
    let Value::Str(text) = &args[0] else {
        let message = format!("write() argument must be str, not {}", args[0].type_name());
        return Err(error(vm, "TypeError", &message));
    };
    put(vm, channel, text)?;
    Ok(Value::Int(text.chars().count() as i64))
}

/// `stream.writelines(lines)`: each str written as it is.
fn writelines(vm: &mut Vm, args: Args) -> PyResult {
    let (channel, rest) = stream_args(vm, args, "writelines")?;
    let args = c_args(vm, rest, "TextIOWrapper.writelines", 1, 1)?;
    for line in crate::vm::iter::collect(vm, &args[0])? {
        let Value::Str(text) = &line else {
            let message = format!("write() argument must be str, not {}", line.type_name());
            return Err(error(vm, "TypeError", &message));
        };
        put(vm, channel, text)?;
    }
    Ok(Value::None)
}

/// `io.UnsupportedOperation` (an OSError), for reading an output stream or writing
/// the input one.
fn unsupported(vm: &mut Vm, message: &str) -> Signal {
    error(vm, "OSError", message)
}

fn flush(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = stream_args(vm, args, "flush")?;
    c_args(vm, rest, "TextIOWrapper.flush", 0, 0)?;
    Ok(Value::None)
}

fn isatty(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = stream_args(vm, args, "isatty")?;
    c_args(vm, rest, "TextIOWrapper.isatty", 0, 0)?;
    Ok(Value::Bool(false))
}

fn fileno(vm: &mut Vm, args: Args) -> PyResult {
    let (channel, rest) = stream_args(vm, args, "fileno")?;
    c_args(vm, rest, "TextIOWrapper.fileno", 0, 0)?;
    Ok(Value::Int(match channel {
        Channel::Stdin => 0,
        Channel::Stdout => 1,
        Channel::Stderr => 2,
    }))
}

fn readable(vm: &mut Vm, args: Args) -> PyResult {
    let (channel, rest) = stream_args(vm, args, "readable")?;
    c_args(vm, rest, "TextIOWrapper.readable", 0, 0)?;
    Ok(Value::Bool(channel == Channel::Stdin))
}

fn writable(vm: &mut Vm, args: Args) -> PyResult {
    let (channel, rest) = stream_args(vm, args, "writable")?;
    c_args(vm, rest, "TextIOWrapper.writable", 0, 0)?;
    Ok(Value::Bool(channel != Channel::Stdin))
}

/// Parks the thread while the process's stdin is open (the page's input pane) and
/// holds too little: no whole line yet, or, when `whole` is asked for, anything
/// before the pane is closed.
fn wait_for_input(vm: &mut Vm, whole: bool) -> PyResult<()> {
    let pid = vm.threads[vm.current].process;
    let process = vm.process();
    let rest = &process.stdin[process.stdin_pos..];
    let enough = !whole && rest.contains('\n');
    if process.stdin_open && !enough {
        return Err(vm.block(Some(Vm::stdin_key(pid)), None, "sys.stdin"));
    }
    Ok(())
}

/// Takes the next line of the process's stdin (with its newline; "" at the end),
/// waiting for the input pane while it is open.
fn take_line(vm: &mut Vm) -> PyResult<String> {
    wait_for_input(vm, false)?;
    let process = vm.process();
    let rest = &process.stdin[process.stdin_pos..];
    let end = rest.find('\n').map_or(rest.len(), |at| at + 1);
    let line = rest[..end].to_owned();
    process.stdin_pos += end;
    Ok(line)
}

/// The input stream a read method is called on (an output stream cannot be read).
fn input_args(vm: &mut Vm, args: Args, method: &str, max: usize) -> PyResult<Vec<Value>> {
    let (channel, rest) = stream_args(vm, args, method)?;
    let args = c_args(vm, rest, &format!("TextIOWrapper.{method}"), 0, max)?;
    if channel != Channel::Stdin {
        return Err(unsupported(vm, "not readable"));
    }
    Ok(args)
}

/// `sys.stdin.readline()`.
fn readline(vm: &mut Vm, args: Args) -> PyResult {
    input_args(vm, args, "readline", 1)?;
    Ok(Value::str(&take_line(vm)?))
}

/// `sys.stdin.read()`: the rest of the input, once the input pane is closed.
fn read(vm: &mut Vm, args: Args) -> PyResult {
    input_args(vm, args, "read", 1)?;
    wait_for_input(vm, true)?;
    let process = vm.process();
    let rest = process.stdin[process.stdin_pos..].to_owned();
    process.stdin_pos = process.stdin.len();
    Ok(Value::str(&rest))
}

/// `sys.stdin.readlines()`: the lines of the rest of the input.
fn readlines(vm: &mut Vm, args: Args) -> PyResult {
    input_args(vm, args, "readlines", 1)?;
    wait_for_input(vm, true)?;
    let mut lines = Vec::new();
    loop {
        let line = take_line(vm)?;
        if line.is_empty() {
            return Ok(Value::list(lines));
        }
        lines.push(Value::str(&line));
    }
}

/// `iter(sys.stdin)`: the stream itself, read line by line.
fn iter(vm: &mut Vm, args: Args) -> PyResult {
    let (this, _) = method_args(vm, args, "__iter__")?;
    Ok(this)
}

/// `next(sys.stdin)`: the next line, or StopIteration at the end of the input.
fn next(vm: &mut Vm, args: Args) -> PyResult {
    input_args(vm, args, "__next__", 0)?;
    let line = take_line(vm)?;
    if line.is_empty() {
        return Err(exceptions::stop_iteration(vm, Value::None));
    }
    Ok(Value::str(&line))
}
