//! The fields that filters test, copied out of the listings into one array
//! per field (struct of arrays), and the slots of each category, city and
//! district as a bitmap. A filter over 100 000 listings then combines a few
//! bitmaps and reads contiguous arrays instead of chasing a pointer to each
//! listing.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::bits::Bits;
use super::timed::HeldSet;
use crate::domain::{Category, Listing};

/// "No such value" in the interned-code columns.
pub(super) const NONE: u32 = u32::MAX;

/// Per-slot copies of the filtered fields.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Columns {
    /// Position of the category in [`Category::ALL`].
    pub category: Vec<u8>,
    /// Interned city code.
    pub city: Vec<u32>,
    /// Interned district code, or [`NONE`].
    pub district: Vec<u32>,
    /// Latitude and longitude; NaN when unknown.
    pub point: Vec<[f64; 2]>,
    /// The same as a unit vector, for distance keys ([`super::spatial::unit`]).
    pub unit: Vec<[f64; 3]>,
    /// Application window in unix seconds: opens (`i64::MIN` if open-ended),
    /// closes (`i64::MAX` if open-ended); `None` without a window.
    pub window: Vec<Option<[i64; 2]>>,
    /// The date the listing was last checked, if ever.
    pub verified: Vec<Option<NaiveDate>>,
    /// Slots per spoken language (BCP 47, canonical form).
    pub by_language: HashMap<String, Bits>,
    /// Slots with an application window.
    pub with_window: Bits,
    /// Slots of listings with a place (coordinates or an address).
    pub with_place: Bits,
    #[serde(skip)]
    accepting: HeldSet,
    /// Last change, in microseconds since the epoch.
    pub updated: Vec<i64>,
    /// Slots per category position.
    pub by_category: Vec<Bits>,
    /// Slots per interned city code.
    pub by_city: Vec<Bits>,
    /// Slots per interned district code.
    pub by_district: Vec<Bits>,
    codes: HashMap<String, u32>,
}

impl Columns {
    /// The interned number of a city or district code, if any listing has it.
    pub(super) fn code(&self, code: &str) -> Option<u32> {
        self.codes.get(code).copied()
    }

    fn intern(&mut self, code: &str) -> u32 {
        let next = u32::try_from(self.codes.len()).unwrap_or(NONE);
        let id = *self.codes.entry(code.to_owned()).or_insert(next);
        if id == next {
            self.by_city.push(Bits::default());
            self.by_district.push(Bits::default());
        }
        id
    }

    /// Appends the row of the listing in the next slot.
    pub(super) fn push(&mut self, listing: &Listing) {
        let category = Category::ALL
            .iter()
            .position(|c| *c == listing.category)
            .unwrap_or_default();
        #[expect(
            clippy::expect_used,
            reason = "slots are u32 by design; 4 billion listings is past any directory"
        )]
        let slot = u32::try_from(self.category.len()).expect("fewer than 4 billion listings");
        self.category
            .push(u8::try_from(category).unwrap_or(u8::MAX));
        if self.by_category.len() <= category {
            self.by_category.resize(category + 1, Bits::default());
        }
        self.by_category[category].insert(slot);
        let city = self.intern(&listing.city);
        self.city.push(city);
        self.by_city[city as usize].insert(slot);
        let district = listing
            .district
            .as_deref()
            .map_or(NONE, |district| self.intern(district));
        self.district.push(district);
        if district != NONE {
            self.by_district[district as usize].insert(slot);
        }
        self.point.push(
            listing
                .location
                .map_or([f64::NAN; 2], |p| [p.latitude, p.longitude]),
        );
        self.unit.push(listing.location.map_or([f64::NAN; 3], |p| {
            super::spatial::unit(p.latitude, p.longitude)
        }));
        self.verified.push(listing.verified_at);
        for language in &listing.languages {
            self.by_language
                .entry(language.clone())
                .or_default()
                .insert(slot);
        }
        if listing.has_place() {
            self.with_place.insert(slot);
        }
        if listing.application_window.is_some() {
            self.with_window.insert(slot);
            self.accepting.forget();
        }
        self.window.push(listing.application_window.map(|w| {
            [
                w.opens_at.map_or(i64::MIN, |t| t.timestamp()),
                w.closes_at.map_or(i64::MAX, |t| t.timestamp()),
            ]
        }));
        self.updated.push(listing.updated_at.timestamp_micros());
    }

    /// Empties every column (the interned codes stay valid).
    pub(super) fn clear(&mut self) {
        self.category.clear();
        self.city.clear();
        self.district.clear();
        self.point.clear();
        self.unit.clear();
        self.window.clear();
        self.updated.clear();
        self.with_window = Bits::default();
        self.with_place = Bits::default();
        self.accepting.forget();
        self.verified.clear();
        self.by_language.clear();
        self.by_category
            .iter_mut()
            .for_each(|bits| *bits = Bits::default());
        self.by_city
            .iter_mut()
            .for_each(|bits| *bits = Bits::default());
        self.by_district
            .iter_mut()
            .for_each(|bits| *bits = Bits::default());
    }

    /// The slots taking applications at `now` (unix seconds), reused
    /// until the next window opens or closes.
    pub(super) fn accepting_at(&self, now: i64) -> Arc<Bits> {
        self.accepting.at(now, || {
            let mut slots = Bits::new(self.window.len());
            let (mut from, mut until) = (i64::MIN, i64::MAX);
            for slot in self.with_window.iter() {
                let Some([opens, closes]) = self.window[slot as usize] else {
                    continue;
                };
                if opens <= now && now <= closes {
                    slots.insert(slot);
                }
                // The state changes when the window opens and just after
                // it closes (the closing instant still takes applications).
                for edge in [opens, closes.saturating_add(1)] {
                    if edge <= now {
                        from = from.max(edge);
                    } else {
                        until = until.min(edge);
                    }
                }
            }
            (slots, from, until)
        })
    }
}
