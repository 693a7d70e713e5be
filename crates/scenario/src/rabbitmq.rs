//! rabbitmqadmin command lines against a simulated broker with simulated clients.

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

use rabbitmq_sim::{Simulation, admin};

use crate::session::ConsoleSession;

/// A rabbitmqadmin-style session on one simulation: a broker and the producers and
/// consumers around it. The console's lines and the page's controls (play, step, the
/// topology views) act on the same simulation, so they share one world.
///
/// The clock is the simulation's, not the wall clock: it moves only when time is run
/// (`run 5s`, or the page's play and step controls), so a paused world stays paused
/// while the learner types.
pub struct RabbitAdminSession {
    simulation: SharedSimulation,
}

/// The simulation, shared between the console session and the page's views and timer.
#[derive(Clone)]
pub struct SharedSimulation(Rc<RefCell<Simulation>>);

impl SharedSimulation {
    /// A simulation of its own: a freshly started broker with no clients.
    pub fn new(seed: u64) -> SharedSimulation {
        SharedSimulation(Rc::new(RefCell::new(Simulation::new(seed))))
    }

    /// The same number for every handle on one simulation (what its waiters wait on).
    pub fn identity(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }

    /// Reads the simulation (the views draw from it).
    pub fn borrow(&self) -> Ref<'_, Simulation> {
        self.0.borrow()
    }

    /// Changes the simulation (the page's timer runs its clock).
    pub fn borrow_mut(&self) -> RefMut<'_, Simulation> {
        self.0.borrow_mut()
    }
}

/// Two handles are equal when they share one simulation, so a view re-renders on a new
/// simulation but not on a clone of the handle.
impl PartialEq for SharedSimulation {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl RabbitAdminSession {
    /// A session on a freshly started broker with no clients; `seed` drives server-generated
    /// names and every random choice of the simulated clients.
    pub fn new(seed: u64) -> Self {
        Self {
            simulation: SharedSimulation::new(seed),
        }
    }

    /// The simulation this session drives, for the page's views and controls.
    pub fn simulation(&self) -> SharedSimulation {
        self.simulation.clone()
    }
}

impl ConsoleSession for RabbitAdminSession {
    fn prompt(&self) -> String {
        "rabbitmqadmin>".to_owned()
    }

    /// Runs the line at the simulation's own time; `_now_ms` (the wall clock) is not used,
    /// see the type's documentation.
    fn run_line(&mut self, line: &str, _now_ms: u64) -> String {
        admin::run_sim_line(&mut self.simulation.borrow_mut(), line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_queue_receives_what_the_default_exchange_routes_to_it() {
        let mut session = RabbitAdminSession::new(1);
        session.run_line("declare queue name=hello", 0);
        session.run_line(
            "publish exchange=amq.default routing_key=hello payload=hi",
            0,
        );
        let listing = session.run_line("list queues name messages", 0);
        assert!(listing.contains("hello"), "{listing}");
        assert!(listing.contains('1'), "{listing}");
    }

    #[test]
    fn the_console_and_the_page_act_on_one_simulation() {
        let mut session = RabbitAdminSession::new(1);
        let shared = session.simulation();
        session.run_line("declare queue name=work", 1_700_000_000_000);
        session.run_line(
            "producer name=p exchange= routing_key=work rate=10",
            1_700_000_000_000,
        );
        shared.borrow_mut().run_until(1_000);
        assert_eq!(
            shared
                .borrow()
                .broker()
                .queue("work")
                .map(|q| q.ready.len()),
            Some(11)
        );
        let out = session.run_line("run 1s", 1_700_000_000_000);
        assert_eq!(out, "clock at 2000 ms: 21 published, 0 delivered, 0 acked");
    }
}
