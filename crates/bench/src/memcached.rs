//! memcached: get/set 90/10 over 100,000 keys through the text protocol.
//!
//! The workload is bytes on the wire: batches of pipelined commands, as a client library
//! sends them. The engine and a real server get the same batches, and both sides count
//! the replies to know a batch is done. Every key is stored once beforehand (untimed), so
//! gets find their items on both sides.
//!
//! The mix runs in short parts of [`PART_BATCHES`] batches, the engine and the real server
//! taking turns, and each side's figure is its median part. On a busy machine the engine,
//! which never waits, is preempted for the other work and loses wall-clock time to it,
//! while the real server and its client mostly wait on each other and lose little: one long
//! run measures the machine's load as much as the engines. A short part usually runs
//! between two preemptions, so the median part is the speed each side has when it runs.

use memcached_sim::{Connection, Server, Settings};

use crate::{Clock, PIPELINE_DEPTH, Rng, Row, Table, median, rate, timed};

/// Percentage of commands that are gets.
pub const GET_PERCENT: u64 = 90;
/// Bytes per stored value.
pub const VALUE_SIZE: usize = 32;
/// The ratio over the real server the engine should reach.
pub const TARGET_RATIO: f64 = 3.0;
/// Virtual time at the start: memcached's clock counts from the Unix epoch.
const START_MS: u64 = 1_700_000_000_000;
/// Batches per part of the timed mix (1,024 commands); each side's figure is its median part.
pub const PART_BATCHES: usize = 16;

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

/// One contestant in [`Workload::race`]: runs a part of the mix to completion.
pub type Side<'a> = dyn FnMut(&[Batch]) -> Result<(), String> + 'a;

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

    /// Runs the mix part by part, each of `sides` in turn (each already preloaded), and
    /// returns each side's median commands per second over the parts.
    pub fn race(
        &self,
        clock: &impl Clock,
        sides: &mut [&mut Side<'_>],
    ) -> Result<Vec<f64>, String> {
        let mut rates = vec![Vec::new(); sides.len()];
        for part in self.mix.chunks(PART_BATCHES) {
            let commands: usize = part.iter().map(|b| b.commands).sum();
            for (side, rates) in sides.iter_mut().zip(&mut rates) {
                let (ran, elapsed_ms) = timed(clock, || side(part));
                ran?;
                rates.push(rate(commands as u64, elapsed_ms));
            }
        }
        Ok(rates.into_iter().map(median).collect())
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

/// The engine with one client connection, fed batches as a real server is sent them.
#[derive(Debug)]
pub struct Engine {
    server: Server,
    connection: Connection,
    /// Batches fed so far; the virtual clock moves a millisecond per batch.
    batches: u64,
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            server: Server::new(Settings::default()),
            connection: Connection::new(),
            batches: 0,
        }
    }
}

impl Engine {
    /// Feeds `batches` in turn and checks each is answered in full.
    pub fn feed(&mut self, batches: &[Batch]) -> Result<(), String> {
        for batch in batches {
            let now_ms = START_MS + self.batches;
            self.batches += 1;
            let reply = self.connection.feed(&mut self.server, &batch.bytes, now_ms);
            // The page drains the engine's events every frame; left alone they pile up.
            self.server.drain_events();
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
    }
}

/// Preloads the engine, then races it alone: its median commands per second over the parts.
pub fn run_engine(clock: &impl Clock, workload: &Workload) -> Result<f64, String> {
    let mut engine = Engine::default();
    engine.feed(&workload.preload)?;
    let rates = workload.race(clock, &mut [&mut |part: &[Batch]| engine.feed(part)])?;
    Ok(rates[0])
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
             {PIPELINE_DEPTH} commands per write, {VALUE_SIZE}-byte values, {} keys; \
             median of parts of {} commands, taking turns",
            workload.size.keyspace,
            PART_BATCHES * PIPELINE_DEPTH
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
        // 32 batches in two parts, 1,024 and 976 commands, each 10 ms on this clock:
        // the upper middle of the two rates.
        assert_eq!(run_engine(&clock, &workload), Ok(102_400.0));
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
