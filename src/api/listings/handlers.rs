//! Handlers: parse the request, ask the database, localize, answer.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::views::{ListingPageView, ListingView};
use crate::api::editing::etag::{etag, none_match_hits};
use crate::api::error::{ApiError, Problem};
use crate::api::labels::Labels;
use crate::api::locale::RequestLocale;
use crate::api::respond::{cached_json, json};
use crate::api::state::AppState;
use crate::db::{editing, listings};
use crate::domain::{Cursor, ListingFilter, ListingId, ListingParams};

/// Query parameters of `GET /v1/listings`. Values are taken as strings and
/// validated by the domain, so that each mistake gets its own localized
/// message.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListingQuery {
    /// Only this kind of place: `real_estate`, `job_cafe`, `incubator`,
    /// `contact_point`.
    #[param(example = "job_cafe")]
    category: Option<String>,
    /// Only this city (see `GET /v1/cities`).
    #[param(example = "seoul")]
    city: Option<String>,
    /// Only this district (see `GET /v1/cities/{city}/districts`).
    #[param(example = "gangnam")]
    district: Option<String>,
    /// Only places whose staff speak this language (BCP 47, e.g. `ja`).
    #[param(example = "ja")]
    language: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(example = 20)]
    limit: Option<String>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// List listings, filtered, a page at a time.
#[utoipa::path(
    tag = "listings",
    params(ListingQuery, ("lang" = Option<String>, Query, description = "Response locale (overrides `Accept-Language`), e.g. `ko`")),
    responses(
        (status = 200, description = "A page of listings", body = ListingPageView),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/listings")]
#[tracing::instrument(skip(state, locale))]
pub async fn list_listings(
    state: web::Data<AppState>,
    query: web::Query<ListingQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let params = ListingParams {
        category: query.category.as_deref(),
        city: query.city.as_deref(),
        district: query.district.as_deref(),
        language: query.language.as_deref(),
        limit: query.limit.as_deref(),
        cursor: query.cursor.as_deref(),
    };
    let filter = ListingFilter::parse(params, state.reference())?;
    let key: Arc<str> = format!("listings|{filter:?}|{}", locale.0.tag()).into();
    cached_json(&state, key, async {
        let db_filter = filter.clone();
        let page = state
            .db
            .run(move |conn| listings::page(conn, &db_filter))
            .await?;
        let locales = state.locales();
        let labels = Labels::new(&locales, &locale.0);
        let next_cursor = page
            .has_more
            .then(|| page.items.last())
            .flatten()
            .map(|last| {
                Cursor {
                    after: last.id.clone(),
                }
                .encode()
            });
        Ok(ListingPageView {
            items: page
                .items
                .iter()
                .map(|listing| ListingView::build(listing, &labels))
                .collect(),
            next_cursor,
            total: page.total,
        })
    })
    .await
}

/// Get one listing by id, with its `ETag` (answers `If-None-Match` with 304).
#[utoipa::path(
    tag = "listings",
    params(
        ("id" = String, Path, description = "The listing's id", example = "seoul-global-center"),
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`"),
        ("If-None-Match" = Option<String>, Header, description = "An ETag from an earlier answer"),
    ),
    responses(
        (status = 200, description = "The listing; `ETag` names this version in this locale", body = ListingView),
        (status = 304, description = "Unchanged since the ETag in `If-None-Match`"),
        (status = 404, description = "No listing has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/listings/{id}")]
#[tracing::instrument(skip(state, locale, req))]
pub async fn get_listing(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let raw_id = id.into_inner();
    let Ok(id) = ListingId::parse(&raw_id) else {
        return Err(ApiError::listing_not_found(&raw_id));
    };
    // The body and its ETag are cached side by side; a write clears both.
    let key: Arc<str> = format!("listing|{id}|{}", locale.0.tag()).into();
    let etag_key: Arc<str> = format!("listing-etag|{id}|{}", locale.0.tag()).into();
    let cached = state.cache.get(&key).zip(state.cache.get(&etag_key));
    let (body, tag) = match cached {
        Some(hit) => hit,
        None => {
            let lookup = id.clone();
            let stored = state
                .db
                .run(move |conn| editing::find_stored(conn, &lookup))
                .await?
                .filter(|stored| !stored.deleted)
                .ok_or_else(|| ApiError::listing_not_found(id.as_str()))?;
            let locales = state.locales();
            let view = ListingView::build(&stored.listing, &Labels::new(&locales, &locale.0));
            let body = serde_json::to_vec(&view)
                .map(Bytes::from)
                .map_err(|error| ApiError::internal(&error))?;
            let tag = Bytes::from(etag(stored.version, locale.0.tag()));
            state.cache.insert(key, body.clone());
            state.cache.insert(etag_key, tag.clone());
            (body, tag)
        }
    };
    let tag = String::from_utf8_lossy(&tag).into_owned();
    if none_match_hits(&req, &tag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .finish());
    }
    let mut response = json(body);
    if let Ok(value) = header::HeaderValue::from_str(&tag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    Ok(response)
}
