//! The interactive prompt, line by line, as python3 -i shows it.

use std::rc::Rc;

use python::repl::Repl;
use python::vm::{EmptyFolder, Run, Stream, Vm};

/// Types `lines` at the prompt; returns the transcript: each prompt and line, then what
/// the statement printed (stderr after `!`).
fn session(lines: &[&str]) -> String {
    let mut vm = Vm::new(0, 0);
    let mut repl = Repl::new(&mut vm, Rc::new(EmptyFolder("/tmp")));
    let mut transcript = String::new();
    for line in lines {
        transcript.push_str(repl.prompt());
        transcript.push_str(line);
        transcript.push('\n');
        if repl.push_line(&mut vm, line) {
            while vm.interactive_busy(repl.pid) {
                match vm.run(100_000) {
                    Run::Waiting(Some(deadline)) => vm.advance_to(deadline),
                    Run::Waiting(None) | Run::Done => break,
                    Run::Busy => {}
                }
            }
        }
        for (stream, text) in vm.take_output(repl.pid) {
            if stream == Stream::Stderr {
                transcript.push('!');
            }
            transcript.push_str(&text);
        }
    }
    transcript
}

#[test]
fn values_echo_as_their_repr_and_none_is_silent() {
    assert_eq!(
        session(&["1 + 2", "'a' * 2", "None", "x = [1, 'b']", "x"]),
        ">>> 1 + 2\n3\n>>> 'a' * 2\n'aa'\n>>> None\n>>> x = [1, 'b']\n>>> x\n[1, 'b']\n"
    );
}

#[test]
fn compound_statements_continue_until_a_blank_line() {
    assert_eq!(
        session(&[
            "for i in range(2):",
            "    print(i)",
            "",
            "def f(a,",
            "      b):",
            "    return a + b",
            "",
            "f(1, 2)"
        ]),
        ">>> for i in range(2):\n...     print(i)\n... \n0\n1\n>>> def f(a,\n...       b):\n...     return a + b\n... \n>>> f(1, 2)\n3\n"
    );
}

#[test]
fn errors_print_a_traceback_without_source_lines_and_the_prompt_goes_on() {
    assert_eq!(
        session(&["1/0", "y", "print(ok)", "ok = 1", "ok"]),
        concat!(
            ">>> 1/0\n!Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n",
            ">>> y\n!Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nNameError: name 'y' is not defined\n",
            ">>> print(ok)\n!Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nNameError: name 'ok' is not defined\n",
            ">>> ok = 1\n>>> ok\n1\n"
        )
    );
}
