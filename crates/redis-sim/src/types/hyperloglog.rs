//! HyperLogLog (hyperloglog.c): PFADD, PFCOUNT and PFMERGE over strings
//! laid out exactly as Redis 7.0 lays them out, so counts match the real
//! server's and GET shows the same bytes.
//!
//! The string is a 16-byte header ("HYLL", the encoding, three unused bytes,
//! a cached count whose top bit marks it stale) followed by 16384 registers:
//! packed 6 bits each when dense, or run-length opcodes when sparse.

use crate::db::Entry;
use crate::object::Value;
use crate::reply::Reply;
use crate::types::string::StringValue;
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

const HEADER: usize = 16;
const PRECISION: u32 = 14;
const REGISTERS: usize = 1 << PRECISION;
/// Hash bits left after the register index.
const Q: u32 = 64 - PRECISION;
const REGISTER_MAX: u8 = 63;
const DENSE_SIZE: usize = HEADER + (REGISTERS * 6).div_ceil(8);
const DENSE: u8 = 0;
const SPARSE: u8 = 1;
/// `hll-sparse-max-bytes`: a sparse string that would grow past this turns dense.
const SPARSE_MAX_BYTES: usize = 3000;
const SPARSE_VAL_MAX_VALUE: u8 = 32;
const SPARSE_VAL_MAX_LEN: usize = 4;
const SPARSE_ZERO_MAX_LEN: usize = 64;
const SPARSE_XZERO_MAX_LEN: usize = 16384;
/// 0.5 / ln 2, the constant of the estimator for an unbounded hash.
const ALPHA_INF: f64 = 0.721_347_520_444_481_7;

const NOT_HLL: &str = "WRONGTYPE Key is not a valid HyperLogLog string value.";
const CORRUPTED: &str = "INVALIDOBJ Corrupted HLL object detected";

/// MurmurHash64A, the hash Redis feeds HyperLogLog elements through.
fn murmur64a(data: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let len = data.len() as u64;
    let mut h = seed ^ len.wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, byte) in tail.iter().enumerate().rev() {
            h ^= u64::from(*byte) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// `hllPatLen`: the register an element lands in and the length of the
/// run of zero bits (plus one) in the rest of its hash.
fn pattern(element: &[u8]) -> (usize, u8) {
    let hash = murmur64a(element, 0xadc8_3b19);
    let index = (hash as usize) & (REGISTERS - 1);
    let rest = (hash >> PRECISION) | (1 << Q);
    (index, rest.trailing_zeros() as u8 + 1)
}

fn dense_get(registers: &[u8], index: usize) -> u8 {
    let byte = index * 6 / 8;
    let shift = index * 6 % 8;
    let b0 = u16::from(registers.get(byte).copied().unwrap_or_default());
    let b1 = u16::from(registers.get(byte + 1).copied().unwrap_or_default());
    (((b0 >> shift) | (b1 << (8 - shift))) as u8) & REGISTER_MAX
}

fn dense_set(registers: &mut [u8], index: usize, value: u8) {
    let byte = index * 6 / 8;
    let shift = index * 6 % 8;
    let value = u16::from(value);
    if let Some(b) = registers.get_mut(byte) {
        *b = ((u16::from(*b) & !(u16::from(REGISTER_MAX) << shift)) | (value << shift)) as u8;
    }
    if let Some(b) = registers.get_mut(byte + 1) {
        let mask = u16::from(REGISTER_MAX) >> (8 - shift);
        *b = ((u16::from(*b) & !mask) | (value >> (8 - shift))) as u8;
    }
}

/// One sparse opcode: how many registers it covers and their value.
#[derive(Clone, Copy)]
struct Opcode {
    width: usize,
    run: usize,
    value: u8,
}

fn opcode_at(bytes: &[u8], at: usize) -> Option<Opcode> {
    let b = *bytes.get(at)?;
    Some(match b & 0xc0 {
        0x00 => Opcode {
            width: 1,
            run: usize::from(b & 0x3f) + 1,
            value: 0,
        },
        0x40 => Opcode {
            width: 2,
            run: ((usize::from(b & 0x3f) << 8) | usize::from(*bytes.get(at + 1)?)) + 1,
            value: 0,
        },
        _ => Opcode {
            width: 1,
            run: usize::from(b & 0x3) + 1,
            value: ((b >> 2) & 0x1f) + 1,
        },
    })
}

fn val_opcode(value: u8, run: usize) -> u8 {
    0x80 | ((value - 1) << 2) | (run - 1) as u8
}

/// ZERO for short runs, XZERO for long ones.
fn zero_opcodes(run: usize, out: &mut Vec<u8>) {
    if run > SPARSE_ZERO_MAX_LEN {
        let n = run - 1;
        out.extend([0x40 | (n >> 8) as u8, (n & 0xff) as u8]);
    } else {
        out.push((run - 1) as u8);
    }
}

/// Walks a sparse string's registers as (first register, opcode) pairs;
/// `None` at the end if the opcodes do not cover exactly 16384 registers.
fn sparse_runs(bytes: &[u8]) -> Option<Vec<(usize, Opcode)>> {
    let mut runs = Vec::new();
    let (mut at, mut index) = (HEADER, 0);
    while at < bytes.len() {
        let op = opcode_at(bytes, at)?;
        runs.push((index, op));
        index += op.run;
        at += op.width;
    }
    (index == REGISTERS).then_some(runs)
}

/// A fresh HyperLogLog: sparse, every register zero, cached count 0.
fn new_hll() -> Vec<u8> {
    let mut bytes = b"HYLL".to_vec();
    bytes.extend([SPARSE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    zero_opcodes(SPARSE_XZERO_MAX_LEN, &mut bytes);
    bytes
}

fn invalidate_cache(bytes: &mut [u8]) {
    if let Some(b) = bytes.get_mut(15) {
        *b |= 0x80;
    }
}

/// `isHLLObjectOrReply`: a string with the magic, a known encoding and,
/// when dense, the exact size.
fn check(value: &StringValue) -> std::result::Result<(), Reply> {
    let bytes = value.bytes();
    let valid = value.encoding() != "int"
        && bytes.len() >= HEADER
        && bytes.starts_with(b"HYLL")
        && bytes[4] <= SPARSE
        && (bytes[4] != DENSE || bytes.len() == DENSE_SIZE);
    if valid {
        Ok(())
    } else {
        Err(Reply::error(NOT_HLL))
    }
}

/// `hllSparseToDense`: the same registers, packed. Keeps the header.
fn to_dense(value: &mut StringValue) -> std::result::Result<(), Reply> {
    if value.bytes()[4] == DENSE {
        return Ok(());
    }
    let runs = sparse_runs(value.bytes()).ok_or_else(|| Reply::error(CORRUPTED))?;
    let mut dense = vec![0; DENSE_SIZE];
    dense[..HEADER].copy_from_slice(&value.bytes()[..HEADER]);
    dense[4] = DENSE;
    for (first, op) in runs.into_iter().filter(|(_, op)| op.value > 0) {
        for index in first..first + op.run {
            dense_set(&mut dense[HEADER..], index, op.value);
        }
    }
    *value = StringValue::raw(dense);
    Ok(())
}

/// `hllSparseSet`: raises register `index` to `count` if lower, splitting
/// the opcode that covers it and merging equal neighbours afterwards;
/// turns dense when a value or the string's size outgrows the sparse form.
fn sparse_set(
    value: &mut StringValue,
    index: usize,
    count: u8,
) -> std::result::Result<bool, Reply> {
    if count > SPARSE_VAL_MAX_VALUE {
        return promote(value, index, count);
    }
    let len = value.bytes().len();
    // Redis makes room for three more bytes before each change.
    let bytes = value.grown_to(len + 3);
    let (mut at, mut first, mut previous) = (HEADER, 0, None);
    let op = loop {
        let op = opcode_at(bytes, at).ok_or_else(|| Reply::error(CORRUPTED))?;
        if index < first + op.run {
            break op;
        }
        previous = Some(at);
        at += op.width;
        first += op.run;
    };
    if op.value >= count {
        return Ok(false);
    }
    if op.run == 1 {
        bytes[at] = val_opcode(count, 1);
    } else {
        let last = first + op.run - 1;
        let mut sequence = Vec::with_capacity(5);
        if op.value == 0 {
            if index != first {
                zero_opcodes(index - first, &mut sequence);
            }
            sequence.push(val_opcode(count, 1));
            if index != last {
                zero_opcodes(last - index, &mut sequence);
            }
        } else {
            if index != first {
                sequence.push(val_opcode(op.value, index - first));
            }
            sequence.push(val_opcode(count, 1));
            if index != last {
                sequence.push(val_opcode(op.value, last - index));
            }
        }
        if sequence.len() > op.width && bytes.len() + sequence.len() - op.width > SPARSE_MAX_BYTES {
            return promote(value, index, count);
        }
        bytes.splice(at..at + op.width, sequence);
    }
    // Merge adjacent VAL opcodes of equal value, looking at up to five opcodes.
    let mut at = previous.unwrap_or(HEADER);
    for _ in 0..5 {
        let Some(op) = opcode_at(bytes, at) else {
            break;
        };
        if op.value == 0 {
            at += op.width;
            continue;
        }
        if let Some(next) = opcode_at(bytes, at + 1).filter(|n| n.value > 0 && n.width == 1)
            && next.value == op.value
            && op.run + next.run <= SPARSE_VAL_MAX_LEN
        {
            bytes[at + 1] = val_opcode(op.value, op.run + next.run);
            bytes.remove(at);
            continue;
        }
        at += 1;
    }
    invalidate_cache(bytes);
    Ok(true)
}

fn promote(value: &mut StringValue, index: usize, count: u8) -> std::result::Result<bool, Reply> {
    to_dense(value)?;
    let bytes = value.grown_to(DENSE_SIZE);
    dense_set(&mut bytes[HEADER..], index, count);
    Ok(true)
}

/// `hllAdd`: true if a register grew.
fn add(value: &mut StringValue, element: &[u8]) -> std::result::Result<bool, Reply> {
    let (index, count) = pattern(element);
    if value.bytes()[4] == SPARSE {
        return sparse_set(value, index, count);
    }
    let bytes = value.grown_to(DENSE_SIZE);
    let registers = &mut bytes[HEADER..];
    if dense_get(registers, index) < count {
        dense_set(registers, index, count);
        Ok(true)
    } else {
        Ok(false)
    }
}

/// `hllMerge`: raises each of `max` to the HyperLogLog's register.
fn merge(max: &mut [u8], bytes: &[u8]) -> std::result::Result<(), Reply> {
    if bytes[4] == DENSE {
        for (index, register) in max.iter_mut().enumerate() {
            *register = (*register).max(dense_get(&bytes[HEADER..], index));
        }
        return Ok(());
    }
    let runs = sparse_runs(bytes).ok_or_else(|| Reply::error(CORRUPTED))?;
    for (first, op) in runs {
        for register in &mut max[first..first + op.run] {
            *register = (*register).max(op.value);
        }
    }
    Ok(())
}

/// The estimator of Redis 5.0 and later (Ertl's improved raw estimator)
/// over the histogram of register values.
fn estimate(histogram: &[u32; 64]) -> u64 {
    let m = REGISTERS as f64;
    let mut z = m * tau((m - f64::from(histogram[Q as usize + 1])) / m);
    for j in (1..=Q as usize).rev() {
        z += f64::from(histogram[j]);
        z *= 0.5;
    }
    z += m * sigma(f64::from(histogram[0]) / m);
    (ALPHA_INF * m * m / z).round() as u64
}

fn sigma(mut x: f64) -> f64 {
    if x == 1.0 {
        return f64::INFINITY;
    }
    let (mut y, mut z) = (1.0, x);
    loop {
        x *= x;
        let previous = z;
        z += x * y;
        y += y;
        if previous == z {
            return z;
        }
    }
}

fn tau(mut x: f64) -> f64 {
    if x == 0.0 || x == 1.0 {
        return 0.0;
    }
    let (mut y, mut z) = (1.0, 1.0 - x);
    loop {
        x = x.sqrt();
        let previous = z;
        y *= 0.5;
        z -= (1.0 - x).powi(2) * y;
        if previous == z {
            return z / 3.0;
        }
    }
}

fn histogram_of_registers(registers: impl Iterator<Item = u8>) -> [u32; 64] {
    let mut histogram = [0u32; 64];
    for register in registers {
        histogram[usize::from(register & REGISTER_MAX)] += 1;
    }
    histogram
}

/// `hllCount` of one HyperLogLog string.
fn count(bytes: &[u8]) -> std::result::Result<u64, Reply> {
    let histogram = if bytes[4] == DENSE {
        histogram_of_registers((0..REGISTERS).map(|i| dense_get(&bytes[HEADER..], i)))
    } else {
        let runs = sparse_runs(bytes).ok_or_else(|| Reply::error(CORRUPTED))?;
        let mut histogram = [0u32; 64];
        for (_, op) in runs {
            histogram[usize::from(op.value)] += op.run as u32;
        }
        histogram
    };
    Ok(estimate(&histogram))
}

/// Stores an empty HyperLogLog under `key`; the command announces its own event.
fn create(server: &mut Server, client: ClientId, key: &[u8]) {
    let db = server.db_index(client);
    let entry = Entry::new(Value::String(StringValue::raw(new_hll())), server.now_ms);
    server.put(db, key, entry);
}

/// The HyperLogLog under `key` in the client's database, checked, for a command
/// that reads it (a keyspace hit or miss).
fn existing<'a>(
    server: &'a mut Server,
    client: ClientId,
    key: &[u8],
) -> std::result::Result<Option<&'a mut StringValue>, Reply> {
    checked(server.read::<StringValue>(client, key)?)
}

/// The HyperLogLog a write goes to (PFADD's key, PFMERGE's destination), stored empty
/// first when missing; true when it was. A write's lookup is not a hit or miss.
fn for_write<'a>(
    server: &'a mut Server,
    client: ClientId,
    key: &[u8],
) -> std::result::Result<(&'a mut StringValue, bool), Reply> {
    let created = checked(server.read_for_write::<StringValue>(client, key)?)?.is_none();
    if created {
        create(server, client, key);
    }
    let value = checked(server.read_for_write::<StringValue>(client, key)?)?
        .ok_or_else(|| Reply::error(CORRUPTED))?;
    Ok((value, created))
}

/// A string that must be a valid HyperLogLog.
fn checked(
    value: Option<&mut StringValue>,
) -> std::result::Result<Option<&mut StringValue>, Reply> {
    match value {
        Some(value) => check(value).map(|()| Some(value)),
        None => Ok(None),
    }
}

/// PFADD key [element ...]: 1 if the estimate may have changed (or the key
/// was created), 0 otherwise.
pub fn pfadd(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let key = &argv[1];
    let (value, mut updated) = for_write(server, client, key)?;
    for element in &argv[2..] {
        updated |= add(value, element)?;
    }
    if updated {
        let bytes = value.grown_to(value.bytes().len());
        invalidate_cache(bytes);
        server.changed(client, key);
    }
    Ok(Reply::Integer(i64::from(updated)))
}

/// PFCOUNT key [key ...]: the estimate for one key (cached in its header),
/// or for the union of several.
pub fn pfcount(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    if argv.len() > 2 {
        let mut max = vec![0u8; REGISTERS];
        for key in &argv[1..] {
            if let Some(value) = existing(server, client, key)? {
                merge(&mut max, value.bytes())?;
            }
        }
        let histogram = histogram_of_registers(max.into_iter());
        return Ok(Reply::Integer(estimate(&histogram) as i64));
    }
    let key = &argv[1];
    let Some(value) = existing(server, client, key)? else {
        return Ok(Reply::Integer(0));
    };
    let cache: [u8; 8] = value.bytes()[8..16].try_into().unwrap_or_default();
    if cache[7] & 0x80 == 0 {
        return Ok(Reply::Integer(u64::from_le_bytes(cache) as i64));
    }
    let estimate = count(value.bytes())?;
    let len = value.bytes().len();
    value.grown_to(len)[8..16].copy_from_slice(&estimate.to_le_bytes());
    // Writing the cache is a change WATCH notices, although PFCOUNT reads.
    let db = server.db_index(client);
    server.signal_modified(db, key);
    Ok(Reply::Integer(estimate as i64))
}

/// PFMERGE destkey [sourcekey ...]: the destination counts the union of
/// itself and the sources; dense if any of them is.
pub fn pfmerge(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let mut max = vec![0u8; REGISTERS];
    let mut use_dense = false;
    for key in &argv[1..] {
        if let Some(value) = existing(server, client, key)? {
            use_dense |= value.bytes()[4] == DENSE;
            merge(&mut max, value.bytes())?;
        }
    }
    let key = &argv[1];
    let (value, _) = for_write(server, client, key)?;
    if use_dense {
        to_dense(value)?;
    }
    for (index, register) in max.into_iter().enumerate().filter(|(_, r)| *r > 0) {
        if value.bytes()[4] == DENSE {
            let registers = &mut value.grown_to(DENSE_SIZE)[HEADER..];
            if dense_get(registers, index) < register {
                dense_set(registers, index, register);
            }
        } else {
            sparse_set(value, index, register)?;
        }
    }
    let len = value.bytes().len();
    invalidate_cache(value.grown_to(len));
    server.changed(client, key);
    Ok(Reply::ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_hll_is_one_xzero_opcode() {
        let bytes = new_hll();
        assert_eq!(bytes.len(), HEADER + 2);
        assert_eq!(&bytes[HEADER..], [0x7f, 0xff]);
        assert_eq!(count(&bytes).ok(), Some(0));
    }

    #[test]
    fn sparse_and_dense_forms_count_the_same() {
        let mut value = StringValue::raw(new_hll());
        for n in 0..500 {
            add(&mut value, format!("element:{n}").as_bytes()).ok();
        }
        let sparse = count(value.bytes()).ok();
        assert_eq!(value.bytes()[4], SPARSE);
        to_dense(&mut value).ok();
        assert_eq!(value.bytes()[4], DENSE);
        assert_eq!(count(value.bytes()).ok(), sparse);
        let estimate = sparse.unwrap_or_default();
        assert!((490..=510).contains(&estimate), "{estimate}");
    }

    #[test]
    fn three_elements_give_the_bytes_redis_7_stores() {
        let mut server = Server::new(1);
        let client = server.connect();
        let run =
            |server: &mut Server, line: &str| crate::cli::run_line(server, client, line, 0).text;
        assert_eq!(run(&mut server, "PFADD h a b c"), "(integer) 1\n");
        assert_eq!(run(&mut server, "PFCOUNT h"), "(integer) 3\n");
        // What GET answers on redis-server 7.0.15 after the same two commands.
        assert_eq!(
            run(&mut server, "GET h"),
            "\"HYLL\\x01\\x00\\x00\\x00\\x03\\x00\\x00\\x00\\x00\\x00\\x00\\x00`\\xf3\\x80P\\xb1\\x84K\\xfb\\x80BZ\"\n"
        );
    }
}
