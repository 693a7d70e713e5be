//! `playground bench memcached`: get/set 90/10 through the text protocol, in-process and
//! against a real memcached over loopback.
//!
//! Both sides get the same bytes: batches of pipelined commands, as a client library
//! sends them, and both sides count the replies to know a batch is done. Every key is
//! stored once beforehand (untimed), so gets find their items on both sides.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpStream};

use memcached_sim::{Connection, Server, Settings};

use super::{
    PIPELINE_DEPTH, RealServer, Rng, Row, installed, print_table, print_target, rate, timed,
};

/// get and set commands in the timed run.
const COMMANDS: u64 = 1_000_000;
/// Distinct keys.
const KEYSPACE: u64 = 100_000;
/// Percentage of commands that are gets.
const GET_PERCENT: u64 = 90;
/// Bytes per stored value.
const VALUE_SIZE: usize = 32;
/// The ratio over the real server the engine should reach.
const TARGET_RATIO: f64 = 3.0;
/// Virtual time at the start: memcached's clock counts from the Unix epoch.
const START_MS: u64 = 1_700_000_000_000;

/// Commands sent in one write, and how many replies they produce.
struct Batch {
    bytes: Vec<u8>,
    commands: usize,
}

/// Runs the memcached bench and prints its table; `Err` only when something broke.
pub fn run() -> Result<(), String> {
    let preload = batches((0..KEYSPACE).map(set));
    let mut rng = Rng::new(1);
    let workload = batches((0..COMMANDS).map(|_| {
        let key = rng.below(KEYSPACE);
        if rng.percent(GET_PERCENT) {
            get(key)
        } else {
            set(key)
        }
    }));

    let engine = run_engine(&preload, &workload)?;
    let real = if installed("memcached") {
        let server = RealServer::start("memcached", |port| {
            [
                "-p",
                &port.to_string(),
                "-U",
                "0",
                "-l",
                "127.0.0.1",
                "-u",
                "root",
            ]
            .map(String::from)
            .to_vec()
        })?;
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, server.port))
            .map_err(|e| format!("cannot connect to memcached: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        send(&mut stream, &preload)?;
        let (sent, elapsed) = timed(|| send(&mut stream, &workload));
        sent?;
        Some(rate(COMMANDS, elapsed))
    } else {
        println!("memcached is not installed: engine figures only\n");
        None
    };

    let row = Row {
        workload: format!("get/set {GET_PERCENT}/{}", 100 - GET_PERCENT),
        ops: COMMANDS,
        engine,
        contrast: real,
    };
    let against = match real {
        Some(_) => format!(" vs {} over loopback", super::version("memcached")),
        None => String::new(),
    };
    print_table(
        &format!(
            "memcached: the engine in-process (one thread){against}; one connection, \
             {PIPELINE_DEPTH} commands per write, {VALUE_SIZE}-byte values, {KEYSPACE} keys",
        ),
        "memcached",
        std::slice::from_ref(&row),
    );
    if let Some(real) = row.contrast {
        let ratio = row.engine / real;
        print_target(
            &format!("engine >= {TARGET_RATIO}x the real server"),
            &super::times(ratio),
            ratio >= TARGET_RATIO,
        );
    }
    Ok(())
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

/// Preloads, then times the workload through the engine's text protocol.
fn run_engine(preload: &[Batch], workload: &[Batch]) -> Result<f64, String> {
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
    feed(preload)?;
    let (fed, elapsed) = timed(|| feed(workload));
    fed?;
    Ok(rate(COMMANDS, elapsed))
}

/// Sends each batch and reads until all its replies are in, as a pipelining client does.
fn send(stream: &mut TcpStream, batches: &[Batch]) -> Result<(), String> {
    let mut buf = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    for batch in batches {
        stream.write_all(&batch.bytes).map_err(|e| e.to_string())?;
        buf.clear();
        let mut counter = ReplyCounter::default();
        while counter.replies < batch.commands {
            let n = stream.read(&mut chunk).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("memcached closed the connection".to_string());
            }
            buf.extend_from_slice(&chunk[..n]);
            counter.scan(&buf)?;
        }
    }
    Ok(())
}

/// Counts complete replies in a growing buffer: a get ends with `END`, a set with
/// `STORED`. Values in this bench never look like either line.
#[derive(Default)]
struct ReplyCounter {
    replies: usize,
    /// Bytes already looked at: everything up to the last complete line.
    scanned: usize,
}

impl ReplyCounter {
    /// Counts the reply lines completed since the last call; an error line is an error.
    fn scan(&mut self, buf: &[u8]) -> Result<(), String> {
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
