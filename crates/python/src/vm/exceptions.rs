//! Exceptions: making them with CPython's messages, chaining them, and printing them
//! as python3 does (`Python/traceback.c` and `pythonrun.c`): the frames, each with its
//! source line and 3.11's carets under the failing expression, and the "Did you mean"
//! suggestions of NameError and AttributeError.

use std::rc::Rc;

use super::eval::call_nested;
use super::frame::Frame;
use super::native::{Args, PyResult, Signal};
use super::types::TypeTag;
use super::{Stream, Vm};
use crate::value::{Class, ExceptionData, Instance, Namespace, Payload, TracebackEntry, Value};

/// A new instance of the builtin exception class `class` with `args`.
pub fn new_exception(vm: &mut Vm, class: &str, args: Vec<Value>) -> Value {
    let class = vm.types.exception(class);
    instance_of(class, args)
}

/// A new instance of an exception class, without running any `__init__`.
pub fn instance_of(class: Rc<Class>, args: Vec<Value>) -> Value {
    Value::Instance(Rc::new(Instance {
        hash: std::cell::Cell::new(None),
        class,
        dict: std::cell::RefCell::new(Namespace::default()),
        payload: std::cell::RefCell::new(Payload::Exception(Box::new(ExceptionData {
            args,
            ..ExceptionData::default()
        }))),
    }))
}

/// Raises the builtin exception `class` with one message.
pub fn error(vm: &mut Vm, class: &str, message: &str) -> Signal {
    Signal::Raise(new_exception(vm, class, vec![Value::str(message)]))
}

/// Runs `f` on an exception's data.
pub fn with_data<R>(exc: &Value, f: impl FnOnce(&mut ExceptionData) -> R) -> Option<R> {
    let Value::Instance(instance) = exc else {
        return None;
    };
    match &mut *instance.payload.borrow_mut() {
        Payload::Exception(data) => Some(f(data)),
        _ => None,
    }
}

pub fn add_traceback(exc: &Value, entry: TracebackEntry) {
    with_data(exc, |data| data.traceback.push(entry));
}

/// Chains `exc` to the exception being handled, as raising inside `except` does.
pub fn set_context(vm: &mut Vm, exc: &Value) {
    let Some(handling) = vm.threads[vm.current].handling.last().cloned() else {
        return;
    };
    if handling.is(exc) {
        return;
    }
    with_data(exc, |data| {
        if data.context.is_none() {
            data.context = Some(handling);
        }
    });
}

pub fn stop_iteration_value(vm: &mut Vm, value: Value) -> Value {
    let args = if matches!(value, Value::None) {
        Vec::new()
    } else {
        vec![value]
    };
    new_exception(vm, "StopIteration", args)
}

pub fn stop_iteration(vm: &mut Vm, value: Value) -> Signal {
    Signal::Raise(stop_iteration_value(vm, value))
}

pub fn unbound_local(vm: &mut Vm, name: &str) -> Signal {
    let message =
        format!("cannot access local variable '{name}' where it is not associated with a value");
    error(vm, "UnboundLocalError", &message)
}

pub fn free_var_unbound(vm: &mut Vm, name: &str) -> Signal {
    let message = format!(
        "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
    );
    error(vm, "NameError", &message)
}

/// NameError, with the suggestion python3 would print, worked out now from the names
/// the frame can see.
pub fn name_error(vm: &mut Vm, frame: &Frame, name: &str) -> Signal {
    let message = format!("name '{name}' is not defined");
    let exc = new_exception(vm, "NameError", vec![Value::str(&message)]);
    let mut candidates: Vec<Rc<str>> = frame.code.varnames.to_vec();
    candidates.extend(frame.code.cellvars.iter().cloned());
    candidates.extend(frame.code.freevars.iter().cloned());
    if let Some(ns) = &frame.namespace {
        candidates.extend(ns.borrow().keys().cloned());
    }
    let locals_first = candidates.len();
    candidates.extend(frame.globals.dict.borrow().keys().cloned());
    candidates.extend(vm.builtins.dict.borrow().keys().cloned());
    let _ = locals_first;
    if let Some(suggestion) = suggest(name, &candidates) {
        set_note(&exc, format!(". Did you mean: '{suggestion}'?"));
    } else if frame.code.kind == crate::compile::CodeKind::Function
        && !frame.fast.is_empty()
        && frame
            .code
            .varnames
            .first()
            .is_some_and(|v| v.as_ref() == "self")
    {
        // 3.11 also looks for an attribute of `self` of that name.
        let this = frame.fast[0].clone().unwrap_or_default();
        if let Ok(Some(_)) = super::attr::try_get_attr(vm, &this, name) {
            set_note(&exc, format!(". Did you mean: 'self.{name}'?"));
        }
    }
    if let Value::Instance(instance) = &exc {
        instance
            .dict
            .borrow_mut()
            .insert(Rc::from("name"), Value::str(name));
    }
    Signal::Raise(exc)
}

fn set_note(exc: &Value, note: String) {
    if let Value::Instance(instance) = exc {
        instance
            .dict
            .borrow_mut()
            .insert(Rc::from("\0suggestion"), Value::str(&note));
    }
}

/// AttributeError for `object.name`, with python3's suggestion.
pub fn attribute_error(vm: &mut Vm, object: &Value, name: &str) -> Signal {
    let message = match object {
        Value::Class(class) => format!("type object '{}' has no attribute '{name}'", class.name),
        Value::Module(module) => format!("module '{}' has no attribute '{name}'", module.name),
        other => format!("'{}' object has no attribute '{name}'", other.type_name()),
    };
    let exc = new_exception(vm, "AttributeError", vec![Value::str(&message)]);
    let candidates = crate::builtins::dir_names(vm, object);
    if let Some(suggestion) = suggest(name, &candidates) {
        set_note(&exc, format!(". Did you mean: '{suggestion}'?"));
    }
    Signal::Raise(exc)
}

/// The closest name to `name` among `candidates`, as CPython's `suggestions.c` picks
/// it: Levenshtein distance with a case change costing 1 and other edits 2, within
/// `(len(name) + len(candidate) + 3) * 2 // 6`.
pub fn suggest(name: &str, candidates: &[Rc<str>]) -> Option<String> {
    if candidates.len() > 750 || name.len() > 40 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let candidate = candidate.as_ref();
        if candidate == name || candidate.starts_with('\0') {
            continue;
        }
        let max = (name.len() + candidate.len() + 3) * 2 / 6;
        let limit = best.map_or(max, |(d, _)| max.min(d.saturating_sub(1)));
        let distance = levenshtein(name.as_bytes(), candidate.as_bytes(), limit);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, s)| s.to_owned())
}

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn levenshtein(a: &[u8], b: &[u8], max: usize) -> usize {
    if a == b {
        return 0;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len().abs_diff(b.len()) * MOVE_COST > max {
        return max + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &bc) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance
                + if ac == bc {
                    0
                } else if ac.eq_ignore_ascii_case(&bc) {
                    CASE_COST
                } else {
                    MOVE_COST
                };
            distance = row[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max {
            return max + 1;
        }
    }
    result
}

/// The value `raise exc` raises: an instance as is, a class instantiated, anything else
/// a TypeError; `cause` becomes `__cause__` (None suppresses the context).
pub fn make_raisable(vm: &mut Vm, exc: Value, cause: Option<Value>) -> PyResult {
    let exc = instantiate(vm, exc, "exceptions must derive from BaseException")?;
    if let Some(cause) = cause {
        let cause = match cause {
            Value::None => None,
            other => Some(instantiate(
                vm,
                other,
                "exception causes must derive from BaseException",
            )?),
        };
        with_data(&exc, |data| {
            data.cause = cause;
            data.suppress_context = true;
        });
    }
    Ok(exc)
}

fn instantiate(vm: &mut Vm, exc: Value, complaint: &str) -> PyResult {
    match &exc {
        Value::Instance(instance)
            if instance.class.builtin_base() == Some(TypeTag::BaseException) =>
        {
            Ok(exc)
        }
        Value::Class(class) if class.builtin_base() == Some(TypeTag::BaseException) => {
            call_nested(vm, exc.clone(), Args::default())
        }
        _ => Err(error(vm, "TypeError", complaint)),
    }
}

pub fn is_instance_of(vm: &mut Vm, exc: &Value, class: &str) -> bool {
    let class = vm.types.exception(class);
    vm.types.class_of(exc).is_subclass(&class)
}

/// `except class:` — whether `exc` matches a class or a tuple of classes.
pub fn matches(vm: &mut Vm, exc: &Value, class: &Value) -> PyResult<bool> {
    match class {
        Value::Class(class) if class.builtin_base() == Some(TypeTag::BaseException) => {
            Ok(vm.types.class_of(exc).is_subclass(class))
        }
        Value::Tuple(classes) => {
            for class in classes.iter() {
                if matches(vm, exc, class)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(error(
            vm,
            "TypeError",
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}

/// `e.args`, `e.__cause__` and the other attributes of every exception.
pub fn exception_attr(vm: &mut Vm, exc: &Value, name: &str) -> Option<Value> {
    let is_stop = is_instance_of(vm, exc, "StopIteration");
    let is_exit = is_instance_of(vm, exc, "SystemExit");
    with_data(exc, |data| match name {
        "args" => Some(Value::tuple(data.args.clone())),
        "__cause__" => Some(data.cause.clone().unwrap_or_default()),
        "__context__" => Some(data.context.clone().unwrap_or_default()),
        "__suppress_context__" => Some(Value::Bool(data.suppress_context)),
        "__traceback__" => Some(Value::None),
        "value" if is_stop => Some(data.args.first().cloned().unwrap_or_default()),
        "code" if is_exit => Some(match data.args.len() {
            0 => Value::None,
            1 => data.args[0].clone(),
            _ => Value::tuple(data.args.clone()),
        }),
        _ => None,
    })
    .flatten()
}

/// Sets `e.args`, `e.__cause__` or `e.__context__`; false for other names.
pub fn set_exception_attr(exc: &Value, name: &str, value: &Value) -> bool {
    with_data(exc, |data| match name {
        "args" => {
            data.args = match value {
                Value::Tuple(items) => items.to_vec(),
                Value::List(items) => items.borrow().clone(),
                other => vec![other.clone()],
            };
            true
        }
        "__cause__" => {
            data.cause = (!matches!(value, Value::None)).then(|| value.clone());
            data.suppress_context = true;
            true
        }
        "__context__" => {
            data.context = (!matches!(value, Value::None)).then(|| value.clone());
            true
        }
        _ => false,
    })
    .unwrap_or(false)
}

/// `str(exc)` for the builtin exceptions: the message, the repr of a KeyError's key,
/// or the tuple of several arguments.
pub fn default_str(vm: &mut Vm, exc: &Value) -> PyResult<String> {
    let args = with_data(exc, |data| data.args.clone()).unwrap_or_default();
    let is_key_error = is_instance_of(vm, exc, "KeyError");
    match args.len() {
        0 => Ok(String::new()),
        1 if is_key_error => super::repr::repr(vm, &args[0]),
        1 => super::repr::str(vm, &args[0]),
        _ => super::repr::repr(vm, &Value::tuple(args)),
    }
}

/// The exception's class name as the last line of a traceback prints it.
fn qualified_name(class: &Class) -> String {
    match class.module.as_ref() {
        "builtins" | "__main__" => class.qualname.to_string(),
        module => format!("{module}.{}", class.qualname),
    }
}

/// What python3 prints for an exception that reached the top: the chained exceptions
/// first, then its traceback and its last line.
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(vm, exc, &mut out, &mut seen);
    out
}

fn format_chain(vm: &mut Vm, exc: &Value, out: &mut String, seen: &mut Vec<usize>) {
    seen.push(exc.identity());
    let (cause, context, suppress) = with_data(exc, |data| {
        (
            data.cause.clone(),
            data.context.clone(),
            data.suppress_context,
        )
    })
    .unwrap_or((None, None, false));
    if let Some(cause) = cause.filter(|c| !seen.contains(&c.identity())) {
        format_chain(vm, &cause, out, seen);
        out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
    } else if let Some(context) = context.filter(|c| !suppress && !seen.contains(&c.identity())) {
        format_chain(vm, &context, out, seen);
        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    let traceback = with_data(exc, |data| data.traceback.clone()).unwrap_or_default();
    let shown: Vec<&TracebackEntry> = traceback
        .iter()
        .rev()
        .filter(|entry| {
            let file = &entry.code.filename;
            !file.starts_with("<thread>") && !file.starts_with(super::import::LIBRARY_PREFIX)
        })
        .collect();
    // A traceback that passed only through library code (a thread whose target is a
    // builtin) still has its header, as python3 prints it.
    if !traceback.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        print_entries(vm, &shown, out);
    }
    out.push_str(&exception_line(vm, exc));
}

/// The frames, with CPython's folding of a line repeated more than three times.
fn print_entries(vm: &mut Vm, entries: &[&TracebackEntry], out: &mut String) {
    const CUTOFF: usize = 3;
    let mut last: Option<(Rc<str>, u32, Rc<str>)> = None;
    let mut count = 0;
    let flush = |count: usize, out: &mut String| {
        if count > CUTOFF {
            let more = count - CUTOFF;
            out.push_str(&format!(
                "  [Previous line repeated {more} more time{}]\n",
                if more > 1 { "s" } else { "" }
            ));
        }
    };
    for entry in entries {
        let line = entry.code.line_of(entry.ip);
        let key = (entry.code.filename.clone(), line, entry.code.name.clone());
        if last.as_ref() != Some(&key) {
            flush(count, out);
            last = Some(key);
            count = 0;
        }
        count += 1;
        if count <= CUTOFF {
            print_entry(vm, entry, out);
        }
    }
    flush(count, out);
}

fn print_entry(vm: &mut Vm, entry: &TracebackEntry, out: &mut String) {
    let code = &entry.code;
    let span = code.spans.get(entry.ip).copied().unwrap_or_default();
    let line = code.line_of(entry.ip);
    out.push_str(&format!(
        "  File \"{}\", line {line}, in {}\n",
        code.filename, code.name
    ));
    let Some(source) = vm.source_line(&code.filename, line) else {
        return;
    };
    let trimmed_end = source.trim_end_matches(['\n', '\r']);
    let stripped = trimmed_end.trim_start_matches([' ', '\t', '\x0c']);
    if stripped.is_empty() {
        return;
    }
    out.push_str("    ");
    out.push_str(stripped);
    out.push('\n');
    if span.line == 0 || span.line != line {
        return;
    }
    out.push_str(&carets(trimmed_end, span));
}

/// How many columns a terminal gives `text`: East Asian wide characters (Chinese,
/// full-width punctuation) take two, as python3 3.11's carets count them.
fn columns(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115f
                    | 0x2e80..=0x303e
                    | 0x3041..=0x33ff
                    | 0x3400..=0x4dbf
                    | 0x4e00..=0x9fff
                    | 0xa000..=0xa4cf
                    | 0xac00..=0xd7a3
                    | 0xf900..=0xfaff
                    | 0xfe30..=0xfe4f
                    | 0xff00..=0xff60
                    | 0xffe0..=0xffe6
                    | 0x1f300..=0x1f64f
                    | 0x1f900..=0x1f9ff
                    | 0x20000..=0x2fffd
                    | 0x30000..=0x3fffd);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// The carets line under a source line, or nothing when they would underline all of it.
fn carets(line: &str, span: crate::syntax::ast::Span) -> String {
    let chars = |byte: usize| line.get(..byte.min(line.len())).map_or(0, columns);
    let leading = line
        .chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
        .count();
    let start = chars(span.col as usize);
    let mut end = chars(span.end_col as usize);
    let mut anchors = None;
    if span.end_line == span.line {
        let segment_start = span.col as usize;
        let segment_end = (span.end_col as usize).min(line.len());
        if let Some(segment) = line.get(segment_start..segment_end) {
            anchors = anchors_of(segment).map(|(l, r)| {
                let to_chars = |b: usize| segment.get(..b.min(segment.len())).map_or(0, columns);
                (to_chars(l) + start, to_chars(r) + start)
            });
        }
    } else {
        end = columns(line.trim_end_matches([' ', '\t', '\x0c']));
    }
    let stripped_len = columns(line) - leading;
    if end.saturating_sub(start) == stripped_len && anchors.is_none() {
        return String::new();
    }
    let truncation = leading as isize - 4;
    let mut out = String::new();
    let mut offset = truncation;
    let (left, right) = anchors.map_or((-1, -1), |(l, r)| (l as isize, r as isize));
    let (primary, secondary) = if anchors.is_some() {
        ('~', '^')
    } else {
        ('^', '^')
    };
    while {
        offset += 1;
        offset <= end as isize
    } {
        if offset <= start as isize {
            out.push(' ');
        } else if anchors.is_some() && left < offset && offset <= right {
            out.push(secondary);
        } else {
            out.push(primary);
        }
    }
    out.push('\n');
    out
}

/// Where the operator of a binary operation, or the brackets of a subscript, lie
/// within the failing expression's text (CPython's `extract_anchors_from_expr`).
fn anchors_of(segment: &str) -> Option<(usize, usize)> {
    use crate::syntax::ast::{ExprKind, StmtKind};
    let module = crate::syntax::parse_module(segment).ok()?;
    let [statement] = module.body.as_slice() else {
        return None;
    };
    let StmtKind::Expr(expr) = &statement.kind else {
        return None;
    };
    match &expr.kind {
        ExprKind::BinOp { left, right, .. } => {
            let bytes = segment.as_bytes();
            let from = left.span.end_col as usize;
            let to = right.span.col as usize;
            (from..to)
                .find(|&i| !matches!(bytes[i], b' ' | b'\t' | b'\x0c'))
                .map(|i| {
                    let two = i + 1 < to && !matches!(bytes[i + 1], b' ' | b'\t' | b'\x0c');
                    (i, if two { i + 2 } else { i + 1 })
                })
        }
        ExprKind::Subscript { value, slice, .. } => {
            Some((value.span.end_col as usize, slice.span.end_col as usize + 1))
        }
        _ => None,
    }
}

/// `ValueError: message` (with a suggestion for NameError and AttributeError).
pub fn exception_line(vm: &mut Vm, exc: &Value) -> String {
    let class = vm.types.class_of(exc);
    let name = qualified_name(&class);
    let message = match exception_str(vm, exc) {
        Ok(message) => message,
        Err(_) => "<exception str() failed>".to_owned(),
    };
    let note = match exc {
        Value::Instance(instance) => instance
            .dict
            .borrow()
            .get("\0suggestion")
            .and_then(|v| v.as_str().map(str::to_owned)),
        _ => None,
    }
    .unwrap_or_default();
    if message.is_empty() {
        format!("{name}{note}\n")
    } else {
        format!("{name}: {message}{note}\n")
    }
}

/// `str(exc)`, through a `__str__` the class defines.
pub fn exception_str(vm: &mut Vm, exc: &Value) -> PyResult<String> {
    super::repr::str(vm, exc)
}

/// A thread ended by an exception: python3's report, and for the main thread the exit
/// status (`sys.exit`'s code, 1 after a traceback).
pub fn thread_died(vm: &mut Vm, tid: usize, exc: Value) {
    let pid = vm.threads[tid].process;
    let is_main = vm.processes[pid].main_thread == tid;
    let saved = vm.current;
    vm.current = tid;
    if is_instance_of(vm, &exc, "SystemExit") {
        if is_main {
            let code = exception_attr(vm, &exc, "code").unwrap_or_default();
            let status = match code {
                Value::None => 0,
                Value::Int(n) => n as i32,
                Value::Bool(b) => b as i32,
                other => {
                    let text = super::repr::str(vm, &other).unwrap_or_default();
                    vm.write(Stream::Stderr, &format!("{text}\n"));
                    1
                }
            };
            vm.processes[pid].exit_code = Some(status);
        }
        vm.current = saved;
        return;
    }
    let report = format_exception(vm, &exc);
    if is_main && vm.processes[pid].interactive {
        vm.write(Stream::Stderr, &report);
    } else if is_main {
        vm.write(Stream::Stderr, &report);
        let status = if is_instance_of(vm, &exc, "KeyboardInterrupt") {
            130
        } else {
            1
        };
        vm.processes[pid].exit_code = Some(status);
    } else {
        // The name the learner may have changed since `start()`.
        let name = match vm.threads[tid].object.clone() {
            Some(object) => match super::attr::try_get_attr(vm, &object, "name") {
                Ok(Some(Value::Str(name))) => name,
                _ => vm.threads[tid].name.clone(),
            },
            None => vm.threads[tid].name.clone(),
        };
        vm.write(
            Stream::Stderr,
            &format!("Exception in thread {name}:\n{report}"),
        );
    }
    vm.current = saved;
}

impl Vm {
    /// A line of a learner's file, for tracebacks.
    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        let source = self.sources.get(filename)?;
        source
            .lines()
            .nth(line.checked_sub(1)? as usize)
            .map(str::to_owned)
    }
}
