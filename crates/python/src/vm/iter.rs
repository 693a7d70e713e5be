//! Iteration: `iter()` and `next()` over the builtin types, generators and classes
//! that define `__iter__` and `__next__`.

use std::rc::Rc;

use super::Vm;
use super::eval::{call_nested, run_nested};
use super::exceptions::{self, error};
use super::frame::{Frame, OnReturn};
use super::native::{Args, PyResult, Signal};
use super::ops;
use crate::value::{Iter, Value};

/// The next step of an iterator, as `for` takes it.
pub enum Next {
    Item(Value),
    Done,
    /// A generator's frame, to run on the thread's stack until it yields.
    Resume(Frame),
}

fn iterator(iter: Iter) -> Value {
    Value::Iterator(Rc::new(std::cell::RefCell::new(iter)))
}

/// `iter(object)`.
pub fn get_iter(vm: &mut Vm, object: &Value) -> PyResult {
    Ok(match object {
        Value::List(items) => iterator(Iter::List(items.clone(), 0)),
        Value::Tuple(items) => iterator(Iter::Items(items.clone(), 0, "tuple_iterator")),
        Value::Str(s) => iterator(Iter::Str(s.clone(), 0)),
        Value::Bytes(b) => iterator(Iter::Bytes(b.clone(), 0)),
        Value::Range(range) => iterator(Iter::Range {
            next: range.start,
            stop: range.stop,
            step: range.step,
        }),
        Value::Dict(dict) => iterator(Iter::DictKeys {
            dict: dict.clone(),
            next: 0,
            size: dict.borrow().len(),
        }),
        Value::Set(set) => {
            let items: Vec<Value> = set.borrow().iter().map(|k| k.0.clone()).collect();
            iterator(Iter::Items(Rc::from(items), 0, "set_iterator"))
        }
        Value::FrozenSet(set) => {
            let items: Vec<Value> = set.iter().map(|k| k.0.clone()).collect();
            iterator(Iter::Items(Rc::from(items), 0, "set_iterator"))
        }
        Value::Iterator(_) | Value::Generator(_) => object.clone(),
        Value::Instance(_) | Value::Native(_) => {
            match ops::call_special(vm, object, "__iter__", Vec::new())? {
                Some(result) => {
                    let class = vm.types.class_of(&result);
                    if !matches!(result, Value::Iterator(_) | Value::Generator(_))
                        && class.lookup("__next__").is_none()
                    {
                        let message = format!(
                            "iter() returned non-iterator of type '{}'",
                            result.type_name()
                        );
                        return Err(error(vm, "TypeError", &message));
                    }
                    result
                }
                None if crate::value::container_of(object).is_some() => {
                    return get_iter(vm, &crate::value::container_of(object).unwrap_or_default());
                }
                None if vm.types.class_of(object).lookup("__getitem__").is_some() => {
                    iterator(Iter::Sequence(object.clone(), 0))
                }
                None => return Err(not_iterable(vm, object)),
            }
        }
        _ => return Err(not_iterable(vm, object)),
    })
}

fn not_iterable(vm: &mut Vm, object: &Value) -> Signal {
    let message = format!("'{}' object is not iterable", object.type_name());
    error(vm, "TypeError", &message)
}

/// The next item, with a generator handed back as a frame to run.
pub fn next_fast(vm: &mut Vm, iterator: &Value) -> PyResult<Next> {
    match iterator {
        Value::Iterator(it) => {
            let step = {
                let mut it = it.borrow_mut();
                match &mut *it {
                    Iter::List(items, i) => {
                        let items = items.borrow();
                        match items.get(*i) {
                            Some(item) => {
                                *i += 1;
                                Some(Next::Item(item.clone()))
                            }
                            None => Some(Next::Done),
                        }
                    }
                    Iter::Items(items, i, _) => Some(match items.get(*i) {
                        Some(item) => {
                            *i += 1;
                            Next::Item(item.clone())
                        }
                        None => Next::Done,
                    }),
                    Iter::Range { next, stop, step } => {
                        let inside = if *step > 0 {
                            *next < *stop
                        } else {
                            *next > *stop
                        };
                        Some(if inside {
                            let value = *next;
                            *next += *step;
                            Next::Item(Value::Int(value))
                        } else {
                            Next::Done
                        })
                    }
                    Iter::Str(s, at) => Some(match s[*at..].chars().next() {
                        Some(c) => {
                            let start = *at;
                            *at += c.len_utf8();
                            Next::Item(Value::str(&s[start..*at]))
                        }
                        None => Next::Done,
                    }),
                    Iter::Bytes(b, i) => Some(match b.get(*i) {
                        Some(byte) => {
                            *i += 1;
                            Next::Item(Value::Int(*byte as i64))
                        }
                        None => Next::Done,
                    }),
                    Iter::DictKeys { dict, next, size } => {
                        let dict = dict.borrow();
                        if dict.len() != *size {
                            *size = usize::MAX;
                            None
                        } else {
                            Some(match dict.get_index(*next) {
                                Some((key, _)) => {
                                    *next += 1;
                                    Next::Item(key.0.clone())
                                }
                                None => Next::Done,
                            })
                        }
                    }
                    Iter::Exhausted => Some(Next::Done),
                    _ => None,
                }
            };
            match step {
                Some(step) => Ok(step),
                None => composite_next(vm, it).map(|item| match item {
                    Some(item) => Next::Item(item),
                    None => Next::Done,
                }),
            }
        }
        Value::Generator(generator) => {
            let mut g = generator.borrow_mut();
            if g.finished {
                return Ok(Next::Done);
            }
            if g.running {
                drop(g);
                return Err(error(vm, "ValueError", "generator already executing"));
            }
            let Some(mut frame) = g.frame.take() else {
                return Ok(Next::Done);
            };
            g.running = true;
            frame.on_return = OnReturn::Generator {
                generator: generator.clone(),
                exhausted: None,
            };
            Ok(Next::Resume(*frame))
        }
        _ => match ops::call_special(vm, iterator, "__next__", Vec::new()) {
            Ok(Some(item)) => Ok(Next::Item(item)),
            Ok(None) => {
                let message = format!("'{}' object is not an iterator", iterator.type_name());
                Err(error(vm, "TypeError", &message))
            }
            Err(Signal::Raise(exc)) if exceptions::is_instance_of(vm, &exc, "StopIteration") => {
                Ok(Next::Done)
            }
            Err(signal) => Err(signal),
        },
    }
}

/// The iterators that call back into Python (`map`, `filter`) or step others.
fn composite_next(vm: &mut Vm, it: &Rc<std::cell::RefCell<Iter>>) -> PyResult<Option<Value>> {
    enum Plan {
        Enumerate(Value, i64),
        Zip(Vec<Value>, bool),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Reversed(Value, i64),
        Callable(Value, Value),
        Sequence(Value, i64),
    }
    if let Iter::DictKeys {
        size: usize::MAX, ..
    } = &*it.borrow()
    {
        return Err(error(
            vm,
            "RuntimeError",
            "dictionary changed size during iteration",
        ));
    }
    let plan = match &*it.borrow() {
        Iter::Enumerate(inner, n) => Plan::Enumerate(inner.clone(), *n),
        Iter::Zip(inners, strict) => Plan::Zip(inners.clone(), *strict),
        Iter::Map(f, inners) => Plan::Map(f.clone(), inners.clone()),
        Iter::Filter(f, inner) => Plan::Filter(f.clone(), inner.clone()),
        Iter::Reversed(sequence, i) => Plan::Reversed(sequence.clone(), *i),
        Iter::Callable(f, sentinel) => Plan::Callable(f.clone(), sentinel.clone()),
        Iter::Sequence(object, i) => Plan::Sequence(object.clone(), *i),
        _ => return Ok(None),
    };
    match plan {
        Plan::Enumerate(inner, n) => {
            let Some(item) = next(vm, &inner)? else {
                return Ok(None);
            };
            if let Iter::Enumerate(_, count) = &mut *it.borrow_mut() {
                *count = n + 1;
            }
            Ok(Some(Value::tuple(vec![Value::Int(n), item])))
        }
        Plan::Zip(inners, strict) => {
            let mut items = Vec::with_capacity(inners.len());
            for (i, inner) in inners.iter().enumerate() {
                match next(vm, inner)? {
                    Some(item) => items.push(item),
                    None if strict && i > 0 => {
                        let message = format!(
                            "zip() argument {} is shorter than argument{} 1{}",
                            i + 1,
                            if i > 1 { "s" } else { "" },
                            if i > 1 {
                                format!("-{i}")
                            } else {
                                String::new()
                            }
                        );
                        return Err(error(vm, "ValueError", &message));
                    }
                    None if strict => {
                        for (j, other) in inners.iter().enumerate().skip(1) {
                            if next(vm, other)?.is_some() {
                                let message = format!(
                                    "zip() argument {} is longer than argument{} 1{}",
                                    j + 1,
                                    if j > 1 { "s" } else { "" },
                                    if j > 1 {
                                        format!("-{j}")
                                    } else {
                                        String::new()
                                    }
                                );
                                return Err(error(vm, "ValueError", &message));
                            }
                        }
                        return Ok(None);
                    }
                    None => return Ok(None),
                }
            }
            if items.is_empty() {
                return Ok(None);
            }
            Ok(Some(Value::tuple(items)))
        }
        Plan::Map(f, inners) => {
            let mut args = Vec::with_capacity(inners.len());
            for inner in &inners {
                match next(vm, inner)? {
                    Some(item) => args.push(item),
                    None => return Ok(None),
                }
            }
            call_nested(vm, f, Args::new(args)).map(Some)
        }
        Plan::Filter(f, inner) => loop {
            let Some(item) = next(vm, &inner)? else {
                return Ok(None);
            };
            let keep = match &f {
                Value::None => item.clone(),
                f => call_nested(vm, f.clone(), Args::new(vec![item.clone()]))?,
            };
            if ops::truthy(vm, &keep)? {
                return Ok(Some(item));
            }
        },
        Plan::Reversed(sequence, i) => {
            if i < 0 {
                return Ok(None);
            }
            let length = ops::len(vm, &sequence)?;
            if i >= length {
                *it.borrow_mut() = Iter::Exhausted;
                return Ok(None);
            }
            let item = ops::get_item(vm, &sequence, &Value::Int(i))?;
            if let Iter::Reversed(_, index) = &mut *it.borrow_mut() {
                *index = i - 1;
            }
            Ok(Some(item))
        }
        Plan::Sequence(object, i) => match ops::get_item(vm, &object, &Value::Int(i)) {
            Ok(item) => {
                if let Iter::Sequence(_, index) = &mut *it.borrow_mut() {
                    *index = i + 1;
                }
                Ok(Some(item))
            }
            Err(Signal::Raise(exc))
                if exceptions::is_instance_of(vm, &exc, "IndexError")
                    || exceptions::is_instance_of(vm, &exc, "StopIteration") =>
            {
                *it.borrow_mut() = Iter::Exhausted;
                Ok(None)
            }
            Err(signal) => Err(signal),
        },
        Plan::Callable(f, sentinel) => {
            let item = call_nested(vm, f, Args::default())?;
            if ops::equals(vm, &item, &sentinel)? {
                *it.borrow_mut() = Iter::Exhausted;
                return Ok(None);
            }
            Ok(Some(item))
        }
    }
}

/// `next(iterator)` from Rust code: None once it is exhausted.
pub fn next(vm: &mut Vm, iterator: &Value) -> PyResult<Option<Value>> {
    match next_fast(vm, iterator)? {
        Next::Item(item) => Ok(Some(item)),
        Next::Done => Ok(None),
        Next::Resume(frame) => match run_nested(vm, frame) {
            Ok(item) => Ok(Some(item)),
            Err(Signal::Raise(exc)) if exceptions::is_instance_of(vm, &exc, "StopIteration") => {
                Ok(None)
            }
            Err(signal) => Err(signal),
        },
    }
}

/// Every item of an iterable, in order.
pub fn collect(vm: &mut Vm, iterable: &Value) -> PyResult<Vec<Value>> {
    match iterable {
        Value::List(items) => return Ok(items.borrow().clone()),
        Value::Tuple(items) => return Ok(items.to_vec()),
        Value::Dict(dict) => return Ok(dict.borrow().keys().map(|k| k.0.clone()).collect()),
        Value::Set(set) => return Ok(set.borrow().iter().map(|k| k.0.clone()).collect()),
        _ => {}
    }
    let iterator = get_iter(vm, iterable)?;
    let mut items = Vec::new();
    while let Some(item) = next(vm, &iterator)? {
        items.push(item);
        if items.len() > 100_000_000 {
            return Err(Signal::Raise(exceptions::new_exception(
                vm,
                "MemoryError",
                Vec::new(),
            )));
        }
    }
    Ok(items)
}
