//! Handlers: parse the request, ask the catalog, localize, answer.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono_tz::Tz;
use serde::Deserialize;
use utoipa::IntoParams;

use super::geojson::{self, FeatureCollection};
use super::views::{ListingPageView, ListingView};
use crate::api::error::{ApiError, Problem};
use crate::api::labels::Labels;
use crate::api::locale::RequestLocale;
use crate::api::params;
use crate::api::respond::{CacheKey, Rendered, cached_body};
use crate::app::state::AppState;
use crate::domain::{Cursor, InvalidParameter, ListingFilter, ListingParams, ParameterProblem};
use crate::i18n::Locale;

/// Query parameters of `GET /v1/listings`. Values are taken as strings and
/// validated by the domain, so that each mistake gets its own localized
/// message.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListingQuery {
    /// Only this kind of place: `real_estate`, `job_cafe`, `incubator`,
    /// `contact_point`.
    #[param(value_type = Option<params::CategoryCode>, inline, example = "job_cafe")]
    category: Option<String>,
    /// Only this city (see `GET /v1/cities`).
    #[param(value_type = Option<params::ReferenceCode>, inline, example = "seoul")]
    city: Option<String>,
    /// Only this district (see `GET /v1/cities/{city}/districts`); with
    /// `city`, a district of that city.
    #[param(value_type = Option<params::ReferenceCode>, inline, example = "gangnam")]
    district: Option<String>,
    /// Only places whose staff speak this language (BCP 47, e.g. `ja`).
    #[param(value_type = Option<params::LanguageTag>, inline, example = "ja")]
    language: Option<String>,
    /// Search text in any locale and script (up to 200 characters): every
    /// word must occur in a listing's name, address, summary or eligibility
    /// in some locale, or in a localized name of its district, city or
    /// category. Case, width (full/half) and Unicode forms are folded.
    #[param(value_type = Option<params::SearchText>, inline, example = "강남")]
    q: Option<String>,
    /// Near a point: `latitude,longitude` (WGS 84). Adds `distance_m`.
    #[param(value_type = Option<params::LatLon>, inline, example = "37.5665,126.9780")]
    near: Option<String>,
    /// With `near`: only listings within this many metres (1 to 100000).
    #[param(value_type = Option<params::Metres>, inline, example = 2000)]
    radius_m: Option<String>,
    /// A map viewport: `west,south,east,north` in degrees (RFC 7946 order;
    /// `south` at most `north`).
    #[param(value_type = Option<params::Viewport>, inline, example = "126.95,37.50,127.10,37.60")]
    bbox: Option<String>,
    /// `true`: only listings open now, in their city's time zone and
    /// public holidays. Not with `open_at` (so no example: the examples
    /// are sent together).
    #[param(value_type = Option<params::Flag>, inline)]
    open_now: Option<String>,
    /// Only listings open at this RFC 3339 instant.
    #[param(value_type = Option<params::Instant>, inline, example = "2026-09-24T11:00:00+09:00")]
    open_at: Option<String>,
    /// `true`: only listings whose application window is open now;
    /// `false`: only the others.
    #[param(value_type = Option<params::Flag>, inline, example = true)]
    accepting_applications: Option<String>,
    /// `id` (default), `relevance` (default with `q`), `name` (response
    /// locale's collation), `distance` (needs `near`), `updated` (newest first).
    #[param(value_type = Option<params::SortOrder>, inline, example = "name")]
    sort: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(value_type = Option<params::PageSize>, inline, example = 20)]
    limit: Option<String>,
    /// The `next_cursor` of the previous page (same filters and sort):
    /// opaque, only values the server handed out are accepted.
    #[param(value_type = Option<params::Token>, inline)]
    cursor: Option<String>,
    /// Only listings whose facts were verified within this period before
    /// today (UTC): `<N>d` days, `<N>w` weeks or `<N>m` calendar months,
    /// up to a century. Listings never verified never match.
    #[param(value_type = Option<params::Period>, inline, example = "90d")]
    verified_within: Option<String>,
}

/// `format` of `GET /v1/listings` (the calendar and the widget have one
/// representation each, so they do not take it).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct FormatQuery {
    /// `json` (default) or `geojson` (RFC 7946, as with
    /// `Accept: application/geo+json`).
    #[param(value_type = Option<params::ListingFormat>, inline, example = "geojson")]
    format: Option<String>,
}

impl ListingQuery {
    /// The raw values, for [`ListingFilter::parse`].
    pub(crate) fn params(&self) -> ListingParams<'_> {
        ListingParams {
            category: self.category.as_deref(),
            city: self.city.as_deref(),
            district: self.district.as_deref(),
            language: self.language.as_deref(),
            q: self.q.as_deref(),
            near: self.near.as_deref(),
            radius_m: self.radius_m.as_deref(),
            bbox: self.bbox.as_deref(),
            open_now: self.open_now.as_deref(),
            open_at: self.open_at.as_deref(),
            accepting_applications: self.accepting_applications.as_deref(),
            sort: self.sort.as_deref(),
            limit: self.limit.as_deref(),
            cursor: self.cursor.as_deref(),
            verified_within: self.verified_within.as_deref(),
        }
    }
}

/// One page of listings localized in `locale`, from the catalog: the one
/// query and view behind the JSON list, GeoJSON and the embeddable widget.
pub(crate) fn listing_page(
    state: &AppState,
    filter: &ListingFilter,
    locale: &Locale,
) -> ListingPageView {
    let locales = state.locales();
    let labels = Labels::new(&locales, locale);
    let page = state
        .catalog()
        .read()
        .query(filter, locale.tag(), labels.now);
    let next_cursor = page.next.as_ref().map(Cursor::encode);
    ListingPageView {
        items: page
            .hits
            .iter()
            .map(|hit| {
                ListingView::from_hit(
                    hit,
                    &labels,
                    zone_of(state, &hit.listing.city),
                    state.stale_after(),
                )
            })
            .collect(),
        next_cursor,
        total: i64::try_from(page.total).unwrap_or(i64::MAX),
    }
}

/// Whether the page is wanted as GeoJSON: `format=geojson`, or an `Accept`
/// header naming `application/geo+json` without `format=json`.
fn wants_geojson(query: &FormatQuery, req: &HttpRequest) -> Result<bool, ApiError> {
    match query.format.as_deref().map(str::trim) {
        Some("geojson") => Ok(true),
        Some("json") => Ok(false),
        None | Some("") => Ok(req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains(geojson::MEDIA_TYPE))),
        Some(other) => Err(InvalidParameter {
            parameter: "format",
            problem: ParameterProblem::Unknown {
                value: other.to_owned(),
            },
        }
        .into()),
    }
}

/// The URL of the next page: this request's query with the new cursor
/// (RFC 8288 `Link: <…>; rel="next"`).
fn next_link(req: &HttpRequest, cursor: &str) -> Option<String> {
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string()).ok()?;
    pairs.retain(|(name, _)| name != "cursor");
    pairs.push(("cursor".into(), cursor.into()));
    let query = serde_urlencoded::to_string(pairs).ok()?;
    Some(format!("<{}?{query}>; rel=\"next\"", req.path()))
}

/// The time zone of a city (UTC when unknown).
pub(crate) fn zone_of(state: &AppState, city: &str) -> Tz {
    state
        .reference()
        .city(city)
        .and_then(|c| c.time_zone.parse().ok())
        .unwrap_or(Tz::UTC)
}

/// List listings: search, filter by place, time and language, sort, page.
#[utoipa::path(
    tag = "listings",
    params(ListingQuery, FormatQuery, ("lang" = Option<String>, Query, description = "Response locale (overrides `Accept-Language`), e.g. `ko`")),
    responses(
        (status = 200, description = "A page of listings; `Link: <…>; rel=\"next\"` when more follow",
            content((ListingPageView = "application/json"), (FeatureCollection = "application/geo+json"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/listings")]
#[tracing::instrument(skip(state, locale, req))]
pub(crate) async fn list_listings(
    state: web::Data<AppState>,
    query: web::Query<ListingQuery>,
    format: web::Query<FormatQuery>,
    locale: RequestLocale,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let filter = ListingFilter::parse(query.params(), state.reference())?;
    let as_geojson = wants_geojson(&format, &req)?;
    let key = CacheKey::for_filter("listings", &filter, &as_geojson, locale.0.tag());
    let rendered = cached_body(&state, key, || {
        let view = listing_page(&state, &filter, &locale.0);
        let next_cursor = view.next_cursor.clone();
        let body = if as_geojson {
            serde_json::to_vec(&FeatureCollection::from(view))?
        } else {
            serde_json::to_vec(&view)?
        };
        Ok::<_, ApiError>(Rendered {
            body: body.into(),
            next_cursor,
            etag: None,
        })
    })?;

    let mut response = HttpResponse::Ok();
    response.content_type(if as_geojson {
        geojson::MEDIA_TYPE
    } else {
        "application/json"
    });
    // Without `format`, `Accept` picks JSON or GeoJSON: a shared cache must
    // not hand one to a client that asked for the other.
    response.append_header((header::VARY, "Accept"));
    if let Some(link) = rendered
        .next_cursor
        .as_deref()
        .and_then(|cursor| next_link(&req, cursor))
    {
        response.insert_header((header::LINK, link));
    }
    Ok(response.body(rendered.body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn the_next_link_keeps_the_filters_and_replaces_the_cursor() {
        let req = TestRequest::get()
            .uri("/v1/listings?q=%EA%B0%95%EB%82%A8&cursor=old&limit=5")
            .to_http_request();
        assert_eq!(
            next_link(&req, "new").unwrap(),
            "</v1/listings?q=%EA%B0%95%EB%82%A8&limit=5&cursor=new>; rel=\"next\""
        );
    }
}
