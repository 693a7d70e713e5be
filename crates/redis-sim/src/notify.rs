//! Keyspace notifications (notify.c): with `notify-keyspace-events` set,
//! every change a command makes is published on `__keyspace@<db>__:<key>`
//! (the event as message) and `__keyevent@<db>__:<event>` (the key as
//! message), under the event names Redis 7.0 uses.

use crate::config::notify::{
    EXPIRED, GENERIC, HASH, KEYEVENT, KEYSPACE, LIST, NEW, SET, STRING, ZSET,
};
use crate::{ClientId, Server};

/// The class and event a command's writes announce unless the command says
/// otherwise (commands whose event depends on their arguments, such as
/// LMOVE's direction, name it themselves).
pub(crate) fn default_event(command: &str) -> Option<(u64, &'static str)> {
    Some(match command {
        "set" | "setnx" | "setex" | "psetex" | "getset" | "mset" | "msetnx" | "bitop" => {
            (STRING, "set")
        }
        "append" => (STRING, "append"),
        "setrange" => (STRING, "setrange"),
        "incr" | "decr" | "incrby" | "decrby" => (STRING, "incrby"),
        "incrbyfloat" => (STRING, "incrbyfloat"),
        "setbit" => (STRING, "setbit"),
        "pfadd" | "pfmerge" => (STRING, "pfadd"),
        "lpush" | "lpushx" => (LIST, "lpush"),
        "rpush" | "rpushx" => (LIST, "rpush"),
        "lpop" | "blpop" => (LIST, "lpop"),
        "rpop" | "brpop" => (LIST, "rpop"),
        "linsert" => (LIST, "linsert"),
        "lset" => (LIST, "lset"),
        "lrem" => (LIST, "lrem"),
        "ltrim" => (LIST, "ltrim"),
        "sort" => (LIST, "sortstore"),
        "hset" | "hmset" | "hsetnx" => (HASH, "hset"),
        "hdel" => (HASH, "hdel"),
        "hincrby" => (HASH, "hincrby"),
        "hincrbyfloat" => (HASH, "hincrbyfloat"),
        "sadd" => (SET, "sadd"),
        "srem" => (SET, "srem"),
        "spop" => (SET, "spop"),
        "sinterstore" => (SET, "sinterstore"),
        "sunionstore" => (SET, "sunionstore"),
        "sdiffstore" => (SET, "sdiffstore"),
        "zadd" => (ZSET, "zadd"),
        "zincrby" => (ZSET, "zincr"),
        "zrem" => (ZSET, "zrem"),
        "zremrangebyrank" => (ZSET, "zremrangebyrank"),
        "zremrangebyscore" => (ZSET, "zremrangebyscore"),
        "zremrangebylex" => (ZSET, "zremrangebylex"),
        "zpopmin" | "bzpopmin" => (ZSET, "zpopmin"),
        "zpopmax" | "bzpopmax" => (ZSET, "zpopmax"),
        "zunionstore" => (ZSET, "zunionstore"),
        "zinterstore" => (ZSET, "zinterstore"),
        "zdiffstore" => (ZSET, "zdiffstore"),
        "zrangestore" => (ZSET, "zrangestore"),
        "copy" => (GENERIC, "copy_to"),
        _ => return None,
    })
}

impl Server {
    /// `notifyKeyspaceEvent`: publishes the event if its class is switched on.
    pub(crate) fn notify(&mut self, class: u64, event: &str, db: usize, key: &[u8]) {
        let flags = self.config.notify_flags();
        if flags & class == 0 {
            return;
        }
        if flags & KEYSPACE != 0 {
            let mut channel = format!("__keyspace@{db}__:").into_bytes();
            channel.extend_from_slice(key);
            self.publish_message(&channel, event.as_bytes());
        }
        if flags & KEYEVENT != 0 {
            let channel = format!("__keyevent@{db}__:{event}");
            self.publish_message(channel.as_bytes(), key);
        }
    }

    /// The running command's default event for a key it wrote.
    pub(crate) fn notify_default(&mut self, db: usize, key: &[u8]) {
        if let Some((class, event)) = self.current_event {
            self.notify(class, event, db, key);
        }
    }

    /// A key was created (`n`, announced before the command's own event).
    pub(crate) fn notify_new(&mut self, db: usize, key: &[u8]) {
        self.notify(NEW, "new", db, key);
    }

    /// A key's TTL ran out.
    pub(crate) fn notify_expired(&mut self, db: usize, key: &[u8]) {
        self.notify(EXPIRED, "expired", db, key);
    }

    /// Like [`Server::changed`], announcing `event` instead of the command's default.
    pub(crate) fn changed_as(
        &mut self,
        client: ClientId,
        key: &[u8],
        class: u64,
        event: &'static str,
    ) {
        let saved = self.current_event.replace((class, event));
        self.changed(client, key);
        self.current_event = saved;
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::run_line;
    use crate::{Reply, Server};

    #[test]
    fn a_write_is_published_on_both_channels_when_switched_on() {
        let mut server = Server::new(1);
        let listener = server.connect();
        let client = server.connect();
        run_line(&mut server, listener, "PSUBSCRIBE __key*@0__:*", 0);
        run_line(&mut server, client, "SET quiet 1", 0);
        assert!(server.take_messages(listener).is_empty());
        run_line(
            &mut server,
            client,
            "CONFIG SET notify-keyspace-events KEA",
            0,
        );
        run_line(&mut server, client, "RPUSH l a", 0);
        let messages = server.take_messages(listener);
        let payload = |m: &Reply| match m {
            Reply::Array(items) => items[2..].to_vec(),
            _ => Vec::new(),
        };
        assert_eq!(
            messages.iter().map(payload).collect::<Vec<_>>(),
            [
                vec![Reply::bulk("__keyspace@0__:l"), Reply::bulk("rpush")],
                vec![Reply::bulk("__keyevent@0__:rpush"), Reply::bulk("l")],
            ]
        );
    }
}
