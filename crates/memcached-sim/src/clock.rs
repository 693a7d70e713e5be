//! memcached's notion of time: seconds since the process started.
//!
//! memcached keeps `current_time` as a small relative number of seconds and
//! converts client expiration times into it with `realtime()`. Here the wall
//! clock is replaced by the virtual clock the caller passes in.

/// Longest relative expiration time: 30 days. Larger values are Unix times.
pub const REALTIME_MAXDELTA: i64 = 60 * 60 * 24 * 30;

/// memcached pretends it started this many seconds early so that
/// `current_time` is never 0 (0 means "never" in several places).
const STARTED_EARLY_BY: i64 = 60 + 2;

/// Seconds since process start, as memcached's `rel_time_t`.
pub type RelTime = u32;

/// The server's clock: process start time and the current relative second.
#[derive(Clone, Debug)]
pub struct Clock {
    process_started: i64,
    current_time: RelTime,
}

impl Clock {
    /// A clock for a process started at `started_at_ms` (virtual ms since the epoch).
    pub fn new(started_at_ms: u64) -> Self {
        let started_secs = (started_at_ms / 1000) as i64;
        let process_started = started_secs - STARTED_EARLY_BY;
        Clock {
            process_started,
            current_time: STARTED_EARLY_BY as RelTime,
        }
    }

    /// Moves the clock to virtual time `now_ms`; time never runs backwards.
    pub fn advance_to(&mut self, now_ms: u64) {
        let secs = (now_ms / 1000) as i64;
        let rel = (secs - self.process_started).clamp(0, i64::from(u32::MAX));
        self.current_time = self.current_time.max(rel as RelTime);
    }

    /// Seconds since the process started (memcached's `current_time`).
    pub fn now(&self) -> RelTime {
        self.current_time
    }

    /// The Unix time memcached reports as `time` in `stats`.
    pub fn unix_now(&self) -> i64 {
        self.process_started + i64::from(self.current_time)
    }

    /// A relative time as a Unix time.
    pub fn to_unix(&self, rel: RelTime) -> i64 {
        self.process_started + i64::from(rel)
    }

    /// Seconds the process has been up, as `stats` prints it.
    pub fn uptime(&self) -> RelTime {
        self.current_time
    }

    /// memcached's `realtime(EXPTIME_TO_POSITIVE_TIME(exptime))`: a client
    /// expiration time turned into relative seconds. 0 means never; up to 30
    /// days is relative to now; larger is an absolute Unix time (one in the
    /// past becomes 1, already expired); negative is already expired.
    pub fn exptime_to_rel(&self, exptime: i32) -> RelTime {
        let exptime = if exptime < 0 {
            REALTIME_MAXDELTA + 1
        } else {
            i64::from(exptime)
        };
        self.realtime(exptime)
    }

    /// memcached's `realtime()` for a non-negative time.
    pub fn realtime(&self, exptime: i64) -> RelTime {
        if exptime == 0 {
            0
        } else if exptime > REALTIME_MAXDELTA {
            if exptime <= self.process_started {
                1
            } else {
                (exptime - self.process_started) as RelTime
            }
        } else {
            (exptime + i64::from(self.current_time)) as RelTime
        }
    }
}
