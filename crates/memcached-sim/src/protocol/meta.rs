//! The meta commands mg, ms, md, ma, mn (memcached's `process_m*_command`).

use crate::protocol::{Response, Tokens};
use crate::server::Server;

/// How an `ms` reply line is written once its data has been stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetaSet {
    /// Return flags in order, with an opaque token copied as given.
    pub return_flags: Vec<u8>,
}

/// Runs a meta command line.
pub fn process(server: &mut Server, t: &Tokens) -> Response {
    let _ = server;
    match t.get(0) {
        b"mn" => Response::line(false, "MN"),
        _ => Response::line(false, "ERROR"),
    }
}

impl MetaSet {
    /// The reply line for a finished `ms`.
    pub fn reply(&self, result: crate::store::StoreResult, cas: u64, quiet: bool) -> Vec<u8> {
        let _ = (result, cas, quiet, &self.return_flags);
        Vec::new()
    }
}
