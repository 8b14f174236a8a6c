//! The orders a page is cut from (id, name in a locale's collation, last
//! change, relevance, distance) and the cursor's place in each.

use std::cmp::Ordering;
use std::sync::Arc;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};

use super::bits::Bits;
use super::search::Ranking;
use super::spatial::{chord2, chord2_of_metres, unit};
use super::{Catalog, Order};
use crate::domain::{CursorKey, Listing, ListingFilter};

/// The name `sort=name` orders a listing by in `locale`: the one key the
/// name order, a cursor's start and the cursor cut all use.
pub(super) fn sort_name<'a>(listing: &'a Listing, locale: &str) -> &'a str {
    listing.text_for(locale).map_or("", |text| text.name)
}

fn collator(locale: &str) -> Option<CollatorBorrowed<'static>> {
    let locale = icu_locale_core::Locale::try_from_str(locale).ok()?;
    Collator::try_new((&locale).into(), CollatorOptions::default()).ok()
}

/// Where `target` would sit in `order` (sorted by `compare`): its index if
/// present, else half a place before the first greater element, so that
/// "after the cursor" is `position > threshold` either way.
fn threshold(order: &[u32], compare: impl Fn(u32) -> Ordering) -> f64 {
    match order.binary_search_by(|slot| compare(*slot)) {
        Ok(index) => index as f64,
        Err(index) => index as f64 - 0.5,
    }
}

/// The first position after a [`threshold`].
fn first_after(threshold: f64) -> usize {
    (threshold + 1.0).floor().max(0.0) as usize
}

/// Up to `wanted` slots of `set` (which holds `count`) in `order`, from
/// position `start` on. A dense set is found by walking the order from
/// `start` (a few steps per hit); a sparse one by placing each member.
pub(super) fn take_in_order(
    order: &Order,
    set: &Bits,
    count: usize,
    start: usize,
    wanted: usize,
) -> Vec<u32> {
    if count.saturating_mul(32) >= order.slots.len() {
        let rest = order.slots.get(start..).unwrap_or_default();
        return rest
            .iter()
            .copied()
            .filter(|slot| set.contains(*slot))
            .take(wanted)
            .collect();
    }
    let mut placed: Vec<(u32, u32)> = set
        .iter()
        .filter_map(|slot| {
            let position = *order.position.get(slot as usize)?;
            (position != u32::MAX && position as usize >= start).then_some((position, slot))
        })
        .collect();
    if placed.len() > wanted && wanted > 0 {
        placed.select_nth_unstable(wanted - 1);
    }
    placed.truncate(wanted);
    placed.sort_unstable();
    placed.into_iter().map(|(_, slot)| slot).collect()
}

impl Catalog {
    /// Listing slots sorted by name in `locale`'s collation, then id.
    pub(super) fn name_order(&self, locale: &str) -> Arc<Order> {
        let mut orders = self.name_orders.lock();
        if let Some(order) = orders.get(locale) {
            return Arc::clone(order);
        }
        let collator = collator(locale);
        let mut named: Vec<(u32, String, &str)> = self
            .id_order
            .slots
            .iter()
            .filter_map(|slot| {
                let listing = self.records.decode(&self.held(*slot)?.record)?;
                let name = sort_name(&listing, locale).to_owned();
                Some((*slot, name, self.id_of(*slot)))
            })
            .collect();
        named.sort_by(|a, b| {
            let by_name = match &collator {
                Some(collator) => collator.compare(&a.1, &b.1),
                None => a.1.cmp(&b.1),
            };
            by_name.then_with(|| a.2.cmp(b.2))
        });
        let order = Arc::new(Order::new(
            named.into_iter().map(|n| n.0).collect(),
            self.slots.len(),
        ));
        orders.insert(locale.to_owned(), Arc::clone(&order));
        order
    }

    /// Listing slots, most recently changed first, then by id.
    pub(super) fn updated_order(&self) -> Arc<Order> {
        let mut cached = self.updated_order.lock();
        if let Some(order) = cached.as_ref() {
            return Arc::clone(order);
        }
        let mut slots = self.id_order.slots.clone();
        // Stable, so equal instants stay in id order.
        slots.sort_by_key(|slot| std::cmp::Reverse(self.columns.updated[*slot as usize]));
        let order = Arc::new(Order::new(slots, self.slots.len()));
        *cached = Some(Arc::clone(&order));
        order
    }

    fn id_threshold(&self, id: &str) -> f64 {
        threshold(&self.id_order.slots, |slot| self.id_of(slot).cmp(id))
    }

    /// The first position of `order` (the sort's order, or the id order
    /// when `None`) after the request's cursor.
    pub(super) fn start(
        &self,
        filter: &ListingFilter,
        locale: &str,
        order: Option<&Order>,
    ) -> usize {
        let Some(cursor) = filter.cursor.as_ref() else {
            return 0;
        };
        let after_id = cursor.after.as_str();
        let at = match (&cursor.key, order) {
            (CursorKey::Name(name), Some(order)) => {
                let collator = collator(locale);
                threshold(&order.slots, |slot| {
                    let listing = self.held(slot).and_then(|h| self.records.decode(&h.record));
                    let slot_name = listing.as_ref().map_or("", |l| sort_name(l, locale));
                    let by_name = match &collator {
                        Some(c) => c.compare(slot_name, name),
                        None => slot_name.cmp(name.as_str()),
                    };
                    by_name.then_with(|| self.id_of(slot).cmp(after_id))
                })
            }
            (CursorKey::Updated(at), Some(order)) => {
                let micros = at.timestamp_micros();
                threshold(&order.slots, |slot| {
                    micros
                        .cmp(&self.columns.updated[slot as usize])
                        .then_with(|| self.id_of(slot).cmp(after_id))
                })
            }
            _ => self.id_threshold(after_id),
        };
        first_after(at)
    }

    /// Up to `wanted` slots by rank, then id: each rank's slots are taken
    /// in id order, best rank first, from the cursor's rank and id on.
    pub(super) fn by_relevance(
        &self,
        filter: &ListingFilter,
        matching: &Bits,
        ranking: Option<&Ranking>,
        wanted: usize,
    ) -> Vec<u32> {
        let Some(ranking) = ranking else {
            // Without a query every listing ranks alike: id order.
            let total = matching.count();
            let start = self.start(filter, "", None);
            return take_in_order(&self.id_order, matching, total, start, wanted);
        };
        let (from_rank, from_id) = match filter.cursor.as_ref() {
            Some(cursor) => match cursor.key {
                CursorKey::Relevance(rank) => (rank, self.start(filter, "", None)),
                _ => (0, self.start(filter, "", None)),
            },
            None => (0, 0),
        };
        let mut taken = Vec::new();
        let mut better = Bits::default();
        for rank in 0u8..=3 {
            let mut class = matching.clone();
            if let Some(at_least) = ranking.at_least.get(usize::from(rank)) {
                class.intersect(at_least);
            }
            class.subtract(&better);
            if rank < 3 {
                better = ranking.at_least[usize::from(rank)].clone();
            }
            if rank < from_rank || taken.len() >= wanted {
                continue;
            }
            let start = if rank == from_rank { from_id } else { 0 };
            let count = class.count();
            let more = wanted - taken.len();
            taken.extend(take_in_order(&self.id_order, &class, count, start, more));
        }
        taken
    }

    /// Up to `wanted` slots nearest first, then by id, after the cursor.
    /// `distances` holds distance keys ([`super::spatial::chord2`]).
    pub(super) fn by_distance(
        &self,
        filter: &ListingFilter,
        matching: &Bits,
        distances: Option<Vec<(u32, f64)>>,
        wanted: usize,
    ) -> Vec<u32> {
        // The id position breaks ties only: looked up for them alone, as
        // each lookup is a likely cache miss at a million listings.
        let position = |slot: u32| f64::from(self.id_order.position[slot as usize]);
        let by_key = |a: &(f64, u32), b: &(f64, u32)| {
            a.0.total_cmp(&b.0)
                .then_with(|| position(a.1).total_cmp(&position(b.1)))
        };
        let mut keyed: Vec<(f64, u32)> = match distances {
            Some(distances) => distances
                .into_iter()
                .map(|(slot, key)| (key, slot))
                .collect(),
            // Without `near` no distance is known: id order.
            None => matching.iter().map(|slot| (f64::INFINITY, slot)).collect(),
        };
        if let Some(cursor) = filter.cursor.as_ref() {
            let primary = match (cursor.key.clone(), filter.near) {
                (CursorKey::Distance(metres), _) if metres.is_infinite() => metres,
                (CursorKey::Distance(metres), Some(near)) => {
                    // The key of the cursor's listing itself when it is still
                    // there, so that no rounding of its metres moves it.
                    let from = unit(near.point.latitude, near.point.longitude);
                    self.by_id
                        .get(cursor.after.as_str())
                        .and_then(|slot| self.columns.unit.get(*slot as usize))
                        .filter(|at| !at[0].is_nan())
                        .map_or_else(|| chord2_of_metres(metres), |at| chord2(&from, at))
                }
                (CursorKey::Distance(metres), None) => metres,
                _ => f64::NEG_INFINITY,
            };
            let after_id = self.id_threshold(cursor.after.as_str());
            keyed.retain(|(key, slot)| match key.total_cmp(&primary) {
                Ordering::Equal => position(*slot) > after_id,
                beyond => beyond == Ordering::Greater,
            });
        }
        if keyed.len() > wanted && wanted > 0 {
            keyed.select_nth_unstable_by(wanted - 1, by_key);
        }
        keyed.truncate(wanted);
        keyed.sort_unstable_by(by_key);
        keyed.into_iter().map(|(_, slot)| slot).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_of_taking_a_page_agree() {
        // Slots 0..200 in reverse order: position p holds slot 199 - p.
        let order = Order::new((0..200).rev().collect(), 200);
        let sparse = Bits::from_slots(200, [190, 189, 188, 3]); // positions 9, 10, 11, 196
        let dense = Bits::from_slots(200, (0..200).filter(|s| s % 3 != 0));
        for (set, count) in [(&sparse, 4), (&dense, dense.count())] {
            for (start, wanted) in [(0, 2), (10, 2), (11, 5), (196, 3), (250, 1), (0, 0)] {
                let expected: Vec<u32> = order.slots[start.min(200)..]
                    .iter()
                    .copied()
                    .filter(|slot| set.contains(*slot))
                    .take(wanted)
                    .collect();
                // The count decides the way: give each set both counts.
                for claimed in [count, 1, 200] {
                    let taken = take_in_order(&order, set, claimed, start, wanted);
                    assert_eq!(
                        taken, expected,
                        "start {start}, wanted {wanted}, count {claimed}"
                    );
                }
            }
        }
    }
}
