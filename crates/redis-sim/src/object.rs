//! The value stored under a key and the encoding Redis 7.0 would choose for it
//! (object.c). The page shows encodings, so they follow 7.0's thresholds.

use crate::types::hash::HashValue;
use crate::types::list::ListValue;
use crate::types::set::SetValue;
use crate::types::string::StringValue;
use crate::types::zset::ZSetValue;

/// A value of one of Redis's data types.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A binary-safe string (also integers and bitmaps).
    String(StringValue),
    /// A list of strings, ordered from head to tail.
    List(ListValue),
    /// Field-value pairs.
    Hash(HashValue),
    /// Unique strings.
    Set(SetValue),
    /// Unique strings ordered by score.
    ZSet(ZSetValue),
}

impl Value {
    /// The name TYPE answers.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Hash(_) => "hash",
            Value::Set(_) => "set",
            Value::ZSet(_) => "zset",
        }
    }

    /// The name OBJECT ENCODING answers.
    pub fn encoding(&self) -> &'static str {
        match self {
            Value::String(s) => s.encoding(),
            Value::List(_) => "quicklist",
            Value::Hash(h) => h.encoding(),
            Value::Set(s) => s.encoding(),
            Value::ZSet(z) => z.encoding(),
        }
    }

    /// Whether a container lost its last element; Redis deletes such keys.
    pub fn is_empty_container(&self) -> bool {
        match self {
            Value::String(_) => false,
            Value::List(l) => l.is_empty(),
            Value::Hash(h) => h.is_empty(),
            Value::Set(s) => s.is_empty(),
            Value::ZSet(z) => z.is_empty(),
        }
    }

    /// The string inside, if this is a string.
    pub fn as_string(&self) -> Option<&StringValue> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Gives typed access to a [`Value`] so lookups can answer WRONGTYPE in one place.
pub trait TypedValue: Sized {
    /// The inner value, if `value` has this type.
    fn typed_mut(value: &mut Value) -> Option<&mut Self>;
    /// Wraps a fresh inner value (used when a write creates the key).
    fn wrap(self) -> Value;
}

macro_rules! typed_value {
    ($variant:ident, $inner:ty) => {
        impl TypedValue for $inner {
            fn typed_mut(value: &mut Value) -> Option<&mut Self> {
                match value {
                    Value::$variant(inner) => Some(inner),
                    _ => None,
                }
            }
            fn wrap(self) -> Value {
                Value::$variant(self)
            }
        }
    };
}

typed_value!(String, StringValue);
typed_value!(List, ListValue);
typed_value!(Hash, HashValue);
typed_value!(Set, SetValue);
typed_value!(ZSet, ZSetValue);
