//! memcached: get/set 90/10 over 100,000 keys through the text protocol.
//!
//! The workload is bytes on the wire: batches of pipelined commands, as a client library
//! sends them. The engine and a real server get the same batches, and both sides count
//! the replies to know a batch is done. Every key is stored once beforehand (untimed), so
//! gets find their items on both sides.

use memcached_sim::{Connection, Server, Settings};

use crate::{Clock, PIPELINE_DEPTH, Rng, Row, Table, rate, timed};

/// Percentage of commands that are gets.
pub const GET_PERCENT: u64 = 90;
/// Bytes per stored value.
pub const VALUE_SIZE: usize = 32;
/// The ratio over the real server the engine should reach.
pub const TARGET_RATIO: f64 = 3.0;
/// Virtual time at the start: memcached's clock counts from the Unix epoch.
const START_MS: u64 = 1_700_000_000_000;

/// How much work a run does.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    /// get and set commands in the timed run.
    pub commands: u64,
    /// Distinct keys.
    pub keyspace: u64,
}

impl Size {
    /// The figures: one million commands over 100,000 keys.
    pub const FULL: Size = Size {
        commands: 1_000_000,
        keyspace: 100_000,
    };
}

/// Commands sent in one write, and how many replies they produce.
#[derive(Clone, Debug)]
pub struct Batch {
    /// The commands' bytes.
    pub bytes: Vec<u8>,
    /// How many commands they hold.
    pub commands: usize,
}

/// The preload (one set per key) and the timed get/set mix, cut into batches.
#[derive(Clone, Debug)]
pub struct Workload {
    /// What it was built for.
    pub size: Size,
    /// Stores every key once, untimed.
    pub preload: Vec<Batch>,
    /// The timed commands.
    pub mix: Vec<Batch>,
}

impl Workload {
    /// The same commands every time for a given size.
    pub fn new(size: Size) -> Workload {
        let mut rng = Rng::new(1);
        let mix = batches((0..size.commands).map(|_| {
            let key = rng.below(size.keyspace);
            if rng.percent(GET_PERCENT) {
                get(key)
            } else {
                set(key)
            }
        }));
        Workload {
            size,
            preload: batches((0..size.keyspace).map(set)),
            mix,
        }
    }

    /// The table row's name.
    pub fn name(&self) -> String {
        format!("get/set {GET_PERCENT}/{}", 100 - GET_PERCENT)
    }
}

fn key(i: u64) -> String {
    format!("key:{i:06}")
}

fn get(i: u64) -> Vec<u8> {
    format!("get {}\r\n", key(i)).into_bytes()
}

fn set(i: u64) -> Vec<u8> {
    let mut command = format!("set {} 0 0 {VALUE_SIZE}\r\n", key(i)).into_bytes();
    command.extend_from_slice(&[b'v'; VALUE_SIZE]);
    command.extend_from_slice(b"\r\n");
    command
}

/// Cuts a stream of commands into pipelined batches.
fn batches(commands: impl Iterator<Item = Vec<u8>>) -> Vec<Batch> {
    let mut out: Vec<Batch> = Vec::new();
    for command in commands {
        match out.last_mut() {
            Some(batch) if batch.commands < PIPELINE_DEPTH => {
                batch.bytes.extend(command);
                batch.commands += 1;
            }
            _ => out.push(Batch {
                bytes: command,
                commands: 1,
            }),
        }
    }
    out
}

/// Preloads, then times the mix through the engine's text protocol: commands per second.
pub fn run_engine(clock: &impl Clock, workload: &Workload) -> Result<f64, String> {
    let mut server = Server::new(Settings::default());
    let mut connection = Connection::new();
    let mut feed = |batches: &[Batch]| -> Result<(), String> {
        for (n, batch) in batches.iter().enumerate() {
            let reply = connection.feed(&mut server, &batch.bytes, START_MS + n as u64);
            // The page drains the engine's events every frame; left alone they pile up.
            server.drain_events();
            let mut counter = ReplyCounter::default();
            counter.scan(&reply)?;
            if counter.replies != batch.commands {
                return Err(format!(
                    "the engine answered {} of {} commands",
                    counter.replies, batch.commands
                ));
            }
        }
        Ok(())
    };
    feed(&workload.preload)?;
    let (fed, elapsed_ms) = timed(clock, || feed(&workload.mix));
    fed?;
    Ok(rate(workload.size.commands, elapsed_ms))
}

/// The engine's table: one row, with the real server's rate as contrast when measured.
pub fn table(workload: &Workload, engine: f64, real: Option<(&str, f64)>) -> Table {
    let against = match real {
        Some((name, _)) => format!(" vs {name} over loopback"),
        None => String::new(),
    };
    let mut table = Table {
        title: format!(
            "memcached: the engine in-process (one thread){against}; one connection, \
             {PIPELINE_DEPTH} commands per write, {VALUE_SIZE}-byte values, {} keys",
            workload.size.keyspace
        ),
        contrast: "memcached".to_string(),
        rows: vec![Row {
            workload: workload.name(),
            ops: workload.size.commands,
            engine,
            contrast: real.map(|(_, rate)| rate),
        }],
        notes: Vec::new(),
    };
    if let Some((_, real)) = real {
        let ratio = engine / real;
        table.target(
            &format!("engine >= {TARGET_RATIO}x the real server"),
            &crate::times(ratio),
            ratio >= TARGET_RATIO,
        );
    }
    table
}

/// Counts complete replies in a growing buffer: a get ends with `END`, a set with
/// `STORED`. Values in this bench never look like either line.
#[derive(Debug, Default)]
pub struct ReplyCounter {
    /// Complete replies seen so far.
    pub replies: usize,
    /// Bytes already looked at: everything up to the last complete line.
    scanned: usize,
}

impl ReplyCounter {
    /// Counts the reply lines completed since the last call; an error line is an error.
    pub fn scan(&mut self, buf: &[u8]) -> Result<(), String> {
        while let Some(end) = buf[self.scanned..].iter().position(|&b| b == b'\n') {
            let line = &buf[self.scanned..self.scanned + end + 1];
            self.scanned += end + 1;
            match line {
                b"END\r\n" | b"STORED\r\n" => self.replies += 1,
                _ if [&b"ERROR"[..], b"CLIENT_ERROR", b"SERVER_ERROR"]
                    .iter()
                    .any(|e| line.starts_with(e)) =>
                {
                    return Err(format!(
                        "memcached answered {}",
                        String::from_utf8_lossy(line).trim_end()
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_mix_runs_through_the_engine() {
        let workload = Workload::new(Size {
            commands: 2_000,
            keyspace: 300,
        });
        assert_eq!(workload.preload.len(), 300usize.div_ceil(PIPELINE_DEPTH));
        let ticks = std::cell::Cell::new(0.0);
        let clock = || {
            ticks.set(ticks.get() + 10.0);
            ticks.get()
        };
        // Two readings 10 ms apart: 2,000 commands in 10 ms.
        assert_eq!(run_engine(&clock, &workload), Ok(200_000.0));
    }

    #[test]
    fn error_replies_stop_the_count() {
        let mut counter = ReplyCounter::default();
        assert!(
            counter
                .scan(b"STORED\r\nVALUE k 0 1\r\nv\r\nEND\r\n")
                .is_ok()
        );
        assert_eq!(counter.replies, 2);
        assert!(
            counter
                .scan(b"STORED\r\nVALUE k 0 1\r\nv\r\nEND\r\nSERVER_ERROR out of memory\r\n")
                .is_err()
        );
    }
}
