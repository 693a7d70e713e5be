//! One client connection: buffers what the client sent, cuts it into
//! command lines and data blocks, and returns what memcached would write
//! back (the connection state machine of `memcached.c`).

use std::borrow::Cow;

use crate::lru::ItemId;
use crate::protocol::{Flush, Next, PendingStore, text};
use crate::server::Server;
use crate::store::StoreResult;

/// A line longer than this without a newline closes the connection, unless
/// it is a large get (memcached's guard against garbage input).
const MAX_LINE_WITHOUT_NEWLINE: usize = 2048;

/// Commands memcached runs per wake-up before it sends queued replies
/// and yields to other connections (`reqs_per_event`).
const REQS_PER_EVENT: i32 = 20;

/// What the connection is reading.
#[derive(Debug)]
enum State {
    /// The next command line.
    Command,
    /// The data block of a storage command.
    Data(PendingStore),
    /// Bytes to discard: the data of a store that was refused.
    Swallow(usize),
    /// The connection is closed; nothing more is read.
    Closed,
}

/// A client connection to a `Server`.
#[derive(Debug)]
pub struct Connection {
    input: Vec<u8>,
    state: State,
}

impl Default for Connection {
    fn default() -> Self {
        Connection::new()
    }
}

impl Connection {
    /// A newly accepted connection.
    pub fn new() -> Self {
        Connection {
            input: Vec::new(),
            state: State::Command,
        }
    }

    /// Whether the server has closed the connection (after `quit`, an HTTP
    /// request or an overlong line). A closed connection ignores input.
    pub fn is_closed(&self) -> bool {
        matches!(self.state, State::Closed)
    }

    /// Feeds bytes received at virtual time `now_ms` and returns the bytes
    /// the server writes back. Partial lines and data blocks wait for more input.
    pub fn feed(&mut self, server: &mut Server, input: &[u8], now_ms: u64) -> Vec<u8> {
        let mut out = Vec::new();
        if self.is_closed() {
            return out;
        }
        server.tick(now_ms);
        server.stats.bytes_read += input.len() as u64;
        // Bytes left over from earlier input come first; without them the
        // new input is read where it lies, and only its unread tail is kept.
        let fresh = input;
        let mut buffered = std::mem::take(&mut self.input);
        let was_buffered = !buffered.is_empty();
        if was_buffered {
            buffered.extend_from_slice(fresh);
        }
        let input = if was_buffered { &buffered[..] } else { fresh };
        let mut consumed = 0;
        let mut queue = ReplyQueue {
            held: Vec::new(),
            out: &mut out,
            sent: 0,
            nreqs: REQS_PER_EVENT,
        };
        loop {
            let pending = &input[consumed..];
            match std::mem::replace(&mut self.state, State::Command) {
                State::Closed => {
                    self.state = State::Closed;
                    break;
                }
                State::Swallow(n) => {
                    let take = n.min(pending.len());
                    consumed += take;
                    if take < n {
                        self.state = State::Swallow(n - take);
                        break;
                    }
                    queue.command_done(server);
                }
                State::Data(store) => {
                    if pending.len() < store.nbytes {
                        self.state = State::Data(store);
                        break;
                    }
                    let block = &pending[..store.nbytes];
                    consumed += store.nbytes;
                    let reply = complete_store(server, store, block);
                    queue.push(server, &reply, Flush::Queue, None);
                    queue.command_done(server);
                }
                State::Command => {
                    let Some(newline) = pending.iter().position(|&b| b == b'\n') else {
                        if pending.len() > MAX_LINE_WITHOUT_NEWLINE && !is_large_get(pending) {
                            // memcached hangs up without sending what is queued.
                            queue.push(server, &[], Flush::DropUnsent, None);
                            self.state = State::Closed;
                        }
                        break;
                    };
                    let mut line = &pending[..newline];
                    if newline > 1 && line[newline - 1] == b'\r' {
                        line = &line[..newline - 1];
                    }
                    // memcached handles the line as a C string: a NUL ends it.
                    if let Some(nul) = line.iter().position(|&b| b == 0) {
                        line = &line[..nul];
                    }
                    consumed += newline + 1;
                    let response = text::process_command(server, line);
                    server.apply_bumps();
                    queue.push(server, &response.out, response.flush, response.holds);
                    self.state = match response.next {
                        Next::Command => {
                            queue.command_done(server);
                            State::Command
                        }
                        Next::Data(store) => State::Data(store),
                        Next::Swallow(n) => State::Swallow(n),
                        Next::Close => State::Closed,
                    };
                }
            }
        }
        // The end of the input is where memcached waits for more and sends everything queued.
        queue.send(server);
        let unread = input.len() - consumed;
        if !self.is_closed() {
            if was_buffered {
                buffered.drain(..buffered.len() - unread);
            } else {
                buffered.extend_from_slice(&fresh[fresh.len() - unread..]);
            }
            self.input = buffered;
        } else {
            server.stats.curr_connections = server.stats.curr_connections.saturating_sub(1);
        }
        server.stats.bytes_written += out.len() as u64;
        out
    }
}

/// Replies written during one `feed`, how far they have been sent, and the
/// items the unsent ones still reference.
struct ReplyQueue<'a> {
    out: &'a mut Vec<u8>,
    /// Bytes of `out` already sent; the rest is queued.
    sent: usize,
    /// Commands left before the connection yields and sends its queue.
    nreqs: i32,
    /// Items referenced by queued replies.
    held: Vec<ItemId>,
}

impl ReplyQueue<'_> {
    fn push(&mut self, server: &mut Server, reply: &[u8], flush: Flush, holds: Option<ItemId>) {
        if flush == Flush::DropUnsent {
            self.out.truncate(self.sent);
            self.release(server);
        }
        self.out.extend_from_slice(reply);
        if let Some(id) = holds {
            server.item_ref(id);
            self.held.push(id);
        }
        if flush == Flush::Now {
            self.send(server);
        }
    }

    /// Everything queued goes out; the items it referenced are released.
    fn send(&mut self, server: &mut Server) {
        self.sent = self.out.len();
        self.release(server);
    }

    fn release(&mut self, server: &mut Server) {
        for id in self.held.drain(..) {
            server.item_release(id);
        }
    }

    /// A command finished (memcached's `conn_new_cmd`): after
    /// `REQS_PER_EVENT` more, the queue is sent and the count starts over.
    fn command_done(&mut self, server: &mut Server) {
        self.nreqs -= 1;
        if self.nreqs < 0 {
            self.send(server);
            self.nreqs = REQS_PER_EVENT - 1;
        }
    }
}

/// Whether an unterminated line is the start of a large multi-get, which
/// memcached keeps reading instead of dropping the connection.
fn is_large_get(pending: &[u8]) -> bool {
    let spaces = pending.iter().take_while(|&&b| b == b' ').count();
    let rest = &pending[spaces..];
    spaces <= 100 && (rest.starts_with(b"get ") || rest.starts_with(b"gets "))
}

/// `complete_nread_ascii`: the data block has arrived; it must end in `\r\n`.
fn complete_store(
    server: &mut Server,
    mut store: PendingStore,
    block: &[u8],
) -> Cow<'static, [u8]> {
    let class = store.item.class;
    server.stats.class_mut(class).set_cmds += 1;
    let Some(data) = block.strip_suffix(b"\r\n") else {
        server.item_free(&store.item);
        // meta set always reports a bad chunk, even with q.
        let silent = store.noreply && store.meta.is_none();
        return if silent {
            Cow::Borrowed(b"")
        } else {
            Cow::Borrowed(b"CLIENT_ERROR bad data chunk\r\n")
        };
    };
    store.item.push_data(data);
    let set_stale = store.meta.as_ref().is_some_and(|m| m.set_stale);
    // Only a meta reply may echo the key.
    let key = store.meta.is_some().then(|| store.item.key().to_vec());
    let key_binary = store.item.key_binary;
    let (result, cas) = server.store_item(store.item, store.mode, set_stale);
    server.apply_bumps();
    if let (Some(meta), Some(key)) = (store.meta, key) {
        return Cow::Owned(meta.reply(result, cas, &key, key_binary, store.noreply));
    }
    if store.noreply {
        return Cow::Borrowed(b"");
    }
    let text: &'static [u8] = match result {
        StoreResult::Stored => b"STORED\r\n",
        StoreResult::Exists => b"EXISTS\r\n",
        StoreResult::NotFound => b"NOT_FOUND\r\n",
        StoreResult::NotStored => b"NOT_STORED\r\n",
    };
    Cow::Borrowed(text)
}
