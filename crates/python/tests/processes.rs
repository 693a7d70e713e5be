//! Processes in one world, driven as a page drives them: an input pane, Stop, the clock.

use std::rc::Rc;

use python::vm::{EmptyFolder, Run, Stream, Vm};

/// Runs until every thread waits with no deadline, or everything ended.
fn settle(vm: &mut Vm) {
    loop {
        match vm.run(100_000) {
            Run::Busy => {}
            Run::Waiting(Some(deadline)) => vm.advance_to(deadline),
            Run::Waiting(None) | Run::Done => return,
        }
    }
}

fn output(vm: &mut Vm, pid: usize) -> String {
    vm.take_output(pid)
        .into_iter()
        .map(|(stream, text)| match stream {
            Stream::Stdout => text,
            Stream::Stderr => format!("[err]{text}"),
        })
        .collect()
}

fn spawn(vm: &mut Vm, source: &str) -> usize {
    vm.spawn(
        source,
        vec!["prog.py".to_owned()],
        Rc::new(EmptyFolder("/home/learner")),
        String::new(),
    )
}

#[test]
fn input_waits_for_the_input_pane_and_prompts_once() {
    let mut vm = Vm::new(0, 0);
    let pid = spawn(&mut vm, "name = input('name: ')\nprint('hello', name)\n");
    vm.open_stdin(pid);
    settle(&mut vm);
    assert_eq!(output(&mut vm, pid), "name: ");
    assert!(!vm.process_ended(pid));
    vm.feed_stdin(pid, "An");
    settle(&mut vm);
    assert_eq!(output(&mut vm, pid), "");
    vm.feed_stdin(pid, "n\n");
    settle(&mut vm);
    assert_eq!(output(&mut vm, pid), "hello Ann\n");
    assert!(vm.process_ended(pid));
    assert_eq!(vm.processes[pid].exit_code, Some(0));
}

#[test]
fn stop_raises_keyboard_interrupt_in_the_main_thread() {
    let mut vm = Vm::new(0, 0);
    let pid = spawn(
        &mut vm,
        "import time\ntry:\n    while True:\n        time.sleep(1)\nexcept KeyboardInterrupt:\n    print('stopped')\n",
    );
    vm.run(10_000);
    vm.interrupt(pid);
    settle(&mut vm);
    assert_eq!(output(&mut vm, pid), "stopped\n");
    assert_eq!(vm.processes[pid].exit_code, Some(0));
}

#[test]
fn a_busy_loop_yields_to_the_host_and_can_be_stopped() {
    let mut vm = Vm::new(0, 0);
    let pid = spawn(&mut vm, "n = 0\nwhile True:\n    n += 1\n");
    assert_eq!(vm.run(50_000), Run::Busy);
    vm.interrupt(pid);
    settle(&mut vm);
    let text = output(&mut vm, pid);
    assert!(
        text.starts_with("[err]Traceback") && text.ends_with("\nKeyboardInterrupt\n"),
        "{text}"
    );
    assert!(vm.process_ended(pid));
}

#[test]
fn threads_interleave_the_same_way_for_the_same_seed() {
    let program = "import threading, random\n\
        out = []\n\
        def work(n):\n    for i in range(3):\n        out.append((n, random.randint(1, 6)))\n\
        ts = [threading.Thread(target=work, args=(n,)) for n in range(4)]\n\
        for t in ts:\n    t.start()\n\
        for t in ts:\n    t.join()\n\
        print(out)\n";
    let run = |seed| {
        let mut vm = Vm::new(0, seed);
        let pid = spawn(&mut vm, program);
        settle(&mut vm);
        output(&mut vm, pid)
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5), run(6));
}

#[test]
fn sleeping_threads_take_virtual_time_only() {
    let mut vm = Vm::new(1_000_000_000, 0);
    let pid = spawn(
        &mut vm,
        "import time, threading\n\
         start = time.time()\n\
         t = threading.Thread(target=time.sleep, args=(30,))\n\
         t.start()\n\
         t.join()\n\
         print(round(time.time() - start))\n",
    );
    settle(&mut vm);
    assert_eq!(output(&mut vm, pid), "30\n");
}
