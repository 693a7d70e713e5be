//! Storing an item that has arrived in full: the rules of set, add, replace,
//! append, prepend and cas (memcached's `do_store_item`).

use crate::items::Item;
use crate::server::Server;

/// Which storage command sent the item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreMode {
    /// Store unconditionally.
    Set,
    /// Store only if the key is absent.
    Add,
    /// Store only if the key is present.
    Replace,
    /// Add the data after the existing value.
    Append,
    /// Add the data before the existing value.
    Prepend,
    /// Store only if the item still has the cas unique the client read.
    Cas,
}

/// The outcome of a store, as the protocol reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreResult {
    /// `STORED` / `HD`.
    Stored,
    /// `EXISTS` / `EX`: the cas unique did not match.
    Exists,
    /// `NOT_FOUND` / `NF`: cas on a missing key.
    NotFound,
    /// `NOT_STORED` / `NS`: the mode's condition failed.
    NotStored,
}

impl Server {
    /// Stores `item` by the rules of `mode`. `item.cas` holds the cas unique
    /// the client sent (0 for none). With `set_stale` a cas older than the
    /// item's still stores, marking it stale (meta `I` flag). Returns the
    /// result and the cas unique of the stored item.
    pub(crate) fn store_item(
        &mut self,
        item: Item,
        mode: StoreMode,
        set_stale: bool,
    ) -> (StoreResult, u64) {
        let req_cas = item.cas;
        let Some(old) = self.item_get(item.key(), false) else {
            let result = match mode {
                StoreMode::Add | StoreMode::Set => {
                    let id = self.item_link_new(item);
                    return (StoreResult::Stored, self.arena[id].cas);
                }
                StoreMode::Cas => {
                    self.stats.cas_misses += 1;
                    StoreResult::NotFound
                }
                StoreMode::Replace | StoreMode::Append | StoreMode::Prepend => {
                    StoreResult::NotStored
                }
            };
            self.item_free(&item);
            return (result, 0);
        };
        let old_cas = self.arena[old].cas;
        let old_class = self.arena[old].class;
        let cas_match = req_cas != 0 && req_cas == old_cas;
        let cas_stale = req_cas != 0 && !cas_match && set_stale && req_cas < old_cas;
        let stored = match mode {
            StoreMode::Add => {
                // add fails on an existing key but still counts as a use of it.
                self.item_update(old);
                self.item_free(&item);
                return (StoreResult::NotStored, 0);
            }
            StoreMode::Cas if cas_match || cas_stale => {
                self.stats.class_mut(old_class).cas_hits += 1;
                let mut item = item;
                if cas_stale {
                    // A stale write keeps the old expiry and token, and says it is stale.
                    item.exptime = self.arena[old].exptime;
                    item.stale = true;
                    item.token_sent = self.arena[old].token_sent;
                }
                item
            }
            StoreMode::Cas => {
                self.stats.class_mut(old_class).cas_badval += 1;
                self.item_free(&item);
                return (StoreResult::Exists, 0);
            }
            StoreMode::Append | StoreMode::Prepend if req_cas != 0 && !cas_match => {
                self.item_free(&item);
                return (StoreResult::Exists, 0);
            }
            StoreMode::Append | StoreMode::Prepend => {
                let joined = self.concatenate(old, &item, mode);
                self.item_free(&item);
                match joined {
                    Some(joined) => joined,
                    None => return (StoreResult::NotStored, 0),
                }
            }
            StoreMode::Replace | StoreMode::Set => item,
        };
        let id = self.item_replace(old, stored);
        (StoreResult::Stored, self.arena[id].cas)
    }

    /// Builds the item append/prepend stores: the old item's flags and
    /// expiration with the two values joined. Fails when memory runs out.
    fn concatenate(&mut self, old: usize, item: &Item, mode: StoreMode) -> Option<Item> {
        let (flags, exptime) = (self.arena[old].flags, self.arena[old].exptime);
        let old_data = self.arena[old].data().to_vec();
        let (first, second) = if mode == StoreMode::Append {
            (&old_data[..], item.data())
        } else {
            (item.data(), &old_data[..])
        };
        // The copies memcached makes: the first value without its "\r\n", the second with it.
        let copies = [first.len() as u64, second.len() as u64 + 2];
        let mut joined = self
            .item_alloc_copied(item.key(), flags, exptime, copies)
            .ok()?;
        joined.push_data(first);
        joined.push_data(second);
        Some(joined)
    }
}
