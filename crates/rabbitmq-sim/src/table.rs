//! Named things (queues, exchanges) kept in dense slots. The per-message path reaches one
//! by its slot, or by a hash of its name, instead of searching names in order; listings
//! still walk them in name order, as the management API and rabbitmqadmin do.

use std::collections::{BTreeMap, btree_map};
use std::rc::Rc;

use rustc_hash::FxHashMap;

/// Something a [`Table`] holds: it knows its own name.
pub trait Named {
    /// Its name, shared with the events and deliveries that mention it.
    fn name(&self) -> &Rc<str>;
}

/// A place in a [`Table`]: stable while its occupant exists; a later one may reuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot(u32);

/// Named things in slots, with their names indexed both ways: hashed, for lookups, and
/// ordered, for listings.
#[derive(Debug, Clone)]
pub struct Table<T> {
    by_name: BTreeMap<String, Slot>,
    by_hash: FxHashMap<Rc<str>, Slot>,
    slots: Vec<Option<T>>,
    free: Vec<Slot>,
}

impl<T> Default for Table<T> {
    fn default() -> Table<T> {
        Table {
            by_name: BTreeMap::new(),
            by_hash: FxHashMap::default(),
            slots: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<T: Named> Table<T> {
    /// The one called `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.by_id(self.id(name)?)
    }

    /// Whether one is called `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.by_hash.contains_key(name)
    }

    /// The names, in order.
    pub fn keys(&self) -> btree_map::Keys<'_, String, Slot> {
        self.by_name.keys()
    }

    /// All of them, in name order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.iter().map(|(_, item)| item)
    }

    /// Names and what they name, in name order.
    pub fn iter(&self) -> TableIter<'_, T> {
        TableIter {
            names: self.by_name.iter(),
            slots: &self.slots,
        }
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// The place of the one called `name`.
    pub fn id(&self, name: &str) -> Option<Slot> {
        self.by_hash.get(name).copied()
    }

    /// The one in place `id`.
    pub fn by_id(&self, id: Slot) -> Option<&T> {
        self.slots.get(id.0 as usize)?.as_ref()
    }

    pub(crate) fn by_id_mut(&mut self, id: Slot) -> Option<&mut T> {
        self.slots.get_mut(id.0 as usize)?.as_mut()
    }

    pub(crate) fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        let id = self.id(name)?;
        self.by_id_mut(id)
    }

    /// Adds one whose name is free and returns its place.
    pub(crate) fn insert(&mut self, item: T) -> Slot {
        let name = Rc::clone(item.name());
        let id = match self.free.pop() {
            Some(id) => {
                self.slots[id.0 as usize] = Some(item);
                id
            }
            None => {
                self.slots.push(Some(item));
                Slot(self.slots.len() as u32 - 1)
            }
        };
        self.by_name.insert(name.to_string(), id);
        self.by_hash.insert(name, id);
        id
    }

    /// Removes the one called `name`; its place may be reused.
    pub(crate) fn remove(&mut self, name: &str) -> Option<T> {
        let id = self.by_hash.remove(name)?;
        self.by_name.remove(name);
        self.free.push(id);
        self.slots.get_mut(id.0 as usize)?.take()
    }

    /// All of them, in no particular order.
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.slots.iter_mut().flatten()
    }
}

/// Names and what they name in name order, from [`Table::iter`].
#[derive(Debug, Clone)]
pub struct TableIter<'a, T> {
    names: btree_map::Iter<'a, String, Slot>,
    slots: &'a [Option<T>],
}

impl<'a, T> Iterator for TableIter<'a, T> {
    type Item = (&'a String, &'a T);

    fn next(&mut self) -> Option<Self::Item> {
        self.names.by_ref().find_map(|(name, id)| {
            let item = self.slots.get(id.0 as usize)?.as_ref()?;
            Some((name, item))
        })
    }
}

impl<'a, T: Named> IntoIterator for &'a Table<T> {
    type Item = (&'a String, &'a T);
    type IntoIter = TableIter<'a, T>;

    fn into_iter(self) -> TableIter<'a, T> {
        self.iter()
    }
}
