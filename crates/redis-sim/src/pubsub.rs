//! Publish/subscribe (pubsub.c): channels, glob patterns, and the messages
//! pushed to subscribed clients.

use indexmap::IndexMap;

use crate::event::Event;
use crate::glob;
use crate::reply::Reply;
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// Who listens where, in subscription order so deliveries are deterministic.
#[derive(Debug, Clone, Default)]
pub(crate) struct Registry {
    pub channels: IndexMap<Vec<u8>, Vec<ClientId>>,
    pub patterns: IndexMap<Vec<u8>, Vec<ClientId>>,
}

/// Channels or patterns: the two kinds of subscription behave alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Channel,
    Pattern,
}

impl Kind {
    fn verbs(self) -> (&'static str, &'static str) {
        match self {
            Kind::Channel => ("subscribe", "unsubscribe"),
            Kind::Pattern => ("psubscribe", "punsubscribe"),
        }
    }
}

impl Server {
    /// Channels plus patterns the client is subscribed to (the count in every confirmation).
    fn subscription_count(&self, client: ClientId) -> i64 {
        self.clients.get(&client).map_or(0, |c| {
            i64::try_from(c.channels.len() + c.patterns.len()).unwrap_or(0)
        })
    }

    fn subscribe_one(&mut self, client: ClientId, kind: Kind, name: &[u8]) -> Reply {
        let added = self.clients.get_mut(&client).is_some_and(|c| match kind {
            Kind::Channel => c.channels.insert(name.to_vec()),
            Kind::Pattern => c.patterns.insert(name.to_vec()),
        });
        if added {
            let registry = match kind {
                Kind::Channel => &mut self.pubsub.channels,
                Kind::Pattern => &mut self.pubsub.patterns,
            };
            registry.entry(name.to_vec()).or_default().push(client);
        }
        let count = self.subscription_count(client);
        Reply::Array(vec![
            Reply::bulk(kind.verbs().0),
            Reply::bulk(name),
            Reply::Integer(count),
        ])
    }

    fn unsubscribe_one(&mut self, client: ClientId, kind: Kind, name: &[u8]) -> Reply {
        let removed = self.clients.get_mut(&client).is_some_and(|c| match kind {
            Kind::Channel => c.channels.shift_remove(name),
            Kind::Pattern => c.patterns.shift_remove(name),
        });
        if removed {
            let registry = match kind {
                Kind::Channel => &mut self.pubsub.channels,
                Kind::Pattern => &mut self.pubsub.patterns,
            };
            if let Some(listeners) = registry.get_mut(name) {
                listeners.retain(|c| *c != client);
                if listeners.is_empty() {
                    registry.shift_remove(name);
                }
            }
        }
        let count = self.subscription_count(client);
        Reply::Array(vec![
            Reply::bulk(kind.verbs().1),
            Reply::bulk(name),
            Reply::Integer(count),
        ])
    }

    /// Unsubscribes from the named channels or patterns, or from all of them.
    fn unsubscribe_many(&mut self, client: ClientId, kind: Kind, names: &[Vec<u8>]) -> Reply {
        let names: Vec<Vec<u8>> = if names.is_empty() {
            self.clients
                .get(&client)
                .map_or_else(Vec::new, |c| match kind {
                    Kind::Channel => c.channels.iter().cloned().collect(),
                    Kind::Pattern => c.patterns.iter().cloned().collect(),
                })
        } else {
            names.to_vec()
        };
        if names.is_empty() {
            let count = self.subscription_count(client);
            return Reply::Array(vec![
                Reply::bulk(kind.verbs().1),
                Reply::Nil,
                Reply::Integer(count),
            ]);
        }
        Reply::Frames(
            names
                .iter()
                .map(|n| self.unsubscribe_one(client, kind, n))
                .collect(),
        )
    }

    /// Drops every subscription of a client (RESET, disconnect).
    pub(crate) fn unsubscribe_all(&mut self, client: ClientId) {
        self.unsubscribe_many(client, Kind::Channel, &[]);
        self.unsubscribe_many(client, Kind::Pattern, &[]);
    }
}

/// SUBSCRIBE channel [channel ...]: one confirmation per channel.
pub fn subscribe(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::Frames(
        argv[1..]
            .iter()
            .map(|ch| server.subscribe_one(client, Kind::Channel, ch))
            .collect(),
    ))
}

/// PSUBSCRIBE pattern [pattern ...].
pub fn psubscribe(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::Frames(
        argv[1..]
            .iter()
            .map(|p| server.subscribe_one(client, Kind::Pattern, p))
            .collect(),
    ))
}

/// UNSUBSCRIBE [channel ...]: without arguments, from every channel.
pub fn unsubscribe(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(server.unsubscribe_many(client, Kind::Channel, &argv[1..]))
}

/// PUNSUBSCRIBE [pattern ...].
pub fn punsubscribe(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(server.unsubscribe_many(client, Kind::Pattern, &argv[1..]))
}

/// PUBLISH channel message: pushes the message to channel subscribers, then
/// to clients whose patterns match; answers how many received it.
pub fn publish(server: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::count(server.publish_message(&argv[1], &argv[2])))
}

impl Server {
    /// Delivers a message to the channel's subscribers and to every matching
    /// pattern's; answers how many received it.
    pub(crate) fn publish_message(&mut self, channel: &[u8], message: &[u8]) -> usize {
        let server = self;
        let mut deliveries: Vec<(ClientId, Reply)> = Vec::new();
        for listener in server.pubsub.channels.get(channel).into_iter().flatten() {
            deliveries.push((*listener, Reply::bulks([&b"message"[..], channel, message])));
        }
        for (pattern, listeners) in &server.pubsub.patterns {
            if glob::matches(pattern, channel, false) {
                for listener in listeners {
                    deliveries.push((
                        *listener,
                        Reply::bulks([&b"pmessage"[..], pattern, channel, message]),
                    ));
                }
            }
        }
        let receivers: Vec<ClientId> = deliveries.iter().map(|(c, _)| *c).collect();
        for (listener, reply) in deliveries {
            if let Some(c) = server.clients.get_mut(&listener) {
                c.inbox.push_back(reply);
            }
        }
        let count = receivers.len();
        server.emit(|| Event::Published {
            channel: channel.to_vec(),
            receivers,
        });
        count
    }
}

/// PUBSUB CHANNELS [pattern]: channels with at least one subscriber.
pub fn pubsub_channels(server: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    let pattern = argv.get(2);
    let names = server
        .pubsub
        .channels
        .keys()
        .filter(|ch| pattern.is_none_or(|p| glob::matches(p, ch, false)));
    Ok(Reply::bulks(names))
}

/// PUBSUB NUMSUB [channel ...]: channel, subscriber count, channel, count...
pub fn pubsub_numsub(server: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    let mut items = Vec::new();
    for channel in &argv[2..] {
        items.push(Reply::bulk(channel));
        items.push(Reply::count(
            server.pubsub.channels.get(channel).map_or(0, Vec::len),
        ));
    }
    Ok(Reply::Array(items))
}

/// PUBSUB NUMPAT: how many distinct patterns have subscribers.
pub fn pubsub_numpat(server: &mut Server, _: ClientId, _: &[Vec<u8>]) -> Result {
    Ok(Reply::count(server.pubsub.patterns.len()))
}
