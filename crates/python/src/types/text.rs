//! The methods str and bytes share — searching, splitting, stripping, padding, case —
//! written once over the bytes of either (a str's are its UTF-8), as CPython writes them
//! once in `Objects/stringlib`. [`Kind`] says what differs: what one unit is (a code
//! point or a byte), which units are whitespace or line breaks, how case maps, and how
//! an argument of the wrong type is refused.
//!
//! Positions a program sees (`find`'s result, `start` and `end`) count units; the
//! searching itself runs on bytes, which for UTF-8 finds exactly the same matches.

use std::rc::Rc;

use super::{Form, Signature, adjust_range, flag_arg, index_arg, slice_arg};
use crate::value::Value;
use crate::vm::Vm;
use crate::vm::exceptions::{self, error};
use crate::vm::iter;
use crate::vm::native::{Args, PyResult, Signal};

/// str or bytes, for the methods they share.
pub(crate) trait Kind {
    /// The type's name, as messages print it.
    const OWNER: &'static str;

    /// Whether a unit is a byte (bytes) rather than a code point (str).
    const BYTES: bool;

    /// The bytes of `value`, if it is of this kind.
    fn bytes_of(value: &Value) -> Option<&[u8]>;

    /// A value of this kind made of whole units.
    fn make(bytes: &[u8]) -> Value;

    /// The unit that starts at byte `at`: its code and its length in bytes.
    fn unit_at(bytes: &[u8], at: usize) -> (u32, usize);

    /// Whether the unit `code` is whitespace (`str.split()`, `strip()`).
    fn is_space(code: u32) -> bool;

    /// Whether the unit `code` ends a line (`splitlines`).
    fn is_line_break(code: u32) -> bool;

    /// The refusal of an argument of the wrong type. For bytes it is always `a
    /// bytes-like object is required, not 'str'`; for str, `str_message` words it
    /// with the argument's type name.
    fn wrong_type(vm: &mut Vm, value: &Value, str_message: &dyn Fn(&str) -> String) -> Signal;

    // The case rules: Unicode's for str, ASCII letters only for bytes.

    /// An uppercase letter.
    fn is_upper(c: char) -> bool;
    /// A lowercase letter.
    fn is_lower(c: char) -> bool;
    /// A titlecase letter (`ǅ`), which counts as uppercase where case is asked.
    fn is_title(c: char) -> bool;
    /// Writes `c` in uppercase (`ß` is `SS`).
    fn to_upper(c: char, out: &mut String);
    /// Writes `c` in lowercase.
    fn to_lower(c: char, out: &mut String);
    /// Writes `c` as the first letter of a word.
    fn to_title(c: char, out: &mut String);

    /// Whether a unit of this kind has case at all.
    fn is_cased(c: char) -> bool {
        Self::is_upper(c) || Self::is_lower(c) || Self::is_title(c)
    }

    /// The units as chars (a byte as the char of the same number).
    fn chars(bytes: &[u8]) -> Vec<char> {
        let mut chars = Vec::with_capacity(bytes.len());
        let mut at = 0;
        while at < bytes.len() {
            let (code, len) = Self::unit_at(bytes, at);
            chars.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            at += len;
        }
        chars
    }

    /// A value of this kind from chars made by [`Kind::chars`] and the case rules.
    fn from_chars(text: &str) -> Value {
        if Self::BYTES {
            let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
            Self::make(&bytes)
        } else {
            Self::make(text.as_bytes())
        }
    }
}

/// The number of units in `bytes`.
fn unit_count<K: Kind>(bytes: &[u8]) -> usize {
    if K::BYTES || bytes.is_ascii() {
        return bytes.len();
    }
    bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

/// The byte offset of unit `unit` (the end, past the last unit).
fn offset_of<K: Kind>(bytes: &[u8], unit: usize) -> usize {
    if K::BYTES || bytes.is_ascii() {
        return unit.min(bytes.len());
    }
    let mut seen = 0;
    for (at, &b) in bytes.iter().enumerate() {
        if b & 0xc0 != 0x80 {
            if seen == unit {
                return at;
            }
            seen += 1;
        }
    }
    bytes.len()
}

/// The unit index of byte offset `at`.
fn unit_index<K: Kind>(bytes: &[u8], at: usize) -> usize {
    unit_count::<K>(&bytes[..at])
}

/// The unit that ends at byte `end`: its code and length.
fn unit_before<K: Kind>(bytes: &[u8], end: usize) -> (u32, usize) {
    let mut start = end - 1;
    while start > 0 && bytes[start] & 0xc0 == 0x80 && !K::BYTES {
        start -= 1;
    }
    K::unit_at(bytes, start)
}

/// The first occurrence of `needle` in `hay`.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The last occurrence of `needle` in `hay`.
fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// How many times `needle` occurs in `hay` without overlapping.
fn count_bytes(hay: &[u8], needle: &[u8]) -> usize {
    let mut count = 0;
    let mut at = 0;
    while let Some(found) = find_bytes(&hay[at..], needle) {
        count += 1;
        at += found + needle.len();
    }
    count
}

/// The object a shared method was called on, as bytes.
fn receiver<'a, K: Kind>(vm: &mut Vm, sig: &Signature, this: &'a Value) -> PyResult<&'a [u8]> {
    match K::bytes_of(this) {
        Some(bytes) => Ok(bytes),
        None => Err(sig.wrong_object(vm, this)),
    }
}

/// An argument that must be of the receiver's kind.
fn text_arg<K: Kind>(
    vm: &mut Vm,
    value: &Value,
    str_message: &dyn Fn(&str) -> String,
) -> PyResult<Vec<u8>> {
    match K::bytes_of(value) {
        Some(bytes) => Ok(bytes.to_vec()),
        None => Err(K::wrong_type(vm, value, str_message)),
    }
}

/// The substring argument of `find` and its family: for bytes, an int stands for
/// the byte it numbers.
fn sub_arg<K: Kind>(vm: &mut Vm, value: &Value) -> PyResult<Vec<u8>> {
    if let Some(bytes) = K::bytes_of(value) {
        return Ok(bytes.to_vec());
    }
    if K::BYTES {
        if crate::vm::int::as_int(value).is_some() {
            let n = index_arg(vm, value)?;
            return match u8::try_from(n) {
                Ok(byte) => Ok(vec![byte]),
                Err(_) => Err(error(vm, "ValueError", "byte must be in range(0, 256)")),
            };
        }
        let message = format!(
            "argument should be integer or bytes-like object, not '{}'",
            value.type_name()
        );
        return Err(error(vm, "TypeError", &message));
    }
    Err(K::wrong_type(vm, value, &|t| {
        format!("must be str, not {t}")
    }))
}

/// Which of the searching methods runs.
#[derive(Clone, Copy, PartialEq)]
enum Search {
    Find,
    RFind,
    Index,
    RIndex,
    Count,
}

/// `find`, `rfind`, `index`, `rindex` and `count`: `sub` within `[start:end]`.
fn search<K: Kind>(vm: &mut Vm, args: Args, name: &'static str, how: Search) -> PyResult {
    let sig = Signature::positional(K::OWNER, name, Form::Parsed, &["sub", "start", "end"], 1);
    let (this, [sub, start, end]) = sig.bind(vm, args)?;
    let hay = receiver::<K>(vm, &sig, &this)?;
    let needle = sub_arg::<K>(vm, sub.as_ref().expect("required"))?;
    let start = slice_arg(vm, start.as_ref(), true)?;
    let end = slice_arg(vm, end.as_ref(), true)?;
    let (start, end) = adjust_range(start, end, unit_count::<K>(hay));
    let needle_units = unit_count::<K>(&needle);
    if start + needle_units > end {
        return match how {
            Search::Count => Ok(Value::Int(0)),
            Search::Find | Search::RFind => Ok(Value::Int(-1)),
            Search::Index | Search::RIndex => Err(not_found::<K>(vm)),
        };
    }
    let (from, to) = (offset_of::<K>(hay, start), offset_of::<K>(hay, end));
    let window = &hay[from..to];
    let found = match how {
        Search::Count if needle.is_empty() => return Ok(Value::Int((end - start + 1) as i64)),
        Search::Count => return Ok(Value::Int(count_bytes(window, &needle) as i64)),
        Search::Find | Search::Index => find_bytes(window, &needle),
        Search::RFind | Search::RIndex => rfind_bytes(window, &needle),
    };
    match found {
        Some(at) => Ok(Value::Int(unit_index::<K>(hay, from + at) as i64)),
        None if matches!(how, Search::Index | Search::RIndex) => Err(not_found::<K>(vm)),
        None => Ok(Value::Int(-1)),
    }
}

fn not_found<K: Kind>(vm: &mut Vm) -> Signal {
    let message = if K::BYTES {
        "subsection not found"
    } else {
        "substring not found"
    };
    error(vm, "ValueError", message)
}

/// `s.find(sub[, start[, end]])`: the lowest position of `sub`, or -1.
pub(crate) fn find<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    search::<K>(vm, args, "find", Search::Find)
}

/// `s.rfind(sub[, start[, end]])`: the highest position of `sub`, or -1.
pub(crate) fn rfind<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    search::<K>(vm, args, "rfind", Search::RFind)
}

/// `s.index(sub[, start[, end]])`: as `find`, but ValueError when it is not there.
pub(crate) fn index<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    search::<K>(vm, args, "index", Search::Index)
}

/// `s.rindex(sub[, start[, end]])`: as `rfind`, but ValueError when it is not there.
pub(crate) fn rindex<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    search::<K>(vm, args, "rindex", Search::RIndex)
}

/// `s.count(sub[, start[, end]])`: how many times `sub` occurs, not overlapping.
pub(crate) fn count<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    search::<K>(vm, args, "count", Search::Count)
}

/// `startswith` and `endswith`: a prefix (or one of a tuple of them) at one end of
/// `[start:end]`.
fn affix<K: Kind>(vm: &mut Vm, args: Args, name: &'static str, at_end: bool) -> PyResult {
    let sig = Signature::positional(K::OWNER, name, Form::Parsed, &["prefix", "start", "end"], 1);
    let (this, [affix, start, end]) = sig.bind(vm, args)?;
    let hay = receiver::<K>(vm, &sig, &this)?;
    let affix = affix.expect("required");
    let candidates: Vec<Value> = match &affix {
        Value::Tuple(items) => items.to_vec(),
        other if K::bytes_of(other).is_some() => vec![other.clone()],
        other => {
            let message = format!(
                "{name} first arg must be {owner} or a tuple of {owner}, not {}",
                other.type_name(),
                owner = K::OWNER
            );
            return Err(error(vm, "TypeError", &message));
        }
    };
    let start = slice_arg(vm, start.as_ref(), true)?;
    let end = slice_arg(vm, end.as_ref(), true)?;
    let (start, end) = adjust_range(start, end, unit_count::<K>(hay));
    for candidate in &candidates {
        let message = |t: &str| format!("tuple for {name} must only contain str, not {t}");
        let affix = text_arg::<K>(vm, candidate, &message)?;
        let units = unit_count::<K>(&affix);
        if start + units > end {
            continue;
        }
        let (from, to) = (offset_of::<K>(hay, start), offset_of::<K>(hay, end));
        let window = &hay[from..to];
        let matched = if at_end {
            window.ends_with(&affix)
        } else {
            window.starts_with(&affix)
        };
        if matched {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// `s.startswith(prefix[, start[, end]])`; `prefix` may be a tuple of prefixes.
pub(crate) fn startswith<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    affix::<K>(vm, args, "startswith", false)
}

/// `s.endswith(suffix[, start[, end]])`; `suffix` may be a tuple of suffixes.
pub(crate) fn endswith<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    affix::<K>(vm, args, "endswith", true)
}

/// The `maxsplit` argument: how many splits at most (a negative number: no limit).
fn maxsplit_arg(vm: &mut Vm, value: Option<&Value>) -> PyResult<usize> {
    match value {
        None => Ok(usize::MAX),
        Some(value) => {
            let n = index_arg(vm, value)?;
            Ok(if n < 0 { usize::MAX } else { n as usize })
        }
    }
}

/// The separator of `split`/`rsplit`: None splits on runs of whitespace.
fn sep_arg<K: Kind>(vm: &mut Vm, value: Option<Value>) -> PyResult<Option<Vec<u8>>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(value) => {
            let sep = text_arg::<K>(vm, &value, &|t| format!("must be str or None, not {t}"))?;
            if sep.is_empty() {
                return Err(error(vm, "ValueError", "empty separator"));
            }
            Ok(Some(sep))
        }
    }
}

/// The pieces of `bytes` between runs of whitespace, left to right, at most
/// `maxsplit` splits (CPython's `split_whitespace`).
fn split_whitespace<K: Kind>(bytes: &[u8], maxsplit: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut i = 0;
    let len = bytes.len();
    let skip_space = |mut i: usize| {
        while i < len {
            let (code, n) = K::unit_at(bytes, i);
            if !K::is_space(code) {
                break;
            }
            i += n;
        }
        i
    };
    let mut left = maxsplit;
    while left > 0 {
        i = skip_space(i);
        if i == len {
            break;
        }
        let start = i;
        while i < len {
            let (code, n) = K::unit_at(bytes, i);
            if K::is_space(code) {
                break;
            }
            i += n;
        }
        pieces.push((start, i));
        left -= 1;
    }
    if i < len {
        i = skip_space(i);
        if i < len {
            pieces.push((i, len));
        }
    }
    pieces
}

/// The same from the right (CPython's `rsplit_whitespace`), pieces in order.
fn rsplit_whitespace<K: Kind>(bytes: &[u8], maxsplit: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut i = bytes.len();
    let skip_space = |mut i: usize| {
        while i > 0 {
            let (code, n) = unit_before::<K>(bytes, i);
            if !K::is_space(code) {
                break;
            }
            i -= n;
        }
        i
    };
    let mut left = maxsplit;
    while left > 0 {
        i = skip_space(i);
        if i == 0 {
            break;
        }
        let end = i;
        while i > 0 {
            let (code, n) = unit_before::<K>(bytes, i);
            if K::is_space(code) {
                break;
            }
            i -= n;
        }
        pieces.push((i, end));
        left -= 1;
    }
    if i > 0 {
        i = skip_space(i);
        if i > 0 {
            pieces.push((0, i));
        }
    }
    pieces.reverse();
    pieces
}

/// The pieces of `bytes` around `sep`, at most `maxsplit` splits, from the left or
/// from the right.
fn split_on(bytes: &[u8], sep: &[u8], maxsplit: usize, from_right: bool) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut left = maxsplit;
    if from_right {
        let mut end = bytes.len();
        while left > 0 {
            let Some(at) = rfind_bytes(&bytes[..end], sep) else {
                break;
            };
            pieces.push((at + sep.len(), end));
            end = at;
            left -= 1;
        }
        pieces.push((0, end));
        pieces.reverse();
    } else {
        let mut start = 0;
        while left > 0 {
            let Some(at) = find_bytes(&bytes[start..], sep) else {
                break;
            };
            pieces.push((start, start + at));
            start += at + sep.len();
            left -= 1;
        }
        pieces.push((start, bytes.len()));
    }
    pieces
}

fn pieces<K: Kind>(bytes: &[u8], ranges: Vec<(usize, usize)>) -> Value {
    Value::list(
        ranges
            .into_iter()
            .map(|(a, b)| K::make(&bytes[a..b]))
            .collect(),
    )
}

/// `split` and `rsplit`.
fn split_either<K: Kind>(
    vm: &mut Vm,
    args: Args,
    name: &'static str,
    from_right: bool,
) -> PyResult {
    let sig = Signature::keywords(K::OWNER, name, &["sep", "maxsplit"], 0);
    let (this, [sep, maxsplit]) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    let sep = sep_arg::<K>(vm, sep)?;
    let maxsplit = maxsplit_arg(vm, maxsplit.as_ref())?;
    let ranges = match (sep, from_right) {
        (None, false) => split_whitespace::<K>(bytes, maxsplit),
        (None, true) => rsplit_whitespace::<K>(bytes, maxsplit),
        (Some(sep), _) => split_on(bytes, &sep, maxsplit, from_right),
    };
    Ok(pieces::<K>(bytes, ranges))
}

/// `s.split(sep=None, maxsplit=-1)`: the pieces between separators; without `sep`,
/// the words between runs of whitespace.
pub(crate) fn split<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    split_either::<K>(vm, args, "split", false)
}

/// `s.rsplit(sep=None, maxsplit=-1)`: as `split`, counting splits from the right.
pub(crate) fn rsplit<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    split_either::<K>(vm, args, "rsplit", true)
}

/// `s.splitlines(keepends=False)`: the lines, each without (or with) its line break.
pub(crate) fn splitlines<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::keywords(K::OWNER, "splitlines", &["keepends"], 0);
    let (this, [keepends]) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    let keepends = flag_arg(vm, keepends.as_ref())?;
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let (mut line_end, mut next) = (bytes.len(), bytes.len());
        while i < bytes.len() {
            let (code, n) = K::unit_at(bytes, i);
            if K::is_line_break(code) {
                let crlf = code == u32::from(b'\r') && bytes.get(i + 1) == Some(&b'\n');
                (line_end, next) = (i, if crlf { i + 2 } else { i + n });
                break;
            }
            i += n;
        }
        ranges.push((start, if keepends { next } else { line_end }));
        i = next;
    }
    Ok(pieces::<K>(bytes, ranges))
}

/// `strip`, `lstrip` and `rstrip`: which ends.
fn strip_ends<K: Kind>(
    vm: &mut Vm,
    args: Args,
    name: &'static str,
    left: bool,
    right: bool,
) -> PyResult {
    let sig = Signature::positional(K::OWNER, name, Form::Counted, &["chars"], 0);
    let (this, [chars]) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    let chars: Option<Vec<u32>> = match chars {
        None | Some(Value::None) => None,
        Some(value) => {
            let message = |_: &str| format!("{name} arg must be None or str");
            let set = text_arg::<K>(vm, &value, &message)?;
            Some(K::chars(&set).into_iter().map(u32::from).collect())
        }
    };
    let strips = |code: u32| match &chars {
        Some(set) => set.contains(&code),
        None => K::is_space(code),
    };
    let (mut start, mut end) = (0, bytes.len());
    if left {
        while start < end {
            let (code, n) = K::unit_at(bytes, start);
            if !strips(code) {
                break;
            }
            start += n;
        }
    }
    if right {
        while end > start {
            let (code, n) = unit_before::<K>(bytes, end);
            if !strips(code) {
                break;
            }
            end -= n;
        }
    }
    if start == 0 && end == bytes.len() {
        return Ok(this.clone());
    }
    Ok(K::make(&bytes[start..end]))
}

/// `s.strip([chars])`: without the whitespace (or the `chars`) at both ends.
pub(crate) fn strip<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    strip_ends::<K>(vm, args, "strip", true, true)
}

/// `s.lstrip([chars])`: the same at the start only.
pub(crate) fn lstrip<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    strip_ends::<K>(vm, args, "lstrip", true, false)
}

/// `s.rstrip([chars])`: the same at the end only.
pub(crate) fn rstrip<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    strip_ends::<K>(vm, args, "rstrip", false, true)
}

/// `s.replace(old, new[, count])`: each `old` (at most `count` of them, from the
/// left) replaced by `new`. An empty `old` matches before every unit and at the end.
pub(crate) fn replace<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::positional(
        K::OWNER,
        "replace",
        Form::Counted,
        &["old", "new", "count"],
        2,
    );
    let (this, [old, new, count]) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    let old = text_arg::<K>(vm, &old.expect("required"), &|t| {
        format!("replace() argument 1 must be str, not {t}")
    })?;
    let new = text_arg::<K>(vm, &new.expect("required"), &|t| {
        format!("replace() argument 2 must be str, not {t}")
    })?;
    let mut left = maxsplit_arg(vm, count.as_ref())?;
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    if old.is_empty() {
        while left > 0 && at <= bytes.len() {
            out.extend_from_slice(&new);
            left -= 1;
            if at == bytes.len() {
                at += 1;
                break;
            }
            let (_, n) = K::unit_at(bytes, at);
            out.extend_from_slice(&bytes[at..at + n]);
            at += n;
        }
        if at <= bytes.len() {
            out.extend_from_slice(&bytes[at..]);
        }
        return Ok(K::make(&out));
    }
    while left > 0 {
        let Some(found) = find_bytes(&bytes[at..], &old) else {
            break;
        };
        out.extend_from_slice(&bytes[at..at + found]);
        out.extend_from_slice(&new);
        at += found + old.len();
        left -= 1;
    }
    out.extend_from_slice(&bytes[at..]);
    Ok(K::make(&out))
}

/// `partition` and `rpartition`.
fn partition_at<K: Kind>(
    vm: &mut Vm,
    args: Args,
    name: &'static str,
    from_right: bool,
) -> PyResult {
    let sig = Signature::one(K::OWNER, name);
    let (this, [sep]) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    let sep = text_arg::<K>(vm, &sep.expect("required"), &|t| {
        format!("must be str, not {t}")
    })?;
    if sep.is_empty() {
        return Err(error(vm, "ValueError", "empty separator"));
    }
    let found = if from_right {
        rfind_bytes(bytes, &sep)
    } else {
        find_bytes(bytes, &sep)
    };
    let empty = K::make(b"");
    let parts = match found {
        Some(at) => vec![
            K::make(&bytes[..at]),
            K::make(&sep),
            K::make(&bytes[at + sep.len()..]),
        ],
        None if from_right => vec![empty.clone(), empty, this.clone()],
        None => vec![this.clone(), empty.clone(), empty],
    };
    Ok(Value::tuple(parts))
}

/// `s.partition(sep)`: what comes before the first `sep`, `sep`, and what follows.
pub(crate) fn partition<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    partition_at::<K>(vm, args, "partition", false)
}

/// `s.rpartition(sep)`: the same around the last `sep`.
pub(crate) fn rpartition<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    partition_at::<K>(vm, args, "rpartition", true)
}

/// `sep.join(iterable)`: the items, which must be of `sep`'s kind, with `sep` between.
pub(crate) fn join<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::one(K::OWNER, "join");
    let (this, [iterable]) = sig.bind(vm, args)?;
    let sep = receiver::<K>(vm, &sig, &this)?;
    let iterable = iterable.expect("required");
    let iterator = match iter::get_iter(vm, &iterable) {
        Ok(iterator) => iterator,
        Err(Signal::Raise(exc)) if exceptions::is_instance_of(vm, &exc, "TypeError") => {
            return Err(error(vm, "TypeError", "can only join an iterable"));
        }
        Err(signal) => return Err(signal),
    };
    let mut out = Vec::new();
    let mut index = 0;
    while let Some(item) = iter::next(vm, &iterator)? {
        let Some(bytes) = K::bytes_of(&item) else {
            let expected = if K::BYTES {
                "a bytes-like object"
            } else {
                "str instance"
            };
            let message = format!(
                "sequence item {index}: expected {expected}, {} found",
                item.type_name()
            );
            return Err(error(vm, "TypeError", &message));
        };
        if index > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(bytes);
        index += 1;
    }
    Ok(K::make(&out))
}

/// Where `center`, `ljust` and `rjust` put the text within the width.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Center,
    Right,
}

/// The fill character argument: one unit.
fn fill_arg<K: Kind>(vm: &mut Vm, name: &str, value: Option<Value>) -> PyResult<Vec<u8>> {
    let Some(value) = value else {
        return Ok(b" ".to_vec());
    };
    match K::bytes_of(&value) {
        Some(fill) if unit_count::<K>(fill) == 1 => Ok(fill.to_vec()),
        _ if K::BYTES => {
            let message = format!(
                "{name}() argument 2 must be a byte string of length 1, not {}",
                value.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
        Some(_) => Err(error(
            vm,
            "TypeError",
            "The fill character must be exactly one character long",
        )),
        None => {
            let message = format!(
                "The fill character must be a unicode character, not {}",
                value.type_name()
            );
            Err(error(vm, "TypeError", &message))
        }
    }
}

/// `bytes` padded with `fill` to `width` units: `left` fills before, the rest after.
fn padded<K: Kind>(bytes: &[u8], fill: &[u8], left: usize, right: usize) -> Value {
    let mut out = Vec::with_capacity(bytes.len() + (left + right) * fill.len());
    out.extend(fill.repeat(left));
    out.extend_from_slice(bytes);
    out.extend(fill.repeat(right));
    K::make(&out)
}

fn justify<K: Kind>(vm: &mut Vm, args: Args, name: &'static str, align: Align) -> PyResult {
    let sig = Signature::positional(K::OWNER, name, Form::Counted, &["width", "fillchar"], 1);
    let (this, [width, fill]) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    let width = index_arg(vm, &width.expect("required"))?;
    let fill = fill_arg::<K>(vm, name, fill)?;
    let len = unit_count::<K>(bytes) as i64;
    if width <= len {
        return Ok(this.clone());
    }
    let margin = (width - len) as usize;
    let left = match align {
        Align::Left => 0,
        Align::Right => margin,
        // CPython's rounding: the odd space goes left when the width is odd.
        Align::Center => margin / 2 + (margin & width as usize & 1),
    };
    Ok(padded::<K>(bytes, &fill, left, margin - left))
}

/// `s.center(width[, fillchar])`: centred in `width`.
pub(crate) fn center<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    justify::<K>(vm, args, "center", Align::Center)
}

/// `s.ljust(width[, fillchar])`: on the left of `width`.
pub(crate) fn ljust<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    justify::<K>(vm, args, "ljust", Align::Left)
}

/// `s.rjust(width[, fillchar])`: on the right of `width`.
pub(crate) fn rjust<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    justify::<K>(vm, args, "rjust", Align::Right)
}

/// `s.zfill(width)`: zeros on the left up to `width`, after a leading sign.
pub(crate) fn zfill<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::one(K::OWNER, "zfill");
    let (this, [width]) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    let width = index_arg(vm, &width.expect("required"))?;
    let len = unit_count::<K>(bytes) as i64;
    if width <= len {
        return Ok(this.clone());
    }
    let zeros = b"0".repeat((width - len) as usize);
    let sign = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    Ok(K::make(&[&bytes[..sign], &zeros, &bytes[sign..]].concat()))
}

/// `s.expandtabs(tabsize=8)`: each tab replaced by spaces up to the next tab stop.
pub(crate) fn expandtabs<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let sig = Signature::keywords(K::OWNER, "expandtabs", &["tabsize"], 0);
    let (this, [tabsize]) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    let tabsize = match tabsize {
        Some(value) => index_arg(vm, &value)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut column: i64 = 0;
    let mut at = 0;
    while at < bytes.len() {
        let (code, n) = K::unit_at(bytes, at);
        if code == u32::from(b'\t') {
            if tabsize > 0 {
                let spaces = tabsize - column % tabsize;
                out.extend(b" ".repeat(spaces as usize));
                column += spaces;
            }
        } else {
            out.extend_from_slice(&bytes[at..at + n]);
            column += 1;
            if code == u32::from(b'\n') || code == u32::from(b'\r') {
                column = 0;
            }
        }
        at += n;
    }
    Ok(K::make(&out))
}

/// `removeprefix` and `removesuffix`.
fn remove_affix<K: Kind>(vm: &mut Vm, args: Args, name: &'static str, at_end: bool) -> PyResult {
    let sig = Signature::one(K::OWNER, name);
    let (this, [affix]) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    let affix = text_arg::<K>(vm, &affix.expect("required"), &|t| {
        format!("{name}() argument must be str, not {t}")
    })?;
    let rest = if at_end {
        bytes.strip_suffix(affix.as_slice())
    } else {
        bytes.strip_prefix(affix.as_slice())
    };
    match rest {
        Some(rest) if !affix.is_empty() => Ok(K::make(rest)),
        _ => Ok(this.clone()),
    }
}

/// `s.removeprefix(prefix)`: without `prefix`, if it starts with it.
pub(crate) fn removeprefix<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    remove_affix::<K>(vm, args, "removeprefix", false)
}

/// `s.removesuffix(suffix)`: without `suffix`, if it ends with it.
pub(crate) fn removesuffix<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    remove_affix::<K>(vm, args, "removesuffix", true)
}

/// The units of a method of no arguments' object, as chars.
fn chars_of<K: Kind>(vm: &mut Vm, args: Args, name: &'static str) -> PyResult<Vec<char>> {
    let sig = Signature::no_args(K::OWNER, name);
    let (this, []) = sig.bind(vm, args)?;
    let bytes = receiver::<K>(vm, &sig, &this)?;
    Ok(K::chars(bytes))
}

/// Whether case rules look through `c` to the letters around it (Unicode's
/// Case_Ignorable: apostrophes, periods, colons, combining accents…).
fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.'
            | ':'
            | '^'
            | '`'
            | '\u{a8}'
            | '\u{ad}'
            | '\u{af}'
            | '\u{b4}'
            | '\u{b7}'
            | '\u{b8}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2024}'
            | '\u{2027}'
            | '\u{300}'..='\u{36f}'
    )
}

/// Whether a capital sigma at `i` ends a word, where it lowers to `ς`: a cased letter
/// comes before it and none after, looking through case-ignorable characters
/// (CPython's `handle_capital_sigma`).
fn is_final_sigma<K: Kind>(chars: &[char], i: usize) -> bool {
    let cased_before = chars[..i]
        .iter()
        .rev()
        .find(|&&c| !is_case_ignorable(c))
        .is_some_and(|&c| K::is_cased(c));
    let cased_after = chars[i + 1..]
        .iter()
        .find(|&&c| !is_case_ignorable(c))
        .is_some_and(|&c| K::is_cased(c));
    cased_before && !cased_after
}

/// A char lowered in its place: a capital sigma at the end of a word is `ς`.
fn lower_in_place<K: Kind>(chars: &[char], i: usize, out: &mut String) {
    if chars[i] == 'Σ' && is_final_sigma::<K>(chars, i) {
        out.push('ς');
    } else {
        K::to_lower(chars[i], out);
    }
}

/// `s.upper()`.
pub(crate) fn upper<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let chars = chars_of::<K>(vm, args, "upper")?;
    let mut out = String::with_capacity(chars.len());
    chars.iter().for_each(|&c| K::to_upper(c, &mut out));
    Ok(K::from_chars(&out))
}

/// `s.lower()`.
pub(crate) fn lower<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let chars = chars_of::<K>(vm, args, "lower")?;
    let mut out = String::with_capacity(chars.len());
    (0..chars.len()).for_each(|i| lower_in_place::<K>(&chars, i, &mut out));
    Ok(K::from_chars(&out))
}

/// `s.swapcase()`: uppercase letters lowered and lowercase ones raised.
pub(crate) fn swapcase<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let chars = chars_of::<K>(vm, args, "swapcase")?;
    let mut out = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if K::is_upper(c) {
            lower_in_place::<K>(&chars, i, &mut out);
        } else if K::is_lower(c) {
            K::to_upper(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Ok(K::from_chars(&out))
}

/// `s.title()`: each word's first letter in titlecase, the rest lowered; a word is a
/// run of cased letters, so `they're` becomes `They'Re`, as in Python.
pub(crate) fn title<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let chars = chars_of::<K>(vm, args, "title")?;
    let mut out = String::with_capacity(chars.len());
    let mut previous_is_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if previous_is_cased {
            lower_in_place::<K>(&chars, i, &mut out);
        } else {
            K::to_title(c, &mut out);
        }
        previous_is_cased = K::is_cased(c);
    }
    Ok(K::from_chars(&out))
}

/// `s.capitalize()`: the first char in titlecase, the rest lowered.
pub(crate) fn capitalize<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let chars = chars_of::<K>(vm, args, "capitalize")?;
    let mut out = String::with_capacity(chars.len());
    for i in 0..chars.len() {
        if i == 0 {
            K::to_title(chars[0], &mut out);
        } else {
            lower_in_place::<K>(&chars, i, &mut out);
        }
    }
    Ok(K::from_chars(&out))
}

/// A predicate over every unit, false for an empty value (`isdigit`, `isalpha`…).
pub(crate) fn all_units<K: Kind>(
    vm: &mut Vm,
    args: Args,
    name: &'static str,
    test: fn(char) -> bool,
) -> PyResult {
    let chars = chars_of::<K>(vm, args, name)?;
    Ok(Value::Bool(
        !chars.is_empty() && chars.into_iter().all(test),
    ))
}

/// `s.isspace()`: all whitespace, and not empty.
pub(crate) fn isspace<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let chars = chars_of::<K>(vm, args, "isspace")?;
    Ok(Value::Bool(
        !chars.is_empty() && chars.into_iter().all(|c| K::is_space(u32::from(c))),
    ))
}

/// `s.isascii()`: every unit below 128 (true for an empty value).
pub(crate) fn isascii<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let chars = chars_of::<K>(vm, args, "isascii")?;
    Ok(Value::Bool(chars.iter().all(char::is_ascii)))
}

/// `isupper` and `islower`: at least one cased unit, and none of the other case.
fn is_case<K: Kind>(vm: &mut Vm, args: Args, name: &'static str, upper: bool) -> PyResult {
    let chars = chars_of::<K>(vm, args, name)?;
    let mut cased = false;
    for c in chars {
        let (this_case, other_case) = if upper {
            (K::is_upper(c), K::is_lower(c) || K::is_title(c))
        } else {
            (K::is_lower(c), K::is_upper(c) || K::is_title(c))
        };
        if other_case {
            return Ok(Value::Bool(false));
        }
        cased |= this_case;
    }
    Ok(Value::Bool(cased))
}

/// `s.isupper()`: it has cased letters and all of them are uppercase.
pub(crate) fn isupper<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    is_case::<K>(vm, args, "isupper", true)
}

/// `s.islower()`: it has cased letters and all of them are lowercase.
pub(crate) fn islower<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    is_case::<K>(vm, args, "islower", false)
}

/// `s.istitle()`: each run of cased letters starts with an uppercase (or titlecase)
/// letter followed by lowercase ones only, and there is at least one.
pub(crate) fn istitle<K: Kind>(vm: &mut Vm, args: Args) -> PyResult {
    let chars = chars_of::<K>(vm, args, "istitle")?;
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in chars {
        if K::is_upper(c) || K::is_title(c) {
            if previous_is_cased {
                return Ok(Value::Bool(false));
            }
            previous_is_cased = true;
            cased = true;
        } else if K::is_lower(c) {
            if !previous_is_cased {
                return Ok(Value::Bool(false));
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}

/// A new str value from text the methods built.
pub(crate) fn str_value(text: String) -> Value {
    Value::Str(Rc::from(text))
}
