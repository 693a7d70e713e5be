//! One module per page; `engine` is the layout the three engine pages share.

pub mod engine;
pub mod memcached;
pub mod rabbitmq;
pub mod redis;
