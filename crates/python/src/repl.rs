//! python3's interactive prompt: `>>> `, `... ` for a statement not finished yet (an
//! open bracket, a compound statement until its blank line), and each finished input
//! run as a statement whose value, if not None, is echoed as its repr.

use std::rc::Rc;

use crate::syntax::parse_interactive;
use crate::vm::{Files, Vm};

/// The prompt of one interactive process.
pub struct Repl {
    pub pid: usize,
    /// The lines of an input not finished yet.
    pending: String,
}

impl Repl {
    /// Starts an interactive process in `vm`.
    pub fn new(vm: &mut Vm, files: Rc<dyn Files>) -> Repl {
        Repl {
            pid: vm.spawn_interactive(files),
            pending: String::new(),
        }
    }

    /// `>>> `, or `... ` while an input is unfinished.
    pub fn prompt(&self) -> &'static str {
        if self.pending.is_empty() {
            ">>> "
        } else {
            "... "
        }
    }

    /// One typed line: true when it finished an input, which now runs in `vm` (the host
    /// runs the VM until [`Vm::interactive_busy`] is false, then shows the output).
    pub fn push_line(&mut self, vm: &mut Vm, line: &str) -> bool {
        if self.pending.is_empty() && line.trim().is_empty() {
            return false;
        }
        self.pending.push_str(line);
        self.pending.push('\n');
        if let Err(error) = parse_interactive(&self.pending)
            && error.incomplete
        {
            return false;
        }
        let source = std::mem::take(&mut self.pending);
        vm.exec_interactive(self.pid, &source);
        true
    }

    /// Drops an unfinished input, as Ctrl-C at a `... ` prompt does.
    pub fn cancel(&mut self) {
        self.pending.clear();
    }
}
