//! The builtin types and exceptions as class objects, so `type(x)`, `isinstance` and
//! `class MyError(Exception)` work on them as on any class.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use crate::value::{Class, Namespace, Value};

/// Which builtin a class is (or extends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeTag {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Generator,
    Iterator,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    Code,
    Cell,
    Ellipsis,
    NotImplemented,
    /// `BaseException` and every exception class: instances carry exception data.
    BaseException,
    /// A class of a module written in Rust (`threading.Thread`, `queue.Queue`…).
    Native,
}

/// The builtin classes, made once per VM.
pub struct Types {
    pub by_tag: HashMap<TypeTag, Rc<Class>>,
    /// Every builtin exception class by name.
    pub exceptions: HashMap<&'static str, Rc<Class>>,
    /// The iterator types (`list_iterator`, `zip`, `map`…), made when first asked for.
    iterators: RefCell<HashMap<&'static str, Rc<Class>>>,
}

/// The builtin exception hierarchy of Python 3.11, parents before children.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("PermissionError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ConnectionError", "OSError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("BrokenPipeError", "ConnectionError"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
];

const BUILTIN_TYPES: &[(TypeTag, &str)] = &[
    (TypeTag::Type, "type"),
    (TypeTag::NoneType, "NoneType"),
    (TypeTag::Int, "int"),
    (TypeTag::Float, "float"),
    (TypeTag::Str, "str"),
    (TypeTag::Bytes, "bytes"),
    (TypeTag::List, "list"),
    (TypeTag::Tuple, "tuple"),
    (TypeTag::Dict, "dict"),
    (TypeTag::Set, "set"),
    (TypeTag::FrozenSet, "frozenset"),
    (TypeTag::Range, "range"),
    (TypeTag::Slice, "slice"),
    (TypeTag::Function, "function"),
    (TypeTag::BuiltinFunction, "builtin_function_or_method"),
    (TypeTag::Method, "method"),
    (TypeTag::Module, "module"),
    (TypeTag::Generator, "generator"),
    (TypeTag::Iterator, "iterator"),
    (TypeTag::Property, "property"),
    (TypeTag::StaticMethod, "staticmethod"),
    (TypeTag::ClassMethod, "classmethod"),
    (TypeTag::Super, "super"),
    (TypeTag::Code, "code"),
    (TypeTag::Cell, "cell"),
    (TypeTag::Ellipsis, "ellipsis"),
    (TypeTag::NotImplemented, "NotImplementedType"),
];

/// Makes a class with single inheritance: its ancestors are its base and the base's.
pub fn new_class(
    name: &str,
    module: &str,
    base: Option<&Rc<Class>>,
    dict: Namespace,
    builtin: Option<TypeTag>,
) -> Rc<Class> {
    let mut ancestors = Vec::new();
    if let Some(base) = base {
        ancestors.push(base.clone());
        ancestors.extend(base.ancestors.iter().cloned());
    }
    let hashable = base.is_none_or(|b| b.hashable.get())
        && (!dict.contains_key("__eq__") || dict.contains_key("__hash__"));
    Rc::new(Class {
        name: Rc::from(name),
        qualname: Rc::from(name),
        module: Rc::from(module),
        bases: base.into_iter().cloned().collect(),
        ancestors,
        dict: RefCell::new(dict),
        builtin,
        hashable: Cell::new(hashable),
    })
}

/// Makes a class written in Python: its ancestors follow CPython's C3 linearization of
/// its bases, or the error CPython gives when there is none.
pub fn new_python_class(
    name: &str,
    qualname: Rc<str>,
    module: &str,
    bases: Vec<Rc<Class>>,
    dict: Namespace,
) -> Result<Rc<Class>, String> {
    let mut sequences: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|base| {
            let mut mro = vec![base.clone()];
            mro.extend(base.ancestors.iter().cloned());
            mro
        })
        .collect();
    sequences.push(bases.clone());
    let mut ancestors: Vec<Rc<Class>> = Vec::new();
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            break;
        }
        // The first head that is in no other sequence's tail.
        let head = sequences.iter().map(|s| s[0].clone()).find(|candidate| {
            !sequences
                .iter()
                .any(|s| s[1..].iter().any(|c| Rc::ptr_eq(c, candidate)))
        });
        let Some(head) = head else {
            let names: Vec<&str> = bases.iter().map(|b| b.name.as_ref()).collect();
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for sequence in &mut sequences {
            if Rc::ptr_eq(&sequence[0], &head) {
                sequence.remove(0);
            }
        }
        ancestors.push(head);
    }
    let hashable = bases.iter().all(|b| b.hashable.get())
        && (!dict.contains_key("__eq__") || dict.contains_key("__hash__"));
    Ok(Rc::new(Class {
        name: Rc::from(name),
        qualname,
        module: Rc::from(module),
        bases,
        ancestors,
        dict: RefCell::new(dict),
        builtin: None,
        hashable: Cell::new(hashable),
    }))
}

impl Default for Types {
    fn default() -> Types {
        Types::new()
    }
}

impl Types {
    pub fn new() -> Types {
        let object = new_class(
            "object",
            "builtins",
            None,
            Namespace::default(),
            Some(TypeTag::Object),
        );
        let mut by_tag = HashMap::new();
        by_tag.insert(TypeTag::Object, object.clone());
        for &(tag, name) in BUILTIN_TYPES {
            by_tag.insert(
                tag,
                new_class(
                    name,
                    "builtins",
                    Some(&object),
                    Namespace::default(),
                    Some(tag),
                ),
            );
        }
        let int = by_tag[&TypeTag::Int].clone();
        by_tag.insert(
            TypeTag::Bool,
            new_class(
                "bool",
                "builtins",
                Some(&int),
                Namespace::default(),
                Some(TypeTag::Bool),
            ),
        );
        let base = new_class(
            "BaseException",
            "builtins",
            Some(&object),
            Namespace::default(),
            Some(TypeTag::BaseException),
        );
        by_tag.insert(TypeTag::BaseException, base.clone());
        let mut exceptions = HashMap::new();
        exceptions.insert("BaseException", base);
        for &(name, parent) in EXCEPTIONS {
            let parent = exceptions[parent].clone();
            let class = new_class(name, "builtins", Some(&parent), Namespace::default(), None);
            exceptions.insert(name, class);
        }
        Types {
            by_tag,
            exceptions,
            iterators: RefCell::new(HashMap::new()),
        }
    }

    pub fn get(&self, tag: TypeTag) -> &Rc<Class> {
        &self.by_tag[&tag]
    }

    pub fn exception(&self, name: &str) -> Rc<Class> {
        self.exceptions[name].clone()
    }

    /// The class of any value.
    pub fn class_of(&self, value: &Value) -> Rc<Class> {
        let tag = match value {
            Value::Instance(instance) => return instance.class.clone(),
            Value::Native(object) => return object.class(),
            Value::None => TypeTag::NoneType,
            Value::Bool(_) => TypeTag::Bool,
            Value::Int(_) | Value::BigInt(_) => TypeTag::Int,
            Value::Float(_) => TypeTag::Float,
            Value::Str(_) => TypeTag::Str,
            Value::Bytes(_) => TypeTag::Bytes,
            Value::List(_) => TypeTag::List,
            Value::Tuple(_) => TypeTag::Tuple,
            Value::Dict(_) => TypeTag::Dict,
            Value::Set(_) => TypeTag::Set,
            Value::FrozenSet(_) => TypeTag::FrozenSet,
            Value::Range(_) => TypeTag::Range,
            Value::Slice(_) => TypeTag::Slice,
            Value::Function(_) => TypeTag::Function,
            Value::Builtin(_) => TypeTag::BuiltinFunction,
            Value::Method(_) => TypeTag::Method,
            Value::Class(_) => TypeTag::Type,
            Value::Module(_) => TypeTag::Module,
            Value::Generator(_) => TypeTag::Generator,
            Value::Iterator(it) => {
                let name = it.borrow().type_name();
                let object = self.by_tag[&TypeTag::Object].clone();
                return self
                    .iterators
                    .borrow_mut()
                    .entry(name)
                    .or_insert_with(|| {
                        new_class(
                            name,
                            "builtins",
                            Some(&object),
                            Namespace::default(),
                            Some(TypeTag::Iterator),
                        )
                    })
                    .clone();
            }
            Value::Descriptor(d) => match d.as_ref() {
                crate::value::Descriptor::Property { .. } => TypeTag::Property,
                crate::value::Descriptor::StaticMethod(_) => TypeTag::StaticMethod,
                crate::value::Descriptor::ClassMethod(_) => TypeTag::ClassMethod,
                crate::value::Descriptor::Super { .. } => TypeTag::Super,
            },
            Value::Code(_) => TypeTag::Code,
            Value::Cell(_) => TypeTag::Cell,
            Value::Ellipsis => TypeTag::Ellipsis,
            Value::NotImplemented => TypeTag::NotImplemented,
        };
        self.by_tag[&tag].clone()
    }
}
