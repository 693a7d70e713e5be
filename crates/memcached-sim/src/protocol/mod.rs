//! The ASCII protocols: the classic text commands and the meta commands,
//! sharing one tokenizer and one command line dispatcher.

pub mod base64;
pub mod meta;
pub mod text;

use crate::items::Item;
use crate::store::StoreMode;

/// memcached's `MAX_TOKENS`: a line is split into at most 23 tokens; the
/// rest of a longer line is left for the command (only get uses it).
const MAX_TOKENS: usize = 24;

/// Longest key memcached accepts.
pub const KEY_MAX_LENGTH: usize = 250;

/// A command line split on spaces as `tokenize_command` splits it, into a
/// fixed array as memcached does, so splitting a line allocates nothing.
#[derive(Debug)]
pub struct Tokens<'a> {
    /// The tokens found, then empty slices.
    found: [&'a [u8]; MAX_TOKENS - 1],
    /// How many tokens were found.
    len: usize,
    /// The unsplit remainder when the line had more tokens than fit.
    pub rest: Option<&'a [u8]>,
}

impl<'a> Tokens<'a> {
    /// Splits on single spaces (tabs are not separators), collapsing runs.
    pub fn split(line: &'a [u8]) -> Self {
        let mut t = Tokens {
            found: [b""; MAX_TOKENS - 1],
            len: 0,
            rest: None,
        };
        let mut start = 0;
        for (i, &b) in line.iter().enumerate() {
            if b != b' ' {
                continue;
            }
            if start != i {
                t.found[t.len] = &line[start..i];
                t.len += 1;
                if t.len == MAX_TOKENS - 1 {
                    let rest = &line[i + 1..];
                    t.rest = (!rest.is_empty()).then_some(rest);
                    return t;
                }
            }
            start = i + 1;
        }
        if start != line.len() {
            t.found[t.len] = &line[start..];
            t.len += 1;
        }
        t
    }

    /// The tokens, without the empty terminal token memcached appends.
    pub fn tokens(&self) -> &[&'a [u8]] {
        &self.found[..self.len]
    }

    /// memcached's `ntokens`, which counts the terminal token.
    pub fn ntokens(&self) -> usize {
        self.len + 1
    }

    /// Token `i`, or empty past the end (memcached would read the terminal token).
    pub fn get(&self, i: usize) -> &'a [u8] {
        self.tokens().get(i).copied().unwrap_or(b"")
    }

    /// The last real token (`tokens[ntokens - 2]`), where `noreply` goes.
    pub fn last(&self) -> &'a [u8] {
        self.tokens().last().copied().unwrap_or(b"")
    }
}

/// What the connection does after a command line.
#[derive(Debug)]
pub enum Next {
    /// Read the next command line.
    Command,
    /// Read a data block of `item.data` capacity plus `\r\n` into the item.
    Data(PendingStore),
    /// Read and discard this many bytes (the data of a refused store).
    Swallow(usize),
    /// Close the connection once the reply is written.
    Close,
}

/// A storage command waiting for its data block.
#[derive(Debug)]
pub struct PendingStore {
    /// The allocated, not yet linked item; its `cas` holds the client's cas unique.
    pub item: Item,
    /// Which storage rule applies.
    pub mode: StoreMode,
    /// Bytes to read, including the closing `\r\n`.
    pub nbytes: usize,
    /// Suppress the reply.
    pub noreply: bool,
    /// For `ms`: how to write the reply line.
    pub meta: Option<meta::MetaSet>,
}

/// When replies queued on the connection go out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flush {
    /// Queued with the replies before it (the usual case).
    Queue,
    /// Sent now with everything queued (get and friends, mn).
    Now,
    /// Replies not yet sent are discarded first (a get that fails midway).
    DropUnsent,
}

/// The reply to one command line and what to read next.
#[derive(Debug)]
pub struct Response {
    /// Bytes to write to the client.
    pub out: Vec<u8>,
    /// What to expect next.
    pub next: Next,
    /// How the reply relates to replies still queued.
    pub flush: Flush,
    /// The item the queued reply references until it is sent (mg hits).
    pub holds: Option<crate::lru::ItemId>,
}

impl Response {
    /// One status line, unless `noreply` asked for silence.
    pub fn line(noreply: bool, text: &str) -> Self {
        let out = if noreply {
            Vec::new()
        } else {
            format!("{text}\r\n").into_bytes()
        };
        Response::bytes(out)
    }

    /// Raw bytes, already formatted.
    pub fn bytes(out: Vec<u8>) -> Self {
        Response {
            out,
            next: Next::Command,
            flush: Flush::Queue,
            holds: None,
        }
    }

    /// The same reply with another flush behaviour.
    pub fn with_flush(self, flush: Flush) -> Self {
        Response { flush, ..self }
    }

    /// The same reply followed by reading `next`.
    pub fn then(self, next: Next) -> Self {
        Response { next, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_tokenize_command() {
        let t = Tokens::split(b"  set  a 0\t 0 1 ");
        assert_eq!(t.tokens(), [&b"set"[..], b"a", b"0\t", b"0", b"1"]);
        assert_eq!(t.rest, None);
        let long: Vec<u8> = (0..30)
            .map(|i| format!("k{i} "))
            .collect::<String>()
            .into_bytes();
        let t = Tokens::split(&long);
        assert_eq!(t.tokens().len(), 23);
        assert_eq!(t.rest, Some(&b"k23 k24 k25 k26 k27 k28 k29 "[..]));
    }
}
