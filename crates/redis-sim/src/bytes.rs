//! Byte strings that keep short contents inline, for keys, fields and values
//! looked up in big tables: comparing a short key then reads the table's own
//! memory instead of following a pointer to another allocation, the cache
//! miss that dominated lookups over 100,000 keys.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Longest contents kept inline (the whole value is 24 bytes, like a `Vec`).
const INLINE: usize = 22;

/// A byte string: inline up to [`INLINE`] bytes, boxed beyond. It hashes,
/// compares and orders exactly as the `[u8]` it holds, so tables keyed by it
/// are looked up with plain byte slices.
pub enum SmallBytes {
    /// Short contents, stored in place.
    Inline {
        /// How many bytes of `bytes` are used.
        len: u8,
        /// The contents, zero-padded.
        bytes: [u8; INLINE],
    },
    /// Longer contents, in their own allocation.
    Heap(Box<[u8]>),
}

impl SmallBytes {
    /// A copy of `bytes`.
    pub fn new(bytes: &[u8]) -> SmallBytes {
        if bytes.len() <= INLINE {
            let mut inline = [0; INLINE];
            inline[..bytes.len()].copy_from_slice(bytes);
            SmallBytes::Inline {
                len: bytes.len() as u8,
                bytes: inline,
            }
        } else {
            SmallBytes::Heap(bytes.into())
        }
    }

    /// No bytes.
    pub const EMPTY: SmallBytes = SmallBytes::Inline {
        len: 0,
        bytes: [0; INLINE],
    };

    /// Appends the contents to `out`. Short contents are copied as the whole inline
    /// array, then the padding is cut off: a fixed-size copy, with no call to `memcpy`.
    #[inline]
    pub fn append_to(&self, out: &mut Vec<u8>) {
        match self {
            SmallBytes::Inline { len, bytes } => {
                out.extend_from_slice(bytes);
                out.truncate(out.len() - (INLINE - usize::from(*len)));
            }
            SmallBytes::Heap(heap) => out.extend_from_slice(heap),
        }
    }

    /// Replaces the contents with `bytes`, reusing the allocation when the length
    /// matches, and writing short contents in place: building them on the stack and
    /// moving them in stalls the processor on the half-forwarded copy.
    pub fn set(&mut self, bytes: &[u8]) {
        match self {
            SmallBytes::Heap(heap) if heap.len() == bytes.len() => heap.copy_from_slice(bytes),
            SmallBytes::Inline { len, bytes: inline } if bytes.len() <= INLINE => {
                inline[..bytes.len()].copy_from_slice(bytes);
                inline[bytes.len()..].fill(0);
                *len = bytes.len() as u8;
            }
            _ => *self = SmallBytes::new(bytes),
        }
    }
}

impl Clone for SmallBytes {
    fn clone(&self) -> SmallBytes {
        match self {
            SmallBytes::Inline { len, bytes } => SmallBytes::Inline {
                len: *len,
                bytes: *bytes,
            },
            SmallBytes::Heap(heap) => SmallBytes::Heap(heap.clone()),
        }
    }

    /// Copies short contents over short contents in place, as whole arrays.
    #[inline]
    fn clone_from(&mut self, source: &SmallBytes) {
        match (self, source) {
            (
                SmallBytes::Inline { len, bytes },
                SmallBytes::Inline {
                    len: new_len,
                    bytes: new_bytes,
                },
            ) => {
                *bytes = *new_bytes;
                *len = *new_len;
            }
            (this, source) => *this = source.clone(),
        }
    }
}

impl Deref for SmallBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            SmallBytes::Inline { len, bytes } => &bytes[..usize::from(*len)],
            SmallBytes::Heap(heap) => heap,
        }
    }
}

impl Borrow<[u8]> for SmallBytes {
    fn borrow(&self) -> &[u8] {
        self
    }
}

impl AsRef<[u8]> for SmallBytes {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl From<&[u8]> for SmallBytes {
    fn from(bytes: &[u8]) -> SmallBytes {
        SmallBytes::new(bytes)
    }
}

impl From<Vec<u8>> for SmallBytes {
    fn from(bytes: Vec<u8>) -> SmallBytes {
        if bytes.len() <= INLINE {
            SmallBytes::new(&bytes)
        } else {
            SmallBytes::Heap(bytes.into_boxed_slice())
        }
    }
}

impl PartialEq for SmallBytes {
    fn eq(&self, other: &SmallBytes) -> bool {
        **self == **other
    }
}

impl Eq for SmallBytes {}

impl PartialOrd for SmallBytes {
    fn partial_cmp(&self, other: &SmallBytes) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SmallBytes {
    fn cmp(&self, other: &SmallBytes) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl Hash for SmallBytes {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl fmt::Debug for SmallBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hashing::FxIndexMap;

    #[test]
    fn short_and_long_contents_read_back_and_find_their_table_entry() {
        let short = b"element:000000012345".as_slice();
        let long = [7u8; 40];
        let mut table: FxIndexMap<SmallBytes, u8> = FxIndexMap::default();
        table.insert(short.into(), 1);
        table.insert(long.to_vec().into(), 2);
        assert!(matches!(
            table.get_index(0),
            Some((SmallBytes::Inline { .. }, 1))
        ));
        assert!(matches!(table.get_index(1), Some((SmallBytes::Heap(_), 2))));
        assert_eq!(table.get(short), Some(&1));
        assert_eq!(table.get(&long[..]), Some(&2));
        assert_eq!(table.get(&short[..5]), None);
    }

    #[test]
    fn set_replaces_the_contents_across_the_inline_limit() {
        let mut value = SmallBytes::new(b"xxx");
        value.set(&[1; 30]);
        assert_eq!(&*value, &[1; 30]);
        value.set(&[2; 30]);
        assert_eq!(&*value, &[2; 30]);
        value.set(b"");
        assert_eq!(&*value, b"");
        value.set(b"a longer one");
        value.set(b"short");
        assert_eq!(
            value,
            SmallBytes::new(b"short"),
            "written in place, padding cleared"
        );
        assert!(
            matches!(value, SmallBytes::Inline { bytes, .. } if bytes[5..].iter().all(|&b| b == 0))
        );
        assert!(SmallBytes::new(b"a") < SmallBytes::new(&[b'a'; 30]));
    }

    #[test]
    fn it_is_no_bigger_than_a_vec() {
        assert_eq!(size_of::<SmallBytes>(), size_of::<Vec<u8>>());
    }
}
