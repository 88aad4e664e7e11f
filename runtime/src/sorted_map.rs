//! A map kept as a sorted `Vec`: the runtime's one map type.
//!
//! The evaluator's maps are small (the facts of one rule, the items of one scheme, the years of
//! one target) and are read in key order (traces, reports). `BTreeMap` does that too, but each of
//! its key–value types compiles its own copy of the tree code (node splitting, cursors, drop):
//! four such types weighed about 25 KB of the browser's wasm. A sorted `Vec` with binary search
//! is a few hundred bytes per type, and faster at these sizes.
//!
//! Iteration order, `insert` replacing an existing key's value and `get` by a borrowed key are
//! those of `BTreeMap`, so the answers are the same.

use std::borrow::Borrow;

/// Keys in ascending order, each once, with their values.
#[derive(Clone, PartialEq, Eq)]
pub struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    pub fn new() -> Self {
        SortedMap::default()
    }

    /// Where `key` is, or where it would go.
    fn find<Q>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// Sets `key` to `value`, returning the value it replaces (as `BTreeMap::insert`).
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).is_ok()
    }

    /// Removes `key`, returning its value.
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        let i = self.find(key).ok()?;
        Some(self.entries.remove(i).1)
    }
}

impl<K, V> SortedMap<K, V> {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter {
            inner: self.entries.iter(),
        }
    }

    /// The keys in ascending order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }
}

/// Borrowing iterator over the entries, in key order.
pub struct Iter<'a, K, V> {
    inner: std::slice::Iter<'a, (K, V)>,
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|(k, v)| (k, v))
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Iter<'a, K, V> {
        self.iter()
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<K: Ord, V> Extend<(K, V)> for SortedMap<K, V> {
    /// A later entry for a key replaces an earlier one, as with `BTreeMap`. The entries are
    /// appended and the whole sorted (stably, so that of equal keys the last given comes last)
    /// rather than inserted one by one: `O(n log n)`, not `O(n²)`.
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        self.entries.extend(iter);
        crate::sort::sort_by(&mut self.entries, |a, b| a.0.cmp(&b.0));
        // `dedup_by` keeps the first of a run of equal keys: give it the later value.
        self.entries.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = SortedMap::new();
        map.extend(iter);
        map
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for SortedMap<K, V> {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<K: std::fmt::Debug, V: std::fmt::Debug> std::fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::SortedMap;
    use std::collections::BTreeMap;

    /// The same operations on a `SortedMap` and a `BTreeMap` give the same maps.
    fn same(ops: &[(u8, u8)]) {
        let mut sorted = SortedMap::new();
        let mut tree = BTreeMap::new();
        for &(k, v) in ops {
            if v % 5 == 0 {
                assert_eq!(sorted.remove(&k), tree.remove(&k));
            } else {
                assert_eq!(sorted.insert(k, v), tree.insert(k, v));
            }
            assert_eq!(sorted.get(&k), tree.get(&k));
            assert_eq!(sorted.contains_key(&k), tree.contains_key(&k));
        }
        let a: Vec<_> = sorted.iter().collect();
        let b: Vec<_> = tree.iter().collect();
        assert_eq!(a, b);
        assert_eq!(sorted.len(), tree.len());
        // Bulk construction keeps the last value of each key, as BTreeMap's does.
        let bulk: SortedMap<u8, u8> = ops.iter().copied().collect();
        let tree_bulk: BTreeMap<u8, u8> = ops.iter().copied().collect();
        assert_eq!(
            bulk.iter().collect::<Vec<_>>(),
            tree_bulk.iter().collect::<Vec<_>>()
        );
    }

    #[test]
    fn behaves_as_a_btree_map() {
        // A deterministic pseudo-random walk over small keys, so keys repeat often.
        let mut x: u32 = 12345;
        let mut next = || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        };
        for len in [0, 1, 2, 7, 8, 9, 50, 400] {
            let ops: Vec<(u8, u8)> = (0..len).map(|_| (next() % 32, next())).collect();
            same(&ops);
        }
    }

    #[test]
    fn borrowed_keys() {
        let mut m: SortedMap<String, i32> = SortedMap::new();
        m.insert("乙".to_string(), 2);
        m.insert("甲".to_string(), 1);
        assert_eq!(m.get("甲"), Some(&1));
        assert!(m.contains_key("乙"));
        assert_eq!(m.keys().collect::<Vec<_>>(), ["乙", "甲"]); // 乙 U+4E59 < 甲 U+7532
    }
}
