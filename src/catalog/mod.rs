//! The catalog: every live listing held in memory with the indexes that
//! discovery needs (text grams and words, per-code bitmaps, a location
//! grid, shared schedules, id, name and last-change orders), so that
//! search, "near me", "open now" and sorting answer in about a millisecond
//! at 100 000 listings. The database stays the source of truth; the catalog
//! is rebuilt from it at start-up and updated after every write.

mod bits;
mod columns;
mod derived;
mod execute;
mod filters;
mod hours;
mod names;
mod nearest;
mod order;
mod records;
mod schedules;
mod search;
pub mod snapshot;
mod spatial;
pub mod text;
mod timed;
mod translation;

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::Mutex;

pub use execute::{CatalogPage, Hit};
pub use hours::{InvalidHours, Locality, OpenState, Schedule};
pub use search::{MatchField, Matched, Vocabulary, VocabularyTarget};

use crate::domain::{Category, City, Listing, VersionedListing};
use bits::Bits;
use records::{Record, RecordFile};
use text::{GramIndex, WordIndex, normalize};

/// One listing, decoded from its record.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The listing.
    pub listing: Arc<Listing>,
    /// Its opening hours, parsed for its city, when it has valid ones.
    pub schedule: Option<Arc<Schedule>>,
    /// The version of its row: `GET /v1/listings/{id}` can build its ETag
    /// (`"v<version>-<locale>"`, see `api::editing::etag`) from the catalog
    /// alone, without the database.
    pub version: i64,
}

/// What the catalog keeps of one listing in the heap: its encoded record
/// and what queries read for every match without decoding it.
#[derive(Debug)]
struct Held {
    record: Record,
    id: Arc<str>,
    schedule: Option<Arc<Schedule>>,
    version: i64,
    /// Interned vocabulary targets: district (if any), city, category.
    targets: [Option<u32>; 3],
}

/// Listing slots sorted by a key, and each slot's position in that order.
#[derive(Debug, Default)]
struct Order {
    slots: Vec<u32>,
    position: Vec<u32>,
}

impl Order {
    fn new(slots: Vec<u32>, slot_count: usize) -> Self {
        let mut position = vec![u32::MAX; slot_count];
        for (index, slot) in slots.iter().enumerate() {
            position[*slot as usize] = index as u32;
        }
        Order { slots, position }
    }
}

/// Every live listing, indexed.
pub struct Catalog {
    /// Slot = document number in the gram index; `None` once replaced or removed.
    slots: Vec<Option<Held>>,
    /// The snapshot file that mapped records are read from.
    records: RecordFile,
    /// The slots that hold a listing.
    live: Bits,
    by_id: HashMap<Arc<str>, u32>,
    /// Every text's grams, for one- and two-character terms.
    grams: GramIndex,
    /// Every text's words, for longer terms.
    words: WordIndex,
    /// The same two over names alone, so that a search finds the listings
    /// it ranks above the rest without reading each match's text.
    name_grams: GramIndex,
    name_words: WordIndex,
    /// Every normalised name (any locale) with its slots, in order, for
    /// exact and prefix name matches.
    names: names::NameIndex,
    vocabulary: Vocabulary,
    /// Slots per interned vocabulary target, ascending, so that a query
    /// naming a district costs one list, not a scan.
    target_slots: Vec<Vec<u32>>,
    localities: HashMap<String, Locality>,
    columns: columns::Columns,
    schedules: schedules::Schedules,
    grid: spatial::Grid,
    id_order: Order,
    name_orders: Mutex<HashMap<String, Arc<Order>>>,
    updated_order: Mutex<Option<Arc<Order>>>,
    derived_ids: Mutex<derived::DerivedIds>,
    /// Listings lacking text per locale, counted once per catalog change
    /// (each count decodes every listing).
    lacking_text: Mutex<HashMap<String, usize>>,
    /// The highest `listing_changes` id whose change the catalog holds.
    change_id: i64,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("live", &self.len())
            .field("change_id", &self.change_id)
            .finish()
    }
}

/// A change to apply to the catalog.
#[derive(Debug, Clone)]
pub enum Change {
    /// A listing was created or updated: its new state and version.
    Upsert(Box<VersionedListing>),
    /// A listing was deleted.
    Remove(String),
}

impl Change {
    /// The change that makes `listing`, at `version`, the one held.
    pub fn upsert(listing: Listing, version: i64) -> Self {
        Change::Upsert(Box::new(VersionedListing { listing, version }))
    }
}

impl Catalog {
    /// Builds the catalog of `listings`, with hours evaluated in their
    /// cities' localities and search reaching the localized names in
    /// `vocabulary`.
    pub fn build(listings: Vec<VersionedListing>, cities: &[City], vocabulary: Vocabulary) -> Self {
        let mut catalog = Catalog::empty(cities, vocabulary, listings.len());
        for listing in listings {
            catalog.insert(listing);
        }
        catalog.reorder();
        catalog
    }

    /// A catalog without listings, sized for `capacity`.
    fn empty(cities: &[City], vocabulary: Vocabulary, capacity: usize) -> Self {
        let localities = cities
            .iter()
            .map(|city| {
                (
                    city.code.clone(),
                    Locality::new(&city.time_zone, &city.country_code),
                )
            })
            .collect();
        Catalog {
            slots: Vec::with_capacity(capacity),
            records: RecordFile::default(),
            live: Bits::default(),
            by_id: HashMap::with_capacity(capacity),
            grams: GramIndex::default(),
            words: WordIndex::default(),
            name_grams: GramIndex::default(),
            name_words: WordIndex::default(),
            names: names::NameIndex::default(),
            target_slots: vec![Vec::new(); vocabulary.target_count()],
            vocabulary,
            localities,
            columns: columns::Columns::default(),
            schedules: schedules::Schedules::default(),
            grid: spatial::Grid::default(),
            id_order: Order::default(),
            name_orders: Mutex::new(HashMap::new()),
            updated_order: Mutex::new(None),
            derived_ids: Mutex::new(HashMap::new()),
            lacking_text: Mutex::new(HashMap::new()),
            change_id: 0,
        }
    }

    /// The same catalog, marked as holding every change of the database's
    /// change log up to `change_id` (read before its listings were).
    pub fn reflecting(mut self, change_id: i64) -> Self {
        self.change_id = change_id;
        self
    }

    /// The highest change-log id the catalog holds: a catch-up applies the
    /// listings changed after it.
    pub fn change_id(&self) -> i64 {
        self.change_id
    }

    /// Applies the changes read from the change log up to `through`, and
    /// remembers that id. Re-applying a change is harmless.
    pub fn catch_up(&mut self, changes: Vec<Change>, through: i64) {
        self.apply(changes);
        self.change_id = self.change_id.max(through);
    }

    /// Live listings.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// True when no listing is live.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The live listing with this id.
    pub fn get(&self, id: &str) -> Option<Entry> {
        self.decoded(*self.by_id.get(id)?)
    }

    /// The parsed opening hours of the live listing with this id, without
    /// decoding it.
    pub fn schedule_of(&self, id: &str) -> Option<Arc<Schedule>> {
        self.held(*self.by_id.get(id)?)?.schedule.clone()
    }

    /// Whether a live listing has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The live listing in `slot`, decoded.
    fn decoded(&self, slot: u32) -> Option<Entry> {
        let held = self.held(slot)?;
        Some(Entry {
            listing: Arc::new(self.records.decode(&held.record)?),
            schedule: held.schedule.clone(),
            version: held.version,
        })
    }

    /// Applies changes, then rebuilds the orders. Replaced and removed
    /// listings leave dead slots; past a quarter of dead slots the indexes
    /// are rebuilt to reclaim them.
    pub fn apply(&mut self, changes: Vec<Change>) {
        for change in changes {
            match change {
                Change::Upsert(listing) => {
                    self.remove(listing.listing.id.as_str());
                    self.insert(*listing);
                }
                Change::Remove(id) => self.remove(&id),
            }
        }
        if self.slots.len() > 64 && self.by_id.len() * 4 < self.slots.len() * 3 {
            let records = std::mem::take(&mut self.records);
            let live: Vec<VersionedListing> = self
                .slots
                .drain(..)
                .flatten()
                .filter_map(|held| {
                    Some(VersionedListing {
                        version: held.version,
                        listing: records.decode(&held.record)?,
                    })
                })
                .collect();
            self.by_id.clear();
            self.live = Bits::default();
            self.grams = GramIndex::default();
            self.words = WordIndex::default();
            self.name_grams = GramIndex::default();
            self.name_words = WordIndex::default();
            self.names.clear();
            self.target_slots.iter_mut().for_each(Vec::clear);
            self.columns.clear();
            self.schedules.clear();
            self.grid.clear();
            for listing in live {
                self.insert(listing);
            }
        }
        self.reorder();
    }

    fn remove(&mut self, id: &str) {
        if let Some(slot) = self.by_id.remove(id) {
            self.slots[slot as usize] = None;
            self.live.remove(slot);
        }
    }

    fn insert(&mut self, versioned: VersionedListing) {
        let VersionedListing { listing, version } = versioned;
        #[expect(
            clippy::expect_used,
            reason = "slots are u32 by design; 4 billion listings is past any directory"
        )]
        let slot = u32::try_from(self.slots.len()).expect("fewer than 4 billion listings");
        for text in listing.texts.values() {
            for (kind, value) in search::fields_of(text) {
                if let Some(value) = value {
                    let text = normalize(value);
                    self.grams.add(slot, &text);
                    self.words.add(slot, &text);
                    if kind == MatchField::Name {
                        self.name_grams.add(slot, &text);
                        self.name_words.add(slot, &text);
                        self.names.add(text.clone(), slot);
                    }
                }
            }
        }
        let schedule = listing.opening_hours.as_deref().and_then(|expression| {
            let locality = self.localities.get(&listing.city)?;
            self.schedules
                .add(slot, &listing.city, expression, locality)
        });
        let targets = [
            listing
                .district
                .as_ref()
                .map(|d| VocabularyTarget::District(listing.city.clone(), d.clone())),
            Some(VocabularyTarget::City(listing.city.clone())),
            Some(VocabularyTarget::Category(listing.category)),
        ]
        .map(|target| target.and_then(|t| self.vocabulary.id_of(&t)));
        for id in targets.iter().flatten() {
            self.target_slots[*id as usize].push(slot);
        }
        self.columns.push(&listing);
        if let Some(point) = listing.location {
            self.grid.add(slot, point.latitude, point.longitude);
        }
        self.live.insert(slot);
        let id: Arc<str> = Arc::from(listing.id.as_str());
        self.by_id.insert(Arc::clone(&id), slot);
        self.slots.push(Some(Held {
            record: records::encode(&listing),
            id,
            schedule,
            version,
            targets,
        }));
    }

    fn reorder(&mut self) {
        let mut live: Vec<u32> = self.by_id.values().copied().collect();
        live.sort_unstable_by(|a, b| self.id_of(*a).cmp(self.id_of(*b)));
        self.id_order = Order::new(live, self.slots.len());
        self.name_orders.lock().clear();
        *self.updated_order.lock() = None;
        self.derived_ids.lock().clear();
        self.lacking_text.lock().clear();
    }

    fn held(&self, slot: u32) -> Option<&Held> {
        self.slots.get(slot as usize).and_then(Option::as_ref)
    }

    fn id_of(&self, slot: u32) -> &str {
        self.held(slot).map_or("", |held| &held.id)
    }

    /// Live listings per category, optionally in one city, in API order.
    pub fn count_by_category(&self, city: Option<&str>) -> Vec<(Category, usize)> {
        let in_city = city.map(|code| self.columns.code(code));
        let mut counts = [0usize; Category::ALL.len()];
        for slot in self.live.iter() {
            let slot = slot as usize;
            if in_city.is_none_or(|code| code == Some(self.columns.city[slot])) {
                if let Some(count) = counts.get_mut(usize::from(self.columns.category[slot])) {
                    *count += 1;
                }
            }
        }
        Category::ALL.into_iter().zip(counts).collect()
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

#[cfg(test)]
#[path = "model_tests.rs"]
mod model_tests;
