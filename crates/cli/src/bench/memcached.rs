//! `playground bench memcached`: the engine in-process and, when one is installed, a real
//! memcached sent the same batches pipelined over loopback, the two taking turns.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpStream};

use playground_bench::Table;
use playground_bench::memcached::{Batch, Engine, ReplyCounter, Size, Workload, run_engine, table};

use super::{RealServer, WallClock, installed, version};

/// Runs the memcached bench and returns its table; `Err` only when something broke.
pub fn run(clock: &WallClock) -> Result<Table, String> {
    let workload = Workload::new(Size::FULL);
    if !installed("memcached") {
        println!("memcached is not installed: engine figures only\n");
        let engine = run_engine(clock, &workload)?;
        return Ok(table(&workload, engine, None));
    }
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
    send(&mut stream, &workload.preload)?;
    let mut engine = Engine::default();
    engine.feed(&workload.preload)?;
    let rates = workload.race(
        clock,
        &mut [
            &mut |part: &[Batch]| engine.feed(part),
            &mut |part: &[Batch]| send(&mut stream, part),
        ],
    )?;
    Ok(table(
        &workload,
        rates[0],
        Some((&version("memcached"), rates[1])),
    ))
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
