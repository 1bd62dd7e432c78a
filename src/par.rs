//! Parallel when it pays: below [`MIN_ITEMS`] items the work runs on the
//! calling thread, so that a small dataset (the embedded one) never starts
//! the thread pool, which costs more than such work takes. Results are the
//! same either way: every helper keeps input order.

use rayon::prelude::*;

/// Fewer items than this are handled on the calling thread.
pub const MIN_ITEMS: usize = 1 << 14;

/// `items.map(f)`, collected in order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    let mut out = Vec::new();
    map_into(items, &mut out, f);
    out
}

/// `items.map(f)` into `out` (cleared first, its memory reused), in order.
pub fn map_into<T: Sync, R: Send>(
    items: &[T],
    out: &mut Vec<R>,
    f: impl Fn(&T) -> R + Sync + Send,
) {
    if items.len() < MIN_ITEMS {
        out.clear();
        out.extend(items.iter().map(f));
    } else {
        items.par_iter().map(f).collect_into_vec(out);
    }
}

/// `(0..n).map(f)`, collected in order.
pub fn map_range<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync + Send) -> Vec<R> {
    if n < MIN_ITEMS {
        (0..n).map(f).collect()
    } else {
        (0..n).into_par_iter().map(f).collect()
    }
}

/// Runs `a` and `b`, side by side when `n` (the size of the work) is large.
pub fn join<A: Send, B: Send>(
    n: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if n < MIN_ITEMS {
        (a(), b())
    } else {
        rayon::join(a, b)
    }
}

/// Sorts (unstably: for items whose order is total).
pub fn sort_unstable<T: Ord + Send>(v: &mut [T]) {
    if v.len() < MIN_ITEMS {
        v.sort_unstable();
    } else {
        v.par_sort_unstable();
    }
}
