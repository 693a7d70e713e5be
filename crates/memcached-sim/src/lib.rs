//! memcached 1.6 engine: items, cas, slabs and LRU, the text protocol; client-side cluster hashing.
