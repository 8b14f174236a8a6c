//! `/hsds`: the directory as an Open Referral HSDS 3.0 API, every path and
//! parameter of the reference's `openapi.json` (the required `/`,
//! `/services` and `/services/{id}`, and the optional organizations,
//! services at locations, taxonomies and terms), read from the same
//! catalog as `/v1/listings`, in the request's locale. See [`map`] for how
//! listings become HSDS objects, [`ids`] for their UUIDs, [`pages`] for
//! paging and streaming.

pub mod ids;
pub mod map;
pub mod model;
mod nesting;
mod organizations;
mod pages;
mod params;
mod shapes;
mod taxonomy;

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, Problem};
use super::labels::Labels;
use super::locale::RequestLocale;
use crate::api::http::base_url;
use crate::app::state::AppState;
use crate::catalog::Hit;
use map::Mapper;
use model::{ApiInfo, Page, Service, ServiceAtLocation, ServiceRecord};
use nesting::{PlaceQuery, ServiceShape, ServiceShapeQuery};
pub(crate) use organizations::{get_hsds_organization, list_hsds_organizations};
use pages::{answer, select};
use params::{PageQuery, ServiceFilterQuery};
pub(crate) use taxonomy::{
    get_hsds_taxonomy, get_hsds_taxonomy_term, list_hsds_taxonomies, list_hsds_taxonomy_terms,
};

/// The HSDS version served.
pub const VERSION: &str = "3.0";
/// The profile: HSDS 3.0 itself, plus the extension fields documented in
/// the README (`listing_id`, `verified_at`, `stale`).
pub const PROFILE: &str = "https://github.com/openreferral/specification/tree/3.0";
/// Newline-delimited JSON, for `format=ndjson`.
pub const NDJSON: &str = "application/x-ndjson";

fn mapper<'a>(state: &'a AppState, labels: &'a Labels<'a>) -> Mapper<'a> {
    Mapper {
        labels,
        reference: state.reference(),
        stale_after: state.stale_after(),
    }
}

/// The path of the `{id}` operations.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct IdPath {
    /// The record's UUID (any other id is simply not found).
    #[param(value_type = super::params::Uuid, inline)]
    id: String,
}

/// The catalog entry whose HSDS id of `kind` is `id`. Ids are hashes of
/// listing ids: the catalog keeps them per kind until its next change.
fn find(state: &AppState, kind: ids::Kind, id: &str) -> Option<Hit> {
    let wanted = id.trim().to_ascii_lowercase();
    let catalog = state.catalog().read();
    catalog
        .find_derived(kind.name(), &wanted, |listing_id| {
            ids::of(kind, listing_id, None)
        })
        .map(|entry| Hit {
            listing: std::sync::Arc::clone(&entry.listing),
            schedule: entry.schedule.clone(),
            distance_m: None,
            rank: 0,
            matched: None,
        })
}

/// Maps one record in the request's locale.
fn one<T: serde::Serialize>(
    state: &AppState,
    locale: &RequestLocale,
    map: impl FnOnce(&Mapper<'_>) -> T,
) -> HttpResponse {
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    HttpResponse::Ok().json(map(&mapper(state, &labels)))
}

/// What this API is: HSDS version, profile and OpenAPI document.
#[utoipa::path(
    tag = "hsds",
    responses((status = 200, description = "API meta information", body = ApiInfo)),
)]
#[get("/")]
#[tracing::instrument(skip(req))]
pub(crate) async fn get_hsds_info(req: HttpRequest) -> HttpResponse {
    HttpResponse::Ok().json(ApiInfo {
        version: VERSION.into(),
        profile: PROFILE.into(),
        openapi_url: format!("{}/openapi.json", base_url(&req)),
    })
}

/// Services (one per listing), paged, with their organization.
#[utoipa::path(
    tag = "hsds",
    params(PageQuery, ServiceFilterQuery, ServiceShapeQuery,
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of services: one-to-one fields and organization; `minimal`: \
id, name, status and last change; `full`: fully nested. `format=ndjson`: every service, one per line",
            content((Page<ServiceRecord> = "application/json"), (ServiceRecord = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/services")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_hsds_services(
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
    filters: web::Query<ServiceFilterQuery>,
    shape: web::Query<ServiceShapeQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let shape = shape.shape()?;
    let paging = page.paging(shape == ServiceShape::Minimal)?;
    let selection = filters.selection(&state, &page)?;
    let now = chrono::Utc::now();
    let selected = select(&state, selection, &locale.0, now, paging, false);
    answer(&state, &locale.0, now, selected, paging, move |map, hit| {
        Some(match shape {
            ServiceShape::Minimal => ServiceRecord::Minimal(map.minimal_service(&hit.listing)),
            ServiceShape::Full => ServiceRecord::Service(Box::new(map.full_service(hit))),
            ServiceShape::Listed => ServiceRecord::Service(Box::new(map.service(&hit.listing))),
        })
    })
}

/// One service with everything related: phones, schedules, languages,
/// locations and its category term.
#[utoipa::path(
    tag = "hsds",
    params(IdPath, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`")),
    responses(
        (status = 200, description = "The fully nested service", body = Service),
        (status = 404, description = "No service has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/services/{id}")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn get_hsds_service(
    state: web::Data<AppState>,
    path: web::Path<IdPath>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let hit = find(&state, ids::Kind::Service, &path.id)
        .ok_or_else(|| ApiError::listing_not_found(&path.id))?;
    Ok(one(&state, &locale, |map| map.full_service(&hit)))
}

/// Services at their locations: listings with an address or coordinates.
#[utoipa::path(
    tag = "hsds",
    params(PageQuery, ServiceFilterQuery, PlaceQuery,
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of services at locations (`full`: fully nested; \
`format=ndjson`: every one, one per line)",
            content((Page<ServiceAtLocation> = "application/json"), (ServiceAtLocation = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid, or names a postcode (none is known)",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/service_at_locations")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_hsds_service_at_locations(
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
    filters: web::Query<ServiceFilterQuery>,
    place: web::Query<PlaceQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let full = place.full()?;
    let paging = page.paging(false)?;
    let selection = filters.selection(&state, &page)?;
    let now = chrono::Utc::now();
    let selected = select(&state, selection, &locale.0, now, paging, true);
    if full {
        answer(&state, &locale.0, now, selected, paging, |map, hit| {
            map.full_service_at_location(hit)
        })
    } else {
        answer(&state, &locale.0, now, selected, paging, |map, hit| {
            map.service_at_location(&hit.listing, true)
        })
    }
}

/// One service at its location, fully nested.
#[utoipa::path(
    tag = "hsds",
    params(IdPath, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`")),
    responses(
        (status = 200, description = "The service at location with its location and full service \
(and, as a profile extension, the service's `name` and `status`, which the reference's schema for this \
path requires)", body = ServiceAtLocation),
        (status = 404, description = "No service at location has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/service_at_locations/{id}")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn get_hsds_service_at_location(
    state: web::Data<AppState>,
    path: web::Path<IdPath>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let not_found = || ApiError::listing_not_found(&path.id);
    let hit = find(&state, ids::Kind::ServiceAtLocation, &path.id).ok_or_else(not_found)?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let place = mapper(&state, &labels)
        .full_service_at_location(&hit)
        .ok_or_else(not_found)?;
    Ok(HttpResponse::Ok().json(place))
}
