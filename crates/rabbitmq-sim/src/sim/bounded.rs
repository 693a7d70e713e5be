//! The lesson's first model: an in-process bounded queue (`queue.Queue(maxsize=N)`) between
//! a producer thread and a consumer thread that block on `put` when it is full and on `get`
//! when it is empty. Shown beside the broker for contrast: no network, no acks, no
//! persistence, and the producer is slowed down to the consumer's pace.

use std::collections::VecDeque;

use rand_chacha::ChaCha8Rng;

use super::distribution::Duration;

/// The two threads and the queue between them.
#[derive(Debug, Clone)]
pub struct BoundedQueue {
    /// maxsize.
    pub capacity: usize,
    /// Items waiting, oldest first (their numbers).
    pub items: VecDeque<u64>,
    /// Time between the producer's puts when it is not blocked.
    pub put_every: u64,
    /// Time the consumer takes per item.
    pub processing: Duration,
    /// Items put so far.
    pub produced: u64,
    /// Items taken and processed so far.
    pub consumed: u64,
    /// Total virtual time the producer spent blocked on a full queue.
    pub producer_blocked_ms: u64,
    /// Total virtual time the consumer spent blocked on an empty queue.
    pub consumer_blocked_ms: u64,
    next_put: u64,
    blocked_since: Option<u64>,
    consumer_free_at: Option<u64>,
    idle_since: Option<u64>,
    now: u64,
}

impl BoundedQueue {
    /// An empty queue whose threads start at time `now`.
    pub fn new(capacity: usize, put_every: u64, processing: Duration, now: u64) -> BoundedQueue {
        BoundedQueue {
            capacity: capacity.max(1),
            items: VecDeque::new(),
            put_every: put_every.max(1),
            processing,
            produced: 0,
            consumed: 0,
            producer_blocked_ms: 0,
            consumer_blocked_ms: 0,
            next_put: now,
            blocked_since: None,
            consumer_free_at: None,
            idle_since: Some(now),
            now,
        }
    }

    /// Whether the producer is waiting in `put`.
    pub fn producer_blocked(&self) -> bool {
        self.blocked_since.is_some()
    }

    /// Runs both threads up to `until`.
    pub fn advance_to(&mut self, until: u64, rng: &mut ChaCha8Rng) {
        loop {
            let put_at = (self.blocked_since.is_none()).then_some(self.next_put);
            let done_at = self.consumer_free_at;
            let next = match (put_at, done_at) {
                (Some(p), Some(d)) => p.min(d),
                (Some(p), None) => p,
                (None, Some(d)) => d,
                (None, None) => break,
            };
            if next > until {
                break;
            }
            self.now = next;
            if done_at == Some(next) {
                self.finish_item(rng);
            } else {
                self.put();
            }
        }
        self.now = self.now.max(until);
    }

    fn put(&mut self) {
        if self.items.len() >= self.capacity {
            self.blocked_since = Some(self.now);
            return;
        }
        self.produced += 1;
        self.items.push_back(self.produced);
        self.next_put = self.now.saturating_add(self.put_every);
        if let Some(since) = self.idle_since.take() {
            self.consumer_blocked_ms += self.now - since;
            self.consumer_free_at = Some(self.now);
        }
    }

    fn finish_item(&mut self, rng: &mut ChaCha8Rng) {
        // The consumer takes the next item (if any) and works on it.
        match self.items.pop_front() {
            Some(_) => {
                self.consumed += 1;
                self.consumer_free_at = Some(self.now.saturating_add(self.processing.sample(rng)));
                if let Some(since) = self.blocked_since.take() {
                    // Room again: the blocked put completes now.
                    self.producer_blocked_ms += self.now - since;
                    self.next_put = self.now;
                }
            }
            None => {
                self.consumer_free_at = None;
                self.idle_since = Some(self.now);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_fast_producer_is_held_to_the_consumers_pace() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut q = BoundedQueue::new(3, 10, Duration::Fixed(100), 0);
        q.advance_to(10_000, &mut rng);
        assert!(q.items.len() <= 3);
        assert!(q.produced <= q.consumed + 4);
        assert!(q.consumed >= 99);
        assert!(q.producer_blocked_ms > 5_000);
    }

    #[test]
    fn a_slow_producer_leaves_the_consumer_waiting() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut q = BoundedQueue::new(3, 100, Duration::Fixed(10), 0);
        q.advance_to(1_000, &mut rng);
        assert_eq!(q.producer_blocked_ms, 0);
        assert!(q.consumer_blocked_ms > 800);
    }
}
