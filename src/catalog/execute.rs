//! Answering a listing query from the catalog: combine the filters as
//! bitmaps of slots ([`filters`](super::filters)), count them, and take one
//! page after the cursor ([`order`](super::order)) instead of sorting every
//! match.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::order::take_in_order;
use super::{Catalog, Schedule};
use crate::domain::{Cursor, CursorKey, Listing, ListingFilter, Sort};

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
    pub matched: Option<super::Matched>,
}

/// A page of hits.
#[derive(Debug, Clone)]
pub struct CatalogPage {
    /// The listings of the page, in order.
    pub hits: Vec<Hit>,
    /// Listings matching the filter over all pages.
    pub total: usize,
    /// Where the next page starts, when more follow: cut here, from the
    /// same sort keys the walk orders by, so a handler cannot get it wrong.
    pub next: Option<Cursor>,
}

impl Catalog {
    /// Answers a query in `locale` at instant `now`.
    pub fn query(&self, filter: &ListingFilter, locale: &str, now: DateTime<Utc>) -> CatalogPage {
        let text = filter.text.as_deref().map(|raw| self.text_query(raw));
        let Some(mut matching) = self.matching(filter, text.as_ref(), now) else {
            return CatalogPage {
                hits: Vec::new(),
                total: 0,
                next: None,
            };
        };
        let ranking = text.as_ref().map(|query| self.ranking(query));
        let wanted = filter.limit as usize + 1;
        let nearest = matches!(filter.sort, Sort::Distance)
            .then(|| self.nearest_first(&matching, filter, wanted))
            .flatten();
        let (total, mut slots) = match nearest {
            Some(found) => found,
            None => self.page(&mut matching, filter, locale, ranking.as_ref(), wanted, now),
        };
        let has_more = slots.len() > filter.limit as usize;
        slots.truncate(filter.limit as usize);
        let hits = slots
            .into_iter()
            .filter_map(|slot| {
                let held = self.held(slot)?;
                let listing = self.records.decode(&held.record)?;
                let rank = ranking.as_ref().map_or(0, |ranking| ranking.of(slot));
                Some(Hit {
                    matched: text
                        .as_ref()
                        .map(|query| self.matched(&listing, &held.targets, query, rank)),
                    listing: Arc::new(listing),
                    schedule: held.schedule.clone(),
                    distance_m: filter.near.and_then(|near| self.distance(slot, near.point)),
                    rank,
                })
            })
            .collect::<Vec<_>>();
        let next = has_more.then(|| hits.last()).flatten().map(|last| Cursor {
            key: cursor_key(filter.sort, last, locale),
            after: last.listing.id.clone(),
        });
        CatalogPage { hits, total, next }
    }
}

impl Catalog {
    /// The total and up to `wanted` slots of a page after the filters
    /// tested per listing, in the order of the sort.
    fn page(
        &self,
        matching: &mut super::bits::Bits,
        filter: &ListingFilter,
        locale: &str,
        ranking: Option<&super::search::Ranking>,
        wanted: usize,
        now: DateTime<Utc>,
    ) -> (usize, Vec<u32>) {
        let distances = self.refine(matching, filter, now);
        let total = matching.count();
        let slots = match filter.sort {
            Sort::Id => {
                let start = self.start(filter, locale, None);
                take_in_order(&self.id_order, matching, total, start, wanted)
            }
            Sort::Name => {
                let order = self.name_order(locale);
                let start = self.start(filter, locale, Some(&order));
                take_in_order(&order, matching, total, start, wanted)
            }
            Sort::Updated => {
                let order = self.updated_order();
                let start = self.start(filter, locale, Some(&order));
                take_in_order(&order, matching, total, start, wanted)
            }
            Sort::Relevance => self.by_relevance(filter, matching, ranking, wanted),
            Sort::Distance => self.by_distance(filter, matching, distances, wanted),
        };
        (total, slots)
    }
}

/// The key `sort` orders `hit` by, as the orders and the cursor's start
/// compare it (the name is [`sort_name`](super::order::sort_name)).
fn cursor_key(sort: Sort, hit: &Hit, locale: &str) -> CursorKey {
    match sort {
        Sort::Id => CursorKey::Id,
        Sort::Name => CursorKey::Name(super::order::sort_name(&hit.listing, locale).to_owned()),
        Sort::Distance => CursorKey::Distance(hit.distance_m.unwrap_or(f64::INFINITY)),
        Sort::Updated => CursorKey::Updated(hit.listing.updated_at),
        Sort::Relevance => CursorKey::Relevance(hit.rank),
    }
}
