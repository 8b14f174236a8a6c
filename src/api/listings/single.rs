//! `GET /v1/listings/{id}`, and the one rendering of a listing that it
//! serves and every write answers with (one view per representation: a
//! write's body is byte for byte what a GET then returns, under the same
//! ETag).
//!
//! The listing comes from the catalog, like every other read: it answers
//! while the database is away, and at list-page speed. A write on this
//! instance brings the catalog up to date before it answers, so a client
//! reads its own writes here; another instance learns of the write through
//! the change notice within milliseconds, and until then serves the
//! previous version under that version's ETag (a write based on it is
//! answered 412 with the current one).

use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::handlers::zone_of;
use super::jsonld::{self, ListingJsonLd};
use super::views::ListingView;
use crate::api::error::{ApiError, Problem};
use crate::api::http::base_url;
use crate::api::http::etag::{etag, none_match_hits};
use crate::api::labels::Labels;
use crate::api::locale::RequestLocale;
use crate::api::params;
use crate::api::respond::{CacheKey, Rendered, cached_body};
use crate::app::state::AppState;
use crate::catalog::{Hit, Schedule};
use crate::domain::{Listing, ListingId};

/// The path of `GET /v1/listings/{id}`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(super) struct ListingPath {
    /// The listing's id (an id of another form is simply not found).
    #[param(value_type = params::ListingSlug, inline, example = "seoul-global-center")]
    id: String,
}

/// Get one listing by id, with its `ETag` (answers `If-None-Match` with 304).
#[utoipa::path(
    tag = "listings",
    params(
        ListingPath,
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`"),
        ("If-None-Match" = Option<String>, Header, description = "An ETag from an earlier answer"),
    ),
    responses(
        (status = 200, description = "The listing; `ETag` names this version in this locale; schema.org JSON-LD with `Accept: application/ld+json`. Served from memory, also while the database is away: then `X-Data-Freshness: age=<seconds>` says how long ago the catalog last caught up",
            content((ListingView = "application/json"), (ListingJsonLd = "application/ld+json"))),
        (status = 304, description = "Unchanged since the ETag in `If-None-Match`"),
        (status = 404, description = "No listing has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/listings/{id}")]
#[tracing::instrument(skip(state, locale, req))]
pub(crate) async fn get_listing(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<ListingPath>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let raw_id = path.into_inner().id;
    let not_found = || ApiError::listing_not_found(&raw_id);
    let id = ListingId::parse(&raw_id).map_err(|_| not_found())?;
    let wants_jsonld = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains(jsonld::MEDIA_TYPE));
    if wants_jsonld {
        let listing = {
            let catalog = state.catalog().read();
            Arc::clone(&catalog.get(id.as_str()).ok_or_else(not_found)?.listing)
        };
        let locales = state.locales();
        let labels = Labels::new(&locales, &locale.0);
        let self_url = format!("{}{}", base_url(&req), req.path());
        let body = ListingJsonLd::build(&listing, &labels, state.reference(), self_url);
        return Ok(HttpResponse::Ok()
            .content_type(jsonld::MEDIA_TYPE)
            .append_header((header::VARY, "Accept"))
            .json(body));
    }
    let rendered = cached(&state, &id, &locale)?;
    let tag = rendered.etag.clone().unwrap_or_default();
    if none_match_hits(&req, &tag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .append_header((header::VARY, "Accept"))
            .finish());
    }
    Ok(respond(HttpResponse::Ok(), rendered))
}

/// The listing's JSON in this locale with its ETag, from the response
/// cache or else from the catalog; a 404 when the catalog has no live
/// listing with this id.
fn cached(state: &AppState, id: &ListingId, locale: &RequestLocale) -> Result<Rendered, ApiError> {
    cached_body(state, listing_key(id, locale), || {
        from_catalog(state, id, locale, None)
            .ok_or_else(|| ApiError::listing_not_found(id.as_str()))
    })
}

/// The one name of a listing's cached body (the generation and change id
/// are added by `cached_body`, as for every cached body).
fn listing_key(id: &ListingId, locale: &RequestLocale) -> CacheKey {
    CacheKey::new("listing", &id.as_str(), locale.0.tag())
}

/// Renders the catalog's entry for `id` (only at `version`, when given).
fn from_catalog(
    state: &AppState,
    id: &ListingId,
    locale: &RequestLocale,
    version: Option<i64>,
) -> Option<Rendered> {
    let (listing, schedule, version) = {
        let catalog = state.catalog().read();
        let entry = catalog
            .get(id.as_str())
            .filter(|entry| version.is_none_or(|v| v == entry.version))?;
        (
            Arc::clone(&entry.listing),
            entry.schedule.clone(),
            entry.version,
        )
    };
    Some(render(state, listing, schedule, version, locale))
}

/// The one rendering of a listing: its view with hours, staleness and the
/// application window phrase, serialized, with its ETag.
fn render(
    state: &AppState,
    listing: Arc<Listing>,
    schedule: Option<Arc<Schedule>>,
    version: i64,
    locale: &RequestLocale,
) -> Rendered {
    let hit = Hit {
        listing,
        schedule,
        distance_m: None,
        rank: 0,
        matched: None,
    };
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let zone = zone_of(state, &hit.listing.city);
    let view = ListingView::from_hit(&hit, &labels, zone, state.stale_after());
    // A view of strings, numbers and dates: serializing it cannot fail.
    let body = serde_json::to_vec(&view).unwrap_or_default();
    Rendered {
        body: Bytes::from(body),
        next_cursor: None,
        etag: Some(etag(version, locale.0.tag())),
    }
}

/// The answer to a write of `listing` at `version`: exactly what
/// `GET /v1/listings/{id}` serves next. Called after the write brought the
/// catalog up to date; should the catalog not hold this version (its
/// catch-up failed, or a newer write came first), the written listing is
/// rendered as it is, without hours (they are parsed by the catalog).
pub(crate) fn written(
    state: &AppState,
    locale: &RequestLocale,
    listing: &Listing,
    version: i64,
    response: HttpResponseBuilder,
) -> HttpResponse {
    let tag = etag(version, locale.0.tag());
    let rendered = cached_body(state, listing_key(&listing.id, locale), || {
        from_catalog(state, &listing.id, locale, Some(version))
            .ok_or_else(|| ApiError::listing_not_found(listing.id.as_str()))
    })
    .ok()
    .filter(|rendered| rendered.etag.as_ref() == Some(&tag))
    .unwrap_or_else(|| render(state, Arc::new(listing.clone()), None, version, locale));
    respond(response, rendered)
}

fn respond(mut response: HttpResponseBuilder, rendered: Rendered) -> HttpResponse {
    if let Some(tag) = rendered.etag {
        response.insert_header((header::ETAG, tag));
    }
    response
        .content_type("application/json")
        .append_header((header::VARY, "Accept"))
        .body(rendered.body)
}
