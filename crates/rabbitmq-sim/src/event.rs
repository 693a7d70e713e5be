//! What changed in the broker, in order: the page animates from these.

use crate::binding::Destination;

/// Why a message left its queue for the dead-letter exchange (the `reason` of `x-death`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadLetterReason {
    /// Rejected or nacked with requeue=false.
    Rejected,
    /// Its TTL ran out.
    Expired,
    /// Pushed out (or refused) by x-max-length / x-max-length-bytes.
    MaxLen,
}

impl DeadLetterReason {
    /// The reason as RabbitMQ writes it in `x-death`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadLetterReason::Rejected => "rejected",
            DeadLetterReason::Expired => "expired",
            DeadLetterReason::MaxLen => "maxlen",
        }
    }
}

/// One change, stamped with the message id where a message is involved.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A publisher sent a message to an exchange.
    Published {
        message: u64,
        exchange: String,
        routing_key: String,
    },
    /// A binding carried the message from an exchange to a queue or another exchange.
    Routed {
        message: u64,
        exchange: String,
        destination: Destination,
    },
    /// No queue took the message.
    Unroutable { message: u64, exchange: String },
    /// A mandatory message came back to its publisher (312 NO_ROUTE).
    Returned {
        message: u64,
        exchange: String,
        routing_key: String,
    },
    /// A publisher confirm: ack if the broker took responsibility, nack if it refused.
    Confirmed {
        channel: u32,
        sequence: u64,
        ack: bool,
    },
    /// A message was handed to a consumer (or to basic.get).
    Delivered {
        message: u64,
        queue: String,
        channel: u32,
        consumer_tag: Option<String>,
        delivery_tag: u64,
        redelivered: bool,
    },
    /// The client acknowledged a delivery.
    Acked { message: u64, queue: String },
    /// The client rejected or nacked a delivery without requeue.
    Nacked { message: u64, queue: String },
    /// A message went back to its queue at its original position.
    Requeued { message: u64, queue: String },
    /// A message's TTL ran out in a queue.
    Expired { message: u64, queue: String },
    /// A message left a queue for its dead-letter exchange.
    DeadLettered {
        message: u64,
        queue: String,
        exchange: String,
        reason: DeadLetterReason,
    },
    /// A message was discarded by a length limit (drop-head or reject-publish).
    Dropped { message: u64, queue: String },
    /// A queue came into being.
    QueueDeclared { queue: String },
    /// A queue went away (deleted, auto-deleted, expired, or lost in a restart).
    QueueDeleted { queue: String },
    /// An exchange came into being.
    ExchangeDeclared { exchange: String },
    /// An exchange went away.
    ExchangeDeleted { exchange: String },
    /// A binding was added.
    BindingAdded {
        source: String,
        destination: Destination,
        routing_key: String,
    },
    /// A binding was removed.
    BindingRemoved {
        source: String,
        destination: Destination,
        routing_key: String,
    },
    /// A consumer subscribed to a queue.
    ConsumerAdded {
        queue: String,
        channel: u32,
        consumer_tag: String,
    },
    /// A consumer went away (cancelled, or its channel closed).
    ConsumerRemoved {
        queue: String,
        channel: u32,
        consumer_tag: String,
    },
    /// A channel was closed, by the client or by an exception.
    ChannelClosed {
        channel: u32,
        reply_code: u16,
        reply_text: String,
    },
    /// The broker restarted.
    Restarted,
}
