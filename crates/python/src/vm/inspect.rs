//! What a host shows of running programs beyond their output: the queues they made and
//! which threads wait on them. The web page draws a program's `queue.Queue` this way,
//! how full it is and who is blocked in `put` and `get`.
//!
//! Inspecting never runs Python code and never changes the world.

use std::collections::HashSet;
use std::rc::Rc;

use super::native::Wait;
use super::{ThreadState, Vm};
use crate::modules::native_of;
use crate::modules::queue::QueueState;
use crate::value::Value;
use crate::vm::repr::repr_str;

/// How many of a queue's items [`QueueView::items`] describes.
pub const SHOWN_ITEMS: usize = 64;

/// A queue of a program (`queue.Queue`, `LifoQueue`, `PriorityQueue`, `SimpleQueue`),
/// as it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueView {
    /// The process that made it.
    pub process: usize,
    /// The variable it was found in: a global of `__main__` (`message`), of another
    /// module (`helper.jobs`), or a local of a running function (`q`).
    pub name: String,
    /// Its class's name.
    pub class: String,
    /// How many items it holds (`qsize()`).
    pub len: usize,
    /// Its `maxsize`, when that bounds it (a positive int).
    pub maxsize: Option<usize>,
    /// Short labels of its first items as it keeps them (oldest first for a FIFO):
    /// the repr of a number or a short string, the type's name otherwise.
    pub items: Vec<String>,
    /// The threads (indexes into `Vm::threads`) blocked in its `put`: the queue is full.
    pub blocked_put: Vec<usize>,
    /// The threads blocked in its `get`: the queue is empty.
    pub blocked_get: Vec<usize>,
}

impl Vm {
    /// Every queue the processes can reach through a variable: their modules' globals,
    /// then the locals of the functions their threads are running. In process order,
    /// each queue once.
    pub fn queues(&self) -> Vec<QueueView> {
        let mut seen = HashSet::new();
        let mut views = Vec::new();
        for (pid, process) in self.processes.iter().enumerate() {
            let mut modules: Vec<_> = process.modules.iter().collect();
            // `__main__` first, then the others by name: the map's own order is not fixed.
            modules.sort_by_key(|(name, _)| (name.as_ref() != "__main__", Rc::clone(name)));
            let mut found: Vec<(String, Value)> = Vec::new();
            for (module_name, module) in modules {
                let Value::Module(module) = module else {
                    continue;
                };
                for (name, value) in module.dict.borrow().iter() {
                    let name = match module_name.as_ref() {
                        "__main__" => name.to_string(),
                        other => format!("{other}.{name}"),
                    };
                    found.push((name, value.clone()));
                }
            }
            for thread in self.threads.iter().filter(|t| t.process == pid) {
                for frame in &thread.frames {
                    let locals = frame.fast.iter().map(Option::as_ref);
                    for (name, value) in frame.code.varnames.iter().zip(locals) {
                        if let Some(value) = value {
                            found.push((name.to_string(), value.clone()));
                        }
                    }
                    let cell_names = frame.code.cellvars.iter().chain(&frame.code.freevars);
                    for (name, cell) in cell_names.zip(&frame.cells) {
                        if let Some(value) = cell.borrow().as_ref() {
                            found.push((name.to_string(), value.clone()));
                        }
                    }
                }
            }
            for (name, value) in found {
                if seen.insert(value.identity())
                    && let Some(view) = self.queue_view(pid, name, &value)
                {
                    views.push(view);
                }
            }
        }
        views
    }

    /// The view of `value` if it is a queue.
    fn queue_view(&self, process: usize, name: String, value: &Value) -> Option<QueueView> {
        let object = native_of(value)?;
        let queue = object.as_any().downcast_ref::<QueueState>()?;
        let items = queue.items();
        let maxsize = match object.get_attr("maxsize") {
            Some(Value::Int(n)) if n > 0 => usize::try_from(n).ok(),
            _ => None,
        };
        let identity = value.identity();
        let blocked_in = |what: &str| -> Vec<usize> {
            self.threads
                .iter()
                .enumerate()
                .filter(|(_, thread)| {
                    matches!(&thread.state, ThreadState::Blocked(Wait { on: Some(on), what: w, .. })
                        if *on == identity && *w == what)
                })
                .map(|(index, _)| index)
                .collect()
        };
        Some(QueueView {
            process,
            name,
            class: object.class().name.to_string(),
            len: items.len(),
            maxsize,
            items: items.iter().take(SHOWN_ITEMS).map(label).collect(),
            blocked_put: blocked_in("Queue.put"),
            blocked_get: blocked_in("Queue.get"),
        })
    }
}

/// Strings longer than this are labelled by their type.
const SHORT_STR: usize = 12;

/// A short label of an item.
fn label(value: &Value) -> String {
    match value {
        Value::None => "None".to_owned(),
        Value::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        Value::Int(n) => n.to_string(),
        Value::BigInt(n) => n.to_string(),
        Value::Str(s) if s.chars().count() <= SHORT_STR => repr_str(s),
        other => other.type_name().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::{EmptyFolder, Run};

    /// Runs `source` until every thread waits, and gives the world.
    fn run(source: &str) -> Vm {
        let mut vm = Vm::new(0, 0);
        vm.spawn(
            source,
            vec!["q.py".to_owned()],
            Rc::new(EmptyFolder("/tmp")),
            String::new(),
        );
        for _ in 0..100 {
            match vm.run(100_000) {
                Run::Busy => {}
                Run::Waiting(Some(deadline)) => vm.advance_to(deadline),
                Run::Waiting(None) | Run::Done => break,
            }
        }
        vm
    }

    #[test]
    fn a_full_queue_shows_its_items_and_the_threads_blocked_in_put() {
        let vm = run("import queue, threading\n\
                      message = queue.Queue(3)\n\
                      def producer(i):\n    while True:\n        message.put(i)\n\
                      for i in range(4):\n    threading.Thread(target=producer, args=(i,)).start()\n");
        let queues = vm.queues();
        assert_eq!(queues.len(), 1);
        let q = &queues[0];
        assert_eq!((q.name.as_str(), q.class.as_str()), ("message", "Queue"));
        assert_eq!((q.len, q.maxsize), (3, Some(3)));
        assert_eq!(q.items, ["0", "0", "0"], "the first producer filled it");
        assert_eq!(q.blocked_put.len(), 4);
        assert!(q.blocked_get.is_empty());
        assert_eq!(&*vm.threads[q.blocked_put[0]].name, "Thread-1 (producer)");
    }

    #[test]
    fn threads_waiting_in_get_on_a_local_queue_are_found() {
        let vm = run("import queue, threading\n\
                      def main():\n    jobs = queue.LifoQueue()\n    for n in range(2):\n        threading.Thread(target=jobs.get).start()\n    jobs.get()\n\
                      main()\n");
        let queues = vm.queues();
        assert_eq!(queues.len(), 1);
        let q = &queues[0];
        assert_eq!((q.name.as_str(), q.class.as_str()), ("jobs", "LifoQueue"));
        assert_eq!((q.len, q.maxsize), (0, None));
        assert_eq!(
            q.blocked_get.len(),
            3,
            "the main thread and its two threads"
        );
    }

    #[test]
    fn items_are_labelled_briefly() {
        let vm = run("import queue\nq = queue.Queue()\n\
                      for item in [7, 'job', None, 'a rather long string', (1, 2), 2**70]:\n    q.put(item)\n");
        let q = &vm.queues()[0];
        assert_eq!(
            q.items,
            [
                "7",
                "'job'",
                "None",
                "str",
                "tuple",
                "1180591620717411303424"
            ]
        );
    }
}
