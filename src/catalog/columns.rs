//! The fields that filters test, copied out of the listings into one array
//! per field (struct of arrays). A filter over 100 000 listings then walks
//! a few contiguous arrays instead of chasing a pointer to each listing,
//! which is what kept "near me" and "open now" under their latency budget.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use chrono::{DateTime, Utc};

use super::Schedule;
use crate::domain::{Category, Listing};

/// "No such value" in the interned-code columns.
pub(super) const NONE: u32 = u32::MAX;

/// Per-slot copies of the filtered fields.
#[derive(Debug, Default)]
pub(super) struct Columns {
    /// Position of the category in [`Category::ALL`].
    pub category: Vec<u8>,
    /// Interned city code.
    pub city: Vec<u32>,
    /// Interned district code, or [`NONE`].
    pub district: Vec<u32>,
    /// Latitude and longitude; NaN when unknown.
    pub point: Vec<[f64; 2]>,
    /// Application window in unix seconds: opens (`i64::MIN` if open-ended),
    /// closes (`i64::MAX` if open-ended); `None` without a window.
    pub window: Vec<Option<[i64; 2]>>,
    /// Unix seconds until which `open_now` holds; `i64::MIN`: unknown.
    open_until: Vec<AtomicI64>,
    open_now: Vec<AtomicBool>,
    codes: HashMap<String, u32>,
}

impl Columns {
    /// The interned number of a city or district code, if any listing has it.
    pub fn code(&self, code: &str) -> Option<u32> {
        self.codes.get(code).copied()
    }

    fn intern(&mut self, code: &str) -> u32 {
        let next = u32::try_from(self.codes.len()).unwrap_or(NONE);
        *self.codes.entry(code.to_owned()).or_insert(next)
    }

    /// Appends the row of the listing in the next slot.
    pub fn push(&mut self, listing: &Listing) {
        let category = Category::ALL
            .iter()
            .position(|c| *c == listing.category)
            .unwrap_or_default();
        self.category
            .push(u8::try_from(category).unwrap_or(u8::MAX));
        let city = self.intern(&listing.city);
        self.city.push(city);
        let district = listing
            .district
            .as_deref()
            .map_or(NONE, |district| self.intern(district));
        self.district.push(district);
        self.point.push(
            listing
                .location
                .map_or([f64::NAN; 2], |p| [p.latitude, p.longitude]),
        );
        self.window.push(listing.application_window.map(|w| {
            [
                w.opens_at.map_or(i64::MIN, |t| t.timestamp()),
                w.closes_at.map_or(i64::MAX, |t| t.timestamp()),
            ]
        }));
        self.open_until.push(AtomicI64::new(i64::MIN));
        self.open_now.push(AtomicBool::new(false));
    }

    /// Empties every column (the interned codes stay valid).
    pub fn clear(&mut self) {
        self.category.clear();
        self.city.clear();
        self.district.clear();
        self.point.clear();
        self.window.clear();
        self.open_until.clear();
        self.open_now.clear();
    }

    /// Whether the window of `slot` takes applications at `now`.
    pub fn accepting(&self, slot: usize, now: i64) -> bool {
        self.window[slot].is_some_and(|[opens, closes]| opens <= now && now <= closes)
    }

    /// Whether `schedule` (the one of `slot`) is open at `now`, from this
    /// slot's cache while it holds; the cache assumes time moves forward.
    pub fn open_now(&self, slot: usize, schedule: &Schedule, now: DateTime<Utc>) -> bool {
        let seconds = now.timestamp();
        if seconds < self.open_until[slot].load(Ordering::Acquire) {
            return self.open_now[slot].load(Ordering::Relaxed);
        }
        let (open, until) = schedule.open_until(now);
        self.open_now[slot].store(open, Ordering::Relaxed);
        self.open_until[slot].store(until, Ordering::Release);
        open
    }
}
