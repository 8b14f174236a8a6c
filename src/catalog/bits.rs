//! Sets of listing slots as bitmaps, and posting lists that switch to a
//! bitmap once they are dense. A query then combines its filters word by
//! word (64 listings per instruction) and counts its total with popcount,
//! instead of visiting each listing.

/// A set of slots, one bit each; bits past the end are unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Bits {
    words: Vec<u64>,
}

impl Bits {
    /// The empty set, sized for `len` slots.
    pub fn new(len: usize) -> Self {
        Bits {
            words: vec![0; len.div_ceil(64)],
        }
    }

    /// The set of `slots`, sized for `len` slots.
    pub fn from_slots(len: usize, slots: impl IntoIterator<Item = u32>) -> Self {
        let mut bits = Bits::new(len);
        for slot in slots {
            bits.insert(slot);
        }
        bits
    }

    /// Adds `slot`, growing the set when needed.
    pub fn insert(&mut self, slot: u32) {
        let word = slot as usize / 64;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= 1 << (slot % 64);
    }

    /// Removes `slot`.
    pub fn remove(&mut self, slot: u32) {
        if let Some(word) = self.words.get_mut(slot as usize / 64) {
            *word &= !(1 << (slot % 64));
        }
    }

    /// Whether `slot` is in the set.
    pub fn contains(&self, slot: u32) -> bool {
        self.words
            .get(slot as usize / 64)
            .is_some_and(|word| word & (1 << (slot % 64)) != 0)
    }

    /// Keeps only the slots also in `other`.
    pub fn intersect(&mut self, other: &Bits) {
        for (index, word) in self.words.iter_mut().enumerate() {
            *word &= other.words.get(index).copied().unwrap_or(0);
        }
    }

    /// Adds every slot of `other`.
    pub fn union(&mut self, other: &Bits) {
        if other.words.len() > self.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (word, theirs) in self.words.iter_mut().zip(&other.words) {
            *word |= theirs;
        }
    }

    /// Removes every slot of `other`.
    pub fn subtract(&mut self, other: &Bits) {
        for (word, theirs) in self.words.iter_mut().zip(&other.words) {
            *word &= !theirs;
        }
    }

    /// How many slots the set holds.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// True when no slot is in the set.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// The slots, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(index, word)| {
            let base = (index * 64) as u32;
            let mut rest = *word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    base + bit
                })
            })
        })
    }
}

/// The documents of one index key: a sorted list while it is short, a
/// bitmap once a list would take more memory than the bitmap (a list entry
/// costs 32 bits, a bitmap one bit per document).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) enum Postings {
    /// Ascending document numbers.
    Sparse(Vec<u32>),
    /// Every document as a bit.
    Dense(Bits),
}

impl Default for Postings {
    fn default() -> Self {
        Postings::Sparse(Vec::new())
    }
}

impl Postings {
    /// Adds `doc`, which must be at least the last one added.
    pub(super) fn push(&mut self, doc: u32) {
        match self {
            Postings::Sparse(list) => {
                if list.last() == Some(&doc) {
                    return;
                }
                list.push(doc);
                // Past 64 entries, switch once the bitmap is the smaller.
                if list.len() > 64 && list.len() * 32 > doc as usize {
                    *self = Postings::Dense(Bits::from_slots(doc as usize + 1, list.drain(..)));
                }
            }
            Postings::Dense(bits) => bits.insert(doc),
        }
    }

    /// Adds every document to `into`.
    pub(super) fn add_to(&self, into: &mut Bits) {
        match self {
            Postings::Sparse(list) => list.iter().for_each(|doc| into.insert(*doc)),
            Postings::Dense(bits) => into.union(bits),
        }
    }

    /// The documents as a set sized for `len` documents.
    pub(super) fn to_bits(&self, len: usize) -> Bits {
        let mut bits = Bits::new(len);
        self.add_to(&mut bits);
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_work_across_word_boundaries() {
        let mut a = Bits::from_slots(200, [0, 63, 64, 130, 199]);
        let b = Bits::from_slots(100, [63, 64, 99]);
        assert_eq!(a.count(), 5);
        assert!(a.contains(130) && !a.contains(131) && !a.contains(10_000));
        let mut both = a.clone();
        both.intersect(&b);
        assert_eq!(both.iter().collect::<Vec<_>>(), [63, 64]);
        a.subtract(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), [0, 130, 199]);
        a.union(&Bits::from_slots(300, [250]));
        assert_eq!(a.iter().collect::<Vec<_>>(), [0, 130, 199, 250]);
        a.remove(0);
        assert!(!a.contains(0) && !Bits::new(10).contains(3) && Bits::new(10).is_empty());
    }

    #[test]
    fn postings_turn_dense_without_losing_documents() {
        let mut postings = Postings::default();
        let docs: Vec<u32> = (0..500).filter(|d| d % 3 != 0).collect();
        for doc in &docs {
            postings.push(*doc);
            postings.push(*doc);
        }
        assert!(matches!(postings, Postings::Dense(_)));
        assert_eq!(postings.to_bits(500).iter().collect::<Vec<_>>(), docs);
        let mut rare = Postings::default();
        rare.push(5);
        rare.push(90_000);
        assert!(matches!(rare, Postings::Sparse(_)));
        assert_eq!(
            rare.to_bits(100_000).iter().collect::<Vec<_>>(),
            [5, 90_000]
        );
    }
}
