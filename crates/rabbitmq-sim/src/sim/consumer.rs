//! Simulated consumers: take deliveries, process each for a while, then ack, nack or reject
//! them by policy; they may crash (at a time or by chance) and reconnect.

use std::collections::VecDeque;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::distribution::Duration;
use crate::broker::delivery::Delivery;

/// What a consumer does with a processed message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// basic.ack.
    Ack,
    /// basic.nack with requeue: the message goes back, redelivered.
    NackRequeue,
    /// basic.reject without requeue: dead-lettered or dropped.
    Reject,
    /// The consumer crashes while handling it.
    Crash,
}

/// What a consumer does.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsumerSpec {
    /// Its name, also its consumer tag.
    pub name: String,
    /// Queue to consume from.
    pub queue: String,
    /// Auto-ack (no_ack=true): messages count as acked when sent.
    pub auto_ack: bool,
    /// basic.qos prefetch (0 = unlimited).
    pub prefetch: u16,
    /// Time to process one message.
    pub processing: Duration,
    /// Chance a processed message is nacked with requeue.
    pub nack_probability: f64,
    /// Chance a processed message is rejected without requeue.
    pub reject_probability: f64,
    /// Chance the consumer crashes while processing a message.
    pub crash_probability: f64,
    /// Crash at this virtual time.
    pub crash_at: Option<u64>,
    /// Reconnect this long after a crash, or reopen a channel this long after its channel
    /// was closed (never if `None`).
    pub reconnect_after: Option<u64>,
}

impl ConsumerSpec {
    /// A well-behaved manual-ack consumer with the given prefetch and processing time.
    pub fn new(name: &str, queue: &str, prefetch: u16, processing: Duration) -> ConsumerSpec {
        ConsumerSpec {
            name: name.to_string(),
            queue: queue.to_string(),
            auto_ack: false,
            prefetch,
            processing,
            nack_probability: 0.0,
            reject_probability: 0.0,
            crash_probability: 0.0,
            crash_at: None,
            reconnect_after: None,
        }
    }

    /// Draws what happens to the message just processed.
    pub fn decide(&self, rng: &mut ChaCha8Rng) -> Outcome {
        let roll: f64 = rng.random();
        if roll < self.crash_probability {
            Outcome::Crash
        } else if roll < self.crash_probability + self.nack_probability {
            Outcome::NackRequeue
        } else if roll < self.crash_probability + self.nack_probability + self.reject_probability {
            Outcome::Reject
        } else {
            Outcome::Ack
        }
    }
}

/// A consumer's live state.
#[derive(Debug, Clone)]
pub struct Consumer {
    /// What it does.
    pub spec: ConsumerSpec,
    /// Its connection and channel while subscribed.
    pub link: Option<(u32, u32)>,
    /// Its connection while open, including after its channel was closed under it.
    pub connection: Option<u32>,
    /// Deliveries received and not yet processed, oldest first.
    pub backlog: VecDeque<Delivery>,
    /// The delivery being processed.
    pub current: Option<Delivery>,
    /// Bumped whenever its channel goes (crash, channel close, stop), so work scheduled
    /// before that is ignored.
    pub generation: u64,
}

/// Where a simulated consumer stands with the broker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attachment {
    /// Connected, with a channel and a subscription.
    Subscribed,
    /// Its connection is open but its channel was closed; it reopens one later only if
    /// it has a reconnect delay.
    ChannelClosed,
    /// No connection (crashed, or the broker restarted); it reconnects later only if it
    /// has a reconnect delay.
    Disconnected,
}

impl Consumer {
    /// Where it stands with the broker.
    pub fn attachment(&self) -> Attachment {
        match (self.link, self.connection) {
            (Some(_), _) => Attachment::Subscribed,
            (None, Some(_)) => Attachment::ChannelClosed,
            (None, None) => Attachment::Disconnected,
        }
    }
}
