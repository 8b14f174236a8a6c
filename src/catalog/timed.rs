//! A set of slots that holds for a span of time (the listings open now, or
//! taking applications now), computed once and reused for every instant
//! inside the span, since it only changes at an opening or a closing.

use std::sync::Arc;

use parking_lot::Mutex;

use super::bits::Bits;

/// The last set computed and the span it holds for.
#[derive(Debug, Default)]
pub(super) struct HeldSet {
    held: Mutex<Option<Held>>,
}

/// `slots` holds during `[from, until)` (unix seconds).
#[derive(Debug)]
struct Held {
    from: i64,
    until: i64,
    slots: Arc<Bits>,
}

impl HeldSet {
    /// The set at `now` (unix seconds): the held one while `now` lies in
    /// its span, else the one `compute` returns with the span it holds for
    /// (`from`, `until`), which is then held.
    pub(super) fn at(&self, now: i64, compute: impl FnOnce() -> (Bits, i64, i64)) -> Arc<Bits> {
        let mut held = self.held.lock();
        if let Some(held) = held.as_ref() {
            if held.from <= now && now < held.until {
                return Arc::clone(&held.slots);
            }
        }
        let (slots, from, until) = compute();
        let slots = Arc::new(slots);
        *held = Some(Held {
            from,
            until,
            slots: Arc::clone(&slots),
        });
        slots
    }

    /// Forgets the held set, as the slots it was computed from changed.
    pub(super) fn forget(&mut self) {
        *self.held.get_mut() = None;
    }
}
