//! AMQP exceptions: the reply code and text RabbitMQ closes a channel or connection with.

use std::fmt;

/// Whether an exception closes only the channel or the whole connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A soft error: the channel is closed, the connection lives on.
    Channel,
    /// A hard error: the connection and all its channels are closed.
    Connection,
}

/// An AMQP exception as RabbitMQ raises it, e.g. `404 NOT_FOUND - no queue 'q' in vhost '/'`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmqpError {
    /// The reply code (404, 406, ...).
    pub code: u16,
    /// The reply text, starting with the code's name as RabbitMQ writes it.
    pub text: String,
    /// What the exception closes.
    pub scope: Scope,
}

impl AmqpError {
    fn channel(code: u16, name: &str, detail: String) -> Self {
        AmqpError {
            code,
            text: format!("{name} - {detail}"),
            scope: Scope::Channel,
        }
    }

    /// 404: a queue or exchange named in a method does not exist.
    pub fn not_found(detail: String) -> Self {
        Self::channel(404, "NOT_FOUND", detail)
    }

    /// 406: inequivalent re-declaration, invalid argument, unknown delivery tag...
    pub fn precondition_failed(detail: String) -> Self {
        Self::channel(406, "PRECONDITION_FAILED", detail)
    }

    /// 403: reserved names, the default exchange, internal exchanges.
    pub fn access_refused(detail: String) -> Self {
        Self::channel(403, "ACCESS_REFUSED", detail)
    }

    /// 405: an exclusive queue used from another connection.
    pub fn resource_locked(detail: String) -> Self {
        Self::channel(405, "RESOURCE_LOCKED", detail)
    }

    /// 530: a method the server refuses on this connection (a reused consumer tag).
    pub fn not_allowed(detail: String) -> Self {
        AmqpError {
            code: 530,
            text: format!("NOT_ALLOWED - {detail}"),
            scope: Scope::Connection,
        }
    }

    /// 503: a method the server cannot carry out at all; closes the connection.
    pub fn command_invalid(detail: String) -> Self {
        AmqpError {
            code: 503,
            text: format!("COMMAND_INVALID - {detail}"),
            scope: Scope::Connection,
        }
    }

    /// 540: a feature RabbitMQ does not implement (`basic.qos` with a prefetch size);
    /// closes the connection.
    pub fn not_implemented(detail: String) -> Self {
        AmqpError {
            code: 540,
            text: format!("NOT_IMPLEMENTED - {detail}"),
            scope: Scope::Connection,
        }
    }

    /// 504: a method on a channel that is not open; closes the connection.
    pub fn channel_error(detail: String) -> Self {
        AmqpError {
            code: 504,
            text: format!("CHANNEL_ERROR - {detail}"),
            scope: Scope::Connection,
        }
    }
}

impl fmt::Display for AmqpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.text)
    }
}

impl std::error::Error for AmqpError {}

/// What every broker method returns.
pub type AmqpResult<T> = Result<T, AmqpError>;
