//! The process-wide memo behind the per-thread caches of the analyzers.
//!
//! The expensive steps of German analysis (compound splitting, stemming a word with its
//! parts, name-variant keys) are pure functions of one word, and news vocabulary is Zipfian,
//! so every analyzer memoises them: first in a per-thread map (no locking on the hot path),
//! then here. tantivy starts new indexing threads for every writer — every batch a notebook
//! adds, every commit cycle of a benchmark — whose per-thread maps start empty; a miss there
//! is looked up in the [`SharedMemo`] before anything is computed again. A memo stops growing
//! at its capacity (no eviction: the most frequent words arrive first), and it is invisible
//! in the output because it only stores results of pure functions.

use std::sync::{OnceLock, PoisonError, RwLock};

use rustc_hash::FxHashMap;

/// A bounded, process-wide map from a word to a pure function's result.
pub(crate) struct SharedMemo<V> {
    map: OnceLock<RwLock<FxHashMap<Box<str>, V>>>,
    capacity: usize,
}

impl<V: Clone> SharedMemo<V> {
    /// An empty memo that keeps at most `capacity` words.
    pub(crate) const fn new(capacity: usize) -> Self {
        SharedMemo {
            map: OnceLock::new(),
            capacity,
        }
    }

    /// The memoised result for `word`, if any thread has stored one.
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        self.map
            .get()?
            .read()
            // A poisoned lock only means another thread panicked while holding it; the map
            // is still a valid memo of pure results.
            .unwrap_or_else(PoisonError::into_inner)
            .get(word)
            .cloned()
    }

    /// Store the result for `word` unless the memo is full.
    pub(crate) fn insert(&self, word: &str, value: V) {
        let mut map = self
            .map
            .get_or_init(Default::default)
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if map.len() < self.capacity {
            map.insert(word.into(), value);
        }
    }

    /// Whether the memo has stopped growing.
    #[cfg(test)]
    pub(crate) fn is_full(&self) -> bool {
        self.map.get().is_some_and(|m| {
            m.read().unwrap_or_else(PoisonError::into_inner).len() >= self.capacity
        })
    }

    /// The memoised result for `word`, computing and storing it on a miss.
    pub(crate) fn get_or_insert_with(&self, word: &str, compute: impl FnOnce() -> V) -> V {
        if let Some(v) = self.get(word) {
            return v;
        }
        let v = compute();
        self.insert(word, v.clone());
        v
    }
}

/// Insert into a per-thread memo, clearing it first when it already holds `capacity` words
/// (the per-thread maps stay small and hot; the [`SharedMemo`] behind them keeps the rest).
pub(crate) fn insert_local<V>(
    map: &mut FxHashMap<Box<str>, V>,
    capacity: usize,
    word: &str,
    value: V,
) {
    if map.len() >= capacity {
        map.clear();
    }
    map.insert(word.into(), value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_until_full_and_never_evicts() {
        static MEMO: SharedMemo<u32> = SharedMemo::new(2);
        assert_eq!(MEMO.get("a"), None);
        assert_eq!(MEMO.get_or_insert_with("a", || 1), 1);
        assert_eq!(MEMO.get_or_insert_with("a", || 99), 1, "memoised");
        MEMO.insert("b", 2);
        assert!(MEMO.is_full());
        MEMO.insert("c", 3);
        assert_eq!(
            (MEMO.get("a"), MEMO.get("b"), MEMO.get("c")),
            (Some(1), Some(2), None)
        );
        let from_other_thread = std::thread::spawn(|| MEMO.get("b")).join().expect("thread");
        assert_eq!(from_other_thread, Some(2));
    }
}
