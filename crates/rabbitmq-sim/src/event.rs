//! What changed in the broker, in order: the page animates from these.

use std::rc::Rc;

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

/// Where a binding carried a message: a queue or another exchange, by the name the broker
/// already holds for it (an event per routed message must not copy names).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoutedTo {
    /// A queue.
    Queue(Rc<str>),
    /// An exchange (exchange-to-exchange binding or alternate exchange).
    Exchange(Rc<str>),
}

/// One change, stamped with the message id where a message is involved.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A publisher sent a message to an exchange.
    Published {
        /// The message, by its broker-wide id.
        message: u64,
        /// The channel it was published on (so the page can tell who sent it).
        channel: u32,
        /// The exchange involved.
        exchange: Rc<str>,
        /// The routing key.
        routing_key: Rc<str>,
    },
    /// A binding carried the message from an exchange to a queue or another exchange.
    Routed {
        /// The message, by its broker-wide id.
        message: u64,
        /// The exchange involved.
        exchange: Rc<str>,
        /// Where the binding led.
        destination: RoutedTo,
    },
    /// No queue took the message.
    Unroutable {
        /// The message, by its broker-wide id.
        message: u64,
        /// The exchange involved.
        exchange: Rc<str>,
    },
    /// A mandatory message came back to its publisher (312 NO_ROUTE).
    Returned {
        /// The message, by its broker-wide id.
        message: u64,
        /// The exchange involved.
        exchange: Rc<str>,
        /// The routing key.
        routing_key: Rc<str>,
    },
    /// A publisher confirm: ack if the broker took responsibility, nack if it refused.
    Confirmed {
        /// The channel.
        channel: u32,
        /// The publish sequence number on that channel.
        sequence: u64,
        /// True for basic.ack, false for basic.nack.
        ack: bool,
    },
    /// A message was handed to a consumer (or to basic.get).
    Delivered {
        /// The message, by its broker-wide id.
        message: u64,
        /// The queue involved.
        queue: Rc<str>,
        /// The channel.
        channel: u32,
        /// The consumer (`None` for basic.get).
        consumer_tag: Option<Rc<str>>,
        /// The delivery tag on the channel.
        delivery_tag: u64,
        /// Whether this is a redelivery.
        redelivered: bool,
    },
    /// The client acknowledged a delivery.
    Acked {
        /// The message, by its broker-wide id.
        message: u64,
        /// The queue involved.
        queue: Rc<str>,
    },
    /// The client rejected or nacked a delivery without requeue.
    Nacked {
        /// The message, by its broker-wide id.
        message: u64,
        /// The queue involved.
        queue: Rc<str>,
    },
    /// A message went back to its queue at its original position.
    Requeued {
        /// The message, by its broker-wide id.
        message: u64,
        /// The queue involved.
        queue: Rc<str>,
    },
    /// A message's TTL ran out in a queue.
    Expired {
        /// The message, by its broker-wide id.
        message: u64,
        /// The queue involved.
        queue: String,
    },
    /// A message left a queue for its dead-letter exchange.
    DeadLettered {
        /// The message, by its broker-wide id.
        message: u64,
        /// The queue involved.
        queue: String,
        /// The exchange involved.
        exchange: Rc<str>,
        /// Why it was dead-lettered.
        reason: DeadLetterReason,
    },
    /// A message was discarded by a length limit (drop-head or reject-publish).
    Dropped {
        /// The message, by its broker-wide id.
        message: u64,
        /// The queue involved.
        queue: String,
    },
    /// A queue came into being.
    QueueDeclared {
        /// The queue involved.
        queue: String,
    },
    /// A queue went away (deleted, auto-deleted, expired, or lost in a restart).
    QueueDeleted {
        /// The queue involved.
        queue: String,
    },
    /// An exchange came into being.
    ExchangeDeclared {
        /// The exchange involved.
        exchange: String,
    },
    /// An exchange went away.
    ExchangeDeleted {
        /// The exchange involved.
        exchange: String,
    },
    /// A binding was added.
    BindingAdded {
        /// The source exchange.
        source: String,
        /// Where the binding led.
        destination: Destination,
        /// The routing key.
        routing_key: String,
    },
    /// A binding was removed.
    BindingRemoved {
        /// The source exchange.
        source: String,
        /// Where the binding led.
        destination: Destination,
        /// The routing key.
        routing_key: String,
    },
    /// A consumer subscribed to a queue.
    ConsumerAdded {
        /// The queue involved.
        queue: String,
        /// The channel.
        channel: u32,
        /// The consumer (`None` for basic.get).
        consumer_tag: String,
    },
    /// A consumer went away (cancelled, or its channel closed).
    ConsumerRemoved {
        /// The queue involved.
        queue: String,
        /// The channel.
        channel: u32,
        /// The consumer (`None` for basic.get).
        consumer_tag: String,
    },
    /// A channel was closed, by the client or by an exception.
    ChannelClosed {
        /// The channel.
        channel: u32,
        /// The close reply code (200 for a normal close).
        reply_code: u16,
        /// The close reply text.
        reply_text: String,
    },
    /// The broker restarted.
    Restarted,
}
