//! How far a long step has got: work done out of a total (bytes read,
//! sources searched), for a caller that shows it. The library only counts
//! (relaxed atomics, from any thread); the command line draws the bar.
//!
//! ```
//! let p = coopgraph::progress::Progress::default();
//! p.add_total(10);
//! p.add(4);
//! assert_eq!(p.get(), (4, 10));
//! ```

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    pub fn add_total(&self, n: u64) {
        self.total.fetch_add(n, Ordering::Relaxed);
    }

    pub fn add(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// Done so far, and the total.
    pub fn get(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}
