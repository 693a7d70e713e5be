//! One module per page; `engine` is the layout the three engine pages share.

pub mod engine;
pub mod home;
pub mod memcached;
pub mod not_found;
pub mod rabbitmq;
pub mod redis;
