//! Opening hours shared between listings. Most places publish one of a
//! few schedules ("Mo-Fr 09:00-18:00"), so each distinct expression is
//! parsed once per city and evaluated once per query instant, and "open
//! now" is one set of slots reused until the next opening or closing.

use std::collections::HashMap;
use std::sync::Arc;

use super::bits::Bits;
use super::timed::HeldSet;
use super::{Locality, OpenState, Schedule};
use chrono::{DateTime, Utc};

/// Distinct schedules and the slots that keep each.
#[derive(Debug, Default)]
pub(super) struct Schedules {
    /// (city, expression) -> schedule number; `None` for an invalid one.
    ids: HashMap<(String, String), Option<u32>>,
    parsed: Vec<Arc<Schedule>>,
    slots: Vec<Vec<u32>>,
    open_now: HeldSet,
}

impl Schedules {
    /// The parsed schedule of `expression` in `city`, shared with every
    /// slot that has the same one, and kept for `slot`.
    pub(super) fn add(
        &mut self,
        slot: u32,
        city: &str,
        expression: &str,
        locality: &Locality,
    ) -> Option<Arc<Schedule>> {
        let key = (city.to_owned(), expression.to_owned());
        let id = match self.ids.get(&key) {
            Some(id) => *id,
            None => {
                #[expect(
                    clippy::expect_used,
                    reason = "schedule ids are u32 by design; there are fewer schedules than listings"
                )]
                let id = Schedule::parse(expression, locality).ok().map(|schedule| {
                    self.parsed.push(Arc::new(schedule));
                    self.slots.push(Vec::new());
                    u32::try_from(self.parsed.len() - 1).expect("fewer than 4 billion schedules")
                });
                self.ids.insert(key, id);
                id
            }
        }?;
        self.slots[id as usize].push(slot);
        self.open_now.forget();
        Some(Arc::clone(&self.parsed[id as usize]))
    }

    /// Every valid schedule's city and expression with the slots that keep
    /// it, for a snapshot (which parses them again when it is read).
    pub(super) fn sources(&self) -> Vec<(&str, &str, &[u32])> {
        let mut sources: Vec<_> = self
            .ids
            .iter()
            .filter_map(|((city, expression), id)| {
                let slots = self.slots.get((*id)? as usize)?;
                Some((city.as_str(), expression.as_str(), slots.as_slice()))
            })
            .filter(|(.., slots)| !slots.is_empty())
            .collect();
        sources.sort_unstable();
        sources
    }

    /// Forgets every slot (parsed schedules stay, for re-adding).
    pub(super) fn clear(&mut self) {
        self.slots.iter_mut().for_each(Vec::clear);
        self.open_now.forget();
    }

    /// Slots (among `len`) whose schedule is open at `at`.
    pub(super) fn open_at(&self, at: DateTime<Utc>, len: usize) -> Bits {
        let mut open = Bits::new(len);
        for (schedule, slots) in self.parsed.iter().zip(&self.slots) {
            if !slots.is_empty() && schedule.state(at) == OpenState::Open {
                slots.iter().for_each(|slot| open.insert(*slot));
            }
        }
        open
    }

    /// Slots (among `len`) open at `now`, reused while no schedule
    /// changes state.
    pub(super) fn open_now(&self, now: DateTime<Utc>, len: usize) -> Arc<Bits> {
        let seconds = now.timestamp();
        self.open_now.at(seconds, || {
            let mut slots = Bits::new(len);
            let mut until = i64::MAX;
            for (schedule, kept) in self.parsed.iter().zip(&self.slots) {
                if kept.is_empty() {
                    continue;
                }
                let (open, changes) = schedule.open_until(now);
                until = until.min(changes);
                if open {
                    kept.iter().for_each(|slot| slots.insert(*slot));
                }
            }
            (slots, seconds, until)
        })
    }
}
