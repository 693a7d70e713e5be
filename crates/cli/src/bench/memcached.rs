//! `playground bench memcached`: the engine in-process, and the same batches sent
//! pipelined over loopback to a real memcached when one is installed.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpStream};

use playground_bench::memcached::{Batch, ReplyCounter, Size, Workload, run_engine, table};
use playground_bench::{Clock, Table, rate, timed};

use super::{RealServer, WallClock, installed, version};

/// Runs the memcached bench and returns its table; `Err` only when something broke.
pub fn run(clock: &WallClock) -> Result<Table, String> {
    let workload = Workload::new(Size::FULL);
    let engine = run_engine(clock, &workload)?;
    if !installed("memcached") {
        println!("memcached is not installed: engine figures only\n");
        return Ok(table(&workload, engine, None));
    }
    let real = run_real(clock, &workload)?;
    Ok(table(
        &workload,
        engine,
        Some((&version("memcached"), real)),
    ))
}

/// Starts memcached, preloads it, and times the mix over one connection: commands/s.
fn run_real(clock: &impl Clock, workload: &Workload) -> Result<f64, String> {
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
    let (sent, elapsed_ms) = timed(clock, || send(&mut stream, &workload.mix));
    sent?;
    Ok(rate(workload.size.commands, elapsed_ms))
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
