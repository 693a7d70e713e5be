//! The course's pika: its programs call pika 0.x, `basic_consume(callback,
//! queue='hello', no_ack=True)` and `exchange_declare(exchange='logs', type='fanout')`,
//! which pika 1.x (what `pip install pika` gives) refuses with a TypeError. When a run
//! fails so, the editor offers to rewrite the file for pika 1.x, or to run it with
//! pika 0.x.
//!
//! The rewrite edits each call's arguments in place, so the layout stays the
//! learner's: a positional argument whose place changed gets its keyword
//! (`on_message_callback=callback`), a renamed keyword its new name (`auto_ack=True`),
//! and `queue_declare()` without a queue gets `queue=''`, pika 0.x's default.

use super::python2::Rewrite;
use super::tokens::{Kind, Token, text, tokenize};

/// The TypeErrors pika 1.4 raises for the course's 0.x calls.
const PIKA0_ERRORS: &[&str] = &[
    "BlockingChannel.basic_consume() got multiple values for argument 'queue'",
    "BlockingChannel.basic_consume() got an unexpected keyword argument 'no_ack'",
    "BlockingChannel.basic_consume() got an unexpected keyword argument 'consumer_callback'",
    "TypeError: queue must be a str or unicode str, but got <function ",
    "BlockingChannel.exchange_declare() got an unexpected keyword argument 'type'",
    "BlockingChannel.queue_declare() missing 1 required positional argument: 'queue'",
    "BlockingChannel.basic_get() got an unexpected keyword argument 'no_ack'",
    "BlockingChannel.consume() got an unexpected keyword argument 'no_ack'",
    "BlockingChannel.basic_qos() got an unexpected keyword argument 'all_channels'",
];

/// Whether a run's stderr shows a pika 0.x call refused by pika 1.x.
pub fn diagnose(stderr: &str) -> bool {
    PIKA0_ERRORS.iter().any(|error| stderr.contains(error))
}

/// How one method's parameters changed from pika 0.x to 1.x.
struct Method {
    name: &'static str,
    /// Its 0.x parameters in order, each with its 1.x keyword.
    positional: &'static [(&'static str, &'static str)],
    /// Whether 1.x needs `queue` where 0.x defaulted it to `''`.
    needs_queue: bool,
}

const METHODS: &[Method] = &[
    Method {
        name: "basic_consume",
        positional: &[
            ("consumer_callback", "on_message_callback"),
            ("queue", "queue"),
            ("no_ack", "auto_ack"),
            ("exclusive", "exclusive"),
            ("consumer_tag", "consumer_tag"),
            ("arguments", "arguments"),
        ],
        needs_queue: false,
    },
    Method {
        name: "exchange_declare",
        positional: &[
            ("exchange", "exchange"),
            ("exchange_type", "exchange_type"),
            ("type", "exchange_type"),
        ],
        needs_queue: false,
    },
    Method {
        name: "queue_declare",
        positional: &[("queue", "queue")],
        needs_queue: true,
    },
    Method {
        name: "basic_get",
        positional: &[("queue", "queue"), ("no_ack", "auto_ack")],
        needs_queue: false,
    },
    Method {
        name: "consume",
        positional: &[("queue", "queue"), ("no_ack", "auto_ack")],
        needs_queue: false,
    },
    Method {
        name: "basic_qos",
        positional: &[
            ("prefetch_size", "prefetch_size"),
            ("prefetch_count", "prefetch_count"),
            ("all_channels", "global_qos"),
        ],
        needs_queue: false,
    },
];

/// `source` with its pika 0.x calls written as pika 1.x's, and what changed.
pub fn rewrite_for_pika1(source: &str) -> Rewrite {
    let tokens = tokenize(source);
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let method = METHODS.iter().find(|m| m.name == text(source, token));
        let called = i > 0
            && text(source, &tokens[i - 1]) == "."
            && tokens.get(i + 1).is_some_and(|t| text(source, t) == "(");
        let (Some(method), true) = (method, called) else {
            continue;
        };
        edits.extend(call_edits(source, &tokens, i + 1, method));
    }
    edits.sort_by_key(|edit| edit.0);
    let mut rewritten = String::with_capacity(source.len() + 32 * edits.len());
    let mut at = 0;
    for (start, end, replacement) in &edits {
        rewritten.push_str(&source[at..*start]);
        rewritten.push_str(replacement);
        at = *end;
    }
    rewritten.push_str(&source[at..]);
    Rewrite::between(source, rewritten)
}

/// The edits of one call's arguments; `open` is the index of its `(`.
fn call_edits(
    source: &str,
    tokens: &[Token],
    open: usize,
    method: &Method,
) -> Vec<(usize, usize, String)> {
    let depth = tokens[open].depth;
    // Each argument: the index of its first token, and of its `=` if it has a keyword.
    let mut arguments: Vec<(usize, Option<usize>)> = Vec::new();
    let mut i = open + 1;
    let mut close = None;
    let mut starting = true;
    while i < tokens.len() {
        let token = &tokens[i];
        let word = text(source, token);
        if token.kind == Kind::Op && token.depth < depth {
            close = Some(i);
            break;
        }
        if token.depth == depth && token.kind == Kind::Op && word == "," {
            starting = true;
        } else if token.kind != Kind::Comment && token.kind != Kind::Newline && starting {
            starting = false;
            let keyword = (token.kind == Kind::Name
                && tokens.get(i + 1).is_some_and(|t| text(source, t) == "="))
            .then_some(i + 1);
            arguments.push((i, keyword));
        }
        i += 1;
    }
    if close.is_none() {
        // An unfinished call: nothing to rewrite safely.
        return Vec::new();
    }
    let mut edits = Vec::new();
    let mut has_queue = false;
    let mut moved = false;
    for (place, &(first, keyword)) in arguments.iter().enumerate() {
        match keyword {
            Some(_) => {
                let name = text(source, &tokens[first]);
                has_queue |= name == "queue";
                if let Some((_, new)) = method.positional.iter().find(|(old, _)| *old == name)
                    && *new != name
                {
                    edits.push((tokens[first].start, tokens[first].end, (*new).to_owned()));
                }
            }
            None => {
                let Some((old, new)) = method.positional.get(place) else {
                    continue;
                };
                has_queue |= *old == "queue";
                // Once one argument moved, the ones after it must say whose they are.
                moved |= *old != *new || method.name == "basic_consume";
                if moved {
                    edits.push((tokens[first].start, tokens[first].start, format!("{new}=")));
                }
            }
        }
    }
    if method.needs_queue && !has_queue {
        let at = tokens[open].end;
        let text = if arguments.is_empty() {
            "queue=''"
        } else {
            "queue='', "
        };
        edits.push((at, at, text.to_owned()));
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lessons_consumer_is_rewritten_in_place() {
        let lesson = "channel.basic_consume(callback,\n                      queue='hello',\n                      no_ack=True)\n";
        let rewrite = rewrite_for_pika1(lesson);
        assert_eq!(
            rewrite.source,
            "channel.basic_consume(on_message_callback=callback,\n                      queue='hello',\n                      auto_ack=True)\n"
        );
        assert_eq!(rewrite.changes.len(), 2);
    }

    #[test]
    fn exchanges_server_named_queues_and_gets_take_their_new_names() {
        let lesson = "channel.exchange_declare(exchange='logs',\n                         type='fanout')\n\
            result = channel.queue_declare(exclusive=True)\n\
            empty = channel.queue_declare()\n\
            m = channel.basic_get('hello', no_ack=True)\n";
        assert_eq!(
            rewrite_for_pika1(lesson).source,
            "channel.exchange_declare(exchange='logs',\n                         exchange_type='fanout')\n\
            result = channel.queue_declare(queue='', exclusive=True)\n\
            empty = channel.queue_declare(queue='')\n\
            m = channel.basic_get('hello', auto_ack=True)\n"
        );
    }

    #[test]
    fn pika_1_code_and_other_calls_are_left_alone() {
        let code = "channel.basic_consume(queue='hello', on_message_callback=cb, auto_ack=True)\n\
            channel.queue_declare('hello', durable=True)\n\
            basic_consume(cb, 'x')\n\
            s = \"channel.basic_consume(cb, queue='q')\"\n";
        assert_eq!(rewrite_for_pika1(code).source, code);
    }

    #[test]
    fn pika_1_s_errors_for_0_x_calls_are_recognised() {
        assert!(diagnose(
            "TypeError: BlockingChannel.basic_consume() got multiple values for argument 'queue'\n"
        ));
        assert!(diagnose(
            "TypeError: BlockingChannel.exchange_declare() got an unexpected keyword argument 'type'\n"
        ));
        assert!(!diagnose(
            "TypeError: f() got multiple values for argument 'queue'\n"
        ));
    }
}
