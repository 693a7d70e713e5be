//! The lesson's Python 2: its programs write `print ret` and `import Queue`, which
//! Python 3 refuses. When a run fails on one of them, the editor offers to rewrite the
//! file as Python 3: print statements become calls (`print(ret)`) and the `Queue`
//! module becomes `queue`.
//!
//! The rewrite reads the program as Python's tokenizer would (strings, comments,
//! brackets and line continuations), so a `print x` inside a string or a comment is
//! left as it is.

use super::tokens::{Kind, Token, text, tokenize};

/// Which of the lesson's Python 2 forms a failed run tripped over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Python2 {
    /// `SyntaxError: Missing parentheses in call to 'print'`.
    PrintStatement,
    /// `ModuleNotFoundError: No module named 'Queue'`.
    QueueModule,
}

/// The Python 2 form a run's stderr reports, if it reports one.
pub fn diagnose(stderr: &str) -> Option<Python2> {
    if stderr.contains("SyntaxError: Missing parentheses in call to 'print'") {
        Some(Python2::PrintStatement)
    } else if stderr.contains("ModuleNotFoundError: No module named 'Queue'") {
        Some(Python2::QueueModule)
    } else {
        None
    }
}

/// The file a traceback or syntax error report names last (where the error is), as a
/// name in `folder`; `None` when it names no file there.
pub fn failing_file(stderr: &str, folder: &str) -> Option<String> {
    let prefix = format!("{}/", folder.trim_end_matches('/'));
    stderr
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("File \""))
        .filter_map(|rest| rest.split('"').next())
        .filter_map(|path| path.strip_prefix(&prefix))
        .next_back()
        .map(str::to_owned)
}

/// A rewritten program and what changed in it.
#[derive(Debug, PartialEq, Eq)]
pub struct Rewrite {
    /// The program as Python 3.
    pub source: String,
    /// Each line changed: its number (from 1), how it read and how it reads now.
    pub changes: Vec<(usize, String, String)>,
}

/// `source` with its print statements made calls and its `Queue` module named `queue`.
pub fn rewrite_as_python3(source: &str) -> Rewrite {
    let tokens = tokenize(source);
    let mut edits = print_statements(source, &tokens);
    edits.extend(queue_module(source, &tokens));
    edits.sort_by_key(|edit| edit.start);
    let mut rewritten = String::with_capacity(source.len() + 16 * edits.len());
    let mut at = 0;
    for edit in &edits {
        rewritten.push_str(&source[at..edit.start]);
        rewritten.push_str(&edit.text);
        at = edit.end;
    }
    rewritten.push_str(&source[at..]);
    Rewrite::between(source, rewritten)
}

impl Rewrite {
    /// The rewrite of `source` into `rewritten`, which has as many lines, with the
    /// lines that changed.
    pub fn between(source: &str, rewritten: String) -> Rewrite {
        let changes = source
            .lines()
            .zip(rewritten.lines())
            .enumerate()
            .filter(|(_, (old, new))| old != new)
            .map(|(i, (old, new))| (i + 1, old.trim().to_owned(), new.trim().to_owned()))
            .collect();
        Rewrite {
            source: rewritten,
            changes,
        }
    }
}

/// Replaces `source[start..end]` with `text`.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Whether a statement may start at token `i`: the first of a logical line, or after a
/// `;` or a compound statement's `:` (`if x: print x`).
fn starts_statement(source: &str, tokens: &[Token], i: usize) -> bool {
    let Some(before) = i.checked_sub(1).map(|b| &tokens[b]) else {
        return true;
    };
    match before.kind {
        Kind::Newline => true,
        Kind::Op => before.depth == 0 && matches!(text(source, before), ";" | ":"),
        _ => false,
    }
}

/// `print x, y` → `print(x, y)`; `print` → `print()`; a trailing comma (no newline)
/// → `end=" "`; `print >>f, x` → `print(x, file=f)`.
fn print_statements(source: &str, tokens: &[Token]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Kind::Name
            || text(source, token) != "print"
            || !starts_statement(source, tokens, i)
        {
            continue;
        }
        // The statement runs to the end of the logical line, a `;` or a comment.
        let end = tokens[i + 1..]
            .iter()
            .position(|t| {
                t.kind == Kind::Newline
                    || t.kind == Kind::Comment
                    || (t.depth == 0 && t.kind == Kind::Op && text(source, t) == ";")
            })
            .map_or(tokens.len(), |n| i + 1 + n);
        let arguments = &tokens[i + 1..end];
        if let Some(first) = arguments.first() {
            // Already a call (`print(x)`), or `print` used as a name (`print = log`).
            let is_statement = match first.kind {
                Kind::Name | Kind::Str | Kind::Other => true,
                Kind::Op => matches!(text(source, first), ">>" | "[" | "{" | "-" | "+" | "~"),
                Kind::Comment | Kind::Newline => false,
            };
            if !is_statement {
                continue;
            }
        }
        edits.push(print_call(source, token, arguments));
    }
    edits
}

/// The edit that makes one print statement a call.
fn print_call(source: &str, print: &Token, arguments: &[Token]) -> Edit {
    let Some(last) = arguments.last() else {
        return Edit {
            start: print.start,
            end: print.end,
            text: "print()".to_owned(),
        };
    };
    let mut parts: Vec<String> = Vec::new();
    let mut keywords: Vec<String> = Vec::new();
    let mut rest = arguments;
    if text(source, &rest[0]) == ">>" {
        let comma = rest
            .iter()
            .position(|t| t.depth == 0 && text(source, t) == ",");
        let stream_end = comma.unwrap_or(rest.len());
        if stream_end > 1 {
            let stream = &source[rest[1].start..rest[stream_end - 1].end];
            keywords.push(format!("file={stream}"));
        }
        rest = &rest[(stream_end + 1).min(rest.len())..];
    }
    let trailing_comma = rest
        .last()
        .is_some_and(|t| t.depth == 0 && text(source, t) == ",");
    if trailing_comma {
        rest = &rest[..rest.len() - 1];
        keywords.insert(0, "end=\" \"".to_owned());
    }
    if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
        parts.push(source[first.start..last.end].to_owned());
    }
    parts.extend(keywords);
    Edit {
        start: print.start,
        end: last.end,
        text: format!("print({})", parts.join(", ")),
    }
}

/// `import Queue` → `import queue`, `from Queue import …` → `from queue import …`, and,
/// where the module itself was imported, `Queue.Queue` → `queue.Queue`.
fn queue_module(source: &str, tokens: &[Token]) -> Vec<Edit> {
    let rename = |token: &Token| Edit {
        start: token.start,
        end: token.end,
        text: "queue".to_owned(),
    };
    let is = |i: usize, word: &str| tokens.get(i).is_some_and(|t| text(source, t) == word);
    let mut edits = Vec::new();
    let mut module_imported = false;
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Kind::Name || text(source, token) != "Queue" {
            continue;
        }
        // The statement this name is in, from its first token.
        let first = (0..=i)
            .rev()
            .find(|&j| starts_statement(source, tokens, j))
            .unwrap_or(0);
        let after = |word| i.checked_sub(1).is_some_and(|b| is(b, word));
        // `import Queue`, `import Queue as Q`, `import threading, Queue`
        let imported = is(first, "import") && !after("as");
        module_imported |= imported && !is(i + 1, "as");
        // `from Queue import Queue`; `Queue.Queue(10)` where the module was imported.
        let from_module = is(first, "from") && first + 1 == i;
        let module_attribute = module_imported && is(i + 1, ".") && !after(".");
        if imported || from_module || module_attribute {
            edits.push(rename(token));
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_errors_python3_gives_for_the_lessons_python2_are_recognised() {
        // python3 3.11's output for the lesson's memcached example and its queue program.
        let print = "  File \"/home/learner/memcache_demo.py\", line 7\n    print ret\n    ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n";
        let queue = "Traceback (most recent call last):\n  File \"/home/learner/lesson.py\", line 1, in <module>\n    import Queue\nModuleNotFoundError: No module named 'Queue'\n";
        assert_eq!(diagnose(print), Some(Python2::PrintStatement));
        assert_eq!(diagnose(queue), Some(Python2::QueueModule));
        assert_eq!(diagnose("NameError: name 'x' is not defined\n"), None);
        assert_eq!(
            failing_file(print, "/home/learner"),
            Some("memcache_demo.py".to_owned())
        );
        assert_eq!(
            failing_file(queue, "/home/learner/"),
            Some("lesson.py".to_owned())
        );
    }

    #[test]
    fn the_failing_file_is_the_last_one_a_traceback_names() {
        // python3 3.11's output when main.py imports a helper written in Python 2.
        let stderr = "Traceback (most recent call last):\n  File \"/home/learner/main.py\", line 1, in <module>\n    import helper\n  File \"/home/learner/helper.py\", line 2\n    print x\n    ^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n";
        assert_eq!(
            failing_file(stderr, "/home/learner"),
            Some("helper.py".to_owned())
        );
        let library = "  File \"/usr/lib/python3.11/queue.py\", line 1\n";
        assert_eq!(failing_file(library, "/home/learner"), None);
    }

    #[test]
    fn print_statements_become_calls() {
        let rewrite = rewrite_as_python3(
            "import memcache\nret = mc.get('foo')\nprint ret\nprint r.get('foo')\n    print \"a\", b  # show\nprint\n",
        );
        assert_eq!(
            rewrite.source,
            "import memcache\nret = mc.get('foo')\nprint(ret)\nprint(r.get('foo'))\n    print(\"a\", b)  # show\nprint()\n"
        );
        assert_eq!(
            rewrite.changes[0],
            (3, "print ret".to_owned(), "print(ret)".to_owned())
        );
        assert_eq!(rewrite.changes.len(), 4);
    }

    #[test]
    fn python2s_print_forms_keep_their_meaning() {
        assert_eq!(
            rewrite_as_python3("print x,\n").source,
            "print(x, end=\" \")\n"
        );
        assert_eq!(
            rewrite_as_python3("print >>sys.stderr, \"no\", n\n").source,
            "print(\"no\", n, file=sys.stderr)\n"
        );
        assert_eq!(rewrite_as_python3("print >>f\n").source, "print(file=f)\n");
        assert_eq!(
            rewrite_as_python3("if ok: print 'yes'; n = 1\n").source,
            "if ok: print('yes'); n = 1\n"
        );
        assert_eq!(
            rewrite_as_python3("print \"%s %s\" % (a,\n       b)\n").source,
            "print(\"%s %s\" % (a,\n       b))\n",
            "a statement over two lines inside brackets"
        );
        assert_eq!(rewrite_as_python3("print -x\n").source, "print(-x)\n");
    }

    #[test]
    fn python3_code_and_print_in_strings_and_comments_are_left_alone() {
        let source = "print('done')\nprint (x)\nlog = print\nprint = log\ns = \"print x\"\n# print x\nt = '''\nprint y\n'''\nblueprint = 1\nf(print)\n";
        let rewrite = rewrite_as_python3(source);
        assert_eq!(rewrite.source, source);
        assert!(rewrite.changes.is_empty());
    }

    #[test]
    fn the_queue_module_is_named_as_python3_names_it() {
        let lesson = "import Queue\nimport threading\n\n\nmessage = Queue.Queue(10)\ntry:\n    message.get_nowait()\nexcept Queue.Empty:\n    pass\n";
        assert_eq!(
            rewrite_as_python3(lesson).source,
            "import queue\nimport threading\n\n\nmessage = queue.Queue(10)\ntry:\n    message.get_nowait()\nexcept queue.Empty:\n    pass\n"
        );
        assert_eq!(
            rewrite_as_python3("from Queue import Queue\nq = Queue(3)\n").source,
            "from queue import Queue\nq = Queue(3)\n",
            "the class keeps its name"
        );
        assert_eq!(
            rewrite_as_python3("import threading, Queue\nq = Queue.Queue()\n").source,
            "import threading, queue\nq = queue.Queue()\n"
        );
        assert_eq!(
            rewrite_as_python3("import Queue as Q\nq = Q.Queue()\n").source,
            "import queue as Q\nq = Q.Queue()\n"
        );
        assert_eq!(
            rewrite_as_python3("import queue\nq = queue.Queue()\nprint('Queue.Queue')\n").source,
            "import queue\nq = queue.Queue()\nprint('Queue.Queue')\n"
        );
    }

    #[test]
    fn both_forms_are_rewritten_at_once() {
        let rewrite =
            rewrite_as_python3("import Queue\nq = Queue.Queue(2)\nq.put(1)\nprint q.get()\n");
        assert_eq!(
            rewrite.source,
            "import queue\nq = queue.Queue(2)\nq.put(1)\nprint(q.get())\n"
        );
        assert_eq!(
            rewrite.changes.iter().map(|c| c.0).collect::<Vec<_>>(),
            [1, 2, 4]
        );
    }
}
