//! AMQP field values and tables: the typed values of arguments and headers.
//!
//! RabbitMQ compares arguments by type and value, and names the types in its error
//! texts (`of type 'signedint'`), so the model keeps the AMQP type of every value.
//! JSON converts the way pika encodes Python values.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

/// An AMQP table: arguments of exchanges, queues and bindings; message headers.
pub type FieldTable = BTreeMap<String, FieldValue>;

/// One typed AMQP field value.
#[derive(Debug, Clone)]
pub enum FieldValue {
    /// `t`: a boolean.
    Bool(bool),
    /// `I`: a 32-bit signed integer (what pika sends for small Python ints).
    SignedInt(i32),
    /// `l`: a 64-bit signed integer.
    Long(i64),
    /// `d`: a double.
    Double(f64),
    /// `S`: a string.
    LongStr(String),
    /// `T`: a timestamp in seconds.
    Timestamp(u64),
    /// `F`: a nested table.
    Table(FieldTable),
    /// `A`: an array.
    Array(Vec<FieldValue>),
    /// `V`: no value.
    Void,
}

impl FieldValue {
    /// The type name RabbitMQ prints in its error texts.
    pub fn type_name(&self) -> &'static str {
        match self {
            FieldValue::Bool(_) => "bool",
            FieldValue::SignedInt(_) => "signedint",
            FieldValue::Long(_) => "long",
            FieldValue::Double(_) => "double",
            FieldValue::LongStr(_) => "longstr",
            FieldValue::Timestamp(_) => "timestamp",
            FieldValue::Table(_) => "table",
            FieldValue::Array(_) => "array",
            FieldValue::Void => "void",
        }
    }

    /// The value as an integer, for integer arguments such as `x-max-length`.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            FieldValue::SignedInt(i) => Some(i64::from(*i)),
            FieldValue::Long(i) => Some(*i),
            _ => None,
        }
    }

    /// The value as a string, for string arguments such as `x-dead-letter-exchange`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            FieldValue::LongStr(s) => Some(s),
            _ => None,
        }
    }

    /// How RabbitMQ prints the bare value in an error text (Erlang's `~s` or `~p`).
    pub fn display(&self) -> String {
        match self {
            FieldValue::Bool(b) => b.to_string(),
            FieldValue::SignedInt(i) => i.to_string(),
            FieldValue::Long(i) => i.to_string(),
            FieldValue::Double(d) => format!("{d:?}"),
            FieldValue::LongStr(s) => s.clone(),
            FieldValue::Timestamp(t) => t.to_string(),
            other => other.to_json().to_string(),
        }
    }

    /// Whether RabbitMQ treats two values as the same argument: same type class, same value.
    pub fn equivalent(&self, other: &FieldValue) -> bool {
        match (self.as_int(), other.as_int()) {
            (Some(a), Some(b)) => a == b,
            _ => self == other,
        }
    }

    /// Converts a JSON value the way pika encodes the equivalent Python value.
    pub fn from_json(value: &Value) -> FieldValue {
        match value {
            Value::Null => FieldValue::Void,
            Value::Bool(b) => FieldValue::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => match i32::try_from(i) {
                    Ok(small) => FieldValue::SignedInt(small),
                    Err(_) => FieldValue::Long(i),
                },
                None => FieldValue::Double(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => FieldValue::LongStr(s.clone()),
            Value::Array(items) => {
                FieldValue::Array(items.iter().map(FieldValue::from_json).collect())
            }
            Value::Object(map) => FieldValue::Table(table_from_json(map)),
        }
    }

    /// The JSON form used by `dump_state` and the management API.
    pub fn to_json(&self) -> Value {
        match self {
            FieldValue::Bool(b) => Value::Bool(*b),
            FieldValue::SignedInt(i) => Value::from(*i),
            FieldValue::Long(i) => Value::from(*i),
            FieldValue::Double(d) => Number::from_f64(*d).map_or(Value::Null, Value::Number),
            FieldValue::LongStr(s) => Value::String(s.clone()),
            FieldValue::Timestamp(t) => Value::from(*t),
            FieldValue::Table(t) => table_to_json(t),
            FieldValue::Array(items) => {
                Value::Array(items.iter().map(FieldValue::to_json).collect())
            }
            FieldValue::Void => Value::Null,
        }
    }

    fn rank(&self) -> u8 {
        match self {
            FieldValue::Bool(_) => 0,
            FieldValue::SignedInt(_) => 1,
            FieldValue::Long(_) => 2,
            FieldValue::Double(_) => 3,
            FieldValue::LongStr(_) => 4,
            FieldValue::Timestamp(_) => 5,
            FieldValue::Table(_) => 6,
            FieldValue::Array(_) => 7,
            FieldValue::Void => 8,
        }
    }
}

/// Converts a JSON object into a table.
pub fn table_from_json(map: &Map<String, Value>) -> FieldTable {
    map.iter()
        .map(|(k, v)| (k.clone(), FieldValue::from_json(v)))
        .collect()
}

/// Converts a table into a JSON object.
pub fn table_to_json(table: &FieldTable) -> Value {
    Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), v.to_json()))
            .collect(),
    )
}

// A total order, so tables can be part of binding keys in ordered sets.
impl Ord for FieldValue {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (FieldValue::Bool(a), FieldValue::Bool(b)) => a.cmp(b),
            (FieldValue::SignedInt(a), FieldValue::SignedInt(b)) => a.cmp(b),
            (FieldValue::Long(a), FieldValue::Long(b)) => a.cmp(b),
            (FieldValue::Double(a), FieldValue::Double(b)) => a.total_cmp(b),
            (FieldValue::LongStr(a), FieldValue::LongStr(b)) => a.cmp(b),
            (FieldValue::Timestamp(a), FieldValue::Timestamp(b)) => a.cmp(b),
            (FieldValue::Table(a), FieldValue::Table(b)) => a.cmp(b),
            (FieldValue::Array(a), FieldValue::Array(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl PartialOrd for FieldValue {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for FieldValue {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for FieldValue {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_encode_like_pika() {
        assert_eq!(
            FieldValue::from_json(&Value::from(10)).type_name(),
            "signedint"
        );
        assert_eq!(
            FieldValue::from_json(&Value::from(1i64 << 40)).type_name(),
            "long"
        );
        assert_eq!(
            FieldValue::from_json(&Value::from(1.5)).type_name(),
            "double"
        );
    }

    #[test]
    fn integers_of_different_width_are_equivalent() {
        assert!(FieldValue::SignedInt(5).equivalent(&FieldValue::Long(5)));
        assert!(!FieldValue::SignedInt(5).equivalent(&FieldValue::LongStr("5".into())));
    }
}
