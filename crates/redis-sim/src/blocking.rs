//! Blocking commands (blocked.c): BLPOP and friends wait until another client
//! pushes to one of their keys or their timeout passes on the virtual clock.
//!
//! A blocked client's reply is not returned by [`Server::execute`]; it is
//! sent later to the client's connection ([`Server::connection`]), as the
//! real server writes it to the socket when the client is served.

use std::collections::VecDeque;

use crate::long_double;
use crate::reply::Reply;
use crate::{ClientId, Server};

/// Tries to serve a blocking command without blocking: `Ok(None)` when every
/// key is empty, so the client has to wait.
pub type Attempt = fn(&mut Server, ClientId, &[Vec<u8>]) -> Result<Option<Reply>, Reply>;

/// What a blocked client waits for.
#[derive(Debug, Clone)]
pub(crate) struct Blocked {
    /// The command as typed, run again by `attempt` when a key gets data.
    pub argv: Vec<Vec<u8>>,
    pub attempt: Attempt,
    /// When the wait ends with `timeout_reply`; `None` waits forever.
    pub deadline: Option<u64>,
    pub timeout_reply: Reply,
    /// Commands the client sent while blocked; Redis reads them afterwards.
    pub pending: VecDeque<Vec<Vec<u8>>>,
}

/// A blocking command's timeout in seconds (fractions allowed), as an
/// absolute deadline; 0 means forever.
pub fn parse_timeout(arg: &[u8], now_ms: u64) -> Result<Option<u64>, Reply> {
    let not_a_float = || Reply::error("ERR timeout is not a float or out of range");
    // A timeout too large for milliseconds wraps negative in Redis's conversion.
    let millis = long_double::to_millis(arg).map_err(|infinite| {
        if infinite {
            Reply::error("ERR timeout is negative")
        } else {
            not_a_float()
        }
    })?;
    if millis < 0 {
        return Err(Reply::error("ERR timeout is negative"));
    }
    let millis = u64::try_from(millis).map_err(|_| not_a_float())?;
    Ok((millis > 0).then(|| now_ms.saturating_add(millis)))
}

impl Server {
    /// Runs a blocking command: served at once if possible (and always inside
    /// EXEC, where it cannot wait), otherwise the client waits.
    pub(crate) fn block_or_serve(
        &mut self,
        client: ClientId,
        argv: &[Vec<u8>],
        deadline: Option<u64>,
        attempt: Attempt,
        timeout_reply: Reply,
    ) -> Result<Reply, Reply> {
        if let Some(reply) = attempt(self, client, argv)? {
            return Ok(reply);
        }
        if self.executing_transaction {
            return Ok(timeout_reply);
        }
        if let Some(c) = self.clients.get_mut(&client) {
            c.blocked = Some(Blocked {
                argv: argv.to_vec(),
                attempt,
                deadline,
                timeout_reply,
                pending: VecDeque::new(),
            });
            self.blocked_order.push(client);
        }
        // Nothing is sent now; the reply follows when the client is served.
        Ok(Reply::Frames(Vec::new()))
    }

    /// Whether the client waits in a blocking command.
    pub fn is_blocked(&self, client: ClientId) -> bool {
        self.clients
            .get(&client)
            .is_some_and(|c| c.blocked.is_some())
    }

    /// When a blocked client's wait times out, if it has a timeout.
    pub fn block_deadline(&self, client: ClientId) -> Option<u64> {
        self.clients.get(&client)?.blocked.as_ref()?.deadline
    }

    /// Serves blocked clients, oldest first, while any of them can pop.
    pub(crate) fn serve_blocked(&mut self) {
        if self.blocked_order.is_empty() {
            return;
        }
        let mut progress = true;
        while progress {
            progress = false;
            for client in self.blocked_order.clone() {
                let Some(blocked) = self.clients.get(&client).and_then(|c| c.blocked.clone())
                else {
                    continue;
                };
                // The served command's writes announce its own events.
                self.current_event = blocked.argv.first().and_then(|name| {
                    let name = String::from_utf8_lossy(name).to_ascii_lowercase();
                    crate::notify::default_event(&name)
                });
                let served = match (blocked.attempt)(self, client, &blocked.argv) {
                    Ok(Some(reply)) => Some(reply),
                    Ok(None) => None,
                    Err(error) => Some(error),
                };
                if let Some(reply) = served {
                    self.unblock(client, reply);
                    progress = true;
                }
            }
        }
    }

    /// Ends the waits whose deadline has passed at `now_ms`.
    pub(crate) fn time_out_blocked(&mut self, now_ms: u64) {
        if self.blocked_order.is_empty() {
            return;
        }
        for client in self.blocked_order.clone() {
            let timed_out = self
                .clients
                .get(&client)
                .and_then(|c| c.blocked.as_ref())
                .and_then(|b| {
                    b.deadline
                        .filter(|d| *d <= now_ms)
                        .map(|_| b.timeout_reply.clone())
                });
            if let Some(reply) = timed_out {
                self.unblock(client, reply);
            }
        }
    }

    /// Sends the reply that ends a wait, then runs what the client typed meanwhile.
    fn unblock(&mut self, client: ClientId, reply: Reply) {
        self.blocked_order.retain(|c| *c != client);
        let Some(blocked) = self.clients.get_mut(&client).and_then(|c| c.blocked.take()) else {
            return;
        };
        if let Some(c) = self.clients.get_mut(&client) {
            c.inbox.push_back(reply);
        }
        let now = self.now_ms;
        for argv in blocked.pending {
            let reply = self.execute(client, argv, now);
            if let Some(c) = self.clients.get_mut(&client) {
                match reply {
                    Reply::Frames(frames) => c.inbox.extend(frames),
                    single => c.inbox.push_back(single),
                }
            }
        }
    }

    /// Holds a command a blocked client sent; true if the client is blocked.
    pub(crate) fn hold_if_blocked(&mut self, client: ClientId, argv: &[Vec<u8>]) -> bool {
        match self
            .clients
            .get_mut(&client)
            .and_then(|c| c.blocked.as_mut())
        {
            Some(blocked) => {
                blocked.pending.push_back(argv.to_vec());
                true
            }
            None => false,
        }
    }
}
