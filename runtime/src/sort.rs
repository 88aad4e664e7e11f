//! Stable sorts that compile one sort, not one per element type and comparison.
//!
//! `slice::sort_by` is generic over both the element and the comparison, so each call site of a
//! different type or closure compiles its own copy of the whole sort (driftsort: about 4 KB of
//! wasm each; measured again in issue 18, std's sorts add 24.7 KB to the gzipped wasm, 980,366 B
//! raw against 887,553). These functions sort a list of positions with one comparison through a
//! `dyn` (a small merge sort), then move the elements into that order: one sort in all, natively
//! and in the browser alike. The order is std's: stable (equal elements keep their order); the
//! tests compare the two.

use std::cmp::Ordering;

// The wrappers are inlined at each call site (`inline(always)`): a function of their own per
// element type and comparison would cost more than the calls they hold. What is compiled per
// call site is the comparison behind the `dyn` (`compare` on two positions).

/// [`slice::sort_by`], stable.
#[inline(always)]
pub fn sort_by<T>(v: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    sort_by_positions(v, compare);
}

/// [`slice::sort_by_key`], stable.
#[inline(always)]
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// [`slice::sort`], stable.
#[inline(always)]
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// [`sort_by`]: the positions in order, then the elements moved there.
#[inline(always)]
fn sort_by_positions<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let v = &*v;
        positions_in_order(v.len(), &mut |a, b| compare(&v[a], &v[b]))
    };
    put_in_order(v, order);
}

/// Moves the elements into `order`: position `j` receives the element at `order[j]`. Generic
/// over the element only, so that the sorts of one type by different comparisons share it.
#[inline(never)]
fn put_in_order<T>(v: &mut [T], mut order: Vec<usize>) {
    // One cycle at a time; a position done is marked by `order[j] = j`.
    for start in 0..v.len() {
        let mut j = start;
        loop {
            let k = order[j];
            order[j] = j;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// `0..len` sorted stably by `compare`: a bottom-up merge sort, the only sort this module
/// compiles (std's is ten times its size, and would be compiled for this one use).
#[inline(never)]
fn positions_in_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in &mut merged[start..end] {
                // Take from the right run only when it is strictly less: stable.
                let right = j < end && (i == mid || compare(order[j], order[i]) == Ordering::Less);
                if right {
                    *slot = order[j];
                    j += 1;
                } else {
                    *slot = order[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_sort_like_std_and_stably() {
        let mut seed = 0x2026_u64;
        for len in [0, 1, 2, 3, 7, 20, 100, 1000] {
            let mut v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 7) as u8, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            sort_by_positions(&mut v, |a, b| a.0.cmp(&b.0));
            assert_eq!(v, expected, "len {len}");
        }
    }

    #[test]
    fn the_public_sorts() {
        let mut v = vec!["b", "a", "c", "a"];
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
        let mut v = vec![(2, 'x'), (1, 'y'), (2, 'a'), (1, 'b')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(1, 'y'), (1, 'b'), (2, 'x'), (2, 'a')]);
        sort_by(&mut v, |a, b| b.1.cmp(&a.1));
        assert_eq!(v, [(1, 'y'), (2, 'x'), (1, 'b'), (2, 'a')]);
    }
}
