//! One module per data type, as Redis's `t_*.c` files: the value's
//! representation and encoding rules next to the commands that use it.

pub mod hash;
pub mod hyperloglog;
pub mod list;
pub mod set;
pub mod string;
pub mod zset;
