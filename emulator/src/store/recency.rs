//! An index of carts ordered by their last update, answering "the n-th most recently updated
//! cart" in O(log n).
//!
//! Every change to a cart draws a fresh number from the store-wide update sequence, so the key of
//! an insertion is always larger than every key already in the index. That lets the index be an
//! append-only array of slots in key order:
//!
//! - an update appends the cart at the end and frees its old slot (binary search on the keys);
//! - a Fenwick tree over slot occupancy turns "the k-th live slot" into an O(log n) descent;
//! - when more than half of the slots are free the array is compacted, which costs O(n) but
//!   happens at most once per n/2 removals, so every operation is O(log n) amortized.
//!
//! A page of `limit` carts at `offset` is one rank lookup followed by a walk towards older slots;
//! a few free slots on the way are stepped over, a longer run of them is jumped with another rank
//! lookup. A page costs O(log n + limit) when free slots are scattered (the usual case) and at
//! worst O(limit × log n), whatever the store size.

/// Marks a slot whose cart has moved on (updated again, dissociated or deleted).
const FREE: u32 = u32::MAX;

/// Free slots a page walk steps over one by one before it uses a rank lookup instead.
const PROBE_SLOTS: usize = 8;

/// Below this many slots compaction is not worth it.
const MIN_COMPACT_LEN: usize = 64;

/// Items (cart handles) ordered by their update sequence number; see the module docs.
#[derive(Debug, Clone)]
pub struct RecencyIndex {
    /// The sequence number each slot was written with; strictly increasing.
    keys: Vec<u64>,
    /// The item in each slot, or [`FREE`].
    items: Vec<u32>,
    /// Fenwick tree over slot occupancy, 1-based: `tree[i]` counts the live slots in
    /// `(i - lowbit(i), i]`. `tree[0]` is unused.
    tree: Vec<u32>,
    /// Number of live slots.
    live: usize,
}

impl Default for RecencyIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl RecencyIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self {
            keys: Vec::new(),
            items: Vec::new(),
            tree: vec![0],
            live: 0,
        }
    }

    /// Number of items in the index.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether the index holds no item.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Adds `item` as the most recently updated one.
    ///
    /// # Panics
    /// If `key` is not larger than every key pushed before: keys come from the store's update
    /// sequence, which only grows, so this would be a bug in the store.
    pub fn push(&mut self, key: u64, item: u32) {
        if let Some(&last) = self.keys.last() {
            assert!(key > last, "recency keys must increase");
        }
        debug_assert_ne!(item, FREE);
        self.keys.push(key);
        self.items.push(item);
        // Fenwick append: the new node covers (i - lowbit(i), i], that is itself plus the nodes
        // i-1, i-2, i-4, ... below its lowest set bit.
        let i = self.items.len();
        let low = i & i.wrapping_neg();
        let mut count = 1;
        let mut step = 1;
        while step < low {
            count += self.tree[i - step];
            step <<= 1;
        }
        self.tree.push(count);
        self.live += 1;
    }

    /// Removes the item that was pushed with `key`. Returns whether it was present.
    pub fn remove(&mut self, key: u64) -> bool {
        let Ok(slot) = self.keys.binary_search(&key) else {
            return false;
        };
        if self.items[slot] == FREE {
            return false;
        }
        self.items[slot] = FREE;
        let mut i = slot + 1;
        while i < self.tree.len() {
            self.tree[i] -= 1;
            i += i & i.wrapping_neg();
        }
        self.live -= 1;
        if self.items.len() >= MIN_COMPACT_LEN && self.live * 2 < self.items.len() {
            self.compact();
        }
        true
    }

    /// Up to `limit` items, newest first, after skipping the `offset` newest ones.
    pub fn newest(&self, offset: usize, limit: usize) -> Vec<u32> {
        let mut page = Vec::with_capacity(limit.min(self.live.saturating_sub(offset)));
        if offset >= self.live {
            return page;
        }
        // Ranks count live slots from the oldest, starting at 1; the newest has rank `live`.
        let mut rank = self.live - offset;
        let mut slot = self.slot_of_rank(rank);
        while page.len() < limit {
            page.push(self.items[slot]);
            rank -= 1;
            if rank == 0 {
                break;
            }
            slot = self.live_slot_below(slot, rank);
        }
        page
    }

    /// The nearest live slot below `slot`, which holds rank `rank`: a few free slots are
    /// stepped over, a longer run of them is jumped with a rank lookup.
    fn live_slot_below(&self, slot: usize, rank: usize) -> usize {
        let nearby = slot.saturating_sub(PROBE_SLOTS)..slot;
        match nearby
            .rev()
            .find(|&candidate| self.items[candidate] != FREE)
        {
            Some(candidate) => candidate,
            None => self.slot_of_rank(rank),
        }
    }

    /// Every item, newest first. O(n): for filtered listings, which have to look at every cart.
    pub fn iter_newest(&self) -> impl Iterator<Item = u32> + '_ {
        self.items
            .iter()
            .rev()
            .copied()
            .filter(|&item| item != FREE)
    }

    /// The slot holding the live item of the given rank (1 = oldest).
    fn slot_of_rank(&self, rank: usize) -> usize {
        debug_assert!(rank >= 1 && rank <= self.live);
        let n = self.items.len();
        let mut pos = 0;
        let mut remaining = rank as u32;
        let mut step = if n == 0 { 0 } else { 1 << n.ilog2() };
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] < remaining {
                pos = next;
                remaining -= self.tree[next];
            }
            step >>= 1;
        }
        // `pos` is the largest 1-based index whose prefix count is below `rank`, so the slot we
        // want is the next one: 1-based `pos + 1`, that is 0-based `pos`.
        pos
    }

    /// Drops the free slots and rebuilds the tree in O(n).
    fn compact(&mut self) {
        let mut keys = Vec::with_capacity(self.live * 2);
        let mut items = Vec::with_capacity(self.live * 2);
        for (&key, &item) in self.keys.iter().zip(&self.items) {
            if item != FREE {
                keys.push(key);
                items.push(item);
            }
        }
        // With every slot live, node i covers exactly lowbit(i) slots.
        let mut tree = Vec::with_capacity(self.live * 2 + 1);
        tree.push(0);
        tree.extend((1..=items.len()).map(|i| (i & i.wrapping_neg()) as u32));
        self.keys = keys;
        self.items = items;
        self.tree = tree;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A straightforward model of the index: a vector of (key, item) in key order.
    #[derive(Default)]
    struct Model(Vec<(u64, u32)>);

    impl Model {
        fn newest(&self, offset: usize, limit: usize) -> Vec<u32> {
            self.0
                .iter()
                .rev()
                .skip(offset)
                .take(limit)
                .map(|&(_, item)| item)
                .collect()
        }
    }

    #[test]
    fn pages_follow_push_order_newest_first() {
        let mut index = RecencyIndex::new();
        for i in 0..10 {
            index.push(i, i as u32);
        }
        assert_eq!(index.newest(0, 3), vec![9, 8, 7]);
        assert_eq!(index.newest(8, 5), vec![1, 0]);
        assert!(index.newest(10, 5).is_empty());
        assert!(index.newest(0, 0).is_empty());
    }

    #[test]
    fn updating_an_item_moves_it_to_the_front() {
        let mut index = RecencyIndex::new();
        index.push(1, 100);
        index.push(2, 200);
        index.push(3, 300);
        assert!(index.remove(1));
        index.push(4, 100);
        assert_eq!(index.newest(0, 10), vec![100, 300, 200]);
        assert!(!index.remove(1), "a key is removed only once");
        assert!(!index.remove(99), "unknown keys are ignored");
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn pages_jump_long_runs_of_free_slots() {
        let mut index = RecencyIndex::new();
        for key in 0..100 {
            index.push(key, key as u32);
        }
        for key in 40..70 {
            index.remove(key);
        }
        assert_eq!(index.items.len(), 100, "no compaction yet");
        // Live: 99..=70 (30 items), then 39..=0; this page spans the gap.
        assert_eq!(
            index.newest(25, 10),
            [74, 73, 72, 71, 70, 39, 38, 37, 36, 35]
        );
        assert_eq!(index.newest(60, 100), (0..10).rev().collect::<Vec<u32>>());
    }

    #[test]
    fn agrees_with_a_simple_model_under_churn() {
        // A deterministic pseudo-random walk of pushes and removals, checked page by page.
        let mut index = RecencyIndex::new();
        let mut model = Model::default();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut key = 0;
        for round in 0..5_000 {
            let roll = next() % 10;
            if roll < 6 || model.0.is_empty() {
                key += 1;
                index.push(key, round);
                model.0.push((key, round));
            } else {
                let victim = (next() as usize) % model.0.len();
                let (victim_key, _) = model.0.remove(victim);
                assert!(index.remove(victim_key));
            }
            if round % 97 == 0 {
                let len = model.0.len();
                assert_eq!(index.len(), len);
                for offset in [0, 1, len / 3, len / 2, len.saturating_sub(3), len] {
                    assert_eq!(index.newest(offset, 25), model.newest(offset, 25));
                }
                assert!(index.iter_newest().eq(model.newest(0, usize::MAX)));
            }
        }
    }

    #[test]
    fn compaction_keeps_memory_proportional_to_live_items() {
        let mut index = RecencyIndex::new();
        index.push(0, 7);
        for key in 1..10_000 {
            index.remove(key - 1);
            index.push(key, 7);
        }
        assert_eq!(index.len(), 1);
        assert!(index.items.len() <= 2 * MIN_COMPACT_LEN);
        assert_eq!(index.newest(0, 5), vec![7]);
    }
}
