//! Answering a listing query from the catalog: filter, rank, order by a
//! keyset, and cut one page after the cursor.

use std::cmp::Ordering;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};

use super::search::Matched;
use super::{Catalog, Entry, Order, Schedule};
use crate::domain::geo::{GeoPoint, distance_m};
use crate::domain::{Category, CursorKey, Listing, ListingFilter, OpenAt, Sort};

/// One listing of a page.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The listing.
    pub listing: Arc<Listing>,
    /// Its parsed opening hours.
    pub schedule: Option<Arc<Schedule>>,
    /// Metres from `near`, when asked.
    pub distance_m: Option<f64>,
    /// Match rank for `q` (0 best).
    pub rank: u8,
    /// Where `q` matched.
    pub matched: Option<Matched>,
}

/// A page of hits.
#[derive(Debug, Clone)]
pub struct CatalogPage {
    /// The listings of the page, in order.
    pub hits: Vec<Hit>,
    /// Listings matching the filter over all pages.
    pub total: usize,
    /// True when more follow.
    pub has_more: bool,
}

/// A candidate's place in the order: primary key, then id position.
#[derive(Debug, Clone, Copy)]
struct Key {
    primary: f64,
    secondary: f64,
}

impl Key {
    fn cmp(&self, other: &Key) -> Ordering {
        self.primary
            .total_cmp(&other.primary)
            .then(self.secondary.total_cmp(&other.secondary))
    }
}

fn collator(locale: &str) -> Option<CollatorBorrowed<'static>> {
    let locale = icu_locale_core::Locale::try_from_str(locale).ok()?;
    Collator::try_new((&locale).into(), CollatorOptions::default()).ok()
}

/// Where `target` would sit in `order` (sorted by `compare`): its index if
/// present, else half a place before the first greater element, so that
/// "after the cursor" is `position > threshold` either way.
fn threshold(order: &[u32], compare: impl Fn(u32) -> Ordering) -> f64 {
    let found = order.binary_search_by(|slot| compare(*slot));
    match found {
        Ok(index) => index as f64,
        Err(index) => index as f64 - 0.5,
    }
}

impl Catalog {
    /// Listing slots sorted by name in `locale`'s collation, then id.
    fn name_order(&self, locale: &str) -> Arc<Order> {
        let mut orders = self.name_orders.lock();
        if let Some(order) = orders.get(locale) {
            return Arc::clone(order);
        }
        let collator = collator(locale);
        let mut named: Vec<(u32, &str, &str)> = self
            .id_order
            .slots
            .iter()
            .filter_map(|slot| {
                let listing = &self.entry(*slot)?.listing;
                let name = listing.text_for(locale).map_or("", |t| t.name);
                Some((*slot, name, listing.id.as_str()))
            })
            .collect();
        named.sort_by(|a, b| {
            let by_name = match &collator {
                Some(collator) => collator.compare(a.1, b.1),
                None => a.1.cmp(b.1),
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

    fn id_threshold(&self, id: &str) -> f64 {
        threshold(&self.id_order.slots, |slot| self.id_of(slot).cmp(id))
    }

    /// Answers a query in `locale` at instant `now`.
    pub fn query(&self, filter: &ListingFilter, locale: &str, now: DateTime<Utc>) -> CatalogPage {
        let text = filter.text.as_deref().map(|raw| self.text_query(raw));
        let ranks = text.as_ref().map(|query| self.ranks(query));
        let candidates: Vec<u32> = match &text {
            Some(query) => self.text_matches(query, ranks.as_deref().unwrap_or_default()),
            None => self.id_order.slots.clone(),
        };
        let Some(codes) = self.prepare(filter) else {
            return CatalogPage {
                hits: Vec::new(),
                total: 0,
                has_more: false,
            };
        };
        let names = (filter.sort == Sort::Name).then(|| self.name_order(locale));

        let mut total = 0;
        let mut page: Vec<(Key, u32, Option<f64>, u8)> = Vec::new();
        let after = filter.cursor.as_ref().map(|cursor| {
            let secondary = self.id_threshold(cursor.after.as_str());
            let primary = match (&cursor.key, &names) {
                (CursorKey::Id, _) => secondary,
                (CursorKey::Name(name), Some(order)) => {
                    let collator = collator(locale);
                    threshold(&order.slots, |slot| {
                        let listing = self.entry(slot).map(|e| &e.listing);
                        let slot_name = listing
                            .and_then(|l| l.text_for(locale))
                            .map_or("", |t| t.name);
                        let by_name = match &collator {
                            Some(c) => c.compare(slot_name, name),
                            None => slot_name.cmp(name.as_str()),
                        };
                        by_name.then_with(|| self.id_of(slot).cmp(cursor.after.as_str()))
                    })
                }
                (CursorKey::Distance(metres), _) => *metres,
                (CursorKey::Updated(at), _) => -(at.timestamp_micros() as f64),
                (CursorKey::Relevance(rank), _) => f64::from(*rank),
                (CursorKey::Name(_), None) => f64::NEG_INFINITY,
            };
            Key { primary, secondary }
        });

        for slot in candidates {
            let Some(entry) = self.entry(slot) else {
                continue;
            };
            let Some(distance) = self.passes(slot, entry, filter, &codes, now) else {
                continue;
            };
            total += 1;
            let id_position = f64::from(self.id_order.position[slot as usize]);
            // Only the rank is needed to order; where it matched is worked
            // out for the page's listings alone.
            let rank = ranks.as_ref().map_or(0, |ranks| ranks[slot as usize]);
            let primary = match filter.sort {
                Sort::Id => id_position,
                Sort::Name => names
                    .as_ref()
                    .map_or(0.0, |order| f64::from(order.position[slot as usize])),
                Sort::Distance => distance.unwrap_or(f64::INFINITY),
                Sort::Updated => -(entry.listing.updated_at.timestamp_micros() as f64),
                Sort::Relevance => f64::from(rank),
            };
            let key = Key {
                primary,
                secondary: id_position,
            };
            if after.is_some_and(|after| key.cmp(&after) != Ordering::Greater) {
                continue;
            }
            page.push((key, slot, distance, rank));
        }

        let wanted = filter.limit as usize + 1;
        if page.len() > wanted {
            page.select_nth_unstable_by(wanted - 1, |a, b| a.0.cmp(&b.0));
            page.truncate(wanted);
        }
        page.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let has_more = page.len() > filter.limit as usize;
        page.truncate(filter.limit as usize);
        let hits = page
            .into_iter()
            .filter_map(|(_, slot, distance_m, rank)| {
                let entry = self.entry(slot)?;
                Some(Hit {
                    listing: Arc::clone(&entry.listing),
                    schedule: entry.schedule.clone(),
                    distance_m,
                    rank,
                    matched: text.as_ref().map(|query| self.matched(entry, query)),
                })
            })
            .collect();
        CatalogPage {
            hits,
            total,
            has_more,
        }
    }

    /// Whether slot `slot` passes the non-text filters; `Some(distance)`
    /// when it does (the distance only when `near` is given). The common
    /// filters read the columns; the rare ones the listing itself.
    fn passes(
        &self,
        slot: u32,
        entry: &Entry,
        filter: &ListingFilter,
        codes: &PreparedCodes,
        now: DateTime<Utc>,
    ) -> Option<Option<f64>> {
        let i = slot as usize;
        let c = &self.columns;
        if codes.category.is_some_and(|wanted| c.category[i] != wanted)
            || codes.city.is_some_and(|wanted| c.city[i] != wanted)
            || codes.district.is_some_and(|wanted| c.district[i] != wanted)
        {
            return None;
        }
        if let Some(bbox) = &filter.bbox {
            let [latitude, longitude] = c.point[i];
            if latitude.is_nan()
                || !bbox.contains(GeoPoint {
                    latitude,
                    longitude,
                })
            {
                return None;
            }
        }
        if let Some(wanted) = filter.accepting_applications {
            if c.accepting(i, now.timestamp()) != wanted {
                return None;
            }
        }
        let listing = &entry.listing;
        if let Some(language) = &filter.language {
            if !listing.languages.contains(language) {
                return None;
            }
        }
        if let Some(age) = filter.verified_within {
            // Dates are the publisher's, so "today" is the UTC date: a day's
            // difference at the edge is within what a date can say anyway.
            if !age.includes(listing.verified_at, now.date_naive()) {
                return None;
            }
        }
        if filter
            .modified_after
            .is_some_and(|after| listing.updated_at < after)
        {
            return None;
        }
        if let Some(open_at) = filter.open_at {
            let schedule = entry.schedule.as_ref()?;
            let open = match open_at {
                OpenAt::Now => c.open_now(i, schedule, now),
                OpenAt::Instant(at) => schedule.state(at) == super::OpenState::Open,
            };
            if !open {
                return None;
            }
        }
        match filter.near {
            None => Some(None),
            Some(near) => {
                let [latitude, longitude] = c.point[i];
                if latitude.is_nan() {
                    // Without a radius, a listing of unknown location still
                    // matches, with no distance (last when sorted by distance).
                    return near.radius_m.is_none().then_some(None);
                }
                if let Some(reach) = &codes.reach {
                    if !reach.may_contain(latitude, longitude) {
                        return None;
                    }
                }
                let distance = distance_m(
                    near.point,
                    GeoPoint {
                        latitude,
                        longitude,
                    },
                );
                let outside = near.radius_m.is_some_and(|radius| distance > radius);
                (!outside).then_some(Some(distance))
            }
        }
    }
}

/// The filter's codes as column values, worked out once per query.
#[derive(Debug, Default)]
struct PreparedCodes {
    category: Option<u8>,
    city: Option<u32>,
    district: Option<u32>,
    /// A box around the `near` circle, to skip the distance of most listings.
    reach: Option<Reach>,
}

/// Latitude and longitude bounds that contain a circle on the sphere.
#[derive(Debug)]
struct Reach {
    latitude: (f64, f64),
    longitude: Option<(f64, f64)>,
}

impl Reach {
    /// Degrees of latitude per metre, on the mean-radius sphere.
    const DEGREES_PER_METRE: f64 = 1.0 / 111_195.0;

    fn around(center: GeoPoint, radius_m: f64) -> Self {
        // A little slack so that rounding never drops a listing on the edge.
        let degrees = radius_m * Self::DEGREES_PER_METRE * 1.01;
        let latitude = (center.latitude - degrees, center.latitude + degrees);
        let cos = center.latitude.to_radians().cos();
        // Near the poles or across the antimeridian, test latitude only.
        let longitude = (latitude.0 > -80.0 && latitude.1 < 80.0)
            .then(|| degrees / cos)
            .map(|span| (center.longitude - span, center.longitude + span))
            .filter(|(west, east)| *west > -180.0 && *east < 180.0);
        Reach {
            latitude,
            longitude,
        }
    }

    fn may_contain(&self, latitude: f64, longitude: f64) -> bool {
        (self.latitude.0..=self.latitude.1).contains(&latitude)
            && self
                .longitude
                .is_none_or(|(west, east)| (west..=east).contains(&longitude))
    }
}

impl Catalog {
    /// Column values of the filter's codes; `None` when a code names
    /// nothing any listing has, so nothing can match.
    fn prepare(&self, filter: &ListingFilter) -> Option<PreparedCodes> {
        let code = |value: &Option<String>| match value {
            None => Some(None),
            Some(code) => self.columns.code(code).map(Some),
        };
        let category = filter.category.map(|wanted| {
            let position = Category::ALL
                .iter()
                .position(|c| *c == wanted)
                .unwrap_or_default();
            u8::try_from(position).unwrap_or(u8::MAX)
        });
        Some(PreparedCodes {
            category,
            city: code(&filter.city)?,
            district: code(&filter.district)?,
            reach: filter.near.and_then(|near| {
                near.radius_m
                    .map(|radius| Reach::around(near.point, radius))
            }),
        })
    }
}
