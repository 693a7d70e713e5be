//! Attribute access: `obj.name` read, written and deleted, as `object.__getattribute__`
//! and `type.__getattribute__` do it (descriptors on the class, then the instance's
//! `__dict__`, then the class), and method lookup without a bound-method object.

use std::rc::Rc;

use super::Vm;
use super::eval::call_nested;
use super::exceptions::{self, error};
use super::native::{Args, PyResult, Signal};
use super::types::TypeTag;
use crate::value::{Builtin, Class, Descriptor, Payload, Value};

/// A builtin function (no `self` bound) as a value.
pub fn builtin(
    name: &'static str,
    func: super::native::NativeFn,
    owner: Option<&'static str>,
) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name,
        func,
        bound: None,
        owner,
    }))
}

/// What an attribute found on a class gives when read through an instance.
fn bind(vm: &mut Vm, found: Value, object: &Value) -> PyResult {
    match &found {
        Value::Function(_) | Value::Builtin(_) => {
            Ok(Value::Method(Rc::new((object.clone(), found))))
        }
        Value::Descriptor(descriptor) => match descriptor.as_ref() {
            Descriptor::Property { fget, .. } => match fget {
                Some(fget) => call_nested(vm, fget.clone(), Args::new(vec![object.clone()])),
                None => Err(error(vm, "AttributeError", "unreadable attribute")),
            },
            Descriptor::StaticMethod(function) => Ok(function.clone()),
            Descriptor::ClassMethod(function) => {
                let class = Value::Class(vm.types.class_of(object));
                Ok(Value::Method(Rc::new((class, function.clone()))))
            }
            Descriptor::Super { .. } => Ok(found),
        },
        _ => Ok(found),
    }
}

/// `getattr(object, name)`.
pub fn get_attr(vm: &mut Vm, object: &Value, name: &str) -> PyResult {
    match try_get_attr(vm, object, name)? {
        Some(value) => Ok(value),
        None => {
            if let Value::Instance(_) = object
                && let Some(getattr) = vm.types.class_of(object).lookup("__getattr__")
            {
                let method = bind(vm, getattr, object)?;
                return call_nested(vm, method, Args::new(vec![Value::str(name)]));
            }
            Err(exceptions::attribute_error(vm, object, name))
        }
    }
}

/// `getattr(object, name)`, None where it has no such attribute.
pub fn try_get_attr(vm: &mut Vm, object: &Value, name: &str) -> PyResult<Option<Value>> {
    match object {
        Value::Instance(instance) => {
            let found = instance.class.lookup(name);
            if let Some(Value::Descriptor(d)) = &found
                && matches!(d.as_ref(), Descriptor::Property { .. })
            {
                return bind(vm, found.clone().unwrap_or_default(), object).map(Some);
            }
            if let Some(value) = instance.dict.borrow().get(name) {
                return Ok(Some(value.clone()));
            }
            if let Some(found) = found {
                return bind(vm, found, object).map(Some);
            }
            if let Some(value) = special_instance_attr(vm, object, &instance.class, name) {
                return Ok(Some(value));
            }
            if let Payload::Native(native) = &*instance.payload.borrow()
                && let Some(value) = native.get_attr(name)
            {
                return Ok(Some(value));
            }
            if let Some(container) = instance.builtin_value() {
                return Ok(crate::types::method(vm, &container, name));
            }
            if let Some(TypeTag::BaseException) = instance.class.builtin_base() {
                return Ok(exceptions::exception_attr(vm, object, name));
            }
            Ok(None)
        }
        Value::Class(class) => Ok(class_attr(vm, class, name)),
        Value::Module(module) => Ok(module.get(name)),
        Value::Native(native) => {
            if let Some(value) = native.get_attr(name) {
                return Ok(Some(value));
            }
            match native.class().lookup(name) {
                Some(found) => bind(vm, found, object).map(Some),
                None => Ok(special_instance_attr(vm, object, &native.class(), name)),
            }
        }
        Value::Function(function) => Ok(match name {
            "__name__" => Some(Value::Str(function.name.borrow().clone())),
            "__qualname__" => Some(Value::Str(function.qualname.borrow().clone())),
            "__module__" => function.globals.get("__name__"),
            "__doc__" => Some(
                function
                    .dict
                    .borrow()
                    .get("__doc__")
                    .cloned()
                    .unwrap_or_default(),
            ),
            "__class__" => Some(Value::Class(vm.types.class_of(object))),
            "__defaults__" if !function.defaults.is_empty() => {
                Some(Value::tuple(function.defaults.clone()))
            }
            "__defaults__" => Some(Value::None),
            _ => function.dict.borrow().get(name).cloned(),
        }),
        Value::Builtin(function) => Ok(match name {
            "__name__" | "__qualname__" => Some(Value::str(function.name)),
            "__self__" => function.bound.clone(),
            "__class__" => Some(Value::Class(vm.types.class_of(object))),
            _ => None,
        }),
        Value::Method(method) => match name {
            "__self__" => Ok(Some(method.0.clone())),
            "__func__" => Ok(Some(method.1.clone())),
            _ => try_get_attr(vm, &method.1.clone(), name),
        },
        Value::Descriptor(descriptor) => Ok(match (descriptor.as_ref(), name) {
            (Descriptor::Property { fget, .. }, "fget") => fget.clone(),
            (Descriptor::Property { .. }, "setter" | "getter" | "deleter") => {
                Some(Value::Method(Rc::new((
                    object.clone(),
                    builtin(
                        property_method(name),
                        crate::builtins::property_method(name),
                        None,
                    ),
                ))))
            }
            (
                Descriptor::Super {
                    class,
                    object: this,
                },
                _,
            ) => {
                return super_attr(vm, class, this, name);
            }
            (Descriptor::StaticMethod(f) | Descriptor::ClassMethod(f), "__func__") => {
                Some(f.clone())
            }
            _ => None,
        }),
        Value::Generator(generator) => Ok(match name {
            "__name__" => Some(Value::Str(generator.borrow().name.clone())),
            "__qualname__" => Some(Value::Str(generator.borrow().qualname.clone())),
            _ => crate::types::method(vm, object, name),
        }),
        _ => Ok(match name {
            "__class__" => Some(Value::Class(vm.types.class_of(object))),
            _ => crate::types::method(vm, object, name)
                .or_else(|| crate::types::attribute(object, name)),
        }),
    }
}

fn property_method(name: &str) -> &'static str {
    match name {
        "setter" => "setter",
        "getter" => "getter",
        _ => "deleter",
    }
}

/// `__class__`, `__dict__` and the other attributes every instance has.
fn special_instance_attr(
    vm: &mut Vm,
    object: &Value,
    class: &Rc<Class>,
    name: &str,
) -> Option<Value> {
    match name {
        "__class__" => Some(Value::Class(class.clone())),
        "__dict__" => match object {
            Value::Instance(instance) => Some(Value::dict(
                instance
                    .dict
                    .borrow()
                    .iter()
                    .map(|(k, v)| (crate::value::Key(Value::Str(k.clone())), v.clone()))
                    .collect(),
            )),
            _ => None,
        },
        "__module__" => Some(Value::Str(class.module.clone())),
        "__doc__" => Some(class.lookup("__doc__").unwrap_or_default()),
        _ => {
            let _ = vm;
            None
        }
    }
}

/// An attribute read on a class.
fn class_attr(vm: &mut Vm, class: &Rc<Class>, name: &str) -> Option<Value> {
    if let Some(found) = class.lookup(name) {
        return Some(match &found {
            Value::Descriptor(d) => match d.as_ref() {
                Descriptor::ClassMethod(function) => {
                    Value::Method(Rc::new((Value::Class(class.clone()), function.clone())))
                }
                Descriptor::StaticMethod(function) => function.clone(),
                _ => found,
            },
            _ => found,
        });
    }
    match name {
        "__name__" => Some(Value::Str(class.name.clone())),
        "__qualname__" => Some(Value::Str(class.qualname.clone())),
        "__module__" => Some(Value::Str(class.module.clone())),
        "__doc__" => Some(Value::None),
        "__base__" => Some(
            class
                .bases
                .first()
                .map_or(Value::None, |b| Value::Class(b.clone())),
        ),
        "__bases__" => Some(Value::tuple(
            class
                .bases
                .iter()
                .map(|b| Value::Class(b.clone()))
                .collect(),
        )),
        "__mro__" => {
            let mut mro = vec![Value::Class(class.clone())];
            mro.extend(class.ancestors.iter().map(|c| Value::Class(c.clone())));
            Some(Value::tuple(mro))
        }
        "__class__" => Some(Value::Class(vm.types.get(TypeTag::Type).clone())),
        _ => class
            .builtin_base()
            .and_then(|tag| crate::types::unbound_method(tag, name)),
    }
}

/// `super().name`: the attribute of the next class after `class` in `object`'s MRO.
fn super_attr(
    vm: &mut Vm,
    class: &Rc<Class>,
    object: &Value,
    name: &str,
) -> PyResult<Option<Value>> {
    let object_class = match object {
        Value::Class(c) => c.clone(),
        other => vm.types.class_of(other),
    };
    let mut mro = vec![object_class.clone()];
    mro.extend(object_class.ancestors.iter().cloned());
    let after = mro
        .iter()
        .position(|c| Rc::ptr_eq(c, class))
        .map_or(mro.len(), |i| i + 1);
    for candidate in &mro[after..] {
        let found = candidate.dict.borrow().get(name).cloned();
        let found = found.or_else(|| match (candidate.builtin, name) {
            (Some(TypeTag::Dict | TypeTag::List | TypeTag::Set), "__init__") => {
                Some(builtin("__init__", super::call::container_init, None))
            }
            (Some(tag), _) => crate::types::unbound_method(tag, name),
            _ => None,
        });
        if let Some(found) = found {
            return match object {
                Value::Class(_) => Ok(Some(match &found {
                    Value::Descriptor(d) => match d.as_ref() {
                        Descriptor::ClassMethod(f) => {
                            Value::Method(Rc::new((object.clone(), f.clone())))
                        }
                        _ => found,
                    },
                    _ => found,
                })),
                _ => bind(vm, found, object).map(Some),
            };
        }
    }
    Ok(None)
}

/// Which kind of builtin value has which methods, for the method cache.
fn method_kind(object: &Value) -> Option<u8> {
    Some(match object {
        Value::Str(_) => 1,
        Value::Bytes(_) => 2,
        Value::List(_) => 3,
        Value::Tuple(_) => 4,
        Value::Dict(dict) => match dict.borrow().flavor {
            crate::value::DictFlavor::Counter => 6,
            _ => 5,
        },
        Value::Set(_) => 7,
        Value::FrozenSet(_) => 8,
        Value::Int(_) | Value::BigInt(_) => 9,
        Value::Float(_) => 10,
        Value::Range(_) => 11,
        _ => return None,
    })
}

/// [`get_method`] through the VM's cache for the methods of builtin values.
pub fn get_method_cached(vm: &mut Vm, object: &Value, name: &Rc<str>) -> PyResult<Option<Value>> {
    let Some(kind) = method_kind(object) else {
        return get_method(vm, object, name);
    };
    let key = (kind, Rc::as_ptr(name) as *const u8 as usize);
    if let Some((_, method)) = vm.method_cache.get(&key) {
        return Ok(method.clone());
    }
    let method = get_method(vm, object, name)?;
    vm.method_cache.insert(key, (name.clone(), method.clone()));
    Ok(method)
}

/// For `obj.name(...)`: the function to call with `obj` as its first argument, when the
/// attribute is a method found on the class (None: read the attribute as usual).
pub fn get_method(vm: &mut Vm, object: &Value, name: &str) -> PyResult<Option<Value>> {
    match object {
        Value::Instance(instance) => {
            if instance.dict.borrow().contains_key(name) {
                return Ok(None);
            }
            Ok(match instance.class.lookup(name) {
                Some(found @ (Value::Function(_) | Value::Builtin(_))) => Some(found),
                _ => None,
            })
        }
        Value::Native(native) => Ok(match native.class().lookup(name) {
            Some(found @ Value::Builtin(_)) => Some(found),
            _ => None,
        }),
        Value::Class(_)
        | Value::Module(_)
        | Value::Function(_)
        | Value::Method(_)
        | Value::Descriptor(_) => Ok(None),
        _ => {
            let _ = vm;
            Ok(crate::types::unbound_method_of(object, name))
        }
    }
}

/// `setattr(object, name, value)`.
pub fn set_attr(vm: &mut Vm, object: &Value, name: &str, value: Value) -> PyResult<()> {
    match object {
        Value::Instance(instance) => {
            if let Some(Value::Descriptor(d)) = instance.class.lookup(name)
                && let Descriptor::Property { fset, .. } = d.as_ref()
            {
                return match fset {
                    Some(fset) => {
                        call_nested(vm, fset.clone(), Args::new(vec![object.clone(), value]))?;
                        Ok(())
                    }
                    None => {
                        let message = format!(
                            "property '{name}' of '{}' object has no setter",
                            instance.class.name
                        );
                        Err(error(vm, "AttributeError", &message))
                    }
                };
            }
            if let Payload::Native(native) = &*instance.payload.borrow()
                && native.set_attr(name, &value)
            {
                return Ok(());
            }
            if exceptions::set_exception_attr(object, name, &value) {
                return Ok(());
            }
            instance.dict.borrow_mut().insert(Rc::from(name), value);
            Ok(())
        }
        Value::Class(class) => {
            if name == "__eq__" {
                class.hashable.set(false);
            }
            class.dict.borrow_mut().insert(Rc::from(name), value);
            Ok(())
        }
        Value::Module(module) => {
            module.set(name, value);
            Ok(())
        }
        Value::Function(function) => {
            match name {
                "__name__" => {
                    if let Value::Str(s) = &value {
                        *function.name.borrow_mut() = s.clone();
                    }
                }
                "__qualname__" => {
                    if let Value::Str(s) = &value {
                        *function.qualname.borrow_mut() = s.clone();
                    }
                }
                _ => {
                    function.dict.borrow_mut().insert(Rc::from(name), value);
                }
            }
            Ok(())
        }
        Value::Native(native) if native.set_attr(name, &value) => Ok(()),
        _ => {
            let message = if try_get_attr(vm, object, name)?.is_some() {
                format!(
                    "'{}' object attribute '{name}' is read-only",
                    object.type_name()
                )
            } else {
                format!("'{}' object has no attribute '{name}'", object.type_name())
            };
            Err(error(vm, "AttributeError", &message))
        }
    }
}

/// `delattr(object, name)`.
pub fn del_attr(vm: &mut Vm, object: &Value, name: &str) -> PyResult<()> {
    if let Value::Instance(instance) = object
        && let Some(Value::Descriptor(d)) = instance.class.lookup(name)
        && let Descriptor::Property { fdel, .. } = d.as_ref()
    {
        return match fdel {
            Some(fdel) => {
                call_nested(vm, fdel.clone(), Args::new(vec![object.clone()])).map(|_| ())
            }
            None => {
                let message = format!(
                    "property '{name}' of '{}' object has no deleter",
                    instance.class.name
                );
                Err(error(vm, "AttributeError", &message))
            }
        };
    }
    let removed = match object {
        Value::Instance(instance) => instance.dict.borrow_mut().shift_remove(name).is_some(),
        Value::Class(class) => class.dict.borrow_mut().shift_remove(name).is_some(),
        Value::Module(module) => module.dict.borrow_mut().shift_remove(name).is_some(),
        Value::Function(function) => function.dict.borrow_mut().shift_remove(name).is_some(),
        _ => false,
    };
    if removed {
        Ok(())
    } else {
        Err(exceptions::attribute_error(vm, object, name))
    }
}

/// Whether `object` has `name` (`hasattr`): any error but AttributeError propagates.
pub fn has_attr(vm: &mut Vm, object: &Value, name: &str) -> PyResult<bool> {
    match get_attr(vm, object, name) {
        Ok(_) => Ok(true),
        Err(Signal::Raise(exc)) if exceptions::is_instance_of(vm, &exc, "AttributeError") => {
            Ok(false)
        }
        Err(signal) => Err(signal),
    }
}
