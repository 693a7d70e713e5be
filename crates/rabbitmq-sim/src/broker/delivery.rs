//! Getting messages to clients and settling them: `basic.consume`, `basic.get`, `basic.qos`,
//! `basic.ack`, `basic.nack`, `basic.reject`, `basic.cancel`.
//!
//! A queue hands its head message to the next consumer in round-robin order that has
//! credit under its prefetch and its channel's; that consumer then moves to the back.

use std::rc::Rc;

use super::Broker;
use crate::channel::{Consumer, Pending};
use crate::error::{AmqpError, AmqpResult};
use crate::event::{DeadLetterReason, Event};
use crate::message::Message;
use crate::queue::{QueueId, QueuedMessage};

/// A message as the client receives it (`basic.deliver` or `basic.get-ok`).
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// The channel it arrived on.
    pub channel: u32,
    /// The consumer it went to; `None` for basic.get.
    pub consumer_tag: Option<Rc<str>>,
    /// The tag to ack it with (meaningless under auto-ack).
    pub delivery_tag: u64,
    /// The queue it came from.
    pub queue: Rc<str>,
    /// The message, with its redelivered flag (shared with the queue's copy).
    pub message: Rc<Message>,
    /// Ready messages left in the queue (basic.get-ok's message_count).
    pub message_count: usize,
}

/// How a client settles a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Settle {
    Ack,
    Reject { requeue: bool },
}

impl Broker {
    /// `basic.qos`: prefetch for consumers created later (global=false) or for the whole
    /// channel (global=true).
    pub fn basic_qos(&mut self, channel: u32, prefetch_count: u16, global: bool) -> AmqpResult<()> {
        self.on_channel(channel, |b, _| {
            if let Some(c) = b.channels.get_mut(&channel) {
                if global {
                    c.channel_prefetch = prefetch_count;
                } else {
                    c.consumer_prefetch = prefetch_count;
                }
            }
            b.dispatch_channel(channel);
            Ok(())
        })
    }

    /// `basic.consume`; an empty tag gets a server-generated one. Returns the tag.
    pub fn basic_consume(
        &mut self,
        channel: u32,
        queue: &str,
        consumer_tag: &str,
        no_ack: bool,
        exclusive: bool,
    ) -> AmqpResult<String> {
        self.on_channel(channel, |b, connection| {
            let q = b.usable_queue(queue, connection)?;
            let name = Rc::clone(&q.name);
            let Some(queue_id) = b.queues.id(queue) else {
                return Err(AmqpError::not_found(format!(
                    "no queue '{queue}' in vhost '/'"
                )));
            };
            let exclusive_taken = q.consumers.iter().any(|(ch, tag)| {
                b.channels
                    .get(ch)
                    .and_then(|c| c.consumers.get(tag))
                    .is_some_and(|c| c.exclusive)
            });
            if exclusive_taken || (exclusive && !q.consumers.is_empty()) {
                return Err(AmqpError::access_refused(format!(
                    "queue '{queue}' in vhost '/' in exclusive use"
                )));
            }
            let tag: Rc<str> = if consumer_tag.is_empty() {
                b.generated_name("amq.ctag-").into()
            } else {
                consumer_tag.into()
            };
            let Some(ch) = b.channels.get_mut(&channel) else {
                return Err(AmqpError::channel_error("expected 'channel.open'".into()));
            };
            if ch.consumers.contains_key(&tag) {
                return Err(AmqpError::not_allowed(format!(
                    "attempt to reuse consumer tag '{tag}'"
                )));
            }
            let prefetch = ch.consumer_prefetch;
            ch.consumers.insert(
                tag.clone(),
                Consumer {
                    queue: name,
                    queue_id,
                    no_ack,
                    exclusive,
                    prefetch,
                    unacked: 0,
                },
            );
            let now = b.now;
            if let Some(q) = b.queues.by_id_mut(queue_id) {
                q.consumers.push((channel, tag.clone()));
                q.had_consumer = true;
                q.last_used = now;
            }
            b.events.push(Event::ConsumerAdded {
                queue: queue.to_string(),
                channel,
                consumer_tag: tag.to_string(),
            });
            b.dispatch(queue_id);
            Ok(tag.to_string())
        })
    }

    /// `basic.cancel`; an unknown tag is ignored, as in RabbitMQ.
    pub fn basic_cancel(&mut self, channel: u32, consumer_tag: &str) -> AmqpResult<()> {
        self.on_channel(channel, |b, _| {
            let queue = b
                .channels
                .get_mut(&channel)
                .and_then(|c| c.consumers.shift_remove(consumer_tag))
                .map(|c| c.queue);
            if let Some(queue) = queue {
                b.detach_consumer(channel, consumer_tag, &queue);
            }
            Ok(())
        })
    }

    /// `basic.get`: the head message, or `None` (get-empty).
    pub fn basic_get(
        &mut self,
        channel: u32,
        queue: &str,
        no_ack: bool,
    ) -> AmqpResult<Option<Delivery>> {
        self.on_channel(channel, |b, connection| {
            b.usable_queue(queue, connection)?;
            let Some(id) = b.queues.id(queue) else {
                return Ok(None);
            };
            b.expire_messages(id);
            let now = b.now;
            let Some(q) = b.queues.by_id_mut(id) else {
                return Ok(None);
            };
            q.last_used = now;
            let Some(queued) = q.pop_front() else {
                return Ok(None);
            };
            let name = Rc::clone(&q.name);
            // As RabbitMQ does after every fetch: a newly exposed head may have expired.
            b.expire_messages(id);
            let message_count = b.queues.by_id(id).map_or(0, |q| q.ready.len());
            let message = queued.message.clone();
            let delivery_tag = b.hand_over(id, channel, None, no_ack, queued);
            Ok(Some(Delivery {
                channel,
                consumer_tag: None,
                delivery_tag,
                queue: name,
                message,
                message_count,
            }))
        })
    }

    /// `basic.ack`.
    pub fn basic_ack(&mut self, channel: u32, delivery_tag: u64, multiple: bool) -> AmqpResult<()> {
        self.settle(channel, delivery_tag, multiple, Settle::Ack)
    }

    /// `basic.nack`: with requeue the messages go back to their places, else to the DLX.
    pub fn basic_nack(
        &mut self,
        channel: u32,
        delivery_tag: u64,
        multiple: bool,
        requeue: bool,
    ) -> AmqpResult<()> {
        self.settle(channel, delivery_tag, multiple, Settle::Reject { requeue })
    }

    /// `basic.reject`: basic.nack for a single message.
    pub fn basic_reject(
        &mut self,
        channel: u32,
        delivery_tag: u64,
        requeue: bool,
    ) -> AmqpResult<()> {
        self.settle(channel, delivery_tag, false, Settle::Reject { requeue })
    }

    /// The channels with deliveries waiting to be taken, in id order.
    pub fn channels_with_deliveries(&self) -> Vec<u32> {
        self.inboxes.iter().copied().collect()
    }

    /// The first channel from id `from` on with deliveries waiting to be taken.
    pub fn next_channel_with_deliveries(&self, from: u32) -> Option<u32> {
        self.inboxes.range(from..).next().copied()
    }

    /// Moves the deliveries waiting on `channel` to the end of `out` (as
    /// [`Broker::take_deliveries`], keeping the channel's buffer for the next ones).
    pub fn move_deliveries(&mut self, channel: u32, out: &mut impl Extend<Delivery>) {
        self.inboxes.remove(&channel);
        if let Some(c) = self.channels.get_mut(&channel) {
            out.extend(c.inbox.drain(..));
        }
    }

    /// Deliveries to consumers on `channel` since the last call: what the client has received.
    pub fn take_deliveries(&mut self, channel: u32) -> Vec<Delivery> {
        self.inboxes.remove(&channel);
        self.channels
            .get_mut(&channel)
            .map(|c| std::mem::take(&mut c.inbox))
            .unwrap_or_default()
    }

    fn settle(
        &mut self,
        channel: u32,
        delivery_tag: u64,
        multiple: bool,
        how: Settle,
    ) -> AmqpResult<()> {
        self.on_channel(channel, |b, _| {
            let unknown =
                || AmqpError::precondition_failed(format!("unknown delivery tag {delivery_tag}"));
            let ch = b.channels.get(&channel).ok_or_else(unknown)?;
            // One tag needs no list (the usual ack).
            let selected;
            let tags: &[u64] = if multiple {
                selected = ch.select(delivery_tag, true).ok_or_else(unknown)?;
                &selected
            } else if ch.unacked.contains_key(&delivery_tag) {
                &[delivery_tag]
            } else {
                return Err(unknown());
            };
            // The channel's credit grows: its queues are dispatched, and after them the
            // queues that got messages back (a queue dispatched already has nothing more
            // to hand out).
            let mut queues = std::mem::take(&mut b.settled_queues);
            b.consumed_queues(channel, &mut queues);
            let mut touched: Vec<QueueId> = Vec::new();
            for &tag in tags {
                // Deliveries from a queue deleted since are just forgotten, as in RabbitMQ.
                let Some(pending) = b.take_pending(channel, tag).filter(|p| b.is_current(p)) else {
                    continue;
                };
                if !queues.contains(&pending.queue_id) && !touched.contains(&pending.queue_id) {
                    touched.push(pending.queue_id);
                }
                let id = pending.queued.message.id;
                match how {
                    Settle::Ack => b.events.push(Event::Acked {
                        message: id,
                        queue: pending.queue,
                    }),
                    Settle::Reject { requeue: true } => b.return_to_queue(pending),
                    Settle::Reject { requeue: false } => {
                        b.events.push(Event::Nacked {
                            message: id,
                            queue: pending.queue.clone(),
                        });
                        b.dead_letter(
                            pending.queue_id,
                            pending.queued.message,
                            DeadLetterReason::Rejected,
                        );
                    }
                }
            }
            b.sort_by_name(&mut touched);
            queues.append(&mut touched);
            for q in &queues {
                b.dispatch(*q);
            }
            b.settled_queues = queues;
            Ok(())
        })
    }

    /// Removes an unacknowledged delivery from its channel, consumer and queue counts.
    pub(crate) fn take_pending(&mut self, channel: u32, tag: u64) -> Option<Pending> {
        let ch = self.channels.get_mut(&channel)?;
        let pending = ch.unacked.remove(&tag)?;
        if let Some(c) = pending
            .consumer_tag
            .as_ref()
            .and_then(|t| ch.consumer_mut(t))
        {
            c.unacked = c.unacked.saturating_sub(1);
        }
        if let Some(q) = self
            .queues
            .by_id_mut(pending.queue_id)
            .filter(|q| q.incarnation == pending.incarnation)
        {
            q.unacked = q.unacked.saturating_sub(1);
        }
        Some(pending)
    }

    /// Whether a delivery's queue still exists (and is not a namesake declared since).
    fn is_current(&self, pending: &Pending) -> bool {
        self.queues
            .by_id(pending.queue_id)
            .is_some_and(|q| q.incarnation == pending.incarnation)
    }

    /// Puts a message taken from a channel's unacknowledged ones back at its original place,
    /// marked redelivered
    /// (if its queue still exists; if its TTL ran out meanwhile, it expires now).
    pub(crate) fn return_to_queue(&mut self, pending: Pending) {
        let Some(q) = self
            .queues
            .by_id_mut(pending.queue_id)
            .filter(|q| q.incarnation == pending.incarnation)
        else {
            return;
        };
        self.events.push(Event::Requeued {
            message: pending.queued.message.id,
            queue: pending.queue.clone(),
        });
        q.requeue(pending.queued);
        self.expire_messages(pending.queue_id);
    }

    /// Takes a consumer off its queue's list; an auto-delete queue whose last consumer
    /// went is deleted.
    pub(crate) fn detach_consumer(&mut self, channel: u32, tag: &str, queue: &str) {
        let Some(q) = self.queues.get_mut(queue) else {
            return;
        };
        q.consumers
            .retain(|(ch, t)| !(*ch == channel && &**t == tag));
        let now_unused = q.auto_delete && q.had_consumer && q.consumers.is_empty();
        q.last_used = self.now;
        self.events.push(Event::ConsumerRemoved {
            queue: queue.to_string(),
            channel,
            consumer_tag: tag.to_string(),
        });
        if now_unused {
            self.remove_queue(queue);
        }
    }

    /// The next consumer in round-robin order with credit, moved to the back of the line.
    pub(crate) fn next_consumer(&mut self, queue: QueueId) -> Option<(u32, Rc<str>)> {
        let q = self.queues.by_id(queue)?;
        let i = q.consumers.iter().position(|(ch, tag)| {
            self.channels.get(ch).is_some_and(|c| {
                c.consumer(tag)
                    .is_some_and(|k| k.has_credit() && (k.no_ack || c.has_credit()))
            })
        })?;
        let q = self.queues.by_id_mut(queue)?;
        q.consumers[i..].rotate_left(1);
        q.consumers.last().cloned()
    }

    /// Sends a message to a consumer.
    pub(crate) fn deliver(
        &mut self,
        queue: QueueId,
        channel: u32,
        tag: Option<Rc<str>>,
        queued: QueuedMessage,
    ) {
        let no_ack = tag
            .as_ref()
            .and_then(|t| self.channels.get(&channel)?.consumer(t))
            .is_some_and(|c| c.no_ack);
        let message = queued.message.clone();
        let delivery_tag = self.hand_over(queue, channel, tag.clone(), no_ack, queued);
        let Some(q) = self.queues.by_id(queue) else {
            return;
        };
        let message_count = q.ready.len();
        if let Some(ch) = self.channels.get_mut(&channel) {
            self.inboxes.insert(channel);
            ch.inbox.push(Delivery {
                channel,
                consumer_tag: tag,
                delivery_tag,
                queue: Rc::clone(&q.name),
                message,
                message_count,
            });
        }
    }

    /// Records a delivery on the channel (unless auto-ack) and emits the event; returns the tag.
    fn hand_over(
        &mut self,
        queue: QueueId,
        channel: u32,
        tag: Option<Rc<str>>,
        no_ack: bool,
        queued: QueuedMessage,
    ) -> u64 {
        let Some(ch) = self.channels.get_mut(&channel) else {
            return 0;
        };
        let Some(q) = self.queues.by_id_mut(queue) else {
            return 0;
        };
        q.unacked += usize::from(!no_ack);
        let (name, incarnation) = (&q.name, q.incarnation);
        let delivery_tag = ch.take_delivery_tag();
        self.events.push(Event::Delivered {
            message: queued.message.id,
            queue: Rc::clone(name),
            channel,
            consumer_tag: tag.clone(),
            delivery_tag,
            redelivered: queued.message.redelivered,
        });
        if no_ack {
            return delivery_tag;
        }
        if let Some(c) = tag.as_ref().and_then(|t| ch.consumer_mut(t)) {
            c.unacked += 1;
        }
        ch.unacked.insert(
            delivery_tag,
            Pending {
                queue: Rc::clone(name),
                queue_id: queue,
                incarnation,
                consumer_tag: tag,
                queued,
            },
        );
        delivery_tag
    }

    /// Delivers ready messages of a queue while some consumer has credit.
    pub(crate) fn dispatch(&mut self, queue: QueueId) {
        loop {
            self.expire_messages(queue);
            if self.queues.by_id(queue).is_none_or(|q| q.ready.is_empty()) {
                return;
            }
            let Some((channel, tag)) = self.next_consumer(queue) else {
                return;
            };
            let Some(queued) = self.queues.by_id_mut(queue).and_then(|q| q.pop_front()) else {
                return;
            };
            self.deliver(queue, channel, Some(tag), queued);
            // The next loop expires a newly exposed head before anything else happens.
        }
    }

    /// The queues a channel's consumers consume from, in name order, each once, into
    /// `queues` (cleared first).
    fn consumed_queues(&self, channel: u32, queues: &mut Vec<QueueId>) {
        queues.clear();
        if let Some(c) = self.channels.get(&channel) {
            for k in c.consumers.values() {
                if !queues.contains(&k.queue_id) {
                    queues.push(k.queue_id);
                }
            }
        }
        self.sort_by_name(queues);
    }

    /// Dispatches every queue a channel consumes from (after its credit grew).
    fn dispatch_channel(&mut self, channel: u32) {
        let mut queues = Vec::new();
        self.consumed_queues(channel, &mut queues);
        for q in queues {
            self.dispatch(q);
        }
    }
}
