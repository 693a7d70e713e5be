//! Sorted sets (t_zset.c): unique members ordered by score, then by member
//! bytes. Kept as a listpack while small, as a skiplist past 7.0's thresholds.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use crate::args;
use crate::blocking::{Attempt, parse_timeout};
use crate::bytes::SmallBytes;
use crate::config::ListpackLimits;
use crate::config::notify::ZSET;
use crate::hashing::FxHashMap;
use crate::numbers::{format_double, parse_f64};
use crate::random;
use crate::reply::{Reply, errors};
use crate::types::list::normalize_range;
use crate::{ClientId, Server};

type Result = std::result::Result<Reply, Reply>;

/// A score as the skiplist orders it. Scores are never NaN, so the partial
/// order is total; -0 and 0 compare equal, as in C.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Score(f64);

impl Eq for Score {}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.partial_cmp(&other.0).unwrap_or(Ordering::Equal)
    }
}

/// A sorted set value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZSetValue {
    scores: FxHashMap<SmallBytes, Score>,
    order: BTreeSet<(Score, SmallBytes)>,
    skiplist: bool,
}

impl ZSetValue {
    /// Number of members.
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// Whether no member is left (Redis deletes the key then).
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// OBJECT ENCODING's answer.
    pub fn encoding(&self) -> &'static str {
        if self.skiplist {
            "skiplist"
        } else {
            "listpack"
        }
    }

    /// The score of a member.
    pub fn score(&self, member: &[u8]) -> Option<f64> {
        self.scores.get(member).map(|s| s.0)
    }

    /// Members with scores, lowest score first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&[u8], f64)> {
        self.stored().map(|(m, s)| (&**m, s))
    }

    /// [`ZSetValue::iter`] over the members as stored, which a reply copies whole.
    fn stored(&self) -> impl DoubleEndedIterator<Item = (&SmallBytes, f64)> {
        self.order.iter().map(|(s, m)| (m, s.0))
    }

    /// Sets a member's score, converting the encoding past a threshold.
    fn insert(&mut self, member: &[u8], score: f64, limits: ListpackLimits) {
        // A listpack keeps scores as text, where -0 reads back as 0.
        let score = if score == 0.0 { 0.0 } else { score };
        let member = SmallBytes::new(member);
        if let Some(old) = self.scores.insert(member.clone(), Score(score)) {
            self.order.remove(&(old, member.clone()));
        }
        self.order.insert((Score(score), member.clone()));
        if member.len() > limits.value || self.scores.len() > limits.entries {
            self.skiplist = true;
        }
    }

    fn remove(&mut self, member: &[u8]) -> bool {
        match self.scores.remove(member) {
            Some(score) => self.order.remove(&(score, SmallBytes::new(member))),
            None => false,
        }
    }

    /// The 0-based rank of a member, lowest score first.
    fn rank(&self, member: &[u8]) -> Option<usize> {
        let score = *self.scores.get(member)?;
        Some(self.order.range(..(score, SmallBytes::new(member))).count())
    }
}

/// The conditions ZADD accepts before its score-member pairs.
#[derive(Debug, Default)]
struct ZaddOptions {
    nx: bool,
    xx: bool,
    gt: bool,
    lt: bool,
    ch: bool,
    incr: bool,
}

/// What one ZADD element did.
enum Outcome {
    Added,
    Updated,
    Unchanged,
    Skipped,
}

/// `zsetAdd`: applies one score-member pair under the options; `Err` on NaN.
fn zadd_one(
    zset: &mut ZSetValue,
    o: &ZaddOptions,
    limits: ListpackLimits,
    member: &[u8],
    score: f64,
) -> std::result::Result<(Outcome, f64), Reply> {
    let nan = || Reply::error("ERR resulting score is not a number (NaN)");
    match zset.score(member) {
        Some(_) if o.nx => Ok((Outcome::Skipped, score)),
        Some(current) => {
            let score = if o.incr { current + score } else { score };
            if score.is_nan() {
                return Err(nan());
            }
            if (o.lt && score >= current) || (o.gt && score <= current) {
                return Ok((Outcome::Skipped, score));
            }
            if score == current {
                return Ok((Outcome::Unchanged, score));
            }
            zset.insert(member, score, limits);
            Ok((Outcome::Updated, score))
        }
        None if o.xx => Ok((Outcome::Skipped, score)),
        None => {
            zset.insert(member, score, limits);
            Ok((Outcome::Added, score))
        }
    }
}

/// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...].
pub fn zadd(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let mut o = ZaddOptions::default();
    let mut at = 2;
    while let Some(arg) = argv.get(at) {
        let flag = if args::is(arg, "nx") {
            &mut o.nx
        } else if args::is(arg, "xx") {
            &mut o.xx
        } else if args::is(arg, "gt") {
            &mut o.gt
        } else if args::is(arg, "lt") {
            &mut o.lt
        } else if args::is(arg, "ch") {
            &mut o.ch
        } else if args::is(arg, "incr") {
            &mut o.incr
        } else {
            break;
        };
        *flag = true;
        at += 1;
    }
    let pairs = &argv[at..];
    if pairs.is_empty() || !pairs.len().is_multiple_of(2) {
        return Err(Reply::error(errors::SYNTAX));
    }
    if o.nx && o.xx {
        return Err(Reply::error(
            "ERR XX and NX options at the same time are not compatible",
        ));
    }
    if (o.gt || o.lt) && o.nx || (o.gt && o.lt) {
        return Err(Reply::error(
            "ERR GT, LT, and/or NX options at the same time are not compatible",
        ));
    }
    if o.incr && pairs.len() > 2 {
        return Err(Reply::error(
            "ERR INCR option supports a single increment-element pair",
        ));
    }
    let scores = pairs
        .chunks_exact(2)
        .map(|p| args::float(&p[0]))
        .collect::<std::result::Result<Vec<f64>, Reply>>()?;
    let key = &argv[1];
    let exists = server.read_for_write::<ZSetValue>(client, key)?.is_some();
    let (mut added, mut updated, mut last) = (0, 0, None);
    if exists || !o.xx {
        let limits = server.config.zset_limits();
        let zset = server.write::<ZSetValue>(client, key)?;
        if !exists {
            // Redis sizes a new sorted set from the command: many pairs or a long member start a skiplist.
            zset.skiplist = scores.len() > limits.entries
                || pairs.chunks_exact(2).any(|p| p[1].len() > limits.value);
        }
        let mut failure = None;
        for (pair, score) in pairs.chunks_exact(2).zip(&scores) {
            match zadd_one(zset, &o, limits, &pair[1], *score) {
                Ok((Outcome::Added, s)) => (added, last) = (added + 1, Some(s)),
                Ok((Outcome::Updated, s)) => (updated, last) = (updated + 1, Some(s)),
                Ok((Outcome::Unchanged, s)) => last = Some(s),
                Ok((Outcome::Skipped, _)) => {}
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        for pair in pairs.chunks_exact(2) {
            server.touched(client, key, &pair[1]);
        }
        let event = if o.incr { "zincr" } else { "zadd" };
        server.changed_as(client, key, ZSET, event);
        if let Some(e) = failure {
            return Err(e);
        }
    }
    if o.incr {
        return Ok(last.map_or(Reply::Nil, |s| Reply::bulk(format_double(s))));
    }
    Ok(Reply::count(if o.ch { added + updated } else { added }))
}

/// ZINCRBY key increment member: the new score.
pub fn zincrby(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let argv = [
        argv[0].clone(),
        argv[1].clone(),
        b"incr".to_vec(),
        argv[2].clone(),
        argv[3].clone(),
    ];
    zadd(server, client, &argv)
}

/// ZREM key member [member ...]: how many were removed.
pub fn zrem(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let key = &argv[1];
    let Some(zset) = server.read_for_write::<ZSetValue>(client, key)? else {
        return Ok(Reply::Integer(0));
    };
    let removed = argv[2..].iter().filter(|m| zset.remove(m)).count();
    if removed > 0 {
        server.changed(client, key);
    }
    Ok(Reply::count(removed))
}

/// ZSCORE key member.
pub fn zscore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let score = server
        .read::<ZSetValue>(client, &argv[1])?
        .and_then(|z| z.score(&argv[2]));
    Ok(Reply::bulk_or_nil(score.map(format_double)))
}

/// ZMSCORE key member [member ...].
pub fn zmscore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let zset = server.read::<ZSetValue>(client, &argv[1])?;
    let scores = argv[2..]
        .iter()
        .map(|m| Reply::bulk_or_nil(zset.as_ref().and_then(|z| z.score(m)).map(format_double)));
    Ok(Reply::Array(scores.collect()))
}

/// ZCARD key.
pub fn zcard(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(Reply::count(
        server
            .read::<ZSetValue>(client, &argv[1])?
            .map_or(0, |z| z.len()),
    ))
}

/// ZRANK / ZREVRANK key member.
fn rank(server: &mut Server, client: ClientId, argv: &[Vec<u8>], reverse: bool) -> Result {
    let Some(zset) = server.read::<ZSetValue>(client, &argv[1])? else {
        return Ok(Reply::Nil);
    };
    let rank = zset
        .rank(&argv[2])
        .map(|r| if reverse { zset.len() - 1 - r } else { r });
    Ok(rank.map_or(Reply::Nil, Reply::count))
}

/// ZRANK key member.
pub fn zrank(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    rank(server, client, argv, false)
}

/// ZREVRANK key member.
pub fn zrevrank(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    rank(server, client, argv, true)
}

/// One end of a score range: `(1.5` excludes, `1.5` includes, `-inf`/`+inf` are open.
#[derive(Debug, Clone, Copy)]
struct ScoreBound {
    value: f64,
    exclusive: bool,
}

fn parse_score_bound(arg: &[u8]) -> Option<ScoreBound> {
    match arg.strip_prefix(b"(") {
        Some(rest) => Some(ScoreBound {
            value: parse_f64(rest)?,
            exclusive: true,
        }),
        None => Some(ScoreBound {
            value: parse_f64(arg)?,
            exclusive: false,
        }),
    }
}

/// One end of a lexicographic range: `[a` includes, `(a` excludes, `-` and `+` are the extremes.
#[derive(Debug, Clone)]
enum LexBound {
    Min,
    Max,
    Inclusive(Vec<u8>),
    Exclusive(Vec<u8>),
}

fn parse_lex_bound(arg: &[u8]) -> Option<LexBound> {
    match arg {
        b"-" => Some(LexBound::Min),
        b"+" => Some(LexBound::Max),
        [b'[', rest @ ..] => Some(LexBound::Inclusive(rest.to_vec())),
        [b'(', rest @ ..] => Some(LexBound::Exclusive(rest.to_vec())),
        _ => None,
    }
}

/// What ZRANGE selects by.
#[derive(Debug, Clone)]
enum RangeBy {
    Rank(i64, i64),
    Score(ScoreBound, ScoreBound),
    Lex(LexBound, LexBound),
}

impl RangeBy {
    /// Whether a member lies inside a score or lex range (ranks are positional).
    fn contains(&self, member: &[u8], score: f64) -> bool {
        match self {
            RangeBy::Rank(..) => true,
            RangeBy::Score(min, max) => {
                let above = if min.exclusive {
                    score > min.value
                } else {
                    score >= min.value
                };
                let below = if max.exclusive {
                    score < max.value
                } else {
                    score <= max.value
                };
                above && below
            }
            RangeBy::Lex(min, max) => {
                let above = match min {
                    LexBound::Min => true,
                    LexBound::Max => false,
                    LexBound::Inclusive(b) => member >= b.as_slice(),
                    LexBound::Exclusive(b) => member > b.as_slice(),
                };
                let below = match max {
                    LexBound::Min => false,
                    LexBound::Max => true,
                    LexBound::Inclusive(b) => member <= b.as_slice(),
                    LexBound::Exclusive(b) => member < b.as_slice(),
                };
                above && below
            }
        }
    }
}

/// How the range commands were called: ZRANGE accepts every option, the
/// older commands fix the kind and the direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RangeKind {
    Auto,
    Rank,
    Score,
    Lex,
}

/// A fully parsed range request.
struct RangeRequest {
    by: RangeBy,
    reverse: bool,
    limit: Option<(i64, i64)>,
    with_scores: bool,
}

/// `zrangeGenericCommand`'s parsing, in Redis's order: options, conflicts, then the range.
///
/// `argv` starts at the key: the key, the two range ends, the options.
/// ZRANGESTORE (`store`) does not accept WITHSCORES.
fn parse_range(
    argv: &[Vec<u8>],
    mut kind: RangeKind,
    reverse: Option<bool>,
    store: bool,
) -> std::result::Result<RangeRequest, Reply> {
    let mut reverse_opt = reverse;
    let (mut with_scores, mut limit) = (false, None);
    let mut i = 3;
    while let Some(arg) = argv.get(i) {
        if !store && args::is(arg, "withscores") {
            with_scores = true;
        } else if args::is(arg, "limit") && argv.len() - i > 2 {
            limit = Some((args::int(&argv[i + 1])?, args::int(&argv[i + 2])?));
            i += 2;
        } else if reverse_opt.is_none() && args::is(arg, "rev") {
            reverse_opt = Some(true);
        } else if kind == RangeKind::Auto && args::is(arg, "bylex") {
            kind = RangeKind::Lex;
        } else if kind == RangeKind::Auto && args::is(arg, "byscore") {
            kind = RangeKind::Score;
        } else {
            return Err(Reply::error(errors::SYNTAX));
        }
        i += 1;
    }
    let reverse = reverse_opt.unwrap_or(false);
    if limit.is_some() && matches!(kind, RangeKind::Auto | RangeKind::Rank) {
        return Err(Reply::error(
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
        ));
    }
    if with_scores && kind == RangeKind::Lex {
        return Err(Reply::error(
            "ERR syntax error, WITHSCORES not supported in combination with BYLEX",
        ));
    }
    // Score and lex ranges are written max first when reversed.
    let (lo, hi) = if reverse && matches!(kind, RangeKind::Score | RangeKind::Lex) {
        (&argv[2], &argv[1])
    } else {
        (&argv[1], &argv[2])
    };
    let by = match kind {
        RangeKind::Auto | RangeKind::Rank => RangeBy::Rank(args::int(lo)?, args::int(hi)?),
        RangeKind::Score => match (parse_score_bound(lo), parse_score_bound(hi)) {
            (Some(min), Some(max)) => RangeBy::Score(min, max),
            _ => return Err(Reply::error("ERR min or max is not a float")),
        },
        RangeKind::Lex => match (parse_lex_bound(lo), parse_lex_bound(hi)) {
            (Some(min), Some(max)) => RangeBy::Lex(min, max),
            _ => return Err(Reply::error("ERR min or max not valid string range item")),
        },
    };
    Ok(RangeRequest {
        by,
        reverse,
        limit,
        with_scores,
    })
}

/// Selects the members a range request names, in reply order.
fn select<'a>(zset: &'a ZSetValue, request: &RangeRequest) -> Vec<(&'a [u8], f64)> {
    let mut selected = Vec::new();
    visit(zset, request, |member, score| {
        selected.push((&**member, score))
    });
    selected
}

/// Calls `found` for each member [`select`] would return, in order, without collecting them.
fn visit<'a>(zset: &'a ZSetValue, request: &RangeRequest, found: impl FnMut(&'a SmallBytes, f64)) {
    if request.reverse {
        pick(zset.stored().rev(), zset.len(), request, found);
    } else {
        pick(zset.stored(), zset.len(), request, found);
    }
}

/// [`visit`] over the members in the order asked for; `len` members in all.
fn pick<'a>(
    ordered: impl Iterator<Item = (&'a SmallBytes, f64)>,
    len: usize,
    request: &RangeRequest,
    mut found: impl FnMut(&'a SmallBytes, f64),
) {
    let mut each = |(member, score)| found(member, score);
    match &request.by {
        // Only the ranks asked for are walked, not the whole set.
        RangeBy::Rank(start, end) => {
            if let Some((from, to)) = normalize_range(*start, *end, len) {
                ordered.skip(from).take(to + 1 - from).for_each(&mut each);
            }
        }
        by => {
            let inside = ordered.filter(|(m, s)| by.contains(m, *s));
            match request.limit {
                Some((offset, _)) if offset < 0 => {}
                Some((offset, count)) => {
                    let count = usize::try_from(count).unwrap_or(usize::MAX);
                    inside
                        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
                        .take(count)
                        .for_each(&mut each);
                }
                None => inside.for_each(&mut each),
            }
        }
    }
}

/// Selected members copied out, for commands that go on to change the keyspace.
fn owned(selected: Vec<(&[u8], f64)>) -> Vec<(Vec<u8>, f64)> {
    selected.into_iter().map(|(m, s)| (m.to_vec(), s)).collect()
}

/// Runs a parsed range against a key.
fn range(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
    kind: RangeKind,
    reverse: Option<bool>,
) -> Result {
    let request = parse_range(&argv[1..], kind, reverse, false)?;
    let Some(zset) = server.read::<ZSetValue>(client, &argv[1])? else {
        return Ok(Reply::Array(vec![]));
    };
    // A rank range knows its length: one allocation for the reply's items.
    let expected = match request.by {
        RangeBy::Rank(start, end) => {
            normalize_range(start, end, zset.len()).map_or(0, |(from, to)| to + 1 - from)
        }
        _ => 0,
    };
    let width = 1 + usize::from(request.with_scores);
    // Laid out first and filled in place: pushing each member as it comes stalls the
    // processor on the copy of a reply built on the stack.
    let mut items = Vec::new();
    items.resize_with(expected * width, Reply::empty_bulk);
    let mut filled = 0;
    visit(zset, &request, |member, score| {
        if filled == items.len() {
            items.resize_with(filled + width, Reply::empty_bulk);
        }
        if let Reply::Bulk(slot) = &mut items[filled] {
            slot.clone_from(member);
        }
        if request.with_scores
            && let Reply::Bulk(slot) = &mut items[filled + 1]
        {
            slot.set(format_double(score).as_bytes());
        }
        filled += width;
    });
    Ok(Reply::Array(items))
}

/// ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES].
pub fn zrange(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    range(server, client, argv, RangeKind::Auto, None)
}

/// ZREVRANGE key start stop [WITHSCORES].
pub fn zrevrange(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    range(server, client, argv, RangeKind::Rank, Some(true))
}

/// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count].
pub fn zrangebyscore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    range(server, client, argv, RangeKind::Score, Some(false))
}

/// ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count].
pub fn zrevrangebyscore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    range(server, client, argv, RangeKind::Score, Some(true))
}

/// ZCOUNT key min max: members with a score in the range.
pub fn zcount(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (Some(min), Some(max)) = (parse_score_bound(&argv[2]), parse_score_bound(&argv[3])) else {
        return Err(Reply::error("ERR min or max is not a float"));
    };
    let by = RangeBy::Score(min, max);
    let count = server
        .read::<ZSetValue>(client, &argv[1])?
        .map_or(0, |z| z.iter().filter(|(m, s)| by.contains(m, *s)).count());
    Ok(Reply::count(count))
}

/// ZPOPMIN / ZPOPMAX key [count]: member, score, member, score...
fn pop(server: &mut Server, client: ClientId, argv: &[Vec<u8>], max: bool) -> Result {
    if argv.len() > 3 {
        return Err(Reply::error(errors::SYNTAX));
    }
    let count = match argv.get(2) {
        Some(arg) => args::count(arg).map_err(|_| Reply::error(errors::POSITIVE))?,
        None => 1,
    };
    let key = &argv[1];
    let Some(zset) = server.read_for_write::<ZSetValue>(client, key)? else {
        return Ok(Reply::Array(vec![]));
    };
    let mut items = Vec::new();
    for (member, score) in pop_members(zset, count, max) {
        items.push(Reply::Bulk(member.into()));
        items.push(Reply::bulk(format_double(score)));
    }
    if !items.is_empty() {
        server.changed(client, key);
    }
    Ok(Reply::Array(items))
}

/// ZPOPMIN key [count].
pub fn zpopmin(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    pop(server, client, argv, false)
}

/// ZPOPMAX key [count].
pub fn zpopmax(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    pop(server, client, argv, true)
}

/// Stores members with scores as a sorted set under `target` (deleting it
/// when there are none) and answers the count, as every *STORE command does.
fn store_zset(
    server: &mut Server,
    client: ClientId,
    target: &[u8],
    members: Vec<(Vec<u8>, f64)>,
) -> Result {
    let db = server.db_index(client);
    let count = members.len();
    if members.is_empty() {
        server.delete(db, target);
        return Ok(Reply::Integer(0));
    }
    let limits = server.config.zset_limits();
    let mut zset = ZSetValue::default();
    for (member, score) in members {
        zset.insert(&member, score, limits);
    }
    server.store(db, target, crate::object::Value::ZSet(zset), false);
    Ok(Reply::count(count))
}

/// ZRANGESTORE destination source min max [BYSCORE|BYLEX] [REV] [LIMIT offset count].
pub fn zrangestore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let request = parse_range(&argv[2..], RangeKind::Auto, None, true)?;
    let selected = match server.read::<ZSetValue>(client, &argv[2])? {
        Some(zset) => owned(select(zset, &request)),
        None => Vec::new(),
    };
    store_zset(server, client, &argv[1], selected)
}

/// ZRANGEBYLEX key min max [LIMIT offset count].
pub fn zrangebylex(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    range(server, client, argv, RangeKind::Lex, Some(false))
}

/// ZREVRANGEBYLEX key max min [LIMIT offset count].
pub fn zrevrangebylex(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    range(server, client, argv, RangeKind::Lex, Some(true))
}

/// ZLEXCOUNT key min max.
pub fn zlexcount(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (Some(min), Some(max)) = (parse_lex_bound(&argv[2]), parse_lex_bound(&argv[3])) else {
        return Err(Reply::error("ERR min or max not valid string range item"));
    };
    let by = RangeBy::Lex(min, max);
    let count = server
        .read::<ZSetValue>(client, &argv[1])?
        .map_or(0, |z| z.iter().filter(|(m, s)| by.contains(m, *s)).count());
    Ok(Reply::count(count))
}

/// The shared body of ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX.
fn remove_range(server: &mut Server, client: ClientId, key: &[u8], by: RangeBy) -> Result {
    let Some(zset) = server.read_for_write::<ZSetValue>(client, key)? else {
        return Ok(Reply::Integer(0));
    };
    let request = RangeRequest {
        by,
        reverse: false,
        limit: None,
        with_scores: false,
    };
    let doomed = owned(select(zset, &request));
    for (member, _) in &doomed {
        zset.remove(member);
    }
    if !doomed.is_empty() {
        server.changed(client, key);
    }
    Ok(Reply::count(doomed.len()))
}

/// ZREMRANGEBYRANK key start stop.
pub fn zremrangebyrank(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let by = RangeBy::Rank(args::int(&argv[2])?, args::int(&argv[3])?);
    remove_range(server, client, &argv[1], by)
}

/// ZREMRANGEBYSCORE key min max.
pub fn zremrangebyscore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (Some(min), Some(max)) = (parse_score_bound(&argv[2]), parse_score_bound(&argv[3])) else {
        return Err(Reply::error("ERR min or max is not a float"));
    };
    remove_range(server, client, &argv[1], RangeBy::Score(min, max))
}

/// ZREMRANGEBYLEX key min max.
pub fn zremrangebylex(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let (Some(min), Some(max)) = (parse_lex_bound(&argv[2]), parse_lex_bound(&argv[3])) else {
        return Err(Reply::error("ERR min or max not valid string range item"));
    };
    remove_range(server, client, &argv[1], RangeBy::Lex(min, max))
}

/// How ZUNION, ZINTER and ZDIFF combine their inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SetOp {
    Union,
    Inter,
    Diff,
}

/// How scores of the same member from several inputs combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aggregate {
    Sum,
    Min,
    Max,
}

impl Aggregate {
    fn apply(self, a: f64, b: f64) -> f64 {
        match self {
            // inf + -inf is NaN; Redis makes it 0.
            Aggregate::Sum => Some(a + b).filter(|s| !s.is_nan()).unwrap_or(0.0),
            Aggregate::Min => a.min(b),
            Aggregate::Max => a.max(b),
        }
    }
}

/// Members with their scores, as read from an input or produced by an operation.
type Scored = Vec<(Vec<u8>, f64)>;

/// A parsed ZUNION/ZINTER/ZDIFF/ZINTERCARD call.
struct Combination {
    inputs: Vec<Option<Scored>>,
    weights: Vec<f64>,
    aggregate: Aggregate,
    with_scores: bool,
    limit: usize,
}

/// What kind of call is being parsed: the options allowed differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CombineCall {
    /// ZUNION/ZINTER/ZDIFF answering members.
    Reply,
    /// The STORE forms.
    Store,
    /// ZINTERCARD.
    Cardinality,
}

/// `zunionInterDiffGenericCommand`'s parsing: numkeys, the inputs (sorted
/// sets or sets, whose members score 1), then WEIGHTS/AGGREGATE/WITHSCORES/LIMIT.
fn parse_combination(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
    numkeys_at: usize,
    op: SetOp,
    call: CombineCall,
) -> std::result::Result<Combination, Reply> {
    let n = args::int(&argv[numkeys_at])?;
    if n < 1 {
        let name = String::from_utf8_lossy(&argv[0]).to_ascii_lowercase();
        return Err(Reply::error(format!(
            "ERR at least 1 input key is needed for '{name}' command"
        )));
    }
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    if n > argv.len() - numkeys_at - 1 {
        return Err(Reply::error(errors::SYNTAX));
    }
    let keys = &argv[numkeys_at + 1..numkeys_at + 1 + n];
    let mut inputs = Vec::with_capacity(n);
    for key in keys {
        inputs.push(read_scored(server, client, key)?);
    }
    let mut c = Combination {
        inputs,
        weights: vec![1.0; n],
        aggregate: Aggregate::Sum,
        with_scores: false,
        limit: 0,
    };
    let mut rest = &argv[numkeys_at + 1 + n..];
    let full = op != SetOp::Diff && call != CombineCall::Cardinality;
    while let Some(word) = rest.first() {
        if full && rest.len() > n && args::is(word, "weights") {
            for (weight, arg) in c.weights.iter_mut().zip(&rest[1..=n]) {
                *weight = crate::numbers::parse_f64(arg)
                    .ok_or_else(|| Reply::error("ERR weight value is not a float"))?;
            }
            rest = &rest[n + 1..];
        } else if full && rest.len() >= 2 && args::is(word, "aggregate") {
            c.aggregate = [
                ("sum", Aggregate::Sum),
                ("min", Aggregate::Min),
                ("max", Aggregate::Max),
            ]
            .into_iter()
            .find(|(name, _)| args::is(&rest[1], name))
            .ok_or_else(|| Reply::error(errors::SYNTAX))?
            .1;
            rest = &rest[2..];
        } else if call == CombineCall::Reply && args::is(word, "withscores") {
            c.with_scores = true;
            rest = &rest[1..];
        } else if call == CombineCall::Cardinality && rest.len() >= 2 && args::is(word, "limit") {
            c.limit =
                args::count(&rest[1]).map_err(|_| Reply::error("ERR LIMIT can't be negative"))?;
            rest = &rest[2..];
        } else {
            return Err(Reply::error(errors::SYNTAX));
        }
    }
    Ok(c)
}

/// The members and scores of a sorted set, or of a set (every score 1).
fn read_scored(
    server: &mut Server,
    client: ClientId,
    key: &[u8],
) -> std::result::Result<Option<Scored>, Reply> {
    let db = server.db_index(client);
    let Some(entry) = server.lookup_read(db, key) else {
        return Ok(None);
    };
    match &entry.value {
        crate::object::Value::ZSet(z) => Ok(Some(z.iter().map(|(m, s)| (m.to_vec(), s)).collect())),
        crate::object::Value::Set(s) => {
            Ok(Some(s.members().into_iter().map(|m| (m, 1.0)).collect()))
        }
        _ => Err(Reply::error(errors::WRONGTYPE)),
    }
}

/// Applies the operation; the result is ordered as a sorted set.
fn combine(c: &Combination, op: SetOp) -> Vec<(Vec<u8>, f64)> {
    let weighted = |i: usize, score: f64| {
        Some(score * c.weights[i])
            .filter(|s| !s.is_nan())
            .unwrap_or(0.0)
    };
    let mut result: BTreeMap<Vec<u8>, f64> = BTreeMap::new();
    match op {
        SetOp::Union => {
            for (i, input) in c.inputs.iter().enumerate() {
                for (member, score) in input.iter().flatten() {
                    let score = weighted(i, *score);
                    result
                        .entry(member.clone())
                        .and_modify(|s| *s = c.aggregate.apply(*s, score))
                        .or_insert(score);
                }
            }
        }
        SetOp::Inter => {
            let Some(first) = c.inputs.first().and_then(Option::as_ref) else {
                return Vec::new();
            };
            'members: for (member, score) in first {
                let mut total = weighted(0, *score);
                for (i, input) in c.inputs.iter().enumerate().skip(1) {
                    let Some(other) = input
                        .as_ref()
                        .and_then(|inp| inp.iter().find(|(m, _)| m == member))
                    else {
                        continue 'members;
                    };
                    total = c.aggregate.apply(total, weighted(i, other.1));
                }
                result.insert(member.clone(), total);
            }
        }
        SetOp::Diff => {
            for (member, score) in c.inputs.first().into_iter().flatten().flatten() {
                let elsewhere = c
                    .inputs
                    .iter()
                    .skip(1)
                    .flatten()
                    .any(|inp| inp.iter().any(|(m, _)| m == member));
                if !elsewhere {
                    result.insert(member.clone(), *score);
                }
            }
        }
    }
    let mut ordered: Vec<(Vec<u8>, f64)> = result.into_iter().collect();
    ordered.sort_by(|a, b| Score(a.1).cmp(&Score(b.1)).then_with(|| a.0.cmp(&b.0)));
    ordered
}

fn combine_reply(server: &mut Server, client: ClientId, argv: &[Vec<u8>], op: SetOp) -> Result {
    let c = parse_combination(server, client, argv, 1, op, CombineCall::Reply)?;
    let mut items = Vec::new();
    for (member, score) in combine(&c, op) {
        items.push(Reply::Bulk(member.into()));
        if c.with_scores {
            items.push(Reply::bulk(format_double(score)));
        }
    }
    Ok(Reply::Array(items))
}

fn combine_store(server: &mut Server, client: ClientId, argv: &[Vec<u8>], op: SetOp) -> Result {
    let c = parse_combination(server, client, argv, 2, op, CombineCall::Store)?;
    let result = combine(&c, op);
    store_zset(server, client, &argv[1], result)
}

/// ZUNION numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES].
pub fn zunion(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    combine_reply(server, client, argv, SetOp::Union)
}

/// ZINTER numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES].
pub fn zinter(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    combine_reply(server, client, argv, SetOp::Inter)
}

/// ZDIFF numkeys key [key ...] [WITHSCORES].
pub fn zdiff(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    combine_reply(server, client, argv, SetOp::Diff)
}

/// ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE ...].
pub fn zunionstore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    combine_store(server, client, argv, SetOp::Union)
}

/// ZINTERSTORE destination numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE ...].
pub fn zinterstore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    combine_store(server, client, argv, SetOp::Inter)
}

/// ZDIFFSTORE destination numkeys key [key ...].
pub fn zdiffstore(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    combine_store(server, client, argv, SetOp::Diff)
}

/// ZINTERCARD numkeys key [key ...] [LIMIT limit].
pub fn zintercard(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let c = parse_combination(
        server,
        client,
        argv,
        1,
        SetOp::Inter,
        CombineCall::Cardinality,
    )?;
    let count = combine(&c, SetOp::Inter).len();
    Ok(Reply::count(if c.limit == 0 {
        count
    } else {
        count.min(c.limit)
    }))
}

/// Removes up to `count` members from the low (or high, if `max`) end.
fn pop_members(zset: &mut ZSetValue, count: usize, max: bool) -> Vec<(Vec<u8>, f64)> {
    let mut popped = Vec::new();
    for _ in 0..count {
        let next = if max {
            zset.iter().next_back()
        } else {
            zset.iter().next()
        };
        let Some((member, score)) = next.map(|(m, s)| (m.to_vec(), s)) else {
            break;
        };
        zset.remove(&member);
        popped.push((member, score));
    }
    popped
}

/// ZMPOP's work on `numkeys key... MIN|MAX [COUNT n]` (after the name, or
/// after BZMPOP's timeout): `None` when every sorted set is empty.
fn zmpop_from(
    server: &mut Server,
    client: ClientId,
    argv: &[Vec<u8>],
) -> std::result::Result<Option<Reply>, Reply> {
    let args::Mpop { keys, end, count } = args::mpop(argv)?;
    let max = parse_min_max(end)?;
    for key in keys {
        let Some(zset) = server.read_for_write::<ZSetValue>(client, key)? else {
            continue;
        };
        let popped = pop_members(zset, count, max);
        let event = if max { "zpopmax" } else { "zpopmin" };
        server.changed_as(client, key, ZSET, event);
        let pairs = popped
            .into_iter()
            .map(|(m, s)| Reply::Array(vec![Reply::Bulk(m.into()), Reply::bulk(format_double(s))]));
        return Ok(Some(Reply::Array(vec![
            Reply::bulk(key),
            Reply::Array(pairs.collect()),
        ])));
    }
    Ok(None)
}

/// MIN or MAX: true for MAX.
fn parse_min_max(word: &[u8]) -> std::result::Result<bool, Reply> {
    if args::is(word, "max") {
        Ok(true)
    } else if args::is(word, "min") {
        Ok(false)
    } else {
        Err(Reply::error(errors::SYNTAX))
    }
}

/// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: pops from the first
/// non-empty sorted set and answers its name with member-score pairs.
pub fn zmpop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    Ok(zmpop_from(server, client, argv)?.unwrap_or(Reply::NilArray))
}

/// BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count].
pub fn bzmpop(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let deadline = parse_timeout(&argv[1], server.now_ms)?;
    let attempt: Attempt = |server, client, argv| zmpop_from(server, client, &argv[1..]);
    server.block_or_serve(client, argv, deadline, attempt, Reply::NilArray)
}

/// BZPOPMIN and BZPOPMAX's attempt: key, member and score from the first non-empty sorted set.
fn bzpop_first(
    server: &mut Server,
    client: ClientId,
    keys: &[Vec<u8>],
    max: bool,
) -> std::result::Result<Option<Reply>, Reply> {
    for key in keys {
        let Some(zset) = server.read_for_write::<ZSetValue>(client, key)? else {
            continue;
        };
        let Some((member, score)) = pop_members(zset, 1, max).pop() else {
            continue;
        };
        server.changed(client, key);
        return Ok(Some(Reply::Array(vec![
            Reply::bulk(key),
            Reply::Bulk(member.into()),
            Reply::bulk(format_double(score)),
        ])));
    }
    Ok(None)
}

/// BZPOPMIN key [key ...] timeout.
pub fn bzpopmin(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let deadline = parse_timeout(&argv[argv.len() - 1], server.now_ms)?;
    let attempt: Attempt =
        |server, client, argv| bzpop_first(server, client, &argv[1..argv.len() - 1], false);
    server.block_or_serve(client, argv, deadline, attempt, Reply::NilArray)
}

/// BZPOPMAX key [key ...] timeout.
pub fn bzpopmax(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let deadline = parse_timeout(&argv[argv.len() - 1], server.now_ms)?;
    let attempt: Attempt =
        |server, client, argv| bzpop_first(server, client, &argv[1..argv.len() - 1], true);
    server.block_or_serve(client, argv, deadline, attempt, Reply::NilArray)
}

/// ZRANDMEMBER key [count [WITHSCORES]]: random members, distinct for a
/// positive count, possibly repeated for a negative one.
pub fn zrandmember(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let count = argv.get(2).map(|c| args::int(c)).transpose()?;
    let with_scores = match argv.get(3) {
        None => false,
        Some(word) if argv.len() == 4 && args::is(word, "withscores") => true,
        Some(_) => return Err(Reply::error(errors::SYNTAX)),
    };
    if with_scores && count.is_some_and(|c| !(-(i64::MAX / 2)..=i64::MAX / 2).contains(&c)) {
        return Err(Reply::error("ERR value is out of range"));
    }
    let Some(members) = server
        .read::<ZSetValue>(client, &argv[1])?
        .map(|z| z.iter().map(|(m, s)| (m.to_vec(), s)).collect::<Scored>())
    else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let Some(count) = count else {
        let pick = random::distinct(server, members.len(), 1);
        return Ok(Reply::bulk_or_nil(pick.first().map(|i| &members[*i].0)));
    };
    let mut positions = random::positions(server, members.len(), count);
    if usize::try_from(count).is_ok_and(|c| c >= members.len()) {
        // Asked for the whole set, Redis answers it highest score first.
        positions.reverse();
    }
    let mut items = Vec::new();
    for i in positions {
        items.push(Reply::bulk(&members[i].0));
        if with_scores {
            items.push(Reply::bulk(format_double(members[i].1)));
        }
    }
    Ok(Reply::Array(items))
}
