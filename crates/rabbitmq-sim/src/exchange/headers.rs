//! The headers exchange: routes on message headers instead of the routing key.
//!
//! A binding's arguments are the pattern; `x-match` says whether `all` or `any` of them must
//! be present with an equal value (same AMQP type too). Keys starting with `x-` are ignored
//! unless the binding says `all-with-x` or `any-with-x`. A pattern value of type void asks
//! only for the header's presence. As in RabbitMQ, every binding is tested.

use std::collections::BTreeSet;

use crate::binding::{Binding, Destination};
use crate::error::{AmqpError, AmqpResult};
use crate::value::{FieldTable, FieldValue};

/// The `x-match` modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MatchKind {
    All,
    Any,
}

/// The bindings of one headers exchange, in binding order.
#[derive(Debug, Clone, Default)]
pub struct HeadersIndex {
    bindings: BTreeSet<(Destination, FieldTable)>,
}

/// Parses `x-match`; an absent value means `all`. Returns the kind and whether `x-` keys count.
fn match_mode(arguments: &FieldTable) -> AmqpResult<(MatchKind, bool)> {
    match arguments.get("x-match") {
        None => Ok((MatchKind::All, false)),
        Some(FieldValue::LongStr(s)) => match s.as_str() {
            "all" => Ok((MatchKind::All, false)),
            "any" => Ok((MatchKind::Any, false)),
            "all-with-x" => Ok((MatchKind::All, true)),
            "any-with-x" => Ok((MatchKind::Any, true)),
            other => Err(AmqpError::precondition_failed(format!(
                "Invalid x-match field value <<\"{other}\">>; expected all, any, all-with-x, or any-with-x"
            ))),
        },
        Some(other) => Err(AmqpError::precondition_failed(format!(
            "Invalid x-match field type {} (value {}); expected longstr",
            other.type_name(),
            other.display()
        ))),
    }
}

/// Checks a binding's arguments when it is added, as RabbitMQ's `validate_binding` does.
pub fn validate(arguments: &FieldTable) -> AmqpResult<()> {
    match_mode(arguments).map(|_| ())
}

/// Whether a message with `headers` matches a binding with `arguments`.
pub fn matches(arguments: &FieldTable, headers: &FieldTable) -> bool {
    let Ok((kind, with_x)) = match_mode(arguments) else {
        return false;
    };
    let mut pattern = arguments
        .iter()
        .filter(|(k, _)| k.as_str() != "x-match" && (with_x || !k.starts_with("x-")))
        .peekable();
    if pattern.peek().is_none() {
        return kind == MatchKind::All;
    }
    let mut one = pattern.map(|(key, want)| match headers.get(key) {
        None => false,
        Some(have) => matches!(want, FieldValue::Void) || want == have,
    });
    match kind {
        MatchKind::All => one.all(|m| m),
        MatchKind::Any => one.any(|m| m),
    }
}

impl HeadersIndex {
    /// Indexes a binding.
    pub fn add(&mut self, binding: &Binding) {
        self.bindings
            .insert((binding.destination.clone(), binding.arguments.clone()));
    }

    /// Forgets a binding.
    pub fn remove(&mut self, binding: &Binding) {
        self.bindings
            .remove(&(binding.destination.clone(), binding.arguments.clone()));
    }

    /// The destinations of every binding the headers match.
    pub fn route<'a>(&'a self, headers: &FieldTable, out: &mut impl Extend<&'a Destination>) {
        for (destination, arguments) in &self.bindings {
            if matches(arguments, headers) {
                out.extend([destination]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, FieldValue)]) -> FieldTable {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect()
    }

    fn s(v: &str) -> FieldValue {
        FieldValue::LongStr(v.into())
    }

    #[test]
    fn all_needs_every_pair_any_needs_one() {
        let msg = table(&[("format", s("pdf")), ("type", s("report"))]);
        let all = table(&[
            ("x-match", s("all")),
            ("format", s("pdf")),
            ("type", s("log")),
        ]);
        let any = table(&[
            ("x-match", s("any")),
            ("format", s("pdf")),
            ("type", s("log")),
        ]);
        assert!(!matches(&all, &msg));
        assert!(matches(&any, &msg));
    }

    #[test]
    fn x_keys_count_only_in_with_x_modes() {
        let msg = table(&[("x-tag", s("a"))]);
        assert!(!matches(
            &table(&[("x-match", s("any")), ("x-tag", s("a"))]),
            &msg
        ));
        assert!(matches(
            &table(&[("x-match", s("any-with-x")), ("x-tag", s("a"))]),
            &msg
        ));
    }

    #[test]
    fn types_must_match_too() {
        let msg = table(&[("n", FieldValue::LongStr("1".into()))]);
        assert!(!matches(&table(&[("n", FieldValue::SignedInt(1))]), &msg));
    }

    #[test]
    fn an_empty_pattern_matches_everything_with_all_and_nothing_with_any() {
        assert!(matches(&FieldTable::new(), &FieldTable::new()));
        assert!(!matches(
            &table(&[("x-match", s("any"))]),
            &FieldTable::new()
        ));
    }
}
