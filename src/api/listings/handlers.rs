//! Handlers: parse the request, ask the database, localize, answer.

use std::sync::Arc;

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::views::{ListingPageView, ListingView};
use crate::api::error::{ApiError, Problem};
use crate::api::labels::Labels;
use crate::api::locale::RequestLocale;
use crate::api::respond::cached_json;
use crate::api::state::AppState;
use crate::db::listings;
use crate::domain::{Cursor, ListingFilter, ListingId, ListingParams};
use crate::i18n::Locale;

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

impl ListingQuery {
    /// The raw values, for [`ListingFilter::parse`].
    pub fn params(&self) -> ListingParams<'_> {
        ListingParams {
            category: self.category.as_deref(),
            city: self.city.as_deref(),
            district: self.district.as_deref(),
            language: self.language.as_deref(),
            limit: self.limit.as_deref(),
            cursor: self.cursor.as_deref(),
        }
    }
}

/// One page of listings localized in `locale`: the one query and view of
/// the JSON list and the embeddable widget.
pub async fn listing_page(
    state: &AppState,
    filter: &ListingFilter,
    locale: &Locale,
) -> Result<ListingPageView, ApiError> {
    let db_filter = filter.clone();
    let page = state
        .db
        .run(move |conn| listings::page(conn, &db_filter))
        .await?;
    let locales = state.locales();
    let labels = Labels::new(&locales, locale);
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
    let filter = ListingFilter::parse(query.params(), state.reference())?;
    let key: Arc<str> = format!("listings|{filter:?}|{}", locale.0.tag()).into();
    cached_json(&state, key, listing_page(&state, &filter, &locale.0)).await
}

/// Get one listing by id.
#[utoipa::path(
    tag = "listings",
    params(
        ("id" = String, Path, description = "The listing's id", example = "seoul-global-center"),
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`"),
    ),
    responses(
        (status = 200, description = "The listing", body = ListingView),
        (status = 404, description = "No listing has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/listings/{id}")]
#[tracing::instrument(skip(state, locale))]
pub async fn get_listing(
    state: web::Data<AppState>,
    id: web::Path<String>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let raw_id = id.into_inner();
    let Ok(id) = ListingId::parse(&raw_id) else {
        return Err(ApiError::listing_not_found(&raw_id));
    };
    let key: Arc<str> = format!("listing|{id}|{}", locale.0.tag()).into();
    cached_json(&state, key, async {
        let lookup = id.clone();
        let listing = state
            .db
            .run(move |conn| listings::find(conn, &lookup))
            .await
            .map_err(|error| {
                if error.is_not_found() {
                    ApiError::listing_not_found(id.as_str())
                } else {
                    error.into()
                }
            })?;
        let locales = state.locales();
        Ok(ListingView::build(
            &listing,
            &Labels::new(&locales, &locale.0),
        ))
    })
    .await
}
