//! Redis 7.0 engine: keyspace, types, expiry, transactions, pub/sub and redis-cli reply formatting.
