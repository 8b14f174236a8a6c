//! Cutting an HSDS list to its page before any listing is mapped, and
//! streaming NDJSON a few records at a time, so that neither the cost of a
//! page nor the memory of an export grows with the whole directory.

use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::map::Mapper;
use super::model::Page;
use super::params::{Paging, ServiceSelection};
use super::{NDJSON, mapper};
use crate::api::error::ApiError;
use crate::api::labels::Labels;
use crate::app::state::AppState;
use crate::catalog::Hit;
use crate::i18n::Locale;

/// The listings of one page (or, for NDJSON, of every page), in catalog
/// order, with how many match over all pages.
pub(super) struct Selected {
    /// The page's listings.
    pub hits: Vec<Hit>,
    /// Matching listings over all pages.
    pub total: u64,
}

/// Selects a page; `placed` keeps only listings with a place (services at
/// locations), from the catalog's bitmap. The catalog stops at the end of
/// the page and counts the rest from its bitmaps, as for `/v1/listings`;
/// only an organization filter (one listing) or NDJSON (every page) walks
/// every match, and even then maps only what it sends.
pub(super) fn select(
    state: &AppState,
    selection: ServiceSelection,
    locale: &Locale,
    now: DateTime<Utc>,
    paging: Paging,
    placed: bool,
) -> Selected {
    let ServiceSelection {
        mut filter,
        organization,
    } = selection;
    let organization = match organization {
        Some(None) => {
            return Selected {
                hits: Vec::new(),
                total: 0,
            };
        }
        Some(Some(listing)) => Some(listing),
        None => None,
    };
    filter.placed = placed;
    let catalog = state.catalog().read();
    let everything = u32::try_from(catalog.len()).unwrap_or(u32::MAX).max(1);
    let skip = usize::try_from(paging.skip()).unwrap_or(usize::MAX);
    let take = usize::try_from(paging.per_page).unwrap_or(usize::MAX);
    let walks_all = paging.ndjson || organization.is_some();
    if !walks_all {
        let end = paging.skip().saturating_add(paging.per_page);
        filter.limit = u32::try_from(end).unwrap_or(u32::MAX).min(everything);
        let page = catalog.query(&filter, locale.tag(), now);
        return Selected {
            total: page.total as u64,
            hits: page.hits.into_iter().skip(skip).take(take).collect(),
        };
    }
    filter.limit = everything;
    let mut hits = catalog.query(&filter, locale.tag(), now).hits;
    hits.retain(|hit| {
        organization
            .as_deref()
            .is_none_or(|id| hit.listing.id.as_str() == id)
    });
    let total = hits.len() as u64;
    if !paging.ndjson {
        hits = hits.into_iter().skip(skip).take(take).collect();
    }
    Selected { hits, total }
}

impl<T> Page<T> {
    /// The page `paging` names, holding `contents`, of `total` items.
    pub fn new(contents: Vec<T>, total: u64, paging: Paging) -> Self {
        let total_pages = total.div_ceil(paging.per_page).max(1);
        Page {
            total_items: total,
            total_pages,
            page_number: paging.number,
            size: contents.len() as u64,
            first_page: paging.number == 1,
            last_page: paging.number >= total_pages,
            empty: total == 0,
            contents,
        }
    }

    /// The page of a short list held whole (taxonomies and their terms).
    pub fn cut(items: Vec<T>, paging: Paging) -> Self {
        let total = items.len() as u64;
        let skip = usize::try_from(paging.skip()).unwrap_or(usize::MAX);
        let take = usize::try_from(paging.per_page).unwrap_or(usize::MAX);
        Page::new(
            items.into_iter().skip(skip).take(take).collect(),
            total,
            paging,
        )
    }
}

/// A JSON page, or for NDJSON every item, one per line.
pub(super) fn respond<T: Serialize>(page: Page<T>, ndjson: bool) -> Result<HttpResponse, ApiError> {
    if !ndjson {
        return Ok(HttpResponse::Ok().json(page));
    }
    let mut body = Vec::new();
    for item in &page.contents {
        serde_json::to_writer(&mut body, item).map_err(|e| ApiError::internal(&e))?;
        body.push(b'\n');
    }
    Ok(HttpResponse::Ok().content_type(NDJSON).body(body))
}

/// Records mapped per chunk of an NDJSON stream.
const CHUNK: usize = 64;

/// Maps the selected listings in `locale` as of `now` and answers the
/// page, or streams every item as NDJSON a chunk at a time: only the
/// listings (shared with the catalog) are held, never every record.
pub(super) fn answer<T, F>(
    state: &web::Data<AppState>,
    locale: &Locale,
    now: DateTime<Utc>,
    selected: Selected,
    paging: Paging,
    item: F,
) -> Result<HttpResponse, ApiError>
where
    T: Serialize,
    F: Fn(&Mapper<'_>, &Hit) -> Option<T> + Unpin + 'static,
{
    let locales = state.locales();
    if !paging.ndjson {
        let mut labels = Labels::new(&locales, locale);
        labels.now = now;
        let map = mapper(state, &labels);
        let contents = selected
            .hits
            .iter()
            .filter_map(|hit| item(&map, hit))
            .collect();
        return Ok(HttpResponse::Ok().json(Page::new(contents, selected.total, paging)));
    }
    let state = state.clone();
    let locale = locale.clone();
    let render = move |hit: &Hit, out: &mut Vec<u8>| -> serde_json::Result<()> {
        let mut labels = Labels::new(&locales, &locale);
        labels.now = now;
        let map = mapper(&state, &labels);
        if let Some(record) = item(&map, hit) {
            serde_json::to_writer(&mut *out, &record)?;
            out.push(b'\n');
        }
        Ok(())
    };
    Ok(HttpResponse::Ok().content_type(NDJSON).body(Ndjson {
        hits: selected.hits.into_iter(),
        render,
    }))
}

/// A streamed NDJSON body.
struct Ndjson<F> {
    hits: std::vec::IntoIter<Hit>,
    render: F,
}

impl<F> MessageBody for Ndjson<F>
where
    F: FnMut(&Hit, &mut Vec<u8>) -> serde_json::Result<()> + Unpin,
{
    type Error = serde_json::Error;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        let mut out = Vec::new();
        // A chunk whose items all map to nothing must not end the stream.
        while out.is_empty() && this.hits.len() > 0 {
            for hit in this.hits.by_ref().take(CHUNK) {
                if let Err(error) = (this.render)(&hit, &mut out) {
                    return Poll::Ready(Some(Err(error)));
                }
            }
        }
        Poll::Ready((!out.is_empty()).then(|| Ok(Bytes::from(out))))
    }
}
