//! `random`: the functions of CPython's `random` module on the process's generator
//! ([`crate::text::random::Random`], CPython's Mersenne Twister and `Lib/random.py`'s
//! algorithms), and `random.Random` objects with generators of their own.
//!
//! The generator draws indices; this module reads and writes the Python sequences
//! they index, so `random.seed(42)` followed by `random.choice(cards)` picks what
//! python3 picks.

use std::cell::RefCell;
use std::rc::Rc;

use super::{
    Held, Params, add_functions, c_args, held, methods, new_module, registered_class, set_native,
    to_float, to_index,
};
use crate::bigint::BigInt;
use crate::syntax::ast::BinOp;
use crate::text::PyError;
use crate::text::random::Random;
use crate::value::{Class, Module, Value};
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::int::{as_int, from_big};
use crate::vm::native::{Args, NativeFn, NativeObject, PyResult, Signal};
use crate::vm::ops;
use crate::vm::types::{TypeTag, new_class};

/// Raises `err`, an error of the generator or of the checks here.
fn raise(vm: &mut Vm, err: &PyError) -> Signal {
    error(vm, err.class, &err.message)
}

/// The functions of the module, each also a method of `random.Random`.
const FUNCTIONS: &[(&str, NativeFn, NativeFn)] = &[
    ("seed", seed::<Process>, seed::<Instance>),
    ("random", random::<Process>, random::<Instance>),
    (
        "getrandbits",
        getrandbits::<Process>,
        getrandbits::<Instance>,
    ),
    ("randbytes", randbytes::<Process>, randbytes::<Instance>),
    ("randrange", randrange::<Process>, randrange::<Instance>),
    ("randint", randint::<Process>, randint::<Instance>),
    ("choice", choice::<Process>, choice::<Instance>),
    ("choices", choices::<Process>, choices::<Instance>),
    ("shuffle", shuffle::<Process>, shuffle::<Instance>),
    ("sample", sample::<Process>, sample::<Instance>),
    ("uniform", uniform::<Process>, uniform::<Instance>),
    ("gauss", gauss::<Process>, gauss::<Instance>),
    (
        "normalvariate",
        normalvariate::<Process>,
        normalvariate::<Instance>,
    ),
];

/// Makes `random` for the current process.
pub fn make(vm: &mut Vm) -> Rc<Module> {
    let module = new_module("random", Some("random.py"));
    let functions: Vec<(&'static str, NativeFn)> =
        FUNCTIONS.iter().map(|&(name, f, _)| (name, f)).collect();
    add_functions(&module, &functions);
    module.set("Random", Value::Class(random_class(vm)));
    module
}

/// `random.Random`, made once per VM.
fn random_class(vm: &mut Vm) -> Rc<Class> {
    registered_class(vm, "random.Random", |vm| {
        let object = vm.types.get(TypeTag::Object).clone();
        let mut table: Vec<(&'static str, NativeFn)> =
            FUNCTIONS.iter().map(|&(name, _, m)| (name, m)).collect();
        table.push(("__init__", seed::<Instance>));
        new_class(
            "Random",
            "random",
            Some(&object),
            methods("Random", &table),
            None,
        )
    })
}

/// A `random.Random` object's own generator.
struct RandomState {
    class: Rc<Class>,
    generator: RefCell<Random>,
}

impl NativeObject for RandomState {
    fn class(&self) -> Rc<Class> {
        self.class.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The generator a call draws from.
enum Generator {
    /// The process's, which the module's functions use.
    Process,
    /// A `random.Random` object's.
    Instance(Held<RandomState>),
}

impl Generator {
    fn with<R>(&self, vm: &mut Vm, f: impl FnOnce(&mut Random) -> R) -> R {
        match self {
            Generator::Process => f(&mut vm.process().random),
            Generator::Instance(state) => f(&mut state.generator.borrow_mut()),
        }
    }
}

/// Where a function finds its generator: the module's functions use the process's,
/// the methods their `self`'s. Both leave a `self` slot first in the arguments, so
/// that they bind (and complain) as CPython's bound methods do.
trait Source {
    fn split(vm: &mut Vm, args: Args, method: &str) -> PyResult<(Generator, Args)>;
}

/// The module's functions: `random.choice(seq)`.
struct Process;

/// The methods of `random.Random`: `rng.choice(seq)`.
struct Instance;

impl Source for Process {
    fn split(_vm: &mut Vm, mut args: Args, _method: &str) -> PyResult<(Generator, Args)> {
        args.positional.insert(0, Value::None);
        Ok((Generator::Process, args))
    }
}

impl Source for Instance {
    fn split(vm: &mut Vm, args: Args, method: &str) -> PyResult<(Generator, Args)> {
        let this = super::self_arg(vm, &args, method)?;
        if super::native_of(&this).is_none() {
            // `Random.__init__` making a new object: it gets its generator first.
            let class = vm.types.class_of(&this);
            let fresh = Random::from_seed_u64(0);
            set_native(
                &this,
                Rc::new(RandomState {
                    class,
                    generator: RefCell::new(fresh),
                }),
            );
        }
        let state = held::<RandomState>(vm, &this, "Random", method)?;
        Ok((Generator::Instance(state), args))
    }
}

/// Binds a call's arguments (a `self` slot first) to a method of `Random`.
fn bind<S: Source>(
    vm: &mut Vm,
    args: Args,
    name: &'static str,
    names: &'static [&'static str],
    required: usize,
    positional: usize,
) -> PyResult<(Generator, Vec<Option<Value>>)> {
    let method = name.rsplit('.').next().unwrap_or(name);
    let (generator, args) = S::split(vm, args, method)?;
    let bound = Params {
        name,
        names,
        required,
        positional,
    }
    .bind(vm, args)?;
    Ok((generator, bound))
}

/// The arguments after `self` of a method CPython writes in C.
fn c_method<S: Source>(
    vm: &mut Vm,
    args: Args,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(Generator, Vec<Value>)> {
    let method = name.rsplit('.').next().unwrap_or(name);
    let (generator, mut args) = S::split(vm, args, method)?;
    args.positional.remove(0);
    let rest = c_args(vm, args, name, min, max)?;
    Ok((generator, rest))
}

/// `random.seed(a=None, version=2)` (and `Random(x=None)`): an int (its absolute
/// value), a float (its hash), a str or bytes; None seeds from the generator itself.
fn seed<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, bound) = bind::<S>(vm, args, "Random.seed", &["self", "a", "version"], 1, 3)?;
    let a = bound[1].clone().unwrap_or_default();
    match &a {
        Value::None => {
            let fresh = vm.process().random.getrandbits_u64(64);
            generator.with(vm, |r| r.seed_words(&[fresh as u32, (fresh >> 32) as u32]));
        }
        Value::Float(x) => generator.with(vm, |r| r.seed_float(*x)),
        Value::Str(text) => generator.with(vm, |r| r.seed_str(text)),
        Value::Bytes(bytes) => generator.with(vm, |r| r.seed_bytes(bytes)),
        other => match as_int(other) {
            Some(n) => generator.with(vm, |r| r.seed_int(&n)),
            None => {
                let err = PyError::type_error(
                    "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
                );
                return Err(raise(vm, &err));
            }
        },
    }
    Ok(Value::None)
}

/// `random.random()`: a float in [0, 1).
fn random<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, _) = c_method::<S>(vm, args, "Random.random", 0, 0)?;
    Ok(Value::Float(generator.with(vm, Random::random)))
}

/// An int made of little-endian 32-bit words.
fn int_of_words(words: &[u32]) -> Value {
    if words.len() <= 2 {
        let value = words
            .iter()
            .rev()
            .fold(0u64, |acc, &w| (acc << 32) | u64::from(w));
        return match i64::try_from(value) {
            Ok(n) => Value::Int(n),
            Err(_) => from_big(BigInt::from(value)),
        };
    }
    let big = words.iter().rev().fold(BigInt::zero(), |acc, &w| {
        &(&acc << 32) + &BigInt::from(u64::from(w))
    });
    from_big(big)
}

/// `random.getrandbits(k)`: an int of `k` random bits.
fn getrandbits<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, rest) = c_method::<S>(vm, args, "Random.getrandbits", 1, 1)?;
    let k = to_index(vm, &rest[0])?;
    match generator.with(vm, |r| r.getrandbits(k)) {
        Ok(words) => Ok(int_of_words(&words)),
        Err(err) => Err(error(vm, err.class, &err.message)),
    }
}

/// `random.randbytes(n)`.
fn randbytes<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, bound) = bind::<S>(vm, args, "Random.randbytes", &["self", "n"], 2, 2)?;
    let n = to_index(vm, &bound[1].clone().unwrap_or_default())?;
    if n < 0 {
        return Err(error(
            vm,
            "ValueError",
            "number of bits must be non-negative",
        ));
    }
    let bytes = generator.with(vm, |r| r.randbytes(n as usize));
    Ok(Value::Bytes(Rc::from(bytes)))
}

/// An argument of `randrange`: an int, or a float with an integral value (which
/// CPython still takes, with a DeprecationWarning); `which` names it in the error.
fn range_arg(vm: &mut Vm, value: &Value, which: &'static str) -> PyResult<Value> {
    if as_int(value).is_some() {
        return Ok(value.clone());
    }
    match value {
        Value::Float(x) if x.is_finite() && x.fract() == 0.0 => {
            Ok(from_big(BigInt::from_f64(*x).unwrap_or_else(BigInt::zero)))
        }
        Value::Float(_) => {
            let message = match which {
                "start" => "non-integer arg 1 for randrange()",
                "stop" => "non-integer stop for randrange()",
                _ => "non-integer step for randrange()",
            };
            Err(error(vm, "ValueError", message))
        }
        other => Err(super::not_an_integer(vm, other)),
    }
}

/// `a op b` for two ints.
fn int_op(op: BinOp, a: &Value, b: &Value) -> Value {
    match (as_int(a), as_int(b)) {
        (Some(x), Some(y)) => crate::vm::int::binary(op, x, y).unwrap_or_default(),
        _ => Value::None,
    }
}

/// The sign of an int: -1, 0 or 1.
fn sign(n: &Value) -> i64 {
    match as_int(n) {
        Some(n) if n.is_negative() => -1,
        Some(n) if n.is_zero() => 0,
        _ => 1,
    }
}

/// The little-endian 32-bit words of a non-negative big int.
fn words_of(n: &BigInt) -> Vec<u32> {
    let hex = n.to_str_radix(16).unwrap_or_default();
    hex.as_bytes()
        .rchunks(8)
        .map(|chunk| {
            u32::from_str_radix(std::str::from_utf8(chunk).unwrap_or("0"), 16).unwrap_or(0)
        })
        .collect()
}

/// `Random._randbelow(n)` for an int `n > 0` of any size.
fn randbelow(vm: &mut Vm, generator: &Generator, n: &Value) -> Value {
    match as_int(n).and_then(|n| n.to_i64()) {
        Some(small) => Value::Int(generator.with(vm, |r| r.randbelow(small as u64)) as i64),
        None => {
            let words = as_int(n).map(|n| words_of(&n.to_big())).unwrap_or_default();
            int_of_words(&generator.with(vm, |r| r.randbelow_words(&words)))
        }
    }
}

/// `randrange(start, stop, step)` on ints of any size, as CPython computes it.
fn randrange_of(
    vm: &mut Vm,
    generator: &Generator,
    start: Value,
    stop: Option<Value>,
    step: Option<Value>,
) -> PyResult {
    let Some(stop) = stop else {
        if step
            .as_ref()
            .is_some_and(|step| !matches!(step, Value::Int(1)))
        {
            let err = PyError::type_error("Missing a non-None stop argument");
            return Err(raise(vm, &err));
        }
        if sign(&start) > 0 {
            return Ok(randbelow(vm, generator, &start));
        }
        return Err(raise(
            vm,
            &PyError::value_error("empty range for randrange()"),
        ));
    };
    let width = int_op(BinOp::Sub, &stop, &start);
    let step = step.unwrap_or(Value::Int(1));
    if matches!(step, Value::Int(1)) {
        if sign(&width) > 0 {
            let offset = randbelow(vm, generator, &width);
            return Ok(int_op(BinOp::Add, &start, &offset));
        }
        let text = |vm: &mut Vm, n: &Value| crate::vm::repr::repr(vm, n);
        let message = format!(
            "empty range for randrange() ({}, {}, {})",
            text(vm, &start)?,
            text(vm, &stop)?,
            text(vm, &width)?
        );
        return Err(raise(vm, &PyError::value_error(message)));
    }
    let n = match sign(&step) {
        0 => {
            return Err(raise(
                vm,
                &PyError::value_error("zero step for randrange()"),
            ));
        }
        s => {
            let nudge = int_op(BinOp::Sub, &step, &Value::Int(s));
            int_op(BinOp::FloorDiv, &int_op(BinOp::Add, &width, &nudge), &step)
        }
    };
    if sign(&n) <= 0 {
        return Err(raise(
            vm,
            &PyError::value_error("empty range for randrange()"),
        ));
    }
    let offset = randbelow(vm, generator, &n);
    Ok(int_op(
        BinOp::Add,
        &start,
        &int_op(BinOp::Mult, &step, &offset),
    ))
}

/// `random.randrange(start, stop=None, step=1)`.
fn randrange<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, bound) = bind::<S>(
        vm,
        args,
        "Random.randrange",
        &["self", "start", "stop", "step"],
        2,
        4,
    )?;
    let start = range_arg(vm, &bound[1].clone().unwrap_or_default(), "start")?;
    let stop = match &bound[2] {
        None | Some(Value::None) => None,
        Some(stop) => Some(range_arg(vm, stop, "stop")?),
    };
    let step = match &bound[3] {
        None => None,
        Some(step) => Some(range_arg(vm, step, "step")?),
    };
    randrange_of(vm, &generator, start, stop, step)
}

/// `random.randint(a, b)`: `randrange(a, b + 1)`.
fn randint<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, bound) = bind::<S>(vm, args, "Random.randint", &["self", "a", "b"], 3, 3)?;
    let a = bound[1].clone().unwrap_or_default();
    let b = bound[2].clone().unwrap_or_default();
    let stop = ops::binary(vm, BinOp::Add, &b, &Value::Int(1), false)?;
    let start = range_arg(vm, &a, "start")?;
    let stop = range_arg(vm, &stop, "stop")?;
    randrange_of(vm, &generator, start, Some(stop), None)
}

/// `random.choice(seq)`.
fn choice<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, bound) = bind::<S>(vm, args, "Random.choice", &["self", "seq"], 2, 2)?;
    let seq = bound[1].clone().unwrap_or_default();
    let len = ops::len(vm, &seq)? as usize;
    match generator.with(vm, |r| r.choice(len)) {
        Ok(index) => ops::get_item(vm, &seq, &Value::Int(index as i64)),
        Err(err) => Err(raise(vm, &err)),
    }
}

/// Float weights, for `choices`.
fn weights_of(vm: &mut Vm, weights: &Value) -> PyResult<Vec<f64>> {
    let items = crate::vm::iter::collect(vm, weights)?;
    items.iter().map(|w| to_float(vm, w)).collect()
}

/// `random.choices(population, weights=None, *, cum_weights=None, k=1)`.
fn choices<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, bound) = bind::<S>(
        vm,
        args,
        "Random.choices",
        &["self", "population", "weights", "cum_weights", "k"],
        2,
        3,
    )?;
    let [_, population, weights, cum_weights, k] = bound.try_into().expect("five parameters");
    let population = population.unwrap_or_default();
    let weights = weights.filter(|w| !matches!(w, Value::None));
    let cum_weights = cum_weights.filter(|w| !matches!(w, Value::None));
    let n = ops::len(vm, &population)? as usize;
    let k = match &k {
        Some(k) => to_index(vm, k)?.max(0) as usize,
        None => 1,
    };
    let indices = match (weights, cum_weights) {
        (None, None) => {
            let indices = generator.with(vm, |r| r.choices(n, k));
            let mut picked = Vec::with_capacity(k);
            for index in indices {
                picked.push(ops::get_item(vm, &population, &Value::Int(index as i64))?);
            }
            return Ok(Value::list(picked));
        }
        (Some(weights), None) => {
            if let Some(n) = as_int(&weights) {
                let message = format!(
                    "The number of choices must be a keyword argument: k={}",
                    n.to_i64().unwrap_or(0)
                );
                return Err(raise(vm, &PyError::type_error(message)));
            }
            let weights = weights_of(vm, &weights)?;
            if weights.len() != n {
                let err =
                    PyError::value_error("The number of weights does not match the population");
                return Err(raise(vm, &err));
            }
            generator.with(vm, |r| r.choices_weighted(&weights, k))
        }
        (None, Some(cum_weights)) => {
            let cum_weights = weights_of(vm, &cum_weights)?;
            if cum_weights.len() != n {
                let err =
                    PyError::value_error("The number of weights does not match the population");
                return Err(raise(vm, &err));
            }
            generator.with(vm, |r| r.choices_cum_weights(&cum_weights, k))
        }
        (Some(_), Some(_)) => {
            let err = PyError::type_error("Cannot specify both weights and cumulative weights");
            return Err(raise(vm, &err));
        }
    };
    let indices = indices.map_err(|err| raise(vm, &err))?;
    let mut picked = Vec::with_capacity(indices.len());
    for index in indices {
        picked.push(ops::get_item(vm, &population, &Value::Int(index as i64))?);
    }
    Ok(Value::list(picked))
}

/// `random.shuffle(x)`: in place, swapping each item from the last down with one at
/// or before it.
fn shuffle<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, bound) = bind::<S>(vm, args, "Random.shuffle", &["self", "x"], 2, 2)?;
    let x = bound[1].clone().unwrap_or_default();
    if let Value::List(items) = &x {
        generator.with(vm, |r| r.shuffle(&mut items.borrow_mut()));
        return Ok(Value::None);
    }
    let len = ops::len(vm, &x)? as u64;
    for i in (1..len).rev() {
        let j = generator.with(vm, |r| r.randbelow(i + 1));
        let (i, j) = (Value::Int(i as i64), Value::Int(j as i64));
        let moved = (ops::get_item(vm, &x, &j)?, ops::get_item(vm, &x, &i)?);
        ops::set_item(vm, &x, i, moved.0)?;
        ops::set_item(vm, &x, j, moved.1)?;
    }
    Ok(Value::None)
}

/// Whether `random.sample` takes `value` as a population: a sequence (a set or a
/// dict is not one).
fn is_sequence(vm: &mut Vm, value: &Value) -> bool {
    match value {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_) => {
            true
        }
        Value::Instance(_) | Value::Native(_) => {
            let class = vm.types.class_of(value);
            class.lookup("__getitem__").is_some() && class.lookup("__len__").is_some()
        }
        _ => false,
    }
}

/// `random.sample(population, k, *, counts=None)`: `k` different items, in the order
/// drawn.
fn sample<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, bound) = bind::<S>(
        vm,
        args,
        "Random.sample",
        &["self", "population", "k", "counts"],
        3,
        3,
    )?;
    let [_, population, k, counts] = bound.try_into().expect("four parameters");
    let population = population.unwrap_or_default();
    if !is_sequence(vm, &population) {
        let err = PyError::type_error(
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        );
        return Err(raise(vm, &err));
    }
    let n = ops::len(vm, &population)? as usize;
    let k = to_index(vm, &k.unwrap_or_default())?;
    let indices = match counts.filter(|c| !matches!(c, Value::None)) {
        None => generator.with(vm, |r| r.sample(n, k)),
        Some(counts) => {
            let counts = crate::vm::iter::collect(vm, &counts)?;
            if counts.len() != n {
                let err =
                    PyError::value_error("The number of counts does not match the population");
                return Err(raise(vm, &err));
            }
            let mut numbers = Vec::with_capacity(n);
            for count in &counts {
                match as_int(count).and_then(|c| c.to_i64()) {
                    Some(c) => numbers.push(c),
                    None => {
                        let err = PyError::type_error("Counts must be integers");
                        return Err(raise(vm, &err));
                    }
                }
            }
            generator.with(vm, |r| r.sample_counts(&numbers, k))
        }
    };
    let indices = indices.map_err(|err| raise(vm, &err))?;
    let mut picked = Vec::with_capacity(indices.len());
    for index in indices {
        picked.push(ops::get_item(vm, &population, &Value::Int(index as i64))?);
    }
    Ok(Value::list(picked))
}

/// `random.uniform(a, b)`: `a + (b - a) * random()`, with Python's arithmetic.
fn uniform<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, bound) = bind::<S>(vm, args, "Random.uniform", &["self", "a", "b"], 3, 3)?;
    let (a, b) = (
        bound[1].clone().unwrap_or_default(),
        bound[2].clone().unwrap_or_default(),
    );
    let width = ops::binary(vm, BinOp::Sub, &b, &a, false)?;
    let r = Value::Float(generator.with(vm, Random::random));
    let scaled = ops::binary(vm, BinOp::Mult, &width, &r, false)?;
    ops::binary(vm, BinOp::Add, &a, &scaled, false)
}

/// The `mu` and `sigma` of `gauss` and `normalvariate` (0 and 1 by default).
fn mu_sigma<S: Source>(
    vm: &mut Vm,
    args: Args,
    name: &'static str,
) -> PyResult<(Generator, f64, f64)> {
    let (generator, bound) = bind::<S>(vm, args, name, &["self", "mu", "sigma"], 1, 3)?;
    let mu = match &bound[1] {
        Some(mu) => to_float(vm, mu)?,
        None => 0.0,
    };
    let sigma = match &bound[2] {
        Some(sigma) => to_float(vm, sigma)?,
        None => 1.0,
    };
    Ok((generator, mu, sigma))
}

/// `random.gauss(mu=0.0, sigma=1.0)`.
fn gauss<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, mu, sigma) = mu_sigma::<S>(vm, args, "Random.gauss")?;
    Ok(Value::Float(generator.with(vm, |r| r.gauss(mu, sigma))))
}

/// `random.normalvariate(mu=0.0, sigma=1.0)`.
fn normalvariate<S: Source>(vm: &mut Vm, args: Args) -> PyResult {
    let (generator, mu, sigma) = mu_sigma::<S>(vm, args, "Random.normalvariate")?;
    Ok(Value::Float(
        generator.with(vm, |r| r.normalvariate(mu, sigma)),
    ))
}
