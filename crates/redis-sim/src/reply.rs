//! The replies a command produces, shaped like RESP2 frames.
//!
//! Commands build a [`Reply`]; the [`crate::cli`] module turns it into what
//! `redis-cli --no-raw` prints. Keeping the two apart lets the web page draw
//! replies its own way if it wants to, while the console stays byte-exact.

use std::borrow::Cow;

use crate::bytes::SmallBytes;

/// One RESP2 reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// A status line such as `OK` or `PONG` (`+OK` on the wire); the usual
    /// ones are static text, so answering them allocates nothing.
    Status(Cow<'static, str>),
    /// An error line, including its code such as `ERR` or `WRONGTYPE`.
    Error(String),
    /// A signed 64-bit integer (`:1`).
    Integer(i64),
    /// A binary-safe bulk string (`$3 foo`). Short ones are kept inline, so an array
    /// of members (ZRANGE, LRANGE) costs one allocation, not one per member.
    Bulk(SmallBytes),
    /// The null bulk string (`$-1`), what GET answers for a missing key.
    Nil,
    /// The null array (`*-1`), what EXEC answers when a watched key changed.
    NilArray,
    /// An array of replies, possibly nested (`*2 ...`).
    Array(Vec<Reply>),
    /// Several replies sent one after another for one command: SUBSCRIBE to
    /// three channels answers three times.
    Frames(Vec<Reply>),
}

impl Reply {
    /// The `+OK` every successful write without a value answers.
    pub fn ok() -> Reply {
        Reply::Status(Cow::Borrowed("OK"))
    }

    /// An error reply; `message` starts with its code (`ERR ...`, `WRONGTYPE ...`).
    pub fn error(message: impl Into<String>) -> Reply {
        Reply::Error(message.into())
    }

    /// A bulk string copied from bytes.
    pub fn bulk(bytes: impl AsRef<[u8]>) -> Reply {
        Reply::Bulk(SmallBytes::new(bytes.as_ref()))
    }

    /// The empty bulk string, a slot a range reply (ZRANGE, LRANGE) lays out and then
    /// fills in place.
    pub fn empty_bulk() -> Reply {
        Reply::Bulk(SmallBytes::EMPTY)
    }

    /// A bulk string if present, the null bulk string otherwise.
    pub fn bulk_or_nil(bytes: Option<impl AsRef<[u8]>>) -> Reply {
        bytes.map_or(Reply::Nil, Reply::bulk)
    }

    /// An array of bulk strings.
    pub fn bulks<I, B>(items: I) -> Reply
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        Reply::Array(items.into_iter().map(Reply::bulk).collect())
    }

    /// An integer reply from a count or length.
    pub fn count(n: usize) -> Reply {
        Reply::Integer(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// Whether this reply is an error (EXEC and the CLI treat those specially).
    pub fn is_error(&self) -> bool {
        matches!(self, Reply::Error(_))
    }
}

/// The error texts shared by many commands, worded exactly as Redis 7.0 words them.
pub mod errors {
    /// A command used on a key of another type.
    pub const WRONGTYPE: &str = "WRONGTYPE Operation against a key holding the wrong kind of value";
    /// An option combination the grammar does not allow.
    pub const SYNTAX: &str = "ERR syntax error";
    /// An argument that should be a 64-bit integer is not.
    pub const NOT_INTEGER: &str = "ERR value is not an integer or out of range";
    /// An argument that should be a float is not.
    pub const NOT_FLOAT: &str = "ERR value is not a valid float";
    /// INCR and friends would leave the 64-bit range.
    pub const OVERFLOW: &str = "ERR increment or decrement would overflow";
    /// A command that needs an existing key did not find it.
    pub const NO_SUCH_KEY: &str = "ERR no such key";
    /// An index outside a list.
    pub const INDEX_OUT_OF_RANGE: &str = "ERR index out of range";
    /// A database number outside 0..16.
    pub const DB_INDEX: &str = "ERR DB index is out of range";
    /// A count argument that must not be negative.
    pub const POSITIVE: &str = "ERR value is out of range, must be positive";
}
