//! `/hsds`: the directory as an Open Referral HSDS 3.0 API (the required
//! `/`, `/services`, `/services/{id}` and the optional organizations,
//! service-at-locations, taxonomies and terms), read from the same catalog
//! as `/v1/listings`, in the request's locale. See [`map`] for how
//! listings become HSDS objects and [`ids`] for their UUIDs.

pub mod ids;
pub mod map;
pub mod model;
mod params;

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Serialize;

use super::error::{ApiError, Problem};
use super::labels::Labels;
use super::locale::RequestLocale;
use super::state::AppState;
use crate::catalog::Hit;
use crate::config::PublicBaseUrl;
use crate::domain::Category;
use map::Mapper;
use model::{ApiInfo, Organization, Page, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm};
pub use params::HsdsQuery;
use params::{Paging, matching};

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

/// A page as JSON, or every item as NDJSON.
fn respond<T: Serialize>(page: Page<T>, ndjson: bool) -> Result<HttpResponse, ApiError> {
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

/// The base of absolute URLs in responses: `PUBLIC_BASE_URL`, or the
/// listening address when it is unset. Never the request's `Host`,
/// `X-Forwarded-Host` or `Forwarded`, which any client can set, and which
/// would then reach bodies that shared caches keep.
pub fn base_url(req: &HttpRequest) -> String {
    req.app_data::<web::Data<PublicBaseUrl>>()
        .map(|base| base.as_str().to_owned())
        .unwrap_or_default()
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

/// What this API is: HSDS version, profile and OpenAPI document.
#[utoipa::path(
    tag = "hsds",
    responses((status = 200, description = "API meta information", body = ApiInfo)),
)]
#[get("/")]
#[tracing::instrument(skip(req))]
pub async fn get_hsds_info(req: HttpRequest) -> HttpResponse {
    HttpResponse::Ok().json(ApiInfo {
        version: VERSION.into(),
        profile: PROFILE.into(),
        openapi_url: format!("{}/openapi.json", base_url(&req)),
    })
}

/// Services (one per listing), paged, with their organization.
#[utoipa::path(
    tag = "hsds",
    params(HsdsQuery, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of services (`format=ndjson`: every service, one per line)",
            content((Page<Service> = "application/json"), (Service = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/services")]
#[tracing::instrument(skip(state, locale))]
pub async fn list_hsds_services(
    state: web::Data<AppState>,
    query: web::Query<HsdsQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let paging = Paging::parse(&query)?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let map = mapper(&state, &labels);
    let hits = matching(&state, &query, &locale.0, labels.now)?;
    respond(
        paging.page(&hits, |hit| Some(map.service(&hit.listing))),
        paging.ndjson,
    )
}

/// One service with everything related: phones, schedules, languages,
/// locations and its category term.
#[utoipa::path(
    tag = "hsds",
    params(
        ("id" = String, Path, description = "The service's UUID"),
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`"),
    ),
    responses(
        (status = 200, description = "The fully nested service", body = Service),
        (status = 404, description = "No service has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/services/{id}")]
#[tracing::instrument(skip(state, locale))]
pub async fn get_hsds_service(
    state: web::Data<AppState>,
    id: web::Path<String>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let hit =
        find(&state, ids::Kind::Service, &id).ok_or_else(|| ApiError::listing_not_found(&id))?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    Ok(HttpResponse::Ok().json(mapper(&state, &labels).full_service(&hit)))
}

/// Organizations (one per listing), paged.
#[utoipa::path(
    tag = "hsds",
    params(HsdsQuery, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of organizations",
            content((Page<Organization> = "application/json"), (Organization = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations")]
#[tracing::instrument(skip(state, locale))]
pub async fn list_hsds_organizations(
    state: web::Data<AppState>,
    query: web::Query<HsdsQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let paging = Paging::parse(&query)?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let map = mapper(&state, &labels);
    let hits = matching(&state, &query, &locale.0, labels.now)?;
    respond(
        paging.page(&hits, |hit| Some(map.organization(&hit.listing))),
        paging.ndjson,
    )
}

/// One organization with its phones, locations and full service.
#[utoipa::path(
    tag = "hsds",
    params(
        ("id" = String, Path, description = "The organization's UUID"),
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`"),
    ),
    responses(
        (status = 200, description = "The organization", body = Organization),
        (status = 404, description = "No organization has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{id}")]
#[tracing::instrument(skip(state, locale))]
pub async fn get_hsds_organization(
    state: web::Data<AppState>,
    id: web::Path<String>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let hit = find(&state, ids::Kind::Organization, &id)
        .ok_or_else(|| ApiError::listing_not_found(&id))?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    Ok(HttpResponse::Ok().json(mapper(&state, &labels).full_organization(&hit)))
}

/// Services at their locations: listings with an address or coordinates.
#[utoipa::path(
    tag = "hsds",
    params(HsdsQuery, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of services at locations",
            content((Page<ServiceAtLocation> = "application/json"), (ServiceAtLocation = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/service_at_locations")]
#[tracing::instrument(skip(state, locale))]
pub async fn list_hsds_service_at_locations(
    state: web::Data<AppState>,
    query: web::Query<HsdsQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let paging = Paging::parse(&query)?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let map = mapper(&state, &labels);
    let hits = matching(&state, &query, &locale.0, labels.now)?;
    respond(
        paging.page(&hits, |hit| map.service_at_location(&hit.listing, true)),
        paging.ndjson,
    )
}

/// The directory's one taxonomy: its four categories.
#[utoipa::path(
    tag = "hsds",
    params(HsdsQuery, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of taxonomies", body = Page<Taxonomy>),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/taxonomies")]
#[tracing::instrument(skip(state, locale))]
pub async fn list_hsds_taxonomies(
    state: web::Data<AppState>,
    query: web::Query<HsdsQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let paging = Paging::parse(&query)?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let taxonomy = Taxonomy {
        id: ids::taxonomy(),
        name: labels.text("hsds-taxonomy-name"),
        description: labels.text("hsds-taxonomy-description"),
        version: "1".into(),
    };
    respond(paging.page(&[taxonomy], |t| Some(t.clone())), paging.ndjson)
}

/// The four categories as taxonomy terms.
#[utoipa::path(
    tag = "hsds",
    params(HsdsQuery, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of taxonomy terms", body = Page<TaxonomyTerm>),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/taxonomy_terms")]
#[tracing::instrument(skip(state, locale))]
pub async fn list_hsds_taxonomy_terms(
    state: web::Data<AppState>,
    query: web::Query<HsdsQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let paging = Paging::parse(&query)?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let map = mapper(&state, &labels);
    respond(
        paging.page(&Category::ALL, |c| Some(map.term(*c))),
        paging.ndjson,
    )
}
