//! Every normalised name (any locale) with the slots that bear it, for the
//! exact and prefix name ranks of a search. The names a snapshot holds are
//! an `fst` map, sorted with shared prefixes and suffixes in one byte
//! buffer; names added since are in a `BTreeMap` beside it. At 100 000
//! listings (400 000 names) the map of strings cost 55 MB of heap, the
//! largest part of the indexes read from a snapshot.

use std::collections::BTreeMap;

use fst::{IntoStreamer, Map, MapBuilder, Streamer};

/// An fst value with this bit set is an index into the shared slot lists
/// (a name that several listings bear); without it, the one slot itself.
const SHARED: u64 = 1 << 40;

/// Names and their slots; dead slots stay, as in every index (queries keep
/// live slots only).
#[derive(Debug, Default)]
pub(super) struct NameIndex {
    frozen: Map<Vec<u8>>,
    shared: Vec<Vec<u32>>,
    recent: BTreeMap<String, Vec<u32>>,
}

/// A [`NameIndex`] as a snapshot stores it: the fst's bytes and the
/// shared slot lists.
pub(super) type FrozenNames = (Vec<u8>, Vec<Vec<u32>>);

/// Why a snapshot's names do not read back.
#[derive(Debug)]
pub(super) struct InvalidNames;

impl NameIndex {
    /// Records that `slot` bears `name`.
    pub(super) fn add(&mut self, name: String, slot: u32) {
        self.recent.entry(name).or_default().push(slot);
    }

    /// Forgets every name.
    pub(super) fn clear(&mut self) {
        *self = NameIndex::default();
    }

    /// Calls `found(exact, slot)` for every slot bearing a name that starts
    /// with `prefix` (`exact` when the name is `prefix` itself).
    pub(super) fn prefixed(&self, prefix: &str, mut found: impl FnMut(bool, u32)) {
        let mut stream = self.frozen.range().ge(prefix).into_stream();
        while let Some((name, value)) = stream.next() {
            if !name.starts_with(prefix.as_bytes()) {
                break;
            }
            let exact = name == prefix.as_bytes();
            self.slots_of(value)
                .into_iter()
                .for_each(|slot| found(exact, slot));
        }
        let recent = self
            .recent
            .range(prefix.to_owned()..)
            .take_while(|(name, _)| name.starts_with(prefix));
        for (name, slots) in recent {
            slots.iter().for_each(|slot| found(name == prefix, *slot));
        }
    }

    /// The slots an fst value stands for.
    fn slots_of(&self, value: u64) -> Vec<u32> {
        if value & SHARED == 0 {
            u32::try_from(value)
                .map(|slot| vec![slot])
                .unwrap_or_default()
        } else {
            let index = usize::try_from(value & !SHARED).unwrap_or(usize::MAX);
            self.shared.get(index).cloned().unwrap_or_default()
        }
    }

    /// Every name, old and new, as one fst and its shared lists.
    pub(super) fn freeze(&self) -> FrozenNames {
        let mut builder = MapBuilder::memory();
        let mut shared = Vec::new();
        let mut old = self.frozen.stream();
        let mut next_old = old
            .next()
            .map(|(name, value)| (name.to_vec(), self.slots_of(value)));
        let mut new = self.recent.iter().peekable();
        let mut insert = |name: &[u8], slots: Vec<u32>| {
            let value = match slots.as_slice() {
                [slot] => u64::from(*slot),
                _ => {
                    shared.push(slots);
                    SHARED | (shared.len() as u64 - 1)
                }
            };
            // Names come in ascending order, each once: insert cannot fail.
            let _ = builder.insert(name, value);
        };
        loop {
            let take_old = match (&next_old, new.peek()) {
                (None, None) => break,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (Some((a, _)), Some((b, _))) => a.as_slice() <= b.as_bytes(),
            };
            if take_old {
                let Some((name, mut slots)) = next_old.take() else {
                    break;
                };
                if let Some((_, more)) = new.next_if(|(b, _)| b.as_bytes() == name.as_slice()) {
                    slots.extend_from_slice(more);
                }
                insert(&name, slots);
                next_old = old
                    .next()
                    .map(|(name, value)| (name.to_vec(), self.slots_of(value)));
            } else if let Some((name, slots)) = new.next() {
                insert(name.as_bytes(), slots.clone());
            }
        }
        (builder.into_inner().unwrap_or_default(), shared)
    }

    /// The index a snapshot stored.
    pub(super) fn thaw((bytes, shared): FrozenNames) -> Result<Self, InvalidNames> {
        Ok(NameIndex {
            frozen: Map::new(bytes).map_err(|_| InvalidNames)?,
            shared,
            recent: BTreeMap::new(),
        })
    }
}
